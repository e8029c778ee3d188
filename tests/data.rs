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

/// The Covered Countries are written once, in rules/data/covered-countries.txt: XF-008
/// (rules/cross_field.toml) names that list rather than repeating it, and the smelter-table
/// check reads it too. The [adjoining] section names the nine countries of Dodd-Frank Act
/// section 1502(e) as a finding names them, and no spelling belongs to two lines (a scan could
/// not tell whose it was).
#[test]
fn the_covered_countries_are_one_list() {
    let text = std::fs::read_to_string(root().join("rules/data/covered-countries.txt")).unwrap();
    let sections = sdlint::data::named_sections(
        "covered-countries.txt",
        Box::leak(text.into_boxed_str()),
        &["drc", "adjoining", "mistaken"],
    )
    .unwrap_or_else(|err| panic!("{err}"));
    let names: Vec<&str> = sections[1].iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "Angola",
            "Burundi",
            "the Central African Republic",
            "the Republic of the Congo",
            "Rwanda",
            "South Sudan",
            "Tanzania",
            "Uganda",
            "Zambia"
        ]
    );
    assert_eq!(sections[0].len(), 1, "[drc] is one country");
    let mut seen = BTreeSet::new();
    for spelling in sections.iter().flatten().flat_map(|c| &c.spellings) {
        assert!(
            seen.insert(spelling.to_lowercase()),
            "`{spelling}` is a spelling of two lines of covered-countries.txt"
        );
    }

    let pack: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("rules/cross_field.toml")).unwrap())
            .unwrap();
    let rule = pack["rule"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_str() == Some("XF-008"))
        .expect("XF-008 in rules/cross_field.toml");
    let list = &rule["check"]["list"];
    assert_eq!(list["file"].as_str(), Some("covered-countries.txt"));
    assert_eq!(list["members"].as_str(), Some("adjoining"));
    assert!(rule["check"].get("patterns").is_none());
}
