//! A display that takes connections and never answers, for the tests of what waits on one
//! (tests/clipboard.rs, tests/browse.rs). Included with `#[path]`.
#![allow(dead_code)] // each includer uses part of it

/// A display that takes connections and never answers: a listening socket of the test's own
/// where an X server's would be. Gives the display's name, until dropped.
pub struct MuteDisplay {
    pub display: String,
    path: std::path::PathBuf,
    _listener: std::os::unix::net::UnixListener,
}

impl MuteDisplay {
    pub fn start() -> MuteDisplay {
        let sockets = std::path::Path::new("/tmp/.X11-unix");
        let _ = std::fs::create_dir_all(sockets);
        // The first free display: one another test binds first is passed over.
        let (number, path, listener) = (170..250)
            .filter(|n| !std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .find_map(|n| {
                let path = sockets.join(format!("X{n}"));
                let listener = std::os::unix::net::UnixListener::bind(&path).ok()?;
                Some((n, path, listener))
            })
            .unwrap();
        // Connections are taken and held, and nothing is ever said on them.
        let held = listener.try_clone().unwrap();
        std::thread::spawn(move || {
            let mut open = Vec::new();
            for stream in held.incoming() {
                open.push(stream);
            }
        });
        MuteDisplay {
            display: format!(":{number}"),
            path,
            _listener: listener,
        }
    }

    /// The processes that serve a copy on this display: none may be left.
    pub fn servers(&self) -> Vec<String> {
        let wanted = format!("DISPLAY={}", self.display);
        let mut found = Vec::new();
        for process in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let path = process.path();
            let command = std::fs::read(path.join("cmdline")).unwrap_or_default();
            let environ = std::fs::read(path.join("environ")).unwrap_or_default();
            let has = |bytes: &[u8], text: &str| {
                bytes.split(|&b| b == 0).any(|part| part == text.as_bytes())
            };
            if has(&command, "__serve-clipboard") && has(&environ, &wanted) {
                found.push(path.display().to_string());
            }
        }
        found
    }
}

impl Drop for MuteDisplay {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
