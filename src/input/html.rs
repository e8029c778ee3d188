//! HTML (EDGAR style): the text a reader sees, one block per line, mapped to the markup.
//!
//! A small tokenizer rather than an HTML parser crate: sdlint needs the exact byte range of
//! every character it keeps (html5ever reports line numbers only; lol_html reports tag and
//! text-chunk positions but leaves entity decoding and whitespace collapsing to us, at the
//! price of a CSS selector engine we would never use), and it needs no tree: EDGAR filings are
//! a flat sequence of paragraphs and tables, and tag soup (unclosed `<p>`, stray `</font>`,
//! upper-case SGML wrappers) only has to be tolerated, not repaired.
//!
//! What the reader sees becomes text: block elements (`p`, `div`, `h1`–`h6`, `li` ...) each
//! start a line (no blank line between them: EDGAR splits a title over several `<p>`s, which a
//! text file writes on consecutive lines), `br` breaks the line, a table row is one line with its cells
//! separated by tabs (read as the grid a reader sees, see [`super::grid`]: spanned cells repeated
//! or left empty so that every value stands in its column, header rows combined; a table inside
//! a cell is text of that cell), white space collapses as a browser collapses it (except in `pre`),
//! character references are decoded, and `script`, `style`, `head` matter and comments are left
//! out. Comments are returned apart, with their place in the text, because they carry
//! suppressions.

use std::collections::VecDeque;

use super::grid::{self, Cell, Grid, Line, Row, Rows};
use crate::sourcemap::{MapBuilder, SourceMap};
use crate::span::TextRange;

/// The visible text of an HTML document.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub text: String,
    /// Maps `text` to the decoded HTML.
    pub map: SourceMap,
    /// Every comment: its range in the HTML and the offset in `text` where it stood.
    pub comments: Vec<Comment>,
}

/// An HTML comment `<!-- … -->`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    /// Where the comment is in the HTML (the markers included).
    pub source: TextRange,
    /// The offset in the extracted text where the comment stood.
    pub at: u32,
}

/// What separates the text before a tag from the text after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    /// A space (inline elements that browsers render apart, such as `img`).
    Space,
    /// A tab between table cells (written when the cell starts, never pending).
    Cell,
    /// A line break (`br`, a table row).
    Line,
    /// A new line for a block.
    Block,
}

/// Extracts the visible text of `html`.
///
/// A page whose text runs together into one line although its text is laid out in paragraphs
/// separated by blank lines has no block markup at all: it is a plain-text filing in a markup
/// wrapper (however deeply nested), and is read as preformatted text, line for line, rather
/// than as one paragraph that no landmark can be found in.
pub fn extract(html: &str) -> Extracted {
    let x = read(html, 0);
    if x.blank_lines >= PLAIN_TEXT_BLANK_LINES && !x.out.text().trim_end().contains('\n') {
        return read(html, 1).finish();
    }
    x.finish()
}

/// How many blank lines in the text of a page read as one line make it a plain-text one.
const PLAIN_TEXT_BLANK_LINES: usize = 2;

/// What table spans may add to the text, past the size of the page itself (see [`grid`]).
const SPAN_SLACK: usize = 64 * 1024;

/// Reads `html`, inside `pre` preformatted elements from the start.
fn read(html: &str, pre: usize) -> Extractor<'_> {
    let mut x = Extractor {
        html,
        out: MapBuilder::with_capacity(html.len() / 2),
        comments: Vec::new(),
        pending: Break::None,
        pending_at: (0, 0),
        pre,
        space: None,
        cells: 0,
        in_cell: false,
        searches: Searches::default(),
        blank_lines: 0,
        tables: Vec::new(),
        span_budget: html.len().saturating_add(SPAN_SLACK),
    };
    x.run();
    x
}

struct Extractor<'a> {
    html: &'a str,
    out: MapBuilder,
    comments: Vec<Comment>,
    /// The strongest break seen since the last text, and the markup it stands for.
    pending: Break,
    pending_at: (usize, usize),
    /// Depth of `pre` elements: inside one, white space is kept.
    pre: usize,
    /// Collapsed white space waiting to be written as one space: its source range.
    space: Option<(usize, usize)>,
    /// Cells started in the current table row.
    cells: usize,
    /// Whether the text is inside a table cell.
    in_cell: bool,
    /// Where end tags and block starts were last looked for and found.
    searches: Searches,
    /// Runs of white space in the text, outside `pre`, that hold a blank line.
    blank_lines: usize,
    /// The tables being read as grids, the innermost (a table inside a cell of the one
    /// before) last.
    tables: Vec<Table>,
    /// What spans may still add to the text, while no table holds it.
    span_budget: usize,
}

/// How deep tables inside cells are read as tables; deeper ones are text of their cell, so
/// that text is not copied from cell to cell more than a few times.
const MAX_TABLE_DEPTH: usize = 8;

