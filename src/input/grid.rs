//! Tables read as the grid a reader sees, for the HTML and Word readers.
//!
//! HTML and Word tables say cell by cell how many columns and rows a cell spans; a reader sees a
//! grid. A metal named once beside three smelters (`rowspan="3"`, Word's `vMerge`) is the metal
//! of all three, and a group header over two columns ("Smelter or Refiner" over "Name" and
//! "Country") heads both. [`Grid`] takes a table's rows one at a time, places each cell in its
//! columns and gives back the lines the rest of sdlint reads, one per row, cells separated by
//! tabs, so that every value stands in the column of its header:
//!
//! - a cell spanning rows is repeated in each row it spans, mapped to that row (its start tag),
//!   so that a finding about the row points at the row;
//! - a body cell spanning columns fills the first and leaves the others empty: its value belongs
//!   to one column, and repeating it would put a facility name under "Country" as well;
//! - the header rows at the top of a table (`<th>` rows, a `<thead>`, Word's repeated header
//!   rows) are combined into one line, each column reading its headers top down ("Smelter or
//!   Refiner Name"), a header over several columns heading each of them;
//! - a row of one cell (a title, or a heading across the table) stays a line of its own text,
//!   and a table inside it keeps its lines; inside a row of several cells, a cell's text is one
//!   line.
//!
//! Spans are clamped as HTML clamps them (1000 columns, 65534 rows) and end with the table or
//! its section. The text that spans add is paid from a budget (about the size of the file);
//! past it, cells are read one column and one row each, so hostile spans cannot make the text
//! grow past the file's own size or take more than linear time.

use std::borrow::Cow;

use crate::sourcemap::{MapBuilder, SourceMap};
use crate::span::TextRange;

/// The most columns a cell spans (HTML clamps `colspan` to 1000).
pub const MAX_COLSPAN: usize = 1000;

/// The most rows a cell spans (HTML clamps `rowspan` to 65534).
pub const MAX_ROWSPAN: u32 = 65534;

/// The most rows at the top of a table combined into one header line: a real header has two or
/// three; a table all of header cells is not all header.
const MAX_HEADER_ROWS: usize = 4;

/// How many rows a cell spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// This many (1: its own row only).
    Span(u32),
    /// To the end of its table section (HTML `rowspan="0"`).
    Rest,
    /// As far down as the cells below continue it (Word's `<w:vMerge w:val="restart"/>`).
    Merged,
}

/// One cell as its reader read it.
#[derive(Debug)]
pub struct Cell {
    /// Its text, trimmed, and the map from it to the source.
    pub text: String,
    pub map: SourceMap,
    /// How many columns it spans (at least 1).
    pub colspan: usize,
    pub rows: Rows,
    /// It continues the merged cell above it (Word's `<w:vMerge/>`), and shows its text.
    pub continues: bool,
    /// A header cell (`<th>`).
    pub header: bool,
    /// Its start tag in the source: what the tabs before it and its spanned columns stand for.
    pub tag: TextRange,
    /// Offsets in `text` the reader wants to find again in the line (comments, paragraphs).
    pub marks: Vec<u32>,
}

impl Cell {
    /// A cell of one column and one row.
    pub fn new(text: String, map: SourceMap, tag: TextRange) -> Self {
        Self {
            text,
            map,
            colspan: 1,
            rows: Rows::Span(1),
            continues: false,
            header: false,
            tag,
            marks: Vec::new(),
        }
    }
}

/// One row of a table.
#[derive(Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Its start tag in the source: what its line break and the cells repeated into it stand for.
    pub anchor: TextRange,
    /// A header row by its markup (in a `<thead>`, or Word's repeated header row).
    pub header: bool,
    /// Grid columns left empty before its first cell (Word's `gridBefore`).
    pub skip: usize,
}

/// A line of a table's text.
#[derive(Debug, Default)]
pub struct Line {
    pub text: String,
    /// Maps `text` to the source.
    pub map: SourceMap,
    /// The start tag of the (first) row written: what the line break before it stands for.
    pub anchor: TextRange,
    /// The marks of the cells the line was made of, in the order the cells were given, as
    /// offsets in `text`.
    pub marks: Vec<u32>,
}

