//! `sdlint explain RULE`: one rule's documentation, the section docs/rules.md has for it.

use std::path::PathBuf;

use anyhow::Context as _;
use sdlint::Error;

use super::{ConfigArgs, ExitStatus, RuleArgs, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule id (SD-SIG-005), name (missing-signature-date) or id prefix (CMR-OECD: every rule
    /// it starts).
    rule: String,
    /// Add examples from the rule's tested fixtures in DIR/<RULE-ID>/ (fail* and pass* files),
    /// as docs/rules.md does with tests/fixtures/rules.
    #[arg(long, value_name = "DIR")]
    examples: Option<PathBuf>,
    /// Output format: text for a terminal, or the Markdown of docs/rules.md.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    format: ExplainFormat,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ExplainFormat {
    Text,
    Markdown,
}

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let config = args.config.load()?;
    let rules = args.rules.load(config.as_ref())?;
    let selected = rules.selected(&args.rule);
    if selected.is_empty() {
        let error = Error::UnknownRule(args.rule.clone());
        match rules.nearest(&args.rule) {
            Some(near) => anyhow::bail!("{error}; did you mean `{near}`?"),
            None => return Err(error.into()),
        }
    }
    let mut text = String::new();
    for index in selected {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&sdlint::docs::rule(
            &rules,
            index,
            args.examples.as_deref(),
        )?);
    }
    if matches!(args.format, ExplainFormat::Text) {
        text = sdlint::docs::terminal(&text);
    }
    print(text.as_bytes()).context("cannot write the explanation")?;
    Ok(ExitStatus::Success)
}
