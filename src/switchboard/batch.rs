//! Many copies of a week on one switchboard: `dl-course batch` checks an
//! instructor's seeded mistakes and alternative solutions with one build for
//! all of them, instead of two builds per copy (its own and blame's).
//!
//! The base is the reference solution. A copy that differs from it only
//! inside top-level functions holding blanks (signatures kept) is *seated*:
//! each such function gets, beside the reference's own version (0), every
//! version blame usually asks for of that copy, and checking the copy is
//! running the base with its selection. A copy that differs anywhere else
//! (an added helper, a changed constant, a new signature) is not seated and
//! is checked alone, the usual way.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;

use super::board::{
    FromReference, SwitchError, Switchboard, dispatcher, enclosing_functions, parse, renamed, render_lines,
    version_fn,
};
use crate::blanks::WeekSources;

/// The selection of versions a copy's variant runs with
/// (`module::function` → version).
pub type Selection = BTreeMap<String, usize>;

/// Every seated copy's versions, numbered in one binary.
pub struct Batch {
    modules: Vec<String>,
    /// Per copy: its seat, or why it has none.
    seats: Vec<Result<Seat, SwitchError>>,
}

/// One copy's place in a [`Batch`]: its own switchboard, and where its
/// versions start in the shared numbering.
#[derive(Clone, Debug)]
pub struct Seat {
    board: Switchboard,
    /// Per switched function (`module::function`): the number of the copy's version 0.
    first: BTreeMap<String, usize>,
    /// Versions left out because they do not compile (`module::function`, number).
    left_out: BTreeSet<(String, usize)>,
}

/// Where the versions are in the batch's files: per file, the line (1-based)
/// each item starts on → the version it is (`module::function`, number), if one.
pub struct VersionLines(Vec<BTreeMap<usize, Option<(String, usize)>>>);

impl VersionLines {
    /// The version whose text holds `line` of file `file`, if a version does.
    pub fn version_at(&self, file: usize, line: usize) -> Option<&(String, usize)> {
        self.0.get(file)?.range(..=line).next_back()?.1.as_ref()
    }
}

impl Seat {
    /// The selection that runs `variant` of this copy (blanks of functions
    /// the copy did not change are the reference's either way), or `None`
    /// when the batch holds no version for it.
    pub fn selection(&self, variant: &FromReference) -> Option<Selection> {
        let mut selection = Selection::new();
        for s in &self.board.switches {
            let mine: FromReference = s.blanks.intersection(variant).cloned().collect();
            let k = s.versions.iter().position(|v| *v == mine)?;
            let number = self.first[&s.key] + k;
            if self.left_out.contains(&(s.key.clone(), number)) {
                return None;
            }
            selection.insert(s.key.clone(), number);
        }
        Some(selection)
    }

    /// The functions in which the copy differs from the solution.
    pub fn changed_functions(&self) -> BTreeSet<&str> {
        self.board.switches.iter().map(|s| s.name.as_str()).collect()
    }

    /// The selection that runs the copy as written.
    pub fn as_written(&self) -> Selection {
        self.selection(&FromReference::new()).unwrap_or_default()
    }
}

/// The token text of anything `syn` parsed, to compare two items.
fn tokens(item: &impl ToTokens) -> String {
    item.to_token_stream().to_string()
}

/// The blanks of the functions in which `copy` differs from the solution,
/// or why the copy cannot be seated.
fn changed_blanks(copy: &WeekSources) -> Result<BTreeSet<String>, SwitchError> {
    let mut changed = BTreeSet::new();
    for (learner, solution) in copy.learner.iter().zip(&copy.solution) {
        let path = learner.path.display().to_string();
        let mine = parse(&learner.lines.join("\n"), &path)?;
        let reference = parse(&solution.lines.join("\n"), &path)?;
        let differs = |why: &str| SwitchError::Unsupported(format!("{path}: {why}"));
        if mine
            .attrs
            .iter()
            .map(tokens)
            .ne(reference.attrs.iter().map(tokens))
        {
            return Err(differs("the file's attributes differ from the solution's"));
        }
        if mine.items.len() != reference.items.len() {
            return Err(differs("an item was added or removed"));
        }
        let all: Vec<&crate::blanks::Blank> = learner.blanks.iter().collect();
        let owners = enclosing_functions(&mine, &all)?;
        for (m, r) in mine.items.iter().zip(&reference.items) {
            if tokens(m) == tokens(r) {
                continue;
            }
            match (m, r) {
                (syn::Item::Fn(m), syn::Item::Fn(r))
                    if tokens(&m.sig) == tokens(&r.sig)
                        && owners.iter().any(|o| m.sig.ident == o.as_str()) =>
                {
                    let name = m.sig.ident.to_string();
                    changed.extend(
                        all.iter()
                            .zip(&owners)
                            .filter(|(_, o)| **o == name)
                            .map(|(b, _)| b.id.clone()),
                    );
                }
                _ => {
                    return Err(differs(
                        "it differs from the solution outside the functions with blanks",
                    ));
                }
            }
        }
    }
    Ok(changed)
}

