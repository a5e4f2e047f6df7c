//! `dl-course`: check your Rust implementations of the deep-learning
//! specialization's assignments, with feedback that names the faulty blank.

mod blame;
mod blanks;
mod build;
mod fixtures;
mod guard;
mod judge;
mod manifest;
mod mistakes;
mod pipeline;
mod report;
mod run;
mod state;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use colored::Colorize;

use crate::build::{BuildOptions, Built};
use crate::judge::Status;
use crate::manifest::{Course, Lang, Week};
use crate::pipeline::{RunOptions, WeekSources};
use crate::state::{HintAccess, State};

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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A readable report.
    Human,
    /// One JSON object (see README.md).
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build your week file and check every case.
    Check {
        /// Week id or alias (week3, c1w4).
        week: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Read fixtures from this directory instead of fixtures/ (hidden fixtures in CI).
        #[arg(long)]
        fixtures: Option<PathBuf>,
        /// Default time limit per case, in seconds (above 0, at most a day).
        #[arg(long, default_value = "10", value_parser = run::parse_timeout)]
        timeout: Duration,
        /// Memory (address space) limit per case, in MiB.
        #[arg(long, value_name = "MiB", default_value_t = guard::Limits::DEFAULT_MEMORY_MIB, value_parser = run::parse_memory)]
        memory: u64,
        /// Do not look for the faulty blank after a failure.
        #[arg(long)]
        no_blame: bool,
    },
    /// List the weeks and your progress.
    List,
    /// Show a week's functions, or one function's instructions.
    Show {
        /// Week id or alias.
        week: String,
        /// Function name (default: list the week's functions).
        function: Option<String>,
    },
    /// Reveal the next hint for a function (one more level after each failed check).
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
    },
    /// (Instructors) Check every week: solution passes, stub is not done, stub and fixtures are fresh.
    Verify {
        /// Weeks to verify (default: all).
        weeks: Vec<String>,
    },
}

fn main() -> ExitCode {
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
    if std::env::var_os("NO_COLOR").is_some() || !std::io::stdout().is_terminal() {
        colored::control::set_override(false);
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{} {e:#}", "error:".red().bold());
            ExitCode::from(2)
        }
    }
}

