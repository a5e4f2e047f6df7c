//! Week 7 (c4w1) harness: adapters from the protocol to the learner's
//! functions in `conv.rs`. A cache travels as its parts (`A_prev`, `W`, `b`,
//! `stride`, `pad` for a convolution; `A_prev`, `f`, `stride` for a pooling),
//! so a case states every number it feeds in. `conv_pool_round_trip` runs the
//! learner's four layers one after the other, never a course helper. The cases
//! live in `cases.rs`.

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use ndarray::{Array2, Array3, Array4};

use crate::conv::{
    ConvCache, ConvHparameters, PoolCache, PoolHparameters, PoolMode, conv_backward, conv_forward, conv_single_step,
    create_mask_from_window, distribute_value, pool_backward, pool_forward, zero_pad,
};

/// The graded functions, in the order of the assignment, then the
/// harness-only round trip through all four layers.
pub const FUNCTIONS: &[Graded] = &[
    Graded { name: "zero_pad", call: call_zero_pad },
    Graded { name: "conv_single_step", call: call_conv_single_step },
    Graded { name: "conv_forward", call: call_conv_forward },
    Graded { name: "pool_forward", call: call_pool_forward },
    Graded { name: "conv_backward", call: call_conv_backward },
    Graded { name: "create_mask_from_window", call: call_create_mask_from_window },
    Graded { name: "distribute_value", call: call_distribute_value },
    Graded { name: "pool_backward", call: call_pool_backward },
    Graded { name: "conv_pool_round_trip", call: call_conv_pool_round_trip },
];

// ---------------------------------------------------------------------------
// Arguments the learner's types need checked first (a wrong one would make
// the learner's code panic for a reason that is not theirs).
// ---------------------------------------------------------------------------

/// `"max"` / `"average"` → [`PoolMode`].
fn mode_arg(args: &Args) -> Result<PoolMode, ValueError> {
    let name: String = args.get("mode")?;
    match name.as_str() {
        "max" => Ok(PoolMode::Max),
        "average" => Ok(PoolMode::Average),
        other => Err(ValueError(format!("argument `mode`: expected \"max\" or \"average\", found \"{other}\""))),
    }
}

/// `stride` and `pad`, checked against the input and the filters.
fn conv_args(args: &Args) -> Result<(Array4<f64>, Array4<f64>, Array4<f64>, ConvHparameters), ValueError> {
    let a_prev: Array4<f64> = args.get("A_prev")?;
    let w: Array4<f64> = args.get("W")?;
    let b: Array4<f64> = args.get("b")?;
    let hparameters = ConvHparameters { stride: args.get("stride")?, pad: args.get("pad")? };
    let (_, n_h_prev, n_w_prev, n_c_prev) = a_prev.dim();
    let (f, f2, w_c_prev, n_c) = w.dim();
    if f != f2 || f == 0 || w_c_prev != n_c_prev {
        return Err(ValueError(format!(
            "argument `W`: filters of shape {:?} do not fit an input of {n_c_prev} channels",
            w.shape()
        )));
    }
    if b.dim() != (1, 1, 1, n_c) {
        return Err(ValueError(format!("argument `b`: expected shape (1, 1, 1, {n_c}), found {:?}", b.shape())));
    }
    if hparameters.stride == 0 || n_h_prev + 2 * hparameters.pad < f || n_w_prev + 2 * hparameters.pad < f {
        return Err(ValueError("arguments `stride` and `pad`: no window fits the padded input".into()));
    }
    Ok((a_prev, w, b, hparameters))
}

/// `f` and `stride` of a pooling, checked against its input.
fn pool_hparameters(args: &Args, a_prev: &Array4<f64>) -> Result<PoolHparameters, ValueError> {
    let hparameters = PoolHparameters { f: args.get("f")?, stride: args.get("stride")? };
    let (_, n_h_prev, n_w_prev, _) = a_prev.dim();
    if hparameters.f == 0 || hparameters.stride == 0 || hparameters.f > n_h_prev.min(n_w_prev) {
        return Err(ValueError("arguments `f` and `stride`: no window fits the input".into()));
    }
    Ok(hparameters)
}

