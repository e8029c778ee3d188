//! `smelter-table`: the smelter and refiner annex, table by table. A problem is reported once per
//! table and kind, at its first row, with the count and the next rows as secondary labels, so an
//! annex damaged on 200 rows gets one diagnostic, not 200.
//!
//! ```toml
//! check = { kind = "smelter-table", mode = "metals", label = '"{cell}" is not a conflict mineral' }
//! check = { kind = "smelter-table", mode = "counts", label = { stated = "{stated} stated here", annex = "the annex has {actual} {what}" } }
//! ```
//!
//! Every mode takes its labels from the rule, and each label may use only the placeholders its
//! mode fills there:
//!
//! | mode | `label` | where, and what it may use |
//! |---|---|---|
//! | `caption` | `{ missing, uncaptioned }` | at the report with no annex, at a table with no caption; `{problem}` |
//! | `header` | a string | at the first row of smelters |
//! | `complete` | `{ row, metal, name, country, status }` | `row` at each row lacking a cell, with `{missing}`: the names the other four give the columns it lacks, in that order, joined by ", " |
//! | `metals`, `countries`, `status` | a string | at each cell that is no conflict mineral, country name or known status; `{cell}`, its text |
//! | `covered-countries` | a string | at each row of a facility in a Covered Country the report does not discuss; `{cell}`, its country |
//! | `identifiers` | a string | at the header of a table with no smelter identification numbers |
//! | `duplicates` | `{ copy, first }` | at the repeated row, at the row it repeats |
//! | `orphans` | a string | at each line that does not read as a row |
//! | `counts` | `{ stated, annex }` | at the count, at the table's header; `{stated}`, `{phrase}`, `{actual}`, `{what}` |
//!
//! A message may use every placeholder of the kind: `{count}`, `{total}`, `{rows}` and `{lines}`
//! for the modes that report rows, and the values of the mode's labels, those of the first row
//! for the modes that label each row (a mode fills no other).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::kind::{Check, Kind, Run};
use crate::data;
use crate::parse::table::{Row, SmelterTable};
use crate::parse::{LineKind, Scope};
use crate::patterns::ascii;
use crate::rules::Finding;
use crate::span::TextRange;

/// The `smelter-table` kind.
pub const SMELTER_TABLE: Kind = Kind {
    name: "smelter-table",
    fields: &["mode", "label", "phrases"],
    placeholders: &[
        "actual", "cell", "count", "lines", "missing", "phrase", "problem", "rows", "stated",
        "total", "what",
    ],
    table: None,
    compile: |src| {
        let mode = src.mode(TableMode::from_name, || {
            let names: Vec<_> = TableMode::NAMES.iter().map(|(n, _)| *n).collect();
            format!("one of {}", names.join(", "))
        })?;
        let who = format!("a `smelter-table` check in mode `{}`", mode.name());
        src.message_uses(&who, mode.message_placeholders())?;
        let src = &src.with_placeholders(mode.label_placeholders());
        let phrases = match mode {
            TableMode::Caption => src
                .phrases(&who, "problem", [("missing", NONE), ("uncaptioned", NONE)])?
                .to_vec(),
            TableMode::Counts => src
                .phrases(&who, "what", [("all", NONE), ("compliant", NONE)])?
                .to_vec(),
            _ => {
                src.no_phrases(&who)?;
                Vec::new()
            }
        };
        let labels = match mode {
            TableMode::Caption => src.labels(["missing", "uncaptioned"])?.to_vec(),
            TableMode::Counts => src.labels(["stated", "annex"])?.to_vec(),
            TableMode::Duplicates => src.labels(["copy", "first"])?.to_vec(),
            TableMode::Complete => src
                .labels_using([
                    ("row", &["missing"]),
                    ("metal", NONE),
                    ("name", NONE),
                    ("country", NONE),
                    ("status", NONE),
                ])?
                .to_vec(),
            TableMode::Header
            | TableMode::Metals
            | TableMode::Countries
            | TableMode::Status
            | TableMode::CoveredCountries
            | TableMode::Identifiers
            | TableMode::Orphans => vec![src.required_label()?],
        };
        Ok(Check::new(TableCheck {
            mode,
            labels,
            phrases,
        }))
    },
};

