//! Rust data models, parsed with `syn`: structs and enum variants with
//! named fields, and Diesel `table!` schemas. Lines and columns come from
//! `proc-macro2` span locations.
//!
//! A struct is a data model when it crosses a boundary: it derives or is
//! annotated by a serialisation, database, schema or validation library
//! (serde, sqlx, Diesel, SeaORM, utoipa, schemars, async-graphql, juniper,
//! validator). Other structs (parsers, caches, FFI bindings such as
//! `USER_INFO_0`) are not looked at: they are not how the software stores
//! or exchanges data, and their field names (`name`, `signature`) mostly
//! say nothing about people.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::{Attribute, Fields, Item};

use super::{Field, Lines, Model};
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

/// Deepest nesting of brackets and generics parsed: `syn` recurses, and an
/// item nested deeper would exhaust the stack (real models nest a handful
/// of levels: `Option<Vec<HashMap<String, u8>>>`).
const MAX_NESTING: usize = 24;

pub fn extract(text: &str) -> (Vec<Model>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for range in candidates(text) {
        let item = &text[range.clone()];
        if let Some(at) = too_deep(item) {
            problems.push(Problem {
                elsewhere: None,
                offset: range.start + at,
                message: format!(
                    "Rust item nested deeper than {MAX_NESTING} brackets: its fields were not read"
                ),
                note: true,
            });
            continue;
        }
        let lines = Lines::new(item);
        // An item `syn` cannot read is not bad input: Rust that compiles
        // has it inside a macro's own syntax (`bitflags! { struct F: u32
        // {..} }`, `macro_rules!` templates with `$name`). It is skipped.
        if let Ok(parsed) = syn::parse_str::<Item>(item) {
            item_models(&parsed, &lines, range.start, &mut out);
        }
    }
    // proc-macro2 keeps every parsed text in a thread-local map: free it.
    proc_macro2::extra::invalidate_current_thread_spans();
    (out, problems)
}

/// Byte ranges of the items worth parsing: a struct or enum whose
/// attributes name a data derive or attribute (from its first such
/// attribute to its closing brace or semicolon), and Diesel `table!`
/// invocations. Only these are parsed: function bodies, the bulk of a Rust
/// file, never are.
fn candidates(text: &str) -> Vec<std::ops::Range<usize>> {
    static START: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(["#[", "table!"]).expect("valid patterns")
    });
    let b = text.as_bytes();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    // Comments and strings, lexed only once a candidate is seen (most
    // files have none).
    let mut lexed: Option<Vec<std::ops::Range<usize>>> = None;
    let mut in_literal = |at: usize| {
        let literals = lexed.get_or_insert_with(|| literals(b));
        let inside = literals.partition_point(|r| r.end <= at);
        literals.get(inside).is_some_and(|r| r.start <= at)
    };
    let mut from = 0;
    while let Some(m) = START.find(&text[from..]) {
        let at = from + m.start();
        from = at + m.len();
        if out.last().is_some_and(|r| at < r.end) {
            continue;
        }
        if m.pattern().as_usize() == 1 {
            // `table!` or `diesel::table!`, at the start of an item.
            let mut start = at;
            while start > 0
                && (b[start - 1].is_ascii_alphanumeric() || b"_:".contains(&b[start - 1]))
            {
                start -= 1;
            }
            let path = &text[start..at];
            if !(path.is_empty() || path.ends_with("::")) || in_literal(at) {
                continue;
            }
            let Some(open) = text[at..].find(['{', '(']).map(|i| at + i) else {
                continue;
            };
            if let Some(end) = close(b, open) {
                out.push(start..end);
                from = end;
            }
            continue;
        }
        // An attribute: `#[derive(..)]`, `#[cfg_attr(.., derive(..))]`,
        // `#[serde(..)]`...
        let Some(attr_end) = close(b, at + 1) else {
            continue;
        };
        // In a comment (a doc example) or a string (a test fixture): not
        // code.
        if !is_data_attribute(&text[at + 2..attr_end - 1]) || in_literal(at) {
            continue;
        }
        if let Some(end) = item_end(text, attr_end) {
            out.push(at..end);
            from = end;
        }
    }
    out
}

