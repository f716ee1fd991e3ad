//! A command line that clap did not take, as two lines: what is wrong, from clap's structured
//! context, then a tip for the slip people make (an option before its command, a bare word, a
//! name of several words without quotes), or clap's own suggestion, or where help is.

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use clap::ValueEnum;

use super::Cli;
use crate::error::Failure;
use crate::output::{ColorChoice, Hyperlinks, Layout, Output};
use crate::text;

/// A usage error in two lines, from clap's structured context: what is wrong, with the values
/// an option takes where clap lists them, then clap's suggestion or where help is.
pub fn usage_error(error: &clap::Error) -> String {
    let string = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.as_str()),
        _ => None,
    };
    let strings = |kind| match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.clone(),
        Some(ContextValue::String(value)) => vec![value.clone()],
        _ => Vec::new(),
    };
    // What the user typed, quoted on one line.
    let arg = text::quoted(string(ContextKind::InvalidArg).unwrap_or_default());
    let value = text::quoted(string(ContextKind::InvalidValue).unwrap_or_default());
    let mut message = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("a value is required for '{arg}' but none was supplied")
        }
        ErrorKind::InvalidValue => format!("invalid value '{value}' for '{arg}'"),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error).map(|s| format!(": {s}"));
            format!(
                "invalid value '{value}' for '{arg}'{}",
                reason.unwrap_or_default()
            )
        }
        ErrorKind::UnknownArgument => format!("unexpected argument '{arg}' found"),
        ErrorKind::InvalidSubcommand => format!(
            "unrecognized subcommand '{}'",
            string(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "the following required arguments were not provided: {}",
            strings(ContextKind::InvalidArg).join(", ")
        ),
        ErrorKind::ArgumentConflict if arg.is_empty() => "conflicting arguments".to_string(),
        ErrorKind::ArgumentConflict => match strings(ContextKind::PriorArg).as_slice() {
            [prior] if *prior == arg => {
                format!("the argument '{arg}' cannot be used multiple times")
            }
            [] => format!("the argument '{arg}' cannot be used with the others given"),
            prior => format!(
                "the argument '{arg}' cannot be used with {}",
                prior.join(", ")
            ),
        },
        kind => kind
            .as_str()
            .unwrap_or("the command line is not understood")
            .to_string(),
    };
    let valid = strings(ContextKind::ValidValue);
    if !valid.is_empty() {
        message.push_str("; it should be one of: ");
        message.push_str(&valid.join(", "));
    }
    // Failure::message escapes what the user typed, as it does every message.
    format!("{message}\n{}", tip(error))
}

/// Words people type for splw's commands, and the command they mean.
const COMMAND_SLIPS: &[(&str, &str)] = &[
    ("search", "find"),
    ("grep", "find"),
    ("query", "find"),
    ("lookup", "find"),
    ("ls", "list"),
    ("view", "show"),
    ("info", "show"),
    ("export", "cite"),
    ("reference", "cite"),
    ("citation", "cite"),
    ("sections", "topics"),
];

/// The command line as typed, after the program's name: each argument lossily as text (one that
/// is not UTF-8 must not panic here; clap reports it).
fn typed() -> Vec<String> {
    std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect()
}

/// The subcommands that take `option` (`--topic`, `--topic=x` or `-t`), as clap knows them.
fn commands_taking(option: &str) -> Vec<clap::Command> {
    let option = option.split('=').next().unwrap_or_default();
    let takes = |arg: &clap::Arg| match (option.strip_prefix("--"), option.strip_prefix('-')) {
        (Some(long), _) => arg.get_long() == Some(long),
        (None, Some(short)) => short.parse::<char>().ok() == arg.get_short(),
        _ => false,
    };
    Cli::command()
        .get_subcommands()
        .filter(|command| command.get_arguments().any(takes))
        .cloned()
        .collect()
}

/// "`list`, `find` and `page`".
fn names(commands: &[clap::Command]) -> String {
    let names: Vec<String> = commands
        .iter()
        .map(|command| format!("`{}`", command.get_name()))
        .collect();
    crate::text::series(&names, "and")
}

/// Where the subcommand stands among the typed arguments, and its name.
fn command_at(args: &[String]) -> Option<(usize, String)> {
    let cli = Cli::command();
    args.iter().enumerate().find_map(|(at, arg)| {
        cli.find_subcommand(arg)
            .map(|command| (at, command.get_name().to_string()))
    })
}

