//! Sandbox: run one case of a graded submission where it can see and reach
//! nothing of the grader (Linux only).
//!
//! Long because every step of the isolation (namespaces, the new root,
//! dropping privileges, passing the exit status back) is one system call
//! after another, each checked and named, and they are clearer in one place.
//!
//! `guard` already puts every case in its own process group with resource
//! limits. For grading, the case's program is not started directly: the
//! grader starts its own binary as a small launcher (`dl-course __sandbox`,
//! never learner code), which
//!
//! 1. unshares new user, mount, PID, network, IPC and UTS namespaces (the
//!    grader's user is mapped to an unprivileged uid 1000 inside, so the
//!    learner's program holds no capability once it is executed);
//! 2. forks the namespace's init (PID 1), which builds a new root on a
//!    private tmpfs: the system's `/usr`, `/lib*`, `/bin` read-only, the
//!    case's program read-only at `/case/program`, the case's scratch
//!    directory at `/work`, its result directory at `/out`, a private `/tmp`,
//!    `/dev/{null,zero,random,urandom}`, and a `/proc` of the new PID
//!    namespace only; then `pivot_root` and the old root is detached;
//! 3. init drops every capability, makes itself undumpable (so the case
//!    cannot read its memory through `/proc/1/mem`), and forks the case,
//!    which lowers its limits (CPU time, open files, processes, core files),
//!    sets `no_new_privs`, and executes the program with an empty
//!    environment plus `PATH`, `HOME`, `TMPDIR`, `LANG` and `RUST_BACKTRACE`.
//!
//! The case's exit status travels back through init to the launcher, which
//! ends the same way (the same code, or the same signal), so `run` judges a
//! sandboxed case exactly as an unsandboxed one. When the launcher's group is
//! killed (time limit, end of case), init dies and the kernel kills every
//! process left in its PID namespace: nothing the case started survives.
//!
//! The system calls go through `nix` (namespaces, mounts, limits, credentials,
//! `pivot_root`) and `caps` (capability sets): maintained, typed wrappers, so
//! this module holds no raw `libc` call. The launcher is a plain process, so
//! the setup is ordinary Rust, not code restricted to what may run between
//! `fork` and `exec`.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The hidden first argument that turns `dl-course` into the launcher.
pub const LAUNCHER_ARG: &str = "__sandbox";

/// Exit code of the launcher when the sandbox itself could not be set up.
pub const SETUP_FAILED: i32 = 125;

/// The marker the launcher prints before a setup failure, so a failed
/// sandbox is never mistaken for the learner's code failing.
pub const SETUP_MARKER: &str = "dl-course sandbox: cannot set up";

/// Limits applied inside the sandbox, on top of `guard`'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SandboxLimits {
    /// CPU seconds of the case's process.
    pub cpu_secs: u64,
    /// Open files at once.
    pub open_files: u64,
    /// Processes and threads inside the sandbox's user namespace.
    pub processes: u64,
}

impl Default for SandboxLimits {
    fn default() -> Self {
        SandboxLimits {
            cpu_secs: 60,
            open_files: 64,
            processes: 32,
        }
    }
}

/// Where one sandboxed case lives, on the grader's side.
pub struct SandboxDirs {
    /// An empty directory the new root is mounted on (in the private mount
    /// namespace only: the grader never sees anything there).
    pub mount_point: PathBuf,
    /// The case's scratch directory, seen as `/work`.
    pub work: PathBuf,
    /// The case's result directory, seen as `/out`.
    pub out: PathBuf,
}

/// Inside the sandbox: the result file's path (in `/out`).
pub const RESULT_INSIDE: &str = "/out/result.json";

/// The command that runs `program` (`run /out/result.json`) in a sandbox.
///
/// The launcher is this very binary; its environment is empty, so nothing of
/// the grader's (a CI token, the fixtures' directory) reaches the case, and
/// its arguments name only the case's own directories and program.
pub fn command(program: &Path, dirs: &SandboxDirs, limits: &SandboxLimits) -> std::io::Result<Command> {
    let exe = std::env::current_exe()?;
    let mut cmd = Command::new(exe);
    cmd.arg(LAUNCHER_ARG)
        .arg(&dirs.mount_point)
        .arg(program)
        .arg(&dirs.work)
        .arg(&dirs.out)
        .arg(limits.cpu_secs.to_string())
        .arg(limits.open_files.to_string())
        .arg(limits.processes.to_string())
        .env_clear();
    Ok(cmd)
}

