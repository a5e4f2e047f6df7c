//! `dl-course fixtures <week>` (instructors): regenerate the week's fixtures
//! from its solution, or write a hidden set for grading.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};
use dlc::draws::Hidden;

use super::shared;
use crate::guard::Limits;
use crate::manifest::Course;
use crate::pipeline;

/// Writes `<week>.json` (into fixtures/, or `out`) and says how many cases it holds.
pub fn run(course: &Course, week: &str, hidden: Option<Hidden>, out: Option<&Path>) -> Result<ExitCode> {
    let week = course.week(week)?;
    let path = course.fixture_file(week, out);
    let public = course.fixture_file(week, None);
    if hidden.is_some() && same_file(&path, &public) {
        bail!(
            "a hidden set must not replace the public fixtures {}: give --out another directory, outside the course",
            public.display()
        );
    }
    let file = pipeline::make_fixtures(
        course,
        week,
        shared::build_options(),
        &shared::run_options(Duration::from_secs(30), Limits::DEFAULT_MEMORY_MIB),
        out,
        hidden,
    )?;
    match hidden {
        None => println!(
            "{}: {} cases written to {}",
            week.id,
            file.cases.len(),
            path.display()
        ),
        Some(h) => {
            let redrawn = match pipeline::load_fixtures(course, week, None) {
                Ok(public) => redrawn(&public.cases, &file.cases).to_string(),
                Err(_) => "?".into(),
            };
            println!(
                "{}: hidden set (seed {}{}) of {} cases, {redrawn} with other inputs than the public fixtures, written to {}",
                week.id,
                h.seed,
                if h.notebook {
                    ", notebook cases redrawn"
                } else {
                    ""
                },
                file.cases.len(),
                path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How many of `hidden`'s cases have other inputs than the public case of the same id.
pub fn redrawn(public: &[crate::fixtures::Fixture], hidden: &[crate::fixtures::Fixture]) -> usize {
    hidden
        .iter()
        .filter(|h| {
            public
                .iter()
                .find(|p| p.spec.id == h.spec.id)
                .is_none_or(|p| p.spec.args != h.spec.args)
        })
        .count()
}

/// Do `a` and `b` name the same file (compared through their directories,
/// which exist even when the files do not yet)?
fn same_file(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| {
        let dir = p.parent().and_then(|d| d.canonicalize().ok());
        dir.map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}
