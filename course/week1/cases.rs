//! Week 1 (c1w2) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week1 cases <file>`).
//!
//! Case inputs follow the course's rules (see the curriculum's list of
//! failure modes): every input is made fresh for its case, the notebook's
//! cases keep the notebook's numbers, pipeline inputs (w and b part-way
//! through training, probabilities from a real forward pass, flattened digit
//! images) come from the reference functions themselves, and no argument is
//! left at the original's default (2000 iterations, learning rate 0.5).
//!
//! Image data: the vendored 8×8 digits (`dlc::data::digits`), flattened with
//! the reference `flatten_images`, as small slices so every case stays fast.

use dlc::IntoValue;
use dlc::draws;
use dlc::data::{ImageSet, digits};
use dlc::protocol::CaseSpec;
use ndarray::{Array1, Array2, Array3, Axis, array, s};

use crate::basics::sigmoid;
use crate::logistic::{flatten_images, model, optimize, propagate};

/// The original `model`'s default number of iterations (what a hard-coded
/// loop would use).
const DEFAULT_ITERATIONS: usize = 2000;
/// The original `model`'s default learning rate.
const DEFAULT_LEARNING_RATE: f64 = 0.5;

// ---------------------------------------------------------------------------
// Helpers to build case inputs
// ---------------------------------------------------------------------------

fn digit_set(positive: u8) -> ImageSet {
    digits(positive).expect("the vendored digits load")
}

/// The first `m_train` training and `m_test` test digits for "is it a
/// `positive`?", flattened and scaled by the reference `flatten_images`.
fn digits_xy(
    positive: u8,
    m_train: usize,
    m_test: usize,
) -> (Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>) {
    let set = digit_set(positive);
    let x_train = flatten_images(&set.train_x.slice(s![..m_train, .., ..]).to_owned());
    let y_train = set.train_y.slice(s![.., ..m_train]).to_owned();
    let x_test = flatten_images(&set.test_x.slice(s![..m_test, .., ..]).to_owned());
    let y_test = set.test_y.slice(s![.., ..m_test]).to_owned();
    (x_train, y_train, x_test, y_test)
}

/// Images (m, h, w) holding the distinct values 0, 1, 2, … (mod 17), so that
/// any change of pixel order shows.
fn counting_images(m: usize, h: usize, w: usize) -> Array3<f64> {
    Array3::from_shape_fn((m, h, w), |(i, r, c)| ((i * h * w + r * w + c) % 17) as f64)
}

/// The wrong preprocessing a learner may write: reshaping the (m, h, w)
/// stack straight to (h·w, m), without the transpose. The shape is right;
/// the columns mix pixels of different images.
fn scrambled_flatten(images: &Array3<f64>) -> Array2<f64> {
    let (m, h, w) = images.dim();
    images
        .to_shape((h * w, m))
        .expect("same number of elements")
        .to_owned()
        / 16.0
}

/// Logistic-regression probabilities A = σ(wᵀX + b) for the given w, b.
fn probabilities(w: &Array2<f64>, b: f64, x: &Array2<f64>) -> Array2<f64> {
    sigmoid(&(w.t().dot(x) + b))
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(sigmoid_cases());
    all.extend(sigmoid_derivative_cases());
    all.extend(image2vector_cases());
    all.extend(normalize_rows_cases());
    all.extend(softmax_cases());
    all.extend(l1_cases());
    all.extend(l2_cases());
    all.extend(flatten_images_cases());
    all.extend(initialize_with_zeros_cases());
    all.extend(propagate_cases());
    all.extend(optimize_cases());
    all.extend(predict_cases());
    all.extend(model_cases());
    all
}

/// Z = wᵀX + b on six real digits, with small random weights: the values a
/// sigmoid meets in training.
fn digits_z(seed: u32) -> Array2<f64> {
    let (x, _, _, _) = digits_xy(8, 6, 1);
    let mut rng = draws::own(seed);
    let w = rng.randn(64, 1) * 0.3;
    w.t().dot(&x) - 0.4
}