fn load_course(cli: &Cli) -> Result<Course> {
    let start = match &cli.course {
        Some(dir) => dir.clone(),
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

fn run_options(fixtures: Option<PathBuf>, timeout: Duration) -> RunOptions {
    RunOptions {
        build: BuildOptions {
            color: colored::control::SHOULD_COLORIZE.should_colorize(),
            quiet: false,
        },
        timeout,
        workers: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(4),
        blame: false,
        fixtures_dir: fixtures,
        limits: guard::Limits::default(),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let course = load_course(&cli)?;
    match &cli.command {
        Command::Check {
            week,
            format,
            fixtures,
            timeout,
            memory,
            no_blame,
        } => {
            let week = course.week(week)?;
            let mut options = run_options(fixtures.clone(), *timeout);
            options.blame = !no_blame;
            options.limits.memory_mib = *memory;
            if *format == Format::Json {
                options.build.color = false;
                options.build.quiet = true;
            }
            let report = pipeline::check(&course, week, &options)?;
            record_progress(&course, week, &report);
            match format {
                Format::Human => print!("{}", report::render_human(&report, lang)),
                Format::Json => println!("{}", report::render_json(&report, lang)),
            }
            Ok(if report.all_passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::List => {
            let state = State::load(&course.state_dir());
            for week in &course.weeks {
                let (word, colored) = match WeekSources::load(&course, week) {
                    Err(_) => (lang.pick("cannot read", "読めません"), "red"),
                    Ok(s) if s.nothing_written() => (lang.pick("not started", "未着手"), "dimmed"),
                    Ok(s)
                        if s.untouched_functions().is_empty()
                            && state.weeks.get(&week.id).is_some_and(|w| w.last_check_passed) =>
                    {
                        (lang.pick("done", "完了"), "green")
                    }
                    Ok(_) => (lang.pick("in progress", "取り組み中"), "yellow"),
                };
                let word = format!("{word:<12}");
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
        Command::Show { week, function } => {
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
                    let f = find_function(week, name)?;
                    let path = course.instructions_file(week, &f.name);
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read the instructions {}", path.display()))?;
                    println!("{}", instructions_in(&text, lang));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Hint { week, function } => {
            let week = course.week(week)?;
            let Some(f) = week.function(function) else {
                let names: Vec<&str> = week.functions.iter().map(|f| f.name.as_str()).collect();
                bail!(
                    "{} has no function `{function}` (functions: {})",
                    week.id,
                    names.join(", ")
                );
            };
            let mut state = State::load(&course.state_dir());
            let progress = state.week(&week.id).functions.entry(f.name.clone()).or_default();
            let shown = match progress.ask_hint(f.hints.len()) {
                HintAccess::Reveal(n) | HintAccess::AllShown(n) | HintAccess::Wait(n) if n == 0 => {
                    println!(
                        "{}",
                        lang.pick("No hints for this function.", "この関数にはヒントがありません。")
                    );
                    return Ok(ExitCode::SUCCESS);
                }
                HintAccess::Reveal(n) => n,
                HintAccess::Wait(n) => {
                    println!(
                        "{}",
                        lang.pick(
                            "The next hint opens after your next failed check of this function. Hints so far:",
                            "次のヒントは、この関数のチェックにもう一度失敗すると開きます。これまでのヒント:"
                        )
                    );
                    n
                }
                HintAccess::AllShown(n) => n,
            };
            println!("{}", format!("{} — {}", f.name, f.summary.get(lang)).bold());
            for (i, h) in f.hints.iter().take(shown).enumerate() {
                println!(
                    "  {} {}",
                    format!("{}/{}", i + 1, f.hints.len()).cyan(),
                    h.get(lang)
                );
            }
            state.save(&course.state_dir()).context("cannot save progress")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stub { week, force } => {
            let week = course.week(week)?;
            write_stubs(&course, week, *force)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Fixtures { week } => {
            let week = course.week(week)?;
            let file = pipeline::make_fixtures(&course, week, &run_options(None, Duration::from_secs(30)))?;
            println!(
                "{}: {} cases written to {}",
                week.id,
                file.cases.len(),
                course.fixture_file(week, None).display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { weeks } => {
            let chosen: Vec<&Week> = if weeks.is_empty() {
                course.weeks.iter().collect()
            } else {
                weeks.iter().map(|w| course.week(w)).collect::<Result<_, _>>()?
            };
            let mut ok = true;
            for week in chosen {
                let problems = verify_week(&course, week)?;
                if problems.is_empty() {
                    println!("{} {}", "ok".green(), week.id);
                } else {
                    ok = false;
                    for p in problems {
                        println!("{} {}: {p}", "FAIL".red().bold(), week.id);
                    }
                }
            }
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
    }
}

fn find_function<'w>(week: &'w Week, name: &str) -> Result<&'w manifest::Function> {
    week.function(name).with_context(|| {
        let names: Vec<&str> = week.functions.iter().map(|f| f.name.as_str()).collect();
        format!(
            "{} has no function `{name}` (functions: {})",
            week.id,
            names.join(", ")
        )
    })
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

/// Counts failed attempts per function, which open the next hint level.
fn record_progress(course: &Course, week: &Week, report: &report::WeekReport) {
    let mut state = State::load(&course.state_dir());
    let progress = state.week(&week.id);
    progress.last_check_passed = report.all_passed();
    let failed: std::collections::BTreeSet<&str> = report
        .verdicts
        .iter()
        .filter(|v| matches!(v.status, Status::Fail | Status::Error | Status::Timeout))
        .map(|v| v.function.as_str())
        .collect();
    for f in failed {
        progress
            .functions
            .entry(f.to_string())
            .or_default()
            .failures_since_hint += 1;
    }
    // Progress is a convenience: failing to save it must not fail the check.
    let _ = state.save(&course.state_dir());
}

fn write_stubs(course: &Course, week: &Week, force: bool) -> Result<()> {
    let texts = pipeline::stub_texts(course, week)?;
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
            let backup = state::write_backup(&course.state_dir().join("backups").join(&week.id), file, old)?;
            println!("backed up {} to {}", path.display(), backup.display());
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Everything that must hold for a week to ship; returns the problems found.
fn verify_week(course: &Course, week: &Week) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let options = run_options(None, Duration::from_secs(30));
    let stubs = pipeline::stub_texts(course, week)?;
    for (file, text) in week.files.iter().zip(&stubs) {
        let path = course.exercise_file(week, file);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            problems.push(format!(
                "{} is not the stub generated from the solution (run `dl-course stub {}`)",
                path.display(),
                week.id
            ));
        }
    }
    let fixture_file = pipeline::load_fixtures(course, week, &options)?;
    let hash = fixtures::source_hash(&pipeline::fixture_sources(course, week))?;
    if fixture_file.source_hash != hash {
        problems.push(format!(
            "fixtures are stale: the solution or harness changed (run `dl-course fixtures {}`)",
            week.id
        ));
    }
    for f in &week.functions {
        let units = fixture_file
            .cases
            .iter()
            .filter(|c| c.spec.function == f.name && c.spec.kind == dlc::protocol::CaseKind::Unit)
            .count();
        let integration =
            fixture_file.cases.len() > 0 && fixture_file.cases.iter().any(|c| c.spec.function == f.name);
        if !f.harness_only && units < 3 {
            problems.push(format!(
                "`{}` has {units} unit cases; at least 3 are required",
                f.name
            ));
        }
        if !integration {
            problems.push(format!("`{}` has no cases", f.name));
        }
    }
    for case in &fixture_file.cases {
        for m in &case.spec.mistakes {
            if !report::mistake_is_worded(&m.id, week) {
                problems.push(format!(
                    "case `{}` records the mistake `{}`, which has no words: add it to [mistakes] in course/{}/week.toml",
                    case.spec.id, m.id, week.id
                ));
            }
        }
    }
    let fixtures: Vec<&fixtures::Fixture> = fixture_file.cases.iter().collect();
    let none = Default::default();
    match pipeline::build_one(
        course,
        week,
        pipeline::solution_program(course, week),
        options.build,
    )? {
        Built::CompileErrors(_) => problems.push("the solution does not compile".into()),
        Built::Binary(binary) => {
            let outcomes = pipeline::run_cases(course, &binary, &fixtures, &options, |_| false)?;
            for v in pipeline::judge_all(week, &fixtures, &outcomes, &none) {
                if v.status != Status::Pass {
                    problems.push(format!(
                        "the solution fails {}: {}",
                        v.case_id,
                        report::describe(&v.finding, Lang::En)
                    ));
                }
            }
        }
    }
    let solution_sources: Vec<blanks::Source> = week
        .files
        .iter()
        .map(|f| blanks::Source::read(&course.solution_file(week, f)))
        .collect::<Result<_, _>>()?;
    let untouched: std::collections::BTreeSet<String> = solution_sources
        .iter()
        .flat_map(|s| s.blanks.iter().map(|b| b.function.clone()))
        .collect();
    for f in &week.functions {
        if !f.harness_only && !untouched.contains(&f.name) {
            problems.push(format!("`{}` has no blank in the solution", f.name));
        }
    }
    let stub = pipeline::write_variant(course, week, &format!("{}-stub", week.id), &stubs)?;
    match pipeline::build_one(course, week, stub, options.build)? {
        Built::CompileErrors(e) => problems.push(format!(
            "the stub does not compile:\n{}",
            e.iter()
                .map(|e| e.rendered.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        )),
        Built::Binary(binary) => {
            let outcomes = pipeline::run_cases(course, &binary, &fixtures, &options, |f| {
                untouched.contains(&f.spec.function)
            })?;
            for v in pipeline::judge_all(week, &fixtures, &outcomes, &untouched) {
                if v.status != Status::NotDone {
                    problems.push(format!(
                        "the stub's verdict on {} is {:?}, not not_done",
                        v.case_id, v.status
                    ));
                }
            }
        }
    }
    Ok(problems)
}
