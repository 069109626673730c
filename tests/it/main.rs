//! Integration tests: one binary, one module per area (fastest to build).

mod cli;
mod common;
mod config;
mod fixtures;
mod gdpr;
mod openapi;
mod pii;
mod privacy;
mod props;
mod sarif;
mod secrets;
mod snapshots;
mod suppression;
mod walk;
