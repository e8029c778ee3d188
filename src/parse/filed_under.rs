//! Which rule a Form SD is filed under. Since March 16, 2021 the cover has a box for Rule 13p-1
//! (conflict minerals: Section 1, Items 1.01 and 1.02) and one for Rule 13q-1 (payments by
//! resource extraction issuers: Section 2, Item 2.01); a registrant checks one or both. A Form
//! SD filed under Rule 13q-1 only makes no conflict minerals disclosure, so it is a kind of
//! document of its own ([`DocumentKind::ResourceExtraction`](super::DocumentKind)), on which
//! the conflict minerals rules do not run.

use super::line::{ItemHeading, Line, LineKind};
use crate::span::TextRange;

/// Whether the Form SD whose classified lines are `lines` is filed under Rule 13q-1 only: it
/// says it is filed under Rule 13q-1 (that box checked on the cover, or a resource extraction
/// Section 2 or Item 2.01 with content) and says nothing of a conflict minerals disclosure
/// (the Rule 13p-1 box checked, a Section 1 or Item 1.01 or 1.02 with content, a Conflict
/// Minerals Report). A cover whose check marks were lost in conversion is read by the line
/// whose period is filled in.
pub(super) fn resource_extraction_only(text: &str, lines: &[Line]) -> bool {
    let mut conflict_minerals = false;
    let mut resource_extraction = false;
    let mut on_cover = true;
    for (at, line) in lines.iter().enumerate() {
        let line_text = &text[line.range.as_range()];
        let heading = match &line.kind {
            LineKind::Section {
                item: Some(item), ..
            }
            | LineKind::Item(item) => Some(Heading::of_item(text, item)),
            LineKind::Section {
                number,
                title,
                item: None,
            } => Some(Heading::of_section(text, *number, *title)),
            _ => None,
        };
        if let Some(heading) = heading {
            on_cover = false;
            match heading {
                Some(Heading::ConflictMinerals) => {
                    conflict_minerals |= has_content(text, lines, at);
                }
                Some(Heading::ResourceExtraction) => {
                    resource_extraction |= has_content(text, lines, at);
                }
                None => {}
            }
            continue;
        }
        match &line.kind {
            LineKind::PeriodLine => conflict_minerals |= rule_box(line_text, "13p-1").chosen(),
            LineKind::CmrTitle => conflict_minerals = true,
            // The label atop an attached report or audit report (Exhibit 1.01 or 1.02).
            LineKind::ExhibitLabel { number } => conflict_minerals |= number.starts_with("1."),
            _ if on_cover && line_text.contains("13q-1") => {
                resource_extraction |= rule_box(line_text, "13q-1").chosen();
            }
            _ => {}
        }
    }
    resource_extraction && !conflict_minerals
}

/// Which disclosure a section or item heading opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Heading {
    /// Section 1, Item 1.01 or Item 1.02.
    ConflictMinerals,
    /// Section 2 or Item 2.01 captioned "Resource Extraction Issuer Disclosure" (in the form
    /// used until 2021, Section 2 and Item 2.01 are the exhibits).
    ResourceExtraction,
}

impl Heading {
    fn of_item(text: &str, item: &ItemHeading) -> Option<Self> {
        match item.number.as_str() {
            "1.01" | "1.02" => Some(Self::ConflictMinerals),
            "2.01" if names_resource_extraction(&text[item.title.as_range()]) => {
                Some(Self::ResourceExtraction)
            }
            _ => None,
        }
    }

    fn of_section(text: &str, number: u8, title: TextRange) -> Option<Self> {
        match number {
            1 => Some(Self::ConflictMinerals),
            2 if names_resource_extraction(&text[title.as_range()]) => {
                Some(Self::ResourceExtraction)
            }
            _ => None,
        }
    }
}

fn names_resource_extraction(title: &str) -> bool {
    title.to_ascii_lowercase().contains("resource extraction")
}