/// Whether `option` (as typed: `--topic`, `--topic=x`, `-t`) takes a value in `command` that
/// follows it as the next argument.
fn value_follows(command: &clap::Command, option: &str) -> bool {
    if option.contains('=') {
        return false;
    }
    command.get_arguments().any(|arg| {
        let named = match option.strip_prefix("--") {
            Some(long) => arg.get_long() == Some(long),
            None => {
                option
                    .strip_prefix('-')
                    .and_then(|s| s.parse::<char>().ok())
                    == arg.get_short()
            }
        };
        named && arg.get_action().takes_values()
    })
}

/// The options every command takes (`--brief DIR`, `--color never`), with their values, as
/// typed.
fn global_options(args: &[String]) -> Vec<String> {
    let cli = Cli::command();
    let global = |option: &str| -> Option<bool> {
        let name = option.split('=').next()?.strip_prefix("--")?;
        cli.get_arguments()
            .find(|arg| arg.is_global_set() && arg.get_long() == Some(name))
            .map(|arg| arg.get_action().takes_values() && !option.contains('='))
    };
    let mut kept = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if let Some(takes_value) = global(arg) {
            kept.push(arg.clone());
            if takes_value {
                kept.extend(args.next().cloned());
            }
        }
    }
    kept
}

/// A command line to show in a tip, its arguments quoted as a shell would need them.
fn line(args: &[String]) -> String {
    format!(
        "splw {}",
        shell_words::join(args.iter().map(|arg| text::quoted(arg)))
    )
}

/// For an option typed before its command (`splw --topic loneliness list`): the line with the
/// option (and its value) moved after the command; with no command, an example with the first
/// that takes it.
fn option_before_command(args: &[String], at: usize, command: Option<&(usize, String)>) -> String {
    let option = &args[at];
    let takes = commands_taking(option);
    let Some(example) = takes.first() else {
        return "For more information, try '--help'.".into();
    };
    match command {
        Some((command_at, name)) => {
            let Some(command) = takes.iter().find(|c| c.get_name() == name) else {
                return format!(
                    "tip: options go after the command, and `{}` goes with {}",
                    text::quoted(option),
                    names(&takes)
                );
            };
            let moved = if value_follows(command, option) && at + 1 < *command_at {
                2
            } else {
                1
            };
            let mut fixed = args.to_vec();
            let mut taken: Vec<String> = fixed.drain(at..at + moved).collect();
            // Shown as two words, `--topic loneliness`, which needs no quotes.
            if let Some((option, value)) = taken[0].clone().split_once('=') {
                taken = vec![option.to_string(), value.to_string()];
            }
            let after = command_at - moved + 1;
            fixed.splice(after..after, taken);
            format!("tip: options go after the command: `{}`", line(&fixed))
        }
        None => {
            let mut fixed = vec![example.get_name().to_string(), option.clone()];
            if value_follows(example, option) {
                fixed.extend(args.get(at + 1).cloned());
            }
            format!(
                "tip: options go after a command that takes them: `{}` ({} take `{}`)",
                line(&fixed),
                names(&takes),
                text::quoted(option.split('=').next().unwrap_or_default())
            )
        }
    }
}

/// For words a command does not take (`splw list loneliness`): the commands that would use them,
/// where they name a topic, an entry or a search of the brief the line reads.
fn bare_words(args: &[String], at: usize, command: &str) -> Option<String> {
    let words: Vec<&str> = args[at..]
        .iter()
        .take_while(|arg| !arg.starts_with('-'))
        .map(String::as_str)
        .collect();
    let wanted = words.join(" ");
    let catalogue = super::complete::catalogue()?;
    let mut meant = Vec::new();
    let takes_topic = commands_taking("--topic")
        .iter()
        .any(|c| c.get_name() == command);
    if takes_topic && crate::filter::resolve_topic(&wanted, &catalogue.topics).is_ok() {
        // The same line, the words a topic.
        let mut fixed = args.to_vec();
        fixed.splice(
            at..at + words.len(),
            ["--topic".to_string(), wanted.clone()],
        );
        meant.push(fixed);
    }
    // Another command for the words, with the options every command takes.
    let elsewhere = |name: &str, words: &[&str]| {
        let mut fixed = global_options(args);
        fixed.push(name.to_string());
        fixed.extend(words.iter().map(|word| word.to_string()));
        fixed
    };
    let entries: Vec<&str> = words
        .iter()
        .filter(|word| catalogue.get(word).is_some())
        .copied()
        .collect();
    if !entries.is_empty() {
        meant.push(elsewhere("show", &entries));
    }
    let found = crate::search::Query::new(&wanted).is_ok_and(|query| {
        !query
            .run(&catalogue, None, catalogue.entries.iter())
            .hits
            .is_empty()
    });
    if found && entries.is_empty() {
        meant.push(elsewhere("find", &words));
    }
    let meant: Vec<String> = meant
        .iter()
        .map(|args| format!("`{}`", line(args)))
        .collect();
    (!meant.is_empty()).then(|| format!("tip: did you mean {}?", crate::text::series(&meant, "or")))
}

