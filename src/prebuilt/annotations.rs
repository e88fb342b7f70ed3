//! Events and entities in a prebuilt index: what `dateline build` found in
//! each article (the same tagger, recognizer and resolution as the page) and
//! how the reader gets it back.
//!
//! One kind of file (framed like every other, see [`super::format`]; the
//! entity list, which the mentions' entity ids index, is
//! [`super::entity_list`]'s):
//!
//! ```text
//! notes     v chunk, v first doc, v docs, v first time mention id, per document:
//!             v boilerplate paragraphs × (v paragraph gap)
//!             v time mentions × (v para, v start, v len, u8 type, vstr value,
//!                                u8 dated, [v first zigzag, v last - first])
//!             v entity mentions × (v para, v start, v len, v entity)
//! ```
//!
//! With events, `meta.bin` ends with what the events view reads of the
//! whole collection ([`EventsMeta`]):
//!
//! ```text
//! v mentions, v events
//! v named days × (v day zigzag gap, v events naming it)   ascending
//! u8 has period, [v first zigzag, v last - first]
//! ```
//!
//! A notes chunk covers the documents of the document chunk with its number
//! (`notes-0003` belongs to `docs-0003`), so a hit's snippet and its
//! boilerplate flags come in the same round.
//! The reader reads each chunk on its own (mention ids number on from the
//! chunk's first, the same ids the page's [`EventIndex`] gives: every
//! mention of the collection in document order), so an answer needs only
//! the chunks of the documents it reads. (Until format 7 the metadata held
//! each chunk's first id: a table that grew with the number of chunks.)
//!
//! [`EventIndex`]: crate::index::events::EventIndex

use crate::codec::{below, err, FormatError, FormatErrorKind, Reader};
use crate::dates::TimexType;
use crate::index::entities::EntityMention;
use crate::index::events::{EventSummary, TimeMention};
use crate::index::{date_of_day, DocId, UNDATED};

use super::format::{expect_end, expect_var, read_gaps, unframe, FileKind};

/// One document's notes: boilerplate paragraphs, time and entity mentions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocNotes {
    pub boilerplate: Vec<u32>,
    pub times: Vec<TimeMention>,
    pub entities: Vec<EntityMention>,
}

#[cfg(feature = "inpage")]
fn timex_type(t: TimexType) -> u8 {
    match t {
        TimexType::Date => 0,
        TimexType::Time => 1,
        TimexType::Duration => 2,
        TimexType::Set => 3,
    }
}

#[cfg(feature = "inpage")]
fn zigzag(v: i32) -> u64 {
    u64::from(((v << 1) ^ (v >> 31)) as u32)
}

fn unzigzag(v: u32) -> i32 {
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

/// The payload of notes chunk `n`, for documents `first..` (`docs`, one
/// [`DocNotes`] each).
#[cfg(feature = "inpage")]
pub(crate) fn encode_notes(
    n: usize,
    first: DocId,
    first_mention: u32,
    docs: &[DocNotes],
) -> Vec<u8> {
    use crate::codec::{put_varint, put_vstr};
    let mut out = Vec::new();
    put_varint(&mut out, n as u64);
    put_varint(&mut out, u64::from(first));
    put_varint(&mut out, docs.len() as u64);
    put_varint(&mut out, u64::from(first_mention));
    for d in docs {
        put_varint(&mut out, d.boilerplate.len() as u64);
        super::format::put_gaps(&mut out, d.boilerplate.iter().copied());
        put_varint(&mut out, d.times.len() as u64);
        for m in &d.times {
            put_varint(&mut out, u64::from(m.para));
            put_varint(&mut out, u64::from(m.start));
            put_varint(&mut out, u64::from(m.end - m.start));
            out.push(timex_type(m.kind));
            put_vstr(&mut out, &m.value);
            if m.first == UNDATED {
                out.push(0);
            } else {
                out.push(1);
                put_varint(&mut out, zigzag(m.first));
                put_varint(&mut out, u64::from((m.last - m.first) as u32));
            }
        }
        put_varint(&mut out, d.entities.len() as u64);
        for m in &d.entities {
            put_varint(&mut out, u64::from(m.para));
            put_varint(&mut out, u64::from(m.start));
            put_varint(&mut out, u64::from(m.end - m.start));
            put_varint(&mut out, u64::from(m.entity));
        }
    }
    out
}

/// What `meta.bin` holds of the events of an index that has them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventsMeta {
    /// What the events view reads of the whole collection.
    pub summary: EventSummary,
}

