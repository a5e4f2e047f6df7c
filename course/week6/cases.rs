//! Week 6 (c2w3) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week6 cases <file>`).
//!
//! An operation's unit cases check its value and its local derivatives: the
//! upstream gradient given to its rule is all ones, so the expected
//! gradients are ∂(Σ out)/∂(input), what `tf.GradientTape` gives for a
//! non-scalar target. The chain rule with other upstream gradients is
//! checked where the operations compose (`softmax_cross_entropy`,
//! `tape_gradients`, `compute_total_loss`, `network_gradient_check`,
//! `model`), and `backward`'s order and accumulation on graphs of the
//! harness's own operations. Shapes are non-square so a missing transpose
//! shows; the notebook's draws keep the notebook's order; the training runs
//! are a few epochs on a few hundred digits, so that `check week6` stays
//! quick.

use dlc::data::digits;
use dlc::protocol::CaseSpec;
use dlc::{IntoValue, draws};
use ndarray::{Array2, array};

use crate::framework::{
    NodeId, Tape, add, compute_total_loss, exp, forward_propagation, initialize_parameters, log, matmul, mul,
    one_hot, relu, sigmoid, softmax_cross_entropy,
};

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(binary_cases("add", add, add_inputs()));
    all.extend(binary_cases("mul", mul, mul_inputs()));
    all.extend(binary_cases("matmul", matmul, matmul_inputs()));
    all.extend(unary_cases("exp", exp, exp_inputs()));
    all.extend(unary_cases("log", log, log_inputs()));
    all.extend(unary_cases("relu", relu, relu_inputs()));
    all.extend(unary_cases("sigmoid", sigmoid, sigmoid_inputs()));
    all.extend(backward_cases());
    all.extend(tape_gradients_cases());
    all.extend(softmax_cross_entropy_cases());
    all.extend(linear_function_cases());
    all.extend(sigmoid_f32_cases());
    all.extend(one_hot_cases());
    all.extend(initialize_parameters_cases());
    all.extend(forward_propagation_cases());
    all.extend(compute_total_loss_cases());
    all.extend(network_gradient_check_cases());
    all.extend(model_cases());
    all
}

// ---------------------------------------------------------------------------
// The operations, seen alone
// ---------------------------------------------------------------------------

/// A case's label, note and inputs.
type Binary = (&'static str, &'static str, Array2<f64>, Array2<f64>);
type Unary = (&'static str, &'static str, Array2<f64>);

/// The output's shape, from the reference operation.
fn out_dim(op: fn(&mut Tape, NodeId, NodeId) -> NodeId, a: &Array2<f64>, b: &Array2<f64>) -> (usize, usize) {
    let mut tape = Tape::new();
    let (a, b) = (tape.variable(a.clone()), tape.variable(b.clone()));
    let out = op(&mut tape, a, b);
    tape.value(out).dim()
}

fn binary_cases(f: &str, op: fn(&mut Tape, NodeId, NodeId) -> NodeId, inputs: Vec<Binary>) -> Vec<CaseSpec> {
    inputs
        .into_iter()
        .map(|(label, note, a, b)| {
            let upstream = Array2::<f64>::ones(out_dim(op, &a, &b));
            CaseSpec::unit(f, label, note).arg("a", a).arg("b", b).arg("upstream", upstream)
        })
        .collect()
}

fn unary_cases(f: &str, _op: fn(&mut Tape, NodeId) -> NodeId, inputs: Vec<Unary>) -> Vec<CaseSpec> {
    inputs
        .into_iter()
        .map(|(label, note, a)| {
            let upstream = Array2::<f64>::ones(a.raw_dim());
            CaseSpec::unit(f, label, note).arg("a", a).arg("upstream", upstream)
        })
        .collect()
}

fn add_inputs() -> Vec<Binary> {
    let mut rng = draws::own(601);
    vec![
        ("same_shape", "a and b of shape (3, 4)", rng.randn(3, 4), rng.randn(3, 4)),
        ("bias_column", "a (4, 5) plus a column b (4, 1) added to every column: b's gradient sums over the columns", rng.randn(4, 5), rng.randn(4, 1)),
        ("row", "a (3, 5) plus a row b (1, 5) added to every row: b's gradient sums over the rows", rng.randn(3, 5), rng.randn(1, 5)),
        ("edge_1x1", "a (1, 1) plus b (1, 1)", rng.randn(1, 1), rng.randn(1, 1)),
    ]
}

