//! The smelter and refiner annex as a table: columns found by their headers, rows split into
//! cells, header rows repeated on every page skipped, and rows that a page break or a
//! conversion split (a wrapped facility name, "RUSSIAN" / "FEDERATION") joined again. A table
//! under its metal's heading ("Tin" over a header with no metal column) takes each row's metal
//! from the heading, and an annex written as "Key: value" records ([`records`]) becomes a table
//! of the same rows and columns.

mod records;

use serde::Serialize;

use super::line::{Line, LineKind};
use crate::span::TextRange;

/// The columns of a smelter table, by index.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Columns {
    pub metal: Option<usize>,
    pub name: Option<usize>,
    pub country: Option<usize>,
    pub status: Option<usize>,
    pub cid: Option<usize>,
}

/// One cell of a row: where it was read (trimmed), and its own text when a wrapped row was
/// joined to it.
#[derive(Clone, Copy, Debug)]
pub struct Cell<'a> {
    pub range: TextRange,
    joined: Option<&'a str>,
}

impl<'a> Cell<'a> {
    /// The cell's text; `text` is the document's text, which `range` points into.
    pub fn text(&self, text: &'a str) -> &'a str {
        self.joined.unwrap_or_else(|| &text[self.range.as_range()])
    }

    pub fn is_empty(&self) -> bool {
        self.joined.map_or(self.range.is_empty(), str::is_empty)
    }
}

/// One facility row. A large annex has hundreds of thousands of cells, so a cell is its range
/// in the text; only the few cells a wrapped row was joined to keep a text of their own.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// From the row's first line to its last (two lines when a wrapped row was joined).
    pub range: TextRange,
    cells: Box<[TextRange]>,
    /// The joined cells' texts, by column.
    joined: Box<[(usize, Box<str>)]>,
}

impl Row {
    pub(super) fn new(range: TextRange, cells: Vec<TextRange>) -> Self {
        Self {
            range,
            cells: cells.into_boxed_slice(),
            joined: Box::default(),
        }
    }

    /// The cell of `column`, if the row has it and it is not empty.
    pub fn get(&self, column: Option<usize>) -> Option<Cell<'_>> {
        self.cell(column?).filter(|c| !c.is_empty())
    }

    /// The cell of `column`, empty or not.
    fn cell(&self, column: usize) -> Option<Cell<'_>> {
        let range = *self.cells.get(column)?;
        let joined = self
            .joined
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, text)| &**text);
        Some(Cell { range, joined })
    }

    /// Sets the cell of `column`, adding empty cells before it where the row is shorter.
    pub(super) fn set(&mut self, column: usize, range: TextRange, joined: Option<Box<str>>) {
        let mut cells = std::mem::take(&mut self.cells).into_vec();
        while cells.len() <= column {
            cells.push(TextRange::empty(self.range.end()));
        }
        cells[column] = range;
        self.cells = cells.into_boxed_slice();
        let mut texts = std::mem::take(&mut self.joined).into_vec();
        texts.retain(|(c, _)| *c != column);
        texts.extend(joined.map(|joined| (column, joined)));
        self.joined = texts.into_boxed_slice();
    }
}

/// A smelter and refiner table.
#[derive(Clone, Debug, Serialize)]
pub struct SmelterTable {
    pub range: TextRange,
    /// The annex's caption ("Annex A", "Smelter List") within three lines above the header.
    pub caption: Option<TextRange>,
    /// The first header row.
    pub header: TextRange,
    pub columns: Columns,
    /// How many cells the header has.
    pub width: usize,
    pub rows: Vec<Row>,
    /// Lines inside the table that are not rows: cells a conversion emitted on lines of their
    /// own, without the tabs that separate columns.
    pub orphans: Vec<TextRange>,
}

/// How many lines after a long non-row line are searched for more rows of the same table.
pub(super) const ROW_LOOKAHEAD: usize = 60;

