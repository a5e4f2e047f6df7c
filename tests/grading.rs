//! `dl-course grade` against hostile submissions (week3).
//!
//! Every attack sits in the one blank of `predict` (app.rs, a function no
//! other function uses) and is written so that it returns the right
//! predictions only when the attack works, and inverted ones otherwise: a
//! `predict` score of 0 means the attack failed, full marks that it worked.
//! The same submissions are built once, in one batch; a few runtime attacks
//! are graded again with `--unsandboxed`, where they must work, which shows
//! the attacks are real and that the sandbox is what stops them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::Scratch;
use serde_json::Value;

const TOKEN: &str = "ghp_FAKE_ci_token_7f3a";
const HIDDEN: &str = "HIDDENMARK-fixtures";
const FIND: &str = "    let p = probas.mapv(|v| if v > 0.5 { 1.0 } else { 0.0 });\n";

/// The predict blank's last line, with `stolen` (set by the attack before it)
/// deciding whether the predictions are right.
fn attack(setup: &str) -> String {
    format!("{setup}\n    let p = probas.mapv(|v| if (v > 0.5) == stolen {{ 1.0 }} else {{ 0.0 }});\n")
}

/// The hostile submissions: name → replacement of predict's last blank line.
fn attacks(course: &Path, hidden: &Path) -> Vec<(&'static str, String)> {
    let c = course.display();
    let h = hidden.display();
    vec![
        // Compile time: rejected on tokens.
        (
            "path_solution",
            attack(&format!(
                "    #[path = \"{c}/solutions/week3/app.rs\"]\n    mod reference;\n    let stolen = true;"
            )),
        ),
        (
            "include_solution",
            attack(&format!(
                "    let stolen = include_str!(\"{c}/solutions/week3/app.rs\").len() > 0;"
            )),
        ),
        (
            "env_macro",
            attack("    let stolen = option_env!(\"FAKE_CI_TOKEN\").is_some();"),
        ),
        (
            "command",
            attack(
                "    let stolen = std::process::Command::new(\"/bin/sh\").arg(\"-c\").arg(\"sleep 30 &\").status().is_ok();",
            ),
        ),
        // Run time: stopped by the sandbox.
        (
            "read_fixtures",
            attack(&format!(
                "    let stolen = {{
        let mut found = false;
        let mut dir = std::path::PathBuf::from(\".\");
        for _ in 0..12 {{
            if std::fs::read_to_string(dir.join(\"fixtures/week3.json\")).is_ok() {{ found = true; }}
            dir.push(\"..\");
        }}
        for p in [\"{c}/fixtures/week3.json\", \"{h}/week3.json\", \"{c}/solutions/week3/app.rs\"] {{
            if std::fs::read_to_string(p).is_ok() {{ found = true; }}
        }}
        println!(\"read fixtures: {{found}}\");
        found
    }};"
            )),
        ),
        (
            "proc_snoop",
            attack(&format!(
                "    let stolen = {{
        use std::io::{{Read, Seek}};
        let mut found = false;
        let mut pids = vec![std::os::unix::process::parent_id()];
        if let Ok(rd) = std::fs::read_dir(\"/proc\") {{
            for e in rd.flatten() {{
                if let Ok(n) = e.file_name().to_string_lossy().parse::<u32>() {{ pids.push(n); }}
            }}
        }}
        for pid in pids {{
            if pid == std::process::id() {{ continue; }}
            for what in [\"cmdline\", \"environ\"] {{
                if let Ok(c) = std::fs::read(format!(\"/proc/{{pid}}/{{what}}\")) {{
                    let text = String::from_utf8_lossy(&c).to_string();
                    if text.contains(\"{HIDDEN}\") || text.contains(\"ghp_\") {{ found = true; println!(\"{{text}}\"); }}
                }}
            }}
            let maps = std::fs::read_to_string(format!(\"/proc/{{pid}}/maps\")).unwrap_or_default();
            if let Some(start) = maps.split('-').next().and_then(|a| u64::from_str_radix(a, 16).ok()) {{
                if let Ok(mut f) = std::fs::File::open(format!(\"/proc/{{pid}}/mem\")) {{
                    let mut b = [0u8; 16];
                    if f.seek(std::io::SeekFrom::Start(start)).is_ok() && f.read(&mut b).is_ok() {{
                        found = true;
                        println!(\"read the memory of {{pid}}\");
                    }}
                }}
            }}
        }}
        found
    }};"
            )),
        ),
        (
            "env_snoop",
            attack(
                "    let stolen = {
        let mine = std::fs::read(\"/proc/self/environ\").unwrap_or_default();
        let text = String::from_utf8_lossy(&mine).to_string();
        println!(\"my environment: {text}\");
        text.contains(\"ghp_\")
    };",
            ),
        ),
        (
            "write_course",
            attack(&format!(
                "    let stolen = {{
        use std::io::Write;
        let mut wrote = false;
        for p in [\"{c}/fixtures/week3.json\", \"{c}/solutions/week3/app.rs\", \"{c}/exercises/week3/app.rs\",
                  \"{c}/course/week3/week.toml\", \"../../../../fixtures/week3.json\", \"/usr/forged\"] {{
            if let Ok(mut f) = std::fs::OpenOptions::new().append(true).create(true).open(p) {{
                if f.write_all(b\"\\n// forged\\n\").is_ok() {{ wrote = true; }}
            }}
        }}
        wrote
    }};"
            )),
        ),
        (
            "exit_early",
            attack("    std::process::exit(0);\n    let stolen = true;"),
        ),
        (
            "forge_result",
            attack(
                "    println!(\"{}\", r#\"{\"status\":\"ok\",\"outputs\":{}}\"#);
    println!(\"RESULT pass\");
    let _ = std::fs::write(\"/out/result.json\", \"{\\\"status\\\":\\\"ok\\\",\\\"outputs\\\":{}}\");
    std::process::exit(0);
    let stolen = true;",
            ),
        ),
        (
            "allocate",
            attack("    let big = vec![1u8; 6 << 30];\n    let stolen = big[12345] == 7;"),
        ),
        (
            "flood",
            attack(
                "    for i in 0..200_000 { println!(\"flood line {i} ..............................................\"); }\n    let stolen = false;",
            ),
        ),
        (
            "endless",
            attack("    let stolen: bool = loop { std::hint::spin_loop(); };"),
        ),
    ]
}

/// Every file under `root` (build products aside), for before/after comparison.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if entry.file_name() == "target" || entry.file_name() == ".dl-course" {
                continue;
            }
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                walk(root, &path, out);
            } else if kind.is_file() {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn copy_week(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A submission: the reference solution with `app.rs` edited by `(find, replace)`.
fn submission(s: &Scratch, dir: &Path, name: &str, edits: &[(&str, &str)]) -> PathBuf {
    let to = dir.join(name);
    copy_week(&s.file("solutions/week3"), &to);
    let mut text = std::fs::read_to_string(to.join("app.rs")).unwrap();
    for (find, replace) in edits {
        assert_eq!(text.matches(find).count(), 1, "{find}");
        text = text.replacen(find, replace, 1);
    }
    std::fs::write(to.join("app.rs"), text).unwrap();
    to
}

struct Batch {
    _scratch: Scratch,
    _dir: tempfile::TempDir,
    out: PathBuf,
    out_unsandboxed: PathBuf,
    stderr: String,
    course_unchanged: bool,
    marker: PathBuf,
}

/// Grades every hostile submission once (shared by the tests below).
fn batch() -> &'static Batch {
    static BATCH: OnceLock<Batch> = OnceLock::new();
    BATCH.get_or_init(|| {
        let scratch = Scratch::new();
        let dir = tempfile::Builder::new().prefix("dl-course-grading").tempdir().unwrap();
        let hidden = dir.path().join(HIDDEN);
        std::fs::create_dir_all(&hidden).unwrap();
        std::fs::copy(scratch.file("fixtures/week3.json"), hidden.join("week3.json")).unwrap();
        let subs = dir.path().join("submissions");
        let mut paths = vec![submission(&scratch, &subs, "reference", &[])];
        for (name, replace) in attacks(scratch.path(), &hidden) {
            paths.push(submission(&scratch, &subs, name, &[(FIND, &replace)]));
        }
        // Edited outside its blank (ignored), markers broken (that file's functions 0).
        paths.push(submission(
            &scratch,
            &subs,
            "outside_edit",
            &[("    // END CODE HERE\n    p\n}", "    // END CODE HERE\n    p.mapv(|v| 1.0 - v)\n}")],
        ));
        paths.push(submission(
            &scratch,
            &subs,
            "broken_markers",
            &[(FIND, "    let p = probas.mapv(|v| if v > 0.5 { 1.0 } else { 0.0 });\n    // END CODE HERE oops\n")],
        ));
        // A cargo configuration in the submission that would run a script at link time.
        let marker = dir.path().join("linker-ran");
        let evil = dir.path().join("evil-linker.sh");
        std::fs::write(&evil, format!("#!/bin/sh\ntouch {}\nexec cc \"$@\"\n", marker.display())).unwrap();
        std::fs::set_permissions(&evil, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        let cargo_config = submission(&scratch, &subs, "cargo_config", &[]);
        std::fs::create_dir_all(cargo_config.join(".cargo")).unwrap();
        std::fs::write(
            cargo_config.join(".cargo/config.toml"),
            format!(
                "[target.x86_64-unknown-linux-gnu]\nlinker = \"{0}\"\n[target.aarch64-unknown-linux-gnu]\nlinker = \"{0}\"\n",
                evil.display()
            ),
        )
        .unwrap();
        paths.push(cargo_config);

        let before = snapshot(scratch.path());
        let started = std::time::Instant::now();
        let out = dir.path().join("out");
        let result = scratch
            .cmd()
            .args(["grade", "week3", "--no-blame", "--jobs", "2", "--timeout", "2", "--format", "json"])
            .arg("--fixtures")
            .arg(&hidden)
            .arg("--out")
            .arg(&out)
            .args(&paths)
            .env("FAKE_CI_TOKEN", TOKEN)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
        assert_eq!(result.status.code(), Some(0), "stderr:\n{stderr}");
        let course_unchanged = snapshot(scratch.path()) == before;
        eprintln!("graded {} submissions in {:?}", paths.len(), started.elapsed());

        // The same runtime attacks without the sandbox: they must work there.
        let out_unsandboxed = dir.path().join("out-unsandboxed");
        let unsafe_ones: Vec<PathBuf> = ["read_fixtures", "env_snoop"].iter().map(|n| subs.join(n)).collect();
        let result = scratch
            .cmd()
            .args(["grade", "week3", "--no-blame", "--unsandboxed", "--format", "json"])
            .arg("--out")
            .arg(&out_unsandboxed)
            .args(&unsafe_ones)
            .env("FAKE_CI_TOKEN", TOKEN)
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
        Batch {
            _scratch: scratch,
            _dir: dir,
            out,
            out_unsandboxed,
            stderr,
            course_unchanged,
            marker,
        }
    })
}

fn result(out: &Path, name: &str) -> Value {
    let text =
        std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn function<'v>(result: &'v Value, name: &str) -> &'v Value {
    result["functions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// predict scores 0; every other function full marks.
fn only_predict_lost(r: &Value) {
    let name = &r["submission"];
    let p = function(r, "predict");
    assert_eq!(p["score"].as_f64(), Some(0.0), "{name}: predict {p:#}");
    for f in r["functions"].as_array().unwrap() {
        if f["name"] != "predict" {
            assert_eq!(f["mark"], "passed", "{name}: {f:#}");
            assert_eq!(f["score"], f["max_score"], "{name}: {f:#}");
        }
    }
}

#[test]
fn the_reference_scores_full_marks_and_the_course_is_never_touched() {
    let b = batch();
    let r = result(&b.out, "reference");
    assert_eq!(r["status"], "passed", "{r:#}");
    assert_eq!(r["score"], r["max_score"]);
    assert_eq!(r["max_score"].as_f64(), Some(15.0));
    assert!(b.course_unchanged, "the course tree changed during grading");
    let summary = std::fs::read_to_string(b.out.join("summary.csv")).unwrap();
    let lines: Vec<&str> = summary.lines().collect();
    assert_eq!(lines[0], "submission,score,max,status");
    assert_eq!(lines.len(), 1 + 1 + 13 + 3, "{summary}");
    assert!(lines.contains(&"reference,15.0,15.0,passed"), "{summary}");
    assert!(lines.contains(&"write_course,14.0,15.0,partial"), "{summary}");
}

#[test]
fn token_attacks_are_rejected_with_their_line() {
    let b = batch();
    for (name, token) in [
        ("path_solution", "#[path]"),
        ("include_solution", "include_str!"),
        ("env_macro", "option_env!"),
        ("command", "Command"),
    ] {
        let r = result(&b.out, name);
        only_predict_lost(&r);
        let p = function(&r, "predict");
        assert_eq!(p["mark"], "rejected", "{name}");
        let feedback = p["feedback"].as_str().unwrap();
        // The attack's first line is the predict blank's second line (the first is kept).
        assert!(
            feedback.starts_with("app.rs:168: `")
                && feedback.contains(token)
                && feedback.contains("not allowed"),
            "{name}: {feedback}"
        );
    }
}

#[test]
fn runtime_attacks_fail_in_the_sandbox_and_work_without_it() {
    let b = batch();
    for name in [
        "read_fixtures",
        "proc_snoop",
        "env_snoop",
        "write_course",
        "exit_early",
        "forge_result",
        "allocate",
        "flood",
        "endless",
    ] {
        let r = result(&b.out, name);
        only_predict_lost(&r);
        assert_ne!(function(&r, "predict")["mark"], "rejected", "{name}");
    }
    // Without the sandbox, the same code reads the fixtures and the grader's environment.
    for name in ["read_fixtures", "env_snoop"] {
        let r = result(&b.out_unsandboxed, name);
        assert_eq!(
            function(&r, "predict")["mark"],
            "passed",
            "{name} unsandboxed: {r:#}"
        );
    }
}

#[test]
fn each_runtime_attack_ends_with_a_clear_verdict() {
    let b = batch();
    let messages = |name: &str| -> String {
        let r = result(&b.out, name);
        function(&r, "predict")["feedback"].as_str().unwrap().to_string()
    };
    assert!(
        messages("exit_early").contains("exited with code 0"),
        "{}",
        messages("exit_early")
    );
    assert!(
        messages("allocate").to_lowercase().contains("memory"),
        "{}",
        messages("allocate")
    );
    assert!(
        messages("endless").contains("did not finish within 2.0 s"),
        "{}",
        messages("endless")
    );
    assert!(
        messages("forge_result").contains("0 of 4"),
        "{}",
        messages("forge_result")
    );
    // A flood is cut, not carried whole into the result.
    let flood = std::fs::read_to_string(b.out.join("flood.json")).unwrap();
    assert!(flood.len() < 1_000_000, "{} bytes", flood.len());
}

#[test]
fn nothing_of_the_graders_secrets_reaches_a_result() {
    let b = batch();
    for entry in std::fs::read_dir(&b.out).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        assert!(!text.contains(TOKEN), "{:?} holds the CI token", entry.path());
        assert!(
            !text.contains(HIDDEN),
            "{:?} names the hidden fixtures",
            entry.path()
        );
    }
    assert!(!b.stderr.contains(TOKEN));
    // The unsandboxed run shows the snooping is real: the token is there.
    let leaked = std::fs::read_to_string(b.out_unsandboxed.join("env_snoop.json")).unwrap();
    assert!(leaked.contains(TOKEN));
}

#[test]
fn edits_outside_blanks_are_ignored_and_broken_markers_zero_their_file_only() {
    let b = batch();
    let r = result(&b.out, "outside_edit");
    assert_eq!(r["score"], r["max_score"], "{r:#}");
    let notes = r["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n.as_str().unwrap().contains("changed outside a blank: ignored")),
        "{notes:?}"
    );

    let r = result(&b.out, "broken_markers");
    for f in r["functions"].as_array().unwrap() {
        let in_app = ["two_layer_model", "l_layer_model", "predict"].contains(&f["name"].as_str().unwrap());
        if in_app {
            assert_eq!(f["mark"], "rejected", "{f:#}");
            assert!(f["feedback"].as_str().unwrap().starts_with("app.rs:"), "{f:#}");
        } else {
            assert_eq!(f["mark"], "passed", "{f:#}");
        }
    }
}

#[test]
fn a_submissions_cargo_configuration_is_never_read() {
    let b = batch();
    let r = result(&b.out, "cargo_config");
    assert_eq!(r["score"], r["max_score"], "{r:#}");
    assert!(!b.marker.exists(), "the submission's linker ran");
}

#[test]
fn the_reference_scores_full_marks_in_every_format() {
    let s = &Scratch::new();
    let run = |format: &str| -> String {
        let out = s
            .cmd()
            .args([
                "grade",
                "week3",
                "solutions/week3",
                "--no-blame",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let gradescope: Value = serde_json::from_str(&run("gradescope")).unwrap();
    assert_eq!(gradescope["score"].as_f64(), Some(15.0), "{gradescope:#}");
    let tests = gradescope["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 15);
    for t in tests {
        for field in ["name", "score", "max_score", "status", "output", "visibility"] {
            assert!(!t[field].is_null(), "gradescope test without {field}: {t:#}");
        }
        assert_eq!(t["score"], t["max_score"]);
        assert_eq!(t["status"], "passed");
    }

    let exercism: Value = serde_json::from_str(&run("exercism")).unwrap();
    assert_eq!(exercism["version"], 3);
    assert_eq!(exercism["status"], "pass");
    let tests = exercism["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 15);
    for t in tests {
        for field in ["name", "status", "message", "output", "test_code"] {
            assert!(t.get(field).is_some(), "exercism test without {field}: {t:#}");
        }
        assert_eq!(t["status"], "pass");
    }

    let xml = run("junit");
    let report = quick_junit_parse(&xml);
    assert_eq!(report, (15, 0), "{xml}");
}

/// `(tests, failures + errors)` of a JUnit document, checking that its
/// elements are well nested.
fn quick_junit_parse(xml: &str) -> (usize, usize) {
    let mut stack: Vec<String> = Vec::new();
    let mut tests = 0;
    let mut bad = 0;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        if let Some(closing) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(closing.trim()), "badly nested XML");
        } else {
            match name.as_str() {
                "testcase" => tests += 1,
                "failure" | "error" => bad += 1,
                _ => {}
            }
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    (tests, bad)
}

#[test]
fn a_case_leaves_no_process_behind_and_sees_no_grader() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("program.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nsleep 31.4159 &\nls /proc | grep -c '^[0-9]' > /work/pids\nid -u > /work/uid\necho \"[$FAKE_CI_TOKEN]\" > /work/env\nexit 0\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let (root, work, out) = (
        dir.path().join("root"),
        dir.path().join("work"),
        dir.path().join("out"),
    );
    for d in [&root, &work, &out] {
        std::fs::create_dir_all(d).unwrap();
    }
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_dl-course"))
        .arg("__sandbox")
        .args([&root, &script, &work, &out])
        .args(["10", "64", "32"])
        .env("FAKE_CI_TOKEN", TOKEN)
        .status()
        .unwrap();
    assert!(status.success());
    let read = |f: &str| std::fs::read_to_string(work.join(f)).unwrap();
    // The shell, ls, grep, the background sleep and init: a handful, never the machine's.
    let pids: usize = read("pids").trim().parse().unwrap();
    assert!(pids <= 6, "{pids} processes visible");
    assert_eq!(read("uid").trim(), "1000");
    assert_eq!(read("env").trim(), "[]");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let survivors: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).into_owned())
        .filter(|c| c.contains("31.4159"))
        .collect();
    assert!(survivors.is_empty(), "{survivors:?}");
}

#[test]
fn the_gradescope_autograder_grades_a_submission_in_a_fake_autograder_layout() {
    let scratch = Scratch::new();
    let root = tempfile::tempdir().unwrap();
    let out = scratch
        .cmd()
        .args(["autograder", "gradescope", "week3", "--out"])
        .arg(root.path().join("source"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "setup.sh",
        "run_autograder",
        "Cargo.lock",
        "dlc/Cargo.toml",
        "course/week3/week.toml",
    ] {
        assert!(root.path().join("source").join(file).exists(), "{file}");
    }
    // Gradescope puts the learner's files in /autograder/submission.
    copy_week(&scratch.file("solutions/week3"), &root.path().join("submission"));
    let status = std::process::Command::new(root.path().join("source/run_autograder"))
        .env("AUTOGRADER_ROOT", root.path())
        .env("DL_COURSE_BIN", env!("CARGO_BIN_EXE_dl-course"))
        .env(
            "DL_COURSE_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("weeks"),
        )
        .env("DL_COURSE_LANG", "en")
        .status()
        .unwrap();
    assert!(status.success());
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(root.path().join("results/results.json")).unwrap())
            .unwrap();
    assert_eq!(results["score"].as_f64(), Some(15.0), "{results:#}");
    assert_eq!(results["tests"].as_array().unwrap().len(), 15);
}
