//! The lab: builds the variants blame asks for and runs failing cases on them.
//!
//! On the switchboard (every variant in one binary) when the week allows it,
//! else one spliced binary per variant; either way each case runs once per
//! distinct variant of the blanks it involves.

use std::collections::{BTreeMap, BTreeSet};

use crate::blanks::{self, BlankError, WeekSources};
use crate::build::{self, BuildError, BuildOptions, Built, Program};
use crate::fixtures::Fixture;
use crate::judge::{self, Status};
use crate::manifest::{Course, Week};
use crate::run::{self, RunOptions};
use crate::switchboard::Switchboard;
use crate::switchboard::batch::Seat;

/// Where blame gets its variants from.
#[derive(Clone, Copy)]
pub struct Variants<'a> {
    /// How to build them (every variant on the learner's own switchboard,
    /// or one binary per variant where the week cannot be switched).
    pub build: BuildOptions,
    /// A binary that already holds them: the learner's copy is seated in a
    /// batch (`dl-course batch`); variants it lacks are built one by one.
    pub seated: Option<Seated<'a>>,
}

/// A copy of the week seated in a batch's binary.
#[derive(Clone, Copy)]
pub struct Seated<'a> {
    /// The batch's binary.
    pub binary: &'a std::path::Path,
    /// The copy's versions in it.
    pub seat: &'a Seat,
}

/// Why blame could not finish its experiments.
#[derive(Debug)]
pub enum BlameError {
    /// A variant could not be spliced from the learner's and the reference's blanks.
    Splice(BlankError),
    /// A variant could not be built (not a compile error: cargo itself failed).
    Build(BuildError),
    /// A variant's cases could not be run.
    Run(std::io::Error),
}

impl std::fmt::Display for BlameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BlameError::Splice(e) => write!(f, "cannot splice a blame variant: {e}"),
            BlameError::Build(e) => write!(f, "cannot build a blame variant: {e}"),
            BlameError::Run(e) => write!(f, "cannot run a blame variant: {e}"),
        }
    }
}

impl std::error::Error for BlameError {}

impl From<BlankError> for BlameError {
    fn from(e: BlankError) -> Self {
        BlameError::Splice(e)
    }
}

impl From<BuildError> for BlameError {
    fn from(e: BuildError) -> Self {
        BlameError::Build(e)
    }
}

impl From<std::io::Error> for BlameError {
    fn from(e: std::io::Error) -> Self {
        BlameError::Run(e)
    }
}

pub(super) type Result<T> = std::result::Result<T, BlameError>;

/// A set of blanks to take from the reference; everything else is the learner's.
pub(super) type Variant = BTreeSet<String>;

/// Builds variants and runs the failing cases on them, each (case,
/// variant) once.
///
/// A case involves only its candidate blanks, so two variants that agree on
/// those give it the same result: results are kept per case under the
/// variant cut down to the case's candidates, and a case is never rerun on
/// a variant that differs from a tried one only elsewhere.
pub(super) struct Lab<'a> {
    pub(super) course: &'a Course,
    pub(super) week: &'a Week,
    pub(super) sources: &'a WeekSources,
    pub(super) cases: Vec<&'a Fixture>,
    /// Per case, the blanks it involves.
    pub(super) candidates: Vec<BTreeSet<String>>,
    pub(super) build: BuildOptions,
    pub(super) run: &'a RunOptions,
    /// Every variant in one binary, while the week allows it (`None`: one
    /// binary per variant, the general way).
    pub(super) switchboard: Option<Switchboard>,
    /// The switchboard's binary, when built with every version it holds.
    pub(super) switch_binary: Option<std::path::PathBuf>,
    /// A batch's binary holding the learner's variants (then `switchboard` is `None`).
    pub(super) seated: Option<Seated<'a>>,
    /// Per (case, variant cut to its candidates): did it pass? (`None`: the
    /// variant did not compile.)
    pub(super) results: BTreeMap<(usize, Variant), Option<bool>>,
}

