//! Rust data models, parsed with `syn`: structs and enum variants with
//! named fields, and Diesel `table!` schemas. Lines and columns come from
//! `proc-macro2` span locations.
//!
//! A struct is a data model when it crosses a boundary: it derives or is
//! annotated by a serialisation, database, schema or validation library
//! (serde, sqlx, Diesel, SeaORM, utoipa, schemars, async-graphql, juniper,
//! validator), or its name names a person (`Patient`, `Mitglied`). Other
//! structs (parsers, configurations, caches) are not looked at: their
//! field names (`name`, `source`) say nothing about personal data.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::{Attribute, Fields, Item};

use super::{Field, Lines, Model};
use crate::checks::privacy::classifier::BUILTIN;
use crate::checks::Problem;

/// Derives and attributes that make a struct a data model.
const DATA_DERIVES: &[&str] = &[
    "Serialize",
    "Deserialize",
    "FromRow",
    "Queryable",
    "QueryableByName",
    "Insertable",
    "Selectable",
    "AsChangeset",
    "Identifiable",
    "DeriveEntityModel",
    "ToSchema",
    "JsonSchema",
    "SimpleObject",
    "InputObject",
    "GraphQLObject",
    "GraphQLInputObject",
    "Validate",
];
const DATA_ATTRIBUTES: &[&str] = &[
    "serde", "sqlx", "diesel", "sea_orm", "schema", "graphql", "validate",
];

/// Deepest bracket nesting parsed: `syn` recurses, and a file nested
/// deeper would exhaust the stack.
const MAX_NESTING: usize = 256;

pub fn extract(text: &str) -> (Vec<Model>, Vec<Problem>) {
    // What `syn::parse_file` strips, stripped here so that byte offsets
    // stay those of the file.
    let mut base = 0;
    let mut content = text;
    if let Some(rest) = content.strip_prefix('\u{feff}') {
        base += 3;
        content = rest;
    }
    if content.starts_with("#!") && !content[2..].trim_start().starts_with('[') {
        let end = content.find('\n').unwrap_or(content.len());
        base += end;
        content = &content[end..];
    }
    if let Some(at) = too_deep(content) {
        return (
            Vec::new(),
            vec![Problem {
                elsewhere: None,
                offset: base + at,
                message: format!(
                    "Rust source nested deeper than {MAX_NESTING} brackets: its data models were not read"
                ),
                note: true,
            }],
        );
    }
    let parsed = syn::parse_str::<syn::File>(content);
    let lines = Lines::new(content);
    let result = match parsed {
        Ok(file) => {
            let mut out = Vec::new();
            items(&file.items, &lines, base, &mut out);
            (out, Vec::new())
        }
        Err(err) => {
            let at = err.span().start();
            (
                Vec::new(),
                vec![Problem {
                    elsewhere: None,
                    offset: base + lines.offset(at.line, at.column),
                    message: format!("cannot read Rust source for data models: {err}"),
                    note: true,
                }],
            )
        }
    };
    // proc-macro2 keeps every parsed file in a thread-local map: free it.
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

/// Byte offset where bracket nesting first exceeds [`MAX_NESTING`]
/// (strings and comments are not told apart: an overestimate is safe).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn items(list: &[Item], lines: &Lines, base: usize, out: &mut Vec<Model>) {
    for item in list {
        match item {
            Item::Struct(s) => {
                if let Fields::Named(named) = &s.fields {
                    let name = s.ident.to_string();
                    if is_data(&s.attrs) || BUILTIN.is_person(&name) == Some(true) {
                        out.push(Model {
                            kind: "struct",
                            name,
                            fields: named
                                .named
                                .iter()
                                .filter_map(|f| field(f, lines, base))
                                .collect(),
                        });
                    }
                }
            }
            Item::Enum(e) => {
                let name = e.ident.to_string();
                if !(is_data(&e.attrs) || BUILTIN.is_person(&name) == Some(true)) {
                    continue;
                }
                for v in &e.variants {
                    if let Fields::Named(named) = &v.fields {
                        out.push(Model {
                            kind: "enum",
                            name: format!("{name}::{}", v.ident),
                            fields: named
                                .named
                                .iter()
                                .filter_map(|f| field(f, lines, base))
                                .collect(),
                        });
                    }
                }
            }
            Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    items(inner, lines, base, out);
                }
            }
            Item::Macro(m) => {
                let is_table = m
                    .mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "table");
                if is_table {
                    diesel_tables(m.mac.tokens.clone(), lines, base, out);
                }
            }
            _ => {}
        }
    }
}

