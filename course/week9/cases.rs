//! Week 9 (c4w3) cases: the inputs of every case, built with the reference
//! solution (only the solution build compiles this file: `week9 cases <file>`).
//!
//! The original's figures for yolo_filter_boxes, non-max suppression and
//! yolo_eval come from TensorFlow's random generator and cannot be drawn
//! here; only iou's four cases are the notebook's, literally. Every other
//! input is the course's own: a network head drawn like a real one (centres
//! inside their grid cell, sizes of 10 to 70 % of the image, a sigmoid
//! confidence and softmax class probabilities), so that some boxes pass the
//! threshold, anchors of one cell overlap and suppress each other, and
//! `max_boxes` is reached in some cases and not in others. Grids are small
//! (3 × 3 × 2 anchors, a few classes), plus the original's 19 × 19 × 5 grid
//! with 4 classes instead of 80 (the fixtures stay small). Where a rule has
//! a boundary (a score equal to the threshold, an IoU equal to the
//! threshold, equal scores, equal class probabilities), a hand-made case
//! sits on it.

use dlc::protocol::CaseSpec;
use dlc::{IntoValue, NumpyRng, draws};
use ndarray::{Array1, Array2, Array4, Axis, array};

use crate::yolo::{
    Detections, YoloOutputs, scale_boxes, yolo_boxes_to_corners, yolo_eval, yolo_filter_boxes,
};

/// Every case of the week, inputs only.
pub fn cases() -> Vec<CaseSpec> {
    let mut all = Vec::new();
    all.extend(yolo_boxes_to_corners_cases());
    all.extend(yolo_filter_boxes_cases());
    all.extend(iou_cases());
    all.extend(yolo_non_max_suppression_cases());
    all.extend(scale_boxes_cases());
    all.extend(yolo_eval_cases());
    all
}

/// `np.random.rand(d0, d1, d2, d3)`.
fn rand4(rng: &mut NumpyRng, shape: (usize, usize, usize, usize)) -> Array4<f64> {
    Array4::from_shape_simple_fn(shape, || rng.random_sample())
}

/// A network head of the course's own, drawn (seed `seed`) in this order:
/// offsets rand(rows, cols, anchors, 2), sizes rand(…, 2), confidence logits
/// randn(…, 1), class logits randn(…, classes). Centres lie inside their
/// cell, as fractions of the image: x = (col + offset_x) / cols,
/// y = (row + offset_y) / rows; sizes are 0.1 + 0.6 · rand; the confidence
/// is sigmoid(2 · logit) and the class probabilities softmax(2 · logits).
/// `tools/numpy/week9_yolo.py` draws the same head.
pub fn head(seed: u32, shape: (usize, usize, usize, usize)) -> YoloOutputs {
    head_from(draws::own(seed), shape)
}

/// [`head`] from `NumpyRng::new(seed)`, the same numbers in every fixture
/// set: for the cases whose notes state what the draw leads to (how many
/// boxes, max_boxes reached or not, no box kept), which a hidden set's
/// redrawn head would not keep.
pub fn head_fixed(seed: u32, shape: (usize, usize, usize, usize)) -> YoloOutputs {
    head_from(NumpyRng::new(seed), shape)
}

/// A head drawn from `rng`, as [`head`] describes.
fn head_from(mut rng: NumpyRng, (rows, cols, anchors, classes): (usize, usize, usize, usize)) -> YoloOutputs {
    let offsets = rand4(&mut rng, (rows, cols, anchors, 2));
    let sizes = rand4(&mut rng, (rows, cols, anchors, 2));
    let confidence_logits = rng.randn4((rows, cols, anchors, 1));
    let class_logits = rng.randn4((rows, cols, anchors, classes));
    let box_xy = Array4::from_shape_fn((rows, cols, anchors, 2), |(r, c, a, k)| {
        let (cell, count) = if k == 0 { (c, cols) } else { (r, rows) };
        (cell as f64 + offsets[[r, c, a, k]]) / count as f64
    });
    let box_wh = sizes.mapv(|v| 0.1 + 0.6 * v);
    let box_confidence = confidence_logits.mapv(|v| 1.0 / (1.0 + (-2.0 * v).exp()));
    let mut box_class_probs = class_logits.mapv(|v| (2.0 * v).exp());
    for mut cell in box_class_probs.lanes_mut(Axis(3)) {
        let total = cell.sum();
        cell /= total;
    }
    YoloOutputs {
        box_xy,
        box_wh,
        box_confidence,
        box_class_probs,
    }
}

