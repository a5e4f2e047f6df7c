//! Week 7 (c4w1) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week7 cases <file>`).
//!
//! Case inputs follow the curriculum's rules: the notebook's cases keep the
//! original's draws in the original's order; every convolution and pooling is
//! also checked with stride 2 (or 3) and padding on values, not shapes only
//! (a loop that ignores its stride makes an output of another shape *and*
//! other numbers); shapes are non-square and channels differ in number, so a
//! swapped axis shows; the backward passes get caches made by the real
//! forward passes; and the sizes stay small, so that the learner's four
//! nested loops keep `check week7` quick.

use dlc::protocol::CaseSpec;
use dlc::{IntoValue, draws};
use ndarray::{Array2, Array3, Array4, array, s};

use crate::conv::{
    ConvHparameters, PoolHparameters, PoolMode, conv_forward, conv_single_step, pool_forward, zero_pad,
};

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(zero_pad_cases());
    all.extend(conv_single_step_cases());
    all.extend(conv_forward_cases());
    all.extend(pool_forward_cases());
    all.extend(conv_backward_cases());
    all.extend(create_mask_from_window_cases());
    all.extend(distribute_value_cases());
    all.extend(pool_backward_cases());
    all.extend(conv_pool_round_trip_cases());
    all
}

/// The word of a pooling mode in the protocol.
fn mode_word(mode: PoolMode) -> &'static str {
    match mode {
        PoolMode::Max => "max",
        PoolMode::Average => "average",
    }
}

/// A convolution's inputs: A_prev, W, b.
type ConvInputs = (Array4<f64>, Array4<f64>, Array4<f64>);

/// The 2021+ notebook's conv_forward draws (seed 1): A_prev (2, 5, 7, 4),
/// W (3, 3, 4, 8), b (1, 1, 1, 8); used with pad 1, stride 2.
fn notebook_conv() -> ConvInputs {
    let mut rng = draws::notebook(1);
    (rng.randn4((2, 5, 7, 4)), rng.randn4((3, 3, 4, 8)), rng.randn4((1, 1, 1, 8)))
}

/// The conv_backward test's draws (seed 1): A_prev (10, 4, 4, 3),
/// W (2, 2, 3, 8), b (1, 1, 1, 8); used with pad 2, stride 2.
fn notebook_conv_backward() -> ConvInputs {
    let mut rng = draws::notebook(1);
    (rng.randn4((10, 4, 4, 3)), rng.randn4((2, 2, 3, 8)), rng.randn4((1, 1, 1, 8)))
}

/// Random convolution inputs of the course's own: `m` examples of
/// `n_h × n_w × n_c_prev`, `n_c` filters of `f × f`.
fn own_conv(seed: u32, (m, n_h, n_w, n_c_prev): (usize, usize, usize, usize), f: usize, n_c: usize) -> ConvInputs {
    let mut rng = draws::own(seed);
    (rng.randn4((m, n_h, n_w, n_c_prev)), rng.randn4((f, f, n_c_prev, n_c)), rng.randn4((1, 1, 1, n_c)))
}

fn zero_pad_cases() -> Vec<CaseSpec> {
    let f = "zero_pad";
    let case = |label: &str, note: &str, x: Array4<f64>, pad: usize| {
        // Padding adds zeros: they must be exactly zero (no absolute slack).
        CaseSpec::unit(f, label, note).arg("X", x).arg("pad", pad).tolerance(1e-7, 0.0)
    };
    // The notebook: seed 1, x randn(4, 3, 3, 2); the 2021+ cell pads 3, the public test 2.
    let x = draws::notebook(1).randn4((4, 3, 3, 2));
    vec![
        case("notebook", "the notebook's x (4, 3, 3, 2), pad 3 → (4, 9, 9, 2)", x.clone(), 3),
        case("notebook_pad2", "the public test's pad 2 → (4, 7, 7, 2)", x, 2),
        case("non_square", "x (2, 3, 5, 3), pad 1: rows and columns padded, examples and channels not", draws::own(71).randn4((2, 3, 5, 3)), 1),
        case("edge_pad0", "one example of 2 × 3 × 1, pad 0: the input itself", draws::own(72).randn4((1, 2, 3, 1)), 0),
    ]
}

