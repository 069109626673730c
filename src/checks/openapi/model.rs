//! One model for Swagger 2.0, OpenAPI 3.0 and OpenAPI 3.1: a read-only view
//! over the positioned [`Tree`]s of a document and the files it references,
//! shaped like OpenAPI 3.0 (as the `openapiv3` types are), so that every rule
//! is written once.
//!
//! Why a view and not a conversion into `openapiv3` values: serde structs
//! lose the position of every node (the rules must report exact lines), one
//! deviation from the schema rejects a whole real-world document, and a
//! converted copy of a 47 MB description would double the memory. The view
//! keeps the document as parsed and answers 3.0-shaped questions; each place
//! where 2.0 or 3.1 is folded into the 3.0 shape says what is lost.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::tree::{escape_token, unescape_token, Kind, NodeId, Tree};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

impl Version {
    pub fn label(self) -> &'static str {
        match self {
            Version::Swagger2 => "Swagger 2.0",
            Version::OpenApi30 => "OpenAPI 3.0",
            Version::OpenApi31 => "OpenAPI 3.1",
        }
    }
}

/// A node of one of the loaded documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub doc: u16,
    pub node: NodeId,
}

/// One loaded file: the root document (index 0) or a file reached by `$ref`.
pub struct Doc<'a> {
    /// Path as reported (relative to the scan root for the root document).
    pub label: String,
    /// Where the file is on disk, to resolve relative `$ref`s.
    pub file: Option<PathBuf>,
    pub tree: Tree<'a>,
}

/// A problem met while resolving references, reported once per cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub doc: u16,
    pub offset: usize,
    pub message: String,
    /// Not audited on purpose (a remote `$ref`), not broken input.
    pub note: bool,
}

pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

pub struct Spec<'a> {
    pub docs: Vec<Doc<'a>>,
    pub version: Version,
    /// Resolved `$ref` strings, per document.
    refs: RefCell<Vec<HashMap<String, Option<Loc>>>>,
    problems: RefCell<Vec<Problem>>,
}

/// How to read files named by relative `$ref`s: only inside `root`.
pub struct FileAccess {
    pub root: PathBuf,
    /// Largest file read.
    pub max_size: u64,
}

#[derive(Clone, Debug)]
pub struct Operation {
    /// The path template (`/patients/{id}`), or the webhook's name.
    pub path: String,
    /// Lower case, as written (`get`).
    pub method: &'static str,
    pub node: Loc,
    pub path_item: Loc,
    /// Byte offset of the method key, where operation findings point.
    pub offset: usize,
    /// JSON pointer of the operation.
    pub pointer: String,
    /// An OpenAPI 3.1 webhook: a request the API sends, not one it serves.
    pub webhook: bool,
    /// Position in [`Spec::operations`].
    pub index: usize,
}

impl Operation {
    pub fn label(&self) -> String {
        format!("{} {}", self.method.to_ascii_uppercase(), self.path)
    }

