//! Which graded functions a function's code reaches, read from the source.
//!
//! week.toml's `uses` says what each graded function composes: blame looks
//! there for the culprit, and `dl-course batch` reuses the reference's result
//! for a case none of whose functions a copy changed. Both are right only if
//! `uses` lists every graded function the code actually calls, directly or
//! through a given helper, and through the harness adapter that calls it.
//! `verify` holds week.toml to this. Only calls by name are seen (`f(…)`,
//! `m::f(…)`): a function passed as a value is not (the course's weeks do not
//! pass graded functions around), and a local variable that shares a graded
//! function's name is never mistaken for it.

use std::collections::{BTreeMap, BTreeSet};

use syn::visit::Visit;

/// Names called (`f(…)`, `module::f(…)`) in each top-level function of some
/// files, by function name.
#[derive(Default, Debug)]
pub struct CallGraph {
    calls: BTreeMap<String, BTreeSet<String>>,
}

/// Collects the last segment of every called path.
struct Called(BTreeSet<String>);

impl<'ast> Visit<'ast> for Called {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*call.func
            && let Some(last) = p.path.segments.last()
        {
            self.0.insert(last.ident.to_string());
        }
        syn::visit::visit_expr_call(self, call);
    }
}

impl CallGraph {
    /// Adds the top-level functions of `text` (a Rust file).
    pub fn add_file(&mut self, text: &str) -> Result<(), syn::Error> {
        let file = syn::parse_file(text)?;
        for item in &file.items {
            if let syn::Item::Fn(f) = item {
                let mut called = Called(BTreeSet::new());
                called.visit_block(&f.block);
                self.calls
                    .entry(f.sig.ident.to_string())
                    .or_default()
                    .extend(called.0);
            }
        }
        Ok(())
    }

    /// The names among `graded` that `from`'s code reaches, through any
    /// chain of the files' functions (`from` itself excluded unless it recurses).
    pub fn reached<'g>(&self, from: &str, graded: &BTreeSet<&'g str>) -> BTreeSet<&'g str> {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack: Vec<&str> = vec![from];
        let mut found = BTreeSet::new();
        while let Some(f) = stack.pop() {
            for callee in self.calls.get(f).into_iter().flatten() {
                if let Some(g) = graded.get(callee.as_str()) {
                    found.insert(*g);
                }
                if seen.insert(callee.as_str()) && callee != from {
                    stack.push(callee.as_str());
                }
            }
        }
        found
    }
}

/// The harness's adapters: graded function name → the adapter function
/// that calls it (`Graded { name: "f", call: call_f }` in `FUNCTIONS`).
pub fn adapters(harness: &str) -> Result<BTreeMap<String, String>, syn::Error> {
    struct Adapters(BTreeMap<String, String>);
    impl<'ast> Visit<'ast> for Adapters {
        fn visit_expr_struct(&mut self, e: &'ast syn::ExprStruct) {
            let field = |name: &str| {
                e.fields
                    .iter()
                    .find(|f| matches!(&f.member, syn::Member::Named(m) if m == name))
            };
            if let (Some(name), Some(call)) = (field("name"), field("call"))
                && let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(name),
                    ..
                }) = &name.expr
                && let syn::Expr::Path(call) = &call.expr
                && let Some(last) = call.path.segments.last()
            {
                self.0.insert(name.value(), last.ident.to_string());
            }
            syn::visit::visit_expr_struct(self, e);
        }
    }
    let mut found = Adapters(BTreeMap::new());
    found.visit_file(&syn::parse_file(harness)?);
    Ok(found.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graded_function_reached_through_a_helper_is_found() {
        let mut graph = CallGraph::default();
        graph
            .add_file(
                "fn helper(x: f64) -> f64 { crate::m::sigmoid(x) }\n\
                 pub fn model(x: f64) -> f64 { let cost = 1.0; helper(x) + relu(x) + cost }\n\
                 pub fn sigmoid(x: f64) -> f64 { x }\n\
                 pub fn relu(x: f64) -> f64 { x.max(0.0) }\n\
                 pub fn cost(x: f64) -> f64 { x }\n",
            )
            .unwrap();
        let graded: BTreeSet<&str> = ["model", "sigmoid", "relu", "cost"].into();
        assert_eq!(graph.reached("model", &graded), ["relu", "sigmoid"].into());
        assert!(graph.reached("cost", &graded).is_empty());
        assert!(graph.reached("unknown", &graded).is_empty());
    }

    #[test]
    fn adapters_are_read_from_the_functions_table() {
        let harness = "pub const FUNCTIONS: &[Graded] = &[\n\
            Graded { name: \"linear_forward\", call: call_linear_forward },\n\
            Graded { name: \"model\", call: self::call_model },\n];";
        let found = adapters(harness).unwrap();
        assert_eq!(found["linear_forward"], "call_linear_forward");
        assert_eq!(found["model"], "call_model");
    }
}
