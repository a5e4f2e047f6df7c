//! End-to-end hardening: every fault and bad input gets one clear verdict,
//! no process outlives a check, and the course tree is left as it was.
//!
//! Each test puts week3's solution in place with small edits to
//! `linear_forward` (or another small function), runs the real binary, and
//! checks the verdict, the exit status, a one-line stderr for an error, that
//! every process the cases started is gone, and that the course tree outside
//! `target/` (and dl-course's own progress in `.dl-course/`) is byte-identical.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::{Scratch, cases};

/// Every file of the course outside `target/` and `.dl-course/`, with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if dir == root && (rel == Path::new("target") || rel == Path::new(".dl-course")) {
                continue;
            }
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                out.insert(
                    rel,
                    std::fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else if kind.is_dir() {
                out.insert(rel.clone(), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn assert_unchanged(s: &Scratch, before: &BTreeMap<PathBuf, Vec<u8>>) {
    let after = snapshot(s.path());
    let changed: Vec<_> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(changed.is_empty(), "the course tree changed: {changed:?}");
}

/// Is `pid` a live process? (A zombie waiting for its parent is not.)
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => false,
        Ok(stat) => {
            let state = stat.rsplit(')').next().unwrap_or("").trim_start();
            !state.starts_with('Z') && !state.starts_with('X')
        }
    }
}

/// Pids written to `file`, one a line.
fn pids(file: &Path) -> Vec<u32> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

/// Waits up to 2 s for every pid to be gone; returns those still alive.
fn survivors(pids: &[u32]) -> Vec<u32> {
    let until = Instant::now() + Duration::from_secs(2);
    loop {
        let left: Vec<u32> = pids.iter().copied().filter(|&p| alive(p)).collect();
        if left.is_empty() || Instant::now() > until {
            return left;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn one_line_error(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
    err
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `check week3 --format json --no-blame` plus `extra` arguments.
fn check(s: &Scratch, extra: &[&str]) -> Output {
    s.cmd()
        .args(["check", "week3", "--format", "json", "--no-blame"])
        .args(extra)
        .output()
        .unwrap()
}

/// The cases of `function` in a report.
fn of<'r>(report: &'r serde_json::Value, function: &str) -> Vec<&'r serde_json::Value> {
    cases(report)
        .iter()
        .filter(|c| c["function"] == function)
        .collect()
}

/// Replaces `find` (once) in `rel` of the scratch course, leaving other files as they are.
fn edit(s: &Scratch, rel: &str, find: &str, replace: &str) {
    let text = s.read(rel);
    assert_eq!(text.matches(find).count(), 1, "`{find}` must occur once in {rel}");
    s.write(rel, &text.replacen(find, replace, 1));
}

const LINEAR_FORWARD: &str = "let z = w.dot(a) + b;";

/// Code that starts five `sleep 300` once per process and records their pids in `dir/pids`.
fn spawn_sleeps(dir: &Path) -> String {
    format!(
        r#"{{
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {{
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open({:?}).unwrap();
            for _ in 0..5 {{
                let child = std::process::Command::new("sleep").arg("300").spawn().unwrap();
                writeln!(f, "{{}}", child.id()).unwrap();
            }}
        }});
    }}"#,
        dir.join("pids")
    )
}

