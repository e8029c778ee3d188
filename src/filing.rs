//! Filings: the documents of one submission linted as one.
//!
//! On EDGAR a Form SD is filed with its Conflict Minerals Report as Exhibit 1.01 and, where
//! there is one, the independent private sector audit report as Exhibit 1.02: separate
//! documents of one submission, which users keep as separate files of one folder. [`group`]
//! sorts the files of a run into filings; [`lint`] joins a filing's documents into one text (the
//! Form SD, then the report, then the audit report, each starting on a line of its own), parses
//! and checks it as one document, and hands each document back the findings that stand in it,
//! located in its own file.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::diagnostic::{self, Elsewhere};
use crate::engine;
use crate::input::{Locator, SourceFile};
use crate::normalize::{self, Normalized};
use crate::parse::{self, Columns, Document, DocumentKind, Part, SourceColumns};
use crate::rules::{Finding, RuleSet, Settings};
use crate::span::TextRange;
use crate::{Report, suppress};

/// A file read and decoded, with the kind of document its title block names. The whole text
/// is normalised only when the filing is linted, so that a run holds one copy of each text
/// until then.
#[derive(Debug)]
pub struct Prepared {
    pub file: SourceFile,
    /// What the document is, from its first lines or, failing that, its file name.
    pub kind: DocumentKind,
    /// An EDGAR complete submission (several `<DOCUMENT>`s in one file): a filing by itself.
    submission: bool,
}

impl Prepared {
    pub fn new(file: SourceFile) -> Self {
        let head = normalize::normalize(head_of(&file.text));
        let submission = file.submission || is_submission(&head.text);
        let kind = match parse::kind_of_head(&head.text) {
            DocumentKind::Unknown if !submission => {
                name_parts(&file.path).1.unwrap_or(DocumentKind::Unknown)
            }
            kind => kind,
        };
        Self {
            file,
            kind,
            submission,
        }
    }
}

/// The opening of a text that its kind is read from: its first [`HEAD_LEN`] bytes, cut at a
/// line break (the title block and an EDGAR submission's header are far shorter).
fn head_of(text: &str) -> &str {
    if text.len() <= HEAD_LEN {
        return text;
    }
    let cut = crate::span::floor_char_boundary(text, HEAD_LEN);
    text[..cut]
        .rfind('\n')
        .map_or(&text[..cut], |end| &text[..=end])
}

const HEAD_LEN: usize = 256 << 10;

/// Whether a normalised text is an EDGAR submission file of several documents.
fn is_submission(text: &str) -> bool {
    let head = &text[..crate::span::floor_char_boundary(text, text.len().min(64 << 10))];
    head.match_indices("<DOCUMENT>").nth(1).is_some()
        || head.trim_start().starts_with("<SEC-DOCUMENT>")
}

/// The documents of one filing, as indexes into the list [`group`] was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub members: Vec<usize>,
    /// A document left on its own in a folder of several filings, with no other document
    /// sharing its EDGAR file-name stem.
    pub unpaired: bool,
}

