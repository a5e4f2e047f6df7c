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
    /// A 2-D output has the expected shape with its two sizes swapped, but
    /// its values are not the transpose: the array was made with its sizes
    /// in the wrong order (`randn(n_prev, n)` for `randn(n, n_prev)`).
    SwappedSizes {
        /// Where.
        path: String,
        /// The shape returned.
        got: (usize, usize),
        /// The shape expected.
        expected: (usize, usize),
    },
    /// `*` where a matrix product was meant: ndarray panicked on an
    /// elementwise operation between shapes that do not broadcast, and whose
    /// matrix product is defined (from the panic message, or from the case's
    /// own arguments when the message names no shapes).
    ElementwiseForProduct {
        /// The left operand's shape.
        left: (usize, usize),
        /// The right operand's shape.
        right: (usize, usize),
    },
    /// An elementwise operation between two arrays each the other's
    /// transpose: ndarray panicked; a `.t()` too many or missing.
    TransposedOperand {
        /// One operand's shape.
        left: (usize, usize),
        /// The other's, its transpose.
        right: (usize, usize),
    },
    /// A matrix product of incompatible shapes that one transpose, or the
    /// other order, would make valid: ndarray panicked.
    ProductShapes {
        /// The left factor's shape.
        left: (usize, usize),
        /// The right factor's shape.
        right: (usize, usize),
        /// What would make it valid.
        fix: ProductFix,
    },
}

/// What makes a failed matrix product valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProductFix {
    /// The left factor transposed.
    TransposeLeft,
    /// The right factor transposed.
    TransposeRight,
    /// The factors in the other order.
    SwapOrder,
}

impl Named {
    /// Which way a shape panic was explained, so that the cases of one
    /// function blamed on one blank can be told to agree (`None` for the
    /// other mistakes).
    pub fn shape_panic_class(&self) -> Option<&'static str> {
        match self {
            Named::ElementwiseForProduct { .. } => Some("elementwise"),
            Named::TransposedOperand { .. }
            | Named::ProductShapes {
                fix: ProductFix::TransposeLeft | ProductFix::TransposeRight,
                ..
            } => Some("transpose"),
            Named::ProductShapes {
                fix: ProductFix::SwapOrder,
                ..
            } => Some("order"),
            _ => None,
        }
    }
}

/// The two shapes an ndarray shape panic names: `(left, right)` of a matrix
/// product ("inputs 3 × 4 and 3 × 2 are not compatible for matrix
/// multiplication"), or `(from, to)` of a failed broadcast ("could not
/// broadcast array from shape: [3, 4] to: [4, 2]"), 2-D only.
pub fn panic_shapes(message: &str) -> Option<((usize, usize), (usize, usize))> {
    if let Some(at) = message.find("inputs ") {
        let rest = &message[at + "inputs ".len()..];
        let (shapes, _) = rest.split_once(" are not compatible for matrix multiplication")?;
        let (a, b) = shapes.split_once(" and ")?;
        let dims = |t: &str| -> Option<(usize, usize)> {
            let (r, c) = t.split_once(" × ")?;
            Some((r.trim().parse().ok()?, c.trim().parse().ok()?))
        };
        return Some((dims(a)?, dims(b)?));
    }
    let at = message.find("could not broadcast array from shape: ")?;
    let rest = &message[at + "could not broadcast array from shape: ".len()..];
    let (from, to) = rest.split_once(" to: ")?;
    let dims = |t: &str| -> Option<(usize, usize)> {
        let inner = t.trim().strip_prefix('[')?.split(']').next()?;
        let (r, c) = inner.split_once(',')?;
        Some((r.trim().parse().ok()?, c.trim().parse().ok()?))
    };
    Some((dims(from)?, dims(to)?))
}

/// Is this ndarray's panic on shapes that do not fit (a product or an elementwise operation)?
pub fn is_shape_panic(message: &str) -> bool {
    message.contains("ShapeError/IncompatibleShape")
        || message.contains("could not broadcast")
        || message.contains("not compatible for matrix multiplication")
}

/// Do two 2-D shapes broadcast together (numpy's rule)?
fn broadcast(a: (usize, usize), b: (usize, usize)) -> bool {
    let fits = |x: usize, y: usize| x == y || x == 1 || y == 1;
    fits(a.0, b.0) && fits(a.1, b.1)
}

/// An elementwise panic between `a` and `b`, explained by their shapes:
/// each other's transpose, or not broadcastable while `a·b` or `b·a` is a
/// valid product between arrays of different numbers of columns (two arrays
/// with the same number of columns, m examples each, are two layers' values
/// mixed up, not a product).
fn elementwise_between(a: (usize, usize), b: (usize, usize)) -> Option<Named> {
    if a.0 != a.1 && a == (b.1, b.0) {
        return Some(Named::TransposedOperand { left: a, right: b });
    }
    let product = a.1 == b.0 || b.1 == a.0;
    (product && !broadcast(a, b) && a.1 != b.1).then_some(Named::ElementwiseForProduct { left: a, right: b })
}

