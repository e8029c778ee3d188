//! A rule's Markdown documentation as plain text for a terminal: headings underlined, emphasis
//! and code marks taken off, paragraphs wrapped, code blocks indented.

/// The width paragraphs are wrapped to.
const WIDTH: usize = 88;

/// `markdown` (as [`super::rule`] writes it) as plain text.
pub fn render(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    let mut paragraph: Vec<&str> = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            flush(&mut out, &mut paragraph);
            end_list(&mut out);
            if in_code && !out.ends_with("\n\n") {
                out.push('\n');
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str(format!("    {line}").trim_end());
            out.push('\n');
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut out, &mut paragraph);
            continue;
        }
        if let Some(heading) = trimmed.strip_prefix("## ") {
            flush(&mut out, &mut paragraph);
            end_list(&mut out);
            let heading = inline(heading);
            let rule = "=".repeat(heading.chars().count());
            out.push_str(&format!("{heading}\n{rule}\n\n"));
            continue;
        }
        if trimmed.starts_with("- ") {
            flush(&mut out, &mut paragraph);
        }
        paragraph.push(trimmed);
    }
    flush(&mut out, &mut paragraph);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A blank line after a list, which has none between its items.
fn end_list(out: &mut String) {
    if out.ends_with('\n') && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Writes the paragraph gathered so far, wrapped, and a blank line after it.
fn flush(out: &mut String, paragraph: &mut Vec<&str>) {
    if paragraph.is_empty() {
        return;
    }
    let joined = paragraph.join(" ");
    paragraph.clear();
    if !joined.starts_with("- ") {
        end_list(out);
    }
    let (first, rest, text) = match joined.strip_prefix("- ") {
        Some(item) => ("  - ", "    ", inline(item)),
        None => match labelled(&joined) {
            Some((label, body)) => {
                out.push_str(&inline(label));
                out.push('\n');
                ("  ", "  ", inline(body))
            }
            None => ("", "", inline(&joined)),
        },
    };
    wrap(out, &text, first, rest);
    // List items follow each other; anything else is followed by a blank line.
    if !joined.starts_with("- ") {
        out.push('\n');
    }
}

/// A paragraph that opens with a bold label ending in a colon (`**Why it matters:** ...`): the
/// label, and the text after it.
fn labelled(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("**")?;
    let end = rest.find(":**")?;
    let body = rest[end + 3..].trim_start();
    (!body.is_empty()).then(|| (&rest[..=end], body))
}

/// Inline Markdown as plain text: `**` and backticks dropped, escapes (`\<`, `\|`) undone.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                out.extend(chars.next());
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            '`' => {}
            other => out.push(other),
        }
    }
    out
}

/// Appends `text` wrapped at [`WIDTH`], the first line after `first`, the others after `rest`.
fn wrap(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
        if !empty && !fits {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_marks_are_taken_off_and_paragraphs_wrapped() {
        let markdown = "## SD-SIG-005\n\n`missing-signature-date` \u{b7} error\n\n\
                        **Why it matters:** The date records when the report was signed, and reviewers compare it with the filing deadline (May 31) when the filing date is not at hand.\n\n\
                        **References:**\n\n- Form SD, signature page\n- Rule 302 \\<s\\>\n\n\
                        ```text\n47 | ## SIGNATURES\n```\n";
        let text = render(markdown);
        assert_eq!(
            text,
            "SD-SIG-005\n==========\n\nmissing-signature-date \u{b7} error\n\n\
             Why it matters:\n  The date records when the report was signed, and reviewers compare it with the filing\n  \
             deadline (May 31) when the filing date is not at hand.\n\n\
             References:\n\n  - Form SD, signature page\n  - Rule 302 <s>\n\n    47 | ## SIGNATURES\n"
        );
    }
}
