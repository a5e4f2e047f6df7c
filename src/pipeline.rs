//! The stages put together: manifest → build → run → judge (→ blame) → report data.
//!
//! Each public function here is one CLI command's work, minus the printing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use dlc::protocol::{CaseSpec, Request, Response};

use crate::blame;
use crate::blanks::{self, Source};
use crate::build::{self, BuildOptions, Built, Program};
use crate::fixtures::{self, Fixture, FixtureFile};
use crate::guard::Limits;
use crate::judge::{self, Progress, Verdict};
use crate::manifest::{Course, Week};
use crate::report::WeekReport;
use crate::run::{self, Ending, Job, Outcome};

/// Options shared by the commands that build and run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Cargo options.
    pub build: BuildOptions,
    /// Default time limit per case.
    pub timeout: Duration,
    /// Cases run at once.
    pub workers: usize,
    /// Look for the faulty blank when a case fails.
    pub blame: bool,
    /// Where fixtures are read from (default: the course's `fixtures/`).
    pub fixtures_dir: Option<PathBuf>,
    /// Resource limits of every case's process.
    pub limits: Limits,
}

/// The learner's and the solution's versions of one week's files.
pub struct WeekSources {
    /// Parsed exercise files, in manifest order.
    pub learner: Vec<Source>,
    /// Parsed solution files, in manifest order.
    pub solution: Vec<Source>,
}

impl WeekSources {
    /// Reads and parses both sides, checking their blanks correspond.
    pub fn load(course: &Course, week: &Week) -> Result<WeekSources> {
        let mut learner = Vec::new();
        let mut solution = Vec::new();
        for file in &week.files {
            let s = Source::read(&course.solution_file(week, file))?;
            let l = Source::read(&course.exercise_file(week, file))?;
            blanks::check_same_blanks(&l, &s)?;
            learner.push(l);
            solution.push(s);
        }
        Ok(WeekSources { learner, solution })
    }

    /// Functions with at least one blank still holding its stub.
    pub fn untouched_functions(&self) -> BTreeSet<String> {
        self.pairs()
            .filter(|(s, l)| s.is_untouched(l))
            .map(|(s, _)| s.function.clone())
            .collect()
    }

    /// Is every blank of the week untouched?
    pub fn nothing_written(&self) -> bool {
        self.pairs().all(|(s, l)| s.is_untouched(l))
    }

    /// `(solution blank, learner blank)` for every blank of the week.
    pub fn pairs(&self) -> impl Iterator<Item = (&blanks::Blank, &blanks::Blank)> {
        self.solution
            .iter()
            .zip(&self.learner)
            .flat_map(|(s, l)| s.blanks.iter().zip(&l.blanks))
    }
}

/// The learner's program: the exercise files as they are on disk.
pub fn learner_program(course: &Course, week: &Week) -> Program {
    Program {
        name: format!("{}-learner", week.id),
        modules: week
            .files
            .iter()
            .map(|f| (Week::module_name(f), course.exercise_file(week, f)))
            .collect(),
        with_cases: false,
    }
}

/// The reference program: the solution files.
pub fn solution_program(course: &Course, week: &Week) -> Program {
    Program {
        name: format!("{}-solution", week.id),
        modules: week
            .files
            .iter()
            .map(|f| (Week::module_name(f), course.solution_file(week, f)))
            .collect(),
        with_cases: true,
    }
}

/// Builds one program in its own package.
pub fn build_one(course: &Course, week: &Week, program: Program, options: BuildOptions) -> Result<Built> {
    let package = format!("dlc-{}", program.name);
    let mut built = build::build(course, week, &package, std::slice::from_ref(&program), options)?;
    built
        .pop()
        .ok_or_else(|| anyhow!("cargo built nothing for {}", program.name))
}