/// Whether table rows come back in `after` before any long line of prose (the rest of the same
/// long line, carried on after a page break, is not another one).
fn rows_resume(text: &str, after: &[Line]) -> bool {
    after
        .iter()
        .take(ROW_LOOKAHEAD)
        .find(|l| {
            l.kind == LineKind::Table
                || (l.range.len() > ORPHAN_MAX_LEN
                    && !super::reading::continues_sentence(&text[l.range.as_range()]))
        })
        .is_some_and(|l| l.kind == LineKind::Table)
}

/// The longest line inside a table kept as an orphaned cell rather than taken as prose.
pub(super) const ORPHAN_MAX_LEN: usize = 100;

/// Splits a table line into cells (tabs, or a markdown row's pipes): their ranges, trimmed.
fn split_cells(text: &str, line: TextRange) -> Vec<TextRange> {
    let s = &text[line.as_range()];
    let (body, offset) = match s.trim_start().strip_prefix('|') {
        Some(rest) => {
            let lead = s.len() - rest.len();
            (rest.trim_end().trim_end_matches('|'), lead)
        }
        None => (s, 0),
    };
    let separator = if offset > 0 { '|' } else { '\t' };
    let mut cells = Vec::with_capacity(body.matches(separator).count() + 1);
    let mut start = 0;
    for part in body.split(separator) {
        let lead = part.len() - part.trim_start().len();
        let cell_start = line.start() + offset + start + lead;
        cells.push(TextRange::new(cell_start, cell_start + part.trim().len()));
        start += part.len() + 1;
    }
    cells
}

/// Which column of a smelter table a header cell, or a record's key, names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Metal,
    Name,
    Country,
    Status,
    Cid,
}

impl Columns {
    /// The column of `field`.
    pub(super) fn slot(&mut self, field: Field) -> &mut Option<usize> {
        match field {
            Field::Metal => &mut self.metal,
            Field::Name => &mut self.name,
            Field::Country => &mut self.country,
            Field::Status => &mut self.status,
            Field::Cid => &mut self.cid,
        }
    }

    /// The column a header cell's words `cell` name, when the columns named so far are these:
    /// the first cell naming a metal, a country (or location) or a facility is that column, the
    /// last naming a status or an identification number is.
    pub(super) fn field_of(&self, cell: &str) -> Option<Field> {
        let t = cell.to_ascii_lowercase();
        if t.contains("metal") && self.metal.is_none() {
            Some(Field::Metal)
        } else if (t.contains("country") || t.contains("location")) && self.country.is_none() {
            Some(Field::Country)
        } else if (t.contains("smelter")
            || t.contains("refiner")
            || t.contains("facility")
            || t == "name")
            && !t.contains("id")
            && self.name.is_none()
        {
            Some(Field::Name)
        } else if t.contains("status")
            || t.contains("conflict free")
            || t.contains("conflict-free")
            || t.contains("rmap")
            || t.contains("compliance")
        {
            Some(Field::Status)
        } else if t.contains("cid") || t.contains("smelter id") || t.contains("identification") {
            Some(Field::Cid)
        } else {
            None
        }
    }
}

/// The columns the cells of a header row name.
fn named_columns(text: &str, cells: &[TextRange]) -> Columns {
    let mut columns = Columns::default();
    for (i, cell) in cells.iter().enumerate() {
        if let Some(field) = columns.field_of(&text[cell.as_range()]) {
            *columns.slot(field) = Some(i);
        }
    }
    columns
}

/// The columns a header row names, if it is one: a metal, a facility and a country column.
fn header_columns(text: &str, cells: &[TextRange]) -> Option<Columns> {
    // A header names a metal column; most rows do not say "metal" at all.
    if !cells.iter().any(|c| names_metal(&text[c.as_range()])) {
        return None;
    }
    let columns = named_columns(text, cells);
    (columns.metal.is_some() && columns.name.is_some() && columns.country.is_some())
        .then_some(columns)
}

/// The columns of a header with no metal column, if it is one (a table under the heading of
/// its metal): a facility and a country column.
fn facility_columns(text: &str, cells: &[TextRange]) -> Option<Columns> {
    let columns = named_columns(text, cells);
    (columns.metal.is_none() && columns.name.is_some() && columns.country.is_some())
        .then_some(columns)
}

