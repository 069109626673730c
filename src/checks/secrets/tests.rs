//! Runs every secret rule's own examples and negative examples (rules are data:
//! adding a rule adds its tests).

use super::*;
use crate::catalog::Catalog;

/// Examples run as if in this file, the most permissive for assignments.
const EXAMPLE_PATH: &str = "example.env";

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
    let mut failures = Vec::new();
    let mut tested = 0;
    for (index, rule) in catalog.rules().iter().enumerate() {
        let Some(spec) = &rule.secret else { continue };
        let check = SecretsCheck::new(&catalog, |i| i == index).unwrap();
        for example in &spec.examples {
            let hits = hits_of(&check, &example.text);
            if !hits.iter().any(|(_, s)| *s == example.secret) {
                failures.push(format!(
                    "{}: example {:?} should capture {:?}, got {:?}",
                    rule.id, example.text, example.secret, hits
                ));
            }
            tested += 1;
        }
        for negative in &spec.negative_examples {
            let hits = hits_of(&check, negative);
            if !hits.is_empty() {
                failures.push(format!(
                    "{}: negative example {negative:?} matched {hits:?}",
                    rule.id
                ));
            }
            tested += 1;
        }
    }
    assert!(tested > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