#[test]
fn a_relative_course_path_finds_its_results() {
    let s = Scratch::new();
    s.use_solution("week3");
    let before = snapshot(s.path());
    for (cwd, course) in [(s.path().to_path_buf(), "."), (s.path().join("exercises"), "..")] {
        let out = s
            .cmd()
            .current_dir(&cwd)
            .args([
                "--course",
                course,
                "check",
                "week3",
                "--format",
                "json",
                "--no-blame",
            ])
            .output()
            .unwrap();
        let report = json(&out);
        assert_eq!(out.status.code(), Some(0), "--course {course}: {report}");
        assert_eq!(report["summary"]["failed"], 0, "--course {course}");
    }
    let out = s
        .cmd()
        .args([
            "--course",
            "exercises/..",
            "check",
            "week3",
            "--format",
            "json",
            "--no-blame",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", json(&out));
    assert_unchanged(&s, &before);
}

#[test]
fn bad_time_limits_are_one_line_errors() {
    let s = Scratch::new();
    s.use_solution("week3");
    let before = snapshot(s.path());
    for bad in [
        "--timeout=0",
        "--timeout=-1",
        "--timeout=NaN",
        "--timeout=1e300",
        "--timeout=inf",
    ] {
        let err = one_line_error(&s.cmd().args(["check", "week3", bad]).output().unwrap());
        assert!(
            err.contains("--timeout") && err.contains("above 0"),
            "{bad}: {err}"
        );
    }
    let fixtures = s.read("fixtures/week3.json");
    for bad in ["-1", "1e300", "0"] {
        let mut file: serde_json::Value = serde_json::from_str(&fixtures).unwrap();
        let case = file["cases"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|c| c["id"] == "linear_forward/notebook")
            .unwrap();
        case["timeout_secs"] = serde_json::from_str(bad).unwrap();
        s.write("fixtures/week3.json", &serde_json::to_string(&file).unwrap());
        let err = one_line_error(&s.cmd().args(["check", "week3"]).output().unwrap());
        assert!(
            err.contains("fixtures/week3.json")
                && err.contains("linear_forward/notebook")
                && err.contains("timeout_secs"),
            "{bad}: {err}"
        );
    }
    s.write("fixtures/week3.json", &fixtures);
    assert_unchanged(&s, &before);
}

#[test]
fn no_process_a_case_starts_outlives_it() {
    let s = Scratch::new();
    let dir = tempfile::tempdir().unwrap();
    let (passing, spinning) = (dir.path().join("passing"), dir.path().join("spinning"));
    std::fs::create_dir_all(&passing).unwrap();
    std::fs::create_dir_all(&spinning).unwrap();
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[
            (
                LINEAR_FORWARD,
                &format!("{LINEAR_FORWARD}\n    {}", spawn_sleeps(&passing)),
            ),
            (
                "let cost = -log_probs.sum() / m;",
                &format!(
                    "let cost = -log_probs.sum() / m;\n    {}\n    loop {{ std::hint::black_box(0); }}",
                    spawn_sleeps(&spinning)
                ),
            ),
        ],
    );
    let before = snapshot(s.path());
    let out = check(&s, &["--timeout", "1"]);
    let report = json(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        of(&report, "linear_forward")
            .iter()
            .all(|c| c["status"] == "pass"),
        "{report}"
    );
    assert!(
        of(&report, "compute_cost")
            .iter()
            .all(|c| c["status"] == "timeout"),
        "{report}"
    );
    let (passed, timed_out) = (pids(&passing.join("pids")), pids(&spinning.join("pids")));
    assert!(passed.len() >= 20, "{passed:?}");
    assert!(timed_out.len() >= 20, "{timed_out:?}");
    let left = survivors(&[passed, timed_out].concat());
    assert!(left.is_empty(), "still running: {left:?}");
    assert_unchanged(&s, &before);
}

#[test]
fn a_signal_to_the_runner_stops_every_case() {
    let s = Scratch::new();
    let dir = tempfile::tempdir().unwrap();
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[(
            LINEAR_FORWARD,
            &format!(
                "{LINEAR_FORWARD}\n    {}\n    {{ use std::io::Write; let mut f = std::fs::OpenOptions::new().create(true).append(true).open({:?}).unwrap(); writeln!(f, \"{{}}\", std::process::id()).unwrap(); }}\n    loop {{ std::hint::black_box(0); }}",
                spawn_sleeps(dir.path()),
                dir.path().join("spinners")
            ),
        )],
    );
    let before = snapshot(s.path());
    // Built first, so that the run below only runs cases.
    let out = check(&s, &["--timeout", "0.2"]);
    assert!(
        of(&json(&out), "linear_forward")
            .iter()
            .all(|c| c["status"] == "timeout")
    );
    let first = [pids(&dir.path().join("pids")), pids(&dir.path().join("spinners"))].concat();
    assert!(!first.is_empty());
    let left = survivors(&first);
    assert!(left.is_empty(), "still running after timeouts: {left:?}");
    std::fs::remove_file(dir.path().join("pids")).unwrap();
    std::fs::remove_file(dir.path().join("spinners")).unwrap();
    let mut runner = std::process::Command::new(env!("CARGO_BIN_EXE_dl-course"))
        .current_dir(s.path())
        .env("NO_COLOR", "1")
        .env("DL_COURSE_LANG", "en")
        .env(
            "DL_COURSE_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("weeks"),
        )
        .args([
            "check",
            "week3",
            "--format",
            "json",
            "--no-blame",
            "--timeout",
            "600",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let spinners = dir.path().join("spinners");
    let until = Instant::now() + Duration::from_secs(60);
    while pids(&spinners).is_empty() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let the first case start its sleeps.
    std::thread::sleep(Duration::from_millis(300));
    let spinning = pids(&spinners);
    assert!(!spinning.is_empty(), "no case started");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &runner.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = runner.wait().unwrap();
    assert_eq!(status.code(), Some(128 + 15), "{status:?}");
    let mut err = String::new();
    std::io::Read::read_to_string(runner.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let all = [spinning, pids(&dir.path().join("pids")), pids(&spinners)].concat();
    let left = survivors(&all);
    assert!(left.is_empty(), "still running: {left:?}");
    let run = s.file("target/dl-course/run");
    let leftovers: Vec<_> = std::fs::read_dir(&run)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "left in {}: {leftovers:?}", run.display());
    assert_unchanged(&s, &before);
}

#[test]
fn a_case_that_deletes_its_directory_harms_no_other_case() {
    let s = Scratch::new();
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[(
            LINEAR_FORWARD,
            &format!(
                "{LINEAR_FORWARD}\n    if let Ok(cwd) = std::env::current_dir() {{ let _ = std::fs::remove_dir_all(&cwd); if let Some(run) = cwd.parent() {{ let _ = std::fs::remove_dir_all(run); }} }}"
            ),
        )],
    );
    let before = snapshot(s.path());
    let out = check(&s, &[]);
    let report = json(&out);
    let failing: Vec<_> = cases(&report).iter().filter(|c| c["status"] != "pass").collect();
    assert!(failing.is_empty(), "{failing:?}");
    assert_eq!(out.status.code(), Some(0));
    assert_unchanged(&s, &before);
}

#[test]
fn what_comes_back_is_bounded() {
    let s = Scratch::new();
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[(
            LINEAR_FORWARD,
            "let z: Array2<f64> = panic!(\"{}\", \"x\".repeat(10 << 20));",
        )],
    );
    // `predict` (no other function calls it) writes a 200 MiB result file and
    // exits, before it calls `linear_forward`. (A sparse file: its length is
    // what counts, and it costs no disk.)
    edit(
        &s,
        "exercises/week3/app.rs",
        "let (probas, _caches) = l_model_forward(x, parameters);",
        "if let Some(result) = std::env::args().nth(2) { std::fs::File::create(result).unwrap().set_len(200 << 20).unwrap(); std::process::exit(0); }\n    let (probas, _caches) = l_model_forward(x, parameters);",
    );
    let before = snapshot(s.path());
    let out = check(&s, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.len() < 1_000_000,
        "report of {} bytes",
        out.stdout.len()
    );
    let report = json(&out);
    for c in of(&report, "linear_forward") {
        let message = c["message"].as_str().unwrap();
        assert_eq!(c["status"], "error", "{c}");
        assert!(
            message.contains("(truncated, 10485760 bytes)"),
            "{}",
            &message[message.len() - 100..]
        );
        assert!(message.len() < 8 * 1024, "{} bytes", message.len());
    }
    for c in of(&report, "predict") {
        assert_eq!(c["status"], "error", "{c}");
        let message = c["message"].as_str().unwrap();
        assert!(
            message.contains("returned a result of 209715200 bytes, more than the 64 MiB allowed"),
            "{message}"
        );
    }
    assert_unchanged(&s, &before);
}

