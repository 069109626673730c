//! The rule catalogue: metadata and documentation of every rule, loaded from
//! the packs under `rules/` that are embedded in the binary at build time.
//!
//! Rules implemented in code (API, privacy) and rules that are pure data
//! (secrets) share one format, so `vigie rules`, `vigie explain` and SARIF
//! treat them alike.

use std::collections::HashMap;

use serde::Deserialize;

use crate::error::{line_of, Error, Result};
use crate::finding::Level;

pub(crate) mod packs {
    include!(concat!(env!("OUT_DIR"), "/rule_packs.rs"));
}

/// The rule families; each is also a SARIF tag.
pub const FAMILIES: &[&str] = &["secret", "api", "privacy", "pii"];

/// Sections of a rule's documentation, shaped like ruff's.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// What it finds.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// An example of flagged code (optional).
    #[serde(default)]
    pub example: Option<String>,
    /// How to fix.
    pub fix: String,
}

/// Where a secret rule's finding is placed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportAt {
    /// At the `secret` capture (tokens).
    #[default]
    Secret,
    /// At the start of the whole match (a PEM block is reported at its BEGIN line).
    Match,
}

/// How a secret rule detects: literal keywords for the prefilter, then a regex
/// whose named group `secret` captures the credential, then validators.
#[derive(Clone, Debug)]
pub struct SecretSpec {
    pub keywords: Vec<String>,
    pub pattern: String,
    pub min_entropy: Option<f64>,
    pub validator: Option<String>,
    /// Bytes after the keyword's line the regex may reach (multi-line secrets).
    pub window: usize,
    pub report_at: ReportAt,
    pub examples: Vec<Example>,
    pub negative_examples: Vec<NegativeExample>,
}

/// A text a secret rule must match, and the exact secret it must capture.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub secret: String,
    /// The file the text is scanned as (default [`EXAMPLE_PATH`]).
    #[serde(default)]
    pub path: Option<String>,
}

/// A text a secret rule must not report: a plain string, or a table naming
/// the file it is scanned as.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum NegativeExample {
    Text(String),
    InFile(NegativeInFile),
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegativeInFile {
    pub text: String,
    pub path: String,
}

impl NegativeExample {
    pub fn text(&self) -> &str {
        match self {
            NegativeExample::Text(text) => text,
            NegativeExample::InFile(n) => &n.text,
        }
    }

    pub fn path(&self) -> &str {
        match self {
            NegativeExample::Text(_) => EXAMPLE_PATH,
            NegativeExample::InFile(n) => &n.path,
        }
    }
}

/// Examples are scanned as if in this file unless they say otherwise: a
/// configuration file, the most permissive for assignments.
pub const EXAMPLE_PATH: &str = "example.env";

/// One rule: identity, default level, documentation, and for data-driven
/// rules the detection spec.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub level: Level,
    /// "0.1".."10.0", as GitHub code scanning expects.
    pub security_severity: String,
    /// Family first, then `security` for security families, then the pack's tags.
    pub tags: Vec<String>,
    pub references: Vec<String>,
    pub docs: Docs,
    pub secret: Option<SecretSpec>,
    /// The pack it comes from, e.g. `secrets/core.toml`.
    pub pack: String,
}

impl Rule {
    pub fn family(&self) -> &str {
        family_of(&self.id)
    }

    /// Help text as Markdown (SARIF `help.markdown`, `vigie explain`).
    pub fn help_markdown(&self) -> String {
        let mut md = format!("# {}\n\n`{}`\n\n", self.title, self.id);
        md.push_str(&format!(
            "## What it finds\n\n{}\n\n",
            self.docs.what.trim()
        ));
        md.push_str(&format!(
            "## Why it matters\n\n{}\n\n",
            self.docs.why.trim()
        ));
        if let Some(example) = &self.docs.example {
            md.push_str(&format!(
                "## Example\n\n```\n{}\n```\n\n",
                example.trim_end()
            ));
        }
        md.push_str(&format!("## How to fix\n\n{}\n", self.docs.fix.trim()));
        if !self.references.is_empty() {
            md.push_str("\n## References\n\n");
            for r in &self.references {
                md.push_str(&format!("- {r}\n"));
            }
        }
        md
    }

