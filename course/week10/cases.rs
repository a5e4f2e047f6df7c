//! Week 10 (c4w4) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week10 cases <file>`).
//!
//! Case inputs follow the curriculum's rules. The triplet loss keeps the
//! original's five literal cases and adds batches where only a per-example
//! maximum, squared distances and a sum over the right axis give the right
//! number. The face database is the course's own (no pretrained network): a
//! dozen names with seeded 16-number embeddings normalised to length 1, as
//! FaceNet's are, and camera embeddings that are noisy versions of some of
//! them (not normalised again). The style-transfer activations are seeded
//! arrays of a hidden layer's shape, non-square (n_H ≠ n_W) with n_C ≠ n_H·n_W,
//! so an unrolling that scrambles the channels changes the number, not only
//! a shape; the identities J(a_C, a_C) = 0 and J(a_G, a_G) = 0 are cases.

use dlc::protocol::CaseSpec;
use dlc::{IntoValue, NumpyRng, draws};
use ndarray::{Array1, Array2, Array4, Axis, array};

use crate::face::{embedding_distance, triplet_loss};
use crate::style::{StyleLayer, compute_layer_style_cost};

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(triplet_loss_cases());
    all.extend(embedding_distance_cases());
    all.extend(verify_cases());
    all.extend(who_is_it_cases());
    all.extend(compute_content_cost_cases());
    all.extend(gram_matrix_cases());
    all.extend(compute_layer_style_cost_cases());
    all.extend(compute_style_cost_cases());
    all.extend(total_cost_cases());
    all.extend(style_transfer_cost_cases());
    all
}

// ---------------------------------------------------------------------------
// The face database
// ---------------------------------------------------------------------------

/// The original's twelve people, in its database's order.
const NAMES: [&str; 12] = [
    "danielle",
    "younes",
    "tian",
    "andrew",
    "kian",
    "dan",
    "sebastiano",
    "bertrand",
    "kevin",
    "felix",
    "benoit",
    "arnaud",
];

/// The length of an embedding (FaceNet's is 128; 16 keep the cases readable).
const D: usize = 16;

/// `v` scaled to length 1.
fn normalised(v: Array1<f64>) -> Array1<f64> {
    let norm = v.mapv(|x| x * x).sum().sqrt();
    v / norm
}

/// The course's database: every name with a seeded embedding of length 1.
fn database() -> Vec<(String, Array1<f64>)> {
    let mut rng = draws::own(1001);
    let embeddings = rng.randn(NAMES.len(), D);
    NAMES
        .iter()
        .zip(embeddings.rows())
        .map(|(name, row)| (name.to_string(), normalised(row.to_owned())))
        .collect()
}

/// The stored embedding of `name`.
fn enrolled(database: &[(String, Array1<f64>)], name: &str) -> Array1<f64> {
    database
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, e)| e.clone())
        .expect("a name of the database")
}

/// A camera's embedding of `name`: the stored one plus noise of standard
/// deviation 0.1 per number (a distance near 0.1·√16 = 0.4, well under the
/// threshold 0.7 whatever the seed), not normalised again.
fn camera(database: &[(String, Array1<f64>)], name: &str, seed: u32) -> Array1<f64> {
    enrolled(database, name) + draws::own(seed).randn1(D) * 0.1
}

/// A stranger's embedding: a fresh direction, far (about √2) from everyone.
fn stranger(seed: u32) -> Array1<f64> {
    normalised(draws::own(seed).randn1(D))
}

/// Rows of the given 1-D arrays.
fn rows(vs: &[Array1<f64>]) -> Array2<f64> {
    let views: Vec<_> = vs.iter().map(|v| v.view().insert_axis(Axis(0))).collect();
    ndarray::concatenate(Axis(0), &views).expect("rows of one length")
}

// ---------------------------------------------------------------------------
// Face recognition
// ---------------------------------------------------------------------------

