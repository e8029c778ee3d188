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
use std::sync::OnceLock;

use super::line::{Line, LineKind};
use crate::span::TextRange;

/// How long a line repeated across pages may be and still be a running header or footer.
const FURNITURE_MAX: usize = 90;

/// The lines, at most, between the two halves of a paragraph broken by a page.
const PAGE_BREAK_LINES: usize = 6;

/// The text as it reads: `text` with each paragraph on one line. The line breaks inside a
/// paragraph become spaces and the page furniture a paragraph runs across (a footer, a page
/// number between the halves of a sentence) becomes spaces too, so that every offset is the
/// same as in `text`, and a phrase reads the same however the paragraph is wrapped or broken
/// by pages. Headings, table rows and other lines that are not prose keep their line breaks.
pub(super) fn flowed(text: &str, lines: &[Line]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for_each_paragraph(text, lines, |first, parts| {
        let mut previous = first;
        for &k in parts {
            // From the end of the previous part to the start of this one: line breaks and any
            // furniture between them.
            let from = lines[previous].range.end();
            let to = lines[k].range.start();
            bytes[from..to].fill(b' ');
            previous = k;
        }
    });
    // A line that spans a line break (a title wrapped over two lines) reads as one.
    for line in lines {
        for b in &mut bytes[line.range.as_range()] {
            if *b == b'\n' {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes were written, over whole lines and line breaks: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// The paragraphs of a document in reading order, and their sentences, found once so that
/// finding the paragraph or the sentence at an offset is a binary search, however long the
/// paragraph (a whole filing on one line is one paragraph).
#[derive(Clone, Debug, Default)]
pub struct Paragraphs {
    ranges: Vec<TextRange>,
    /// The sentences of each paragraph (see [`sentences`]), found the first time one is asked
    /// for: most paragraphs never are.
    sentences: Vec<OnceLock<Vec<TextRange>>>,
}

impl Paragraphs {
    /// The paragraphs, in order.
    pub fn iter(&self) -> impl Iterator<Item = &TextRange> {
        self.ranges.iter()
    }

    /// The paragraph that holds `offset`, if a line of text does.
    pub fn at(&self, offset: usize) -> Option<TextRange> {
        let index = self.ranges.partition_point(|p| p.start() <= offset);
        let paragraph = *self.ranges.get(index.checked_sub(1)?)?;
        (offset < paragraph.end()).then_some(paragraph)
    }

    /// The sentence of the paragraph holding `offset` that holds it: the first to end after it.
    /// `text` is the text the paragraphs were found in.
    pub fn sentence_at(&self, text: &str, offset: usize) -> Option<TextRange> {
        let index = self.ranges.partition_point(|p| p.start() <= offset);
        let at = index.checked_sub(1)?;
        let paragraph = *self.ranges.get(at)?;
        if offset >= paragraph.end() {
            return None;
        }
        let sentences = self.sentences[at].get_or_init(|| sentences(text, paragraph));
        let index = sentences.partition_point(|s| s.end() <= offset);
        sentences.get(index).copied()
    }
}

/// The paragraphs of `lines` of `text`, in order. Lines that are not prose are paragraphs of
/// their own.
pub(super) fn paragraphs(text: &str, lines: &[Line]) -> Paragraphs {
    let mut ranges = Vec::new();
    for_each_paragraph(text, lines, |first, parts| {
        let last = parts.last().copied().unwrap_or(first);
        ranges.push(TextRange::new(
            lines[first].range.start(),
            lines[last].range.end(),
        ));
    });
    let sentences = ranges.iter().map(|_| OnceLock::new()).collect();
    Paragraphs { ranges, sentences }
}

/// The lines a paragraph broken by a page runs across that are not furniture by their kind:
/// the page's header or footer (see `Reader::next_part`), where a page number or a rule
/// between the halves shows the page break.
pub(super) fn page_headers(text: &str, lines: &[Line]) -> Vec<bool> {
    let is_mark = |l: &Line| matches!(l.kind, LineKind::PageNumber | LineKind::Separator);
    let mut marks = vec![false; lines.len()];
    for_each_paragraph(text, lines, |first, parts| {
        let mut previous = first;
        for &next in parts {
            let between = previous + 1..next;
            if lines[between.clone()].iter().any(is_mark) {
                for i in between {
                    marks[i] = !is_mark(&lines[i]);
                }
            }
            previous = next;
        }
    });
    marks
}

/// Calls `each` for every paragraph with the index of its first line and those of the lines
/// that carry it on.
fn for_each_paragraph(text: &str, lines: &[Line], mut each: impl FnMut(usize, &[usize])) {
    let furniture = running_lines(text, lines);
    let reader = Reader {
        text,
        lines,
        furniture,
    };
    let mut parts: Vec<usize> = Vec::new();
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
        parts.clear();
        if opens {
            let mut last = i;
            while let Some(k) = reader.next_part(last) {
                parts.push(k);
                last = k;
            }
        }
        each(i, &parts);
        i = parts.last().map_or(i, |&last| last) + 1;
    }
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
        // Between the halves of a sentence, a short line with a page number set off in it is a
        // footer or header even where the document has no other like it.
        let page_line = |k: usize| {
            let line = text[lines[k].range.as_range()].trim();
            matches!(
                lines[k].kind,
                LineKind::Text | LineKind::Title | LineKind::Table
            ) && line.len() <= FURNITURE_MAX
                && page_numbered(line).is_some()
        };
        // After a page number, one short line that neither ends a sentence nor carries one on,
        // and ends as a heading does (on a capitalised word, not mid-phrase as the first line of
        // a wrapped paragraph), is the next page's header, even where the document has no other
        // like it ("Acme Corp. -- Conflict Minerals Report" atop one page, "Acme Corp. -- Form
        // SD" atop the others). A rule alone (a Markdown `---`) is no page break.
        let header_line = |k: usize| is_page_header(text, &lines[k]);
        let (mut k, mut paged, mut header) = (j, false, false);
        while k < lines.len() && k < j + PAGE_BREAK_LINES {
            if self.is_furniture(k) || page_line(k) {
                paged |= lines[k].kind != LineKind::Separator;
            } else if paged && !header && header_line(k) {
                header = true;
            } else {
                break;
            }
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

/// The line that follows line `i` over a page break: past a page number (and rules), with at
/// most one line of the next page's header after it (as `Reader::next_part` reads one); `None` when no page number follows
/// line `i`.
fn after_page_break(text: &str, lines: &[Line], i: usize) -> Option<usize> {
    let (mut paged, mut header) = (false, false);
    for (j, line) in lines.iter().enumerate().skip(i + 1).take(PAGE_BREAK_LINES) {
        match line.kind {
            LineKind::PageNumber => paged = true,
            LineKind::Separator => {}
            _ if paged && !header && is_page_header(text, line) => header = true,
            _ => return paged.then_some(j),
        }
    }
    None
}

/// Whether a line right under a page number reads as the next page's header: short prose
/// that neither ends a sentence (a company's "Corp." aside) nor carries one on, and ends as a
/// heading does, not mid-phrase; or a line with nothing on it but a form feed.
fn is_page_header(text: &str, line: &Line) -> bool {
    let words = text[line.range.as_range()].trim();
    matches!(
        line.kind,
        LineKind::Text | LineKind::Title | LineKind::CmrTitle
    ) && words.len() <= FURNITURE_MAX
        && (words.is_empty()
            || ((!ends_sentence(words) || ends_on_abbreviation(words))
                && !continues_sentence(words)
                && !ends_mid_phrase(words)))
}

/// Whether a line ends on a short capitalised abbreviation ("Acme Corp.", "Halvard Co."),
/// whose full stop ends no sentence.
fn ends_on_abbreviation(line: &str) -> bool {
    let last = line.trim_end().rsplit([' ', '\t']).next().unwrap_or("");
    let word = last.strip_suffix('.').unwrap_or("");
    (2..=4).contains(&word.len())
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphabetic())
}

/// Whether a line reads as the rest of a sentence rather than the start of one.
pub(super) fn continues_sentence(line: &str) -> bool {
    line.trim_start().chars().next().is_some_and(|c| {
        c.is_lowercase() || c.is_ascii_digit() || matches!(c, ',' | ';' | '(' | ')')
    })
}

/// Whether a line stops in the middle of a phrase: on a lower-case word, a comma or a hyphen,
/// where a heading ends on a capitalised word.
fn ends_mid_phrase(line: &str) -> bool {
    let line = line.trim_end();
    let last_word = line.rsplit([' ', '\t']).next().unwrap_or(line);
    line.ends_with([',', '-', '"'])
        || last_word
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(char::is_lowercase)
}

/// Which lines are running headers or footers: short prose lines whose text appears more than
/// once, each time next to a page number or a rule (within two lines). A header that names the
/// report ("Acme Corp. | Conflict Minerals Report" atop every page) is one too, though the
/// grammar classes it as the report's title.
pub(super) fn running_lines(text: &str, lines: &[Line]) -> Vec<bool> {
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
            let prose = matches!(
                l.kind,
                LineKind::Text | LineKind::Title | LineKind::CmrTitle
            );
            (short && prose && near_page_mark(i)).then_some(k)
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

/// The shortest line of prose that a landmark's words may continue (shorter lines are labels
/// and form lines, which a heading may follow).
const WRAPPED_PROSE_MIN: usize = 40;

/// Lines that read as landmarks (a CMR title, an item or section heading, the cover's rule
/// line, a step, an exhibit label) but are the continuation of a wrapped sentence: the line
/// before is prose, right above it, and stops in the middle of a sentence ("... This" /
/// "Conflict Minerals Report is filed with the SEC and is publicly available"). They become
/// prose; a wrapped line is never a heading.
pub(super) fn demote_wrapped_landmarks(text: &str, lines: &mut [Line]) {
    for i in 1..lines.len() {
        let landmark = matches!(
            lines[i].kind,
            LineKind::PeriodLine
                | LineKind::Section { .. }
                | LineKind::Item(_)
                | LineKind::ExhibitLabel { .. }
                | LineKind::ExhibitEntry { .. }
                | LineKind::CmrTitle
                | LineKind::Part
                | LineKind::Step { .. }
                | LineKind::Annex
                | LineKind::Numbered
        );
        let previous = &lines[i - 1];
        let before = &text[previous.range.as_range()];
        let line = text[lines[i].range.as_range()].trim();
        let prose_before = match previous.kind {
            LineKind::Text => is_words(before),
            // A wrapped line of prose that happens to start with a capital and end on a word.
            LineKind::Title => in_sentence_case(before),
            _ => false,
        };
        let continued = prose_before
            && before.trim().len() >= WRAPPED_PROSE_MIN
            && !ends_sentence(before)
            && (line.len() >= WRAPPED_PROSE_MIN
                || ends_sentence(line)
                || ends_on_function_word(before))
            && adjacent(text, previous.range, lines[i].range);
        // The first line of a wrapped sentence: a title's words in a sentence, stopping
        // mid-phrase, and the next line goes on with it ("This Conflict Minerals Report is
        // available at" / "https://..."), there or after a page break.
        // (A landmark that may run on into prose keeps its class: the cover's rule line, an
        // item, a step or a numbered heading with its text on the same line.)
        let titled = matches!(
            lines[i].kind,
            LineKind::CmrTitle | LineKind::Part | LineKind::Annex
        );
        // (An exhibit index entry that names the report is an entry, whatever follows it.)
        let entry = line.starts_with(|c: char| c.is_ascii_digit());
        let continues = titled
            && !entry
            && ends_mid_phrase(line)
            && (lines.get(i + 1).is_some_and(|next| {
                adjacent(text, lines[i].range, next.range)
                    && continues_sentence(&text[next.range.as_range()])
            }) || after_page_break(text, lines, i)
                .is_some_and(|next| continues_sentence(&text[lines[next].range.as_range()])))
            && (in_sentence_case(line) || ends_as_sentence(text, lines, i));
        // An annex caption's words opening a wrapped paragraph: a sentence stopping
        // mid-phrase with prose right under it, whatever word that prose starts with ("We
        // compared the smelter list in the annex with the lists published by the" /
        // "Responsible Minerals Initiative ..."). A caption stands on a line of its own.
        let wrapped_caption = lines[i].kind == LineKind::Annex
            && in_sentence_case(line)
            && ends_mid_phrase(line)
            && lines.get(i + 1).is_some_and(|next| {
                matches!(next.kind, LineKind::Text | LineKind::Title)
                    && adjacent(text, lines[i].range, next.range)
            });
        if landmark && (continued || continues || wrapped_caption) {
            lines[i].kind = LineKind::Text;
        }
    }
}

/// Whether a line is made of words (three or more with letters), not a rule of dashes or a
/// row of figures.
fn is_words(line: &str) -> bool {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .nth(2)
        .is_some()
}

/// Whether a line stops on a word no sentence or title ends on ("... review of the"), so
/// that the next line must go on with it.
fn ends_on_function_word(line: &str) -> bool {
    const WORDS: [&str; 22] = [
        "a", "an", "the", "of", "and", "or", "to", "in", "for", "by", "with", "on", "at", "from",
        "as", "our", "its", "their", "this", "that", "these", "under",
    ];
    line.split_whitespace()
        .next_back()
        .is_some_and(|w| WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// Whether the lines that carry on line `i` (adjacent, each going on with the sentence) end it
/// with a full stop, within a few lines: the words make a sentence, not a title wrapped over
/// two lines ("Acme Inc. Conflict Minerals Report for" / "the year ended December 31, 2023").
fn ends_as_sentence(text: &str, lines: &[Line], i: usize) -> bool {
    let mut previous = i;
    for _ in 0..PAGE_BREAK_LINES {
        let next = previous + 1;
        let Some(line) = lines.get(next) else {
            return false;
        };
        // The sentence goes on after a page break as it does on the next line.
        let next = if adjacent(text, lines[previous].range, line.range) {
            next
        } else {
            match after_page_break(text, lines, previous) {
                Some(k) if continues_sentence(&text[lines[k].range.as_range()]) => k,
                _ => return false,
            }
        };
        if ends_sentence(&text[lines[next].range.as_range()]) {
            return true;
        }
        previous = next;
    }
    false
}

/// Whether a line is words of a sentence rather than of a title: six words or more, most of
/// them in lower case ("Corvane reports annually on its supply chain. This"; not "Due
/// Diligence Measures Performed by the Company").
pub(super) fn in_sentence_case(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.starts_with(char::is_lowercase))
        .count();
    words.len() >= 6 && lower * 2 > words.len()
}

/// The longest half of a title wrapped over two lines.
const WRAPPED_TITLE_MAX: usize = 100;

/// A report's title wrapped over two lines ("Acme Corporation — Conflict" / "Minerals
/// Report"): two short adjacent lines, the first stopping mid-title, that the grammar reads
/// as the report's title once joined become one line of that class, spanning both.
pub(super) fn join_wrapped_titles(text: &str, lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let (first, second) = (&lines[i], &lines[i + 1]);
        let short = |l: &Line| {
            matches!(l.kind, LineKind::Title | LineKind::Text)
                && text[l.range.as_range()].trim().len() <= WRAPPED_TITLE_MAX
        };
        let head = &text[first.range.as_range()];
        if short(first)
            && short(second)
            && is_words(head)
            && !ends_sentence(head)
            && adjacent(text, first.range, second.range)
        {
            let joined = format!(
                "{} {}",
                head.trim_end(),
                text[second.range.as_range()].trim()
            );
            let whole = super::classify_piece(&joined);
            if whole.len() == 1 && whole[0].kind == LineKind::CmrTitle && !in_sentence_case(&joined)
            {
                lines[i].range = TextRange::new(first.range.start(), second.range.end());
                lines[i].kind = LineKind::CmrTitle;
                lines.remove(i + 1);
            }
        }
        i += 1;
    }
}

/// The least number of lines (blank ones included) between two pages' running lines.
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
        let [first, .., last] = found[..] else {
            continue;
        };
        let numbers_differ = found.iter().any(|(_, n)| *n != first.1);
        let between = &text[lines[first.0].range.end()..lines[last.0].range.start()];
        if numbers_differ && between.matches('\n').count() >= PAGE_MIN_LINES {
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

/// The sentences of the paragraph at `range` of `text`, in one pass over it.
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
    fn a_header_atop_one_page_only_is_furniture_between_the_halves_of_a_sentence() {
        // The header differs from the other pages' ("Form SD" alone), so it is no repeated line;
        // it stands between a page number and the rest of the sentence.
        let text = "Pursuant to the requirements of the Act\n\n- 3 -\n\x0cHalvard Corp. | Conflict \
                    Minerals Report\n\nof 1934, the registrant has signed.\n\nNext part.\n";
        let paragraphs = paragraphs_of(text);
        assert!(
            paragraphs[0].starts_with("Pursuant to the requirements of the Act")
                && paragraphs[0].ends_with("of 1934, the registrant has signed."),
            "{paragraphs:?}"
        );
        // A line that carries the sentence on is never taken for the header before it.
        let text = "We sourced tin from\n\n- 3 -\n\nten smelters in six countries and\n\nEnd.\n";
        assert_eq!(
            paragraphs_of(text)[0],
            "We sourced tin from - 3 - ten smelters in six countries and"
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
