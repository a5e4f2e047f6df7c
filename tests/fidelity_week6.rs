//! Fidelity of week6 (c2w3, "TensorFlow introduction", rebuilt as a framework
//! from scratch): the reference solution, fed the original notebook's inputs
//! (NumPy's legacy generator, reproduced bit for bit by `dlc::NumpyRng`, in
//! the notebook's order), prints the original's expected figures (2021+
//! notebook; every one of them marked V, reproduced by NumPy, in the
//! curriculum's originals). The tape's gradients are also checked against
//! gradients derived by hand and against NumPy's (tools/numpy/week6_framework.py).
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week6/framework.rs"]
mod framework;

use framework::{
    Tape, add, backward, compute_total_loss, exp, linear_function, log, matmul, mul, one_hot, relu, sigmoid,
    sigmoid_f32, softmax_cross_entropy,
};
use ndarray::{Array2, array};

/// The compute_total_loss test's logits (6, 2); the labels are one-hot of (5, 0).
fn notebook_logits() -> Array2<f64> {
    array![
        [2.4048107, 5.0334096],
        [-0.7921977, -4.1523376],
        [0.9447198, -0.46802214],
        [1.158121, 3.9810789],
        [4.768706, 2.3220146],
        [6.1481323, 3.909829]
    ]
}

#[test]
fn linear_function_gives_the_notebook_y() {
    let y = linear_function(1, 3, 4, 1);
    let expected = [-2.15657382, 2.95891446, -1.08926781, -0.84538042];
    assert_eq!(y.dim(), (4, 1));
    for (g, e) in y.iter().zip(expected) {
        assert!((g - e).abs() <= 5e-9, "Y = {y}");
    }
}

#[test]
fn sigmoid_f32_gives_the_notebook_float32_values_exactly() {
    // The notebook prints float32 tensors to 7 decimals; the values are the
    // correctly rounded f32 of σ (NumPy: np.float32(1 / (1 + np.exp(-z)))).
    assert_eq!(sigmoid_f32(-1.0), 0.26894143_f32);
    assert_eq!(sigmoid_f32(0.0), 0.5_f32);
    assert_eq!(sigmoid_f32(12.0), 0.99999386_f32);
    assert_eq!(format!("{:.7}", sigmoid_f32(12.0)), "0.9999939");
    assert_eq!(format!("{:.8}", sigmoid_f32(-1.0)), "0.26894143");
    // Computed in f32 instead, σ(12) is one unit of the last place lower:
    // why the cast comes last.
    let naive = 1.0f32 / (1.0f32 + (-12.0f32).exp());
    assert_eq!(naive, 0.9999938_f32);
    assert_eq!(format!("{naive:.7}"), "0.9999938");
}

#[test]
fn one_hot_gives_the_notebook_columns() {
    assert_eq!(one_hot(&[1], 4), array![[0.0], [1.0], [0.0], [0.0]]);
    assert_eq!(one_hot(&[2], 4), array![[0.0], [0.0], [1.0], [0.0]]);
}

#[test]
fn total_loss_gives_the_notebook_figures() {
    let labels = one_hot(&[5, 0], 6);
    let mut tape = Tape::new();
    let z = tape.variable(notebook_logits());
    let losses = softmax_cross_entropy(&mut tape, z, &labels);
    let per_example = tape.value(losses).clone();
    assert!((per_example[[0, 0]] - 0.25361037).abs() <= 5e-7, "{per_example}");
    assert!((per_example[[0, 1]] - 0.5566767).abs() <= 5e-7, "{per_example}");
    let total = compute_total_loss(&mut tape, z, &labels);
    let total = tape.value(total)[[0, 0]];
    assert!((total - 0.810287).abs() <= 5e-7, "total {total}");
    // The 2021 notebook's mean.
    assert!((total / 2.0 - 0.4051435).abs() <= 5e-7, "mean {}", total / 2.0);

    // Test 2: three rows [1, 0, 0] (classes × examples), labels I₃: 3 ln 3.
    let logits = Array2::from_shape_fn((3, 3), |(_, j)| if j == 0 { 1.0 } else { 0.0 });
    let mut tape = Tape::new();
    let z = tape.variable(logits);
    let total = compute_total_loss(&mut tape, z, &Array2::eye(3));
    let total = tape.value(total)[[0, 0]];
    assert!((total - 3.295837).abs() <= 5e-7, "total {total}");
    assert!((total - 3.0 * 3f64.ln()).abs() <= 1e-12);
}

#[test]
fn softmax_cross_entropy_gradient_is_softmax_minus_labels() {
    let logits = notebook_logits();
    let labels = one_hot(&[5, 0], 6);
    let mut tape = Tape::new();
    let z = tape.variable(logits.clone());
    let total = compute_total_loss(&mut tape, z, &labels);
    let grads = backward(&tape, total);
    for j in 0..2 {
        let column = logits.column(j);
        let max = column.fold(f64::NEG_INFINITY, |a, &v| a.max(v));
        let denominator: f64 = column.iter().map(|v| (v - max).exp()).sum();
        for k in 0..6 {
            let softmax = (logits[[k, j]] - max).exp() / denominator;
            let expected = softmax - labels[[k, j]];
            assert!((grads[z.0][[k, j]] - expected).abs() <= 1e-12, "dz[{k}, {j}]");
        }
    }
}

/// f = ln(1 + e^(σ(relu(W·X + b))·V)) at W = 1, b = −1, X = 2, V = 0.5, by hand.
#[test]
fn tape_gradients_match_the_hand_derived_ones() {
    let mut tape = Tape::new();
    let (w, b, x, v) = (
        tape.variable(array![[1.0]]),
        tape.variable(array![[-1.0]]),
        tape.variable(array![[2.0]]),
        tape.variable(array![[0.5]]),
    );
    let wx = matmul(&mut tape, w, x);
    let z = add(&mut tape, wx, b);
    let h = relu(&mut tape, z);
    let s = sigmoid(&mut tape, h);
    let u = mul(&mut tape, s, v);
    let e = exp(&mut tape, u);
    let one = tape.variable(array![[1.0]]);
    let e1 = add(&mut tape, e, one);
    let f = log(&mut tape, e1);
    let grads = backward(&tape, f);

    let sig = |t: f64| 1.0 / (1.0 + (-t).exp());
    let s1 = sig(1.0); // z = 1·2 − 1 = 1 > 0, so h = 1
    let u1 = 0.5 * s1;
    let df_du = sig(u1); // d ln(1 + e^u)/du
    let df_dz = df_du * 0.5 * s1 * (1.0 - s1);
    let expected = [(w, df_dz * 2.0), (b, df_dz), (x, df_dz * 1.0), (v, df_du * s1)];
    assert!((tape.value(f)[[0, 0]] - (1.0 + u1.exp()).ln()).abs() <= 1e-15);
    for (node, value) in expected {
        assert!(
            (grads[node.0][[0, 0]] - value).abs() <= 1e-15,
            "node {node:?}: {} vs {value}",
            grads[node.0][[0, 0]]
        );
    }
}

/// A node used twice gets both contributions: d(x ⊙ x)/dx = 2x.
#[test]
fn a_node_used_twice_accumulates() {
    let mut tape = Tape::new();
    let x = tape.variable(array![[3.0, -1.5]]);
    let y = mul(&mut tape, x, x);
    let grads = backward(&tape, y);
    assert_eq!(grads[x.0], array![[6.0, -3.0]]);
}
