//! Week 9 (course 4, week 3): car detection with YOLO, the post-processing.
//!
//! A YOLO network looks at an image once and, for every cell of a grid and
//! every anchor box of the cell, predicts a box (its centre and size), how
//! sure it is that the box holds an object, and the probabilities of the
//! classes. You turn that raw output into a few boxes: corners from centres,
//! a score threshold, the boxes scaled back to the image, then non-max
//! suppression, which keeps one box per object.
//!
//! YOLO の出力(格子の各セル・各アンカーの箱と確率)を、しきい値、画像への拡大、
//! 非最大値抑制(NMS)で、物体ごとに 1 つの箱に絞り込みます。
//!
//! Shapes follow the original: the network's outputs are 4-D arrays
//! (grid rows, grid columns, anchors, ·), 19 × 19 × 5 in the original and
//! smaller in most cases here. The last axis holds `box_xy` = (x, y), the
//! centre; `box_wh` = (w, h), the size; `box_confidence` = (p_c); and
//! `box_class_probs` = (c_1, …, c_C). A box's corners are stored as the
//! original stores them, (y1, x1, y2, x2): rows first, as an image is indexed.
#![allow(unused, unreachable_code)]

use ndarray::{Array1, Array2, Array4, ArrayView1, Axis, array, s};

/// The four outputs of a YOLO network's head, each (grid rows, grid columns,
/// anchors, ·).
#[derive(Clone, Debug, PartialEq)]
pub struct YoloOutputs {
    /// Box centres (x, y), last axis of 2.
    pub box_xy: Array4<f64>,
    /// Box sizes (w, h), last axis of 2.
    pub box_wh: Array4<f64>,
    /// The probability p_c that the box holds an object, last axis of 1.
    pub box_confidence: Array4<f64>,
    /// The probabilities of the classes, last axis of C.
    pub box_class_probs: Array4<f64>,
}

/// The boxes that are kept: their scores (n,), their corners (n, 4) and their
/// classes (n indices into the class list).
pub type Detections = (Array1<f64>, Array2<f64>, Vec<usize>);

/// A box's centre and size → its corners: from `box_xy` (x, y) and `box_wh`
/// (w, h), both (grid rows, grid columns, anchors, 2), the corners
/// (y − h/2, x − w/2, y + h/2, x + w/2), (grid rows, grid columns, anchors, 4).
/// 中心 (x, y) と大きさ (w, h) から、角 (y1, x1, y2, x2) を求めます。
pub fn yolo_boxes_to_corners(box_xy: &Array4<f64>, box_wh: &Array4<f64>) -> Array4<f64> {
    let (rows, cols, anchors, _) = box_xy.dim();
    // START CODE HERE (≈ 9 lines)
    // STUB: let boxes: Array4<f64> = todo!();
    let x = box_xy.slice(s![.., .., .., 0]);
    let y = box_xy.slice(s![.., .., .., 1]);
    let half_w = &box_wh.slice(s![.., .., .., 0]) / 2.0;
    let half_h = &box_wh.slice(s![.., .., .., 1]) / 2.0;
    let mut boxes = Array4::zeros((rows, cols, anchors, 4));
    boxes.slice_mut(s![.., .., .., 0]).assign(&(&y - &half_h));
    boxes.slice_mut(s![.., .., .., 1]).assign(&(&x - &half_w));
    boxes.slice_mut(s![.., .., .., 2]).assign(&(&y + &half_h));
    boxes.slice_mut(s![.., .., .., 3]).assign(&(&x + &half_w));
    // END CODE HERE
    boxes
}

