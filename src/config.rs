//! `sdlint.toml`: the project's configuration, read with spans so that every mistake (an
//! unknown key, an unknown rule, a bad date or glob) is reported at its place in the file.
//!
//! Precedence is defaults < configuration file < command line; the CLI merges the two.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::error::{Error, Result};
use crate::rules::{RuleSet, Severity};

/// The configuration file's name, looked for from the current directory upward.
pub const FILE_NAME: &str = "sdlint.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    extend_exclude: Option<Vec<Spanned<String>>>,
    extend_rules: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    per_file: Option<Vec<RawPerFile>>,
    calendar: Option<RawCalendar>,
    suppressions: Option<RawSuppressions>,
    group_filings: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSuppressions {
    require_reason: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerFile {
    glob: Spanned<String>,
    ignore: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCalendar {
    /// Strings ("2018-12-05") or TOML dates (2018-12-05).
    extra_closures: Vec<Spanned<toml::Value>>,
}

/// Rules turned off for the files a glob matches.
#[derive(Debug, Clone)]
pub struct PerFile {
    pub glob: String,
    pub ignore: Vec<String>,
    /// Where `ignore` stands in the file, to report an unknown rule there.
    spans: Vec<Range<usize>>,
    /// Where the glob stands in the file.
    glob_span: Range<usize>,
}

/// A configuration file, parsed but not yet checked against the rule set (rule packs it names
/// are loaded first).
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub path: PathBuf,
    text: String,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<String>,
    /// `exclude`: what directory walks leave out, replacing [`DEFAULT_EXCLUDE`].
    pub exclude: Option<Vec<String>>,
    /// `extend-exclude`: left out of directory walks besides `exclude`.
    pub extend_exclude: Vec<String>,
    /// Rule packs, resolved against the configuration file's folder.
    pub extend_rules: Vec<PathBuf>,
    /// Where each of `extend_rules` is named in the file.
    extend_rules_spans: Vec<Range<usize>>,
    pub severity: Vec<(String, Severity)>,
    pub per_file: Vec<PerFile>,
    per_file_globs: Option<GlobSet>,
    pub extra_closures: Vec<Date>,
    /// `[suppressions] require-reason`: a suppression without a reason is not applied.
    pub require_suppression_reason: bool,
    /// `group-filings`: whether the files of a folder are checked together as the documents
    /// of one filing (`None`: not set, which means yes).
    pub group_filings: Option<bool>,
    /// Spans of every rule selector, for errors.
    selector_spans: Vec<(String, Range<usize>)>,
}

/// The configuration file that applies in `dir`: `sdlint.toml` there or in the nearest parent.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

impl Config {
    /// Reads and parses the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Self> {
        let (text, not_utf8) = crate::error::read_toml(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        crate::error::check_toml(path, "invalid configuration", &text, not_utf8)?;
        Self::parse(path, text)
    }

    fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::Config {
            path: self.path.clone(),
            text: self.text.clone(),
            span,
            message: message.into(),
        }
    }

    /// Parses `text`, read from `path`.
    pub fn parse(path: &Path, text: String) -> Result<Self> {
        let mut config = Self {
            path: path.to_owned(),
            text,
            ..Self::default()
        };
        let raw: RawConfig = toml::from_str(&config.text).map_err(|err| {
            let (span, message) = crate::error::toml_error(&config.text, &err);
            config.error(span, message)
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        config.select = raw.select.map(|s| config.selectors(s));
        config.extend_select = config.selectors(raw.extend_select.unwrap_or_default());
        config.ignore = config.selectors(raw.ignore.unwrap_or_default());
        if let Some(fail_on) = raw.fail_on {
            config.fail_on = Some(config.fail_on_value(fail_on)?);
        }
        let base_dir = absolute_folder(base);
        config.exclude = config.patterns(&base_dir, raw.exclude)?;
        config.extend_exclude = config
            .patterns(&base_dir, raw.extend_exclude)?
            .unwrap_or_default();
        for pack in raw.extend_rules.unwrap_or_default() {
            config.add_extend_rules(base, pack)?;
        }
        for (rule, severity) in raw.severity.unwrap_or_default() {
            config.add_severity(rule, &severity)?;
        }
        config.read_per_file(raw.per_file.unwrap_or_default())?;
        for day in raw.calendar.map(|c| c.extra_closures).unwrap_or_default() {
            let date =
                closure_date(day.get_ref()).map_err(|message| config.error(day.span(), message))?;
            config.extra_closures.push(date);
        }
        config.require_suppression_reason = raw.suppressions.is_some_and(|s| s.require_reason);
        config.group_filings = raw.group_filings;
        Ok(config)
    }

    /// The rule selectors of `list`, their places kept for [`Config::validate`].
    fn selectors(&mut self, list: Vec<Spanned<String>>) -> Vec<String> {
        list.into_iter()
            .map(|s| {
                self.selector_spans.push((s.get_ref().clone(), s.span()));
                s.into_inner()
            })
            .collect()
    }

    /// The `fail-on` level, checked.
    fn fail_on_value(&self, fail_on: Spanned<String>) -> Result<String> {
        let value = fail_on.get_ref();
        if !matches!(value.as_str(), "error" | "warning" | "info" | "never") {
            return Err(self.error(
                fail_on.span(),
                format!(
                    "unknown `fail-on` value `{value}`: expected error, warning, info or never"
                ),
            ));
        }
        Ok(value.clone())
    }

    /// The `exclude` or `extend-exclude` patterns of `list`, each checked as rooted at
    /// `base_dir`; `None` when the key is not set.
    fn patterns(
        &self,
        base_dir: &Path,
        list: Option<Vec<Spanned<String>>>,
    ) -> Result<Option<Vec<String>>> {
        let Some(list) = list else { return Ok(None) };
        let mut out = Vec::with_capacity(list.len());
        for pattern in list {
            Exclusions::new(base_dir, [pattern.get_ref().as_str()])
                .map_err(|message| self.error(pattern.span(), message))?;
            out.push(pattern.into_inner());
        }
        Ok(Some(out))
    }

    /// Adds a rule pack of `extend-rules`, named relative to `base` and confined to it.
    fn add_extend_rules(&mut self, base: &Path, pack: Spanned<String>) -> Result<()> {
        // A configuration from a pull request must not make sdlint read, and echo, a file of
        // the machine it runs on.
        let path = crate::files::confined(base, Path::new(pack.get_ref()))
            .map_err(|message| self.error(pack.span(), message))?;
        self.extend_rules.push(path);
        self.extend_rules_spans.push(pack.span());
        Ok(())
    }

    /// Adds a `[severity]` entry: `rule` (a selector) gets the severity `level` names.
    fn add_severity(&mut self, rule: Spanned<String>, level: &Spanned<String>) -> Result<()> {
        let severity = Severity::from_name(level.get_ref()).ok_or_else(|| {
            self.error(
                level.span(),
                format!(
                    "unknown severity `{}`: expected error, warning or info",
                    level.get_ref()
                ),
            )
        })?;
        self.selector_spans
            .push((rule.get_ref().clone(), rule.span()));
        self.severity.push((rule.into_inner(), severity));
        Ok(())
    }

    /// Reads the `[[per-file]]` entries and builds the set of their globs.
    fn read_per_file(&mut self, entries: Vec<RawPerFile>) -> Result<()> {
        let mut globs = GlobSetBuilder::new();
        for entry in entries {
            let glob = Glob::new(entry.glob.get_ref()).map_err(|err| {
                self.error(entry.glob.span(), format!("invalid glob: {}", err.kind()))
            })?;
            globs.add(glob);
            let spans = entry.ignore.iter().map(Spanned::span).collect();
            let glob_span = entry.glob.span();
            self.per_file.push(PerFile {
                glob_span,
                glob: entry.glob.into_inner(),
                ignore: entry.ignore.into_iter().map(Spanned::into_inner).collect(),
                spans,
            });
        }
        self.per_file_globs = Some(
            globs
                .build()
                .map_err(|err| self.error(0..0, format!("invalid glob: {err}")))?,
        );
        Ok(())
    }

    /// Adds the packs of `extend-rules` to `rules`. A pack that cannot be read is an error at
    /// its place in this file; a mistake inside a pack points into the pack.
    pub fn add_rule_packs(&self, rules: &mut RuleSet) -> Result<()> {
        for (pack, span) in self.extend_rules.iter().zip(&self.extend_rules_spans) {
            rules.add_path(pack).map_err(|err| match err {
                err @ Error::RulePackIo { .. } => self.error(span.clone(), err.to_string()),
                other => other,
            })?;
        }
        Ok(())
    }

    /// Checks every rule the configuration names against `rules`; an unknown one is an error at
    /// its place in the file.
    pub fn validate(&self, rules: &RuleSet) -> Result<()> {
        let per_file = self
            .per_file
            .iter()
            .flat_map(|p| p.ignore.iter().cloned().zip(p.spans.iter().cloned()));
        for (selector, span) in self.selector_spans.iter().cloned().chain(per_file) {
            if rules
                .selection(std::slice::from_ref(&selector), &[])
                .is_err()
            {
                return Err(self.error(
                    span,
                    format!(
                        "unknown rule or rule prefix `{selector}` (run `sdlint rules` to list them)"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The 1-based line of the file where `key` is set (`select = ...`, `[severity]`,
    /// `[[per-file]]`), for showing where a value came from.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.text
            .lines()
            .position(|line| {
                let line = line.trim_start();
                // A table header may carry a comment after it: `[severity]  # house style`.
                let header = line.split('#').next().unwrap_or(line);
                let table = header
                    .trim_start_matches('[')
                    .trim_end()
                    .trim_end_matches(']');
                (line.starts_with('[') && table.trim() == key)
                    || line
                        .strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|i| i + 1)
    }

    /// Checks that every `[[per-file]]` glob matches at least one file under the configuration
    /// file's folder (walked as `sdlint check` walks a folder: hidden and git-ignored files left
    /// out); a glob that matches nothing is an error at its place in the file, since it most
    /// likely misspells the folder it was meant for.
    pub fn check_globs(&self) -> Result<()> {
        let Some(globs) = &self.per_file_globs else {
            return Ok(());
        };
        if self.per_file.is_empty() {
            return Ok(());
        }
        let base = self.path.parent().unwrap_or(Path::new("."));
        let base = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        let mut matched = vec![false; self.per_file.len()];
        let walker = ignore::WalkBuilder::new(base).require_git(false).build();
        for entry in walker.flatten() {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let relative = entry.path().strip_prefix(base).unwrap_or(entry.path());
            for index in globs.matches(relative) {
                matched[index] = true;
            }
            if matched.iter().all(|&m| m) {
                return Ok(());
            }
        }
        match matched.iter().position(|&m| !m) {
            Some(index) => {
                let entry = &self.per_file[index];
                Err(self.error(
                    entry.glob_span.clone(),
                    format!(
                        "the glob `{}` matches no file under {} (globs are relative to the configuration file's folder)",
                        entry.glob,
                        base.display()
                    ),
                ))
            }
            None => Ok(()),
        }
    }

    /// The patterns `exclude` leaves out of directory walks: the file's, else
    /// [`DEFAULT_EXCLUDE`].
    pub fn exclude_in_effect(&self) -> Vec<&str> {
        match &self.exclude {
            Some(list) => list.iter().map(String::as_str).collect(),
            None => DEFAULT_EXCLUDE.to_vec(),
        }
    }

    /// The rules ignored for `file` by `[[per-file]]` entries whose glob matches it, relative to
    /// the configuration file's folder.
    pub fn ignored_for(&self, file: &Path) -> Vec<String> {
        let Some(globs) = &self.per_file_globs else {
            return Vec::new();
        };
        let base = self.path.parent().unwrap_or(Path::new("."));
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_owned());
        let base = std::path::absolute(base).unwrap_or_else(|_| base.to_owned());
        let relative = absolute.strip_prefix(&base).unwrap_or(file);
        globs
            .matches(relative)
            .into_iter()
            .flat_map(|i| self.per_file[i].ignore.iter().cloned())
            .collect()
    }
}

/// What directory walks leave out unless `exclude` says otherwise: the files a repository keeps
/// about itself, which may well mention a Conflict Minerals Report without being one, and the
/// folders tools fill. Patterns are written as in `.gitignore`.
pub const DEFAULT_EXCLUDE: [&str; 9] = [
    "README*",
    "CHANGELOG*",
    "CHANGES*",
    "CONTRIBUTING*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
    "LICENSE*",
    "node_modules/",
    "target/",
];

/// The patterns directory walks leave out, in `.gitignore` syntax, matched against paths
/// relative to a folder (the configuration file's, or the current one without a configuration).
#[derive(Debug)]
pub struct Exclusions {
    root: PathBuf,
    matcher: ignore::gitignore::Gitignore,
}

impl Exclusions {
    /// The exclusions of `config` (its `exclude`, or the defaults, and its `extend-exclude`),
    /// rooted at its folder; without a configuration, the defaults rooted at `cwd`.
    pub fn of(config: Option<&Config>, cwd: &Path) -> Self {
        let (root, patterns): (PathBuf, Vec<&str>) = match config {
            Some(c) => {
                let base = absolute_folder(c.path.parent().unwrap_or(Path::new(".")));
                let patterns = c.exclude_in_effect();
                let extended = c.extend_exclude.iter().map(String::as_str);
                (base, patterns.into_iter().chain(extended).collect())
            }
            None => (absolute_folder(cwd), DEFAULT_EXCLUDE.to_vec()),
        };
        // Every pattern was checked when the configuration was read.
        Self::new(&root, patterns).unwrap_or_else(|_| Self {
            root: root.clone(),
            matcher: ignore::gitignore::Gitignore::empty(),
        })
    }

    fn new<'p>(
        root: &Path,
        patterns: impl IntoIterator<Item = &'p str>,
    ) -> std::result::Result<Self, String> {
        let mut builder = ignore::gitignore::GitignoreBuilder::new(root);
        for pattern in patterns {
            if pattern.trim().is_empty() {
                return Err("an empty pattern would leave nothing out".to_owned());
            }
            builder
                .add_line(None, pattern)
                .map_err(|err| format!("invalid pattern: {}", error_kind(&err)))?;
        }
        let matcher = builder
            .build()
            .map_err(|err| format!("invalid pattern: {}", error_kind(&err)))?;
        Ok(Self {
            root: root.to_owned(),
            matcher,
        })
    }

    /// Whether a directory walk leaves `path` out (a folder when `is_dir`). Only `path` itself
    /// is matched, not the folders above it: a walk asks about each folder on its way down, and
    /// the folder it was given is the user's choice. Paths outside the root are matched by
    /// their own name only.
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        let absolute = lexical(path);
        let relative = match absolute.strip_prefix(&self.root) {
            Ok(relative) => relative.to_owned(),
            Err(_) => match absolute.file_name() {
                Some(name) => PathBuf::from(name),
                None => return false,
            },
        };
        if relative.as_os_str().is_empty() {
            return false;
        }
        self.matcher
            .matched(self.root.join(relative), is_dir)
            .is_ignore()
    }
}

/// An `ignore` error without the path and line it names (the pattern is reported at its place).
fn error_kind(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_kind(err)
        }
        ignore::Error::Glob { err, .. } => err.clone(),
        other => other.to_string(),
    }
}

fn absolute_folder(dir: &Path) -> PathBuf {
    if dir.as_os_str().is_empty() {
        lexical(Path::new("."))
    } else {
        lexical(dir)
    }
}

/// `path` made absolute with `.` and `..` resolved by their names, without reading the file
/// system (`filings/../README.md` is `README.md`, wherever links point).
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    crate::baseline::normalize(&absolute)
}

/// A day the SEC was closed: "2018-12-05" exactly (other forms are ambiguous in a
/// configuration file), or the TOML date 2018-12-05; or why the value is not one.
fn closure_date(value: &toml::Value) -> std::result::Result<Date, String> {
    let (year, month, day, shown) = match value {
        toml::Value::String(text) => {
            let b = text.as_bytes();
            let shaped = b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
            if !shaped {
                return Err(format!("`{text}` is not a date written YYYY-MM-DD"));
            }
            let number = |range: std::ops::Range<usize>| text[range].parse().unwrap_or(0);
            (
                number(0..4),
                number(5..7) as u8,
                number(8..10) as u8,
                text.clone(),
            )
        }
        toml::Value::Datetime(datetime) => match datetime.date {
            Some(date) if datetime.time.is_none() => {
                (date.year, date.month, date.day, datetime.to_string())
            }
            _ => {
                return Err(format!(
                    "`{datetime}` is not a day: write the date alone, as YYYY-MM-DD"
                ));
            }
        },
        other => {
            let kind = other.type_str();
            let article = if kind.starts_with(['a', 'i']) {
                "an"
            } else {
                "a"
            };
            return Err(format!(
                "a closure is a date written YYYY-MM-DD, not {article} {kind}"
            ));
        }
    };
    if day == 0 || day > crate::calendar::days_in_month(year, month) {
        return Err(format!("`{shown}` is not a day of the calendar"));
    }
    Ok(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/project/sdlint.toml"), text.to_owned())
    }

    #[test]
    fn reads_every_key() {
        let config = parse(
            "select = [\"SD\"]\nignore = [\"CMR-FLS-001\"]\nfail-on = \"warning\"\nextend-rules = [\"house.toml\"]\n\
             [severity]\n\"SD-EXH-003\" = \"error\"\n[[per-file]]\nglob = \"archive/**\"\nignore = [\"XF-013\"]\n\
             [calendar]\nextra-closures = [\"2018-12-05\"]\n",
        )
        .unwrap();
        assert_eq!(config.select.as_deref(), Some(&["SD".to_owned()][..]));
        assert_eq!(config.fail_on.as_deref(), Some("warning"));
        assert_eq!(config.extend_rules, [PathBuf::from("/project/house.toml")]);
        assert_eq!(
            config.severity,
            [("SD-EXH-003".to_owned(), Severity::Error)]
        );
        assert_eq!(
            config.extra_closures,
            [Date {
                year: 2018,
                month: 12,
                day: 5
            }]
        );
        assert_eq!(
            config.ignored_for(Path::new("/project/archive/2019/sd.md")),
            ["XF-013"]
        );
        assert!(
            config
                .ignored_for(Path::new("/project/drafts/sd.md"))
                .is_empty()
        );
    }

    #[test]
    fn keys_and_tables_are_found_with_trailing_comments() {
        let config = parse(
            "fail-on = \"warning\"  # stricter in CI\n[severity]  # house style\n\"SD-EXH-003\" = \"error\"\n\
             [[per-file]] # archived filings\nglob = \"**\"\nignore = [\"XF-013\"]\n",
        )
        .unwrap();
        assert_eq!(config.line_of("fail-on"), Some(1));
        assert_eq!(config.line_of("severity"), Some(2));
        assert_eq!(config.line_of("per-file"), Some(4));
        assert_eq!(config.line_of("select"), None);
    }

    #[test]
    fn mistakes_point_into_the_file() {
        let Err(Error::Config {
            span,
            message,
            text,
            ..
        }) = parse("selct = [\"SD\"]\n")
        else {
            panic!("an unknown key is an error");
        };
        assert_eq!(&text[span], "selct");
        assert!(message.contains("unknown field"));
        let Err(Error::Config { span, text, .. }) =
            parse("[calendar]\nextra-closures = [\"Dec 5\"]\n")
        else {
            panic!("a bad date is an error");
        };
        assert_eq!(&text[span], "\"Dec 5\"");
    }

    #[test]
    fn closures_are_strings_or_toml_dates_of_real_days() {
        let config = parse("[calendar]\nextra-closures = [\"2018-12-05\", 2025-01-09]\n").unwrap();
        let days: Vec<String> = config.extra_closures.iter().map(Date::to_string).collect();
        assert_eq!(days, ["2018-12-05", "2025-01-09"]);
        for (value, expected) in [
            (
                "\"2019-02-30\"",
                "`2019-02-30` is not a day of the calendar",
            ),
            (
                "\"2019-13-01\"",
                "`2019-13-01` is not a day of the calendar",
            ),
            (
                "2018-12-05T09:00:00",
                "`2018-12-05T09:00:00` is not a day: write the date alone, as YYYY-MM-DD",
            ),
            (
                "20181205",
                "a closure is a date written YYYY-MM-DD, not an integer",
            ),
        ] {
            let Err(Error::Config { message, .. }) =
                parse(&format!("[calendar]\nextra-closures = [{value}]\n"))
            else {
                panic!("{value} is not a closure");
            };
            assert_eq!(message, expected);
        }
    }

    #[test]
    fn a_rule_pack_that_cannot_be_read_is_reported_where_it_is_named() {
        let config = parse("extend-rules = [\"house.toml\"]\n").unwrap();
        let Err(Error::Config {
            span,
            message,
            text,
            ..
        }) = config.add_rule_packs(&mut RuleSet::default())
        else {
            panic!("a missing pack is an error");
        };
        assert_eq!(&text[span], "\"house.toml\"");
        assert!(message.starts_with("cannot read the rule pack /project/house.toml: "));
    }
}
