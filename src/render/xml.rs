//! Escaping for the XML formats (JUnit, Checkstyle).

/// `text` escaped for an XML 1.0 attribute value: markup characters become entities, line
/// breaks and tabs character references (which parsers keep, where they would turn the
/// characters themselves into spaces), and other control characters and those XML 1.0 cannot
/// hold at all (U+FFFE, U+FFFF) are written as escapes (`\u{1b}`).
pub fn attribute(text: &str) -> String {
    escape(text, true)
}

/// `text` escaped for element content: as [`attribute`], but quotes, line feeds and tabs stay
/// as they are.
pub fn content(text: &str) -> String {
    escape(text, false)
}

fn escape(text: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' | '"' | '\'' if !in_attribute => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Shown as an escape, as the other text formats do: one XML cannot hold, and one a
            // reader would not see.
            c if super::is_hidden(c) || !is_xml_char(c) => super::push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` (its `Char` production; Rust chars are never surrogates).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::{attribute, content};

    #[test]
    fn markup_is_escaped_and_control_characters_shown() {
        assert_eq!(
            attribute("a<b & \"c\" 'd'>\n\u{0}\u{1B}\u{FFFE}é"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#10;\\u{0}\\u{1b}\\u{fffe}é"
        );
        assert_eq!(
            content("'a'\r\n\t\"b\"\u{7}<"),
            "'a'&#13;\n\t\"b\"\\u{7}&lt;"
        );
    }
}
