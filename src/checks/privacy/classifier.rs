//! The field classifier. Identifiers are split into words (camelCase,
//! snake_case, kebab-case, dots, spaces), lower-cased, accent-folded and
//! stripped of stop words; a term of a category matches when its words
//! appear consecutively. Glued compounds (German, Dutch) match inside one
//! word. Traps cancel the terms they cover (`race condition`, `health
//! check`). Ambiguous terms (`?race`, `?handicap`) only count in a person
//! context: the enclosing object names a person, or a sibling field is
//! personal data.
//!
//! The dictionaries are data (`rules/privacy/*.toml`, one file per
//! category, plus `context.toml`), embedded in the binary.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::catalog::packs::PRIVACY_DICTIONARIES;

/// Words removed from identifiers and terms before matching.
const STOP_WORDS: &[&str] = &[
    "de", "du", "des", "d", "la", "le", "les", "l", "of", "the", "von", "vom", "der", "die", "das",
    "den", "dem", "del", "di", "da", "do", "dos", "van", "het", "een", "a", "an", "y", "e", "et",
    "und", "and", "o", "ou", "oder", "or",
];

/// How sensitive a category is, ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sensitivity {
    /// Ordinary personal data (`privacy/personal-data`).
    Personal,
    /// National identifiers (`privacy/national-identifier`).
    NationalId,
    /// GDPR Article 9 and Article 10 categories.
    Special,
}

/// One category of the dictionaries.
#[derive(Debug)]
pub struct Category {
    /// Rule id (`privacy/article9-health`).
    pub rule: String,
    /// Words for messages (`health data`).
    pub label: String,
    pub sensitivity: Sensitivity,
    terms: Vec<Term>,
    compounds: Vec<(String, String)>,
    traps: Vec<Vec<String>>,
    /// Word → the traps that contain it.
    trap_index: HashMap<String, Vec<usize>>,
}

#[derive(Debug)]
struct Term {
    words: Vec<String>,
    lang: String,
    /// Ambiguous: counts only in a person context.
    weak: bool,
}

/// What a field name revealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index of the category in [`Classifier::categories`].
    pub category: usize,
    pub rule: String,
    pub label: String,
    pub sensitivity: Sensitivity,
    /// Language of the term (`en`, `fr`...).
    pub lang: String,
    /// The term as written in the dictionary (`date naissance`).
    pub term: String,
    /// The term is ambiguous and counted because of the person context.
    pub by_context: bool,
}

