//! Week 3's application (app.rs) on the vendored digits ("is it an 8?"): the
//! figures quoted in course/week3/instructions/{two_layer_model,l_layer_model}.md,
//! compiled directly from `solutions/`.
//!
//! Each run trains on all 1348 training digits for 2500 iterations, which
//! takes 10–30 s in a debug build: the tests run in optimised builds
//! (`cargo test --release --test fidelity_week3_app`) and are skipped in
//! debug builds unless asked for (`cargo test --test fidelity_week3_app --
//! --include-ignored`).

#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week3/app.rs"]
#[allow(dead_code)]
mod app;
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week3/deep_nn.rs"]
#[allow(dead_code)]
mod deep_nn;

use ndarray::{Array2, Array3};

/// Week 1's preprocessing: NumPy's `images.reshape(m, -1).T / 16`.
fn flatten(images: &Array3<f64>) -> Array2<f64> {
    let (m, h, w) = images.dim();
    images.to_shape((m, h * w)).unwrap().t().to_owned() / dlc::data::DIGITS_PIXEL_MAX
}

struct Digits {
    x_train: Array2<f64>,
    y_train: Array2<f64>,
    x_test: Array2<f64>,
    y_test: Array2<f64>,
}

fn eights() -> Digits {
    let set = dlc::data::digits(8).unwrap();
    Digits {
        x_train: flatten(&set.train_x),
        y_train: set.train_y,
        x_test: flatten(&set.test_x),
        y_test: set.test_y,
    }
}

fn right(p: &Array2<f64>, y: &Array2<f64>) -> usize {
    p.iter().zip(y).filter(|(a, b)| a == b).count()
}

fn assert_cost(name: &str, got: f64, quoted: f64) {
    assert!((got - quoted).abs() <= 5e-7, "{name}: {got} vs quoted {quoted}");
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in a debug build: run with --release or --include-ignored"
)]
fn two_layer_model_gives_the_quoted_figures() {
    let d = eights();
    let (parameters, costs) = app::two_layer_model(&d.x_train, &d.y_train, (64, 7, 1), 0.5, 2500);
    assert_eq!(costs.len(), 25);
    assert_cost("cost 0", costs[0], 0.693390);
    assert_cost("cost 100", costs[1], 0.204463);
    assert_cost("cost 1000", costs[10], 0.068139);
    assert_cost("cost 2400", costs[24], 0.022980);
    // 99.48 % of 1348 and 96.66 % of 449.
    assert_eq!(right(&app::predict(&d.x_train, &parameters), &d.y_train), 1341);
    assert_eq!(right(&app::predict(&d.x_test, &parameters), &d.y_test), 434);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in a debug build: run with --release or --include-ignored"
)]
fn l_layer_model_gives_the_quoted_figures() {
    let d = eights();
    let (parameters, costs) = app::l_layer_model(&d.x_train, &d.y_train, &[64, 16, 8, 1], 0.5, 2500);
    assert_eq!(costs.len(), 25);
    assert_cost("cost 0", costs[0], 0.693142);
    // The plateau of the small initialisation, then the descent.
    assert_cost("cost 100", costs[1], 0.313862);
    assert_cost("cost 500", costs[5], 0.313137);
    assert_cost("cost 700", costs[7], 0.169935);
    assert_cost("cost 2400", costs[24], 0.001423);
    // 100 % of 1348 and 98.00 % of 449.
    assert_eq!(right(&app::predict(&d.x_train, &parameters), &d.y_train), 1348);
    assert_eq!(right(&app::predict(&d.x_test, &parameters), &d.y_test), 440);
    assert_eq!(
        app::accuracy(&app::predict(&d.x_train, &parameters), &d.y_train),
        100.0
    );
}

/// The original application's 4-layer shape with the step-by-step
/// initialisation (randn · 0.01) never leaves the plateau: it answers
/// "not an 8" everywhere.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in a debug build: run with --release or --include-ignored"
)]
fn the_original_four_layer_shape_stays_on_the_plateau() {
    let d = eights();
    let (parameters, costs) = app::l_layer_model(&d.x_train, &d.y_train, &[64, 20, 7, 5, 1], 0.5, 2500);
    assert_cost("cost 2400", costs[24], 0.313855);
    assert_eq!(app::predict(&d.x_train, &parameters).sum(), 0.0);
    assert_eq!(
        right(&app::predict(&d.x_train, &parameters), &d.y_train),
        1348 - 128
    );
    assert_eq!(right(&app::predict(&d.x_test, &parameters), &d.y_test), 449 - 46);
}
