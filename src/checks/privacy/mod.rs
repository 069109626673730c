//! Personal and sensitive data in data models: a multilingual field-name
//! classifier, data-driven from `rules/privacy/*.toml`.

pub mod classifier;

/// Ids of the privacy rules (metadata in `rules/privacy/meta.toml`).
pub const RULES: &[&str] = &[
    "privacy/article9-health",
    "privacy/article9-genetic",
    "privacy/article9-biometric",
    "privacy/article9-ethnic-origin",
    "privacy/article9-political-opinion",
    "privacy/article9-religion",
    "privacy/article9-trade-union",
    "privacy/article9-sex-life",
    "privacy/article10-criminal",
    "privacy/national-identifier",
    "privacy/personal-data",
];
