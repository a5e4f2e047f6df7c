//! Week 5 (course 2, week 2): Optimization Methods.
//!
//! Plain gradient descent takes one step per pass over the data. Here you
//! build the pieces that train faster: mini-batches, momentum, Adam, and
//! learning-rate decay. The given `model` trains a 3-layer network with
//! *your* pieces on the two-moons data, so you can compare the optimisers:
//! with the original settings, gd and momentum reach 71.7 % training accuracy
//! and Adam 94.3 %.
//!
//! ミニバッチ、モーメンタム、Adam、学習率の減衰を実装し、最適化手法を比べます。
//!
//! Shapes follow the lecture: X is (n_x, m) with one example per column,
//! Y is (1, m), W{l} is (n_l, n_{l-1}), b{l} is (n_l, 1). Velocities and
//! second moments have the keys of the gradients: "dW1", "db1", ...
#![allow(unused, unreachable_code)]

use std::collections::HashMap;

use dlc::NumpyRng;
// The given helpers of opt_utils.py that every week shares.
use dlc::nn::{self, cross_entropy_cost_sum, predict_labels, relu, relu_derivative, sigmoid};
use ndarray::{Array2, Axis, s};

/// Parameters by name: "W1", "b1", …, "WL", "bL".
pub type Parameters = HashMap<String, Array2<f64>>;

/// Gradients by name: "dW1", "db1", …, "dWL", "dbL".
pub type Grads = HashMap<String, Array2<f64>>;

/// Moving averages (momentum's velocity, Adam's first and second moments),
/// with the keys of the gradients: "dW1", "db1", …
pub type Moments = HashMap<String, Array2<f64>>;

/// One mini-batch: (X columns, Y columns).
pub type MiniBatch = (Array2<f64>, Array2<f64>);

/// One step of gradient descent: W{l} − α·dW{l}, b{l} − α·db{l}, l = 1 … L.
///
/// Returns the new parameters; `parameters` is left as it was.
/// 新しいパラメータを返します。元の parameters は変更しません。
pub fn update_parameters_with_gd(parameters: &Parameters, grads: &Grads, learning_rate: f64) -> Parameters {
    let num_layers = parameters.len() / 2; // L
    let mut updated = Parameters::new();

    for l in 1..=num_layers {
        // START CODE HERE (≈ 2 lines)
        // STUB: let new_w: Array2<f64> = todo!();
        // STUB: let new_b: Array2<f64> = todo!();
        let new_w = &parameters[&format!("W{l}")] - learning_rate * &grads[&format!("dW{l}")];
        let new_b = &parameters[&format!("b{l}")] - learning_rate * &grads[&format!("db{l}")];
        // END CODE HERE
        updated.insert(format!("W{l}"), new_w);
        updated.insert(format!("b{l}"), new_b);
    }

    updated
}

/// Shuffles the examples (X and Y together, with the generator seeded with
/// `seed`), then cuts them into mini-batches of `mini_batch_size` columns:
/// ⌊m / size⌋ full batches, then one last, smaller batch with the remaining
/// m mod size examples (only when there are some).
///
/// Returns the mini-batches in order, each (X (n_x, k), Y (1, k)).
/// シャッフルしてから、大きさ mini_batch_size のミニバッチに分けます。最後の小さなバッチも忘れずに。
pub fn random_mini_batches(
    x: &Array2<f64>,
    y: &Array2<f64>,
    mini_batch_size: usize,
    seed: u32,
) -> Vec<MiniBatch> {
    let mut rng = NumpyRng::new(seed);
    let m = x.ncols();
    let mut mini_batches = Vec::new();

    // Step 1: shuffle the columns of X and Y with the same permutation (given).
    let permutation = rng.permutation(m);
    let shuffled_x = x.select(Axis(1), &permutation);
    let shuffled_y = y.select(Axis(1), &permutation);

    // Step 2: the full mini-batches.
    let num_complete_minibatches = m / mini_batch_size; // ⌊m / size⌋
    for k in 0..num_complete_minibatches {
        // START CODE HERE (≈ 2 lines)
        // STUB: let mini_batch_x: Array2<f64> = todo!();
        // STUB: let mini_batch_y: Array2<f64> = todo!();
        let mini_batch_x = shuffled_x
            .slice(s![.., k * mini_batch_size..(k + 1) * mini_batch_size])
            .to_owned();
        let mini_batch_y = shuffled_y
            .slice(s![.., k * mini_batch_size..(k + 1) * mini_batch_size])
            .to_owned();
        // END CODE HERE
        mini_batches.push((mini_batch_x, mini_batch_y));
    }

    // Step 3: the last mini-batch, smaller, when m is not a multiple of the size.
    // START CODE HERE (≈ 5 lines)
    // STUB: todo!();
    if m % mini_batch_size != 0 {
        let start = num_complete_minibatches * mini_batch_size;
        let mini_batch_x = shuffled_x.slice(s![.., start..m]).to_owned();
        let mini_batch_y = shuffled_y.slice(s![.., start..m]).to_owned();
        mini_batches.push((mini_batch_x, mini_batch_y));
    }
    // END CODE HERE

    mini_batches
}

