//! A compact document tree with a byte position for every node, built from
//! JSON (a small hand-written parser: no crate gives byte spans for every
//! node at this speed) or YAML (events of `saphyr-parser`).
//!
//! Nodes live in one arena; strings borrow the source text when they have no
//! escapes. YAML aliases share the anchored node instead of copying it, so an
//! alias bomb ("billion laughs") stays as small as its text; walkers that
//! follow every edge must keep a visited set (see `model`).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

/// Index of a node in its [`Tree`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// A string of the tree: a slice of the source text, or of the tree's own
/// buffer for strings that had escapes (high bit set).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Str {
    off: u32,
    len: u32,
}

const OWNED: u32 = 1 << 31;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// The number's text, parsed on demand.
    Number(Str),
    String(Str),
    Seq {
        first: u32,
        len: u32,
    },
    Map {
        first: u32,
        len: u32,
    },
}

#[derive(Clone, Copy, Debug)]
pub struct Node {
    /// Byte offset where the node starts in the source.
    pub start: u32,
    pub kind: Kind,
}

/// One key of a mapping.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub key: Str,
    /// Byte offset of the key in the source.
    pub key_start: u32,
    pub value: NodeId,
}

/// Why a document could not be loaded: a message and the byte offset where
/// the problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub offset: usize,
    pub message: String,
}

/// Nodes (and entries) a document may have: about 30 bytes each, so the tree
/// of the largest accepted document stays under 1 GiB.
const MAX_NODES: usize = 30_000_000;
/// Deepest nesting accepted (the parsers recurse, or keep a stack).
const MAX_DEPTH: usize = 400;

pub struct Tree<'a> {
    text: Cow<'a, str>,
    owned: String,
    nodes: Vec<Node>,
    /// Children of sequences, contiguous per sequence.
    items: Vec<NodeId>,
    /// Entries of mappings, contiguous per mapping.
    entries: Vec<Entry>,
    root: NodeId,
    /// Key index of large mappings (`paths`, `components/schemas`), built on
    /// first lookup: map start → key → position of its first entry.
    index: RefCell<HashMap<u32, HashMap<String, u32>>>,
}

/// Mappings with more entries than this get a key index.
const INDEXED: usize = 24;

