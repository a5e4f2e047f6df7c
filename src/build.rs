//! Build: compile one week's files, together with the week's harness, into a
//! program that answers the check protocol.
//!
//! Each build is a small generated Cargo package under `target/dl-course/`
//! whose `main.rs` pulls the week files in by absolute `#[path]`, so compile
//! errors point at the learner's own file and line. All packages share one
//! target directory, so dependencies compile once per machine, and each week
//! (and each variant of it) is its own package, so one week's compile error
//! never blocks another.
//!
//! Long because it holds both kinds of build: the course's (packages under
//! `target/dl-course/`) and a graded submission's (`build_isolated`: a fresh
//! package outside the course, against a copy of `dlc`), which share the
//! generated manifest and `main.rs` and the reading of cargo's messages.

use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cargo_metadata::Message;
use cargo_metadata::diagnostic::DiagnosticLevel;

use crate::manifest::{Course, Week};

/// A program to build: a name and the source of each assignment module.
#[derive(Clone, Debug)]
pub struct Program {
    /// Unique per course, e.g. `week3-learner`; names the package and (with a
    /// tag of the course directory) the binary.
    pub name: String,
    /// `(module name, source file)` for each assignment file of the week.
    pub modules: Vec<(String, PathBuf)>,
    /// Compile the week's case generator too (only the reference solution needs it).
    pub with_cases: bool,
}

/// One error rustc reported.
#[derive(Clone, Debug)]
pub struct CompileError {
    /// As rustc renders it (with colours when asked for).
    pub rendered: String,
    /// The error code, such as `E0308`.
    pub code: Option<String>,
    /// The one-line message.
    pub message: String,
    /// `file:line` of the primary span, when rustc gives one.
    pub location: Option<String>,
}

/// What a build produced.
#[derive(Debug)]
pub enum Built {
    /// The program, ready to run.
    Binary(PathBuf),
    /// The code does not compile.
    CompileErrors(Vec<CompileError>),
}

/// Why a build could not even be attempted or judged.
#[derive(Debug)]
pub enum BuildError {
    /// Writing the generated package failed.
    Io(PathBuf, std::io::Error),
    /// Cargo could not be started.
    Spawn(std::io::Error),
    /// Cargo failed without a compile error (a read-only tree, a full disk, a
    /// network or manifest problem): the package it was building and its stderr.
    Cargo(PathBuf, String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
            BuildError::Spawn(e) => write!(f, "cannot start cargo: {e} (is Rust installed and on PATH?)"),
            BuildError::Cargo(dir, out) => {
                write!(
                    f,
                    "cargo failed building {}: {}",
                    dir.display(),
                    cargo_summary(out)
                )
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// Is this line of cargo's stderr a progress report (`   Compiling ndarray v0.17.0`)?
fn is_progress(line: &str) -> bool {
    const VERBS: &[&str] = &[
        "Adding",
        "Blocking",
        "Building",
        "Checking",
        "Compiling",
        "Downloaded",
        "Downloading",
        "Finished",
        "Locking",
        "Updating",
    ];
    line.split_whitespace()
        .next()
        .is_some_and(|word| VERBS.contains(&word))
}

/// Cargo's own error in one line: its first `error:` line and the causes
/// under it, joined (`failed to create directory `…`: Read-only file system`).
fn cargo_summary(stderr: &str) -> String {
    let mut lines = stderr
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("error"));
    let Some(first) = lines.next() else {
        return "see its messages above".to_string();
    };
    let mut parts = vec![first.trim_start_matches("error:").trim().to_string()];
    parts.extend(
        lines
            .take_while(|l| !l.starts_with("warning") && !l.starts_with("error"))
            .filter(|l| !l.is_empty() && *l != "Caused by:")
            .map(str::to_string),
    );
    parts.join(": ")
}

/// How to run cargo.
#[derive(Clone, Copy, Debug)]
pub struct BuildOptions {
    /// Ask rustc for coloured diagnostics.
    pub color: bool,
    /// Never show cargo's progress, even on the first build.
    pub quiet: bool,
}

fn write(path: &Path, text: &str) -> Result<(), BuildError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| BuildError::Io(dir.to_path_buf(), e))?;
    }
    // Rewriting an unchanged file would make cargo rebuild for nothing.
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| BuildError::Io(path.to_path_buf(), e))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Source of `main.rs` for a program: the week modules, the harness, the
/// case generator when asked for, and `main`.
fn main_source(program: &Program, harness: &Path, cases: &Path) -> String {
    let mut src = String::from("// Generated by dl-course; do not edit.\n");
    for (module, file) in &program.modules {
        src += &format!("#[path = {:?}]\nmod {module};\n", absolute(file));
    }
    src += &format!("#[path = {:?}]\nmod harness;\n", absolute(harness));
    let cases = if program.with_cases {
        src += &format!("#[path = {:?}]\nmod cases;\n", absolute(cases));
        "cases::cases"
    } else {
        "Vec::new"
    };
    src += &format!("\nfn main() {{\n    dlc::harness::serve(harness::FUNCTIONS, {cases})\n}}\n");
    src
}

