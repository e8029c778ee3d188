//! The cover page read as a form: its parenthesised captions ("(Commission File Number)") paired
//! with the values they label by where they stand, as a reader pairs them.
//!
//! A cover is laid out in rows of cells: one cell per line of prose, cells separated by tabs
//! (table rows, and columns aligned with spaces, which normalisation turns into tabs) or by the
//! pipes of a Markdown table. A caption may run over any number of lines in its column
//! ("(State or other" / "jurisdiction of" / "incorporation)").
//!
//! The SEC's Form SD prints each value above its caption; filings set again put the caption
//! above its value, or the value after the caption on its line. Which of the two orders a form
//! follows is read from its layout, once for the whole form (see [`Order`]): the order in which
//! more captions have a value in their place, and the nearer ones. A caption's value is then,
//! in that order's direction:
//! 1. the text beside it in its cell: before it ("001-34408 (Commission File Number)"), or after
//!    it ("(Commission File Number) 001-34408"); or, for a caption with a cell to itself, the
//!    cell beside it in its row (a cover set as a table of two columns, value and caption);
//! 2. the cell of the nearest row above (or below) in the same column: by the columns of the
//!    original text for space-aligned rows, by position for table rows, or the only cell of a
//!    row when the caption is alone on its own.
//!
//! A blank cell, or a caption, in the value's place is a blank value, not a reason to look
//! elsewhere.

use regex::Regex;

use super::Columns;
use super::document::Document;
use super::line::LineKind;
use crate::span::TextRange;

/// Longest value taken from below its caption, and that tells which order a form follows.
const VALUE_BELOW_MAX: usize = 80;

/// How much of a caption a wrapped line may carry on to the next line.
const WRAPPED_CAPTION_MAX: usize = 60;

/// How many lines a caption may run over (a bound for text that never closes its `(`).
const CAPTION_LINES: usize = 8;

/// The rows of a cover, with its captions.
pub(super) struct Form {
    rows: Vec<Row>,
    captions: Vec<Caption>,
    order: Order,
}

/// Where a form's values stand with respect to their captions, the same for all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    /// Each value before its caption: to its left, or above it (the SEC's Form SD).
    ValueFirst,
    /// Each caption before its value: the value to its right, or below it.
    CaptionFirst,
}

impl Order {
    /// Where a caption looks for its value outside its own cell.
    fn direction(self) -> Direction {
        match self {
            Self::ValueFirst => Direction::Up,
            Self::CaptionFirst => Direction::Down,
        }
    }
}

/// One line of the cover.
struct Row {
    /// Blank lines and Markdown table rules (`|---|---|`) separate rows but hold no cell.
    cells: Vec<Cell>,
    /// Whether the cells are a table's (tabs of a table, pipes), paired by position, rather
    /// than columns aligned with spaces, paired by where they stand.
    table: bool,
}

#[derive(Clone, Copy)]
struct Cell {
    /// The cell's text without surrounding white space (empty for a blank cell).
    range: TextRange,
    /// The columns of the original line the cell spans, `start..end`.
    start: usize,
    end: usize,
}

struct Caption {
    /// The caption's words on one line, lower case: "(commission file number)".
    text: String,
    /// Row and cell of its first line, and where its `(` is.
    row: usize,
    cell: usize,
    open: usize,
    /// The last row it runs over.
    last_row: usize,
    /// The columns it spans, over all its lines.
    start: usize,
    end: usize,
}

