//! `sdlint rules`: every rule with its metadata, as a table, JSON or Markdown.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::ValueEnum;
use sdlint::RuleSet;

use super::{ConfigArgs, ExitStatus, RuleArgs, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    format: RulesFormat,
    /// With --format markdown: add examples from the rules' tested fixtures in DIR/<RULE-ID>/
    /// (fail* and pass* files), as docs/rules.md does with tests/fixtures/rules.
    #[arg(long, value_name = "DIR")]
    examples: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
    Markdown,
}

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    if args.examples.is_some() && !matches!(args.format, RulesFormat::Markdown) {
        anyhow::bail!("--examples goes with --format markdown");
    }
    let config = args.config.load()?;
    let rules = args.rules.load(config.as_ref())?;
    let text = match args.format {
        RulesFormat::Human => human(&rules),
        RulesFormat::Json => {
            let metas: Vec<_> = rules
                .in_id_order()
                .into_iter()
                .map(|i| &rules.rules[i].meta)
                .collect();
            serde_json::to_string_pretty(&metas)? + "\n"
        }
        RulesFormat::Markdown => sdlint::docs::reference(&rules, args.examples.as_deref())?,
    };
    print(text.as_bytes()).context("cannot write the rule list")?;
    Ok(ExitStatus::Success)
}

fn human(rules: &RuleSet) -> String {
    let id_width = rules
        .rules
        .iter()
        .map(|r| r.meta.id.len())
        .max()
        .unwrap_or(0);
    let name_width = rules
        .rules
        .iter()
        .map(|r| r.meta.name.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for index in rules.in_id_order() {
        let m = &rules.rules[index].meta;
        let _ = writeln!(
            out,
            "{:id_width$}  {:name_width$}  {:7}  {}",
            m.id,
            m.name,
            m.severity.name(),
            m.summary
        );
    }
    let _ = writeln!(out, "{} rules", rules.rules.len());
    out
}