/// Sorts documents into filings. With `together` false, every document is its own filing.
/// Otherwise, per folder: the Form SD, Conflict Minerals Report and audit reports of a folder
/// holding at most one Form SD and one report form one filing; in a folder of several, those
/// sharing an EDGAR file-name stem (`acme-2023_sd.htm`, `acme-2023_ex1-01.htm`) do. An EDGAR
/// complete-submission file, a document of no known kind, a Form SD filed under Rule 13q-1
/// only (its payments report is XBRL, no document sdlint reads) and standard input are filings
/// by themselves. Filings come in the order of their first document.
pub fn group(docs: &[Prepared], together: bool) -> Vec<Group> {
    let alone = |i: usize, unpaired: bool| Group {
        members: vec![i],
        unpaired,
    };
    let mut groups = Vec::new();
    let mut folders: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let groupable = together
            && !doc.submission
            && !matches!(
                doc.kind,
                DocumentKind::Unknown | DocumentKind::ResourceExtraction
            )
            && doc.file.path.as_os_str() != "-";
        if groupable {
            let folder = doc.file.path.parent().unwrap_or(Path::new(""));
            folders.entry(folder).or_default().push(i);
        } else {
            groups.push(alone(i, false));
        }
    }
    for members in folders.into_values() {
        let count = |kind| members.iter().filter(|&&i| docs[i].kind == kind).count();
        if count(DocumentKind::FormSd) <= 1 && count(DocumentKind::Cmr) <= 1 {
            groups.push(Group {
                members,
                unpaired: false,
            });
            continue;
        }
        let mut stems: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in &members {
            stems
                .entry(name_parts(&docs[i].file.path).0)
                .or_default()
                .push(i);
        }
        let mut left = Vec::new();
        for same in stems.into_values() {
            let count = |kind| same.iter().filter(|&&i| docs[i].kind == kind).count();
            if same.len() > 1 && count(DocumentKind::FormSd) <= 1 && count(DocumentKind::Cmr) <= 1 {
                groups.push(Group {
                    members: same,
                    unpaired: false,
                });
            } else {
                left.extend(same);
            }
        }
        // A Form SD left alone is unpaired only when some exhibit was left alone too.
        let exhibits_left = left.iter().any(|&i| docs[i].kind != DocumentKind::FormSd);
        for i in left {
            let unpaired = exhibits_left;
            groups.push(alone(i, unpaired));
        }
    }
    groups.sort_by_key(|g| g.members.iter().min().copied());
    groups
}

/// The file-name stem of `path`, which the documents of one filing share, and the kind of
/// document its name says it is. The stem is what comes before the name of the kind, with the
/// years that come after it: `acme-20231231_sd.htm` is the Form SD of stem `acme-20231231`,
/// `d447618dex101.htm` the Exhibit 1.01 of stem `d447618d`, `form-sd-2019.htm` and
/// `ex1-01-2019.htm` (or `Form SD 2019.docx` and `Exhibit 1.01 CMR 2019.docx`) those of stem
/// `2019`, `PCW_Ex101_FY2019.docx` of stem `pcw fy2019`. Other words after the name of the kind
/// ("final", "CMR") do not part a filing's documents. A name that says no kind is its own
/// stem.
fn name_parts(path: &Path) -> (String, Option<DocumentKind>) {
    static EXHIBIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(.*?)[-_. ]*(?:exhibit|exh|ex)[-_. ]*(?:no\.?)?[-_. ]*1[-_. ]?0?([12])(?:[-_. ](.*))?$")
            .expect("the exhibit file-name pattern is valid")
    });
    static FORM_SD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(.*?)[-_. ]*(?:form[-_. ]?)?sd(?:[-_. ]?a)?(?:[-_. ](.*))?$")
            .expect("the Form SD file-name pattern is valid")
    });
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if let Some(c) = EXHIBIT.captures(&name) {
        let kind = if &c[2] == "1" {
            DocumentKind::Cmr
        } else {
            DocumentKind::Ipsa
        };
        return (stem(&c[1], c.get(3)), Some(kind));
    }
    if let Some(c) = FORM_SD.captures(&name) {
        return (stem(&c[1], c.get(2)), Some(DocumentKind::FormSd));
    }
    (name, None)
}

/// A filing's stem: the `before` part of a file name, then the words of the `after` part that
/// hold a year ("2019", "fy2019", "20191231"), each after a space.
fn stem(before: &str, after: Option<regex::Match<'_>>) -> String {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:19|20)\d\d").expect("the year pattern is valid"));
    let mut stem = before.to_owned();
    let words = after.map_or("", |m| m.as_str());
    for word in words.split(|c: char| !c.is_alphanumeric()) {
        if YEAR.is_match(word) {
            if !stem.is_empty() {
                stem.push(' ');
            }
            stem.push_str(word);
        }
    }
    stem
}

