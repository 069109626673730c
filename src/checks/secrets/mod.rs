//! Secret detection, cheapest layer first: one Aho-Corasick pass over all
//! rules' keywords, then only the rules whose keywords occur run their regex,
//! and only on the lines around the hits; then validators (checksum, entropy,
//! placeholders) drop the impossible matches.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

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
    pattern: String,
    /// Compiled on first use: a scan compiles only the rules whose keywords
    /// occur, which keeps start-up instant (pre-commit hooks). `None` if the
    /// pattern, valid in syntax, still fails to compile (size limit).
    regex: OnceLock<Option<Regex>>,
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
    /// `None` when no rule is enabled.
    prefilter: Option<Prefilter>,
    rules: Vec<CompiledRule>,
    /// (catalogue index, priority) of the rules tagged `generic` or
    /// `context`; every other rule has priority [`SPECIFIC`].
    priorities: Vec<(usize, u8)>,
}

/// A rule a keyword occurrence triggers.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Trigger {
    /// Index into `SecretsCheck::rules`.
    rule: usize,
    /// For a keyword with an upper-case letter: where it sits in the matched
    /// (lower-cased) keyword and its exact bytes, checked against the input.
    exact: Option<(usize, Box<[u8]>)>,
}

/// The keyword prefilter: one Aho-Corasick DFA over every rule's keyword,
/// lower-cased, run on a lower-cased copy of the input. One pass whatever
/// the mix of cases: aho-corasick's own case-insensitive mode gives up its
/// fast paths, and a second automaton for exact keywords doubles the work.
struct Prefilter {
    automaton: AhoCorasick,
    /// Pattern index -> the rules of the keyword and of every keyword it
    /// contains, so a leftmost-longest search that reports one keyword per
    /// start position still triggers all of them.
    triggers: Vec<Vec<Trigger>>,
}

