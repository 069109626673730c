//! Runs every secret rule's own examples and negative examples (rules are data:
//! adding a rule adds its tests).

use super::*;
use crate::catalog::Catalog;

use crate::catalog::EXAMPLE_PATH;

fn hits_of(check: &SecretsCheck, text: &str) -> Vec<(usize, String)> {
    let src = Source::new(EXAMPLE_PATH, text.as_bytes());
    let mut out = Vec::new();
    check.check(&src, &mut out);
    out.into_iter()
        .map(|h| {
            let secret = h.secret.expect("secret rules capture a secret");
            (h.rule, text[secret].to_string())
        })
        .collect()
}

#[test]
fn every_rule_matches_its_examples_and_not_its_negatives() {
    let catalog = Catalog::builtin().unwrap();
    let report = examples::run_examples(&catalog).unwrap();
    assert!(report.cases > 0 && report.rules > 0);
    assert!(report.failures.is_empty(), "{}", report.failures.join("\n"));
}

#[test]
fn keywords_prefilter_is_case_insensitive_and_windows_merge() {
    let catalog = Catalog::builtin().unwrap();
    let check = SecretsCheck::new(&catalog, |_| true).unwrap();
    let text = "PASSWORD='Zq8#kLm2pW'\npassword: 'Zq8#kLm2pW'\n";
    let hits = hits_of(&check, text);
    assert_eq!(hits.len(), 2, "{hits:?}");
}

#[test]
fn a_pem_key_is_one_finding_at_its_begin_line() {
    let catalog = Catalog::builtin().unwrap();
    let check = SecretsCheck::new(&catalog, |_| true).unwrap();
    // A made-up key body. vigie:ignore[secret/private-key]
    let text = "x = 1\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC8\n-----END PRIVATE KEY-----\n";
    let src = Source::new("k.pem", text.as_bytes());
    let mut out = Vec::new();
    check.check(&src, &mut out);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(src.position(out[0].span.start).line, 2);
}

#[test]
fn overlapping_and_nested_keywords_all_trigger_their_rules() {
    let rule = |id: &str, keyword: &str, pattern: &str, example: &str| {
        format!(
            r#"
[[rule]]
id = "secret/{id}"
title = "t"
level = "error"
security-severity = 5.0
keywords = ["{keyword}"]
pattern = '{pattern}'
examples = [{{ text = "{example}", secret = "{example}" }}]
docs = {{ what = "w", why = "y", fix = "f" }}
"#
        )
    };
    let pack = [
        rule("a", "xyz_", r"(?P<secret>xyz_[0-9]{4})", "xyz_1234"),
        rule("b", "z_q", r"(?P<secret>z_q[0-9]{4})", "z_q1234"),
        rule("c", "xyz", r"(?P<secret>xyz[a-z_]{2}[0-9]{4})", "xyzab1234"),
        rule("d", "pass", r"(?i)(?P<secret>pass[0-9]{4})", "pass1234"),
        rule(
            "e",
            "password",
            r"(?i)(?P<secret>password[0-9]{4})",
            "password1234",
        ),
    ]
    .concat();
    let catalog = Catalog::from_packs([("test.toml", pack.as_str())]).unwrap();
    let check = SecretsCheck::new(&catalog, |_| true).unwrap();
    let hits = hits_of(&check, "k = xyz_q9876 and PassWord4321\n");
    let rules: Vec<&str> = hits
        .iter()
        .map(|(r, _)| catalog.rules()[*r].id.as_str())
        .collect();
    // a: "xyz_q" has no digits after xyz_; c: "xyz_q9876" matches; b: "z_q9876".
    assert!(rules.contains(&"secret/b"), "{rules:?}");
    assert!(rules.contains(&"secret/c"), "{rules:?}");
    assert!(rules.contains(&"secret/e"), "{rules:?}");
    assert!(
        !rules.contains(&"secret/a") && !rules.contains(&"secret/d"),
        "{rules:?}"
    );
}

#[test]
fn windows_on_huge_lines_are_bounded_and_still_find_secrets() {
    // A minified bundle: one 1 MiB line with a keyword every few bytes.
    let mut line = "token;".repeat(180_000);
    let at = line.len() / 2;
    line.insert_str(at, "x=\"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\";");
    let bytes = line.as_bytes();
    let hit = at + 3..at + 7;
    let window = super::neighbourhood(bytes, hit.clone(), 0);
    assert!(window.start >= hit.start - super::LOOK_BEHIND);
    assert!(window.end <= hit.end + super::LOOK_AHEAD);
    let catalog = Catalog::builtin().unwrap();
    let check = SecretsCheck::new(&catalog, |_| true).unwrap();
    let hits = hits_of(&check, &line);
    assert!(
        hits.iter()
            .any(|(_, s)| s == "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"),
        "{hits:?}"
    );
}
