//! `sdlint parse PATH`: the document tree sdlint sees, for rule authors.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::ValueEnum;
use sdlint::input::Locator;
use sdlint::parse::Document;
use sdlint::span::{LineCol, TextRange};
use serde::Serialize;

use super::{ExitStatus, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to parse.
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ParseFormat::Human)]
    format: ParseFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ParseFormat {
    Human,
    Json,
}

/// A place in the original file.
#[derive(Serialize)]
struct Place {
    start: LineCol,
    end: LineCol,
    /// The normalised text of the place (its first 100 characters).
    text: String,
}

#[derive(Serialize)]
struct Tree<'a> {
    path: String,
    document: &'static str,
    scopes: Vec<(&'static str, Place)>,
    lines: Vec<(serde_json::Value, Place)>,
    fields: &'a sdlint::parse::document::Fields,
}

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let file = sdlint::input::read_path(&args.path)?;
    let (doc, map) = sdlint::parse_source(&file);
    let locator = Locator::new(&file.text, &file.origin);
    let place = |range: TextRange| {
        let located = locator.locate(map.to_source(range));
        let text: String = doc.slice(range).chars().take(100).collect();
        Place {
            start: located.start,
            end: located.end,
            text: text.replace('\n', " "),
        }
    };
    let tree = Tree {
        path: args.path.display().to_string(),
        document: doc.kind.name(),
        scopes: doc
            .scopes
            .iter()
            .map(|s| (s.scope.name(), place(s.range)))
            .collect(),
        lines: doc
            .lines
            .iter()
            .map(|l| {
                (
                    serde_json::to_value(&l.kind).unwrap_or_default(),
                    place(l.range),
                )
            })
            .collect(),
        fields: &doc.fields,
    };
    let text = match args.format {
        ParseFormat::Json => serde_json::to_string_pretty(&tree)? + "\n",
        ParseFormat::Human => human(&tree, &doc),
    };
    print(text.as_bytes()).context("cannot write the document tree")?;
    Ok(ExitStatus::Success)
}

/// The tree of `doc` as `sdlint parse` shows it to people: its scopes, its fields and tables,
/// and its lines, with their line numbers in the file.
fn human(tree: &Tree<'_>, doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n\nscopes:", tree.path, tree.document);
    for (name, place) in &tree.scopes {
        let _ = writeln!(
            out,
            "  {name:14} {:>5}-{:<5} {}",
            place.start.line,
            place.end.line,
            truncate(&place.text, 60)
        );
    }
    let _ = writeln!(out, "\nfields:");
    write_fields(&mut out, doc);
    write_tables(&mut out, doc);
    let _ = writeln!(out, "\nlines:");
    for (kind, place) in &tree.lines {
        let kind = kind["kind"].as_str().unwrap_or("?");
        let _ = writeln!(
            out,
            "  {:>5} {kind:15} {}",
            place.start.line,
            truncate(&place.text, 70)
        );
    }
    out
}

/// The fields the parser read from `doc`, a line each.
fn write_fields(out: &mut String, doc: &Document) {
    let f = &doc.fields;
    for p in &f.periods {
        let _ = writeln!(
            out,
            "  period {} in {}: {:?}",
            p.year,
            p.scope.name(),
            doc.slice(p.range)
        );
    }
    if let Some(d) = &f.signature_date {
        let _ = writeln!(out, "  signature date {}: {:?}", d.date, doc.slice(d.range));
    }
    for e in &f.exhibit_index {
        let _ = writeln!(out, "  exhibit index entry {}", e.number);
    }
    for name in &f.registrant_names {
        let _ = writeln!(
            out,
            "  registrant in {}: {:?}",
            name.scope.name(),
            doc.slice(name.range)
        );
    }
    for name in &f.defined_names {
        let _ = writeln!(out, "  defined name: {:?}", doc.slice(*name));
    }
    if let Some(r) = f.file_number {
        let _ = writeln!(out, "  commission file number: {:?}", doc.slice(r));
    }
    if let Some(r) = f.employer_id {
        let _ = writeln!(out, "  employer identification number: {:?}", doc.slice(r));
    }
    if let Some(c) = &f.contact {
        let show = |r: Option<TextRange>| r.map_or("-", |r| doc.slice(r));
        let _ = writeln!(
            out,
            "  contact: {:?}, telephone {:?}",
            show(c.name),
            show(c.phone)
        );
    }
    for url in &f.urls {
        let _ = writeln!(
            out,
            "  url in {}: {}",
            url.scope.name(),
            doc.slice(url.range)
        );
    }
    for e in &f.exhibit_refs {
        let _ = writeln!(out, "  exhibit {} cited in {}", e.number, e.scope.name());
    }
    if let Some(r) = f.amendment {
        let _ = writeln!(out, "  amendment: {:?}", doc.slice(r));
    }
    if let Some(h) = &f.edgar {
        let _ = writeln!(
            out,
            "  EDGAR header: period {}, filed {}",
            h.period
                .map_or_else(|| "-".to_owned(), |p| p.date.to_string()),
            h.filed
                .map_or_else(|| "-".to_owned(), |p| p.date.to_string())
        );
    }
}

/// The smelter tables of `doc`, a line each: rows, caption and the columns found.
fn write_tables(out: &mut String, doc: &Document) {
    for t in &doc.tables {
        let c = t.columns;
        let columns: Vec<String> = [
            ("metal", c.metal),
            ("facility", c.name),
            ("country", c.country),
            ("status", c.status),
            ("id", c.cid),
        ]
        .iter()
        .filter_map(|(what, column)| column.map(|i| format!("{what} {}", i + 1)))
        .collect();
        let caption = t.caption.map_or_else(
            || "no caption".to_owned(),
            |r| format!("caption {:?}", doc.slice(r)),
        );
        let _ = writeln!(
            out,
            "  smelter table: {} rows, {caption}, columns: {}",
            t.rows.len(),
            columns.join(", ")
        );
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        s.chars().take(n).chain(['…']).collect()
    } else {
        s.to_owned()
    }
}
