//! `dl-course restore [backup]`: list the backups of learner files, or put
//! one back (the text it replaces backed up first).

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::shared;
use crate::manifest::{Course, Lang};
use crate::report::Msg;
use crate::state::{self, Backup, list_backups, utc_minute};

/// Lists the backups (`which` = `None`) or restores the one numbered or named `which`.
pub fn run(course: &Course, lang: Lang, which: Option<&str>, yes: bool) -> Result<ExitCode> {
    let backups = list_backups(&course.state_dir().join("backups"));
    let Some(which) = which else {
        if backups.is_empty() {
            println!("{}", Msg::RestoreNone.text(lang));
            return Ok(ExitCode::SUCCESS);
        }
        println!("{}", Msg::RestoreHeading.text(lang));
        for (i, b) in backups.iter().enumerate() {
            println!(
                "{:>4}  {:<7} {:<22} {}  {}",
                i + 1,
                b.week,
                b.file,
                utc_minute(b.written),
                b.id()
            );
        }
        return Ok(ExitCode::SUCCESS);
    };
    let chosen = which
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| backups.get(i))
        .or_else(|| backups.iter().find(|b| b.id() == which));
    let Some(backup) = chosen else {
        bail!("{}", Msg::RestoreUnknown.say(lang, &[("id", &which)]));
    };
    restore(course, lang, backup, yes)
}

fn restore(course: &Course, lang: Lang, backup: &Backup, yes: bool) -> Result<ExitCode> {
    let week = course.week(&backup.week)?;
    if !week.files.contains(&backup.file) {
        bail!("{}", Msg::RestoreUnknown.say(lang, &[("id", &backup.id())]));
    }
    let path = course.exercise_file(week, &backup.file);
    let text = std::fs::read_to_string(&backup.path)
        .with_context(|| format!("cannot read the backup {}", backup.path.display()))?;
    let current = std::fs::read_to_string(&path).ok();
    let done = || Msg::RestoreDone.say(lang, &[("file", &path.display()), ("backup", &backup.id())]);
    if current.as_deref() == Some(text.as_str()) {
        println!("{}", done());
        return Ok(ExitCode::SUCCESS);
    }
    let question = Msg::RestoreAsk.say(
        lang,
        &[("file", &path.display()), ("when", &utc_minute(backup.written))],
    );
    let command = format!("dl-course restore {}", backup.id());
    if !shared::confirm(&question, yes, &command, lang)? {
        println!("{}", Msg::NothingChanged.text(lang));
        return Ok(ExitCode::FAILURE);
    }
    let kept = match &current {
        Some(current) => Some(state::write_backup(
            &course.state_dir().join("backups").join(&week.id),
            &backup.file,
            current,
        )?),
        None => None,
    };
    std::fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    println!("{}", done());
    if let Some(kept) = kept {
        println!("{}", Msg::RestoreKept.say(lang, &[("kept", &kept.display())]));
    }
    Ok(ExitCode::SUCCESS)
}
