//! Fidelity of week10 (c4w4, "Face recognition" and "Art generation with
//! neural style transfer"): the reference solution reproduces every figure
//! of the original marked V in the curriculum's originals: triplet_loss's
//! five literal cases (2021+ public test) and total_cost's literal cases
//! and the 2019 notebook's seed-3 case (NumPy's legacy generator, reproduced
//! bit for bit by `dlc::NumpyRng`). The other figures of the original depend
//! on pretrained FaceNet and VGG weights or on TensorFlow's random ops (NR);
//! the formulas behind them (the Gram matrix on a literal matrix, the
//! content and layer style costs with the original's unrolling) are checked
//! against the NumPy implementation in tools/numpy/week10_face_style.py.
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week10/face.rs"]
mod face;
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week10/style.rs"]
mod style;

use dlc::NumpyRng;
use face::{triplet_loss, verify, who_is_it};
use ndarray::{Array1, Array4, array};
use style::{compute_content_cost, compute_layer_style_cost, compute_style_cost, gram_matrix, total_cost};

#[test]
fn triplet_loss_gives_the_original_literal_figures() {
    let ones = array![[1.0, 1.0]];
    let zeros = array![[0.0, 0.0]];
    assert_eq!(triplet_loss(&ones, &ones, &ones, 5.0), 5.0);
    assert_eq!(triplet_loss(&ones, &ones, &zeros, 3.0), 1.0);
    assert_eq!(triplet_loss(&ones, &zeros, &ones, 0.0), 2.0);
    assert_eq!(triplet_loss(&zeros, &zeros, &zeros, -2.0), 0.0);
    let two = array![[1.0, 0.0], [1.0, 0.0]];
    assert_eq!(
        triplet_loss(&two, &two, &array![[0.0, 1.0], [0.0, 1.0]], 3.0),
        2.0
    );
}

#[test]
fn total_cost_gives_the_original_figures() {
    assert_eq!(total_cost(0.2, 0.8, 10.0, 40.0), 34.0);
    assert!((total_cost(0.3, 0.5, 3.0, 8.0) - 4.9).abs() < 1e-15);
    // The 2019 notebook: np.random.seed(3); J_content = randn(); J_style = randn().
    let mut rng = NumpyRng::new(3);
    let (j_content, j_style) = (rng.standard_normal(), rng.standard_normal());
    // NumPy 2.4's draws (tools/numpy/week10_face_style.py), bit for bit.
    assert_eq!(j_content, 1.7886284734303186);
    assert_eq!(j_style, 0.43650985051198943);
    assert_eq!(total_cost(j_content, j_style, 10.0, 40.0), 35.34667875478276);
}

#[test]
fn gram_matrix_of_the_literal_matrix_matches_numpy() {
    let a = array![[1.0, -2.0], [0.5, 3.0], [-1.0, 4.0]];
    let g = gram_matrix(&a);
    assert_eq!(
        g,
        array![[5.0, -5.5, -9.0], [-5.5, 9.25, 11.5], [-9.0, 11.5, 17.0]]
    );
}

/// sin(k) and cos(k), k = 0 … 59, as (1, 3, 5, 4) (NumPy's reshape: row-major).
fn sin_cos() -> (Array4<f64>, Array4<f64>) {
    let k = Array1::range(0.0, 60.0, 1.0);
    let shape = (1, 3, 5, 4);
    (
        k.mapv(f64::sin).into_shape_with_order(shape).unwrap(),
        k.mapv(f64::cos).into_shape_with_order(shape).unwrap(),
    )
}

#[test]
fn the_costs_match_numpy_with_the_original_unrolling() {
    let (a, b) = sin_cos();
    let close = |got: f64, expected: f64| (got - expected).abs() <= 1e-12 * expected.abs();
    let content = compute_content_cost(&a, &b);
    assert!(close(content, 0.2509610378280986), "{content}");
    let layer = compute_layer_style_cost(&a, &b);
    assert!(close(layer, 9.098197399325138e-05), "{layer}");
    assert_eq!(compute_layer_style_cost(&a, &a), 0.0);
    assert_eq!(compute_content_cost(&a, &a), 0.0);
    // The style cost of one layer weighed 1 is that layer's cost.
    assert_eq!(compute_style_cost(&[(a.clone(), b.clone(), 1.0)]), layer);
}

#[test]
fn verification_and_recognition_follow_the_documented_rules() {
    let database = vec![
        ("alice".to_string(), array![1.0, 0.0]),
        ("bob".to_string(), array![0.0, 1.0]),
        ("bob_again".to_string(), array![0.0, 1.0]),
    ];
    // Strictly below the threshold opens; exactly at it does not.
    assert_eq!(
        verify(&array![0.0, 0.5], "bob", &database, 0.7),
        Some((0.5, true))
    );
    assert_eq!(
        verify(&array![0.0, 0.5], "bob", &database, 0.5),
        Some((0.5, false))
    );
    assert_eq!(verify(&array![0.0, 0.5], "carol", &database, 0.7), None);
    // On equal distances the first identity of the database stays.
    assert_eq!(
        who_is_it(&array![0.0, 0.9], &database, 0.7),
        (0.09999999999999998, Some("bob".to_string()))
    );
    let (dist, name) = who_is_it(&array![-1.0, -1.0], &database, 0.7);
    assert_eq!(name, None);
    assert!((dist - 5.0_f64.sqrt()).abs() < 1e-15);
}
