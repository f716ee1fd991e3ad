//! splw.exe, cross-built for Windows with mingw-w64, run under Wine: the README's examples, a
//! brief read from a Windows path, and the files `-o` writes must be byte for byte what the Linux
//! build gives. `.ci/run` builds the .exe and runs this with `SPLW_WINDOWS_EXE` set to it, which
//! then needs Wine and mingw-w64; without it, each test prints a skip line.
//!
//! Debian 12's Wine 8 lacks bcryptprimitives.dll, which Rust's standard library needs: a stand-in
//! is built from `tests/support/wine/bcryptprimitives.c` (see there) beside a copy of the .exe.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use assert_cmd::cargo::cargo_bin;
use support::installed;

mod support;

/// splw.exe beside the stand-in DLL, and the clipboard reader, in a folder of their own.
struct Built {
    exe: PathBuf,
    /// `tests/support/wine/clipboard.c`, built: reads the clipboard back as Word would.
    clipboard: PathBuf,
    dir: tempfile::TempDir,
}

/// A Wine prefix of its own, set up and ready.
struct Wine {
    built: &'static Built,
    prefix: tempfile::TempDir,
}

/// Everything the Windows build is compared with the Linux one in: a pipe, 100 columns, no
/// colour, tables, as the README shows it.
const ENV: [(&str, &str); 3] = [
    ("COLUMNS", "100"),
    ("NO_COLOR", "1"),
    ("SPLW_LAYOUT", "table"),
];

/// The programs to run under Wine, built once for all the tests; `None` (with a skip line)
/// where no .exe is given.
fn built() -> Option<&'static Built> {
    static BUILT: OnceLock<Option<Built>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let Some(exe) = std::env::var_os("SPLW_WINDOWS_EXE") else {
            support::skip(
                "SPLW_WINDOWS_EXE is not set (.ci/run sets it to splw.exe, built with \
                 `cargo build --target x86_64-pc-windows-gnu`)",
            );
            return None;
        };
        // Asked to test an .exe, these must be there.
        assert!(
            installed("wine"),
            "wine is not installed, so splw.exe cannot be run"
        );
        assert!(
            installed("x86_64-w64-mingw32-gcc"),
            "mingw-w64 is not installed, so Wine's missing DLL cannot be built"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(&exe, dir.path().join("splw.exe")).unwrap();
        let support = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/wine");
        for (source, program, flags) in [
            (
                "bcryptprimitives.c",
                "bcryptprimitives.dll",
                &["-shared"][..],
            ),
            ("clipboard.c", "clipboard.exe", &[]),
        ] {
            let status = Command::new("x86_64-w64-mingw32-gcc")
                .args(flags)
                .args(["-O2", "-o"])
                .arg(dir.path().join(program))
                .arg(format!("{support}/{source}"))
                .arg("-ladvapi32")
                .status()
                .unwrap();
            assert!(status.success(), "building {program} from {source}");
        }
        Some(Built {
            exe: dir.path().join("splw.exe"),
            clipboard: dir.path().join("clipboard.exe"),
            dir,
        })
    });
    built.as_ref()
}

/// The prefix most tests share, on no display, made once.
fn wine() -> Option<&'static Wine> {
    static WINE: OnceLock<Option<Wine>> = OnceLock::new();
    WINE.get_or_init(|| Some(Wine::new(built()?))).as_ref()
}

impl Wine {
    fn new(built: &'static Built) -> Wine {
        let wine = Wine {
            built,
            prefix: tempfile::tempdir_in(built.dir.path()).unwrap(),
        };
        // A new prefix is made on first use, which says so on stderr: make it now, and wait
        // until Wine has finished setting it up.
        for (program, args) in [
            ("wine", &["wineboot", "--init"][..]),
            ("wineserver", &["--wait"]),
        ] {
            let status = wine
                .environment(Command::new(program))
                .args(args)
                .output()
                .unwrap();
            assert!(status.status.success(), "{program} {args:?}: {status:?}");
        }
        wine
    }

    fn command(&self) -> Command {
        let mut command = Command::new("wine");
        command.arg(&self.built.exe);
        self.environment(command)
    }

