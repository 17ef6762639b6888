//! The shape of the code: no module imports a module that imports it back (between the
//! crate's top-level modules, and between sibling modules inside one), and no function is
//! much longer than a screen.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::root;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its unit tests and comment lines.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("#[cfg(test)]")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Module path of a file: `src/build/plan.rs` -> ["build", "plan"].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Names following `prefix` (`crate::`, `super::`) in the code, with what follows them.
fn referenced<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .filter(|(i, _)| {
            *i == 0 || !code[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
        })
        .map(|(i, _)| {
            let rest = &code[i + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let top: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(&src, f)[0].clone())
        .collect();
    let mut crate_graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Sibling graphs, by parent module.
    let mut siblings: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        let code = code(file);
        for name in referenced(&code, "crate::") {
            if top.contains(name) && name != module[0] {
                crate_graph
                    .entry(module[0].clone())
                    .or_default()
                    .insert(name.to_string());
            }
        }
        if module.len() >= 2 {
            let (parent, me) = module.split_at(module.len() - 1);
            let parent_dir = src.join(parent.join("/"));
            for name in referenced(&code, "super::") {
                let is_sibling = parent_dir.join(format!("{name}.rs")).is_file()
                    || parent_dir.join(name).join("mod.rs").is_file();
                if is_sibling && name != me[0] {
                    siblings
                        .entry(parent.to_vec())
                        .or_default()
                        .entry(me[0].clone())
                        .or_default()
                        .insert(name.to_string());
                }
            }
        }
    }
    assert!(
        crate_graph.contains_key("pipeline"),
        "the scan sees the crate's imports"
    );
    if let Some(cycle) = find_cycle(&crate_graph) {
        panic!("import cycle between modules: {}", cycle.join(" -> "));
    }
    for (parent, graph) in &siblings {
        if let Some(cycle) = find_cycle(graph) {
            panic!(
                "import cycle inside {}: {}",
                parent.join("::"),
                cycle.join(" -> ")
            );
        }
    }
}

/// Whether a trimmed line starts a function definition: `fn`, with any visibility
/// (`pub`, `pub(crate)`, `pub(super)`, `pub(in path)`) and qualifiers (`const`, `async`,
/// `unsafe`, `extern "C"`).
fn starts_fn(line: &str) -> bool {
    let mut rest = line;
    if let Some(r) = rest.strip_prefix("pub") {
        rest = r.trim_start();
        if rest.starts_with('(') {
            match rest.find(')') {
                Some(close) => rest = rest[close + 1..].trim_start(),
                None => return false,
            }
        }
    }
    for qualifier in ["const ", "async ", "unsafe ", "extern \"C\" "] {
        if let Some(r) = rest.strip_prefix(qualifier) {
            rest = r.trim_start();
        }
    }
    rest.starts_with("fn ")
}

/// Functions (outside tests and the sample generator's fixed texts) stay under 80 lines.
#[test]
fn no_function_is_longer_than_about_80_lines() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long = Vec::new();
    for file in &files {
        let code = code(file);
        let lines: Vec<&str> = code.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let t = lines[i].trim_start();
            if !starts_fn(t) || t.ends_with(';') {
                i += 1;
                continue;
            }
            let indent = lines[i].len() - t.len();
            let close = " ".repeat(indent) + "}";
            let end = (i + 1..lines.len())
                .find(|&j| lines[j] == close)
                .unwrap_or(i);
            if end - i + 1 > 80 {
                long.push(format!(
                    "{}:{} ({} lines)",
                    file.strip_prefix(root()).unwrap().display(),
                    i + 1,
                    end - i + 1
                ));
            }
            i += 1;
        }
    }
    assert!(long.is_empty(), "functions over 80 lines: {long:#?}");
}

/// The parameters of a signature, split at the commas between them (`code` starts just after
/// the opening `(` and may go on past the closing one).
fn parameters(code: &str) -> Vec<&str> {
    let mut depth = 0i32;
    let mut params = Vec::new();
    let mut start = 0;
    let mut prev = ' ';
    for (i, c) in code.char_indices() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            '>' if prev == '-' => {}
            ')' | ']' | '}' | '>' => {
                if depth == 0 {
                    params.push(&code[start..i]);
                    break;
                }
                depth -= 1;
            }
            ',' if depth == 0 => {
                params.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        prev = c;
    }
    params.retain(|p| !p.trim().is_empty());
    params
}

/// How many values a signature takes: every parameter counts one, but a parameter that
/// destructures a tuple (`(a, b): (A, B)`) counts each of its parts, so packing unrelated
/// values into a tuple does not get a long list under the limit.
fn parameter_count(code: &str) -> usize {
    parameters(code)
        .iter()
        .map(|p| {
            let pattern = p.trim().trim_start_matches("mut ").trim_start();
            match pattern.strip_prefix('(') {
                Some(inner) => parameters(inner).len().max(1),
                None => 1,
            }
        })
        .sum()
}

/// Every function of `src/`: its file, its name (with generics) and its parameter list from
/// just after the `(`.
fn each_function(mut f: impl FnMut(&std::path::Path, &str, &str)) {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in &files {
        let code = code(file);
        for (i, _) in code.match_indices("fn ") {
            let rest = &code[i + 3..];
            let Some(open) = rest.find('(') else { continue };
            // Skip generics between the name and the parameters.
            let name = &rest[..open];
            if name.contains(' ') && !name.contains('<') {
                continue;
            }
            f(file, name.trim(), &rest[open + 1..]);
        }
    }
}

