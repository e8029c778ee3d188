//! The modules import one way, down the pipeline: no module imports one listed after it in
//! [`STAGES`], so there is no cycle between them, and the submodules of a module (`parse`'s
//! `document`, `table`, `line` ...) import each other without cycles either.
//!
//! The test reads every `src/**/*.rs` and collects the paths it names from `crate::`, `super::`,
//! `self::` (and, in the binary, `sdlint::`), with `use` groups expanded, leaving out comments,
//! strings and `#[cfg(test)]` items: unit tests may call on any module. A path to an item of the
//! crate root is followed to the module the root re-exports it from (`crate::Report` is
//! `report`'s); the root's own items (`lint`, `lint_with`) are the stage `lib`.
//!
//! The same reader measures every function of `src/` (unit tests too), from its `fn` line to
//! its closing brace: none is longer than [`MAX_FUNCTION_LINES`] but those [`LONG_FUNCTIONS`]
//! names.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The stages, lowest first: a module may use those before it, never one after it. Every module
/// of `src/` is listed; a new one is placed here by what it needs and what needs it.
const STAGES: &[&str] = &[
    // Shared vocabulary: byte ranges, regex helpers, the lists of rules/data/, bounded file
    // reads, library errors, dates and names as rules compare them, the source map, the SEC's
    // business days.
    "span",
    "patterns",
    "data",
    "files",
    "error",
    "date",
    "names",
    "sourcemap",
    "calendar",
    // Reading: decode the file, remove the markup (keeping the way back), parse the text.
    "input",
    "normalize",
    "parse",
    // Checking: the compiled rule set with its checks (and the findings they make), then the
    // engine that runs them.
    "rules",
    "engine",
    // Reporting: findings back in the file, suppressions applied, a report per file, the
    // documents of a filing linted as one.
    "diagnostic",
    "suppress",
    "report",
    "filing",
    // The crate root's own functions (`lint`, `lint_with`), then what runs on their reports.
    "lib",
    "baseline",
    "config",
    "render",
    "docs",
    // The binary: arguments, subcommands, the language server.
    "cli",
];

/// The most lines a function of `src/` may take, from its `fn` line to its closing brace: a
/// longer one is split into helpers with names that say what each part does.
const MAX_FUNCTION_LINES: usize = 120;

/// The functions still longer than [`MAX_FUNCTION_LINES`], as (file, name), until they are
/// split; no other function may be.
const LONG_FUNCTIONS: &[(&str, &str)] = &[];

/// One path a file names, resolved to a module.
#[derive(Clone, Debug)]
struct Import {
    file: String,
    line: usize,
    /// The path as written (with `use` groups expanded).
    written: String,
    /// The top-level module the path leads to.
    top: String,
    /// Within `top`, the submodule it leads to, if any.
    sub: Option<String>,
}

/// A source file: where it is, which module it belongs to, and its module path.
struct Source {
    file: String,
    /// The top-level module (`lib` for `src/lib.rs`, `cli` for the binary).
    top: String,
    /// The module path, from the root of its crate (`["parse", "table"]`).
    module: Vec<String>,
    /// In the binary, where `crate::` is the binary and the library is `sdlint::`.
    bin: bool,
    tokens: Vec<Token>,
}

/// What a token is: paths are identifiers joined by `::`.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Punct(char),
}

/// A token and the line it is on.
#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    line: usize,
}

