//! Week 6 (course 2, week 3): a deep-learning framework from scratch.
//!
//! The original assignment introduces TensorFlow: values on a tape, gradients
//! from `tf.GradientTape`, an optimiser that applies them. Here you build the
//! small reverse-mode automatic differentiation that such frameworks rest on,
//! then use it the way the original uses TensorFlow: `linear_function`,
//! `sigmoid_f32`, `one_hot`, a LINEAR → RELU → LINEAR → RELU → LINEAR network,
//! its total loss, and a `model` trained with Adam on six classes of
//! handwritten digits (0–5), every gradient coming from *your* tape.
//!
//! TensorFlow の代わりに、フレームワークの土台である逆伝播型の自動微分を自分で作り、
//! それを使ってネットワークを訓練します。
//!
//! How the tape works. A [`Tape`] owns every node, in the order they were
//! made; a node is named by its [`NodeId`] (its position on the tape). An
//! operation (`add`, `mul`, `matmul`, …) reads its inputs' values, computes
//! its own value (the forward pass) and stores, beside it, its *local
//! backward rule*: a closure that, given the gradient of the final output
//! with respect to this node (the "upstream" gradient, of the node's shape),
//! returns the gradient with respect to each input (chain rule: upstream
//! times the local derivative). `backward` then runs those rules from the
//! output back to the inputs.
//!
//! Shapes follow the lecture: X is (n_x, m) with one example per column;
//! labels and logits are (classes, m); W{l} is (n_l, n_{l-1}), b{l} is (n_l, 1).
#![allow(unused, unreachable_code)]

use std::collections::HashMap;

use dlc::NumpyRng;
use dlc::nn::{Grads, Parameters};
use ndarray::{Array2, Axis, s};

/// A node's name: its position on the tape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub usize);

/// A local backward rule: from the upstream gradient (the node's shape) to
/// the gradient of each input, in the order of the node's inputs.
pub type Backward = Box<dyn Fn(&Array2<f64>) -> Vec<Array2<f64>>>;

/// One value on the tape, with where it came from.
pub struct Node {
    /// The forward value.
    pub value: Array2<f64>,
    /// The nodes it was computed from (empty for a variable).
    pub inputs: Vec<NodeId>,
    /// Its local backward rule (`None` for a variable).
    pub backward: Option<Backward>,
}

/// Every node of one computation, in the order they were made. An input is
/// always made before the nodes that use it, so the tape's order is a
/// topological order of the graph.
#[derive(Default)]
pub struct Tape {
    nodes: Vec<Node>,
}

impl Tape {
    /// An empty tape.
    pub fn new() -> Tape {
        Tape { nodes: Vec::new() }
    }

    /// Puts a value on the tape as a leaf: a variable (whose gradient you
    /// read after `backward`) or a constant (whose gradient nobody reads).
    pub fn variable(&mut self, value: Array2<f64>) -> NodeId {
        self.nodes.push(Node { value, inputs: Vec::new(), backward: None });
        NodeId(self.nodes.len() - 1)
    }

    /// Records an operation's result: its value, its inputs and its local
    /// backward rule.
    pub fn push(&mut self, value: Array2<f64>, inputs: Vec<NodeId>, backward: Backward) -> NodeId {
        self.nodes.push(Node { value, inputs, backward: Some(backward) });
        NodeId(self.nodes.len() - 1)
    }

    /// The value of node `id`.
    pub fn value(&self, id: NodeId) -> &Array2<f64> {
        &self.nodes[id.0].value
    }

    /// Node `id` itself.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }

    /// How many nodes the tape holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the tape holds no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// a + b. `b` has a's shape, or is a column (n, 1) added to every column of
/// a (a bias), or a row (1, m) added to every row. The gradient of a
/// broadcast input is the upstream gradient summed over the axis it was
/// repeated along, so that it keeps the input's shape.
/// b が列 (n, 1) や行 (1, m) のときは、繰り返した軸で勾配を足し合わせ、b の形に戻します。
pub fn add(tape: &mut Tape, a: NodeId, b: NodeId) -> NodeId {
    let (x, y) = (tape.value(a).clone(), tape.value(b).clone());
    let b_shape = y.dim();
    // START CODE HERE (≈ 1 line)
    // STUB: let value: Array2<f64> = todo!();
    let value = &x + &y;
    // END CODE HERE
    // START CODE HERE (≈ 10 lines)
    // STUB: let backward: Backward = todo!();
    let backward: Backward = Box::new(move |g: &Array2<f64>| {
        let mut gb = g.clone();
        if b_shape.0 == 1 && g.nrows() > 1 {
            gb = gb.sum_axis(Axis(0)).insert_axis(Axis(0));
        }
        if b_shape.1 == 1 && g.ncols() > 1 {
            gb = gb.sum_axis(Axis(1)).insert_axis(Axis(1));
        }
        vec![g.clone(), gb]
    });
    // END CODE HERE
    tape.push(value, vec![a, b], backward)
}

/// a ⊙ b, element by element (a and b of one shape).
/// 要素ごとの積です(a と b は同じ形)。
pub fn mul(tape: &mut Tape, a: NodeId, b: NodeId) -> NodeId {
    let (x, y) = (tape.value(a).clone(), tape.value(b).clone());
    // START CODE HERE (≈ 1 line)
    // STUB: let value: Array2<f64> = todo!();
    let value = &x * &y;
    // END CODE HERE
    // START CODE HERE (≈ 1 line)
    // STUB: let backward: Backward = todo!();
    let backward: Backward = Box::new(move |g: &Array2<f64>| vec![g * &y, g * &x]);
    // END CODE HERE
    tape.push(value, vec![a, b], backward)
}

/// The matrix product a · b: (n, k) · (k, m) → (n, m).
/// 行列の積です。
pub fn matmul(tape: &mut Tape, a: NodeId, b: NodeId) -> NodeId {
    let (x, y) = (tape.value(a).clone(), tape.value(b).clone());
    // START CODE HERE (≈ 1 line)
    // STUB: let value: Array2<f64> = todo!();
    let value = x.dot(&y);
    // END CODE HERE
    // START CODE HERE (≈ 1 line)
    // STUB: let backward: Backward = todo!();
    let backward: Backward = Box::new(move |g: &Array2<f64>| vec![g.dot(&y.t()), x.t().dot(g)]);
    // END CODE HERE
    tape.push(value, vec![a, b], backward)
}

/// e^a, element-wise.
/// 要素ごとの指数関数です。
pub fn exp(tape: &mut Tape, a: NodeId) -> NodeId {
    let x = tape.value(a).clone();
    // START CODE HERE (≈ 1 line)
    // STUB: let value: Array2<f64> = todo!();
    let value = x.mapv(f64::exp);
    // END CODE HERE
    // START CODE HERE (≈ 2 lines)
    // STUB: let backward: Backward = todo!();
    let out = value.clone();
    let backward: Backward = Box::new(move |g: &Array2<f64>| vec![g * &out]);
    // END CODE HERE
    tape.push(value, vec![a], backward)
}

/// The natural logarithm ln a, element-wise (a > 0).
/// 要素ごとの自然対数です(a > 0)。
pub fn log(tape: &mut Tape, a: NodeId) -> NodeId {
    let x = tape.value(a).clone();
    // START CODE HERE (≈ 1 line)
    // STUB: let value: Array2<f64> = todo!();
    let value = x.mapv(f64::ln);
    // END CODE HERE
    // START CODE HERE (≈ 1 line)
    // STUB: let backward: Backward = todo!();
    let backward: Backward = Box::new(move |g: &Array2<f64>| vec![g / &x]);
    // END CODE HERE
    tape.push(value, vec![a], backward)
}

/// max(0, a), element-wise. Its derivative is 1 where a > 0 and 0 elsewhere
/// (0 at a = 0 itself, as TensorFlow takes it).
/// 要素ごとの max(0, a) です。微分は a > 0 で 1、それ以外で 0 です。
pub fn relu(tape: &mut Tape, a: NodeId) -> NodeId {
    let x = tape.value(a).clone();
    // START CODE HERE (≈ 1 line)
    // STUB: let value: Array2<f64> = todo!();
    let value = x.mapv(|v| v.max(0.0));
    // END CODE HERE
    // START CODE HERE (≈ 2 lines)
    // STUB: let backward: Backward = todo!();
    let backward: Backward =
        Box::new(move |g: &Array2<f64>| vec![g * &x.mapv(|v| if v > 0.0 { 1.0 } else { 0.0 })]);
    // END CODE HERE
    tape.push(value, vec![a], backward)
}

/// σ(a) = 1 / (1 + e^(−a)), element-wise; σ' = σ·(1 − σ).
/// 要素ごとのシグモイドです。
pub fn sigmoid(tape: &mut Tape, a: NodeId) -> NodeId {
    let x = tape.value(a).clone();
    // START CODE HERE (≈ 1 line)
    // STUB: let value: Array2<f64> = todo!();
    let value = x.mapv(|v| 1.0 / (1.0 + (-v).exp()));
    // END CODE HERE
    // START CODE HERE (≈ 2 lines)
    // STUB: let backward: Backward = todo!();
    let s = value.clone();
    let backward: Backward = Box::new(move |g: &Array2<f64>| vec![g * &s.mapv(|v| v * (1.0 - v))]);
    // END CODE HERE
    tape.push(value, vec![a], backward)
}

/// Reverse-mode differentiation: the gradient of `output` (summed, when it is
/// not a scalar: its own gradient is all ones) with respect to every node of
/// the tape, indexed by node: `grads[id.0]`.
///
/// Each node's local rule turns its gradient into its inputs' gradients, so a
/// node's rule may run only once its gradient is complete: after every node
/// that uses it. A node used twice receives two contributions, which add up.
/// 出力から入力へ、各ノードの勾配が揃ってから局所的な規則を適用します。
/// 2 回使われたノードには 2 つの寄与があり、それらを足し合わせます。
pub fn backward(tape: &Tape, output: NodeId) -> Vec<Array2<f64>> {
    // Every gradient starts at zero, in its node's shape.
    let mut grads: Vec<Array2<f64>> =
        (0..tape.len()).map(|k| Array2::zeros(tape.value(NodeId(k)).raw_dim())).collect();
    // The output's gradient with respect to itself.
    // START CODE HERE (≈ 1 line)
    // STUB: todo!();
    grads[output.0] = Array2::ones(tape.value(output).raw_dim());
    // END CODE HERE
    // The order in which the nodes' rules run.
    // START CODE HERE (≈ 1 line)
    // STUB: let order: Vec<usize> = todo!();
    let order: Vec<usize> = (0..=output.0).rev().collect();
    // END CODE HERE
    for k in order {
        let node = tape.node(NodeId(k));
        let Some(rule) = &node.backward else {
            continue; // a variable: nothing before it
        };
        let local = rule(&grads[k]);
        for (input, g) in node.inputs.iter().zip(local) {
            // START CODE HERE (≈ 1 line)
            // STUB: todo!();
            grads[input.0] += &g;
            // END CODE HERE
        }
    }
    grads
}

/// The softmax cross-entropy of every example: for column j of `logits`
/// (classes × examples) and its one-hot label y_j,
/// L_j = −Σ_k y_kj · log softmax(z_j)_k = log Σ_k e^(z_kj) − Σ_k y_kj · z_kj.
/// Returns a (1, m) node built from your own operations, so its gradient
/// comes from their rules.
/// 各例のソフトマックス交差エントロピーを、自分の演算を組み合わせて (1, m) のノードとして返します。
pub fn softmax_cross_entropy(tape: &mut Tape, logits: NodeId, labels: &Array2<f64>) -> NodeId {
    let (n_classes, m) = tape.value(logits).dim();
    // Subtracting each column's largest logit changes no softmax but keeps
    // e^z from overflowing; it is a constant, so no gradient is read from it.
    let column_max = tape
        .value(logits)
        .fold_axis(Axis(0), f64::NEG_INFINITY, |acc, &v| acc.max(v))
        .insert_axis(Axis(0));
    let shift = tape.variable(-column_max);
    let y = tape.variable(labels.clone());
    // A row of ones: ones · M sums M over its rows (the classes).
    let ones = tape.variable(Array2::ones((1, n_classes)));
    let minus_ones = tape.variable(-Array2::ones((1, m)));
    // START CODE HERE (≈ 8 lines)
    // STUB: let loss: NodeId = todo!();
    let z = add(tape, logits, shift);
    let e = exp(tape, z);
    let sum_exp = matmul(tape, ones, e);
    let log_sum_exp = log(tape, sum_exp);
    let yz = mul(tape, y, z);
    let true_logit = matmul(tape, ones, yz);
    let minus_true_logit = mul(tape, true_logit, minus_ones);
    let loss = add(tape, log_sum_exp, minus_true_logit);
    // END CODE HERE
    loss
}

/// The original's `linear_function`: with NumPy's generator seeded `seed`,
/// draws X randn(n_x, m), then W randn(n_y, n_x), then b randn(n_y, 1) (in
/// that order), and computes Y = W·X + b on a tape. Returns Y's value.
/// 乱数を X、W、b の順に引き、テープの上で Y = W·X + b を計算します。
pub fn linear_function(seed: u32, n_x: usize, n_y: usize, m: usize) -> Array2<f64> {
    let mut rng = NumpyRng::new(seed);
    // START CODE HERE (≈ 3 lines)
    // STUB: let (x, w, b): (Array2<f64>, Array2<f64>, Array2<f64>) = todo!();
    let x = rng.randn(n_x, m);
    let w = rng.randn(n_y, n_x);
    let b = rng.randn(n_y, 1);
    // END CODE HERE
    let mut tape = Tape::new();
    // START CODE HERE (≈ 3 lines)
    // STUB: let y: NodeId = todo!();
    let (x, w, b) = (tape.variable(x), tape.variable(w), tape.variable(b));
    let wx = matmul(&mut tape, w, x);
    let y = add(&mut tape, wx, b);
    // END CODE HERE
    tape.value(y).clone()
}

/// The original's `sigmoid`, which returns TensorFlow's float32: σ(z)
/// computed on a tape in f64 and only then rounded to f32 (computed in f32,
/// σ(12) comes out one unit of the last place too low: 0.9999938).
/// テープの上で f64 で計算し、最後に f32 に丸めます。
pub fn sigmoid_f32(z: f64) -> f32 {
    let mut tape = Tape::new();
    // START CODE HERE (≈ 3 lines)
    // STUB: let result: f32 = todo!();
    let x = tape.variable(Array2::from_elem((1, 1), z));
    let s = sigmoid(&mut tape, x);
    let result = tape.value(s)[[0, 0]] as f32;
    // END CODE HERE
    result
}

/// One-hot encoding: column j is all zeros except a 1 in row `labels[j]`;
/// the result is (depth, m), one example per column.
/// 列 j は labels[j] 行だけが 1 の (depth, m) の配列です。
pub fn one_hot(labels: &[usize], depth: usize) -> Array2<f64> {
    let m = labels.len();
    // START CODE HERE (≈ 4 lines)
    // STUB: let y: Array2<f64> = todo!();
    let mut y = Array2::zeros((depth, m));
    for (j, &label) in labels.iter().enumerate() {
        y[[label, j]] = 1.0;
    }
    // END CODE HERE
    y
}

/// Glorot (Xavier) normal initialisation, as the original's
/// `GlorotNormal`: with NumPy's generator seeded `seed`, for l = 1 … L in
/// order, W{l} = randn(n_l, n_{l-1}) · √(2 / (n_{l-1} + n_l)); b{l} = 0 (n_l, 1).
/// W{l} は √(2 / (n_{l-1} + n_l)) 倍の正規乱数、b{l} はゼロです。
pub fn initialize_parameters(layer_dims: &[usize], seed: u32) -> Parameters {
    let mut rng = NumpyRng::new(seed);
    let mut parameters = Parameters::new();
    for l in 1..layer_dims.len() {
        let (n_prev, n) = (layer_dims[l - 1], layer_dims[l]);
        // START CODE HERE (≈ 2 lines)
        // STUB: let (w, b): (Array2<f64>, Array2<f64>) = todo!();
        let w = rng.randn(n, n_prev) * (2.0 / (n_prev + n) as f64).sqrt();
        let b = Array2::zeros((n, 1));
        // END CODE HERE
        parameters.insert(format!("W{l}"), w);
        parameters.insert(format!("b{l}"), b);
    }
    parameters
}

/// Parameters on a tape, by name: "W1" → its node, …
pub type ParameterNodes = HashMap<String, NodeId>;

/// LINEAR → RELU → LINEAR → RELU → LINEAR on the tape, with W1, b1, …, b3
/// from `parameters`. Returns the last LINEAR's node, the logits Z3 (no
/// activation: the softmax is in the loss).
/// 最後の LINEAR の出力(ロジット Z3)を返します。活性化関数は付けません。
pub fn forward_propagation(tape: &mut Tape, x: NodeId, parameters: &ParameterNodes) -> NodeId {
    let (w1, b1) = (parameters["W1"], parameters["b1"]);
    let (w2, b2) = (parameters["W2"], parameters["b2"]);
    let (w3, b3) = (parameters["W3"], parameters["b3"]);
    // START CODE HERE (≈ 3 lines)
    // STUB: let a1: NodeId = todo!();
    let w1x = matmul(tape, w1, x);
    let z1 = add(tape, w1x, b1);
    let a1 = relu(tape, z1);
    // END CODE HERE
    // START CODE HERE (≈ 3 lines)
    // STUB: let a2: NodeId = todo!();
    let w2a1 = matmul(tape, w2, a1);
    let z2 = add(tape, w2a1, b2);
    let a2 = relu(tape, z2);
    // END CODE HERE
    // START CODE HERE (≈ 2 lines)
    // STUB: let z3: NodeId = todo!();
    let w3a2 = matmul(tape, w3, a2);
    let z3 = add(tape, w3a2, b3);
    // END CODE HERE
    z3
}

/// The total loss of a batch: the softmax cross-entropy of every example,
/// summed over the examples (not averaged: `model` divides the epoch's total
/// by m). Returns a (1, 1) node.
/// 各例の交差エントロピーを例について足し合わせた (1, 1) のノードを返します(平均ではありません)。
pub fn compute_total_loss(tape: &mut Tape, logits: NodeId, labels: &Array2<f64>) -> NodeId {
    let m = tape.value(logits).ncols();
    // A column of ones: M · ones sums M over its columns (the examples).
    let ones = tape.variable(Array2::ones((m, 1)));
    // START CODE HERE (≈ 2 lines)
    // STUB: let total_loss: NodeId = todo!();
    let losses = softmax_cross_entropy(tape, logits, labels);
    let total_loss = matmul(tape, losses, ones);
    // END CODE HERE
    total_loss
}

/// Trains the 3-layer network with Adam, as the original `model`: the
/// parameters from `initialize_parameters(layers_dims, seed)`, the labels
/// one-hot encoded, then `num_epochs` passes over the data in mini-batches of
/// `minibatch_size` consecutive examples (the last one may be smaller; no
/// shuffle, like the original's `dataset.batch`). Each mini-batch is a fresh
/// tape: the parameters and X on it, the forward pass, the total loss, your
/// backward, then one Adam step with the parameters' gradients.
///
/// Returns the trained parameters and the cost of every epoch (the epoch's
/// summed loss divided by m).
/// 各ミニバッチで新しいテープを作り、順伝播、損失、逆伝播、Adam の 1 ステップを行います。
pub fn model(
    x: &Array2<f64>,
    labels: &[usize],
    layers_dims: &[usize],
    learning_rate: f64,
    num_epochs: usize,
    minibatch_size: usize,
    seed: u32,
) -> (Parameters, Vec<f64>) {
    let m = x.ncols();
    let y = one_hot(labels, layers_dims[layers_dims.len() - 1]);
    let mut parameters = initialize_parameters(layers_dims, seed);
    let mut adam = Adam::new(&parameters);
    let mut names: Vec<String> = parameters.keys().cloned().collect();
    names.sort(); // a fixed order of the nodes on every tape
    let mut costs = Vec::with_capacity(num_epochs);

    for _ in 0..num_epochs {
        let mut epoch_total_loss = 0.0;
        for start in (0..m).step_by(minibatch_size) {
            let end = (start + minibatch_size).min(m);
            let minibatch_x = x.slice(s![.., start..end]).to_owned();
            let minibatch_y = y.slice(s![.., start..end]).to_owned();
            let mut tape = Tape::new();
            let nodes: ParameterNodes =
                names.iter().map(|name| (name.clone(), tape.variable(parameters[name].clone()))).collect();
            let x_node = tape.variable(minibatch_x);
            // The forward pass, the total loss and the gradients of every node.
            // START CODE HERE (≈ 3 lines)
            // STUB: let (total_loss, grads): (NodeId, Vec<Array2<f64>>) = todo!();
            let logits = forward_propagation(&mut tape, x_node, &nodes);
            let total_loss = compute_total_loss(&mut tape, logits, &minibatch_y);
            let grads = backward(&tape, total_loss);
            // END CODE HERE
            epoch_total_loss += tape.value(total_loss)[[0, 0]];
            // The gradients of the parameters, by name: "dW1" → grads of W1's node, …
            // START CODE HERE (≈ 2 lines)
            // STUB: let parameter_grads: Grads = todo!();
            let parameter_grads: Grads =
                nodes.iter().map(|(name, id)| (format!("d{name}"), grads[id.0].clone())).collect();
            // END CODE HERE
            parameters = adam.step(&parameters, &parameter_grads, learning_rate);
        }
        costs.push(epoch_total_loss / m as f64);
    }
    (parameters, costs)
}

// Given: the optimiser. The original takes it from TensorFlow
// (`tf.keras.optimizers.Adam`); you wrote Adam yourself in week 5, so here it
// is the framework's part, with Keras's defaults.

/// Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-7 (Keras's defaults), bias
/// correction with the step count t, ε outside the square root.
pub struct Adam {
    v: Grads,
    s: Grads,
    t: i32,
}

impl Adam {
    const BETA1: f64 = 0.9;
    const BETA2: f64 = 0.999;
    const EPSILON: f64 = 1e-7;

