//! `vigie.toml` / `.vigie.toml`: discovery, parsing and validation. Every key
//! is known; a typo is an error naming the file, the line and the key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::catalog::{family_of, Catalog, FAMILIES};
use crate::error::{line_of, Error, Result};
use crate::finding::Level;

/// A TOML error of a configuration file: its line, "key" for "field".
pub(crate) fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    Error::Config {
        path: path.to_path_buf(),
        line: line_of(text, e.span().map_or(0, |s| s.start)),
        message: e.message().replace("unknown field", "unknown key"),
    }
}

/// Config file names, in order of preference within one directory.
pub const FILE_NAMES: &[&str] = &["vigie.toml", ".vigie.toml"];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    scan: RawScan,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    allowlist: RawAllowlist,
    /// Validated by [`crate::gdpr::config::GdprConfig::parse`].
    #[serde(default)]
    gdpr: Option<toml::Table>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawScan {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    max_file_size: Option<Spanned<toml::Value>>,
    #[serde(default)]
    follow_symlinks: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRules {
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    levels: BTreeMap<String, Spanned<Level>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAllowlist {
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    regexes: Vec<Spanned<String>>,
}

/// A validated configuration.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it was read from (`None`: defaults).
    pub path: Option<PathBuf>,
    /// Gitignore-style globs, relative to the scan root, never scanned.
    pub exclude: Vec<String>,
    pub max_file_size: Option<u64>,
    pub follow_symlinks: Option<bool>,
    /// Rule ids or families turned off.
    pub disable: Vec<String>,
    /// Rule ids or families turned back on (the more specific entry wins).
    pub enable: Vec<String>,
    /// Level per rule id or family.
    pub levels: BTreeMap<String, Level>,
    /// Secret values that are known and accepted (test fixtures...).
    pub allow_values: Vec<String>,
    pub allow_regexes: Vec<Regex>,
    /// `[gdpr]`: purposes, lawful bases and what people say of each datum.
    pub gdpr: Option<crate::gdpr::config::GdprConfig>,
}

impl Config {
    /// Reads and validates `path`.
    pub fn load(path: &Path, catalog: &Catalog) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::parse(path, &text, catalog)
    }

    /// Parses `text` (read from `path`, used in messages).
    pub fn parse(path: &Path, text: &str, catalog: &Catalog) -> Result<Config> {
        let err = |offset: usize, message: String| Error::Config {
            path: path.to_path_buf(),
            line: line_of(text, offset),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;

        let check_id = |id: &Spanned<String>| -> Result<()> {
            check_rule_ref(id.get_ref(), catalog).map_err(|m| err(id.span().start, m))
        };
        for id in raw.rules.disable.iter().chain(&raw.rules.enable) {
            check_id(id)?;
        }
        for id in &raw.rules.enable {
            if raw
                .rules
                .disable
                .iter()
                .any(|d| d.get_ref() == id.get_ref())
            {
                return Err(err(
                    id.span().start,
                    format!("`{}` is both enabled and disabled", id.get_ref()),
                ));
            }
        }
        let mut levels = BTreeMap::new();
        for (id, level) in raw.rules.levels {
            check_rule_ref(&id, catalog).map_err(|m| err(level.span().start, m))?;
            levels.insert(id, level.into_inner());
        }

        let mut exclude = Vec::new();
        let mut probe = ignore::gitignore::GitignoreBuilder::new("/");
        for glob in raw.scan.exclude {
            probe
                .add_line(None, glob.get_ref())
                .map_err(|e| err(glob.span().start, format!("invalid exclude glob: {e}")))?;
            exclude.push(glob.into_inner());
        }
        let max_file_size = match raw.scan.max_file_size {
            None => None,
            Some(value) => {
                let parsed = match value.get_ref() {
                    toml::Value::Integer(n) if *n > 0 => Ok(*n as u64),
                    toml::Value::String(s) => parse_size(s),
                    _ => Err("expected a positive integer or a size such as \"10MiB\"".to_string()),
                };
                Some(parsed.map_err(|m| err(value.span().start, format!("max-file-size: {m}")))?)
            }
        };
        let mut allow_regexes = Vec::new();
        for re in raw.allowlist.regexes {
            let compiled = Regex::new(re.get_ref())
                .map_err(|e| err(re.span().start, format!("invalid allowlist regex: {e}")))?;
            allow_regexes.push(compiled);
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            exclude,
            max_file_size,
            follow_symlinks: raw.scan.follow_symlinks,
            disable: raw
                .rules
                .disable
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            enable: raw
                .rules
                .enable
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            levels,
            allow_values: raw.allowlist.values,
            allow_regexes,
            gdpr: if raw.gdpr.is_some() {
                crate::gdpr::config::GdprConfig::parse(path, text)?
            } else {
                None
            },
        })
    }

    /// Finds the config file for a scan starting at `start`: the nearest
    /// `vigie.toml` or `.vigie.toml` from `start` upward, stopping at the
    /// repository root (the first directory holding `.git`).
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_file() {
            start.parent()?
        } else {
            start
        };
        for dir in start.ancestors() {
            for name in FILE_NAMES {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            if dir.join(".git").exists() {
                break;
            }
        }
        None
    }

    /// The effective level of every catalogue rule, `None` when disabled. An
    /// entry naming a rule id beats one naming its family.
    pub fn select(&self, catalog: &Catalog) -> Vec<Option<Level>> {
        catalog
            .rules()
            .iter()
            .map(|rule| {
                let family = family_of(&rule.id);
                let decide = |key: &str| {
                    if self.enable.iter().any(|e| e == key) {
                        Some(true)
                    } else if self.disable.iter().any(|d| d == key) {
                        Some(false)
                    } else {
                        None
                    }
                };
                let enabled = decide(&rule.id).or_else(|| decide(family)).unwrap_or(true);
                enabled.then(|| {
                    self.levels
                        .get(&rule.id)
                        .or_else(|| self.levels.get(family))
                        .copied()
                        .unwrap_or(rule.level)
                })
            })
            .collect()
    }

    /// The level the configuration sets for a rule (by id or family), if any.
    pub fn explicit_level(&self, id: &str) -> Option<Level> {
        self.levels
            .get(id)
            .or_else(|| self.levels.get(family_of(id)))
            .copied()
    }

    /// True when `secret` is allowlisted by value or by regex.
    pub fn is_allowlisted(&self, secret: &str) -> bool {
        self.allow_values.iter().any(|v| v == secret)
            || self.allow_regexes.iter().any(|r| r.is_match(secret))
    }
}

