//! A minimal TimeML reader for scoring against TempEval-3 gold data.
//!
//! TimeML files are simple, well-formed XML: we need the document creation time
//! (the TIMEX3 with `functionInDocument="CREATION_TIME"`, which sits in `<DCT>`
//! outside `<TEXT>`), the `<TEXT>` content with all tags stripped and entities
//! decoded, and the TIMEX3 elements inside `<TEXT>` as byte offsets into that
//! plain text. No XML crate is needed for that.

use chrono::NaiveDate;

use super::timex::TimexType;

/// One gold TIMEX3 inside `<TEXT>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: Option<TimexType>,
    pub value: String,
}

/// A TimeML document reduced to what scoring needs.
#[derive(Debug, Clone)]
pub struct Doc {
    pub dct: NaiveDate,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

/// Attribute `name` of a start tag's inner text (`TIMEX3 tid="t1" type="DATE"`).
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(p) = rest.find(name) {
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let after = &rest[p + name.len()..];
        let after_t = after.trim_start();
        if before_ok && after_t.starts_with('=') {
            let v = after_t[1..].trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let v = &v[1..];
                let e = v.find(q)?;
                return Some(&v[..e]);
            }
        }
        rest = after;
    }
    None
}

/// Decode the five XML entities and numeric character references; unknown
/// entities are kept as written.
pub fn unescape(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let r = &rest[p..];
        let Some(semi) = r.find(';').filter(|&k| k <= 10) else {
            out.push('&');
            rest = &r[1..];
            continue;
        };
        let ent = &r[1..semi];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &r[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &r[1..];
            }
        }
    }
    out.push_str(rest);
}

fn parse_type(t: &str) -> Option<TimexType> {
    match t {
        "DATE" => Some(TimexType::Date),
        "TIME" => Some(TimexType::Time),
        "DURATION" => Some(TimexType::Duration),
        "SET" => Some(TimexType::Set),
        _ => None,
    }
}

/// Parse one TimeML document. Errors name what is missing.
pub fn parse(xml: &str) -> Result<Doc, String> {
    // The DCT.
    let mut dct = None;
    let mut pos = 0;
    while let Some(p) = xml[pos..].find("<TIMEX3") {
        let s = pos + p;
        let e = s + xml[s..].find('>').ok_or("unterminated TIMEX3 tag")?;
        let tag = &xml[s + 1..e];
        if attr(tag, "functionInDocument") == Some("CREATION_TIME") {
            let v = attr(tag, "value").ok_or("DCT without value")?;
            let v = v.get(..10).unwrap_or(v);
            dct = Some(
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|e| format!("bad DCT value {v:?}: {e}"))?,
            );
            break;
        }
        pos = e;
    }
    let dct = dct.ok_or("no CREATION_TIME TIMEX3")?;
    let ts = xml.find("<TEXT>").ok_or("no <TEXT>")? + "<TEXT>".len();
    let te = ts + xml[ts..].find("</TEXT>").ok_or("no </TEXT>")?;
    let body = &xml[ts..te];

    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, Option<TimexType>, String)> = None;
    let mut rest = body;
    while let Some(p) = rest.find('<') {
        unescape(&rest[..p], &mut text);
        let r = &rest[p..];
        let e = r.find('>').ok_or("unterminated tag in TEXT")?;
        let tag = &r[1..e];
        if let Some(t) = tag.strip_prefix("TIMEX3") {
            if attr(t, "functionInDocument") != Some("CREATION_TIME") {
                let kind = attr(t, "type").and_then(parse_type);
                let value = attr(t, "value").unwrap_or("").to_string();
                open = Some((text.len(), kind, value));
            }
        } else if tag == "/TIMEX3" {
            if let Some((start, kind, value)) = open.take() {
                timexes.push(GoldTimex {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &r[e + 1..];
    }
    unescape(rest, &mut text);
    Ok(Doc { dct, text, timexes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dct_text_and_offsets() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>A &amp; B <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07" functionInDocument="NONE">yesterday</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse(xml).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 1, 8).unwrap());
        assert_eq!(d.text, "A & B fell yesterday.");
        assert_eq!(d.timexes.len(), 1);
        let t = &d.timexes[0];
        assert_eq!(&d.text[t.start..t.end], "yesterday");
        assert_eq!(t.value, "1998-01-07");
        assert_eq!(t.kind, Some(TimexType::Date));
    }

    #[test]
    fn attr_needs_whole_name() {
        assert_eq!(attr(r#" xtype="a" type="DATE""#, "type"), Some("DATE"));
        assert_eq!(attr(r#" type = 'SET'"#, "type"), Some("SET"));
        assert_eq!(attr(r#" tid="t1""#, "type"), None);
    }

    #[test]
    fn unescape_entities() {
        let mut s = String::new();
        unescape("a &lt;b&gt; &#233; &#xE9; &bogus; &", &mut s);
        assert_eq!(s, "a <b> é é &bogus; &");
    }
}