fn is_data(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        let path = a.path();
        if path.is_ident("derive") {
            let mut found = false;
            let _ = a.parse_nested_meta(|meta| {
                if meta
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| DATA_DERIVES.iter().any(|d| s.ident == d))
                {
                    found = true;
                }
                Ok(())
            });
            found
        } else {
            DATA_ATTRIBUTES.iter().any(|d| path.is_ident(d))
        }
    })
}

fn offset(span: Span, lines: &Lines, base: usize) -> usize {
    let at = span.start();
    base + lines.offset(at.line, at.column)
}

fn end_offset(span: Span, lines: &Lines, base: usize) -> usize {
    let at = span.end();
    base + lines.offset(at.line, at.column)
}

fn field(f: &syn::Field, lines: &Lines, base: usize) -> Option<Field> {
    let ident = f.ident.as_ref()?;
    let ident_text = ident.to_string();
    let ident_text = ident_text.trim_start_matches("r#").to_string();
    let rename = f.attrs.iter().find_map(serde_rename);
    let ty_span = syn::spanned::Spanned::span(&f.ty);
    let ty_start = offset(ty_span, lines, base) - base;
    let ty_end = (end_offset(ty_span, lines, base) - base).max(ty_start);
    let ty = lines
        .text()
        .get(ty_start..ty_end)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let optional = match &f.ty {
        syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Option"),
        _ => false,
    };
    let start = offset(ident.span(), lines, base);
    let (name, alias) = match rename {
        Some(r) if r != ident_text => (r, Some(ident_text.clone())),
        _ => (ident_text.clone(), None),
    };
    Some(Field {
        name,
        alias,
        ty,
        required: Some(!optional),
        span: start..start + ident_text.len(),
        comment: doc(&f.attrs),
    })
}

/// `#[serde(rename = "x")]` (not `rename_all`, which only changes case:
/// the classifier splits words whatever their case).
fn serde_rename(a: &Attribute) -> Option<String> {
    if !a.path().is_ident("serde") {
        return None;
    }
    let syn::Meta::List(list) = &a.meta else {
        return None;
    };
    let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
    tokens.windows(3).find_map(|w| match w {
        [TokenTree::Ident(i), TokenTree::Punct(p), TokenTree::Literal(l)]
            if i == "rename" && p.as_char() == '=' =>
        {
            syn::parse_str::<syn::LitStr>(&l.to_string())
                .ok()
                .map(|s| s.value())
        }
        _ => None,
    })
}

fn doc(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// Diesel's `table! { users (id) { id -> Int4, email -> Nullable<Text>, } }`:
/// tables are `name (keys) { column -> Type, ... }`, possibly with
/// attributes (`#[sql_name = ".."]`, doc comments) and a schema prefix.
fn diesel_tables(tokens: TokenStream, lines: &Lines, base: usize, out: &mut Vec<Model>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut name: Option<String> = None;
    for t in &tokens {
        match t {
            TokenTree::Ident(i) => name = Some(i.to_string()),
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                if let Some(table) = name.take() {
                    out.push(Model {
                        kind: "table",
                        name: table,
                        fields: diesel_columns(g.stream(), lines, base),
                    });
                }
            }
            _ => {}
        }
    }
}

