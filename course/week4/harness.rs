//! Week 4 (c2w1) harness: adapters from the protocol to the learner's
//! functions in `initialization.rs`, `regularization.rs` and
//! `gradient_checking.rs`. The training loops (`model`, `reg_model`) are the
//! given code of the learner's own files, so they run the learner's
//! initialisers and regularised passes, never a course helper; likewise
//! `check_backward_propagation_n` runs the learner's backward pass through the
//! learner's gradient check. The cases live in `cases.rs`.

use std::collections::BTreeMap;

use dlc::harness::{Args, Graded, Outputs};
use dlc::{FromValue, IntoValue, Value, ValueError};
use ndarray::Array2;

use crate::gradient_checking::{
    self, CacheN, backward_propagation_1d, backward_propagation_n, forward_propagation_1d,
    forward_propagation_n, gradient_check, gradient_check_n,
};
use crate::initialization::{
    self, Initialization, initialize_parameters_he, initialize_parameters_random, initialize_parameters_zeros,
};
use crate::regularization::{
    self, Cache, DropoutCache, backward_propagation_with_dropout, backward_propagation_with_regularization,
    compute_cost_with_regularization, forward_propagation_with_dropout, reg_model,
};

/// The graded functions, in the order of the assignment (each file in turn),
/// with the harness-only checks after the functions they compose.
pub const FUNCTIONS: &[Graded] = &[
    Graded {
        name: "initialize_parameters_zeros",
        call: call_initialize_parameters_zeros,
    },
    Graded {
        name: "initialize_parameters_random",
        call: call_initialize_parameters_random,
    },
    Graded {
        name: "initialize_parameters_he",
        call: call_initialize_parameters_he,
    },
    Graded {
        name: "model",
        call: call_model,
    },
    Graded {
        name: "compute_cost_with_regularization",
        call: call_compute_cost_with_regularization,
    },
    Graded {
        name: "backward_propagation_with_regularization",
        call: call_backward_propagation_with_regularization,
    },
    Graded {
        name: "forward_propagation_with_dropout",
        call: call_forward_propagation_with_dropout,
    },
    Graded {
        name: "backward_propagation_with_dropout",
        call: call_backward_propagation_with_dropout,
    },
    Graded {
        name: "reg_model",
        call: call_reg_model,
    },
    Graded {
        name: "forward_propagation_1d",
        call: call_forward_propagation_1d,
    },
    Graded {
        name: "backward_propagation_1d",
        call: call_backward_propagation_1d,
    },
    Graded {
        name: "gradient_check",
        call: call_gradient_check,
    },
    Graded {
        name: "backward_propagation_n",
        call: call_backward_propagation_n,
    },
    Graded {
        name: "gradient_check_n",
        call: call_gradient_check_n,
    },
    Graded {
        name: "check_backward_propagation_n",
        call: call_check_backward_propagation_n,
    },
];

// ---------------------------------------------------------------------------
// Caches as protocol values: maps keyed by the original's names (Z1, D1, A1, ...)
// ---------------------------------------------------------------------------

/// `IntoValue`/`FromValue` for a cache struct whose fields are all arrays.
macro_rules! cache_value {
    ($ty:ty { $($field:ident => $key:literal),* $(,)? }) => {
        impl IntoValue for $ty {
            fn into_value(self) -> Value {
                Value::map([$(($key, self.$field.into_value())),*])
            }
        }

        impl FromValue for $ty {
            fn from_value(v: &Value) -> Result<Self, ValueError> {
                let map = BTreeMap::<String, Array2<f64>>::from_value(v)?;
                let get = |k: &str| {
                    map.get(k).cloned().ok_or_else(|| ValueError(format!("the cache has no `{k}`")))
                };
                Ok(Self { $($field: get($key)?),* })
            }
        }
    };
}

cache_value!(Cache {
    z1 => "Z1", a1 => "A1", w1 => "W1", b1 => "b1",
    z2 => "Z2", a2 => "A2", w2 => "W2", b2 => "b2",
    z3 => "Z3", a3 => "A3", w3 => "W3", b3 => "b3",
});

