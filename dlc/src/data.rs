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
//!
//! Besides these, [`digits`] loads a small real image set vendored with the
//! crate (`dlc/data/digits.txt`, see `dlc/data/README.md`): scikit-learn's
//! 8×8 handwritten digits, as a binary "is it this digit?" task that stands in
//! for the original's cat / non-cat photos.

use std::f64::consts::PI;
use std::fmt;

use ndarray::{Array2, Array3, Axis};

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

/// Week4's regularization set: the points of the given `reg_dataset(m, seed)`
/// of `regularization.rs` (a wavy boundary with noisy labels standing in for
/// the original's football field, whose data file cannot be had), for
/// `dl-course run week4`, which cannot call the learner's copy.
/// tests/fidelity_week4.rs checks that the two agree.
///
/// With the generator seeded `seed`: U = rand(2, m), then noise = randn(1, m);
/// x₀ = 1.2·U[0, j] − 0.75, x₁ = 1.35·U[1, j] − 0.75, label 1 when
/// x₁ + 0.1·noise[j] > 0.3·sin(4·x₀) − 0.1.
pub fn reg_dataset(m: usize, seed: u32) -> (Array2<f64>, Array2<f64>) {
    let mut rng = NumpyRng::new(seed);
    let u = rng.rand(2, m);
    let noise = rng.randn(1, m);
    let x = Array2::from_shape_fn((2, m), |(k, j)| match k {
        0 => 1.2 * u[[0, j]] - 0.75,
        _ => 1.35 * u[[1, j]] - 0.75,
    });
    let y = Array2::from_shape_fn((1, m), |(_, j)| {
        f64::from(x[[1, j]] + 0.1 * noise[[0, j]] > 0.3 * (4.0 * x[[0, j]]).sin() - 0.1)
    });
    (x, y)
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

/// The vendored digits file (`dlc/data/digits.txt`), embedded at compile
/// time so that no path has to be found at run time.
const DIGITS_TXT: &str = include_str!("../data/digits.txt");

/// Side of a digits image, in pixels: every image is 8×8.
pub const DIGITS_SIDE: usize = 8;

/// Largest pixel value of the digits images (pixels are integers 0–16). The
/// learner's preprocessing divides by it, as the original divides by 255.
pub const DIGITS_PIXEL_MAX: f64 = 16.0;

/// Seed of the permutation that splits the digits into train and test.
pub const DIGITS_SPLIT_SEED: u32 = 1;

/// Why the digits could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataError {
    /// A line of the data text is malformed. `line` counts from 1, comment
    /// and blank lines included, as an editor shows it.
    Line {
        /// The line's number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// `positive` is not a digit 0–9.
    NoSuchDigit(u8),
    /// Too few images to make both a training and a test set (at least 2).
    TooFewImages(usize),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Line { line, message } => write!(f, "digits data, line {line}: {message}"),
            DataError::NoSuchDigit(d) => write!(f, "there is no digit {d}: the positive class must be 0-9"),
            DataError::TooFewImages(n) => {
                write!(
                    f,
                    "digits data: {n} image(s) cannot be split into a training and a test set"
                )
            }
        }
    }
}

impl std::error::Error for DataError {}

/// Labelled images, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Digits {
    /// (m, 8, 8): pixel values 0–16 as `f64`, `images[[i, r, c]]` is row r,
    /// column c of image i.
    pub images: Array3<f64>,
    /// The digit (0–9) each image shows.
    pub labels: Vec<u8>,
}

/// A binary image classification task split into training and test sets,
/// like the original's `load_dataset()` for cat / non-cat.
///
/// Images are NOT flattened (flattening them into columns is the learner's
/// preprocessing) and pixels are NOT scaled (0–16, like the original's 0–255).
#[derive(Clone, Debug, PartialEq)]
pub struct ImageSet {
    /// (m_train, 8, 8) training images.
    pub train_x: Array3<f64>,
    /// (1, m_train) training labels: 1.0 for the positive digit, else 0.0.
    pub train_y: Array2<f64>,
    /// (m_test, 8, 8) test images.
    pub test_x: Array3<f64>,
    /// (1, m_test) test labels: 1.0 for the positive digit, else 0.0.
    pub test_y: Array2<f64>,
    /// The digit (0–9) each training image shows.
    pub train_digits: Vec<u8>,
    /// The digit (0–9) each test image shows.
    pub test_digits: Vec<u8>,
    /// The positive class: `["not <d>", "<d>"]`, indexed by the label
    /// (like the original's `classes`).
    pub classes: [String; 2],
}

