//! The check put together: manifest → build → run → judge → blame, into a
//! [`CheckedWeek`] that `report` turns into words; and the instructor's
//! fixture generation, which runs the same stages on the reference solution.
//!
//! This module calls the stages; no stage calls it back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use dlc::draws::Hidden;
use dlc::protocol::{CaseSpec, Response};

use crate::blame::{self, Attribution};
use crate::blanks::WeekSources;
use crate::build::{self, BuildOptions, Built, CompileError};
use crate::fixtures::{self, Fixture, FixtureFile};
use crate::judge::{self, Finding, Status, Verdict};
use crate::manifest::{Course, Week};
use crate::run::{self, Ending, RunOptions};

/// What `check` needs besides the course and the week.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Cargo options.
    pub build: BuildOptions,
    /// Time limit and parallelism of the cases.
    pub run: RunOptions,
    /// Look for the faulty blank when a case fails.
    pub blame: bool,
    /// Where fixtures are read from (default: the course's `fixtures/`).
    pub fixtures_dir: Option<PathBuf>,
}

/// Everything `check` learned about one week, ready to render.
pub struct CheckedWeek<'a> {
    /// The week.
    pub week: &'a Week,
    /// Compile errors, when the learner's file does not compile.
    pub compile_errors: Vec<CompileError>,
    /// One verdict per case, in fixture order.
    pub verdicts: Vec<Verdict>,
    /// Blame per failing case id.
    pub blame: BTreeMap<String, Attribution>,
    /// The learner's blanks, in file order.
    pub blanks: Vec<BlankPlace>,
}

/// One blank of the learner's files, as the report points at it.
#[derive(Clone, Debug)]
pub struct BlankPlace {
    /// `function#n`.
    pub id: String,
    /// The function it belongs to.
    pub function: String,
    /// `exercises/week3/deep_nn.rs:96`: the START marker, relative to the course.
    pub location: String,
    /// The marker's size hint (`≈ 2 lines`), when it gives one.
    pub size: Option<String>,
    /// Does it still hold its stub?
    pub untouched: bool,
}

/// Counts for the closing line.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed, errored or timed out (not counting those not done).
    pub failed: usize,
    /// Cases waiting on a blank that still holds its stub.
    pub not_done: usize,
}

impl CheckedWeek<'_> {
    /// Counts of passed and failed cases.
    pub fn summary(&self) -> Summary {
        let passed = self.verdicts.iter().filter(|v| v.status == Status::Pass).count();
        let not_done = self
            .verdicts
            .iter()
            .filter(|v| v.status == Status::NotDone)
            .count();
        Summary {
            passed,
            failed: self.verdicts.len() - passed - not_done,
            not_done,
        }
    }

    /// Did every case pass?
    pub fn all_passed(&self) -> bool {
        self.compile_errors.is_empty() && self.verdicts.iter().all(|v| v.status == Status::Pass)
    }
}

/// A path as the learner sees it: relative to the course when inside it.
pub fn course_relative(course: &Course, path: &Path) -> String {
    path.strip_prefix(&course.root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A compile error with the course's directory taken out of its paths.
pub fn relative_to(course: &Course, mut error: CompileError) -> CompileError {
    let prefix = format!("{}{}", course.root.display(), std::path::MAIN_SEPARATOR);
    error.rendered = error.rendered.replace(&prefix, "");
    error.location = error.location.map(|l| l.replace(&prefix, ""));
    error
}

/// Where each of the learner's blanks is, for the report.
pub fn blank_places(course: &Course, sources: &WeekSources) -> Vec<BlankPlace> {
    let untouched: BTreeSet<&str> = sources
        .pairs()
        .filter(|(s, l)| s.is_untouched(l))
        .map(|(_, l)| l.id.as_str())
        .collect();
    sources
        .learner
        .iter()
        .flat_map(|s| {
            let untouched = &untouched;
            s.blanks.iter().map(move |b| BlankPlace {
                id: b.id.clone(),
                function: b.function.clone(),
                location: format!("{}:{}", course_relative(course, &s.path), b.start_line),
                size: b.size.clone(),
                untouched: untouched.contains(b.id.as_str()),
            })
        })
        .collect()
}

/// Loads the week's fixtures, from `fixtures_dir` when given, and checks
/// that every case calls a function of the week.
pub fn load_fixtures(course: &Course, week: &Week, fixtures_dir: Option<&Path>) -> Result<FixtureFile> {
    let path = course.fixture_file(week, fixtures_dir);
    let file = FixtureFile::load(&path, &week.id)?;
    file.check_against(&path, week)?;
    Ok(file)
}

/// Is this finding the fixture's fault rather than the learner's? The
/// harness fixes the names and types of a function's arguments and outputs,
/// whatever the learner writes, so a request it cannot call (an argument
/// missing or of the wrong type), an expected value of another type than the
/// harness returns, or an expected output the harness never returns, comes
/// from the fixture. Returns what is wrong, in words.
pub fn instructor_fault(finding: &Finding) -> Option<String> {
    match finding {
        Finding::BadRequest { message } => Some(format!("the harness cannot call it: {message}")),
        Finding::Type { path, expected, got } => Some(format!(
            "its expected `{path}` is {expected}, but the harness returns {got}"
        )),
        Finding::Missing { path } if !path.contains(['.', '[']) => Some(format!(
            "it expects an output `{path}`, which the harness does not return"
        )),
        _ => None,
    }
}

/// The first case whose verdict is the fixture's fault, not the learner's
/// (see [`instructor_fault`]): an error naming the file and case.
pub fn fixture_fault(path: &Path, verdicts: &[Verdict]) -> Result<()> {
    for v in verdicts {
        if let Some(why) = instructor_fault(&v.finding) {
            bail!(
                "{}: case `{}` is wrong: {why} (an error in the fixture, not in your code)",
                path.display(),
                v.case_id
            );
        }
    }
    Ok(())
}

/// The verdicts when the code does not compile: nothing can run. Cases
/// waiting on untouched blanks stay not done; every other case is an error:
/// the code it needs does not compile.
pub fn verdicts_not_compiled(
    week: &Week,
    fixtures: &[&Fixture],
    untouched: &BTreeSet<String>,
) -> Vec<Verdict> {
    let mut verdicts = judge::judge_all(week, fixtures, &vec![None; fixtures.len()], untouched);
    for v in &mut verdicts {
        if matches!(&v.finding, Finding::NotDone { functions } if functions.is_empty()) {
            v.status = Status::Error;
            v.finding = Finding::NotCompiled;
        }
    }
    verdicts
}

/// `dl-course check`: builds the learner's week, runs and judges every case,
/// and blames the failures.
pub fn check<'w>(course: &Course, week: &'w Week, options: &CheckOptions) -> Result<CheckedWeek<'w>> {
    check_then_blame(course, week, options, |_| {})
}