/// The corners of a head's boxes (the reference's), as yolo_filter_boxes gets them.
fn corners_of(outputs: &YoloOutputs) -> Array4<f64> {
    yolo_boxes_to_corners(&outputs.box_xy, &outputs.box_wh)
}

fn yolo_boxes_to_corners_cases() -> Vec<CaseSpec> {
    let f = "yolo_boxes_to_corners";
    let case = |label: &str, note: &str, box_xy: Array4<f64>, box_wh: Array4<f64>| {
        // The known mistake: the corners in (x1, y1, x2, y2) order.
        let right = yolo_boxes_to_corners(&box_xy, &box_wh);
        let x_first = right.select(Axis(3), &[1, 0, 3, 2]);
        CaseSpec::unit(f, label, note)
            .arg("box_xy", box_xy)
            .arg("box_wh", box_wh)
            .mistake("corners_x_first", vec![("boxes", x_first.into_value())])
    };
    let one = |v: [f64; 2]| Array4::from_shape_vec((1, 1, 1, 2), v.to_vec()).expect("1 × 1 × 1 × 2");
    let small = head(901, (3, 3, 2, 3));
    // The original's kind of draws: normal(mean 1, sd 4), sizes of both signs.
    let mut rng = draws::own(903);
    let wide_xy = rng.randn4((2, 4, 3, 2)) * 4.0 + 1.0;
    let wide_wh = rng.randn4((2, 4, 3, 2)) * 4.0 + 1.0;
    vec![
        case("one_box", "one box: centre (x, y) = (0.5, 0.25), size (w, h) = (0.2, 0.4) → (0.05, 0.4, 0.45, 0.6)", one([0.5, 0.25]), one([0.2, 0.4])),
        case("grid_3x3x2", "a head of 3 × 3 cells, 2 anchors: boxes inside the image", small.box_xy, small.box_wh),
        case("non_square_grid", "a 2 × 4 grid of 3 anchors, values normal(1, 4) as the original draws them (negative sizes too)", wide_xy, wide_wh),
    ]
}

fn yolo_filter_boxes_cases() -> Vec<CaseSpec> {
    let f = "yolo_filter_boxes";
    let case = |label: &str, note: &str, boxes: Array4<f64>, confidence: Array4<f64>, probs: Array4<f64>, threshold: f64| {
        CaseSpec::unit(f, label, note)
            .arg("boxes", boxes)
            .arg("box_confidence", confidence)
            .arg("box_class_probs", probs)
            .arg("threshold", threshold)
    };
    let small = head(911, (3, 3, 2, 3));
    let big = head(912, (7, 7, 5, 4));
    // Hand-made boundaries on a 1 × 2 grid of 2 anchors, 3 classes:
    // 0.5 × 0.8 = 0.4 exactly the threshold (kept); 1.0 × 0.4 with classes 1
    // and 2 equal (kept, class 1: the first); 0.9 × 0.6 = 0.54 (kept, class
    // 2); 0.6 × 0.4 = 0.24 (dropped).
    let boxes = Array4::from_shape_fn((1, 2, 2, 4), |(_, c, a, k)| 0.1 * (c * 8 + a * 4 + k) as f64);
    let confidence = Array4::from_shape_vec((1, 2, 2, 1), vec![0.5, 1.0, 0.9, 0.6]).expect("1 × 2 × 2 × 1");
    let probs = Array4::from_shape_vec(
        (1, 2, 2, 3),
        vec![0.8, 0.1, 0.1, 0.2, 0.4, 0.4, 0.1, 0.3, 0.6, 0.3, 0.3, 0.4],
    )
    .expect("1 × 2 × 2 × 3");
    // The original's kind of draws: normal(mean 1, sd 4) for all three.
    let mut rng = draws::own(913);
    let wide = (rng.randn4((3, 2, 4, 4)) * 4.0 + 1.0, rng.randn4((3, 2, 4, 1)) * 4.0 + 1.0, rng.randn4((3, 2, 4, 6)) * 4.0 + 1.0);
    vec![
        case("grid_3x3x2", "a head of 3 × 3 cells, 2 anchors, 3 classes, threshold 0.35", corners_of(&small), small.box_confidence.clone(), small.box_class_probs.clone(), 0.35),
        case("boundaries", "hand-made: a score equal to the threshold 0.4 (kept), two classes of equal score (the first), one below", boxes, confidence, probs, 0.4),
        case("nothing_kept", "the same 3 × 3 × 2 head, threshold 1.01, above any score: no box is kept (empty outputs)", corners_of(&small), small.box_confidence, small.box_class_probs, 1.01),
        case("normal_draws", "a 3 × 2 grid of 4 anchors, 6 classes, values normal(1, 4) as the original draws them, threshold 5", wide.0, wide.1, wide.2, 5.0),
        case("grid_7x7x5", "a 7 × 7 grid of 5 anchors, 4 classes, threshold 0.5", corners_of(&big), big.box_confidence, big.box_class_probs, 0.5),
    ]
}

