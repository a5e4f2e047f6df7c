//! Week 7 (course 4, week 1): Convolutional model, step by step.
//!
//! You build the layers of a convolutional network with loops, the way the
//! lecture draws them: zero padding, one step of a convolution, the
//! convolution's forward pass, max and average pooling, then the backward
//! passes of both layers.
//!
//! 畳み込みニューラルネットワークの層(パディング、畳み込み、プーリング)と
//! その逆伝播をループで実装します。
//!
//! Shapes follow the original: a batch of activations is (m, n_H, n_W, n_C)
//! (example, row, column, channel), the filters W are (f, f, n_C_prev, n_C)
//! and the biases b are (1, 1, 1, n_C). In the loops, `row` and `col` are the
//! lecture's h and w: the position of a window in the output.
#![allow(unused, unreachable_code)]

use ndarray::{Array2, Array4, ArrayView2, ArrayView3, s};

/// A convolution's hyperparameters: the step between two windows and the
/// zeros added around each image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConvHparameters {
    /// The step between two windows (both directions).
    pub stride: usize,
    /// How many rows and columns of zeros are added on every side.
    pub pad: usize,
}

/// A pooling layer's hyperparameters: the window's size and the step
/// between two windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolHparameters {
    /// The window is f × f.
    pub f: usize,
    /// The step between two windows (both directions).
    pub stride: usize,
}

/// Which value of a window pooling keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolMode {
    /// The largest value of the window.
    Max,
    /// The mean of the window.
    Average,
}

/// What `conv_forward` keeps for `conv_backward`.
#[derive(Clone, Debug, PartialEq)]
pub struct ConvCache {
    /// The input, (m, n_H_prev, n_W_prev, n_C_prev).
    pub a_prev: Array4<f64>,
    /// The filters, (f, f, n_C_prev, n_C).
    pub w: Array4<f64>,
    /// The biases, (1, 1, 1, n_C).
    pub b: Array4<f64>,
    /// Stride and padding.
    pub hparameters: ConvHparameters,
}

/// What `pool_forward` keeps for `pool_backward`.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolCache {
    /// The input, (m, n_H_prev, n_W_prev, n_C).
    pub a_prev: Array4<f64>,
    /// Window size and stride.
    pub hparameters: PoolHparameters,
}

/// Pads every image of the batch with `pad` rows and columns of zeros on
/// every side: (m, n_H, n_W, n_C) → (m, n_H + 2·pad, n_W + 2·pad, n_C).
/// The examples and the channels are not padded.
/// 各画像の上下左右に pad 個のゼロを加えます。例とチャンネルの軸はそのままです。
pub fn zero_pad(x: &Array4<f64>, pad: usize) -> Array4<f64> {
    let (m, n_h, n_w, n_c) = x.dim();
    // START CODE HERE (≈ 2 lines)
    // STUB: let x_pad: Array4<f64> = todo!();
    let mut x_pad = Array4::zeros((m, n_h + 2 * pad, n_w + 2 * pad, n_c));
    x_pad.slice_mut(s![.., pad..pad + n_h, pad..pad + n_w, ..]).assign(x);
    // END CODE HERE
    x_pad
}

/// One step of a convolution: the filter `w` applied to one window
/// `a_slice_prev` of the input (both (f, f, n_C_prev)), plus the bias `b`
/// (shape (1, 1, 1)) added once: Σ a_slice_prev · w + b, a float.
/// 1 つの窓とフィルタの要素ごとの積の和に、バイアスを 1 回だけ足します。
pub fn conv_single_step(a_slice_prev: ArrayView3<f64>, w: ArrayView3<f64>, b: ArrayView3<f64>) -> f64 {
    // START CODE HERE (≈ 3 lines)
    // STUB: let z: f64 = todo!();
    let s = &a_slice_prev * &w;
    let z = s.sum() + b[[0, 0, 0]];
    // END CODE HERE
    z
}

