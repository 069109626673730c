//! Every CLI flag and exit code.

use std::fs;

use predicates::prelude::*;

use crate::common::*;

#[test]
fn help_lists_commands_and_exit_codes() {
    vigie()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("scan"))
        .stdout(predicate::str::contains("baseline"))
        .stdout(predicate::str::contains("explain"))
        .stdout(predicate::str::contains("Exit codes"));
    vigie()
        .args(["scan", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--fail-on"))
        .stdout(predicate::str::contains("--show-secrets"));
}

#[test]
fn exit_codes() {
    let clean = repo();
    fs::write(clean.path().join("a.txt"), "hello\n").unwrap();
    vigie().arg("scan").arg(clean.path()).assert().code(0);

    let dir = fixture("basic");
    vigie().arg("scan").arg(dir.path()).assert().code(1);
    // Usage errors and fatal errors: 2.
    vigie()
        .args(["scan", "--fail-on", "sometimes"])
        .assert()
        .code(2);
    vigie().arg("frobnicate").assert().code(2);
    scan_fails(&dir.path().join("does-not-exist"), &[], "does-not-exist");
}

#[test]
fn fail_on_thresholds() {
    let dir = repo();
    // Only a warning-level finding.
    fs::write(dir.path().join(".env"), "DB_PASSWORD=Tr0ub4dor&3x\n").unwrap();
    let run = |level: &str| {
        vigie()
            .arg("scan")
            .arg(dir.path())
            .args(["--fail-on", level])
            .output()
            .unwrap()
            .status
            .code()
            .unwrap()
    };
    assert_eq!(run("error"), 0);
    assert_eq!(run("warning"), 1);
    assert_eq!(run("note"), 1);
    assert_eq!(run("never"), 0);
    // Default: warning.
    vigie().arg("scan").arg(dir.path()).assert().code(1);
}

#[test]
fn formats_and_output_file() {
    let dir = fixture("basic");
    let out_dir = tempfile::TempDir::new().unwrap();

    let text = vigie().arg("scan").arg(dir.path()).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains(".env:1:14: error secret/github-pat-classic"),
        "{text}"
    );
    assert!(
        text.contains("1 | GITHUB_TOKEN=ghp_u8…[redacted]"),
        "{text}"
    );
    assert!(text.contains("Scanned "), "{text}");

    // --output writes the file (nothing on stdout), summary on stderr.
    let sarif_path = out_dir.path().join("report.sarif");
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .arg("--output")
        .arg(&sarif_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Scanned "));
    let sarif = json(&fs::read(&sarif_path).unwrap());
    assert_eq!(sarif["version"], "2.1.0", "format inferred from .sarif");

    let json_path = out_dir.path().join("report.json");
    vigie()
        .arg("scan")
        .arg(dir.path())
        .arg("-o")
        .arg(&json_path)
        .assert()
        .code(1);
    assert_eq!(json(&fs::read(&json_path).unwrap())["version"], 1);

    // Explicit --format wins over the extension.
    let forced = out_dir.path().join("report.json.txt");
    vigie()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "sarif", "--output"])
        .arg(&forced)
        .assert()
        .code(1);
    assert_eq!(json(&fs::read(&forced).unwrap())["version"], "2.1.0");

    // Atomic writes leave no temporary file behind, and replace old content.
    fs::write(&json_path, "old").unwrap();
    vigie()
        .arg("scan")
        .arg(dir.path())
        .arg("-o")
        .arg(&json_path)
        .assert()
        .code(1);
    assert_eq!(json(&fs::read(&json_path).unwrap())["version"], 1);
    let names: Vec<String> = fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");

    // An output path in a missing directory is a fatal error naming it.
    let missing = out_dir.path().join("missing/dir/r.json");
    scan_fails(
        dir.path(),
        &["-o", missing.to_str().unwrap()],
        "missing/dir/r.json",
    );
}

