//! Week 2 (c1w3) harness: adapters from the protocol to the learner's
//! functions in `planar.rs`. At check time they call the learner's functions;
//! `nn_model` composes the learner's own pieces, never a course helper. The
//! cases live in `cases.rs`.

use dlc::harness::{Args, Graded, Outputs};
use dlc::{NumpyRng, ValueError};
use ndarray::Array2;

use crate::planar::{
    Cache, Grads, Parameters, backward_propagation, compute_cost, forward_propagation,
    initialize_parameters, layer_sizes, nn_model, predict, update_parameters,
};

/// The graded functions, in the order of the assignment.
pub const FUNCTIONS: &[Graded] = &[
    Graded { name: "layer_sizes", call: call_layer_sizes },
    Graded { name: "initialize_parameters", call: call_initialize_parameters },
    Graded { name: "forward_propagation", call: call_forward_propagation },
    Graded { name: "compute_cost", call: call_compute_cost },
    Graded { name: "backward_propagation", call: call_backward_propagation },
    Graded { name: "update_parameters", call: call_update_parameters },
    Graded { name: "nn_model", call: call_nn_model },
    Graded { name: "predict", call: call_predict },
];

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

fn call_layer_sizes(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let (n_x, n_h, n_y) = layer_sizes(&x, &y);
    Ok(Outputs::new().with("n_x", n_x).with("n_h", n_h).with("n_y", n_y))
}

/// `seed` stands for the original's `np.random.seed(seed)` before the call:
/// the function draws from the generator it is given.
fn call_initialize_parameters(args: &mut Args) -> Result<Outputs, ValueError> {
    let seed: u64 = args.get("seed")?;
    let seed = u32::try_from(seed).map_err(|_| ValueError(format!("argument `seed`: {seed} does not fit in 32 bits")))?;
    let mut rng = NumpyRng::new(seed);
    let parameters = initialize_parameters(args.get("n_x")?, args.get("n_h")?, args.get("n_y")?, &mut rng);
    Ok(Outputs::new().with("parameters", parameters))
}

fn call_forward_propagation(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let parameters: Parameters = args.get("parameters")?;
    let (a2, cache) = forward_propagation(&x, &parameters);
    Ok(Outputs::new().with("A2", a2).with("cache", cache))
}

fn call_compute_cost(args: &mut Args) -> Result<Outputs, ValueError> {
    let a2: Array2<f64> = args.get("A2")?;
    let y: Array2<f64> = args.get("Y")?;
    let cost = compute_cost(&a2, &y);
    Ok(Outputs::new().with("cost", cost))
}

fn call_backward_propagation(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let cache: Cache = args.get("cache")?;
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let grads = backward_propagation(&parameters, &cache, &x, &y);
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

fn call_nn_model(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let n_h: usize = args.get("n_h")?;
    let num_iterations: usize = args.get("num_iterations")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let (parameters, costs) = nn_model(&x, &y, n_h, num_iterations, learning_rate);
    Ok(Outputs::new().with("parameters", parameters).with("costs", costs))
}

fn call_predict(args: &mut Args) -> Result<Outputs, ValueError> {
    let parameters: Parameters = args.get("parameters")?;
    let x: Array2<f64> = args.get("X")?;
    let predictions = predict(&parameters, &x);
    Ok(Outputs::new().with("predictions", predictions))
}
