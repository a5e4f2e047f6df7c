#!/usr/bin/env python3
"""Snapshot every seeded bug's and alternative's JSON report, to compare two builds.

A refactoring of the runner must not change what a learner is told. This runs
`dl-course check <week> --format json` with the given binary on a scratch copy
of the course for every `tests/bugs/<week>/*.toml` and
`tests/alternatives/<week>/*.toml` (the same find/replace edits the bug suite
applies) and writes one file per entry to OUT, with the timing field
(`elapsed_ms`) removed. Compare two snapshots with `diff -r`.

    python3 tools/verdict_snapshot.py target/release/dl-course /tmp/before
    ... change the runner, rebuild ...
    python3 tools/verdict_snapshot.py target/release/dl-course /tmp/after
    diff -r /tmp/before /tmp/after

`--fields` keeps only id, status, blame and mistake per case (for changes that
are allowed to move line numbers inside messages, such as moving course code).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def scratch_copy(dest: Path) -> None:
    for sub in ["course", "exercises", "solutions", "fixtures"]:
        shutil.copytree(REPO / sub, dest / sub)
    os.symlink(REPO / "dlc", dest / "dlc")
    for f in ["Cargo.toml", "Cargo.lock"]:
        shutil.copy(REPO / f, dest / f)


def apply(course: Path, week: str, entry: dict) -> None:
    # The solution in place for every file of the week, then the edits.
    for f in (course / "solutions" / week).iterdir():
        shutil.copy(f, course / "exercises" / week / f.name)
    text = (course / "solutions" / week / entry["file"]).read_text()
    for edit in entry["edit"]:
        if text.count(edit["find"]) != 1:
            sys.exit(f"{week}/{entry['file']}: `{edit['find']}` must occur exactly once")
        text = text.replace(edit["find"], edit["replace"], 1)
    (course / "exercises" / week / entry["file"]).write_text(text)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("binary", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--fields", action="store_true", help="keep id, status, blame, mistake only")
    p.add_argument("--week", action="append", help="only these weeks")
    args = p.parse_args()
    binary = args.binary.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    target = REPO / "target" / "snapshot-weeks"
    with tempfile.TemporaryDirectory(prefix="dlc-snapshot") as tmp:
        course = Path(tmp)
        scratch_copy(course)
        for kind in ["bugs", "alternatives"]:
            for week_dir in sorted((REPO / "tests" / kind).iterdir()):
                week = week_dir.name
                if args.week and week not in args.week:
                    continue
                for toml_file in sorted(week_dir.glob("*.toml")):
                    entry = tomllib.loads(toml_file.read_text())
                    apply(course, week, entry)
                    env = dict(os.environ, NO_COLOR="1", DL_COURSE_LANG="en",
                               DL_COURSE_TARGET_DIR=str(target))
                    run = subprocess.run([binary, "check", week, "--format", "json"],
                                         cwd=course, env=env, capture_output=True, text=True)
                    try:
                        report = json.loads(run.stdout)
                    except json.JSONDecodeError:
                        report = {"stdout": run.stdout, "stderr": run.stderr}
                    for case in report.get("cases", []):
                        case.pop("elapsed_ms", None)
                        if args.fields:
                            for k in list(case):
                                if k not in ("id", "status", "blame", "mistake"):
                                    del case[k]
                    report["exit_code"] = run.returncode
                    name = f"{kind}__{week}__{toml_file.stem}.json"
                    text = json.dumps(report, indent=1, ensure_ascii=False) + "\n"
                    # The scratch directory's name differs from run to run.
                    (args.out / name).write_text(text.replace(str(course), "<course>"))
                    print(name, run.returncode, flush=True)


if __name__ == "__main__":
    main()
