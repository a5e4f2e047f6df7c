//! Week 5 (c2w2) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week5 cases <file>`).
//!
//! Case inputs follow three rules (see the curriculum's list of failure modes):
//! every input is drawn fresh for its case, pipeline inputs (gradients,
//! velocities, Adam moments, t) come from real steps of the given network on
//! the course's two-moons data, and no case leaves every argument at its
//! default (mini-batch size 64, seed 0, Adam's learning rate 0.01, β₁ 0.9,
//! β₂ 0.999, ε 1e-8).

use dlc::protocol::CaseSpec;
use dlc::{IntoValue, NumpyRng, draws};
use ndarray::Array2;

use crate::optimization::{
    Grads, Moments, Parameters, backward_propagation, forward_propagation, initialize_adam, initialize_parameters,
    initialize_velocity, random_mini_batches, update_parameters_with_adam, update_parameters_with_momentum,
};

// ---------------------------------------------------------------------------
// Helpers to build case inputs
// ---------------------------------------------------------------------------

/// The original's default mini-batch size.
const DEFAULT_MINI_BATCH_SIZE: usize = 64;

/// The original's default learning rate of `update_parameters_with_adam`.
const DEFAULT_ADAM_LEARNING_RATE: f64 = 0.01;

/// The course's data set: the original's `make_moons(300, noise = 0.2)` after
/// `np.random.seed(3)`.
fn moons() -> (Array2<f64>, Array2<f64>) {
    dlc::data::moons(300, 0.2, 3)
}

/// The draws of the original optimizer test cases (seed 1): W1 (2, 3),
/// b1 (2, 1), W2 (3, 3), b2 (3, 1), then dW1, db1, dW2, db2 of the same shapes.
fn notebook_params_grads() -> (Parameters, Grads) {
    let mut rng = draws::notebook(1);
    let mut p = Parameters::new();
    for (name, rows, cols) in [("W1", 2, 3), ("b1", 2, 1), ("W2", 3, 3), ("b2", 3, 1)] {
        p.insert(name.to_string(), rng.randn(rows, cols));
    }
    let mut g = Grads::new();
    for (name, rows, cols) in [("dW1", 2, 3), ("db1", 2, 1), ("dW2", 3, 3), ("db2", 3, 1)] {
        g.insert(name.to_string(), rng.randn(rows, cols));
    }
    (p, g)
}

/// Random parameters and gradients for layers of sizes `dims`.
fn random_params_grads(seed: u32, dims: &[usize]) -> (Parameters, Grads) {
    let mut rng = draws::own(seed);
    let (mut p, mut g) = (Parameters::new(), Grads::new());
    for l in 1..dims.len() {
        p.insert(format!("W{l}"), rng.randn(dims[l], dims[l - 1]));
        p.insert(format!("b{l}"), rng.randn(dims[l], 1) * 0.1);
        g.insert(format!("dW{l}"), rng.randn(dims[l], dims[l - 1]) * 0.1);
        g.insert(format!("db{l}"), rng.randn(dims[l], 1) * 0.1);
    }
    (p, g)
}

/// Random moments with the keys and shapes of `grads` (non-negative when
/// `squared`, as a second moment is).
fn random_moments(rng: &mut NumpyRng, grads: &Grads, squared: bool) -> Moments {
    let mut keys: Vec<&String> = grads.keys().collect();
    keys.sort();
    keys.into_iter()
        .map(|k| {
            let (r, c) = grads[k].dim();
            let m = rng.randn(r, c) * 0.1;
            (k.clone(), if squared { m.mapv(|x| x * x) } else { m })
        })
        .collect()
}

/// The gradients of the given 3-layer network at `parameters` on the first
/// mini-batch (size 64) of the moons data shuffled with `seed`.
fn moons_grads(parameters: &Parameters, seed: u32) -> Grads {
    let (x, y) = moons();
    let (mx, my) = random_mini_batches(&x, &y, 64, seed).swap_remove(0);
    let (_, cache) = forward_propagation(&mx, parameters);
    backward_propagation(&mx, &my, &cache)
}

