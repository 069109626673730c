//! Extractors of data models: each turns a kind of source into models
//! (a struct, a table, an ORM class, an API schema) and their fields, and
//! every field goes through the one privacy classifier
//! ([`crate::checks::privacy::classifier`]).
//!
//! | source | extractor | how |
//! |---|---|---|
//! | OpenAPI / Swagger | [`openapi`] | the auditor's model (positions from its tree) |
//! | Rust structs, enums, Diesel `table!` | [`rust`] | `syn`, lines from `proc-macro2` spans |
//! | SQL DDL (`.sql`, migrations) | [`sql`] | `sqlparser`, one statement at a time |
//! | Django, SQLAlchemy, Rails, Prisma, Laravel, TypeORM | [`orm`] | line patterns over each framework's fixed shape |
//!
//! Every privacy finding also carries an inventory entry ([`Item`]) in its
//! properties: the JSON report lists them as the data inventory, which the
//! GDPR.txt generator consumes.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::catalog::Catalog;
use crate::finding::Level;
use crate::source::Source;

use super::privacy::classifier::{Classifier, Match, Sensitivity, BUILTIN};
use super::{Check, Hit, HitExtra, Problem};

pub mod openapi;
pub mod orm;
pub mod rust;
pub mod sql;

/// A field of a data model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Field {
    /// The name the data goes by (a serialised or column name).
    pub name: String,
    /// Another name of the same field (the Rust identifier of a field
    /// serde renames, the attribute of an ORM column with its own name).
    pub alias: Option<String>,
    /// Type as written (`Option<String>`, `VARCHAR(255)`, `CharField`).
    pub ty: Option<String>,
    /// Whether a value is required (`NOT NULL`, not `Option`, not
    /// `null=True`), when the source says.
    pub required: Option<bool>,
    /// Byte range of the name in the source.
    pub span: Range<usize>,
    /// Doc comment, `COMMENT`, `verbose_name`, `description`.
    pub comment: Option<String>,
}

/// A container of fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Model {
    /// `struct`, `enum`, `table`, `model`, `entity`, `schema`.
    pub kind: &'static str,
    pub name: String,
    pub fields: Vec<Field>,
}

/// One entry of the data inventory: a field that holds personal data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    /// The rule id without its family (`article9-health`).
    pub category: String,
    pub field: String,
    /// `struct Patient`, `table mitglieder`, `schema Patient`.
    pub container: String,
    /// The dictionary term that matched, and its language.
    pub term: String,
    pub lang: String,
    pub ty: Option<String>,
    pub required: Option<bool>,
}

/// Property keys of an inventory entry in findings (JSON and SARIF).
pub const PROPERTY_CATEGORY: &str = "data-category";
pub const PROPERTY_FIELD: &str = "data-field";
pub const PROPERTY_CONTAINER: &str = "data-container";
pub const PROPERTY_TERM: &str = "data-term";
pub const PROPERTY_LANG: &str = "data-lang";
pub const PROPERTY_TYPE: &str = "data-type";
pub const PROPERTY_REQUIRED: &str = "data-required";

impl Item {
    pub fn new(m: &Match, field: &str, container: &str) -> Item {
        Item {
            category: m.rule.trim_start_matches("privacy/").to_string(),
            field: field.to_string(),
            container: container.to_string(),
            term: m.term.clone(),
            lang: m.lang.clone(),
            ty: None,
            required: None,
        }
    }

    pub fn insert_into(&self, props: &mut BTreeMap<String, String>) {
        props.insert(PROPERTY_CATEGORY.into(), self.category.clone());
        props.insert(PROPERTY_FIELD.into(), self.field.clone());
        props.insert(PROPERTY_CONTAINER.into(), self.container.clone());
        props.insert(PROPERTY_TERM.into(), self.term.clone());
        props.insert(PROPERTY_LANG.into(), self.lang.clone());
        if let Some(ty) = &self.ty {
            props.insert(PROPERTY_TYPE.into(), ty.clone());
        }
        if let Some(required) = self.required {
            props.insert(PROPERTY_REQUIRED.into(), required.to_string());
        }
    }

    /// The entry of a finding's properties, if it has one.
    pub fn from_properties(props: &BTreeMap<String, String>) -> Option<Item> {
        let get = |k: &str| props.get(k).cloned();
        Some(Item {
            category: get(PROPERTY_CATEGORY)?,
            field: get(PROPERTY_FIELD)?,
            container: get(PROPERTY_CONTAINER).unwrap_or_default(),
            term: get(PROPERTY_TERM).unwrap_or_default(),
            lang: get(PROPERTY_LANG).unwrap_or_default(),
            ty: get(PROPERTY_TYPE),
            required: get(PROPERTY_REQUIRED).and_then(|r| r.parse().ok()),
        })
    }
}

