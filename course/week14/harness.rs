//! Week 14 (c5w4) harness: adapters from the protocol to the learner's
//! functions in `transformer.rs`. A layer's weights travel as one map of
//! named arrays (`wq`, `bq`, … `wo`, `bo` for an attention; the encoder adds
//! `gamma1`, `beta1`, `w1`, `b1`, `w2`, `b2`, `gamma2`, `beta2`), and a mask
//! as a list of zero or one matrix (empty: no mask), so a case states every
//! number it feeds in. Shapes are checked here first: a wrong one would make
//! the learner's code panic for a reason that is not theirs. `encoder` runs
//! the learner's own positional encoding, padding mask and encoder layer one
//! after the other, never a course helper. The cases live in `cases.rs`.

use std::collections::BTreeMap;

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use ndarray::{Array1, Array2, ArrayD, Axis};

use crate::transformer::{
    EncoderWeights, MhaWeights, create_look_ahead_mask, create_padding_mask, encoder_layer, feed_forward,
    get_angles, layer_norm, multi_head_attention, positional_encoding, scaled_dot_product_attention,
};

/// The graded functions, in the order of the assignment, then the
/// harness-only encoder (embedding, positional encoding, mask, layer).
pub const FUNCTIONS: &[Graded] = &[
    Graded {
        name: "get_angles",
        call: call_get_angles,
    },
    Graded {
        name: "positional_encoding",
        call: call_positional_encoding,
    },
    Graded {
        name: "create_padding_mask",
        call: call_create_padding_mask,
    },
    Graded {
        name: "create_look_ahead_mask",
        call: call_create_look_ahead_mask,
    },
    Graded {
        name: "scaled_dot_product_attention",
        call: call_scaled_dot_product_attention,
    },
    Graded {
        name: "multi_head_attention",
        call: call_multi_head_attention,
    },
    Graded {
        name: "layer_norm",
        call: call_layer_norm,
    },
    Graded {
        name: "feed_forward",
        call: call_feed_forward,
    },
    Graded {
        name: "encoder_layer",
        call: call_encoder_layer,
    },
    Graded {
        name: "encoder",
        call: call_encoder,
    },
];

// ---------------------------------------------------------------------------
// Arguments, checked before the learner's code sees them
// ---------------------------------------------------------------------------

/// One array of a weights map, of the dimension the learner's type needs.
fn entry<D: ndarray::Dimension>(
    map: &BTreeMap<String, ArrayD<f64>>,
    key: &str,
) -> Result<ndarray::Array<f64, D>, ValueError> {
    let array = map
        .get(key)
        .ok_or_else(|| ValueError(format!("argument `weights`: no `{key}`")))?;
    array.clone().into_dimensionality::<D>().map_err(|_| {
        ValueError(format!(
            "argument `weights`: `{key}` has shape {:?}",
            array.shape()
        ))
    })
}

/// A matrix `(rows, cols)` and a vector `(cols,)` of the weights map, checked.
fn layer(
    map: &BTreeMap<String, ArrayD<f64>>,
    w: &str,
    b: &str,
    rows: usize,
) -> Result<(Array2<f64>, Array1<f64>), ValueError> {
    let (w_arr, b_arr): (Array2<f64>, Array1<f64>) = (entry(map, w)?, entry(map, b)?);
    if w_arr.nrows() != rows || b_arr.len() != w_arr.ncols() {
        return Err(ValueError(format!(
            "argument `weights`: `{w}` {:?} and `{b}` {:?} do not fit {rows} inputs",
            w_arr.shape(),
            b_arr.shape()
        )));
    }
    Ok((w_arr, b_arr))
}

/// An attention's weights for inputs of `d_model` columns, split into
/// `num_heads` heads.
fn mha_weights(
    map: &BTreeMap<String, ArrayD<f64>>,
    d_model: usize,
    num_heads: usize,
) -> Result<MhaWeights, ValueError> {
    if num_heads == 0 || d_model % num_heads != 0 {
        return Err(ValueError(format!(
            "argument `num_heads`: {num_heads} does not divide d_model = {d_model}"
        )));
    }
    let (wq, bq) = layer(map, "wq", "bq", d_model)?;
    let (wk, bk) = layer(map, "wk", "bk", d_model)?;
    let (wv, bv) = layer(map, "wv", "bv", d_model)?;
    let (wo, bo) = layer(map, "wo", "bo", d_model)?;
    if [wq.ncols(), wk.ncols(), wv.ncols(), wo.ncols()] != [d_model; 4] {
        return Err(ValueError(format!(
            "argument `weights`: every projection must be ({d_model}, {d_model})"
        )));
    }
    Ok(MhaWeights {
        wq,
        bq,
        wk,
        bk,
        wv,
        bv,
        wo,
        bo,
    })
}

