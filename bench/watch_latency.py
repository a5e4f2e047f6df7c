#!/usr/bin/env python3
"""Benchmark: `dl-course watch`, from saving a file to seeing the verdict.

Starts `dl-course watch WEEK` (release build) on a scratch copy of the course
with the week solved, then --runs times: writes a one-line bug into the first
blank of FILE (a minus dropped), times until the failing verdict line of that
function appears (save → verdict), then until watch's footer appears (save →
blame done, the whole report), then writes the fix back and times the pass the
same way. Each run waits for the footer before the next save. Prints medians.

Usage: python3 bench/watch_latency.py [--week week1] [--file basics.rs] [--runs 10]
"""
import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUG = ("(-v).exp()", "(v).exp()")  # week1's sigmoid: a dropped minus


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--week", default="week1")
    ap.add_argument("--file", default="basics.rs")
    ap.add_argument("--function", default="sigmoid")
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "dl-course")
    scratch = tempfile.mkdtemp(prefix="dl-course-watch-bench")
    for sub in ["course", "exercises", "solutions", "fixtures", "dlc"]:
        shutil.copytree(os.path.join(ROOT, sub), os.path.join(scratch, sub), ignore=shutil.ignore_patterns("target"))
    for f in ["Cargo.toml", "Cargo.lock"]:
        shutil.copy(os.path.join(ROOT, f), scratch)
    for name in os.listdir(os.path.join(scratch, "solutions", args.week)):
        shutil.copy(os.path.join(scratch, "solutions", args.week, name), os.path.join(scratch, "exercises", args.week, name))
    path = os.path.join(scratch, "exercises", args.week, args.file)
    solved = open(path).read()
    if solved.count(BUG[0]) < 1:
        sys.exit(f"{args.file} has no `{BUG[0]}` to break")
    broken = solved.replace(BUG[0], BUG[1], 1)

    env = dict(os.environ, NO_COLOR="1", DL_COURSE_LANG="en",
               DL_COURSE_TARGET_DIR=os.path.join(ROOT, "target", "bench-weeks"))
    watch = subprocess.Popen([exe, "watch", args.week], cwd=scratch, env=env, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    lines = queue.Queue()

    def read():
        for line in watch.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))

    threading.Thread(target=read, daemon=True).start()

    def wait(pred, limit):
        deadline = time.perf_counter() + limit
        while True:
            try:
                at, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                sys.exit("timed out waiting for watch's output")
            if pred(line):
                return at

    footer = lambda l: l.startswith("watching exercises")
    wait(footer, 600)  # the first check builds the week
    fail_verdict, fail_all, pass_verdict, pass_all = [], [], [], []
    mark_fail, mark_pass = f"  ✗ {args.function}", f"  ✓ {args.function}"
    for _ in range(args.runs):
        for text, mark, verdicts, whole in [(broken, mark_fail, fail_verdict, fail_all),
                                           (solved, mark_pass, pass_verdict, pass_all)]:
            time.sleep(0.5)  # apart from the previous save's events
            saved = time.perf_counter()
            with open(path, "w") as f:
                f.write(text)
            verdicts.append(wait(lambda l: l.startswith(mark), 120) - saved)
            whole.append(wait(footer, 300) - saved)
    watch.stdin.write("q\n")
    watch.stdin.flush()
    code = watch.wait(timeout=30)
    shutil.rmtree(scratch, ignore_errors=True)

    def fmt(xs):
        return f"median {statistics.median(xs):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in xs)})"

    print(f"machine: {os.cpu_count()} cores; {args.week}/{args.file}, {args.runs} runs; release build; debounce 200 ms")
    print(f"save -> failing verdict shown:  {fmt(fail_verdict)}")
    print(f"save -> failure with its blame: {fmt(fail_all)}")
    print(f"save -> passing verdict shown:  {fmt(pass_verdict)}")
    print(f"save -> pass, report complete:  {fmt(pass_all)}")
    print(f"watch exit status after q: {code}")


if __name__ == "__main__":
    main()
