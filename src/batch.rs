//! Many copies of a week checked with one build: an instructor's seeded
//! mistakes and alternative solutions (`dl-course batch`, the bug suite).
//!
//! A check builds the learner's week, and blame builds it again on the
//! switchboard: two builds per copy, which made a hundred seeded mistakes
//! cost minutes of compilation. Here every copy that differs from the
//! solution only inside functions with blanks is seated on one switchboard
//! ([`crate::switchboard::batch`]): one build, then each copy is judged and
//! blamed exactly as `check` would, with its selection of versions. The
//! other copies (changed outside those functions) are built alone, all in
//! one cargo call, and checked the usual way. A case that involves none of
//! the functions a seated copy changed runs the reference's code for that
//! copy: it runs once, on the reference, and every such copy shares its
//! outcome (`verify` holds week.toml's `uses` to what the code calls, which
//! is what makes "involves" exact).
//!
//! The copies are trusted (an instructor's): nothing here is sandboxed.
//! Grading untrusted submissions is [`crate::grade`]'s.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::Result;

use crate::blame::{self, Seated, Variants};
use crate::blanks::WeekSources;
use crate::build::{self, Built};
use crate::fixtures::Fixture;
use crate::judge;
use crate::manifest::{Course, Week};
use crate::pipeline::{self, CheckOptions, CheckedWeek};
use crate::run::{self, Outcome, Selection};
use crate::switchboard::batch::Batch;

/// How a copy was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seating {
    /// On the batch's shared switchboard.
    Together,
    /// Built alone, for this reason.
    Alone(String),
}

/// One copy's check.
pub struct CheckedCopy<'w> {
    /// What `check` would have found.
    pub checked: CheckedWeek<'w>,
    /// How it was checked.
    pub seating: Seating,
}

