//! Markdown: the file as it is, but for the HTML tables in it. A raw HTML block (CommonMark's
//! kind 6: a line that starts with a block tag such as `<table>` or `<div>`, up to a blank
//! line) that holds a `<table>` is shown by a Markdown viewer as the table it is, so it is read
//! as the HTML reader reads a page ([`super::html::extract`]): a row a line, its cells
//! separated by tabs. Everything else, other inline HTML included, is left for normalisation to
//! strip as markup.

use super::html::{self, Comment, Extracted};
use crate::sourcemap::MapBuilder;
use crate::span::TextRange;

/// The tag names that start an HTML block of CommonMark's kind 6.
const BLOCK_TAGS: [&str; 62] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// The text of the Markdown file `src` with its HTML tables read as HTML, and the way back
/// into `src`; `None` when it has no HTML table (the file is then read as it is).
pub fn extract(src: &str) -> Option<Extracted> {
    let blocks = table_blocks(src);
    if blocks.is_empty() {
        return None;
    }
    let mut out = MapBuilder::with_capacity(src.len());
    let mut comments = Vec::new();
    let mut at = 0;
    for block in blocks {
        out.verbatim(at, &src[at..block.start()]);
        let page = html::extract(&src[block.as_range()]);
        let base = out.text().len() as u32;
        comments.extend(page.comments.iter().map(|c| Comment {
            source: c.source.shifted(block.start()),
            at: c.at + base,
        }));
        out.append(&page.text, &page.map, block.start());
        at = block.end();
    }
    out.verbatim(at, &src[at..]);
    let (text, map) = out.finish();
    Some(Extracted {
        text,
        map,
        comments,
    })
}

/// The HTML blocks of `src` that hold a table, outside fenced code: each from the start of its
/// first line to the end of its last (without the line break). A table whose rows a blank line
/// separates goes on through the blocks after it, as a viewer shows it, up to its end tag.
fn table_blocks(src: &str) -> Vec<TextRange> {
    let mut blocks = Vec::new();
    let mut fence: Option<&str> = None;
    let mut lines = Lines { src, at: 0 };
    while let Some(line) = lines.next() {
        let text = &src[line.as_range()];
        let trimmed = text.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            fence = Some(marker);
            continue;
        }
        if !starts_html_block(text) {
            continue;
        }
        let mut end = line.end();
        let mut open_tables = 0usize;
        let mut block_line = Some(line);
        while let Some(l) = block_line {
            let piece = src[l.as_range()].as_bytes();
            open_tables += count_ci(piece, b"<table");
            open_tables = open_tables.saturating_sub(count_ci(piece, b"</table"));
            end = l.end();
            block_line = match lines.peek() {
                Some(next) if !src[next.as_range()].trim().is_empty() => lines.next(),
                // A blank line ends the block; while a table is open, an HTML block after the
                // blank lines (its next rows) goes on with it.
                Some(_) if open_tables > 0 => lines.next_html_block(),
                _ => None,
            };
        }
        let block = TextRange::new(line.start(), end);
        if count_ci(src[block.as_range()].as_bytes(), b"<table") > 0 {
            blocks.push(block);
        }
    }
    blocks
}

/// Whether a line starts an HTML block of CommonMark's kind 6: at most three spaces, then `<`
/// or `</` and a block tag's name, ended by white space, `>`, `/>` or the line's end.
fn starts_html_block(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let Some(rest) = line[indent..].strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let (name, after) = rest.split_at(name_len);
    BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
        && (after.is_empty()
            || after.starts_with([' ', '\t', '>', '\r'])
            || after.starts_with("/>"))
}

/// How many times `needle` (in lower case) is in `haystack`, in any case.
fn count_ci(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| w.eq_ignore_ascii_case(needle))
        .count()
}

/// The lines of a text, as ranges without their line breaks, with a look at the next one.
struct Lines<'a> {
    src: &'a str,
    at: usize,
}

impl Lines<'_> {
    fn peek(&self) -> Option<TextRange> {
        if self.at >= self.src.len() {
            return None;
        }
        let end = self.src[self.at..]
            .find('\n')
            .map_or(self.src.len(), |i| self.at + i);
        Some(TextRange::new(self.at, end))
    }
}

impl Lines<'_> {
    /// The first line after the blank lines here, if it starts an HTML block (the lines are
    /// then read up to it); `None`, reading nothing, if it does not.
    fn next_html_block(&mut self) -> Option<TextRange> {
        let from = self.at;
        while let Some(line) = self.peek() {
            let text = &self.src[line.as_range()];
            if !text.trim().is_empty() {
                if starts_html_block(text) {
                    return self.next();
                }
                break;
            }
            self.at = line.end() + 1;
        }
        self.at = from;
        None
    }
}

impl Iterator for Lines<'_> {
    type Item = TextRange;

    fn next(&mut self) -> Option<TextRange> {
        let line = self.peek()?;
        self.at = line.end() + 1;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_table_reads_as_rows_of_cells() {
        let src = "## Annex A\n\n<table><tr><th>Metal</th><th>Country</th></tr>\n<tr><td>Tin</td><td>Peru &amp; Chile</td></tr></table>\n\nAfter.\n";
        let x = extract(src).expect("a table");
        // (The reader ends the table's last row with a line break, before the blank line.)
        assert_eq!(
            x.text,
            "## Annex A\n\nMetal\tCountry\nTin\tPeru & Chile\n\n\nAfter.\n"
        );
        // Every piece maps back into the Markdown: "Tin" is where the file has it.
        let at = x.text.find("Tin").expect("Tin");
        let back = x.map.to_source(TextRange::new(at, at + 3));
        assert_eq!(&src[back.as_range()], "Tin");
    }

    #[test]
    fn other_html_and_code_are_left_as_they_are() {
        assert!(extract("<div>Some <b>text</b></div>\n\n<p>More</p>\n").is_none());
        assert!(extract("```\n<table><tr><td>x</td></tr></table>\n```\n").is_none());
        assert!(extract("Inline <table> in a paragraph.\n").is_none());
        assert!(extract("    <table><tr><td>code</td></tr></table>\n").is_none());
    }

    #[test]
    fn a_table_spread_over_blocks_is_one_table() {
        let src = "<table>\n<tr><td>a</td><td>b</td></tr>\n\n<tr><td>c</td><td>d</td></tr>\n</table>\n\nText\n";
        let x = extract(src).expect("a table");
        assert_eq!(x.text, "a\tb\nc\td\n\n\nText\n");
        // A table left open ends with its block: the Markdown after it is Markdown.
        let src = "<table><tr><td>a</td><td>b</td></tr>\n\nSome *text*\non two lines\n";
        let x = extract(src).expect("a table");
        assert_eq!(x.text, "a\tb\n\n\nSome *text*\non two lines\n");
    }
}
