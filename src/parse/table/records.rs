//! The smelter and refiner annex written as records rather than as a table: a facility per
//! line ("Metal: Tin; Smelter: Example Smelting Co.; Country: Bolivia"), or a field per line
//! and a facility per block of lines. Each record becomes a row of a [`SmelterTable`] whose
//! columns are the fields its keys name, as a header's cells name them, so that the annex's
//! checks read it as they read a table. Records are read only after the annex's caption: a
//! summary in the report's body ("Smelters identified: 245") is no list of facilities.

use super::super::line::{Line, LineKind};
use super::{Columns, Field, ORPHAN_MAX_LEN, ROW_LOOKAHEAD, Row, SmelterTable};
use crate::span::TextRange;

/// The longest key of a field ("Smelter or Refiner Name", "Smelter Identification Number").
const KEY_MAX_LEN: usize = 40;
/// The most words a key has.
const KEY_MAX_WORDS: usize = 5;
/// The most words of a metal's name ("Tin", "Tantalum (Ta)", "Columbite-tantalite").
const METAL_MAX_WORDS: usize = 3;

/// One field of a record: the column its key names (if any), its value (trimmed), the value's
/// words when they run over a line break, and the lines it starts and ends on.
#[derive(Clone, Debug)]
struct Pair {
    field: Option<Field>,
    value: TextRange,
    joined: Option<Box<str>>,
    lines: (usize, usize),
}

/// A facility's record: from its first line to its last, its first line, and its fields.
#[derive(Debug)]
struct Record {
    range: TextRange,
    first_line: TextRange,
    pairs: Vec<Pair>,
}

/// Reads the records from line `start`, if a record of a facility starts there, until they
/// end: at a long line, or after short lines no record follows (short lines between records
/// are orphans). Returns them as a table and the index of the first line after them; or, when
/// no record starts at `start`, the index of the first line after the block of lines there
/// (none of which starts one either).
pub(super) fn read(
    text: &str,
    lines: &[Line],
    start: usize,
) -> Result<(SmelterTable, usize), usize> {
    let end = block_end(text, lines, start);
    let mut records = block_records(text, lines, (start, end), true).ok_or(end)?;
    let mut orphans = Vec::new();
    let mut pending = Vec::new();
    let mut header_lines = 0;
    let mut i = end;
    while i < lines.len() {
        let line = &lines[i];
        let header_allowed = std::mem::take(&mut header_lines);
        // (A record under a page number reads like the next page's header: it is tried first.)
        let furniture = header_allowed > 0 && super::is_page_header(text, line);
        if is_text(line) {
            let end = block_end(text, lines, i);
            if let Some(more) = block_records(text, lines, (i, end), false) {
                records.extend(more);
                orphans.append(&mut pending);
                i = end;
                continue;
            }
            if !furniture {
                let short = lines[i..end]
                    .iter()
                    .all(|l| l.range.len() <= ORPHAN_MAX_LEN);
                if !short || pending.len() + (end - i) > ROW_LOOKAHEAD {
                    break;
                }
                pending.extend(lines[i..end].iter().map(|l| l.range));
                i = end;
                continue;
            }
        }
        match line.kind {
            LineKind::PageNumber => header_lines = 2,
            LineKind::Separator | LineKind::Annex => {}
            _ if furniture => header_lines = header_allowed - 1,
            _ if line.range.len() <= ORPHAN_MAX_LEN && pending.len() < ROW_LOOKAHEAD => {
                pending.push(line.range);
            }
            _ => break,
        }
        i += 1;
    }
    let next = i - pending.len();
    Ok((table(records, orphans), next))
}

/// Whether a line is one of text, where fields are written (not a heading, a caption or a row).
fn is_text(line: &Line) -> bool {
    matches!(line.kind, LineKind::Text | LineKind::Title)
}

/// The index of the first line after the block of text lines at `start` (lines with no blank
/// line between them).
fn block_end(text: &str, lines: &[Line], start: usize) -> usize {
    let mut end = start + 1;
    while end < lines.len()
        && is_text(&lines[end])
        && text
            .get(lines[end - 1].range.end()..lines[end].range.start())
            .is_some_and(|between| between.bytes().filter(|&b| b == b'\n').count() == 1)
    {
        end += 1;
    }
    end
}

