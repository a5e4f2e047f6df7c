//! Week 3 (c1w4) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week3 cases <file>`).
//!
//! Case inputs follow three rules (see the curriculum's list of failure modes):
//! every input is drawn fresh for its case, pipeline inputs (caches, dA, dZ,
//! grads) come from a real forward/backward pass on the same data so that
//! every mathematically correct implementation agrees, and no argument is
//! left at a default value.

use dlc::data::digits;
use dlc::nn::dnn_utils::relu_backward;
use dlc::protocol::{CaseKind, CaseSpec};
use dlc::{IntoValue, NumpyRng, draws};
use ndarray::{Array2, Array3, array, s};

use crate::app::{l_layer_model, two_layer_model};
use crate::deep_nn::{
    Activation, Cache, Grads, LinearCache, Parameters, l_model_backward, l_model_forward,
    linear_activation_backward, linear_activation_forward,
};

// ---------------------------------------------------------------------------
// Helpers to build case inputs
// ---------------------------------------------------------------------------

/// Parameters from (W, b) pairs, layer 1 first.
fn params(layers: Vec<(Array2<f64>, Array2<f64>)>) -> Parameters {
    layers
        .into_iter()
        .enumerate()
        .flat_map(|(i, (w, b))| [(format!("W{}", i + 1), w), (format!("b{}", i + 1), b)])
        .collect()
}

/// Grads from (dW, db) pairs, layer 1 first (no dA entries).
fn grads_of(layers: Vec<(Array2<f64>, Array2<f64>)>) -> Grads {
    layers
        .into_iter()
        .enumerate()
        .flat_map(|(i, (dw, db))| [(format!("dW{}", i + 1), dw), (format!("db{}", i + 1), db)])
        .collect()
}

/// A small, well-scaled network and data set: X (dims[0], m) from randn,
/// W{l} = randn / √n_{l−1} (so activations stay O(1) and ReLU zeroes a fair
/// share of units), b{l} = 0.1·randn, Y from rand < 0.5 (both classes forced).
struct Net {
    x: Array2<f64>,
    y: Array2<f64>,
    parameters: Parameters,
}

fn net(seed: u32, dims: &[usize], m: usize) -> Net {
    let mut rng = draws::own(seed);
    let x = rng.randn(dims[0], m);
    let layers = dims
        .windows(2)
        .map(|d| {
            let w = rng.randn(d[1], d[0]) / (d[0] as f64).sqrt();
            let b = rng.randn(d[1], 1) * 0.1;
            (w, b)
        })
        .collect();
    let mut y = rng.rand(1, m).mapv(|u| if u < 0.5 { 1.0 } else { 0.0 });
    if m > 1 {
        // Both classes present, whatever the draws.
        y[[0, 0]] = 1.0;
        y[[0, 1]] = 0.0;
    }
    Net { x, y, parameters: params(layers) }
}

/// dAL = −(Y/AL − (1−Y)/(1−AL)), the gradient of the cost with respect to AL.
fn d_al(al: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    -(y / al - (1.0 - y) / (1.0 - al))
}

// ---------------------------------------------------------------------------
// Known mistakes: what the reference computes with a learner's slip, recorded
// as `.mistake(...)` so that the report names it (issue 10). A signature is
// recorded only where it differs from the expected outputs: one equal to them
// would name a mistake beside an unrelated failure.
// ---------------------------------------------------------------------------

/// AL of `l_model_forward` with the given activations for the hidden layers
/// and the last one, through the reference's `linear_activation_forward`.
fn forward_with(x: &Array2<f64>, p: &Parameters, hidden: Activation, last: Activation) -> Array2<f64> {
    let layers = p.len() / 2;
    let mut a = x.clone();
    for l in 1..=layers {
        let act = if l < layers { hidden } else { last };
        a = linear_activation_forward(&a, &p[&format!("W{l}")], &p[&format!("b{l}")], act).0;
    }
    a
}

/// The grads of `l_model_backward` with the given activations for the hidden
/// layers and the last one (the reference's loop, dAL as the reference's).
fn backward_with(al: &Array2<f64>, y: &Array2<f64>, caches: &[Cache], hidden: Activation, last: Activation) -> Grads {
    let layers = caches.len();
    let mut grads = Grads::new();
    let mut da = d_al(al, y);
    for l in (1..=layers).rev() {
        let act = if l < layers { hidden } else { last };
        let (da_prev, dw, db) = linear_activation_backward(&da, &caches[l - 1], act);
        grads.insert(format!("dA{}", l - 1), da_prev.clone());
        grads.insert(format!("dW{l}"), dw);
        grads.insert(format!("db{l}"), db);
        da = da_prev;
    }
    grads
}

/// The activation slips of issue 10 (relu in the output layer, sigmoid in the
/// hidden layers, both swapped), as (id, hidden, last).
const ACTIVATION_SLIPS: [(&str, Activation, Activation); 3] = [
    ("relu_last_layer", Activation::Relu, Activation::Relu),
    ("sigmoid_all_layers", Activation::Sigmoid, Activation::Sigmoid),
    ("wrong_activation", Activation::Sigmoid, Activation::Relu),
];

/// The activation of the other branch: relu for "sigmoid", sigmoid for "relu".
fn other_activation(act: &str) -> Activation {
    match act {
        "relu" => Activation::Sigmoid,
        _ => Activation::Relu,
    }
}

