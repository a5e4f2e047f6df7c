//! Week 6 (c2w3) harness: adapters from the protocol to the learner's
//! functions in `framework.rs`. An operation's unit case puts its inputs on a
//! fresh tape, calls the learner's operation and then its stored backward
//! rule directly with the case's upstream gradient, so the case sees that
//! operation alone, never the learner's `backward`. `backward`'s unit cases
//! run on graphs of the harness's own two operations (below), so they see
//! `backward` alone. The integration checks (`tape_gradients`,
//! `network_gradient_check`, `model`) run the learner's pieces together, and
//! compare the tape's gradients with centred differences (`dlc::gradcheck`)
//! of the learner's own forward pass. The cases live in `cases.rs`.

use std::collections::{BTreeMap, HashMap};

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use ndarray::{Array2, Axis};

use crate::framework::{
    NodeId, ParameterNodes, Tape, add, backward, compute_total_loss, exp, forward_propagation, initialize_parameters,
    linear_function, log, matmul, model, mul, one_hot, relu, sigmoid, sigmoid_f32, softmax_cross_entropy,
};

/// The graded functions, in the order of the assignment, with the
/// harness-only checks where their pieces are ready.
pub const FUNCTIONS: &[Graded] = &[
    Graded { name: "add", call: call_add },
    Graded { name: "mul", call: call_mul },
    Graded { name: "matmul", call: call_matmul },
    Graded { name: "exp", call: call_exp },
    Graded { name: "log", call: call_log },
    Graded { name: "relu", call: call_relu },
    Graded { name: "sigmoid", call: call_sigmoid },
    Graded { name: "backward", call: call_backward },
    Graded { name: "tape_gradients", call: call_tape_gradients },
    Graded { name: "softmax_cross_entropy", call: call_softmax_cross_entropy },
    Graded { name: "linear_function", call: call_linear_function },
    Graded { name: "sigmoid_f32", call: call_sigmoid_f32 },
    Graded { name: "one_hot", call: call_one_hot },
    Graded { name: "initialize_parameters", call: call_initialize_parameters },
    Graded { name: "forward_propagation", call: call_forward_propagation },
    Graded { name: "compute_total_loss", call: call_compute_total_loss },
    Graded { name: "network_gradient_check", call: call_network_gradient_check },
    Graded { name: "model", call: call_model },
];

/// Gradients that differ from the centred differences by more than this are
/// named (correct ones differ by about 1e-9 here; a kink of ReLU hit by the
/// ±ε step would show as about 1e-3).
const GRADIENT_CHECK_THRESHOLD: f64 = 1e-6;

/// The step of the centred differences.
const GRADIENT_CHECK_EPSILON: f64 = 1e-6;

// ---------------------------------------------------------------------------
// Operations seen alone
// ---------------------------------------------------------------------------

/// The i-th gradient a rule returned, or an empty array when it returned
/// fewer (then the comparison fails on the shape, not the harness).
fn nth(local: &[Array2<f64>], i: usize) -> Array2<f64> {
    local.get(i).cloned().unwrap_or_else(|| Array2::zeros((0, 0)))
}

/// Runs node `out`'s stored rule with the case's `upstream` gradient.
fn local_gradients(tape: &Tape, out: NodeId, args: &Args) -> Result<Vec<Array2<f64>>, ValueError> {
    let upstream: Array2<f64> = args.get("upstream")?;
    let node = tape.node(out);
    if upstream.dim() != node.value.dim() {
        return Err(ValueError(format!(
            "argument `upstream`: expected the output's shape {:?}, found {:?}",
            node.value.shape(),
            upstream.shape()
        )));
    }
    let Some(rule) = &node.backward else {
        return Err(ValueError("the operation returned a node without a backward rule".into()));
    };
    Ok(rule(&upstream))
}

/// A two-input operation on a fresh tape: its value, then its rule.
fn binary(
    args: &Args,
    op: fn(&mut Tape, NodeId, NodeId) -> NodeId,
    fits: fn((usize, usize), (usize, usize)) -> bool,
) -> Result<Outputs, ValueError> {
    let a: Array2<f64> = args.get("a")?;
    let b: Array2<f64> = args.get("b")?;
    if !fits(a.dim(), b.dim()) {
        return Err(ValueError(format!("arguments `a` {:?} and `b` {:?}: shapes that do not fit", a.shape(), b.shape())));
    }
    let mut tape = Tape::new();
    let (a, b) = (tape.variable(a), tape.variable(b));
    let out = op(&mut tape, a, b);
    let local = local_gradients(&tape, out, args)?;
    Ok(Outputs::new().with("value", tape.value(out).clone()).with("grad_a", nth(&local, 0)).with("grad_b", nth(&local, 1)))
}

