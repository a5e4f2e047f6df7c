//! `dl-course hint <week> <function>`: the function's hints, one more level each time it is asked.

use std::process::ExitCode;

use anyhow::{Context, Result};
use colored::Colorize;

use super::shared;
use crate::manifest::{Course, Lang};
use crate::report::Msg;
use crate::state::HintAccess;

/// Prints the open hints and records that one more was asked for.
pub fn run(course: &Course, lang: Lang, week: &str, function: &str) -> Result<ExitCode> {
    let week = course.week(week)?;
    let f = shared::find_function(week, function)?;
    let mut state = shared::load_state(course, lang);
    let progress = state.week(&week.id).functions.entry(f.name.clone()).or_default();
    let shown = match progress.ask_hint(f.hints.len()) {
        HintAccess::Reveal(0) | HintAccess::AllShown(0) => {
            println!("{}", Msg::NoHints.text(lang));
            return Ok(ExitCode::SUCCESS);
        }
        HintAccess::Reveal(n) | HintAccess::AllShown(n) => n,
    };
    println!("{}", format!("{} — {}", f.name, f.summary.get(lang)).bold());
    for (i, h) in f.hints.iter().take(shown).enumerate() {
        println!(
            "  {} {}",
            format!("{}/{}", i + 1, f.hints.len()).cyan(),
            h.get(lang)
        );
    }
    let open: Vec<&str> = f.hints.iter().take(shown).map(|h| h.get(lang)).collect();
    super::show::print_ndarray_links(&open.join("\n"), lang);
    state.save(&course.state_dir()).context("cannot save progress")?;
    Ok(ExitCode::SUCCESS)
}
