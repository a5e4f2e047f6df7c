//! `dl-course list`: the weeks and the learner's progress.

use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;

use crate::blanks::WeekSources;
use crate::manifest::{Course, Lang};
use crate::report::Msg;
use crate::state::State;

/// Prints one line per week: id, tag, state, title.
pub fn run(course: &Course, lang: Lang) -> Result<ExitCode> {
    let state = State::load(&course.state_dir());
    for week in &course.weeks {
        let (msg, colored) = match WeekSources::load(course, week) {
            Err(_) => (Msg::WeekCannotRead, "red"),
            Ok(s) if s.nothing_written() => (Msg::WeekNotStarted, "dimmed"),
            Ok(s)
                if s.untouched_functions().is_empty()
                    && state.weeks.get(&week.id).is_some_and(|w| w.last_check_passed) =>
            {
                (Msg::WeekDone, "green")
            }
            Ok(_) => (Msg::WeekInProgress, "yellow"),
        };
        let word = format!("{:<12}", msg.text(lang));
        let word = match colored {
            "green" => word.green(),
            "yellow" => word.yellow(),
            "red" => word.red(),
            _ => word.dimmed(),
        };
        println!("{:<7} {:<5} {word} {}", week.id, week.alias, week.title.get(lang));
    }
    Ok(ExitCode::SUCCESS)
}
