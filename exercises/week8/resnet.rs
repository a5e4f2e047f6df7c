//! Week 8 (course 4, week 2): Residual networks.
//!
//! In the original, Keras supplies the layers and you wire them into the two
//! blocks of a ResNet. Here you write the two layers the blocks need as well,
//! on 4-D arrays as in week 7: a convolution with a stride, TensorFlow's
//! 'same' or 'valid' padding and a bias per filter, and batch normalisation
//! over the channels (with the layer's moving statistics, or with the batch's
//! own when training). Then the identity block and the convolutional block
//! compose your two layers.
//!
//! ResNet の 2 種類のブロック(恒等ブロックと畳み込みブロック)を、自分で書いた
//! 畳み込み層とバッチ正規化で組み立てます。
//!
//! Shapes follow the original: activations are (m, n_H, n_W, n_C), a layer's
//! kernels are (f, f, n_C_prev, n_C) and its biases (n_C,), as Keras keeps
//! them; batch normalisation's four vectors are (n_C,) too.
//!
//! This file does not use week 7's `conv.rs`: every week is checked on its
//! own, so a mistake left in week 7 never blocks week 8.
#![allow(unused, unreachable_code)]

use ndarray::{Array1, Array4, Axis, s};

/// Keras's BatchNormalization default: added to the variance before the
/// square root, so a channel of constant values does not divide by zero.
pub const BN_EPSILON: f64 = 0.001;

/// How a convolution pads its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    /// No padding: only the windows that fit inside the input.
    Valid,
    /// TensorFlow's 'same' (stride 1 here): f − 1 rows and f − 1 columns of
    /// zeros in all, ⌊(f − 1)/2⌋ before and the rest after, so the output
    /// keeps the input's size. With an even f the extra one goes after.
    Same,
}

/// Batch normalisation's parameters for n_C channels, each (n_C,).
#[derive(Clone, Debug, PartialEq)]
pub struct BatchNorm {
    /// The scale γ.
    pub gamma: Array1<f64>,
    /// The shift β.
    pub beta: Array1<f64>,
    /// The mean the layer uses at inference (Keras's moving mean).
    pub moving_mean: Array1<f64>,
    /// The variance the layer uses at inference (Keras's moving variance).
    pub moving_var: Array1<f64>,
}

/// One convolution and the batch normalisation after it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConvBn {
    /// The kernels, (f, f, n_C_prev, n_C).
    pub w: Array4<f64>,
    /// The biases, one per filter: (n_C,).
    pub b: Array1<f64>,
    /// The batch normalisation of the convolution's n_C channels.
    pub bn: BatchNorm,
}

/// The three layers of an identity block's main path.
#[derive(Clone, Debug, PartialEq)]
pub struct IdentityWeights {
    /// CONV 1 × 1 (F1 filters) and its BN.
    pub conv1: ConvBn,
    /// CONV f × f, 'same' (F2 filters) and its BN.
    pub conv2: ConvBn,
    /// CONV 1 × 1 (F3 filters) and its BN.
    pub conv3: ConvBn,
}

/// The layers of a convolutional block: the main path's three, and the
/// shortcut's.
#[derive(Clone, Debug, PartialEq)]
pub struct ConvBlockWeights {
    /// CONV 1 × 1 with stride s (F1 filters) and its BN.
    pub conv1: ConvBn,
    /// CONV f × f, 'same' (F2 filters) and its BN.
    pub conv2: ConvBn,
    /// CONV 1 × 1 (F3 filters) and its BN.
    pub conv3: ConvBn,
    /// The shortcut: CONV 1 × 1 with stride s (F3 filters) and its BN.
    pub shortcut: ConvBn,
}

// Given: the ReLU of a 4-D array (dlc::nn's relu is for 2-D arrays).

/// max(0, x), element by element.
pub fn relu(x: &Array4<f64>) -> Array4<f64> {
    x.mapv(|v| v.max(0.0))
}

/// A convolution layer as Keras's Conv2D computes it: every filter c at
/// every window of the (padded) input gives
/// Z[i, row, col, c] = Σ window · W[.., .., .., c] + b[c], the window of
/// output position (row, col) starting at row·stride, col·stride of the
/// padded input. `Padding::Same` adds f − 1 rows and columns of zeros in all,
/// ⌊(f − 1)/2⌋ before and the rest after (TensorFlow's rule: with an even f
/// the extra one goes after); `Padding::Valid` adds none. The output is
/// (m, n_H, n_W, n_C) with n_H = ⌊(n_H_prev + pads − f) / stride⌋ + 1.
/// 畳み込み層です。'same' では合計 f − 1 行・列のゼロを、前に ⌊(f − 1)/2⌋、残りを後ろに加えます。
pub fn conv2d(x: &Array4<f64>, w: &Array4<f64>, b: &Array1<f64>, stride: usize, padding: Padding) -> Array4<f64> {
    let (m, n_h_prev, n_w_prev, n_c_prev) = x.dim();
    let (f, _, _, n_c) = w.dim();

    // The zeros before and after the rows (and the columns), and the padded input.
    // START CODE HERE (≈ 7 lines)
    let (pad_before, pad_after): (usize, usize) = todo!();
    let x_pad: Array4<f64> = todo!();
    // END CODE HERE

    // The size of the output.
    // START CODE HERE (≈ 2 lines)
    let (n_h, n_w): (usize, usize) = todo!();
    // END CODE HERE
    let mut z = Array4::zeros((m, n_h, n_w, n_c));

    for i in 0..m {
        for row in 0..n_h {
            for col in 0..n_w {
                for c in 0..n_c {
                    // The window under (row, col), times filter c, plus its bias.
                    // START CODE HERE (≈ 4 lines)
                    todo!();
                    // END CODE HERE
                }
            }
        }
    }
    z
}

