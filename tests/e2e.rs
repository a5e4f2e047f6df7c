//! End-to-end: the real `dl-course` binary on a scratch copy of the course.

mod common;

use common::{Scratch, cases};

fn statuses(report: &serde_json::Value) -> Vec<(String, String, String)> {
    cases(report)
        .iter()
        .map(|c| {
            (
                c["function"].as_str().unwrap().to_string(),
                c["kind"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_solution_passes_every_case() {
    let s = Scratch::new();
    s.use_solution("week3");
    let (report, code) = s.check_json("week3");
    let failing: Vec<_> = statuses(&report)
        .into_iter()
        .filter(|(_, _, st)| st != "pass")
        .collect();
    assert!(failing.is_empty(), "failing: {failing:?}");
    assert_eq!(code, 0);
    assert!(report["summary"]["passed"].as_u64().unwrap() >= 40);
    let human = s.cmd().args(["check", "week3"]).output().unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.lines()
            .last()
            .unwrap()
            .ends_with(" passed, 0 failed, 0 not done"),
        "{text}"
    );
    // A solved week fits on a screen: a line per function, what comes next, the counts.
    assert!(
        text.lines().count() <= 20,
        "{} lines:\n{text}",
        text.lines().count()
    );
    assert!(text.contains("✓ linear_forward"), "{text}");
    assert!(
        text.contains("Next: every case of week3 passes. Go on with week4"),
        "{text}"
    );
}

#[test]
fn the_stub_is_not_done_function_by_function() {
    let s = Scratch::new();
    let (report, code) = s.check_json("week3");
    assert_eq!(code, 1);
    assert!(statuses(&report).iter().all(|(_, _, st)| st == "not_done"));
    assert_eq!(report["summary"]["failed"], 0, "not done is not failed");
    let total = cases(&report).len();
    assert_eq!(report["summary"]["not_done"].as_u64(), Some(total as u64));
    let out = s.cmd().args(["check", "week3"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    // One line per function, not a wall of failures, and where to start.
    assert!(text.contains("· linear_forward"), "{text}");
    assert!(text.contains("not started"), "{text}");
    assert!(!text.contains("FAIL") && !text.contains('✗'), "{text}");
    let next = text
        .lines()
        .find(|l| l.starts_with("Next: "))
        .unwrap_or_else(|| panic!("no Next: {text}"));
    assert!(
        next.contains("write `initialize_parameters` at exercises/week3/deep_nn.rs:") && next.contains("≈"),
        "{next}"
    );
    assert!(
        text.contains("dl-course hint week3 initialize_parameters"),
        "{text}"
    );
    assert_eq!(
        text.lines().last().unwrap(),
        format!("0 passed, 0 failed, {total} not done")
    );
    let ja = s.cmd().args(["--lang", "ja", "check", "week3"]).output().unwrap();
    let ja = String::from_utf8_lossy(&ja.stdout);
    assert!(ja.contains("未着手") && ja.contains("次:"), "{ja}");
    assert!(
        ja.lines().last().unwrap().ends_with("not done"),
        "the closing line stays English: {ja}"
    );
}

#[test]
fn two_wrong_functions_give_one_focused_explanation() {
    let s = Scratch::new();
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[
            ("let z = w.dot(a) + b;", "let z = w.dot(a) - b;"),
            (
                "    let cost = -log_probs.sum() / m;",
                "    let cost = log_probs.sum() / m;",
            ),
        ],
    );
    let out = s.cmd().args(["check", "week3"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() <= 30, "{} lines:\n{text}", lines.len());
    // Both wrong functions are named on their own line; the first is explained once.
    assert!(
        text.contains("✗ linear_forward") && text.contains("✗ compute_cost"),
        "{text}"
    );
    assert_eq!(
        text.matches("the fault is in blank `linear_forward#1`").count(),
        1,
        "{text}"
    );
    assert!(text.contains("same cause:"), "{text}");
    let explained = lines
        .iter()
        .position(|l| l.contains("the fault is in blank `linear_forward#1`"))
        .unwrap();
    let next = lines.iter().position(|l| l.starts_with("Next: ")).unwrap();
    assert!(explained < next, "{text}");
    assert!(lines[next].contains("fix `linear_forward#1`"), "{text}");
    assert!(
        lines[next].contains("exercises/week3/deep_nn.rs:"),
        "paths relative to the course: {text}"
    );
    assert!(
        !text.contains(&s.path().display().to_string()),
        "an absolute path: {text}"
    );
    assert!(text.contains("dl-course hint week3 linear_forward"), "{text}");
    let last = lines.last().unwrap();
    assert!(
        last.ends_with("failed, 0 not done") && !last.starts_with("0 passed"),
        "{last}"
    );
    // --verbose keeps the full listing.
    let verbose = s
        .cmd()
        .args(["check", "week3", "--verbose", "--no-blame"])
        .output()
        .unwrap();
    let verbose = String::from_utf8_lossy(&verbose.stdout);
    assert!(verbose.contains("FAIL     linear_forward/notebook"), "{verbose}");
    assert!(verbose.lines().count() > 60, "{verbose}");
}

#[test]
fn a_json_record_has_the_documented_fields() {
    let s = Scratch::new();
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[("let z = w.dot(a) + b;", "let z = w.dot(a) - b;")],
    );
    let (report, _) = s.check_json("week3");
    let case = cases(&report)
        .iter()
        .find(|c| c["id"] == "linear_forward/notebook")
        .unwrap();
    for field in [
        "id", "week", "function", "kind", "status", "message", "hint", "blame", "output",
    ] {
        assert!(case.get(field).is_some(), "missing {field}: {case}");
    }
    assert_eq!(case["status"], "fail");
    assert_eq!(case["kind"], "unit");
    assert_eq!(case["blame"], serde_json::json!(["linear_forward#1"]));
    assert!(case["message"].as_str().unwrap().contains("expected"));
}

#[test]
fn a_panic_an_endless_loop_and_a_print_each_get_their_own_verdict() {
    let s = Scratch::new();
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[
            ("let z = w.dot(a) + b;", "println!(\"shape of w: {:?}\", w.shape());\n    let z: Array2<f64> = panic!(\"my own panic\");"),
            ("let cost = -log_probs.sum() / m;", "let cost = -log_probs.sum() / m;\n    loop { std::hint::black_box(0); }"),
        ],
    );
    let out = s
        .cmd()
        .args([
            "check",
            "week3",
            "--format",
            "json",
            "--timeout",
            "1",
            "--no-blame",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_fn = |f: &str| {
        cases(&report)
            .iter()
            .filter(|c| c["function"] == f)
            .cloned()
            .collect::<Vec<_>>()
    };
    let lf = by_fn("linear_forward");
    assert!(lf.iter().all(|c| c["status"] == "error"), "{lf:?}");
    assert!(lf[0]["message"].as_str().unwrap().contains("my own panic"));
    assert!(lf[0]["output"].as_str().unwrap().contains("shape of w: [1, 3]"));
    let cc = by_fn("compute_cost");
    assert!(cc.iter().all(|c| c["status"] == "timeout"), "{cc:?}");
    // Functions that touch neither still pass: one case's crash hides nothing else.
    assert!(by_fn("linear_backward").iter().all(|c| c["status"] == "pass"));
    assert!(by_fn("update_parameters").iter().all(|c| c["status"] == "pass"));
}

#[test]
fn a_compile_error_points_at_the_learners_file() {
    let s = Scratch::new();
    s.use_solution_with(
        "week3",
        "deep_nn.rs",
        &[("let z = w.dot(a) + b;", "let z = w.dot(a) + b")],
    );
    let out = s
        .cmd()
        .args(["check", "week3", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lf: Vec<_> = cases(&report)
        .iter()
        .filter(|c| c["function"] == "linear_forward")
        .collect();
    assert!(lf.iter().all(|c| c["status"] == "error"), "{lf:?}");
    assert!(
        lf[0]["message"].as_str().unwrap().contains("does not compile"),
        "{lf:?}"
    );
    let errors = report["compile_errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    assert!(
        errors[0].as_str().unwrap().contains("exercises/week3/deep_nn.rs"),
        "{errors:?}"
    );
    let human = s.cmd().args(["check", "week3"]).output().unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("does not compile"), "{text}");
}

fn one_line_error(out: &std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");
    err
}

#[test]
fn a_malformed_fixture_file_is_a_one_line_error() {
    let s = Scratch::new();
    s.write(
        "fixtures/week3.json",
        "{\"format\": 1, \"week\": \"week3\", \"cases\": [",
    );
    let err = one_line_error(&s.cmd().args(["check", "week3"]).output().unwrap());
    assert!(err.contains("fixtures/week3.json is malformed"), "{err}");
}

#[test]
fn a_missing_end_marker_is_a_one_line_error_naming_the_line() {
    let s = Scratch::new();
    let text = s.read("exercises/week3/deep_nn.rs");
    let line = text.lines().position(|l| l.trim() == "// END CODE HERE").unwrap();
    let broken: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != line)
        .map(|(_, l)| l)
        .collect();
    s.write("exercises/week3/deep_nn.rs", &broken.join("\n"));
    let err = one_line_error(&s.cmd().args(["check", "week3"]).output().unwrap());
    assert!(
        err.contains("deep_nn.rs:") && err.contains("never closed"),
        "{err}"
    );
}

#[test]
fn a_deleted_week_file_is_a_one_line_error() {
    let s = Scratch::new();
    std::fs::remove_file(s.file("exercises/week3/deep_nn.rs")).unwrap();
    let err = one_line_error(&s.cmd().args(["check", "week3"]).output().unwrap());
    assert!(err.contains("deep_nn.rs") && err.contains("cannot read"), "{err}");
}

#[test]
fn an_unknown_week_is_a_one_line_error() {
    let s = Scratch::new();
    let err = one_line_error(&s.cmd().args(["check", "week99"]).output().unwrap());
    assert!(err.contains("no week `week99`"), "{err}");
}

#[test]
fn stub_keeps_a_backup_of_learner_work() {
    let s = Scratch::new();
    s.use_solution("week3");
    let work = s.read("exercises/week3/deep_nn.rs");
    let refused = s.cmd().args(["stub", "week3"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        s.read("exercises/week3/deep_nn.rs"),
        work,
        "refusing must not touch the file"
    );
    let forced = s.cmd().args(["stub", "week3", "--force"]).output().unwrap();
    assert!(forced.status.success());
    let backups: Vec<_> = std::fs::read_dir(s.file(".dl-course/backups/week3"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("deep_nn.rs.")
        })
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        std::fs::read_to_string(backups[0].as_ref().unwrap().path()).unwrap(),
        work
    );
    assert_ne!(s.read("exercises/week3/deep_nn.rs"), work);
}

#[test]
fn verify_passes_and_fixtures_regenerate_byte_identical() {
    let s = Scratch::new();
    let before = s.read("fixtures/week3.json");
    let out = s.cmd().args(["fixtures", "week3"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = s.read("fixtures/week3.json");
    let first_difference = before.bytes().zip(after.bytes()).position(|(a, b)| a != b);
    assert!(
        before == after,
        "fixtures are not reproducible (first difference at byte {first_difference:?})"
    );
    let out = s.cmd().args(["verify", "week3"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("ok week3"));
}

/// The inputs of each case of a fixture file, by case id.
fn inputs(text: &str) -> std::collections::BTreeMap<String, serde_json::Value> {
    let file: serde_json::Value = serde_json::from_str(text).unwrap();
    cases(&file)
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), c["args"].clone()))
        .collect()
}

#[test]
fn a_hidden_set_redraws_the_courses_own_cases_and_verify_checks_it() {
    let s = Scratch::new();
    let hidden = tempfile::tempdir().unwrap();
    let dir = hidden.path().to_str().unwrap();
    let make = || {
        s.cmd()
            .args(["fixtures", "week3", "--seed", "7", "--out", dir])
            .output()
            .unwrap()
    };
    let out = make();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let first = std::fs::read_to_string(hidden.path().join("week3.json")).unwrap();
    assert!(make().status.success());
    assert_eq!(
        first,
        std::fs::read_to_string(hidden.path().join("week3.json")).unwrap(),
        "not reproducible"
    );
    let file: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(file["hidden"]["seed"], 7);
    // The same cases; the course's own draws differ, the notebook's are kept.
    let (public, secret) = (inputs(&s.read("fixtures/week3.json")), inputs(&first));
    assert_eq!(
        public.keys().collect::<Vec<_>>(),
        secret.keys().collect::<Vec<_>>()
    );
    assert_ne!(public["linear_forward/edge_m1"], secret["linear_forward/edge_m1"]);
    assert_ne!(public["l_model_forward/deep5"], secret["l_model_forward/deep5"]);
    assert_eq!(
        public["linear_forward/notebook"],
        secret["linear_forward/notebook"]
    );
    // The reference passes it, as a check with --fixtures and as verify sees it.
    s.use_solution("week3");
    let out = s
        .cmd()
        .args(["check", "week3", "--format", "json", "--fixtures", dir])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["failed"], 0, "{report}");
    assert_eq!(report["summary"]["passed"], 64);
    let out = s
        .cmd()
        .args(["verify", "week3", "--fixtures", dir])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("ok week3 (hidden set"), "{text}");
    // An input edited by hand is noticed.
    let edited = first.replacen("\"seed\": 7", "\"seed\": 8", 1);
    std::fs::write(hidden.path().join("week3.json"), edited).unwrap();
    let out = s
        .cmd()
        .args(["verify", "week3", "--fixtures", dir])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("is not what seed 8 draws"), "{text}");
    // Public fixtures are never replaced by a hidden set, nor passed off as one.
    let out = s
        .cmd()
        .args(["fixtures", "week3", "--seed", "7", "--out", "fixtures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("must not replace the public fixtures"));
    let out = s
        .cmd()
        .args(["verify", "week3", "--fixtures", "fixtures"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("is not a hidden set"));
}

#[test]
fn verify_notices_a_stale_stub_and_stale_fixtures() {
    let s = Scratch::new();
    let solution = s.read("solutions/week3/deep_nn.rs");
    s.write(
        "solutions/week3/deep_nn.rs",
        &solution.replace("let z = w.dot(a) + b;", "let z = b + w.dot(a);"),
    );
    let out = s.cmd().args(["verify", "week3"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("fixtures are stale"), "{text}");
}

#[test]
fn each_hint_call_opens_one_more_level() {
    let s = Scratch::new();
    let hint = |s: &Scratch| {
        String::from_utf8_lossy(
            &s.cmd()
                .args(["hint", "week3", "linear_forward"])
                .output()
                .unwrap()
                .stdout,
        )
        .to_string()
    };
    // Each ask opens one more level, without waiting for a failed check.
    let first = hint(&s);
    assert!(first.contains("1/3") && !first.contains("2/3"), "{first}");
    let again = hint(&s);
    assert!(
        again.contains("1/3") && again.contains("2/3") && !again.contains("3/3"),
        "{again}"
    );
    let third = hint(&s);
    assert!(third.contains("3/3"), "{third}");
    assert_eq!(hint(&s), third, "all levels open: the same hints again");
}

#[test]
fn list_shows_each_weeks_state() {
    let s = Scratch::new();
    let list =
        |s: &Scratch| String::from_utf8_lossy(&s.cmd().arg("list").output().unwrap().stdout).to_string();
    let week3 = |text: String| text.lines().find(|l| l.starts_with("week3")).unwrap().to_string();
    assert!(week3(list(&s)).contains("not started"));
    s.use_solution("week3");
    assert!(week3(list(&s)).contains("in progress"));
    s.cmd().args(["check", "week3"]).output().unwrap();
    assert!(week3(list(&s)).contains("done"));
}
