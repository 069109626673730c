//! `[gdpr]` in `vigie.toml`: what only people can say about the data the
//! code processes (purposes and their lawful basis, who sees each datum,
//! how long it is kept, human descriptions). Every key is known; errors
//! name the file and line.
//!
//! ```toml
//! [gdpr]
//! software = "Clinic"                 # named in the file's header
//! default-visibility = "private"      # for data without their own
//!
//! [[gdpr.purposes]]
//! purpose = "Book appointments with a practitioner"
//! lawfulness = "contract"             # consent, contract, legal, public interest, legitimate interest, vital
//! data = ["email", "date of birth"]   # names of data blocks
//!
//! [gdpr.data."date of birth"]
//! visibility = "practitioners"
//! retention = "3 years after the last appointment"
//! description = "Tells patients with the same name apart."
//! mitigation = "Never shown in lists."
//! required = true
//!
//! [gdpr.data.name]
//! same-as = ["name cached", "name parts"]   # one datum, named `name`
//! ```
//!
//! A `[gdpr.data.NAME]` that the code does not reveal (a password, logs)
//! is declared by hand: it then needs `description` and `visibility`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::format::LAWFULNESS;
use crate::error::{line_of, Error, Result};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GdprConfig {
    pub software: Option<Spanned<String>>,
    pub default_visibility: Option<Spanned<String>>,
    #[serde(default)]
    pub purposes: Vec<Purpose>,
    #[serde(default)]
    pub data: BTreeMap<Spanned<String>, Datum>,
    /// Line of each purpose's `data` entries, for errors (filled by
    /// [`GdprConfig::parse`]).
    #[serde(skip)]
    pub lines: BTreeMap<usize, usize>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Purpose {
    pub purpose: Spanned<String>,
    pub lawfulness: Spanned<String>,
    #[serde(default)]
    pub data: Vec<Spanned<String>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Datum {
    pub visibility: Option<String>,
    pub description: Option<String>,
    pub mitigation: Option<String>,
    pub retention: Option<String>,
    pub required: Option<bool>,
    /// For data declared by hand: `personal-data`, `article9-health`...
    pub category: Option<String>,
    /// Names in the code that are this same datum (`name cached`,
    /// `name parts`): merged into one data block under this name.
    #[serde(default)]
    pub same_as: Vec<String>,
}

#[derive(Deserialize)]
struct Wrapper {
    gdpr: Option<GdprConfig>,
}

impl GdprConfig {
    /// The `[gdpr]` table of a configuration's text, validated.
    pub fn parse(path: &Path, text: &str) -> Result<Option<GdprConfig>> {
        let err = |offset: usize, message: String| Error::Config {
            path: path.to_path_buf(),
            line: line_of(text, offset),
            message,
        };
        let wrapper: Wrapper =
            toml::from_str(text).map_err(|e| crate::config::toml_error(path, text, &e))?;
        let Some(config) = wrapper.gdpr else {
            return Ok(None);
        };
        let one_line = |what: &str, value: &Spanned<String>| -> Result<()> {
            let v = value.get_ref();
            if v.trim().is_empty() {
                return Err(err(value.span().start, format!("{what} is empty")));
            }
            if v.contains(['\n', '\r']) {
                return Err(err(
                    value.span().start,
                    format!("{what} `{}` must be one line", v.replace('\n', "\\n")),
                ));
            }
            Ok(())
        };
        for p in &config.purposes {
            if !LAWFULNESS.contains(&p.lawfulness.get_ref().as_str()) {
                return Err(err(
                    p.lawfulness.span().start,
                    format!(
                        "lawfulness `{}` is not one of: {} (GDPR Article 6(1))",
                        p.lawfulness.get_ref(),
                        LAWFULNESS.join(", ")
                    ),
                ));
            }
            one_line("purpose", &p.purpose)?;
        }
        for name in config.software.iter().chain(&config.default_visibility) {
            one_line("value", name)?;
        }
        for (name, d) in &config.data {
            one_line("a data name", name)?;
            // Values written on one line of GDPR.txt; description and
            // mitigation may take several.
            let fields = [
                ("visibility", &d.visibility),
                ("retention", &d.retention),
                ("description", &d.description),
                ("mitigation", &d.mitigation),
            ];
            for (key, value) in fields {
                let Some(v) = value else { continue };
                if v.trim().is_empty() {
                    return Err(err(
                        name.span().start,
                        format!("`{key}` of `{}` is empty", name.get_ref()),
                    ));
                }
                if matches!(key, "visibility" | "retention") && v.contains('\n') {
                    return Err(err(
                        name.span().start,
                        format!("`{key}` of `{}` must be one line", name.get_ref()),
                    ));
                }
            }
            if let Some(category) = &d.category {
                let known = crate::checks::privacy::RULES
                    .iter()
                    .any(|r| r.strip_prefix("privacy/") == Some(category.as_str()));
                if !known {
                    return Err(err(
                        name.span().start,
                        format!(
                            "unknown category `{category}` for `{}` (the privacy rule ids without `privacy/`, e.g. `personal-data`, `article9-health`)",
                            name.get_ref()
                        ),
                    ));
                }
            }
        }
        let mut config = config;
        config.lines = config
            .purposes
            .iter()
            .flat_map(|p| &p.data)
            .map(|d| (d.span().start, line_of(text, d.span().start)))
            .chain(
                config
                    .data
                    .keys()
                    .map(|k| (k.span().start, line_of(text, k.span().start))),
            )
            .collect();
        Ok(Some(config))
    }

    /// Line of a spanned value of this configuration.
    pub fn line(&self, offset: usize) -> usize {
        self.lines.get(&offset).copied().unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> std::result::Result<Option<GdprConfig>, String> {
        GdprConfig::parse(Path::new("vigie.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn purposes_and_data() {
        let c = parse(
            "[rules]\ndisable = []\n[gdpr]\nsoftware = \"X\"\n[[gdpr.purposes]]\npurpose = \"Log in\"\nlawfulness = \"contract\"\ndata = [\"email\"]\n[gdpr.data.\"date of birth\"]\nvisibility = \"staff\"\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.purposes[0].data[0].get_ref(), "email");
        assert_eq!(c.line(c.purposes[0].data[0].span().start), 8);
        assert_eq!(c.data.keys().next().unwrap().get_ref(), "date of birth");
        assert!(parse("[scan]\n").unwrap().is_none());
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("[gdpr]\n[[gdpr.purposes]]\npurpose = \"x\"\nlawfulness = \"because\"\n")
            .unwrap_err();
        assert!(
            e.contains("vigie.toml:4") && e.contains("lawfulness `because`"),
            "{e}"
        );
        let e = parse("[gdpr]\nsoftwre = \"x\"\n").unwrap_err();
        assert!(
            e.contains("vigie.toml:2") && e.contains("unknown key"),
            "{e}"
        );
        let e = parse("[gdpr.data.password]\ncategory = \"secret\"\n").unwrap_err();
        assert!(e.contains("unknown category"), "{e}");
        let e =
            parse("[gdpr]\n[[gdpr.purposes]]\npurpose = \" \"\n\n\nlawfulness = \"contract\"\n")
                .unwrap_err();
        assert!(
            e.contains("vigie.toml:3") && e.contains("purpose is empty"),
            "{e}"
        );
        let e = parse("[gdpr]\nsoftware = \"A\\nB: c\"\n").unwrap_err();
        assert!(
            e.contains("vigie.toml:2") && e.contains("must be one line"),
            "{e}"
        );
        let e = parse("[gdpr.data.email]\nvisibility = \"\"\n").unwrap_err();
        assert!(e.contains("`visibility` of `email` is empty"), "{e}");
    }
}