impl Batch {
    /// Seats every copy that can be (each copy's solution side is the same
    /// reference solution).
    pub fn new(copies: &[WeekSources], modules: &[String]) -> Batch {
        let mut next: BTreeMap<String, usize> = BTreeMap::new();
        let seats = copies
            .iter()
            .map(|copy| {
                let changed = changed_blanks(copy)?;
                let board = Switchboard::new(copy, &changed, modules)?;
                let mut first = BTreeMap::new();
                for s in &board.switches {
                    // Version 0 of every function is the reference's own.
                    let n = next.entry(s.key.clone()).or_insert(1);
                    first.insert(s.key.clone(), *n);
                    *n += s.versions.len();
                }
                Ok(Seat {
                    board,
                    first,
                    left_out: BTreeSet::new(),
                })
            })
            .collect();
        Batch {
            modules: modules.to_vec(),
            seats,
        }
    }

    /// Copy `i`'s seat, or why it has none.
    pub fn seat(&self, i: usize) -> Result<&Seat, &SwitchError> {
        self.seats[i].as_ref()
    }

    /// Leaves out a version that does not compile (rustc's error was on
    /// its line): blame builds that variant alone if it needs it. A copy
    /// whose own version (as written) does not compile loses its seat: it
    /// is built alone, to report its compile errors.
    pub fn leave_out(&mut self, key: &str, number: usize) {
        for seat in &mut self.seats {
            let Ok(s) = seat else { continue };
            let Some(&first) = s.first.get(key) else { continue };
            let count = s
                .board
                .switches
                .iter()
                .find(|w| w.key == key)
                .map_or(0, |w| w.versions.len());
            if (first..first + count).contains(&number) {
                if number == first {
                    *seat = Err(SwitchError::Unsupported("it does not compile as written".into()));
                } else {
                    s.left_out.insert((key.to_string(), number));
                }
            }
        }
    }

