//! sdlint checks SEC Form SD filings and Conflict Minerals Reports.
//!
//! The pipeline runs one way: [`input`] reads a file and decodes it, [`normalize`] removes markup
//! and keeps a map back to the original, [`parse`] classifies lines with the pest grammar and
//! builds a [`parse::Document`] of scopes and fields, [`engine`] runs the compiled
//! [`rules::RuleSet`] over it, [`diagnostic`] maps findings back to lines and columns of the
//! original, and [`render`] prints them in the format asked for.
//!
//! The modules import one way too: each uses only those before it in the pipeline, with
//! [`span`], [`patterns`], [`data`], [`files`], [`error`], [`date`] and [`names`] below everything
//! (`tests/layers.rs` holds the order and fails on an import that runs back up).

#![warn(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

pub mod baseline;
pub mod calendar;
pub mod config;
pub mod data;
pub mod date;
pub mod diagnostic;
pub mod docs;
pub mod engine;
pub mod error;
pub mod files;
pub mod filing;
pub mod input;
pub mod names;
pub mod normalize;
pub mod parse;
pub mod patterns;
pub mod render;
pub mod report;
pub mod rules;
pub mod sourcemap;
pub mod span;
pub mod suppress;

pub use diagnostic::Diagnostic;
pub use error::{Error, Result};
pub use input::{Format, SourceFile};
pub use parse::{Document, DocumentKind};
pub use report::Report;
pub use rules::{RuleSet, Severity};

/// Parses a decoded file into the document rules see.
pub fn parse_source(file: &SourceFile) -> (Document, normalize::SourceMap) {
    let normalized = normalize::normalize(&file.text);
    let columns = parse::SourceColumns {
        source: &file.text,
        map: &normalized.map,
    };
    (parse::parse_with(normalized.text, &columns), normalized.map)
}

/// Lints one decoded file with the rules `enabled` selects.
pub fn lint(file: SourceFile, rules: &RuleSet, enabled: &[bool]) -> Report {
    lint_with(
        file,
        rules,
        enabled,
        &rules::Settings::default(),
        suppress::Policy::default(),
    )
}

/// Lints one decoded file, as a filing by itself, with the rules `enabled` selects and the
/// given settings, then applies its `sdlint-disable` comments as `suppressions` says.
pub fn lint_with(
    file: SourceFile,
    rules: &RuleSet,
    enabled: &[bool],
    settings: &rules::Settings,
    suppressions: suppress::Policy,
) -> Report {
    let prepared = filing::Prepared::new(file);
    let mut reports = filing::lint(
        vec![prepared],
        false,
        rules,
        &[enabled.to_vec()],
        settings,
        suppressions,
    );
    // One document in, one report out.
    reports.swap_remove(0)
}
