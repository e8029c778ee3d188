//! Typed fields read out of a document once its scopes are known: reporting periods, dates,
//! names, numbers and addresses, each with its range.
//!
//! Cover values are read by their captions ("(Commission File Number)") where the filing has
//! them, the value being what precedes the caption on its line or, failing that, the line above;
//! filings that drop the captions are read by position.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

use crate::patterns::ascii as pattern;

use super::Columns;
use super::cover::{Form, is_boilerplate, trimmed};
use super::dates::{find_dates, find_periods};
use super::document::{
    Contact, DateField, Document, EdgarHeader, ExhibitRef, Fields, PeriodStatement, Scope,
    ScopedRange,
};
use super::line::LineKind;
use crate::span::TextRange;

static REGISTRANT_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\(\s*exact\s+name\s+of\s+(?:the\s+)?registrant(?u:[^)])*\)"));
static SIGNATURE_REGISTRANT_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\(\s*registrant\s*\)"));
static FILE_NUMBER_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\(\s*(?:commission\s+)?file\s+(?:number|no\.?)\s*\)|\(\s*commission\s+file\s+(?:number|no\.?)",
    )
});
static EMPLOYER_ID_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\(\s*(?:(?:i\.?\s*r\.?\s*s\.?|internal\s+revenue\s+service)\s+)?(?:employer\s+(?:identification|id)|fein|e\.?i\.?n)(?u:[^)])*\)",
    )
});
static JURISDICTION_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\(\s*(?:state|jurisdiction|country|province)\b(?u:[^)])*?\b(?:incorporation|organi[sz]ation)",
    )
});
/// The jurisdiction written in a sentence or after a label: "incorporated in Delaware",
/// "organized under the laws of the Cayman Islands", "State of incorporation: Ohio",
/// "State of New York". (ASCII classes: a bounded repetition of a Unicode class compiles to
/// a large automaton.)
static JURISDICTION_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:incorporated|organi[sz]ed)\s+(?:in|under\s+the\s+laws\s+of)\s+(?:the\s+)?([a-z][a-z .'-]{1,40}?)\s*(?:[,.;:)\t|]|$)|\b(?:jurisdiction|state|country)\s+of\s+(?:incorporation|organi[sz]ation)\s*:\s*([a-z0-9][a-z0-9 .'-]{0,40})|\b((?:state|commonwealth|province)\s+of\s+[a-z][a-z .-]{1,30}?)\s*(?:[,.;:)\t|]|$)",
    )
});
static CONTACT_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\(\s*name\s+and\s+telephone\s+number"));
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:\+\d{1,3}[-. ]?)?(?:\(\d{3}\)\s*|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b|\+\d{1,3}(?:[-. ]\d{1,8}){1,4}\b",
    )
});
static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    RegexBuilder::new(r"\b(?:[A-Z][a-z]+\.?|[A-Z]{2,})(?:\s+[A-Z]\.)?\s+[A-Z][a-zA-Z'-]+")
        .unicode(false)
        .build()
        .expect("the person pattern is valid")
});
static URL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"https?://(?u:[^\s<>)\]])+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?u:[^\s<>)\]])*|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|us|biz|info)/(?u:[^\s<>)\]])*",
    )
});
/// A corporate suffix, the mark of a company's name.
/// (The suffixes are `rules/data/corporate-suffixes.txt`.)
static COMPANY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"\b(?:{})\b\.?,?\s*(?:\(|$)",
        crate::names::suffix_alternation()
    ))
});
static FILE_NUMBER_INLINE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"commission\s+file\s+(?:number|no\.?)\s*:?\s*(\d{1,3}-\d{3,6})\b"));
static EMPLOYER_ID_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"employer\s+(?:identification|id)\s+(?:number|no\.?)\s*:?\s*(\d{2}-\d{7}|n/?a)\b")
});
static FILE_NUMBER_SHAPE: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b\d{1,3}-\d{3,6}\b"));
static EMPLOYER_ID_SHAPE: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b\d{2}-\d{7}\b|\bn/?a\b"));
static FOR_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\s+(?:for|covering|in\s+accordance)\b|\s+-\s|\s*\("));
static CONFORMED: LazyLock<Regex> = LazyLock::new(|| pattern(r"/s/[ \t]*[A-Za-z]"));
static EXHIBIT_REF: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\bexhibits?\s+(?:no\.?\s*)?(\d{1,3}\.\d{1,3})\b"));
/// The phrase on a `CmrTitle` line, with a possessive before it ("Acme's Conflict Minerals
/// Report"): where the registrant's name ends.
static CMR_PHRASE: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!(r"('s|s')?\s*{}", crate::patterns::CMR_PHRASE)));
static DEFINED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r#"\(\s*(?:together\s+with\s+its\s+(?:consolidated\s+)?subsidiaries,?\s*|herein\s+referred\s+to\s+as\s+|collectively,?\s*)?(?:the\s+)?"((?u:[^"\n]){2,40})""#,
    )
});
static EDGAR_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^[ \t]*(?:<(rule-name|item-number|item-period|period|filing-date)>|(conformed\s+submission\s+type|conformed\s+period\s+of\s+report|filed\s+as\s+of\s+date|item\s+information):)[ \t]*((?u:[^\n<])*)",
    )
});

