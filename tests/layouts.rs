//! Metamorphic tests: the same filing laid out differently gets the same findings.
//!
//! Every input (each rule fixture, each corpus filing and each labelled draft, when
//! `../shared/corpus` is there) is read as sdlint reads it (its normalised text, one paragraph
//! per line) and then laid out again as people lay out filings: hard-wrapped at 72 and at 50
//! columns, broken by pages in mid-sentence with a running footer and a page number, its cover
//! captions set in space-aligned columns or a Markdown table, and converted to HTML and to a
//! Word document. Each layout must have the error and warning findings of the plain text: the
//! same rule ids at the same words.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sdlint::input::docx::testing::{build_docx, document};
use sdlint::{Report, RuleSet, Severity, input};

use common::{builtin, root};

/// The inputs: rule fixtures (files), corpus filings and labelled drafts.
fn inputs() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let fixtures = root().join("tests/fixtures/rules");
    for rule in std::fs::read_dir(&fixtures).expect("the rule fixtures are there") {
        let rule = rule.expect("a readable folder").path();
        let Ok(files) = std::fs::read_dir(&rule) else {
            continue;
        };
        paths.extend(
            files
                .filter_map(|f| f.ok().map(|f| f.path()))
                .filter(|p| p.is_file() && readable(p)),
        );
    }
    for corpus in ["../shared/corpus/seeds", "../shared/corpus/drafts"] {
        if let Ok(files) = std::fs::read_dir(root().join(corpus)) {
            paths.extend(
                files
                    .filter_map(|f| f.ok().map(|f| f.path()))
                    .filter(|p| p.file_name().is_some_and(|n| n != "README.md") && readable(p)),
            );
        }
    }
    paths.sort();
    paths
}

fn readable(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| ["txt", "md", "htm", "html"].contains(&e.to_str().unwrap_or("")))
}

/// A finding as the layouts must keep it: the rule and the word it points at.
type Finding = (String, String);

fn findings(rules: &RuleSet, enabled: &[bool], name: &str, bytes: &[u8]) -> Vec<Finding> {
    let file = input::from_bytes(PathBuf::from(name), bytes).expect("the layout is readable");
    let report = sdlint::lint(file, rules, enabled);
    let mut found: Vec<Finding> = report
        .diagnostics
        .iter()
        .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
        .map(|d| {
            // A finding about the rows of a smelter table as a whole stands at its first row
            // of the kind, which depends on how the table was cut into rows: its rule is kept.
            let whole_table = d.rule.starts_with("CMR-SMELT-") || d.rule == "XF-010";
            let word = match whole_table {
                true => String::new(),
                false => word_at(&report, d.primary.range.start()),
            };
            (d.rule.clone(), word)
        })
        .collect();
    found.sort();
    found
}

