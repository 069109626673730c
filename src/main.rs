//! The `vigie` binary: parse the command line, run the library, map the
//! result to an exit code (0 clean, 1 findings, 2 usage or fatal error).

use std::process::ExitCode;

use clap::Parser;
use vigie::app::{self, Outcome};
use vigie::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match app::run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) => {
            // Library errors already say what and where (file, line).
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}