/// Can relu in the last layer be told from no activation there at all? Only
/// where some Z of the last layer is ≤ 0 (elsewhere relu(Z) = Z and relu's
/// backward pass lets dA through, as a forgotten σ or σ' would).
fn relu_last_is_telling(caches: &[Cache], last: Activation) -> bool {
    last != Activation::Relu || caches.last().is_some_and(|(_, z)| z.iter().any(|v| *v <= 0.0))
}

/// Records the activation slips of a forward case whose outputs they change.
fn forward_slips(mut case: CaseSpec, x: &Array2<f64>, p: &Parameters) -> CaseSpec {
    let expected = forward_with(x, p, Activation::Relu, Activation::Sigmoid);
    let (_, caches) = l_model_forward(x, p);
    for (id, hidden, last) in ACTIVATION_SLIPS {
        let al = forward_with(x, p, hidden, last);
        if al != expected && relu_last_is_telling(&caches, last) {
            case = case.mistake(id, vec![("AL", al.into_value())]);
        }
    }
    case
}

/// Records the activation slips of a backward case whose grads they change.
fn backward_slips(mut case: CaseSpec, al: &Array2<f64>, y: &Array2<f64>, caches: &[Cache]) -> CaseSpec {
    let expected = backward_with(al, y, caches, Activation::Relu, Activation::Sigmoid);
    for (id, hidden, last) in ACTIVATION_SLIPS {
        let grads = backward_with(al, y, caches, hidden, last);
        if grads != expected && relu_last_is_telling(caches, last) {
            case = case.mistake(id, vec![("grads", grads.into_value())]);
        }
    }
    case
}

/// The arguments of the original `L_model_forward_test_case_2hidden()`
/// (np.random.seed(6)); the notebook prints
/// AL = [[0.03921668 0.70498921 0.19734387 0.04728177]].
fn notebook_forward_3layer() -> (Array2<f64>, Parameters) {
    let mut rng = draws::notebook(6);
    let x = rng.randn(5, 4);
    let w1 = rng.randn(4, 5);
    let b1 = rng.randn(4, 1);
    let w2 = rng.randn(3, 4);
    let b2 = rng.randn(3, 1);
    let w3 = rng.randn(1, 3);
    let b3 = rng.randn(1, 1);
    (x, params(vec![(w1, b1), (w2, b2), (w3, b3)]))
}

/// The training data of the `training_loop` cases: 40 examples, 4 features
/// on a raw scale of about `scale` (not normalised), label = 1 when
/// x₀ − 0.5·x₁ + 0.3 > 0.
fn training_data(scale: f64) -> (Array2<f64>, Array2<f64>) {
    let mut rng = draws::own(7);
    let x = rng.randn(4, 40);
    let y = Array2::from_shape_fn((1, 40), |(_, j)| f64::from(x[[0, j]] - 0.5 * x[[1, j]] + 0.3 > 0.0));
    (x * scale, y)
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(initialize_parameters_cases());
    all.extend(initialize_parameters_deep_cases());
    all.extend(linear_forward_cases());
    all.extend(linear_activation_forward_cases());
    all.extend(l_model_forward_cases());
    all.extend(compute_cost_cases());
    all.extend(linear_backward_cases());
    all.extend(linear_activation_backward_cases());
    all.extend(l_model_backward_cases());
    all.extend(update_parameters_cases());
    all.extend(two_layer_model_cases());
    all.extend(l_layer_model_cases());
    all.extend(predict_cases());
    all.extend(training_loop_cases());
    all.extend(gradient_check_cases());
    all
}

fn initialize_parameters_cases() -> Vec<CaseSpec> {
    let f = "initialize_parameters";
    let case = |label: &str, note: &str, n_x: usize, n_h: usize, n_y: usize| {
        CaseSpec::unit(f, label, note).arg("n_x", n_x).arg("n_h", n_h).arg("n_y", n_y)
    };
    vec![
        // Notebook: W1 = [[0.01624345 -0.00611756 -0.00528172]
        //                 [-0.01072969 0.00865408 -0.02301539]], W2 = [[0.01744812 -0.00761207]].
        case("notebook", "the notebook's sizes (3, 2, 1)", 3, 2, 1),
        case("edge_single_hidden", "one hidden unit, three outputs", 4, 1, 3),
        case("edge_one_input", "one input feature, n_h > n_x", 1, 5, 2),
        case("sizes", "sizes all different (7, 5, 2): catches swapped dimensions", 7, 5, 2),
    ]
}

fn initialize_parameters_deep_cases() -> Vec<CaseSpec> {
    let f = "initialize_parameters_deep";
    let case = |label: &str, note: &str, dims: &[usize]| {
        CaseSpec::unit(f, label, note).arg("layer_dims", dims.to_vec())
    };
    vec![
        // Notebook: W1 starts [[0.01788628 0.0043651 0.00096497 -0.01863493 -0.00277388] ...],
        // W2 starts [[-0.01185047 -0.0020565 0.01486148 0.00236716] ...].
        case("notebook", "the notebook's layer_dims [5, 4, 3]", &[5, 4, 3]),
        case("edge_one_layer", "a single layer with a single unit: [4, 1]", &[4, 1]),
        case("edge_narrow", "a one-unit hidden layer in the middle: [3, 1, 4, 1]", &[3, 1, 4, 1]),
        case("deep5", "five layers [6, 5, 4, 3, 2, 1]: no hard-coded depth", &[6, 5, 4, 3, 2, 1]),
    ]
}

