//! Events and entities in a prebuilt index: what `dateline build` found in
//! each article (the same tagger, recognizer and resolution as the page) and
//! how the reader gets it back.
//!
//! Two kinds of file (framed like every other, see [`super::format`]; the
//! entity list, which the mentions' entity ids index, is
//! [`super::entity_list`]'s):
//!
//! ```text
//! notes     v chunk, v first doc, v docs, v first time mention id, per document:
//!             v boilerplate paragraphs × (v paragraph gap)
//!             times
//!             v entity mentions × (v para, v start, v len, v entity)
//! dtimes    v chunk, v first doc, v docs, v first time mention id, per document:
//!             times
//! times     v time mentions × (v para, v start, v len, u8 type, vstr value,
//!                             u8 dated, [v first zigzag, v last - first])
//! ```
//!
//! A document event chunk (`dtimes-*`, with
//! [`super::format::FEATURE_DOC_TIMES`]) holds the time mentions of the
//! documents of the `dents-*` chunk with its number, hundreds of them: the
//! events of many scattered documents read it rather than a notes chunk
//! for each few (`super::doc_times`).
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
    use crate::codec::put_varint;
    let mut out = chunk_header(n, first, docs.len(), first_mention);
    for d in docs {
        put_varint(&mut out, d.boilerplate.len() as u64);
        super::format::put_gaps(&mut out, d.boilerplate.iter().copied());
        put_times(&mut out, &d.times);
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

/// The start of a notes or document event chunk: its number, first
/// document, how many, and the id of its first time mention.
#[cfg(feature = "inpage")]
fn chunk_header(n: usize, first: DocId, docs: usize, first_mention: u32) -> Vec<u8> {
    use crate::codec::put_varint;
    let mut out = Vec::new();
    put_varint(&mut out, n as u64);
    put_varint(&mut out, u64::from(first));
    put_varint(&mut out, docs as u64);
    put_varint(&mut out, u64::from(first_mention));
    out
}

/// Read what [`chunk_header`] wrote, for chunk `n` of documents `range`:
/// the id of its first time mention.
fn read_chunk_header(
    r: &mut Reader<'_>,
    n: usize,
    range: &std::ops::Range<usize>,
) -> Result<u32, FormatError> {
    expect_var(r, "chunk number", n as u64)?;
    expect_var(r, "first document", range.start as u64)?;
    expect_var(r, "document count", range.len() as u64)?;
    r.var32("chunk's first time mention")
}

/// A document's time mentions, counted (see the module's layout).
#[cfg(feature = "inpage")]
fn put_times(out: &mut Vec<u8>, times: &[TimeMention]) {
    use crate::codec::{put_varint, put_vstr};
    put_varint(out, times.len() as u64);
    for m in times {
        put_varint(out, u64::from(m.para));
        put_varint(out, u64::from(m.start));
        put_varint(out, u64::from(m.end - m.start));
        out.push(timex_type(m.kind));
        put_vstr(out, &m.value);
        if m.first == UNDATED {
            out.push(0);
        } else {
            out.push(1);
            put_varint(out, zigzag(m.first));
            put_varint(out, u64::from((m.last - m.first) as u32));
        }
    }
}

/// The payload of document event chunk `n` (`dtimes-*`), for documents
/// `first..` (`docs`, each one's time mentions, the first numbered
/// `first_mention`).
#[cfg(feature = "inpage")]
pub(crate) fn encode_doc_times(
    n: usize,
    first: DocId,
    first_mention: u32,
    docs: &[Vec<TimeMention>],
) -> Vec<u8> {
    let mut out = chunk_header(n, first, docs.len(), first_mention);
    for times in docs {
        put_times(&mut out, times);
    }
    out
}

/// A document event chunk as the reader holds it: each document's time
/// mentions and the id of its first.
#[derive(Debug, Default)]
pub(crate) struct DocTimes {
    /// The chunk's first document.
    pub first: DocId,
    /// Document `first + i`'s mentions are `times[start[i]..start[i + 1]]`,
    /// numbered from `first_id[i]`.
    pub start: Vec<u32>,
    pub first_id: Vec<u32>,
    pub times: Vec<TimeMention>,
}

impl DocTimes {
    /// The time mentions of `doc` with the id of the first, if the chunk
    /// covers it.
    pub fn of(&self, doc: DocId) -> Option<(u32, &[TimeMention])> {
        let i = doc.checked_sub(self.first)? as usize;
        let (a, b) = (*self.start.get(i)?, *self.start.get(i + 1)?);
        Some((
            *self.first_id.get(i)?,
            self.times.get(a as usize..b as usize)?,
        ))
    }

    /// What the chunk holds, in bytes (the reader's memory budget).
    pub fn heap_bytes(&self) -> usize {
        let each = |m: &TimeMention| std::mem::size_of::<TimeMention>() + m.value.len();
        (self.start.len() + self.first_id.len()) * 4 + self.times.iter().map(each).sum::<usize>()
    }
}

/// Decode document event chunk `n`, which must cover documents `range`,
/// its mentions numbered below `mentions` (the collection's count).
pub(crate) fn decode_doc_times(
    n: usize,
    range: std::ops::Range<usize>,
    mentions: u32,
    bytes: &[u8],
) -> Result<DocTimes, FormatError> {
    let mut r = unframe(bytes, FileKind::DocTimes)?;
    let at = r.offset();
    let mut id = read_chunk_header(&mut r, n, &range)?;
    let mut out = DocTimes {
        first: range.start as DocId,
        start: vec![0],
        ..DocTimes::default()
    };
    for doc in range {
        let count = r.count("time mention count", 6)?;
        out.first_id.push(id);
        for _ in 0..count {
            out.times.push(read_time(&mut r, doc as DocId)?);
        }
        id = id.saturating_add(count as u32);
        out.start.push(out.times.len() as u32);
    }
    let (last, limit) = (u64::from(id), u64::from(mentions) + 1);
    below(at, "chunk's last time mention", last, limit)?;
    expect_end(&r, "document event chunk")?;
    Ok(out)
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
    let first = read_chunk_header(&mut r, n, &range)?;
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
