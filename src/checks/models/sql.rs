//! SQL DDL, parsed with `sqlparser`: `CREATE TABLE` columns (with MySQL
//! `COMMENT '..'`), `ALTER TABLE .. ADD COLUMN`, and `COMMENT ON COLUMN`.
//!
//! Only those statements are parsed: a light lexer splits the file on `;`
//! outside strings, quoted names, comments and dollar-quoted bodies, and
//! statements that do not start with `CREATE TABLE`, `ALTER TABLE` or
//! `COMMENT ON` (the rows of a dump, functions, grants) are skipped
//! unparsed. Each statement is tried with the generic, PostgreSQL, MySQL,
//! SQLite and SQL Server dialects; one none can read is a note naming its
//! line, and the other statements are still read.

use sqlparser::ast::{
    AlterTableOperation, ColumnDef, ColumnOption, CommentObject, Ident, ObjectName, Statement,
};
use sqlparser::dialect::{
    Dialect, GenericDialect, MsSqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect,
};
use sqlparser::parser::Parser;

use super::{table_named, Field, Lines, Model};
use crate::checks::Problem;

pub fn extract(text: &str) -> (Vec<Model>, Vec<Problem>) {
    let mut models: Vec<Model> = Vec::new();
    let mut problems = Vec::new();
    for (start, stmt) in statements(text) {
        if !is_ddl(stmt) {
            continue;
        }
        // Comments before the statement are left out: dialects differ on
        // them (`#` is MySQL's).
        let skip = leading_blank(stmt);
        let (start, stmt) = (start + skip, &stmt[skip..]);
        let lines = Lines::new(stmt);
        match parse(stmt) {
            Ok(parsed) => {
                for s in parsed {
                    read(&s, start, &lines, &mut models);
                }
            }
            Err(message) => {
                // Dialects no parser knows (MySQL's `varchar(255) binary`,
                // templated names such as MediaWiki's `/*_*/`): a `CREATE
                // TABLE` is still read column by column; an `ALTER TABLE`
                // that adds no column is of no interest.
                let head = &stmt[leading_blank(stmt)..];
                if let Some(table) = lenient_create_table(head, start + leading_blank(stmt)) {
                    table_named(&mut models, &table.name)
                        .fields
                        .extend(table.fields);
                } else if starts_with_words(head, &["CREATE"]) || adds_column(head) {
                    problems.push(Problem {
                        elsewhere: None,
                        offset: start + leading_blank(stmt),
                        message: format!("cannot read SQL statement for data models: {message}"),
                        note: true,
                    });
                }
            }
        }
    }
    (models, problems)
}

fn starts_with_words(text: &str, words: &[&str]) -> bool {
    let mut it = text.split_whitespace();
    words
        .iter()
        .all(|w| it.next().is_some_and(|t| t.eq_ignore_ascii_case(w)))
}

/// `ALTER TABLE .. ADD [COLUMN] name ..` (not a key, index or constraint).
fn adds_column(stmt: &str) -> bool {
    let words: Vec<String> = stmt
        .split_whitespace()
        .map(|w| w.to_ascii_uppercase())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        w == "ADD"
            && !words.get(i + 1).is_some_and(|n| {
                [
                    "PRIMARY",
                    "KEY",
                    "INDEX",
                    "UNIQUE",
                    "CONSTRAINT",
                    "FOREIGN",
                    "CHECK",
                    "FULLTEXT",
                    "SPATIAL",
                    "DEFAULT",
                    "PARTITION",
                ]
                .contains(&n.as_str())
            })
    })
}

/// Keywords that start a table constraint, not a column.
const CONSTRAINTS: &[&str] = &[
    "PRIMARY",
    "UNIQUE",
    "KEY",
    "INDEX",
    "CONSTRAINT",
    "FOREIGN",
    "CHECK",
    "FULLTEXT",
    "SPATIAL",
    "EXCLUDE",
    "PERIOD",
    "LIKE",
];

/// A `CREATE TABLE` read without a parser: the name before the column
/// list, then each element of the list (split on commas outside
/// parentheses and quotes) whose first word is not a constraint keyword is
/// a column `name type ...`. Comments are skipped; `start` is the offset of
/// `stmt` in the file.
fn lenient_create_table(stmt: &str, start: usize) -> Option<Model> {
    if !starts_with_words(stmt, &["CREATE"]) {
        return None;
    }
    let clean = blank_comments(stmt);
    let open = clean.find('(')?;
    let head = &clean[..open];
    if !head
        .to_ascii_uppercase()
        .split_whitespace()
        .any(|w| w == "TABLE")
    {
        return None;
    }
    let name = head
        .split_whitespace()
        .last()?
        .rsplit('.')
        .next()?
        .trim_matches(['"', '`', '[', ']', '\''])
        .to_string();
    if name.is_empty() {
        return None;
    }
    let b = clean.as_bytes();
    let mut depth = 0usize;
    let mut element = open + 1;
    let mut fields = Vec::new();
    let mut quote: Option<u8> = None;
    for i in open..b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'\'' | b'"' | b'`' => quote = Some(c),
            b'(' => depth += 1,
            b')' | b',' if depth == 1 => {
                if let Some(f) = lenient_column(&clean[element..i], stmt, element, start) {
                    fields.push(f);
                }
                element = i + 1;
                if c == b')' {
                    break;
                }
            }
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    (!fields.is_empty()).then_some(Model {
        kind: "table",
        name,
        fields,
    })
}

