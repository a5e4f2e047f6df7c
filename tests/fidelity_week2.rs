//! Fidelity of week2 (c1w3): the reference solution, trained as the original
//! notebook trains it (`nn_model(X, Y, n_h = 4, num_iterations = 10000)`,
//! learning rate 1.2, generator seeded with 3, on `planar(1, 400)`), gives the
//! original figures.
//!
//! Iterations 0 and 1000 and the accuracy are checked against the original
//! figures (cost 0.693162, 0.258625; 90.75 %), which an independent NumPy run
//! (`tools/numpy/week2_planar.py`) reproduces too. Iteration 9000 is checked
//! more loosely: with learning rate 1.2 the run oscillates after about
//! iteration 6500, and last-bit rounding differences between implementations
//! grow there. Published and measured values at 9000 spread over 0.218480 …
//! 0.218485 (original notebook 0.218485, NumPy runs 0.218481–0.218483, this
//! reference 0.2184804), and equally correct NumPy variants (an einsum, a
//! `* (1/m)`) move it by up to 4.4e-5; so 9000 is checked within 5e-5.
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week2/planar.rs"]
mod planar;

#[test]
fn full_training_reproduces_the_original_figures() {
    let (x, y) = dlc::data::planar(1, 400);
    assert_eq!(x[[0, 0]], 1.204442292254319);
    let (parameters, costs) = planar::nn_model(&x, &y, 4, 10_000, 1.2);
    assert_eq!(costs.len(), 10_000);

    let close = |i: usize, expected: f64, tol: f64| {
        assert!(
            (costs[i] - expected).abs() <= tol,
            "cost after iteration {i}: {} (expected {expected} ± {tol})",
            costs[i]
        );
    };
    close(0, 0.693162, 1e-6);
    close(1000, 0.258625, 1e-6);
    close(9000, 0.218483, 5e-5);

    let predictions = planar::predict(&parameters, &x);
    let correct = predictions.iter().zip(y.iter()).filter(|(p, t)| p == t).count();
    let accuracy = 100.0 * correct as f64 / y.len() as f64;
    assert_eq!(accuracy, 90.75, "training accuracy");
}

#[test]
fn initialisation_matches_the_notebook() {
    // np.random.seed(2); initialize_parameters(2, 4, 1): the notebook's W1.
    let mut rng = dlc::NumpyRng::new(2);
    let p = planar::initialize_parameters(2, 4, 1, &mut rng);
    let expected = [
        [-0.00416758, -0.00056267],
        [-0.02136196, 0.01640271],
        [-0.01793436, -0.00841747],
        [0.00502881, -0.01245288],
    ];
    for (i, row) in expected.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            assert!(
                (p["W1"][[i, j]] - v).abs() < 5e-9,
                "W1[{i},{j}] = {}",
                p["W1"][[i, j]]
            );
        }
    }
}
