//! Fidelity of week4 (c2w1): the reference solutions reproduce the original
//! notebooks' figures.
//!
//! The data are the original's exactly (`dlc::data::circles` is NumPy- and
//! scikit-learn-exact), the generator is NumPy's, and the given code does the
//! arithmetic in NumPy's order, so the figures come out: the Gradient Checking
//! differences bit for bit (0.2850931567761623 and 1.1890913024229996e-07, the
//! latter pure rounding noise), the Initialization losses to ~1e-15 (BLAS and
//! ndarray sum in different orders). The NumPy side is printed by
//! `tools/numpy/week4_reference.py`, the original code.
//!
//! The full runs (15 000 iterations, train accuracy 50 % / 83 % / 99.3 %) take
//! about 3 s each with the test profile's opt-level 1 (Cargo.toml), one test
//! per initialiser so that they run in parallel; at opt-level 0 they took
//! about a minute each.

#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week4/gradient_checking.rs"]
mod gradient_checking;
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week4/initialization.rs"]
mod initialization;
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week4/regularization.rs"]
mod regularization;

use dlc::NumpyRng;
use ndarray::{Array2, array};

use initialization::Initialization;

/// |got − expected| ≤ rel·|expected|, element by element.
fn assert_close(what: &str, got: &[f64], expected: &[f64], rel: f64) {
    assert_eq!(got.len(), expected.len(), "{what}: {got:?} vs {expected:?}");
    for (g, e) in got.iter().zip(expected) {
        assert!(
            (g - e).abs() <= rel * e.abs() || (g == e),
            "{what}: got {got:?}, expected {expected:?} (rel {rel:e})"
        );
    }
}

/// Printed to 8 decimals by the notebook: within 5e-9 of each printed value.
fn assert_printed(what: &str, got: &Array2<f64>, printed: &Array2<f64>) {
    assert_eq!(got.dim(), printed.dim(), "{what}");
    for (g, p) in got.iter().zip(printed) {
        assert!(
            (g - p).abs() <= 5e-9,
            "{what}: got {got}, the notebook printed {printed}"
        );
    }
}

fn circles_train() -> (Array2<f64>, Array2<f64>) {
    dlc::data::circles(300, 0.05, 1)
}

// ---------------------------------------------------------------------------
// Gradient Checking
// ---------------------------------------------------------------------------

/// The original `gradient_check_n_test_case()` (np.random.seed(1)).
fn gradient_check_n_test_case() -> (Array2<f64>, Array2<f64>, gradient_checking::Parameters) {
    let mut rng = NumpyRng::new(1);
    let x = rng.randn(4, 3);
    let mut p = gradient_checking::Parameters::new();
    for (k, r, c) in [
        ("W1", 5, 4),
        ("b1", 5, 1),
        ("W2", 3, 5),
        ("b2", 3, 1),
        ("W3", 1, 3),
        ("b3", 1, 1),
    ] {
        p.insert(k.to_string(), rng.randn(r, c));
    }
    (x, array![[1.0, 1.0, 0.0]], p)
}

#[test]
fn gradient_checking_reproduces_the_notebook_differences() {
    use gradient_checking::*;
    // 1-D: x, θ = 2, 4 (and the later notebook's 3, 4), ε = 1e-7. Rounding
    // noise too, and bit for bit NumPy's.
    assert_eq!(gradient_check(2.0, 4.0, 1e-7), 2.919335883291695e-10);
    assert_eq!(gradient_check(3.0, 4.0, 1e-7), 7.814075313343006e-11);
    assert_eq!(forward_propagation_1d(2.0, 4.0), 8.0);
    assert_eq!(backward_propagation_1d(2.0, 4.0), 2.0);

    let (x, y, p) = gradient_check_n_test_case();
    let (_, cache) = forward_propagation_n(&x, &y, &p);
    // The given backward pass with its two planted bugs. The original prints
    // 0.2850931567761623 (NumPy 2.4 on this machine: ...624, one ulp away).
    let buggy = gradient_check_n(&p, &backward_propagation_n_buggy(&x, &y, &cache), &x, &y, 1e-7);
    assert_close(
        "difference, buggy backward pass",
        &[buggy],
        &[0.2850931567761623],
        1e-14,
    );
    // Fixed: the difference is rounding noise of the centred differences
    // (ulp(J)/(2ε) per entry), so it depends on the exact order of every
    // operation of the forward pass; it matches NumPy's bit for bit today.
    // A change of ndarray's summation order could move it by tens of per cent;
    // it would still be far below the original's 2e-7 threshold.
    let fixed = gradient_check_n(&p, &backward_propagation_n(&x, &y, &cache), &x, &y, 1e-7);
    assert_close(
        "difference, fixed backward pass",
        &[fixed],
        &[1.1890913024229996e-07],
        1e-12,
    );
    assert!(fixed < 2e-7 && buggy > 2e-7);
}

