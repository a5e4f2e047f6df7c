//! Fidelity of week8 (c4w2, "Residual networks"): the reference solution,
//! fed the original notebook's identity_block inputs (X = three 4 × 4 × 3
//! images of −1, 1 and 3; every kernel 1, every bias 0; a fresh
//! BatchNormalization: mean 0, variance 1, γ 1, β 0, ε 0.001), prints the
//! original's expected figures (2021+ notebook and its public test; each
//! marked V, reproduced by NumPy, in the curriculum's originals). The
//! original computes in float32 (TensorFlow); this course in f64, so the
//! printed figures are met within f32 noise (≤ 3e-5).
//!
//! The convolutional block's original figure is not reproducible (TensorFlow's
//! glorot_uniform initialiser); its all-ones variant is checked against the
//! independent NumPy implementation in tools/numpy/week8_resnet.py.
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week8/resnet.rs"]
mod resnet;

use ndarray::{Array1, Array2, Array4, Axis, array, concatenate, s};
use resnet::{
    BatchNorm, ConvBlockWeights, ConvBn, IdentityWeights, Padding, conv2d, convolutional_block,
    identity_block,
};

/// The original's input: three (1, 4, 4, 3) images of −1, 1 and 3, stacked.
fn notebook_x() -> Array4<f64> {
    let block = |v: f64| Array4::from_elem((1, 4, 4, 3), v);
    concatenate(
        Axis(0),
        &[block(-1.0).view(), block(1.0).view(), block(3.0).view()],
    )
    .unwrap()
}

/// A layer initialised as the original's test does: kernels `constant(1)`,
/// bias 0, a fresh BatchNormalization.
fn ones_layer(f: usize, n_c_prev: usize, n_c: usize) -> ConvBn {
    ConvBn {
        w: Array4::ones((f, f, n_c_prev, n_c)),
        b: Array1::zeros(n_c),
        bn: BatchNorm {
            gamma: Array1::ones(n_c),
            beta: Array1::zeros(n_c),
            moving_mean: Array1::zeros(n_c),
            moving_var: Array1::ones(n_c),
        },
    }
}

fn ones_identity(f: usize, [f1, f2, f3]: [usize; 3]) -> IdentityWeights {
    IdentityWeights {
        conv1: ones_layer(1, 3, f1),
        conv2: ones_layer(f, f1, f2),
        conv3: ones_layer(1, f2, f3),
    }
}

/// What the notebook prints: `A[:, (0, -1), :, :].mean(axis=3)`, (3, 2, 4).
fn first_and_last_rows_mean(a: &Array4<f64>) -> Vec<Array2<f64>> {
    let last = a.dim().1 - 1;
    (0..a.dim().0)
        .map(|i| {
            let rows = concatenate(
                Axis(0),
                &[
                    a.slice(s![i, 0..1, .., ..]),
                    a.slice(s![i, last..last + 1, .., ..]),
                ],
            )
            .unwrap();
            rows.mean_axis(Axis(2)).unwrap()
        })
        .collect()
}

/// Every value within `tol` of the printed figure.
fn close(what: &str, got: &Array2<f64>, expected: &Array2<f64>, tol: f64) {
    assert_eq!(got.dim(), expected.dim(), "{what}");
    for (g, e) in got.iter().zip(expected) {
        assert!((g - e).abs() <= tol, "{what}: {got} expected {expected}");
    }
}

/// f32 noise of the original's TensorFlow run.
const F32_NOISE: f64 = 3e-5;

