//! `dl-course fixtures <week>` (instructors): regenerate the week's fixtures from its solution.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;

use super::shared;
use crate::guard::Limits;
use crate::manifest::Course;
use crate::pipeline;

/// Regenerates `fixtures/<week>.json` and says how many cases it holds.
pub fn run(course: &Course, week: &str) -> Result<ExitCode> {
    let week = course.week(week)?;
    let file = pipeline::make_fixtures(
        course,
        week,
        shared::build_options(),
        &shared::run_options(Duration::from_secs(30), Limits::DEFAULT_MEMORY_MIB),
        None,
    )?;
    println!(
        "{}: {} cases written to {}",
        week.id,
        file.cases.len(),
        course.fixture_file(week, None).display()
    );
    Ok(ExitCode::SUCCESS)
}
