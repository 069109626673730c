//! Walking: ignore files, hidden files, .git, and files that cannot be
//! scanned (each reported, none fatal).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::*;

#[test]
fn ignore_files_hidden_files_and_git_dir() {
    let dir = fixture("basic");
    let (_, report) = scan_json(dir.path(), &[]);
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&".env"), "hidden files are scanned");
    assert!(
        !paths.iter().any(|p| p.starts_with(".git/")),
        ".git/ is never scanned"
    );
    assert!(
        !paths.iter().any(|p| p.starts_with("ignored/")),
        ".gitignore is honoured"
    );
    assert!(
        !paths.iter().any(|p| p.starts_with("vendor/")),
        ".vigieignore is honoured"
    );

    fs::write(dir.path().join(".ignore"), "keys/\n").unwrap();
    let (_, report) = scan_json(dir.path(), &[]);
    assert!(
        !finding_lines(&report)
            .iter()
            .any(|l| l.starts_with("keys/")),
        ".ignore is honoured"
    );
}

fn is_root() -> bool {
    fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

/// The hostile tree of the acceptance list: an unreadable file, a binary file,
/// a 50 MiB file, a symlink loop and invalid UTF-8 (with a secret in it).
fn hostile_tree(dir: &Path) {
    fs::write(dir.join("unreadable.env"), format!("TOKEN={TOKEN}\n")).unwrap();
    fs::set_permissions(
        dir.join("unreadable.env"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    fs::write(
        dir.join("image.bin"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR ghp_",
    )
    .unwrap();
    let big = fs::File::create(dir.join("huge.log")).unwrap();
    big.set_len(50 << 20).unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    let mut latin1 = b"caf\xe9 = 1\n".to_vec();
    latin1.extend_from_slice(format!("TOKEN={TOKEN}\n").as_bytes());
    latin1.extend_from_slice(b"\xff\xfe end\n");
    fs::write(dir.join("latin1.env"), latin1).unwrap();
    // Readable by an unprivileged user, for the run below.
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs the scan as an unprivileged user when we are root (root reads a
/// mode-000 file), so the unreadable file really is unreadable.
fn scan_unprivileged(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut cmd = if is_root() {
        let mut c = assert_cmd::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_vigie"));
        c
    } else {
        vigie()
    };
    let out = cmd
        .arg("scan")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 2, "{}", String::from_utf8_lossy(&out.stderr));
    (code, json(&out.stdout))
}

#[test]
fn hostile_tree_completes_and_reports_each_skipped_file() {
    let dir = repo();
    hostile_tree(dir.path());
    let (code, report) = scan_unprivileged(dir.path(), &[]);
    assert_eq!(code, 1, "exits by its findings");
    assert_eq!(
        finding_lines(&report),
        ["latin1.env:2 secret/github-pat-classic"]
    );
    assert_eq!(
        skipped_lines(&report),
        [
            "huge.log too-large",
            "image.bin binary",
            "loop symlink",
            "unreadable.env unreadable",
        ]
    );
    // Following links: the loop is detected and reported.
    let (code, report) = scan_unprivileged(dir.path(), &["--follow-symlinks"]);
    assert_eq!(code, 1);
    let skipped = skipped_lines(&report);
    assert!(
        skipped.contains(&"loop symlink-loop".to_string()),
        "{skipped:?}"
    );
    assert_eq!(skipped.len(), 4, "{skipped:?}");
}

#[test]
fn text_report_warns_about_problem_files() {
    let dir = repo();
    hostile_tree(dir.path());
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .arg("--follow-symlinks")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("warning: huge.log: skipped (too-large)"),
        "{text}"
    );
    assert!(
        text.contains("warning: loop: skipped (symlink-loop)"),
        "{text}"
    );
    assert!(text.contains("1 binary"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn explicit_files_and_several_paths() {
    let dir = fixture("basic");
    let (_, report) = scan_json(
        &dir.path().join(".env"),
        &[dir.path().join("keys").to_str().unwrap()],
    );
    let lines = finding_lines(&report);
    assert_eq!(
        lines,
        [
            ".env:1 secret/github-pat-classic",
            ".env:2 secret/generic-password",
            "keys/id_rsa:1 secret/private-key",
        ]
    );
}

#[test]
fn follow_symlinks_from_config_and_its_command_line_override() {
    let dir = repo();
    std::os::unix::fs::symlink(".", dir.path().join("loop")).unwrap();
    fs::write(
        dir.path().join("vigie.toml"),
        "[scan]\nfollow-symlinks = true\n",
    )
    .unwrap();
    let (_, report) = scan_json(dir.path(), &[]);
    assert_eq!(skipped_lines(&report), ["loop symlink-loop"]);
    let (_, report) = scan_json(dir.path(), &["--no-follow-symlinks"]);
    assert_eq!(skipped_lines(&report), ["loop symlink"]);
}

#[test]
fn no_ignore_scans_ignored_files_but_keeps_excludes() {
    let dir = fixture("basic");
    let (_, report) = scan_json(dir.path(), &["--no-ignore", "--exclude", "keys/"]);
    let lines = finding_lines(&report);
    assert!(
        lines.contains(&"ignored/leak.env:1 secret/github-pat-classic".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"vendor/lib.env:1 secret/github-pat-classic".to_string()),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.starts_with("keys/")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.starts_with(".git/")), "{lines:?}");
}