/// No placeholder.
const NONE: &[&str] = &[];

/// A compiled `smelter-table` check: its mode, and the labels the mode takes, in the order the
/// compile step asks for them (see the module's documentation).
#[derive(Debug)]
struct TableCheck {
    mode: TableMode,
    labels: Vec<String>,
    /// The words of `{problem}` (`caption`) or `{what}` (`counts`) for each shape of finding.
    phrases: Vec<String>,
}

/// The aspect of the annex a rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableMode {
    Caption,
    Header,
    Complete,
    Metals,
    Countries,
    Duplicates,
    Status,
    CoveredCountries,
    Identifiers,
    Orphans,
    Counts,
}

impl TableMode {
    /// Every mode, with the name a rule's `mode` gives it.
    pub const NAMES: [(&'static str, Self); 11] = [
        ("caption", Self::Caption),
        ("header", Self::Header),
        ("complete", Self::Complete),
        ("metals", Self::Metals),
        ("countries", Self::Countries),
        ("duplicates", Self::Duplicates),
        ("status", Self::Status),
        ("covered-countries", Self::CoveredCountries),
        ("identifiers", Self::Identifiers),
        ("orphans", Self::Orphans),
        ("counts", Self::Counts),
    ];

    /// The placeholders the mode's labels may use: what it fills for each row (or table) it
    /// labels. Its message may use these too (filled from the first row it labels) besides the
    /// counts.
    fn label_placeholders(self) -> &'static [&'static str] {
        match self {
            Self::Caption => &["problem"],
            Self::Counts => &["actual", "phrase", "stated", "what"],
            Self::Complete => &["missing"],
            Self::Metals | Self::Countries | Self::Status | Self::CoveredCountries => &["cell"],
            Self::Header | Self::Duplicates | Self::Identifiers | Self::Orphans => NONE,
        }
    }

    /// The placeholders the mode fills in its message: a mode that reports rows the counts of
    /// them, and what it fills in the label of the first.
    fn message_placeholders(self) -> &'static [&'static str] {
        match self {
            Self::Caption => &["problem"],
            Self::Header => NONE,
            Self::Counts => &["actual", "phrase", "stated", "what"],
            Self::Complete => &["count", "lines", "missing", "rows", "total"],
            Self::Metals | Self::Countries | Self::Status | Self::CoveredCountries => {
                &["cell", "count", "lines", "rows", "total"]
            }
            Self::Duplicates | Self::Identifiers | Self::Orphans => {
                &["count", "lines", "rows", "total"]
            }
        }
    }

    /// The name a rule's `mode` gives it.
    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, m)| *m == self)
            .map_or("", |(n, _)| n)
    }

    /// The mode a rule's `mode` names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| *m)
    }
}

/// How many further rows a finding labels after the first.
const MORE_LABELS: usize = 2;

/// The conflict minerals as `rules/data/metals.txt` writes them.
pub(super) static METAL_NAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::load(data::list("metals.txt", data::text("metals.txt"))));

/// [`METAL_NAMES`], folded, as metal cells are compared.
static METALS: LazyLock<HashSet<String>> =
    LazyLock::new(|| METAL_NAMES.iter().map(|m| fold(m)).collect());

/// The status terms of `rules/data/smelter-statuses.txt`, folded: all of them, and those that
/// count a facility as compliant or conflict free.
struct Statuses {
    /// "Non-Conformant" and "non conformant", "N/A" and "n a" compare equal.
    all: HashSet<String>,
    conformant: HashSet<String>,
}

static STATUSES: LazyLock<Statuses> = LazyLock::new(|| {
    let text = data::text("smelter-statuses.txt");
    let [conformant, other] = data::load(data::sections(
        "smelter-statuses.txt",
        text,
        &["conformant", "other"],
    ))
    .try_into()
    .unwrap_or_else(|_| unreachable!("two sections asked for"));
    let conformant: HashSet<String> = conformant.iter().map(|t| fold(t)).collect();
    let mut all: HashSet<String> = other.iter().map(|t| fold(t)).collect();
    all.extend(conformant.iter().cloned());
    Statuses { all, conformant }
});

/// The country names filings use (ISO 3166 names and industry variants), folded.
static COUNTRIES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    data::text("countries.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(fold)
        .collect()
});