    /// The clipboard's contents in one format ("html" or "text"), exactly, if it has it.
    fn clipboard(&self, format: &str) -> Option<String> {
        let mut command = Command::new("wine");
        command.arg(&self.built.clipboard).arg(format);
        let out = self.environment(command).output().unwrap();
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }

    fn environment(&self, mut command: Command) -> Command {
        command
            .env("WINEPREFIX", self.prefix.path())
            .env("WINEDEBUG", "-all")
            // No dialogs offering to install Mono or Gecko, and no window at all.
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY");
        command
    }
}

/// The Linux build.
fn linux() -> Command {
    Command::new(cargo_bin("splw"))
}

fn run(mut command: Command, args: &[&str], env: &[(&str, &str)]) -> Output {
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SPLW_BRIEF")
        .env_remove("SPLW_PAGER")
        .stdin(Stdio::null());
    for (name, value) in ENV.iter().chain(env) {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// Asserts that both builds, given these arguments and environment, exit alike and print the
/// same bytes on stdout and stderr, with the Windows build's paths made Linux's by `paths`.
fn same(
    wine: &Wine,
    windows: (&[&str], &[(&str, &str)]),
    linux_run: (&[&str], &[(&str, &str)]),
    paths: impl Fn(&str) -> String,
) {
    let on_windows = run(wine.command(), windows.0, windows.1);
    let on_linux = run(linux(), linux_run.0, linux_run.1);
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
    assert!(
        !(on_linux.stdout.is_empty() && on_linux.stderr.is_empty()),
        "{linux_run:?} printed nothing to compare with"
    );
    assert_eq!(
        on_windows.status.code(),
        on_linux.status.code(),
        "{windows:?}: {}",
        text(&on_windows.stderr)
    );
    assert_eq!(
        paths(&text(&on_windows.stderr)),
        text(&on_linux.stderr),
        "{windows:?}"
    );
    let (stdout_windows, stdout_linux) = (paths(&text(&on_windows.stdout)), text(&on_linux.stdout));
    if stdout_windows != stdout_linux {
        let line = stdout_windows
            .lines()
            .zip(stdout_linux.lines())
            .position(|(w, l)| w != l);
        panic!("{windows:?}: stdout differs from the Linux build's, first at line {line:?}");
    }
}

/// The commands of the README's console examples, as argument lists.
fn readme_commands() -> Vec<Vec<String>> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let commands: Vec<Vec<String>> = readme
        .lines()
        .filter_map(|line| line.strip_prefix("$ splw "))
        .map(|line| shell_words::split(line).unwrap())
        .collect();
    assert!(commands.len() >= 18, "{commands:?}");
    commands
}

/// A path of this machine as Wine's Z: drive shows it to Windows programs.
fn windows_path(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

#[test]
fn the_readme_examples_print_the_same_on_windows() {
    let Some(wine) = wine() else { return };
    for args in readme_commands() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        same(wine, (&args, &[]), (&args, &[]), str::to_string);
    }
}

#[test]
fn a_brief_from_a_windows_path_reads_the_same() {
    let Some(wine) = wine() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let brief = root.join("brief");
    let drive = windows_path(&brief);
    let fixtures = root.join("tests/fixtures");
    // A relative path with Windows separators, as someone in the folder would type it.
    let relative = "tests\\fixtures\\syntax-error";
    let unix = |text: &str| text.replace('\\', "/");
    for command in [
        &["list"][..],
        &["find", "loneliness"],
        &["check"],
        &["stats"],
    ] {
        let windows: Vec<&str> = command.iter().copied().chain(["--brief", &drive]).collect();
        let on_linux: Vec<&str> = command
            .iter()
            .copied()
            .chain(["--brief", brief.to_str().unwrap()])
            .collect();
        same(wine, (&windows, &[]), (&on_linux, &[]), str::to_string);
        same(
            wine,
            (command, &[("SPLW_BRIEF", &drive)]),
            (command, &[("SPLW_BRIEF", brief.to_str().unwrap())]),
            str::to_string,
        );
    }
    // Problems are reported at file:line:column, the file as the user named its folder.
    same(
        wine,
        (&["check", "--brief", relative], &[]),
        (&["check", "--brief", "tests/fixtures/syntax-error"], &[]),
        unix,
    );
    let other = windows_path(&fixtures.join("other-brief"));
    let other_on_linux = fixtures.join("other-brief");
    same(
        wine,
        (&["list", "--brief", &other], &[]),
        (&["list", "--brief", other_on_linux.to_str().unwrap()], &[]),
        str::to_string,
    );
}

/// `-o` writes the same bytes as the Linux build's stdout, UTF-8 with no BOM, to a Windows path.
#[test]
fn files_written_with_o_are_the_linux_builds_output() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (args, name) in [
        (&["cite", "--all", "--format", "bibtex"][..], "refs.bib"),
        (
            &["cite", "--all", "--format", "biblatex"],
            "refs-biblatex.bib",
        ),
        (&["cite", "--all", "--format", "ris"], "refs.ris"),
        (&["cite", "--all", "--format", "csl-json"], "refs.json"),
        (
            &["cite", "--topic", "loneliness", "--style", "apa"],
            "apa.txt",
        ),
        (&["page"], "brief.html"),
        (&["list", "--json"], "catalogue.json"),
    ] {
        let file = dir.path().join(name);
        let to_file: Vec<String> = args
            .iter()
            .map(|arg| arg.to_string())
            .chain(["-o".to_string(), windows_path(&file)])
            .collect();
        let to_file: Vec<&str> = to_file.iter().map(String::as_str).collect();
        let written = run(wine.command(), &to_file, &[]);
        let piped = run(linux(), args, &[]);
        assert!(written.status.success(), "{args:?}: {written:?}");
        assert_eq!(written.stdout, b"", "{args:?}");
        assert_eq!(written.stderr, piped.stderr, "{args:?}");
        let bytes = std::fs::read(&file).unwrap();
        assert!(!bytes.starts_with(b"\xef\xbb\xbf"), "{args:?}: a BOM");
        assert!(
            bytes == piped.stdout,
            "{args:?}: not the Linux build's output"
        );
    }
    // A folder that is not there: one line, exit 4, as on Linux.
    let missing = dir.path().join("no-such-folder").join("refs.bib");
    let out = run(
        wine.command(),
        &["cite", "kiely-2022", "-o", &windows_path(&missing)],
        &[],
    );
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "error: cannot write `{}`: ",
            windows_path(&missing)
        )) && stderr.lines().count() == 1,
        "{stderr}"
    );
}

