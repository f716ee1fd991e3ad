use crate::error::Failure;
use crate::output::Output;

/// The variable that asks splw to complete a command line rather than run it.
pub const VAR: &str = "COMPLETE";

/// The script that registers splw's completions with `shell`: on Tab, the shell runs
/// `COMPLETE=<shell> splw -- <the line so far>`, and splw answers from the brief that line names
/// (see `cli::complete`), so ids, aliases and topics complete as well as commands and options.
pub fn run(shell: clap_complete::Shell, out: &mut Output) -> Result<(), Failure> {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::Elvish => &Elvish,
        _ => &Powershell,
    };
    let mut script = Vec::new();
    completer
        .write_registration(VAR, "splw", "splw", "splw", &mut script)
        .map_err(Failure::Write)?;
    out.text(String::from_utf8_lossy(&script))
}
