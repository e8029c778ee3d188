//! `sdlint config`: the configuration in effect and where each value came from.

use std::fmt::Write as _;

use anyhow::Context as _;
use sdlint::config::Config;

use super::{ConfigArgs, ExitStatus, RuleArgs, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rules to run, as `sdlint check --select` would (comma-separated ids, names or prefixes).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Rules not to run, as `sdlint check --ignore` would.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// The lowest severity that fails a run, as `sdlint check --fail-on` would.
    #[arg(long, value_name = "LEVEL", value_parser = ["error", "warning", "info", "never"])]
    fail_on: Option<String>,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let config = args.config.load()?;
    let rules = args.rules.load(config.as_ref())?;
    let from_file = |key: &str| -> String {
        config
            .as_ref()
            .and_then(|c| Some((c, c.line_of(key)?)))
            .map_or_else(
                || "default".to_owned(),
                |(c, line)| format!("{}:{line}", c.path.display()),
            )
    };
    let source = |cli: bool, key: &str| {
        if cli {
            "command line".to_owned()
        } else {
            from_file(key)
        }
    };
    let list = |items: &[String]| {
        let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        format!("[{}]", quoted.join(", "))
    };
    let c = config.clone().unwrap_or_default();
    let mut out = String::new();
    let _ = match &config {
        Some(c) => writeln!(
            out,
            "# The configuration in effect: defaults < {} < command line",
            c.path.display()
        ),
        None => writeln!(
            out,
            "# The configuration in effect: defaults < command line (no configuration file)"
        ),
    };
    let mut line = |key: &str, value: String, from: String| {
        let _ = writeln!(out, "{:42} # {from}", format!("{key} = {value}"));
    };
    let select = if args.select.is_empty() {
        c.select.clone().unwrap_or_default()
    } else {
        args.select.clone()
    };
    line(
        "select",
        if select.is_empty() {
            "[] (every rule)".to_owned()
        } else {
            list(&select)
        },
        source(!args.select.is_empty(), "select"),
    );
    line(
        "extend-select",
        list(&c.extend_select),
        from_file("extend-select"),
    );
    let ignore = if args.ignore.is_empty() {
        c.ignore.clone()
    } else {
        args.ignore.clone()
    };
    line(
        "ignore",
        list(&ignore),
        source(!args.ignore.is_empty(), "ignore"),
    );
    let fail_on = args
        .fail_on
        .clone()
        .or(c.fail_on.clone())
        .unwrap_or_else(|| "error".to_owned());
    line(
        "fail-on",
        format!("{fail_on:?}"),
        source(args.fail_on.is_some(), "fail-on"),
    );
    let exclude: Vec<String> = match &c.exclude {
        Some(list) => list.clone(),
        None => sdlint::config::DEFAULT_EXCLUDE
            .iter()
            .map(|p| (*p).to_owned())
            .collect(),
    };
    line("exclude", list(&exclude), from_file("exclude"));
    line(
        "extend-exclude",
        list(&c.extend_exclude),
        from_file("extend-exclude"),
    );
    let packs: Vec<String> = c
        .extend_rules
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    line("extend-rules", list(&packs), from_file("extend-rules"));
    let severity: Vec<String> = c
        .severity
        .iter()
        .map(|(rule, level)| format!("{rule:?} = {:?}", level.name()))
        .collect();
    line(
        "severity",
        if severity.is_empty() {
            "{}".to_owned()
        } else {
            format!("{{ {} }}", severity.join(", "))
        },
        from_file("severity"),
    );
    for entry in &c.per_file {
        line(
            "per-file",
            format!(
                "{{ glob = {:?}, ignore = {} }}",
                entry.glob,
                list(&entry.ignore)
            ),
            from_file("per-file"),
        );
    }
    let closures: Vec<String> = c.extra_closures.iter().map(|d| d.to_string()).collect();
    line(
        "calendar.extra-closures",
        list(&closures),
        from_file("extra-closures"),
    );
    line(
        "group-filings",
        c.group_filings.unwrap_or(true).to_string(),
        from_file("group-filings"),
    );
    line(
        "suppressions.require-reason",
        c.require_suppression_reason.to_string(),
        from_file("require-reason"),
    );
    let enabled = rules.selection(&select_with_extend(&select, &c), &ignore)?;
    let _ = writeln!(
        out,
        "# {} of {} rules run",
        enabled.iter().filter(|&&on| on).count(),
        rules.rules.len()
    );
    print(out.as_bytes()).context("cannot write the configuration")?;
    Ok(ExitStatus::Success)
}

/// `select` plus the configuration's `extend-select`, as `sdlint check` combines them.
fn select_with_extend(select: &[String], config: &Config) -> Vec<String> {
    let mut all = select.to_vec();
    if !all.is_empty() {
        all.extend(config.extend_select.iter().cloned());
    }
    all
}