/// A real state in the middle of momentum training: the network [2, 5, 2, 1]
/// after `steps` momentum steps on moons mini-batches, its velocity, and the
/// gradients of the next step.
fn momentum_state(steps: usize, beta: f64, lr: f64) -> (Parameters, Grads, Moments) {
    let mut p = initialize_parameters(&[2, 5, 2, 1]);
    let mut v = initialize_velocity(&p);
    for k in 0..steps {
        let g = moons_grads(&p, 20 + k as u32);
        (p, v) = update_parameters_with_momentum(&p, &g, &v, beta, lr);
    }
    let g = moons_grads(&p, 20 + steps as u32);
    (p, g, v)
}

/// A real state in the middle of Adam training: the network [2, 5, 2, 1]
/// after `steps` Adam steps, its moments, and the gradients of the next step.
fn adam_state(steps: usize, lr: f64) -> (Parameters, Grads, Moments, Moments) {
    let mut p = initialize_parameters(&[2, 5, 2, 1]);
    let (mut v, mut s) = initialize_adam(&p);
    for k in 0..steps {
        let g = moons_grads(&p, 30 + k as u32);
        let (p2, v2, s2, _, _) = update_parameters_with_adam(&p, &g, &v, &s, k + 1, lr, 0.9, 0.999, 1e-8);
        (p, v, s) = (p2, v2, s2);
    }
    let g = moons_grads(&p, 30 + steps as u32);
    (p, g, v, s)
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(update_parameters_with_gd_cases());
    all.extend(random_mini_batches_cases());
    all.extend(initialize_velocity_cases());
    all.extend(update_parameters_with_momentum_cases());
    all.extend(initialize_adam_cases());
    all.extend(update_parameters_with_adam_cases());
    all.extend(update_lr_cases());
    all.extend(schedule_lr_decay_cases());
    all.extend(model_cases());
    all
}

fn update_parameters_with_gd_cases() -> Vec<CaseSpec> {
    let f = "update_parameters_with_gd";
    let case = |label: &str, note: &str, p: Parameters, g: Grads, lr: f64| {
        CaseSpec::unit(f, label, note)
            .arg("parameters", p)
            .arg("grads", g)
            .arg("learning_rate", lr)
            .unmodified(&["parameters", "grads"])
    };
    let mut out = Vec::new();
    // Original update_parameters_with_gd_test_case(), learning rate 0.01; the
    // notebook prints W1 = [[1.63535156 -0.62320365 -0.53718766]
    // [-1.07799357 0.85639907 -2.29470142]], b2 = [[-0.88020257] [0.02561572] [0.57539477]].
    let (p, g) = notebook_params_grads();
    out.push(case("notebook", "the notebook's test case, learning rate 0.01", p, g, 0.01));
    let (p, g) = random_params_grads(11, &[3, 1]);
    out.push(case("edge_one_layer", "a single one-unit layer, learning rate 0.3", p, g, 0.3));
    let (p, g) = random_params_grads(12, &[4, 3, 3, 2, 1]);
    out.push(case("deep4", "four layers: no hard-coded depth, learning rate 0.05", p, g, 0.05));
    let p = initialize_parameters(&[2, 5, 2, 1]);
    let g = moons_grads(&p, 13);
    out.push(case("pipeline", "the network's gradients on a moons mini-batch, learning rate 0.1", p, g, 0.1));
    out
}

