//! Finding the files to scan: ripgrep's parallel walker, honouring
//! `.gitignore`, `.ignore` and `.vigieignore`, plus size, type and symlink
//! filters. Problems become [`Skipped`] entries; the walk always goes on.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::{WalkBuilder, WalkState};

use crate::error::{Error, Result};
use crate::report::{SkipReason, Skipped};

/// The ignore file vigie reads besides `.gitignore` and `.ignore`.
pub const IGNORE_FILE: &str = ".vigieignore";

/// Directories of version control systems, never scanned.
const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn", ".jj"];

#[derive(Clone, Debug)]
pub struct WalkOptions {
    /// Absolute, canonical scan root (paths are reported relative to it).
    pub root: PathBuf,
    /// Absolute paths to walk (directories or files).
    pub paths: Vec<PathBuf>,
    pub max_file_size: u64,
    pub follow_symlinks: bool,
    /// Gitignore-style globs, each set relative to its own base directory
    /// (the configuration file's directory, or the scan root for globs given
    /// on the command line).
    pub exclude: Vec<ExcludeSet>,
    /// Walker threads (0: automatic).
    pub threads: usize,
    /// Honour .gitignore, .ignore, .vigieignore and git's exclude files.
    pub ignore_files: bool,
}

/// Exclude globs and the directory they are relative to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExcludeSet {
    /// Absolute, canonical directory.
    pub base: PathBuf,
    pub globs: Vec<String>,
}

/// A file to read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Path relative to the root, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    pub size: u64,
}

#[derive(Debug, Default)]
pub struct Discovered {
    /// Sorted by relative path.
    pub files: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
}

/// Path of `path` relative to `root`, with `/` separators; the path itself
/// when it is outside the root.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let text = rel.to_string_lossy();
    let text = if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    };
    if text.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ".".into())
    } else {
        text
    }
}

fn exclude_matcher(set: &ExcludeSet) -> Result<Gitignore> {
    let mut builder = GitignoreBuilder::new(&set.base);
    for glob in &set.globs {
        builder
            .add_line(None, glob)
            .map_err(|e| Error::Usage(format!("invalid exclude glob `{glob}`: {e}")))?;
    }
    builder
        .build()
        .map_err(|e| Error::Usage(format!("invalid exclude globs: {e}")))
}

/// The path an `ignore` error is about, if it names one.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

fn is_loop(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// Walks `opts.paths` in parallel and returns the files to scan, sorted.
pub fn discover(opts: &WalkOptions) -> Result<Discovered> {
    let files = Mutex::new(Vec::new());
    let skipped = walk(opts, &|candidate| {
        files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(candidate)
    })?;
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort();
    Ok(Discovered { files, skipped })
}

/// Walks `opts.paths` in parallel, calling `on_file` for every file to scan
/// as soon as it is found (from the walker's threads, in no particular
/// order), and returns the skipped entries, sorted.
pub fn walk(opts: &WalkOptions, on_file: &(dyn Fn(Candidate) + Sync)) -> Result<Vec<Skipped>> {
    let Some((first, rest)) = opts.paths.split_first() else {
        return Ok(Vec::new());
    };
    let excludes: Vec<Gitignore> = opts
        .exclude
        .iter()
        .filter(|set| !set.globs.is_empty())
        .map(exclude_matcher)
        .collect::<Result<_>>()?;
    let mut builder = WalkBuilder::new(first);
    for path in rest {
        builder.add(path);
    }
    builder
        .hidden(false)
        .parents(opts.ignore_files)
        .ignore(opts.ignore_files)
        .git_ignore(opts.ignore_files)
        .git_exclude(opts.ignore_files)
        .git_global(opts.ignore_files)
        .require_git(false)
        .follow_links(opts.follow_symlinks)
        .threads(opts.threads);
    if opts.ignore_files {
        builder.add_custom_ignore_filename(IGNORE_FILE);
    }
    builder.filter_entry(move |entry| {
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir && VCS_DIRS.iter().any(|d| entry.file_name() == *d) {
            return false;
        }
        let path = entry.path();
        // Paths named on the command line are always scanned.
        entry.depth() == 0
            || !excludes.iter().any(|matcher| {
                path.starts_with(matcher.path())
                    && matcher
                        .matched_path_or_any_parents(path, is_dir)
                        .is_ignore()
            })
    });

    let shared = Mutex::new(Vec::new());
    let max = opts.max_file_size;
    let root = &opts.root;
    // The same file named twice (`vigie scan a a/b.txt`) is scanned once.
    let seen = Mutex::new(std::collections::HashSet::new());
    let several_roots = !rest.is_empty();
    builder.build_parallel().run(|| {
        let mut local = Local {
            skipped: Vec::new(),
            shared: &shared,
        };
        let seen = &seen;
        Box::new(move |result| {
            if let Some(candidate) = visit(root, max, result, &mut local.skipped) {
                let fresh = !several_roots
                    || seen
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .insert(candidate.path.clone());
                if fresh {
                    on_file(candidate);
                }
            }
            WalkState::Continue
        })
    });
    let mut skipped = shared.into_inner().unwrap_or_else(|p| p.into_inner());
    skipped.sort();
    skipped.dedup();
    Ok(skipped)
}

/// Per-thread skipped entries, flushed into the shared list when the walker
/// thread is done.
struct Local<'a> {
    skipped: Vec<Skipped>,
    shared: &'a Mutex<Vec<Skipped>>,
}