#[test]
fn modules_import_only_earlier_stages() {
    let sources = sources();
    let tops = top_modules(&sources);
    let mut problems = Vec::new();
    for top in &tops {
        if !STAGES.contains(&top.as_str()) {
            problems.push(format!(
                "module `{top}` is not in STAGES (tests/layers.rs): place it by what it imports \
                 and what imports it"
            ));
        }
    }
    for stage in STAGES {
        if !tops.contains(*stage) {
            problems.push(format!(
                "STAGES names `{stage}`, which is no module of src/"
            ));
        }
    }
    let imports = all_imports(&sources, &tops);
    // The reader sees imports at all: the engine runs the rules, the binary calls the library.
    for (from, to) in [("engine", "rules"), ("cli", "filing")] {
        assert!(
            imports[from].iter().any(|i| i.top == to),
            "no import of `{to}` found in `{from}`: the reader misses paths"
        );
    }
    let rank = |m: &str| STAGES.iter().position(|s| *s == m);
    for (from, list) in &imports {
        for import in list {
            if let (Some(a), Some(b)) = (rank(from), rank(&import.top))
                && b > a
            {
                problems.push(format!(
                    "{}:{}: `{}` imports `{}`, but `{from}` comes before `{}` in STAGES",
                    import.file, import.line, from, import.written, import.top
                ));
            }
        }
    }
    // With every module ranked and no import going up, there is no cycle; this names one all
    // the same if the lists above are ever out of step.
    let graph: BTreeMap<String, Vec<Import>> = imports
        .iter()
        .map(|(from, list)| {
            let edges = list.iter().filter(|i| i.top != *from).cloned().collect();
            (from.clone(), edges)
        })
        .collect();
    if let Some(cycle) = find_cycle(&graph, |i| i.top.clone()) {
        problems.push(format!("the modules import in a cycle:\n{cycle}"));
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn submodules_import_each_other_without_cycles() {
    let sources = sources();
    let tops = top_modules(&sources);
    let imports = all_imports(&sources, &tops);
    let mut problems = Vec::new();
    for top in &tops {
        // The submodule each file of `top` belongs to; the module's own file (`mod.rs`) is
        // left out: it declares the others and they may use what it defines.
        let mut graph: BTreeMap<String, Vec<Import>> = BTreeMap::new();
        for source in sources.iter().filter(|s| s.top == *top) {
            let Some(me) = submodule_of(source) else {
                continue;
            };
            let edges = graph.entry(me.clone()).or_default();
            for import in imports.get(top).into_iter().flatten() {
                if import.file == source.file
                    && import.top == *top
                    && let Some(sub) = &import.sub
                    && *sub != me
                {
                    edges.push(import.clone());
                }
            }
        }
        if let Some(cycle) = find_cycle(&graph, |i| i.sub.clone().unwrap_or_default()) {
            problems.push(format!(
                "the submodules of `{top}` import in a cycle:\n{cycle}"
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn functions_are_at_most_120_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect_rs(&root.join("src"), &mut files);
    files.sort();
    let mut measured = 0;
    let mut problems = Vec::new();
    for path in files {
        let file = path
            .strip_prefix(root)
            .expect("under the project")
            .iter()
            .map(|p| p.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for function in functions(&tokenize(&text)) {
            measured += 1;
            let allowed = LONG_FUNCTIONS.contains(&(file.as_str(), function.name.as_str()));
            if function.lines > MAX_FUNCTION_LINES && !allowed {
                problems.push(format!(
                    "{file}:{}: `fn {}` is {} lines long, more than {MAX_FUNCTION_LINES}: split \
                     it into helpers (or, for now, name it in LONG_FUNCTIONS in tests/layers.rs)",
                    function.line, function.name, function.lines
                ));
            }
        }
    }
    // The reader sees functions at all.
    assert!(measured > 500, "only {measured} functions found in src/");
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// A function with a body: its name, the line of its `fn`, and how many lines it spans from
/// there to its closing brace.
#[derive(Debug, PartialEq)]
struct Function {
    name: String,
    line: usize,
    lines: usize,
}

/// The functions with a body among `tokens`, in order, nested ones and methods included
/// (declarations without a body, as in traits, and `fn(..)` types are not functions).
fn functions(tokens: &[Token]) -> Vec<Function> {
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let (Tok::Ident(keyword), Some(Tok::Ident(name))) =
            (&token.tok, tokens.get(i + 1).map(|t| &t.tok))
        else {
            continue;
        };
        if keyword != "fn" {
            continue;
        }
        // The body opens at the first `{` outside brackets, unless a `;` ends the signature.
        let mut depth = 0i32;
        let mut open = None;
        for (j, t) in tokens.iter().enumerate().skip(i + 2) {
            match t.tok {
                Tok::Punct('(' | '[') => depth += 1,
                Tok::Punct(')' | ']') => depth -= 1,
                Tok::Punct(';') if depth == 0 => break,
                Tok::Punct('{') if depth == 0 => {
                    open = Some(j);
                    break;
                }
                _ => {}
            }
        }
        let Some(open) = open else { continue };
        let mut braces = 0;
        for t in &tokens[open..] {
            match t.tok {
                Tok::Punct('{') => braces += 1,
                Tok::Punct('}') => braces -= 1,
                _ => continue,
            }
            if braces == 0 {
                out.push(Function {
                    name: name.clone(),
                    line: token.line,
                    lines: t.line - token.line + 1,
                });
                break;
            }
        }
    }
    out
}

#[test]
fn functions_are_measured_from_fn_to_closing_brace() {
    let text = r#"
        trait T { fn declared(&self) -> [u8; 2]; }
        pub fn outer<F: Fn() -> u8>(
            f: F,
        ) -> u8
        where
            F: Copy,
        {
            let s = "{ fn not_code() {";
            let c = '{';
            fn inner() -> fn(u8) -> u8 { |x| x }
            // }
            f()
        }
    "#;
    let found = functions(&tokenize(text));
    let at = |name: &str, line, lines| Function {
        name: name.to_owned(),
        line,
        lines,
    };
    assert_eq!(found, [at("outer", 3, 12), at("inner", 11, 1)]);
}

/// The submodule of its top-level module a file belongs to (`table` for
/// `src/parse/table.rs`, `check` for `src/cli/check.rs`), or `None` for the module's own file.
fn submodule_of(source: &Source) -> Option<String> {
    source.module.get(1).cloned()
}

/// Every `.rs` file under `src/`, tokenized.
fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect_rs(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&root).expect("under src/");
            let parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            let mut module: Vec<String> = parts
                .iter()
                .map(|p| p.strip_suffix(".rs").unwrap_or(p).to_owned())
                .collect();
            if module
                .last()
                .is_some_and(|m| m == "mod" || m == "lib" || m == "main")
            {
                module.pop();
            }
            let bin = parts[0] == "main.rs" || parts[0] == "cli";
            let top = match parts[0].as_str() {
                "lib.rs" => "lib".to_owned(),
                "main.rs" => "cli".to_owned(),
                first => first.strip_suffix(".rs").unwrap_or(first).to_owned(),
            };
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            Source {
                file: format!("src/{}", parts.join("/")),
                top,
                module,
                bin,
                tokens: without_test_items(tokenize(&text)),
            }
        })
        .collect()
}

/// Adds the `.rs` files under `dir` to `out`.
fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules: `lib` and one per file or folder of `src/` (the binary is `cli`).
fn top_modules(sources: &[Source]) -> BTreeSet<String> {
    sources.iter().map(|s| s.top.clone()).collect()
}

/// Every import of every file, by the top-level module of the file.
fn all_imports(sources: &[Source], tops: &BTreeSet<String>) -> BTreeMap<String, Vec<Import>> {
    // What the crate root and each module's own file re-export (or import), by name: the
    // root's `pub use report::Report` makes `crate::Report` a path into `report`.
    let mut exports: Exports = HashMap::new();
    for source in sources {
        let file_name = source.file.rsplit('/').next().unwrap_or_default();
        if file_name != "lib.rs" && file_name != "mod.rs" {
            continue;
        }
        let names = exports.entry(source.module.clone()).or_default();
        for (path, alias) in use_paths(&source.tokens) {
            let mut segments: Vec<&str> = path.iter().map(String::as_str).collect();
            // `self::x` is `x`; so is `crate::x` in the crate root.
            let own = match segments.first() {
                Some(&"self") => true,
                Some(&"crate") => source.module.is_empty(),
                _ => false,
            };
            if own {
                segments.remove(0);
            }
            let [first, .., last] = segments[..] else {
                continue;
            };
            let name = alias.unwrap_or_else(|| {
                if last == "self" {
                    segments[segments.len() - 2].to_owned()
                } else {
                    last.to_owned()
                }
            });
            names.insert(name, first.to_owned());
        }
    }
    let mut out: BTreeMap<String, Vec<Import>> = BTreeMap::new();
    for source in sources {
        let list = out.entry(source.top.clone()).or_default();
        for (path, line) in paths(source, tops) {
            let Some(absolute) = resolve(source, &path) else {
                continue;
            };
            let (top, sub) = if absolute.crate_is_bin {
                // The binary is `cli`, its modules under `cli::`.
                let sub = submodule(&absolute.segments, "cli", &exports);
                ("cli".to_owned(), sub)
            } else {
                locate(&absolute.segments, tops, &exports)
            };
            let written = path.join("::");
            let written = written
                .strip_suffix("::self")
                .unwrap_or(&written)
                .to_owned();
            list.push(Import {
                file: source.file.clone(),
                line,
                written,
                top,
                sub,
            });
        }
    }
    out
}

/// A path from the root of a crate.
struct Absolute {
    /// The path is into the binary (`crate::` in `src/cli`), not the library.
    crate_is_bin: bool,
    segments: Vec<String>,
}

/// `path`, as written in `source`, from the root of its crate.
fn resolve(source: &Source, path: &[String]) -> Option<Absolute> {
    let (first, rest) = path.split_first()?;
    let (crate_is_bin, mut segments) = match first.as_str() {
        "sdlint" if source.bin => (false, Vec::new()),
        "crate" => (source.bin, Vec::new()),
        "self" => (source.bin, source.module.clone()),
        "super" => {
            let mut module = source.module.clone();
            module.pop()?;
            (source.bin, module)
        }
        // A bare path in the crate root (`filing::lint`): into the module it names.
        _ if source.module.is_empty() && !source.bin => (false, vec![first.clone()]),
        _ => return None,
    };
    for segment in rest {
        if segment == "super" {
            segments.pop()?;
        } else if segment != "self" || segments.is_empty() {
            segments.push(segment.clone());
        }
    }
    Some(Absolute {
        crate_is_bin,
        segments,
    })
}

/// What the crate root and each module's own file bring in by `use`, by module path: each
/// name with the first segment of the path it comes from.
type Exports = HashMap<Vec<String>, HashMap<String, String>>;

/// The top-level module and the submodule a path from the library's root leads to.
fn locate(
    segments: &[String],
    tops: &BTreeSet<String>,
    exports: &Exports,
) -> (String, Option<String>) {
    let Some(first) = segments.first() else {
        return ("lib".to_owned(), None);
    };
    if tops.contains(first) && first != "lib" && first != "cli" {
        return (first.clone(), submodule(segments, first, exports));
    }
    match exports.get(&Vec::new()).and_then(|names| names.get(first)) {
        // Re-exported by the root: the module it comes from.
        Some(module) if tops.contains(module) => (module.clone(), None),
        // One of the root's own items.
        _ => ("lib".to_owned(), None),
    }
}

/// The submodule of `top` that `segments` (`top`, then the rest) lead to: one named by the
/// second segment, or the one `top` re-exports that name from. `None` for an item `top`
/// defines itself.
fn submodule(segments: &[String], top: &str, exports: &Exports) -> Option<String> {
    let second = segments.get(1)?;
    if is_submodule(top, second) {
        return Some(second.clone());
    }
    let from = exports.get(&vec![top.to_owned()])?.get(second)?;
    is_submodule(top, from).then(|| from.clone())
}

/// Whether `src/<top>/<name>.rs` or `src/<top>/<name>/` exists.
fn is_submodule(top: &str, name: &str) -> bool {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(top);
    dir.join(format!("{name}.rs")).is_file() || dir.join(name).is_dir()
}

/// The paths `source` names that may lead to another module, with their lines.
fn paths(source: &Source, tops: &BTreeSet<String>) -> Vec<(Vec<String>, usize)> {
    let tokens = &source.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts = match &tokens[i].tok {
            Tok::Ident(name) => {
                let anchored = matches!(name.as_str(), "crate" | "super" | "self")
                    || (name == "sdlint" && source.bin)
                    || (source.module.is_empty() && !source.bin && tops.contains(name));
                let after_sep = i > 0
                    && matches!(
                        tokens[i - 1].tok,
                        Tok::PathSep | Tok::Punct('$') | Tok::Punct('.')
                    );
                anchored && !after_sep && tokens.get(i + 1).is_some_and(|t| t.tok == Tok::PathSep)
            }
            _ => false,
        };
        if !starts {
            i += 1;
            continue;
        }
        let line = tokens[i].line;
        let mut found = Vec::new();
        let end = path_tree(tokens, i, Vec::new(), &mut found);
        out.extend(found.into_iter().map(|(path, _)| (path, line)));
        i = end.max(i + 1);
    }
    out
}

/// The paths of the `use` declarations of `tokens` outside any block, each with its alias
/// (`as NAME`).
fn use_paths(tokens: &[Token]) -> Vec<(Vec<String>, Option<String>)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        match &token.tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => depth = depth.saturating_sub(1),
            Tok::Ident(word) if word == "use" && depth == 0 => {
                path_tree(tokens, i + 1, Vec::new(), &mut out);
            }
            _ => {}
        }
    }
    out
}

