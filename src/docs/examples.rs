//! A rule's examples: what the rule alone reports on its fixtures, with an excerpt of the
//! `fail` fixture around the place it points at.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::input::{self, Locator};
use crate::rules::{RuleSet, Settings};
use crate::suppress::Policy;
use crate::{Diagnostic, Error, Report, Result, render};

/// Lines of context shown before and after the flagged lines.
const CONTEXT: usize = 1;
/// Flagged lines shown at most; a longer range shows its first and last lines around `...`.
const MAX_FLAGGED: usize = 4;
/// Characters of a line shown at most; a longer line is cut around the flagged text, and `…`
/// stands for what is left out.
const MAX_WIDTH: usize = 100;

/// The examples blocks of the rule at `index`, from the fixtures in `dir/<ID>/`: an excerpt of
/// what the rule reports on `fail.*`, then every fixture with what it reports (only this
/// rule's diagnostics are shown). Empty when the
/// rule has no fixture directory; an error when `dir` cannot be read.
pub(super) fn blocks(rules: &RuleSet, index: usize, dir: &Path) -> Result<Vec<String>> {
    std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    let id = &rules.rules[index].meta.id;
    let folder = dir.join(id);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let shown = format!("{}/{id}", display(dir));
    let (enabled, suppressions, configured) = run_for(rules, index, &folder)?;
    let settings = Settings::default();
    let mut reports = Vec::new();
    for name in fixture_names(&folder)? {
        let path = folder.join(&name);
        let mut report = if path.is_dir() {
            // A folder is a filing of several documents: the report shown is the first one
            // the rule reports on.
            let mut documents = Vec::new();
            for file in dir_files(&path)? {
                let mut source = input::read_path(&path.join(&file))?;
                source.path = PathBuf::from(format!("{shown}/{name}/{file}"));
                documents.push(crate::filing::Prepared::new(source));
            }
            let on = vec![enabled.clone(); documents.len()];
            let mut all =
                crate::filing::lint_all(documents, on, true, rules, &settings, suppressions);
            let at = all
                .iter()
                .position(|r| r.diagnostics.iter().any(|d| d.rule == *id))
                .unwrap_or(0);
            if all.is_empty() {
                continue;
            }
            all.swap_remove(at)
        } else {
            let mut file = input::read_path(&path)?;
            file.path = PathBuf::from(format!("{shown}/{name}"));
            crate::lint_with(file, rules, &enabled, &settings, suppressions)
        };
        report.diagnostics.retain(|d| d.rule == *id);
        let name = if path.is_dir() {
            format!("{name}/")
        } else {
            name
        };
        reports.push((name, report));
    }
    let how = if configured {
        format!("with this rule and the folder's `{}`", config::FILE_NAME)
    } else {
        "with this rule alone".to_owned()
    };
    let mut out = Vec::new();
    let fail = reports.iter().find(|(name, _)| stem(name) == "fail");
    if let Some((name, report)) = fail {
        match report.diagnostics.first() {
            Some(first) => {
                let short = render::short(std::slice::from_ref(report));
                let heading = short.lines().next().unwrap_or_default();
                out.push(format!("**Example:** `{shown}/{name}`, linted {how}:"));
                out.push(format!("```text\n{heading}\n{}```", excerpt(report, first)));
            }
            None => out.push(format!("**Example:** `{shown}/{name}` is not reported.")),
        }
    }
    if !reports.is_empty() {
        let mut list = format!("**Tested cases** in `{shown}/`:\n");
        for (name, report) in &reports {
            let _ = write!(list, "\n- `{name}`: {}", outcome(&report.diagnostics));
        }
        out.push(list);
    }
    Ok(out)
}

/// What a fixture of the rule at `index` is linted with: the rule alone, or, when `folder` has an
/// `sdlint.toml`, also its `extend-select` rules (a suppression needs the rule it suppresses)
/// and its suppression policy, as `tests/rules.rs` does. The last value says whether there was
/// such a file.
fn run_for(rules: &RuleSet, index: usize, folder: &Path) -> Result<(Vec<bool>, Policy, bool)> {
    let mut enabled = vec![false; rules.rules.len()];
    enabled[index] = true;
    let path = folder.join(config::FILE_NAME);
    if !path.is_file() {
        return Ok((enabled, Policy::default(), false));
    }
    let config = Config::load(&path)?;
    if !config.extend_select.is_empty() {
        let extra = rules.selection(&config.extend_select, &[])?;
        for (on, hit) in enabled.iter_mut().zip(extra) {
            *on |= hit;
        }
    }
    let suppressions = Policy {
        require_reason: config.require_suppression_reason,
    };
    Ok((enabled, suppressions, true))
}

