//! `dl-course run <week>`: the week's application with the learner's own
//! code, and its pictures — the cost curve and the decision boundary — in the
//! terminal (unicode) and as PNG files under `.dl-course/plots/`.
//!
//! The learner's functions run as in `check`: the week is built from the
//! exercise files and called through the case protocol in a process of its
//! own, under the same limits. Only week2 (planar data, one hidden layer) has
//! an application so far.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use colored::Colorize;
use dlc::protocol::{Request, Response};
use dlc::value::{FromValue, IntoValue, Value};
use ndarray::Array2;

use super::shared;
use crate::build::{self, Built};
use crate::manifest::{Course, Lang, Week};
use crate::report::Msg;
use crate::run::{CaseDirs, Ending, Job, run_one};

/// The PNG of the cost curve: width, height in pixels.
pub const COST_PNG: (u32, u32) = (800, 480);
/// The PNG of the decision boundary: width, height in pixels.
pub const BOUNDARY_PNG: (u32, u32) = (640, 640);
/// Cells of the terminal plots: columns, rows.
const TERMINAL: (usize, usize) = (60, 14);
/// Grid of the decision boundary in the PNG: points per side.
const PNG_GRID: usize = 100;

/// The embedded font of the PNGs' labels (DejaVu Sans Mono, licence beside it
/// in assets/fonts/): no system font needed.
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

/// `run`'s arguments.
pub struct Args {
    /// Week id or alias.
    pub week: String,
    /// Training iterations.
    pub iterations: usize,
    /// Plain numbers only: no terminal plot, no PNG.
    pub no_plot: bool,
}

