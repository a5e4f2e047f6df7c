//! Week 1 (course 1, week 2), part 2: Logistic Regression with a Neural
//! Network mindset.
//!
//! You build a logistic-regression classifier for 8×8 images of handwritten
//! digits ("is this digit an 8?"): preprocessing (flattening the images into
//! columns), initialisation, the forward and backward pass, gradient descent,
//! prediction, and a `model` that puts the pieces together.
//!
//! 手書き数字の画像を分類するロジスティック回帰を、部品から組み立てます。
//!
//! Shapes follow the lecture: X is (n_x, m) with one example per column,
//! w is (n_x, 1), b is a number, Y and predictions are (1, m).
//! The sigmoid is your own `basics::sigmoid`, from part 1.
#![allow(unused, unreachable_code)]

use dlc::data::DIGITS_PIXEL_MAX;
use ndarray::{Array2, Array3};

use crate::basics::sigmoid;

/// The parameters of logistic regression: the weights w (n_x, 1) and the bias b.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Weights, (n_x, 1).
    pub w: Array2<f64>,
    /// Bias.
    pub b: f64,
}

/// The gradients of the cost: dw = ∂J/∂w (n_x, 1) and db = ∂J/∂b.
#[derive(Clone, Debug, PartialEq)]
pub struct Grads {
    /// ∂J/∂w, (n_x, 1): the shape of w.
    pub dw: Array2<f64>,
    /// ∂J/∂b.
    pub db: f64,
}

/// What `model` returns.
#[derive(Clone, Debug, PartialEq)]
pub struct LogisticModel {
    /// The cost every 100 iterations (iteration 0 first).
    pub costs: Vec<f64>,
    /// Predictions on the training set, (1, m_train).
    pub y_prediction_train: Array2<f64>,
    /// Predictions on the test set, (1, m_test).
    pub y_prediction_test: Array2<f64>,
    /// The learnt weights, (n_x, 1).
    pub w: Array2<f64>,
    /// The learnt bias.
    pub b: f64,
    /// Percentage of training examples predicted right.
    pub train_accuracy: f64,
    /// Percentage of test examples predicted right.
    pub test_accuracy: f64,
}

/// Preprocessing: turns a stack of images (m, height, width) into the
/// course's X of shape (height·width, m), one image per column, with pixel
/// values scaled to [0, 1] by dividing by `DIGITS_PIXEL_MAX` (16).
///
/// Column j holds image j's pixels row by row: X[r·width + c, j] is
/// images[j, r, c] / 16. This is NumPy's `images.reshape(m, -1).T / 16`.
/// 画像 (m, h, w) を、1 枚が 1 列になるように (h·w, m) に並べ、16 で割ります。
pub fn flatten_images(images: &Array3<f64>) -> Array2<f64> {
    let (m, height, width) = images.dim();

    // START CODE HERE (≈ 2 lines)
    let x: Array2<f64> = todo!();
    // END CODE HERE
    x
}

/// Creates w, a column of zeros of shape (dim, 1), and b = 0.
///
/// Returns (w, b).
/// w をゼロの列ベクトル (dim, 1) に、b を 0 にします。
pub fn initialize_with_zeros(dim: usize) -> (Array2<f64>, f64) {
    // START CODE HERE (≈ 2 lines)
    let w: Array2<f64> = todo!();
    let b: f64 = todo!();
    // END CODE HERE
    (w, b)
}

/// The cost and its gradients, for the current w and b.
///
/// Forward: A = σ(wᵀ·X + b) (1, m);
/// J = −(1/m) · Σ ( Y·log(A) + (1−Y)·log(1−A) ).
/// Backward: dw = (1/m) · X·(A − Y)ᵀ (n_x, 1); db = (1/m) · Σ (A − Y).
///
/// w: (n_x, 1); b: a number; X: (n_x, m); Y: (1, m) of 0/1.
/// Returns (Grads { dw, db }, cost).
/// 順伝播でコストを、逆伝播で勾配を求めます。
pub fn propagate(w: &Array2<f64>, b: f64, x: &Array2<f64>, y: &Array2<f64>) -> (Grads, f64) {
    let m = x.ncols() as f64;

    // FORWARD PROPAGATION (FROM X TO COST)
    // START CODE HERE (≈ 2 lines)
    let a: Array2<f64> = todo!();
    let cost: f64 = todo!();
    // END CODE HERE

    // BACKWARD PROPAGATION (TO FIND GRAD)
    // START CODE HERE (≈ 2 lines)
    let dw: Array2<f64> = todo!();
    let db: f64 = todo!();
    // END CODE HERE

    (Grads { dw, db }, cost)
}

