//! The plan of a run: the defaults, the configuration file and the command line merged, in
//! that order of precedence, with where each value came from. `sdlint check` and the language
//! server run a plan; `sdlint config` shows one.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use sdlint::config::{Config, Exclusions, PerFile};
use sdlint::date::Date;
use sdlint::rules::{RuleMeta, Settings};
use sdlint::suppress::Policy;
use sdlint::{Error, RuleSet, Severity};

/// The lowest severity that makes a run fail.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The level `name` names (as the configuration file writes it).
    fn from_name(name: &str) -> Option<Self> {
        <Self as ValueEnum>::from_str(name, true).ok()
    }

    /// The name of the level, as the configuration file and the command line write it.
    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
            Self::Never => "never",
        }
    }

    /// The lowest severity that fails the run, if any does.
    pub(super) fn threshold(self) -> Option<Severity> {
        match self {
            Self::Error => Some(Severity::Error),
            Self::Warning => Some(Severity::Warning),
            Self::Info => Some(Severity::Info),
            Self::Never => None,
        }
    }
}

/// Where a value in effect came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    /// sdlint's default: the configuration file does not set the key.
    Default,
    /// The configuration file, where it sets the key (a 1-based line, see [`Config::line_of`]).
    File(usize),
    /// The command line.
    CommandLine,
}

/// A value in effect, and where it came from.
#[derive(Clone, Debug)]
pub(super) struct Sourced<T> {
    pub(super) value: T,
    pub(super) origin: Origin,
}

/// What the command line says of the values the configuration file also sets: empty and `None`
/// when not given. `sdlint check` and `sdlint config` take the same flags.
#[derive(Clone, Debug, Default, clap::Args)]
pub(super) struct Overrides {
    /// Run only these rules: comma-separated ids, names or id prefixes (CMR-OECD).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(super) select: Vec<String>,
    /// Do not run these rules: comma-separated ids, names or id prefixes.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(super) ignore: Vec<String>,
    /// The lowest severity that makes the run fail (exit 1) [default: error].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(super) fail_on: Option<FailOn>,
}

impl Overrides {
    /// The configuration `config` names and the rules `rules` names (with the packs the
    /// configuration adds), and the plan they make with these overrides: what `sdlint check`
    /// runs and `sdlint config` shows.
    pub(super) fn load(
        &self,
        config: &super::ConfigArgs,
        rules: &super::RuleArgs,
    ) -> anyhow::Result<(Plan, RuleSet)> {
        let config = config.load()?;
        let rules = rules.load(config.as_ref())?;
        let plan = Plan::resolve(self, config, &rules)?;
        Ok((plan, rules))
    }
}

/// What a run does, from the defaults, the configuration file and the command line (in that
/// order of precedence): each value in effect with where it came from, and what follows from
/// them (the rules that run, the checks' settings, the suppression policy).
pub(super) struct Plan {
    /// `select`: the rules to run (empty: every rule), before `extend-select`.
    pub(super) select: Sourced<Vec<String>>,
    /// `extend-select`: added to a non-empty `select`.
    pub(super) extend_select: Sourced<Vec<String>>,
    /// `ignore`: the rules not to run.
    pub(super) ignore: Sourced<Vec<String>>,
    /// `fail-on`: the lowest severity that fails the run.
    pub(super) fail_on: Sourced<FailOn>,
    /// `exclude`: what directory walks leave out.
    pub(super) exclude: Sourced<Vec<String>>,
    /// `extend-exclude`: left out of directory walks besides `exclude`.
    pub(super) extend_exclude: Sourced<Vec<String>>,
    /// `extend-rules`: the configuration's rule packs.
    pub(super) extend_rules: Sourced<Vec<PathBuf>>,
    /// `[severity]`: severity overrides by rule selector.
    pub(super) severity: Sourced<Vec<(String, Severity)>>,
    /// `[[per-file]]`: rules ignored for the files a glob matches.
    pub(super) per_file: Sourced<Vec<PerFile>>,
    /// `[calendar] extra-closures`: days the SEC was closed besides the usual ones.
    pub(super) extra_closures: Sourced<Vec<Date>>,
    /// `group-filings`: whether the documents of one folder are checked together as filings.
    pub(super) group_filings: Sourced<bool>,
    /// `[suppressions] require-reason`: a suppression without a reason is not applied.
    pub(super) require_reason: Sourced<bool>,
    /// Whether each rule of the rule set runs (before per-file ignores).
    enabled: Vec<bool>,
    /// What the checks are told beyond the document.
    pub(super) settings: Settings,
    /// How `sdlint-disable` comments are applied.
    pub(super) suppressions: Policy,
    /// The configuration file in effect: its path, and the per-file ignores and exclusions it
    /// applies to each path.
    config: Option<Config>,
}

