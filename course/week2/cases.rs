//! Week 2 (c1w3) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week2 cases <file>`).
//!
//! Case inputs follow three rules (see the curriculum's list of failure modes):
//! every input is drawn fresh for its case, pipeline inputs (caches, grads,
//! trained parameters) come from the real forward/backward pass on the same
//! data, so that every mathematically correct implementation agrees (the
//! original's backward test used a cache whose A1 was not tanh(Z1), so the
//! correct `1 − tanh(Z1)²` failed while `1 − A1²` passed), and no case leaves
//! every argument at its default (learning rate 1.2, n_h = 4).

use dlc::protocol::CaseSpec;
use dlc::{IntoValue, NumpyRng, draws};
use ndarray::{Array2, Axis, array};

use crate::planar::{Cache, Grads, Parameters, backward_propagation, forward_propagation, nn_model};

// ---------------------------------------------------------------------------
// Helpers to build case inputs
// ---------------------------------------------------------------------------

/// The original's default learning rate (`update_parameters(..., learning_rate = 1.2)`).
const DEFAULT_LEARNING_RATE: f64 = 1.2;

/// The hidden layer size `layer_sizes` returns (the original hard-codes 4).
const LAYER_SIZES_N_H: usize = 4;

fn params(w1: Array2<f64>, b1: Array2<f64>, w2: Array2<f64>, b2: Array2<f64>) -> Parameters {
    Parameters::from([("W1".into(), w1), ("b1".into(), b1), ("W2".into(), w2), ("b2".into(), b2)])
}

fn grads_of(dw1: Array2<f64>, db1: Array2<f64>, dw2: Array2<f64>, db2: Array2<f64>) -> Grads {
    Grads::from([("dW1".into(), dw1), ("db1".into(), db1), ("dW2".into(), dw2), ("db2".into(), db2)])
}

/// Every `step`-th point of the course's planar data set `planar(1, 400)`,
/// starting at `offset`: both classes, in the data set's order (class 0 first).
fn planar_subset(step: usize, offset: usize) -> (Array2<f64>, Array2<f64>) {
    let (x, y) = dlc::data::planar(1, 400);
    let cols: Vec<usize> = (offset..400).step_by(step).collect();
    (x.select(Axis(1), &cols), y.select(Axis(1), &cols))
}

/// Parameters of a network the reference trained on `planar_subset(step,
/// offset)`: weights of order 1, tanh units partly saturated, a real state
/// in the middle of training.
fn trained(n_h: usize, iterations: usize, step: usize, offset: usize) -> Parameters {
    let (x, y) = planar_subset(step, offset);
    nn_model(&x, &y, n_h, iterations, 1.0).0
}

/// Well-scaled random parameters (W ~ randn, b ~ 0.5·randn), so that tanh is
/// far from linear and a wrong activation shows.
fn random_params(rng: &mut NumpyRng, n_x: usize, n_h: usize, n_y: usize) -> Parameters {
    let w1 = rng.randn(n_h, n_x);
    let b1 = rng.randn(n_h, 1) * 0.5;
    let w2 = rng.randn(n_y, n_h);
    let b2 = rng.randn(n_y, 1) * 0.5;
    params(w1, b1, w2, b2)
}

/// W1 (4, 2) and W2 (1, 4) as the original's test cases print them: the
/// draws of `np.random.seed(2)`, `randn(4, 2) * 0.01`, `randn(1, 4) * 0.01`
/// (the test cases list them rounded to 8 digits; these are the exact draws).
fn notebook_weights() -> (Array2<f64>, Array2<f64>) {
    let mut rng = draws::notebook(2);
    let w1 = rng.randn(4, 2) * 0.01;
    let w2 = rng.randn(1, 4) * 0.01;
    (w1, w2)
}

/// The parameters of the original's `update_parameters_test_case()` and
/// `predict_test_case()` (a network after some training), as printed there.
fn notebook_trained_params() -> Parameters {
    params(
        array![[-0.00615039, 0.0169021], [-0.02311792, 0.03137121], [-0.0169217, -0.01752545], [0.00935436, -0.05018221]],
        array![[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]],
        array![[-0.0104319, -0.04019007, 0.01607211, 0.04440255]],
        array![[9.14954378e-05]],
    )
}