#[cfg(feature = "inpage")]
fn put_day(out: &mut Vec<u8>, day: i32, prev: i32) {
    let gap = i64::from(day) - i64::from(prev);
    crate::codec::put_varint(out, (gap << 1 ^ gap >> 63) as u64);
}

/// Append `events` to a metadata payload (see the module's layout).
#[cfg(feature = "inpage")]
pub(crate) fn encode_events_meta(out: &mut Vec<u8>, events: &EventsMeta) {
    use crate::codec::put_varint;
    let s = &events.summary;
    put_varint(out, u64::from(s.mentions));
    put_varint(out, u64::from(s.events));
    put_varint(out, s.named_days.len() as u64);
    let mut prev = 0;
    for &(d, n) in &s.named_days {
        put_day(out, d, prev);
        put_varint(out, u64::from(n));
        prev = d;
    }
    match s.period {
        None => out.push(0),
        Some((a, b)) => {
            out.push(1);
            put_day(out, a, 0);
            put_varint(out, (i64::from(b) - i64::from(a)) as u64);
        }
    }
}

/// A calendar day read as a zigzag gap from `prev`.
fn read_day(r: &mut Reader<'_>, field: &'static str, prev: i32) -> Result<i32, FormatError> {
    let at = r.offset();
    let v = r.varint(field)?;
    let gap = (v >> 1) as i64 ^ -((v & 1) as i64);
    let day = i64::from(prev) + gap;
    match i32::try_from(day)
        .ok()
        .filter(|&d| date_of_day(d).is_some())
    {
        Some(d) => Ok(d),
        None => err(at, FormatErrorKind::NotADate { day, article: None }),
    }
}

/// Read the events part of a metadata payload.
pub(crate) fn decode_events_meta(r: &mut Reader<'_>) -> Result<EventsMeta, FormatError> {
    let mentions = r.var32("time mention count")?;
    let at = r.offset();
    let events = r.var32("event count")?;
    if events > mentions {
        let kind = FormatErrorKind::NotBelow {
            field: "event count",
            value: u64::from(events),
            limit: u64::from(mentions) + 1,
        };
        return err(at, kind);
    }
    let count = r.count("named day count", 2)?;
    let mut named_days = Vec::with_capacity(count);
    let mut prev = 0;
    for i in 0..count {
        let at = r.offset();
        let d = read_day(r, "named day", prev)?;
        if i > 0 && d <= prev {
            let kind = FormatErrorKind::OutOfOrder {
                field: "named days",
                value: None,
                limit: 0,
            };
            return err(at, kind);
        }
        named_days.push((d, r.var32("events naming a day")?));
        prev = d;
    }
    let at = r.offset();
    let period = match r.u8("period flag")? {
        0 => None,
        1 => {
            let a = read_day(r, "period start", 0)?;
            let at = r.offset();
            let span = r.var32("period length")?;
            let b = a
                .checked_add(span as i32)
                .filter(|&b| span < 1 << 30 && date_of_day(b).is_some());
            let Some(b) = b else {
                return err(
                    at,
                    FormatErrorKind::NotBelow {
                        field: "period length",
                        value: u64::from(span),
                        limit: 1 << 30,
                    },
                );
            };
            Some((a, b))
        }
        f => {
            let kind = FormatErrorKind::NotBelow {
                field: "period flag",
                value: u64::from(f),
                limit: 2,
            };
            return err(at, kind);
        }
    };
    Ok(EventsMeta {
        summary: EventSummary {
            mentions,
            events,
            named_days,
            period,
        },
    })
}

