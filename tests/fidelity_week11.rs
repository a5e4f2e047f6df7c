//! Fidelity of week11 (c5w1, "Building your recurrent neural network, step by
//! step"): the reference solution, fed the original notebook's draws (NumPy's
//! legacy generator, reproduced bit for bit by `dlc::NumpyRng`, in the
//! notebook's order), prints the original's expected figures (2021+ notebook;
//! every one of them marked V, reproduced by NumPy, in the curriculum's
//! originals). Mind the draw order: the forward tests draw Waa before Wax, the
//! backward tests Wax before Waa.
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week11/rnn.rs"]
mod rnn;

use dlc::NumpyRng;
use dlc::nn::Parameters;
use ndarray::{Array, Array2, Dimension, s};
use rnn::{rnn_backward, rnn_cell_backward, rnn_cell_forward, rnn_forward};

/// Every value of `got` within `tol` of `expected` (printed figures carry 8 to
/// 12 significant digits).
fn close<D: Dimension>(what: &str, got: &Array<f64, D>, expected: &[f64], tol: f64) {
    let got: Vec<f64> = got.iter().copied().collect();
    assert_eq!(got.len(), expected.len(), "{what}: {got:?}");
    for (k, (g, e)) in got.iter().zip(expected).enumerate() {
        assert!(
            (g - e).abs() <= tol,
            "{what}[{k}] = {g}, expected {e} (all: {got:?})"
        );
    }
}

