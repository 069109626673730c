//! GDPR.txt: generated from the data inventory, merged with what only
//! people can say (`[gdpr]` in `vigie.toml`, and the values a person wrote
//! in the file itself), validated, and checked for drift against the code.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::checks::privacy::classifier::{normalise, BUILTIN};
use crate::report::InventoryEntry;

pub mod config;
pub mod format;

use config::GdprConfig;
use format::{BlockKind, Chunk, Document, Entry};

/// Where a datum was found.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Source {
    pub path: String,
    pub line: usize,
    pub container: String,
    pub field: String,
}

/// One personal datum: every field of the code with the same name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Datum {
    /// The name written in `data:` (`date of birth`).
    pub name: String,
    /// The most sensitive category (`article9-health`, `personal-data`).
    pub category: String,
    /// Whether a value is required, when a source says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    pub sources: Vec<Source>,
}

/// The rank of a category: special categories first, ordinary data last.
fn rank(category: &str) -> (u8, &str) {
    let group = if category.starts_with("article9-") {
        0
    } else if category.starts_with("article10-") {
        1
    } else if category == "national-identifier" {
        2
    } else {
        3
    };
    (group, category)
}

/// Special categories first, then by name.
fn by_rank(a: &Datum, b: &Datum) -> std::cmp::Ordering {
    (rank(&a.category), &a.name).cmp(&(rank(&b.category), &b.name))
}

/// Required when any source requires it; optional when a source says so
/// and none requires it; unknown otherwise.
fn required_by_any(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), _) | (_, Some(false)) => Some(false),
        _ => None,
    }
}

/// Words of a name for matching (`dateOfBirth` = `date_of_birth`).
pub fn key_of(name: &str) -> String {
    normalise(name).join(" ")
}

/// The data of an inventory: fields with the same name (whatever their
/// case or separators) are one datum, in the most sensitive of their
/// categories. Sorted by category (special first) and name.
pub fn data_of(inventory: &[InventoryEntry]) -> Vec<Datum> {
    let mut by_key: BTreeMap<String, Datum> = BTreeMap::new();
    for e in inventory {
        let key = key_of(&e.field);
        if key.is_empty() {
            continue;
        }
        let display = crate::checks::openapi::data::words(&e.field).join(" ");
        let d = by_key.entry(key).or_insert_with(|| Datum {
            name: display.clone(),
            category: e.category.clone(),
            required: None,
            sources: Vec::new(),
        });
        // A stable name whatever the order of sources: the smallest.
        if display < d.name {
            d.name = display;
        }
        if rank(&e.category) < rank(&d.category) {
            d.category = e.category.clone();
        }
        d.required = required_by_any(d.required, e.required);
        d.sources.push(Source {
            path: e.path.clone(),
            line: e.line,
            container: e.container.clone(),
            field: e.field.clone(),
        });
    }
    let mut out: Vec<Datum> = by_key.into_values().collect();
    for d in &mut out {
        d.sources.sort();
        d.sources.dedup();
    }
    out.sort_by(by_rank);
    out
}

/// Merges the data a configuration says are one (`same-as`) under the
/// configured name: sources joined, the most sensitive category, required
/// when any part is.
pub fn merge_same(data: Vec<Datum>, config: Option<&GdprConfig>) -> Vec<Datum> {
    let Some(config) = config else {
        return data;
    };
    let mut data = data;
    for (name, d) in &config.data {
        if d.same_as.is_empty() {
            continue;
        }
        let keys: Vec<String> = std::iter::once(name.get_ref().as_str())
            .chain(d.same_as.iter().map(String::as_str))
            .map(key_of)
            .collect();
        let (parts, rest): (Vec<Datum>, Vec<Datum>) = data
            .into_iter()
            .partition(|x| keys.contains(&key_of(&x.name)));
        data = rest;
        let Some(first) = parts.first() else { continue };
        let mut merged = Datum {
            name: name.get_ref().clone(),
            category: first.category.clone(),
            required: None,
            sources: Vec::new(),
        };
        for p in parts {
            if rank(&p.category) < rank(&merged.category) {
                merged.category = p.category.clone();
            }
            merged.required = required_by_any(merged.required, p.required);
            merged.sources.extend(p.sources);
        }
        merged.sources.sort();
        merged.sources.dedup();
        data.push(merged);
    }
    data.sort_by(by_rank);
    data
}