/// What one call of a learner's function gave.
fn call(
    binary: &Path,
    dirs: &CaseDirs,
    function: &str,
    args: Vec<(&str, Value)>,
    lang: Lang,
) -> Result<Value, String> {
    let job = Job {
        request: Request {
            function: function.into(),
            args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            echo: Vec::new(),
            variant: Default::default(),
        },
        timeout: Duration::from_secs(600),
    };
    let outcome = run_one(binary, &job, dirs, &crate::guard::Limits::default(), None);
    match outcome.ending {
        Ending::Responded(Response::Ok { outputs, .. }) => Ok(Value::Map { entries: outputs }),
        Ending::Responded(Response::Panic { message, location }) => Err(format!(
            "{message}{}",
            location.map(|l| format!(" ({l})")).unwrap_or_default()
        )),
        Ending::Responded(Response::BadRequest { message }) => Err(message),
        Ending::TimedOut(d) => Err(format!("{} s", d.as_secs())),
        Ending::OverLimit(e) => Err(format!("{e:?}")),
        Ending::Died(how) => Err(crate::report::death_text(&how, lang)),
        Ending::NotStarted(why) => Err(why),
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

/// Runs the week's application; exit 1 when the learner's code fails in it.
pub fn run(course: &Course, lang: Lang, args: Args) -> Result<ExitCode> {
    let week = course.week(&args.week)?;
    if week.id != "week2" {
        println!("{}", Msg::RunOnlyWeek2.say(lang, &[("week", &week.id)]));
        return Ok(ExitCode::FAILURE);
    }
    planar(course, lang, week, &args)
}

/// Week2: trains `nn_model` on the planar flower, then draws its costs and
/// the boundary `predict` draws between the petals.
fn planar(course: &Course, lang: Lang, week: &Week, args: &Args) -> Result<ExitCode> {
    let binary = match build::build_one(
        course,
        week,
        build::learner_program(course, week),
        shared::build_options(),
    )? {
        Built::Binary(b) => b,
        Built::CompileErrors(_) => {
            println!("{}", Msg::RunNotCompiled.say(lang, &[("week", &week.id)]));
            return Ok(ExitCode::FAILURE);
        }
    };
    let dirs = CaseDirs {
        cwd: course.work_dir().join("app").join("cwd"),
        result: course.work_dir().join("app-result.json"),
    };
    let (x, y) = dlc::data::planar(1, 400);
    let (n_h, rate) = (4usize, 1.2);
    println!(
        "{}",
        Msg::RunTraining
            .say(
                lang,
                &[("iterations", &args.iterations), ("n_h", &n_h), ("rate", &rate)]
            )
            .dimmed()
    );
    let failed = |function: &str, why: String| {
        println!(
            "{}",
            Msg::RunFailed
                .say(
                    lang,
                    &[("function", &function), ("why", &why), ("week", &week.id)]
                )
                .red()
        );
        Ok(ExitCode::FAILURE)
    };
    let trained = match call(
        &binary,
        &dirs,
        "nn_model",
        vec![
            ("X", Value::array(&x)),
            ("Y", Value::array(&y)),
            ("n_h", n_h.into_value()),
            ("num_iterations", args.iterations.into_value()),
            ("learning_rate", rate.into_value()),
        ],
        lang,
    ) {
        Ok(v) => v,
        Err(why) => return failed("nn_model", why),
    };
    let costs: Vec<f64> = match output(&trained, "costs") {
        Ok(c) => c,
        Err(why) => return failed("nn_model", why),
    };
    let parameters: Value = match output(&trained, "parameters") {
        Ok(p) => p,
        Err(why) => return failed("nn_model", why),
    };
    let predict = |points: &Array2<f64>| -> Result<Array2<f64>, String> {
        let v = call(
            &binary,
            &dirs,
            "predict",
            vec![("parameters", parameters.clone()), ("X", Value::array(points))],
            lang,
        )?;
        output(&v, "predictions")
    };
    let on_data = match predict(&x) {
        Ok(p) => p,
        Err(why) => return failed("predict", why),
    };
    let correct = on_data.iter().zip(y.iter()).filter(|(p, t)| p == t).count();
    let accuracy = 100.0 * correct as f64 / y.len() as f64;
    for (i, c) in costs.iter().enumerate().filter(|(i, _)| i % 1000 == 0) {
        println!(
            "{}",
            Msg::RunCostAt.say(lang, &[("i", &i), ("cost", &format!("{c:.6}"))])
        );
    }
    println!(
        "{}",
        Msg::RunAccuracy
            .say(lang, &[("accuracy", &format!("{accuracy:.2}"))])
            .bold()
    );
    if args.no_plot {
        return Ok(ExitCode::SUCCESS);
    }
    let bounds = Bounds::around(&x);
    println!();
    println!("{}", Msg::RunCostTitle.text(lang).bold());
    print!("{}", terminal_curve(&costs, TERMINAL.0, TERMINAL.1));
    let (cols, rows) = (TERMINAL.0, TERMINAL.1 * 2);
    let grid = bounds.grid(cols, rows);
    let terminal_grid = match predict(&grid) {
        Ok(p) => p,
        Err(why) => return failed("predict", why),
    };
    println!();
    println!("{}", Msg::RunBoundaryTitle.text(lang).bold());
    print!(
        "{}",
        terminal_boundary(&bounds, cols, rows, &terminal_grid, &x, &y)
    );
    let png_grid = bounds.grid(PNG_GRID, PNG_GRID);
    let png_predictions = match predict(&png_grid) {
        Ok(p) => p,
        Err(why) => return failed("predict", why),
    };
    let dir = course.state_dir().join("plots");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let cost_png = dir.join(format!("{}-cost.png", week.id));
    let boundary_png = dir.join(format!("{}-boundary.png", week.id));
    png_curve(&cost_png, &costs, Msg::RunCostTitle.text(Lang::En))?;
    png_boundary(&boundary_png, &bounds, &png_predictions, &x, &y)?;
    println!();
    for path in [cost_png, boundary_png] {
        println!("{}", Msg::RunPlotWritten.say(lang, &[("path", &path.display())]));
    }
    Ok(ExitCode::SUCCESS)
}

/// The plotted square around the data, half a unit beyond it.
struct Bounds {
    x: (f64, f64),
    y: (f64, f64),
}

impl Bounds {
    fn around(points: &Array2<f64>) -> Bounds {
        let range = |row: usize| {
            let (lo, hi) = points
                .row(row)
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            (lo - 0.5, hi + 0.5)
        };
        Bounds {
            x: range(0),
            y: range(1),
        }
    }

    /// The centre of cell `(col, row)` of a `cols` × `rows` grid, row 0 at the top.
    fn centre(&self, col: usize, row: usize, cols: usize, rows: usize) -> (f64, f64) {
        let fx = (col as f64 + 0.5) / cols as f64;
        let fy = (row as f64 + 0.5) / rows as f64;
        (
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.1 - fy * (self.y.1 - self.y.0),
        )
    }

    /// The cell of a point, if inside.
    fn cell(&self, px: f64, py: f64, cols: usize, rows: usize) -> Option<(usize, usize)> {
        let fx = (px - self.x.0) / (self.x.1 - self.x.0);
        let fy = (self.y.1 - py) / (self.y.1 - self.y.0);
        ((0.0..1.0).contains(&fx) && (0.0..1.0).contains(&fy))
            .then_some(((fx * cols as f64) as usize, (fy * rows as f64) as usize))
    }

    /// Every cell centre as a column of a (2, cols·rows) array, row by row.
    fn grid(&self, cols: usize, rows: usize) -> Array2<f64> {
        Array2::from_shape_fn((2, cols * rows), |(k, i)| {
            let (x, y) = self.centre(i % cols, i / cols, cols, rows);
            if k == 0 { x } else { y }
        })
    }
}

/// The cost curve as text: `height` rows of `width` columns, the highest and
/// lowest cost beside the first and last rows.
fn terminal_curve(costs: &[f64], width: usize, height: usize) -> String {
    if costs.is_empty() {
        return String::new();
    }
    let (lo, hi) = costs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &c| {
            (lo.min(c), hi.max(c))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let mut cells = vec![vec![' '; width]; height];
    for (col, column) in (0..width).map(|c| (c, c * (costs.len() - 1) / (width - 1).max(1))) {
        let level = ((costs[column] - lo) / span * (height - 1) as f64).round() as usize;
        cells[height - 1 - level.min(height - 1)][col] = '•';
    }
    let mut out = String::new();
    for (r, row) in cells.iter().enumerate() {
        let label = match r {
            0 => format!("{hi:>9.4}"),
            r if r == height - 1 => format!("{lo:>9.4}"),
            _ => " ".repeat(9),
        };
        out += &format!("{label} │{}\n", row.iter().collect::<String>());
    }
    out += &format!("{} └{}\n", " ".repeat(9), "─".repeat(width));
    out += &format!("{}  0{:>w$}\n", " ".repeat(9), costs.len() - 1, w = width - 1);
    out
}

/// The decision boundary as text: `░` where the network predicts 1, the data
/// on top (`o` for class 0, `x` for class 1).
fn terminal_boundary(
    bounds: &Bounds,
    cols: usize,
    rows: usize,
    predictions: &Array2<f64>,
    x: &Array2<f64>,
    y: &Array2<f64>,
) -> String {
    let mut cells: Vec<Vec<char>> = (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| {
                    if predictions[[0, r * cols + c]] > 0.5 {
                        '░'
                    } else {
                        ' '
                    }
                })
                .collect()
        })
        .collect();
    for i in 0..x.ncols() {
        if let Some((c, r)) = bounds.cell(x[[0, i]], x[[1, i]], cols, rows) {
            cells[r][c] = if y[[0, i]] > 0.5 { 'x' } else { 'o' };
        }
    }
    let mut out = format!("┌{}┐\n", "─".repeat(cols));
    for row in cells {
        out += &format!("│{}│\n", row.into_iter().collect::<String>());
    }
    out += &format!("└{}┘\n", "─".repeat(cols));
    out
}

fn plot_error(path: &Path, e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("cannot draw {}: {e}", path.display())
}

/// Registers the embedded font once, under the family name the charts ask for.
fn font() -> Result<()> {
    static REGISTERED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font("sans-serif", plotters::style::FontStyle::Normal, FONT).is_ok()
    });
    if ok {
        Ok(())
    } else {
        bail!("the embedded font cannot be read")
    }
}

