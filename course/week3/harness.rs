//! Week 3 (c1w4) harness: adapters from the protocol to the learner's
//! functions in `deep_nn.rs` and `app.rs`. At check time they call the
//! learner's functions; `two_layer_model` and `l_layer_model` (app.rs) and
//! the harness-only `training_loop` compose the learner's own pieces, never a
//! course helper. The cases live in `cases.rs`.

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use ndarray::Array2;

use crate::app::{l_layer_model, predict, two_layer_model};
use crate::deep_nn::{
    Activation, Cache, Grads, LinearCache, Parameters, compute_cost, initialize_parameters,
    initialize_parameters_deep, l_model_backward, l_model_forward, linear_activation_backward,
    linear_activation_forward, linear_backward, linear_forward, update_parameters,
};

/// The graded functions, in the order of the assignment (deep_nn.rs, then
/// app.rs), then the harness-only training loop.
pub const FUNCTIONS: &[Graded] = &[
    Graded { name: "initialize_parameters", call: call_initialize_parameters },
    Graded { name: "initialize_parameters_deep", call: call_initialize_parameters_deep },
    Graded { name: "linear_forward", call: call_linear_forward },
    Graded { name: "linear_activation_forward", call: call_linear_activation_forward },
    Graded { name: "l_model_forward", call: call_l_model_forward },
    Graded { name: "compute_cost", call: call_compute_cost },
    Graded { name: "linear_backward", call: call_linear_backward },
    Graded { name: "linear_activation_backward", call: call_linear_activation_backward },
    Graded { name: "l_model_backward", call: call_l_model_backward },
    Graded { name: "update_parameters", call: call_update_parameters },
    Graded { name: "two_layer_model", call: call_two_layer_model },
    Graded { name: "l_layer_model", call: call_l_layer_model },
    Graded { name: "predict", call: call_predict },
    Graded { name: "training_loop", call: call_training_loop },
    Graded { name: "gradient_check", call: call_gradient_check },
];

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

/// `"sigmoid"` / `"relu"` → [`Activation`].
fn activation_arg(args: &Args) -> Result<Activation, ValueError> {
    let name: String = args.get("activation")?;
    match name.as_str() {
        "sigmoid" => Ok(Activation::Sigmoid),
        "relu" => Ok(Activation::Relu),
        other => Err(ValueError(format!(
            "argument `activation`: expected \"sigmoid\" or \"relu\", found \"{other}\""
        ))),
    }
}

fn call_initialize_parameters(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters = initialize_parameters(args.get("n_x")?, args.get("n_h")?, args.get("n_y")?);
    Ok(Outputs::new().with("parameters", parameters))
}

fn call_initialize_parameters_deep(args: &mut Args) -> Result<Outputs, ValueError> {
    let layer_dims: Vec<usize> = args.get("layer_dims")?;
    let parameters = initialize_parameters_deep(&layer_dims);
    Ok(Outputs::new().with("parameters", parameters))
}

fn call_linear_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let a: Array2<f64> = args.get("A")?;
    let w: Array2<f64> = args.get("W")?;
    let b: Array2<f64> = args.get("b")?;
    let (z, cache) = linear_forward(&a, &w, &b);
    Ok(Outputs::new().with("Z", z).with("cache", cache))
}

fn call_linear_activation_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let a_prev: Array2<f64> = args.get("A_prev")?;
    let w: Array2<f64> = args.get("W")?;
    let b: Array2<f64> = args.get("b")?;
    let activation = activation_arg(args)?;
    let (a, cache) = linear_activation_forward(&a_prev, &w, &b, activation);
    Ok(Outputs::new().with("A", a).with("cache", cache))
}

fn call_l_model_forward(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let parameters: Parameters = args.get("parameters")?;
    let (al, caches) = l_model_forward(&x, &parameters);
    Ok(Outputs::new().with("AL", al).with("caches", caches))
}

fn call_compute_cost(args: &mut Args) -> Result<Outputs, ValueError> {
    let al: Array2<f64> = args.get("AL")?;
    let y: Array2<f64> = args.get("Y")?;
    let cost = compute_cost(&al, &y);
    Ok(Outputs::new().with("cost", cost))
}

