//! The import rule of ARCHITECTURE.md, checked on the sources: in the app, imports
//! only go down the layers (model → api → browser adapters → contexts → widgets →
//! pages → app), and in the app and every crate no module depends on itself
//! through others, neither file by file nor between top-level modules.
//!
//! Read from `crate::` paths in the code (comments and `#[cfg(test)] mod tests`
//! left out), the way a reader follows them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The app's layers, bottom-up, each with the module prefixes it holds. A module
/// belongs to the layer of its longest matching prefix.
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &["format", "export", "text", "zone", "charts", "composer", "state", "paths"]),
    ("api", &["api"]),
    (
        "browser adapters",
        &[
            "clock",
            "charts::draw",
            "download",
            "paths::browser",
            "crash",
            "alloc_stats",
            "components::composer::storage",
        ],
    ),
    (
        "contexts",
        &[
            "state::url",
            "theme",
            "components::box_size",
            "components::refresh",
            "components::panel_data",
            "components::shortcuts",
            "components::sessions::tasks",
            "components::sessions::events::loader",
            "components::sessions::events::scroll",
            "components::sessions::events::samples",
            "components::sessions::events::locate",
        ],
    ),
    ("widgets", &["components"]),
    ("pages", &["pages"]),
    ("app", &["app", "lib", "main"]),
];

/// Module path → the modules it imports, for the crate whose sources are in `src`.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> =
        fs::read_dir(dir).expect("readable source directory").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && path.file_name().is_some_and(|n| n != "tests.rs") {
            out.push(path);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("file under src").with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments and without its unit-test module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// Every path written after `crate::`, use trees expanded:
/// `crate::a::{b, c::{d, e}}` gives `a::b`, `a::c::d`, `a::c::e`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        // `sps_dashboard::crate::` cannot occur; `$crate::` and `mycrate::` are not ours.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let (paths, _) = use_tree(rest, "");
        out.extend(paths);
    }
    out
}

/// Parses one use tree at the start of `s` under `prefix`; returns its paths and
/// the unparsed rest.
fn use_tree<'a>(s: &'a str, prefix: &str) -> (Vec<String>, &'a str) {
    let mut path = prefix.to_owned();
    let mut s = s.trim_start();
    loop {
        if let Some(inner) = s.strip_prefix('{') {
            let mut paths = Vec::new();
            let mut s2 = inner;
            loop {
                s2 = s2.trim_start();
                if let Some(after) = s2.strip_prefix('}') {
                    return (paths, after);
                }
                if s2.is_empty() {
                    return (paths, s2);
                }
                let (found, after) = use_tree(s2, &path);
                paths.extend(found);
                s2 = after.trim_start();
                s2 = s2.strip_prefix(',').unwrap_or(s2);
            }
        }
        let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
        if end == 0 {
            return (vec![path], s);
        }
        if !path.is_empty() {
            path.push_str("::");
        }
        path.push_str(&s[..end]);
        s = &s[end..];
        match s.strip_prefix("::") {
            Some(after) => s = after,
            None => {
                // `x as y` and the like end the path.
                let s = s.trim_start();
                let s = s
                    .strip_prefix("as ")
                    .map(|a| a.trim_start().trim_start_matches(|c: char| c.is_alphanumeric() || c == '_'))
                    .unwrap_or(s);
                return (vec![path], s);
            }
        }
    }
}

/// The import graph of the crate whose sources are in `src`.
fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<String, PathBuf> = files.into_iter().map(|f| (module_of(src, &f), f)).collect();
    let owner = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len()).rev().map(|k| parts[..k].join("::")).find(|m| modules.contains_key(m))
    };
    modules
        .iter()
        .map(|(module, file)| {
            let code = code_of(&fs::read_to_string(file).expect("readable source file"));
            let deps = crate_paths(&code).iter().filter_map(|p| owner(p)).filter(|d| d != module).collect();
            (module.clone(), deps)
        })
        .collect()
}

