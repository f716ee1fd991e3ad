//! The command line, all in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalogue::{Access, Kind};
use crate::cite::{Format, StyleName};
use crate::error::Failure;
use crate::filter::YearRange;
use crate::text;

/// Kinds and access marks are closed sets of the catalogue's model; the command line offers them
/// as choices. (The model stays free of clap: the build script compiles it too.)
macro_rules! value_enum {
    ($($name:ty),+) => {
        $(impl ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                <$name>::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        })+
    };
}

value_enum!(Kind, Access);

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  nothing matched (find, or list with filters)
  2  usage error: a wrong option, or an unknown topic, id or year
  3  the brief failed to load, or `check` found problems in it
  4  anything else, such as output that could not be written";

#[derive(Debug, Parser)]
#[command(
    name = "splw",
    version,
    about = "The NHS Evidence Brief on Social Prescribing Link Workers, in your terminal",
    long_about = "The NHS Evidence Brief: Social Prescribing Link Workers (Katie Nicholas, April 2024) \
as a catalogue you can list, search, read and cite. The brief is built in: no files or network needed.",
    after_help = "Start with `splw list`, `splw topics` or `splw find WORDS`.",
    after_long_help = EXIT_CODES,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Read the brief from this folder of section files instead of the built-in copy (or set
    /// SPLW_BRIEF)
    #[arg(long, global = true, value_name = "DIR")]
    pub brief: Option<PathBuf>,

    /// When to use colour
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// How to lay out lists: tables on a terminal and tab-separated lines in a pipe (auto), or
    /// always one or the other (or set SPLW_LAYOUT) [default: auto]
    #[arg(long, global = true, value_name = "LAYOUT", ignore_case = true)]
    pub layout: Option<Layout>,
}

impl Cli {
    /// The brief folder: `--brief`, else `SPLW_BRIEF` unless it is empty, else none (built in).
    pub fn brief_dir(&self) -> Option<PathBuf> {
        self.brief.clone().or_else(|| {
            std::env::var_os("SPLW_BRIEF")
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from)
        })
    }

    /// The layout: `--layout`, else `SPLW_LAYOUT` unless it is empty, else auto.
    pub fn layout(&self) -> Result<Layout, Failure> {
        if let Some(layout) = self.layout {
            return Ok(layout);
        }
        match std::env::var("SPLW_LAYOUT") {
            Ok(value) if !value.trim().is_empty() => {
                Layout::from_str(value.trim(), true).map_err(|_| {
                    Failure::Usage(format!(
                        "SPLW_LAYOUT is `{}`; it should be auto, table or plain",
                        text::escape_line(&value)
                    ))
                })
            }
            _ => Ok(Layout::Auto),
        }
    }
}

/// A count for `--limit`: a whole number, 1 or more.
fn count(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("`{text}` is not a whole number of 1 or more")),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Layout {
    /// Tables on a terminal, tab-separated lines in a pipe or file
    Auto,
    /// Tables fitted to the terminal's width (or COLUMNS)
    Table,
    /// One tab-separated line per entry: id, year, authors, title
    Plain,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List entries as a table, in the brief's order, filtered by topic, year, kind and more
    #[command(after_help = "\
Examples:
  splw list --topic loneliness
  splw list --topic \"Mental Health\" --year 2020..
  splw list --kind journal-article --author moffatt --sort year --reverse
  splw list --json > catalogue.json")]
    List(ListArgs),

    /// Search titles, authors, journals and abstracts, forgiving typos
    #[command(after_help = "\
The query follows fzf's syntax:
  green covid    every word must match somewhere in the entry (in any order)
  'exact         the exact text 'exact', not a fuzzy match
  ^prefix        the field must start with 'prefix'
  suffix$        the field must end with 'suffix'
  !word          leave out entries that contain 'word'

Titles, names and journals forgive typos (lonliness finds loneliness); abstracts match words as
typed. Results are ranked: a match in the title or id counts for more than one in an abstract.

Examples:
  splw find \"green covid\"
  splw find lonliness
  splw find link worker training --year 2022.. --limit 5")]
    Find(FindArgs),

    /// Show entries in full: authors, journal, topics, abstract and citation
    #[command(after_help = "\
Examples:
  splw show kiely-2022
  splw show linkmm
  splw show foster-2021 moffatt-2017 --json")]
    Show(ShowArgs),

    /// Cite entries in a reference style, export them for a reference manager, or cite the brief
    #[command(after_help = "\
With no ids and no filters, prints how to acknowledge the brief itself.

Examples:
  splw cite kiely-2022
  splw cite kiely-2022 foster-2021 --style apa
  splw cite kiely-2022 --in-text
  splw cite --topic mental-health --format bibtex > refs.bib
  splw cite --all --format ris > splw.ris
  splw cite")]
    Cite(CiteArgs),

    /// List the brief's sections (topics), with how many entries each has
    #[command(after_help = "\
Examples:
  splw topics
  splw list --topic long-term-conditions")]
    Topics(JsonArg),

    /// Describe the brief itself: who wrote it, when, why, and how to get the articles
    #[command(after_help = "Example:\n  splw about")]
    About(JsonArg),

    /// Check a brief folder and list every problem as file:line:column
    #[command(after_help = "\
Examples:
  splw check
  splw check --brief my-brief/")]
    Check,

    /// Print a shell completion script
    #[command(after_help = "\
Examples:
  splw completions bash > ~/.local/share/bash-completion/completions/splw
  splw completions zsh > ~/.zfunc/_splw
  splw completions fish > ~/.config/fish/completions/splw.fish")]
    Completions {
        /// The shell to write completions for
        shell: clap_complete::Shell,
    },

    /// Print a manual page (roff), for `man`: splw's own, or one command's
    #[command(
        after_help = "Examples:\n  splw man > splw.1 && man ./splw.1\n  splw man cite > splw-cite.1 && man ./splw-cite.1"
    )]
    Man {
        /// The command whose page to print (list, find, show, cite, topics, about, check,
        /// completions or man); without it, splw's page, which lists them
        command: Option<String>,
    },
}