impl<'a> Tree<'a> {
    pub fn root(&self) -> NodeId {
        self.root
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn kind(&self, id: NodeId) -> Kind {
        self.nodes[id.0 as usize].kind
    }

    pub fn start(&self, id: NodeId) -> usize {
        self.nodes[id.0 as usize].start as usize
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn str(&self, s: Str) -> &str {
        if s.off & OWNED != 0 {
            let off = (s.off & !OWNED) as usize;
            &self.owned[off..off + s.len as usize]
        } else {
            &self.text[s.off as usize..(s.off + s.len) as usize]
        }
    }

    /// The node's text when it is a string.
    pub fn as_str(&self, id: NodeId) -> Option<&str> {
        match self.kind(id) {
            Kind::String(s) => Some(self.str(s)),
            _ => None,
        }
    }

    /// The scalar's text, whatever its type (`3.0` and `"3.0"` alike).
    pub fn scalar_text(&self, id: NodeId) -> Option<Cow<'_, str>> {
        match self.kind(id) {
            Kind::String(s) | Kind::Number(s) => Some(Cow::Borrowed(self.str(s))),
            Kind::Bool(b) => Some(Cow::Borrowed(if b { "true" } else { "false" })),
            Kind::Null => None,
            Kind::Seq { .. } | Kind::Map { .. } => None,
        }
    }

    pub fn as_bool(&self, id: NodeId) -> Option<bool> {
        match self.kind(id) {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_f64(&self, id: NodeId) -> Option<f64> {
        match self.kind(id) {
            Kind::Number(s) => self.str(s).parse().ok(),
            _ => None,
        }
    }

    pub fn is_map(&self, id: NodeId) -> bool {
        matches!(self.kind(id), Kind::Map { .. })
    }

    pub fn entries(&self, id: NodeId) -> &[Entry] {
        match self.kind(id) {
            Kind::Map { first, len } => &self.entries[first as usize..(first + len) as usize],
            _ => &[],
        }
    }

    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match self.kind(id) {
            Kind::Seq { first, len } => &self.items[first as usize..(first + len) as usize],
            _ => &[],
        }
    }

    pub fn key(&self, e: &Entry) -> &str {
        self.str(e.key)
    }

    /// The entry of mapping `id` named `key` (the first one, if repeated).
    pub fn entry(&self, id: NodeId, key: &str) -> Option<&Entry> {
        let entries = self.entries(id);
        if entries.len() <= INDEXED {
            return entries.iter().find(|e| self.str(e.key) == key);
        }
        let Kind::Map { first, .. } = self.kind(id) else {
            return None;
        };
        let mut index = self.index.borrow_mut();
        let keys = index.entry(first).or_insert_with(|| {
            let mut keys = HashMap::with_capacity(entries.len());
            for (i, e) in entries.iter().enumerate() {
                keys.entry(self.str(e.key).to_string()).or_insert(i as u32);
            }
            keys
        });
        keys.get(key).map(|&i| &entries[i as usize])
    }

    /// The value of key `key` in mapping `id`.
    pub fn get(&self, id: NodeId, key: &str) -> Option<NodeId> {
        self.entry(id, key).map(|e| e.value)
    }

    /// Follows a JSON pointer (`/paths/~1pets/get`, already percent-decoded)
    /// from the root.
    pub fn pointer(&self, pointer: &str) -> Option<NodeId> {
        let mut node = self.root;
        if pointer.is_empty() {
            return Some(node);
        }
        let rest = pointer.strip_prefix('/')?;
        for token in rest.split('/') {
            let token = unescape_token(token);
            node = match self.kind(node) {
                Kind::Map { .. } => self.get(node, &token)?,
                Kind::Seq { .. } => *self.items(node).get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// `~1` is `/` and `~0` is `~` in a JSON pointer token.
pub fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Escapes a key for a JSON pointer.
pub fn escape_token(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

/// Builds the arena bottom-up: children are collected on scratch stacks and
/// copied into the contiguous arrays when their container closes.
struct Builder {
    owned: String,
    nodes: Vec<Node>,
    items: Vec<NodeId>,
    entries: Vec<Entry>,
    item_stack: Vec<NodeId>,
    entry_stack: Vec<Entry>,
}

impl Builder {
    fn new(len: usize) -> Self {
        let hint = len / 16;
        Builder {
            owned: String::new(),
            nodes: Vec::with_capacity(hint),
            items: Vec::new(),
            entries: Vec::with_capacity(hint / 2),
            item_stack: Vec::new(),
            entry_stack: Vec::new(),
        }
    }

    fn finish(self, text: Cow<'_, str>, root: NodeId) -> Tree<'_> {
        Tree {
            text,
            owned: self.owned,
            nodes: self.nodes,
            items: self.items,
            entries: self.entries,
            root,
            index: RefCell::new(HashMap::new()),
        }
    }

    /// Text of a string while building.
    fn str<'t>(&'t self, text: &'t str, s: Str) -> &'t str {
        if s.off & OWNED != 0 {
            let off = (s.off & !OWNED) as usize;
            &self.owned[off..off + s.len as usize]
        } else {
            &text[s.off as usize..(s.off + s.len) as usize]
        }
    }

    fn push(&mut self, start: usize, kind: Kind) -> Result<NodeId, LoadError> {
        let total = self.nodes.len() + self.entries.len() + self.items.len();
        if total >= MAX_NODES {
            return Err(LoadError {
                offset: start,
                message: format!("document too large: more than {MAX_NODES} nodes"),
            });
        }
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node {
            start: start as u32,
            kind,
        });
        Ok(id)
    }

    fn owned(&mut self, s: &str) -> Str {
        let off = self.owned.len() as u32;
        self.owned.push_str(s);
        Str {
            off: off | OWNED,
            len: s.len() as u32,
        }
    }

    /// A string of the source when `s` is a slice of it, else a copy.
    fn string(&mut self, text: &str, s: &str) -> Str {
        let base = text.as_ptr() as usize;
        let ptr = s.as_ptr() as usize;
        if ptr >= base && ptr + s.len() <= base + text.len() {
            Str {
                off: (ptr - base) as u32,
                len: s.len() as u32,
            }
        } else {
            self.owned(s)
        }
    }

    fn close_seq(&mut self, mark: usize) -> Kind {
        let first = self.items.len() as u32;
        self.items.extend(self.item_stack.drain(mark..));
        Kind::Seq {
            first,
            len: self.items.len() as u32 - first,
        }
    }

    fn close_map(&mut self, mark: usize) -> Kind {
        let first = self.entries.len() as u32;
        self.entries.extend(self.entry_stack.drain(mark..));
        Kind::Map {
            first,
            len: self.entries.len() as u32 - first,
        }
    }
}

/// Parses a JSON document.
pub fn parse_json(text: Cow<'_, str>) -> Result<Tree<'_>, LoadError> {
    if text.len() >= OWNED as usize {
        return Err(LoadError {
            offset: 0,
            message: "document larger than 2 GiB".into(),
        });
    }
    let (builder, root) = {
        let mut parser = JsonParser {
            text: &text,
            builder: Builder::new(text.len()),
            pos: 0,
        };
        parser.skip_ws();
        let root = parser.value(0)?;
        parser.skip_ws();
        if parser.pos < text.len() {
            return Err(parser.error("unexpected text after the JSON document"));
        }
        (parser.builder, root)
    };
    Ok(builder.finish(text, root))
}

struct JsonParser<'t> {
    text: &'t str,
    builder: Builder,
    pos: usize,
}

impl JsonParser<'_> {
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    fn error(&self, message: &str) -> LoadError {
        let found = match self.bytes().get(self.pos) {
            None => "end of file".to_string(),
            Some(&b) if b.is_ascii_graphic() => format!("`{}`", b as char),
            Some(&b) => format!("byte 0x{b:02x}"),
        };
        LoadError {
            offset: self.pos,
            message: format!("invalid JSON: {message} (found {found})"),
        }
    }

    fn skip_ws(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<NodeId, LoadError> {
        if depth > MAX_DEPTH {
            return Err(self.error(&format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let start = self.pos;
        match self.bytes().get(self.pos) {
            Some(b'{') => {
                self.pos += 1;
                let mark = self.builder.entry_stack.len();
                self.skip_ws();
                if self.bytes().get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.skip_ws();
                        if self.bytes().get(self.pos) != Some(&b'"') {
                            return Err(self.error("expected a string key"));
                        }
                        let key_start = self.pos;
                        let key = self.string()?;
                        self.skip_ws();
                        if self.bytes().get(self.pos) != Some(&b':') {
                            return Err(self.error("expected `:` after the key"));
                        }
                        self.pos += 1;
                        self.skip_ws();
                        let value = self.value(depth + 1)?;
                        self.builder.entry_stack.push(Entry {
                            key,
                            key_start: key_start as u32,
                            value,
                        });
                        self.skip_ws();
                        match self.bytes().get(self.pos) {
                            Some(b',') => self.pos += 1,
                            Some(b'}') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return Err(self.error("expected `,` or `}`")),
                        }
                    }
                }
                let kind = self.builder.close_map(mark);
                self.builder.push(start, kind)
            }
            Some(b'[') => {
                self.pos += 1;
                let mark = self.builder.item_stack.len();
                self.skip_ws();
                if self.bytes().get(self.pos) == Some(&b']') {
                    self.pos += 1;
                } else {
                    loop {
                        self.skip_ws();
                        let item = self.value(depth + 1)?;
                        self.builder.item_stack.push(item);
                        self.skip_ws();
                        match self.bytes().get(self.pos) {
                            Some(b',') => self.pos += 1,
                            Some(b']') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return Err(self.error("expected `,` or `]`")),
                        }
                    }
                }
                let kind = self.builder.close_seq(mark);
                self.builder.push(start, kind)
            }
            Some(b'"') => {
                let s = self.string()?;
                self.builder.push(start, Kind::String(s))
            }
            Some(b't') => self.literal(b"true", Kind::Bool(true)),
            Some(b'f') => self.literal(b"false", Kind::Bool(false)),
            Some(b'n') => self.literal(b"null", Kind::Null),
            Some(b'-' | b'0'..=b'9') => {
                let bytes = self.bytes();
                let mut end = self.pos + 1;
                while let Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') = bytes.get(end) {
                    end += 1;
                }
                let text = &self.text[self.pos..end];
                if text.parse::<f64>().is_err() {
                    return Err(self.error("invalid number"));
                }
                self.pos = end;
                let s = Str {
                    off: start as u32,
                    len: (end - start) as u32,
                };
                self.builder.push(start, Kind::Number(s))
            }
            _ => Err(self.error("expected a value")),
        }
    }

    fn literal(&mut self, word: &[u8], kind: Kind) -> Result<NodeId, LoadError> {
        let start = self.pos;
        if self.bytes()[start..].starts_with(word) {
            self.pos += word.len();
            self.builder.push(start, kind)
        } else {
            Err(self.error("expected a value"))
        }
    }

    /// Parses a string at `self.pos` (on its opening quote).
    fn string(&mut self) -> Result<Str, LoadError> {
        let start = self.pos + 1;
        let bytes = self.text.as_bytes();
        let mut i = start;
        // Fast path: no escape, borrow the source.
        let Some(k) = memchr::memchr3(b'"', b'\\', b'\n', &bytes[i..]) else {
            self.pos = bytes.len();
            return Err(self.error("unterminated string"));
        };
        i += k;
        match bytes[i] {
            b'"' => {
                if let Some(bad) = bytes[start..i].iter().position(|&b| b < 0x20) {
                    self.pos = start + bad;
                    return Err(self.error("control character in a string"));
                }
                self.pos = i + 1;
                return Ok(Str {
                    off: start as u32,
                    len: (i - start) as u32,
                });
            }
            b'\n' => {
                self.pos = i;
                return Err(self.error("line break in a string"));
            }
            _ => {}
        }
        // Slow path: decode escapes into the owned buffer.
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.text[start..i]);
        loop {
            let bytes = self.text.as_bytes();
            match bytes.get(i) {
                None => {
                    self.pos = i;
                    return Err(self.error("unterminated string"));
                }
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(self.builder.owned(&out));
                }
                Some(b'\\') => {
                    let c = match bytes.get(i + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let (c, used) = self.unicode_escape(i)?;
                            out.push(c);
                            i += used;
                            continue;
                        }
                        _ => {
                            self.pos = i;
                            return Err(self.error("invalid escape"));
                        }
                    };
                    out.push(c);
                    i += 2;
                }
                Some(&b) if b < 0x20 => {
                    self.pos = i;
                    return Err(self.error("control character in a string"));
                }
                Some(_) => {
                    let text = &self.text[i..];
                    let run = text.find(['"', '\\']).unwrap_or(text.len()).max(1);
                    let run = text[..run]
                        .find(|c: char| (c as u32) < 0x20)
                        .unwrap_or(run)
                        .max(1);
                    // Keep to char boundaries: `find` returns them.
                    let piece = &self.text[i..i + run];
                    out.push_str(piece);
                    i += run;
                }
            }
        }
    }

    /// Decodes `\uXXXX` (and a following low surrogate) at `i`; returns the
    /// character and the bytes used.
    fn unicode_escape(&mut self, i: usize) -> Result<(char, usize), LoadError> {
        let hex = |p: usize, this: &Self| -> Option<u32> {
            let digits = this.text.get(p..p + 4)?;
            u32::from_str_radix(digits, 16).ok()
        };
        let Some(high) = hex(i + 2, self) else {
            self.pos = i;
            return Err(self.error("invalid \\u escape"));
        };
        if (0xD800..0xDC00).contains(&high) {
            let bytes = self.bytes();
            if bytes.get(i + 6) == Some(&b'\\') && bytes.get(i + 7) == Some(&b'u') {
                if let Some(low) = hex(i + 8, self).filter(|l| (0xDC00..0xE000).contains(l)) {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return Ok((char::from_u32(c).unwrap_or('\u{FFFD}'), 12));
                }
            }
            return Ok(('\u{FFFD}', 6));
        }
        Ok((char::from_u32(high).unwrap_or('\u{FFFD}'), 6))
    }
}

/// Parses the first document of a YAML stream. Plain scalars get YAML 1.2
/// core-schema types (`null`, `true`, numbers); keys are kept as text.
pub fn parse_yaml(text: Cow<'_, str>) -> Result<Tree<'_>, LoadError> {
    if text.len() >= OWNED as usize {
        return Err(LoadError {
            offset: 0,
            message: "document larger than 2 GiB".into(),
        });
    }
    let (builder, root) = build_yaml(&text)?;
    Ok(builder.finish(text, root))
}

fn build_yaml(text_ref: &str) -> Result<(Builder, NodeId), LoadError> {
    use saphyr_parser::{Event, Parser, ScalarStyle};

    let mut builder = Builder::new(text_ref.len());
    // Byte offsets of line starts, to turn the parser's (line, column in
    // characters) into byte offsets.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text_ref.as_bytes()).map(|i| i + 1))
        .collect();
    let offset_of = |m: &saphyr_parser::Marker| -> usize {
        let line_start = line_starts
            .get(m.line().saturating_sub(1))
            .copied()
            .unwrap_or(text_ref.len());
        let rest = &text_ref[line_start.min(text_ref.len())..];
        let col = m.col();
        if rest.as_bytes().iter().take(col).all(u8::is_ascii) {
            line_start + col.min(rest.len())
        } else {
            line_start + rest.char_indices().nth(col).map_or(rest.len(), |(b, _)| b)
        }
    };

    enum Open {
        Seq {
            start: usize,
            mark: usize,
            anchor: usize,
        },
        Map {
            start: usize,
            mark: usize,
            anchor: usize,
            key: Option<(Str, usize)>,
        },
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, NodeId> = std::collections::HashMap::new();
    let mut root = None;
    let parser = Parser::new_from_str(text_ref);
    let yaml_error = |offset: usize, message: String| LoadError {
        offset,
        message: format!("invalid YAML: {message}"),
    };

    for event in parser {
        let (event, span) = match event {
            Ok(ev) => ev,
            Err(err) => return Err(yaml_error(offset_of(err.marker()), err.info().to_string())),
        };
        let start = offset_of(&span.start);
        // A completed node to attach to its parent.
        let mut done: Option<NodeId> = None;
        match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => {}
            Event::DocumentEnd | Event::StreamEnd => {
                if root.is_some() {
                    break;
                }
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(&node) => done = Some(node),
                None => {
                    return Err(yaml_error(
                        start,
                        "alias to an unknown or enclosing anchor".into(),
                    ))
                }
            },
            Event::Scalar(value, style, anchor, _tag) => {
                // A mapping waiting for its key takes this scalar as the key.
                if let Some(Open::Map { key, .. }) = stack.last() {
                    if key.is_none() {
                        let s = builder.string(text_ref, &value);
                        if let Some(Open::Map { key, .. }) = stack.last_mut() {
                            *key = Some((s, start));
                        }
                        continue;
                    }
                }
                let kind = if style == ScalarStyle::Plain {
                    match value.as_ref() {
                        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
                        "true" | "True" | "TRUE" => Kind::Bool(true),
                        "false" | "False" | "FALSE" => Kind::Bool(false),
                        v if looks_numeric(v) => Kind::Number(builder.string(text_ref, &value)),
                        _ => Kind::String(builder.string(text_ref, &value)),
                    }
                } else {
                    Kind::String(builder.string(text_ref, &value))
                };
                let id = builder.push(start, kind)?;
                if anchor > 0 {
                    anchors.insert(anchor, id);
                }
                done = Some(id);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(yaml_error(
                        start,
                        format!("nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                // A collection used as a key: keep a placeholder text.
                if let Some(Open::Map { key: None, .. }) = stack.last() {
                    return Err(yaml_error(
                        start,
                        "a collection used as a mapping key is not supported".into(),
                    ));
                }
                if matches!(event, Event::SequenceStart(..)) {
                    stack.push(Open::Seq {
                        start,
                        mark: builder.item_stack.len(),
                        anchor,
                    });
                } else {
                    stack.push(Open::Map {
                        start,
                        mark: builder.entry_stack.len(),
                        anchor,
                        key: None,
                    });
                }
            }
            Event::SequenceEnd => {
                if let Some(Open::Seq {
                    start,
                    mark,
                    anchor,
                }) = stack.pop()
                {
                    let kind = builder.close_seq(mark);
                    let id = builder.push(start, kind)?;
                    if anchor > 0 {
                        anchors.insert(anchor, id);
                    }
                    done = Some(id);
                }
            }
            Event::MappingEnd => {
                if let Some(Open::Map {
                    start,
                    mark,
                    anchor,
                    ..
                }) = stack.pop()
                {
                    merge_keys(&mut builder, text_ref, mark);
                    let kind = builder.close_map(mark);
                    let id = builder.push(start, kind)?;
                    if anchor > 0 {
                        anchors.insert(anchor, id);
                    }
                    done = Some(id);
                }
            }
        }
        if let Some(id) = done {
            match stack.last_mut() {
                None => {
                    if root.is_none() {
                        root = Some(id);
                    }
                }
                Some(Open::Seq { .. }) => builder.item_stack.push(id),
                Some(Open::Map { key, .. }) => match key.take() {
                    Some((k, key_start)) => builder.entry_stack.push(Entry {
                        key: k,
                        key_start: key_start as u32,
                        value: id,
                    }),
                    None => {
                        // An alias used as a key: take its text when scalar.
                        let node = builder.nodes[id.0 as usize];
                        let text = match node.kind {
                            Kind::String(s) | Kind::Number(s) => {
                                builder.str(text_ref, s).to_string()
                            }
                            Kind::Bool(b) => b.to_string(),
                            _ => String::new(),
                        };
                        let s = builder.owned(&text);
                        let key_start = node.start as usize;
                        if let Some(Open::Map { key, .. }) = stack.last_mut() {
                            *key = Some((s, key_start));
                        }
                    }
                },
            }
        }
    }
    let root = match root {
        Some(root) => root,
        // An empty stream: a null document.
        None => builder.push(0, Kind::Null)?,
    };
    Ok((builder, root))
}

/// YAML merge keys (`<<: *base` or `<<: [*a, *b]`): the merged mappings'
/// entries are appended unless the mapping has the key already.
fn merge_keys(builder: &mut Builder, text: &str, mark: usize) {
    let has_merge = builder.entry_stack[mark..]
        .iter()
        .any(|e| builder.str(text, e.key) == "<<");
    if !has_merge {
        return;
    }
    let own: Vec<Entry> = builder.entry_stack.drain(mark..).collect();
    let mut sources = Vec::new();
    let mut kept = Vec::new();
    for e in own {
        if builder.str(text, e.key) == "<<" {
            match builder.nodes[e.value.0 as usize].kind {
                Kind::Map { .. } => sources.push(e.value),
                Kind::Seq { first, len } => sources.extend(
                    builder.items[first as usize..(first + len) as usize]
                        .iter()
                        .copied(),
                ),
                _ => kept.push(e),
            }
        } else {
            kept.push(e);
        }
    }
    for source in sources {
        let merged: Vec<Entry> = match builder.nodes[source.0 as usize].kind {
            Kind::Map { first, len } => {
                builder.entries[first as usize..(first + len) as usize].to_vec()
            }
            _ => Vec::new(),
        };
        for e in merged {
            let name = builder.str(text, e.key);
            if !kept.iter().any(|k| builder.str(text, k.key) == name) {
                kept.push(e);
            }
        }
    }
    builder.entry_stack.extend(kept);
}

fn looks_numeric(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    !v.is_empty()
        && v.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && (v.parse::<f64>().is_ok()
            || v.strip_prefix("0x")
                .is_some_and(|h| u64::from_str_radix(h, 16).is_ok())
            || v.strip_prefix("0o")
                .is_some_and(|o| u64::from_str_radix(o, 8).is_ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Tree<'_> {
        parse_json(Cow::Borrowed(text)).unwrap()
    }

    #[test]
    fn json_positions_and_pointers() {
        let text = "{\n  \"paths\": {\n    \"/a/{id}\": {\"get\": {\"x\": [1, true, null, \"s\\n\"]}}\n  }\n}";
        let tree = json(text);
        let get = tree.pointer("/paths/~1a~1{id}/get").unwrap();
        assert_eq!(&text[tree.start(get)..tree.start(get) + 1], "{");
        let x = tree.get(get, "x").unwrap();
        let items = tree.items(x);
        assert_eq!(items.len(), 4);
        assert_eq!(tree.as_f64(items[0]), Some(1.0));
        assert_eq!(tree.as_bool(items[1]), Some(true));
        assert_eq!(tree.kind(items[2]), Kind::Null);
        assert_eq!(tree.as_str(items[3]), Some("s\n"));
        let entry = tree.entry(tree.root(), "paths").unwrap();
        assert_eq!(&text[entry.key_start as usize..][..7], "\"paths\"");
    }

    #[test]
    fn json_escapes_and_unicode() {
        let tree = json(r#"{"k\u00e9y": "a\"b\\c\ud83d\ude00 é"}"#);
        let e = &tree.entries(tree.root())[0];
        assert_eq!(tree.key(e), "kéy");
        assert_eq!(tree.as_str(e.value), Some("a\"b\\c😀 é"));
    }

    #[test]
    fn json_errors_have_offsets() {
        for (text, offset) in [
            ("{\"a\": }", 6),
            ("[1, 2", 5),
            ("{\"a\" 1}", 5),
            ("{} x", 3),
            ("\"abc", 4),
        ] {
            let err = parse_json(Cow::Borrowed(text)).err().unwrap();
            assert_eq!(err.offset, offset, "{text}: {}", err.message);
            assert!(err.message.starts_with("invalid JSON"));
        }
        let deep = "[".repeat(10_000);
        assert!(parse_json(Cow::Borrowed(&deep)).is_err());
    }

    #[test]
    fn yaml_positions_types_and_merge_keys() {
        let text = "openapi: 3.0.3\nbase: &b\n  x: 1\n  y: two\npaths:\n  /é/{id}:\n    get:\n      <<: *b\n      y: three\n      'n': ~\n";
        let tree = parse_yaml(Cow::Borrowed(text)).unwrap();
        let version = tree.get(tree.root(), "openapi").unwrap();
        assert_eq!(tree.scalar_text(version).as_deref(), Some("3.0.3"));
        let get_entry = tree
            .entry(tree.pointer("/paths/~1é~1{id}").unwrap(), "get")
            .unwrap();
        assert_eq!(&text[get_entry.key_start as usize..][..4], "get:");
        let get = get_entry.value;
        assert_eq!(tree.as_str(tree.get(get, "y").unwrap()), Some("three"));
        assert_eq!(tree.as_f64(tree.get(get, "x").unwrap()), Some(1.0));
        assert_eq!(tree.kind(tree.get(get, "n").unwrap()), Kind::Null);
        let y = tree.entry(get, "y").unwrap();
        assert_eq!(&text[y.key_start as usize..][..8], "y: three");
    }

    #[test]
    fn yaml_alias_bomb_stays_small() {
        let mut text = String::from(
            "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev},*a{prev},*a{prev},*a{prev},*a{prev},*a{prev},*a{prev},*a{prev},*a{prev}]\n"
            ));
        }
        let tree = parse_yaml(Cow::Borrowed(&text)).unwrap();
        assert!(tree.len() < 200, "{} nodes", tree.len());
    }

    #[test]
    fn yaml_errors_have_offsets() {
        let text = "a: 1\nb: [1, 2\nc: 3\n";
        let err = parse_yaml(Cow::Borrowed(text)).err().unwrap();
        assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
        assert!(err.offset > 4, "{err:?}");
    }
}
