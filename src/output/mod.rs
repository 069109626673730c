//! Report formats. Each is a pure function of the [`Report`].

use crate::report::Report;

pub mod json;
pub mod sarif;
pub mod text;

/// Output formats of `vigie scan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable: `path:line:col: level rule message`, a code frame and a summary.
    Text,
    /// vigie's own JSON schema (`"version": 1`), one object per finding.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

impl Format {
    /// The format an output file name suggests (`.sarif`, `.json`).
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".sarif") || name.ends_with(".sarif.json") {
            Some(Format::Sarif)
        } else if name.ends_with(".json") {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// Presentation settings that do not change the findings.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// ANSI colours (text only).
    pub color: bool,
    /// Findings only: no warnings about skipped files, no summary (text only).
    pub quiet: bool,
    /// Also print suppressed findings (text only; JSON and SARIF always carry them).
    pub show_suppressed: bool,
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: Format, opts: RenderOptions) -> String {
    match format {
        Format::Text => text::render(report, opts),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
    }
}

/// `1.5 MiB`-style sizes for humans.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: &[&str] = &["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