/// The records of the block of lines `start..end`, if it is made of fields: two or more, among
/// them a metal and a facility when it is the first block (`first`), or when records came
/// before, a metal, or a facility with its country, status or number. A record ends where a
/// field repeats (the next record's).
fn block_records(
    text: &str,
    lines: &[Line],
    (start, end): (usize, usize),
    first: bool,
) -> Option<Vec<Record>> {
    let pairs = block_fields(text, lines, start, end)?;
    // Fields whose values are sentences define words ("Smelter: a facility that refines
    // ore."); a metal is a word or two.
    let prose = pairs.iter().any(|p| {
        let value = &text[p.value.as_range()];
        super::super::reading::in_sentence_case(value)
            || (p.field == Some(Field::Metal) && value.split_whitespace().count() > METAL_MAX_WORDS)
    });
    if prose {
        return None;
    }
    let has = |field: Field| pairs.iter().any(|p| p.field == Some(field));
    // A later block may lack the metal or the facility (a defect the annex's checks report),
    // but not be a signature's name and title.
    let described = [Field::Country, Field::Status, Field::Cid]
        .into_iter()
        .any(has);
    let enough = if first {
        has(Field::Metal) && has(Field::Name)
    } else {
        has(Field::Metal) || (has(Field::Name) && described)
    };
    if pairs.len() < 2 || !enough {
        return None;
    }
    let mut records = Vec::new();
    let mut current: Vec<Pair> = Vec::new();
    for pair in pairs {
        let repeats = pair
            .field
            .is_some_and(|f| current.iter().any(|p| p.field == Some(f)));
        if repeats {
            records.push(record(lines, std::mem::take(&mut current)));
        }
        current.push(pair);
    }
    records.push(record(lines, current));
    Some(records)
}

/// The record of `pairs` (at least one), read from `lines`.
fn record(lines: &[Line], pairs: Vec<Pair>) -> Record {
    let first = pairs.first().map_or(0, |p| p.lines.0);
    let last = pairs.last().map_or(first, |p| p.lines.1);
    Record {
        range: TextRange::new(lines[first].range.start(), lines[last].range.end()),
        first_line: lines[first].range,
        pairs,
    }
}

/// The fields of the lines `start..end`, if they are made of them: "Key: value" pieces
/// separated by ";" or by line breaks. A line wrapped in a value goes on with the value (a
/// piece that is no field, first on its line); one wrapped in a key, before its colon, goes on
/// on the next line.
fn block_fields(text: &str, lines: &[Line], start: usize, end: usize) -> Option<Vec<Pair>> {
    // Most blocks of prose have no colon within a key's length of their start.
    let first = &text[lines[start].range.as_range()];
    let lead = first.len() - first.trim_start().len();
    if first.find(':')? > lead + KEY_MAX_LEN {
        return None;
    }
    let mut pairs: Vec<Pair> = Vec::new();
    // A key wrapped before its colon, waiting for the rest on the next line.
    let mut open: Option<TextRange> = None;
    let mut after_semicolon = true;
    for (j, line) in lines.iter().enumerate().take(end).skip(start) {
        let range = line.range;
        let words = &text[range.as_range()];
        let pieces = pieces(range, words);
        let count = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            let piece = match open.take() {
                Some(key) if k == 0 => TextRange::new(key.start(), piece.end()),
                _ => piece,
            };
            if let Some((key, value)) = key_value(text, piece) {
                // Each key alone: a repeated key is the next record's.
                let field = Columns::default().field_of(&key);
                let from = if piece.start() < range.start() {
                    j - 1
                } else {
                    j
                };
                pairs.push(Pair {
                    field,
                    value,
                    joined: None,
                    lines: (from, j),
                });
            } else if k == 0
                && !after_semicolon
                && let Some(last) = pairs.last_mut()
            {
                carry_on(text, last, piece, j);
            } else if k + 1 == count && j + 1 < end && is_key(&text[piece.as_range()]) {
                open = Some(piece);
            } else {
                return None;
            }
        }
        after_semicolon = words.trim_end().ends_with(';');
    }
    open.is_none().then_some(pairs)
}