/// `health data` for `article9-health`.
fn label(category: &str) -> String {
    let rule = format!("privacy/{category}");
    BUILTIN
        .categories
        .iter()
        .find(|c| c.rule == rule)
        .map_or_else(|| category.replace('-', " "), |c| c.label.clone())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The generated description of a datum.
fn describe(d: &Datum) -> String {
    let mut containers: Vec<&str> = d.sources.iter().map(|s| s.container.as_str()).collect();
    containers.sort();
    containers.dedup();
    let shown = containers.len().min(4);
    let mut list = containers[..shown].join(", ");
    if containers.len() > shown {
        let _ = write!(list, " and {} more", containers.len() - shown);
    }
    format!(
        "{}: `{}` of {list}.",
        capitalise(&label(&d.category)),
        d.sources
            .first()
            .map_or(d.name.as_str(), |s| s.field.as_str()),
    )
}

/// A configuration or generation error, with the `vigie.toml` line.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    pub line: usize,
    pub message: String,
}

/// Values a person wrote in an earlier GDPR.txt, kept on regeneration:
/// descriptions, mitigations and visibilities vigie did not generate
/// (their blocks lack the `# x-generated:` / `# x-todo:` marks), and the
/// purpose blocks when the configuration declares none.
#[derive(Default)]
struct Kept {
    data: BTreeMap<String, BTreeMap<&'static str, String>>,
    purposes: Vec<Vec<Chunk>>,
}

fn kept_from(existing: &Document) -> Kept {
    let mut kept = Kept::default();
    for block in existing.blocks() {
        match block.kind {
            Some(BlockKind::Data) => {
                let Some(name) = block.get("data").map(Entry::value) else {
                    continue;
                };
                let generated = block.extension("generated");
                let todo = block.extension("todo").join(" ");
                let mut values = BTreeMap::new();
                for key in ["description", "mitigation", "visibility"] {
                    let marked = generated.iter().any(|g| g == key) || todo.contains(key);
                    if let Some(v) = block.get(key).map(Entry::value).filter(|v| !v.is_empty()) {
                        if !marked {
                            values.insert(key, v);
                        }
                    }
                }
                kept.data.insert(key_of(&name), values);
            }
            Some(BlockKind::Purpose) => {
                let mut chunks: Vec<Chunk> = block
                    .comments
                    .iter()
                    .map(|c| Chunk::Comment(c.to_string()))
                    .collect();
                chunks.extend(block.entries.iter().map(|e| Chunk::Entry((*e).clone())));
                kept.purposes.push(chunks);
            }
            None => {}
        }
    }
    kept
}

