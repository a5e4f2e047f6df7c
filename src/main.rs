//! `dl-course`: check your Rust implementations of the deep-learning
//! specialization's assignments, with feedback that names the faulty blank.
//!
//! The stages, each depending only on those above it in this list:
//! manifest, blanks, fixtures, state → build → run → judge → blame →
//! pipeline → report → cmd. See docs/architecture.md.

mod batch;
mod blame;
mod blanks;
mod build;
mod calls;
mod cmd;
mod fixtures;
mod grade;
mod guard;
mod judge;
mod manifest;
mod pipeline;
mod report;
mod run;
mod sandbox;
mod state;
mod submission;
mod switchboard;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use clap::{Parser, Subcommand};
use colored::Colorize;

use crate::cmd::check::Format;
use crate::manifest::Lang;

#[derive(Parser)]
#[command(
    name = "dl-course",
    version,
    about = "Check your Rust deep-learning assignments, blank by blank."
)]
struct Cli {
    /// The course directory (default: the current directory or the nearest one above it holding course/course.toml).
    #[arg(long, global = true)]
    course: Option<PathBuf>,
    /// Language of messages and hints (default: DL_COURSE_LANG, else the locale).
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build your week file and check every case.
    Check {
        /// Week id or alias (week3, c1w4); default: the week in progress (the first not done).
        week: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Read fixtures from this directory instead of fixtures/ (hidden fixtures in CI).
        #[arg(long)]
        fixtures: Option<PathBuf>,
        /// Default time limit per case, in seconds (above 0, at most a day).
        #[arg(long, default_value = "10", value_parser = guard::parse_timeout)]
        timeout: Duration,
        /// Memory (address space) limit per case, in MiB.
        #[arg(long, value_name = "MiB", default_value_t = guard::Limits::DEFAULT_MEMORY_MIB, value_parser = guard::parse_memory)]
        memory: u64,
        /// Do not look for the faulty blank after a failure.
        #[arg(long)]
        no_blame: bool,
        /// List every case, not only the first failing function.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Check again each time you save, with keys for hints, the next function, reset and quit.
    Watch {
        /// Week id or alias; default: the week in progress.
        week: Option<String>,
    },
    /// Run the week's application with your code: cost curve and decision boundary, in the terminal and as PNG.
    Run {
        /// Week id or alias (week2, week4, week5).
        week: String,
        /// Training iterations, epochs in week5 (default: the course's, 10 000 / 15 000 / 5 000).
        #[arg(long)]
        iterations: Option<usize>,
        /// Plain numbers only: no terminal plot, no PNG.
        #[arg(long)]
        no_plot: bool,
    },
    /// List the weeks and your progress.
    List,
    /// The whole course: a bar per week, cases, time worked, activity dates.
    Progress,
    /// Put a function's blanks (or the whole week) back to the stub; your text is kept in a backup.
    Reset {
        /// Week id or alias.
        week: String,
        /// Function name (default: every blank of the week).
        function: Option<String>,
        /// Do not ask first (needed when there is no terminal to ask on).
        #[arg(long, short)]
        yes: bool,
    },
    /// List the backups of your files, or restore one (your current text is backed up first).
    Restore {
        /// The backup's number in the list, or its name (week3/deep_nn.rs.1764640000).
        backup: Option<String>,
        /// Do not ask first (needed when there is no terminal to ask on).
        #[arg(long, short)]
        yes: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Show a week's functions, or one function's place, status and instructions.
    Show {
        /// Week id or alias.
        week: String,
        /// Function name (default: list the week's functions).
        function: Option<String>,
    },
    /// Show a function's hints, one more level each time you ask.
    Hint {
        /// Week id or alias.
        week: String,
        /// Function name.
        function: String,
    },
    /// (Instructors) Write the week's stub files from the solution, backing up any learner work.
    Stub {
        /// Week id or alias.
        week: String,
        /// Replace files that hold learner work (a backup is kept in .dl-course/backups/).
        #[arg(long)]
        force: bool,
    },
    /// (Instructors) Regenerate the week's fixtures from its solution.
    Fixtures {
        /// Week id or alias.
        week: String,
        /// Write a hidden set (for grading): the same cases with inputs drawn from this seed.
        #[arg(long, requires = "out")]
        seed: Option<u32>,
        /// With --seed: redraw the original notebook's test cases too (kept by default).
        #[arg(long, requires = "seed")]
        redraw_notebook: bool,
        /// Write `<week>.json` into this directory instead of fixtures/.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// (Instructors, CI) Grade submissions, each built and run in a sandbox, into a score per function.
    Grade {
        /// Week id or alias.
        week: String,
        /// Submissions: directories holding the week's files (or one .rs file for a one-file week).
        #[arg(required = true)]
        submissions: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: report::GradeFormat,
        /// Write one result file per submission, and summary.csv, into this directory (needed for several submissions).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Submissions graded at once (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Read fixtures from this directory (hidden fixtures); only the grader reads it.
        #[arg(long)]
        fixtures: Option<PathBuf>,
        /// Default time limit per case, in seconds.
        #[arg(long, default_value = "10", value_parser = guard::parse_timeout)]
        timeout: Duration,
        /// Memory (address space) limit per case, in MiB.
        #[arg(long, value_name = "MiB", default_value_t = cmd::grade::DEFAULT_MEMORY_MIB, value_parser = guard::parse_memory)]
        memory: u64,
        /// Do not look for the faulty blank (faster; less feedback).
        #[arg(long)]
        no_blame: bool,
        /// Run submissions WITHOUT the sandbox (only where it is unavailable and every submission is trusted).
        #[arg(long)]
        unsandboxed: bool,
    },
    /// (Instructors) Check many copies of a week's files with one build (seeded mistakes, alternatives; trusted code only): one JSON line each.
    Batch {
        /// Week id or alias.
        week: String,
        /// Directories, each holding the week's files named as in exercises/<week>/.
        #[arg(required = true)]
        copies: Vec<PathBuf>,
        /// Default time limit per case, in seconds (above 0, at most a day).
        #[arg(long, default_value = "10", value_parser = guard::parse_timeout)]
        timeout: Duration,
        /// Memory (address space) limit per case, in MiB.
        #[arg(long, value_name = "MiB", default_value_t = guard::Limits::DEFAULT_MEMORY_MIB, value_parser = guard::parse_memory)]
        memory: u64,
        /// Do not look for the faulty blank after a failure.
        #[arg(long)]
        no_blame: bool,
    },
    /// (Instructors) Write the files of a grading platform's autograder for a week.
    Autograder {
        /// The platform.
        #[command(subcommand)]
        platform: Platform,
    },
    /// (Instructors) Check every week: solution passes, stub is not done, stub and fixtures are fresh.
    Verify {
        /// Weeks to verify (default: all).
        weeks: Vec<String>,
        /// Also verify the hidden sets in this directory (`<week>.json` from `fixtures --seed`).
        #[arg(long)]
        fixtures: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum Platform {
    /// Gradescope: setup.sh, run_autograder and a copy of the course, to zip and upload.
    Gradescope {
        /// Week id or alias.
        week: String,
        /// A new directory to write into.
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    // The sandbox's launcher (see sandbox.rs) is this binary, before anything else runs.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if sandbox::is_launcher(args.get(1).map(|a| a.as_os_str())) {
        sandbox::launcher_main(&args[2..]);
    }
    // A bug in dl-course itself should still end in one readable line.
    std::panic::set_hook(Box::new(|info| {
        let message = info.payload_as_str().unwrap_or_default();
        if message.contains("Broken pipe") {
            // The reader went away (`dl-course list | head`): nothing left to say.
            std::process::exit(0);
        }
        eprintln!("dl-course: internal error: {info}. Please report it.");
    }));
    let cli = Cli::try_parse().unwrap_or_else(|e| match e.kind() {
        // A bad value is one line, like every other error that stops a check.
        clap::error::ErrorKind::ValueValidation | clap::error::ErrorKind::InvalidValue => {
            let text = e.to_string();
            eprintln!("{}", text.lines().next().unwrap_or_default());
            std::process::exit(2)
        }
        _ => e.exit(),
    });
    // CLICOLOR_FORCE=1 keeps colours through a pipe: `watch` reads its checks that way.
    let forced = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v == "1");
    if std::env::var_os("NO_COLOR").is_some() || !(std::io::stdout().is_terminal() || forced) {
        colored::control::set_override(false);
    }
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{} {e:#}", "error:".red().bold());
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    if let Command::Completions { shell } = cli.command {
        // Needs no course: it is run once, at install time, from anywhere.
        let mut command = <Cli as clap::CommandFactory>::command();
        clap_complete::generate(shell, &mut command, "dl-course", &mut std::io::stdout());
        return Ok(ExitCode::SUCCESS);
    }
    let course = cmd::load_course(cli.course.as_deref(), lang)?;
    match cli.command {
        Command::Check {
            week,
            format,
            fixtures,
            timeout,
            memory,
            no_blame,
            verbose,
        } => cmd::check::run(
            &course,
            lang,
            cmd::check::Args {
                week,
                format,
                fixtures,
                timeout,
                memory_mib: memory,
                no_blame,
                verbose,
            },
        ),
        Command::Watch { week } => cmd::watch::run(&course, lang, week.as_deref()),
        Command::Run {
            week,
            iterations,
            no_plot,
        } => cmd::app::run(
            &course,
            lang,
            cmd::app::Args {
                week,
                iterations,
                no_plot,
            },
        ),
        Command::List => cmd::list::run(&course, lang),
        Command::Progress => cmd::progress::run(&course, lang),
        Command::Reset { week, function, yes } => {
            cmd::reset::run(&course, lang, &week, function.as_deref(), yes)
        }
        Command::Restore { backup, yes } => cmd::restore::run(&course, lang, backup.as_deref(), yes),
        Command::Completions { .. } => unreachable!("handled before the course is loaded"),
        Command::Show { week, function } => cmd::show::run(&course, lang, &week, function.as_deref()),
        Command::Hint { week, function } => cmd::hint::run(&course, lang, &week, &function),
        Command::Stub { week, force } => cmd::stub::run(&course, &week, force),
        Command::Fixtures {
            week,
            seed,
            redraw_notebook,
            out,
        } => {
            let hidden = seed.map(|seed| dlc::draws::Hidden {
                seed,
                notebook: redraw_notebook,
            });
            cmd::fixtures::run(&course, &week, hidden, out.as_deref())
        }
        Command::Batch {
            week,
            copies,
            timeout,
            memory,
            no_blame,
        } => cmd::batch::run(
            &course,
            lang,
            cmd::batch::Args {
                week,
                copies,
                timeout,
                memory_mib: memory,
                no_blame,
            },
        ),
        Command::Verify { weeks, fixtures } => cmd::verify::run(&course, &weeks, fixtures.as_deref()),
        Command::Autograder {
            platform: Platform::Gradescope { week, out },
        } => cmd::autograder::gradescope(&course, lang, &week, &out),
        Command::Grade {
            week,
            submissions,
            format,
            out,
            jobs,
            fixtures,
            timeout,
            memory,
            no_blame,
            unsandboxed,
        } => cmd::grade::run(
            &course,
            lang,
            cmd::grade::Args {
                week,
                submissions,
                format,
                out,
                jobs,
                fixtures,
                timeout,
                memory_mib: memory,
                no_blame,
                unsandboxed,
            },
        ),
    }
}