/// Is the sandbox available on this system? `Ok` when a sandboxed `true`
/// runs; otherwise what stopped it, in the launcher's words.
pub fn probe() -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err("namespaces are a Linux feature; this system has none".into());
    }
    let scratch = std::env::temp_dir().join(format!("dl-course-probe-{}", std::process::id()));
    let dirs = SandboxDirs {
        mount_point: scratch.join("root"),
        work: scratch.join("work"),
        out: scratch.join("out"),
    };
    for d in [&dirs.mount_point, &dirs.work, &dirs.out] {
        std::fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    let program = ["/usr/bin/true", "/bin/true"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists())
        .ok_or("no `true` program to probe with")?;
    let result = command(program, &dirs, &SandboxLimits::default())
        .and_then(|mut c| c.output())
        .map_err(|e| format!("cannot start the launcher: {e}"));
    let _ = std::fs::remove_dir_all(&scratch);
    let output = result?;
    if output.status.success() {
        Ok(())
    } else {
        let text = String::from_utf8_lossy(&output.stderr);
        let why = text
            .lines()
            .find_map(|l| l.strip_prefix(SETUP_MARKER))
            .map(|l| l.trim_start_matches(':').trim().to_string())
            .unwrap_or_else(|| format!("the sandboxed probe ended with {}", output.status));
        Err(why)
    }
}

/// The launcher's entry point (`dl-course __sandbox …`): never returns.
pub fn launcher_main(args: &[OsString]) -> ! {
    #[cfg(target_os = "linux")]
    {
        let code = match linux::launch(args) {
            Ok(never) => match never {},
            Err(e) => {
                eprintln!("{SETUP_MARKER}: {e}");
                SETUP_FAILED
            }
        };
        std::process::exit(code)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = args;
        eprintln!("{SETUP_MARKER}: namespaces are a Linux feature");
        std::process::exit(SETUP_FAILED)
    }
}

/// `true` when the arguments ask for the launcher.
pub fn is_launcher(first: Option<&OsStr>) -> bool {
    first == Some(OsStr::new(LAUNCHER_ARG))
}

#[cfg(target_os = "linux")]
mod linux {
    use std::convert::Infallible;
    use std::ffi::{CString, OsString};
    use std::path::{Path, PathBuf};

    use nix::mount::{MntFlags, MsFlags};
    use nix::sched::CloneFlags;
    use nix::sys::resource::Resource;
    use nix::sys::signal::Signal;
    use nix::sys::wait::WaitStatus;
    use nix::unistd::{ForkResult, Gid, Pid, Uid};

    /// The machine's user and group a case runs as when the grader is root
    /// (uid 1000 inside the sandbox). Not a user of the system's: nothing on
    /// the machine belongs to it.
    const CASE_HOST_ID: u32 = 100_000;

    /// A failed step, named.
    fn step<T, E: std::fmt::Display>(what: &str, result: Result<T, E>) -> Result<T, String> {
        result.map_err(|e| format!("{what}: {e}"))
    }

    fn mount(
        source: Option<&Path>,
        target: &Path,
        fstype: Option<&str>,
        flags: MsFlags,
        data: Option<&str>,
    ) -> Result<(), String> {
        step(
            &format!(
                "mount {} on {}",
                source.map_or("(none)".into(), |s| s.display().to_string()),
                target.display()
            ),
            nix::mount::mount(source, target, fstype, flags, data),
        )
    }

    /// Binds `host` on `inside` (a file or a directory), read-only unless `writable`.
    fn bind(host: &Path, inside: &Path, writable: bool) -> Result<(), String> {
        if host.is_dir() {
            step("mkdir", std::fs::create_dir_all(inside))?;
        } else {
            if let Some(parent) = inside.parent() {
                step("mkdir", std::fs::create_dir_all(parent))?;
            }
            step("create", std::fs::write(inside, b""))?;
        }
        mount(Some(host), inside, None, MsFlags::MS_BIND | MsFlags::MS_REC, None)?;
        let mut flags = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_NOSUID | MsFlags::MS_NODEV;
        if !writable {
            flags |= MsFlags::MS_RDONLY;
        }
        mount(None, inside, None, flags, None)
    }