/// The word that starts at `at` of the report's text, or the next one after it (past markup
/// and punctuation), lower case.
fn word_at(report: &Report, at: usize) -> String {
    let text = report.source.get(at..).unwrap_or("");
    let mut rest = text;
    // Past a tag the offset may point at (never expected, but a word of markup would say so).
    while rest.starts_with('<') {
        rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
    }
    rest.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

// ---- layouts ------------------------------------------------------------------------------

/// Whether a line of the plain text is prose a person would wrap: not a table row, a heading
/// or a form line.
fn wrappable(line: &str) -> bool {
    cells(line).is_none()
        && !line.contains("   ")
        && !line.contains('|')
        && !line.starts_with('#')
        && line.len() > 60
}

/// The cells of a table row: a line of tab-separated cells, or of short columns aligned with
/// runs of spaces (not prose with two spaces after its full stops).
fn cells(line: &str) -> Option<Vec<&str>> {
    let row = positioned(line)?;
    Some(row.into_iter().map(|(_, cell)| cell).collect())
}

/// [`cells`] with the column each starts at.
fn positioned(line: &str) -> Option<Vec<(usize, &str)>> {
    let body = line.trim_end();
    if body.contains('\t') {
        // Tabs separate cells, empty ones included.
        let mut at = 0;
        let cells: Vec<(usize, &str)> = body
            .split('\t')
            .map(|cell| {
                let start = at;
                at += cell.len() + 1;
                (start, cell)
            })
            .collect();
        return Some(cells);
    }
    let gap = regex::Regex::new(r" {2,}").expect("valid");
    let mut cells = Vec::new();
    let mut start = 0;
    for m in gap.find_iter(body) {
        if m.start() > start {
            cells.push((start, &body[start..m.start()]));
        }
        start = m.end();
    }
    if start < body.len() {
        cells.push((start, &body[start..]));
    }
    let short = cells.iter().all(|(_, c)| c.chars().count() <= 60);
    (cells.len() > 1 && short && !justified(body)).then_some(cells)
}

/// Whether a line with narrow gaps is justified prose, as its writer meant it: a part of six
/// words or more, or parts that mostly start in lower case.
fn justified(body: &str) -> bool {
    let gap = regex::Regex::new(r" {2,}").expect("valid");
    if gap.find_iter(body).any(|m| m.len() > 3) {
        return false;
    }
    let parts: Vec<&str> = gap.split(body.trim()).collect();
    let lower = parts[1..]
        .iter()
        .filter(|p| p.starts_with(|c: char| c.is_ascii_lowercase()))
        .count();
    parts.iter().any(|p| p.split(' ').count() >= 6) || 2 * lower > parts.len() - 1
}

/// The text hard-wrapped at `width` columns: each prose line broken at spaces.
fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if !wrappable(line) || line.chars().count() <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut current = String::new();
        // Rewrapping undoes a justified line's spacing, as a writer setting it again would.
        for word in line.split_whitespace() {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// The text broken by a page in the middle of a sentence of its three longest prose lines:
/// the first half, a blank line, the running footer and the page number, a blank line, and
/// the rest of the sentence.
fn paginated(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut longest: Vec<usize> = (0..lines.len())
        .filter(|&i| wrappable(lines[i]) && lines[i].len() > 160)
        .collect();
    longest.sort_by_key(|&i| std::cmp::Reverse(lines[i].len()));
    longest.truncate(3);
    longest.sort();
    let mut out = String::new();
    let mut page = 1;
    for (i, line) in lines.iter().enumerate() {
        match longest.contains(&i).then(|| mid_sentence(line)).flatten() {
            Some(at) => {
                page += 1;
                let (a, b) = line.split_at(at);
                let _ = write!(
                    out,
                    "{a}\n\n\nHarrowfield Document Services  |  Filing copy  |  {page}\n\n\n{}\n",
                    b.trim_start()
                );
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// A space in the middle of a sentence near the middle of `line`: between two words in lower
/// case, with no full stop, colon or semicolon before it.
fn mid_sentence(line: &str) -> Option<usize> {
    let middle = line.len() / 2;
    let candidates = line.match_indices(' ').map(|(i, _)| i).filter(|&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + 1..].chars().next();
        before.is_some_and(char::is_lowercase) && after.is_some_and(char::is_lowercase)
    });
    candidates.min_by_key(|&i| i.abs_diff(middle))
}

/// A cover value and its caption, stacked: the value's line, then the caption's.
struct Stacked {
    /// The lines of the value and of the caption.
    value: usize,
    caption: usize,
}

/// The jurisdiction, Commission File Number and employer number of a cover laid out as three
/// values each above its caption, when the cover is laid out so (not captions above values).
fn stacked_cover(lines: &[&str]) -> Option<[Stacked; 3]> {
    let is = |line: &str, words: &[&str]| {
        let lower = line.trim().to_ascii_lowercase();
        lower.starts_with('(') && words.iter().all(|w| lower.contains(w))
    };
    let find = |words: &[&str]| {
        let caption = lines.iter().position(|l| is(l, words))?;
        let value = (0..caption).rev().find(|&i| !lines[i].trim().is_empty())?;
        // (A line right under a caption is that caption's value in a cover that sets its
        // captions above their values, which is not laid out again.)
        let ok = caption - value <= 2
            && !lines[value].trim().starts_with('(')
            && !lines[value].contains('\t')
            && (value == 0 || !lines[value - 1].trim().starts_with('('));
        ok.then_some(Stacked { value, caption })
    };
    let cover = [
        find(&["jurisdiction"])?,
        find(&["commission", "file"])?,
        find(&["employer"])?,
    ];
    // In order, one after the other.
    (cover[0].caption < cover[1].value && cover[1].caption < cover[2].value).then_some(cover)
}

/// How a cover's three captions are laid out again.
#[derive(Clone, Copy, Debug)]
enum Cover {
    /// Space-aligned columns, the captions split over lines.
    Columns,
    /// A Markdown table: the values as its header row, the captions as its body.
    PipeTable,
}

fn relaid(text: &str, layout: Cover) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let cover = stacked_cover(&lines)?;
    let values: Vec<&str> = cover.iter().map(|s| lines[s.value].trim()).collect();
    // A caption may run over lines of its own ("(State or other jurisdiction" / "of
    // incorporation)").
    let mut last = cover[2].caption;
    let captions: Vec<String> = cover
        .iter()
        .map(|s| {
            let mut caption = lines[s.caption].trim().to_owned();
            let mut at = s.caption;
            while !caption.contains(')') && at + 1 < lines.len() && !lines[at + 1].trim().is_empty()
            {
                at += 1;
                caption.push(' ');
                caption.push_str(lines[at].trim());
            }
            last = last.max(at);
            caption
        })
        .collect();
    let block = match layout {
        Cover::Columns => {
            let width = values
                .iter()
                .map(|v| v.chars().count() + 4)
                .chain(std::iter::once(30))
                .max()
                .unwrap_or(30);
            let split: Vec<(String, String)> = captions.iter().map(|c| halves(c)).collect();
            let row = |cells: [&str; 3]| {
                let mut row = String::new();
                for (i, cell) in cells.iter().enumerate() {
                    if i < 2 {
                        let _ = write!(row, "{cell:<width$}");
                        if cell.chars().count() >= width {
                            row.push_str("  ");
                        }
                    } else {
                        row.push_str(cell);
                    }
                }
                row.trim_end().to_owned()
            };
            format!(
                "{}\n{}\n{}\n",
                row([values[0], values[1], values[2]]),
                row([&split[0].0, &split[1].0, &split[2].0]),
                row([&split[0].1, &split[1].1, &split[2].1]),
            )
        }
        Cover::PipeTable => format!(
            "| {} | {} | {} |\n|---|---|---|\n| {} | {} | {} |\n",
            values[0], values[1], values[2], captions[0], captions[1], captions[2]
        ),
    };
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i == cover[0].value {
            out.push_str(&block);
        }
        if i >= cover[0].value && i <= last {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

/// A caption split in two lines at the space nearest its middle ("(Commission" / "File
/// Number)"); narrow enough for its column.
fn halves(caption: &str) -> (String, String) {
    let middle = caption.len() / 2;
    match caption
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle))
    {
        Some(at) => (caption[..at].to_owned(), caption[at + 1..].to_owned()),
        None => (caption.to_owned(), String::new()),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A block of a document laid out anew: a paragraph, or a table's rows of cells.
enum Block {
    Paragraph(String),
    Table(Vec<Vec<String>>),
}

/// The blocks of a text: a paragraph per line, and tables of the lines that hold cells (with
/// the short lines that carry a table's last row on, as the rest of a caption: "(State or
/// other" / "jurisdiction of" / "incorporation)"). Cells go in the column they stand under,
/// the columns being those of the table's widest row.
fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut table: Vec<Vec<(usize, &str)>> = Vec::new();
    let mut previous_blank = true;
    let flush = |table: &mut Vec<Vec<(usize, &str)>>, out: &mut Vec<Block>| {
        if !table.is_empty() {
            out.push(Block::Table(aligned(table)));
            table.clear();
        }
    };
    for line in text.lines() {
        let blank = line.trim().is_empty();
        match positioned(line) {
            Some(row) => {
                if previous_blank {
                    flush(&mut table, &mut out);
                }
                table.push(row);
            }
            // (In a space-aligned block only: a tab-separated table's short lines are rows of
            // their own.)
            None if !blank
                && !table.is_empty()
                && !previous_blank
                && line.trim().len() < 40
                && !table.iter().flatten().any(|(_, c)| c.is_empty())
                && !text_has_tab_rows(&table) =>
            {
                let indent = line.len() - line.trim_start().len();
                table.push(vec![(indent, line.trim())]);
            }
            None => {
                flush(&mut table, &mut out);
                if !blank {
                    out.push(Block::Paragraph(line.trim().to_owned()));
                }
            }
        }
        previous_blank = blank;
    }
    flush(&mut table, &mut out);
    out
}

/// Whether a table's rows came from tab-separated lines (their cells sit a tab apart).
fn text_has_tab_rows(rows: &[Vec<(usize, &str)>]) -> bool {
    rows.iter()
        .any(|row| row.windows(2).any(|w| w[1].0 == w[0].0 + w[0].1.len() + 1))
}

/// The rows of a table, a row with fewer cells than the widest one having each cell in the
/// column it shares the most characters with (the widest row's cells give the columns).
fn aligned(rows: &[Vec<(usize, &str)>]) -> Vec<Vec<String>> {
    let span = |(start, text): &(usize, &str)| (*start, start + text.chars().count());
    let widest = rows
        .iter()
        .max_by_key(|r| r.len())
        .expect("a table has rows");
    let columns: Vec<(usize, usize)> = widest.iter().map(span).collect();
    // Tab-separated cells are cells in order, as a converter reads them.
    let tabbed = text_has_tab_rows(rows);
    rows.iter()
        .map(|row| {
            if row.len() == columns.len() || tabbed {
                return row.iter().map(|(_, c)| c.trim().to_owned()).collect();
            }
            let mut out = vec![String::new(); columns.len()];
            for cell in row {
                let (start, end) = span(cell);
                let shared = |c: usize| {
                    let (a, b) = columns[c];
                    end.min(b) as isize - start.max(a) as isize
                };
                let middle = |c: usize| (columns[c].0 + columns[c].1).abs_diff(start + end);
                let at = (0..columns.len())
                    .max_by_key(|&c| (shared(c).max(0), std::cmp::Reverse(middle(c))))
                    .unwrap_or(0);
                if !out[at].is_empty() {
                    out[at].push(' ');
                }
                out[at].push_str(cell.1.trim());
            }
            out
        })
        .collect()
}

/// The text as a filing agent's HTML: a paragraph per line, tables as tables.
fn html(text: &str) -> String {
    let mut body = String::from("<html><body>\n");
    for block in blocks(text) {
        match block {
            Block::Paragraph(p) => {
                let _ = writeln!(body, "<p style=\"margin:0\">{}</p>", escape(&p));
            }
            Block::Table(rows) => {
                body.push_str("<table>\n");
                for row in rows {
                    body.push_str("<tr>");
                    for cell in row {
                        let _ = write!(body, "<td>{}</td>", escape(&cell));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</table>\n");
            }
        }
    }
    body.push_str("</body></html>\n");
    body
}

/// The text as a Word document: a paragraph per line, tables as tables.
fn word(text: &str) -> Vec<u8> {
    let run = |text: &str| {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(text)
        )
    };
    let mut body = String::new();
    for block in blocks(text) {
        match block {
            Block::Paragraph(p) => body.push_str(&run(&p)),
            Block::Table(rows) => {
                body.push_str("<w:tbl>");
                for row in rows {
                    body.push_str("<w:tr>");
                    for cell in row {
                        let _ = write!(body, "<w:tc>{}</w:tc>", run(&cell));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    build_docx(&document(&body))
}

/// The layouts of a text, each with what it is and its bytes. Markdown is laid out again as
/// Markdown (HTML and Word conversions are of plain text: Markdown would need rendering).
fn layouts(text: &str, markdown: bool) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![
        ("wrapped at 72 columns", wrapped(text, 72).into_bytes()),
        ("wrapped at 50 columns", wrapped(text, 50).into_bytes()),
        ("broken by pages", paginated(text).into_bytes()),
    ];
    if !markdown {
        out.push(("as HTML", html(text).into_bytes()));
        out.push(("as a Word document", word(text)));
    }
    if let Some(columns) = relaid(text, Cover::Columns) {
        if !markdown {
            // Values over captions, as the rows of a table.
            out.push(("cover as an HTML table", html(&columns).into_bytes()));
            out.push(("cover as a Word table", word(&columns)));
        }
        out.push(("cover in columns", columns.into_bytes()));
    }
    if markdown && let Some(table) = relaid(text, Cover::PipeTable) {
        out.push(("cover as a Markdown table", table.into_bytes()));
    }
    out
}

fn file_name(layout: &str, base: &'static str) -> &'static str {
    match layout {
        "as HTML" | "cover as an HTML table" => "filing.htm",
        "as a Word document" | "cover as a Word table" => "filing.docx",
        _ => base,
    }
}

/// What differs between two sorted lists of findings.
fn difference(expected: &[Finding], got: &[Finding]) -> String {
    let count = |list: &[Finding]| {
        let mut map: BTreeMap<Finding, i32> = BTreeMap::new();
        for f in list {
            *map.entry(f.clone()).or_default() += 1;
        }
        map
    };
    let (want, have) = (count(expected), count(got));
    let mut out = String::new();
    for (f, n) in &want {
        let m = have.get(f).copied().unwrap_or(0);
        if m < *n {
            let _ = write!(out, " lost {} at \"{}\";", f.0, f.1);
        }
    }
    for (f, n) in &have {
        let m = want.get(f).copied().unwrap_or(0);
        if m < *n {
            let _ = write!(out, " gained {} at \"{}\";", f.0, f.1);
        }
    }
    out
}

#[test]
fn every_layout_of_a_filing_has_its_findings() {
    let rules = builtin();
    let enabled = vec![true; rules.rules.len()];
    let failures: Vec<String> = inputs()
        .par_iter()
        .flat_map_iter(|path| {
            let file = input::read_path(path).expect("the input is readable");
            // The text as a person reads it: the file itself, or the text of an HTML page, one
            // block per line, as plain text.
            let markdown = path.extension().is_some_and(|e| e == "md");
            let base = if markdown { "filing.md" } else { "filing.txt" };
            let text = file.text.clone();
            let expected = findings(&rules, &enabled, base, text.as_bytes());
            let name = path
                .strip_prefix(root())
                .unwrap_or(path)
                .display()
                .to_string();
            layouts(&text, markdown)
                .into_iter()
                .filter_map(|(layout, bytes)| {
                    let file_name = file_name(layout, base);
                    // SDLINT_LAYOUTS_TO=<folder> keeps every layout, to look at one that fails.
                    if let Some(dir) = std::env::var_os("SDLINT_LAYOUTS_TO") {
                        let stem = name.replace(['/', '.'], "_");
                        let ext = file_name.rsplit('.').next().unwrap_or("txt");
                        let file = format!("{stem}--{}.{ext}", layout.replace(' ', "-"));
                        let _ = std::fs::write(Path::new(&dir).join(file), &bytes);
                    }
                    let got = findings(&rules, &enabled, file_name, &bytes);
                    (got != expected)
                        .then(|| format!("{name} {layout}:{}", difference(&expected, &got)))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} layouts change their findings:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_layouts_are_what_they_say() {
    let plain = "FORM SD\n\nAcme Corp.\n(Exact name of registrant as specified in its charter)\n\nDelaware\n(State or other jurisdiction of incorporation)\n\n001-12345\n(Commission File Number)\n\n12-3456789\n(IRS Employer Identification No.)\n\nThe company surveyed its suppliers of tin and gold and asked each of them where the minerals in its parts were mined, and it followed up on every answer that was incomplete or inconsistent with what the smelters had reported to the industry programme in the year.\n";
    let wrapped = wrapped(plain, 50);
    // Prose is wrapped; the cover's captions are left as they are.
    assert!(
        wrapped
            .lines()
            .all(|l| l.chars().count() <= 50 || (!wrappable(l) && plain.contains(l))),
        "{wrapped}"
    );
    assert!(wrapped.contains("\nand asked each"), "{wrapped}");
    assert_eq!(
        wrapped.split_whitespace().collect::<Vec<_>>(),
        plain.split_whitespace().collect::<Vec<_>>()
    );
    let paged = paginated(plain);
    assert!(paged.contains("|  2\n\n\n"), "{paged}");
    let columns = relaid(plain, Cover::Columns).expect("the cover is stacked");
    assert!(
        columns.contains("Delaware                      001-12345"),
        "{columns}"
    );
    assert!(columns.contains("(State or other"), "{columns}");
    let table = relaid(plain, Cover::PipeTable).expect("the cover is stacked");
    assert!(
        table.contains("| Delaware | 001-12345 | 12-3456789 |\n|---|---|---|\n"),
        "{table}"
    );
}
