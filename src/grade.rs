//! Grade: one submission, or a batch, through the stages in the learner's
//! trust zone, into a score per graded function.
//!
//! The grader (this process) reads the course, the solution and the fixtures;
//! the submission's blanks are grafted into the course's stubs and screened
//! (`submission`), built in a fresh package outside the course
//! (`build::build_isolated`), and every case runs in the sandbox (`run` with
//! `RunOptions::sandbox`). Blame's variants run in the same sandbox. Grading
//! decides scores here; `report` only words them.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use serde::Serialize;

use crate::blame;
use crate::blanks::WeekSources;
use crate::build::{self, BuildOptions, Built, Isolated};
use crate::fixtures::{Fixture, FixtureFile};
use crate::judge::{self, Status};
use crate::manifest::{Course, Week};
use crate::pipeline::{self, CheckedWeek};
use crate::run::{self, RunOptions};
use crate::submission::{self, Problem};

/// How submissions are graded.
#[derive(Clone, Debug)]
pub struct GradeOptions {
    /// Cargo options.
    pub build: BuildOptions,
    /// Case options; `sandbox: None` only when the caller asked to grade unsandboxed.
    pub run: RunOptions,
    /// Look for the faulty blank after a failure (the feedback a student reads).
    pub blame: bool,
}

/// How one graded function fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Every case passed.
    Passed,
    /// Some cases passed.
    Partial,
    /// No case passed.
    Failed,
    /// A blank of it still holds its stub.
    NotDone,
    /// The submission does not compile.
    NotCompiled,
    /// A blank was rejected, or its file is missing or has broken markers.
    Rejected,
}

/// One graded function's result.
#[derive(Clone, Debug)]
pub struct FunctionGrade {
    /// The function.
    pub name: String,
    /// Points it is worth.
    pub points: f64,
    /// Points earned: `points × passed / cases`, 0 when rejected or not done.
    pub score: f64,
    /// Cases passed.
    pub passed: usize,
    /// Cases of the function.
    pub cases: usize,
    /// How it fared.
    pub mark: Mark,
    /// The submission's problems that decided a `Rejected` mark.
    pub problems: Vec<Problem>,
}

/// A graded submission.
pub struct Graded<'w> {
    /// The submission's name (its file or directory name).
    pub name: String,
    /// Verdicts, compile errors and blame, as `check` has them.
    pub checked: CheckedWeek<'w>,
    /// One entry per function of the week, in manifest order.
    pub functions: Vec<FunctionGrade>,
    /// Everything the submission got wrong or had ignored, in file order.
    pub problems: Vec<Problem>,
}

impl Graded<'_> {
    /// Points earned.
    pub fn score(&self) -> f64 {
        self.functions.iter().map(|f| f.score).sum()
    }

    /// Points available.
    pub fn max(&self) -> f64 {
        self.functions.iter().map(|f| f.points).sum()
    }
}

/// A submission graded, or why it could not be.
pub enum Outcome<'w> {
    /// Graded (whatever its score).
    Graded(Box<Graded<'w>>),
    /// Not graded at all: the path is not a submission, or the grader failed on it.
    Failed {
        /// The submission's name.
        name: String,
        /// Points available (all lost).
        max: f64,
        /// What went wrong.
        error: String,
    },
}

impl Outcome<'_> {
    /// The submission's name.
    pub fn name(&self) -> &str {
        match self {
            Outcome::Graded(g) => &g.name,
            Outcome::Failed { name, .. } => name,
        }
    }
}

/// Points of each function of `week` (week.toml's `points`, default 1).
pub fn points(week: &Week) -> Vec<(String, f64)> {
    week.functions
        .iter()
        .map(|f| (f.name.clone(), f.points.unwrap_or(1.0)))
        .collect()
}

/// A submission's name: its file or directory name, without `.rs`.
pub fn submission_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "submission".into());
    name.strip_suffix(".rs").map(str::to_string).unwrap_or(name)
}

/// Blame builds variants under fixed names in the course's work directory:
/// one submission's blame at a time.
static BLAME: Mutex<()> = Mutex::new(());

