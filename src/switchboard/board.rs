//! One learner's switchboard: the functions switched and their versions,
//! and the week's files that hold them (see the module above for why).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Span;
use quote::{ToTokens, format_ident, quote};
use syn::spanned::Spanned;

use crate::blanks::{self, BlankError, WeekSources};

/// Why a week cannot be put on a switchboard.
#[derive(Debug)]
pub enum SwitchError {
    /// The blanks of the two sides do not correspond.
    Splice(BlankError),
    /// A file (the learner's, or spliced) is not Rust that `syn` parses.
    Parse(String),
    /// The week's structure is not one the switchboard handles.
    Unsupported(String),
}

impl std::fmt::Display for SwitchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SwitchError::Splice(e) => write!(f, "{e}"),
            SwitchError::Parse(e) => write!(f, "cannot parse: {e}"),
            SwitchError::Unsupported(why) => write!(f, "not switchable: {why}"),
        }
    }
}

impl std::error::Error for SwitchError {}

impl From<BlankError> for SwitchError {
    fn from(e: BlankError) -> Self {
        SwitchError::Splice(e)
    }
}

/// Blank ids taken from the reference; every other blank is the learner's.
pub type FromReference = BTreeSet<String>;

/// One function compiled in several versions.
#[derive(Clone, Debug)]
pub(super) struct Switch {
    /// Index of its file in the week's files.
    pub(super) file: usize,
    /// Its name (a top-level function of that file).
    pub(super) name: String,
    /// `module::name`, the key of [`dlc::variant::version`].
    pub(super) key: String,
    /// Its blanks.
    pub(super) blanks: BTreeSet<String>,
    /// Version k takes these of its blanks from the reference; version 0 none.
    pub(super) versions: Vec<FromReference>,
}

/// The functions to switch and the versions compiled of each.
#[derive(Clone, Debug)]
pub struct Switchboard {
    pub(super) switches: Vec<Switch>,
}

/// The top-level function of `file` whose lines hold each of `blanks`' lines.
pub(super) fn enclosing_functions(
    file: &syn::File,
    blanks: &[&blanks::Blank],
) -> Result<Vec<String>, SwitchError> {
    let spans: Vec<(String, usize, usize)> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Fn(f) => Some((
                f.sig.ident.to_string(),
                f.span().start().line,
                f.span().end().line,
            )),
            _ => None,
        })
        .collect();
    blanks
        .iter()
        .map(|b| {
            spans
                .iter()
                .find(|(_, start, end)| *start <= b.start_line && b.end_line <= *end)
                .map(|(name, _, _)| name.clone())
                .ok_or_else(|| {
                    SwitchError::Unsupported(format!("blank `{}` is not inside a top-level function", b.id))
                })
        })
        .collect()
}

pub(super) fn parse(text: &str, what: &str) -> Result<syn::File, SwitchError> {
    syn::parse_file(text).map_err(|e| SwitchError::Parse(format!("{what}: {e}")))
}

impl Switchboard {
    /// A switchboard for the functions holding any of `blanks`, each with
    /// the versions blame usually asks for: the learner's, the reference's,
    /// and, for a function of several blanks, each blank alone the learner's
    /// and each blank alone the reference's.
    pub fn new(
        sources: &WeekSources,
        blanks: &BTreeSet<String>,
        modules: &[String],
    ) -> Result<Switchboard, SwitchError> {
        let mut switches: Vec<Switch> = Vec::new();
        for (file, learner) in sources.learner.iter().enumerate() {
            let wanted: Vec<&blanks::Blank> =
                learner.blanks.iter().filter(|b| blanks.contains(&b.id)).collect();
            if wanted.is_empty() {
                continue;
            }
            let text = learner.lines.join("\n");
            let parsed = parse(&text, &learner.path.display().to_string())?;
            // Every blank of the file is mapped, so that a function's blank set is whole.
            let all: Vec<&blanks::Blank> = learner.blanks.iter().collect();
            let owners = enclosing_functions(&parsed, &all)?;
            for (b, owner) in all.iter().zip(&owners) {
                if !wanted.iter().any(|w| w.id == b.id) {
                    continue;
                }
                let key = format!("{}::{owner}", modules[file]);
                match switches.iter_mut().find(|s| s.key == key) {
                    Some(s) => {
                        s.blanks.insert(b.id.clone());
                    }
                    None => switches.push(Switch {
                        file,
                        name: owner.clone(),
                        key,
                        blanks: [b.id.clone()].into(),
                        versions: vec![FromReference::new()],
                    }),
                }
            }
            // Blanks of a switched function that were not asked for still belong to it.
            for (b, owner) in all.iter().zip(&owners) {
                if let Some(s) = switches.iter_mut().find(|s| s.file == file && &s.name == owner) {
                    s.blanks.insert(b.id.clone());
                }
            }
        }
        let mut board = Switchboard { switches };
        for s in &mut board.switches {
            let mut usual = vec![s.blanks.clone()];
            if s.blanks.len() > 1 {
                for b in &s.blanks {
                    let mut others = s.blanks.clone();
                    others.remove(b);
                    usual.push(others);
                    usual.push([b.clone()].into());
                }
            }
            for v in usual {
                if !s.versions.contains(&v) {
                    s.versions.push(v);
                }
            }
        }
        Ok(board)
    }

