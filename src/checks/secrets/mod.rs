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

pub mod examples;
mod validate;

pub use validate::{entropy, is_placeholder};

/// A named validator from a rule's `validator` key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Validator {
    /// GitHub / npm style tokens: base62 CRC32 in the last 6 characters.
    GithubCrc32,
    /// `key = value` assignments: quoted anywhere, unquoted only in config files.
    Assignment,
    /// A JSON Web Token: a JSON header naming a signing algorithm, and a signature.
    Jwt,
    /// A password in a URL (`scheme://user:password@host`): not a well-known
    /// default, not the user name again.
    UrlPassword,
}

/// Validator names accepted in rule packs.
pub const VALIDATORS: &[&str] = &["github-crc32", "assignment", "jwt", "url-password"];

impl Validator {
    fn from_name(name: &str) -> Option<Validator> {
        match name {
            "github-crc32" => Some(Validator::GithubCrc32),
            "assignment" => Some(Validator::Assignment),
            "jwt" => Some(Validator::Jwt),
            "url-password" => Some(Validator::UrlPassword),
            _ => None,
        }
    }
}

struct CompiledRule {
    catalog_index: usize,
    title: String,
    regex: Regex,
    /// Groups named `secret`, `secret2`, `secret3`...: the first that took
    /// part in a match is the secret (patterns with alternatives).
    secret_groups: Vec<usize>,
    min_entropy: Option<f64>,
    validator: Option<Validator>,
    window: usize,
    report_at: ReportAt,
    /// A low-confidence rule (tag `generic`): yields to any specific rule
    /// reporting the same secret, and skips lockfiles, hashes and UUIDs.
    generic: bool,
}

/// The secret check over a set of enabled data-driven rules.
pub struct SecretsCheck {
    /// One automaton for case-sensitive keywords, one for the keywords of
    /// case-insensitive rules (patterns starting with `(?i)`): the
    /// case-sensitive one keeps aho-corasick's fast (SIMD) prefilter.
    prefilters: Vec<Prefilter>,
    rules: Vec<CompiledRule>,
    /// Catalogue indices of the generic rules.
    generic_rules: Vec<usize>,
}

/// Keywords of one case sensitivity and the rules each one triggers.
struct Prefilter {
    automaton: AhoCorasick,
    /// Keyword index -> indices into `rules`: the rules of the keyword and of
    /// every keyword it contains, so a leftmost-longest search that reports
    /// one keyword per start position still triggers all of them.
    rules: Vec<Vec<usize>>,
}

impl Prefilter {
    fn build(keywords: Vec<(String, Vec<usize>)>, ignore_case: bool) -> Result<Option<Prefilter>> {
        if keywords.is_empty() {
            return Ok(None);
        }
        let rules = keywords
            .iter()
            .map(|(k, _)| {
                let mut triggered: Vec<usize> = keywords
                    .iter()
                    .filter(|(other, _)| k.contains(other.as_str()))
                    .flat_map(|(_, r)| r.iter().copied())
                    .collect();
                triggered.sort_unstable();
                triggered.dedup();
                triggered
            })
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(ignore_case)
            .match_kind(MatchKind::LeftmostLongest)
            .build(keywords.iter().map(|(k, _)| k))
            .map_err(|e| Error::Rules {
                file: "secrets".into(),
                line: 1,
                message: format!("cannot build the keyword prefilter: {e}"),
            })?;
        Ok(Some(Prefilter { automaton, rules }))
    }

    /// Calls `hit(rule, keyword range)` for every keyword occurrence: after a
    /// match the search resumes one byte after its start, so overlapping
    /// occurrences are found too, while the search between matches stays on
    /// aho-corasick's fast path.
    fn for_each_hit(&self, bytes: &[u8], mut hit: impl FnMut(usize, Range<usize>)) {
        let mut at = 0;
        while at < bytes.len() {
            let input = aho_corasick::Input::new(bytes).span(at..bytes.len());
            let Some(m) = self.automaton.find(input) else {
                break;
            };
            for &rule in &self.rules[m.pattern().as_usize()] {
                hit(rule, m.range());
            }
            at = m.start() + 1;
        }
    }
}