#[test]
fn resource_limits_are_clear_verdicts() {
    let s = Scratch::new();
    let dir = tempfile::tempdir().unwrap();
    // Root is exempt from the process limit: the fork bomb runs only for other users.
    let euid = std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("Uid:"))
        .and_then(|l| l.split_whitespace().nth(2).map(str::to_string));
    let root = euid.as_deref() == Some("0");
    let bomb = if root {
        String::new()
    } else {
        format!(
            "{{ static ONCE: std::sync::Once = std::sync::Once::new(); ONCE.call_once(|| {{ let mut n = 0; while n < 2000 && std::process::Command::new(\"sleep\").arg(\"300\").spawn().is_ok() {{ n += 1; }} std::fs::write({:?}, n.to_string()).unwrap(); }}); }}",
            dir.path().join("forks")
        )
    };
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[
            // 3 GiB: within the default limit, over `--memory 1024`.
            (
                LINEAR_FORWARD,
                &format!("{LINEAR_FORWARD}\n    std::hint::black_box(vec![0u8; 3 << 30]);"),
            ),
            // 5 GiB: over the default 4096 MiB.
            (
                "let cost = -log_probs.sum() / m;",
                "let cost = -log_probs.sum() / m;\n    std::hint::black_box(vec![0u8; 5 << 30]);",
            ),
            // More processes than a case may start (a fork bomb, bounded).
            (
                "let num_layers = params.len() / 2; // L",
                &format!("let num_layers = params.len() / 2; // L\n    {bomb}"),
            ),
        ],
    );
    // `predict` writes a file larger than a case may (256 MiB).
    edit(
        &s,
        "exercises/week3/app.rs",
        "let p = probas.mapv(|v| if v > 0.5 { 1.0 } else { 0.0 });",
        "let p = probas.mapv(|v| if v > 0.5 { 1.0 } else { 0.0 });\n    std::fs::File::create(\"big\").unwrap().set_len(300 << 20).unwrap();",
    );
    let before = snapshot(s.path());
    let out = check(&s, &[]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert!(
        of(&report, "linear_forward")
            .iter()
            .all(|c| c["status"] == "pass"),
        "{report}"
    );
    for c in of(&report, "compute_cost") {
        assert_eq!(c["status"], "error", "{c}");
        assert!(
            c["message"]
                .as_str()
                .unwrap()
                .contains("used more than 4096 MiB of memory"),
            "{c}"
        );
    }
    for c in of(&report, "predict") {
        assert_eq!(c["status"], "error", "{c}");
        assert!(
            c["message"]
                .as_str()
                .unwrap()
                .contains("wrote a file larger than 256 MiB"),
            "{c}"
        );
    }
    if !root {
        // The bomb stopped at the process limit, well before its own bound.
        let n = std::fs::read_to_string(dir.path().join("forks")).unwrap();
        assert!(n.trim().parse::<u64>().unwrap() < 2000, "{n}");
        assert!(
            of(&report, "update_parameters")
                .iter()
                .all(|c| c["status"] == "pass"),
            "{report}"
        );
    }
    let ja = s
        .cmd()
        .args([
            "--lang",
            "ja",
            "check",
            "week3",
            "--format",
            "json",
            "--no-blame",
            "--memory",
            "1024",
        ])
        .output()
        .unwrap();
    assert_eq!(ja.status.code(), Some(1));
    let report = json(&ja);
    for c in of(&report, "linear_forward") {
        assert_eq!(c["status"], "error", "{c}");
        assert!(
            c["message"]
                .as_str()
                .unwrap()
                .contains("1024 MiB を超えるメモリを使いました"),
            "{c}"
        );
    }
    let err = one_line_error(
        &s.cmd()
            .args(["check", "week3", "--memory", "10"])
            .output()
            .unwrap(),
    );
    assert!(err.contains("--memory"), "{err}");
    assert_unchanged(&s, &before);
}

