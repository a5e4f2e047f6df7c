//! Run: call a compiled week once per case, each in its own process.
//!
//! One process per case means one case's panic, abort, endless loop or
//! in-place mutation can never reach another case. The request goes in on
//! stdin; the response comes back in a result file the learner's prints cannot
//! reach; stdout and stderr are kept together, in order, to show with the case.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use dlc::protocol::{CaseSpec, Request};
use wait_timeout::ChildExt;

use crate::fixtures::Fixture;
use crate::manifest::Course;

use crate::guard::{self, Limits};
use crate::sandbox::{self, SandboxDirs, SandboxLimits};

/// How much of a case's printed output is kept.
const OUTPUT_LIMIT: usize = 16 * 1024;

mod ending;
pub use ending::{Death, Ending, Exceeded, Outcome};
use ending::{ending_without_result, read_result};

/// How cases are run.
#[derive(Clone, Copy, Debug)]
pub struct RunOptions {
    /// Default time limit per case (a fixture may set its own).
    pub timeout: Duration,
    /// Cases run at once.
    pub workers: usize,
    /// Resource limits of every case's process.
    pub limits: Limits,
    /// Run every case in a sandbox (grading), with these extra limits;
    /// `None`: a plain child process (`check` on the learner's own machine).
    pub sandbox: Option<SandboxLimits>,
}

/// One case to run.
#[derive(Clone, Debug)]
pub struct Job {
    /// What to call.
    pub request: Request,
    /// How long it may take.
    pub timeout: Duration,
}

/// Where one case runs: `cwd` (fresh, removed after) and `result` (a file
/// outside `cwd` and its parent, so the case cannot delete it by accident).
pub struct CaseDirs {
    /// The case's working directory.
    pub cwd: PathBuf,
    /// The result file.
    pub result: PathBuf,
}

/// The sandbox's own directories for a case: beside its result file, which
/// then lives in a directory of its own (`/out` inside).
fn sandbox_dirs(dirs: &CaseDirs) -> SandboxDirs {
    let with = |suffix: &str| {
        let mut p = dirs.result.clone().into_os_string();
        p.push(suffix);
        PathBuf::from(p)
    };
    SandboxDirs {
        mount_point: with(".root"),
        work: dirs.cwd.clone(),
        out: with(".out"),
    }
}