/// Momentum's velocity, all zeros: "dW{l}" of the shape of W{l} and "db{l}"
/// of the shape of b{l}, for l = 1 … L.
/// 速度はすべてゼロで、形は対応するパラメータと同じです。
pub fn initialize_velocity(parameters: &Parameters) -> Moments {
    let num_layers = parameters.len() / 2; // L
    let mut v = Moments::new();

    for l in 1..=num_layers {
        // START CODE HERE (≈ 2 lines)
        v.insert(
            format!("dW{l}"),
            Array2::zeros(parameters[&format!("W{l}")].raw_dim()),
        );
        v.insert(
            format!("db{l}"),
            Array2::zeros(parameters[&format!("b{l}")].raw_dim()),
        );
        // END CODE HERE
    }

    v
}

/// One step of gradient descent with momentum, for every parameter θ of
/// every layer (θ = W{l} or b{l}, dθ its gradient):
///
///     v_dθ = β·v_dθ + (1 − β)·dθ
///     θ    = θ − α·v_dθ
///
/// Returns the new parameters and the new velocity; the arguments are left
/// as they were.
/// 速度を更新してから、その速度でパラメータを更新します。
pub fn update_parameters_with_momentum(
    parameters: &Parameters,
    grads: &Grads,
    v: &Moments,
    beta: f64,
    learning_rate: f64,
) -> (Parameters, Moments) {
    let num_layers = parameters.len() / 2; // L
    let mut new_parameters = Parameters::new();
    let mut new_v = Moments::new();

    for l in 1..=num_layers {
        for kind in ["W", "b"] {
            let key = format!("{kind}{l}"); // "W1", "b1", …
            let dkey = format!("d{kind}{l}"); // "dW1", "db1", …
            let (theta, dtheta, v_prev) = (&parameters[&key], &grads[&dkey], &v[&dkey]);
            // START CODE HERE (≈ 2 lines)
            // STUB: let v_theta: Array2<f64> = todo!();
            // STUB: let new_theta: Array2<f64> = todo!();
            let v_theta = beta * v_prev + (1.0 - beta) * dtheta;
            let new_theta = theta - learning_rate * &v_theta;
            // END CODE HERE
            new_v.insert(dkey, v_theta);
            new_parameters.insert(key, new_theta);
        }
    }

    (new_parameters, new_v)
}

/// Adam's first and second moments (v, s), all zeros, with the keys and
/// shapes of the gradients.
/// v と s はどちらもゼロで、形は対応するパラメータと同じです。
pub fn initialize_adam(parameters: &Parameters) -> (Moments, Moments) {
    let num_layers = parameters.len() / 2; // L
    let mut v = Moments::new();
    let mut s = Moments::new();

    for l in 1..=num_layers {
        // START CODE HERE (≈ 4 lines)
        let (w_dim, b_dim) = (
            parameters[&format!("W{l}")].raw_dim(),
            parameters[&format!("b{l}")].raw_dim(),
        );
        v.insert(format!("dW{l}"), Array2::zeros(w_dim));
        v.insert(format!("db{l}"), Array2::zeros(b_dim));
        s.insert(format!("dW{l}"), Array2::zeros(w_dim));
        s.insert(format!("db{l}"), Array2::zeros(b_dim));
        // END CODE HERE
    }

    (v, s)
}

