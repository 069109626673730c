//! Checks: pure functions from a [`Source`] to hits. A check knows nothing of
//! walking, threads, configuration files or output formats.

use std::ops::Range;

use crate::source::Source;

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
}

/// A check runs on every source, on any thread.
pub trait Check: Send + Sync {
    fn check(&self, src: &Source, out: &mut Vec<Hit>);
}
