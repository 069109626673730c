//! The API rules, written once against the 3.0-shaped [`Spec`] view.

use std::cell::RefCell;
use std::collections::HashMap;

use super::data::{self, Sensitivity};
use super::model::{Flow, Loc, Operation, Param, ParamIn, Response, SchemeKind, Security, Spec};
use super::risk::{self, Auth, Granularity, Risk};
use crate::finding::Level;

/// One finding of the auditor, before it becomes a [`crate::checks::Hit`].
#[derive(Clone, Debug)]
pub struct ApiFinding {
    pub rule: &'static str,
    pub level: Level,
    /// Document (0: the scanned file) and byte offset of the node.
    pub doc: u16,
    pub offset: usize,
    pub pointer: String,
    pub message: String,
    /// Operations the finding concerns (indexes into [`Audit::ops`]).
    pub ops: Vec<usize>,
    /// The inventory entry of a privacy finding.
    pub item: Option<Box<crate::checks::models::Item>>,
}

/// A field that carries personal data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldHit {
    pub sensitivity: Sensitivity,
    pub category: String,
    pub field: String,
}

impl FieldHit {
    pub fn describe(&self) -> String {
        format!("{} (field `{}`)", self.category, self.field)
    }
}

/// What the auditor knows of an operation: the inputs of its risk profile.
#[derive(Clone, Debug)]
pub struct OpInfo {
    pub auth: Auth,
    /// Most sensitive field in the request or the response.
    pub data: Option<FieldHit>,
    pub granularity: Granularity,
    /// Why the operation may be public (health check, login...).
    pub exempt: Option<&'static str>,
    /// The collection its successful response returns: (array schema,
    /// pointer, bounded by `maxItems`).
    pub collection: Option<(Loc, String, bool)>,
    /// Why it looks like a bulk export.
    pub bulk: Option<String>,
    pub risk: Risk,
}

pub struct Audit<'s, 'a> {
    pub spec: &'s Spec<'a>,
    pub ops: Vec<Operation>,
    /// Parameters and responses of each operation, resolved once.
    params: Vec<Vec<Param>>,
    responses: Vec<Vec<Response>>,
    /// Field names already classified.
    names: RefCell<HashMap<String, Option<data::DataTerm>>>,
    pub info: Vec<OpInfo>,
    pub findings: Vec<ApiFinding>,
    memo: RefCell<HashMap<Loc, Option<FieldHit>>>,
}

/// Query parameters that page or bound a collection.
const PAGING: &[&str] = &[
    "limit",
    "page",
    "pages",
    "per",
    "size",
    "cursor",
    "offset",
    "top",
    "skip",
    "after",
    "before",
    "next",
    "marker",
    "token",
    "start",
    "count",
    "first",
    "last",
    "max",
    "take",
    "from",
    "since",
    "continuation",
    "skiptoken",
    "pagesize",
    "perpage",
    "maxresults",
    "startindex",
    "pagetoken",
    "nexttoken",
];

/// Properties that wrap a collection in a response object.
const WRAPPERS: &[&str] = &[
    "value",
    "items",
    "data",
    "results",
    "records",
    "entries",
    "list",
    "content",
    "elements",
    "hits",
    "rows",
    "objects",
    "resources",
];

/// Last path segments naming people: a GET of these without any filter is a
/// bulk export of persons.
const PEOPLE: &[&str] = &[
    "users",
    "patients",
    "customers",
    "clients",
    "members",
    "employees",
    "persons",
    "people",
    "contacts",
    "students",
    "pupils",
    "citizens",
    "adherents",
    "beneficiaries",
    "applicants",
    "candidates",
    "subscribers",
    "voters",
    "donors",
    "residents",
    "tenants",
    "volunteers",
    "utilisateurs",
    "adherents",
    "benevoles",
];

/// Words of a path or operationId that name an export (not `bulk`: bulk
/// writes such as `bulk-add` are not exports; not `extract`: extracting a
/// label from a document is not an export).
const EXPORT_WORDS: &[&str] = &["export", "exports", "dump", "dumps", "backup", "backups"];

impl<'s, 'a> Audit<'s, 'a> {
    pub fn run(spec: &'s Spec<'a>) -> Audit<'s, 'a> {
        let ops = spec.operations();
        let params = ops.iter().map(|op| spec.parameters(op)).collect();
        let responses = ops.iter().map(|op| spec.responses(op)).collect();
        let mut audit = Audit {
            spec,
            ops,
            params,
            responses,
            names: RefCell::new(HashMap::new()),
            info: Vec::new(),
            findings: Vec::new(),
            memo: RefCell::new(HashMap::new()),
        };
        audit.profile();
        audit.auth_rules();
        audit.scheme_rules();
        audit.transport();
        audit.collections();
        audit.request_schemas();
        audit.urls();
        audit.rate_limits();
        audit.name_users();
        audit
    }

    /// A node shared by several operations is reported once: its message
    /// says how many others use it.
    fn name_users(&mut self) {
        for f in &mut self.findings {
            let document_level = f.pointer == "/openapi" || f.pointer == "/swagger";
            let mut ops = f.ops.clone();
            ops.sort_unstable();
            ops.dedup();
            if !document_level && ops.len() > 1 && !f.message.contains("other operation") {
                f.message.push_str(&format!(
                    " (also used by {})",
                    plural(ops.len() - 1, "other operation")
                ));
            }
        }
    }