/// The Covered Countries of `rules/data/covered-countries.txt` (the DRC and the countries
/// adjoining it), every spelling folded.
static COVERED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let file = "covered-countries.txt";
    data::load(data::named_sections(
        file,
        data::text(file),
        &["drc", "adjoining", "mistaken"],
    ))
    .iter()
    .take(2)
    .flatten()
    .flat_map(|country| &country.spellings)
    .map(|spelling| fold(spelling))
    .collect()
});

/// "we identified 245 conflict-free smelters", "311 smelters and refiners". Group 1 is the
/// number, group 2 a qualifier that makes it a count of compliant facilities, group 3 one that
/// keeps it a count of all of them.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\b(\d{1,4})\s+(?:(conflict[-\s]free|compliant|conformant|rmap[-\s]conformant)\s+|(validated|legitimate|unique|distinct)\s+)?smelters?(?:\s*(?:and|or|/)\s*refiner(?:y|ies|s)?)?\b",
    )
});

/// What follows a count and narrows it to a subset: "6 smelters that potentially posed a risk",
/// "12 smelters have agreed to undergo an audit".
static SUBSET_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"^\s*(?:,\s*)?(?:that|which|who|located|in|from|with|without|have|has|had|were|are|was|is|of\s+which|not|potentially|may|did|do|does|could|listed\s+as|identified\s+as)\b",
    )
});

/// A relative clause that describes all the facilities rather than narrowing them: "311
/// smelters that may have processed", "that appear on the lists".
static TOTAL_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"^\s*(?:that|which)\s+(?:may\s+(?:have\s+)?)?(?:processed|process|supplied|supply|were\s+(?:identified|reported|named|listed)|are\s+listed|appear)\b",
    )
});

/// A subset clause that still states the compliant count: "245 smelters and refiners that are
/// deemed CFSP Compliant".
static COMPLIANT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"^\s*(?:that|which)\s+(?:are|were|have\s+been)\s+(?:\w+\s+){0,3}(?:compliant|conformant|conflict[-\s]free)\b",
    )
});

/// What precedes a count and makes it a part: "a further 12 smelters", "only 3 smelters".
static SUBSET_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    ascii(r"(?:further|additional|another|other|remaining|only|of\s+the|of\s+these|all\s+but)\s*$")
});

static CID: LazyLock<Regex> = LazyLock::new(|| ascii(r"\bcid\d{6}\b"));

/// A count of facilities of concern: "2 smelters located in the Covered Countries", "three
/// facilities were treated as red flags". Generic mentions of the Covered Countries do not count.
static RISK_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\b(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z-]+\s+){0,3}(?:smelters?|refiners?|refineries|facilities)\b(?u:[^.\n]){0,100}?(?:high[-\s]risk|of\s+(?:highest\s+)?concern|red\s+flags?|pose[ds]?\s+(?:a\s+)?(?:potential\s+)?risk|in\s+(?:the\s+)?covered\s+countr|in\s+(?:the\s+)?(?:drc|democratic\s+republic))",
    )
});

/// Lower case, accents and punctuation dropped, spaces collapsed: "KOREA, REPUBLIC OF" and
/// "Korea Republic of" compare equal.
fn fold(text: &str) -> String {
    fold_parts(&[text])
}

/// [`fold`] of the parts written one after the other, without joining them first.
fn fold_parts(parts: &[&str]) -> String {
    let mut folded = String::with_capacity(parts.iter().map(|part| part.len()).sum());
    // A space is written only before the next word: none leads, trails or repeats.
    let mut space = false;
    for c in parts.iter().flat_map(|part| part.chars()) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' | 'Ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ô' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c.to_ascii_lowercase(),
            _ => {
                space = !folded.is_empty();
                continue;
            }
        };
        if space {
            folded.push(' ');
            space = false;
        }
        folded.push(c);
    }
    folded
}

fn is_country(value: &str) -> bool {
    value
        .split(['/', ';'])
        .all(|part| COUNTRIES.contains(&fold(part)))
}

/// `word` for one thing, with an "s" for any other number: "1 row", "3 rows".
fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// A row or cell a mode finds wrong, with the value its label fills in (`{cell}`, `{missing}`),
/// if the mode's label has one.
struct Bad {
    range: TextRange,
    value: Option<(&'static str, String)>,
}

impl Bad {
    /// A row or cell whose label fills nothing.
    fn at(range: TextRange) -> Self {
        Self { range, value: None }
    }

