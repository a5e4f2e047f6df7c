//! Week 11 (course 5, week 1): Building a recurrent neural network, step by step.
//!
//! You build a basic RNN the way the lecture draws it: one cell (one time
//! step) forward, the whole sequence forward by calling your cell at every
//! step, then the cell's backward pass and the backward pass through time.
//! Then the LSTM's cell and its forward pass over a sequence.
//!
//! 基本的な RNN を一歩ずつ実装します。1 ステップのセルの順伝播、セルを時間方向に
//! 繰り返す順伝播、セルの逆伝播、そして時間をさかのぼる逆伝播です。続いて LSTM の
//! セルと系列全体の順伝播を実装します。
//!
//! Shapes follow the original: a sequence x is (n_x, m, T_x) (input feature,
//! example, time step); the hidden states a are (n_a, m, T_x); the predictions
//! y_pred are (n_y, m, T_x). The RNN's parameters are a map: "Wax" (n_a, n_x),
//! "Waa" (n_a, n_a), "Wya" (n_y, n_a), "ba" (n_a, 1), "by" (n_y, 1); the
//! LSTM's: "Wf", "Wi", "Wc", "Wo" (n_a, n_a + n_x), "bf", "bi", "bc", "bo"
//! (n_a, 1), "Wy" (n_y, n_a), "by" (n_y, 1).
#![allow(unused, unreachable_code)]

use std::collections::HashMap;

use dlc::nn::{Grads, Parameters, sigmoid};
use ndarray::{Array2, Array3, Axis, concatenate, s};

/// What `rnn_cell_forward` keeps for `rnn_cell_backward`: the new and the
/// previous hidden state, the input of the step, and the parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct RnnCache {
    /// The hidden state the cell computed, (n_a, m).
    pub a_next: Array2<f64>,
    /// The hidden state the cell received, (n_a, m).
    pub a_prev: Array2<f64>,
    /// The input of this time step, (n_x, m).
    pub xt: Array2<f64>,
    /// The parameters the cell used.
    pub parameters: Parameters,
}

/// What `lstm_cell_forward` keeps for a backward pass: the states, the gates
/// and the candidate of the step, its input, and the parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct LstmCache {
    /// The hidden state the cell computed, (n_a, m).
    pub a_next: Array2<f64>,
    /// The memory cell the cell computed, (n_a, m).
    pub c_next: Array2<f64>,
    /// The hidden state the cell received, (n_a, m).
    pub a_prev: Array2<f64>,
    /// The memory cell the cell received, (n_a, m).
    pub c_prev: Array2<f64>,
    /// The forget gate, (n_a, m).
    pub ft: Array2<f64>,
    /// The update (input) gate, (n_a, m).
    pub it: Array2<f64>,
    /// The candidate value c̃, (n_a, m).
    pub cct: Array2<f64>,
    /// The output gate, (n_a, m).
    pub ot: Array2<f64>,
    /// The input of this time step, (n_x, m).
    pub xt: Array2<f64>,
    /// The parameters the cell used.
    pub parameters: Parameters,
}

/// The gradients of a whole sequence, as `rnn_backward` returns them.
#[derive(Clone, Debug, PartialEq)]
pub struct RnnGradients {
    /// The gradient of the inputs, (n_x, m, T_x).
    pub dx: Array3<f64>,
    /// The gradient of the initial hidden state a0, (n_a, m).
    pub da0: Array2<f64>,
    /// The gradient of Wax, (n_a, n_x), summed over the time steps.
    pub dwax: Array2<f64>,
    /// The gradient of Waa, (n_a, n_a), summed over the time steps.
    pub dwaa: Array2<f64>,
    /// The gradient of ba, (n_a, 1), summed over the time steps.
    pub dba: Array2<f64>,
}

// ---------------------------------------------------------------------------
// Given: the original's rnn_utils.py
// ---------------------------------------------------------------------------

/// The softmax of every column: e^(x − max) / Σ_column e^(x − max). As in the
/// original's rnn_utils, the maximum subtracted (only to avoid overflow) is the
/// whole array's.
pub fn softmax(x: &Array2<f64>) -> Array2<f64> {
    let max = x.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let e_x = x.mapv(|v| (v - max).exp());
    let sums = e_x.sum_axis(Axis(0)).insert_axis(Axis(0));
    e_x / &sums
}

/// The parameter `name` of the map (the harness checks that every parameter
/// is there and has the right shape before calling a graded function).
pub fn param<'a>(parameters: &'a Parameters, name: &str) -> &'a Array2<f64> {
    &parameters[name]
}

// ---------------------------------------------------------------------------
// Graded functions
// ---------------------------------------------------------------------------

