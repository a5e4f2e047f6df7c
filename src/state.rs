//! The learner's progress between runs: last results, hints revealed, and the
//! time spent working, in `.dl-course/state.json` (never in `target/`, which
//! `cargo clean` wipes).
//!
//! The file is versioned ([`STATE_VERSION`]) and written atomically (a
//! temporary file, synced, then renamed over the old one), so a crash leaves
//! either the old state or the new one. A file that cannot be read as state is
//! kept as a backup and reported ([`StateError::Corrupt`]), never silently
//! dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The version of `state.json` this dl-course writes. Version 1 (no
/// `version` field) is read as it is: every field added since has a default.
pub const STATE_VERSION: u32 = 2;

/// A gap between two events longer than this (in seconds) is a break, not work.
pub const IDLE_GAP_SECS: u64 = 15 * 60;

/// Progress of one function.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct FunctionProgress {
    /// Checks in which this function failed (kept for progress; hints no longer wait for it).
    pub failures_since_hint: u32,
    /// How many hint levels have been revealed.
    pub hints_revealed: usize,
}

/// What the last check said of one function (`show` prints it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionStatus {
    /// The week has not been checked yet.
    NotChecked,
    /// Every case of the function passed.
    Passed,
    /// A case failed: wrong output, crash or timeout.
    Failing,
    /// Neither: a blank it needs still holds its stub (or the week did not compile).
    NotDone,
}

/// Progress of one week.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct WeekProgress {
    /// Did the last check pass every case?
    pub last_check_passed: bool,
    /// Per function.
    pub functions: BTreeMap<String, FunctionProgress>,
    /// Functions all of whose cases passed in the last check.
    #[serde(default)]
    pub functions_done: Vec<String>,
    /// Functions with a case that failed (wrong output, crash, timeout) in the last check.
    #[serde(default)]
    pub functions_failing: Vec<String>,
    /// Unix time of the last check (absent in state written before it was kept).
    #[serde(default)]
    pub last_check: Option<u64>,
    /// Cases that passed in the last check.
    #[serde(default)]
    pub cases_passed: usize,
    /// Cases the last check ran.
    #[serde(default)]
    pub cases_total: usize,
    /// Time spent working on the week, in seconds: the sum of the gaps between
    /// its consecutive events (checks, saves), breaks over [`IDLE_GAP_SECS`] left out.
    #[serde(default)]
    pub working_secs: u64,
    /// Unix time of the first event.
    #[serde(default)]
    pub first_activity: Option<u64>,
    /// Unix time of the latest event.
    #[serde(default)]
    pub last_activity: Option<u64>,
    /// `working_secs` when the week was first completed (every case passing).
    #[serde(default)]
    pub done_after_secs: Option<u64>,
}

impl WeekProgress {
    /// Records an event (a check, a save) at unix time `at`: the gap since the
    /// previous event counts as work when it is no longer than [`IDLE_GAP_SECS`].
    /// An event earlier than the last one (a clock set back) adds nothing.
    pub fn record_event(&mut self, at: u64) {
        if let Some(last) = self.last_activity {
            let gap = at.saturating_sub(last);
            if gap <= IDLE_GAP_SECS {
                self.working_secs += gap;
            }
        }
        self.last_activity = Some(self.last_activity.map_or(at, |last| last.max(at)));
        self.first_activity = Some(self.first_activity.map_or(at, |first| first.min(at)));
    }

    /// Records a check's results: which functions passed every case, and the counts.
    pub fn record_results(&mut self, functions_done: Vec<String>, cases_passed: usize, cases_total: usize) {
        self.last_check_passed = cases_total > 0 && cases_passed == cases_total;
        self.functions_done = functions_done;
        self.cases_passed = cases_passed;
        self.cases_total = cases_total;
        if self.last_check_passed && self.done_after_secs.is_none() {
            self.done_after_secs = Some(self.working_secs);
        }
    }

    /// What the last check said of `function`.
    pub fn function_status(&self, function: &str) -> FunctionStatus {
        let named = |list: &[String]| list.iter().any(|f| f == function);
        if self.last_check.is_none() && self.cases_total == 0 {
            FunctionStatus::NotChecked
        } else if named(&self.functions_done) {
            FunctionStatus::Passed
        } else if named(&self.functions_failing) {
            FunctionStatus::Failing
        } else {
            FunctionStatus::NotDone
        }
    }

    /// Is the week done (its last check passed every case)?
    pub fn is_done(&self) -> bool {
        self.last_check_passed
    }
}

