//! `dl-course grade <week> <SUBMISSION>...`: grade submissions, each in the
//! sandbox, into the formats grading platforms read.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::shared;
use crate::grade::{self, GradeOptions, Outcome};
use crate::manifest::{Course, Lang};
use crate::pipeline;
use crate::report::{self, GradeFormat, Msg};
use crate::sandbox::{self, SandboxLimits};

/// `grade`'s arguments.
pub struct Args {
    /// Week id or alias.
    pub week: String,
    /// Submission directories (or `.rs` files of one-file weeks).
    pub submissions: Vec<PathBuf>,
    /// Output format.
    pub format: GradeFormat,
    /// Where result files and summary.csv go.
    pub out: Option<PathBuf>,
    /// Submissions graded at once.
    pub jobs: Option<usize>,
    /// Hidden fixtures' directory (read by the grader only).
    pub fixtures: Option<PathBuf>,
    /// Default time limit per case.
    pub timeout: Duration,
    /// Memory limit per case, in MiB.
    pub memory_mib: u64,
    /// Skip blame.
    pub no_blame: bool,
    /// Run submissions without the sandbox (explicit trust).
    pub unsandboxed: bool,
}

/// Default `--memory` for grading, in MiB.
pub const DEFAULT_MEMORY_MIB: u64 = 2048;

/// Runs `grade`: exit 0 when every submission was graded (whatever its
/// score), 1 when one could not be, 2 when grading could not start.
pub fn run(course: &Course, lang: Lang, args: Args) -> Result<ExitCode> {
    let week = course.week(&args.week)?;
    if args.submissions.len() > 1 && args.out.is_none() {
        bail!(Msg::GradeNeedsOut.say(lang, &[("n", &args.submissions.len())]));
    }
    let sandboxed = if args.unsandboxed {
        eprintln!("{}", Msg::Unsandboxed.text(lang));
        false
    } else {
        if let Err(why) = sandbox::probe() {
            bail!(Msg::SandboxUnavailable.say(lang, &[("why", &why)]));
        }
        true
    };
    // Read here, by the grader only: the sandbox never sees the path or the file.
    let fixture_file = pipeline::load_fixtures(course, week, args.fixtures.as_deref())?;
    let longest = fixture_file
        .cases
        .iter()
        .filter_map(|c| c.spec.timeout_secs)
        .fold(args.timeout.as_secs_f64(), f64::max);
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let jobs = args.jobs.unwrap_or(cores).clamp(1, args.submissions.len().max(1));
    let mut run = shared::run_options(args.timeout, args.memory_mib);
    run.workers = (cores / jobs).max(1);
    run.sandbox = sandboxed.then(|| SandboxLimits {
        // CPU time is a backstop behind the wall-clock limit, never the tighter one.
        cpu_secs: longest.ceil() as u64 + 2,
        ..SandboxLimits::default()
    });
    let mut build = shared::build_options();
    build.color = false;
    build.quiet = true;
    let options = GradeOptions {
        build,
        run,
        blame: !args.no_blame,
    };
    let mut names: Vec<String> = Vec::new();
    let submissions: Vec<(String, PathBuf)> = args
        .submissions
        .iter()
        .map(|p| {
            let base = grade::submission_name(p);
            let mut name = base.clone();
            let mut n = 2;
            while names.contains(&name) {
                name = format!("{base}-{n}");
                n += 1;
            }
            names.push(name.clone());
            (name, p.clone())
        })
        .collect();
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    }
    let progress = (std::io::stderr().is_terminal() && submissions.len() > 1).then(|| {
        let bar = indicatif::ProgressBar::new(submissions.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}") {
            bar.set_style(style);
        }
        bar
    });
    let rows: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());
    let failures = Mutex::new(0usize);
    let write_failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
    grade::grade_all(
        course,
        week,
        &fixture_file,
        &submissions,
        jobs,
        &options,
        |i, outcome| {
            let text = report::render_grade(&outcome, args.format, lang);
            if matches!(outcome, Outcome::Failed { .. }) {
                *failures.lock().unwrap_or_else(|p| p.into_inner()) += 1;
            }
            match &args.out {
                None => {
                    let mut stdout = std::io::stdout().lock();
                    let _ = writeln!(stdout, "{text}");
                }
                Some(out) => {
                    let file = out.join(format!("{}.{}", outcome.name(), args.format.extension()));
                    if let Err(e) = std::fs::write(&file, &text) {
                        write_failures
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push(format!("cannot write {}: {e}", file.display()));
                    }
                    let line = report::total_line(&outcome, lang);
                    match &progress {
                        Some(bar) => bar.println(line),
                        None => eprintln!("{line}"),
                    }
                }
            }
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            rows.lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((i, report::summary_row(&outcome)));
        },
    )?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some(out) = &args.out {
        let mut rows = rows.into_inner().unwrap_or_else(|p| p.into_inner());
        rows.sort();
        let mut csv = String::from(report::SUMMARY_HEADER);
        csv.push('\n');
        for (_, row) in rows {
            csv += &row;
            csv.push('\n');
        }
        let path = out.join("summary.csv");
        std::fs::write(&path, csv).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let write_failures = write_failures.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(first) = write_failures.first() {
        bail!("{first}");
    }
    let failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