/// Reads every field of `doc`.
pub(super) fn extract(doc: &Document, columns: &dyn Columns) -> Fields {
    let cover = doc.scope(Scope::Cover).map(|s| s.range);
    let signatures = doc.scope(Scope::Signatures).map(|s| s.range);
    let form = cover.map(|c| Form::read(doc, c, columns));
    let captioned = |caption: &Regex| form.as_ref().and_then(|f| f.value(doc, caption)).flatten();
    let edgar = edgar_header(doc);
    let mut registrant_names = Vec::new();
    let cover_name = cover.and_then(|c| cover_registrant(doc, c, captioned(&REGISTRANT_CAPTION)));
    if let Some(name) = cover_name {
        registrant_names.push(ScopedRange {
            scope: Scope::Cover,
            range: name,
        });
    }
    if let Some(name) = signatures.and_then(|s| signature_registrant(doc, s, cover_name, columns)) {
        registrant_names.push(ScopedRange {
            scope: Scope::Signatures,
            range: name,
        });
    }
    if let Some(name) = cmr_registrant(doc) {
        registrant_names.push(ScopedRange {
            scope: Scope::Cmr,
            range: name,
        });
    }
    Fields {
        periods: periods(doc),
        signature_date: signatures.and_then(|s| first_date(doc, s)),
        conformed_signatures: conformed_signatures(doc),
        exhibit_index: exhibit_index(doc),
        cmr_title: doc.scope(Scope::Cmr).map(|s| s.heading),
        registrant_names,
        defined_names: defined_names(doc),
        file_number: cover.and_then(|c| {
            inline_value(doc, c, &FILE_NUMBER_INLINE)
                .or_else(|| {
                    captioned(&FILE_NUMBER_CAPTION).map(|v| narrow(doc, v, &FILE_NUMBER_SHAPE))
                })
                .or_else(|| file_number_alone(doc, c))
        }),
        employer_id: cover.and_then(|c| {
            inline_value(doc, c, &EMPLOYER_ID_INLINE).or_else(|| {
                captioned(&EMPLOYER_ID_CAPTION).map(|v| narrow(doc, v, &EMPLOYER_ID_SHAPE))
            })
        }),
        contact: cover.and_then(|c| contact(doc, c, form.as_ref())),
        jurisdiction: cover.and_then(|c| {
            jurisdiction(
                doc,
                c,
                form.as_ref()
                    .and_then(|f| f.value(doc, &JURISDICTION_CAPTION)),
            )
        }),
        jurisdiction_caption: form.as_ref().and_then(|f| f.caption(&JURISDICTION_CAPTION)),
        urls: urls(doc),
        exhibit_refs: exhibit_refs(doc),
        amendment: super::amendment::amendment(doc, edgar.as_ref()),
        edgar,
    }
}

/// The state or other jurisdiction of incorporation on the cover: the value of its caption
/// (`captioned`: `Some(None)` for a caption whose value is left blank), else a sentence or
/// label that names it, else a line or cell that is nothing but a jurisdiction's name
/// (`rules/data/jurisdictions.txt`), as covers without captions give it.
fn jurisdiction(
    doc: &Document,
    cover: TextRange,
    captioned: Option<Option<TextRange>>,
) -> Option<TextRange> {
    if let Some(value) = captioned {
        return value;
    }
    let text = doc.slice(cover);
    let inline = JURISDICTION_INLINE.captures_iter(text).find_map(|caps| {
        let value = caps.iter().skip(1).flatten().next()?;
        let words = value.as_str().to_ascii_lowercase();
        let caption_word = ["incorporation", "organization", "organisation", "other"]
            .iter()
            .any(|w| words.starts_with(w) || words.ends_with(w) || words.contains(" or other"));
        (!caption_word).then(|| TextRange::from(value.range()).shifted(cover.start()))
    });
    inline.or_else(|| {
        doc.lines
            .iter()
            .filter(|l| cover.contains_range(l.range))
            .find_map(|l| {
                let line = doc.slice(l.range);
                let mut at = 0;
                line.split(['\t', '|']).find_map(|cell| {
                    let start = at;
                    at += cell.len() + 1;
                    is_jurisdiction(cell)
                        .then(|| {
                            trimmed(
                                doc,
                                TextRange::new(
                                    l.range.start() + start,
                                    l.range.start() + start + cell.len(),
                                ),
                            )
                        })
                        .flatten()
                })
            })
    })
}