/// All progress of one course checkout.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct State {
    /// The file's format ([`STATE_VERSION`]); 1 when absent.
    #[serde(default = "version_one")]
    pub version: u32,
    /// Per week id.
    pub weeks: BTreeMap<String, WeekProgress>,
}

fn version_one() -> u32 {
    1
}

impl Default for State {
    fn default() -> Self {
        State {
            version: STATE_VERSION,
            weeks: BTreeMap::new(),
        }
    }
}

/// Why the state file could not be used.
#[derive(Debug)]
pub enum StateError {
    /// The file is not state of a version this dl-course reads; it was
    /// copied to `backup` and a fresh state starts.
    Corrupt {
        /// Where the unreadable file was kept.
        backup: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// The file exists but could not be read (permissions, I/O).
    Unreadable(PathBuf, std::io::Error),
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StateError::Corrupt { backup, reason } => write!(f, "{reason} (kept in {})", backup.display()),
            StateError::Unreadable(path, e) => write!(f, "cannot read {}: {e}", path.display()),
        }
    }
}

impl std::error::Error for StateError {}

impl State {
    fn path(state_dir: &Path) -> PathBuf {
        state_dir.join("state.json")
    }

    /// Loads the state; a missing file is a fresh start. A file that is not
    /// state (or of a newer version) is copied to `backups/state/` and
    /// reported, so that the caller can say so and go on with a fresh state.
    pub fn load_checked(state_dir: &Path) -> Result<State, StateError> {
        let path = State::path(state_dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
            Err(e) => return Err(StateError::Unreadable(path, e)),
        };
        let reason = match serde_json::from_str::<State>(&text) {
            Ok(state) if state.version <= STATE_VERSION => return Ok(state),
            Ok(state) => format!(
                "{} is version {}, newer than this dl-course reads ({STATE_VERSION})",
                path.display(),
                state.version
            ),
            Err(e) => format!("{} is not valid progress: {e}", path.display()),
        };
        // Keep the unreadable file before anything overwrites it.
        let backup = write_backup(&state_dir.join("backups").join("state"), "state.json", &text)
            .map_err(|e| StateError::Unreadable(path.clone(), std::io::Error::other(format!("{e:#}"))))?;
        // Moved aside: the next save must not be refused again for the same file.
        let _ = std::fs::remove_file(&path);
        Err(StateError::Corrupt { backup, reason })
    }

    /// Saves the state atomically: a temporary file of this process, synced
    /// to disk, renamed over `state.json`.
    pub fn save(&self, state_dir: &Path) -> std::io::Result<()> {
        use std::io::Write;
        std::fs::create_dir_all(state_dir)?;
        let tmp = state_dir.join(format!("state.json.{}.tmp", std::process::id()));
        let mut state = self.clone();
        state.version = STATE_VERSION;
        let text = serde_json::to_string_pretty(&state).map_err(std::io::Error::other)?;
        let written = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, State::path(state_dir))) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(())
    }

    /// The week's progress, created when absent.
    pub fn week(&mut self, id: &str) -> &mut WeekProgress {
        self.weeks.entry(id.to_string()).or_default()
    }

    /// Is week `id` done?
    pub fn week_done(&self, id: &str) -> bool {
        self.weeks.get(id).is_some_and(WeekProgress::is_done)
    }
}

/// Seconds since the Unix epoch now (0 if the clock is before it).
pub fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// What `dl-course hint` may show now.
#[derive(Clone, Debug, PartialEq)]
pub enum HintAccess {
    /// Reveal level `n` (1-based) now.
    Reveal(usize),
    /// Every level has been shown.
    AllShown(usize),
}

impl FunctionProgress {
    /// Opens one more hint level (when there is one) and says how many are open.
    pub fn ask_hint(&mut self, levels: usize) -> HintAccess {
        if self.hints_revealed >= levels {
            return HintAccess::AllShown(levels);
        }
        self.hints_revealed += 1;
        HintAccess::Reveal(self.hints_revealed)
    }
}

/// Writes `text` as a new backup of `file` in `dir`: `<file>.<unix seconds>`,
/// or `<file>.<seconds>.<n>` when that name is taken. A backup is created,
/// never overwritten (two backups within a second keep both).
pub fn write_backup(dir: &Path, file: &str, text: &str) -> anyhow::Result<PathBuf> {
    use anyhow::Context;
    use std::io::Write;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let stamp = now_unix();
    for n in 0..10_000u32 {
        let name = match n {
            0 => format!("{file}.{stamp}"),
            n => format!("{file}.{stamp}.{n}"),
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())
                    .and_then(|()| f.sync_all())
                    .with_context(|| format!("cannot write the backup {}", path.display()))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot write the backup {}", path.display())),
        }
    }
    anyhow::bail!("cannot find a free backup name for {file} in {}", dir.display())
}