    fn push(
        &mut self,
        rule: &'static str,
        level: Level,
        doc: u16,
        pointer: String,
        message: String,
        ops: Vec<usize>,
    ) {
        let offset = self.spec.offset_of(doc, &pointer).unwrap_or(0);
        self.findings.push(ApiFinding {
            item: None,
            rule,
            level,
            doc,
            offset,
            pointer,
            message,
            ops,
        });
    }

    /// Finding on an operation, at its method key.
    fn push_op(&mut self, rule: &'static str, level: Level, op: usize, message: String) {
        let o = &self.ops[op];
        self.findings.push(ApiFinding {
            item: None,
            rule,
            level,
            doc: 0,
            offset: o.offset,
            pointer: o.pointer.clone(),
            message,
            ops: vec![op],
        });
    }

    // ----- risk profile --------------------------------------------------

    fn profile(&mut self) {
        let schemes = self.spec.security_schemes();
        let global = self.spec.global_security();
        let mut info = Vec::with_capacity(self.ops.len());
        for op in &self.ops {
            let security = self.spec.own_security(op).or_else(|| global.clone());
            let auth = match &security {
                None => Auth::None,
                Some(s) if s.is_open() => Auth::None,
                Some(s) => s
                    .alternatives
                    .iter()
                    .map(|alt| {
                        alt.schemes
                            .iter()
                            .map(|(name, _, _)| {
                                schemes
                                    .iter()
                                    .find(|sc| &sc.name == name)
                                    .map_or(Auth::ApiKey, |sc| Auth::of(&sc.kind))
                            })
                            .max()
                            .unwrap_or(Auth::None)
                    })
                    .min()
                    .unwrap_or(Auth::None),
            };
            let data = self.operation_data(op);
            let collection = self.collection_response(op);
            let bulk = self.bulk_reason(op, collection.is_some());
            let granularity = if bulk.is_some() {
                Granularity::Bulk
            } else if collection.is_some() {
                Granularity::Collection
            } else {
                Granularity::One
            };
            let exempt = exemption(op);
            // A login or health endpoint is public by design: being open
            // (no authentication, a write) does not aggravate its risk.
            let risk = risk::assess(
                op.writes() && exempt.is_none(),
                if exempt.is_some() {
                    auth.max(Auth::OAuth)
                } else {
                    auth
                },
                data.as_ref().map(|d| d.sensitivity),
                granularity,
            );
            info.push(OpInfo {
                auth,
                data,
                granularity,
                exempt,
                collection,
                bulk,
                risk,
            });
        }
        self.info = info;
    }

    /// [`data::classify`], once per distinct name.
    fn classify(&self, name: &str) -> Option<data::DataTerm> {
        if let Some(hit) = self.names.borrow().get(name) {
            return hit.clone();
        }
        let hit = data::classify(name);
        self.names
            .borrow_mut()
            .insert(name.to_string(), hit.clone());
        hit
    }

    /// The most sensitive field an operation sends or receives.
    pub fn operation_data(&self, op: &Operation) -> Option<FieldHit> {
        let mut best: Option<FieldHit> = None;
        let mut consider = |hit: Option<FieldHit>| {
            if let Some(h) = hit {
                if best.as_ref().is_none_or(|b| h.sensitivity > b.sensitivity) {
                    best = Some(h);
                }
            }
        };
        for p in &self.params[op.index] {
            if let Some(t) = self.classify(&p.name) {
                consider(Some(FieldHit {
                    sensitivity: t.sensitivity,
                    category: t.category.clone(),
                    field: p.name.clone(),
                }));
            }
            if let Some(s) = p.schema.filter(|_| p.location == ParamIn::Body) {
                consider(self.schema_data(s));
            }
        }
        for body in self.spec.request_bodies(op) {
            if let Some(s) = body.schema {
                consider(self.schema_data(s));
            }
        }
        for r in &self.responses[op.index] {
            if !r.code.starts_with('2') {
                continue;
            }
            for (_, s, _) in &r.schemas {
                consider(self.schema_data(*s));
            }
        }
        best
    }

