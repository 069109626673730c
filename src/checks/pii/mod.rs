//! Personal identifiers found as values (`pii/*` rules), reported only when
//! their checksum holds.
//!
//! Cheapest first: a vectorised score of 16-byte blocks finds the few
//! places with 7 digits close together (hex literals aside); only their
//! lines meet the regexes (all patterns at once, then the ones that matched), and a candidate is reported only when its
//! validator accepts it. Numbers whose checksum is weak against random
//! digits (SIREN, DNI, BSN, NIF, Steuer-ID) also need their name on the same
//! line. Values are redacted in every report, like secrets.

use std::ops::Range;

use regex::bytes::Regex;

use crate::catalog::Catalog;
use crate::finding::Level;
use crate::source::Source;

use super::{Check, Hit, HitExtra};

pub mod validate;

/// Ids of the value rules (metadata in `rules/pii.toml`).
pub const RULES: &[&str] = &[
    "pii/fr-nir",
    "pii/iban",
    "pii/payment-card",
    "pii/fr-siren",
    "pii/fr-siret",
    "pii/es-dni",
    "pii/it-codice-fiscale",
    "pii/de-steuer-id",
    "pii/nl-bsn",
    "pii/pt-nif",
    "pii/email",
];

struct Pattern {
    rule: &'static str,
    what: &'static str,
    regex: Regex,
    validate: fn(&str) -> bool,
    /// Words one of which the line must contain (lower case), if any.
    context: &'static [&'static str],
    /// Published test or example values: reported as notes.
    example: Option<fn(&str) -> bool>,
}

/// Extensions of data files, where email addresses are reported.
const DATA_FILES: &[&str] = &[
    ".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".sql", ".xml", ".ldif", ".vcf", ".txt",
];

pub struct PiiCheck {
    /// (pattern, catalogue index) of the enabled rules.
    patterns: Vec<(Pattern, usize)>,
    /// All the patterns at once: one pass over a line tells which to run.
    set: regex::bytes::RegexSet,
    email: Option<(Regex, usize)>,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in PII patterns compile")
}