fn random_mini_batches_cases() -> Vec<CaseSpec> {
    let f = "random_mini_batches";
    let case = |label: &str, note: &str, x: Array2<f64>, y: Array2<f64>, size: usize, seed: usize| {
        let mut spec = CaseSpec::unit(f, label, note)
            .arg("X", x.clone())
            .arg("Y", y.clone())
            .arg("mini_batch_size", size)
            .arg("seed", seed)
            .unmodified(&["X", "Y"]);
        let mut batches = random_mini_batches(&x, &y, size, seed as u32);
        if x.ncols() % size != 0 {
            batches.pop();
            spec = spec.mistake("last_mini_batch_dropped", vec![("mini_batches", batches.into_value())]);
        }
        if size != DEFAULT_MINI_BATCH_SIZE {
            let wrong = random_mini_batches(&x, &y, DEFAULT_MINI_BATCH_SIZE, seed as u32);
            spec = spec.mistake("mini_batch_size_hard_coded", vec![("mini_batches", wrong.into_value())]);
        }
        spec
    };
    let mut out = Vec::new();
    // Shaped like the original random_mini_batches_test_case() (seed 1,
    // m = 148, size 64: batches of 64, 64 and 20), with 4 features instead of
    // 12288, and the function's default seed 0.
    let mut rng = draws::notebook(1);
    let x = rng.randn(4, 148);
    let y = rng.randn(1, 148).mapv(|v| f64::from(v < 0.5));
    out.push(case("notebook", "the notebook's m = 148, size 64: batches of 64, 64 and 20", x, y, 64, 0));

    let mut rng = draws::own(2);
    let x = rng.randn(3, 12);
    let y = rng.rand(1, 12).mapv(|u| f64::from(u < 0.5));
    out.push(case("divisible", "m = 12, size 4: three full batches and no smaller one", x, y, 4, 7));

    let mut rng = draws::own(3);
    let x = rng.randn(2, 9);
    let y = rng.rand(1, 9).mapv(|u| f64::from(u < 0.5));
    out.push(case("tail_of_one", "m = 9, size 4: two full batches and a last one of 1 example", x, y, 4, 5));

    let mut rng = draws::own(4);
    let x = rng.randn(2, 5);
    let y = rng.rand(1, 5).mapv(|u| f64::from(u < 0.5));
    out.push(case("edge_size_above_m", "m = 5, size 8: no full batch, one batch of 5", x, y, 8, 3));

    let mut rng = draws::own(5);
    let x = rng.randn(3, 1);
    out.push(case("edge_m1", "one example, size 1: a single batch", x, Array2::ones((1, 1)), 1, 9));

    let (x, y) = moons();
    out.push(case("moons", "the course's 300 moons points, size 64, seed 11 (model's first epoch)", x, y, 64, 11));
    out
}

fn initialize_velocity_cases() -> Vec<CaseSpec> {
    let f = "initialize_velocity";
    let case = |label: &str, note: &str, p: Parameters| {
        // The outputs are all zeros: they must be exactly zero (no absolute slack).
        CaseSpec::unit(f, label, note).arg("parameters", p).unmodified(&["parameters"]).tolerance(1e-7, 0.0)
    };
    vec![
        case("notebook", "the notebook's two layers: W1 (2, 3), W2 (3, 3)", notebook_params_grads().0),
        case("edge_one_layer", "a single one-unit layer", random_params_grads(21, &[4, 1]).0),
        case("deep4", "four layers [5, 4, 3, 2, 1]: no hard-coded depth", initialize_parameters(&[5, 4, 3, 2, 1])),
    ]
}

fn update_parameters_with_momentum_cases() -> Vec<CaseSpec> {
    let f = "update_parameters_with_momentum";
    let case = |label: &str, note: &str, p: Parameters, g: Grads, v: Moments, beta: f64, lr: f64| {
        // The known mistake: the step follows the previous velocity, not the new one.
        let wrong: Parameters = p
            .iter()
            .map(|(k, theta)| (k.clone(), theta - lr * &v[&format!("d{k}")]))
            .collect();
        CaseSpec::unit(f, label, note)
            .arg("parameters", p)
            .arg("grads", g)
            .arg("v", v)
            .arg("beta", beta)
            .arg("learning_rate", lr)
            .unmodified(&["parameters", "grads", "v"])
            .mistake("step_with_previous_velocity", vec![("parameters", wrong.into_value())])
    };
    let mut out = Vec::new();
    // Original update_parameters_with_momentum_test_case(): v = 0, beta 0.9,
    // learning rate 0.01; the notebook prints W1 = [[1.62544598 -0.61290114 -0.52907334]
    // [-1.07347112 0.86450677 -2.30085497]], v["dW1"] = [[-0.11006192 0.11447237 0.09015907]
    // [0.05024943 0.09008559 -0.06837279]].
    let (p, g) = notebook_params_grads();
    let v = initialize_velocity(&p);
    out.push(case("notebook", "the notebook's test case: zero velocity, beta 0.9", p, g, v, 0.9, 0.01));

    let (p, g) = random_params_grads(31, &[3, 1]);
    let v = random_moments(&mut draws::own(32), &g, false);
    out.push(case("edge_one_layer", "one one-unit layer, a non-zero velocity, beta 0.5", p, g, v, 0.5, 0.2));

    let (p, g) = random_params_grads(33, &[4, 3, 3, 2, 1]);
    let v = random_moments(&mut draws::own(34), &g, false);
    out.push(case("deep4", "four layers, a non-zero velocity, beta 0.95", p, g, v, 0.95, 0.05));

    let (p, g, v) = momentum_state(3, 0.8, 0.05);
    out.push(case(
        "pipeline",
        "after 3 real momentum steps on moons mini-batches, beta 0.8",
        p,
        g,
        v,
        0.8,
        0.05,
    ));
    out
}