#[test]
fn quiet_prints_findings_only() {
    let dir = fixture("basic");
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .arg("-q")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("secret/github-pat-classic"));
    assert!(!text.contains("Scanned"));
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .args(["--quiet", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn color_modes() {
    let dir = fixture("basic");
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = vigie();
        cmd.arg("scan").arg(dir.path()).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(run(&["--color", "always"], &[]).contains("\x1b["));
    assert!(!run(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).contains("\x1b["));
    // auto: not a terminal, so no colour...
    assert!(!run(&[], &[]).contains("\x1b["));
    // ...unless forced by the environment, and NO_COLOR always wins in auto.
    assert!(run(&[], &[("CLICOLOR_FORCE", "1")]).contains("\x1b["));
    assert!(!run(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains("\x1b["));
    // JSON never carries colour.
    assert!(!run(&["--color", "always", "--format", "json"], &[]).contains("\x1b["));
}

#[test]
fn secrets_are_redacted_unless_asked() {
    let dir = fixture("basic");
    for format in ["text", "json", "sarif"] {
        let out = vigie()
            .arg("scan")
            .arg(dir.path())
            .args(["--format", format, "--show-suppressed"])
            .output()
            .unwrap();
        let all = [out.stdout, out.stderr].concat();
        let all = String::from_utf8_lossy(&all);
        for secret in [
            TOKEN,
            "Tr0ub4dor&3x",
            "k9$Lm2!xQw",
            "AKIAQWERTY234567ABCD",
            "MIIEowIBAAKCAQEAu1SU1",
        ] {
            assert!(!all.contains(secret), "{format} output leaks {secret}");
        }
        let out = vigie()
            .arg("scan")
            .arg(dir.path())
            .args(["--format", format, "--show-secrets"])
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(TOKEN),
            "{format}"
        );
    }
}

#[test]
fn same_output_for_any_thread_count() {
    let dir = fixture("basic");
    // More files, so that threads really interleave.
    for i in 0..200 {
        fs::write(
            dir.path().join(format!("src/gen{i:03}.py")),
            format!("x = {i}\npassword = \"Zq8#kLm2pW{i}\"\n"),
        )
        .unwrap();
    }
    for format in ["json", "sarif"] {
        let run = |threads: &str| {
            let out = vigie()
                .arg("scan")
                .arg(dir.path())
                .args(["--format", format, "--threads", threads])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1));
            out.stdout
        };
        let one = run("1");
        assert_eq!(one, run("8"), "{format} differs between 1 and 8 threads");
        assert_eq!(one, run("2"), "{format} differs between 1 and 2 threads");
    }
    // Text: identical but for the timing in the summary line.
    let text = |threads: &str| {
        let out = vigie()
            .arg("scan")
            .arg(dir.path())
            .args(["-j", threads])
            .output()
            .unwrap();
        let s = String::from_utf8(out.stdout).unwrap();
        s.lines()
            .filter(|l| !l.starts_with("Scanned"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(text("1"), text("8"));
}

#[test]
fn max_file_size_and_exclude() {
    let dir = repo();
    fs::write(
        dir.path().join("big.env"),
        format!("TOKEN={TOKEN}\n{}\n", "#".repeat(2000)),
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("gen")).unwrap();
    fs::write(dir.path().join("gen/x.env"), format!("TOKEN={TOKEN}\n")).unwrap();
    let (_, report) = scan_json(dir.path(), &["--max-file-size", "1K"]);
    assert_eq!(
        finding_lines(&report),
        ["gen/x.env:1 secret/github-pat-classic"]
    );
    assert_eq!(skipped_lines(&report), ["big.env too-large"]);

    let (code, report) = scan_json(dir.path(), &["--exclude", "gen/", "--exclude", "*.env"]);
    assert_eq!(code, 0);
    assert!(finding_lines(&report).is_empty());
    assert_eq!(report["summary"]["files_scanned"], 0);

    scan_fails(dir.path(), &["--max-file-size", "lots"], "lots");
}

#[test]
fn rules_and_explain() {
    let out = vigie().arg("rules").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for id in [
        "secret/aws-access-key-id",
        "secret/generic-password",
        "secret/github-pat-classic",
        "secret/private-key",
    ] {
        assert!(text.contains(id), "{text}");
    }
    assert!(text.starts_with("ID "));
    let out = vigie()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules = json(&out.stdout);
    assert!(rules.as_array().unwrap().len() >= 4);
    for rule in rules.as_array().unwrap() {
        let family = rule["id"].as_str().unwrap().split('/').next().unwrap();
        assert!(
            rule["tags"].as_array().unwrap().contains(&family.into()),
            "{rule}"
        );
    }

    vigie()
        .args(["explain", "secret/github-pat-classic"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## What it finds"))
        .stdout(predicate::str::contains("## Why it matters"))
        .stdout(predicate::str::contains("## How to fix"))
        .stdout(predicate::str::contains("## References"));
    vigie()
        .args(["explain", "secret/github-pat-clasic"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `secret/github-pat-classic`",
        ));
}

const ACME_PACK: &str = r#"
[[rule]]
id = "secret/acme-token"
title = "Acme token"
level = "error"
security-severity = 8.0
keywords = ["acme_"]
pattern = '\b(?P<secret>acme_[0-9a-f]{32})\b'
examples = [{ text = "ACME=acme_8f3a9c2e71b04d5f96e2a1c7b3d80f4e", secret = "acme_8f3a9c2e71b04d5f96e2a1c7b3d80f4e" }]
negative-examples = ["ACME=acme_<your-key>"]
[rule.docs]
what = "An Acme token."
why = "It opens the Acme account."
fix = "Revoke it."
"#;

#[test]
fn custom_rule_packs() {
    let dir = repo();
    let pack = dir.path().join("acme.toml");
    fs::write(&pack, ACME_PACK).unwrap();
    fs::write(
        dir.path().join("app.env"),
        "ACME=acme_8f3a9c2e71b04d5f96e2a1c7b3d80f4e\n",
    )
    .unwrap();
    let pack_arg = pack.to_str().unwrap();
    let (code, report) = scan_json(dir.path(), &["--rules", pack_arg, "--exclude", "acme.toml"]);
    assert_eq!(code, 1);
    assert_eq!(finding_lines(&report), ["app.env:1 secret/acme-token"]);
    // Without the pack, nothing.
    let (code, _) = scan_json(dir.path(), &["--exclude", "acme.toml"]);
    assert_eq!(code, 0);

    // `rules --pack --test` runs the pack's examples: pass, then fail.
    vigie()
        .args(["rules", "--test", "--pack", pack_arg])
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 failed"));
    fs::write(
        &pack,
        ACME_PACK.replace(
            "ACME=acme_<your-key>",
            "ACME=acme_0f3a9c2e71b04d5f96e2a1c7b3d80f4e",
        ),
    )
    .unwrap();
    vigie()
        .args(["rules", "--test", "--pack", pack_arg])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL secret/acme-token"));
    // A broken pack is a fatal error naming the file and line.
    fs::write(
        &pack,
        ACME_PACK.replace("level = \"error\"", "levle = \"error\""),
    )
    .unwrap();
    vigie()
        .args(["rules", "--pack", pack_arg])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("acme.toml:"))
        .stderr(predicate::str::contains("levle"));
}

/// `--output /dev/null` writes into the device; it must never rename a
/// report over it (as root, that turned /dev/null into a regular file).
#[cfg(unix)]
#[test]
fn output_to_a_device_writes_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = fixture("basic");
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "json", "--output", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is no longer a device"
    );
}
