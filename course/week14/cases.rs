//! Week 14 (c5w4) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week14 cases <file>`).
//!
//! The notebook's literal inputs are kept where the original has them
//! (get_angles' (4, 16) and (4, 8), the padding mask's three sequences, the
//! look-ahead mask of 3, the attention's q, k, v with and without the third
//! key masked). TensorFlow's encoder weights cannot be reproduced, so the
//! attention, normalisation, feed-forward and encoder cases draw weights of
//! the course's own. Shapes are non-square (seq_len ≠ d_model, n_q ≠ n_k,
//! dff ≠ d_model) so that a swapped axis shows; masks come in the 2023
//! convention (1 keeps a key, 0 masks it) in every case. Two cases reach
//! past the pieces' unit cases on purpose: positions up to 49 radians in the
//! positional encoding, and attention scores in the thousands in the encoder
//! (a softmax without its maximum subtracted overflows there).

use std::collections::BTreeMap;

use dlc::protocol::CaseSpec;
use dlc::{IntoValue, draws};
use ndarray::{Array1, Array2, ArrayD, Axis, array};

use crate::transformer::{MhaWeights, create_look_ahead_mask, layer_norm, scaled_dot_product_attention};

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(get_angles_cases());
    all.extend(positional_encoding_cases());
    all.extend(create_padding_mask_cases());
    all.extend(create_look_ahead_mask_cases());
    all.extend(scaled_dot_product_attention_cases());
    all.extend(multi_head_attention_cases());
    all.extend(layer_norm_cases());
    all.extend(feed_forward_cases());
    all.extend(encoder_layer_cases());
    all.extend(encoder_cases());
    all
}

/// A mask as the protocol carries it: a list of zero or one matrix.
fn mask_value(mask: Option<Array2<f64>>) -> Vec<Array2<f64>> {
    mask.into_iter().collect()
}

/// Attention weights of the course's own for `d_model` columns: entries of
/// N(0, scale²), biases of N(0, 0.1²).
fn own_mha(seed: u32, d_model: usize, scale: f64) -> MhaWeights {
    let mut rng = draws::own(seed);
    let mut layer = || (rng.randn(d_model, d_model) * scale, rng.randn1(d_model) * 0.1);
    let ((wq, bq), (wk, bk), (wv, bv), (wo, bo)) = (layer(), layer(), layer(), layer());
    MhaWeights {
        wq,
        bq,
        wk,
        bk,
        wv,
        bv,
        wo,
        bo,
    }
}

/// An attention's weights as the protocol's map.
fn mha_map(w: &MhaWeights) -> BTreeMap<String, ArrayD<f64>> {
    let mut map = BTreeMap::new();
    for (key, m) in [("wq", &w.wq), ("wk", &w.wk), ("wv", &w.wv), ("wo", &w.wo)] {
        map.insert(key.to_string(), m.clone().into_dyn());
    }
    for (key, b) in [("bq", &w.bq), ("bk", &w.bk), ("bv", &w.bv), ("bo", &w.bo)] {
        map.insert(key.to_string(), b.clone().into_dyn());
    }
    map
}

/// An encoder layer's weights of the course's own, as the protocol's map:
/// the attention (entries of N(0, attention_scale²)), γ near 1, β near 0,
/// and a feed-forward d_model → dff → d_model.
fn own_encoder(seed: u32, d_model: usize, dff: usize, attention_scale: f64) -> BTreeMap<String, ArrayD<f64>> {
    let mut map = mha_map(&own_mha(seed, d_model, attention_scale));
    let mut rng = draws::own(seed + 1);
    let ffn_scale = 1.0 / (d_model as f64).sqrt();
    map.insert("gamma1".into(), (rng.randn1(d_model) * 0.1 + 1.0).into_dyn());
    map.insert("beta1".into(), (rng.randn1(d_model) * 0.1).into_dyn());
    map.insert("w1".into(), (rng.randn(d_model, dff) * ffn_scale).into_dyn());
    map.insert("b1".into(), (rng.randn1(dff) * 0.1).into_dyn());
    map.insert("w2".into(), (rng.randn(dff, d_model) * ffn_scale).into_dyn());
    map.insert("b2".into(), (rng.randn1(d_model) * 0.1).into_dyn());
    map.insert("gamma2".into(), (rng.randn1(d_model) * 0.1 + 1.0).into_dyn());
    map.insert("beta2".into(), (rng.randn1(d_model) * 0.1).into_dyn());
    map
}

