//! `vigie api-report SPEC`: the CNIL-style risk profile of every operation
//! of one API description, most critical first (text, Markdown or JSON).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::app::{write_atomically, Outcome};
use crate::checks::openapi::audit::Audit;
use crate::checks::openapi::{load, problem_in, Loaded};
use crate::cli::{ApiReportCommand, ReportFormat};
use crate::error::{Error, Result};
use crate::source::Source;

/// One operation's row.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub risk: &'static str,
    pub operation: String,
    pub line: usize,
    pub pointer: String,
    pub access: &'static str,
    pub authentication: &'static str,
    pub data: String,
    pub granularity: &'static str,
    pub reasons: Vec<&'static str>,
    /// Rule ids of the API findings that concern the operation.
    pub findings: Vec<&'static str>,
    #[serde(skip)]
    rank: u8,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    file: &'a str,
    api_version: &'static str,
    operations: &'a [Row],
    problems: Vec<String>,
}

pub fn run(cmd: ApiReportCommand) -> Result<Outcome> {
    let bytes = std::fs::read(&cmd.spec).map_err(|e| Error::io(&cmd.spec, e))?;
    let file = cmd
        .spec
        .canonicalize()
        .map_err(|e| Error::io(&cmd.spec, e))?;
    let root = file.parent().unwrap_or(Path::new("/")).to_path_buf();
    let label = cmd.spec.to_string_lossy().replace('\\', "/");
    let src = Source::new(&label, &bytes).on_disk(&file, &root);
    let spec = match load(&src, Some(&root)) {
        Loaded::NotApi => {
            return Err(Error::File {
                path: cmd.spec.clone(),
                message:
                    "not an API description (no top-level `openapi: 3.x` or `swagger: \"2.0\"`)"
                        .into(),
            })
        }
        Loaded::Failed(problem) => {
            let pos = src.position(problem.offset);
            return Err(Error::File {
                path: cmd.spec.clone(),
                message: format!("{}:{}: {}", pos.line, pos.column, problem.message),
            });
        }
        Loaded::Spec(spec) => spec,
    };
    let audit = Audit::run(&spec);
    let mut by_op: Vec<BTreeSet<&'static str>> = vec![BTreeSet::new(); audit.ops.len()];
    for f in &audit.findings {
        for &i in &f.ops {
            if let Some(set) = by_op.get_mut(i) {
                set.insert(f.rule);
            }
        }
    }
    let mut rows: Vec<Row> = audit
        .ops
        .iter()
        .zip(&audit.info)
        .enumerate()
        .map(|(i, (op, info))| {
            let findings = std::mem::take(&mut by_op[i]);
            Row {
                risk: info.risk.level.label(),
                rank: info.risk.level as u8,
                operation: if op.webhook {
                    format!("{} (webhook)", op.label())
                } else {
                    op.label()
                },
                line: src.position(op.offset).line,
                pointer: op.pointer.clone(),
                access: if op.writes() { "write" } else { "read" },
                authentication: info.auth.label(),
                data: info.data.as_ref().map_or_else(
                    || "none found".to_string(),
                    |d| format!("{}: {}", d.sensitivity.label(), d.describe()),
                ),
                granularity: info.granularity.label(),
                reasons: info.risk.reasons.clone(),
                findings: findings.into_iter().collect(),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.rank.cmp(&a.rank).then(a.line.cmp(&b.line)));
    let problems: Vec<String> = spec
        .take_problems()
        .into_iter()
        .map(|p| {
            let p = problem_in(&spec, p);
            match p.elsewhere {
                Some((path, line, column)) => format!("{path}:{line}:{column}: {}", p.message),
                None => {
                    let pos = src.position(p.offset);
                    format!("{label}:{}:{}: {}", pos.line, pos.column, p.message)
                }
            }
        })
        .collect();
    let text = match cmd.format {
        ReportFormat::Json => {
            let doc = JsonReport {
                version: 1,
                file: &label,
                api_version: spec.version.label(),
                operations: &rows,
                problems: problems.clone(),
            };
            let mut s = serde_json::to_string_pretty(&doc).expect("the report serialises");
            s.push('\n');
            s
        }
        ReportFormat::Markdown => markdown(&label, spec.version.label(), &rows, &problems),
        ReportFormat::Text => text(&label, spec.version.label(), &rows, &problems),
    };
    match &cmd.output {
        Some(path) => write_atomically(path, text.as_bytes())?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Error::io("<stdout>", e));
                }
            }
        }
    }
    Ok(Outcome::Clean)
}

fn counts(rows: &[Row]) -> String {
    let n = |level: &str| rows.iter().filter(|r| r.risk == level).count();
    format!(
        "{} operations: {} critical, {} high, {} moderate, {} low",
        rows.len(),
        n("critical"),
        n("high"),
        n("moderate"),
        n("low")
    )
}

fn text(label: &str, version: &str, rows: &[Row], problems: &[String]) -> String {
    let mut out = format!("{label} ({version}): {}\n\n", counts(rows));
    let op_width = rows
        .iter()
        .map(|r| r.operation.chars().count())
        .max()
        .unwrap_or(9)
        .max(9);
    let auth_width = rows
        .iter()
        .map(|r| r.authentication.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "{:8}  {:op_width$}  {:6}  {:auth_width$}  {:11}  DATA",
        "RISK", "OPERATION", "ACCESS", "AUTH", "GRANULARITY"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:8}  {:op_width$}  {:6}  {:auth_width$}  {:11}  {}",
            r.risk, r.operation, r.access, r.authentication, r.granularity, r.data
        );
        if !r.reasons.is_empty() || !r.findings.is_empty() {
            let mut detail = Vec::new();
            if !r.reasons.is_empty() {
                detail.push(format!("why: {}", r.reasons.join(", ")));
            }
            if !r.findings.is_empty() {
                detail.push(format!("findings: {}", r.findings.join(", ")));
            }
            let _ = writeln!(out, "{:8}  line {}; {}", "", r.line, detail.join("; "));
        }
    }
    for p in problems {
        let _ = writeln!(out, "warning: {p}");
    }
    out
}

fn markdown(label: &str, version: &str, rows: &[Row], problems: &[String]) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = format!(
        "# API risk profile: `{}`\n\n{version}; {}.\n\n",
        cell(label),
        counts(rows)
    );
    out.push_str(
        "| Risk | Operation | Access | Authentication | Data | Granularity | Why | Findings |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} | {} | {} |",
            r.risk,
            cell(&r.operation),
            r.access,
            r.authentication,
            cell(&r.data),
            r.granularity,
            r.reasons.join(", "),
            r.findings
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !problems.is_empty() {
        out.push_str("\n## Problems with the description\n\n");
        for p in problems {
            let _ = writeln!(out, "- {}", cell(p));
        }
    }
    out
}