/// Writes generated sources of a variant under `target/dl-course/sources/<name>/`.
pub fn write_variant(course: &Course, week: &Week, name: &str, texts: &[String]) -> Result<Program> {
    let dir = course.work_dir().join("sources").join(name);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut modules = Vec::new();
    for (file, text) in week.files.iter().zip(texts) {
        let path = dir.join(file);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        modules.push((Week::module_name(file), path));
    }
    Ok(Program {
        name: name.to_string(),
        modules,
        with_cases: false,
    })
}

fn job(spec: &CaseSpec, default_timeout: Duration) -> Job {
    Job {
        request: Request {
            function: spec.function.clone(),
            args: spec.args.clone(),
            echo: spec.unmodified.clone(),
        },
        // Checked where the fixture was loaded; never panics on a bad one.
        timeout: spec
            .timeout_secs
            .and_then(|secs| run::checked_timeout(secs).ok())
            .unwrap_or(default_timeout),
    }
}

/// Runs `fixtures` on `binary`; `skip(f)` leaves a case unrun (its outcome `None`).
pub fn run_cases(
    course: &Course,
    binary: &Path,
    fixtures: &[&Fixture],
    options: &RunOptions,
    skip: impl Fn(&Fixture) -> bool,
) -> Result<Vec<Option<Outcome>>> {
    let chosen: Vec<usize> = (0..fixtures.len()).filter(|&i| !skip(fixtures[i])).collect();
    let jobs: Vec<Job> = chosen
        .iter()
        .map(|&i| job(&fixtures[i].spec, options.timeout))
        .collect();
    let scratch = course.work_dir().join("run").join(std::process::id().to_string());
    std::fs::create_dir_all(&scratch).with_context(|| format!("cannot create {}", scratch.display()))?;
    let outcomes = run::run_all(binary, &jobs, &scratch, options.workers, &options.limits);
    let _ = std::fs::remove_dir_all(&scratch);
    let mut all = vec![None; fixtures.len()];
    for (i, o) in chosen.into_iter().zip(outcomes) {
        all[i] = Some(o);
    }
    Ok(all)
}

/// Judges outcomes against their fixtures.
pub fn judge_all(
    week: &Week,
    fixtures: &[&Fixture],
    outcomes: &[Option<Outcome>],
    untouched: &BTreeSet<String>,
) -> Vec<Verdict> {
    let pieces_of = |f: &str| {
        week.pieces_of(f)
            .into_iter()
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
    };
    let progress = Progress {
        untouched,
        pieces_of: &pieces_of,
    };
    fixtures
        .iter()
        .zip(outcomes)
        .map(|(f, o)| judge::judge(f, o.as_ref(), &progress))
        .collect()
}

/// Loads the week's fixtures, from `options.fixtures_dir` when given.
pub fn load_fixtures(course: &Course, week: &Week, options: &RunOptions) -> Result<FixtureFile> {
    let path = course.fixture_file(week, options.fixtures_dir.as_deref());
    let file = FixtureFile::load(&path, &week.id)?;
    file.check_against(&path, week)?;
    Ok(file)
}

/// The first case whose verdict is the fixture's fault, not the learner's
/// (see [`fixtures::instructor_fault`]): an error naming the file and case.
fn fixture_fault(path: &Path, verdicts: &[Verdict]) -> Result<()> {
    for v in verdicts {
        if let Some(why) = fixtures::instructor_fault(&v.finding) {
            bail!(
                "{}: case `{}` is wrong: {why} (an error in the fixture, not in your code)",
                path.display(),
                v.case_id
            );
        }
    }
    Ok(())
}

