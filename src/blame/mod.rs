//! Blame: when a case fails, find the blank(s) responsible.
//!
//! The method is experimental, not guesswork: build variants of the week in
//! which some blanks come from the learner and the others from the reference
//! solution (spliced blank by blank), run the failing case on each, and see
//! which of the learner's blanks is enough to make it fail and which, replaced,
//! makes it pass. Variants are built only after a failure, so the passing path
//! pays nothing.

use std::collections::{BTreeMap, BTreeSet};

use crate::blanks::{self, WeekSources};
use crate::fixtures::Fixture;
use crate::judge::{Status, Verdict};
use crate::manifest::{Course, Week};
use crate::run::RunOptions;
use crate::switchboard::Switchboard;

mod lab;
use lab::{Lab, Result, Variant};
pub use lab::{Seated, Variants};

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

fn every_blank(sources: &WeekSources) -> BTreeSet<String> {
    sources
        .learner
        .iter()
        .flat_map(|s| &s.blanks)
        .map(|b| b.id.clone())
        .collect()
}

/// The module name of each of the week's files, in order.
fn modules(week: &Week) -> Vec<String> {
    week.files.iter().map(|f| Week::module_name(f)).collect()
}

fn function_of(blank: &str) -> &str {
    blank.split('#').next().unwrap_or(blank)
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

/// The blanks involved in the failing cases, and the variants made of them.
struct Involved {
    all: Variant,
}

impl Involved {
    fn functions(&self) -> BTreeSet<&str> {
        self.all.iter().map(|b| function_of(b)).collect()
    }

    fn blanks_of(&self, g: &str) -> Vec<String> {
        self.all.iter().filter(|b| function_of(b) == g).cloned().collect()
    }

    /// Only `mine` the learner's, every other involved blank the reference's.
    fn only_learners(&self, mine: &[String]) -> Variant {
        self.all.iter().filter(|b| !mine.contains(b)).cloned().collect()
    }
}

/// Blames every failing case; returns attributions by case id.
///
/// Experiments, each variant built once (all in one switchboard binary when
/// the week allows) and each case run once per distinct variant:
/// 1. per function G involved: only G's blanks are the learner's → which
///    functions are enough to make a case fail;
/// 2. within such a function with several blanks: only one blank is the
///    learner's → which blanks;
/// 3. the culprits all from the reference, the rest the learner's → confirms
///    that they explain the failure (and names several at once);
/// 4. when nothing is confirmed: each function from the reference alone →
///    which replacement fixes it.
///
/// The experiments run on the quickest failing case of each function; its
/// other failing cases take the same attribution when two runs confirm it
/// for them too (its culprits alone the learner's fail the case, all from
/// the reference pass it), and go through the experiments otherwise. A
/// training case is then run twice, not once per variant.
pub fn blame(
    course: &Course,
    week: &Week,
    sources: &WeekSources,
    fixtures: &[&Fixture],
    verdicts: &[Verdict],
    variants: Variants,
    run: &RunOptions,
) -> Result<BTreeMap<String, Attribution>> {
    let mut result = BTreeMap::new();
    let mut hard: Vec<(&Fixture, Vec<String>, std::time::Duration)> = Vec::new();
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
            _ => hard.push((f, cands, v.elapsed)),
        }
    }
    if hard.is_empty() {
        return Ok(result);
    }
    let involved = Involved {
        all: hard.iter().flat_map(|(_, c, _)| c.iter().cloned()).collect(),
    };
    let mut lab = Lab {
        course,
        week,
        sources,
        cases: hard.iter().map(|(f, _, _)| *f).collect(),
        candidates: hard.iter().map(|(_, c, _)| c.iter().cloned().collect()).collect(),
        build: variants.build,
        run,
        // Every blank of the week, not only those involved: the switchboard's
        // text then changes only where the learner edits, whatever fails,
        // and incremental compilation reuses the rest from the last check.
        switchboard: match variants.seated {
            Some(_) => None,
            None => Switchboard::new(sources, &every_blank(sources), &modules(week)).ok(),
        },
        seated: variants.seated,
        switch_binary: None,
        results: BTreeMap::new(),
    };
    let experiments = Experiments {
        week,
        verdicts,
        involved: &involved,
        reference_known: same_outside_blanks(sources),
    };
    // The quickest failing case of each function first.
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (c, (f, _, elapsed)) in hard.iter().enumerate() {
        let quickest = first.entry(f.spec.function.as_str()).or_insert(c);
        if *elapsed < hard[*quickest].2 {
            *quickest = c;
        }
    }
    let representatives: Vec<usize> = first.values().copied().collect();
    let mut found = experiments.attribute(&mut lab, &representatives)?;
    // The others: the same attribution where it holds for them too.
    let others: Vec<usize> = (0..hard.len()).filter(|c| !representatives.contains(c)).collect();
    let claims: Vec<(usize, usize, Vec<Vec<String>>)> = others
        .iter()
        .filter_map(|&c| {
            let r = first[hard[c].0.spec.function.as_str()];
            let blanks = found.get(&r)?.blanks();
            let mut by_function: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for b in &blanks {
                by_function.entry(function_of(b)).or_default().push(b.clone());
            }
            (!blanks.is_empty()).then(|| (c, r, by_function.into_values().collect()))
        })
        .collect();
    let checks: Vec<Variant> = claims
        .iter()
        .flat_map(|(_, _, groups)| {
            let fixed: Variant = groups.iter().flatten().cloned().collect();
            groups
                .iter()
                .map(|g| involved.only_learners(g))
                .chain(std::iter::once(fixed))
        })
        .collect();
    let claimed: Vec<usize> = claims.iter().map(|(c, _, _)| *c).collect();
    lab.try_all(checks, &claimed)?;
    let mut rest: Vec<usize> = others.iter().copied().filter(|c| !claimed.contains(c)).collect();
    for (c, r, groups) in &claims {
        let fixed: Variant = groups.iter().flatten().cloned().collect();
        let holds = lab.passes(&fixed, *c) == Some(true)
            && groups
                .iter()
                .all(|g| lab.passes(&involved.only_learners(g), *c) == Some(false));
        if holds {
            let same = found[r].clone();
            found.insert(*c, same);
        } else {
            rest.push(*c);
        }
    }
    rest.sort_unstable();
    found.extend(experiments.attribute(&mut lab, &rest)?);
    for (c, attribution) in found {
        result.insert(hard[c].0.spec.id.clone(), attribution);
    }
    Ok(result)
}