    /// `label`, filled with this row's value.
    fn label(&self, label: &str) -> String {
        match &self.value {
            Some((name, value)) => super::fill(label, &[(name, value.clone())]),
            None => label.to_owned(),
        }
    }
}

/// The finding for the `bad` rows of `table`, each labelled with `label` filled with its own
/// value: the first as the primary label, a few more as secondary; none when no row is bad. The
/// message may use `{count}` and `{total}` (bad rows, all rows), `{rows}` or `{lines}`, the noun
/// that agrees with `{count}`, and the first row's value.
fn report(cx: &Context<'_>, table: &SmelterTable, label: &str, bad: &[Bad]) -> Option<Finding> {
    let first = bad.first()?;
    let mut values = vec![
        ("count", bad.len().to_string()),
        ("total", table.rows.len().to_string()),
        ("rows", plural(bad.len(), "row")),
        ("lines", plural(bad.len(), "line")),
    ];
    values.extend(first.value.clone());
    let mut finding = cx.finding_with(first.range, first.label(label), &values);
    // Rows whose cell is one text (the metal of a table's heading, which every row under it
    // takes) are labelled there once.
    let mut labelled = vec![first.range];
    for row in bad.iter().skip(1) {
        if labelled.len() > MORE_LABELS {
            break;
        }
        if !labelled.contains(&row.range) {
            labelled.push(row.range);
            finding.secondary.push((row.range, row.label(label)));
        }
    }
    Some(finding)
}

fn cell_text<'a>(text: &'a str, row: &'a Row, column: Option<usize>) -> Option<&'a str> {
    row.get(column).map(|c| c.text(text))
}

impl Run for TableCheck {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = &cx.doc.text;
        let labels = self.labels.as_slice();
        // The label of the modes that take one, filled for each row.
        let label = labels.first().map_or("", String::as_str);
        let each_table = |out: &mut Vec<Finding>, bad: &dyn Fn(&SmelterTable) -> Vec<Bad>| {
            for table in &cx.doc.tables {
                out.extend(report(cx, table, label, &bad(table)));
            }
        };
        match self.mode {
            TableMode::Caption => caption(labels, &self.phrases, cx, out),
            TableMode::Header => header(labels, cx, out),
            TableMode::Counts => counts(labels, &self.phrases, cx, out),
            TableMode::Complete => each_table(out, &|t| incomplete_rows(&labels[1..], t)),
            TableMode::Metals => each_table(out, &|t| unknown_metals(text, t)),
            TableMode::Countries => each_table(out, &|t| unknown_countries(text, t)),
            TableMode::Status => each_table(out, &|t| unknown_statuses(text, t)),
            TableMode::Duplicates => duplicate_rows(labels, cx, out),
            TableMode::CoveredCountries => {
                // The report's prose, read once for all tables.
                if let Some(prose) = Prose::of(cx.doc) {
                    each_table(out, &|t| covered_rows(text, &prose, t));
                }
            }
            TableMode::Identifiers => each_table(out, &|t| missing_identifiers(cx, t)),
            TableMode::Orphans => {
                each_table(out, &|t| t.orphans.iter().map(|&r| Bad::at(r)).collect())
            }
        }
    }
}

/// `caption`: the report has an annex, and the annex a caption.
fn caption(labels: &[String], problems: &[String], cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    match doc.tables.first() {
        None => {
            if let Some(cmr) = doc.scope(Scope::Cmr) {
                let values = [("problem", problems[0].clone())];
                out.push(cx.labelled(cx.first_line(cmr.heading), &labels[0], &values));
            }
        }
        Some(table) if table.caption.is_none() => {
            let values = [("problem", problems[1].clone())];
            out.push(cx.labelled(table.header, &labels[1], &values));
        }
        Some(_) => {}
    }
}

/// `header`: rows of smelters with no table header above them.
fn header(labels: &[String], cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.doc.tables.is_empty()
        && let Some(row) = metal_rows_without_header(cx)
    {
        out.push(cx.labelled(row, &labels[0], &[]));
    }
}

