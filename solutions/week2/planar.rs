//! Week 2 (course 1, week 3): Planar data classification with one hidden layer.
//!
//! Logistic regression cannot separate the two classes of the "flower" data
//! (it reaches about 47 % accuracy). You build a network with one hidden
//! layer of tanh units and a sigmoid output, and train it with gradient
//! descent: sizes, initialisation, forward pass, cost, backward pass, update,
//! then `nn_model`, which composes *your* functions, and `predict`.
//!
//! 隠れ層が 1 つのニューラルネットワークで、平面上の 2 クラスのデータを分類します。
//!
//! Shapes follow the lecture: X is (n_x, m) with one example per column,
//! Y and A2 are (1, m), W1 is (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1).
#![allow(unused, unreachable_code)]

use std::collections::HashMap;

use dlc::NumpyRng;
use dlc::nn::sigmoid; // σ(z), element-wise (given; planar_utils.py's sigmoid)
use ndarray::{Array2, Axis};

/// Parameters by name: "W1", "b1", "W2", "b2".
pub type Parameters = HashMap<String, Array2<f64>>;

/// What the forward pass keeps for the backward pass: "Z1", "A1", "Z2", "A2".
pub type Cache = HashMap<String, Array2<f64>>;

/// Gradients by name: "dW1", "db1", "dW2", "db2".
pub type Grads = HashMap<String, Array2<f64>>;

/// The sizes of the three layers: (n_x, n_h, n_y).
///
/// n_x is the number of input features (rows of X), n_y the number of
/// outputs (rows of Y); the hidden layer has 4 units here, as in the original.
/// 入力層と出力層の大きさは X と Y の行数から求めます。隠れ層は 4 ユニットです。
pub fn layer_sizes(x: &Array2<f64>, y: &Array2<f64>) -> (usize, usize, usize) {
    // START CODE HERE (≈ 3 lines)
    // STUB: let n_x: usize = todo!();
    // STUB: let n_h: usize = todo!();
    // STUB: let n_y: usize = todo!();
    let n_x = x.nrows();
    let n_h = 4;
    let n_y = y.nrows();
    // END CODE HERE

    (n_x, n_h, n_y)
}

/// Initialises the network's parameters, drawing from `rng` (the caller has
/// seeded it, as `np.random.seed` before the call in the original).
///
/// Returns W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1).
/// Weights are `randn · 0.01` (W1 drawn first, then W2), biases are zeros.
/// 重みは小さな乱数 (W1 が先、W2 が後)、バイアスはゼロで初期化します。
pub fn initialize_parameters(n_x: usize, n_h: usize, n_y: usize, rng: &mut NumpyRng) -> Parameters {
    // START CODE HERE (≈ 4 lines)
    // STUB: let w1: Array2<f64> = todo!();
    // STUB: let b1: Array2<f64> = todo!();
    // STUB: let w2: Array2<f64> = todo!();
    // STUB: let b2: Array2<f64> = todo!();
    let w1 = rng.randn(n_h, n_x) * 0.01;
    let b1 = Array2::zeros((n_h, 1));
    let w2 = rng.randn(n_y, n_h) * 0.01;
    let b2 = Array2::zeros((n_y, 1));
    // END CODE HERE

    Parameters::from([
        ("W1".to_string(), w1),
        ("b1".to_string(), b1),
        ("W2".to_string(), w2),
        ("b2".to_string(), b2),
    ])
}

/// The forward pass: Z1 = W1·X + b1, A1 = tanh(Z1), Z2 = W2·A1 + b2,
/// A2 = σ(Z2).
///
/// X: (n_x, m). Returns A2 (n_y, m) and the cache {Z1, A1, Z2, A2}.
/// 隠れ層は tanh、出力層は sigmoid です。
pub fn forward_propagation(x: &Array2<f64>, parameters: &Parameters) -> (Array2<f64>, Cache) {
    let w1 = &parameters["W1"];
    let b1 = &parameters["b1"];
    let w2 = &parameters["W2"];
    let b2 = &parameters["b2"];

    // START CODE HERE (≈ 4 lines)
    // STUB: let z1: Array2<f64> = todo!();
    // STUB: let a1: Array2<f64> = todo!();
    // STUB: let z2: Array2<f64> = todo!();
    // STUB: let a2: Array2<f64> = todo!();
    let z1 = w1.dot(x) + b1;
    let a1 = z1.mapv(f64::tanh);
    let z2 = w2.dot(&a1) + b2;
    let a2 = sigmoid(&z2);
    // END CODE HERE

    let cache = Cache::from([
        ("Z1".to_string(), z1),
        ("A1".to_string(), a1),
        ("Z2".to_string(), z2),
        ("A2".to_string(), a2.clone()),
    ]);
    (a2, cache)
}

/// The cross-entropy cost:
/// J = −(1/m) · Σ ( Y·log(A2) + (1−Y)·log(1−A2) ).
///
/// A2: the output of the forward pass (1, m); Y: true labels, 0 or 1 (1, m).
/// Returns the cost as a plain number.
/// コストは配列ではなく f64 で返します。
pub fn compute_cost(a2: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let m = y.ncols() as f64;

    // START CODE HERE (≈ 2 lines)
    // STUB: let cost: f64 = todo!();
    let logprobs = y * &a2.mapv(f64::ln) + (1.0 - y) * &(1.0 - a2).mapv(f64::ln);
    let cost = -logprobs.sum() / m;
    // END CODE HERE

    cost
}