/// Whether `text` says "metal", in any case.
fn names_metal(text: &str) -> bool {
    says(text, b"metal")
}

/// Whether `text` has `word` (in lower case) in it, in any case.
fn says(text: &str, word: &[u8]) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Finds the smelter tables among `lines` (the CMR's lines): tables of rows, and after the
/// annex's caption, records of "Key: value" fields (see [`records`]).
pub fn smelter_tables(text: &str, lines: &[Line]) -> Vec<SmelterTable> {
    let mut tables = Vec::new();
    let mut annex = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        annex |= line.kind == LineKind::Annex;
        let found = match line.kind {
            LineKind::Table => grid_header(text, lines, i).map(|(columns, width, metal)| {
                read_table(
                    text,
                    lines,
                    i,
                    Header {
                        columns,
                        width,
                        metal,
                    },
                )
            }),
            LineKind::Text | LineKind::Title if annex => match records::read(text, lines, i) {
                Ok(found) => Some(found),
                // No record starts in these lines.
                Err(next) => {
                    i = next.max(i + 1);
                    continue;
                }
            },
            _ => None,
        };
        let Some((mut table, next)) = found else {
            i += 1;
            continue;
        };
        table.caption = caption_above(&lines[..i]);
        tables.push(table);
        i = next.max(i + 1);
    }
    tables
}

/// The header row of a table: its columns, how many cells it has, and the metal of every row
/// when a heading above the table names it (the column `metal` is then past the header's
/// cells, and each row's cell there is the heading's word).
#[derive(Clone, Copy, Debug)]
struct Header {
    columns: Columns,
    width: usize,
    metal: Option<TextRange>,
}

/// The header at line `i`, if it is one: a row naming a metal, a facility and a country
/// column, or a facility and a country column under a heading naming the metal ("Tin", "Tin
/// Smelters").
fn grid_header(
    text: &str,
    lines: &[Line],
    i: usize,
) -> Option<(Columns, usize, Option<TextRange>)> {
    let line = &lines[i];
    // ("metal" cannot straddle a cell separator: the line says it if a cell does.)
    if names_metal(&text[line.range.as_range()]) {
        let cells = split_cells(text, line.range);
        return header_columns(text, &cells).map(|c| (c, cells.len(), None));
    }
    let metal = metal_heading_above(text, lines, i)?;
    let cells = split_cells(text, line.range);
    let mut columns = facility_columns(text, &cells)?;
    columns.metal = Some(cells.len());
    Some((columns, cells.len(), Some(metal)))
}

/// The metals a heading over a table of their facilities may name: the metallic elements a
/// supply chain reports on, and the ores of the conflict minerals. (Any one counts: whether it
/// is a conflict mineral is the annex's checks' to say.)
const METAL_WORDS: [&str; 45] = [
    "aluminium",
    "aluminum",
    "antimony",
    "beryllium",
    "bismuth",
    "cadmium",
    "cassiterite",
    "chromium",
    "cobalt",
    "coltan",
    "columbite",
    "copper",
    "gallium",
    "germanium",
    "gold",
    "hafnium",
    "indium",
    "iridium",
    "iron",
    "lead",
    "lithium",
    "magnesium",
    "manganese",
    "mercury",
    "molybdenum",
    "nickel",
    "niobium",
    "osmium",
    "palladium",
    "platinum",
    "rhenium",
    "rhodium",
    "ruthenium",
    "silver",
    "tantalite",
    "tantalum",
    "tellurium",
    "tin",
    "titanium",
    "tungsten",
    "vanadium",
    "wolfram",
    "wolframite",
    "zinc",
    "zirconium",
];

/// Words a metal's heading may go on with after the metal: "Tin Smelters", "Gold Refiners
/// (continued)".
const HEADING_TAIL: [&str; 11] = [
    "smelter",
    "smelters",
    "refiner",
    "refiners",
    "refinery",
    "refineries",
    "facilities",
    "and",
    "or",
    "&",
    "(continued)",
];

