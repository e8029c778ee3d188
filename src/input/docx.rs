//! Word (.docx) documents: the paragraphs of `word/document.xml`, one per line.
//!
//! A .docx file is a zip archive; the body of the document is the XML part `word/document.xml`.
//! [`extract`] reads that part (bounded, so that a zip bomb cannot exhaust memory), walks its
//! XML events and writes one line per paragraph, recording for every piece of text the bytes of
//! `word/document.xml` it came from. Headers, footers, footnotes and comments live in other
//! parts and are left out.
//!
//! A table's rows are lines, read as the grid Word shows (see [`super::grid`]): a cell merged
//! down (`vMerge`) stands in each row it spans, a cell spanning columns (`gridSpan`) or a row
//! starting late (`gridBefore`) keeps the cells after it in their columns, and the header rows
//! Word repeats on each page (`tblHeader`) combine into one line. A table inside a cell is text
//! of the cell.

use std::io::{Cursor, Read};
use std::ops::Range;

use quick_xml::events::{BytesRef, Event};
use quick_xml::reader::Reader;
use zip::result::ZipError;

use super::grid::{self, Cell, Grid, Line, Row, Rows};
use crate::sourcemap::{MapBuilder, SourceMap};
use crate::span::TextRange;

/// The part of the archive that holds the document's body.
const DOCUMENT_PART: &str = "word/document.xml";

/// The largest `word/document.xml` sdlint reads, uncompressed (256 MiB). Real filings are a few
/// megabytes; anything larger is more likely a zip bomb than a report.
const PART_LIMIT: u64 = 256 * 1024 * 1024;

/// At most this much is reserved up front on the word of the zip header, which may lie.
const INITIAL_CAPACITY: u64 = 16 * 1024 * 1024;

/// What table spans may add to the text, past the size of the part itself (see [`grid`]).
const SPAN_SLACK: usize = 64 * 1024;

/// The start of an OLE compound file: a password-protected Word document or an old `.doc`.
const COMPOUND_FILE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The text of a Word document's body and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// One line per paragraph (a table row is one line, its cells separated by tabs).
    pub text: String,
    /// Maps `text` to byte offsets in the (decompressed) `word/document.xml`.
    pub map: SourceMap,
    /// Byte offset in `text` where each paragraph starts, ascending: paragraph `n` (1-based)
    /// starts at `paragraphs[n - 1]`.
    pub paragraphs: Vec<u32>,
}

/// Extracts the body text of the Word document `bytes`, or says in one line why it cannot.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let xml = read_document_part(bytes, PART_LIMIT)?;
    let (base, xml) = decode_part(&xml)?;
    let extracted = Walker::default().run(xml, base)?;
    if extracted.text.chars().all(char::is_whitespace) {
        return Err("the Word document has no text to lint".into());
    }
    Ok(extracted)
}

/// Reads `word/document.xml` out of the archive `bytes`, refusing parts over `limit` bytes
/// (a parameter so that tests need not build a 256 MiB part).
fn read_document_part(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_a_zip(bytes, &e))?;
    let part = archive.by_name(DOCUMENT_PART).map_err(|e| part_error(&e))?;
    if part.size() > limit {
        return Err(too_large());
    }
    let mut xml = Vec::with_capacity(part.size().min(INITIAL_CAPACITY) as usize);
    // The header's size is only a claim: read one byte past the limit to catch a part that
    // decompresses to more than it says.
    part.take(limit + 1).read_to_end(&mut xml).map_err(|e| {
        format!("the Word document is damaged: {DOCUMENT_PART} cannot be decompressed ({e})")
    })?;
    if xml.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(xml)
}

/// Why `bytes` cannot be opened as a zip archive.
fn not_a_zip(bytes: &[u8], error: &ZipError) -> String {
    if bytes.starts_with(COMPOUND_FILE_MAGIC) {
        return "not a .docx file: this is a password-protected Word document or an older .doc \
                file; remove the password or save it as .docx"
            .into();
    }
    format!(
        "not a Word document: a .docx file is a zip archive and this one cannot be opened ({error})"
    )
}

/// Why `word/document.xml` cannot be read out of an archive that opened.
fn part_error(error: &ZipError) -> String {
    match error {
        ZipError::FileNotFound => format!(
            "not a Word document: the archive has no {DOCUMENT_PART} (is it another kind of Office file?)"
        ),
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            "the Word document is encrypted: remove the password and save it again".into()
        }
        ZipError::CompressionMethodNotSupported(method) => format!(
            "the Word document cannot be read: {DOCUMENT_PART} is compressed with a method sdlint \
             does not support ({method}); save it again from Word"
        ),
        other => format!("the Word document is damaged: {DOCUMENT_PART} cannot be read ({other})"),
    }
}

/// Why a part over the size limit is refused.
fn too_large() -> String {
    format!(
        "the Word document is too large: {DOCUMENT_PART} is over {} MiB uncompressed",
        PART_LIMIT / (1024 * 1024)
    )
}