// ---------------------------------------------------------------------------
// Initialization
// ---------------------------------------------------------------------------

#[test]
fn the_initialisers_print_the_notebook_weights() {
    let random = initialization::initialize_parameters_random(&[3, 2, 1]);
    assert_printed(
        "random W1",
        &random["W1"],
        &array![
            [17.88628473, 4.36509851, 0.96497468],
            [-18.63492703, -2.77388203, -3.54758979]
        ],
    );
    let he = initialization::initialize_parameters_he(&[2, 4, 1]);
    assert_printed(
        "He W1",
        &he["W1"],
        &array![
            [1.78862847, 0.43650985],
            [0.09649747, -1.8634927],
            [-0.2773882, -0.35475898],
            [-0.08274148, -0.62700068]
        ],
    );
    assert_printed(
        "He W2",
        &he["W2"],
        &array![[-0.03098412, -0.33744411, -0.92904268, 0.62552248]],
    );
    let zeros = initialization::initialize_parameters_zeros(&[3, 2, 1]);
    assert!(zeros.values().all(|a| a.iter().all(|&v| v == 0.0)));
    assert_eq!(
        (zeros["W1"].dim(), zeros["b1"].dim(), zeros["W2"].dim()),
        ((2, 3), (2, 1), (1, 2))
    );
}

#[test]
fn he_training_follows_numpy_for_1000_iterations() {
    // The notebook's model (learning rate 0.01) with He initialisation, the
    // loss every 100 iterations; NumPy's figures (the original printed
    // 0.8830537463419761 at iteration 0 and 0.6879825919728063 at 1000).
    let numpy = [
        0.8830537463419761,
        0.7346784586053027,
        0.7112610964828228,
        0.7042359602117263,
        0.7009776657576196,
        0.6982311169302461,
        0.6958720071314715,
        0.6932785049233647,
        0.691189990471586,
        0.6894809912581973,
    ];
    let (x, y) = circles_train();
    let (_, costs) = initialization::model(&x, &y, 0.01, 1000, 100, Initialization::He);
    // Matrix products and sums add in another order than BLAS and NumPy's
    // pairwise sum: ~1e-15 apart, and the run does not amplify it.
    assert_close("He losses", &costs, &numpy, 1e-12);
}

#[test]
fn zeros_never_break_the_symmetry_and_random_starts_at_an_infinite_loss() {
    let (x, y) = circles_train();
    let (p, costs) = initialization::model(&x, &y, 0.01, 200, 50, Initialization::Zeros);
    // The loss stays at ln 2 (NumPy: 0.6931471805599453 at every step).
    assert_close("zeros losses", &costs, &[std::f64::consts::LN_2; 4], 1e-13);
    assert_eq!(initialization::predict(&x, &y, &p).1, 0.5);

    // Random ×10: some sigmoid is exactly 1 where Y = 0, so the first loss is
    // infinite, as the original prints; NumPy's loss at iteration 100 is
    // 3.8894477209520546. After that the run is chaotic (a saturated unit
    // flips on the last bit) and leaves NumPy's within a few hundred steps,
    // yet it ends at the same 83 % (see the full runs).
    let (_, costs) = initialization::model(&x, &y, 0.01, 101, 100, Initialization::Random);
    assert_eq!(costs[0], f64::INFINITY);
    assert_close("random loss at 100", &costs[1..], &[3.8894477209520546], 1e-9);
}

/// The notebook's full run (15 000 iterations at 0.01) and the train and test
/// accuracies the original prints.
fn full_run(init: Initialization, train: f64, test: f64) -> Vec<f64> {
    let (x, y) = circles_train();
    let (test_x, test_y) = dlc::data::circles(100, 0.05, 2);
    let (p, costs) = initialization::model(&x, &y, 0.01, 15000, 1000, init);
    assert_eq!(
        initialization::predict(&x, &y, &p).1,
        train,
        "{init:?} train accuracy"
    );
    assert_eq!(
        initialization::predict(&test_x, &test_y, &p).1,
        test,
        "{init:?} test accuracy"
    );
    costs
}

