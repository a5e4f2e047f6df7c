//! Benchmark: week7's conv_forward, the reference solution (the original's
//! four nested loops, as the learner writes it) next to the im2col form the
//! instructions give as an optional extension.
//!
//!     cargo run --release --example week7_conv_forward -- [loops|im2col] [repeats]
//!
//! The input is a small CNN layer: A_prev (10, 32, 32, 3) and W (3, 3, 3, 8)
//! drawn with `np.random.seed(1)` in that order, b (1, 1, 1, 8) zeros, pad 1,
//! stride 1. Prints Z's mean (both forms must agree with NumPy's) and the time
//! of the `repeats` calls alone, so that `bench/conv_forward_vs_numpy.py` can
//! time it next to NumPy's loop and vectorised versions.
#[allow(dead_code)]
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week7/conv.rs"]
mod conv;

use std::time::Instant;

use conv::{ConvHparameters, conv_forward, zero_pad};
use ndarray::{Array2, Array4, s};

/// conv_forward as one matrix product: every f × f × n_C window of the padded
/// input becomes a row of `columns` (m·n_H·n_W rows), the filters the columns
/// of `w` reshaped (f·f·n_C, n_C'), and Z is their product plus the biases.
fn conv_forward_im2col(
    a_prev: &Array4<f64>,
    w: &Array4<f64>,
    b: &Array4<f64>,
    hp: ConvHparameters,
) -> Array4<f64> {
    let (m, n_h_prev, n_w_prev, n_c_prev) = a_prev.dim();
    let (f, _, _, n_c) = w.dim();
    let n_h = (n_h_prev + 2 * hp.pad - f) / hp.stride + 1;
    let n_w = (n_w_prev + 2 * hp.pad - f) / hp.stride + 1;
    let padded = zero_pad(a_prev, hp.pad);
    let window = f * f * n_c_prev;
    let mut columns = Array2::zeros((m * n_h * n_w, window));
    for i in 0..m {
        for row in 0..n_h {
            for col in 0..n_w {
                let (v, h) = (row * hp.stride, col * hp.stride);
                let patch = padded.slice(s![i, v..v + f, h..h + f, ..]);
                let r = (i * n_h + row) * n_w + col;
                columns
                    .row_mut(r)
                    .assign(&patch.iter().copied().collect::<ndarray::Array1<f64>>());
            }
        }
    }
    let filters = w
        .as_standard_layout()
        .into_owned()
        .into_shape_with_order((window, n_c))
        .expect("(f, f, n_C_prev, n_C) is f·f·n_C_prev × n_C");
    let z = columns.dot(&filters) + &b.slice(s![0, 0, 0, ..]);
    z.into_shape_with_order((m, n_h, n_w, n_c))
        .expect("m·n_H·n_W rows")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let form = args.get(1).map(String::as_str).unwrap_or("loops");
    let repeats: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut rng = dlc::NumpyRng::new(1);
    let a_prev = rng.randn4((10, 32, 32, 3));
    let w = rng.randn4((3, 3, 3, 8));
    let b = Array4::zeros((1, 1, 1, 8));
    let hp = ConvHparameters { stride: 1, pad: 1 };
    let start = Instant::now();
    let mut z = Array4::zeros((0, 0, 0, 0));
    for _ in 0..repeats {
        z = match form {
            "im2col" => conv_forward_im2col(&a_prev, &w, &b, hp),
            _ => conv_forward(&a_prev, &w, &b, hp).0,
        };
    }
    let elapsed = start.elapsed().as_secs_f64() / repeats as f64;
    let reference = conv_forward(&a_prev, &w, &b, hp).0;
    let largest_difference = (&z - &reference).iter().fold(0.0f64, |a, d| a.max(d.abs()));
    println!("form: {form}");
    println!("Z's mean: {:?}", z.mean().unwrap_or(f64::NAN));
    println!("largest difference from the loops: {largest_difference:e}");
    println!("elapsed_seconds: {elapsed:.6}");
}