/// The forward pass of a convolution layer: every filter c, at every
/// window of the padded input, gives Z[i, row, col, c] = conv_single_step(window,
/// W[.., .., .., c], b[.., .., .., c]). The output is (m, n_H, n_W, n_C) with
/// n_H = ⌊(n_H_prev − f + 2·pad) / stride⌋ + 1 (and n_W alike).
/// Returns Z and the cache for the backward pass.
/// 畳み込み層の順伝播です。出力の大きさ n_H = ⌊(n_H_prev − f + 2·pad) / stride⌋ + 1。
pub fn conv_forward(
    a_prev: &Array4<f64>,
    w: &Array4<f64>,
    b: &Array4<f64>,
    hparameters: ConvHparameters,
) -> (Array4<f64>, ConvCache) {
    let (m, n_h_prev, n_w_prev, n_c_prev) = a_prev.dim();
    let (f, _, _, n_c) = w.dim();
    let ConvHparameters { stride, pad } = hparameters;

    // The size of the output.
    // START CODE HERE (≈ 2 lines)
    // STUB: let (n_h, n_w): (usize, usize) = todo!();
    let n_h = (n_h_prev + 2 * pad - f) / stride + 1;
    let n_w = (n_w_prev + 2 * pad - f) / stride + 1;
    // END CODE HERE
    let mut z = Array4::zeros((m, n_h, n_w, n_c));

    // The padded input.
    // START CODE HERE (≈ 1 line)
    // STUB: let a_prev_pad: Array4<f64> = todo!();
    let a_prev_pad = zero_pad(a_prev, pad);
    // END CODE HERE

    for i in 0..m {
        for row in 0..n_h {
            for col in 0..n_w {
                for c in 0..n_c {
                    // The window of example i under output position (row, col), filter c.
                    // START CODE HERE (≈ 5 lines)
                    // STUB: todo!();
                    let vert_start = row * stride;
                    let horiz_start = col * stride;
                    let a_slice_prev =
                        a_prev_pad.slice(s![i, vert_start..vert_start + f, horiz_start..horiz_start + f, ..]);
                    let weights = w.slice(s![.., .., .., c]);
                    let biases = b.slice(s![.., .., .., c]);
                    z[[i, row, col, c]] = conv_single_step(a_slice_prev, weights, biases);
                    // END CODE HERE
                }
            }
        }
    }

    let cache = ConvCache {
        a_prev: a_prev.clone(),
        w: w.clone(),
        b: b.clone(),
        hparameters,
    };
    (z, cache)
}

/// The forward pass of a pooling layer: every f × f window (moved by
/// `stride`) of every channel becomes one value, its maximum (`PoolMode::Max`)
/// or its mean (`PoolMode::Average`). No padding; the channels stay apart:
/// (m, n_H_prev, n_W_prev, n_C) → (m, ⌊(n_H_prev − f) / stride⌋ + 1, …, n_C).
/// Returns A and the cache for the backward pass.
/// プーリング層の順伝播です。各チャンネルの f × f の窓ごとに最大値または平均をとります。
pub fn pool_forward(a_prev: &Array4<f64>, hparameters: PoolHparameters, mode: PoolMode) -> (Array4<f64>, PoolCache) {
    let (m, n_h_prev, n_w_prev, n_c) = a_prev.dim();
    let PoolHparameters { f, stride } = hparameters;
    let n_h = (n_h_prev - f) / stride + 1;
    let n_w = (n_w_prev - f) / stride + 1;
    let mut a = Array4::zeros((m, n_h, n_w, n_c));

    for i in 0..m {
        for row in 0..n_h {
            for col in 0..n_w {
                for c in 0..n_c {
                    // The f × f window of example i, channel c, under (row, col).
                    // START CODE HERE (≈ 3 lines)
                    // STUB: let a_prev_slice: ArrayView2<f64> = todo!();
                    let vert_start = row * stride;
                    let horiz_start = col * stride;
                    let a_prev_slice = a_prev.slice(s![i, vert_start..vert_start + f, horiz_start..horiz_start + f, c]);
                    // END CODE HERE

                    // Its maximum or its mean.
                    // START CODE HERE (≈ 4 lines)
                    // STUB: todo!();
                    a[[i, row, col, c]] = match mode {
                        PoolMode::Max => a_prev_slice.fold(f64::NEG_INFINITY, |acc, &x| acc.max(x)),
                        PoolMode::Average => a_prev_slice.sum() / (f * f) as f64,
                    };
                    // END CODE HERE
                }
            }
        }
    }

    let cache = PoolCache {
        a_prev: a_prev.clone(),
        hparameters,
    };
    (a, cache)
}

/// The backward pass of a convolution layer. `dz` is the gradient of the cost
/// with respect to Z, (m, n_H, n_W, n_C). Every output position spreads its
/// gradient back over its window:
///
///     dA_prev_pad[i, window] += W[.., .., .., c] · dZ[i, row, col, c]
///     dW[.., .., .., c]      += a_slice         · dZ[i, row, col, c]
///     db[.., .., .., c]      +=                   dZ[i, row, col, c]
///
/// then the padding is cut off dA_prev. Returns (dA_prev, dW, db), of the
/// shapes of A_prev, W and b.
/// 畳み込み層の逆伝播です。出力の各位置の勾配を、その窓に戻して足し合わせます。
pub fn conv_backward(dz: &Array4<f64>, cache: &ConvCache) -> (Array4<f64>, Array4<f64>, Array4<f64>) {
    let ConvCache {
        a_prev,
        w,
        b,
        hparameters,
    } = cache;
    let (m, n_h_prev, n_w_prev, n_c_prev) = a_prev.dim();
    let (f, _, _, n_c) = w.dim();
    let ConvHparameters { stride, pad } = *hparameters;
    let (_, n_h, n_w, _) = dz.dim();

    let da_prev = Array4::<f64>::zeros(a_prev.raw_dim());
    let mut dw = Array4::<f64>::zeros(w.raw_dim());
    let mut db = Array4::<f64>::zeros(b.raw_dim());

    // The padded input and its padded gradient.
    // START CODE HERE (≈ 2 lines)
    // STUB: let a_prev_pad: Array4<f64> = todo!();
    // STUB: let mut da_prev_pad: Array4<f64> = todo!();
    let a_prev_pad = zero_pad(a_prev, pad);
    let mut da_prev_pad = zero_pad(&da_prev, pad);
    // END CODE HERE

    for i in 0..m {
        for row in 0..n_h {
            for col in 0..n_w {
                for c in 0..n_c {
                    let g = dz[[i, row, col, c]];
                    // The window, and the gradient it sends back to the input.
                    // START CODE HERE (≈ 4 lines)
                    // STUB: let a_slice: ArrayView3<f64> = todo!();
                    let vert_start = row * stride;
                    let horiz_start = col * stride;
                    let window = s![i, vert_start..vert_start + f, horiz_start..horiz_start + f, ..];
                    let a_slice = a_prev_pad.slice(window);
                    da_prev_pad.slice_mut(window).scaled_add(g, &w.slice(s![.., .., .., c]));
                    // END CODE HERE

                    // The gradients of the filter c and of its bias.
                    // START CODE HERE (≈ 2 lines)
                    dw.slice_mut(s![.., .., .., c]).scaled_add(g, &a_slice);
                    db[[0, 0, 0, c]] += g;
                    // END CODE HERE
                }
            }
        }
    }

    // dA_prev: the padded gradient without its padding.
    // START CODE HERE (≈ 1 line)
    // STUB: let da_prev: Array4<f64> = todo!();
    let da_prev = da_prev_pad
        .slice(s![.., pad..pad + n_h_prev, pad..pad + n_w_prev, ..])
        .to_owned();
    // END CODE HERE

    (da_prev, dw, db)
}