/// PowerShell's Tab asks splw.exe itself (`COMPLETE=powershell splw -- …`), and gets what the
/// Linux build gives: commands, ids with their titles, topics, and a brief from a Windows path.
#[test]
fn powershell_completions_complete_the_same() {
    let Some(wine) = wine() else { return };
    let brief = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-brief");
    let on_windows = windows_path(&brief);
    for line in [
        &["splw", "sh"][..],
        &["splw", "show", "kiel"],
        &["splw", "list", "--topic", "lone"],
        &["splw", "cite", "--style", ""],
    ] {
        let args: Vec<&str> = ["--"].iter().chain(line).copied().collect();
        same(
            wine,
            (&args, &[("COMPLETE", "powershell")]),
            (&args, &[("COMPLETE", "powershell")]),
            str::to_string,
        );
    }
    let windows: Vec<&str> = ["--", "splw", "show", "--brief", &on_windows, ""].to_vec();
    let linux_args: Vec<&str> =
        ["--", "splw", "show", "--brief", brief.to_str().unwrap(), ""].to_vec();
    same(
        wine,
        (&windows, &[("COMPLETE", "powershell")]),
        (&linux_args, &[("COMPLETE", "powershell")]),
        str::to_string,
    );
}

/// `--copy` on Windows leaves the citation on the clipboard after splw has ended, as plain text
/// and as the "HTML Format" Word reads, whose header's offsets find exactly the HTML splw gives.
#[test]
fn a_copy_is_on_the_windows_clipboard_as_html_and_text() {
    let Some(built) = built() else { return };
    // Wine keeps what an ended program copied, as Windows does, in its desktop process
    // (explorer.exe), which the first program to make a window starts. A copy made while it is
    // still starting is lost, and it dies with the pipes of the program that started it: so a
    // prefix of this test's own, and a first copy with no pipes, to start it.
    let wine = Wine::new(built);
    let first = wine
        .command()
        .args(["cite", "brief", "--copy"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(first.success(), "{first:?}");
    for args in [
        &["cite", "kiely-2022", "nhse-2023a"][..],
        &["cite", "sandhu-2022", "--in-text", "--style", "apa"],
    ] {
        let copying: Vec<&str> = args.iter().copied().chain(["--copy"]).collect();
        let out = run(wine.command(), &copying, &[]);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "Copied to the clipboard (HTML and plain text).\n"
        );
        let printed = String::from_utf8(run(linux(), args, &[]).stdout).unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), printed);
        let text = wine.clipboard("text").expect("text on the clipboard");
        assert_eq!(text, printed.trim_end(), "{args:?}");

        let html_args: Vec<&str> = args.iter().copied().chain(["--format", "html"]).collect();
        let html = String::from_utf8(run(linux(), &html_args, &[]).stdout).unwrap();
        let format = wine.clipboard("html").expect("HTML on the clipboard");
        let offset = |name: &str| -> usize {
            let line = format.lines().find_map(|l| l.strip_prefix(name)).unwrap();
            line.trim().parse().unwrap()
        };
        let fragment = &format[offset("StartFragment:")..offset("EndFragment:")];
        assert_eq!(fragment, html.trim_end(), "{args:?}");
        assert!(
            format[offset("StartHTML:")..].starts_with("<html>"),
            "{format}"
        );
        assert_eq!(offset("EndHTML:"), format.len(), "{format}");
    }
}