fn sigmoid_cases() -> Vec<CaseSpec> {
    let f = "sigmoid";
    // Issue 10's σ(−x): 1 / (1 + eˣ), the sign in the exponent lost; it is
    // 1 − σ(x), so it differs wherever x ≠ 0 (every case has such an x).
    let case = |label: &str, note: &str, x: Array2<f64>| {
        let flipped = x.mapv(|v| 1.0 / (1.0 + v.exp()));
        CaseSpec::unit(f, label, note)
            .mistake("sigmoid_of_minus_x", vec![("s", flipped.into_value())])
            .arg("x", x)
    };
    vec![
        // Notebook: sigmoid(np.array([1, 2, 3])) = [0.73105858 0.88079708 0.95257413].
        case(
            "notebook",
            "the notebook's x = [1, 2, 3], as a (1, 3) row",
            array![[1.0, 2.0, 3.0]],
        ),
        case("edge_single", "a single negative number, (1, 1)", array![[-0.5]]),
        case(
            "matrix",
            "a (2, 3) matrix with negative, zero and large values: element by element",
            array![[-1.0, 0.0, 1.0], [-3.5, 2.2, 25.0]],
        ),
        case("pipeline", "Z = wᵀX + b on six real digits", digits_z(101)),
    ]
}

fn sigmoid_derivative_cases() -> Vec<CaseSpec> {
    let f = "sigmoid_derivative";
    let case = |label: &str, note: &str, x: Array2<f64>| CaseSpec::unit(f, label, note).arg("x", x);
    vec![
        // Notebook: sigmoid_derivative(np.array([1, 2, 3])) = [0.19661193 0.10499359 0.04517666].
        case(
            "notebook",
            "the notebook's x = [1, 2, 3], as a (1, 3) row",
            array![[1.0, 2.0, 3.0]],
        ),
        case(
            "edge_zero",
            "x = 0, where the slope is largest (0.25)",
            array![[0.0]],
        ),
        case(
            "matrix",
            "a (3, 2) matrix with negative values: σ'(−x) = σ'(x)",
            array![[-1.0, 1.0], [-2.5, 0.3], [4.0, -0.7]],
        ),
        case("pipeline", "Z = wᵀX + b on six real digits", digits_z(102)),
    ]
}

fn image2vector_cases() -> Vec<CaseSpec> {
    let f = "image2vector";
    let case =
        |label: &str, note: &str, image: Array3<f64>| CaseSpec::unit(f, label, note).arg("image", image);
    // The notebook's (3, 3, 2) image.
    let notebook = Array3::from_shape_vec(
        (3, 3, 2),
        vec![
            0.67826139, 0.29380381, 0.90714982, 0.52835647, 0.4215251, 0.45017551, //
            0.92814219, 0.96677647, 0.85304703, 0.52351845, 0.19981397, 0.27417313, //
            0.60659855, 0.00533165, 0.10820313, 0.49978937, 0.34144279, 0.94630077,
        ],
    )
    .expect("18 values");
    let mut rng = draws::own(103);
    let pixel = rng.rand_shape(&[1, 1, 3]).into_dimensionality().expect("3-D");
    let non_square = Array3::from_shape_fn((2, 4, 3), |(r, c, k)| (100 * r + 10 * c + k) as f64);
    let digit = digit_set(8)
        .train_x
        .index_axis(Axis(0), 0)
        .to_owned()
        .insert_axis(Axis(2));
    vec![
        case("notebook", "the notebook's (3, 3, 2) image", notebook),
        case(
            "edge_one_pixel",
            "one pixel with three channels: (1, 1, 3)",
            pixel,
        ),
        case(
            "non_square",
            "a (2, 4, 3) image whose values name their place: catches a different pixel order",
            non_square,
        ),
        case("digit", "a real 8×8 digit with one channel: (8, 8, 1)", digit),
    ]
}

fn normalize_rows_cases() -> Vec<CaseSpec> {
    let f = "normalize_rows";
    let case = |label: &str, note: &str, x: Array2<f64>| CaseSpec::unit(f, label, note).arg("x", x);
    let (x, _, _, _) = digits_xy(8, 5, 1);
    vec![
        // Notebook: [[0, 3, 4], [1, 6, 4]] → [[0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]].
        case(
            "notebook",
            "the notebook's x = [[0, 3, 4], [1, 6, 4]]",
            array![[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]],
        ),
        case(
            "edge_one_row",
            "a single row with a negative value",
            array![[3.0, -4.0]],
        ),
        case(
            "edge_column",
            "a (3, 1) column: each row is one number (catches normalising columns)",
            array![[2.0], [-5.0], [0.5]],
        ),
        case(
            "wide",
            "a (2, 5) matrix with negative values",
            array![[1.0, -2.0, 0.5, 3.0, -1.5], [0.2, 0.1, -0.4, 2.0, 1.0]],
        ),
        case(
            "digits",
            "five flattened digits as rows, (5, 64)",
            x.t().to_owned(),
        ),
    ]
}

