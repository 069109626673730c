//! The OpenAPI auditor: finds API descriptions (Swagger 2.0, OpenAPI 3.0 and
//! 3.1, JSON or YAML), loads them with a position for every node, and runs
//! the `api/*` rules over one 3.0-shaped model.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::catalog::Catalog;
use crate::source::Source;

use super::{Check, Elsewhere, Hit, HitExtra, Problem};

pub mod audit;
pub mod data;
pub mod model;
pub mod risk;
pub mod tree;

use audit::{ApiFinding, Audit};
use model::{Doc, FileAccess, Spec};

/// Ids of the API rules (their metadata is in `rules/api.toml`).
pub const RULES: &[&str] = &[
    "api/missing-auth",
    "api/auth-override-empty",
    "api/basic-auth",
    "api/api-key-in-query",
    "api/oauth-implicit-flow",
    "api/oauth-password-flow",
    "api/undefined-security-scheme",
    "api/insecure-transport",
    "api/unbounded-array",
    "api/no-pagination",
    "api/open-schema",
    "api/unbounded-string",
    "api/bulk-export",
    "api/personal-data-in-url",
    "api/credential-in-url",
    "api/no-rate-limit",
];

/// Bytes sniffed for a top-level `openapi` or `swagger` key.
const SNIFF: usize = 1024;

/// Largest file a relative `$ref` may name.
const MAX_REF_FILE: u64 = 64 << 20;

/// True when the start of a JSON or YAML file declares an API description.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let head = String::from_utf8_lossy(head);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if let Some(json) = trimmed.strip_prefix('{') {
        // A JSON object whose keys include "openapi" or "swagger" at the top
        // level: near enough, the first key or one after `info`.
        return json.contains("\"openapi\"") || json.contains("\"swagger\"");
    }
    head.lines().any(|line| {
        let line = line.trim_end();
        [
            "openapi:",
            "swagger:",
            "\"openapi\":",
            "'openapi':",
            "\"swagger\":",
            "'swagger':",
        ]
        .iter()
        .any(|k| line.starts_with(k))
    })
}

/// Whether a path looks like a JSON or YAML file.
pub fn is_candidate(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".json") || lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// A loaded API description, or why it could not be loaded.
pub enum Loaded<'a> {
    /// Not an API description: nothing to say.
    NotApi,
    Failed(Problem),
    Spec(Box<Spec<'a>>),
}

/// Parses `src` as an API description (whatever its name).
pub fn load<'a>(src: &Source<'a>, root: Option<&Path>) -> Loaded<'a> {
    let text = match std::str::from_utf8(src.bytes) {
        Ok(t) => t,
        Err(e) => {
            return Loaded::Failed(Problem {
                elsewhere: None,
                offset: e.valid_up_to(),
                message: "API description is not valid UTF-8".into(),
                note: false,
            })
        }
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let is_json = body.trim_start().starts_with('{');
    let parsed = if is_json {
        tree::parse_json(Cow::Borrowed(text))
    } else {
        tree::parse_yaml(Cow::Borrowed(text))
    };
    let tree = match parsed {
        Ok(tree) => tree,
        Err(err) => {
            return Loaded::Failed(Problem {
                elsewhere: None,
                offset: err.offset,
                message: format!("cannot read API description: {}", err.message),
                note: false,
            })
        }
    };
    let Some(version) = Spec::detect(&tree) else {
        // The sniff saw a key, the parse says otherwise: a nested key or an
        // unsupported version.
        let root_node = tree.root();
        let declared = ["openapi", "swagger"]
            .iter()
            .find_map(|k| tree.entry(root_node, k).map(|e| (k, e.key_start, e.value)));
        return match declared {
            Some((key, offset, value)) => Loaded::Failed(Problem {
                elsewhere: None,
                offset: offset as usize,
                message: format!(
                    "unsupported API description version: `{key}: {}` (vigie reads Swagger 2.0 and OpenAPI 3.0 and 3.1)",
                    tree.scalar_text(value).unwrap_or_default()
                ),
                note: false,
            }),
            None => Loaded::NotApi,
        };
    };
    let file = src.file.map(Path::to_path_buf);
    let access = root.map(|root| FileAccess {
        root: root.to_path_buf(),
        max_size: MAX_REF_FILE,
    });
    let doc = Doc {
        label: src.path.to_string(),
        file,
        tree,
    };
    Loaded::Spec(Box::new(Spec::new(doc, version, access.as_ref())))
}

/// The check run by `vigie scan`.
pub struct ApiCheck {
    /// Catalogue index of each enabled API rule.
    rules: HashMap<&'static str, usize>,
}