fn triplet_loss_cases() -> Vec<CaseSpec> {
    let f = "triplet_loss";
    // The three known mistakes, computed from the same inputs.
    let mistakes = |a: &Array2<f64>, p: &Array2<f64>, n: &Array2<f64>, alpha: f64| {
        let sq = |x: &Array2<f64>, y: &Array2<f64>, axis: usize| (x - y).mapv(|v| v * v).sum_axis(Axis(axis));
        let per_example = |pos: Array1<f64>, neg: Array1<f64>| (pos - neg + alpha).mapv(|v| v.max(0.0)).sum();
        let max_after_sum = ((sq(a, p, 1) - sq(a, n, 1) + alpha).sum()).max(0.0);
        let norms = per_example(sq(a, p, 1).mapv(f64::sqrt), sq(a, n, 1).mapv(f64::sqrt));
        let wrong_axis = per_example(sq(a, p, 0), sq(a, n, 0));
        vec![
            ("max_after_sum", max_after_sum),
            ("norm_not_squared", norms),
            ("sum_over_examples", wrong_axis),
        ]
    };
    let case = |label: &str, note: &str, a: Array2<f64>, p: Array2<f64>, n: Array2<f64>, alpha: f64| {
        let right = triplet_loss(&a, &p, &n, alpha);
        let mut spec = CaseSpec::unit(f, label, note);
        // A mistake is named only where it gives another number.
        for (id, wrong) in mistakes(&a, &p, &n, alpha) {
            if (wrong - right).abs() > 1e-9 * right.abs().max(1.0) {
                spec = spec.mistake(id, vec![("loss", wrong.into_value())]);
            }
        }
        spec.arg("anchor", a)
            .arg("positive", p)
            .arg("negative", n)
            .arg("alpha", alpha)
    };
    let mut out = vec![
        // The 2021+ public test's literal cases (one example each, then two).
        case(
            "literal_same",
            "the original's [1, 1] three times, alpha 5 → 5",
            array![[1.0, 1.0]],
            array![[1.0, 1.0]],
            array![[1.0, 1.0]],
            5.0,
        ),
        case(
            "literal_negative_far",
            "the original's a = p = [1, 1], n = [0, 0], alpha 3 → 1",
            array![[1.0, 1.0]],
            array![[1.0, 1.0]],
            array![[0.0, 0.0]],
            3.0,
        ),
        case(
            "literal_positive_far",
            "the original's a = n = [1, 1], p = [0, 0], alpha 0 → 2",
            array![[1.0, 1.0]],
            array![[0.0, 0.0]],
            array![[1.0, 1.0]],
            0.0,
        ),
        case(
            "literal_zeros",
            "the original's zeros, alpha −2 → 0 (the loss is clipped at 0)",
            array![[0.0, 0.0]],
            array![[0.0, 0.0]],
            array![[0.0, 0.0]],
            -2.0,
        ),
        case(
            "literal_two_examples",
            "the original's two examples a = p = [1, 0], n = [0, 1], alpha 3 → 2",
            array![[1.0, 0.0], [1.0, 0.0]],
            array![[1.0, 0.0], [1.0, 0.0]],
            array![[0.0, 1.0], [0.0, 1.0]],
            3.0,
        ),
    ];
    // Three examples of five numbers: the first and last already well
    // separated (their loss is clipped to 0), the middle one not; a maximum
    // of the summed losses, norms instead of squares, or distances summed
    // over the examples each give another number.
    let mut rng = draws::own(1011);
    let a = rng.randn(3, 5);
    let p = &a + &(rng.randn(3, 5) * array![[0.2], [1.5], [0.2]]);
    let n = &a + &(rng.randn(3, 5) * array![[1.5], [0.3], [1.2]]);
    out.push(case(
        "clipped_per_example",
        "three examples of 5 numbers, alpha 0.5: two are clipped to 0, one is not",
        a,
        p,
        n,
        0.5,
    ));
    // A batch from the course's face database: anchors are camera
    // embeddings, positives their people's stored embeddings, negatives
    // other people's; alpha 0.2, the original's.
    let db = database();
    let people = ["younes", "bertrand", "tian", "felix"];
    let others = ["kian", "arnaud", "dan", "benoit"];
    let anchors: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(k, name)| camera(&db, name, 1021 + k as u32))
        .collect();
    let positives: Vec<_> = people.iter().map(|name| enrolled(&db, name)).collect();
    let negatives: Vec<_> = others.iter().map(|name| enrolled(&db, name)).collect();
    out.push(case(
        "database_batch",
        "four camera embeddings, their people's embeddings and other people's, alpha 0.2",
        rows(&anchors),
        rows(&positives),
        rows(&negatives),
        0.2,
    ));
    // A hard batch: the negatives are the anchors' people too, slightly moved,
    // so every example's loss is positive.
    let hard: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(k, name)| camera(&db, name, 1031 + k as u32))
        .collect();
    out.push(case(
        "hard_negatives",
        "four camera embeddings whose negatives are as close as their positives, alpha 0.3",
        rows(&anchors),
        rows(&positives),
        rows(&hard),
        0.3,
    ));
    out
}

