//! `dl-course run <week>`: the week's application with the learner's own
//! code, and its pictures — the cost curves and the decision boundaries — in
//! the terminal (unicode) and as PNG files under `.dl-course/plots/`.
//!
//! The learner's functions run as in `check`: the week is built from the
//! exercise files and called through the case protocol in a process of its
//! own, under the same limits. Applications:
//!
//! - week2: `nn_model` on the planar flower; the boundary is the learner's `predict`.
//! - week4: the given `model` on the circles with the learner's three
//!   initialisers (zeros, random, He), then the given `reg_model` on the
//!   regularization set without regularization, with the learner's L2 and
//!   with the learner's dropout.
//! - week5: the given `model` on the moons with the learner's mini-batches
//!   and optimisers (gd, momentum, Adam).
//!
//! In weeks 4 and 5 the harness offers no `predict`: the boundary is drawn
//! from the parameters the learner's training returned, through the 3-layer
//! forward pass those weeks' files give (not a blank), computed here.
//! Drawing lives in [`plot`].

mod plot;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use colored::Colorize;
use dlc::protocol::{Request, Response};
use dlc::value::{FromValue, IntoValue, Value};
use ndarray::Array2;

use super::shared;
use crate::build::{self, Built};
use crate::manifest::{Course, Lang, Week};
use crate::report::Msg;
use crate::run::{CaseDirs, Ending, Job, run_one};

/// Cells of the terminal plots: columns, rows.
const TERMINAL: (usize, usize) = (60, 14);

/// `run`'s arguments.
pub struct Args {
    /// Week id or alias.
    pub week: String,
    /// Training iterations (epochs in week5); `None`: the course's count.
    pub iterations: Option<usize>,
    /// Plain numbers only: no terminal plot, no PNG.
    pub no_plot: bool,
}

/// A learner's function that did not give what the application needs.
struct Failed {
    function: &'static str,
    why: String,
}

impl Failed {
    fn of(function: &'static str) -> impl FnOnce(String) -> Failed {
        move |why| Failed { function, why }
    }
}

/// The learner's week, built, and how to call its functions.
struct Learner {
    binary: PathBuf,
    dirs: CaseDirs,
    lang: Lang,
}

impl Learner {
    /// Builds the learner's week; `None` (said to the learner) when it does not compile.
    fn build(course: &Course, lang: Lang, week: &Week) -> Result<Option<Learner>> {
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
type Predict<'a> = Box<dyn Fn(&Array2<f64>) -> Result<Array2<f64>, Failed> + 'a>;

/// One trained network of an application.
struct Trained<'a> {
    /// Its name among the application's runs ("he", "adam"); empty when it is the only one.
    label: &'static str,
    /// The cost at every step (iteration or epoch).
    costs: Vec<f64>,
    /// Its predictions.
    predict: Predict<'a>,
}

/// What an application trained, ready to be told and drawn.
struct Application<'a> {
    /// Its name in the PNGs' file names when a week has several ("regularization"), else empty.
    name: &'static str,
    /// The training data: points (2, m) and labels (1, m).
    x: Array2<f64>,
    y: Array2<f64>,
    /// What a cost is recorded per.
    step: Step,
    /// Costs printed every this many steps.
    print_every: usize,
    /// The networks trained.
    runs: Vec<Trained<'a>>,
}

/// What one recorded cost stands for.
#[derive(Clone, Copy)]
enum Step {
    Iteration,
    Epoch,
}

