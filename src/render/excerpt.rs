//! The lines of a document that one diagnostic of the human output shows, made safe and short
//! for a terminal: control characters (and the bidirectional controls that reorder what is
//! shown) are written visibly as `\u{1b}`, and a line longer than [`LONG_LINE`] characters is
//! clipped to the parts around the places its labels start and end, each cut marked `…`. The
//! excerpt maps the text's byte offsets to its own, so codespan-reporting draws the labels
//! under the characters they point at; locations stay those of the file.

// Lists of ranges (one per label, one per kept part of a line) often hold a single one.
#![allow(clippy::single_range_in_vec_init)]

use std::ops::Range;

use crate::input::Locator;

/// A line longer than this many characters is clipped.
pub const LONG_LINE: usize = 400;
/// Characters kept on each side of a place a label starts or ends, in a clipped line.
const CONTEXT: usize = 80;
/// Lines after a label's first line and before its last that codespan-reporting shows
/// (its `start_context_lines` and `end_context_lines` defaults).
const START_CONTEXT: usize = 3;
const END_CONTEXT: usize = 1;
const CUT: &str = "\u{2026}";

/// A run of the text (`source`) and what the excerpt shows for it (`out`): the same bytes, an
/// escape for a control character, or `…` for a cut.
#[derive(Clone, Debug)]
struct Piece {
    source: Range<usize>,
    out: Range<usize>,
    copied: bool,
}

#[derive(Debug)]
struct Shown {
    /// The 0-based line of the text.
    index: usize,
    /// Where the line is in the excerpt, its line break included.
    range: Range<usize>,
    /// Where its content ends in the text (before the line break) and in the excerpt.
    source_end: usize,
    out_end: usize,
    pieces: Vec<Piece>,
}

/// The excerpt of one diagnostic; see the module's documentation.
#[derive(Debug)]
pub struct Excerpt {
    text: String,
    /// In the order of the text.
    lines: Vec<Shown>,
}

impl Excerpt {
    /// The excerpt of `locator`'s text showing the labels at `ranges` (byte ranges of the text).
    pub fn new(locator: &Locator<'_>, ranges: &[Range<usize>]) -> Self {
        let index = locator.lines();
        let text = locator.text();
        let last = index.line_count().saturating_sub(1);
        let mut wanted: Vec<usize> = Vec::new();
        for range in ranges {
            let first = index.line_of(range.start.min(text.len()));
            let end = index.line_of(range.end.min(text.len())).max(first);
            let head = first..=end.min(first + START_CONTEXT);
            let tail = end.saturating_sub(END_CONTEXT).max(first)..=end;
            for line in head.chain(tail) {
                // The line after a shown one: codespan shows it when it is all that separates
                // two labelled lines.
                wanted.extend([line, (line + 1).min(last)]);
            }
        }
        wanted.sort_unstable();
        wanted.dedup();

        let mut out = String::new();
        let mut lines = Vec::with_capacity(wanted.len());
        for line in wanted {
            let start = index.line_start(line).min(text.len());
            let next = index.line_start(line + 1).min(text.len());
            let content = text[start..next].trim_end_matches(['\n', '\r']);
            let end = start + content.len();
            let points: Vec<(usize, usize)> = ranges
                .iter()
                .filter(|r| r.start <= end && r.end >= start)
                .map(|r| (r.start.max(start) - start, r.end.clamp(start, end) - start))
                .collect();
            let out_start = out.len();
            let mut pieces = Vec::new();
            let mut at = 0;
            for kept in kept_parts(content, &points) {
                if kept.start > at {
                    push_cut(&mut out, &mut pieces, start + at..start + kept.start);
                }
                push_visible(
                    &mut out,
                    &mut pieces,
                    &content[kept.clone()],
                    start + kept.start,
                );
                at = kept.end;
            }
            if at < content.len() {
                push_cut(&mut out, &mut pieces, start + at..end);
            }
            let out_end = out.len();
            out.push('\n');
            lines.push(Shown {
                index: line,
                range: out_start..out.len(),
                source_end: end,
                out_end,
                pieces,
            });
        }
        Self { text: out, lines }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The excerpt's range for the text's `range`.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.offset(range.start, false);
        start..self.offset(range.end, true).max(start)
    }