/// Level of a privacy finding: personal data is a note for the
/// inventory; national identifiers and special categories are warnings.
pub fn level_of(m: &Match) -> Level {
    if m.sensitivity == Sensitivity::Personal {
        Level::Note
    } else {
        Level::Warning
    }
}

/// `field "diagnostic" of struct Patient: health data (FR "diagnostic")`.
pub fn message(m: &Match, field: &str, container: &str) -> String {
    let context = if m.by_context {
        ", ambiguous term in a person context"
    } else {
        ""
    };
    format!(
        "field \"{field}\" of {container}: {}{context}",
        m.describe()
    )
}

/// A classified field of a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataHit {
    pub rule: String,
    pub level: Level,
    pub span: Range<usize>,
    pub message: String,
    pub item: Item,
}

/// Classifies the fields of models. Context: the model's name says it is a
/// person (`Patient`, `mitglieder`), or a sibling field is personal data.
pub fn classify<'m>(models: &'m [Model], classifier: &Classifier) -> Vec<DataHit> {
    let mut memo: HashMap<&str, Option<Match>> = HashMap::new();
    // Field names repeat across models (`id`, `email`, `created_at`).
    type Key<'m> = (&'m str, Option<bool>, Option<&'m str>);
    let mut seen: HashMap<Key<'_>, Option<Match>> = HashMap::new();
    let mut described = |name: &'m str, person: Option<bool>, comment: Option<&'m str>| {
        seen.entry((name, person, comment))
            .or_insert_with(|| classifier.classify_described(name, person, comment))
            .clone()
    };
    let mut found: Vec<(Match, &Field, String)> = Vec::new();
    for model in models {
        let person = match classifier.is_person(&model.name) {
            Some(p) => Some(p),
            None => (model.fields.iter().any(|f| {
                memo.entry(f.name.as_str())
                    .or_insert_with(|| classifier.classify(&f.name, None))
                    .is_some()
            }) || record_of_a_person(
                model
                    .fields
                    .iter()
                    .map(|f| classifier.classify(&f.name, Some(true))),
            ))
            .then_some(true),
        };
        let container = format!("{} {}", model.kind, model.name);
        for field in &model.fields {
            if own_key(&field.name, &model.name) {
                continue;
            }
            let comment = field.comment.as_deref();
            let mut best = described(&field.name, person, comment);
            if let Some(alias) = &field.alias {
                let other = described(alias, person, comment);
                if rank(&other) > rank(&best) {
                    best = other;
                }
            }
            if let Some(m) =
                best.filter(|m| !classifier.trapped_in_container(m, &field.name, &model.name))
            {
                found.push((m, field, container.clone()));
            }
        }
    }
    // One source is written in one language, mostly.
    let mut matches: Vec<&mut Match> = found.iter_mut().map(|(m, _, _)| m).collect();
    classifier.settle_languages(&mut matches);
    found
        .into_iter()
        .map(|(m, field, container)| {
            let mut item = Item::new(&m, &field.name, &container);
            item.ty = field.ty.clone();
            item.required = field.required;
            DataHit {
                rule: m.rule.clone(),
                level: level_of(&m),
                span: field.span.clone(),
                message: message(&m, &field.name, &container),
                item,
            }
        })
        .collect()
}

/// Whether fields that are each only ambiguous together describe a
/// person: three different personal terms, not all of them places (`name`,
/// `street`, `zipcode` of an `InvoiceAddress`; not `city`, `street`,
/// `zipcode` of a `Warehouse`). Used for code and SQL models only: API
/// descriptions are full of addresses of businesses and places.
pub fn record_of_a_person(matches: impl Iterator<Item = Option<Match>>) -> bool {
    const PLACE: &[&str] = &[
        "address",
        "addresses",
        "street",
        "city",
        "zipcode",
        "zip",
        "postcode",
        "postal code",
        "zip code",
        "country",
        "state",
        "region",
        "location",
        "latitude",
        "longitude",
        "lat",
        "lng",
        "lon",
        "adresse",
        "ville",
        "code postal",
        "strasse",
        "ort",
        "plz",
        "direccion",
        "ciudad",
        "indirizzo",
        "citta",
        "cap",
        "endereco",
        "cidade",
        "adres",
        "stad",
        "postcode",
    ];
    let mut terms: Vec<String> = matches
        .flatten()
        .filter(|m| m.sensitivity == Sensitivity::Personal)
        .map(|m| m.term)
        .collect();
    terms.sort();
    terms.dedup();
    terms.len() >= 3 && terms.iter().any(|t| !PLACE.contains(&t.as_str()))
}