/// One time step of the RNN: a_next = tanh(Waa·a_prev + Wax·xt + ba) and
/// yt_pred = softmax(Wya·a_next + by). Returns a_next (n_a, m), yt_pred
/// (n_y, m) and the cache for the backward pass.
/// RNN の 1 ステップです。a_next = tanh(Waa·a_prev + Wax·xt + ba)、
/// yt_pred = softmax(Wya·a_next + by)。
pub fn rnn_cell_forward(
    xt: &Array2<f64>,
    a_prev: &Array2<f64>,
    parameters: &Parameters,
) -> (Array2<f64>, Array2<f64>, RnnCache) {
    let wax = param(parameters, "Wax");
    let waa = param(parameters, "Waa");
    let wya = param(parameters, "Wya");
    let ba = param(parameters, "ba");
    let by = param(parameters, "by");

    // The next hidden state.
    // START CODE HERE (≈ 1 line)
    let a_next: Array2<f64> = todo!();
    // END CODE HERE

    // The prediction of this time step.
    // START CODE HERE (≈ 1 line)
    let yt_pred: Array2<f64> = todo!();
    // END CODE HERE

    let cache = RnnCache {
        a_next: a_next.clone(),
        a_prev: a_prev.clone(),
        xt: xt.clone(),
        parameters: parameters.clone(),
    };
    (a_next, yt_pred, cache)
}

/// The forward pass over a whole sequence x (n_x, m, T_x): starting from a0,
/// your `rnn_cell_forward` at every time step t, each step receiving the hidden
/// state the step before computed. Returns a (n_a, m, T_x), y_pred
/// (n_y, m, T_x) and the caches of the steps, in time order.
/// 系列全体の順伝播です。a0 から始め、各時刻 t で rnn_cell_forward を呼び、
/// 前の時刻が計算した隠れ状態を次の時刻に渡します。
pub fn rnn_forward(
    x: &Array3<f64>,
    a0: &Array2<f64>,
    parameters: &Parameters,
) -> (Array3<f64>, Array3<f64>, Vec<RnnCache>) {
    let (_, m, t_x) = x.dim();
    let (n_y, n_a) = param(parameters, "Wya").dim();
    let mut a = Array3::zeros((n_a, m, t_x));
    let mut y_pred = Array3::zeros((n_y, m, t_x));
    let mut caches = Vec::with_capacity(t_x);

    // The hidden state before the first step.
    // START CODE HERE (≈ 1 line)
    let mut a_next: Array2<f64> = todo!();
    // END CODE HERE

    for t in 0..t_x {
        // One step: the cell, then a, y_pred and the caches at time t.
        // START CODE HERE (≈ 5 lines)
        todo!();
        // END CODE HERE
    }
    (a, y_pred, caches)
}

/// The backward pass of one time step, given da_next, the gradient of the
/// loss with respect to a_next: with dtanh = (1 − a_next²)·da_next,
/// dxt = Waxᵀ·dtanh, dWax = dtanh·xtᵀ, da_prev = Waaᵀ·dtanh,
/// dWaa = dtanh·a_prevᵀ, dba = Σ_examples dtanh. Returns the map
/// "dxt", "da_prev", "dWax", "dWaa", "dba".
/// 1 ステップの逆伝播です。dtanh = (1 − a_next²)·da_next から各勾配を求めます。
pub fn rnn_cell_backward(da_next: &Array2<f64>, cache: &RnnCache) -> Grads {
    let RnnCache {
        a_next,
        a_prev,
        xt,
        parameters,
    } = cache;
    let wax = param(parameters, "Wax");
    let waa = param(parameters, "Waa");

    // The gradient through tanh.
    // START CODE HERE (≈ 1 line)
    let dtanh: Array2<f64> = todo!();
    // END CODE HERE

    // The gradients of the input and of Wax.
    // START CODE HERE (≈ 2 lines)
    let (dxt, dwax): (Array2<f64>, Array2<f64>) = todo!();
    // END CODE HERE

    // The gradients of the previous hidden state and of Waa.
    // START CODE HERE (≈ 2 lines)
    let (da_prev, dwaa): (Array2<f64>, Array2<f64>) = todo!();
    // END CODE HERE

    // The gradient of ba, kept (n_a, 1).
    // START CODE HERE (≈ 1 line)
    let dba: Array2<f64> = todo!();
    // END CODE HERE

    HashMap::from([
        ("dxt".to_string(), dxt),
        ("da_prev".to_string(), da_prev),
        ("dWax".to_string(), dwax),
        ("dWaa".to_string(), dwaa),
        ("dba".to_string(), dba),
    ])
}

