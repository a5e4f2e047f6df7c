//! Week 8 (c4w2) harness: adapters from the protocol to the learner's
//! functions in `resnet.rs`. A layer travels as a map of its arrays (`W`,
//! `b`, `gamma`, `beta`, `moving_mean`, `moving_var`) and a block's weights
//! as a map of its layers (`conv1`, `conv2`, `conv3`, and `shortcut` for the
//! convolutional block), so a case states every number it feeds in. Shapes
//! are checked here first: a wrong one would make the learner's code panic
//! for a reason that is not theirs. `residual_stage` runs the learner's two
//! blocks one after the other, never a course helper. The cases live in
//! `cases.rs`.

use std::collections::BTreeMap;

use dlc::harness::{Args, Graded, Outputs};
use dlc::ValueError;
use ndarray::{Array1, Array4, ArrayD};

use crate::resnet::{
    BatchNorm, ConvBlockWeights, ConvBn, IdentityWeights, Padding, batch_norm, conv2d, convolutional_block,
    identity_block,
};

/// The graded functions, in the order of the assignment, then the
/// harness-only stage through both blocks.
pub const FUNCTIONS: &[Graded] = &[
    Graded { name: "conv2d", call: call_conv2d },
    Graded { name: "batch_norm", call: call_batch_norm },
    Graded { name: "identity_block", call: call_identity_block },
    Graded { name: "convolutional_block", call: call_convolutional_block },
    Graded { name: "residual_stage", call: call_residual_stage },
];

// ---------------------------------------------------------------------------
// Arguments, checked before the learner's code sees them
// ---------------------------------------------------------------------------

/// `"same"` / `"valid"` → [`Padding`].
fn padding_arg(args: &Args) -> Result<Padding, ValueError> {
    let name: String = args.get("padding")?;
    match name.as_str() {
        "same" => Ok(Padding::Same),
        "valid" => Ok(Padding::Valid),
        other => Err(ValueError(format!("argument `padding`: expected \"same\" or \"valid\", found \"{other}\""))),
    }
}

/// Checks that a convolution with kernels `w` (biases `b`), `stride` and
/// `padding` fits an input of shape `x` and returns its output's shape.
fn conv_fits(
    what: &str,
    x: (usize, usize, usize, usize),
    w: &Array4<f64>,
    b: &Array1<f64>,
    stride: usize,
    padding: Padding,
) -> Result<(usize, usize, usize, usize), ValueError> {
    let (m, n_h_prev, n_w_prev, n_c_prev) = x;
    let (f, f2, w_c_prev, n_c) = w.dim();
    if f != f2 || f == 0 || w_c_prev != n_c_prev {
        return Err(ValueError(format!(
            "{what}: kernels of shape {:?} do not fit an input of {n_c_prev} channels",
            w.shape()
        )));
    }
    if b.len() != n_c {
        return Err(ValueError(format!("{what}: expected {n_c} biases, found {}", b.len())));
    }
    if stride == 0 {
        return Err(ValueError(format!("{what}: the stride must be at least 1")));
    }
    match padding {
        Padding::Same if stride != 1 => Err(ValueError(format!("{what}: 'same' padding is used with stride 1 here"))),
        Padding::Same => Ok((m, n_h_prev, n_w_prev, n_c)),
        Padding::Valid if n_h_prev < f || n_w_prev < f => {
            Err(ValueError(format!("{what}: no {f} × {f} window fits the input")))
        }
        Padding::Valid => Ok((m, (n_h_prev - f) / stride + 1, (n_w_prev - f) / stride + 1, n_c)),
    }
}