/// Sorts `docs` into filings (see [`group`]) and lints each with the rules each document's
/// `enabled` selects, then applies its `sdlint-disable` comments as `suppressions` says; the
/// reports come in the order of `docs`.
pub fn lint_all(
    docs: Vec<Prepared>,
    enabled: Vec<Vec<bool>>,
    together: bool,
    rules: &RuleSet,
    settings: &Settings,
    suppressions: suppress::Policy,
) -> Vec<Report> {
    let groups = group(&docs, together);
    let mut slots: Vec<Option<(Prepared, Vec<bool>)>> =
        docs.into_iter().zip(enabled).map(Some).collect();
    let jobs: Vec<Job> = groups
        .into_iter()
        .map(|group| {
            let (members, on): (Vec<Prepared>, Vec<Vec<bool>>) = group
                .members
                .iter()
                .filter_map(|&i| slots[i].take())
                .unzip();
            Job {
                indexes: group.members,
                members,
                enabled: on,
                unpaired: group.unpaired,
            }
        })
        .collect();
    let mut reports: Vec<(usize, Report)> = jobs
        .into_par_iter()
        .flat_map_iter(|job| {
            let reports = lint(
                job.members,
                job.unpaired,
                rules,
                &job.enabled,
                settings,
                suppressions,
            );
            job.indexes.into_iter().zip(reports)
        })
        .collect();
    reports.sort_by_key(|(index, _)| *index);
    reports.into_iter().map(|(_, report)| report).collect()
}

/// One filing to lint: its documents, where they stand in the run, and their rules.
struct Job {
    indexes: Vec<usize>,
    members: Vec<Prepared>,
    enabled: Vec<Vec<bool>>,
    unpaired: bool,
}

/// A finding of a document of a filing, with its places in other documents of the filing (the
/// document's index, the range there, the label).
type Placed = (Finding, Vec<(usize, TextRange, String)>);

/// Lints the documents of one filing with the rules each one's `enabled` selects (`enabled[i]`
/// for `docs[i]`), then applies each document's `sdlint-disable` comments as `suppressions`
/// says; returns a report per document, in the order given.
pub fn lint(
    docs: Vec<Prepared>,
    unpaired: bool,
    rules: &RuleSet,
    enabled: &[Vec<bool>],
    settings: &Settings,
    suppressions: suppress::Policy,
) -> Vec<Report> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| docs[i].kind.reading_rank());
    let names: Vec<String> = order
        .iter()
        .map(|&i| file_name(&docs[i].file.path))
        .collect();
    let principal = order
        .first()
        .map(|&i| docs[i].file.path.clone())
        .unwrap_or_default();
    // The rules that run on any document of the filing; each document keeps the findings of
    // its own.
    let any_enabled: Vec<bool> = (0..rules.rules.len())
        .map(|r| enabled.iter().any(|e| e.get(r).copied().unwrap_or(true)))
        .collect();
    let mut normalized: Vec<Normalized> = docs
        .iter()
        .map(|d| normalize::normalize(&d.file.text))
        .collect();
    let (mut document, starts) = rayon::join(
        || parse_joined(&docs, &mut normalized, &order),
        || rules.prefilter(),
    )
    .0;
    document.filing = parse::document::Filing {
        documents: names,
        unpaired,
    };
    let findings = engine::run(rules, &any_enabled, &document, settings);
    let filing_names = listed(&document.filing.documents);
    let per_doc = placed(findings, &starts, enabled, &filing_names, docs.len());
    let diagnostics_of = diagnosed(
        &docs,
        per_doc,
        &normalized,
        rules,
        enabled,
        settings,
        suppressions,
    );
    let single = docs.len() == 1;
    docs.into_iter()
        .zip(diagnostics_of)
        .map(|(doc, diagnostics)| Report {
            path: doc.file.path,
            format: doc.file.format,
            // A document linted alone has the kind its whole text shows.
            document: if single { document.kind } else { doc.kind },
            filing: principal.clone(),
            source: doc.file.text,
            origin: doc.file.origin,
            diagnostics,
        })
        .collect()
}