/// Whether a line is a Markdown table's rule row: pipes, dashes and colons only.
fn is_rule_row(line: &str) -> bool {
    line.contains("|-")
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

impl Form {
    /// The form of the lines of `doc` within `cover`.
    pub(super) fn read(doc: &Document, cover: TextRange, columns: &dyn Columns) -> Self {
        let rows: Vec<Row> = doc
            .lines
            .iter()
            .filter(|l| cover.contains_range(l.range))
            // A page's number, header or footer between a value and its caption is not a row,
            // nor is the rule under a Markdown table's first row (`|---|---|`).
            .filter(|l| l.kind != LineKind::PageNumber && !is_rule_row(doc.slice(l.range)))
            .map(|l| row(doc, l.range, columns))
            .collect();
        let captions = captions(doc, &rows);
        let mut form = Self {
            rows,
            captions,
            order: Order::ValueFirst,
        };
        // The printed form's order, unless its layout says otherwise.
        if form.support(doc, Order::CaptionFirst) > form.support(doc, Order::ValueFirst) {
            form.order = Order::CaptionFirst;
        }
        form
    }

    /// Whether the form puts its captions before their values (above them, or to their left).
    pub(super) fn captions_first(&self) -> bool {
        self.order == Order::CaptionFirst
    }

    /// How well `order` fits the layout: for each caption, 2 when a short value stands beside
    /// it or on the next line in that order's direction, 1 when a blank line comes between.
    fn support(&self, doc: &Document, order: Order) -> usize {
        let short = |range: TextRange| doc.slice(range).chars().count() <= VALUE_BELOW_MAX;
        (0..self.captions.len())
            .map(|index| {
                if let Some(beside) = self.beside(doc, index, order) {
                    return if beside.is_some_and(short) { 2 } else { 0 };
                }
                let caption = &self.captions[index];
                let (from, direction) = self.side(caption, order);
                let Some(row) = self.neighbour(from, direction) else {
                    return 0;
                };
                match self.matching_cell(doc, caption, row) {
                    Match::Value(range) if short(range) => 1 + usize::from(row.abs_diff(from) == 1),
                    _ => 0,
                }
            })
            .sum()
    }

    /// The row a caption's value is looked for from, and which way: below, from the last line
    /// of the captions that start on its row (one may wrap over more lines than the others).
    fn side(&self, caption: &Caption, order: Order) -> (usize, Direction) {
        match order.direction() {
            Direction::Up => (caption.row, Direction::Up),
            Direction::Down => {
                let last = self
                    .captions
                    .iter()
                    .filter(|c| c.row == caption.row)
                    .map(|c| c.last_row)
                    .fold(caption.last_row, usize::max);
                (last, Direction::Down)
            }
        }
    }

    /// The value the first caption matching `caption` labels, if the cover has such a caption;
    /// `Some(None)` when the caption is there but its value is blank.
    pub(super) fn value(&self, doc: &Document, caption: &Regex) -> Option<Option<TextRange>> {
        let found = self
            .captions
            .iter()
            .position(|c| caption.is_match(&c.text))?;
        Some(self.value_of(doc, found))
    }

    /// Where the first caption matching `caption` starts: its `(` to the end of its first line's
    /// cell.
    pub(super) fn caption(&self, caption: &Regex) -> Option<TextRange> {
        let found = self.captions.iter().find(|c| caption.is_match(&c.text))?;
        let cell = self.rows[found.row].cells[found.cell];
        Some(TextRange::new(found.open, cell.range.end()))
    }

    fn value_of(&self, doc: &Document, index: usize) -> Option<TextRange> {
        if let Some(beside) = self.beside(doc, index, self.order) {
            return beside;
        }
        let caption = &self.captions[index];
        let (from, direction) = self.side(caption, self.order);
        let row = self.neighbour(from, direction)?;
        let Match::Value(range) = self.matching_cell(doc, caption, row) else {
            return None;
        };
        // A sentence below a caption is the text that follows the cover's fields.
        let sentence = doc.slice(range).chars().count() > VALUE_BELOW_MAX;
        (direction == Direction::Up || !sentence).then_some(range)
    }

    /// The text beside caption `index` in its cell on `order`'s side: before it, after any
    /// earlier caption there, or after it, up to any later caption there. `None` when there
    /// is none, `Some(None)` when it is the form's own text.
    fn beside(&self, doc: &Document, index: usize, order: Order) -> Option<Option<TextRange>> {
        let caption = &self.captions[index];
        let cell = self.rows[caption.row].cells[caption.cell];
        let mut in_cell = self
            .captions
            .iter()
            .filter(|c| c.row == caption.row && c.cell == caption.cell);
        let range = match order {
            Order::ValueFirst => {
                let from = in_cell
                    .filter(|c| c.open < caption.open)
                    .filter_map(|c| close_of(doc, c, cell))
                    .max()
                    .unwrap_or(cell.range.start());
                TextRange::new(from, caption.open)
            }
            Order::CaptionFirst => {
                let from = close_of(doc, caption, cell)?;
                let to = in_cell
                    .find(|c| c.open > caption.open)
                    .map_or(cell.range.end(), |c| c.open);
                TextRange::new(from, to.max(from))
            }
        };
        let Some(text) = trimmed(doc, range) else {
            return self.cell_beside(doc, caption, order);
        };
        Some((!is_boilerplate(doc.slice(text))).then_some(text))
    }

    /// The cell next to a caption that has its cell to itself, on `order`'s side in its row:
    /// a cover laid out as a table of two columns ("Delaware | (State or other jurisdiction of
    /// incorporation)"). `None` when there is no such cell, or it is blank, or it holds a
    /// caption too (a row of captions under a row of values).
    fn cell_beside(
        &self,
        doc: &Document,
        caption: &Caption,
        order: Order,
    ) -> Option<Option<TextRange>> {
        let at = match order {
            Order::ValueFirst => caption.cell.checked_sub(1)?,
            Order::CaptionFirst => caption.cell + 1,
        };
        let cell = *self.rows[caption.row].cells.get(at)?;
        if self
            .captions
            .iter()
            .any(|c| c.row == caption.row && c.cell == at)
        {
            return None;
        }
        let text = trimmed(doc, cell.range)?;
        Some((!is_boilerplate(doc.slice(text))).then_some(text))
    }

    /// The nearest row with cells before or after `row`.
    fn neighbour(&self, row: usize, direction: Direction) -> Option<usize> {
        let mut candidates: Box<dyn Iterator<Item = usize>> = match direction {
            Direction::Up => Box::new((0..row).rev()),
            Direction::Down => Box::new(row + 1..self.rows.len()),
        };
        candidates.find(|&r| !self.rows[r].cells.is_empty())
    }

    /// What stands in `caption`'s place in `row`.
    fn matching_cell(&self, doc: &Document, caption: &Caption, row: usize) -> Match {
        let own = &self.rows[caption.row];
        let other = &self.rows[row];
        let at = if own.table && other.table && own.cells.len() == other.cells.len() {
            Some(caption.cell)
        } else if !own.table && !other.table || own.cells.len() != other.cells.len() {
            best_overlap(&other.cells, caption.start, caption.end).or_else(|| {
                // A caption alone on its row labels the line above it, wherever that stands.
                let alone = self.captions_in_row(caption.row) == 1 && own.cells.len() == 1;
                (alone && other.cells.len() == 1).then_some(0)
            })
        } else {
            None
        };
        let Some(at) = at else {
            // A row of several values with none in this column: the value is blank.
            return if other.cells.len() > 1 {
                Match::Blank
            } else {
                Match::Unrelated
            };
        };
        let cell = other.cells[at];
        if self
            .captions
            .iter()
            .any(|c| (c.row..=c.last_row).contains(&row) && overlaps(c, cell))
        {
            return Match::Caption;
        }
        match trimmed(doc, cell.range) {
            None => Match::Blank,
            Some(range) if is_boilerplate(doc.slice(range)) => Match::Unrelated,
            Some(range) => Match::Value(range),
        }
    }

    fn captions_in_row(&self, row: usize) -> usize {
        self.captions.iter().filter(|c| c.row == row).count()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

enum Match {
    Value(TextRange),
    Blank,
    Caption,
    Unrelated,
}

/// The row of the line at `range`: its cells and their columns.
fn row(doc: &Document, range: TextRange, columns: &dyn Columns) -> Row {
    let text = doc.slice(range);
    let trimmed_line = text.trim();
    let is_rule = trimmed_line.contains('-')
        && trimmed_line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
    if trimmed_line.is_empty() || is_rule {
        return Row {
            cells: Vec::new(),
            table: false,
        };
    }
    let piped = trimmed_line.starts_with('|');
    let separator = if piped { '|' } else { '\t' };
    // Leading white space is indentation, never a cell (an indented aligned row starts with a
    // space and a tab, or with a tab where the original has spaces), but a row that starts
    // with a tab of its own starts with an empty cell (a table's, read from HTML or Word); a
    // pipe row's outer pipes open and close it.
    let indent = if text.starts_with('\t') && columns.spaces(&doc.text, range.start()) == 0 {
        0
    } else {
        text.len() - text.trim_start().len()
    };
    let body_start = range.start() + indent;
    let mut body = TextRange::new(body_start, range.start() + text.trim_end().len());
    if piped {
        let inner = doc.slice(body);
        let inner = inner.strip_prefix('|').unwrap_or(inner);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let start = body.start() + usize::from(doc.slice(body).starts_with('|'));
        body = TextRange::new(start, start + inner.len());
    }
    let mut cells = Vec::new();
    let mut start = body.start();
    for piece in doc.slice(body).split(separator) {
        let piece_range = TextRange::new(start, start + piece.len());
        start += piece.len() + 1;
        for part in aligned_parts(doc, piece_range, columns) {
            let cell_range = trimmed(doc, part).unwrap_or_else(|| TextRange::empty(part.start()));
            let first = columns.column(&doc.text, cell_range.start());
            let last = if cell_range.is_empty() {
                first + 1
            } else {
                columns.column(&doc.text, cell_range.end() - 1) + 1
            };
            cells.push(Cell {
                range: cell_range,
                start: first,
                end: last.max(first + 1),
            });
        }
    }
    // Cells aligned with spaces stand apart in the original; a table's sit a tab apart.
    let table = piped
        || cells
            .windows(2)
            .any(|w| w[1].start.saturating_sub(w[0].end) <= 1);
    Row { cells, table }
}

/// `piece` cut where the original had a run of spaces that separates columns (normalisation
/// made it one space): two or more spaces, but for exactly two after the end of a sentence.
fn aligned_parts(doc: &Document, piece: TextRange, columns: &dyn Columns) -> Vec<TextRange> {
    let text = doc.slice(piece);
    let mut parts = Vec::new();
    let mut start = piece.start();
    for (i, _) in text.match_indices(' ') {
        let at = piece.start() + i;
        if at + 1 >= piece.end() || at == start {
            continue;
        }
        let run = columns.spaces(&doc.text, at);
        let after_sentence = text[..i].ends_with(['.', ':', ';', '?', '!']);
        if run >= 2 && !(run == 2 && after_sentence) {
            parts.push(TextRange::new(start, at));
            start = at + 1;
        }
    }
    parts.push(TextRange::new(start, piece.end()));
    parts
}

/// Every caption of `rows`: a `(` followed by a letter (not a "(555)" area code), up to its `)`,
/// on one line or over the lines below in the same column.
fn captions(doc: &Document, rows: &[Row]) -> Vec<Caption> {
    let mut found = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let text = doc.slice(cell.range);
            let bytes = text.as_bytes();
            let mut i = 0;
            while i + 1 < bytes.len() {
                if bytes[i] != b'(' || !bytes[i + 1].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let open = cell.range.start() + i;
                let open_col = cell.start + text[..i].chars().count();
                let mut caption = Caption {
                    text: String::new(),
                    row: r,
                    cell: c,
                    open,
                    last_row: r,
                    start: open_col,
                    end: cell.end,
                };
                match text[i..].find(')') {
                    Some(close) => {
                        caption.text = text[i..=i + close].to_owned();
                        caption.end = open_col + text[i..=i + close].chars().count();
                        i += close + 1;
                    }
                    None => {
                        caption.text = text[i..].to_owned();
                        continue_caption(doc, rows, &mut caption);
                        i = bytes.len();
                    }
                }
                caption.text = words(&caption.text);
                found.push(caption);
            }
        }
    }
    found
}

/// Follows a caption left open at the end of its cell down its column, until its `)`.
fn continue_caption(doc: &Document, rows: &[Row], caption: &mut Caption) {
    // A line wrapped inside its last caption ("... 12-3456789 (IRS Employer Identification"
    // / "No.)"): the caption goes on at the start of the next line, when nothing of that line
    // stands under it.
    let line = &rows[caption.row];
    if !line.table
        && caption.cell + 1 == line.cells.len()
        && let Some(next) = rows.get(caption.row + 1).filter(|r| !r.table)
        && let Some(first) = next.cells.first()
        && (line.cells.len() == 1
            || best_overlap(&next.cells, caption.start, caption.end).is_none())
    {
        let text = doc.slice(first.range);
        if let Some(close) = text.find(')').filter(|&c| c < WRAPPED_CAPTION_MAX)
            && !text.starts_with('(')
            && !text[..close].contains('(')
        {
            caption.last_row = caption.row + 1;
            caption.text.push(' ');
            caption.text.push_str(&text[..=close]);
            return;
        }
    }
    for r in caption.row + 1..(caption.row + CAPTION_LINES).min(rows.len()) {
        let row = &rows[r];
        let at = if rows[caption.row].table
            && row.table
            && row.cells.len() == rows[caption.row].cells.len()
        {
            Some(caption.cell)
        } else {
            best_overlap(&row.cells, caption.start, caption.end)
        };
        let Some(at) = at else {
            return;
        };
        let cell = row.cells[at];
        let text = doc.slice(cell.range);
        if text.starts_with('(') {
            return;
        }
        caption.last_row = r;
        caption.start = caption.start.min(cell.start);
        caption.end = caption.end.max(cell.end);
        caption.text.push(' ');
        match text.find(')') {
            Some(close) => {
                caption.text.push_str(&text[..=close]);
                return;
            }
            None => caption.text.push_str(text),
        }
    }
}

/// The index of the cell of `cells` that shares the most columns with `start..end`.
fn best_overlap(cells: &[Cell], start: usize, end: usize) -> Option<usize> {
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.end.min(end) as isize - c.start.max(start) as isize))
        .filter(|&(_, shared)| shared > 0)
        .max_by_key(|&(i, shared)| (shared, std::cmp::Reverse(i)))
        .map(|(i, _)| i)
}