/// The pieces of `words`, the line at `range`, between ";", trimmed, leaving out empty ones.
fn pieces(range: TextRange, words: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut at = range.start();
    for piece in words.split(';') {
        let lead = piece.len() - piece.trim_start().len();
        let len = piece.trim().len();
        if len > 0 {
            out.push(TextRange::new(at + lead, at + lead + len));
        }
        at += piece.len() + 1;
    }
    out
}

/// Carries the value of `pair` on over the line break into `piece`, on line `j`.
fn carry_on(text: &str, pair: &mut Pair, piece: TextRange, j: usize) {
    let start = if pair.value.is_empty() {
        piece.start()
    } else {
        pair.value.start()
    };
    pair.value = TextRange::new(start, piece.end());
    let words: Vec<&str> = text[pair.value.as_range()].split_whitespace().collect();
    pair.joined = Some(words.join(" ").into());
    pair.lines.1 = j;
}

/// Whether `key` reads as a key: a few words of letters, with "/", "(", ")", "-", "&", "'"
/// and "." between them.
fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_alphabetic())
        && key.len() <= KEY_MAX_LEN
        && key.split_whitespace().count() <= KEY_MAX_WORDS
        && key.chars().all(|c| {
            c.is_alphabetic()
                || c.is_whitespace()
                || matches!(c, '/' | '(' | ')' | '-' | '&' | '\'' | '.')
        })
}

/// The key (its words one space apart) and the value's range of a "Key: value" piece at
/// `range`; the value may be empty.
fn key_value(text: &str, range: TextRange) -> Option<(String, TextRange)> {
    let piece = &text[range.as_range()];
    let colon = piece.find(':')?;
    let key = piece[..colon].trim();
    if !is_key(key) {
        return None;
    }
    let after = &piece[colon + 1..];
    let lead = after.len() - after.trim_start().len();
    let start = range.start() + colon + 1 + lead;
    let words: Vec<&str> = key.split_whitespace().collect();
    Some((
        words.join(" "),
        TextRange::new(start, start + after.trim().len()),
    ))
}

