//! Week 3 (course 1, week 4): Building your Deep Neural Network: Step by Step.
//!
//! You build an L-layer network piece by piece: initialisation, the forward
//! pass (LINEAR → RELU, ×(L−1), then LINEAR → SIGMOID), the cross-entropy cost,
//! the backward pass, and the gradient-descent update. The harness later
//! composes *your* functions into a full training loop.
//!
//! ディープニューラルネットワークを一歩ずつ組み立てます。
//!
//! Shapes follow the lecture: X is (n_x, m) with one example per column,
//! W{l} is (n_l, n_{l-1}), b{l} is (n_l, 1), Y and AL are (1, m).
#![allow(unused, unreachable_code)]

use std::collections::HashMap;

use dlc::NumpyRng;
// The given activations (dnn_utils.py): sigmoid(Z) and relu(Z) return (A, Z),
// Z being the activation cache; sigmoid_backward(dA, Z) and relu_backward(dA, Z)
// return dZ.
use dlc::nn::dnn_utils::{relu, relu_backward, sigmoid, sigmoid_backward};
use ndarray::{Array2, Axis};

/// Parameters by name: "W1", "b1", "W2", "b2", ...
pub type Parameters = HashMap<String, Array2<f64>>;

/// Gradients by name: "dA0", "dW1", "db1", "dA1", "dW2", "db2", ...
pub type Grads = HashMap<String, Array2<f64>>;

/// What `linear_forward` keeps for the backward pass: (A_prev, W, b).
pub type LinearCache = (Array2<f64>, Array2<f64>, Array2<f64>);

/// What `linear_activation_forward` keeps for one layer: (linear cache, Z).
pub type Cache = (LinearCache, Array2<f64>);

/// The activation of a layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// σ(z) = 1 / (1 + e^(−z)), used in the output layer.
    Sigmoid,
    /// max(0, z), used in the hidden layers.
    Relu,
}

/// Initialises a 2-layer network (LINEAR → RELU → LINEAR → SIGMOID).
///
/// Returns W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1).
/// Weights are `randn · 0.01`, biases are zeros.
/// 重みは小さな乱数、バイアスはゼロで初期化します。
pub fn initialize_parameters(n_x: usize, n_h: usize, n_y: usize) -> Parameters {
    let mut rng = NumpyRng::new(1);

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

/// Initialises an L-layer network. `layer_dims[l]` is the number of units in
/// layer l; `layer_dims[0]` is n_x.
///
/// Returns W{l} (layer_dims[l], layer_dims[l−1]) = `randn · 0.01` and
/// b{l} (layer_dims[l], 1) = zeros, for l = 1 … L.
/// 各層 l について W{l} と b{l} を作ります。
pub fn initialize_parameters_deep(layer_dims: &[usize]) -> Parameters {
    let mut rng = NumpyRng::new(3);
    let mut parameters = Parameters::new();
    let num_layers = layer_dims.len(); // number of layers, the input layer included

    for l in 1..num_layers {
        // START CODE HERE (≈ 2 lines)
        todo!()
        // END CODE HERE
    }

    parameters
}

/// The linear part of a layer's forward pass: Z = W·A + b.
///
/// A: activations of the previous layer (n_{l-1}, m); W: (n_l, n_{l-1});
/// b: (n_l, 1). Returns Z (n_l, m) and the cache (A, W, b).
/// b は列方向にブロードキャストされます。
pub fn linear_forward(a: &Array2<f64>, w: &Array2<f64>, b: &Array2<f64>) -> (Array2<f64>, LinearCache) {
    // START CODE HERE (≈ 1 line)
    let z: Array2<f64> = todo!();
    // END CODE HERE

    let cache = (a.clone(), w.clone(), b.clone());
    (z, cache)
}

/// One layer's forward pass: LINEAR then ACTIVATION.
///
/// A_prev: (n_{l-1}, m); W: (n_l, n_{l-1}); b: (n_l, 1).
/// Returns A (n_l, m) and the cache ((A_prev, W, b), Z).
/// 線形部分のあとに活性化関数を適用します。
pub fn linear_activation_forward(
    a_prev: &Array2<f64>,
    w: &Array2<f64>,
    b: &Array2<f64>,
    activation: Activation,
) -> (Array2<f64>, Cache) {
    let (a, linear_cache, activation_cache) = match activation {
        Activation::Sigmoid => {
            // START CODE HERE (≈ 2 lines)
            let (z, linear_cache): (Array2<f64>, LinearCache) = todo!();
            let (a, activation_cache): (Array2<f64>, Array2<f64>) = todo!();
            // END CODE HERE
            (a, linear_cache, activation_cache)
        }
        Activation::Relu => {
            // START CODE HERE (≈ 2 lines)
            let (z, linear_cache): (Array2<f64>, LinearCache) = todo!();
            let (a, activation_cache): (Array2<f64>, Array2<f64>) = todo!();
            // END CODE HERE
            (a, linear_cache, activation_cache)
        }
    };

    (a, (linear_cache, activation_cache))
}

/// The full forward pass: [LINEAR → RELU] × (L−1), then LINEAR → SIGMOID.
///
/// X: (n_x, m); `parameters` holds W1, b1, …, WL, bL.
/// Returns AL (1, m), the output of the last layer, and the L caches, one per
/// layer, in order (layer 1 first).
/// 隠れ層は ReLU、最後の層だけ sigmoid です。
pub fn l_model_forward(x: &Array2<f64>, parameters: &Parameters) -> (Array2<f64>, Vec<Cache>) {
    let mut caches: Vec<Cache> = Vec::new();
    let mut a = x.clone();
    let num_layers = parameters.len() / 2; // L: the number of layers with weights

    // Layers 1 … L−1: LINEAR → RELU. Keep each cache in `caches`.
    for l in 1..num_layers {
        let a_prev = a;
        // START CODE HERE (≈ 2 lines)
        let (a_l, cache): (Array2<f64>, Cache) = todo!();
        // END CODE HERE
        a = a_l;
    }

    // Layer L: LINEAR → SIGMOID. Keep its cache too.
    // START CODE HERE (≈ 2 lines)
    let (al, cache): (Array2<f64>, Cache) = todo!();
    // END CODE HERE

    (al, caches)
}

/// The cross-entropy cost:
/// J = −(1/m) · Σ ( Y·log(AL) + (1−Y)·log(1−AL) ).
///
/// AL: predicted probabilities (1, m); Y: true labels, 0 or 1 (1, m).
/// Returns the cost as a plain number.
/// コストは配列ではなく f64 で返します。
pub fn compute_cost(al: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let m = y.ncols() as f64;

    // START CODE HERE (≈ 2 lines)
    let cost: f64 = todo!();
    // END CODE HERE

    cost
}

/// The linear part of a layer's backward pass.
///
/// dZ: gradient of the cost with respect to Z (n_l, m);
/// cache: (A_prev (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1)).
/// Returns (dA_prev (n_{l-1}, m), dW (n_l, n_{l-1}), db (n_l, 1)):
/// dW = (1/m)·dZ·A_prevᵀ, db = (1/m)·Σ_columns dZ, dA_prev = Wᵀ·dZ.
/// db は (n_l, 1) の形を保ちます。
pub fn linear_backward(dz: &Array2<f64>, cache: &LinearCache) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    let (a_prev, w, _b) = cache;
    let m = a_prev.ncols() as f64;

    // START CODE HERE (≈ 3 lines)
    let dw: Array2<f64> = todo!();
    let db: Array2<f64> = todo!();
    let da_prev: Array2<f64> = todo!();
    // END CODE HERE

    (da_prev, dw, db)
}

