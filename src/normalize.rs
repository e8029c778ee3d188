//! Normalisation: the text the grammar reads, and a map from it back to the original.
//!
//! Markup that carries no meaning for a compliance reader is removed (markdown emphasis,
//! heading hashes, backslash escapes, HTML tags and comments), entities are decoded, dashes,
//! quotes and unusual spaces are unified, runs of spaces collapse to one and line endings become
//! `\n`. Every byte of the result is mapped to a byte range of the original by a [`SourceMap`],
//! so diagnostics never have to search the original text again.

mod markdown;

use crate::input::html::decode_reference;
use crate::sourcemap::MapBuilder;
pub use crate::sourcemap::SourceMap;
#[cfg(test)]
use crate::span::TextRange;

/// Normalised text with its map back to the source.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: SourceMap,
}

/// Builds the normalised text and its map in one pass.
struct Builder<'a> {
    src: &'a str,
    out: MapBuilder,
    /// Start of the verbatim run not yet copied to `out`.
    run: usize,
    /// Where the next line break, `>`, `]` and end of a link's address are.
    next: Scanners,
}

/// The next position of a byte that `matches`, remembered, for searches that move forward
/// through the text: however many `<` or `[` a line holds, each byte is scanned about once,
/// where searching afresh from each would make a long line quadratic.
struct Next {
    matches: fn(u8) -> bool,
    /// The last search started here and found `found` (the text's length for nothing).
    from: usize,
    found: usize,
}

impl Next {
    fn new(matches: fn(u8) -> bool) -> Self {
        Self {
            matches,
            from: 1,
            found: 0,
        }
    }

    /// The first position at or after `from` whose byte matches, or `bytes.len()`.
    fn find(&mut self, bytes: &[u8], from: usize) -> usize {
        if !(self.from <= from && from <= self.found) {
            let rest = &bytes[from.min(bytes.len())..];
            self.found = from
                + rest
                    .iter()
                    .position(|&b| (self.matches)(b))
                    .unwrap_or(rest.len());
            self.from = from;
        }
        self.found
    }
}

struct Scanners {
    newline: Next,
    gt: Next,
    close_bracket: Next,
    /// The end of a link's address: `)` or white space.
    url_end: Next,
}

impl Scanners {
    fn new() -> Self {
        Self {
            newline: Next::new(|b| b == b'\n'),
            gt: Next::new(|b| b == b'>'),
            close_bracket: Next::new(|b| b == b']'),
            url_end: Next::new(|b| b == b')' || b.is_ascii_whitespace()),
        }
    }
}

impl<'a> Builder<'a> {
    /// Copies the pending verbatim run up to `end`.
    fn flush(&mut self, end: usize) {
        if self.run < end {
            self.out.verbatim(self.run, &self.src[self.run..end]);
        }
        self.run = end;
    }

    /// Replaces `src[start..end]` (after the pending run) with `text`.
    fn replace(&mut self, start: usize, end: usize, text: &str) {
        self.flush(start);
        self.out.replace(start, end, text);
        self.run = end;
    }

    /// Drops `src[start..end]`.
    fn drop_range(&mut self, start: usize, end: usize) {
        self.flush(start);
        self.run = end;
    }

    fn last_out_byte(&self, i: usize) -> Option<u8> {
        if i > self.run {
            Some(self.src.as_bytes()[i - 1])
        } else {
            self.out.text().as_bytes().last().copied()
        }
    }
}

/// The Markdown links being read.
struct Links<'a> {
    /// A pending inline link: where its `](` and its closing `)` are.
    inline: Option<(usize, usize)>,
    /// A pending reference link: where its `]` and the end of its `[label]` are, and its
    /// address.
    reference: Option<(usize, usize, &'a str)>,
    definitions: std::collections::HashMap<String, &'a str>,
}

impl<'a> Links<'a> {
    /// At `i`, the end of a pending link's text: reads its address after the text and returns
    /// where reading goes on.
    fn pending(&mut self, b: &mut Builder<'a>, i: usize) -> Option<usize> {
        if let Some((close, end, url)) = self.reference
            && i == close
        {
            // The address reads after the text, located at its definition.
            b.replace(close, end, " ");
            b.out.verbatim(markdown::offset_in(b.src, url), url);
            self.reference = None;
            return Some(end);
        }
        let (close, url_end) = self.inline?;
        if i == close {
            b.replace(i, i + 2, " ");
            return Some(i + 2);
        }
        if i == url_end {
            b.drop_range(i, i + 1);
            self.inline = None;
            return Some(i + 1);
        }
        None
    }
}