/// The softmax of each COLUMN: what dividing by the sums over axis 0 gives.
fn softmax_of_columns(x: &Array2<f64>) -> Array2<f64> {
    let x_exp = x.mapv(f64::exp);
    let sums = x_exp.sum_axis(Axis(0)).insert_axis(Axis(0));
    x_exp / &sums
}

fn softmax_cases() -> Vec<CaseSpec> {
    let f = "softmax";
    let case = |label: &str, note: &str, x: Array2<f64>| {
        let columns = softmax_of_columns(&x);
        CaseSpec::unit(f, label, note)
            .arg("x", x)
            .mistake("softmax_over_columns", vec![("s", columns.into_value())])
    };
    // Class scores for five digits (rows) and ten classes (columns).
    let (x, _, _, _) = digits_xy(8, 5, 1);
    let mut rng = draws::own(105);
    let scores = x.t().dot(&(rng.randn(64, 10) * 0.2));
    vec![
        // Notebook: [[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]] → first row [9.80897665e-01 8.94462891e-04 ...].
        case(
            "notebook",
            "the notebook's x = [[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]",
            array![[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]],
        ),
        case("edge_one_row", "a single row (1, 2)", array![[1.0, 2.0]]),
        case(
            "edge_column",
            "a (2, 1) column: each row sums to 1 by itself (catches a softmax over columns)",
            array![[3.0], [-1.0]],
        ),
        case(
            "general",
            "a (3, 4) matrix with negative values",
            array![
                [-1.0, 0.5, 2.0, 0.0],
                [3.0, -2.0, 1.0, 1.0],
                [0.1, 0.2, 0.3, -0.4]
            ],
        ),
        case("scores", "class scores of five digits, (5, 10)", scores),
    ]
}

/// Predicted probabilities and labels of a real forward pass on digits.
fn digits_yhat_y(seed: u32, m: usize) -> (Array1<f64>, Array1<f64>) {
    let (x, y, _, _) = digits_xy(8, m, 1);
    let mut rng = draws::own(seed);
    let w = rng.randn(64, 1) * 0.2;
    let a = probabilities(&w, -1.0, &x);
    (a.row(0).to_owned(), y.row(0).to_owned())
}

fn loss_cases(f: &str, seed: u32) -> Vec<CaseSpec> {
    let case = |label: &str, note: &str, yhat: Array1<f64>, y: Array1<f64>| {
        CaseSpec::unit(f, label, note).arg("yhat", yhat).arg("y", y)
    };
    let (yhat, y) = digits_yhat_y(seed, 12);
    vec![
        case(
            "notebook",
            "the notebook's yhat = [.9, .2, .1, .4, .9], y = [1, 0, 0, 1, 1]",
            array![0.9, 0.2, 0.1, 0.4, 0.9],
            array![1.0, 0.0, 0.0, 1.0, 1.0],
        ),
        case("edge_m1", "a single example", array![0.3], array![1.0]),
        case(
            "overshoot",
            "predictions above and below the labels: the differences have both signs",
            array![0.1, 0.8, 0.6, 0.3, 1.4],
            array![0.0, 1.0, 0.0, 1.0, 1.0],
        ),
        case(
            "pipeline",
            "probabilities of a forward pass on twelve digits, and their labels",
            yhat,
            y,
        ),
    ]
}

fn l1_cases() -> Vec<CaseSpec> {
    // Notebook: L1 = 1.1.
    loss_cases("l1", 106)
}

fn l2_cases() -> Vec<CaseSpec> {
    // Notebook: L2 = 0.43.
    loss_cases("l2", 107)
}

