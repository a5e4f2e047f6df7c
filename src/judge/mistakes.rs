//! Named mistakes: recognise the common mistakes of the curriculum in a
//! failing output and name them, instead of "check your equations".
//!
//! General detectors look at the relation between what was returned and what
//! was expected (a constant factor, a transpose, a lost column shape); known
//! mistakes that leave no such trace (a hard-coded learning rate, the wrong
//! activation) are recognised by the outputs the harness recorded for them in
//! the fixture.

use std::collections::BTreeMap;

use dlc::value::Value;

use super::compare::{Finding, compare};
use crate::fixtures::Fixture;

/// A mistake recognised in a failing case.
#[derive(Clone, Debug, PartialEq)]
pub enum Named {
    /// The outputs equal those of a known mistake recorded in the fixture.
    Known {
        /// The mistake's id (`hardcoded_learning_rate`, ...).
        id: String,
    },
    /// An output is a constant multiple of the expected one.
    Scaled {
        /// Where.
        path: String,
        /// got / expected.
        factor: f64,
        /// A size of the inputs that equals the factor or its inverse (m, the number of examples).
        size: Option<usize>,
    },
    /// A 2-D output is the transpose of the expected one.
    Transposed {
        /// Where.
        path: String,
    },
    /// A column (n, 1) came back as a flat (n,) array.
    LostColumn {
        /// Where.
        path: String,
    },
    /// A reduction went along the wrong axis.
    WrongAxis {
        /// Where.
        path: String,
    },
    /// A (1, 1) array came back where a plain float belongs.
    ArrayForScalar {
        /// Where.
        path: String,
    },
    /// An elementwise operation (`*`, `+`, `-`) on arrays whose shapes do not
    /// match or broadcast: ndarray panicked. Usually `*` meant as a matrix product.
    ElementwiseShapes,
    /// A matrix product of incompatible shapes: ndarray panicked.
    ProductShapes {
        /// The left factor's shape.
        left: (usize, usize),
        /// The right factor's shape.
        right: (usize, usize),
    },
}

/// Names the mistake behind ndarray's shape panics.
pub fn from_panic(message: &str) -> Option<Named> {
    if message.contains("ShapeError/IncompatibleShape") || message.contains("could not broadcast") {
        return Some(Named::ElementwiseShapes);
    }
    // "ndarray: inputs 3 × 4 and 3 × 2 are not compatible for matrix multiplication"
    let rest = message.strip_prefix("ndarray: inputs ")?;
    let (shapes, _) = rest.split_once(" are not compatible for matrix multiplication")?;
    let (a, b) = shapes.split_once(" and ")?;
    let dims = |t: &str| -> Option<(usize, usize)> {
        let (r, c) = t.split_once(" × ")?;
        Some((r.trim().parse().ok()?, c.trim().parse().ok()?))
    };
    Some(Named::ProductShapes {
        left: dims(a)?,
        right: dims(b)?,
    })
}

/// Follows a finding's path (`grads.dW1`, `cache[0][1]`) into a map of outputs.
fn lookup<'a>(outputs: &'a BTreeMap<String, Value>, path: &str) -> Option<&'a Value> {
    let split = path.find(['.', '[']).unwrap_or(path.len());
    let mut value = outputs.get(&path[..split])?;
    let mut rest = &path[split..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let Value::Map { entries } = value else {
                return None;
            };
            value = entries.get(&r[..end])?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let i: usize = r[..end].parse().ok()?;
            let Value::List { items } = value else { return None };
            value = items.get(i)?;
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(value)
}

fn numbers(v: &Value) -> Option<(Vec<usize>, Vec<f64>)> {
    match v {
        Value::Array { shape, data } => Some((shape.clone(), data.iter().map(|n| n.0).collect())),
        Value::Float { value } => Some((vec![], vec![value.0])),
        _ => None,
    }
}

