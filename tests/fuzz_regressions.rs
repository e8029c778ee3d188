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
