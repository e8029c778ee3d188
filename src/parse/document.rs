//! The document model rules see: classified lines, scopes and typed fields. No pest types here.

use serde::Serialize;

use super::line::Line;
use crate::date::Date;
use crate::span::TextRange;

/// What kind of filing a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// A Form SD, with its exhibits when they are in the same file.
    FormSd,
    /// A Form SD filed under Rule 13q-1 only: resource extraction payments (Section 2), no
    /// conflict minerals disclosure, which sdlint's rules are about.
    ResourceExtraction,
    /// A Conflict Minerals Report (Exhibit 1.01) without its Form SD.
    Cmr,
    /// An independent private sector audit report (Exhibit 1.02) on its own.
    Ipsa,
    /// None of these.
    Unknown,
}

impl DocumentKind {
    pub const ALL: [Self; 5] = [
        Self::FormSd,
        Self::ResourceExtraction,
        Self::Cmr,
        Self::Ipsa,
        Self::Unknown,
    ];

    /// Where a kind of document stands in a filing's reading order: the Form SD, the report,
    /// the audit report, anything else.
    pub fn reading_rank(self) -> u8 {
        match self {
            Self::FormSd | Self::ResourceExtraction => 0,
            Self::Cmr => 1,
            Self::Ipsa => 2,
            Self::Unknown => 3,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::FormSd => "form-sd",
            Self::ResourceExtraction => "resource-extraction",
            Self::Cmr => "cmr",
            Self::Ipsa => "ipsa",
            Self::Unknown => "unknown",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The closed list of scopes rules can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Document,
    Cover,
    PeriodLine,
    Section1,
    Item101,
    Item102,
    ExhibitsItem,
    Signatures,
    ExhibitIndex,
    Cmr,
    CmrAnnex,
    AuditReport,
    Table,
}

impl Scope {
    pub const ALL: [Self; 13] = [
        Self::Document,
        Self::Cover,
        Self::PeriodLine,
        Self::Section1,
        Self::Item101,
        Self::Item102,
        Self::ExhibitsItem,
        Self::Signatures,
        Self::ExhibitIndex,
        Self::Cmr,
        Self::CmrAnnex,
        Self::AuditReport,
        Self::Table,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Document => "document",
            Self::Cover => "cover",
            Self::PeriodLine => "period-line",
            Self::Section1 => "section-1",
            Self::Item101 => "item-1.01",
            Self::Item102 => "item-1.02",
            Self::ExhibitsItem => "exhibits-item",
            Self::Signatures => "signatures",
            Self::ExhibitIndex => "exhibit-index",
            Self::Cmr => "cmr",
            Self::CmrAnnex => "cmr-annex",
            Self::AuditReport => "audit-report",
            Self::Table => "table",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Where a missing item of this scope is reported when the scope itself is absent.
    pub fn parent(self) -> Option<Self> {
        match self {
            Self::Document => None,
            Self::PeriodLine => Some(Self::Cover),
            Self::Item101 | Self::Item102 => Some(Self::Section1),
            Self::ExhibitIndex => Some(Self::Signatures),
            Self::CmrAnnex => Some(Self::Cmr),
            _ => Some(Self::Document),
        }
    }

    /// A phrase naming the scope in messages ("the signature block").
    pub fn description(self) -> &'static str {
        match self {
            Self::Document => "the document",
            Self::Cover => "the cover page",
            Self::PeriodLine => "the cover's Rule 13p-1 line",
            Self::Section1 => "Section 1",
            Self::Item101 => "Item 1.01",
            Self::Item102 => "Item 1.02",
            Self::ExhibitsItem => "the exhibits item",
            Self::Signatures => "the signature block",
            Self::ExhibitIndex => "the exhibit index",
            Self::Cmr => "the Conflict Minerals Report",
            Self::CmrAnnex => "the smelter and refiner annex",
            Self::AuditReport => "the independent private sector audit report",
            Self::Table => "the table",
        }
    }
}

/// One occurrence of a scope.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ScopeSpan {
    pub scope: Scope,
    pub range: TextRange,
    /// The landmark that opens the scope (its heading line); missing items are reported here.
    pub heading: TextRange,
}

/// A date and where it was read.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct DateField {
    pub range: TextRange,
    pub date: Date,
}

/// A statement of the reporting period: "January 1 to December 31, 2020", "calendar year 2016".
#[derive(Clone, Copy, Debug, Serialize)]
pub struct PeriodStatement {
    pub range: TextRange,
    /// The scope the statement is in: cover (period line), item-1.01, cmr, or document.
    pub scope: Scope,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub year: u16,
}

/// An exhibit number mentioned in the Form SD.
#[derive(Clone, Debug, Serialize)]
pub struct ExhibitRef {
    pub number: String,
    pub range: TextRange,
    pub scope: Scope,
}

/// A value read from one scope of the document.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ScopedRange {
    pub scope: Scope,
    pub range: TextRange,
}

/// The contact person on the cover: a name and a telephone number, where they were found.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Contact {
    pub name: Option<TextRange>,
    pub phone: Option<TextRange>,
}