/// A one-input operation on a fresh tape: its value, then its rule.
fn unary(args: &Args, op: fn(&mut Tape, NodeId) -> NodeId) -> Result<Outputs, ValueError> {
    let a: Array2<f64> = args.get("a")?;
    let mut tape = Tape::new();
    let a = tape.variable(a);
    let out = op(&mut tape, a);
    let local = local_gradients(&tape, out, args)?;
    Ok(Outputs::new().with("value", tape.value(out).clone()).with("grad_a", nth(&local, 0)))
}

fn call_add(args: &mut Args) -> Result<Outputs, ValueError> {
    binary(args, add, |(n, m), (p, q)| (p == n || p == 1) && (q == m || q == 1))
}

fn call_mul(args: &mut Args) -> Result<Outputs, ValueError> {
    binary(args, mul, |a, b| a == b)
}

fn call_matmul(args: &mut Args) -> Result<Outputs, ValueError> {
    binary(args, matmul, |(_, k), (k2, _)| k == k2)
}

fn call_exp(args: &mut Args) -> Result<Outputs, ValueError> {
    unary(args, exp)
}

fn call_log(args: &mut Args) -> Result<Outputs, ValueError> {
    let a: Array2<f64> = args.get("a")?;
    if a.iter().any(|&v| !(v > 0.0)) {
        return Err(ValueError("argument `a`: log needs positive values".into()));
    }
    unary(args, log)
}

fn call_relu(args: &mut Args) -> Result<Outputs, ValueError> {
    unary(args, relu)
}

fn call_sigmoid(args: &mut Args) -> Result<Outputs, ValueError> {
    unary(args, sigmoid)
}

// ---------------------------------------------------------------------------
// `backward` seen alone: graphs of the harness's own operations
// ---------------------------------------------------------------------------

/// The harness's linear map M·x, with its rule g ↦ Mᵀ·g (not the learner's
/// matmul, so that a case of `backward` depends on `backward` only).
fn harness_linear(tape: &mut Tape, m: &Array2<f64>, x: NodeId) -> NodeId {
    let value = m.dot(tape.value(x));
    let mt = m.t().to_owned();
    tape.push(value, vec![x], Box::new(move |g: &Array2<f64>| vec![mt.dot(g)]))
}

/// The harness's element-wise product a ⊙ b, with its rule g ↦ (g ⊙ b, g ⊙ a).
fn harness_product(tape: &mut Tape, a: NodeId, b: NodeId) -> NodeId {
    let (x, y) = (tape.value(a).clone(), tape.value(b).clone());
    let value = &x * &y;
    tape.push(value, vec![a, b], Box::new(move |g: &Array2<f64>| vec![g * &y, g * &x]))
}