/// Decode notes chunk `n`, which must cover documents `range` (its
/// entity mentions are checked against the entity list when both are in):
/// the id of its first time mention and each document's notes.
pub(crate) fn decode_notes(
    n: usize,
    range: std::ops::Range<usize>,
    bytes: &[u8],
) -> Result<(u32, Vec<DocNotes>), FormatError> {
    let mut r = unframe(bytes, FileKind::Notes)?;
    expect_var(&mut r, "chunk number", n as u64)?;
    expect_var(&mut r, "first document", range.start as u64)?;
    expect_var(&mut r, "document count", range.len() as u64)?;
    let first = r.var32("chunk's first time mention")?;
    let mut out = Vec::with_capacity(range.len());
    for doc in range {
        let mut d = DocNotes::default();
        let count = r.count("boilerplate paragraph count", 1)?;
        read_gaps(
            &mut r,
            count,
            u64::from(u32::MAX),
            "boilerplate paragraph",
            &mut d.boilerplate,
        )?;
        let count = r.count("time mention count", 6)?;
        for _ in 0..count {
            d.times.push(read_time(&mut r, doc as DocId)?);
        }
        let count = r.count("entity mention count", 4)?;
        for _ in 0..count {
            let para = r.var32("mention paragraph")?;
            let start = r.var32("mention start")?;
            let len = r.var32("mention length")?;
            let at = r.offset();
            let entity = r.var32("mention entity")?;
            let end = start.checked_add(len);
            let Some(end) = end else {
                return err(
                    at,
                    FormatErrorKind::NotBelow {
                        field: "mention end",
                        value: u64::from(start) + u64::from(len),
                        limit: u64::from(u32::MAX),
                    },
                );
            };
            d.entities.push(EntityMention {
                para,
                start,
                end,
                entity,
            });
        }
        out.push(d);
    }
    expect_end(&r, "event and entity chunk")?;
    Ok((first, out))
}

fn read_time(r: &mut Reader<'_>, doc: DocId) -> Result<TimeMention, FormatError> {
    let para = r.var32("time paragraph")?;
    let start = r.var32("time start")?;
    let at = r.offset();
    let len = r.var32("time length")?;
    below(
        at,
        "time end",
        u64::from(start) + u64::from(len),
        u64::from(u32::MAX),
    )?;
    let at = r.offset();
    let kind = match r.u8("time type")? {
        0 => TimexType::Date,
        1 => TimexType::Time,
        2 => TimexType::Duration,
        3 => TimexType::Set,
        k => {
            return err(
                at,
                FormatErrorKind::NotBelow {
                    field: "time type",
                    value: u64::from(k),
                    limit: 4,
                },
            )
        }
    };
    let value = Box::from(r.vstr("time value")?);
    let at = r.offset();
    let (first, last) = match r.u8("time dated flag")? {
        0 => (UNDATED, UNDATED),
        1 => {
            let first = unzigzag(r.var32("first day")?);
            let at = r.offset();
            let span = r.var32("day span")?;
            // Real calendar days only: the event code subtracts and bins them.
            let last = (first.checked_add(span as i32)).filter(|&l| {
                span < 1 << 30 && date_of_day(l).is_some() && date_of_day(first).is_some()
            });
            let Some(last) = last else {
                return err(
                    at,
                    FormatErrorKind::NotBelow {
                        field: "day span",
                        value: u64::from(span),
                        limit: 1 << 30,
                    },
                );
            };
            (first, last)
        }
        f => {
            return err(
                at,
                FormatErrorKind::NotBelow {
                    field: "time dated flag",
                    value: u64::from(f),
                    limit: 2,
                },
            )
        }
    };
    Ok(TimeMention {
        doc,
        para,
        start,
        end: start + len,
        kind,
        value,
        first,
        last,
    })
}