fn flatten_images_cases() -> Vec<CaseSpec> {
    let f = "flatten_images";
    let case = |label: &str, note: &str, images: Array3<f64>| {
        CaseSpec::unit(f, label, note)
            .arg("images", images)
            .unmodified(&["images"])
    };
    let set = digit_set(8);
    let one = set.train_x.slice(s![..1, .., ..]).to_owned();
    let ten = set.train_x.slice(s![..10, .., ..]).to_owned();
    let scrambled_ten = scrambled_flatten(&ten);
    let square = counting_images(4, 2, 2);
    let scrambled_square = scrambled_flatten(&square);
    vec![
        case(
            "small",
            "three (2, 4) images of distinct values: one image per column, pixels row by row",
            counting_images(3, 2, 4),
        ),
        case("edge_m1", "a single real 8×8 digit: (1, 8, 8) → (64, 1)", one),
        case(
            "non_square",
            "four (3, 5) images: catches reading each image column by column",
            counting_images(4, 3, 5),
        ),
        case(
            "square",
            "m = h·w = 4: a reshape without the transpose even has the right shape here",
            square,
        )
        .mistake(
            "reshape_without_transpose",
            vec![("X", scrambled_square.into_value())],
        ),
        case("digits", "ten real 8×8 digits: (10, 8, 8) → (64, 10)", ten).mistake(
            "reshape_without_transpose",
            vec![("X", scrambled_ten.into_value())],
        ),
    ]
}

fn initialize_with_zeros_cases() -> Vec<CaseSpec> {
    let f = "initialize_with_zeros";
    // Every output is exactly zero: no absolute tolerance at all.
    let case = |label: &str, note: &str, dim: usize| {
        CaseSpec::unit(f, label, note)
            .arg("dim", dim)
            .tolerance(1e-7, 0.0)
    };
    vec![
        // Notebook: w = [[0.], [0.]], b = 0.0.
        case("notebook", "the notebook's dim = 2", 2),
        case("edge_dim1", "a single feature: w is (1, 1)", 1),
        case("digits", "one weight per pixel of an 8×8 digit: dim = 64", 64),
        case("odd", "dim = 7", 7),
    ]
}

fn propagate_cases() -> Vec<CaseSpec> {
    let f = "propagate";
    let case = |label: &str, note: &str, w: Array2<f64>, b: f64, x: Array2<f64>, y: Array2<f64>| {
        let mut spec = CaseSpec::unit(f, label, note);
        if b != 0.0 {
            // Issue 10's missing bias: A = σ(wᵀX), what propagate gives with b = 0
            // (wᵀX + 0 is wᵀX bit for bit); only where b ≠ 0, where it differs.
            let (grads, cost) = propagate(&w, 0.0, &x, &y);
            spec = spec.mistake(
                "missing_bias",
                vec![("dw", grads.dw.into_value()), ("db", grads.db.into_value()), ("cost", cost.into_value())],
            );
        }
        spec.arg("w", w)
            .arg("b", b)
            .arg("X", x)
            .arg("Y", y)
            .unmodified(&["w", "X", "Y"])
    };
    let mut out = Vec::new();
    // Notebook: dw = [[0.99845601] [2.39507239]], db = 0.00145557813678, cost = 5.801545319394553.
    out.push(case(
        "notebook",
        "the notebook's w = [[1], [2]], b = 2, three examples",
        array![[1.0], [2.0]],
        2.0,
        array![[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]],
        array![[1.0, 0.0, 1.0]],
    ));
    // Later notebook version: dw = [[0.25071532] [-0.06604096]], db = -0.1250040450043965,
    // cost = 0.15900537707692405.
    out.push(case(
        "notebook_v2",
        "the later notebook's w = [[1], [2]], b = 1.5",
        array![[1.0], [2.0]],
        1.5,
        array![[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]],
        array![[1.0, 1.0, 0.0]],
    ));
    let mut rng = draws::own(110);
    out.push(case(
        "edge_m1",
        "a single example with three features",
        rng.randn(3, 1),
        -0.3,
        rng.randn(3, 1),
        array![[1.0]],
    ));
    let mut rng = draws::own(111);
    out.push(case(
        "edge_one_feature",
        "a single feature (w is (1, 1)), five examples",
        array![[0.8]],
        0.1,
        rng.randn(1, 5),
        array![[0.0, 1.0, 1.0, 0.0, 1.0]],
    ));
    let (x, y, _, _) = digits_xy(8, 20, 1);
    out.push(case(
        "start",
        "w and b as initialize_with_zeros makes them, on 20 digits: the cost is log 2",
        Array2::zeros((64, 1)),
        0.0,
        x.clone(),
        y.clone(),
    ));
    let (params, _, _) = optimize(&Array2::zeros((64, 1)), 0.0, &x, &y, 50, 0.4);
    out.push(case(
        "pipeline",
        "w and b after 50 steps of gradient descent on the same 20 digits",
        params.w,
        params.b,
        x,
        y,
    ));
    out
}