fn linear_forward_cases() -> Vec<CaseSpec> {
    let f = "linear_forward";
    let case = |label: &str, note: &str, a: Array2<f64>, w: Array2<f64>, b: Array2<f64>| {
        // Issue 10's missing bias: Z = W·A (every case's b is drawn, never zero).
        assert!(b.iter().all(|v| *v != 0.0), "{label}: a zero bias hides a missing one");
        CaseSpec::unit(f, label, note)
            .mistake("missing_bias", vec![("Z", w.dot(&a).into_value())])
            .arg("A", a)
            .arg("W", w)
            .arg("b", b)
            .unmodified(&["A", "W", "b"])
    };
    let mut out = Vec::new();

    // Original linear_forward_test_case(): seed 1, A (3,2), W (1,3), b (1,1);
    // the notebook prints Z = [[3.26295337 -1.23429987]].
    let mut rng = draws::notebook(1);
    let (a, w, b) = (rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1));
    out.push(case("notebook", "the notebook's test case", a, w, b));

    let mut rng = draws::own(11);
    let (a, w, b) = (rng.randn(4, 1), rng.randn(3, 4), rng.randn(3, 1));
    out.push(case("edge_m1", "one example (m = 1), three units", a, w, b));

    // n_l = m: a b added along the wrong axis still gives the right shape here.
    let mut rng = draws::own(12);
    let (a, w, b) = (rng.randn(4, 3), rng.randn(3, 4), rng.randn(3, 1));
    out.push(case("square_out", "n_l = m = 3: b must be added to every column", a, w, b));

    // A is a real ReLU output (with zeros) from the layer before.
    let n = net(13, &[3, 4, 2], 5);
    let (a1, _) = linear_activation_forward(&n.x, &n.parameters["W1"], &n.parameters["b1"], Activation::Relu);
    out.push(case(
        "pipeline",
        "A is the ReLU output of a previous layer",
        a1,
        n.parameters["W2"].clone(),
        n.parameters["b2"].clone(),
    ));
    out
}

fn linear_activation_forward_cases() -> Vec<CaseSpec> {
    let f = "linear_activation_forward";
    let case = |label: &str, note: &str, a_prev: Array2<f64>, w: Array2<f64>, b: Array2<f64>, act: &str| {
        // Issue 10's wrong activation: the other branch's activation (a
        // copy-pasted branch), as the reference computes it. Where every Z > 0
        // relu(Z) is Z, the output of a sigmoid branch that forgot its
        // activation: recorded only where some Z ≤ 0 tells the two apart.
        let (a, ((_, _, _), z)) = linear_activation_forward(&a_prev, &w, &b, other_activation(act));
        let mut spec = CaseSpec::unit(f, label, note);
        if act == "relu" || z.iter().any(|v| *v <= 0.0) {
            spec = spec.mistake("wrong_activation", vec![("A", a.into_value())]);
        }
        spec.arg("A_prev", a_prev)
            .arg("W", w)
            .arg("b", b)
            .arg("activation", act)
            .unmodified(&["A_prev", "W", "b"])
    };
    let mut out = Vec::new();

    // Original linear_activation_forward_test_case(): seed 2, A_prev (3,2), W (1,3), b (1,1);
    // the notebook prints sigmoid A = [[0.96890023 0.11013289]], relu A = [[3.43896131 0.]].
    let mut rng = draws::notebook(2);
    let (a, w, b) = (rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1));
    out.push(case(
        "notebook_sigmoid",
        "the notebook's test case, sigmoid",
        a.clone(),
        w.clone(),
        b.clone(),
        "sigmoid",
    ));
    out.push(case("notebook_relu", "the notebook's test case, relu (one Z < 0)", a, w, b, "relu"));

    let mut rng = draws::own(21);
    let (a, w, b) = (rng.randn(3, 1), rng.randn(1, 3), rng.randn(1, 1));
    out.push(case("edge_m1_sigmoid", "one example, one output unit, sigmoid", a, w, b, "sigmoid"));

    // Its note counts the Z < 0 of these draws: kept in hidden sets.
    let mut rng = NumpyRng::new(27);
    let (a, w, b) = (rng.randn(2, 1), rng.randn(4, 2), rng.randn(4, 1));
    out.push(case("edge_m1_relu", "one example, four units, relu (two Z < 0)", a, w, b, "relu"));

    // A consistent two-step pipeline: the relu layer's output feeds the sigmoid layer.
    let n = net(23, &[4, 5, 3, 1], 6);
    let p = &n.parameters;
    let (a1, _) = linear_activation_forward(&n.x, &p["W1"], &p["b1"], Activation::Relu);
    let (a2, _) = linear_activation_forward(&a1, &p["W2"], &p["b2"], Activation::Relu);
    out.push(case(
        "pipeline_relu",
        "hidden layer 2 of a real forward pass, relu",
        a1,
        p["W2"].clone(),
        p["b2"].clone(),
        "relu",
    ));
    out.push(case(
        "pipeline_sigmoid",
        "output layer of the same forward pass, sigmoid",
        a2,
        p["W3"].clone(),
        p["b3"].clone(),
        "sigmoid",
    ));
    out
}

