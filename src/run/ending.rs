//! How a case's process ended, read back from its exit status and its
//! result file: what `run` hands to `judge`.

use std::io::Read;
use std::path::Path;
use std::process::ExitStatus;
use std::time::Duration;

use dlc::protocol::Response;

use crate::guard::Limits;

/// The largest result file read back (a larger one is a verdict, never read).
pub const RESULT_LIMIT: u64 = 64 * 1024 * 1024;

/// How much of a panic message (or a harness message) is kept.
pub const MESSAGE_LIMIT: usize = 4 * 1024;

/// How a case's process ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Ending {
    /// It wrote a response.
    Responded(Response),
    /// It ran past its time limit and was killed.
    TimedOut(Duration),
    /// It went over one of its resource limits.
    OverLimit(Exceeded),
    /// It ended without a response (abort, stack overflow, `process::exit`).
    Died(Death),
    /// It could not be started at all.
    NotStarted(String),
}

/// How a case's process ended without a response: typed, so that the
/// report words it in the learner's language.
#[derive(Clone, Debug, PartialEq)]
pub enum Death {
    /// Killed by this signal.
    Signal(i32),
    /// Exited with this code before returning (`std::process::exit`).
    Exited(i32),
    /// Ended without a result; nothing more is known.
    NoResult,
    /// Its result file is not a response (the system's words).
    UnreadableResult(String),
    /// It could not be waited for (the system's words).
    NotWaited(String),
    /// It could not be started at all (the system's words).
    NotStarted(String),
}

/// Which limit a case went over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exceeded {
    /// An allocation failed at the address-space limit.
    Memory {
        /// The limit, in MiB.
        limit_mib: u64,
    },
    /// It wrote a file larger than allowed (SIGXFSZ).
    FileSize {
        /// The limit, in MiB.
        limit_mib: u64,
    },
    /// Its result file is larger than [`RESULT_LIMIT`].
    Result {
        /// The file's size.
        bytes: u64,
        /// The limit, in bytes.
        limit: u64,
    },
}

/// What one case's run produced.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// How it ended.
    pub ending: Ending,
    /// What the learner's code printed (stdout and stderr, in order, truncated).
    pub output: String,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// `text` cut to at most [`MESSAGE_LIMIT`] bytes (on a character boundary), saying so.
pub fn truncate_message(text: &str) -> String {
    if text.len() <= MESSAGE_LIMIT {
        return text.to_string();
    }
    let mut end = MESSAGE_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… (truncated, {} bytes)", &text[..end], text.len())
}

fn death(status: ExitStatus) -> Death {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Death::Signal(signal);
        }
    }
    match status.code() {
        Some(code) => Death::Exited(code),
        None => Death::NoResult,
    }
}

/// How a process that left no result ended: over a limit, or died.
pub(super) fn ending_without_result(status: ExitStatus, output: &str, limits: &Limits) -> Ending {
    // Rust reports a failed allocation this way, then aborts (SIGABRT): at the
    // address-space limit, that is the limit.
    let allocation_failed = output.contains("memory allocation of ") && output.contains(" failed");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match status.signal() {
            Some(s) if s == nix::sys::signal::Signal::SIGABRT as i32 && allocation_failed => {
                return Ending::OverLimit(Exceeded::Memory {
                    limit_mib: limits.memory_mib,
                });
            }
            Some(s) if s == nix::sys::signal::Signal::SIGXFSZ as i32 => {
                return Ending::OverLimit(Exceeded::FileSize {
                    limit_mib: limits.file_mib,
                });
            }
            _ => {}
        }
    }
    // Elsewhere no limit is set: an allocation that failed still means memory.
    #[cfg(not(unix))]
    {
        if allocation_failed {
            return Ending::OverLimit(Exceeded::Memory {
                limit_mib: limits.memory_mib,
            });
        }
    }
    Ending::Died(death(status))
}

/// Reads the result file, bounded: `None` when there is none.
pub(super) fn read_result(path: &Path) -> Option<Ending> {
    let file = std::fs::File::open(path).ok()?;
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    if bytes > RESULT_LIMIT {
        return Some(Ending::OverLimit(Exceeded::Result {
            bytes,
            limit: RESULT_LIMIT,
        }));
    }
    let mut text = Vec::new();
    // The file may still grow (a process the case started): never read past the limit.
    if let Err(e) = file.take(RESULT_LIMIT + 1).read_to_end(&mut text) {
        return Some(Ending::Died(Death::UnreadableResult(e.to_string())));
    }
    if text.len() as u64 > RESULT_LIMIT {
        return Some(Ending::OverLimit(Exceeded::Result {
            bytes: text.len() as u64,
            limit: RESULT_LIMIT,
        }));
    }
    Some(match serde_json::from_slice::<Response>(&text) {
        Ok(Response::Panic { message, location }) => Ending::Responded(Response::Panic {
            message: truncate_message(&message),
            location: location.map(|l| truncate_message(&l)),
        }),
        Ok(Response::BadRequest { message }) => Ending::Responded(Response::BadRequest {
            message: truncate_message(&message),
        }),
        Ok(response) => Ending::Responded(response),
        Err(e) => Ending::Died(Death::UnreadableResult(e.to_string())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_on_a_character_boundary() {
        assert_eq!(truncate_message("short"), "short");
        let long = "é".repeat(3000);
        let cut = truncate_message(&long);
        assert!(cut.len() < MESSAGE_LIMIT + 64, "{}", cut.len());
        assert!(cut.ends_with("… (truncated, 6000 bytes)"), "{cut}");
    }

    #[test]
    fn an_oversized_result_file_is_a_verdict_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(RESULT_LIMIT + 1).unwrap();
        assert_eq!(
            read_result(&path),
            Some(Ending::OverLimit(Exceeded::Result {
                bytes: RESULT_LIMIT + 1,
                limit: RESULT_LIMIT
            }))
        );
        assert_eq!(read_result(&dir.path().join("none.json")), None);
    }
}