/// The table of `records`: a column for each field a key names, in the order the keys first
/// name them; a record without a field has an empty cell there.
fn table(records: Vec<Record>, orphans: Vec<TextRange>) -> SmelterTable {
    let mut columns = Columns::default();
    let mut width = 0;
    for pair in records.iter().flat_map(|r| &r.pairs) {
        if let Some(field) = pair.field
            && columns.slot(field).is_none()
        {
            *columns.slot(field) = Some(width);
            width += 1;
        }
    }
    let mut rows = Vec::with_capacity(records.len());
    for record in &records {
        let mut row = Row::new(
            record.range,
            vec![TextRange::empty(record.range.end()); width],
        );
        let mut filled = vec![false; width];
        for pair in &record.pairs {
            if let Some(column) = pair.field.and_then(|f| *columns.slot(f))
                && !std::mem::replace(&mut filled[column], true)
            {
                row.set(column, pair.value, pair.joined.clone());
            }
        }
        rows.push(row);
    }
    let first = &records[0];
    let end = records.last().map_or(first.range.end(), |r| r.range.end());
    SmelterTable {
        range: TextRange::new(first.range.start(), end),
        caption: None,
        header: first.first_line,
        columns,
        width,
        rows,
        orphans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables of `text` and the text their ranges point into.
    fn tables(text: &str) -> (String, Vec<SmelterTable>) {
        let doc = crate::parse::parse(text.to_owned());
        let tables = super::super::smelter_tables(&doc.text, &doc.lines);
        (doc.text, tables)
    }

    fn cell(text: &str, row: &Row, column: Option<usize>) -> String {
        row.get(column)
            .map(|c| c.text(text).to_owned())
            .unwrap_or_default()
    }

    #[test]
    fn a_record_per_line_is_a_row() {
        let (text, found) = tables(
            "Annex A - Smelters and Refiners\n\n\
             Metal: Tin; Smelter: Oruro Tin Works; Country: Bolivia; Status: Active\n\
             Metal: Gold; Smelter: Kestrel Assay Co.; Country: ; Status: Conformant;\n",
        );
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert!(t.caption.is_some());
        assert_eq!(t.rows.len(), 2);
        let c = t.columns;
        assert_eq!(cell(&text, &t.rows[0], c.name), "Oruro Tin Works");
        assert_eq!(cell(&text, &t.rows[0], c.country), "Bolivia");
        assert_eq!(cell(&text, &t.rows[1], c.metal), "Gold");
        assert!(t.rows[1].get(c.country).is_none());
        assert_eq!(cell(&text, &t.rows[1], c.status), "Conformant");
    }

    #[test]
    fn a_block_of_fields_is_a_row() {
        let (text, found) = tables(
            "Annex A\n\nMetal: Tin\nSmelter Name: Oruro Tin Works\nCountry: Bolivia\n\n\
             Metal: Gold\nSmelter Name: Kestrel Assay Co.\nMetal: Tungsten\nSmelter Name: Ridge W\nCountry: Peru\n",
        );
        let t = &found[0];
        assert_eq!(t.rows.len(), 3);
        let c = t.columns;
        assert_eq!(cell(&text, &t.rows[1], c.name), "Kestrel Assay Co.");
        assert!(t.rows[1].get(c.country).is_none());
        assert_eq!(cell(&text, &t.rows[2], c.metal), "Tungsten");
    }

    #[test]
    fn a_record_wrapped_over_lines_is_one_row() {
        // Wrapped in a value, after a colon, in a key, and after a semicolon.
        let (text, found) = tables(
            "Annex A\n\nMetal: Tin; Smelter: Vellacott Tin\nSmelting Ltd.; Country:\nMalaysia; Smelter\nID: CID000101;\n\
             Status: Conformant\nMetal: Gold; Smelter: Kestrel Assay Co.; Country: Canada\n",
        );
        let t = &found[0];
        assert_eq!(t.rows.len(), 2);
        assert!(t.orphans.is_empty());
        let c = t.columns;
        let first = &t.rows[0];
        assert_eq!(cell(&text, first, c.name), "Vellacott Tin Smelting Ltd.");
        assert_eq!(cell(&text, first, c.country), "Malaysia");
        assert_eq!(cell(&text, first, c.cid), "CID000101");
        assert_eq!(cell(&text, first, c.status), "Conformant");
        // The cells stand where the file has them.
        let name = first.get(c.name).map(|n| &text[n.range.as_range()]);
        assert_eq!(name, Some("Vellacott Tin\nSmelting Ltd."));
        assert_eq!(cell(&text, &t.rows[1], c.country), "Canada");
    }

    #[test]
    fn fields_outside_the_annex_or_without_a_facility_are_no_records() {
        // Before the caption: a summary of the report.
        let (_, found) = tables(
            "Metal: Tin; Smelter: Oruro Tin Works; Country: Bolivia\n\nAnnex A\n\nSee our website.\n",
        );
        assert!(found.is_empty());
        let (_, found) =
            tables("Annex A\n\nMetals: tin and gold\nProducts: valves\n\nNote: none.\n");
        assert!(found.is_empty());
        // Records go on over a page break, past the page's number and header.
        let (_, found) = tables(
            "Annex A\n\nMetal: Tin; Smelter: Oruro Tin Works; Country: Bolivia\n\n7\n\
             \u{c}Corvid Lathe Systems, Inc. -- Conflict Minerals Report\n\n\
             Metal: Gold; Smelter: Kestrel Assay Co.; Country: Canada\n",
        );
        assert_eq!((found[0].rows.len(), found[0].orphans.len()), (2, 0));
        // A signature after the records is none of them.
        let (_, found) = tables(
            "Annex A\n\nMetal: Tin; Smelter: Oruro Tin Works; Country: Bolivia\n\n\
             By: /s/ Jane Roe\nName: Jane Roe\nTitle: Chief Financial Officer\n",
        );
        assert_eq!(found[0].rows.len(), 1);
        // Words defined for the reader of the annex.
        let (_, found) = tables(
            "Annex A\n\nMetal: tin, tantalum, tungsten or gold\n\
             Smelter: a facility that smelts ore or refines metal for the market\n\
             Country: where the facility stands\n",
        );
        assert!(found.is_empty());
    }
}
