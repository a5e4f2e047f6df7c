//! Week 4 (course 2, week 1), part 2 of 3: Regularization.
//!
//! A 3-layer network (LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID,
//! layer sizes [n_x, 20, 3, 1]) overfits a small, noisy 2-D data set. Two cures:
//! L2 regularisation (a penalty λ/(2m)·ΣW² on the cost, and its gradient
//! (λ/m)·W) and dropout (each hidden unit kept with probability keep_prob,
//! the kept ones scaled by 1/keep_prob, the same masks in the backward pass).
//! You write the four graded functions; the plain network, its initialiser,
//! the training loop (`reg_model`) and the data set are given (the original's
//! reg_utils.py: the given helpers of this file carry a `reg_` prefix, because
//! function names are unique across the week's three files; sigmoid, relu, its
//! derivative, the cost and update_parameters come from `dlc::nn`, shared by
//! every week).
//!
//! L2 正則化とドロップアウトで過学習を抑えます。書くのは 4 つの関数です。
//!
//! Shapes follow the lecture: X is (n_x, m) with one example per column,
//! W{l} is (n_l, n_{l−1}), b{l} is (n_l, 1), Y and A3 are (1, m).
#![allow(unused, unreachable_code)]

use std::collections::HashMap;

use dlc::NumpyRng;
// The given helpers of reg_utils.py that every week shares.
use dlc::nn::{
    accuracy, cross_entropy_cost, predict_labels, relu, relu_derivative, sigmoid, three_layer_grads, update_parameters,
};
use ndarray::{Array2, Axis};

/// Parameters by name: "W1", "b1", "W2", "b2", "W3", "b3".
pub type Parameters = HashMap<String, Array2<f64>>;

/// Gradients by name: "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1".
pub type Grads = HashMap<String, Array2<f64>>;