/// The known mistake `tanh_derivative_without_square`: the backward pass with
/// g′(Z1) written as 1 − A1 instead of 1 − A1².
fn backward_with_tanh_derivative_without_square(p: &Parameters, cache: &Cache, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let mut grads = backward_propagation(p, cache, x, y);
    let m = x.ncols() as f64;
    let dz2 = &cache["A2"] - y;
    let dz1 = p["W2"].t().dot(&dz2) * &(1.0 - &cache["A1"]);
    grads.insert("dW1".into(), dz1.dot(&x.t()) / m);
    grads.insert("db1".into(), dz1.sum_axis(Axis(1)).insert_axis(Axis(1)) / m);
    grads
}

fn labels(rng: &mut NumpyRng, m: usize) -> Array2<f64> {
    rng.randn(1, m).mapv(|v| f64::from(v > 0.0))
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(layer_sizes_cases());
    all.extend(initialize_parameters_cases());
    all.extend(forward_propagation_cases());
    all.extend(compute_cost_cases());
    all.extend(backward_propagation_cases());
    all.extend(update_parameters_cases());
    all.extend(nn_model_cases());
    all.extend(predict_cases());
    all
}

fn layer_sizes_cases() -> Vec<CaseSpec> {
    let f = "layer_sizes";
    let case = |label: &str, note: &str, x: Array2<f64>, y: Array2<f64>| {
        CaseSpec::unit(f, label, note).arg("X", x).arg("Y", y).unmodified(&["X", "Y"])
    };
    let mut out = Vec::new();
    // Original layer_sizes_test_case(): seed 1, X (5, 3), Y (2, 3);
    // the notebook prints n_x = 5, n_h = 4, n_y = 2.
    let mut rng = draws::notebook(1);
    let (x, y) = (rng.randn(5, 3), rng.randn(2, 3));
    out.push(case("notebook", "the notebook's test case: X (5, 3), Y (2, 3)", x, y));
    let mut rng = draws::own(11);
    let (x, y) = (rng.randn(2, 1), array![[1.0]]);
    out.push(case("edge_m1", "one example: X (2, 1), Y (1, 1)", x, y));
    let mut rng = draws::own(12);
    let (x, y) = (rng.randn(7, 2), rng.randn(3, 2));
    out.push(case("wide", "more features than examples: X (7, 2), Y (3, 2)", x, y));
    let (x, y) = dlc::data::planar(1, 400);
    out.push(case("planar", "the course's data set: X (2, 400), Y (1, 400)", x, y));
    out
}

fn initialize_parameters_cases() -> Vec<CaseSpec> {
    let f = "initialize_parameters";
    let case = |label: &str, note: &str, n_x: usize, n_h: usize, n_y: usize, seed: usize| {
        CaseSpec::unit(f, label, note).arg("n_x", n_x).arg("n_h", n_h).arg("n_y", n_y).arg("seed", seed)
    };
    vec![
        // Notebook (np.random.seed(2) before the call): W1 = [[-0.00416758 -0.00056267]
        // [-0.02136196 0.01640271] [-0.01793436 -0.00841747] [0.00502881 -0.01245288]],
        // W2 = [[-0.01057952 -0.00909008 0.00551454 0.02292208]].
        case("notebook", "the notebook's sizes (2, 4, 1), generator seeded with 2", 2, 4, 1, 2),
        case("edge_single_hidden", "one hidden unit, two outputs, seed 5", 3, 1, 2, 5),
        case("edge_one_input", "one input feature, five hidden units, seed 7", 1, 5, 1, 7),
        case("sizes", "sizes all different (4, 6, 3), seed 3: catches swapped dimensions", 4, 6, 3, 3),
    ]
}

