//! `dl-course watch [week]`: check again each time a week file is saved.
//!
//! One event loop reads one channel: debounced file events, keys, and the
//! lines and end of the running check. The check is `dl-course check` itself,
//! run as a child process whose output streams to the screen as it comes: the
//! verdicts show while blame still runs, never a frozen screen, and a save
//! during a check kills it (its whole process group on unix, so its cargo and
//! case processes stop too) and starts a new one.
//!
//! Keys are read one at a time in raw mode when stdin is a terminal
//! (crossterm, as rustlings does; portable to Windows), else one line at a
//! time (each character a key): that is how tests and scripts drive it.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use colored::Colorize;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use super::hint;
use super::list;
use super::progress;
use super::reset;
use super::shared;
use super::show;
use crate::manifest::{Course, Lang, Week};
use crate::report::Msg;
use crate::state;

/// How long file events are gathered before one check starts (editors write
/// a file in several steps).
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Everything the loop reacts to.
enum WatchEvent {
    /// A week file was written.
    Saved,
    /// A key (or, without a terminal, a character of an input line).
    Key(char),
    /// A line of the running check's output, tagged with the check's number.
    Line(u64, String),
    /// A stream of check number `n` ended (stdout and stderr each send one).
    StreamClosed(u64),
}

/// The check running now.
struct Running {
    number: u64,
    child: Child,
    open_streams: usize,
}

/// What the loop remembers between events.
struct Watch<'c> {
    course: &'c Course,
    lang: Lang,
    week: &'c Week,
    raw: bool,
    /// The function the keys act on.
    current: Option<String>,
    /// `r` was pressed: the next key answers the question.
    confirming_reset: bool,
    checks_started: u64,
    running: Option<Running>,
    /// The week's files as the last check read them: file events that leave
    /// them as they were (the check itself opening them, an editor's touch) start no check.
    checked_texts: Vec<Option<String>>,
}

/// Runs watch mode until `q` (or Ctrl-C on a terminal).
pub fn run(course: &Course, lang: Lang, week: Option<&str>) -> Result<ExitCode> {
    let week = shared::chosen_week(course, week, lang)?;
    let (tx, rx) = channel();
    let dir = course.root.join("exercises").join(&week.id);
    let files: BTreeSet<String> = week.files.iter().cloned().collect();
    let saved = tx.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let ours = events.iter().any(|e| {
            e.path
                .file_name()
                .is_some_and(|n| files.contains(n.to_string_lossy().as_ref()))
        });
        if ours {
            let _ = saved.send(WatchEvent::Saved);
        }
    })
    .context("cannot watch the week's files")?;
    debouncer
        .watcher()
        .watch(&dir, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", dir.display()))?;

    let raw = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if raw {
        crossterm::terminal::enable_raw_mode().context("cannot read single keys from the terminal")?;
        spawn_key_reader(tx.clone());
    } else {
        spawn_line_reader(tx.clone());
    }
    spawn_signal_reader(tx.clone());
    let mut watch = Watch {
        course,
        lang,
        week,
        raw,
        current: None,
        confirming_reset: false,
        checks_started: 0,
        running: None,
        checked_texts: Vec::new(),
    };
    let result = watch.event_loop(&rx, &tx, &dir);
    watch.stop_check();
    if raw {
        let _ = crossterm::terminal::disable_raw_mode();
    }
    result.map(|()| ExitCode::SUCCESS)
}

/// Keys from the terminal in raw mode; Ctrl-C and Esc quit like `q`.
fn spawn_key_reader(tx: Sender<WatchEvent>) {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
    std::thread::spawn(move || {
        while let Ok(event) = crossterm::event::read() {
            let Event::Key(key) = event else { continue };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            let c = match key.code {
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => 'q',
                KeyCode::Esc => 'q',
                KeyCode::Char(c) => c,
                KeyCode::Enter => '\n',
                _ => continue,
            };
            if tx.send(WatchEvent::Key(c)).is_err() {
                return;
            }
        }
    });
}

/// Keys from lines of stdin (no terminal): every character of a line is a key.
fn spawn_line_reader(tx: Sender<WatchEvent>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { return };
            for c in line.trim().chars() {
                if tx.send(WatchEvent::Key(c)).is_err() {
                    return;
                }
            }
        }
        // End of input is not a quit: a watch started with no input keeps watching.
    });
}

/// On unix, SIGINT, SIGTERM and SIGHUP quit like `q`, so that the running
/// check (in a process group of its own, out of the terminal's reach) is
/// stopped too. In raw mode Ctrl-C arrives as a key instead.
fn spawn_signal_reader(tx: Sender<WatchEvent>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(WatchEvent::Key('q'));
            }
        });
    }
    #[cfg(not(unix))]
    drop(tx);
}

