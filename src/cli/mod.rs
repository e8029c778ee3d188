//! The command line: clap arguments, one file per subcommand, and the single place where
//! output is written and errors become exit codes.

mod check;
mod completions;
mod config;
mod explain;
mod init;
mod parse;
mod plan;
mod rules;
mod server;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};
use sdlint::config::Config;
use sdlint::{Error, RuleSet};

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// No diagnostic at or above `--fail-on`.
    Success,
    /// At least one diagnostic at or above `--fail-on`.
    Failure,
    /// sdlint could not do its job: usage, unreadable input, invalid rules or configuration.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// A fast, rule-based linter for SEC Form SD filings and Conflict Minerals Reports.
#[derive(Debug, Parser)]
#[command(name = "sdlint", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint filings (files, directories, or - for stdin).
    Check(check::Args),
    /// List every rule with its metadata.
    Rules(rules::Args),
    /// Explain one rule: what it checks, why, how to fix it, and its references.
    Explain(explain::Args),
    /// Show the document tree sdlint sees in a file (for rule authors).
    Parse(parse::Args),
    /// Show the configuration in effect and where each value came from.
    Config(config::Args),
    /// Write a commented starter sdlint.toml.
    Init(init::Args),
    /// Run the language server over standard input and output (for editors).
    Server(server::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell or elvish).
    Completions(completions::Args),
}

/// Where rules come from; shared by the subcommands that load them.
#[derive(Debug, clap::Args)]
struct RuleArgs {
    /// Extra rule packs: TOML files, or directories of them.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Do not load the built-in rules (use only the packs given with --rules).
    #[arg(long)]
    no_builtin_rules: bool,
}

/// Which configuration file applies; shared by the subcommands that read it.
#[derive(Debug, clap::Args)]
struct ConfigArgs {
    /// The configuration file to use (default: sdlint.toml in the current directory or the
    /// nearest parent).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    isolated: bool,
}

impl ConfigArgs {
    /// The configuration in effect, if any.
    fn load(&self) -> sdlint::Result<Option<Config>> {
        if self.isolated {
            return Ok(None);
        }
        let path = match &self.config {
            Some(path) => Some(path.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|dir| sdlint::config::discover(&dir)),
        };
        path.map(|p| Config::load(&p)).transpose()
    }
}

impl RuleArgs {
    /// The built-in rules (unless turned off), the configuration's packs, then the command
    /// line's packs; the configuration's rule names are checked against the result.
    fn load(&self, config: Option<&Config>) -> sdlint::Result<RuleSet> {
        let mut set = if self.no_builtin_rules {
            RuleSet::default()
        } else {
            RuleSet::builtin()?
        };
        if let Some(config) = config {
            config.add_rule_packs(&mut set)?;
        }
        for path in &self.rules {
            set.add_path(path)?;
        }
        if let Some(config) = config {
            config.validate(&set)?;
            config.check_globs()?;
        }
        Ok(set)
    }
}

/// When to color the output.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    fn enabled(self) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
        }
    }
}

/// Runs the command line.
pub fn run() -> anyhow::Result<ExitStatus> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout and usage errors to stderr.
            let _ = err.print();
            return Ok(if err.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Success
            });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Config(args) => config::run(args),
        Command::Init(args) => init::run(args),
        Command::Server(args) => server::run(args),
        Command::Completions(args) => completions::run(args),
    };
    match result {
        // `sdlint rules | head`: the reader had what it wanted. `check` keeps its own outcome.
        Err(err) if is_broken_pipe(&err) => Ok(ExitStatus::Success),
        other => other,
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes `bytes` to standard output.
fn print(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}

/// Reports an error that stops sdlint, on standard error. Errors in rule packs are shown with
/// the offending lines of the TOML.
pub fn report_error(err: &anyhow::Error) {
    let mut stderr = std::io::stderr().lock();
    let located = match err.downcast_ref::<Error>() {
        Some(Error::RuleFile {
            path,
            text,
            span,
            message,
        }) => Some(("invalid rule pack", path, text, span, message)),
        Some(Error::Config {
            path,
            text,
            span,
            message,
        }) => Some(("invalid configuration", path, text, span, message)),
        _ => None,
    };
    if let Some((what, path, text, span, message)) = located {
        let (text, span) = clipped(text, span.clone());
        // A control character in the TOML (which is an error there) is shown as `?`, byte for
        // byte, so that the terminal does not act on it and the label stays where it was.
        let text: String = text
            .chars()
            .map(|c| {
                if sdlint::render::is_hidden(c) && !matches!(c, '\n' | '\r') {
                    "?".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect();
        let name = visible_lines(&path.display().to_string());
        let file = SimpleFile::new(name, text.as_str());
        let diagnostic = Diagnostic::error()
            .with_message(visible_lines(&format!("{what}: {message}")))
            .with_labels(vec![Label::primary((), span)]);
        let mut buffer =
            if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
        if term::emit_to_write_style(&mut buffer, &term::Config::default(), &file, &diagnostic)
            .is_ok()
        {
            let _ = stderr.write_all(buffer.as_slice());
            return;
        }
    }
    match err.downcast_ref::<Error>() {
        // sdlint's own errors already say what their cause said.
        Some(own) => {
            let _ = writeln!(stderr, "error: {}", visible_lines(&own.to_string()));
        }
        None => {
            let _ = writeln!(stderr, "error: {}", visible_lines(&format!("{err:#}")));
        }
    }
}

/// `text` with control characters shown as escapes (see [`sdlint::render::visible`]), line
/// breaks kept: for what reaches the terminal on standard error, which may quote a file's name
/// or contents.
fn visible_lines(text: &str) -> String {
    text.split('\n')
        .map(sdlint::render::visible)
        .collect::<Vec<_>>()
        .join("\n")
}

/// How much of a long line an error shows after the start of what it points at.
const SHOWN_AFTER_START: usize = 160;

/// `text` with the line where `span` starts cut short when it runs on (a pattern of megabytes
/// is not echoed whole to the terminal), and `span` cut to match. The start of the line stays,
/// so the line and column an error gives are unchanged.
fn clipped(text: &str, span: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    let start = span.start.min(text.len());
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let cut = sdlint::span::floor_char_boundary(text, start + SHOWN_AFTER_START);
    if cut >= line_end {
        return (text.to_owned(), span);
    }
    let shown = format!(
        "{} [... {} more bytes]{}",
        &text[..cut],
        line_end - cut,
        &text[line_end..]
    );
    (shown, start..span.end.min(cut).max(start))
}

/// Reports an input that could not be linted, on standard error, and carries on.
fn report_input_error(err: &Error) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "error: {}",
        visible_lines(&err.to_string())
    );
}

#[cfg(test)]
mod tests {
    use super::clipped;

    #[test]
    fn a_long_line_is_cut_short_and_the_rest_kept() {
        let long = "x".repeat(10_000);
        let text = format!("[[rule]]\npatterns = ['{long}']\nid = 1\n");
        let start = text.find("['").unwrap() + 1;
        let (shown, span) = clipped(&text, start..start + long.len() + 2);
        assert!(shown.len() < 400, "{shown}");
        assert!(shown.starts_with("[[rule]]\npatterns = ['xxx"));
        assert!(
            shown.ends_with("xxx [... 9843 more bytes]\nid = 1\n"),
            "{shown}"
        );
        assert_eq!(span, start..start + 160);
        let short = "a = 1\nb = 2\n";
        assert_eq!(clipped(short, 6..11), (short.to_owned(), 6..11));
    }
}
