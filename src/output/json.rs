//! vigie's JSON report, schema version 1 (documented in README.md).
//!
//! Deterministic: no timestamps or durations, so a report can be committed
//! and diffed. Secrets are redacted as in every other output.

use serde::Serialize;

use crate::finding::Finding;
use crate::report::{Counts, InputProblem, InventoryEntry, Report, Skipped};

/// Version of the JSON schema; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files_scanned: u64,
    bytes_scanned: u64,
    findings: Counts,
    skipped: usize,
    problems: usize,
    inventory: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    findings: &'a [Finding],
    skipped: &'a [Skipped],
    problems: &'a [InputProblem],
    /// The data inventory (fields holding personal data).
    inventory: Vec<InventoryEntry>,
}

/// Renders the JSON report (pretty-printed, trailing newline).
pub fn render(report: &Report) -> String {
    let inventory = report.inventory();
    let doc = JsonReport {
        version: JSON_VERSION,
        tool: Tool {
            name: "vigie",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            files_scanned: report.files_scanned,
            bytes_scanned: report.bytes_scanned,
            findings: report.counts(),
            skipped: report.skipped.len(),
            problems: report.problems.len(),
            inventory: inventory.len(),
        },
        findings: &report.findings,
        skipped: &report.skipped,
        problems: &report.problems,
        inventory,
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("the report serialises");
    text.push('\n');
    text
}
