//! The learner's week as `run` calls it ([`Learner`]), and the applications,
//! one function per week's training: which of the learner's functions they
//! call, on which data, with which settings. A training returns an
//! [`Application`]; the parent module tells and draws it.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use colored::Colorize;
use dlc::protocol::{Request, Response};
use dlc::value::{FromValue, IntoValue, Value};
use ndarray::Array2;

use crate::build::{self, Built};
use crate::cmd::shared;
use crate::manifest::{Course, Lang, Week};
use crate::report::Msg;
use crate::run::{CaseDirs, Ending, Job, run_one};

/// A learner's function that did not give what the application needs.
pub(super) struct Failed {
    /// The learner's function.
    pub(super) function: &'static str,
    /// What went wrong.
    pub(super) why: String,
}

impl Failed {
    fn of(function: &'static str) -> impl FnOnce(String) -> Failed {
        move |why| Failed { function, why }
    }
}

/// The learner's week, built, and how to call its functions.
pub(super) struct Learner {
    binary: PathBuf,
    dirs: CaseDirs,
    lang: Lang,
}

impl Learner {
    /// Builds the learner's week; `None` (said to the learner) when it does not compile.
    pub(super) fn build(course: &Course, lang: Lang, week: &Week) -> Result<Option<Learner>> {
        let binary = match build::build_one(
            course,
            week,
            build::learner_program(course, week),
            shared::build_options(),
        )? {
            Built::Binary(b) => b,
            Built::CompileErrors(_) => {
                println!("{}", Msg::RunNotCompiled.say(lang, &[("week", &week.id)]));
                return Ok(None);
            }
        };
        let dirs = CaseDirs {
            cwd: course.work_dir().join("app").join("cwd"),
            result: course.work_dir().join("app-result.json"),
        };
        Ok(Some(Learner { binary, dirs, lang }))
    }

    /// What one call of a learner's function gave.
    fn call(&self, function: &'static str, args: Vec<(&str, Value)>) -> Result<Value, Failed> {
        let job = Job {
            request: Request {
                function: function.into(),
                args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                echo: Vec::new(),
                variant: Default::default(),
            },
            timeout: Duration::from_secs(600),
        };
        let outcome = run_one(
            &self.binary,
            &job,
            &self.dirs,
            &crate::guard::Limits::default(),
            None,
        );
        let why = match outcome.ending {
            Ending::Responded(Response::Ok { outputs, .. }) => return Ok(Value::Map { entries: outputs }),
            Ending::Responded(Response::Panic { message, location }) => format!(
                "{message}{}",
                location.map(|l| format!(" ({l})")).unwrap_or_default()
            ),
            Ending::Responded(Response::BadRequest { message }) => message,
            Ending::TimedOut(d) => format!("{} s", d.as_secs()),
            Ending::OverLimit(e) => format!("{e:?}"),
            Ending::Died(how) => crate::report::death_text(&how, self.lang),
            Ending::NotStarted(why) => why,
        };
        Err(Failed { function, why })
    }
}

fn output<T: FromValue>(value: &Value, name: &str) -> Result<T, String> {
    match value {
        Value::Map { entries } => entries
            .get(name)
            .ok_or_else(|| format!("no output `{name}`"))
            .and_then(|v| T::from_value(v).map_err(|e| e.to_string())),
        _ => Err(format!("no output `{name}`")),
    }
}

/// A trained network's predictions (0 or 1, shape (1, n)) for the columns of a (2, n) array.
pub(super) type Predict<'a> = Box<dyn Fn(&Array2<f64>) -> Result<Array2<f64>, Failed> + 'a>;

/// One trained network of an application.
pub(super) struct Trained<'a> {
    /// Its name among the application's runs ("he", "adam"); empty when it is the only one.
    pub(super) label: &'static str,
    /// The cost at every step (iteration or epoch).
    pub(super) costs: Vec<f64>,
    /// Its predictions.
    pub(super) predict: Predict<'a>,
}

/// What an application trained, ready to be told and drawn.
pub(super) struct Application<'a> {
    /// Its name in the PNGs' file names when a week has several ("regularization"), else empty.
    pub(super) name: &'static str,
    /// The training data: points (2, m) and labels (1, m).
    pub(super) x: Array2<f64>,
    pub(super) y: Array2<f64>,
    /// What a cost is recorded per.
    pub(super) step: Step,
    /// Costs printed every this many steps.
    pub(super) print_every: usize,
    /// The networks trained.
    pub(super) runs: Vec<Trained<'a>>,
}

/// What one recorded cost stands for.
#[derive(Clone, Copy)]
pub(super) enum Step {
    Iteration,
    Epoch,
}

