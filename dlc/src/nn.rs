//! The course's given helpers: the code the original assignments imported from
//! their `*_utils.py` files (planar_utils, dnn_utils, init_utils, reg_utils,
//! gc_utils, opt_utils), written once here and imported by every week that
//! uses them (`use dlc::nn::{relu, sigmoid, ...};`).
//!
//! Nothing here is graded: a function that is a learner's blank in some week
//! (week 1's `sigmoid`, the graded `update_parameters` of weeks 2, 3 and 5, the
//! graded `predict`s) stays in that week's file. Fixtures store the values
//! these helpers compute, so their arithmetic (the operations and their order)
//! must not change without regenerating every fixture that depends on them.
//!
//! Shapes follow the lecture: one example per column; Y and the output layer's
//! activations are (1, m); parameters and gradients are maps "W1", "b1", … and
//! "dW1", "db1", ….
//!
//! 講座で「用意済み」の関数(元の課題の `*_utils.py` にあたるもの)をまとめたモジュールです。
//! 採点される関数はここには置きません。

use std::collections::HashMap;

use ndarray::Array2;

/// Parameters by name: "W1", "b1", …, "WL", "bL" (each week has the same alias).
pub type Parameters = HashMap<String, Array2<f64>>;

/// Gradients by name: "dW1", "db1", … (and, in some weeks, "dZ1", "dA1", …).
pub type Grads = HashMap<String, Array2<f64>>;

/// σ(x) = 1 / (1 + e^(−x)), element-wise.
///
/// Mirrors `sigmoid` of planar_utils.py, init_utils.py, reg_utils.py,
/// gc_utils.py and opt_utils.py. (Week 1 has the learner write it; dnn_utils'
/// variant, which also returns a cache, is [`dnn_utils::sigmoid`].)
pub fn sigmoid(x: &Array2<f64>) -> Array2<f64> {
    x.mapv(|v| 1.0 / (1.0 + (-v).exp()))
}

/// max(0, x), element-wise.
///
/// Mirrors `relu` of init_utils.py, reg_utils.py, gc_utils.py and opt_utils.py
/// (`np.maximum(0, x)`), except that a NaN becomes 0 here (`f64::max`) where
/// NumPy keeps it. dnn_utils' variant is [`dnn_utils::relu`].
pub fn relu(x: &Array2<f64>) -> Array2<f64> {
    x.mapv(|v| v.max(0.0))
}

/// ReLU's derivative as a 0/1 mask: 1.0 where `a` > 0, else 0.0.
///
/// Read off the layer's output A = relu(Z) (A > 0 exactly where Z > 0), as the
/// backward passes of init_utils.py, reg_utils.py, gc_utils.py and opt_utils.py
/// do inline: `np.int64(A > 0)`. Multiply dA by it to get dZ.
pub fn relu_derivative(a: &Array2<f64>) -> Array2<f64> {
    a.mapv(|v| if v > 0.0 { 1.0 } else { 0.0 })
}

/// The cross-entropy cost averaged over the m examples, NaN terms skipped:
/// (1/m) · nansum(−Y·log(A) − (1 − Y)·log(1 − A)).
///
/// Mirrors init_utils.py's `compute_loss` and reg_utils.py's `compute_cost`,
/// which use `np.nansum`: with large weights A can be exactly 0 or 1, and the
/// 0·log(0) terms are then left out; A = 1 where Y = 0 still gives an infinite
/// cost, as in the original. A: (1, m); Y: (1, m).
pub fn cross_entropy_cost(a: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let m = y.ncols() as f64;
    let logprobs = (-a.mapv(f64::ln)) * y + (-(1.0 - a).mapv(f64::ln)) * (1.0 - y);
    (1.0 / m) * logprobs.iter().filter(|v| !v.is_nan()).sum::<f64>()
}

/// The cross-entropy cost summed (not averaged) over the examples:
/// Σ −Y·log(A) − (1 − Y)·log(1 − A).
///
/// Mirrors opt_utils.py's `compute_cost`: its training loop adds the costs of
/// the mini-batches and divides by m once per epoch. A: (1, k); Y: (1, k).
pub fn cross_entropy_cost_sum(a: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let logprobs = &a.mapv(|a| -a.ln()) * y + &(1.0 - a).mapv(|a| -a.ln()) * &(1.0 - y);
    logprobs.sum()
}

/// One step of gradient descent on every layer: W{l} − α·dW{l} and
/// b{l} − α·db{l}, for l = 1 … L (L = half the number of parameters).
///
/// Returns new parameters; `parameters` is left as it was. Mirrors
/// `update_parameters` of init_utils.py and reg_utils.py. (Weeks 2, 3 and 5
/// have the learner write their own.)
pub fn update_parameters(parameters: &Parameters, grads: &Grads, learning_rate: f64) -> Parameters {
    let num_layers = parameters.len() / 2;
    let mut updated = Parameters::new();
    for l in 1..=num_layers {
        let (w, b) = (format!("W{l}"), format!("b{l}"));
        updated.insert(
            w.clone(),
            &parameters[&w] - learning_rate * &grads[&format!("dW{l}")],
        );
        updated.insert(
            b.clone(),
            &parameters[&b] - learning_rate * &grads[&format!("db{l}")],
        );
    }
    updated
}

/// Predictions from the output layer's probabilities: 1.0 where A > 0.5, else 0.0.
///
/// The thresholding step of `predict` in init_utils.py, reg_utils.py and
/// opt_utils.py (`p[0, i] = 1 if a3[0, i] > 0.5 else 0`).
pub fn predict_labels(probabilities: &Array2<f64>) -> Array2<f64> {
    probabilities.mapv(|v| if v > 0.5 { 1.0 } else { 0.0 })
}