/// A vector of `d` entries of the weights map.
fn vector(map: &BTreeMap<String, ArrayD<f64>>, key: &str, d: usize) -> Result<Array1<f64>, ValueError> {
    let v: Array1<f64> = entry(map, key)?;
    if v.len() != d {
        return Err(ValueError(format!(
            "argument `weights`: `{key}` has {} entries, expected {d}",
            v.len()
        )));
    }
    Ok(v)
}

/// An encoder layer's weights for inputs of `d_model` columns.
fn encoder_weights(args: &Args, d_model: usize, num_heads: usize) -> Result<EncoderWeights, ValueError> {
    let map: BTreeMap<String, ArrayD<f64>> = args.get("weights")?;
    let mha = mha_weights(&map, d_model, num_heads)?;
    let (w1, b1) = layer(&map, "w1", "b1", d_model)?;
    let (w2, b2) = layer(&map, "w2", "b2", w1.ncols())?;
    if w2.ncols() != d_model {
        return Err(ValueError(format!(
            "argument `weights`: `w2` must have {d_model} columns"
        )));
    }
    Ok(EncoderWeights {
        mha,
        gamma1: vector(&map, "gamma1", d_model)?,
        beta1: vector(&map, "beta1", d_model)?,
        w1,
        b1,
        w2,
        b2,
        gamma2: vector(&map, "gamma2", d_model)?,
        beta2: vector(&map, "beta2", d_model)?,
    })
}

/// The optional mask: a list of zero matrices (no mask) or one, which must
/// broadcast to (n_q, n_k): (n_q, n_k) or (1, n_k).
fn mask_arg(args: &Args, n_q: usize, n_k: usize) -> Result<Option<Array2<f64>>, ValueError> {
    let masks: Vec<Array2<f64>> = args.get("mask")?;
    match masks.len() {
        0 => Ok(None),
        1 => {
            let mask = masks
                .into_iter()
                .next()
                .ok_or_else(|| ValueError("argument `mask`: empty".into()))?;
            if mask.ncols() != n_k || (mask.nrows() != n_q && mask.nrows() != 1) {
                return Err(ValueError(format!(
                    "argument `mask`: shape {:?} does not fit ({n_q}, {n_k})",
                    mask.shape()
                )));
            }
            Ok(Some(mask))
        }
        n => Err(ValueError(format!(
            "argument `mask`: a list of at most one mask, found {n}"
        ))),
    }
}

/// The input sequence `x` (seq_len, d_model), not empty.
fn sequence_arg(args: &Args) -> Result<Array2<f64>, ValueError> {
    let x: Array2<f64> = args.get("x")?;
    if x.is_empty() {
        return Err(ValueError("argument `x`: empty".into()));
    }
    Ok(x)
}

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

fn call_get_angles(args: &mut Args) -> Result<Outputs, ValueError> {
    let pos: Vec<f64> = args.get("pos")?;
    let k: Vec<usize> = args.get("k")?;
    let d: usize = args.get("d")?;
    if d == 0 {
        return Err(ValueError("argument `d`: must be at least 1".into()));
    }
    Ok(Outputs::new().with("angles", get_angles(&pos, &k, d)))
}

fn call_positional_encoding(args: &mut Args) -> Result<Outputs, ValueError> {
    let positions: usize = args.get("positions")?;
    let d: usize = args.get("d")?;
    if d == 0 || positions == 0 {
        return Err(ValueError(
            "arguments `positions` and `d`: must be at least 1".into(),
        ));
    }
    Ok(Outputs::new().with("encoding", positional_encoding(positions, d)))
}

fn call_create_padding_mask(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("x")?;
    Ok(Outputs::new().with("mask", create_padding_mask(&x)))
}

fn call_create_look_ahead_mask(args: &mut Args) -> Result<Outputs, ValueError> {
    let n: usize = args.get("n")?;
    Ok(Outputs::new().with("mask", create_look_ahead_mask(n)))
}

