//! What the CLI and a compiled week say to each other.
//!
//! The CLI starts the week binary once per case as `<bin> run <result-file>`,
//! writes one [`Request`] to its standard input and, after the process ends,
//! reads one [`Response`] from the result file. The learner's prints go to the
//! process's stdout and stderr, which the CLI shows beside the case; they can
//! never be mistaken for a result. Expected values are never sent.
//!
//! `<bin> cases <file>` writes the week's [`CaseSpec`]s (inputs only); it is used
//! on the reference solution to make fixtures. `<bin> functions <file>` writes
//! the names of the graded functions the harness can call.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::value::{IntoValue, Value};

/// One call of one graded function.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The graded function to call.
    pub function: String,
    /// Its arguments, by name.
    pub args: BTreeMap<String, Value>,
    /// Arguments to send back after the call, to check they were not modified.
    #[serde(default)]
    pub echo: Vec<String>,
    /// Blame only: which version of each switchable function to run
    /// (`module::function` → version; see [`crate::variant`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variant: BTreeMap<String, usize>,
}

/// How one call ended, as seen from inside the week process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Response {
    /// The function returned.
    Ok {
        /// Named outputs.
        outputs: BTreeMap<String, Value>,
        /// The echoed arguments, as they were after the call.
        #[serde(default)]
        echo: BTreeMap<String, Value>,
    },
    /// The function panicked (a `todo!()` is a panic too).
    Panic {
        /// The panic message.
        message: String,
        /// `file:line:column` where it panicked, when known.
        location: Option<String>,
    },
    /// The request did not fit the function (an argument missing or of the wrong type).
    BadRequest {
        /// What did not fit.
        message: String,
    },
}

/// Whether a case checks one function alone or a composition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// One function on one input.
    Unit,
    /// A composite run end to end (a full forward pass, a training loop).
    Integration,
}

/// Allowed difference: `|got - expected| <= abs + rel * |expected|`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tolerance {
    /// Relative part.
    pub rel: f64,
    /// Absolute part; never larger than what it checks.
    pub abs: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            rel: 1e-7,
            abs: 1e-10,
        }
    }
}

/// A case's inputs, as the harness makes them from the reference solution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseSpec {
    /// Unique within the week, `function/label`.
    pub id: String,
    /// The graded function called.
    pub function: String,
    /// Unit or integration.
    pub kind: CaseKind,
    /// What the case is about, in a few words.
    pub note: String,
    /// Arguments by name.
    pub args: BTreeMap<String, Value>,
    /// Allowed difference.
    #[serde(default)]
    pub tolerance: Tolerance,
    /// Arguments the function must leave as they were.
    #[serde(default)]
    pub unmodified: Vec<String>,
    /// Output holding a per-step list (costs every N iterations), compared step by step.
    #[serde(default)]
    pub trajectory: Option<String>,
    /// How often the trajectory records a value, so that a divergence is
    /// told by iteration (or epoch), not by list index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recording>,
    /// Time limit in seconds, when the default is not enough.
    #[serde(default)]
    pub timeout_secs: Option<f64>,
    /// Outputs of known-wrong variants (a hard-coded learning rate, the wrong
    /// activation), so a learner's output that matches one can be named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mistakes: Vec<Mistake>,
    /// Outputs shown beside a failure as evidence but never compared (a
    /// gradient check's relative differences, which depend on the learner's code).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// How often a trajectory records a value: every `every` iterations or epochs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recording {
    /// Iterations (or epochs) between two recorded values; the first is at 0.
    pub every: usize,
    /// What is counted.
    pub unit: StepUnit,
}

/// What a trajectory's steps count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepUnit {
    /// Gradient-descent iterations.
    Iteration,
    /// Passes over the training set.
    Epoch,
}

/// What a known mistake would return on a case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mistake {
    /// The mistake's id, e.g. `hardcoded_learning_rate` (the CLI words it).
    pub id: String,
    /// The outputs the mistaken code returns (compared like expected outputs).
    pub outputs: BTreeMap<String, Value>,
}

impl CaseSpec {
    fn new(kind: CaseKind, function: &str, label: &str, note: &str) -> CaseSpec {
        CaseSpec {
            id: format!("{function}/{label}"),
            function: function.to_string(),
            kind,
            note: note.to_string(),
            args: BTreeMap::new(),
            tolerance: Tolerance::default(),
            unmodified: Vec::new(),
            trajectory: None,
            recorded: None,
            timeout_secs: None,
            mistakes: Vec::new(),
            evidence: Vec::new(),
        }
    }

    /// A case that checks `function` alone.
    pub fn unit(function: &str, label: &str, note: &str) -> CaseSpec {
        CaseSpec::new(CaseKind::Unit, function, label, note)
    }

    /// A case that runs a composite `function` end to end.
    pub fn integration(function: &str, label: &str, note: &str) -> CaseSpec {
        CaseSpec::new(CaseKind::Integration, function, label, note)
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &str, value: impl IntoValue) -> CaseSpec {
        self.args.insert(name.to_string(), value.into_value());
        self
    }

    /// Sets the tolerance.
    pub fn tolerance(mut self, rel: f64, abs: f64) -> CaseSpec {
        self.tolerance = Tolerance { rel, abs };
        self
    }

    /// Marks arguments the function must not modify.
    pub fn unmodified(mut self, names: &[&str]) -> CaseSpec {
        self.unmodified.extend(names.iter().map(|s| s.to_string()));
        self
    }

    /// Names the output compared step by step.
    pub fn trajectory(mut self, output: &str) -> CaseSpec {
        self.trajectory = Some(output.to_string());
        self
    }

    /// Says how often the trajectory records a value (every `every` `unit`s).
    pub fn recorded_every(mut self, every: usize, unit: StepUnit) -> CaseSpec {
        self.recorded = Some(Recording { every, unit });
        self
    }

    /// Records what a known mistake returns on this case (computed by the
    /// harness with the reference code, e.g. called with the default learning
    /// rate instead of the given one).
    pub fn mistake(mut self, id: &str, outputs: Vec<(&str, Value)>) -> CaseSpec {
        let outputs = outputs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        self.mistakes.push(Mistake {
            id: id.to_string(),
            outputs,
        });
        self
    }

    /// Marks outputs as evidence: shown with a failure, never compared.
    pub fn evidence(mut self, outputs: &[&str]) -> CaseSpec {
        self.evidence.extend(outputs.iter().map(|s| s.to_string()));
        self
    }

    /// Raises the time limit.
    pub fn timeout_secs(mut self, secs: f64) -> CaseSpec {
        self.timeout_secs = Some(secs);
        self
    }
}
