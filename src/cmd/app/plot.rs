//! `run`'s pictures: a cost curve and a decision boundary, as unicode text for
//! the terminal and as PNG files (plotters, with an embedded font). Every
//! week's application draws with these; none knows how a network is trained.

use std::path::Path;

use anyhow::{Result, bail};
use ndarray::Array2;

/// The PNG of the cost curves: width, height in pixels.
pub const COST_PNG: (u32, u32) = (800, 480);
/// The PNG of a decision boundary: width, height in pixels.
pub const BOUNDARY_PNG: (u32, u32) = (640, 640);
/// Grid of the decision boundary in the PNG: points per side.
pub const PNG_GRID: usize = 100;

/// The embedded font of the PNGs' labels (DejaVu Sans Mono, licence beside it
/// in assets/fonts/): no system font needed.
static FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf");

/// Colours of the curves of several runs, in order.
const SERIES: [(u8, u8, u8); 4] = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40)];

/// The plotted rectangle around the data, half a unit beyond it.
pub struct Bounds {
    x: (f64, f64),
    y: (f64, f64),
}

impl Bounds {
    /// The rectangle around the columns of `points` (2, m), half a unit beyond them.
    pub fn around(points: &Array2<f64>) -> Bounds {
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
    pub fn grid(&self, cols: usize, rows: usize) -> Array2<f64> {
        Array2::from_shape_fn((2, cols * rows), |(k, i)| {
            let (x, y) = self.centre(i % cols, i / cols, cols, rows);
            if k == 0 { x } else { y }
        })
    }
}

/// The cost curve as text: `height` rows of `width` columns, the highest and
/// lowest cost beside the first and last rows.
pub fn terminal_curve(costs: &[f64], width: usize, height: usize) -> String {
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

/// The decision boundary as text: `░` where the network predicts 1 (its
/// `predictions` on `bounds.grid(cols, rows)`), the data on top (`o` for
/// class 0, `x` for class 1).
pub fn terminal_boundary(
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

/// Cost curves as a PNG of [`COST_PNG`] pixels: one line per `(label,
/// costs)`, with a legend when there are several; `step` names the x axis
/// ("iteration", "epoch").
pub fn png_curves(path: &Path, curves: &[(&str, &[f64])], title: &str, step: &str) -> Result<()> {
    use plotters::prelude::*;
    font()?;
    let root = BitMapBackend::new(path, COST_PNG).into_drawing_area();
    root.fill(&WHITE).map_err(|e| plot_error(path, e))?;
    let hi = curves
        .iter()
        .flat_map(|(_, c)| c.iter())
        .cloned()
        .filter(|c| c.is_finite())
        .fold(f64::NEG_INFINITY, f64::max)
        .max(1e-9);
    let len = curves.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 24))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0..len.max(1), 0.0..hi * 1.05)
        .map_err(|e| plot_error(path, e))?;
    chart
        .configure_mesh()
        .x_desc(step)
        .y_desc("cost")
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(|e| plot_error(path, e))?;
    for (k, (label, costs)) in curves.iter().enumerate() {
        let (r, g, b) = SERIES[k % SERIES.len()];
        let colour = RGBColor(r, g, b);
        let series = chart
            .draw_series(LineSeries::new(
                costs.iter().enumerate().map(|(i, &c)| (i, c)),
                colour.stroke_width(2),
            ))
            .map_err(|e| plot_error(path, e))?;
        if curves.len() > 1 {
            series
                .label(*label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
        }
    }
    if curves.len() > 1 {
        chart
            .configure_series_labels()
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .map_err(|e| plot_error(path, e))?;
    }
    root.present().map_err(|e| plot_error(path, e))?;
    Ok(())
}

/// A decision boundary as a PNG of [`BOUNDARY_PNG`] pixels: the predicted
/// class per cell of `bounds.grid(PNG_GRID, PNG_GRID)`, the data on top.
pub fn png_boundary(
    path: &Path,
    title: &str,
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
        .caption(title, ("sans-serif", 24))
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