fn call_scaled_dot_product_attention(args: &mut Args) -> Result<Outputs, ValueError> {
    let (q, k, v): (Array2<f64>, Array2<f64>, Array2<f64>) = (args.get("q")?, args.get("k")?, args.get("v")?);
    if q.ncols() != k.ncols() || k.nrows() != v.nrows() || k.nrows() == 0 {
        return Err(ValueError(format!(
            "arguments `q`, `k`, `v`: shapes {:?}, {:?}, {:?} do not fit",
            q.shape(),
            k.shape(),
            v.shape()
        )));
    }
    let mask = mask_arg(args, q.nrows(), k.nrows())?;
    let (output, weights) = scaled_dot_product_attention(&q, &k, &v, mask.as_ref());
    Ok(Outputs::new()
        .with("output", output)
        .with("attention_weights", weights))
}

fn call_multi_head_attention(args: &mut Args) -> Result<Outputs, ValueError> {
    let x = sequence_arg(args)?;
    let num_heads: usize = args.get("num_heads")?;
    let map: BTreeMap<String, ArrayD<f64>> = args.get("weights")?;
    let weights = mha_weights(&map, x.ncols(), num_heads)?;
    let mask = mask_arg(args, x.nrows(), x.nrows())?;
    Ok(Outputs::new().with(
        "output",
        multi_head_attention(&x, &weights, num_heads, mask.as_ref()),
    ))
}

fn call_layer_norm(args: &mut Args) -> Result<Outputs, ValueError> {
    let x = sequence_arg(args)?;
    let (gamma, beta): (Array1<f64>, Array1<f64>) = (args.get("gamma")?, args.get("beta")?);
    let eps: f64 = args.get("eps")?;
    if gamma.len() != x.ncols() || beta.len() != x.ncols() {
        return Err(ValueError(format!(
            "arguments `gamma` and `beta`: expected {} entries each",
            x.ncols()
        )));
    }
    Ok(Outputs::new().with("output", layer_norm(&x, &gamma, &beta, eps)))
}

fn call_feed_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let x = sequence_arg(args)?;
    let mut map = BTreeMap::new();
    for key in ["w1", "b1", "w2", "b2"] {
        map.insert(key.to_string(), args.get::<ArrayD<f64>>(key)?);
    }
    let (w1, b1) = layer(&map, "w1", "b1", x.ncols())?;
    let (w2, b2) = layer(&map, "w2", "b2", w1.ncols())?;
    Ok(Outputs::new().with("output", feed_forward(&x, &w1, &b1, &w2, &b2)))
}

fn call_encoder_layer(args: &mut Args) -> Result<Outputs, ValueError> {
    let x = sequence_arg(args)?;
    let num_heads: usize = args.get("num_heads")?;
    let weights = encoder_weights(args, x.ncols(), num_heads)?;
    let mask = mask_arg(args, x.nrows(), x.nrows())?;
    Ok(Outputs::new().with("output", encoder_layer(&x, &weights, num_heads, mask.as_ref())))
}

/// The encoder's front end and one layer, all the learner's: token ids
/// (one sequence, 0 is padding) → embedding rows · √d_model + the
/// positional encoding, the padding mask of the tokens, then the layer.
fn call_encoder(args: &mut Args) -> Result<Outputs, ValueError> {
    let tokens: Vec<usize> = args.get("tokens")?;
    let embedding: Array2<f64> = args.get("embedding")?;
    let num_heads: usize = args.get("num_heads")?;
    let d_model = embedding.ncols();
    if tokens.is_empty() || d_model == 0 || tokens.iter().any(|&t| t >= embedding.nrows()) {
        return Err(ValueError(
            "arguments `tokens` and `embedding`: a token without an embedding row".into(),
        ));
    }
    let weights = encoder_weights(args, d_model, num_heads)?;
    let x = embedding.select(Axis(0), &tokens) * (d_model as f64).sqrt();
    let encoding = positional_encoding(tokens.len(), d_model);
    if encoding.dim() != x.dim() {
        return Err(ValueError(format!(
            "positional_encoding({}, {d_model}) returned shape {:?}",
            tokens.len(),
            encoding.shape()
        )));
    }
    let x = x + &encoding;
    let token_row = Array2::from_shape_fn((1, tokens.len()), |(_, j)| tokens[j] as f64);
    let mask = create_padding_mask(&token_row);
    if mask.dim() != (1, tokens.len()) {
        return Err(ValueError(format!(
            "create_padding_mask returned shape {:?}",
            mask.shape()
        )));
    }
    let output = encoder_layer(&x, &weights, num_heads, Some(&mask));
    Ok(Outputs::new()
        .with("encoding", encoding)
        .with("mask", mask)
        .with("output", output))
}
