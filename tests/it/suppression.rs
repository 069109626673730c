//! Inline suppression, allowlists and baselines.

use std::fs;

use predicates::prelude::*;

use crate::common::*;

#[test]
fn inline_comments_suppress_by_rule_and_are_kept_as_suppressed() {
    let dir = fixture("basic");
    let (_, report) = scan_json(dir.path(), &[]);
    let suppressed: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppression").is_some())
        .collect();
    assert_eq!(suppressed.len(), 2);
    assert_eq!(suppressed[0]["suppression"]["kind"], "inSource");
    assert_eq!(
        suppressed[1]["suppression"]["justification"],
        "vigie:ignore comment on line 2"
    );
    // Hidden in text by default, shown with --show-suppressed.
    let text = |extra: &[&str]| {
        let out = vigie()
            .arg("scan")
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(!text(&[]).contains("src/app.js:3:"));
    assert!(
        text(&["--show-suppressed"]).contains("src/app.js:3:20: error secret/aws-access-key-id")
    );
    assert!(text(&[]).contains("2 suppressed"));
}

#[test]
fn allowlisted_values_are_suppressed() {
    let dir = fixture("basic");
    fs::write(
        dir.path().join("vigie.toml"),
        format!("[allowlist]\nvalues = [\"{TOKEN}\"]\n"),
    )
    .unwrap();
    let (_, report) = scan_json(dir.path(), &[]);
    let token = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "secret/github-pat-classic" && f["path"] == ".env")
        .unwrap();
    assert_eq!(token["suppression"]["kind"], "external");
    assert_eq!(
        token["suppression"]["justification"],
        "allowlisted in vigie.toml"
    );
}

#[test]
fn baseline_round_trip_survives_line_moves_and_catches_new_findings() {
    let dir = fixture("basic");
    let baseline = dir.path().join(".vigie-baseline.json");
    vigie()
        .arg("baseline")
        .arg(dir.path())
        .arg("--output")
        .arg(&baseline)
        .assert()
        .success()
        .stderr(predicate::str::contains("Wrote 5 finding(s)"));
    let text = fs::read_to_string(&baseline).unwrap();
    assert!(
        !text.contains(TOKEN) && !text.contains("Tr0ub4dor"),
        "no secret in the baseline"
    );
    let parsed = json(text.as_bytes());
    assert_eq!(parsed["version"], 1);
    assert_eq!(parsed["findings"].as_array().unwrap().len(), 5);

    let with_baseline = ["--baseline", baseline.to_str().unwrap()];
    let (code, report) = scan_json(dir.path(), &with_baseline);
    assert_eq!(code, 0, "everything known");
    assert_eq!(report["summary"]["findings"]["suppressed"], 7);

    // Move lines around: still known.
    let env = fs::read_to_string(dir.path().join(".env")).unwrap();
    fs::write(dir.path().join(".env"), format!("# moved\n\n{env}")).unwrap();
    let (code, _) = scan_json(dir.path(), &with_baseline);
    assert_eq!(code, 0, "fingerprints survive line moves");

    // A new secret is reported.
    fs::write(
        dir.path().join("new.env"),
        "TOKEN=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\n",
    )
    .unwrap();
    let (code, report) = scan_json(dir.path(), &with_baseline);
    assert_eq!(code, 1);
    let unsuppressed: Vec<String> = finding_lines(&report)
        .into_iter()
        .filter(|l| !l.ends_with("suppressed"))
        .collect();
    assert_eq!(unsuppressed, ["new.env:1 secret/github-pat-classic"]);

    // A broken baseline is a fatal error naming the file.
    fs::write(&baseline, "{not json").unwrap();
    vigie()
        .arg("scan")
        .arg(dir.path())
        .args(with_baseline)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".vigie-baseline.json"));
}