impl Match {
    /// `health data (FR "diagnostic")`.
    pub fn describe(&self) -> String {
        format!(
            "{} ({} \"{}\")",
            self.label,
            self.lang.to_uppercase(),
            self.term
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    rule: String,
    category: String,
    #[serde(default)]
    terms: HashMap<String, Vec<String>>,
    #[serde(default)]
    compounds: HashMap<String, Vec<String>>,
    #[serde(default)]
    traps: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawContext {
    #[serde(default)]
    persons: Vec<String>,
    #[serde(default)]
    not_persons: Vec<String>,
}

pub struct Classifier {
    pub categories: Vec<Category>,
    persons: Vec<String>,
    not_persons: Vec<String>,
    /// First word of a term → (category, term).
    index: HashMap<String, Vec<(usize, usize)>>,
    /// Every compound of every category in one automaton, and for each
    /// pattern its (category, language, stem).
    compounds: Option<aho_corasick::AhoCorasick>,
    compound_of: Vec<(usize, String, String)>,
}

/// The built-in classifier (the embedded dictionaries).
pub static BUILTIN: LazyLock<Classifier> = LazyLock::new(|| {
    Classifier::from_files(PRIVACY_DICTIONARIES)
        .unwrap_or_else(|e| panic!("embedded privacy dictionaries: {e}"))
});

impl Classifier {
    /// Loads dictionaries from `(file name, TOML text)` pairs; errors name
    /// the file.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Classifier, String> {
        let mut categories = Vec::new();
        let mut context = RawContext::default();
        for (name, text) in files {
            if name.ends_with("context.toml") {
                context = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
                continue;
            }
            let raw: RawCategory = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            let sensitivity = if raw.rule == "privacy/personal-data" {
                Sensitivity::Personal
            } else if raw.rule == "privacy/national-identifier" {
                Sensitivity::NationalId
            } else {
                Sensitivity::Special
            };
            let mut terms = Vec::new();
            // Languages in a fixed order, English first: a term shared by
            // several languages (`email`) is reported under the first.
            const ORDER: &[&str] = &["en", "fr", "de", "es", "it", "pt", "nl"];
            let mut langs: Vec<&String> = raw.terms.keys().collect();
            langs.sort_by_key(|l| {
                (
                    ORDER.iter().position(|o| o == l).unwrap_or(ORDER.len()),
                    l.to_string(),
                )
            });
            for lang in langs {
                for t in &raw.terms[lang] {
                    let (weak, text) = match t.strip_prefix('?') {
                        Some(rest) => (true, rest),
                        None => (false, t.as_str()),
                    };
                    let words = normalise(text);
                    if words.is_empty() {
                        return Err(format!(
                            "{name}: term `{t}` has no word once stop words are removed"
                        ));
                    }
                    terms.push(Term {
                        words,
                        lang: lang.clone(),
                        weak,
                    });
                }
            }
            let mut compounds = Vec::new();
            for (lang, list) in &raw.compounds {
                for c in list {
                    compounds.push((lang.clone(), fold(c)));
                }
            }
            compounds.sort();
            let traps = raw
                .traps
                .iter()
                .map(|t| normalise(t))
                .filter(|t| !t.is_empty())
                .collect();
            let traps: Vec<Vec<String>> = traps;
            let mut trap_index: HashMap<String, Vec<usize>> = HashMap::new();
            for (t, trap) in traps.iter().enumerate() {
                for w in trap {
                    let list = trap_index.entry(w.clone()).or_default();
                    if !list.contains(&t) {
                        list.push(t);
                    }
                }
            }
            categories.push(Category {
                rule: raw.rule,
                label: raw.category,
                sensitivity,
                terms,
                compounds,
                traps,
                trap_index,
            });
        }
        // Deterministic order whatever the file order: by rule id.
        categories.sort_by(|a, b| a.rule.cmp(&b.rule));
        let mut index: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (c, cat) in categories.iter().enumerate() {
            for (t, term) in cat.terms.iter().enumerate() {
                index.entry(term.words[0].clone()).or_default().push((c, t));
            }
        }
        let compound_of: Vec<(usize, String, String)> = categories
            .iter()
            .enumerate()
            .flat_map(|(c, cat)| {
                cat.compounds
                    .iter()
                    .map(move |(lang, stem)| (c, lang.clone(), stem.clone()))
            })
            .collect();
        let compounds = if compound_of.is_empty() {
            None
        } else {
            Some(
                aho_corasick::AhoCorasick::new(compound_of.iter().map(|(_, _, stem)| stem))
                    .map_err(|e| format!("privacy compounds: {e}"))?,
            )
        };
        Ok(Classifier {
            categories,
            persons: context.persons.iter().map(|p| fold(p)).collect(),
            not_persons: context.not_persons.iter().map(|p| fold(p)).collect(),
            index,
            compounds,
            compound_of,
        })
    }

    /// Whether a container name (`Patient`, `tbl_mitglieder`, `UserProfile`)
    /// designates a person: `Some(true)`, `Some(false)` for containers that
    /// never hold personal fields (`Holiday`, `Product`), `None` when it
    /// does not tell.
    ///
    /// The person must be what the container is about: its last word, or
    /// followed only by words of a record (`UserProfile`, `PatientInput`,
    /// `USER_INFO_0`), not a part of something else
    /// (`IMAGE_ARCHIVE_MEMBER_HEADER`, `RTL_USER_PROCESS_PARAMETERS`).
    pub fn is_person(&self, container: &str) -> Option<bool> {
        /// Words that may follow the person in a record's name.
        const RECORD: &[&str] = &[
            "profile",
            "profil",
            "info",
            "infos",
            "information",
            "detail",
            "details",
            "record",
            "data",
            "account",
            "entity",
            "model",
            "dto",
            "row",
            "input",
            "output",
            "request",
            "response",
            "payload",
            "create",
            "update",
            "patch",
            "new",
            "base",
            "summary",
            "view",
            "form",
            "schema",
            "object",
            "item",
            "list",
            "resource",
            "entry",
            "fiche",
            "dossier",
            "datos",
            "daten",
            "stammdaten",
            "tbl",
            "table",
            "collection",
            "page",
            "public",
            "private",
            "full",
            "basic",
            "extended",
            "v1",
            "v2",
            "v3",
            "dados",
        ];
        // Singular and plural alike: compare without trailing `s`.
        let words = normalise(container);
        let stems: Vec<&str> = words.iter().map(|w| w.trim_end_matches('s')).collect();
        let tail_ok = |i: usize| {
            stems[i + 1..].iter().all(|w| {
                w.bytes().all(|b| b.is_ascii_digit())
                    || RECORD.iter().any(|r| r.trim_end_matches('s') == *w)
            })
        };
        let last_known = |list: &[String]| {
            (0..stems.len())
                .rev()
                .find(|&i| list.iter().any(|n| n.trim_end_matches('s') == stems[i]))
        };
        let person = last_known(&self.persons);
        if last_known(&self.not_persons).is_some_and(tail_ok) {
            // `UserSettings`, `recipientSignatureProviderOptions`: about a
            // person after all; say nothing.
            return if person.is_some() { None } else { Some(false) };
        }
        if person.is_some_and(tail_ok) {
            return Some(true);
        }
        None
    }

    /// The most sensitive category a field name belongs to. `person` is the
    /// context: `Some(true)` when the field is inside a person (or next to
    /// personal fields), `Some(false)` inside a container that never holds
    /// personal data, `None` when unknown. Ambiguous terms need `Some(true)`.
    pub fn classify(&self, name: &str, person: Option<bool>) -> Option<Match> {
        let words = normalise(name);
        if words.is_empty() {
            return None;
        }
        // A switch, a counter or a setting about the datum is not the datum
        // (`faceRecognitionEnabled`, `repeatOffenceCount`, `emailVerified`).
        const ABOUT: &[&str] = &[
            "enabled",
            "disabled",
            "enable",
            "disable",
            "count",
            "counts",
            "allowed",
            "blocked",
            "required",
            "verified",
            "visible",
            "visibility",
            "setting",
            "settings",
            "mode",
            "policy",
            "config",
            "configuration",
            "template",
            "templates",
            "format",
            "type",
            "types",
            "source",
            // A verification token, a suppression flag: about the datum.
            "token",
            "tokens",
            "suppressed",
            "confirmed",
            "confirmation",
            "validated",
            "validation",
            "authenticated",
            "match",
            "matched",
            "sent",
            "at",
            "consent",
            "consents",
            "key",
            "keys",
            "notification",
            "notifications",
            "reminder",
            "reminders",
            "expires",
            "expiry",
            "expiration",
            "expired",
            "valid",
            "collection",
            "policies",
        ];
        // A statistic over people (`numberOfHispanicStudents`,
        // `percentOfRaceUnspecified`) is not a person's special-category
        // datum.
        const AGGREGATE: &[&str] = &[
            "number",
            "numberof",
            "num",
            "nb",
            "count",
            "percent",
            "percentof",
            "percentage",
            "pct",
            "share",
            "ratio",
            "rate",
            "total",
            "average",
            "avg",
            "median",
        ];
        // A permission or a setting about a datum is not the datum
        // (`canOperateHealthData`, `showEmail`, `requirePhone`).
        const SETTING: &[&str] = &[
            "can", "may", "allow", "allows", "enable", "disable", "show", "hide", "display",
            "collect", "require", "ask",
        ];
        let found = self.best(&words, person)?;
        // ... unless the word belongs to the term (`display name`).
        if words.len() > 1
            && SETTING.contains(&words[0].as_str())
            && found.term.split(' ').next() != Some(words[0].as_str())
        {
            return None;
        }
        // A container that never holds people has no special category:
        // `religion` of a holiday, `politicalView` of a map configuration.
        if person == Some(false) && found.sensitivity > Sensitivity::Personal {
            return None;
        }
        if found.sensitivity > Sensitivity::Personal
            && words
                .first()
                .is_some_and(|w| AGGREGATE.contains(&w.as_str()))
            && found.term.split(' ').next() != words.first().map(String::as_str)
        {
            return None;
        }
        // ... unless the last word belongs to the term (`blood type`,
        // `fingerprint template`).
        match words.last() {
            Some(last)
                if ABOUT.contains(&last.as_str())
                    && found.term.rsplit(' ').next() != Some(last.as_str()) =>
            {
                None
            }
            _ => Some(found),
        }
    }

    /// [`Classifier::classify`] with the field's description (a doc
    /// comment, an OpenAPI `description`, an SQL `COMMENT`) as context: a
    /// trap of the matched category in the description cancels an
    /// ambiguous match (`handicap` described as "golf handicap index"),
    /// and an unambiguous term of the same category in the description
    /// confirms an ambiguous one outside a person context (`race`
    /// described as "ethnic origin declared by the person"). A description
    /// also completes a field name that is the start of one of its terms
    /// (`orientation` described as "orientation sexuelle déclarée").
    pub fn classify_described(
        &self,
        name: &str,
        person: Option<bool>,
        description: Option<&str>,
    ) -> Option<Match> {
        let found = self.classify(name, person);
        let Some(description) = description.filter(|d| !d.trim().is_empty()) else {
            return found;
        };
        let words = normalise(description);
        let trapped_in = |m: &Match| {
            let term: Vec<String> = normalise(&m.term);
            self.categories[m.category].traps.iter().any(|trap| {
                trap.iter().any(|w| term.contains(w))
                    && (0..=words.len().saturating_sub(trap.len())).any(|s| {
                        words.len() >= s + trap.len() && words[s..s + trap.len()] == trap[..]
                    })
            })
        };
        let described = self.best(&words, None);
        match found {
            Some(m) if m.by_context && trapped_in(&m) => None,
            Some(m) => Some(m),
            None => {
                let d = described?;
                if person != Some(true) {
                    if let Some(weak) = self.classify(name, Some(true)) {
                        let confirmed = d.category == weak.category && !trapped_in(&weak);
                        return confirmed.then_some(weak);
                    }
                }
                let own = normalise(name);
                let term: Vec<&str> = d.term.split(' ').collect();
                let completes = !own.is_empty()
                    && own.len() < term.len()
                    && term[..own.len()] == own.iter().map(String::as_str).collect::<Vec<_>>()[..];
                completes.then_some(d)
            }
        }
    }

    /// Whether a trap of the match's category covers its term once the
    /// container's name is read before the field's (`fingerprint` of
    /// `SSHPublicKey` is an `ssh public key fingerprint`).
    pub fn trapped_in_container(&self, m: &Match, field: &str, container: &str) -> bool {
        let before = normalise(container);
        let own = normalise(field);
        let term: Vec<String> = m.term.split(' ').map(String::from).collect();
        let Some(at) = (0..own.len()).find(|&i| own[i..].starts_with(&term)) else {
            return false;
        };
        let mut words = before.clone();
        words.extend(own);
        let start = before.len() + at;
        trapped(
            &self.categories[m.category],
            &words,
            start..start + term.len(),
        )
    }

    /// Every language whose dictionary has the matched term (`allergie`:
    /// French, German, Italian), in dictionary order.
    pub fn languages(&self, m: &Match) -> Vec<&str> {
        let cat = &self.categories[m.category];
        let words: Vec<&str> = m.term.split(' ').collect();
        let mut out: Vec<&str> = cat
            .terms
            .iter()
            .filter(|t| t.words.iter().map(String::as_str).eq(words.iter().copied()))
            .map(|t| t.lang.as_str())
            .chain(
                cat.compounds
                    .iter()
                    .filter(|(_, stem)| *stem == m.term)
                    .map(|(lang, _)| lang.as_str()),
            )
            .collect();
        out.dedup();
        out
    }

    /// Relabels matches whose term several languages share with the
    /// language most of the other matches of the same source are
    /// unambiguously in (a French API's `allergies` is French).
    pub fn settle_languages(&self, matches: &mut [&mut Match]) {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for m in matches.iter() {
            if let [only] = self.languages(m)[..] {
                *counts.entry(only.to_string()).or_default() += 1;
            }
        }
        let Some(dominant) = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(lang, _)| lang)
        else {
            return;
        };
        for m in matches.iter_mut() {
            if m.lang != dominant && self.languages(m).contains(&dominant.as_str()) {
                m.lang = dominant.clone();
            }
        }
    }

    /// The most sensitive match among normalised words.
    fn best(&self, words: &[String], person: Option<bool>) -> Option<Match> {
        let mut best: Option<Match> = None;
        let consider = |m: Match, best: &mut Option<Match>| {
            let better = match best {
                None => true,
                Some(b) => (m.sensitivity, !m.by_context) > (b.sensitivity, !b.by_context),
            };
            if better {
                *best = Some(m);
            }
        };
        for (i, word) in words.iter().enumerate() {
            let Some(candidates) = self.index.get(word) else {
                continue;
            };
            for &(c, t) in candidates {
                let cat = &self.categories[c];
                let term = &cat.terms[t];
                let n = term.words.len();
                if words.len() < i + n || words[i..i + n] != term.words[..] {
                    continue;
                }
                if trapped(cat, words, i..i + n) {
                    continue;
                }
                if term.weak && person != Some(true) {
                    continue;
                }
                consider(
                    Match {
                        category: c,
                        rule: cat.rule.clone(),
                        label: cat.label.clone(),
                        sensitivity: cat.sensitivity,
                        lang: term.lang.clone(),
                        term: term.words.join(" "),
                        by_context: term.weak,
                    },
                    &mut best,
                );
            }
        }
        // Glued compounds inside one word (one automaton over all stems).
        if let Some(ac) = &self.compounds {
            for (i, word) in words.iter().enumerate() {
                for m in ac.find_overlapping_iter(word.as_str()) {
                    let (c, lang, stem) = &self.compound_of[m.pattern().as_usize()];
                    let cat = &self.categories[*c];
                    if trapped(cat, words, i..i + 1) {
                        continue;
                    }
                    consider(
                        Match {
                            category: *c,
                            rule: cat.rule.clone(),
                            label: cat.label.clone(),
                            sensitivity: cat.sensitivity,
                            lang: lang.clone(),
                            term: stem.clone(),
                            by_context: false,
                        },
                        &mut best,
                    );
                }
            }
        }
        best
    }
}

/// Whether a trap of the category covers the words `span` of `words`.
fn trapped(cat: &Category, words: &[String], span: std::ops::Range<usize>) -> bool {
    // A trap covering the span holds one of its words: only those traps.
    words[span.clone()].iter().any(|w| {
        cat.trap_index.get(w).is_some_and(|list| {
            list.iter().any(|&t| {
                let trap = &cat.traps[t];
                let n = trap.len();
                (0..=words.len().saturating_sub(n)).any(|s| {
                    words.len() >= s + n
                        && s < span.end
                        && span.start < s + n
                        && words[s..s + n] == trap[..]
                })
            })
        })
    })
}

/// Identifier or term → folded words without stop words.
pub fn normalise(text: &str) -> Vec<String> {
    split(text)
        .into_iter()
        .map(|w| fold(&w))
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// Splits camelCase, snake_case, kebab-case, dots and spaces; digits stay
/// with their word.
pub fn split(ident: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = ident.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let boundary = c.is_uppercase()
            && i > 0
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || (chars[i - 1].is_uppercase()
                    && chars.get(i + 1).is_some_and(|n| n.is_lowercase())));
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Lower case without accents (`Sécurité` → `securite`, `Straße` →
/// `strasse`).
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => out.push('a'),
            'ç' | 'č' | 'ć' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' | 'ń' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEALTH: &str = r#"
rule = "privacy/article9-health"
category = "health data"
traps = ["health check"]
[terms]
en = ["diagnosis", "health", "?treatment"]
fr = ["diagnostic", "antecedents medicaux"]
[compounds]
de = ["krankenversicherung"]
"#;
    const CONTEXT: &str = r#"
persons = ["patient", "mitglied"]
not_persons = ["holiday"]
"#;

    fn classifier() -> Classifier {
        Classifier::from_files(&[
            ("privacy/health.toml", HEALTH),
            ("privacy/context.toml", CONTEXT),
        ])
        .unwrap()
    }

    #[test]
    fn splits_folds_and_drops_stop_words() {
        assert_eq!(normalise("dateDeNaissance"), ["date", "naissance"]);
        assert_eq!(
            normalise("numéro_de_sécurité-sociale"),
            ["numero", "securite", "sociale"]
        );
        assert_eq!(
            normalise("HTTPServer.Straße"),
            ["http", "server", "strasse"]
        );
    }

    #[test]
    fn terms_traps_compounds_and_context() {
        let c = classifier();
        let m = c.classify("patientDiagnostic", None).unwrap();
        assert_eq!(m.describe(), "health data (FR \"diagnostic\")");
        assert!(c.classify("antecedentsMedicaux", None).is_some());
        assert!(c.classify("healthCheck", None).is_none(), "a trap");
        assert!(c.classify("health_status", None).is_some());
        assert!(
            c.classify("krankenversicherungsnummer", None).is_some(),
            "a compound"
        );
        assert!(
            c.classify("treatment", None).is_none(),
            "ambiguous without context"
        );
        assert!(c.classify("treatment", Some(true)).unwrap().by_context);
        assert_eq!(c.is_person("PatientRecord"), Some(true));
        assert_eq!(c.is_person("tbl_mitglieder"), None);
        assert_eq!(c.is_person("Mitglied"), Some(true));
        assert_eq!(c.is_person("PublicHoliday"), Some(false));
        assert!(
            c.classify("diagnosticsEnabled", None).is_none(),
            "whole words only"
        );
    }

    #[test]
    fn bad_dictionaries_name_the_file() {
        let err = Classifier::from_files(&[("privacy/x.toml", "rule = 1")])
            .err()
            .unwrap();
        assert!(err.starts_with("privacy/x.toml"), "{err}");
    }
}

#[cfg(test)]
mod builtin_tests {
    use super::*;

    #[test]
    fn the_embedded_dictionaries_load_and_classify() {
        let c = &*BUILTIN;
        assert_eq!(c.categories.len(), 11);
        let rule = |name: &str, person: Option<bool>| c.classify(name, person).map(|m| m.rule);
        assert_eq!(
            rule("diagnosis", None).as_deref(),
            Some("privacy/article9-health")
        );
        assert_eq!(
            rule("numeroSecuriteSociale", None).as_deref(),
            Some("privacy/national-identifier")
        );
        assert_eq!(
            rule("gewerkschaftsMitgliedschaft", None).as_deref(),
            Some("privacy/article9-trade-union")
        );
        assert_eq!(
            rule("email", None).as_deref(),
            Some("privacy/personal-data")
        );
        assert_eq!(rule("healthCheck", None), None);
        assert_eq!(rule("raceCondition", Some(true)), None);
        assert_eq!(rule("code_insee", Some(true)), None);
        assert_eq!(rule("browserFingerprint", Some(true)), None);
        assert_eq!(rule("politiqueConfidentialite", Some(true)), None);
        assert_eq!(rule("faceRecognitionEnabled", Some(true)), None);
        assert_eq!(rule("repeatOffenceCount", Some(true)), None);
        assert_eq!(rule("canOperateHealthData", Some(true)), None);
        assert_eq!(rule("showEmail", Some(true)), None);
        assert_eq!(rule("numberOfHispanicStudents", Some(true)), None);
        assert_eq!(
            rule("numberOfChildren", Some(true)).as_deref(),
            rule("children", Some(true)).as_deref(),
            "a count of ordinary data keeps its category"
        );
    }
}
