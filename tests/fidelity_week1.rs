//! Week 1's reference solution against the original notebooks' printed
//! figures ("Expected output"), and against the course's own figures on the
//! vendored digits (quoted in course/week1/instructions/model.md), compiled
//! directly from `solutions/`.

#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week1/basics.rs"]
#[allow(dead_code)]
mod basics;
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../solutions/week1/logistic.rs"]
#[allow(dead_code)]
mod logistic;

use ndarray::{Array1, Array2, Array3, array};

fn assert_close(name: &str, got: &Array2<f64>, printed: &Array2<f64>) {
    assert_eq!(got.shape(), printed.shape(), "{name}: shape");
    for (g, p) in got.iter().zip(printed) {
        // The notebook prints 8 significant digits.
        assert!(
            (g - p).abs() <= 5e-9 + 1e-7 * p.abs(),
            "{name}: {got} vs printed {printed}"
        );
    }
}

fn assert_num(name: &str, got: f64, printed: f64, tolerance: f64) {
    assert!(
        (got - printed).abs() <= tolerance,
        "{name}: {got} vs printed {printed}"
    );
}

#[test]
fn basics_print_the_notebook_numbers() {
    let x = array![[1.0, 2.0, 3.0]];
    assert_close(
        "sigmoid",
        &basics::sigmoid(&x),
        &array![[0.73105858, 0.88079708, 0.95257413]],
    );
    assert_close(
        "sigmoid_derivative",
        &basics::sigmoid_derivative(&x),
        &array![[0.19661193, 0.10499359, 0.04517666]],
    );

    let image = Array3::from_shape_vec(
        (3, 3, 2),
        vec![
            0.67826139, 0.29380381, 0.90714982, 0.52835647, 0.4215251, 0.45017551, 0.92814219, 0.96677647,
            0.85304703, 0.52351845, 0.19981397, 0.27417313, 0.60659855, 0.00533165, 0.10820313, 0.49978937,
            0.34144279, 0.94630077,
        ],
    )
    .unwrap();
    let v = basics::image2vector(&image);
    assert_eq!(v.dim(), (18, 1));
    assert_eq!(v.column(0).to_vec(), image.iter().copied().collect::<Vec<_>>());

    assert_close(
        "normalize_rows",
        &basics::normalize_rows(&array![[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]]),
        &array![[0.0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]],
    );
    assert_close(
        "softmax",
        &basics::softmax(&array![[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]]),
        &array![
            [
                9.80897665e-01,
                8.94462891e-04,
                1.79657674e-02,
                1.21052389e-04,
                1.21052389e-04
            ],
            [
                8.78679856e-01,
                1.18916387e-01,
                8.01252314e-04,
                8.01252314e-04,
                8.01252314e-04
            ]
        ],
    );

    let yhat: Array1<f64> = array![0.9, 0.2, 0.1, 0.4, 0.9];
    let y: Array1<f64> = array![1.0, 0.0, 0.0, 1.0, 1.0];
    assert_num("L1", basics::l1(&yhat, &y), 1.1, 1e-12);
    assert_num("L2", basics::l2(&yhat, &y), 0.43, 1e-12);
}

#[test]
fn logistic_regression_prints_the_notebook_numbers() {
    let (w, b) = logistic::initialize_with_zeros(2);
    assert_eq!((w, b), (Array2::zeros((2, 1)), 0.0));

    // propagate: w = [[1], [2]], b = 2, X = [[1, 2, -1], [3, 4, -3.2]], Y = [[1, 0, 1]].
    let w = array![[1.0], [2.0]];
    let x = array![[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]];
    let y = array![[1.0, 0.0, 1.0]];
    let (grads, cost) = logistic::propagate(&w, 2.0, &x, &y);
    assert_close("dw", &grads.dw, &array![[0.99845601], [2.39507239]]);
    assert_num("db", grads.db, 0.00145557813678, 1e-14);
    assert_num("cost", cost, 5.801545319394553, 1e-14);

    // The later notebook's case: b = 1.5, X = [[1, -2, -1], [3, 0.5, -3.2]], Y = [[1, 1, 0]].
    let (grads, cost) = logistic::propagate(
        &w,
        1.5,
        &array![[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]],
        &array![[1.0, 1.0, 0.0]],
    );
    assert_close(
        "dw (later notebook)",
        &grads.dw,
        &array![[0.25071532], [-0.06604096]],
    );
    assert_num("db (later notebook)", grads.db, -0.1250040450043965, 1e-15);
    assert_num("cost (later notebook)", cost, 0.15900537707692405, 1e-15);

    // optimize: 100 iterations at 0.009 from the propagate case.
    let (params, grads, costs) = logistic::optimize(&w, 2.0, &x, &y, 100, 0.009);
    assert_close("w", &params.w, &array![[0.19033591], [0.12259159]]);
    assert_num("b", params.b, 1.92535983008, 1e-11);
    assert_close("dw", &grads.dw, &array![[0.67752042], [1.41625495]]);
    assert_num("db", grads.db, 0.219194504541, 1e-12);
    assert_eq!(costs.len(), 1);
    assert_num("costs[0]", costs[0], 5.80154532, 5e-9);

    // predict: w = [[0.1124579], [0.23106775]], b = -0.3.
    let p = logistic::predict(
        &array![[0.1124579], [0.23106775]],
        -0.3,
        &array![[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]],
    );
    assert_eq!(p, array![[1.0, 1.0, 0.0]]);
}