fn overlaps(caption: &Caption, cell: Cell) -> bool {
    cell.end.min(caption.end) > cell.start.max(caption.start)
}

/// Where `caption`'s `)` is in `cell`, when it closes there.
fn close_of(doc: &Document, caption: &Caption, cell: Cell) -> Option<usize> {
    if caption.last_row != caption.row {
        return None;
    }
    let rest = &doc.text[caption.open..cell.range.end()];
    rest.find(')').map(|i| caption.open + i + 1)
}

/// `text`'s words joined by single spaces, lower case.
fn words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// `range` without surrounding white space and markup remnants, if anything is left.
pub(super) fn trimmed(doc: &Document, range: TextRange) -> Option<TextRange> {
    let text = doc.slice(range);
    let junk = |c: char| c.is_whitespace() || matches!(c, '-' | ',' | ';' | ':' | '|');
    let start = range.start() + (text.len() - text.trim_start_matches(junk).len());
    let end = start + text.trim_matches(junk).len();
    (end > start).then(|| TextRange::new(start, end))
}

/// Whether a line is the form's own text rather than a value: its title, the Commission's
/// header, the signature legend, or a rule of underscores.
pub(super) fn is_boilerplate(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    !lower.chars().any(|c| c.is_ascii_alphanumeric())
        || lower == "form sd"
        || lower.contains("specialized disclosure report")
        || lower.contains("securities and exchange commission")
        || lower.contains("washington, d")
        || lower.contains("pursuant to the requirements")
        || lower.starts_with("check the appropriate")
}

