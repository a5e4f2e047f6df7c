#!/usr/bin/env python3
"""Benchmark: week2's full training, Rust reference (release) vs NumPy.

Both sides run the same algorithm on the same data: the original notebook's
nn_model (n_h = 4, 10 000 iterations, learning rate 1.2, generator seeded
with 3) on planar(1, 400), then predict on the training set.

  * rust  — examples/week2_training.rs (the reference solution,
            solutions/week2/planar.rs, compiled with `cargo build --release
            --example week2_training` once, before the timed runs; each run
            then starts the built executable);
  * numpy — tools/numpy/week2_planar.py (an independent NumPy implementation).

Runs are interleaved (rust, numpy, rust, numpy, ...) so that machine noise
hits both alike. Each program prints the time of its training alone
(`elapsed_seconds`, data generation and start-up excluded); the script also
measures each process's wall time (start-up included: Python's and NumPy's
imports on one side, nothing much on the other). Prints medians and the ratio
numpy / rust for both.

The environment is left as it is. It prints the OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE it ran with and, when threadpoolctl is installed, the BLAS
kernel NumPy used.

Usage: python3 bench/week2_vs_numpy.py [--runs 7]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t
    m = re.search(r"^elapsed_seconds: ([0-9.]+)$", r.stdout, re.M)
    if not m:
        sys.exit(f"no elapsed_seconds line from {cmd}:\n{r.stdout}\n{r.stderr}")
    return float(m.group(1)), wall, r.stdout


def numpy_setup():
    code = (
        "import json, numpy\n"
        "try:\n"
        "    import threadpoolctl\n"
        "    info = [{k: i.get(k) for k in ('internal_api', 'version', 'architecture', 'num_threads')}"
        " for i in threadpoolctl.threadpool_info()]\n"
        "except ImportError:\n"
        "    info = 'threadpoolctl not installed'\n"
        "print(json.dumps({'numpy': numpy.__version__, 'blas': info}))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return r.stdout.strip() or r.stderr.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7, help="runs of each side (at least 5)")
    args = ap.parse_args()
    runs = max(args.runs, 5)

    subprocess.run(["cargo", "build", "--release", "-q", "--example", "week2_training"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "examples", "week2_training")
    rust_cmd = [exe]
    numpy_cmd = [sys.executable, os.path.join(ROOT, "tools", "numpy", "week2_planar.py")]

    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        print(f"{var}={os.environ.get(var, '(unset)')}")
    print(f"numpy setup: {numpy_setup()}")

    # One untimed run of each: warm caches, and show that both agree.
    _, _, out = run(rust_cmd)
    print("rust :", " | ".join(out.strip().splitlines()[:-1]))
    _, _, out = run(numpy_cmd)
    print("numpy:", " | ".join(out.strip().splitlines()[:-1]))

    rust, numpy = [], []
    for i in range(runs):
        rust.append(run(rust_cmd)[:2])
        numpy.append(run(numpy_cmd)[:2])
        print(f"run {i + 1}/{runs}: rust {rust[-1][0]:.3f} s (wall {rust[-1][1]:.3f} s), "
              f"numpy {numpy[-1][0]:.3f} s (wall {numpy[-1][1]:.3f} s)")

    def median(xs, k):
        return statistics.median(x[k] for x in xs)

    r_train, n_train = median(rust, 0), median(numpy, 0)
    r_wall, n_wall = median(rust, 1), median(numpy, 1)
    print(f"median training time: rust {r_train:.3f} s, numpy {n_train:.3f} s, "
          f"ratio numpy/rust {n_train / r_train:.2f}")
    print(f"median wall time:     rust {r_wall:.3f} s, numpy {n_wall:.3f} s, "
          f"ratio numpy/rust {n_wall / r_wall:.2f}")


if __name__ == "__main__":
    main()
