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
    let n_x: usize = todo!();
    let n_h: usize = todo!();
    let n_y: usize = todo!();
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
    let w1: Array2<f64> = todo!();
    let b1: Array2<f64> = todo!();
    let w2: Array2<f64> = todo!();
    let b2: Array2<f64> = todo!();
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
    let z1: Array2<f64> = todo!();
    let a1: Array2<f64> = todo!();
    let z2: Array2<f64> = todo!();
    let a2: Array2<f64> = todo!();
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
    let cost: f64 = todo!();
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
    let dw1: Array2<f64> = todo!();
    let db1: Array2<f64> = todo!();
    let dw2: Array2<f64> = todo!();
    let db2: Array2<f64> = todo!();
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
    let new_w1: Array2<f64> = todo!();
    let new_b1: Array2<f64> = todo!();
    let new_w2: Array2<f64> = todo!();
    let new_b2: Array2<f64> = todo!();
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
    let mut parameters: Parameters = todo!();
    // END CODE HERE

    let mut costs = Vec::with_capacity(num_iterations);
    for i in 0..num_iterations {
        // One iteration: forward pass, cost, backward pass, update.
        // START CODE HERE (≈ 4 lines)
        let cost: f64 = todo!();
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
    let predictions: Array2<f64> = todo!();
    // END CODE HERE

    predictions
}
