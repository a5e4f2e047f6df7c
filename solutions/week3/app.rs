//! Week 3 (course 1, week 4), part 2: Deep Neural Network for Image
//! Classification: Application.
//!
//! You train a 2-layer and an L-layer network on 8×8 images of handwritten
//! digits ("is this digit an 8?", the task of week 1), built from YOUR
//! functions of part 1 (`deep_nn.rs`): initialisation, forward pass, cost,
//! backward pass and update. (The original notebook imported the course's own
//! copies of these functions instead, so a mistake in yours never showed here;
//! here every piece is yours.)
//!
//! 第 1 部(`deep_nn.rs`)で書いた自分の関数を組み合わせて、2 層と L 層の
//! ネットワークを手書き数字の画像で学習させます。
//!
//! Shapes follow the lecture: X is (n_x, m) with one image per column (the
//! images flattened and divided by 16, as in week 1), Y is (1, m).
#![allow(unused, unreachable_code)]

use ndarray::Array2;

use crate::deep_nn::{
    Activation, Cache, Grads, Parameters, compute_cost, initialize_parameters, initialize_parameters_deep,
    l_model_backward, l_model_forward, linear_activation_backward, linear_activation_forward,
    update_parameters,
};

/// Trains a 2-layer network, LINEAR → RELU → LINEAR → SIGMOID, with gradient
/// descent, using your part-1 functions.
///
/// X: (n_x, m); Y: (1, m); layers_dims: (n_x, n_h, n_y).
/// Runs `num_iterations` steps at `learning_rate` and records the cost every
/// 100 iterations (iterations 0, 100, 200, …).
/// Returns (the learnt parameters W1, b1, W2, b2, the costs).
/// 自分の関数を使って、2 層ネットワークを勾配降下法で学習させます。
pub fn two_layer_model(
    x: &Array2<f64>,
    y: &Array2<f64>,
    layers_dims: (usize, usize, usize),
    learning_rate: f64,
    num_iterations: usize,
) -> (Parameters, Vec<f64>) {
    let (n_x, n_h, n_y) = layers_dims;
    let mut costs = Vec::new();

    // Initialise the parameters with your 2-layer initialisation.
    // START CODE HERE (≈ 1 line)
    // STUB: let mut parameters: Parameters = todo!();
    let mut parameters = initialize_parameters(n_x, n_h, n_y);
    // END CODE HERE

    for i in 0..num_iterations {
        let (w1, b1) = (&parameters["W1"], &parameters["b1"]);
        let (w2, b2) = (&parameters["W2"], &parameters["b2"]);

        // Forward propagation: LINEAR -> RELU -> LINEAR -> SIGMOID.
        // START CODE HERE (≈ 2 lines)
        // STUB: let (a1, cache1): (Array2<f64>, Cache) = todo!();
        // STUB: let (a2, cache2): (Array2<f64>, Cache) = todo!();
        let (a1, cache1) = linear_activation_forward(x, w1, b1, Activation::Relu);
        let (a2, cache2) = linear_activation_forward(&a1, w2, b2, Activation::Sigmoid);
        // END CODE HERE

        // Compute the cost.
        // START CODE HERE (≈ 1 line)
        // STUB: let cost: f64 = todo!();
        let cost = compute_cost(&a2, y);
        // END CODE HERE

        // Initialise backward propagation: dA2 = ∂J/∂A2.
        let da2 = -(y / &a2 - (1.0 - y) / (1.0 - &a2));

        // Backward propagation: layer 2 (sigmoid) gives dA1, dW2, db2;
        // then layer 1 (relu) gives dA0 (not used), dW1, db1.
        // START CODE HERE (≈ 2 lines)
        // STUB: let (da1, dw2, db2): (Array2<f64>, Array2<f64>, Array2<f64>) = todo!();
        // STUB: let (_da0, dw1, db1): (Array2<f64>, Array2<f64>, Array2<f64>) = todo!();
        let (da1, dw2, db2) = linear_activation_backward(&da2, &cache2, Activation::Sigmoid);
        let (_da0, dw1, db1) = linear_activation_backward(&da1, &cache1, Activation::Relu);
        // END CODE HERE

        let grads = Grads::from([
            ("dW1".to_string(), dw1),
            ("db1".to_string(), db1),
            ("dW2".to_string(), dw2),
            ("db2".to_string(), db2),
        ]);

        // Update the parameters (the next iteration must see the new ones).
        // START CODE HERE (≈ 1 line)
        // STUB: todo!();
        parameters = update_parameters(&parameters, &grads, learning_rate);
        // END CODE HERE

        // Record the cost every 100 iterations.
        if i % 100 == 0 {
            costs.push(cost);
        }
    }

    (parameters, costs)
}