    /// The most sensitive property name reachable in a schema (memoised per
    /// node: shared components are walked once; a cycle contributes nothing).
    fn schema_data(&self, schema: Loc) -> Option<FieldHit> {
        if let Some(hit) = self.memo.borrow().get(&schema) {
            return hit.clone();
        }
        self.memo.borrow_mut().insert(schema, None);
        let spec = self.spec;
        let mut best: Option<FieldHit> = None;
        let mut consider = |hit: Option<FieldHit>| {
            if let Some(h) = hit {
                if best.as_ref().is_none_or(|b| h.sensitivity > b.sensitivity) {
                    best = Some(h);
                }
            }
        };
        for prop in spec.properties(schema, "") {
            if let Some(t) = self.classify(&prop.name) {
                consider(Some(FieldHit {
                    sensitivity: t.sensitivity,
                    category: t.category.clone(),
                    field: prop.name.clone(),
                }));
            }
            consider(self.schema_data(prop.schema));
        }
        for key in ["items", "additionalProperties"] {
            if let Some(s) = spec.get_r(schema, key).filter(|s| spec.is_map(*s)) {
                consider(self.schema_data(s));
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(list) = spec.get(schema, key) {
                for member in spec.items(list) {
                    consider(self.schema_data(spec.resolve(member)));
                }
            }
        }
        self.memo.borrow_mut().insert(schema, best.clone());
        best
    }

    // ----- authentication ------------------------------------------------

    fn auth_rules(&mut self) {
        let spec = self.spec;
        let schemes = spec.security_schemes();
        let global = spec.global_security();
        let global_required = global.as_ref().is_some_and(|g| !g.is_open());
        let mut open: Vec<usize> = Vec::new();
        for i in 0..self.ops.len() {
            let op = self.ops[i].clone();
            if op.webhook {
                continue; // the API calls out: the receiver authenticates
            }
            let own = spec.own_security(&op);
            let effective = own.clone().or_else(|| global.clone());
            if effective.as_ref().is_some_and(|s| !s.is_open()) {
                continue;
            }
            let sensitive = self.info[i].data.clone();
            let writes = op.writes();
            // `security: []` opting out of a global requirement.
            if let (Some(own), true) = (&own, global_required) {
                if own.alternatives.is_empty() {
                    if (writes || sensitive.is_some()) && self.info[i].exempt.is_none() {
                        let what = describe_stakes(writes, sensitive.as_ref());
                        self.push(
                            "api/auth-override-empty",
                            Level::Error,
                            0,
                            own.pointer.clone(),
                            format!(
                                "{}: `security: []` removes the API's global authentication from an operation that {what}",
                                op.label()
                            ),
                            vec![i],
                        );
                    }
                    continue;
                }
            }
            open.push(i);
        }
        if open.is_empty() {
            return;
        }
        if schemes.is_empty() && global.is_none() {
            // One document-level finding instead of one per operation.
            let serious = open
                .iter()
                .filter(|&&i| self.ops[i].writes() || self.info[i].data.is_some())
                .count();
            let examples: Vec<String> = open
                .iter()
                .copied()
                .filter(|&i| self.info[i].exempt.is_none())
                .take(3)
                .map(|i| self.ops[i].label())
                .collect();
            let level = if serious > 0 {
                Level::Error
            } else {
                Level::Warning
            };
            let key = if spec.is_v2() { "/swagger" } else { "/openapi" };
            let total = self.ops.iter().filter(|o| !o.webhook).count();
            let mut message = format!(
                "no security scheme is declared: {} of {} operations can be called without authentication",
                open.len(),
                total
            );
            if serious > 0 {
                message.push_str(&format!(
                    ", {serious} of them writing or handling personal data"
                ));
            }
            if !examples.is_empty() {
                message.push_str(&format!(" (e.g. {})", examples.join(", ")));
            }
            self.push("api/missing-auth", level, 0, key.into(), message, open);
            return;
        }
        for i in open {
            let op = self.ops[i].clone();
            let optional = spec
                .own_security(&op)
                .or_else(|| global.clone())
                .is_some_and(|s| !s.alternatives.is_empty());
            let how = if optional {
                "authentication is optional (`{}` alternative)"
            } else {
                "no security requirement applies"
            };
            let info = &self.info[i];
            let (level, why) = if let Some(reason) = info.exempt {
                (Level::Note, format!("; downgraded: {reason}"))
            } else if op.writes() || info.data.is_some() {
                (
                    Level::Error,
                    format!(": it {}", describe_stakes(op.writes(), info.data.as_ref())),
                )
            } else {
                (Level::Warning, String::new())
            };
            self.push_op(
                "api/missing-auth",
                level,
                i,
                format!("{}: {how}{why}", op.label()),
            );
        }
    }

    fn scheme_rules(&mut self) {
        let spec = self.spec;
        let schemes = spec.security_schemes();
        for scheme in &schemes {
            match &scheme.kind {
                SchemeKind::Http { scheme: s } if s == "basic" => self.push(
                    "api/basic-auth",
                    Level::Warning,
                    scheme.node.doc,
                    scheme.pointer.clone(),
                    format!(
                        "security scheme `{}` is HTTP Basic: the password travels with every request and cannot be scoped or revoked",
                        scheme.name
                    ),
                    Vec::new(),
                ),
                SchemeKind::ApiKey { location } if location == "query" => self.push(
                    "api/api-key-in-query",
                    Level::Error,
                    scheme.node.doc,
                    scheme.pointer.clone(),
                    format!(
                        "security scheme `{}` sends the API key in the query string, where URLs are logged by servers, proxies and browsers",
                        scheme.name
                    ),
                    Vec::new(),
                ),
                SchemeKind::OAuth2 { flows } => {
                    for (flow, _, _) in flows {
                        let (rule, key, what) = match flow {
                            Flow::Implicit => (
                                "api/oauth-implicit-flow",
                                if spec.is_v2() { "flow" } else { "flows/implicit" },
                                "the implicit flow returns the access token in the redirect URL; it is deprecated by the OAuth 2.0 Security Best Current Practice (use authorization code with PKCE)",
                            ),
                            Flow::Password => (
                                "api/oauth-password-flow",
                                if spec.is_v2() { "flow" } else { "flows/password" },
                                "the resource owner password flow hands the user's password to the client; it is deprecated by the OAuth 2.0 Security Best Current Practice",
                            ),
                            _ => continue,
                        };
                        self.push(
                            rule,
                            Level::Warning,
                            scheme.node.doc,
                            format!("{}/{key}", scheme.pointer),
                            format!("security scheme `{}`: {what}", scheme.name),
                            Vec::new(),
                        );
                    }
                }
                _ => {}
            }
        }
        // Requirements naming schemes or scopes that do not exist.
        let mut requirements: Vec<(Security, Option<usize>)> = Vec::new();
        if let Some(g) = spec.global_security() {
            requirements.push((g, None));
        }
        for (i, op) in self.ops.iter().enumerate() {
            if let Some(s) = spec.own_security(op) {
                requirements.push((s, Some(i)));
            }
        }
        let where_ = |op: Option<usize>, ops: &[Operation]| match op {
            Some(i) => format!("{}: ", ops[i].label()),
            None => "global security: ".to_string(),
        };
        for (security, op) in requirements {
            for (a, alt) in security.alternatives.iter().enumerate() {
                for (name, scopes, _) in &alt.schemes {
                    let pointer = format!(
                        "{}/{a}/{}",
                        security.pointer,
                        super::tree::escape_token(name)
                    );
                    let ops = op.into_iter().collect::<Vec<_>>();
                    match schemes.iter().find(|s| &s.name == name) {
                        None => {
                            let known: Vec<&str> =
                                schemes.iter().map(|s| s.name.as_str()).collect();
                            let hint = if known.is_empty() {
                                "no scheme is declared".to_string()
                            } else {
                                format!("declared: {}", known.join(", "))
                            };
                            let message = format!(
                                "{}security requirement names scheme `{name}`, which is not declared ({hint}): the requirement cannot be met as written",
                                where_(op, &self.ops)
                            );
                            self.push(
                                "api/undefined-security-scheme",
                                Level::Error,
                                0,
                                pointer,
                                message,
                                ops,
                            );
                        }
                        Some(scheme) => {
                            if let SchemeKind::OAuth2 { flows } = &scheme.kind {
                                let undefined: Vec<&String> = scopes
                                    .iter()
                                    .filter(|s| {
                                        !flows.iter().any(|(_, _, known)| known.contains(s))
                                    })
                                    .collect();
                                if !undefined.is_empty() {
                                    let list: Vec<String> =
                                        undefined.iter().map(|s| format!("`{s}`")).collect();
                                    let message = format!(
                                        "{}scope {} of scheme `{name}` is not defined by any of its flows",
                                        where_(op, &self.ops),
                                        list.join(", ")
                                    );
                                    self.push(
                                        "api/undefined-security-scheme",
                                        Level::Warning,
                                        0,
                                        pointer,
                                        message,
                                        ops,
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // ----- transport -----------------------------------------------------

    fn transport(&mut self) {
        for server in self.spec.servers() {
            let url = server.url.trim();
            let lower = url.to_ascii_lowercase();
            let scheme = if lower.starts_with("http://") {
                "http"
            } else if lower.starts_with("ws://") {
                "ws"
            } else {
                continue;
            };
            let host = host_of(&lower);
            let (level, why) = if is_local_or_example(host) {
                (
                    Level::Note,
                    format!("; downgraded: `{host}` is a local or example host"),
                )
            } else {
                (Level::Error, String::new())
            };
            let message = if self.spec.is_v2() {
                format!("`schemes` allows plain `{scheme}` for {url}: requests and tokens travel unencrypted{why}")
            } else {
                format!("server `{url}` uses plain `{scheme}`: requests, tokens and personal data travel unencrypted{why}")
            };
            self.push(
                "api/insecure-transport",
                level,
                0,
                server.pointer,
                message,
                Vec::new(),
            );
        }
    }

    // ----- collections ---------------------------------------------------

    /// The unbounded array a successful response returns, with its pointer:
    /// the response itself, or a wrapper property (`value`, `items`...).
    fn collection_response(&self, op: &Operation) -> Option<(Loc, String, bool)> {
        let spec = self.spec;
        for r in &self.responses[op.index] {
            if !r.code.starts_with('2') {
                continue;
            }
            for (_, schema, pointer) in &r.schemas {
                let types = spec.types(*schema);
                if types.array {
                    let bounded = spec.has(*schema, "maxItems");
                    return Some((*schema, pointer.clone(), bounded));
                }
                if types.object || types.any {
                    let base = spec.schema_pointer_of(pointer);
                    let props = spec.properties(*schema, &base);
                    // A page has few properties (the items, a count, a next
                    // link) and its items are records: an entity with an
                    // `items` or `value` array is not a collection.
                    if props.len() > 4 {
                        continue;
                    }
                    for prop in props {
                        let records = spec.items_schema(prop.schema).is_some_and(|item| {
                            let t = spec.types(item);
                            t.object || !(t.string || t.number || t.boolean || t.array)
                        });
                        if WRAPPERS.contains(&prop.name.to_ascii_lowercase().as_str())
                            && spec.types(prop.schema).array
                            && records
                        {
                            let bounded = spec.has(prop.schema, "maxItems");
                            return Some((prop.schema, prop.pointer.clone(), bounded));
                        }
                    }
                }
            }
        }
        None
    }

    fn collections(&mut self) {
        let mut arrays: HashMap<Loc, (String, Vec<usize>)> = HashMap::new();
        let mut order: Vec<Loc> = Vec::new();
        for i in 0..self.ops.len() {
            let op = self.ops[i].clone();
            if let Some(reason) = self.info[i].bulk.clone() {
                let people = op
                    .path
                    .split('/')
                    .flat_map(data::words)
                    .find(|w| PEOPLE.contains(&w.as_str()));
                let data = match (&self.info[i].data, people) {
                    (Some(d), _) => format!(", touching {}", d.describe()),
                    (None, Some(who)) => format!(", touching `{who}` records"),
                    (None, None) => String::new(),
                };
                // Without personal data in sight, an export is only a note.
                let level = if data.is_empty() {
                    Level::Note
                } else {
                    Level::Warning
                };
                self.push_op(
                    "api/bulk-export",
                    level,
                    i,
                    format!(
                        "{}: {reason}{data}: overbroad access to a whole collection",
                        op.label()
                    ),
                );
            }
            let Some((array, pointer, bounded)) = self.info[i].collection.clone() else {
                continue;
            };
            let pages = self.params[i]
                .iter()
                .any(|p| p.location == ParamIn::Query && is_paging(&p.name));
            // A paged collection is bounded by its page size.
            if !bounded && !pages {
                let entry = arrays.entry(array).or_insert_with(|| {
                    order.push(array);
                    (pointer.clone(), Vec::new())
                });
                entry.1.push(i);
            }
            if op.method == "get" && !bounded && !pages {
                self.push_op(
                    "api/no-pagination",
                    Level::Warning,
                    i,
                    format!(
                        "{}: returns a collection but takes no limit, page or cursor parameter: every call may return all records",
                        op.label()
                    ),
                );
            }
        }
        for array in order {
            let (pointer, users) = arrays.remove(&array).unwrap_or_default();
            let first = self.ops[users[0]].label();
            let others = if users.len() > 1 {
                format!(" (and {} other operations)", users.len() - 1)
            } else {
                String::new()
            };
            let doc = array.doc;
            self.push(
                "api/unbounded-array",
                Level::Note,
                doc,
                pointer,
                format!("response array of {first}{others} has no `maxItems`: nothing bounds how many records one call returns"),
                users,
            );
        }
    }

    /// Why an operation looks like a bulk export, if it does.
    fn bulk_reason(&self, op: &Operation, collection: bool) -> Option<String> {
        if op.method != "get" && op.method != "post" {
            return None;
        }
        let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
        // `.../$count` returns a number, whatever it counts.
        if segments.last().is_some_and(|s| s.starts_with("$count")) {
            return None;
        }
        // One record (`/exportJobs/{id}`) is not an export of many.
        if segments.last().is_some_and(|s| s.starts_with('{')) {
            return None;
        }
        for seg in segments.iter().filter(|s| !s.starts_with('{')) {
            let words = data::words(seg);
            if let Some(w) = words.iter().find(|w| EXPORT_WORDS.contains(&w.as_str())) {
                return Some(format!(
                    "path segment `{seg}` (`{w}`) suggests a bulk export"
                ));
            }
            let list_all = matches!(words.as_slice(),
                [verb, all] if all == "all" && matches!(verb.as_str(), "list" | "get" | "fetch" | "download"));
            if op.method == "get" && (*seg == "all" || list_all) {
                return Some(format!(
                    "path segment `{seg}` suggests every record at once"
                ));
            }
        }
        if let Some(id) = self.spec.str_of(op.node, "operationId") {
            let words = data::words(id);
            if let Some(w) = words.iter().find(|w| EXPORT_WORDS.contains(&w.as_str())) {
                return Some(format!("operationId `{id}` (`{w}`) suggests a bulk export"));
            }
        }
        // A top-level collection of people: `/patients`, not the users of
        // one parent (`/repos/{repo}/collaborators`), which is scoped.
        let scoped = segments.iter().any(|s| s.starts_with('{'));
        if op.method == "get" && !scoped {
            if let Some(last) = segments.last() {
                let last = last.to_ascii_lowercase();
                if PEOPLE.contains(&last.as_str()) {
                    let filters = self.params[op.index]
                        .iter()
                        .any(|p| p.location == ParamIn::Query);
                    if !filters && collection {
                        return Some(format!(
                            "lists every `{last}` record with no filter or paging parameter"
                        ));
                    }
                }
            }
        }
        None
    }

    // ----- request schemas -----------------------------------------------

    fn request_schemas(&mut self) {
        let spec = self.spec;
        let mut open_seen: HashMap<Loc, usize> = HashMap::new();
        let mut strings_seen: HashMap<Loc, usize> = HashMap::new();
        let mut shared_params: HashMap<Loc, usize> = HashMap::new();
        for i in 0..self.ops.len() {
            let op = self.ops[i].clone();
            if op.webhook {
                continue;
            }
            let writes = matches!(op.method, "post" | "put" | "patch");
            for body in spec.request_bodies(&op) {
                let Some(schema) = body.schema else { continue };
                if !body.media.contains("json")
                    && !body.media.contains("form")
                    && !body.media.contains("xml")
                {
                    continue;
                }
                let target = if spec.types(schema).array {
                    spec.items_schema(schema).unwrap_or(schema)
                } else {
                    schema
                };
                let written = body.pointer.clone();
                let pointer = spec.schema_pointer_of(&written);
                if writes {
                    self.open_schema(target, &pointer, i, &mut open_seen);
                }
                self.unbounded_strings(target, &pointer, i, &mut strings_seen);
            }
            // Parameters: shared ones once at their definition, inline
            // ones grouped per operation. Path parameters and headers are
            // left out: routing and server header limits bound them.
            let mut inline = Vec::new();
            for p in self.params[i].clone() {
                if !matches!(p.location, ParamIn::Query | ParamIn::FormData) {
                    continue;
                }
                if !p
                    .schema
                    .is_some_and(|s| spec.types(s).string && !self.bounded_string(s))
                {
                    continue;
                }
                match p.reference.as_deref().and_then(|r| r.strip_prefix('#')) {
                    Some(fragment) => {
                        if self.add_user(&shared_params, p.node, i) {
                            continue;
                        }
                        shared_params.insert(p.node, self.findings.len());
                        self.push(
                            "api/unbounded-string",
                            Level::Note,
                            p.node.doc,
                            super::model::percent_decode(fragment).into_owned(),
                            format!(
                                "shared parameter `{}` (first used by {}) is a string without `maxLength`, `pattern`, `enum` or `format`",
                                p.name,
                                op.label()
                            ),
                            vec![i],
                        );
                    }
                    None => inline.push(p.name.clone()),
                }
            }
            if !inline.is_empty() {
                self.push_op(
                    "api/unbounded-string",
                    Level::Note,
                    i,
                    format!(
                        "{}: {} without `maxLength`, `pattern`, `enum` or `format`: {}",
                        op.label(),
                        plural(inline.len(), "string parameter"),
                        list(&inline)
                    ),
                );
            }
        }
        self.group_document_wide();
    }

    /// Limits that a description never uses are a choice of its authors,
    /// not a slip per schema: one document-level note replaces the
    /// per-schema notes (`api/unbounded-string` without any `maxLength` or
    /// `pattern`, `api/open-schema` notes without any closed object).
    fn group_document_wide(&mut self) {
        let uses_limits =
            self.document_uses("maxLength", None) || self.document_uses("pattern", None);
        if !uses_limits {
            self.summarise(
                "api/unbounded-string",
                Level::Note,
                "no string of this description has `maxLength` or `pattern`",
                "request strings or string parameters are unbounded",
            );
        }
        let closes = self.document_uses("additionalProperties", Some(false))
            || self.document_uses("unevaluatedProperties", Some(false));
        if !closes {
            self.summarise(
                "api/open-schema",
                Level::Note,
                "no object of this description has `additionalProperties: false`",
                "request schemas accept properties beyond the declared ones (mass assignment)",
            );
        }
    }

    /// Replaces the findings of `rule` at `level` by one document-level finding.
    fn summarise(&mut self, rule: &'static str, level: Level, cause: &str, effect: &str) {
        let (grouped, kept): (Vec<ApiFinding>, Vec<ApiFinding>) =
            std::mem::take(&mut self.findings)
                .into_iter()
                .partition(|f| f.rule == rule && f.level == level);
        self.findings = kept;
        if grouped.is_empty() {
            return;
        }
        let mut ops: Vec<usize> = grouped.iter().flat_map(|f| f.ops.iter().copied()).collect();
        ops.sort_unstable();
        ops.dedup();
        let examples: Vec<String> = ops.iter().take(3).map(|&i| self.ops[i].label()).collect();
        let message = format!(
            "{cause}: {} places where {effect}, in {} (e.g. {})",
            grouped.len(),
            plural(ops.len(), "operation"),
            examples.join(", ")
        );
        let key = self.document_key();
        self.push(rule, level, 0, key, message, ops);
    }

    fn document_key(&self) -> String {
        if self.spec.is_v2() {
            "/swagger"
        } else {
            "/openapi"
        }
        .to_string()
    }

    /// Whether any mapping of the scanned document has `key` (with the
    /// boolean `value`, when given).
    fn document_uses(&self, key: &str, value: Option<bool>) -> bool {
        let tree = self.spec.tree(0);
        (0..tree.len()).any(|i| {
            let id = super::tree::NodeId(i as u32);
            tree.entries(id).iter().any(|e| {
                tree.key(e) == key && value.is_none_or(|v| tree.as_bool(e.value) == Some(v))
            })
        })
    }

    /// When `node` was met already (`seen` maps it to its finding, or to
    /// `usize::MAX` when it had none), records `op` as one more user.
    fn add_user(&mut self, seen: &HashMap<Loc, usize>, node: Loc, op: usize) -> bool {
        let Some(&index) = seen.get(&node) else {
            return false;
        };
        if let Some(f) = self.findings.get_mut(index) {
            if !f.ops.contains(&op) {
                f.ops.push(op);
            }
        }
        true
    }

    fn open_schema(
        &mut self,
        schema: Loc,
        pointer: &str,
        op: usize,
        seen: &mut HashMap<Loc, usize>,
    ) {
        let spec = self.spec;
        if self.add_user(seen, schema, op) {
            return;
        }
        let types = spec.types(schema);
        if !(types.object || (types.any && spec.has(schema, "properties"))) {
            return;
        }
        let closed = |key: &str| {
            spec.get(schema, key)
                .and_then(|n| spec.tree(n.doc).as_bool(n.node))
                == Some(false)
        };
        if closed("additionalProperties") || closed("unevaluatedProperties") {
            return;
        }
        let explicit = spec
            .get(schema, "additionalProperties")
            .and_then(|n| spec.tree(n.doc).as_bool(n.node))
            == Some(true)
            || spec
                .get_r(schema, "additionalProperties")
                .is_some_and(|s| spec.is_map(s) && spec.entries(s).next().is_none());
        let props = spec.properties(schema, pointer);
        let composed =
            spec.has(schema, "oneOf") || spec.has(schema, "anyOf") || spec.has(schema, "allOf");
        let free_form = props.is_empty() && !composed && !spec.has(schema, "additionalProperties");
        let has_typed_extra = spec
            .get_r(schema, "additionalProperties")
            .is_some_and(|s| spec.is_map(s) && spec.entries(s).next().is_some());
        if has_typed_extra && !explicit {
            return; // a typed map (`additionalProperties: {type: string}`) is a deliberate dictionary
        }
        let label = self.ops[op].label();
        let (level, what) = if explicit {
            (
                Level::Warning,
                "open to any extra property (`additionalProperties: true`)",
            )
        } else if free_form {
            (
                Level::Warning,
                "a free-form object that accepts any property",
            )
        } else {
            (
                Level::Note,
                "open to properties beyond the declared ones (no `additionalProperties: false`)",
            )
        };
        let message = format!(
            "request body of {label} is {what}, which invites mass assignment (clients setting fields such as roles or ownership)"
        );
        seen.insert(schema, self.findings.len());
        self.push(
            "api/open-schema",
            level,
            schema.doc,
            pointer.to_string(),
            message,
            vec![op],
        );
    }

    fn bounded_string(&self, s: Loc) -> bool {
        let spec = self.spec;
        const BOUNDED_FORMATS: &[&str] = &[
            "date",
            "date-time",
            "time",
            "uuid",
            "email",
            "ipv4",
            "ipv6",
            "uri",
            "hostname",
            "int32",
            "int64",
            "duration",
        ];
        spec.has(s, "maxLength")
            || spec.has(s, "pattern")
            || spec.has(s, "enum")
            || spec.has(s, "const")
            || spec
                .str_of(s, "format")
                .is_some_and(|f| BOUNDED_FORMATS.contains(&f))
    }

    fn unbounded_strings(
        &mut self,
        schema: Loc,
        pointer: &str,
        op: usize,
        seen: &mut HashMap<Loc, usize>,
    ) {
        let spec = self.spec;
        if self.add_user(seen, schema, op) {
            return;
        }
        let props = spec.properties(schema, pointer);
        let unbounded: Vec<String> = props
            .iter()
            .filter(|p| {
                let t = spec.types(p.schema);
                t.string && !t.object && !self.bounded_string(p.schema)
            })
            .map(|p| p.name.clone())
            .collect();
        if !unbounded.is_empty() {
            seen.insert(schema, self.findings.len());
            let label = self.ops[op].label();
            self.push(
                "api/unbounded-string",
                Level::Note,
                schema.doc,
                pointer.to_string(),
                format!(
                    "request schema of {label} has {} without `maxLength`, `pattern`, `enum` or `format`: {}",
                    plural(unbounded.len(), "string property"),
                    list(&unbounded)
                ),
                vec![op],
            );
        } else {
            seen.insert(schema, usize::MAX);
        }
        // Nested objects: each is its own group.
        for p in props {
            let target = if spec.types(p.schema).array {
                spec.items_schema(p.schema).unwrap_or(p.schema)
            } else {
                p.schema
            };
            if spec.types(target).object && !seen.contains_key(&target) {
                let nested = spec.schema_pointer_of(&p.pointer);
                self.unbounded_strings(target, &nested, op, seen);
            }
        }
    }

    // ----- URLs ----------------------------------------------------------

    fn urls(&mut self) {
        for i in 0..self.ops.len() {
            let op = self.ops[i].clone();
            for p in self.params[i].clone() {
                if !matches!(p.location, ParamIn::Path | ParamIn::Query) {
                    continue;
                }
                let place = if p.location == ParamIn::Path {
                    "path"
                } else {
                    "query"
                };
                // A path segment named `token` is mostly a sync or resource
                // token (OData `delta(token=...)`); in the query string it
                // is how tokens leak.
                let path_token = p.location == ParamIn::Path
                    && data::words(&p.name).last().is_some_and(|w| w == "token");
                if data::is_credential(&p.name) && !path_token {
                    self.push(
                        "api/credential-in-url",
                        Level::Error,
                        p.node.doc,
                        p.pointer.clone(),
                        format!(
                            "{}: {place} parameter `{}` carries a credential in the URL, where servers, proxies and browser history record it",
                            op.label(),
                            p.name
                        ),
                        vec![i],
                    );
                    continue;
                }
                let term = self
                    .classify(&p.name)
                    .filter(|t| t.national_id || !data::is_identifier(&p.name));
                if let Some(term) = term {
                    let level = if term.sensitivity >= Sensitivity::HighlyPersonal {
                        Level::Error
                    } else {
                        Level::Warning
                    };
                    self.push(
                        "api/personal-data-in-url",
                        level,
                        p.node.doc,
                        p.pointer.clone(),
                        format!(
                            "{}: {place} parameter `{}` puts {} in the URL, where logs, proxies and browser history keep it",
                            op.label(),
                            p.name,
                            term.category
                        ),
                        vec![i],
                    );
                }
            }
        }
    }

    // ----- rate limits ---------------------------------------------------

    fn rate_limits(&mut self) {
        let limited: Vec<bool> = self
            .responses
            .iter()
            .map(|responses| {
                responses.iter().any(|r| {
                    r.code == "429"
                        || r.headers.iter().any(|h| {
                            h.starts_with("x-ratelimit")
                                || h.starts_with("ratelimit")
                                || h.starts_with("x-rate-limit")
                                || h == "retry-after"
                        })
                })
            })
            .collect();
        let documented = limited.iter().any(|&l| l);
        let mut unlimited = Vec::new();
        for ((i, op), info) in self.ops.iter().enumerate().zip(&self.info) {
            if op.webhook {
                continue;
            }
            let login = exemption(op) == Some(LOGIN);
            if (login || info.data.is_some()) && !limited[i] {
                unlimited.push((i, login));
            }
        }
        if !documented && unlimited.len() > 1 {
            let examples: Vec<String> = unlimited
                .iter()
                .take(3)
                .map(|&(i, _)| self.ops[i].label())
                .collect();
            let message = format!(
                "no operation documents a rate limit (no 429 response, no RateLimit or Retry-After header): {} authenticate or handle personal data (e.g. {})",
                plural(unlimited.len(), "operation"),
                examples.join(", ")
            );
            let key = self.document_key();
            let ops = unlimited.iter().map(|&(i, _)| i).collect();
            self.push("api/no-rate-limit", Level::Note, 0, key, message, ops);
            return;
        }
        for (i, login) in unlimited {
            let op = &self.ops[i];
            let what = if login {
                "an authentication endpoint".to_string()
            } else {
                format!(
                    "an operation on {}",
                    self.info[i]
                        .data
                        .as_ref()
                        .map(|d| d.describe())
                        .unwrap_or_default()
                )
            };
            let message = format!(
                "{}: {what} documents no rate limit (no 429 response, no RateLimit or Retry-After header)",
                op.label()
            );
            self.push_op("api/no-rate-limit", Level::Note, i, message);
        }
    }
}

const LOGIN: &str = "an authentication endpoint (login, token, registration) is public by design";

/// Operations that are public by design, and why.
pub fn exemption(op: &Operation) -> Option<&'static str> {
    let path = op.path.to_ascii_lowercase();
    let words: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .flat_map(data::words)
        .collect();
    let last = words.last().map(String::as_str).unwrap_or("");
    const HEALTH: &[&str] = &[
        "health",
        "healthz",
        "healthcheck",
        "ping",
        "status",
        "ready",
        "readyz",
        "live",
        "livez",
        "liveness",
        "readiness",
        "heartbeat",
        "alive",
    ];
    const AUTH: &[&str] = &[
        "login",
        "logon",
        "signin",
        "token",
        "tokens",
        "authorize",
        "register",
        "signup",
        "callback",
        "refresh",
    ];
    const META: &[&str] = &[
        "openapi",
        "swagger",
        "version",
        "versions",
        "docs",
        "robots",
        "favicon",
        "capabilities",
        "spec",
    ];
    if path.contains("/.well-known/") {
        return Some("public metadata (`/.well-known`)");
    }
    if HEALTH.contains(&last) || words.iter().any(|w| w == "healthz" || w == "healthcheck") {
        return Some("a health check is public by design");
    }
    if AUTH.contains(&last)
        || (words.len() >= 2 && words[words.len() - 2] == "sign" && last == "in")
    {
        return Some(LOGIN);
    }
    if META.contains(&last) || path.ends_with(".json") || path.ends_with(".yaml") {
        return Some("public metadata (API description, version)");
    }
    None
}

fn describe_stakes(writes: bool, data: Option<&FieldHit>) -> String {
    match (writes, data) {
        (true, Some(d)) => format!("writes and handles {}", d.describe()),
        (true, None) => "writes data".into(),
        (false, Some(d)) => format!("handles {}", d.describe()),
        (false, None) => "is public".into(),
    }
}

fn is_paging(name: &str) -> bool {
    let words = data::words(name);
    let joined = words.concat();
    words.iter().any(|w| PAGING.contains(&w.as_str())) || PAGING.contains(&joined.as_str())
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    if host.starts_with('[') {
        return host
            .split(']')
            .next()
            .map_or(host, |h| &h[..h.len()])
            .trim_start_matches('[');
    }
    host.split(':').next().unwrap_or(host)
}

fn is_local_or_example(host: &str) -> bool {
    host.is_empty()
        || host.contains('{')
        || host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "0.0.0.0"
        || host == "::1"
        || host.ends_with(".local")
        || host.ends_with(".test")
        || host.ends_with(".example")
        || host.ends_with(".invalid")
        || host.starts_with("10.")
        || host.starts_with("192.168.")
        || ["example.com", "example.org", "example.net"]
            .iter()
            .any(|e| host == *e || host.ends_with(&format!(".{e}")))
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else if let Some(stem) = what.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {what}s")
    }
}

/// `a`, `b`, `c` and 4 more.
fn list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(5).map(|n| format!("`{n}`")).collect();
    let more = names.len().saturating_sub(5);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("http://user@localhost:8080/v1"), "localhost");
        assert_eq!(host_of("http://[::1]:80/"), "::1");
        assert!(is_local_or_example("api.example.com"));
        assert!(!is_local_or_example("api.sante.fr"));
    }

    #[test]
    fn paging_names() {
        for p in [
            "limit",
            "per_page",
            "pageSize",
            "$top",
            "cursor",
            "page[number]",
            "maxResults",
        ] {
            assert!(is_paging(p), "{p}");
        }
        assert!(!is_paging("status"));
    }
}
