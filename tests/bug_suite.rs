//! The seeded-bug suite and the alternative-implementation suite.
//!
//! `tests/bugs/<week>/*.toml`: plausible learner mistakes. Each must be caught
//! (a case of its function fails) and blamed on the right blank in every
//! failing case; those marked `unit_passes` must pass their own unit cases
//! (the bugs only a composition reveals).
//! `tests/alternatives/<week>/*.toml`: different but correct code; each must
//! pass every case (no false failure).
//!
//! Each week's seeded files are checked by one `dl-course batch` (one build
//! for all of them, each copy then judged and blamed as `check` would);
//! `batch_judges_and_blames_as_check_does` holds batch to `check` on a sample.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

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
    let wanted = |week: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|w| w.trim() == week))
    };
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

/// `seeded`'s edits as `(find, replace)` pairs.
fn edits(seeded: &Seeded) -> Vec<(&str, &str)> {
    seeded
        .edits
        .iter()
        .map(|e| (e.find.as_str(), e.replace.as_str()))
        .collect()
}

/// The week's files of the solution with `seeded`'s edits applied, as a
/// directory for `dl-course batch`.
fn write_copy(scratch: &Scratch, week: &str, dir: &Path, seeded: &Seeded) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(scratch.file(&format!("solutions/{week}"))).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let text = scratch.solution_with(week, &seeded.file, &edits(seeded));
    std::fs::write(dir.join(&seeded.file), text).unwrap();
}

/// A seeded file's check: the report `check --format json` would give, and its exit code.
struct Checked {
    report: serde_json::Value,
    code: i32,
}

/// Every seeded file (bugs and alternatives) checked by `dl-course batch`,
/// one batch per week (one build for all its copies), two weeks at a time;
/// by path. Computed once for both tests.
fn checked_all() -> &'static BTreeMap<PathBuf, Checked> {
    static ALL: OnceLock<BTreeMap<PathBuf, Checked>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut seeded_files = seeded("bugs");
        seeded_files.extend(seeded("alternatives"));
        let mut weeks: Vec<&str> = seeded_files.iter().map(|(w, _)| w.as_str()).collect();
        weeks.sort();
        weeks.dedup();
        let next = AtomicUsize::new(0);
        let done = Mutex::new(BTreeMap::new());
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| {
                    while let Some(week) = weeks.get(next.fetch_add(1, Ordering::SeqCst)) {
                        let checked = check_week(week, &seeded_files);
                        done.lock().unwrap().extend(checked);
                    }
                });
            }
        });
        done.into_inner().unwrap()
    })
}