/// Grades one submission; `work` is a fresh directory of the grader's,
/// outside the course, for its cases. Its package is `package-<slot>` beside
/// `work`: each worker of a batch rewrites the same package (every file of it
/// anew), so rustc's incremental state carries over from one submission to
/// the next and a build recompiles only what differs.
#[allow(clippy::too_many_arguments)]
pub fn grade_one<'w>(
    course: &Course,
    week: &'w Week,
    fixture_file: &FixtureFile,
    submission: &Path,
    name: &str,
    work: &Path,
    slot: usize,
    options: &GradeOptions,
) -> Result<Graded<'w>> {
    let grafted = submission::graft(course, week, submission)?;
    let fixtures: Vec<&Fixture> = fixture_file.cases.iter().collect();
    let sources = WeekSources {
        learner: grafted.sources.clone(),
        solution: grafted.solutions.clone(),
    };
    let untouched = sources.untouched_functions();
    let mut checked = CheckedWeek {
        week,
        compile_errors: Vec::new(),
        verdicts: Vec::new(),
        blame: Default::default(),
        blanks: pipeline::blank_places(course, &sources),
    };
    let package = work.parent().unwrap_or(work).join(format!("package-{slot}"));
    std::fs::create_dir_all(&package).with_context(|| format!("cannot create {}", package.display()))?;
    let dlc = build::dlc_copy(course)?;
    let target_dir = course.cargo_target_dir();
    let unique = format!("graded-{}-{}-{slot}", week.id, std::process::id());
    let iso = Isolated {
        dir: &package,
        dlc: &dlc,
        target_dir: &target_dir,
        name: &unique,
    };
    match build::build_isolated(course, week, &grafted.texts, &iso, options.build)? {
        Built::CompileErrors(errors) => {
            let prefix = format!("{}{}", package.display(), std::path::MAIN_SEPARATOR);
            checked.compile_errors = errors
                .into_iter()
                .map(|mut e| {
                    e.rendered = e.rendered.replace(&prefix, "");
                    e.location = e.location.map(|l| l.replace(&prefix, ""));
                    e
                })
                .collect();
            checked.verdicts = pipeline::verdicts_not_compiled(week, &fixtures, &untouched);
        }
        Built::Binary(binary) => {
            let outcomes = run::run_cases_in(&work.join("run"), &binary, &fixtures, &options.run, |f| {
                untouched.contains(&f.spec.function)
            })?;
            let _ = std::fs::remove_file(&binary);
            checked.verdicts = judge::judge_all(week, &fixtures, &outcomes, &untouched);
            if options.blame && checked.verdicts.iter().any(|v| v.status.is_failure()) {
                let _one_at_a_time = BLAME.lock().unwrap_or_else(|p| p.into_inner());
                // Blame is feedback, not the score: when it cannot finish, the grade stands without it.
                checked.blame = blame::blame(
                    course,
                    week,
                    &sources,
                    &fixtures,
                    &checked.verdicts,
                    blame::Variants {
                        build: quiet(options.build),
                        seated: None,
                    },
                    &options.run,
                )
                .unwrap_or_default();
            }
        }
    }
    let functions = score(week, &checked, &grafted.problems);
    Ok(Graded {
        name: name.to_string(),
        checked,
        functions,
        problems: grafted.problems,
    })
}

fn quiet(mut build: BuildOptions) -> BuildOptions {
    build.quiet = true;
    build.color = false;
    build
}

/// Scores every function of the week from its verdicts and the submission's problems.
pub fn score(week: &Week, checked: &CheckedWeek, problems: &[Problem]) -> Vec<FunctionGrade> {
    points(week)
        .into_iter()
        .map(|(name, points)| {
            let cases: Vec<_> = checked.verdicts.iter().filter(|v| v.function == name).collect();
            let passed = cases.iter().filter(|v| v.status == Status::Pass).count();
            let own: Vec<Problem> = problems
                .iter()
                .filter(|p| p.functions().contains(&name))
                .cloned()
                .collect();
            let not_done = !cases.is_empty() && cases.iter().all(|v| v.status == Status::NotDone);
            let not_compiled = !checked.compile_errors.is_empty() && passed == 0 && !not_done;
            let mark = if !own.is_empty() {
                Mark::Rejected
            } else if not_done {
                Mark::NotDone
            } else if not_compiled {
                Mark::NotCompiled
            } else if !cases.is_empty() && passed == cases.len() {
                Mark::Passed
            } else if passed > 0 {
                Mark::Partial
            } else {
                Mark::Failed
            };
            let score = match mark {
                Mark::Passed | Mark::Partial => points * passed as f64 / cases.len() as f64,
                _ => 0.0,
            };
            FunctionGrade {
                name,
                points,
                score,
                passed,
                cases: cases.len(),
                mark,
                problems: own,
            }
        })
        .collect()
}

