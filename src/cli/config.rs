//! `sdlint config`: the configuration in effect and where each value came from.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;
use sdlint::RuleSet;

use super::plan::{Origin, Overrides, Plan, Sourced};
use super::{ConfigArgs, ExitStatus, RuleArgs, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    overrides: Overrides,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let (plan, rules) = args.overrides.load(&args.config, &args.rules)?;
    print(shown(&plan, &rules).as_bytes()).context("cannot write the configuration")?;
    Ok(ExitStatus::Success)
}

/// The configuration `plan` puts in effect: a heading, a line per value with where it came
/// from, and how many of `rules` run.
fn shown(plan: &Plan, rules: &RuleSet) -> String {
    let mut out = String::new();
    let _ = match plan.config_path() {
        Some(path) => writeln!(
            out,
            "# The configuration in effect: defaults < {} < command line",
            path.display()
        ),
        None => writeln!(
            out,
            "# The configuration in effect: defaults < command line (no configuration file)"
        ),
    };
    for (key, value, origin) in values(plan) {
        let from = origin_name(origin, plan.config_path());
        let _ = writeln!(out, "{:42} # {from}", format!("{key} = {value}"));
    }
    let _ = writeln!(
        out,
        "# {} of {} rules run",
        plan.ran(rules).len(),
        rules.rules.len()
    );
    out
}

/// Each value of `plan` as `sdlint.toml` would write it, with its key and where it came from,
/// in the order they are shown (a line per `[[per-file]]` entry).
fn values(plan: &Plan) -> Vec<(&'static str, String, Origin)> {
    let shown = |key, sourced: &Sourced<Vec<String>>| (key, list(&sourced.value), sourced.origin);
    let select = if plan.select.value.is_empty() {
        "[] (every rule)".to_owned()
    } else {
        list(&plan.select.value)
    };
    let mut values = vec![
        ("select", select, plan.select.origin),
        shown("extend-select", &plan.extend_select),
        shown("ignore", &plan.ignore),
        (
            "fail-on",
            format!("{:?}", plan.fail_on.value.name()),
            plan.fail_on.origin,
        ),
        shown("exclude", &plan.exclude),
        shown("extend-exclude", &plan.extend_exclude),
        (
            "extend-rules",
            list(plan.extend_rules.value.iter().map(|p| p.display())),
            plan.extend_rules.origin,
        ),
        ("severity", severity(plan), plan.severity.origin),
    ];
    for entry in &plan.per_file.value {
        let value = format!(
            "{{ glob = {:?}, ignore = {} }}",
            entry.glob,
            list(&entry.ignore)
        );
        values.push(("per-file", value, plan.per_file.origin));
    }
    values.extend([
        (
            "calendar.extra-closures",
            list(&plan.extra_closures.value),
            plan.extra_closures.origin,
        ),
        (
            "group-filings",
            plan.group_filings.value.to_string(),
            plan.group_filings.origin,
        ),
        (
            "suppressions.require-reason",
            plan.require_reason.value.to_string(),
            plan.require_reason.origin,
        ),
    ]);
    values
}

/// The `[severity]` table as an inline TOML table.
fn severity(plan: &Plan) -> String {
    let entries: Vec<String> = plan
        .severity
        .value
        .iter()
        .map(|(rule, level)| format!("{rule:?} = {:?}", level.name()))
        .collect();
    if entries.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", entries.join(", "))
    }
}

/// `items` as a TOML array of strings.
fn list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let quoted: Vec<String> = items
        .into_iter()
        .map(|i| format!("{:?}", i.to_string()))
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// Where a value came from, as the listing says it: `default`, `PATH:LINE` or `command line`.
fn origin_name(origin: Origin, config: Option<&Path>) -> String {
    match (origin, config) {
        (Origin::File(line), Some(path)) => format!("{}:{line}", path.display()),
        (Origin::CommandLine, _) => "command line".to_owned(),
        (Origin::Default | Origin::File(_), _) => "default".to_owned(),
    }
}
