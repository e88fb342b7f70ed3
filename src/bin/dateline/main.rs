//! `dateline`: the command-line face of the Dateline core.
use clap::{Parser, Subcommand};

mod build;
mod check;
mod entities;
mod inputs;
mod pack;
mod publish;
mod search;
mod timex;

#[derive(Parser)]
#[command(
    name = "dateline",
    version,
    about = "Parse, index, search and date news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse documents and report every problem; exits non-zero when there are errors.
    Check(check::Args),
    /// Search documents from the terminal.
    Search(search::Args),
    /// Write a prebuilt index of documents (and, with --shell, the whole site) for the page.
    Build(build::Args),
    /// Pack documents into the files the page loads (manifest.json + article packs).
    Pack(pack::Args),
    /// Tag time expressions in UTF-8 text and print one JSON object a line.
    Timex(timex::Args),
    /// Print people, organisations and places mentioned in UTF-8 text as JSON lines.
    Entities(entities::Args),
    /// Train the named-entity model from CoNLL-2003 data (see eval/NER.md).
    TrainNer(entities::TrainArgs),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Search(args) => search::run(args),
        Command::Pack(args) => pack::run(args),
        Command::Timex(args) => timex::run(args),
        Command::Entities(args) => entities::run(args),
        Command::TrainNer(args) => entities::train(args),
    }
}