#[test]
fn fixture_mistakes_are_the_instructors_errors() {
    let s = Scratch::new();
    s.use_solution("week3");
    let original = s.read("fixtures/week3.json");
    let before = snapshot(s.path());
    let broken = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut file: serde_json::Value = serde_json::from_str(&original).unwrap();
        let case = file["cases"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|c| c["id"] == "linear_forward/notebook")
            .unwrap();
        change(case);
        s.write(
            "fixtures/week3.json",
            &serde_json::to_string_pretty(&file).unwrap(),
        );
        one_line_error(&s.cmd().args(["check", "week3"]).output().unwrap())
    };
    let err = broken(&|c| c["function"] = "no_such_function".into());
    assert!(
        err.contains("fixtures/week3.json")
            && err.contains("linear_forward/notebook")
            && err.contains("no_such_function"),
        "{err}"
    );
    let err = broken(&|c| {
        c["args"].as_object_mut().unwrap().remove("A");
    });
    assert!(
        err.contains("fixtures/week3.json")
            && err.contains("linear_forward/notebook")
            && err.contains("argument `A` is missing")
            && err.contains("not in your code"),
        "{err}"
    );
    let err = broken(&|c| c["expected"]["Z"] = serde_json::json!({"type": "float", "value": 1.0}));
    assert!(
        err.contains("fixtures/week3.json") && err.contains("linear_forward/notebook") && err.contains("`Z`"),
        "{err}"
    );
    s.write("fixtures/week3.json", &original);
    assert_unchanged(&s, &before);
}