/// A table being read as a grid: its rows go to [`Grid`], which writes their lines.
struct Table {
    grid: Grid,
    /// The row being read.
    row: Option<OpenRow>,
    /// Inside the table's `<thead>`.
    in_head: bool,
    /// Tables open inside a cell of this one past [`MAX_TABLE_DEPTH`], read as text of the cell.
    nested: usize,
    /// Comments inside its rows, in order, waiting for their place in the text.
    comments: VecDeque<TextRange>,
}

/// A table row being read: each cell's text is read into a builder of its own (the
/// extractor's `out` while the row is open); what stood outside the row waits in `outer`.
struct OpenRow {
    cells: Vec<Cell>,
    /// The cell being read: its start tag and spans (`None` before the row's first cell).
    cell: Option<CellTag>,
    /// Where comments stand in the cell being read.
    marks: Vec<u32>,
    /// The row's start tag (or its first cell's, when the `<tr>` was left out).
    anchor: TextRange,
    header: bool,
    outer: MapBuilder,
    pending: Break,
    pending_at: (usize, usize),
    space: Option<(usize, usize)>,
}

/// A cell's start tag, read.
struct CellTag {
    tag: TextRange,
    header: bool,
    colspan: usize,
    rows: Rows,
}

/// What a tag does to the table being read, beyond the break it makes.
#[derive(PartialEq, Eq)]
enum TableTag {
    /// Nothing more: it makes its break as any tag does.
    Break,
    /// It starts a row, after its break.
    Row,
    /// It started a cell: no break.
    Done,
}

/// Searches that move forward through the markup, remembered: for each needle, where it was
/// last looked for and where it was found (or that it was not). Looking again from a point in
/// between gives the same answer without scanning again, so a page of many unclosed `<head>`
/// tags, each looking for its end to the end of the file, is read in linear time.
#[derive(Default)]
struct Searches {
    done: Vec<(&'static [u8], usize, Option<usize>)>,
}

impl Searches {
    /// The first match of `needle` (ASCII case-insensitive) in `bytes` at or after `from`.
    fn find(&mut self, bytes: &[u8], from: usize, needle: &'static [u8]) -> Option<usize> {
        let known = self.done.iter_mut().find(|(n, ..)| *n == needle);
        if let Some((_, start, found)) = &known
            && *start <= from
            && found.is_none_or(|f| from <= f)
        {
            return *found;
        }
        let found = find_ascii_ci(&bytes[from..], needle).map(|p| from + p);
        match known {
            Some(entry) => *entry = (needle, from, found),
            None => self.done.push((needle, from, found)),
        }
        found
    }
}

impl Extractor<'_> {
    fn finish(self) -> Extracted {
        let (text, map) = self.out.finish();
        Extracted {
            text,
            map,
            comments: self.comments,
        }
    }

