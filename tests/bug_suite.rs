//! The seeded-bug suite and the alternative-implementation suite.
//!
//! `tests/bugs/<week>/*.toml`: plausible learner mistakes. Each must be caught
//! (a case of its function fails) and blamed on the right blank in every
//! failing case; those marked `unit_passes` must pass their own unit cases
//! (the bugs only a composition reveals).
//! `tests/alternatives/<week>/*.toml`: different but correct code; each must
//! pass every case (no false failure).

mod common;

use std::path::{Path, PathBuf};

use common::{Scratch, cases};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    find: String,
    replace: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// A function with a failing case: the blank's own, or a composite that reveals it.
    function: String,
    blank: String,
    #[serde(default)]
    unit_passes: bool,
    #[serde(default)]
    mistake: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Seeded {
    /// What the bug breaks (alternatives: what they do differently).
    #[serde(default)]
    breaks: String,
    file: String,
    #[serde(rename = "edit")]
    edits: Vec<Edit>,
    expect: Option<Expect>,
}

/// `(week, file)` for every `.toml` under `tests/<kind>/<week>/`, sorted.
/// `DLC_SUITE_WEEKS=week6,week8` keeps only those weeks (while authoring one).
fn seeded(kind: &str) -> Vec<(String, PathBuf)> {
    let dir = common::repo().join("tests").join(kind);
    let only = std::env::var("DLC_SUITE_WEEKS").ok();
    let wanted = |week: &str| only.as_deref().is_none_or(|o| o.split(',').any(|w| w.trim() == week));
    let mut found = Vec::new();
    for week in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if !wanted(&week.file_name().to_string_lossy()) {
            continue;
        }
        for file in std::fs::read_dir(week.path()).into_iter().flatten().flatten() {
            if file.path().extension().is_some_and(|e| e == "toml") {
                found.push((week.file_name().into_string().unwrap(), file.path()));
            }
        }
    }
    found.sort();
    found
}

fn load(path: &Path) -> Seeded {
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// With `DLC_DUMP_VERDICTS=<dir>` set, writes `<dir>/<week>__<name>.json`: per
/// case its id, status, blame and mistake (not the message text nor the time,
/// which move with line numbers and load). Two dumps taken before and after a
/// refactoring are compared with `diff -r`.
fn dump_verdicts(week: &str, name: &str, report: &serde_json::Value, code: i32) {
    let Some(dir) = std::env::var_os("DLC_DUMP_VERDICTS") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let verdicts: Vec<serde_json::Value> = cases(report)
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c["id"],
                "status": c["status"],
                "blame": c["blame"],
                "mistake": c["mistake"],
            })
        })
        .collect();
    let dump = serde_json::json!({ "exit_code": code, "cases": verdicts });
    let text = serde_json::to_string_pretty(&dump).unwrap() + "\n";
    std::fs::write(dir.join(format!("{week}__{name}.json")), text).unwrap();
}

fn apply(scratch: &Scratch, week: &str, seeded: &Seeded) {
    let edits: Vec<(&str, &str)> = seeded
        .edits
        .iter()
        .map(|e| (e.find.as_str(), e.replace.as_str()))
        .collect();
    scratch.use_solution_with(week, &seeded.file, &edits);
}

/// Runs `each` on every seeded file, a week's files in order on one scratch
/// course, two weeks at a time (while one week's check compiles, the
/// other's cases run), and returns what `each` returned, in file order.
fn per_week<T: Send>(
    seeded: &[(String, PathBuf)],
    each: impl Fn(&Scratch, &str, &Path) -> T + Sync,
) -> Vec<T> {
    let mut weeks: Vec<&str> = seeded.iter().map(|(w, _)| w.as_str()).collect();
    weeks.dedup();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(week) = weeks.get(k) else { break };
                    let scratch = Scratch::new();
                    for (i, (w, path)) in seeded.iter().enumerate() {
                        if w == week {
                            let out = each(&scratch, week, path);
                            done.lock().unwrap().push((i, out));
                        }
                    }
                    // Blame ran every variant on the switchboard: it never fell
                    // back to one binary per variant (which would be silent).
                    let fallback = scratch.file(&format!("target/dl-course/packages/dlc-{week}-blame"));
                    assert!(
                        !fallback.exists(),
                        "{week}: blame fell back to one binary per variant; the switchboard could not serve a seeded file"
                    );
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, out)| out).collect()
}

