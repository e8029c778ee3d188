//! The lists of `rules/data/`: domain knowledge (the conflict minerals, smelter statuses, the
//! Covered Countries, the editions of Form SD, the wording of product claims) kept as text a
//! compliance author can read and change, and compiled into the binary with `include_str!`.
//!
//! A list is text, one entry a line. A line starting with `#` is a comment and a blank line is
//! skipped. A list with sections puts its entries under `[section]` headers, each one the code
//! that reads the list knows. An entry is written without spaces around it. A malformed list is
//! a defect of sdlint's own data, not of a user's input: the code that reads one panics, and a
//! unit test of that code reads each list, so a malformed line fails the tests.

/// The lists of `rules/data/`, by file name, as compiled into the binary. A rule pack may name
/// one of these and nothing else: a pack from a repository under review reads no file of it.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "corporate-suffixes.txt",
        include_str!("../rules/data/corporate-suffixes.txt"),
    ),
    ("countries.txt", include_str!("../rules/data/countries.txt")),
    (
        "covered-countries.txt",
        include_str!("../rules/data/covered-countries.txt"),
    ),
    (
        "form-editions.txt",
        include_str!("../rules/data/form-editions.txt"),
    ),
    (
        "jurisdictions.txt",
        include_str!("../rules/data/jurisdictions.txt"),
    ),
    ("metals.txt", include_str!("../rules/data/metals.txt")),
    (
        "product-claims.txt",
        include_str!("../rules/data/product-claims.txt"),
    ),
    (
        "smelter-statuses.txt",
        include_str!("../rules/data/smelter-statuses.txt"),
    ),
];

/// The text of the built-in list `file` ("covered-countries.txt").
pub fn builtin(file: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| *text)
}

/// The text of the built-in list `file`, which sdlint's own code names. Panics on a name not in
/// [`BUILTIN`], which the unit tests of each reader would catch.
pub fn text(file: &str) -> &'static str {
    builtin(file).unwrap_or_else(|| panic!("no built-in data list {file}"))
}

/// The entries of `text`: each with its line number (from 1), comments and blank lines left
/// out.
fn lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
}

/// A section header's name: `[adjoining]` is `adjoining`.
fn section_name(line: &str) -> Option<&str> {
    line.strip_prefix('[')?.strip_suffix(']')
}

/// An error at line `line` of `file`.
fn error(file: &str, line: usize, message: impl std::fmt::Display) -> String {
    format!("rules/data/{file}:{line}: {message}")
}