/// The names of [`jurisdiction`]'s list, folded.
static JURISDICTIONS: LazyLock<Vec<String>> = LazyLock::new(|| {
    crate::data::text("jurisdictions.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(fold_name)
        .collect()
});

/// Whether a cell names a jurisdiction and nothing else ("Delaware", "Ontario, Canada" is not;
/// "Delaware, U.S.A." is).
fn is_jurisdiction(cell: &str) -> bool {
    let folded = fold_name(cell);
    let bare = [
        "unitedstatesofamerica",
        "unitedstates",
        "usa",
        "us",
        "canada",
    ]
    .iter()
    .find_map(|country| folded.strip_suffix(country).filter(|rest| !rest.is_empty()))
    .unwrap_or(&folded);
    !bare.is_empty() && JURISDICTIONS.iter().any(|j| j == bare || *j == folded)
}

/// Lower-case letters and digits only: "New  Hampshire," and "NEW HAMPSHIRE" compare equal.
fn fold_name(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The most specific scope holding `range`.
fn scope_of(doc: &Document, range: TextRange) -> Scope {
    const SPECIFIC_FIRST: [Scope; 10] = [
        Scope::PeriodLine,
        Scope::Item101,
        Scope::Item102,
        Scope::ExhibitsItem,
        Scope::Section1,
        Scope::Cover,
        Scope::Signatures,
        Scope::ExhibitIndex,
        Scope::CmrAnnex,
        Scope::Cmr,
    ];
    SPECIFIC_FIRST
        .into_iter()
        .find(|&s| {
            doc.scopes_of(s)
                .any(|span| span.range.contains_range(range))
        })
        .unwrap_or(Scope::Document)
}

fn periods(doc: &Document) -> Vec<PeriodStatement> {
    find_periods(&doc.text)
        .map(|p| PeriodStatement {
            range: p.range,
            scope: match scope_of(doc, p.range) {
                s @ (Scope::PeriodLine | Scope::Item101 | Scope::Cmr) => s,
                Scope::CmrAnnex => Scope::Cmr,
                _ => Scope::Document,
            },
            start: p.start,
            end: p.end,
            year: p.year,
        })
        .collect()
}

fn first_date(doc: &Document, range: TextRange) -> Option<DateField> {
    find_dates(doc.slice(range))
        .next()
        .map(|(r, date)| DateField {
            range: r.shifted(range.start()),
            date,
        })
}

fn body_end(doc: &Document) -> usize {
    doc.scope(Scope::Cmr)
        .map_or(doc.text.len(), |s| s.range.start())
}

/// Every "/s/ Name" before the CMR, wherever it stands (its own line, a table cell, after
/// "By:"), up to the end of its line.
fn conformed_signatures(doc: &Document) -> Vec<TextRange> {
    let end = body_end(doc);
    // The line end found for one signature serves the next ones on its line: each search
    // starts past the last, so a long line is read once however many it holds.
    let mut line_end = None;
    CONFORMED
        .find_iter(&doc.text[..end])
        .map(|m| {
            let end = match line_end {
                Some(e) if e >= m.start() => e,
                _ => doc.text[m.start()..]
                    .find('\n')
                    .map_or(doc.text.len(), |p| m.start() + p),
            };
            line_end = Some(end);
            TextRange::new(m.start(), end)
        })
        .collect()
}

fn exhibit_index(doc: &Document) -> Vec<ExhibitRef> {
    let Some(index) = doc.scope(Scope::ExhibitIndex) else {
        return Vec::new();
    };
    doc.lines
        .iter()
        .filter(|l| index.range.contains_range(l.range))
        .filter_map(|l| match &l.kind {
            LineKind::ExhibitEntry { number } | LineKind::ExhibitLabel { number } => {
                Some(ExhibitRef {
                    number: number.clone(),
                    range: l.range,
                    scope: Scope::ExhibitIndex,
                })
            }
            _ => None,
        })
        .collect()
}

/// A value written after its label ("Commission File Number: 0-12345"): the pattern's group 1.
fn inline_value(doc: &Document, within: TextRange, pattern: &Regex) -> Option<TextRange> {
    let caps = pattern.captures(doc.slice(within))?;
    let value = caps.get(1)?;
    Some(TextRange::from(value.range()).shifted(within.start()))
}

/// A value that holds a token of the expected shape among other words (a row of values above
/// a row of captions, a "File No." label) narrowed to that token; otherwise as written.
fn narrow(doc: &Document, value: TextRange, shape: &Regex) -> TextRange {
    let text = doc.slice(value);
    match shape.find(text) {
        Some(m) if m.as_str().len() < text.trim().len() => {
            TextRange::from(m.range()).shifted(value.start())
        }
        _ => value,
    }
}

/// A cover line holding nothing but a file-number-like token ("001-33129").
fn file_number_alone(doc: &Document, cover: TextRange) -> Option<TextRange> {
    doc.lines
        .iter()
        .filter(|l| cover.contains_range(l.range))
        .find_map(|l| {
            let within = alone_file_number(doc.slice(l.range))?;
            Some(TextRange::from(within).shifted(l.range.start()))
        })
}

/// Where `line` holds a file number and nothing else but characters that are not word
/// characters (Unicode `\w`, as a pattern reads it): "  (001-33129)".
fn alone_file_number(line: &str) -> Option<std::ops::Range<usize>> {
    let other = |c: char| !regex_syntax::is_word_character(c);
    let start = line.len() - line.trim_start_matches(other).len();
    let token = line.trim_matches(other);
    is_file_number(token).then(|| start..start + token.len())
}

/// Whether `token` is all of a file number: one to three digits, a hyphen, three to six digits.
fn is_file_number(token: &str) -> bool {
    let digits = |s: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    token
        .split_once('-')
        .is_some_and(|(prefix, number)| digits(prefix, 1..=3) && digits(number, 3..=6))
}

/// The registrant's name on the cover: by its caption, or else the first line after the form's
/// title that is not boilerplate and not the value of another caption.
fn cover_registrant(
    doc: &Document,
    cover: TextRange,
    captioned: Option<TextRange>,
) -> Option<TextRange> {
    if captioned.is_some() {
        return captioned;
    }
    let lines: Vec<_> = doc
        .lines
        .iter()
        .filter(|l| cover.contains_range(l.range))
        .collect();
    let title = lines.iter().rposition(|l| {
        let s = doc.slice(l.range).to_ascii_lowercase();
        s.contains("specialized disclosure report") || s.trim() == "form sd"
    })?;
    // The name stands above the rule line and the legend of its check boxes.
    let rest = &lines[title + 1..];
    let end = rest
        .iter()
        .position(|l| {
            l.kind == LineKind::PeriodLine
                || doc
                    .slice(l.range)
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("check the appropriate")
        })
        .unwrap_or(rest.len());
    let rest = &rest[..end];
    rest.iter()
        .enumerate()
        .find(|(i, l)| {
            let text = doc.slice(l.range);
            // A value with its own caption (on its line or the next) is not the name.
            // (The whole paragraph: a wrapped line may carry its caption on to the next line.)
            let paragraph = doc.paragraph_at(l.range.start()).unwrap_or(l.range);
            let captioned = has_caption(doc.slice(paragraph))
                || rest.get(i + 1).is_some_and(|next| {
                    next.kind == LineKind::Caption
                        || doc.slice(next.range).trim_start().starts_with('(')
                            && has_caption(doc.slice(next.range))
                });
            // A line that carries on a wrapped paragraph is not a name of its own.
            let opens_paragraph = doc
                .paragraph_at(l.range.start())
                .is_none_or(|p| p.start() == l.range.start())
                && !(text.starts_with(char::is_lowercase)
                    && i.checked_sub(1).is_some_and(|p| {
                        let between = &doc.text[rest[p].range.end()..l.range.start()];
                        between.matches('\n').count() <= 1
                    }));
            matches!(l.kind, LineKind::Title | LineKind::Text)
                && opens_paragraph
                && is_name_like(text)
                && !is_boilerplate(text)
                && !captioned
        })
        .map(|(_, l)| l.range)
}

/// Whether a line could be a company name: short, with letters, not a sentence.
fn is_name_like(line: &str) -> bool {
    let line = line.trim();
    line.len() <= 100
        && line.chars().any(|c| c.is_alphabetic())
        && !line.ends_with([':', ';'])
        && !line
            .to_ascii_lowercase()
            .starts_with("check the appropriate")
}

/// The registrant's name in the signature block: by the "(Registrant)" caption, or the first
/// line after the legend that reads as a company's name (a corporate suffix, or the cover's
/// name) rather than the signer's.
fn signature_registrant(
    doc: &Document,
    block: TextRange,
    cover_name: Option<TextRange>,
    columns: &dyn Columns,
) -> Option<TextRange> {
    let form = Form::read(doc, block, columns);
    if let Some(value) = form.value(doc, &SIGNATURE_REGISTRANT_CAPTION).flatten() {
        return Some(value);
    }
    let cover_name = cover_name.map(|r| crate::names::normalize_name(doc.slice(r)));
    // Each cell of a line: a signature block laid out as a table puts the name in a column.
    doc.lines
        .iter()
        .filter(|l| block.contains_range(l.range))
        .filter(|l| matches!(l.kind, LineKind::Title | LineKind::Text | LineKind::Table))
        .flat_map(|l| cells_of(doc, l.range))
        .map(|cell| (cell, doc.slice(cell)))
        .filter(|(_, s)| is_name_like(s) && !is_boilerplate(s) && !s.contains("/s/"))
        .find(|(_, s)| {
            COMPANY_SUFFIX.is_match(s)
                || cover_name
                    .as_ref()
                    .is_some_and(|n| *n == crate::names::normalize_name(s))
        })
        .map(|(cell, _)| cell)
}

/// The cells of the line at `range` (separated by tabs or a Markdown table's pipes), trimmed,
/// leaving out blank ones; a line of prose is one cell.
fn cells_of(doc: &Document, range: TextRange) -> Vec<TextRange> {
    let text = doc.slice(range);
    let mut out = Vec::new();
    let mut start = range.start();
    for piece in text.split(['\t', '|']) {
        if let Some(cell) = trimmed(doc, TextRange::new(start, start + piece.len())) {
            out.push(cell);
        }
        start += piece.len() + 1;
    }
    out
}

/// The registrant's name in the CMR's title: what precedes "Conflict Minerals Report" on the
/// title line, or the line before it when the title starts with the phrase.
fn cmr_registrant(doc: &Document) -> Option<TextRange> {
    let cmr = doc.scope(Scope::Cmr)?;
    let title = doc
        .lines
        .iter()
        .filter(|l| cmr.range.contains_range(l.range))
        .take(3)
        .find(|l| l.kind == LineKind::CmrTitle)?;
    let text = doc.slice(title.range);
    let phrase = CMR_PHRASE.find(text)?;
    let before = TextRange::new(title.range.start(), title.range.start() + phrase.start());
    if let Some(name) = trimmed(doc, before) {
        return Some(name);
    }
    // "Conflict Minerals Report of Acme Corp. for the year ended ..."
    if let Some(rest) = text[phrase.end()..].strip_prefix(" of ") {
        let end = FOR_PERIOD.find(rest).map_or(rest.len(), |m| m.start());
        let start = title.range.start() + phrase.end() + " of ".len();
        if let Some(name) = trimmed(doc, TextRange::new(start, start + end)) {
            return Some(name);
        }
    }
    let index = doc.lines.iter().position(|l| l.range == title.range)?;
    let above = doc.lines[..index].last()?;
    (cmr.range.contains_range(above.range) && above.kind == LineKind::Title).then_some(above.range)
}

/// Short names defined in quotes: `("Inogen" or "we")`, `(together with its subsidiaries, "AMSC")`.
fn defined_names(doc: &Document) -> Vec<TextRange> {
    DEFINED_NAME
        .captures_iter(&doc.text)
        .filter_map(|c| c.get(1))
        .map(|m| TextRange::from(m.range()))
        .collect()
}

/// The contact person: by the "(Name and telephone number ...)" caption, reading the text before
/// it on its line and up to two lines above (stopping at another caption), or its value below it
/// when the cover sets captions above values; or else the first cover paragraph with a
/// telephone number.
fn contact(doc: &Document, cover: TextRange, form: Option<&Form>) -> Option<Contact> {
    let text = doc.slice(cover);
    // A form that sets its captions above their values has the contact under its caption.
    let below = form
        .filter(|f| f.captions_first())
        .and_then(|f| f.value(doc, &CONTACT_CAPTION));
    let window = match (below, CONTACT_CAPTION.find(text)) {
        (Some(None), _) => {
            return Some(Contact {
                name: None,
                phone: None,
            });
        }
        (Some(Some(value)), _) => value,
        (None, Some(found)) => {
            let at = cover.start() + found.start();
            let line_index = doc.lines.iter().rposition(|l| l.range.start() <= at)?;
            let mut start = doc.lines[line_index].range.start();
            for line in doc.lines[..line_index].iter().rev().take(2) {
                if has_caption(doc.slice(line.range)) || !cover.contains_range(line.range) {
                    break;
                }
                start = line.range.start();
            }
            TextRange::new(start, at)
        }
        (None, None) => {
            let phone = PHONE.find(text)?;
            let at = cover.start() + phone.start();
            let line_index = doc.lines.iter().rposition(|l| l.range.start() <= at)?;
            let start = doc.lines[line_index.saturating_sub(2)..=line_index]
                .iter()
                .find(|l| cover.contains_range(l.range))
                .map_or(at, |l| l.range.start());
            TextRange::new(start, doc.lines[line_index].range.end())
        }
    };
    let slice = doc.slice(window);
    let phone = PHONE
        .find(slice)
        .map(|m| TextRange::from(m.range()).shifted(window.start()));
    let name = PERSON
        .find_iter(slice)
        .find(|m| !is_department(m.as_str()))
        .map(|m| TextRange::from(m.range()).shifted(window.start()));
    Some(Contact { name, phone })
}

/// Whether two capitalised words name an office rather than a person ("Investor Relations").
fn is_department(words: &str) -> bool {
    const OFFICE_WORDS: [&str; 14] = [
        "investor",
        "relations",
        "corporate",
        "legal",
        "compliance",
        "department",
        "office",
        "secretary",
        "general",
        "counsel",
        "human",
        "resources",
        "street",
        "suite",
    ];
    words
        .split_whitespace()
        .any(|w| OFFICE_WORDS.contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str()))
}

/// Whether a line holds a parenthesised caption, "(Zip code)" (not a "(555)" area code).
fn has_caption(line: &str) -> bool {
    line.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'(' && w[1].is_ascii_alphabetic())
}