    /// The excerpt's offset of the text's `offset`; inside an escape or a cut, its start, or its
    /// end when `end`.
    fn offset(&self, offset: usize, end: bool) -> usize {
        let Some(line) = self.line_holding(offset) else {
            return self.text.len();
        };
        if offset >= line.source_end {
            return line.out_end;
        }
        for piece in &line.pieces {
            if piece.source.contains(&offset) {
                return if piece.copied {
                    piece.out.start + (offset - piece.source.start)
                } else if end && offset > piece.source.start {
                    piece.out.end
                } else {
                    piece.out.start
                };
            }
        }
        line.out_end
    }

    /// The shown line of the text that holds `offset`: the last one starting at or before it.
    fn line_holding(&self, offset: usize) -> Option<&Shown> {
        let at = self.lines.partition_point(|l| {
            l.pieces.first().map_or(l.source_end, |p| p.source.start) <= offset
        });
        self.lines.get(at.checked_sub(1)?)
    }

    /// The text's offset of the excerpt's `offset`.
    pub fn source_offset(&self, offset: usize) -> usize {
        let at = self.lines.partition_point(|l| l.range.start <= offset);
        let Some(line) = self.lines.get(at.saturating_sub(1)) else {
            return 0;
        };
        for piece in &line.pieces {
            if piece.out.contains(&offset) {
                return if piece.copied {
                    piece.source.start + (offset - piece.out.start)
                } else {
                    piece.source.start
                };
            }
        }
        line.source_end
    }

    /// The 0-based line of the text shown at the excerpt's `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        let at = self.lines.partition_point(|l| l.range.start <= offset);
        self.lines
            .get(at.saturating_sub(1))
            .map_or(0, |line| line.index)
    }

    /// Where the text's line `index` is in the excerpt: empty for a line it does not show.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let at = self.lines.partition_point(|l| l.index < index);
        match self.lines.get(at) {
            Some(line) if line.index == index => line.range.clone(),
            Some(line) => line.range.start..line.range.start,
            None => self.text.len()..self.text.len(),
        }
    }
}