/// What the experiments need besides the lab.
struct Experiments<'a> {
    week: &'a Week,
    verdicts: &'a [Verdict],
    involved: &'a Involved,
    /// Is the learner's code the reference's outside the blanks?
    reference_known: bool,
}

impl Experiments<'_> {
    /// Did every unit case of `function` pass in the learner's check?
    fn unit_pass(&self, function: &str) -> bool {
        self.verdicts
            .iter()
            .filter(|v| v.function == function && v.kind == dlc::protocol::CaseKind::Unit)
            .all(|v| v.status == Status::Pass)
    }

    /// Rounds 1–4 on the lab's cases `cases`.
    fn attribute(&self, lab: &mut Lab, cases: &[usize]) -> Result<BTreeMap<usize, Attribution>> {
        let mut result = BTreeMap::new();
        if cases.is_empty() {
            return Ok(result);
        }
        let involved = self.involved;
        let functions = involved.functions();
        // Sanity: with every involved blank from the reference the cases must pass.
        let reference_all = involved.all.clone();
        // 1. Functions.
        let mut round: Vec<Variant> = functions
            .iter()
            .map(|g| involved.only_learners(&involved.blanks_of(g)))
            .collect();
        if !self.reference_known {
            round.push(reference_all.clone());
        }
        lab.try_all(round, cases)?;
        // 2. Blanks within functions that fail some case on their own.
        let suspects: Vec<&str> = functions
            .iter()
            .copied()
            .filter(|g| {
                cases
                    .iter()
                    .any(|&c| lab.passes(&involved.only_learners(&involved.blanks_of(g)), c) == Some(false))
            })
            .collect();
        let round: Vec<Variant> = suspects
            .iter()
            .filter(|g| involved.blanks_of(g).len() > 1)
            .flat_map(|g| {
                involved
                    .blanks_of(g)
                    .into_iter()
                    .map(|b| involved.only_learners(&[b]))
            })
            .collect();
        lab.try_all(round, cases)?;
        // 3. Confirm each case's culprits.
        let mut culprits_of: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for &c in cases {
            let mut culprits = Vec::new();
            for g in &suspects {
                let mine = involved.blanks_of(g);
                if !lab.candidates[c].contains(&mine[0])
                    || lab.passes(&involved.only_learners(&mine), c) != Some(false)
                {
                    continue;
                }
                let singles: Vec<String> = mine
                    .iter()
                    .filter(|b| {
                        mine.len() == 1
                            || lab.passes(&involved.only_learners(&[(*b).clone()]), c) == Some(false)
                    })
                    .cloned()
                    .collect();
                // The function fails as a whole but no blank alone: its blanks fail together.
                culprits.extend(if singles.is_empty() { mine } else { singles });
            }
            culprits_of.insert(c, culprits);
        }
        lab.try_all(
            culprits_of
                .values()
                .filter(|k| !k.is_empty())
                .map(|k| k.iter().cloned().collect::<Variant>()),
            cases,
        )?;
        let mut unexplained = Vec::new();
        for &c in cases {
            let function = lab.cases[c].spec.function.as_str();
            let culprits = &culprits_of[&c];
            let confirmed = lab.passes(&culprits.iter().cloned().collect(), c) == Some(true);
            let leaf = self.week.pieces_of(function).is_empty();
            let attribution = if !self.reference_known && lab.passes(&reference_all, c) == Some(false) {
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
            } else if culprits.iter().all(|b| function_of(b) == function) {
                Attribution::Glue {
                    blanks: culprits.clone(),
                }
            } else if let [b] = culprits.as_slice() {
                Attribution::Piece {
                    blank: b.clone(),
                    piece_cases_pass: self.unit_pass(function_of(b)),
                }
            } else {
                Attribution::Several {
                    blanks: culprits.clone(),
                }
            };
            result.insert(c, attribution);
        }
        if !unexplained.is_empty() {
            // 4. Which single function, from the reference, fixes it?
            lab.try_all(
                functions
                    .iter()
                    .map(|g| involved.blanks_of(g).into_iter().collect::<Variant>()),
                &unexplained,
            )?;
            for c in unexplained {
                let fixers = functions
                    .iter()
                    .filter(|g| lab.candidates[c].contains(&involved.blanks_of(g)[0]))
                    .filter(|g| lab.passes(&involved.blanks_of(g).into_iter().collect(), c) == Some(true))
                    .flat_map(|g| involved.blanks_of(g))
                    .collect();
                result.insert(c, Attribution::Unexplained { fixers });
            }
        }
        Ok(result)
    }
}
