//! The source map: every normalised range maps inside the original, on character boundaries,
//! and text that normalisation keeps maps back to itself.

mod common;

use std::path::PathBuf;

use sdlint::normalize::normalize;
use sdlint::span::TextRange;

fn inputs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![common::root().join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
                files.push(path);
            }
        }
    }
    files.extend(common::corpus_seeds().unwrap_or_default());
    files
}

#[test]
fn kept_characters_map_back_to_themselves() {
    for path in inputs() {
        let source = sdlint::input::read_path(&path).unwrap().text;
        let n = normalize(&source);
        for (offset, ch) in n.text.char_indices().filter(|(_, c)| c.is_alphanumeric()) {
            let back = n
                .map
                .to_source(TextRange::new(offset, offset + ch.len_utf8()));
            assert_eq!(
                &source[back.as_range()],
                ch.encode_utf8(&mut [0; 4]),
                "{}: normalised offset {offset}",
                path.display()
            );
        }
    }
}

#[test]
fn every_line_maps_inside_the_original() {
    for path in inputs() {
        let source = sdlint::input::read_path(&path).unwrap().text;
        let n = normalize(&source);
        let mut offset = 0;
        for line in n.text.split('\n') {
            let range = TextRange::new(offset, offset + line.len());
            let back = n.map.to_source(range);
            assert!(back.end() <= source.len(), "{}", path.display());
            assert!(source.is_char_boundary(back.start()) && source.is_char_boundary(back.end()));
            offset += line.len() + 1;
        }
        let whole = n.map.to_source(TextRange::new(0, n.text.len()));
        assert!(whole.end() <= source.len());
    }
}

#[test]
fn normalised_lines_keep_their_line_numbers() {
    // Markup is removed within lines; lines themselves are never joined or split, so the n-th
    // normalised line starts on the n-th line of the original.
    for path in inputs() {
        let source = sdlint::input::read_path(&path).unwrap().text;
        if source.contains('\r') || source.contains("<!--") || source.contains("<br") {
            continue;
        }
        let n = normalize(&source);
        let index = sdlint::span::LineIndex::new(&source);
        let mut offset = 0;
        for (number, line) in n.text.split('\n').enumerate() {
            if !line.trim().is_empty() {
                let back = n.map.to_source(TextRange::new(offset, offset + line.len()));
                assert_eq!(
                    index.line_of(back.start()),
                    number,
                    "{}: line {}",
                    path.display(),
                    number + 1
                );
            }
            offset += line.len() + 1;
        }
    }
}
