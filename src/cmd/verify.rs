//! `dl-course verify [weeks]` (instructors): everything that must hold for a
//! week to ship: the solution passes every case, the stub compiles and is not
//! done everywhere, stubs and fixtures are fresh, every function has cases.

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use colored::Colorize;

use super::shared;
use crate::blanks;
use crate::build::{self, Built};
use crate::fixtures;
use crate::guard::Limits;
use crate::judge::{self, Status};
use crate::manifest::{Course, Lang, Week};
use crate::pipeline;
use crate::report;
use crate::run;

/// Verifies the chosen weeks (all when none is named); exit 1 on any problem.
pub fn run(course: &Course, weeks: &[String]) -> Result<ExitCode> {
    let chosen: Vec<&Week> = if weeks.is_empty() {
        course.weeks.iter().collect()
    } else {
        weeks.iter().map(|w| course.week(w)).collect::<Result<_, _>>()?
    };
    let mut ok = true;
    for week in chosen {
        let problems = verify_week(course, week)?;
        if problems.is_empty() {
            println!("{} {}", "ok".green(), week.id);
        } else {
            ok = false;
            for p in problems {
                println!("{} {}: {p}", "FAIL".red().bold(), week.id);
            }
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
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
    let (build_options, run_options) = (
        shared::build_options(),
        shared::run_options(Duration::from_secs(30), Limits::DEFAULT_MEMORY_MIB),
    );
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
    match pipeline::check_solution(course, week, &fixtures, build_options, &run_options)? {
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
    let stub = build::write_variant(course, week, &format!("{}-stub", week.id), &stubs)?;
    match build::build_one(course, week, stub, build_options)? {
        Built::CompileErrors(e) => problems.push(format!(
            "the stub does not compile:\n{}",
            e.iter()
                .map(|e| e.rendered.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        )),
        Built::Binary(binary) => {
            let outcomes = run::run_cases(course, &binary, &fixtures, &run_options, |f| {
                untouched.contains(&f.spec.function)
            })?;
            for v in judge::judge_all(week, &fixtures, &outcomes, &untouched) {
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
