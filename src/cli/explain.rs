//! `sdlint explain RULE`: one rule's documentation, the section docs/rules.md has for it.

use std::path::PathBuf;

use anyhow::Context as _;
use sdlint::Error;

use super::{ConfigArgs, ExitStatus, RuleArgs, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule id (SD-SIG-005) or name (missing-signature-date).
    rule: String,
    /// Add examples from the rule's tested fixtures in DIR/<RULE-ID>/ (fail* and pass* files),
    /// as docs/rules.md does with tests/fixtures/rules.
    #[arg(long, value_name = "DIR")]
    examples: Option<PathBuf>,
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
    let index = rules
        .rules
        .iter()
        .position(|r| std::ptr::eq(r, rule))
        .expect("the rule found is in the set");
    let text = sdlint::docs::rule(&rules, index, args.examples.as_deref())?;
    print(text.as_bytes()).context("cannot write the explanation")?;
    Ok(ExitStatus::Success)
}
