"""Reference figures for week9 (c4w3, car detection with YOLO), in NumPy.

Run from anywhere (NumPy installed):

    python3 tools/numpy/week9_yolo.py

The original does these steps with TensorFlow, whose random draws NumPy cannot
make, so its yolo_filter_boxes / non-max suppression / yolo_eval figures are
not reproducible (NR in the curriculum's originals). This script is an
independent implementation of the same steps in NumPy, written from the
notebook's code (yolo_boxes_to_corners and scale_boxes from yad2k, the graded
yolo_filter_boxes, iou and yolo_eval) and from the documented behaviour of
tf.image.non_max_suppression (greedy, highest score first, equal scores in
index order, a box suppressed when its IoU with a selected box is above the
threshold, at most max_output_size boxes, classes ignored). It draws the
course's own network heads exactly as course/week9/cases.rs does
(np.random.seed, then rand, rand, randn, randn) and prints:

- iou's four notebook cases (V: exact);
- for every yolo_eval case of the course: how many boxes pass the filter, how
  many non-max suppression removes and whether max_boxes is reached, which is
  how the cases were chosen (some boxes kept, some suppressed, max_boxes
  reached in one case and not in another);
- and writes tests/data/week9_numpy.json: iou's four cases and, for three
  of the yolo_eval cases, the arguments and the scores, boxes and classes
  that tests/fidelity_week9.rs checks the Rust reference solution against
  (floats written by repr(), so they parse back bit for bit).
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "week9_numpy.json")


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def head(seed, rows, cols, anchors, classes):
    """cases.rs's `head`: a network head of the course's own."""
    np.random.seed(seed)
    offsets = np.random.rand(rows, cols, anchors, 2)
    sizes = np.random.rand(rows, cols, anchors, 2)
    confidence_logits = np.random.randn(rows, cols, anchors, 1)
    class_logits = np.random.randn(rows, cols, anchors, classes)
    col = np.arange(cols).reshape(1, cols, 1)
    row = np.arange(rows).reshape(rows, 1, 1)
    box_xy = np.stack([(col + offsets[..., 0]) / cols, (row + offsets[..., 1]) / rows], axis=-1)
    box_wh = 0.1 + 0.6 * sizes
    box_confidence = sigmoid(2 * confidence_logits)
    e = np.exp(2 * class_logits)
    box_class_probs = e / e.sum(axis=-1, keepdims=True)
    return box_xy, box_wh, box_confidence, box_class_probs


def yolo_boxes_to_corners(box_xy, box_wh):
    box_mins = box_xy - (box_wh / 2.0)
    box_maxes = box_xy + (box_wh / 2.0)
    return np.concatenate(
        [box_mins[..., 1:2], box_mins[..., 0:1], box_maxes[..., 1:2], box_maxes[..., 0:1]], axis=-1
    )


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold):
    box_scores = box_confidence * box_class_probs
    box_classes = np.argmax(box_scores, axis=-1)
    box_class_scores = np.max(box_scores, axis=-1)
    mask = box_class_scores >= threshold
    return box_class_scores[mask], boxes[mask], box_classes[mask]


def iou(box1, box2):
    (box1_x1, box1_y1, box1_x2, box1_y2) = box1
    (box2_x1, box2_y1, box2_x2, box2_y2) = box2
    xi1 = max(box1_x1, box2_x1)
    yi1 = max(box1_y1, box2_y1)
    xi2 = min(box1_x2, box2_x2)
    yi2 = min(box1_y2, box2_y2)
    inter_area = max(xi2 - xi1, 0) * max(yi2 - yi1, 0)
    box1_area = (box1_x2 - box1_x1) * (box1_y2 - box1_y1)
    box2_area = (box2_x2 - box2_x1) * (box2_y2 - box2_y1)
    union_area = box1_area + box2_area - inter_area
    return inter_area / union_area


def non_max_suppression(boxes, scores, max_output_size, iou_threshold):
    """tf.image.non_max_suppression's selection, as documented."""
    order = np.argsort(-scores, kind="stable")
    selected = []
    for i in order:
        if len(selected) == max_output_size:
            break
        if all(iou(boxes[k], boxes[i]) <= iou_threshold for k in selected):
            selected.append(i)
    return np.array(selected, dtype=int)