/// Byte ranges of comments and string, byte-string and raw-string
/// literals, in order (char literals are told apart from lifetimes).
fn literals(b: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                // Block comments nest.
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'r' | b'b' | b'c' if is_raw_start(b, i) => {
                let mut j = i + 1;
                if b[i] != b'r' {
                    j += 1; // `br"`, `cr"`
                }
                let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
                j += hashes + 1;
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                i = memchr::memmem::find(&b[j..], &close).map_or(b.len(), |n| j + n + close.len());
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'\'' => {
                // `'\n'`, `'x'`, `'é'` are chars; `'a` (no closing quote
                // right after one character) is a lifetime.
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' && b[i] != b'\n' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    let width = b.get(i + 1).map_or(1, |&c| utf8_width(c));
                    if b.get(i + 1 + width) == Some(&b'\'') {
                        i += width + 2;
                    } else {
                        i += 1;
                        continue;
                    }
                }
            }
            _ => {
                i += 1;
                continue;
            }
        }
        out.push(start..i.min(b.len()));
    }
    out
}

/// `r"`, `r#"`, `br"`, `cr#"` at `i`, not inside an identifier.
fn is_raw_start(b: &[u8], i: usize) -> bool {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return false;
    }
    let mut j = i;
    if b[j] != b'r' {
        j += 1;
        if b.get(j) != Some(&b'r') {
            return false;
        }
    }
    j += 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    b.get(j) == Some(&b'"')
}

fn utf8_width(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Byte offset where bracket nesting first exceeds [`MAX_NESTING`]
/// (strings and comments are not told apart: an overestimate is safe).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' | b'<' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            // `->` and `=>` close nothing.
            b'>' if i > 0 && matches!(text.as_bytes()[i - 1], b'-' | b'=') => {}
            b')' | b']' | b'}' | b'>' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Whether an attribute's text (without `#[` and `]`) makes a data model.
fn is_data_attribute(attr: &str) -> bool {
    let head: String = attr
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if DATA_ATTRIBUTES.contains(&head.as_str()) {
        return true;
    }
    if head != "derive" && head != "cfg_attr" {
        return false;
    }
    attr.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| DATA_DERIVES.contains(&word))
}

/// End of the struct or enum whose attributes end at `from`: past its
/// closing brace, or its `;` (tuple and unit structs).
fn item_end(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    let mut seen_keyword = false;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + 2 + n + 2);
            }
            b'#' if !seen_keyword => {
                // A further attribute.
                i = close(b, i + 1)?;
            }
            b'{' if seen_keyword => return close(b, i),
            b'(' if seen_keyword => {
                // A tuple struct: up to its `;`.
                let end = close(b, i)?;
                return text[end..].find(';').map(|n| end + n + 1);
            }
            b';' if seen_keyword => return Some(i + 1),
            c if c.is_ascii_alphabetic() && !seen_keyword => {
                let word_end = b[i..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                    .map_or(b.len(), |n| i + n);
                match &text[i..word_end] {
                    "struct" | "enum" => seen_keyword = true,
                    "pub" | "crate" | "in" | "self" | "super" => {}
                    // A function, a field, an impl...: not a data model.
                    _ => return None,
                }
                i = word_end;
            }
            b'(' | b')' => i += 1, // `pub(crate)`
            _ => i += 1,
        }
    }
    None
}

