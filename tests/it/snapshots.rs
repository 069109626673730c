//! Snapshots of every report format on the basic fixture (review changes
//! with `cargo insta review`, or `INSTA_UPDATE=always cargo test`).

use crate::common::*;

fn run(args: &[&str]) -> String {
    let dir = fixture("basic");
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let root = format!("file://{}/", dir.path().canonicalize().unwrap().display());
    String::from_utf8(out.stdout)
        .unwrap()
        .replace(&root, "file:///ROOT/")
}

#[test]
fn text_report() {
    insta::assert_snapshot!(run(&["--quiet", "--show-suppressed"]));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(run(&["--format", "json"]));
}

/// The SARIF log without the parts that change whenever a rule is added
/// anywhere (the full rule list and rule indices, checked in `sarif.rs`):
/// the results, the invocation, and one rule's descriptor.
#[test]
fn sarif_report() {
    let mut log: serde_json::Value = serde_json::from_str(&run(&["--format", "sarif"])).unwrap();
    let run = &mut log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].take();
    let one = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "secret/github-pat-classic")
        .cloned()
        .unwrap();
    run["tool"]["driver"]["rules"] = serde_json::json!([one]);
    for result in run["results"].as_array_mut().unwrap() {
        result.as_object_mut().unwrap().remove("ruleIndex");
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&log).unwrap());
}