/// A padding mask for one sequence: (1, n), ones then `padded` zeros.
fn padding_row(n: usize, padded: usize) -> Array2<f64> {
    Array2::from_shape_fn((1, n), |(_, j)| if j < n - padded { 1.0 } else { 0.0 })
}

fn get_angles_cases() -> Vec<CaseSpec> {
    let f = "get_angles";
    let case = |label: &str, note: &str, pos: Vec<f64>, k: Vec<usize>, d: usize| {
        // The known mistake: the exponent 2i/d with i = k itself, not ⌊k/2⌋.
        let wrong = Array2::from_shape_fn((pos.len(), k.len()), |(p, j)| {
            pos[p] / 10000f64.powf(k[j] as f64 / d as f64)
        });
        CaseSpec::unit(f, label, note)
            .arg("pos", pos)
            .arg("k", k)
            .arg("d", d)
            .mistake("exponent_without_floor", vec![("angles", wrong.into_value())])
    };
    let range = |n: usize| (0..n).map(|p| p as f64).collect::<Vec<f64>>();
    vec![
        // The test: row 0 sums to 0, column 0 to 6, even columns equal odd ones.
        case(
            "notebook",
            "the notebook's test: positions 0..4, depth 16",
            range(4),
            (0..16).collect(),
            16,
        ),
        // The example: last row [3, 3, 0.3, 0.3, 0.03, 0.03, 0.003, 0.003].
        case(
            "notebook_example",
            "the notebook's example: positions 0..4, depth 8",
            range(4),
            (0..8).collect(),
            8,
        ),
        case(
            "odd_indices",
            "positions [0.5, 7, 30], the indices [1, 2, 5, 6, 11] of depth 32: odd indices share their even neighbour's rate",
            vec![0.5, 7.0, 30.0],
            vec![1, 2, 5, 6, 11],
            32,
        ),
        case(
            "edge_one_position",
            "one position (9) in depth 2",
            vec![9.0],
            vec![0, 1],
            2,
        ),
    ]
}

fn positional_encoding_cases() -> Vec<CaseSpec> {
    let f = "positional_encoding";
    let case = |label: &str, note: &str, positions: usize, d: usize| {
        CaseSpec::unit(f, label, note)
            .arg("positions", positions)
            .arg("d", d)
    };
    vec![
        case(
            "notebook",
            "the notebook's test: 8 positions, depth 16 (sin² + cos² = 1 in each pair)",
            8,
            16,
        ),
        case(
            "long",
            "50 positions in depth 64: angles up to 49 radians",
            50,
            64,
        ),
        case(
            "odd_depth",
            "3 positions in an odd depth 5: the last column is a sine",
            3,
            5,
        ),
        case(
            "edge_one_position",
            "one position in depth 2: [sin 0, cos 0] = [0, 1]",
            1,
            2,
        ),
    ]
}

fn create_padding_mask_cases() -> Vec<CaseSpec> {
    let f = "create_padding_mask";
    // Masks are ones and zeros: exact.
    let case = |label: &str, note: &str, x: Array2<f64>| {
        CaseSpec::unit(f, label, note)
            .arg("x", x)
            .tolerance(1e-7, 0.0)
            .unmodified(&["x"])
    };
    vec![
        case(
            "notebook",
            "the notebook's x = [[7, 6, 0, 0, 1], [1, 2, 3, 0, 0], [0, 0, 0, 4, 5]]",
            array![
                [7.0, 6.0, 0.0, 0.0, 1.0],
                [1.0, 2.0, 3.0, 0.0, 0.0],
                [0.0, 0.0, 0.0, 4.0, 5.0]
            ],
        ),
        case(
            "no_padding",
            "two sequences of 4 tokens without padding (token 1 included)",
            array![[1.0, 9.0, 3.0, 2.0], [4.0, 1.0, 1.0, 8.0]],
        ),
        case(
            "edge_one_sequence",
            "one sequence [0, 0, 3]: padding first",
            array![[0.0, 0.0, 3.0]],
        ),
    ]
}