/// The parts of a line to show, as byte ranges of `line`: all of it when it is short; else the
/// characters around where each label (`points`, byte ranges of the line) starts and ends, or
/// around a short label as a whole, and the line's opening when no label is on it.
fn kept_parts(line: &str, points: &[(usize, usize)]) -> Vec<Range<usize>> {
    // Counting at most a few hundred characters: a long line is not read whole per label.
    if line.len() <= LONG_LINE || line.chars().nth(LONG_LINE).is_none() {
        return vec![0..line.len()];
    }
    let mut windows: Vec<Range<usize>> = Vec::new();
    for &(start, end) in points {
        if line[start..end].chars().nth(2 * CONTEXT).is_none() {
            windows.push(back(line, start, CONTEXT)..forward(line, end, CONTEXT));
        } else {
            windows.push(back(line, start, CONTEXT)..forward(line, start, CONTEXT));
            windows.push(back(line, end, CONTEXT)..forward(line, end, CONTEXT));
        }
    }
    if windows.is_empty() {
        windows.push(0..forward(line, 0, LONG_LINE));
    }
    windows.sort_by_key(|w| w.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for window in windows {
        match merged.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    merged
}

/// The offset `n` characters before `at` in `line` (or its start).
fn back(line: &str, at: usize, n: usize) -> usize {
    line[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The offset `n` characters after `at` in `line` (or its end).
fn forward(line: &str, at: usize, n: usize) -> usize {
    line[at..]
        .char_indices()
        .nth(n)
        .map_or(line.len(), |(i, _)| at + i)
}

fn push_cut(out: &mut String, pieces: &mut Vec<Piece>, source: Range<usize>) {
    let start = out.len();
    out.push_str(CUT);
    pieces.push(Piece {
        source,
        out: start..out.len(),
        copied: false,
    });
}

/// Appends `part` (the text from `source_start`) with its control characters escaped.
fn push_visible(out: &mut String, pieces: &mut Vec<Piece>, part: &str, source_start: usize) {
    let mut copy = |out: &mut String, from: usize, to: usize| {
        if to > from {
            let start = out.len();
            out.push_str(&part[from..to]);
            pieces.push(Piece {
                source: source_start + from..source_start + to,
                out: start..out.len(),
                copied: true,
            });
        }
    };
    let mut copied_to = 0;
    let mut escapes = Vec::new();
    for (i, c) in part.char_indices().filter(|&(_, c)| super::is_hidden(c)) {
        copy(out, copied_to, i);
        let start = out.len();
        super::push_escape(out, c);
        escapes.push((i, c, start..out.len()));
        copied_to = i + c.len_utf8();
    }
    copy(out, copied_to, part.len());
    for (i, c, out_range) in escapes {
        pieces.push(Piece {
            source: source_start + i..source_start + i + c.len_utf8(),
            out: out_range,
            copied: false,
        });
    }
    pieces.sort_by_key(|p| p.source.start);
}

#[cfg(test)]
mod tests {
    use super::{Excerpt, LONG_LINE};
    use crate::input::{self, Locator};

    fn excerpt(text: &str, ranges: &[std::ops::Range<usize>]) -> Excerpt {
        let file = input::from_bytes("t.txt".into(), text.as_bytes()).unwrap();
        assert_eq!(file.text, text);
        Excerpt::new(&Locator::new(&file.text, &file.origin), ranges)
    }

    #[test]
    fn control_characters_are_shown_as_escapes_and_labels_stay_on_their_words() {
        let text = "first\nBad \u{1b}]0;title\u{7} and \u{1b}[2J here\u{8}.\nlast\n";
        let word = text.find("here").unwrap();
        let shown = excerpt(text, &[word..word + 4]);
        assert_eq!(
            shown.text(),
            "Bad \\u{1b}]0;title\\u{7} and \\u{1b}[2J here\\u{8}.\nlast\n"
        );
        let range = shown.range(word..word + 4);
        assert_eq!(&shown.text()[range.clone()], "here");
        assert_eq!(shown.source_offset(range.start), word);
        assert_eq!(shown.line_index(range.start), 1);
        assert_eq!(shown.line_range(0), 0..0, "a line not shown is empty");
        // A label over an escape covers all of it.
        let esc = text.find('\u{1b}').unwrap();
        assert_eq!(&shown.text()[shown.range(esc..esc + 1)], "\\u{1b}");
    }

    #[test]
    fn a_long_line_is_clipped_around_the_label() {
        let line = format!("{} NEEDLE {}", "a".repeat(5000), "b".repeat(5000));
        let at = line.find("NEEDLE").unwrap();
        let shown = excerpt(&line, &[at..at + 6]);
        let text = shown.text();
        assert!(text.chars().count() < LONG_LINE, "{}", text.len());
        assert!(text.starts_with('\u{2026}') && text.trim_end().ends_with('\u{2026}'));
        assert_eq!(&text[shown.range(at..at + 6)], "NEEDLE");
        // A label longer than its context is shown by its two ends.
        let shown = excerpt(&line, &[10..9990]);
        let range = shown.range(10..9990);
        assert!(range.len() < 400, "{range:?}");
        assert_eq!(shown.source_offset(range.start), 10);
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "one\ntwo three\n";
        let shown = excerpt(text, &[4..7]);
        // With the (empty) line after it, which codespan shows when it is all between two labels.
        assert_eq!(shown.text(), "two three\n\n");
        assert_eq!(&shown.text()[shown.range(4..7)], "two");
        // An empty label at the end of the text.
        let end = excerpt(text, &[text.len()..text.len()]);
        let range = end.range(text.len()..text.len());
        assert!(range.is_empty() && range.start <= end.text().len());
    }
}
