//! The options of `map` and `stats`, and of `--country`: the evidence the coding gives.

use clap::Args;
use clap::ValueEnum;
use clap::builder::PossibleValue;

use super::Filters;
use crate::facet::Facet;

choices! {
    Facet {
        Design = "design": "Study designs, as splw codes them from the title and abstract",
        Kind = "kind": "Kinds of publication",
        Country = "country": "Countries, as splw codes them from the title and abstract",
        Year = "year": "Years of publication",
        Access = "access": "How the brief says a work can be read",
    }
}

#[derive(Debug, Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub filters: Filters,

    /// What the columns are
    #[arg(
        long,
        value_name = "FACET",
        default_value = "design",
        ignore_case = true
    )]
    pub cols: Facet,

    /// Print the map as JSON, with the ids of the works in each cell
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub output: super::OutputFile,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filters: Filters,

    /// Print the counts as JSON
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub output: super::OutputFile,
}

/// A country: any text (another brief has other countries), with the built-in brief's offered
/// to shell completion.
#[derive(Clone)]
pub struct CountryParser;

impl clap::builder::TypedValueParser for CountryParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let countries: Vec<PossibleValue> = crate::filter::countries(crate::embedded::shared())
            .into_iter()
            .map(|c| PossibleValue::new(c.to_string()))
            .collect();
        Some(Box::new(countries.into_iter()))
    }
}