/// Runs `binary` on one job in `dirs`, within `limits`, sandboxed when `sandboxed` says so.
pub fn run_one(
    binary: &Path,
    job: &Job,
    dirs: &CaseDirs,
    limits: &Limits,
    sandboxed: Option<&SandboxLimits>,
) -> Outcome {
    let started = Instant::now();
    let not_started = |why: String| Outcome {
        ending: Ending::NotStarted(why),
        output: String::new(),
        elapsed: started.elapsed(),
    };
    // Made anew for every case: the last one may have deleted either.
    let _ = std::fs::remove_dir_all(&dirs.cwd);
    if let Err(e) = std::fs::create_dir_all(&dirs.cwd) {
        return not_started(format!("cannot create {}: {e}", dirs.cwd.display()));
    }
    if let Some(parent) = dirs.result.parent()
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        return not_started(format!("cannot create {}: {e}", parent.display()));
    }
    let _ = std::fs::remove_file(&dirs.result);
    let sandbox_dirs = sandbox_dirs(dirs);
    let result_file = if sandboxed.is_some() {
        for d in [&sandbox_dirs.mount_point, &sandbox_dirs.out] {
            let _ = std::fs::remove_dir_all(d);
            if let Err(e) = std::fs::create_dir_all(d) {
                return not_started(format!("cannot create {}: {e}", d.display()));
            }
        }
        sandbox_dirs.out.join("result.json")
    } else {
        dirs.result.clone()
    };
    let (mut reader, writer) = match std::io::pipe() {
        Ok(p) => p,
        Err(e) => return not_started(format!("cannot create a pipe: {e}")),
    };
    let writer2 = match writer.try_clone() {
        Ok(w) => w,
        Err(e) => return not_started(format!("cannot create a pipe: {e}")),
    };
    let mut cmd = match sandboxed {
        Some(extra) => {
            // The program's arguments and environment are set inside the sandbox.
            match sandbox::command(binary, &sandbox_dirs, extra) {
                Ok(c) => c,
                Err(e) => return not_started(format!("cannot start the sandbox: {e}")),
            }
        }
        None => {
            let mut c = Command::new(binary);
            c.arg("run").arg(&dirs.result).env("RUST_BACKTRACE", "0");
            c
        }
    };
    cmd.current_dir(&dirs.cwd)
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(writer2);
    // Another worker's case may delete the run directory between our
    // creating `cwd` and the spawn: make it again and retry, a few times.
    let mut attempt = 0;
    let mut child = loop {
        match guard::spawn(&mut cmd, limits) {
            Ok(c) => break c,
            Err(_) if attempt < 3 && !dirs.cwd.is_dir() => {
                attempt += 1;
                let _ = std::fs::create_dir_all(&dirs.cwd);
            }
            Err(e) => return not_started(format!("cannot start {}: {e}", binary.display())),
        }
    };
    // Our copies of the write ends are gone with `cmd`; EOF comes when the
    // case's last process exits.
    drop(cmd);
    let (sender, collected) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        let mut dropped = 0usize;
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = OUTPUT_LIMIT.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                    dropped += n.saturating_sub(room);
                }
            }
        }
        let mut text = String::from_utf8_lossy(&kept).into_owned();
        if dropped > 0 {
            text += &format!("\n… ({dropped} more bytes not shown)");
        }
        // The receiver may have stopped waiting: nothing to do then.
        let _ = sender.send(text);
    });
    if let Some(mut stdin) = child.stdin.take() {
        let body = serde_json::to_vec(&job.request).unwrap_or_default();
        // A child that exits before reading its input is reported below, not here.
        let _ = stdin.write_all(&body);
    }
    let waited = child.wait_timeout(job.timeout);
    if !matches!(waited, Ok(Some(_))) {
        let _ = child.kill();
        let _ = child.wait();
    }
    // However it ended, nothing it started survives it.
    guard::kill_group(&child);
    // A process that left its group may still hold the pipe: do not wait for
    // it forever. (Received the moment the pipe closes: no polling.)
    let output = collected
        .recv_timeout(Duration::from_millis(500))
        .unwrap_or_else(|_| {
            String::from("(output not collected: a process started by the case still holds it)")
        });
    let ending = match waited {
        Ok(Some(status)) => {
            read_result(&result_file).unwrap_or_else(|| ending_without_result(status, &output, limits))
        }
        Ok(None) => Ending::TimedOut(job.timeout),
        Err(e) => Ending::Died(Death::NotWaited(e.to_string())),
    };
    let _ = std::fs::remove_file(&dirs.result);
    let _ = std::fs::remove_dir_all(&dirs.cwd);
    if sandboxed.is_some() {
        let _ = std::fs::remove_dir_all(&sandbox_dirs.out);
        let _ = std::fs::remove_dir(&sandbox_dirs.mount_point);
    }
    Outcome {
        ending,
        output,
        elapsed: started.elapsed(),
    }
}

/// Runs every job, `workers` at a time, and returns outcomes in job order.
///
/// Case `i` runs in `scratch/case-i/` (created fresh, removed after); its
/// result file is `scratch.results/case-i.json`, beside `scratch`, so a case
/// that deletes its directory or `scratch` itself harms no other case.
pub fn run_all(
    binary: &Path,
    jobs: &[Job],
    scratch: &Path,
    workers: usize,
    limits: &Limits,
    sandboxed: Option<&SandboxLimits>,
) -> Vec<Outcome> {
    let scratch = std::path::absolute(scratch).unwrap_or_else(|_| scratch.to_path_buf());
    let mut results = scratch.clone().into_os_string();
    results.push(".results");
    let results = PathBuf::from(results);
    guard::register_dir(&scratch);
    guard::register_dir(&results);
    let next = AtomicUsize::new(0);
    let mut outcomes: Vec<Option<Outcome>> = vec![None; jobs.len()];
    let slots: Vec<std::sync::Mutex<&mut Option<Outcome>>> =
        outcomes.iter_mut().map(std::sync::Mutex::new).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            let (next, slots, scratch, results) = (&next, &slots, &scratch, &results);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(i) else { break };
                    let dirs = CaseDirs {
                        cwd: scratch.join(format!("case-{i}")),
                        result: results.join(format!("case-{i}.json")),
                    };
                    let outcome = run_one(binary, job, &dirs, limits, sandboxed);
                    if let Ok(mut slot) = slots[i].lock() {
                        **slot = Some(outcome);
                    }
                }
            });
        }
    });
    drop(slots);
    let _ = std::fs::remove_dir_all(&results);
    guard::unregister_dir(&results);
    guard::unregister_dir(&scratch);
    outcomes
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome {
                ending: Ending::NotStarted("the worker running it failed".into()),
                output: String::new(),
                elapsed: Duration::ZERO,
            })
        })
        .collect()
}