fn lenient_column(element: &str, original: &str, at: usize, start: usize) -> Option<Field> {
    let lead = element.len() - element.trim_start().len();
    let text = element.trim();
    let first = text.split_whitespace().next()?;
    if CONSTRAINTS.contains(&first.to_ascii_uppercase().as_str()) {
        return None;
    }
    let name = first.trim_matches(['"', '`', '[', ']']);
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let quote = first.len() - first.trim_start_matches(['"', '`', '[']).len();
    let offset = at + lead + quote;
    let written = original.get(offset..offset + name.len())?;
    let upper = text.to_ascii_uppercase();
    let comment = upper.find(" COMMENT ").and_then(|i| {
        let rest = text[i + 9..]
            .trim_start()
            .trim_start_matches('=')
            .trim_start();
        let rest = rest.strip_prefix('\'')?;
        rest.find('\'').map(|e| rest[..e].to_string())
    });
    Some(Field {
        name: written.to_string(),
        alias: None,
        ty: text.split_whitespace().nth(1).map(String::from),
        required: Some(upper.contains("NOT NULL") || upper.contains("PRIMARY KEY")),
        span: start + offset..start + offset + name.len(),
        comment,
    })
}

/// The text with comments replaced by spaces (offsets unchanged).
fn blank_comments(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let b = text.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        if let Some(q) = quote {
            if b[i] == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                quote = Some(q);
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end =
                    memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + 2 + n + 2);
                for o in &mut out[i..end] {
                    if *o != b'\n' {
                        *o = b' ';
                    }
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, whole comments at a
    // time: the text stays UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn parse(stmt: &str) -> Result<Vec<Statement>, String> {
    let dialects: [&dyn Dialect; 5] = [
        &GenericDialect {},
        &PostgreSqlDialect {},
        &MySqlDialect {},
        &SQLiteDialect {},
        &MsSqlDialect {},
    ];
    let mut first_error = None;
    for d in dialects {
        match Parser::parse_sql(d, stmt) {
            Ok(s) => return Ok(s),
            Err(e) => {
                first_error.get_or_insert_with(|| e.to_string());
            }
        }
    }
    Err(first_error.unwrap_or_default())
}

/// Bytes of whitespace and comments before a statement's first keyword.
fn leading_blank(stmt: &str) -> usize {
    let mut rest = stmt;
    loop {
        let trimmed = rest.trim_start();
        if let Some(r) = trimmed.strip_prefix("--") {
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else if let Some(r) = trimmed.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |i| &r[i + 2..]);
        } else if let Some(r) = trimmed.strip_prefix('#') {
            // A MySQL comment line.
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else {
            return stmt.len() - trimmed.len();
        }
    }
}

/// `CREATE [OR REPLACE] [TEMPORARY|..] TABLE`, `ALTER TABLE`, `COMMENT ON`.
fn is_ddl(stmt: &str) -> bool {
    let head = &stmt[leading_blank(stmt)..];
    let words: Vec<String> = head
        .split_whitespace()
        .take(6)
        .map(|w| w.to_ascii_uppercase())
        .collect();
    match words.first().map(String::as_str) {
        Some("CREATE") => words.iter().skip(1).take(4).any(|w| w == "TABLE"),
        Some("ALTER") => words.get(1).is_some_and(|w| w == "TABLE"),
        Some("COMMENT") => words.get(1).is_some_and(|w| w == "ON"),
        _ => false,
    }
}

/// Splits SQL text on `;` outside strings, quoted names, comments and
/// dollar-quoted bodies: (byte offset, statement without its `;`).
pub fn statements(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                i += 1;
                while i < b.len() {
                    if b[i] == b'\\' && q == b'\'' {
                        i += 2;
                        continue;
                    }
                    if b[i] == q {
                        // A doubled quote is an escaped quote.
                        if b.get(i + 1) == Some(&q) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            }
            b'#' if is_line_start(b, i) => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + 2 + n + 2);
            }
            b'$' => {
                // `$$` or `$tag$` opens a body closed by the same tag.
                let tag_end = b[i + 1..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
                    .map(|n| i + 1 + n);
                match tag_end {
                    Some(e)
                        if b[e] == b'$' && !b[i + 1..e].first().is_some_and(u8::is_ascii_digit) =>
                    {
                        let tag = &b[i..=e];
                        i = memchr::memmem::find(&b[e + 1..], tag)
                            .map_or(b.len(), |n| e + 1 + n + tag.len());
                    }
                    _ => i += 1,
                }
            }
            b';' => {
                out.push((start, &text[start..i]));
                i += 1;
                start = i;
            }
            // SQL Server scripts separate batches with a `GO` line.
            b'G' | b'g' if is_line_start(b, i) && is_go_line(&b[i..]) => {
                out.push((start, &text[start..i]));
                i += 2;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, &text[start..]));
    }
    out
}

