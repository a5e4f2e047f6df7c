#!/usr/bin/env python3
"""Benchmark: time from a one-line change to the verdict, beside rustlings.

Measured interleaved in one run, so that machine noise hits all alike:
  * check    — `dl-course check WEEK` on the solved week after a one-line
               change in a blank (the passing path: build, every case, judge);
  * rustlings — `rustlings run EXERCISE` after the same kind of change in a
               solved rustlings exercise with tests (the anchor learners know);
               skipped, and said so, when `rustlings` is not installed
               (`cargo install rustlings`);
  * cargo    — a bare `cargo build` of the same generated package (the floor);
  * blame    — `check` on seeded bugs (tests/bugs/WEEK/NAME.toml), each run
               after a one-line change, with blame and with --no-blame, and the
               time until the first verdict line is printed (verdicts come
               before blame).
Prints medians over --runs runs and the ratios.

Usage: python3 bench/edit_to_verdict.py [--week week3] [--runs 7]
       [--bugs lmb_dal_missing_minus,lab_sigmoid_no_derivative,cost_missing_minus]
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
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

RUSTLINGS_EXERCISE = "if1"
RUSTLINGS_SOLUTION = """fn bigger(a: i32, b: i32) -> i32 {
    let _bench_edit = EDIT;
    if a > b { a } else { b }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_is_bigger_than_eight() {
        assert_eq!(10, bigger(10, 8));
    }

    #[test]
    fn fortytwo_is_bigger_than_thirtytwo() {
        assert_eq!(42, bigger(32, 42));
    }

    #[test]
    fn equal_numbers() {
        assert_eq!(42, bigger(42, 42));
    }
}
"""


def sh(cmd, **kw):
    return subprocess.run(cmd, check=False, capture_output=True, text=True, **kw)


def timed(cmd, **kw):
    t = time.perf_counter()
    r = sh(cmd, **kw)
    return time.perf_counter() - t, r


def timed_first_line(cmd, **kw):
    """(seconds to the first stdout line, seconds to exit)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, **kw)
    first = None
    for _ in p.stdout:
        if first is None:
            first = time.perf_counter() - t
    p.wait()
    total = time.perf_counter() - t
    return (first if first is not None else total), total


def med(xs):
    return statistics.median(xs)


def fmt(xs):
    return f"median {med(xs):.3f} s  (runs: {', '.join(f'{x:.2f}' for x in xs)})"