fn initialize_adam_cases() -> Vec<CaseSpec> {
    let f = "initialize_adam";
    let case = |label: &str, note: &str, p: Parameters| {
        // The outputs are all zeros: they must be exactly zero (no absolute slack).
        CaseSpec::unit(f, label, note).arg("parameters", p).unmodified(&["parameters"]).tolerance(1e-7, 0.0)
    };
    vec![
        case("notebook", "the notebook's two layers: W1 (2, 3), W2 (3, 3)", notebook_params_grads().0),
        case("edge_one_layer", "a single one-unit layer", random_params_grads(41, &[4, 1]).0),
        case("deep4", "four layers [5, 4, 3, 2, 1]: no hard-coded depth", initialize_parameters(&[5, 4, 3, 2, 1])),
    ]
}

fn update_parameters_with_adam_cases() -> Vec<CaseSpec> {
    #[allow(clippy::too_many_arguments)]
    fn case(
        label: &str,
        note: &str,
        p: Parameters,
        g: Grads,
        (v, s): (Moments, Moments),
        t: usize,
        lr: f64,
        (beta1, beta2, epsilon): (f64, f64, f64),
    ) -> CaseSpec {
        let mut spec = CaseSpec::unit("update_parameters_with_adam", label, note)
            .arg("parameters", p.clone())
            .arg("grads", g.clone())
            .arg("v", v.clone())
            .arg("s", s.clone())
            .arg("t", t)
            .arg("learning_rate", lr)
            .arg("beta1", beta1)
            .arg("beta2", beta2)
            .arg("epsilon", epsilon)
            .unmodified(&["parameters", "grads", "v", "s"]);
        // The known mistake: ε inside the square root, √(ŝ + ε).
        let (_, _, _, v_hat, s_hat) = update_parameters_with_adam(&p, &g, &v, &s, t, lr, beta1, beta2, epsilon);
        let inside: Parameters = p
            .iter()
            .map(|(k, theta)| {
                let d = format!("d{k}");
                (k.clone(), theta - &(lr * &v_hat[&d] / &(&s_hat[&d] + epsilon).mapv(f64::sqrt)))
            })
            .collect();
        spec = spec.mistake("epsilon_inside_square_root", vec![("parameters", inside.into_value())]);
        if lr != DEFAULT_ADAM_LEARNING_RATE {
            let wrong = update_parameters_with_adam(&p, &g, &v, &s, t, DEFAULT_ADAM_LEARNING_RATE, beta1, beta2, epsilon);
            spec = spec.mistake("hardcoded_learning_rate", vec![("parameters", wrong.0.into_value())]);
        }
        spec
    }
    let mut out = Vec::new();
    // Original update_parameters_with_adam_test_case(): v = s = 0, t = 2,
    // learning rate 0.02, beta1 0.8, beta2 0.888, epsilon 1e-2; the notebook
    // prints W1 = [[1.63942428 -0.6268425 -0.54320974] [-1.08782943 0.85036983 -2.2865723]].
    let (p, g) = notebook_params_grads();
    let vs = initialize_adam(&p);
    out.push(case(
        "notebook",
        "the notebook's test case: zero moments, t = 2, epsilon 1e-2",
        p,
        g,
        vs,
        2,
        0.02,
        (0.8, 0.888, 1e-2),
    ));

    let (p, g) = random_params_grads(51, &[3, 1]);
    let vs = initialize_adam(&p);
    out.push(case(
        "edge_t1",
        "the first step (t = 1) of a one-unit layer: the correction undoes the (1 − β) factors",
        p,
        g,
        vs,
        1,
        0.005,
        (0.9, 0.999, 1e-8),
    ));

    let (p, g) = random_params_grads(52, &[4, 3, 3, 2, 1]);
    let mut rng = draws::own(53);
    let v = random_moments(&mut rng, &g, false);
    let s = random_moments(&mut rng, &g, true);
    out.push(case(
        "deep4_late",
        "four layers, non-zero moments, t = 150, beta2 0.99, epsilon 1e-4",
        p,
        g,
        (v, s),
        150,
        0.001,
        (0.85, 0.99, 1e-4),
    ));

    let (p, g, v, s) = adam_state(3, 0.01);
    out.push(case(
        "pipeline",
        "after 3 real Adam steps on moons mini-batches: the 4th step (t = 4)",
        p,
        g,
        (v, s),
        4,
        0.003,
        (0.9, 0.999, 1e-8),
    ));
    out
}