fn urls(doc: &Document) -> Vec<ScopedRange> {
    URL.find_iter(&doc.text)
        .map(|m| {
            let raw = TextRange::from(m.range());
            // A sentence's closing period or comma is not part of the address.
            let text = doc.slice(raw);
            let kept = text.trim_end_matches(['.', ',', ';', ':', '"', '\'']).len();
            let range = TextRange::new(raw.start(), raw.start() + kept);
            ScopedRange {
                scope: scope_of(doc, range),
                range,
            }
        })
        .collect()
}

fn exhibit_refs(doc: &Document) -> Vec<ExhibitRef> {
    let end = body_end(doc);
    EXHIBIT_REF
        .captures_iter(&doc.text[..end])
        .filter_map(|c| {
            let number = c.get(1)?;
            let range = TextRange::from(c.get(0)?.range());
            if denies_filing(doc, range) {
                return None;
            }
            Some(ExhibitRef {
                number: number.as_str().to_owned(),
                range,
                scope: scope_of(doc, range),
            })
        })
        .collect()
}

/// Whether the clause that mentions an exhibit at `range` says it is not filed ("no Conflict
/// Minerals Report is filed as Exhibit 1.01", "Exhibit 1.01 is not required"): a statement
/// that there is no such exhibit, not a citation of one.
fn denies_filing(doc: &Document, range: TextRange) -> bool {
    static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[;,:]").expect("valid"));
    static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:no|not|none|neither|nor|never)\b|n't\b").expect("valid")
    });
    // "Exhibit 1.01 is not filed", "... to this Form SD has not been furnished".
    static DENIED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[\s,]*(?:(?:to|of)\s+this\s+(?:form\s+sd|report)\s+)?(?:is|are|was|were|has|have|will)\s+(?:been\s+)?(?:not|never)\b|^[\s,]*(?:isn't|wasn't|won't)\b")
            .expect("valid")
    });
    let sentence = doc.sentence_at(range.start()).unwrap_or(range);
    let before = &doc.text[sentence.start().min(range.start())..range.start()];
    let clause_start = CLAUSE_BREAK.find_iter(before).last().map_or(0, |m| m.end());
    let after_end = sentence.end().max(range.end());
    let after = &doc.text[range.end()..after_end];
    let after = CLAUSE_BREAK
        .find(after)
        .map_or(after, |m| &after[..m.start()]);
    NEGATION.is_match(&before[clause_start..]) || DENIED_AFTER.is_match(after)
}

