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
//! The trainings live in [`weeks`], the drawing in [`plot`].

mod plot;
mod weeks;

use std::process::ExitCode;

use anyhow::{Context, Result};
use colored::Colorize;
use ndarray::Array2;

use crate::manifest::{Course, Lang, Week};
use crate::report::Msg;
use weeks::{Application, Failed, Learner, Step};

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
        "week2" => vec![Box::new(|| weeks::planar(&learner, lang, iterations(10_000)))],
        "week4" => vec![
            Box::new(|| weeks::initializations(&learner, lang, iterations(15_000))),
            Box::new(|| weeks::regularization(&learner, lang, iterations(30_000))),
        ],
        _ => vec![Box::new(|| weeks::optimizers(&learner, lang, iterations(5_000)))],
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