fn iou_cases() -> Vec<CaseSpec> {
    let f = "iou";
    let case = |label: &str, note: &str, box1: [f64; 4], box2: [f64; 4]| {
        // IoU is a ratio: 0 must be exactly 0 (no absolute slack).
        CaseSpec::unit(f, label, note)
            .arg("box1", Array1::from(box1.to_vec()))
            .arg("box2", Array1::from(box2.to_vec()))
            .tolerance(1e-7, 0.0)
    };
    vec![
        // The notebook's four cases (x1, y1, x2, y2).
        case("notebook_overlap", "the notebook's (2, 1, 4, 3) and (1, 2, 3, 4): 1/7", [2.0, 1.0, 4.0, 3.0], [1.0, 2.0, 3.0, 4.0]),
        case("notebook_disjoint", "the notebook's (1, 2, 3, 4) and (5, 6, 7, 8): apart, 0", [1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]),
        case("notebook_vertex", "the notebook's (1, 1, 2, 2) and (2, 2, 3, 3): a shared corner only, 0", [1.0, 1.0, 2.0, 2.0], [2.0, 2.0, 3.0, 3.0]),
        case("notebook_edge", "the notebook's (1, 1, 3, 3) and (2, 3, 3, 4): a shared edge only, 0", [1.0, 1.0, 3.0, 3.0], [2.0, 3.0, 3.0, 4.0]),
        case("apart_in_y", "(0, 0, 2, 1) and (1, 3, 3, 4): overlapping columns, rows apart: 0, not negative", [0.0, 0.0, 2.0, 1.0], [1.0, 3.0, 3.0, 4.0]),
        case("apart_in_x", "(0, 0, 1, 2) and (3, 1, 4, 3): overlapping rows, columns apart: 0, not negative", [0.0, 0.0, 1.0, 2.0], [3.0, 1.0, 4.0, 3.0]),
        case("apart_diagonally", "(4, 5, 6, 6) and (0, 0, 2, 3): apart in both directions (two negative lengths): 0", [4.0, 5.0, 6.0, 6.0], [0.0, 0.0, 2.0, 3.0]),
        case("inside", "(0, 0, 4, 3) around (1, 1, 2, 2.5): boxes of different areas, 1.5/12", [0.0, 0.0, 4.0, 3.0], [1.0, 1.0, 2.0, 2.5]),
        case("partial", "(0.1, 0.2, 0.6, 0.9) and (0.4, 0.1, 1.0, 0.5): a partial overlap of boxes of different areas", [0.1, 0.2, 0.6, 0.9], [0.4, 0.1, 1.0, 0.5]),
        case("same_box", "a box with itself: 1", [0.2, 0.3, 0.7, 0.5], [0.2, 0.3, 0.7, 0.5]),
    ]
}

/// The candidates of the non-max suppression cases: `n` rows of (score, box, class).
fn detections(rows: &[(f64, [f64; 4], usize)]) -> Detections {
    let scores = rows.iter().map(|r| r.0).collect();
    let boxes = Array2::from_shape_fn((rows.len(), 4), |(i, k)| rows[i].1[k]);
    let classes = rows.iter().map(|r| r.2).collect();
    (scores, boxes, classes)
}