    /// Lowers both limits of `resource` to `value` (never above the hard limit).
    fn set_limit(resource: Resource, value: u64) -> Result<(), String> {
        let (_, hard) = step("getrlimit", nix::sys::resource::getrlimit(resource))?;
        let v = value.min(hard);
        step("setrlimit", nix::sys::resource::setrlimit(resource, v, v))
    }

    struct Args {
        root: PathBuf,
        program: PathBuf,
        work: PathBuf,
        out: PathBuf,
        cpu: u64,
        files: u64,
        processes: u64,
    }

    fn parse(args: &[OsString]) -> Result<Args, String> {
        let [root, program, work, out, cpu, files, processes] = args else {
            return Err(format!("expected 7 arguments, got {}", args.len()));
        };
        let num = |s: &OsString| {
            s.to_str()
                .and_then(|s| s.parse::<u64>().ok())
                .ok_or_else(|| format!("not a number: {s:?}"))
        };
        Ok(Args {
            root: root.into(),
            program: program.into(),
            work: work.into(),
            out: out.into(),
            cpu: num(cpu)?,
            files: num(files)?,
            processes: num(processes)?,
        })
    }

    /// The launcher: namespaces, then init, then the case. Returns only on a setup failure.
    pub fn launch(args: &[OsString]) -> Result<Infallible, String> {
        let a = parse(args)?;
        let (uid, gid) = (nix::unistd::getuid(), nix::unistd::getgid());
        // Run as root, the launcher first becomes an unprivileged user of the
        // machine: the kernel then enforces RLIMIT_NPROC (never enforced for
        // root), and whatever the case might reach belongs to nobody. (`run`
        // keeps a sandboxed case's program and directories in the system's
        // temporary directory, where that user can reach them.)
        let (uid, gid) = if uid.is_root() {
            let (case_uid, case_gid) = (Uid::from_raw(CASE_HOST_ID), Gid::from_raw(CASE_HOST_ID));
            for dir in [&a.work, &a.out] {
                step(
                    "hand the case's directories to its user",
                    nix::unistd::chown(dir.as_path(), Some(case_uid), Some(case_gid)),
                )?;
            }
            step("drop supplementary groups", nix::unistd::setgroups(&[]))?;
            step("become the case's group", nix::unistd::setgid(case_gid))?;
            step("become the case's user", nix::unistd::setuid(case_uid))?;
            // A change of user resets both: the launcher must still die with
            // the grader, and write its own /proc/self/uid_map.
            step("death signal", nix::sys::prctl::set_pdeathsig(Signal::SIGKILL))?;
            step("dumpable", nix::sys::prctl::set_dumpable(true))?;
            (case_uid, case_gid)
        } else {
            (uid, gid)
        };
        let flags = CloneFlags::CLONE_NEWUSER
            | CloneFlags::CLONE_NEWNS
            | CloneFlags::CLONE_NEWPID
            | CloneFlags::CLONE_NEWNET
            | CloneFlags::CLONE_NEWIPC
            | CloneFlags::CLONE_NEWUTS;
        step(
            "new user, mount, PID and network namespaces (unshare)",
            nix::sched::unshare(flags),
        )?;
        step("setgroups", std::fs::write("/proc/self/setgroups", "deny"))?;
        step(
            "uid_map",
            std::fs::write("/proc/self/uid_map", format!("1000 {uid} 1")),
        )?;
        step(
            "gid_map",
            std::fs::write("/proc/self/gid_map", format!("1000 {gid} 1")),
        )?;
        let (reader, writer) = step("pipe", std::io::pipe())?;
        // SAFETY: the launcher is single-threaded here; the child continues in ordinary code.
        match step("fork", unsafe { nix::unistd::fork() })? {
            ForkResult::Child => {
                drop(reader);
                let code = match init_main(&a, writer) {
                    Ok(never) => match never {},
                    Err(e) => {
                        eprintln!("{}: {e}", crate::sandbox::SETUP_MARKER);
                        crate::sandbox::SETUP_FAILED
                    }
                };
                std::process::exit(code);
            }
            ForkResult::Parent { child } => {
                drop(writer);
                mirror(child, reader)
            }
        }
    }

    /// How the case ended, as init passes it to the launcher: an exit code
    /// (0–255), or a signal as its negated number.
    fn encode(status: WaitStatus) -> Option<i32> {
        match status {
            WaitStatus::Exited(_, code) => Some(code),
            WaitStatus::Signaled(_, signal, _) => Some(-(signal as i32)),
            _ => None,
        }
    }

