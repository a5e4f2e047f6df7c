//! `dl-course batch <week> <DIR>...`: many copies of a week's files checked
//! with one build (an instructor's seeded mistakes and alternatives).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};

use super::shared;
use crate::batch;
use crate::blanks::WeekSources;
use crate::manifest::{Course, Lang};
use crate::pipeline::CheckOptions;
use crate::report;

/// `batch`'s arguments.
pub struct Args {
    /// Week id or alias.
    pub week: String,
    /// Directories, each holding the week's files named as in `exercises/<week>/`.
    pub copies: Vec<PathBuf>,
    /// Default time limit per case.
    pub timeout: Duration,
    /// Memory limit per case, in MiB.
    pub memory_mib: u64,
    /// Skip blame.
    pub no_blame: bool,
}

/// Runs `batch`: one JSON line per copy, in order; exit 0 when every copy
/// passed every case, 1 otherwise.
pub fn run(course: &Course, lang: Lang, args: Args) -> Result<ExitCode> {
    let week = shared::chosen_week(course, Some(&args.week), lang)?;
    let copies: Vec<WeekSources> = args
        .copies
        .iter()
        .map(|dir| {
            WeekSources::load_copy(course, week, dir).with_context(|| format!("copy {}", dir.display()))
        })
        .collect::<Result<_>>()?;
    let mut build = shared::build_options();
    build.quiet = true;
    build.color = false;
    let options = CheckOptions {
        build,
        run: shared::run_options(args.timeout, args.memory_mib),
        blame: !args.no_blame,
        fixtures_dir: None,
    };
    let checked = batch::check_many(course, week, &copies, &options)?;
    for (dir, c) in args.copies.iter().zip(&checked) {
        println!(
            "{}",
            report::render_batch_line(&dir.display().to_string(), c, lang)
        );
    }
    Ok(if checked.iter().all(|c| c.checked.all_passed()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