fn job(spec: &CaseSpec, default_timeout: Duration, variant: &Selection) -> Job {
    Job {
        request: Request {
            function: spec.function.clone(),
            args: spec.args.clone(),
            echo: spec.unmodified.clone(),
            variant: variant.clone(),
        },
        timeout: spec
            .timeout_secs
            // Checked where the fixture was loaded; never panics on a bad one.
            .and_then(|secs| guard::checked_timeout(secs).ok())
            .unwrap_or(default_timeout),
    }
}

/// Runs `fixtures` on `binary`; `skip(f)` leaves a case unrun (its outcome `None`).
pub fn run_cases(
    course: &Course,
    binary: &Path,
    fixtures: &[&Fixture],
    options: &RunOptions,
    skip: impl Fn(&Fixture) -> bool,
) -> std::io::Result<Vec<Option<Outcome>>> {
    run_cases_in(&scratch_dir(course, options), binary, fixtures, options, skip)
}

/// Where one run's case directories go.
fn scratch_dir(course: &Course, options: &RunOptions) -> PathBuf {
    if options.sandbox.is_some() {
        // Sandboxed cases run as an unprivileged user, who must reach their
        // directories: never inside a course that may sit under /root.
        static N: AtomicUsize = AtomicUsize::new(0);
        std::env::temp_dir().join(format!(
            "dl-course-run-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ))
    } else {
        course.work_dir().join("run").join(std::process::id().to_string())
    }
}

/// [`run_cases`] with the cases' scratch directories under `scratch`
/// (created, and removed after).
pub fn run_cases_in(
    scratch: &Path,
    binary: &Path,
    fixtures: &[&Fixture],
    options: &RunOptions,
    skip: impl Fn(&Fixture) -> bool,
) -> std::io::Result<Vec<Option<Outcome>>> {
    let none = Selection::new();
    let chosen: Vec<usize> = (0..fixtures.len()).filter(|&i| !skip(fixtures[i])).collect();
    let runs: Vec<(&Fixture, &Selection)> = chosen.iter().map(|&i| (fixtures[i], &none)).collect();
    let outcomes = run_selected_in(scratch, binary, &runs, options)?;
    let mut all = vec![None; fixtures.len()];
    for (i, o) in chosen.into_iter().zip(outcomes) {
        all[i] = Some(o);
    }
    Ok(all)
}

/// Which version of each switchable function a blame binary runs
/// (`module::function` → version; empty: the code as written).
pub type Selection = std::collections::BTreeMap<String, usize>;

/// Runs each case on `binary` with its selection of versions (a blame
/// switchboard's variants, all at once on the workers); outcomes in order.
pub fn run_selected(
    course: &Course,
    binary: &Path,
    runs: &[(&Fixture, &Selection)],
    options: &RunOptions,
) -> std::io::Result<Vec<Outcome>> {
    run_selected_in(&scratch_dir(course, options), binary, runs, options)
}

fn run_selected_in(
    scratch: &Path,
    binary: &Path,
    runs: &[(&Fixture, &Selection)],
    options: &RunOptions,
) -> std::io::Result<Vec<Outcome>> {
    let jobs: Vec<Job> = runs
        .iter()
        .map(|(f, variant)| job(&f.spec, options.timeout, variant))
        .collect();
    std::fs::create_dir_all(scratch)
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot create {}: {e}", scratch.display())))?;
    // A sandboxed case's program is a copy beside its directories, where its
    // unprivileged user can reach it (the build's target directory may not be).
    let copy = scratch.join("program");
    let binary = if options.sandbox.is_some() {
        std::fs::copy(binary, &copy)
            .map_err(|e| std::io::Error::new(e.kind(), format!("cannot copy {}: {e}", binary.display())))?;
        copy.as_path()
    } else {
        binary
    };
    let outcomes = run_all(
        binary,
        &jobs,
        scratch,
        options.workers,
        &options.limits,
        options.sandbox.as_ref(),
    );
    let _ = std::fs::remove_dir_all(scratch);
    Ok(outcomes)
}