fn l_model_forward_cases() -> Vec<CaseSpec> {
    let f = "l_model_forward";
    let unit = |label: &str, note: &str, x: Array2<f64>, p: Parameters| {
        let case = CaseSpec::unit(f, label, note);
        forward_slips(case, &x, &p).arg("X", x).arg("parameters", p).unmodified(&["X", "parameters"])
    };
    let integration = |label: &str, note: &str, x: Array2<f64>, p: Parameters| {
        let case = CaseSpec::integration(f, label, note);
        forward_slips(case, &x, &p)
            .arg("X", x)
            .arg("parameters", p)
            .unmodified(&["X", "parameters"])
    };
    let mut out = Vec::new();

    // The first version of the notebook's L_model_forward_test_case(): seed 1,
    // X (4,2), a 2-layer network; it printed AL = [[0.17007265 0.2524272]].
    let mut rng = draws::notebook(1);
    let x = rng.randn(4, 2);
    let (w1, b1, w2, b2) = (rng.randn(3, 4), rng.randn(3, 1), rng.randn(1, 3), rng.randn(1, 1));
    out.push(unit(
        "notebook_2layer",
        "the notebook's 2-layer test case",
        x,
        params(vec![(w1, b1), (w2, b2)]),
    ));

    let n = net(31, &[3, 1], 5);
    out.push(unit("edge_one_layer", "L = 1: a single sigmoid layer, no relu at all", n.x, n.parameters));

    let n = net(32, &[3, 1, 2, 1], 1);
    out.push(unit("edge_m1", "one example, a one-unit hidden layer", n.x, n.parameters));

    let (x, p) = notebook_forward_3layer();
    out.push(integration("notebook", "the notebook's 3-layer test case (2 hidden layers)", x, p));

    let n = net(33, &[6, 5, 4, 4, 3, 1], 8);
    out.push(integration("deep5", "five layers, caches for every layer", n.x, n.parameters));
    out
}

fn compute_cost_cases() -> Vec<CaseSpec> {
    let f = "compute_cost";
    let case = |label: &str, note: &str, al: Array2<f64>, y: Array2<f64>| {
        CaseSpec::unit(f, label, note).arg("AL", al).arg("Y", y).unmodified(&["AL", "Y"])
    };
    let mut out = Vec::new();
    // Original compute_cost_test_case(): the notebook prints cost = 0.2797765635793422.
    out.push(case("notebook", "the notebook's test case", array![[0.8, 0.9, 0.4]], array![[1.0, 1.0, 0.0]]));
    out.push(case("edge_m1", "one example with label 0", array![[0.3]], array![[0.0]]));

    let n = net(34, &[4, 3, 1], 10);
    let (al, _) = l_model_forward(&n.x, &n.parameters);
    out.push(case("pipeline", "AL from a real forward pass, m = 10", al, n.y));

    let mut rng = draws::own(35);
    let al = rng.rand(1, 7).mapv(|u| 0.02 + 0.96 * u);
    let y = array![[0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]];
    out.push(case("mixed", "m = 7, both labels: catches a missing 1/m or (1 - Y) term", al, y));
    out
}

fn linear_backward_cases() -> Vec<CaseSpec> {
    let f = "linear_backward";
    let case = |label: &str, note: &str, dz: Array2<f64>, cache: LinearCache| {
        CaseSpec::unit(f, label, note).arg("dZ", dz).arg("cache", cache).unmodified(&["dZ", "cache"])
    };
    let mut out = Vec::new();

    // Current notebook's linear_backward_test_case(): seed 1, dZ (3,4), A (5,4), W (3,5), b (3,1);
    // it prints db = [[-0.14713786] [-0.11313155] [-0.13209101]].
    let mut rng = draws::notebook(1);
    let dz = rng.randn(3, 4);
    let cache = (rng.randn(5, 4), rng.randn(3, 5), rng.randn(3, 1));
    out.push(case("notebook", "the notebook's test case", dz, cache));

    // First notebook version: seed 1, dZ (1,2), A (3,2), W (1,3), b (1,1);
    // it printed dW = [[-0.10076895 1.40685096 1.64992505]], db = [[0.50629448]].
    let mut rng = draws::notebook(1);
    let dz = rng.randn(1, 2);
    let cache = (rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1));
    out.push(case("notebook_v1", "the first notebook version's test case", dz, cache));

    let mut rng = draws::own(41);
    let dz = rng.randn(1, 1);
    let cache = (rng.randn(3, 1), rng.randn(1, 3), rng.randn(1, 1));
    out.push(case("edge_m1", "one example, one unit", dz, cache));

    // dZ1 of a real backward pass, with the layer's real cache.
    let n = net(42, &[3, 4, 1], 5);
    let (al, caches) = l_model_forward(&n.x, &n.parameters);
    let (da1, _, _) = linear_activation_backward(&d_al(&al, &n.y), &caches[1], Activation::Sigmoid);
    let dz1 = relu_backward(&da1, &caches[0].1);
    out.push(case("pipeline", "dZ and cache of hidden layer 1 of a real pass", dz1, caches[0].0.clone()));
    out
}

