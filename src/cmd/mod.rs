//! One file per subcommand, each running on plain options (`cli` makes them from clap's): `run`
//! loads the catalogue each needs and hands it the output.

mod about;
pub mod browse;
mod check;
pub mod cite;
pub mod completions;
pub mod find;
pub mod list;
mod man;
pub mod map;
pub mod open;
pub mod page;
pub mod show;
pub mod stats;
mod topics;

use std::path::PathBuf;

use crate::catalogue::{self, Catalogue};
use crate::embedded;
use crate::error::Failure;
use crate::memory;
use crate::output::{ColorChoice, Hyperlinks, Layout, Output};

/// A whole run: where the brief is, how to write, and what to do.
pub struct Run {
    /// A brief folder, or `None` for the built-in brief.
    pub brief: Option<PathBuf>,
    pub color: ColorChoice,
    pub layout: Layout,
    /// Whether output taller than the terminal may go through a pager (not with `--no-pager`).
    pub pager: bool,
    /// When links are OSC 8 hyperlinks.
    pub hyperlinks: Hyperlinks,
    /// `-o FILE`: the file to write instead of stdout.
    pub output: Option<PathBuf>,
    pub command: Command,
}

pub enum Command {
    List(list::Options),
    Find(find::Options),
    Show(show::Options),
    Cite(cite::Options),
    Open(open::Options),
    Map(map::Options),
    Stats(stats::Options),
    Browse(browse::Options),
    Page(page::Options),
    Topics {
        json: bool,
    },
    About {
        json: bool,
    },
    Check,
    Completions {
        shell: clap_complete::Shell,
    },
    Man {
        cli: Box<clap::Command>,
        page: Option<String>,
    },
}

pub fn run(run: Run) -> anyhow::Result<()> {
    // What people read on screen is paged; what they copy or pipe (cite, check, exports) is not.
    let reading = matches!(
        run.command,
        Command::List(_)
            | Command::Find(_)
            | Command::Show(_)
            | Command::Topics { .. }
            | Command::About { .. }
            | Command::Map(_)
            | Command::Stats(_)
            | Command::Man { .. }
    );
    let mut out = Output::new(
        run.color,
        run.layout,
        run.pager && reading,
        run.hyperlinks,
        run.output,
    );
    let brief = run.brief.as_deref();
    // The catalogue lives as long as the run: leaked, since freeing a large brief's strings one
    // by one at the end costs more than the exit that hands all the memory back at once.
    let load = || -> Result<&'static Catalogue, Failure> {
        match brief {
            Some(dir) => {
                let catalogue = catalogue::load(dir).map_err(Failure::Brief)?;
                memory::hand_back_freed();
                Ok(Box::leak(Box::new(catalogue)))
            }
            None => Ok(embedded::shared()),
        }
    };
    let result = match run.command {
        Command::List(options) => list::run(load()?, &options, &mut out),
        Command::Find(options) => {
            // The built-in brief's words were split when splw was built.
            let split = brief.is_none().then_some(&embedded::SPLIT);
            find::run(load()?, split, &options, &mut out)
        }
        Command::Show(options) => show::run(load()?, &options, &mut out),
        Command::Cite(options) => cite::run(load()?, &options, &mut out),
        Command::Open(options) => open::run(load()?, &options, &mut out),
        Command::Map(options) => map::run(load()?, &options, &mut out),
        Command::Stats(options) => stats::run(load()?, &options, &mut out),
        Command::Browse(options) => browse::run(load()?, &options, &mut out),
        Command::Page(options) => page::run(load()?, &options, &mut out),
        Command::Topics { json } => topics::run(load()?, json, &mut out),
        Command::About { json } => about::run(load()?, json, &mut out),
        Command::Check => check::run(brief, &mut out),
        Command::Completions { shell } => completions::run(shell, &mut out),
        Command::Man { cli, page } => man::run(*cli, page.as_deref(), &mut out),
    };
    // Flush even after a failure, so that what was written (check's problems) is not lost.
    let flushed = out.finish(result.is_ok());
    result?;
    flushed?;
    Ok(())
}
