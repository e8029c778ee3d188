//! `product-claim`: statements that products are "DRC conflict free" (or "DRC conflict
//! undeterminable"), found by their grammar rather than by the phrase alone.
//!
//! A claim is a sentence whose subject is the registrant's products and whose predicate is the
//! label, with no negation between them: "our products are DRC conflict free" is one; "none of
//! our products has been found to be DRC conflict free", "the Conflict-Free Smelter Program",
//! "conflict-free smelters" and "suppliers that source conflict free" are not.
//!
//! ```toml
//! check = { kind = "product-claim", mode = "audit-required", label = { claim = "..." } }     # CMR-IPSA-001
//! check = { kind = "product-claim", mode = "audit-contradiction", label = { claim = "...", statement = "..." } } # XF-011
//! check = { kind = "product-claim", mode = "undeterminable-label", label = { claim = "...", year = "reporting year {year}" } } # CMR-LABEL-001
//! ```
//!
//! `label.claim` is the label at the claim; `label.statement` at the report's statement that
//! it was not audited (`audit-contradiction`), `label.year` at the reporting year
//! (`undeterminable-label`).

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::kind::{Check, Kind, Run};
use super::periods::reporting_period;
use super::smelters::METAL_NAMES;
use crate::data;
use crate::patterns::ascii;
use crate::rules::Finding;
use crate::span::TextRange;

/// The `product-claim` kind.
pub const PRODUCT_CLAIM: Kind = Kind {
    name: "product-claim",
    fields: &["mode", "label"],
    placeholders: &["last", "missing", "year"],
    table: None,
    compile: |src| {
        let mode = src.mode(ClaimMode::from_name, || {
            "audit-required, audit-contradiction or undeterminable-label".to_owned()
        })?;
        let (claim, second) = match mode {
            ClaimMode::AuditRequired => (src.labels(["claim"])?[0].clone(), String::new()),
            ClaimMode::AuditContradiction => src.labels(["claim", "statement"])?.into(),
            ClaimMode::UndeterminableLabel => src.labels(["claim", "year"])?.into(),
        };
        Ok(Check::new(ProductClaim {
            mode,
            claim,
            second,
        }))
    },
};

/// A compiled `product-claim` check: its mode, and its labels (`second` is the mode's second
/// label, if it has one).
#[derive(Debug)]
struct ProductClaim {
    mode: ClaimMode,
    claim: String,
    second: String,
}

impl Run for ProductClaim {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        product_claim(self, cx, out);
    }
}

/// What the check looks for once claims are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimMode {
    /// A "DRC conflict free" product claim needs the audit report in the filing.
    AuditRequired,
    /// A "DRC conflict free" product claim contradicts a statement that there was no audit.
    AuditContradiction,
    /// "DRC conflict undeterminable" used for products after the transition period.
    UndeterminableLabel,
}

impl ClaimMode {
    /// The mode a rule's `mode` names.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "audit-required" => Some(Self::AuditRequired),
            "audit-contradiction" => Some(Self::AuditContradiction),
            "undeterminable-label" => Some(Self::UndeterminableLabel),
            _ => None,
        }
    }
}

/// The registrant's products as a subject: "our products", "all of the Company's products",
/// "the Covered Products", "Acme's products".
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\b(?:our|its|the\s+company'?s?|[a-z]+'s|all\s+(?:of\s+)?(?:our|its|the)|each\s+of\s+(?:our|its|the)|the)\s+(?:\w+\s+){0,3}?products?\b",
    )
});

/// A named product line as a subject: "our SureSeal staplers and reloads", "the company's
/// XR-5 sensors": an owner, then a few words ending just before the linking verb.
static OWNED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\b(?:our|its|the\s+company'?s?|[a-z]+'s)\s+((?:[a-z0-9][\w-]*\s+){0,7}?[a-z0-9][\w-]*)\s+$",
    )
});

