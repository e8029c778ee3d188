//! `sdlint check`: lint files, directories or stdin, print the diagnostics, set the exit code.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use clap::ValueEnum;
use rayon::prelude::*;
use sdlint::baseline::Baseline;
use sdlint::filing::{self, Prepared};
use sdlint::{Error, Report, RuleSet, Severity, input, render};

use sdlint::config::Exclusions;

use super::plan::{FailOn, Overrides, Plan};
use super::{Color, ConfigArgs, ExitStatus, RuleArgs, print, report_input_error};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to lint; "-" reads standard input [default: ".", or "-" with
    /// --stdin-filename].
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    #[command(flatten)]
    overrides: Overrides,
    /// Exit 0 even when diagnostics are found (exit 2 still reports that sdlint could not run).
    #[arg(long)]
    exit_zero: bool,
    /// Fail the run (exit 1) when there are more than this many warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Print how many diagnostics each rule reported instead of the diagnostics.
    #[arg(long)]
    statistics: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record every finding of this run in FILE (a baseline for --baseline) and report none.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    config: ConfigArgs,
    /// The file name to report for standard input (its extension picks the format).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Write the report to FILE instead of standard output (never one of the files linted).
    #[arg(long, value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// When to color the output (auto: when standard output is a terminal and there is no
    /// --output-file).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Show only findings of this severity or above, in every format; the exit code and the
    /// summary line still count every finding [default: info, every finding].
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<MinSeverity>,
    /// Where docs/rules.md is (a URL), for the links of the sarif and html formats to each
    /// rule's section [default: the file in the sources sdlint was built from].
    #[arg(long, value_name = "URL")]
    docs_url: Option<String>,
    /// Check every file as a filing by itself, instead of the Form SD, Conflict Minerals Report
    /// and audit report of a folder together (also `group-filings = false` in sdlint.toml).
    #[arg(long)]
    no_group_filings: bool,
    /// Print diagnostics only, without the summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Human,
    Short,
    Json,
    Sarif,
    Github,
    Junit,
    Checkstyle,
    /// A self-contained HTML review report: findings marked in each document's text.
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum MinSeverity {
    Error,
    Warning,
    Info,
}

impl MinSeverity {
    fn severity(self) -> Severity {
        match self {
            Self::Error => Severity::Error,
            Self::Warning => Severity::Warning,
            Self::Info => Severity::Info,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let (plan, rules) = args.overrides.load(&args.config, &args.rules)?;
    let (inputs, unreadable) = gather_inputs(&args, &plan)?;
    let (docs, enabled, skipped) = prepare_all(&inputs, unreadable, &args, &rules, &plan);
    let failed = !skipped.is_empty();
    let together = !args.no_group_filings && plan.group_filings.value;
    let mut reports = filing::lint_all(
        docs,
        enabled,
        together,
        &rules,
        &plan.settings,
        plan.suppressions,
    );
    if let Some(path) = &args.write_baseline {
        write_baseline(path, &reports, args.quiet)?;
        return Ok(if failed {
            ExitStatus::Error
        } else {
            ExitStatus::Success
        });
    }
    if let Some(path) = &args.baseline {
        apply_baseline(path, &mut reports, args.quiet)?;
    }
    let gate = Gate {
        fail_on: plan.fail_on.value,
        max_warnings: args.max_warnings,
        exit_zero: args.exit_zero,
    };
    let status = gate.status(&reports, failed);
    let summary = render::Summary {
        skipped: skipped.len(),
        ..render::Summary::of(&reports)
    };
    let hidden = match args.min_severity {
        Some(level) => hide_below(&mut reports, level.severity()),
        None => render::Summary::default(),
    };
    let output = if args.statistics {
        statistics(&reports, &rules, args.format, args.quiet)?
    } else {
        let shown = Shown {
            reports: &reports,
            skipped: &skipped,
            summary,
            hidden,
        };
        formatted(&args, &shown, &plan, &rules)
    };
    if !write_report(&output, args.output_file.as_deref())? {
        // A reader that stopped early (`| head`) has seen enough; the run's outcome stands.
        return Ok(status);
    }
    if matches!(args.format, OutputFormat::Github) {
        write_step_summary(&reports);
    }
    Ok(status)
}

/// The inputs of the run, and the entries of folders that could not be read. Fails when there
/// is nothing to lint, or when the report or the baseline would overwrite an input.
fn gather_inputs(args: &Args, plan: &Plan) -> anyhow::Result<(Vec<Input>, Vec<Error>)> {
    let paths = input_paths(&args.paths, args.stdin_filename.as_deref())?;
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let exclusions = Arc::new(plan.exclusions(&cwd));
    let (inputs, unreadable) = collect_inputs(&paths, &exclusions);
    if inputs.is_empty() && unreadable.is_empty() {
        anyhow::bail!(
            "no files to lint in {} (sdlint reads .txt, .md, .htm, .html and .docx files)",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for target in [&args.output_file, &args.write_baseline]
        .into_iter()
        .flatten()
    {
        refuse_overwriting_input(target, &inputs)?;
    }
    Ok((inputs, unreadable))
}

/// Reads and prepares `inputs` in parallel. Returns the documents, the rules that run on each,
/// and what could not be linted (`unreadable` first), each reported on standard error.
fn prepare_all(
    inputs: &[Input],
    unreadable: Vec<Error>,
    args: &Args,
    rules: &RuleSet,
    plan: &Plan,
) -> (Vec<Prepared>, Vec<Vec<bool>>, Vec<render::Skipped>) {
    let outcomes: Vec<Result<(Prepared, Vec<bool>), Error>> = inputs
        .par_iter()
        .map(|input| prepare_input(input, args.stdin_filename.as_deref(), rules, plan))
        .collect();
    let mut docs = Vec::with_capacity(outcomes.len());
    let mut enabled = Vec::with_capacity(outcomes.len());
    let mut skipped = Vec::new();
    for outcome in unreadable.into_iter().map(Err).chain(outcomes) {
        match outcome {
            Ok((doc, on)) => {
                docs.push(doc);
                enabled.push(on);
            }
            Err(err) => {
                report_input_error(&err);
                skipped.push(render::Skipped::of(&err));
            }
        }
    }
    (docs, enabled, skipped)
}

/// `--write-baseline`: records every finding of `reports` in `path`.
fn write_baseline(path: &Path, reports: &[Report], quiet: bool) -> anyhow::Result<()> {
    let baseline = Baseline::record(reports, folder_of(path));
    baseline.write(path)?;
    if !quiet {
        note(&format!(
            "wrote {} findings in {} files to {}",
            baseline.len(),
            reports.len(),
            path.display()
        ));
    }
    Ok(())
}

/// `--baseline`: takes the findings recorded in `path` out of `reports`.
fn apply_baseline(path: &Path, reports: &mut [Report], quiet: bool) -> anyhow::Result<()> {
    let baseline = Baseline::read(path)?;
    let applied = baseline.apply(reports, folder_of(path));
    if !quiet && (applied.known > 0 || applied.fixed > 0) {
        note(&format!(
            "{} findings recorded in {} were not reported; {} recorded findings no longer occur",
            applied.known,
            path.display(),
            applied.fixed
        ));
    }
    Ok(())
}

/// What the report of a run shows.
struct Shown<'a> {
    reports: &'a [Report],
    skipped: &'a [render::Skipped],
    /// Every finding of the run, and the inputs skipped.
    summary: render::Summary,
    /// The findings `--min-severity` took out of `reports`.
    hidden: render::Summary,
}

/// The report in the format `args` asks for.
fn formatted(args: &Args, shown: &Shown<'_>, plan: &Plan, rules: &RuleSet) -> Vec<u8> {
    let reports = shown.reports;
    let docs_url = args
        .docs_url
        .as_deref()
        .unwrap_or(sdlint::render::RULES_URL);
    match args.format {
        OutputFormat::Human => {
            let color = match (args.color, &args.output_file) {
                (Color::Auto, Some(_)) => false,
                (color, _) => color.enabled(),
            };
            let mut out = render::human(reports, color, true);
            if !args.quiet {
                out.extend(summary_line(shown.summary, shown.hidden).into_bytes());
            }
            out
        }
        OutputFormat::Short => render::short(reports).into_bytes(),
        OutputFormat::Json => render::json(reports, shown.skipped).into_bytes(),
        OutputFormat::Sarif => {
            render::sarif(reports, &plan.ran(rules), docs_url, shown.skipped).into_bytes()
        }
        OutputFormat::Html => render::html(reports, &plan.ran(rules), docs_url).into_bytes(),
        OutputFormat::Github => render::github(reports).into_bytes(),
        OutputFormat::Junit => render::junit(reports, plan.fail_on.value.threshold()).into_bytes(),
        OutputFormat::Checkstyle => render::checkstyle(reports).into_bytes(),
    }
}

/// Writes the report to `output_file`, or to standard output without one. Returns false when
/// standard output was closed before the report was written whole.
fn write_report(output: &[u8], output_file: Option<&Path>) -> anyhow::Result<bool> {
    match output_file {
        Some(path) => std::fs::write(path, output)
            .with_context(|| format!("cannot write the report to {}", path.display()))?,
        None => match print(output) {
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => return Ok(false),
            written => written.context("cannot write the report")?,
        },
    }
    Ok(true)
}

/// Takes the findings below `level` out of `reports`; returns how many of each were taken.
fn hide_below(reports: &mut [Report], level: Severity) -> render::Summary {
    let mut hidden = render::Summary::default();
    for report in reports {
        report.diagnostics.retain(|d| {
            let shown = d.severity >= level;
            if !shown {
                match d.severity {
                    Severity::Error => hidden.error += 1,
                    Severity::Warning => hidden.warning += 1,
                    Severity::Info => hidden.info += 1,
                }
            }
            shown
        });
    }
    hidden
}

/// The human summary line: every finding of the run, and how many `--min-severity` did not
/// show ("Found 0 errors, 2 warnings and 11 info in 1 file (11 info not shown)").
fn summary_line(summary: render::Summary, hidden: render::Summary) -> String {
    let mut parts = Vec::new();
    if hidden.warning > 0 {
        let s = if hidden.warning == 1 { "" } else { "s" };
        parts.push(format!("{} warning{s}", hidden.warning));
    }
    if hidden.info > 0 {
        parts.push(format!("{} info", hidden.info));
    }
    if parts.is_empty() {
        format!("{}\n", summary.sentence())
    } else {
        format!(
            "{} ({} not shown)\n",
            summary.sentence(),
            parts.join(" and ")
        )
    }
}

/// Refuses to write a report or a baseline onto a file this run lints: a typo in a command line
/// must never overwrite a filing.
fn refuse_overwriting_input(target: &Path, inputs: &[Input]) -> anyhow::Result<()> {
    let Ok(target_id) = std::fs::canonicalize(target) else {
        // A file that does not exist yet is not being linted.
        return Ok(());
    };
    for input in inputs {
        if let Input::File(path) = input
            && std::fs::canonicalize(path).is_ok_and(|p| p == target_id)
        {
            anyhow::bail!(
                "refusing to write to {}: it is one of the files being linted",
                target.display()
            );
        }
    }
    Ok(())
}

/// The folder a baseline file's paths are relative to.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A one-line note on standard error, apart from the report on standard output.
fn note(message: &str) {
    use std::io::Write as _;
    let message = super::visible_lines(message);
    let _ = writeln!(std::io::stderr().lock(), "note: {message}");
}

/// Appends the Markdown summary to the file GitHub Actions names in `GITHUB_STEP_SUMMARY`, when
/// it is set. Failing to is worth a warning, not a failed run.
fn write_step_summary(reports: &[Report]) {
    use std::io::Write as _;
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(render::github_summary(reports).as_bytes()));
    if let Err(err) = written {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: cannot write the GitHub step summary to {}: {err}",
            Path::new(&path).display()
        );
    }
}

/// What decides the exit code: 2 when an input or the run failed, else 1 when a diagnostic is
/// at or above `--fail-on` or the warnings exceed `--max-warnings` (unless `--exit-zero`), else 0.
struct Gate {
    fail_on: FailOn,
    max_warnings: Option<usize>,
    exit_zero: bool,
}

impl Gate {
    fn status(&self, reports: &[Report], failed: bool) -> ExitStatus {
        if failed {
            return ExitStatus::Error;
        }
        let diagnostics = || reports.iter().flat_map(|r| &r.diagnostics);
        let at_threshold = self
            .fail_on
            .threshold()
            .is_some_and(|threshold| diagnostics().any(|d| d.severity >= threshold));
        let warnings = diagnostics()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        let too_many_warnings = self.max_warnings.is_some_and(|max| warnings > max);
        if (at_threshold || too_many_warnings) && !self.exit_zero {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        }
    }
}

/// `--statistics`: one line per rule that reported something, most frequent first.
fn statistics(
    reports: &[Report],
    rules: &RuleSet,
    format: OutputFormat,
    quiet: bool,
) -> anyhow::Result<Vec<u8>> {
    let mut counts: Vec<(usize, &str, Severity, &str)> = Vec::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        match counts.iter_mut().find(|c| c.1 == d.rule) {
            Some(entry) => entry.0 += 1,
            None => {
                let summary = rules.find(&d.rule).map_or("", |r| r.meta.summary.as_str());
                counts.push((1, &d.rule, d.severity, summary));
            }
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    match format {
        OutputFormat::Json => {
            let rows: Vec<_> = counts
                .iter()
                .map(|(count, rule, severity, _)| {
                    serde_json::json!({ "rule": rule, "severity": severity.name(), "count": count })
                })
                .collect();
            Ok((serde_json::to_string_pretty(&rows)? + "\n").into_bytes())
        }
        OutputFormat::Human | OutputFormat::Short => {
            let width = counts.iter().map(|c| c.1.len()).max().unwrap_or(0);
            let mut out = String::new();
            for (count, rule, severity, summary) in &counts {
                out.push_str(&format!(
                    "{count:>5}  {rule:width$}  {:7}  {summary}\n",
                    severity.name()
                ));
            }
            if !quiet {
                out.push_str(&format!("{}\n", render::Summary::of(reports).sentence()));
            }
            Ok(out.into_bytes())
        }
        // A count per rule is no SARIF log, workflow command or test report.
        other => anyhow::bail!(
            "--statistics prints human, short or json, not {}",
            other
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_owned())
        ),
    }
}

/// One thing to lint.
enum Input {
    Stdin,
    File(PathBuf),
}

/// Expands the paths given into files, in order; directories are walked in sorted order.
/// Paths that cannot be read are reported and make the run fail, the rest are still linted.
/// The paths to lint: those given, else standard input when it was given a name, else the
/// current folder. A name for standard input is refused when standard input is not read, so
/// that it never silently lints the folder instead.
fn input_paths(paths: &[PathBuf], stdin_filename: Option<&Path>) -> anyhow::Result<Vec<PathBuf>> {
    if paths.is_empty() {
        let default = if stdin_filename.is_some() { "-" } else { "." };
        return Ok(vec![PathBuf::from(default)]);
    }
    if let Some(name) = stdin_filename
        && !paths.iter().any(|p| p.as_os_str() == "-")
    {
        anyhow::bail!(
            "--stdin-filename {} names standard input, but no \"-\" is among the paths to lint \
             (add \"-\" to read standard input, or leave out --stdin-filename)",
            name.display()
        );
    }
    Ok(paths.to_vec())
}

/// The inputs `paths` name, and the entries of folders that could not be read.
fn collect_inputs(paths: &[PathBuf], exclusions: &Arc<Exclusions>) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut failed = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut failed, exclusions);
        } else {
            // Named files are linted whatever their extension; errors surface when reading.
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, failed)
}

