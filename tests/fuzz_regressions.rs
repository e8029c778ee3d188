//! The inputs the fuzz targets of `fuzz/` found failing, replayed on stable: each file of
//! `tests/fixtures/fuzz/` named `<target>-<n>.bin` goes through the same code and the same
//! invariants as in its fuzz target (`fuzz/src/lib.rs`, included here).

#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

#[test]
fn the_inputs_fuzzing_found_are_handled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz exists")
        .map(|entry| entry.expect("a readable entry").path())
        .collect();
    files.sort();
    let mut failed = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        // The targets that take text see only UTF-8 inputs; their regressions are UTF-8.
        let text = || std::str::from_utf8(&bytes).expect("a UTF-8 regression input");
        let target = name.split_once('-').map_or(name.as_str(), |(t, _)| t);
        let run = catch_unwind(AssertUnwindSafe(|| match target {
            "input" => fuzz::input(&bytes),
            "docx" => fuzz::docx(&bytes),
            "html" => fuzz::html(text()),
            "parse" => fuzz::parse(text()),
            "rules" => fuzz::rules(text()),
            _ => panic!("no fuzz target `{target}`"),
        }));
        if run.is_err() {
            failed.push(name);
        }
    }
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    assert!(failed.is_empty(), "fuzz regressions fail again: {failed:?}");
}

/// The `rules` target's seeds are the built-in rules, one a pack: `seed-<pack>-<n>.toml` is
/// the n-th `[[rule]]` of `rules/<pack>.toml`, as it is now (a seed left behind by a change
/// of schema would no longer load, and fuzz nothing but the error path).
/// `SDLINT_UPDATE_SEEDS=1 cargo test --test fuzz_regressions` writes them anew.
#[test]
fn the_rule_seeds_are_the_built_in_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("fuzz/corpus/rules");
    let update = std::env::var_os("SDLINT_UPDATE_SEEDS").is_some();
    let mut stale = Vec::new();
    for pack in std::fs::read_dir(root.join("rules")).expect("rules/ exists") {
        let path = pack.expect("a readable entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let rules: Vec<String> = format!("\n{text}")
            .split("\n[[rule]]\n")
            .skip(1)
            .map(|rule| format!("[[rule]]\n{}\n", rule.trim_end()))
            .collect();
        let prefix = format!("seed-{stem}-");
        let mut old: Vec<_> = std::fs::read_dir(&seeds)
            .expect("fuzz/corpus/rules exists")
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&prefix)
            })
            .collect();
        old.sort();
        let wanted: Vec<_> = (1..=rules.len())
            .map(|n| seeds.join(format!("{prefix}{n:02}.toml")))
            .collect();
        if update {
            for seed in old.iter().filter(|p| !wanted.contains(p)) {
                std::fs::remove_file(seed).unwrap();
            }
            for (seed, rule) in wanted.iter().zip(&rules) {
                std::fs::write(seed, rule).unwrap();
            }
            continue;
        }
        if old != wanted {
            stale.push(format!(
                "{stem}: {} seeds for {} rules",
                old.len(),
                rules.len()
            ));
        }
        for (seed, rule) in wanted.iter().zip(&rules) {
            if std::fs::read_to_string(seed).ok().as_deref() != Some(rule.as_str()) {
                stale.push(seed.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale fuzz seeds (SDLINT_UPDATE_SEEDS=1 cargo test --test fuzz_regressions writes them): {stale:?}"
    );
}