fn mul_inputs() -> Vec<Binary> {
    let mut rng = draws::own(602);
    vec![
        ("literal", "a = [[1, 2], [3, 4]], b = [[5, -6], [0.5, 0]]: ∂Σ(a⊙b)/∂a = b, ∂/∂b = a", array![[1.0, 2.0], [3.0, 4.0]], array![[5.0, -6.0], [0.5, 0.0]]),
        ("non_square", "a and b of shape (3, 5)", rng.randn(3, 5), rng.randn(3, 5)),
        ("edge_column", "a column (4, 1) times a column (4, 1)", rng.randn(4, 1), rng.randn(4, 1)),
    ]
}

fn matmul_inputs() -> Vec<Binary> {
    // The notebook's linear_function draws (seed 1): X (3, 1), then W (4, 3).
    let mut rng = draws::notebook(1);
    let (x, w) = (rng.randn(3, 1), rng.randn(4, 3));
    let mut rng = draws::own(603);
    vec![
        ("notebook", "the notebook's W (4, 3) · X (3, 1)", w, x),
        ("non_square", "(2, 5) · (5, 3): a missing transpose gives the wrong shape", rng.randn(2, 5), rng.randn(5, 3)),
        ("edge_row_column", "a row (1, 3) · a column (3, 1) → (1, 1)", rng.randn(1, 3), rng.randn(3, 1)),
    ]
}

fn exp_inputs() -> Vec<Unary> {
    let mut rng = draws::own(604);
    vec![
        ("literal", "[[0, 1, -1], [2, -2, 0.5]]", array![[0.0, 1.0, -1.0], [2.0, -2.0, 0.5]]),
        ("random", "(3, 4) of randn", rng.randn(3, 4)),
        ("edge_1x1", "a single 0: e⁰ = 1, derivative 1", array![[0.0]]),
    ]
}

fn log_inputs() -> Vec<Unary> {
    let mut rng = draws::own(605);
    vec![
        ("literal", "[[1, e, 0.5], [4, 0.1, 2]]", array![[1.0, std::f64::consts::E, 0.5], [4.0, 0.1, 2.0]]),
        ("random", "(4, 3) of |randn| + 0.1", rng.randn(4, 3).mapv(|v| v.abs() + 0.1)),
        ("edge_1x1", "a single 2: ln 2, derivative 1/2", array![[2.0]]),
    ]
}

fn relu_inputs() -> Vec<Unary> {
    let mut rng = draws::own(606);
    vec![
        ("literal", "[[-1, 0, 2], [3, -0.5, 0.25]]: the derivative is 0 at 0", array![[-1.0, 0.0, 2.0], [3.0, -0.5, 0.25]]),
        ("random", "(3, 5) of randn, about half negative", rng.randn(3, 5)),
        ("edge_all_negative", "a column (3, 1), all negative: value and gradient all zero", array![[-0.5], [-2.0], [-0.1]]),
    ]
}

fn sigmoid_inputs() -> Vec<Unary> {
    let mut rng = draws::own(607);
    vec![
        ("notebook", "the notebook's -1, 0 and 12 as a row", array![[-1.0, 0.0, 12.0]]),
        ("random", "(4, 3) of 3·randn", rng.randn(4, 3) * 3.0),
        ("edge_1x1", "a single 0: σ = 0.5, derivative 0.25", array![[0.0]]),
    ]
}

// ---------------------------------------------------------------------------
// backward, on the harness's own operations
// ---------------------------------------------------------------------------

fn backward_cases() -> Vec<CaseSpec> {
    let f = "backward";
    let case = |label: &str, note: &str, graph: &str, seed: u32, (n, m, k, j): (usize, usize, usize, usize)| {
        let mut rng = draws::own(seed);
        CaseSpec::unit(f, label, note)
            .arg("graph", graph)
            .arg("X", rng.randn(n, m))
            .arg("M1", rng.randn(k, n))
            .arg("M2", rng.randn(j, if graph == "diamond" { n } else { k }))
    };
    vec![
        case("chain", "h = M1·x, o = M2·h: x's gradient needs h's first (reverse order)", "chain", 611, (3, 2, 4, 2)),
        case("reuse", "h = M1·x, o = h ⊙ h: h is used twice, its two contributions add up", "reuse", 612, (3, 2, 2, 2)),
        case("diamond", "h1 = M1·x, h2 = M2·x, o = h1 ⊙ h2: x reaches o along two paths", "diamond", 613, (2, 3, 4, 4)),
        case("output_not_last", "h = M1·x, o = h ⊙ h, and a node after o on the tape: the gradient starts at o", "output_not_last", 614, (3, 2, 3, 2)),
    ]
}

