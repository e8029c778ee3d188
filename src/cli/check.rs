//! `sdlint check`: lint files, directories or stdin, print the diagnostics, set the exit code.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::ValueEnum;
use rayon::prelude::*;
use sdlint::{Error, Format, Report, RuleSet, Severity, input, render};

use super::{Color, ExitStatus, RuleArgs, print, report_input_error};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to lint; "-" reads standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Run only these rules: comma-separated ids, names or id prefixes (CMR-OECD).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Do not run these rules: comma-separated ids, names or id prefixes.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    #[command(flatten)]
    rules: RuleArgs,
    /// The file name to report for standard input (its extension picks the format).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// When to color the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Print diagnostics only, without the summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Human,
    Short,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            Self::Error => Some(Severity::Error),
            Self::Warning => Some(Severity::Warning),
            Self::Info => Some(Severity::Info),
            Self::Never => None,
        }
    }
}

/// File extensions linted when walking a directory.
const EXTENSIONS: [&str; 5] = ["txt", "md", "htm", "html", "docx"];

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let rules = args.rules.load()?;
    let enabled = rules.selection(&args.select, &args.ignore)?;
    let (inputs, mut failed) = collect_inputs(&args.paths);
    if inputs.is_empty() && !failed {
        anyhow::bail!(
            "no files to lint in {} (sdlint reads .txt, .md, .htm, .html and .docx files)",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let outcomes: Vec<Result<Report, Error>> = inputs
        .par_iter()
        .map(|input| lint_input(input, args.stdin_filename.as_deref(), &rules, &enabled))
        .collect();
    let mut reports = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Ok(report) => reports.push(report),
            Err(err) => {
                report_input_error(&err);
                failed = true;
            }
        }
    }
    let output = match args.format {
        OutputFormat::Human => render::human(&reports, args.color.enabled(), args.quiet),
        OutputFormat::Short => render::short(&reports).into_bytes(),
        OutputFormat::Json => render::json(&reports).into_bytes(),
    };
    print(&output).context("cannot write the report")?;
    Ok(status(&reports, failed, args.fail_on))
}

fn status(reports: &[Report], failed: bool, fail_on: FailOn) -> ExitStatus {
    if failed {
        return ExitStatus::Error;
    }
    let failing = fail_on.threshold().is_some_and(|threshold| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= threshold)
    });
    if failing {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// One thing to lint.
enum Input {
    Stdin,
    File(PathBuf),
}

/// Expands the paths given into files, in order; directories are walked in sorted order.
/// Paths that cannot be read are reported and make the run fail, the rest are still linted.
fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, bool) {
    let mut inputs = Vec::new();
    let mut failed = false;
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            if let Err(err) = walk(path, &mut inputs) {
                report_input_error(&err);
                failed = true;
            }
        } else {
            // Named files are linted whatever their extension; errors surface when reading.
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, failed)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, inputs)?;
        } else if Format::from_path(&path).is_some()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            inputs.push(Input::File(path));
        }
    }
    Ok(())
}

fn lint_input(
    input: &Input,
    stdin_filename: Option<&Path>,
    rules: &RuleSet,
    enabled: &[bool],
) -> Result<Report, Error> {
    let file = match input {
        Input::File(path) => input::read_path(path)?,
        Input::Stdin => {
            let name = stdin_filename.unwrap_or(Path::new("-")).to_owned();
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Io {
                    path: name.clone(),
                    source,
                })?;
            input::from_bytes(name, &bytes)?
        }
    };
    Ok(sdlint::lint(file, rules, enabled))
}
