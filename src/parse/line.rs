//! Lines of the normalised text as the grammar classified them.

use serde::Serialize;

use crate::span::TextRange;

/// How the grammar classified a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum LineKind {
    Separator,
    PageNumber,
    /// The cover's Rule 13p-1 line.
    PeriodLine,
    /// "Section N - Title", possibly with an item heading on the same line.
    Section {
        number: u8,
        title: TextRange,
        item: Option<Box<ItemHeading>>,
    },
    /// (Boxed, as in `Section`: a document has a line per line of its text, and the rare
    /// headings should not set the size of every one.)
    Item(Box<ItemHeading>),
    Signatures,
    ExhibitIndex,
    ExhibitLabel {
        number: String,
    },
    ExhibitEntry {
        number: String,
    },
    SignatureLine,
    Caption,
    CmrTitle,
    Part,
    Step {
        number: u8,
    },
    /// The caption of a list of smelters, refiners or facilities (the grammar's
    /// `annex_caption`): where the annex scope starts, and what captions a smelter table.
    Annex,
    Numbered,
    Title,
    Table,
    Text,
}

/// An item heading: "Item 1.01 Conflict Minerals Disclosure and Report".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemHeading {
    /// "1.01"
    pub number: String,
    /// From "Item" to the end of the caption.
    pub range: TextRange,
    pub title: TextRange,
}

/// One non-blank line of the normalised text.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub range: TextRange,
    #[serde(flatten)]
    pub kind: LineKind,
}

impl Line {
    /// The line moved `by` bytes later in the text.
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        self.range = self.range.shifted(by);
        match &mut self.kind {
            LineKind::Section { title, item, .. } => {
                *title = title.shifted(by);
                if let Some(item) = item {
                    item.shift(by);
                }
            }
            LineKind::Item(item) => item.shift(by),
            _ => {}
        }
        self
    }
}

impl ItemHeading {
    fn shift(&mut self, by: usize) {
        self.range = self.range.shifted(by);
        self.title = self.title.shifted(by);
    }
}

// A document holds one `Line` per line of its text: keep the type small (the rare headings are
// boxed).
const _: () = assert!(std::mem::size_of::<Line>() <= 40);

/// Whether a line the grammar leaves as text is an annex caption (see the grammar's
/// `annex_caption`) that names the facilities and a list: it starts with a capital or a digit
/// (after indentation and a list bullet), has a word starting "smelter" or "refiner", or the
/// word "facility" or "facilities", and a word "list", "table", "annex", "appendix",
/// "schedule" or "attachment" (or their plurals), and does not end like a sentence, a list item
/// or a lead-in (". ; , :"). Words are runs of ASCII letters: "nonsmelter", "listed" and
/// "acceptable" name neither.
pub(super) fn names_facility_list(line: &str) -> bool {
    const LISTS: [&str; 12] = [
        "list",
        "lists",
        "table",
        "tables",
        "annex",
        "annexes",
        "appendix",
        "appendices",
        "schedule",
        "schedules",
        "attachment",
        "attachments",
    ];
    let bullets = [' ', '\t', '>', '\u{2022}', '\u{b7}'];
    let mut line = line.trim_end();
    loop {
        let trimmed = line.trim_start_matches(bullets);
        let trimmed = match trimmed.strip_prefix(['-', '+']) {
            Some(rest) if rest.starts_with([' ', '\t']) => rest,
            _ => trimmed,
        };
        if trimmed.len() == line.len() {
            break;
        }
        line = trimmed;
    }
    if !line.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
        || line.ends_with(['.', ';', ',', ':'])
    {
        return false;
    }
    let words = || {
        line.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
    };
    let facility = |w: &String| {
        w.starts_with("smelter") || w.starts_with("refiner") || w == "facility" || w == "facilities"
    };
    words().any(|w| facility(&w)) && words().any(|w| LISTS.contains(&w.as_str()))
}
