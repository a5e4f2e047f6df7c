//! `dl-course check <week>`: build the learner's week, check every case, report.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use std::io::{IsTerminal, Write};

use anyhow::Result;
use colored::Colorize;

use super::shared;
use crate::manifest::{Course, Lang};
use crate::pipeline::{self, CheckOptions, CheckedWeek};
use crate::report::{self, Msg};
use crate::state::State;

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
    /// Week id or alias.
    pub week: String,
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
    let week = course.week(&args.week)?;
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
    };
    let checked = match args.format {
        Format::Json => {
            let checked = pipeline::check(course, week, &options)?;
            println!("{}", report::render_json(&checked, lang));
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
            print!("{}", report::render_details(&checked, lang, human));
            checked
        }
    };
    record_progress(course, &checked);
    Ok(if checked.all_passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Counts failed attempts per function, which open the next hint level.
fn record_progress(course: &Course, checked: &CheckedWeek) {
    let mut state = State::load(&course.state_dir());
    let progress = state.week(&checked.week.id);
    progress.last_check_passed = checked.all_passed();
    let failed: std::collections::BTreeSet<&str> = checked
        .verdicts
        .iter()
        .filter(|v| v.status.is_failure())
        .map(|v| v.function.as_str())
        .collect();
    for f in failed {
        progress
            .functions
            .entry(f.to_string())
            .or_default()
            .failures_since_hint += 1;
    }
    // Progress is a convenience: failing to save it must not fail the check.
    let _ = state.save(&course.state_dir());
}