/// The part as text, and the length of the byte-order mark dropped before it.
fn decode_part(xml: &[u8]) -> Result<(usize, &str), String> {
    if xml.starts_with(&[0xFF, 0xFE]) || xml.starts_with(&[0xFE, 0xFF]) {
        return Err(format!(
            "the Word document cannot be read: {DOCUMENT_PART} is in UTF-16, which sdlint does \
             not read; save it again from Word"
        ));
    }
    let text = std::str::from_utf8(xml).map_err(|e| {
        format!(
            "the Word document is damaged: {DOCUMENT_PART} is not valid UTF-8 at byte {}",
            e.valid_up_to()
        )
    })?;
    // quick-xml skips a byte-order mark without counting it; strip it here so that positions
    // stay offsets into the part.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => (text.len() - rest.len(), rest),
        None => (0, text),
    })
}

/// Why the part cannot be parsed, `offset` bytes into it.
fn malformed(offset: usize, reason: &dyn std::fmt::Display) -> String {
    format!(
        "the Word document is damaged: {DOCUMENT_PART} is not well-formed XML at byte {offset} ({reason})"
    )
}

/// A reader position as a byte offset (positions never exceed the part, itself under 4 GiB).
fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// A separator owed between two pieces of text, written only if more text follows on the line.
#[derive(Debug, Clone)]
struct Separator {
    text: &'static str,
    /// The markup it stands for.
    src: Range<usize>,
}

impl Separator {
    /// A tab (between table cells) outranks a space (between paragraphs of one cell).
    fn outranks(&self, other: &str) -> bool {
        self.text == "\t" || other == " "
    }
}

/// Walks the XML events of `word/document.xml` and builds the text, one element at a time.
///
/// Elements are recognised by local name (`w:p` and `p` alike), since a few producers bind the
/// WordprocessingML namespace to another prefix.
#[derive(Debug, Default)]
struct Walker {
    out: MapBuilder,
    paragraphs: Vec<u32>,
    /// Open elements, to tell a part that ends too early.
    depth: usize,
    /// Inside `<w:body>`: nothing outside it is text.
    in_body: bool,
    /// Inside an element whose content is ignored (deleted text, field codes, an unused
    /// alternative), at this depth below it; 0 otherwise.
    skip: usize,
    /// Open paragraphs: more than one means a paragraph inside a paragraph (a text box).
    paras: usize,
    /// Open tables: more than one means a nested table.
    tables: usize,
    /// Open runs: tab and break elements count only inside a run (`<w:pPr>` also has `<w:tab>`
    /// elements, which are tab stops, not tabs).
    runs: usize,
    /// Inside a `<w:t>`, whose character data is the document's text.
    in_text: bool,
    /// One entry per open `mc:AlternateContent`: whether one of its choices has been read.
    alternates: Vec<bool>,
    pending: Option<Separator>,
    /// The checkbox the `<w:sym>` being opened draws, if it draws one.
    symbol: Option<&'static str>,
    /// The outer table, read as a grid (a table inside a cell is text of the cell).
    table: Option<Table>,
    /// What spans may still add to the text, while no table holds it.
    span_budget: usize,
    /// The `w:val` of the table property being opened (`gridSpan`, `vMerge` ...).
    val: Option<String>,
}

/// A table being read as a grid: its rows go to [`Grid`], which writes their lines.
#[derive(Debug)]
struct Table {
    grid: Grid,
    row: Option<OpenRow>,
}

/// A table row being read: each cell's text is read into a builder of its own (the walker's
/// `out` while the row is open); the text before the row waits in `outer`.
#[derive(Debug)]
struct OpenRow {
    cells: Vec<Cell>,
    /// The cell being read, its spans read from its properties (its text is in `out`).
    cell: Option<Cell>,
    anchor: TextRange,
    header: bool,
    skip: usize,
    outer: MapBuilder,
    pending: Option<Separator>,
}

/// The properties of tables, rows and cells that shape the grid.
const GRID_PROPERTIES: [&str; 4] = ["gridSpan", "vMerge", "tblHeader", "gridBefore"];

/// For a grid property element, its `w:val` (empty when it has none).
fn grid_property(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    if !GRID_PROPERTIES.contains(&e.local_name().as_ref()) {
        return None;
    }
    let val = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.to_string());
    Some(val.unwrap_or_default())
}

/// A `w:val` read as a count (`"2"`); `None` if it is none.
fn count(val: &str) -> Option<usize> {
    val.trim().parse().ok()
}

