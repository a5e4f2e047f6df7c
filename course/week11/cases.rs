//! Week 11 (c5w1) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week11 cases <file>`).
//!
//! Case inputs follow the curriculum's rules: the notebook's cases keep the
//! original's draws in the original's order (the forward tests draw Waa
//! before Wax, the backward tests Wax before Waa); shapes are non-square
//! (n_x, n_a, n_y and m all differ) so a missing transpose shows; the
//! backward passes get caches made by the real forward pass; and the
//! round trip feeds the learner's own caches to the learner's backward pass.

use dlc::draws;
use dlc::nn::Parameters;
use dlc::protocol::CaseSpec;
use dlc::rng::NumpyRng;
use ndarray::{Array2, Array3, s};

use crate::rnn::{lstm_forward, rnn_forward};

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(rnn_cell_forward_cases());
    all.extend(rnn_forward_cases());
    all.extend(rnn_cell_backward_cases());
    all.extend(rnn_backward_cases());
    all.extend(rnn_round_trip_cases());
    all.extend(lstm_cell_forward_cases());
    all.extend(lstm_forward_cases());
    all
}

/// The parameter map from named arrays.
fn params(
    waa: Array2<f64>,
    wax: Array2<f64>,
    wya: Array2<f64>,
    ba: Array2<f64>,
    by: Array2<f64>,
) -> Parameters {
    [("Waa", waa), ("Wax", wax), ("Wya", wya), ("ba", ba), ("by", by)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// The forward tests' parameter draws: Waa, Wax, Wya, ba, by, in that order.
fn forward_params(rng: &mut NumpyRng, n_x: usize, n_a: usize, n_y: usize) -> Parameters {
    let waa = rng.randn(n_a, n_a);
    let wax = rng.randn(n_a, n_x);
    let wya = rng.randn(n_y, n_a);
    let ba = rng.randn(n_a, 1);
    let by = rng.randn(n_y, 1);
    params(waa, wax, wya, ba, by)
}

/// The backward tests' parameter draws: Wax before Waa.
fn backward_params(rng: &mut NumpyRng, n_x: usize, n_a: usize, n_y: usize) -> Parameters {
    let wax = rng.randn(n_a, n_x);
    let waa = rng.randn(n_a, n_a);
    let wya = rng.randn(n_y, n_a);
    let ba = rng.randn(n_a, 1);
    let by = rng.randn(n_y, 1);
    params(waa, wax, wya, ba, by)
}

/// Parameters of the course's own, every entry scaled by `scale` (small
/// weights keep tanh away from saturation, large ones drive it there).
fn own_params(rng: &mut NumpyRng, (n_x, n_a, n_y): (usize, usize, usize), scale: f64) -> Parameters {
    let mut p = forward_params(rng, n_x, n_a, n_y);
    p.values_mut().for_each(|v| *v *= scale);
    p
}

/// A sequence's inputs: x, a0, parameters.
type Sequence = (Array3<f64>, Array2<f64>, Parameters);

/// The notebook's rnn_forward draws (seed 1): x (3, 10, 4), a0 (5, 10), then
/// the forward order.
fn notebook_forward() -> Sequence {
    let mut rng = draws::notebook(1);
    let x = rng.randn3((3, 10, 4));
    let a0 = rng.randn(5, 10);
    (x, a0, forward_params(&mut rng, 3, 5, 2))
}

/// The notebook's rnn_backward draws (seed 1): x (3, 10, 4), a0 (5, 10), the
/// backward order, then da (5, 10, 4).
fn notebook_backward() -> (Sequence, Array3<f64>) {
    let mut rng = draws::notebook(1);
    let x = rng.randn3((3, 10, 4));
    let a0 = rng.randn(5, 10);
    let p = backward_params(&mut rng, 3, 5, 2);
    let da = rng.randn3((5, 10, 4));
    ((x, a0, p), da)
}

/// A sequence of the course's own: (n_x, n_a, n_y) sizes, m examples, T_x steps.
fn own_sequence(seed: u32, sizes: (usize, usize, usize), m: usize, t_x: usize, scale: f64) -> Sequence {
    let mut rng = draws::own(seed);
    let x = rng.randn3((sizes.0, m, t_x));
    let a0 = rng.randn(sizes.1, m) * 0.5;
    (x, a0, own_params(&mut rng, sizes, scale))
}

fn rnn_cell_forward_cases() -> Vec<CaseSpec> {
    let f = "rnn_cell_forward";
    let case = |label: &str, note: &str, xt: Array2<f64>, a_prev: Array2<f64>, p: Parameters| {
        CaseSpec::unit(f, label, note)
            .arg("xt", xt)
            .arg("a_prev", a_prev)
            .arg("parameters", p)
    };
    let mut out = Vec::new();
    // The notebook: seed 1, xt randn(3, 10), a_prev randn(5, 10), Waa, Wax, Wya, ba, by.
    let mut rng = draws::notebook(1);
    let xt = rng.randn(3, 10);
    let a_prev = rng.randn(5, 10);
    let p = forward_params(&mut rng, 3, 5, 2);
    out.push(case(
        "notebook",
        "the notebook's test: xt (3, 10), a_prev (5, 10), n_y = 2",
        xt,
        a_prev,
        p,
    ));
    let mut rng = draws::own(141);
    let xt = rng.randn(2, 1);
    let a_prev = rng.randn(4, 1) * 0.5;
    let p = own_params(&mut rng, (2, 4, 3), 0.5);
    out.push(case(
        "edge_m1",
        "one example: n_x = 2, n_a = 4, n_y = 3",
        xt,
        a_prev,
        p,
    ));
    let mut rng = draws::own(142);
    let xt = rng.randn(1, 3);
    let a_prev = Array2::zeros((6, 3));
    let p = own_params(&mut rng, (1, 6, 4), 0.5);
    out.push(case(
        "zero_state",
        "the first step: a_prev = 0, one input feature, n_a = 6, n_y = 4",
        xt,
        a_prev,
        p,
    ));
    // A real state: step 2 of a sequence, a_prev made by the forward pass at step 1.
    let (x, a0, p) = own_sequence(143, (3, 4, 2), 5, 3, 0.5);
    let (a, _, _) = rnn_forward(&x, &a0, &p);
    let xt = x.slice(s![.., .., 2]).to_owned();
    let a_prev = a.slice(s![.., .., 1]).to_owned();
    out.push(case(
        "pipeline_step2",
        "step 2 of a sequence: a_prev is the forward pass's a⟨1⟩ (n_x 3, n_a 4, m 5)",
        xt,
        a_prev,
        p,
    ));
    out
}

fn rnn_forward_cases() -> Vec<CaseSpec> {
    let f = "rnn_forward";
    let case = |label: &str, note: &str, (x, a0, p): Sequence| {
        CaseSpec::unit(f, label, note)
            .arg("x", x)
            .arg("a0", a0)
            .arg("parameters", p)
    };
    // The public test: seed 17, x randn(4, 8, 13), a0 randn(7, 8), the forward order.
    let mut rng = draws::notebook(17);
    let x = rng.randn3((4, 8, 13));
    let a0 = rng.randn(7, 8);
    let public = (x, a0, forward_params(&mut rng, 4, 7, 3));
    vec![
        case(
            "notebook",
            "the notebook's test: x (3, 10, 4), a0 (5, 10), n_y = 2",
            notebook_forward(),
        ),
        case(
            "public_test",
            "the public test: x (4, 8, 13), a0 (7, 8), n_y = 3",
            public,
        ),
        case(
            "edge_t1",
            "one time step, one example: the cell once from a0",
            own_sequence(151, (2, 3, 2), 1, 1, 0.5),
        ),
        case(
            "long_small_weights",
            "x (2, 3, 9), n_a 5, n_y 4, small weights: the state carried over nine steps",
            own_sequence(152, (2, 5, 4), 3, 9, 0.4),
        ),
    ]
}

fn rnn_cell_backward_cases() -> Vec<CaseSpec> {
    let f = "rnn_cell_backward";
    let case = |label: &str,
                note: &str,
                (xt, a_prev, p): (Array2<f64>, Array2<f64>, Parameters),
                da_next: Array2<f64>| {
        // a_next by the real forward step, so that 1 − a_next² is tanh's derivative.
        let (a_next, _, _) = crate::rnn::rnn_cell_forward(&xt, &a_prev, &p);
        CaseSpec::unit(f, label, note)
            .arg("xt", xt)
            .arg("a_prev", a_prev)
            .arg("a_next", a_next)
            .arg("parameters", p)
            .arg("da_next", da_next)
    };
    let mut out = Vec::new();
    // The notebook: seed 1, xt randn(3, 10), a_prev randn(5, 10), Wax, Waa,
    // Wya, ba, by; forward; then da_next randn(5, 10).
    let mut rng = draws::notebook(1);
    let xt = rng.randn(3, 10);
    let a_prev = rng.randn(5, 10);
    let p = backward_params(&mut rng, 3, 5, 2);
    let da_next = rng.randn(5, 10);
    out.push(case(
        "notebook",
        "the notebook's test: xt (3, 10), a_prev (5, 10), da_next (5, 10)",
        (xt, a_prev, p),
        da_next,
    ));
    let mut rng = draws::own(161);
    let xt = rng.randn(1, 1);
    let a_prev = rng.randn(3, 1) * 0.5;
    let p = own_params(&mut rng, (1, 3, 2), 0.7);
    let da_next = rng.randn(3, 1);
    out.push(case(
        "edge_m1",
        "one example, one input feature, n_a = 3",
        (xt, a_prev, p),
        da_next,
    ));
    // A real state: the last step of a sequence, its da_next the loss's
    // gradient there plus what came back from the step after.
    let (x, a0, p) = own_sequence(162, (4, 3, 2), 6, 4, 0.8);
    let (a, _, _) = rnn_forward(&x, &a0, &p);
    let xt = x.slice(s![.., .., 3]).to_owned();
    let a_prev = a.slice(s![.., .., 2]).to_owned();
    let da_next = draws::own(163).randn(3, 6);
    out.push(case(
        "pipeline_step3",
        "step 3 of a sequence: a_prev is the forward pass's a⟨2⟩ (n_x 4, n_a 3, m 6)",
        (xt, a_prev, p),
        da_next,
    ));
    out
}

fn rnn_backward_cases() -> Vec<CaseSpec> {
    let f = "rnn_backward";
    let case = |label: &str, note: &str, (x, a0, p): Sequence, da: Array3<f64>| {
        // The hidden states of the real forward pass: the harness builds the caches from them.
        let (a, _, _) = rnn_forward(&x, &a0, &p);
        CaseSpec::unit(f, label, note)
            .arg("x", x)
            .arg("a0", a0)
            .arg("parameters", p)
            .arg("a", a)
            .arg("da", da)
    };
    let (notebook, da) = notebook_backward();
    vec![
        case(
            "notebook",
            "the notebook's test: x (3, 10, 4), a0 (5, 10), da (5, 10, 4)",
            notebook,
            da,
        ),
        case(
            "edge_t1",
            "one time step: da0 is the cell's da_prev",
            own_sequence(171, (3, 4, 2), 2, 1, 0.6),
            draws::own(172).randn3((4, 2, 1)),
        ),
        case(
            "long_sequence",
            "x (2, 3, 7), n_a 4: gradients summed over seven steps",
            own_sequence(173, (2, 4, 3), 3, 7, 0.6),
            draws::own(174).randn3((4, 3, 7)),
        ),
    ]
}

fn rnn_round_trip_cases() -> Vec<CaseSpec> {
    let f = "rnn_round_trip";
    let case = |label: &str, note: &str, (x, a0, p): Sequence, da: Array3<f64>, da_scale: f64| {
        CaseSpec::integration(f, label, note)
            .arg("x", x)
            .arg("a0", a0)
            .arg("parameters", p)
            .arg("da", da)
            .arg("da_scale", da_scale)
    };
    let (notebook, da) = notebook_backward();
    let zeros = |(n_a, m, t_x)| Array3::zeros((n_a, m, t_x));
    vec![
        case(
            "notebook",
            "the notebook's rnn_backward draws, forward then backward through your own caches",
            notebook,
            da,
            0.0,
        ),
        case(
            "half_squared_a",
            "x (3, 4, 6), n_a 5, loss ½·Σa² (da = a): forward then back",
            own_sequence(181, (3, 5, 2), 4, 6, 1.0),
            zeros((5, 4, 6)),
            1.0,
        ),
        case(
            "large_weights",
            "x (2, 2, 8), n_a 3, weights ×2.5 (tanh saturates), da = a + noise",
            own_sequence(182, (2, 3, 2), 2, 8, 2.5),
            draws::own(183).randn3((3, 2, 8)),
            1.0,
        ),
        case(
            "edge_m1",
            "one example, x (1, 1, 5), n_a 2, da = a",
            own_sequence(184, (1, 2, 1), 1, 5, 1.0),
            zeros((2, 1, 5)),
            1.0,
        ),
    ]
}

/// The LSTM tests' parameter draws: Wf, bf, Wi, bi, Wo, bo, Wc, bc, Wy, by,
/// every entry then scaled by `scale`.
fn lstm_params(rng: &mut NumpyRng, (n_x, n_a, n_y): (usize, usize, usize), scale: f64) -> Parameters {
    let mut entries = Vec::new();
    for gate in ["f", "i", "o", "c"] {
        entries.push((format!("W{gate}"), rng.randn(n_a, n_a + n_x) * scale));
        entries.push((format!("b{gate}"), rng.randn(n_a, 1) * scale));
    }
    entries.push(("Wy".to_string(), rng.randn(n_y, n_a) * scale));
    entries.push(("by".to_string(), rng.randn(n_y, 1) * scale));
    entries.into_iter().collect()
}

fn lstm_cell_forward_cases() -> Vec<CaseSpec> {
    let f = "lstm_cell_forward";
    let case = |label: &str,
                note: &str,
                xt: Array2<f64>,
                a_prev: Array2<f64>,
                c_prev: Array2<f64>,
                p: Parameters| {
        CaseSpec::unit(f, label, note)
            .arg("xt", xt)
            .arg("a_prev", a_prev)
            .arg("c_prev", c_prev)
            .arg("parameters", p)
    };
    let mut out = Vec::new();
    // The notebook: seed 1, xt randn(3, 10), a_prev, c_prev randn(5, 10), then the gates.
    let mut rng = draws::notebook(1);
    let (xt, a_prev, c_prev) = (rng.randn(3, 10), rng.randn(5, 10), rng.randn(5, 10));
    let p = lstm_params(&mut rng, (3, 5, 2), 1.0);
    out.push(case(
        "notebook",
        "the notebook's test: xt (3, 10), a_prev and c_prev (5, 10), n_y = 2",
        xt,
        a_prev,
        c_prev,
        p,
    ));
    // The public test: seed 212, n_x 4, m 8, n_a 7, n_y 3, same order.
    let mut rng = draws::notebook(212);
    let (xt, a_prev, c_prev) = (rng.randn(4, 8), rng.randn(7, 8), rng.randn(7, 8));
    let p = lstm_params(&mut rng, (4, 7, 3), 1.0);
    out.push(case(
        "public_test",
        "the public test: xt (4, 8), a_prev and c_prev (7, 8), n_y = 3",
        xt,
        a_prev,
        c_prev,
        p,
    ));
    let mut rng = draws::own(191);
    let (xt, a_prev, c_prev) = (rng.randn(2, 1), rng.randn(3, 1) * 0.5, rng.randn(3, 1));
    let p = lstm_params(&mut rng, (2, 3, 4), 0.7);
    out.push(case(
        "edge_m1",
        "one example: n_x = 2, n_a = 3, n_y = 4",
        xt,
        a_prev,
        c_prev,
        p,
    ));
    // A real state: step 3 of a sequence, a_prev and c_prev made by the forward pass.
    let mut rng = draws::own(192);
    let x = rng.randn3((3, 4, 4));
    let a0 = rng.randn(5, 4) * 0.5;
    let p = lstm_params(&mut rng, (3, 5, 2), 0.8);
    let (a, _, c, _) = lstm_forward(&x, &a0, &p);
    let xt = x.slice(s![.., .., 3]).to_owned();
    let (a_prev, c_prev) = (
        a.slice(s![.., .., 2]).to_owned(),
        c.slice(s![.., .., 2]).to_owned(),
    );
    out.push(case(
        "pipeline_step3",
        "step 3 of a sequence: a_prev and c_prev are the forward pass's (n_x 3, n_a 5, m 4)",
        xt,
        a_prev,
        c_prev,
        p,
    ));
    out
}

fn lstm_forward_cases() -> Vec<CaseSpec> {
    let f = "lstm_forward";
    let case = |label: &str, note: &str, x: Array3<f64>, a0: Array2<f64>, p: Parameters| {
        CaseSpec::unit(f, label, note)
            .arg("x", x)
            .arg("a0", a0)
            .arg("parameters", p)
    };
    let mut out = Vec::new();
    // The notebook: seed 1, x randn(3, 10, 7), a0 randn(5, 10), the gates, Wy, by.
    let mut rng = draws::notebook(1);
    let (x, a0) = (rng.randn3((3, 10, 7)), rng.randn(5, 10));
    let p = lstm_params(&mut rng, (3, 5, 2), 1.0);
    out.push(case(
        "notebook",
        "the notebook's test: x (3, 10, 7), a0 (5, 10), n_y = 2",
        x,
        a0,
        p,
    ));
    // The public test: seed 45, n_x 4, m 13, T_x 16, n_a 3, n_y 2.
    let mut rng = draws::notebook(45);
    let (x, a0) = (rng.randn3((4, 13, 16)), rng.randn(3, 13));
    let p = lstm_params(&mut rng, (4, 3, 2), 1.0);
    out.push(case(
        "public_test",
        "the public test: x (4, 13, 16), a0 (3, 13), n_y = 2",
        x,
        a0,
        p,
    ));
    let mut rng = draws::own(201);
    let (x, a0) = (rng.randn3((2, 1, 1)), rng.randn(3, 1));
    let p = lstm_params(&mut rng, (2, 3, 2), 0.7);
    out.push(case(
        "edge_t1",
        "one time step, one example: the cell once from a0 and c = 0",
        x,
        a0,
        p,
    ));
    out
}
