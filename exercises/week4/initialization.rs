//! Week 4 (course 2, week 1), part 1 of 3: Initialization.
//!
//! The same 3-layer network (LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID,
//! layer sizes [n_x, 10, 5, 1]) is trained three times on the two-circles data,
//! each time from a different starting point: all zeros, large random weights
//! (×10), and He initialisation (×√(2/n_{l−1})). You write the three
//! initialisers; the network, its training loop (`model`) and `predict` are
//! given, as in the original notebook (its init_utils.py).
//!
//! Original train accuracies (15 000 iterations, learning rate 0.01):
//! zeros 50 %, random 83 %, He 99.3 %.
//!
//! 同じ 3 層ネットワークを、3 種類の初期化(ゼロ、大きな乱数、He)から学習させます。
//! 書くのは 3 つの初期化関数です。ネットワークと学習ループは用意されています。
//!
//! Shapes follow the lecture: X is (n_x, m) with one example per column,
//! W{l} is (n_l, n_{l−1}), b{l} is (n_l, 1), Y and A3 are (1, m).
#![allow(unused, unreachable_code)]

use std::collections::HashMap;

use dlc::NumpyRng;
// The given helpers of init_utils.py that every week shares.
use dlc::nn::{accuracy, cross_entropy_cost, predict_labels, relu, relu_derivative, sigmoid, update_parameters};
use ndarray::{Array2, Axis};

/// Parameters by name: "W1", "b1", "W2", "b2", ...
pub type Parameters = HashMap<String, Array2<f64>>;

/// Gradients by name: "dW1", "db1", ... (and "dz1", "da1", ... on the way).
pub type Grads = HashMap<String, Array2<f64>>;

/// Which initialiser `model` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Initialization {
    /// `initialize_parameters_zeros`.
    Zeros,
    /// `initialize_parameters_random`.
    Random,
    /// `initialize_parameters_he`.
    He,
}

/// All weights and biases zero.
///
/// `layers_dims[l]` is the number of units in layer l; `layers_dims[0]` is n_x.
/// Returns W{l} = zeros (layers_dims[l], layers_dims[l−1]) and
/// b{l} = zeros (layers_dims[l], 1), for l = 1 … L.
/// すべての重みとバイアスをゼロにします。
pub fn initialize_parameters_zeros(layers_dims: &[usize]) -> Parameters {
    let mut parameters = Parameters::new();
    let num_layers = layers_dims.len(); // number of layers, the input layer included

    for l in 1..num_layers {
        // START CODE HERE (≈ 2 lines)
        todo!()
        // END CODE HERE
    }

    parameters
}

/// Large random weights: W{l} = randn(layers_dims[l], layers_dims[l−1]) · 10,
/// b{l} = zeros (layers_dims[l], 1), with the generator seeded 3.
/// 重みは 10 倍した乱数、バイアスはゼロです。
pub fn initialize_parameters_random(layers_dims: &[usize]) -> Parameters {
    let mut rng = NumpyRng::new(3); // np.random.seed(3)
    let mut parameters = Parameters::new();
    let num_layers = layers_dims.len();

    for l in 1..num_layers {
        // START CODE HERE (≈ 2 lines)
        todo!()
        // END CODE HERE
    }

    parameters
}

/// He initialisation: W{l} = randn(layers_dims[l], layers_dims[l−1]) · √(2 / layers_dims[l−1]),
/// b{l} = zeros (layers_dims[l], 1), with the generator seeded 3.
/// 重みに √(2 / 前の層のユニット数) を掛けます。
pub fn initialize_parameters_he(layers_dims: &[usize]) -> Parameters {
    let mut rng = NumpyRng::new(3); // np.random.seed(3)
    let mut parameters = Parameters::new();
    let num_layers = layers_dims.len() - 1; // L: the number of layers with weights

    for l in 1..=num_layers {
        // START CODE HERE (≈ 2 lines)
        todo!()
        // END CODE HERE
    }

    parameters
}

