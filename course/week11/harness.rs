//! Week 11 (c5w1) harness: adapters from the protocol to the learner's
//! functions in `rnn.rs`. A cache travels as its parts (`xt`, `a_prev`,
//! `a_next`, `parameters` for one step; `x`, `a0`, `a`, `parameters` for a
//! sequence), so a case states every number it feeds in and a backward case
//! never depends on the learner's forward pass. `rnn_round_trip` runs the
//! learner's forward pass and feeds the learner's own caches to the learner's
//! backward pass, never a course helper. The cases live in `cases.rs`.

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use dlc::nn::{Grads, Parameters};
use ndarray::{Array2, Array3, s};

use crate::rnn::{
    RnnCache, RnnGradients, lstm_cell_forward, lstm_forward, rnn_backward, rnn_cell_backward,
    rnn_cell_forward, rnn_forward,
};

/// The graded functions, in the order of the assignment: the RNN, the
/// harness-only round trip through the learner's RNN forward and backward
/// passes, then the LSTM.
pub const FUNCTIONS: &[Graded] = &[
    Graded {
        name: "rnn_cell_forward",
        call: call_rnn_cell_forward,
    },
    Graded {
        name: "rnn_forward",
        call: call_rnn_forward,
    },
    Graded {
        name: "rnn_cell_backward",
        call: call_rnn_cell_backward,
    },
    Graded {
        name: "rnn_backward",
        call: call_rnn_backward,
    },
    Graded {
        name: "rnn_round_trip",
        call: call_rnn_round_trip,
    },
    Graded {
        name: "lstm_cell_forward",
        call: call_lstm_cell_forward,
    },
    Graded {
        name: "lstm_forward",
        call: call_lstm_forward,
    },
];

// ---------------------------------------------------------------------------
// Arguments checked first (a wrong one would make the learner's code panic
// for a reason that is not theirs).
// ---------------------------------------------------------------------------

/// An array argument of the expected shape.
fn shaped(args: &Args, name: &str, shape: (usize, usize)) -> Result<Array2<f64>, ValueError> {
    let value: Array2<f64> = args.get(name)?;
    if value.dim() != shape {
        return Err(ValueError(format!(
            "argument `{name}`: expected shape {shape:?}, found {:?}",
            value.shape()
        )));
    }
    Ok(value)
}

/// The parameter map, every entry present and of a shape that fits n_x
/// inputs: Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a), ba (n_a, 1), by (n_y, 1).
/// Returns it with (n_a, n_y).
fn parameters_arg(args: &Args, n_x: usize) -> Result<(Parameters, usize, usize), ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let get = |name: &str| {
        parameters
            .get(name)
            .ok_or_else(|| ValueError(format!("argument `parameters`: no entry \"{name}\"")))
    };
    let n_a = get("Waa")?.nrows();
    let n_y = get("Wya")?.nrows();
    for (name, shape) in [
        ("Wax", (n_a, n_x)),
        ("Waa", (n_a, n_a)),
        ("Wya", (n_y, n_a)),
        ("ba", (n_a, 1)),
        ("by", (n_y, 1)),
    ] {
        let found = get(name)?.dim();
        if found != shape {
            return Err(ValueError(format!(
                "argument `parameters`: \"{name}\" should be {shape:?}, found {found:?}"
            )));
        }
    }
    Ok((parameters, n_a, n_y))
}