/// The header of an EDGAR `.txt` submission, when the file starts with one.
fn edgar_header(doc: &Document) -> Option<EdgarHeader> {
    let head_end = match super::envelope::body_start(&doc.text) {
        0 => doc.text.find("<DOCUMENT>")?,
        end => end,
    };
    let head = &doc.text[..head_end];
    if !head.contains("<SEC-HEADER>")
        && !head
            .to_ascii_uppercase()
            .contains("CONFORMED SUBMISSION TYPE")
    {
        return None;
    }
    let mut header = EdgarHeader {
        range: TextRange::new(0, head_end),
        ..EdgarHeader::default()
    };
    for caps in EDGAR_FIELD.captures_iter(head) {
        let (Some(value), Some(key)) = (caps.get(3), caps.get(1).or_else(|| caps.get(2))) else {
            continue;
        };
        let range = TextRange::from(value.range());
        let range = trimmed(doc, range).unwrap_or(range);
        let key = key.as_str().to_ascii_lowercase();
        let date = || compact_date(doc.slice(range)).map(|date| DateField { range, date });
        match key.as_str() {
            "rule-name" => header.rules.push(range),
            "item-number" | "item information" => header.items.push(range),
            "item-period" | "period" | "conformed period of report" => header.period = date(),
            "filing-date" | "filed as of date" => header.filed = date(),
            _ => header.submission_type = Some(range),
        }
    }
    Some(header)
}

