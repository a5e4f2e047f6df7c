//! Week 8 (c4w2) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week8 cases <file>`).
//!
//! The original's identity_block cases keep its inputs: X is three 4 × 4 × 3
//! images of −1, 1 and 3, every kernel 1, every bias 0, a fresh batch
//! normalisation (mean 0, variance 1, γ 1, β 0). Those inputs are symmetric
//! (every channel alike, every bias zero), so the course adds its own: kernels,
//! biases and statistics drawn per channel, non-square images, channel counts
//! that differ from layer to layer, so a swapped axis, an ignored bias or a
//! statistic over the wrong axes shows. conv2d's unit cases cover the stride,
//! the even kernel's 'same' padding (the extra zeros after) and 'valid'; an
//! odd kernel's 'same' padding is met in the blocks, with f = 3. The images
//! stay small (at most 6 × 6, a few channels), so the learner's four nested
//! loops keep `check week8` quick.

use std::collections::BTreeMap;

use dlc::protocol::CaseSpec;
use dlc::{IntoValue, NumpyRng, draws};
use ndarray::{Array1, Array4, ArrayD, Axis, array, concatenate};

use crate::resnet::{BatchNorm, ConvBlockWeights, ConvBn, IdentityWeights, Padding, batch_norm, conv2d, relu};

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(conv2d_cases());
    all.extend(batch_norm_cases());
    all.extend(identity_block_cases());
    all.extend(convolutional_block_cases());
    all.extend(residual_stage_cases());
    all
}

/// The word of a padding in the protocol.
fn padding_word(padding: Padding) -> &'static str {
    match padding {
        Padding::Same => "same",
        Padding::Valid => "valid",
    }
}

/// A layer as the protocol carries it: a map of its arrays.
fn layer_value(layer: &ConvBn) -> BTreeMap<String, ArrayD<f64>> {
    let vector = |v: &Array1<f64>| v.clone().into_dyn();
    BTreeMap::from([
        ("W".to_string(), layer.w.clone().into_dyn()),
        ("b".to_string(), vector(&layer.b)),
        ("gamma".to_string(), vector(&layer.bn.gamma)),
        ("beta".to_string(), vector(&layer.bn.beta)),
        ("moving_mean".to_string(), vector(&layer.bn.moving_mean)),
        ("moving_var".to_string(), vector(&layer.bn.moving_var)),
    ])
}

/// A block's weights as the protocol carries them: a map of its layers.
fn layers_value(layers: &[(&str, &ConvBn)]) -> BTreeMap<String, BTreeMap<String, ArrayD<f64>>> {
    layers.iter().map(|(name, layer)| (name.to_string(), layer_value(layer))).collect()
}

fn identity_value(w: &IdentityWeights) -> BTreeMap<String, BTreeMap<String, ArrayD<f64>>> {
    layers_value(&[("conv1", &w.conv1), ("conv2", &w.conv2), ("conv3", &w.conv3)])
}

fn conv_block_value(w: &ConvBlockWeights) -> BTreeMap<String, BTreeMap<String, ArrayD<f64>>> {
    layers_value(&[("conv1", &w.conv1), ("conv2", &w.conv2), ("conv3", &w.conv3), ("shortcut", &w.shortcut)])
}

/// A fresh Keras batch normalisation of `n_c` channels: γ 1, β 0, moving
/// mean 0, moving variance 1.
fn fresh_bn(n_c: usize) -> BatchNorm {
    BatchNorm {
        gamma: Array1::ones(n_c),
        beta: Array1::zeros(n_c),
        moving_mean: Array1::zeros(n_c),
        moving_var: Array1::ones(n_c),
    }
}

/// The original's layer: every kernel 1 (`constant(1)`), bias 0, a fresh BN.
fn ones_layer(f: usize, n_c_prev: usize, n_c: usize) -> ConvBn {
    ConvBn { w: Array4::ones((f, f, n_c_prev, n_c)), b: Array1::zeros(n_c), bn: fresh_bn(n_c) }
}

/// Batch-norm parameters of the course's own, each channel different:
/// γ near 1, β and the moving mean near 0, the moving variance in [0.5, 1.5).
fn own_bn(rng: &mut NumpyRng, n_c: usize) -> BatchNorm {
    BatchNorm {
        gamma: rng.randn1(n_c) * 0.2 + 1.0,
        beta: rng.randn1(n_c) * 0.2,
        moving_mean: rng.randn1(n_c) * 0.3,
        moving_var: rng.rand(1, n_c).row(0).to_owned() + 0.5,
    }
}

