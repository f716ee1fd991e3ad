//! Every code a run of splw ends with, and what each means: one table, which `splw --help` prints
//! and the README's table is tested against (as fd's `exit_codes.rs` has it).

/// How a run ended, for the shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    Success,
    NoMatch,
    Usage,
    Brief,
    Other,
    Hangup,
    Interrupted,
    Terminated,
}

impl ExitCode {
    pub const ALL: [ExitCode; 8] = [
        ExitCode::Success,
        ExitCode::NoMatch,
        ExitCode::Usage,
        ExitCode::Brief,
        ExitCode::Other,
        ExitCode::Hangup,
        ExitCode::Interrupted,
        ExitCode::Terminated,
    ];

    pub const fn code(self) -> i32 {
        match self {
            ExitCode::Success => 0,
            ExitCode::NoMatch => 1,
            ExitCode::Usage => 2,
            ExitCode::Brief => 3,
            ExitCode::Other => 4,
            // 128 + the signal's number, as shells report a program a signal ended.
            ExitCode::Hangup => 129,
            ExitCode::Interrupted => 130,
            ExitCode::Terminated => 143,
        }
    }

    /// What the code means, as the README's table and `splw --help` say it.
    pub fn meaning(self) -> &'static str {
        match self {
            ExitCode::Success => "success",
            ExitCode::NoMatch => {
                "nothing matched (`find`, or `list`, `map` or `stats` with filters), `cite` given no ids, or `browse` left with Esc"
            }
            ExitCode::Usage => {
                "usage error: a wrong option, or an unknown topic, id or year; `browse` with no terminal, or `page` with a terminal (and no `-o`) to write to"
            }
            ExitCode::Brief => "the brief failed to load, or `check` found errors in it",
            ExitCode::Other => {
                "anything else, such as output that could not be written (or a `page -o` file), no clipboard (`--copy`) to use, or a browser (`open`) that could not be started or failed"
            }
            ExitCode::Hangup => {
                "`browse` ended because its terminal went away: the window closed or the SSH connection dropped (SIGHUP, or the terminal gave nothing more to read)"
            }
            ExitCode::Interrupted => "`browse` left with Ctrl-C (or ended by SIGINT)",
            ExitCode::Terminated => "`browse` ended by SIGTERM",
        }
    }
}

/// The exit codes as `splw --help` ends: one per line, wrapped under its meaning.
pub fn help() -> String {
    let mut text = String::from("Exit codes:");
    for code in ExitCode::ALL {
        let first = format!("  {:>3}  ", code.code());
        let options = textwrap::Options::new(100)
            .initial_indent(&first)
            .subsequent_indent("       ");
        text.push('\n');
        text.push_str(&textwrap::fill(code.meaning(), options));
    }
    text.push_str("\nA brief with only warnings passes `check`: exit 0.");
    text
}