/// `entry`, unless it has spaces around it.
fn entry(file: &str, line: usize, entry: &'static str) -> Result<&'static str, String> {
    if entry.trim() == entry {
        Ok(entry)
    } else {
        Err(error(file, line, "an entry has spaces around it"))
    }
}

/// The entries of `file`, a list without sections, whose text is `text`.
pub fn list(file: &str, text: &'static str) -> Result<Vec<&'static str>, String> {
    lines(text)
        .map(|(line, text)| match section_name(text) {
            Some(name) => Err(error(
                file,
                line,
                format_args!("this list has no sections, but `[{name}]` starts one"),
            )),
            None => entry(file, line, text),
        })
        .collect()
}

/// The entries of `file`, a list with sections, whose text is `text`: one list of entries per
/// name of `known`, in its order. A section may be given more than once; one not given is
/// empty.
pub fn sections(
    file: &str,
    text: &'static str,
    known: &[&str],
) -> Result<Vec<Vec<&'static str>>, String> {
    let found = numbered_sections(file, text, known)?;
    Ok(found
        .into_iter()
        .map(|entries| entries.into_iter().map(|(_, entry)| entry).collect())
        .collect())
}

/// The entries of a list of names with sections: each entry a name as a report writes it
/// ("the Republic of the Congo"), then, after ` | `, other spellings of it ("Congo-Brazzaville").
/// Read like [`sections`].
pub fn named_sections(
    file: &str,
    text: &'static str,
    known: &[&str],
) -> Result<Vec<Vec<Named>>, String> {
    numbered_sections(file, text, known)?
        .into_iter()
        .map(|entries| {
            entries
                .into_iter()
                .map(|(line, entry)| Named::read(file, line, entry))
                .collect()
        })
        .collect()
}

/// The section names of `text`, a list with sections, in the order they first appear.
pub fn section_names(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for line in text.lines() {
        if let Some(name) = section_name(line)
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names
}

/// A name and the spellings that mean it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// How a message names it: "the Central African Republic".
    pub name: &'static str,
    /// The ways a filing writes it, the name first without a leading "the ": "Central African
    /// Republic", "CAR".
    pub spellings: Vec<&'static str>,
}

impl Named {
    fn read(file: &str, line: usize, entry: &'static str) -> Result<Self, String> {
        let mut parts = entry.split(" | ");
        let name = parts.next().unwrap_or(entry);
        let mut spellings = vec![name.strip_prefix("the ").unwrap_or(name)];
        spellings.extend(parts);
        if spellings
            .iter()
            .any(|s| s.is_empty() || s.contains('|') || s.trim() != *s)
        {
            return Err(error(
                file,
                line,
                "spellings are separated by ` | `, each one written without spaces around it",
            ));
        }
        Ok(Self { name, spellings })
    }
}

/// [`sections`], each entry with its line number.
fn numbered_sections(
    file: &str,
    text: &'static str,
    known: &[&str],
) -> Result<Vec<Vec<(usize, &'static str)>>, String> {
    let mut found = vec![Vec::new(); known.len()];
    let mut current = None;
    for (line, text) in lines(text) {
        if let Some(name) = section_name(text) {
            let index = known.iter().position(|k| *k == name).ok_or_else(|| {
                error(
                    file,
                    line,
                    format_args!(
                        "unknown section `[{name}]`: expected one of {}",
                        brackets(known)
                    ),
                )
            })?;
            current = Some(index);
            continue;
        }
        let index = current.ok_or_else(|| {
            error(
                file,
                line,
                format_args!(
                    "an entry before any section: start one of {}",
                    brackets(known)
                ),
            )
        })?;
        found[index].push((line, entry(file, line, text)?));
    }
    Ok(found)
}

/// `[a], [b], [c]`.
fn brackets(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("[{n}]")).collect();
    names.join(", ")
}

/// What `read` read from a built-in list. Panics on an error: the lists are sdlint's own data,
/// each read by a unit test.
pub fn load<T>(read: Result<T, String>) -> T {
    read.unwrap_or_else(|err| panic!("invalid built-in data list: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_comments_and_blank_lines() {
        let text = "# a comment\ngold\n\n  \ntin\n";
        assert_eq!(list("t.txt", text), Ok(vec!["gold", "tin"]));
    }

    #[test]
    fn malformed_lists_are_errors_with_their_line() {
        assert_eq!(
            list("t.txt", "# header\ngold\n[metals]\n"),
            Err("rules/data/t.txt:3: this list has no sections, but `[metals]` starts one".into())
        );
        assert_eq!(
            list("t.txt", "gold \n"),
            Err("rules/data/t.txt:1: an entry has spaces around it".into())
        );
    }

    #[test]
    fn sections_are_read_in_the_order_known() {
        let text = "# header\n[b]\nx\n[a]\ny\n[b]\nz\n";
        assert_eq!(
            sections("t.txt", text, &["a", "b", "c"]),
            Ok(vec![vec!["y"], vec!["x", "z"], vec![]])
        );
    }

    #[test]
    fn unknown_sections_and_entries_outside_one_are_errors() {
        assert_eq!(
            sections("t.txt", "[a]\nx\n[d]\ny\n", &["a", "b"]),
            Err("rules/data/t.txt:3: unknown section `[d]`: expected one of [a], [b]".into())
        );
        assert_eq!(
            sections("t.txt", "# header\nx\n[a]\n", &["a", "b"]),
            Err("rules/data/t.txt:2: an entry before any section: start one of [a], [b]".into())
        );
    }
}