/// Harness-only: every operation and backward on one expression.
fn tape_gradients_cases() -> Vec<CaseSpec> {
    let f = "tape_gradients";
    let case = |label: &str, note: &str, w: Array2<f64>, b: Array2<f64>, x: Array2<f64>, v: Array2<f64>| {
        CaseSpec::integration(f, label, note)
            .arg("W", w)
            .arg("b", b)
            .arg("X", x)
            .arg("V", v)
            .evidence(&["relative_differences"])
    };
    let mut rng = draws::own(621);
    let random = (rng.randn(3, 4), rng.randn(3, 1), rng.randn(4, 5), rng.randn(3, 5));
    let mut rng = draws::own(622);
    let edge = (rng.randn(1, 2), rng.randn(1, 1), rng.randn(2, 1), rng.randn(1, 1));
    vec![
        // By hand: z = 1·2 − 1 = 1, s = σ(1), u = s/2, f = ln(1 + e^u);
        // ∂f/∂u = σ(u), ∂f/∂V = σ(u)·s, ∂f/∂z = σ(u)·V·s(1 − s), ∂f/∂W = ∂f/∂z·X.
        case("hand", "W = [[1]], b = [[-1]], X = [[2]], V = [[0.5]]: gradients derived by hand", array![[1.0]], array![[-1.0]], array![[2.0]], array![[0.5]]),
        case("random", "W (3, 4), b (3, 1), X (4, 5), V (3, 5) of randn: every operation, ReLU both on and off", random.0, random.1, random.2, random.3),
        case("edge_m1", "one example, one unit: W (1, 2), b (1, 1), X (2, 1), V (1, 1)", edge.0, edge.1, edge.2, edge.3),
    ]
}

// ---------------------------------------------------------------------------
// The original's functions
// ---------------------------------------------------------------------------

/// The compute_total_loss test's logits (6, 2) and labels one-hot of (5, 0).
fn notebook_logits() -> (Array2<f64>, Array2<f64>) {
    let logits = array![
        [2.4048107, 5.0334096],
        [-0.7921977, -4.1523376],
        [0.9447198, -0.46802214],
        [1.158121, 3.9810789],
        [4.768706, 2.3220146],
        [6.1481323, 3.909829]
    ];
    (logits, one_hot(&[5, 0], 6))
}

/// Random logits (classes, m) and labels.
fn random_logits(seed: u32, classes: usize, m: usize, scale: f64) -> (Array2<f64>, Array2<f64>) {
    let mut rng = draws::own(seed);
    let logits = rng.randn(classes, m) * scale;
    let labels: Vec<usize> = (0..m).map(|j| (j * 7 + 3) % classes).collect();
    (logits, one_hot(&labels, classes))
}

fn softmax_cross_entropy_cases() -> Vec<CaseSpec> {
    let f = "softmax_cross_entropy";
    let case = |label: &str, note: &str, (logits, labels): (Array2<f64>, Array2<f64>)| {
        CaseSpec::unit(f, label, note).arg("logits", logits).arg("labels", labels).unmodified(&["logits", "labels"])
    };
    vec![
        case("notebook", "the notebook's logits (6, 2), labels 5 and 0: losses 0.25361037, 0.5566767", notebook_logits()),
        case("identity", "logits with three rows [1, 0, 0] (classes × examples), labels I₃: every column uniform, a loss of ln 3 each (2021+ test 2)", (Array2::from_shape_fn((3, 3), |(_, j)| if j == 0 { 1.0 } else { 0.0 }), Array2::eye(3))),
        case("large_logits", "(4, 5) logits of 400·randn: e^z would overflow without the shift", random_logits(631, 4, 5, 400.0)),
        case("edge_m1", "one example of 3 classes", random_logits(632, 3, 1, 1.0)),
    ]
}

fn linear_function_cases() -> Vec<CaseSpec> {
    let f = "linear_function";
    let case = |label: &str, note: &str, seed: usize, (n_x, n_y, m): (usize, usize, usize)| {
        CaseSpec::unit(f, label, note).arg("seed", seed).arg("n_x", n_x).arg("n_y", n_y).arg("m", m)
    };
    vec![
        case("notebook", "seed 1, X (3, 1), W (4, 3), b (4, 1): Y = [[-2.15657382], [2.95891446], [-1.08926781], [-0.84538042]]", 1, (3, 4, 1)),
        case("non_square", "seed 2, X (5, 3), W (2, 5), b (2, 1): b added to every column", 2, (5, 2, 3)),
        case("edge_1x1", "seed 3, X (1, 1), W (1, 1), b (1, 1)", 3, (1, 1, 1)),
    ]
}

