//! The `sdlint` command: parses arguments, runs the subcommand, maps the outcome to an exit code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(status) => status.into(),
        Err(err) => {
            cli::report_error(&err);
            cli::ExitStatus::Error.into()
        }
    }
}
