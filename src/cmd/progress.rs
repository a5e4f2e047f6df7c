//! `dl-course progress`: the whole course, a bar of functions done per week,
//! cases, time worked beside the estimate for the original, activity dates.

use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;

use super::shared;
use crate::manifest::{Course, Lang, Week};
use crate::report::{Msg, duration};
use crate::state::{WeekProgress, utc_minute};

/// Width of a progress bar, in cells.
const BAR_CELLS: usize = 20;

/// `████████░░░░` for `done` of `total`.
pub fn bar(done: usize, total: usize, cells: usize) -> String {
    let full = (done * cells).checked_div(total).unwrap_or(0).min(cells);
    format!("{}{}", "█".repeat(full), "░".repeat(cells - full))
}

/// `3/7 functions · 40/52 cases · 2 h 5 min worked (original ≈ 5 h, our estimate)`;
/// a week never checked shows no cases, and no time beside the estimate.
pub fn counts_line(week: &Week, p: &WeekProgress, lang: Lang) -> String {
    let mut parts = vec![Msg::ProgressFunctions.say(
        lang,
        &[
            ("done", &p.functions_done.len()),
            ("total", &week.functions.len()),
        ],
    )];
    if p.cases_total > 0 {
        parts.push(Msg::ProgressCases.say(lang, &[("passed", &p.cases_passed), ("total", &p.cases_total)]));
    }
    let started = p.last_activity.is_some();
    let time = duration(p.working_secs, lang);
    match (week.estimated_hours, started) {
        (Some(h), true) => parts.push(Msg::ProgressTime.say(lang, &[("time", &time), ("hours", &h)])),
        (Some(h), false) => parts.push(Msg::ProgressEstimate.say(lang, &[("hours", &h)])),
        (None, true) => parts.push(time),
        (None, false) => {}
    }
    parts.join(" · ")
}

/// Prints every week with its bar, counts, time and dates, then the totals.
pub fn run(course: &Course, lang: Lang) -> Result<ExitCode> {
    let state = shared::load_state(course, lang);
    let empty = WeekProgress::default();
    for week in &course.weeks {
        let p = state.weeks.get(&week.id).unwrap_or(&empty);
        let bar = bar(p.functions_done.len(), week.functions.len(), BAR_CELLS);
        let bar = if p.is_done() { bar.green() } else { bar.yellow() };
        println!(
            "{:<7} {:<5} {bar} {}",
            week.id,
            week.alias,
            week.title.get(lang).bold()
        );
        println!("{:<14}{}", "", counts_line(week, p, lang));
        if let (Some(first), Some(last)) = (p.first_activity, p.last_activity) {
            let dates = Msg::ProgressActivity.say(
                lang,
                &[("first", &utc_minute(first)), ("last", &utc_minute(last))],
            );
            println!("{:<14}{}", "", dates.dimmed());
        }
    }
    let done = course.weeks.iter().filter(|w| state.week_done(&w.id)).count();
    let total: u64 = state.weeks.values().map(|p| p.working_secs).sum();
    println!();
    println!(
        "{}",
        Msg::ProgressTotal.say(
            lang,
            &[
                ("done", &done),
                ("total", &course.weeks.len()),
                ("time", &duration(total, lang))
            ]
        )
    );
    if let Some(next) = shared::week_in_progress(course, &state).filter(|w| !state.week_done(&w.id)) {
        println!("{}", Msg::ProgressNext.say(lang, &[("week", &next.id)]));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_proportion_and_never_overflow() {
        assert_eq!(bar(0, 4, 4), "░░░░");
        assert_eq!(bar(2, 4, 4), "██░░");
        assert_eq!(bar(4, 4, 4), "████");
        assert_eq!(bar(9, 4, 4), "████");
        assert_eq!(bar(1, 0, 4), "░░░░");
    }
}