fn diesel_columns(tokens: TokenStream, lines: &Lines, base: usize) -> Vec<Field> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut fields = Vec::new();
    let mut docs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            // `#[doc = ".."]` (a `///` comment) or another attribute.
            TokenTree::Punct(p) if p.as_char() == '#' => {
                if let Some(TokenTree::Group(g)) = tokens.get(i + 1) {
                    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                    if let [TokenTree::Ident(d), TokenTree::Punct(_), TokenTree::Literal(l)] =
                        &inner[..]
                    {
                        if d == "doc" {
                            if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                                docs.push(s.value().trim().to_string());
                            }
                        }
                    }
                }
                i += 2;
            }
            TokenTree::Ident(col) => {
                let arrow = matches!(
                    (tokens.get(i + 1), tokens.get(i + 2)),
                    (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                        if a.as_char() == '-' && b.as_char() == '>'
                );
                if !arrow {
                    i += 1;
                    continue;
                }
                // The type runs to the next `,` at this level.
                let mut j = i + 3;
                let mut ty = String::new();
                while j < tokens.len() {
                    if let TokenTree::Punct(p) = &tokens[j] {
                        if p.as_char() == ',' {
                            break;
                        }
                    }
                    ty.push_str(&tokens[j].to_string());
                    j += 1;
                }
                let name = col.to_string();
                let start = offset(col.span(), lines, base);
                fields.push(Field {
                    required: Some(!ty.starts_with("Nullable")),
                    ty: Some(ty),
                    span: start..start + name.len(),
                    name,
                    alias: None,
                    comment: (!docs.is_empty()).then(|| docs.join(" ")),
                });
                docs.clear();
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structs_enums_and_diesel_tables() {
        let text = r#"#!/usr/bin/env run-cargo-script
use serde::Serialize;

/// A patient.
#[derive(Debug, Serialize)]
pub struct Patient {
    /// Free-text diagnosis.
    pub diagnostic: String,
    #[serde(rename = "numeroSecu")]
    pub nir: Option<String>,
}

struct Parser { name: String }

mod inner {
    #[derive(serde::Deserialize)]
    enum Event { Admitted { patient_id: u64, allergies: Vec<String> }, Left }
}

diesel::table! {
    /// Members.
    mitglieder (id) {
        id -> Int4,
        /// Union membership since.
        gewerkschaft -> Nullable<Text>,
    }
}
"#;
        let (models, problems) = extract(text);
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<String> = models
            .iter()
            .map(|m| format!("{} {}", m.kind, m.name))
            .collect();
        assert_eq!(
            names,
            ["struct Patient", "enum Event::Admitted", "table mitglieder"]
        );
        let diag = &models[0].fields[0];
        assert_eq!(&text[diag.span.clone()], "diagnostic");
        assert_eq!(diag.comment.as_deref(), Some("Free-text diagnosis."));
        assert_eq!(diag.required, Some(true));
        let nir = &models[0].fields[1];
        assert_eq!(
            (nir.name.as_str(), nir.alias.as_deref()),
            ("numeroSecu", Some("nir"))
        );
        assert_eq!(nir.ty.as_deref(), Some("Option<String>"));
        assert_eq!(nir.required, Some(false));
        assert_eq!(&text[nir.span.clone()], "nir");
        let union = &models[2].fields[1];
        assert_eq!(&text[union.span.clone()], "gewerkschaft");
        assert_eq!(union.ty.as_deref(), Some("Nullable<Text>"));
        assert_eq!(union.required, Some(false));
        assert_eq!(union.comment.as_deref(), Some("Union membership since."));
    }

    #[test]
    fn bad_rust_is_a_note_naming_the_line() {
        let (models, problems) = extract("struct A {\n  x: ,,\n}\n");
        assert!(models.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].note);
        assert!(problems[0].message.starts_with("cannot read Rust source"));
        assert_eq!(problems[0].offset, 16);
        let deep = "(".repeat(100_000);
        let (_, problems) = extract(&deep);
        assert!(problems[0].message.contains("nested deeper"));
    }
}