/// Trains an L-layer network, [LINEAR → RELU] × (L−1) → LINEAR → SIGMOID, with
/// gradient descent, using your part-1 functions.
///
/// X: (n_x, m); Y: (1, m); layers_dims: [n_x, n_1, …, n_L].
/// Runs `num_iterations` steps at `learning_rate` and records the cost every
/// 100 iterations (iterations 0, 100, 200, …).
/// Returns (the learnt parameters W1, b1, …, WL, bL, the costs).
/// 自分の関数を使って、L 層ネットワークを勾配降下法で学習させます。
pub fn l_layer_model(
    x: &Array2<f64>,
    y: &Array2<f64>,
    layers_dims: &[usize],
    learning_rate: f64,
    num_iterations: usize,
) -> (Parameters, Vec<f64>) {
    let mut costs = Vec::new();

    // Initialise the parameters with your L-layer initialisation.
    // START CODE HERE (≈ 1 line)
    // STUB: let mut parameters: Parameters = todo!();
    let mut parameters = initialize_parameters_deep(layers_dims);
    // END CODE HERE

    for i in 0..num_iterations {
        // Forward propagation: [LINEAR -> RELU] × (L−1) -> LINEAR -> SIGMOID.
        // START CODE HERE (≈ 1 line)
        // STUB: let (al, caches): (Array2<f64>, Vec<Cache>) = todo!();
        let (al, caches) = l_model_forward(x, &parameters);
        // END CODE HERE

        // Compute the cost.
        // START CODE HERE (≈ 1 line)
        // STUB: let cost: f64 = todo!();
        let cost = compute_cost(&al, y);
        // END CODE HERE

        // Backward propagation.
        // START CODE HERE (≈ 1 line)
        // STUB: let grads: Grads = todo!();
        let grads = l_model_backward(&al, y, &caches);
        // END CODE HERE

        // Update the parameters (the next iteration must see the new ones).
        // START CODE HERE (≈ 1 line)
        // STUB: todo!();
        parameters = update_parameters(&parameters, &grads, learning_rate);
        // END CODE HERE

        // Record the cost every 100 iterations.
        if i % 100 == 0 {
            costs.push(cost);
        }
    }

    (parameters, costs)
}

/// Predicts 0/1 labels with a trained L-layer network: the output of your
/// `l_model_forward`, then 1 where it is > 0.5 and 0 otherwise.
///
/// X: (n_x, m); parameters: W1, b1, …, WL, bL. Returns a (1, m) array of 0.0 / 1.0.
/// 学習したネットワークで 0/1 のラベルを予測します。
pub fn predict(x: &Array2<f64>, parameters: &Parameters) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    // STUB: let p: Array2<f64> = todo!();
    let (probas, _caches) = l_model_forward(x, parameters);
    let p = probas.mapv(|v| if v > 0.5 { 1.0 } else { 0.0 });
    // END CODE HERE
    p
}

/// Percentage of predictions that equal the labels (given), as the original
/// prints "Accuracy": 100 · mean(prediction == Y).
pub fn accuracy(prediction: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let right = prediction.iter().zip(y.iter()).filter(|(p, t)| p == t).count();
    100.0 * right as f64 / y.len().max(1) as f64
}
