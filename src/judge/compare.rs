//! Compare one returned value with its expected value, and say precisely how
//! they differ as a typed [`Finding`].

use std::time::Duration;

use dlc::protocol::Tolerance;
use dlc::value::{Num, Value};

use crate::run::Exceeded;

/// Why a case got its status, precise enough to explain in words.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// Everything matched.
    Passed,
    /// The function's own blanks, or those of functions it calls, are untouched.
    NotDone {
        /// The functions still to write.
        functions: Vec<String>,
    },
    /// An expected output is absent.
    Missing {
        /// Where, e.g. `grads.dW1`.
        path: String,
    },
    /// An output has the wrong type (a list where a float belongs, ...).
    Type {
        /// Where.
        path: String,
        /// Expected type, in words.
        expected: String,
        /// Returned type, in words.
        got: String,
    },
    /// An array has the wrong shape.
    Shape {
        /// Where.
        path: String,
        /// Expected shape.
        expected: Vec<usize>,
        /// Returned shape.
        got: Vec<usize>,
    },
    /// Numbers differ beyond the tolerance.
    Values {
        /// Where.
        path: String,
        /// First differing index (empty for a scalar).
        index: Vec<usize>,
        /// Expected value there.
        expected: f64,
        /// Returned value there.
        got: f64,
        /// Largest absolute difference over the output (NaN when a value is not finite).
        max_error: f64,
        /// How many numbers differ.
        wrong: usize,
        /// How many numbers there are.
        total: usize,
    },
    /// A per-step list (a cost trajectory) leaves the expected one.
    Trajectory {
        /// Where.
        path: String,
        /// First differing step (0-based).
        step: usize,
        /// How often a value was recorded (from the case), when known.
        recorded: Option<dlc::protocol::Recording>,
        /// Expected value there.
        expected: f64,
        /// Returned value there.
        got: f64,
    },
    /// Another value differs (an integer, a word, a flag).
    Different {
        /// Where.
        path: String,
        /// Expected, in words.
        expected: String,
        /// Returned, in words.
        got: String,
    },
    /// An argument that must stay unchanged was modified.
    Modified {
        /// The argument.
        argument: String,
    },
    /// The code panicked.
    Panic {
        /// The panic message.
        message: String,
        /// Where, when known.
        location: Option<String>,
    },
    /// The process died without a result.
    Died {
        /// How.
        how: crate::run::Death,
    },
    /// The learner's code does not compile, so the case could not run.
    NotCompiled,
    /// The process went over one of its resource limits.
    OverLimit(Exceeded),
    /// The process ran out of time.
    Timeout {
        /// The limit.
        limit: Duration,
    },
    /// The harness could not call the function with these arguments.
    BadRequest {
        /// Why.
        message: String,
    },
}

/// Whether `got` is within tolerance of `expected`; NaN and infinity only match themselves.
pub fn close(expected: f64, got: f64, t: Tolerance) -> bool {
    if !expected.is_finite() || !got.is_finite() {
        return expected.to_bits() == got.to_bits() || (expected.is_nan() && got.is_nan());
    }
    (got - expected).abs() <= t.abs + t.rel * expected.abs()
}

fn unravel(mut flat: usize, shape: &[usize]) -> Vec<usize> {
    let mut index = vec![0; shape.len()];
    for (i, &n) in shape.iter().enumerate().rev() {
        if n > 0 {
            index[i] = flat % n;
            flat /= n;
        }
    }
    index
}

fn compare_numbers(
    path: &str,
    shape: &[usize],
    expected: &[Num],
    got: &[Num],
    t: Tolerance,
) -> Option<Finding> {
    let mut first = None;
    let mut wrong = 0;
    let mut max_error: f64 = 0.0;
    for (k, (e, g)) in expected.iter().zip(got).enumerate() {
        let err = (g.0 - e.0).abs();
        max_error = if err.is_nan() || max_error.is_nan() {
            f64::NAN
        } else {
            max_error.max(err)
        };
        if !close(e.0, g.0, t) {
            wrong += 1;
            first.get_or_insert(k);
        }
    }
    let k = first?;
    Some(Finding::Values {
        path: path.to_string(),
        index: unravel(k, shape),
        expected: expected[k].0,
        got: got[k].0,
        max_error,
        wrong,
        total: expected.len(),
    })
}

