//! Judge: compare what a case returned with its fixture and decide a verdict.
//!
//! Judging only decides; it never prints. Every failure is described as a
//! typed [`Finding`] that the report turns into words in the learner's language.

mod compare;
mod mistakes;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use dlc::protocol::{CaseKind, Response};
use dlc::value::Value;
use serde::Serialize;

use crate::fixtures::Fixture;
use crate::manifest::Week;
use crate::run::{Ending, Outcome};

pub use compare::{Finding, compare};
pub use mistakes::{Named, ProductFix, is_shape_panic, panic_shapes};

/// The verdict of one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Outputs match.
    Pass,
    /// Outputs differ.
    Fail,
    /// The code panicked, crashed or could not be called.
    Error,
    /// The code ran past its time limit.
    Timeout,
    /// A blank it needs still holds its stub.
    NotDone,
}

impl Status {
    /// Did the case fail (wrong output, crash, timeout), as opposed to pass or not done?
    pub fn is_failure(self) -> bool {
        matches!(self, Status::Fail | Status::Error | Status::Timeout)
    }
}

/// The judged result of one case.
#[derive(Clone, Debug)]
pub struct Verdict {
    /// Case id, `function/label`.
    pub case_id: String,
    /// The function it checks.
    pub function: String,
    /// Unit or integration.
    pub kind: CaseKind,
    /// What the case is about.
    pub note: String,
    /// The decision.
    pub status: Status,
    /// Why.
    pub finding: Finding,
    /// A common mistake recognised in the failure, if any.
    pub mistake: Option<Named>,
    /// The case's evidence outputs, as returned (see `CaseSpec::evidence`).
    pub evidence: BTreeMap<String, Value>,
    /// What the code printed.
    pub output: String,
    /// How long the case's process ran.
    pub elapsed: Duration,
}

/// What the judge knows of the learner's file besides outputs.
pub struct Progress<'a> {
    /// Functions with at least one blank still holding its stub.
    pub untouched: &'a BTreeSet<String>,
    /// The functions each function calls, transitively (from the manifest).
    pub pieces_of: &'a dyn Fn(&str) -> Vec<String>,
}

/// Is the outcome of a `todo!()` left in place?
fn is_todo_panic(outcome: &Outcome) -> bool {
    matches!(&outcome.ending, Ending::Responded(Response::Panic { message, .. })
        if message.starts_with("not yet implemented") || message.starts_with("not implemented"))
}

/// Decides the verdict of `fixture` given its run's `outcome`.
pub fn judge(fixture: &Fixture, outcome: Option<&Outcome>, progress: &Progress) -> Verdict {
    let spec = &fixture.spec;
    let verdict = |status, finding| Verdict {
        case_id: spec.id.clone(),
        function: spec.function.clone(),
        kind: spec.kind,
        note: spec.note.clone(),
        status,
        finding,
        mistake: None,
        evidence: Default::default(),
        output: outcome.map(|o| o.output.clone()).unwrap_or_default(),
        elapsed: outcome.map(|o| o.elapsed).unwrap_or_default(),
    };
    let mut waiting: Vec<String> = Vec::new();
    if progress.untouched.contains(&spec.function) {
        waiting.push(spec.function.clone());
    }
    let pieces = (progress.pieces_of)(&spec.function);
    let untouched_pieces: Vec<String> = pieces
        .into_iter()
        .filter(|p| progress.untouched.contains(p))
        .collect();
    let Some(outcome) = outcome else {
        waiting.splice(0..0, untouched_pieces);
        return verdict(Status::NotDone, Finding::NotDone { functions: waiting });
    };
    if !waiting.is_empty() || is_todo_panic(outcome) {
        // Pieces first: they come before the function in the order of the assignment.
        waiting.splice(0..0, untouched_pieces);
        return verdict(Status::NotDone, Finding::NotDone { functions: waiting });
    }
    let (status, finding) = match &outcome.ending {
        Ending::TimedOut(limit) => (Status::Timeout, Finding::Timeout { limit: *limit }),
        Ending::OverLimit(exceeded) => (Status::Error, Finding::OverLimit(*exceeded)),
        Ending::Died(how) => (Status::Error, Finding::Died { how: how.clone() }),
        Ending::NotStarted(why) => (
            Status::Error,
            Finding::Died {
                how: crate::run::Death::NotStarted(why.clone()),
            },
        ),
        Ending::Responded(Response::Panic { message, location }) => {
            let mut v = verdict(
                Status::Error,
                Finding::Panic {
                    message: message.clone(),
                    location: location.clone(),
                },
            );
            v.mistake = mistakes::from_panic(message, fixture);
            return v;
        }
        Ending::Responded(Response::BadRequest { message }) => (
            Status::Error,
            Finding::BadRequest {
                message: message.clone(),
            },
        ),
        Ending::Responded(Response::Ok { outputs, echo }) => {
            match compare_outputs(fixture, outputs).or_else(|| check_unmodified(fixture, echo)) {
                None => (Status::Pass, Finding::Passed),
                Some(f) => {
                    let mut v = verdict(Status::Fail, f);
                    v.mistake = mistakes::detect(fixture, outputs, &v.finding);
                    v.evidence = outputs
                        .iter()
                        .filter(|(name, _)| fixture.spec.evidence.contains(name))
                        .map(|(name, value)| (name.clone(), value.clone()))
                        .collect();
                    return v;
                }
            }
        }
    };
    verdict(status, finding)
}

fn compare_outputs(fixture: &Fixture, outputs: &BTreeMap<String, Value>) -> Option<Finding> {
    for (name, expected) in &fixture.expected {
        let Some(got) = outputs.get(name) else {
            return Some(Finding::Missing { path: name.clone() });
        };
        let trajectory = fixture.spec.trajectory.as_deref() == Some(name.as_str());
        if let Some(mut f) = compare(name, expected, got, fixture.spec.tolerance, trajectory) {
            if let Finding::Trajectory { recorded, .. } = &mut f {
                *recorded = fixture.spec.recorded;
            }
            return Some(f);
        }
    }
    None
}

fn check_unmodified(fixture: &Fixture, echo: &BTreeMap<String, Value>) -> Option<Finding> {
    fixture.spec.unmodified.iter().find_map(|name| {
        let before = fixture.spec.args.get(name)?;
        match echo.get(name) {
            Some(after) if after != before => Some(Finding::Modified {
                argument: name.clone(),
            }),
            _ => None,
        }
    })
}

/// Judges every case's outcome against its fixture (`None`: the case was not
/// run, because a blank it needs is untouched or the code does not compile).
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
        .map(|(f, o)| judge(f, o.as_ref(), &progress))
        .collect()
}