fn linear_activation_backward_cases() -> Vec<CaseSpec> {
    let f = "linear_activation_backward";
    let case = |label: &str, note: &str, da: Array2<f64>, cache: Cache, act: &str| {
        // Issue 10's wrong activation: the other branch's backward pass. Where
        // every Z > 0 relu_backward passes dA unchanged, which is also a sigmoid
        // branch that forgot σ'(Z) (seeded bug lab_sigmoid_no_derivative):
        // recorded only where some Z ≤ 0 tells the two apart.
        let (da_prev, dw, db) = linear_activation_backward(&da, &cache, other_activation(act));
        let slip = vec![("dA_prev", da_prev.into_value()), ("dW", dw.into_value()), ("db", db.into_value())];
        let mut spec = CaseSpec::unit(f, label, note);
        if act == "relu" || cache.1.iter().any(|v| *v <= 0.0) {
            spec = spec.mistake("wrong_activation", slip);
        }
        spec.arg("dA", da)
            .arg("cache", cache)
            .arg("activation", act)
            .unmodified(&["dA", "cache"])
    };
    let mut out = Vec::new();

    // The draws of the original linear_activation_backward_test_case() (seed 2:
    // dA (1,2), A (3,2), W (1,3), b (1,1), then Z (1,2)), except that the
    // original's Z is an independent fifth draw (Z ≠ W·A + b), which rejects a
    // correct implementation that recomputes Z from the linear cache. Here the
    // fifth draw is discarded and Z = W·A + b. (On the original inputs the
    // reference prints sigmoid db = [[-0.05729622]], relu db = [[-0.20837892]],
    // as the notebook does.)
    let mut rng = draws::notebook(2);
    let da = rng.randn(1, 2);
    let (a_prev, w, b) = (rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1));
    let _z_drawn = rng.randn(1, 2);
    let (_, sigmoid_cache) = linear_activation_forward(&a_prev, &w, &b, Activation::Sigmoid);
    let (_, relu_cache) = linear_activation_forward(&a_prev, &w, &b, Activation::Relu);
    out.push(case(
        "notebook_sigmoid",
        "the notebook's draws with a consistent Z, sigmoid",
        da.clone(),
        sigmoid_cache,
        "sigmoid",
    ));
    out.push(case("notebook_relu", "the notebook's draws with a consistent Z, relu", da, relu_cache, "relu"));

    // One example through one sigmoid unit, with dA from a real cost.
    let mut rng = draws::own(51);
    let (a_prev, w, b) = (rng.randn(3, 1), rng.randn(1, 3), rng.randn(1, 1));
    let (al, cache) = linear_activation_forward(&a_prev, &w, &b, Activation::Sigmoid);
    let y = array![[1.0]];
    out.push(case(
        "edge_m1_sigmoid",
        "one example, one sigmoid unit, dA from the cost",
        d_al(&al, &y),
        cache,
        "sigmoid",
    ));

    // A one-unit relu hidden layer, dA from the real layer above.
    let n = net(52, &[3, 1, 1], 4);
    let (al, caches) = l_model_forward(&n.x, &n.parameters);
    let (da1, _, _) = linear_activation_backward(&d_al(&al, &n.y), &caches[1], Activation::Sigmoid);
    out.push(case(
        "edge_single_unit_relu",
        "a one-unit relu layer of a real pass",
        da1,
        caches[0].clone(),
        "relu",
    ));

    // Consistent caches from a real 3-layer forward pass.
    let n = net(53, &[4, 5, 3, 1], 6);
    let (al, caches) = l_model_forward(&n.x, &n.parameters);
    let dal = d_al(&al, &n.y);
    let (da2, _, _) = linear_activation_backward(&dal, &caches[2], Activation::Sigmoid);
    out.push(case(
        "pipeline_sigmoid",
        "output layer of a real pass, dA from the cost",
        dal,
        caches[2].clone(),
        "sigmoid",
    ));
    out.push(case(
        "pipeline_relu",
        "hidden layer 2 of the same pass, dA from layer 3",
        da2,
        caches[1].clone(),
        "relu",
    ));
    out
}

