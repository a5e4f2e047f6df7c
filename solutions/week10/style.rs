//! Week 10 (course 4, week 4), part 2: the costs of neural style transfer.
//!
//! Style transfer makes a generated image G whose deep activations match a
//! content image C (the content cost) and whose correlations between
//! channels match a style image S (the style cost, built on Gram matrices).
//! The course has no pretrained network: the activations here are seeded
//! arrays of its own, of the shape a network's hidden layer gives, so the
//! costs are what you write, on the numbers a layer would hold.
//!
//! ニューラルスタイル変換のコスト(コンテンツコスト、グラム行列、スタイルコスト、全体のコスト)を実装します。
//!
//! Shapes follow the original: one layer's activations are (1, n_H, n_W, n_C)
//! (one image, rows, columns, channels). "Unrolled", a layer is a matrix of
//! shape (n_C, n_H·n_W): one row per channel, one column per position.
#![allow(unused, unreachable_code)]

use ndarray::{Array2, Array4};

/// One style layer for `compute_style_cost`: the style image's activations
/// a_S, the generated image's a_G (both (1, n_H, n_W, n_C)), and the layer's
/// weight in the style cost.
pub type StyleLayer = (Array4<f64>, Array4<f64>, f64);

/// The content cost of one layer: how far the generated image's activations
/// a_G are from the content image's a_C (both (1, n_H, n_W, n_C)):
///
///     J_content = Σ (a_C − a_G)² / (4 · n_H · n_W · n_C)
/// 1 つの層のコンテンツコスト Σ (a_C − a_G)² / (4 · n_H · n_W · n_C) です。
pub fn compute_content_cost(a_c: &Array4<f64>, a_g: &Array4<f64>) -> f64 {
    let (_, n_h, n_w, n_c) = a_g.dim();
    // START CODE HERE (≈ 2 lines)
    // STUB: let j_content: f64 = todo!();
    let squared = (a_c - a_g).mapv(|x| x * x).sum();
    let j_content = squared / (4 * n_h * n_w * n_c) as f64;
    // END CODE HERE
    j_content
}

/// The Gram matrix of an unrolled layer A of shape (n_C, n_H·n_W): G = A·Aᵀ,
/// (n_C, n_C); G[i, j] says how much channels i and j are active together.
/// 展開した層 A (n_C, n_H·n_W) のグラム行列 G = A·Aᵀ (n_C, n_C) です。
pub fn gram_matrix(a: &Array2<f64>) -> Array2<f64> {
    // START CODE HERE (≈ 1 line)
    // STUB: let ga: Array2<f64> = todo!();
    let ga = a.dot(&a.t());
    // END CODE HERE
    ga
}

/// The style cost of one layer: unroll a_S and a_G (both (1, n_H, n_W, n_C))
/// into (n_C, n_H·n_W), take their Gram matrices with your `gram_matrix`, and
///
///     J_style_layer = Σ (G_S − G_G)² / (4 · n_C² · (n_H · n_W)²)
///
/// Unrolling as the original does: reshape to (n_H·n_W, n_C) (a row per
/// position, the channels along it), then transpose.
/// 1 つの層のスタイルコストです。a_S と a_G を (n_C, n_H·n_W) に展開し、グラム行列の差から求めます。
pub fn compute_layer_style_cost(a_s: &Array4<f64>, a_g: &Array4<f64>) -> f64 {
    let (_, n_h, n_w, n_c) = a_g.dim();

    // a_S and a_G unrolled into (n_C, n_H·n_W).
    // START CODE HERE (≈ 2 lines)
    // STUB: let (a_s_unrolled, a_g_unrolled): (Array2<f64>, Array2<f64>) = todo!();
    let a_s_unrolled = a_s.to_shape((n_h * n_w, n_c)).expect("one image").t().to_owned();
    let a_g_unrolled = a_g.to_shape((n_h * n_w, n_c)).expect("one image").t().to_owned();
    // END CODE HERE

    // Their Gram matrices.
    // START CODE HERE (≈ 2 lines)
    // STUB: let (gs, gg): (Array2<f64>, Array2<f64>) = todo!();
    let gs = gram_matrix(&a_s_unrolled);
    let gg = gram_matrix(&a_g_unrolled);
    // END CODE HERE

    // The layer's style cost.
    // START CODE HERE (≈ 2 lines)
    // STUB: let j_style_layer: f64 = todo!();
    let squared = (&gs - &gg).mapv(|x| x * x).sum();
    let j_style_layer = squared / (4.0 * (n_c * n_c) as f64 * ((n_h * n_w) as f64).powi(2));
    // END CODE HERE
    j_style_layer
}

/// The style cost over several layers: Σ coeff · J_style_layer(a_S, a_G),
/// one term per layer of `style_layers`, each with your
/// `compute_layer_style_cost`.
/// 複数の層のスタイルコスト Σ coeff · J_style_layer(a_S, a_G) です。
pub fn compute_style_cost(style_layers: &[StyleLayer]) -> f64 {
    let mut j_style = 0.0;
    for (a_s, a_g, coeff) in style_layers {
        // START CODE HERE (≈ 2 lines)
        // STUB: todo!();
        let j_style_layer = compute_layer_style_cost(a_s, a_g);
        j_style += coeff * j_style_layer;
        // END CODE HERE
    }
    j_style
}

/// The total cost of style transfer: J = alpha · J_content + beta · J_style
/// (the original's defaults are alpha = 10, beta = 40).
/// スタイル変換の全体のコスト J = alpha · J_content + beta · J_style です。
pub fn total_cost(j_content: f64, j_style: f64, alpha: f64, beta: f64) -> f64 {
    // START CODE HERE (≈ 1 line)
    // STUB: let j: f64 = todo!();
    let j = alpha * j_content + beta * j_style;
    // END CODE HERE
    j
}