    /// The week's files for the batch's binary: the solution's files with
    /// each function some copy changed replaced by every version of it and
    /// a dispatcher, and where each version is. `copies` are those given to
    /// [`Batch::new`].
    pub fn texts(&self, copies: &[WeekSources]) -> Result<(Vec<String>, VersionLines), SwitchError> {
        let Some(base) = copies.first() else {
            return Ok((Vec::new(), VersionLines(Vec::new())));
        };
        let seated: Vec<(&Seat, &WeekSources)> = self
            .seats
            .iter()
            .zip(copies)
            .filter_map(|(seat, copy)| seat.as_ref().ok().map(|s| (s, copy)))
            .collect();
        let mut texts = Vec::new();
        let mut lines = Vec::new();
        for (file, solution) in base.solution.iter().enumerate() {
            let path = solution.path.display().to_string();
            let mut parsed = parse(&solution.lines.join("\n"), &path)?;
            let mut items = Vec::new();
            let mut numbers: Vec<Option<(String, usize)>> = Vec::new();
            for item in std::mem::take(&mut parsed.items) {
                let syn::Item::Fn(reference) = &item else {
                    numbers.push(None);
                    items.push(item);
                    continue;
                };
                let key = format!("{}::{}", self.modules[file], reference.sig.ident);
                let name = reference.sig.ident.to_string();
                let mut versions = vec![(0, renamed(reference.clone(), &name, 0))];
                for (seat, copy) in &seated {
                    let Some(switch) = seat.board.switches.iter().find(|s| s.key == key) else {
                        continue;
                    };
                    for (k, version) in switch.versions.iter().enumerate() {
                        let number = seat.first[&key] + k;
                        if seat.left_out.contains(&(key.clone(), number)) {
                            continue;
                        }
                        let f =
                            version_fn(&copy.learner[file], &copy.solution[file], switch, version, number)?;
                        versions.push((number, f));
                    }
                }
                if versions.len() == 1 {
                    items.push(item);
                    numbers.push(None);
                    continue;
                }
                let others: Vec<usize> = versions.iter().skip(1).map(|(n, _)| *n).collect();
                for (number, f) in versions {
                    items.push(syn::Item::Fn(f));
                    numbers.push(Some((key.clone(), number)));
                }
                items.push(syn::Item::Fn(dispatcher(reference, &name, &key, &others)?));
                numbers.push(None);
            }
            let (text, starts) = render_lines(&parsed.attrs, &items);
            texts.push(text);
            lines.push(starts.into_iter().zip(numbers).collect());
        }
        Ok((texts, VersionLines(lines)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::board::tests::{SOLUTION, source};
    use super::*;

    fn copy(find: &str, replace: &str) -> WeekSources {
        WeekSources {
            learner: vec![source(&SOLUTION.replace(find, replace))],
            solution: vec![source(SOLUTION)],
        }
    }

    #[test]
    fn copies_share_one_numbering_after_the_reference() {
        let copies = vec![
            copy("x *= 2.0;", "x *= 3.0;"),
            copy("f(x, (0.0, 0.0))", "f(x, (1.0, 0.0))"),
        ];
        let batch = Batch::new(&copies, &["m".into()]);
        let (a, b) = (batch.seat(0).unwrap(), batch.seat(1).unwrap());
        // The first copy changed f (two blanks: four versions, 1..=4); the second, g.
        assert_eq!(a.as_written(), Selection::from([("m::f".to_string(), 1)]));
        assert_eq!(b.as_written(), Selection::from([("m::g".to_string(), 1)]));
        let f1: FromReference = ["f#1".to_string(), "g#1".to_string()].into();
        // f#1 the reference's, f#2 the copy's: f's fourth version; g is the reference's anyway.
        assert_eq!(a.selection(&f1), Some(Selection::from([("m::f".to_string(), 4)])));
        let text = &batch.texts(&copies).unwrap().0[0];
        assert!(
            text.contains("3.0") && text.contains("1.0 , 0.0"),
            "both copies' code is in the binary"
        );
        assert!(text.contains("f__dlc_v4") && text.contains("g__dlc_v2"));
        assert!(!text.contains("f__dlc_v5"));
    }

    #[test]
    fn a_version_left_out_is_not_offered_and_its_line_is_known() {
        let copies = vec![copy("x *= 2.0;", "x *= 3.0;")];
        let mut batch = Batch::new(&copies, &["m".into()]);
        let (texts, lines) = batch.texts(&copies).unwrap();
        let line = texts[0].lines().position(|l| l.contains("fn f__dlc_v3")).unwrap() + 1;
        assert_eq!(lines.version_at(0, line), Some(&("m::f".to_string(), 3)));
        let dispatcher = texts[0].lines().position(|l| l.contains("pub fn f")).unwrap() + 1;
        assert_eq!(lines.version_at(0, dispatcher), None);
        batch.leave_out("m::f", 3);
        let seat = batch.seat(0).unwrap();
        assert_eq!(seat.selection(&["f#2".to_string()].into()), None);
        assert!(!batch.texts(&copies).unwrap().0[0].contains("f__dlc_v3"));
        // Its version as written left out: the copy goes alone.
        batch.leave_out("m::f", 1);
        assert!(batch.seat(0).is_err());
    }

    #[test]
    fn a_copy_changed_outside_its_functions_is_not_seated() {
        let copies = vec![
            copy("pub fn g(x: f64)", "pub fn g(x: f32)"),
            copy("\npub fn g", "\nconst K: f64 = 1.0;\npub fn g"),
        ];
        let batch = Batch::new(&copies, &["m".into()]);
        assert!(batch.seat(0).is_err(), "a changed signature");
        assert!(batch.seat(1).is_err(), "an added item");
    }
}
