//! The scan engine: turns paths (or any bytes) into a sorted [`Report`]. It
//! reads each file once, runs every check on it in a rayon pool with
//! per-thread buffers, and merges the results deterministically.

use std::fs::File;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::checks::openapi::ApiCheck;
use crate::checks::secrets::SecretsCheck;
use crate::checks::{Check, Hit, Problem};
use crate::config::Config;
use crate::discover::{self, Candidate, ExcludeSet, WalkOptions};
use crate::error::{Error, Result};
use crate::finding::{fingerprint, Finding, Level, Snippet, Suppression, SuppressionKind};
use crate::report::{InputProblem, Report, RuleRun, SkipReason, Skipped};
use crate::source::Source;
use crate::suppress::{is_suppressed_inline, Placement};

/// Default `--max-file-size`: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 << 20;

/// Bytes sniffed for a NUL to tell binary files (as git and ripgrep do).
const BINARY_SNIFF: usize = 8192;

/// Longest snippet shown, in characters.
const SNIPPET_WIDTH: usize = 160;

/// Compiled rules and settings, ready to scan sources from any origin.
pub struct Scanner {
    catalog: Catalog,
    /// Effective level per catalogue rule; `None`: disabled.
    levels: Vec<Option<Level>>,
    checks: Vec<Box<dyn Check>>,
    config: Config,
    show_secrets: bool,
}

/// What walking needs beyond the configuration.
#[derive(Clone, Debug, Default)]
pub struct PathOptions {
    pub paths: Vec<PathBuf>,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Overrides the configuration's `max-file-size`.
    pub max_file_size: Option<u64>,
    /// Overrides the configuration's `follow-symlinks`.
    pub follow_symlinks: Option<bool>,
    /// Extra exclude globs (from the command line).
    pub exclude: Vec<String>,
    /// Ignore .gitignore, .ignore and .vigieignore files.
    pub no_ignore: bool,
}