/// Keeps the boxes that are sure enough of a class. A box's score for class
/// c is box_confidence × box_class_probs[c]; its class is the one of the
/// highest score (the first one on a tie, as an argmax), and the box is kept
/// when that score is at least `threshold`. Returns the kept boxes' scores,
/// corners and classes, in the grid's row-major order (row, column, anchor).
/// 各箱のスコア(信頼度 × クラス確率)の最大値が threshold 以上の箱だけを残します。
pub fn yolo_filter_boxes(
    boxes: &Array4<f64>,
    box_confidence: &Array4<f64>,
    box_class_probs: &Array4<f64>,
    threshold: f64,
) -> Detections {
    let (rows, cols, anchors, _) = box_class_probs.dim();

    // The scores of every box for every class, (rows, cols, anchors, C).
    // START CODE HERE (≈ 1 line)
    // STUB: let box_scores: Array4<f64> = todo!();
    let box_scores = box_confidence * box_class_probs;
    // END CODE HERE

    let mut scores = Vec::new();
    let mut corners = Vec::new();
    let mut classes = Vec::new();
    for row in 0..rows {
        for col in 0..cols {
            for anchor in 0..anchors {
                let cell = box_scores.slice(s![row, col, anchor, ..]);
                // The box's class (the first best on a tie) and its score.
                // START CODE HERE (≈ 7 lines)
                // STUB: let (box_class, box_class_score): (usize, f64) = todo!();
                let mut box_class = 0;
                for c in 1..cell.len() {
                    if cell[c] > cell[box_class] {
                        box_class = c;
                    }
                }
                let box_class_score = cell[box_class];
                // END CODE HERE

                // Keep the box if its score reaches the threshold: push its
                // score, its 4 corners (from `boxes`) and its class.
                // START CODE HERE (≈ 5 lines)
                // STUB: todo!();
                if box_class_score >= threshold {
                    scores.push(box_class_score);
                    corners.extend(boxes.slice(s![row, col, anchor, ..]).iter());
                    classes.push(box_class);
                }
                // END CODE HERE
            }
        }
    }

    let n = scores.len();
    let corners = Array2::from_shape_vec((n, 4), corners).expect("every kept box adds its 4 corners to `corners`");
    (Array1::from(scores), corners, classes)
}

/// Intersection over union of two boxes given by their corners
/// (x1, y1, x2, y2), upper left then lower right: the area they share over
/// the area they cover together. Boxes that do not overlap (or touch at an
/// edge or a corner only) share an area of 0. The formula treats both axes
/// alike, so boxes stored (y1, x1, y2, x2) give the same IoU.
/// 2 つの箱の IoU(共通部分の面積 ÷ 合併の面積)です。重ならない箱の共通部分は 0 です。
pub fn iou(box1: ArrayView1<f64>, box2: ArrayView1<f64>) -> f64 {
    let (box1_x1, box1_y1, box1_x2, box1_y2) = (box1[0], box1[1], box1[2], box1[3]);
    let (box2_x1, box2_y1, box2_x2, box2_y2) = (box2[0], box2[1], box2[2], box2[3]);

    // The intersection: its corners, then its area (0 when the boxes do not overlap).
    // START CODE HERE (≈ 7 lines)
    // STUB: let inter_area: f64 = todo!();
    let xi1 = box1_x1.max(box2_x1);
    let yi1 = box1_y1.max(box2_y1);
    let xi2 = box1_x2.min(box2_x2);
    let yi2 = box1_y2.min(box2_y2);
    let inter_width = (xi2 - xi1).max(0.0);
    let inter_height = (yi2 - yi1).max(0.0);
    let inter_area = inter_width * inter_height;
    // END CODE HERE

    // The union: Union(A, B) = A + B − Inter(A, B).
    // START CODE HERE (≈ 3 lines)
    // STUB: let union_area: f64 = todo!();
    let box1_area = (box1_x2 - box1_x1) * (box1_y2 - box1_y1);
    let box2_area = (box2_x2 - box2_x1) * (box2_y2 - box2_y1);
    let union_area = box1_area + box2_area - inter_area;
    // END CODE HERE

    // START CODE HERE (≈ 1 line)
    // STUB: let iou: f64 = todo!();
    let iou = inter_area / union_area;
    // END CODE HERE
    iou
}

