//! The crate's layout (issue 15): each layer only looks down, so no two files of `src/` import
//! each other, directly or through others, once every `crate::` name is resolved to the file
//! that defines it; and no file of `src/` has more than 500 lines of non-test code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The most lines of non-test code a file of `src/` may have.
const MAX_LINES: usize = 500;

/// Every `.rs` file under `src/`, as (path relative to `src/`, text without its test module).
fn sources() -> Vec<(String, String)> {
    fn walk(directory: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(directory).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                out.push(path);
            }
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("\n#[cfg(test)]\nmod tests").next().unwrap_or_default().to_owned();
            (path.strip_prefix(&root).unwrap().display().to_string(), code)
        })
        .collect()
}

/// Lines that are code, not comments.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|line| !line.trim_start().starts_with("//"))
}

/// The module path of a file: `lifecycle/status.rs` is `lifecycle::status`, `request/mod.rs`
/// is `request`, `lib.rs` is the root.
fn module_of(file: &str) -> String {
    let path = file.trim_end_matches(".rs").trim_end_matches("/mod");
    if path == "lib" { String::new() } else { path.replace('/', "::") }
}

/// Every top-level item a file defines (types, functions, constants, macros), by name.
fn definitions(files: &[(String, String)]) -> BTreeMap<String, String> {
    let mut defined = BTreeMap::new();
    for (file, text) in files {
        for line in code_lines(text) {
            let item = line.trim_start_matches("pub(crate) ").trim_start_matches("pub ").trim_start_matches("const ");
            for keyword in ["struct ", "enum ", "fn ", "trait ", "type ", "macro_rules! "] {
                if let Some(rest) = item.strip_prefix(keyword)
                    && !line.starts_with(' ')
                {
                    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    defined.insert(name, file.clone());
                }
            }
            if let Some(rest) = line.strip_prefix("pub const ").or_else(|| line.strip_prefix("const ")) {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                defined.insert(name, file.clone());
            }
        }
    }
    defined
}

/// The `crate::` paths a file names, each as its segments after `crate`, with `use` groups
/// (`use crate::a::{B, c::D}`) expanded.
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let code: String = code_lines(text).collect::<Vec<_>>().join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(start) = rest.find("crate::") {
        rest = &rest[start + "crate::".len()..];
        let prefix: String =
            rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{').collect();
        if let Some(group_start) = prefix.find('{') {
            let base: Vec<String> = segments(&prefix[..group_start]);
            let group_end = rest.find('}').unwrap_or(rest.len());
            for member in rest[group_start + 1..group_end].split(',') {
                let mut path = base.clone();
                path.extend(segments(member));
                paths.push(path);
            }
        } else {
            paths.push(segments(&prefix));
        }
    }
    paths
}

fn segments(text: &str) -> Vec<String> {
    text.split("::").map(|segment| segment.trim().to_owned()).filter(|segment| !segment.is_empty()).collect()
}

/// The file each `crate::` path of each file resolves to: a module path is its file, a name is
/// the file that defines it.
fn imports(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let defined = definitions(files);
    let modules: BTreeMap<String, String> = files.iter().map(|(file, _)| (module_of(file), file.clone())).collect();
    let mut graph = BTreeMap::new();
    for (file, text) in files {
        let mut targets = BTreeSet::new();
        for path in crate_paths(text) {
            let Some(last) = path.last() else { continue };
            let target = defined.get(last).or_else(|| modules.get(&path.join("::")));
            if let Some(target) = target.filter(|target| *target != file && !target.ends_with("lib.rs")) {
                targets.insert(target.clone());
            }
        }
        graph.insert(file.clone(), targets);
    }
    graph
}

/// The files from which `start` can be reached again, following `graph`.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((file, path)) = stack.pop() {
        for next in graph.get(&file).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![next.clone()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn no_file_of_src_imports_a_file_that_imports_it_back() {
    let files = sources();
    let graph = imports(&files);
    let cycles: Vec<String> =
        graph.keys().filter_map(|file| cycle_through(&graph, file)).map(|cycle| cycle.join(" -> ")).collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
    // The check sees the imports: the dispatcher leans on the lifecycle layer, not the reverse.
    assert!(graph["decide.rs"].contains("lifecycle/status.rs"), "{:?}", graph["decide.rs"]);
    assert!(!graph["lifecycle/status.rs"].contains("decide.rs"));
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let files = vec![
        ("a.rs".to_owned(), "use crate::b::B;\npub struct A;\n".to_owned()),
        ("b.rs".to_owned(), "pub struct B(crate::A);\n".to_owned()),
        ("c.rs".to_owned(), "use crate::{a::A, b::B};\npub struct C;\n".to_owned()),
    ];
    let graph = imports(&files);
    assert_eq!(cycle_through(&graph, "a.rs"), Some(vec!["a.rs".to_owned(), "b.rs".to_owned(), "a.rs".to_owned()]));
    assert_eq!(cycle_through(&graph, "c.rs"), None);
}

#[test]
fn no_file_of_src_has_more_than_500_lines_of_code_besides_tests() {
    let long: Vec<String> = sources()
        .into_iter()
        .map(|(file, text)| (file, text.lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(file, lines)| format!("{file}: {lines}"))
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
