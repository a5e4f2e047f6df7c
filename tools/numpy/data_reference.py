"""Reference values for dlc::data, produced by NumPy and scikit-learn.

Run from the repository root:

    python3 tools/numpy/data_reference.py

It rewrites dlc/tests/data/numpy_data.json, which dlc/tests/numpy_data.rs
compares against. Each data set is generated the way the original notebooks
did (global np.random.seed(...), then the loader / sklearn with
random_state=None) and stored whole, transposed to the course's (2, m) / (1, m),
with floats as repr() strings so that they parse back bit for bit.
"""
import json
import os
import sys

import numpy as np
import sklearn
import sklearn.datasets

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "dlc", "tests", "data", "numpy_data.json")


def load_planar_dataset(seed, m):
    # The original course helper (planar_utils.py), with seed and m as parameters.
    np.random.seed(seed)
    N = int(m / 2)  # number of points per class
    D = 2  # dimensionality
    X = np.zeros((m, D))  # data matrix where each row is a single example
    Y = np.zeros((m, 1), dtype="uint8")  # labels vector (0 for red, 1 for blue)
    a = 4  # maximum ray of the flower
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2  # theta
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2  # radius
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def circles(n, noise, seed):
    np.random.seed(seed)
    X, y = sklearn.datasets.make_circles(n_samples=n, noise=noise)
    return X.T, y.reshape((1, y.shape[0]))


def moons(n, noise, seed):
    np.random.seed(seed)
    X, y = sklearn.datasets.make_moons(n_samples=n, noise=noise)
    return X.T, y.reshape((1, y.shape[0]))


def entry(kind, args, X, Y):
    return {
        "kind": kind,
        "args": args,
        "x": [[repr(float(v)) for v in row] for row in X],
        "y": [[int(v) for v in row] for row in Y],
    }


def main():
    sets = []
    # The course's own calls.
    sets.append(entry("planar", {"seed": 1, "m": 400}, *load_planar_dataset(1, 400)))
    sets.append(entry("circles", {"n": 300, "noise": 0.05, "seed": 1}, *circles(300, 0.05, 1)))
    sets.append(entry("circles", {"n": 100, "noise": 0.05, "seed": 2}, *circles(100, 0.05, 2)))
    sets.append(entry("moons", {"n": 300, "noise": 0.2, "seed": 3}, *moons(300, 0.2, 3)))
    # Odd sizes and other seeds, to pin down the arithmetic order.
    sets.append(entry("planar", {"seed": 0, "m": 31}, *load_planar_dataset(0, 31)))
    sets.append(entry("circles", {"n": 17, "noise": 0.1, "seed": 0}, *circles(17, 0.1, 0)))
    sets.append(entry("circles", {"n": 9, "noise": 0.0, "seed": 4294967295}, *circles(9, 0.0, 2**32 - 1)))
    sets.append(entry("moons", {"n": 23, "noise": 0.3, "seed": 42}, *moons(23, 0.3, 42)))
    sets.append(entry("moons", {"n": 8, "noise": 0.0, "seed": 5}, *moons(8, 0.0, 5)))
    doc = {
        "numpy_version": np.__version__,
        "sklearn_version": sklearn.__version__,
        "python_version": sys.version.split()[0],
        "sets": sets,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    x00 = sets[0]["x"][0][0]
    print(f"wrote {os.path.normpath(OUT)}: {len(sets)} sets; planar X[0,0] = {x00}")


if __name__ == "__main__":
    main()
