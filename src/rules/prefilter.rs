//! One scan of a document for the literals of every rule pattern, before any pattern runs.
//!
//! Most rule patterns look for an item in a large scope (the whole report) and most items are
//! either absent (nothing to find, so a pattern would read the whole scope) or present once.
//! Running ~300 patterns one after the other over the same text reads it ~300 times. Instead,
//! each pattern is reduced to literals that any match must contain — the words it starts with
//! when they can be known ("due diligence", "rule 13p"), else the longest words every match
//! contains — and one Aho-Corasick pass over the document finds every occurrence of every
//! literal. A pattern then runs only where one of its literals occurs in the range asked about,
//! starting at the first one when the literals are where a match starts.
//!
//! The literals are a necessary condition, never a sufficient one: every answer is confirmed by
//! the pattern itself, so findings are exactly those of running every pattern everywhere (a test
//! in `tests/properties.rs` compares the two). A pattern whose literals cannot be worked out
//! (it starts with `\d` and holds no word, say) simply always runs.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use crate::span::TextRange;

/// Literals shorter than this are too common to rule anything out.
const MIN_LITERAL: usize = 3;
/// A pattern with more literals than this is not worth the automaton states.
const MAX_LITERALS: usize = 64;
/// Up to this many literals in all, the automaton is a DFA.
const MAX_DFA_LITERALS: usize = 2_000;

/// The patterns of a rule set, each interned once (identical patterns share an entry).
#[derive(Debug, Default)]
pub struct PatternTable {
    sources: Vec<String>,
    ids: HashMap<String, u32>,
}

impl PatternTable {
    /// The id of `source`, added if new.
    pub fn intern(&mut self, source: &str) -> u32 {
        if let Some(&id) = self.ids.get(source) {
            return id;
        }
        let id = u32::try_from(self.sources.len()).unwrap_or(u32::MAX);
        self.sources.push(source.to_owned());
        self.ids.insert(source.to_owned(), id);
        id
    }

    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

/// What a pattern's matches must contain.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Needle {
    /// Every match starts with one of these literals (indexes into the automaton's literals).
    Start(Vec<u32>),
    /// Every match contains one of these literals.
    Within(Vec<u32>),
    /// Nothing is known: the pattern always runs.
    Any,
}

/// The literals of every pattern of a rule set, and the automaton that finds them.
#[derive(Debug)]
pub struct Prefilter {
    /// By pattern id.
    needles: Vec<Needle>,
    /// Length of each literal, by literal index.
    lengths: Vec<u32>,
    /// `None` when no pattern has literals.
    automaton: Option<AhoCorasick>,
}

impl Prefilter {
    pub fn new(table: &PatternTable) -> Self {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut index: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut intern = |literal: Vec<u8>| -> u32 {
            *index.entry(literal.clone()).or_insert_with(|| {
                literals.push(literal);
                u32::try_from(literals.len() - 1).unwrap_or(u32::MAX)
            })
        };
        let needles = table
            .sources
            .iter()
            .map(|source| match literals_of(source) {
                Some((true, lits)) => Needle::Start(lits.into_iter().map(&mut intern).collect()),
                Some((false, lits)) => Needle::Within(lits.into_iter().map(&mut intern).collect()),
                None => Needle::Any,
            })
            .collect();
        let lengths = literals
            .iter()
            .map(|l| u32::try_from(l.len()).unwrap_or(u32::MAX))
            .collect();
        let automaton = (!literals.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    // The built-in rules have a few hundred short literals: their DFA is
                    // small and scans several times faster than the NFA. Thousands (a very
                    // large user pack) are left to the builder's choice.
                    .kind((literals.len() <= MAX_DFA_LITERALS).then_some(AhoCorasickKind::DFA))
                    .build(&literals)
                    .ok()
            })
            .flatten();
        let needles = match automaton {
            Some(_) => needles,
            // Could not be built (too large): every pattern runs.
            None => vec![Needle::Any; table.len()],
        };
        Self {
            needles,
            lengths,
            automaton,
        }
    }

    /// Finds every literal in `text`.
    pub fn scan(&self, text: &str) -> Scan<'_> {
        // Positions are kept as u32 (inputs are limited to 1 GiB); a longer text, or no
        // automaton, rules nothing out.
        let (Some(automaton), Ok(_)) = (&self.automaton, u32::try_from(text.len())) else {
            return Scan::everything(self);
        };
        let mut found: Vec<(u32, u32)> = Vec::new();
        for m in automaton.find_overlapping_iter(text.as_bytes()) {
            // Fits: the text's length does.
            found.push((m.pattern().as_u32(), m.start() as u32));
        }
        // Group the positions by literal (a counting sort; positions stay in order).
        let mut offsets = vec![0u32; self.lengths.len() + 1];
        for &(literal, _) in &found {
            offsets[literal as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut next = offsets.clone();
        let mut positions = vec![0u32; found.len()];
        for (literal, at) in found {
            let slot = &mut next[literal as usize];
            positions[*slot as usize] = at;
            *slot += 1;
        }
        Scan {
            prefilter: self,
            offsets,
            positions,
            text_len: text.len(),
        }
    }
}