/// Adds the files under `dir` that sdlint reads, recursively and in sorted order, leaving out
/// hidden files and what `.gitignore`, `.ignore` and git's exclude files leave out (inside a
/// git repository or not) and what the configuration's `exclude` and `extend-exclude` leave out
/// (the folder named itself is always walked). Links to files outside `dir` are skipped, with a
/// note; links to folders are not followed. Entries that cannot be read are reported; the walk
/// goes on.
fn walk(
    dir: &Path,
    inputs: &mut Vec<Input>,
    failed: &mut Vec<Error>,
    exclusions: &Arc<Exclusions>,
) {
    let exclusions = Arc::clone(exclusions);
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !exclusions.excludes(entry.path(), is_dir)
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_link = entry.file_type().is_some_and(|t| t.is_symlink());
                let is_file = is_link || entry.file_type().is_some_and(|t| t.is_file());
                if !(is_file && path.is_file() && has_linted_extension(path)) {
                    continue;
                }
                // A link in the tree may point anywhere on the machine: only what it holds is
                // linted (a file named on the command line is the user's choice).
                if is_link && !sdlint::files::resolves_inside(dir, path) {
                    note(&format!(
                        "skipped {}: it links to a file outside {}",
                        path.display(),
                        dir.display()
                    ));
                    continue;
                }
                inputs.push(Input::File(path.to_owned()));
            }
            Err(err) => failed.push(walk_error(dir, &err)),
        }
    }
}