fn embedding_distance_cases() -> Vec<CaseSpec> {
    let f = "embedding_distance";
    let case = |label: &str, note: &str, a: Array1<f64>, b: Array1<f64>| {
        CaseSpec::unit(f, label, note).arg("a", a).arg("b", b)
    };
    // Its own cases are between embeddings as FaceNet makes them, of length 1;
    // the camera's (not normalised) meet it through verify and who_is_it.
    let db = database();
    vec![
        case(
            "two_people",
            "younes's and kian's stored embeddings (16 numbers, each of length 1)",
            enrolled(&db, "younes"),
            enrolled(&db, "kian"),
        ),
        case(
            "two_others",
            "tian's and arnaud's stored embeddings",
            enrolled(&db, "tian"),
            enrolled(&db, "arnaud"),
        ),
        case(
            "edge_d1",
            "one number each, opposite: [1] and [−1] → 2",
            array![1.0],
            array![-1.0],
        ),
        case(
            "literal_d3",
            "[0.6, 0.8, 0] and [0, 0.6, 0.8] → √1.04",
            array![0.6, 0.8, 0.0],
            array![0.0, 0.6, 0.8],
        ),
    ]
}

fn verify_cases() -> Vec<CaseSpec> {
    let f = "verify";
    let db = database();
    let case = |label: &str,
                note: &str,
                image: Array1<f64>,
                identity: &str,
                database: Vec<(String, Array1<f64>)>,
                threshold: f64| {
        CaseSpec::unit(f, label, note)
            .arg("image_embedding", image)
            .arg("identity", identity)
            .arg("database", database)
            .arg("threshold", threshold)
    };
    let camera_0 = camera(&db, "younes", 1041);
    let camera_2 = camera(&db, "dan", 1042);
    // Two people only, 3 numbers each: the camera at distance 0.5 exactly
    // from bob is not strictly below the threshold 0.5.
    let small = vec![
        ("alice".to_string(), array![1.0, 0.0, 0.0]),
        ("bob".to_string(), array![0.0, 1.0, 0.0]),
    ];
    vec![
        case(
            "camera_0_younes",
            "camera_0 (younes's face) claims younes, threshold 0.7: the door opens",
            camera_0.clone(),
            "younes",
            db.clone(),
            0.7,
        ),
        case(
            "camera_2_kian",
            "camera_2 (dan's face) claims kian, threshold 0.7: the door stays shut",
            camera_2.clone(),
            "kian",
            db.clone(),
            0.7,
        ),
        case(
            "camera_2_dan",
            "camera_2 claims dan, its own name, threshold 0.7",
            camera_2,
            "dan",
            db.clone(),
            0.7,
        ),
        case(
            "strict_threshold",
            "camera_0 claims younes with a stricter threshold 0.2: the door stays shut",
            camera_0,
            "younes",
            db.clone(),
            0.2,
        ),
        case(
            "stranger",
            "a stranger claims felix, a loose threshold 1.2",
            stranger(1043),
            "felix",
            db,
            1.2,
        ),
        case(
            "edge_boundary",
            "two people of 3 numbers, a camera at distance 0.5 exactly from bob, threshold 0.5: shut (strictly below opens)",
            array![0.0, 1.0, 0.5],
            "bob",
            small,
            0.5,
        ),
    ]
}