fn call_linear_backward(args: &mut Args) -> Result<Outputs, ValueError> {
    let dz: Array2<f64> = args.get("dZ")?;
    let cache: LinearCache = args.get("cache")?;
    let (da_prev, dw, db) = linear_backward(&dz, &cache);
    Ok(Outputs::new().with("dA_prev", da_prev).with("dW", dw).with("db", db))
}

fn call_linear_activation_backward(args: &mut Args) -> Result<Outputs, ValueError> {
    let da: Array2<f64> = args.get("dA")?;
    let cache: Cache = args.get("cache")?;
    let activation = activation_arg(args)?;
    let (da_prev, dw, db) = linear_activation_backward(&da, &cache, activation);
    Ok(Outputs::new().with("dA_prev", da_prev).with("dW", dw).with("db", db))
}

fn call_l_model_backward(args: &mut Args) -> Result<Outputs, ValueError> {
    let al: Array2<f64> = args.get("AL")?;
    let y: Array2<f64> = args.get("Y")?;
    let caches: Vec<Cache> = args.get("caches")?;
    let grads = l_model_backward(&al, &y, &caches);
    Ok(Outputs::new().with("grads", grads))
}

fn call_update_parameters(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let grads: Grads = args.get("grads")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let updated = update_parameters(&parameters, &grads, learning_rate);
    // Echo the very maps the function saw, as they are after the call.
    args.set("parameters", parameters);
    args.set("grads", grads);
    Ok(Outputs::new().with("parameters", updated))
}

fn call_two_layer_model(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let layers_dims: (usize, usize, usize) = args.get("layers_dims")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let num_iterations: usize = args.get("num_iterations")?;
    let (parameters, costs) = two_layer_model(&x, &y, layers_dims, learning_rate, num_iterations);
    Ok(Outputs::new().with("parameters", parameters).with("costs", costs))
}

fn call_l_layer_model(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let layers_dims: Vec<usize> = args.get("layers_dims")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let num_iterations: usize = args.get("num_iterations")?;
    let (parameters, costs) = l_layer_model(&x, &y, &layers_dims, learning_rate, num_iterations);
    Ok(Outputs::new().with("parameters", parameters).with("costs", costs))
}

fn call_predict(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let parameters: Parameters = args.get("parameters")?;
    Ok(Outputs::new().with("p", predict(&x, &parameters)))
}

/// Harness-only integration check: trains an L-layer network with the
/// learner's own functions, recording the cost every `print_every` iterations
/// (iteration 0 included), like the original `L_layer_model`.
fn call_training_loop(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let layer_dims: Vec<usize> = args.get("layer_dims")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let num_iterations: usize = args.get("num_iterations")?;
    let print_every: usize = args.get("print_every")?;
    if print_every == 0 {
        return Err(ValueError("argument `print_every`: must be at least 1".into()));
    }

    let mut parameters = initialize_parameters_deep(&layer_dims);
    let mut costs = Vec::new();
    for i in 0..num_iterations {
        let (al, caches) = l_model_forward(&x, &parameters);
        let cost = compute_cost(&al, &y);
        let grads = l_model_backward(&al, &y, &caches);
        parameters = update_parameters(&parameters, &grads, learning_rate);
        if i % print_every == 0 {
            costs.push(cost);
        }
    }
    Ok(Outputs::new().with("costs", costs).with("parameters", parameters))
}

/// Gradients that differ from the numerical ones by more than this are named.
const GRADIENT_CHECK_THRESHOLD: f64 = 1e-6;

/// Harness-only check, independent of any fixture: the learner's
/// `l_model_backward` against centred differences of the learner's own
/// `l_model_forward` and `compute_cost`. Outputs the names of the gradients
/// that disagree (`wrong`, compared: it must be empty) and every relative
/// difference (`relative_differences`, evidence only).
fn call_gradient_check(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let parameters: Parameters = args.get("parameters")?;
    let epsilon: f64 = args.get("epsilon")?;
    let (al, caches) = l_model_forward(&x, &parameters);
    let grads = l_model_backward(&al, &y, &caches);
    let differences = dlc::gradcheck::check(&parameters, &grads, epsilon, |theta| {
        compute_cost(&l_model_forward(&x, theta).0, &y)
    });
    let wrong: Vec<String> = differences
        .iter()
        .filter(|(_, d)| !(**d <= GRADIENT_CHECK_THRESHOLD))
        .map(|(name, _)| name.clone())
        .collect();
    Ok(Outputs::new().with("wrong", wrong).with("relative_differences", differences))
}
