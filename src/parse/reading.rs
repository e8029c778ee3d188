//! Reading order: the paragraphs of a document over its physical lines, and the sentences of a
//! paragraph, as a person reads them whatever the wrapping.
//!
//! A paragraph is a run of prose lines with no blank line between them: hard-wrapped text is one
//! paragraph however narrow its lines. A paragraph whose last line stops in the middle of a
//! sentence (no closing punctuation) goes on after a page break: past page numbers, rules and
//! running headers or footers (short lines the document repeats), to the next prose line when
//! that line carries the sentence on (it starts in lower case, or with a digit or a
//! punctuation mark that cannot open a sentence). Sentences end at a full stop, question or
//! exclamation mark followed by white space (a line end included) and a capital letter or an
//! opening quote.

use std::collections::HashMap;

use super::line::{Line, LineKind};
use crate::span::TextRange;

/// How long a line repeated across pages may be and still be a running header or footer.
const FURNITURE_MAX: usize = 90;

/// The lines, at most, between the two halves of a paragraph broken by a page.
const PAGE_BREAK_LINES: usize = 6;

/// The paragraphs of `lines` of `text`, in order. Lines that are not prose are paragraphs of
/// their own.
pub(super) fn paragraphs(text: &str, lines: &[Line]) -> Vec<TextRange> {
    let furniture = running_lines(text, lines);
    let reader = Reader {
        text,
        lines,
        furniture,
    };
    let mut out: Vec<TextRange> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = lines[i].range;
        let opens = match lines[i].kind {
            _ if reader.is_furniture(i) => false,
            LineKind::Text => true,
            // A short first line of a wrapped paragraph reads like a title or a caption; it is
            // prose when it stops mid-sentence and the next line carries the sentence on.
            LineKind::Title | LineKind::Caption => {
                let line = &text[start.as_range()];
                reader.next_part(i).is_some_and(|k| {
                    continues_sentence(&text[lines[k].range.as_range()]) || ends_mid_phrase(line)
                })
            }
            _ => false,
        };
        if !opens {
            out.push(start);
            i += 1;
            continue;
        }
        let mut last = i;
        while let Some(k) = reader.next_part(last) {
            last = k;
        }
        out.push(TextRange::new(start.start(), lines[last].range.end()));
        i = last + 1;
    }
    out
}

/// The lines of a document, with which of them are page furniture.
struct Reader<'a> {
    text: &'a str,
    lines: &'a [Line],
    furniture: Vec<bool>,
}

impl Reader<'_> {
    fn is_furniture(&self, i: usize) -> bool {
        matches!(
            self.lines[i].kind,
            LineKind::PageNumber | LineKind::Separator
        ) || self.furniture[i]
    }

    /// The line that carries on the paragraph whose last line is `i`, if one does.
    fn next_part(&self, i: usize) -> Option<usize> {
        let (text, lines) = (self.text, self.lines);
        let end = lines[i].range;
        let open = !ends_sentence(&text[end.as_range()]);
        let j = i + 1;
        // Wrapped: the next prose line follows with no blank line between (a wrapped line may
        // start with a parenthesis, or be short, and be taken for a caption or a title).
        if j < lines.len()
            && !self.is_furniture(j)
            && adjacent(text, end, lines[j].range)
            && (lines[j].kind == LineKind::Text
                || (open && matches!(lines[j].kind, LineKind::Caption | LineKind::Title)))
        {
            return Some(j);
        }
        // Broken by a page: furniture, then the rest of the sentence.
        if !open {
            return None;
        }
        let mut k = j;
        while k < lines.len() && k < j + PAGE_BREAK_LINES && self.is_furniture(k) {
            k += 1;
        }
        (k > j
            && k < lines.len()
            && matches!(
                lines[k].kind,
                LineKind::Text | LineKind::Title | LineKind::Caption
            )
            && continues_sentence(&text[lines[k].range.as_range()]))
        .then_some(k)
    }
}

/// Whether `next` starts on the line after the one ending at `previous`.
fn adjacent(text: &str, previous: TextRange, next: TextRange) -> bool {
    text.get(previous.end()..next.start())
        .is_some_and(|between| between.bytes().filter(|&b| b == b'\n').count() <= 1)
}

/// Whether a line ends where a sentence may end.
fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end().trim_end_matches(['"', '\'', ')', ']', '*']);
    line.is_empty() || line.ends_with(['.', '?', '!', ':', ';'])
}

/// Whether a line reads as the rest of a sentence rather than the start of one.
fn continues_sentence(line: &str) -> bool {
    line.trim_start().chars().next().is_some_and(|c| {
        c.is_lowercase() || c.is_ascii_digit() || matches!(c, ',' | ';' | '(' | ')')
    })
}