/// The `findings` in the joined text of a filing handed to the documents they stand in (of
/// `count`, by where each one's part `starts`), located in each document's own text, with the
/// places they point to in other documents; a finding of a rule that is off for its document
/// is dropped. `{filing}` in a message becomes the filing's `names`.
fn placed(
    findings: Vec<Finding>,
    starts: &[(usize, usize, usize)],
    enabled: &[Vec<bool>],
    names: &str,
    count: usize,
) -> Vec<Vec<Placed>> {
    let mut per_doc: Vec<Vec<Placed>> = (0..count).map(|_| Vec::new()).collect();
    let part_of = |offset: usize| {
        let at = starts.partition_point(|&(start, _, _)| start <= offset);
        starts[at.saturating_sub(1)]
    };
    for mut finding in findings {
        let (base, len, doc) = part_of(finding.primary.start());
        if !enabled[doc].get(finding.rule).copied().unwrap_or(true) {
            continue;
        }
        finding.message = finding.message.replace("{filing}", names);
        finding.primary = local(finding.primary, base, len);
        let mut elsewhere = Vec::new();
        finding.secondary.retain_mut(|(range, label)| {
            let (other_base, other_len, other) = part_of(range.start());
            if other == doc {
                *range = local(*range, base, len);
                true
            } else {
                elsewhere.push((other, local(*range, other_base, other_len), label.clone()));
                false
            }
        });
        per_doc[doc].push((finding, elsewhere));
    }
    per_doc
}

/// The diagnostics of each document of `docs` from its `placed` findings, with its
/// `sdlint-disable` comments applied as `suppressions` says.
fn diagnosed(
    docs: &[Prepared],
    placed: Vec<Vec<Placed>>,
    normalized: &[Normalized],
    rules: &RuleSet,
    enabled: &[Vec<bool>],
    settings: &Settings,
    suppressions: suppress::Policy,
) -> Vec<Vec<crate::Diagnostic>> {
    let locators: Vec<Locator<'_>> = docs
        .iter()
        .map(|d| Locator::new(&d.file.text, &d.file.origin))
        .collect();
    let mut diagnostics_of: Vec<Vec<crate::Diagnostic>> = Vec::with_capacity(docs.len());
    for (i, found) in placed.into_iter().enumerate() {
        let (findings, elsewhere): (Vec<_>, Vec<_>) = found.into_iter().unzip();
        let mut diagnostics =
            diagnostic::from_findings(findings, rules, &normalized[i].map, &locators[i]);
        for (diagnostic, places) in diagnostics.iter_mut().zip(elsewhere) {
            diagnostic.elsewhere = places
                .into_iter()
                .map(|(other, range, message)| Elsewhere {
                    path: docs[other].file.path.clone(),
                    label: diagnostic::label(
                        range,
                        message,
                        &normalized[other].map,
                        &locators[other],
                    ),
                })
                .collect();
        }
        let run = suppress::Run {
            rules,
            enabled: &enabled[i],
            severity: &settings.severity,
            document: docs[i].kind,
            policy: suppressions,
        };
        diagnostics_of.push(suppress::apply(
            diagnostics,
            &docs[i].file,
            &locators[i],
            &run,
        ));
    }
    diagnostics_of
}

/// Parses the documents of a filing in `order` as one text (from their `normalized` texts,
/// which it takes). Returns the document and, for each part in order, where it starts in the
/// joined text, its length, and its index in `docs`. A filing of one document is parsed as it
/// is.
fn parse_joined(
    docs: &[Prepared],
    normalized: &mut [Normalized],
    order: &[usize],
) -> (Document, Vec<(usize, usize, usize)>) {
    if let [only] = order {
        let text = std::mem::take(&mut normalized[*only].text);
        let columns = SourceColumns {
            source: &docs[*only].file.text,
            map: &normalized[*only].map,
        };
        let len = text.len();
        return (parse::parse_with(text, &columns), vec![(0, len, *only)]);
    }
    let mut text = String::with_capacity(order.iter().map(|&i| normalized[i].text.len() + 2).sum());
    let mut parts = Vec::with_capacity(order.len());
    let mut starts = Vec::with_capacity(order.len());
    for &i in order {
        if !text.is_empty() {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
        }
        let start = text.len();
        let part = std::mem::take(&mut normalized[i].text);
        text.push_str(&part);
        parts.push(Part {
            start,
            kind: docs[i].kind,
        });
        starts.push((start, part.len(), i));
    }
    let columns = JoinedColumns {
        parts: starts
            .iter()
            .map(|&(start, _, i)| {
                (
                    start,
                    SourceColumns {
                        source: &docs[i].file.text,
                        map: &normalized[i].map,
                    },
                )
            })
            .collect(),
    };
    let document = parse::parse_filing(text, &columns, &parts);
    (document, starts)
}