/// Runs the week's application; exit 1 when the learner's code fails in it.
pub fn run(course: &Course, lang: Lang, args: Args) -> Result<ExitCode> {
    let week = course.week(&args.week)?;
    if !["week2", "week4", "week5"].contains(&week.id.as_str()) {
        println!("{}", Msg::RunNoApplication.say(lang, &[("week", &week.id)]));
        return Ok(ExitCode::FAILURE);
    }
    let Some(learner) = Learner::build(course, lang, week)? else {
        return Ok(ExitCode::FAILURE);
    };
    let iterations = |default: usize| args.iterations.unwrap_or(default);
    let applications: Vec<Train> = match week.id.as_str() {
        "week2" => vec![Box::new(|| planar(&learner, lang, iterations(10_000)))],
        "week4" => vec![
            Box::new(|| initializations(&learner, lang, iterations(15_000))),
            Box::new(|| regularization(&learner, lang, iterations(30_000))),
        ],
        _ => vec![Box::new(|| optimizers(&learner, lang, iterations(5_000)))],
    };
    for train in applications {
        match train().and_then(|app| present(course, lang, week, &app, args.no_plot)) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(e),
            Err(Failed { function, why }) => {
                println!(
                    "{}",
                    Msg::RunFailed
                        .say(
                            lang,
                            &[("function", &function), ("why", &why), ("week", &week.id)]
                        )
                        .red()
                );
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One of a week's applications, trained when called.
type Train<'a> = Box<dyn Fn() -> Result<Application<'a>, Failed> + 'a>;

/// Week2: trains `nn_model` on the planar flower; the boundary is the one
/// the learner's `predict` draws between the petals.
fn planar(learner: &Learner, lang: Lang, iterations: usize) -> Result<Application<'_>, Failed> {
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
fn initializations(learner: &Learner, lang: Lang, iterations: usize) -> Result<Application<'_>, Failed> {
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
fn regularization(learner: &Learner, lang: Lang, iterations: usize) -> Result<Application<'_>, Failed> {
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
fn optimizers(learner: &Learner, lang: Lang, epochs: usize) -> Result<Application<'_>, Failed> {
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

/// Prints the costs and accuracies of every run, then (unless `no_plot`)
/// draws each run's cost curve and boundary in the terminal, and all of them
/// as PNGs: `<week>-cost.png` (every run's curve) and `<week>-boundary.png`
/// (one run) or `<week>-boundary-<run>.png` (several).
fn present(
    course: &Course,
    lang: Lang,
    week: &Week,
    app: &Application,
    no_plot: bool,
) -> Result<Result<()>, Failed> {
    let (cost_at, cost_title) = match app.step {
        Step::Iteration => (Msg::RunCostAt, Msg::RunCostTitle),
        Step::Epoch => (Msg::RunCostAtEpoch, Msg::RunCostTitleEpoch),
    };
    for run in &app.runs {
        if !run.label.is_empty() {
            println!();
            println!("{}", Msg::RunOf.say(lang, &[("run", &run.label)]).bold());
        }
        let on_data = (run.predict)(&app.x)?;
        let correct = on_data.iter().zip(app.y.iter()).filter(|(p, t)| p == t).count();
        let accuracy = 100.0 * correct as f64 / app.y.len().max(1) as f64;
        for (i, c) in run
            .costs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % app.print_every == 0)
        {
            println!(
                "{}",
                cost_at.say(lang, &[("i", &i), ("cost", &format!("{c:.6}"))])
            );
        }
        println!(
            "{}",
            Msg::RunAccuracy
                .say(lang, &[("accuracy", &format!("{accuracy:.2}"))])
                .bold()
        );
    }
    if no_plot {
        return Ok(Ok(()));
    }
    let bounds = plot::Bounds::around(&app.x);
    let (cols, rows) = (TERMINAL.0, TERMINAL.1 * 2);
    let terminal_grid = bounds.grid(cols, rows);
    let png_grid = bounds.grid(plot::PNG_GRID, plot::PNG_GRID);
    let mut boundaries = Vec::new();
    for run in &app.runs {
        let heading = |msg: Msg| match run.label {
            "" => msg.text(lang).to_string(),
            label => format!("{} — {label}", msg.text(lang)),
        };
        println!();
        println!("{}", heading(cost_title).bold());
        print!("{}", plot::terminal_curve(&run.costs, TERMINAL.0, TERMINAL.1));
        let predictions = (run.predict)(&terminal_grid)?;
        println!();
        println!("{}", heading(Msg::RunBoundaryTitle).bold());
        print!(
            "{}",
            plot::terminal_boundary(&bounds, cols, rows, &predictions, &app.x, &app.y)
        );
        boundaries.push((run.label, (run.predict)(&png_grid)?));
    }
    Ok(write_pngs(
        course,
        lang,
        week,
        app,
        &bounds,
        &boundaries,
        cost_title,
    ))
}

/// The PNGs of [`present`], each said once written.
fn write_pngs(
    course: &Course,
    lang: Lang,
    week: &Week,
    app: &Application,
    bounds: &plot::Bounds,
    boundaries: &[(&str, Array2<f64>)],
    cost_title: Msg,
) -> Result<()> {
    let dir = course.state_dir().join("plots");
    let stem = match app.name {
        "" => week.id.clone(),
        name => format!("{}-{name}", week.id),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = vec![dir.join(format!("{stem}-cost.png"))];
    let curves: Vec<(&str, &[f64])> = app.runs.iter().map(|r| (r.label, r.costs.as_slice())).collect();
    let step = match app.step {
        Step::Iteration => "iteration",
        Step::Epoch => "epoch",
    };
    plot::png_curves(&written[0], &curves, cost_title.text(Lang::En), step)?;
    for (label, predictions) in boundaries {
        let (path, title) = match *label {
            "" => (
                dir.join(format!("{stem}-boundary.png")),
                "decision boundary".to_string(),
            ),
            label => (
                dir.join(format!("{stem}-boundary-{label}.png")),
                format!("decision boundary: {label}"),
            ),
        };
        plot::png_boundary(&path, &title, bounds, predictions, &app.x, &app.y)?;
        written.push(path);
    }
    println!();
    for path in written {
        println!("{}", Msg::RunPlotWritten.say(lang, &[("path", &path.display())]));
    }
    Ok(())
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
