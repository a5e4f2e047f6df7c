#!/usr/bin/env python3
"""Benchmark: time from a one-line change in a blank to the verdict of `check`.

Measures, interleaved in the same run so that machine noise hits both alike:
  * check      — `dl-course check WEEK` after a one-line change in one blank
                 (the learner's whole loop: build, run every case, judge, report);
  * cargo      — a bare `cargo build` of the same generated package after the
                 same kind of change (the floor: what compiling alone costs);
  * blame      — (with --blame) `check` on a seeded bug, with and without blame,
                 to show what blame adds after a failure.
Prints medians over --runs runs and the ratio check / cargo.

Usage: python3 bench/edit_to_verdict.py [--week week3] [--runs 7] [--blame]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=False, capture_output=True, text=True, **kw)


def timed(cmd, **kw):
    t = time.perf_counter()
    r = sh(cmd, **kw)
    return time.perf_counter() - t, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--week", default="week3")
    ap.add_argument("--file", default="deep_nn.rs")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--blame", action="store_true", help="also time blame after a seeded bug")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "dl-course")
    scratch = tempfile.mkdtemp(prefix="dl-course-bench")
    for sub in ["course", "exercises", "solutions", "fixtures", "dlc"]:
        shutil.copytree(os.path.join(ROOT, sub), os.path.join(scratch, sub), ignore=shutil.ignore_patterns("target"))
    for f in ["Cargo.toml", "Cargo.lock"]:
        shutil.copy(os.path.join(ROOT, f), scratch)
    env = dict(os.environ, NO_COLOR="1", DL_COURSE_TARGET_DIR=os.path.join(ROOT, "target", "bench-weeks"))
    # The whole week solved, so that the measured path is the passing one.
    for name in os.listdir(os.path.join(scratch, "solutions", args.week)):
        shutil.copy(os.path.join(scratch, "solutions", args.week, name), os.path.join(scratch, "exercises", args.week, name))
    ex = os.path.join(scratch, "exercises", args.week, args.file)
    solution = open(os.path.join(scratch, "solutions", args.week, args.file)).read()
    # One extra statement inside the first blank: a real code change, not a comment.
    start = re.search(r"^([ \t]*)// START CODE HERE.*$", solution, re.M)
    indent = start.group(1)

    def variant(n):
        return solution[: start.end()] + f"\n{indent}let _bench_edit = {n}_u64;" + solution[start.end():]

    check = [exe, "check", args.week, "--no-blame"]
    open(ex, "w").write(variant(0))
    warm, r = timed(check, cwd=scratch, env=env)
    if r.returncode != 0:
        sys.exit(f"warm-up check failed:\n{r.stdout}\n{r.stderr}")
    package = os.path.join(scratch, "target", "dl-course", "packages", f"dlc-{args.week}-learner", "Cargo.toml")
    cargo = ["cargo", "build", "--manifest-path", package]  # the package holds the one learner binary
    cargo_env = dict(env, CARGO_TARGET_DIR=env["DL_COURSE_TARGET_DIR"])
    t_check, t_cargo = [], []
    for i in range(1, args.runs + 1):
        open(ex, "w").write(variant(2 * i))
        t, r = timed(check, cwd=scratch, env=env)
        if r.returncode != 0:
            sys.exit(f"check failed:\n{r.stdout}\n{r.stderr}")
        t_check.append(t)
        open(ex, "w").write(variant(2 * i + 1))
        t, r = timed(cargo, cwd=scratch, env=cargo_env)
        if r.returncode != 0:
            sys.exit(f"cargo build failed:\n{r.stderr}")
        t_cargo.append(t)
    med_check, med_cargo = statistics.median(t_check), statistics.median(t_cargo)
    print(f"machine: {os.cpu_count()} cores; week {args.week}; {args.runs} runs (first, cold-ish warm-up: {warm:.2f} s)")
    print(f"edit -> verdict (dl-course check): median {med_check:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in t_check)})")
    print(f"edit -> bare cargo build:          median {med_cargo:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in t_cargo)})")
    print(f"ratio check / cargo build: {med_check / med_cargo:.2f}")

    if args.blame:
        # A seeded bug in a piece that only the composite reveals: time check with and without blame.
        bug = solution.replace("let dal = ", "let dal = 0.5 * ", 1) if "let dal = " in solution else None
        if bug is None:
            print("blame: no seeded bug pattern found in this week; skipped")
        else:
            t_blame, t_plain = [], []
            for i in range(max(3, args.runs // 2)):
                open(ex, "w").write(bug.replace("// END CODE HERE", f"let _bench_edit = {100 + i}_u64;\n{indent}// END CODE HERE", 1))
                t, _ = timed([exe, "check", args.week], cwd=scratch, env=env)
                t_blame.append(t)
                t, _ = timed([exe, "check", args.week, "--no-blame"], cwd=scratch, env=env)
                t_plain.append(t)
            print(f"failing check with blame:    median {statistics.median(t_blame):.3f} s")
            print(f"failing check without blame: median {statistics.median(t_plain):.3f} s")
            print(f"blame adds (median difference): {statistics.median(t_blame) - statistics.median(t_plain):.3f} s")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
