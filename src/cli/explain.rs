//! `sdlint explain RULE`: one rule's documentation.

use std::fmt::Write as _;

use anyhow::Context as _;
use sdlint::{Error, rules::RuleMeta};

use super::{ConfigArgs, ExitStatus, RuleArgs, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule id (SD-SIG-005) or name (missing-signature-date).
    rule: String,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let config = args.config.load()?;
    let rules = args.rules.load(config.as_ref())?;
    let rule = rules
        .find(&args.rule)
        .ok_or_else(|| Error::UnknownRule(args.rule.clone()))?;
    print(describe(&rule.meta, false).as_bytes()).context("cannot write the explanation")?;
    Ok(ExitStatus::Success)
}

/// A rule's documentation as Markdown (`heading` adds the `##` heading used in docs/rules.md).
pub fn describe(meta: &RuleMeta, heading: bool) -> String {
    let mut out = String::new();
    if heading {
        let _ = writeln!(out, "## {}\n", meta.id);
        let _ = writeln!(
            out,
            "`{}` · {} · {}\n",
            meta.name,
            meta.severity.name(),
            documents(meta)
        );
    } else {
        let _ = writeln!(out, "{} ({}): {}", meta.id, meta.name, meta.severity.name());
        let _ = writeln!(out, "Applies to: {}\n", documents(meta));
    }
    let _ = writeln!(out, "{}\n", meta.summary);
    let _ = writeln!(out, "Why it matters: {}\n", meta.why);
    let _ = writeln!(out, "Reported as: {}\n", meta.message);
    let _ = writeln!(out, "How to fix: {}\n", meta.help);
    if !meta.references.is_empty() {
        out.push_str("References:\n");
        for reference in &meta.references {
            let _ = writeln!(out, "- {reference}");
        }
    }
    out
}

fn documents(meta: &RuleMeta) -> String {
    meta.documents
        .iter()
        .map(|d| d.name())
        .collect::<Vec<_>>()
        .join(", ")
}