fn create_look_ahead_mask_cases() -> Vec<CaseSpec> {
    let f = "create_look_ahead_mask";
    let case =
        |label: &str, note: &str, n: usize| CaseSpec::unit(f, label, note).arg("n", n).tolerance(1e-7, 0.0);
    vec![
        case(
            "notebook",
            "the notebook's size 3: [[1, 0, 0], [1, 1, 0], [1, 1, 1]]",
            3,
        ),
        case("size5", "size 5", 5),
        case("edge_size1", "size 1: [[1]]", 1),
    ]
}

fn scaled_dot_product_attention_cases() -> Vec<CaseSpec> {
    let f = "scaled_dot_product_attention";
    let case = |label: &str,
                note: &str,
                q: Array2<f64>,
                k: Array2<f64>,
                v: Array2<f64>,
                mask: Option<Array2<f64>>| {
        // The known mistakes: scores divided by d_k instead of √d_k; the
        // 2021 convention (mask · (−1e9): 1 marks a masked key) on a 2023 mask.
        let d_k = k.ncols() as f64;
        let (by_dk, _) = scaled_dot_product_attention(&(&q / d_k.sqrt()), &k, &v, mask.as_ref());
        let mut spec = CaseSpec::unit(f, label, note)
            .arg("q", q.clone())
            .arg("k", k.clone())
            .arg("v", v.clone())
            .arg("mask", mask_value(mask.clone()))
            .mistake("scaled_by_dk", vec![("output", by_dk.into_value())]);
        if let Some(mask) = &mask {
            let inverted = mask.mapv(|m| 1.0 - m);
            let (old_convention, _) = scaled_dot_product_attention(&q, &k, &v, Some(&inverted));
            spec = spec.mistake(
                "mask_convention_2021",
                vec![("output", old_convention.into_value())],
            );
        }
        spec
    };
    let q = array![[1.0, 0.0, 1.0, 1.0], [0.0, 1.0, 1.0, 1.0], [1.0, 0.0, 0.0, 1.0]];
    let k = array![
        [1.0, 1.0, 0.0, 1.0],
        [1.0, 0.0, 1.0, 1.0],
        [0.0, 1.0, 1.0, 0.0],
        [0.0, 0.0, 0.0, 1.0]
    ];
    let v = array![[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 1.0]];
    let mut rng = draws::own(141);
    let (q4, k4, v4) = (rng.randn(4, 3), rng.randn(4, 3), rng.randn(4, 5));
    let mut rng = draws::own(142);
    let (q2, k5, v5) = (rng.randn(2, 8), rng.randn(5, 8), rng.randn(5, 3));
    let mut rng = draws::own(143);
    let (q1, k1, v1) = (rng.randn(1, 2), rng.randn(1, 2), rng.randn(1, 3));
    vec![
        case(
            "notebook",
            "the notebook's q (3, 4), k (4, 4), v (4, 2), no mask",
            q.clone(),
            k.clone(),
            v.clone(),
            None,
        ),
        case(
            "notebook_masked",
            "the notebook's q, k, v, the third key masked: mask [[1, 1, 0, 1]]",
            q,
            k,
            v,
            Some(array![[1.0, 1.0, 0.0, 1.0]]),
        ),
        case(
            "look_ahead",
            "q, k (4, 3), v (4, 5), the look-ahead mask of 4 (every row its own mask)",
            q4,
            k4,
            v4,
            Some(create_look_ahead_mask(4)),
        ),
        case(
            "non_square",
            "2 queries, 5 keys of depth 8, values of depth 3, no mask",
            q2,
            k5,
            v5,
            None,
        ),
        case(
            "edge_one_key",
            "one query, one key: its weight is 1",
            q1,
            k1,
            v1,
            None,
        ),
    ]
}

