//! The command line, all in one place: clap's types, and their translation into the plain
//! options that `cmd` runs on (as fd's `Opts` become its `Config`). Nothing below `cmd` sees clap.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use crate::catalogue::{Access, Design, Kind};
use crate::cite::{Format, StyleName};
use crate::cmd;
use crate::error::Failure;
use crate::filter::{Criteria, YearRange};
use crate::output::{ColorChoice, Hyperlinks, Layout};
use crate::sort::SortOrder;
use crate::text;

/// Kinds and access marks are closed sets of the catalogue's model; the command line offers them
/// as choices.
macro_rules! closed_set_choices {
    ($($name:ty),+) => {
        $(impl ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                <$name>::ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(PossibleValue::new(self.as_str()))
            }
        })+
    };
}

closed_set_choices!(Kind, Access, Design);

/// The choices of options whose values are plain enums of the layers below, with their help.
macro_rules! choices {
    ($($name:ty { $($variant:ident = $value:literal $(: $help:literal)?,)+ })+) => {
        $(impl ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(<$name>::$variant),+]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(match self {
                    $(<$name>::$variant => PossibleValue::new($value)$(.help($help))?,)+
                })
            }
        })+
    };
}

choices! {
    ColorChoice {
        Auto = "auto": "Colour on a terminal, unless NO_COLOR is set",
        Always = "always",
        Never = "never",
    }
    Hyperlinks {
        Auto = "auto": "On a terminal that shows them (iTerm2, WezTerm, kitty, Windows Terminal, VS Code and others); never in a pipe",
        Always = "always",
        Never = "never",
    }
    Layout {
        Auto = "auto": "Tables on a terminal, tab-separated lines in a pipe or file",
        Table = "table": "Tables fitted to the terminal's width (or COLUMNS)",
        Plain = "plain": "One tab-separated line per entry: id, year, authors, title",
    }
    SortOrder {
        Brief = "brief": "The brief's own order, section by section",
        Year = "year": "Oldest first (entries with no year last)",
        Author = "author": "By the first author's family name, or the organisation's name",
        Title = "title": "By title",
    }
    StyleName {
        Harvard = "harvard": "Harvard, Cite Them Right 12th edition (the UK universities' standard)",
        Apa = "apa": "APA 7th edition",
        Vancouver = "vancouver": "Vancouver (ICMJE/NLM), as BMJ Open and BJGP use it",
        Hee = "hee": "Health Education England Harvard, the brief's own house style",
    }
    Format {
        Text = "text": "Plain text, with the style's curly quotes and en dashes",
        Markdown = "markdown": "Markdown: italics as *…*",
        Html = "html": "HTML: italics as <i>…</i>",
        Bibtex = "bibtex": "BibTeX, for LaTeX with BibTeX (plain, natbib and other .bst styles)",
        Biblatex = "biblatex": "biblatex, for LaTeX with biber, and for pandoc",
        Ris = "ris": "RIS, for EndNote, Zotero and Mendeley",
        CslJson = "csl-json": "CSL-JSON, for pandoc and Zotero",
    }
}

pub mod complete;
// `map` and `stats`, and the value parser of `--country`.
mod evidence;
mod page;
// A command line clap did not take: what is wrong, and a tip.
mod usage;

pub use usage::command_line;

#[derive(Debug, Parser)]
#[command(
    name = "splw",
    version,
    about = "The NHS Evidence Brief on Social Prescribing Link Workers, in your terminal",
    long_about = "The NHS Evidence Brief: Social Prescribing Link Workers (Katie Nicholas, April 2024) \
as a catalogue you can list, search, read and cite. The brief is built in: no files or network needed.",
    after_help = "Start with `splw list`, `splw topics` or `splw find WORDS`.",
    after_long_help = crate::exit_codes::help(),
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

    /// Never page output taller than the terminal (else through $SPLW_PAGER, $PAGER or less)
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// When to make DOIs and addresses hyperlinks a terminal can open (OSC 8)
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub hyperlinks: Hyperlinks,
}

/// A count for `--limit`: a whole number, 1 or more.
fn count(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("`{text}` is not a whole number of 1 or more")),
    }
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

    /// Search titles, topics, authors, journals and abstracts, ranked by relevance
    #[command(after_help = "\
Words match whole words and their other forms (lonely finds loneliness), forgive a typo in a word
of 5 letters or more and two from 9 (lonliness, socail), and read British and American spellings
and hyphens alike (randomized, behavior, well-being). Works rank by how much of the query they
match and where: a title, an id or the brief's section counts for more than an abstract. Common
words (the, of, for) are not needed, and an abbreviation (RCT, PCN, CYP, ...) finds its long form
too. A query that nothing in the brief is about finds nothing.