/// Whether the heading at `lines[at]` has content under it: a line of text before the next
/// heading that does not just say the heading does not apply ("Not applicable.", "None").
fn has_content(text: &str, lines: &[Line], at: usize) -> bool {
    if says_not_applicable(&text[lines[at].range.as_range()]) {
        return false;
    }
    let next = lines[at + 1..]
        .iter()
        .find(|l| !matches!(l.kind, LineKind::Separator | LineKind::PageNumber));
    match next {
        None => false,
        Some(line) => match line.kind {
            LineKind::Section { .. }
            | LineKind::Item(_)
            | LineKind::Signatures
            | LineKind::ExhibitIndex => false,
            _ => !says_not_applicable(&text[line.range.as_range()]),
        },
    }
}

/// Whether a line is, or ends with, a statement that an item does not apply ("Not applicable.",
/// "Item 1.01 ... - Not Applicable", "N/A", "None.", "[Reserved]", "Omitted").
fn says_not_applicable(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let words = lower
        .trim()
        .trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/');
    ["not applicable", "n/a", "none", "reserved", "omitted"]
        .iter()
        .any(|said| words == *said || words.ends_with(&format!(" {said}")))
}

/// The check box before a rule line of the cover, as far as the text shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RuleBox {
    /// Not a rule line of that rule.
    Absent,
    /// A box marked: "☒", "[X]", "þ".
    Marked,
    /// A box left empty: "☐", "[ ]", "¨", a blank to be marked ("____").
    Empty,
    /// The rule line without a box (dropped in conversion, or never there), with the period
    /// filled in (`true`) or left blank.
    Unboxed(bool),
}

impl RuleBox {
    /// Whether the box says this rule was chosen: marked or, with no box, its period filled in.
    fn chosen(self) -> bool {
        matches!(self, Self::Marked | Self::Unboxed(true))
    }
}

/// The check box of `line` if it is the cover's line for Rule `rule` ("13p-1", "13q-1").
fn rule_box(line: &str, rule: &str) -> RuleBox {
    let lower = line.trim_start().to_ascii_lowercase();
    let Some(at) = lower.find("rule") else {
        return RuleBox::Absent;
    };
    let (mark, rest) = lower.split_at(at);
    let is_rule_line = rest
        .strip_prefix("rule")
        .map(str::trim_start)
        .is_some_and(|r| r.starts_with(rule));
    if !is_rule_line {
        return RuleBox::Absent;
    }
    let mark: String = mark.chars().filter(|c| !c.is_whitespace()).collect();
    match mark.as_str() {
        "" => RuleBox::Unboxed(states_a_year(rest)),
        "☒" | "☑" | "✓" | "✔" | "■" | "þ" | "ý" | "[x]" | "(x)" | "x" => {
            RuleBox::Marked
        }
        "☐" | "□" | "¨" | "o" | "[]" | "()" => RuleBox::Empty,
        _ if mark.bytes().all(|b| b == b'_') => RuleBox::Empty,
        _ => RuleBox::Absent,
    }
}