fn forward_propagation_cases() -> Vec<CaseSpec> {
    let f = "forward_propagation";
    let case = |label: &str, note: &str, x: Array2<f64>, p: Parameters| {
        // Issue 10's missing bias, in either layer: the reference's forward pass
        // with that bias zeroed (W·X + 0 is W·X bit for bit). Recorded only
        // where it moves A2, so that it never names an unrelated failure.
        let (expected, _) = forward_propagation(&x, &p);
        let mut spec = CaseSpec::unit(f, label, note);
        for b in ["b1", "b2"] {
            let mut without = p.clone();
            without.insert(b.to_string(), Array2::zeros(p[b].raw_dim()));
            let (a2, _) = forward_propagation(&x, &without);
            if a2 != expected {
                spec = spec.mistake("missing_bias", vec![("A2", a2.into_value())]);
            }
        }
        // Issue 10's wrong activations: relu in the output layer where sigmoid
        // belongs, relu in the hidden layer where tanh belongs (A2 as the
        // reference's operations give it with that slip).
        let relu = |z: Array2<f64>| z.mapv(|v| v.max(0.0));
        let z1 = p["W1"].dot(&x) + &p["b1"];
        let a1 = z1.mapv(f64::tanh);
        let z2 = p["W2"].dot(&a1) + &p["b2"];
        // relu(Z2) is Z2 where every Z2 > 0 (an output with no activation at
        // all): relu there is named only where some Z2 ≤ 0 tells them apart.
        let telling = z2.iter().any(|v| *v <= 0.0);
        let output_relu = relu(z2);
        let hidden_relu = dlc::nn::sigmoid(&(p["W2"].dot(&relu(z1)) + &p["b2"]));
        for (id, a2) in [("relu_last_layer", output_relu), ("hidden_relu_not_tanh", hidden_relu)] {
            if a2 != expected && (telling || id != "relu_last_layer") {
                spec = spec.mistake(id, vec![("A2", a2.into_value())]);
            }
        }
        spec.arg("X", x).arg("parameters", p).unmodified(&["X", "parameters"])
    };
    let mut out = Vec::new();

    // Original forward_propagation_test_case(): seed 1, X (2, 3), b1 = randn(4, 1),
    // b2 = [[-1.3]], the seed-2 weights; the notebook prints
    // A2 = [[0.21292656 0.21274673 0.21295976]].
    let mut rng = draws::notebook(1);
    let x = rng.randn(2, 3);
    let b1 = rng.randn(4, 1);
    let (w1, w2) = notebook_weights();
    out.push(case("notebook", "the notebook's test case", x, params(w1, b1, w2, array![[-1.3]])));

    let mut rng = draws::own(21);
    let x = rng.randn(3, 1);
    let p = random_params(&mut rng, 3, 1, 1);
    out.push(case("edge_m1", "one example, one hidden unit, weights of order 1", x, p));

    let mut rng = draws::own(22);
    let x = rng.randn(3, 4) * 2.0;
    let p = random_params(&mut rng, 3, 5, 2);
    out.push(case("wide", "n_x = 3, n_h = 5, n_y = 2, m = 4: tanh far from linear", x, p));

    let (x, _) = planar_subset(40, 7);
    out.push(case("pipeline", "10 planar points, parameters after 300 training steps", x, trained(4, 300, 5, 0)));
    out
}

fn compute_cost_cases() -> Vec<CaseSpec> {
    let f = "compute_cost";
    let case = |label: &str, note: &str, a2: Array2<f64>, y: Array2<f64>| {
        CaseSpec::unit(f, label, note).arg("A2", a2).arg("Y", y).unmodified(&["A2", "Y"])
    };
    let mut out = Vec::new();

    // Original compute_cost_test_case(): Y = randn(1, 3) > 0 with seed 1 ([[1, 0, 0]]),
    // A2 = [[0.5002307, 0.49985831, 0.50023963]]; the notebook prints cost = 0.6930587610394646.
    let mut rng = draws::notebook(1);
    let y = labels(&mut rng, 3);
    out.push(case("notebook", "the notebook's test case", array![[0.5002307, 0.49985831, 0.50023963]], y));

    out.push(case("edge_m1", "one example with label 0", array![[0.8]], array![[0.0]]));

    let mut rng = draws::own(31);
    let a2 = rng.rand(1, 7).mapv(|u| 0.02 + 0.96 * u);
    let y = array![[0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]];
    out.push(case("mixed", "m = 7, both labels: catches a missing 1/m or (1 − Y) term", a2, y));

    let (x, y) = planar_subset(20, 3);
    let (a2, _) = forward_propagation(&x, &trained(4, 300, 5, 0));
    out.push(case("pipeline", "A2 of a trained network on 20 planar points", a2, y));
    out
}