/// Where the literals of a rule set occur in one document.
#[derive(Debug)]
pub struct Scan<'a> {
    prefilter: &'a Prefilter,
    /// `positions[offsets[l]..offsets[l + 1]]` are the starts of literal `l`, in order.
    offsets: Vec<u32>,
    positions: Vec<u32>,
    text_len: usize,
}

impl Scan<'_> {
    /// A scan that rules nothing out (every pattern runs everywhere): for text that was not
    /// scanned.
    pub fn everything(prefilter: &Prefilter) -> Scan<'_> {
        Scan {
            prefilter,
            offsets: Vec::new(),
            positions: Vec::new(),
            text_len: 0,
        }
    }

    /// Where in `range` a match of pattern `id` can start first: `None` when no match can lie
    /// within `range`, else an offset at or after `range.start()` before which none starts.
    pub fn start(&self, id: Option<u32>, range: TextRange) -> Option<usize> {
        let needle = id.and_then(|id| self.prefilter.needles.get(id as usize));
        let (literals, at_start) = match needle {
            Some(Needle::Start(literals)) => (literals, true),
            Some(Needle::Within(literals)) => (literals, false),
            Some(Needle::Any) | None => return Some(range.start()),
        };
        if self.offsets.is_empty() || range.end() > self.text_len {
            return Some(range.start());
        }
        let first = literals
            .iter()
            .filter_map(|&literal| self.first_in(literal, range))
            .min()?;
        Some(if at_start { first } else { range.start() })
    }

    /// Whether every match of pattern `id` starts at one of its literals, so that
    /// [`starts`](Self::starts) lists the only places to try it.
    pub fn starts_known(&self, id: Option<u32>) -> bool {
        let needle = id.and_then(|id| self.prefilter.needles.get(id as usize));
        matches!(needle, Some(Needle::Start(_)))
    }

    /// Every place in `range` where a match of pattern `id` can start, in order, when those
    /// are known ([`starts_known`](Self::starts_known)); `None` when they are not. Read
    /// lazily: a search that stops at its first match does not list the rest.
    pub fn starts(&self, id: Option<u32>, range: TextRange) -> Option<Starts<'_>> {
        let needle = id.and_then(|id| self.prefilter.needles.get(id as usize));
        let Some(Needle::Start(literals)) = needle else {
            return None;
        };
        if self.offsets.is_empty() || range.end() > self.text_len {
            return None;
        }
        let lists = literals
            .iter()
            .map(|&literal| {
                let l = literal as usize;
                let all = &self.positions[self.offsets[l] as usize..self.offsets[l + 1] as usize];
                let len = self.prefilter.lengths[l] as usize;
                // Occurrences wholly inside the range (positions are in order).
                let from = all.partition_point(|&p| (p as usize) < range.start());
                let to = all.partition_point(|&p| p as usize + len <= range.end());
                &all[from..to.max(from)]
            })
            .filter(|list| !list.is_empty())
            .collect();
        Some(Starts { lists, last: None })
    }

    /// The first occurrence of `literal` that lies wholly within `range`.
    fn first_in(&self, literal: u32, range: TextRange) -> Option<usize> {
        let l = literal as usize;
        let all = &self.positions[self.offsets[l] as usize..self.offsets[l + 1] as usize];
        let len = self.prefilter.lengths[l] as usize;
        let i = all.partition_point(|&p| (p as usize) < range.start());
        let at = *all.get(i)? as usize;
        (at + len <= range.end()).then_some(at)
    }
}

/// The places where a pattern's matches can start, in order and once each: the occurrences of
/// its literals, merged as they are read.
#[derive(Debug)]
pub struct Starts<'a> {
    /// Each literal's occurrences not read yet.
    lists: Vec<&'a [u32]>,
    last: Option<u32>,
}

impl Starts<'_> {
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }
}

impl Iterator for Starts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            let (i, at) = self
                .lists
                .iter()
                .enumerate()
                .filter_map(|(i, list)| Some((i, *list.first()?)))
                .min_by_key(|&(_, at)| at)?;
            self.lists[i] = &self.lists[i][1..];
            if self.lists[i].is_empty() {
                self.lists.swap_remove(i);
            }
            // Two literals can occur at one place ("rule" and "rules" are tidied away, but
            // "13p" and "13p-1" from different branches are not).
            if self.last != Some(at) {
                self.last = Some(at);
                return Some(at as usize);
            }
        }
    }
}

