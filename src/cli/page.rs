//! The options of `page`.

use clap::Args;

use super::{Filters, OutputFile};

#[derive(Debug, Args)]
pub struct PageArgs {
    #[command(flatten)]
    pub filters: Filters,

    #[command(flatten)]
    pub output: OutputFile,
}