    /// Waits for init, then ends as the case ended.
    fn mirror(init: Pid, mut reader: std::io::PipeReader) -> ! {
        use std::io::Read;
        let init_status = loop {
            match nix::sys::wait::waitpid(init, None) {
                Err(nix::errno::Errno::EINTR) => continue,
                other => break other.ok(),
            }
        };
        let mut bytes = [0u8; 4];
        let case = reader
            .read_exact(&mut bytes)
            .ok()
            .map(|_| i32::from_ne_bytes(bytes));
        let Some(case) = case else {
            // Init ended without a case status: its own failure (already printed), or killed.
            if let Some(WaitStatus::Exited(_, code)) = init_status {
                std::process::exit(code);
            }
            std::process::exit(crate::sandbox::SETUP_FAILED);
        };
        if case < 0 {
            if let Ok(signal) = Signal::try_from(-case) {
                let _ = set_limit(Resource::RLIMIT_CORE, 0);
                // End by the same signal: default disposition, unblocked, sent to ourselves.
                // SAFETY: restoring the default disposition installs no handler.
                let _ = unsafe { nix::sys::signal::signal(signal, nix::sys::signal::SigHandler::SigDfl) };
                let mut set = nix::sys::signal::SigSet::empty();
                set.add(signal);
                let _ = set.thread_unblock();
                let _ = nix::sys::signal::raise(signal);
            }
            std::process::exit(128 - case);
        }
        std::process::exit(case)
    }

    /// PID 1 of the new namespace: builds the root, drops privileges, runs the case.
    fn init_main(a: &Args, mut status_pipe: std::io::PipeWriter) -> Result<Infallible, String> {
        use std::io::Write;
        step("death signal", nix::sys::prctl::set_pdeathsig(Signal::SIGKILL))?;
        build_root(a)?;
        drop_capabilities()?;
        step("undumpable init", nix::sys::prctl::set_dumpable(false))?;
        let program = c"/case/program";
        let argv = [
            CString::from(program),
            c"run".into(),
            CString::new(crate::sandbox::RESULT_INSIDE).unwrap_or_default(),
        ];
        let env: Vec<CString> = [
            c"PATH=/usr/bin:/bin",
            c"HOME=/work",
            c"TMPDIR=/tmp",
            c"LANG=C.UTF-8",
            c"RUST_BACKTRACE=0",
        ]
        .into_iter()
        .map(CString::from)
        .collect();
        // SAFETY: init is single-threaded; the child only makes system calls before exec.
        let case = match step("fork", unsafe { nix::unistd::fork() })? {
            ForkResult::Parent { child } => child,
            ForkResult::Child => {
                let limits = [
                    (Resource::RLIMIT_CPU, a.cpu),
                    (Resource::RLIMIT_NOFILE, a.files),
                    (Resource::RLIMIT_NPROC, a.processes),
                    (Resource::RLIMIT_CORE, 0),
                ];
                for (resource, value) in limits {
                    if let Err(e) = set_limit(resource, value) {
                        eprintln!("{}: limit: {e}", crate::sandbox::SETUP_MARKER);
                        // SAFETY: leaving the forked child at once.
                        unsafe { nix::libc::_exit(crate::sandbox::SETUP_FAILED) };
                    }
                }
                // The case's own identity (a no-op when the grader is not root).
                let inside = (Gid::from_raw(1000), Uid::from_raw(1000));
                if nix::unistd::setgid(inside.0).is_err() || nix::unistd::setuid(inside.1).is_err() {
                    // SAFETY: leaving the forked child at once.
                    unsafe { nix::libc::_exit(crate::sandbox::SETUP_FAILED) };
                }
                let _ = nix::sys::prctl::set_no_new_privs();
                let _ = nix::unistd::chdir("/work");
                let e = nix::unistd::execve(program, &argv, &env).err();
                eprintln!(
                    "{}: cannot execute the case: {}",
                    crate::sandbox::SETUP_MARKER,
                    e.map_or_else(|| "unknown error".to_string(), |e| e.to_string())
                );
                // SAFETY: leaving the forked child at once.
                unsafe { nix::libc::_exit(crate::sandbox::SETUP_FAILED) };
            }
        };
        // Reap every process of the namespace until the case itself ends.
        loop {
            match nix::sys::wait::waitpid(Pid::from_raw(-1), None) {
                Ok(status) if status.pid() == Some(case) => {
                    if let Some(code) = encode(status) {
                        let _ = status_pipe.write_all(&code.to_ne_bytes());
                    }
                    // Init's exit kills whatever the case left running in the namespace.
                    std::process::exit(0);
                }
                Ok(_) | Err(nix::errno::Errno::EINTR) => {}
                Err(_) => std::process::exit(crate::sandbox::SETUP_FAILED),
            }
        }
    }

