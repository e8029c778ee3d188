//! The lists of `rules/data/`: each opens with a header comment saying what it lists and how
//! its entries are compared, and the lists that rule packs repeat say what the packs say.
//! (Each list is read by a unit test of the code that reads it, which fails on a malformed
//! line.)

mod common;

use std::collections::BTreeSet;

use common::root;

/// Every file of `rules/data/`, with its text.
fn lists() -> Vec<(String, String)> {
    let dir = root().join("rules/data");
    let mut found: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            (name, text)
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_list_opens_with_a_header_and_has_clean_lines() {
    let lists = lists();
    assert!(lists.len() >= 3, "{lists:?}");
    for (name, text) in &lists {
        assert!(
            name.ends_with(".txt"),
            "rules/data/{name} is not a .txt list"
        );
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            header.len() >= 2 && header.join(" ").to_lowercase().contains("compared"),
            "rules/data/{name} opens with no header comment saying how entries are compared"
        );
        for (i, line) in text.lines().enumerate() {
            assert!(
                line.trim_end() == line,
                "rules/data/{name}:{}: trailing spaces",
                i + 1
            );
        }
        assert!(
            text.ends_with('\n'),
            "rules/data/{name} does not end in a newline"
        );
    }
}

/// The words of `text` lower case, without a leading "the", punctuation as spaces.
fn country(text: &str) -> String {
    let lower = text.to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// XF-008 (rules/cross_field.toml) lists the Covered Countries adjoining the DRC as patterns,
/// with their names, since a `complete-list` check takes its members from the rule; the
/// smelter-table check reads them from rules/data/covered-countries.txt. The two must agree.
#[test]
fn xf_008_names_the_adjoining_countries_of_the_data_list() {
    let text = std::fs::read_to_string(root().join("rules/data/covered-countries.txt")).unwrap();
    let [drc, adjoining] = sdlint::data::sections(
        "covered-countries.txt",
        Box::leak(text.into_boxed_str()),
        &["drc", "adjoining"],
    )
    .unwrap_or_else(|err| panic!("{err}"))
    .try_into()
    .unwrap();
    assert!(!drc.is_empty());

    let pack: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("rules/cross_field.toml")).unwrap())
            .unwrap();
    let rule = pack["rule"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_str() == Some("XF-008"))
        .expect("XF-008 in rules/cross_field.toml");
    let strings = |key: &str| -> Vec<String> {
        rule["check"][key]
            .as_array()
            .unwrap_or_else(|| panic!("XF-008 has no `{key}`"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let names: BTreeSet<String> = strings("names").iter().map(|n| country(n)).collect();
    let listed: BTreeSet<String> = adjoining.iter().map(|n| country(n)).collect();
    assert_eq!(
        names, listed,
        "XF-008's names (left) and the [adjoining] section of rules/data/covered-countries.txt (right)"
    );

    // Each pattern finds its country, as the data list spells it, and no other.
    let patterns: Vec<regex::Regex> = strings("patterns")
        .iter()
        .map(|p| {
            regex::RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .unwrap()
        })
        .collect();
    assert_eq!(patterns.len(), adjoining.len());
    for name in &adjoining {
        let finding: Vec<usize> = (0..patterns.len())
            .filter(|&i| {
                patterns[i]
                    .captures(name)
                    .is_some_and(|c| c.name("except").is_none())
            })
            .collect();
        assert_eq!(
            finding.len(),
            1,
            "`{name}` is found by XF-008's patterns {finding:?}"
        );
    }
}