/// The metal a heading right above line `i` names, at most one blank line above it: a title
/// line that is a metal's name, alone or followed by words for its facilities.
fn metal_heading_above(text: &str, lines: &[Line], i: usize) -> Option<TextRange> {
    let above = &lines[i.checked_sub(1)?];
    let between = text.get(above.range.end()..lines[i].range.start())?;
    if above.kind != LineKind::Title || between.bytes().filter(|&b| b == b'\n').count() > 2 {
        return None;
    }
    metal_heading(text, above.range)
}

/// The metal's name in a heading at `range` ("Tin", "TANTALUM:", "Gold Smelters and
/// Refiners"), if the heading is one.
fn metal_heading(text: &str, range: TextRange) -> Option<TextRange> {
    let heading = &text[range.as_range()];
    let lead = heading.len() - heading.trim_start().len();
    let mut words = heading.split_whitespace();
    let first = words.next()?;
    let metal = first.strip_suffix(':').unwrap_or(first);
    let tail_ok = words.all(|w| {
        let w = w.trim_end_matches(':').to_ascii_lowercase();
        HEADING_TAIL.contains(&w.as_str())
    });
    let known = METAL_WORDS.iter().any(|m| m.eq_ignore_ascii_case(metal));
    let start = range.start() + lead;
    (tail_ok && known).then(|| TextRange::new(start, start + metal.len()))
}

/// A table's caption: an annex caption (`LineKind::Annex`, the grammar's `annex_caption`, which
/// also starts the annex scope in `build::cmr_scopes`) among the three lines above its header,
/// the nearest first. Only lines close above count here, where the scope takes the report's
/// first caption wherever it stands: a caption further up belongs to the text between, or to
/// another table.
fn caption_above(before: &[Line]) -> Option<TextRange> {
    before
        .iter()
        .rev()
        .take(3)
        .find(|line| line.kind == LineKind::Annex)
        .map(|line| line.range)
}

/// Reads rows from the header at `start` until the table ends: at a paragraph or a heading
/// after which no row follows, or where the next table's header starts. Short lines between
/// rows are kept as orphans (a damaged table's cells on lines of their own). Returns the table
/// and the index of the first line after it.
fn read_table(text: &str, lines: &[Line], start: usize, head: Header) -> (SmelterTable, usize) {
    let header = lines[start].range;
    let columns = head.columns;
    let mut rows: Vec<Row> = Vec::new();
    let mut orphans = Vec::new();
    let mut pending = Vec::new();
    let mut end = header.end;
    let mut i = start + 1;
    // How many more lines of a page header may follow: right under a page number, two (a
    // long header wraps).
    let mut header_lines = 0;
    while i < lines.len() {
        let line = &lines[i];
        let header_allowed = std::mem::take(&mut header_lines);
        match line.kind {
            LineKind::Table => {
                let cells = split_cells(text, line.range);
                match table_line(text, lines, i, &cells, head.metal.is_some()) {
                    TableLine::NextTable => break,
                    TableLine::Furniture => {}
                    TableLine::Row => {
                        let mut row = Row::new(line.range, cells);
                        if !join_continuation(text, &mut rows, &row, columns) {
                            if let Some(metal) = head.metal {
                                row.set(head.width, metal, None);
                            }
                            rows.push(row);
                        }
                    }
                }
                orphans.append(&mut pending);
                end = line.range.end;
            }
            LineKind::PageNumber => header_lines = 2,
            LineKind::Separator | LineKind::Annex => {}
            // The next page's header, right under the page number, is page furniture too.
            LineKind::Text | LineKind::Title | LineKind::CmrTitle
                if header_allowed > 0 && is_page_header(text, line) =>
            {
                header_lines = header_allowed - 1;
            }
            _ if line.range.len() <= ORPHAN_MAX_LEN => pending.push(line.range),
            // A long line between rows (names a conversion merged into one line) does not end
            // the table when rows resume before the next long line.
            _ if rows_resume(text, &lines[i + 1..]) => pending.push(line.range),
            _ => break,
        }
        i += 1;
    }
    // Lines after the last row belong to what follows the table.
    let next = i - pending.len();
    rows.shrink_to_fit();
    let table = SmelterTable {
        range: TextRange::new(header.start(), end as usize),
        caption: None,
        header,
        columns,
        width: head.width,
        rows,
        orphans,
    };
    (table, next)
}