fn multi_head_attention_cases() -> Vec<CaseSpec> {
    let f = "multi_head_attention";
    let case = |label: &str,
                note: &str,
                x: Array2<f64>,
                weights: &MhaWeights,
                num_heads: usize,
                mask: Option<Array2<f64>>| {
        CaseSpec::unit(f, label, note)
            .arg("x", x)
            .arg("weights", mha_map(weights))
            .arg("num_heads", num_heads)
            .arg("mask", mask_value(mask))
            .unmodified(&["x"])
    };
    vec![
        case(
            "two_heads",
            "x (4, 8), 2 heads of depth 4, no mask",
            draws::own(151).randn(4, 8),
            &own_mha(152, 8, 0.3),
            2,
            None,
        ),
        case(
            "four_heads_padding",
            "x (5, 8), 4 heads of depth 2, the last two positions padded",
            draws::own(153).randn(5, 8),
            &own_mha(154, 8, 0.3),
            4,
            Some(padding_row(5, 2)),
        ),
        case(
            "one_head_look_ahead",
            "x (3, 6), one head of depth 6, the look-ahead mask",
            draws::own(155).randn(3, 6),
            &own_mha(156, 6, 0.3),
            1,
            Some(create_look_ahead_mask(3)),
        ),
        case(
            "edge_one_position",
            "one position, d_model 6, 3 heads of depth 2",
            draws::own(157).randn(1, 6),
            &own_mha(158, 6, 0.3),
            3,
            None,
        ),
    ]
}

fn layer_norm_cases() -> Vec<CaseSpec> {
    let f = "layer_norm";
    let case = |label: &str, note: &str, x: Array2<f64>, gamma: Array1<f64>, beta: Array1<f64>, eps: f64| {
        // The known mistake: the unbiased variance (divided by d − 1).
        let d = x.ncols() as f64;
        let mean = x.mean_axis(Axis(1)).expect("columns").insert_axis(Axis(1));
        let var = (&x - &mean)
            .mapv(|v| v * v)
            .sum_axis(Axis(1))
            .insert_axis(Axis(1))
            / (d - 1.0);
        let wrong = (&x - &mean) / (var + eps).mapv(f64::sqrt) * &gamma + &beta;
        CaseSpec::unit(f, label, note)
            .arg("x", x)
            .arg("gamma", gamma)
            .arg("beta", beta)
            .arg("eps", eps)
            .unmodified(&["x"])
            .mistake("unbiased_variance", vec![("output", wrong.into_value())])
    };
    let mut rng = draws::own(161);
    let (x, g, b) = (
        rng.randn(3, 5) * 2.0 + 1.0,
        rng.randn1(5) * 0.1 + 1.0,
        rng.randn1(5) * 0.1,
    );
    let mut rng = draws::own(162);
    let (x2, g2, b2) = (rng.randn(4, 4), rng.randn1(4) + 1.0, rng.randn1(4));
    let mut rng = draws::own(163);
    let (x3, g3, b3) = (
        rng.randn(2, 6) * 0.05,
        rng.randn1(6) * 0.1 + 1.0,
        rng.randn1(6) * 0.1,
    );
    vec![
        case(
            "rows",
            "x (3, 5), γ near 1, β near 0, ε 1e-6: each row normalised on its own",
            x,
            g,
            b,
            1e-6,
        ),
        case("square", "a square x (4, 4): rows, not columns", x2, g2, b2, 1e-6),
        case(
            "small_variance_eps",
            "x (2, 6) of small spread with ε 1e-3: ε inside the square root matters",
            x3,
            g3,
            b3,
            1e-3,
        ),
        case(
            "edge_constant_row",
            "a constant row (variance 0) and a row [1, 2, 3]: the constant row becomes β",
            array![[2.0, 2.0, 2.0], [1.0, 2.0, 3.0]],
            array![1.5, 0.5, 2.0],
            array![0.1, -0.2, 0.3],
            1e-6,
        ),
    ]
}