    /// The run-time selection that gives `variant`, or `None` when a version
    /// it needs is not compiled (then [`Switchboard::add`] it and rebuild).
    /// `None` too when `variant` names a blank outside every switched function.
    pub fn selection(&self, variant: &FromReference) -> Option<BTreeMap<String, usize>> {
        let covered = variant
            .iter()
            .all(|b| self.switches.iter().any(|s| s.blanks.contains(b)));
        if !covered {
            return None;
        }
        let mut selection = BTreeMap::new();
        for s in &self.switches {
            let mine: FromReference = s.blanks.intersection(variant).cloned().collect();
            let k = s.versions.iter().position(|v| *v == mine)?;
            if k != 0 {
                selection.insert(s.key.clone(), k);
            }
        }
        Some(selection)
    }

    /// Adds the versions `variant` needs; false when it names a blank outside
    /// every switched function (the switchboard cannot give it).
    pub fn add(&mut self, variant: &FromReference) -> bool {
        if !variant
            .iter()
            .all(|b| self.switches.iter().any(|s| s.blanks.contains(b)))
        {
            return false;
        }
        for s in &mut self.switches {
            let mine: FromReference = s.blanks.intersection(variant).cloned().collect();
            if !s.versions.contains(&mine) {
                s.versions.push(mine);
            }
        }
        true
    }

    /// The week's files for the switchboard binary, in `sources`' order: the
    /// learner's files with each switched function replaced by its versions
    /// and a dispatcher of the same name and signature.
    pub fn texts(&self, sources: &WeekSources) -> Result<Vec<String>, SwitchError> {
        let mut texts = Vec::new();
        for (file, (learner, solution)) in sources.learner.iter().zip(&sources.solution).enumerate() {
            let here: Vec<&Switch> = self.switches.iter().filter(|s| s.file == file).collect();
            if here.is_empty() {
                texts.push(learner.lines.join("\n") + "\n");
                continue;
            }
            let path = learner.path.display().to_string();
            let mut parsed = parse(&learner.lines.join("\n"), &path)?;
            let mut items = Vec::new();
            for item in std::mem::take(&mut parsed.items) {
                let switch = match &item {
                    syn::Item::Fn(f) => here.iter().find(|s| f.sig.ident == s.name.as_str()),
                    _ => None,
                };
                let (Some(switch), syn::Item::Fn(learners)) = (switch, &item) else {
                    items.push(item);
                    continue;
                };
                for (k, version) in switch.versions.iter().enumerate() {
                    items.push(syn::Item::Fn(version_fn(learner, solution, switch, version, k)?));
                }
                let others: Vec<usize> = (1..switch.versions.len()).collect();
                items.push(syn::Item::Fn(dispatcher(
                    learners,
                    &switch.name,
                    &switch.key,
                    &others,
                )?));
            }
            texts.push(render(&parsed.attrs, &items));
        }
        Ok(texts)
    }
}

/// A file's text, one item per line: an edit in one function then moves no
/// other function's spans, and incremental compilation reuses the rest.
pub(super) fn render(attrs: &[syn::Attribute], items: &[syn::Item]) -> String {
    render_lines(attrs, items).0
}

/// [`render`], and the line (1-based) on which each item starts (an item
/// holding a multi-line string literal spans several).
pub(super) fn render_lines(attrs: &[syn::Attribute], items: &[syn::Item]) -> (String, Vec<usize>) {
    let mut text = String::new();
    for attr in attrs {
        text += &attr.to_token_stream().to_string();
        text.push('\n');
    }
    let mut starts = Vec::new();
    let mut line = text.matches('\n').count() + 1;
    for item in items {
        starts.push(line);
        let item = item.to_token_stream().to_string();
        line += item.matches('\n').count() + 1;
        text += &item;
        text.push('\n');
    }
    (text, starts)
}

/// Version `k` of `switch`'s function: the function cut out of the learner's
/// file with the blanks of `version` spliced from the reference, renamed.
pub(super) fn version_fn(
    learner: &blanks::Source,
    solution: &blanks::Source,
    switch: &Switch,
    version: &FromReference,
    k: usize,
) -> Result<syn::ItemFn, SwitchError> {
    let path = learner.path.display().to_string();
    let spliced = blanks::splice(learner, solution, version)?;
    let spliced = parse(&spliced, &format!("{path} (spliced)"))?;
    let f = spliced
        .items
        .into_iter()
        .find_map(|i| match i {
            syn::Item::Fn(f) if f.sig.ident == switch.name.as_str() => Some(f),
            _ => None,
        })
        .ok_or_else(|| SwitchError::Parse(format!("{path}: `{}` lost in splicing", switch.name)))?;
    Ok(renamed(f, &switch.name, k))
}