cache_value!(DropoutCache {
    z1 => "Z1", d1 => "D1", a1 => "A1", w1 => "W1", b1 => "b1",
    z2 => "Z2", d2 => "D2", a2 => "A2", w2 => "W2", b2 => "b2",
    z3 => "Z3", a3 => "A3", w3 => "W3", b3 => "b3",
});

cache_value!(CacheN {
    z1 => "Z1", a1 => "A1", w1 => "W1", b1 => "b1",
    z2 => "Z2", a2 => "A2", w2 => "W2", b2 => "b2",
    z3 => "Z3", a3 => "A3", w3 => "W3", b3 => "b3",
});

/// A positive `print_every`.
fn print_every_arg(args: &Args) -> Result<usize, ValueError> {
    let every: usize = args.get("print_every")?;
    if every == 0 {
        return Err(ValueError("argument `print_every`: must be at least 1".into()));
    }
    Ok(every)
}

/// A keep probability in (0, 1].
fn keep_prob_arg(args: &Args) -> Result<f64, ValueError> {
    let keep_prob: f64 = args.get("keep_prob")?;
    if !(keep_prob > 0.0 && keep_prob <= 1.0) {
        return Err(ValueError(format!(
            "argument `keep_prob`: must be in (0, 1], found {keep_prob}"
        )));
    }
    Ok(keep_prob)
}

/// A seed that fits NumPy's legacy generator (0 … 2³² − 1).
fn seed_arg(args: &Args) -> Result<u32, ValueError> {
    let seed: u64 = args.get("seed")?;
    u32::try_from(seed).map_err(|_| ValueError(format!("argument `seed`: must be below 2^32, found {seed}")))
}

// ---------------------------------------------------------------------------
// Initialization
// ---------------------------------------------------------------------------

fn call_initialize_parameters_zeros(args: &mut Args) -> Result<Outputs, ValueError> {
    let layers_dims: Vec<usize> = args.get("layers_dims")?;
    Ok(Outputs::new().with("parameters", initialize_parameters_zeros(&layers_dims)))
}

fn call_initialize_parameters_random(args: &mut Args) -> Result<Outputs, ValueError> {
    let layers_dims: Vec<usize> = args.get("layers_dims")?;
    Ok(Outputs::new().with("parameters", initialize_parameters_random(&layers_dims)))
}

fn call_initialize_parameters_he(args: &mut Args) -> Result<Outputs, ValueError> {
    let layers_dims: Vec<usize> = args.get("layers_dims")?;
    Ok(Outputs::new().with("parameters", initialize_parameters_he(&layers_dims)))
}

/// Harness-only: the given `model` of initialization.rs, which starts from the
/// learner's initialiser; the losses are compared step by step.
fn call_model(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let num_iterations: usize = args.get("num_iterations")?;
    let print_every = print_every_arg(args)?;
    let name: String = args.get("initialization")?;
    let init = match name.as_str() {
        "zeros" => Initialization::Zeros,
        "random" => Initialization::Random,
        "he" => Initialization::He,
        other => {
            return Err(ValueError(format!(
                "argument `initialization`: expected \"zeros\", \"random\" or \"he\", found \"{other}\""
            )));
        }
    };
    let (parameters, costs) = initialization::model(&x, &y, learning_rate, num_iterations, print_every, init);
    Ok(Outputs::new().with("costs", costs).with("parameters", parameters))
}

// ---------------------------------------------------------------------------
// Regularization
// ---------------------------------------------------------------------------

fn call_compute_cost_with_regularization(args: &mut Args) -> Result<Outputs, ValueError> {
    let a3: Array2<f64> = args.get("A3")?;
    let y: Array2<f64> = args.get("Y")?;
    let parameters: regularization::Parameters = args.get("parameters")?;
    let lambd: f64 = args.get("lambd")?;
    let cost = compute_cost_with_regularization(&a3, &y, &parameters, lambd);
    Ok(Outputs::new().with("cost", cost))
}