/// `complete`: rows missing a cell of a column the table has, each with `{missing}`: the
/// `words` (the rule's names of the metal, facility name, country and status columns) of
/// those it lacks.
fn incomplete_rows(words: &[String], table: &SmelterTable) -> Vec<Bad> {
    let c = table.columns;
    let columns = [c.metal, c.name, c.country, c.status];
    table
        .rows
        .iter()
        .filter_map(|row| {
            let missing: Vec<&str> = columns
                .iter()
                .zip(words)
                .filter(|(column, _)| column.is_some() && row.get(**column).is_none())
                .map(|(_, word)| word.as_str())
                .collect();
            (!missing.is_empty()).then(|| Bad {
                range: row.range,
                value: Some(("missing", missing.join(", "))),
            })
        })
        .collect()
}

/// The cells of `column` whose text `ok` refuses, each with its text as `{cell}`.
fn bad_cells(
    text: &str,
    table: &SmelterTable,
    column: Option<usize>,
    ok: impl Fn(&str) -> bool,
) -> Vec<Bad> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            let cell = row.get(column)?;
            let value = cell.text(text);
            (!ok(value)).then(|| Bad {
                range: cell.range,
                value: Some(("cell", value.to_owned())),
            })
        })
        .collect()
}

/// `metals`: metal cells that name no conflict mineral.
fn unknown_metals(text: &str, table: &SmelterTable) -> Vec<Bad> {
    let ok = |value: &str| METALS.contains(&fold(value));
    bad_cells(text, table, table.columns.metal, ok)
}

/// `countries`: country cells that name no country.
fn unknown_countries(text: &str, table: &SmelterTable) -> Vec<Bad> {
    bad_cells(text, table, table.columns.country, is_country)
}

/// `status`: status cells that hold no known status.
fn unknown_statuses(text: &str, table: &SmelterTable) -> Vec<Bad> {
    let ok = |value: &str| STATUSES.all.contains(&fold(value));
    bad_cells(text, table, table.columns.status, ok)
}

/// `duplicates`: rows that repeat an earlier one, the first copy labelled with the row it
/// repeats.
fn duplicate_rows(labels: &[String], cx: &Context<'_>, out: &mut Vec<Finding>) {
    for table in &cx.doc.tables {
        let found = duplicates(&cx.doc.text, table);
        let bad: Vec<Bad> = found.iter().map(|&(copy, _)| Bad::at(copy)).collect();
        if let Some(mut finding) = report(cx, table, &labels[0], &bad) {
            if let Some(&(_, first)) = found.first() {
                finding.secondary.insert(0, (first, labels[1].clone()));
            }
            out.push(finding);
        }
    }
}

/// `identifiers`: a table with no smelter identification numbers, reported at its header.
fn missing_identifiers(cx: &Context<'_>, table: &SmelterTable) -> Vec<Bad> {
    if table.columns.cid.is_some() || CID.is_match(cx.doc.slice(table.range)) {
        Vec::new()
    } else {
        vec![Bad::at(table.header)]
    }
}

/// Rows repeated with the same metal, facility and country: each later copy, with the row it
/// repeats.
fn duplicates(text: &str, table: &SmelterTable) -> Vec<(TextRange, TextRange)> {
    let c = table.columns;
    let mut seen: HashMap<(String, String, String), TextRange> = HashMap::new();
    let mut found = Vec::new();
    for row in &table.rows {
        // A broken row (cells shifted or missing) is reported as incomplete, not as a copy.
        let broken = [c.metal, c.name, c.country]
            .iter()
            .any(|&column| column.is_some() && row.get(column).is_none());
        if broken {
            continue;
        }
        let key = (
            fold(cell_text(text, row, c.metal).unwrap_or("")),
            fold(cell_text(text, row, c.name).unwrap_or("")),
            fold(cell_text(text, row, c.country).unwrap_or("")),
        );
        if key.1.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) => found.push((row.range, *first)),
            None => {
                seen.insert(key, row.range);
            }
        }
    }
    found
}

/// The Conflict Minerals Report's prose: its text outside every smelter table, folded.
struct Prose {
    folded: String,
    /// Whether it discusses risk in general (then every facility counts as discussed).
    discusses_risk: bool,
}

