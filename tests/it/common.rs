use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The vigie binary, with colour-related variables cleared.
pub fn vigie() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vigie"));
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

pub fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of `testdata/scan/<name>` in a temporary directory, made the root
/// of a repository (a `.git/` holding a secret that must never be scanned),
/// so no configuration file outside it is picked up.
pub fn fixture(name: &str) -> TempDir {
    fixture_at(&format!("scan/{name}"))
}

/// A copy of `testdata/<rel>`, made the root of a repository (see [`fixture`]).
pub fn fixture_at(rel: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&testdata(rel), dir.path());
    let git = dir.path().join(".git");
    fs::create_dir_all(&git).unwrap();
    fs::write(
        git.join("config"),
        "[remote]\n\turl = https://x: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@example.com\n",
    )
    .unwrap();
    dir
}

/// An empty repository root in a temporary directory.
pub fn repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir
}

pub fn json(stdout: &[u8]) -> Value {
    serde_json::from_slice(stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(stdout)))
}

/// Runs `vigie scan DIR --format json` and returns (exit code, report).
pub fn scan_json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let out = vigie()
        .arg("scan")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 2, "{}", String::from_utf8_lossy(&out.stderr));
    (code, json(&out.stdout))
}

/// Runs `vigie scan DIR ARGS...` and asserts a fatal error (exit 2) whose
/// message contains `message`.
pub fn scan_fails(dir: &Path, extra: &[&str], message: &str) {
    vigie()
        .arg("scan")
        .arg(dir)
        .args(extra)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(message));
}

/// Scans a copy of `testdata/<rel>` and checks its findings against
/// `testdata/<rel>/expected.txt`, exactly both ways; returns the report.
pub fn check_expectations(rel: &str) -> Value {
    let dir = fixture_at(rel);
    let (_, report) = scan_json(dir.path(), &[]);
    let expected: Vec<String> = std::fs::read_to_string(testdata(&format!("{rel}/expected.txt")))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("trap "))
        .map(str::to_string)
        .collect();
    let actual: Vec<String> = finding_lines(&report)
        .into_iter()
        .chain(problem_lines(&report))
        .filter(|l| !l.starts_with("expected.txt:"))
        .collect();
    let missing: Vec<_> = expected.iter().filter(|e| !actual.contains(e)).collect();
    let unexpected: Vec<_> = actual.iter().filter(|a| !expected.contains(a)).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "{rel}: missing: {missing:#?}\nunexpected: {unexpected:#?}"
    );
    report
}

/// `path:line rule [suppressed]` lines of a JSON report.
pub fn finding_lines(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut line = format!(
                "{}:{} {}",
                f["path"].as_str().unwrap(),
                f["start"]["line"],
                f["rule"].as_str().unwrap()
            );
            if f.get("suppression").is_some() {
                line.push_str(" suppressed");
            }
            line
        })
        .collect()
}

/// `path:line problem` lines of a JSON report's input problems.
pub fn problem_lines(report: &Value) -> Vec<String> {
    report["problems"]
        .as_array()
        .map(|problems| {
            problems
                .iter()
                .map(|p| format!("{}:{} problem", p["path"].as_str().unwrap(), p["line"]))
                .collect()
        })
        .unwrap_or_default()
}

/// `path reason` lines of a JSON report's skipped files.
pub fn skipped_lines(report: &Value) -> Vec<String> {
    report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["path"].as_str().unwrap(),
                s["reason"].as_str().unwrap()
            )
        })
        .collect()
}

pub const TOKEN: &str = "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";
