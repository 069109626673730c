//! The GDPR.txt format (gdpr-txt.org): blocks of `key: value` lines
//! separated by blank lines, `#` comments. A purpose block has `purpose` and
//! `lawfulness`; a data block has `data`, `required`, `visibility`,
//! `description` and optionally `mitigation`. Only `description` and
//! `mitigation` continue on the following indented lines.
//!
//! The parser keeps every line as written, so writing a parsed document
//! gives back its text byte for byte; the validator reports every error
//! with its line.

use std::fmt::Write as _;

/// Legal bases of GDPR Article 6(1), as the format spells them.
pub const LAWFULNESS: &[&str] = &[
    "consent",
    "contract",
    "legal",
    "public interest",
    "legitimate interest",
    "vital",
];

const PURPOSE_KEYS: &[&str] = &["purpose", "lawfulness"];
const DATA_KEYS: &[&str] = &[
    "data",
    "required",
    "visibility",
    "description",
    "mitigation",
];
const MULTILINE_KEYS: &[&str] = &["description", "mitigation"];

/// A line or a group of lines of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chunk {
    /// A blank line, as written (it may hold spaces).
    Blank(String),
    /// A comment line, as written (starting with `#`).
    Comment(String),
    Entry(Entry),
}

/// `key: value`, with its continuation lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// 1-based line of the key.
    pub line: usize,
    /// The text after `key:`, as written.
    pub first: String,
    /// Continuation lines, as written.
    pub more: Vec<String>,
}

impl Entry {
    pub fn new(key: &str, value: &str) -> Entry {
        Entry {
            key: key.to_string(),
            line: 0,
            first: if value.is_empty() {
                String::new()
            } else {
                format!(" {value}")
            },
            more: Vec::new(),
        }
    }

    /// A multiline entry written as `key:` then its lines indented, long
    /// lines wrapped at 88 columns.
    pub fn multiline(key: &str, value: &str) -> Entry {
        let mut more = Vec::new();
        for line in value.lines() {
            let mut current = String::from("   ");
            for word in line.split_whitespace() {
                if current.len() + 1 + word.len() > 88 && !current.trim().is_empty() {
                    more.push(std::mem::replace(&mut current, String::from("   ")));
                }
                current.push(' ');
                current.push_str(word);
            }
            if !current.trim().is_empty() {
                more.push(current);
            }
        }
        Entry {
            key: key.to_string(),
            line: 0,
            first: String::new(),
            more,
        }
    }

    /// The value: first line and continuation lines (of `description` and
    /// `mitigation` only), trimmed, joined with newlines.
    pub fn value(&self) -> String {
        if !MULTILINE_KEYS.contains(&self.key.as_str()) {
            return self.first.trim().to_string();
        }
        std::iter::once(self.first.trim())
            .chain(self.more.iter().map(|l| l.trim()))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A parsed GDPR.txt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub chunks: Vec<Chunk>,
    /// Whether the text ended with a newline.
    pub final_newline: bool,
}

/// A syntax or validation error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub line: usize,
    pub message: String,
}

/// What a block declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Purpose,
    Data,
}

/// A block: the entries between two blank lines, with the comments among
/// them.
#[derive(Clone, Debug)]
pub struct Block<'d> {
    pub kind: Option<BlockKind>,
    pub entries: Vec<&'d Entry>,
    pub comments: Vec<&'d str>,
    /// 1-based line of the block's first entry or comment.
    pub line: usize,
}

impl Block<'_> {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().copied().find(|e| e.key == key)
    }

    /// The value of a `# x-name: value` comment.
    pub fn extension(&self, name: &str) -> Vec<String> {
        let prefix = format!("# x-{name}:");
        self.comments
            .iter()
            .filter_map(|c| c.strip_prefix(&prefix))
            .map(|v| v.trim().to_string())
            .collect()
    }
}