/// A cell spanning into the rows below the one it starts in.
#[derive(Debug)]
struct Carry {
    col: usize,
    width: usize,
    /// Rows still to span (`Span`), or to the section's end, or while continued.
    left: Rows,
    text: String,
    /// The header cell it is, while its row is held: (row in the header, cell).
    origin: Option<(usize, usize)>,
}

#[derive(Clone, Copy, Debug)]
enum What {
    /// The row's own cell.
    Own(usize),
    /// A cell from above (an index into the carries before the row).
    Carried(usize),
    /// The row's own cell continuing a merged cell from above (an index into the merges).
    Continued { cell: usize, merge: usize },
}

/// Where something stands in a row: its first column and how many it spans.
#[derive(Clone, Copy, Debug)]
struct Slot {
    col: usize,
    width: usize,
    what: What,
}

/// A header row waiting to be combined with the next.
#[derive(Debug)]
struct Held {
    row: Row,
    slots: Vec<Slot>,
    /// For each slot, the header cell it shows: (row in the header, cell).
    origins: Vec<Option<(usize, usize)>>,
}

/// A table being read: the cells spanning into the next row, and header rows not written yet.
#[derive(Debug)]
pub struct Grid {
    /// Cells spanning down (HTML), by column; their columns never overlap.
    carries: Vec<Carry>,
    /// Word's merged cells open above, by column.
    merges: Vec<Carry>,
    held: Vec<Held>,
    /// A body row has been read: header rows are behind.
    body: bool,
    /// How many more bytes spans may add to the text.
    budget: usize,
}

impl Grid {
    /// A grid whose spans may add at most `budget` bytes to the text.
    pub fn new(budget: usize) -> Self {
        Self {
            carries: Vec::new(),
            merges: Vec::new(),
            held: Vec::new(),
            body: false,
            budget,
        }
    }

    /// What is left of the budget, taken away (for a table inside one of this one's cells).
    pub fn take_budget(&mut self) -> usize {
        std::mem::take(&mut self.budget)
    }

    /// Gives back what a table inside a cell left of the budget.
    pub fn give_budget(&mut self, budget: usize) {
        self.budget = self.budget.saturating_add(budget);
    }

    /// Whether header rows are held, to be written with the next line.
    pub fn holds_rows(&self) -> bool {
        !self.held.is_empty()
    }

    /// Reads `row`; returns the lines it completes (none while it is a header row that the
    /// next may continue; the header's line and the row's when it ends a header).
    pub fn row(&mut self, row: Row) -> Vec<Line> {
        let lone = row.cells.len() == 1
            && row.skip == 0
            && self.carries.is_empty()
            && !row.cells[0].continues;
        let carried_header = self.carries.iter().any(|c| c.origin.is_some());
        let all_header = !row.cells.is_empty() && row.cells.iter().all(|c| c.header);
        // A row of header cells continues the header above it when the markup says so, when
        // a header cell spans down into it, or when one above spans columns (a group header
        // over the headers of this row); otherwise it is a row of its own.
        let continues = self.held.is_empty()
            || row.header
            || carried_header
            || self
                .held
                .last()
                .is_some_and(|h| h.row.cells.iter().any(|c| c.colspan > 1));
        let header = !self.body
            && !lone
            && self.held.len() < MAX_HEADER_ROWS
            && (row.header || all_header || carried_header)
            && continues;
        let mut lines = Vec::new();
        if !header {
            lines.extend(self.flush());
            self.body |= !lone && !row.cells.is_empty();
        }
        let held = header.then_some(self.held.len());
        let (slots, carries, merges) = self.place(&row, held);
        if header {
            let origins = slots
                .iter()
                .map(|s| match s.what {
                    What::Own(i) => held.map(|r| (r, i)),
                    What::Carried(k) => self.carries[k].origin,
                    What::Continued { merge, .. } => self.merges[merge].origin,
                })
                .collect();
            self.held.push(Held {
                row,
                slots,
                origins,
            });
        } else if lone {
            lines.push(lone_line(row));
        } else {
            lines.push(self.write(&row, &slots));
        }
        self.carries = carries;
        self.merges = merges;
        lines
    }

