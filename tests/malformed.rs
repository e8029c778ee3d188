//! Broken rule packs and configuration files, as a rule author writes them: each one is an
//! error (exit 2) that names the problem and points at its line and column in the TOML, and
//! nothing is linted. Every file of `tests/fixtures/malformed/{rules,config}` says on its
//! first line what is wrong with it; the snapshot is the whole standard error.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::root;

/// The filing linted with each broken file; it never gets that far.
const FILING: &str = "tests/fixtures/inputs/clean.md";

/// Runs `sdlint check ARGS FILING` from the crate root and returns standard error, after
/// checking that the run failed with exit code 2 and printed nothing on standard output.
fn stderr_of(args: &[&str]) -> String {
    let out = Command::cargo_bin("sdlint")
        .expect("the binary is built")
        .current_dir(root())
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args)
        .arg(FILING)
        .output()
        .expect("sdlint runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?} linted anyway");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    // A built-in rule's line moves whenever its pack is edited.
    let builtin_line = regex::Regex::new(r"(builtin:rules/[a-z_]+\.toml):\d+").unwrap();
    let stderr = builtin_line.replace_all(&stderr, "$1:[line]");
    stderr.replace(&root().display().to_string(), "[root]")
}

/// The path of `file` relative to the crate root, with forward slashes.
fn relative(file: &Path) -> String {
    common::relative(file)
        .display()
        .to_string()
        .replace('\\', "/")
}

#[test]
fn broken_rule_packs_point_into_the_toml() {
    insta::glob!("fixtures/malformed/rules/*.toml", |path| {
        let pack = relative(path);
        // The built-in rules load first and cannot change what is wrong with a pack; leaving
        // them out keeps the debug build fast, except where a pack clashes with them.
        let mut args = vec!["--rules", &pack];
        if !pack.contains("builtin") {
            args.push("--no-builtin-rules");
        }
        insta::assert_snapshot!(stderr_of(&args));
    });
}

#[test]
fn broken_configuration_files_point_into_the_toml() {
    insta::glob!("fixtures/malformed/config/*.toml", |path| {
        insta::assert_snapshot!(stderr_of(&["--config", &relative(path)]));
    });
}

#[test]
fn a_broken_file_in_a_folder_of_packs_is_named() {
    // `a_good.toml` loads; `b_broken.toml` is the one reported.
    insta::assert_snapshot!(stderr_of(&["--rules", "tests/fixtures/malformed/rule_dir"]));
}

#[test]
fn a_missing_rule_pack_is_an_error() {
    insta::assert_snapshot!(stderr_of(&[
        "--rules",
        "tests/fixtures/malformed/no-such-pack.toml"
    ]));
}

#[test]
fn a_folder_holding_no_rule_pack_is_an_error() {
    // A typo in `--rules` that names a folder of documents must not pass as "no house rules".
    let stderr = stderr_of(&["--rules", "tests/fixtures/inputs/formats"]);
    assert!(
        stderr.contains("the folder holds no rule pack (no .toml file)"),
        "{stderr}"
    );
}