fn backward_propagation_cases() -> Vec<CaseSpec> {
    let f = "backward_propagation";
    // The cache is always the real forward pass of these parameters on this X.
    let case = |label: &str, note: &str, p: Parameters, x: Array2<f64>, y: Array2<f64>| {
        let (_, cache): (_, Cache) = forward_propagation(&x, &p);
        let wrong = backward_with_tanh_derivative_without_square(&p, &cache, &x, &y);
        CaseSpec::unit(f, label, note)
            .arg("parameters", p)
            .arg("cache", cache)
            .arg("X", x)
            .arg("Y", y)
            .unmodified(&["parameters", "cache", "X", "Y"])
            .mistake("tanh_derivative_without_square", vec![("grads", wrong.into_value())])
    };
    let mut out = Vec::new();

    // Shaped like the original backward_propagation_test_case() (seed 1: X (2, 3),
    // Y = randn(1, 3) > 0; the seed-2 weights, zero biases), but the cache comes
    // from the real forward pass on this X instead of the original's listed
    // arrays, whose A1 is not tanh(Z1).
    let mut rng = draws::notebook(1);
    let x = rng.randn(2, 3);
    let y = labels(&mut rng, 3);
    let (w1, w2) = notebook_weights();
    let p = params(w1, Array2::zeros((4, 1)), w2, Array2::zeros((1, 1)));
    out.push(case("notebook", "the notebook's shapes, cache from the real forward pass", p, x, y));

    let mut rng = draws::own(41);
    let x = rng.randn(2, 1);
    let p = random_params(&mut rng, 2, 1, 1);
    out.push(case("edge_m1", "one example, one hidden unit, weights of order 1", p, x, array![[1.0]]));

    let mut rng = draws::own(42);
    let x = rng.randn(3, 5) * 2.0;
    let p = random_params(&mut rng, 3, 6, 1);
    let y = array![[1.0, 0.0, 0.0, 1.0, 1.0]];
    out.push(case("wide", "n_x = 3, n_h = 6, m = 5: tanh saturated in places", p, x, y));

    let (x, y) = planar_subset(20, 11);
    out.push(case("pipeline", "20 planar points, parameters after 300 training steps", trained(4, 300, 5, 0), x, y));
    out
}

fn update_parameters_cases() -> Vec<CaseSpec> {
    let f = "update_parameters";
    let case = |label: &str, note: &str, p: Parameters, g: Grads, lr: f64| {
        let mut spec = CaseSpec::unit(f, label, note)
            .arg("parameters", p.clone())
            .arg("grads", g.clone())
            .arg("learning_rate", lr)
            .unmodified(&["parameters", "grads"]);
        if lr != DEFAULT_LEARNING_RATE {
            let wrong = crate::planar::update_parameters(&p, &g, DEFAULT_LEARNING_RATE);
            spec = spec.mistake("hardcoded_learning_rate", vec![("parameters", wrong.into_value())]);
        }
        spec
    };
    let mut out = Vec::new();

    // Original update_parameters_test_case() with the default learning rate 1.2;
    // the notebook prints W1 = [[-0.00643025 0.01936718] [-0.02410458 0.03978052]
    // [-0.01653973 -0.02096177] [0.01046864 -0.05990141]], b2 = [[0.00010457]].
    let g = grads_of(
        array![[0.00023322, -0.00205423], [0.00082222, -0.00700776], [-0.00031831, 0.0028636], [-0.00092857, 0.00809933]],
        array![[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07], [5.46467802e-07]],
        array![[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03]],
        array![[-1.08923140e-05]],
    );
    out.push(case("notebook", "the notebook's test case (learning rate 1.2)", notebook_trained_params(), g, 1.2));

    let mut rng = draws::own(51);
    let p = random_params(&mut rng, 2, 1, 1);
    let g = grads_of(rng.randn(1, 2), rng.randn(1, 1), rng.randn(1, 1), rng.randn(1, 1));
    out.push(case("edge_single_hidden", "one hidden unit, learning rate 0.5", p, g, 0.5));

    // Real gradients of a trained network on 40 planar points.
    let (x, y) = planar_subset(10, 4);
    let p = trained(5, 200, 5, 0);
    let (_, cache) = forward_propagation(&x, &p);
    let g = backward_propagation(&p, &cache, &x, &y);
    out.push(case("pipeline", "grads of a real backward pass, n_h = 5, learning rate 0.3", p, g, 0.3));
    out
}