/// Parses digits text: `#` comment lines and blank lines are skipped; every
/// other line is one image, the label 0–9 then 64 pixel values 0–16 (row by
/// row), separated by white space.
///
/// A malformed line is an error naming the line (from 1) and what is wrong;
/// this never panics.
pub fn parse_digits(text: &str) -> Result<Digits, DataError> {
    const PIXELS: usize = DIGITS_SIDE * DIGITS_SIDE;
    let mut labels = Vec::new();
    let mut pixels: Vec<f64> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let bad = |message: String| DataError::Line { line, message };
        let fields: Vec<&str> = trimmed.split_whitespace().collect();
        if fields.len() != PIXELS + 1 {
            return Err(bad(format!(
                "expected {} numbers (a label, then {PIXELS} pixel values), found {}",
                PIXELS + 1,
                fields.len()
            )));
        }
        let label: u8 = match fields[0].parse::<u8>() {
            Ok(d) if d <= 9 => d,
            _ => return Err(bad(format!("the label {:?} is not a digit 0-9", fields[0]))),
        };
        for (k, field) in fields[1..].iter().enumerate() {
            match field.parse::<u8>() {
                Ok(v) if f64::from(v) <= DIGITS_PIXEL_MAX => pixels.push(f64::from(v)),
                _ => {
                    return Err(bad(format!(
                        "pixel {k} (row {}, column {}) is {field:?}, not an integer 0-16",
                        k / DIGITS_SIDE,
                        k % DIGITS_SIDE
                    )));
                }
            }
        }
        labels.push(label);
    }
    let images = Array3::from_shape_vec((labels.len(), DIGITS_SIDE, DIGITS_SIDE), pixels)
        .expect("64 pixels were pushed per label");
    Ok(Digits { images, labels })
}

/// Splits `digits` into a binary task, `positive` against every other digit.
///
/// The split is fixed and deterministic: `NumpyRng::new(DIGITS_SPLIT_SEED)
/// .permutation(m)` (NumPy's `np.random.RandomState(1).permutation(m)`)
/// orders all m images; the last ⌊m/4⌋ of that order are the test set and the
/// others the training set, each in permutation order. The split does not
/// depend on `positive`.
pub fn split_digits(digits: &Digits, positive: u8) -> Result<ImageSet, DataError> {
    if positive > 9 {
        return Err(DataError::NoSuchDigit(positive));
    }
    let m = digits.labels.len();
    let n_test = m / 4;
    if m < 2 || n_test == 0 {
        return Err(DataError::TooFewImages(m));
    }
    let order = NumpyRng::new(DIGITS_SPLIT_SEED).permutation(m);
    let (train, test) = order.split_at(m - n_test);
    let part = |idx: &[usize]| {
        let x = digits.images.select(Axis(0), idx);
        let shown: Vec<u8> = idx.iter().map(|&i| digits.labels[i]).collect();
        let y = Array2::from_shape_fn((1, idx.len()), |(_, j)| f64::from(u8::from(shown[j] == positive)));
        (x, y, shown)
    };
    let (train_x, train_y, train_digits) = part(train);
    let (test_x, test_y, test_digits) = part(test);
    Ok(ImageSet {
        train_x,
        train_y,
        test_x,
        test_y,
        train_digits,
        test_digits,
        classes: [format!("not {positive}"), positive.to_string()],
    })
}

/// The vendored 8×8 handwritten digits (1797 images), all of them, in file order.
pub fn all_digits() -> Result<Digits, DataError> {
    parse_digits(DIGITS_TXT)
}

