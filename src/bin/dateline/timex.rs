//! `dateline timex`: tag time expressions in UTF-8 text and print one JSON object a line:
//! `{"start":…,"end":…,"text":…,"type":…,"value":…}` with byte offsets into the input.
use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use dateline::dates::{tag, TimexType};

#[derive(clap::Args)]
pub struct Args {
    /// The article's date (document creation time), YYYY-MM-DD; relative expressions resolve against it.
    #[arg(long)]
    pub dct: String,
    /// UTF-8 text file to tag; standard input when absent.
    pub file: Option<PathBuf>,
}

#[derive(serde::Serialize)]
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: TimexType,
    value: &'a str,
}

/// Parse `--dct`, naming what is wrong with it.
fn parse_dct(s: &str) -> Result<NaiveDate> {
    let ok_shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !ok_shape {
        bail!("invalid --dct {s:?}: expected YYYY-MM-DD");
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .with_context(|| format!("invalid --dct {s:?}: no such calendar date"))
}

pub fn run(args: Args) -> Result<()> {
    let dct = parse_dct(&args.dct)?;
    let (bytes, name) = match &args.file {
        Some(p) => (
            std::fs::read(p).with_context(|| format!("reading {}", p.display()))?,
            p.display().to_string(),
        ),
        None => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .context("reading standard input")?;
            (b, "standard input".to_string())
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => bail!(
            "{name} is not valid UTF-8: invalid byte sequence at byte offset {}",
            e.valid_up_to()
        ),
    };
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for t in tag(text, dct) {
        let line = Line {
            start: t.start,
            end: t.end,
            text: &text[t.start..t.end],
            kind: t.kind,
            value: &t.value,
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dct_errors_name_the_problem() {
        assert!(parse_dct("2022-02-09").is_ok());
        assert!(format!("{:#}", parse_dct("2022-2-9").unwrap_err()).contains("YYYY-MM-DD"));
        assert!(
            format!("{:#}", parse_dct("2022-02-30").unwrap_err()).contains("no such calendar date")
        );
    }
}
