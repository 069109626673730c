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

#[test]
fn sarif_report() {
    insta::assert_snapshot!(run(&["--format", "sarif"]));
}