#[cfg(test)]
mod tests {
    use super::super::document::Scope;
    use super::*;

    const HEAD: &str = "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\n\nFORM SD\n\nSPECIALIZED DISCLOSURE REPORT\n\n";
    const TAIL: &str = "\nCheck the appropriate box to indicate the rule pursuant to which this form is being filed:\n\n\
        [X] Rule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1) for the reporting period from January 1 to December 31, 2022.\n\n\
        Section 1 - Conflict Minerals Disclosure\n\nItem 1.01 Conflict Minerals Disclosure and Report\n\nHarrowgate makes lenses.\n";

    /// The value the cover of `HEAD + cover + TAIL` gives each caption, by the caption's first
    /// word, read in the columns of that text as written.
    fn values(cover: &str) -> Vec<(String, Option<String>)> {
        let source = format!("{HEAD}{cover}{TAIL}");
        let normalized = crate::normalize::normalize(&source);
        let columns = crate::parse::SourceColumns {
            source: &source,
            map: &normalized.map,
        };
        let doc = crate::parse::parse_with(normalized.text.clone(), &columns);
        let range = doc.scope(Scope::Cover).expect("the text has a cover").range;
        let form = Form::read(&doc, range, &columns);
        (0..form.captions.len())
            .map(|i| {
                let caption = &form.captions[i];
                let word = caption.text.trim_start_matches('(').split(' ').next();
                let value = form.value_of(&doc, i).map(|r| doc.slice(r).to_owned());
                (word.unwrap_or_default().to_owned(), value)
            })
            .collect()
    }