/// The graphs `backward`'s cases run (x is node 0):
/// - `chain`: h = M1·x, o = M2·h; backward from o.
/// - `reuse`: h = M1·x, o = h ⊙ h (h used twice); backward from o.
/// - `diamond`: h1 = M1·x, h2 = M2·x, o = h1 ⊙ h2 (x used twice); backward from o.
/// - `output_not_last`: h = M1·x, o = h ⊙ h, then k = M2·o after it on the
///   tape; backward from o (k plays no part).
fn call_backward(args: &mut Args) -> Result<Outputs, ValueError> {
    let graph: String = args.get("graph")?;
    let x: Array2<f64> = args.get("X")?;
    let m1: Array2<f64> = args.get("M1")?;
    let m2: Array2<f64> = args.get("M2")?;
    let fits = |m: &Array2<f64>, rows_in: usize| m.ncols() == rows_in;
    let mut tape = Tape::new();
    let xn = tape.variable(x.clone());
    if !fits(&m1, x.nrows()) {
        return Err(ValueError("argument `M1`: its columns must match X's rows".into()));
    }
    let output = match graph.as_str() {
        "chain" => {
            if !fits(&m2, m1.nrows()) {
                return Err(ValueError("argument `M2`: its columns must match M1's rows".into()));
            }
            let h = harness_linear(&mut tape, &m1, xn);
            harness_linear(&mut tape, &m2, h)
        }
        "reuse" => {
            let h = harness_linear(&mut tape, &m1, xn);
            harness_product(&mut tape, h, h)
        }
        "diamond" => {
            if m2.dim() != m1.dim() {
                return Err(ValueError("argument `M2`: must have M1's shape".into()));
            }
            let h1 = harness_linear(&mut tape, &m1, xn);
            let h2 = harness_linear(&mut tape, &m2, xn);
            harness_product(&mut tape, h1, h2)
        }
        "output_not_last" => {
            if !fits(&m2, m1.nrows()) {
                return Err(ValueError("argument `M2`: its columns must match M1's rows".into()));
            }
            let h = harness_linear(&mut tape, &m1, xn);
            let o = harness_product(&mut tape, h, h);
            harness_linear(&mut tape, &m2, o);
            o
        }
        other => return Err(ValueError(format!("argument `graph`: no graph called {other:?}"))),
    };
    let grads = backward(&tape, output);
    let dx = grads.first().cloned().unwrap_or_else(|| Array2::zeros((0, 0)));
    Ok(Outputs::new().with("grads", grads).with("dX", dx))
}

// ---------------------------------------------------------------------------
// Integration: every operation and backward, against centred differences
// ---------------------------------------------------------------------------

/// f(W, b, X, V) = Σ log(1 + e^(σ(relu(W·X + b)) ⊙ V)) on a tape of the
/// learner's operations (the sums as products with rows and columns of ones).
fn expression(tape: &mut Tape, p: &HashMap<String, Array2<f64>>) -> (NodeId, [NodeId; 4]) {
    let ids = [
        tape.variable(p["W"].clone()),
        tape.variable(p["b"].clone()),
        tape.variable(p["X"].clone()),
        tape.variable(p["V"].clone()),
    ];
    let [w, b, x, v] = ids;
    let (k, m) = (p["W"].nrows(), p["X"].ncols());
    let wx = matmul(tape, w, x);
    let z = add(tape, wx, b);
    let h = relu(tape, z);
    let s = sigmoid(tape, h);
    let u = mul(tape, s, v);
    let e = exp(tape, u);
    let one = tape.variable(Array2::ones((k, m)));
    let e1 = add(tape, e, one);
    let l = log(tape, e1);
    let rows = tape.variable(Array2::ones((1, k)));
    let cols = tape.variable(Array2::ones((m, 1)));
    let per_example = matmul(tape, rows, l);
    (matmul(tape, per_example, cols), ids)
}