/// The model's own key named after it (`address_id` of
/// `collected_addresses`): a number, not the datum. A key to another table
/// (`gender_id`, `religion_id` of a person) stores the datum as a code.
fn own_key(field: &str, model: &str) -> bool {
    let words = crate::checks::privacy::classifier::normalise(field);
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    if !matches!(last.as_str(), "id" | "uuid" | "guid" | "pk" | "key") || before.is_empty() {
        return false;
    }
    let container = crate::checks::privacy::classifier::normalise(model);
    before
        .iter()
        .all(|w| container.iter().any(|c| c.starts_with(w.as_str())))
}

fn rank(m: &Option<Match>) -> Option<(Sensitivity, bool)> {
    m.as_ref().map(|m| (m.sensitivity, !m.by_context))
}

/// The table model of that name, created empty if there is none yet (SQL
/// and migrations add columns to a table in several statements).
pub(crate) fn table_named<'m>(models: &'m mut Vec<Model>, name: &str) -> &'m mut Model {
    let at = match models.iter().position(|m| m.name == name) {
        Some(i) => i,
        None => {
            models.push(Model {
                kind: "table",
                name: name.to_string(),
                fields: Vec::new(),
            });
            models.len() - 1
        }
    };
    &mut models[at]
}

/// Byte offsets of line starts, to turn (line, column) positions of a
/// parser into byte offsets.
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts }
    }

    /// Byte offset of a 1-based line and a 0-based column in characters.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        start
            + rest[..end]
                .char_indices()
                .nth(column)
                .map_or(end, |(i, _)| i)
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// The stacks whose models vigie reads, chosen by file name and a cheap
/// look at the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stack {
    Rust,
    Sql,
    Django,
    SqlAlchemy,
    Rails,
    Prisma,
    Laravel,
    TypeOrm,
}

impl Stack {
    pub fn of(path: &str, bytes: &[u8]) -> Option<Stack> {
        // Every file passes here: only its (short) extension is lowered.
        let ext = path
            .rsplit_once('.')
            .filter(|(_, e)| e.len() <= 6 && !e.contains('/'))
            .map_or(String::new(), |(_, e)| e.to_ascii_lowercase());
        let has = |needle: &str| memchr::memmem::find(bytes, needle.as_bytes()).is_some();
        match ext.as_str() {
            "rs" if has("struct ") || has("enum ") || has("table!") => Some(Stack::Rust),
            "sql" => Some(Stack::Sql),
            "prisma" => Some(Stack::Prisma),
            "py" if has("models.Model") || (has("django") && has("Model)")) => Some(Stack::Django),
            "py" if has("sqlalchemy") => Some(Stack::SqlAlchemy),
            "rb" if has("create_table") => Some(Stack::Rails),
            "php" if has("Schema::create") || has("Schema::table") => Some(Stack::Laravel),
            "ts" if has("@Entity") => Some(Stack::TypeOrm),
            _ => None,
        }
    }
}

/// Models of a source, with what could not be read.
pub fn extract(stack: Stack, text: &str) -> (Vec<Model>, Vec<Problem>) {
    match stack {
        Stack::Rust => rust::extract(text),
        Stack::Sql => sql::extract(text),
        Stack::Django => (orm::django(text), Vec::new()),
        Stack::SqlAlchemy => (orm::sqlalchemy(text), Vec::new()),
        Stack::Rails => (orm::rails(text), Vec::new()),
        Stack::Prisma => (orm::prisma(text), Vec::new()),
        Stack::Laravel => (orm::laravel(text), Vec::new()),
        Stack::TypeOrm => (orm::typeorm(text), Vec::new()),
    }
}

/// The check run by `vigie scan` on code and SQL (API descriptions are
/// classified by the API check, which has their model loaded).
pub struct ModelCheck {
    rules: HashMap<&'static str, usize>,
}