impl PiiCheck {
    pub fn new(catalog: &Catalog, enabled: impl Fn(usize) -> bool) -> PiiCheck {
        let index = |id: &str| catalog.index_of(id).filter(|&i| enabled(i));
        let all = vec![
            Pattern {
                rule: "pii/fr-nir",
                what: "French social security number (NIR) with a valid key",
                regex: regex(
                    r"(?-u)\b[1-478][ .]?[0-9]{2}[ .]?[0-9]{2}[ .]?(?:[0-9]{2}|2[ABab])[ .]?[0-9]{3}[ .]?[0-9]{3}[ .]?[0-9]{2}\b",
                ),
                validate: validate::fr_nir,
                context: &[],
                example: None,
            },
            Pattern {
                rule: "pii/iban",
                what: "IBAN with a valid check",
                regex: regex(
                    r"(?-u)\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b",
                ),
                validate: validate::iban,
                context: &[],
                example: Some(validate::is_example_iban),
            },
            Pattern {
                rule: "pii/payment-card",
                what: "payment card number (Luhn and issuer prefix valid)",
                regex: regex(r"(?-u)\b[2-6][0-9]{3}(?:[ -]?[0-9]){9,15}\b"),
                validate: validate::payment_card,
                context: &[],
                example: Some(validate::is_test_card),
            },
            Pattern {
                rule: "pii/fr-siret",
                what: "SIRET with a valid key",
                regex: regex(r"(?-u)\b[0-9]{3} ?[0-9]{3} ?[0-9]{3} ?[0-9]{5}\b"),
                validate: validate::fr_siret,
                context: &["siret"],
                example: None,
            },
            Pattern {
                rule: "pii/fr-siren",
                what: "SIREN with a valid key",
                regex: regex(r"(?-u)\b[0-9]{3} ?[0-9]{3} ?[0-9]{3}\b"),
                validate: validate::fr_siren,
                context: &["siren"],
                example: None,
            },
            Pattern {
                rule: "pii/es-dni",
                what: "Spanish DNI/NIE with a valid control letter",
                regex: regex(r"(?-u)\b[XYZxyz]?[0-9]{7,8}[ -]?[A-Za-z]\b"),
                validate: validate::es_dni,
                context: &["dni", "nie", "nif", "documento"],
                example: None,
            },
            Pattern {
                rule: "pii/it-codice-fiscale",
                what: "Italian codice fiscale with a valid check character",
                regex: regex(
                    r"(?-u)\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b",
                ),
                validate: validate::it_codice_fiscale,
                context: &[],
                example: None,
            },
            Pattern {
                rule: "pii/de-steuer-id",
                what: "German tax identification number with a valid check digit",
                regex: regex(r"(?-u)\b[1-9][0-9] ?[0-9]{3} ?[0-9]{3} ?[0-9]{3}\b"),
                validate: validate::de_steuer_id,
                context: &["steuer", "idnr", "tax"],
                example: None,
            },
            Pattern {
                rule: "pii/nl-bsn",
                what: "Dutch citizen service number (BSN) passing the 11-test",
                regex: regex(r"(?-u)\b[0-9]{4}\.?[0-9]{2}\.?[0-9]{3}\b|\b[0-9]{9}\b"),
                validate: validate::nl_bsn,
                context: &["bsn", "burgerservicenummer", "sofinummer", "sofi"],
                example: None,
            },
            Pattern {
                rule: "pii/pt-nif",
                what: "Portuguese tax number (NIF) with a valid check digit",
                regex: regex(r"(?-u)\b[1235689][0-9]{2} ?[0-9]{3} ?[0-9]{3}\b"),
                validate: validate::pt_nif,
                context: &["nif", "contribuinte"],
                example: None,
            },
        ];
        let patterns: Vec<(Pattern, usize)> = all
            .into_iter()
            .filter_map(|p| index(p.rule).map(|i| (p, i)))
            .collect();
        let set = regex::bytes::RegexSet::new(patterns.iter().map(|(p, _)| p.regex.as_str()))
            .expect("built-in PII patterns compile");
        let email = index("pii/email").map(|i| {
            (
                regex(r"(?-u)\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}\b"),
                i,
            )
        });
        PiiCheck {
            patterns,
            set,
            email,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty() && self.email.is_none()
    }

    fn scan_line(&self, src: &Source, line: Range<usize>, out: &mut Vec<Hit>) {
        let bytes = &src.bytes[line.clone()];
        if !self.set.is_match(bytes) {
            return;
        }
        let lower = bytes.to_ascii_lowercase();
        let mut taken: Vec<Range<usize>> = Vec::new();
        let candidates = self.set.matches(bytes);
        for (k, (p, rule)) in self.patterns.iter().enumerate() {
            if !candidates.matched(k) {
                continue;
            }
            if !p.context.is_empty()
                && !p
                    .context
                    .iter()
                    .any(|w| contains_word(&lower, w.as_bytes()))
            {
                continue;
            }
            for m in p.regex.find_iter(bytes) {
                let span = line.start + m.start()..line.start + m.end();
                if taken
                    .iter()
                    .any(|t| t.start < span.end && span.start < t.end)
                {
                    continue;
                }
                let Ok(text) = std::str::from_utf8(m.as_bytes()) else {
                    continue;
                };
                if !(p.validate)(text) {
                    continue;
                }
                let example = p.example.is_some_and(|f| f(text));
                let message = if example {
                    format!("{}: a published test or example value", p.what)
                } else {
                    p.what.to_string()
                };
                taken.push(span.clone());
                out.push(Hit {
                    rule: *rule,
                    span: span.clone(),
                    secret: Some(span),
                    message,
                    extra: example.then(|| {
                        Box::new(HitExtra {
                            level: Some(Level::Note),
                            ..HitExtra::default()
                        })
                    }),
                });
            }
        }
    }
}

/// `word` in `haystack` (both lower case) at a word boundary.
fn contains_word(haystack: &[u8], word: &[u8]) -> bool {
    memchr::memmem::find_iter(haystack, word).any(|i| {
        let before = i.checked_sub(1).map(|j| haystack[j]);
        let after = haystack.get(i + word.len()).copied();
        !before.is_some_and(|b| b.is_ascii_alphabetic())
            && !after.is_some_and(|b| b.is_ascii_alphabetic())
    })
}

/// Lines worth the regexes. Every pattern puts at least 7 digits within 32
/// bytes (a NIR or a card number with separators, an IBAN, an Italian tax
/// code), so the file is cut in 16-byte blocks scored by a loop the
/// compiler vectorises: one per digit, minus four per `x` (hex literals
/// such as `0x12, 0x34` fill C tables with digits); only lines around two
/// neighbouring blocks scoring 7 or more go further.
fn candidate_lines(bytes: &[u8]) -> Vec<Range<usize>> {
    const BLOCK: usize = 16;
    // Two plain byte reductions per block: both vectorise.
    fn score(block: &[u8]) -> i8 {
        let mut digits = 0u8;
        let mut xs = 0u8;
        for &b in block {
            digits += u8::from(b.wrapping_sub(b'0') < 10);
            xs += u8::from(b == b'x');
        }
        digits as i8 - 4 * xs as i8
    }
    let mut scores: Vec<i8> = vec![0; bytes.len().div_ceil(BLOCK)];
    for (slot, block) in scores.iter_mut().zip(bytes.chunks(BLOCK)) {
        *slot = score(block);
    }
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut looked = 0;
    for i in 0..scores.len() {
        let pair = scores[i] as i32 + scores.get(i + 1).copied().unwrap_or(0) as i32;
        if pair < 7 {
            continue;
        }
        let from = (i * BLOCK).max(looked);
        let to = ((i + 2) * BLOCK).min(bytes.len());
        if from >= to {
            continue;
        }
        // Every line the two blocks touch, once.
        let mut start = memchr::memrchr(b'\n', &bytes[..from])
            .map_or(0, |j| j + 1)
            .max(looked);
        let end = memchr::memchr(b'\n', &bytes[to - 1..]).map_or(bytes.len(), |j| to - 1 + j);
        while start <= end {
            let stop = memchr::memchr(b'\n', &bytes[start..end]).map_or(end, |j| start + j);
            if worth_a_look(&bytes[start..stop]) {
                lines.push(start..stop);
            }
            start = stop + 1;
        }
        looked = end + 1;
    }
    lines
}

/// A line holds a run of at least 7 digits (single spaces, dots or dashes
/// between digits allowed: hex tables such as `0x12, 0x34` do not), or 7
/// digits next to a run of 6 capitals (an Italian tax code).
fn worth_a_look(line: &[u8]) -> bool {
    let (mut digits, mut run, mut upper, mut best_upper) = (0u32, 0u32, 0u32, 0u32);
    let mut sep = false;
    for &b in line {
        if b.is_ascii_digit() {
            digits += 1;
            run += 1;
            if run >= 7 {
                return true;
            }
            upper = 0;
            sep = false;
        } else if matches!(b, b' ' | b'.' | b'-') && !sep && run > 0 {
            sep = true;
            upper = 0;
        } else {
            run = 0;
            sep = false;
            if b.is_ascii_uppercase() {
                upper += 1;
                best_upper = best_upper.max(upper);
            } else {
                upper = 0;
            }
        }
    }
    digits >= 7 && best_upper >= 6
}

impl Check for PiiCheck {
    fn check(&self, src: &Source, out: &mut Vec<Hit>) {
        if !self.patterns.is_empty() {
            for line in candidate_lines(src.bytes) {
                self.scan_line(src, line, out);
            }
        }
        if let Some((email, rule)) = &self.email {
            let lower = src.path.to_ascii_lowercase();
            // An API description is documentation, not data: its example
            // addresses are not an inventory.
            if DATA_FILES.iter().any(|e| lower.ends_with(e))
                && memchr::memchr(b'@', src.bytes).is_some()
                && !crate::checks::openapi::sniff(src.bytes)
            {
                for m in email.find_iter(src.bytes) {
                    let Ok(text) = std::str::from_utf8(m.as_bytes()) else {
                        continue;
                    };
                    if is_placeholder_email(text) {
                        continue;
                    }
                    out.push(Hit {
                        rule: *rule,
                        span: m.range(),
                        secret: Some(m.range()),
                        message: "email address in a data file".into(),
                        extra: None,
                    });
                }
            }
        }
    }
}

/// Addresses that belong to nobody: reserved domains, no-reply senders.
fn is_placeholder_email(address: &str) -> bool {
    let lower = address.to_ascii_lowercase();
    let (local, domain) = lower.rsplit_once('@').unwrap_or(("", &lower));
    ["example.com", "example.org", "example.net", "localhost"]
        .iter()
        .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
        || [".test", ".example", ".invalid", ".local", ".localhost"]
            .iter()
            .any(|t| domain.ends_with(t))
        || local.starts_with("noreply")
        || local.starts_with("no-reply")
        || local.starts_with("donotreply")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_lines_need_long_digit_runs_or_a_tax_code_shape() {
        let text = b"let x = 42;\nnir = 1 85 05 78 006 084 36\nid: 12345\ncf: RSSMRA85T10A562S";
        let lines: Vec<&[u8]> = candidate_lines(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            lines,
            [
                &b"nir = 1 85 05 78 006 084 36"[..],
                &b"cf: RSSMRA85T10A562S"[..]
            ]
        );
    }

    #[test]
    fn context_words_are_whole_words() {
        assert!(contains_word(b"bsn: 1", b"bsn"));
        assert!(contains_word(b"client_bsn=1", b"bsn"));
        assert!(!contains_word(b"absnt", b"bsn"));
    }

    #[test]
    fn placeholder_emails() {
        assert!(is_placeholder_email("jane@example.com"));
        assert!(is_placeholder_email("noreply@asso.fr"));
        assert!(!is_placeholder_email("jeanne.martin@laposte.net"));
    }
}