/// Words that make an owned subject something other than products: "our smelters are ...",
/// "its sourcing is ...": the starts of words of `rules/data/product-claims.txt` and the
/// conflict minerals of `rules/data/metals.txt`.
static NOT_PRODUCTS: LazyLock<Regex> = LazyLock::new(|| {
    let starts: Vec<String> = WORDS
        .not_products
        .iter()
        .chain(METAL_NAMES.iter())
        .map(|w| regex::escape(w))
        .collect();
    ascii(&format!(r"\b(?:{})\w*", starts.join("|")))
});

/// The plain lists of `rules/data/product-claims.txt`; the grammar of a claim (subject, linking
/// verb, label, negation) stays in the patterns of this file, which say how words combine.
struct Words {
    /// The last reporting year "DRC conflict undeterminable" could be used for products, for
    /// all registrants and for smaller reporting companies.
    last_year: u16,
    last_year_smaller: u16,
    not_products: Vec<&'static str>,
    /// Among the three words before a products subject, these make it no claim.
    negating_lead: Vec<&'static str>,
}

const FILE: &str = "product-claims.txt";

static WORDS: LazyLock<Words> = LazyLock::new(|| data::load(words()));

fn words() -> Result<Words, String> {
    let text = data::text("product-claims.txt");
    let known = [
        "undeterminable-until",
        "not-products",
        "negating-lead-words",
    ];
    let [until, not_products, negating_lead] = data::sections(FILE, text, &known)?
        .try_into()
        .unwrap_or_else(|_| unreachable!("three sections asked for"));
    let year = |who: &str| {
        let found: Vec<&str> = until
            .iter()
            .filter_map(|l| l.strip_prefix(who)?.strip_prefix(' '))
            .collect();
        match found.as_slice() {
            [year] => year
                .parse::<u16>()
                .map_err(|_| format!("rules/data/{FILE}: `{who} {year}` is not a year")),
            _ => Err(format!(
                "rules/data/{FILE}: [undeterminable-until] gives `{who}` a year {} times, not once",
                found.len()
            )),
        }
    };
    if let Some(unknown) = until.iter().find(|l| {
        !["all ", "smaller-reporting-company "]
            .iter()
            .any(|who| l.starts_with(who))
    }) {
        return Err(format!(
            "rules/data/{FILE}: [undeterminable-until] has `{unknown}`: expected `all YEAR` or `smaller-reporting-company YEAR`"
        ));
    }
    Ok(Words {
        last_year: year("all")?,
        last_year_smaller: year("smaller-reporting-company")?,
        not_products,
        negating_lead,
    })
}

/// The label, as a product's status.
static CONFLICT_FREE: LazyLock<Regex> =
    LazyLock::new(|| ascii(r#"["']?\bdrc\s+conflict[-\s]free\b["']?"#));
static UNDETERMINABLE: LazyLock<Regex> =
    LazyLock::new(|| ascii(r#"["']?\bdrc\s+conflict\s+undeterminable\b["']?"#));

/// A verb linking the subject to the label: "are", "have been found to be", "qualify as".
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\b(?:is|are|was|were|be|been|being|remain|qualif\w*\s+as|considered|deemed|determined\s+to\s+be|found\s+to\s+be|certified\s+(?:as\s+)?)\b",
    )
});

/// Words that make the statement not a claim.
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    ascii(r"\b(?:not|no|none|never|neither|nor|unable|cannot|without|whether|if|unless)\b|n't\b")
});

/// Evidence that the report includes an independent private sector audit under GAO standards.
static AUDIT_REPORT: LazyLock<Regex> =
    LazyLock::new(|| ascii(r"independent\s+private\s+sector\s+audit|\bipsa\b"));
static YELLOW_BOOK: LazyLock<Regex> = LazyLock::new(|| {
    ascii(r"government\s+auditing\s+standards|yellow\s+book|comptroller\s+general")
});

/// A statement that the report was not audited.
static NOT_AUDITED: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\b(?:not|no)\s+(?:been\s+)?(?:subject\s+to\s+(?:an?\s+)?)?(?:independent\s+private\s+sector\s+)?audit(?:ed)?\b|\baudit\s+(?:is|was)\s+not\s+required",
    )
});

