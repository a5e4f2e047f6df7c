//! Blame: when a case fails, find the blank(s) responsible.
//!
//! The method is experimental, not guesswork: build variants of the week in
//! which some blanks come from the learner and the others from the reference
//! solution (spliced blank by blank), run the failing case on each, and see
//! which of the learner's blanks is enough to make it fail and which, replaced,
//! makes it pass. Variants are built only after a failure, so the passing path
//! pays nothing.

use std::collections::{BTreeMap, BTreeSet};

use crate::blanks::{self, BlankError, WeekSources};
use crate::build::{self, BuildError, BuildOptions, Built, Program};
use crate::fixtures::Fixture;
use crate::judge::{self, Status, Verdict};
use crate::manifest::{Course, Week};
use crate::run::{self, RunOptions};

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

type Result<T> = std::result::Result<T, BlameError>;

/// Who is responsible for one failing case.
#[derive(Clone, Debug, PartialEq)]
pub enum Attribution {
    /// The case involves a single blank: it is the one.
    Only {
        /// The blank.
        blank: String,
    },
    /// One blank of a piece the function calls: alone it makes the case
    /// fail, and replacing it makes the case pass.
    Piece {
        /// The blank.
        blank: String,
        /// Did that piece's own unit cases all pass?
        piece_cases_pass: bool,
    },
    /// The function's own code (not the pieces it calls) is at fault.
    Glue {
        /// The function's blank(s) at fault.
        blanks: Vec<String>,
    },
    /// Several blanks are each wrong; replacing all of them makes the case pass.
    Several {
        /// The blanks.
        blanks: Vec<String>,
    },
    /// No single blank explains the failure.
    Unexplained {
        /// Blanks whose replacement alone makes the case pass (may be empty).
        fixers: Vec<String>,
    },
    /// Even with every involved blank from the reference the case fails: the
    /// fault is outside the blanks (code edited around them).
    OutsideBlanks,
}

impl Attribution {
    /// The blank ids named, for the JSON `blame` field.
    pub fn blanks(&self) -> Vec<String> {
        match self {
            Attribution::Only { blank } | Attribution::Piece { blank, .. } => vec![blank.clone()],
            Attribution::Glue { blanks } | Attribution::Several { blanks } => blanks.clone(),
            Attribution::Unexplained { .. } | Attribution::OutsideBlanks => Vec::new(),
        }
    }
}

/// The blanks a case of `function` exercises: its own and its pieces'.
fn candidates(week: &Week, sources: &WeekSources, function: &str) -> Vec<String> {
    let mut involved: BTreeSet<String> = week
        .pieces_of(function)
        .into_iter()
        .map(|f| f.name.clone())
        .collect();
    involved.insert(function.to_string());
    sources
        .learner
        .iter()
        .flat_map(|s| &s.blanks)
        .filter(|b| involved.contains(&b.function))
        .map(|b| b.id.clone())
        .collect()
}

fn function_of(blank: &str) -> &str {
    blank.split('#').next().unwrap_or(blank)
}

/// A set of blanks to take from the reference; everything else is the learner's.
type Variant = BTreeSet<String>;

/// Builds variants and runs the failing cases on them, each variant once.
struct Lab<'a> {
    course: &'a Course,
    week: &'a Week,
    sources: &'a WeekSources,
    cases: Vec<&'a Fixture>,
    build: BuildOptions,
    run: &'a RunOptions,
    /// Per variant: per case, did it pass? (`None`: the variant did not compile.)
    results: BTreeMap<Variant, Option<Vec<bool>>>,
}