fn who_is_it_cases() -> Vec<CaseSpec> {
    let f = "who_is_it";
    let db = database();
    let case = |label: &str,
                note: &str,
                image: Array1<f64>,
                database: Vec<(String, Array1<f64>)>,
                threshold: f64| {
        CaseSpec::unit(f, label, note)
            .arg("image_embedding", image)
            .arg("database", database)
            .arg("threshold", threshold)
    };
    // kian enrolled twice (as "kian" and "kian_2"): on equal distances the
    // first of the database's order stays.
    let mut twice = db.clone();
    twice.insert(2, ("kian_2".to_string(), enrolled(&db, "kian")));
    let mut reversed = twice.clone();
    reversed.reverse();
    vec![
        case(
            "camera_0",
            "camera_0 (younes's face), threshold 0.7: younes",
            camera(&db, "younes", 1041),
            db.clone(),
            0.7,
        ),
        case(
            "camera_1",
            "camera_1 (bertrand's face), threshold 0.7: bertrand",
            camera(&db, "bertrand", 1051),
            db.clone(),
            0.7,
        ),
        case(
            "stranger",
            "a stranger, threshold 0.7: not in the database, with the smallest distance",
            stranger(1043),
            db.clone(),
            0.7,
        ),
        case(
            "strict_threshold",
            "camera_1 with a stricter threshold 0.2: not in the database",
            camera(&db, "bertrand", 1051),
            db.clone(),
            0.2,
        ),
        case(
            "enrolled_twice",
            "kian enrolled twice, once at index 2 as kian_2: the first of the order, kian_2, is kept",
            camera(&db, "kian", 1052),
            twice,
            0.7,
        ),
        case(
            "enrolled_twice_reversed",
            "the same database in reverse order: now kian comes first",
            camera(&db, "kian", 1052),
            reversed,
            0.7,
        ),
        case(
            "edge_one_person",
            "a database of one person and the camera of that person, threshold 0.9",
            camera(&db, "tian", 1053),
            vec![("tian".to_string(), enrolled(&db, "tian"))],
            0.9,
        ),
    ]
}

// ---------------------------------------------------------------------------
// Style transfer
// ---------------------------------------------------------------------------

/// Activations as the 2021+ test draws them, normal(mean 1, sd 4), of the
/// course's own seeds: (1, n_H, n_W, n_C).
fn wide_normal(rng: &mut NumpyRng, shape: (usize, usize, usize, usize)) -> Array4<f64> {
    rng.randn4(shape) * 4.0 + 1.0
}

/// A hidden layer's activations after its ReLU: non-negative, many zeros.
fn relu_layer(rng: &mut NumpyRng, shape: (usize, usize, usize, usize)) -> Array4<f64> {
    (rng.randn4(shape) * 2.0 + 0.5).mapv(|x| x.max(0.0))
}

/// The style layers of one step: five layers that shrink as a network's do,
/// the style image's activations and the generated image's, weights `coeffs`.
fn style_layers(seed: u32, shapes: &[(usize, usize, usize, usize)], coeffs: &[f64]) -> Vec<StyleLayer> {
    let mut rng = draws::own(seed);
    shapes
        .iter()
        .zip(coeffs)
        .map(|(&shape, &c)| (relu_layer(&mut rng, shape), relu_layer(&mut rng, shape), c))
        .collect()
}

/// Shapes of five style layers (the original's conv1_1 … conv5_1, in small).
const FIVE: [(usize, usize, usize, usize); 5] = [
    (1, 6, 8, 2),
    (1, 5, 7, 3),
    (1, 4, 5, 4),
    (1, 3, 4, 6),
    (1, 2, 3, 8),
];

fn compute_content_cost_cases() -> Vec<CaseSpec> {
    let f = "compute_content_cost";
    let case = |label: &str, note: &str, a_c: Array4<f64>, a_g: Array4<f64>| {
        CaseSpec::unit(f, label, note)
            .arg("a_C", a_c)
            .arg("a_G", a_g)
            .unmodified(&["a_C", "a_G"])
    };
    let mut rng = draws::own(1101);
    let (a_c, a_g) = (
        wide_normal(&mut rng, (1, 4, 4, 3)),
        wide_normal(&mut rng, (1, 4, 4, 3)),
    );
    let mut rng = draws::own(1102);
    let (b_c, b_g) = (
        wide_normal(&mut rng, (1, 3, 5, 4)),
        wide_normal(&mut rng, (1, 3, 5, 4)),
    );
    // The original's start: the generated image is the content image plus
    // noise, so its activations are near the content's.
    let mut rng = draws::own(1103);
    let c = relu_layer(&mut rng, (1, 5, 6, 4));
    let g = (&c + &(rng.randn4((1, 5, 6, 4)) * 0.3)).mapv(|x| x.max(0.0));
    vec![
        case(
            "shape_of_the_test",
            "a_C and a_G of the 2021+ test's shape (1, 4, 4, 3), normal(mean 1, sd 4)",
            a_c.clone(),
            a_g,
        ),
        case("non_square", "(1, 3, 5, 4): n_H ≠ n_W, 4 channels", b_c, b_g),
        case("same_activations", "J(a_C, a_C) = 0", a_c.clone(), a_c),
        case(
            "near_content",
            "after a ReLU, (1, 5, 6, 4): a_G is a_C plus a little noise, as when the generated image starts",
            c,
            g,
        ),
        case(
            "edge_1x1",
            "one position, one channel: (1, 1, 1, 1)",
            array![[[[2.5]]]],
            array![[[[-1.0]]]],
        ),
    ]
}

