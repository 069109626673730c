//! Error types of the library. Every user-facing message names the file and the problem.

use std::path::PathBuf;

/// A fatal error: the scan cannot start or its result cannot be written.
///
/// Problems with one scanned file are never an `Error`; they become a
/// [`crate::report::Skipped`] entry and the scan goes on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A configuration file is invalid (`vigie.toml`, `.vigie.toml`).
    #[error("{}:{line}: {message}", path.display())]
    Config {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A file given by the user (baseline, config, output) is invalid.
    #[error("{}: {message}", path.display())]
    File { path: PathBuf, message: String },
    /// An I/O error on a file the user named.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A rule pack is invalid: an embedded one (a bug in vigie, caught by
    /// its tests; `file` is then `rules/...`) or one given by the user.
    #[error("{file}:{line}: {message}")]
    Rules {
        file: String,
        line: usize,
        message: String,
    },
    /// A bad command-line value.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line number of a byte offset in a text.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count()
}
