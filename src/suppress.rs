//! Suppression: inline `vigie:ignore` comments and baseline files.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::family_of;
use crate::error::{Error, Result};
use crate::finding::{Suppression, SuppressionKind};
use crate::report::Report;

const MARKER: &[u8] = b"vigie:ignore";

/// True when `line` holds a `vigie:ignore` comment that covers `rule`:
/// `vigie:ignore` (every rule) or `vigie:ignore[id, family, ...]`.
pub fn line_suppresses(line: &[u8], rule: &str) -> bool {
    let finder = memchr::memmem::Finder::new(MARKER);
    for at in finder.find_iter(line) {
        let rest = &line[at + MARKER.len()..];
        if rest.first() != Some(&b'[') {
            // A bare marker, unless it is part of a longer word (vigie:ignored).
            if !rest
                .first()
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
            {
                return true;
            }
            continue;
        }
        let Some(close) = rest.iter().position(|&b| b == b']') else {
            continue;
        };
        let list = String::from_utf8_lossy(&rest[1..close]);
        if list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .any(|id| id == rule || id == family_of(rule))
        {
            return true;
        }
    }
    false
}

/// Comment openers of common languages and config formats.
const COMMENT_STARTS: &[&[u8]] = &[
    b"#", b"//", b"/*", b"*", b"--", b";", b"<!--", b"%", b"'", b"rem ", b"REM ", b"{#", b"{{!",
];

/// True when `line` is a comment and nothing else: only such a line covers
/// the line below it, so a trailing `x = 1  # vigie:ignore` never silences an
/// unrelated finding on the next line.
pub fn is_comment_line(line: &[u8]) -> bool {
    let trimmed = line.trim_ascii_start();
    COMMENT_STARTS
        .iter()
        .any(|start| trimmed.starts_with(start))
}

/// Markers of other secret scanners, honoured for secret rules so a team can
/// switch without touching its code: gitleaks and detect-secrets.
const COMPAT_SAME_LINE: &[&[u8]] = &[b"gitleaks:allow", b"pragma: allowlist secret"];
const COMPAT_NEXT_LINE: &[u8] = b"pragma: allowlist nextline secret";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// The comment that covers a finding of `rule` on `line`, if any:
/// `vigie:ignore` on that line or alone on the line above; for secret rules
/// also `gitleaks:allow` and `pragma: allowlist secret` on the line, and
/// `pragma: allowlist nextline secret` on the line above.
pub fn is_suppressed_inline(
    line: &[u8],
    above: Option<&[u8]>,
    rule: &str,
) -> Option<(Placement, &'static str)> {
    let secret = family_of(rule) == "secret";
    if line_suppresses(line, rule) {
        return Some((Placement::SameLine, "vigie:ignore"));
    }
    if secret {
        if let Some(marker) = COMPAT_SAME_LINE.iter().find(|m| contains(line, m)) {
            let name = std::str::from_utf8(marker).unwrap_or("marker");
            return Some((Placement::SameLine, name));
        }
    }
    let above = above?;
    if is_comment_line(above) && line_suppresses(above, rule) {
        return Some((Placement::LineAbove, "vigie:ignore"));
    }
    if secret && contains(above, COMPAT_NEXT_LINE) {
        return Some((Placement::LineAbove, "pragma: allowlist nextline secret"));
    }
    None
}

/// Where the suppressing comment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    SameLine,
    LineAbove,
}

/// A baseline: fingerprints of accepted findings, so only new ones fail CI.
/// It never holds a secret: fingerprints are hashes, paths and rules are
/// there for humans reviewing the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub path: String,
    pub line: usize,
    pub rule: String,
    pub fingerprint: String,
}

pub const BASELINE_VERSION: u32 = 1;

impl Baseline {
    /// The unsuppressed findings of `report`, sorted.
    pub fn from_report(report: &Report) -> Baseline {
        let mut findings: Vec<BaselineEntry> = report
            .findings
            .iter()
            .filter(|f| !f.is_suppressed())
            .map(|f| BaselineEntry {
                path: f.path.clone(),
                line: f.start.line,
                rule: f.rule.clone(),
                fingerprint: f.fingerprint.clone(),
            })
            .collect();
        findings.sort();
        Baseline {
            version: BASELINE_VERSION,
            findings,
        }
    }

    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| Error::File {
            path: path.to_path_buf(),
            message: format!("not a vigie baseline: {e}"),
        })?;
        if baseline.version != BASELINE_VERSION {
            return Err(Error::File {
                path: path.to_path_buf(),
                message: format!(
                    "baseline version {} is not supported (expected {BASELINE_VERSION})",
                    baseline.version
                ),
            });
        }
        Ok(baseline)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        text
    }

    /// Marks the findings of `report` present in this baseline as suppressed.
    pub fn apply(&self, report: &mut Report, name: &str) {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        for finding in &mut report.findings {
            if finding.suppression.is_none() && known.contains(finding.fingerprint.as_str()) {
                finding.suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification: format!("in baseline {name}"),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markers() {
        let rule = "secret/aws-access-key-id";
        assert!(line_suppresses(b"key = 1  # vigie:ignore", rule));
        assert!(line_suppresses(
            b"// vigie:ignore[secret/aws-access-key-id]",
            rule
        ));
        assert!(line_suppresses(b"// vigie:ignore[api/x, secret]", rule));
        assert!(line_suppresses(
            b"// vigie:ignore[ api/x secret/aws-access-key-id ]",
            rule
        ));
        assert!(!line_suppresses(
            b"// vigie:ignore[secret/private-key]",
            rule
        ));
        assert!(!line_suppresses(b"// vigie:ignored", rule));
        assert!(!line_suppresses(b"// vigie:ignore[secret", rule));
        assert!(!line_suppresses(b"nothing here", rule));
    }

    #[test]
    fn the_line_above_counts_only_when_it_is_a_comment() {
        let rule = "secret/aws-access-key-id";
        let code = b"key = 1";
        assert_eq!(
            is_suppressed_inline(code, Some(b"  # vigie:ignore"), rule).map(|p| p.0),
            Some(Placement::LineAbove)
        );
        assert_eq!(
            is_suppressed_inline(code, Some(b"// vigie:ignore[secret]"), rule).map(|p| p.0),
            Some(Placement::LineAbove)
        );
        assert_eq!(
            is_suppressed_inline(code, Some(b"x = \"AKIA...\"  # vigie:ignore"), rule).map(|p| p.0),
            None
        );
        assert_eq!(
            is_suppressed_inline(b"k = 2 # vigie:ignore", None, rule).map(|p| p.0),
            Some(Placement::SameLine)
        );
    }

    #[test]
    fn gitleaks_and_detect_secrets_markers() {
        let rule = "secret/aws-access-key-id";
        let same = |line: &[u8]| is_suppressed_inline(line, None, rule).map(|p| p.0);
        assert_eq!(
            same(b"k = 'AKIA...' # gitleaks:allow"),
            Some(Placement::SameLine)
        );
        assert_eq!(
            same(b"k = 'AKIA...' # pragma: allowlist secret"),
            Some(Placement::SameLine)
        );
        assert_eq!(
            is_suppressed_inline(b"k = 1", Some(b"# pragma: allowlist nextline secret"), rule)
                .map(|p| p.0),
            Some(Placement::LineAbove)
        );
        // Only for secrets.
        assert_eq!(
            is_suppressed_inline(b"x # gitleaks:allow", None, "api/missing-auth"),
            None
        );
    }
}
