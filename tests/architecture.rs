//! The shape of `src/`: data runs one way through the stages.
//!
//! Every file of `src/` is a module (`judge/compare.rs` is `judge::compare`,
//! `judge/mod.rs` is `judge`). A module depends on another when it names it
//! (`crate::run`, `super::catalogue`, or declares it with `mod`). These tests
//! fail when a module depends on one that depends back on it, directly or
//! through others, and when a file's code (its unit tests apart) grows past
//! 500 lines without saying why at its top.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `judge::compare` for `src/judge/compare.rs`, `judge` for `src/judge/mod.rs`,
/// `crate` for `src/main.rs`.
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["main"] {
        return "crate".into();
    }
    parts.join("::")
}

/// The longest known module that `path` (`judge::compare::Finding`) starts with.
fn resolve(path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|m| modules.contains(m))
}

/// Code without comments, so that doc links do not count as dependencies,
/// and without the unit tests at the end (their `super::` is the file itself).
fn code_of(text: &str) -> String {
    let end = ["#[cfg(test)]\nmod ", "#[cfg(test)]\npub mod "]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    let text = &text[..end];
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Module paths named in `code` after `prefix` (`crate::`, `super::`).
fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &code[i + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            rest[..end].trim_end_matches(':')
        })
        .collect()
}

fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let me = module_of(file);
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let parent = me
            .rsplit_once("::")
            .map(|(p, _)| p.to_string())
            .unwrap_or_else(|| "crate".into());
        let mut deps = BTreeSet::new();
        for p in paths_after(&code, "crate::") {
            deps.extend(resolve(p, &modules));
        }
        for p in paths_after(&code, "super::") {
            let full = if parent == "crate" {
                p.to_string()
            } else {
                format!("{parent}::{p}")
            };
            deps.insert(resolve(&full, &modules).unwrap_or_else(|| parent.clone()));
        }
        // `mod x;` makes a module depend on its child.
        for line in code.lines() {
            let line = line.trim().trim_start_matches("pub ");
            if let Some(name) = line.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
                let child = if me == "crate" {
                    name.to_string()
                } else {
                    format!("{me}::{name}")
                };
                if modules.contains(&child) {
                    deps.insert(child);
                }
            }
        }
        // Naming a sibling through the crate root (`crate::judge::...` from `judge::mistakes`) is fine.
        deps.remove(&me);
        graph.insert(me, deps);
    }
    graph
}

/// A cycle through `start`, if any, as the list of modules along it.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_string());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn no_module_depends_on_one_that_depends_back_on_it() {
    let graph = dependencies();
    assert!(graph.len() > 10, "found too few modules: {graph:?}");
    assert!(
        graph["pipeline"].contains("blame"),
        "the scanner misses dependencies: {graph:?}"
    );
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "dependency cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_stages_run_one_way() {
    // Each stage may use only stages listed before it.
    let order = [
        "manifest",
        "state",
        "guard",
        "sandbox",
        "blanks",
        "switchboard",
        "submission",
        "fixtures",
        "build",
        "run",
        "judge",
        "blame",
        "pipeline",
        "grade",
        "report",
        "cmd",
    ];
    let graph = dependencies();
    let stage = |m: &str| {
        order
            .iter()
            .position(|s| m == *s || m.starts_with(&format!("{s}::")))
    };
    for (module, deps) in &graph {
        let Some(mine) = stage(module) else { continue };
        for d in deps {
            if let Some(theirs) = stage(d) {
                assert!(
                    theirs <= mine,
                    "`{module}` uses `{d}`, a later stage (order: {})",
                    order.join(" → ")
                );
            }
        }
    }
}

#[test]
fn long_files_say_why_at_the_top() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests beside the code do not count.
        let code = ["#[cfg(test)]\nmod ", "#[cfg(test)]\npub mod "]
            .iter()
            .filter_map(|m| text.find(m))
            .min()
            .map_or(text.as_str(), |end| &text[..end]);
        let lines = code.lines().count();
        let head: String = text.lines().take(15).collect::<Vec<_>>().join("\n");
        assert!(
            lines <= 500 || head.contains("Long because"),
            "{} has {lines} lines: split it, or say at its top why it is long (\"Long because …\")",
            file.display()
        );
    }
}