    /// The new root: system libraries read-only, the case's own directories, nothing else.
    fn build_root(a: &Args) -> Result<(), String> {
        let root = &a.root;
        let none: Option<&Path> = None;
        mount(
            none,
            Path::new("/"),
            None,
            MsFlags::MS_REC | MsFlags::MS_PRIVATE,
            None,
        )?;
        mount(
            Some(Path::new("tmpfs")),
            root,
            Some("tmpfs"),
            MsFlags::MS_NOSUID | MsFlags::MS_NODEV,
            Some("size=1m,mode=0755"),
        )?;
        for dir in ["usr", "lib", "lib64", "lib32", "libx32", "bin", "sbin"] {
            let host = Path::new("/").join(dir);
            let inside = root.join(dir);
            match std::fs::symlink_metadata(&host) {
                Ok(m) if m.file_type().is_symlink() => {
                    let target = step("readlink", std::fs::read_link(&host))?;
                    step("symlink", std::os::unix::fs::symlink(target, &inside))?;
                }
                Ok(m) if m.is_dir() => bind(&host, &inside, false)?,
                _ => {}
            }
        }
        let ld_cache = Path::new("/etc/ld.so.cache");
        if ld_cache.is_file() {
            bind(ld_cache, &root.join("etc/ld.so.cache"), false)?;
        }
        for dev in ["null", "zero", "random", "urandom"] {
            let host = Path::new("/dev").join(dev);
            if host.exists() {
                let inside = root.join("dev").join(dev);
                step("mkdir", std::fs::create_dir_all(root.join("dev")))?;
                step("create", std::fs::write(&inside, b""))?;
                mount(Some(&host), &inside, None, MsFlags::MS_BIND, None)?;
                mount(
                    none,
                    &inside,
                    None,
                    MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC,
                    None,
                )?;
            }
        }
        bind(&a.program, &root.join("case/program"), false)?;
        bind(&a.work, &root.join("work"), true)?;
        bind(&a.out, &root.join("out"), true)?;
        step("mkdir", std::fs::create_dir_all(root.join("tmp")))?;
        mount(
            Some(Path::new("tmpfs")),
            &root.join("tmp"),
            Some("tmpfs"),
            MsFlags::MS_NOSUID | MsFlags::MS_NODEV,
            Some("size=64m,mode=1777"),
        )?;
        step("mkdir", std::fs::create_dir_all(root.join("proc")))?;
        // This PID namespace's own /proc: the case sees itself and init, never the grader.
        // Without it the case still runs (std falls back), so a refusal is not fatal.
        let _ = mount(
            Some(Path::new("proc")),
            &root.join("proc"),
            Some("proc"),
            MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
            None,
        );
        mount(
            none,
            root,
            None,
            MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | MsFlags::MS_NOSUID | MsFlags::MS_NODEV,
            None,
        )?;
        step("chdir", std::env::set_current_dir(root))?;
        // pivot_root(".", ".") stacks the old root under the new one; detached next.
        step("pivot_root", nix::unistd::pivot_root(".", "."))?;
        step(
            "detach the old root",
            nix::mount::umount2(".", MntFlags::MNT_DETACH),
        )?;
        step("chdir", std::env::set_current_dir("/"))
    }

    /// Clears every capability set of this process, the bounding set first
    /// (which needs a capability still held).
    fn drop_capabilities() -> Result<(), String> {
        use caps::CapSet;
        // Capabilities this kernel does not know cannot be dropped: harmless.
        let _ = caps::clear(None, CapSet::Bounding);
        let _ = caps::clear(None, CapSet::Ambient);
        for set in [CapSet::Inheritable, CapSet::Effective, CapSet::Permitted] {
            step("drop capabilities", caps::clear(None, set))?;
        }
        Ok(())
    }
}