impl Prose {
    fn of(doc: &crate::parse::Document) -> Option<Self> {
        let cmr = doc.scope(Scope::Cmr)?;
        // The report's text between its tables, in place: no copy of a report that can run to
        // megabytes.
        let mut parts = Vec::with_capacity(doc.tables.len() + 1);
        let mut at = cmr.range.start();
        let end = cmr.range.end().min(doc.text.len());
        for table in &doc.tables {
            let start = table.range.start().clamp(at, end);
            parts.push(&doc.reading[at..start]);
            at = table.range.end().clamp(at, end);
        }
        parts.push(&doc.reading[at..end]);
        let discusses_risk = parts.iter().any(|part| RISK_WORDS.is_match(part));
        Some(Self {
            // Not needed when every facility counts as discussed.
            folded: if discusses_risk {
                String::new()
            } else {
                fold_parts(&parts)
            },
            discusses_risk,
        })
    }
}

/// Facilities located in a Covered Country that the report's prose does not discuss, each with
/// its country cell as `{cell}`.
fn covered_rows(text: &str, prose: &Prose, table: &SmelterTable) -> Vec<Bad> {
    if prose.discusses_risk {
        return Vec::new();
    }
    table
        .rows
        .iter()
        .filter_map(|row| {
            let cell = cell_text(text, row, table.columns.country)?;
            if !COVERED.contains(&fold(cell)) {
                return None;
            }
            let key = name_key(cell_text(text, row, table.columns.name).unwrap_or(""));
            let named = !key.is_empty() && prose.folded.contains(&key);
            (!named).then(|| Bad {
                range: row.range,
                value: Some(("cell", cell.to_owned())),
            })
        })
        .collect()
}

/// The distinctive start of a facility name, to find it in prose that spells it a little
/// differently: "Phoenix Metal Ltd." is found in "Phoenix Metals - CID002507". The first two
/// words, or a single word of five letters or more; empty when the name is too short to tell.
fn name_key(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] if one.len() >= 5 => (*one).to_owned(),
        [_] => String::new(),
        [first, second, ..] => format!("{first} {second}"),
    }
}

fn metal_rows_without_header(cx: &Context<'_>) -> Option<TextRange> {
    let cmr = cx.doc.scope(Scope::Cmr)?.range;
    cx.doc
        .lines
        .iter()
        .filter(|l| cmr.contains_range(l.range) && l.kind == LineKind::Table)
        .find(|l| {
            cx.doc
                .slice(l.range)
                .split('\t')
                .any(|cell| METALS.contains(&fold(cell)))
        })
        .map(|l| l.range)
}