    /// Help as plain text (SARIF `help.text`).
    pub fn help_text(&self) -> String {
        let mut text = format!(
            "{}\n\nWhy it matters: {}\n",
            self.docs.what.trim(),
            self.docs.why.trim()
        );
        if let Some(example) = &self.docs.example {
            text.push_str(&format!("\nExample:\n{}\n", example.trim_end()));
        }
        text.push_str(&format!("\nHow to fix: {}\n", self.docs.fix.trim()));
        if !self.references.is_empty() {
            text.push_str("\nReferences:\n");
            for r in &self.references {
                text.push_str(&format!("- {r}\n"));
            }
        }
        text
    }
}

/// The family of a rule id: the part before the first `/`.
pub fn family_of(id: &str) -> &str {
    id.split('/').next().unwrap_or(id)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    rule: Vec<toml::Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: String,
    title: String,
    level: Level,
    security_severity: f64,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    references: Vec<String>,
    docs: Docs,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    min_entropy: Option<f64>,
    #[serde(default)]
    validator: Option<String>,
    #[serde(default)]
    window: usize,
    #[serde(default)]
    report_at: ReportAt,
    #[serde(default)]
    examples: Vec<Example>,
    #[serde(default)]
    negative_examples: Vec<NegativeExample>,
}

/// All rules, in a stable order (by id).
#[derive(Clone, Debug)]
pub struct Catalog {
    rules: Vec<Rule>,
    by_id: HashMap<String, usize>,
}

impl Catalog {
    /// The built-in catalogue (the packs embedded from `rules/`).
    pub fn builtin() -> Result<Catalog> {
        Catalog::with_packs(&[])
    }

    /// The built-in packs plus extra pack files given by the user.
    pub fn with_packs(extra: &[std::path::PathBuf]) -> Result<Catalog> {
        let mut texts = Vec::new();
        for path in extra {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            texts.push((path.display().to_string(), text));
        }
        let builtin = packs::RULE_PACKS
            .iter()
            .map(|(name, text)| (format!("rules/{name}"), *text));
        let extra = texts
            .iter()
            .map(|(name, text)| (name.clone(), text.as_str()));
        Catalog::from_named_packs(builtin.chain(extra))
    }

    /// Builds a catalogue from `(pack name, TOML text)` pairs; the names
    /// are used in error messages as given.
    pub fn from_packs<'a>(packs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Catalog> {
        Catalog::from_named_packs(packs.into_iter().map(|(n, t)| (n.to_string(), t)))
    }

    fn from_named_packs<'a>(packs: impl IntoIterator<Item = (String, &'a str)>) -> Result<Catalog> {
        let mut rules = Vec::new();
        for (name, text) in packs {
            let name = name.as_str();
            let pack: PackFile = toml::from_str(text).map_err(|e| Error::Rules {
                file: name.to_string(),
                line: e.span().map_or(1, |s| line_of(text, s.start)),
                message: e.message().to_string(),
            })?;
            for spanned in pack.rule {
                let line = line_of(text, spanned.span().start);
                let raw = spanned.into_inner();
                let rule = validate_rule(name, raw).map_err(|message| Error::Rules {
                    file: name.to_string(),
                    line,
                    message,
                })?;
                rules.push(rule);
            }
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let mut by_id = HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            if by_id.insert(rule.id.clone(), i).is_some() {
                return Err(Error::Rules {
                    file: rule.pack.clone(),
                    line: 1,
                    message: format!("rule id `{}` is defined twice", rule.id),
                });
            }
        }
        Ok(Catalog { rules, by_id })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    /// Index of rule `id` in [`Catalog::rules`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Rule ids close to `id`, for "did you mean" messages.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        self.rules
            .iter()
            .map(|r| (edit_distance(&r.id, id), r.id.as_str()))
            .filter(|(d, _)| *d <= 3)
            .min()
            .map(|(_, id)| id)
    }
}

