//! Week 4 (course 2, week 1), part 3 of 3: Gradient Checking.
//!
//! Is a backward pass right? Compare it with the centred difference
//! (J(θ + ε) − J(θ − ε)) / (2ε), through the relative difference
//! ‖g − g̃‖ / (‖g‖ + ‖g̃‖): about 1e-7 or less means right, much more means a bug.
//! First on a 1-D function J(θ) = θ·x, then on every parameter of a 3-layer
//! network. The given `backward_propagation_n_buggy` is the original's backward
//! pass with its two planted bugs (gradient_check_n says 0.285 on the
//! notebook's case); `backward_propagation_n` starts from the same code, and
//! you fix it (about 1.2e-7 then).
//!
//! 勾配チェック:逆伝播の勾配を数値微分と比べます。相対誤差が 1e-7 程度以下なら正しい実装です。
#![allow(unused, unreachable_code)]

use std::collections::HashMap;

// The given helpers of gc_utils.py that every week shares.
use dlc::nn::{relu, relu_derivative, sigmoid, three_layer_grads};
use ndarray::{Array1, Array2, Axis};

/// Parameters by name: "W1", "b1", "W2", "b2", "W3", "b3".
pub type Parameters = HashMap<String, Array2<f64>>;

/// Gradients by name: "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1".
pub type Grads = HashMap<String, Array2<f64>>;

/// What `forward_propagation_n` keeps for the backward pass
/// (the original's tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)).
#[derive(Clone, Debug, PartialEq)]
pub struct CacheN {
    pub z1: Array2<f64>,
    pub a1: Array2<f64>,
    pub w1: Array2<f64>,
    pub b1: Array2<f64>,
    pub z2: Array2<f64>,
    pub a2: Array2<f64>,
    pub w2: Array2<f64>,
    pub b2: Array2<f64>,
    pub z3: Array2<f64>,
    pub a3: Array2<f64>,
    pub w3: Array2<f64>,
    pub b3: Array2<f64>,
}

/// The 1-D "network": J(θ) = θ·x.
/// 1 次元の順伝播 J = θ·x です。
pub fn forward_propagation_1d(x: f64, theta: f64) -> f64 {
    // START CODE HERE (≈ 1 line)
    // STUB: let j: f64 = todo!();
    let j = theta * x;
    // END CODE HERE
    j
}

/// The derivative of J(θ) = θ·x with respect to θ.
/// J を θ で微分した値を返します。
pub fn backward_propagation_1d(x: f64, theta: f64) -> f64 {
    // START CODE HERE (≈ 1 line)
    // STUB: let dtheta: f64 = todo!();
    let dtheta = x;
    // END CODE HERE
    dtheta
}

/// Gradient checking in 1-D: the relative difference between the analytic
/// gradient (`backward_propagation_1d`) and the centred difference
/// gradapprox = (J(θ + ε) − J(θ − ε)) / (2ε), computed with `forward_propagation_1d`:
/// |grad − gradapprox| / (|grad| + |gradapprox|).
/// (The original's default ε is 1e-7.)
/// θ を ±ε だけ動かして数値微分を求め、解析的な勾配と比べます。
pub fn gradient_check(x: f64, theta: f64, epsilon: f64) -> f64 {
    // The centred difference: perturb θ (not x) both ways.
    // START CODE HERE (≈ 5 lines)
    // STUB: let gradapprox: f64 = todo!();
    let theta_plus = theta + epsilon;
    let theta_minus = theta - epsilon;
    let j_plus = forward_propagation_1d(x, theta_plus);
    let j_minus = forward_propagation_1d(x, theta_minus);
    let gradapprox = (j_plus - j_minus) / (2.0 * epsilon);
    // END CODE HERE

    // The analytic gradient, then the relative difference.
    // START CODE HERE (≈ 4 lines)
    // STUB: let difference: f64 = todo!();
    let grad = backward_propagation_1d(x, theta);
    let numerator = (grad - gradapprox).abs();
    let denominator = grad.abs() + gradapprox.abs();
    let difference = numerator / denominator;
    // END CODE HERE

    difference
}