// ---------------------------------------------------------------------------
// Given: the 3-layer network, its training loop and predictions (init_utils.py;
// sigmoid, relu, update_parameters and the loss come from dlc::nn)
// ---------------------------------------------------------------------------

/// What `forward_propagation` keeps for `backward_propagation` (given).
#[derive(Clone, Debug)]
pub struct Cache {
    pub z1: Array2<f64>,
    pub a1: Array2<f64>,
    pub z2: Array2<f64>,
    pub a2: Array2<f64>,
    pub z3: Array2<f64>,
    pub a3: Array2<f64>,
}

/// LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID (given). Returns A3 (1, m) and the cache.
pub fn forward_propagation(x: &Array2<f64>, parameters: &Parameters) -> (Array2<f64>, Cache) {
    let p = |k: &str| &parameters[k];
    let z1 = p("W1").dot(x) + p("b1");
    let a1 = relu(&z1);
    let z2 = p("W2").dot(&a1) + p("b2");
    let a2 = relu(&z2);
    let z3 = p("W3").dot(&a2) + p("b3");
    let a3 = sigmoid(&z3);
    (a3.clone(), Cache { z1, a1, z2, a2, z3, a3 })
}

/// Gradients of the loss for the 3-layer network (given): "dW1", "db1", ..., "db3".
pub fn backward_propagation(x: &Array2<f64>, y: &Array2<f64>, cache: &Cache, parameters: &Parameters) -> Grads {
    let m = x.ncols() as f64;
    let dz3 = (1.0 / m) * (&cache.a3 - y);
    let dw3 = dz3.dot(&cache.a2.t());
    let db3 = dz3.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da2 = parameters["W3"].t().dot(&dz3);
    let dz2 = &da2 * &relu_derivative(&cache.a2);
    let dw2 = dz2.dot(&cache.a1.t());
    let db2 = dz2.sum_axis(Axis(1)).insert_axis(Axis(1));
    let da1 = parameters["W2"].t().dot(&dz2);
    let dz1 = &da1 * &relu_derivative(&cache.a1);
    let dw1 = dz1.dot(&x.t());
    let db1 = dz1.sum_axis(Axis(1)).insert_axis(Axis(1));
    Grads::from([
        ("dW1".to_string(), dw1),
        ("db1".to_string(), db1),
        ("dW2".to_string(), dw2),
        ("db2".to_string(), db2),
        ("dW3".to_string(), dw3),
        ("db3".to_string(), db3),
    ])
}

/// Predictions (1 where A3 > 0.5, else 0) and the accuracy against Y (given).
pub fn predict(x: &Array2<f64>, y: &Array2<f64>, parameters: &Parameters) -> (Array2<f64>, f64) {
    let (a3, _) = forward_propagation(x, parameters);
    let p = predict_labels(&a3);
    let share_right = accuracy(&p, y);
    (p, share_right)
}

/// Trains the 3-layer network [n_x, 10, 5, 1] with the chosen initialiser
/// (given; the original's `model`). Records the loss every `print_every`
/// iterations (iteration 0 included); the original used 1000.
/// Returns the trained parameters and the recorded losses.
pub fn model(
    x: &Array2<f64>,
    y: &Array2<f64>,
    learning_rate: f64,
    num_iterations: usize,
    print_every: usize,
    initialization: Initialization,
) -> (Parameters, Vec<f64>) {
    let layers_dims = [x.nrows(), 10, 5, 1];
    let mut parameters = match initialization {
        Initialization::Zeros => initialize_parameters_zeros(&layers_dims),
        Initialization::Random => initialize_parameters_random(&layers_dims),
        Initialization::He => initialize_parameters_he(&layers_dims),
    };
    let mut costs = Vec::new();
    for i in 0..num_iterations {
        let (a3, cache) = forward_propagation(x, &parameters);
        let cost = cross_entropy_cost(&a3, y); // init_utils' compute_loss
        let grads = backward_propagation(x, y, &cache, &parameters);
        parameters = update_parameters(&parameters, &grads, learning_rate);
        if i % print_every == 0 {
            costs.push(cost);
        }
    }
    (parameters, costs)
}