fn l_model_backward_cases() -> Vec<CaseSpec> {
    let f = "l_model_backward";
    let mut out = Vec::new();
    let from_forward = |kind: fn(&str, &str, &str) -> CaseSpec,
                        label: &str,
                        note: &str,
                        x: &Array2<f64>,
                        y: Array2<f64>,
                        p: &Parameters| {
        let (al, caches) = l_model_forward(x, p);
        backward_slips(kind(f, label, note), &al, &y, &caches)
            .arg("AL", al)
            .arg("Y", y)
            .arg("caches", caches)
            .unmodified(&["AL", "Y", "caches"])
    };

    // Shaped like the original L_model_backward_test_case() (seed 3, same draws in
    // the same order, so W1, b1, A1 = X, W2, b2 are the original's), but AL, Z1,
    // A2 and Z2 are computed by a real forward pass instead of being independent
    // draws: with the original's random AL, the equally correct dZL = AL − Y
    // would be rejected.
    let mut rng = draws::notebook(3);
    let _al_drawn = rng.randn(1, 2);
    let y = array![[1.0, 0.0]];
    let a1 = rng.randn(4, 2);
    let w1 = rng.randn(3, 4);
    let b1 = rng.randn(3, 1);
    let _z1_drawn = rng.randn(3, 2);
    let _a2_drawn = rng.randn(3, 2);
    let w2 = rng.randn(1, 3);
    let b2 = rng.randn(1, 1);
    let p = params(vec![(w1, b1), (w2, b2)]);
    out.push(from_forward(
        CaseSpec::unit,
        "notebook",
        "the notebook's 2-layer shapes, consistent caches",
        &a1,
        y,
        &p,
    ));

    let n = net(61, &[3, 1], 1);
    out.push(from_forward(
        CaseSpec::unit,
        "edge_one_layer",
        "L = 1, one example: only the sigmoid layer",
        &n.x,
        array![[1.0]],
        &n.parameters,
    ));

    let n = net(62, &[4, 1, 1], 5);
    out.push(from_forward(
        CaseSpec::unit,
        "edge_single_hidden",
        "a one-unit relu hidden layer",
        &n.x,
        n.y.clone(),
        &n.parameters,
    ));

    let n = net(63, &[5, 3, 2, 1], 7);
    out.push(from_forward(
        CaseSpec::unit,
        "pipeline",
        "3 layers, caches of a real forward pass",
        &n.x,
        n.y.clone(),
        &n.parameters,
    ));

    let (x, p) = notebook_forward_3layer();
    out.push(from_forward(
        CaseSpec::integration,
        "notebook_forward",
        "backward through the notebook's 3-layer forward pass",
        &x,
        array![[1.0, 0.0, 1.0, 1.0]],
        &p,
    ));

    let n = net(33, &[6, 5, 4, 4, 3, 1], 8);
    out.push(from_forward(
        CaseSpec::integration,
        "deep5",
        "backward through a 5-layer forward pass",
        &n.x,
        n.y.clone(),
        &n.parameters,
    ));
    out
}

fn update_parameters_cases() -> Vec<CaseSpec> {
    let f = "update_parameters";
    let case = |label: &str, note: &str, p: Parameters, g: Grads, lr: f64| {
        CaseSpec::unit(f, label, note)
            .arg("parameters", p)
            .arg("grads", g)
            .arg("learning_rate", lr)
            .unmodified(&["parameters", "grads"])
    };
    let mut out = Vec::new();

    // Original update_parameters_test_case(): parameters from seed 2, grads from seed 3,
    // learning rate 0.1; the notebook prints W2 = [[-0.55569196 0.0354055 1.32964895]],
    // b2 = [[-0.84610769]].
    let mut rng = draws::notebook(2);
    let p = params(vec![(rng.randn(3, 4), rng.randn(3, 1)), (rng.randn(1, 3), rng.randn(1, 1))]);
    let mut rng = draws::notebook(3);
    let g = grads_of(vec![(rng.randn(3, 4), rng.randn(3, 1)), (rng.randn(1, 3), rng.randn(1, 1))]);
    out.push(case("notebook", "the notebook's test case, learning rate 0.1", p, g, 0.1));

    let mut rng = draws::own(71);
    let p = params(vec![(rng.randn(1, 3), rng.randn(1, 1))]);
    let mut g = grads_of(vec![(rng.randn(1, 3), rng.randn(1, 1))]);
    g.insert("dA0".into(), rng.randn(3, 2));
    out.push(case("edge_one_layer", "a single one-unit layer, learning rate 0.0075", p, g, 0.0075));

    // Real gradients (with their dA entries) for the same parameters.
    let n = net(72, &[4, 3, 2, 1], 6);
    let (al, caches) = l_model_forward(&n.x, &n.parameters);
    let g = l_model_backward(&al, &n.y, &caches);
    out.push(case(
        "pipeline",
        "3 layers, grads from a real backward pass, learning rate 0.3",
        n.parameters,
        g,
        0.3,
    ));
    out
}

// ---------------------------------------------------------------------------
// app.rs: the application on the digits
// ---------------------------------------------------------------------------

/// The original `two_layer_model` / `L_layer_model` default learning rate
/// (what a hard-coded value would most likely be).
const APP_DEFAULT_LEARNING_RATE: f64 = 0.0075;
/// The original models' default number of iterations.
const APP_DEFAULT_ITERATIONS: usize = 3000;

/// Week 1's preprocessing (the reference `flatten_images`: NumPy's
/// `images.reshape(m, -1).T / 16`): one image per column, pixels row by row.
fn flatten(images: &Array3<f64>) -> Array2<f64> {
    let (m, h, w) = images.dim();
    images.to_shape((m, h * w)).expect("same size").t().to_owned() / dlc::data::DIGITS_PIXEL_MAX
}

/// The first `m_train` training and `m_test` test digits for "is it a
/// `positive`?", flattened: (X_train, Y_train, X_test, Y_test).
fn digits_xy(positive: u8, m_train: usize, m_test: usize) -> (Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>) {
    let set = digits(positive).expect("the vendored digits load");
    (
        flatten(&set.train_x.slice(s![..m_train, .., ..]).to_owned()),
        set.train_y.slice(s![.., ..m_train]).to_owned(),
        flatten(&set.test_x.slice(s![..m_test, .., ..]).to_owned()),
        set.test_y.slice(s![.., ..m_test]).to_owned(),
    )
}

