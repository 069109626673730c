//! ORM models read with line patterns. Each framework writes its models in
//! one fixed shape, and a full parser of Python, Ruby, PHP or TypeScript
//! would add much for little: these patterns read that shape exactly, and
//! anything else is left alone (no finding rather than a wrong one).
//!
//! | framework | shape read |
//! |---|---|
//! | Django | `class X(...Model...):` then `name = models.XField(..)` lines (indentation ends the class); `null=True` is optional; `verbose_name`, `help_text` or a first string argument describe the field; `db_column` is its other name |
//! | SQLAlchemy | `class X(Base):` with `name = Column(..)` / `name: Mapped[..] = mapped_column(..)`, and Core `Table("name", ..., Column("col", ..))`; `nullable`, `primary_key`, `Optional[..]`, `comment`, `doc` |
//! | Rails | `create_table "t" do \|t\|` … `t.string "col", null: false, comment: ".."` … `end` (`db/schema.rb` and migrations), and `add_column :t, :col, :type` |
//! | Prisma | `model X {` … `name Type? @map("col")` … `}`, `///` comments |
//! | Laravel | `Schema::create('t', function (Blueprint $table) {` … `$table->string('col')->nullable()->comment('..');` … `});` |
//! | TypeORM | `@Entity(..)` `class X {` … `@Column({..}) name?: type;` … `}` |

use std::sync::LazyLock;

use regex::Regex;

use super::{table_named, Field, Model};

/// A line of the text: byte offset, text without the line break.
struct Line<'t> {
    start: usize,
    text: &'t str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for l in text.split_inclusive('\n') {
        out.push(Line {
            start,
            text: l.trim_end_matches(['\n', '\r']),
        });
        start += l.len();
    }
    out
}

fn indent(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid built-in pattern")
}

/// The call's arguments from an opening parenthesis at `open` (which may
/// span lines), up to 4 KiB.
fn call_args(text: &str, open: usize) -> &str {
    let Some(rest) = text.get(open..).filter(|r| r.starts_with(['(', '[', '{'])) else {
        return "";
    };
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        if i > 4096 {
            return &rest[1..i];
        }
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &rest[1..i];
                }
            }
            _ => {}
        }
    }
    &rest[1.min(rest.len())..]
}

/// The string value of `key=".."` / `key: ".."` / `key => ".."` in
/// arguments (also `_("..")`, Django's translation marker).
fn string_arg(args: &str, key: &str) -> Option<String> {
    static ARG: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r#"(?:\b|^)([A-Za-z_]+)\s*(?:=|:|=>)\s*(?:_\(|gettext_lazy\(|gettext\()?\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"#,
        )
    });
    ARG.captures_iter(args).find_map(|c| {
        (&c[1] == key).then(|| {
            c.get(2)
                .or(c.get(3))
                .map_or(String::new(), |m| m.as_str().to_string())
        })
    })
}

/// Whether `key=True` / `key: true` is set in arguments.
fn flag(args: &str, key: &str) -> Option<bool> {
    static FLAG: LazyLock<Regex> =
        LazyLock::new(|| re(r"\b([A-Za-z_]+)\s*(?:=|:|=>)\s*(True|False|true|false)\b"));
    FLAG.captures_iter(args)
        .find(|c| &c[1] == key)
        .map(|c| c[2].eq_ignore_ascii_case("true"))
}