/// A date written as EDGAR writes it: YYYYMMDD.
fn compact_date(value: &str) -> Option<crate::date::Date> {
    let digits = value.trim();
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let dashed = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]);
    find_dates(&dashed).next().map(|(_, date)| date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_number_alone_on_its_line() {
        assert_eq!(alone_file_number("001-33129"), Some(0..9));
        assert_eq!(alone_file_number("  (1-234) \u{a0}"), Some(3..8));
        assert_eq!(
            alone_file_number("\u{2014} 333-123456 \u{2014}"),
            Some(4..14)
        );
        for not in [
            "",
            "File No. 001-33129",
            "001-33129 filed",
            "1234-567",
            "12-34",
            "12-1234567",
            "\u{e9}001-33129",
            "001_33129",
            "001-33129-1",
        ] {
            assert_eq!(alone_file_number(not), None, "{not:?}");
        }
    }

    /// Every built-in pattern compiles (they are compiled lazily, on first use).
    #[test]
    fn patterns_compile() {
        for p in [
            &REGISTRANT_CAPTION,
            &SIGNATURE_REGISTRANT_CAPTION,
            &FILE_NUMBER_CAPTION,
            &EMPLOYER_ID_CAPTION,
            &CONTACT_CAPTION,
            &PHONE,
            &PERSON,
            &URL,
            &EXHIBIT_REF,
            &CMR_PHRASE,
            &CONFORMED,
            &COMPANY_SUFFIX,
            &FILE_NUMBER_INLINE,
            &EMPLOYER_ID_INLINE,
            &FOR_PERIOD,
            &FILE_NUMBER_SHAPE,
            &EMPLOYER_ID_SHAPE,
            &DEFINED_NAME,
            &EDGAR_FIELD,
        ] {
            LazyLock::force(p);
        }
    }

    #[test]
    fn reads_values_of_a_cover_laid_out_as_a_table() {
        let text = "FORM SD\nSPECIALIZED DISCLOSURE REPORT\nAcme Widgets, Inc.\n(Exact name of registrant as specified in its charter)\n\
                    Delaware\t0-12345\t12-3456789\n\
                    (State of incorporation)\t(Commission File Number)\t(IRS Employer Identification No.)\n\
                    Rule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1) for the reporting period from January 1 to December 31, 2023.\n";
        let doc = crate::parse::parse(text.to_owned());
        let show = |r: Option<TextRange>| r.map(|r| doc.slice(r).to_owned());
        assert_eq!(show(doc.fields.file_number).as_deref(), Some("0-12345"));
        assert_eq!(show(doc.fields.employer_id).as_deref(), Some("12-3456789"));
        // An empty cell is no value, even with values beside it.
        let empty = text.replace("\t0-12345\t", "\t\t");
        let doc = crate::parse::parse(empty);
        assert_eq!(doc.fields.file_number, None);
    }

    #[test]
    fn reads_captioned_cover_values() {
        let text = "FORM SD\nSPECIALIZED DISCLOSURE REPORT\nAcme Widgets, Inc.\n(Exact name of registrant as specified in its charter)\n\
                    0-12345 (Commission File Number) 12-3456789 (IRS Employer Identification No.)\n\
                    Jane Roe, (555) 123-4567\n(Name and telephone number, including area code, of the person to contact in connection with this report.)\n\
                    Rule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1) for the reporting period from January 1 to December 31, 2023.\n\
                    Section 1 - Conflict Minerals Disclosure\nItem 1.01 Conflict Minerals Disclosure and Report\nSee www.acme.example/cm. Exhibit 1.01 is filed.\n";
        let doc = crate::parse::parse(text.to_owned());
        let f = &doc.fields;
        let show = |r: Option<TextRange>| r.map(|r| doc.slice(r).to_owned());
        assert_eq!(
            show(f.registrant_names.first().map(|n| n.range)).as_deref(),
            Some("Acme Widgets, Inc.")
        );
        assert_eq!(show(f.file_number).as_deref(), Some("0-12345"));
        assert_eq!(show(f.employer_id).as_deref(), Some("12-3456789"));
        let contact = f.contact.unwrap();
        assert_eq!(show(contact.name).as_deref(), Some("Jane Roe"));
        assert_eq!(show(contact.phone).as_deref(), Some("(555) 123-4567"));
        assert_eq!(f.urls.len(), 1);
        assert_eq!(doc.slice(f.urls[0].range), "www.acme.example/cm");
        assert_eq!(f.exhibit_refs[0].number, "1.01");
        assert_eq!(f.exhibit_refs[0].scope, Scope::Item101);
    }

    /// The cover values of `cover` (a whole original text), read as `sdlint check` reads a file:
    /// normalised, with the original's columns.
    fn cover_values(original: &str) -> (Option<String>, Option<String>, Option<String>) {
        let normalized = crate::normalize::normalize(original);
        let columns = crate::parse::SourceColumns {
            source: original,
            map: &normalized.map,
        };
        let doc = crate::parse::parse_with(normalized.text.clone(), &columns);
        let show = |r: Option<TextRange>| r.map(|r| doc.slice(r).to_owned());
        (
            show(doc.fields.registrant_names.first().map(|n| n.range)),
            show(doc.fields.file_number),
            show(doc.fields.employer_id),
        )
    }

    const HEAD: &str = "FORM SD\n\nSPECIALIZED DISCLOSURE REPORT\n\n";
    const TAIL: &str = "\nRule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1) for the reporting period from January 1 to December 31, 2022.\n";

    fn expected() -> (Option<String>, Option<String>, Option<String>) {
        (
            Some("Harrowgate Pumps Ltd.".to_owned()),
            Some("000-51207".to_owned()),
            Some("27-0081934".to_owned()),
        )
    }

    #[test]
    fn cover_captions_split_over_lines_in_space_aligned_columns() {
        let cover = "Harrowgate Pumps Ltd.\n(Exact name of registrant as specified in its charter)\n\n\
                     Nevada                        000-51207                27-0081934\n\
                     (State or other jurisdiction  (Commission              (I.R.S. Employer\n\
                     of incorporation)             File Number)             Identification No.)\n";
        assert_eq!(cover_values(&format!("{HEAD}{cover}{TAIL}")), expected());
        // Centred, each row indented differently, and the last caption on one line.
        let centred = "          Harrowgate Pumps Ltd.\n  (Exact name of registrant as specified in its charter)\n\n\
                       \x20     NEVADA                  000-51207            27-0081934\n\
                       (State or other jurisdiction     (Commission      (IRS Employer Identification No.)\n\
                       \x20   of incorporation)         File Number)\n";
        let (name, file, ein) = cover_values(&format!("{HEAD}{centred}{TAIL}"));
        assert_eq!((file, ein), (expected().1, expected().2));
        assert_eq!(name.as_deref(), Some("Harrowgate Pumps Ltd."));
        // A value left blank in its column is blank, not the next column's value.
        let blank = cover.replace("000-51207", "         ");
        let (_, file, ein) = cover_values(&format!("{HEAD}{blank}{TAIL}"));
        assert_eq!((file, ein), (None, expected().2));
    }

    #[test]
    fn cover_values_in_tables_and_above_or_below_their_captions() {
        let piped = "Harrowgate Pumps Ltd.\n(Exact name of registrant as specified in its charter)\n\n\
                     | Nevada | 000-51207 | 27-0081934 |\n|:---|:---:|---:|\n\
                     | (State of incorporation) | (Commission File Number) | (IRS Employer Identification No.) |\n";
        assert_eq!(cover_values(&format!("{HEAD}{piped}{TAIL}")), expected());
        // Captions over their values, as some agents lay the cover out.
        let over = "(Exact name of registrant as specified in its charter)\nHarrowgate Pumps Ltd.\n\n\
                    (State of incorporation)   (Commission File Number)   (IRS Employer Identification No.)\n\
                    Nevada                     000-51207                  27-0081934\n";
        let (_, file, ein) = cover_values(&format!("{HEAD}{over}{TAIL}"));
        assert_eq!((file, ein), (expected().1, expected().2));
        // A stack of value and caption pairs with one value missing: the caption under a value
        // owns it.
        let stacked = "Harrowgate Pumps Ltd.\n(Exact name of registrant as specified in its charter)\n\n\
                       Nevada\n(State of incorporation)\n\n\n(Commission File Number)\n\n\
                       27-0081934\n(IRS Employer Identification No.)\n";
        let (_, file, ein) = cover_values(&format!("{HEAD}{stacked}{TAIL}"));
        assert_eq!((file, ein), (None, expected().2));
        // Each value before its caption, in Markdown emphasis.
        let marked = "**Harrowgate Pumps Ltd.**\n*(Exact name of registrant as specified in its charter)*\n\n\
                      **Nevada** *(State of incorporation)*\n**000-51207** *(Commission File Number)*\n\
                      **27-0081934** *(IRS Employer Identification No.)*\n";
        assert_eq!(cover_values(&format!("{HEAD}{marked}{TAIL}")), expected());
        // Three captions on one line with single spaces, under aligned values.
        let one_line = "Harrowgate Pumps Ltd.\n(Exact name of registrant as specified in its charter)\n\n\
                        Nevada                   000-51207               27-0081934\n\
                        (State of incorporation) (Commission File No.) (IRS Employer Identification No.)\n";
        let (_, file, ein) = cover_values(&format!("{HEAD}{one_line}{TAIL}"));
        assert_eq!((file, ein), (expected().1, expected().2));
    }

    /// A sentence saying there is no exhibit does not cite it.
    #[test]
    fn a_denied_exhibit_is_not_a_reference() {
        let numbers = |text: &str| -> Vec<String> {
            let doc = crate::parse::parse(text.to_owned());
            doc.fields
                .exhibit_refs
                .iter()
                .map(|r| r.number.clone())
                .collect()
        };
        assert!(
            numbers("No Conflict Minerals Report is filed as Exhibit 1.01 to this Form SD.\n")
                .is_empty()
        );
        assert!(numbers("The Company is not required to file a report,\nand none is filed as Exhibit 1.01.\n").is_empty());
        assert!(numbers("Exhibit 1.01 to this Form SD is not filed.\n").is_empty());
        assert_eq!(
            numbers(
                "The Company has filed its Conflict Minerals Report as Exhibit 1.01, which was not audited.\n"
            ),
            ["1.01"]
        );
        assert_eq!(
            numbers("Although no audit is required, the report is filed as Exhibit 1.01.\n"),
            ["1.01"]
        );
    }
}