    fn expect(cover: &str, expected: &[(&str, Option<&str>)]) {
        let got = values(cover);
        let got: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|(w, v)| (w.as_str(), v.as_deref()))
            .collect();
        assert_eq!(got, expected, "in:\n{cover}");
    }

    const PAIRED: [(&str, Option<&str>); 6] = [
        ("exact", Some("Harrowgate Optics Inc.")),
        ("state", Some("Oregon")),
        ("commission", Some("001-40912")),
        ("irs", Some("93-1187450")),
        ("address", Some("12 Alder Street, Bend, Oregon 97701")),
        ("name", Some("Lena Marsh, (503) 555-0142")),
    ];

    #[test]
    fn values_above_their_captions_as_the_form_prints_them() {
        let cover = "Harrowgate Optics Inc.\n(Exact name of registrant as specified in its charter)\n\n\
            Oregon\n(State or other jurisdiction of incorporation)\n\n001-40912\n(Commission File Number)\n\n\
            93-1187450\n(IRS Employer Identification No.)\n\n12 Alder Street, Bend, Oregon 97701\n(Address of principal executive offices)\n\n\
            Lena Marsh, (503) 555-0142\n(Name and telephone number, including area code, of the person to contact)\n";
        expect(cover, &PAIRED);
    }

    #[test]
    fn captions_above_their_values_in_a_stack() {
        // No blank line between one caption's value and the next caption: the ends of the
        // stack tell the order (a title above the first caption, a sentence below the last).
        let cover = "(Exact name of registrant as specified in its charter)\nHarrowgate Optics Inc.\n\n\
            (State or other jurisdiction of incorporation)\nOregon\n(Commission File Number)\n001-40912\n\
            (IRS Employer Identification No.)\n93-1187450\n(Address of principal executive offices)\n12 Alder Street, Bend, Oregon 97701\n\n\
            (Name and telephone number, including area code, of the person to contact)\nLena Marsh, (503) 555-0142\n";
        expect(cover, &PAIRED);
    }

    #[test]
    fn captions_above_their_values_in_aligned_columns_and_table_rows() {
        let head =
            "(Exact name of registrant as specified in its charter)\nHarrowgate Optics Inc.\n\n";
        let tail = "\n(Address of principal executive offices)\n12 Alder Street, Bend, Oregon 97701\n\n\
            (Name and telephone number, including area code, of the person to contact)\nLena Marsh, (503) 555-0142\n";
        let columns = "  (State or other          (Commission          (IRS Employer\n  jurisdiction of            File Number)       Identification No.)\n  incorporation)\n      Oregon                001-40912            93-1187450\n";
        expect(&format!("{head}{columns}{tail}"), &PAIRED);
        let table = "(State or other jurisdiction of incorporation)\t(Commission File Number)\t(IRS Employer Identification No.)\nOregon\t001-40912\t93-1187450\n";
        expect(&format!("{head}{table}{tail}"), &PAIRED);
        // A blank cell under its caption is a blank value, with values beside it.
        let blank = table.replace("Oregon", "");
        let got = values(&format!("{head}{blank}{tail}"));
        assert_eq!(got[1], ("state".to_owned(), None));
        assert_eq!(got[2].1.as_deref(), Some("001-40912"));
    }

    #[test]
    fn captions_wrapped_over_three_lines_in_indented_columns() {
        let cover = "        Harrowgate Optics Inc.\n  (Exact name of registrant as specified in its charter)\n\n\
            \x20     Oregon              001-40912            93-1187450\n\
            \x20 (State or other        (Commission         (IRS Employer\n\
            \x20 jurisdiction of        File Number)     Identification No.)\n\
            \x20 incorporation)\n\n\
            12 Alder Street, Bend, Oregon 97701\n(Address of principal executive offices)\n\n\
            Lena Marsh, (503) 555-0142\n(Name and telephone number, including area code, of the person\n  to contact in connection with this report.)\n";
        expect(cover, &PAIRED);
    }

    #[test]
    fn values_beside_their_captions_on_either_side() {
        let before = "Harrowgate Optics Inc.\n(Exact name of registrant as specified in its charter)\n\n\
            Oregon (State or other jurisdiction of incorporation)\n\n\
            001-40912 (Commission File Number) 93-1187450 (IRS Employer Identification No.)\n";
        let after = "(Exact name of registrant as specified in its charter)\nHarrowgate Optics Inc.\n\n\
            (State or other jurisdiction of incorporation) Oregon\n\n\
            (Commission File Number) 001-40912 (IRS Employer Identification No.) 93-1187450\n";
        for cover in [before, after] {
            expect(cover, &PAIRED[..4]);
        }
    }

    #[test]
    fn values_in_the_cell_beside_their_captions() {
        let rows = [
            (
                "Harrowgate Optics Inc.",
                "(Exact name of registrant as specified in its charter)",
            ),
            ("Oregon", "(State or other jurisdiction of incorporation)"),
            ("001-40912", "(Commission File Number)"),
            ("93-1187450", "(IRS Employer Identification No.)"),
        ];
        let value_first: String = rows.iter().map(|(v, c)| format!("{v}\t{c}\n")).collect();
        let caption_first: String = rows.iter().map(|(v, c)| format!("{c}\t{v}\n")).collect();
        for cover in [value_first, caption_first] {
            expect(&cover, &PAIRED[..4]);
        }
    }
}