#[test]
fn flatten_images_is_numpys_reshape_then_transpose() {
    // NumPy: images.reshape(m, -1).T / 16, checked element by element.
    let images = Array3::from_shape_fn((3, 2, 4), |(i, r, c)| (i * 8 + r * 4 + c) as f64);
    let x = logistic::flatten_images(&images);
    assert_eq!(x.dim(), (8, 3));
    for ((i, r, c), &v) in images.indexed_iter() {
        assert_eq!(x[[r * 4 + c, i]], v / 16.0);
    }
}

/// The course's figures on the digits ("is it an 8?"): the whole model with
/// the original's default hyper-parameters, 2000 iterations at 0.5.
#[test]
// The first cost is the notebook's printed 0.693147 (ln 2 at w = 0), kept as printed.
#[allow(clippy::approx_constant)]
fn model_on_the_digits_gives_the_quoted_figures() {
    let set = dlc::data::digits(8).unwrap();
    let x_train = logistic::flatten_images(&set.train_x);
    let x_test = logistic::flatten_images(&set.test_x);
    assert_eq!((x_train.dim(), x_test.dim()), ((64, 1348), (64, 449)));
    let d = logistic::model(&x_train, &set.train_y, &x_test, &set.test_y, 2000, 0.5);

    assert_eq!(d.costs.len(), 20);
    // Cost after iteration i (the original prints these with print_cost=True).
    assert_num("cost 0", d.costs[0], 0.693147, 5e-7);
    assert_num("cost 100", d.costs[1], 0.182885, 5e-7);
    assert_num("cost 1000", d.costs[10], 0.095424, 5e-7);
    assert_num("cost 1900", d.costs[19], 0.084989, 5e-7);

    // 1308 of the 1348 training images and 429 of the 449 test images right.
    let right = |p: &Array2<f64>, y: &Array2<f64>| p.iter().zip(y).filter(|(a, b)| a == b).count();
    assert_eq!(right(&d.y_prediction_train, &set.train_y), 1308);
    assert_eq!(right(&d.y_prediction_test, &set.test_y), 429);
    assert_num("train accuracy", d.train_accuracy, 97.03264094955489, 1e-9);
    assert_num("test accuracy", d.test_accuracy, 95.5456570155902, 1e-9);

    // Always answering "not an 8" would score 90.50 % and 89.76 %.
    assert_eq!(set.train_y.sum(), 128.0);
    assert_eq!(set.test_y.sum(), 46.0);
}

/// The learning-rate comparison of the original, scaled to the digits.
#[test]
fn learning_rates_compare_as_quoted() {
    let set = dlc::data::digits(8).unwrap();
    let x_train = logistic::flatten_images(&set.train_x);
    let x_test = logistic::flatten_images(&set.test_x);
    let quoted = [
        (1.0, 97.18100890207715, 96.43652561247217),
        (0.1, 96.66172106824926, 94.43207126948775),
        (0.01, 90.50445103857567, 89.75501113585746),
    ];
    for (lr, train, test) in quoted {
        let d = logistic::model(&x_train, &set.train_y, &x_test, &set.test_y, 2000, lr);
        assert_num(&format!("train accuracy at {lr}"), d.train_accuracy, train, 1e-9);
        assert_num(&format!("test accuracy at {lr}"), d.test_accuracy, test, 1e-9);
    }
}