def rustlings_project():
    """A rustlings project with one solved exercise, or None (and why)."""
    exe = shutil.which("rustlings")
    if exe is None:
        return None, "rustlings not installed (cargo install rustlings)"
    home = tempfile.mkdtemp(prefix="dl-course-bench-rustlings")
    r = sh([exe, "init"], cwd=home, input="\n")
    project = os.path.join(home, "rustlings")
    if r.returncode != 0 or not os.path.isdir(project):
        return None, f"rustlings init failed: {r.stderr.strip()[:200]}"
    found = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(project, "exercises")) for f in fs if f == f"{RUSTLINGS_EXERCISE}.rs"]
    if not found:
        return None, f"no exercise {RUSTLINGS_EXERCISE} in the rustlings project"
    return (exe, project, found[0]), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--week", default="week3")
    ap.add_argument("--file", default="deep_nn.rs")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--bugs", default="lmb_dal_missing_minus,lab_sigmoid_no_derivative,cost_missing_minus")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "dl-course")
    scratch = tempfile.mkdtemp(prefix="dl-course-bench")
    for sub in ["course", "exercises", "solutions", "fixtures", "dlc"]:
        shutil.copytree(os.path.join(ROOT, sub), os.path.join(scratch, sub), ignore=shutil.ignore_patterns("target"))
    for f in ["Cargo.toml", "Cargo.lock"]:
        shutil.copy(os.path.join(ROOT, f), scratch)
    env = dict(os.environ, NO_COLOR="1", DL_COURSE_TARGET_DIR=os.path.join(ROOT, "target", "bench-weeks"))
    solutions = os.path.join(scratch, "solutions", args.week)
    exercises = os.path.join(scratch, "exercises", args.week)

    def solve(file=None, text=None):
        for name in os.listdir(solutions):
            shutil.copy(os.path.join(solutions, name), os.path.join(exercises, name))
        if file is not None:
            open(os.path.join(exercises, file), "w").write(text)

    solution = open(os.path.join(solutions, args.file)).read()
    # One extra statement inside the first blank: a real code change, not a comment.
    start = re.search(r"^([ \t]*)// START CODE HERE.*$", solution, re.M)
    indent = start.group(1)

    def edited(text, n):
        m = re.search(r"^([ \t]*)// START CODE HERE.*$", text, re.M)
        return text[: m.end()] + f"\n{m.group(1)}let _bench_edit = {n}_u64;" + text[m.end():]

    check = [exe, "check", args.week]
    solve(args.file, edited(solution, 0))
    warm, r = timed(check, cwd=scratch, env=env)
    if r.returncode != 0:
        sys.exit(f"warm-up check failed:\n{r.stdout}\n{r.stderr}")
    package = os.path.join(scratch, "target", "dl-course", "packages", f"dlc-{args.week}-learner", "Cargo.toml")
    cargo = ["cargo", "build", "--manifest-path", package]
    cargo_env = dict(env, CARGO_TARGET_DIR=env["DL_COURSE_TARGET_DIR"])

    rl, why_not = rustlings_project()
    if rl is not None:
        rl_exe, rl_project, rl_file = rl
        open(rl_file, "w").write(RUSTLINGS_SOLUTION.replace("EDIT", "0"))
        sh([rl_exe, "run", RUSTLINGS_EXERCISE], cwd=rl_project)

    t_check, t_cargo, t_rl = [], [], []
    for i in range(1, args.runs + 1):
        open(os.path.join(exercises, args.file), "w").write(edited(solution, 3 * i))
        t, r = timed(check, cwd=scratch, env=env)
        if r.returncode != 0:
            sys.exit(f"check failed:\n{r.stdout}\n{r.stderr}")
        t_check.append(t)
        open(os.path.join(exercises, args.file), "w").write(edited(solution, 3 * i + 1))
        t, r = timed(cargo, cwd=scratch, env=cargo_env)
        if r.returncode != 0:
            sys.exit(f"cargo build failed:\n{r.stderr}")
        t_cargo.append(t)
        if rl is not None:
            open(rl_file, "w").write(RUSTLINGS_SOLUTION.replace("EDIT", str(3 * i + 2)))
            t, r = timed([rl_exe, "run", RUSTLINGS_EXERCISE], cwd=rl_project)
            if r.returncode != 0:
                sys.exit(f"rustlings run failed:\n{r.stdout}\n{r.stderr}")
            t_rl.append(t)
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; week {args.week}; {args.runs} runs (warm-up: {warm:.2f} s)")
    print(f"passing check (dl-course check):  {fmt(t_check)}")
    print(f"bare cargo build:                 {fmt(t_cargo)}")
    if rl is not None:
        print(f"rustlings run {RUSTLINGS_EXERCISE}:                 {fmt(t_rl)}")
        print(f"ratio check / rustlings: {med(t_check) / med(t_rl):.2f}")
    else:
        print(f"rustlings: skipped ({why_not})")
    print(f"ratio check / cargo build: {med(t_check) / med(t_cargo):.2f}")

    bug_dir = os.path.join(ROOT, "tests", "bugs", args.week)
    for name in [b for b in args.bugs.split(",") if b]:
        bug = tomllib.load(open(os.path.join(bug_dir, f"{name}.toml"), "rb"))
        text = open(os.path.join(solutions, bug["file"])).read()
        for e in bug["edit"]:
            if e["find"] not in text:
                sys.exit(f"{name}: edit not found in {bug['file']}")
            text = text.replace(e["find"], e["replace"], 1)
        t_first, t_blame, t_plain = [], [], []
        for i in range(args.runs):
            solve(bug["file"], edited(text, 1000 + 2 * i))
            first, total = timed_first_line(check, cwd=scratch, env=env)
            t_first.append(first)
            t_blame.append(total)
            solve(bug["file"], edited(text, 1001 + 2 * i))
            t, _ = timed(check + ["--no-blame"], cwd=scratch, env=env)
            t_plain.append(t)
        print(f"{name}: failing check with blame     {fmt(t_blame)}")
        print(f"{name}: first verdict line            {fmt(t_first)}")
        print(f"{name}: failing check without blame  {fmt(t_plain)}")
        print(f"{name}: ratio with blame / passing check: {med(t_blame) / med(t_check):.2f}")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