/// Writes the GDPR.txt of `data`. Values come, in order, from the
/// configuration, from what a person wrote in `existing`, and from the
/// code. Errors: a purpose that names a datum neither found nor declared.
pub fn generate(
    data: &[Datum],
    config: Option<&GdprConfig>,
    existing: Option<&Document>,
) -> Result<Document, Vec<ConfigProblem>> {
    let empty = GdprConfig::default();
    let config = config.unwrap_or(&empty);
    let kept = existing.map(kept_from).unwrap_or_default();
    let mut problems = Vec::new();
    // Data declared by hand in the configuration.
    let mut data: Vec<Datum> = data.to_vec();
    for (name, d) in &config.data {
        let key = key_of(name.get_ref());
        if data.iter().any(|x| key_of(&x.name) == key) {
            continue;
        }
        let mut missing = Vec::new();
        if d.description.is_none() {
            missing.push("description");
        }
        if d.visibility.is_none() && config.default_visibility.is_none() {
            missing.push("visibility");
        }
        if !missing.is_empty() {
            problems.push(ConfigProblem {
                line: config.line(name.span().start),
                message: format!(
                    "`{}` is not found in the code, so it is declared by hand and needs {}",
                    name.get_ref(),
                    missing.join(" and ")
                ),
            });
        }
        data.push(Datum {
            name: name.get_ref().clone(),
            category: d.category.clone().unwrap_or_else(|| "personal-data".into()),
            required: d.required,
            sources: Vec::new(),
        });
    }
    data.sort_by(by_rank);
    for p in &config.purposes {
        for name in &p.data {
            if !data
                .iter()
                .any(|d| key_of(&d.name) == key_of(name.get_ref()))
            {
                problems.push(ConfigProblem {
                    line: config.line(name.span().start),
                    message: format!(
                        "purpose `{}` uses `{}`, which is neither found in the code nor declared in [gdpr.data]",
                        p.purpose.get_ref(),
                        name.get_ref()
                    ),
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut chunks: Vec<Chunk> = Vec::new();
    let comment = |chunks: &mut Vec<Chunk>, text: &str| {
        chunks.push(Chunk::Comment(if text.is_empty() {
            "#".into()
        } else {
            format!("# {text}")
        }))
    };
    let software = config
        .software
        .as_ref()
        .map_or("this software", |s| s.get_ref().as_str());
    for line in [
        format!(
            "GDPR.txt of {software}: the purposes of processing and the personal data it processes"
        ),
        "(format: https://gdpr-txt.org). For hosting providers, to build their records of".into(),
        "processing activities; a service running it may process more (HTTP logs, for instance)."
            .into(),
        "Generated by vigie from the code and vigie.toml; `vigie gdpr --check` fails when they"
            .into(),
        "drift apart. Lines starting with `# x-` are vigie's: category, sources, retention.".into(),
    ] {
        comment(&mut chunks, &line);
    }
    if data.is_empty() {
        comment(&mut chunks, "");
        comment(&mut chunks, "vigie found no personal data in the code.");
    }

    // Purpose blocks.
    if !config.purposes.is_empty() {
        for p in &config.purposes {
            chunks.push(Chunk::Blank(String::new()));
            if !p.data.is_empty() {
                let names: Vec<&str> = p.data.iter().map(|d| d.get_ref().as_str()).collect();
                comment(&mut chunks, &format!("x-data: {}", names.join(", ")));
            }
            chunks.push(Chunk::Entry(Entry::new(
                "purpose",
                p.purpose.get_ref().trim(),
            )));
            chunks.push(Chunk::Entry(Entry::new(
                "lawfulness",
                p.lawfulness.get_ref(),
            )));
        }
    } else if !kept.purposes.is_empty() {
        for block in kept.purposes {
            chunks.push(Chunk::Blank(String::new()));
            chunks.extend(block);
        }
    } else if !data.is_empty() {
        chunks.push(Chunk::Blank(String::new()));
        for line in [
            "x-todo: no purpose of processing is declared yet, and vigie never guesses one nor its",
            "lawful basis. Add to vigie.toml, then run `vigie gdpr` again:",
            "  [[gdpr.purposes]]",
            "  purpose = \"Why the software processes these data\"",
            "  lawfulness = \"contract\"  # or consent, legal, public interest, legitimate interest, vital",
            "  data = [\"email\", ...]",
        ] {
            comment(&mut chunks, line);
        }
    }

    // Data blocks.
    for d in &data {
        let key = key_of(&d.name);
        let own = config
            .data
            .iter()
            .find(|(name, _)| key_of(name.get_ref()) == key)
            .map(|(_, v)| v);
        let kept_values = kept.data.get(&key);
        let pick = |k: &str, configured: Option<&String>| -> Option<String> {
            configured
                .cloned()
                .or_else(|| kept_values.and_then(|v| v.get(k)).cloned())
        };
        chunks.push(Chunk::Blank(String::new()));
        comment(&mut chunks, &format!("x-category: {}", d.category));
        if d.category.starts_with("article9-") {
            comment(
                &mut chunks,
                "WARNING: a special category of personal data (GDPR Article 9): processing it",
            );
            comment(
                &mut chunks,
                "needs an exception of Article 9(2) and usually an impact assessment (DPIA).",
            );
        } else if d.category.starts_with("article10-") {
            comment(
                &mut chunks,
                "WARNING: criminal convictions and offences (GDPR Article 10): processing them",
            );
            comment(
                &mut chunks,
                "needs official authority or a basis in law, and usually an impact assessment (DPIA).",
            );
        }
        if d.sources.is_empty() {
            comment(&mut chunks, "x-source: vigie.toml (declared by hand)");
        }
        for s in &d.sources {
            comment(
                &mut chunks,
                &format!(
                    "x-source: {}:{} ({}, `{}`)",
                    s.path, s.line, s.container, s.field
                ),
            );
        }
        if let Some(r) = own.and_then(|o| o.retention.as_ref()) {
            comment(&mut chunks, &format!("x-retention: {r}"));
        }
        let required = own.and_then(|o| o.required).or(d.required);
        if required.is_none() {
            comment(
                &mut chunks,
                "x-todo: required is not known from the code (written false): check it",
            );
        }
        let visibility =
            pick("visibility", own.and_then(|o| o.visibility.as_ref())).or_else(|| {
                config
                    .default_visibility
                    .as_ref()
                    .map(|v| v.get_ref().clone())
            });
        if visibility.is_none() {
            comment(
                &mut chunks,
                "x-todo: visibility is not configured (written private): say who can see this datum",
            );
        }
        let description = pick("description", own.and_then(|o| o.description.as_ref()));
        if description.is_none() {
            comment(&mut chunks, "x-generated: description");
        }
        chunks.push(Chunk::Entry(Entry::new("data", &d.name)));
        chunks.push(Chunk::Entry(Entry::new(
            "required",
            if required == Some(true) {
                "true"
            } else {
                "false"
            },
        )));
        chunks.push(Chunk::Entry(Entry::new(
            "visibility",
            visibility.as_deref().unwrap_or("private"),
        )));
        chunks.push(Chunk::Entry(Entry::multiline(
            "description",
            &description.unwrap_or_else(|| describe(d)),
        )));
        if let Some(m) = pick("mitigation", own.and_then(|o| o.mitigation.as_ref())) {
            chunks.push(Chunk::Entry(Entry::multiline("mitigation", &m)));
        }
    }
    Ok(Document {
        chunks,
        final_newline: true,
    })
}

/// A difference between the code and a GDPR.txt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// Found in the code, not declared in the file.
    Undeclared(Datum),
    /// Declared in the file (at this line), no longer found in the code.
    Gone {
        name: String,
        category: Option<String>,
        line: usize,
    },
    /// Declared under another category than the code's.
    Recategorised {
        name: String,
        declared: String,
        found: String,
        line: usize,
    },
}

/// Compares data names and categories (never prose: descriptions a person
/// edited are not drift). Data declared by hand in the configuration are
/// expected in the file too.
pub fn check(data: &[Datum], config: Option<&GdprConfig>, file: &Document) -> Vec<Drift> {
    let mut expected: Vec<Datum> = data.to_vec();
    if let Some(c) = config {
        for (name, d) in &c.data {
            if !expected
                .iter()
                .any(|x| key_of(&x.name) == key_of(name.get_ref()))
            {
                expected.push(Datum {
                    name: name.get_ref().clone(),
                    category: d.category.clone().unwrap_or_else(|| "personal-data".into()),
                    required: d.required,
                    sources: Vec::new(),
                });
            }
        }
    }
    let declared: Vec<(String, Option<String>, usize)> = file
        .blocks()
        .iter()
        .filter(|b| b.kind == Some(BlockKind::Data))
        .filter_map(|b| {
            let e = b.get("data")?;
            Some((
                e.value(),
                b.extension("category").into_iter().next(),
                e.line,
            ))
        })
        .collect();
    let mut out = Vec::new();
    for d in &expected {
        match declared
            .iter()
            .find(|(n, _, _)| key_of(n) == key_of(&d.name))
        {
            None => out.push(Drift::Undeclared(d.clone())),
            Some((name, Some(category), line)) if *category != d.category => {
                out.push(Drift::Recategorised {
                    name: name.clone(),
                    declared: category.clone(),
                    found: d.category.clone(),
                    line: *line,
                })
            }
            Some(_) => {}
        }
    }
    for (name, category, line) in &declared {
        if !expected.iter().any(|d| key_of(&d.name) == key_of(name)) {
            out.push(Drift::Gone {
                name: name.clone(),
                category: category.clone(),
                line: *line,
            });
        }
    }
    out
}

/// The drift as a readable diff (`+` to add to the file, `-` to remove).
pub fn render_drift(drift: &[Drift], file: &str) -> String {
    let mut out = String::new();
    for d in drift {
        match d {
            Drift::Undeclared(datum) => {
                let at = datum
                    .sources
                    .first()
                    .map(|s| format!("found at {}:{} ({})", s.path, s.line, s.container))
                    .unwrap_or_else(|| "declared in vigie.toml".into());
                let _ = writeln!(
                    out,
                    "+ data: {} ({}): {at}, not declared in {file}",
                    datum.name, datum.category
                );
            }
            Drift::Gone {
                name,
                category,
                line,
            } => {
                let category = category
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- data: {name}{category}: declared at {file}:{line}, no longer found in the code"
                );
            }
            Drift::Recategorised {
                name,
                declared,
                found,
                line,
            } => {
                let _ = writeln!(
                    out,
                    "~ data: {name}: declared as {declared} at {file}:{line}, the code now says {found}"
                );
            }
        }
    }
    out
}

/// The data as Markdown, for a privacy page: a table per category.
pub fn markdown(data: &[Datum], software: &str) -> String {
    let mut out = format!("# Personal data processed by {software}\n");
    let mut category = "";
    for d in data {
        if d.category != category {
            category = &d.category;
            let _ = write!(out, "\n## {}\n\n", capitalise(&label(category)));
            if category.starts_with("article9-") || category.starts_with("article10-") {
                out.push_str("Special category of personal data (GDPR Articles 9 and 10).\n\n");
            }
            out.push_str("| data | required | found in |\n|---|---|---|\n");
        }
        let found: Vec<String> = d
            .sources
            .iter()
            .map(|s| format!("`{}:{}` ({})", s.path, s.line, s.container))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            d.name,
            match d.required {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unknown",
            },
            found.join("<br>")
        );
    }
    if data.is_empty() {
        out.push_str("\nNo personal data was found in the code.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        field: &str,
        category: &str,
        path: &str,
        container: &str,
        required: Option<bool>,
    ) -> InventoryEntry {
        InventoryEntry {
            category: category.into(),
            rule: format!("privacy/{category}"),
            field: field.into(),
            container: container.into(),
            path: path.into(),
            line: 3,
            column: 1,
            pointer: None,
            ty: None,
            required,
            term: field.into(),
            lang: "en".into(),
        }
    }

    #[test]
    fn one_datum_per_name_across_sources() {
        let data = data_of(&[
            entry(
                "email",
                "personal-data",
                "db.sql",
                "table users",
                Some(true),
            ),
            entry(
                "email",
                "personal-data",
                "api.yaml",
                "schema User",
                Some(false),
            ),
            entry(
                "dateOfBirth",
                "personal-data",
                "api.yaml",
                "schema User",
                None,
            ),
            entry(
                "date_of_birth",
                "personal-data",
                "db.sql",
                "table users",
                None,
            ),
            entry(
                "diagnosis",
                "article9-health",
                "db.sql",
                "table visits",
                None,
            ),
        ]);
        let names: Vec<(&str, &str, Option<bool>, usize)> = data
            .iter()
            .map(|d| {
                (
                    d.name.as_str(),
                    d.category.as_str(),
                    d.required,
                    d.sources.len(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("diagnosis", "article9-health", None, 1),
                ("date of birth", "personal-data", None, 2),
                ("email", "personal-data", Some(true), 2),
            ]
        );
    }

    #[test]
    fn generated_files_validate_and_round_trip() {
        let data = data_of(&[
            entry(
                "email",
                "personal-data",
                "db.sql",
                "table users",
                Some(true),
            ),
            entry(
                "diagnosis",
                "article9-health",
                "db.sql",
                "table visits",
                None,
            ),
        ]);
        let config = GdprConfig::parse(
            std::path::Path::new("vigie.toml"),
            "[gdpr]\nsoftware = \"Clinic\"\n[[gdpr.purposes]]\npurpose = \"Care\"\nlawfulness = \"contract\"\ndata = [\"diagnosis\", \"email\"]\n[gdpr.data.email]\nvisibility = \"staff\"\nmitigation = \"Never shown to other patients.\"\n",
        )
        .unwrap();
        let doc = generate(&data, config.as_ref(), None).unwrap();
        let text = doc.write();
        let (parsed, errors) = Document::validate(&text);
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        assert_eq!(parsed.write(), text);
        assert!(
            text.contains("# x-category: article9-health\n# WARNING"),
            "{text}"
        );
        assert!(text.contains("visibility: staff"));
        assert!(check(&data, config.as_ref(), &parsed).is_empty());

        // Without purposes: a draft whose validation says what is missing.
        let draft = generate(&data, None, None).unwrap().write();
        assert!(draft.contains("x-todo: no purpose of processing"));
        let (_, errors) = Document::validate(&draft);
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn hand_written_values_survive_regeneration_and_are_not_drift() {
        let data = data_of(&[entry(
            "email",
            "personal-data",
            "db.sql",
            "table users",
            Some(true),
        )]);
        let first = generate(&data, None, None).unwrap().write();
        let edited = first
            .replace("# x-generated: description\n", "")
            .replace(
                "    Personal data: `email` of table users.",
                "    To send the receipts.",
            )
            .replace(
                "# x-todo: no purpose",
                "purpose: Receipts\nlawfulness: contract\n\n# x-todo: no purpose",
            );
        let (doc, _) = Document::parse(&edited);
        let again = generate(&data, None, Some(&doc)).unwrap().write();
        assert!(again.contains("    To send the receipts."), "{again}");
        assert!(again.contains("purpose: Receipts"), "{again}");
        let (doc, errors) = Document::validate(&again);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(check(&data, None, &doc).is_empty());
        let more = data_of(&[
            entry(
                "email",
                "personal-data",
                "db.sql",
                "table users",
                Some(true),
            ),
            entry(
                "religion",
                "article9-religion",
                "db.sql",
                "table users",
                None,
            ),
        ]);
        let drift = check(&more, None, &doc);
        assert_eq!(drift.len(), 1);
        assert!(render_drift(&drift, "GDPR.txt")
            .starts_with("+ data: religion (article9-religion): found at db.sql:3"));
        let gone = check(&[], None, &doc);
        assert!(render_drift(&gone, "GDPR.txt")
            .starts_with("- data: email (personal-data): declared at GDPR.txt:"));
    }

    #[test]
    fn same_as_merges_data_under_one_name() {
        let data = data_of(&[
            entry("name_cached", "personal-data", "m.py", "model Order", None),
            entry(
                "name_parts",
                "personal-data",
                "m.py",
                "model Order",
                Some(true),
            ),
            entry("email", "personal-data", "m.py", "model Order", None),
        ]);
        let config = GdprConfig::parse(
            std::path::Path::new("vigie.toml"),
            "[gdpr.data.name]\nsame-as = [\"name cached\", \"name parts\"]\n",
        )
        .unwrap();
        let merged = merge_same(data, config.as_ref());
        let names: Vec<(&str, usize, Option<bool>)> = merged
            .iter()
            .map(|d| (d.name.as_str(), d.sources.len(), d.required))
            .collect();
        assert_eq!(names, [("email", 1, None), ("name", 2, Some(true))]);
        let doc = generate(&merged, config.as_ref(), None).unwrap();
        assert!(check(&merged, config.as_ref(), &doc).is_empty());
    }

    #[test]
    fn purposes_must_name_known_data() {
        let config = GdprConfig::parse(
            std::path::Path::new("vigie.toml"),
            "[gdpr]\n[[gdpr.purposes]]\npurpose = \"Care\"\nlawfulness = \"contract\"\ndata = [\"shoe size\"]\n",
        )
        .unwrap();
        let err = generate(&[], config.as_ref(), None).unwrap_err();
        assert_eq!(err[0].line, 5);
        assert!(err[0].message.contains("`shoe size`"));
    }
}
