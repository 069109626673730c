//! Configuration through the CLI: discovery, errors, every section.

use std::fs;

use crate::common::*;

#[test]
fn config_is_discovered_upward_to_the_repository_root() {
    let dir = fixture("basic");
    fs::write(
        dir.path().join("vigie.toml"),
        "[rules]\ndisable = [\"secret/generic-password\"]\n",
    )
    .unwrap();
    // Scanning a subdirectory still finds the root's vigie.toml.
    let (_, report) = scan_json(&dir.path().join("config"), &[]);
    assert!(
        finding_lines(&report)
            .iter()
            .all(|l| !l.contains("generic-password")),
        "{report}"
    );
    // --no-config ignores it.
    let (_, report) = scan_json(&dir.path().join("config"), &["--no-config"]);
    assert!(finding_lines(&report)
        .iter()
        .any(|l| l.contains("generic-password")));

    // Discovery stops at the repository root: a config above it is not used.
    let outer = tempfile::TempDir::new().unwrap();
    fs::write(
        outer.path().join("vigie.toml"),
        "[rules]\ndisable = [\"secret\"]\n",
    )
    .unwrap();
    let inner = outer.path().join("project");
    fs::create_dir_all(inner.join(".git")).unwrap();
    fs::write(inner.join(".env"), format!("T={TOKEN}\n")).unwrap();
    let (code, _) = scan_json(&inner, &[]);
    assert_eq!(code, 1);
}

#[test]
fn hidden_config_name_and_explicit_config() {
    let dir = fixture("basic");
    fs::write(
        dir.path().join(".vigie.toml"),
        "[rules]\ndisable = [\"secret\"]\n",
    )
    .unwrap();
    let (code, report) = scan_json(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(finding_lines(&report).is_empty());
    assert!(report["summary"]["files_scanned"].as_u64().unwrap() > 0);

    let other = tempfile::TempDir::new().unwrap();
    let explicit = other.path().join("strict.toml");
    fs::write(
        &explicit,
        "[rules]\nlevels = { secret = \"note\" }\n[allowlist]\nregexes = ['^Tr0ub']\n",
    )
    .unwrap();
    let (code, report) = scan_json(dir.path(), &["--config", explicit.to_str().unwrap()]);
    assert_eq!(
        code, 0,
        "notes do not fail with the default --fail-on warning"
    );
    let levels: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppression").is_none())
        .map(|f| f["level"].as_str().unwrap())
        .collect();
    assert!(levels.iter().all(|l| *l == "note"), "{levels:?}");
}

#[test]
fn config_errors_name_file_line_and_key() {
    let dir = fixture("basic");
    let with_config = |text: &str, message: &str| {
        fs::write(dir.path().join("vigie.toml"), text).unwrap();
        scan_fails(dir.path(), &[], message);
    };
    with_config(
        "[scan]\nexclude = [\"x/\"]\n\n[rules]\nlevle = { secret = \"note\" }\n",
        "vigie.toml:5: unknown key `levle`",
    );
    with_config(
        "[rules]\ndisable = [\"secret/aws-key\"]\n",
        "vigie.toml:2: unknown rule or family `secret/aws-key`",
    );
    with_config("[scan\n", "vigie.toml:1:");
    scan_fails(
        dir.path(),
        &["--config", "/nonexistent/vigie.toml"],
        "/nonexistent/vigie.toml",
    );
}

#[test]
fn config_excludes_and_gdpr_section() {
    let dir = fixture("basic");
    fs::write(
        dir.path().join("vigie.toml"),
        "[scan]\nexclude = [\"keys/\", \"*.py\"]\n\n[gdpr]\npurposes = []\n",
    )
    .unwrap();
    let (_, report) = scan_json(dir.path(), &[]);
    let lines = finding_lines(&report);
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("keys/") || l.contains(".py")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with(".env")));
}

#[test]
fn config_excludes_are_relative_to_the_config_file() {
    let dir = fixture("basic");
    fs::write(
        dir.path().join("vigie.toml"),
        "[scan]\nexclude = [\"config/\"]\n",
    )
    .unwrap();
    let run_in = |cwd: &std::path::Path, path: &str| {
        let out = vigie()
            .current_dir(cwd)
            .args(["scan", path, "--format", "json"])
            .output()
            .unwrap();
        finding_lines(&json(&out.stdout))
    };
    // From the root, and from inside a subdirectory (root = that directory).
    assert!(!run_in(dir.path(), ".")
        .iter()
        .any(|l| l.contains("settings.py")));
    assert!(run_in(&dir.path().join("config"), ".").is_empty());
    // Command-line globs are relative to the scan root.
    let out = vigie()
        .current_dir(dir.path())
        .args([
            "scan",
            ".",
            "--format",
            "json",
            "--no-config",
            "--exclude",
            "/src",
        ])
        .output()
        .unwrap();
    let lines = finding_lines(&json(&out.stdout));
    assert!(!lines.iter().any(|l| l.starts_with("src/")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("config/")), "{lines:?}");
}
