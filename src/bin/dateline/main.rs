//! `dateline`: the command-line face of the Dateline core.
use clap::{Parser, Subcommand};

mod entities;
mod timex;

#[derive(Parser)]
#[command(name = "dateline", version, about = "Parse, index, search and date news articles")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tag time expressions in UTF-8 text and print one JSON object a line.
    Timex(timex::Args),
    /// Print people, organisations and places mentioned in UTF-8 text as JSON lines.
    Entities(entities::Args),
    /// Train the named-entity model from CoNLL-2003 data (see eval/NER.md).
    TrainNer(entities::TrainArgs),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Timex(args) => timex::run(args),
        Command::Entities(args) => entities::run(args),
        Command::TrainNer(args) => entities::train(args),
    }
}
