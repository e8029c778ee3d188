//! Real inputs: the same draft as text, Markdown, EDGAR HTML and Word gives the same findings
//! at the same sentence of each original; encodings and line endings are read; bad files get
//! one clear error each while the others are still linted.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sdlint::input::docx::testing::{build_docx, document};
use sdlint::input::{self, Locator};
use sdlint::{Report, RuleSet, Severity, SourceFile};

const DRAFT: &str = "tests/fixtures/inputs/formats/draft";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rules() -> RuleSet {
    RuleSet::builtin().expect("built-in rules load")
}

fn lint(file: SourceFile) -> Report {
    let rules = rules();
    let enabled = vec![true; rules.rules.len()];
    sdlint::lint(file, &rules, &enabled)
}

fn read(ext: &str) -> (Vec<u8>, SourceFile) {
    let path = root().join(format!("{DRAFT}.{ext}"));
    let bytes = std::fs::read(&path).unwrap();
    let file = input::from_bytes(path, &bytes).unwrap();
    (bytes, file)
}

/// The draft as a Word document: one paragraph per line of the text version, the annex as a
/// table, plus a tracked deletion and insertion in the claim sentence.
fn draft_docx() -> (Vec<u8>, Vec<String>) {
    let text = std::fs::read_to_string(root().join(format!("{DRAFT}.txt"))).unwrap();
    let mut body = String::new();
    let mut paragraphs = Vec::new();
    let mut in_table = false;
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if line.contains('\t') {
            if !in_table {
                body.push_str("<w:tbl>");
                in_table = true;
            }
            body.push_str("<w:tr>");
            for cell in line.split('\t') {
                body.push_str(&format!(
                    "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
                    esc(cell)
                ));
                paragraphs.push(cell.to_owned());
            }
            body.push_str("</w:tr>");
            continue;
        }
        if in_table {
            body.push_str("</w:tbl>");
            in_table = false;
        }
        let runs = match line.split_once("Our products are") {
            // A tracked change: deleted words are not text, inserted ones are.
            Some((before, after)) => format!(
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>\
                 <w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>Every product we sell is conflict free. </w:delText></w:r></w:del>\
                 <w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">Our products are</w:t></w:r></w:ins>\
                 <w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                esc(before),
                esc(after)
            ),
            None => format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(line)),
        };
        body.push_str(&format!("<w:p>{runs}</w:p>"));
        paragraphs.push(line.to_owned());
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    (build_docx(&document(&body)), paragraphs)
}

/// The first words of `text`, to compare places across formats.
fn words(text: &str, n: usize) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_owned)
        .collect()
}

/// What a reader sees of some HTML: tags dropped, the few references the fixture uses decoded.
fn visible(html: &str) -> String {
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    tags.replace_all(html, " ")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&#9746;", "☒")
}

#[test]
fn the_same_draft_in_every_format_gives_the_same_findings_at_the_same_sentence() {
    let (md_bytes, md) = read("md");
    let md = lint(md);
    let expected: Vec<(String, Vec<String>)> = md
        .diagnostics
        .iter()
        .map(|d| {
            let text = std::str::from_utf8(&md_bytes[d.primary.bytes.as_range()]).unwrap();
            (d.rule.clone(), words(text, 3))
        })
        .collect();
    let rules: Vec<&str> = expected.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        rules,
        [
            "SD-COVER-008",
            "SD-ITEM101-004",
            "SD-SIG-005",
            "SD-EXH-003",
            "CMR-IPSA-001",
            "XF-011",
            "CMR-SMELT-005"
        ]
    );

    // Plain text: the file's own bytes.
    let (txt_bytes, txt) = read("txt");
    let txt = lint(txt);
    let got: Vec<_> = txt
        .diagnostics
        .iter()
        .map(|d| {
            let text = std::str::from_utf8(&txt_bytes[d.primary.bytes.as_range()]).unwrap();
            (d.rule.clone(), words(text, 3))
        })
        .collect();
    assert_eq!(got, expected, "txt");

    // EDGAR HTML in Windows-1252: the byte range, decoded and stripped of tags.
    let (htm_bytes, htm) = read("htm");
    assert_eq!(htm.encoding, "windows-1252");
    let htm = lint(htm);
    let got: Vec<_> = htm
        .diagnostics
        .iter()
        .map(|d| {
            let raw = &htm_bytes[d.primary.bytes.as_range()];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
            (d.rule.clone(), words(&visible(&text), 3))
        })
        .collect();
    assert_eq!(got, expected, "htm");

    // Word: the paragraph and column named.
    let (docx, paragraphs) = draft_docx();
    let word = input::from_bytes(PathBuf::from("draft.docx"), &docx).unwrap();
    assert!(!word.text.contains("Every product we sell"), "deleted text");
    let word = lint(word);
    let got: Vec<_> = word
        .diagnostics
        .iter()
        .zip(&expected)
        .map(|(d, (_, expected_words))| {
            let paragraph = &paragraphs[d.primary.start.line as usize - 1];
            let from: String = paragraph
                .chars()
                .skip(d.primary.start.column as usize - 1)
                .collect();
            (d.rule.clone(), words(&from, expected_words.len()))
        })
        .collect();
    assert_eq!(got, expected, "docx");
}

