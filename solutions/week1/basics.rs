//! Week 1 (course 1, week 2), part 1: Python Basics with NumPy, in Rust with ndarray.
//!
//! Small functions that practise the ndarray operations the whole course uses:
//! element-wise maths (`mapv`), broadcasting, sums along an axis, reshaping
//! and vector norms.
//!
//! ndarray の基本操作(要素ごとの計算、ブロードキャスト、軸ごとの和、形の変更、
//! ノルム)を練習します。
#![allow(unused, unreachable_code)]

use ndarray::{Array1, Array2, Array3, Axis};

/// The sigmoid function, element by element: σ(x) = 1 / (1 + e^(−x)).
///
/// x: any (rows, cols) array. Returns an array of the same shape.
/// 要素ごとに sigmoid を計算します。
pub fn sigmoid(x: &Array2<f64>) -> Array2<f64> {
    // START CODE HERE (≈ 1 line)
    // STUB: let s: Array2<f64> = todo!();
    let s = x.mapv(|v| 1.0 / (1.0 + (-v).exp()));
    // END CODE HERE
    s
}

/// The gradient of the sigmoid with respect to its input:
/// σ'(x) = σ(x) · (1 − σ(x)), element by element.
///
/// x: any (rows, cols) array. Returns an array of the same shape.
/// sigmoid の導関数を、自分の `sigmoid` を使って計算します。
pub fn sigmoid_derivative(x: &Array2<f64>) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    // STUB: let ds: Array2<f64> = todo!();
    let s = sigmoid(x);
    let ds = &s * &(1.0 - &s);
    // END CODE HERE
    ds
}

/// Unrolls an image of shape (height, width, channels) into a column vector
/// of shape (height·width·channels, 1).
///
/// The order is row-major, like NumPy's `image.reshape(h * w * c, 1)`: all
/// channels of pixel (0, 0), then of pixel (0, 1), and so on.
/// 画像 (h, w, c) を列ベクトル (h·w·c, 1) に並べ替えます。
pub fn image2vector(image: &Array3<f64>) -> Array2<f64> {
    let (h, w, c) = image.dim();

    // START CODE HERE (≈ 1 line)
    // STUB: let v: Array2<f64> = todo!();
    let v = image.to_shape((h * w * c, 1)).unwrap().to_owned();
    // END CODE HERE
    v
}

/// Divides each row of x by its L2 norm (its Euclidean length), so that every
/// row has length 1.
///
/// x: (n, d). Returns an array of the same shape. Rows must not be all zeros.
/// 各行を、その行の L2 ノルムで割ります。
pub fn normalize_rows(x: &Array2<f64>) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    // STUB: let normalized: Array2<f64> = todo!();
    let norm = x.map_axis(Axis(1), |row| row.dot(&row).sqrt()).insert_axis(Axis(1));
    let normalized = x / &norm;
    // END CODE HERE
    normalized
}

/// The softmax of each ROW of x: e^(x_ij) / Σ_k e^(x_ik).
///
/// x: (n, d). Returns an array of the same shape whose rows each sum to 1.
/// (Later weeks apply softmax to columns; here, as in the original, to rows.)
/// 行ごとに softmax を計算します(各行の和が 1 になります)。
pub fn softmax(x: &Array2<f64>) -> Array2<f64> {
    // START CODE HERE (≈ 3 lines)
    // STUB: let s: Array2<f64> = todo!();
    let x_exp = x.mapv(f64::exp);
    let x_sum = x_exp.sum_axis(Axis(1)).insert_axis(Axis(1));
    let s = x_exp / &x_sum;
    // END CODE HERE
    s
}

/// The L1 loss: Σ_i |y_i − ŷ_i|.
///
/// yhat: predicted labels (m,); y: true labels (m,). Returns a number.
/// L1 損失(差の絶対値の和)です。
pub fn l1(yhat: &Array1<f64>, y: &Array1<f64>) -> f64 {
    // START CODE HERE (≈ 1 line)
    // STUB: let loss: f64 = todo!();
    let loss = (y - yhat).mapv(f64::abs).sum();
    // END CODE HERE
    loss
}

/// The L2 loss: Σ_i (y_i − ŷ_i)² (no square root).
///
/// yhat: predicted labels (m,); y: true labels (m,). Returns a number.
/// L2 損失(差の 2 乗の和、平方根はとりません)です。
pub fn l2(yhat: &Array1<f64>, y: &Array1<f64>) -> f64 {
    // START CODE HERE (≈ 1 line)
    // STUB: let loss: f64 = todo!();
    let loss = (y - yhat).dot(&(y - yhat));
    // END CODE HERE
    loss
}
