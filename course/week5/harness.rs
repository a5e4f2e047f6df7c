//! Week 5 (c2w2) harness: adapters from the protocol to the learner's
//! functions in `optimization.rs`. At check time they call the learner's
//! functions; `model` (given in the learner's file, as in the original) trains
//! with the learner's own pieces, never a course helper. The cases live in
//! `cases.rs`.

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use ndarray::Array2;

use crate::optimization::{
    Decay, Grads, Moments, Optimizer, Parameters, Settings, initialize_adam, initialize_velocity,
    model, random_mini_batches, schedule_lr_decay, update_lr, update_parameters_with_adam,
    update_parameters_with_gd, update_parameters_with_momentum,
};

/// The graded functions, in the order of the assignment, then the
/// harness-only training run.
pub const FUNCTIONS: &[Graded] = &[
    Graded { name: "update_parameters_with_gd", call: call_update_parameters_with_gd },
    Graded { name: "random_mini_batches", call: call_random_mini_batches },
    Graded { name: "initialize_velocity", call: call_initialize_velocity },
    Graded { name: "update_parameters_with_momentum", call: call_update_parameters_with_momentum },
    Graded { name: "initialize_adam", call: call_initialize_adam },
    Graded { name: "update_parameters_with_adam", call: call_update_parameters_with_adam },
    Graded { name: "update_lr", call: call_update_lr },
    Graded { name: "schedule_lr_decay", call: call_schedule_lr_decay },
    Graded { name: "model", call: call_model },
];

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

fn call_update_parameters_with_gd(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let grads: Grads = args.get("grads")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let updated = update_parameters_with_gd(&parameters, &grads, learning_rate);
    Ok(Outputs::new().with("parameters", updated))
}

fn call_random_mini_batches(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let mini_batch_size: usize = args.get("mini_batch_size")?;
    if mini_batch_size == 0 {
        return Err(ValueError("argument `mini_batch_size`: must be at least 1".into()));
    }
    let seed: u64 = args.get("seed")?;
    let seed = u32::try_from(seed).map_err(|_| ValueError(format!("argument `seed`: {seed} does not fit in 32 bits")))?;
    let mini_batches = random_mini_batches(&x, &y, mini_batch_size, seed);
    Ok(Outputs::new().with("mini_batches", mini_batches))
}

fn call_initialize_velocity(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let v = initialize_velocity(&parameters);
    Ok(Outputs::new().with("v", v))
}

fn call_update_parameters_with_momentum(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let grads: Grads = args.get("grads")?;
    let v: Moments = args.get("v")?;
    let beta: f64 = args.get("beta")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let (updated, v) = update_parameters_with_momentum(&parameters, &grads, &v, beta, learning_rate);
    Ok(Outputs::new().with("parameters", updated).with("v", v))
}

fn call_initialize_adam(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let (v, s) = initialize_adam(&parameters);
    Ok(Outputs::new().with("v", v).with("s", s))
}

fn call_update_parameters_with_adam(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let grads: Grads = args.get("grads")?;
    let v: Moments = args.get("v")?;
    let s: Moments = args.get("s")?;
    let t: usize = args.get("t")?;
    if t == 0 {
        return Err(ValueError("argument `t`: Adam counts its steps from 1".into()));
    }
    let (updated, v, s, v_corrected, s_corrected) = update_parameters_with_adam(
        &parameters,
        &grads,
        &v,
        &s,
        t,
        args.get("learning_rate")?,
        args.get("beta1")?,
        args.get("beta2")?,
        args.get("epsilon")?,
    );
    Ok(Outputs::new()
        .with("parameters", updated)
        .with("v", v)
        .with("s", s)
        .with("v_corrected", v_corrected)
        .with("s_corrected", s_corrected))
}

fn call_update_lr(args: &mut Args) -> Result<Outputs, ValueError> {
    let learning_rate = update_lr(args.get("learning_rate0")?, args.get("epoch_num")?, args.get("decay_rate")?);
    Ok(Outputs::new().with("learning_rate", learning_rate))
}

fn call_schedule_lr_decay(args: &mut Args) -> Result<Outputs, ValueError> {
    let time_interval: usize = args.get("time_interval")?;
    if time_interval == 0 {
        return Err(ValueError("argument `time_interval`: must be at least 1".into()));
    }
    let learning_rate = schedule_lr_decay(
        args.get("learning_rate0")?,
        args.get("epoch_num")?,
        args.get("decay_rate")?,
        time_interval,
    );
    Ok(Outputs::new().with("learning_rate", learning_rate))
}

/// `"gd"` / `"momentum"` / `"adam"` → [`Optimizer`].
fn optimizer_arg(args: &Args) -> Result<Optimizer, ValueError> {
    let name: String = args.get("optimizer")?;
    match name.as_str() {
        "gd" => Ok(Optimizer::Gd),
        "momentum" => Ok(Optimizer::Momentum),
        "adam" => Ok(Optimizer::Adam),
        other => Err(ValueError(format!(
            "argument `optimizer`: expected \"gd\", \"momentum\" or \"adam\", found \"{other}\""
        ))),
    }
}

/// `"none"` / `"update_lr"` / `"schedule_lr_decay"` → `Option<Decay>`.
fn decay_arg(args: &Args) -> Result<Option<Decay>, ValueError> {
    let name: String = args.get("decay")?;
    match name.as_str() {
        "none" => Ok(None),
        "update_lr" => Ok(Some(Decay::UpdateLr)),
        "schedule_lr_decay" => Ok(Some(Decay::ScheduleLrDecay)),
        other => Err(ValueError(format!(
            "argument `decay`: expected \"none\", \"update_lr\" or \"schedule_lr_decay\", found \"{other}\""
        ))),
    }
}

/// Harness-only integration check: the given `model` trains the 3-layer
/// network with the learner's mini-batches, optimiser and decay; the average
/// cost of every epoch is compared step by step.
fn call_model(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let layers_dims: Vec<usize> = args.get("layers_dims")?;
    if layers_dims.len() != 4 {
        return Err(ValueError("argument `layers_dims`: the network has exactly 3 layers ([n_x, n_1, n_2, 1])".into()));
    }
    let settings = Settings {
        optimizer: optimizer_arg(args)?,
        learning_rate: args.get("learning_rate")?,
        mini_batch_size: args.get("mini_batch_size")?,
        beta: args.get("beta")?,
        beta1: args.get("beta1")?,
        beta2: args.get("beta2")?,
        epsilon: args.get("epsilon")?,
        num_epochs: args.get("num_epochs")?,
        decay: decay_arg(args)?,
        decay_rate: args.get("decay_rate")?,
        time_interval: args.get("time_interval")?,
    };
    if settings.mini_batch_size == 0 || settings.time_interval == 0 {
        return Err(ValueError("arguments `mini_batch_size` and `time_interval`: must be at least 1".into()));
    }
    let (parameters, costs) = model(&x, &y, &layers_dims, &settings);
    Ok(Outputs::new().with("costs", costs).with("parameters", parameters))
}