/// Position past the bracket closing the one at `open` (`(`, `[` or `{`),
/// skipping string literals and comments.
fn close(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The models of one candidate item (its attributes already make it a
/// data model, see [`candidates`]).
fn item_models(item: &Item, lines: &Lines, base: usize, out: &mut Vec<Model>) {
    let named = |fields: &Fields| -> Option<Vec<Field>> {
        match fields {
            Fields::Named(named) => Some(
                named
                    .named
                    .iter()
                    .filter_map(|f| field(f, lines, base))
                    .collect(),
            ),
            _ => None,
        }
    };
    match item {
        Item::Struct(s) => {
            if let Some(fields) = named(&s.fields) {
                out.push(Model {
                    kind: "struct",
                    name: s.ident.to_string(),
                    fields,
                });
            }
        }
        Item::Enum(e) => {
            for v in &e.variants {
                if let Some(fields) = named(&v.fields) {
                    out.push(Model {
                        kind: "enum",
                        name: format!("{}::{}", e.ident, v.ident),
                        fields,
                    });
                }
            }
        }
        Item::Macro(m)
            if m.mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "table") =>
        {
            diesel_tables(m.mac.tokens.clone(), lines, base, out);
        }
        _ => {}
    }
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
    let written = ident.to_string();
    let ident_text = written.trim_start_matches("r#").to_string();
    // The span of `r#type` starts at `r#`.
    let raw = written.len() - ident_text.len();
    let rename = f.attrs.iter().find_map(serde_rename);
    let ty_span = syn::spanned::Spanned::span(&f.ty);
    let ty_start = offset(ty_span, lines, base) - base;
    let ty_end = (end_offset(ty_span, lines, base) - base).max(ty_start);
    let ty = lines
        .text()
        .get(ty_start..ty_end)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    // `Option` is optional; a collection may be empty, so it says nothing.
    let outer = match &f.ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    let required = match outer.as_deref() {
        Some("Option") => Some(false),
        Some("Vec" | "HashMap" | "HashSet" | "BTreeMap" | "BTreeSet" | "VecDeque") => None,
        _ => Some(true),
    };
    let start = offset(ident.span(), lines, base) + raw;
    let (name, alias) = match rename {
        Some(r) if r != ident_text => (r, Some(ident_text.clone())),
        _ => (ident_text.clone(), None),
    };
    Some(Field {
        name,
        alias,
        ty,
        required,
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

/// Example: `#[derive(Serialize)] struct Doc { email: String }` is a comment.
fn parse() -> Result<(), ()> { let x = Patient { diagnostic: String::new(), nir: None }; Ok(()) }

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
    fn raw_identifiers_cfg_attr_and_deep_generics() {
        let text = "#[cfg_attr(feature = \"serde\", derive(Serialize))]\nstruct Q { r#religión: String, diagnosis: String }\n";
        let (models, problems) = extract(text);
        assert!(problems.is_empty());
        assert_eq!(models.len(), 1, "cfg_attr derives make a model");
        let f = &models[0].fields[0];
        assert_eq!(&text[f.span.clone()], "religión");
        let deep = format!(
            "#[derive(Serialize)]\nstruct P {{ x: {}u8{} }}\n",
            "Vec<".repeat(1000),
            ">".repeat(1000)
        );
        let (models, problems) = extract(&deep);
        assert!(models.is_empty());
        assert!(problems[0].message.contains("nested deeper"));
        let ok =
            "#[derive(Serialize)]\nstruct P { f: fn(u8) -> Option<Vec<HashMap<String, u8>>> }\n";
        assert_eq!(extract(ok).0.len(), 1, "arrows close nothing");
    }

    #[test]
    fn models_in_strings_and_comments_are_not_code() {
        let text = "const FIXTURE: &str = r#\"\n#[derive(Serialize)]\nstruct A { religion: String }\n\"#;\n/* #[derive(Serialize)] struct B { email: String } */\nfn f<'a>(x: &'a str) -> char { let _ = \"#[derive(Serialize)]\"; '\"' }\n#[derive(Serialize)]\nstruct C { diagnosis: String }\n";
        let (models, _) = extract(text);
        let names: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["C"]);
    }

    #[test]
    fn unreadable_items_are_skipped_and_deep_ones_are_a_note() {
        let text = "fn f() {}\n#[derive(Serialize)]\nstruct A {\n  x: ,,\n}\n#[derive(Serialize)]\nstruct B { email: String }\n";
        let (models, problems) = extract(text);
        assert_eq!(models.len(), 1, "the next model is still read");
        assert_eq!(models[0].name, "B");
        assert!(problems.is_empty(), "{problems:?}");
        let deep = format!(
            "#[derive(Serialize)] struct A {{ x: {} }}",
            "(".repeat(100_000)
        );
        let (_, problems) = extract(&deep);
        assert!(problems.is_empty(), "unclosed: not an item");
        let deep = format!(
            "#[derive(Serialize)] struct A {{ x: {}{} }}",
            "(".repeat(100_000),
            ")".repeat(100_000)
        );
        let (_, problems) = extract(&deep);
        assert!(problems[0].message.contains("nested deeper"));
    }
}
