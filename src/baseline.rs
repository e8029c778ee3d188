//! Baselines: today's findings recorded, so that only new ones are reported.
//!
//! A team adopting sdlint on years of past filings records what it finds once
//! (`sdlint check --write-baseline sdlint-baseline.json`) and from then on runs with
//! `--baseline sdlint-baseline.json`, which reports only findings that are not in the file.
//!
//! A finding is recorded by its rule, its file (relative to the baseline's folder, so that the
//! baseline works from any working directory) and a fingerprint of the text it points at and
//! its message, not of its line: editing elsewhere in the file does not make it new. Identical
//! findings are counted, so a second copy of the same problem is still reported.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Report;
use crate::error::{Error, Result};

const VERSION: u32 = 1;

/// A baseline file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    version: u32,
    findings: Vec<Entry>,
}

/// One recorded finding (with how many identical ones there were).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
    /// The message when it was recorded, for whoever reads the file.
    message: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings left out because the baseline has them.
    pub known: usize,
    /// Recorded findings that no longer occur.
    pub fixed: usize,
}

type Key = (String, String, String);

impl Baseline {
    /// Records every diagnostic of `reports`; paths are written relative to `base` (the
    /// baseline file's folder).
    pub fn record(reports: &[Report], base: &Path) -> Self {
        let mut counts: BTreeMap<Key, (usize, String)> = BTreeMap::new();
        for report in reports {
            let path = relative_to(&report.path, base);
            for d in &report.diagnostics {
                let key = (path.clone(), d.rule.clone(), fingerprint(report, d));
                counts.entry(key).or_insert((0, d.message.clone())).0 += 1;
            }
        }
        Self {
            version: VERSION,
            findings: counts
                .into_iter()
                .map(|((path, rule, fingerprint), (count, message))| Entry {
                    path,
                    rule,
                    fingerprint,
                    message,
                    count,
                })
                .collect(),
        }
    }

    /// Reads the baseline at `path`.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes =
            crate::files::read_regular(path, crate::files::MAX_BASELINE_LEN).map_err(|source| {
                Error::Io {
                    path: path.to_owned(),
                    source,
                }
            })?;
        // Where the JSON went wrong, but none of its text: a file that is no baseline may hold
        // anything.
        let baseline: Self = serde_json::from_slice(&bytes).map_err(|err| Error::Input {
            path: path.to_owned(),
            message: format!(
                "not an sdlint baseline ({} at line {}, column {})",
                match err.classify() {
                    serde_json::error::Category::Io => "unreadable",
                    serde_json::error::Category::Syntax => "not JSON",
                    serde_json::error::Category::Data => "not the shape of a baseline",
                    serde_json::error::Category::Eof => "cut short",
                },
                err.line(),
                err.column()
            ),
        })?;
        if baseline.version != VERSION {
            return Err(Error::Input {
                path: path.to_owned(),
                message: format!(
                    "baseline version {} is not supported (this sdlint writes version {VERSION})",
                    baseline.version
                ),
            });
        }
        Ok(baseline)
    }

    /// Writes the baseline to `path`, pretty-printed and in a stable order, so that it diffs
    /// well in version control.
    pub fn write(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        std::fs::write(path, text).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
    }

    /// How many findings the baseline holds.
    pub fn len(&self) -> usize {
        self.findings.iter().map(|e| e.count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes from `reports` the diagnostics the baseline holds (as many of each as it
    /// recorded); `base` is the baseline file's folder.
    pub fn apply(&self, reports: &mut [Report], base: &Path) -> Applied {
        let mut left: BTreeMap<Key, usize> = BTreeMap::new();
        for e in &self.findings {
            *left
                .entry((e.path.clone(), e.rule.clone(), e.fingerprint.clone()))
                .or_default() += e.count;
        }
        let mut applied = Applied::default();
        for report in reports.iter_mut() {
            let path = relative_to(&report.path, base);
            let fingerprints: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| fingerprint(report, d))
                .collect();
            let mut keep = fingerprints.into_iter();
            report.diagnostics.retain(|d| {
                let fingerprint = keep.next().unwrap_or_default();
                let key = (path.clone(), d.rule.clone(), fingerprint);
                match left.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        applied.known += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        applied.fixed = left.values().sum();
        applied
    }
}

/// A fingerprint of a diagnostic that survives edits elsewhere in its file: the rule, its
/// message and the text it points at, with white space collapsed, hashed (FNV-1a, 64 bits:
/// stable across platforms and versions).
fn fingerprint(report: &Report, d: &crate::Diagnostic) -> String {
    let text = report
        .source
        .get(d.primary.range.as_range())
        .unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(d.rule.as_bytes());
    feed(&[0]);
    feed(d.message.as_bytes());
    feed(&[0]);
    for word in text.split_whitespace() {
        feed(word.as_bytes());
        feed(b" ");
    }
    format!("{hash:016x}")
}

/// `path` relative to `base` when both can be made absolute, written with `/`.
fn relative_to(path: &Path, base: &Path) -> String {
    if path.as_os_str() == "-" {
        return "-".to_owned();
    }
    let absolute = |p: &Path| std::path::absolute(p).map(|p| normalize(&p));
    let relative = match (absolute(path), absolute(base)) {
        (Ok(path), Ok(base)) => diff_paths(&path, &base).unwrap_or(path),
        _ => path.to_owned(),
    };
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` without `.` and with `..` resolved lexically.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The relative path from `base` to `path` (both absolute and normalised).
fn diff_paths(path: &Path, base: &Path) -> Option<PathBuf> {
    let path: Vec<Component<'_>> = path.components().collect();
    let base: Vec<Component<'_>> = base.components().collect();
    if path.first() != base.first() {
        return None;
    }
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for component in &path[common..] {
        out.push(component);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let base = std::env::temp_dir().join("project");
        assert_eq!(relative_to(&base.join("drafts/a.md"), &base), "drafts/a.md");
        assert_eq!(
            relative_to(&base.join("drafts/../b.md"), &base.join("ci")),
            "../b.md"
        );
        assert_eq!(relative_to(Path::new("-"), &base), "-");
    }
}