/// A layer of the course's own: He-scaled kernels f × f × n_c_prev × n_c,
/// a bias per filter, its BN's parameters.
fn own_layer(rng: &mut NumpyRng, f: usize, n_c_prev: usize, n_c: usize) -> ConvBn {
    let scale = (2.0 / (f * f * n_c_prev) as f64).sqrt();
    let w = rng.randn4((f, f, n_c_prev, n_c)) * scale;
    let b = rng.randn1(n_c) * 0.3;
    ConvBn { w, b, bn: own_bn(rng, n_c) }
}

/// An identity block's weights of the course's own.
fn own_identity(seed: u32, n_c: usize, f: usize, [f1, f2]: [usize; 2]) -> IdentityWeights {
    let mut rng = draws::own(seed);
    IdentityWeights {
        conv1: own_layer(&mut rng, 1, n_c, f1),
        conv2: own_layer(&mut rng, f, f1, f2),
        conv3: own_layer(&mut rng, 1, f2, n_c),
    }
}

/// A convolutional block's weights of the course's own.
fn own_conv_block(seed: u32, n_c_prev: usize, f: usize, [f1, f2, f3]: [usize; 3]) -> ConvBlockWeights {
    let mut rng = draws::own(seed);
    ConvBlockWeights {
        conv1: own_layer(&mut rng, 1, n_c_prev, f1),
        conv2: own_layer(&mut rng, f, f1, f2),
        conv3: own_layer(&mut rng, 1, f2, f3),
        shortcut: own_layer(&mut rng, 1, n_c_prev, f3),
    }
}

/// The original's input: three (1, 4, 4, 3) images of −1, 1 and 3, stacked.
fn notebook_x() -> Array4<f64> {
    let block = |v: f64| Array4::from_elem((1, 4, 4, 3), v);
    concatenate(Axis(0), &[block(-1.0).view(), block(1.0).view(), block(3.0).view()]).expect("same shapes")
}

fn conv2d_cases() -> Vec<CaseSpec> {
    let fname = "conv2d";
    let case = |label: &str, note: &str, x: Array4<f64>, w: Array4<f64>, b: Array1<f64>, stride: usize, padding: Padding| {
        // The known mistake: the biases never added.
        let unbiased = conv2d(&x, &w, &Array1::zeros(b.len()), stride, padding);
        CaseSpec::unit(fname, label, note)
            .arg("X", x)
            .arg("W", w)
            .arg("b", b)
            .arg("stride", stride)
            .arg("padding", padding_word(padding))
            .unmodified(&["X", "W", "b"])
            .mistake("bias_ignored", vec![("Z", unbiased.into_value())])
    };
    let mut out = Vec::new();
    let mut rng = draws::own(81);
    let (x, w, b) = (rng.randn4((2, 5, 6, 3)), rng.randn4((3, 3, 3, 4)), rng.randn1(4));
    out.push(case("stride2_valid", "(2, 5, 6, 3), 4 filters 3 × 3, stride 2, 'valid': windows that skip rows and columns", x, w, b, 2, Padding::Valid));
    let mut rng = draws::own(82);
    let (x, w, b) = (rng.randn4((2, 4, 5, 2)), rng.randn4((2, 2, 2, 3)), rng.randn1(3));
    out.push(case("same_even_f2", "(2, 4, 5, 2), 3 filters 2 × 2, 'same': one row and one column of zeros, after", x, w, b, 1, Padding::Same));
    let mut rng = draws::own(83);
    let (x, w, b) = (rng.randn4((1, 5, 4, 3)), rng.randn4((4, 4, 3, 2)), rng.randn1(2));
    out.push(case("same_even_f4_m1", "one example (1, 5, 4, 3), 2 filters 4 × 4, 'same': one row of zeros before, two after", x, w, b, 1, Padding::Same));
    let mut rng = draws::own(84);
    let (x, w, b) = (rng.randn4((2, 4, 6, 5)), rng.randn4((1, 1, 5, 3)), rng.randn1(3));
    out.push(case("pointwise_stride2", "(2, 4, 6, 5), 3 filters 1 × 1, stride 2, 'valid': a shortcut's convolution", x, w, b, 2, Padding::Valid));
    // Zero kernels: the output is the biases, channel by channel.
    let x = draws::own(85).randn4((2, 3, 3, 2));
    out.push(case(
        "zero_kernels",
        "zero kernels (1 × 1, 2 → 3) and biases [0.5, −1, 2]: every output pixel is the biases",
        x,
        Array4::zeros((1, 1, 2, 3)),
        array![0.5, -1.0, 2.0],
        1,
        Padding::Valid,
    ));
    out
}