    /// Zero moments for every parameter, t = 0.
    pub fn new(parameters: &Parameters) -> Adam {
        let zeros: Grads = parameters.iter().map(|(k, p)| (format!("d{k}"), Array2::zeros(p.raw_dim()))).collect();
        Adam { v: zeros.clone(), s: zeros, t: 0 }
    }

    /// One step: the new parameters (`parameters` is left as it was). A
    /// parameter without a gradient of its shape is left as it was too.
    pub fn step(&mut self, parameters: &Parameters, grads: &Grads, learning_rate: f64) -> Parameters {
        self.t += 1;
        let (c1, c2) = (1.0 - Self::BETA1.powi(self.t), 1.0 - Self::BETA2.powi(self.t));
        let mut updated = parameters.clone();
        for (name, theta) in updated.iter_mut() {
            let key = format!("d{name}");
            let (Some(g), Some(v), Some(s)) = (grads.get(&key), self.v.get_mut(&key), self.s.get_mut(&key)) else {
                continue;
            };
            if g.dim() != theta.dim() {
                continue;
            }
            *v = &*v * Self::BETA1 + g * (1.0 - Self::BETA1);
            *s = &*s * Self::BETA2 + &g.mapv(|x| x * x) * (1.0 - Self::BETA2);
            let step = (&*v / c1) / &((&*s / c2).mapv(f64::sqrt) + Self::EPSILON);
            *theta = &*theta - &(step * learning_rate);
        }
        updated
    }
}