fn sigmoid_f32_cases() -> Vec<CaseSpec> {
    let f = "sigmoid_f32";
    // f32 results are compared exactly (they are f32 values written as f64).
    let case = |label: &str, note: &str, z: f64| {
        let naive = 1.0f32 / (1.0f32 + (-(z as f32)).exp());
        let right = (1.0 / (1.0 + (-z).exp())) as f32;
        let spec = CaseSpec::unit(f, label, note).arg("z", z).tolerance(0.0, 0.0);
        if naive == right { spec } else { spec.mistake("computed_in_f32", vec![("s", f64::from(naive).into_value())]) }
    };
    vec![
        case("notebook_minus1", "the notebook's sigmoid(-1) = 0.26894143", -1.0),
        case("notebook_0", "the notebook's sigmoid(0) = 0.5", 0.0),
        case("notebook_12", "the notebook's sigmoid(12) = 0.9999939 (0.9999938 when computed in f32)", 12.0),
        case("negative_large", "sigmoid(-20) ≈ 2.06e-9", -20.0),
    ]
}

fn one_hot_cases() -> Vec<CaseSpec> {
    let f = "one_hot";
    let case = |label: &str, note: &str, labels: Vec<usize>, depth: usize| {
        CaseSpec::unit(f, label, note).arg("labels", labels).arg("depth", depth).tolerance(0.0, 0.0)
    };
    vec![
        case("notebook", "the notebook's label 1, depth 4 → [0, 1, 0, 0] as a column", vec![1], 4),
        case("notebook_2", "the notebook's label [2], depth 4 → [0, 0, 1, 0] as a column", vec![2], 4),
        case("signs", "labels 5, 0, 3, 3, 1 of six classes: (6, 5), one example per column", vec![5, 0, 3, 3, 1], 6),
        case("edge_depth1", "two labels 0 of one class: (1, 2) of ones", vec![0, 0], 1),
    ]
}

fn initialize_parameters_cases() -> Vec<CaseSpec> {
    let f = "initialize_parameters";
    let case = |label: &str, note: &str, dims: Vec<usize>, seed: usize| {
        CaseSpec::unit(f, label, note).arg("layer_dims", dims).arg("seed", seed)
    };
    vec![
        case("digits", "[64, 25, 12, 6], seed 1: the digits network", vec![64, 25, 12, 6], 1),
        case("small", "[5, 4, 3, 2], seed 2: W1 (4, 5) drawn first", vec![5, 4, 3, 2], 2),
        case("edge_one_layer", "[3, 1], seed 3: one layer, one unit", vec![3, 1], 3),
    ]
}

/// Parameters with non-zero biases (so a bias that is never added shows),
/// from the learner-independent reference initialisation plus 0.1·randn biases.
fn network(dims: &[usize], seed: u32) -> dlc::nn::Parameters {
    let mut parameters = initialize_parameters(dims, seed);
    let mut rng = draws::own(seed + 100);
    for l in 1..dims.len() {
        parameters.insert(format!("b{l}"), rng.randn(dims[l], 1) * 0.1);
    }
    parameters
}

/// The first `m` training digits showing 0–5: X (64, m) of pixels / 16 (each
/// image flattened row by row into a column) and the digits.
fn digits_0_to_5(m: usize) -> (Array2<f64>, Vec<usize>) {
    let set = digits(0).expect("the vendored digits load");
    let keep: Vec<usize> = (0..set.train_digits.len()).filter(|&i| set.train_digits[i] <= 5).take(m).collect();
    let x = Array2::from_shape_fn((64, keep.len()), |(p, j)| set.train_x[[keep[j], p / 8, p % 8]] / 16.0);
    (x, keep.iter().map(|&i| usize::from(set.train_digits[i])).collect())
}

/// The reference forward pass's logits, with a ReLU after the last layer too
/// (the known mistake `relu_last_layer`).
fn logits_of(x: &Array2<f64>, parameters: &dlc::nn::Parameters, relu_last: bool) -> Array2<f64> {
    let mut tape = Tape::new();
    let mut names: Vec<&String> = parameters.keys().collect();
    names.sort();
    let nodes = names.into_iter().map(|n| (n.clone(), tape.variable(parameters[n].clone()))).collect();
    let xn = tape.variable(x.clone());
    let z3 = forward_propagation(&mut tape, xn, &nodes);
    let out = if relu_last { relu(&mut tape, z3) } else { z3 };
    tape.value(out).clone()
}

