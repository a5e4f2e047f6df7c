//! Week 1 (c1w2) harness: adapters from the protocol to the learner's
//! functions in `basics.rs` and `logistic.rs`. At check time they call the
//! learner's functions; `model` composes the learner's own pieces. The cases
//! live in `cases.rs`.

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use ndarray::{Array1, Array2, Array3, ArrayD, Ix3};

use crate::basics::{image2vector, l1, l2, normalize_rows, sigmoid, sigmoid_derivative, softmax};
use crate::logistic::{flatten_images, initialize_with_zeros, model, optimize, predict, propagate};

/// The graded functions, in the order of the assignment.
pub const FUNCTIONS: &[Graded] = &[
    Graded { name: "sigmoid", call: call_sigmoid },
    Graded { name: "sigmoid_derivative", call: call_sigmoid_derivative },
    Graded { name: "image2vector", call: call_image2vector },
    Graded { name: "normalize_rows", call: call_normalize_rows },
    Graded { name: "softmax", call: call_softmax },
    Graded { name: "l1", call: call_l1 },
    Graded { name: "l2", call: call_l2 },
    Graded { name: "flatten_images", call: call_flatten_images },
    Graded { name: "initialize_with_zeros", call: call_initialize_with_zeros },
    Graded { name: "propagate", call: call_propagate },
    Graded { name: "optimize", call: call_optimize },
    Graded { name: "predict", call: call_predict },
    Graded { name: "model", call: call_model },
];

/// A 3-D argument (images), which the protocol carries as an n-D array.
fn array3(args: &Args, name: &str) -> Result<Array3<f64>, ValueError> {
    let a: ArrayD<f64> = args.get(name)?;
    let shape = a.shape().to_vec();
    a.into_dimensionality::<Ix3>().map_err(|_| {
        ValueError(format!(
            "argument `{name}`: expected a 3-D array, found shape {}",
            dlc::value::shape_text(&shape)
        ))
    })
}

// ---------------------------------------------------------------------------
// Adapters: basics.rs
// ---------------------------------------------------------------------------

fn call_sigmoid(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("x")?;
    Ok(Outputs::new().with("s", sigmoid(&x)))
}

fn call_sigmoid_derivative(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("x")?;
    Ok(Outputs::new().with("ds", sigmoid_derivative(&x)))
}

fn call_image2vector(args: &mut Args) -> Result<Outputs, ValueError> {
    let image = array3(args, "image")?;
    Ok(Outputs::new().with("v", image2vector(&image)))
}

fn call_normalize_rows(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("x")?;
    Ok(Outputs::new().with("x_normalized", normalize_rows(&x)))
}

fn call_softmax(args: &mut Args) -> Result<Outputs, ValueError> {
    let x: Array2<f64> = args.get("x")?;
    Ok(Outputs::new().with("s", softmax(&x)))
}

fn call_l1(args: &mut Args) -> Result<Outputs, ValueError> {
    let yhat: Array1<f64> = args.get("yhat")?;
    let y: Array1<f64> = args.get("y")?;
    Ok(Outputs::new().with("loss", l1(&yhat, &y)))
}

fn call_l2(args: &mut Args) -> Result<Outputs, ValueError> {
    let yhat: Array1<f64> = args.get("yhat")?;
    let y: Array1<f64> = args.get("y")?;
    Ok(Outputs::new().with("loss", l2(&yhat, &y)))
}

// ---------------------------------------------------------------------------
// Adapters: logistic.rs
// ---------------------------------------------------------------------------

fn call_flatten_images(args: &mut Args) -> Result<Outputs, ValueError> {
    let images = array3(args, "images")?;
    Ok(Outputs::new().with("X", flatten_images(&images)))
}

fn call_initialize_with_zeros(args: &mut Args) -> Result<Outputs, ValueError> {
    let (w, b) = initialize_with_zeros(args.get("dim")?);
    Ok(Outputs::new().with("w", w).with("b", b))
}

fn call_propagate(args: &mut Args) -> Result<Outputs, ValueError> {
    let w: Array2<f64> = args.get("w")?;
    let b: f64 = args.get("b")?;
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let (grads, cost) = propagate(&w, b, &x, &y);
    Ok(Outputs::new().with("dw", grads.dw).with("db", grads.db).with("cost", cost))
}

fn call_optimize(args: &mut Args) -> Result<Outputs, ValueError> {
    let w: Array2<f64> = args.get("w")?;
    let b: f64 = args.get("b")?;
    let x: Array2<f64> = args.get("X")?;
    let y: Array2<f64> = args.get("Y")?;
    let num_iterations: usize = args.get("num_iterations")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let (params, grads, costs) = optimize(&w, b, &x, &y, num_iterations, learning_rate);
    Ok(Outputs::new()
        .with("w", params.w)
        .with("b", params.b)
        .with("dw", grads.dw)
        .with("db", grads.db)
        .with("costs", costs))
}

fn call_predict(args: &mut Args) -> Result<Outputs, ValueError> {
    let w: Array2<f64> = args.get("w")?;
    let b: f64 = args.get("b")?;
    let x: Array2<f64> = args.get("X")?;
    Ok(Outputs::new().with("Y_prediction", predict(&w, b, &x)))
}

fn call_model(args: &mut Args) -> Result<Outputs, ValueError> {
    let x_train: Array2<f64> = args.get("X_train")?;
    let y_train: Array2<f64> = args.get("Y_train")?;
    let x_test: Array2<f64> = args.get("X_test")?;
    let y_test: Array2<f64> = args.get("Y_test")?;
    let num_iterations: usize = args.get("num_iterations")?;
    let learning_rate: f64 = args.get("learning_rate")?;
    let d = model(&x_train, &y_train, &x_test, &y_test, num_iterations, learning_rate);
    Ok(Outputs::new()
        .with("costs", d.costs)
        .with("Y_prediction_train", d.y_prediction_train)
        .with("Y_prediction_test", d.y_prediction_test)
        .with("w", d.w)
        .with("b", d.b)
        .with("train_accuracy", d.train_accuracy)
        .with("test_accuracy", d.test_accuracy))
}