fn optimize_cases() -> Vec<CaseSpec> {
    let f = "optimize";
    let spec = |kind: fn(&str, &str, &str) -> CaseSpec,
                label: &str,
                note: &str,
                (w, b): (Array2<f64>, f64),
                (x, y): (Array2<f64>, Array2<f64>),
                num_iterations: usize,
                learning_rate: f64| {
        kind(f, label, note)
            .arg("w", w)
            .arg("b", b)
            .arg("X", x)
            .arg("Y", y)
            .arg("num_iterations", num_iterations)
            .arg("learning_rate", learning_rate)
            .trajectory("costs")
            .recorded_every(100, dlc::protocol::StepUnit::Iteration)
            .unmodified(&["w", "X", "Y"])
    };
    let mut out = Vec::new();
    // Notebook: 100 iterations at 0.009 give w = [[0.19033591] [0.12259159]], b = 1.92535983008,
    // dw = [[0.67752042] [1.41625495]], db = 0.219194504541, costs = [5.80154532].
    out.push(spec(
        CaseSpec::unit,
        "notebook",
        "the notebook's case: 100 iterations, learning rate 0.009",
        (array![[1.0], [2.0]], 2.0),
        (
            array![[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]],
            array![[1.0, 0.0, 1.0]],
        ),
        100,
        0.009,
    ));
    let mut rng = draws::own(120);
    out.push(spec(
        CaseSpec::unit,
        "edge_one_step",
        "a single iteration on a single example, learning rate 0.1",
        (rng.randn(2, 1), 0.5),
        (rng.randn(2, 1), array![[0.0]]),
        1,
        0.1,
    ));
    let mut rng = draws::own(121);
    let x = rng.randn(3, 6);
    out.push(spec(
        CaseSpec::unit,
        "small",
        "250 iterations at 0.05 on six examples: costs at 0, 100 and 200",
        (Array2::zeros((3, 1)), 0.0),
        (x, array![[1.0, 0.0, 0.0, 1.0, 1.0, 0.0]]),
        250,
        0.05,
    ));
    let (x, y, _, _) = digits_xy(8, 150, 1);
    out.push(spec(
        CaseSpec::integration,
        "digits",
        "700 iterations at 0.3 from zeros, on 150 digits (is it an 8?)",
        (Array2::zeros((64, 1)), 0.0),
        (x, y),
        700,
        0.3,
    ));
    let (x, y, _, _) = digits_xy(3, 120, 1);
    let mut rng = draws::own(122);
    out.push(spec(
        CaseSpec::integration,
        "digits_warm",
        "400 iterations at 1.2 from random w, b = −0.5, on 120 digits (is it a 3?)",
        (rng.randn(64, 1) * 0.01, -0.5),
        (x, y),
        400,
        1.2,
    ));
    out
}

fn predict_cases() -> Vec<CaseSpec> {
    let f = "predict";
    let case = |label: &str, note: &str, w: Array2<f64>, b: f64, x: Array2<f64>| {
        CaseSpec::unit(f, label, note)
            .arg("w", w)
            .arg("b", b)
            .arg("X", x)
            .unmodified(&["w", "X"])
    };
    let mut out = Vec::new();
    // Notebook: predictions = [[1. 1. 0.]].
    out.push(case(
        "notebook",
        "the notebook's w = [[0.1124579], [0.23106775]], b = −0.3",
        array![[0.1124579], [0.23106775]],
        -0.3,
        array![[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]],
    ));
    out.push(case(
        "edge_m1",
        "a single example",
        array![[0.5], [-1.0], [2.0]],
        0.6,
        array![[0.3], [0.4], [-0.1]],
    ));
    // σ(0) = 0.5 exactly: the original counts it as 0 ("1 if A > 0.5"). All outputs are 0.
    let (x, _, _, _) = digits_xy(8, 6, 1);
    let at_or_above = Array2::<f64>::ones((1, x.ncols()));
    out.push(
        case(
            "threshold",
            "w = 0 and b = 0 as initialised: every probability is exactly 0.5, which is not > 0.5",
            Array2::zeros((64, 1)),
            0.0,
            x,
        )
        .tolerance(1e-7, 0.0)
        .mistake(
            "probability_0.5_counted_as_1",
            vec![("Y_prediction", at_or_above.into_value())],
        ),
    );
    let (x, y, x_test, _) = digits_xy(8, 150, 40);
    let (params, _, _) = optimize(&Array2::zeros((64, 1)), 0.0, &x, &y, 300, 0.5);
    out.push(case(
        "pipeline",
        "w and b learnt on 150 digits, predicting 40 test digits (both classes)",
        params.w,
        params.b,
        x_test,
    ));
    out
}