/// The first positional string argument, if the arguments start with one.
fn first_string(args: &str) -> Option<String> {
    static FIRST: LazyLock<Regex> =
        LazyLock::new(|| re(r#"^\s*(?:_\()?\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"#));
    FIRST
        .captures(args)
        .and_then(|c| c.get(1).or(c.get(2)))
        .map(|m| m.as_str().to_string())
}

fn field(name: &str, start: usize) -> Field {
    Field {
        name: name.to_string(),
        span: start..start + name.len(),
        ..Field::default()
    }
}

/// Python classes: (name, bases, index of the class line, index past the
/// body).
fn python_classes<'t>(lines: &[Line<'t>]) -> Vec<(&'t str, &'t str, usize, usize)> {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| re(r"^(\s*)class\s+(\w+)\s*\(([^)]*)\)\s*:"));
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(c) = CLASS.captures(l.text) else {
            continue;
        };
        let own = c[1].len();
        let end = lines[i + 1..]
            .iter()
            .position(|n| {
                let t = n.text.trim();
                !t.is_empty() && !t.starts_with('#') && indent(n.text) <= own
            })
            .map_or(lines.len(), |p| i + 1 + p);
        let name = c.get(2).map_or("", |m| m.as_str());
        let bases = c.get(3).map_or("", |m| m.as_str());
        out.push((name, bases, i, end));
    }
    out
}

/// Django models.
pub fn django(text: &str) -> Vec<Model> {
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^\s+(\w+)\s*=\s*(?:models\.|gis_models\.)?(\w*Field|ForeignKey|OneToOneField)\s*\(")
    });
    let lines = lines(text);
    let mut out = Vec::new();
    for (name, bases, first, end) in python_classes(&lines) {
        if !(bases.contains("Model") || bases.contains("AbstractUser")) {
            continue;
        }
        let mut fields = Vec::new();
        for l in &lines[first + 1..end] {
            let Some(c) = FIELD.captures(l.text) else {
                continue;
            };
            let (Some(attr), Some(whole)) = (c.get(1), c.get(0)) else {
                continue;
            };
            let args = call_args(text, l.start + whole.end() - 1);
            let mut f = field(attr.as_str(), l.start + attr.start());
            f.ty = Some(c[2].to_string());
            let nullable = flag(args, "null") == Some(true) || flag(args, "blank") == Some(true);
            f.required = Some(!nullable);
            let described = ["verbose_name", "help_text"]
                .iter()
                .filter_map(|k| string_arg(args, k))
                .chain(first_string(args))
                .collect::<Vec<_>>();
            f.comment = (!described.is_empty()).then(|| described.join(". "));
            f.alias = string_arg(args, "db_column");
            fields.push(f);
        }
        out.push(Model {
            kind: "model",
            name: name.to_string(),
            fields,
        });
    }
    out
}

