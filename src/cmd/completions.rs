use crate::error::Failure;
use crate::output::Output;

/// The completion script for `shell`, from the command line's own definition.
pub fn run(
    shell: clap_complete::Shell,
    cli: &mut clap::Command,
    out: &mut Output,
) -> Result<(), Failure> {
    let mut script = Vec::new();
    clap_complete::generate(shell, cli, "splw", &mut script);
    out.text(String::from_utf8_lossy(&script))
}