fn update_lr_cases() -> Vec<CaseSpec> {
    let f = "update_lr";
    let case = |label: &str, note: &str, lr0: f64, epoch: usize, rate: f64| {
        CaseSpec::unit(f, label, note).arg("learning_rate0", lr0).arg("epoch_num", epoch).arg("decay_rate", rate)
    };
    vec![
        // Original update_lr test: the notebook prints 0.16666666666666666.
        case("notebook", "the notebook's test case: 0.5, epoch 2, decay rate 1", 0.5, 2, 1.0),
        case("edge_epoch0", "epoch 0: the learning rate is still learning_rate0", 0.02, 0, 2.0),
        case("rate", "learning rate 0.1, epoch 10, decay rate 0.3", 0.1, 10, 0.3),
        case("late", "learning rate 0.0007, epoch 4999, decay rate 0.01", 0.0007, 4999, 0.01),
    ]
}

fn schedule_lr_decay_cases() -> Vec<CaseSpec> {
    let f = "schedule_lr_decay";
    let case = |label: &str, note: &str, lr0: f64, epoch: usize, rate: f64, interval: usize| {
        let spec = CaseSpec::unit(f, label, note)
            .arg("learning_rate0", lr0)
            .arg("epoch_num", epoch)
            .arg("decay_rate", rate)
            .arg("time_interval", interval);
        if epoch % interval == 0 {
            return spec;
        }
        // The known mistake: epoch_num / time_interval divided as floats, no floor.
        let no_floor = lr0 / (1.0 + rate * (epoch as f64 / interval as f64));
        spec.mistake("decay_without_floor", vec![("learning_rate", no_floor.into_value())])
    };
    vec![
        // Original schedule_lr_decay test: epoch 10 → 0.5, epoch 100 → 0.3846153846153846.
        case("notebook_before", "the notebook's first test: epoch 10 of intervals of 100 (no decay yet)", 0.5, 10, 0.3, 100),
        case("notebook_after", "the notebook's second test: epoch 100, one interval done", 0.5, 100, 0.3, 100),
        case("mid_interval", "epoch 150 of intervals of 100: ⌊1.5⌋ = 1", 0.2, 150, 2.0, 100),
        case("small_interval", "epoch 7 of intervals of 3: ⌊7 / 3⌋ = 2", 0.05, 7, 0.5, 3),
        case("late", "epoch 2500 of intervals of 1000, decay rate 1", 0.1, 2500, 1.0, 1000),
    ]
}