Strict forms, as in fzf, that every result must satisfy:
  'exact         the text 'exact', anywhere
  ^prefix        a field that starts with 'prefix'
  suffix$        a field that ends with 'suffix'
  !word          leave out entries that contain 'word'
  \"a phrase\"     the words in a row (quote the quotes in a shell: '\"a phrase\"')
  a | b          either a or b

Examples:
  splw find loneliness
  splw find young people mental health
  splw find green covid --explain
  splw find link worker training --year 2022.. --limit 5")]
    Find(FindArgs),

    /// Show entries in full: authors, journal, topics, abstract and citation
    #[command(after_help = "\
Examples:
  splw show kiely-2022
  splw show linkmm
  splw show foster-2021 moffatt-2017 --json
  splw show kiely-2022 --style apa")]
    Show(ShowArgs),

    /// Cite entries in a reference style, export them for a reference manager, or cite the brief
    #[command(after_help = "\
`splw cite brief` prints how to acknowledge the brief itself; with no ids and no filters, cite
cites nothing (exit 1).

Examples:
  splw cite kiely-2022
  splw cite kiely-2022 foster-2021 --style apa
  splw cite kiely-2022 --in-text
  splw cite --topic mental-health --format bibtex -o refs.bib
  splw cite --all --format ris -o splw.ris
  splw cite")]
    Cite(CiteArgs),

    /// Open a work's page in the browser: its DOI, or its address (else a web search for it)
    #[command(after_help = "\
Uses $BROWSER where it is set, else the system's browser (xdg-open on Linux), given the address
as one argument, exactly as --print prints it. Where the brief and the checked records give no
address for a work, opens a web search for its exact title and source, and says so.

Examples:
  splw open kiely-2022
  splw open nhse-2023a --print")]
    Open(OpenArgs),

    /// Map the evidence: topics against study designs, kinds, countries or years, gaps and all
    #[command(after_help = "\
Each cell counts the works of one topic with one design (or kind, country or year); a shaded
dot is a gap, where the brief has no such work. Every filter of `list` narrows the map.

Examples:
  splw map
  splw map --cols country
  splw map --year 2020.. --cols kind
  splw map --json > map.json")]
    Map(evidence::MapArgs),

    /// The brief at a glance: works per year, kind, design, country and access, as bars
    #[command(after_help = "\
Examples:
  splw stats
  splw stats --topic mental-health
  splw stats --json")]
    Stats(evidence::StatsArgs),

    /// Browse the entries full-screen: search as you type, read, mark, copy citations
    #[command(after_help = browse_help())]
    Browse(BrowseArgs),

    /// Write the brief, or a reading list from it, as one web page anyone can open
    #[command(after_help = "\
The page is one HTML file with nothing to fetch: it opens offline, from a shared drive or an
email. Every work is on it, grouped by section as in the brief, with a contents list, its
abstract, link and citation, and metadata Zotero's connector saves; then the evidence map and
the brief's front matter. It prints as a compact reading list. In a browser with JavaScript it
adds a search box, filters and orders (kept in the address, to share a view), copy buttons for
each citation style, downloads of what is shown (BibTeX, RIS, CSL-JSON), and the contents and
the evidence map to click. Every filter of `list` chooses the works.

Examples:
  splw page > brief.html
  splw page --topic loneliness -o reading-list.html
  splw page --design systematic-review,review --year 2020.. > reviews.html")]
    Page(page::PageArgs),

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

        #[command(flatten)]
        output: OutputFile,
    },

    /// Print a manual page (roff), for `man`: splw's own, or one command's
    #[command(
        after_help = "Examples:\n  splw man > splw.1 && man ./splw.1\n  splw man cite > splw-cite.1 && man ./splw-cite.1"
    )]
    Man {
        /// The command whose page to print (list, find, show, cite, open, browse, page, map,
        /// stats, topics, about, check, completions or man); without it, splw's page, which lists
        /// them
        command: Option<String>,

        #[command(flatten)]
        output: OutputFile,
    },
}

/// Filters shared by `list` and `find`. Different filters must all hold; a repeated filter
/// accepts any of its values.
#[derive(Debug, Args)]
pub struct Filters {
    /// Only this topic, whether the brief lists an entry under it or splw's rules tag it: an
    /// id, a label, or words of just one of them, in any case (repeat for any of several)
    #[arg(long, short, value_name = "TOPIC", add = ArgValueCandidates::new(complete::topics))]
    pub topic: Vec<String>,

