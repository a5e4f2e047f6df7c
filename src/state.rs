//! The learner's progress between runs: last results, failed attempts and
//! hints revealed, in `.dl-course/state.json` (never in `target/`, which
//! `cargo clean` wipes).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Progress of one function.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct FunctionProgress {
    /// Checks in which this function failed (kept for progress; hints no longer wait for it).
    pub failures_since_hint: u32,
    /// How many hint levels have been revealed.
    pub hints_revealed: usize,
}

/// Progress of one week.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct WeekProgress {
    /// Did the last check pass every case?
    pub last_check_passed: bool,
    /// Per function.
    pub functions: BTreeMap<String, FunctionProgress>,
}

/// All progress of one course checkout.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct State {
    /// Per week id.
    pub weeks: BTreeMap<String, WeekProgress>,
}

impl State {
    fn path(state_dir: &Path) -> PathBuf {
        state_dir.join("state.json")
    }

    /// Loads the state; a missing or unreadable file is a fresh start, not an error,
    /// because progress is a convenience and must never block a check.
    pub fn load(state_dir: &Path) -> State {
        std::fs::read_to_string(State::path(state_dir))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Saves the state (atomically, through a temporary file).
    pub fn save(&self, state_dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(state_dir)?;
        let tmp = state_dir.join("state.json.tmp");
        std::fs::write(
            &tmp,
            serde_json::to_string_pretty(self).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(tmp, State::path(state_dir))
    }

    /// The week's progress, created when absent.
    pub fn week(&mut self, id: &str) -> &mut WeekProgress {
        self.weeks.entry(id.to_string()).or_default()
    }
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
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
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
    fn state_round_trips_and_a_corrupt_file_is_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = State::default();
        s.week("week3").last_check_passed = true;
        s.save(dir.path()).unwrap();
        assert_eq!(State::load(dir.path()), s);
        std::fs::write(dir.path().join("state.json"), "{oops").unwrap();
        assert_eq!(State::load(dir.path()), State::default());
    }
}