/// Whether a line stops in the middle of a phrase: on a lower-case word, a comma or a hyphen,
/// where a heading ends on a capitalised word.
fn ends_mid_phrase(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | '-' | '"'))
}

/// Which lines are running headers or footers: short prose lines whose text appears more than
/// once, each time next to a page number or a rule (within two lines).
fn running_lines(text: &str, lines: &[Line]) -> Vec<bool> {
    let key = |l: &Line| text[l.range.as_range()].trim().to_ascii_lowercase();
    let near_page_mark = |i: usize| {
        let from = i.saturating_sub(2);
        let to = (i + 3).min(lines.len());
        (from..to).any(|j| j != i && matches!(lines[j].kind, LineKind::PageNumber))
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let candidates: Vec<Option<String>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let k = key(l);
            let short = !k.is_empty() && k.len() <= FURNITURE_MAX;
            (short && matches!(l.kind, LineKind::Text | LineKind::Title) && near_page_mark(i))
                .then_some(k)
        })
        .collect();
    for k in candidates.iter().flatten() {
        *seen.entry(k.clone()).or_default() += 1;
    }
    candidates
        .iter()
        .map(|c| c.as_ref().is_some_and(|k| seen[k] > 1))
        .collect()
}

/// The least number of lines between two pages' running lines.
const PAGE_MIN_LINES: usize = 8;

/// Running headers and footers that carry the page number on their own line: "Acme, Inc.  |
/// Form SD  |  4", "Page 5 of 12 - Conflict Minerals Report". Such a line is the same words on
/// every page with another number, so it is told by that: short, with a number at its start or
/// end, and the same words with a different number at least [`PAGE_MIN_LINES`] lines away. A
/// line of any kind but a heading is one (a footer with pipes reads as a table row).
pub(super) fn numbered_running_lines(text: &str, lines: &[Line]) -> Vec<bool> {
    // For each wording: its lines, their numbers.
    let mut pages: HashMap<String, Vec<(usize, &str)>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        let line = text[l.range.as_range()].trim();
        let open = matches!(
            l.kind,
            LineKind::Text | LineKind::Title | LineKind::Table | LineKind::Caption
        );
        if let Some((key, number)) = (open && line.len() <= FURNITURE_MAX)
            .then(|| page_numbered(line))
            .flatten()
        {
            pages.entry(key).or_default().push((i, number));
        }
    }
    let mut marks = vec![false; lines.len()];
    for found in pages.values() {
        let (first, last) = (found[0], found[found.len() - 1]);
        let numbers_differ = found.iter().any(|(_, n)| *n != first.1);
        if numbers_differ && last.0 - first.0 >= PAGE_MIN_LINES {
            for (i, _) in found {
                marks[*i] = true;
            }
        }
    }
    marks
}

/// A line's words without the page number at its start or end, set off from them as page
/// numbers are ("Form SD | 4" gives "form sd" and "4"; also "Form SD - 4", "Form SD<tab>4",
/// "Page 4", "4  Acme, Inc.", but not "Note 4"); `None` for a line with no such number or no
/// words.
fn page_numbered(line: &str) -> Option<(String, &str)> {
    let is_gap = |c: char| c.is_whitespace() || matches!(c, '|' | '-' | '\u{2013}' | '\u{2014}');
    let trimmed = line.trim_matches(|c: char| is_gap(c) && c != '|');
    let tail = trimmed.trim_end_matches(|c: char| c.is_ascii_digit());
    let head = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
    let (number, words, gap) = if tail.len() < trimmed.len() {
        let words = tail.trim_end_matches(is_gap);
        (&trimmed[tail.len()..], words, &tail[words.len()..])
    } else if head.len() < trimmed.len() {
        let words = head.trim_start_matches(is_gap);
        let number = &trimmed[..trimmed.len() - head.len()];
        (number, words, &head[..head.len() - words.len()])
    } else {
        return None;
    };
    let lower = words.to_lowercase();
    let paged = lower.ends_with("page") || lower.starts_with("of ");
    let set_off = gap.contains(|c: char| c != ' ') || gap.len() >= 2;
    (number.len() <= 4 && (paged || set_off) && words.chars().any(char::is_alphabetic)).then(|| {
        (
            lower
                .trim_matches(|c: char| is_gap(c) || c == '|')
                .to_owned(),
            number,
        )
    })
}