fn conv_single_step_cases() -> Vec<CaseSpec> {
    let f = "conv_single_step";
    let case = |label: &str, note: &str, a: Array3<f64>, w: Array3<f64>, b: Array3<f64>| {
        // The known mistake: the bias broadcast over the window and summed with
        // it, i.e. added f·f·n_C times instead of once.
        let z = conv_single_step(a.view(), w.view(), b.view());
        let wrong = z + (a.len() as f64 - 1.0) * b[[0, 0, 0]];
        CaseSpec::unit(f, label, note)
            .arg("a_slice_prev", a)
            .arg("W", w)
            .arg("b", b)
            .mistake("bias_added_to_every_element", vec![("Z", wrong.into_value())])
    };
    let mut out = Vec::new();
    // The notebook: seed 1, a_slice_prev, W randn(4, 4, 3), b randn(1, 1, 1);
    // Z = -6.999089450680221.
    let mut rng = draws::notebook(1);
    let (a, w, b) = (rng.randn3((4, 4, 3)), rng.randn3((4, 4, 3)), rng.randn3((1, 1, 1)));
    out.push(case("notebook", "the notebook's window (4, 4, 3): Z = -6.99908945", a, w, b));
    let mut rng = draws::own(81);
    let (a, w, b) = (rng.randn3((1, 1, 5)), rng.randn3((1, 1, 5)), rng.randn3((1, 1, 1)));
    out.push(case("edge_1x1", "a 1 × 1 window of 5 channels", a, w, b));
    let mut rng = draws::own(82);
    let (a, w, b) = (rng.randn3((2, 2, 6)), rng.randn3((2, 2, 6)), rng.randn3((1, 1, 1)) + 3.0);
    out.push(case("channels6", "a 2 × 2 window of 6 channels, a bias near 3", a, w, b));
    // A real window: the top-left corner of the notebook's input padded by 1
    // (a row and a column of zeros in it), under the notebook's filter 5.
    let (a_prev, w, b) = notebook_conv();
    let padded = zero_pad(&a_prev, 1);
    let a = padded.slice(s![1, 0..3, 0..3, ..]).to_owned();
    let (w, b) = (w.slice(s![.., .., .., 5]).to_owned(), b.slice(s![.., .., .., 5]).to_owned());
    out.push(case("padded_corner", "the corner window of a padded input (zeros included), the notebook's filter 5", a, w, b));
    out
}

