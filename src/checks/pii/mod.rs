//! Personal identifiers found as values (`pii/*` rules), reported only when
//! their checksum holds.
//!
//! Cheapest first: one pass finds the lines that hold a run of at least 7
//! digits (separators allowed) or the shape of an Italian tax code; only
//! those lines meet the regexes, and a candidate is reported only when its
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
        let patterns = all
            .into_iter()
            .filter_map(|p| index(p.rule).map(|i| (p, i)))
            .collect();
        let email = index("pii/email").map(|i| {
            (
                regex(r"(?-u)\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}\b"),
                i,
            )
        });
        PiiCheck { patterns, email }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty() && self.email.is_none()
    }

    fn scan_line(&self, src: &Source, line: Range<usize>, out: &mut Vec<Hit>) {
        let bytes = &src.bytes[line.clone()];
        let lower = bytes.to_ascii_lowercase();
        let mut taken: Vec<Range<usize>> = Vec::new();
        for (p, rule) in &self.patterns {
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

/// Lines worth the regexes: a run of at least 7 digits (single spaces,
/// dots or dashes between digits allowed), or six capitals followed by two
/// digits or omocodia letters (an Italian tax code).
fn candidate_lines(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut i = 0;
    let mut run = 0usize;
    let mut caps = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        let hit = if b.is_ascii_digit() {
            run += 1;
            let cf = caps >= 6;
            caps = 0;
            run >= 7 || cf
        } else if matches!(b, b' ' | b'.' | b'-')
            && run > 0
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            false
        } else {
            run = 0;
            caps = if b.is_ascii_uppercase() { caps + 1 } else { 0 };
            false
        };
        if hit {
            let start = memchr::memrchr(b'\n', &bytes[..i]).map_or(0, |j| j + 1);
            let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |j| i + j);
            lines.push(start..end);
            i = end + 1;
            run = 0;
            caps = 0;
            continue;
        }
        i += 1;
    }
    lines
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
            if DATA_FILES.iter().any(|e| lower.ends_with(e))
                && memchr::memchr(b'@', src.bytes).is_some()
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
        let text = b"let x = 42;\nnir = 1 85 05 78 006 084 36\nid: 12345\ncf: RSSMRA85T10A562S\n";
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
