#!/usr/bin/env python3
"""Benchmark: week7's conv_forward, Rust next to NumPy, loops and vectorised.

The same layer on every side: A_prev (10, 32, 32, 3) and W (3, 3, 3, 8) drawn
with np.random.seed(1) in that order, b zeros, pad 1, stride 1 (a small CNN
layer; the notebook's own test is too small to time).

  * rust loops   — the reference solution (solutions/week7/conv.rs), the
                   original's four nested loops as the learner writes them;
  * rust im2col  — the optional extension in the instructions: windows as rows
                   of one matrix, one product (examples/week7_conv_forward.rs);
  * numpy loops  — the original notebook's conv_forward, line for line;
  * numpy im2col — the same windows with sliding_window_view, one tensordot.

The Rust example is built once with `cargo build --release --example
week7_conv_forward`; each side prints the time of one call (the median over
its repeats is not used: it prints the mean of `--repeats` calls), and the
script runs the four interleaved, `--runs` times, and prints medians and the
ratio to the Rust loops. Every side also prints Z's mean: they must agree.

Usage: python3 bench/conv_forward_vs_numpy.py [--runs 5] [--repeats 3]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NUMPY = r'''
import sys, time
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode='constant', constant_values=(0, 0))

def conv_single_step(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W) + b.item()  # the original: float(b), an error for a (1, 1, 1) array in NumPy 2.4

def conv_forward_loops(A_prev, W, b, hparameters):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride, pad = hparameters['stride'], hparameters['pad']
    n_H = int((n_H_prev + 2 * pad - f) / stride) + 1
    n_W = int((n_W_prev + 2 * pad - f) / stride) + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = stride * h
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = stride * w
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    return Z

def conv_forward_im2col(A_prev, W, b, hparameters):
    stride, pad = hparameters['stride'], hparameters['pad']
    f = W.shape[0]
    windows = sliding_window_view(zero_pad(A_prev, pad), (f, f), axis=(1, 2))[:, ::stride, ::stride]
    # windows: (m, n_H, n_W, n_C_prev, f, f) -> Z (m, n_H, n_W, n_C)
    return np.tensordot(windows, W, axes=([4, 5, 3], [0, 1, 2])) + b[0, 0, 0]

form, repeats = sys.argv[1], int(sys.argv[2])
np.random.seed(1)
A_prev = np.random.randn(10, 32, 32, 3)
W = np.random.randn(3, 3, 3, 8)
b = np.zeros((1, 1, 1, 8))
hp = {'pad': 1, 'stride': 1}
fn = conv_forward_loops if form == 'loops' else conv_forward_im2col
start = time.perf_counter()
for _ in range(repeats):
    Z = fn(A_prev, W, b, hp)
elapsed = (time.perf_counter() - start) / repeats
print("Z's mean:", repr(float(Z.mean())))
print(f"elapsed_seconds: {elapsed:.6f}")
'''


def run(cmd):
    r = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    t = re.search(r"^elapsed_seconds: ([0-9.]+)$", r.stdout, re.M)
    mean = re.search(r"^Z's mean: (\S+)$", r.stdout, re.M)
    if not t or not mean:
        sys.exit(f"unexpected output from {cmd}:\n{r.stdout}\n{r.stderr}")
    return float(t.group(1)), float(mean.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "week7_conv_forward"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "examples", "week7_conv_forward")
    sides = {
        "rust loops": [exe, "loops", str(args.repeats)],
        "rust im2col": [exe, "im2col", str(args.repeats)],
        "numpy loops": [sys.executable, "-c", NUMPY, "loops", "1"],
        "numpy im2col": [sys.executable, "-c", NUMPY, "im2col", str(args.repeats)],
    }
    times = {k: [] for k in sides}
    means = {}
    for _ in range(args.runs):
        for name, cmd in sides.items():
            t, mean = run(cmd)
            times[name].append(t)
            means[name] = mean
    base = statistics.median(times["rust loops"])
    print(f"conv_forward, A_prev (10, 32, 32, 3), W (3, 3, 3, 8), pad 1, stride 1; medians of {args.runs} runs")
    for name in sides:
        med = statistics.median(times[name])
        print(f"  {name:13s} {med * 1000:9.2f} ms  ({med / base:6.2f}x the rust loops)  Z's mean {means[name]!r}")
    spread = max(means.values()) - min(means.values())
    print(f"  Z's means agree within {spread:.1e}")
    if spread > 1e-12:
        sys.exit("the four forms disagree")


if __name__ == "__main__":
    main()