#[test]
fn no_function_takes_more_than_five_arguments() {
    let mut many = Vec::new();
    each_function(|file, name, params| {
        let params = parameter_count(params);
        if params > 5 {
            many.push(format!("{}: fn {name} ({params})", file.display()));
        }
    });
    assert!(
        many.is_empty(),
        "functions with more than five arguments: {many:#?}"
    );
}

/// Issue 29: values that belong together get a type of their own, or stand as parameters;
/// none is packed into a tuple to pass the five-argument rule.
#[test]
fn no_function_packs_its_parameters_into_a_tuple() {
    let mut packed = Vec::new();
    each_function(|file, name, params| {
        if tuple_parameter(params) {
            packed.push(format!("{}: fn {name}", file.display()));
        }
    });
    assert!(
        packed.is_empty(),
        "functions with a tuple-packed parameter: {packed:#?}"
    );
}

/// Whether a parameter list (after its `(`) destructures a tuple: `(a, b): (A, B)`, also as
/// `mut (a, b)`.
fn tuple_parameter(params: &str) -> bool {
    let mut depth = 0usize;
    let mut each = vec![String::new()];
    for c in params.chars() {
        match c {
            ')' if depth == 0 => break,
            ',' if depth == 0 => {
                each.push(String::new());
                continue;
            }
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        each.last_mut().expect("never empty").push(c);
    }
    each.iter().any(|p| {
        let p = p.trim();
        p.strip_prefix("mut ")
            .unwrap_or(p)
            .trim_start()
            .starts_with('(')
    })
}

#[test]
fn the_tuple_finder_finds_what_it_claims() {
    assert!(tuple_parameter("(a, b): (u8, u8)) {"));
    assert!(tuple_parameter("x: u8, (a, b): (u8, u8)) {"));
    assert!(!tuple_parameter("a: u8, b: Vec<(u8, u8)>) {"));
    assert!(!tuple_parameter("&self, f: impl Fn(u8) -> u8) {"));
    assert!(!tuple_parameter(") {"));
    assert!(tuple_parameter("mut (a, b): (u8, u8)) {"));
}

#[test]
fn the_counters_count_what_they_claim() {
    assert_eq!(
        parameter_count("a: u8, b: impl Fn() -> u8, c: Vec<(u8, u8)>) {"),
        3
    );
    assert_eq!(
        parameter_count("(a, b, c): (u8, u8, u8), d: u8, (e, f): (u8, u8)) {"),
        6,
        "a destructured tuple counts its parts"
    );
    assert_eq!(parameter_count("mut (a, b): (u8, u8)) {"), 2);
    assert_eq!(parameter_count(") {"), 0);
    for f in [
        "fn a() {",
        "pub fn a() {",
        "pub(crate) fn a() {",
        "pub(super) fn a() {",
        "pub(in crate::privacy) fn a() {",
        "pub const fn a() {",
        "async fn a() {",
    ] {
        assert!(starts_fn(f), "{f}");
    }
    assert!(!starts_fn("let fn_name = 1;"));
}

/// The layers of the crate, lowest first (docs/architectuur.md, "Lagen"): a module imports
/// only modules of lower layers. The command line is the top; the sample generator is only
/// reached from it; the documents' renderer never reads inputs.
const LAYERS: &[&[&str]] = &[
    &["model"],
    &["outputs", "dutch", "clock"],
    &["diag", "fsutil", "hash", "suggest", "contain"],
    &["guard", "controls", "privacy"],
    &["inputs"],
    &["assemble", "views", "render", "round"],
    &["export", "web"],
    &["edition"],
    &["pipeline"],
    &["sample", "commands"],
    &["cli"],
];

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let layer = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let mut wrong = BTreeSet::new();
    let mut seen = 0;
    for file in &files {
        let me = module_of(&src, file)[0].clone();
        if me == "lib" || me == "main" {
            continue;
        }
        let Some(mine) = layer(&me) else {
            wrong.insert(format!("{me} has no layer in LAYERS"));
            continue;
        };
        for used in referenced(&code(file), "crate::") {
            let Some(theirs) = layer(used) else {
                continue;
            };
            seen += 1;
            if used != me && theirs >= mine {
                wrong.insert(format!(
                    "{me} (layer {mine}) imports {used} (layer {theirs})"
                ));
            }
        }
    }
    assert!(seen > 100, "the scan sees the crate's imports ({seen})");
    assert!(wrong.is_empty(), "imports against the layers: {wrong:#?}");
}

/// The settings of a build are made in one place: the commands (and, for its own steps, the
/// pipeline). The command line parses and prints; it makes no `BuildOptions`.
#[test]
fn only_the_commands_make_build_options() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut makers = BTreeSet::new();
    for file in &files {
        let text = code(file);
        if text.contains("BuildOptions::new(")
            || text.contains("BuildOptions {\n") && !text.contains("pub struct BuildOptions {")
        {
            makers.insert(module_of(&src, file)[0].clone());
        }
    }
    let allowed: BTreeSet<String> = ["commands", "pipeline"].map(String::from).into();
    assert!(
        makers.contains("commands"),
        "the scan finds the commands: {makers:?}"
    );
    assert!(
        makers.is_subset(&allowed),
        "BuildOptions made in {makers:?}"
    );
}

/// Files of one purpose: none over 700 lines.
#[test]
fn no_source_file_is_longer_than_700_lines() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 50,
        "the scan sees the crate ({})",
        files.len()
    );
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 700).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over 700 lines: {long:?}");
}