fn conv_forward_cases() -> Vec<CaseSpec> {
    let f = "conv_forward";
    let case = |label: &str, note: &str, (a_prev, w, b): ConvInputs, stride: usize, pad: usize| {
        CaseSpec::unit(f, label, note)
            .arg("A_prev", a_prev)
            .arg("W", w)
            .arg("b", b)
            .arg("stride", stride)
            .arg("pad", pad)
    };
    // A second layer's input: the notebook's convolution (pad 1, stride 1),
    // rectified and max-pooled (f 2, stride 2) into (2, 2, 3, 8), under 4 filters 3 × 3 × 8.
    let (a_prev, w, b) = notebook_conv();
    let (z, _) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 1, pad: 1 });
    let (pooled, _) = pool_forward(&z.mapv(|v| v.max(0.0)), PoolHparameters { f: 2, stride: 2 }, PoolMode::Max);
    let mut rng = draws::own(94);
    let second = (pooled, rng.randn4((3, 3, 8, 4)) * 0.1, rng.randn4((1, 1, 1, 4)));
    vec![
        // 2021+: Z (2, 3, 4, 8), mean 0.5511276474566768.
        case("notebook", "the notebook's test: (2, 5, 7, 4) with 8 filters 3 × 3, pad 1, stride 2", notebook_conv(), 2, 1),
        // The 2017 notebook (and conv_backward's input): Z's mean 0.0489952035289.
        case("notebook_2017", "10 examples of 4 × 4 × 3, 8 filters 2 × 2, pad 2, stride 2", notebook_conv_backward(), 2, 2),
        case("stride3_pad2", "(2, 7, 5, 3), 2 filters 3 × 3, pad 2, stride 3: windows that skip rows and columns", own_conv(91, (2, 7, 5, 3), 3, 2), 3, 2),
        case("stride1_pad0", "(2, 4, 6, 2), 3 filters 2 × 2, no padding, stride 1", own_conv(92, (2, 4, 6, 2), 2, 3), 1, 0),
        case("edge_1x1", "one example, 1 × 1 filters from 3 channels to 1, pad 1, stride 2", own_conv(93, (1, 3, 4, 3), 1, 1), 2, 1),
        case("second_layer", "a real layer's output (conv, ReLU, max pooling: (2, 2, 3, 8)) into 4 filters 3 × 3 × 8, pad 1, stride 1", second, 1, 1),
    ]
}

fn pool_forward_cases() -> Vec<CaseSpec> {
    let fname = "pool_forward";
    let case = |label: &str, note: &str, a_prev: Array4<f64>, f: usize, stride: usize, mode: PoolMode| {
        CaseSpec::unit(fname, label, note)
            .arg("A_prev", a_prev)
            .arg("f", f)
            .arg("stride", stride)
            .arg("mode", mode_word(mode))
    };
    // The notebook: seed 1, A_prev randn(2, 5, 5, 3), f 3, strides 1 and 2.
    let a = draws::notebook(1).randn4((2, 5, 5, 3));
    // A real layer's output after a ReLU: the notebook's convolution, rectified.
    let (a_prev, w, b) = notebook_conv();
    let (z, _) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 1, pad: 1 });
    let relu = z.mapv(|v| v.max(0.0));
    use PoolMode::{Average, Max};
    vec![
        case("notebook_max", "the notebook's (2, 5, 5, 3), f 3, stride 1, max", a.clone(), 3, 1, Max),
        case("notebook_average", "the notebook's (2, 5, 5, 3), f 3, stride 1, average", a.clone(), 3, 1, Average),
        case("notebook_max_stride2", "the notebook's (2, 5, 5, 3), f 3, stride 2, max", a.clone(), 3, 2, Max),
        case("notebook_average_stride2", "the notebook's (2, 5, 5, 3), f 3, stride 2, average", a, 3, 2, Average),
        case("non_square_f2", "(1, 4, 6, 2), f 2, stride 2, average: windows side by side", draws::own(101).randn4((1, 4, 6, 2)), 2, 2, Average),
        case("edge_f1_stride2", "(2, 3, 5, 1) of magnitudes |randn|, f 1, stride 2, max: every other pixel", draws::own(102).randn4((2, 3, 5, 1)).mapv(f64::abs), 1, 2, Max),
        case("after_relu", "a real convolution's output (2, 5, 7, 8) after a ReLU, f 2, stride 2, max", relu, 2, 2, Max),
    ]
}