/// `f` as version `k` of `name`: private, undocumented, lint-free.
pub(super) fn renamed(mut f: syn::ItemFn, name: &str, k: usize) -> syn::ItemFn {
    f.sig.ident = version_name(name, k);
    f.vis = syn::Visibility::Inherited;
    f.attrs.retain(|a| !a.path().is_ident("doc"));
    f.attrs
        .push(syn::parse_quote!(#[allow(dead_code, unused, clippy::all)]));
    f
}

fn version_name(name: &str, k: usize) -> syn::Ident {
    format_ident!("{}__dlc_v{}", name, k)
}

/// `learners`' signature, with plain argument names, whose body calls the
/// version of `name` the process selected for `key`: one of `others`, else
/// version 0.
pub(super) fn dispatcher(
    learners: &syn::ItemFn,
    name: &str,
    key: &str,
    others: &[usize],
) -> Result<syn::ItemFn, SwitchError> {
    let mut f = learners.clone();
    let mut args = Vec::new();
    for (i, arg) in f.sig.inputs.iter_mut().enumerate() {
        let syn::FnArg::Typed(typed) = arg else {
            return Err(SwitchError::Unsupported(format!("`{name}` takes `self`")));
        };
        let name = syn::Ident::new(&format!("__dlc_arg{i}"), Span::call_site());
        *typed.pat = syn::parse_quote!(#name);
        args.push(name);
    }
    let arms = others.iter().map(|&k| {
        let v = version_name(name, k);
        quote!(#k => #v(#(#args),*),)
    });
    let v0 = version_name(name, 0);
    f.block = Box::new(syn::parse_quote!({
        match ::dlc::variant::version(#key) {
            #(#arms)*
            _ => #v0(#(#args),*),
        }
    }));
    f.attrs.push(syn::parse_quote!(#[allow(clippy::all)]));
    Ok(f)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use std::path::PathBuf;

    pub fn source(text: &str) -> blanks::Source {
        blanks::Source::parse(&PathBuf::from("m.rs"), text).unwrap()
    }

    pub const SOLUTION: &str = "\
/// Doubles then adds one.
pub fn f(mut x: f64, (a, _b): (f64, f64)) -> f64 {
    // START CODE HERE
    x *= 2.0;
    // END CODE HERE
    // START CODE HERE
    let y = x + 1.0 + a;
    // END CODE HERE
    y
}

pub fn g(x: f64) -> f64 {
    // START CODE HERE
    let y = f(x, (0.0, 0.0));
    // END CODE HERE
    y
}
";

    fn sources() -> WeekSources {
        let learner = SOLUTION
            .replace("x *= 2.0;", "x *= 3.0;")
            .replace("x + 1.0 + a", "x - 1.0 + a");
        WeekSources {
            learner: vec![source(&learner)],
            solution: vec![source(SOLUTION)],
        }
    }

    fn all() -> BTreeSet<String> {
        ["f#1", "f#2", "g#1"].iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn usual_versions_cover_blame_s_first_rounds() {
        let board = Switchboard::new(&sources(), &all(), &["m".into()]).unwrap();
        // f: learner, reference, and each blank alone either way (with two
        // blanks, one alone the learner's is the other alone the reference's); g: two.
        assert_eq!(board.switches[0].versions.len(), 4);
        assert_eq!(board.switches[1].versions.len(), 2);
        let only_f2_learners: FromReference = ["f#1", "g#1"].iter().map(|s| s.to_string()).collect();
        let s = board.selection(&only_f2_learners).unwrap();
        assert_eq!(s.len(), 2);
        assert!(board.selection(&FromReference::new()).unwrap().is_empty());
    }

    #[test]
    fn a_missing_version_is_added_on_demand() {
        let mut board = Switchboard::new(&sources(), &["g#1".to_string()].into(), &["m".into()]).unwrap();
        // Asking for g only still switches f? No: f holds no asked blank.
        assert_eq!(board.switches.len(), 1);
        let f1: FromReference = ["f#1".to_string()].into();
        assert!(board.selection(&f1).is_none());
        assert!(!board.add(&f1));
    }

    #[test]
    fn texts_hold_every_version_and_a_dispatcher() {
        let board = Switchboard::new(&sources(), &all(), &["m".into()]).unwrap();
        let text = &board.texts(&sources()).unwrap()[0];
        let parsed = syn::parse_file(text).unwrap();
        let names: Vec<String> = parsed
            .items
            .iter()
            .filter_map(|i| match i {
                syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        assert!(names.contains(&"f".to_string()) && names.contains(&"f__dlc_v3".to_string()));
        assert!(
            text.contains("3.0") && text.contains("2.0"),
            "learner's and reference's code both present"
        );
        assert!(text.contains("dlc :: variant :: version (\"m::f\")"));
    }

    #[test]
    fn a_blank_in_a_method_is_unsupported() {
        let text = "struct S;\nimpl S {\n    fn f(&self) -> f64 {\n        // START CODE HERE\n        1.0\n        // END CODE HERE\n    }\n}\n";
        let ws = WeekSources {
            learner: vec![source(text)],
            solution: vec![source(text)],
        };
        let blanks = ws.learner[0].blanks.iter().map(|b| b.id.clone()).collect();
        assert!(matches!(
            Switchboard::new(&ws, &blanks, &["m".into()]),
            Err(SwitchError::Unsupported(_))
        ));
    }
}