/// What one Adam step returns: (parameters, v, s, v_corrected, s_corrected).
pub type AdamStep = (Parameters, Moments, Moments, Moments, Moments);

/// One Adam step, for every parameter θ of every layer (t counts the steps
/// taken, from 1):
///
///     v_dθ = β₁·v_dθ + (1 − β₁)·dθ          v_corrected = v_dθ / (1 − β₁ᵗ)
///     s_dθ = β₂·s_dθ + (1 − β₂)·dθ²         s_corrected = s_dθ / (1 − β₂ᵗ)
///     θ    = θ − α · v_corrected / (√s_corrected + ε)
///
/// Returns the new parameters, v and s, and the bias-corrected moments; the
/// arguments are left as they were.
/// バイアス補正には t を使います。ε は平方根の外に足します。
#[allow(clippy::too_many_arguments)]
pub fn update_parameters_with_adam(
    parameters: &Parameters,
    grads: &Grads,
    v: &Moments,
    s: &Moments,
    t: usize,
    learning_rate: f64,
    beta1: f64,
    beta2: f64,
    epsilon: f64,
) -> AdamStep {
    let num_layers = parameters.len() / 2; // L
    let t = t as f64; // β^t as Python's float ** int computes it: pow(β, t)
    let (mut new_parameters, mut new_v, mut new_s) = (Parameters::new(), Moments::new(), Moments::new());
    let (mut v_corrected, mut s_corrected) = (Moments::new(), Moments::new());

    for l in 1..=num_layers {
        for kind in ["W", "b"] {
            let key = format!("{kind}{l}"); // "W1", "b1", …
            let dkey = format!("d{kind}{l}"); // "dW1", "db1", …
            let (theta, dtheta) = (&parameters[&key], &grads[&dkey]);

            // First moment and its bias correction.
            // START CODE HERE (≈ 2 lines)
            // STUB: let v_theta: Array2<f64> = todo!();
            // STUB: let v_hat: Array2<f64> = todo!();
            let v_theta = beta1 * &v[&dkey] + (1.0 - beta1) * dtheta;
            let v_hat = &v_theta / (1.0 - beta1.powf(t));
            // END CODE HERE

            // Second moment (of the squared gradient) and its bias correction.
            // START CODE HERE (≈ 2 lines)
            // STUB: let s_theta: Array2<f64> = todo!();
            // STUB: let s_hat: Array2<f64> = todo!();
            let s_theta = beta2 * &s[&dkey] + (1.0 - beta2) * &dtheta.mapv(|g| g * g);
            let s_hat = &s_theta / (1.0 - beta2.powf(t));
            // END CODE HERE

            // The update.
            // START CODE HERE (≈ 1 line)
            // STUB: let new_theta: Array2<f64> = todo!();
            let new_theta = theta - &(learning_rate * &v_hat / &(s_hat.mapv(f64::sqrt) + epsilon));
            // END CODE HERE

            new_parameters.insert(key, new_theta);
            new_v.insert(dkey.clone(), v_theta);
            new_s.insert(dkey.clone(), s_theta);
            v_corrected.insert(dkey.clone(), v_hat);
            s_corrected.insert(dkey, s_hat);
        }
    }

    (new_parameters, new_v, new_s, v_corrected, s_corrected)
}

/// Learning-rate decay after every epoch: α = α₀ / (1 + decay_rate · epoch_num).
/// エポックごとに学習率を下げます。
pub fn update_lr(learning_rate0: f64, epoch_num: usize, decay_rate: f64) -> f64 {
    // START CODE HERE (≈ 1 line)
    // STUB: let learning_rate: f64 = todo!();
    let learning_rate = learning_rate0 / (1.0 + decay_rate * epoch_num as f64);
    // END CODE HERE

    learning_rate
}

/// Learning-rate decay in steps, every `time_interval` epochs:
/// α = α₀ / (1 + decay_rate · ⌊epoch_num / time_interval⌋).
/// time_interval エポックごとに段階的に学習率を下げます(切り捨てを忘れずに)。
pub fn schedule_lr_decay(
    learning_rate0: f64,
    epoch_num: usize,
    decay_rate: f64,
    time_interval: usize,
) -> f64 {
    // START CODE HERE (≈ 1 line)
    // STUB: let learning_rate: f64 = todo!();
    let learning_rate = learning_rate0 / (1.0 + decay_rate * (epoch_num / time_interval) as f64);
    // END CODE HERE

    learning_rate
}