/// A batch normalisation's four vectors, each of `n_c` entries, the
/// variances not negative.
fn batch_norm_of(what: &str, gamma: Array1<f64>, beta: Array1<f64>, mean: Array1<f64>, var: Array1<f64>, n_c: usize) -> Result<BatchNorm, ValueError> {
    for (name, v) in [("gamma", &gamma), ("beta", &beta), ("moving_mean", &mean), ("moving_var", &var)] {
        if v.len() != n_c {
            return Err(ValueError(format!("{what}: `{name}` needs {n_c} entries (one per channel), found {}", v.len())));
        }
    }
    if var.iter().any(|&v| v.is_nan() || v < 0.0) {
        return Err(ValueError(format!("{what}: `moving_var` must not be negative")));
    }
    Ok(BatchNorm { gamma, beta, moving_mean: mean, moving_var: var })
}

/// One array of a layer's map, of rank `D`.
fn layer_array<D: ndarray::Dimension>(layer: &BTreeMap<String, ArrayD<f64>>, what: &str, key: &str) -> Result<ndarray::Array<f64, D>, ValueError> {
    let a = layer.get(key).ok_or_else(|| ValueError(format!("{what}: `{key}` is missing")))?;
    a.clone()
        .into_dimensionality::<D>()
        .map_err(|_| ValueError(format!("{what}: `{key}` has shape {:?}", a.shape())))
}

/// A layer (`{W, b, gamma, beta, moving_mean, moving_var}`) of a block's
/// weights, applied to an input of shape `x` with `stride` and `padding`, and
/// with kernels of `f` × `f` and `filters` filters; returns it and its
/// output's shape.
fn layer_of(
    weights: &BTreeMap<String, BTreeMap<String, ArrayD<f64>>>,
    name: &str,
    x: (usize, usize, usize, usize),
    (f, filters): (usize, usize),
    stride: usize,
    padding: Padding,
) -> Result<(ConvBn, (usize, usize, usize, usize)), ValueError> {
    let what = format!("argument `weights`, layer `{name}`");
    let layer = weights.get(name).ok_or_else(|| ValueError(format!("{what} is missing")))?;
    let w: Array4<f64> = layer_array(layer, &what, "W")?;
    let b: Array1<f64> = layer_array(layer, &what, "b")?;
    if w.dim().0 != f || w.dim().3 != filters {
        return Err(ValueError(format!("{what}: expected {filters} kernels of {f} × {f}, found W of shape {:?}", w.shape())));
    }
    let out = conv_fits(&what, x, &w, &b, stride, padding)?;
    let bn = batch_norm_of(
        &what,
        layer_array(layer, &what, "gamma")?,
        layer_array(layer, &what, "beta")?,
        layer_array(layer, &what, "moving_mean")?,
        layer_array(layer, &what, "moving_var")?,
        filters,
    )?;
    Ok((ConvBn { w, b, bn }, out))
}

/// `filters` = [F1, F2, F3].
fn filters_arg(args: &Args) -> Result<[usize; 3], ValueError> {
    let v: Vec<usize> = args.get("filters")?;
    <[usize; 3]>::try_from(v).map_err(|v| ValueError(format!("argument `filters`: expected 3 numbers, found {}", v.len())))
}

/// An identity block's weights for an input of shape `x`: the main path's
/// output keeps the input's shape (F3 = its channels).
fn identity_weights(
    weights: &BTreeMap<String, BTreeMap<String, ArrayD<f64>>>,
    x: (usize, usize, usize, usize),
    f: usize,
    [f1, f2, f3]: [usize; 3],
) -> Result<IdentityWeights, ValueError> {
    if f3 != x.3 {
        return Err(ValueError(format!("argument `filters`: F3 = {f3} must equal the input's {} channels", x.3)));
    }
    let (conv1, x1) = layer_of(weights, "conv1", x, (1, f1), 1, Padding::Valid)?;
    let (conv2, x2) = layer_of(weights, "conv2", x1, (f, f2), 1, Padding::Same)?;
    let (conv3, _) = layer_of(weights, "conv3", x2, (1, f3), 1, Padding::Valid)?;
    Ok(IdentityWeights { conv1, conv2, conv3 })
}