fn conv_backward_cases() -> Vec<CaseSpec> {
    let f = "conv_backward";
    let case = |label: &str, note: &str, (a_prev, w, b): ConvInputs, dz: Array4<f64>, stride: usize, pad: usize| {
        CaseSpec::unit(f, label, note)
            .arg("A_prev", a_prev)
            .arg("W", w)
            .arg("b", b)
            .arg("stride", stride)
            .arg("pad", pad)
            .arg("dZ", dz)
    };
    let mut out = Vec::new();
    // The notebook: dZ is conv_forward's own Z (pad 2, stride 2); dA_mean
    // 1.4524377775388075, dW_mean 1.7269914583139097, db_mean 7.839232564616838.
    let inputs = notebook_conv_backward();
    let (z, _) = conv_forward(&inputs.0, &inputs.1, &inputs.2, ConvHparameters { stride: 2, pad: 2 });
    out.push(case("notebook", "the notebook's test: dZ = Z of (10, 4, 4, 3) with pad 2, stride 2", inputs, z, 2, 2));
    // The 2021+ forward test's input, with a gradient drawn after it.
    let inputs = notebook_conv();
    let dz = draws::own(111).randn4((2, 3, 4, 8));
    out.push(case("stride2_pad1", "(2, 5, 7, 4), 8 filters 3 × 3, pad 1, stride 2: overlapping windows", inputs, dz, 2, 1));
    let inputs = own_conv(112, (2, 4, 5, 3), 2, 2);
    let dz = draws::own(113).randn4((2, 3, 4, 2));
    out.push(case("pad0_stride1", "(2, 4, 5, 3), 2 filters 2 × 2, no padding, stride 1", inputs, dz, 1, 0));
    let inputs = own_conv(114, (1, 7, 5, 2), 3, 1);
    let dz = draws::own(115).randn4((1, 3, 2, 1));
    out.push(case("edge_stride3", "one example (1, 7, 5, 2), one filter 3 × 3, pad 1, stride 3: rows never reached", inputs, dz, 3, 1));
    out
}

fn create_mask_from_window_cases() -> Vec<CaseSpec> {
    let f = "create_mask_from_window";
    let case = |label: &str, note: &str, x: Array2<f64>| {
        // A mask is ones and zeros: exact.
        CaseSpec::unit(f, label, note).arg("x", x).tolerance(1e-7, 0.0)
    };
    vec![
        case("notebook", "the notebook's x = randn(2, 3), seed 1", draws::notebook(1).randn(2, 3)),
        case(
            "notebook_literal",
            "the notebook's [[-1, 2, 3], [2, -3, 2], [1, 5, -2]]: the maximum at (2, 1)",
            array![[-1.0, 2.0, 3.0], [2.0, -3.0, 2.0], [1.0, 5.0, -2.0]],
        ),
        case("ties", "a window whose maximum 2 appears twice: both places are marked", array![[2.0, 1.0], [0.5, 2.0]]),
        case("edge_1x1", "a 1 × 1 window", array![[0.25]]),
    ]
}

fn distribute_value_cases() -> Vec<CaseSpec> {
    let f = "distribute_value";
    let case = |label: &str, note: &str, dz: f64, shape: (usize, usize)| {
        CaseSpec::unit(f, label, note).arg("dz", dz).arg("shape", vec![shape.0, shape.1])
    };
    vec![
        case("notebook", "the notebook's dz = 2 over (2, 2): 0.5 each", 2.0, (2, 2)),
        case("notebook_100", "the notebook's dz = 100 over (10, 10): 1 each", 100.0, (10, 10)),
        case("non_square", "dz = -3.5 over (2, 3)", -3.5, (2, 3)),
        case("edge_1x1", "dz = 0.7 over (1, 1): all of it", 0.7, (1, 1)),
    ]
}