/// One week's seeded files in one `dl-course batch`.
fn check_week(week: &str, seeded_files: &[(String, PathBuf)]) -> Vec<(PathBuf, Checked)> {
    let scratch = Scratch::new();
    let mine: Vec<&PathBuf> = seeded_files
        .iter()
        .filter(|(w, _)| w == week)
        .map(|(_, p)| p)
        .collect();
    let mut dirs = Vec::new();
    for (i, path) in mine.iter().enumerate() {
        let dir = scratch.file(&format!("copies/{i}"));
        write_copy(&scratch, week, &dir, &load(path));
        dirs.push(dir);
    }
    let out = scratch.cmd().arg("batch").arg(week).args(&dirs).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{week}: not JSON ({e}): {l}")))
        .collect();
    assert_eq!(
        lines.len(),
        mine.len(),
        "{week}: one line per copy expected; stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every copy sat on the shared switchboard, and blame found every
    // variant there: neither fell back to a build of its own (which would be silent).
    for (line, path) in lines.iter().zip(&mine) {
        assert!(
            line["built_alone_because"].is_null(),
            "{}: built alone: {}",
            path.display(),
            line["built_alone_because"]
        );
    }
    let fallback = scratch.file(&format!("target/dl-course/packages/dlc-{week}-blame"));
    assert!(
        !fallback.exists(),
        "{week}: blame fell back to one binary per variant; the batch lacked a variant"
    );
    lines
        .into_iter()
        .zip(mine)
        .map(|(line, path)| {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let code = if line["passed"] == true { 0 } else { 1 };
            dump_verdicts(week, &name, &line["report"], code);
            (
                path.clone(),
                Checked {
                    report: line["report"].clone(),
                    code,
                },
            )
        })
        .collect()
}

/// What one seeded bug's check showed: problems, and counts for the summary.
#[derive(Default)]
struct BugResult {
    problems: Vec<String>,
    blamed_right: usize,
    blamed_total: usize,
    integration_only: bool,
}

fn check_bug(week: &str, path: &Path, checked: &Checked) -> BugResult {
    let bug = load(path);
    let name = path.file_stem().unwrap().to_string_lossy().to_string();
    let expect = bug
        .expect
        .as_ref()
        .unwrap_or_else(|| panic!("{name}: [expect] is required for a bug"));
    let (report, code) = (&checked.report, checked.code);
    let all = cases(report);
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
    let all = checked_all();
    let results: Vec<BugResult> = bugs
        .iter()
        .map(|(week, path)| check_bug(week, path, &all[path]))
        .collect();
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
    let all = checked_all();
    let problems: Vec<String> = alternatives
        .iter()
        .filter_map(|(_, path)| {
            assert!(
                load(path).expect.is_none(),
                "{}: an alternative expects every case to pass",
                path.display()
            );
            let checked = &all[path];
            let failing: Vec<String> = cases(&checked.report)
                .iter()
                .filter(|c| c["status"] != "pass")
                .map(|c| format!("{} {}: {}", c["id"], c["status"], c["message"]))
                .collect();
            (checked.code != 0 || !failing.is_empty())
                .then(|| format!("{}: {}", path.display(), failing.join("; ")))
        })
        .collect();
    println!("alternative implementations: {} checked", alternatives.len());
    assert!(problems.is_empty(), "false failures:\n{}", problems.join("\n"));
}

/// `batch` checks a copy as `check` does: one seeded bug per week (the first
/// that only a composition reveals), checked both ways, gets the same
/// verdicts, blame and named mistakes case by case.
#[test]
fn batch_judges_and_blames_as_check_does() {
    let bugs = seeded("bugs");
    let all = checked_all();
    let mut weeks: Vec<&str> = bugs.iter().map(|(w, _)| w.as_str()).collect();
    weeks.dedup();
    let sample: Vec<&(String, PathBuf)> = weeks
        .iter()
        .filter_map(|week| {
            let mine: Vec<&(String, PathBuf)> = bugs.iter().filter(|(w, _)| w == week).collect();
            let integration = mine
                .iter()
                .find(|(_, p)| load(p).expect.is_some_and(|e| e.unit_passes));
            integration.or(mine.first()).copied()
        })
        .collect();
    let verdicts = |report: &serde_json::Value| -> Vec<String> {
        cases(report)
            .iter()
            .map(|c| format!("{} {} {} {}", c["id"], c["status"], c["blame"], c["mistake"]))
            .collect()
    };
    let differ: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = sample
            .chunks(sample.len().div_ceil(2).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    let scratch = Scratch::new();
                    let mut differ = Vec::new();
                    for (week, path) in chunk {
                        let bug = load(path);
                        scratch.use_solution_with(week, &bug.file, &edits(&bug));
                        let (report, code) = scratch.check_json(week);
                        let batch = &all[path];
                        if verdicts(&report) != verdicts(&batch.report) || code != batch.code {
                            differ.push(format!(
                                "{}:\n check: {:?}\n batch: {:?}",
                                path.display(),
                                verdicts(&report),
                                verdicts(&batch.report)
                            ));
                        }
                    }
                    differ
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    println!("batch against check: {} seeded bugs compared", sample.len());
    assert!(
        differ.is_empty(),
        "batch and check disagree:\n{}",
        differ.join("\n")
    );
}