/// Normalises `src` (see the module documentation).
pub fn normalize(src: &str) -> Normalized {
    let bytes = src.as_bytes();
    let mut b = Builder {
        src,
        out: MapBuilder::with_capacity(src.len()),
        run: 0,
        next: Scanners::new(),
    };
    let mut links = Links {
        inline: None,
        reference: None,
        definitions: markdown::definitions(src),
    };
    // Whether the current line is a row of a table aligned with spaces.
    let mut aligned = false;
    let mut i = 0;
    if let Some(end) = markdown::front_matter_end(src) {
        // Metadata for the tools that render the file, not text of the filing.
        let newlines = src[..end].matches('\n').count();
        b.replace(0, end, &"\n".repeat(newlines));
        i = end;
    }
    while i < bytes.len() {
        if i == 0 || bytes[i - 1] == b'\n' {
            aligned = is_aligned_row(bytes, i);
            // A link reference definition (`[site]: https://...`) is not shown; a footnote's
            // (`[^1]: text`) shows its text.
            if let Some((marker_end, line_end)) = markdown::definition_at(src, i) {
                let end = if src[i..].trim_start().starts_with("[^") {
                    marker_end
                } else {
                    line_end
                };
                b.drop_range(i, end);
                i = end;
                continue;
            }
        }
        if let Some(end) = links.pending(&mut b, i) {
            i = end;
            continue;
        }
        let next = step(&mut b, i, aligned, &mut links);
        i = next;
    }
    b.flush(bytes.len());
    let (text, map) = b.out.finish();
    Normalized { text, map }
}

/// Reads the byte at `i`, not in a pending link: removes or replaces markup, keeps text.
/// Returns where reading goes on.
fn step<'a>(b: &mut Builder<'a>, i: usize, aligned: bool, links: &mut Links<'a>) -> usize {
    let (src, bytes) = (b.src, b.src.as_bytes());
    let at_line_start = i == 0 || bytes[i - 1] == b'\n';
    match bytes[i] {
        b'\r' => {
            if bytes.get(i + 1) == Some(&b'\n') {
                b.drop_range(i, i + 1);
            } else {
                b.replace(i, i + 1, "\n");
            }
            i + 1
        }
        b' ' if aligned && !at_line_start && is_column_gap(bytes, i) => {
            let end = i + bytes[i..].iter().take_while(|&&x| x == b' ').count();
            if matches!(bytes.get(end), Some(b'\n' | b'\r') | None) {
                b.drop_range(i, end);
            } else {
                b.replace(i, end, "\t");
            }
            end
        }
        b' ' => {
            if b.last_out_byte(i) == Some(b' ') {
                b.drop_range(i, i + 1);
            }
            i + 1
        }
        b'*' => {
            let end = i + bytes[i..].iter().take_while(|&&x| x == b'*').count();
            b.drop_range(i, end);
            end
        }
        b'#' if at_line_start => {
            let hashes = bytes[i..].iter().take_while(|&&x| x == b'#').count();
            let after = i + hashes;
            if hashes <= 6 && matches!(bytes.get(after), Some(b' ' | b'\t')) {
                let end = after + bytes[after..].iter().take_while(|&&x| x == b' ').count();
                b.drop_range(i, end);
                end
            } else {
                i + 1
            }
        }
        b'\\' => match bytes.get(i + 1) {
            Some(b'\\') if bytes.get(i + 2).is_some_and(u8::is_ascii_punctuation) => {
                b.drop_range(i, i + 2);
                i + 2
            }
            Some(n) if n.is_ascii_punctuation() => {
                b.drop_range(i, i + 1);
                i + 1
            }
            Some(b'\n' | b'\r') | None => {
                b.drop_range(i, i + 1);
                i + 1
            }
            _ => i + 1,
        },
        b'[' => {
            if links.inline.is_none()
                && let Some(found) = markdown_link(&mut b.next, bytes, i)
            {
                links.inline = Some(found);
                b.drop_range(i, i + 1);
                i + 1
            } else if let Some(end) = markdown::footnote_reference(src, i, &links.definitions) {
                // A footnote marker (`sources.[^2]`) is dropped, as a `<sup>` one is.
                b.drop_range(i, end);
                end
            } else if links.inline.is_none()
                && links.reference.is_none()
                && let Some(found) = markdown::reference_link(src, i, &links.definitions)
            {
                links.reference = Some(found);
                b.drop_range(i, i + 1);
                i + 1
            } else {
                i + 1
            }
        }
        b'<' => angle(b, bytes, i),
        b'&' => match decode_reference(&src[i..]) {
            Some((len, decoded)) => {
                let mut buf = [0u8; 4];
                let text = unify(decoded).map_or(decoded.encode_utf8(&mut buf) as &str, |u| u);
                b.replace(i, i + len, text);
                i + len
            }
            None => i + 1,
        },
        0x80.. => {
            let ch = src[i..].chars().next().unwrap_or('\u{FFFD}');
            let len = ch.len_utf8();
            if let Some(text) = unify(ch) {
                if text == " " && b.last_out_byte(i) == Some(b' ') {
                    b.drop_range(i, i + len);
                } else {
                    b.replace(i, i + len, text);
                }
            }
            i + len
        }
        _ => i + 1,
    }
}