/// SQLAlchemy declarative models and Core tables.
pub fn sqlalchemy(text: &str) -> Vec<Model> {
    static ATTR: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^\s+(\w+)\s*(?::\s*([^=]+?))?\s*=\s*(?:sa\.|db\.|sqlalchemy\.|orm\.)?(Column|mapped_column)\s*\(",
        )
    });
    static TABLE: LazyLock<Regex> = LazyLock::new(|| {
        re(r#"\b(\w+)\s*=\s*(?:sa\.|db\.|sqlalchemy\.)?Table\s*\(\s*["'](\w+)["']"#)
    });
    static CORE_COLUMN: LazyLock<Regex> =
        LazyLock::new(|| re(r#"(?:sa\.|db\.|sqlalchemy\.)?Column\s*\(\s*["'](\w+)["']"#));
    let lines = lines(text);
    let mut out = Vec::new();
    for (name, bases, first, end) in python_classes(&lines) {
        let body = &lines[first + 1..end];
        let mapped = bases.contains("Base")
            || bases.contains("Model")
            || body.iter().any(|l| l.text.contains("__tablename__"));
        if !mapped {
            continue;
        }
        let mut fields = Vec::new();
        for l in body {
            let Some(c) = ATTR.captures(l.text) else {
                continue;
            };
            let (Some(attr), Some(whole)) = (c.get(1), c.get(0)) else {
                continue;
            };
            let args = call_args(text, l.start + whole.end() - 1);
            let mut f = field(attr.as_str(), l.start + attr.start());
            let annotation = c.get(2).map(|m| m.as_str().trim().to_string());
            let optional = annotation
                .as_deref()
                .is_some_and(|a| a.contains("Optional[") || a.contains("None"));
            f.required = Some(
                flag(args, "primary_key") == Some(true)
                    || match flag(args, "nullable") {
                        Some(n) => !n,
                        None => annotation.is_some() && !optional,
                    },
            );
            f.ty = annotation.or_else(|| {
                args.split([',', ')'])
                    .map(str::trim)
                    .find(|a| !a.starts_with(['"', '\'']) && !a.contains('='))
                    .map(String::from)
            });
            f.alias = first_string(args);
            let described: Vec<String> = ["comment", "doc"]
                .iter()
                .filter_map(|k| string_arg(args, k))
                .collect();
            f.comment = (!described.is_empty()).then(|| described.join(". "));
            fields.push(f);
        }
        out.push(Model {
            kind: "model",
            name: name.to_string(),
            fields,
        });
    }
    for t in TABLE.captures_iter(text) {
        let (Some(open), Some(table)) = (t.get(0), t.get(2)) else {
            continue;
        };
        let args_start = text[..open.end()].rfind('(').unwrap_or(open.start());
        let args = call_args(text, args_start);
        let base = args_start + 1;
        let fields = CORE_COLUMN
            .captures_iter(args)
            .filter_map(|c| c.get(1))
            .map(|m| {
                let mut f = field(m.as_str(), base + m.start());
                let rest = call_args(args, args[..m.start()].rfind('(').unwrap_or(0));
                f.required = Some(
                    flag(rest, "nullable") == Some(false)
                        || flag(rest, "primary_key") == Some(true),
                );
                f.comment = string_arg(rest, "comment");
                f
            })
            .collect();
        out.push(Model {
            kind: "table",
            name: table.as_str().to_string(),
            fields,
        });
    }
    out
}

/// Rails `db/schema.rb` and migrations.
pub fn rails(text: &str) -> Vec<Model> {
    static CREATE: LazyLock<Regex> =
        LazyLock::new(|| re(r#"^\s*create_table\s*\(?\s*["':](\w+)["']?.*\bdo\s*\|(\w+)\|"#));
    static COLUMN: LazyLock<Regex> =
        LazyLock::new(|| re(r#"^\s*(\w+)\.(\w+)\s*\(?\s*["':](\w+)["']?(.*)$"#));
    static ADD: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r#"^\s*add_column\s*\(?\s*["':](\w+)["']?\s*,\s*["':](\w+)["']?\s*,\s*["':](\w+)["']?(.*)$"#,
        )
    });
    const NOT_COLUMNS: &[&str] = &["index", "timestamps", "foreign_key", "check_constraint"];
    let lines = lines(text);
    let mut out: Vec<Model> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if let Some(c) = ADD.captures(l.text) {
            if let Some(col) = c.get(2) {
                let mut f = field(col.as_str(), l.start + col.start());
                f.ty = Some(c[3].to_string());
                f.required = Some(c[4].contains("null: false"));
                f.comment = string_arg(&c[4], "comment");
                table_named(&mut out, &c[1]).fields.push(f);
            }
        }
        let Some(c) = CREATE.captures(l.text) else {
            i += 1;
            continue;
        };
        let table = c[1].to_string();
        let var = c[2].to_string();
        let own = indent(l.text);
        let mut fields = Vec::new();
        i += 1;
        while i < lines.len() {
            let l = &lines[i];
            if l.text.trim() == "end" && indent(l.text) <= own {
                break;
            }
            if let Some(c) = COLUMN.captures(l.text) {
                if c[1] == var && !NOT_COLUMNS.contains(&&c[2]) {
                    if let Some(col) = c.get(3) {
                        let mut f = field(col.as_str(), l.start + col.start());
                        f.ty = Some(c[2].to_string());
                        f.required = Some(c[4].contains("null: false"));
                        f.comment = string_arg(&c[4], "comment");
                        fields.push(f);
                    }
                }
            }
            i += 1;
        }
        out.push(Model {
            kind: "table",
            name: table,
            fields,
        });
        i += 1;
    }
    out
}

/// Prisma `schema.prisma` models.
pub fn prisma(text: &str) -> Vec<Model> {
    static MODEL: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*model\s+(\w+)\s*\{"));
    static FIELD: LazyLock<Regex> =
        LazyLock::new(|| re(r"^\s*(\w+)\s+([A-Za-z_][\w.]*(?:\([^)]*\))?)(\[\])?(\?)?(.*)$"));
    static MAP: LazyLock<Regex> = LazyLock::new(|| re(r#"@map\(\s*(?:name:\s*)?"([^"]+)""#));
    let lines = lines(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(c) = MODEL.captures(lines[i].text) else {
            i += 1;
            continue;
        };
        let name = c[1].to_string();
        let mut fields = Vec::new();
        let mut docs: Vec<String> = Vec::new();
        i += 1;
        while i < lines.len() && !lines[i].text.trim_start().starts_with('}') {
            let l = &lines[i];
            let t = l.text.trim();
            if let Some(d) = t.strip_prefix("///") {
                docs.push(d.trim().to_string());
            } else if t.starts_with("@@") || t.starts_with("//") || t.is_empty() {
                docs.clear();
            } else if let Some(c) = FIELD.captures(l.text) {
                if let Some(n) = c.get(1) {
                    let mut f = field(n.as_str(), l.start + n.start());
                    let list = c.get(3).is_some();
                    f.ty = Some(format!("{}{}", &c[2], if list { "[]" } else { "" }));
                    f.required = Some(c.get(4).is_none() && !list);
                    f.alias = MAP.captures(&c[5]).map(|m| m[1].to_string());
                    f.comment = (!docs.is_empty()).then(|| docs.join(" "));
                    fields.push(f);
                }
                docs.clear();
            }
            i += 1;
        }
        out.push(Model {
            kind: "model",
            name,
            fields,
        });
        i += 1;
    }
    out
}

/// Laravel migrations (`Schema::create` and `Schema::table`).
pub fn laravel(text: &str) -> Vec<Model> {
    static SCHEMA: LazyLock<Regex> =
        LazyLock::new(|| re(r#"Schema::(?:create|table)\s*\(\s*['"](\w+)['"]"#));
    static COLUMN: LazyLock<Regex> =
        LazyLock::new(|| re(r#"^\s*\$(\w+)->(\w+)\s*\(\s*['"](\w+)['"]([^;]*)"#));
    const NOT_COLUMNS: &[&str] = &[
        "index",
        "unique",
        "primary",
        "foreign",
        "dropColumn",
        "dropIndex",
        "dropUnique",
        "dropForeign",
        "dropPrimary",
        "renameColumn",
        "renameIndex",
        "fullText",
        "spatialIndex",
        "dropConstrainedForeignId",
    ];
    let lines = lines(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(c) = SCHEMA.captures(lines[i].text) else {
            i += 1;
            continue;
        };
        let table = c[1].to_string();
        let mut fields = Vec::new();
        i += 1;
        while i < lines.len() && !lines[i].text.trim_start().starts_with("});") {
            let l = &lines[i];
            if let Some(c) = COLUMN.captures(l.text) {
                if !NOT_COLUMNS.contains(&&c[2]) {
                    if let Some(col) = c.get(3) {
                        let chain = &c[4];
                        let mut f = field(col.as_str(), l.start + col.start());
                        f.ty = Some(c[2].to_string());
                        f.required = Some(!chain.contains("->nullable("));
                        static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
                            re(r#"->comment\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"#)
                        });
                        f.comment = COMMENT
                            .captures(chain)
                            .and_then(|m| m.get(1).or(m.get(2)))
                            .map(|m| m.as_str().to_string());
                        fields.push(f);
                    }
                }
            }
            i += 1;
        }
        table_named(&mut out, &table).fields.extend(fields);
        i += 1;
    }
    out
}

/// TypeORM entities.
pub fn typeorm(text: &str) -> Vec<Model> {
    static CLASS: LazyLock<Regex> =
        LazyLock::new(|| re(r"^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+(\w+)"));
    static DECORATOR: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*@(\w*Column)\s*\("));
    static PROPERTY: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^\s*(?:(?:public|private|protected|readonly)\s+)*(\w+)\s*([?!])?\s*:\s*([^;=]+)")
    });
    let lines = lines(text);
    let mut out = Vec::new();
    let mut entity = false;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].text.trim_start();
        if t.starts_with("@Entity") || t.starts_with("@ViewEntity") {
            entity = true;
        }
        let Some(c) = CLASS.captures(lines[i].text).filter(|_| entity) else {
            i += 1;
            continue;
        };
        entity = false;
        let name = c[1].to_string();
        let own = indent(lines[i].text);
        let mut fields = Vec::new();
        i += 1;
        while i < lines.len() {
            let l = &lines[i];
            if l.text.trim_start().starts_with('}') && indent(l.text) <= own {
                break;
            }
            let Some(d) = DECORATOR.captures(l.text) else {
                i += 1;
                continue;
            };
            let (Some(whole), kind) = (d.get(0), d[1].to_string()) else {
                i += 1;
                continue;
            };
            let args = call_args(text, l.start + whole.end() - 1);
            let args_end = l.start + whole.end() + args.len();
            // The property follows the decorators.
            while i < lines.len() && lines[i].start <= args_end {
                i += 1;
            }
            while i < lines.len() && lines[i].text.trim_start().starts_with('@') {
                i += 1;
            }
            let Some(l) = lines.get(i) else { break };
            if let Some(p) = PROPERTY.captures(l.text) {
                if let Some(n) = p.get(1) {
                    let mut f = field(n.as_str(), l.start + n.start());
                    f.ty = Some(p[3].trim().to_string());
                    f.required = Some(
                        kind.starts_with("Primary")
                            || (p.get(2).is_none_or(|m| m.as_str() == "!")
                                && flag(args, "nullable") != Some(true)),
                    );
                    f.comment = string_arg(args, "comment");
                    f.alias = string_arg(args, "name");
                    fields.push(f);
                }
            }
            i += 1;
        }
        out.push(Model {
            kind: "entity",
            name,
            fields,
        });
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Shape = Vec<(String, Vec<(String, Option<bool>)>)>;

    type Expected<'a> = &'a [(&'a str, &'a [(&'a str, Option<bool>)])];

    fn check(models: &[Model], text: &str, expected: Expected) {
        let got: Shape = models
            .iter()
            .map(|m| {
                (
                    m.name.clone(),
                    m.fields
                        .iter()
                        .map(|f| {
                            assert_eq!(&text[f.span.clone()], f.name, "span of {}", f.name);
                            (f.name.clone(), f.required)
                        })
                        .collect(),
                )
            })
            .collect();
        let want: Shape = expected
            .iter()
            .map(|(m, fs)| {
                (
                    m.to_string(),
                    fs.iter().map(|(f, r)| (f.to_string(), *r)).collect(),
                )
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn django_models() {
        let text = r#"from django.db import models

class Empleado(models.Model):
    nombre = models.CharField(max_length=100)
    religion = models.CharField(
        _("Confesión religiosa"), max_length=50, blank=True
    )
    afiliado = models.BooleanField(help_text="Afiliación sindical", db_column="afil_sind")

    class Meta:
        db_table = "empleados"

    def __str__(self):
        return self.nombre

class Helper:
    religion = models.CharField()
"#;
        let models = django(text);
        check(
            &models,
            text,
            &[(
                "Empleado",
                &[
                    ("nombre", Some(true)),
                    ("religion", Some(false)),
                    ("afiliado", Some(true)),
                ],
            )],
        );
        let f = &models[0].fields;
        assert_eq!(f[1].comment.as_deref(), Some("Confesión religiosa"));
        assert_eq!(f[2].alias.as_deref(), Some("afil_sind"));
        assert_eq!(f[2].comment.as_deref(), Some("Afiliación sindical"));
    }

    #[test]
    fn sqlalchemy_models_and_tables() {
        let text = r#"import sqlalchemy as sa
class Patient(Base):
    __tablename__ = "patients"
    id: Mapped[int] = mapped_column(primary_key=True)
    diagnosis: Mapped[Optional[str]] = mapped_column(sa.Text, comment="ICD-10 code")
    nir = sa.Column("numero_secu", sa.String(15), nullable=False)

members = sa.Table("members", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("union_member", sa.Boolean, nullable=False),
)
"#;
        let models = sqlalchemy(text);
        check(
            &models,
            text,
            &[
                (
                    "Patient",
                    &[
                        ("id", Some(true)),
                        ("diagnosis", Some(false)),
                        ("nir", Some(true)),
                    ],
                ),
                (
                    "members",
                    &[("id", Some(true)), ("union_member", Some(true))],
                ),
            ],
        );
        assert_eq!(models[0].fields[1].comment.as_deref(), Some("ICD-10 code"));
        assert_eq!(models[0].fields[2].alias.as_deref(), Some("numero_secu"));
    }

    #[test]
    fn rails_schema_and_migrations() {
        let text = r#"ActiveRecord::Schema[7.1].define(version: 2024_01_01) do
  create_table "patients", force: :cascade do |t|
    t.string "email", null: false
    t.text "allergies", comment: "Known allergies"
    t.index ["email"], name: "index_patients_on_email", unique: true
    t.timestamps
  end
  add_column :patients, :blood_type, :string
end
"#;
        let models = rails(text);
        check(
            &models,
            text,
            &[(
                "patients",
                &[
                    ("email", Some(true)),
                    ("allergies", Some(false)),
                    ("blood_type", Some(false)),
                ],
            )],
        );
        assert_eq!(
            models[0].fields[1].comment.as_deref(),
            Some("Known allergies")
        );
    }

    #[test]
    fn prisma_models() {
        let text = r#"model User {
  id        Int      @id @default(autoincrement())
  /// Self-declared sexual orientation.
  orientation String? @map("orient")
  posts     Post[]
  @@map("users")
}
enum Role { USER }
"#;
        let models = prisma(text);
        check(
            &models,
            text,
            &[(
                "User",
                &[
                    ("id", Some(true)),
                    ("orientation", Some(false)),
                    ("posts", Some(false)),
                ],
            )],
        );
        let f = &models[0].fields[1];
        assert_eq!(f.alias.as_deref(), Some("orient"));
        assert_eq!(
            f.comment.as_deref(),
            Some("Self-declared sexual orientation.")
        );
    }

    #[test]
    fn laravel_migrations() {
        let text = r#"<?php
return new class extends Migration {
    public function up(): void {
        Schema::create('members', function (Blueprint $table) {
            $table->id();
            $table->string('email')->unique();
            $table->string('religion')->nullable()->comment('Confession');
            $table->unique('email');
        });
    }
};
"#;
        let models = laravel(text);
        check(
            &models,
            text,
            &[(
                "members",
                &[("email", Some(true)), ("religion", Some(false))],
            )],
        );
        assert_eq!(models[0].fields[1].comment.as_deref(), Some("Confession"));
    }

    #[test]
    fn typeorm_entities() {
        let text = r#"@Entity({ name: "patients" })
export class Patient {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({
    type: "text",
    nullable: true,
    comment: "Free-text diagnosis",
  })
  diagnosis: string;

  @Column({ name: "blood_group" })
  @Index()
  bloodGroup?: string;

  @ManyToOne(() => Doctor)
  doctor: Doctor;
}

export class NotAnEntity {
  @Column() religion: string;
}
"#;
        let models = typeorm(text);
        check(
            &models,
            text,
            &[(
                "Patient",
                &[
                    ("id", Some(true)),
                    ("diagnosis", Some(false)),
                    ("bloodGroup", Some(false)),
                ],
            )],
        );
        let f = &models[0].fields;
        assert_eq!(f[1].comment.as_deref(), Some("Free-text diagnosis"));
        assert_eq!(f[2].alias.as_deref(), Some("blood_group"));
    }
}
