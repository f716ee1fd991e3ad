//! One file per subcommand; `run` loads what each needs and hands it the output.

mod about;
mod check;
mod cite;
mod find;
mod list;
mod show;
mod topics;

use clap::CommandFactory;

use crate::catalogue;
use crate::cli::{Cli, Command};
use crate::error::Failure;
use crate::output::Output;

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let mut out = Output::new(cli.color, cli.layout);
    let brief = cli.brief.as_deref();
    let result = match cli.command {
        Command::List(args) => list::run(&catalogue::load(brief)?, &args, &mut out),
        Command::Find(args) => find::run(&catalogue::load(brief)?, &args, &mut out),
        Command::Show(args) => show::run(&catalogue::load(brief)?, &args, &mut out),
        Command::Cite(args) => cite::run(&catalogue::load(brief)?, &args, &mut out),
        Command::Topics(args) => topics::run(&catalogue::load(brief)?, args.json, &mut out),
        Command::About(args) => about::run(&catalogue::load(brief)?, args.json, &mut out),
        Command::Check => check::run(brief, &mut out),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "splw", &mut script);
            out.text(String::from_utf8_lossy(&script))
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(Failure::Write)?;
            out.text(String::from_utf8_lossy(&page))
        }
    };
    // Flush even after a failure, so that what was written (check's problems) is not lost.
    let flushed = out.finish();
    result?;
    flushed?;
    Ok(())
}