/// What one seeded bug's check showed: problems, and counts for the summary.
#[derive(Default)]
struct BugResult {
    problems: Vec<String>,
    blamed_right: usize,
    blamed_total: usize,
    integration_only: bool,
}

fn check_bug(scratch: &Scratch, week: &str, path: &Path) -> BugResult {
    let bug = load(path);
    let name = path.file_stem().unwrap().to_string_lossy().to_string();
    let expect = bug
        .expect
        .as_ref()
        .unwrap_or_else(|| panic!("{name}: [expect] is required for a bug"));
    apply(scratch, week, &bug);
    let (report, code) = scratch.check_json(week);
    dump_verdicts(week, &name, &report, code);
    let all = cases(&report);
    let failing: Vec<&serde_json::Value> = all
        .iter()
        .filter(|c| ["fail", "error", "timeout"].contains(&c["status"].as_str().unwrap()))
        .collect();
    // The unit cases of the function the wrong blank is in (which may be a
    // piece of `expect.function`, the function whose cases reveal the bug).
    let blank_function = expect.blank.split('#').next().unwrap_or_default();
    let own_units: Vec<&serde_json::Value> = all
        .iter()
        .filter(|c| c["function"] == blank_function && c["kind"] == "unit")
        .collect();
    let units_pass = own_units.iter().all(|c| c["status"] == "pass");
    let mut result = BugResult::default();
    let mut problem = |m: String| {
        result
            .problems
            .push(format!("{week}/{name} ({}): {m}", bug.breaks))
    };
    if code != 1 || failing.is_empty() {
        problem("not caught: every case passed".into());
        return result;
    }
    if !failing.iter().any(|c| c["function"] == expect.function.as_str()) {
        problem(format!("no case of `{}` fails", expect.function));
    }
    if units_pass != expect.unit_passes {
        problem(format!(
            "its own unit cases {} (expected the opposite)",
            if units_pass { "pass" } else { "fail" }
        ));
    }
    if let Some(word) = &expect.mistake {
        let named = failing
            .iter()
            .any(|c| c["mistake"].as_str().is_some_and(|m| m.contains(word.as_str())));
        if !named {
            problem(format!("no failing case names the mistake `{word}`"));
        }
    }
    for c in &failing {
        if c["blame"] != serde_json::json!([expect.blank]) {
            problem(format!(
                "case {} blamed {} instead of [{}]: {}",
                c["id"], c["blame"], expect.blank, c["message"]
            ));
        }
    }
    result.integration_only = units_pass;
    result.blamed_total = failing.len();
    result.blamed_right = failing
        .iter()
        .filter(|c| c["blame"] == serde_json::json!([expect.blank]))
        .count();
    result
}

#[test]
fn every_seeded_bug_is_caught_and_blamed_on_its_blank() {
    let bugs = seeded("bugs");
    let results = per_week(&bugs, check_bug);
    let problems: Vec<&String> = results.iter().flat_map(|r| &r.problems).collect();
    println!(
        "seeded bugs: {} ({} reveal themselves only in a composition); failing cases blamed on the right blank: {}/{}",
        bugs.len(),
        results.iter().filter(|r| r.integration_only).count(),
        results.iter().map(|r| r.blamed_right).sum::<usize>(),
        results.iter().map(|r| r.blamed_total).sum::<usize>(),
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_alternative_implementation_passes() {
    let alternatives = seeded("alternatives");
    let problems: Vec<String> = per_week(&alternatives, |scratch, week, path| {
        let alt = load(path);
        assert!(
            alt.expect.is_none(),
            "{}: an alternative expects every case to pass",
            path.display()
        );
        apply(scratch, week, &alt);
        let (report, code) = scratch.check_json(week);
        let name = path.file_stem().unwrap().to_string_lossy();
        dump_verdicts(week, &name, &report, code);
        let failing: Vec<String> = cases(&report)
            .iter()
            .filter(|c| c["status"] != "pass")
            .map(|c| format!("{} {}: {}", c["id"], c["status"], c["message"]))
            .collect();
        (code != 0 || !failing.is_empty()).then(|| format!("{}: {}", path.display(), failing.join("; ")))
    })
    .into_iter()
    .flatten()
    .collect();
    println!("alternative implementations: {} checked", alternatives.len());
    assert!(problems.is_empty(), "false failures:\n{}", problems.join("\n"));
}
