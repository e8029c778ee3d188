//! Registrant names reduced to what identifies them, so that the parser (which finds the
//! registrant's name in the signature block by the cover's) and the `registrant-name` check
//! compare names alike.

use std::sync::LazyLock;

/// The corporate suffixes (`rules/data/corporate-suffixes.txt`): each one's spellings, the
/// first being the one names compare in.
static SUFFIXES: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    crate::data::text("corporate-suffixes.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect()
});

/// A name reduced to what identifies it: lower case, no punctuation or symbols, suffixes in one
/// spelling ("Corporation" and "Corp." are one, "Inc." is another).
pub fn normalize_name(name: &str) -> String {
    let lower = name.to_lowercase().replace("'s", "");
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty() && *w != "the")
        .map(|w| canonical_suffix(w).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The spelling names compare in of a one-word suffix ("corporation" gives "corp").
fn canonical_suffix(word: &str) -> Option<&'static str> {
    SUFFIXES
        .iter()
        .find(|spellings| spellings[1..].contains(&word))
        .map(|spellings| spellings[0])
}

/// Every spelling of every suffix as a regular expression alternation, full stops escaped
/// (`inc|incorporated|...|l\.l\.c|...`).
pub fn suffix_alternation() -> String {
    SUFFIXES
        .iter()
        .flatten()
        .map(|s| s.replace('.', r"\."))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::normalize_name;

    #[test]
    fn names_compare_without_case_punctuation_or_suffix_spelling() {
        assert_eq!(
            normalize_name("INOGEN, INC."),
            normalize_name("Inogen, Inc.")
        );
        assert_eq!(
            normalize_name("Acme Corporation"),
            normalize_name("Acme Corp.")
        );
        assert_ne!(
            normalize_name("Allot Communication Ltd."),
            normalize_name("Allot Communications Ltd.")
        );
        assert_ne!(
            normalize_name("Allied Motion Corporation"),
            normalize_name("Allied Motion Technologies Inc.")
        );
        assert_eq!(normalize_name("AMSC ®"), "amsc");
        assert_eq!(normalize_name("Data I/O Corporation's"), "data i o corp");
        assert_eq!(normalize_name("The Acme Company Limited"), "acme co ltd");
        assert!(super::suffix_alternation().contains(r"l\.l\.c|"));
    }
}
