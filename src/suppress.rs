//! Suppressions (DESIGN §7): comments that turn rules off for a line, a region or a file.
//!
//! ```text
//! <!-- sdlint-disable-next-line SD-SIG-005 -- dated by the filing agent -->
//! <!-- sdlint-disable CMR-SMELT -- annex reproduced from the supplier survey -->
//! ...
//! <!-- sdlint-enable CMR-SMELT -->
//! <!-- sdlint-disable-file XF-013 -- reviewed with counsel, 2024-05-20 -->
//! ```
//!
//! A directive names rules by id, name or id prefix (`CMR-OECD`), separated by commas, and may
//! give its reason after ` -- ` (or ` – ` / ` — `, as Word's AutoCorrect writes it). It is read
//! wherever a reader could have written it: on any line of a text, Markdown or Word file
//! (usually inside an HTML comment), and in the comments of an HTML file. "Next line" is the
//! next line with text on it: the next paragraph of HTML or Word.
//!
//! Suppressions stay auditable: one that suppresses nothing, or names no rule, is reported
//! (SDLINT-003), and a project can require every suppression to give a reason (SDLINT-004:
//! without one it is not applied).

use crate::diagnostic::{Diagnostic, Label};
use crate::input::{Locator, SourceFile};
use crate::parse::DocumentKind;
use crate::rules::{RuleSet, Severity};
use crate::span::TextRange;

/// The rule reporting suppressions that suppress nothing.
pub const UNUSED: &str = "SDLINT-003";
/// The rule reporting suppressions without a reason, where reasons are required.
pub const NO_REASON: &str = "SDLINT-004";

const PREFIX: &str = "sdlint-";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
    File,
}

impl Kind {
    /// The directive keywords, longest first so that `sdlint-disable-next-line` is not read as
    /// `sdlint-disable`.
    const KEYWORDS: [(&'static str, Kind); 4] = [
        ("sdlint-disable-next-line", Kind::NextLine),
        ("sdlint-disable-file", Kind::File),
        ("sdlint-disable", Kind::Disable),
        ("sdlint-enable", Kind::Enable),
    ];
}

/// One directive found in a file.
#[derive(Debug)]
struct Directive {
    kind: Kind,
    selectors: Vec<String>,
    reason: Option<String>,
    /// Offset in the text from which the directive acts (the end of its line, or where an HTML
    /// comment stood).
    after: usize,
    /// Where to report it.
    place: Label,
}

/// How suppressions are applied in a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Policy {
    /// A suppression without a reason is not applied (and is reported).
    pub require_reason: bool,
}

/// What the rules about suppressions need to know of the run.
pub struct Run<'a> {
    pub rules: &'a RuleSet,
    pub enabled: &'a [bool],
    /// Severity overrides by rule index.
    pub severity: &'a [Option<Severity>],
    pub document: DocumentKind,
    pub policy: Policy,
}

/// Removes the diagnostics that the file's directives suppress, and adds the findings about
/// the directives themselves; the result is sorted by position, then rule id.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    file: &SourceFile,
    locator: &Locator<'_>,
    run: &Run<'_>,
) -> Vec<Diagnostic> {
    let directives = find(file, locator);
    if directives.is_empty() {
        return diagnostics;
    }
    let rule_index = |id: &str| run.rules.rules.iter().position(|r| r.meta.id == id);
    // For every directive and selector: the rules it names (None: it names no rule) and whether
    // it suppressed anything.
    let mut matched: Vec<Vec<(Option<Vec<bool>>, bool)>> = directives
        .iter()
        .map(|d| {
            d.selectors
                .iter()
                .map(|s| {
                    let rules = run.rules.selection(std::slice::from_ref(s), &[]).ok();
                    (rules, false)
                })
                .collect()
        })
        .collect();
    let applies = |d: &Directive| !run.policy.require_reason || d.reason.is_some();

    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let Some(rule) = rule_index(&diagnostic.rule) else {
            kept.push(diagnostic);
            continue;
        };
        let at = diagnostic.primary.range.start();
        let mut suppressed = false;
        for (index, directive) in directives.iter().enumerate() {
            if !applies(directive) || !covers(&directives, index, at, locator, rule, run.rules) {
                continue;
            }
            for (rules, used) in &mut matched[index] {
                if rules.as_ref().is_some_and(|r| r[rule]) {
                    *used = true;
                    suppressed = true;
                }
            }
        }
        if !suppressed {
            kept.push(diagnostic);
        }
    }

    for (directive, selectors) in directives.iter().zip(&matched) {
        if directive.kind == Kind::Enable {
            continue;
        }
        if !applies(directive) {
            kept.extend(report(
                run,
                NO_REASON,
                &directive.place,
                "This suppression gives no reason, so it was not applied".to_owned(),
            ));
            continue;
        }
        if directive.selectors.is_empty() {
            kept.extend(report(
                run,
                UNUSED,
                &directive.place,
                "This suppression names no rule, so it suppresses nothing".to_owned(),
            ));
        }
        for (selector, (rules, used)) in directive.selectors.iter().zip(selectors) {
            let message = match rules {
                None => format!("This suppression names `{selector}`, which is not a rule"),
                Some(rules) if !used && ran_any(rules, run) => {
                    format!("This suppression of {selector} suppresses nothing")
                }
                Some(_) => continue,
            };
            kept.extend(report(run, UNUSED, &directive.place, message));
        }
    }
    kept.sort_by(|a, b| (a.primary.range.start, &a.rule).cmp(&(b.primary.range.start, &b.rule)));
    kept
}

