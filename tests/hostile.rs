//! sdlint on a repository written by an attacker (it runs in CI on pull requests): what a
//! document, a file name, a link, a configuration or a pipe can make it do, and what it must not
//! (leak a file, drive the terminal, hang, lose an exit code, hide a file it did not read).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use common::root;

/// A scratch folder of its own for each test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sdlint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("sdlint").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

const ESC: char = '\u{1b}';

/// A report whose claim stands on a line full of terminal escape sequences.
const REPORT_WITH_ESCAPES: &str = "Exhibit 1.01\n\nConflict Minerals Report\n\nWe have \
determined that our products are DRC conflict free \u{1b}[2J\u{1b}]0;owned\u{7} and \
more\u{8}\u{8}.\n";

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = scratch("escapes");
    std::fs::write(dir.join("ex1-01.md"), REPORT_WITH_ESCAPES).unwrap();
    for format in ["human", "short", "github", "junit", "checkstyle"] {
        let out = sdlint(&dir)
            .args(["check", "ex1-01.md", "--color", "never", "--format", format])
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            !stdout.contains(ESC) && !stdout.contains('\u{7}'),
            "{format}: {stdout}"
        );
        if format == "human" {
            // The line is shown, its escapes written out, the claim still underlined.
            let line = stdout
                .lines()
                .find(|l| l.contains("│ We have determined"))
                .unwrap();
            assert!(
                line.ends_with(r"\u{1b}[2J\u{1b}]0;owned\u{7} and more\u{8}\u{8}."),
                "{line}"
            );
            let next = stdout.lines().skip_while(|l| *l != line).nth(1).unwrap();
            let column = |s: &str, pat: &str| s.find(pat).map(|i| s[..i].chars().count());
            assert_eq!(column(line, "DRC"), column(next, "^"), "{stdout}");
        }
    }

    // A file name is shown the same way, on standard error too.
    let name = format!("draft{ESC}[2J.md");
    std::fs::write(dir.join(&name), "").unwrap();
    let out = sdlint(&dir).args(["check", &name]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(r"draft\u{1b}[2J.md"), "{stderr}");
    assert!(!stderr.contains(ESC));
}

#[test]
fn a_long_line_is_shown_around_its_finding() {
    // One paragraph of a megabyte, the claim in its middle: the human output shows a few
    // hundred characters of it; JSON keeps the exact place.
    let dir = scratch("long-line");
    let filler =
        "The company surveyed its suppliers about the origin of the minerals. ".repeat(8000);
    let text = format!(
        "Exhibit 1.01\n\nConflict Minerals Report\n\n{filler}Our products are DRC conflict free. {filler}\n"
    );
    std::fs::write(dir.join("ex1-01.md"), &text).unwrap();
    let out = sdlint(&dir).args(["check", "ex1-01.md"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.len() < 40_000, "{} bytes of output", stdout.len());
    let line = stdout
        .lines()
        .find(|l| l.contains("│ …") && l.contains("Our products are DRC conflict free."))
        .unwrap_or_else(|| panic!("the claim's line, cut: {stdout}"));
    assert!(line.ends_with('…') && line.chars().count() < 300, "{line}");
    let out = sdlint(&dir)
        .args(["check", "ex1-01.md", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claim = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "CMR-IPSA-001")
        .expect("the claim is found");
    let start = claim["byte_range"][0].as_u64().unwrap() as usize;
    assert!(text[start..].starts_with("DRC conflict free"), "{claim}");
}

#[test]
fn inputs_that_cannot_be_read_are_in_every_report() {
    let dir = scratch("unreadable");
    std::fs::copy(
        root().join("tests/fixtures/inputs/clean.md"),
        dir.join("clean.md"),
    )
    .unwrap();
    std::fs::write(dir.join("empty.md"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\x00\x01\x02PK\x00").unwrap();

    let out = sdlint(&dir).args(["check", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.ends_with("No problems found in 1 file; 2 files could not be read\n"),
        "{stdout}"
    );

    let out = sdlint(&dir)
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["skipped"], 2);
    let skipped: Vec<&str> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["./binary.txt", "./empty.md"]);

    let out = sdlint(&dir)
        .args(["check", ".", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(
        notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "./empty.md"
    );
}

#[test]
fn a_configuration_cannot_name_a_file_outside_its_folder() {
    let dir = scratch("config-outside");
    std::fs::write(dir.join("outside.toml"), "TOKEN = \"hunter2-secret\"\n").unwrap();
    let repo = dir.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/inputs/clean.md"),
        repo.join("clean.md"),
    )
    .unwrap();
    for named in ["../outside.toml", "/proc/self/environ"] {
        std::fs::write(
            repo.join("sdlint.toml"),
            format!("extend-rules = [\"{named}\"]\n"),
        )
        .unwrap();
        let out = sdlint(&repo)
            .env("SDLINT_TEST_SECRET", "hunter2-secret")
            .args(["check", "clean.md"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(&format!("{named} is outside")), "{stderr}");
        assert!(!stderr.contains("hunter2"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_tree_is_not_followed() {
    let dir = scratch("links");
    std::fs::write(
        dir.join("secret.txt"),
        "FORM SD\nAPI_TOKEN=hunter2-secret\n",
    )
    .unwrap();
    let tree = dir.join("tree");
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/inputs/clean.md"),
        tree.join("clean.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../secret.txt", tree.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink("clean.md", tree.join("again.md")).unwrap();
    let out = sdlint(&dir)
        .args(["check", "tree", "--format", "short"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        !stdout.contains("leak.txt") && !stdout.contains("hunter2"),
        "{stdout}"
    );
    assert!(
        stderr.contains("skipped tree/leak.txt: it links to a file outside tree"),
        "{stderr}"
    );
    // A link within the tree is linted as the file it names.
    let out = sdlint(&dir)
        .args(["check", "tree", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["tree/again.md", "tree/clean.md"]);
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_not_read() {
    let dir = scratch("devices");
    let fifo = dir.join("input.md");
    let made = StdCommand::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let fifo = fifo.to_str().unwrap();
    for args in [
        vec!["check", fifo],
        vec!["check", "/dev/zero"],
        vec!["check", "--rules", fifo, "-"],
    ] {
        let out = sdlint(&dir)
            .args(&args)
            .write_stdin("FORM SD\n")
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
    }
    // Standard input is read up to the limit, and no further.
    let out = StdCommand::new(env!("CARGO_BIN_EXE_sdlint"))
        .args(["check", "-"])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more than the 64 MiB"));
}

#[test]
fn a_reader_that_stops_early_does_not_change_the_exit_code() {
    // Far more output than a pipe holds; the reader closes its end without reading.
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_sdlint"))
        .current_dir(root())
        .args(["check", "tests/fixtures", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "findings still fail the run");
}

#[test]
fn a_baseline_is_never_written_over_a_filing() {
    let dir = scratch("baseline-over-filing");
    std::fs::copy(
        root().join("tests/fixtures/inputs/formats/draft.md"),
        dir.join("draft.md"),
    )
    .unwrap();
    let before = std::fs::read(dir.join("draft.md")).unwrap();
    let out = sdlint(&dir)
        .args(["check", ".", "--write-baseline", "draft.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to write to draft.md"));
    assert_eq!(std::fs::read(dir.join("draft.md")).unwrap(), before);
}