/// A boolean mask as the protocol carries it: 1.0 where true, 0.0 elsewhere.
fn mask_value(mask: &Array2<bool>) -> Array2<f64> {
    mask.mapv(|m| if m { 1.0 } else { 0.0 })
}

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

fn call_zero_pad(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array4<f64> = args.get("X")?;
    let x_pad = zero_pad(&x, args.get("pad")?);
    Ok(Outputs::new().with("X_pad", x_pad))
}

fn call_conv_single_step(args: &mut Args) -> Result<Outputs, ValueError> {
    let a_slice_prev: Array3<f64> = args.get("a_slice_prev")?;
    let w: Array3<f64> = args.get("W")?;
    let b: Array3<f64> = args.get("b")?;
    if a_slice_prev.dim() != w.dim() || b.dim() != (1, 1, 1) {
        return Err(ValueError("arguments: a_slice_prev and W of one shape, b of shape (1, 1, 1)".into()));
    }
    let z = conv_single_step(a_slice_prev.view(), w.view(), b.view());
    Ok(Outputs::new().with("Z", z))
}

fn call_conv_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let (a_prev, w, b, hparameters) = conv_args(args)?;
    let (z, cache) = conv_forward(&a_prev, &w, &b, hparameters);
    Ok(Outputs::new().with("Z", z).with("cache_A_prev", cache.a_prev))
}

fn call_pool_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let a_prev: Array4<f64> = args.get("A_prev")?;
    let hparameters = pool_hparameters(args, &a_prev)?;
    let (a, cache) = pool_forward(&a_prev, hparameters, mode_arg(args)?);
    Ok(Outputs::new().with("A", a).with("cache_A_prev", cache.a_prev))
}

fn call_conv_backward(args: &mut Args) -> Result<Outputs, ValueError> {
    let (a_prev, w, b, hparameters) = conv_args(args)?;
    let dz: Array4<f64> = args.get("dZ")?;
    let cache = ConvCache { a_prev, w, b, hparameters };
    let (da_prev, dw, db) = conv_backward(&dz, &cache);
    Ok(Outputs::new().with("dA_prev", da_prev).with("dW", dw).with("db", db))
}

fn call_create_mask_from_window(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("x")?;
    let mask = create_mask_from_window(x.view());
    Ok(Outputs::new().with("mask", mask_value(&mask)))
}

fn call_distribute_value(args: &mut Args) -> Result<Outputs, ValueError> {
    let shape: (usize, usize) = args.get("shape")?;
    let a = distribute_value(args.get("dz")?, shape);
    Ok(Outputs::new().with("a", a))
}

fn call_pool_backward(args: &mut Args) -> Result<Outputs, ValueError> {
    let a_prev: Array4<f64> = args.get("A_prev")?;
    let hparameters = pool_hparameters(args, &a_prev)?;
    let da: Array4<f64> = args.get("dA")?;
    let cache = PoolCache { a_prev, hparameters };
    let da_prev = pool_backward(&da, &cache, mode_arg(args)?);
    Ok(Outputs::new().with("dA_prev", da_prev))
}

/// Harness-only integration check: the learner's convolution, then the
/// learner's pooling of its output Z, then back through both with the cost
/// L = ½·ΣA² (so dA = A): pool_backward gives dZ, conv_backward gives dA_prev,
/// dW and db. Every intermediate result is compared.
fn call_conv_pool_round_trip(args: &mut Args) -> Result<Outputs, ValueError> {
    let (a_prev, w, b, conv_hp) = conv_args(args)?;
    let pool_hp = PoolHparameters { f: args.get("pool_f")?, stride: args.get("pool_stride")? };
    let mode = mode_arg(args)?;
    if pool_hp.f == 0 || pool_hp.stride == 0 {
        return Err(ValueError("arguments `pool_f` and `pool_stride`: must be at least 1".into()));
    }
    let (z, conv_cache) = conv_forward(&a_prev, &w, &b, conv_hp);
    let (a, pool_cache) = pool_forward(&z, pool_hp, mode);
    let dz = pool_backward(&a, &pool_cache, mode);
    let (da_prev, dw, db) = conv_backward(&dz, &conv_cache);
    Ok(Outputs::new()
        .with("Z", z)
        .with("A", a)
        .with("dZ", dz)
        .with("dA_prev", da_prev)
        .with("dW", dw)
        .with("db", db))
}