fn gram_matrix_cases() -> Vec<CaseSpec> {
    let f = "gram_matrix";
    let case = |label: &str, note: &str, a: Array2<f64>| CaseSpec::unit(f, label, note).arg("A", a);
    // A real layer unrolled as the style cost does: (n_C, n_H·n_W).
    let layer = relu_layer(&mut draws::own(1112), (1, 3, 5, 4));
    let unrolled = layer.to_shape((15, 4)).expect("one image").t().to_owned();
    vec![
        case(
            "literal",
            "a literal A (3, 2) = [[1, −2], [0.5, 3], [−1, 4]], as the oracle checks the formula",
            array![[1.0, -2.0], [0.5, 3.0], [-1.0, 4.0]],
        ),
        case(
            "shape_of_the_test",
            "A (3, 2) drawn normal(mean 1, sd 4), the shape of the original's test",
            draws::own(1111).randn(3, 2) * 4.0 + 1.0,
        ),
        case(
            "unrolled_layer",
            "a layer (1, 3, 5, 4) after a ReLU, unrolled into (4, 15)",
            unrolled,
        ),
        case(
            "edge_one_channel",
            "one channel of 5 positions: G is (1, 1), the sum of squares",
            array![[1.0, -2.0, 0.5, 3.0, 0.0]],
        ),
    ]
}

fn compute_layer_style_cost_cases() -> Vec<CaseSpec> {
    let f = "compute_layer_style_cost";
    let case = |label: &str, note: &str, a_s: Array4<f64>, a_g: Array4<f64>| {
        // The known mistake: reshaping straight to (n_C, n_H·n_W), which
        // mixes numbers of different channels in a row.
        let straight = |a: &Array4<f64>| {
            let (_, n_h, n_w, n_c) = a.dim();
            let a = a.to_shape((n_c, n_h * n_w)).expect("one image").to_owned();
            a.dot(&a.t())
        };
        let (_, n_h, n_w, n_c) = a_s.dim();
        let wrong = (straight(&a_s) - straight(&a_g)).mapv(|x| x * x).sum()
            / (4.0 * (n_c * n_c) as f64 * ((n_h * n_w) as f64).powi(2));
        let right = compute_layer_style_cost(&a_s, &a_g);
        let spec = CaseSpec::unit(f, label, note).unmodified(&["a_S", "a_G"]);
        let spec = if (wrong - right).abs() > 1e-9 * right.abs().max(1e-12) {
            spec.mistake(
                "reshape_without_transpose",
                vec![("J_style_layer", wrong.into_value())],
            )
        } else {
            spec
        };
        spec.arg("a_S", a_s).arg("a_G", a_g)
    };
    let mut rng = draws::own(1121);
    let (a_s, a_g) = (
        wide_normal(&mut rng, (1, 4, 4, 3)),
        wide_normal(&mut rng, (1, 4, 4, 3)),
    );
    let mut rng = draws::own(1122);
    let (b_s, b_g) = (
        wide_normal(&mut rng, (1, 3, 5, 4)),
        wide_normal(&mut rng, (1, 3, 5, 4)),
    );
    let mut rng = draws::own(1123);
    let (c_s, c_g) = (
        relu_layer(&mut rng, (1, 2, 3, 8)),
        relu_layer(&mut rng, (1, 2, 3, 8)),
    );
    vec![
        case(
            "shape_of_the_test",
            "a_S and a_G of the 2021+ test's shape (1, 4, 4, 3), normal(mean 1, sd 4)",
            a_s,
            a_g.clone(),
        ),
        case(
            "non_square",
            "(1, 3, 5, 4): n_H ≠ n_W and n_C ≠ n_H·n_W, so a scrambled unrolling shows",
            b_s,
            b_g,
        ),
        case("same_activations", "J(a_G, a_G) = 0", a_g.clone(), a_g),
        case(
            "deep_layer",
            "a deep layer after a ReLU, (1, 2, 3, 8): more channels than positions",
            c_s,
            c_g,
        ),
    ]
}