#[test]
fn stub_force_twice_in_a_second_keeps_both_backups() {
    let s = Scratch::new();
    s.use_solution("week3");
    let first = s.read("exercises/week3/deep_nn.rs");
    assert!(
        s.cmd()
            .args(["stub", "week3", "--force"])
            .output()
            .unwrap()
            .status
            .success()
    );
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[(LINEAR_FORWARD, "let z = b + w.dot(a);")],
    );
    let second = s.read("exercises/week3/deep_nn.rs");
    assert!(
        s.cmd()
            .args(["stub", "week3", "--force"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let mut kept: Vec<String> = std::fs::read_dir(s.file(".dl-course/backups/week3"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("deep_nn.rs.")
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    kept.sort();
    let mut wanted = vec![first, second];
    wanted.sort();
    assert_eq!(kept.len(), 2, "two backups of deep_nn.rs");
    assert!(kept == wanted, "the backups are not the two versions");
}

#[test]
fn cargos_own_failure_is_one_line_with_the_path() {
    let s = Scratch::new();
    s.use_solution("week3");
    let before = snapshot(s.path());
    // Cargo cannot create its target directory (as in a read-only checkout or on a full disk).
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let target = blocker.path().join("cargo");
    let out = s
        .cmd()
        .env("DL_COURSE_TARGET_DIR", &target)
        .args(["check", "week3", "--format", "json"])
        .output()
        .unwrap();
    let err = one_line_error(&out);
    assert!(err.contains("cargo failed building"), "{err}");
    assert!(err.contains(&blocker.path().display().to_string()), "{err}");
    assert!(out.stdout.is_empty());
    // The human report too, although it is a first build (which shows cargo's progress).
    let out = s
        .cmd()
        .env("DL_COURSE_TARGET_DIR", &target)
        .args(["check", "week3"])
        .output()
        .unwrap();
    let err = one_line_error(&out);
    assert!(err.contains("cargo failed building"), "{err}");
    assert_unchanged(&s, &before);
}
