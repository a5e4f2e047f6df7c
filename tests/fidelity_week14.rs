//! Fidelity of week14 (c5w4, "Transformer Network"): the reference solution
//! reproduces the original's expected figures, every one marked V (reproduced
//! by NumPy) in the curriculum's originals: get_angles' test and example, the
//! positional encoding's test (sin² + cos² = 1, the angles recovered), both
//! masks, and scaled dot-product attention with and without the third key
//! masked (float32 figures, within 1e-7). The encoder's figures come from
//! TensorFlow's initialisers (NR); the encoder layer is checked instead
//! against an independent NumPy computation (tools/numpy/week14_transformer.py)
//! on the weights of one course case, drawn by the same generator.
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week14/transformer.rs"]
mod transformer;

use ndarray::{Array1, Array2, array, s};
use transformer::{
    EncoderWeights, MhaWeights, create_look_ahead_mask, create_padding_mask, encoder_layer, get_angles,
    positional_encoding, scaled_dot_product_attention,
};

mod fidelity;
use fidelity::close;

fn range(n: usize) -> Vec<f64> {
    (0..n).map(|p| p as f64).collect()
}

#[test]
fn get_angles_matches_the_test_and_the_example() {
    // The test (4, 16): row 0 sums to 0, column 0 to 6, even columns equal
    // odd ones, [3, 15] = 3 / 10000^(14/16).
    let k: Vec<usize> = (0..16).collect();
    let angles = get_angles(&range(4), &k, 16);
    assert_eq!(angles.dim(), (4, 16));
    assert_eq!(angles.row(0).sum(), 0.0);
    assert_eq!(angles.column(0).sum(), 6.0);
    assert_eq!(angles.slice(s![.., 0..;2]), angles.slice(s![.., 1..;2]));
    assert!((angles[[3, 15]] - 3.0 / 10000f64.powf(14.0 / 16.0)).abs() < 1e-15);
    // The example (4, 8): last row [3, 3, 0.3, 0.3, 0.03, 0.03, 0.003, 0.003].
    let k: Vec<usize> = (0..8).collect();
    let angles = get_angles(&range(4), &k, 8);
    close(
        "angles[3]",
        &angles.row(3).to_owned(),
        &[3.0, 3.0, 0.3, 0.3, 0.03, 0.03, 0.003, 0.003],
        1e-15,
    );
}

#[test]
fn get_angles_catches_the_exponent_without_floor() {
    // 2k/d instead of 2⌊k/2⌋/d changes every odd column: the (4, 8) example's
    // column 1 would be 3 / 10000^(1/8) ≈ 0.9487, not 3.
    let k: Vec<usize> = (0..8).collect();
    let angles = get_angles(&range(4), &k, 8);
    let wrong = 3.0 / 10000f64.powf(1.0 / 8.0);
    assert!((angles[[3, 1]] - wrong).abs() > 1.0);
}

#[test]
fn positional_encoding_matches_the_test() {
    // The test (8, 16): sin² + cos² = 1 in every pair of columns, and the
    // angles are recovered by atan2(sin, cos) (within 2π, for angles < π).
    let pe = positional_encoding(8, 16);
    assert_eq!(pe.dim(), (8, 16));
    let k: Vec<usize> = (0..16).collect();
    let angles = get_angles(&range(8), &k, 16);
    for p in 0..8 {
        for i in 0..8 {
            let (sin, cos) = (pe[[p, 2 * i]], pe[[p, 2 * i + 1]]);
            assert!(
                (sin * sin + cos * cos - 1.0).abs() < 1e-15,
                "pair {i} of position {p}"
            );
            let recovered = sin.atan2(cos).rem_euclid(2.0 * std::f64::consts::PI);
            let expected = angles[[p, 2 * i]].rem_euclid(2.0 * std::f64::consts::PI);
            assert!((recovered - expected).abs() < 1e-12, "angle {i} of position {p}");
        }
    }
    // (50, 512) → the original's (1, 50, 512) without its batch axis.
    assert_eq!(positional_encoding(50, 512).dim(), (50, 512));
}

#[test]
fn masks_match_the_notebook() {
    // 2023 convention: 1 keeps a token.
    let x = array![
        [7.0, 6.0, 0.0, 0.0, 1.0],
        [1.0, 2.0, 3.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 4.0, 5.0]
    ];
    let expected = array![
        [1.0, 1.0, 0.0, 0.0, 1.0],
        [1.0, 1.0, 1.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 1.0, 1.0]
    ];
    assert_eq!(create_padding_mask(&x), expected);
    // 2021's mask is its complement.
    assert_eq!(
        create_padding_mask(&x).mapv(|m| 1.0 - m),
        x.mapv(|t| if t == 0.0 { 1.0 } else { 0.0 })
    );
    assert_eq!(
        create_look_ahead_mask(3),
        array![[1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]
    );
}

/// The notebook's q, k, v.
fn notebook_qkv() -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    (
        array![[1.0, 0.0, 1.0, 1.0], [0.0, 1.0, 1.0, 1.0], [1.0, 0.0, 0.0, 1.0]],
        array![
            [1.0, 1.0, 0.0, 1.0],
            [1.0, 0.0, 1.0, 1.0],
            [0.0, 1.0, 1.0, 0.0],
            [0.0, 0.0, 0.0, 1.0]
        ],
        array![[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 1.0]],
    )
}

