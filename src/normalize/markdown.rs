//! Markdown that a renderer does not show as text where it is written: front matter (YAML
//! between `---` lines, TOML between `+++` lines) at the top of the file, link reference
//! definitions (`[site]: https://...`), the labels of reference-style links (`[our
//! website][site]`, shown as "our website" linking to the address) and footnote markers
//! (`[^1]`).

use std::collections::HashMap;

/// The most lines front matter may have.
const FRONT_MATTER_MAX_LINES: usize = 200;

/// How far a link's label or a footnote marker may reach on its line.
const LABEL_MAX_LEN: usize = 200;

/// The end of the front matter at the start of `src` (after its closing fence's line), if it
/// starts with some: a `---` (or `+++`) line, lines of `key: value` (or `key = value`) and
/// their indented continuations, and the closing fence (`---` or `...`; `+++`).
pub(super) fn front_matter_end(src: &str) -> Option<usize> {
    let fence = ["---", "+++"]
        .into_iter()
        .find(|f| first_line(src, 0).trim_end_matches('\r') == *f)?;
    let mut at = src.find('\n')? + 1;
    let mut keys = 0;
    for _ in 0..FRONT_MATTER_MAX_LINES {
        let end = src[at..].find('\n').map_or(src.len(), |p| at + p);
        let line = src[at..end].trim_end_matches('\r');
        if line == fence || (fence == "---" && line == "...") {
            return (keys > 0).then(|| (end + 1).min(src.len()));
        }
        let continued = keys > 0 && (line.starts_with([' ', '\t', '-']) || line.is_empty());
        if is_key(line, fence) {
            keys += 1;
        } else if !continued {
            return None;
        }
        if end >= src.len() {
            return None;
        }
        at = end + 1;
    }
    None
}

/// The line of `src` that starts at `at`, without its line break.
fn first_line(src: &str, at: usize) -> &str {
    let rest = &src[at..];
    &rest[..rest.find('\n').unwrap_or(rest.len())]
}

/// A front matter key: `title: ...` in YAML, `title = ...` in TOML.
fn is_key(line: &str, fence: &str) -> bool {
    let separator = if fence == "+++" { '=' } else { ':' };
    let Some((key, _)) = line.split_once(separator) else {
        return false;
    };
    let key = key.trim_end();
    !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '"')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '"'))
}

/// The link reference definitions of `src`, by label (folded as [`label_key`] folds them), with
/// their addresses; footnote definitions under `^label` with an empty address.
pub(super) fn definitions(src: &str) -> HashMap<String, &str> {
    let mut found = HashMap::new();
    let mut at = 0;
    while at < src.len() {
        if let Some(d) = definition(src, at) {
            found.entry(d.label).or_insert(d.url);
        }
        at += first_line(src, at).len() + 1;
    }
    found
}

/// A definition starting at `at`.
struct Definition<'a> {
    /// Folded; `^label` for a footnote.
    label: String,
    /// Empty for a footnote.
    url: &'a str,
    /// Where the `[label]:` marker and the spaces after it end.
    marker_end: usize,
    /// Where the definition ends: its address, and its title when it has one (which may each
    /// stand on a line of their own).
    end: usize,
}

/// The definition on the line starting at `at`: `[label]: address "title"` (three spaces of
/// indentation at most, the address and the title possibly on the next lines) or `[^label]:
/// text`.
fn definition(src: &str, at: usize) -> Option<Definition<'_>> {
    let line = first_line(src, at);
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return None;
    }
    let inner = body.strip_prefix('[')?;
    let close = inner[..floor(inner, inner.len().min(LABEL_MAX_LEN))].find("]:")?;
    let label = &inner[..close];
    if label.trim().is_empty() || label.contains(['[', ']']) {
        return None;
    }
    let marker = at + (line.len() - body.len()) + 1 + close + 2;
    let marker_end =
        marker + (src[marker..].len() - src[marker..].trim_start_matches([' ', '\t']).len());
    let line_end = at + line.trim_end_matches('\r').len();
    if let Some(footnote) = label.strip_prefix('^') {
        return Some(Definition {
            label: format!("^{}", label_key(footnote)),
            url: "",
            marker_end,
            end: line_end,
        });
    }
    // The address: on the line, or alone on the next one.
    let (url_at, mut end) = if marker_end < line_end {
        (marker_end, line_end)
    } else {
        let next = line_end + 1;
        let next_line = first_line(src, next.min(src.len()));
        if next >= src.len() || next_line.trim().is_empty() {
            return None;
        }
        let start = next + (next_line.len() - next_line.trim_start().len());
        (start, next + next_line.trim_end_matches('\r').len())
    };
    let token = src[url_at..end].split_whitespace().next()?;
    let url = token.trim_start_matches('<').trim_end_matches('>');
    let url_start = url_at + (token.len() - token.trim_start_matches('<').len());
    // A title alone on the line after the address.
    let after = end + 1;
    if after < src.len() && src[url_at..end].trim() == token {
        let title = first_line(src, after).trim();
        let quoted = title.len() >= 2
            && matches!(
                (title.chars().next(), title.chars().last()),
                (Some('"'), Some('"')) | (Some('\''), Some('\'')) | (Some('('), Some(')'))
            );
        if quoted {
            end = after + first_line(src, after).trim_end_matches('\r').len();
        }
    }
    Some(Definition {
        label: label_key(label),
        url: &src[url_start..url_start + url.len()],
        marker_end,
        end,
    })
}

