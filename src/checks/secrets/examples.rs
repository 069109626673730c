//! Rules carry their own tests: every example must be reported with its
//! secret captured exactly, no negative example may be reported. Used by the
//! test suite for the built-in packs and by `vigie rules --test` for any pack.

use super::SecretsCheck;
use crate::catalog::{Catalog, EXAMPLE_PATH};
use crate::checks::Check;
use crate::error::Result;
use crate::source::Source;

/// What running the examples found.
#[derive(Debug, Default)]
pub struct ExampleReport {
    /// Examples and negative examples run.
    pub cases: usize,
    /// Secret rules tested.
    pub rules: usize,
    /// One line per failure: rule id and what went wrong.
    pub failures: Vec<String>,
}

/// The secrets `check` reports in `text`, scanned as `path`.
fn secrets_in(check: &SecretsCheck, path: &str, text: &str) -> Vec<String> {
    let src = Source::new(path, text.as_bytes());
    let mut hits = Vec::new();
    check.check(&src, &mut hits);
    hits.into_iter()
        .filter_map(|h| h.secret)
        .map(|r| String::from_utf8_lossy(&text.as_bytes()[r]).into_owned())
        .collect()
}

/// Runs the examples of every secret rule of `catalog`, each rule alone;
/// then checks that no rule's documentation example (shown in `vigie
/// explain` and in SARIF help, which GitHub scans too) holds a secret any
/// rule reports.
pub fn run_examples(catalog: &Catalog) -> Result<ExampleReport> {
    let mut report = ExampleReport::default();
    let all = SecretsCheck::new(catalog, |_| true)?;
    for rule in catalog.rules() {
        let Some(example) = &rule.docs.example else {
            continue;
        };
        report.cases += 1;
        let found = secrets_in(&all, EXAMPLE_PATH, example);
        if !found.is_empty() {
            report.failures.push(format!(
                "{} ({}): the docs example shows a secret some rule reports: {:?}; elide it with …",
                rule.id, rule.pack, found
            ));
        }
    }
    for (index, rule) in catalog.rules().iter().enumerate() {
        let Some(spec) = &rule.secret else { continue };
        report.rules += 1;
        let check = SecretsCheck::new(catalog, |i| i == index)?;
        report.failures.extend(check.compile_errors(catalog));
        for example in &spec.examples {
            report.cases += 1;
            let path = example.path.as_deref().unwrap_or(EXAMPLE_PATH);
            let found = secrets_in(&check, path, &example.text);
            if !found.contains(&example.secret) {
                report.failures.push(format!(
                    "{} ({}): example {:?} should report {:?}, reported {:?}",
                    rule.id, rule.pack, example.text, example.secret, found
                ));
            }
        }
        for negative in &spec.negative_examples {
            report.cases += 1;
            let found = secrets_in(&check, negative.path(), negative.text());
            if !found.is_empty() {
                report.failures.push(format!(
                    "{} ({}): negative example {:?} reported {:?}",
                    rule.id,
                    rule.pack,
                    negative.text(),
                    found
                ));
            }
        }
    }
    Ok(report)
}