/// The backward pass of the 3-layer network, fixed.
///
/// The blank starts out as the given pass of the original, which has two bugs
/// (`backward_propagation_n_buggy`). Find them with `gradient_check_n` and fix
/// them: dW2 = (1/m)·dZ2·A1ᵀ and db1 = (1/m)·Σ_columns dZ1, like every other
/// layer's dW and db.
/// Returns the grads "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1".
/// 元のコードには 2 つのバグがあります。gradient_check_n で見つけて直してください。
pub fn backward_propagation_n(x: &Array2<f64>, y: &Array2<f64>, cache: &CacheN) -> Grads {
    let m = x.ncols() as f64;
    let CacheN { z1, a1, w1, b1, z2, a2, w2, b2, z3, a3, w3, b3 } = cache;

    let dz3 = a3 - y;
    let dw3 = (1.0 / m) * dz3.dot(&a2.t());
    let db3 = (1.0 / m) * dz3.sum_axis(Axis(1)).insert_axis(Axis(1));

    let da2 = w3.t().dot(&dz3);
    let dz2 = &da2 * &relu_derivative(a2);
    // Layers 2 and 1: the given code below has two bugs.
    // START CODE HERE (≈ 6 lines)
    // STUB: let dw2 = (1.0 / m) * dz2.dot(&a1.t()) * 2.0;
    // STUB: let db2 = (1.0 / m) * dz2.sum_axis(Axis(1)).insert_axis(Axis(1));
    // STUB: let da1 = w2.t().dot(&dz2);
    // STUB: let dz1 = &da1 * &relu_derivative(a1);
    // STUB: let dw1 = (1.0 / m) * dz1.dot(&x.t());
    // STUB: let db1 = (4.0 / m) * dz1.sum_axis(Axis(1)).insert_axis(Axis(1));
    let dw2 = (1.0 / m) * dz2.dot(&a1.t());
    let db2 = (1.0 / m) * dz2.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da1 = w2.t().dot(&dz2);
    let dz1 = &da1 * &relu_derivative(a1);
    let dw1 = (1.0 / m) * dz1.dot(&x.t());
    let db1 = (1.0 / m) * dz1.sum_axis(Axis(1)).insert_axis(Axis(1));
    // END CODE HERE

    three_layer_grads(dz3, dw3, db3, da2, dz2, dw2, db2, da1, dz1, dw1, db1)
}

/// Gradient checking for every parameter of the 3-layer network.
///
/// `parameters`: W1 … b3; `gradients`: their analytic gradients (dW1 … db3,
/// from a backward pass); X (n_x, m), Y (1, m); ε (the original's default is 1e-7).
/// For each entry i of θ = `dictionary_to_vector(parameters)`: J⁺ᵢ and J⁻ᵢ are the
/// costs (`forward_propagation_n`) with θᵢ moved by +ε and −ε, and
/// gradapproxᵢ = (J⁺ᵢ − J⁻ᵢ) / (2ε). Returns ‖grad − gradapprox‖ / (‖grad‖ + ‖gradapprox‖)
/// with grad = `gradients_to_vector(gradients)` and ‖·‖ the L2 norm (`l2_norm`).
/// すべてのパラメータについて数値微分を求め、相対誤差を返します。
pub fn gradient_check_n(
    parameters: &Parameters,
    gradients: &Grads,
    x: &Array2<f64>,
    y: &Array2<f64>,
    epsilon: f64,
) -> f64 {
    let (parameters_values, _keys) = dictionary_to_vector(parameters);
    let grad = gradients_to_vector(gradients);
    let num_parameters = parameters_values.len();
    let mut gradapprox = Array1::<f64>::zeros(num_parameters);

    for i in 0..num_parameters {
        // J⁺ᵢ and J⁻ᵢ: copy θ, move entry i, back to a dictionary, forward pass.
        // START CODE HERE (≈ 7 lines)
        // STUB: gradapprox[i] = todo!();
        let mut theta_plus = parameters_values.clone();
        theta_plus[i] += epsilon;
        let (j_plus, _) = forward_propagation_n(x, y, &vector_to_dictionary(&theta_plus, parameters));
        let mut theta_minus = parameters_values.clone();
        theta_minus[i] -= epsilon;
        let (j_minus, _) = forward_propagation_n(x, y, &vector_to_dictionary(&theta_minus, parameters));
        gradapprox[i] = (j_plus - j_minus) / (2.0 * epsilon);
        // END CODE HERE
    }

    // The relative difference.
    // START CODE HERE (≈ 3 lines)
    // STUB: let difference: f64 = todo!();
    let numerator = l2_norm(&(&grad - &gradapprox));
    let denominator = l2_norm(&grad) + l2_norm(&gradapprox);
    let difference = numerator / denominator;
    // END CODE HERE

    difference
}

