//! The findings model: what every check produces and every report consumes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Severity of a finding, ordered `Note < Warning < Error`.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 1-based line and 1-based column counted in Unicode code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The source line of a finding, cut around the match and with any secret redacted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The text shown (one line, possibly shortened with `…`).
    pub text: String,
    /// 0-based character range of the highlighted part within `text`.
    pub highlight: (usize, usize),
}

/// Why a finding is suppressed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SuppressionKind {
    /// A comment in the scanned file (`vigie:ignore`).
    InSource,
    /// Outside the file: a baseline or the configuration's allowlist.
    External,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub justification: String,
}

/// One finding, ready for reporting. Never holds a secret in full unless the
/// user asked for it with `--show-secrets`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub level: Level,
    pub message: String,
    /// Path relative to the scan root, with `/` separators.
    pub path: String,
    pub start: Position,
    pub end: Position,
    pub snippet: Snippet,
    /// Stable across line moves: see [`fingerprint`].
    pub fingerprint: String,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<Suppression>,
    /// The secret in full: only with `--show-secrets`, never otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The node a structured-document finding is about, as
    /// `file#/json/pointer` (API findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Extra facts (the risk profile of an API operation).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
}

impl Finding {
    pub fn is_suppressed(&self) -> bool {
        self.suppression.is_some()
    }

    /// The total order of reports: file, line, column, rule, then the rest so
    /// that equal keys still sort the same on every run.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.path,
            self.start,
            &self.rule,
            self.end,
            &self.fingerprint,
            &self.message,
        )
    }
}

/// Stable fingerprint of a finding: a hash of the rule id, the file and the
/// matched content with its whitespace normalised. Line numbers are left out,
/// so a finding keeps its fingerprint when code moves around it.
pub fn fingerprint(rule: &str, path: &str, content: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"vigie/v1\0");
    hasher.update(rule.as_bytes());
    hasher.update([0]);
    hasher.update(path.as_bytes());
    hasher.update([0]);
    let mut first = true;
    for word in content
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !first {
            hasher.update(b" ");
        }
        hasher.update(word);
        first = false;
    }
    let digest = hasher.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_whitespace_layout_but_not_content() {
        let a = fingerprint("secret/x", "a.txt", b"  key\n  body ");
        let b = fingerprint("secret/x", "a.txt", b"key body");
        let c = fingerprint("secret/x", "a.txt", b"key bodY");
        let d = fingerprint("secret/y", "a.txt", b"key body");
        let e = fingerprint("secret/x", "b.txt", b"key body");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_ne!(a, e);
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn levels_are_ordered() {
        assert!(Level::Note < Level::Warning && Level::Warning < Level::Error);
    }
}