impl Drop for Local<'_> {
    fn drop(&mut self) {
        let mut shared = self.shared.lock().unwrap_or_else(|p| p.into_inner());
        shared.append(&mut self.skipped);
    }
}

/// Classifies one walker entry: a file to scan, or a skipped entry pushed on
/// `skipped`.
fn visit(
    root: &Path,
    max_file_size: u64,
    result: std::result::Result<ignore::DirEntry, ignore::Error>,
    skipped: &mut Vec<Skipped>,
) -> Option<Candidate> {
    let entry = match result {
        Ok(entry) => entry,
        Err(err) => {
            let reason = if is_loop(&err) {
                SkipReason::SymlinkLoop
            } else {
                SkipReason::Unreadable
            };
            let path = error_path(&err).map_or_else(|| "?".to_string(), |p| relative(root, p));
            skipped.push(Skipped {
                path,
                reason,
                detail: err.to_string(),
            });
            return None;
        }
    };
    let file_type = entry.file_type()?;
    if file_type.is_dir() {
        return None;
    }
    let rel = relative(root, entry.path());
    if file_type.is_symlink() {
        // Only reached when links are not followed.
        let target = std::fs::read_link(entry.path())
            .map(|t| format!(" -> {}", t.display()))
            .unwrap_or_default();
        skipped.push(Skipped {
            path: rel,
            reason: SkipReason::Symlink,
            detail: format!("symbolic link{target} not followed (see --follow-symlinks)"),
        });
        return None;
    }
    if !file_type.is_file() {
        skipped.push(Skipped {
            path: rel,
            reason: SkipReason::NotAFile,
            detail: "not a regular file (FIFO, socket or device)".into(),
        });
        return None;
    }
    match entry.metadata() {
        Ok(meta) if meta.len() > max_file_size => {
            skipped.push(Skipped {
                path: rel,
                reason: SkipReason::TooLarge,
                detail: format!(
                    "{} bytes, above the {max_file_size}-byte limit (see --max-file-size)",
                    meta.len()
                ),
            });
            None
        }
        Ok(meta) => Some(Candidate {
            rel,
            path: entry.into_path(),
            size: meta.len(),
        }),
        Err(err) => {
            skipped.push(Skipped {
                path: rel,
                reason: SkipReason::Unreadable,
                detail: err.to_string(),
            });
            None
        }
    }
}