/// Whether a file met walking a directory is linted: its extension is one sdlint reads (see
/// [`input::Format::EXTENSIONS`]).
fn has_linted_extension(path: &Path) -> bool {
    input::Format::from_path(path).is_some()
}

/// An entry of a directory walk that could not be read.
fn walk_error(dir: &Path, err: &ignore::Error) -> Error {
    let message = err.to_string();
    let path = match err {
        ignore::Error::WithPath { path, .. } => path.clone(),
        _ => dir.to_owned(),
    };
    Error::Input {
        path,
        message: message
            .rsplit_once(": ")
            .map_or(message.clone(), |(_, m)| m.to_owned()),
    }
}

/// Reads an input and prepares it for grouping; returns it with the rules that run on it.
fn prepare_input(
    input: &Input,
    stdin_filename: Option<&Path>,
    rules: &RuleSet,
    plan: &Plan,
) -> Result<(Prepared, Vec<bool>), Error> {
    let file = match input {
        Input::File(path) => input::read_path(path)?,
        Input::Stdin => {
            let name = stdin_filename.unwrap_or(Path::new("-")).to_owned();
            let bytes = sdlint::files::read_limited(std::io::stdin().lock(), input::MAX_INPUT_LEN)
                .map_err(|source| Error::Io {
                    path: name.clone(),
                    source,
                })?;
            input::from_bytes(name, &bytes)?
        }
    };
    let enabled = plan.enabled_for(&file.path, rules)?;
    Ok((Prepared::new(file), enabled))
}