impl Lab<'_> {
    /// Builds (in one cargo call) and runs every variant not tried yet.
    fn try_all(&mut self, variants: impl IntoIterator<Item = Variant>) -> Result<()> {
        let fresh: Vec<Variant> = variants
            .into_iter()
            .filter(|v| !self.results.contains_key(v))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if fresh.is_empty() {
            return Ok(());
        }
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
        let mut quiet = self.build;
        quiet.quiet = true;
        quiet.color = false;
        let built = build::build(
            self.course,
            self.week,
            &format!("dlc-{}-blame", self.week.id),
            &programs,
            quiet,
        )?;
        let none = BTreeSet::new();
        for (variant, b) in fresh.into_iter().zip(built) {
            let result = match b {
                // A variant that does not compile tells nothing (splicing can break types).
                Built::CompileErrors(_) => None,
                Built::Binary(binary) => {
                    let outcomes = run::run_cases(self.course, &binary, &self.cases, self.run, |_| false)?;
                    let verdicts = judge::judge_all(self.week, &self.cases, &outcomes, &none);
                    Some(verdicts.iter().map(|v| v.status == Status::Pass).collect())
                }
            };
            self.results.insert(variant, result);
        }
        Ok(())
    }

    /// Did case `c` pass on `variant` (`None`: unknown)?
    fn passes(&self, variant: &Variant, c: usize) -> Option<bool> {
        self.results.get(variant).and_then(|r| r.as_ref()).map(|r| r[c])
    }
}

/// Is the learner's file the solution outside the blanks? Then the variant
/// with every blank from the reference is the solution, known to pass.
fn same_outside_blanks(sources: &WeekSources) -> bool {
    let outside = |s: &blanks::Source| {
        let mut lines = Vec::new();
        let mut next = 0;
        for b in &s.blanks {
            lines.extend_from_slice(&s.lines[next..b.start_line]);
            next = b.end_line - 1;
        }
        lines.extend_from_slice(&s.lines[next..]);
        lines
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
    };
    sources
        .learner
        .iter()
        .zip(&sources.solution)
        .all(|(l, s)| outside(l) == outside(s))
}