/// The parameter map from named arrays.
fn params(entries: Vec<(&str, Array2<f64>)>) -> Parameters {
    entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// The forward tests' parameter draws: Waa, Wax, Wya, ba, by, in that order.
fn forward_params(rng: &mut NumpyRng, n_x: usize, n_a: usize, n_y: usize) -> Parameters {
    let waa = rng.randn(n_a, n_a);
    let wax = rng.randn(n_a, n_x);
    let wya = rng.randn(n_y, n_a);
    let ba = rng.randn(n_a, 1);
    let by = rng.randn(n_y, 1);
    params(vec![
        ("Waa", waa),
        ("Wax", wax),
        ("Wya", wya),
        ("ba", ba),
        ("by", by),
    ])
}

/// The backward tests' parameter draws: Wax before Waa.
fn backward_params(rng: &mut NumpyRng, n_x: usize, n_a: usize, n_y: usize) -> Parameters {
    let wax = rng.randn(n_a, n_x);
    let waa = rng.randn(n_a, n_a);
    let wya = rng.randn(n_y, n_a);
    let ba = rng.randn(n_a, 1);
    let by = rng.randn(n_y, 1);
    params(vec![
        ("Waa", waa),
        ("Wax", wax),
        ("Wya", wya),
        ("ba", ba),
        ("by", by),
    ])
}

#[test]
fn rnn_cell_forward_gives_the_notebook_figures() {
    let mut rng = NumpyRng::new(1);
    let xt = rng.randn(3, 10);
    let a_prev = rng.randn(5, 10);
    let p = forward_params(&mut rng, 3, 5, 2);
    let (a_next, yt_pred, cache) = rnn_cell_forward(&xt, &a_prev, &p);
    assert_eq!(a_next.dim(), (5, 10));
    assert_eq!(yt_pred.dim(), (2, 10));
    close(
        "a_next[4]",
        &a_next.row(4).to_owned(),
        &[
            0.59584544,
            0.18141802,
            0.61311866,
            0.99808218,
            0.85016201,
            0.99980978,
            -0.18887155,
            0.99815551,
            0.6531151,
            0.82872037,
        ],
        5e-9,
    );
    close(
        "yt_pred[1]",
        &yt_pred.row(1).to_owned(),
        &[
            0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387, 0.88945212, 0.36920224, 0.9966312,
            0.9982559, 0.17746526,
        ],
        5e-9,
    );
    assert_eq!(cache.a_prev, a_prev);
    assert_eq!(cache.xt, xt);
}

#[test]
fn rnn_forward_gives_the_notebook_figures() {
    let mut rng = NumpyRng::new(1);
    let x = rng.randn3((3, 10, 4));
    let a0 = rng.randn(5, 10);
    let p = forward_params(&mut rng, 3, 5, 2);
    let (a, y_pred, caches) = rnn_forward(&x, &a0, &p);
    assert_eq!(a.dim(), (5, 10, 4));
    assert_eq!(y_pred.dim(), (2, 10, 4));
    close(
        "a[4][1]",
        &a.slice(s![4, 1, ..]).to_owned(),
        &[-0.99999375, 0.77911235, -0.99861469, -0.99833267],
        5e-9,
    );
    close(
        "y_pred[1][3]",
        &y_pred.slice(s![1, 3, ..]).to_owned(),
        &[0.79560373, 0.86224861, 0.11118257, 0.81515947],
        5e-9,
    );
    // The original's caches[1] is x: caches[1][1][3] = x[1, 3, :].
    assert_eq!(caches.len(), 4);
    let x13: Vec<f64> = caches.iter().map(|c| c.xt[[1, 3]]).collect();
    close(
        "caches[1][1][3]",
        &Array::from(x13),
        &[-1.1425182, -0.34934272, -0.20889423, 0.58662319],
        5e-9,
    );
}

#[test]
fn rnn_forward_gives_the_public_test_figures() {
    let mut rng = NumpyRng::new(17);
    let x = rng.randn3((4, 8, 13));
    let a0 = rng.randn(7, 8);
    let p = forward_params(&mut rng, 4, 7, 3);
    let (a, y_pred, caches) = rnn_forward(&x, &a0, &p);
    assert_eq!(caches.len(), 13);
    close(
        "a[5,2,2:6]",
        &a.slice(s![5, 2, 2..6]).to_owned(),
        &[0.99999291, 0.99332189, 0.9921928, 0.99503445],
        5e-9,
    );
    close(
        "y_pred[2,1,1:5]",
        &y_pred.slice(s![2, 1, 1..5]).to_owned(),
        &[0.19428, 0.14292, 0.24993, 0.00119],
        1e-4,
    );
}

#[test]
fn rnn_cell_backward_gives_the_notebook_figures() {
    let mut rng = NumpyRng::new(1);
    let xt = rng.randn(3, 10);
    let a_prev = rng.randn(5, 10);
    let p = backward_params(&mut rng, 3, 5, 2);
    let (_, _, cache) = rnn_cell_forward(&xt, &a_prev, &p);
    let da_next = rng.randn(5, 10);
    let g = rnn_cell_backward(&da_next, &cache);
    assert_eq!(g["dxt"].dim(), (3, 10));
    assert_eq!(g["da_prev"].dim(), (5, 10));
    assert_eq!(g["dWax"].dim(), (5, 3));
    assert_eq!(g["dWaa"].dim(), (5, 5));
    assert_eq!(g["dba"].dim(), (5, 1));
    let tol = 5e-11;
    close(
        "dxt[1][2]",
        &Array::from(vec![g["dxt"][[1, 2]]]),
        &[-1.3872130506],
        tol,
    );
    close(
        "da_prev[2][3]",
        &Array::from(vec![g["da_prev"][[2, 3]]]),
        &[-0.152399493774],
        tol,
    );
    close(
        "dWax[3][1]",
        &Array::from(vec![g["dWax"][[3, 1]]]),
        &[0.410772824935],
        tol,
    );
    close(
        "dWaa[1][2]",
        &Array::from(vec![g["dWaa"][[1, 2]]]),
        &[1.15034506685],
        tol,
    );
    close("dba[4]", &g["dba"].row(4).to_owned(), &[0.20023491], 5e-9);
}

#[test]
fn rnn_backward_gives_the_notebook_figures() {
    let mut rng = NumpyRng::new(1);
    let x = rng.randn3((3, 10, 4));
    let a0 = rng.randn(5, 10);
    let p = backward_params(&mut rng, 3, 5, 2);
    let (_, _, caches) = rnn_forward(&x, &a0, &p);
    let da = rng.randn3((5, 10, 4));
    let g = rnn_backward(&da, &caches);
    assert_eq!(g.dx.dim(), (3, 10, 4));
    assert_eq!(g.da0.dim(), (5, 10));
    assert_eq!(g.dwax.dim(), (5, 3));
    assert_eq!(g.dwaa.dim(), (5, 5));
    assert_eq!(g.dba.dim(), (5, 1));
    let tol = 5e-11;
    close(
        "dx[1][2]",
        &g.dx.slice(s![1, 2, ..]).to_owned(),
        &[-2.07101689, -0.59255627, 0.02466855, 0.01483317],
        5e-9,
    );
    close(
        "da0[2][3]",
        &Array::from(vec![g.da0[[2, 3]]]),
        &[-0.314942375127],
        tol,
    );
    close(
        "dWax[3][1]",
        &Array::from(vec![g.dwax[[3, 1]]]),
        &[11.2641044965],
        tol,
    );
    close(
        "dWaa[1][2]",
        &Array::from(vec![g.dwaa[[1, 2]]]),
        &[2.30333312658],
        tol,
    );
    close("dba[4]", &g.dba.row(4).to_owned(), &[-0.74747722], 5e-9);
}