/// Compares one value; `None` when it matches.
pub fn compare(path: &str, expected: &Value, got: &Value, t: Tolerance, trajectory: bool) -> Option<Finding> {
    let child = |p: String| if path.is_empty() { p } else { format!("{path}{p}") };
    match (expected, got) {
        (Value::Float { value: e }, Value::Float { value: g }) => {
            compare_numbers(path, &[], std::slice::from_ref(e), std::slice::from_ref(g), t)
        }
        (Value::Float { value: e }, Value::Int { value: g }) => {
            compare_numbers(path, &[], std::slice::from_ref(e), &[Num(*g as f64)], t)
        }
        (Value::Array { shape: se, data: de }, Value::Array { shape: sg, data: dg }) => {
            if se != sg || de.len() != dg.len() {
                return Some(Finding::Shape {
                    path: path.to_string(),
                    expected: se.clone(),
                    got: sg.clone(),
                });
            }
            compare_numbers(path, se, de, dg, t)
        }
        (Value::List { items: ie }, Value::List { items: ig }) if trajectory => {
            // Step by step: the first step that leaves the expected path is the news.
            for (step, (e, g)) in ie.iter().zip(ig).enumerate() {
                if compare("", e, g, t, false).is_some() {
                    let (e, g) = (scalar(e), scalar(g));
                    return Some(Finding::Trajectory {
                        path: path.to_string(),
                        step,
                        recorded: None,
                        expected: e,
                        got: g,
                    });
                }
            }
            (ie.len() != ig.len()).then(|| Finding::Different {
                path: path.to_string(),
                expected: format!("{} steps", ie.len()),
                got: format!("{} steps", ig.len()),
            })
        }
        (Value::List { items: ie }, Value::List { items: ig }) => {
            if ie.len() != ig.len() {
                return Some(Finding::Different {
                    path: path.to_string(),
                    expected: expected.describe(),
                    got: got.describe(),
                });
            }
            ie.iter()
                .zip(ig)
                .enumerate()
                .find_map(|(i, (e, g))| compare(&child(format!("[{i}]")), e, g, t, false))
        }
        (Value::Map { entries: me }, Value::Map { entries: mg }) => me.iter().find_map(|(k, e)| {
            let p = child(format!(".{k}"));
            match mg.get(k) {
                None => Some(Finding::Missing { path: p }),
                Some(g) => compare(&p, e, g, t, false),
            }
        }),
        (Value::Int { value: e }, Value::Int { value: g }) if e != g => Some(Finding::Different {
            path: path.to_string(),
            expected: e.to_string(),
            got: g.to_string(),
        }),
        (Value::Bool { value: e }, Value::Bool { value: g }) if e != g => Some(Finding::Different {
            path: path.to_string(),
            expected: e.to_string(),
            got: g.to_string(),
        }),
        (Value::Str { value: e }, Value::Str { value: g }) if e != g => Some(Finding::Different {
            path: path.to_string(),
            expected: format!("{e:?}"),
            got: format!("{g:?}"),
        }),
        (Value::Int { .. }, Value::Int { .. })
        | (Value::Bool { .. }, Value::Bool { .. })
        | (Value::Str { .. }, Value::Str { .. }) => None,
        _ => Some(Finding::Type {
            path: path.to_string(),
            expected: expected.describe(),
            got: got.describe(),
        }),
    }
}

/// The number a trajectory step holds (a float, or the first number of an array).
fn scalar(v: &Value) -> f64 {
    match v {
        Value::Float { value } => value.0,
        Value::Int { value } => *value as f64,
        Value::Array { data, .. } => data.first().map(|n| n.0).unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dlc::IntoValue;
    use ndarray::array;

    const T: Tolerance = Tolerance {
        rel: 1e-7,
        abs: 1e-12,
    };

    #[test]
    fn shapes_are_checked_before_values() {
        let e = array![[1.0, 2.0]].into_value();
        let g = array![[1.0], [2.0]].into_value();
        assert_eq!(
            compare("dw", &e, &g, T, false),
            Some(Finding::Shape {
                path: "dw".into(),
                expected: vec![1, 2],
                got: vec![2, 1]
            })
        );
    }

    #[test]
    fn first_differing_index_and_largest_error_are_reported() {
        let e = array![[1.0, 2.0], [3.0, 4.0]].into_value();
        let g = array![[1.0, 2.0], [3.5, 5.0]].into_value();
        match compare("Z", &e, &g, T, false) {
            Some(Finding::Values {
                index,
                expected,
                got,
                max_error,
                wrong,
                total,
                ..
            }) => {
                assert_eq!(
                    (index, expected, got, max_error, wrong, total),
                    (vec![1, 0], 3.0, 3.5, 1.0, 2, 4)
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nan_never_passes_and_small_expected_values_are_not_swallowed() {
        assert!(!close(1.0, f64::NAN, T));
        assert!(close(f64::NAN, f64::NAN, T));
        assert!(!close(2.9e-10, 0.0, T));
        assert!(close(1.0, 1.0 + 1e-9, T));
    }

    #[test]
    fn trajectories_name_the_first_divergent_step() {
        let e = vec![0.7, 0.6, 0.5].into_value();
        let g = vec![0.7, 0.65, 0.6].into_value();
        assert_eq!(
            compare("costs", &e, &g, T, true),
            Some(Finding::Trajectory {
                path: "costs".into(),
                step: 1,
                recorded: None,
                expected: 0.6,
                got: 0.65
            })
        );
    }

    #[test]
    fn nested_paths_name_the_entry() {
        let e = Value::map([("dW1", array![[1.0]].into_value())]);
        let g = Value::map([("dW1", array![[2.0]].into_value())]);
        assert!(
            matches!(compare("grads", &e, &g, T, false), Some(Finding::Values { path, .. }) if path == "grads.dW1")
        );
        let g = Value::map([("db1", array![[2.0]].into_value())]);
        assert_eq!(
            compare("grads", &e, &g, T, false),
            Some(Finding::Missing {
                path: "grads.dW1".into()
            })
        );
    }

    #[test]
    fn a_1x1_array_for_a_float_is_a_type_error() {
        let f = compare("cost", &0.5.into_value(), &array![[0.5]].into_value(), T, false);
        assert!(matches!(f, Some(Finding::Type { .. })));
    }
}