/// One backup of a learner's file, `.dl-course/backups/<week>/<file>.<seconds>[.<n>]`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backup {
    /// Unix time it was written (first, so that backups sort oldest first).
    pub written: u64,
    /// Tie-breaker among backups of the same second.
    pub n: u32,
    /// The week it belongs to.
    pub week: String,
    /// The file name within the week (`deep_nn.rs`).
    pub file: String,
    /// Where it is.
    pub path: PathBuf,
}

impl Backup {
    /// `week3/deep_nn.rs.1764640000`: how `restore` names it.
    pub fn id(&self) -> String {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{}/{name}", self.week)
    }
}

/// `(file, seconds, n)` from a backup's name `<file>.<seconds>` or `<file>.<seconds>.<n>`.
fn parse_backup_name(name: &str) -> Option<(String, u64, u32)> {
    let (rest, last) = name.rsplit_once('.')?;
    let last: u64 = last.parse().ok()?;
    if let Some((file, stamp)) = rest.rsplit_once('.')
        && let Ok(stamp) = stamp.parse::<u64>()
        && let Ok(n) = u32::try_from(last)
        && !file.is_empty()
        && file.contains('.')
    {
        return Some((file.to_string(), stamp, n));
    }
    (!rest.is_empty()).then(|| (rest.to_string(), last, 0))
}

/// Every backup of learner files under `backups_dir` (one folder per week;
/// the `state` folder of unreadable progress files left out), oldest first.
pub fn list_backups(backups_dir: &Path) -> Vec<Backup> {
    let mut found = Vec::new();
    let Ok(weeks) = std::fs::read_dir(backups_dir) else {
        return found;
    };
    for week in weeks.flatten() {
        let week_name = week.file_name().to_string_lossy().into_owned();
        if week_name == "state" || !week.path().is_dir() {
            continue;
        }
        let Ok(files) = std::fs::read_dir(week.path()) else {
            continue;
        };
        for file in files.flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if let Some((file_name, written, n)) = parse_backup_name(&name) {
                found.push(Backup {
                    written,
                    n,
                    week: week_name.clone(),
                    file: file_name,
                    path: file.path(),
                });
            }
        }
    }
    found.sort();
    found
}