/// For a `<w:sym>` element, the checkbox its font and character draw (see [`super::symbols`]).
fn symbol(e: &quick_xml::events::BytesStart<'_>) -> Option<&'static str> {
    if e.local_name().as_ref() != "sym" {
        return None;
    }
    let (mut font, mut code) = (None, None);
    for attr in e.attributes().flatten() {
        let value = Some(attr.value.to_string());
        match attr.key.local_name().as_ref() {
            "font" => font = value,
            "char" => code = value,
            _ => {}
        }
    }
    super::symbols::checkbox(&font?, &code?)
}

impl Walker {
    /// Walks `xml`, which starts `base` bytes into the part.
    fn run(mut self, xml: &str, base: usize) -> Result<Extracted, String> {
        self.span_budget = xml.len().saturating_add(SPAN_SLACK);
        let mut reader = Reader::from_str(xml);
        loop {
            let start = base + offset(reader.buffer_position());
            let event = reader
                .read_event()
                .map_err(|e| malformed(base + offset(reader.error_position()), &e))?;
            let span = start..base + offset(reader.buffer_position());
            match event {
                Event::Start(e) => {
                    self.depth += 1;
                    self.symbol = symbol(&e);
                    self.val = grid_property(&e);
                    self.open(e.local_name().as_ref(), span);
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    self.close(e.local_name().as_ref(), span);
                }
                Event::Empty(e) => {
                    self.symbol = symbol(&e);
                    self.val = grid_property(&e);
                    self.open(e.local_name().as_ref(), span.clone());
                    self.close(e.local_name().as_ref(), span);
                }
                Event::Text(e) => self.text(span.start, &e),
                // The content of `<![CDATA[` ... `]]>` is verbatim, 9 bytes into the markup.
                Event::CData(e) => self.text(span.start + "<![CDATA[".len(), &e),
                Event::GeneralRef(e) => self.reference(&e, span)?,
                Event::Eof => break,
                _ => {}
            }
        }
        if self.depth != 0 {
            return Err(malformed(
                base + xml.len(),
                &"the part ends before its elements are closed",
            ));
        }
        let (text, map) = self.out.finish();
        Ok(Extracted {
            text,
            map,
            paragraphs: self.paragraphs,
        })
    }

    /// A start tag `name`, whose markup is `span` (an empty element is opened and closed).
    fn open(&mut self, name: &str, span: Range<usize>) {
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        if !self.in_body {
            self.in_body = name == "body";
            return;
        }
        match name {
            // Deleted and moved-away text, and field instructions: not what the reader sees.
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" => self.skip = 1,
            "AlternateContent" => self.alternates.push(false),
            "Choice" | "Fallback" => self.open_alternative(name),
            "p" => self.start_paragraph(span),
            "tbl" => self.open_table(),
            "tr" if self.in_grid() => self.start_row(span),
            "tc" if self.in_grid() => self.start_cell(span),
            _ if self.val.is_some() && self.in_grid() => self.grid_property(name),
            "r" => self.runs += 1,
            "t" => self.in_text = true,
            _ if self.runs > 0 && self.paras > 0 => self.character(name, span),
            _ => {}
        }
    }

    /// An end tag `name`, whose markup is `span`.
    fn close(&mut self, name: &str, span: Range<usize>) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if !self.in_body {
            return;
        }
        match name {
            "body" => self.in_body = false,
            "AlternateContent" => {
                self.alternates.pop();
            }
            "p" => self.end_paragraph(span),
            "tc" if self.in_grid() => self.end_grid_cell(),
            "tr" if self.in_grid() => self.end_grid_row(span),
            "tbl" if self.in_grid() => self.close_table(span),
            "tc" => self.end_cell(span),
            "tr" => self.end_row(span),
            "tbl" => self.tables = self.tables.saturating_sub(1),
            "r" => self.runs = self.runs.saturating_sub(1),
            "t" => self.in_text = false,
            _ => {}
        }
    }

    /// Reads the first `mc:Choice` of an `mc:AlternateContent` and skips the rest.
    ///
    /// Word stores text boxes and other drawings twice: as a modern choice (DrawingML) and as a
    /// legacy fallback (VML) for older readers; reading both would repeat their text. The first
    /// choice is what Word itself shows, and unlike the fallback, which the standard makes
    /// optional, a choice is always present. sdlint matches elements by local name whatever
    /// their namespace, so it "understands" every choice and takes the first, as a conforming
    /// reader that understood them all would.
    fn open_alternative(&mut self, name: &str) {
        match self.alternates.last_mut() {
            Some(chosen) if name == "Choice" && !*chosen => *chosen = true,
            Some(_) => self.skip = 1,
            // Outside any `mc:AlternateContent`: nothing to choose between.
            None => {}
        }
    }

    /// Elements inside a run that stand for a character.
    fn character(&mut self, name: &str, span: Range<usize>) {
        // Inside a table or a text box, a tab or line break would split the row's line or
        // forge a cell boundary: a space stands in for it there.
        let flat = self.is_flat();
        let text = match name {
            "tab" | "ptab" if !flat => "\t",
            "br" | "cr" if !flat => "\n",
            "tab" | "ptab" | "br" | "cr" => " ",
            "noBreakHyphen" => "-",
            // A checkbox drawn in a symbol font is the box it shows.
            "sym" => match self.symbol.take() {
                Some(checkbox) => checkbox,
                None => return,
            },
            // `softHyphen` is invisible unless a line breaks there; any other symbol is a glyph
            // of a symbol font, not text.
            _ => return,
        };
        self.flush();
        self.out.replace(span.start, span.end, text);
    }

    /// Whether text goes into a line shared with other paragraphs (a table row, or the
    /// paragraph that anchors a text box), where tabs and breaks would mislead.
    fn is_flat(&self) -> bool {
        self.tables > 0 || self.paras > 1
    }

    fn start_paragraph(&mut self, span: Range<usize>) {
        if self.paras > 0 {
            // A paragraph inside a paragraph: a text box's text joins its anchor's line.
            self.separate(" ", span.clone());
        }
        if self.in_grid() && self.table.as_ref().is_some_and(|t| t.row.is_some()) {
            // A paragraph in a row outside its cells is one of its own.
            if self
                .table
                .as_ref()
                .and_then(|t| t.row.as_ref())
                .is_some_and(|r| r.cell.is_none())
            {
                self.start_cell(span.clone());
            }
        }
        self.flush();
        let start = u32::try_from(self.out.text().len()).unwrap_or(u32::MAX);
        match self
            .table
            .as_mut()
            .and_then(|t| t.row.as_mut())
            .and_then(|r| r.cell.as_mut())
        {
            // In a cell, where the cell's text will stand is known once its row is written.
            Some(cell) => cell.marks.push(start),
            None => self.paragraphs.push(start),
        }
        self.paras += 1;
    }

    fn end_paragraph(&mut self, span: Range<usize>) {
        self.paras = self.paras.saturating_sub(1);
        self.in_text = false;
        if self.paras == 0 && self.tables == 0 {
            self.end_line(span);
        } else {
            self.separate(" ", span);
        }
    }

    fn end_cell(&mut self, span: Range<usize>) {
        if self.in_outer_table() {
            self.separate("\t", span);
        } else {
            self.separate(" ", span);
        }
    }

    fn end_row(&mut self, span: Range<usize>) {
        if self.in_outer_table() {
            self.end_line(span);
        } else {
            self.separate(" ", span);
        }
    }

    /// Whether the current table is one whose rows are lines: not nested in a cell or text box.
    fn in_outer_table(&self) -> bool {
        self.tables == 1 && self.paras == 0
    }

    /// Ends the line with a newline standing for `span`; a separator still owed is dropped.
    fn end_line(&mut self, span: Range<usize>) {
        self.pending = None;
        self.out.replace(span.start, span.end, "\n");
    }

    /// Owes `text` (standing for `src`) before whatever comes next on the line.
    fn separate(&mut self, text: &'static str, src: Range<usize>) {
        if !self.pending.as_ref().is_some_and(|p| p.outranks(text)) {
            self.pending = Some(Separator { text, src });
        }
    }

    /// Writes the separator owed, if any. A space is not doubled, nor written at a line's or
    /// cell's start.
    fn flush(&mut self) {
        let Some(separator) = self.pending.take() else {
            return;
        };
        let written = self.out.text();
        if separator.text == " " && (written.is_empty() || written.ends_with([' ', '\t', '\n'])) {
            return;
        }
        self.out
            .replace(separator.src.start, separator.src.end, separator.text);
    }

    /// Whether character data here is document text.
    fn takes_text(&self) -> bool {
        self.skip == 0 && self.in_body && self.in_text && self.paras > 0
    }

    /// Character data `text` starting at `start` in the part, without references.
    fn text(&mut self, start: usize, text: &str) {
        if !self.takes_text() || text.is_empty() {
            return;
        }
        self.flush();
        let flat = self.is_flat();
        let mut plain = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let Some(replacement) = control_replacement(c, flat) else {
                continue;
            };
            let mut end = i + c.len_utf8();
            // A CR LF pair is one line end, one space.
            if c == '\r' && chars.next_if(|&(_, next)| next == '\n').is_some() {
                end += 1;
            }
            self.out.verbatim(start + plain, &text[plain..i]);
            self.out.replace(start + i, start + end, replacement);
            plain = end;
        }
        self.out.verbatim(start + plain, &text[plain..]);
    }

    /// An entity or character reference, whose markup (`&amp;`, `&#x2014;`) is `span`.
    fn reference(&mut self, reference: &BytesRef<'_>, span: Range<usize>) -> Result<(), String> {
        let resolved = resolve(reference).ok_or_else(|| {
            malformed(
                span.start,
                &format_args!("unknown or invalid reference &{};", &**reference),
            )
        })?;
        if !self.takes_text() {
            return Ok(());
        }
        self.flush();
        let mut buffer = [0; 4];
        let text = control_replacement(resolved, self.is_flat())
            .unwrap_or_else(|| resolved.encode_utf8(&mut buffer));
        self.out.replace(span.start, span.end, text);
        Ok(())
    }
}