    pub fn writes(&self) -> bool {
        matches!(self.method, "post" | "put" | "patch" | "delete")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIn {
    Path,
    Query,
    Header,
    Cookie,
    /// Swagger 2.0 `in: body` (folded into the request body).
    Body,
    /// Swagger 2.0 `in: formData` (folded into the request body).
    FormData,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub location: ParamIn,
    /// The parameter object (after `$ref`).
    pub node: Loc,
    /// Offset where the parameter is written (its `name`, or the `$ref`).
    pub offset: usize,
    /// Where to report it: in the root document, the parameter's own
    /// position when it lives there, else the operation's.
    pub pointer: String,
    /// The schema constraining the value: 3.x `schema`; in Swagger 2.0 the
    /// parameter itself carries `type`, `maxLength`... (body: its `schema`).
    pub schema: Option<Loc>,
    pub required: bool,
    /// The `$ref` it was written as, when shared (`#/components/parameters/top`).
    pub reference: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Body {
    pub media: String,
    pub schema: Option<Loc>,
    pub pointer: String,
}

#[derive(Clone, Debug)]
pub struct Response {
    pub code: String,
    pub offset: usize,
    pub node: Loc,
    pub pointer: String,
    /// (media type, schema, pointer of the schema)
    pub schemas: Vec<(String, Loc, String)>,
    pub headers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
    Implicit,
    Password,
    ClientCredentials,
    AuthorizationCode,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    ApiKey {
        location: String,
    },
    Http {
        scheme: String,
    },
    OAuth2 {
        flows: Vec<(Flow, usize, Vec<String>)>,
    },
    OpenIdConnect,
    MutualTls,
    Unknown(String),
}

#[derive(Clone, Debug)]
pub struct Scheme {
    pub name: String,
    pub kind: SchemeKind,
    /// Offset of the scheme's key.
    pub offset: usize,
    pub node: Loc,
    pub pointer: String,
}

/// One alternative of a security requirement: every scheme named must be
/// satisfied (AND); alternatives are ORed.
#[derive(Clone, Debug)]
pub struct Requirement {
    /// (scheme name, scopes, offset of the name)
    pub schemes: Vec<(String, Vec<String>, usize)>,
    pub offset: usize,
}

#[derive(Clone, Debug)]
pub struct Security {
    pub alternatives: Vec<Requirement>,
    /// Offset of the `security` key.
    pub offset: usize,
    pub pointer: String,
}

impl Security {
    /// No alternative, or one alternative that requires nothing (`{}`):
    /// anyone may call.
    pub fn is_open(&self) -> bool {
        self.alternatives.is_empty() || self.alternatives.iter().any(|a| a.schemes.is_empty())
    }
}

#[derive(Clone, Debug)]
pub struct Server {
    pub url: String,
    pub offset: usize,
    pub pointer: String,
}

/// A property of an object schema.
#[derive(Clone, Debug)]
pub struct Property {
    pub name: String,
    /// Offset of the property's key.
    pub offset: usize,
    pub doc: u16,
    pub schema: Loc,
    pub pointer: String,
}

/// The JSON types a schema allows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Types {
    pub object: bool,
    pub array: bool,
    pub string: bool,
    pub number: bool,
    pub boolean: bool,
    pub null: bool,
    /// No `type` at all (inferred from `properties` / `items` if present).
    pub any: bool,
}

impl<'a> Spec<'a> {
    /// Recognises the version of a parsed root document; `None` when it is
    /// not an OpenAPI or Swagger document.
    pub fn detect(tree: &Tree<'_>) -> Option<Version> {
        let root = tree.root();
        if let Some(v) = tree.get(root, "openapi").and_then(|n| tree.scalar_text(n)) {
            if v.starts_with("3.1") || v.starts_with("3.2") {
                return Some(Version::OpenApi31);
            }
            if v.starts_with("3.") || v == "3" {
                return Some(Version::OpenApi30);
            }
            return None;
        }
        match tree.get(root, "swagger").and_then(|n| tree.scalar_text(n)) {
            Some(v) if v.starts_with('2') => Some(Version::Swagger2),
            _ => None,
        }
    }

    /// Builds the model over a root document, loading the files its
    /// relative `$ref`s name (recursively) when `files` allows it.
    pub fn new(root: Doc<'a>, version: Version, files: Option<&FileAccess>) -> Spec<'a> {
        let mut spec = Spec {
            docs: vec![root],
            version,
            refs: RefCell::new(Vec::new()),
            problems: RefCell::new(Vec::new()),
        };
        spec.load_external(files);
        spec
    }

    fn load_external(&mut self, files: Option<&FileAccess>) {
        let mut index = 0;
        let mut remote_noted = false;
        while index < self.docs.len() && self.docs.len() < 1000 {
            let doc = &self.docs[index];
            let mut wanted: Vec<(String, usize)> = Vec::new();
            for (value, offset) in ref_strings(&doc.tree) {
                let file = value.split('#').next().unwrap_or("");
                if file.is_empty() {
                    continue;
                }
                if file.contains("://") {
                    if !remote_noted {
                        remote_noted = true;
                        self.problems.borrow_mut().push(Problem {
                            note: true,
                            doc: index as u16,
                            offset,
                            message: format!(
                                "remote $ref `{value}` is not fetched (vigie never downloads); \
                                 what it points to is not audited"
                            ),
                        });
                    }
                    continue;
                }
                if !wanted.iter().any(|(w, _)| w == file) {
                    wanted.push((file.to_string(), offset));
                }
            }
            let base = doc.file.clone();
            for (file, offset) in wanted {
                let Some(base) = &base else { continue };
                let Some(files) = files else { continue };
                let target = base
                    .parent()
                    .unwrap_or(Path::new("."))
                    .join(percent_decode(&file).as_ref());
                let canonical = match target.canonicalize() {
                    Ok(c) => c,
                    Err(err) => {
                        self.problem(
                            index as u16,
                            offset,
                            format!("$ref file `{file}` cannot be read: {err}"),
                        );
                        continue;
                    }
                };
                if self
                    .docs
                    .iter()
                    .any(|d| d.file.as_deref() == Some(canonical.as_path()))
                {
                    continue;
                }
                if !canonical.starts_with(&files.root) {
                    self.problem(
                        index as u16,
                        offset,
                        format!("$ref file `{file}` is outside the scanned tree: not read"),
                    );
                    continue;
                }
                match load_file(&canonical, files.max_size) {
                    Ok(tree) => {
                        let label = canonical
                            .strip_prefix(&files.root)
                            .unwrap_or(&canonical)
                            .to_string_lossy()
                            .replace('\\', "/");
                        self.docs.push(Doc {
                            label,
                            file: Some(canonical),
                            tree,
                        });
                    }
                    Err(message) => self.problem(
                        index as u16,
                        offset,
                        format!("$ref file `{file}`: {message}"),
                    ),
                }
            }
            index += 1;
        }
    }

    pub fn problem(&self, doc: u16, offset: usize, message: String) {
        let mut problems = self.problems.borrow_mut();
        if !problems.iter().any(|p| p.message == message) {
            problems.push(Problem {
                doc,
                offset,
                message,
                note: false,
            });
        }
    }

    pub fn take_problems(&self) -> Vec<Problem> {
        std::mem::take(&mut self.problems.borrow_mut())
    }

    pub fn tree(&self, doc: u16) -> &Tree<'a> {
        &self.docs[doc as usize].tree
    }

    pub fn root(&self) -> Loc {
        Loc {
            doc: 0,
            node: self.docs[0].tree.root(),
        }
    }

    pub fn is_v2(&self) -> bool {
        self.version == Version::Swagger2
    }

    pub fn get(&self, at: Loc, key: &str) -> Option<Loc> {
        self.tree(at.doc)
            .get(at.node, key)
            .map(|node| Loc { doc: at.doc, node })
    }

    /// `get` then resolve.
    pub fn get_r(&self, at: Loc, key: &str) -> Option<Loc> {
        self.get(at, key).map(|l| self.resolve(l))
    }

    pub fn str(&self, at: Loc) -> Option<&str> {
        self.tree(at.doc).as_str(at.node)
    }

    pub fn text(&self, at: Loc) -> Option<Cow<'_, str>> {
        self.tree(at.doc).scalar_text(at.node)
    }

    pub fn str_of(&self, at: Loc, key: &str) -> Option<&str> {
        self.get(at, key).and_then(|l| self.str(l))
    }

    pub fn start(&self, at: Loc) -> usize {
        self.tree(at.doc).start(at.node)
    }

    /// Entries of a mapping: (key, key offset, value).
    pub fn entries(&self, at: Loc) -> impl Iterator<Item = (&str, usize, Loc)> + '_ {
        let tree = self.tree(at.doc);
        tree.entries(at.node).iter().map(move |e| {
            (
                tree.key(e),
                e.key_start as usize,
                Loc {
                    doc: at.doc,
                    node: e.value,
                },
            )
        })
    }