/// The columns of a joined text: those of the original of the part each offset falls in.
struct JoinedColumns<'a> {
    parts: Vec<(usize, SourceColumns<'a>)>,
}

impl JoinedColumns<'_> {
    fn part(&self, offset: usize) -> (usize, &SourceColumns<'_>) {
        let at = self.parts.partition_point(|(start, _)| *start <= offset);
        let (start, columns) = &self.parts[at.saturating_sub(1)];
        (*start, columns)
    }
}

impl Columns for JoinedColumns<'_> {
    fn column(&self, text: &str, offset: usize) -> usize {
        let (start, columns) = self.part(offset);
        columns.column(text, offset.saturating_sub(start))
    }

    fn spaces(&self, text: &str, offset: usize) -> usize {
        let (start, columns) = self.part(offset);
        columns.spaces(text, offset.saturating_sub(start))
    }
}

/// `range` of the joined text as a range of the part at `base` of length `len`.
fn local(range: TextRange, base: usize, len: usize) -> TextRange {
    let start = range.start().saturating_sub(base).min(len);
    let end = range.end().saturating_sub(base).clamp(start, len);
    TextRange::new(start, end)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// "a", "a and b", "a, b and c".
fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_stems_and_kinds() {
        let parts = |name: &str| name_parts(Path::new(name));
        assert_eq!(
            parts("acme-20231231_sd.htm"),
            ("acme-20231231".into(), Some(DocumentKind::FormSd))
        );
        assert_eq!(
            parts("acme-20231231_ex1-01.htm"),
            ("acme-20231231".into(), Some(DocumentKind::Cmr))
        );
        assert_eq!(
            parts("d447618dex101.htm"),
            ("d447618d".into(), Some(DocumentKind::Cmr))
        );
        assert_eq!(
            parts("d447618dsd.htm"),
            ("d447618d".into(), Some(DocumentKind::FormSd))
        );
        assert_eq!(
            parts("exh_102.htm"),
            (String::new(), Some(DocumentKind::Ipsa))
        );
        assert_eq!(
            parts("Exhibit 1.01.docx"),
            (String::new(), Some(DocumentKind::Cmr))
        );
        assert_eq!(
            parts("form-sd.txt"),
            (String::new(), Some(DocumentKind::FormSd))
        );
        assert_eq!(parts("notes.txt"), ("notes".into(), None));
        // The years after the name of the kind part two years' filings; other words do not.
        for (sd, exhibit, stem) in [
            ("form-sd-2019.htm", "ex1-01-2019.htm", "2019"),
            ("Form SD 2020.docx", "Exhibit 1.01 CMR 2020.docx", "2020"),
            (
                "PCW_FormSD_FY2019.docx",
                "PCW_Ex101_FY2019.docx",
                "pcw fy2019",
            ),
            ("acme_sd.htm", "acme_ex101_final.htm", "acme"),
        ] {
            assert_eq!(parts(sd), (stem.into(), Some(DocumentKind::FormSd)), "{sd}");
            assert_eq!(
                parts(exhibit),
                (stem.into(), Some(DocumentKind::Cmr)),
                "{exhibit}"
            );
        }
        assert_eq!(
            parts("Exhibit 1.02 IPSA 2020.docx"),
            ("2020".into(), Some(DocumentKind::Ipsa))
        );
    }

    #[test]
    fn names_are_listed_as_a_reader_would() {
        let names = |n: &[&str]| listed(&n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(names(&["a.txt"]), "a.txt");
        assert_eq!(names(&["a.txt", "b.txt"]), "a.txt and b.txt");
        assert_eq!(names(&["a", "b", "c"]), "a, b and c");
    }
}