/// [`check`], calling `verdicts_known` with the judged cases before blame
/// starts, so that a report can show them while blame builds its variants.
pub fn check_then_blame<'w>(
    course: &Course,
    week: &'w Week,
    options: &CheckOptions,
    verdicts_known: impl FnOnce(&CheckedWeek),
) -> Result<CheckedWeek<'w>> {
    let sources = WeekSources::load(course, week)?;
    let fixture_file = load_fixtures(course, week, options.fixtures_dir.as_deref())?;
    let fixtures: Vec<&Fixture> = fixture_file.cases.iter().collect();
    let untouched = sources.untouched_functions();
    let mut checked = CheckedWeek {
        week,
        compile_errors: Vec::new(),
        verdicts: Vec::new(),
        blame: Default::default(),
        blanks: blank_places(course, &sources),
    };
    match build::build_one(course, week, build::learner_program(course, week), options.build)? {
        Built::CompileErrors(errors) => {
            checked.compile_errors = errors.into_iter().map(|e| relative_to(course, e)).collect();
            // Nothing can run. Cases waiting on untouched blanks stay not done;
            // every other case is an error: the code it needs does not compile.
            checked.verdicts = verdicts_not_compiled(week, &fixtures, &untouched);
            verdicts_known(&checked);
        }
        Built::Binary(binary) => {
            let outcomes = run::run_cases(course, &binary, &fixtures, &options.run, |f| {
                untouched.contains(&f.spec.function)
            })?;
            checked.verdicts = judge::judge_all(week, &fixtures, &outcomes, &untouched);
            fixture_fault(
                &course.fixture_file(week, options.fixtures_dir.as_deref()),
                &checked.verdicts,
            )?;
            verdicts_known(&checked);
            if options.blame {
                checked.blame = blame::blame(
                    course,
                    week,
                    &sources,
                    &fixtures,
                    &checked.verdicts,
                    blame::Variants {
                        build: options.build,
                        seated: None,
                    },
                    &options.run,
                )?;
            }
        }
    }
    Ok(checked)
}