/// Small synthetic data: X (n_x, m) = `scale`·randn, Y = 1 where
/// x₀ + 0.5·x₁ > 0 (both classes forced when m > 1).
fn small_data(seed: u32, n_x: usize, m: usize, scale: f64) -> (Array2<f64>, Array2<f64>) {
    let mut rng = draws::own(seed);
    let x = rng.randn(n_x, m) * scale;
    let mut y = Array2::from_shape_fn((1, m), |(_, j)| {
        let second = if n_x > 1 { x[[1, j]] } else { 0.0 };
        f64::from(x[[0, j]] + 0.5 * second > 0.0)
    });
    if m > 1 {
        y[[0, 0]] = 1.0;
        y[[0, 1]] = 0.0;
    }
    (x, y)
}

/// The outputs of known mistakes in a training loop, computed with the
/// reference: the original's default learning rate or iteration count instead
/// of the arguments and, on the integration cases, updates that never reach
/// the next iteration (every cost is then the first one). That last signature
/// is left off the small unit cases: there a network stalled by a wrong
/// gradient (exactly zero) would match it too and be misnamed.
fn model_mistakes(case: CaseSpec, train: impl Fn(f64, usize) -> Vec<f64>, lr: f64, iterations: usize) -> CaseSpec {
    let costs = train(lr, iterations);
    let stuck = vec![costs[0]; costs.len()];
    let case = case
        .mistake("hardcoded_learning_rate", vec![("costs", train(APP_DEFAULT_LEARNING_RATE, iterations).into_value())])
        .mistake("hardcoded_iterations", vec![("costs", train(lr, APP_DEFAULT_ITERATIONS).into_value())]);
    if case.kind == CaseKind::Integration {
        case.mistake("no_update_carried", vec![("costs", stuck.into_value())])
    } else {
        case
    }
}

fn two_layer_model_cases() -> Vec<CaseSpec> {
    let f = "two_layer_model";
    let spec = |kind: fn(&str, &str, &str) -> CaseSpec,
                label: &str,
                note: &str,
                (x, y): (Array2<f64>, Array2<f64>),
                dims: (usize, usize, usize),
                lr: f64,
                iterations: usize| {
        let mistakes = {
            let (x, y) = (x.clone(), y.clone());
            move |lr: f64, n: usize| two_layer_model(&x, &y, dims, lr, n).1
        };
        let case = kind(f, label, note)
            .arg("X", x)
            .arg("Y", y)
            .arg("layers_dims", (dims.0, dims.1, dims.2))
            .arg("learning_rate", lr)
            .arg("num_iterations", iterations)
            .trajectory("costs")
            .recorded_every(100, dlc::protocol::StepUnit::Iteration)
            .unmodified(&["X", "Y"]);
        model_mistakes(case, mistakes, lr, iterations)
    };
    vec![
        spec(
            CaseSpec::unit,
            "small",
            "(3, 4, 1) on eight examples, 250 iterations at 0.5",
            small_data(81, 3, 8, 4.0),
            (3, 4, 1),
            0.5,
            250,
        ),
        spec(
            CaseSpec::unit,
            "edge_m1",
            "one example, one hidden unit (2, 1, 1), 120 iterations at 0.3",
            small_data(82, 2, 1, 4.0),
            (2, 1, 1),
            0.3,
            120,
        ),
        spec(
            CaseSpec::unit,
            "edge_wide",
            "more hidden units than inputs (2, 6, 1), 300 iterations at 0.9",
            small_data(83, 2, 10, 5.0),
            (2, 6, 1),
            0.9,
            300,
        ),
        spec(
            CaseSpec::integration,
            "digits",
            "(64, 7, 1) on 150 digits (is it an 8?), 600 iterations at 1.0",
            {
                let (x, y, _, _) = digits_xy(8, 150, 1);
                (x, y)
            },
            (64, 7, 1),
            1.0,
            600,
        ),
        spec(
            CaseSpec::integration,
            "digits_three",
            "(64, 5, 1) on 120 digits (is it a 3?), 500 iterations at 0.75",
            {
                let (x, y, _, _) = digits_xy(3, 120, 1);
                (x, y)
            },
            (64, 5, 1),
            0.75,
            500,
        ),
    ]
}