#[test]
fn full_run_with_zeros_reaches_50_percent() {
    full_run(Initialization::Zeros, 0.5, 0.5);
}

#[test]
fn full_run_with_random_reaches_83_percent() {
    full_run(Initialization::Random, 0.83, 0.86);
}

#[test]
fn full_run_with_he_reaches_99_percent() {
    let costs = full_run(Initialization::He, 0.9933333333333333, 0.96);
    // NumPy: 0.07357895962677363 (the original printed ...366).
    assert_close("He final loss", &costs[14..], &[0.07357895962677363], 1e-12);
}

// ---------------------------------------------------------------------------
// Regularization
// ---------------------------------------------------------------------------

/// The draws of the original forward/backward test cases (np.random.seed(1)).
fn regularization_test_case() -> (Array2<f64>, regularization::Parameters) {
    let mut rng = NumpyRng::new(1);
    let x = rng.randn(3, 5);
    let mut p = regularization::Parameters::new();
    for (k, r, c) in [
        ("W1", 2, 3),
        ("b1", 2, 1),
        ("W2", 3, 2),
        ("b2", 3, 1),
        ("W3", 1, 3),
        ("b3", 1, 1),
    ] {
        p.insert(k.to_string(), rng.randn(r, c));
    }
    (x, p)
}

#[test]
fn regularization_reproduces_the_notebook_outputs() {
    use regularization::*;
    // compute_cost_with_regularization_test_case(), λ = 0.1: the notebook
    // prints 1.78648594516; NumPy gives 1.7864859451590758.
    let mut rng = NumpyRng::new(1);
    let mut p = Parameters::new();
    for (k, r, c) in [
        ("W1", 2, 3),
        ("b1", 2, 1),
        ("W2", 3, 2),
        ("b2", 3, 1),
        ("W3", 1, 3),
        ("b3", 1, 1),
    ] {
        p.insert(k.to_string(), rng.randn(r, c));
    }
    let a3 = array![[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]];
    let y = array![[1.0, 1.0, 0.0, 1.0, 0.0]];
    let cost = compute_cost_with_regularization(&a3, &y, &p, 0.1);
    assert_close("regularised cost", &[cost], &[1.7864859451590758], 1e-14);

    // forward_propagation_with_dropout(X, parameters, keep_prob = 0.7), masks
    // drawn after np.random.seed(1).
    let (x, p) = regularization_test_case();
    let (a3, cache) = forward_propagation_with_dropout(&x, &p, 0.7, 1);
    assert_printed(
        "dropout A3",
        &a3,
        &array![[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]],
    );
    assert!(
        cache
            .d1
            .iter()
            .chain(cache.d2.iter())
            .all(|&d| d == 0.0 || d == 1.0)
    );

    // backward_propagation_with_regularization(..., lambd = 0.7): the
    // notebook's cache is this forward pass, typed in to 8 digits.
    let (_, cache) = reg_forward_propagation(&x, &p);
    let grads = backward_propagation_with_regularization(&x, &y, &cache, 0.7);
    assert_printed(
        "dW1",
        &grads["dW1"],
        &array![
            [-0.25604646, 0.12298827, -0.28297129],
            [-0.17706303, 0.34536094, -0.4410571]
        ],
    );
    assert_printed(
        "dW2",
        &grads["dW2"],
        &array![
            [0.79276486, 0.85133918],
            [-0.0957219, -0.01720463],
            [-0.13100772, -0.03750433]
        ],
    );
    assert_printed(
        "dW3",
        &grads["dW3"],
        &array![[-1.77691347, -0.11832879, -0.09397446]],
    );
}

#[test]
fn the_regularization_set_of_dlc_is_the_given_reg_dataset() {
    // `dl-course run week4` draws dlc's copy; the learner's file gives its own.
    for (m, seed) in [(211, 1), (200, 2)] {
        assert_eq!(
            dlc::data::reg_dataset(m, seed),
            regularization::reg_dataset(m, seed)
        );
    }
}
