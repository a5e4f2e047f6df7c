#!/usr/bin/env python3
"""Benchmark: `dl-course grade` throughput on a batch of week3 submissions.

Builds a batch of submissions (default 40) from the course itself, a mix of
  * solved   — the reference solution (a third);
  * buggy    — the reference with one seeded bug of tests/bugs/week3 (a third,
               cycling through the bugs);
  * not done — the stubs of exercises/week3 (the rest),
and measures, over --runs runs each (medians):
  * the batch graded with --jobs 2 --no-blame: submissions per minute;
  * (with --blame) the same batch with blame: submissions per minute;
  * the cost of the sandbox per case: one solved submission graded with and
    without --unsandboxed, interleaved, (sandboxed - unsandboxed) / cases.

Prints only what it measured. Run from anywhere; needs a built
target/release/dl-course (or --bin).

Usage: python3 bench/grade_throughput.py [--n 40] [--runs 3] [--blame] [--bin PATH]
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEEK = "week3"


def timed(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - t, r


def make_batch(n, dest):
    bugs = sorted(glob.glob(os.path.join(ROOT, "tests", "bugs", WEEK, "*.toml")))
    paths = []
    for i in range(n):
        d = os.path.join(dest, f"s{i:02d}")
        kind = i % 3
        src = os.path.join(ROOT, "exercises" if kind == 2 else "solutions", WEEK)
        shutil.copytree(src, d, ignore=shutil.ignore_patterns("main.rs"))
        if kind == 1 and bugs:
            with open(bugs[(i // 3) % len(bugs)], "rb") as f:
                bug = tomllib.load(f)
            path = os.path.join(d, bug["file"])
            text = open(path).read()
            for e in bug["edit"]:
                text = text.replace(e["find"], e["replace"], 1)
            open(path, "w").write(text)
        paths.append(d)
    return paths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--blame", action="store_true")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "dl-course"))
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: cargo build --release first")
    base = [args.bin, "--course", ROOT, "grade", WEEK]
    with tempfile.TemporaryDirectory(prefix="grade-bench") as tmp:
        subs = make_batch(args.n, os.path.join(tmp, "subs"))
        # Warm-up: compiles the dlc copy and the dependencies once.
        _, r = timed(base + [subs[0], "--no-blame"])
        if r.returncode != 0:
            sys.exit(f"warm-up failed:\n{r.stderr}")

        def batch(extra):
            times = []
            for k in range(args.runs):
                out = os.path.join(tmp, f"out-{len(extra)}-{k}")
                t, r = timed(base + subs + ["--jobs", str(args.jobs), "--out", out] + extra)
                if r.returncode not in (0, 1):
                    sys.exit(f"grade failed:\n{r.stderr}")
                times.append(t)
            return statistics.median(times)

        t = batch(["--no-blame"])
        print(f"{args.n} submissions, --jobs {args.jobs}, no blame: median {t:.1f} s "
              f"= {args.n / t * 60:.1f} submissions/min ({args.runs} runs)")
        if args.blame:
            t = batch([])
            print(f"{args.n} submissions, --jobs {args.jobs}, with blame: median {t:.1f} s "
                  f"= {args.n / t * 60:.1f} submissions/min ({args.runs} runs)")

        # Sandbox cost per case: one solved submission, interleaved.
        solved = subs[0]
        on, off = [], []
        cases = None
        for _ in range(max(args.runs, 5)):
            t, r = timed(base + [solved, "--no-blame", "--jobs", "1"])
            on.append(t)
            cases = len(json.loads(r.stdout)["check"]["cases"])
            t, _ = timed(base + [solved, "--no-blame", "--jobs", "1", "--unsandboxed"])
            off.append(t)
        a, b = statistics.median(on), statistics.median(off)
        print(f"one solved submission ({cases} cases): sandboxed median {a:.2f} s, "
              f"unsandboxed median {b:.2f} s: {(a - b) / cases * 1000:.1f} ms per case")


if __name__ == "__main__":
    main()