impl Document {
    /// Parses a GDPR.txt. Lines that are not `key: value`, a comment, a
    /// blank or a continuation are errors; the rest is still read.
    pub fn parse(text: &str) -> (Document, Vec<FormatError>) {
        let mut doc = Document {
            chunks: Vec::new(),
            final_newline: text.ends_with('\n'),
        };
        let mut errors = Vec::new();
        let body = text.strip_suffix('\n').unwrap_or(text);
        if body.is_empty() && text.is_empty() {
            return (doc, errors);
        }
        for (i, raw) in body.split('\n').enumerate() {
            let line = i + 1;
            if raw.trim().is_empty() {
                doc.chunks.push(Chunk::Blank(raw.to_string()));
                continue;
            }
            if raw.starts_with('#') {
                doc.chunks.push(Chunk::Comment(raw.to_string()));
                continue;
            }
            if raw.starts_with([' ', '\t']) {
                // A continuation of the previous entry, if nothing but
                // entries (no blank line) came between.
                match doc.chunks.last_mut() {
                    Some(Chunk::Entry(e)) if MULTILINE_KEYS.contains(&e.key.as_str()) => {
                        e.more.push(raw.to_string());
                    }
                    Some(Chunk::Entry(e)) => {
                        errors.push(FormatError {
                            line,
                            message: format!(
                                "`{}` takes one line: only `description` and `mitigation` continue on the next lines",
                                e.key
                            ),
                        });
                        e.more.push(raw.to_string());
                    }
                    _ => {
                        errors.push(FormatError {
                            line,
                            message: "an indented line that continues no `description` or `mitigation` (a blank line ends a value)".into(),
                        });
                        doc.chunks.push(Chunk::Comment(raw.to_string()));
                    }
                }
                continue;
            }
            let Some((key, rest)) = raw.split_once(':') else {
                errors.push(FormatError {
                    line,
                    message: format!(
                        "expected `key: value` or a `#` comment, found `{}`",
                        raw.trim()
                    ),
                });
                doc.chunks.push(Chunk::Comment(raw.to_string()));
                continue;
            };
            if !PURPOSE_KEYS.contains(&key) && !DATA_KEYS.contains(&key) {
                errors.push(FormatError {
                    line,
                    message: format!(
                        "unknown key `{key}` (known: purpose, lawfulness, data, required, visibility, description, mitigation)"
                    ),
                });
            }
            doc.chunks.push(Chunk::Entry(Entry {
                key: key.to_string(),
                line,
                first: rest.to_string(),
                more: Vec::new(),
            }));
        }
        (doc, errors)
    }

    /// The text, as written (identity for a parsed document).
    pub fn write(&self) -> String {
        let mut out = String::new();
        let mut first = true;
        for chunk in &self.chunks {
            let lines: Vec<&str> = match chunk {
                Chunk::Blank(s) | Chunk::Comment(s) => vec![s.as_str()],
                Chunk::Entry(e) => {
                    if !first {
                        out.push('\n');
                    }
                    first = false;
                    let _ = write!(out, "{}:{}", e.key, e.first);
                    for m in &e.more {
                        out.push('\n');
                        out.push_str(m);
                    }
                    continue;
                }
            };
            for l in lines {
                if !first {
                    out.push('\n');
                }
                first = false;
                out.push_str(l);
            }
        }
        if self.final_newline && !self.chunks.is_empty() {
            out.push('\n');
        }
        out
    }

    /// How many blocks of a kind the document has.
    pub fn count(&self, kind: BlockKind) -> usize {
        self.blocks()
            .iter()
            .filter(|b| b.kind == Some(kind))
            .count()
    }

