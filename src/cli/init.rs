//! `sdlint init`: write a commented starter `sdlint.toml`.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;

use super::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write sdlint.toml in.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// The starter configuration: every key, commented out at its default, with what it does.
pub const STARTER: &str = r#"# sdlint configuration. Every key is optional; each line below shows the default, commented out.
# `sdlint config` prints the configuration in effect and where each value came from.

# Rules to run: ids (SD-SIG-005), names (missing-signature-date) or id prefixes (CMR-OECD).
# select = []                       # [] runs every rule
# extend-select = []                # added to select, e.g. a house pack's ["HOUSE"]
# ignore = []                       # rules never run, e.g. ["CMR-FLS-001"]

# The lowest severity that fails a run (exit 1): "error", "warning", "info" or "never".
# fail-on = "error"

# Files left out when a folder is linted, written as in .gitignore and relative to this file.
# `exclude` replaces the defaults below; `extend-exclude` adds to them. Files named on the
# command line are linted whatever these say.
# exclude = ["README*", "CHANGELOG*", "CHANGES*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "LICENSE*", "node_modules/", "target/"]
# extend-exclude = ["archive/"]

# Rule packs of your own: TOML files or folders of them, relative to this file.
# extend-rules = ["house-rules.toml"]

# A rule's severity changed: "error", "warning" or "info".
# [severity]
# "SD-EXH-003" = "error"

# Rules turned off for the files a glob matches (relative to this file).
# [[per-file]]
# glob = "archive/**"
# ignore = ["XF-013"]

# Days the SEC was closed besides weekends and federal holidays; they move a filing deadline.
# [calendar]
# extra-closures = ["2018-12-05"]

# A suppression comment without a reason (`-- why`) is not applied when this is true.
# [suppressions]
# require-reason = false
"#;

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let path = args.dir.join(sdlint::config::FILE_NAME);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::AlreadyExists => {
                anyhow::anyhow!(
                    "{} already exists; sdlint init leaves it as it is",
                    path.display()
                )
            }
            _ => anyhow::Error::new(err).context(format!("cannot create {}", path.display())),
        })?;
    file.write_all(STARTER.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let _ = writeln!(
        std::io::stderr().lock(),
        "wrote {} (every key commented out at its default; `sdlint config` shows what is in effect)",
        path.display()
    );
    Ok(ExitStatus::Success)
}
