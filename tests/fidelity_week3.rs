//! Week 3's reference solution against the original notebook's printed
//! figures ("Expected output"), compiled directly from `solutions/`.

#[rustfmt::skip]
#[path = "../solutions/week3/deep_nn.rs"]
#[allow(dead_code)]
mod deep_nn;

use ndarray::{Array2, array};

fn assert_close(name: &str, got: &Array2<f64>, printed: &Array2<f64>) {
    assert_eq!(got.shape(), printed.shape(), "{name}: shape");
    for (g, p) in got.iter().zip(printed) {
        // The notebook prints 8 significant digits.
        assert!(
            (g - p).abs() <= 5e-9 + 1e-7 * p.abs(),
            "{name}: {got} vs printed {printed}"
        );
    }
}

#[test]
fn initialize_parameters_prints_the_notebook_numbers() {
    let p = deep_nn::initialize_parameters(3, 2, 1);
    assert_close(
        "W1",
        &p["W1"],
        &array![
            [0.01624345, -0.00611756, -0.00528172],
            [-0.01072969, 0.00865408, -0.02301539]
        ],
    );
    assert_close("b1", &p["b1"], &array![[0.0], [0.0]]);
    assert_close("W2", &p["W2"], &array![[0.01744812, -0.00761207]]);
    assert_close("b2", &p["b2"], &array![[0.0]]);
}

#[test]
fn initialize_parameters_deep_prints_the_notebook_numbers() {
    let p = deep_nn::initialize_parameters_deep(&[5, 4, 3]);
    assert_close(
        "W1",
        &p["W1"],
        &array![
            [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
            [-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218],
            [-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034],
            [-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068]
        ],
    );
    assert_close(
        "W2",
        &p["W2"],
        &array![
            [-0.01185047, -0.0020565, 0.01486148, 0.00236716],
            [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
            [-0.00768836, -0.00230031, 0.00745056, 0.01976111]
        ],
    );
    assert_close("b2", &p["b2"], &array![[0.0], [0.0], [0.0]]);
}

#[test]
fn the_forward_pass_and_cost_print_the_notebook_numbers() {
    // linear_forward_test_case(): np.random.seed(1); A = randn(3,2); W = randn(1,3); b = randn(1,1).
    let mut rng = dlc::NumpyRng::new(1);
    let (a, w, b) = (rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1));
    let (z, _) = deep_nn::linear_forward(&a, &w, &b);
    assert_close("Z", &z, &array![[3.26295337, -1.23429987]]);
    // compute_cost_test_case(): Y = [[1, 1, 0]], AL = [[.8, .9, .4]] → 0.2797765635793422.
    let cost = deep_nn::compute_cost(&array![[0.8, 0.9, 0.4]], &array![[1.0, 1.0, 0.0]]);
    assert!((cost - 0.2797765635793422).abs() < 1e-15, "{cost}");
}
