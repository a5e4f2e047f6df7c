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
use ndarray::{Array, Array2, s};
use rnn::{rnn_backward, rnn_cell_backward, rnn_cell_forward, rnn_forward};

mod fidelity;
use fidelity::close;

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

/// The LSTM tests' parameter draws: Wf, bf, Wi, bi, Wo, bo, Wc, bc, Wy, by.
fn lstm_params(rng: &mut NumpyRng, n_x: usize, n_a: usize, n_y: usize) -> Parameters {
    let mut entries = Vec::new();
    for gate in ["f", "i", "o", "c"] {
        entries.push((format!("W{gate}"), rng.randn(n_a, n_a + n_x)));
        entries.push((format!("b{gate}"), rng.randn(n_a, 1)));
    }
    entries.push(("Wy".to_string(), rng.randn(n_y, n_a)));
    entries.push(("by".to_string(), rng.randn(n_y, 1)));
    entries.into_iter().collect()
}

#[test]
fn lstm_cell_forward_gives_the_notebook_figures() {
    let mut rng = NumpyRng::new(1);
    let xt = rng.randn(3, 10);
    let a_prev = rng.randn(5, 10);
    let c_prev = rng.randn(5, 10);
    let p = lstm_params(&mut rng, 3, 5, 2);
    let (a_next, c_next, yt, cache) = rnn::lstm_cell_forward(&xt, &a_prev, &c_prev, &p);
    close(
        "a_next[4]",
        &a_next.row(4).to_owned(),
        &[
            -0.66408471,
            0.0036921,
            0.02088357,
            0.22834167,
            -0.85575339,
            0.00138482,
            0.76566531,
            0.34631421,
            -0.00215674,
            0.43827275,
        ],
        5e-9,
    );
    close(
        "c_next[2]",
        &c_next.row(2).to_owned(),
        &[
            0.63267805,
            1.00570849,
            0.35504474,
            0.20690913,
            -1.64566718,
            0.11832942,
            0.76449811,
            -0.0981561,
            -0.74348425,
            -0.26810932,
        ],
        5e-9,
    );
    close(
        "yt[1]",
        &yt.row(1).to_owned(),
        &[
            0.79913913, 0.15986619, 0.22412122, 0.15606108, 0.97057211, 0.31146381, 0.00943007, 0.12666353,
            0.39380172, 0.07828381,
        ],
        5e-9,
    );
    // The original's cache[1] is c_next: cache[1][3] = c_next[3].
    close(
        "cache[1][3]",
        &cache.c_next.row(3).to_owned(),
        &[
            -0.16263996,
            1.03729328,
            0.72938082,
            -0.54101719,
            0.02752074,
            -0.30821874,
            0.07651101,
            -1.03752894,
            1.41219977,
            -0.37647422,
        ],
        5e-9,
    );
}

#[test]
fn lstm_cell_forward_gives_the_public_test_figures() {
    let mut rng = NumpyRng::new(212);
    let xt = rng.randn(4, 8);
    let a_prev = rng.randn(7, 8);
    let c_prev = rng.randn(7, 8);
    let p = lstm_params(&mut rng, 4, 7, 3);
    let (a_next, c_next, yt, cache) = rnn::lstm_cell_forward(&xt, &a_prev, &c_prev, &p);
    let first2 = |m: &Array2<f64>| m.slice(s![0, 0..2]).to_owned();
    close("ft", &first2(&cache.ft), &[0.32969833, 0.0574555], 5e-8);
    close("it", &first2(&cache.it), &[0.0036446, 0.9806943], 5e-8);
    close("cct", &first2(&cache.cct), &[0.99903873, 0.57509956], 5e-8);
    close("c_next", &first2(&c_next), &[0.1352798, 0.39884899], 5e-8);
    close("ot", &first2(&cache.ot), &[0.7477249, 0.71588751], 5e-8);
    close("a_next", &first2(&a_next), &[0.10053951, 0.27129536], 5e-8);
    close(
        "y_pred[1]",
        &yt.row(1).to_owned(),
        &[
            0.417098, 0.449528, 0.223159, 0.278376, 0.68453, 0.419221, 0.564025, 0.538475,
        ],
        // The public test gives these to 6 decimals (0.68453 to 5), truncated.
        5e-6,
    );
}

#[test]
fn lstm_forward_gives_the_notebook_figures() {
    let mut rng = NumpyRng::new(1);
    let x = rng.randn3((3, 10, 7));
    let a0 = rng.randn(5, 10);
    let p = lstm_params(&mut rng, 3, 5, 2);
    let (a, y, c, caches) = rnn::lstm_forward(&x, &a0, &p);
    assert_eq!(caches.len(), 7);
    close(
        "a[4][3][6]",
        &Array::from(vec![a[[4, 3, 6]]]),
        &[0.172117767533],
        5e-12,
    );
    close(
        "y[1][4][3]",
        &Array::from(vec![y[[1, 4, 3]]]),
        &[0.95087346185],
        5e-11,
    );
    close(
        "c[1][2][1]",
        &Array::from(vec![c[[1, 2, 1]]]),
        &[-0.855544916718],
        5e-12,
    );
    // The original's caches[1] is x: caches[1][1][1] = x[1, 1, :].
    let x11: Vec<f64> = caches.iter().map(|k| k.xt[[1, 1]]).collect();
    close(
        "caches[1][1][1]",
        &Array::from(x11),
        &[
            0.82797464,
            0.23009474,
            0.76201118,
            -0.22232814,
            -0.20075807,
            0.18656139,
            0.41005165,
        ],
        5e-9,
    );
}

#[test]
fn lstm_forward_gives_the_public_test_figures() {
    let mut rng = NumpyRng::new(45);
    let x = rng.randn3((4, 13, 16));
    let a0 = rng.randn(3, 13);
    let p = lstm_params(&mut rng, 4, 3, 2);
    let (a, y, c, _) = rnn::lstm_forward(&x, &a0, &p);
    close(
        "a[2,1,4:6]",
        &a.slice(s![2, 1, 4..6]).to_owned(),
        &[-0.01606022, 0.0243569],
        5e-9,
    );
    close(
        "c[2,1,4:6]",
        &c.slice(s![2, 1, 4..6]).to_owned(),
        &[-0.02753855, 0.05668358],
        5e-9,
    );
    close(
        "y[1,1,4:6]",
        &y.slice(s![1, 1, 4..6]).to_owned(),
        &[0.70444592, 0.70648935],
        5e-9,
    );
}