/// The binary's name: the program's, tagged with the course it belongs to, so
/// that two course copies sharing one target directory (tests, benchmarks,
/// `DL_COURSE_TARGET_DIR`) never overwrite each other's binaries.
fn bin_name(program: &Program, course_tag: &str) -> String {
    format!("{}-{course_tag}", program.name)
}

/// A short, stable tag for a course directory.
fn course_tag(root: &Path) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(absolute(root).to_string_lossy().as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

fn manifest_source(programs: &[Program], package: &str, dlc: &Path, course_tag: &str) -> String {
    let mut toml = format!(
        "# Generated by dl-course; do not edit.\n[package]\nname = \"{package}\"\nversion = \"0.0.0\"\n\
         edition = \"2024\"\npublish = false\n\n[dependencies]\ndlc = {{ path = {:?} }}\nndarray = \"0.17\"\n\n\
         # Quick to compile where the learner edits, fast where the numbers are crunched.\n\
         [profile.dev]\nopt-level = 1\ndebug = false\nincremental = true\n\n\
         [profile.dev.package.\"*\"]\nopt-level = 3\n\n[workspace]\n",
        absolute(dlc)
    );
    for p in programs {
        toml += &format!(
            "\n[[bin]]\nname = \"{}\"\npath = \"{}.rs\"\n",
            bin_name(p, course_tag),
            p.name
        );
    }
    toml
}

/// Builds `programs` (all of one week) as one package named `package`.
///
/// Returns one result per program, in order. A compile error in one program
/// does not hide the others' results.
pub fn build(
    course: &Course,
    week: &Week,
    package: &str,
    programs: &[Program],
    options: BuildOptions,
) -> Result<Vec<Built>, BuildError> {
    let work = course.work_dir();
    let dir = work.join("packages").join(package);
    let tag = course_tag(&course.root);
    write(
        &dir.join("Cargo.toml"),
        &manifest_source(programs, package, &course.root.join("dlc"), &tag),
    )?;
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        // Same dependency versions as the course itself; cargo trims the rest.
        if let Ok(text) = std::fs::read_to_string(course.root.join("Cargo.lock")) {
            write(&lock, &text)?;
        }
    }
    for p in programs {
        write(
            &dir.join(format!("{}.rs", p.name)),
            &main_source(p, &course.harness_file(week), &course.cases_file(week)),
        )?;
    }
    let marker = course.cargo_target_dir().join("dependencies-built");
    let first_build = !marker.exists();
    let names: Vec<String> = programs.iter().map(|p| bin_name(p, &tag)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let results = cargo_build(
        &dir,
        &course.cargo_target_dir(),
        &names,
        options,
        first_build,
        false,
    )?;
    if results.iter().any(|b| matches!(b, Built::Binary(_))) {
        // Dependencies are compiled now; later builds stay quiet.
        let _ = std::fs::write(&marker, "");
    }
    Ok(results)
}

/// One cargo call for all `bins`; `--keep-going` so that one program's
/// compile error does not stop the others, which build in parallel.
fn cargo_build(
    dir: &Path,
    target_dir: &Path,
    bins: &[&str],
    options: BuildOptions,
    show_progress: bool,
    isolated: bool,
) -> Result<Vec<Built>, BuildError> {
    let format = if options.color {
        "json-diagnostic-rendered-ansi"
    } else {
        "json"
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["build", "--keep-going", "--message-format", format]);
    for bin in bins {
        command.args(["--bin", bin]);
    }
    if isolated {
        // A graded submission: nothing from the network, nothing of the
        // caller's environment (a CI token, RUSTFLAGS, CARGO_* overrides)
        // beyond what finds the toolchain and its registry cache.
        command.arg("--offline").env_clear();
        for keep in ["PATH", "HOME", "CARGO_HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN"] {
            if let Some(v) = std::env::var_os(keep) {
                command.env(keep, v);
            }
        }
        command.current_dir(dir);
    }
    let mut child = command
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(BuildError::Spawn)?;
    let echo = show_progress && !options.quiet;
    // Read stderr on its own thread so neither pipe can fill up and stall cargo.
    // On a first build, cargo's progress is shown as it comes; its errors
    // never are (they end in one line, `BuildError::Cargo`).
    let stderr_reader = child.stderr.take().map(|s| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let mut announced = false;
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if echo && is_progress(&line) {
                    if !announced {
                        announced = true;
                        eprintln!(
                            "dl-course: first build on this machine: compiling the course's dependencies once (a minute or two)..."
                        );
                    }
                    eprintln!("{line}");
                }
                text += &line;
                text.push('\n');
            }
            text
        })
    });
    let mut binaries: Vec<Option<PathBuf>> = vec![None; bins.len()];
    let mut errors: Vec<Vec<CompileError>> = vec![Vec::new(); bins.len()];
    if let Some(stdout) = child.stdout.take() {
        for message in Message::parse_stream(BufReader::new(stdout)).flatten() {
            match message {
                Message::CompilerArtifact(artifact) => {
                    if let Some(i) = bins.iter().position(|b| *b == artifact.target.name) {
                        binaries[i] = artifact.executable.map(|p| p.into_std_path_buf());
                    }
                }
                Message::CompilerMessage(msg) => {
                    let d = msg.message;
                    let i = bins.iter().position(|b| *b == msg.target.name);
                    // rustc's closing "aborting due to N previous errors" says nothing new.
                    let relevant = matches!(d.level, DiagnosticLevel::Error | DiagnosticLevel::Ice)
                        && !d.message.starts_with("aborting due to");
                    if let (Some(i), true) = (i, relevant) {
                        let location = d
                            .spans
                            .iter()
                            .find(|s| s.is_primary)
                            .map(|s| format!("{}:{}", s.file_name, s.line_start));
                        errors[i].push(CompileError {
                            location,
                            rendered: d.rendered.unwrap_or_else(|| d.message.clone()),
                            code: d.code.map(|c| c.code),
                            message: d.message,
                        });
                    }
                }
                _ => {}
            }
        }
    }
    let _ = child.wait().map_err(BuildError::Spawn)?;
    let stderr = stderr_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    binaries
        .into_iter()
        .zip(errors)
        .map(|(binary, errors)| match binary {
            Some(path) if errors.is_empty() => Ok(Built::Binary(path)),
            _ if !errors.is_empty() => Ok(Built::CompileErrors(errors)),
            _ => Err(BuildError::Cargo(dir.to_path_buf(), stderr.clone())),
        })
        .collect()
}

