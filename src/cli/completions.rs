//! `sdlint completions SHELL`: the shell completion script, generated from the clap definition.

use anyhow::Context as _;
use clap::CommandFactory as _;
use clap_complete::Shell;

use super::{Cli, ExitStatus, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the script on standard output; where to install it depends on the shell (for
/// example `sdlint completions bash > ~/.local/share/bash-completion/completions/sdlint`).
pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "sdlint", &mut script);
    print(&script).context("cannot write the completion script")?;
    Ok(ExitStatus::Success)
}
