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
//! Only `libc` system calls are used (no new dependency): the launcher is a
//! plain process, so the setup is ordinary Rust, not code restricted to
//! what may run between `fork` and `exec`.

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
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::path::{Path, PathBuf};

    /// The machine's user and group a case runs as when the grader is root
    /// (uid 1000 inside the sandbox). Not a user of the system's: nothing on
    /// the machine belongs to it.
    const CASE_HOST_ID: libc::uid_t = 100_000;

    /// A failed step, named.
    fn step<T>(what: &str, result: io::Result<T>) -> Result<T, String> {
        result.map_err(|e| format!("{what}: {e}"))
    }

    fn cstr(p: &Path) -> Result<CString, String> {
        CString::new(p.as_os_str().as_bytes()).map_err(|_| format!("{} holds a NUL byte", p.display()))
    }

    fn check(what: &str, rc: libc::c_int) -> Result<(), String> {
        if rc == 0 {
            Ok(())
        } else {
            Err(format!("{what}: {}", io::Error::last_os_error()))
        }
    }

    fn mount(
        source: Option<&Path>,
        target: &Path,
        fstype: Option<&str>,
        flags: libc::c_ulong,
        data: Option<&str>,
    ) -> Result<(), String> {
        let source_c = source.map(cstr).transpose()?;
        let target_c = cstr(target)?;
        let fstype_c = fstype.map(|f| CString::new(f).unwrap_or_default());
        let data_c = data.map(|d| CString::new(d).unwrap_or_default());
        // SAFETY: every pointer is a valid NUL-terminated string or null, alive for the call.
        let rc = unsafe {
            libc::mount(
                source_c.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
                target_c.as_ptr(),
                fstype_c.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
                flags,
                data_c
                    .as_ref()
                    .map_or(std::ptr::null(), |s| s.as_ptr().cast::<libc::c_void>()),
            )
        };
        check(
            &format!(
                "mount {} on {}",
                source.map_or("(none)".into(), |s| s.display().to_string()),
                target.display()
            ),
            rc,
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
        mount(Some(host), inside, None, libc::MS_BIND | libc::MS_REC, None)?;
        let mut flags = libc::MS_BIND | libc::MS_REMOUNT | libc::MS_NOSUID | libc::MS_NODEV;
        if !writable {
            flags |= libc::MS_RDONLY;
        }
        mount(None, inside, None, flags, None)
    }

    fn set_limit(resource: libc::__rlimit_resource_t, value: u64) -> Result<(), String> {
        let mut now = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: valid pointers to rlimit structs.
        unsafe {
            check("getrlimit", libc::getrlimit(resource, &mut now))?;
            let v = (value as libc::rlim_t).min(now.rlim_max);
            let new = libc::rlimit {
                rlim_cur: v,
                rlim_max: v,
            };
            check("setrlimit", libc::setrlimit(resource, &new))
        }
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
        // SAFETY: plain system calls without pointers.
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        // Run as root, the launcher first becomes an unprivileged user of the
        // machine: the kernel then enforces RLIMIT_NPROC (never enforced for
        // root), and whatever the case might reach belongs to nobody. (`run`
        // keeps a sandboxed case's program and directories in the system's
        // temporary directory, where that user can reach them.)
        let (uid, gid) = if uid == 0 {
            for dir in [&a.work, &a.out] {
                let path = cstr(dir)?;
                // SAFETY: a valid NUL-terminated path.
                check("hand the case's directories to its user", unsafe {
                    libc::chown(path.as_ptr(), CASE_HOST_ID, CASE_HOST_ID)
                })?;
            }
            // SAFETY: credential system calls with plain arguments; checked in order.
            unsafe {
                check("drop supplementary groups", libc::setgroups(0, std::ptr::null()))?;
                check("become the case's group", libc::setgid(CASE_HOST_ID))?;
                check("become the case's user", libc::setuid(CASE_HOST_ID))?;
                // A change of user resets both: the launcher must still die with
                // the grader, and write its own /proc/self/uid_map.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
                libc::prctl(libc::PR_SET_DUMPABLE, 1, 0, 0, 0);
            }
            (CASE_HOST_ID, CASE_HOST_ID)
        } else {
            (uid, gid)
        };
        let flags = libc::CLONE_NEWUSER
            | libc::CLONE_NEWNS
            | libc::CLONE_NEWPID
            | libc::CLONE_NEWNET
            | libc::CLONE_NEWIPC
            | libc::CLONE_NEWUTS;
        // SAFETY: unshare takes flags only.
        check("new user, mount, PID and network namespaces (unshare)", unsafe {
            libc::unshare(flags)
        })?;
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
        let init = unsafe { libc::fork() };
        if init < 0 {
            return Err(format!("fork: {}", io::Error::last_os_error()));
        }
        if init == 0 {
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
        drop(writer);
        mirror(init, reader)
    }

    /// Waits for init, then ends as the case ended.
    fn mirror(init: libc::pid_t, mut reader: std::io::PipeReader) -> ! {
        use std::io::Read;
        let mut status: libc::c_int = 0;
        // SAFETY: waitpid on our own child with a valid pointer.
        while unsafe { libc::waitpid(init, &mut status, 0) } < 0 {
            if io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                break;
            }
        }
        let mut bytes = [0u8; 4];
        let case = reader
            .read_exact(&mut bytes)
            .ok()
            .map(|_| i32::from_ne_bytes(bytes));
        let Some(case) = case else {
            // Init ended without a case status: its own failure (already printed), or killed.
            if libc::WIFEXITED(status) {
                std::process::exit(libc::WEXITSTATUS(status));
            }
            std::process::exit(crate::sandbox::SETUP_FAILED);
        };
        if libc::WIFSIGNALED(case) {
            let signal = libc::WTERMSIG(case);
            let _ = set_limit(libc::RLIMIT_CORE, 0);
            // SAFETY: resetting a disposition and signalling ourselves; then exit as a fallback.
            unsafe {
                libc::signal(signal, libc::SIG_DFL);
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, signal);
                libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
                libc::kill(libc::getpid(), signal);
            }
            std::process::exit(128 + signal);
        }
        std::process::exit(if libc::WIFEXITED(case) {
            libc::WEXITSTATUS(case)
        } else {
            crate::sandbox::SETUP_FAILED
        })
    }

    /// PID 1 of the new namespace: builds the root, drops privileges, runs the case.
    fn init_main(a: &Args, mut status_pipe: std::io::PipeWriter) -> Result<Infallible, String> {
        use std::io::Write;
        // SAFETY: prctl with integer arguments.
        unsafe {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
        }
        build_root(a)?;
        drop_capabilities()?;
        // SAFETY: prctl with integer arguments.
        check("undumpable init", unsafe {
            libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0)
        })?;
        let program = CString::new("/case/program").unwrap_or_default();
        let argv_owned = [
            program.clone(),
            c"run".into(),
            CString::new(crate::sandbox::RESULT_INSIDE).unwrap_or_default(),
        ];
        let env_owned: Vec<CString> = [
            "PATH=/usr/bin:/bin",
            "HOME=/work",
            "TMPDIR=/tmp",
            "LANG=C.UTF-8",
            "RUST_BACKTRACE=0",
        ]
        .iter()
        .map(|s| CString::new(*s).unwrap_or_default())
        .collect();
        let mut argv: Vec<*const libc::c_char> = argv_owned.iter().map(|s| s.as_ptr()).collect();
        argv.push(std::ptr::null());
        let mut envp: Vec<*const libc::c_char> = env_owned.iter().map(|s| s.as_ptr()).collect();
        envp.push(std::ptr::null());
        // SAFETY: init is single-threaded; the child only makes system calls before exec.
        let case = unsafe { libc::fork() };
        if case < 0 {
            return Err(format!("fork: {}", io::Error::last_os_error()));
        }
        if case == 0 {
            let limits = [
                (libc::RLIMIT_CPU, a.cpu),
                (libc::RLIMIT_NOFILE, a.files),
                (libc::RLIMIT_NPROC, a.processes),
                (libc::RLIMIT_CORE, 0),
            ];
            for (resource, value) in limits {
                if let Err(e) = set_limit(resource, value) {
                    eprintln!("{}: limit: {e}", crate::sandbox::SETUP_MARKER);
                    // SAFETY: leaving the forked child at once.
                    unsafe { libc::_exit(crate::sandbox::SETUP_FAILED) };
                }
            }
            // SAFETY: system calls on valid NUL-terminated strings and arrays.
            unsafe {
                // The case's own identity (a no-op when the grader is not root).
                if libc::setgid(1000) != 0 || libc::setuid(1000) != 0 {
                    libc::_exit(crate::sandbox::SETUP_FAILED);
                }
                libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                libc::chdir(c"/work".as_ptr());
                libc::execve(program.as_ptr(), argv.as_ptr(), envp.as_ptr());
            }
            eprintln!(
                "{}: cannot execute the case: {}",
                crate::sandbox::SETUP_MARKER,
                io::Error::last_os_error()
            );
            // SAFETY: leaving the forked child at once.
            unsafe { libc::_exit(crate::sandbox::SETUP_FAILED) };
        }
        // Reap every process of the namespace until the case itself ends.
        loop {
            let mut status: libc::c_int = 0;
            // SAFETY: waitpid with a valid pointer.
            let pid = unsafe { libc::waitpid(-1, &mut status, 0) };
            if pid == case {
                let _ = status_pipe.write_all(&status.to_ne_bytes());
                // Init's exit kills whatever the case left running in the namespace.
                std::process::exit(0);
            }
            if pid < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                std::process::exit(crate::sandbox::SETUP_FAILED);
            }
        }
    }

    /// The new root: system libraries read-only, the case's own directories, nothing else.
    fn build_root(a: &Args) -> Result<(), String> {
        let root = &a.root;
        mount(None, Path::new("/"), None, libc::MS_REC | libc::MS_PRIVATE, None)?;
        mount(
            Some(Path::new("tmpfs")),
            root,
            Some("tmpfs"),
            libc::MS_NOSUID | libc::MS_NODEV,
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
                mount(Some(&host), &inside, None, libc::MS_BIND, None)?;
                mount(
                    None,
                    &inside,
                    None,
                    libc::MS_BIND | libc::MS_REMOUNT | libc::MS_NOSUID | libc::MS_NOEXEC,
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
            libc::MS_NOSUID | libc::MS_NODEV,
            Some("size=64m,mode=1777"),
        )?;
        step("mkdir", std::fs::create_dir_all(root.join("proc")))?;
        // This PID namespace's own /proc: the case sees itself and init, never the grader.
        // Without it the case still runs (std falls back), so a refusal is not fatal.
        let _ = mount(
            Some(Path::new("proc")),
            &root.join("proc"),
            Some("proc"),
            libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC,
            None,
        );
        mount(
            None,
            root,
            None,
            libc::MS_REMOUNT | libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NODEV,
            None,
        )?;
        step("chdir", std::env::set_current_dir(root))?;
        // SAFETY: pivot_root(".", ".") stacks the old root under the new one; detached next.
        check("pivot_root", unsafe {
            libc::syscall(libc::SYS_pivot_root, c".".as_ptr(), c".".as_ptr()) as libc::c_int
        })?;
        // SAFETY: valid NUL-terminated path.
        check("detach the old root", unsafe {
            libc::umount2(c".".as_ptr(), libc::MNT_DETACH)
        })?;
        step("chdir", std::env::set_current_dir("/"))
    }

    /// Clears every capability set (and the bounding set) of this process.
    fn drop_capabilities() -> Result<(), String> {
        #[repr(C)]
        struct Header {
            version: u32,
            pid: libc::c_int,
        }
        #[repr(C)]
        #[derive(Clone, Copy)]
        struct Data {
            effective: u32,
            permitted: u32,
            inheritable: u32,
        }
        const VERSION_3: u32 = 0x2008_0522;
        for cap in 0..64 {
            // SAFETY: prctl with integer arguments; unknown capabilities fail harmlessly.
            unsafe {
                libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0);
            }
        }
        let mut header = Header {
            version: VERSION_3,
            pid: 0,
        };
        let data = [Data {
            effective: 0,
            permitted: 0,
            inheritable: 0,
        }; 2];
        // SAFETY: capset with a v3 header and two data structs, as the kernel expects.
        check("drop capabilities", unsafe {
            libc::syscall(libc::SYS_capset, &mut header, data.as_ptr()) as libc::c_int
        })
    }
}