fn nn_model_cases() -> Vec<CaseSpec> {
    let f = "nn_model";
    // Each case records what three known mistakes would return, computed with
    // the reference: the default learning rate 1.2 instead of the argument
    // (hardcoded_learning_rate), layer_sizes' n_h = 4 instead of the argument
    // (hidden_size_from_layer_sizes), and an update that is not carried to the
    // next iteration, so that every cost is the first one (no_update_carried).
    let case = |kind: fn(&str, &str, &str) -> CaseSpec,
                label: &str,
                note: &str,
                (x, y): (Array2<f64>, Array2<f64>),
                n_h: usize,
                iterations: usize,
                lr: f64| {
        let (wrong_lr_parameters, wrong_lr) = nn_model(&x, &y, n_h, iterations, DEFAULT_LEARNING_RATE);
        let (_, wrong_size) = nn_model(&x, &y, LAYER_SIZES_N_H, iterations, lr);
        let (_, first) = nn_model(&x, &y, n_h, 1, lr);
        let stuck = vec![first[0]; iterations];
        let mut spec = kind(f, label, note)
            .arg("X", x)
            .arg("Y", y)
            .arg("n_h", n_h)
            .arg("num_iterations", iterations)
            .arg("learning_rate", lr)
            .trajectory("costs")
            .recorded_every(1, dlc::protocol::StepUnit::Iteration)
            .unmodified(&["X", "Y"])
            .mistake(
                "hardcoded_learning_rate",
                vec![("costs", wrong_lr.into_value()), ("parameters", wrong_lr_parameters.into_value())],
            );
        if n_h != LAYER_SIZES_N_H {
            spec = spec.mistake("hidden_size_from_layer_sizes", vec![("costs", wrong_size.into_value())]);
        }
        if iterations > 1 {
            spec = spec.mistake("no_update_carried", vec![("costs", stuck.into_value())]);
        }
        spec
    };
    let mut rng = draws::own(61);
    let one_point = (rng.randn(2, 1), array![[1.0]]);
    vec![
        case(
            CaseSpec::unit,
            "one_iteration",
            "a single iteration (n_h = 3, learning rate 0.7): initialisation and first cost",
            planar_subset(5, 0),
            3,
            1,
            0.7,
        ),
        case(CaseSpec::unit, "edge_m1", "one example, one hidden unit, 8 iterations, learning rate 0.5", one_point, 1, 8, 0.5),
        case(
            CaseSpec::unit,
            "short",
            "40 planar points, n_h = 2, 25 iterations, learning rate 2.0",
            planar_subset(10, 5),
            2,
            25,
            2.0,
        ),
        case(
            CaseSpec::integration,
            "train_nh3",
            "train on 80 planar points with your functions: n_h = 3, 300 iterations, learning rate 0.9",
            planar_subset(5, 0),
            3,
            300,
            0.9,
        ),
        case(
            CaseSpec::integration,
            "train_nh6",
            "train on 50 planar points with your functions: n_h = 6, 200 iterations, learning rate 0.5",
            planar_subset(8, 3),
            6,
            200,
            0.5,
        ),
    ]
}

fn predict_cases() -> Vec<CaseSpec> {
    let f = "predict";
    let case = |label: &str, note: &str, p: Parameters, x: Array2<f64>| {
        // Predictions are 0 or 1, all of them 0 in some draws: compared exactly.
        CaseSpec::unit(f, label, note)
            .arg("parameters", p)
            .arg("X", x)
            .unmodified(&["parameters", "X"])
            .tolerance(1e-7, 0.0)
    };
    let mut out = Vec::new();

    // Original predict_test_case(): seed 1, X (2, 3); the notebook prints
    // predictions mean = 0.666666666667.
    let mut rng = draws::notebook(1);
    let x = rng.randn(2, 3);
    out.push(case("notebook", "the notebook's test case", notebook_trained_params(), x));

    let mut rng = draws::own(71);
    let x = rng.randn(2, 1);
    let p = random_params(&mut rng, 2, 1, 1);
    out.push(case("edge_m1", "one example, one hidden unit", p, x));

    // A2 of this case lies on both sides of 0.5 (and Z2 of both signs).
    // Its note claims both classes are predicted, which holds for these draws: kept in hidden sets.
    let mut rng = NumpyRng::new(72);
    let x = rng.randn(3, 9);
    let p = random_params(&mut rng, 3, 4, 1);
    out.push(case("mixed", "m = 9, both classes predicted", p, x));

    // Held-out planar points with a network trained on others.
    let (x, _) = planar_subset(5, 2);
    out.push(case("pipeline", "80 held-out planar points, network trained for 300 steps", trained(4, 300, 5, 0), x));
    out
}
