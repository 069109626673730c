//! Fields of API descriptions (all three versions, through the auditor's
//! model): named schemas' properties, inline request and response schemas,
//! and parameters, each classified with its container as context.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::Item;
use crate::checks::openapi::audit::ApiFinding;
use crate::checks::openapi::model::{Loc, Spec};
use crate::checks::openapi::tree::escape_token;
use crate::checks::privacy::classifier::{Classifier, Match, Sensitivity};

/// Classifications already made: (field name, person context) → match.
type Seen = HashMap<(String, Option<bool>, Option<String>), Option<Match>>;

/// The classifier with a memo: field names repeat across a description.
struct Memo<'c> {
    classifier: &'c Classifier,
    seen: RefCell<Seen>,
    /// The match of each finding, in order (to settle languages).
    matched: RefCell<Vec<Match>>,
}

impl Memo<'_> {
    fn classify(&self, name: &str, person: Option<bool>) -> Option<Match> {
        self.described(name, person, None)
    }

    fn described(
        &self,
        name: &str,
        person: Option<bool>,
        description: Option<&str>,
    ) -> Option<Match> {
        let key = (name.to_string(), person, description.map(String::from));
        if let Some(hit) = self.seen.borrow().get(&key) {
            return hit.clone();
        }
        let hit = self
            .classifier
            .classify_described(name, person, description);
        self.seen.borrow_mut().insert(key, hit.clone());
        hit
    }

    fn is_person(&self, container: &str) -> Option<bool> {
        self.classifier.is_person(container)
    }
}