#[test]
fn edgar_html_in_windows_1252_points_at_the_markup_line_and_column() {
    let (bytes, file) = read("htm");
    let report = lint(file);
    let claim = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "XF-011")
        .unwrap();
    // Find the claim in the raw file, wrapped over two lines of markup: its line and 1-based
    // column (every byte of this file is one character).
    let claim_text = b"are DRC\r\nconflict free";
    let at = bytes
        .windows(claim_text.len())
        .position(|w| w == claim_text)
        .unwrap()
        + 4;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    assert_eq!(
        (claim.primary.start.line, claim.primary.start.column),
        (line as u32, (at - line_start + 1) as u32)
    );
    assert_eq!(claim.primary.bytes.start(), at);
    // The curly quotes of “Company” are single bytes in the file and one column each.
    let cover = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "SD-ITEM101-004")
        .unwrap();
    assert_eq!(&bytes[cover.primary.bytes.start()..][..9], b"Item 1.01");
}

#[test]
fn utf16_crlf_and_lone_cr_copies_read_like_the_original() {
    let text = std::fs::read_to_string(root().join(format!("{DRAFT}.txt"))).unwrap();
    let reference = lint(input::from_bytes(PathBuf::from("d.txt"), text.as_bytes()).unwrap());
    let where_ = |r: &Report| -> Vec<(String, u32, u32)> {
        r.diagnostics
            .iter()
            .map(|d| (d.rule.clone(), d.primary.start.line, d.primary.start.column))
            .collect()
    };
    let crlf = text.replace('\n', "\r\n");
    let cr = text.replace('\n', "\r");
    let mut utf16le = vec![0xFF, 0xFE];
    utf16le.extend(crlf.encode_utf16().flat_map(u16::to_le_bytes));
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("crlf.txt", crlf.into_bytes()),
        ("cr.txt", cr.into_bytes()),
        ("utf16le.txt", utf16le),
        ("utf16be-no-bom.txt", utf16be),
    ] {
        let file = input::from_bytes(PathBuf::from(name), &bytes).unwrap();
        let report = lint(file);
        assert_eq!(where_(&report), where_(&reference), "{name}");
        for d in &report.diagnostics {
            assert!(d.primary.bytes.end() <= bytes.len(), "{name}");
        }
    }
}

#[test]
fn every_normalised_range_maps_inside_the_original_file() {
    let (docx, _) = draft_docx();
    let mut files: Vec<(Vec<u8>, SourceFile)> =
        ["md", "txt", "htm"].iter().map(|ext| read(ext)).collect();
    files.push((
        docx.clone(),
        input::from_bytes(PathBuf::from("draft.docx"), &docx).unwrap(),
    ));
    for (bytes, file) in &files {
        let (document, map) = sdlint::parse_source(file);
        let locator = Locator::new(&file.text, &file.origin);
        let limit = match file.format {
            // Word positions are bytes of word/document.xml, inside the archive.
            sdlint::Format::Docx => usize::MAX,
            _ => bytes.len(),
        };
        let norm = document.text.as_str();
        let boundaries: Vec<usize> = norm
            .char_indices()
            .map(|(i, _)| i)
            .chain([norm.len()])
            .collect();
        for pair in boundaries.windows(2) {
            let range = sdlint::span::TextRange::new(pair[0], pair[1]);
            let in_text = map.to_source(range);
            assert!(in_text.end() <= file.text.len(), "{:?}", file.path);
            assert!(file.text.is_char_boundary(in_text.start()));
            assert!(file.text.is_char_boundary(in_text.end()));
            let located = locator.locate(in_text);
            assert!(located.bytes.end() <= limit, "{:?} {range:?}", file.path);
            assert!(located.start <= located.end);
        }
    }
}