/// A convolutional block's weights for an input of shape `x`, and its
/// output's shape.
fn conv_block_weights(
    weights: &BTreeMap<String, BTreeMap<String, ArrayD<f64>>>,
    x: (usize, usize, usize, usize),
    f: usize,
    [f1, f2, f3]: [usize; 3],
    s: usize,
) -> Result<(ConvBlockWeights, (usize, usize, usize, usize)), ValueError> {
    let (conv1, x1) = layer_of(weights, "conv1", x, (1, f1), s, Padding::Valid)?;
    let (conv2, x2) = layer_of(weights, "conv2", x1, (f, f2), 1, Padding::Same)?;
    let (conv3, x3) = layer_of(weights, "conv3", x2, (1, f3), 1, Padding::Valid)?;
    let (shortcut, _) = layer_of(weights, "shortcut", x, (1, f3), s, Padding::Valid)?;
    Ok((ConvBlockWeights { conv1, conv2, conv3, shortcut }, x3))
}

/// A block's weights: a map of layers, each a map of arrays.
fn weights_arg(args: &Args, name: &str) -> Result<BTreeMap<String, BTreeMap<String, ArrayD<f64>>>, ValueError> {
    args.get(name)
}

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

fn call_conv2d(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array4<f64> = args.get("X")?;
    let w: Array4<f64> = args.get("W")?;
    let b: Array1<f64> = args.get("b")?;
    let stride: usize = args.get("stride")?;
    let padding = padding_arg(args)?;
    conv_fits("arguments `W`, `b`, `stride` and `padding`", x.dim(), &w, &b, stride, padding)?;
    Ok(Outputs::new().with("Z", conv2d(&x, &w, &b, stride, padding)))
}

fn call_batch_norm(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array4<f64> = args.get("X")?;
    let bn = batch_norm_of(
        "arguments",
        args.get("gamma")?,
        args.get("beta")?,
        args.get("moving_mean")?,
        args.get("moving_var")?,
        x.dim().3,
    )?;
    let out = batch_norm(&x, &bn, args.get("training")?);
    Ok(Outputs::new().with("out", out))
}

fn call_identity_block(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array4<f64> = args.get("X")?;
    let (f, filters): (usize, [usize; 3]) = (args.get("f")?, filters_arg(args)?);
    let weights = identity_weights(&weights_arg(args, "weights")?, x.dim(), f, filters)?;
    let a = identity_block(&x, f, filters, &weights, args.get("training")?);
    Ok(Outputs::new().with("A", a))
}

fn call_convolutional_block(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array4<f64> = args.get("X")?;
    let (f, filters, s): (usize, [usize; 3], usize) = (args.get("f")?, filters_arg(args)?, args.get("s")?);
    let (weights, _) = conv_block_weights(&weights_arg(args, "weights")?, x.dim(), f, filters, s)?;
    let a = convolutional_block(&x, f, filters, s, &weights, args.get("training")?);
    Ok(Outputs::new().with("A", a))
}

/// Harness-only integration check: a stage of a ResNet as ResNet50 builds
/// them, the learner's convolutional block (stride s) and then the learner's
/// identity block on its output, with the same f and filters. Both results
/// are compared, the block's first.
fn call_residual_stage(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array4<f64> = args.get("X")?;
    let (f, filters, s): (usize, [usize; 3], usize) = (args.get("f")?, filters_arg(args)?, args.get("s")?);
    let training: bool = args.get("training")?;
    let (block, shape) = conv_block_weights(&weights_arg(args, "conv_block_weights")?, x.dim(), f, filters, s)?;
    let identity = identity_weights(&weights_arg(args, "identity_weights")?, shape, f, filters)?;
    let a_block = convolutional_block(&x, f, filters, s, &block, training);
    let a = identity_block(&a_block, f, filters, &identity, training);
    Ok(Outputs::new().with("A_block", a_block).with("A", a))
}