fn model_cases() -> Vec<CaseSpec> {
    let f = "model";
    let spec = |kind: fn(&str, &str, &str) -> CaseSpec,
                label: &str,
                note: &str,
                (x_train, y_train, x_test, y_test): (Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>),
                num_iterations: usize,
                learning_rate: f64| {
        kind(f, label, note)
            .arg("X_train", x_train)
            .arg("Y_train", y_train)
            .arg("X_test", x_test)
            .arg("Y_test", y_test)
            .arg("num_iterations", num_iterations)
            .arg("learning_rate", learning_rate)
            .trajectory("costs")
            .recorded_every(100, dlc::protocol::StepUnit::Iteration)
            .unmodified(&["X_train", "Y_train", "X_test", "Y_test"])
    };
    // What a model with a hard-coded learning rate or iteration count returns.
    let with_mistakes =
        |case: CaseSpec, data: &(Array2<f64>, Array2<f64>, Array2<f64>, Array2<f64>), n: usize, lr: f64| {
            let (x_train, y_train, x_test, y_test) = data;
            let fixed_rate = model(x_train, y_train, x_test, y_test, n, DEFAULT_LEARNING_RATE);
            let fixed_iterations = model(x_train, y_train, x_test, y_test, DEFAULT_ITERATIONS, lr);
            case.mistake(
                "hardcoded_learning_rate",
                vec![("costs", fixed_rate.costs.into_value())],
            )
            .mistake(
                "hardcoded_iterations",
                vec![("costs", fixed_iterations.costs.into_value())],
            )
        };
    let mut out = Vec::new();

    let tiny = (
        array![[1.0, -1.0, 2.0, -2.0], [0.5, 0.3, -0.2, 0.1]],
        array![[1.0, 0.0, 1.0, 0.0]],
        array![[0.5, -0.7, 1.5], [0.2, -0.1, 0.0]],
        array![[1.0, 0.0, 0.0]],
    );
    out.push(with_mistakes(
        spec(
            CaseSpec::unit,
            "tiny",
            "two features, four examples, 150 iterations at 0.2",
            tiny.clone(),
            150,
            0.2,
        ),
        &tiny,
        150,
        0.2,
    ));
    let mut rng = draws::own(131);
    let single = (
        rng.randn(3, 5),
        array![[0.0, 0.0, 1.0, 1.0, 0.0]],
        rng.randn(3, 1),
        array![[1.0]],
    );
    out.push(with_mistakes(
        spec(
            CaseSpec::unit,
            "edge_test_m1",
            "a single test example, 120 iterations at 0.7",
            single.clone(),
            120,
            0.7,
        ),
        &single,
        120,
        0.7,
    ));
    let mut rng = draws::own(132);
    let x = rng.randn(1, 6);
    let y = x.mapv(|v| f64::from(v > 0.2));
    let one_feature = (x, y, rng.randn(1, 4), array![[1.0, 0.0, 0.0, 1.0]]);
    out.push(with_mistakes(
        spec(
            CaseSpec::unit,
            "edge_one_feature",
            "a single feature, 300 iterations at 1.5",
            one_feature.clone(),
            300,
            1.5,
        ),
        &one_feature,
        300,
        1.5,
    ));

    let data = digits_xy(8, 150, 50);
    out.push(with_mistakes(
        spec(
            CaseSpec::integration,
            "digits",
            "150 training and 50 test digits (is it an 8?), 600 iterations at 0.4",
            data.clone(),
            600,
            0.4,
        ),
        &data,
        600,
        0.4,
    ));
    let data = digits_xy(3, 200, 60);
    out.push(with_mistakes(
        spec(
            CaseSpec::integration,
            "digits_three",
            "200 training and 60 test digits (is it a 3?), 900 iterations at 1.0",
            data.clone(),
            900,
            1.0,
        ),
        &data,
        900,
        1.0,
    ));
    out
}