/// Whether a rule line's period is filled in: the line ends with a year, not a blank
/// ("December 31, 2023.", not "December 31, ____.").
fn states_a_year(rule_line: &str) -> bool {
    let end = rule_line.trim_end().trim_end_matches(['.', ')', '*']);
    let digits = end.bytes().rev().take_while(u8::is_ascii_digit).count();
    digits == 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_box_of_a_rule_line() {
        let q = "Rule 13q-1 under the Securities Exchange Act (17 CFR 240.13q-1) for the fiscal year ended December 31, 2023.";
        assert_eq!(rule_box(&format!("[X] {q}"), "13q-1"), RuleBox::Marked);
        assert_eq!(rule_box(&format!("☒\t{q}"), "13q-1"), RuleBox::Marked);
        assert_eq!(rule_box(&format!("[ ] {q}"), "13q-1"), RuleBox::Empty);
        assert_eq!(rule_box(&format!("____ {q}"), "13q-1"), RuleBox::Empty);
        assert_eq!(rule_box(q, "13q-1"), RuleBox::Unboxed(true));
        assert_eq!(
            rule_box(
                "Rule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1) for the reporting period from January 1 to December 31, ____.",
                "13p-1"
            ),
            RuleBox::Unboxed(false)
        );
        assert_eq!(rule_box(&format!("[X] {q}"), "13p-1"), RuleBox::Absent);
        assert_eq!(
            rule_box("Payments are reported under Rule 13q-1.", "13q-1"),
            RuleBox::Absent
        );
    }

    #[test]
    fn an_item_that_does_not_apply_has_no_content() {
        for said in [
            "Not applicable.",
            "NOT APPLICABLE",
            "N/A",
            "None.",
            "[Reserved]",
            "Item 1.01 Conflict Minerals Disclosure and Report - Not applicable",
        ] {
            assert!(says_not_applicable(said), "{said}");
        }
        for not in [
            "Not applicable to the Company's products, which contain tin.",
            "The information required by this Item is included in Exhibit 2.01.",
        ] {
            assert!(!says_not_applicable(not), "{not}");
        }
    }

    fn kind(text: &str) -> crate::parse::DocumentKind {
        crate::parse::parse(text.to_owned()).kind
    }

    const COVER: &str = "FORM SD\nSPECIALIZED DISCLOSURE REPORT\n\nNorthwind Basin Oil Corp.\n(Exact name of registrant as specified in its charter)\n\n{P} Rule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1) for the reporting period from January 1 to December 31, {Y}.\n\n{Q} Rule 13q-1 under the Securities Exchange Act (17 CFR 240.13q-1) for the fiscal year ended December 31, 2023.\n\n";
    const SECTION_1: &str = "Section 1 - Conflict Minerals Disclosure\n\nItem 1.01 Conflict Minerals Disclosure and Report\n\n{ONE}\n\n";
    const SECTION_2: &str = "Section 2 - Resource Extraction Issuer Disclosure\n\nItem 2.01 Resource Extraction Issuer Disclosure and Report\n\n{TWO}\n\nSection 3 - Exhibits\n\nItem 3.01 Exhibits\n\nExhibit 2.01 - Resource Extraction Payments Report.\n\nSIGNATURES\n";

    fn form(p: &str, q: &str, year: &str, one: Option<&str>, two: &str) -> String {
        let cover = COVER
            .replace("{P}", p)
            .replace("{Q}", q)
            .replace("{Y}", year);
        let one = one.map_or(String::new(), |one| SECTION_1.replace("{ONE}", one));
        format!("{cover}{one}{}", SECTION_2.replace("{TWO}", two))
    }

    #[test]
    fn a_form_sd_filed_under_rule_13q_1_only() {
        use crate::parse::DocumentKind::{FormSd, ResourceExtraction};
        let payments = "The payments are reported in Exhibit 2.01.";
        // The 13q-1 box checked, the 13p-1 box empty; or, boxes lost, the period filled in.
        assert_eq!(
            kind(&form("[ ]", "[X]", "____", None, payments)),
            ResourceExtraction
        );
        assert_eq!(
            kind(&form("", "", "____", None, payments)),
            ResourceExtraction
        );
        // Section 1 kept in the layout, and marked as not applicable.
        let na = Some("Not applicable.");
        assert_eq!(
            kind(&form("☐", "☒", "____", na, payments)),
            ResourceExtraction
        );
        // Both boxes checked, or a conflict minerals disclosure made: a conflict minerals Form SD.
        assert_eq!(kind(&form("[X]", "[X]", "2023", None, payments)), FormSd);
        let rcoi = Some("We conducted a reasonable country of origin inquiry.");
        assert_eq!(kind(&form("[ ]", "[X]", "____", rcoi, payments)), FormSd);
        // Section 2 not applicable: nothing says the form is filed under Rule 13q-1.
        assert_eq!(kind(&form("", "", "2023", rcoi, "Not applicable.")), FormSd);
        assert_eq!(
            kind(&form("[X]", "[ ]", "2023", rcoi, "Not applicable.")),
            FormSd
        );
    }
}