/// One layer's backward pass: ACTIVATION backward, then LINEAR backward.
///
/// dA: gradient with respect to this layer's output A (n_l, m);
/// cache: ((A_prev, W, b), Z) from `linear_activation_forward`.
/// Returns (dA_prev (n_{l-1}, m), dW (n_l, n_{l-1}), db (n_l, 1)).
/// まず dZ を求め、次に linear_backward を呼びます。
pub fn linear_activation_backward(
    da: &Array2<f64>,
    cache: &Cache,
    activation: Activation,
) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    let (linear_cache, activation_cache) = cache;

    // Each branch computes dZ with the given helper, then calls linear_backward.
    match activation {
        Activation::Relu => {
            // START CODE HERE (≈ 2 lines)
            todo!()
            // END CODE HERE
        }
        Activation::Sigmoid => {
            // START CODE HERE (≈ 2 lines)
            todo!()
            // END CODE HERE
        }
    }
}

/// The full backward pass, from the cost back to the first layer.
///
/// AL: output of `l_model_forward` (1, m); Y: true labels (1, m);
/// caches: the L caches of `l_model_forward`, layer 1 first.
/// Returns the gradients "dA{l−1}", "dW{l}", "db{l}" for l = 1 … L
/// (dA0 is the gradient with respect to X).
/// 最後の層 (sigmoid) から順に、ReLU の層へと逆向きに進みます。
pub fn l_model_backward(al: &Array2<f64>, y: &Array2<f64>, caches: &[Cache]) -> Grads {
    let mut grads = Grads::new();
    let num_layers = caches.len(); // L

    // Start the backward pass: dAL = −(Y/AL − (1−Y)/(1−AL)).
    // START CODE HERE (≈ 1 line)
    let dal: Array2<f64> = todo!();
    // END CODE HERE

    // Layer L (SIGMOID → LINEAR): store "dA{L-1}", "dW{L}", "db{L}".
    // START CODE HERE (≈ 4 lines)
    todo!();
    // END CODE HERE

    // Layers L−1 … 1 (RELU → LINEAR). caches[l] belongs to layer l + 1:
    // store "dA{l}", "dW{l+1}", "db{l+1}".
    for l in (0..num_layers - 1).rev() {
        // START CODE HERE (≈ 4 lines)
        todo!()
        // END CODE HERE
    }

    grads
}

/// One step of gradient descent: W{l} − α·dW{l}, b{l} − α·db{l}, for l = 1 … L.
///
/// `params` holds W1, b1, …, WL, bL; `grads` holds (at least) dW1, db1, …
/// Returns the new parameters; `params` is left as it was.
/// 新しいパラメータを返します。元の params は変更しません。
pub fn update_parameters(params: &Parameters, grads: &Grads, learning_rate: f64) -> Parameters {
    let mut parameters = Parameters::new();
    let num_layers = params.len() / 2; // L

    for l in 1..=num_layers {
        // START CODE HERE (≈ 2 lines)
        let new_w: Array2<f64> = todo!();
        let new_b: Array2<f64> = todo!();
        // END CODE HERE
        parameters.insert(format!("W{l}"), new_w);
        parameters.insert(format!("b{l}"), new_b);
    }

    parameters
}