    fn run(&mut self) {
        let bytes = self.html.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'<' => {
                    // The text before the `<` is written first, so that what the markup does
                    // (a break, a comment's place) comes after it.
                    self.text(text_start, i);
                    text_start = i;
                    match self.markup(i) {
                        Some(end) => {
                            i = end;
                            text_start = end;
                        }
                        None => i += 1,
                    }
                }
                _ => i += 1,
            }
        }
        self.text(text_start, bytes.len());
        self.close_tables();
        self.flush_break(true);
    }

    /// Handles markup starting with the `<` at `i`; returns where it ends, or `None` if the
    /// `<` is text (`a < b`).
    fn markup(&mut self, i: usize) -> Option<usize> {
        let bytes = self.html.as_bytes();
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            // Never closed, it is text (reported by SDLINT-007), not the end of the page.
            let end = i + 4 + find(&rest[4..], b"-->")? + 3;
            self.comment(TextRange::new(i, end), self.out.text().len());
            return Some(end);
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = find(rest, b">").map_or(bytes.len(), |p| i + p + 1);
            return Some(end);
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b':')
            .count();
        let end = tag_end(bytes, name_start + name_len)?;
        let name = self.html[name_start..name_start + name_len].to_ascii_lowercase();
        let name = name.rsplit(':').next().unwrap_or_default();
        if !closing && let Some(skip_to) = self.raw_text(name, end) {
            return Some(skip_to);
        }
        match name {
            "pre" if closing => self.pre = self.pre.saturating_sub(1),
            "pre" => self.pre += 1,
            _ => {}
        }
        let tag = TextRange::new(i, end);
        let table_tag = self.table_tag(name, closing, tag);
        if table_tag == TableTag::Done {
            return Some(end);
        }
        let mut brk = break_for(name, closing);
        match name {
            // A break inside a row read as a grid (a paragraph in a cell, a table inside one)
            // joins the cell's text with a space.
            _ if self.in_row() && brk > Break::Space => brk = Break::Space,
            "td" | "th" => self.in_cell = !closing,
            "tr" | "table" => self.in_cell = false,
            _ if self.in_cell && brk > Break::Cell => {
                // A line break or a paragraph inside a cell would split the row: the cell's
                // lines are joined with spaces, as a text version of the table would be.
                brk = Break::Space;
            }
            _ => {}
        }
        match brk {
            Break::Cell => {
                // Every cell after a row's first starts with a tab, written at once, so that
                // empty cells keep their column.
                if self.cells > 0 {
                    self.flush_break(false);
                    self.space = None;
                    self.out.replace(i, end, "\t");
                }
                self.cells += 1;
                return Some(end);
            }
            Break::Line | Break::Block => self.cells = 0,
            Break::None | Break::Space => {}
        }
        if brk > self.pending {
            self.pending = brk;
            self.pending_at = (i, end);
        }
        if table_tag == TableTag::Row {
            self.start_row(tag);
        }
        Some(end)
    }

    /// For an element whose content is not text (`script`, `style`, `title`, `head` ...), the
    /// offset just after its end tag.
    fn raw_text(&mut self, name: &str, content_start: usize) -> Option<usize> {
        if !matches!(
            name,
            "script" | "style" | "title" | "head" | "noscript" | "template" | "textarea"
        ) {
            return None;
        }
        let bytes = self.html.as_bytes();
        let closing: &'static [u8] = match name {
            "script" => b"</script",
            "style" => b"</style",
            "title" => b"</title",
            "head" => b"</head",
            "noscript" => b"</noscript",
            "template" => b"</template",
            _ => b"</textarea",
        };
        let mut from = content_start;
        while let Some(at) = self.searches.find(bytes, from, closing) {
            if let Some(end) = tag_end(bytes, at + closing.len()) {
                return Some(end);
            }
            from = at + closing.len();
        }
        // No end tag: a `head` without one ends where the body or its first block starts;
        // anything else runs to the end of the file.
        if name == "head" {
            return [&b"<body"[..], b"<p", b"<div", b"<table", b"<h"]
                .into_iter()
                .filter_map(|tag| self.searches.find(bytes, content_start, tag))
                .min();
        }
        Some(bytes.len())
    }

    /// Copies the text `start..end` of the HTML, collapsing white space and decoding
    /// character references.
    fn text(&mut self, start: usize, end: usize) {
        let html = self.html;
        let bytes = html.as_bytes();
        let mut i = start;
        let mut run = start;
        while i < end {
            let c = bytes[i];
            if c.is_ascii_whitespace() && self.pre == 0 {
                self.copy(run, i);
                let stop = i + bytes[i..end]
                    .iter()
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
                if self.space.is_none() {
                    self.space = Some((i, stop));
                }
                if bytes[i..stop].iter().filter(|&&b| b == b'\n').count() > 1 {
                    self.blank_lines += 1;
                }
                i = stop;
                run = stop;
            } else if c == b'&' {
                match decode_reference(&html[i..end]) {
                    Some((len, ch)) => {
                        self.copy(run, i);
                        let mut buf = [0u8; 4];
                        let decoded = ch.encode_utf8(&mut buf);
                        // `&nbsp;` stays U+00A0 here; normalisation makes it a space, as in text files.
                        self.emit_replaced(i, i + len, decoded);
                        i += len;
                        run = i;
                    }
                    None => i += 1,
                }
            } else if self.pre > 0 && (c == b'\r' || c == b'\n') {
                self.copy(run, i);
                let len = if c == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                self.emit_replaced(i, i + len, "\n");
                i += len;
                run = i;
            } else {
                i += 1;
            }
        }
        self.copy(run, end);
    }

    /// Writes `start..end` of the HTML, which holds no white space or reference to decode.
    fn copy(&mut self, start: usize, end: usize) {
        if start < end {
            self.before_text();
            self.out.verbatim(start, &self.html[start..end]);
        }
    }

    fn emit_replaced(&mut self, start: usize, end: usize, text: &str) {
        self.before_text();
        self.out.replace(start, end, text);
    }

    /// Writes what has to come before more text: the pending break or collapsed space.
    fn before_text(&mut self) {
        if let Some(table) = self.tables.last_mut()
            && table.row.is_none()
            && table.grid.holds_rows()
        {
            // Text between a table's rows ends its header, which comes before the break
            // pending for the text.
            let line = table.grid.flush();
            let pending = std::mem::replace(&mut self.pending, Break::None);
            let pending_at = self.pending_at;
            self.write_table_lines(line);
            self.pending = pending;
            self.pending_at = pending_at;
        }
        self.flush_break(false);
        if let Some((start, end)) = self.space.take()
            && !self.at_line_start()
        {
            self.out.replace(start, end, " ");
        }
    }

    fn at_line_start(&self) -> bool {
        matches!(
            self.out.text().as_bytes().last(),
            None | Some(b'\n' | b'\t')
        )
    }

    /// Writes the pending break, if any text came before it. At the end of the document
    /// (`last`) only a final newline is written.
    fn flush_break(&mut self, last: bool) {
        let pending = std::mem::replace(&mut self.pending, Break::None);
        if self.out.text().is_empty() {
            self.space = None;
            return;
        }
        let (start, end) = self.pending_at;
        let text = match pending {
            _ if last => "\n",
            Break::None => return,
            Break::Space => {
                if self.space.is_none() {
                    self.space = Some((start, end));
                }
                return;
            }
            Break::Cell => return,
            Break::Line => "\n",
            Break::Block => "\n",
        };
        // White space before a break is not text.
        self.space = None;
        let tail = self
            .out
            .text()
            .bytes()
            .rev()
            .take_while(|&b| b == b'\n')
            .count();
        let text = if text.starts_with('\n') {
            &text[tail.min(text.len())..]
        } else {
            text
        };
        if !text.is_empty() {
            self.out.replace(start, end, text);
        }
    }
}