impl Lab<'_> {
    fn key(&self, variant: &Variant, c: usize) -> (usize, Variant) {
        (c, variant.intersection(&self.candidates[c]).cloned().collect())
    }

    /// Runs `cases` on every variant they were not run on yet: on the switchboard when
    /// it can give the variants, else one binary per variant (one cargo call).
    pub(super) fn try_all(
        &mut self,
        variants: impl IntoIterator<Item = Variant>,
        cases: &[usize],
    ) -> Result<()> {
        let mut wanted: BTreeMap<(usize, Variant), Variant> = BTreeMap::new();
        for variant in variants {
            for &c in cases {
                let key = self.key(&variant, c);
                if !self.results.contains_key(&key) {
                    wanted.entry(key).or_insert_with(|| variant.clone());
                }
            }
        }
        if wanted.is_empty() {
            return Ok(());
        }
        if let Some(seated) = self.seated {
            let selections: Option<Vec<run::Selection>> =
                wanted.values().map(|v| seated.seat.selection(v)).collect();
            let Some(selections) = selections else {
                return self.try_one_by_one(wanted);
            };
            return self.run_on(seated.binary, wanted.into_keys().collect(), &selections);
        }
        let fresh = distinct(&wanted);
        let Some(binary) = self.switch_binary_for(&fresh)? else {
            return self.try_one_by_one(wanted);
        };
        let Some(board) = self.switchboard.as_ref() else {
            return self.try_one_by_one(wanted);
        };
        let selections: Vec<run::Selection> = wanted
            .values()
            .map(|v| board.selection(v).unwrap_or_default())
            .collect();
        self.run_on(&binary, wanted.into_keys().collect(), &selections)
    }

    /// Runs each keyed case on `binary` with its selection and records the results.
    fn run_on(
        &mut self,
        binary: &std::path::Path,
        keys: Vec<(usize, Variant)>,
        selections: &[run::Selection],
    ) -> Result<()> {
        let runs: Vec<(&Fixture, &run::Selection)> = keys
            .iter()
            .zip(selections)
            .map(|((c, _), sel)| (self.cases[*c], sel))
            .collect();
        let outcomes = run::run_selected(self.course, binary, &runs, self.run)?;
        self.record(keys, outcomes);
        Ok(())
    }

    /// Judges `outcomes` (one per key, in order) and keeps whether each passed.
    fn record(&mut self, keys: Vec<(usize, Variant)>, outcomes: Vec<run::Outcome>) {
        let fixtures: Vec<&Fixture> = keys.iter().map(|(c, _)| self.cases[*c]).collect();
        let outcomes: Vec<Option<run::Outcome>> = outcomes.into_iter().map(Some).collect();
        let verdicts = judge::judge_all(self.week, &fixtures, &outcomes, &BTreeSet::new());
        for (key, v) in keys.into_iter().zip(verdicts) {
            self.results.insert(key, Some(v.status == Status::Pass));
        }
    }

    /// The switchboard's binary holding every version `variants` need
    /// (rebuilt when one is missing), or `None` when the week cannot be
    /// switched or the switchboard does not compile: blame then falls back.
    fn switch_binary_for(&mut self, variants: &[Variant]) -> Result<Option<std::path::PathBuf>> {
        let Some(board) = self.switchboard.as_mut() else {
            return Ok(None);
        };
        for v in variants {
            if board.selection(v).is_none() {
                if !board.add(v) {
                    return Ok(None);
                }
                self.switch_binary = None;
            }
        }
        if let Some(binary) = &self.switch_binary {
            return Ok(Some(binary.clone()));
        }
        let Ok(texts) = board.texts(self.sources) else {
            self.switchboard = None;
            return Ok(None);
        };
        let program = build::write_variant(
            self.course,
            self.week,
            &format!("{}-switchboard", self.week.id),
            &texts,
        )?;
        let built = self.build_quietly("switchboard", &[program])?;
        match built.into_iter().next() {
            Some(Built::Binary(binary)) => {
                self.switch_binary = Some(binary.clone());
                Ok(Some(binary))
            }
            // Versions spliced together can break types (a blank's `let`
            // used by the next): the general way still gives an answer.
            _ => {
                self.switchboard = None;
                Ok(None)
            }
        }
    }

    /// Builds (in one cargo call) each variant `wanted` needs as its own
    /// binary and runs the wanted cases on it.
    fn try_one_by_one(&mut self, wanted: BTreeMap<(usize, Variant), Variant>) -> Result<()> {
        let fresh = distinct(&wanted);
        let mut programs: Vec<Program> = Vec::new();
        for (k, reference) in fresh.iter().enumerate() {
            let texts = self
                .sources
                .learner
                .iter()
                .zip(&self.sources.solution)
                .map(|(l, s)| blanks::splice(l, s, reference))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            programs.push(build::write_variant(
                self.course,
                self.week,
                &format!("{}-blame{k}", self.week.id),
                &texts,
            )?);
        }
        let built = self.build_quietly("blame", &programs)?;
        let none = run::Selection::new();
        for (variant, b) in fresh.iter().zip(built) {
            let keys: Vec<(usize, Variant)> = wanted
                .iter()
                .filter(|(_, v)| *v == variant)
                .map(|(k, _)| k.clone())
                .collect();
            match b {
                // A variant that does not compile tells nothing (splicing can break types).
                Built::CompileErrors(_) => {
                    for key in keys {
                        self.results.insert(key, None);
                    }
                }
                Built::Binary(binary) => {
                    let runs: Vec<(&Fixture, &run::Selection)> =
                        keys.iter().map(|(c, _)| (self.cases[*c], &none)).collect();
                    let outcomes = run::run_selected(self.course, &binary, &runs, self.run)?;
                    self.record(keys, outcomes);
                }
            }
        }
        Ok(())
    }

    /// Builds `programs` in the package `dlc-<week>-<package>`, printing
    /// nothing: blame's builds are not the learner's.
    fn build_quietly(&self, package: &str, programs: &[Program]) -> Result<Vec<Built>> {
        let mut quiet = self.build;
        quiet.quiet = true;
        quiet.color = false;
        let package = format!("dlc-{}-{package}", self.week.id);
        Ok(build::build(self.course, self.week, &package, programs, quiet)?)
    }

    /// Did case `c` pass on `variant` (`None`: unknown)?
    pub(super) fn passes(&self, variant: &Variant, c: usize) -> Option<bool> {
        self.results.get(&self.key(variant, c)).copied().flatten()
    }
}

/// The distinct variants `wanted` asks for, in order.
fn distinct(wanted: &BTreeMap<(usize, Variant), Variant>) -> Vec<Variant> {
    wanted
        .values()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}
