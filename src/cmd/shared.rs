//! What the commands share: finding the course, and the build and run
//! options and lookups they derive from their arguments.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::build::BuildOptions;
use crate::guard::Limits;
use crate::manifest::{Course, Function, Week};
use crate::run::RunOptions;

/// Loads the course at `dir`, or the nearest one above the current directory.
pub fn load_course(dir: Option<&Path>) -> Result<Course> {
    let start = match dir {
        Some(dir) => dir.to_path_buf(),
        None => std::env::current_dir().context("cannot read the current directory")?,
    };
    let root = Course::find_root(&start).with_context(|| {
        format!(
            "no course found in {} or above it (looked for course/course.toml)",
            start.display()
        )
    })?;
    Ok(Course::load(&root)?)
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