impl Plan {
    /// Merges the defaults, `config` (the configuration in effect, if any) and the command
    /// line's `overrides`, in that order of precedence, and works out which of `rules` run and
    /// how.
    pub(super) fn resolve(
        overrides: &Overrides,
        config: Option<Config>,
        rules: &RuleSet,
    ) -> anyhow::Result<Self> {
        let defaults = Config::default();
        let file = config.as_ref().unwrap_or(&defaults);
        let set_at = |key: &str| Origin::of(config.as_ref(), key);
        let select = overridden(
            &overrides.select,
            Sourced::new(file.select.clone().unwrap_or_default(), set_at("select")),
        );
        let extend_select = Sourced::new(file.extend_select.clone(), set_at("extend-select"));
        let ignore = overridden(
            &overrides.ignore,
            Sourced::new(file.ignore.clone(), set_at("ignore")),
        );
        let fail_on = match overrides.fail_on {
            Some(level) => Sourced::new(level, Origin::CommandLine),
            None => Sourced::new(
                file.fail_on
                    .as_deref()
                    .and_then(FailOn::from_name)
                    .unwrap_or(FailOn::Error),
                set_at("fail-on"),
            ),
        };
        let enabled = rules.selection(
            &with_extend(&select.value, &extend_select.value),
            &ignore.value,
        )?;
        let severity = Sourced::new(file.severity.clone(), set_at("severity"));
        let extra_closures = Sourced::new(file.extra_closures.clone(), set_at("extra-closures"));
        let settings = Settings {
            extra_closures: extra_closures.value.clone(),
            severity: severity_by_rule(&severity.value, rules)?,
            ..Settings::default()
        };
        let require_reason =
            Sourced::new(file.require_suppression_reason, set_at("require-reason"));
        let suppressions = Policy {
            require_reason: require_reason.value,
        };
        Ok(Self {
            select,
            extend_select,
            ignore,
            fail_on,
            exclude: Sourced::new(
                file.exclude_in_effect()
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                set_at("exclude"),
            ),
            extend_exclude: Sourced::new(file.extend_exclude.clone(), set_at("extend-exclude")),
            extend_rules: Sourced::new(file.extend_rules.clone(), set_at("extend-rules")),
            severity,
            per_file: Sourced::new(file.per_file.clone(), set_at("per-file")),
            extra_closures,
            group_filings: Sourced::new(
                file.group_filings.unwrap_or(true),
                set_at("group-filings"),
            ),
            require_reason,
            enabled,
            settings,
            suppressions,
            config,
        })
    }

    /// The configuration file in effect, if any.
    pub(super) fn config_path(&self) -> Option<&Path> {
        self.config.as_ref().map(|c| c.path.as_path())
    }

    /// What directory walks leave out: the `exclude` and `extend-exclude` the plan shows (both
    /// from [`Config::exclude_in_effect`] and the file), rooted at the configuration file's
    /// folder, or at `cwd` without a configuration.
    pub(super) fn exclusions(&self, cwd: &Path) -> Exclusions {
        Exclusions::of(self.config.as_ref(), cwd)
    }

    /// The metadata of the rules the run enabled, in rule-set order.
    pub(super) fn ran<'a>(&self, rules: &'a RuleSet) -> Vec<&'a RuleMeta> {
        rules
            .rules
            .iter()
            .zip(&self.enabled)
            .filter(|(_, on)| **on)
            .map(|(rule, _)| &rule.meta)
            .collect()
    }

    /// The rules that run on `path`: the run's rules less the configuration's per-file ignores.
    pub(super) fn enabled_for(&self, path: &Path, rules: &RuleSet) -> Result<Vec<bool>, Error> {
        let ignored = self
            .config
            .as_ref()
            .map(|c| c.ignored_for(path))
            .unwrap_or_default();
        if ignored.is_empty() {
            return Ok(self.enabled.clone());
        }
        let kept = rules.selection(&[], &ignored)?;
        Ok(self
            .enabled
            .iter()
            .zip(kept)
            .map(|(a, b)| *a && b)
            .collect())
    }
}

impl<T> Sourced<T> {
    fn new(value: T, origin: Origin) -> Self {
        Self { value, origin }
    }
}

impl Origin {
    /// Where `config` sets `key`: the line [`Config::line_of`] finds, else the default.
    fn of(config: Option<&Config>, key: &str) -> Self {
        config
            .and_then(|c| c.line_of(key))
            .map_or(Self::Default, Self::File)
    }
}

/// The command line's list when it gives one, else `file`'s.
fn overridden(cli: &[String], file: Sourced<Vec<String>>) -> Sourced<Vec<String>> {
    if cli.is_empty() {
        file
    } else {
        Sourced::new(cli.to_vec(), Origin::CommandLine)
    }
}

/// `select` plus `extend_select`: a selection extends only a selection (an empty `select`
/// already runs every rule).
fn with_extend(select: &[String], extend_select: &[String]) -> Vec<String> {
    let mut all = select.to_vec();
    if !all.is_empty() {
        all.extend(extend_select.iter().cloned());
    }
    all
}

/// The `[severity]` overrides by rule index: a later selector wins over an earlier one.
fn severity_by_rule(
    severity: &[(String, Severity)],
    rules: &RuleSet,
) -> Result<Vec<Option<Severity>>, Error> {
    let mut by_rule = vec![None; rules.rules.len()];
    for (selector, level) in severity {
        let hits = rules.selection(std::slice::from_ref(selector), &[])?;
        for (slot, hit) in by_rule.iter_mut().zip(hits) {
            if hit {
                *slot = Some(*level);
            }
        }
    }
    Ok(by_rule)
}