#[test]
fn a_directory_of_good_and_bad_files_is_linted_in_full_with_one_error_per_bad_file() {
    let dir = std::env::temp_dir().join(format!("sdlint-inputs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("drafts/old")).unwrap();
    std::fs::create_dir_all(dir.join(".cache")).unwrap();
    let draft = std::fs::read(root().join(format!("{DRAFT}.htm"))).unwrap();
    let files: [(&str, &[u8]); 9] = [
        ("drafts/a.htm", &draft),
        ("drafts/b.docx", &draft_docx().0),
        ("drafts/empty.md", b""),
        ("drafts/not-a-zip.docx", b"this is not a zip archive"),
        ("drafts/scan.txt", b"%PDF-1.7\n%binary"),
        ("drafts/nul.txt", b"Form SD\0\0\0"),
        ("drafts/old/ignored.md", b""),
        (".cache/hidden.md", b""),
        (
            "notes.rtf",
            b"{\\rtf1 not linted: unknown extension in a directory}",
        ),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "drafts/old/\n").unwrap();
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|(n, _)| std::fs::read(dir.join(n)).unwrap())
        .collect();

    let out = Command::cargo_bin("sdlint")
        .unwrap()
        .args(["check", "--format", "short", "--quiet"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let linted: std::collections::BTreeSet<&str> = stdout
        .lines()
        .filter_map(|l| l.split(':').next())
        .map(|p| Path::new(p).file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(linted.into_iter().collect::<Vec<_>>(), ["a.htm", "b.docx"]);
    let errors: Vec<&str> = stderr.lines().collect();
    assert_eq!(errors.len(), 4, "{stderr}");
    for (file, reason) in [
        ("empty.md", "empty"),
        ("not-a-zip.docx", "not a Word document"),
        ("scan.txt", "PDF"),
        ("nul.txt", "binary"),
    ] {
        assert!(
            errors
                .iter()
                .any(|l| l.contains(file) && l.contains(reason)),
            "{file}: {stderr}"
        );
    }
    // Nothing was written to the inputs.
    for ((name, _), bytes) in files.iter().zip(before) {
        assert_eq!(std::fs::read(dir.join(name)).unwrap(), bytes, "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_takes_its_format_from_the_given_name_or_from_its_content() {
    let draft = std::fs::read(root().join(format!("{DRAFT}.htm"))).unwrap();
    for args in [
        vec![
            "check",
            "--format",
            "short",
            "-q",
            "--stdin-filename",
            "sd.htm",
            "-",
        ],
        vec!["check", "--format", "short", "-q", "-"],
    ] {
        let out = Command::cargo_bin("sdlint")
            .unwrap()
            .args(&args)
            .write_stdin(draft.clone())
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains(":89:87: error[XF-011]"),
            "{args:?}: {stdout}"
        );
    }
    let (docx, _) = draft_docx();
    let out = Command::cargo_bin("sdlint")
        .unwrap()
        .args(["check", "--format", "short", "-q", "-"])
        .write_stdin(docx)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("-:¶"), "{stdout}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn word_diagnostics_name_the_paragraph_and_show_its_text() {
    let (docx, paragraphs) = draft_docx();
    let file = input::from_bytes(PathBuf::from("draft.docx"), &docx).unwrap();
    let report = lint(file);
    let human = String::from_utf8(sdlint::render::human(
        std::slice::from_ref(&report),
        false,
        true,
    ))
    .unwrap();
    let claim = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "XF-011")
        .unwrap();
    assert_eq!(claim.severity, Severity::Error);
    let n = claim.primary.start.line;
    assert!(
        paragraphs[n as usize - 1].contains("Our products are DRC conflict free"),
        "¶{n}"
    );
    assert!(
        human.contains(&format!("draft.docx:¶{n}:{}", claim.primary.start.column)),
        "{human}"
    );
    // The paragraph is long: shown around the claim, the rest cut.
    assert!(
        human.contains(&format!("{n} │ …"))
            && human.contains("Our products are DRC conflict free."),
        "{human}"
    );
}

#[test]
fn html_and_word_diagnostics_as_a_reader_sees_them() {
    let rules = rules();
    let select: Vec<String> = ["SD-SIG-005", "XF-011", "CMR-SMELT-005"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let enabled = rules.selection(&select, &[]).unwrap();
    let (_, mut htm) = read("htm");
    htm.path = PathBuf::from(format!("{DRAFT}.htm"));
    let (docx, _) = draft_docx();
    let word = input::from_bytes(PathBuf::from("draft.docx"), &docx).unwrap();
    let reports = [
        sdlint::lint(htm, &rules, &enabled),
        sdlint::lint(word, &rules, &enabled),
    ];
    let human = String::from_utf8(sdlint::render::human(&reports, false, false)).unwrap();
    insta::assert_snapshot!("human", human);
    insta::assert_snapshot!("short", sdlint::render::short(&reports));
}