#[test]
fn attention_matches_the_notebook_without_a_mask() {
    let (q, k, v) = notebook_qkv();
    let (output, weights) = scaled_dot_product_attention(&q, &k, &v, None);
    close(
        "weights",
        &weights,
        &[
            0.2589478, 0.42693272, 0.15705977, 0.15705977, 0.2772748, 0.2772748, 0.2772748, 0.16817567,
            0.33620113, 0.33620113, 0.12368149, 0.2039163,
        ],
        1e-7,
    );
    close(
        "output",
        &output,
        &[
            0.74105227, 0.15705977, 0.7227253, 0.16817567, 0.6637989, 0.2039163,
        ],
        1e-7,
    );
}

#[test]
fn attention_matches_the_notebook_with_the_third_key_masked() {
    // 2023: mask [[1, 1, 0, 1]] (2021's [[0, 0, 1, 0]] in the other convention).
    let (q, k, v) = notebook_qkv();
    let mask = array![[1.0, 1.0, 0.0, 1.0]];
    let (output, weights) = scaled_dot_product_attention(&q, &k, &v, Some(&mask));
    close(
        "weights",
        &weights,
        &[
            0.3071959, 0.5064804, 0.0, 0.18632373, 0.38365173, 0.38365173, 0.0, 0.23269655, 0.38365173,
            0.38365173, 0.0, 0.23269655,
        ],
        1e-7,
    );
    // The masked key's weight is exactly 0, and every row sums to 1.
    assert!(weights.column(2).iter().all(|&w| w == 0.0));
    for row in weights.rows() {
        assert!((row.sum() - 1.0).abs() < 1e-15);
    }
    close(
        "output",
        &output,
        &[
            0.6928041, 0.18632373, 0.61634827, 0.23269655, 0.61634827, 0.23269655,
        ],
        1e-7,
    );
}

/// The weights of the NumPy cross-check: one fixed, simple recipe both
/// sides can build without a generator (entries from sin of their index).
fn fixed(rows: usize, cols: usize, phase: f64, scale: f64) -> Array2<f64> {
    Array2::from_shape_fn((rows, cols), |(i, j)| {
        scale * ((i * cols + j) as f64 + phase).sin()
    })
}

fn fixed1(n: usize, phase: f64, scale: f64) -> Array1<f64> {
    Array1::from_shape_fn(n, |j| scale * (j as f64 + phase).sin())
}

#[test]
fn encoder_layer_matches_numpy() {
    // tools/numpy/week14_transformer.py builds the same x and weights and
    // prints the encoder layer's output (2 heads, d_model 4, dff 6, the mask
    // [[1, 1, 0]]): the numbers below.
    let (d, dff) = (4, 6);
    let x = fixed(3, d, 0.0, 1.0);
    let mha = MhaWeights {
        wq: fixed(d, d, 1.0, 0.5),
        bq: fixed1(d, 2.0, 0.1),
        wk: fixed(d, d, 3.0, 0.5),
        bk: fixed1(d, 4.0, 0.1),
        wv: fixed(d, d, 5.0, 0.5),
        bv: fixed1(d, 6.0, 0.1),
        wo: fixed(d, d, 7.0, 0.5),
        bo: fixed1(d, 8.0, 0.1),
    };
    let weights = EncoderWeights {
        mha,
        gamma1: fixed1(d, 9.0, 0.1) + 1.0,
        beta1: fixed1(d, 10.0, 0.1),
        w1: fixed(d, dff, 11.0, 0.5),
        b1: fixed1(dff, 12.0, 0.1),
        w2: fixed(dff, d, 13.0, 0.5),
        b2: fixed1(d, 14.0, 0.1),
        gamma2: fixed1(d, 15.0, 0.1) + 1.0,
        beta2: fixed1(d, 16.0, 0.1),
    };
    let out = encoder_layer(&x, &weights, 2, Some(&array![[1.0, 1.0, 0.0]]));
    close("encoder_layer", &out, &NUMPY_ENCODER_LAYER, 1e-12);
}

/// Printed by tools/numpy/week14_transformer.py.
const NUMPY_ENCODER_LAYER: [f64; 12] = [
    -1.0578366769791938,
    0.9357978513442657,
    0.7699246428872097,
    -0.938787530661692,
    -0.4551204935988347,
    -1.1482283851847508,
    -0.20436809723338925,
    1.5194274383392312,
    1.461691135800448,
    0.34690051603167077,
    -0.7001600297710024,
    -1.0616922068584398,
];