    /// Ends a table section (`<thead>`, `<tbody>`, `<tfoot>`): no cell spans past it. When the
    /// section was the table's head, its header line is complete.
    pub fn end_section(&mut self, head: bool) -> Option<Line> {
        self.carries.clear();
        self.merges.clear();
        if head { self.flush() } else { None }
    }

    /// Ends the table: the header rows still held, as their line.
    pub fn finish(&mut self) -> Option<Line> {
        self.carries.clear();
        self.merges.clear();
        self.flush()
    }

    /// Places `row`'s cells around the cells spanning into it; returns the slots in column
    /// order and the carries and merges for the next row. `held` is the row's place in the
    /// header when it is held. Spans the budget cannot pay for are read as single cells.
    fn place(&mut self, row: &Row, held: Option<usize>) -> (Vec<Slot>, Vec<Carry>, Vec<Carry>) {
        let spanned = self.place_spanned(row, held);
        let cost = cost(&spanned.0, &self.carries, &self.merges);
        if cost <= self.budget {
            self.budget -= cost;
            return spanned;
        }
        // Out of budget: every cell one column and one row, from here to the table's end.
        self.budget = 0;
        self.carries.clear();
        self.merges.clear();
        let slots = (0..row.cells.len())
            .map(|i| Slot {
                col: i,
                width: 1,
                what: What::Own(i),
            })
            .collect();
        (slots, Vec::new(), Vec::new())
    }

    fn place_spanned(&self, row: &Row, held: Option<usize>) -> (Vec<Slot>, Vec<Carry>, Vec<Carry>) {
        let carries = &self.carries;
        let mut slots = Vec::with_capacity(row.cells.len() + carries.len());
        let mut started = Vec::new();
        let mut merges = Vec::new();
        let mut col = row.skip;
        let mut next = 0;
        for (i, cell) in row.cells.iter().enumerate() {
            // Cells from above standing at or before this column come first.
            while let Some(c) = carries.get(next).filter(|c| c.col <= col) {
                slots.push(Slot {
                    col: c.col,
                    width: c.width,
                    what: What::Carried(next),
                });
                col = col.max(c.col + c.width);
                next += 1;
            }
            // A cell spanning into the next carried cell stops short of it.
            let room = carries.get(next).map_or(usize::MAX, |c| c.col - col);
            let width = cell.colspan.clamp(1, room.max(1));
            let merge = cell
                .continues
                .then(|| self.merges.binary_search_by_key(&col, |m| m.col).ok())
                .flatten();
            let what = match merge {
                Some(merge) => What::Continued { cell: i, merge },
                None => What::Own(i),
            };
            slots.push(Slot { col, width, what });
            let origin = held.map(|r| (r, i));
            let carry = |left| Carry {
                col,
                width,
                left,
                text: one_line(&cell.text).into_owned(),
                origin,
            };
            match (cell.rows, merge) {
                (Rows::Span(n), _) if n > 1 => started.push(carry(Rows::Span(n - 1))),
                (Rows::Rest, _) => started.push(carry(Rows::Rest)),
                (Rows::Merged, _) => merges.push(carry(Rows::Merged)),
                (_, Some(m)) => {
                    let open = &self.merges[m];
                    merges.push(Carry {
                        col,
                        width,
                        left: Rows::Merged,
                        text: open.text.clone(),
                        origin: open.origin,
                    });
                }
                _ => {}
            }
            col += width;
        }
        slots.extend((next..carries.len()).map(|k| Slot {
            col: carries[k].col,
            width: carries[k].width,
            what: What::Carried(k),
        }));
        let continuing = carries.iter().filter_map(|c| {
            let left = match c.left {
                Rows::Span(n) if n > 1 => Rows::Span(n - 1),
                Rows::Span(_) => return None,
                left => left,
            };
            Some(Carry {
                left,
                text: c.text.clone(),
                ..*c
            })
        });
        (slots, merge_by_column(continuing, started), merges)
    }