/// Tables: rows read cell by cell, each cell into a builder of its own, and laid out by [`Grid`].
impl Extractor<'_> {
    /// Whether the innermost table has a row open: the text goes into one of its cells.
    fn in_row(&self) -> bool {
        self.tables.last().is_some_and(|t| t.row.is_some())
    }

    /// Records a comment at `at` in the text being written: inside a row, its place in the
    /// text is known once the row is written.
    fn comment(&mut self, source: TextRange, at: usize) {
        match self.tables.iter_mut().rev().find(|t| t.row.is_some()) {
            Some(table) => {
                if let Some(row) = table.row.as_mut() {
                    row.marks.push(at as u32);
                }
                table.comments.push_back(source);
            }
            None => self.comments.push(Comment {
                source,
                at: at as u32,
            }),
        }
    }

    /// What the tag `name` (at `tag`) does to the table being read.
    fn table_tag(&mut self, name: &str, closing: bool, tag: TextRange) -> TableTag {
        let depth = self.tables.len();
        let Some(table) = self.tables.last_mut() else {
            if name == "table" && !closing {
                self.open_table();
            }
            return TableTag::Break;
        };
        if table.nested > 0 {
            match (name, closing) {
                ("table", false) => table.nested += 1,
                ("table", true) => table.nested -= 1,
                _ => {}
            }
            return TableTag::Break;
        }
        let in_row = table.row.is_some();
        match (name, closing) {
            ("table", false) if in_row && depth >= MAX_TABLE_DEPTH => table.nested = 1,
            // A table inside a cell: its rows are lines of the cell's text.
            ("table", false) if in_row => self.open_table(),
            // A table where a row should start closes the one before (as browsers read it).
            ("table", false) => {
                self.close_table();
                self.open_table();
            }
            ("table", true) => {
                self.close_table();
                if self.in_row() {
                    // The text after a table inside a cell is a line of its own.
                    self.pending = Break::Block;
                    self.pending_at = (tag.start(), tag.end());
                }
            }
            ("tr", false) => {
                self.end_row();
                return TableTag::Row;
            }
            ("tr", true) => self.end_row(),
            ("td" | "th", false) => {
                if !in_row {
                    self.start_row(tag);
                }
                self.start_cell(name == "th", tag);
                return TableTag::Done;
            }
            ("thead" | "tbody" | "tfoot", _) => {
                self.end_row();
                self.end_section(name == "thead" && !closing);
            }
            _ => {}
        }
        TableTag::Break
    }

    /// Opens a table, inside the innermost one's cell if one is open; it takes over what
    /// spans may still add.
    fn open_table(&mut self) {
        let budget = match self.tables.last_mut() {
            Some(outer) => outer.grid.take_budget(),
            None => std::mem::take(&mut self.span_budget),
        };
        self.tables.push(Table {
            grid: Grid::new(budget),
            row: None,
            in_head: false,
            nested: 0,
            comments: VecDeque::new(),
        });
    }

    /// Ends the innermost table, if any, writing what it still holds.
    fn close_table(&mut self) {
        self.end_row();
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        let line = table.grid.finish();
        let budget = table.grid.take_budget();
        match self.tables.last_mut() {
            Some(outer) => outer.grid.give_budget(budget),
            None => self.span_budget = budget,
        }
        self.write_lines(line, &mut table.comments);
    }

    /// Ends every table still open (at the end of the page).
    fn close_tables(&mut self) {
        while !self.tables.is_empty() {
            self.close_table();
        }
    }

    /// A `<thead>`, `<tbody>` or `<tfoot>` tag: the section before it ends (its header line is
    /// complete when it was the table's head); `head` says whether a head starts.
    fn end_section(&mut self, head: bool) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let was_head = std::mem::replace(&mut table.in_head, head);
        let line = table.grid.end_section(was_head);
        self.write_table_lines(line);
    }

    /// Starts a row at `anchor`, setting aside the text and break pending outside it.
    fn start_row(&mut self, anchor: TextRange) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        table.row = Some(OpenRow {
            cells: Vec::new(),
            cell: None,
            marks: Vec::new(),
            anchor,
            header: table.in_head,
            outer: std::mem::take(&mut self.out),
            pending: std::mem::replace(&mut self.pending, Break::None),
            pending_at: self.pending_at,
            space: self.space.take(),
        });
    }

    /// Starts a cell at `tag` (a `<th>` if `header`): the cell before it ends. Text read in the
    /// row before its first cell belongs to that cell.
    fn start_cell(&mut self, header: bool, tag: TextRange) {
        let markup = &self.html[tag.as_range()];
        let colspan = attribute(markup, "colspan")
            .and_then(non_negative)
            .filter(|&n| n > 0)
            .map_or(1, |n| n.min(grid::MAX_COLSPAN as u64) as usize);
        let rows = match attribute(markup, "rowspan").and_then(non_negative) {
            Some(0) => Rows::Rest,
            Some(n) => Rows::Span(n.min(u64::from(grid::MAX_ROWSPAN)) as u32),
            None => Rows::Span(1),
        };
        let cell = CellTag {
            tag,
            header,
            colspan,
            rows,
        };
        if self
            .tables
            .last()
            .and_then(|t| t.row.as_ref())
            .is_some_and(|r| r.cell.is_some())
        {
            self.end_cell();
        }
        if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
            row.cell = Some(cell);
        }
    }

    /// Ends the cell being read: its text joins the row's cells.
    fn end_cell(&mut self) {
        let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) else {
            return;
        };
        let (text, map) = std::mem::take(&mut self.out).finish();
        // What was pending at the cell's end (trailing white space) is not text.
        self.pending = Break::None;
        self.space = None;
        let marks = std::mem::take(&mut row.marks);
        let mut cell = match row.cell.take() {
            Some(tag) => {
                let mut cell = Cell::new(text, map, tag.tag);
                cell.colspan = tag.colspan;
                cell.rows = tag.rows;
                cell.header = tag.header;
                cell
            }
            None if text.is_empty() && marks.is_empty() => return,
            // Text in a row outside any cell.
            None => Cell::new(text, map, row.anchor),
        };
        cell.marks = marks;
        row.cells.push(cell);
    }

    /// Ends the innermost table's row, if one is open, and writes what its grid gives back.
    fn end_row(&mut self) {
        if !self.in_row() {
            return;
        }
        self.end_cell();
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = table.row.take() else {
            return;
        };
        self.out = row.outer;
        self.pending = row.pending;
        self.pending_at = row.pending_at;
        self.space = row.space;
        let lines = table.grid.row(Row {
            cells: row.cells,
            anchor: row.anchor,
            header: row.header,
            skip: 0,
        });
        self.write_table_lines(lines);
    }

    /// Writes lines of the innermost table (which has no row open).
    fn write_table_lines(&mut self, lines: impl IntoIterator<Item = Line>) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let mut comments = std::mem::take(&mut table.comments);
        self.write_lines(lines, &mut comments);
        if let Some(table) = self.tables.last_mut() {
            table.comments = comments;
        }
    }

    /// Writes table lines, each on a line of its own; `comments` are those of their cells, in
    /// order, which take their places.
    fn write_lines(
        &mut self,
        lines: impl IntoIterator<Item = Line>,
        comments: &mut VecDeque<TextRange>,
    ) {
        for line in lines {
            if !line.text.is_empty() {
                if self.pending < Break::Line {
                    self.pending = Break::Line;
                    self.pending_at = (line.anchor.start(), line.anchor.end());
                }
                self.flush_break(false);
            }
            let base = self.out.text().len();
            self.out.append(&line.text, &line.map, 0);
            for mark in line.marks {
                if let Some(source) = comments.pop_front() {
                    self.comment(source, base + mark as usize);
                }
            }
        }
    }
}