/// The README's PowerShell examples: each `splw` line of its `powershell` blocks (up to a `;`
/// or `|`, without its comment), run in an empty folder by each build. What each prints and
/// every file it writes (`-o`) must be the same bytes. `--copy` is the clipboard test's.
#[test]
fn the_readme_powershell_examples_do_the_same_on_windows() {
    let Some(wine) = wine() else { return };
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut lines = Vec::new();
    let mut in_powershell = false;
    for line in readme.lines() {
        match line {
            "```powershell" => in_powershell = true,
            "```" => in_powershell = false,
            _ if in_powershell => {
                let command = line.split([';', '|']).next().unwrap();
                let command = command.split(" # ").next().unwrap().trim();
                if let Some(args) = command.strip_prefix("splw ") {
                    lines.push(shell_words::split(args).unwrap());
                }
            }
            _ => {}
        }
    }
    assert!(lines.len() >= 7, "{lines:?}");
    for args in lines
        .iter()
        .filter(|args| !args.contains(&"--copy".to_string()))
    {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let folders = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        let outputs: Vec<Output> = [wine.command(), linux()]
            .into_iter()
            .zip(&folders)
            .map(|(mut command, folder)| {
                command
                    .args(&args)
                    .current_dir(folder.path())
                    .stdin(Stdio::null());
                for (name, value) in ENV {
                    command.env(name, value);
                }
                command.output().unwrap()
            })
            .collect();
        assert!(outputs[1].status.success(), "{args:?}: {:?}", outputs[1]);
        assert_eq!(
            outputs[0].status.code(),
            outputs[1].status.code(),
            "{args:?}"
        );
        assert!(
            outputs[0].stdout == outputs[1].stdout,
            "{args:?}: stdout differs"
        );
        assert_eq!(outputs[0].stderr, outputs[1].stderr, "{args:?}");
        let files = |folder: &tempfile::TempDir| -> Vec<(std::ffi::OsString, Vec<u8>)> {
            let mut files: Vec<_> = std::fs::read_dir(folder.path())
                .unwrap()
                .map(|entry| {
                    let entry = entry.unwrap();
                    (entry.file_name(), std::fs::read(entry.path()).unwrap())
                })
                .collect();
            files.sort();
            files
        };
        let written = files(&folders[1]);
        assert_eq!(
            written.len(),
            usize::from(args.contains(&"-o")),
            "{args:?}: {written:?}"
        );
        assert!(files(&folders[0]) == written, "{args:?}: the files differ");
    }
}