impl ApiCheck {
    pub fn new(catalog: &Catalog, enabled: impl Fn(usize) -> bool) -> ApiCheck {
        // The privacy rules run on API descriptions too (their schemas).
        ApiCheck {
            rules: super::enabled_rules(
                catalog,
                RULES.iter().chain(crate::checks::privacy::RULES),
                enabled,
            ),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

impl Check for ApiCheck {
    fn check(&self, src: &Source, out: &mut Vec<Hit>) {
        let mut problems = Vec::new();
        self.check_all(src, out, &mut problems);
    }

    fn check_all(&self, src: &Source, out: &mut Vec<Hit>, problems: &mut Vec<Problem>) {
        if !(src.named || is_candidate(src.path)) || !sniff(src.bytes) {
            return;
        }
        let spec = match load(src, src.root) {
            Loaded::NotApi => return,
            Loaded::Failed(problem) => {
                problems.push(problem);
                return;
            }
            Loaded::Spec(spec) => spec,
        };
        let audit = Audit::run(&spec);
        for finding in &audit.findings {
            let Some(&rule) = self.rules.get(finding.rule) else {
                continue;
            };
            out.push(hit(&spec, &audit, finding, rule, src.bytes));
        }
        // Personal and sensitive data in the description's schemas.
        let classifier = &crate::checks::privacy::classifier::BUILTIN;
        for finding in crate::checks::models::openapi::findings(&spec, classifier) {
            if let Some(&rule) = self.rules.get(finding.rule) {
                out.push(hit(&spec, &audit, &finding, rule, src.bytes));
            }
        }
        for p in spec.take_problems() {
            problems.push(problem_in(&spec, p));
        }
    }
}

/// Turns a model problem into a check problem (positions in other files are
/// computed here, where their text is).
pub fn problem_in(spec: &Spec<'_>, p: model::Problem) -> Problem {
    if p.doc == 0 {
        return Problem {
            elsewhere: None,
            offset: p.offset,
            message: p.message,
            note: p.note,
        };
    }
    let doc = &spec.docs[p.doc as usize];
    let text = doc.tree.text();
    let before = &text[..p.offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Problem {
        elsewhere: Some((doc.label.clone(), line, column)),
        offset: 0,
        message: p.message,
        note: p.note,
    }
}

/// The hit for a finding: in the scanned file at the node, or, for a node
/// of a file reached by `$ref`, at the first operation that uses it.
fn hit(spec: &Spec<'_>, audit: &Audit<'_, '_>, f: &ApiFinding, rule: usize, bytes: &[u8]) -> Hit {
    let message = f.message.clone();
    // A node of a file reached by `$ref`: reported there.
    let elsewhere = (f.doc != 0).then(|| {
        let doc = &spec.docs[f.doc as usize];
        let text = doc.tree.text();
        let offset = f.offset.min(text.len());
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let start = offset - line_start;
        let end = token_end(line_text.as_bytes(), start.min(line_text.len()));
        Elsewhere {
            path: doc.label.clone(),
            line: text[..line_start].matches('\n').count() + 1,
            text: line_text.to_string(),
            span: start.min(line_text.len())..end,
        }
    });
    let offset = if f.doc == 0 { f.offset } else { 0 }.min(bytes.len());
    let end = token_end(bytes, offset);
    let mut properties = BTreeMap::new();
    if let Some(item) = &f.item {
        item.insert_into(&mut properties);
    }
    // The risk profile of the most critical operation concerned.
    if let Some(&i) = f.ops.iter().max_by_key(|&&i| audit.info[i].risk.level) {
        let info = &audit.info[i];
        let op = &audit.ops[i];
        properties.insert("operation".into(), op.label());
        properties.insert("risk".into(), info.risk.level.label().into());
        properties.insert(
            "risk-access".into(),
            if op.writes() { "write" } else { "read" }.into(),
        );
        properties.insert("risk-authentication".into(), info.auth.label().into());
        properties.insert(
            "risk-data".into(),
            info.data
                .as_ref()
                .map_or("none", |d| d.sensitivity.label())
                .into(),
        );
        properties.insert("risk-granularity".into(), info.granularity.label().into());
    }
    Hit {
        rule,
        span: offset..end,
        secret: None,
        message,
        extra: Some(Box::new(HitExtra {
            level: Some(f.level),
            pointer: Some(format!("{}#{}", spec.docs[f.doc as usize].label, f.pointer)),
            properties,
            elsewhere,
        })),
    }
}

/// End of the key or scalar starting at `start`: a quoted string to its
/// closing quote, else up to `:`, `,` or the end of the line.
fn token_end(bytes: &[u8], start: usize) -> usize {
    let rest = &bytes[start..];
    match rest.first() {
        Some(&q @ (b'"' | b'\'')) => rest[1..]
            .iter()
            .position(|&b| b == q || b == b'\n')
            .map_or(bytes.len(), |i| start + i + 2),
        Some(b'{' | b'[') => start + 1,
        _ => {
            let stop = rest
                .iter()
                .position(|&b| matches!(b, b':' | b',' | b'\n' | b'\r' | b'}' | b']'))
                .unwrap_or(rest.len());
            start + stop.max(1).min(rest.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_api_descriptions() {
        assert!(sniff(b"openapi: 3.0.3\ninfo: {}"));
        assert!(sniff(b"# comment\nswagger: '2.0'\n"));
        assert!(sniff(b"{\n  \"openapi\": \"3.1.0\"}"));
        assert!(!sniff(b"name: ci\non: push\n"));
        assert!(!sniff(b"{\"name\": \"pkg\"}"));
        assert!(!sniff(b"  openapi: 3.0.0\n"));
    }
}