/// Whether directive `index` covers a diagnostic of `rule` at text offset `at`.
fn covers(
    directives: &[Directive],
    index: usize,
    at: usize,
    locator: &Locator<'_>,
    rule: usize,
    rules: &RuleSet,
) -> bool {
    let directive = &directives[index];
    match directive.kind {
        Kind::File => true,
        Kind::Enable => false,
        Kind::NextLine => {
            let target = next_text_line(locator, directive.after);
            target.is_some_and(|line| locator.lines().line_of(at) == line)
        }
        Kind::Disable => {
            if at < directive.after {
                return false;
            }
            // The region ends at the first later `sdlint-enable` that names the rule (or names
            // no rule at all).
            let end = directives[index + 1..]
                .iter()
                .filter(|d| d.kind == Kind::Enable)
                .find(|d| {
                    d.selectors.is_empty()
                        || d.selectors.iter().any(|s| {
                            rules
                                .selection(std::slice::from_ref(s), &[])
                                .is_ok_and(|r| r[rule])
                        })
                })
                .map_or(usize::MAX, |d| d.after);
            at < end
        }
    }
}

/// The first line at or after offset `after` that has text on it.
fn next_text_line(locator: &Locator<'_>, after: usize) -> Option<usize> {
    let text = locator.text();
    let lines = locator.lines();
    let mut line = lines.line_of(after.min(text.len()));
    if lines.line_start(line) < after {
        line += 1;
    }
    while line < lines.line_count() {
        let start = lines.line_start(line);
        let end = lines.line_start(line + 1).min(text.len());
        if text.get(start..end).is_some_and(|l| !l.trim().is_empty()) {
            return Some(line);
        }
        line += 1;
    }
    None
}

/// Whether any rule of `rules` ran on this document.
fn ran_any(rules: &[bool], run: &Run<'_>) -> bool {
    rules.iter().enumerate().any(|(i, &hit)| {
        hit && run.enabled.get(i).copied().unwrap_or(true)
            && run.rules.rules[i].meta.documents.contains(&run.document)
    })
}

/// A diagnostic of the suppression rule `id` at `place`, if that rule is enabled.
fn report(run: &Run<'_>, id: &str, place: &Label, message: String) -> Option<Diagnostic> {
    let index = run.rules.rules.iter().position(|r| r.meta.id == id)?;
    if !run.enabled.get(index).copied().unwrap_or(true) {
        return None;
    }
    let meta = &run.rules.rules[index].meta;
    let severity = run
        .severity
        .get(index)
        .copied()
        .flatten()
        .unwrap_or(meta.severity);
    Some(Diagnostic {
        rule: meta.id.clone(),
        name: meta.name.clone(),
        severity,
        message,
        help: meta.help.clone(),
        references: meta.references.clone(),
        primary: place.clone(),
        secondary: Vec::new(),
        elsewhere: Vec::new(),
    })
}

/// Every directive of the file: in its text, and in the comments its text leaves out.
fn find(file: &SourceFile, locator: &Locator<'_>) -> Vec<Directive> {
    let mut found = Vec::new();
    let text = &file.text;
    for (at, _) in text.match_indices(PREFIX) {
        let line_end = comment_end(text, at);
        // A comment wrapped over lines reads as one line.
        let directive = text[at..line_end].replace('\n', " ");
        if let Some((kind, selectors, reason, len)) = parse(&directive) {
            let range = TextRange::new(at, at + len);
            let located = locator.locate(range);
            found.push(Directive {
                kind,
                selectors,
                reason,
                after: line_end,
                place: Label {
                    range,
                    start: located.start,
                    end: located.end,
                    bytes: located.bytes,
                    message: "this suppression".to_owned(),
                },
            });
        }
    }
    if let Some(markup) = locator.markup() {
        for comment in &file.comments {
            let body = &markup[comment.source.as_range()];
            for (offset, _) in body.match_indices(PREFIX) {
                let rest = &body[offset..];
                let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
                let Some((kind, selectors, reason, len)) = parse(rest) else {
                    continue;
                };
                let start = comment.source.start() + offset;
                let Some(located) = locator.locate_markup(TextRange::new(start, start + len))
                else {
                    continue;
                };
                found.push(Directive {
                    kind,
                    selectors,
                    reason,
                    after: comment.at as usize,
                    place: Label {
                        range: TextRange::empty(comment.at as usize),
                        start: located.start,
                        end: located.end,
                        bytes: located.bytes,
                        message: "this suppression (in an HTML comment)".to_owned(),
                    },
                });
            }
        }
        found.sort_by_key(|d| d.after);
    }
    found
}