#[test]
fn identity_block_inference_gives_the_public_test_figures() {
    let a = identity_block(&notebook_x(), 2, [4, 4, 3], &ones_identity(2, [4, 4, 3]), false);
    assert_eq!(a.dim(), (3, 4, 4, 3));
    let means = first_and_last_rows_mean(&a);
    close("example 0", &means[0], &Array2::zeros((2, 4)), 0.0);
    close(
        "example 1",
        &means[1],
        &array![
            [192.71236, 192.71236, 192.71236, 96.85619],
            [96.85619, 96.85619, 96.85619, 48.9281]
        ],
        F32_NOISE,
    );
    close(
        "example 2",
        &means[2],
        &array![
            [578.1371, 578.1371, 578.1371, 290.56854],
            [290.56854, 290.56854, 290.56854, 146.78427]
        ],
        F32_NOISE,
    );
    // The curriculum's f64 figure.
    assert!(
        (means[1][[0, 0]] - 192.7123596).abs() <= 5e-8,
        "{}",
        means[1][[0, 0]]
    );
}

#[test]
fn identity_block_training_f3_gives_the_public_test_figures() {
    let a = identity_block(&notebook_x(), 3, [3, 3, 3], &ones_identity(3, [3, 3, 3]), true);
    let means = first_and_last_rows_mean(&a);
    close("example 0", &means[0], &Array2::zeros((2, 4)), 0.0);
    close(
        "example 1",
        &means[1],
        &Array2::from_elem((2, 4), 0.37394285),
        F32_NOISE,
    );
    let row = [3.2379014, 4.1394243, 4.1394243, 3.2379014];
    close("example 2", &means[2], &array![row, row], F32_NOISE);
}

#[test]
fn identity_block_training_f2_gives_the_cell_figures() {
    let a = identity_block(&notebook_x(), 2, [3, 3, 3], &ones_identity(2, [3, 3, 3]), true);
    let means = first_and_last_rows_mean(&a);
    close("example 0", &means[0], &Array2::zeros((2, 4)), 0.0);
    close(
        "example 1",
        &means[1],
        &Array2::from_elem((2, 4), 0.40739),
        F32_NOISE,
    );
    close(
        "example 2",
        &means[2],
        &array![
            [4.99991, 4.99991, 4.99991, 3.25948],
            [3.25948, 3.25948, 3.25948, 2.40739]
        ],
        F32_NOISE,
    );
}

#[test]
fn convolutional_block_all_ones_matches_numpy() {
    let weights = ConvBlockWeights {
        conv1: ones_layer(1, 3, 2),
        conv2: ones_layer(2, 2, 4),
        conv3: ones_layer(1, 4, 6),
        shortcut: ones_layer(1, 3, 6),
    };
    // tools/numpy/week8_resnet.py: A[:, 0, 0] and A[:, 1, 1], every channel alike.
    for (training, corner, last) in [
        (
            false,
            [0.0, 98.8546809143, 296.5640427429],
            [0.0, 26.9625460716, 80.8876382149],
        ),
        (true, [0.0, 0.0, 4.1300532], [0.0, 0.0, 0.9605980982]),
    ] {
        let a = convolutional_block(&notebook_x(), 2, [2, 4, 6], 2, &weights, training);
        assert_eq!(a.dim(), (3, 2, 2, 6));
        for i in 0..3 {
            for c in 0..6 {
                assert!(
                    (a[[i, 0, 0, c]] - corner[i]).abs() <= 5e-7,
                    "training {training}: A[{i}, 0, 0] = {}",
                    a[[i, 0, 0, c]]
                );
                assert!(
                    (a[[i, 1, 1, c]] - last[i]).abs() <= 5e-7,
                    "training {training}: A[{i}, 1, 1] = {}",
                    a[[i, 1, 1, c]]
                );
            }
        }
    }
}

#[test]
fn conv2d_same_puts_an_even_kernels_extra_zeros_after() {
    // One image of ones, one 2 × 2 kernel of ones: 'same' pads one row and one
    // column of zeros after (TensorFlow), so only the last row and column lose
    // a term.
    let x = Array4::ones((1, 3, 3, 1));
    let z = conv2d(&x, &Array4::ones((2, 2, 1, 1)), &array![0.5], 1, Padding::Same);
    let expected = array![[4.5, 4.5, 2.5], [4.5, 4.5, 2.5], [2.5, 2.5, 1.5]];
    assert_eq!(z.slice(s![0, .., .., 0]), expected);
}