/// The sentences of the paragraph at `range` of `text`.
pub fn sentences(text: &str, range: TextRange) -> Vec<TextRange> {
    let body = &text[range.as_range()];
    let bytes = body.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'?' | b'!') {
            // Closing quotes and brackets belong to the sentence they close.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            let gap = bytes[end..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            let next = bytes.get(end + gap).copied();
            let opens = next.is_some_and(|n| {
                n.is_ascii_uppercase()
                    || (matches!(n, b'"' | b'\'' | b'(')
                        && bytes.get(end + gap + 1).is_some_and(u8::is_ascii_uppercase))
            });
            if gap > 0 && opens {
                found.push(TextRange::new(start, end));
                start = end + gap;
                i = start;
                continue;
            }
        }
        i += 1;
    }
    found.push(TextRange::new(start, bytes.len()));
    found
        .into_iter()
        .map(|r| {
            let s = &body[r.as_range()];
            let lead = s.len() - s.trim_start().len();
            TextRange::new(r.start() + lead, r.start() + s.trim_end().len())
        })
        .filter(|r| !r.is_empty())
        .map(|r| r.shifted(range.start()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{page_numbered, sentences};
    use crate::span::TextRange;

    #[test]
    fn page_numbers_set_off_at_either_end_of_a_running_line() {
        let key = |line| page_numbered(line).map(|(k, n)| (k, n.to_owned()));
        let expect = |k: &str, n: &str| Some((k.to_owned(), n.to_owned()));
        assert_eq!(
            key("Acme, Inc.  |  Form SD  |  4"),
            expect("acme, inc.  |  form sd", "4")
        );
        assert_eq!(key("Acme, Inc. - 12"), expect("acme, inc.", "12"));
        assert_eq!(key("Page 3"), expect("page", "3"));
        assert_eq!(
            key("7\tConflict Minerals Report"),
            expect("conflict minerals report", "7")
        );
        for line in [
            "Note 4",
            "Table 2",
            "2023",
            "- 5 -",
            "Tin\tSmelter 4B\tChina",
            "12345  Acme",
        ] {
            assert_eq!(key(line), None, "{line}");
        }
    }

    #[test]
    fn a_running_footer_with_its_page_number_is_no_table_row() {
        let filler = "Our suppliers answered the survey.\n\n".repeat(5);
        let text = format!(
            "Acme | Report | 1\n\n{filler}Metal\tSmelter\tCountry\nTin\tA Tin Co.\tPeru\n\nAcme | Report | 2\n\nGold\tB Gold AG\tItaly\n\n{filler}Note 1\n\n{filler}Note 2\n"
        );
        let doc = crate::parse::parse(text);
        let kinds: Vec<(String, crate::parse::LineKind)> = doc
            .lines
            .iter()
            .filter(|l| !doc.slice(l.range).starts_with("Our"))
            .map(|l| (doc.slice(l.range).to_owned(), l.kind.clone()))
            .collect();
        use crate::parse::LineKind::PageNumber;
        for (line, kind) in &kinds {
            let footer = line.starts_with("Acme");
            assert_eq!(*kind == PageNumber, footer, "{line}: {kind:?}");
        }
    }

    fn paragraphs_of(text: &str) -> Vec<String> {
        let doc = crate::parse::parse(text.to_owned());
        doc.paragraphs
            .iter()
            .map(|r| {
                doc.slice(*r)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn wrapped_lines_are_one_paragraph_and_blank_lines_end_it() {
        let text = "Tin and gold are\nnecessary to our\nproducts.\n\nA second one.\n";
        assert_eq!(
            paragraphs_of(text),
            [
                "Tin and gold are necessary to our products.",
                "A second one."
            ]
        );
    }

    #[test]
    fn a_sentence_broken_by_a_page_goes_on_after_the_footer() {
        let text = "We sourced tin, tantalum\nand\n\n7\n\nHalvard Corp. | 2023 Report\n\n\
                    tungsten from ten smelters.\n\nNext part.\n\n8\n\nHalvard Corp. | 2023 Report\n\nEnd.\n";
        let paragraphs = paragraphs_of(text);
        assert_eq!(
            paragraphs[0],
            "We sourced tin, tantalum and 7 Halvard Corp. | 2023 Report tungsten from ten smelters."
        );
        // A paragraph that ends its sentence does not run on.
        assert!(
            paragraphs.contains(&"Next part.".to_owned()),
            "{paragraphs:?}"
        );
        assert!(paragraphs.contains(&"End.".to_owned()), "{paragraphs:?}");
    }

    #[test]
    fn sentences_end_at_stops_before_capitals_or_quotes() {
        let text = "\"Gold\" means gold\nand its derivatives (\"3TG\").\n\"Covered Countries\" means ten. e.g. this";
        let all = sentences(text, TextRange::new(0, text.len()));
        let parts: Vec<&str> = all.iter().map(|r| &text[r.as_range()]).collect();
        assert_eq!(
            parts,
            [
                "\"Gold\" means gold\nand its derivatives (\"3TG\").",
                "\"Covered Countries\" means ten. e.g. this"
            ]
        );
    }
}
