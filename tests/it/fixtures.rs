//! Fixture directories with expectations, checked exactly both ways.

use crate::common::*;

#[test]
fn basic_fixture_matches_its_expectations_exactly() {
    let report = check_expectations("scan/basic");
    // Sorted by file, line, rule.
    let actual = finding_lines(&report);
    let mut sorted = actual.clone();
    sorted.sort();
    assert_eq!(actual, sorted);
}

#[test]
fn json_report_shape() {
    let dir = fixture("basic");
    let (_, report) = scan_json(dir.path(), &[]);
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "vigie");
    let summary = &report["summary"];
    assert_eq!(summary["findings"]["error"], 3);
    assert_eq!(summary["findings"]["warning"], 2);
    assert_eq!(summary["findings"]["suppressed"], 2);
    assert!(summary["files_scanned"].as_u64().unwrap() >= 6);
    let token = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "secret/github-pat-classic")
        .unwrap();
    assert_eq!(token["start"]["line"], 1);
    assert_eq!(token["start"]["column"], 14);
    assert_eq!(token["end"]["column"], 54);
    assert_eq!(token["level"], "error");
    assert_eq!(token["snippet"]["text"], "GITHUB_TOKEN=ghp_u8…[redacted]");
    assert_eq!(token["fingerprint"].as_str().unwrap().len(), 32);
    assert_eq!(token["tags"][0], "secret");
}