/// What the plain forward pass keeps for the backward pass
/// (the original's tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)).
#[derive(Clone, Debug, PartialEq)]
pub struct Cache {
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

/// What the dropout forward pass keeps: the same, plus the masks D1 and D2
/// (1.0 for a kept unit, 0.0 for a dropped one). A1 and A2 are stored after
/// dropout and scaling.
#[derive(Clone, Debug, PartialEq)]
pub struct DropoutCache {
    pub z1: Array2<f64>,
    pub d1: Array2<f64>,
    pub a1: Array2<f64>,
    pub w1: Array2<f64>,
    pub b1: Array2<f64>,
    pub z2: Array2<f64>,
    pub d2: Array2<f64>,
    pub a2: Array2<f64>,
    pub w2: Array2<f64>,
    pub b2: Array2<f64>,
    pub z3: Array2<f64>,
    pub a3: Array2<f64>,
    pub w3: Array2<f64>,
    pub b3: Array2<f64>,
}

/// The cross-entropy cost plus the L2 penalty:
/// J = cross-entropy + (1/m)·(λ/2)·(ΣW1² + ΣW2² + ΣW3²).
///
/// A3: the network's output (1, m); Y: labels (1, m); `parameters`: W1 … b3;
/// `lambd`: λ (`lambda` is a keyword in Python, hence the spelling).
/// L2 正則化の項をコストに加えます。
pub fn compute_cost_with_regularization(
    a3: &Array2<f64>,
    y: &Array2<f64>,
    parameters: &Parameters,
    lambd: f64,
) -> f64 {
    let m = y.ncols() as f64;
    let (w1, w2, w3) = (&parameters["W1"], &parameters["W2"], &parameters["W3"]);

    let cross_entropy_cost = cross_entropy_cost(a3, y); // the cross-entropy part of the cost

    // START CODE HERE (≈ 1 line)
    // STUB: let l2_regularization_cost: f64 = todo!();
    let l2_regularization_cost =
        (1.0 / m) * (lambd / 2.0) * (w1.mapv(|v| v * v).sum() + w2.mapv(|v| v * v).sum() + w3.mapv(|v| v * v).sum());
    // END CODE HERE

    cross_entropy_cost + l2_regularization_cost
}

/// The backward pass of the plain network, with the gradient of the L2
/// penalty added to each dW: dW{l} = (1/m)·dZ{l}·A{l−1}ᵀ + (λ/m)·W{l}.
///
/// X: (n_x, m); Y: (1, m); `cache`: from `reg_forward_propagation`.
/// Returns the grads "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1".
/// 各 dW に (λ/m)·W を加えます。
pub fn backward_propagation_with_regularization(
    x: &Array2<f64>,
    y: &Array2<f64>,
    cache: &Cache,
    lambd: f64,
) -> Grads {
    let m = x.ncols() as f64;
    let Cache { z1, a1, w1, b1, z2, a2, w2, b2, z3, a3, w3, b3 } = cache;

    let dz3 = a3 - y;
    // START CODE HERE (≈ 1 line)
    // STUB: let dw3: Array2<f64> = todo!();
    let dw3 = (1.0 / m) * dz3.dot(&a2.t()) + (lambd / m) * w3;
    // END CODE HERE
    let db3 = (1.0 / m) * dz3.sum_axis(Axis(1)).insert_axis(Axis(1));

    let da2 = w3.t().dot(&dz3);
    let dz2 = &da2 * &relu_derivative(a2);
    // START CODE HERE (≈ 1 line)
    // STUB: let dw2: Array2<f64> = todo!();
    let dw2 = (1.0 / m) * dz2.dot(&a1.t()) + (lambd / m) * w2;
    // END CODE HERE
    let db2 = (1.0 / m) * dz2.sum_axis(Axis(1)).insert_axis(Axis(1));

    let da1 = w2.t().dot(&dz2);
    let dz1 = &da1 * &relu_derivative(a1);
    // START CODE HERE (≈ 1 line)
    // STUB: let dw1: Array2<f64> = todo!();
    let dw1 = (1.0 / m) * dz1.dot(&x.t()) + (lambd / m) * w1;
    // END CODE HERE
    let db1 = (1.0 / m) * dz1.sum_axis(Axis(1)).insert_axis(Axis(1));

    three_layer_grads(dz3, dw3, db3, da2, dz2, dw2, db2, da1, dz1, dw1, db1)
}

/// The forward pass with inverted dropout on the two hidden layers:
/// LINEAR → RELU → DROPOUT → LINEAR → RELU → DROPOUT → LINEAR → SIGMOID.
///
/// For each hidden layer: draw D = rand(same shape as A) with the generator
/// seeded `seed`, keep a unit where D < keep_prob (D becomes 1.0, else 0.0),
/// then A = A·D / keep_prob. Draw D1 before D2.
/// Returns A3 (1, m) and the cache, masks included.
/// 隠れ層ごとにマスク D を作り、A·D / keep_prob とします。
pub fn forward_propagation_with_dropout(
    x: &Array2<f64>,
    parameters: &Parameters,
    keep_prob: f64,
    seed: u32,
) -> (Array2<f64>, DropoutCache) {
    let mut rng = NumpyRng::new(seed); // np.random.seed(seed)
    let (w1, b1, w2, b2, w3, b3) = reg_unpack(parameters);

    let z1 = w1.dot(x) + &b1;
    let a1 = relu(&z1);
    // Steps 1–4: D1 = rand(shape of A1); D1 = (D1 < keep_prob); A1 = A1·D1; A1 = A1 / keep_prob.
    // START CODE HERE (≈ 4 lines)
    // STUB: let d1: Array2<f64> = todo!();
    // STUB: let a1: Array2<f64> = todo!();
    let d1 = rng.rand(a1.nrows(), a1.ncols());
    let d1 = d1.mapv(|u| if u < keep_prob { 1.0 } else { 0.0 });
    let a1 = &a1 * &d1;
    let a1 = a1 / keep_prob;
    // END CODE HERE

    let z2 = w2.dot(&a1) + &b2;
    let a2 = relu(&z2);
    // Steps 1–4 again, for D2 and A2.
    // START CODE HERE (≈ 4 lines)
    // STUB: let d2: Array2<f64> = todo!();
    // STUB: let a2: Array2<f64> = todo!();
    let d2 = rng.rand(a2.nrows(), a2.ncols());
    let d2 = d2.mapv(|u| if u < keep_prob { 1.0 } else { 0.0 });
    let a2 = &a2 * &d2;
    let a2 = a2 / keep_prob;
    // END CODE HERE

    let z3 = w3.dot(&a2) + &b3;
    let a3 = sigmoid(&z3);

    let cache = DropoutCache { z1, d1, a1, w1, b1, z2, d2, a2, w2, b2, z3, a3: a3.clone(), w3, b3 };
    (a3, cache)
}

/// The backward pass of the dropout network: the same masks as the forward
/// pass (from the cache), the same scaling: dA = dA·D / keep_prob, on layers 2 and 1.
///
/// Returns the grads "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1".
/// 順伝播と同じマスク(キャッシュの D1, D2)で dA を止め、keep_prob で割ります。
pub fn backward_propagation_with_dropout(
    x: &Array2<f64>,
    y: &Array2<f64>,
    cache: &DropoutCache,
    keep_prob: f64,
) -> Grads {
    let m = x.ncols() as f64;
    let DropoutCache { z1, d1, a1, w1, b1, z2, d2, a2, w2, b2, z3, a3, w3, b3 } = cache;

    let dz3 = a3 - y;
    let dw3 = (1.0 / m) * dz3.dot(&a2.t());
    let db3 = (1.0 / m) * dz3.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da2 = w3.t().dot(&dz3);
    // Steps 1–2: shut down the units D2 dropped, then scale the kept ones.
    // START CODE HERE (≈ 2 lines)
    // STUB: let da2: Array2<f64> = todo!();
    let da2 = &da2 * d2;
    let da2 = da2 / keep_prob;
    // END CODE HERE

    let dz2 = &da2 * &relu_derivative(a2);
    let dw2 = (1.0 / m) * dz2.dot(&a1.t());
    let db2 = (1.0 / m) * dz2.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da1 = w2.t().dot(&dz2);
    // Steps 1–2 again, with D1.
    // START CODE HERE (≈ 2 lines)
    // STUB: let da1: Array2<f64> = todo!();
    let da1 = &da1 * d1;
    let da1 = da1 / keep_prob;
    // END CODE HERE

    let dz1 = &da1 * &relu_derivative(a1);
    let dw1 = (1.0 / m) * dz1.dot(&x.t());
    let db1 = (1.0 / m) * dz1.sum_axis(Axis(1)).insert_axis(Axis(1));

    three_layer_grads(dz3, dw3, db3, da2, dz2, dw2, db2, da1, dz1, dw1, db1)
}

// ---------------------------------------------------------------------------
// Given: the plain network, its training loop and the data (reg_utils.py;
// the activations, the cost and update_parameters come from dlc::nn)
// ---------------------------------------------------------------------------

/// (W1, b1, W2, b2, W3, b3), copied out of `parameters` (given).
pub fn reg_unpack(
    parameters: &Parameters,
) -> (Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>) {
    let p = |k: &str| parameters[k].clone();
    (p("W1"), p("b1"), p("W2"), p("b2"), p("W3"), p("b3"))
}

/// W{l} = randn(n_l, n_{l−1}) / √n_{l−1}, b{l} = zeros, seeded 3 (given; the
/// original reg_utils `initialize_parameters`).
pub fn reg_initialize_parameters(layer_dims: &[usize]) -> Parameters {
    let mut rng = NumpyRng::new(3);
    let mut parameters = Parameters::new();
    for l in 1..layer_dims.len() {
        let w = rng.randn(layer_dims[l], layer_dims[l - 1]) / (layer_dims[l - 1] as f64).sqrt();
        parameters.insert(format!("W{l}"), w);
        parameters.insert(format!("b{l}"), Array2::zeros((layer_dims[l], 1)));
    }
    parameters
}

/// LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID, no dropout (given).
pub fn reg_forward_propagation(x: &Array2<f64>, parameters: &Parameters) -> (Array2<f64>, Cache) {
    let (w1, b1, w2, b2, w3, b3) = reg_unpack(parameters);
    let z1 = w1.dot(x) + &b1;
    let a1 = relu(&z1);
    let z2 = w2.dot(&a1) + &b2;
    let a2 = relu(&z2);
    let z3 = w3.dot(&a2) + &b3;
    let a3 = sigmoid(&z3);
    let cache = Cache { z1, a1, w1, b1, z2, a2, w2, b2, z3, a3: a3.clone(), w3, b3 };
    (a3, cache)
}

/// The plain backward pass, without regularisation (given).
pub fn reg_backward_propagation(x: &Array2<f64>, y: &Array2<f64>, cache: &Cache) -> Grads {
    let m = x.ncols() as f64;
    let Cache { z1, a1, w1, b1, z2, a2, w2, b2, z3, a3, w3, b3 } = cache;
    let dz3 = a3 - y;
    let dw3 = (1.0 / m) * dz3.dot(&a2.t());
    let db3 = (1.0 / m) * dz3.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da2 = w3.t().dot(&dz3);
    let dz2 = &da2 * &relu_derivative(a2);
    let dw2 = (1.0 / m) * dz2.dot(&a1.t());
    let db2 = (1.0 / m) * dz2.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da1 = w2.t().dot(&dz2);
    let dz1 = &da1 * &relu_derivative(a1);
    let dw1 = (1.0 / m) * dz1.dot(&x.t());
    let db1 = (1.0 / m) * dz1.sum_axis(Axis(1)).insert_axis(Axis(1));
    three_layer_grads(dz3, dw3, db3, da2, dz2, dw2, db2, da1, dz1, dw1, db1)
}

/// Predictions (1 where A3 > 0.5, else 0, no dropout) and the accuracy against Y (given).
pub fn reg_predict(x: &Array2<f64>, y: &Array2<f64>, parameters: &Parameters) -> (Array2<f64>, f64) {
    let (a3, _) = reg_forward_propagation(x, parameters);
    let p = predict_labels(&a3);
    let share_right = accuracy(&p, y);
    (p, share_right)
}

/// Trains [n_x, 20, 3, 1] (given; the original's `model`): plain when
/// `lambd` = 0 and `keep_prob` = 1, with L2 regularisation when `lambd` > 0,
/// with dropout when `keep_prob` < 1 (not both at once). Records the cost every
/// `print_every` iterations (iteration 0 included).
///
/// Dropout draws fresh masks in every iteration: iteration i seeds the
/// generator with i. (The original seeded 1 in every call, so it dropped the
/// very same units in every iteration.)
/// Returns the trained parameters and the recorded costs.
pub fn reg_model(
    x: &Array2<f64>,
    y: &Array2<f64>,
    learning_rate: f64,
    num_iterations: usize,
    print_every: usize,
    lambd: f64,
    keep_prob: f64,
) -> (Parameters, Vec<f64>) {
    assert!(lambd == 0.0 || keep_prob == 1.0, "use L2 regularisation or dropout, not both at once");
    let layers_dims = [x.nrows(), 20, 3, 1];
    let mut parameters = reg_initialize_parameters(&layers_dims);
    let mut costs = Vec::new();
    for i in 0..num_iterations {
        let (cost, grads) = if keep_prob < 1.0 {
            let (a3, cache) = forward_propagation_with_dropout(x, &parameters, keep_prob, i as u32);
            (cross_entropy_cost(&a3, y), backward_propagation_with_dropout(x, y, &cache, keep_prob))
        } else {
            let (a3, cache) = reg_forward_propagation(x, &parameters);
            if lambd == 0.0 {
                (cross_entropy_cost(&a3, y), reg_backward_propagation(x, y, &cache))
            } else {
                let cost = compute_cost_with_regularization(&a3, y, &parameters, lambd);
                (cost, backward_propagation_with_regularization(x, y, &cache, lambd))
            }
        };
        parameters = update_parameters(&parameters, &grads, learning_rate);
        if i % print_every == 0 {
            costs.push(cost);
        }
    }
    (parameters, costs)
}

/// A regenerable 2-D data set standing in for the original's football-field
/// positions (its data.mat file cannot be had here). Given.
///
/// With the generator seeded `seed`: U = rand(2, m) (row 0 first), then
/// noise = randn(1, m). Point j is x₀ = 1.2·U[0, j] − 0.75, x₁ = 1.35·U[1, j] − 0.75
/// (the original field's extent), and its label is 1 when
/// x₁ + 0.1·noise[j] > 0.3·sin(4·x₀) − 0.1, else 0: a wavy boundary whose noisy
/// labels near the curve make an unregularised network overfit.
/// The course uses `reg_dataset(211, 1)` to train and `reg_dataset(200, 2)` to test
/// (the original's sizes).
pub fn reg_dataset(m: usize, seed: u32) -> (Array2<f64>, Array2<f64>) {
    let mut rng = NumpyRng::new(seed);
    let u = rng.rand(2, m);
    let noise = rng.randn(1, m);
    let mut x = Array2::zeros((2, m));
    let mut y = Array2::zeros((1, m));
    for j in 0..m {
        let x0 = 1.2 * u[[0, j]] - 0.75;
        let x1 = 1.35 * u[[1, j]] - 0.75;
        x[[0, j]] = x0;
        x[[1, j]] = x1;
        y[[0, j]] = f64::from(x1 + 0.1 * noise[[0, j]] > 0.3 * (4.0 * x0).sin() - 0.1);
    }
    (x, y)
}
