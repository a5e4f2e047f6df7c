//! Fidelity of week5 (c2w2): the reference solution, run with the original
//! notebook's settings (3-layer network [2, 5, 2, 1], He-style initialisation
//! seeded with 3, mini-batches of 64 reshuffled every epoch with seed
//! 10 + epoch + 1, learning rate 0.0007, 5000 epochs) on the original's
//! two-moons data (`moons(300, 0.2, 3)`), gives the original figures:
//! training accuracy gd 71.7 % (215/300), momentum 71.7 %, Adam 94.3 %
//! (283/300), and first-epoch costs 0.702405, 0.702413, 0.702166.
//! With learning-rate decay (learning rate 0.1, decay rate 1; Adam 0.01), as
//! in the original: update_lr makes gd stall at 65.3 % (196/300);
//! schedule_lr_decay (intervals of 1000) gives gd 94.3 % (283/300), momentum
//! 95.3 % (286/300), Adam 94.0 % (282/300).
//! `tools/numpy/week5_optimization.py` reproduces the same figures in NumPy.
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week5/optimization.rs"]
mod optimization;

use optimization::{Decay, Optimizer, Settings, accuracy, model};

fn run(optimizer: Optimizer, first_cost: f64, correct: usize) {
    let settings = Settings {
        optimizer,
        ..Settings::default()
    };
    run_with(settings, first_cost, correct);
}

fn run_with(settings: Settings, first_cost: f64, correct: usize) {
    let (x, y) = dlc::data::moons(300, 0.2, 3);
    let optimizer = (settings.optimizer, settings.decay);
    let (parameters, costs) = model(&x, &y, &[2, 5, 2, 1], &settings);
    assert_eq!(costs.len(), 5000);
    assert!(
        (costs[0] - first_cost).abs() <= 1e-6,
        "{optimizer:?}: cost after epoch 0 is {} (expected {first_cost})",
        costs[0]
    );
    let got = accuracy(&x, &y, &parameters);
    assert_eq!(
        got,
        correct as f64 / 300.0,
        "{optimizer:?}: training accuracy {got}"
    );
}

#[test]
fn gd_reaches_71_7_percent() {
    run(Optimizer::Gd, 0.702405, 215);
}

#[test]
fn momentum_reaches_71_7_percent() {
    run(Optimizer::Momentum, 0.702413, 215);
}

#[test]
fn adam_reaches_94_3_percent() {
    run(Optimizer::Adam, 0.702166, 283);
}

fn decayed(optimizer: Optimizer, learning_rate: f64, decay: Decay) -> Settings {
    Settings {
        optimizer,
        learning_rate,
        decay: Some(decay),
        ..Settings::default()
    }
}

#[test]
fn update_lr_makes_gd_stall() {
    run_with(decayed(Optimizer::Gd, 0.1, Decay::UpdateLr), 0.701091, 196);
}

#[test]
fn scheduled_decay_reaches_94_to_95_percent() {
    run_with(decayed(Optimizer::Gd, 0.1, Decay::ScheduleLrDecay), 0.701091, 283);
    run_with(
        decayed(Optimizer::Momentum, 0.1, Decay::ScheduleLrDecay),
        0.702226,
        286,
    );
    run_with(
        decayed(Optimizer::Adam, 0.01, Decay::ScheduleLrDecay),
        0.699346,
        282,
    );
}
