//! Regenerable 2-D data sets of the original course, NumPy-exact.
//!
//! The original notebooks load small point clouds (`load_planar_dataset`,
//! `sklearn.datasets.make_circles`, `make_moons`) drawn from NumPy's legacy
//! global generator. Regenerating them here, with [`NumpyRng`] consuming the
//! same draws in the same order and the arithmetic done in the same order as
//! NumPy, gives the very same points, so the original "Expected output"
//! figures (costs, accuracies) still apply. Reference values from NumPy and
//! scikit-learn live in `dlc/tests/data/numpy_data.json`
//! (`tools/numpy/data_reference.py`).
//!
//! Every function returns the course's shapes: X is (2, m), one example per
//! column, and Y is (1, m) of 0.0/1.0 labels.

use std::f64::consts::PI;

use ndarray::Array2;

use crate::rng::NumpyRng;

/// `np.linspace(start, stop, num, endpoint)`, with NumPy's own arithmetic.
///
/// NumPy computes `i * step + start` with `step = (stop - start) / div` and,
/// with `endpoint`, sets the last element to `stop` exactly; the shortcut
/// `start + i * (stop - start) / div` would differ in the last bit.
fn linspace(start: f64, stop: f64, num: usize, endpoint: bool) -> Vec<f64> {
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let mut y: Vec<f64> = (0..num).map(|i| i as f64).collect();
    if div > 0 {
        let step = delta / div as f64;
        if step == 0.0 {
            // NumPy's branch for a zero (or denormal-underflowing) step.
            for v in &mut y {
                *v = *v / div as f64 * delta;
            }
        } else {
            for v in &mut y {
                *v *= step;
            }
        }
    } else {
        for v in &mut y {
            *v *= delta;
        }
    }
    for v in &mut y {
        *v += start;
    }
    if endpoint && num > 1 {
        y[num - 1] = stop;
    }
    y
}

/// The original week2 (C1W3) `load_planar_dataset`: a two-class "flower".
///
/// As the original: `np.random.seed(seed)`; `N = m / 2` points per class,
/// petals `a = 4`; for class j, `t = linspace(3.12·j, 3.12·(j+1), N) +
/// 0.2·randn(N)`, `r = a·sin(4t) + 0.2·randn(N)`, point `(r·sin t, r·cos t)`.
/// The course uses `planar(1, 400)`, whose `X[0,0]` is 1.204442292254319. With
/// an odd `m` the last column stays zero, as in the original.
pub fn planar(seed: u32, m: usize) -> (Array2<f64>, Array2<f64>) {
    let mut rng = NumpyRng::new(seed);
    let n = m / 2;
    let a = 4.0;
    let mut x = Array2::<f64>::zeros((2, m));
    let mut y = Array2::<f64>::zeros((1, m));
    for j in 0..2 {
        // Python evaluates j*3.12 and (j+1)*3.12 in f64 before linspace.
        let start = j as f64 * 3.12;
        let stop = (j + 1) as f64 * 3.12;
        let noise_t = rng.randn1(n);
        let t: Vec<f64> = linspace(start, stop, n, true)
            .iter()
            .zip(noise_t.iter())
            .map(|(&l, &g)| l + g * 0.2)
            .collect();
        let noise_r = rng.randn1(n);
        for (i, (&ti, &g)) in t.iter().zip(noise_r.iter()).enumerate() {
            let r = a * (4.0 * ti).sin() + g * 0.2;
            let col = n * j + i;
            x[[0, col]] = r * ti.sin();
            x[[1, col]] = r * ti.cos();
            y[[0, col]] = j as f64;
        }
    }
    (x, y)
}

/// `sklearn.datasets.make_circles(n_samples, noise=noise, random_state=seed)`
/// (factor 0.8, shuffled), transposed to the course's (2, m) and (1, m).
///
/// The original week4 (C2W1) initialization notebook calls it with
/// `random_state=None` right after `np.random.seed(1)` (train, 300 points,
/// noise 0.05) and `np.random.seed(2)` (test, 100 points): the global
/// generator is then in exactly the state `RandomState(seed)` starts in, so
/// `circles(300, 0.05, 1)` and `circles(100, 0.05, 2)` are those sets.
pub fn circles(n_samples: usize, noise: f64, seed: u32) -> (Array2<f64>, Array2<f64>) {
    circles_with_rng(&mut NumpyRng::new(seed), n_samples, noise)
}