/// "Smaller reporting company": the label's transition period ran two years longer.
static SMALLER_REPORTING: LazyLock<Regex> =
    LazyLock::new(|| ascii(r"\bsmaller\s+reporting\s+company\b"));

/// A product line named as the subject of the linking verb closest before the label: the
/// range of "our SureSeal surgical staplers and reloads" in "... that our SureSeal surgical
/// staplers and reloads are". Not when the words name smelters, sources, minerals and the like.
fn product_line(before: &str) -> Option<std::ops::Range<usize>> {
    let link = LINK.find_iter(before).last()?;
    if before[link.end()..].trim().len() > 20 {
        return None;
    }
    let head = &before[..link.start()];
    let owned = OWNED_LINE.captures(head)?;
    let words = owned.get(1)?;
    if NOT_PRODUCTS.is_match(words.as_str()) || NEGATION.is_match(words.as_str()) {
        return None;
    }
    Some(owned.get(0)?.range())
}

/// The sentences of the text where a product is given `label`, each with the label's range.
fn claims(text: &str, label: &Regex) -> Vec<TextRange> {
    let mut found = Vec::new();
    for m in label.find_iter(text) {
        let sentence_start = text[..m.start()]
            .rfind(['.', ';', '\n'])
            .map_or(0, |p| p + 1);
        let before = &text[sentence_start..m.start()];
        // The nearest product subject before the label, then only a linking verb and no
        // negation between it and the label; or a named product line right before the verb.
        let subject = match SUBJECT.find_iter(before).last() {
            Some(subject) => subject.range(),
            None => match product_line(before) {
                Some(subject) => subject,
                None => continue,
            },
        };
        let between = &before[subject.end..];
        if between.len() > 120 || !LINK.is_match(between) || NEGATION.is_match(between) {
            continue;
        }
        // "none of our products ...", "no product ..." before the subject.
        let lead_in = &before[..subject.start];
        let lead_words: Vec<&str> = lead_in.split_whitespace().rev().take(3).collect();
        if lead_words.iter().any(|w| {
            let word = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            WORDS
                .negating_lead
                .iter()
                .any(|n| n.eq_ignore_ascii_case(&word))
        }) {
            continue;
        }
        found.push(TextRange::from(m.range()));
    }
    found.extend(table_claims(text, label));
    found.sort_by_key(|r| r.start());
    found
}

/// The label given to a product in a table: a whole cell of a row, in a table whose header
/// names the products ("Product line | Status" / "Power modules | DRC conflict free"). A table
/// of smelters, whose status column may say "conflict free", describes no product.
fn table_claims(text: &str, label: &Regex) -> Vec<TextRange> {
    let is_row = |line: &str| line.contains(['\t', '|']);
    let mut found = Vec::new();
    for m in label.find_iter(text) {
        let line_start = text[..m.start()].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[m.end()..].find('\n').map_or(text.len(), |p| m.end() + p);
        let line = &text[line_start..line_end];
        let (before, after) = (&text[line_start..m.start()], &text[m.end()..line_end]);
        let cell_starts = before.trim_end_matches([' ', '*']).ends_with(['\t', '|']);
        let cell_ends = after
            .trim_start_matches([' ', '*', '.'])
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '\t' | '|'));
        if !is_row(line) || !cell_starts || !cell_ends {
            continue;
        }
        // The table's first row: up through the lines that are rows too.
        let mut header = line;
        let mut at = line_start;
        while at > 0 {
            let above_start = text[..at - 1].rfind('\n').map_or(0, |p| p + 1);
            let above = &text[above_start..at - 1];
            if !is_row(above) {
                break;
            }
            header = above;
            at = above_start;
        }
        let header = header.to_ascii_lowercase();
        if header.contains("product") && !header.contains("smelter") && !header.contains("refiner") {
            found.push(TextRange::from(m.range()));
        }
    }
    found
}