/// The LSTM's parameter map, every entry present and of a shape that fits
/// n_x inputs: Wf, Wi, Wc, Wo (n_a, n_a + n_x), bf, bi, bc, bo (n_a, 1),
/// Wy (n_y, n_a), by (n_y, 1). Returns it with n_a.
fn lstm_parameters_arg(args: &Args, n_x: usize) -> Result<(Parameters, usize), ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let get = |name: &str| {
        parameters
            .get(name)
            .ok_or_else(|| ValueError(format!("argument `parameters`: no entry \"{name}\"")))
    };
    let n_a = get("bf")?.nrows();
    let n_y = get("Wy")?.nrows();
    let mut shapes = vec![("Wy", (n_y, n_a)), ("by", (n_y, 1))];
    for (w, b) in [("Wf", "bf"), ("Wi", "bi"), ("Wc", "bc"), ("Wo", "bo")] {
        shapes.push((w, (n_a, n_a + n_x)));
        shapes.push((b, (n_a, 1)));
    }
    for (name, shape) in shapes {
        let found = get(name)?.dim();
        if found != shape {
            return Err(ValueError(format!(
                "argument `parameters`: \"{name}\" should be {shape:?}, found {found:?}"
            )));
        }
    }
    Ok((parameters, n_a))
}

/// A sequence's inputs: x (n_x, m, T_x) with T_x ≥ 1, a0 (n_a, m) and the parameters.
fn sequence_args(args: &Args) -> Result<(Array3<f64>, Array2<f64>, Parameters), ValueError> {
    let x: Array3<f64> = args.get("x")?;
    let (n_x, m, t_x) = x.dim();
    if t_x == 0 {
        return Err(ValueError(
            "argument `x`: a sequence of at least one time step".into(),
        ));
    }
    let (parameters, n_a, _) = parameters_arg(args, n_x)?;
    let a0 = shaped(args, "a0", (n_a, m))?;
    Ok((x, a0, parameters))
}

/// One entry of the learner's gradient map.
fn entry(grads: &Grads, name: &str) -> Result<Array2<f64>, ValueError> {
    grads
        .get(name)
        .cloned()
        .ok_or_else(|| ValueError(format!("the gradients have no entry \"{name}\"")))
}

/// The outputs of a sequence's gradients.
fn gradients_outputs(outputs: Outputs, g: RnnGradients) -> Outputs {
    outputs
        .with("dx", g.dx)
        .with("da0", g.da0)
        .with("dWax", g.dwax)
        .with("dWaa", g.dwaa)
        .with("dba", g.dba)
}

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

fn call_rnn_cell_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let xt: Array2<f64> = args.get("xt")?;
    let (n_x, m) = xt.dim();
    let (parameters, n_a, _) = parameters_arg(args, n_x)?;
    let a_prev = shaped(args, "a_prev", (n_a, m))?;
    let (a_next, yt_pred, _) = rnn_cell_forward(&xt, &a_prev, &parameters);
    Ok(Outputs::new().with("a_next", a_next).with("yt_pred", yt_pred))
}

/// The caches are not compared here (as in the original, only their number):
/// a cache is what the backward pass reads, and `rnn_round_trip` feeds the
/// learner's own caches to the learner's backward pass.
fn call_rnn_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let (x, a0, parameters) = sequence_args(args)?;
    let (a, y_pred, caches) = rnn_forward(&x, &a0, &parameters);
    Ok(Outputs::new()
        .with("a", a)
        .with("y_pred", y_pred)
        .with("n_caches", caches.len()))
}

fn call_rnn_cell_backward(args: &mut Args) -> Result<Outputs, ValueError> {
    let xt: Array2<f64> = args.get("xt")?;
    let (n_x, m) = xt.dim();
    let (parameters, n_a, _) = parameters_arg(args, n_x)?;
    let a_prev = shaped(args, "a_prev", (n_a, m))?;
    let a_next = shaped(args, "a_next", (n_a, m))?;
    let da_next = shaped(args, "da_next", (n_a, m))?;
    let cache = RnnCache {
        a_next,
        a_prev,
        xt,
        parameters,
    };
    let g = rnn_cell_backward(&da_next, &cache);
    Ok(Outputs::new()
        .with("dxt", entry(&g, "dxt")?)
        .with("da_prev", entry(&g, "da_prev")?)
        .with("dWax", entry(&g, "dWax")?)
        .with("dWaa", entry(&g, "dWaa")?)
        .with("dba", entry(&g, "dba")?))
}