    /// Only the entries the brief itself lists in this section, without those tagged (repeat
    /// for any of several)
    #[arg(long, value_name = "SECTION")]
    pub section: Vec<String>,

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

    /// Only works of this study design, as splw codes it from the title and abstract
    /// (several, comma-separated or repeated: any of them)
    #[arg(
        long,
        short,
        value_name = "DESIGN",
        ignore_case = true,
        value_delimiter = ','
    )]
    pub design: Vec<Design>,

    /// Only works done in this country, as splw codes it from the title and abstract (several,
    /// comma-separated or repeated: any of them)
    #[arg(long, short, value_name = "COUNTRY", value_delimiter = ',', value_parser = evidence::CountryParser)]
    pub country: Vec<String>,
}

impl Filters {
    fn criteria(self) -> Criteria {
        Criteria {
            topics: self.topic,
            sections: self.section,
            years: self.year,
            kinds: self.kind,
            authors: self.author,
            journals: self.journal,
            access: self.access,
            designs: self.design,
            countries: self.country,
        }
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

    #[command(flatten)]
    pub output: OutputFile,
}

#[derive(Debug, Args)]
pub struct FindArgs {
    /// What to look for (several words: works that match more of them rank higher)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filters: Filters,

    /// Show at most this many results [default: 10 at a terminal or with --layout table; all in
    /// a pipe, a file or JSON]
    #[arg(long, short = 'n', value_name = "N", value_parser = count, allow_negative_numbers = true)]
    pub limit: Option<u32>,

    /// Print the results as a JSON array of entries
    #[arg(long)]
    pub json: bool,

    /// Show, under each result, which words matched which fields and what each added to the
    /// score
    #[arg(long, conflicts_with = "json")]
    pub explain: bool,

    #[command(flatten)]
    pub output: OutputFile,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Entry ids or aliases, such as kiely-2022 or linkmm
    #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(complete::ids))]
    pub ids: Vec<String>,

    /// The reference style of the citation shown [default: harvard]
    #[arg(long, short, value_name = "STYLE", ignore_case = true)]
    pub style: Option<StyleName>,

    /// Print the entries as a JSON array
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub output: OutputFile,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Entry ids or aliases, such as kiely-2022 or linkmm
    #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(complete::ids))]
    pub ids: Vec<String>,

    /// Print the addresses, one per line, instead of opening them
    #[arg(long)]
    pub print: bool,
}

#[derive(Debug, Args)]
pub struct CiteArgs {
    /// Entry ids or aliases (`brief` for the brief itself), or use --all or filters
    #[arg(value_name = "ID", add = ArgValueCandidates::new(complete::ids))]
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

    /// Also copy it to the clipboard, with the italics and links Word and Google Docs keep (or
    /// through the terminal, as plain text, where there is no clipboard: over SSH)
    #[arg(long)]
    pub copy: bool,

    #[command(flatten)]
    pub output: OutputFile,
}

#[derive(Debug, Args)]
pub struct BrowseArgs {
    #[command(flatten)]
    pub filters: Filters,

    /// The citation style to start in (Ctrl-S changes it) [default: harvard]
    #[arg(long, short, value_name = "STYLE", ignore_case = true)]
    pub style: Option<StyleName>,
}

/// `browse --help`: the keys (as `?` shows them in the browser), and how it ends.
fn browse_help() -> String {
    format!(
        "\
The list narrows as you type, searched as `splw find` does; the preview shows the selected entry \
as `splw show` does. It draws on the terminal through stderr: stdout gets only the ids chosen.

Keys (? shows them):
{}

It ends with its terminal (exit 129: the window closed, or the SSH connection dropped), and at \
once on SIGTERM (exit 143), putting the terminal back first where it still can.

Examples:
  splw browse
  splw browse --topic loneliness
  splw cite $(splw browse) --style apa",
        crate::browse::keys::as_text("  ")
    )
}

/// `-o FILE`, for each command whose output a program may read.
#[derive(Debug, Args)]
pub struct OutputFile {
    /// Write to this file instead of stdout: exactly what a pipe gets, as UTF-8 with no BOM,
    /// whatever the shell (PowerShell's `>` re-encodes). An existing file is replaced
    #[arg(long = "output", short = 'o', value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub output: OutputFile,
}

impl Cli {
    /// The plain options to run on: `--brief` else `SPLW_BRIEF`, `--layout` else `SPLW_LAYOUT`
    /// (an empty variable counts as unset).
    pub fn into_run(mut self) -> Result<cmd::Run, Failure> {
        let brief = self.brief.or_else(|| {
            std::env::var_os("SPLW_BRIEF")
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from)
        });
        let layout = match (self.layout, std::env::var("SPLW_LAYOUT")) {
            (Some(layout), _) => layout,
            (None, Ok(value)) if !value.trim().is_empty() => Layout::from_str(value.trim(), true)
                .map_err(|_| {
                Failure::Usage(format!(
                    "SPLW_LAYOUT is `{}`; it should be auto, table or plain",
                    text::escape_line(&value)
                ))
            })?,
            (None, _) => Layout::Auto,
        };
        Ok(cmd::Run {
            brief,
            color: self.color,
            layout,
            pager: !self.no_pager,
            hyperlinks: self.hyperlinks,
            output: self.command.output_file(),
            command: self.command.into_command(self.color),
        })
    }
}