/// Reads the path (or `use` tree) that starts at `tokens[i]` after `prefix`, adding each full
/// path and its alias to `out`; returns the index after it.
fn path_tree(
    tokens: &[Token],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) -> usize {
    loop {
        match tokens.get(i).map(|t| &t.tok) {
            Some(Tok::Ident(name)) => {
                prefix.push(name.clone());
                i += 1;
            }
            Some(Tok::Punct('{')) => {
                i += 1;
                loop {
                    match tokens.get(i).map(|t| &t.tok) {
                        Some(Tok::Punct('}')) => return i + 1,
                        Some(Tok::Punct(',')) => i += 1,
                        None => return i,
                        Some(_) => {
                            let next = path_tree(tokens, i, prefix.clone(), out);
                            i = if next > i { next } else { i + 1 };
                        }
                    }
                }
            }
            Some(Tok::Punct('*')) => {
                out.push((prefix, None));
                return i + 1;
            }
            _ => {
                if !prefix.is_empty() {
                    out.push((prefix, None));
                }
                return i;
            }
        }
        match tokens.get(i).map(|t| &t.tok) {
            Some(Tok::PathSep) => i += 1,
            Some(Tok::Ident(word)) if word == "as" => {
                let alias = match tokens.get(i + 1).map(|t| &t.tok) {
                    Some(Tok::Ident(alias)) => Some(alias.clone()),
                    _ => None,
                };
                out.push((prefix, alias));
                return i + 2;
            }
            _ => {
                out.push((prefix, None));
                return i;
            }
        }
    }
}