impl Scanner {
    pub fn new(catalog: Catalog, config: Config, show_secrets: bool) -> Result<Scanner> {
        let levels = config.select(&catalog);
        let secrets = SecretsCheck::new(&catalog, |i| levels[i].is_some())?;
        let mut checks: Vec<Box<dyn Check>> = Vec::new();
        if !secrets.is_empty() {
            checks.push(Box::new(secrets));
        }
        let pii = crate::checks::pii::PiiCheck::new(&catalog, |i| levels[i].is_some());
        if !pii.is_empty() {
            checks.push(Box::new(pii));
        }
        let models = crate::checks::models::ModelCheck::new(&catalog, |i| levels[i].is_some());
        if !models.is_empty() {
            checks.push(Box::new(models));
        }
        let api = ApiCheck::new(&catalog, |i| levels[i].is_some());
        if !api.is_empty() {
            checks.push(Box::new(api));
        }
        Ok(Scanner {
            catalog,
            levels,
            checks,
            config,
            show_secrets,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The rules that run, with their effective levels, sorted by id.
    pub fn rules(&self) -> Vec<RuleRun> {
        self.catalog
            .rules()
            .iter()
            .zip(&self.levels)
            .filter_map(|(rule, level)| {
                level.map(|level| RuleRun {
                    rule: rule.clone(),
                    level,
                })
            })
            .collect()
    }

    /// Scans one source (a file's bytes, a git blob...) and returns its
    /// findings, sorted, with inline suppressions and the allowlist applied.
    pub fn scan_source(&self, src: &Source) -> Vec<Finding> {
        self.scan_source_full(src).0
    }

    /// [`Scanner::scan_source`], also returning the problems checks had
    /// with the input (an invalid API description...).
    pub fn scan_source_full(&self, src: &Source) -> (Vec<Finding>, Vec<InputProblem>) {
        let mut hits = Vec::new();
        let mut problems = Vec::new();
        for check in &self.checks {
            check.check_all(src, &mut hits, &mut problems);
        }
        let problems = problems
            .into_iter()
            .map(|p: Problem| {
                let level = if p.note { Level::Note } else { Level::Warning };
                match p.elsewhere {
                    Some((path, line, column)) => InputProblem {
                        path,
                        line,
                        column,
                        level,
                        message: p.message,
                    },
                    None => {
                        let pos = src.position(p.offset);
                        InputProblem {
                            path: src.path.to_string(),
                            line: pos.line,
                            column: pos.column,
                            level,
                            message: p.message,
                        }
                    }
                }
            })
            .collect();
        // Every secret of the file is masked in every snippet, not only the
        // finding's own: one line may hold several.
        let len = src.bytes.len();
        let mut secrets: Vec<Range<usize>> = if self.show_secrets {
            Vec::new()
        } else {
            hits.iter()
                .filter_map(|h| h.secret.clone())
                .map(|s| s.start.min(len)..s.end.min(len))
                .filter(|s| s.start < s.end)
                .collect()
        };
        // A reported secret is masked wherever its value appears in the
        // file, even where no rule reports it (a second copy cut short).
        let mut values: Vec<&[u8]> = secrets
            .iter()
            .map(|s| &src.bytes[s.clone()])
            .filter(|v| v.len() >= 8)
            .collect();
        values.sort_unstable();
        values.dedup();
        // One automaton over every reported value finds their copies in one
        // pass, however many there are.
        let mut copies = Vec::new();
        if !values.is_empty() {
            if let Ok(automaton) = aho_corasick::AhoCorasick::new(&values) {
                copies.extend(
                    automaton
                        .find_overlapping_iter(src.bytes)
                        .map(|m| m.range()),
                );
            }
        }
        secrets.extend(copies);
        secrets.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        // Overlapping secrets (two rules, one value) become one masked range.
        let mut masks: Vec<(Range<usize>, String)> = Vec::new();
        for s in secrets {
            match masks.last_mut() {
                Some((last, _)) if s.start < last.end => last.end = last.end.max(s.end),
                _ => masks.push((s, String::new())),
            }
        }
        for (range, masked) in &mut masks {
            *masked = redact(&src.bytes[range.clone()]);
        }
        let mut findings: Vec<Finding> = hits
            .into_iter()
            .filter_map(|hit| self.finding(src, hit, &masks))
            .collect();
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        (findings, problems)
    }

    fn finding(&self, src: &Source, hit: Hit, masks: &[(Range<usize>, String)]) -> Option<Finding> {
        let rule = self.catalog.rules().get(hit.rule)?;
        let level = self.levels.get(hit.rule).copied().flatten()?;
        // A check may set the level of one finding; the configuration's
        // explicit level for the rule still wins.
        let extra = hit.extra.map(|e| *e).unwrap_or_default();
        let level = self
            .config
            .explicit_level(&rule.id)
            .or(extra.level)
            .unwrap_or(level);
        if let Some(w) = &extra.elsewhere {
            return Some(self.finding_elsewhere(rule, level, hit.message, w, &extra));
        }
        let len = src.bytes.len();
        let span = hit.span.start.min(len)..hit.span.end.min(len).max(hit.span.start.min(len));
        let secret = hit
            .secret
            .map(|s| s.start.min(len)..s.end.min(len).max(s.start.min(len)));
        let start = src.position(span.start);
        let end = src.position(span.end);
        let content = &src.bytes[secret.clone().unwrap_or(span.clone())];
        let fingerprint = fingerprint(&rule.id, src.path, content);

        // On a very long line (minified JSON), only the neighbourhood of the
        // finding is read: snippets and inline markers stay O(1) per finding.
        let line = clip(src.bytes, src.line_range(start.line), &span);
        let snippet = snippet(src.bytes, line.clone(), span.clone(), masks);

        let mut suppression = None;
        let above = (start.line > 1).then(|| {
            let above = src.line_range(start.line - 1);
            &src.bytes[above.start..above.end.min(above.start + LINE_WINDOW)]
        });
        if let Some((placement, marker)) = is_suppressed_inline(&src.bytes[line], above, &rule.id) {
            let comment_line = match placement {
                Placement::SameLine => start.line,
                Placement::LineAbove => start.line - 1,
            };
            suppression = Some(Suppression {
                kind: SuppressionKind::InSource,
                justification: format!("{marker} comment on line {comment_line}"),
            });
        } else if let Some(s) = &secret {
            let value = String::from_utf8_lossy(&src.bytes[s.clone()]);
            if self.config.is_allowlisted(&value) {
                let file = self
                    .config
                    .path
                    .as_deref()
                    .and_then(Path::file_name)
                    .map_or("the configuration".into(), |n| {
                        n.to_string_lossy().into_owned()
                    });
                suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification: format!("allowlisted in {file}"),
                });
            }
        }

        Some(Finding {
            rule: rule.id.clone(),
            level,
            message: hit.message,
            path: src.path.to_string(),
            start,
            end,
            snippet,
            fingerprint,
            tags: rule.tags.clone(),
            suppression,
            secret: secret
                .filter(|_| self.show_secrets)
                .map(|s| String::from_utf8_lossy(&src.bytes[s]).into_owned()),
            pointer: extra.pointer,
            properties: extra.properties,
        })
    }

    /// A finding a check placed in another file than the one it read.
    fn finding_elsewhere(
        &self,
        rule: &crate::catalog::Rule,
        level: Level,
        message: String,
        w: &crate::checks::Elsewhere,
        extra: &crate::checks::HitExtra,
    ) -> Finding {
        let bytes = w.text.as_bytes();
        let span = w.span.start.min(bytes.len())
            ..w.span
                .end
                .min(bytes.len())
                .max(w.span.start.min(bytes.len()));
        let column = |at: usize| 1 + crate::source::char_count(&bytes[..at]);
        let suppression =
            is_suppressed_inline(bytes, None, &rule.id).map(|(_, marker)| Suppression {
                kind: SuppressionKind::InSource,
                justification: format!("{marker} comment on line {}", w.line),
            });
        Finding {
            rule: rule.id.clone(),
            level,
            message,
            path: w.path.clone(),
            start: crate::finding::Position {
                line: w.line,
                column: column(span.start),
            },
            end: crate::finding::Position {
                line: w.line,
                column: column(span.end),
            },
            snippet: snippet(bytes, 0..bytes.len(), span.clone(), &[]),
            fingerprint: fingerprint(&rule.id, &w.path, &bytes[span]),
            tags: rule.tags.clone(),
            suppression,
            secret: None,
            pointer: extra.pointer.clone(),
            properties: extra.properties.clone(),
        }
    }

    /// Walks `opts.paths` and scans every file. Errors only for bad input
    /// paths or options; unreadable files become skipped entries.
    pub fn scan_paths(&self, opts: &PathOptions) -> Result<Report> {
        let started = Instant::now();
        let (root, paths) = resolve_paths(&opts.paths)?;
        // Files the user named: checks that look at file names (the API
        // auditor only sniffs .json/.yaml/.yml) read these whatever their name.
        let named: Vec<PathBuf> = paths.iter().filter(|p| p.is_file()).cloned().collect();
        // Globs of the configuration are relative to its directory; those
        // of the command line to the scan root.
        let config_base = self
            .config
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(|dir| {
                if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                }
            })
            .and_then(|dir| dir.canonicalize().ok())
            .unwrap_or_else(|| root.clone());
        let exclude = vec![
            ExcludeSet {
                base: config_base,
                globs: self.config.exclude.clone(),
            },
            ExcludeSet {
                base: root.clone(),
                globs: opts.exclude.clone(),
            },
        ];
        let walk = WalkOptions {
            root: root.clone(),
            paths,
            max_file_size: opts
                .max_file_size
                .or(self.config.max_file_size)
                .unwrap_or(DEFAULT_MAX_FILE_SIZE),
            follow_symlinks: opts
                .follow_symlinks
                .or(self.config.follow_symlinks)
                .unwrap_or(false),
            exclude,
            threads: opts.threads,
            ignore_files: !opts.no_ignore,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(opts.threads)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {} threads: {e}", opts.threads)))?;
        let max = walk.max_file_size;
        // The walker's threads feed files to the rayon workers as they find
        // them, so reading and checking overlap with walking. Order does not
        // matter: the report is sorted at the end.
        let (sender, receiver) = std::sync::mpsc::channel::<Candidate>();
        let (walked, outcomes) = std::thread::scope(|scope| {
            let walker = scope.spawn(move || {
                discover::walk(&walk, &|candidate| {
                    // The receiver lives until every file is taken.
                    let _ = sender.send(candidate);
                })
            });
            let outcomes: Vec<Outcome> = pool.install(|| {
                receiver
                    .into_iter()
                    .par_bridge()
                    .map_init(Vec::new, |buf, candidate| {
                        let named = named.iter().any(|n| n == &candidate.path);
                        self.scan_file(&candidate, &root, named, max, buf)
                    })
                    .collect()
            });
            let walked = walker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (walked, outcomes)
        });
        let skipped = walked?;

        let mut report = Report {
            root,
            findings: Vec::new(),
            skipped,
            problems: Vec::new(),
            files_scanned: 0,
            bytes_scanned: 0,
            duration: started.elapsed(),
            rules: self.rules(),
            config: self.config.path.clone(),
        };
        for outcome in outcomes {
            match outcome {
                Outcome::Scanned {
                    bytes,
                    findings,
                    problems,
                } => {
                    report.files_scanned += 1;
                    report.bytes_scanned += bytes;
                    report.findings.extend(findings);
                    report.problems.extend(problems);
                }
                Outcome::Skipped(skipped) => report.skipped.push(skipped),
            }
        }
        report.sort();
        report.duration = started.elapsed();
        Ok(report)
    }

    fn scan_file(
        &self,
        candidate: &Candidate,
        root: &Path,
        named: bool,
        max: u64,
        buf: &mut Vec<u8>,
    ) -> Outcome {
        let skipped = |reason, detail: String| {
            Outcome::Skipped(Skipped {
                path: candidate.rel.clone(),
                reason,
                detail,
            })
        };
        buf.clear();
        let mut file = match File::open(&candidate.path) {
            Ok(file) => file,
            Err(err) => return skipped(SkipReason::Unreadable, err.to_string()),
        };
        // The first bytes tell a binary file: it is not read any further.
        if let Err(err) = (&mut file).take(BINARY_SNIFF as u64).read_to_end(buf) {
            return skipped(SkipReason::Unreadable, err.to_string());
        }
        if memchr::memchr(0, buf).is_some() {
            return skipped(SkipReason::Binary, "binary file (NUL byte)".into());
        }
        if buf.len() == BINARY_SNIFF {
            buf.reserve((candidate.size as usize + 1).saturating_sub(buf.len()));
            let rest = (max + 1).saturating_sub(buf.len() as u64);
            if let Err(err) = file.take(rest).read_to_end(buf) {
                return skipped(SkipReason::Unreadable, err.to_string());
            }
        }
        if buf.len() as u64 > max {
            return skipped(
                SkipReason::TooLarge,
                format!("grew above the {max}-byte limit while being read"),
            );
        }
        let mut src = Source::new(&candidate.rel, buf).on_disk(&candidate.path, root);
        src.named = named;
        let (findings, problems) = self.scan_source_full(&src);
        Outcome::Scanned {
            bytes: buf.len() as u64,
            findings,
            problems,
        }
    }
}

enum Outcome {
    Scanned {
        bytes: u64,
        findings: Vec<Finding>,
        problems: Vec<InputProblem>,
    },
    Skipped(Skipped),
}

/// Canonicalises the scan paths and picks the root that reported paths are
/// relative to: the current directory when every path is inside it (as when
/// CI runs at the repository root), else the first path's directory.
fn resolve_paths(paths: &[PathBuf]) -> Result<(PathBuf, Vec<PathBuf>)> {
    let given: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut resolved = Vec::with_capacity(given.len());
    for path in &given {
        let canonical = path.canonicalize().map_err(|e| Error::io(path, e))?;
        resolved.push(canonical);
    }
    let cwd = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    let root = match cwd {
        Some(cwd) if resolved.iter().all(|p| p.starts_with(&cwd)) => cwd,
        _ => {
            let first = &resolved[0];
            if first.is_dir() {
                first.clone()
            } else {
                first
                    .parent()
                    .map_or_else(|| first.clone(), Path::to_path_buf)
            }
        }
    };
    Ok((root, resolved))
}

/// A secret as reports show it: a short prefix and a mask, e.g.
/// `ghp_ab…[redacted]`. At most a quarter of the secret (and never more than
/// 6 characters, never past a line break) stays visible.
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let total = text.chars().count();
    let visible = (total / 4).min(6);
    let prefix: String = text
        .chars()
        .take(visible)
        .take_while(|c| *c != '\n' && *c != '\r')
        .collect();
    format!("{prefix}…[redacted]")
}