fn pool_backward_cases() -> Vec<CaseSpec> {
    let fname = "pool_backward";
    let case = |label: &str, note: &str, a_prev: Array4<f64>, f: usize, stride: usize, da: Array4<f64>, mode: PoolMode| {
        CaseSpec::unit(fname, label, note)
            .arg("A_prev", a_prev)
            .arg("f", f)
            .arg("stride", stride)
            .arg("dA", da)
            .arg("mode", mode_word(mode))
    };
    use PoolMode::{Average, Max};
    let mut out = Vec::new();
    // The notebook: seed 1, A_prev randn(5, 5, 3, 2), f 2, stride 1, then dA randn(5, 4, 2, 2).
    let mut rng = draws::notebook(1);
    let a_prev = rng.randn4((5, 5, 3, 2));
    let da = rng.randn4((5, 4, 2, 2));
    out.push(case("notebook_max", "the notebook's (5, 5, 3, 2), f 2, stride 1, max", a_prev.clone(), 2, 1, da.clone(), Max));
    out.push(case("notebook_average", "the notebook's (5, 5, 3, 2), f 2, stride 1, average", a_prev, 2, 1, da, Average));
    let mut rng = draws::own(121);
    let a_prev = rng.randn4((2, 4, 6, 3));
    let da = rng.randn4((2, 2, 3, 3));
    out.push(case("stride2_max", "(2, 4, 6, 3), f 2, stride 2, max: windows side by side", a_prev.clone(), 2, 2, da.clone(), Max));
    out.push(case("stride2_average", "(2, 4, 6, 3), f 2, stride 2, average", a_prev, 2, 2, da, Average));
    let mut rng = draws::own(122);
    let a_prev = rng.randn4((1, 7, 5, 2));
    let da = rng.randn4((1, 3, 2, 2));
    out.push(case("f3_stride2_average", "one example (1, 7, 5, 2), f 3, stride 2, average: overlapping windows add up", a_prev, 3, 2, da, Average));
    // A real state: the max pooling of the notebook's convolution output, and
    // dA = A (the gradient of ½·ΣA²).
    let (a_prev, w, b) = notebook_conv();
    let (z, _) = conv_forward(&a_prev, &w, &b, ConvHparameters { stride: 2, pad: 1 });
    let hp = PoolHparameters { f: 2, stride: 1 };
    let (a, _) = pool_forward(&z, hp, Max);
    out.push(case("pipeline_max", "after the notebook's convolution: Z (2, 3, 4, 8), f 2, stride 1, dA = A", z, 2, 1, a, Max));
    out
}

fn conv_pool_round_trip_cases() -> Vec<CaseSpec> {
    let f = "conv_pool_round_trip";
    let case = |label: &str, note: &str, (a_prev, w, b): ConvInputs, (stride, pad): (usize, usize), (pool_f, pool_stride): (usize, usize), mode: PoolMode| {
        CaseSpec::integration(f, label, note)
            .arg("A_prev", a_prev)
            .arg("W", w)
            .arg("b", b)
            .arg("stride", stride)
            .arg("pad", pad)
            .arg("pool_f", pool_f)
            .arg("pool_stride", pool_stride)
            .arg("mode", mode_word(mode))
    };
    use PoolMode::{Average, Max};
    // A layer whose outputs are mostly negative (biases near −3): a whole
    // pooling window below zero is common, as on a raw convolution output.
    let (a_prev, w, b) = own_conv(133, (1, 6, 6, 2), 2, 3);
    let negative = (a_prev, w * 0.5, b * 0.5 - 3.0);
    vec![
        case("notebook_max", "the notebook's convolution (pad 1, stride 2), then max pooling f 2, stride 1, and back", notebook_conv(), (2, 1), (2, 1), Max),
        case("average_stride2", "(2, 6, 5, 3), 4 filters 3 × 3, pad 1, stride 1, then average pooling f 2, stride 2, and back", own_conv(131, (2, 6, 5, 3), 3, 4), (1, 1), (2, 2), Average),
        case("stride2_max_f3", "(2, 7, 9, 2), 3 filters 3 × 3, pad 2, stride 2, then max pooling f 3, stride 2, and back", own_conv(132, (2, 7, 9, 2), 3, 3), (2, 2), (3, 2), Max),
        case("negative_max", "one example (1, 6, 6, 2), biases near −3 (outputs mostly negative), pad 0, stride 1, max pooling f 2, stride 2", negative, (1, 0), (2, 2), Max),
    ]
}
