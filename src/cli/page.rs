//! The options of `page`.

use std::path::PathBuf;

use clap::Args;

use super::Filters;

#[derive(Debug, Args)]
pub struct PageArgs {
    #[command(flatten)]
    pub filters: Filters,

    /// Write the page to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