/// The first cycle in `graph` (module -> its imports, each leading to the module `target`
/// names), as one line per import around the cycle.
fn find_cycle(
    graph: &BTreeMap<String, Vec<Import>>,
    target: impl Fn(&Import) -> String,
) -> Option<String> {
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(node, graph, &target, &mut done, &mut path) {
            let lines: Vec<String> = cycle
                .iter()
                .map(|i| format!("  {}:{}: imports `{}`", i.file, i.line, i.written))
                .collect();
            return Some(lines.join("\n"));
        }
    }
    None
}

/// Depth-first from `node`, with `path` the modules and imports that led to it: the imports
/// around the first cycle found.
fn visit<'g>(
    node: &str,
    graph: &'g BTreeMap<String, Vec<Import>>,
    target: &dyn Fn(&Import) -> String,
    done: &mut BTreeSet<String>,
    path: &mut Vec<(String, &'g Import)>,
) -> Option<Vec<Import>> {
    if done.contains(node) {
        return None;
    }
    for import in graph.get(node).into_iter().flatten() {
        let next = target(import);
        path.push((node.to_owned(), import));
        if let Some(start) = path.iter().position(|(from, _)| *from == next) {
            return Some(path[start..].iter().map(|(_, i)| (*i).clone()).collect());
        }
        if let Some(cycle) = visit(&next, graph, target, done, path) {
            return Some(cycle);
        }
        path.pop();
    }
    done.insert(node.to_owned());
    None
}