impl SecretsCheck {
    /// Compiles every enabled rule of `catalog` that has a secret spec.
    /// `enabled(i)` tells whether catalogue rule `i` runs.
    pub fn new(catalog: &Catalog, enabled: impl Fn(usize) -> bool) -> Result<SecretsCheck> {
        let mut rules = Vec::new();
        // (keyword, rules) for case-sensitive [0] and case-insensitive [1] rules.
        let mut keywords: [Vec<(String, Vec<usize>)>; 2] = [Vec::new(), Vec::new()];
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
            // Bytes mode without Unicode: `\b`, `\w`, `\s` and `.` are ASCII,
            // which keeps the fast DFA engines usable on any input.
            let regex = RegexBuilder::new(&spec.pattern)
                .unicode(false)
                .size_limit(64 << 20)
                .build()
                .map_err(|e| bad(format!("invalid pattern: {e}")))?;
            let secret_groups: Vec<usize> = regex
                .capture_names()
                .enumerate()
                .filter(|(_, name)| name.is_some_and(is_secret_group))
                .map(|(i, _)| i)
                .collect();
            if secret_groups.is_empty() {
                return Err(bad("the pattern has no `(?P<secret>...)` group".into()));
            }
            let validator = match &spec.validator {
                Some(name) => Some(Validator::from_name(name).ok_or_else(|| {
                    bad(format!(
                        "unknown validator `{name}` (known: {})",
                        VALIDATORS.join(", ")
                    ))
                })?),
                None => None,
            };
            let local = rules.len();
            let ignore_case = spec.pattern.starts_with("(?i)");
            let set = &mut keywords[usize::from(ignore_case)];
            for keyword in &spec.keywords {
                let keyword = if ignore_case {
                    keyword.to_ascii_lowercase()
                } else {
                    keyword.clone()
                };
                match set.iter_mut().find(|(k, _)| *k == keyword) {
                    Some((_, rules)) => rules.push(local),
                    None => set.push((keyword, vec![local])),
                }
            }
            rules.push(CompiledRule {
                catalog_index: index,
                title: rule.title.clone(),
                regex,
                secret_groups,
                min_entropy: spec.min_entropy,
                validator,
                window: spec.window,
                report_at: spec.report_at,
                generic: rule.tags.iter().any(|t| t == "generic"),
            });
        }
        let [sensitive, insensitive] = keywords;
        let prefilters = [
            Prefilter::build(sensitive, false)?,
            Prefilter::build(insensitive, true)?,
        ]
        .into_iter()
        .flatten()
        .collect();
        let generic_rules = rules
            .iter()
            .filter(|r| r.generic)
            .map(|r| r.catalog_index)
            .collect();
        Ok(SecretsCheck {
            prefilters,
            rules,
            generic_rules,
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
        if rule.generic && (validate::is_benign_value(secret) || validate::is_lockfile(src.path)) {
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
                let quote = ["quote", "quote2", "quote3"]
                    .iter()
                    .find_map(|n| caps.name(n))
                    .map_or(&b""[..], |m| m.as_bytes());
                validate::assignment(src.path, quote, secret, next)
            }
            Some(Validator::Jwt) => validate::jwt(secret),
            Some(Validator::UrlPassword) => {
                let user = caps.name("user").map_or(&b""[..], |m| m.as_bytes());
                validate::url_password(user, secret)
            }
        }
    }
}

/// `secret`, or `secret` followed by digits.
fn is_secret_group(name: &str) -> bool {
    name.strip_prefix("secret")
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
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
        for prefilter in &self.prefilters {
            prefilter.for_each_hit(bytes, |r, at| {
                windows.push((r, neighbourhood(bytes, at, self.rules[r].window)));
            });
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
                let secret = rule.secret_groups.iter().find_map(|&g| caps.get(g));
                let (Some(whole), Some(secret)) = (caps.get(0), secret) else {
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
        // output free of duplicates whatever the patterns do; and a generic
        // rule never reports a secret a specific rule already reports.
        let mut new: Vec<(Hit, bool)> = out
            .drain(first_new..)
            .map(|h| {
                let generic = self.generic_rules.contains(&h.rule);
                (h, generic)
            })
            .collect();
        new.sort_by_key(|(h, _)| (h.rule, h.span.start, h.span.end));
        new.dedup_by_key(|(h, _)| (h.rule, h.span.start));
        let specific: Vec<Range<usize>> = new
            .iter()
            .filter(|(_, generic)| !generic)
            .filter_map(|(h, _)| h.secret.clone())
            .collect();
        out.extend(new.into_iter().filter_map(|(hit, generic)| {
            let shadowed = generic
                && hit
                    .secret
                    .as_ref()
                    .is_some_and(|s| specific.iter().any(|o| o.start < s.end && s.start < o.end));
            (!shadowed).then_some(hit)
        }));
    }
}

#[cfg(test)]
mod tests;
