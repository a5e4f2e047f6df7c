//! Fidelity of week7 (c4w1, "Convolutional model, step by step"): the
//! reference solution, fed the original notebook's draws (NumPy's legacy
//! generator, reproduced bit for bit by `dlc::NumpyRng`, in the notebook's
//! order), prints the original's expected figures (2021+ notebook; every one
//! of them marked V, reproduced by NumPy, in the curriculum's originals).
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week7/conv.rs"]
mod conv;

use conv::{
    ConvHparameters, PoolHparameters, PoolMode, conv_backward, conv_forward, conv_single_step,
    create_mask_from_window, distribute_value, pool_backward, pool_forward, zero_pad,
};
use dlc::NumpyRng;
use ndarray::{array, s};

mod fidelity;
use fidelity::close;

#[test]
fn zero_pad_pads_only_rows_and_columns() {
    let mut rng = NumpyRng::new(1);
    let x = rng.randn4((4, 3, 3, 2));
    let x_pad = zero_pad(&x, 3);
    assert_eq!(x_pad.dim(), (4, 9, 9, 2));
    close(
        "x[1, 1]",
        &x.slice(s![1, 1, .., ..]).to_owned(),
        &[
            0.90085595,
            -0.68372786,
            -0.12289023,
            -0.93576943,
            -0.26788808,
            0.53035547,
        ],
        5e-9,
    );
    assert!(x_pad.slice(s![1, 1, .., ..]).iter().all(|&v| v == 0.0));
    // The public test (and v2a) pad 2.
    assert_eq!(zero_pad(&x, 2).dim(), (4, 7, 7, 2));
}

#[test]
fn conv_single_step_gives_the_notebook_z() {
    let mut rng = NumpyRng::new(1);
    let a_slice_prev = rng.randn3((4, 4, 3));
    let w = rng.randn3((4, 4, 3));
    let b = rng.randn3((1, 1, 1));
    let z = conv_single_step(a_slice_prev.view(), w.view(), b.view());
    assert!((z - -6.999089450680221).abs() <= 5e-15, "Z = {z}");
}

#[test]
fn conv_forward_gives_the_notebook_mean_and_values() {
    let mut rng = NumpyRng::new(1);
    let a_prev = rng.randn4((2, 5, 7, 4));
    let w = rng.randn4((3, 3, 4, 8));
    let b = rng.randn4((1, 1, 1, 8));
    let (z, cache) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 2, pad: 1 });
    assert_eq!(z.dim(), (2, 3, 4, 8));
    let mean = z.mean().unwrap();
    assert!((mean - 0.5511276474566768).abs() <= 5e-15, "Z's mean = {mean}");
    close(
        "Z[0, 2, 1]",
        &z.slice(s![0, 2, 1, ..]).to_owned(),
        &[
            -2.17796037,
            8.07171329,
            -0.5772704,
            3.36286738,
            4.48113645,
            -2.89198428,
            10.99288867,
            3.03171932,
        ],
        5e-8,
    );
    close(
        "cache_conv[0][1][2][3]",
        &cache.a_prev.slice(s![1, 2, 3, ..]).to_owned(),
        &[-1.1191154, 1.9560789, -0.3264995, -1.34267579],
        5e-8,
    );
    // The public test's unseeded shape checks.
    let (z, _) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 1, pad: 3 });
    assert_eq!(z.dim(), (2, 9, 11, 8));
    let (z, _) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 2, pad: 0 });
    assert_eq!(z.dim(), (2, 2, 3, 8));
}

#[test]
fn conv_forward_gives_the_v2a_and_2017_figures() {
    // v2a (2020): the same draws with 10 examples.
    let mut rng = NumpyRng::new(1);
    let a_prev = rng.randn4((10, 5, 7, 4));
    let w = rng.randn4((3, 3, 4, 8));
    let b = rng.randn4((1, 1, 1, 8));
    let (z, _) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 2, pad: 1 });
    let mean = z.mean().unwrap();
    assert!((mean - 0.692360880758).abs() <= 5e-12, "v2a Z's mean = {mean}");
    close(
        "v2a Z[3, 2, 1]",
        &z.slice(s![3, 2, 1, ..]).to_owned(),
        &[
            -1.28912231,
            2.27650251,
            6.61941931,
            0.95527176,
            8.25132576,
            2.31329639,
            13.00689405,
            2.34576051,
        ],
        5e-8,
    );
    // 2017.
    let mut rng = NumpyRng::new(1);
    let a_prev = rng.randn4((10, 4, 4, 3));
    let w = rng.randn4((2, 2, 3, 8));
    let b = rng.randn4((1, 1, 1, 8));
    let (z, _) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 2, pad: 2 });
    let mean = z.mean().unwrap();
    assert!((mean - 0.0489952035289).abs() <= 5e-12, "2017 Z's mean = {mean}");
    close(
        "2017 Z[3, 2, 1]",
        &z.slice(s![3, 2, 1, ..]).to_owned(),
        &[
            -0.61490741,
            -6.7439236,
            -2.55153897,
            1.75698377,
            3.56208902,
            0.53036437,
            5.18531798,
            8.75898442,
        ],
        5e-8,
    );
}

