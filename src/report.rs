//! The result of a scan, input of every output format.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::catalog::Rule;
use crate::finding::{Finding, Level};

/// Why a file was not scanned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// Contains a NUL byte in its first 8 KiB.
    Binary,
    /// Larger than `--max-file-size`.
    TooLarge,
    /// Could not be opened or read (permissions, vanished, I/O error).
    Unreadable,
    /// A symbolic link, not followed (see `--follow-symlinks`).
    Symlink,
    /// A symbolic link loop (found when following links).
    SymlinkLoop,
    /// A FIFO, socket or device.
    NotAFile,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too-large",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Symlink => "symlink",
            SkipReason::SymlinkLoop => "symlink-loop",
            SkipReason::NotAFile => "not-a-file",
        }
    }

    /// Skips the user should hear about (a warning), as opposed to expected
    /// ones (binary files, symlinks) that are only counted.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            SkipReason::TooLarge | SkipReason::Unreadable | SkipReason::SymlinkLoop
        )
    }
}

/// A file (or directory) the scan could not or would not read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Skipped {
    /// Path relative to the scan root.
    pub path: String,
    pub reason: SkipReason,
    /// Human-readable detail (the I/O error, the size...).
    pub detail: String,
}

/// Input a check could not understand (an invalid API description, a
/// `$ref` cycle...): a warning, and the scan goes on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InputProblem {
    /// Path relative to the scan root.
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// `warning` (input that could not be understood, which fails the
    /// scan) or `note` (something left out on purpose, e.g. a remote `$ref`).
    pub level: Level,
    pub message: String,
}

/// A rule that ran, with its effective level.
#[derive(Clone, Debug)]
pub struct RuleRun {
    pub rule: Rule,
    pub level: Level,
}

/// Everything a scan found, sorted deterministically.
#[derive(Clone, Debug)]
pub struct Report {
    /// Absolute scan root: finding paths are relative to it.
    pub root: PathBuf,
    /// Sorted by file, line, column, rule.
    pub findings: Vec<Finding>,
    /// Sorted by path.
    pub skipped: Vec<Skipped>,
    /// Sorted by path and line.
    pub problems: Vec<InputProblem>,
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub duration: Duration,
    /// Rules that ran, sorted by id.
    pub rules: Vec<RuleRun>,
    /// The configuration file used, if any.
    pub config: Option<PathBuf>,
}

/// Finding counts per level, suppressed findings apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub note: usize,
    pub suppressed: usize,
}

/// One entry of the data inventory: a field of a data model (API schema,
/// struct, table, ORM model) that holds personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InventoryEntry {
    /// `article9-health`, `national-identifier`, `personal-data`...
    pub category: String,
    pub rule: String,
    pub field: String,
    /// `schema Patient`, `table mitglieder`, `struct Patient`.
    pub container: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// JSON pointer, for fields of API descriptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// Whether a value is required, when the source says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// The dictionary term that matched and its language.
    pub term: String,
    pub lang: String,
}

impl Report {
    /// The data inventory: every privacy finding, whatever its level,
    /// except those suppressed in the source or by the allowlist (the team
    /// says the field is not personal data). A baseline only hides known
    /// findings: their data is still processed, so it stays. Sorted by
    /// category, field, path and line.
    pub fn inventory(&self) -> Vec<InventoryEntry> {
        let mut out: Vec<InventoryEntry> = self
            .findings
            .iter()
            .filter(|f| {
                f.suppression
                    .as_ref()
                    .is_none_or(|s| s.justification.starts_with("in baseline"))
            })
            .filter_map(|f| {
                let item = crate::checks::models::Item::from_properties(&f.properties)?;
                Some(InventoryEntry {
                    category: item.category,
                    rule: f.rule.clone(),
                    field: item.field,
                    container: item.container,
                    path: f.path.clone(),
                    line: f.start.line,
                    column: f.start.column,
                    pointer: f.pointer.clone(),
                    ty: item.ty,
                    required: item.required,
                    term: item.term,
                    lang: item.lang,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            (&a.category, &a.field, &a.path, a.line, &a.container).cmp(&(
                &b.category,
                &b.field,
                &b.path,
                b.line,
                &b.container,
            ))
        });
        out
    }

    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for f in &self.findings {
            if f.is_suppressed() {
                counts.suppressed += 1;
                continue;
            }
            match f.level {
                Level::Error => counts.error += 1,
                Level::Warning => counts.warning += 1,
                Level::Note => counts.note += 1,
            }
        }
        counts
    }

    /// True when an unsuppressed finding is at or above `threshold`.
    /// Input problems fail too: a description that cannot be read is not
    /// audited.
    pub fn fails(&self, threshold: Option<Level>) -> bool {
        let Some(threshold) = threshold else {
            return false;
        };
        self.problems.iter().any(|p| p.level >= threshold)
            || self
                .findings
                .iter()
                .any(|f| !f.is_suppressed() && f.level >= threshold)
    }

    pub fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        // Two API descriptions sharing a schema file report its findings
        // once.
        self.findings.dedup_by(|a, b| {
            a.path == b.path
                && a.start == b.start
                && a.rule == b.rule
                && a.fingerprint == b.fingerprint
        });
        self.skipped.sort();
        self.problems.sort();
        self.problems.dedup();
    }
}
