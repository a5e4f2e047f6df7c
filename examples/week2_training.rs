//! Benchmark: week2's full training with the reference solution (n_h = 4,
//! 10 000 iterations, learning rate 1.2, on `dlc::data::planar(1, 400)`).
//!
//!     cargo run --release --example week2_training
//!
//! Prints the costs at iterations 0, 1000 and 9000, the training accuracy and
//! the time of the training alone (data generation excluded), so that
//! `bench/week2_vs_numpy.py` can time it next to the NumPy version
//! (`tools/numpy/week2_planar.py`).
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week2/planar.rs"]
mod planar;

use std::time::Instant;

fn main() {
    let (x, y) = dlc::data::planar(1, 400);
    let start = Instant::now();
    let (parameters, costs) = planar::nn_model(&x, &y, 4, 10_000, 1.2);
    let predictions = planar::predict(&parameters, &x);
    let elapsed = start.elapsed().as_secs_f64();
    let correct = predictions.iter().zip(y.iter()).filter(|(p, t)| p == t).count();
    let accuracy = 100.0 * correct as f64 / y.len() as f64;
    for i in [0, 1000, 9000] {
        println!("cost after iteration {i}: {:.6} ({:?})", costs[i], costs[i]);
    }
    println!("training accuracy: {accuracy}%");
    println!("elapsed_seconds: {elapsed:.6}");
}
