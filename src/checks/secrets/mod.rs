//! Secret detection, cheapest layer first: one Aho-Corasick pass over all
//! rules' keywords, then only the rules whose keywords occur run their regex,
//! and only on the lines around the hits; then validators (checksum, entropy,
//! placeholders) drop the impossible matches.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{Captures, Regex, RegexBuilder};

use super::{Check, Hit};
use crate::catalog::{Catalog, ReportAt};
use crate::error::{Error, Result};
use crate::source::Source;

mod validate;

pub use validate::{entropy, is_placeholder};

/// A named validator from a rule's `validator` key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Validator {
    /// GitHub / npm style tokens: base62 CRC32 in the last 6 characters.
    GithubCrc32,
    /// `key = value` assignments: quoted anywhere, unquoted only in config files.
    Assignment,
}

impl Validator {
    fn from_name(name: &str) -> Option<Validator> {
        match name {
            "github-crc32" => Some(Validator::GithubCrc32),
            "assignment" => Some(Validator::Assignment),
            _ => None,
        }
    }
}

struct CompiledRule {
    catalog_index: usize,
    title: String,
    regex: Regex,
    secret_group: usize,
    min_entropy: Option<f64>,
    validator: Option<Validator>,
    window: usize,
    report_at: ReportAt,
}

/// The secret check over a set of enabled data-driven rules.
pub struct SecretsCheck {
    prefilter: AhoCorasick,
    /// Keyword pattern index -> indices into `rules`.
    keyword_rules: Vec<Vec<usize>>,
    rules: Vec<CompiledRule>,
}

impl SecretsCheck {
    /// Compiles every enabled rule of `catalog` that has a secret spec.
    /// `enabled(i)` tells whether catalogue rule `i` runs.
    pub fn new(catalog: &Catalog, enabled: impl Fn(usize) -> bool) -> Result<SecretsCheck> {
        let mut rules = Vec::new();
        let mut keywords: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        for (index, rule) in catalog.rules().iter().enumerate() {
            let Some(spec) = &rule.secret else { continue };
            if !enabled(index) {
                continue;
            }
            let bad = |message: String| Error::Rules {
                file: rule.pack.clone(),
                line: 1,
                message: format!("rule `{}`: {message}", rule.id),
            };
            let regex = RegexBuilder::new(&spec.pattern)
                .size_limit(64 << 20)
                .build()
                .map_err(|e| bad(format!("invalid pattern: {e}")))?;
            let secret_group = regex
                .capture_names()
                .position(|n| n == Some("secret"))
                .ok_or_else(|| bad("the pattern has no `(?P<secret>...)` group".into()))?;
            let validator = match &spec.validator {
                Some(name) => Some(
                    Validator::from_name(name)
                        .ok_or_else(|| bad(format!("unknown validator `{name}`")))?,
                ),
                None => None,
            };
            let local = rules.len();
            for keyword in &spec.keywords {
                let lower = keyword.to_ascii_lowercase();
                match keywords.iter().position(|k| *k == lower) {
                    Some(k) => keyword_rules[k].push(local),
                    None => {
                        keywords.push(lower);
                        keyword_rules.push(vec![local]);
                    }
                }
            }
            rules.push(CompiledRule {
                catalog_index: index,
                title: rule.title.clone(),
                regex,
                secret_group,
                min_entropy: spec.min_entropy,
                validator,
                window: spec.window,
                report_at: spec.report_at,
            });
        }
        let prefilter = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&keywords)
            .map_err(|e| Error::Rules {
                file: "secrets".into(),
                line: 1,
                message: format!("cannot build the keyword prefilter: {e}"),
            })?;
        Ok(SecretsCheck {
            prefilter,
            keyword_rules,
            rules,
        })
    }

    /// Number of compiled rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Runs the layered checks on one regex match. `next` is the byte right
    /// after the secret, if any.
    fn accept(
        rule: &CompiledRule,
        caps: &Captures,
        src: &Source,
        secret: &[u8],
        next: Option<u8>,
    ) -> bool {
        if is_placeholder(secret) {
            return false;
        }
        if let Some(min) = rule.min_entropy {
            if entropy(secret) < min {
                return false;
            }
        }
        match rule.validator {
            None => true,
            Some(Validator::GithubCrc32) => validate::github_crc32(secret),
            Some(Validator::Assignment) => {
                let quote = caps.name("quote").map_or(&b""[..], |m| m.as_bytes());
                validate::assignment(src.path, quote, secret, next)
            }
        }
    }
}

/// Expands a keyword hit at `at` to the range the rule's regex may read: from
/// the start of the hit's line to the end of the line `window` bytes further.
fn neighbourhood(bytes: &[u8], at: Range<usize>, window: usize) -> Range<usize> {
    let start = memchr::memrchr(b'\n', &bytes[..at.start]).map_or(0, |i| i + 1);
    let reach = at.end.saturating_add(window).min(bytes.len());
    let end = memchr::memchr(b'\n', &bytes[reach..]).map_or(bytes.len(), |i| reach + i + 1);
    start..end
}

impl Check for SecretsCheck {
    fn check(&self, src: &Source, out: &mut Vec<Hit>) {
        let bytes = src.bytes;
        // (rule, range) pairs to search, merged per rule below.
        let mut windows: Vec<(usize, Range<usize>)> = Vec::new();
        for m in self.prefilter.find_overlapping_iter(bytes) {
            for &r in &self.keyword_rules[m.pattern().as_usize()] {
                windows.push((r, neighbourhood(bytes, m.range(), self.rules[r].window)));
            }
        }
        if windows.is_empty() {
            return;
        }
        windows.sort_by_key(|(r, range)| (*r, range.start, range.end));
        let mut merged: Vec<(usize, Range<usize>)> = Vec::with_capacity(windows.len());
        for (r, range) in windows {
            match merged.last_mut() {
                Some((lr, last)) if *lr == r && range.start <= last.end => {
                    last.end = last.end.max(range.end);
                }
                _ => merged.push((r, range)),
            }
        }
        let first_new = out.len();
        for (r, range) in merged {
            let rule = &self.rules[r];
            let hay = &bytes[range.clone()];
            for caps in rule.regex.captures_iter(hay) {
                let (Some(whole), Some(secret)) = (caps.get(0), caps.get(rule.secret_group)) else {
                    continue;
                };
                let secret_bytes = secret.as_bytes();
                if !Self::accept(
                    rule,
                    &caps,
                    src,
                    secret_bytes,
                    hay.get(secret.end()).copied(),
                ) {
                    continue;
                }
                let secret_range = range.start + secret.start()..range.start + secret.end();
                let span = match rule.report_at {
                    ReportAt::Secret => secret_range.clone(),
                    ReportAt::Match => range.start + whole.start()..range.start + whole.end(),
                };
                out.push(Hit {
                    rule: rule.catalog_index,
                    span,
                    secret: Some(secret_range),
                    message: format!("{} found", rule.title),
                });
            }
        }
        // Two windows of one rule never overlap after merging, but keep the
        // output free of duplicates whatever the patterns do.
        let new = &mut out[first_new..];
        new.sort_by_key(|h| (h.rule, h.span.start, h.span.end));
        let mut seen = std::collections::HashSet::new();
        let mut kept: Vec<Hit> = Vec::new();
        for hit in out.drain(first_new..) {
            if seen.insert((hit.rule, hit.span.start)) {
                kept.push(hit);
            }
        }
        out.extend(kept);
    }
}

#[cfg(test)]
mod tests;