def scale_boxes(boxes, image_shape):
    height, width = float(image_shape[0]), float(image_shape[1])
    image_dims = np.array([height, width, height, width]).reshape(1, 4)
    return boxes * image_dims


def yolo_eval(outputs, image_shape, max_boxes, score_threshold, iou_threshold, stats=None):
    box_xy, box_wh, box_confidence, box_class_probs = outputs
    boxes = yolo_boxes_to_corners(box_xy, box_wh)
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, score_threshold)
    boxes = scale_boxes(boxes, image_shape)
    keep = non_max_suppression(boxes, scores, max_boxes, iou_threshold)
    if stats is not None:
        stats["filtered"] = len(scores)
        # What suppression alone removes: run it again without the max_boxes limit.
        stats["survivors"] = len(non_max_suppression(boxes, scores, len(scores), iou_threshold))
    return scores[keep], boxes[keep], classes[keep]


# cases.rs's yolo_eval cases: label, seed, grid, image shape, max_boxes, score, IoU.
EVAL_CASES = [
    ("grid_3x3x2", 943, (3, 3, 2, 3), (720, 1280), 12, 0.3, 0.4),
    ("max_boxes_reached", 948, (3, 3, 2, 3), (720, 1280), 4, 0.25, 0.3),
    ("nothing_kept", 941, (3, 3, 2, 3), (720, 1280), 7, 0.99, 0.5),
    ("portrait", 948, (2, 3, 2, 2), (1280, 720), 9, 0.3, 0.3),
    ("original_grid", 945, (19, 19, 5, 4), (720, 1280), 16, 0.5, 0.45),
    ("grid_13_strict", 946, (13, 13, 5, 4), (720, 1280), 30, 0.85, 0.3),
]

# The cases whose outputs tests/fidelity_week9.rs checks.
FIDELITY = ["grid_3x3x2", "max_boxes_reached", "grid_13_strict"]


IOU_CASES = [
    ((2, 1, 4, 3), (1, 2, 3, 4)),
    ((1, 2, 3, 4), (5, 6, 7, 8)),
    ((1, 1, 2, 2), (2, 2, 3, 3)),
    ((1, 1, 3, 3), (2, 3, 3, 4)),
]


def main():
    out = {"iou": [], "yolo_eval": []}
    print("iou, the notebook's four cases:")
    for b1, b2 in IOU_CASES:
        value = iou(b1, b2)
        print(f"  {b1} / {b2} -> {value!r}")
        out["iou"].append({"box1": list(map(float, b1)), "box2": list(map(float, b2)), "iou": float(value)})
    print()
    for label, seed, grid, image_shape, max_boxes, score, iou_threshold in EVAL_CASES:
        stats = {}
        scores, boxes, classes = yolo_eval(head(seed, *grid), image_shape, max_boxes, score, iou_threshold, stats)
        suppressed = stats["filtered"] - stats["survivors"]
        reached = "reached" if stats["survivors"] > max_boxes else "not reached"
        print(
            f"yolo_eval/{label}: {stats['filtered']} pass the filter, suppression removes {suppressed}, "
            f"max_boxes {max_boxes} {reached}: {len(scores)} kept"
        )
        if label in FIDELITY:
            out["yolo_eval"].append(
                {
                    "label": label,
                    "seed": seed,
                    "grid": list(grid),
                    "image_shape": [float(v) for v in image_shape],
                    "max_boxes": max_boxes,
                    "score_threshold": score,
                    "iou_threshold": iou_threshold,
                    "scores": [float(s) for s in scores],
                    "boxes": [[float(v) for v in b] for b in boxes],
                    "classes": [int(c) for c in classes],
                }
            )
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