#[test]
fn pool_forward_gives_the_notebook_arrays() {
    let mut rng = NumpyRng::new(1);
    let a_prev = rng.randn4((2, 5, 5, 3));
    let hp = PoolHparameters { f: 3, stride: 1 };
    let (a, _) = pool_forward(&a_prev, hp, PoolMode::Max);
    assert_eq!(a.dim(), (2, 3, 3, 3));
    close(
        "max A[1, 1]",
        &a.slice(s![1, 1, .., ..]).to_owned(),
        &[
            1.96710175, 0.84616065, 1.27375593, 1.96710175, 0.84616065, 1.23616403, 1.62765075, 1.12141771,
            1.2245077,
        ],
        5e-9,
    );
    let (a, _) = pool_forward(&a_prev, hp, PoolMode::Average);
    close(
        "average A[1, 1]",
        &a.slice(s![1, 1, .., ..]).to_owned(),
        &[
            0.44497696,
            -0.00261695,
            -0.31040307,
            0.50811474,
            -0.23493734,
            -0.23961183,
            0.11872677,
            0.17255229,
            -0.22112197,
        ],
        5e-9,
    );

    let hp = PoolHparameters { f: 3, stride: 2 };
    let (a, _) = pool_forward(&a_prev, hp, PoolMode::Max);
    assert_eq!(a.dim(), (2, 2, 2, 3));
    close(
        "max A[0] (stride 2)",
        &a.slice(s![0, .., .., ..]).to_owned(),
        &[
            1.74481176, 0.90159072, 1.65980218, 1.74481176, 1.6924546, 1.65980218, 1.13162939, 1.51981682,
            2.18557541, 1.13162939, 1.6924546, 2.18557541,
        ],
        5e-9,
    );
    let (a, _) = pool_forward(&a_prev, hp, PoolMode::Average);
    close(
        "average A[1] (stride 2)",
        &a.slice(s![1, .., .., ..]).to_owned(),
        &[
            -0.17313416,
            0.32377198,
            -0.34317572,
            0.02030094,
            0.14141479,
            -0.01231585,
            0.42944926,
            0.08446996,
            -0.27290905,
            0.15077452,
            0.28911175,
            0.00123239,
        ],
        5e-9,
    );
}

#[test]
fn conv_backward_gives_the_notebook_means() {
    let mut rng = NumpyRng::new(1);
    let a_prev = rng.randn4((10, 4, 4, 3));
    let w = rng.randn4((2, 2, 3, 8));
    let b = rng.randn4((1, 1, 1, 8));
    let (z, cache) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 2, pad: 2 });
    let (da, dw, db) = conv_backward(&z, &cache);
    assert_eq!((da.dim(), dw.dim(), db.dim()), (a_prev.dim(), w.dim(), b.dim()));
    let means = [da.mean().unwrap(), dw.mean().unwrap(), db.mean().unwrap()];
    let expected = [1.4524377775388075, 1.7269914583139097, 7.839232564616838];
    for (name, (got, want)) in ["dA", "dW", "db"].iter().zip(means.iter().zip(expected)) {
        assert!(
            (got - want).abs() <= 5e-14,
            "{name}_mean = {got}, expected {want}"
        );
    }
}

#[test]
fn create_mask_from_window_gives_the_notebook_masks() {
    let mut rng = NumpyRng::new(1);
    let x = rng.randn(2, 3);
    let mask = create_mask_from_window(x.view());
    assert_eq!(mask, array![[true, false, false], [false, false, false]]);
    let x = array![[-1.0, 2.0, 3.0], [2.0, -3.0, 2.0], [1.0, 5.0, -2.0]];
    let mask = create_mask_from_window(x.view());
    let expected = ndarray::Array2::from_shape_fn((3, 3), |(r, c)| (r, c) == (2, 1));
    assert_eq!(mask, expected);
}

#[test]
fn distribute_value_gives_the_notebook_arrays() {
    assert_eq!(distribute_value(2.0, (2, 2)), array![[0.5, 0.5], [0.5, 0.5]]);
    let a = distribute_value(100.0, (10, 10));
    assert!((a.sum() - 100.0).abs() <= 1e-12, "sum = {}", a.sum());
}

#[test]
fn pool_backward_gives_the_notebook_arrays() {
    let mut rng = NumpyRng::new(1);
    let a_prev = rng.randn4((5, 5, 3, 2));
    let hp = PoolHparameters { f: 2, stride: 1 };
    let (_, cache) = pool_forward(&a_prev, hp, PoolMode::Max);
    let da = rng.randn4((5, 4, 2, 2));
    let mean = da.mean().unwrap();
    assert!((mean - 0.14571390272918056).abs() <= 5e-15, "mean of dA = {mean}");
    let da_prev = pool_backward(&da, &cache, PoolMode::Max);
    close(
        "max dA_prev[1, 1]",
        &da_prev.slice(s![1, 1, .., ..]).to_owned(),
        &[0.0, 0.0, 5.05844394, -1.68282702, 0.0, 0.0],
        5e-9,
    );
    let da_prev = pool_backward(&da, &cache, PoolMode::Average);
    close(
        "average dA_prev[1, 1]",
        &da_prev.slice(s![1, 1, .., ..]).to_owned(),
        &[
            0.08485462,
            0.2787552,
            1.26461098,
            -0.25749373,
            1.17975636,
            -0.53624893,
        ],
        5e-9,
    );
}