/// Longest line that can be a row of a table aligned with spaces.
const ALIGNED_ROW_MAX: usize = 300;

/// Whether the line starting at `start` is a table row whose cells are aligned with runs of
/// spaces: two or more column gaps between words (see [`is_column_gap`]) and no tab.
fn is_aligned_row(bytes: &[u8], start: usize) -> bool {
    let line = &bytes[start..];
    let line = &line[..line.iter().position(|&x| x == b'\n').unwrap_or(line.len())];
    if line.len() > ALIGNED_ROW_MAX || line.contains(&b'\t') {
        return false;
    }
    let body = line.trim_ascii();
    let mut gaps = 0;
    let mut widest = 0;
    let mut cells = vec![0];
    let mut i = 0;
    while i < body.len() {
        if body[i] == b' ' && body.get(i + 1) == Some(&b' ') {
            let run = body[i..].iter().take_while(|&&x| x == b' ').count();
            if is_column_gap(body, i) {
                gaps += 1;
                widest = widest.max(run);
                cells.push(i + run);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    gaps >= 2 && !(widest <= JUSTIFIED_GAP_MAX && is_justified_prose(body, &cells))
}

/// The widest gap between words that justified text puts in a line.
const JUSTIFIED_GAP_MAX: usize = 3;

/// Whether a line whose gaps are all narrow, with its cells starting at `cells`, is a line of
/// justified prose rather than a row of a table: a "cell" that runs on for six words or more
/// ("Report is publicly available on our website at"), or cells that mostly start in lower
/// case ("We  have  examined  whether ..."), as a table's cells do not.
fn is_justified_prose(body: &[u8], cells: &[usize]) -> bool {
    let mut lower = 0;
    for (n, &start) in cells.iter().enumerate() {
        let end = cells.get(n + 1).map_or(body.len(), |&next| next);
        let cell = body[start..end].trim_ascii();
        if cell.split(|&b| b == b' ').filter(|w| !w.is_empty()).count() >= 6 {
            return true;
        }
        if n > 0 && cell.first().is_some_and(u8::is_ascii_lowercase) {
            lower += 1;
        }
    }
    2 * lower > cells.len() - 1
}

/// Whether the run of spaces at `at` (two or more) separates columns: exactly two spaces after
/// the end of a sentence are typewriter sentence spacing, not a column gap.
fn is_column_gap(line: &[u8], at: usize) -> bool {
    let run = line[at..].iter().take_while(|&&x| x == b' ').count();
    let after_sentence = at > 0 && matches!(line[at - 1], b'.' | b':' | b';' | b'?' | b'!');
    run >= 2 && !(run == 2 && after_sentence)
}

/// The unified spelling of a character, if it has one (`""` drops it).
fn unify(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}' => "",
        '\u{2028}' | '\u{2029}' => "\n",
        _ => return None,
    })
}

/// A markdown link `[text](url)` starting at `open`: the offsets of its `](` and closing `)`.
fn markdown_link(next: &mut Scanners, bytes: &[u8], open: usize) -> Option<(usize, usize)> {
    let line_end = next.newline.find(bytes, open);
    let close = next.close_bracket.find(bytes, open);
    if close >= line_end || bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let url_end = next.url_end.find(bytes, close + 2);
    (bytes.get(url_end) == Some(&b')')).then_some((close, url_end))
}