/// A definition starting at `at`: where its `[label]:` marker (with the spaces after it) ends,
/// and where the definition ends.
pub(super) fn definition_at(src: &str, at: usize) -> Option<(usize, usize)> {
    let d = definition(src, at)?;
    Some((d.marker_end, d.end))
}

/// A label as definitions and links are matched: lower case, runs of white space as one space.
fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A footnote marker `[^label]` at `open` whose footnote is defined: where it ends.
pub(super) fn footnote_reference(
    src: &str,
    open: usize,
    definitions: &HashMap<String, &str>,
) -> Option<usize> {
    let rest = first_line(src, open).strip_prefix("[^")?;
    let close = rest[..rest.len().min(LABEL_MAX_LEN)].find(']')?;
    let key = format!("^{}", label_key(&rest[..close]));
    // Not the definition itself (`[^1]: text`, handled at the start of its line).
    let definition = rest[close + 1..].starts_with(':');
    (definitions.contains_key(&key) && !definition).then_some(open + 2 + close + 1)
}

/// A reference-style link at `open` whose label is defined: `[text][label]`, `[text][]` or
/// `[text]`. Returns where its `]` is, where the link ends, and the address, which is read after
/// the text as an inline link's is.
pub(super) fn reference_link<'a>(
    src: &str,
    open: usize,
    definitions: &HashMap<String, &'a str>,
) -> Option<(usize, usize, &'a str)> {
    // The text may be wrapped onto the next line, never past a blank one.
    let rest = &src[open..floor(src, (open + LABEL_MAX_LEN * 2).min(src.len()))];
    let line = &rest[..rest.find("\n\n").unwrap_or(rest.len())];
    let close = line.find(']')?;
    let text = &line[1..close];
    if text.is_empty() || text.contains('[') || text.starts_with('^') {
        return None;
    }
    let after = &line[close + 1..];
    let (label, end) = match after.strip_prefix('[') {
        Some(rest) => {
            let close2 = rest.find(']').filter(|&c| !rest[..c].contains('\n'))?;
            let label = &rest[..close2];
            let label = if label.is_empty() { text } else { label };
            (label, close + 2 + close2 + 1)
        }
        None if after.starts_with(['(', ':']) => return None,
        None => (text, close + 1),
    };
    let url = definitions
        .get(&label_key(label))
        .filter(|u| !u.is_empty())?;
    Some((open + close, open + end, url))
}

/// Where `part`, a slice of `src`, starts in it.
pub(super) fn offset_in(src: &str, part: &str) -> usize {
    part.as_ptr() as usize - src.as_ptr() as usize
}

/// `at`, moved back to the start of the character it falls in.
fn floor(text: &str, at: usize) -> usize {
    crate::span::floor_char_boundary(text, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_keys_between_fences() {
        let yaml = "---\ntitle: \"Form SD\"\nauthors:\n  - Legal\n---\n# FORM SD\n";
        assert_eq!(front_matter_end(yaml), Some(yaml.find("# FORM").unwrap()));
        let toml = "+++\ntitle = \"Form SD\"\n+++\nText\n";
        assert_eq!(front_matter_end(toml), Some(toml.find("Text").unwrap()));
        // A rule under the title, or a heading between rules, is not front matter.
        assert_eq!(front_matter_end("---\n## FORM SD\n---\n"), None);
        assert_eq!(front_matter_end("---\n\n---\n"), None);
        assert_eq!(front_matter_end("---\ntitle: x\n"), None);
    }

    #[test]
    fn reference_links_and_footnotes_are_read_by_their_definitions() {
        let src = "See [our website][site] and [Site].[^1]\n\n[site]: <https://a.example/cmr> \"CMR\"\n[^1]: Not part of the report.\n";
        let defs = definitions(src);
        assert_eq!(defs["site"], "https://a.example/cmr");
        let open = src.find("[our").unwrap();
        let (close, end, url) = reference_link(src, open, &defs).unwrap();
        assert_eq!(&src[close..end], "][site]");
        assert_eq!(url, "https://a.example/cmr");
        let shortcut = src.find("[Site]").unwrap();
        assert_eq!(
            reference_link(src, shortcut, &defs).unwrap().1,
            shortcut + 6
        );
        let marker = src.find("[^1]").unwrap();
        assert_eq!(footnote_reference(src, marker, &defs), Some(marker + 4));
        assert!(reference_link("[X] Rule 13p-1", 0, &defs).is_none());
        let wrapped = "on [our\nwebsite][site].\n\n[site]: https://a.example/cmr\n";
        let (close, _, _) = reference_link(wrapped, 3, &definitions(wrapped)).unwrap();
        assert_eq!(&wrapped[close..close + 1], "]");
        assert_eq!(offset_in(src, defs["site"]), src.find("https").unwrap());
        let def = src.find("[site]:").unwrap();
        let (marker_end, line_end) = definition_at(src, def).unwrap();
        assert_eq!(
            &src[marker_end..line_end],
            "<https://a.example/cmr> \"CMR\""
        );
    }
}