/// Counts of smelters stated in the narrative that differ from the annex.
fn counts(labels: &[String], whats: &[String], cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let (Some(table), Some(cmr)) = (doc.tables.first(), doc.scope(Scope::Cmr)) else {
        return;
    };
    let rows: usize = doc.tables.iter().map(|t| t.rows.len()).sum();
    let positive = |row: &Row| {
        cell_text(&doc.text, row, table.columns.status)
            .is_some_and(|s| STATUSES.conformant.contains(&fold(s)))
    };
    let positives: usize = doc
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|r| positive(r))
        .count();
    let narrative = &doc.reading[cmr.range.start()..table.range.start()];
    for caps in COUNT.captures_iter(narrative) {
        let (Some(whole), Some(number)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let Ok(stated) = number.as_str().parse::<usize>() else {
            continue;
        };
        // A count is a phrase of the narrative: not a page number, nor words of two paragraphs.
        let furniture = doc
            .line_at(cmr.range.start() + number.start())
            .is_some_and(|l| matches!(l.kind, LineKind::PageNumber | LineKind::Separator));
        let mut pieces = whole.as_str().split('\n');
        pieces.next_back();
        if furniture || pieces.skip(1).any(|piece| piece.trim().is_empty()) {
            continue;
        }
        let tail = &narrative[whole.end()..];
        let tail = &tail[..crate::span::floor_char_boundary(tail, tail.len().min(160))];
        let head = &narrative[crate::span::floor_char_boundary(
            narrative,
            whole.start().saturating_sub(40),
        )..whole.start()];
        if SUBSET_HEAD.is_match(head) {
            continue;
        }
        let compliant = caps.get(2).is_some() || COMPLIANT_TAIL.is_match(tail);
        if !compliant && SUBSET_TAIL.is_match(tail) && !TOTAL_TAIL.is_match(tail) {
            continue;
        }
        let (actual, what) = match compliant {
            true if table.columns.status.is_some() => (positives, &whats[1]),
            true => continue,
            false => (rows, &whats[0]),
        };
        if stated != actual {
            let range = TextRange::from(whole.range()).shifted(cmr.range.start());
            let values = [
                ("stated", stated.to_string()),
                ("phrase", whole.as_str().to_owned()),
                ("actual", actual.to_string()),
                ("what", what.clone()),
            ];
            let mut finding = cx.labelled(range, &labels[0], &values);
            finding
                .secondary
                .push((table.header, super::fill(&labels[1], &values)));
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_read_in_every_spelling() {
        for name in [
            "KOREA, REPUBLIC OF",
            "Korea (Republic of)",
            "VIET NAM",
            "Taiwan, Province of China",
            "BOLIVIA (PLURINATIONAL STATE OF)",
            "RUSSIAN FEDERATION",
            "United States",
            "CÔTE D'IVOIRE",
            "China / Taiwan",
        ] {
            assert!(is_country(name), "{name}");
        }
        for name in ["Gold", "57.117.114", "RUSSIAN", "-", "INDIA Gold"] {
            assert!(!is_country(name), "{name}");
        }
    }

    #[test]
    fn facility_names_are_found_in_other_spellings() {
        assert_eq!(name_key("Phoenix Metal Ltd."), "phoenix metal");
        assert!(fold("Phoenix Metals - CID002507").contains(&name_key("Phoenix Metal Ltd.")));
        assert_eq!(name_key("Tony Goetz NV"), "tony goetz");
        assert_eq!(name_key("Umicore"), "umicore");
        assert_eq!(name_key("PX"), "");
    }

    #[test]
    fn counts_of_a_part_are_not_compared_with_the_annex() {
        let tail = |t: &str| SUBSET_TAIL.is_match(t) && !TOTAL_TAIL.is_match(t);
        assert!(tail(" that potentially posed a risk"));
        assert!(tail(" have agreed to undergo an audit"));
        assert!(!tail(" that may have processed our minerals"));
        assert!(!tail(", listed in Annex A"));
        assert!(SUBSET_HEAD.is_match("A further "));
        assert!(COMPLIANT_TAIL.is_match(" that are deemed CFSP Compliant"));
    }

    /// A mode's labels use only placeholders the kind declares, so that its messages may too.
    #[test]
    fn every_mode_fills_placeholders_of_its_kind() {
        for (name, mode) in TableMode::NAMES {
            for placeholder in mode.label_placeholders() {
                assert!(
                    SMELTER_TABLE.placeholders.contains(placeholder),
                    "{name}: `{{{placeholder}}}`"
                );
            }
        }
    }

    #[test]
    fn nouns_agree_with_their_count() {
        assert_eq!(plural(1, "line"), "line");
        assert_eq!(plural(3, "line"), "lines");
        assert_eq!(plural(0, "row"), "rows");
    }

    #[test]
    fn patterns_compile() {
        LazyLock::force(&COUNT);
        LazyLock::force(&CID);
        LazyLock::force(&SUBSET_TAIL);
        LazyLock::force(&TOTAL_TAIL);
        LazyLock::force(&COMPLIANT_TAIL);
        LazyLock::force(&SUBSET_HEAD);
        LazyLock::force(&RISK_WORDS);
        assert!(COUNTRIES.len() > 400);
        assert!(STATUSES.all.contains(&fold("Non-Conformant")));
        assert!(STATUSES.all.contains(&fold("N/A")));
    }

    /// The lists of `rules/data/` this check reads load: a malformed line fails here.
    #[test]
    fn data_lists_load() {
        assert!(METALS.contains("gold") && METALS.len() >= 4);
        assert!(!STATUSES.conformant.is_empty());
        assert!(STATUSES.conformant.is_subset(&STATUSES.all));
        assert!(STATUSES.all.len() > STATUSES.conformant.len());
        assert!(COVERED.contains("democratic republic of the congo"));
        assert!(COVERED.len() >= 10);
    }
}
