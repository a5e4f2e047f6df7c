//! Week 14 (course 5, week 4): Transformer network, the encoder side.
//!
//! You build, piece by piece, what an encoder layer of a transformer
//! computes: the angles and the positional encoding, the padding and
//! look-ahead masks, scaled dot-product attention, multi-head attention,
//! layer normalisation, the position-wise feed-forward network, and the
//! encoder layer that composes them.
//!
//! トランスフォーマーのエンコーダ層を、位置エンコーディング、マスク、
//! スケール付き内積アテンション、マルチヘッドアテンション、層正規化、
//! フィードフォワードネットワークから一つずつ組み立てます。
//!
//! Shapes: one sequence at a time, one position per row: x is
//! (seq_len, d_model). Weights multiply from the right, as in Keras
//! (x · W + b, W of shape (in, out)). Masks follow the 2023 notebook: 1 marks
//! a key that may be attended to, 0 a key that may not; a masked key gets
//! (1 − mask) · (−1e9) added to its score before the softmax.
#![allow(unused, unreachable_code)]

use dlc::nn::relu;
use ndarray::{Array1, Array2, Axis, s};

/// The ε Keras's LayerNormalization adds to the variance (the original's
/// `epsilon=1e-6`).
pub const LN_EPSILON: f64 = 1e-6;

/// What a masked score gets added: large enough that its softmax weight is 0.
pub const MASK_VALUE: f64 = -1e9;

/// The weights of one multi-head attention layer (self-attention): the
/// query, key and value projections, then the output projection; every
/// matrix is (d_model, d_model), every bias (d_model,).
#[derive(Clone, Debug, PartialEq)]
pub struct MhaWeights {
    /// Query projection.
    pub wq: Array2<f64>,
    /// Query bias.
    pub bq: Array1<f64>,
    /// Key projection.
    pub wk: Array2<f64>,
    /// Key bias.
    pub bk: Array1<f64>,
    /// Value projection.
    pub wv: Array2<f64>,
    /// Value bias.
    pub bv: Array1<f64>,
    /// Output projection, applied to the heads concatenated.
    pub wo: Array2<f64>,
    /// Output bias.
    pub bo: Array1<f64>,
}

/// The weights of one encoder layer: its attention, the two layer
/// normalisations and the feed-forward network (d_model → dff → d_model).
#[derive(Clone, Debug, PartialEq)]
pub struct EncoderWeights {
    /// The self-attention.
    pub mha: MhaWeights,
    /// First layer normalisation's scale (d_model,).
    pub gamma1: Array1<f64>,
    /// First layer normalisation's offset (d_model,).
    pub beta1: Array1<f64>,
    /// Feed-forward's first layer (d_model, dff).
    pub w1: Array2<f64>,
    /// Feed-forward's first bias (dff,).
    pub b1: Array1<f64>,
    /// Feed-forward's second layer (dff, d_model).
    pub w2: Array2<f64>,
    /// Feed-forward's second bias (d_model,).
    pub b2: Array1<f64>,
    /// Second layer normalisation's scale (d_model,).
    pub gamma2: Array1<f64>,
    /// Second layer normalisation's offset (d_model,).
    pub beta2: Array1<f64>,
}

/// The angles of the positional encoding: entry (p, j) is
/// pos[p] / 10000^(2⌊k[j]/2⌋ / d), for the positions `pos` and the
/// dimension indices `k` of an encoding of depth `d`.
pub fn get_angles(pos: &[f64], k: &[usize], d: usize) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    let angle_rates: Array1<f64> = todo!();
    // END CODE HERE
    // Every position times every rate: the outer product.
    let pos = Array1::from(pos.to_vec()).insert_axis(Axis(1));
    &pos * &angle_rates.insert_axis(Axis(0))
}

/// The positional encoding of `positions` positions in depth `d`:
/// (positions, d), sin of the angles in the even columns, cos in the odd ones.
pub fn positional_encoding(positions: usize, d: usize) -> Array2<f64> {
    // START CODE HERE (≈ 3 lines)
    let angles: Array2<f64> = todo!();
    // END CODE HERE
    let mut encoding = angles;
    // START CODE HERE (≈ 2 lines)
    todo!();
    // END CODE HERE
    encoding
}

/// The padding mask of a batch of token sequences (one per row, 0 is
/// padding): 1 where a token is, 0 where padding is; same shape as `x`.
pub fn create_padding_mask(x: &Array2<f64>) -> Array2<f64> {
    // START CODE HERE (≈ 1 line)
    todo!()
    // END CODE HERE
}