fn model_cases() -> Vec<CaseSpec> {
    let f = "model";
    struct Run<'a> {
        label: &'a str,
        note: &'a str,
        layers: &'a [usize],
        optimizer: &'a str,
        lr: f64,
        size: usize,
        epochs: usize,
        decay: &'a str,
        decay_rate: f64,
        interval: usize,
        betas: (f64, f64, f64),
        epsilon: f64,
    }
    let runs = [
        Run {
            label: "gd",
            note: "mini-batch gd, size 64, learning rate 0.05, 30 epochs",
            layers: &[2, 5, 2, 1],
            optimizer: "gd",
            lr: 0.05,
            size: 64,
            epochs: 30,
            decay: "none",
            decay_rate: 1.0,
            interval: 1000,
            betas: (0.9, 0.9, 0.999),
            epsilon: 1e-8,
        },
        Run {
            label: "momentum",
            note: "momentum (beta 0.8), size 50 (no smaller last batch), [2, 6, 3, 1], 25 epochs",
            layers: &[2, 6, 3, 1],
            optimizer: "momentum",
            lr: 0.05,
            size: 50,
            epochs: 25,
            decay: "none",
            decay_rate: 1.0,
            interval: 1000,
            betas: (0.8, 0.9, 0.999),
            epsilon: 1e-8,
        },
        Run {
            label: "adam",
            note: "Adam (beta1 0.85, beta2 0.99, epsilon 1e-7), size 64, learning rate 0.01, 20 epochs",
            layers: &[2, 5, 2, 1],
            optimizer: "adam",
            lr: 0.01,
            size: 64,
            epochs: 20,
            decay: "none",
            decay_rate: 1.0,
            interval: 1000,
            betas: (0.9, 0.85, 0.99),
            epsilon: 1e-7,
        },
        Run {
            label: "gd_update_lr",
            note: "gd with update_lr (decay rate 0.5), size 32, learning rate 0.3, 20 epochs",
            layers: &[2, 5, 2, 1],
            optimizer: "gd",
            lr: 0.3,
            size: 32,
            epochs: 20,
            decay: "update_lr",
            decay_rate: 0.5,
            interval: 1000,
            betas: (0.9, 0.9, 0.999),
            epsilon: 1e-8,
        },
        Run {
            label: "momentum_schedule",
            note: "momentum with schedule_lr_decay every 10 epochs, size 100, learning rate 0.2, 30 epochs",
            layers: &[2, 4, 3, 1],
            optimizer: "momentum",
            lr: 0.2,
            size: 100,
            epochs: 30,
            decay: "schedule_lr_decay",
            decay_rate: 1.0,
            interval: 10,
            betas: (0.9, 0.9, 0.999),
            epsilon: 1e-8,
        },
        Run {
            label: "adam_schedule",
            note: "Adam with schedule_lr_decay every 5 epochs (rate 0.5), size 128, 15 epochs",
            layers: &[2, 5, 2, 1],
            optimizer: "adam",
            lr: 0.02,
            size: 128,
            epochs: 15,
            decay: "schedule_lr_decay",
            decay_rate: 0.5,
            interval: 5,
            betas: (0.9, 0.9, 0.999),
            epsilon: 1e-8,
        },
    ];
    let (x, y) = moons();
    runs.iter()
        .map(|r| {
            CaseSpec::integration(f, r.label, r.note)
                .arg("X", x.clone())
                .arg("Y", y.clone())
                .arg("layers_dims", r.layers.to_vec())
                .arg("optimizer", r.optimizer)
                .arg("learning_rate", r.lr)
                .arg("mini_batch_size", r.size)
                .arg("beta", r.betas.0)
                .arg("beta1", r.betas.1)
                .arg("beta2", r.betas.2)
                .arg("epsilon", r.epsilon)
                .arg("num_epochs", r.epochs)
                .arg("decay", r.decay)
                .arg("decay_rate", r.decay_rate)
                .arg("time_interval", r.interval)
                .trajectory("costs")
                .recorded_every(1, dlc::protocol::StepUnit::Epoch)
                .unmodified(&["X", "Y"])
        })
        .collect()
}