/// What the boxes of a head look like on their way to non-max suppression:
/// filtered with `threshold`, scaled to `image_shape`.
fn filtered(outputs: &YoloOutputs, threshold: f64, image_shape: (f64, f64)) -> Detections {
    let (scores, boxes, classes) =
        yolo_filter_boxes(&corners_of(outputs), &outputs.box_confidence, &outputs.box_class_probs, threshold);
    (scores, scale_boxes(&boxes, image_shape), classes)
}

fn yolo_non_max_suppression_cases() -> Vec<CaseSpec> {
    let f = "yolo_non_max_suppression";
    let case = |label: &str, note: &str, (scores, boxes, classes): Detections, max_boxes: usize, iou_threshold: f64| {
        CaseSpec::unit(f, label, note)
            .arg("scores", scores)
            .arg("boxes", boxes)
            .arg("classes", classes)
            .arg("max_boxes", max_boxes)
            .arg("iou_threshold", iou_threshold)
    };
    // Two pairs of overlapping boxes among six, scores out of order: box 1
    // (0.9) suppresses box 0 (same class), box 4 (0.65) suppresses box 2
    // (another class: the suppression ignores classes); 3 and 5 overlap nobody much.
    let two_pairs = detections(&[
        (0.7, [0.1, 0.1, 0.5, 0.5], 0),
        (0.9, [0.12, 0.1, 0.52, 0.48], 0),
        (0.6, [0.6, 0.6, 0.9, 0.95], 1),
        (0.8, [0.3, 0.3, 0.7, 0.7], 2),
        (0.65, [0.62, 0.58, 0.92, 0.93], 2),
        (0.3, [0.0, 0.7, 0.2, 1.0], 1),
    ]);
    // A chain: A (0.9) suppresses B (0.8); C (0.7) overlaps B only, so it is
    // kept (a suppressed box suppresses nothing); D (0.6) overlaps A only,
    // so it goes, though the last box kept (C) is far from it.
    let chain = detections(&[
        (0.6, [0.05, 0.0, 0.45, 0.4], 3),
        (0.8, [0.0, 0.15, 0.4, 0.55], 1),
        (0.9, [0.0, 0.0, 0.4, 0.4], 0),
        (0.7, [0.0, 0.35, 0.4, 0.75], 2),
    ]);
    // Boundaries: boxes 0 and 1 have IoU exactly 0.5 = the threshold (1 is
    // kept); boxes 2 and 3 have equal scores and overlap (the first, 2, is kept).
    let boundaries = detections(&[
        (0.9, [0.0, 0.0, 2.0, 1.0], 0),
        (0.8, [0.0, 0.0, 1.0, 1.0], 0),
        (0.7, [3.0, 3.0, 4.0, 4.0], 1),
        (0.7, [3.0, 3.1, 4.0, 4.1], 1),
    ]);
    let one = detections(&[(0.42, [10.0, 20.0, 50.0, 80.0], 5)]);
    // A real pipeline state: a head's boxes filtered and scaled to an image.
    let pipeline = filtered(&head_fixed(922, (4, 4, 3, 3)), 0.3, (480.0, 640.0));
    vec![
        case("two_pairs", "six boxes, two overlapping pairs (one pair of two classes), max_boxes 10 not reached, threshold 0.5", two_pairs.clone(), 10, 0.5),
        case("max_boxes_reached", "the same six boxes, max_boxes 2: the two best survivors only", two_pairs, 2, 0.5),
        case("chain", "A suppresses B; C overlaps B only (kept); D overlaps A only (suppressed); threshold 0.3", chain, 10, 0.3),
        case("boundaries", "an IoU equal to the threshold 0.5 (kept) and two overlapping boxes of equal score (the first kept)", boundaries, 5, 0.5),
        case("one_box", "a single box, max_boxes 3", one, 3, 0.5),
        case("pipeline", "a 4 × 4 × 3 head's 30 boxes after the filter (0.3) and scaling to 480 × 640, max_boxes 40 (more than the boxes), threshold 0.4", pipeline, 40, 0.4),
    ]
}