/// The learner's program: the exercise files as they are on disk.
pub fn learner_program(course: &Course, week: &Week) -> Program {
    Program {
        name: format!("{}-learner", week.id),
        modules: week
            .files
            .iter()
            .map(|f| (Week::module_name(f), course.exercise_file(week, f)))
            .collect(),
        with_cases: false,
    }
}

/// The reference program: the solution files.
pub fn solution_program(course: &Course, week: &Week) -> Program {
    Program {
        name: format!("{}-solution", week.id),
        modules: week
            .files
            .iter()
            .map(|f| (Week::module_name(f), course.solution_file(week, f)))
            .collect(),
        with_cases: true,
    }
}

/// Builds one program in its own package.
pub fn build_one(
    course: &Course,
    week: &Week,
    program: Program,
    options: BuildOptions,
) -> Result<Built, BuildError> {
    let package = format!("dlc-{}", program.name);
    let mut built = build(course, week, &package, std::slice::from_ref(&program), options)?;
    built.pop().ok_or_else(|| {
        BuildError::Cargo(
            course.work_dir().join("packages").join(&package),
            "cargo built nothing".into(),
        )
    })
}

/// Writes generated sources of a variant under `target/dl-course/sources/<name>/`.
pub fn write_variant(
    course: &Course,
    week: &Week,
    name: &str,
    texts: &[String],
) -> Result<Program, BuildError> {
    let dir = course.work_dir().join("sources").join(name);
    std::fs::create_dir_all(&dir).map_err(|e| BuildError::Io(dir.clone(), e))?;
    let mut modules = Vec::new();
    for (file, text) in week.files.iter().zip(texts) {
        let path = dir.join(file);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).map_err(|e| BuildError::Io(path.clone(), e))?;
        }
        modules.push((Week::module_name(file), path));
    }
    Ok(Program {
        name: name.to_string(),
        modules,
        with_cases: false,
    })
}

