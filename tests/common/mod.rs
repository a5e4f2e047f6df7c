//! A scratch copy of the course for end-to-end tests of the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// A private copy of the course: its exercises can be changed freely.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    /// Copies the course's files (not its build products) to a new directory.
    pub fn new() -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix("dl-course-e2e")
            .tempdir()
            .unwrap();
        for sub in ["course", "exercises", "solutions", "fixtures"] {
            copy_dir(&repo().join(sub), &dir.path().join(sub));
        }
        // The library is shared, not copied: one path means cargo compiles it
        // once for every scratch course instead of once per test.
        std::os::unix::fs::symlink(repo().join("dlc"), dir.path().join("dlc")).unwrap();
        for file in ["Cargo.toml", "Cargo.lock"] {
            std::fs::copy(repo().join(file), dir.path().join(file)).unwrap();
        }
        Scratch { dir }
    }

    /// The scratch course's root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `dl-course` run in the scratch course, English, no colours, builds
    /// sharing one target directory across tests so dependencies compile once.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("dl-course").unwrap();
        cmd.current_dir(self.path())
            .env("NO_COLOR", "1")
            .env("DL_COURSE_LANG", "en")
            .env(
                "DL_COURSE_TARGET_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("weeks"),
            );
        cmd
    }

    /// Path of a file in the scratch course.
    pub fn file(&self, rel: &str) -> PathBuf {
        self.path().join(rel)
    }

    /// Reads a file of the scratch course.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).unwrap()
    }

    /// Writes a file of the scratch course.
    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.file(rel), text).unwrap();
    }

    /// Puts the reference solution in place of all the learner's files of a week.
    pub fn use_solution(&self, week: &str) {
        for entry in std::fs::read_dir(self.file(&format!("solutions/{week}"))).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let text = self.read(&format!("solutions/{week}/{name}"));
            self.write(&format!("exercises/{week}/{name}"), &text);
        }
    }

    /// Puts the solution in place, then applies `(find, replace)` edits to
    /// `file` (each `find` must occur exactly once in the solution).
    pub fn use_solution_with(&self, week: &str, file: &str, edits: &[(&str, &str)]) {
        self.use_solution(week);
        let text = self.solution_with(week, file, edits);
        self.write(&format!("exercises/{week}/{file}"), &text);
    }

    /// The solution's `file` with `(find, replace)` edits applied (each
    /// `find` must occur exactly once in the solution).
    pub fn solution_with(&self, week: &str, file: &str, edits: &[(&str, &str)]) -> String {
        let mut text = self.read(&format!("solutions/{week}/{file}"));
        for (find, replace) in edits {
            assert_eq!(
                text.matches(find).count(),
                1,
                "`{find}` must occur exactly once in {week}/{file}"
            );
            text = text.replacen(find, replace, 1);
        }
        text
    }

    /// Runs `check --format json` and returns the parsed report and exit code.
    pub fn check_json(&self, week: &str) -> (serde_json::Value, i32) {
        let out = self
            .cmd()
            .args(["check", week, "--format", "json"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let report = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}):\n{stdout}\nstderr:\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (report, out.status.code().unwrap_or(-1))
    }
}

/// The cases of a JSON report.
pub fn cases(report: &serde_json::Value) -> &Vec<serde_json::Value> {
    report["cases"].as_array().expect("cases array")
}