impl ModelCheck {
    pub fn new(catalog: &Catalog, enabled: impl Fn(usize) -> bool) -> ModelCheck {
        ModelCheck {
            rules: super::enabled_rules(catalog, super::privacy::RULES, enabled),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

impl Check for ModelCheck {
    fn check(&self, src: &Source, out: &mut Vec<Hit>) {
        let mut problems = Vec::new();
        self.check_all(src, out, &mut problems);
    }

    fn check_all(&self, src: &Source, out: &mut Vec<Hit>, problems: &mut Vec<Problem>) {
        let Some(stack) = Stack::of(src.path, src.bytes) else {
            return;
        };
        // Code that is not UTF-8 is not a model vigie can read; the other
        // checks still scan its bytes.
        let Ok(text) = std::str::from_utf8(src.bytes) else {
            return;
        };
        let (models, found) = extract(stack, text);
        problems.extend(found);
        for hit in classify(&models, &BUILTIN) {
            let Some(&rule) = self.rules.get(hit.rule.as_str()) else {
                continue;
            };
            let mut properties = BTreeMap::new();
            hit.item.insert_into(&mut properties);
            out.push(Hit {
                rule,
                span: hit.span,
                secret: None,
                message: hit.message,
                extra: Some(Box::new(HitExtra {
                    level: Some(hit.level),
                    pointer: None,
                    properties,
                    elsewhere: None,
                })),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_map_positions_to_offsets() {
        let text = "ab\nçé x\n\nlast";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(1, 1), 1);
        assert_eq!(&text[lines.offset(2, 3)..], "x\n\nlast");
        assert_eq!(lines.offset(4, 0), 11);
        assert_eq!(lines.offset(9, 0), text.len());
        assert_eq!(lines.line_of(0), 1);
        assert_eq!(lines.line_of(3), 2);
        assert_eq!(lines.line_of(text.len()), 4);
    }

    #[test]
    fn stacks_are_chosen_by_name_and_content() {
        assert_eq!(Stack::of("a/b.rs", b"pub struct A {}"), Some(Stack::Rust));
        assert_eq!(Stack::of("a/b.rs", b"fn main() {}"), None);
        assert_eq!(
            Stack::of("db/schema.rb", b"create_table \"x\""),
            Some(Stack::Rails)
        );
        assert_eq!(
            Stack::of("app.py", b"class A(models.Model):"),
            Some(Stack::Django)
        );
        assert_eq!(
            Stack::of("app.py", b"from sqlalchemy import Column"),
            Some(Stack::SqlAlchemy)
        );
        assert_eq!(Stack::of("app.py", b"print(1)"), None);
        assert_eq!(Stack::of("schema.prisma", b""), Some(Stack::Prisma));
        assert_eq!(
            Stack::of("M.php", b"Schema::create('x'"),
            Some(Stack::Laravel)
        );
        assert_eq!(Stack::of("u.entity.ts", b"@Entity()"), Some(Stack::TypeOrm));
        assert_eq!(Stack::of("V1__init.SQL", b""), Some(Stack::Sql));
    }

    #[test]
    fn sibling_fields_give_context_and_comments_confirm() {
        let field = |name: &str, comment: Option<&str>| Field {
            name: name.into(),
            span: 0..1,
            comment: comment.map(String::from),
            ..Field::default()
        };
        let model = |name: &str, fields: Vec<Field>| Model {
            kind: "table",
            name: name.into(),
            fields,
        };
        let rules = |m: Model| -> Vec<String> {
            classify(&[m], &BUILTIN)
                .into_iter()
                .map(|h| format!("{} {}", h.item.field, h.item.category))
                .collect()
        };
        // `race` alone is ambiguous (breeds, race conditions).
        assert!(rules(model("entries", vec![field("race", None)])).is_empty());
        // Next to an email, in an unnamed container, it is about a person.
        assert_eq!(
            rules(model(
                "entries",
                vec![field("race", None), field("email", None)]
            )),
            ["race article9-ethnic-origin", "email personal-data"]
        );
        // Three ambiguous personal terms, not all places, make a record of
        // a person; three places alone do not.
        let invoice = |fields: Vec<Field>| rules(model("invoice_addresses", fields));
        assert_eq!(
            invoice(vec![
                field("name_cached", None),
                field("street", None),
                field("zipcode", None)
            ])
            .len(),
            3
        );
        assert!(invoice(vec![
            field("city", None),
            field("street", None),
            field("zipcode", None)
        ])
        .is_empty());
        // A term several languages share takes the language of the source.
        let hits = classify(
            &[model(
                "pazienti",
                vec![
                    field("diagnosi", None),
                    field("allergie", None),
                    field("cognome", None),
                ],
            )],
            &BUILTIN,
        );
        let langs: Vec<&str> = hits.iter().map(|h| h.item.lang.as_str()).collect();
        assert_eq!(langs, ["it", "it", "it"]);
        assert!(
            hits[1].message.ends_with("health data (IT \"allergie\")"),
            "{}",
            hits[1].message
        );
        // A table's own key is not the datum; a key to a lookup table is.
        assert!(rules(model(
            "collected_addresses",
            vec![field("address_id", None), field("email", None)]
        ))
        .iter()
        .all(|r| !r.starts_with("address_id")));
        assert!(rules(model("contacts", vec![field("religion_id", None)]))
            .contains(&"religion_id article9-religion".to_string()));
        // A description can confirm or cancel an ambiguous term.
        assert_eq!(
            rules(model(
                "entries",
                vec![field("race", Some("Ethnic origin, self-declared"))]
            )),
            ["race article9-ethnic-origin"]
        );
        assert!(rules(model(
            "players",
            vec![
                field("handicap", Some("Golf handicap index")),
                field("email", None)
            ]
        ))
        .iter()
        .all(|r| !r.starts_with("handicap")));
    }
}
