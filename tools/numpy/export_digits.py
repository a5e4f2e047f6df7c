"""Exports scikit-learn's copy of the UCI handwritten digits to dlc/data/digits.txt.

Run from the repository root (scikit-learn installed: `pip install scikit-learn`):

    python3 tools/numpy/export_digits.py

`sklearn.datasets.load_digits()` reads the 1797 8x8 images that scikit-learn
ships in sklearn/datasets/data/digits.csv.gz (a copy of the test part of the
UCI "Optical Recognition of Handwritten Digits" set, E. Alpaydin and
C. Kaynak, CC BY 4.0). The file written keeps scikit-learn's order and exact
integer values: after a few `#` comment lines, one image per line,

    <label> <p0> <p1> ... <p63>

the label 0-9 then the 64 pixel values 0-16 of the 8x8 image, row by row
(p[8*r + c] is row r, column c). `dlc::data::digits` embeds the file and
parses it; it is the only reader, and the train/test split is made there.
"""
import os

import numpy as np
import sklearn
import sklearn.datasets

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "dlc", "data", "digits.txt")


def main():
    digits = sklearn.datasets.load_digits()
    images = digits.images  # (1797, 8, 8), float64 holding integers 0..16
    labels = digits.target  # (1797,), int 0..9
    assert images.shape == (1797, 8, 8) and labels.shape == (1797,)
    pixels = images.reshape(images.shape[0], -1)  # row-major within each image
    assert np.array_equal(pixels, digits.data)
    assert np.all(pixels == np.round(pixels)) and pixels.min() == 0 and pixels.max() == 16
    lines = [
        "# The 8x8 handwritten digits of scikit-learn (sklearn.datasets.load_digits),",
        "# a copy of the test part of UCI ML Repository data set id 80, \"Optical Recognition",
        "# of Handwritten Digits\", by E. Alpaydin and C. Kaynak (1998), licensed CC BY 4.0:",
        "# https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits",
        f"# Exported from scikit-learn {sklearn.__version__} by tools/numpy/export_digits.py; see README.md.",
        "# One image per line: the label 0-9, then 64 pixel values 0-16, row by row.",
    ]
    for label, row in zip(labels, pixels):
        lines.append(" ".join([str(int(label))] + [str(int(v)) for v in row]))
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    counts = np.bincount(labels, minlength=10)
    print(f"wrote {os.path.normpath(OUT)}: {len(labels)} images; per label {counts.tolist()}")


if __name__ == "__main__":
    main()