fn l_layer_model_cases() -> Vec<CaseSpec> {
    let f = "l_layer_model";
    let spec = |kind: fn(&str, &str, &str) -> CaseSpec,
                label: &str,
                note: &str,
                (x, y): (Array2<f64>, Array2<f64>),
                dims: &[usize],
                lr: f64,
                iterations: usize| {
        let mistakes = {
            let (x, y, dims) = (x.clone(), y.clone(), dims.to_vec());
            move |lr: f64, n: usize| l_layer_model(&x, &y, &dims, lr, n).1
        };
        let case = kind(f, label, note)
            .arg("X", x)
            .arg("Y", y)
            .arg("layers_dims", dims.to_vec())
            .arg("learning_rate", lr)
            .arg("num_iterations", iterations)
            .trajectory("costs")
            .recorded_every(100, dlc::protocol::StepUnit::Iteration)
            .unmodified(&["X", "Y"]);
        model_mistakes(case, mistakes, lr, iterations)
    };
    vec![
        spec(
            CaseSpec::unit,
            "small",
            "[3, 4, 1] on eight examples, 250 iterations at 0.5",
            small_data(91, 3, 8, 4.0),
            &[3, 4, 1],
            0.5,
            250,
        ),
        spec(
            CaseSpec::unit,
            "edge_one_layer",
            "L = 1, [4, 1]: logistic regression, 200 iterations at 0.9",
            small_data(92, 4, 6, 1.0),
            &[4, 1],
            0.9,
            200,
        ),
        spec(
            CaseSpec::unit,
            "edge_m1",
            "one example, [2, 4, 1], 150 iterations at 0.2",
            small_data(93, 2, 1, 20.0),
            &[2, 4, 1],
            0.2,
            150,
        ),
        spec(
            CaseSpec::integration,
            "digits",
            "[64, 16, 8, 1] on 100 digits (is it an 8?), 600 iterations at 1.0",
            {
                let (x, y, _, _) = digits_xy(8, 100, 1);
                (x, y)
            },
            &[64, 16, 8, 1],
            1.0,
            600,
        ),
        spec(
            CaseSpec::integration,
            "digits_three",
            "[64, 10, 5, 1] on 120 digits (is it a 3?), 600 iterations at 1.0",
            {
                let (x, y, _, _) = digits_xy(3, 120, 1);
                (x, y)
            },
            &[64, 10, 5, 1],
            1.0,
            600,
        ),
    ]
}

fn predict_cases() -> Vec<CaseSpec> {
    let f = "predict";
    let case = |label: &str, note: &str, x: Array2<f64>, p: Parameters| {
        CaseSpec::unit(f, label, note).arg("X", x).arg("parameters", p).unmodified(&["X", "parameters"])
    };
    let mut out = Vec::new();
    let n = net(104, &[3, 4, 1], 7);
    out.push(case("small", "a 2-layer network on seven examples", n.x, n.parameters));
    let n = net(102, &[4, 1], 1);
    out.push(case("edge_one_layer_m1", "L = 1 and a single example", n.x, n.parameters));
    // σ(0) = 0.5 exactly: not > 0.5, so every prediction is 0.
    let (x, _, _, _) = digits_xy(8, 5, 1);
    let zeros = params(vec![
        (Array2::zeros((3, 64)), Array2::zeros((3, 1))),
        (Array2::zeros((1, 3)), Array2::zeros((1, 1))),
    ]);
    out.push(
        case("threshold", "zero parameters: every output is exactly 0.5, which is not > 0.5", x, zeros)
            .tolerance(1e-7, 0.0)
            .mistake("probability_0.5_counted_as_1", vec![("p", Array2::<f64>::ones((1, 5)).into_value())]),
    );
    let (x, y, x_test, _) = digits_xy(8, 100, 40);
    let (trained, _) = l_layer_model(&x, &y, &[64, 16, 8, 1], 1.0, 600);
    out.push(case(
        "digits",
        "a [64, 16, 8, 1] network trained on 100 digits, predicting 40 test digits",
        x_test,
        trained,
    ));
    out
}

fn training_loop_cases() -> Vec<CaseSpec> {
    let f = "training_loop";
    let case =
        |label: &str, note: &str, scale: f64, dims: &[usize], lr: f64, iterations: usize, every: usize| {
            let (x, y) = training_data(scale);
            CaseSpec::integration(f, label, note)
                .arg("X", x)
                .arg("Y", y)
                .arg("layer_dims", dims.to_vec())
                .arg("learning_rate", lr)
                .arg("num_iterations", iterations)
                .arg("print_every", every)
                .trajectory("costs")
                .recorded_every(every, dlc::protocol::StepUnit::Iteration)
                .unmodified(&["X", "Y"])
        };
    // With the 0.01 initialisation a deep network starts on a plateau where only
    // the output bias learns; inputs on a raw scale of 10–50 and these learning
    // rates make the runs leave it within the iterations, so that every layer's
    // gradient shows in the costs (0.693 → about 0.002 and 0.001).
    vec![
        case(
            "three_layer",
            "train [4, 8, 6, 1] for 300 iterations with your functions",
            10.0,
            &[4, 8, 6, 1],
            0.3,
            300,
            25,
        ),
        case(
            "four_layer",
            "train [4, 20, 12, 8, 1] for 200 iterations with your functions",
            50.0,
            &[4, 20, 12, 8, 1],
            0.5,
            200,
            10,
        ),
    ]
}

fn gradient_check_cases() -> Vec<CaseSpec> {
    let f = "gradient_check";
    let case = |label: &str, note: &str, seed: u32, dims: &[usize], m: usize| {
        let n = net(seed, dims, m);
        CaseSpec::integration(f, label, note)
            .arg("X", n.x)
            .arg("Y", n.y)
            .arg("parameters", n.parameters)
            .arg("epsilon", 1e-6)
            .evidence(&["relative_differences"])
            .unmodified(&["X", "Y", "parameters"])
    };
    vec![
        case("three_layer", "your backward pass against numerical gradients of your forward pass: [4, 5, 3, 1]", 21, &[4, 5, 3, 1], 6),
        case("five_layer", "the same check on a 5-layer network: [3, 6, 5, 4, 2, 1]", 22, &[3, 6, 5, 4, 2, 1], 5),
    ]
}