/// Sends each line of `stream` as check `number`'s output, then its end.
fn spawn_stream_reader(number: u64, stream: impl Read + Send + 'static, tx: Sender<WatchEvent>) {
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = Vec::new();
        // Lines as bytes: a check's output need not be UTF-8 (a learner's print).
        while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            let text = String::from_utf8_lossy(&line)
                .trim_end_matches(['\n', '\r'])
                .to_string();
            if tx.send(WatchEvent::Line(number, text)).is_err() {
                return;
            }
            line.clear();
        }
        let _ = tx.send(WatchEvent::StreamClosed(number));
    });
}

impl Watch<'_> {
    fn event_loop(&mut self, rx: &Receiver<WatchEvent>, tx: &Sender<WatchEvent>, dir: &Path) -> Result<()> {
        self.check_again(tx);
        while let Ok(event) = rx.recv() {
            match event {
                WatchEvent::Saved => {
                    if self.week_texts() != self.checked_texts {
                        self.record_save();
                        self.check_again(tx);
                    }
                }
                WatchEvent::Line(n, text) if self.is_running(n) => self.say(&text),
                WatchEvent::Line(..) => {} // a superseded check's last words
                WatchEvent::StreamClosed(n) if self.is_running(n) => {
                    if let Some(running) = self.running.as_mut() {
                        running.open_streams -= 1;
                        if running.open_streams == 0 {
                            let _ = running.child.wait();
                            self.running = None;
                            self.footer(dir);
                        }
                    }
                }
                WatchEvent::StreamClosed(_) => {}
                WatchEvent::Key(c) => {
                    if !self.key(c, tx)? {
                        self.say(Msg::WatchBye.text(self.lang));
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }

    fn is_running(&self, number: u64) -> bool {
        self.running.as_ref().is_some_and(|r| r.number == number)
    }

    /// Reacts to a key; `false` means quit.
    fn key(&mut self, c: char, tx: &Sender<WatchEvent>) -> Result<bool> {
        if self.confirming_reset {
            self.confirming_reset = false;
            if matches!(c, 'y' | 'Y') {
                if let Some(f) = self.current.clone() {
                    // Writing the file triggers the check, as a save does.
                    let (course, lang, week) = (self.course, self.lang, self.week);
                    self.cooked(|| reset::reset(course, lang, week, Some(&f), true, true))?;
                }
            } else {
                self.say(Msg::NothingChanged.text(self.lang));
            }
            return Ok(true);
        }
        let (course, lang, week) = (self.course, self.lang, self.week);
        match c {
            'q' | 'Q' => return Ok(false),
            'h' => match self.current.clone() {
                Some(f) => {
                    self.cooked(|| hint::run(course, lang, &week.id, &f))?;
                }
                None => self.say(&Msg::WatchWeekDone.say(lang, &[("week", &week.id)])),
            },
            'n' => {
                self.current = self.next_function();
                if let Some(f) = self.current.clone() {
                    self.cooked(|| show::run(course, lang, &week.id, Some(&f)))?;
                    self.say(
                        &Msg::WatchCurrent
                            .say(lang, &[("function", &f)])
                            .bold()
                            .to_string(),
                    );
                }
            }
            'l' => {
                self.cooked(|| list::run(course, lang))?;
            }
            'r' => match self.current.clone() {
                Some(f) => {
                    self.confirming_reset = true;
                    self.say(&Msg::ResetFunctionAsk.say(lang, &[("function", &f), ("week", &week.id)]));
                }
                None => self.say(&Msg::WatchWeekDone.say(lang, &[("week", &week.id)])),
            },
            '\n' => self.check_again(tx),
            other => self.say(&Msg::WatchUnknownKey.say(lang, &[("key", &other)])),
        }
        Ok(true)
    }

    /// Runs a command that prints (or asks) with the terminal in its usual mode.
    fn cooked(&self, f: impl FnOnce() -> Result<ExitCode>) -> Result<()> {
        if self.raw {
            let _ = crossterm::terminal::disable_raw_mode();
        }
        // A command's error (no hints, say) is part of the conversation, not the end of watch.
        if let Err(e) = f() {
            println!("{} {e:#}", "error:".red().bold());
        }
        let _ = std::io::stdout().flush();
        if self.raw {
            crossterm::terminal::enable_raw_mode().context("cannot read single keys from the terminal")?;
        }
        Ok(())
    }

    /// Prints a line (raw mode needs an explicit carriage return).
    fn say(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        for line in text.split('\n') {
            let _ = write!(out, "{line}{}", if self.raw { "\r\n" } else { "\n" });
        }
        let _ = out.flush();
    }

    fn record_save(&self) {
        let mut state = shared::load_state(self.course, self.lang);
        state.week(&self.week.id).record_event(state::now_unix());
        // Progress is a convenience: a failed save must not stop watching.
        let _ = state.save(&self.course.state_dir());
    }

    /// Kills the running check, if any (its process group on unix).
    fn stop_check(&mut self) {
        if let Some(mut running) = self.running.take() {
            #[cfg(unix)]
            {
                // The check leads its own process group (see start_check):
                // SIGTERM lets it kill its cases' groups and remove their folders.
                if let Ok(pid) = i32::try_from(running.child.id()) {
                    let _ = nix::sys::signal::killpg(
                        nix::unistd::Pid::from_raw(pid),
                        nix::sys::signal::Signal::SIGTERM,
                    );
                }
                let deadline = std::time::Instant::now() + Duration::from_secs(2);
                while std::time::Instant::now() < deadline {
                    if matches!(running.child.try_wait(), Ok(Some(_))) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            let _ = running.child.kill();
            let _ = running.child.wait();
        }
    }

    /// The week's files as they are now.
    fn week_texts(&self) -> Vec<Option<String>> {
        self.week
            .files
            .iter()
            .map(|f| std::fs::read_to_string(self.course.exercise_file(self.week, f)).ok())
            .collect()
    }

    /// Starts a check; a check that cannot start is said, and watching goes on.
    fn check_again(&mut self, tx: &Sender<WatchEvent>) {
        self.checked_texts = self.week_texts();
        if let Err(e) = self.start_check(tx) {
            let text = Msg::WatchCheckFailed.say(self.lang, &[("error", &format!("{e:#}"))]);
            self.say(&text.red().to_string());
        }
    }

    /// Clears the screen and starts `dl-course check` on the week, superseding any check running.
    fn start_check(&mut self, tx: &Sender<WatchEvent>) -> Result<()> {
        self.stop_check();
        self.checks_started += 1;
        let number = self.checks_started;
        if self.raw || std::io::stdout().is_terminal() {
            let _ = crossterm::execute!(
                std::io::stdout(),
                crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
                crossterm::terminal::Clear(crossterm::terminal::ClearType::Purge),
                crossterm::cursor::MoveTo(0, 0)
            );
        }
        self.say(
            &Msg::WatchChecking
                .say(self.lang, &[("week", &self.week.id)])
                .dimmed()
                .to_string(),
        );
        let exe = std::env::current_exe().context("cannot find the dl-course program")?;
        let mut cmd = Command::new(exe);
        cmd.arg("--course")
            .arg(&self.course.root)
            .arg("--lang")
            .arg(self.lang.pick("en", "ja"))
            .args(["check", &self.week.id])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if colored::control::SHOULD_COLORIZE.should_colorize() {
            cmd.env("CLICOLOR_FORCE", "1");
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let mut child = cmd.spawn().context("cannot start the check")?;
        if let Some(out) = child.stdout.take() {
            spawn_stream_reader(number, out, tx.clone());
        }
        if let Some(err) = child.stderr.take() {
            spawn_stream_reader(number, err, tx.clone());
        }
        self.running = Some(Running {
            number,
            child,
            open_streams: 2,
        });
        Ok(())
    }

    /// The first function not done, in the week's order.
    fn first_not_done(&self, done: &[String]) -> Option<String> {
        self.week
            .functions
            .iter()
            .find(|f| !done.contains(&f.name))
            .map(|f| f.name.clone())
    }

    /// The function after the current one that is not done (wrapping around).
    fn next_function(&self) -> Option<String> {
        let state = shared::load_state(self.course, self.lang);
        let done = state
            .weeks
            .get(&self.week.id)
            .map(|p| p.functions_done.clone())
            .unwrap_or_default();
        let names: Vec<&str> = self.week.functions.iter().map(|f| f.name.as_str()).collect();
        let at = self
            .current
            .as_deref()
            .and_then(|c| names.iter().position(|n| *n == c))
            .unwrap_or(names.len().saturating_sub(1));
        (1..=names.len())
            .map(|k| names[(at + k) % names.len()])
            .find(|n| !done.iter().any(|d| d == n))
            .map(str::to_string)
    }

    /// After a check: the week's functions as a progress bar, the current function, the keys.
    fn footer(&mut self, dir: &Path) {
        let state = shared::load_state(self.course, self.lang);
        let done = state
            .weeks
            .get(&self.week.id)
            .map(|p| p.functions_done.clone())
            .unwrap_or_default();
        self.current = self.first_not_done(&done);
        let total = self.week.functions.len();
        let lang = self.lang;
        let bar = progress::bar(done.len(), total, 20);
        self.say("");
        self.say(
            &Msg::WatchProgress
                .say(
                    lang,
                    &[
                        ("week", &self.week.id),
                        ("bar", &bar),
                        ("done", &done.len()),
                        ("total", &total),
                    ],
                )
                .bold()
                .to_string(),
        );
        match &self.current {
            Some(f) => self.say(&Msg::WatchCurrent.say(lang, &[("function", f)])),
            None => self.say(
                &Msg::WatchWeekDone
                    .say(lang, &[("week", &self.week.id)])
                    .green()
                    .to_string(),
            ),
        }
        let shown = dir.strip_prefix(&self.course.root).unwrap_or(dir);
        self.say(
            &Msg::WatchKeys
                .say(lang, &[("dir", &shown.display())])
                .dimmed()
                .to_string(),
        );
    }
}