/// `dl-course check`: builds the learner's week, runs and judges every case.
pub fn check<'w>(course: &Course, week: &'w Week, options: &RunOptions) -> Result<WeekReport<'w>> {
    let sources = WeekSources::load(course, week)?;
    let fixture_file = load_fixtures(course, week, options)?;
    let fixtures: Vec<&Fixture> = fixture_file.cases.iter().collect();
    let untouched = sources.untouched_functions();
    let blank_locations = sources
        .learner
        .iter()
        .flat_map(|s| {
            s.blanks
                .iter()
                .map(move |b| (b.id.clone(), format!("{}:{}", s.path.display(), b.start_line)))
        })
        .collect();
    let mut report = WeekReport {
        week,
        compile_errors: Vec::new(),
        verdicts: Vec::new(),
        blame: Default::default(),
        blank_locations,
    };
    match build_one(course, week, learner_program(course, week), options.build)? {
        Built::CompileErrors(errors) => {
            report.compile_errors = errors;
            // Nothing can run. Cases waiting on untouched blanks stay not done;
            // every other case is an error: the code it needs does not compile.
            report.verdicts = judge_all(week, &fixtures, &vec![None; fixtures.len()], &untouched);
            for v in &mut report.verdicts {
                if matches!(&v.finding, judge::Finding::NotDone { functions } if functions.is_empty()) {
                    v.status = judge::Status::Error;
                    v.finding = judge::Finding::NotCompiled;
                }
            }
        }
        Built::Binary(binary) => {
            let outcomes = run_cases(course, &binary, &fixtures, options, |f| {
                untouched.contains(&f.spec.function)
            })?;
            report.verdicts = judge_all(week, &fixtures, &outcomes, &untouched);
            fixture_fault(
                &course.fixture_file(week, options.fixtures_dir.as_deref()),
                &report.verdicts,
            )?;
            if options.blame {
                report.blame = blame::blame(course, week, &sources, &fixtures, &report.verdicts, options)?;
            }
        }
    }
    Ok(report)
}

/// The files a week's fixtures derive from: solution files, the harness, the cases.
pub fn fixture_sources(course: &Course, week: &Week) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = week.files.iter().map(|f| course.solution_file(week, f)).collect();
    files.push(course.harness_file(week));
    files.push(course.cases_file(week));
    files
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
fn ask<T: serde::de::DeserializeOwned>(course: &Course, binary: &Path, mode: &str) -> Result<T> {
    let dir = course.work_dir().join("run");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join(format!("{mode}-{}.json", std::process::id()));
    let status = std::process::Command::new(binary)
        .arg(mode)
        .arg(&file)
        .status()
        .with_context(|| format!("cannot start {}", binary.display()))?;
    if !status.success() {
        bail!("`{} {mode}` failed ({status})", binary.display());
    }
    let text = std::fs::read_to_string(&file).with_context(|| format!("no answer from `{mode}`"))?;
    let _ = std::fs::remove_file(&file);
    serde_json::from_str(&text).with_context(|| format!("unreadable answer from `{mode}`"))
}

/// `dl-course fixtures`: regenerates the week's fixtures from its solution.
pub fn make_fixtures(course: &Course, week: &Week, options: &RunOptions) -> Result<FixtureFile> {
    let binary = built_binary(
        build_one(course, week, solution_program(course, week), options.build)?,
        &format!("the solution of {}", week.id),
    )?;
    let names: Vec<String> = ask(course, &binary, "functions")?;
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
    let specs: Vec<CaseSpec> = ask(course, &binary, "cases")?;
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
    let outcomes = run_cases(course, &binary, &refs, options, |_| false)?;
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
        fixtures::check_tolerance(case).map_err(|e| anyhow!(e))?;
        fixtures::check_timeout(case).map_err(|e| anyhow!(e))?;
    }
    let file = FixtureFile {
        format: fixtures::FORMAT,
        week: week.id.clone(),
        source_hash: fixtures::source_hash(&fixture_sources(course, week))?,
        cases,
    };
    let path = course.fixture_file(week, options.fixtures_dir.as_deref());
    file.save(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(file)
}

/// The stub text of each of the week's files, generated from the solution.
pub fn stub_texts(course: &Course, week: &Week) -> Result<Vec<String>> {
    week.files
        .iter()
        .map(|f| Ok(blanks::stub_text(&Source::read(&course.solution_file(week, f))?)))
        .collect()
}