/// The tokens of Rust source that paths are made of: identifiers, `::` and punctuation, with
/// comments, strings, characters, lifetimes and numbers left out.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if at(i) == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // An escaped character: '\n', '\'', '\u{..}'.
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or a label: the quote, then its name as an identifier to skip.
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if (word == "r" || word == "br") && (at(i) == '"' || at(i) == '#') {
                let mut hashes = 0;
                while at(i + hashes) == '#' {
                    hashes += 1;
                }
                if at(i + hashes) == '"' {
                    // A raw string: up to a quote followed by as many `#`.
                    i += hashes + 1;
                    loop {
                        if i >= chars.len() {
                            break;
                        }
                        if chars[i] == '"' && (0..hashes).all(|k| at(i + 1 + k) == '#') {
                            i += 1 + hashes;
                            break;
                        }
                        if chars[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                    continue;
                }
                // A raw identifier (`r#type`): the identifier after the `#`.
                i += 1;
                continue;
            }
            if word == "b" && at(i) == '\'' {
                // A byte: b'x' or b'\n'.
                i += 1;
                continue;
            }
            out.push(Token {
                tok: Tok::Ident(word),
                line,
            });
        } else if c == ':' && at(i + 1) == ':' {
            out.push(Token {
                tok: Tok::PathSep,
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                tok: Tok::Punct(c),
                line,
            });
            i += 1;
        }
    }
    out
}