// ---------------------------------------------------------------------------
// Given: the 3-layer network and the vector helpers (gc_utils.py; the
// activations and the grads map come from dlc::nn)
// ---------------------------------------------------------------------------

/// The L2 norm √(Σ vᵢ²) of a vector, like `np.linalg.norm` (given).
pub fn l2_norm(v: &Array1<f64>) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

/// The order in which parameters become one vector.
const PARAMETER_KEYS: [&str; 6] = ["W1", "b1", "W2", "b2", "W3", "b3"];

/// LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID, then the cross-entropy
/// cost (given). Returns the cost and the cache.
pub fn forward_propagation_n(x: &Array2<f64>, y: &Array2<f64>, parameters: &Parameters) -> (f64, CacheN) {
    let m = x.ncols() as f64;
    let p = |k: &str| parameters[k].clone();
    let (w1, b1, w2, b2, w3, b3) = (p("W1"), p("b1"), p("W2"), p("b2"), p("W3"), p("b3"));
    let z1 = w1.dot(x) + &b1;
    let a1 = relu(&z1);
    let z2 = w2.dot(&a1) + &b2;
    let a2 = relu(&z2);
    let z3 = w3.dot(&a2) + &b3;
    let a3 = sigmoid(&z3);
    let log_probs = (-a3.mapv(f64::ln)) * y + (-(1.0 - &a3).mapv(f64::ln)) * (1.0 - y);
    let cost = (1.0 / m) * log_probs.sum();
    (cost, CacheN { z1, a1, w1, b1, z2, a2, w2, b2, z3, a3, w3, b3 })
}

/// The original's given backward pass, with its two planted bugs (dW2 is
/// doubled, db1 uses 4/m): gradient_check_n flags it (given, do not fix).
pub fn backward_propagation_n_buggy(x: &Array2<f64>, y: &Array2<f64>, cache: &CacheN) -> Grads {
    let m = x.ncols() as f64;
    let CacheN { z1, a1, w1, b1, z2, a2, w2, b2, z3, a3, w3, b3 } = cache;
    let dz3 = a3 - y;
    let dw3 = (1.0 / m) * dz3.dot(&a2.t());
    let db3 = (1.0 / m) * dz3.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da2 = w3.t().dot(&dz3);
    let dz2 = &da2 * &relu_derivative(a2);
    let dw2 = (1.0 / m) * dz2.dot(&a1.t()) * 2.0;
    let db2 = (1.0 / m) * dz2.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da1 = w2.t().dot(&dz2);
    let dz1 = &da1 * &relu_derivative(a1);
    let dw1 = (1.0 / m) * dz1.dot(&x.t());
    let db1 = (4.0 / m) * dz1.sum_axis(Axis(1)).insert_axis(Axis(1));
    three_layer_grads(dz3, dw3, db3, da2, dz2, dw2, db2, da1, dz1, dw1, db1)
}

/// All parameters as one vector θ, in the order W1, b1, W2, b2, W3, b3, each
/// flattened row by row (given). Also returns, for each entry, the name of the
/// parameter it comes from.
pub fn dictionary_to_vector(parameters: &Parameters) -> (Array1<f64>, Vec<String>) {
    let mut theta = Vec::new();
    let mut keys = Vec::new();
    for key in PARAMETER_KEYS {
        let p = &parameters[key];
        theta.extend(p.iter().copied());
        keys.extend(std::iter::repeat_n(key.to_string(), p.len()));
    }
    (Array1::from(theta), keys)
}

/// The inverse of `dictionary_to_vector` (given): θ back to W1 … b3, with the
/// shapes of the arrays in `like` (the original hard-coded them).
pub fn vector_to_dictionary(theta: &Array1<f64>, like: &Parameters) -> Parameters {
    let mut parameters = Parameters::new();
    let mut start = 0;
    for key in PARAMETER_KEYS {
        let shape = like[key].dim();
        let end = start + shape.0 * shape.1;
        let values = theta.slice(ndarray::s![start..end]).to_vec();
        parameters.insert(key.to_string(), Array2::from_shape_vec(shape, values).expect("sizes add up"));
        start = end;
    }
    parameters
}

/// The gradients dW1, db1, dW2, db2, dW3, db3 as one vector, in the order of
/// `dictionary_to_vector` (given).
pub fn gradients_to_vector(gradients: &Grads) -> Array1<f64> {
    let mut theta = Vec::new();
    for key in PARAMETER_KEYS {
        theta.extend(gradients[&format!("d{key}")].iter().copied());
    }
    Array1::from(theta)
}
