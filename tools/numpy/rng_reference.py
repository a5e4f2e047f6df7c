"""Reference values for dlc's NumpyRng, produced by NumPy's legacy RandomState.

Run from the repository root:

    python3 tools/numpy/rng_reference.py

It rewrites dlc/tests/data/numpy_rng.json, which dlc/tests/numpy_rng.rs replays.
Each case is a seed and a list of calls made one after another on the global
generator (so interleaving, the cached second gauss and the 624-word refill are
all exercised); floats are written as repr() strings so that they parse back
bit for bit.
"""
import json
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "dlc", "tests", "data", "numpy_rng.json")


def run(op):
    kind = op["op"]
    if kind == "rand":
        return [repr(float(x)) for x in np.random.rand(op["n"])]
    if kind == "randn":
        return [repr(float(x)) for x in np.random.randn(op["n"])]
    if kind == "randn2":
        return [repr(float(x)) for x in np.random.randn(op["rows"], op["cols"]).ravel()]
    if kind == "rand2":
        return [repr(float(x)) for x in np.random.rand(op["rows"], op["cols"]).ravel()]
    if kind == "permutation":
        return [int(x) for x in np.random.permutation(op["n"])]
    if kind == "randint":
        return [int(np.random.randint(op["low"], op["high"]))]
    if kind == "choice":
        p = op.get("p")
        return [int(np.random.choice(op["n"], p=p))]
    raise ValueError(kind)


def ops_interleaved():
    return [
        {"op": "randn", "n": 1},
        {"op": "rand", "n": 1},
        {"op": "randn", "n": 1},
        {"op": "randn", "n": 3},
        {"op": "rand", "n": 2},
        {"op": "permutation", "n": 7},
        {"op": "randn", "n": 1},
        {"op": "randint", "low": 0, "high": 10},
        {"op": "randn", "n": 2},
        {"op": "choice", "n": 4, "p": [0.1, 0.2, 0.3, 0.4]},
        {"op": "randn", "n": 1},
        {"op": "choice", "n": 6},
        {"op": "randn2", "rows": 3, "cols": 3},
    ]


RANDINT_RANGES = [
    (0, 1), (0, 2), (0, 3), (0, 10), (-5, 5), (100, 1000), (0, 7),
    (0, 2**31), (-(2**31), 2**31), (0, 2**32 - 1), (0, 2**32), (0, 2**32 + 1),
    (-(2**40), 2**40), (0, 2**62 + 12345), (-(2**63), 2**63 - 1),
]


def cases():
    seeds = [0, 1, 2, 3, 42, 5489, 2**31, 2**32 - 1]
    for s in seeds:
        yield "rand_odd", s, [{"op": "rand", "n": 7}]
        yield "rand_even", s, [{"op": "rand", "n": 8}]
        yield "randn_odd", s, [{"op": "randn", "n": 7}]
        yield "randn_even", s, [{"op": "randn", "n": 8}]
        yield "randn_split", s, [{"op": "randn", "n": 3}, {"op": "randn", "n": 4}, {"op": "rand", "n": 1}]
        yield "interleaved", s, ops_interleaved()
        yield "permutations", s, [{"op": "permutation", "n": n} for n in (0, 1, 2, 3, 5, 10, 64, 300)]
        yield "randint", s, [{"op": "randint", "low": lo, "high": hi} for lo, hi in RANDINT_RANGES] * 3
        yield "choice", s, (
            [{"op": "choice", "n": n} for n in (1, 2, 3, 5, 10, 300)]
            + [{"op": "choice", "n": 4, "p": [0.1, 0.2, 0.3, 0.4]}] * 5
            + [{"op": "choice", "n": 4, "p": [0.0, 0.5, 0.0, 0.5]}] * 5
            + [{"op": "choice", "n": 3, "p": [1 / 3, 1 / 3, 1 / 3]}] * 5
            + [{"op": "choice", "n": 2, "p": [0.7, 0.3]}] * 5
        )
    # Long runs that cross the 624-word refill several times.
    yield "rand_long", 1, [{"op": "rand", "n": 1001}]
    yield "randn_long", 3, [{"op": "randn", "n": 1001}]
    yield "randn2_layout", 2, [{"op": "randn2", "rows": 4, "cols": 2}, {"op": "rand2", "rows": 2, "cols": 3}]
    yield "permutation_long", 0, [{"op": "permutation", "n": 1000}]


def main():
    out = []
    for name, seed, ops in cases():
        np.random.seed(seed)
        results = [run(op) for op in ops]
        out.append({"name": name, "seed": seed, "ops": ops, "results": results})
    doc = {
        "generator": "numpy.random legacy RandomState (np.random.seed / rand / randn / ...)",
        "numpy_version": np.__version__,
        "python_version": sys.version.split()[0],
        "cases": out,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)}: {len(out)} cases")


if __name__ == "__main__":
    main()