/// The backward pass:
/// dZ2 = A2 − Y, dW2 = (1/m)·dZ2·A1ᵀ, db2 = (1/m)·Σ_columns dZ2,
/// dZ1 = (W2ᵀ·dZ2) ∗ (1 − A1²), dW1 = (1/m)·dZ1·Xᵀ, db1 = (1/m)·Σ_columns dZ1.
///
/// `cache` is the one `forward_propagation` returned for this X.
/// Returns the grads {dW1, db1, dW2, db2}, each of the shape of its parameter.
/// tanh の微分は 1 − A1² です。db は (n, 1) の形を保ちます。
pub fn backward_propagation(
    parameters: &Parameters,
    cache: &Cache,
    x: &Array2<f64>,
    y: &Array2<f64>,
) -> Grads {
    let m = x.ncols() as f64;
    let w2 = &parameters["W2"];
    let a1 = &cache["A1"];
    let a2 = &cache["A2"];

    // START CODE HERE (≈ 6 lines)
    // STUB: let dw1: Array2<f64> = todo!();
    // STUB: let db1: Array2<f64> = todo!();
    // STUB: let dw2: Array2<f64> = todo!();
    // STUB: let db2: Array2<f64> = todo!();
    let dz2 = a2 - y;
    let dw2 = dz2.dot(&a1.t()) / m;
    let db2 = dz2.sum_axis(Axis(1)).insert_axis(Axis(1)) / m;
    let dz1 = w2.t().dot(&dz2) * &(1.0 - &a1.mapv(|a| a * a));
    let dw1 = dz1.dot(&x.t()) / m;
    let db1 = dz1.sum_axis(Axis(1)).insert_axis(Axis(1)) / m;
    // END CODE HERE

    Grads::from([
        ("dW1".to_string(), dw1),
        ("db1".to_string(), db1),
        ("dW2".to_string(), dw2),
        ("db2".to_string(), db2),
    ])
}

/// One step of gradient descent: θ − α·dθ for W1, b1, W2, b2.
///
/// Returns the new parameters; `parameters` is left as it was.
/// (The original's default learning rate is 1.2.)
/// 新しいパラメータを返します。元の parameters は変更しません。
pub fn update_parameters(parameters: &Parameters, grads: &Grads, learning_rate: f64) -> Parameters {
    let (w1, b1, w2, b2) = (
        &parameters["W1"],
        &parameters["b1"],
        &parameters["W2"],
        &parameters["b2"],
    );
    let (dw1, db1, dw2, db2) = (&grads["dW1"], &grads["db1"], &grads["dW2"], &grads["db2"]);

    // START CODE HERE (≈ 4 lines)
    // STUB: let new_w1: Array2<f64> = todo!();
    // STUB: let new_b1: Array2<f64> = todo!();
    // STUB: let new_w2: Array2<f64> = todo!();
    // STUB: let new_b2: Array2<f64> = todo!();
    let new_w1 = w1 - learning_rate * dw1;
    let new_b1 = b1 - learning_rate * db1;
    let new_w2 = w2 - learning_rate * dw2;
    let new_b2 = b2 - learning_rate * db2;
    // END CODE HERE

    Parameters::from([
        ("W1".to_string(), new_w1),
        ("b1".to_string(), new_b1),
        ("W2".to_string(), new_w2),
        ("b2".to_string(), new_b2),
    ])
}

/// Trains the network: seeds the generator with 3, initialises the
/// parameters with n_h hidden units, then runs `num_iterations` steps of
/// forward pass, cost, backward pass and update with `learning_rate`.
///
/// Returns the trained parameters and the cost of every iteration
/// (costs[i] is the cost computed in iteration i, before its update).
/// 自分で書いた関数を組み合わせて学習します。隠れ層のユニット数は引数 n_h です。
pub fn nn_model(
    x: &Array2<f64>,
    y: &Array2<f64>,
    n_h: usize,
    num_iterations: usize,
    learning_rate: f64,
) -> (Parameters, Vec<f64>) {
    let mut rng = NumpyRng::new(3);

    // Sizes and initial parameters.
    // START CODE HERE (≈ 2 lines)
    // STUB: let mut parameters: Parameters = todo!();
    let (n_x, _, n_y) = layer_sizes(x, y);
    let mut parameters = initialize_parameters(n_x, n_h, n_y, &mut rng);
    // END CODE HERE

    let mut costs = Vec::with_capacity(num_iterations);
    for i in 0..num_iterations {
        // One iteration: forward pass, cost, backward pass, update.
        // START CODE HERE (≈ 4 lines)
        // STUB: let cost: f64 = todo!();
        let (a2, cache) = forward_propagation(x, &parameters);
        let cost = compute_cost(&a2, y);
        let grads = backward_propagation(&parameters, &cache, x, y);
        parameters = update_parameters(&parameters, &grads, learning_rate);
        // END CODE HERE
        costs.push(cost);
    }

    (parameters, costs)
}

/// Predicts a class for each example: 1.0 where A2 > 0.5, else 0.0.
///
/// X: (n_x, m). Returns the predictions (1, m).
/// A2 が 0.5 より大きければ 1、そうでなければ 0 です。
pub fn predict(parameters: &Parameters, x: &Array2<f64>) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    // STUB: let predictions: Array2<f64> = todo!();
    let (a2, _cache) = forward_propagation(x, parameters);
    let predictions = a2.mapv(|a| if a > 0.5 { 1.0 } else { 0.0 });
    // END CODE HERE

    predictions
}
