//! What the commands share: finding the course, and the build and run
//! options and lookups they derive from their arguments.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::build::BuildOptions;
use crate::guard::Limits;
use crate::manifest::{Course, Function, Lang, Week};
use crate::report::Msg;
use crate::run::RunOptions;
use crate::state::{State, StateError};

/// Loads the course at `dir` (`--course`); without it, the nearest course at
/// or above the current directory, else the one `DL_COURSE_HOME` names. When
/// there is none, the error says where it looked, both ways.
pub fn load_course(dir: Option<&Path>, lang: Lang) -> Result<Course> {
    if let Some(dir) = dir {
        let root = Course::find_root(dir).with_context(|| {
            format!(
                "no course found in {} or above it (looked for course/course.toml)",
                dir.display()
            )
        })?;
        return Ok(Course::load(&root)?);
    }
    let start = std::env::current_dir().context("cannot read the current directory")?;
    if let Some(root) = Course::find_root(&start) {
        return Ok(Course::load(&root)?);
    }
    let home = std::env::var_os("DL_COURSE_HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    if let Some(root) = home.as_deref().and_then(Course::find_root) {
        return Ok(Course::load(&root)?);
    }
    let home = match &home {
        None => Msg::HomeUnset.text(lang).to_string(),
        Some(dir) => Msg::HomeNoCourse.say(lang, &[("dir", &dir.display())]),
    };
    bail!(
        "{}",
        Msg::CourseNotFound.say(lang, &[("start", &start.display()), ("home", &home)])
    )
}

/// The learner's progress; an unreadable progress file is said once on
/// stderr (it was kept as a backup) and progress starts afresh.
pub fn load_state(course: &Course, lang: Lang) -> State {
    match State::load_checked(&course.state_dir()) {
        Ok(state) => state,
        Err(StateError::Corrupt { backup, reason }) => {
            eprintln!(
                "{}",
                Msg::StateCorrupt.say(lang, &[("reason", &reason), ("backup", &backup.display())])
            );
            State::default()
        }
        Err(e) => {
            eprintln!("{e}");
            State::default()
        }
    }
}

/// The week in progress: the first week not done, or the last week when all are.
pub fn week_in_progress<'c>(course: &'c Course, state: &State) -> Option<&'c Week> {
    course
        .weeks
        .iter()
        .find(|w| !state.week_done(&w.id))
        .or(course.weeks.last())
}

/// The week named, or the week in progress when none is.
pub fn chosen_week<'c>(course: &'c Course, name: Option<&str>, lang: Lang) -> Result<&'c Week> {
    match name {
        Some(name) => Ok(course.week(name)?),
        None => week_in_progress(course, &load_state(course, lang)).context("this course has no weeks"),
    }
}

/// Asks `question` on the terminal; `yes` answers it. Without a terminal
/// and without `yes`, refuses with a message naming `command --yes`: a
/// change to the learner's code is never made unasked.
pub fn confirm(question: &str, yes: bool, command: &str, lang: Lang) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        bail!("{}", Msg::ConfirmNeedsYes.say(lang, &[("command", &command)]));
    }
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .context("cannot read the answer")?;
    let answer = answer.trim().to_lowercase();
    Ok(matches!(answer.as_str(), "y" | "yes" | "はい"))
}

/// Cargo options for a command that prints (progress only on the first build).
pub fn build_options() -> BuildOptions {
    BuildOptions {
        color: colored::control::SHOULD_COLORIZE.should_colorize(),
        quiet: false,
    }
}

/// Case options: `timeout` and `memory_mib` per case, up to four cases at once.
pub fn run_options(timeout: Duration, memory_mib: u64) -> RunOptions {
    RunOptions {
        timeout,
        limits: Limits {
            memory_mib,
            ..Limits::default()
        },
        workers: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(4),
        sandbox: None,
    }
}

/// The week's function `name`, or an error listing the week's functions.
pub fn find_function<'w>(week: &'w Week, name: &str) -> Result<&'w Function> {
    week.function(name).with_context(|| {
        let names: Vec<&str> = week.functions.iter().map(|f| f.name.as_str()).collect();
        format!(
            "{} has no function `{name}` (functions: {})",
            week.id,
            names.join(", ")
        )
    })
}
