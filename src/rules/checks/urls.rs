//! `url-format`: web addresses in Item 1.01 and the CMR are whole: not broken by a space, and
//! in Item 1.01 a path to the disclosure page rather than the bare home page.
//!
//! ```toml
//! [rule.check]
//! kind = "url-format"
//! label = { split = "a space splits this address", home = "home page only" }
//! phrases.problem = { split = "is broken by a space", home = "is the home page" }
//! ```

use super::Context;
use super::kind::{Check, Kind, Run};
use crate::parse::Scope;
use crate::rules::Finding;
use crate::span::TextRange;

/// The `url-format` kind.
pub const URL_FORMAT: Kind = Kind {
    name: "url-format",
    fields: &["label", "phrases"],
    placeholders: &["problem", "url"],
    table: None,
    compile: |src| {
        let [split, home] = src.labels(["split", "home"])?;
        let url: &[&str] = &["url"];
        let problems = src.phrases(
            "a `url-format` check",
            "problem",
            [("split", url), ("home", url)],
        )?;
        Ok(Check::new(UrlFormat {
            split,
            home,
            problems,
        }))
    },
};

/// A compiled `url-format` check, with its `label` table: `split` (at an address a space breaks) and
/// `home` (at a bare domain); the message's `{problem}` is the phrase of the same name, which may
/// use `{url}`.
#[derive(Debug)]
struct UrlFormat {
    split: String,
    home: String,
    /// The words of `{problem}` for each: `split` and `home`.
    problems: [String; 2],
}

impl Run for UrlFormat {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        url_format(self, cx, out);
    }
}

fn url_format(check: &UrlFormat, cx: &Context<'_>, out: &mut Vec<Finding>) {
    // As it reads: an address broken by a space reads the same whether or not the line wraps
    // at that space.
    let text = cx.doc.reading.as_str();
    for url in &cx.doc.fields.urls {
        if !matches!(url.scope, Scope::Item101 | Scope::Cmr) {
            continue;
        }
        let address = cx.doc.slice(url.range);
        let split = continuation_after(text, url.range)
            .filter(|_| !wrapped_at_hyphen(&cx.doc.text, url.range));
        if let Some(continuation) = split {
            let whole = TextRange::new(url.range.start(), continuation.end());
            let address = [("url", address.to_owned())];
            let problem = super::fill(&check.problems[0], &address);
            let values = [address[0].clone(), ("problem", problem)];
            out.push(cx.labelled(whole, &check.split, &values));
        } else if url.scope == Scope::Item101 && is_bare_domain(address) {
            let address = [("url", address.to_owned())];
            let problem = super::fill(&check.problems[1], &address);
            let values = [address[0].clone(), ("problem", problem)];
            out.push(cx.labelled(url.range, &check.home, &values));
        }
    }
}

/// Whether an address has no path beyond the host: "www.example.com", "https://example.com/".
fn is_bare_domain(address: &str) -> bool {
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    rest.trim_end_matches('/')
        .split('/')
        .nth(1)
        .is_none_or(str::is_empty)
        && !rest.contains('?')
}

/// Whether an address stops at a hyphen that ends its line as written, the next line going on
/// with address characters ("…/conflict-" / "minerals-2023.pdf"): hard-wrapped text breaks
/// after a hyphen as it does between words, and a person reads the two halves as one address.
/// A space before the line break, or typed in the address on one line, is a break.
fn wrapped_at_hyphen(written: &str, url: TextRange) -> bool {
    let address = &written[url.as_range()];
    let next_line = written[url.end()..].strip_prefix('\n');
    address.ends_with('-')
        && next_line.is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_alphanumeric() || "-._~/%?=&#+".contains(c))
        })
}

/// What continues an address after a break: the next word after a space, or the next line
/// when the address stops at a "/" or "-" (unfinished). A continuation holds URL-encoding or
/// path pieces and is not itself an address (a markdown link's target after its text); a few
/// plain words that end in a file name also count ("/Conflict Minerals Report 2023.pdf").
fn continuation_after(text: &str, url: TextRange) -> Option<TextRange> {
    let address = &text[url.as_range()];
    let after = &text[url.end()..];
    let unfinished = address.ends_with(['/', '-']);
    let rest = match after.strip_prefix(' ') {
        Some(rest) => rest,
        None if unfinished => after.strip_prefix('\n')?,
        None => return None,
    };
    let start = url.end() + 1;
    let mut end = start;
    for (index, word) in rest.split(' ').take(4).enumerate() {
        let word = word.split('\n').next().unwrap_or_default();
        let lower = word.to_ascii_lowercase();
        if word.is_empty() || lower.starts_with("http") || lower.starts_with("www.") {
            return None;
        }
        end += word.len() + usize::from(index > 0);
        let path_piece = word.contains("%20") || (word.contains('/') && !word.contains("//"));
        let file_name = [".pdf", ".htm", ".html", ".aspx", ".php"]
            .iter()
            .any(|ext| lower.trim_end_matches(['.', ',', ';']).ends_with(ext))
            || lower.contains("?ver=");
        if path_piece || file_name || (unfinished && index == 0) {
            return Some(TextRange::new(start, end));
        }
        if word.ends_with(['.', ',', ';', ':']) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_domains_and_split_addresses() {
        assert!(is_bare_domain("www.example.com"));
        assert!(is_bare_domain("https://example.com/"));
        assert!(!is_bare_domain("http://ir.example.com/governance.cfm"));
        let text = "at https://x.example/2020/For m%20SD.pdf?ver=1 today";
        let url = TextRange::new(3, 3 + "https://x.example/2020/For".len());
        assert_eq!(
            continuation_after(text, url).map(|r| &text[r.as_range()]),
            Some("m%20SD.pdf?ver=1")
        );
        let link = "at https://x.example/a.html https://x.example/a.html";
        assert!(continuation_after(link, TextRange::new(3, 28)).is_none());
        let spaced = "see https://x.example/files/Conflict Minerals Report 2023.pdf now";
        let url = TextRange::new(4, 4 + "https://x.example/files/Conflict".len());
        assert_eq!(
            continuation_after(spaced, url).map(|r| &spaced[r.as_range()]),
            Some("Minerals Report 2023.pdf")
        );
        let wrapped = "at https://x.example/gov/\nconflict-minerals.pdf";
        let url = TextRange::new(3, 3 + "https://x.example/gov/".len());
        assert!(continuation_after(wrapped, url).is_some());
        let sentence = "at https://x.example/cm and more";
        assert!(continuation_after(sentence, TextRange::new(3, 23)).is_none());
    }

    #[test]
    fn a_line_break_after_a_hyphen_joins_the_address() {
        let url = TextRange::new(3, 3 + "https://x.example/conflict-".len());
        assert!(wrapped_at_hyphen("at https://x.example/conflict-\nminerals.", url));
        // A space typed before the line break, or in the line, breaks the address.
        assert!(!wrapped_at_hyphen("at https://x.example/conflict- \nminerals.", url));
        assert!(!wrapped_at_hyphen("at https://x.example/conflict- minerals.", url));
        // The next line does not go on with the address.
        assert!(!wrapped_at_hyphen("at https://x.example/conflict-\n(see below)", url));
        // A wrap after "/" is not a hyphen's.
        let url = TextRange::new(3, 3 + "https://x.example/gov/".len());
        assert!(!wrapped_at_hyphen("at https://x.example/gov/\nconflict.pdf", url));
    }
}