/// Greedy non-max suppression, over all classes together (as the original's
/// `tf.image.non_max_suppression`): take the boxes by score, highest first
/// (equal scores in their input order); keep a box unless its IoU with a
/// box already kept is above `iou_threshold` (equal to it is kept); stop
/// when `max_boxes` are kept. Returns the kept boxes' scores, corners and
/// classes, in the order they were kept.
/// 貪欲な非最大値抑制です(クラスを区別しません)。スコアの高い順に、すでに残した箱との
/// IoU が iou_threshold を超えない箱を残し、max_boxes 個で止めます。
pub fn yolo_non_max_suppression(
    scores: &Array1<f64>,
    boxes: &Array2<f64>,
    classes: &[usize],
    max_boxes: usize,
    iou_threshold: f64,
) -> Detections {
    // The boxes' indices by score, highest first; a stable sort keeps equal
    // scores in their input order.
    // START CODE HERE (≈ 2 lines)
    // STUB: let order: Vec<usize> = todo!();
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    // END CODE HERE

    let mut selected: Vec<usize> = Vec::new();
    for &candidate in &order {
        // Stop at max_boxes; keep the candidate unless it overlaps a kept box
        // by more than iou_threshold (use your iou).
        // START CODE HERE (≈ 8 lines)
        // STUB: todo!();
        if selected.len() == max_boxes {
            break;
        }
        let suppressed = selected
            .iter()
            .any(|&kept| iou(boxes.row(kept), boxes.row(candidate)) > iou_threshold);
        if !suppressed {
            selected.push(candidate);
        }
        // END CODE HERE
    }

    let kept_scores: Array1<f64> = selected.iter().map(|&k| scores[k]).collect();
    let kept_boxes = boxes.select(Axis(0), &selected);
    let kept_classes = selected.iter().map(|&k| classes[k]).collect();
    (kept_scores, kept_boxes, kept_classes)
}

/// Scales boxes from the network's coordinates (fractions of the image,
/// 0 to 1) to the image's pixels: corners (y1, x1, y2, x2) times
/// (height, width, height, width), with `image_shape` = (height, width).
/// 箱の角 (y1, x1, y2, x2) に (高さ, 幅, 高さ, 幅) を掛けて、画像の画素の座標にします。
pub fn scale_boxes(boxes: &Array2<f64>, image_shape: (f64, f64)) -> Array2<f64> {
    let (height, width) = image_shape;
    // START CODE HERE (≈ 2 lines)
    // STUB: let scaled: Array2<f64> = todo!();
    let image_dims = array![[height, width, height, width]];
    let scaled = boxes * &image_dims;
    // END CODE HERE
    scaled
}

/// The whole post-processing, in the original's order: corners from the
/// centres and sizes, the score filter, the boxes scaled to the image of
/// `image_shape` (height, width), then non-max suppression. Returns the
/// kept boxes' scores, corners (y1, x1, y2, x2) in pixels and classes.
/// 角の計算、スコアによる選別、画像への拡大、非最大値抑制を、この順に行います。
pub fn yolo_eval(
    outputs: &YoloOutputs,
    image_shape: (f64, f64),
    max_boxes: usize,
    score_threshold: f64,
    iou_threshold: f64,
) -> Detections {
    let YoloOutputs {
        box_xy,
        box_wh,
        box_confidence,
        box_class_probs,
    } = outputs;
    // START CODE HERE (≈ 4 lines)
    // STUB: let (scores, boxes, classes): Detections = todo!();
    let boxes = yolo_boxes_to_corners(box_xy, box_wh);
    let (scores, boxes, classes) = yolo_filter_boxes(&boxes, box_confidence, box_class_probs, score_threshold);
    let boxes = scale_boxes(&boxes, image_shape);
    let (scores, boxes, classes) = yolo_non_max_suppression(&scores, &boxes, &classes, max_boxes, iou_threshold);
    // END CODE HERE
    (scores, boxes, classes)
}