/// `GO` alone on its line (trailing blanks allowed).
fn is_go_line(rest: &[u8]) -> bool {
    rest.len() >= 2
        && rest[..2].eq_ignore_ascii_case(b"go")
        && rest[2..]
            .iter()
            .take_while(|&&c| c != b'\n')
            .all(u8::is_ascii_whitespace)
}

fn is_line_start(b: &[u8], i: usize) -> bool {
    b[..i]
        .iter()
        .rev()
        .take_while(|&&c| c != b'\n')
        .all(|c| c.is_ascii_whitespace())
}

fn last_name(name: &ObjectName) -> String {
    name.0
        .last()
        .and_then(|p| p.as_ident())
        .map(|i| i.value.clone())
        .unwrap_or_else(|| name.to_string())
}

fn span_of(ident: &Ident, start: usize, lines: &Lines) -> std::ops::Range<usize> {
    let at = ident.span.start;
    let quote = usize::from(ident.quote_style.is_some());
    let offset = if at.line == 0 {
        start
    } else {
        start + lines.offset(at.line as usize, at.column.saturating_sub(1) as usize) + quote
    };
    // As written: a closing quote inside a quoted name is doubled
    // (`"reli""gion"`).
    let close = match ident.quote_style {
        Some('[') => Some(']'),
        other => other,
    };
    let doubled = close.map_or(0, |q| ident.value.matches(q).count() * q.len_utf8());
    offset..offset + ident.value.len() + doubled
}

fn column(c: &ColumnDef, start: usize, lines: &Lines) -> Field {
    let mut required = false;
    let mut comment = None;
    for o in &c.options {
        match &o.option {
            ColumnOption::NotNull | ColumnOption::PrimaryKey(_) => required = true,
            ColumnOption::Comment(text) => comment = Some(text.clone()),
            _ => {}
        }
    }
    Field {
        name: c.name.value.clone(),
        alias: None,
        ty: Some(c.data_type.to_string()),
        required: Some(required),
        span: span_of(&c.name, start, lines),
        comment,
    }
}