/// Where a graded submission is built (see [`build_isolated`]).
pub struct Isolated<'a> {
    /// A fresh, empty directory outside the course and the submission.
    pub dir: &'a Path,
    /// The grader's copy of `dlc` ([`dlc_copy`]).
    pub dlc: &'a Path,
    /// Cargo's target directory (compiled dependencies only are shared).
    pub target_dir: &'a Path,
    /// Unique among the builds sharing `target_dir`: names the package and binary.
    pub name: &'a str,
}

/// Builds a graded submission's week files (`texts`, in manifest order) in
/// `iso.dir`, a package holding only them, a copy of the week's harness and
/// the generated `main.rs` (never the solution, the fixtures or `cases.rs`),
/// with `cargo --offline` in a cleared environment.
pub fn build_isolated(
    course: &Course,
    week: &Week,
    texts: &[String],
    iso: &Isolated,
    options: BuildOptions,
) -> Result<Built, BuildError> {
    let mut modules = Vec::new();
    for (file, text) in week.files.iter().zip(texts) {
        let path = iso.dir.join(file);
        write(&path, text)?;
        modules.push((Week::module_name(file), path));
    }
    let harness = iso.dir.join("harness.rs");
    let harness_text = std::fs::read_to_string(course.harness_file(week))
        .map_err(|e| BuildError::Io(course.harness_file(week), e))?;
    write(&harness, &harness_text)?;
    let program = Program {
        name: iso.name.to_string(),
        modules,
        with_cases: false,
    };
    let tag = "graded";
    write(
        &iso.dir.join("Cargo.toml"),
        &manifest_source(std::slice::from_ref(&program), iso.name, iso.dlc, tag),
    )?;
    if let Ok(text) = std::fs::read_to_string(course.root.join("Cargo.lock")) {
        write(&iso.dir.join("Cargo.lock"), &text)?;
    }
    write(
        &iso.dir.join(format!("{}.rs", program.name)),
        &main_source(&program, &harness, &iso.dir.join("no-cases.rs")),
    )?;
    let name = bin_name(&program, tag);
    let mut quiet = options;
    quiet.quiet = true;
    let mut built = cargo_build(iso.dir, iso.target_dir, &[&name], quiet, false, true)?;
    built
        .pop()
        .ok_or_else(|| BuildError::Cargo(iso.dir.to_path_buf(), "cargo built nothing".into()))
}