fn batch_norm_cases() -> Vec<CaseSpec> {
    let fname = "batch_norm";
    let case = |label: &str, note: &str, x: Array4<f64>, bn: BatchNorm, training: bool| {
        let mut spec = CaseSpec::unit(fname, label, note)
            .arg("X", x.clone())
            .arg("gamma", bn.gamma.clone())
            .arg("beta", bn.beta.clone())
            .arg("moving_mean", bn.moving_mean.clone())
            .arg("moving_var", bn.moving_var.clone())
            .arg("training", training)
            .unmodified(&["X", "moving_mean", "moving_var"]);
        if training {
            // The known mistake: the moving statistics used while training.
            spec = spec.mistake("moving_statistics_in_training", vec![("out", batch_norm(&x, &bn, false).into_value())]);
        }
        spec
    };
    let mut out = Vec::new();
    let mut rng = draws::own(91);
    let x = rng.randn4((2, 3, 4, 3)) * 2.0 + 1.0;
    out.push(case("inference", "(2, 3, 4, 3), inference with moving statistics, γ and β of each channel", x, own_bn(&mut rng, 3), false));
    let x = draws::own(92).randn4((1, 2, 3, 2));
    out.push(case("inference_fresh", "one example (1, 2, 3, 2), a fresh layer (mean 0, variance 1, γ 1, β 0): x / √1.001", x, fresh_bn(2), false));
    let mut rng = draws::own(93);
    let x = rng.randn4((3, 2, 3, 4)) * 3.0 + 2.0;
    out.push(case("training", "(3, 2, 3, 4), training: each channel's mean and variance over examples, rows and columns", x, own_bn(&mut rng, 4), true));
    let mut rng = draws::own(94);
    let x = rng.randn4((1, 3, 3, 2)) - 1.0;
    out.push(case("training_m1", "one example (1, 3, 3, 2), training: the statistics of one image", x, own_bn(&mut rng, 2), true));
    // A real layer's output: a convolution of the course's own, then its BN
    // while training.
    let mut rng = draws::own(95);
    let x = rng.randn4((2, 4, 4, 3));
    let layer = own_layer(&mut rng, 2, 3, 5);
    let z = conv2d(&x, &layer.w, &layer.b, 1, Padding::Same);
    out.push(case("training_after_conv", "a convolution's output (2, 4, 4, 5), training", z, layer.bn, true));
    out
}

fn identity_block_cases() -> Vec<CaseSpec> {
    let fname = "identity_block";
    let case = |label: &str, note: &str, x: Array4<f64>, f: usize, filters: [usize; 3], weights: &IdentityWeights, training: bool| {
        CaseSpec::unit(fname, label, note)
            .arg("X", x)
            .arg("f", f)
            .arg("filters", filters.to_vec())
            .arg("weights", identity_value(weights))
            .arg("training", training)
            .unmodified(&["X"])
    };
    let ones = |f: usize, [f1, f2, f3]: [usize; 3]| IdentityWeights {
        conv1: ones_layer(1, 3, f1),
        conv2: ones_layer(f, f1, f2),
        conv3: ones_layer(1, f2, f3),
    };
    let mut out = Vec::new();
    // The public test: A[1, 0, :3].mean(axis=-1) = 192.71236, ...
    out.push(case("notebook_f2_inference", "the original's X (−1, 1, 3), all-ones kernels, f 2, filters [4, 4, 3], inference", notebook_x(), 2, [4, 4, 3], &ones(2, [4, 4, 3]), false));
    out.push(case("notebook_f3_training", "the original's X (−1, 1, 3), all-ones kernels, f 3, filters [3, 3, 3], training", notebook_x(), 3, [3, 3, 3], &ones(3, [3, 3, 3]), true));
    out.push(case("notebook_f2_training", "the original's X (−1, 1, 3), all-ones kernels, f 2, filters [3, 3, 3], training", notebook_x(), 2, [3, 3, 3], &ones(2, [3, 3, 3]), true));
    let x = draws::own(101).randn4((2, 4, 5, 3));
    out.push(case("own_f3_inference", "(2, 4, 5, 3), kernels, biases and statistics of the course's own, f 3, filters [2, 4, 3], inference", x, 3, [2, 4, 3], &own_identity(102, 3, 3, [2, 4]), false));
    let x = draws::own(103).randn4((3, 4, 4, 2));
    out.push(case("own_f2_training", "(3, 4, 4, 2), kernels and biases of the course's own, f 2, filters [3, 2, 2], training", x, 2, [3, 2, 2], &own_identity(104, 2, 2, [3, 2]), true));
    out
}