fn check_rule_ref(id: &str, catalog: &Catalog) -> std::result::Result<(), String> {
    if FAMILIES.contains(&id) || catalog.get(id).is_some() {
        return Ok(());
    }
    let mut message = format!("unknown rule or family `{id}`");
    if let Some(suggestion) = catalog.suggest(id) {
        message.push_str(&format!("; did you mean `{suggestion}`?"));
    } else {
        message.push_str(&format!(
            " (families: {}; `vigie rules` lists the ids)",
            FAMILIES.join(", ")
        ));
    }
    Err(message)
}

/// Parses a byte size: `1048576`, `512K`, `10MiB`, `2 MB` (binary multiples).
pub fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (examples: 1048576, 512K, 10MiB)"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit `{other}` (use K, M or G)")),
    };
    match number.checked_mul(multiplier) {
        Some(0) | None => Err(format!("`{text}` is not a positive size")),
        Some(n) => Ok(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("vigie.toml"), text, &Catalog::builtin().unwrap())
    }

    #[test]
    fn full_config_parses() {
        let config = parse(
            r#"
[scan]
exclude = ["tests/fixtures/", "*.min.js"]
max-file-size = "2MiB"
follow-symlinks = false

[rules]
disable = ["api", "secret/generic-password"]
enable = []
levels = { "secret/aws-access-key-id" = "warning", secret = "note" }

[allowlist]
values = ["AKIAZ5GMHYJKLMNQ7XPR"]
regexes = ["^test-"]

[gdpr]
software = "Example"

[[gdpr.purposes]]
purpose = "Send receipts"
lawfulness = "contract"
data = ["email"]
"#,
        )
        .unwrap();
        assert_eq!(config.max_file_size, Some(2 << 20));
        let catalog = Catalog::builtin().unwrap();
        let selected = config.select(&catalog);
        for (rule, level) in catalog.rules().iter().zip(&selected) {
            match rule.id.as_str() {
                "secret/generic-password" => assert_eq!(*level, None),
                "secret/aws-access-key-id" => assert_eq!(*level, Some(Level::Warning)),
                id if id.starts_with("secret/") => assert_eq!(*level, Some(Level::Note)),
                _ => {}
            }
        }
        assert!(config.is_allowlisted("AKIAZ5GMHYJKLMNQ7XPR"));
        assert!(config.is_allowlisted("test-123"));
        assert!(!config.is_allowlisted("prod-123"));
    }

    #[test]
    fn enable_beats_family_disable() {
        let config =
            parse("[rules]\ndisable = [\"secret\"]\nenable = [\"secret/private-key\"]\n").unwrap();
        let catalog = Catalog::builtin().unwrap();
        for (rule, level) in catalog.rules().iter().zip(config.select(&catalog)) {
            assert_eq!(
                level.is_some(),
                rule.id == "secret/private-key" || !rule.id.starts_with("secret/"),
                "{}",
                rule.id
            );
        }
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse("[scan]\nexclude = []\n\n[rules]\nlevle = {}\n").unwrap_err();
        assert_eq!(err.to_string().split(':').nth(1), Some("5"), "{err}");
        assert!(err.to_string().contains("unknown key `levle`"), "{err}");
        let err = parse("colour = true\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("vigie.toml:1: unknown key `colour`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_rule_id_gets_a_suggestion() {
        let err = parse("[rules]\n\ndisable = [\"secret/aws-acess-key-id\"]\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("vigie.toml:3:"), "{msg}");
        assert!(
            msg.contains("did you mean `secret/aws-access-key-id`"),
            "{msg}"
        );
    }

    #[test]
    fn bad_values_are_errors_with_lines() {
        let err = parse("[rules]\nlevels = { secret = \"critical\" }\n").unwrap_err();
        assert!(err.to_string().starts_with("vigie.toml:2:"), "{err}");
        let err = parse("[allowlist]\nregexes = [\"(\"]\n").unwrap_err();
        assert!(err.to_string().contains("invalid allowlist regex"), "{err}");
        let err = parse("[scan]\nmax-file-size = \"ten\"\n").unwrap_err();
        assert!(err.to_string().contains("max-file-size"), "{err}");
        let err = parse("[rules]\ndisable = [\"x\"]\nenable = [\"x\"]\n").unwrap_err();
        assert!(
            err.to_string().contains("unknown rule or family `x`"),
            "{err}"
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("42"), Ok(42));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12parsecs").is_err());
    }
}