fn forward_propagation_cases() -> Vec<CaseSpec> {
    let f = "forward_propagation";
    let case = |label: &str, note: &str, x: Array2<f64>, parameters: dlc::nn::Parameters| {
        let wrong = logits_of(&x, &parameters, true);
        CaseSpec::unit(f, label, note)
            .arg("X", x)
            .arg("parameters", parameters)
            .unmodified(&["X", "parameters"])
            .mistake("relu_last_layer", vec![("Z3", wrong.into_value())])
    };
    let (x, _) = digits_0_to_5(2);
    let mut rng = draws::own(641);
    vec![
        case("digits", "the first 2 training digits (64, 2), the network [64, 25, 12, 6]", x, network(&[64, 25, 12, 6], 41)),
        case("small", "X (5, 4) of randn, the network [5, 4, 3, 3]", rng.randn(5, 4), network(&[5, 4, 3, 3], 42)),
        case("edge_m1", "one example X (3, 1), the network [3, 2, 2, 2]", rng.randn(3, 1), network(&[3, 2, 2, 2], 43)),
    ]
}

fn compute_total_loss_cases() -> Vec<CaseSpec> {
    let f = "compute_total_loss";
    let case = |label: &str, note: &str, (logits, labels): (Array2<f64>, Array2<f64>)| {
        let m = logits.ncols() as f64;
        let mut tape = Tape::new();
        let z = tape.variable(logits.clone());
        let total = compute_total_loss(&mut tape, z, &labels);
        let mean = tape.value(total) / m;
        let spec = CaseSpec::unit(f, label, note).arg("logits", logits).arg("labels", labels);
        if m > 1.0 { spec.mistake("mean_instead_of_sum", vec![("total_loss", mean.into_value())]) } else { spec }
    };
    let identity = (Array2::from_shape_fn((3, 3), |(_, j)| if j == 0 { 1.0 } else { 0.0 }), Array2::eye(3));
    vec![
        case("notebook", "the notebook's logits (6, 2), labels 5 and 0: total 0.810287 (the mean would be 0.4051435)", notebook_logits()),
        case("notebook_identity", "the notebook's logits [[1, 0, 0]] × 3, labels I₃: 3 ln 3 = 3.295837", identity),
        case("random", "(6, 7) logits of 2·randn", random_logits(651, 6, 7, 2.0)),
        case("edge_m1", "one example of 4 classes", random_logits(652, 4, 1, 1.0)),
    ]
}

fn network_gradient_check_cases() -> Vec<CaseSpec> {
    let f = "network_gradient_check";
    let case = |label: &str, note: &str, x: Array2<f64>, labels: &[usize], parameters: dlc::nn::Parameters| {
        let classes = parameters["W3"].nrows();
        CaseSpec::integration(f, label, note)
            .arg("X", x)
            .arg("labels", one_hot(labels, classes))
            .arg("parameters", parameters)
            .evidence(&["relative_differences"])
    };
    let (x, labels) = digits_0_to_5(6);
    let mut rng = draws::own(661);
    vec![
        case("digits", "6 training digits through [64, 6, 5, 6]", x, &labels, network(&[64, 6, 5, 6], 61)),
        case("small", "X (5, 4) of randn, labels 2, 0, 1, 2, network [5, 4, 3, 3]", rng.randn(5, 4), &[2, 0, 1, 2], network(&[5, 4, 3, 3], 62)),
        case("edge_m1", "one example X (3, 1), label 1, network [3, 2, 2, 2]", rng.randn(3, 1), &[1], network(&[3, 2, 2, 2], 63)),
    ]
}

fn model_cases() -> Vec<CaseSpec> {
    let f = "model";
    let case = |label: &str, note: &str, m: usize, dims: Vec<usize>, learning_rate: f64, num_epochs: usize, minibatch_size: usize, seed: usize| {
        let (x, labels) = digits_0_to_5(m);
        CaseSpec::unit(f, label, note)
            .arg("X", x)
            .arg("labels", labels)
            .arg("layers_dims", dims)
            .arg("learning_rate", learning_rate)
            .arg("num_epochs", num_epochs)
            .arg("minibatch_size", minibatch_size)
            .arg("seed", seed)
            .trajectory("costs")
            .unmodified(&["X"])
    };
    vec![
        case("digits", "240 digits 0–5, [64, 25, 12, 6], Adam 0.01, 6 epochs of mini-batches of 32 (the last one 16)", 240, vec![64, 25, 12, 6], 0.01, 6, 32, 1),
        case("tail_batch", "100 digits, [64, 16, 8, 6], Adam 0.005, 4 epochs of mini-batches of 24 (the last one 4)", 100, vec![64, 16, 8, 6], 0.005, 4, 24, 2),
        case("one_batch", "60 digits in one mini-batch of 64, [64, 10, 8, 6], Adam 0.02, 5 epochs", 60, vec![64, 10, 8, 6], 0.02, 5, 64, 3),
    ]
}