/// `tokens` without the items marked `#[cfg(test)]` (unit tests, test helpers).
fn without_test_items(tokens: Vec<Token>) -> Vec<Token> {
    let is = |i: usize, t: &Tok| tokens.get(i).is_some_and(|x| x.tok == *t);
    let ident = |s: &str| Tok::Ident(s.to_owned());
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let cfg_test = is(i, &Tok::Punct('#'))
            && is(i + 1, &Tok::Punct('['))
            && is(i + 2, &ident("cfg"))
            && is(i + 3, &Tok::Punct('('))
            && is(i + 4, &ident("test"))
            && is(i + 5, &Tok::Punct(')'))
            && is(i + 6, &Tok::Punct(']'));
        if !cfg_test {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        // The item: up to a `;` outside brackets, or the end of its first `{ ... }` block.
        i += 7;
        let mut depth = 0i32;
        let mut braces = false;
        while i < tokens.len() {
            match tokens[i].tok {
                Tok::Punct('{') => {
                    depth += 1;
                    braces = true;
                }
                Tok::Punct('(' | '[') => depth += 1,
                Tok::Punct('}' | ')' | ']') => depth -= 1,
                Tok::Punct(';') if depth == 0 => {
                    i += 1;
                    break;
                }
                _ => {}
            }
            i += 1;
            if braces && depth == 0 {
                break;
            }
        }
    }
    out
}

#[test]
fn the_reader_finds_the_paths_of_use_groups_and_skips_comments_strings_and_tests() {
    let text = r##"
        use crate::{diagnostic::{self, Label}, Report};
        // use crate::cli::Nothing;
        /* crate::render::human */
        const S: &str = "crate::docs::rule";
        const R: &str = r#"crate::docs::" rule"#;
        fn f<'a>(x: &'a str) -> char { let _ = super::table::split(x); '{' }
        #[cfg(test)]
        mod tests {
            use crate::lint;
        }
    "##;
    let tokens = without_test_items(tokenize(text));
    let source = Source {
        file: "src/parse/fields.rs".to_owned(),
        top: "parse".to_owned(),
        module: vec!["parse".to_owned(), "fields".to_owned()],
        bin: false,
        tokens,
    };
    let tops: BTreeSet<String> = ["diagnostic", "parse", "docs", "render", "cli"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let written: Vec<String> = paths(&source, &tops)
        .into_iter()
        .map(|(p, _)| p.join("::"))
        .collect();
    assert_eq!(
        written,
        [
            "crate::diagnostic::self",
            "crate::diagnostic::Label",
            "crate::Report",
            "super::table::split",
        ]
    );
}