/// The backward pass through time. da (n_a, m, T_x) is the gradient of the
/// loss with respect to every hidden state from above (the outputs). Going
/// from the last step to the first, your `rnn_cell_backward` receives
/// da[:, :, t] plus the da_prev of the step after, and the gradients of Wax,
/// Waa and ba are summed over the steps. Returns dx, da0 and the summed
/// dWax, dWaa, dba.
/// 時間をさかのぼる逆伝播です。最後の時刻から最初へ、da[:, :, t] と後の時刻の
/// da_prev の和を rnn_cell_backward に渡し、dWax、dWaa、dba は全時刻で足し合わせます。
pub fn rnn_backward(da: &Array3<f64>, caches: &[RnnCache]) -> RnnGradients {
    let (n_a, m, t_x) = da.dim();
    let n_x = caches[0].xt.nrows();

    // Zero gradients to add to, and no gradient yet from a step after the last.
    // START CODE HERE (≈ 6 lines)
    let (mut dx, mut dwax, mut dwaa, mut dba, mut da_prevt): (Array3<f64>, Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>) = todo!();
    // END CODE HERE

    for t in (0..t_x).rev() {
        // One step back: the cell's gradients, added up.
        // START CODE HERE (≈ 6 lines)
        todo!();
        // END CODE HERE
    }

    // The gradient of a0.
    // START CODE HERE (≈ 1 line)
    let da0: Array2<f64> = todo!();
    // END CODE HERE

    RnnGradients {
        dx,
        da0,
        dwax,
        dwaa,
        dba,
    }
}

/// One time step of an LSTM. With concat = [a_prev; xt] ((n_a + n_x, m)):
/// ft = σ(Wf·concat + bf), it = σ(Wi·concat + bi), c̃t = tanh(Wc·concat + bc),
/// c_next = ft·c_prev + it·c̃t, ot = σ(Wo·concat + bo), a_next = ot·tanh(c_next),
/// yt_pred = softmax(Wy·a_next + by) (the products of gates are element-wise).
/// Returns a_next, c_next, yt_pred and the cache.
/// LSTM の 1 ステップです。concat = [a_prev; xt] から 3 つのゲートと候補値を求め、
/// c_next = ft·c_prev + it·c̃t、a_next = ot·tanh(c_next) とします。
pub fn lstm_cell_forward(
    xt: &Array2<f64>,
    a_prev: &Array2<f64>,
    c_prev: &Array2<f64>,
    parameters: &Parameters,
) -> (Array2<f64>, Array2<f64>, Array2<f64>, LstmCache) {
    let (wf, bf) = (param(parameters, "Wf"), param(parameters, "bf"));
    let (wi, bi) = (param(parameters, "Wi"), param(parameters, "bi"));
    let (wc, bc) = (param(parameters, "Wc"), param(parameters, "bc"));
    let (wo, bo) = (param(parameters, "Wo"), param(parameters, "bo"));
    let (wy, by) = (param(parameters, "Wy"), param(parameters, "by"));

    // The previous state on top of the input.
    // START CODE HERE (≈ 1 line)
    let concat: Array2<f64> = todo!();
    // END CODE HERE

    // The gates and the candidate value.
    // START CODE HERE (≈ 4 lines)
    let (ft, it, cct, ot): (Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>) = todo!();
    // END CODE HERE

    // The next memory cell and hidden state.
    // START CODE HERE (≈ 2 lines)
    let (c_next, a_next): (Array2<f64>, Array2<f64>) = todo!();
    // END CODE HERE

    // The prediction of this time step.
    // START CODE HERE (≈ 1 line)
    let yt_pred: Array2<f64> = todo!();
    // END CODE HERE

    let cache = LstmCache {
        a_next: a_next.clone(),
        c_next: c_next.clone(),
        a_prev: a_prev.clone(),
        c_prev: c_prev.clone(),
        ft,
        it,
        cct,
        ot,
        xt: xt.clone(),
        parameters: parameters.clone(),
    };
    (a_next, c_next, yt_pred, cache)
}

/// The LSTM's forward pass over a sequence x (n_x, m, T_x): from a0 and a
/// memory cell of zeros, your `lstm_cell_forward` at every time step, each
/// step receiving the hidden state and the memory cell the step before
/// computed. Returns a (n_a, m, T_x), y (n_y, m, T_x), c (n_a, m, T_x) and the
/// caches in time order.
/// LSTM の系列全体の順伝播です。a0 とゼロの記憶セルから始め、各時刻で
/// lstm_cell_forward を呼び、前の時刻の隠れ状態と記憶セルを渡します。
pub fn lstm_forward(
    x: &Array3<f64>,
    a0: &Array2<f64>,
    parameters: &Parameters,
) -> (Array3<f64>, Array3<f64>, Array3<f64>, Vec<LstmCache>) {
    let (_, m, t_x) = x.dim();
    let (n_y, n_a) = param(parameters, "Wy").dim();
    let mut a = Array3::zeros((n_a, m, t_x));
    let mut c = Array3::zeros((n_a, m, t_x));
    let mut y = Array3::zeros((n_y, m, t_x));
    let mut caches = Vec::with_capacity(t_x);

    // The hidden state and the memory cell before the first step.
    // START CODE HERE (≈ 2 lines)
    let (mut a_next, mut c_next): (Array2<f64>, Array2<f64>) = todo!();
    // END CODE HERE

    for t in 0..t_x {
        // One step: the cell, then a, c, y and the caches at time t.
        // START CODE HERE (≈ 7 lines)
        todo!();
        // END CODE HERE
    }
    (a, y, c, caches)
}