/// Week2: trains `nn_model` on the planar flower; the boundary is the one
/// the learner's `predict` draws between the petals.
pub(super) fn planar(learner: &Learner, lang: Lang, iterations: usize) -> Result<Application<'_>, Failed> {
    let (x, y) = dlc::data::planar(1, 400);
    let (n_h, rate) = (4usize, 1.2);
    println!(
        "{}",
        Msg::RunTraining
            .say(
                lang,
                &[("iterations", &iterations), ("n_h", &n_h), ("rate", &rate)]
            )
            .dimmed()
    );
    let trained = learner.call(
        "nn_model",
        vec![
            ("X", Value::array(&x)),
            ("Y", Value::array(&y)),
            ("n_h", n_h.into_value()),
            ("num_iterations", iterations.into_value()),
            ("learning_rate", rate.into_value()),
        ],
    )?;
    let costs: Vec<f64> = output(&trained, "costs").map_err(Failed::of("nn_model"))?;
    let parameters: Value = output(&trained, "parameters").map_err(Failed::of("nn_model"))?;
    let predict = move |points: &Array2<f64>| -> Result<Array2<f64>, Failed> {
        let v = learner.call(
            "predict",
            vec![("parameters", parameters.clone()), ("X", Value::array(points))],
        )?;
        output(&v, "predictions").map_err(Failed::of("predict"))
    };
    Ok(Application {
        name: "",
        x,
        y,
        step: Step::Iteration,
        print_every: 1000,
        runs: vec![Trained {
            label: "",
            costs,
            predict: Box::new(predict),
        }],
    })
}

/// Week4: the given `model` ([2, 10, 5, 1], learning rate 0.01) on the
/// course's circles with each of the learner's initialisers.
pub(super) fn initializations(
    learner: &Learner,
    lang: Lang,
    iterations: usize,
) -> Result<Application<'_>, Failed> {
    let (x, y) = dlc::data::circles(300, 0.05, 1);
    let rate = 0.01f64;
    println!(
        "{}",
        Msg::RunTrainingInit
            .say(lang, &[("iterations", &iterations), ("rate", &rate)])
            .dimmed()
    );
    let mut runs = Vec::new();
    for label in ["zeros", "random", "he"] {
        let trained = learner.call(
            "model",
            vec![
                ("X", Value::array(&x)),
                ("Y", Value::array(&y)),
                ("learning_rate", rate.into_value()),
                ("num_iterations", iterations.into_value()),
                ("print_every", 1usize.into_value()),
                ("initialization", label.into_value()),
            ],
        )?;
        runs.push(three_layer_run(label, "model", &trained)?);
    }
    Ok(Application {
        name: "",
        x,
        y,
        step: Step::Iteration,
        print_every: 1000,
        runs,
    })
}

/// Week4: the given `reg_model` ([2, 20, 3, 1], learning rate 0.3) on the
/// regularization set, without regularization, with the learner's L2
/// (λ = 0.7) and with the learner's dropout (keep_prob = 0.86).
pub(super) fn regularization(
    learner: &Learner,
    lang: Lang,
    iterations: usize,
) -> Result<Application<'_>, Failed> {
    let (x, y) = dlc::data::reg_dataset(211, 1);
    let rate = 0.3f64;
    println!();
    println!(
        "{}",
        Msg::RunTrainingRegularization
            .say(lang, &[("iterations", &iterations), ("rate", &rate)])
            .dimmed()
    );
    let mut runs = Vec::new();
    for (label, lambd, keep_prob) in [("none", 0.0f64, 1.0f64), ("l2", 0.7, 1.0), ("dropout", 0.0, 0.86)] {
        let trained = learner.call(
            "reg_model",
            vec![
                ("X", Value::array(&x)),
                ("Y", Value::array(&y)),
                ("learning_rate", rate.into_value()),
                ("num_iterations", iterations.into_value()),
                ("print_every", 1usize.into_value()),
                ("lambd", lambd.into_value()),
                ("keep_prob", keep_prob.into_value()),
            ],
        )?;
        runs.push(three_layer_run(label, "reg_model", &trained)?);
    }
    Ok(Application {
        name: "regularization",
        x,
        y,
        step: Step::Iteration,
        print_every: 1000,
        runs,
    })
}