// ---------------------------------------------------------------------------
// Given: the model and the 3-layer network of the original's opt_utils
// (its activations, cost, predictions and accuracy come from dlc::nn).
// Nothing to write below; `model` calls your functions above.
// ---------------------------------------------------------------------------

/// The optimiser `model` trains with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Optimizer {
    /// Mini-batch gradient descent.
    Gd,
    /// Gradient descent with momentum.
    Momentum,
    /// Adam.
    Adam,
}

/// The learning-rate decay `model` applies after each epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decay {
    /// `update_lr`.
    UpdateLr,
    /// `schedule_lr_decay` (with `Settings::time_interval`).
    ScheduleLrDecay,
}

/// The settings of `model`; `Settings::default()` holds the original's defaults.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Which optimiser.
    pub optimizer: Optimizer,
    /// α (0.0007).
    pub learning_rate: f64,
    /// Examples per mini-batch (64).
    pub mini_batch_size: usize,
    /// Momentum's β (0.9).
    pub beta: f64,
    /// Adam's β₁ (0.9).
    pub beta1: f64,
    /// Adam's β₂ (0.999).
    pub beta2: f64,
    /// Adam's ε (1e-8).
    pub epsilon: f64,
    /// Passes over the data (5000).
    pub num_epochs: usize,
    /// Learning-rate decay after each epoch (none).
    pub decay: Option<Decay>,
    /// The decay rate (1).
    pub decay_rate: f64,
    /// Epochs per step of `schedule_lr_decay` (1000).
    pub time_interval: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            optimizer: Optimizer::Gd,
            learning_rate: 0.0007,
            mini_batch_size: 64,
            beta: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
            num_epochs: 5000,
            decay: None,
            decay_rate: 1.0,
            time_interval: 1000,
        }
    }
}

/// Trains the 3-layer network LINEAR → RELU → LINEAR → RELU → LINEAR →
/// SIGMOID (`layers_dims` = [n_x, n_1, n_2, 1]) with mini-batches, as the
/// original `model`: mini-batches reshuffled every epoch (seed 10 + epoch + 1),
/// the chosen optimiser (Adam's t counts every step), then the decay.
///
/// Returns the trained parameters and the average cost of every epoch.
pub fn model(
    x: &Array2<f64>,
    y: &Array2<f64>,
    layers_dims: &[usize],
    settings: &Settings,
) -> (Parameters, Vec<f64>) {
    let m = x.ncols() as f64;
    let learning_rate0 = settings.learning_rate;
    let mut learning_rate = learning_rate0;
    let mut t = 0; // Adam's step counter
    let mut seed: u32 = 10;
    let mut costs = Vec::with_capacity(settings.num_epochs);

    let mut parameters = initialize_parameters(layers_dims);
    let (mut v, mut s) = match settings.optimizer {
        Optimizer::Gd => (Moments::new(), Moments::new()),
        Optimizer::Momentum => (initialize_velocity(&parameters), Moments::new()),
        Optimizer::Adam => initialize_adam(&parameters),
    };

    for epoch in 0..settings.num_epochs {
        // A different shuffle every epoch.
        seed += 1;
        let mut cost_total = 0.0;
        for (mini_x, mini_y) in random_mini_batches(x, y, settings.mini_batch_size, seed) {
            let (a3, cache) = forward_propagation(&mini_x, &parameters);
            cost_total += cross_entropy_cost_sum(&a3, &mini_y); // opt_utils' compute_cost: summed, not averaged
            let grads = backward_propagation(&mini_x, &mini_y, &cache);
            match settings.optimizer {
                Optimizer::Gd => parameters = update_parameters_with_gd(&parameters, &grads, learning_rate),
                Optimizer::Momentum => {
                    (parameters, v) = update_parameters_with_momentum(
                        &parameters,
                        &grads,
                        &v,
                        settings.beta,
                        learning_rate,
                    );
                }
                Optimizer::Adam => {
                    t += 1;
                    let (p, v_new, s_new, _, _) = update_parameters_with_adam(
                        &parameters,
                        &grads,
                        &v,
                        &s,
                        t,
                        learning_rate,
                        settings.beta1,
                        settings.beta2,
                        settings.epsilon,
                    );
                    (parameters, v, s) = (p, v_new, s_new);
                }
            }
        }
        costs.push(cost_total / m);
        learning_rate = match settings.decay {
            None => learning_rate,
            Some(Decay::UpdateLr) => update_lr(learning_rate0, epoch, settings.decay_rate),
            Some(Decay::ScheduleLrDecay) => {
                schedule_lr_decay(learning_rate0, epoch, settings.decay_rate, settings.time_interval)
            }
        };
    }

    (parameters, costs)
}