fn compute_style_cost_cases() -> Vec<CaseSpec> {
    let f = "compute_style_cost";
    let case = |label: &str, note: &str, layers: Vec<StyleLayer>| {
        CaseSpec::unit(f, label, note)
            .arg("style_layers", layers)
            .unmodified(&["style_layers"])
    };
    let one = style_layers(1132, &FIVE[1..2], &[1.0]);
    let same: Vec<StyleLayer> = style_layers(1134, &FIVE[2..4], &[0.5, 0.5])
        .into_iter()
        .map(|(a_s, _, c)| (a_s.clone(), a_s, c))
        .collect();
    vec![
        case(
            "five_layers",
            "five layers that shrink, (1, 6, 8, 2) … (1, 2, 3, 8), each weighed 0.2 as in the original",
            style_layers(1131, &FIVE, &[0.2; 5]),
        ),
        case(
            "one_layer",
            "one layer (1, 5, 7, 3) weighed 1: the layer's own cost",
            one,
        ),
        case(
            "unequal_weights",
            "three layers weighed 0.6, 0.3, 0.1",
            style_layers(1133, &FIVE[0..3], &[0.6, 0.3, 0.1]),
        ),
        case("same_activations", "two layers with a_G = a_S: 0", same),
    ]
}

fn total_cost_cases() -> Vec<CaseSpec> {
    let f = "total_cost";
    let case = |label: &str, note: &str, j_content: f64, j_style: f64, alpha: f64, beta: f64| {
        CaseSpec::unit(f, label, note)
            .arg("J_content", j_content)
            .arg("J_style", j_style)
            .arg("alpha", alpha)
            .arg("beta", beta)
    };
    // The 2019 notebook: np.random.seed(3); J_content = randn(); J_style = randn().
    let mut rng = draws::notebook(3);
    let (j_content, j_style) = (rng.standard_normal(), rng.standard_normal());
    vec![
        case(
            "literal_defaults",
            "the original's (0.2, 0.8) with alpha 10, beta 40 → 34",
            0.2,
            0.8,
            10.0,
            40.0,
        ),
        case(
            "literal_alpha3_beta8",
            "the original's (0.3, 0.5) with alpha 3, beta 8 → 4.9",
            0.3,
            0.5,
            3.0,
            8.0,
        ),
        case(
            "notebook_2019",
            "the 2019 notebook: seed 3, two randn(), alpha 10, beta 40 → 35.34667875478276",
            j_content,
            j_style,
            10.0,
            40.0,
        ),
        case(
            "content_only",
            "beta 0: the content alone, 1.5 × 7",
            1.5,
            0.25,
            7.0,
            0.0,
        ),
    ]
}

fn style_transfer_cost_cases() -> Vec<CaseSpec> {
    let f = "style_transfer_cost";
    let case = |label: &str,
                note: &str,
                (a_c, a_g): (Array4<f64>, Array4<f64>),
                layers: Vec<StyleLayer>,
                alpha: f64,
                beta: f64| {
        CaseSpec::integration(f, label, note)
            .arg("a_C", a_c)
            .arg("a_G", a_g)
            .arg("style_layers", layers)
            .arg("alpha", alpha)
            .arg("beta", beta)
    };
    let content = |seed: u32| {
        let mut rng = draws::own(seed);
        let c = relu_layer(&mut rng, (1, 4, 5, 6));
        let g = (&c + &(rng.randn4((1, 4, 5, 6)) * 0.5)).mapv(|x| x.max(0.0));
        (c, g)
    };
    let (c, _) = content(1143);
    let settled: Vec<StyleLayer> = style_layers(1144, &FIVE[2..5], &[0.4, 0.4, 0.2])
        .into_iter()
        .map(|(a_s, _, w)| (a_s.clone(), a_s, w))
        .collect();
    vec![
        case(
            "five_layers",
            "a content layer (1, 4, 5, 6) and five style layers weighed 0.2, alpha 10, beta 40",
            content(1141),
            style_layers(1142, &FIVE, &[0.2; 5]),
            10.0,
            40.0,
        ),
        case(
            "three_layers",
            "three style layers weighed 0.5, 0.3, 0.2, alpha 3, beta 8",
            content(1145),
            style_layers(1146, &FIVE[1..4], &[0.5, 0.3, 0.2]),
            3.0,
            8.0,
        ),
        case(
            "already_there",
            "a_G = a_C and every a_G = a_S: every cost is 0",
            (c.clone(), c),
            settled,
            10.0,
            40.0,
        ),
    ]
}