/// The look-ahead mask of a sequence of `n` positions: (n, n), row i keeps
/// the keys 0..=i (ones on and below the diagonal, zeros above).
pub fn create_look_ahead_mask(n: usize) -> Array2<f64> {
    // START CODE HERE (≈ 1 line)
    todo!()
    // END CODE HERE
}

/// Scaled dot-product attention: weights = softmax(q·kᵀ/√d_k + (1 − mask)·(−1e9))
/// over the keys (each row sums to 1), output = weights · v. q is (n_q, d_k),
/// k is (n_k, d_k), v is (n_k, d_v); the mask is (n_q, n_k) or (1, n_k)
/// (the same keys for every query). Returns (output, weights).
pub fn scaled_dot_product_attention(
    q: &Array2<f64>,
    k: &Array2<f64>,
    v: &Array2<f64>,
    mask: Option<&Array2<f64>>,
) -> (Array2<f64>, Array2<f64>) {
    // START CODE HERE (≈ 2 lines)
    let mut scores: Array2<f64> = todo!();
    // END CODE HERE
    if let Some(mask) = mask {
        // START CODE HERE (≈ 1 line)
        todo!();
        // END CODE HERE
    }
    // START CODE HERE (≈ 4 lines)
    let weights: Array2<f64> = todo!();
    // END CODE HERE
    // START CODE HERE (≈ 1 line)
    let output: Array2<f64> = todo!();
    // END CODE HERE
    (output, weights)
}

/// Multi-head self-attention of x (seq_len, d_model): project x into
/// queries, keys and values, split each into `num_heads` heads of
/// depth = d_model / num_heads contiguous columns (head h owns columns
/// h·depth .. (h+1)·depth), attend within each head with your
/// scaled_dot_product_attention, concatenate the heads in order and apply
/// the output projection.
pub fn multi_head_attention(
    x: &Array2<f64>,
    weights: &MhaWeights,
    num_heads: usize,
    mask: Option<&Array2<f64>>,
) -> Array2<f64> {
    let (seq_len, d_model) = x.dim();
    let depth = d_model / num_heads;
    // START CODE HERE (≈ 3 lines)
    let (q, k, v): (Array2<f64>, Array2<f64>, Array2<f64>) = todo!();
    // END CODE HERE
    let mut concat = Array2::<f64>::zeros((seq_len, d_model));
    for h in 0..num_heads {
        // START CODE HERE (≈ 4 lines)
        todo!();
        // END CODE HERE
    }
    // START CODE HERE (≈ 1 line)
    let output: Array2<f64> = todo!();
    // END CODE HERE
    output
}

/// Layer normalisation over the last axis (each row on its own):
/// (x − mean) / √(var + eps) · gamma + beta, with the biased variance
/// (divided by d_model, as Keras does).
pub fn layer_norm(x: &Array2<f64>, gamma: &Array1<f64>, beta: &Array1<f64>, eps: f64) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    let (mean, var): (Array2<f64>, Array2<f64>) = todo!();
    // END CODE HERE
    // START CODE HERE (≈ 1 line)
    let out: Array2<f64> = todo!();
    // END CODE HERE
    out
}

/// The position-wise feed-forward network: relu(x · w1 + b1) · w2 + b2,
/// the same two layers applied to every position (row).
pub fn feed_forward(
    x: &Array2<f64>,
    w1: &Array2<f64>,
    b1: &Array1<f64>,
    w2: &Array2<f64>,
    b2: &Array1<f64>,
) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    let out: Array2<f64> = todo!();
    // END CODE HERE
    out
}

/// One encoder layer at inference (no dropout):
/// out1 = LN1(x + MHA(x)), out2 = LN2(out1 + FFN(out1)), with your
/// multi_head_attention, layer_norm (ε = LN_EPSILON) and feed_forward.
pub fn encoder_layer(
    x: &Array2<f64>,
    weights: &EncoderWeights,
    num_heads: usize,
    mask: Option<&Array2<f64>>,
) -> Array2<f64> {
    // START CODE HERE (≈ 2 lines)
    let out1: Array2<f64> = todo!();
    // END CODE HERE
    // START CODE HERE (≈ 2 lines)
    let out2: Array2<f64> = todo!();
    // END CODE HERE
    out2
}
