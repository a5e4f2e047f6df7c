//! `dl-course list`: the weeks and the learner's progress, one line each.

use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;

use super::progress;
use super::shared;
use crate::blanks::WeekSources;
use crate::manifest::{Course, Lang};
use crate::report::Msg;

/// Prints one line per week: id, tag, state, title, then the counts and time
/// of the weeks the learner has touched.
pub fn run(course: &Course, lang: Lang) -> Result<ExitCode> {
    let state = shared::load_state(course, lang);
    for week in &course.weeks {
        let (msg, colored) = match WeekSources::load(course, week) {
            Err(_) => (Msg::WeekCannotRead, "red"),
            Ok(s) if s.nothing_written() => (Msg::WeekNotStarted, "dimmed"),
            Ok(s) if s.untouched_functions().is_empty() && state.week_done(&week.id) => {
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
        if let Some(p) = state.weeks.get(&week.id).filter(|p| p.last_activity.is_some()) {
            println!("{:<26}{}", "", progress::counts_line(week, p, lang).dimmed());
        }
    }
    Ok(ExitCode::SUCCESS)
}