/// The course's image task: "is this handwritten digit a `positive`?", from
/// the vendored 8×8 digits (scikit-learn's copy of the UCI set; attribution
/// in `dlc/data/README.md`).
///
/// Of the 1797 images, 1348 are for training and 449 for testing (see
/// [`split_digits`] for the fixed split). `train_x` is (1348, 8, 8) and
/// `train_y` (1, 1348); `test_x` (449, 8, 8) and `test_y` (1, 449). Pixel
/// values stay 0–16 (scale by [`DIGITS_PIXEL_MAX`] in preprocessing).
/// About 10 % of each set is positive, so always answering 0 already scores
/// about 90 %.
pub fn digits(positive: u8) -> Result<ImageSet, DataError> {
    split_digits(&all_digits()?, positive)
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
    /// One well-formed line: `label` then 64 pixels `0, 1, …` (mod 17).
    fn line(label: &str, shift: usize) -> String {
        let pixels: Vec<String> = (0..64).map(|k| ((k + shift) % 17).to_string()).collect();
        format!("{label} {}", pixels.join(" "))
    }

    #[test]
    fn parse_keeps_pixel_order_and_skips_comments() {
        let text = format!("# header\n\n{}\n   {}  \n", line("3", 0), line("9", 5));
        let d = parse_digits(&text).unwrap();
        assert_eq!(d.labels, vec![3, 9]);
        assert_eq!(d.images.dim(), (2, 8, 8));
        // Row by row: pixel k is row k / 8, column k % 8.
        assert_eq!(d.images[[0, 0, 1]], 1.0);
        assert_eq!(d.images[[0, 1, 0]], 8.0);
        assert_eq!(d.images[[0, 2, 3]], (19 % 17) as f64);
        assert_eq!(d.images[[1, 0, 0]], 5.0);
        assert!(parse_digits("# nothing\n").unwrap().labels.is_empty());
    }

    #[test]
    fn malformed_lines_are_typed_errors_naming_the_line() {
        let good = line("1", 0);
        let err = |text: String| parse_digits(&text).unwrap_err();
        // Too few numbers, on line 3 (comment and blank lines count).
        let short = format!("# c\n{good}\n1 2 3\n");
        match err(short) {
            DataError::Line { line, message } => {
                assert_eq!(line, 3);
                assert!(
                    message.contains("expected 65 numbers") && message.contains("found 3"),
                    "{message}"
                );
            }
            other => panic!("unexpected {other:?}"),
        }
        // A label that is not a digit, a pixel out of range, a pixel that is no number.
        let e = err(format!("{good}\n{}\n", line("10", 0)));
        assert!(
            matches!(&e, DataError::Line { line: 2, message } if message.contains("label \"10\"")),
            "{e:?}"
        );
        let mut fields: Vec<String> = good.split(' ').map(String::from).collect();
        fields[10] = "17".into();
        let e = err(fields.join(" "));
        assert!(
            matches!(&e, DataError::Line { line: 1, message } if message.contains("pixel 9 (row 1, column 1) is \"17\"")),
            "{e:?}"
        );
        fields[10] = "-1".into();
        assert!(matches!(err(fields.join(" ")), DataError::Line { line: 1, .. }));
        fields[10] = "x".into();
        let e = err(fields.join(" "));
        assert!(e.to_string().starts_with("digits data, line 1: pixel 9"), "{e}");
        let e = err(format!("{good} 0\n"));
        assert!(
            matches!(&e, DataError::Line { line: 1, message } if message.contains("found 66")),
            "{e:?}"
        );
    }

    #[test]
    fn split_is_fixed_and_checks_its_inputs() {
        let text: String = (0..8).map(|i| line(&(i % 10).to_string(), i) + "\n").collect();
        let d = parse_digits(&text).unwrap();
        let set = split_digits(&d, 3).unwrap();
        assert_eq!((set.train_x.dim(), set.test_x.dim()), ((6, 8, 8), (2, 8, 8)));
        assert_eq!((set.train_y.dim(), set.test_y.dim()), ((1, 6), (1, 2)));
        // Permutation order, the test set last.
        let order = NumpyRng::new(DIGITS_SPLIT_SEED).permutation(8);
        let shown: Vec<u8> = order.iter().map(|&i| d.labels[i]).collect();
        assert_eq!(set.train_digits, shown[..6]);
        assert_eq!(set.test_digits, shown[6..]);
        assert_eq!(
            set.train_x.index_axis(Axis(0), 0),
            d.images.index_axis(Axis(0), order[0])
        );
        assert_eq!(set.train_y.sum() + set.test_y.sum(), 1.0);
        assert_eq!(set.classes, ["not 3".to_string(), "3".to_string()]);
        assert_eq!(split_digits(&d, 10).unwrap_err(), DataError::NoSuchDigit(10));
        let one = parse_digits(&line("1", 0)).unwrap();
        assert_eq!(split_digits(&one, 1).unwrap_err(), DataError::TooFewImages(1));
    }

    #[test]
    fn vendored_digits_shapes_and_counts() {
        let all = all_digits().unwrap();
        assert_eq!(all.images.dim(), (1797, 8, 8));
        let mut per_digit = [0usize; 10];
        for &l in &all.labels {
            per_digit[l as usize] += 1;
        }
        assert_eq!(per_digit, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
        assert_eq!(all.images.fold(0.0_f64, |a, &b| a.max(b)), DIGITS_PIXEL_MAX);
        // The first image of the file (a 0), first row.
        assert_eq!(all.labels[0], 0);
        let row: Vec<f64> = all.images.slice(ndarray::s![0, 0, ..]).to_vec();
        assert_eq!(row, vec![0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0]);

        let set = digits(8).unwrap();
        assert_eq!(set.train_x.dim(), (1348, 8, 8));
        assert_eq!(set.train_y.dim(), (1, 1348));
        assert_eq!(set.test_x.dim(), (449, 8, 8));
        assert_eq!(set.test_y.dim(), (1, 449));
        assert_eq!(set.train_y.sum() + set.test_y.sum(), 174.0);
        assert_eq!(
            set.train_y.sum(),
            set.train_digits.iter().filter(|&&d| d == 8).count() as f64
        );
        assert_eq!(digits(12).unwrap_err(), DataError::NoSuchDigit(12));
    }
}
