//! The commands behind the CLI. Returns what the process should exit with;
//! `main.rs` only maps it to a code.

use std::io::Write;
use std::path::Path;

use crate::catalog::Catalog;
use crate::checks::secrets::examples::run_examples;
use crate::cli::{
    BaselineCommand, Cli, ColorWhen, Command, ExplainCommand, ListFormat, RulesCommand,
    ScanCommand, ScanOptions,
};
use crate::config::Config;
use crate::engine::{load_config, PathOptions, Scanner};
use crate::error::{Error, Result};
use crate::output::{self, text, Format, RenderOptions};
use crate::report::Report;
use crate::suppress::Baseline;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the failure threshold.
    Clean,
    /// Findings at or above `--fail-on`.
    Findings,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let color = cli.color;
    match cli.command {
        Command::Scan(cmd) => scan(cmd, color),
        Command::Baseline(cmd) => baseline(cmd, color),
        Command::Rules(cmd) => rules(cmd),
        Command::Explain(cmd) => explain(cmd),
        Command::ApiReport(cmd) => crate::api_report::run(cmd),
        Command::Gdpr(cmd) => gdpr(cmd),
    }
}

fn use_color(when: ColorWhen, stream: &impl anstream::stream::RawStream) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never,
    }
}

fn run_scan(opts: &ScanOptions) -> Result<Report> {
    let catalog = Catalog::with_packs(&opts.packs)?;
    let config = if opts.no_config {
        Config::default()
    } else {
        load_config(opts.config.as_deref(), &opts.paths, &catalog)?
    };
    let scanner = Scanner::new(catalog, config, opts.show_secrets)?;
    scanner.scan_paths(&PathOptions {
        paths: opts.paths.clone(),
        threads: opts.threads,
        max_file_size: opts.max_file_size,
        follow_symlinks: if opts.follow_symlinks {
            Some(true)
        } else if opts.no_follow_symlinks {
            Some(false)
        } else {
            None
        },
        exclude: opts.exclude.clone(),
        no_ignore: opts.no_ignore,
    })
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, then a rename, so readers never see a half-written report.
///
/// A path that is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO)
/// is written in place: renaming over it would replace the device with a
/// regular file (as root, `--output /dev/null` once turned the machine's
/// `/dev/null` into a file that then fed its contents to every reader).
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() && !meta.is_dir() {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            return file.write_all(contents).map_err(|e| Error::io(path, e));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // tempfile's errors name the temporary file; report the user's path.
    let fail = |e: std::io::Error| Error::File {
        path: path.to_path_buf(),
        message: format!("cannot write the file: {}", std::io::Error::from(e.kind())),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".vigie-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(contents).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Prints to stdout; a closed pipe (`vigie scan | head`) is not an error.
fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

fn scan(cmd: ScanCommand, color: ColorWhen) -> Result<Outcome> {
    let baseline = match &cmd.baseline {
        Some(path) => Some(Baseline::load(path)?),
        None => None,
    };
    let mut report = run_scan(&cmd.scan)?;
    if let (Some(baseline), Some(path)) = (&baseline, &cmd.baseline) {
        baseline.apply(&mut report, &path.display().to_string());
    }
    let format = cmd
        .format
        .or_else(|| cmd.output.as_deref().and_then(Format::from_extension))
        .unwrap_or(Format::Text);
    let to_stdout = cmd.output.is_none();
    let opts = RenderOptions {
        color: to_stdout && format == Format::Text && use_color(color, &std::io::stdout()),
        quiet: cmd.quiet,
        show_suppressed: cmd.show_suppressed,
    };
    let rendered = output::render(&report, format, opts);
    match &cmd.output {
        Some(path) => write_atomically(path, rendered.as_bytes())?,
        None => print_stdout(&rendered)?,
    }
    // The summary goes to stderr whenever stdout does not carry it.
    if !cmd.quiet && (format != Format::Text || !to_stdout) {
        let footer = text::footer(&report, use_color(color, &std::io::stderr()));
        let _ = std::io::stderr().write_all(footer.as_bytes());
    }
    Ok(if report.fails(cmd.fail_on.threshold()) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn baseline(cmd: BaselineCommand, color: ColorWhen) -> Result<Outcome> {
    let report = run_scan(&cmd.scan)?;
    let baseline = Baseline::from_report(&report);
    write_atomically(&cmd.output, baseline.to_json().as_bytes())?;
    let footer = text::footer(&report, use_color(color, &std::io::stderr()));
    let _ = writeln!(
        std::io::stderr(),
        "Wrote {} finding(s) to {}.\n{}",
        baseline.findings.len(),
        cmd.output.display(),
        footer.trim_end()
    );
    Ok(Outcome::Clean)
}

fn rules(cmd: RulesCommand) -> Result<Outcome> {
    let catalog = Catalog::with_packs(&cmd.packs)?;
    if cmd.test {
        let report = run_examples(&catalog)?;
        let mut text = String::new();
        for failure in &report.failures {
            text.push_str(&format!("FAIL {failure}\n"));
        }
        text.push_str(&format!(
            "{} rules, {} examples: {} passed, {} failed\n",
            report.rules,
            report.cases,
            report.cases - report.failures.len(),
            report.failures.len()
        ));
        print_stdout(&text)?;
        return Ok(if report.failures.is_empty() {
            Outcome::Clean
        } else {
            Outcome::Findings
        });
    }
    let listed: Vec<&crate::catalog::Rule> = catalog
        .rules()
        .iter()
        .filter(|r| cmd.tags.is_empty() || r.tags.iter().any(|t| cmd.tags.contains(t)))
        .collect();
    if listed.is_empty() {
        return Err(Error::Usage(format!(
            "no rule has tag {}",
            cmd.tags.join(" or ")
        )));
    }
    let text = match cmd.format {
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = listed
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "title": r.title,
                        "level": r.level,
                        "security-severity": r.security_severity,
                        "tags": r.tags,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&rules).expect("rules serialise");
            s.push('\n');
            s
        }
        ListFormat::Text => {
            let width = listed.iter().map(|r| r.id.len()).max().unwrap_or(2);
            let tag_width = listed
                .iter()
                .map(|r| r.tags.join(",").len())
                .max()
                .unwrap_or(4);
            let mut s = format!(
                "{:width$}  {:7}  {:tag_width$}  TITLE\n",
                "ID", "LEVEL", "TAGS"
            );
            for r in &listed {
                s.push_str(&format!(
                    "{:width$}  {:7}  {:tag_width$}  {}\n",
                    r.id,
                    r.level.as_str(),
                    r.tags.join(","),
                    r.title
                ));
            }
            s.push_str(&format!("{} rules\n", listed.len()));
            s
        }
    };
    print_stdout(&text)?;
    Ok(Outcome::Clean)
}

fn explain(cmd: ExplainCommand) -> Result<Outcome> {
    let catalog = Catalog::builtin()?;
    let Some(rule) = catalog.get(&cmd.rule) else {
        let mut message = format!("unknown rule `{}`", cmd.rule);
        if let Some(s) = catalog.suggest(&cmd.rule) {
            message.push_str(&format!("; did you mean `{s}`?"));
        } else {
            message.push_str("; `vigie rules` lists every rule");
        }
        return Err(Error::Usage(message));
    };
    let mut text = rule.help_markdown();
    text.push_str(&format!(
        "\nLevel: {}. Security severity: {}. Tags: {}.\n",
        rule.level,
        rule.security_severity,
        rule.tags.join(", ")
    ));
    print_stdout(&text)?;
    Ok(Outcome::Clean)
}

/// `vigie gdpr`: generate, check or validate a GDPR.txt.
fn gdpr(cmd: crate::cli::GdprCommand) -> Result<Outcome> {
    use crate::cli::GdprFormat;
    use crate::gdpr::format::{BlockKind, Document};

    let mut err = std::io::stderr();
    if let Some(file) = &cmd.validate {
        let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
        let (doc, errors) = Document::validate(&text);
        for e in &errors {
            let _ = writeln!(err, "{}:{}: {}", file.display(), e.line, e.message);
        }
        if !errors.is_empty() {
            let _ = writeln!(err, "{}: {} error(s)", file.display(), errors.len());
            return Ok(Outcome::Findings);
        }
        let _ = writeln!(
            err,
            "{}: valid GDPR.txt ({} purpose(s), {} data)",
            file.display(),
            doc.count(BlockKind::Purpose),
            doc.count(BlockKind::Data)
        );
        return Ok(Outcome::Clean);
    }

    // The inventory: every privacy rule, nothing else, whatever the
    // configuration turns off (a GDPR.txt lists all personal data).
    let opts = &cmd.scan;
    let catalog = Catalog::with_packs(&opts.packs)?;
    let mut config = if opts.no_config {
        Config::default()
    } else {
        load_config(opts.config.as_deref(), &opts.paths, &catalog)?
    };
    config.disable.retain(|d| !d.starts_with("privacy"));
    config.enable.retain(|e| e.starts_with("privacy"));
    config.enable.push("privacy".into());
    for family in ["secret", "api", "pii"] {
        config.disable.push(family.into());
    }
    let gdpr_config = config.gdpr.clone();
    let config_path = config.path.clone();
    let scanner = Scanner::new(catalog, config, false)?;
    let report = scanner.scan_paths(&PathOptions {
        paths: opts.paths.clone(),
        threads: opts.threads,
        max_file_size: opts.max_file_size,
        follow_symlinks: opts.follow_symlinks.then_some(true),
        exclude: opts.exclude.clone(),
        no_ignore: opts.no_ignore,
    })?;
    for p in &report.problems {
        let _ = writeln!(
            err,
            "{}: {}:{}: {}",
            p.level.as_str(),
            p.path,
            p.line,
            p.message
        );
    }
    let data = crate::gdpr::merge_same(
        crate::gdpr::data_of(&report.inventory()),
        gdpr_config.as_ref(),
    );
    let file = cmd.file.clone().unwrap_or_else(|| {
        // GDPR.txt at the scan root, named relative to the current
        // directory when inside it.
        let at = report.root.join("GDPR.txt");
        std::env::current_dir()
            .ok()
            .and_then(|cwd| at.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or(at)
    });

    if cmd.check {
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let _ = writeln!(
                    err,
                    "{}: not found. Run `vigie gdpr --output {}` to write it, then review and commit it.",
                    file.display(),
                    file.display()
                );
                return Ok(Outcome::Findings);
            }
            Err(e) => return Err(Error::io(&file, e)),
        };
        // A file that does not validate is not in sync whatever it lists.
        let (doc, errors) = Document::validate(&text);
        for e in &errors {
            let _ = writeln!(err, "{}:{}: {}", file.display(), e.line, e.message);
        }
        let drift = crate::gdpr::check(&data, gdpr_config.as_ref(), &doc);
        if drift.is_empty() && !errors.is_empty() {
            let _ = writeln!(
                err,
                "{}: not a valid GDPR.txt ({} error(s)); `vigie gdpr --validate {}` lists them.",
                file.display(),
                errors.len(),
                file.display()
            );
            return Ok(Outcome::Findings);
        }
        if drift.is_empty() && errors.is_empty() {
            let declared = doc.count(BlockKind::Data);
            let _ = writeln!(
                err,
                "{} is in sync with the code ({declared} data).",
                file.display()
            );
            return Ok(Outcome::Clean);
        }
        let name = file.display().to_string();
        print_stdout(&crate::gdpr::render_drift(&drift, &name))?;
        let _ = writeln!(
            err,
            "{name} is out of date with the code: {} difference(s). Run `vigie gdpr --output {name}` to regenerate it (what people wrote in it and in vigie.toml is kept), then review and commit it.",
            drift.len()
        );
        return Ok(Outcome::Findings);
    }

    let software = gdpr_config
        .as_ref()
        .and_then(|c| c.software.as_ref().map(|s| s.get_ref().clone()))
        .unwrap_or_else(|| "this software".into());
    let mut written = data.len();
    let text = match cmd.format {
        GdprFormat::Json => {
            #[derive(serde::Serialize)]
            struct Json<'a> {
                version: u32,
                data: &'a [crate::gdpr::Datum],
            }
            let mut text = serde_json::to_string_pretty(&Json {
                version: 1,
                data: &data,
            })
            .expect("the data serialise");
            text.push('\n');
            text
        }
        GdprFormat::Markdown => crate::gdpr::markdown(&data, &software),
        GdprFormat::Text => {
            // What people wrote in the file is kept: never overwrite a file
            // vigie could not read.
            let existing_path = cmd
                .file
                .clone()
                .or_else(|| cmd.output.clone())
                .unwrap_or_else(|| file.clone());
            let existing = match std::fs::read(&existing_path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => Some(Document::parse(&text).0),
                    Err(_) => {
                        return Err(Error::File {
                            path: existing_path,
                            message: "not UTF-8: vigie would lose what people wrote in it (convert it to UTF-8 first)".into(),
                        })
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(Error::io(&existing_path, e)),
            };
            let doc = crate::gdpr::generate(&data, gdpr_config.as_ref(), existing.as_ref())
                .map_err(|problems| {
                    let first = &problems[0];
                    Error::Config {
                        path: config_path.clone().unwrap_or_else(|| "vigie.toml".into()),
                        line: first.line,
                        message: problems
                            .iter()
                            .map(|p| p.message.clone())
                            .collect::<Vec<_>>()
                            .join("; "),
                    }
                })?;
            let purposes = doc.count(BlockKind::Purpose) > 0;
            if !purposes && !data.is_empty() {
                let _ = writeln!(
                    err,
                    "warning: no purpose of processing is declared: the GDPR.txt is a draft until [[gdpr.purposes]] in vigie.toml say why and on which lawful basis the data are processed."
                );
            }
            written = doc.count(BlockKind::Data);
            doc.write()
        }
    };
    match &cmd.output {
        Some(path) => {
            write_atomically(path, text.as_bytes())?;
            let _ = writeln!(err, "Wrote {written} data to {}.", path.display());
        }
        None => print_stdout(&text)?,
    }
    Ok(Outcome::Clean)
}
