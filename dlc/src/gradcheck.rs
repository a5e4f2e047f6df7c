//! Numerical gradient checking: compare analytic gradients with centred
//! differences of a cost, parameter by parameter.
//!
//! The CLI uses it, through a week's harness, as evidence independent of any
//! fixture: it differentiates the learner's *own* forward pass and cost, so a
//! backward pass inconsistent with them is caught and the wrong gradient named.

use std::collections::{BTreeMap, HashMap};

use ndarray::Array2;

/// ‖a − b‖ / (‖a‖ + ‖b‖), the course's relative difference (0 when both are 0).
pub fn relative_difference(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    let norm = |x: &Array2<f64>| x.iter().map(|v| v * v).sum::<f64>().sqrt();
    let diff = (a - b).iter().map(|v| v * v).sum::<f64>().sqrt();
    let scale = norm(a) + norm(b);
    if scale == 0.0 { 0.0 } else { diff / scale }
}

/// For each parameter `name` with a gradient `d{name}` in `grads`, the relative
/// difference between that gradient and the centred difference
/// `(J(θ + ε) − J(θ − ε)) / 2ε` of `cost`, one entry at a time.
///
/// A missing or misshapen gradient gets `f64::INFINITY`.
pub fn check(
    parameters: &HashMap<String, Array2<f64>>,
    grads: &HashMap<String, Array2<f64>>,
    epsilon: f64,
    cost: impl Fn(&HashMap<String, Array2<f64>>) -> f64,
) -> BTreeMap<String, f64> {
    let mut result = BTreeMap::new();
    let mut theta = parameters.clone();
    let mut names: Vec<&String> = parameters.keys().collect();
    names.sort();
    for name in names {
        let key = format!("d{name}");
        let shape = parameters[name].dim();
        let Some(analytic) = grads.get(&key).filter(|g| g.dim() == shape) else {
            result.insert(key, f64::INFINITY);
            continue;
        };
        let mut numeric = Array2::zeros(shape);
        for i in 0..shape.0 {
            for j in 0..shape.1 {
                let original = parameters[name][[i, j]];
                if let Some(p) = theta.get_mut(name) {
                    p[[i, j]] = original + epsilon;
                }
                let plus = cost(&theta);
                if let Some(p) = theta.get_mut(name) {
                    p[[i, j]] = original - epsilon;
                }
                let minus = cost(&theta);
                if let Some(p) = theta.get_mut(name) {
                    p[[i, j]] = original;
                }
                numeric[[i, j]] = (plus - minus) / (2.0 * epsilon);
            }
        }
        result.insert(key, relative_difference(analytic, &numeric));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn quadratic(p: &HashMap<String, Array2<f64>>) -> f64 {
        p["W1"].iter().map(|w| w * w).sum::<f64>() + 3.0 * p["b1"].sum()
    }

    #[test]
    fn correct_gradients_agree_and_a_wrong_one_is_named() {
        let params: HashMap<String, Array2<f64>> =
            [("W1".into(), array![[1.0, -2.0]]), ("b1".into(), array![[0.5]])].into();
        let right: HashMap<String, Array2<f64>> =
            [("dW1".into(), array![[2.0, -4.0]]), ("db1".into(), array![[3.0]])].into();
        let diffs = check(&params, &right, 1e-6, quadratic);
        assert!(diffs.values().all(|d| *d < 1e-8), "{diffs:?}");
        let mut wrong = right.clone();
        wrong.insert("db1".into(), array![[6.0]]);
        let diffs = check(&params, &wrong, 1e-6, quadratic);
        assert!(
            diffs["dW1"] < 1e-8 && (diffs["db1"] - 1.0 / 3.0).abs() < 1e-6,
            "{diffs:?}"
        );
        wrong.remove("dW1");
        assert_eq!(check(&params, &wrong, 1e-6, quadratic)["dW1"], f64::INFINITY);
    }
}