    pub fn items(&self, at: Loc) -> impl Iterator<Item = Loc> + '_ {
        self.tree(at.doc)
            .items(at.node)
            .iter()
            .map(move |&node| Loc { doc: at.doc, node })
    }

    pub fn key_offset(&self, at: Loc, key: &str) -> Option<usize> {
        self.tree(at.doc)
            .entry(at.node, key)
            .map(|e| e.key_start as usize)
    }

    pub fn is_map(&self, at: Loc) -> bool {
        self.tree(at.doc).is_map(at.node)
    }

    /// The `$ref` string of a reference object.
    pub fn ref_of(&self, at: Loc) -> Option<&str> {
        self.str_of(at, "$ref")
    }

    /// Follows `$ref`s (local pointers and loaded files) to the target; a
    /// missing target, a remote file or a cycle leaves the reference object
    /// itself (with a problem reported once).
    pub fn resolve(&self, at: Loc) -> Loc {
        let mut current = at;
        let mut seen: Vec<Loc> = Vec::new();
        while let Some(reference) = self.ref_of(current) {
            if let Some(first) = seen.iter().position(|l| *l == current) {
                // Name the cycle by its references, sorted: the same cycle
                // entered from two places is one problem.
                let mut refs: Vec<&str> = seen[first..]
                    .iter()
                    .filter_map(|l| self.ref_of(*l))
                    .collect();
                refs.sort_unstable();
                refs.dedup();
                let list: Vec<String> = refs.iter().map(|r| format!("`{r}`")).collect();
                let offset = self.start(at);
                self.problem(at.doc, offset, format!("$ref cycle: {}", list.join(" → ")));
                return at;
            }
            if seen.len() > 64 {
                let offset = self.start(at);
                self.problem(
                    at.doc,
                    offset,
                    format!("$ref chain longer than 64 through `{reference}`"),
                );
                return at;
            }
            seen.push(current);
            match self.lookup(current.doc, reference) {
                Some(next) => current = next,
                None => return current,
            }
        }
        current
    }

    /// The target of a `$ref` string written in document `doc`.
    fn lookup(&self, doc: u16, reference: &str) -> Option<Loc> {
        if let Some(hit) = self
            .refs
            .borrow()
            .get(doc as usize)
            .and_then(|m| m.get(reference))
        {
            return *hit;
        }
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let target_doc = if file.is_empty() {
            Some(doc)
        } else if file.contains("://") {
            None
        } else {
            let base = self.docs[doc as usize]
                .file
                .as_deref()
                .and_then(Path::parent);
            let wanted = base
                .map(|b| b.join(percent_decode(file).as_ref()))
                .and_then(|p| p.canonicalize().ok());
            wanted.and_then(|w| {
                self.docs
                    .iter()
                    .position(|d| d.file.as_deref() == Some(w.as_path()))
                    .map(|i| i as u16)
            })
        };
        let found = target_doc.and_then(|t| {
            let pointer = percent_decode(fragment);
            self.tree(t)
                .pointer(&pointer)
                .map(|node| Loc { doc: t, node })
        });
        if found.is_none() && !file.contains("://") {
            let offset = self.tree(doc).text().find(reference).unwrap_or(0);
            let why = if target_doc.is_none() {
                "its file was not loaded"
            } else {
                "no such node"
            };
            self.problem(
                doc,
                offset,
                format!("$ref `{reference}` cannot be resolved: {why}"),
            );
        }
        let mut refs = self.refs.borrow_mut();
        if refs.len() <= doc as usize {
            refs.resize_with(doc as usize + 1, HashMap::new);
        }
        refs[doc as usize].insert(reference.to_string(), found);
        found
    }

    // ----- document-level views ------------------------------------------

    /// Every operation, in document order: `paths` (and 3.1 `webhooks`).
    pub fn operations(&self) -> Vec<Operation> {
        let mut ops = Vec::new();
        let root = self.root();
        for (section, webhook) in [("paths", false), ("webhooks", true)] {
            if webhook && self.version != Version::OpenApi31 {
                continue;
            }
            let Some(paths) = self.get(root, section) else {
                continue;
            };
            for (path, _, item_ref) in self.entries(paths) {
                if !webhook && !path.starts_with('/') {
                    continue; // x- extensions
                }
                let item = self.resolve(item_ref);
                for (method, offset, node) in self.entries(item) {
                    let Some(&method) = METHODS.iter().find(|m| **m == method) else {
                        continue;
                    };
                    ops.push(Operation {
                        path: path.to_string(),
                        method,
                        node: self.resolve(node),
                        path_item: item,
                        offset: if item.doc == 0 {
                            offset
                        } else {
                            self.start(item_ref)
                        },
                        pointer: format!("/{section}/{}/{method}", escape_token(path)),
                        webhook,
                        index: ops.len(),
                    });
                }
            }
        }
        ops
    }

    /// Security schemes: 3.x `components.securitySchemes`, 2.0
    /// `securityDefinitions` (2.0 `basic` becomes HTTP basic; its flows
    /// `application` and `accessCode` become client credentials and
    /// authorization code).
    pub fn security_schemes(&self) -> Vec<Scheme> {
        let root = self.root();
        let (holder, prefix) = if self.is_v2() {
            (Some(root), "/securityDefinitions")
        } else {
            (self.get(root, "components"), "/components/securitySchemes")
        };
        let key = if self.is_v2() {
            "securityDefinitions"
        } else {
            "securitySchemes"
        };
        let Some(defs) = holder.and_then(|h| self.get(h, key)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, offset, node_ref) in self.entries(defs) {
            let node = self.resolve(node_ref);
            let kind = match self.str_of(node, "type").unwrap_or("") {
                "apiKey" => SchemeKind::ApiKey {
                    location: self.str_of(node, "in").unwrap_or("").to_string(),
                },
                "basic" => SchemeKind::Http {
                    scheme: "basic".into(),
                },
                "http" => SchemeKind::Http {
                    scheme: self
                        .str_of(node, "scheme")
                        .unwrap_or("")
                        .to_ascii_lowercase(),
                },
                "oauth2" => SchemeKind::OAuth2 {
                    flows: self.flows(node),
                },
                "openIdConnect" => SchemeKind::OpenIdConnect,
                "mutualTLS" => SchemeKind::MutualTls,
                other => SchemeKind::Unknown(other.to_string()),
            };
            out.push(Scheme {
                name: name.to_string(),
                kind,
                offset,
                node,
                pointer: format!("{prefix}/{}", escape_token(name)),
            });
        }
        out
    }

    fn flows(&self, scheme: Loc) -> Vec<(Flow, usize, Vec<String>)> {
        let scopes_of = |at: Loc| -> Vec<String> {
            self.get(at, "scopes")
                .map(|s| self.entries(s).map(|(k, _, _)| k.to_string()).collect())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        if self.is_v2() {
            let flow = match self.str_of(scheme, "flow").unwrap_or("") {
                "implicit" => Flow::Implicit,
                "password" => Flow::Password,
                "application" => Flow::ClientCredentials,
                _ => Flow::AuthorizationCode,
            };
            let offset = self
                .key_offset(scheme, "flow")
                .unwrap_or(self.start(scheme));
            out.push((flow, offset, scopes_of(scheme)));
        } else if let Some(flows) = self.get(scheme, "flows") {
            for (name, offset, flow) in self.entries(flows) {
                let kind = match name {
                    "implicit" => Flow::Implicit,
                    "password" => Flow::Password,
                    "clientCredentials" => Flow::ClientCredentials,
                    "authorizationCode" => Flow::AuthorizationCode,
                    _ => continue,
                };
                out.push((kind, offset, scopes_of(self.resolve(flow))));
            }
        }
        out
    }

    fn security_at(&self, holder: Loc, pointer: String) -> Option<Security> {
        let list = self.get(holder, "security")?;
        let offset = self.key_offset(holder, "security").unwrap_or(0);
        let mut alternatives = Vec::new();
        for alt in self.items(list) {
            let schemes = self
                .entries(alt)
                .map(|(name, off, scopes)| {
                    let scopes = self
                        .items(scopes)
                        .filter_map(|s| self.text(s).map(Cow::into_owned))
                        .collect();
                    (name.to_string(), scopes, off)
                })
                .collect();
            alternatives.push(Requirement {
                schemes,
                offset: self.start(alt),
            });
        }
        Some(Security {
            alternatives,
            offset,
            pointer: format!("{pointer}/security"),
        })
    }

    pub fn global_security(&self) -> Option<Security> {
        self.security_at(self.root(), String::new())
    }

    /// The operation's own `security`, if it has one.
    pub fn own_security(&self, op: &Operation) -> Option<Security> {
        self.security_at(op.node, op.pointer.clone())
    }

    /// Servers: 3.x `servers` at the root, path items and operations; 2.0
    /// `schemes` × `host` + `basePath` (reported at `schemes`, or `host`).
    pub fn servers(&self) -> Vec<Server> {
        let root = self.root();
        let mut out = Vec::new();
        if self.is_v2() {
            let host = self.str_of(root, "host").unwrap_or("");
            let base = self.str_of(root, "basePath").unwrap_or("");
            let mut add = |holder: Loc, pointer: &str| {
                if let Some(schemes) = self.get(holder, "schemes") {
                    for (i, s) in self.items(schemes).enumerate() {
                        if let Some(scheme) = self.str(s) {
                            out.push(Server {
                                url: format!("{}://{host}{base}", scheme.to_ascii_lowercase()),
                                offset: if holder.doc == 0 { self.start(s) } else { 0 },
                                pointer: format!("{pointer}/schemes/{i}"),
                            });
                        }
                    }
                }
            };
            add(root, "");
            for op in self.operations() {
                add(op.node, &op.pointer);
            }
            return out;
        }
        let mut add = |holder: Loc, pointer: &str| {
            if let Some(servers) = self.get(holder, "servers") {
                for (i, s) in self.items(servers).enumerate() {
                    if let Some(url) = self.get(s, "url") {
                        let mut text = self.str(url).unwrap_or("").to_string();
                        // Server variables: substitute their defaults.
                        if let Some(vars) = self.get(s, "variables") {
                            for (name, _, var) in self.entries(vars) {
                                if let Some(default) = self.str_of(var, "default") {
                                    text = text.replace(&format!("{{{name}}}"), default);
                                }
                            }
                        }
                        out.push(Server {
                            url: text,
                            offset: if holder.doc == 0 { self.start(url) } else { 0 },
                            pointer: format!("{pointer}/servers/{i}/url"),
                        });
                    }
                }
            }
        };
        add(root, "");
        if let Some(paths) = self.get(root, "paths") {
            for (path, _, item) in self.entries(paths) {
                let item = self.resolve(item);
                let pointer = format!("/paths/{}", escape_token(path));
                add(item, &pointer);
                for (method, _, op) in self.entries(item) {
                    if METHODS.contains(&method) {
                        add(self.resolve(op), &format!("{pointer}/{method}"));
                    }
                }
            }
        }
        out
    }

    /// Parameters of an operation: those of its path item, overridden by
    /// its own with the same name and location.
    pub fn parameters(&self, op: &Operation) -> Vec<Param> {
        let mut out: Vec<Param> = Vec::new();
        let path_pointer = op
            .pointer
            .rsplit_once('/')
            .map_or("", |(p, _)| p)
            .to_string();
        for (holder, pointer) in [(op.path_item, path_pointer), (op.node, op.pointer.clone())] {
            let Some(list) = self.get(holder, "parameters") else {
                continue;
            };
            for (i, written) in self.items(list).enumerate() {
                let node = self.resolve(written);
                let Some(name) = self.str_of(node, "name") else {
                    continue;
                };
                let location = match self.str_of(node, "in").unwrap_or("") {
                    "path" => ParamIn::Path,
                    "query" => ParamIn::Query,
                    "header" => ParamIn::Header,
                    "cookie" => ParamIn::Cookie,
                    "body" => ParamIn::Body,
                    "formData" => ParamIn::FormData,
                    _ => continue,
                };
                let schema = if self.is_v2() && location != ParamIn::Body {
                    Some(node)
                } else {
                    self.get_r(node, "schema")
                        .or_else(|| self.first_media_schema(node))
                };
                let offset = if written.doc == 0 && node.doc == 0 && self.ref_of(written).is_none()
                {
                    self.key_offset(node, "name").unwrap_or(self.start(node))
                } else if written.doc == 0 {
                    self.start(written)
                } else {
                    op.offset
                };
                let param = Param {
                    name: name.to_string(),
                    location,
                    node,
                    offset,
                    pointer: format!("{pointer}/parameters/{i}"),
                    schema,
                    required: self
                        .get(node, "required")
                        .and_then(|r| self.tree(r.doc).as_bool(r.node))
                        .unwrap_or(false)
                        || location == ParamIn::Path,
                    reference: self.ref_of(written).map(str::to_string),
                };
                out.retain(|p| !(p.name == param.name && p.location == param.location));
                out.push(param);
            }
        }
        out
    }

    fn first_media_schema(&self, holder: Loc) -> Option<Loc> {
        let content = self.get(holder, "content")?;
        self.entries(content)
            .find_map(|(_, _, media)| self.get_r(media, "schema"))
    }

    /// Request bodies: 3.x `requestBody.content`; 2.0 the `in: body`
    /// parameter (media types from `consumes`). Swagger 2.0 `formData`
    /// parameters have no schema object to point at: rules read them as
    /// parameters (lossy: they are not merged into one object schema).
    pub fn request_bodies(&self, op: &Operation) -> Vec<Body> {
        let mut out = Vec::new();
        if self.is_v2() {
            for p in self.parameters(op) {
                if p.location == ParamIn::Body {
                    out.push(Body {
                        media: "application/json".into(),
                        schema: p.schema,
                        pointer: format!("{}/schema", p.pointer),
                    });
                }
            }
            return out;
        }
        let Some(body) = self.get_r(op.node, "requestBody") else {
            return out;
        };
        if let Some(content) = self.get(body, "content") {
            for (media, _, m) in self.entries(content) {
                let m = self.resolve(m);
                out.push(Body {
                    media: media.to_string(),
                    schema: self.get_r(m, "schema"),
                    pointer: format!(
                        "{}/requestBody/content/{}/schema",
                        op.pointer,
                        escape_token(media)
                    ),
                });
            }
        }
        out
    }

    /// Responses with their schemas (3.x `content.*.schema`, 2.0 `schema`)
    /// and header names.
    pub fn responses(&self, op: &Operation) -> Vec<Response> {
        let mut out = Vec::new();
        let Some(responses) = self.get(op.node, "responses") else {
            return out;
        };
        for (code, offset, node) in self.entries(responses) {
            if code.starts_with("x-") {
                continue;
            }
            let pointer = format!("{}/responses/{}", op.pointer, escape_token(code));
            let node = self.resolve(node);
            let mut schemas = Vec::new();
            if self.is_v2() {
                if let Some(s) = self.get_r(node, "schema") {
                    schemas.push((
                        "application/json".to_string(),
                        s,
                        format!("{pointer}/schema"),
                    ));
                }
            } else if let Some(content) = self.get(node, "content") {
                for (media, _, m) in self.entries(content) {
                    if let Some(s) = self.get_r(self.resolve(m), "schema") {
                        schemas.push((
                            media.to_string(),
                            s,
                            format!("{pointer}/content/{}/schema", escape_token(media)),
                        ));
                    }
                }
            }
            let headers = self
                .get(node, "headers")
                .map(|h| {
                    self.entries(h)
                        .map(|(k, _, _)| k.to_ascii_lowercase())
                        .collect()
                })
                .unwrap_or_default();
            out.push(Response {
                code: code.to_string(),
                offset: if responses.doc == 0 {
                    offset
                } else {
                    op.offset
                },
                node,
                pointer,
                schemas,
                headers,
            });
        }
        out
    }

    // ----- schemas -------------------------------------------------------

    /// The types a schema allows: 3.0 `type` + `nullable`, 3.1 type arrays
    /// and `null`, inferred `object`/`array` from `properties`/`items` when
    /// `type` is absent.
    pub fn types(&self, schema: Loc) -> Types {
        let mut t = Types::default();
        let set = |name: &str, t: &mut Types| match name {
            "object" => t.object = true,
            "array" => t.array = true,
            "string" => t.string = true,
            "integer" | "number" => t.number = true,
            "boolean" => t.boolean = true,
            "null" => t.null = true,
            _ => {}
        };
        match self.get(schema, "type") {
            Some(ty) => {
                if let Some(name) = self.str(ty) {
                    set(name, &mut t);
                } else {
                    for item in self.items(ty) {
                        if let Some(name) = self.str(item) {
                            set(name, &mut t);
                        }
                    }
                }
            }
            None => {
                if self.get(schema, "properties").is_some()
                    || self.get(schema, "additionalProperties").is_some()
                {
                    t.object = true;
                } else if self.get(schema, "items").is_some() {
                    t.array = true;
                } else {
                    t.any = true;
                }
            }
        }
        if self
            .get(schema, "nullable")
            .and_then(|n| self.tree(n.doc).as_bool(n.node))
            == Some(true)
        {
            t.null = true;
        }
        t
    }

    /// Properties of an object schema, own and from `allOf` members.
    pub fn properties(&self, schema: Loc, pointer: &str) -> Vec<Property> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        self.collect_properties(schema, pointer, &mut out, &mut seen);
        out
    }

    fn collect_properties(
        &self,
        schema: Loc,
        pointer: &str,
        out: &mut Vec<Property>,
        seen: &mut Vec<Loc>,
    ) {
        if seen.contains(&schema) || seen.len() > 64 {
            return;
        }
        seen.push(schema);
        if let Some(props) = self.get(schema, "properties") {
            for (name, offset, value) in self.entries(props) {
                if out.iter().any(|p: &Property| p.name == name) {
                    continue;
                }
                out.push(Property {
                    name: name.to_string(),
                    offset,
                    doc: schema.doc,
                    schema: self.resolve(value),
                    pointer: format!("{pointer}/properties/{}", escape_token(name)),
                });
            }
        }
        if let Some(all) = self.get(schema, "allOf") {
            for (i, member) in self.items(all).enumerate() {
                let target = self.resolve(member);
                let p = match self.ref_of(member) {
                    Some(r) if r.starts_with('#') => percent_decode(&r[1..]).into_owned(),
                    _ => format!("{pointer}/allOf/{i}"),
                };
                self.collect_properties(target, &p, out, seen);
            }
        }
    }

    /// The schema's array items, resolved.
    pub fn items_schema(&self, schema: Loc) -> Option<Loc> {
        self.get_r(schema, "items")
    }

    pub fn has(&self, at: Loc, key: &str) -> bool {
        self.get(at, key).is_some()
    }

    /// The pointer a schema is best known by: when the root document writes
    /// a `$ref` at `written`, the fragment it names (in this document or in
    /// the file the reference names), else `written` itself. Findings are
    /// reported at the definition.
    pub fn schema_pointer_of(&self, written: &str) -> String {
        let tree = self.tree(0);
        if let Some(node) = tree.pointer(written) {
            if let Some(r) = tree.get(node, "$ref").and_then(|n| tree.as_str(n)) {
                if let Some((_, fragment)) = r.split_once('#') {
                    return percent_decode(fragment).into_owned();
                }
            }
        }
        written.to_string()
    }
}