/// Tables: the outer table's rows read cell by cell, each cell into a builder of its own, and
/// laid out by [`Grid`] (cells merged down with `vMerge` repeated, `gridSpan` columns kept).
impl Walker {
    /// Whether the walk is in the outer table, outside its cells' paragraphs: where rows and
    /// cells start and end and their properties are read.
    fn in_grid(&self) -> bool {
        self.table.is_some() && self.tables == 1 && self.paras == 0
    }

    fn open_table(&mut self) {
        self.tables += 1;
        if self.tables == 1 && self.paras == 0 {
            self.table = Some(Table {
                grid: Grid::new(std::mem::take(&mut self.span_budget)),
                row: None,
            });
        }
    }

    /// Ends the outer table at its end tag `span`, writing what it still holds.
    fn close_table(&mut self, span: Range<usize>) {
        self.end_grid_row(span.clone());
        self.tables = self.tables.saturating_sub(1);
        let Some(mut table) = self.table.take() else {
            return;
        };
        let line = table.grid.finish();
        self.span_budget = table.grid.take_budget();
        self.write_lines(line, span);
    }

    /// Starts a row at its start tag `span`, setting aside the text before it.
    fn start_row(&mut self, span: Range<usize>) {
        self.end_grid_row(span.clone());
        let Some(table) = self.table.as_mut() else {
            return;
        };
        table.row = Some(OpenRow {
            cells: Vec::new(),
            cell: None,
            anchor: span.into(),
            header: false,
            skip: 0,
            outer: std::mem::take(&mut self.out),
            pending: self.pending.take(),
        });
    }