/// The literals every match of `source` contains: `(true, _)` when every match starts with one
/// of them, `(false, _)` when every match merely contains one. Lower case, since the rule
/// patterns are case-insensitive and the automaton ignores ASCII case.
fn literals_of(source: &str) -> Option<(bool, Vec<Vec<u8>>)> {
    // Case-sensitive on purpose: `rule` stays one literal instead of sixteen case variants; the
    // automaton folds ASCII case. (Rule patterns are ASCII-case-insensitive only.)
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .multi_line(true)
        .unicode(false)
        .utf8(false)
        .build()
        .parse(source)
        .ok()?;
    if let Some(prefixes) = prefixes(&hir) {
        return Some((true, prefixes));
    }
    required(&hir).map(|lits| (false, tidy(lits)))
}

/// The literals every match starts with, cut at their first white space (the pattern's `\s`
/// would otherwise multiply them), or `None` when they are unknown or too short.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(4)
        .limit_repeat(4)
        .limit_literal_len(24)
        .limit_total(128);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    let cut: Vec<Vec<u8>> = literals
        .iter()
        .map(|l| {
            let bytes = l.as_bytes();
            let end = bytes
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap_or(bytes.len());
            bytes[..end].to_vec()
        })
        .collect();
    let cut = tidy(cut);
    let usable =
        !cut.is_empty() && cut.len() <= MAX_LITERALS && cut.iter().all(|l| l.len() >= MIN_LITERAL);
    usable.then_some(cut)
}

/// Literals one of which every match of `hir` contains, or `None` when there are none worth
/// looking for.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let found = match hir.kind() {
        HirKind::Literal(literal) => {
            let bytes = literal.0.to_vec();
            (bytes.len() >= MIN_LITERAL).then(|| vec![bytes])
        }
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub),
        // The best of the parts: the one whose shortest literal is longest.
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(required)
            .max_by_key(|lits| (shortest(lits), std::cmp::Reverse(lits.len()))),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            Some(all)
        }
        _ => None,
    }?;
    (found.len() <= MAX_LITERALS).then_some(found)
}

fn shortest(literals: &[Vec<u8>]) -> usize {
    literals.iter().map(Vec::len).min().unwrap_or(0)
}

/// Lower-cased, without duplicates, and without literals that another one starts (an
/// occurrence of "rules" is an occurrence of "rule").
fn tidy(literals: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let mut lower: Vec<Vec<u8>> = literals
        .into_iter()
        .map(|l| l.to_ascii_lowercase())
        .collect();
    lower.sort();
    lower.dedup();
    let mut kept: Vec<Vec<u8>> = Vec::with_capacity(lower.len());
    for literal in lower {
        // Sorted, so a literal's prefixes come before it; the last kept one is the only
        // candidate (any shorter kept prefix would also be its prefix).
        if kept.last().is_some_and(|k| literal.starts_with(k)) {
            continue;
        }
        kept.push(literal);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(source: &str) -> Option<(bool, Vec<String>)> {
        literals_of(source).map(|(start, lits)| {
            (
                start,
                lits.into_iter()
                    .map(|l| String::from_utf8(l).unwrap())
                    .collect(),
            )
        })
    }

    #[test]
    fn starts_are_cut_at_white_space_and_lowered() {
        assert_eq!(lits(r"Rule\s+13p-1"), Some((true, vec!["rule".into()])));
        assert_eq!(
            lits(r"\b(?:due|reasonable)\s+diligence"),
            Some((true, vec!["due".into(), "reasonable".into()]))
        );
        assert_eq!(lits(r"conflicts?\b"), Some((true, vec!["conflict".into()])));
    }

    #[test]
    fn otherwise_the_longest_words_every_match_holds() {
        assert_eq!(
            lits(r"^[ \t]*item\s+1\.01"),
            Some((false, vec!["1.01".into()]))
        );
        assert_eq!(
            lits(r"\d{4}\s+(?:smelter|refiner)s?"),
            Some((false, vec!["refiner".into(), "smelter".into()]))
        );
        assert_eq!(lits(r"\d+\s*%"), None);
        assert_eq!(lits(r"a|bc"), None);
    }

    #[test]
    fn a_scan_rules_out_only_ranges_without_the_literals() {
        let mut table = PatternTable::default();
        let rule = table.intern(r"rule\s+13p-1");
        let item = table.intern(r"^[ \t]*item\s+1\.01");
        let digits = table.intern(r"\d+\s*%");
        let prefilter = Prefilter::new(&table);
        let text = "Intro.\nUnder RULE 13p-1 we file.\n  Item 1.01 here\n";
        let scan = prefilter.scan(text);
        let all = TextRange::new(0, text.len());
        assert_eq!(scan.start(Some(rule), all), Some(13));
        assert_eq!(scan.start(Some(rule), TextRange::new(0, 16)), None);
        assert_eq!(scan.start(Some(item), all), Some(0));
        assert_eq!(scan.start(Some(item), TextRange::new(0, 40)), None);
        assert_eq!(scan.start(Some(digits), TextRange::new(3, 5)), Some(3));
        assert_eq!(scan.start(None, TextRange::new(3, 5)), Some(3));
    }
}
