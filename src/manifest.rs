//! The course manifest: which weeks exist, their files, their graded
//! functions in order, what composes what, and the hints in both languages.
//!
//! `course/course.toml` lists the weeks; `course/<week>/week.toml` describes
//! one week's functions. Paths of a week's files all derive from here.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The manifest format this build understands.
pub const FORMAT: u32 = 1;

/// A text in English and Japanese.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// Japanese.
    pub ja: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

/// The language of messages and hints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Japanese (日本語).
    Ja,
}

impl Lang {
    /// Picks `en` or `ja` text.
    pub fn pick<'a>(self, en: &'a str, ja: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }

    /// `DL_COURSE_LANG`, else `ja` when the locale is Japanese, else `en`.
    pub fn from_env() -> Lang {
        let wanted = std::env::var("DL_COURSE_LANG")
            .or_else(|_| std::env::var("LC_ALL"))
            .or_else(|_| std::env::var("LANG"))
            .unwrap_or_default();
        if wanted.starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }
}

/// One graded function (or harness-only check) of a week.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// The Rust function's name.
    pub name: String,
    /// Graded functions it calls: where blame looks when it fails.
    #[serde(default)]
    pub uses: Vec<String>,
    /// Implemented by the harness (a training loop over the learner's functions); has no blanks.
    #[serde(default)]
    pub harness_only: bool,
    /// One line on what it computes.
    pub summary: Text,
    /// Hints, from a nudge to nearly the code.
    #[serde(default)]
    pub hints: Vec<Text>,
    /// Short names of this function's blanks, in order ("the relu branch").
    #[serde(default)]
    pub blanks: Vec<Text>,
    /// Points in grading (`dl-course grade`); default 1, so every function weighs the same.
    #[serde(default)]
    pub points: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekFile {
    format: u32,
    #[serde(rename = "function", default)]
    functions: Vec<Function>,
    #[serde(default)]
    mistakes: std::collections::BTreeMap<String, Text>,
    #[serde(default)]
    case_notes: std::collections::BTreeMap<String, Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekEntry {
    id: String,
    alias: String,
    title: Text,
    original: String,
    files: Vec<String>,
    #[serde(default)]
    estimated_hours: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseFile {
    format: u32,
    #[serde(rename = "week")]
    weeks: Vec<WeekEntry>,
}

/// One week: an assignment of graded functions in one or more files.
#[derive(Clone, Debug)]
pub struct Week {
    /// `week3`.
    pub id: String,
    /// The original's tag, `c1w4`.
    pub alias: String,
    /// The week's title.
    pub title: Text,
    /// The original assignment's name.
    pub original: String,
    /// Assignment files, relative to `exercises/<id>/` and `solutions/<id>/`.
    pub files: Vec<String>,
    /// Hours a learner is estimated to spend on the original assignment
    /// (`estimated_hours` in course.toml; an estimate of ours, shown as such).
    pub estimated_hours: Option<f64>,
    /// Graded functions in the order a learner meets them.
    pub functions: Vec<Function>,
    /// Words for the week's known mistakes (ids used in its cases), `[mistakes]` in week.toml.
    pub mistakes: std::collections::BTreeMap<String, Text>,
    /// Case descriptions in both languages, by case id (`[case_notes]` in
    /// week.toml). The English text repeats the case's `note` in cases.rs, so
    /// that `verify` can tell a translation gone stale.
    pub case_notes: std::collections::BTreeMap<String, Text>,
}

/// The whole course, rooted at a directory.
#[derive(Clone, Debug)]
pub struct Course {
    /// The directory holding `course/`, `exercises/`, `solutions/`, `fixtures/`.
    pub root: PathBuf,
    /// Weeks in order.
    pub weeks: Vec<Week>,
}

/// Why the manifest could not be used.
#[derive(Debug)]
pub enum ManifestError {
    /// A file could not be read.
    Read(PathBuf, std::io::Error),
    /// A file is not valid TOML of the expected form.
    Parse(PathBuf, String),
    /// The files parse but contradict each other or themselves.
    Invalid(PathBuf, String),
    /// No week has that id or alias.
    UnknownWeek(String, Vec<String>),
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ManifestError::Read(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            ManifestError::Parse(p, e) => write!(f, "{}: {}", p.display(), e.trim()),
            ManifestError::Invalid(p, e) => write!(f, "{}: {e}", p.display()),
            ManifestError::UnknownWeek(w, known) => {
                write!(f, "no week `{w}` in this course (weeks: {})", known.join(", "))
            }
        }
    }
}

impl std::error::Error for ManifestError {}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, ManifestError> {
    let text = std::fs::read_to_string(path).map_err(|e| ManifestError::Read(path.to_path_buf(), e))?;
    toml::from_str(&text).map_err(|e| ManifestError::Parse(path.to_path_buf(), e.to_string()))
}

/// `root` as an absolute path: canonical on unix (no `.` or `..` left, so
/// `--course .` and `--course exercises/..` name the same course), else
/// joined to the current directory.
fn absolute_root(root: &Path) -> std::io::Result<PathBuf> {
    #[cfg(unix)]
    {
        std::fs::canonicalize(root)
    }
    #[cfg(not(unix))]
    {
        std::path::absolute(root)
    }
}

impl Course {
    /// Finds the course root: `start` or the nearest ancestor holding `course/course.toml`.
    pub fn find_root(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .find(|dir| dir.join("course").join("course.toml").is_file())
            .map(Path::to_path_buf)
    }

    /// Loads and checks the manifest under `root`.
    ///
    /// The root is made absolute here, once: every path derived from it is
    /// then valid from any working directory (a case runs in its own).
    pub fn load(root: &Path) -> Result<Course, ManifestError> {
        let root = &absolute_root(root).map_err(|e| ManifestError::Read(root.to_path_buf(), e))?;
        let path = root.join("course").join("course.toml");
        let file: CourseFile = read_toml(&path)?;
        if file.format != FORMAT {
            return Err(ManifestError::Invalid(
                path,
                format!(
                    "format {} is not supported (this dl-course reads format {FORMAT})",
                    file.format
                ),
            ));
        }
        let mut weeks = Vec::new();
        for entry in file.weeks {
            let week_path = root.join("course").join(&entry.id).join("week.toml");
            let week_file: WeekFile = read_toml(&week_path)?;
            if week_file.format != FORMAT {
                return Err(ManifestError::Invalid(
                    week_path,
                    format!("format {} is not supported", week_file.format),
                ));
            }
            let week = Week {
                id: entry.id,
                alias: entry.alias,
                title: entry.title,
                original: entry.original,
                files: entry.files,
                estimated_hours: entry.estimated_hours,
                functions: week_file.functions,
                mistakes: week_file.mistakes,
                case_notes: week_file.case_notes,
            };
            week.check().map_err(|e| ManifestError::Invalid(week_path, e))?;
            weeks.push(week);
        }
        Ok(Course {
            root: root.to_path_buf(),
            weeks,
        })
    }

    /// The week with id or alias `name` (`week3` or `c1w4`, any case).
    pub fn week(&self, name: &str) -> Result<&Week, ManifestError> {
        let wanted = name.to_ascii_lowercase();
        self.weeks
            .iter()
            .find(|w| w.id == wanted || w.alias == wanted)
            .ok_or_else(|| {
                ManifestError::UnknownWeek(
                    name.to_string(),
                    self.weeks.iter().map(|w| w.id.clone()).collect(),
                )
            })
    }

    /// `exercises/<week>/<file>`: the learner's file.
    pub fn exercise_file(&self, week: &Week, file: &str) -> PathBuf {
        self.exercise_dir(week).join(file)
    }

    /// `exercises/<week>/`: the learner's files of a week.
    pub fn exercise_dir(&self, week: &Week) -> PathBuf {
        self.root.join("exercises").join(&week.id)
    }

    /// `solutions/<week>/<file>`: the reference solution.
    pub fn solution_file(&self, week: &Week, file: &str) -> PathBuf {
        self.root.join("solutions").join(&week.id).join(file)
    }

    /// `course/<week>/harness.rs`: the adapters that call the graded functions.
    pub fn harness_file(&self, week: &Week) -> PathBuf {
        self.root.join("course").join(&week.id).join("harness.rs")
    }

    /// `course/<week>/cases.rs`: the case inputs, built on the solution.
    pub fn cases_file(&self, week: &Week) -> PathBuf {
        self.root.join("course").join(&week.id).join("cases.rs")
    }

    /// `fixtures/<week>.json` under `dir` (default: the course's `fixtures/`).
    pub fn fixture_file(&self, week: &Week, dir: Option<&Path>) -> PathBuf {
        dir.map(Path::to_path_buf)
            .unwrap_or_else(|| self.root.join("fixtures"))
            .join(format!("{}.json", week.id))
    }

    /// `course/<week>/instructions/<function>.md`.
    pub fn instructions_file(&self, week: &Week, function: &str) -> PathBuf {
        self.root
            .join("course")
            .join(&week.id)
            .join("instructions")
            .join(format!("{function}.md"))
    }

    /// Where dl-course keeps builds: `target/dl-course/`.
    pub fn work_dir(&self) -> PathBuf {
        self.root.join("target").join("dl-course")
    }

    /// Cargo's target directory for compiled weeks, shared by all their builds
    /// so dependencies compile once: `DL_COURSE_TARGET_DIR`, else `target/dl-course/cargo`.
    pub fn cargo_target_dir(&self) -> PathBuf {
        std::env::var_os("DL_COURSE_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| self.work_dir().join("cargo"))
    }

    /// Where dl-course keeps the learner's progress and backups: `.dl-course/`.
    pub fn state_dir(&self) -> PathBuf {
        self.root.join(".dl-course")
    }
}

impl Week {
    fn check(&self) -> Result<(), String> {
        if self.files.is_empty() {
            return Err(format!("week {} lists no files", self.id));
        }
        for (i, f) in self.functions.iter().enumerate() {
            if self.functions[..i].iter().any(|g| g.name == f.name) {
                return Err(format!("function `{}` is listed twice", f.name));
            }
            for used in &f.uses {
                if !self.functions[..i].iter().any(|g| &g.name == used) {
                    return Err(format!(
                        "function `{}` uses `{used}`, which is not a function listed before it",
                        f.name
                    ));
                }
            }
        }
        for (id, note) in &self.case_notes {
            if note.en.trim().is_empty() || note.ja.trim().is_empty() {
                return Err(format!(
                    "[case_notes] `{id}` needs both an English and a Japanese text"
                ));
            }
        }
        Ok(())
    }

    /// The description of case `case_id` in `lang`: its `note` (from the
    /// fixture) in English, the `[case_notes]` translation in Japanese, or the
    /// note itself when the week has no translation for it.
    pub fn case_note<'a>(&'a self, case_id: &str, note: &'a str, lang: Lang) -> &'a str {
        match (lang, self.case_notes.get(case_id)) {
            (Lang::Ja, Some(text)) => &text.ja,
            _ => note,
        }
    }

    /// What is wrong with `[case_notes]` for these cases (id, English note):
    /// a case without a translation, a translation whose English no longer
    /// matches the case's note, an entry for no case.
    pub fn case_note_problems<'c>(&self, cases: impl IntoIterator<Item = (&'c str, &'c str)>) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (id, note) in cases {
            seen.insert(id);
            match self.case_notes.get(id) {
                None => problems.push(format!(
                    "case `{id}` has no entry in [case_notes] of course/{}/week.toml (its Japanese description)",
                    self.id
                )),
                Some(text) if text.en != note => problems.push(format!(
                    "[case_notes] `{id}` is stale: its English is \"{}\", the case's note is \"{note}\"",
                    text.en
                )),
                Some(_) => {}
            }
        }
        for id in self.case_notes.keys() {
            if !seen.contains(id.as_str()) {
                problems.push(format!("[case_notes] `{id}` names no case of {}", self.id));
            }
        }
        problems
    }

    /// The function called `name`.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// Every graded function `name` calls, directly or not, in manifest order.
    pub fn pieces_of(&self, name: &str) -> Vec<&Function> {
        let mut wanted = vec![name.to_string()];
        let mut i = 0;
        while i < wanted.len() {
            if let Some(f) = self.function(&wanted[i]) {
                for u in &f.uses {
                    if !wanted.contains(u) {
                        wanted.push(u.clone());
                    }
                }
            }
            i += 1;
        }
        self.functions
            .iter()
            .filter(|f| f.name != name && wanted.contains(&f.name))
            .collect()
    }

    /// Module name of an assignment file (`deep_nn.rs` → `deep_nn`).
    pub fn module_name(file: &str) -> String {
        Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// A small week for other modules' unit tests.
#[cfg(test)]
pub mod tests_support {
    use super::*;

    /// A week with one function and no files on disk.
    pub fn week() -> Week {
        Week {
            id: "week9".into(),
            alias: "c9w9".into(),
            title: Text::default(),
            original: String::new(),
            files: vec!["a.rs".into()],
            estimated_hours: None,
            functions: Vec::new(),
            mistakes: Default::default(),
            case_notes: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> Text {
        Text {
            en: "x".into(),
            ja: "x".into(),
        }
    }

    fn function(name: &str, uses: &[&str]) -> Function {
        Function {
            name: name.into(),
            uses: uses.iter().map(|s| s.to_string()).collect(),
            harness_only: false,
            summary: text(),
            hints: vec![],
            blanks: vec![],
            points: None,
        }
    }

    fn week(functions: Vec<Function>) -> Week {
        Week {
            id: "week9".into(),
            alias: "c9w9".into(),
            title: text(),
            original: "o".into(),
            files: vec!["a.rs".into()],
            estimated_hours: None,
            functions,
            mistakes: Default::default(),
            case_notes: Default::default(),
        }
    }

    #[test]
    fn a_relative_root_is_made_absolute() {
        let root = Course::load(Path::new("src/..")).unwrap().root;
        assert!(root.is_absolute(), "{}", root.display());
        assert!(!root.to_string_lossy().contains(".."), "{}", root.display());
    }

    #[test]
    fn pieces_are_transitive_and_in_manifest_order() {
        let w = week(vec![
            function("a", &[]),
            function("b", &["a"]),
            function("c", &["b"]),
        ]);
        let names: Vec<&str> = w.pieces_of("c").iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
    }

    #[test]
    fn every_case_of_every_week_has_a_japanese_note() {
        let course = Course::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        for week in &course.weeks {
            let path = course.fixture_file(week, None);
            let fixtures = crate::fixtures::FixtureFile::load(&path, &week.id).unwrap();
            let problems = week.case_note_problems(
                fixtures
                    .cases
                    .iter()
                    .map(|c| (c.spec.id.as_str(), c.spec.note.as_str())),
            );
            assert!(problems.is_empty(), "{}: {problems:#?}", week.id);
            for case in &fixtures.cases {
                let ja = week.case_note(&case.spec.id, &case.spec.note, Lang::Ja);
                // Left as it is only when it is notation, not words (`dim = 7`).
                let words = case
                    .spec
                    .note
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() >= 4);
                assert!(
                    !ja.trim().is_empty() && (ja != case.spec.note || !words),
                    "{}: {ja}",
                    case.spec.id
                );
                assert_eq!(
                    week.case_note(&case.spec.id, &case.spec.note, Lang::En),
                    case.spec.note
                );
            }
        }
    }

    #[test]
    fn case_notes_missing_stale_or_unknown_are_problems() {
        let mut w = week(vec![function("a", &[])]);
        w.case_notes.insert(
            "a/one".into(),
            Text {
                en: "old words".into(),
                ja: "古い".into(),
            },
        );
        w.case_notes.insert(
            "a/gone".into(),
            Text {
                en: "x".into(),
                ja: "x".into(),
            },
        );
        let problems = w.case_note_problems([("a/one", "new words"), ("a/two", "two")]);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].contains("stale") && problems[1].contains("a/two") && problems[2].contains("a/gone")
        );
        w.case_notes.insert(
            "a/two".into(),
            Text {
                en: "two".into(),
                ja: String::new(),
            },
        );
        assert!(w.check().unwrap_err().contains("Japanese"));
    }

    #[test]
    fn using_an_unknown_or_later_function_is_rejected() {
        let w = week(vec![function("b", &["a"]), function("a", &[])]);
        assert!(w.check().unwrap_err().contains("uses `a`"));
    }
}