/// The caches are built here from the hidden states `a` a case gives (made by
/// the reference forward pass): step t's a_prev is a[:, :, t − 1] (a0 at t = 0).
fn call_rnn_backward(args: &mut Args) -> Result<Outputs, ValueError> {
    let (x, a0, parameters) = sequence_args(args)?;
    let (_, m, t_x) = x.dim();
    let n_a = a0.nrows();
    let a: Array3<f64> = args.get("a")?;
    let da: Array3<f64> = args.get("da")?;
    for (name, found) in [("a", a.dim()), ("da", da.dim())] {
        if found != (n_a, m, t_x) {
            return Err(ValueError(format!(
                "argument `{name}`: expected shape {:?}, found {found:?}",
                (n_a, m, t_x)
            )));
        }
    }
    let caches: Vec<RnnCache> = (0..t_x)
        .map(|t| RnnCache {
            a_next: a.slice(s![.., .., t]).to_owned(),
            a_prev: if t == 0 {
                a0.clone()
            } else {
                a.slice(s![.., .., t - 1]).to_owned()
            },
            xt: x.slice(s![.., .., t]).to_owned(),
            parameters: parameters.clone(),
        })
        .collect();
    Ok(gradients_outputs(Outputs::new(), rnn_backward(&da, &caches)))
}

/// Harness-only integration check: the learner's forward pass over x, then
/// the learner's backward pass on the learner's own caches, with the upstream
/// gradient da = `da_scale`·a + `da` (the gradient of a loss that reads every
/// hidden state). Every result is compared.
fn call_rnn_round_trip(args: &mut Args) -> Result<Outputs, ValueError> {
    let (x, a0, parameters) = sequence_args(args)?;
    let (_, m, t_x) = x.dim();
    let da_extra: Array3<f64> = args.get("da")?;
    if da_extra.dim() != (a0.nrows(), m, t_x) {
        return Err(ValueError(format!(
            "argument `da`: expected shape {:?}, found {:?}",
            (a0.nrows(), m, t_x),
            da_extra.shape()
        )));
    }
    let da_scale: f64 = args.get("da_scale")?;
    let (a, y_pred, caches) = rnn_forward(&x, &a0, &parameters);
    if caches.len() != t_x || a.dim() != da_extra.dim() {
        return Err(ValueError(format!(
            "rnn_forward returned a of shape {:?} and {} caches for a sequence of {t_x} steps",
            a.shape(),
            caches.len()
        )));
    }
    let da = &a * da_scale + &da_extra;
    let g = rnn_backward(&da, &caches);
    Ok(gradients_outputs(
        Outputs::new().with("a", a).with("y_pred", y_pred),
        g,
    ))
}

fn call_lstm_cell_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let xt: Array2<f64> = args.get("xt")?;
    let (n_x, m) = xt.dim();
    let (parameters, n_a) = lstm_parameters_arg(args, n_x)?;
    let a_prev = shaped(args, "a_prev", (n_a, m))?;
    let c_prev = shaped(args, "c_prev", (n_a, m))?;
    let (a_next, c_next, yt_pred, _) = lstm_cell_forward(&xt, &a_prev, &c_prev, &parameters);
    Ok(Outputs::new()
        .with("a_next", a_next)
        .with("c_next", c_next)
        .with("yt_pred", yt_pred))
}

/// As for `rnn_forward`, only the number of caches is compared.
fn call_lstm_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array3<f64> = args.get("x")?;
    let (n_x, m, t_x) = x.dim();
    if t_x == 0 {
        return Err(ValueError(
            "argument `x`: a sequence of at least one time step".into(),
        ));
    }
    let (parameters, n_a) = lstm_parameters_arg(args, n_x)?;
    let a0 = shaped(args, "a0", (n_a, m))?;
    let (a, y, c, caches) = lstm_forward(&x, &a0, &parameters);
    Ok(Outputs::new()
        .with("a", a)
        .with("y", y)
        .with("c", c)
        .with("n_caches", caches.len()))
}