/// Batch normalisation over the channels (Keras's axis 3):
/// (x − mean) / √(var + ε) · γ + β per channel, with ε = 0.001. At inference
/// (`training` false) mean and var are the layer's moving statistics; when
/// training they are the batch's own: the mean and the (biased, 1/N)
/// variance of each channel over the examples, rows and columns
/// (axes 0, 1 and 2) together. The moving statistics are not updated.
/// バッチ正規化です。推論では移動平均・移動分散を、学習中はバッチ自身の統計(軸 0、1、2 をまとめて)を使います。
pub fn batch_norm(x: &Array4<f64>, bn: &BatchNorm, training: bool) -> Array4<f64> {
    // The mean and the variance of every channel.
    // START CODE HERE (≈ 9 lines)
    let (mean, var): (Array1<f64>, Array1<f64>) = todo!();
    // END CODE HERE

    // Normalise, scale and shift.
    // START CODE HERE (≈ 1 line)
    let out: Array4<f64> = todo!();
    // END CODE HERE
    out
}

/// The identity block: the input skips three layers and is added back before
/// the last ReLU (the input and the output have the same shape, so F3 equals
/// the input's channels):
///
///     CONV 1 × 1 (valid) → BN → ReLU → CONV f × f ('same') → BN → ReLU
///     → CONV 1 × 1 (valid) → BN → + X → ReLU
///
/// every convolution with stride 1. `f` and `filters` = [F1, F2, F3] are the
/// original's arguments: they describe the kernels in `weights`. `training`
/// goes to every batch normalisation.
/// 恒等ブロックです。入力 X を 3 つの層を飛ばして、最後の ReLU の前に足します。
pub fn identity_block(
    x: &Array4<f64>,
    f: usize,
    filters: [usize; 3],
    weights: &IdentityWeights,
    training: bool,
) -> Array4<f64> {
    // The first component: CONV 1 × 1 → BN → ReLU.
    // START CODE HERE (≈ 3 lines)
    let a1: Array4<f64> = todo!();
    // END CODE HERE

    // The second component: CONV f × f ('same') → BN → ReLU.
    // START CODE HERE (≈ 3 lines)
    let a2: Array4<f64> = todo!();
    // END CODE HERE

    // The third component: CONV 1 × 1 → BN, then the shortcut X added, then ReLU.
    // START CODE HERE (≈ 4 lines)
    let a: Array4<f64> = todo!();
    // END CODE HERE
    a
}

/// The convolutional block: the identity block's main path with stride s in
/// its first convolution, and a shortcut that also shrinks the input and
/// changes its channels, so the two can be added:
///
///     main:     CONV 1 × 1, stride s (valid) → BN → ReLU → CONV f × f ('same') → BN
///               → ReLU → CONV 1 × 1 (valid) → BN
///     shortcut: CONV 1 × 1, stride s (valid) → BN
///     output:   ReLU(main + shortcut)
///
/// `f` and `filters` = [F1, F2, F3] describe the kernels in `weights`;
/// `training` goes to every batch normalisation.
/// 畳み込みブロックです。最初の畳み込みとショートカットの畳み込みがストライド s で大きさを縮めます。
pub fn convolutional_block(
    x: &Array4<f64>,
    f: usize,
    filters: [usize; 3],
    s: usize,
    weights: &ConvBlockWeights,
    training: bool,
) -> Array4<f64> {
    // The first component: CONV 1 × 1 with stride s → BN → ReLU.
    // START CODE HERE (≈ 3 lines)
    let a1: Array4<f64> = todo!();
    // END CODE HERE

    // The second component: CONV f × f ('same') → BN → ReLU.
    // START CODE HERE (≈ 3 lines)
    let a2: Array4<f64> = todo!();
    // END CODE HERE

    // The shortcut path: CONV 1 × 1 with stride s → BN.
    // START CODE HERE (≈ 2 lines)
    let x_shortcut: Array4<f64> = todo!();
    // END CODE HERE

    // The third component: CONV 1 × 1 → BN, then the shortcut added, then ReLU.
    // START CODE HERE (≈ 4 lines)
    let a: Array4<f64> = todo!();
    // END CODE HERE
    a
}
