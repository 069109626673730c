//! The OpenAPI auditor: fixtures in all three versions and both syntaxes,
//! the risk report, bad input, and the rule catalogue.

use crate::common::{check_expectations, fixture_at, json, scan_json, testdata, vigie};

#[test]
fn fixtures_match_expectations_with_exact_lines() {
    let report = check_expectations("openapi");
    // Every API finding carries its JSON pointer and the risk profile.
    for f in report["findings"].as_array().unwrap() {
        let pointer = f["pointer"].as_str().unwrap();
        assert!(pointer.contains("#/"), "{pointer}");
        if f["properties"].get("operation").is_some() {
            for key in [
                "risk",
                "risk-access",
                "risk-authentication",
                "risk-data",
                "risk-granularity",
            ] {
                assert!(f["properties"].get(key).is_some(), "{f}");
            }
        }
    }
    // The member schemas come from a file reached by a relative `$ref`.
    let contacts = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "contacts/openapi.json" && f["rule"] == "api/missing-auth")
        .unwrap();
    let message = contacts["message"].as_str().unwrap();
    assert!(
        message.contains("4 of 4 operations") && message.contains("2 of them"),
        "{message}"
    );
    // Bad input is a problem, never a fatal error: the scan goes on.
    assert_eq!(report["summary"]["problems"], 6);
}

#[test]
fn every_api_rule_has_a_positive_case() {
    let expected = std::fs::read_to_string(testdata("openapi/expected.txt")).unwrap();
    let out = vigie()
        .args(["rules", "--tag", "api", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rules = json(&out.stdout);
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 16, "{ids:?}");
    for id in ids {
        assert!(id.starts_with("api/"), "{id}");
        assert!(
            expected.lines().any(|l| l.ends_with(&format!(" {id}"))),
            "no fixture finds {id}"
        );
    }
}

#[test]
fn levels_follow_the_stakes() {
    let dir = fixture_at("openapi");
    let (code, report) = scan_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let level = |path: &str, line: u64, rule: &str| -> String {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path && f["start"]["line"] == line && f["rule"] == rule)
            .unwrap_or_else(|| panic!("{path}:{line} {rule}"))["level"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // An unauthenticated write of personal data is an error; a health check a note.
    assert_eq!(
        level("legacy/swagger.yaml", 44, "api/missing-auth"),
        "error"
    );
    assert_eq!(level("legacy/swagger.yaml", 27, "api/missing-auth"), "note");
    // No scheme at all: one document-level finding, not one per operation.
    assert_eq!(
        level("contacts/openapi.json", 2, "api/missing-auth"),
        "error"
    );
    // A plain-HTTP production server is an error, localhost a note.
    assert_eq!(
        level("health/openapi.yaml", 8, "api/insecure-transport"),
        "error"
    );
    assert_eq!(
        level("health/openapi.yaml", 9, "api/insecure-transport"),
        "note"
    );
    // A national identifier in a URL is an error, an email a warning.
    assert_eq!(
        level("health/openapi.yaml", 73, "api/personal-data-in-url"),
        "error"
    );
    assert_eq!(
        level("health/openapi.yaml", 90, "api/personal-data-in-url"),
        "warning"
    );
    // Limits are notes.
    assert_eq!(
        level("health/openapi.yaml", 196, "api/unbounded-string"),
        "note"
    );
}

#[test]
fn configured_level_wins_over_the_checks_level() {
    let dir = fixture_at("openapi/legacy");
    std::fs::write(
        dir.path().join("vigie.toml"),
        "[rules.levels]\n\"api/missing-auth\" = \"warning\"\n",
    )
    .unwrap();
    let (_, report) = scan_json(dir.path(), &[]);
    let levels: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "api/missing-auth")
        .map(|f| f["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["warning", "warning"]);
}

#[test]
fn api_report_ranks_operations_by_risk() {
    let out = vigie()
        .args(["api-report", "--format", "json"])
        .arg(testdata("openapi/health/openapi.yaml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out.stdout);
    let ops = report["operations"].as_array().unwrap();
    let risk = |op: &str| -> &str {
        ops.iter()
            .find(|o| o["operation"] == op)
            .unwrap_or_else(|| panic!("{op}"))["risk"]
            .as_str()
            .unwrap()
    };
    assert_eq!(risk("POST /appointments"), "critical");
    assert_eq!(risk("GET /health"), "low");
    // The login endpoint carries a username (personal data); being open by
    // design does not aggravate it.
    assert_eq!(risk("POST /auth/token"), "moderate");
    assert_eq!(
        ops[0]["operation"], "POST /appointments",
        "most critical first"
    );
    let ranks: Vec<u8> = ops
        .iter()
        .map(|o| match o["risk"].as_str().unwrap() {
            "critical" => 3,
            "high" => 2,
            "moderate" => 1,
            _ => 0,
        })
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");

    for format in ["text", "markdown"] {
        let out = vigie()
            .args(["api-report", "--format", format])
            .arg(testdata("openapi/health/openapi.yaml"))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("2 critical"), "{text}");
        assert!(text.contains("POST /appointments"), "{text}");
    }
}

#[test]
fn api_report_rejects_bad_input_clearly() {
    let out = vigie()
        .arg("api-report")
        .arg(testdata("openapi/bad/invalid.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid.json") && err.contains("5:1") && err.contains("invalid JSON"),
        "{err}"
    );

    let out = vigie()
        .arg("api-report")
        .arg(testdata("openapi/bad/not-api.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an API description"));
}

#[test]
fn alias_bomb_and_deep_nesting_stay_bounded() {
    let dir = tempfile::TempDir::new().unwrap();
    // 10^9 nodes once expanded; shared, not copied.
    let mut bomb = String::from("openapi: 3.0.0\ninfo: {title: b, version: '1'}\npaths: {}\nx:\n  a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    for i in 1..10 {
        let p = format!("*a{}", i - 1);
        bomb.push_str(&format!("  a{i}: &a{i} [{}]\n", vec![p; 10].join(",")));
    }
    std::fs::write(dir.path().join("bomb.yaml"), bomb).unwrap();
    let deep = format!(
        "{{\"openapi\": \"3.0.0\", \"x\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(dir.path().join("deep.json"), deep).unwrap();
    let (_, report) = scan_json(dir.path(), &[]);
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["path"], "deep.json");
    assert!(problems[0]["message"]
        .as_str()
        .unwrap()
        .contains("nested deeper"));
}

#[test]
fn sarif_carries_pointers_and_risk() {
    let dir = fixture_at("openapi/health");
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    let sarif = json(&out.stdout);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let critical = results
        .iter()
        .find(|r| r["ruleId"] == "api/auth-override-empty")
        .unwrap();
    assert_eq!(
        critical["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "openapi.yaml#/paths/~1appointments/post/security"
    );
    assert_eq!(critical["properties"]["risk"], "critical");
    assert_eq!(critical["properties"]["operation"], "POST /appointments");
    crate::sarif::assert_valid(&sarif);
}

#[test]
fn a_named_file_is_audited_whatever_its_extension() {
    let dir = tempfile::TempDir::new().unwrap();
    let text = std::fs::read(testdata("openapi/legacy/swagger.yaml")).unwrap();
    std::fs::write(dir.path().join("api.txt"), text).unwrap();
    // Walked: only .json, .yaml and .yml files are sniffed.
    let (code, report) = scan_json(dir.path(), &[]);
    assert_eq!(code, 0, "{report}");
    // Named: audited.
    let (code, report) = scan_json(&dir.path().join("api.txt"), &[]);
    assert_eq!(code, 1);
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "api/credential-in-url"));
}