/// Handles a `<` at `i`: an HTML comment, an autolink `<http://…>` or a tag.
/// Whether `s`, what follows a tag's name up to its `>`, reads as HTML attributes (as
/// CommonMark defines an open tag): ` name`, ` name=value`, ` name="v"`, ` name='v'`, then
/// an optional `/`. Text such as `if a <b and c > d` is then not taken for a tag.
fn are_attributes(s: &[u8]) -> bool {
    let mut i = 0;
    let space = |i: usize| {
        s[i..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count()
    };
    loop {
        let gap = space(i);
        i += gap;
        match s.get(i) {
            None => return true,
            Some(b'/') => return i + 1 == s.len(),
            Some(&c) if gap > 0 && (c.is_ascii_alphabetic() || c == b'_' || c == b':') => {}
            Some(_) => return false,
        }
        i += s[i..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
            .count();
        let before_eq = space(i);
        if s.get(i + before_eq) != Some(&b'=') {
            continue;
        }
        i += before_eq + 1;
        i += space(i);
        match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => match s[i + 1..].iter().position(|&b| b == q) {
                Some(p) => i += p + 2,
                None => return false,
            },
            Some(_) => {
                let len = s[i..]
                    .iter()
                    .take_while(|&&b| {
                        !b.is_ascii_whitespace()
                            && !matches!(b, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`')
                    })
                    .count();
                if len == 0 {
                    return false;
                }
                i += len;
            }
            None => return false,
        }
    }
}

fn angle(b: &mut Builder<'_>, bytes: &[u8], i: usize) -> usize {
    let rest = &bytes[i..];
    if rest.starts_with(b"<!--") {
        // A comment never closed hides nothing here: it is text, which SDLINT-007 reports,
        // rather than the silent end of the file.
        let Some(end) = find(rest, b"-->").map(|p| i + p + 3) else {
            return i + 1;
        };
        let newlines = bytes[i..end].iter().filter(|&&x| x == b'\n').count();
        if newlines == 0 {
            b.drop_range(i, end);
        } else {
            b.replace(i, end, &"\n".repeat(newlines));
        }
        return end;
    }
    let line_end = b.next.newline.find(bytes, i);
    let lower = |n: usize| rest.get(..n).map(|s| s.to_ascii_lowercase());
    let is_autolink = lower(8).is_some_and(|s| s.starts_with(b"<http://"))
        || lower(9).is_some_and(|s| s.starts_with(b"<https://"))
        || lower(5).is_some_and(|s| s == b"<www.");
    if is_autolink {
        let gt = b.next.gt.find(bytes, i);
        if gt < line_end {
            // Keep the address, drop the brackets around it.
            b.drop_range(i, i + 1);
            b.flush(gt);
            b.drop_range(gt, gt + 1);
            return gt + 1;
        }
        return i + 1;
    }
    let name_start = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'/'));
    let name_len = bytes[name_start..line_end]
        .iter()
        .take_while(|x| x.is_ascii_alphanumeric())
        .count();
    let starts_with_letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
    if !starts_with_letter {
        return i + 1;
    }
    let after_name = name_start + name_len;
    if !matches!(bytes.get(after_name), Some(b'>' | b' ' | b'/' | b'\t')) {
        return i + 1;
    }
    let close = b.next.gt.find(bytes, after_name);
    if close >= line_end || !are_attributes(&bytes[after_name..close]) {
        return i + 1;
    }
    let end = close + 1;
    let name = bytes[name_start..after_name].to_ascii_lowercase();
    // A footnote marker (`Rwanda<sup>1</sup>`, `27<sup>th</sup>`) is dropped with its content,
    // so that it neither glues to the word before it nor breaks a date.
    if name == b"sup"
        && bytes.get(i + 1) != Some(&b'/')
        && let Some(p) = find(&bytes[end..line_end.min(end + 18)], b"</sup>")
    {
        b.drop_range(i, end + p + 6);
        return end + p + 6;
    }
    if name == b"br" {
        b.replace(i, end, "\n");
    } else {
        b.drop_range(i, end);
    }
    end
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn a_long_line_of_unclosed_markup_is_read_in_linear_time() {
        // Each `<`, `[` and link address used to be searched for its end up to the end of
        // the line: a 10 MB line of them took minutes. The test only has to finish.
        let piece = "< a <b c [d e [f](g <https://h <sup>1 ";
        let line = format!("{}<i>x</i> [link](url) end", piece.repeat(50_000));
        let out = norm(&line);
        assert!(
            out.ends_with("1 x link url end"),
            "{}",
            &out[out.len() - 40..]
        );
    }

    #[test]
    fn columns_aligned_with_spaces_become_cells() {
        assert_eq!(
            norm("Eastbrook Tantalum Co.     Japan    Tantalum  \nnext"),
            "Eastbrook Tantalum Co.\tJapan\tTantalum\nnext"
        );
        // Two spaces after a full stop are sentence spacing, and one gap is not a table.
        assert_eq!(
            norm("We asked.  They answered.  All of them."),
            "We asked. They answered. All of them."
        );
        assert_eq!(norm("Gold    Switzerland"), "Gold Switzerland");
        // Justified prose spreads its words with narrow gaps; a table's cells stay cells.
        assert_eq!(
            norm("This  Conflict  Minerals  Report is publicly available on our website at"),
            "This Conflict Minerals Report is publicly available on our website at"
        );
        assert_eq!(
            norm("conforms,  in  all  material  respects,  with  the  OECD  Due"),
            "conforms, in all material respects, with the OECD Due"
        );
        assert_eq!(
            norm("Gold  Metalor Technologies SA  Switzerland  Conformant"),
            "Gold\tMetalor Technologies SA\tSwitzerland\tConformant"
        );
    }

    #[test]
    fn a_less_than_sign_that_opens_no_tag_is_text() {
        assert_eq!(
            norm("Sales <b 10% > plan, and <a href=\"x\" title='y z'>here</a>."),
            "Sales <b 10% > plan, and here."
        );
        assert_eq!(norm("a <br/> b <img src=x /> c"), "a \n b c");
        assert_eq!(
            norm("x <b =y> <p class=\"open> z"),
            "x <b =y> <p class=\"open> z"
        );
    }

    #[test]
    fn strips_markdown_and_html_markup() {
        assert_eq!(norm("## **Section 1 – Conflict**"), "Section 1 - Conflict");
        assert_eq!(
            norm("<b>Exhibit No.</b>\t<u>Description</u>"),
            "Exhibit No.\tDescription"
        );
        assert_eq!(
            norm("quality\\\\_management \\$20"),
            "quality_management $20"
        );
        assert_eq!(
            norm("“DRC” &amp; the&nbsp;&#8220;Rule&#x201D;"),
            "\"DRC\" & the \"Rule\""
        );
        assert_eq!(norm("a  \t b   c"), "a \t b c");
        assert_eq!(norm("x\r\ny\rz"), "x\ny\nz");
        assert_eq!(
            norm("see <http://ir.x.com/a.cfm> now"),
            "see http://ir.x.com/a.cfm now"
        );
        assert_eq!(
            norm("at [x\\_y](http://a.b/x_y)."),
            "at x_y http://a.b/x_y."
        );
        assert_eq!(norm("a <!-- sdlint-disable --> b"), "a b");
        assert_eq!(norm("2 < 3 and a<b"), "2 < 3 and a<b");
        assert_eq!(
            norm("Rwanda<sup>1</sup> and May 27<sup>th</sup>, 2021"),
            "Rwanda and May 27, 2021"
        );
    }

    #[test]
    fn maps_every_range_back_to_the_original() {
        let src = "**Form SD**\r\n“Item 1.01” &amp; <u>more</u>";
        let n = normalize(src);
        assert_eq!(n.text, "Form SD\n\"Item 1.01\" & more");
        let item = n.text.find("Item").unwrap();
        let range = TextRange::new(item, item + 9);
        let back = n.map.to_source(range);
        assert_eq!(&src[back.as_range()], "Item 1.01");
        let quoted = TextRange::new(item - 1, item + 10);
        assert_eq!(&src[n.map.to_source(quoted).as_range()], "“Item 1.01”");
        let amp = n.text.find('&').unwrap();
        assert_eq!(
            &src[n.map.to_source(TextRange::new(amp, amp + 1)).as_range()],
            "&amp;"
        );
        let all = n.map.to_source(TextRange::new(0, n.text.len()));
        assert_eq!((all.start(), all.end()), (2, src.len() - 4));
    }
}