/// `2026-12-02 03:15 UTC` for a unix time (the civil calendar, no time-zone database).
pub fn utc_minute(unix: u64) -> String {
    let days = (unix / 86_400) as i64;
    let secs = unix % 86_400;
    // Howard Hinnant's days-from-civil inverse.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_never_overwrite_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..3)
            .map(|i| write_backup(dir.path(), "a.rs", &format!("v{i}")).unwrap())
            .collect();
        for (i, p) in paths.iter().enumerate() {
            assert_eq!(std::fs::read_to_string(p).unwrap(), format!("v{i}"));
        }
    }

    #[test]
    fn each_ask_opens_one_more_hint_level() {
        let mut p = FunctionProgress::default();
        assert_eq!(p.ask_hint(3), HintAccess::Reveal(1));
        assert_eq!(p.ask_hint(3), HintAccess::Reveal(2));
        assert_eq!(p.ask_hint(3), HintAccess::Reveal(3));
        assert_eq!(p.ask_hint(3), HintAccess::AllShown(3));
    }

    #[test]
    fn state_round_trips_and_a_corrupt_file_is_kept_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = State::default();
        s.week("week3").last_check_passed = true;
        s.save(dir.path()).unwrap();
        assert_eq!(State::load_checked(dir.path()).unwrap(), s);
        std::fs::write(dir.path().join("state.json"), "{oops").unwrap();
        match State::load_checked(dir.path()) {
            Err(StateError::Corrupt { backup, .. }) => {
                assert_eq!(std::fs::read_to_string(backup).unwrap(), "{oops");
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
        // Moved aside: the next load is a fresh start, and no temporary file is left.
        assert_eq!(State::load_checked(dir.path()).unwrap(), State::default());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty());
    }

    #[test]
    fn a_version_one_file_loads_and_saves_as_the_current_version() {
        let dir = tempfile::tempdir().unwrap();
        let v1 = r#"{"weeks":{"week1":{"last_check_passed":true,"functions":{"sigmoid":{"failures_since_hint":2,"hints_revealed":1}}}}}"#;
        std::fs::write(dir.path().join("state.json"), v1).unwrap();
        let s = State::load_checked(dir.path()).unwrap();
        assert_eq!(s.version, 1);
        assert!(s.week_done("week1"));
        assert_eq!(s.weeks["week1"].functions["sigmoid"].hints_revealed, 1);
        s.save(dir.path()).unwrap();
        assert_eq!(State::load_checked(dir.path()).unwrap().version, STATE_VERSION);
    }

    #[test]
    fn a_newer_version_is_not_overwritten_silently() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("state.json"), r#"{"version":99,"weeks":{}}"#).unwrap();
        assert!(matches!(
            State::load_checked(dir.path()),
            Err(StateError::Corrupt { .. })
        ));
    }

    #[test]
    fn a_function_status_comes_from_the_last_check() {
        let mut w = WeekProgress::default();
        assert_eq!(w.function_status("f"), FunctionStatus::NotChecked);
        w.record_results(vec!["f".into()], 3, 5);
        w.functions_failing = vec!["g".into()];
        w.last_check = Some(1);
        assert_eq!(w.function_status("f"), FunctionStatus::Passed);
        assert_eq!(w.function_status("g"), FunctionStatus::Failing);
        assert_eq!(w.function_status("h"), FunctionStatus::NotDone);
    }

    #[test]
    fn working_time_adds_the_gaps_up_to_fifteen_minutes() {
        let mut w = WeekProgress::default();
        let t0 = 1_700_000_000;
        w.record_event(t0);
        assert_eq!(w.working_secs, 0);
        w.record_event(t0 + 60); // one minute later
        w.record_event(t0 + 60 + IDLE_GAP_SECS); // exactly fifteen minutes: still work
        assert_eq!(w.working_secs, 60 + IDLE_GAP_SECS);
        w.record_event(t0 + 60 + IDLE_GAP_SECS + IDLE_GAP_SECS + 1); // a break
        assert_eq!(w.working_secs, 60 + IDLE_GAP_SECS);
        w.record_event(t0 + 3 * 3600); // after lunch
        w.record_event(t0 + 3 * 3600 + 300);
        assert_eq!(w.working_secs, 60 + IDLE_GAP_SECS + 300);
        assert_eq!(w.first_activity, Some(t0));
        assert_eq!(w.last_activity, Some(t0 + 3 * 3600 + 300));
    }

    #[test]
    fn a_clock_set_back_adds_no_time_and_keeps_the_latest_activity() {
        let mut w = WeekProgress::default();
        w.record_event(1000);
        w.record_event(500);
        assert_eq!(w.working_secs, 0);
        assert_eq!((w.first_activity, w.last_activity), (Some(500), Some(1000)));
        w.record_event(1100);
        assert_eq!(w.working_secs, 100);
    }

    #[test]
    fn the_time_to_finish_is_kept_from_the_first_full_pass() {
        let mut w = WeekProgress::default();
        w.record_event(0);
        w.record_event(600);
        w.record_results(vec!["f".into()], 3, 4);
        assert!(!w.is_done() && w.done_after_secs.is_none());
        w.record_results(vec!["f".into(), "g".into()], 4, 4);
        assert_eq!(w.done_after_secs, Some(600));
        w.record_event(700);
        w.record_results(vec![], 0, 4);
        w.record_results(vec!["f".into(), "g".into()], 4, 4);
        assert_eq!(w.done_after_secs, Some(600));
    }

    #[test]
    fn backups_are_listed_oldest_first_with_their_week_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let week = dir.path().join("week3");
        std::fs::create_dir_all(&week).unwrap();
        for name in [
            "deep_nn.rs.200",
            "deep_nn.rs.100.1",
            "deep_nn.rs.100",
            "app.rs.150",
            "notes.txt",
        ] {
            std::fs::write(week.join(name), name).unwrap();
        }
        std::fs::create_dir_all(dir.path().join("state")).unwrap();
        std::fs::write(dir.path().join("state").join("state.json.50"), "x").unwrap();
        let ids: Vec<String> = list_backups(dir.path()).iter().map(Backup::id).collect();
        assert_eq!(
            ids,
            [
                "week3/deep_nn.rs.100",
                "week3/deep_nn.rs.100.1",
                "week3/app.rs.150",
                "week3/deep_nn.rs.200"
            ]
        );
        assert_eq!(list_backups(dir.path())[2].file, "app.rs");
    }

    #[test]
    fn utc_minutes_follow_the_calendar() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minute(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_minute(1_764_645_300), "2025-12-02 03:15 UTC");
    }
}
