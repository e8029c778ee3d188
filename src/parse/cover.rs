//! The cover page read as a form: its parenthesised captions ("(Commission File Number)") paired
//! with the values they label by where they stand, as a reader pairs them.
//!
//! A cover is laid out in rows of cells: one cell per line of prose, cells separated by tabs
//! (table rows, and columns aligned with spaces, which normalisation turns into tabs) or by the
//! pipes of a Markdown table. A caption may run over several lines in its column
//! ("(Commission" / "File Number)"). Its value is, in this order:
//! 1. the text before it in its cell ("001-34408 (Commission File Number)");
//! 2. the cell of the nearest row above in the same column: by the columns of the original
//!    text for space-aligned rows, by position for table rows, or the only cell of a row when
//!    the caption is alone on its own;
//! 3. when the row above is itself a row of captions (captions laid out above their values), the
//!    cell in the same column of the row below.
//!
//! A blank cell in the value's place is a blank value, not a reason to look elsewhere.

use regex::Regex;

use super::Columns;
use super::document::Document;
use crate::span::TextRange;

/// Longest value taken from below its caption.
const VALUE_BELOW_MAX: usize = 80;

/// How much of a caption a wrapped line may carry on to the next line.
const WRAPPED_CAPTION_MAX: usize = 60;

/// How many lines a caption may run over.
const CAPTION_LINES: usize = 4;

/// The rows of a cover, with its captions.
pub(super) struct Form {
    rows: Vec<Row>,
    captions: Vec<Caption>,
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

impl Form {
    /// The form of the lines of `doc` within `cover`.
    pub(super) fn read(doc: &Document, cover: TextRange, columns: &dyn Columns) -> Self {
        let rows: Vec<Row> = doc
            .lines
            .iter()
            .filter(|l| cover.contains_range(l.range))
            .map(|l| row(doc, l.range, columns))
            .collect();
        let captions = captions(doc, &rows);
        Self { rows, captions }
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
        let caption = &self.captions[index];
        let cell = self.rows[caption.row].cells[caption.cell];
        // 1. Before the caption in its cell, after any earlier caption there.
        let from = self
            .captions
            .iter()
            .filter(|c| c.row == caption.row && c.cell == caption.cell && c.open < caption.open)
            .filter_map(|c| close_of(doc, c, cell))
            .max()
            .unwrap_or(cell.range.start());
        if let Some(before) = trimmed(doc, TextRange::new(from, caption.open)) {
            return (!is_boilerplate(doc.slice(before))).then_some(before);
        }
        // 2. Above; 3. below when the captions stand above their values.
        match self.neighbour(caption.row, Direction::Up) {
            Some(above) => match self.matching_cell(doc, caption, above) {
                Match::Value(range) => Some(range),
                Match::Blank => None,
                Match::Caption | Match::Unrelated => self.below(doc, caption),
            },
            None => self.below(doc, caption),
        }
    }

    /// The value below `caption`, unless a caption stands under it: a value belongs to the
    /// caption beneath it first (in a stack of values and captions, the next value is the next
    /// caption's, and the caption above it is blank).
    fn below(&self, doc: &Document, caption: &Caption) -> Option<TextRange> {
        let below = self.neighbour(caption.last_row, Direction::Down)?;
        let Match::Value(range) = self.matching_cell(doc, caption, below) else {
            return None;
        };
        // A sentence below a caption is the text that follows the cover's fields.
        if doc.slice(range).chars().count() > VALUE_BELOW_MAX {
            return None;
        }
        let labelled = self.neighbour(below, Direction::Down).is_some_and(|next| {
            self.captions
                .iter()
                .any(|c| c.row == next && c.end > caption.start && c.start < caption.end)
        });
        (!labelled).then_some(range)
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