/// Week5: the given `model` ([2, 5, 2, 1], mini-batches of 64, learning
/// rate 0.0007) on the course's moons with each of the learner's optimisers.
pub(super) fn optimizers(learner: &Learner, lang: Lang, epochs: usize) -> Result<Application<'_>, Failed> {
    let (x, y) = dlc::data::moons(300, 0.2, 3);
    let rate = 0.0007f64;
    println!(
        "{}",
        Msg::RunTrainingOptimizers
            .say(lang, &[("epochs", &epochs), ("rate", &rate)])
            .dimmed()
    );
    let mut runs = Vec::new();
    for label in ["gd", "momentum", "adam"] {
        let trained = learner.call(
            "model",
            vec![
                ("X", Value::array(&x)),
                ("Y", Value::array(&y)),
                ("layers_dims", vec![2usize, 5, 2, 1].into_value()),
                ("optimizer", label.into_value()),
                ("learning_rate", rate.into_value()),
                ("mini_batch_size", 64usize.into_value()),
                ("beta", 0.9f64.into_value()),
                ("beta1", 0.9f64.into_value()),
                ("beta2", 0.999f64.into_value()),
                ("epsilon", 1e-8f64.into_value()),
                ("num_epochs", epochs.into_value()),
                ("decay", "none".into_value()),
                ("decay_rate", 1.0f64.into_value()),
                ("time_interval", 1000usize.into_value()),
            ],
        )?;
        runs.push(three_layer_run(label, "model", &trained)?);
    }
    Ok(Application {
        name: "",
        x,
        y,
        step: Step::Epoch,
        print_every: 1000,
        runs,
    })
}

/// A run of weeks 4 and 5: the costs `model` returned, and predictions from
/// its parameters through the 3-layer forward pass.
fn three_layer_run(
    label: &'static str,
    function: &'static str,
    trained: &Value,
) -> Result<Trained<'static>, Failed> {
    let costs: Vec<f64> = output(trained, "costs").map_err(Failed::of(function))?;
    let parameters: Value = output(trained, "parameters").map_err(Failed::of(function))?;
    let layers = (1..=3)
        .map(|l| {
            let w: Array2<f64> = output(&parameters, &format!("W{l}"))?;
            let b: Array2<f64> = output(&parameters, &format!("b{l}"))?;
            Ok((w, b))
        })
        .collect::<Result<Vec<_>, String>>()
        .map_err(Failed::of(function))?;
    Ok(Trained {
        label,
        costs,
        predict: Box::new(move |points| {
            three_layer_predictions(&layers, points).map_err(Failed::of(function))
        }),
    })
}

/// LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID with `layers` (W, b),
/// then 1 where A3 > 0.5: the given `predict` of weeks 4 and 5. Shapes that
/// do not chain are an error, never a panic.
fn three_layer_predictions(
    layers: &[(Array2<f64>, Array2<f64>)],
    x: &Array2<f64>,
) -> Result<Array2<f64>, String> {
    let mut a = x.clone();
    for (l, (w, b)) in layers.iter().enumerate() {
        if w.ncols() != a.nrows() || b.dim() != (w.nrows(), 1) {
            return Err(format!(
                "the trained parameters do not chain: W{n} is {:?}, b{n} is {:?}, its input has {} rows",
                w.dim(),
                b.dim(),
                a.nrows(),
                n = l + 1
            ));
        }
        let z = w.dot(&a) + b;
        a = if l + 1 == layers.len() {
            dlc::nn::sigmoid(&z)
        } else {
            dlc::nn::relu(&z)
        };
    }
    Ok(dlc::nn::predict_labels(&a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_layers_predict_from_their_parameters_and_refuse_shapes_that_do_not_chain() {
        let layer = |w: Vec<f64>, rows: usize, cols: usize, b: Vec<f64>| {
            (
                Array2::from_shape_vec((rows, cols), w).unwrap(),
                Array2::from_shape_vec((rows, 1), b).unwrap(),
            )
        };
        // The output is relu(relu(x₀)) − 0.5 through a sigmoid: 1 where x₀ > 0.5.
        let layers = vec![
            layer(vec![1.0, 0.0], 1, 2, vec![0.0]),
            layer(vec![1.0], 1, 1, vec![0.0]),
            layer(vec![10.0], 1, 1, vec![-5.0]),
        ];
        let x = Array2::from_shape_vec((2, 3), vec![0.0, 0.4, 2.0, 9.0, 9.0, -9.0]).unwrap();
        let p = three_layer_predictions(&layers, &x).unwrap();
        assert_eq!(p.into_raw_vec_and_offset().0, [0.0, 0.0, 1.0]);
        let wrong = vec![layers[0].clone(), layers[0].clone(), layers[2].clone()];
        assert!(
            three_layer_predictions(&wrong, &x)
                .unwrap_err()
                .contains("W2 is (1, 2)")
        );
    }
}
