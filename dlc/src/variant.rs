//! Which version of each switchable function this process runs.
//!
//! Blame compares the learner's blanks with the reference's in many
//! combinations. Rather than one binary per combination, dl-course compiles
//! one binary holding several versions of each function involved, each
//! replaced by a dispatcher that asks [`version`] which one to call. The
//! request of a case carries the selection ([`crate::protocol::Request::variant`]);
//! an empty selection runs version 0 everywhere: the learner's own code.

use std::collections::BTreeMap;
use std::sync::OnceLock;

static SELECTION: OnceLock<BTreeMap<String, usize>> = OnceLock::new();

/// Sets this process's selection (once; later calls are ignored: one case, one variant).
pub fn select(selection: BTreeMap<String, usize>) {
    let _ = SELECTION.set(selection);
}

/// The version to run of the function `key` (`module::function`); 0 when none was selected.
pub fn version(key: &str) -> usize {
    version_in(SELECTION.get(), key)
}

fn version_in(selection: Option<&BTreeMap<String, usize>>, key: &str) -> usize {
    selection.and_then(|s| s.get(key).copied()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unselected_functions_run_version_zero() {
        // The process-wide selection is set once (by the harness tests too):
        // the lookup is tested on its own.
        let selection: BTreeMap<String, usize> = [("m::f".to_string(), 2)].into();
        assert_eq!(version_in(Some(&selection), "m::f"), 2);
        assert_eq!(version_in(Some(&selection), "m::g"), 0);
        assert_eq!(version_in(None, "m::f"), 0);
    }
}