/// Blames every failing case; returns attributions by case id.
///
/// Experiments, each variant built once and shared by all failing cases:
/// 1. per function G involved: only G's blanks are the learner's → which
///    functions are enough to make a case fail;
/// 2. within such a function with several blanks: only one blank is the
///    learner's → which blanks;
/// 3. the culprits all from the reference, the rest the learner's → confirms
///    that they explain the failure (and names several at once);
/// 4. when nothing is confirmed: each function from the reference alone →
///    which replacement fixes it.
pub fn blame(
    course: &Course,
    week: &Week,
    sources: &WeekSources,
    fixtures: &[&Fixture],
    verdicts: &[Verdict],
    build: BuildOptions,
    run: &RunOptions,
) -> Result<BTreeMap<String, Attribution>> {
    let mut result = BTreeMap::new();
    let mut hard: Vec<(&Fixture, Vec<String>)> = Vec::new();
    for (f, v) in fixtures.iter().zip(verdicts) {
        if !v.status.is_failure() {
            continue;
        }
        let cands = candidates(week, sources, &f.spec.function);
        match cands.as_slice() {
            [] => {}
            [only] => {
                result.insert(f.spec.id.clone(), Attribution::Only { blank: only.clone() });
            }
            _ => hard.push((f, cands)),
        }
    }
    if hard.is_empty() {
        return Ok(result);
    }
    let unit_pass = |function: &str| {
        verdicts
            .iter()
            .filter(|v| v.function == function && v.kind == dlc::protocol::CaseKind::Unit)
            .all(|v| v.status == Status::Pass)
    };
    let all: Variant = hard.iter().flat_map(|(_, c)| c.iter().cloned()).collect();
    let functions: BTreeSet<&str> = all.iter().map(|b| function_of(b)).collect();
    let blanks_of =
        |g: &str| -> Vec<String> { all.iter().filter(|b| function_of(b) == g).cloned().collect() };
    let only_learners =
        |mine: &[String]| -> Variant { all.iter().filter(|b| !mine.contains(b)).cloned().collect() };
    let mut lab = Lab {
        course,
        week,
        sources,
        cases: hard.iter().map(|(f, _)| *f).collect(),
        build,
        run,
        results: BTreeMap::new(),
    };

    // Sanity: with every involved blank from the reference the cases must pass.
    let reference_all = all.clone();
    let reference_known = same_outside_blanks(sources);
    // 1. Functions.
    let mut round: Vec<Variant> = functions.iter().map(|g| only_learners(&blanks_of(g))).collect();
    if !reference_known {
        round.push(reference_all.clone());
    }
    lab.try_all(round)?;
    // 2. Blanks within functions that fail some case on their own.
    let suspects: Vec<&str> = functions
        .iter()
        .copied()
        .filter(|g| (0..hard.len()).any(|c| lab.passes(&only_learners(&blanks_of(g)), c) == Some(false)))
        .collect();
    let round: Vec<Variant> = suspects
        .iter()
        .filter(|g| blanks_of(g).len() > 1)
        .flat_map(|g| blanks_of(g).into_iter().map(|b| only_learners(&[b])))
        .collect();
    lab.try_all(round)?;
    // 3. Confirm each case's culprits.
    let mut culprits_of: Vec<Vec<String>> = Vec::new();
    for (c, (_, cands)) in hard.iter().enumerate() {
        let mut culprits = Vec::new();
        for g in &suspects {
            let mine = blanks_of(g);
            if !cands.contains(&mine[0]) || lab.passes(&only_learners(&mine), c) != Some(false) {
                continue;
            }
            let singles: Vec<String> = mine
                .iter()
                .filter(|b| mine.len() == 1 || lab.passes(&only_learners(&[(*b).clone()]), c) == Some(false))
                .cloned()
                .collect();
            // The function fails as a whole but no blank alone: its blanks fail together.
            culprits.extend(if singles.is_empty() { mine } else { singles });
        }
        culprits_of.push(culprits);
    }
    lab.try_all(
        culprits_of
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| k.iter().cloned().collect::<Variant>()),
    )?;
    let mut unexplained = Vec::new();
    for (c, (f, _)) in hard.iter().enumerate() {
        let culprits = &culprits_of[c];
        let confirmed = lab.passes(&culprits.iter().cloned().collect(), c) == Some(true);
        let leaf = week.pieces_of(&f.spec.function).is_empty();
        let attribution = if !reference_known && lab.passes(&reference_all, c) == Some(false) {
            Attribution::OutsideBlanks
        } else if culprits.is_empty() || !confirmed {
            unexplained.push(c);
            continue;
        } else if let ([b], true) = (culprits.as_slice(), leaf) {
            Attribution::Only { blank: b.clone() }
        } else if leaf {
            Attribution::Several {
                blanks: culprits.clone(),
            }
        } else if culprits.iter().all(|b| function_of(b) == f.spec.function) {
            Attribution::Glue {
                blanks: culprits.clone(),
            }
        } else if let [b] = culprits.as_slice() {
            Attribution::Piece {
                blank: b.clone(),
                piece_cases_pass: unit_pass(function_of(b)),
            }
        } else {
            Attribution::Several {
                blanks: culprits.clone(),
            }
        };
        result.insert(f.spec.id.clone(), attribution);
    }
    if !unexplained.is_empty() {
        // 4. Which single function, from the reference, fixes it?
        lab.try_all(
            functions
                .iter()
                .map(|g| blanks_of(g).into_iter().collect::<Variant>()),
        )?;
        for c in unexplained {
            let fixers = functions
                .iter()
                .filter(|g| hard[c].1.contains(&blanks_of(g)[0]))
                .filter(|g| lab.passes(&blanks_of(g).into_iter().collect(), c) == Some(true))
                .flat_map(|g| blanks_of(g))
                .collect();
            result.insert(hard[c].0.spec.id.clone(), Attribution::Unexplained { fixers });
        }
    }
    Ok(result)
}