/// The 2-D arrays a case passes, as (shape, which argument, at the top
/// level?): top-level arrays and the arrays of top-level maps (`W`, `A`,
/// `parameters.W1`), not those inside lists (caches). A column (n, 1) also
/// counts as its transpose (1, n): `wᵀ` is how a weight column enters a product.
fn argument_matrices(fixture: &Fixture) -> Vec<((usize, usize), usize, bool)> {
    let mut shapes = Vec::new();
    let mut source = 0;
    let mut add = |v: &Value, top: bool| {
        if let Value::Array { shape, .. } = v
            && let [r, c] = shape.as_slice()
        {
            shapes.push(((*r, *c), source, top));
            if *c == 1 && *r > 1 {
                shapes.push(((1, *r), source, top));
            }
        }
        source += 1;
    };
    for v in fixture.spec.args.values() {
        match v {
            Value::Map { entries } => entries.values().for_each(|e| add(e, false)),
            other => add(other, true),
        }
    }
    shapes
}

/// Names the mistake behind ndarray's shape panics, when the evidence shows
/// one: the shapes in the message (or, when it names none, the case's own
/// arguments) must fit the explanation. A panic whose shapes fit none of
/// them (a loop feeding the wrong array) is not named: the report words it
/// neutrally, quoting the shapes.
pub fn from_panic(message: &str, fixture: &Fixture) -> Option<Named> {
    if message.contains("ShapeError/IncompatibleShape") {
        // `&a * &b` names no shapes: two of the case's own arguments, one
        // passed at the top level, that a matrix product joins and
        // broadcasting cannot.
        let shapes = argument_matrices(fixture);
        return shapes.iter().find_map(|&(a, i, top_a)| {
            shapes.iter().find_map(|&(b, j, top_b)| {
                (i != j && (top_a || top_b) && a.1 == b.0 && !broadcast(a, b))
                    .then_some(Named::ElementwiseForProduct { left: a, right: b })
            })
        });
    }
    let (a, b) = panic_shapes(message)?;
    if message.contains("could not broadcast") {
        return elementwise_between(a, b);
    }
    let fix = if a.0 == b.0 {
        ProductFix::TransposeLeft
    } else if a.1 == b.1 {
        ProductFix::TransposeRight
    } else if b.1 == a.0 {
        ProductFix::SwapOrder
    } else {
        return None;
    };
    Some(Named::ProductShapes {
        left: a,
        right: b,
        fix,
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

/// Is `got` (c × r) the transpose of `expected` (r × c), both row-major?
fn is_transpose(expected: &[f64], got: &[f64], r: usize, c: usize) -> bool {
    expected.len() == r * c
        && got.len() == r * c
        && (0..r).all(|i| {
            (0..c).all(|j| {
                let (e, g) = (expected[i * c + j], got[j * r + i]);
                near(e, g) || e == g
            })
        })
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
            // A square output transposed keeps its shape: its values tell.
            if let ([r, c], [gr, gc]) = (se.as_slice(), sg.as_slice())
                && r == c
                && (gr, gc) == (r, c)
                && *r > 1
                && is_transpose(&de, &dg, *r, *c)
            {
                return Some(Named::Transposed { path });
            }
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
                if is_transpose(&de, &dg, se[0], se[1]) {
                    return Some(Named::Transposed { path });
                }
                // Sizes swapped, values not transposed: made in the wrong shape.
                if se[0] > 1 && se[1] > 1 {
                    return Some(Named::SwappedSizes {
                        path,
                        got: (sg[0], sg[1]),
                        expected: (se[0], se[1]),
                    });
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

    /// A case with these 2-D array arguments (zeros).
    fn with_args(shapes: &[(&str, (usize, usize))]) -> Fixture {
        let mut spec = CaseSpec::unit("f", "a", "n");
        for (name, shape) in shapes {
            spec = spec.arg(name, ndarray::Array2::<f64>::zeros(*shape));
        }
        Fixture {
            spec,
            expected: Default::default(),
        }
    }

    const NO_SHAPES: &str =
        "called `Result::unwrap()` on an `Err` value: ShapeError/IncompatibleShape: incompatible shapes";

    #[test]
    fn star_for_a_product_is_named_only_when_shapes_show_it() {
        // `W * A` names no shapes: the arguments W (3, 4) and A (4, 2) do.
        let lf = with_args(&[("W", (3, 4)), ("A", (4, 2)), ("b", (3, 1))]);
        assert_eq!(
            from_panic(NO_SHAPES, &lf),
            Some(Named::ElementwiseForProduct {
                left: (3, 4),
                right: (4, 2)
            })
        );
        // Parameters in a map count too (`W1 * X`).
        let mut forward = with_args(&[("X", (2, 5))]);
        forward.spec = forward.spec.arg(
            "parameters",
            Value::map([("W1", ndarray::Array2::<f64>::zeros((4, 2)).into_value())]),
        );
        assert!(matches!(
            from_panic(NO_SHAPES, &forward),
            Some(Named::ElementwiseForProduct { .. })
        ));
        // Arguments no product joins (AL and Y, both (1, m)): nothing named.
        let backward = with_args(&[("AL", (1, 5)), ("Y", (1, 5))]);
        assert_eq!(from_panic(NO_SHAPES, &backward), None);
        // A broadcast message's shapes: a product fits, the columns differ.
        let none = with_args(&[]);
        assert_eq!(
            from_panic(
                "ndarray: could not broadcast array from shape: [3, 4] to: [4, 2]",
                &none
            ),
            Some(Named::ElementwiseForProduct {
                left: (3, 4),
                right: (4, 2)
            })
        );
    }

    #[test]
    fn a_shape_panic_from_a_loop_is_not_called_a_product_or_a_transpose() {
        let none = with_args(&[]);
        // Two layers' values, m = 7 columns each: no product, no transpose.
        let stale = "ndarray: could not broadcast array from shape: [3, 7] to: [2, 7]";
        assert_eq!(from_panic(stale, &none), None);
        // Same columns even where a product would fit (4 × 4 · ... ): still none.
        let square = "ndarray: could not broadcast array from shape: [4, 4] to: [3, 4]";
        assert_eq!(from_panic(square, &none), None);
        // W2 (4, 5) fed X (6, 8): no transpose, no order makes it fit.
        let fed_x = "ndarray: inputs 4 × 5 and 6 × 8 are not compatible for matrix multiplication";
        assert_eq!(from_panic(fed_x, &none), None);
        assert_eq!(panic_shapes(fed_x), Some(((4, 5), (6, 8))));
        assert_eq!(panic_shapes(stale), Some(((3, 7), (2, 7))));
        assert!(is_shape_panic(stale) && is_shape_panic(fed_x) && is_shape_panic(NO_SHAPES));
        assert!(!is_shape_panic(
            "index out of bounds: the len is 3 but the index is 3"
        ));
        assert_eq!(from_panic("not yet implemented", &none), None);
    }

    #[test]
    fn a_transpose_is_named_only_when_the_shapes_are_each_others_transpose() {
        let none = with_args(&[]);
        assert_eq!(
            from_panic(
                "ndarray: could not broadcast array from shape: [3, 5] to: [5, 3]",
                &none
            ),
            Some(Named::TransposedOperand {
                left: (3, 5),
                right: (5, 3)
            })
        );
        // dZ (3, 4) · A_prev (5, 4): A_prev transposed fits.
        let dw = "ndarray: inputs 3 × 4 and 5 × 4 are not compatible for matrix multiplication";
        assert_eq!(
            from_panic(dw, &none),
            Some(Named::ProductShapes {
                left: (3, 4),
                right: (5, 4),
                fix: ProductFix::TransposeRight
            })
        );
        let left = "ndarray: inputs 3 × 4 and 3 × 2 are not compatible for matrix multiplication";
        assert!(matches!(
            from_panic(left, &none),
            Some(Named::ProductShapes {
                fix: ProductFix::TransposeLeft,
                ..
            })
        ));
        // A (4, 2) · W (3, 4): the other order fits.
        let order = "ndarray: inputs 4 × 2 and 3 × 4 are not compatible for matrix multiplication";
        assert!(matches!(
            from_panic(order, &none),
            Some(Named::ProductShapes {
                fix: ProductFix::SwapOrder,
                ..
            })
        ));
    }

    #[test]
    fn a_square_transpose_and_swapped_sizes_are_recognised() {
        // Square: same shape, the values tell.
        let e = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.5]];
        assert!(matches!(
            detect_on(e.clone().into_value(), e.t().to_owned().into_value()),
            Some(Named::Transposed { .. })
        ));
        // Square but not the transpose: not named a transpose.
        let mut other = e.t().to_owned();
        other[[0, 1]] = 0.0;
        assert!(!matches!(
            detect_on(e.clone().into_value(), other.into_value()),
            Some(Named::Transposed { .. })
        ));
        // Sizes swapped, the same draws laid out in the other shape: not a transpose.
        let w = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        let drawn = ndarray::Array2::from_shape_vec((3, 2), vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
        assert_eq!(
            detect_on(w.into_value(), drawn.into_value()),
            Some(Named::SwappedSizes {
                path: "out".into(),
                got: (3, 2),
                expected: (2, 3)
            })
        );
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