fn call_backward_propagation_with_regularization(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let cache: Cache = args.get("cache")?;
    let lambd: f64 = args.get("lambd")?;
    let grads = backward_propagation_with_regularization(&x, &y, &cache, lambd);
    Ok(Outputs::new().with("grads", grads))
}

fn call_forward_propagation_with_dropout(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let parameters: regularization::Parameters = args.get("parameters")?;
    let keep_prob = keep_prob_arg(args)?;
    let seed = seed_arg(args)?;
    let (a3, cache) = forward_propagation_with_dropout(&x, &parameters, keep_prob, seed);
    Ok(Outputs::new().with("A3", a3).with("cache", cache))
}

fn call_backward_propagation_with_dropout(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let cache: DropoutCache = args.get("cache")?;
    let keep_prob = keep_prob_arg(args)?;
    let grads = backward_propagation_with_dropout(&x, &y, &cache, keep_prob);
    Ok(Outputs::new().with("grads", grads))
}

/// Harness-only: the given `reg_model` of regularization.rs, which runs the
/// learner's regularised cost and passes; the costs are compared step by step.
fn call_reg_model(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let num_iterations: usize = args.get("num_iterations")?;
    let print_every = print_every_arg(args)?;
    let lambd: f64 = args.get("lambd")?;
    let keep_prob = keep_prob_arg(args)?;
    if lambd != 0.0 && keep_prob != 1.0 {
        return Err(ValueError(
            "arguments `lambd` and `keep_prob`: L2 or dropout, not both".into(),
        ));
    }
    let (parameters, costs) = reg_model(
        &x,
        &y,
        learning_rate,
        num_iterations,
        print_every,
        lambd,
        keep_prob,
    );
    Ok(Outputs::new().with("costs", costs).with("parameters", parameters))
}

// ---------------------------------------------------------------------------
// Gradient checking
// ---------------------------------------------------------------------------

fn call_forward_propagation_1d(args: &mut Args) -> Result<Outputs, ValueError> {
    let j = forward_propagation_1d(args.get("x")?, args.get("theta")?);
    Ok(Outputs::new().with("J", j))
}

fn call_backward_propagation_1d(args: &mut Args) -> Result<Outputs, ValueError> {
    let dtheta = backward_propagation_1d(args.get("x")?, args.get("theta")?);
    Ok(Outputs::new().with("dtheta", dtheta))
}

fn call_gradient_check(args: &mut Args) -> Result<Outputs, ValueError> {
    let difference = gradient_check(args.get("x")?, args.get("theta")?, args.get("epsilon")?);
    Ok(Outputs::new().with("difference", difference))
}

fn call_backward_propagation_n(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let cache: CacheN = args.get("cache")?;
    let grads = backward_propagation_n(&x, &y, &cache);
    Ok(Outputs::new().with("grads", grads))
}

fn call_gradient_check_n(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: gradient_checking::Parameters = args.get("parameters")?;
    let gradients: gradient_checking::Grads = args.get("gradients")?;
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let epsilon: f64 = args.get("epsilon")?;
    let difference = gradient_check_n(&parameters, &gradients, &x, &y, epsilon);
    Ok(Outputs::new().with("difference", difference))
}

/// Harness-only: the notebook's last step. The given forward pass, then the
/// learner's `backward_propagation_n`, checked by the learner's `gradient_check_n`.
fn call_check_backward_propagation_n(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: gradient_checking::Parameters = args.get("parameters")?;
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let epsilon: f64 = args.get("epsilon")?;
    let (_, cache) = forward_propagation_n(&x, &y, &parameters);
    let gradients = backward_propagation_n(&x, &y, &cache);
    let difference = gradient_check_n(&parameters, &gradients, &x, &y, epsilon);
    Ok(Outputs::new().with("difference", difference))
}
