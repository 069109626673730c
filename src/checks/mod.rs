//! Checks: pure functions from a [`Source`] to hits. A check knows nothing of
//! walking, threads, configuration files or output formats.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::finding::Level;
use crate::source::Source;

pub mod models;
pub mod openapi;
pub mod pii;
pub mod privacy;
pub mod secrets;

/// What a check reports, before the engine turns it into a [`crate::Finding`]
/// (positions, snippet, redaction, fingerprint, suppression).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in the [`crate::catalog::Catalog`].
    pub rule: usize,
    /// Byte range the finding points at.
    pub span: Range<usize>,
    /// Byte range of a secret inside the source: redacted in every output and
    /// used for the fingerprint.
    pub secret: Option<Range<usize>>,
    pub message: String,
    /// What only some checks say: a level for this finding, a JSON pointer,
    /// extra properties (the API risk profile).
    pub extra: Option<Box<HitExtra>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitExtra {
    /// Overrides the rule's default level (the configuration still wins).
    pub level: Option<Level>,
    /// JSON pointer of the node (SARIF `logicalLocations`).
    pub pointer: Option<String>,
    pub properties: BTreeMap<String, String>,
    /// The finding is in another file than the source (a schema in a file
    /// reached by `$ref`): where, with the text of that line.
    pub elsewhere: Option<Elsewhere>,
}

/// A position in another file, with what a report needs of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Elsewhere {
    /// Path relative to the scan root.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The line's text.
    pub text: String,
    /// Byte range of the finding within `text`.
    pub span: Range<usize>,
}

/// Input a check could not understand (invalid YAML, a `$ref` cycle...):
/// reported as a warning naming the file and line; the scan goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Another file than the source (a file reached by `$ref`), with the
    /// 1-based line and column there.
    pub elsewhere: Option<(String, usize, usize)>,
    /// Byte offset in the source (when not elsewhere).
    pub offset: usize,
    pub message: String,
    /// A note (something was not audited on purpose, e.g. a remote `$ref`)
    /// rather than a warning (input that could not be understood).
    pub note: bool,
}

/// A check runs on every source, on any thread.
pub trait Check: Send + Sync {
    fn check(&self, src: &Source, out: &mut Vec<Hit>);

    /// Like [`Check::check`], also reporting input problems.
    fn check_all(&self, src: &Source, out: &mut Vec<Hit>, _problems: &mut Vec<Problem>) {
        self.check(src, out);
    }
}

/// Catalogue index of each enabled rule among `ids`.
pub fn enabled_rules<'a>(
    catalog: &crate::catalog::Catalog,
    ids: impl IntoIterator<Item = &'a &'static str>,
    enabled: impl Fn(usize) -> bool,
) -> std::collections::HashMap<&'static str, usize> {
    ids.into_iter()
        .filter_map(|id| {
            catalog
                .index_of(id)
                .filter(|&i| enabled(i))
                .map(|i| (*id, i))
        })
        .collect()
}

/// Ids of the rules whose logic is code (not a secret pattern). Each must
/// have metadata in `rules/`, and every metadata entry without a pattern must
/// be listed here: a test keeps both sides in sync.
pub const CODE_RULES: &[&[&str]] = &[openapi::RULES, privacy::RULES, pii::RULES];

#[cfg(test)]
mod tests {
    use super::CODE_RULES;
    use crate::catalog::Catalog;

    #[test]
    fn every_rule_has_an_implementation_and_metadata() {
        let catalog = Catalog::builtin().unwrap();
        for rule in catalog.rules() {
            assert!(
                rule.secret.is_some() || CODE_RULES.iter().any(|r| r.contains(&rule.id.as_str())),
                "rule `{}` has metadata but no pattern and no code",
                rule.id
            );
        }
        for id in CODE_RULES.iter().flat_map(|r| r.iter()) {
            let rule = catalog.get(id);
            assert!(rule.is_some(), "code rule `{id}` has no metadata in rules/");
            assert!(
                rule.is_some_and(|r| r.secret.is_none()),
                "`{id}` is both code and data"
            );
        }
    }
}