/// The value of the attribute `name` (in lower case) in the start tag `tag`, read as HTML
/// reads attributes (a name, then optionally `=` and a quoted or unquoted value); the first of
/// the same name counts.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let b = tag.as_bytes();
    let stop = |c: u8| c.is_ascii_whitespace() || c == b'>' || c == b'/';
    // Past `<` and the tag's name.
    let mut i = 1 + b.iter().skip(1).take_while(|&&c| !stop(c)).count();
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return None;
        }
        let start = i;
        // A name never starts with the `=` that ends it.
        i += 1;
        while i < b.len() && !stop(b[i]) && b[i] != b'=' {
            i += 1;
        }
        let key = &tag[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let from = i;
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = b[from + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |p| from + 1 + p);
                    value = &tag[from + 1..end];
                    i = (end + 1).min(b.len());
                }
                _ => {
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = &tag[from..i];
                }
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
    }
    None
}

/// A value read as HTML reads a non-negative integer: white space, an optional `+`, then
/// digits, the rest ignored (`"2.5"` is 2); `None` without digits. Huge values saturate.
fn non_negative(value: &str) -> Option<u64> {
    let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let value = value.strip_prefix('+').unwrap_or(value);
    value
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(None, |n: Option<u64>, d| {
            Some(
                n.unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(u64::from(d - b'0')),
            )
        })
}

/// The break an element's start or end tag makes.
fn break_for(name: &str, closing: bool) -> Break {
    match name {
        "br" => Break::Line,
        "tr" => Break::Line,
        "td" | "th" if !closing => Break::Cell,
        "td" | "th" => Break::None,
        "img" | "input" | "select" => Break::Space,
        "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "ul" | "ol" | "dl"
        | "dt" | "dd" | "table" | "blockquote" | "pre" | "hr" | "center" | "address"
        | "section" | "article" | "header" | "footer" | "nav" | "aside" | "main" | "figure"
        | "figcaption" | "form" | "fieldset" | "caption" | "body" | "html" | "tbody" | "thead"
        | "tfoot" => Break::Block,
        // The SGML wrappers of EDGAR submission files: each stands on its own line.
        "document" | "type" | "sequence" | "filename" | "description" | "text" | "sec-document"
        | "sec-header" | "page" => Break::Block,
        _ => Break::None,
    }
}

