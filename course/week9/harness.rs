//! Week 9 (c4w3) harness: adapters from the protocol to the learner's
//! functions in `yolo.rs`. The network's four outputs travel as four 4-D
//! arrays (`box_xy`, `box_wh`, `box_confidence`, `box_class_probs`); kept
//! boxes as `scores` (n,), `boxes` (n, 4) and `classes` (a list of n class
//! indices). Arguments are checked before the learner's code sees them, so
//! that a wrong case never makes the learner's code panic for a reason that
//! is not theirs. The cases live in `cases.rs`.

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use ndarray::{Array1, Array2, Array4};

use crate::yolo::{
    Detections, YoloOutputs, iou, scale_boxes, yolo_boxes_to_corners, yolo_eval, yolo_filter_boxes,
    yolo_non_max_suppression,
};

/// The graded functions, in the order of the assignment.
pub const FUNCTIONS: &[Graded] = &[
    Graded { name: "yolo_boxes_to_corners", call: call_yolo_boxes_to_corners },
    Graded { name: "yolo_filter_boxes", call: call_yolo_filter_boxes },
    Graded { name: "iou", call: call_iou },
    Graded { name: "yolo_non_max_suppression", call: call_yolo_non_max_suppression },
    Graded { name: "scale_boxes", call: call_scale_boxes },
    Graded { name: "yolo_eval", call: call_yolo_eval },
];

// ---------------------------------------------------------------------------
// Arguments checked first
// ---------------------------------------------------------------------------

/// A 4-D grid argument whose grid (first three axes) is `grid` (when given)
/// and whose last axis is `last` long (when given).
fn grid_arg(
    args: &Args,
    name: &str,
    grid: Option<(usize, usize, usize)>,
    last: Option<usize>,
) -> Result<Array4<f64>, ValueError> {
    let a: Array4<f64> = args.get(name)?;
    let (r, c, n, k) = a.dim();
    if grid.is_some_and(|g| g != (r, c, n)) || last.is_some_and(|l| l != k) || k == 0 {
        return Err(ValueError(format!(
            "argument `{name}`: shape {:?} does not fit the grid {grid:?} with a last axis of {last:?}",
            a.shape()
        )));
    }
    Ok(a)
}

/// `scores` (n,), `boxes` (n, 4) and `classes` (n indices), of one length.
fn detections_args(args: &Args) -> Result<Detections, ValueError> {
    let scores: Array1<f64> = args.get("scores")?;
    let boxes: Array2<f64> = args.get("boxes")?;
    let classes: Vec<usize> = args.get("classes")?;
    let n = scores.len();
    if boxes.dim() != (n, 4) || classes.len() != n {
        return Err(ValueError(format!(
            "arguments: scores ({n},), boxes (n, 4) and n classes expected, found boxes {:?} and {} classes",
            boxes.shape(),
            classes.len()
        )));
    }
    Ok((scores, boxes, classes))
}

/// `image_shape` = (height, width), both positive.
fn image_shape_arg(args: &Args) -> Result<(f64, f64), ValueError> {
    let (height, width): (f64, f64) = args.get("image_shape")?;
    if !(height > 0.0 && width > 0.0) {
        return Err(ValueError("argument `image_shape`: a positive (height, width) expected".into()));
    }
    Ok((height, width))
}

/// A box argument: 4 corners.
fn box_arg(args: &Args, name: &str) -> Result<Array1<f64>, ValueError> {
    let b: Array1<f64> = args.get(name)?;
    if b.len() != 4 {
        return Err(ValueError(format!("argument `{name}`: 4 corners expected, found {}", b.len())));
    }
    Ok(b)
}

/// The kept boxes as outputs.
fn detections_outputs((scores, boxes, classes): Detections) -> Outputs {
    Outputs::new().with("scores", scores).with("boxes", boxes).with("classes", classes)
}

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

fn call_yolo_boxes_to_corners(args: &mut Args) -> Result<Outputs, ValueError> {
    let box_xy = grid_arg(args, "box_xy", None, Some(2))?;
    let (r, c, n, _) = box_xy.dim();
    let box_wh = grid_arg(args, "box_wh", Some((r, c, n)), Some(2))?;
    let boxes = yolo_boxes_to_corners(&box_xy, &box_wh);
    Ok(Outputs::new().with("boxes", boxes))
}

fn call_yolo_filter_boxes(args: &mut Args) -> Result<Outputs, ValueError> {
    let boxes = grid_arg(args, "boxes", None, Some(4))?;
    let (r, c, n, _) = boxes.dim();
    let box_confidence = grid_arg(args, "box_confidence", Some((r, c, n)), Some(1))?;
    let box_class_probs = grid_arg(args, "box_class_probs", Some((r, c, n)), None)?;
    let kept = yolo_filter_boxes(&boxes, &box_confidence, &box_class_probs, args.get("threshold")?);
    Ok(detections_outputs(kept))
}

fn call_iou(args: &mut Args) -> Result<Outputs, ValueError> {
    let box1 = box_arg(args, "box1")?;
    let box2 = box_arg(args, "box2")?;
    Ok(Outputs::new().with("iou", iou(box1.view(), box2.view())))
}

fn call_yolo_non_max_suppression(args: &mut Args) -> Result<Outputs, ValueError> {
    let (scores, boxes, classes) = detections_args(args)?;
    let kept = yolo_non_max_suppression(
        &scores,
        &boxes,
        &classes,
        args.get("max_boxes")?,
        args.get("iou_threshold")?,
    );
    Ok(detections_outputs(kept))
}

fn call_scale_boxes(args: &mut Args) -> Result<Outputs, ValueError> {
    let boxes: Array2<f64> = args.get("boxes")?;
    if boxes.ncols() != 4 {
        return Err(ValueError(format!("argument `boxes`: (n, 4) expected, found {:?}", boxes.shape())));
    }
    let scaled = scale_boxes(&boxes, image_shape_arg(args)?);
    Ok(Outputs::new().with("boxes", scaled))
}

fn call_yolo_eval(args: &mut Args) -> Result<Outputs, ValueError> {
    let box_xy = grid_arg(args, "box_xy", None, Some(2))?;
    let (r, c, n, _) = box_xy.dim();
    let outputs = YoloOutputs {
        box_wh: grid_arg(args, "box_wh", Some((r, c, n)), Some(2))?,
        box_confidence: grid_arg(args, "box_confidence", Some((r, c, n)), Some(1))?,
        box_class_probs: grid_arg(args, "box_class_probs", Some((r, c, n)), None)?,
        box_xy,
    };
    let kept = yolo_eval(
        &outputs,
        image_shape_arg(args)?,
        args.get("max_boxes")?,
        args.get("score_threshold")?,
        args.get("iou_threshold")?,
    );
    Ok(detections_outputs(kept))
}