/// Grades every submission, `jobs` at a time, calling `done` with each as
/// soon as it is graded (in the order they finish). One submission's failure
/// (or a bug of the grader's on it) is its own `Outcome::Failed`; the batch
/// goes on.
pub fn grade_all<'w>(
    course: &Course,
    week: &'w Week,
    fixture_file: &FixtureFile,
    submissions: &[(String, PathBuf)],
    jobs: usize,
    options: &GradeOptions,
    done: impl Fn(usize, Outcome<'w>) + Sync,
) -> Result<()> {
    let root = std::env::temp_dir().join(format!("dl-course-grade-{}", std::process::id()));
    std::fs::create_dir_all(&root).with_context(|| format!("cannot create {}", root.display()))?;
    crate::guard::register_dir(&root);
    let max: f64 = points(week).iter().map(|(_, p)| p).sum();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for slot in 0..jobs.max(1) {
            let (next, done, root) = (&next, &done, &root);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some((name, path)) = submissions.get(i) else {
                        break;
                    };
                    let work = root.join(format!("s{i}"));
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        grade_one(course, week, fixture_file, path, name, &work, slot, options)
                    }));
                    let _ = std::fs::remove_dir_all(&work);
                    let outcome = match result {
                        Ok(Ok(g)) => Outcome::Graded(Box::new(g)),
                        Ok(Err(e)) => Outcome::Failed {
                            name: name.clone(),
                            max,
                            error: format!("{e:#}"),
                        },
                        Err(_) => Outcome::Failed {
                            name: name.clone(),
                            max,
                            error: "the grader failed on this submission (an internal error)".into(),
                        },
                    };
                    done(i, outcome);
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&root);
    crate::guard::unregister_dir(&root);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::{Finding, Verdict};
    use crate::manifest::tests_support;
    use crate::submission::Danger;

    fn function(name: &str, points: Option<f64>) -> crate::manifest::Function {
        toml::from_str(&format!(
            "name = \"{name}\"\nsummary = {{ en = \"x\", ja = \"x\" }}\n{}",
            points.map(|p| format!("points = {p}")).unwrap_or_default()
        ))
        .unwrap()
    }

    fn verdict(function: &str, status: Status) -> Verdict {
        Verdict {
            case_id: format!("{function}/c"),
            function: function.into(),
            kind: dlc::protocol::CaseKind::Unit,
            note: String::new(),
            status,
            finding: match status {
                Status::Pass => Finding::Passed,
                Status::NotDone => Finding::NotDone { functions: vec![] },
                _ => Finding::NotCompiled,
            },
            mistake: None,
            evidence: Default::default(),
            output: String::new(),
            elapsed: Default::default(),
        }
    }

    #[test]
    fn points_partial_credit_not_done_and_rejected() {
        let mut week = tests_support::week();
        week.functions = vec![
            function("a", Some(4.0)),
            function("b", None),
            function("c", None),
            function("d", None),
        ];
        let checked = CheckedWeek {
            week: &week,
            compile_errors: vec![],
            verdicts: vec![
                verdict("a", Status::Pass),
                verdict("a", Status::Pass),
                verdict("a", Status::Pass),
                verdict("a", Status::Fail),
                verdict("b", Status::NotDone),
                verdict("c", Status::Pass),
                verdict("d", Status::Fail),
            ],
            blame: Default::default(),
            blanks: vec![],
        };
        let rejected = Problem::Rejected {
            blank: "c#1".into(),
            function: "c".into(),
            file: "a.rs".into(),
            line: 3,
            token: "include!".into(),
            why: Danger::ReadsFiles,
        };
        let graded = score(&week, &checked, &[rejected]);
        let got: Vec<(&str, f64, f64, Mark)> = graded
            .iter()
            .map(|f| (f.name.as_str(), f.score, f.points, f.mark))
            .collect();
        assert_eq!(
            got,
            [
                ("a", 3.0, 4.0, Mark::Partial),
                ("b", 0.0, 1.0, Mark::NotDone),
                // A rejected blank scores 0 even where its cases pass.
                ("c", 0.0, 1.0, Mark::Rejected),
                ("d", 0.0, 1.0, Mark::Failed),
            ]
        );
    }
}