/// [`circles`] drawing from a generator already in use, as sklearn does with
/// `random_state=None` in the middle of a script.
pub fn circles_with_rng(rng: &mut NumpyRng, n_samples: usize, noise: f64) -> (Array2<f64>, Array2<f64>) {
    let factor = 0.8;
    let n_out = n_samples / 2;
    let n_in = n_samples - n_out;
    let lin_out = linspace(0.0, 2.0 * PI, n_out, false);
    let lin_in = linspace(0.0, 2.0 * PI, n_in, false);
    let mut points = Vec::with_capacity(n_samples);
    points.extend(lin_out.iter().map(|&t| (t.cos(), t.sin(), 0.0)));
    points.extend(lin_in.iter().map(|&t| (t.cos() * factor, t.sin() * factor, 1.0)));
    shuffle_and_add_noise(rng, points, noise)
}

/// `sklearn.datasets.make_moons(n_samples, noise=noise, random_state=seed)`
/// (shuffled), transposed to the course's (2, m) and (1, m).
///
/// The original week5 (C2W2) optimization notebook does `np.random.seed(3)`
/// then `make_moons(n_samples=300, noise=.2)`: that is `moons(300, 0.2, 3)`.
pub fn moons(n_samples: usize, noise: f64, seed: u32) -> (Array2<f64>, Array2<f64>) {
    moons_with_rng(&mut NumpyRng::new(seed), n_samples, noise)
}

/// [`moons`] drawing from a generator already in use, as sklearn does with
/// `random_state=None` in the middle of a script.
pub fn moons_with_rng(rng: &mut NumpyRng, n_samples: usize, noise: f64) -> (Array2<f64>, Array2<f64>) {
    let n_out = n_samples / 2;
    let n_in = n_samples - n_out;
    let lin_out = linspace(0.0, PI, n_out, true);
    let lin_in = linspace(0.0, PI, n_in, true);
    let mut points = Vec::with_capacity(n_samples);
    points.extend(lin_out.iter().map(|&t| (t.cos(), t.sin(), 0.0)));
    // Same operation order as sklearn: (1 - sin t) - 0.5.
    points.extend(lin_in.iter().map(|&t| (1.0 - t.cos(), 1.0 - t.sin() - 0.5, 1.0)));
    shuffle_and_add_noise(rng, points, noise)
}

/// The tail shared by `make_circles` and `make_moons`: `util_shuffle` (which
/// is `resample(replace=False)`, i.e. `random_state.shuffle(arange(n))`,
/// the same draws as `permutation(n)`), then
/// `X += normal(scale=noise, size=(n, 2))` filled row by row. Legacy
/// `normal(0, s)` is `0 + s·gauss`, drawn even when `noise` is 0 so that a
/// shared generator advances as in sklearn.
fn shuffle_and_add_noise(
    rng: &mut NumpyRng,
    points: Vec<(f64, f64, f64)>,
    noise: f64,
) -> (Array2<f64>, Array2<f64>) {
    let m = points.len();
    let order = rng.permutation(m);
    let mut x = Array2::<f64>::zeros((2, m));
    let mut y = Array2::<f64>::zeros((1, m));
    for (col, &src) in order.iter().enumerate() {
        let (px, py, label) = points[src];
        let nx = 0.0 + noise * rng.standard_normal();
        let ny = 0.0 + noise * rng.standard_normal();
        x[[0, col]] = px + nx;
        x[[1, col]] = py + ny;
        y[[0, col]] = label;
    }
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linspace_endpoint_and_shapes() {
        assert_eq!(linspace(0.0, 1.0, 5, true), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(linspace(0.0, 1.0, 4, false), vec![0.0, 0.25, 0.5, 0.75]);
        assert_eq!(linspace(2.0, 3.0, 1, true), vec![2.0]);
        assert!(linspace(0.0, 1.0, 0, true).is_empty());
        assert_eq!(linspace(1.0, 1.0, 3, true), vec![1.0, 1.0, 1.0]);
    }

    #[test]
    fn planar_first_value_and_labels() {
        let (x, y) = planar(1, 400);
        assert_eq!(x.dim(), (2, 400));
        assert_eq!(y.dim(), (1, 400));
        assert_eq!(x[[0, 0]], 1.204442292254319);
        assert_eq!(y.sum(), 200.0);
    }

    #[test]
    fn odd_sizes_keep_all_points() {
        let (x, y) = circles(7, 0.1, 0);
        assert_eq!((x.dim(), y.dim()), ((2, 7), (1, 7)));
        assert_eq!(y.sum(), 4.0);
        let (x, y) = moons(5, 0.0, 0);
        assert_eq!((x.dim(), y.dim()), ((2, 5), (1, 5)));
        assert_eq!(y.sum(), 3.0);
    }
}
