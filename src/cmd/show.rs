//! `dl-course show <week> [function]`: a week's functions, or one function's instructions.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, Result};
use colored::Colorize;

use super::shared;
use crate::blanks::Source;
use crate::manifest::{Course, Lang, Week};
use crate::pipeline;
use crate::report::{self, Msg};
use crate::state::FunctionStatus;

/// Prints the week's functions, or the instructions of `function`.
pub fn run(course: &Course, lang: Lang, week: &str, function: Option<&str>) -> Result<ExitCode> {
    let week = course.week(week)?;
    match function {
        None => {
            println!(
                "{}",
                format!("{} ({}): {}", week.id, week.alias, week.title.get(lang)).bold()
            );
            println!("{}", week.original.dimmed());
            for f in &week.functions {
                println!("  {:<32} {}", f.name, f.summary.get(lang));
            }
        }
        Some(name) => {
            let f = shared::find_function(week, name)?;
            let path = course.instructions_file(week, &f.name);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read the instructions {}", path.display()))?;
            if let Some(place) = place_of(course, week, &f.name) {
                println!("{}", Msg::ShowPlace.say(lang, &[("place", &place)]));
            }
            let state = shared::load_state(course, lang);
            let status = state
                .weeks
                .get(&week.id)
                .map_or(FunctionStatus::NotChecked, |w| w.function_status(&f.name));
            println!(
                "{}",
                Msg::ShowStatus.say(lang, &[("status", &status_text(status, lang))])
            );
            println!();
            let shown = instructions_in(&text, lang);
            let no_color = std::env::var_os("NO_COLOR");
            if styled(std::io::stdout().is_terminal(), no_color.as_deref()) {
                print!("{}", termimad::MadSkin::default().term_text(&shown));
            } else {
                println!("{shown}");
            }
            print_ndarray_links(&shown, lang);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether instructions are rendered (markdown drawn with termimad) rather
/// than printed as their plain markdown text: only on a terminal, and not
/// when `NO_COLOR` is set (as main decides for colours).
fn styled(stdout_is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    stdout_is_terminal && no_color.is_none()
}

/// `file:line` of `function` in the learner's exercise files, relative to
/// the course root: its `fn` line, else its first blank. `None` when no file
/// of the week can be read and parsed or none declares it (the instructions
/// are still shown).
fn place_of(course: &Course, week: &Week, function: &str) -> Option<String> {
    week.files.iter().find_map(|file| {
        let source = Source::read(&course.exercise_file(week, file)).ok()?;
        let line = source.function_line(function)?;
        Some(format!(
            "{}:{line}",
            pipeline::course_relative(course, &source.path)
        ))
    })
}

/// A function's status in the learner's words.
fn status_text(status: FunctionStatus, lang: Lang) -> &'static str {
    match status {
        FunctionStatus::NotChecked => Msg::FunctionNotChecked,
        FunctionStatus::Passed => Msg::FunctionPassed,
        FunctionStatus::Failing => Msg::FunctionFailing,
        FunctionStatus::NotDone => Msg::FunctionNotDone,
    }
    .text(lang)
}

/// Links to ndarray's documentation for the calls `text` names (nothing when it names none).
pub fn print_ndarray_links(text: &str, lang: Lang) {
    let links = report::ndarray_links(text);
    if links.is_empty() {
        return;
    }
    println!();
    println!("{}", Msg::NdarrayDocs.text(lang).bold());
    for (name, url) in links {
        println!("  {:<24} {}", name, url.dimmed());
    }
}

/// The part of an instructions file in `lang`: the `## English` or `## 日本語`
/// section (with the title), or the whole text when it has no such sections.
fn instructions_in(text: &str, lang: Lang) -> String {
    let heading = lang.pick("## English", "## 日本語");
    let Some(start) = text.find(heading) else {
        return text.to_string();
    };
    let title = text[..text.find("## ").unwrap_or(0)].trim_end();
    let body = &text[start + heading.len()..];
    let end = body.find("\n## ").unwrap_or(body.len());
    format!("{title}\n{}", body[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_are_rendered_only_on_a_terminal_without_no_color() {
        use std::ffi::OsStr;
        assert!(styled(true, None));
        assert!(!styled(true, Some(OsStr::new("1"))));
        assert!(!styled(false, None));
    }

    #[test]
    fn instructions_show_the_title_and_one_language() {
        let text = "# linear_forward\n\n## English\nCompute Z.\n\n## 日本語\nZ を計算します。\n";
        assert_eq!(instructions_in(text, Lang::En), "# linear_forward\n\nCompute Z.");
        assert_eq!(
            instructions_in(text, Lang::Ja),
            "# linear_forward\n\nZ を計算します。"
        );
        assert_eq!(instructions_in("plain", Lang::Ja), "plain");
    }
}
