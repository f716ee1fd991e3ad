//! One file per subcommand; `run` loads what each needs and hands it the output.

mod about;
mod check;
mod cite;
mod find;
mod list;
mod show;
mod topics;

use clap::{CommandFactory, ValueEnum};

use crate::catalogue;
use crate::cli::{Cli, ColorChoice, Command, Layout};
use crate::error::Failure;
use crate::output::Output;

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let mut out = Output::new(cli.color, cli.layout()?);
    let brief_dir = cli.brief_dir();
    let brief = brief_dir.as_deref();
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
        Command::Man { command } => man_page(command.as_deref(), &mut out),
    };
    // Flush even after a failure, so that what was written (check's problems) is not lost.
    let flushed = out.finish();
    result?;
    flushed?;
    Ok(())
}

/// splw's manual page, or the page of one of its commands, which splw's page refers to as
/// splw-list(1) and so on.
fn man_page(command: Option<&str>, out: &mut Output) -> Result<(), Failure> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    // Once built, each command knows its page's name (splw-list) and how it is run (splw list).
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = cli.get_subcommands().map(clap::Command::get_name).collect();
                return Err(Failure::Usage(format!(
                    "there is no command `{}`: give one of {}",
                    crate::text::escape_line(name),
                    names.join(", ")
                )));
            }
        },
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .source(concat!("splw ", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)
        .map_err(Failure::Write)?;
    out.text(String::from_utf8_lossy(&roff))
}

/// What clap made of a command line that it did not hand to `run`: help and the version are
/// printed like any output (so a full disk is an error, and `--color` holds); a mistake becomes
/// a usage error of two lines, clap's own first line and its tip.
pub fn command_line(error: &clap::Error) -> anyhow::Result<()> {
    use clap::error::ErrorKind;
    match error.kind() {
        // `splw` alone: the help, as a usage error (stderr, exit 2), as clap has it.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Err(Failure::Help(error.render().to_string().trim_end().to_string()).into())
        }
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut out = Output::new(color_in_args(), Layout::Auto);
            let page = error.render();
            let written = out.text(if out.colour {
                page.ansi().to_string()
            } else {
                page.to_string()
            });
            let flushed = out.finish();
            written?;
            Ok(flushed?)
        }
        _ => Err(Failure::Usage(usage_error(&error.render().to_string())).into()),
    }
}

/// `--color` as written on a command line that clap could not parse, so that help and errors
/// respect it too.
fn color_in_args() -> ColorChoice {
    // args_os: an argument that is not UTF-8 must not panic here; clap reports it.
    let args: Vec<String> = std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let mut choice = ColorChoice::Auto;
    for (i, arg) in args.iter().enumerate() {
        let value = match arg.strip_prefix("--color") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(parsed) = value.and_then(|v| ColorChoice::from_str(v, true).ok()) {
            choice = parsed;
        }
    }
    choice
}

/// clap's message in two lines: what is wrong, with the values it takes where it lists them,
/// then clap's tip or where help is.
fn usage_error(rendered: &str) -> String {
    let lines: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let first = lines.first().copied().unwrap_or_default();
    let mut message = first.strip_prefix("error: ").unwrap_or(first).to_string();
    // "the following required arguments were not provided:" lists them on the lines below.
    if message.ends_with(':') {
        let listed: Vec<&str> = lines
            .iter()
            .skip(1)
            .take_while(|line| line.starts_with(['<', '-']))
            .copied()
            .collect();
        message.push(' ');
        message.push_str(&listed.join(", "));
    }
    if let Some(values) = lines.iter().find_map(|line| {
        line.strip_prefix("[possible values: ")
            .and_then(|values| values.strip_suffix(']'))
    }) {
        message.push_str("; it should be one of: ");
        message.push_str(values);
    }
    let hint = lines
        .iter()
        .find(|line| line.starts_with("tip:"))
        .or_else(|| {
            lines
                .last()
                .filter(|line| line.starts_with("For more information"))
        })
        .copied()
        .unwrap_or("For more information, try '--help'.");
    format!("{message}\n{hint}")
}
