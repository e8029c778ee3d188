//! Throughput over the corpus: `cargo bench --bench corpus`.
//!
//! Lints every filing in ../shared/corpus/seeds (and the project's own fixtures) repeatedly,
//! single-threaded and on every core, and prints MB/s and files/s, plus the time to compile the
//! built-in rules (sdlint's start-up cost). Prints times; asserts none.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sdlint::{RuleSet, input};

const MEASURE_FOR: Duration = Duration::from_secs(3);

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md")
            && path.file_name().is_some_and(|n| n != "README.md")
        {
            out.push(path);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files_under(&root.join("../shared/corpus"), &mut paths);
    let corpus_files = paths.len();
    files_under(&root.join("tests/fixtures"), &mut paths);
    paths.sort();
    let files: Vec<_> = paths
        .iter()
        .filter_map(|p| input::read_path(p).ok())
        .collect();
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    println!(
        "{} files ({corpus_files} from the corpus), {:.1} KB",
        files.len(),
        bytes as f64 / 1e3
    );

    let start = Instant::now();
    let mut compiles = 0;
    while start.elapsed() < Duration::from_secs(1) {
        std::hint::black_box(RuleSet::builtin().expect("built-in rules compile"));
        compiles += 1;
    }
    println!(
        "rule compilation: {:.2} ms",
        start.elapsed().as_secs_f64() * 1e3 / f64::from(compiles)
    );

    // Each phase alone, single-threaded, to show where the time goes.
    let per_file = |work: &dyn Fn(&sdlint::SourceFile)| {
        let start = Instant::now();
        let mut rounds = 0u32;
        while start.elapsed() < Duration::from_secs(1) {
            files.iter().for_each(work);
            rounds += 1;
        }
        start.elapsed().as_secs_f64() * 1e6 / (files.len() as f64 * f64::from(rounds))
    };
    let normalize = per_file(&|f| {
        std::hint::black_box(sdlint::normalize::normalize(&f.text));
    });
    let parse = per_file(&|f| {
        std::hint::black_box(sdlint::parse_source(f));
    });
    println!(
        "phases   : normalize {normalize:.0} µs, + parse {:.0} µs per file",
        parse - normalize
    );

    let rules = RuleSet::builtin().expect("built-in rules compile");
    let enabled = vec![true; rules.rules.len()];
    let lint_all = |parallel: bool| {
        let run = |file: &sdlint::SourceFile| {
            std::hint::black_box(
                sdlint::lint(file.clone(), &rules, &enabled)
                    .diagnostics
                    .len(),
            )
        };
        if parallel {
            files.par_iter().map(run).sum::<usize>()
        } else {
            files.iter().map(run).sum::<usize>()
        }
    };
    for (label, parallel) in [("1 thread", false), ("all cores", true)] {
        lint_all(parallel);
        let start = Instant::now();
        let mut rounds = 0u32;
        while start.elapsed() < MEASURE_FOR {
            lint_all(parallel);
            rounds += 1;
        }
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{label:9}: {:8.1} MB/s {:9.0} files/s ({:.0} µs per file, {rounds} rounds)",
            bytes as f64 * f64::from(rounds) / seconds / 1e6,
            files.len() as f64 * f64::from(rounds) / seconds,
            seconds * 1e6 / (files.len() as f64 * f64::from(rounds)),
        );
    }
}