/// Every `$ref` string of a tree with its offset.
fn ref_strings<'t>(tree: &'t Tree<'_>) -> Vec<(&'t str, usize)> {
    let mut out = Vec::new();
    for i in 0..tree.len() {
        let id = NodeId(i as u32);
        if let Kind::Map { .. } = tree.kind(id) {
            for e in tree.entries(id) {
                if tree.key(e) == "$ref" {
                    if let Some(s) = tree.as_str(e.value) {
                        out.push((s, e.key_start as usize));
                    }
                }
            }
        }
    }
    out
}

/// Reads and parses a file named by a `$ref`.
fn load_file(path: &Path, max_size: u64) -> Result<Tree<'static>, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > max_size {
        return Err(format!("larger than {max_size} bytes: not read"));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()))?;
    let is_json = text.trim_start().starts_with(['{', '[']);
    let parsed = if is_json {
        super::tree::parse_json(Cow::Owned(text))
    } else {
        super::tree::parse_yaml(Cow::Owned(text))
    };
    parsed.map_err(|e| e.message)
}

/// Decodes `%XX` escapes of a URI fragment or path.
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

impl Spec<'_> {
    /// The byte offset a JSON pointer designates in document `doc`: the key
    /// of its last token when the parent is a mapping (the line a reader
    /// looks for), else the node itself. `None` when the pointer leads
    /// nowhere.
    pub fn offset_of(&self, doc: u16, pointer: &str) -> Option<usize> {
        let tree = self.tree(doc);
        let (parent, last) = match pointer.rsplit_once('/') {
            Some((parent, last)) => (parent, last),
            None => return Some(tree.start(tree.root())),
        };
        let parent = tree.pointer(parent)?;
        let last = unescape_token(last);
        match tree.kind(parent) {
            Kind::Map { .. } => tree.entry(parent, &last).map(|e| e.key_start as usize),
            Kind::Seq { .. } => {
                let i: usize = last.parse().ok()?;
                tree.items(parent).get(i).map(|&n| tree.start(n))
            }
            _ => None,
        }
    }
}
