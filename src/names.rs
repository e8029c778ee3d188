//! Registrant names reduced to what identifies them, so that the parser (which finds the
//! registrant's name in the signature block by the cover's) and the `registrant-name` check
//! compare names alike.

/// A name reduced to what identifies it: lower case, no punctuation or symbols, suffixes in one
/// spelling ("Corporation" and "Corp." are one, "Inc." is another).
pub fn normalize_name(name: &str) -> String {
    let lower = name.to_lowercase().replace("'s", "");
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "corporation" => "corp",
            "incorporated" => "inc",
            "limited" => "ltd",
            "company" => "co",
            "the" => "",
            other => other,
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
    }
}