impl Command {
    /// `-o FILE`, where the command takes it and it is given.
    fn output_file(&mut self) -> Option<PathBuf> {
        match self {
            Command::List(ListArgs { output, .. })
            | Command::Find(FindArgs { output, .. })
            | Command::Show(ShowArgs { output, .. })
            | Command::Cite(CiteArgs { output, .. })
            | Command::Map(evidence::MapArgs { output, .. })
            | Command::Stats(evidence::StatsArgs { output, .. })
            | Command::Page(page::PageArgs { output, .. })
            | Command::Topics(JsonArg { output, .. })
            | Command::About(JsonArg { output, .. })
            | Command::Completions { output, .. }
            | Command::Man { output, .. } => output.file.take(),
            Command::Open(_) | Command::Browse(_) | Command::Check => None,
        }
    }

    fn into_command(self, color: ColorChoice) -> cmd::Command {
        match self {
            Command::List(args) => cmd::Command::List(cmd::list::Options {
                filters: args.filters.criteria(),
                sort: args.sort,
                reverse: args.reverse,
                limit: args.limit,
                json: args.json,
            }),
            Command::Find(args) => cmd::Command::Find(cmd::find::Options {
                topic_then_word: topic_then_word(&args.query),
                query: args.query,
                filters: args.filters.criteria(),
                limit: args.limit,
                json: args.json,
                explain: args.explain,
            }),
            Command::Show(args) => cmd::Command::Show(cmd::show::Options {
                ids: args.ids,
                style: args.style.unwrap_or(StyleName::Harvard),
                json: args.json,
            }),
            Command::Open(args) => cmd::Command::Open(cmd::open::Options {
                ids: args.ids,
                print: args.print,
            }),
            Command::Cite(args) => cmd::Command::Cite(cmd::cite::Options {
                ids: args.ids,
                filters: args.filters.criteria(),
                all: args.all,
                style: args.style,
                format: args.format,
                in_text: args.in_text,
                copy: args.copy,
            }),
            Command::Map(args) => cmd::Command::Map(cmd::map::Options {
                filters: args.filters.criteria(),
                columns: args.cols,
                json: args.json,
            }),
            Command::Stats(args) => cmd::Command::Stats(cmd::stats::Options {
                filters: args.filters.criteria(),
                json: args.json,
            }),
            Command::Browse(args) => cmd::Command::Browse(cmd::browse::Options {
                filters: args.filters.criteria(),
                style: args.style.unwrap_or(StyleName::Harvard),
                color,
            }),
            Command::Page(args) => cmd::Command::Page(cmd::page::Options {
                filters: args.filters.criteria(),
            }),
            Command::Topics(args) => cmd::Command::Topics { json: args.json },
            Command::About(args) => cmd::Command::About { json: args.json },
            Command::Check => cmd::Command::Check,
            Command::Completions { shell, .. } => cmd::Command::Completions { shell },
            Command::Man { command, .. } => cmd::Command::Man {
                cli: Box::new(Cli::command()),
                page: command,
            },
        }
    }
}

/// For `find --topic Mental Health`, where clap takes "Health" for a search word: the topic as
/// typed and the word right after it, so that `find` can say when together they name a topic.
fn topic_then_word(query: &[String]) -> Option<(String, String)> {
    let first = query.first()?;
    let args: Vec<String> = std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    args.windows(3).find_map(|three| match three {
        [option, value, next] if ["--topic", "-t"].contains(&option.as_str()) && next == first => {
            Some((value.clone(), next.clone()))
        }
        _ => None,
    })
}
