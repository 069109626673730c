//! The secrets corpus: a realistic project (.env, Django settings, Spring
//! properties, Terraform, CI files, a notebook, a lockfile, docs with example
//! keys...) where every planted secret must be found at its line, nothing
//! else reported, and no report may show a planted secret in full.

use std::fs;

use crate::common::*;

/// Every secret planted in `testdata/secrets`.
const PLANTED: &[&str] = &[
    "sk_live_7GntRIbffSppwFxjSz8HNRCW",
    "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",
    "Kx7mQ2vLp9Rw4T",
    "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",
    "GihGxCDffg1SrhQzqHGxWKc4",
    "glpat-U1C4MekqtLBM3P0Wtndg",
    "django-insecure-v%o$+mpz=om75w_bbr4qm(#w2_wxfogo4mvn4$$a4^w^f&hy-+",
    "AKIAZ5GMHYJKLMNQ7XPR",
    "3e02ea68ef786e4d3cea27d26934b484e73cf575dcad6ba2b0aee0ca923732881584d8c4fa2815d2802827283e0ad84173581569969e58b081006f7e3dfc967a",
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
    "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",
    "AKIAQWERTY234567ABCD",
    "RHtUVQcDMpg0TMkxpdzPaEMM1ZA7V0FhHVJWDBt2",
    "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",
    "Wm3Rt8xKq2NvLp",
    "Jt4pWq8MzX2kLv",
    "rk_live_VLascuKo9YpPNUxM2Fm2unWp",
    "BAciI05FhfwKVqlUr5Qrec8TNecj9iNO",
];

#[test]
fn every_planted_secret_is_found_and_nothing_else() {
    let report = check_expectations("secrets");
    assert_eq!(report["summary"]["findings"]["suppressed"], 1);
}

#[test]
fn no_report_shows_a_planted_secret_unless_asked() {
    let dir = fixture_at("secrets");
    // The fixture files themselves hold the secrets: check each is planted.
    let all_text: String = walk_text(dir.path());
    for secret in PLANTED {
        assert!(all_text.contains(secret), "{secret} is not planted");
    }
    let out_dir = tempfile::TempDir::new().unwrap();
    for format in ["text", "json", "sarif"] {
        let out = vigie()
            .arg("scan")
            .arg(dir.path())
            .args(["--format", format, "--show-suppressed"])
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
        for secret in PLANTED {
            assert!(!printed.contains(secret), "{format} report shows {secret}");
        }
    }
    let baseline = out_dir.path().join("baseline.json");
    vigie()
        .arg("baseline")
        .arg(dir.path())
        .arg("-o")
        .arg(&baseline)
        .assert()
        .success();
    let text = fs::read_to_string(&baseline).unwrap();
    for secret in PLANTED {
        assert!(!text.contains(secret), "the baseline holds {secret}");
    }
    // With --show-secrets, the single-line secrets are printed in full.
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .args(["--show-secrets", "--show-suppressed"])
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    for secret in PLANTED.iter().filter(|s| !s.starts_with("b3Blbn")) {
        assert!(printed.contains(secret), "--show-secrets hides {secret}");
    }
}

fn walk_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&walk_text(&path));
        } else if let Ok(content) = fs::read_to_string(&path) {
            text.push_str(&content);
        }
    }
    text
}