/// What an EDGAR `.txt` submission's header says about the filing.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EdgarHeader {
    /// The whole header, from its first line to its end.
    pub range: TextRange,
    pub submission_type: Option<TextRange>,
    /// "CONFORMED PERIOD OF REPORT" or `<ITEM-PERIOD>`.
    pub period: Option<DateField>,
    pub filed: Option<DateField>,
    /// `<RULE-NAME>` values.
    pub rules: Vec<TextRange>,
    /// `<ITEM-NUMBER>` values and "ITEM INFORMATION" lines.
    pub items: Vec<TextRange>,
}

/// Values read out of the document, each with its range.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Fields {
    pub periods: Vec<PeriodStatement>,
    pub signature_date: Option<DateField>,
    /// Conformed signatures ("/s/ Name" lines).
    pub conformed_signatures: Vec<TextRange>,
    pub exhibit_index: Vec<ExhibitRef>,
    pub cmr_title: Option<TextRange>,
    /// The registrant's name as the cover, the signature block and the CMR title give it.
    pub registrant_names: Vec<ScopedRange>,
    /// Short names the filing defines for the registrant ("AMSC", "the Company").
    pub defined_names: Vec<TextRange>,
    /// The value given for the Commission File Number, as written.
    pub file_number: Option<TextRange>,
    /// The value given for the IRS Employer Identification No., as written ("N/A" included).
    pub employer_id: Option<TextRange>,
    pub contact: Option<Contact>,
    /// The state or other jurisdiction of incorporation given on the cover.
    pub jurisdiction: Option<TextRange>,
    /// The cover's "(State or other jurisdiction of incorporation)" caption, where it has one.
    pub jurisdiction_caption: Option<TextRange>,
    /// Web addresses, with the scope of each.
    pub urls: Vec<ScopedRange>,
    /// Every "Exhibit N.NN" mention outside the CMR, with its scope.
    pub exhibit_refs: Vec<ExhibitRef>,
    pub edgar: Option<EdgarHeader>,
    /// Where the filing says it is an amendment (Form SD/A): its EDGAR submission type, or the
    /// cover's "FORM SD/A", "Amendment No. 1" or explanatory note.
    pub amendment: Option<TextRange>,
}

/// A parsed filing.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    pub kind: DocumentKind,
    /// The normalised text every range points into.
    #[serde(skip)]
    pub text: String,
    pub lines: Vec<Line>,
    pub scopes: Vec<ScopeSpan>,
    pub fields: Fields,
    /// The smelter and refiner tables of the CMR.
    pub tables: Vec<super::table::SmelterTable>,
    /// `text` as it reads, each paragraph on one line (see [`super::reading::flowed`]): what
    /// rule patterns match, at the same offsets as `text`.
    #[serde(skip)]
    pub reading: String,
    /// The paragraphs in reading order and their sentences (see [`super::reading`]).
    #[serde(skip)]
    pub paragraphs: super::reading::Paragraphs,
    /// What is known of the filing the document is part of.
    #[serde(skip)]
    pub filing: Filing,
}

/// What the grouping of files into filings found about a document's filing.
#[derive(Clone, Debug, Default)]
pub struct Filing {
    /// The file names of the filing's documents, in reading order (empty when not known).
    pub documents: Vec<String>,
    /// The document was left on its own in a folder of several filings: no other document there
    /// shares its EDGAR file-name stem.
    pub unpaired: bool,
}

impl Document {
    /// Every occurrence of `scope`, in document order.
    pub fn scopes_of(&self, scope: Scope) -> impl Iterator<Item = &ScopeSpan> {
        self.scopes.iter().filter(move |s| s.scope == scope)
    }

    /// The first occurrence of `scope`.
    pub fn scope(&self, scope: Scope) -> Option<&ScopeSpan> {
        self.scopes_of(scope).next()
    }

    pub fn slice(&self, range: TextRange) -> &str {
        &self.text[range.as_range()]
    }

    /// `range` as it reads: its paragraphs each on one line (see [`Self::reading`]).
    pub fn read(&self, range: TextRange) -> &str {
        &self.reading[range.as_range()]
    }

    /// The paragraph that holds `offset`, if a line of text does.
    pub fn paragraph_at(&self, offset: usize) -> Option<TextRange> {
        self.paragraphs.at(offset)
    }

    /// The sentence that holds `offset`, read across the lines of its paragraph.
    pub fn sentence_at(&self, offset: usize) -> Option<TextRange> {
        self.paragraphs.sentence_at(&self.text, offset)
    }

    /// The line that holds `offset` (the last line starting at or before it).
    pub fn line_at(&self, offset: usize) -> Option<&Line> {
        let index = self.lines.partition_point(|l| l.range.start() <= offset);
        index.checked_sub(1).map(|i| &self.lines[i])
    }

    /// Where a missing item of `scope` is reported: the heading of the scope, of its nearest
    /// present parent, or the first line of the document.
    pub fn anchor(&self, scope: Scope) -> TextRange {
        let mut current = Some(scope);
        while let Some(s) = current {
            if let Some(span) = self.scope(s) {
                return span.heading;
            }
            current = s.parent();
        }
        self.scope(Scope::Document)
            .map_or(TextRange::empty(0), |s| s.heading)
    }
}