    /// Writes a body row: its slots in column order, tabs between columns.
    fn write(&mut self, row: &Row, slots: &[Slot]) -> Line {
        let mut b = MapBuilder::default();
        let mut marks = Vec::new();
        let anchor = row.anchor;
        let mut at = 0;
        for slot in slots {
            let tag = match slot.what {
                What::Own(i) | What::Continued { cell: i, .. } => row.cells[i].tag,
                What::Carried(_) => anchor,
            };
            for k in at..slot.col {
                if k > 0 {
                    b.replace(anchor.start(), anchor.end(), "\t");
                }
            }
            if slot.col > 0 {
                b.replace(tag.start(), tag.end(), "\t");
            }
            let start = b.text().len() as u32;
            match slot.what {
                What::Own(i) => {
                    let cell = &row.cells[i];
                    b.append(&one_line(&cell.text), &cell.map, 0);
                    marks.extend(cell.marks.iter().map(|m| start + m));
                }
                What::Carried(k) => b.replace(anchor.start(), anchor.end(), &self.carries[k].text),
                What::Continued { cell, merge } => {
                    b.replace(tag.start(), tag.end(), &self.merges[merge].text);
                    marks.extend(row.cells[cell].marks.iter().map(|_| start));
                }
            }
            for _ in 1..slot.width {
                b.replace(tag.start(), tag.end(), "\t");
            }
            at = slot.col + slot.width;
        }
        let (text, map) = b.finish();
        Line {
            text,
            map,
            anchor,
            marks,
        }
    }

    /// The held header rows as one line: each column the headers over it, top down.
    pub fn flush(&mut self) -> Option<Line> {
        if self.held.is_empty() {
            return None;
        }
        let held = std::mem::take(&mut self.held);
        for carry in self.carries.iter_mut().chain(&mut self.merges) {
            carry.origin = None;
        }
        let width = held
            .iter()
            .flat_map(|h| h.slots.iter().map(|s| s.col + s.width))
            .max()
            .unwrap_or(0);
        // Where each header cell's text was first written.
        let mut firsts: Vec<Vec<Option<u32>>> =
            held.iter().map(|h| vec![None; h.row.cells.len()]).collect();
        let mut cursors = vec![0; held.len()];
        let mut b = MapBuilder::default();
        let last_anchor = held.last().map_or(TextRange::default(), |h| h.row.anchor);
        let mut pieces = Vec::with_capacity(held.len());
        for col in 0..width {
            pieces.clear();
            for (h, cursor) in held.iter().zip(&mut cursors) {
                while h.slots.get(*cursor).is_some_and(|s| s.col + s.width <= col) {
                    *cursor += 1;
                }
                let origin = h
                    .slots
                    .get(*cursor)
                    .filter(|s| s.col <= col)
                    .and_then(|_| h.origins[*cursor]);
                if let Some(origin) = origin
                    && pieces.last() != Some(&origin)
                {
                    pieces.push(origin);
                }
            }
            if col > 0 {
                let tag = pieces
                    .last()
                    .map_or(last_anchor, |&(r, i)| held[r].row.cells[i].tag);
                b.replace(tag.start(), tag.end(), "\t");
            }
            let mut wrote = false;
            for &(r, i) in &pieces {
                let cell = &held[r].row.cells[i];
                let repeat = firsts[r][i].is_some();
                if cell.text.is_empty() || (repeat && !self.spend(cell.text.len() + 1)) {
                    continue;
                }
                if wrote {
                    b.replace(cell.tag.start(), cell.tag.end(), " ");
                }
                let start = b.text().len() as u32;
                b.append(&one_line(&cell.text), &cell.map, 0);
                firsts[r][i].get_or_insert(start);
                wrote = true;
            }
        }
        let marks = held
            .iter()
            .zip(&firsts)
            .flat_map(|(h, firsts)| {
                h.row.cells.iter().zip(firsts).flat_map(|(cell, first)| {
                    let start = first.unwrap_or(0);
                    cell.marks.iter().map(move |m| start + m)
                })
            })
            .collect();
        let (text, map) = b.finish();
        Some(Line {
            text,
            map,
            anchor: held[0].row.anchor,
            marks,
        })
    }