/// The mask of a window's maximum: true where x equals the window's largest
/// value (at every such place when several are equal), false elsewhere.
/// 窓の最大値の位置だけが true のマスクを返します。
pub fn create_mask_from_window(x: ArrayView2<f64>) -> Array2<bool> {
    // START CODE HERE (≈ 2 lines)
    // STUB: let mask: Array2<bool> = todo!();
    let max = x.fold(f64::NEG_INFINITY, |acc, &v| acc.max(v));
    let mask = x.mapv(|v| v == max);
    // END CODE HERE
    mask
}

/// Spreads the gradient `dz` of an average evenly over a window of `shape`
/// (n_H, n_W): every entry gets dz / (n_H · n_W).
/// 平均の勾配 dz を、大きさ shape の窓に均等に分けます。
pub fn distribute_value(dz: f64, shape: (usize, usize)) -> Array2<f64> {
    let (n_h, n_w) = shape;
    // START CODE HERE (≈ 2 lines)
    // STUB: let a: Array2<f64> = todo!();
    let average = dz / (n_h * n_w) as f64;
    let a = Array2::from_elem((n_h, n_w), average);
    // END CODE HERE
    a
}

/// The backward pass of a pooling layer. `da` is the gradient of the cost
/// with respect to the pooling's output A. Every output position sends its
/// gradient back to its window: all of it to the window's maximum (max
/// pooling, with `create_mask_from_window` on the input's window), or spread
/// evenly (average pooling, with `distribute_value`). Windows that overlap
/// add up. Returns dA_prev, of the shape of A_prev.
/// プーリング層の逆伝播です。最大値の位置に、または窓全体に均等に勾配を戻します。
pub fn pool_backward(da: &Array4<f64>, cache: &PoolCache, mode: PoolMode) -> Array4<f64> {
    let PoolCache { a_prev, hparameters } = cache;
    let PoolHparameters { f, stride } = *hparameters;
    let (m, n_h, n_w, n_c) = da.dim();
    let mut da_prev = Array4::<f64>::zeros(a_prev.raw_dim());

    for i in 0..m {
        for row in 0..n_h {
            for col in 0..n_w {
                for c in 0..n_c {
                    // The window of example i, channel c, under (row, col).
                    // START CODE HERE (≈ 3 lines)
                    // STUB: let (vert_start, horiz_start): (usize, usize) = todo!();
                    let vert_start = row * stride;
                    let horiz_start = col * stride;
                    // END CODE HERE
                    let window = s![i, vert_start..vert_start + f, horiz_start..horiz_start + f, c];
                    let g = da[[i, row, col, c]];
                    match mode {
                        PoolMode::Max => {
                            // All of g to the window's maximum in A_prev.
                            // START CODE HERE (≈ 3 lines)
                            // STUB: todo!();
                            let a_prev_slice = a_prev.slice(window);
                            let mask = create_mask_from_window(a_prev_slice);
                            let mut target = da_prev.slice_mut(window);
                            target.zip_mut_with(&mask, |d, &is_max| {
                                if is_max {
                                    *d += g;
                                }
                            });
                            // END CODE HERE
                        }
                        PoolMode::Average => {
                            // g spread evenly over the window.
                            // START CODE HERE (≈ 2 lines)
                            // STUB: todo!();
                            let spread = distribute_value(g, (f, f));
                            let mut target = da_prev.slice_mut(window);
                            target += &spread;
                            // END CODE HERE
                        }
                    }
                }
            }
        }
    }

    da_prev
}