/// Gradient descent: `num_iterations` steps of w ← w − α·dw, b ← b − α·db,
/// with α = `learning_rate`.
///
/// Records the cost every 100 iterations (iterations 0, 100, 200, …).
/// Returns (the learnt Params, the Grads of the last step, the costs).
/// `w` itself is left as it was.
/// 勾配降下法でパラメータを学習し、100 回ごとにコストを記録します。
pub fn optimize(
    w: &Array2<f64>,
    b: f64,
    x: &Array2<f64>,
    y: &Array2<f64>,
    num_iterations: usize,
    learning_rate: f64,
) -> (Params, Grads, Vec<f64>) {
    let mut w = w.clone();
    let mut b = b;
    let mut grads = Grads {
        dw: Array2::zeros(w.raw_dim()),
        db: 0.0,
    };
    let mut costs = Vec::new();

    for i in 0..num_iterations {
        // Cost and gradient calculation
        // START CODE HERE (≈ 1 line)
        let (step_grads, cost): (Grads, f64) = todo!();
        // END CODE HERE

        // Update rule: change w and b
        // START CODE HERE (≈ 2 lines)
        todo!();
        // END CODE HERE

        // Record the costs
        if i % 100 == 0 {
            costs.push(cost);
        }
        grads = step_grads;
    }

    (Params { w, b }, grads, costs)
}

/// Predicts labels with learnt w and b: 1 where σ(wᵀ·X + b) > 0.5, else 0.
///
/// w: (n_x, 1); b: a number; X: (n_x, m). Returns a (1, m) array of 0.0 / 1.0.
/// 確率が 0.5 より大きければ 1、そうでなければ 0 を予測します。
pub fn predict(w: &Array2<f64>, b: f64, x: &Array2<f64>) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    let y_prediction: Array2<f64> = todo!();
    // END CODE HERE
    y_prediction
}

/// Percentage of predictions that equal the labels (given):
/// 100 − mean(|prediction − Y|) · 100, as the original prints it.
pub fn accuracy(prediction: &Array2<f64>, y: &Array2<f64>) -> f64 {
    100.0 - (prediction - y).mapv(f64::abs).mean().unwrap_or(0.0) * 100.0
}

/// The whole logistic-regression model, from your functions: initialise w and
/// b with zeros, learn them with `optimize`, then predict on both sets.
///
/// X_train: (n_x, m_train), Y_train: (1, m_train); X_test: (n_x, m_test),
/// Y_test: (1, m_test); the images are already flattened and scaled (see
/// `flatten_images`). The original's defaults were num_iterations = 2000 and
/// learning_rate = 0.5: here they are always given.
/// これまでの関数を組み合わせて、モデル全体を作ります。
pub fn model(
    x_train: &Array2<f64>,
    y_train: &Array2<f64>,
    x_test: &Array2<f64>,
    y_test: &Array2<f64>,
    num_iterations: usize,
    learning_rate: f64,
) -> LogisticModel {
    // START CODE HERE (≈ 4 lines)
    let (w, b): (Array2<f64>, f64) = todo!();
    let (params, grads, costs): (Params, Grads, Vec<f64>) = todo!();
    let y_prediction_train: Array2<f64> = todo!();
    let y_prediction_test: Array2<f64> = todo!();
    // END CODE HERE

    let train_accuracy = accuracy(&y_prediction_train, y_train);
    let test_accuracy = accuracy(&y_prediction_test, y_test);
    LogisticModel {
        costs,
        y_prediction_train,
        y_prediction_test,
        w: params.w,
        b: params.b,
        train_accuracy,
        test_accuracy,
    }
}