/// Privacy findings of a loaded description.
pub fn findings(spec: &Spec<'_>, classifier: &Classifier) -> Vec<ApiFinding> {
    let classifier = &Memo {
        classifier,
        seen: RefCell::new(HashMap::new()),
        matched: RefCell::new(Vec::new()),
    };
    let mut out = Vec::new();
    let mut seen: HashSet<Loc> = HashSet::new();
    let root = spec.root();
    // Named schemas: 3.x components/schemas, 2.0 definitions, 3.1 $defs.
    let holders: Vec<(Option<Loc>, &str)> = vec![
        (
            spec.get(root, "components")
                .and_then(|c| spec.get(c, "schemas")),
            "/components/schemas",
        ),
        (spec.get(root, "definitions"), "/definitions"),
        (spec.get(root, "$defs"), "/$defs"),
    ];
    for (holder, prefix) in holders {
        let Some(holder) = holder else { continue };
        for (name, _, node) in spec.entries(holder) {
            let schema = spec.resolve(node);
            let pointer = format!("{prefix}/{}", escape_token(name));
            walk(
                spec,
                classifier,
                schema,
                &format!("schema {name}"),
                name,
                &pointer,
                &mut seen,
                &mut out,
                0,
            );
        }
    }
    // Inline bodies and parameters of operations.
    for op in spec.operations() {
        let label = op.label();
        for body in spec.request_bodies(&op) {
            if let Some(s) = body.schema {
                walk(
                    spec,
                    classifier,
                    s,
                    &format!("request body of {label}"),
                    "",
                    &body.pointer,
                    &mut seen,
                    &mut out,
                    0,
                );
            }
        }
        for r in spec.responses(&op) {
            for (_, s, pointer) in &r.schemas {
                walk(
                    spec,
                    classifier,
                    *s,
                    &format!("response of {label}"),
                    "",
                    pointer,
                    &mut seen,
                    &mut out,
                    0,
                );
            }
        }
        let params = spec.parameters(&op);
        let person = params.iter().any(|p| {
            classifier
                .classify(&p.name, None)
                .is_some_and(|m| m.sensitivity >= Sensitivity::Personal)
        });
        for p in params {
            if !seen.insert(p.node) {
                continue;
            }
            let description = spec.get(p.node, "description").and_then(|d| spec.str(d));
            // A Django-style lookup (`contact_email__nie`, `name__ic`)
            // filters on the field before `__`; the lookup is no word.
            let field = p.name.split_once("__").map_or(p.name.as_str(), |(f, _)| f);
            // The path is the parameter's container (`/checkout-key/{fingerprint}`).
            let found = classifier
                .described(field, person.then_some(true), description)
                .filter(|m| {
                    let path: Vec<&str> =
                        op.path.split('/').filter(|s| !s.starts_with('{')).collect();
                    !classifier
                        .classifier
                        .trapped_in_container(m, field, &path.join(" "))
                });
            if let Some(m) = found {
                let pointer = match p.reference.as_deref().and_then(|r| r.strip_prefix('#')) {
                    Some(fragment) => fragment.to_string(),
                    None => p.pointer.clone(),
                };
                let container = format!("operation {label}");
                let mut item = Item::new(&m, &p.name, &container);
                item.required = Some(p.required);
                item.ty = p.schema.and_then(|s| type_of(spec, s));
                push(classifier, &mut out, p.node.doc, pointer, &m, item);
            }
        }
    }
    // One description is written in one language, mostly.
    let mut matched = classifier.matched.take();
    classifier
        .classifier
        .settle_languages(&mut matched.iter_mut().collect::<Vec<_>>());
    for (f, m) in out.iter_mut().zip(&matched) {
        if let Some(item) = f.item.as_mut().filter(|i| i.lang != m.lang) {
            item.lang = m.lang.clone();
            f.message = render(m, item);
        }
    }
    for f in &mut out {
        f.offset = spec.offset_of(f.doc, &f.pointer).unwrap_or(0);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn walk(
    spec: &Spec<'_>,
    classifier: &Memo<'_>,
    schema: Loc,
    container: &str,
    container_name: &str,
    pointer: &str,
    seen: &mut HashSet<Loc>,
    out: &mut Vec<ApiFinding>,
    depth: usize,
) {
    if depth > 16 || !seen.insert(schema) {
        return;
    }
    let (target, written) = match spec
        .items_schema(schema)
        .filter(|_| spec.types(schema).array)
    {
        Some(items) => (items, format!("{pointer}/items")),
        None => (schema, pointer.to_string()),
    };
    if target != schema && !seen.insert(target) {
        return;
    }
    let base = spec.schema_pointer_of(&written);
    // Properties inherited through `allOf` from a named schema are
    // reported there, once.
    let own = format!("{base}/");
    let props: Vec<_> = spec
        .properties(target, &base)
        .into_iter()
        .filter(|p| p.pointer.starts_with(&own))
        .collect();
    // Context: the container names a person, or a sibling is personal data.
    let person = match classifier.is_person(container_name) {
        Some(p) => Some(p),
        None => props
            .iter()
            .any(|p| classifier.classify(&p.name, None).is_some())
            .then_some(true),
    };
    // Required properties: the schema's own `required`, and those of the
    // `allOf` members it is made of.
    let mut required: Vec<&str> = Vec::new();
    let mut holders = vec![target];
    if let Some(all) = spec.get(target, "allOf") {
        holders.extend(spec.items(all).map(|m| spec.resolve(m)));
    }
    for h in holders {
        if let Some(list) = spec.get(h, "required") {
            required.extend(spec.items(list).filter_map(|r| spec.str(r)));
        }
    }
    for prop in &props {
        let description = spec
            .get(prop.schema, "description")
            .and_then(|d| spec.str(d));
        let found = classifier
            .described(&prop.name, person, description)
            .filter(|m| {
                !classifier
                    .classifier
                    .trapped_in_container(m, &prop.name, container_name)
            });
        if let Some(m) = found {
            let mut item = Item::new(&m, &prop.name, container);
            item.required = Some(required.contains(&prop.name.as_str()));
            item.ty = type_of(spec, prop.schema);
            push(classifier, out, prop.doc, prop.pointer.clone(), &m, item);
        }
    }
    for prop in props {
        // Nested objects are containers of their own, named by the property.
        let nested = format!("{container}.{}", prop.name);
        let tree = spec.tree(prop.doc);
        let written = tree.pointer(&prop.pointer);
        if written.is_some_and(|w| tree.get(w, "$ref").is_some()) {
            continue; // a named schema, walked as such
        }
        let name = prop.name.clone();
        walk(
            spec,
            classifier,
            prop.schema,
            &nested,
            &name,
            &prop.pointer,
            seen,
            out,
            depth + 1,
        );
    }
}

/// `string`, `string (date)`, `array`.
fn type_of(spec: &Spec<'_>, schema: Loc) -> Option<String> {
    let ty = spec.get(schema, "type").and_then(|t| spec.str(t))?;
    Some(match spec.get(schema, "format").and_then(|f| spec.str(f)) {
        Some(format) => format!("{ty} ({format})"),
        None => ty.to_string(),
    })
}

fn render(m: &Match, item: &Item) -> String {
    match item.container.strip_prefix("operation ") {
        Some(op) => super::message(m, &item.field, op).replacen("field ", "parameter ", 1),
        None => super::message(m, &item.field, &item.container),
    }
}

fn push(
    classifier: &Memo<'_>,
    out: &mut Vec<ApiFinding>,
    doc: u16,
    pointer: String,
    m: &Match,
    item: Item,
) {
    let Some(rule) = crate::checks::privacy::RULES
        .iter()
        .copied()
        .find(|r| *r == m.rule)
    else {
        return;
    };
    let message = render(m, &item);
    classifier.matched.borrow_mut().push(m.clone());
    out.push(ApiFinding {
        rule,
        level: super::level_of(m),
        doc,
        offset: 0,
        pointer,
        message,
        ops: Vec::new(),
        item: Some(Box::new(item)),
    });
}