/// The end of the line a directive at `at` ends on: its own line, or for an HTML comment
/// wrapped over a few lines of prose ("<!-- sdlint-disable-next-line SD-SIG-005 -- dated" /
/// "by the filing agent -->"), the line of its `-->`.
fn comment_end(text: &str, at: usize) -> usize {
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |p| from + p);
    let first = line_end(at);
    let opened = text[..at].rfind('\n').map_or(0, |p| p + 1);
    if !text[opened..at].contains("<!--") || text[at..first].contains("-->") {
        return first;
    }
    let mut end = first;
    for _ in 0..WRAPPED_COMMENT_LINES {
        if end >= text.len() || text[end + 1..].starts_with('\n') {
            break;
        }
        end = line_end(end + 1);
        if text[at..end].contains("-->") {
            return end;
        }
    }
    first
}

/// How many lines a directive's comment may be wrapped over.
const WRAPPED_COMMENT_LINES: usize = 4;

/// Reads a directive at the start of `line`: its kind, rule selectors, reason, and length
/// (up to the end of the reason, or of the comment's text).
fn parse(line: &str) -> Option<(Kind, Vec<String>, Option<String>, usize)> {
    let (keyword, kind) = Kind::KEYWORDS
        .iter()
        .find(|(k, _)| line.starts_with(k))
        .copied()?;
    let rest = &line[keyword.len()..];
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) && !rest.starts_with("-->") {
        return None;
    }
    let end = rest.find("-->").unwrap_or(rest.len());
    let body = &rest[..end];
    let (rules, reason) = match reason_separator(body) {
        Some((p, len)) => (&body[..p], Some(body[p + len..].trim())),
        None => (body, None),
    };
    let selectors = rules
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let reason = reason.filter(|r| !r.is_empty()).map(str::to_owned);
    let len = keyword.len() + body.trim_end().len();
    Some((kind, selectors, reason, len))
}

/// Where the reason starts in a directive's body: after `--`, or after the en or em dash that
/// Word's AutoCorrect makes of it (` -- ` becomes ` – `). Returns its position and length.
fn reason_separator(body: &str) -> Option<(usize, usize)> {
    body.match_indices(['-', '\u{2013}', '\u{2014}'])
        .find_map(|(p, dash)| match dash {
            "-" => body[p..].starts_with("--").then_some((p, 2)),
            _ => Some((p, dash.len())),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives_with_rules_and_reasons() {
        let (kind, rules, reason, len) =
            parse("sdlint-disable-next-line SD-SIG-005, XF-013 -- agent dates it -->").unwrap();
        assert_eq!(kind, Kind::NextLine);
        assert_eq!(rules, ["SD-SIG-005", "XF-013"]);
        assert_eq!(reason.as_deref(), Some("agent dates it"));
        assert_eq!(
            len,
            "sdlint-disable-next-line SD-SIG-005, XF-013 -- agent dates it".len()
        );
        let (kind, rules, reason, _) = parse("sdlint-disable CMR-SMELT").unwrap();
        assert_eq!((kind, rules.len(), reason), (Kind::Disable, 1, None));
        assert_eq!(parse("sdlint-enable-->").unwrap().0, Kind::Enable);
        assert_eq!(parse("sdlint-disable-file XF-013").unwrap().0, Kind::File);
        assert!(parse("sdlint-disabled SD-SIG-005").is_none());
        // Word's AutoCorrect turns " -- " into an en dash (or an em dash).
        for dash in ["\u{2013}", "\u{2014}"] {
            let (_, rules, reason, _) = parse(&format!(
                "sdlint-disable-next-line SD-SIG-005 {dash} dated by the filing agent"
            ))
            .unwrap();
            assert_eq!(rules, ["SD-SIG-005"]);
            assert_eq!(reason.as_deref(), Some("dated by the filing agent"));
        }
        // A rule id's own hyphens are not a separator.
        let (_, rules, reason, _) = parse("sdlint-disable CMR-SMELT-003").unwrap();
        assert_eq!((rules, reason), (vec!["CMR-SMELT-003".to_owned()], None));
        assert!(parse("sdlint-rules").is_none());
    }
}