fn feed_forward_cases() -> Vec<CaseSpec> {
    let f = "feed_forward";
    let case =
        |label: &str, note: &str, seed: u32, (n, d_model, dff): (usize, usize, usize), bias_shift: f64| {
            let mut rng = draws::own(seed);
            let x = rng.randn(n, d_model);
            let (w1, b1) = (rng.randn(d_model, dff) * 0.5, rng.randn1(dff) * 0.5 + bias_shift);
            let (w2, b2) = (rng.randn(dff, d_model) * 0.5, rng.randn1(d_model) * 0.5);
            CaseSpec::unit(f, label, note)
                .arg("x", x)
                .arg("w1", w1)
                .arg("b1", b1)
                .arg("w2", w2)
                .arg("b2", b2)
                .unmodified(&["x"])
        };
    vec![
        case("positions", "x (3, 4), dff 6", 171, (3, 4, 6), 0.0),
        case(
            "negative_hidden",
            "x (4, 3), dff 5, first biases near −1: most hidden units cut by the ReLU, outputs negative too",
            172,
            (4, 3, 5),
            -1.0,
        ),
        case(
            "edge_one_position",
            "one position, d_model 2, dff 3",
            173,
            (1, 2, 3),
            0.0,
        ),
    ]
}

fn encoder_layer_cases() -> Vec<CaseSpec> {
    let f = "encoder_layer";
    let case = |label: &str,
                note: &str,
                x: Array2<f64>,
                weights: BTreeMap<String, ArrayD<f64>>,
                num_heads: usize,
                mask: Option<Array2<f64>>| {
        CaseSpec::unit(f, label, note)
            .arg("x", x)
            .arg("weights", weights)
            .arg("num_heads", num_heads)
            .arg("mask", mask_value(mask))
            .unmodified(&["x"])
    };
    vec![
        case(
            "two_heads_padding",
            "x (4, 8), 2 heads, dff 16, the last position padded",
            draws::own(181).randn(4, 8),
            own_encoder(182, 8, 16, 0.3),
            2,
            Some(padding_row(4, 1)),
        ),
        case(
            "four_heads",
            "x (5, 8), 4 heads, dff 6, no mask",
            draws::own(184).randn(5, 8),
            own_encoder(185, 8, 6, 0.3),
            4,
            None,
        ),
        case(
            "one_head",
            "x (3, 4), one head, dff 8, the notebook's mask shape (1, 3) keeping keys 1 and 3",
            draws::own(187).randn(3, 4),
            own_encoder(188, 4, 8, 0.5),
            1,
            Some(array![[1.0, 0.0, 1.0]]),
        ),
        // Scores q·kᵀ/√depth in the thousands: exp overflows unless each row's
        // maximum is subtracted first.
        case(
            "sharp_attention",
            "x (4, 8) of magnitude ~20, 2 heads: attention scores in the thousands",
            draws::own(190).randn(4, 8) * 20.0,
            own_encoder(191, 8, 8, 0.5),
            2,
            None,
        ),
    ]
}

fn encoder_cases() -> Vec<CaseSpec> {
    let f = "encoder";
    let case = |label: &str,
                note: &str,
                tokens: Vec<usize>,
                (vocab, d_model, dff): (usize, usize, usize),
                num_heads: usize,
                seed: u32| {
        let embedding = draws::own(seed).randn(vocab, d_model);
        CaseSpec::integration(f, label, note)
            .arg("tokens", tokens)
            .arg("embedding", embedding)
            .arg("weights", own_encoder(seed + 1, d_model, dff, 0.3))
            .arg("num_heads", num_heads)
    };
    let long: Vec<usize> = (0..40).map(|t| 1 + (t * 7) % 11).chain([0, 0]).collect();
    vec![
        case(
            "padded",
            "tokens [5, 2, 7, 0, 0], vocabulary 8, d_model 8, 2 heads, dff 12",
            vec![5, 2, 7, 0, 0],
            (8, 8, 12),
            2,
            201,
        ),
        case(
            "four_heads",
            "tokens [3, 1, 4, 1, 5, 9, 2, 6], vocabulary 10, d_model 16, 4 heads, dff 8",
            vec![3, 1, 4, 1, 5, 9, 2, 6],
            (10, 16, 8),
            4,
            203,
        ),
        case(
            "long",
            "42 tokens (two of padding), vocabulary 12, d_model 8, 2 heads, dff 8: positions up to 41",
            long,
            (12, 8, 8),
            2,
            205,
        ),
    ]
}