/// The modules in cycles: strongly connected components with more than one member.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    // Kosaraju: order by finish time, then collect on the reversed graph.
    fn visit(v: &str, graph: &Graph, seen: &mut BTreeSet<String>, order: &mut Vec<String>) {
        if !seen.insert(v.to_owned()) {
            return;
        }
        for w in graph.get(v).into_iter().flatten() {
            visit(w, graph, seen, order);
        }
        order.push(v.to_owned());
    }
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for v in graph.keys() {
        visit(v, graph, &mut seen, &mut order);
    }
    let mut reversed: Graph = BTreeMap::new();
    for (v, ws) in graph {
        for w in ws {
            reversed.entry(w.clone()).or_default().insert(v.clone());
        }
    }
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for v in order.iter().rev() {
        let mut component = Vec::new();
        visit(v, &reversed, &mut seen, &mut component);
        if component.len() > 1 {
            component.sort();
            found.push(component);
        }
    }
    found
}

/// The same graph between top-level modules (`state::view` counts as `state`).
fn top_level(graph: &Graph) -> Graph {
    let top = |m: &str| m.split("::").next().unwrap_or_default().to_owned();
    let mut out: Graph = BTreeMap::new();
    for (v, ws) in graph {
        let entry = out.entry(top(v)).or_default();
        entry.extend(ws.iter().map(|w| top(w)).filter(|w| *w != top(v)));
    }
    out
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, (_, prefixes))| prefixes.iter().map(move |p| (i, *p)))
        .filter(|(_, p)| module == *p || module.starts_with(&format!("{p}::")))
        .max_by_key(|(_, p)| p.len())
        .map(|(i, _)| i)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn source_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("src")];
    let mut crates: Vec<_> =
        fs::read_dir(root().join("crates")).expect("crates/").flatten().map(|e| e.path().join("src")).collect();
    crates.sort();
    dirs.extend(crates.into_iter().filter(|d| d.is_dir()));
    dirs
}

#[test]
fn app_imports_only_go_down_the_layers() {
    let graph = graph(&root().join("src"));
    let mut unplaced = Vec::new();
    let mut upward = Vec::new();
    for (module, deps) in &graph {
        let Some(from) = layer_of(module) else {
            unplaced.push(module.clone());
            continue;
        };
        for dep in deps {
            match layer_of(dep) {
                Some(to) if to > from => {
                    upward.push(format!("{module} ({}) imports {dep} ({})", LAYERS[from].0, LAYERS[to].0))
                }
                Some(_) => {}
                None => unplaced.push(dep.clone()),
            }
        }
    }
    assert!(unplaced.is_empty(), "modules in no layer (add them to ARCHITECTURE.md and LAYERS): {unplaced:?}");
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

#[test]
fn no_crate_has_an_import_cycle() {
    let mut found = Vec::new();
    for src in source_dirs() {
        let graph = graph(&src);
        assert!(graph.len() > 3, "{}: too few modules read", src.display());
        for cycle in cycles(&graph) {
            found.push(format!("{}: files {}", src.display(), cycle.join(" ↔ ")));
        }
        for cycle in cycles(&top_level(&graph)) {
            found.push(format!("{}: modules {}", src.display(), cycle.join(" ↔ ")));
        }
    }
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_reader_follows_use_trees_and_finds_cycles() {
    let code = code_of(
        "use crate::a::{b, c::{d, e as f}};\n// use crate::comment::x;\nfn g() { crate::h::i(); mycrate::j(); }\n#[cfg(test)]\nmod tests { use crate::t; }",
    );
    assert_eq!(crate_paths(&code), ["a::b", "a::c::d", "a::c::e", "h::i"]);
    let graph: Graph = [("a", &["b"][..]), ("b", &["c"]), ("c", &["a"]), ("d", &["a"])]
        .iter()
        .map(|(v, ws)| (v.to_string(), ws.iter().map(|w| w.to_string()).collect()))
        .collect();
    assert_eq!(cycles(&graph), vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]]);
    let nested: Graph = [("x::p", &["y::q"][..]), ("y::q", &["x::r"]), ("x::r", &[])]
        .iter()
        .map(|(v, ws)| (v.to_string(), ws.iter().map(|w| w.to_string()).collect()))
        .collect();
    assert!(cycles(&nested).is_empty());
    assert_eq!(cycles(&top_level(&nested)).len(), 1);
    assert_eq!(layer_of("state::view"), Some(0));
    assert_eq!(layer_of("state::url"), Some(3));
    assert_eq!(layer_of("components::composer::storage"), Some(2));
    assert_eq!(layer_of("pages::session"), Some(5));
    assert_eq!(layer_of("components::sessions::events::loader"), Some(3));
    assert_eq!(layer_of("components::sessions::events::event_table"), Some(4));
}