/// `--topic "Mental Health"`, where the command line has `--topic Mental Health` and `unexpected`
/// is the word that clap found no place for.
fn words_of_one_value(unexpected: &str) -> Option<String> {
    let args: Vec<String> = std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let at = args.iter().position(|arg| arg == unexpected)?;
    let (option, value) = match args.get(at.checked_sub(1)?)?.split_once('=') {
        Some((option, value)) => (option.to_string(), value.to_string()),
        None => (args.get(at.checked_sub(2)?)?.clone(), args[at - 1].clone()),
    };
    let named = [
        "--topic",
        "-t",
        "--section",
        "--author",
        "-a",
        "--journal",
        "-j",
    ];
    named.contains(&option.as_str()).then(|| {
        format!(
            "{option} \"{} {}\"",
            text::quoted(&value),
            text::quoted(unexpected)
        )
    })
}

/// A hint for the slips people make, or clap's own suggestion, or where help is.
fn tip(error: &clap::Error) -> String {
    let given = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => {
            value.split('=').next().unwrap_or_default().to_string()
        }
        _ => String::new(),
    };
    match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let typed = given(ContextKind::InvalidSubcommand).to_lowercase();
            if let Some((_, meant)) = COMMAND_SLIPS.iter().find(|(slip, _)| *slip == typed) {
                return format!("tip: did you mean `splw {meant}`?");
            }
        }
        ErrorKind::UnknownArgument => {
            let arg = given(ContextKind::InvalidArg);
            if let Some(meant) = words_of_one_value(&arg) {
                return format!("tip: a name of several words needs quotes: `{meant}`");
            }
            let args = typed();
            let command = command_at(&args);
            let at = args
                .iter()
                .position(|typed| *typed == arg || typed.starts_with(&format!("{arg}=")));
            let name = command
                .as_ref()
                .map(|(_, name)| name.as_str())
                .unwrap_or_default();
            match at {
                Some(at)
                    if arg.starts_with('-') && command.as_ref().is_none_or(|(c, _)| at < *c) =>
                {
                    return option_before_command(&args, at, command.as_ref());
                }
                _ if arg == "--json" && name == "cite" => {
                    return "tip: `--json` is not an option of `cite`; try `--format csl-json`"
                        .into();
                }
                _ if arg.starts_with('-') => {
                    let takes = commands_taking(&arg);
                    if !takes.is_empty() {
                        return format!("tip: `{arg}` belongs to {}, not `{name}`", names(&takes));
                    }
                }
                Some(at) if command.is_some() => {
                    if let Some(tip) = bare_words(&args, at, name) {
                        return tip;
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "subcommand"),
        (ContextKind::SuggestedArg, "argument"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        let similar: Vec<String> = match error.get(kind) {
            Some(ContextValue::String(one)) => vec![format!("'{one}'")],
            Some(ContextValue::Strings(many)) => many.iter().map(|v| format!("'{v}'")).collect(),
            _ => continue,
        };
        return match similar.as_slice() {
            [one] => format!("tip: a similar {what} exists: {one}"),
            many => format!("tip: some similar {what}s exist: {}", many.join(", ")),
        };
    }
    if let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) {
        if let Some(first) = tips.first() {
            return format!("tip: {first}");
        }
    }
    "For more information, try '--help'.".to_string()
}

/// What clap made of a command line that it did not parse into a `Cli`: help and the version are
/// printed like any output (so a full disk is an error, and `--color` holds); a mistake becomes
/// a usage error of two lines, what is wrong and a tip or where help is.
pub fn command_line(error: &clap::Error) -> anyhow::Result<()> {
    match error.kind() {
        // `splw` alone: the help, as a usage error (stderr, exit 2), as clap has it.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Err(Failure::Help(error.render().to_string().trim_end().to_string()).into())
        }
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Help is read on screen, so a long page is paged, as git pages it.
            let paged = !std::env::args_os().any(|arg| arg == "--no-pager");
            let mut out = Output::new(
                color_in_args(),
                Layout::Auto,
                paged,
                Hyperlinks::Never,
                None,
            );
            let page = error.render();
            let written = out.text(if out.colour {
                page.ansi().to_string()
            } else {
                page.to_string()
            });
            let flushed = out.finish(written.is_ok());
            written?;
            Ok(flushed?)
        }
        _ => Err(Failure::Usage(usage_error(error)).into()),
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
