//! `dl-course check <week>`: build the learner's week, check every case, report.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use std::io::{IsTerminal, Write};

use anyhow::Result;
use colored::Colorize;

use super::shared;
use crate::judge::Status;
use crate::manifest::{Course, Lang};
use crate::pipeline::{self, CheckOptions, CheckedWeek};
use crate::report::{self, Msg};
use crate::state::{self, WeekProgress};

/// How the result is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable report.
    Human,
    /// One JSON object (see README.md).
    Json,
}

/// `check`'s arguments.
pub struct Args {
    /// Week id or alias; `None`: the week in progress.
    pub week: Option<String>,
    /// Output format.
    pub format: Format,
    /// Hidden fixtures' directory.
    pub fixtures: Option<PathBuf>,
    /// Default time limit per case.
    pub timeout: Duration,
    /// Memory limit per case, in MiB.
    pub memory_mib: u64,
    /// Skip blame.
    pub no_blame: bool,
    /// List every case in the human report.
    pub verbose: bool,
}

/// Runs `check`; exit 0 when every case passed, 1 otherwise.
pub fn run(course: &Course, lang: Lang, args: Args) -> Result<ExitCode> {
    let week = shared::chosen_week(course, args.week.as_deref(), lang)?;
    let mut options = CheckOptions {
        build: shared::build_options(),
        run: shared::run_options(args.timeout, args.memory_mib),
        blame: !args.no_blame,
        fixtures_dir: args.fixtures,
    };
    if args.format == Format::Json {
        options.build.color = false;
        options.build.quiet = true;
    }
    let next_week = course.weeks.iter().skip_while(|w| w.id != week.id).nth(1);
    let human = report::HumanOptions {
        verbose: args.verbose,
        next_week,
        week_time: None,
    };
    let checked = match args.format {
        Format::Json => {
            let checked = pipeline::check(course, week, &options)?;
            println!("{}", report::render_json(&checked, lang));
            record_progress(course, lang, &checked);
            checked
        }
        Format::Human => {
            // Verdicts first: what blame does not change is shown while it runs.
            let checked = pipeline::check_then_blame(course, week, &options, |early| {
                print!("{}", report::render_overview(early, lang, human));
                let _ = std::io::stdout().flush();
                let failing = early.verdicts.iter().any(|v| v.status.is_failure());
                if failing && options.blame && std::io::stderr().is_terminal() {
                    eprintln!("{}", Msg::LookingForBlank.text(lang).dimmed());
                }
            })?;
            let progress = record_progress(course, lang, &checked);
            let human = report::HumanOptions {
                week_time: progress.map(|p| p.done_after_secs.unwrap_or(p.working_secs)),
                ..human
            };
            print!("{}", report::render_details(&checked, lang, human));
            checked
        }
    };
    Ok(if checked.all_passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Records the check in the progress file: a working event now, the
/// functions that passed every case, the counts, and failed attempts per
/// function. Returns the week's progress (`None` when it could not be saved:
/// progress is a convenience and must not fail the check).
fn record_progress(course: &Course, lang: Lang, checked: &CheckedWeek) -> Option<WeekProgress> {
    let mut state = shared::load_state(course, lang);
    let progress = state.week(&checked.week.id);
    progress.record_event(state::now_unix());
    let failed: std::collections::BTreeSet<&str> = checked
        .verdicts
        .iter()
        .filter(|v| v.status.is_failure())
        .map(|v| v.function.as_str())
        .collect();
    let done: Vec<String> = checked
        .week
        .functions
        .iter()
        .filter(|f| {
            let mut cases = checked
                .verdicts
                .iter()
                .filter(|v| v.function == f.name)
                .peekable();
            cases.peek().is_some() && cases.all(|v| v.status == Status::Pass)
        })
        .map(|f| f.name.clone())
        .collect();
    let s = checked.summary();
    let passed = if checked.compile_errors.is_empty() {
        s.passed
    } else {
        0
    };
    progress.record_results(done, passed, checked.verdicts.len());
    progress.last_check = Some(state::now_unix());
    progress.functions_failing = failed.iter().map(|f| f.to_string()).collect();
    for f in failed {
        progress
            .functions
            .entry(f.to_string())
            .or_default()
            .failures_since_hint += 1;
    }
    let week = progress.clone();
    state.save(&course.state_dir()).ok().map(|()| week)
}