    /// The blocks: runs of entries and comments between blank lines.
    pub fn blocks(&self) -> Vec<Block<'_>> {
        let mut out = Vec::new();
        let mut current: Option<Block> = None;
        let mut line = 0;
        for chunk in &self.chunks {
            line += 1;
            match chunk {
                Chunk::Blank(_) => {
                    if let Some(b) = current.take() {
                        out.push(b);
                    }
                }
                Chunk::Comment(c) => {
                    current
                        .get_or_insert_with(|| Block {
                            kind: None,
                            entries: Vec::new(),
                            comments: Vec::new(),
                            line,
                        })
                        .comments
                        .push(c);
                }
                Chunk::Entry(e) => {
                    let b = current.get_or_insert_with(|| Block {
                        kind: None,
                        entries: Vec::new(),
                        comments: Vec::new(),
                        line: e.line.max(line),
                    });
                    if b.entries.is_empty() {
                        b.kind = match e.key.as_str() {
                            "purpose" => Some(BlockKind::Purpose),
                            "data" => Some(BlockKind::Data),
                            _ => None,
                        };
                    }
                    b.entries.push(e);
                    line += e.more.len();
                }
            }
        }
        if let Some(b) = current {
            out.push(b);
        }
        out
    }

    /// Parses and validates: every syntax error, then every rule of the
    /// format that does not hold, sorted by line.
    pub fn validate(text: &str) -> (Document, Vec<FormatError>) {
        let (doc, mut errors) = Document::parse(text);
        let mut purposes = 0;
        let mut first_data: Option<usize> = None;
        let mut names: Vec<(String, usize)> = Vec::new();
        for block in doc.blocks() {
            let Some(first) = block.entries.first() else {
                continue; // comments only
            };
            let kind = match block.kind {
                Some(k) => k,
                None => {
                    errors.push(FormatError {
                        line: first.line,
                        message: format!(
                            "a block starts with `{}`: it must start with `purpose:` or `data:`",
                            first.key
                        ),
                    });
                    continue;
                }
            };
            let (allowed, other) = match kind {
                BlockKind::Purpose => (PURPOSE_KEYS, "data"),
                BlockKind::Data => (DATA_KEYS, "purpose"),
            };
            let mut seen: Vec<&str> = Vec::new();
            for e in &block.entries {
                if seen.contains(&e.key.as_str()) {
                    errors.push(FormatError {
                        line: e.line,
                        message: format!("`{}` appears twice in this block", e.key),
                    });
                }
                seen.push(&e.key);
                let known =
                    PURPOSE_KEYS.contains(&e.key.as_str()) || DATA_KEYS.contains(&e.key.as_str());
                if known && !allowed.contains(&e.key.as_str()) {
                    errors.push(FormatError {
                        line: e.line,
                        message: format!(
                            "`{}` belongs to a {other} block (separate blocks with a blank line)",
                            e.key
                        ),
                    });
                }
            }
            let missing = |key: &str| -> Option<FormatError> {
                match block.get(key) {
                    None => Some(FormatError {
                        line: first.line,
                        message: format!("this block has no `{key}`"),
                    }),
                    Some(e) if e.value().is_empty() => Some(FormatError {
                        line: e.line,
                        message: format!("`{key}` has no value"),
                    }),
                    Some(_) => None,
                }
            };
            match kind {
                BlockKind::Purpose => {
                    purposes += 1;
                    errors.extend(missing("purpose"));
                    match block.get("lawfulness") {
                        Some(e)
                            if !e.value().is_empty()
                                && !LAWFULNESS.contains(&e.value().as_str()) =>
                        {
                            errors.push(FormatError {
                                line: e.line,
                                message: format!(
                                    "lawfulness `{}` is not one of: {}",
                                    e.value(),
                                    LAWFULNESS.join(", ")
                                ),
                            })
                        }
                        _ => errors.extend(missing("lawfulness")),
                    }
                }
                BlockKind::Data => {
                    first_data.get_or_insert(first.line);
                    match missing("data") {
                        Some(err) => errors.push(err),
                        None => {
                            let name = first.value();
                            // `Email` and `email` are one datum.
                            let same = |n: &String| {
                                n.to_lowercase()
                                    .split_whitespace()
                                    .eq(name.to_lowercase().split_whitespace())
                            };
                            if let Some((_, at)) = names.iter().find(|(n, _)| same(n)) {
                                errors.push(FormatError {
                                    line: first.line,
                                    message: format!(
                                        "data `{name}` is already declared on line {at}"
                                    ),
                                });
                            }
                            names.push((name, first.line));
                        }
                    }
                    match block.get("required") {
                        Some(e) if !matches!(e.value().as_str(), "true" | "false") => {
                            errors.push(FormatError {
                                line: e.line,
                                message: format!(
                                    "required must be `true` or `false`, not `{}`",
                                    e.value()
                                ),
                            })
                        }
                        _ => errors.extend(missing("required")),
                    }
                    errors.extend(missing("visibility"));
                    if block
                        .get("description")
                        .is_none_or(|e| e.value().is_empty())
                    {
                        errors.push(FormatError {
                            line: block.get("description").map_or(first.line, |e| e.line),
                            message: "a data block without description".into(),
                        });
                    }
                }
            }
        }
        if purposes == 0 {
            if let Some(line) = first_data {
                errors.push(FormatError {
                    line,
                    message: "data are declared but there is no purpose block (`purpose:` and `lawfulness:`)".into(),
                });
            }
        }
        errors.sort_by_key(|e| e.line);
        (doc, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = "# GDPR.txt of an example\n\npurpose: Connect users to their accounts\nlawfulness: legitimate interest\n\ndata: username\nrequired: true\nvisibility: private\ndescription:\n    The username identifies users\n    during the login.\nmitigation: Need not be a real name,\n            nor a known one.\n\n  \n# x-category: personal-data\ndata: email\nrequired: false\nvisibility: administrators\ndescription: Notifications.\n";

    #[test]
    fn parse_then_write_is_the_identity() {
        for text in [
            VALID,
            "",
            "# only a comment",
            "data: x\r\nrequired: true\r\n",
        ] {
            let (doc, _) = Document::parse(text);
            assert_eq!(doc.write(), text);
        }
        let (doc, errors) = Document::validate(VALID);
        assert!(errors.is_empty(), "{errors:?}");
        let blocks = doc.blocks();
        assert_eq!(blocks.len(), 4);
        assert_eq!(
            blocks[2].get("description").unwrap().value(),
            "The username identifies users\nduring the login."
        );
        assert_eq!(
            blocks[2].get("mitigation").unwrap().value(),
            "Need not be a real name,\nnor a known one."
        );
        assert_eq!(blocks[3].extension("category"), ["personal-data"]);
        assert_eq!(blocks[3].line, 16);
    }

    #[test]
    fn every_error_has_its_line() {
        let text = "purpose: Stats\nlawfulness: because\n\ndata: email\nrequired: yes\nvisibility: private\ncolour: blue\n\ndata: name\nrequired: true\n  more\nvisibility: private\n\ndata: email\nrequired: true\nvisibility: private\ndescription: again\nlawfulness: consent\nnot a key line\n";
        let (_, errors) = Document::validate(text);
        let got: Vec<(usize, String)> = errors
            .iter()
            .map(|e| {
                (
                    e.line,
                    e.message
                        .split_whitespace()
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            })
            .collect();
        let want: Vec<(usize, String)> = [
            (2, "lawfulness `because` is"),
            (4, "a data block"),
            (5, "required must be"),
            (7, "unknown key `colour`"),
            (9, "a data block"),
            (11, "`required` takes one"),
            (14, "data `email` is"),
            (18, "`lawfulness` belongs to"),
            (19, "expected `key: value`"),
        ]
        .iter()
        .map(|(l, m)| (*l, m.to_string()))
        .collect();
        assert_eq!(got, want);
        let (_, errors) =
            Document::validate("data: x\nrequired: true\nvisibility: private\ndescription: y\n");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("no purpose block"), "{errors:?}");
    }
}
