//! `dl-course reset <week> [function]`: a function's blanks (or the whole
//! week) back to the stub, the learner's text kept in a backup first.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::shared;
use crate::blanks::{self, Source};
use crate::manifest::{Course, Lang, Week};
use crate::report::Msg;
use crate::state;

/// One file to change: where, its text now (if any), its text after.
struct Change {
    path: PathBuf,
    file: String,
    old: Option<String>,
    new: String,
}

/// The reset texts of `week`'s files: `function`'s blanks back to the stub
/// (other bytes kept), or without a function every file back to the stub.
fn planned(course: &Course, week: &Week, function: Option<&str>, lang: Lang) -> Result<Vec<Change>> {
    let stubs = blanks::stub_texts(course, week)?;
    let mut changes = Vec::new();
    for (file, stub) in week.files.iter().zip(stubs) {
        let path = course.exercise_file(week, file);
        let old = std::fs::read_to_string(&path).ok();
        let new = match (function, &old) {
            (None, _) | (Some(_), None) => stub,
            (Some(f), Some(text)) => {
                let solution = Source::read(&course.solution_file(week, file))?;
                let reset = Source::parse(&path, text)
                    .and_then(|learner| blanks::reset_blanks(text, &learner, &solution, Some(f)));
                match reset {
                    Ok(new) => new,
                    Err(e) => bail!(
                        "{}",
                        Msg::ResetMarkersBroken.say(lang, &[("error", &e), ("week", &week.id)])
                    ),
                }
            }
        };
        changes.push(Change {
            path,
            file: file.clone(),
            old,
            new,
        });
    }
    Ok(changes)
}

/// Writes `change`, backing up the old text first; returns the backup's path.
fn apply(course: &Course, week: &Week, change: &Change) -> Result<Option<PathBuf>> {
    let backup = match &change.old {
        Some(old) => Some(state::write_backup(
            &course.state_dir().join("backups").join(&week.id),
            &change.file,
            old,
        )?),
        None => None,
    };
    if let Some(dir) = change.path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(&change.path, &change.new)
        .with_context(|| format!("cannot write {}", change.path.display()))?;
    Ok(backup)
}

/// Resets and reports; asks first unless `yes` (and refuses without a terminal).
pub fn run(course: &Course, lang: Lang, week: &str, function: Option<&str>, yes: bool) -> Result<ExitCode> {
    let week = course.week(week)?;
    let function = match function {
        Some(name) => Some(shared::find_function(week, name)?.name.as_str()),
        None => None,
    };
    reset(course, lang, week, function, yes, function.is_some())
}

/// Resets `function` (the whole week when `None`) of `week`. `quiet_unchanged`
/// leaves out the files already holding the stub (for watch's one-line answer).
pub fn reset(
    course: &Course,
    lang: Lang,
    week: &Week,
    function: Option<&str>,
    yes: bool,
    quiet_unchanged: bool,
) -> Result<ExitCode> {
    let changes = planned(course, week, function, lang)?;
    let (changed, unchanged): (Vec<&Change>, Vec<&Change>) = changes
        .iter()
        .partition(|c| c.old.as_deref() != Some(c.new.as_str()));
    if !quiet_unchanged || changed.is_empty() {
        for c in &unchanged {
            println!(
                "{}",
                Msg::ResetUntouched.say(lang, &[("file", &c.path.display())])
            );
        }
    }
    if changed.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let (question, command) = match function {
        Some(f) => (
            Msg::ResetFunctionAsk.say(lang, &[("function", &f), ("week", &week.id)]),
            format!("dl-course reset {} {f}", week.id),
        ),
        None => (
            Msg::ResetWeekAsk.say(lang, &[("week", &week.id)]),
            format!("dl-course reset {}", week.id),
        ),
    };
    if !shared::confirm(&question, yes, &command, lang)? {
        println!("{}", Msg::NothingChanged.text(lang));
        return Ok(ExitCode::FAILURE);
    }
    for c in changed {
        let backup = apply(course, week, c)?;
        let backup = backup
            .map(|b| b.display().to_string())
            .unwrap_or_else(|| "-".into());
        println!(
            "{}",
            Msg::ResetFile.say(lang, &[("file", &c.path.display()), ("backup", &backup)])
        );
    }
    Ok(ExitCode::SUCCESS)
}