/// He-style initialisation of the original's opt_utils (given):
/// W{l} = randn(n_l, n_{l-1}) · √(2 / n_{l-1}), b{l} = 0, generator seeded with 3.
pub fn initialize_parameters(layers_dims: &[usize]) -> Parameters {
    let mut rng = NumpyRng::new(3);
    let mut parameters = Parameters::new();
    for l in 1..layers_dims.len() {
        let scale = (2.0 / layers_dims[l - 1] as f64).sqrt();
        parameters.insert(
            format!("W{l}"),
            rng.randn(layers_dims[l], layers_dims[l - 1]) * scale,
        );
        parameters.insert(format!("b{l}"), Array2::zeros((layers_dims[l], 1)));
    }
    parameters
}

/// What the 3-layer forward pass keeps: (Z1, A1, Z2, A2, Z3, A3) and the parameters.
pub type Cache = (Vec<Array2<f64>>, Parameters);

/// The forward pass of the 3-layer network (given): RELU, RELU, SIGMOID.
/// Returns A3 (1, m) and the cache.
pub fn forward_propagation(x: &Array2<f64>, parameters: &Parameters) -> (Array2<f64>, Cache) {
    let p = |k: &str| &parameters[k];
    let z1 = p("W1").dot(x) + p("b1");
    let a1 = relu(&z1);
    let z2 = p("W2").dot(&a1) + p("b2");
    let a2 = relu(&z2);
    let z3 = p("W3").dot(&a2) + p("b3");
    let a3 = sigmoid(&z3);
    (a3.clone(), (vec![z1, a1, z2, a2, z3, a3], parameters.clone()))
}

/// The backward pass of the 3-layer network (given), for the cost averaged
/// over the m examples of the mini-batch. Returns dW1, db1, …, dW3, db3.
pub fn backward_propagation(x: &Array2<f64>, y: &Array2<f64>, cache: &Cache) -> Grads {
    let m = x.ncols() as f64;
    let (values, parameters) = cache;
    let (a1, a2, a3) = (&values[1], &values[3], &values[5]);
    let sum_columns = |d: &Array2<f64>| d.sum_axis(Axis(1)).insert_axis(Axis(1));

    let dz3 = (a3 - y) * (1.0 / m);
    let dw3 = dz3.dot(&a2.t());
    let db3 = sum_columns(&dz3);
    let da2 = parameters["W3"].t().dot(&dz3);
    let dz2 = da2 * relu_derivative(a2);
    let dw2 = dz2.dot(&a1.t());
    let db2 = sum_columns(&dz2);
    let da1 = parameters["W2"].t().dot(&dz2);
    let dz1 = da1 * relu_derivative(a1);
    let dw1 = dz1.dot(&x.t());
    let db1 = sum_columns(&dz1);

    Grads::from([
        ("dW1".to_string(), dw1),
        ("db1".to_string(), db1),
        ("dW2".to_string(), dw2),
        ("db2".to_string(), db2),
        ("dW3".to_string(), dw3),
        ("db3".to_string(), db3),
    ])
}

/// Predictions of the trained network (given): 1.0 where A3 > 0.5, else 0.0.
pub fn predict(x: &Array2<f64>, parameters: &Parameters) -> Array2<f64> {
    let (a3, _) = forward_propagation(x, parameters);
    predict_labels(&a3)
}

/// The share of predictions equal to the labels, between 0 and 1 (given).
pub fn accuracy(x: &Array2<f64>, y: &Array2<f64>, parameters: &Parameters) -> f64 {
    nn::accuracy(&predict(x, parameters), y)
}
