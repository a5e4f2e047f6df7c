//! `dl-course stub <week>` (instructors): write the learner's files from the
//! solution, never overwriting learner work without `--force`, and then with a backup.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::blanks;
use crate::manifest::{Course, Week};
use crate::state;

/// Writes the stubs of `week`; refuses to replace learner work without `force`.
pub fn run(course: &Course, week: &str, force: bool) -> Result<ExitCode> {
    let week = course.week(week)?;
    write_stubs(course, week, force)?;
    Ok(ExitCode::SUCCESS)
}

fn write_stubs(course: &Course, week: &Week, force: bool) -> Result<()> {
    let texts = blanks::stub_texts(course, week)?;
    for (file, text) in week.files.iter().zip(&texts) {
        let path = course.exercise_file(week, file);
        let old = std::fs::read_to_string(&path).ok();
        if old.as_deref() == Some(text.as_str()) {
            println!("{} is up to date", path.display());
            continue;
        }
        if let Some(old) = &old {
            let solution = blanks::Source::read(&course.solution_file(week, file))?;
            let has_work = match blanks::Source::parse(&path, old) {
                Ok(learner) => {
                    blanks::check_same_blanks(&learner, &solution).is_err()
                        || solution
                            .blanks
                            .iter()
                            .zip(&learner.blanks)
                            .any(|(s, l)| !s.is_untouched(l))
                }
                Err(_) => true,
            };
            if has_work && !force {
                bail!(
                    "{} holds work of yours; run `dl-course stub {} --force` to replace it (a backup will be kept)",
                    path.display(),
                    week.id
                );
            }
            // An untouched stub (blanks untouched, and nothing outside them
            // differing from the new stub) holds nothing of the learner's: no
            // backup to clutter `restore`. Anything else is backed up.
            let untouched_stub = !has_work
                && blanks::Source::parse(&path, old)
                    .ok()
                    .and_then(|learner| blanks::reset_blanks(old, &learner, &solution, None).ok())
                    .as_deref()
                    == Some(text.as_str());
            if !untouched_stub {
                let backup =
                    state::write_backup(&course.state_dir().join("backups").join(&week.id), file, old)?;
                println!("backed up {} to {}", path.display(), backup.display());
            }
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
