//! `github`: GitHub Actions workflow commands (`::error file=...::message`), which the runner
//! turns into annotations on the files, and a Markdown summary for `$GITHUB_STEP_SUMMARY`.

use std::fmt::Write as _;

use super::{Summary, by_severity, forward_slashes, line_label, visible};
use crate::Report;
use crate::rules::Severity;

/// One workflow command per diagnostic. GitHub shows at most 10 annotations of each kind per
/// step, so errors come first, then warnings, then notices, each in input order.
pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for (report, d) in by_severity(reports) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&visible(&forward_slashes(&report.path))),
            d.primary.start.line,
            d.primary.start.column,
            d.primary.end.line,
            d.primary.end.column,
            escape_property(&visible(&d.rule)),
            escape_data(&visible(&d.message))
        );
    }
    out
}

/// GitHub limits a step's summary to 1 MiB and drops a longer one whole; the table stops
/// well short of that, leaving room for whatever else the step writes there.
const SUMMARY_BUDGET: usize = 1 << 19;

/// A Markdown report of every diagnostic for the job summary (`$GITHUB_STEP_SUMMARY`): a
/// heading, the counts, and a table in the order of the annotations.
pub fn summary(reports: &[Report]) -> String {
    let mut out = format!("## sdlint\n\n{}\n", Summary::of(reports).sentence());
    let rows = by_severity(reports);
    if rows.is_empty() {
        return out;
    }
    out.push_str("\n| File | Line | Severity | Rule | Message |\n|---|---:|---|---|---|\n");
    for (index, (report, d)) in rows.iter().enumerate() {
        let row = format!(
            "| {} | {} | {} | {} | {} |\n",
            code_span(&visible(&forward_slashes(&report.path))),
            line_label(report, d.primary.start.line),
            d.severity.name(),
            escape_markdown(&visible(&d.rule)),
            escape_markdown(&visible(&d.message))
        );
        // Room is kept for the line that says how many rows were left out.
        if out.len() + row.len() + 80 > SUMMARY_BUDGET {
            let _ = writeln!(
                out,
                "\n{} more not shown (a step's summary is limited to 1 MiB); the log lists them all.",
                rows.len() - index
            );
            break;
        }
        out.push_str(&row);
    }
    out
}

/// Escapes a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value, where `:` and `,` are separators too.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Text in a Markdown table cell, read as plain text: characters that Markdown or HTML would
/// interpret are backslash-escaped, and line breaks, which would end the row, become spaces.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// `text` as a code span in a table cell: fenced with more backticks than it holds, and its
/// pipes escaped (GitHub splits cells on them even inside code).
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let text = text.replace('|', "\\|").replace(['\r', '\n'], " ");
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_escape_data_and_properties() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(escape_property("dir,1/a:b%.md"), "dir%2C1/a%3Ab%25.md");
    }

    #[test]
    fn table_cells_are_plain_text() {
        assert_eq!(
            escape_markdown("a | b <b>*x*</b>\nc"),
            "a \\| b \\<b\\>\\*x\\*\\</b\\> c"
        );
        assert_eq!(code_span("drafts/a|b.md"), "`drafts/a\\|b.md`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
    }

    #[test]
    fn a_long_summary_stops_short_of_the_limit() {
        let rules = crate::RuleSet::builtin().unwrap();
        let enabled = rules.selection(&["SD-SIG-005".into()], &[]).unwrap();
        let file = crate::input::from_bytes("sd.txt".into(), b"FORM SD\n\nSIGNATURES\n").unwrap();
        let mut report = crate::lint(file, &rules, &enabled);
        let one = report.diagnostics[0].clone();
        report.diagnostics = vec![one; 20_000];
        let text = summary(&[report]);
        assert!(text.len() <= SUMMARY_BUDGET);
        let rows = text.lines().filter(|l| l.starts_with("| `sd.txt`")).count();
        assert!(text.ends_with(&format!(
            "\n{} more not shown (a step's summary is limited to 1 MiB); the log lists them all.\n",
            20_000 - rows
        )));
    }
}
