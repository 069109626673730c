//! SARIF output validates against the official 2.1.0 schema and carries
//! what GitHub code scanning needs.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::*;

pub fn assert_valid(sarif: &Value) {
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(testdata("sarif-2.1.0.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
}

fn sarif_of(dir: &Path) -> Value {
    let out = vigie()
        .arg("scan")
        .arg(dir)
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2));
    json(&out.stdout)
}

#[test]
fn fixture_sarif_is_valid_and_complete() {
    let dir = fixture("basic");
    // A skipped file, so notifications are exercised too.
    fs::write(dir.path().join("blob.bin"), b"\x00\x01").unwrap();
    let sarif = sarif_of(dir.path());
    assert_valid(&sarif);

    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "vigie");
    assert!(driver["version"].is_string());
    assert!(driver["informationUri"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 4);
    for rule in rules {
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["fullDescription"]["text"].is_string());
        assert!(rule["help"]["text"].is_string());
        assert!(rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## How to fix"));
        assert!(rule["defaultConfiguration"]["level"].is_string());
        let tags = rule["properties"]["tags"].as_array().unwrap();
        let family = rule["id"].as_str().unwrap().split('/').next().unwrap();
        assert!(tags.contains(&family.into()), "{rule}");
        let severity: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.1..=10.0).contains(&severity));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let loc = &result["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(!loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with('/'));
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(loc["region"][key].as_u64().unwrap() >= 1, "{key}");
        }
        assert_eq!(
            result["partialFingerprints"]["vigie/v1"]
                .as_str()
                .unwrap()
                .len(),
            32
        );
    }
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 2);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes
        .iter()
        .any(|n| n["message"]["text"].as_str().unwrap().contains("blob.bin")));
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("file:///"));
}

#[test]
fn sarif_of_this_repository_is_valid() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = tempfile::TempDir::new().unwrap();
    let out = out_dir.path().join("out.sarif");
    let status = vigie()
        .current_dir(repo)
        .args(["scan", ".", "--format", "sarif", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert_ne!(
        status.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert_valid(&json(&fs::read(&out).unwrap()));
}

#[test]
fn sarif_with_no_findings_is_valid() {
    let dir = repo();
    fs::write(dir.path().join("a b#c.txt"), "nothing\n").unwrap();
    fs::write(dir.path().join("d.txt"), "password = \"Zq8#kLm2pW\"\n").unwrap();
    let sarif = sarif_of(dir.path());
    assert_valid(&sarif);
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
}