/// The grader's copy of the course's `dlc` library, for graded builds: its
/// sources and data under the system's temporary directory, named by their
/// hash (so one copy serves every grading run of the same `dlc`), with a
/// manifest that no longer inherits from the course's workspace.
pub fn dlc_copy(course: &Course) -> Result<PathBuf, BuildError> {
    use sha2::{Digest, Sha256};
    let from = course.root.join("dlc");
    let io = |p: &Path, e| BuildError::Io(p.to_path_buf(), e);
    let mut files = Vec::new();
    collect_files(&from, &from, &mut files).map_err(|e| io(&from, e))?;
    files.retain(|rel| rel.starts_with("src") || rel.starts_with("data"));
    files.sort();
    let mut hasher = Sha256::new();
    let manifest = resolved_dlc_manifest(course)?;
    hasher.update(manifest.as_bytes());
    for rel in &files {
        hasher.update(rel.to_string_lossy().as_bytes());
        let bytes = std::fs::read(from.join(rel)).map_err(|e| io(&from.join(rel), e))?;
        hasher.update(&bytes);
    }
    let digest: String = hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let dest = std::env::temp_dir().join(format!("dl-course-grade-dlc-{digest}"));
    // A copy is used only when every file of it is the course's: one left
    // incomplete or altered (a crash of an older grader, a hand edit) is
    // made again instead of failing every build that uses it.
    let same = |rel: &Path| std::fs::read(dest.join(rel)).ok() == std::fs::read(from.join(rel)).ok();
    let intact = std::fs::read_to_string(dest.join("Cargo.toml")).is_ok_and(|m| m == manifest)
        && files.iter().all(|rel| same(rel));
    if intact {
        return Ok(dest);
    }
    let _ = std::fs::remove_dir_all(&dest);
    // Written aside, then renamed: a concurrent grader sees all of it or
    // nothing. The name is unique per call, as a batch's workers are threads
    // of one process.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let partial = std::env::temp_dir().join(format!(
        "dl-course-grade-dlc-{digest}.{}.{call}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&partial);
    for rel in &files {
        let to = partial.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::copy(from.join(rel), &to).map_err(|e| io(&to, e))?;
    }
    write(&partial.join("Cargo.toml"), &manifest)?;
    if std::fs::rename(&partial, &dest).is_err() {
        // Another grader got there first.
        let _ = std::fs::remove_dir_all(&partial);
    }
    Ok(dest)
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_files(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}

/// `dlc/Cargo.toml` with `x.workspace = true` replaced by the course
/// workspace's values, so the copy builds on its own.
fn resolved_dlc_manifest(course: &Course) -> Result<String, BuildError> {
    let read = |p: PathBuf| -> Result<toml::Table, BuildError> {
        let text = std::fs::read_to_string(&p).map_err(|e| BuildError::Io(p.clone(), e))?;
        text.parse::<toml::Table>()
            .map_err(|e| BuildError::Cargo(p.clone(), format!("error: {e}")))
    };
    let root = read(course.root.join("Cargo.toml"))?;
    let mut dlc = read(course.root.join("dlc").join("Cargo.toml"))?;
    let workspace = root.get("workspace").and_then(|w| w.as_table());
    let inherited = |section: &str, key: &str| {
        workspace
            .and_then(|w| w.get(section))
            .and_then(|s| s.as_table())
            .and_then(|s| s.get(key))
            .cloned()
    };
    let is_inherited = |v: &toml::Value| {
        v.as_table()
            .and_then(|t| t.get("workspace"))
            .and_then(|w| w.as_bool())
            == Some(true)
    };
    if let Some(package) = dlc.get_mut("package").and_then(|p| p.as_table_mut()) {
        for (key, value) in package.iter_mut() {
            if is_inherited(value)
                && let Some(v) = inherited("package", key)
            {
                *value = v;
            }
        }
    }
    if let Some(deps) = dlc.get_mut("dependencies").and_then(|p| p.as_table_mut()) {
        for (key, value) in deps.iter_mut() {
            if is_inherited(value)
                && let Some(v) = inherited("dependencies", key)
            {
                *value = v;
            }
        }
    }
    dlc.insert("workspace".into(), toml::Value::Table(toml::Table::new()));
    Ok(toml::to_string(&dlc).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_source_names_every_module_by_absolute_path() {
        let mut p = Program {
            name: "week3-learner".into(),
            modules: vec![("deep_nn".into(), PathBuf::from("/c/deep_nn.rs"))],
            with_cases: false,
        };
        let src = main_source(&p, Path::new("/c/harness.rs"), Path::new("/c/cases.rs"));
        assert!(src.contains("#[path = \"/c/deep_nn.rs\"]\nmod deep_nn;"));
        assert!(src.contains("mod harness;") && !src.contains("mod cases;"));
        assert!(src.contains("serve(harness::FUNCTIONS, Vec::new)"));
        p.with_cases = true;
        let src = main_source(&p, Path::new("/c/harness.rs"), Path::new("/c/cases.rs"));
        assert!(src.contains("mod cases;") && src.contains("serve(harness::FUNCTIONS, cases::cases)"));
    }

    #[test]
    fn cargos_own_failure_is_one_line() {
        let stderr = "warning: something\nerror: failed to create directory `/ro/target/debug`\n\nCaused by:\n  Read-only file system (os error 30)\n";
        let e = BuildError::Cargo(PathBuf::from("/ro/pkg"), stderr.into()).to_string();
        assert_eq!(
            e,
            "cargo failed building /ro/pkg: failed to create directory `/ro/target/debug`: Read-only file system (os error 30)"
        );
    }

    #[test]
    fn manifest_lists_one_bin_per_program() {
        let ps = [
            Program {
                name: "a".into(),
                modules: vec![],
                with_cases: false,
            },
            Program {
                name: "b".into(),
                modules: vec![],
                with_cases: false,
            },
        ];
        let toml = manifest_source(&ps, "pkg", Path::new("/c/dlc"), "0a1b2c3d");
        assert_eq!(toml.matches("[[bin]]").count(), 2);
        assert!(toml.contains("name = \"a-0a1b2c3d\"\npath = \"a.rs\""));
        assert!(toml.contains("[workspace]"));
    }
}