/// The sizes of the case's array arguments: where m, n_x, ... come from.
fn argument_sizes(fixture: &Fixture) -> Vec<usize> {
    fn walk(v: &Value, out: &mut Vec<usize>) {
        match v {
            Value::Array { shape, .. } => out.extend(shape.iter().copied().filter(|&d| d > 1)),
            Value::List { items } => items.iter().for_each(|i| walk(i, out)),
            Value::Map { entries } => entries.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut sizes = Vec::new();
    fixture.spec.args.values().for_each(|v| walk(v, &mut sizes));
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

/// ±k or ±1/k for k in 1..=10 or a power of ten up to 10⁴: the factors a
/// slip gives (a doubled term, a lost ½, a missing 0.01).
fn is_round(factor: f64) -> bool {
    let f = factor.abs();
    (1..=10)
        .chain([100, 1000, 10000])
        .any(|k| near(f, k as f64) || near(f, 1.0 / k as f64))
}

/// The constant c with got = c · expected, when there is one (and c ≠ 1).
fn constant_factor(expected: &[f64], got: &[f64]) -> Option<f64> {
    let scale = expected.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let mut factor = None;
    for (e, g) in expected.iter().zip(got) {
        if !g.is_finite() {
            return None;
        }
        if e.abs() <= 1e-9 * scale {
            if g.abs() > 1e-6 * scale {
                return None;
            }
            continue;
        }
        let c = g / e;
        match factor {
            None => factor = Some(c),
            Some(f) if near(f, c) => {}
            Some(_) => return None,
        }
    }
    factor.filter(|c| !near(*c, 1.0) && c.abs() > 1e-12)
}

/// Looks for a named mistake behind a failing `finding`.
pub fn detect(fixture: &Fixture, outputs: &BTreeMap<String, Value>, finding: &Finding) -> Option<Named> {
    for m in &fixture.spec.mistakes {
        let matches = !m.outputs.is_empty()
            && m.outputs.iter().all(|(k, e)| {
                outputs
                    .get(k)
                    .is_some_and(|g| compare(k, e, g, fixture.spec.tolerance, false).is_none())
            });
        if matches {
            return Some(Named::Known { id: m.id.clone() });
        }
    }
    let path = match finding {
        Finding::Values { path, .. } | Finding::Shape { path, .. } | Finding::Type { path, .. } => {
            path.clone()
        }
        _ => return None,
    };
    let expected = lookup(&fixture.expected, &path)?;
    let got = lookup(outputs, &path)?;
    let ((se, de), (sg, dg)) = (numbers(expected)?, numbers(got)?);
    match finding {
        Finding::Type { .. } if se.is_empty() && sg.iter().all(|&d| d == 1) && !sg.is_empty() => {
            Some(Named::ArrayForScalar { path })
        }
        Finding::Values { .. } => {
            let factor = constant_factor(&de, &dg)?;
            let sizes = argument_sizes(fixture);
            let size = sizes
                .into_iter()
                .find(|&k| near(factor.abs(), k as f64) || near(factor.abs(), 1.0 / k as f64));
            // One number is always some multiple of another: for a lone value
            // only a flipped sign or a factor equal to a size of the inputs
            // (m, a missing 1/m) means anything. Several values scaled alike
            // may still hang on one wrong scalar (W·dZ with a 1×1 dZ), so
            // they are named only by a factor a slip produces: a small
            // whole number, a power of ten, or the inverse of one.
            let telling = size.is_some() || near(factor, -1.0);
            let several = de.iter().filter(|e| **e != 0.0).count() > 1;
            (telling || (several && is_round(factor))).then_some(Named::Scaled { path, factor, size })
        }
        Finding::Shape { .. } => {
            if se.len() == 2 && sg.len() == 2 && se[0] == sg[1] && se[1] == sg[0] {
                let (r, c) = (se[0], se[1]);
                let transposed = (0..r).all(|i| {
                    (0..c).all(|j| near(de[i * c + j], dg[j * r + i]) || de[i * c + j] == dg[j * r + i])
                });
                if transposed {
                    return Some(Named::Transposed { path });
                }
            }
            if se.len() == 2 && se[1] == 1 && sg == [se[0]] {
                return Some(Named::LostColumn { path });
            }
            // A column (n, 1) summed along the other axis comes back as (1, k) or
            // (k,), or, re-expanded, as a column (k, 1) whose length is another
            // size of the inputs (m instead of n).
            let row = (sg.len() == 2 && sg[0] == 1 && sg[1] != 1) || (sg.len() == 1 && sg[0] != se[0]);
            let other_column =
                sg.len() == 2 && sg[1] == 1 && sg[0] != se[0] && argument_sizes(fixture).contains(&sg[0]);
            if se.len() == 2 && se[1] == 1 && se[0] != 1 && (row || other_column) {
                return Some(Named::WrongAxis { path });
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndarrays_shape_panics_are_named() {
        let broadcast =
            "called `Result::unwrap()` on an `Err` value: ShapeError/IncompatibleShape: incompatible shapes";
        assert_eq!(from_panic(broadcast), Some(Named::ElementwiseShapes));
        assert_eq!(
            from_panic("ndarray: could not broadcast array from shape: [3, 4] to: [4, 2]"),
            Some(Named::ElementwiseShapes)
        );
        assert_eq!(
            from_panic("ndarray: inputs 3 × 4 and 3 × 2 are not compatible for matrix multiplication"),
            Some(Named::ProductShapes {
                left: (3, 4),
                right: (3, 2)
            })
        );
        assert_eq!(
            from_panic("index out of bounds: the len is 3 but the index is 3"),
            None
        );
        assert_eq!(from_panic("not yet implemented"), None);
    }
    use dlc::IntoValue;
    use dlc::protocol::CaseSpec;
    use ndarray::array;

    fn fixture(expected: Value) -> Fixture {
        Fixture {
            spec: CaseSpec::unit("f", "a", "n").arg("X", ndarray::Array2::<f64>::zeros((3, 4))),
            expected: [("out".to_string(), expected)].into(),
        }
    }

    fn detect_on(expected: Value, got: Value) -> Option<Named> {
        let f = fixture(expected.clone());
        let finding = compare("out", &expected, &got, f.spec.tolerance, false).expect("differs");
        detect(&f, &[("out".to_string(), got)].into(), &finding)
    }

    #[test]
    fn a_flipped_sign_and_a_missing_one_over_m_are_recognised() {
        let e = array![[0.5, -1.0], [0.0, 2.0]];
        let neg = detect_on(e.clone().into_value(), (-&e).into_value());
        assert!(matches!(neg, Some(Named::Scaled { factor, .. }) if near(factor, -1.0)));
        let times_m = detect_on(e.clone().into_value(), (4.0 * &e).into_value());
        assert!(matches!(times_m, Some(Named::Scaled { size: Some(4), .. })));
    }

    #[test]
    fn transposes_lost_columns_and_1x1_arrays_are_recognised() {
        let e = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        assert!(matches!(
            detect_on(e.clone().into_value(), e.t().to_owned().into_value()),
            Some(Named::Transposed { .. })
        ));
        let col = array![[1.0], [2.0]];
        let flat = ndarray::Array1::from(vec![1.0, 2.0]);
        assert!(matches!(
            detect_on(col.into_value(), flat.into_value()),
            Some(Named::LostColumn { .. })
        ));
        assert!(matches!(
            detect_on(0.5.into_value(), array![[0.5]].into_value()),
            Some(Named::ArrayForScalar { .. })
        ));
    }

    #[test]
    fn several_numbers_are_scaled_only_by_a_round_factor() {
        let e = array![[0.5, -1.25], [2.0, 0.75]];
        assert!(matches!(
            detect_on(e.clone().into_value(), (&e * 2.0).into_value()),
            Some(Named::Scaled { .. })
        ));
        assert!(matches!(
            detect_on(e.clone().into_value(), (&e * 100.0).into_value()),
            Some(Named::Scaled { .. })
        ));
        // 4.00009426 × every entry: one wrong scalar behind them, not a slip's factor.
        assert_eq!(
            detect_on(e.clone().into_value(), (&e * 4.00009426).into_value()),
            None
        );
    }

    #[test]
    fn a_lone_number_is_scaled_only_by_a_telling_factor() {
        assert_eq!(
            detect_on(0.3.into_value(), (0.3 * 2306854685.7).into_value()),
            None
        );
        assert!(matches!(
            detect_on(0.3.into_value(), (-0.3).into_value()),
            Some(Named::Scaled { .. })
        ));
        assert!(matches!(
            detect_on(0.3.into_value(), (0.3 * 4.0).into_value()),
            Some(Named::Scaled { size: Some(4), .. })
        ));
    }

    #[test]
    fn a_column_of_the_wrong_length_is_not_a_wrong_axis() {
        let col = array![[1.0], [2.0], [3.0]];
        assert_eq!(
            detect_on(col.clone().into_value(), array![[1.0], [2.0]].into_value()),
            None
        );
        let row = array![[1.0, 2.0, 3.0, 4.0]];
        assert!(matches!(
            detect_on(col.into_value(), row.into_value()),
            Some(Named::WrongAxis { .. })
        ));
    }

    #[test]
    fn unrelated_values_name_nothing() {
        let e = array![[1.0, 2.0]];
        assert_eq!(detect_on(e.into_value(), array![[1.5, 2.0]].into_value()), None);
    }

    #[test]
    fn known_mistakes_match_recorded_outputs() {
        let mut f = fixture(1.0.into_value());
        f.spec = f
            .spec
            .mistake("hardcoded_learning_rate", vec![("out", 2.0.into_value())]);
        let got = [("out".to_string(), 2.0.into_value())].into();
        let finding = compare(
            "out",
            &1.0.into_value(),
            &2.0.into_value(),
            f.spec.tolerance,
            false,
        )
        .unwrap();
        assert_eq!(
            detect(&f, &got, &finding),
            Some(Named::Known {
                id: "hardcoded_learning_rate".into()
            })
        );
    }

    #[test]
    fn paths_reach_into_maps_and_lists() {
        let outputs: BTreeMap<String, Value> = [(
            "grads".to_string(),
            Value::map([("dW1", vec![1.0, 2.0].into_value())]),
        )]
        .into();
        assert_eq!(lookup(&outputs, "grads.dW1[1]"), Some(&2.0.into_value()));
        assert_eq!(lookup(&outputs, "grads.db1"), None);
    }
}