/// The share of predictions equal to the labels, between 0 and 1:
/// mean(predictions == Y).
///
/// What `predict` of init_utils.py, reg_utils.py and opt_utils.py prints as
/// the accuracy (`np.mean(p[0, :] == y[0, :])`). Predictions and Y: (1, m).
pub fn accuracy(predictions: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let correct = predictions.iter().zip(y.iter()).filter(|(p, t)| p == t).count();
    correct as f64 / y.len() as f64
}

/// The gradients map of a 3-layer network from its eleven arrays, under the
/// keys "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1".
///
/// The dictionary that `backward_propagation` of reg_utils.py and gc_utils'
/// `backward_propagation_n` return.
#[allow(clippy::too_many_arguments)]
pub fn three_layer_grads(
    dz3: Array2<f64>,
    dw3: Array2<f64>,
    db3: Array2<f64>,
    da2: Array2<f64>,
    dz2: Array2<f64>,
    dw2: Array2<f64>,
    db2: Array2<f64>,
    da1: Array2<f64>,
    dz1: Array2<f64>,
    dw1: Array2<f64>,
    db1: Array2<f64>,
) -> Grads {
    [
        ("dZ3", dz3),
        ("dW3", dw3),
        ("db3", db3),
        ("dA2", da2),
        ("dZ2", dz2),
        ("dW2", dw2),
        ("db2", db2),
        ("dA1", da1),
        ("dZ1", dz1),
        ("dW1", dw1),
        ("db1", db1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The activations of dnn_utils.py (course 1, week 4), whose API differs from
/// the other utils: each forward activation also returns its cache (Z), and
/// the backward passes take dA and that cache.
///
/// `use dlc::nn::dnn_utils::{relu, relu_backward, sigmoid, sigmoid_backward};`
pub mod dnn_utils {
    use ndarray::Array2;

    /// A = σ(Z), and Z itself as the activation cache: dnn_utils.py's `sigmoid`.
    pub fn sigmoid(z: &Array2<f64>) -> (Array2<f64>, Array2<f64>) {
        (super::sigmoid(z), z.clone())
    }

    /// A = max(0, Z), and Z itself as the activation cache: dnn_utils.py's `relu`.
    ///
    /// Computed as `if z < 0 { 0 } else { z }`: unlike [`super::relu`] it keeps
    /// a NaN (as `np.maximum` does) and the sign of −0.0.
    pub fn relu(z: &Array2<f64>) -> (Array2<f64>, Array2<f64>) {
        let a = z.mapv(|x| if x < 0.0 { 0.0 } else { x });
        (a, z.clone())
    }

    /// Backward pass of a sigmoid unit: dZ = dA · σ(Z) · (1 − σ(Z)), with Z
    /// the cache of [`sigmoid`]. dnn_utils.py's `sigmoid_backward`.
    pub fn sigmoid_backward(da: &Array2<f64>, z: &Array2<f64>) -> Array2<f64> {
        let s = super::sigmoid(z);
        da * &(&s * &(1.0 - &s))
    }

    /// Backward pass of a ReLU unit: dZ = dA where Z > 0, else 0, with Z the
    /// cache of [`relu`]. dnn_utils.py's `relu_backward`.
    pub fn relu_backward(da: &Array2<f64>, z: &Array2<f64>) -> Array2<f64> {
        let mut dz = da.clone();
        dz.zip_mut_with(z, |d, &z| {
            if z <= 0.0 {
                *d = 0.0;
            }
        });
        dz
    }
}

#[cfg(test)]
mod tests {
    use ndarray::array;

    use super::*;

    #[test]
    fn activations_and_their_derivatives() {
        let z = array![[-2.0, 0.0, 3.0]];
        assert_eq!(relu(&z), array![[0.0, 0.0, 3.0]]);
        assert_eq!(relu_derivative(&relu(&z)), array![[0.0, 0.0, 1.0]]);
        assert_eq!(sigmoid(&array![[0.0]]), array![[0.5]]);
        let (a, cache) = dnn_utils::relu(&z);
        assert_eq!((a, cache.clone()), (array![[0.0, 0.0, 3.0]], z.clone()));
        assert_eq!(
            dnn_utils::relu_backward(&array![[1.0, 1.0, 1.0]], &cache),
            array![[0.0, 0.0, 1.0]]
        );
        assert_eq!(
            dnn_utils::sigmoid_backward(&array![[4.0]], &array![[0.0]]),
            array![[1.0]]
        );
    }

    #[test]
    fn costs_predictions_and_updates() {
        let (a, y) = (array![[0.8, 0.1]], array![[1.0, 0.0]]);
        let sum = cross_entropy_cost_sum(&a, &y);
        assert!((sum - (-(0.8f64).ln() - (0.9f64).ln())).abs() < 1e-15);
        assert!((cross_entropy_cost(&a, &y) - sum / 2.0).abs() < 1e-15);
        // 0·log(0) is skipped, as np.nansum skips it.
        assert_eq!(cross_entropy_cost(&array![[1.0]], &array![[1.0]]), 0.0);
        assert_eq!(predict_labels(&array![[0.5, 0.51]]), array![[0.0, 1.0]]);
        assert_eq!(accuracy(&array![[1.0, 0.0]], &array![[1.0, 1.0]]), 0.5);
        let p = Parameters::from([("W1".into(), array![[1.0]]), ("b1".into(), array![[2.0]])]);
        let g = Grads::from([("dW1".into(), array![[10.0]]), ("db1".into(), array![[20.0]])]);
        let updated = update_parameters(&p, &g, 0.1);
        assert_eq!((updated["W1"][[0, 0]], updated["b1"][[0, 0]]), (0.0, 0.0));
    }
}