fn built_binary(built: Built, what: &str) -> Result<PathBuf> {
    match built {
        Built::Binary(b) => Ok(b),
        Built::CompileErrors(errors) => {
            let text: String = errors
                .iter()
                .map(|e| e.rendered.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            bail!("{what} does not compile:\n{text}")
        }
    }
}

/// Asks a compiled week for something through one of its side modes (`cases`, `functions`).
fn ask<T: serde::de::DeserializeOwned>(
    course: &Course,
    binary: &Path,
    mode: &str,
    extra: &[String],
) -> Result<T> {
    let dir = course.work_dir().join("run");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join(format!("{mode}-{}.json", std::process::id()));
    let status = std::process::Command::new(binary)
        .arg(mode)
        .arg(&file)
        .args(extra)
        .status()
        .with_context(|| format!("cannot start {}", binary.display()))?;
    if !status.success() {
        bail!("`{} {mode}` failed ({status})", binary.display());
    }
    let text = std::fs::read_to_string(&file).with_context(|| format!("no answer from `{mode}`"))?;
    let _ = std::fs::remove_file(&file);
    serde_json::from_str(&text).with_context(|| format!("unreadable answer from `{mode}`"))
}

/// The week's cases (inputs only) as the harness of the solution's `binary`
/// draws them: the public set, or the hidden set `hidden`.
pub fn draw_cases(course: &Course, binary: &Path, hidden: Option<Hidden>) -> Result<Vec<CaseSpec>> {
    let extra: Vec<String> = match hidden {
        None => Vec::new(),
        Some(h) => {
            let mut extra = vec!["--seed".to_string(), h.seed.to_string()];
            if h.notebook {
                extra.push("--redraw-notebook".into());
            }
            extra
        }
    };
    ask(course, binary, "cases", &extra)
}

/// The solution of `week`, built (for fixtures and `verify`).
pub fn solution_binary(course: &Course, week: &Week, build: BuildOptions) -> Result<PathBuf> {
    built_binary(
        build::build_one(course, week, build::solution_program(course, week), build)?,
        &format!("the solution of {}", week.id),
    )
}

/// `dl-course fixtures`: regenerates the week's fixtures from its solution,
/// or writes a hidden set (`hidden`) into `out_dir`.
pub fn make_fixtures(
    course: &Course,
    week: &Week,
    build: BuildOptions,
    run: &RunOptions,
    out_dir: Option<&Path>,
    hidden: Option<Hidden>,
) -> Result<FixtureFile> {
    let binary = solution_binary(course, week, build)?;
    let names: Vec<String> = ask(course, &binary, "functions", &[])?;
    for f in &week.functions {
        if !names.contains(&f.name) {
            bail!(
                "the harness of {} has no adapter for `{}`, which course/{}/week.toml lists",
                week.id,
                f.name,
                week.id
            );
        }
    }
    let specs = draw_cases(course, &binary, hidden)?;
    // A hidden set is checked against the public one, case by case.
    let public = match hidden {
        None => None,
        Some(_) => Some(load_fixtures(course, week, None).context(
            "a hidden set is made beside fresh public fixtures: run `dl-course fixtures <week>` first",
        )?),
    };
    let mut cases: Vec<Fixture> = specs
        .into_iter()
        .map(|spec| Fixture {
            spec,
            expected: Default::default(),
        })
        .collect();
    for c in &cases {
        if week.function(&c.spec.function).is_none() {
            bail!(
                "case `{}` calls `{}`, which course/{}/week.toml does not list",
                c.spec.id,
                c.spec.function,
                week.id
            );
        }
    }
    let refs: Vec<&Fixture> = cases.iter().collect();
    let outcomes = run::run_cases(course, &binary, &refs, run, |_| false)?;
    for (case, outcome) in cases.iter_mut().zip(outcomes) {
        let outcome = outcome.ok_or_else(|| anyhow!("case `{}` was not run", case.spec.id))?;
        match outcome.ending {
            Ending::Responded(Response::Ok { mut outputs, .. }) => {
                // Evidence depends on the code that produced it: never expected.
                outputs.retain(|name, _| !case.spec.evidence.contains(name));
                case.expected = outputs;
            }
            other => bail!(
                "the reference solution failed on case `{}`: {other:?}",
                case.spec.id
            ),
        }
        let public_case = public
            .as_ref()
            .and_then(|p| p.cases.iter().find(|c| c.spec.id == case.spec.id));
        fixtures::check_tolerance(case)
            .and_then(|()| public_case.map_or(Ok(()), |p| fixtures::check_redraw(case, p)))
            .map_err(|e| match hidden {
                None => anyhow!(e),
                Some(h) => anyhow!(
                    "{e}\nseed {} draws this case's inputs differently from the public set; try another seed",
                    h.seed
                ),
            })?;
        fixtures::check_timeout(case).map_err(|e| anyhow!(e))?;
    }
    let file = FixtureFile {
        format: fixtures::FORMAT,
        week: week.id.clone(),
        source_hash: fixtures::source_hash(&fixtures::sources(course, week))?,
        hidden,
        cases,
    };
    let path = course.fixture_file(week, out_dir);
    file.save(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(file)
}

/// Runs every case of `fixtures` on the reference solution and judges it
/// as a learner's: the verdicts `verify` expects to be all passes.
pub fn check_solution(
    course: &Course,
    week: &Week,
    fixtures: &[&Fixture],
    build: BuildOptions,
    run: &RunOptions,
) -> Result<Option<Vec<Verdict>>> {
    match build::build_one(course, week, build::solution_program(course, week), build)? {
        Built::CompileErrors(_) => Ok(None),
        Built::Binary(binary) => {
            let outcomes = run::run_cases(course, &binary, fixtures, run, |_| false)?;
            Ok(Some(judge::judge_all(
                week,
                fixtures,
                &outcomes,
                &BTreeSet::new(),
            )))
        }
    }
}
