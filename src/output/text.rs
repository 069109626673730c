//! Text report, shaped like ruff's: one header line per finding that editors
//! and terminals can jump to, a short code frame, and a summary line.

use std::collections::BTreeMap;
use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::{human_bytes, RenderOptions};
use crate::finding::{Finding, Level};
use crate::report::Report;

struct Styles {
    path: Style,
    error: Style,
    warning: Style,
    note: Style,
    rule: Style,
    gutter: Style,
    caret: Style,
    dim: Style,
}

impl Styles {
    fn new(color: bool) -> Styles {
        if !color {
            let plain = Style::new();
            return Styles {
                path: plain,
                error: plain,
                warning: plain,
                note: plain,
                rule: plain,
                gutter: plain,
                caret: plain,
                dim: plain,
            };
        }
        Styles {
            path: Style::new().bold(),
            error: AnsiColor::Red.on_default().bold(),
            warning: AnsiColor::Yellow.on_default().bold(),
            note: AnsiColor::Cyan.on_default().bold(),
            rule: AnsiColor::Magenta.on_default(),
            gutter: AnsiColor::Blue.on_default().bold(),
            caret: AnsiColor::Red.on_default().bold(),
            dim: Style::new().dimmed(),
        }
    }

    fn level(&self, level: Level) -> Style {
        match level {
            Level::Error => self.error,
            Level::Warning => self.warning,
            Level::Note => self.note,
        }
    }
}

fn paint(style: Style, text: impl std::fmt::Display) -> String {
    format!("{style}{text}{style:#}")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn finding(out: &mut String, f: &Finding, s: &Styles) {
    let _ = write!(
        out,
        "{}: {} {} {}",
        paint(
            s.path,
            format_args!("{}:{}:{}", f.path, f.start.line, f.start.column)
        ),
        paint(s.level(f.level), f.level),
        paint(s.rule, &f.rule),
        f.message
    );
    if let Some(sup) = &f.suppression {
        let _ = write!(
            out,
            " {}",
            paint(s.dim, format_args!("(suppressed: {})", sup.justification))
        );
    }
    out.push('\n');
    let number = f.start.line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, "{pad} {}", paint(s.gutter, "|"));
    let _ = writeln!(
        out,
        "{} {}",
        paint(s.gutter, format_args!("{number} |")),
        f.snippet.text
    );
    let (a, b) = f.snippet.highlight;
    let width = b.saturating_sub(a).max(1);
    let _ = writeln!(
        out,
        "{pad} {} {}{}",
        paint(s.gutter, "|"),
        " ".repeat(a),
        paint(s.caret, "^".repeat(width))
    );
    if let Some(secret) = &f.secret {
        let _ = writeln!(
            out,
            "{pad} {} secret: {}",
            paint(s.gutter, "="),
            secret.escape_debug()
        );
    }
    out.push('\n');
}

/// Renders the text report: findings, then (unless quiet) the footer.
pub fn render(report: &Report, opts: RenderOptions) -> String {
    let s = Styles::new(opts.color);
    let mut out = String::new();
    for f in &report.findings {
        if f.is_suppressed() && !opts.show_suppressed {
            continue;
        }
        finding(&mut out, f, &s);
    }
    if !opts.quiet {
        out.push_str(&footer(report, opts.color));
    }
    out
}

/// Warnings about skipped files and the summary line; printed on stderr when
/// the report itself is JSON or SARIF or goes to a file.
pub fn footer(report: &Report, color: bool) -> String {
    let s = Styles::new(color);
    let mut out = String::new();
    for skipped in report.skipped.iter().filter(|k| k.reason.is_warning()) {
        let _ = writeln!(
            out,
            "{}: {}: skipped ({}): {}",
            paint(s.warning, "warning"),
            skipped.path,
            skipped.reason.as_str(),
            skipped.detail
        );
    }
    for problem in &report.problems {
        let style = if problem.level == crate::finding::Level::Note {
            s.note
        } else {
            s.warning
        };
        let _ = writeln!(
            out,
            "{}: {}:{}:{}: {}",
            paint(style, problem.level.as_str()),
            problem.path,
            problem.line,
            problem.column,
            problem.message
        );
    }
    let counts = report.counts();
    let _ = write!(
        out,
        "Scanned {} ({}) in {:.2}s: {}, {}, {}",
        plural(report.files_scanned as usize, "file"),
        human_bytes(report.bytes_scanned),
        report.duration.as_secs_f64(),
        paint(s.error, plural(counts.error, "error")),
        paint(s.warning, plural(counts.warning, "warning")),
        paint(s.note, plural(counts.note, "note")),
    );
    if counts.suppressed > 0 {
        let _ = write!(out, ", {} suppressed", counts.suppressed);
    }
    if !report.skipped.is_empty() {
        let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
        for k in &report.skipped {
            *by_reason.entry(k.reason.as_str()).or_default() += 1;
        }
        let detail: Vec<String> = by_reason.iter().map(|(r, n)| format!("{n} {r}")).collect();
        let _ = write!(
            out,
            "; skipped {} ({})",
            plural(report.skipped.len(), "file"),
            detail.join(", ")
        );
    }
    if !report.problems.is_empty() {
        let _ = write!(
            out,
            "; {} with the input",
            plural(report.problems.len(), "problem")
        );
    }
    out.push_str(".\n");
    out
}