impl Prefilter {
    /// `keywords`: (keyword as written, rule index) pairs.
    fn build(keywords: &[(String, usize)]) -> Result<Option<Prefilter>> {
        let mut patterns: Vec<String> = keywords
            .iter()
            .map(|(k, _)| k.to_ascii_lowercase())
            .collect();
        patterns.sort();
        patterns.dedup();
        if patterns.is_empty() {
            return Ok(None);
        }
        let triggers = patterns
            .iter()
            .map(|pattern| {
                let mut triggers: Vec<Trigger> = Vec::new();
                for (keyword, rule) in keywords {
                    let lower = keyword.to_ascii_lowercase();
                    let Some(offset) = pattern.find(&lower) else {
                        continue;
                    };
                    // Written in lower case: any case matches; with an
                    // upper-case letter: exactly (`AKIA`, `PRIVATE KEY`).
                    let exact = keyword
                        .bytes()
                        .any(|b| b.is_ascii_uppercase())
                        .then(|| (offset, keyword.as_bytes().into()));
                    let trigger = Trigger { rule: *rule, exact };
                    if !triggers.contains(&trigger) {
                        triggers.push(trigger);
                    }
                }
                triggers
            })
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::Rules {
                file: "secrets".into(),
                line: 1,
                message: format!("cannot build the keyword prefilter: {e}"),
            })?;
        Ok(Some(Prefilter {
            automaton,
            triggers,
        }))
    }

    /// Calls `hit(rule, keyword range)` for every keyword occurrence in
    /// `bytes`, searched in `folded` (its lower-cased copy). After a match
    /// the search resumes one byte after its start, so overlapping
    /// occurrences are found too.
    fn for_each_hit(&self, bytes: &[u8], folded: &[u8], hit: &mut impl FnMut(usize, Range<usize>)) {
        let mut at = 0;
        while at < folded.len() {
            let input = aho_corasick::Input::new(folded).span(at..folded.len());
            let Some(m) = self.automaton.find(input) else {
                break;
            };
            for trigger in &self.triggers[m.pattern().as_usize()] {
                let exact_ok = trigger.exact.as_ref().is_none_or(|(offset, exact)| {
                    let start = m.start() + offset;
                    bytes.get(start..start + exact.len()) == Some(&exact[..])
                });
                if exact_ok {
                    hit(trigger.rule, m.range());
                }
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
        // (keyword as written, index into `rules`).
        let mut keywords: Vec<(String, usize)> = Vec::new();
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
            // Checked now (syntax and groups), compiled when first needed.
            let hir = regex_syntax::ParserBuilder::new()
                .unicode(false)
                .utf8(false)
                .build()
                .parse(&spec.pattern)
                .map_err(|e| bad(format!("invalid pattern: {e}")))?;
            let mut secret_groups = Vec::new();
            collect_secret_groups(&hir, &mut secret_groups);
            secret_groups.sort_unstable();
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
            keywords.extend(spec.keywords.iter().map(|k| (k.clone(), local)));
            rules.push(CompiledRule {
                catalog_index: index,
                title: rule.title.clone(),
                pattern: spec.pattern.clone(),
                regex: OnceLock::new(),
                secret_groups,
                min_entropy: spec.min_entropy,
                validator,
                window: spec.window,
                report_at: spec.report_at,
                generic: rule.tags.iter().any(|t| t == "generic"),
            });
        }
        let prefilter = Prefilter::build(&keywords)?;
        let priorities = catalog
            .rules()
            .iter()
            .enumerate()
            .filter_map(|(i, rule)| {
                let tagged = |t: &str| rule.tags.iter().any(|tag| tag == t);
                if tagged("generic") {
                    Some((i, GENERIC))
                } else if tagged("context") {
                    Some((i, CONTEXT))
                } else {
                    None
                }
            })
            .collect();
        Ok(SecretsCheck {
            prefilter,
            rules,
            priorities,
        })
    }

    /// Compiles every pattern now and returns the errors (rule id and
    /// message); a scan compiles lazily and skips a pattern that fails.
    pub fn compile_errors(&self, catalog: &Catalog) -> Vec<String> {
        self.rules
            .iter()
            .filter_map(|rule| {
                let error = build_regex(&rule.pattern).err()?;
                let id = &catalog.rules()[rule.catalog_index].id;
                Some(format!("{id}: the pattern does not compile: {error}"))
            })
            .collect()
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

thread_local! {
    /// Per-thread scratch: the lower-cased copy of the source being checked.
    static FOLDED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl CompiledRule {
    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| build_regex(&self.pattern).ok())
            .as_ref()
    }
}

/// Compiles a rule's pattern: bytes mode without Unicode, so `\b`, `\w`,
/// `\s` and `.` are ASCII and the fast DFA engines stay usable on any input.
fn build_regex(pattern: &str) -> std::result::Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(64 << 20)
        .build()
}

/// Indices of the capture groups named `secret`, `secret2`...
fn collect_secret_groups(hir: &regex_syntax::hir::Hir, out: &mut Vec<usize>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(cap) => {
            if cap.name.as_deref().is_some_and(is_secret_group) {
                out.push(cap.index as usize);
            }
            collect_secret_groups(&cap.sub, out);
        }
        HirKind::Repetition(rep) => collect_secret_groups(&rep.sub, out),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                collect_secret_groups(sub, out);
            }
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

/// `secret`, or `secret` followed by digits.
fn is_secret_group(name: &str) -> bool {
    name.strip_prefix("secret")
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
}

/// How far before a keyword hit a match may start, and how far past the
/// hit (plus the rule's `window`) it may end, on one line. Bounds the work on
/// huge lines (minified bundles): unbounded, every hit rescanned its whole
/// line, quadratic in the line's length.
const LOOK_BEHIND: usize = 512;
const LOOK_AHEAD: usize = 4096;

