//! Command-line interface (clap derive structs only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::parse_size;
use crate::output::Format;

/// vigie finds leaked secrets, weaknesses of API descriptions and personal
/// data in source code, reports them as text, JSON or SARIF, and writes the
/// GDPR.txt of the personal data the software processes.
#[derive(Parser, Debug)]
#[command(name = "vigie", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or fatal error.\n\
Examples:\n  vigie scan .\n  vigie scan . --format sarif --output vigie.sarif\n  vigie explain secret/aws-access-key-id\n  vigie gdpr --output GDPR.txt\n  vigie gdpr --check"
)]
pub struct Cli {
    /// When to use colours (honours NO_COLOR and CLICOLOR_FORCE in auto mode).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan files and directories (default: the current directory).
    Scan(ScanCommand),
    /// Write the current findings to a baseline file; later scans given
    /// `--baseline FILE` report them as suppressed, so only new ones fail.
    Baseline(BaselineCommand),
    /// List every rule: id, level, tags and title.
    Rules(RulesCommand),
    /// Print a rule's documentation: what it finds, why it matters, how to fix.
    Explain(ExplainCommand),
    /// Print the risk profile of every operation of an API description
    /// (OpenAPI 3.0/3.1 or Swagger 2.0), most critical first.
    ApiReport(ApiReportCommand),
    /// Write a GDPR.txt (gdpr-txt.org) from the personal data found in the
    /// code and the purposes in vigie.toml; or check that GDPR.txt is in
    /// sync with the code (--check); or validate a GDPR.txt (--validate).
    Gdpr(GdprCommand),
}

#[derive(Args, Debug)]
pub struct GdprCommand {
    #[command(flatten)]
    pub scan: ScanOptions,

    /// Write to FILE instead of standard output (values a person wrote in
    /// FILE are kept: descriptions, mitigations, visibilities, purposes).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// What to write: the GDPR.txt, the data as JSON, or a Markdown summary
    /// for a privacy page.
    #[arg(long, short = 'f', value_enum, default_value_t = GdprFormat::Text)]
    pub format: GdprFormat,

    /// Exit 1 with a diff when the code processes data that GDPR.txt does
    /// not declare, or GDPR.txt declares data no longer found.
    #[arg(long, conflicts_with_all = ["validate", "output"])]
    pub check: bool,

    /// The GDPR.txt to check, or to keep hand-written values from
    /// (default: GDPR.txt at the scan root).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Only validate this GDPR.txt: every syntax error with its line.
    #[arg(long, value_name = "FILE")]
    pub validate: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GdprFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Args, Debug)]
pub struct ApiReportCommand {
    /// The API description (JSON or YAML).
    pub spec: PathBuf,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Json,
}

/// Options shared by every command that scans.
#[derive(Args, Debug, Clone)]
pub struct ScanOptions {
    /// Files or directories to scan.
    #[arg(value_name = "PATHS", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Configuration file (default: vigie.toml or .vigie.toml, searched from
    /// the first path upward to the repository root).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file.
    #[arg(long)]
    pub no_config: bool,

    /// Also run the rules of this pack file (TOML, the format of vigie's own
    /// rules/secrets/*.toml); repeatable.
    #[arg(long = "rules", value_name = "PACK")]
    pub packs: Vec<PathBuf>,

    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Skip files larger than this (bytes, or with a unit: 512K, 10MiB, 1G).
    /// Default: 10MiB, or `max-file-size` from the configuration.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,

    /// Do not honour .gitignore, .ignore and .vigieignore files (excludes
    /// from the configuration and --exclude still apply).
    #[arg(long)]
    pub no_ignore: bool,

    /// Exclude paths matching this gitignore-style glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Follow symbolic links (loops are reported and skipped).
    #[arg(long, overrides_with = "no_follow_symlinks")]
    pub follow_symlinks: bool,

    /// Do not follow symbolic links, whatever the configuration says (the default).
    #[arg(long, overrides_with = "follow_symlinks")]
    pub no_follow_symlinks: bool,

    /// Print secrets in full instead of a redacted prefix. Never use in CI logs.
    #[arg(long)]
    pub show_secrets: bool,
}

#[derive(Args, Debug)]
pub struct ScanCommand {
    #[command(flatten)]
    pub scan: ScanOptions,

    /// Report format (default: from the --output extension, else text).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write the report to FILE (atomically: a temporary file, then a rename).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with 1 when a finding at or above this level is not suppressed.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,

    /// Report findings whose fingerprints are in this baseline as suppressed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Print findings only: no summary, no warnings about skipped files.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Also print suppressed findings in the text report.
    #[arg(long)]
    pub show_suppressed: bool,
}

#[derive(Args, Debug)]
pub struct BaselineCommand {
    #[command(flatten)]
    pub scan: ScanOptions,

    /// The baseline file to write.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Args, Debug)]
pub struct RulesCommand {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,

    /// Add the rules of this pack file to the list (validated); repeatable.
    #[arg(long = "pack", value_name = "PACK")]
    pub packs: Vec<PathBuf>,

    /// Only list rules with this tag (a family such as `api`, or a topic
    /// such as `authentication`); repeatable, any tag matches.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Run every secret rule's examples and negative examples instead of
    /// listing; exits 1 when one fails. Use it when writing a pack.
    #[arg(long)]
    pub test: bool,
}

#[derive(Args, Debug)]
pub struct ExplainCommand {
    /// A rule id, e.g. secret/aws-access-key-id.
    pub rule: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<crate::Level> {
        match self {
            FailOn::Error => Some(crate::Level::Error),
            FailOn::Warning => Some(crate::Level::Warning),
            FailOn::Note => Some(crate::Level::Note),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}
