//! `dl-course verify [weeks]` (instructors): everything that must hold for a
//! week to ship: the solution passes every case, the stub compiles and is not
//! done everywhere, stubs and fixtures are fresh, every function has cases.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use colored::Colorize;

use super::shared;
use crate::blanks;
use crate::build::{self, Built};
use crate::calls::{self, CallGraph};
use crate::fixtures;
use crate::guard::Limits;
use crate::judge::{self, Status};
use crate::manifest::{Course, Lang, Week};
use crate::pipeline;
use crate::report;
use crate::run;

/// Verifies the chosen weeks (all when none is named), and their hidden sets
/// in `hidden_dir` when given; exit 1 on any problem.
pub fn run(course: &Course, weeks: &[String], hidden_dir: Option<&Path>) -> Result<ExitCode> {
    let chosen: Vec<&Week> = if weeks.is_empty() {
        course.weeks.iter().collect()
    } else {
        weeks.iter().map(|w| course.week(w)).collect::<Result<_, _>>()?
    };
    let mut ok = true;
    for week in chosen {
        let problems = verify_week(course, week)?;
        ok &= say(&week.id, problems);
        if let Some(dir) = hidden_dir {
            let what = format!(
                "{} (hidden set {})",
                week.id,
                course.fixture_file(week, Some(dir)).display()
            );
            ok &= say(&what, verify_hidden(course, week, dir)?);
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Prints `ok` or the problems of `what`; true when there are none.
fn say(what: &str, problems: Vec<String>) -> bool {
    if problems.is_empty() {
        println!("{} {what}", "ok".green());
    } else {
        for p in &problems {
            println!("{} {what}: {p}", "FAIL".red().bold());
        }
    }
    problems.is_empty()
}

/// Does the exercise file `text` hold learner work: the solution's blanks,
/// one of them written (changed from the stub and without a `todo!()`; a
/// stale stub, whose blanks all still hold a `todo!()`, is not work)?
fn holds_work(course: &Course, week: &Week, file: &str, path: &std::path::Path, text: &str) -> bool {
    let (Ok(learner), Ok(solution)) = (
        blanks::Source::parse(path, text),
        blanks::Source::read(&course.solution_file(week, file)),
    ) else {
        return false;
    };
    blanks::check_same_blanks(&learner, &solution).is_ok()
        && solution
            .blanks
            .iter()
            .zip(&learner.blanks)
            .any(|(s, l)| !s.is_untouched(l) && !l.code.iter().any(|line| line.contains("todo!(")))
}

/// Everything that must hold for a week to ship; returns the problems found.
fn verify_week(course: &Course, week: &Week) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let stubs = blanks::stub_texts(course, week)?;
    for (file, text) in week.files.iter().zip(&stubs) {
        let path = course.exercise_file(week, file);
        let on_disk = std::fs::read_to_string(&path).ok();
        if on_disk.as_deref() != Some(text.as_str()) {
            // A checkout where the exercises hold work (an instructor trying the
            // course): the stub is built and run from memory below; its file on
            // disk is the learner's, not a stale stub.
            if on_disk
                .as_deref()
                .is_some_and(|t| holds_work(course, week, file, &path, t))
            {
                println!(
                    "note: {} holds work (blanks written): the stub generated from the solution is checked in memory, not this file",
                    path.display()
                );
                continue;
            }
            problems.push(format!(
                "{} is not the stub generated from the solution (run `dl-course stub {}`)",
                path.display(),
                week.id
            ));
        }
    }
    let fixture_file = pipeline::load_fixtures(course, week, None)?;
    let hash = fixtures::source_hash(&fixtures::sources(course, week))?;
    if fixture_file.source_hash != hash {
        problems.push(format!(
            "fixtures are stale: the solution or harness changed (run `dl-course fixtures {}`)",
            week.id
        ));
    }
    for f in &week.functions {
        let units = fixture_file
            .cases
            .iter()
            .filter(|c| c.spec.function == f.name && c.spec.kind == dlc::protocol::CaseKind::Unit)
            .count();
        let integration = fixture_file.cases.iter().any(|c| c.spec.function == f.name);
        if !f.harness_only && units < 3 {
            problems.push(format!(
                "`{}` has {units} unit cases; at least 3 are required",
                f.name
            ));
        }
        if !integration {
            problems.push(format!("`{}` has no cases", f.name));
        }
    }
    for case in &fixture_file.cases {
        for m in &case.spec.mistakes {
            if !report::mistake_is_worded(&m.id, week) {
                problems.push(format!(
                    "case `{}` records the mistake `{}`, which has no words: add it to [mistakes] in course/{}/week.toml",
                    case.spec.id, m.id, week.id
                ));
            }
        }
    }
    problems.extend(
        week.case_note_problems(
            fixture_file
                .cases
                .iter()
                .map(|c| (c.spec.id.as_str(), c.spec.note.as_str())),
        ),
    );
    let fixtures: Vec<&fixtures::Fixture> = fixture_file.cases.iter().collect();
    problems.extend(solution_problems(course, week, &fixtures)?);
    let solution_sources: Vec<blanks::Source> = week
        .files
        .iter()
        .map(|f| blanks::Source::read(&course.solution_file(week, f)))
        .collect::<Result<_, _>>()?;
    let untouched: BTreeSet<String> = solution_sources
        .iter()
        .flat_map(|s| s.blanks.iter().map(|b| b.function.clone()))
        .collect();
    for f in &week.functions {
        if !f.harness_only && !untouched.contains(&f.name) {
            problems.push(format!("`{}` has no blank in the solution", f.name));
        }
    }
    problems.extend(uses_problems(course, week)?);
    problems.extend(stub_problems(course, week, &stubs, &fixtures)?);
    Ok(problems)
}

/// Graded functions that a graded function's code (or its harness adapter)
/// calls without week.toml's `uses` listing them: blame would not look
/// there, and `batch` would take a case's result from the reference.
fn uses_problems(course: &Course, week: &Week) -> Result<Vec<String>> {
    let mut graph = CallGraph::default();
    for f in &week.files {
        let path = course.solution_file(week, f);
        let text =
            std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        graph
            .add_file(&text)
            .with_context(|| format!("cannot parse {}", path.display()))?;
    }
    let harness_path = course.harness_file(week);
    let harness = std::fs::read_to_string(&harness_path)
        .with_context(|| format!("cannot read {}", harness_path.display()))?;
    graph
        .add_file(&harness)
        .with_context(|| format!("cannot parse {}", harness_path.display()))?;
    let adapters =
        calls::adapters(&harness).with_context(|| format!("cannot parse {}", harness_path.display()))?;
    let graded: BTreeSet<&str> = week.functions.iter().map(|f| f.name.as_str()).collect();
    let mut problems = Vec::new();
    for f in &week.functions {
        let mut reached = graph.reached(&f.name, &graded);
        if let Some(adapter) = adapters.get(&f.name) {
            reached.extend(graph.reached(adapter, &graded));
        }
        let declared: BTreeSet<&str> = week.pieces_of(&f.name).iter().map(|p| p.name.as_str()).collect();
        for missing in reached.iter().filter(|g| **g != f.name && !declared.contains(*g)) {
            problems.push(format!(
                "`{}` calls `{missing}`, which its `uses` in course/{}/week.toml does not list (blame would not look there)",
                f.name, week.id
            ));
        }
    }
    Ok(problems)
}

/// The solution's verdicts on `fixtures` that are not passes.
fn solution_problems(course: &Course, week: &Week, fixtures: &[&fixtures::Fixture]) -> Result<Vec<String>> {
    let (build_options, run_options) = options();
    let mut problems = Vec::new();
    match pipeline::check_solution(course, week, fixtures, build_options, &run_options)? {
        None => problems.push("the solution does not compile".into()),
        Some(verdicts) => {
            for v in verdicts {
                if v.status != Status::Pass {
                    problems.push(format!(
                        "the solution fails {}: {}",
                        v.case_id,
                        report::describe(&v.finding, Lang::En)
                    ));
                }
            }
        }
    }
    Ok(problems)
}

/// The stub's (`stubs`, one text per week file) verdicts on `fixtures` that are not `not_done`.
fn stub_problems(
    course: &Course,
    week: &Week,
    stubs: &[String],
    fixtures: &[&fixtures::Fixture],
) -> Result<Vec<String>> {
    let (build_options, run_options) = options();
    let mut problems = Vec::new();
    let untouched: BTreeSet<String> = week
        .files
        .iter()
        .map(|f| blanks::Source::read(&course.solution_file(week, f)))
        .collect::<Result<Vec<_>, _>>()?
        .iter()
        .flat_map(|s| s.blanks.iter().map(|b| b.function.clone()))
        .collect();
    let stub = build::write_variant(course, week, &format!("{}-stub", week.id), stubs)?;
    match build::build_one(course, week, stub, build_options)? {
        Built::CompileErrors(e) => problems.push(format!(
            "the stub does not compile:\n{}",
            e.iter()
                .map(|e| e.rendered.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        )),
        Built::Binary(binary) => {
            let outcomes = run::run_cases(course, &binary, fixtures, &run_options, |f| {
                untouched.contains(&f.spec.function)
            })?;
            for v in judge::judge_all(week, fixtures, &outcomes, &untouched) {
                if v.status != Status::NotDone {
                    problems.push(format!(
                        "the stub's verdict on {} is {:?}, not not_done",
                        v.case_id, v.status
                    ));
                }
            }
        }
    }
    Ok(problems)
}

/// Cargo and case options of `verify`: a slow machine's reference still passes.
fn options() -> (build::BuildOptions, run::RunOptions) {
    (
        shared::build_options(),
        shared::run_options(Duration::from_secs(30), Limits::DEFAULT_MEMORY_MIB),
    )
}

/// What must hold for a hidden set: it is one (a seed), fresh, drawn by its
/// seed from this solution, the same cases as the public set with some of
/// them redrawn, passed by the solution and `not_done` for the stub.
fn verify_hidden(course: &Course, week: &Week, dir: &Path) -> Result<Vec<String>> {
    let path = course.fixture_file(week, Some(dir));
    let file = pipeline::load_fixtures(course, week, Some(dir))?;
    let Some(hidden) = file.hidden else {
        return Ok(vec![format!(
            "{} is not a hidden set (it records no seed): grading with it grades against the public fixtures; make one with `dl-course fixtures {} --seed N --out DIR`",
            path.display(),
            week.id
        )]);
    };
    let mut problems = Vec::new();
    if file.source_hash != fixtures::source_hash(&fixtures::sources(course, week))? {
        problems.push(format!(
            "stale: the solution or harness changed since it was made (run `dl-course fixtures {} --seed {} --out DIR` again)",
            week.id, hidden.seed
        ));
    }
    let public = pipeline::load_fixtures(course, week, None)?;
    let ids = |cases: &[fixtures::Fixture]| cases.iter().map(|c| c.spec.id.clone()).collect::<Vec<_>>();
    if ids(&public.cases) != ids(&file.cases) {
        problems.push("its cases are not the public set's (ids or order differ)".into());
    }
    let binary = pipeline::solution_binary(course, week, options().0)?;
    let drawn = pipeline::draw_cases(course, &binary, Some(hidden))?;
    for (case, spec) in file.cases.iter().zip(&drawn) {
        if case.spec != *spec {
            problems.push(format!(
                "case `{}` is not what seed {} draws (edited by hand, or made from another solution)",
                case.spec.id, hidden.seed
            ));
        }
    }
    if drawn.len() != file.cases.len() {
        problems.push(format!(
            "{} cases, but seed {} draws {}",
            file.cases.len(),
            hidden.seed,
            drawn.len()
        ));
    }
    if super::fixtures::redrawn(&public.cases, &file.cases) == 0 {
        problems.push("no case has other inputs than the public fixtures".into());
    }
    let cases: Vec<&fixtures::Fixture> = file.cases.iter().collect();
    problems.extend(solution_problems(course, week, &cases)?);
    let stubs = blanks::stub_texts(course, week)?;
    problems.extend(stub_problems(course, week, &stubs, &cases)?);
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The course in this repository: every week's `uses` lists what its code calls.
    #[test]
    fn every_weeks_uses_lists_what_its_code_calls() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let course = shared::load_course(Some(root), Lang::En).unwrap();
        let problems: Vec<String> = course
            .weeks
            .iter()
            .flat_map(|w| uses_problems(&course, w).unwrap())
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