/// What a table's line is to the table being read.
enum TableLine {
    Row,
    /// A rule under the header, or the header repeated on the next page.
    Furniture,
    /// The header of the next table: one of a table grouped by metal under its metal's heading,
    /// or after such tables one with a metal column.
    NextTable,
}

/// What the table line `i`, of `cells`, is to a table that has a metal column of its own, or
/// (`grouped`) takes its metal from its heading.
fn table_line(
    text: &str,
    lines: &[Line],
    i: usize,
    cells: &[TextRange],
    grouped: bool,
) -> TableLine {
    let separator = cells
        .iter()
        .all(|c| text[c.as_range()].chars().all(|ch| ch == '-' || ch == ':'));
    if separator {
        return TableLine::Furniture;
    }
    if header_columns(text, cells).is_some() {
        return if grouped {
            TableLine::NextTable
        } else {
            TableLine::Furniture
        };
    }
    // (Most rows stand under another row, and say neither "country" nor "location".)
    let under_heading = metal_heading_above(text, lines, i).is_some();
    let line = &text[lines[i].range.as_range()];
    if (under_heading || grouped)
        && (says(line, b"country") || says(line, b"location"))
        && facility_columns(text, cells).is_some()
    {
        return if under_heading {
            TableLine::NextTable
        } else {
            TableLine::Furniture
        };
    }
    TableLine::Row
}

/// Whether a line under a page number reads as a page's header: words with no cell of a row
/// (no tab or pipe), starting on a form feed or a capital ("Acme Corp. -- Conflict Minerals
/// Report").
pub(super) fn is_page_header(text: &str, line: &Line) -> bool {
    let words = &text[line.range.as_range()];
    let trimmed = words.trim_start_matches(['\u{c}', ' ']);
    !words.contains(['\t', '|'])
        && (words.starts_with('\u{c}') || trimmed.starts_with(|c: char| c.is_uppercase()))
        && trimmed.split_whitespace().count() >= 2
}