fn product_claim(check: &ProductClaim, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let text = doc.reading.as_str();
    match check.mode {
        ClaimMode::AuditRequired => {
            let Some(&claim) = claims(text, &CONFLICT_FREE).first() else {
                return;
            };
            let mut missing = Vec::new();
            if !AUDIT_REPORT.is_match(text) {
                missing.push("the independent private sector audit report");
            }
            if !YELLOW_BOOK.is_match(text) {
                missing.push("a statement that the audit followed the Comptroller General's Government Auditing Standards");
            }
            if !missing.is_empty() {
                let values = [("missing", missing.join(" and "))];
                out.push(cx.labelled(claim, &check.claim, &values));
            }
        }
        ClaimMode::AuditContradiction => {
            let Some(&claim) = claims(text, &CONFLICT_FREE).first() else {
                return;
            };
            if let Some(statement) = NOT_AUDITED.find(text) {
                let mut finding = cx.labelled(claim, &check.claim, &[]);
                finding
                    .secondary
                    .push((TextRange::from(statement.range()), check.second.clone()));
                out.push(finding);
            }
        }
        ClaimMode::UndeterminableLabel => {
            let Some(period) = reporting_period(doc) else {
                return;
            };
            let last_year = if SMALLER_REPORTING.is_match(text) {
                WORDS.last_year_smaller
            } else {
                WORDS.last_year
            };
            if period.year <= last_year {
                return;
            }
            for claim in claims(text, &UNDETERMINABLE) {
                let values = [
                    ("year", period.year.to_string()),
                    ("last", last_year.to_string()),
                ];
                let mut finding = cx.labelled(claim, &check.claim, &values);
                finding
                    .secondary
                    .push((period.range, super::fill(&check.second, &values)));
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_claim(sentence: &str) -> bool {
        !claims(sentence, &CONFLICT_FREE).is_empty()
    }

    #[test]
    fn finds_product_claims_and_not_the_traps() {
        assert!(is_claim(
            "We have determined that our products are DRC conflict free."
        ));
        assert!(is_claim(
            "All of the Company's products are \"DRC conflict free\"."
        ));
        assert!(is_claim("Acme's products qualify as DRC conflict-free."));
        assert!(is_claim(
            "On that basis we have determined that our Tidewater gauges and fittings are DRC conflict free."
        ));
        assert!(is_claim("Acme's XR-5 sensors are DRC conflict-free."));
        assert!(!is_claim("Our smelters are DRC conflict free."));
        assert!(!is_claim("All of our 3TG sources were DRC conflict free."));
        assert!(!is_claim(
            "None of our Tidewater gauges has been found to be DRC conflict free."
        ));
        assert!(!is_claim(
            "None of our products has been found to be DRC conflict free."
        ));
        assert!(!is_claim(
            "Our products have not been found to be DRC conflict free."
        ));
        assert!(!is_claim(
            "We rely on the Conflict-Free Smelter Program for audits."
        ));
        assert!(!is_claim(
            "Most smelters in our products' supply chain are conflict-free smelters."
        ));
        assert!(!is_claim(
            "We work with suppliers that source DRC conflict free minerals."
        ));
        assert!(!is_claim(
            "We could not determine whether our products are DRC conflict free."
        ));
        assert!(!is_claim(
            "We were unable to determine whether our products are DRC conflict free."
        ));
        assert!(!is_claim(
            "Does the supplier have a policy that includes DRC conflict-free sourcing?"
        ));
    }

    #[test]
    fn patterns_compile() {
        for p in [
            &SUBJECT,
            &CONFLICT_FREE,
            &UNDETERMINABLE,
            &LINK,
            &NEGATION,
            &AUDIT_REPORT,
            &YELLOW_BOOK,
            &NOT_AUDITED,
            &SMALLER_REPORTING,
            &NOT_PRODUCTS,
        ] {
            LazyLock::force(p);
        }
    }

    /// `rules/data/product-claims.txt` loads: a malformed line fails here.
    #[test]
    fn word_lists_load() {
        let words = words().unwrap_or_else(|err| panic!("{err}"));
        assert!(words.last_year <= words.last_year_smaller);
        assert!(!words.not_products.is_empty() && !words.negating_lead.is_empty());
    }
}