/// A directory as shown in the documentation: as given, with `/` between its parts, so that the
/// output is the same on every system.
pub(super) fn display(dir: &Path) -> String {
    let shown = dir.to_string_lossy().replace('\\', "/");
    shown.trim_end_matches('/').to_owned()
}

/// The file names of `folder` that are fixtures: `fail*` then `pass*`, each with the main one
/// (`fail.md`) before the others (`fail-early.txt`) in name order.
fn fixture_names(folder: &Path) -> Result<Vec<String>> {
    let io = |source| Error::Io {
        path: folder.to_owned(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("fail") || name.starts_with("pass") {
            names.push(name);
        }
    }
    names.sort_by_key(|name| {
        (
            !name.starts_with("fail"),
            stem(name).contains('-'),
            name.clone(),
        )
    });
    Ok(names)
}

/// The names of the files in `dir`, sorted.
fn dir_files(dir: &Path) -> Result<Vec<String>> {
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        if entry.path().is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

fn stem(name: &str) -> &str {
    let name = name.trim_end_matches('/');
    name.split_once('.').map_or(name, |(stem, _)| stem)
}

/// What a fixture gives: "not reported", or where and what the first finding is.
fn outcome(diagnostics: &[Diagnostic]) -> String {
    let Some(first) = diagnostics.first() else {
        return "not reported".to_owned();
    };
    let mut text = format!(
        "{}:{} {}",
        first.primary.start.line, first.primary.start.column, first.message
    );
    if diagnostics.len() > 1 {
        let _ = write!(text, " (and {} more)", diagnostics.len() - 1);
    }
    text
}

/// The lines `d`'s primary label covers with a line of context on each side, numbered as in
/// the file, the label under them.
fn excerpt(report: &Report, d: &Diagnostic) -> String {
    let locator = Locator::new(&report.source, &report.origin);
    let lines = locator.lines();
    let text = report.source.as_str();
    let range = d.primary.range;
    let first = lines.line_of(range.start());
    let last = lines.line_of(range.end().saturating_sub(1).max(range.start()));
    // The index has an empty last line after a final line break; it is not a line to show.
    let count = (0..lines.line_count())
        .take_while(|&i| lines.line_start(i) < text.len() || i == 0)
        .count();
    let from = first.saturating_sub(CONTEXT);
    let to = (last + CONTEXT).min(count.saturating_sub(1));
    let line_text = |i: usize| {
        let start = lines.line_start(i).min(text.len());
        let end = lines.line_start(i + 1).min(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    };
    let number = |i: usize| locator.line_number(i).to_string();
    let width = (from..=to).map(|i| number(i).len()).max().unwrap_or(1);
    let gutter = " ".repeat(width);
    let mut out = format!("{gutter} |\n");
    let row = |out: &mut String, i: usize, mark: &str, shown: &str| {
        let line = format!("{:>width$} | {mark}{shown}", number(i));
        let _ = writeln!(out, "{}", line.trim_end());
    };
    // Lines other than a single flagged one are shown from their start.
    let plain = |i: usize| expand_tabs(&clip(line_text(i), 0, 0).0).0;
    if first == last {
        let col = text[lines.line_start(first)..range.start()].chars().count();
        let len = text[range.as_range()].chars().count().max(1);
        for i in from..first {
            row(&mut out, i, "", &plain(i));
        }
        let (shown, offset) = clip(line_text(first), col, len);
        let (shown, columns) = expand_tabs(&shown);
        row(&mut out, first, "", &shown);
        let at = columns[offset.min(columns.len() - 1)];
        let until = columns[(offset + len).min(columns.len() - 1)].max(at + 1);
        let label = format!(
            "{gutter} | {}{} {}",
            " ".repeat(at),
            "^".repeat(until - at),
            d.primary.message
        );
        let _ = writeln!(out, "{}", label.trim_end());
        for i in last + 1..=to {
            row(&mut out, i, "", &plain(i));
        }
    } else {
        for i in from..first {
            row(&mut out, i, "  ", &plain(i));
        }
        let flagged: Vec<usize> = (first..=last).collect();
        let cut = flagged.len() > MAX_FLAGGED;
        for (k, &i) in flagged.iter().enumerate() {
            if cut && k >= MAX_FLAGGED / 2 && k < flagged.len() - MAX_FLAGGED / 2 {
                if k == MAX_FLAGGED / 2 {
                    let _ = writeln!(out, "{gutter} | | ...");
                }
                continue;
            }
            let mark = if i == first { "/ " } else { "| " };
            row(&mut out, i, mark, &plain(i));
        }
        let label = format!("{gutter} | |_ {}", d.primary.message);
        let _ = writeln!(out, "{}", label.trim_end());
        for i in last + 1..=to {
            row(&mut out, i, "  ", &plain(i));
        }
    }
    out
}

/// `line` cut to about `MAX_WIDTH` characters, keeping the `len` characters from `col` in view
/// whole with some context; `…` marks what was cut. Returns the text and where `col` is in it.
fn clip(line: &str, col: usize, len: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX_WIDTH {
        return (line.to_owned(), col);
    }
    let lead = MAX_WIDTH / 4;
    let start = if col + len <= MAX_WIDTH {
        0
    } else {
        col.saturating_sub(lead)
    };
    let end = (start + MAX_WIDTH).max(col + len + lead).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col - start + usize::from(start > 0))
}

/// `text` with its tabs expanded to the next multiple of `TAB` columns, so that carets line up
/// however the reader's viewer shows tabs, and the column where each character starts (with
/// one more entry for the end of the text).
fn expand_tabs(text: &str) -> (String, Vec<usize>) {
    const TAB: usize = 4;
    let mut expanded = String::with_capacity(text.len());
    let mut columns = Vec::with_capacity(text.len() + 1);
    let mut column = 0;
    for c in text.chars() {
        columns.push(column);
        if c == '\t' {
            let next = (column / TAB + 1) * TAB;
            expanded.extend(std::iter::repeat_n(' ', next - column));
            column = next;
        } else {
            expanded.push(c);
            column += 1;
        }
    }
    columns.push(column);
    (expanded, columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pack with one rule that flags "alpha" and the "beta"s after it, across line breaks.
    fn pack() -> RuleSet {
        let mut rules = RuleSet::default();
        let toml = r#"
[[rule]]
id = "TEST-001"
name = "alpha-beta"
severity = "warning"
summary = "No alpha beta"
why = "Because."
message = "Alpha beta found"
help = "Remove it"
references = ["None"]
documents = ["form-sd", "cmr", "unknown"]

[rule.check]
kind = "forbid"
scope = "document"
patterns = ['alpha(?:\s+beta)*']
label = "here"
"#;
        rules.add_pack(Path::new("test.toml"), toml).unwrap();
        rules
    }

    fn report(text: &str) -> Report {
        let file = input::from_bytes(PathBuf::from("x.txt"), text.as_bytes()).unwrap();
        crate::lint(file, &pack(), &[true])
    }

    #[test]
    fn a_range_on_one_line_is_underlined_with_a_line_of_context() {
        let r = report("one\ntwo alpha\nthree\nfour\n");
        assert_eq!(
            excerpt(&r, &r.diagnostics[0]),
            "  |\n1 | one\n2 | two alpha\n  |     ^^^^^ here\n3 | three\n"
        );
    }

    #[test]
    fn a_range_over_lines_is_marked_in_the_margin() {
        let r = report("one\ntwo alpha\nbeta three\n");
        assert_eq!(
            excerpt(&r, &r.diagnostics[0]),
            "  |\n1 |   one\n2 | / two alpha\n3 | | beta three\n  | |_ here\n"
        );
    }

    #[test]
    fn a_long_range_shows_its_first_and_last_lines() {
        let r = report("alpha\nbeta\nbeta\nbeta\nbeta\nbeta\nend\n");
        assert_eq!(
            excerpt(&r, &r.diagnostics[0]),
            "  |\n1 | / alpha\n2 | | beta\n  | | ...\n5 | | beta\n6 | | beta\n  | |_ here\n7 |   end\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_what_is_flagged() {
        let line = format!("{}alpha{}", "x".repeat(150), "y".repeat(150));
        let (shown, offset) = clip(&line, 150, 5);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(
            shown.chars().skip(offset).take(5).collect::<String>(),
            "alpha"
        );
        assert_eq!(clip("short", 2, 1), ("short".to_owned(), 2));
    }

    #[test]
    fn tabs_are_expanded_to_stops() {
        let (text, columns) = expand_tabs("ab\tc\td");
        assert_eq!(text, "ab  c   d");
        assert_eq!(columns, vec![0, 1, 2, 4, 5, 8, 9]);
    }

    #[test]
    fn fixtures_are_listed_fail_then_pass_main_one_first() {
        let dir = std::env::temp_dir().join(format!("sdlint-docs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["pass-b.md", "fail-a.txt", "pass.md", "fail.md", "notes.txt"] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let names = fixture_names(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(names, ["fail.md", "fail-a.txt", "pass.md", "pass-b.md"]);
    }
}