/// Expands a keyword hit at `at` to the range the rule's regex may read: from
/// the start of the hit's line (at most [`LOOK_BEHIND`] bytes back) to the
/// end of the line `window` bytes further (at most [`LOOK_AHEAD`] past it).
fn neighbourhood(bytes: &[u8], at: Range<usize>, window: usize) -> Range<usize> {
    let lo = at.start.saturating_sub(LOOK_BEHIND);
    let start = memchr::memrchr(b'\n', &bytes[lo..at.start]).map_or(lo, |i| lo + i + 1);
    let reach = at.end.saturating_add(window).min(bytes.len());
    let hi = reach.saturating_add(LOOK_AHEAD).min(bytes.len());
    let end = memchr::memchr(b'\n', &bytes[reach..hi]).map_or(hi, |i| reach + i + 1);
    start..end
}

impl Check for SecretsCheck {
    fn check(&self, src: &Source, out: &mut Vec<Hit>) {
        let bytes = src.bytes;
        // (rule, range) pairs to search, merged per rule below.
        let mut windows: Vec<(usize, Range<usize>)> = Vec::new();
        let mut hit = |r: usize, at: Range<usize>| {
            windows.push((r, neighbourhood(bytes, at, self.rules[r].window)));
        };
        if let Some(prefilter) = &self.prefilter {
            FOLDED.with(|folded| {
                let mut folded = folded.borrow_mut();
                folded.clear();
                folded.extend(bytes.iter().map(u8::to_ascii_lowercase));
                prefilter.for_each_hit(bytes, &folded, &mut hit);
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
            let Some(regex) = rule.regex() else {
                continue;
            };
            let hay = &bytes[range.clone()];
            for caps in regex.captures_iter(hay) {
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
                    extra: None,
                });
            }
        }
        // Two windows of one rule never overlap after merging, but keep the
        // output free of duplicates whatever the patterns do; and a secret
        // reported by several rules is reported by the most specific only.
        let mut new: Vec<(Hit, u8)> = out
            .drain(first_new..)
            .map(|h| {
                let priority = self
                    .priorities
                    .iter()
                    .find(|(rule, _)| *rule == h.rule)
                    .map_or(SPECIFIC, |(_, p)| *p);
                (h, priority)
            })
            .collect();
        new.sort_by_key(|(h, _)| (h.rule, h.span.start, h.span.end));
        new.dedup_by_key(|(h, _)| (h.rule, h.span.start));
        // Per priority, the sorted starts and ends of the secrets: the number
        // of secrets overlapping [s, e) is #(start < e) - #(end <= s), two
        // binary searches, so a file with many findings stays linear-ish.
        let mut starts: [Vec<usize>; 3] = Default::default();
        let mut ends: [Vec<usize>; 3] = Default::default();
        for (h, p) in &new {
            if let Some(s) = &h.secret {
                starts[*p as usize].push(s.start);
                ends[*p as usize].push(s.end);
            }
        }
        for v in starts.iter_mut().chain(ends.iter_mut()) {
            v.sort_unstable();
        }
        let overlapping = |p: usize, s: &Range<usize>| {
            let begun = starts[p].partition_point(|&x| x < s.end);
            let ended = ends[p].partition_point(|&x| x <= s.start);
            begun > ended
        };
        out.extend(new.into_iter().filter_map(|(hit, priority)| {
            let shadowed = hit.secret.as_ref().is_some_and(|s| {
                (priority as usize + 1..=SPECIFIC as usize).any(|p| overlapping(p, s))
            });
            (!shadowed).then_some(hit)
        }));
    }
}

/// Priorities of rules reporting the same secret: a provider rule beats a
/// rule that recognises a credential by its context (`docker login -p`, a
/// JWT), which beats a generic rule (`password = ...`).
const GENERIC: u8 = 0;
const CONTEXT: u8 = 1;
const SPECIFIC: u8 = 2;

#[cfg(test)]
mod tests;
