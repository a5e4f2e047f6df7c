//! Run: call a compiled week once per case, each in its own process.
//!
//! One process per case means one case's panic, abort, endless loop or
//! in-place mutation can never reach another case. The request goes in on
//! stdin; the response comes back in a result file the learner's prints cannot
//! reach; stdout and stderr are kept together, in order, to show with the case.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use dlc::protocol::{CaseSpec, Request, Response};
use wait_timeout::ChildExt;

use crate::fixtures::Fixture;
use crate::manifest::Course;

/// How much of a case's printed output is kept.
const OUTPUT_LIMIT: usize = 16 * 1024;

/// How a case's process ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Ending {
    /// It wrote a response.
    Responded(Response),
    /// It ran past its time limit and was killed.
    TimedOut(Duration),
    /// It ended without a response (abort, stack overflow, `process::exit`).
    Died(String),
    /// It could not be started at all.
    NotStarted(String),
}

/// What one case's run produced.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// How it ended.
    pub ending: Ending,
    /// What the learner's code printed (stdout and stderr, in order, truncated).
    pub output: String,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// How cases are run.
#[derive(Clone, Copy, Debug)]
pub struct RunOptions {
    /// Default time limit per case (a fixture may set its own).
    pub timeout: Duration,
    /// Cases run at once.
    pub workers: usize,
}

/// One case to run.
#[derive(Clone, Debug)]
pub struct Job {
    /// What to call.
    pub request: Request,
    /// How long it may take.
    pub timeout: Duration,
}

fn describe_exit(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => "SIGABRT: the process aborted (a panic while panicking, or an explicit abort)",
                9 => "SIGKILL: the process was killed (out of memory?)",
                11 => "SIGSEGV: the process crashed (a stack overflow from deep or endless recursion?)",
                _ => "a signal",
            };
            return format!("killed by signal {signal} ({name})");
        }
    }
    match status.code() {
        Some(code) => format!("exited with code {code} without returning a result (std::process::exit?)"),
        None => "ended without returning a result".to_string(),
    }
}

/// Runs `binary` on one job; `scratch` is a private directory for the result file.
pub fn run_one(binary: &Path, job: &Job, scratch: &Path) -> Outcome {
    let started = Instant::now();
    let not_started = |why: String| Outcome {
        ending: Ending::NotStarted(why),
        output: String::new(),
        elapsed: started.elapsed(),
    };
    let result_file = scratch.join("result.json");
    let _ = std::fs::remove_file(&result_file);
    let (mut reader, writer) = match std::io::pipe() {
        Ok(p) => p,
        Err(e) => return not_started(format!("cannot create a pipe: {e}")),
    };
    let writer2 = match writer.try_clone() {
        Ok(w) => w,
        Err(e) => return not_started(format!("cannot create a pipe: {e}")),
    };
    let mut cmd = Command::new(binary);
    cmd.arg("run")
        .arg(&result_file)
        .current_dir(scratch)
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(writer2)
        .env("RUST_BACKTRACE", "0");
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return not_started(format!("cannot start {}: {e}", binary.display())),
    };
    // Our copies of the write ends are gone with `cmd`; EOF comes when the child exits.
    drop(cmd);
    let collector = std::thread::spawn(move || {
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
        text
    });
    if let Some(mut stdin) = child.stdin.take() {
        let body = serde_json::to_vec(&job.request).unwrap_or_default();
        // A child that exits before reading its input is reported below, not here.
        let _ = stdin.write_all(&body);
    }
    let ending = match child.wait_timeout(job.timeout) {
        Ok(Some(status)) => match std::fs::read_to_string(&result_file) {
            Ok(text) => match serde_json::from_str::<Response>(&text) {
                Ok(response) => Ending::Responded(response),
                Err(e) => Ending::Died(format!("returned an unreadable result ({e})")),
            },
            Err(_) => Ending::Died(describe_exit(status)),
        },
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            Ending::TimedOut(job.timeout)
        }
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            Ending::Died(format!("could not be waited for: {e}"))
        }
    };
    // If a grandchild still holds the pipe, do not wait for it forever.
    let output = if collector.is_finished() || wait_briefly(&collector) {
        collector.join().unwrap_or_default()
    } else {
        String::from("(output not collected: a process started by the case still holds it)")
    };
    Outcome {
        ending,
        output,
        elapsed: started.elapsed(),
    }
}

fn wait_briefly<T>(handle: &std::thread::JoinHandle<T>) -> bool {
    let until = Instant::now() + Duration::from_millis(500);
    while Instant::now() < until {
        if handle.is_finished() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

/// Runs every job, `workers` at a time, and returns outcomes in job order.
pub fn run_all(binary: &Path, jobs: &[Job], scratch: &Path, workers: usize) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let mut outcomes: Vec<Option<Outcome>> = vec![None; jobs.len()];
    let slots: Vec<std::sync::Mutex<&mut Option<Outcome>>> =
        outcomes.iter_mut().map(std::sync::Mutex::new).collect();
    std::thread::scope(|scope| {
        for w in 0..workers.max(1) {
            let dir: PathBuf = scratch.join(format!("worker{w}"));
            let (next, slots) = (&next, &slots);
            scope.spawn(move || {
                let _ = std::fs::create_dir_all(&dir);
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(i) else { break };
                    let outcome = run_one(binary, job, &dir);
                    if let Ok(mut slot) = slots[i].lock() {
                        **slot = Some(outcome);
                    }
                }
            });
        }
    });
    drop(slots);
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

fn job(spec: &CaseSpec, default_timeout: Duration) -> Job {
    Job {
        request: Request {
            function: spec.function.clone(),
            args: spec.args.clone(),
            echo: spec.unmodified.clone(),
        },
        timeout: spec
            .timeout_secs
            .map(Duration::from_secs_f64)
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
    let chosen: Vec<usize> = (0..fixtures.len()).filter(|&i| !skip(fixtures[i])).collect();
    let jobs: Vec<Job> = chosen
        .iter()
        .map(|&i| job(&fixtures[i].spec, options.timeout))
        .collect();
    let scratch = course.work_dir().join("run").join(std::process::id().to_string());
    std::fs::create_dir_all(&scratch)
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot create {}: {e}", scratch.display())))?;
    let outcomes = run_all(binary, &jobs, &scratch, options.workers);
    let _ = std::fs::remove_dir_all(&scratch);
    let mut all = vec![None; fixtures.len()];
    for (i, o) in chosen.into_iter().zip(outcomes) {
        all[i] = Some(o);
    }
    Ok(all)
}