/// Joins a row that continues the previous one: only a country cell ("FEDERATION" under
/// "RUSSIAN"), or a name cell with no metal (a facility name wrapped onto the next row).
fn join_continuation(text: &str, rows: &mut [Row], row: &Row, columns: Columns) -> bool {
    let Some(previous) = rows.last_mut() else {
        return false;
    };
    let filled: Vec<usize> = (0..row.cells.len())
        .filter(|&i| row.cell(i).is_some_and(|c| !c.is_empty()))
        .collect();
    let only = |column: Option<usize>| {
        column.is_some_and(|c| filled.iter().all(|&i| i == c || Some(i) == columns.status))
    };
    let target = if only(columns.country)
        && row.get(columns.country).is_some()
        && row.get(columns.metal).is_none()
    {
        columns.country
    } else if only(columns.name)
        && row.get(columns.name).is_some()
        && row.get(columns.metal).is_none()
    {
        columns.name
    } else {
        None
    };
    let Some(column) = target else {
        return false;
    };
    let Some(addition) = row.cell(column) else {
        return false;
    };
    // A row shorter than the column gets an empty cell where it ends.
    let cell = previous.cell(column).unwrap_or(Cell {
        range: TextRange::empty(previous.range.end()),
        joined: None,
    });
    let range = TextRange::new(
        cell.range.start().min(addition.range.start()),
        addition.range.end(),
    );
    let joined = format!("{} {}", cell.text(text), addition.text(text));
    previous.set(column, range, Some(joined.trim().into()));
    if let Some(status) = columns.status
        && previous.get(Some(status)).is_none()
        && let Some(s) = row.get(Some(status))
    {
        previous.set(status, s.range, s.joined.map(Box::from));
    }
    previous.range = TextRange::new(previous.range.start(), row.range.end());
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables of `text`, with the normalised text their ranges point into.
    fn tables(text: &str) -> (String, Vec<SmelterTable>) {
        let doc = crate::parse::parse(text.to_owned());
        let tables = smelter_tables(&doc.text, &doc.lines);
        (doc.text, tables)
    }

    /// The text of `row`'s cell in `column`, read from `text`.
    fn cell(text: &str, row: &Row, column: Option<usize>) -> Option<String> {
        row.get(column).map(|c| c.text(text).to_owned())
    }

    #[test]
    fn reads_columns_rows_and_joins_split_rows() {
        let text = "Annex A\n\nMetal\tSmelter\tCountry\tCompliance Status\nGold\tExample Refinery\tJAPAN\tCompliant\n\
                    Tungsten\tExample Tungsten Co.\tRUSSIAN\t\n\t\tFEDERATION\tActive\n\n2\n\n\
                    Metal\tSmelter\tCountry\tCompliance Status\nTin\tLong Name Tin\tCHINA\tConformant\n\tSmelting Works\t\t\n\
                    This paragraph after the table is long enough to end the table, as prose after an annex would be in a filing.\n";
        let (text, found) = tables(text);
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!(t.columns.status, Some(3));
        assert_eq!(t.rows.len(), 3);
        let c = t.columns;
        assert_eq!(
            cell(&text, &t.rows[0], c.name).as_deref(),
            Some("Example Refinery")
        );
        assert_eq!(
            cell(&text, &t.rows[1], c.country).as_deref(),
            Some("RUSSIAN FEDERATION")
        );
        assert_eq!(cell(&text, &t.rows[1], c.status).as_deref(), Some("Active"));
        assert_eq!(
            cell(&text, &t.rows[2], c.name).as_deref(),
            Some("Long Name Tin Smelting Works")
        );
    }

    #[test]
    fn tables_under_a_metals_heading_take_their_metal_from_it() {
        let (text, found) = tables(
            "Annex A\n\nGold\nSmelter Name\tCountry\nHalloran Bullion\tCanada\n\n\
             Tin Smelters\nSmelter Name\tCountry\nPulau Tin\tIndonesia\n\n2\n\n\
             Smelter Name\tCountry\nPotosi Tin\tBolivia\n",
        );
        assert_eq!(found.len(), 2);
        let (gold, tin) = (&found[0], &found[1]);
        assert!(gold.caption.is_some() && tin.caption.is_none());
        assert_eq!(
            cell(&text, &gold.rows[0], gold.columns.metal).as_deref(),
            Some("Gold")
        );
        // The header repeated after a page break goes on with the same table.
        assert_eq!(tin.rows.len(), 2);
        let metal = tin.rows[1].get(tin.columns.metal).map(|c| c.range);
        assert_eq!(metal.map(|r| &text[r.as_range()]), Some("Tin"));
        assert!(metal.is_some_and(|r| text[..r.start()].ends_with("\n\n")));
        // A heading naming no metal heads no table of smelters.
        let (_, found) = tables("Annex A\n\nActive Smelters\nSmelter Name\tCountry\nX\tPeru\n");
        assert!(found.is_empty());
    }

    #[test]
    fn column_order_comes_from_the_header() {
        let (_, found) = tables("Smelter Name\tCountry\tMetal\nAcme Refining\tJAPAN\tGold\n");
        let t = &found[0];
        assert_eq!(
            (t.columns.name, t.columns.country, t.columns.metal),
            (Some(0), Some(1), Some(2))
        );
        let (text, found) =
            tables("| Metal | Smelter | Country |\n|---|---|---|\n| Tin | X Tin | PERU |\n");
        let md = &found[0];
        assert_eq!(md.rows.len(), 1);
        assert_eq!(
            cell(&text, &md.rows[0], md.columns.country).as_deref(),
            Some("PERU")
        );
    }
}