/// Filters shared by `list` and `find`. Different filters must all hold; a repeated filter
/// accepts any of its values.
#[derive(Debug, Clone, Default, Args)]
pub struct Filters {
    /// Only this topic: an id, a label, or an unambiguous start of either or of one of their
    /// words, in any case
    /// (repeat for any of several)
    #[arg(long, short, value_name = "TOPIC")]
    pub topic: Vec<String>,

    /// Only these years: 2022, 2019..2022, 2020.. or ..2015 (repeat for any of several)
    #[arg(long, short, value_name = "YEARS", allow_hyphen_values = true)]
    pub year: Vec<YearRange>,

    /// Only this kind of publication (repeat for any of several)
    #[arg(long, short, value_name = "KIND", ignore_case = true)]
    pub kind: Vec<Kind>,

    /// Only works with an author whose family name starts with this, ignoring case and accents
    /// (repeat for any of several)
    #[arg(long, short, value_name = "NAME")]
    pub author: Vec<String>,

    /// Only articles in a journal whose name contains this (repeat for any of several)
    #[arg(long, short, value_name = "TEXT")]
    pub journal: Vec<String>,

    /// Only entries the brief marks this way (repeat for any of several)
    #[arg(long, value_name = "ACCESS", ignore_case = true)]
    pub access: Vec<Access>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.topic.is_empty()
            && self.year.is_empty()
            && self.kind.is_empty()
            && self.author.is_empty()
            && self.journal.is_empty()
            && self.access.is_empty()
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: Filters,

    /// The order of the list
    #[arg(
        long,
        value_name = "ORDER",
        default_value = "brief",
        ignore_case = true
    )]
    pub sort: SortOrder,

    /// Reverse the order
    #[arg(long, short)]
    pub reverse: bool,

    /// Show at most this many entries
    #[arg(long, short = 'n', value_name = "N", value_parser = count, allow_negative_numbers = true)]
    pub limit: Option<u32>,

    /// Print the entries as a JSON array
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    /// The brief's own order, section by section
    Brief,
    /// Oldest first (entries with no year last)
    Year,
    /// By the first author's family name, or the organisation's name
    Author,
    /// By title
    Title,
}

#[derive(Debug, Args)]
pub struct FindArgs {
    /// What to look for (several words: every one must match)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filters: Filters,

    /// Show at most this many results
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10,
        value_parser = count, allow_negative_numbers = true)]
    pub limit: u32,

    /// Print the results as a JSON array of entries
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Entry ids or aliases, such as kiely-2022 or linkmm
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Print the entries as a JSON array
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CiteArgs {
    /// Entry ids or aliases (leave out to cite the brief itself, or use --all or filters)
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub filters: Filters,

    /// Cite every entry (every entry that matches, with filters)
    #[arg(long)]
    pub all: bool,

    /// The reference style
    #[arg(long, short, value_name = "STYLE", ignore_case = true)]
    pub style: Option<StyleName>,

    /// How to write the citations, or which file format to export
    #[arg(
        long,
        short,
        value_name = "FORMAT",
        default_value = "text",
        ignore_case = true
    )]
    pub format: Format,

    /// Print the citation in the text, such as (Kiely et al., 2022), not the reference
    #[arg(long)]
    pub in_text: bool,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}
