//! What the fidelity tests share: comparing a result with printed figures.

use ndarray::{Array, Dimension};

/// Every value of `got` within `tol` of `expected` (printed figures carry 8 or
/// 9 significant digits), in `got`'s logical order.
pub fn close<D: Dimension>(what: &str, got: &Array<f64, D>, expected: &[f64], tol: f64) {
    let got: Vec<f64> = got.iter().copied().collect();
    assert_eq!(got.len(), expected.len(), "{what}: {got:?}");
    for (k, (g, e)) in got.iter().zip(expected).enumerate() {
        assert!(
            (g - e).abs() <= tol,
            "{what}[{k}] = {g}, expected {e} (all: {got:?})"
        );
    }
}