fn convolutional_block_cases() -> Vec<CaseSpec> {
    let fname = "convolutional_block";
    let case = |label: &str, note: &str, x: Array4<f64>, (f, filters, s): (usize, [usize; 3], usize), weights: &ConvBlockWeights, training: bool| {
        CaseSpec::unit(fname, label, note)
            .arg("X", x)
            .arg("f", f)
            .arg("filters", filters.to_vec())
            .arg("s", s)
            .arg("weights", conv_block_value(weights))
            .arg("training", training)
            .unmodified(&["X"])
    };
    let ones = ConvBlockWeights {
        conv1: ones_layer(1, 3, 2),
        conv2: ones_layer(2, 2, 4),
        conv3: ones_layer(1, 4, 6),
        shortcut: ones_layer(1, 3, 6),
    };
    let mut out = Vec::new();
    out.push(case("ones_inference", "the original's X (−1, 1, 3), all-ones kernels, f 2, filters [2, 4, 6], s 2, inference", notebook_x(), (2, [2, 4, 6], 2), &ones, false));
    out.push(case("ones_training", "the original's X (−1, 1, 3), all-ones kernels, f 2, filters [2, 4, 6], s 2, training", notebook_x(), (2, [2, 4, 6], 2), &ones, true));
    let x = draws::own(111).randn4((2, 6, 6, 3));
    out.push(case("own_f3_s2_training", "(2, 6, 6, 3), weights of the course's own, f 3, filters [2, 3, 4], s 2, training", x, (3, [2, 3, 4], 2), &own_conv_block(112, 3, 3, [2, 3, 4]), true));
    let x = draws::own(113).randn4((2, 4, 6, 2));
    out.push(case("own_f2_s2_inference", "(2, 4, 6, 2), weights of the course's own, f 2, filters [3, 2, 5], s 2, inference", x, (2, [3, 2, 5], 2), &own_conv_block(114, 2, 2, [3, 2, 5]), false));
    let x = draws::own(115).randn4((1, 4, 5, 3));
    out.push(case("own_s1_m1", "one example (1, 4, 5, 3), weights of the course's own, f 3, filters [2, 2, 4], s 1, inference", x, (3, [2, 2, 4], 1), &own_conv_block(116, 3, 3, [2, 2, 4]), false));
    out
}

fn residual_stage_cases() -> Vec<CaseSpec> {
    let fname = "residual_stage";
    let case = |label: &str, note: &str, x: Array4<f64>, (f, filters, s): (usize, [usize; 3], usize), seed: u32, training: bool| {
        let block = own_conv_block(seed, x.dim().3, f, filters);
        let identity = own_identity(seed + 1, filters[2], f, [filters[0], filters[1]]);
        CaseSpec::integration(fname, label, note)
            .arg("X", x)
            .arg("f", f)
            .arg("filters", filters.to_vec())
            .arg("s", s)
            .arg("conv_block_weights", conv_block_value(&block))
            .arg("identity_weights", identity_value(&identity))
            .arg("training", training)
    };
    // A stage's input is a previous stage's output: rectified.
    let after_relu = |seed: u32, shape| relu(&draws::own(seed).randn4(shape));
    vec![
        case("f3_training", "(2, 6, 6, 3) after a ReLU, f 3, filters [2, 3, 4], s 2, then the identity block, training", after_relu(121, (2, 6, 6, 3)), (3, [2, 3, 4], 2), 122, true),
        case("f3_inference", "(2, 6, 4, 2) after a ReLU, f 3, filters [3, 2, 3], s 2, then the identity block, inference", after_relu(124, (2, 6, 4, 2)), (3, [3, 2, 3], 2), 125, false),
        case("f2_training", "(3, 4, 4, 3), f 2, filters [2, 2, 4], s 1, then the identity block, training", draws::own(127).randn4((3, 4, 4, 3)), (2, [2, 2, 4], 1), 128, true),
    ]
}
