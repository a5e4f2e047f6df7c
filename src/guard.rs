//! Guard: keeps every process a case starts within bounds, and never leaves
//! one behind.
//!
//! On unix each case runs in a process group of its own, with resource limits
//! (address space, file size, number of processes) set between `fork` and
//! `exec`. The whole group is killed when the case ends, however it ends, so
//! processes the learner's code started cannot outlive it. When dl-course
//! itself receives SIGINT, SIGTERM or SIGHUP, every running group is killed
//! and the run directories are removed before it exits; on Linux the case's
//! own process also gets SIGKILL if its runner dies any other way
//! (`PR_SET_PDEATHSIG`). Elsewhere a case is a plain child process, killed
//! alone at its time limit.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Resource limits for every case's process (applied on unix only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Address space, in MiB (`--memory`).
    pub memory_mib: u64,
    /// Largest file a case may write, in MiB.
    pub file_mib: u64,
    /// Processes and threads a case may add to those already running.
    pub extra_processes: u64,
}

impl Limits {
    /// The default address-space limit, in MiB.
    pub const DEFAULT_MEMORY_MIB: u64 = 4096;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_mib: Limits::DEFAULT_MEMORY_MIB,
            file_mib: 256,
            extra_processes: 256,
        }
    }
}

/// What a signal handler must clean up: running process groups, run directories.
struct Running {
    groups: BTreeSet<u32>,
    dirs: Vec<PathBuf>,
}

static RUNNING: Mutex<Running> = Mutex::new(Running {
    groups: BTreeSet::new(),
    dirs: Vec::new(),
});

fn running() -> MutexGuard<'static, Running> {
    RUNNING.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Starts `cmd` as a case: in its own process group, within `limits`, and
/// registered so that a signal to dl-course kills it.
pub fn spawn(cmd: &mut Command, limits: &Limits) -> std::io::Result<Child> {
    install_signal_handler();
    confine(cmd, limits);
    // Holding the lock across the spawn means a signal handler never misses
    // a group: it either runs before the spawn (and exits) or sees it.
    let mut state = running();
    let child = cmd.spawn()?;
    state.groups.insert(child.id());
    Ok(child)
}

/// Kills every process of the case started as `child` (its process group),
/// then forgets it. Call it once the case has ended, to reap what it left.
pub fn kill_group(child: &Child) {
    let mut state = running();
    #[cfg(unix)]
    kill_pgid(child.id());
    state.groups.remove(&child.id());
}

/// Records a directory to remove if dl-course is interrupted.
pub fn register_dir(dir: &Path) {
    running().dirs.push(dir.to_path_buf());
}

/// Forgets a directory recorded with [`register_dir`] (the caller removed it).
pub fn unregister_dir(dir: &Path) {
    running().dirs.retain(|d| d != dir);
}

#[cfg(unix)]
fn kill_pgid(pgid: u32) {
    if let Ok(pgid) = i32::try_from(pgid) {
        let _ = nix::sys::signal::killpg(
            nix::unistd::Pid::from_raw(pgid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
}

/// Process group, resource limits and death signal for a case's process.
#[cfg(unix)]
fn confine(cmd: &mut Command, limits: &Limits) {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
    let mib = |n: u64| n.saturating_mul(1024 * 1024);
    let memory = mib(limits.memory_mib);
    let file = mib(limits.file_mib);
    let processes = current_tasks().map(|n| n.saturating_add(limits.extra_processes));
    let apply = move || {
        use nix::sys::resource::{Resource, getrlimit, setrlimit};
        // Only ever lowers a limit (to at most the current hard limit), so it
        // cannot fail for lack of privilege.
        let lower = |resource: Resource, value: u64| -> std::io::Result<()> {
            if let Ok((_, hard)) = getrlimit(resource) {
                let value = value.min(hard);
                setrlimit(resource, value, value).map_err(std::io::Error::from)?;
            }
            Ok(())
        };
        lower(Resource::RLIMIT_AS, memory)?;
        lower(Resource::RLIMIT_FSIZE, file)?;
        if let Some(n) = processes {
            lower(Resource::RLIMIT_NPROC, n)?;
        }
        #[cfg(target_os = "linux")]
        let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
        Ok(())
    };
    // SAFETY: `apply` only makes async-signal-safe system calls and allocates nothing.
    unsafe {
        cmd.pre_exec(apply);
    }
}

#[cfg(not(unix))]
fn confine(_cmd: &mut Command, _limits: &Limits) {}

/// Tasks (processes and threads) on the machine now, an upper bound of the
/// user's own, which `RLIMIT_NPROC` counts: the limit is that plus the case's
/// allowance. Linux only (the fourth field of `/proc/loadavg`).
#[cfg(unix)]
fn current_tasks() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let field = text.split_whitespace().nth(3)?;
    field.split('/').nth(1)?.parse().ok()
}

/// Kills every running group and removes the run directories, then exits
/// as the signal would have.
#[cfg(unix)]
fn install_signal_handler() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held until exit: no case starts after this.
                let state = running();
                for &group in &state.groups {
                    kill_pgid(group);
                }
                for dir in &state.dirs {
                    let _ = std::fs::remove_dir_all(dir);
                }
                eprintln!("dl-course: interrupted; every case's processes were stopped");
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn install_signal_handler() {}

/// The longest time limit a case may have: one day.
pub const MAX_TIMEOUT_SECS: f64 = 86_400.0;

/// A time limit in seconds, checked: finite, above zero, at most a day.
pub fn checked_timeout(secs: f64) -> Result<Duration, String> {
    if !(secs.is_finite() && secs > 0.0 && secs <= MAX_TIMEOUT_SECS) {
        return Err(format!(
            "a time limit must be a number of seconds above 0 and at most {MAX_TIMEOUT_SECS} (one day), not {secs:?}"
        ));
    }
    Duration::try_from_secs_f64(secs).map_err(|e| format!("{secs} s: {e}"))
}

/// Parses `--timeout` (clap's value parser).
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    checked_timeout(secs)
}

/// Parses `--memory` in MiB (clap's value parser): 64 MiB to 1 TiB.
pub fn parse_memory(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if (64..=1024 * 1024).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{text}` is not a memory limit: give a whole number of MiB from 64 to 1048576"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits_are_finite_positive_and_at_most_a_day() {
        for bad in ["0", "-1", "NaN", "inf", "1e300", "86401", "ten", ""] {
            assert!(parse_timeout(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_timeout("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_timeout("86400"), Ok(Duration::from_secs(86_400)));
    }

    #[test]
    fn memory_limits_are_whole_mib_in_range() {
        assert_eq!(parse_memory("4096"), Ok(4096));
        for bad in ["0", "63", "-5", "1.5", "x", "1048577"] {
            assert!(parse_memory(bad).is_err(), "{bad}");
        }
    }
}