    /// Starts a cell at its start tag `span` (and a row, if none is open).
    fn start_cell(&mut self, span: Range<usize>) {
        if self.table.as_ref().is_some_and(|t| t.row.is_none()) {
            self.start_row(span.clone());
        }
        self.end_grid_cell();
        if let Some(row) = self.table.as_mut().and_then(|t| t.row.as_mut()) {
            row.cell = Some(Cell::new(String::new(), SourceMap::default(), span.into()));
        }
    }

    /// A property of the row or cell being read, whose `w:val` was kept.
    fn grid_property(&mut self, name: &str) {
        let val = self.val.take().unwrap_or_default();
        let Some(row) = self.table.as_mut().and_then(|t| t.row.as_mut()) else {
            return;
        };
        match (name, row.cell.as_mut()) {
            ("gridSpan", Some(cell)) => {
                cell.colspan = count(&val).unwrap_or(1).clamp(1, grid::MAX_COLSPAN);
            }
            ("vMerge", Some(cell)) if val == "restart" => cell.rows = Rows::Merged,
            ("vMerge", Some(cell)) => cell.continues = true,
            ("tblHeader", None) => row.header = !matches!(val.as_str(), "0" | "false" | "off"),
            ("gridBefore", None) => row.skip = count(&val).unwrap_or(0).min(grid::MAX_COLSPAN),
            _ => {}
        }
    }

    /// Ends the cell being read: its text joins the row's cells.
    fn end_grid_cell(&mut self) {
        let Some(row) = self.table.as_mut().and_then(|t| t.row.as_mut()) else {
            return;
        };
        let Some(mut cell) = row.cell.take() else {
            return;
        };
        (cell.text, cell.map) = std::mem::take(&mut self.out).finish();
        // A separator owed at the cell's end is not text.
        self.pending = None;
        row.cells.push(cell);
    }

    /// Ends the row being read, if one is open, at `span`: its line (and a header's it ends)
    /// is written.
    fn end_grid_row(&mut self, span: Range<usize>) {
        self.end_grid_cell();
        let Some(table) = self.table.as_mut() else {
            return;
        };
        let Some(row) = table.row.take() else {
            return;
        };
        self.out = row.outer;
        self.pending = row.pending;
        let lines = table.grid.row(Row {
            cells: row.cells,
            anchor: row.anchor,
            header: row.header,
            skip: row.skip,
        });
        self.write_lines(lines, span);
    }

    /// Writes table lines, each ended by a newline (the last one's standing for `end`), and
    /// gives their cells' paragraphs their places.
    fn write_lines(&mut self, lines: impl IntoIterator<Item = Line>, end: Range<usize>) {
        let mut lines = lines.into_iter().peekable();
        while let Some(line) = lines.next() {
            let base = self.out.text().len();
            self.out.append(&line.text, &line.map, 0);
            for mark in line.marks {
                // A header's paragraphs combined column by column stay in document order.
                let at = u32::try_from(base + mark as usize).unwrap_or(u32::MAX);
                let at = at.max(self.paragraphs.last().copied().unwrap_or(0));
                self.paragraphs.push(at);
            }
            let src = match lines.peek() {
                Some(_) => line.anchor.as_range(),
                None => end.clone(),
            };
            self.end_line(src);
        }
    }
}

/// What a control character in text becomes: line ends (which Word shows as spaces) and other
/// controls a space, so that a paragraph stays one line; a tab stays, except where it would
/// forge a table cell. `None` for ordinary characters.
fn control_replacement(c: char, flat: bool) -> Option<&'static str> {
    match c {
        '\t' if !flat => None,
        c if c.is_control() => Some(" "),
        _ => None,
    }
}

/// The character a predefined entity or a character reference stands for.
fn resolve(reference: &BytesRef<'_>) -> Option<char> {
    match &**reference {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => reference.resolve_char_ref().ok().flatten(),
    }
}

/// Builds .docx files in memory, for tests here and in `tests/`.
#[doc(hidden)]
pub mod testing {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    /// The WordprocessingML namespace.
    pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