/// Printable form of a piece of a line: control characters (escape sequences
/// from a hostile file, tabs that would misalign the caret) become spaces.
/// Bytes of a line read around a finding, on each side (a snippet shows
/// at most 160 characters).
const LINE_WINDOW: usize = 1024;

/// The part of `line` within [`LINE_WINDOW`] bytes of `span`, on character
/// boundaries.
fn clip(bytes: &[u8], line: Range<usize>, span: &Range<usize>) -> Range<usize> {
    let is_cont = |i: usize| bytes.get(i).is_some_and(|b| (b & 0xC0) == 0x80);
    let mut start = span.start.saturating_sub(LINE_WINDOW).max(line.start);
    while start < line.end && is_cont(start) {
        start += 1;
    }
    let mut end = span
        .end
        .saturating_add(LINE_WINDOW)
        .min(line.end)
        .max(start);
    while end < line.end && is_cont(end) {
        end += 1;
    }
    start.min(span.start.max(line.start))..end
}

fn printable(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Builds the one-line snippet of a finding: the line, with the secret
/// replaced by its redacted form, cut to at most [`SNIPPET_WIDTH`]
/// characters around the highlighted span.
fn snippet(
    bytes: &[u8],
    line: Range<usize>,
    span: Range<usize>,
    masks: &[(Range<usize>, String)],
) -> Snippet {
    let clamp = |x: usize| x.clamp(line.start, line.end);
    let (hl_start, hl_end) = (clamp(span.start), clamp(span.end.max(span.start)));
    // The masks that touch this line, clamped to it (sorted, disjoint).
    // `masks` is sorted and disjoint: skip to the first that ends in the line.
    let first = masks.partition_point(|(r, _)| r.end <= line.start);
    let masks: Vec<(Range<usize>, &str)> = masks[first..]
        .iter()
        .take_while(|(r, _)| r.start < line.end.max(line.start + 1))
        .map(|(r, m)| (clamp(r.start)..clamp(r.end), m.as_str()))
        .collect();
    let mut cuts = vec![line.start, hl_start, hl_end, line.end];
    for (r, _) in &masks {
        cuts.extend([r.start, r.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    // (character, highlighted) pairs of the whole line.
    let mut chars: Vec<(char, bool)> = Vec::new();
    for piece in cuts.windows(2) {
        let (a, b) = (piece[0], piece[1]);
        let lit = a >= hl_start && b <= hl_end && hl_start < hl_end;
        match masks.iter().find(|(r, _)| a >= r.start && b <= r.end) {
            Some((r, masked)) => {
                if a == r.start {
                    chars.extend(masked.chars().map(|c| (c, lit)));
                }
            }
            None => chars.extend(printable(&bytes[a..b]).into_iter().map(|c| (c, lit))),
        }
    }
    let first = chars.iter().position(|(_, lit)| *lit).unwrap_or_else(|| {
        // An empty span: point at where it starts.
        printable(&bytes[line.start..hl_start])
            .len()
            .min(chars.len())
    });
    let last = chars
        .iter()
        .rposition(|(_, lit)| *lit)
        .map_or(first, |i| i + 1);
    let lead = 40;
    let from = if first > lead { first - (lead - 1) } else { 0 };
    let budget = SNIPPET_WIDTH - usize::from(from > 0);
    let to = if chars.len() - from > budget {
        from + budget - 1
    } else {
        chars.len()
    };
    let mut text = String::new();
    let mut highlight = (0, 0);
    if from > 0 {
        text.push('…');
    }
    let mut count = usize::from(from > 0);
    for (i, (c, _)) in chars.iter().enumerate().take(to).skip(from) {
        if i == first {
            highlight.0 = count;
        }
        text.push(*c);
        count += 1;
        if i + 1 == last.min(to) {
            highlight.1 = count;
        }
    }
    if first >= to {
        highlight = (count, count);
    } else if last <= first {
        highlight = (highlight.0, highlight.0);
    }
    if to < chars.len() {
        text.push('…');
    }
    let trimmed = text.trim_end().chars().count();
    Snippet {
        text: text.trim_end().to_string(),
        highlight: (highlight.0.min(trimmed), highlight.1.min(trimmed)),
    }
}

/// Reads the configuration for a scan: `explicit` if given, else the file
/// discovered from the first scan path upward.
pub fn load_config(
    explicit: Option<&Path>,
    paths: &[PathBuf],
    catalog: &Catalog,
) -> Result<Config> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => {
            let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
            let start = start.canonicalize().map_err(|e| Error::io(&start, e))?;
            // Named relative to the current directory in messages when inside it.
            Config::discover(&start).map(|found| {
                std::env::current_dir()
                    .ok()
                    .and_then(|cwd| cwd.canonicalize().ok())
                    .and_then(|cwd| found.strip_prefix(cwd).ok().map(Path::to_path_buf))
                    .unwrap_or(found)
            })
        }
    };
    match path {
        Some(path) => Config::load(&path, catalog),
        None => Ok(Config::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_a_short_prefix() {
        assert_eq!(
            redact(b"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"),
            "ghp_u8…[redacted]"
        );
        assert_eq!(redact(b"hunter22"), "hu…[redacted]");
        assert_eq!(redact(b"abc"), "…[redacted]");
    }

    #[test]
    fn snippet_masks_and_cuts() {
        let line = b"token = \"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\" # x";
        let secret = 9..49;
        let masked = redact(&line[secret.clone()]);
        let s = snippet(line, 0..line.len(), secret.clone(), &[(secret, masked)]);
        assert_eq!(s.text, "token = \"ghp_u8…[redacted]\" # x");
        assert_eq!(s.highlight, (9, 26));
        assert!(!s.text.contains("GncfBAep"));

        let long = format!("{}KEY{}", "a".repeat(500), "b".repeat(500));
        let s = snippet(long.as_bytes(), 0..long.len(), 500..503, &[]);

        // Another secret on the line is masked too.
        let two = b"a='Zq8#kLm2pW' b='Xr5!vTn8Qw'";
        let masks = [(3..13, redact(&two[3..13])), (18..28, redact(&two[18..28]))];
        let both = snippet(two, 0..two.len(), 18..28, &masks);
        assert_eq!(both.text, "a='Zq…[redacted]' b='Xr…[redacted]'");
        assert!(s.text.chars().count() <= SNIPPET_WIDTH);
        let chars: Vec<char> = s.text.chars().collect();
        let hl: String = chars[s.highlight.0..s.highlight.1].iter().collect();
        assert_eq!(hl, "KEY");
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
    }

    #[test]
    fn snippet_neutralises_control_characters() {
        let line = b"\x1b[31mpassword\t= 1";
        let s = snippet(line, 0..line.len(), 5..13, &[]);
        assert!(!s.text.contains('\x1b') && !s.text.contains('\t'));
    }
}
