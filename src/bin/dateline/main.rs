//! `dateline`: the command-line face of the Dateline core.
use std::ffi::OsString;

use clap::{CommandFactory, Parser, Subcommand};

mod build;
mod built;
mod check;
mod entities;
mod inputs;
mod pack;
mod publish;
mod search;
mod single;
mod site;
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
    /// Write a whole site: the page and its collection (a prebuilt index, or packs).
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

/// Whether `err` is a write to a closed pipe (`dateline search … | head`):
/// the reader has what it wanted, so that ends the command quietly, as in
/// ripgrep, rather than with a panic or an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `dateline search`'s arguments with its options first and the documents
/// and query after a `--`, so that a query word starting with `-` (an
/// excluded word: `dateline search DOCS -Blinken`) is read as the query, not
/// as an unknown option, wherever the options are written. Only the
/// subcommand's own options (and the values they take) count as options;
/// every other argument keeps its place among the positionals.
fn search_positionals_last(argv: Vec<OsString>) -> Vec<OsString> {
    if argv.get(1).and_then(|a| a.to_str()) != Some("search") {
        return argv;
    }
    let cli = Cli::command();
    let Some(search) = cli.find_subcommand("search") else {
        return argv;
    };
    // Options by spelling: whether each takes a value.
    let mut known: Vec<(String, bool)> = vec![("--help".into(), false), ("-h".into(), false)];
    for a in search.get_arguments() {
        let takes = a.get_action().takes_values();
        if let Some(l) = a.get_long() {
            known.push((format!("--{l}"), takes));
        }
        if let Some(c) = a.get_short() {
            known.push((format!("-{c}"), takes));
        }
    }
    let mut options = Vec::new();
    let mut positionals = Vec::new();
    let mut rest = argv.iter().skip(2);
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            positionals.extend(rest.by_ref().cloned());
            break;
        }
        let name = text.split('=').next().unwrap_or("");
        match known.iter().find(|(k, _)| k == name) {
            Some(&(_, takes)) => {
                options.push(arg.clone());
                if takes && !text.contains('=') {
                    options.extend(rest.next().cloned());
                }
            }
            None => positionals.push(arg.clone()),
        }
    }
    let mut out: Vec<OsString> = argv.iter().take(2).cloned().collect();
    out.extend(options);
    out.push("--".into());
    out.extend(positionals);
    out
}

fn main() {
    let argv = search_positionals_last(std::env::args_os().collect());
    match run(Cli::parse_from(argv).command) {
        Ok(()) => {}
        Err(e) if is_broken_pipe(&e) => {}
        Err(e) => {
            eprintln!("Error: {e:#}");
            std::process::exit(1);
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Search(args) => search::run(args),
        Command::Pack(args) => pack::run(args),
        Command::Timex(args) => timex::run(args),
        Command::Entities(args) => entities::run(args),
        Command::TrainNer(args) => entities::train(args),
    }
}