/// The end (just after `>`) of a tag whose name ends at `from`, skipping quoted attribute
/// values; `None` if the line of markup never closes (the `<` is then text).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    let limit = bytes.len().min(from + MAX_TAG_LEN);
    for (i, &b) in bytes[from..limit].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(from + i + 1),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// Longest tag read (attributes included); a longer "tag" is text with a stray `<`.
const MAX_TAG_LEN: usize = 8192;

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A character reference at the start of `s` (`&amp;`, `&#8220;`, `&#x201D;`): its length
/// and the character it stands for. Numeric references in 128–159 are read as Windows-1252,
/// as browsers read them (`&#150;` is an en dash).
pub fn decode_reference(s: &str) -> Option<(usize, char)> {
    let end = s.as_bytes().iter().take(12).position(|&x| x == b';')?;
    let body = &s[1..end];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        match code {
            0 => '\u{FFFD}',
            128..=159 => {
                let byte = [code as u8];
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                text.chars().next()?
            }
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        }
    } else {
        named_reference(body)?
    };
    Some((end + 1, ch))
}

/// Latin-1 entity names, in code point order from U+00A0.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

fn named_reference(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|&n| n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "sbquo" => '\u{201A}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "bdquo" => '\u{201E}',
        "bull" => '\u{2022}',
        "hellip" => '\u{2026}',
        "trade" => '\u{2122}',
        "euro" => '\u{20AC}',
        "dagger" => '\u{2020}',
        "Dagger" => '\u{2021}',
        "permil" => '\u{2030}',
        "prime" => '\u{2032}',
        "Prime" => '\u{2033}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "minus" => '\u{2212}',
        "OElig" => '\u{0152}',
        "oelig" => '\u{0153}',
        "Scaron" => '\u{0160}',
        "scaron" => '\u{0161}',
        "Yuml" => '\u{0178}',
        "fnof" => '\u{0192}',
        "circ" => '\u{02C6}',
        "tilde" => '\u{02DC}',
        "check" => '\u{2713}',
        "squ" | "square" => '\u{25A1}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html).text
    }

    #[test]
    fn blocks_become_lines_and_rows_become_tab_separated() {
        assert_eq!(
            text("<html><body><p>Form\n  SD</p><p>Item 1.01<br>Next</p></body></html>"),
            "Form SD\nItem 1.01\nNext\n"
        );
        assert_eq!(
            text(
                "<table><tr><td>Name</td><td> Country </td></tr><tr><td>A</td><td></td><td>Peru</td></tr></table><p>after</p>"
            ),
            "Name\tCountry\nA\t\tPeru\nafter\n"
        );
        assert_eq!(
            text("<div><font size=2>Rule&nbsp;13p-1</font> &amp; <b>SD</b></div>"),
            "Rule\u{A0}13p-1 & SD\n"
        );
    }

    #[test]
    fn breaks_inside_a_cell_do_not_split_its_row() {
        assert_eq!(
            text(
                "<table><tr><td><p>Delaware</p></td><td>001-1</td></tr>\
                  <tr><td>(State or other<br>jurisdiction)</td><td><p>(File</p><p>Number)</p></td></tr></table>"
            ),
            "Delaware\t001-1\n(State or other jurisdiction)\t(File Number)\n"
        );
    }

    #[test]
    fn skips_head_scripts_styles_and_keeps_comments_apart() {
        let html = "<head><title>Form SD</title><style>p{color:red}</style></head>\
                    <body><script>var x = '<p>';</script><p>Text<!-- sdlint-disable-next-line SD-COVER-001 --></p><p>More</p>";
        let x = extract(html);
        assert_eq!(x.text, "Text\nMore\n");
        assert_eq!(x.comments.len(), 1);
        assert!(html[x.comments[0].source.as_range()].contains("sdlint-disable"));
        assert_eq!(x.comments[0].at, 4);
    }

    #[test]
    fn tolerates_tag_soup() {
        assert_eq!(
            text("a < b and <p>unclosed <i>x<p>next"),
            "a < b and\nunclosed x\nnext\n"
        );
        assert_eq!(text("<P ALIGN=\"center\" title='a>b'>Upper</P>"), "Upper\n");
        assert_eq!(text("</font></p>stray"), "stray\n");
        assert_eq!(
            text("<TYPE>SD\n<SEQUENCE>1\n<TEXT>Form SD"),
            "SD\n1\nForm SD\n"
        );
        assert_eq!(text("<pre>a  b\n  c</pre>"), "a  b\n  c\n");
    }

    #[test]
    fn survives_deep_nesting_and_unclosed_markup() {
        let deep = format!(
            "{}Form SD{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(text(&deep), "Form SD\n");
        assert_eq!(text("<head><title>x</title><p>Form SD"), "Form SD\n");
        // Tables inside cells, deeper than tables are read as tables.
        let tables = format!("{}Form SD", "<table><tr><td>".repeat(100_000));
        assert_eq!(text(&tables), "Form SD\n");
        assert_eq!(
            text("<p>Form SD<!-- never closed"),
            "Form SD<!-- never closed\n"
        );
        assert_eq!(text("<p>Form SD<script>never closed"), "Form SD\n");
        assert_eq!(
            text("<p>a <b title=\"never closed>Form SD"),
            "a <b title=\"never closed>Form SD\n"
        );
    }

    #[test]
    fn plain_text_in_a_wrapper_is_read_line_for_line() {
        let body = "FORM SD\n\nSPECIALIZED DISCLOSURE REPORT\n\nAcme Corp.\n(Exact name)\n";
        for depth in [1, 200_000] {
            let page = format!("{}{body}{}", "<div>".repeat(depth), "</div>".repeat(depth));
            let x = extract(&page);
            assert_eq!(x.text.trim_end(), body.trim_end(), "depth {depth}");
            let at = x.text.find("Acme").expect("kept");
            let src = x.map.to_source(TextRange::new(at, at + 4));
            assert_eq!(&page[src.as_range()], "Acme");
        }
        // One paragraph whose source is wrapped, or blank lines between blocks, read as HTML.
        assert_eq!(text("<p>a\nb\n\nc</p>"), "a b c\n");
        assert_eq!(text("<p>a</p>\n\n<p>b</p>\n\n<p>c</p>"), "a\nb\nc\n");
    }

    #[test]
    fn many_unclosed_heads_are_read_in_linear_time() {
        // Each unclosed `<head>` used to look for `</head>` to the end of the file: a page of
        // them took minutes. The test only has to finish.
        let x = extract(&"<head><p>x ".repeat(100_000));
        assert_eq!(x.text.lines().count(), 100_000);
        assert!(x.text.lines().all(|line| line == "x"));
    }

    #[test]
    fn decodes_references_and_maps_them_as_a_whole() {
        let html = "<p>&#8220;DRC&#x201D; &#150; R&amp;D &copy; &bogus; &eacute;</p>";
        let x = extract(html);
        assert_eq!(
            x.text,
            "\u{201C}DRC\u{201D} \u{2013} R&D \u{A9} &bogus; \u{E9}\n"
        );
        let amp = x.text.find('&').unwrap();
        let back = x.map.to_source(TextRange::new(amp, amp + 1));
        assert_eq!(&html[back.as_range()], "&amp;");
        let drc = x.text.find("DRC").unwrap();
        assert_eq!(
            &html[x.map.to_source(TextRange::new(drc, drc + 3)).as_range()],
            "DRC"
        );
    }

    #[test]
    fn a_cell_spanning_rows_stands_in_each_and_maps_to_its_row() {
        let html = "<table><tr><th>Metal</th><th>Smelter</th><th>Country</th></tr>\n\
                    <tr><td rowspan=\"3\">Tin</td><td>A Tin</td><td>Peru</td></tr>\n\
                    <tr><td>B Tin</td><td>Chile</td></tr>\n\
                    <tr class=x><td>C Tin</td><td>Bolivia</td></tr>\n\
                    <tr><td>Gold</td><td>D Gold</td><td>Japan</td></tr></table>";
        let x = extract(html);
        assert_eq!(
            x.text,
            "Metal\tSmelter\tCountry\nTin\tA Tin\tPeru\nTin\tB Tin\tChile\nTin\tC Tin\tBolivia\n\
             Gold\tD Gold\tJapan\n"
        );
        // The first row shows the cell itself; the others point at their own row.
        let tins: Vec<usize> = x.text.match_indices("\nTin").map(|(i, _)| i + 1).collect();
        let at = |i: usize| &html[x.map.to_source(TextRange::new(i, i + 3)).as_range()];
        assert_eq!(at(tins[0]), "Tin");
        assert_eq!(at(tins[1]), "<tr>");
        assert_eq!(at(tins[2]), "<tr class=x>");
    }

    #[test]
    fn spans_are_read_as_html_reads_them() {
        // Attributes in any case and quoting; a value in another attribute is no span; "2.5"
        // is 2; 0 rows is to the end of the section; 0 or no columns is one.
        let rows = |attrs: &str| {
            text(&format!(
                "<table><tbody><tr><td {attrs}>m</td><td>a</td></tr><tr><td>b</td></tr>\
                 <tr><td>c</td></tr></tbody><tbody><tr><td>d</td><td>e</td></tr></tbody></table>"
            ))
        };
        assert_eq!(rows("ROWSPAN = '2'"), "m\ta\nm\tb\nc\nd\te\n");
        assert_eq!(rows("rowspan=2.5"), "m\ta\nm\tb\nc\nd\te\n");
        assert_eq!(rows("title=\"rowspan=3\""), "m\ta\nb\nc\nd\te\n");
        assert_eq!(rows("rowspan=\"0\""), "m\ta\nm\tb\nm\tc\nd\te\n");
        assert_eq!(rows("rowspan=-1 colspan=0"), "m\ta\nb\nc\nd\te\n");
        assert_eq!(rows("colspan=\"2\""), "m\t\ta\nb\nc\nd\te\n");
    }

    #[test]
    fn header_rows_combine_into_one_line() {
        let head = "<tr><th rowspan=2>Metal</th><th colspan=2>Smelter or Refiner</th>\
                    <th rowspan=2>Status</th></tr><tr><th>Name</th><th>Country</th></tr>";
        let body = "<tr><td>Tin</td><td>A Tin</td><td>Peru</td><td>Active</td></tr>";
        let combined = "Metal\tSmelter or Refiner Name\tSmelter or Refiner Country\tStatus\n\
                        Tin\tA Tin\tPeru\tActive\n";
        assert_eq!(text(&format!("<table>{head}{body}</table>")), combined);
        // A head of `td` cells in a `<thead>` is a head too; a title across the table stays a
        // line of its own.
        let td_head = head.replace("th", "td");
        assert_eq!(
            text(&format!(
                "<table><thead><tr><td colspan=4>Annex A</td></tr>{td_head}</thead><tbody>{body}</tbody></table>"
            )),
            format!("Annex A\n{combined}")
        );
        // A header cell spanning into a row of `td`s makes it a header row.
        assert_eq!(
            text(&format!(
                "<table><tr><th rowspan=2>Metal</th><th colspan=2>Smelter</th></tr>\
                 <tr><td>Name</td><td>ID</td></tr>{body}</table>"
            )),
            "Metal\tSmelter Name\tSmelter ID\nTin\tA Tin\tPeru\tActive\n"
        );
        // Text after a header that no row follows ends it.
        assert_eq!(
            text(&format!("<table>{head}<caption>c</caption></table>")),
            "Metal\tSmelter or Refiner Name\tSmelter or Refiner Country\tStatus\nc\n"
        );
    }

    #[test]
    fn a_table_inside_a_cell_is_text_of_the_cell() {
        let inner =
            "<table><tr><td>Metal</td><td>Smelter</td></tr><tr><td>Tin</td><td>A</td></tr></table>";
        // In a layout cell of its own, the inner table keeps its rows.
        assert_eq!(
            text(&format!(
                "<table><tr><td><p>Annex A</p>{inner}<p>Note</p></td></tr></table>"
            )),
            "Annex A\nMetal\tSmelter\nTin\tA\nNote\n"
        );
        // Beside other cells, it is one cell of the row.
        assert_eq!(
            text(&format!(
                "<table><tr><td>x</td><td>{inner}</td></tr></table>"
            )),
            "x\tMetal Smelter Tin A\n"
        );
    }

    #[test]
    fn comments_in_spanned_and_combined_rows_keep_their_places() {
        let html = "<table><tr><th rowspan=2>Metal</th><th>Smelter<!-- a --></th></tr>\
                    <tr><th>Name</th></tr><tr><td rowspan=2>Tin</td><td>A<!-- b --></td></tr>\
                    <tr><td><!-- c -->B</td></tr></table><p>after<!-- d --></p>";
        let x = extract(html);
        assert_eq!(x.text, "Metal\tSmelter Name\nTin\tA\nTin\tB\nafter\n");
        let places: Vec<(&str, &str)> = x
            .comments
            .iter()
            .map(|c| (&html[c.source.as_range()], &x.text[c.at as usize..]))
            .collect();
        assert_eq!(
            places,
            [
                ("<!-- a -->", " Name\nTin\tA\nTin\tB\nafter\n"),
                ("<!-- b -->", "\nTin\tB\nafter\n"),
                ("<!-- c -->", "B\nafter\n"),
                ("<!-- d -->", "\n"),
            ]
        );
    }

    #[test]
    fn huge_spans_are_clamped_and_bounded() {
        // Past the last row a span ends; a span wider than HTML allows is 1000 columns; what
        // spans add is bounded by the page's size, after which cells are single.
        let x = text("<table><tr><td rowspan=1000000 colspan=99999>x</td><td>y</td></tr></table>");
        assert_eq!(x, format!("x{}\ty\n", "\t".repeat(999)));
        let page = format!(
            "<table><tr><td rowspan=65534 colspan=1000>{}</td></tr>{}</table>",
            "w".repeat(1000),
            "<tr><td>z</td></tr>".repeat(20_000)
        );
        let x = text(&page);
        assert_eq!(x.lines().count(), 20_001);
        assert!(x.len() <= 2 * page.len() + SPAN_SLACK, "{}", x.len());
        assert!(x.ends_with("\nz\n"));
    }

    #[test]
    fn every_character_maps_into_the_markup() {
        let html = "<html><body>\r\n<p>Rule&nbsp;13p-1\r\n under</p><table><tr><td>a</td><td>b &gt; c</td></tr></table></body>";
        let x = extract(html);
        for (i, ch) in x.text.char_indices() {
            let back = x.map.to_source(TextRange::new(i, i + ch.len_utf8()));
            assert!(back.end() <= html.len(), "{i} {ch:?} -> {back:?}");
            if ch.is_ascii_alphanumeric() {
                assert_eq!(&html[back.as_range()], ch.to_string(), "at {i}");
            }
        }
    }
}