/// Checks every copy of `week` (each the week's files, parsed beside the
/// solution); results in the copies' order.
pub fn check_many<'w>(
    course: &Course,
    week: &'w Week,
    copies: &[WeekSources],
    options: &CheckOptions,
) -> Result<Vec<CheckedCopy<'w>>> {
    let fixture_file = pipeline::load_fixtures(course, week, options.fixtures_dir.as_deref())?;
    let fixtures: Vec<&Fixture> = fixture_file.cases.iter().collect();
    let fixture_path = course.fixture_file(week, options.fixtures_dir.as_deref());
    let mut build_options = options.build;
    build_options.quiet = true;
    build_options.color = false;
    let modules: Vec<String> = week.files.iter().map(|f| Week::module_name(f)).collect();
    let mut batch = Batch::new(copies, &modules);
    let binary = shared_binary(course, week, &mut batch, copies, build_options)?;
    let seating: Vec<Seating> = (0..copies.len())
        .map(|i| match (batch.seat(i), &binary) {
            (Ok(_), Some(_)) => Seating::Together,
            (Ok(_), None) => Seating::Alone("the batch's shared build failed".into()),
            (Err(why), _) => Seating::Alone(why.to_string()),
        })
        .collect();
    let untouched: Vec<BTreeSet<String>> = copies.iter().map(|c| c.untouched_functions()).collect();
    let new_check = |c: &WeekSources| CheckedWeek {
        week,
        compile_errors: Vec::new(),
        verdicts: Vec::new(),
        blame: Default::default(),
        blanks: pipeline::blank_places(course, c),
    };
    let mut checked: Vec<CheckedWeek> = copies.iter().map(new_check).collect();
    // Every seated copy's cases at once, so the workers stay busy. A case
    // none of whose functions (its own and what it `uses`, which `verify`
    // holds to the code) the copy changed runs the reference's code: it is
    // run once, on the reference, and its outcome shared.
    let seated: Vec<usize> = (0..copies.len())
        .filter(|&i| seating[i] == Seating::Together)
        .collect();
    let mut outcomes: Vec<Vec<Option<Outcome>>> = vec![Vec::new(); copies.len()];
    if let Some(binary) = &binary {
        let involved: Vec<BTreeSet<&str>> = fixtures
            .iter()
            .map(|f| {
                let mut names: BTreeSet<&str> = week
                    .pieces_of(&f.spec.function)
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect();
                names.insert(f.spec.function.as_str());
                names
            })
            .collect();
        let affects = |i: usize, k: usize| match batch.seat(i) {
            Ok(seat) => {
                let changed = seat.changed_functions();
                // A changed function that is not graded is in no case's `uses`.
                changed.iter().any(|c| week.function(c).is_none()) || !changed.is_disjoint(&involved[k])
            }
            Err(_) => true,
        };
        let selections: Vec<Selection> = seated
            .iter()
            .map(|&i| batch.seat(i).map(|s| s.as_written()).unwrap_or_default())
            .collect();
        let reference = Selection::new();
        let mut runs: Vec<(&Fixture, &Selection)> = Vec::new();
        // Whose outcome each run is: a copy's case, or the reference's case k (shared).
        let mut owners: Vec<(Option<usize>, usize)> = Vec::new();
        for (k, f) in fixtures.iter().enumerate() {
            if seated
                .iter()
                .any(|&i| !affects(i, k) && !untouched[i].contains(&f.spec.function))
            {
                runs.push((f, &reference));
                owners.push((None, k));
            }
        }
        for (&i, selection) in seated.iter().zip(&selections) {
            outcomes[i] = vec![None; fixtures.len()];
            for (k, f) in fixtures.iter().enumerate() {
                if !untouched[i].contains(&f.spec.function) && affects(i, k) {
                    runs.push((f, selection));
                    owners.push((Some(i), k));
                }
            }
        }
        let mut shared: Vec<Option<Outcome>> = vec![None; fixtures.len()];
        for ((owner, k), outcome) in
            owners
                .into_iter()
                .zip(run::run_selected(course, binary, &runs, &options.run)?)
        {
            match owner {
                Some(i) => outcomes[i][k] = Some(outcome),
                None => shared[k] = Some(outcome),
            }
        }
        for &i in &seated {
            for (k, f) in fixtures.iter().enumerate() {
                if !untouched[i].contains(&f.spec.function) && !affects(i, k) {
                    outcomes[i][k] = shared[k].clone();
                }
            }
        }
    }
    // The others: each its own binary, all in one cargo call.
    let alone: Vec<usize> = (0..copies.len())
        .filter(|&i| seating[i] != Seating::Together)
        .collect();
    let mut compiled = vec![false; copies.len()];
    if !alone.is_empty() {
        let mut programs = Vec::new();
        for &i in &alone {
            let texts: Vec<String> = copies[i]
                .learner
                .iter()
                .map(|s| s.lines.join("\n") + "\n")
                .collect();
            programs.push(build::write_variant(
                course,
                week,
                &format!("{}-copy{i}", week.id),
                &texts,
            )?);
        }
        let built = build::build(
            course,
            week,
            &format!("dlc-{}-copies", week.id),
            &programs,
            build_options,
        )?;
        for (&i, b) in alone.iter().zip(built) {
            match b {
                Built::Binary(path) => {
                    outcomes[i] = run::run_cases(course, &path, &fixtures, &options.run, |f| {
                        untouched[i].contains(&f.spec.function)
                    })?;
                    compiled[i] = true;
                }
                Built::CompileErrors(errors) => {
                    checked[i].compile_errors = errors
                        .into_iter()
                        .map(|e| pipeline::relative_to(course, e))
                        .collect();
                    checked[i].verdicts = pipeline::verdicts_not_compiled(week, &fixtures, &untouched[i]);
                }
            }
        }
    }
    for (i, copy) in copies.iter().enumerate() {
        if !compiled[i] && seating[i] != Seating::Together {
            continue;
        }
        checked[i].verdicts = judge::judge_all(week, &fixtures, &outcomes[i], &untouched[i]);
        pipeline::fixture_fault(&fixture_path, &checked[i].verdicts)?;
        if options.blame {
            let seated = match (&binary, batch.seat(i)) {
                (Some(binary), Ok(seat)) if seating[i] == Seating::Together => Some(Seated { binary, seat }),
                _ => None,
            };
            let variants = Variants {
                build: build_options,
                seated,
            };
            checked[i].blame = blame::blame(
                course,
                week,
                copy,
                &fixtures,
                &checked[i].verdicts,
                variants,
                &options.run,
            )?;
        }
    }
    Ok(checked
        .into_iter()
        .zip(seating)
        .map(|(checked, seating)| CheckedCopy { checked, seating })
        .collect())
}

/// The batch's binary, or `None` when no copy is seated or the build fails
/// in a way no version explains (then every copy is built alone, which
/// reports each one's own compile errors).
///
/// Versions that mix a copy's blanks with the reference's can break types
/// (a blank's `let` renamed, used by the next), and a copy may not compile
/// at all: the versions rustc points at are left out and the rest built
/// again, a few rounds at most (rustc reports some errors only once others
/// are gone).
fn shared_binary(
    course: &Course,
    week: &Week,
    batch: &mut Batch,
    copies: &[WeekSources],
    build_options: build::BuildOptions,
) -> Result<Option<PathBuf>> {
    const ROUNDS: usize = 4;
    for _ in 0..ROUNDS {
        if (0..copies.len()).all(|i| batch.seat(i).is_err()) {
            return Ok(None);
        }
        let Ok((texts, lines)) = batch.texts(copies) else {
            return Ok(None);
        };
        let program = build::write_variant(course, week, &format!("{}-batch", week.id), &texts)?;
        let errors = match build::build_one(course, week, program, build_options)? {
            Built::Binary(path) => return Ok(Some(path)),
            Built::CompileErrors(errors) => errors,
        };
        let culprits: BTreeSet<&(String, usize)> = errors
            .iter()
            .filter_map(|e| {
                let (path, line) = e.location.as_deref()?.rsplit_once(':')?;
                let file = week
                    .files
                    .iter()
                    .position(|f| std::path::Path::new(path).ends_with(f))?;
                lines.version_at(file, line.parse().ok()?)
            })
            .collect();
        if culprits.is_empty() {
            return Ok(None);
        }
        for (key, number) in culprits {
            batch.leave_out(key, *number);
        }
    }
    Ok(None)
}