fn read(s: &Statement, start: usize, lines: &Lines, models: &mut Vec<Model>) {
    match s {
        Statement::CreateTable(t) => {
            let table = table_named(models, &last_name(&t.name));
            table
                .fields
                .extend(t.columns.iter().map(|c| column(c, start, lines)));
        }
        Statement::AlterTable(t) => {
            let name = last_name(&t.name);
            for op in &t.operations {
                if let AlterTableOperation::AddColumn { column_def, .. } = op {
                    let field = column(column_def, start, lines);
                    table_named(models, &name).fields.push(field);
                }
            }
        }
        Statement::Comment {
            object_type: CommentObject::Column,
            object_name,
            comment: Some(text),
            ..
        } => {
            let parts: Vec<&Ident> = object_name.0.iter().filter_map(|p| p.as_ident()).collect();
            let [.., table, col] = parts[..] else { return };
            let known = models
                .iter_mut()
                .find(|m| m.name == table.value)
                .and_then(|m| m.fields.iter_mut().find(|f| f.name == col.value));
            match known {
                Some(field) => field.comment = Some(text.clone()),
                // A column defined elsewhere (an earlier migration): the
                // comment is where this file names it.
                None => table_named(models, &table.value).fields.push(Field {
                    name: col.value.clone(),
                    span: span_of(col, start, lines),
                    comment: Some(text.clone()),
                    ..Field::default()
                }),
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_statements_outside_strings_comments_and_bodies() {
        let text = "INSERT INTO t VALUES ('a;b', \"c;\", `d;`); -- x;y\n/* ; */ SELECT 1;\nCREATE FUNCTION f() AS $body$ a; b $body$;\nSELECT 'it''s;';";
        let parts: Vec<&str> = statements(text)
            .into_iter()
            .map(|(_, s)| s.trim())
            .collect();
        assert_eq!(parts.len(), 4, "{parts:?}");
        assert!(parts[2].ends_with("$body$"));
        let mssql =
            "ALTER TABLE [dbo].[users] ADD [nir] [char](15) NULL\nGO\nSELECT 1 AS go_on\n  GO  \n";
        let parts: Vec<&str> = statements(mssql)
            .into_iter()
            .map(|(_, s)| s.trim())
            .collect();
        assert_eq!(
            parts,
            [
                "ALTER TABLE [dbo].[users] ADD [nir] [char](15) NULL",
                "SELECT 1 AS go_on"
            ]
        );
        let (models, problems) = extract(mssql);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(models[0].fields[0].name, "nir");
        assert_eq!(&mssql[models[0].fields[0].span.clone()], "nir");
    }

    #[test]
    fn reads_tables_alters_and_comments_with_positions() {
        let text = "-- members\nCREATE TABLE mitglieder (\n  id SERIAL PRIMARY KEY,\n  \"Gewerkschaft\" VARCHAR(80) NOT NULL,\n  religion TEXT\n);\n\
INSERT INTO mitglieder VALUES (1, 'x', 'y');\n\
ALTER TABLE public.mitglieder ADD COLUMN diagnose TEXT;\n\
COMMENT ON COLUMN mitglieder.religion IS 'Konfession für die Kirchensteuer';\n\
COMMENT ON COLUMN other.gesundheit IS 'Befund';\n\
CREATE TABLE `users` (`email` varchar(255) COMMENT 'login');\n";
        let (models, problems) = extract(text);
        assert!(problems.is_empty(), "{problems:?}");
        let m = &models[0];
        assert_eq!(m.name, "mitglieder");
        let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["id", "Gewerkschaft", "religion", "diagnose"]);
        for f in &m.fields {
            assert_eq!(&text[f.span.clone()], f.name);
        }
        assert_eq!(m.fields[1].required, Some(true));
        assert_eq!(m.fields[1].ty.as_deref(), Some("VARCHAR(80)"));
        assert_eq!(m.fields[2].required, Some(false));
        assert_eq!(
            m.fields[2].comment.as_deref(),
            Some("Konfession für die Kirchensteuer")
        );
        assert_eq!(models[1].name, "other");
        assert_eq!(&text[models[1].fields[0].span.clone()], "gesundheit");
        assert_eq!(models[2].fields[0].comment.as_deref(), Some("login"));
        assert_eq!(&text[models[2].fields[0].span.clone()], "email");
    }

    #[test]
    fn dialects_no_parser_reads_are_read_column_by_column() {
        let text = "CREATE TABLE /*_*/user (\n  user_id int unsigned NOT NULL PRIMARY KEY AUTO_INCREMENT,\n  user_name varchar(255) binary NOT NULL default '',\n  user_real_name varchar(255) binary NOT NULL default '', -- a, comment\n  user_email tinytext NOT NULL COMMENT 'login, and notices',\n  UNIQUE KEY user_name (user_name)\n) /*$wgDBTableOptions*/;\nALTER TABLE /*_*/interwiki ADD PRIMARY KEY (iw_prefix);\n";
        let (models, problems) = extract(text);
        assert!(problems.is_empty(), "{problems:?}");
        let m = &models[0];
        assert_eq!(m.name, "user");
        let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["user_id", "user_name", "user_real_name", "user_email"]
        );
        for f in &m.fields {
            assert_eq!(&text[f.span.clone()], f.name);
            assert_eq!(f.required, Some(true));
        }
        assert_eq!(m.fields[3].comment.as_deref(), Some("login, and notices"));
    }

    #[test]
    fn quoted_names_and_hash_comments() {
        let text = "# users\nCREATE TABLE users (\"reli\"\"gión\" TEXT, email TEXT);\n";
        let (models, problems) = extract(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(models.len(), 1, "a # comment does not hide the table");
        assert_eq!(&text[models[0].fields[0].span.clone()], "reli\"\"gión");
        let text = "CREATE TABLE t (\n  [[é]] varchar(5) binary NOT NULL,\n  \"\"é\"\" int binary,\n  é] int binary,\n  x int binary\n);\n";
        let (models, _) = extract(text);
        for f in &models[0].fields {
            assert!(f.span.end <= text.len(), "{f:?}");
            assert!(
                text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end),
                "{f:?}"
            );
            assert_eq!(&text[f.span.clone()], f.name);
        }
    }

    #[test]
    fn an_unreadable_statement_is_a_note_and_the_rest_is_read() {
        let text = "CREATE TABLE a AS SELECT FROM;\nCREATE TABLE b (nir CHAR(15));";
        let (models, problems) = extract(text);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].note);
        assert_eq!(problems[0].offset, 0);
        assert_eq!(models.len(), 1);
        assert_eq!(models[0].name, "b");
    }
}