    /// Takes `n` bytes from the budget, if it has them.
    fn spend(&mut self, n: usize) -> bool {
        let ok = n <= self.budget;
        if ok {
            self.budget -= n;
        }
        ok
    }
}

/// The bytes spans add to a row written from `slots`: tabs of empty and spanned columns, and
/// the text of cells repeated from above.
fn cost(slots: &[Slot], carries: &[Carry], merges: &[Carry]) -> usize {
    let mut cost = 0;
    let mut at = 0;
    for slot in slots {
        cost += slot.col.saturating_sub(at) + slot.width - 1;
        cost += match slot.what {
            What::Own(_) => 0,
            What::Carried(k) => 1 + carries[k].text.len(),
            What::Continued { merge, .. } => merges[merge].text.len(),
        };
        at = slot.col + slot.width;
    }
    cost
}

/// Two runs of carries, each in column order, as one.
fn merge_by_column(a: impl Iterator<Item = Carry>, b: Vec<Carry>) -> Vec<Carry> {
    let mut out = Vec::with_capacity(b.len());
    let mut b = b.into_iter().peekable();
    for carry in a {
        while let Some(next) = b.next_if(|n| n.col < carry.col) {
            out.push(next);
        }
        out.push(carry);
    }
    out.extend(b);
    out
}

