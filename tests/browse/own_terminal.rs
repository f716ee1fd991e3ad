//! `splw browse` on a pseudo-terminal of the test's own, closed as a terminal window closes: it
//! ends within a second, with or without SIGHUP. A module of tests/browse/pty.rs.

use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;

/// `splw browse` on a pseudo-terminal of the test's own, as a terminal emulator or sshd
/// makes one, so that the test can close its master side as a window closes or a connection
/// drops. With `controlling`, the terminal is the controlling terminal of splw's own session
/// (so the kernel sends it SIGHUP when the master closes); without, it has no controlling
/// terminal, and only reading the terminal tells it the terminal is gone.
struct OwnTerminal {
    child: std::process::Child,
    screen: Arc<Mutex<Vec<u8>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl OwnTerminal {
    fn start(controlling: bool) -> OwnTerminal {
        use rustix::fs::{Mode, OFlags};
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        use std::os::unix::process::CommandExt;
        // CLOEXEC: no other child (of the tests running beside this one) may hold it open.
        // Linux sets it as it opens; macOS's posix_openpt has no such flag, so set it after.
        #[cfg(target_os = "linux")]
        let master =
            openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
        #[cfg(not(target_os = "linux"))]
        let master = {
            let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
            rustix::io::fcntl_setfd(&master, rustix::io::FdFlags::CLOEXEC).unwrap();
            master
        };
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let size = rustix::termios::Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(&master, size).unwrap();
        let open = || {
            let fd = rustix::fs::open(
                name.as_c_str(),
                OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .unwrap();
            Stdio::from(fd)
        };
        let mut command = Command::new(cargo_bin("splw"));
        command
            .arg("browse")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("TERM", "xterm-256color")
            .env("NO_COLOR", "1")
            .stdin(open())
            .stdout(open())
            .stderr(open());
        if controlling {
            // SAFETY: setsid and ioctl are async-signal-safe, as a child after fork needs.
            unsafe {
                command.pre_exec(|| {
                    rustix::process::setsid()?;
                    rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                    Ok(())
                });
            }
        }
        let child = command.spawn().unwrap();
        let screen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (into, stopped) = (Arc::clone(&screen), Arc::clone(&stop));
        // The only copy of the master: dropped, when told, and the terminal is closed.
        let reader = std::thread::spawn(move || {
            let mut chunk = [0; 4096];
            while !stopped.load(std::sync::atomic::Ordering::Relaxed) {
                let mut ready = [rustix::event::PollFd::new(
                    &master,
                    rustix::event::PollFlags::IN,
                )];
                let timeout = rustix::event::Timespec {
                    tv_sec: 0,
                    tv_nsec: 20_000_000,
                };
                if rustix::event::poll(&mut ready, Some(&timeout)).unwrap_or(0) == 0 {
                    continue;
                }
                match rustix::io::read(&master, &mut chunk) {
                    Ok(n @ 1..) => into.lock().unwrap().extend_from_slice(&chunk[..n]),
                    _ => break,
                }
            }
            drop(master);
        });
        OwnTerminal {
            child,
            screen,
            stop,
            reader: Some(reader),
        }
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let mut terminal = vt100::Parser::new(24, 80, 0);
            terminal.process(&self.screen.lock().unwrap());
            if terminal.screen().contents().contains(text) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "`{text}` never shown:\n{}",
                terminal.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Closes the master side, as a terminal window closing does; then waits at most a
    /// second for splw to end, and gives its exit code.
    fn close(mut self) -> Option<i32> {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.reader.take().unwrap().join().unwrap();
        let closed = Instant::now();
        while closed.elapsed() < Duration::from_secs(1) {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let pid = self.child.id();
        let alive = std::path::Path::new(&format!("/proc/{pid}")).exists();
        let _ = self.child.kill();
        let _ = self.child.wait();
        panic!(
            "splw browse (pid {pid}) still running a second after its terminal closed (in /proc: {alive})"
        );
    }
}

#[test]
fn browse_ends_within_a_second_of_its_controlling_terminal_closing() {
    let terminal = OwnTerminal::start(true);
    terminal.wait_for("57 of 57");
    assert_eq!(terminal.close(), Some(129));
}

#[test]
fn browse_ends_within_a_second_of_its_terminal_closing_with_no_sighup() {
    // No controlling terminal, so no SIGHUP: only reading the terminal tells splw it is gone.
    let terminal = OwnTerminal::start(false);
    terminal.wait_for("57 of 57");
    assert_eq!(terminal.close(), Some(129));
}
