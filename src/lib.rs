//! vigie: a static analyser and privacy auditor for source code and API
//! specifications. The library does the work; the `vigie` binary is a thin
//! command-line front end over [`Scanner`].
//!
//! A scan is a pipeline: paths are discovered ([`discover`]), each file is
//! read once into a [`source::Source`], every [`checks::Check`] runs on it,
//! hits become [`Finding`]s (positions, redacted snippet, fingerprint,
//! suppression), and the sorted [`report::Report`] goes to an [`output`]
//! format.

pub mod api_report;
pub mod app;
pub mod catalog;
pub mod checks;
pub mod cli;
pub mod config;
pub mod discover;
pub mod engine;
pub mod error;
pub mod finding;
pub mod gdpr;
pub mod output;
pub mod report;
pub mod source;
pub mod suppress;

pub use catalog::Catalog;
pub use config::Config;
pub use engine::{PathOptions, Scanner};
pub use error::{Error, Result};
pub use finding::{Finding, Level};
pub use report::Report;