/// The names of the gradients the centred differences disagree with.
fn disagreeing(differences: &BTreeMap<String, f64>) -> Vec<String> {
    differences
        .iter()
        .filter(|(_, d)| !(**d <= GRADIENT_CHECK_THRESHOLD))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Harness-only integration check: every operation and `backward` together,
/// on [`expression`]. Outputs f, its gradients (dW, db, dX, dV), the names of
/// the gradients the centred differences of the learner's own forward
/// computation disagree with (`wrong`, compared: it must be empty) and every
/// relative difference (`relative_differences`, evidence only).
fn call_tape_gradients(args: &mut Args) -> Result<Outputs, ValueError> {
    let mut p: HashMap<String, Array2<f64>> = HashMap::new();
    for name in ["W", "b", "X", "V"] {
        p.insert(name.to_string(), args.get(name)?);
    }
    let (k, n) = p["W"].dim();
    let m = p["X"].ncols();
    if p["X"].nrows() != n || p["b"].dim() != (k, 1) || p["V"].dim() != (k, m) {
        return Err(ValueError("arguments: W (k, n), b (k, 1), X (n, m), V (k, m)".into()));
    }
    let mut tape = Tape::new();
    let (f, ids) = expression(&mut tape, &p);
    let grads = backward(&tape, f);
    let g = |i: usize| grads.get(ids[i].0).cloned().unwrap_or_else(|| Array2::zeros((0, 0)));
    let tape_grads: HashMap<String, Array2<f64>> =
        ["W", "b", "X", "V"].iter().enumerate().map(|(i, name)| (format!("d{name}"), g(i))).collect();
    let differences = dlc::gradcheck::check(&p, &tape_grads, GRADIENT_CHECK_EPSILON, |theta| {
        let mut tape = Tape::new();
        let (f, _) = expression(&mut tape, theta);
        tape.value(f)[[0, 0]]
    });
    Ok(Outputs::new()
        .with("f", tape.value(f).clone())
        .with("dW", g(0))
        .with("db", g(1))
        .with("dX", g(2))
        .with("dV", g(3))
        .with("wrong", disagreeing(&differences))
        .with("relative_differences", differences))
}

// ---------------------------------------------------------------------------
// The original's functions
// ---------------------------------------------------------------------------

/// `labels` (one-hot, classes × examples) checked against the logits.
fn labels_arg(args: &Args, logits: &Array2<f64>) -> Result<Array2<f64>, ValueError> {
    let labels: Array2<f64> = args.get("labels")?;
    if labels.dim() != logits.dim() {
        return Err(ValueError(format!(
            "argument `labels`: expected the logits' shape {:?}, found {:?}",
            logits.shape(),
            labels.shape()
        )));
    }
    Ok(labels)
}

fn call_softmax_cross_entropy(args: &mut Args) -> Result<Outputs, ValueError> {
    let logits: Array2<f64> = args.get("logits")?;
    let labels = labels_arg(args, &logits)?;
    let mut tape = Tape::new();
    let z = tape.variable(logits);
    let losses = softmax_cross_entropy(&mut tape, z, &labels);
    let grads = backward(&tape, losses);
    Ok(Outputs::new().with("losses", tape.value(losses).clone()).with("dlogits", grads[z.0].clone()))
}

fn call_linear_function(args: &mut Args) -> Result<Outputs, ValueError> {
    let seed: usize = args.get("seed")?;
    let seed = u32::try_from(seed).map_err(|_| ValueError("argument `seed`: must fit in 32 bits".into()))?;
    let y = linear_function(seed, args.get("n_x")?, args.get("n_y")?, args.get("m")?);
    Ok(Outputs::new().with("Y", y))
}

fn call_sigmoid_f32(args: &mut Args) -> Result<Outputs, ValueError> {
    let s = sigmoid_f32(args.get("z")?);
    Ok(Outputs::new().with("s", f64::from(s)))
}

fn call_one_hot(args: &mut Args) -> Result<Outputs, ValueError> {
    let labels: Vec<usize> = args.get("labels")?;
    let depth: usize = args.get("depth")?;
    if labels.iter().any(|&l| l >= depth) {
        return Err(ValueError(format!("argument `labels`: every label must be below depth {depth}")));
    }
    Ok(Outputs::new().with("one_hot", one_hot(&labels, depth)))
}

fn call_initialize_parameters(args: &mut Args) -> Result<Outputs, ValueError> {
    let layer_dims: Vec<usize> = args.get("layer_dims")?;
    let seed: usize = args.get("seed")?;
    let seed = u32::try_from(seed).map_err(|_| ValueError("argument `seed`: must fit in 32 bits".into()))?;
    Ok(Outputs::new().with("parameters", initialize_parameters(&layer_dims, seed)))
}

/// The 3-layer parameters checked against X's rows: W1 (n1, n_x), b1 (n1, 1), …
fn parameters_arg(args: &Args, n_x: usize) -> Result<HashMap<String, Array2<f64>>, ValueError> {
    let parameters: HashMap<String, Array2<f64>> = args.get("parameters")?;
    let mut n_prev = n_x;
    for l in 1..=3 {
        let (w, b) = (parameters.get(&format!("W{l}")), parameters.get(&format!("b{l}")));
        let (Some(w), Some(b)) = (w, b) else {
            return Err(ValueError(format!("argument `parameters`: W{l} and b{l} are needed")));
        };
        if w.ncols() != n_prev || b.dim() != (w.nrows(), 1) {
            return Err(ValueError(format!("argument `parameters`: W{l} or b{l} of a shape that does not fit")));
        }
        n_prev = w.nrows();
    }
    Ok(parameters)
}

/// The parameters and X on a fresh tape, in a fixed order.
fn network_tape(parameters: &HashMap<String, Array2<f64>>, x: &Array2<f64>) -> (Tape, ParameterNodes, NodeId) {
    let mut tape = Tape::new();
    let mut names: Vec<&String> = parameters.keys().collect();
    names.sort();
    let nodes: ParameterNodes = names.into_iter().map(|n| (n.clone(), tape.variable(parameters[n].clone()))).collect();
    let xn = tape.variable(x.clone());
    (tape, nodes, xn)
}

fn call_forward_propagation(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let parameters = parameters_arg(args, x.nrows())?;
    let (mut tape, nodes, xn) = network_tape(&parameters, &x);
    let z3 = forward_propagation(&mut tape, xn, &nodes);
    Ok(Outputs::new().with("Z3", tape.value(z3).clone()))
}

fn call_compute_total_loss(args: &mut Args) -> Result<Outputs, ValueError> {
    let logits: Array2<f64> = args.get("logits")?;
    let labels = labels_arg(args, &logits)?;
    let mut tape = Tape::new();
    let z = tape.variable(logits);
    let total = compute_total_loss(&mut tape, z, &labels);
    let grads = backward(&tape, total);
    Ok(Outputs::new().with("total_loss", tape.value(total).clone()).with("dlogits", grads[z.0].clone()))
}

/// Harness-only integration check: the learner's forward pass, total loss
/// and backward on the 3-layer network. Outputs the total loss, every
/// parameter's gradient (`grads`, compared), the gradients the centred
/// differences disagree with (`wrong`, compared: it must be empty) and every
/// relative difference (evidence only).
fn call_network_gradient_check(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let parameters = parameters_arg(args, x.nrows())?;
    let labels: Array2<f64> = args.get("labels")?;
    if labels.dim() != (parameters["W3"].nrows(), x.ncols()) {
        return Err(ValueError("argument `labels`: expected (classes, m)".into()));
    }
    let total_loss = |p: &HashMap<String, Array2<f64>>| {
        let (mut tape, nodes, xn) = network_tape(p, &x);
        let z3 = forward_propagation(&mut tape, xn, &nodes);
        let total = compute_total_loss(&mut tape, z3, &labels);
        (tape, nodes, total)
    };
    let (tape, nodes, total) = total_loss(&parameters);
    let all = backward(&tape, total);
    let grads: HashMap<String, Array2<f64>> =
        nodes.iter().map(|(name, id)| (format!("d{name}"), all[id.0].clone())).collect();
    let differences = dlc::gradcheck::check(&parameters, &grads, GRADIENT_CHECK_EPSILON, |theta| {
        let (tape, _, total) = total_loss(theta);
        tape.value(total)[[0, 0]]
    });
    Ok(Outputs::new()
        .with("total_loss", tape.value(total).clone())
        .with("grads", grads)
        .with("wrong", disagreeing(&differences))
        .with("relative_differences", differences))
}

fn call_model(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let labels: Vec<usize> = args.get("labels")?;
    let layers_dims: Vec<usize> = args.get("layers_dims")?;
    let minibatch_size: usize = args.get("minibatch_size")?;
    let seed: usize = args.get("seed")?;
    let seed = u32::try_from(seed).map_err(|_| ValueError("argument `seed`: must fit in 32 bits".into()))?;
    if layers_dims.len() != 4 || layers_dims[0] != x.nrows() || labels.len() != x.ncols() {
        return Err(ValueError("arguments: layers_dims [n_x, n_1, n_2, classes] with n_x = X's rows, a label per column".into()));
    }
    if labels.iter().any(|&l| l >= layers_dims[3]) || minibatch_size == 0 {
        return Err(ValueError("arguments: labels below the number of classes, minibatch_size at least 1".into()));
    }
    let (parameters, costs) =
        model(&x, &labels, &layers_dims, args.get("learning_rate")?, args.get("num_epochs")?, minibatch_size, seed);
    // Training accuracy with the learner's own forward pass: the largest logit.
    let (mut tape, nodes, xn) = network_tape(&parameters, &x);
    let z3 = forward_propagation(&mut tape, xn, &nodes);
    let logits = tape.value(z3);
    let correct = logits
        .axis_iter(Axis(1))
        .zip(&labels)
        .filter(|(column, label)| {
            let best = column.iter().enumerate().fold((0, f64::NEG_INFINITY), |b, (k, &v)| if v > b.1 { (k, v) } else { b });
            best.0 == **label
        })
        .count();
    let accuracy = correct as f64 / labels.len() as f64;
    Ok(Outputs::new().with("costs", costs).with("parameters", parameters).with("train_accuracy", accuracy))
}