fn validate_rule(pack: &str, raw: RawRule) -> std::result::Result<Rule, String> {
    let family = family_of(&raw.id);
    if !FAMILIES.contains(&family) || !raw.id.contains('/') {
        return Err(format!(
            "rule id `{}` must start with a family ({})",
            raw.id,
            FAMILIES.join(", ")
        ));
    }
    let name = &raw.id[family.len() + 1..];
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(format!(
            "rule id `{}` must be kebab-case after the family",
            raw.id
        ));
    }
    if !(0.0..=10.0).contains(&raw.security_severity) || raw.security_severity < 0.1 {
        return Err(format!(
            "rule `{}`: security-severity must be between 0.1 and 10.0",
            raw.id
        ));
    }
    let secret = match raw.pattern {
        Some(pattern) => {
            if raw.keywords.is_empty() {
                return Err(format!(
                    "rule `{}`: a pattern needs at least one keyword",
                    raw.id
                ));
            }
            if raw.keywords.iter().any(|k| k.len() < 2) {
                return Err(format!(
                    "rule `{}`: keywords need at least 2 characters (and should be rare: each hit costs a regex run on its line)",
                    raw.id
                ));
            }
            if raw.examples.is_empty() {
                return Err(format!(
                    "rule `{}`: a pattern needs at least one example",
                    raw.id
                ));
            }
            Some(SecretSpec {
                keywords: raw.keywords,
                pattern,
                min_entropy: raw.min_entropy,
                validator: raw.validator,
                window: raw.window,
                report_at: raw.report_at,
                examples: raw.examples,
                negative_examples: raw.negative_examples,
            })
        }
        None => {
            if !raw.keywords.is_empty() || !raw.examples.is_empty() || raw.validator.is_some() {
                return Err(format!(
                    "rule `{}`: keywords, examples and validator need a pattern",
                    raw.id
                ));
            }
            None
        }
    };
    // Family names are reserved tags: `vigie rules --tag api` must list the
    // API rules only.
    if let Some(tag) = raw
        .tags
        .iter()
        .find(|t| FAMILIES.contains(&t.as_str()) && *t != family)
    {
        return Err(format!(
            "rule `{}`: tag `{tag}` is a rule family; use it only as the start of an id",
            raw.id
        ));
    }
    let mut tags = vec![family.to_string()];
    if matches!(family, "secret" | "api") {
        tags.push("security".to_string());
    }
    for tag in raw.tags {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Ok(Rule {
        security_severity: format!("{:.1}", raw.security_severity),
        id: raw.id,
        title: raw.title,
        level: raw.level,
        tags,
        references: raw.references,
        docs: raw.docs,
        secret,
        pack: pack.to_string(),
    })
}

/// Levenshtein distance, for suggestions on small strings.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads_with_families_and_docs() {
        let catalog = Catalog::builtin().expect("embedded packs are valid");
        assert!(catalog.rules().len() >= 4);
        for rule in catalog.rules() {
            assert!(FAMILIES.contains(&rule.family()), "{}", rule.id);
            assert_eq!(rule.tags[0], rule.family());
            assert!(!rule.docs.what.trim().is_empty(), "{}", rule.id);
            assert!(!rule.docs.why.trim().is_empty(), "{}", rule.id);
            assert!(!rule.docs.fix.trim().is_empty(), "{}", rule.id);
        }
    }

    #[test]
    fn invalid_pack_reports_file_line_and_key() {
        let text = "[[rule]]\nid = \"secret/x\"\nlevle = \"error\"\n";
        let err = Catalog::from_packs([("secrets/bad.toml", text)]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("secrets/bad.toml:"), "{msg}");
        assert!(msg.contains("levle"), "{msg}");
    }

    #[test]
    fn bad_family_is_rejected() {
        let text = r#"
[[rule]]
id = "secrets/x"
title = "t"
level = "error"
security-severity = 5.0
docs = { what = "w", why = "y", fix = "f" }
"#;
        let err = Catalog::from_packs([("p.toml", text)]).unwrap_err();
        assert!(err.to_string().contains("family"), "{err}");
        assert!(err.to_string().starts_with("p.toml:2:"), "{err}");
    }

    #[test]
    fn suggestions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        let catalog = Catalog::builtin().unwrap();
        assert_eq!(
            catalog.suggest("secret/aws-acess-key-id"),
            Some("secret/aws-access-key-id")
        );
    }
}