    const RELATIONSHIPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    /// `body` (the content of `<w:body>`) wrapped into a whole `word/document.xml`.
    pub fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    /// A minimal .docx whose `word/document.xml` is `document_xml`.
    pub fn build_docx(document_xml: &str) -> Vec<u8> {
        build_zip(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELATIONSHIPS.as_bytes()),
            ("word/document.xml", document_xml.as_bytes()),
        ])
    }

    /// A zip archive of `parts` (name, content), deflated.
    ///
    /// # Panics
    /// Never in practice: the archive is written to memory.
    pub fn build_zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            zip.start_file(*name, options).expect("zip entry in memory");
            zip.write_all(content).expect("zip write in memory");
        }
        zip.finish().expect("zip in memory").into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{build_docx, build_zip, document};
    use super::*;
    use crate::span::TextRange;

    /// Extracts a document whose body is `body`, checking the map on the way.
    fn body(body: &str) -> Extracted {
        let xml = document(body);
        let extracted = extract(&build_docx(&xml)).expect("extracts");
        check_map(&extracted, &xml);
        extracted
    }

    fn text(xml_body: &str) -> String {
        body(xml_body).text
    }

    /// Every range of the text maps inside the XML, and verbatim letters to themselves.
    fn check_map(extracted: &Extracted, xml: &str) {
        let text = &extracted.text;
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (n, &start) in bounds.iter().enumerate() {
            for &end in &bounds[n..] {
                let src = extracted.map.to_source(TextRange::new(start, end));
                assert!(src.end() <= xml.len(), "{start}..{end} maps to {src:?}");
            }
        }
        for (i, c) in text.char_indices() {
            let src = extracted.map.to_source(TextRange::new(i, i + c.len_utf8()));
            if c.is_alphanumeric() && src.len() == c.len_utf8() {
                assert_eq!(&xml[src.as_range()], &text[i..i + c.len_utf8()], "at {i}");
            }
        }
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn cell(content: &str) -> String {
        format!("<w:tc><w:tcPr/>{content}</w:tc>")
    }

    #[test]
    fn paragraphs_become_lines() {
        let extracted = body(&format!("{}<w:p/>{}<w:sectPr/>", p("One"), p("Two")));
        assert_eq!(extracted.text, "One\n\nTwo\n");
        assert_eq!(extracted.paragraphs, [0, 4, 5]);
    }

    #[test]
    fn runs_join_and_letters_map_to_themselves() {
        let xml = document(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Conflict </w:t></w:r><w:r><w:t xml:space="preserve">Minerals</w:t></w:r></w:p>"#,
        );
        let extracted = extract(&build_docx(&xml)).expect("extracts");
        assert_eq!(extracted.text, "Conflict Minerals\n");
        let src = extracted.map.to_source(TextRange::new(9, 17));
        assert_eq!(&xml[src.as_range()], "Minerals");
    }

    #[test]
    fn tabs_breaks_and_hyphens() {
        let run = "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/>\
                   <w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f</w:t>\
                   <w:sym w:font=\"Wingdings\" w:char=\"F04A\"/></w:r>";
        assert_eq!(text(&format!("<w:p>{run}</w:p>")), "a\tb\nc\nd-ef\n");
    }

    #[test]
    fn a_symbol_font_checkbox_is_a_box_and_maps_to_its_element() {
        let sym = "<w:sym w:font=\"Wingdings\" w:char=\"F078\"/>";
        let xml =
            format!("<w:p><w:r>{sym}<w:t xml:space=\"preserve\"> Rule 13p-1</w:t></w:r></w:p>");
        let extracted = body(&xml);
        assert_eq!(extracted.text, "\u{2612} Rule 13p-1\n");
        let src = extracted.map.to_source(TextRange::new(0, "\u{2612}".len()));
        assert_eq!(&document(&xml)[src.as_range()], sym);
        let unchecked = "<w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/>";
        assert_eq!(
            text(&format!("<w:p><w:r>{unchecked}</w:r></w:p>")),
            "\u{2610}\n"
        );
    }

    #[test]
    fn a_table_row_is_one_tab_separated_line() {
        let row = format!(
            "<w:tr>{}{}{}</w:tr>",
            cell(&p("Smelter")),
            cell("<w:p/>"),
            cell(&format!("{}{}", p("Conformant"), p("2024")))
        );
        let extracted = body(&format!(
            "{}<w:tbl><w:tblPr/>{row}{row}</w:tbl>{}",
            p("Before"),
            p("After")
        ));
        assert_eq!(
            extracted.text,
            "Before\nSmelter\t\tConformant 2024\nSmelter\t\tConformant 2024\nAfter\n"
        );
        // Four paragraphs per row, each pointing into the row's line.
        assert_eq!(extracted.paragraphs, [0, 7, 15, 16, 27, 32, 40, 41, 52, 57]);
    }

    #[test]
    fn merged_and_spanning_cells_are_read_as_the_grid() {
        let props = |p: &str| format!("<w:tc><w:tcPr>{p}</w:tcPr>");
        let merged = |p: &str, text: &str| format!("{}{}</w:tc>", props(p), self::p(text));
        let head = format!(
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}</w:tr>\
             <w:tr><w:trPr><w:tblHeader w:val=\"true\"/></w:trPr>{}{}{}{}</w:tr>",
            merged("<w:vMerge w:val=\"restart\"/>", "Metal"),
            merged("<w:gridSpan w:val=\"2\"/>", "Smelter"),
            merged("<w:vMerge w:val=\"restart\"/>", "Status"),
            merged("<w:vMerge/>", ""),
            cell(&p("Name")),
            cell(&p("Country")),
            merged("<w:vMerge w:val=\"continue\"/>", ""),
        );
        let rows = format!(
            "<w:tr>{}{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr>\
             <w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}{}</w:tr>",
            merged("<w:vMerge w:val=\"restart\"/>", "Tin"),
            cell(&p("A Tin")),
            cell(&p("Peru")),
            cell(&p("Active")),
            merged("<w:vMerge/>", ""),
            cell(&p("B Tin")),
            cell(&p("Chile")),
            cell(&p("Active")),
            cell(&p("C Tin")),
            cell(&p("Bolivia")),
            cell(&p("Active")),
        );
        let xml = format!("<w:tbl>{head}{rows}</w:tbl>{}", p("After"));
        let extracted = body(&xml);
        assert_eq!(
            extracted.text,
            "Metal\tSmelter Name\tSmelter Country\tStatus\nTin\tA Tin\tPeru\tActive\n\
             Tin\tB Tin\tChile\tActive\n\tC Tin\tBolivia\tActive\nAfter\n"
        );
        // One paragraph start per paragraph, in order; the repeated metal stands where the
        // merged cell's own (empty) paragraph is.
        let starts = &extracted.paragraphs;
        assert_eq!(starts.len(), 19);
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        let b_row = extracted.text.find("Tin\tB").expect("row");
        assert!(starts.contains(&(b_row as u32)));
        let src = extracted.map.to_source(TextRange::new(b_row, b_row + 3));
        assert!(document(&xml)[src.as_range()].starts_with("<w:tc>"));
    }

    #[test]
    fn huge_spans_are_clamped_and_bounded() {
        let wide = "<w:tc><w:tcPr><w:gridSpan w:val=\"99999999999\"/><w:vMerge w:val=\"restart\"/></w:tcPr><w:p/></w:tc>";
        let late = "<w:trPr><w:gridBefore w:val=\"4294967296\"/></w:trPr>";
        let row = format!(
            "<w:tr>{late}{wide}<w:tc><w:tcPr><w:gridSpan w:val=\"1000\"/></w:tcPr>{}</w:tc></w:tr>",
            p("x")
        );
        let rows = row.repeat(2000);
        let xml = document(&format!("<w:tbl>{rows}</w:tbl>"));
        let extracted = extract(&build_docx(&xml)).expect("extracts");
        assert_eq!(extracted.text.lines().count(), 2000);
        assert!(extracted.text.len() <= 2 * xml.len() + SPAN_SLACK);
    }

    #[test]
    fn nested_tables_and_tabs_in_cells_flatten_into_the_cell() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            cell(&p("x")),
            cell(&p("y"))
        );
        let tabbed = "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>";
        let row = format!(
            "<w:tr>{}{}</w:tr>",
            cell(&format!("{}{inner}", p("outer"))),
            cell(tabbed)
        );
        assert_eq!(text(&format!("<w:tbl>{row}</w:tbl>")), "outer x y\ta b c\n");
    }

    #[test]
    fn tracked_changes_keep_the_final_text() {
        let para = "<w:p><w:r><w:t>The </w:t></w:r>\
                    <w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>old </w:delText></w:r></w:del>\
                    <w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>new </w:t></w:r></w:ins>\
                    <w:moveFrom w:id=\"3\"><w:r><w:t>gone </w:t></w:r></w:moveFrom>\
                    <w:moveTo w:id=\"4\"><w:r><w:t>moved </w:t></w:r></w:moveTo>\
                    <w:r><w:t>text</w:t></w:r></w:p>";
        assert_eq!(text(para), "The new moved text\n");
    }

    #[test]
    fn field_instructions_are_dropped_and_results_kept() {
        let para = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
                    <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
                    <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r>\
                    <w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
        assert_eq!(text(para), "7\n");
    }

    #[test]
    fn alternate_content_is_read_once() {
        let box_text = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
        let para = format!(
            "<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent>\
             <mc:Choice Requires=\"wps\">{}</mc:Choice><mc:Fallback>{}</mc:Fallback>\
             </mc:AlternateContent></w:r><w:r><w:t>after</w:t></w:r></w:p>",
            box_text("Boxed"),
            box_text("Legacy")
        );
        let extracted = body(&para);
        assert_eq!(extracted.text, "Anchor Boxed after\n");
        assert_eq!(extracted.paragraphs, [0, 7]);
    }

    #[test]
    fn entities_are_decoded_and_map_as_a_whole() {
        let xml = document(&p("R&amp;D &#8212; &lt;3&#x41;"));
        let extracted = extract(&build_docx(&xml)).expect("extracts");
        assert_eq!(extracted.text, "R&D \u{2014} <3A\n");
        check_map(&extracted, &xml);
        let amp = extracted.map.to_source(TextRange::new(1, 2));
        assert_eq!(&xml[amp.as_range()], "&amp;");
        let dash = extracted.map.to_source(TextRange::new(4, 7));
        assert_eq!(&xml[dash.as_range()], "&#8212;");
        let d = extracted.map.to_source(TextRange::new(2, 3));
        assert_eq!(&xml[d.as_range()], "D");
    }

    #[test]
    fn other_prefixes_cdata_and_line_ends_in_text() {
        let xml = format!(
            "\u{feff}<x:document xmlns:x=\"{}\"><x:body><x:p><x:r><x:t>a\r\nb<![CDATA[c&d]]></x:t></x:r></x:p></x:body></x:document>",
            testing::W_NS
        );
        let extracted = extract(&build_docx(&xml)).expect("extracts");
        assert_eq!(extracted.text, "a bc&d\n");
        check_map(&extracted, &xml);
        let space = extracted.map.to_source(TextRange::new(1, 2));
        assert_eq!(&xml[space.as_range()], "\r\n");
    }

    #[test]
    fn text_outside_the_body_or_paragraphs_is_left_out() {
        let xml = format!(
            "<w:document xmlns:w=\"{}\"><w:background><w:t>bg</w:t></w:background><w:body>\
             <w:r><w:t>stray</w:t></w:r>{}</w:body></w:document>",
            testing::W_NS,
            p("kept")
        );
        assert_eq!(extract(&build_docx(&xml)).expect("extracts").text, "kept\n");
    }

    #[test]
    fn not_a_zip() {
        let error = extract(b"Conflict Minerals Report").unwrap_err();
        assert!(
            error.starts_with("not a Word document: a .docx file is a zip archive"),
            "{error}"
        );
        let error = extract(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap_err();
        assert!(error.contains("password-protected"), "{error}");
    }

    #[test]
    fn missing_document_part() {
        let error = extract(&build_zip(&[("word/styles.xml", b"<w:styles/>")])).unwrap_err();
        assert!(error.contains("has no word/document.xml"), "{error}");
    }

    #[test]
    fn encrypted_part() {
        let mut zip = build_docx(&document(&p("secret")));
        // Set the "encrypted" flag (bit 0 of the general purpose flags) on every entry.
        for (signature, flags_at) in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)] {
            let starts: Vec<usize> = zip
                .windows(4)
                .enumerate()
                .filter(|(_, w)| w == signature)
                .map(|(i, _)| i)
                .collect();
            for start in starts {
                zip[start + flags_at] |= 1;
            }
        }
        let error = extract(&zip).unwrap_err();
        assert!(error.contains("encrypted"), "{error}");
    }

    #[test]
    fn malformed_xml_says_where() {
        let xml = document("<w:p><w:r><w:t>open</w:r></w:p>");
        let error = extract(&build_docx(&xml)).unwrap_err();
        let at = xml.find("</w:r>").expect("end tag");
        assert!(
            error.contains(&format!("not well-formed XML at byte {at}")),
            "{error}"
        );
        let error = extract(&build_docx(&document(&p("R&D")))).unwrap_err();
        assert!(error.contains("not well-formed XML"), "{error}");
        let error = extract(&build_docx(&document(&p("&nbsp;")))).unwrap_err();
        assert!(error.contains("&nbsp;"), "{error}");
        let truncated = &document(&p("cut"))[..60];
        let error = extract(&build_docx(truncated)).unwrap_err();
        assert!(error.contains("not well-formed XML"), "{error}");
        let error = extract(&build_zip(&[("word/document.xml", b"<a>\xff</a>")])).unwrap_err();
        assert!(error.contains("not valid UTF-8 at byte 3"), "{error}");
    }

    #[test]
    fn empty_body_has_no_text() {
        let error = extract(&build_docx(&document(
            "<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>",
        )))
        .unwrap_err();
        assert_eq!(error, "the Word document has no text to lint");
    }

    #[test]
    fn oversized_part_is_refused() {
        let zip = build_docx(&document(&p(&"x".repeat(1000))));
        let error = read_document_part(&zip, 100).unwrap_err();
        assert!(error.contains("too large"), "{error}");
        assert!(read_document_part(&zip, 100_000).is_ok());
    }

    #[test]
    fn a_part_that_lies_about_its_size_is_not_read_past_the_limit() {
        let big = vec![b' '; 100_000];
        let mut zip = build_zip(&[("word/document.xml", &big)]);
        // Claim 10 bytes in both headers (uncompressed size: offset 22 in a local header, 24 in
        // a central directory header).
        for (signature, size_at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let at = zip.windows(4).position(|w| w == signature).expect("header") + size_at;
            zip[at..at + 4].copy_from_slice(&10u32.to_le_bytes());
        }
        match read_document_part(&zip, 1000) {
            Ok(xml) => assert!(xml.len() <= 1000),
            Err(error) => assert!(
                error.contains("too large") || error.contains("damaged"),
                "{error}"
            ),
        }
    }

    #[test]
    fn never_panics_on_truncated_archives() {
        let zip = build_docx(&document(&p("text")));
        for len in 0..zip.len() {
            let _ = extract(&zip[..len]);
        }
        let xml = document(&format!(
            "{}<w:tbl><w:tr>{}</w:tr></w:tbl>",
            p("a&amp;b<![CDATA[c]]>"),
            cell(&p("d"))
        ));
        for len in (0..xml.len()).filter(|&len| xml.is_char_boundary(len)) {
            let _ = extract(&build_docx(&xml[..len]));
        }
    }
}