/// A cell's text on one line: the line breaks and tabs in it (a table inside the cell, `pre`
/// text) become spaces, so that they neither split the row nor forge a column. The length stays,
/// and with it the cell's map.
fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains(['\n', '\t']) {
        Cow::Owned(text.replace(['\n', '\t'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// A row of one cell: its text alone (a table inside it keeps its lines).
fn lone_line(row: Row) -> Line {
    let anchor = row.anchor;
    let Some(cell) = row.cells.into_iter().next() else {
        return Line {
            anchor,
            ..Line::default()
        };
    };
    Line {
        text: cell.text,
        map: cell.map,
        anchor,
        marks: cell.marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell of `text` copied from the source at `at`, its tag just before.
    fn cell(text: &str, at: usize) -> Cell {
        let mut b = MapBuilder::default();
        b.verbatim(at, text);
        let (text, map) = b.finish();
        Cell::new(text, map, TextRange::new(at.saturating_sub(1), at))
    }

    fn spans(mut c: Cell, colspan: usize, rows: Rows) -> Cell {
        c.colspan = colspan;
        c.rows = rows;
        c
    }

    fn th(mut c: Cell) -> Cell {
        c.header = true;
        c
    }

    fn row(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            anchor: TextRange::new(0, 1),
            header: false,
            skip: 0,
        }
    }

    /// The lines of `rows`, read as one table.
    fn lines(rows: Vec<Row>) -> Vec<String> {
        let mut grid = Grid::new(1 << 20);
        let mut out: Vec<String> = rows
            .into_iter()
            .flat_map(|r| grid.row(r))
            .map(|l| l.text)
            .collect();
        out.extend(grid.finish().map(|l| l.text));
        out
    }

    #[test]
    fn a_cell_spanning_rows_is_repeated_in_each() {
        let got = lines(vec![
            row(vec![
                spans(cell("Tin", 10), 1, Rows::Span(3)),
                cell("A", 20),
                cell("Peru", 30),
            ]),
            row(vec![cell("B", 40), cell("Chile", 50)]),
            row(vec![cell("C", 60), cell("Bolivia", 70)]),
            row(vec![cell("Gold", 80), cell("D", 90), cell("Japan", 100)]),
        ]);
        assert_eq!(
            got,
            [
                "Tin\tA\tPeru",
                "Tin\tB\tChile",
                "Tin\tC\tBolivia",
                "Gold\tD\tJapan"
            ]
        );
    }

    #[test]
    fn spans_in_the_middle_and_to_the_end_of_the_section() {
        let got = lines(vec![
            row(vec![
                cell("a", 1),
                spans(cell("m", 2), 2, Rows::Rest),
                cell("z", 3),
            ]),
            row(vec![cell("b", 4), cell("y", 5)]),
            row(vec![cell("c", 6)]),
        ]);
        // The spanning cell fills its first column; the row of one own cell still has it.
        assert_eq!(got, ["a\tm\t\tz", "b\tm\t\ty", "c\tm\t"]);
    }

    #[test]
    fn a_body_cell_spanning_columns_keeps_the_others_empty() {
        let got = lines(vec![
            row(vec![cell("Metal", 1), cell("Name", 2), cell("Country", 3)]),
            row(vec![
                spans(cell("Tin", 4), 2, Rows::Span(1)),
                cell("Peru", 5),
            ]),
            row(vec![spans(cell("Gold", 6), 3, Rows::Span(1))]),
        ]);
        assert_eq!(got, ["Metal\tName\tCountry", "Tin\t\tPeru", "Gold"]);
    }

    #[test]
    fn header_rows_combine_column_by_column() {
        let got = lines(vec![
            row(vec![th(spans(cell("Annex A", 1), 4, Rows::Span(1)))]),
            row(vec![
                th(spans(cell("Metal", 2), 1, Rows::Span(2))),
                th(spans(cell("Smelter", 3), 2, Rows::Span(1))),
                th(spans(cell("Status", 4), 1, Rows::Span(2))),
            ]),
            row(vec![th(cell("Name", 5)), th(cell("ID", 6))]),
            row(vec![
                cell("Tin", 7),
                cell("X", 8),
                cell("CID1", 9),
                cell("Active", 10),
            ]),
        ]);
        assert_eq!(
            got,
            [
                "Annex A",
                "Metal\tSmelter Name\tSmelter ID\tStatus",
                "Tin\tX\tCID1\tActive"
            ]
        );
    }

    #[test]
    fn rows_of_header_cells_without_spans_are_rows_of_their_own() {
        let got = lines(vec![
            row(vec![th(cell("Metal", 1)), th(cell("Smelter", 2))]),
            row(vec![th(cell("Gold", 3)), th(cell("A", 4))]),
            row(vec![cell("Tin", 5), cell("B", 6)]),
        ]);
        assert_eq!(got, ["Metal\tSmelter", "Gold\tA", "Tin\tB"]);
    }

    #[test]
    fn marks_follow_their_cells() {
        let mut grid = Grid::new(1 << 20);
        let mut a = th(spans(cell("Metal", 1), 1, Rows::Span(2)));
        a.marks.push(2);
        let mut n = th(cell("Name", 5));
        n.marks.push(0);
        assert!(grid.row(row(vec![a, th(cell("Smelter", 3))])).is_empty());
        assert!(grid.row(row(vec![n])).is_empty());
        let line = grid.finish().expect("header");
        assert_eq!(line.text, "Metal\tSmelter Name");
        assert_eq!(line.marks, [2, 14]);
    }

    #[test]
    fn word_merges_continue_into_cells_that_say_so() {
        let mut restart = cell("Gold", 1);
        restart.rows = Rows::Merged;
        let mut cont = cell("", 3);
        cont.continues = true;
        let mut cont2 = cell("", 5);
        cont2.continues = true;
        let got = lines(vec![
            row(vec![restart, cell("A", 2)]),
            row(vec![cont, cell("B", 4)]),
            row(vec![cont2, cell("C", 6)]),
            row(vec![cell("", 7), cell("D", 8)]),
        ]);
        assert_eq!(got, ["Gold\tA", "Gold\tB", "Gold\tC", "\tD"]);
    }

    #[test]
    fn the_budget_bounds_what_spans_add() {
        let mut grid = Grid::new(100);
        let big = spans(cell("x", 1), MAX_COLSPAN, Rows::Span(MAX_ROWSPAN));
        let first = grid.row(row(vec![big, cell("y", 2)]));
        assert_eq!(first[0].text, "x\ty");
        for _ in 0..1000 {
            let line = grid.row(row(vec![cell("z", 3)]));
            assert!(line[0].text.len() <= 1);
        }
        assert_eq!(grid.take_budget(), 0);
    }
}
