//! SARIF 2.1.0 report for GitHub code scanning and other viewers.
//!
//! Every rule that ran is described in `tool.driver.rules` (with help text,
//! tags including the family, and `security-severity`); results point at
//! paths relative to `%SRCROOT%`; vigie's own fingerprint goes under
//! `partialFingerprints["vigie/v1"]` (GitHub computes its own line hash);
//! suppressed findings keep a `suppressions` entry.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value};
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, LogicalLocation, Message,
    MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Suppression, Tool, ToolComponent,
};

use crate::finding::{Finding, Level, SuppressionKind};
use crate::report::Report;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The project's home, from Cargo.toml.
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");
/// Key of vigie's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "vigie/v1";
/// GitHub code scanning accepts at most this many results per run.
pub const MAX_RESULTS: usize = 25_000;
const SRCROOT: &str = "%SRCROOT%";

fn level(level: Level) -> ResultLevel {
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Note => ResultLevel::Note,
    }
}

fn text(s: impl Into<String>) -> Message {
    Message::builder().text(s.into()).build()
}

/// Percent-encodes a relative path for use as a URI reference.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'@' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn root_uri(report: &Report) -> String {
    let mut path = report.root.to_string_lossy().replace('\\', "/");
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    format!("file://{}", uri_path(&path))
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation::builder()
        .uri(uri_path(path))
        .uri_base_id(SRCROOT.to_string())
        .build()
}

fn result(f: &Finding, rule_index: Option<usize>) -> SarifResult {
    let region = Region::builder()
        .start_line(f.start.line as i64)
        .start_column(f.start.column as i64)
        .end_line(f.end.line as i64)
        .end_column(f.end.column as i64)
        .snippet(
            ArtifactContent::builder()
                .text(f.snippet.text.clone())
                .build(),
        )
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(artifact(&f.path))
        .region(region)
        .build();
    let location = match &f.pointer {
        // The node of a structured document, by its JSON pointer.
        Some(pointer) => Location::builder()
            .physical_location(physical)
            .logical_locations(vec![LogicalLocation::builder()
                .fully_qualified_name(pointer.clone())
                .kind("member".to_string())
                .build()])
            .build(),
        None => Location::builder().physical_location(physical).build(),
    };
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(FINGERPRINT_KEY.to_string(), f.fingerprint.clone());
    let mut result = SarifResult::builder()
        .rule_id(f.rule.clone())
        .level(level(f.level))
        .message(text(f.message.clone()))
        .locations(vec![location])
        .partial_fingerprints(fingerprints)
        .build();
    result.rule_index = rule_index.map(|i| i as i64);
    if !f.properties.is_empty() {
        let props: BTreeMap<String, Value> = f
            .properties
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        result.properties = Some(PropertyBag::builder().additional_properties(props).build());
    }
    if let Some(sup) = &f.suppression {
        let kind = match sup.kind {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::External => "external",
        };
        result.suppressions = Some(vec![Suppression::builder()
            .kind(json!(kind))
            .status(json!("accepted"))
            .justification(sup.justification.clone())
            .build()]);
    }
    result
}

fn rule_descriptor(run: &crate::report::RuleRun) -> ReportingDescriptor {
    let rule = &run.rule;
    let mut props = BTreeMap::new();
    props.insert(
        "security-severity".to_string(),
        Value::String(rule.security_severity.clone()),
    );
    props.insert("precision".to_string(), json!("high"));
    let properties = PropertyBag::builder()
        .tags(rule.tags.clone())
        .additional_properties(props)
        .build();
    ReportingDescriptor::builder()
        .id(rule.id.clone())
        .name(rule_name(&rule.id))
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.title.clone())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(rule.docs.what.trim().to_string())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(rule.help_text())
                .markdown(rule.help_markdown())
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(run.level.as_str()))
                .build(),
        )
        .properties(properties)
        .build()
}

/// `secret/aws-access-key-id` -> `SecretAwsAccessKeyId` (SARIF rule names are
/// identifiers, not ids).
fn rule_name(id: &str) -> String {
    id.split(['/', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Renders the SARIF log (pretty-printed, trailing newline).
pub fn render(report: &Report) -> String {
    let index: HashMap<&str, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.rule.id.as_str(), i))
        .collect();
    let rules: Vec<ReportingDescriptor> = report.rules.iter().map(rule_descriptor).collect();

    // GitHub rejects runs above MAX_RESULTS: keep the most severe, say so.
    let mut chosen: Vec<&Finding> = report.findings.iter().collect();
    let mut notifications = Vec::new();
    if chosen.len() > MAX_RESULTS {
        let total = chosen.len();
        chosen.sort_by_key(|f| (f.is_suppressed(), std::cmp::Reverse(f.level)));
        chosen.truncate(MAX_RESULTS);
        chosen.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        notifications.push(
            Notification::builder()
                .level(json!("warning"))
                .message(text(format!(
                    "{total} findings; only the {MAX_RESULTS} most severe are in this run (GitHub code scanning's limit). Use --format json for all."
                )))
                .build(),
        );
    }
    let results: Vec<SarifResult> = chosen
        .iter()
        .map(|f| result(f, index.get(f.rule.as_str()).copied()))
        .collect();

    for skipped in &report.skipped {
        let level = if skipped.reason.is_warning() {
            "warning"
        } else {
            "note"
        };
        let location = Location::builder()
            .physical_location(
                PhysicalLocation::builder()
                    .artifact_location(artifact(&skipped.path))
                    .build(),
            )
            .build();
        notifications.push(
            Notification::builder()
                .level(json!(level))
                .message(text(format!(
                    "{}: skipped ({}): {}",
                    skipped.path,
                    skipped.reason.as_str(),
                    skipped.detail
                )))
                .locations(vec![location])
                .build(),
        );
    }
    for problem in &report.problems {
        let location = Location::builder()
            .physical_location(
                PhysicalLocation::builder()
                    .artifact_location(artifact(&problem.path))
                    .region(
                        Region::builder()
                            .start_line(problem.line as i64)
                            .start_column(problem.column as i64)
                            .build(),
                    )
                    .build(),
            )
            .build();
        notifications.push(
            Notification::builder()
                .level(json!(problem.level.as_str()))
                .message(text(format!(
                    "{}:{}:{}: {}",
                    problem.path, problem.line, problem.column, problem.message
                )))
                .locations(vec![location])
                .build(),
        );
    }
    let mut invocation = Invocation::builder().execution_successful(true).build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }

    let driver = ToolComponent::builder()
        .name("vigie".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .semantic_version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri(INFORMATION_URI.to_string())
        .rules(rules)
        .build();
    let mut bases = BTreeMap::new();
    bases.insert(
        SRCROOT.to_string(),
        ArtifactLocation::builder().uri(root_uri(report)).build(),
    );
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .original_uri_base_ids(bases)
        .column_kind(json!("unicodeCodePoints"))
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URI.to_string())
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut out = serde_json::to_string_pretty(&log).expect("the SARIF log serialises");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri_path("src/a b/c#1.txt"), "src/a%20b/c%231.txt");
        assert_eq!(uri_path("é.txt"), "%C3%A9.txt");
    }

    #[test]
    fn rule_names() {
        assert_eq!(
            rule_name("secret/aws-access-key-id"),
            "SecretAwsAccessKeyId"
        );
    }
}