/// The cost curve as a PNG of [`COST_PNG`] pixels.
fn png_curve(path: &PathBuf, costs: &[f64], title: &str) -> Result<()> {
    use plotters::prelude::*;
    font()?;
    let root = BitMapBackend::new(path, COST_PNG).into_drawing_area();
    root.fill(&WHITE).map_err(|e| plot_error(path, e))?;
    let hi = costs.iter().cloned().fold(f64::NEG_INFINITY, f64::max).max(1e-9);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 24))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0..costs.len().max(1), 0.0..hi * 1.05)
        .map_err(|e| plot_error(path, e))?;
    chart
        .configure_mesh()
        .x_desc("iteration")
        .y_desc("cost")
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(|e| plot_error(path, e))?;
    chart
        .draw_series(LineSeries::new(
            costs.iter().enumerate().map(|(i, &c)| (i, c)),
            BLUE.stroke_width(2),
        ))
        .map_err(|e| plot_error(path, e))?;
    root.present().map_err(|e| plot_error(path, e))?;
    Ok(())
}

/// The decision boundary as a PNG of [`BOUNDARY_PNG`] pixels: the predicted
/// class per grid cell, the data on top.
fn png_boundary(
    path: &PathBuf,
    bounds: &Bounds,
    predictions: &Array2<f64>,
    x: &Array2<f64>,
    y: &Array2<f64>,
) -> Result<()> {
    use plotters::prelude::*;
    font()?;
    let root = BitMapBackend::new(path, BOUNDARY_PNG).into_drawing_area();
    root.fill(&WHITE).map_err(|e| plot_error(path, e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption("decision boundary", ("sans-serif", 24))
        .margin(16)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(bounds.x.0..bounds.x.1, bounds.y.0..bounds.y.1)
        .map_err(|e| plot_error(path, e))?;
    chart
        .configure_mesh()
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(|e| plot_error(path, e))?;
    let (dx, dy) = (
        (bounds.x.1 - bounds.x.0) / PNG_GRID as f64,
        (bounds.y.1 - bounds.y.0) / PNG_GRID as f64,
    );
    let shade = |p: f64| {
        if p > 0.5 {
            RGBColor(255, 214, 214)
        } else {
            RGBColor(214, 226, 255)
        }
    };
    chart
        .draw_series((0..PNG_GRID * PNG_GRID).map(|i| {
            let (cx, cy) = bounds.centre(i % PNG_GRID, i / PNG_GRID, PNG_GRID, PNG_GRID);
            Rectangle::new(
                [(cx - dx / 2.0, cy - dy / 2.0), (cx + dx / 2.0, cy + dy / 2.0)],
                shade(predictions[[0, i]]).filled(),
            )
        }))
        .map_err(|e| plot_error(path, e))?;
    chart
        .draw_series((0..x.ncols()).map(|i| {
            let colour = if y[[0, i]] > 0.5 { RED } else { BLUE };
            Circle::new((x[[0, i]], x[[1, i]]), 3, colour.filled())
        }))
        .map_err(|e| plot_error(path, e))?;
    root.present().map_err(|e| plot_error(path, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_falling_curve_starts_top_left_and_ends_bottom_right() {
        let costs: Vec<f64> = (0..100).map(|i| 1.0 / (1.0 + i as f64)).collect();
        let text = terminal_curve(&costs, 10, 5);
        let rows: Vec<&str> = text.lines().collect();
        assert!(rows[0].ends_with("│•         "), "{text}");
        assert!(rows[4].trim_end().ends_with('•'), "{text}");
        assert!(rows[0].contains("1.0000") && rows[4].contains("0.0100"), "{text}");
    }

    #[test]
    fn grid_cells_and_centres_agree() {
        let b = Bounds {
            x: (0.0, 4.0),
            y: (0.0, 2.0),
        };
        let (x, y) = b.centre(3, 0, 4, 2);
        assert_eq!((x, y), (3.5, 1.5));
        assert_eq!(b.cell(x, y, 4, 2), Some((3, 0)));
        assert_eq!(b.cell(5.0, 1.0, 4, 2), None);
        let g = b.grid(4, 2);
        assert_eq!(g.shape(), [2, 8]);
        assert_eq!((g[[0, 0]], g[[1, 0]]), (0.5, 1.5));
        assert_eq!((g[[0, 7]], g[[1, 7]]), (3.5, 0.5));
    }
}