fn scale_boxes_cases() -> Vec<CaseSpec> {
    let f = "scale_boxes";
    let case = |label: &str, note: &str, boxes: Array2<f64>, image_shape: (f64, f64)| {
        // The known mistake: (width, height, width, height).
        let swapped = scale_boxes(&boxes, (image_shape.1, image_shape.0));
        CaseSpec::unit(f, label, note)
            .arg("boxes", boxes)
            .arg("image_shape", vec![image_shape.0, image_shape.1])
            .mistake("image_shape_swapped", vec![("boxes", swapped.into_value())])
    };
    let (_, boxes, _) = filtered(&head(931, (3, 3, 2, 3)), 0.3, (1.0, 1.0));
    vec![
        case("original_image", "a head's filtered boxes scaled to the original's 720 × 1280 image", boxes.clone(), (720.0, 1280.0)),
        case("portrait", "the same boxes on a 1280 × 720 portrait image", boxes, (1280.0, 720.0)),
        case("one_box", "one box (0.1, 0.2, 0.5, 0.9) on a 480 × 640 image", array![[0.1, 0.2, 0.5, 0.9]], (480.0, 640.0)),
        case("no_boxes", "no box at all: (0, 4) stays (0, 4)", Array2::zeros((0, 4)), (720.0, 1280.0)),
    ]
}

fn yolo_eval_cases() -> Vec<CaseSpec> {
    let f = "yolo_eval";
    let spec = |unit: bool, label: &str, note: &str, outputs: YoloOutputs, image_shape: (f64, f64), max_boxes: usize, score: f64, iou: f64| {
        let case = if unit { CaseSpec::unit(f, label, note) } else { CaseSpec::integration(f, label, note) };
        // The known mistake: the original's default max_boxes (10) instead of the argument.
        let (scores, boxes, classes) = yolo_eval(&outputs, image_shape, 10, score, iou);
        let default_max_boxes = vec![("scores", scores.into_value()), ("boxes", boxes.into_value()), ("classes", classes.into_value())];
        case.mistake("default_max_boxes", default_max_boxes)
            .arg("box_xy", outputs.box_xy)
            .arg("box_wh", outputs.box_wh)
            .arg("box_confidence", outputs.box_confidence)
            .arg("box_class_probs", outputs.box_class_probs)
            .arg("image_shape", vec![image_shape.0, image_shape.1])
            .arg("max_boxes", max_boxes)
            .arg("score_threshold", score)
            .arg("iou_threshold", iou)
    };
    let wide = (720.0, 1280.0);
    // How many boxes pass the filter, how many the suppression removes, and
    // whether max_boxes is reached (tools/numpy/week9_yolo.py prints them):
    // the notes say it, so these heads are the same in every fixture set.
    vec![
        // 11 pass, 1 suppressed, 10 kept.
        spec(true, "grid_3x3x2", "a 3 × 3 × 2 head, 3 classes, 720 × 1280, max_boxes 12 (not reached), score 0.3, IoU 0.4", head_fixed(943, (3, 3, 2, 3)), wide, 12, 0.3, 0.4),
        // 13 pass, 4 suppressed, 4 of the 9 left kept.
        spec(false, "max_boxes_reached", "a 3 × 3 × 2 head, 3 classes, max_boxes 4 (reached), score 0.25, IoU 0.3", head_fixed(948, (3, 3, 2, 3)), wide, 4, 0.25, 0.3),
        spec(true, "nothing_kept", "a 3 × 3 × 2 head, score threshold 0.99: no box survives", head_fixed(941, (3, 3, 2, 3)), wide, 7, 0.99, 0.5),
        // 9 pass, 1 suppressed, 8 kept.
        spec(true, "portrait", "a 2 × 3 × 2 head, 2 classes, a 1280 × 720 portrait image, max_boxes 9 (not reached), score 0.3, IoU 0.3", head_fixed(948, (2, 3, 2, 2)), (1280.0, 720.0), 9, 0.3, 0.3),
        // 474 pass, 300 suppressed, 16 of the 174 left kept; among the 16
        // best scores some boxes overlap, so suppressing among those 16 only
        // would keep fewer.
        spec(false, "original_grid", "the original's 19 × 19 × 5 grid (4 classes), 720 × 1280, max_boxes 16 (reached), score 0.5, IoU 0.45", head_fixed(945, (19, 19, 5, 4)), wide, 16, 0.5, 0.45),
        // 17 pass, 4 suppressed, 13 kept.
        spec(false, "grid_13_strict", "a 13 × 13 × 5 grid (4 classes), max_boxes 30 (not reached), score 0.85, IoU 0.3", head_fixed(946, (13, 13, 5, 4)), wide, 30, 0.85, 0.3),
    ]
}
