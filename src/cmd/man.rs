use crate::error::Failure;
use crate::output::Output;
use crate::text;

/// splw's manual page, or the page of one of its commands, which splw's page refers to as
/// splw-list(1) and so on.
pub fn run(cli: clap::Command, command: Option<&str>, out: &mut Output) -> Result<(), Failure> {
    let mut cli = cli.disable_help_subcommand(true);
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
                    text::quoted(name),
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
