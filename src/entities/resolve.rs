//! Entity resolution: canonical names within an article, and merging of
//! entities across the collection.
//!
//! Within an article (see [`canonicalize`]): a lone surname takes the full
//! name given elsewhere in the article ("Lavrov" -> "Sergey Lavrov"); an
//! acronym and its expansion share the acronym as canonical name ("North
//! Atlantic Treaty Organization" -> "NATO"); a shortened organisation name
//! takes the one longer name it ends ("Foreign Ministry" -> "Russian Foreign
//! Ministry"); place aliases take the gazetteer name ("UK", "Britain" ->
//! "United Kingdom").
//!
//! Across articles (see [`Resolver`]): entities with the same type and
//! canonical name merge; then a one-word person name merges into the single
//! full name ending with it, and a long organisation name into the acronym
//! made of its initials.

use super::gazetteer::Gazetteer;
use super::mention::{Found, Mention};
use crate::entity_type::EntityType;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;

/// Collapse whitespace runs to single spaces and trim.
pub fn normalize(s: &str) -> String {
    normalized(s).into_owned()
}

/// As [`normalize`], borrowing when the text is already clean (most names are).
///
/// Clean: no space at either end or twice in a row, no tab, line or form
/// feed, and, in a text that is not all ASCII, no other whitespace (an ASCII
/// text keeps a vertical tab: so it always has).
pub(crate) fn normalized(s: &str) -> Cow<'_, str> {
    // One pass over the bytes, by class: it runs about three times per mention.
    let mut prev_space = true;
    let mut ascii = true;
    let mut clean = true;
    for &c in s.as_bytes() {
        match BYTE_CLASS[c as usize] {
            ORDINARY => prev_space = false,
            SPACE if prev_space => {
                clean = false;
                break;
            }
            SPACE => prev_space = true,
            NON_ASCII => {
                ascii = false;
                prev_space = false;
            }
            _ => {
                clean = false;
                break;
            }
        }
    }
    // No trailing space (an empty text has none).
    clean &= !prev_space || s.is_empty();
    // Non-ASCII bytes are only a reason to look closer: most are letters.
    if clean && (ascii || !s.contains(|c: char| c.is_whitespace() && c != ' ')) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

const ORDINARY: u8 = 0;
const SPACE: u8 = 1;
const NON_ASCII: u8 = 2;
/// Tab, line feed, form feed, carriage return.
const BREAK: u8 = 3;

/// The class of each byte for [`normalized`].
static BYTE_CLASS: [u8; 256] = {
    let mut t = [ORDINARY; 256];
    let mut i = 0x80;
    while i < 256 {
        t[i] = NON_ASCII;
        i += 1;
    }
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = BREAK;
    t[b'\n' as usize] = BREAK;
    t[0x0C] = BREAK;
    t[b'\r' as usize] = BREAK;
    t
};

/// Initials of the capitalised words ("Organization for Security and
/// Cooperation in Europe" -> "OSCE"); None for a single word.
pub fn initials(name: &str) -> Option<String> {
    let mut s = String::new();
    initials_into(name, &mut s).then_some(s)
}

/// As [`initials`], into `out` (cleared first), without allocating when
/// `out` has room; returns whether there are initials.
pub(crate) fn initials_into(name: &str, out: &mut String) -> bool {
    out.clear();
    if name.is_ascii() {
        return ascii_initials_into(name.as_bytes(), out);
    }
    let mut words = 0;
    let mut n = 0;
    for w in name.split_whitespace() {
        words += 1;
        if let Some(c) = w.chars().next().filter(|c| c.is_uppercase()) {
            out.push(c);
            n += 1;
        }
    }
    words >= 2 && n >= 2
}

/// [`initials_into`] for ASCII text (nearly every name), by bytes: the
/// same words (`split_whitespace` splits ASCII at space, tab, and line,
/// vertical tab, form feed, carriage return) and capitals, without decoding chars.
fn ascii_initials_into(name: &[u8], out: &mut String) -> bool {
    let (mut words, mut n, mut in_word) = (0, 0, false);
    for &c in name {
        if c == b' ' || (b'\t'..=b'\r').contains(&c) {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if c.is_ascii_uppercase() {
                out.push(c as char);
                n += 1;
            }
        }
    }
    words >= 2 && n >= 2
}

/// True for an acronym-like word: 2..=8 letters, all capitals.
pub fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=8).contains(&n) && s.chars().all(|c| c.is_uppercase())
}

/// Set `canonical` on each mention of one article (see module docs).
pub fn canonicalize(mentions: &mut [Mention], gaz: &Gazetteer) {
    canonicalize_with(mentions, Some(gaz))
}

/// What canonicalisation reads and writes of a mention: [`Mention`], and the
/// recogniser's borrowed mentions (no `String` per mention unless its
/// canonical name changes).
pub(crate) trait Canon {
    fn kind(&self) -> EntityType;
    /// The mention as written.
    fn text(&self) -> &str;
    fn canonical(&self) -> &str;
    fn set_canonical(&mut self, c: String);
    /// Make the canonical name the normalised text.
    fn reset_canonical(&mut self);
}

impl Canon for Mention {
    fn kind(&self) -> EntityType {
        self.kind
    }
    fn text(&self) -> &str {
        &self.text
    }
    fn canonical(&self) -> &str {
        &self.canonical
    }
    fn set_canonical(&mut self, c: String) {
        self.canonical = c;
    }
    fn reset_canonical(&mut self) {
        self.canonical = normalize(&self.text);
    }
}
impl<'a> Canon for Found<'a> {
    fn kind(&self) -> EntityType {
        self.kind
    }
    fn text(&self) -> &str {
        self.text
    }
    fn canonical(&self) -> &str {
        &self.canonical
    }
    fn set_canonical(&mut self, c: String) {
        self.canonical = Cow::Owned(c);
    }
    fn reset_canonical(&mut self) {
        self.canonical = normalized(self.text);
    }
}

/// As [`canonicalize`]; with `gaz` None, place mentions keep the canonical
/// name they already carry (the recogniser fills it from its token-level
/// gazetteer matches, which saves re-tokenising every place name).
pub(crate) fn canonicalize_with<M: Canon>(mentions: &mut [M], gaz: Option<&Gazetteer>) {
    // One mention has nothing to take a name from (and no gazetteer look-up
    // to do): it keeps the name it came with.
    if mentions.len() <= 1 && gaz.is_none() {
        if let Some(m) = mentions.first_mut() {
            if m.kind() != EntityType::Location && m.canonical() != &*normalized(m.text()) {
                m.reset_canonical();
            }
        }
        return;
    }
    // Borrowed where the text is already clean (nearly always); a new
    // canonical name is only allocated where it differs.
    let norm: Vec<Cow<'_, str>> = mentions.iter().map(|m| normalized(m.text())).collect();
    // Full person names, by last and first word.
    let mut by_part: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (m, n) in mentions.iter().zip(&norm) {
        if m.kind() == EntityType::Person && n.contains(' ') {
            let (first, last) = (
                n.split(' ').next().unwrap_or(""),
                n.rsplit(' ').next().unwrap_or(""),
            );
            for part in [first, last] {
                let v = by_part.entry(part).or_default();
                if !v.contains(&&**n) {
                    v.push(n);
                }
            }
        }
    }
    // Acronyms present in the article.
    let acronyms: Vec<&str> = mentions
        .iter()
        .zip(&norm)
        .filter(|(m, n)| m.kind() == EntityType::Organization && is_acronym(n))
        .map(|(_, n)| &**n)
        .collect();
    let orgs: Vec<&str> = mentions
        .iter()
        .zip(&norm)
        .filter(|(m, _)| m.kind() == EntityType::Organization)
        .map(|(_, n)| &**n)
        .collect();
    let mut canon: Vec<Option<String>> = Vec::with_capacity(mentions.len());
    let mut buf = String::new();
    for (m, n) in mentions.iter().zip(&norm) {
        let n: &str = n;
        let c: Option<String> = match m.kind() {
            EntityType::Person => match by_part.get(n) {
                Some(full) if !n.contains(' ') && full.len() == 1 => Some(full[0].to_string()),
                _ => None,
            },
            EntityType::Location => gaz.map(|gaz| {
                gaz.lookup(n)
                    .into_iter()
                    .find(|(k, _)| Gazetteer::is_place(*k))
                    .map_or_else(|| n.to_string(), |(_, c)| c.to_string())
            }),
            EntityType::Organization => {
                if orgs.len() > 1
                    && !acronyms.is_empty()
                    && initials_into(n, &mut buf)
                    && acronyms.contains(&buf.as_str())
                {
                    Some(buf.clone())
                } else if orgs.len() > 1 {
                    // The one longer organisation name this one ends.
                    let mut longer = orgs.iter().copied().filter(|o| {
                        o.len() > n.len() && o.ends_with(n) && o[..o.len() - n.len()].ends_with(' ')
                    });
                    match longer.next() {
                        Some(one) if longer.all(|o| o == one) && !is_acronym(n) => {
                            Some(one.to_string())
                        }
                        _ => None,
                    }
                } else {
                    None
                }
            }
            EntityType::Misc => None,
        };
        canon.push(c);
    }
    let plain: Vec<bool> = mentions
        .iter()
        .zip(&norm)
        .map(|(m, n)| m.canonical() == &**n)
        .collect();
    drop(by_part);
    drop(acronyms);
    drop(orgs);
    drop(norm);
    let mut changed_org = false;
    for ((m, c), plain) in mentions.iter_mut().zip(canon).zip(plain) {
        match c {
            Some(c) => {
                changed_org |= m.kind() == EntityType::Organization;
                m.set_canonical(c);
            }
            // Without a new name the canonical is the normalised text (a
            // place keeps the gazetteer name it came with).
            None if m.kind() != EntityType::Location && !plain => m.reset_canonical(),
            None => {}
        }
    }
    // Second hop: a shortened org name whose longer form has an acronym.
    if !changed_org {
        return;
    }
    let acr_of: FxHashMap<String, String> = mentions
        .iter()
        .filter(|m| m.kind() == EntityType::Organization)
        .filter_map(|m| {
            let n = normalized(m.text());
            (m.canonical() != &*n).then(|| (n.into_owned(), m.canonical().to_string()))
        })
        .collect();
    for m in mentions.iter_mut() {
        if m.kind() == EntityType::Organization {
            if let Some(c) = acr_of.get(m.canonical()) {
                if c != m.canonical() && is_acronym(c) {
                    m.set_canonical(c.clone());
                }
            }
        }
    }
}

/// One surface form of an entity and how often it was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alias {
    /// The surface text (whitespace-normalised).
    pub text: String,
    /// Mentions with this text.
    pub count: usize,
}

/// One entity of the collection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Canonical name.
    pub canonical: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Surface forms, most frequent first (ties alphabetically).
    pub aliases: Vec<Alias>,
    /// Total mentions.
    pub mentions: usize,
    /// Documents mentioning it, ascending, without repeats.
    pub docs: Vec<u32>,
}

#[derive(Default, Clone)]
struct Acc {
    /// Distinct surface forms (in no order: [`Resolver::finish`] sorts them).
    /// A list, not a map: an entity has a few, and most get theirs in one call.
    /// Their counts add up to the entity's mentions.
    aliases: Vec<Alias>,
    docs: Vec<u32>,
}

impl Acc {
    /// Add `n` mentions written `text` (taken only when new).
    fn count(&mut self, text: impl AsRef<str> + Into<String>, n: usize) {
        match self.aliases.iter_mut().find(|a| a.text == text.as_ref()) {
            Some(a) => a.count += n,
            None => self.aliases.push(Alias {
                text: text.into(),
                count: n,
            }),
        }
    }
}

/// Collection-level merging. Feed each article's mentions with [`Resolver::add`]
/// (canonicalised by [`Recognizer::recognize`](super::Recognizer::recognize)),
/// then call [`Resolver::finish`].
#[derive(Default)]
pub struct Resolver {
    /// One map per [`EntityType`] (by its index), keyed by canonical name, so
    /// that a look-up borrows the name instead of building a key.
    maps: [FxHashMap<String, Acc>; 4],
}

impl Resolver {
    /// An empty resolver.
    pub fn new() -> Resolver {
        Resolver::default()
    }

    /// Record one document's mentions under its id.
    pub fn add(&mut self, doc: u32, mentions: &[Mention]) {
        for m in mentions {
            let map = &mut self.maps[m.kind.index() as usize & 3];
            let acc = match map.get_mut(m.canonical.as_str()) {
                Some(acc) => acc,
                None => map.entry(m.canonical.clone()).or_default(),
            };
            let alias = normalized(&m.text);
            acc.count(alias, 1);
            if acc.docs.last() != Some(&doc) {
                acc.docs.push(doc);
            }
        }
    }

    /// Record an entity's mentions already counted by the caller: `aliases`
    /// are its surface forms (normalised, see [`normalize`]) with how many
    /// mentions wrote each, `docs` the documents naming it (ascending). The
    /// same as [`add`](Self::add)ing each mention, without a map look-up per
    /// mention (a collection has a few names mentioned many times).
    pub fn add_counted(
        &mut self,
        kind: EntityType,
        canonical: &str,
        aliases: &[(&str, usize)],
        docs: &[u32],
    ) {
        let map = &mut self.maps[kind.index() as usize & 3];
        let acc = match map.get_mut(canonical) {
            Some(acc) => acc,
            None => map.entry(canonical.to_string()).or_default(),
        };
        for &(alias, count) in aliases {
            acc.count(alias, count);
        }
        acc.docs.extend_from_slice(docs);
    }

    /// Merge across the collection and return entities, most mentioned first
    /// (ties by type, then canonical name).
    pub fn finish(self) -> Vec<Entity> {
        // Give every entry and every distinct surface text an id, then let
        // [`merge`] (the one definition of the merging rules) do the rest.
        let mut drafts = Drafts::default();
        let mut draft_of: FxHashMap<(u8, &str), u32> = FxHashMap::default();
        let mut text_id: FxHashMap<&str, u32> = FxHashMap::default();
        let mut texts: Vec<&str> = Vec::new();
        for (k, map) in self.maps.iter().enumerate() {
            for (name, acc) in map {
                draft_of.insert((k as u8, name.as_str()), drafts.kind.len() as u32);
                let aliases = acc.aliases.iter().map(|a| {
                    let id = *text_id.entry(a.text.as_str()).or_insert_with(|| {
                        texts.push(a.text.as_str());
                        (texts.len() - 1) as u32
                    });
                    (id, a.count)
                });
                drafts.push(EntityType::from_index(k as u8), name, aliases, &acc.docs);
            }
        }
        let text = |id: u32| texts.get(id as usize).copied().unwrap_or("");
        let merged = merge(
            &drafts,
            |kind, s| draft_of.get(&(kind.index(), s)).copied(),
            text,
        );
        merged
            .into_iter()
            .map(|m| Entity {
                canonical: drafts.canonical[m.draft as usize].to_string(),
                kind: drafts.kind[m.draft as usize],
                aliases: m
                    .aliases
                    .iter()
                    .map(|&(id, count)| Alias {
                        text: text(id).to_string(),
                        count,
                    })
                    .collect(),
                mentions: m.mentions,
                docs: m.docs,
            })
            .collect()
    }
}

/// Entities of distinct (type, canonical name) before merging across the
/// collection, in flat lists (one allocation per list, not per entity).
/// Surface texts are ids the caller gives, one per distinct normalised text
/// of a type.
#[derive(Default)]
pub(crate) struct Drafts<'a> {
    pub kind: Vec<EntityType>,
    pub canonical: Vec<&'a str>,
    /// Draft `i`'s surface forms are `aliases[alias_end[i - 1]..alias_end[i]]`.
    alias_end: Vec<u32>,
    /// (text id, mentions written so).
    aliases: Vec<(u32, usize)>,
    /// Draft `i`'s documents are `docs[doc_end[i - 1]..doc_end[i]]`.
    doc_end: Vec<u32>,
    docs: Vec<u32>,
}

impl<'a> Drafts<'a> {
    /// Add a draft: `aliases` may repeat a text (the counts add up), `docs`
    /// may be in any order and repeat.
    pub fn push(
        &mut self,
        kind: EntityType,
        canonical: &'a str,
        aliases: impl IntoIterator<Item = (u32, usize)>,
        docs: &[u32],
    ) {
        self.kind.push(kind);
        self.canonical.push(canonical);
        let from = self.aliases.len();
        for (id, n) in aliases {
            match self.aliases[from..].iter_mut().find(|a| a.0 == id) {
                Some(a) => a.1 += n,
                None => self.aliases.push((id, n)),
            }
        }
        self.alias_end.push(self.aliases.len() as u32);
        self.docs.extend_from_slice(docs);
        self.doc_end.push(self.docs.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.kind.len()
    }

    fn aliases(&self, i: usize) -> &[(u32, usize)] {
        let from = if i == 0 {
            0
        } else {
            self.alias_end[i - 1] as usize
        };
        &self.aliases[from..self.alias_end[i] as usize]
    }

    fn docs(&self, i: usize) -> &[u32] {
        let from = if i == 0 {
            0
        } else {
            self.doc_end[i - 1] as usize
        };
        &self.docs[from..self.doc_end[i] as usize]
    }
}

/// An entity after merging: the draft whose type and name it keeps, and the
/// surface forms, mentions and documents of every draft merged into it.
pub(crate) struct Merged {
    pub draft: u32,
    /// (text id, mentions), most frequent first, ties by text.
    pub aliases: Vec<(u32, usize)>,
    pub mentions: usize,
    /// Ascending, without repeats.
    pub docs: Vec<u32>,
}

/// The merging rules of [`Resolver`] over [`Drafts`]: a one-word person name
/// merges into the single full name ending with it, a long organisation name
/// into the acronym of its initials. `find` gives the draft of a type and
/// canonical name, `text` the string of a text id. Entities come most
/// mentioned first (ties by type, then name): a total order, so the result
/// does not depend on the order of the drafts.
pub(crate) fn merge<'t>(
    d: &Drafts<'_>,
    find: impl Fn(EntityType, &str) -> Option<u32>,
    text: impl Fn(u32) -> &'t str,
) -> Vec<Merged> {
    const NONE: u32 = u32::MAX;
    let n = d.len();
    // Where each draft goes (NONE: it stays an entity). One hop at most: a
    // target has no space in its name and a merged name has one.
    let mut into = vec![NONE; n];
    // Full person names ending with each one-word name: how many, and the first.
    let mut ending: Vec<(u32, u32)> = vec![(0, NONE); n];
    for (i, (&kind, name)) in d.kind.iter().zip(&d.canonical).enumerate() {
        if kind != EntityType::Person {
            continue;
        }
        if let Some((_, last)) = name.rsplit_once(' ') {
            if let Some(j) = find(EntityType::Person, last) {
                let e = &mut ending[j as usize];
                e.0 += 1;
                if e.1 == NONE {
                    e.1 = i as u32;
                }
            }
        }
    }
    let mut buf = String::new();
    for (i, (&kind, name)) in d.kind.iter().zip(&d.canonical).enumerate() {
        match kind {
            EntityType::Person if ending[i].0 == 1 && !name.contains(' ') => into[i] = ending[i].1,
            EntityType::Organization if name.contains(' ') && initials_into(name, &mut buf) => {
                if let Some(j) = find(EntityType::Organization, &buf) {
                    into[i] = j;
                }
            }
            _ => {}
        }
    }
    drop(ending);
    // Merged drafts by target.
    let mut extra: Vec<(u32, u32)> = into
        .iter()
        .enumerate()
        .filter(|(_, &t)| t != NONE)
        .map(|(i, &t)| (t, i as u32))
        .collect();
    extra.sort_unstable();
    let mut out: Vec<Merged> = Vec::with_capacity(n - extra.len());
    let mut x = 0;
    for (i, _) in into.iter().enumerate().filter(|(_, &t)| t == NONE) {
        let mut aliases = d.aliases(i).to_vec();
        let mut docs = d.docs(i).to_vec();
        while x < extra.len() && (extra[x].0 as usize) < i {
            x += 1;
        }
        while x < extra.len() && extra[x].0 as usize == i {
            let from = extra[x].1 as usize;
            for &(id, c) in d.aliases(from) {
                match aliases.iter_mut().find(|a| a.0 == id) {
                    Some(a) => a.1 += c,
                    None => aliases.push((id, c)),
                }
            }
            docs.extend_from_slice(d.docs(from));
            x += 1;
        }
        docs.sort_unstable();
        docs.dedup();
        // Distinct texts: the order is total, so unstable is the same.
        aliases.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| text(a.0).cmp(text(b.0))));
        let mentions = aliases.iter().map(|a| a.1).sum();
        out.push(Merged {
            draft: i as u32,
            aliases,
            mentions,
            docs,
        });
    }
    // Most entities tie on mentions (one or two), so most comparisons reach
    // the names: compare their first eight bytes as one integer first. No two
    // entities share type and name, so the order is total and an unstable
    // sort gives the same result.
    let head = |s: &str| {
        let mut b = [0u8; 8];
        let n = s.len().min(8);
        b[..n].copy_from_slice(&s.as_bytes()[..n]);
        u64::from_be_bytes(b)
    };
    let mut keyed: Vec<(usize, u8, u64, u32)> = out
        .iter()
        .enumerate()
        .map(|(k, m)| {
            (
                usize::MAX - m.mentions,
                d.kind[m.draft as usize].index(),
                head(d.canonical[m.draft as usize]),
                k as u32,
            )
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)).then_with(|| {
            d.canonical[out[a.3 as usize].draft as usize]
                .cmp(d.canonical[out[b.3 as usize].draft as usize])
        })
    });
    let mut slots: Vec<Option<Merged>> = out.into_iter().map(Some).collect();
    keyed
        .into_iter()
        .filter_map(|k| slots.get_mut(k.3 as usize).and_then(Option::take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, kind: EntityType) -> Mention {
        Mention {
            start: 0,
            end: text.len(),
            text: text.into(),
            kind,
            canonical: String::new(),
        }
    }

    #[test]
    fn canonical_names_within_an_article() {
        let gaz = Gazetteer::builtin();
        let mut v = vec![
            m("Sergey Lavrov", EntityType::Person),
            m("Lavrov", EntityType::Person),
            m(
                "North Atlantic Treaty Organization",
                EntityType::Organization,
            ),
            m("NATO", EntityType::Organization),
            m(
                "Organization for Security and Cooperation in Europe",
                EntityType::Organization,
            ),
            m("OSCE", EntityType::Organization),
            m("UK", EntityType::Location),
            m("Britain", EntityType::Location),
            m("United\nKingdom", EntityType::Location),
            m("Russian Foreign Ministry", EntityType::Organization),
            m("Foreign Ministry", EntityType::Organization),
        ];
        canonicalize(&mut v, &gaz);
        let c: Vec<&str> = v.iter().map(|m| m.canonical.as_str()).collect();
        assert_eq!(
            c,
            vec![
                "Sergey Lavrov",
                "Sergey Lavrov",
                "NATO",
                "NATO",
                "OSCE",
                "OSCE",
                "United Kingdom",
                "United Kingdom",
                "United Kingdom",
                "Russian Foreign Ministry",
                "Russian Foreign Ministry"
            ]
        );
    }

    #[test]
    fn merges_across_documents() {
        let gaz = Gazetteer::builtin();
        let mut r = Resolver::new();
        let mut d1 = vec![
            m("Russian Foreign Minister", EntityType::Misc),
            m("Sergey Lavrov", EntityType::Person),
            m("NATO", EntityType::Organization),
        ];
        d1[0].text = "Russian".into();
        let mut d2 = vec![
            m("Lavrov", EntityType::Person),
            m(
                "North Atlantic Treaty Organization",
                EntityType::Organization,
            ),
            m("Britain", EntityType::Location),
        ];
        let mut d3 = vec![
            m("UK", EntityType::Location),
            m("Lavrov", EntityType::Person),
        ];
        for (i, d) in [&mut d1, &mut d2, &mut d3].into_iter().enumerate() {
            canonicalize(d, &gaz);
            r.add(i as u32, d);
        }
        let e = r.finish();
        let find = |n: &str| e.iter().find(|x| x.canonical == n).cloned();
        let lav = find("Sergey Lavrov").expect("Lavrov merged");
        assert_eq!(
            (lav.kind, lav.mentions, lav.docs.clone()),
            (EntityType::Person, 3, vec![0, 1, 2])
        );
        assert_eq!(
            lav.aliases[0],
            Alias {
                text: "Lavrov".into(),
                count: 2
            }
        );
        let nato = find("NATO").expect("NATO");
        assert_eq!(nato.mentions, 2);
        assert!(nato
            .aliases
            .iter()
            .any(|a| a.text == "North Atlantic Treaty Organization"));
        let uk = find("United Kingdom").expect("UK");
        assert_eq!((uk.kind, uk.mentions), (EntityType::Location, 2));
        assert!(find("Lavrov").is_none() && find("Britain").is_none());
        assert!(e
            .iter()
            .all(|x| x.kind != EntityType::Person || x.canonical != "Russian"));
    }

    #[test]
    fn counted_mentions_merge_as_single_ones() {
        let gaz = Gazetteer::builtin();
        let mut one = Resolver::new();
        let mut counted = Resolver::new();
        let mut d = vec![
            m("Sergey Lavrov", EntityType::Person),
            m("Lavrov", EntityType::Person),
            m("Lavrov", EntityType::Person),
        ];
        canonicalize(&mut d, &gaz);
        one.add(0, &d);
        one.add(2, &d[1..]);
        counted.add_counted(
            EntityType::Person,
            "Sergey Lavrov",
            &[("Sergey Lavrov", 1), ("Lavrov", 4)],
            &[0, 2],
        );
        assert_eq!(one.finish(), counted.finish());
    }

    #[test]
    fn initials_and_acronyms() {
        assert_eq!(
            initials("North Atlantic Treaty Organization").as_deref(),
            Some("NATO")
        );
        assert_eq!(
            initials("Organization for Security and Cooperation in Europe").as_deref(),
            Some("OSCE")
        );
        assert_eq!(initials("NATO"), None);
        assert!(is_acronym("TASS") && !is_acronym("Tass") && !is_acronym("A"));
        // The ASCII path gives what the general one does.
        let general = |name: &str| {
            let mut out = String::new();
            let mut words = 0;
            for w in name.split_whitespace() {
                words += 1;
                if let Some(c) = w.chars().next().filter(|c| c.is_uppercase()) {
                    out.push(c);
                }
            }
            (words >= 2 && out.chars().count() >= 2).then_some(out)
        };
        for name in [
            "North Atlantic Treaty Organization",
            " Bank\tof\u{0B}England ",
            "a B C",
            "X\n\rY",
            "AB",
            "",
            "  ",
            "U.S. Steel Corp",
            "A\u{1F}B C",
        ] {
            assert_eq!(initials(name), general(name), "{name:?}");
        }
    }

    #[test]
    fn merging_ignores_the_order_of_drafts() {
        let names = [
            ("Sergey Lavrov", EntityType::Person),
            ("Lavrov", EntityType::Person),
            ("NATO", EntityType::Organization),
            (
                "North Atlantic Treaty Organization",
                EntityType::Organization,
            ),
            ("Geneva", EntityType::Location),
        ];
        let texts = [
            "Sergey Lavrov",
            "Lavrov",
            "NATO",
            "North Atlantic Treaty Organization",
            "Geneva",
        ];
        let run = |order: &[usize]| {
            let mut d = Drafts::default();
            for &i in order {
                d.push(
                    names[i].1,
                    names[i].0,
                    [(i as u32, i + 1), (i as u32, 1)],
                    &[3, i as u32, 3],
                );
            }
            let find = |kind, s: &str| {
                order
                    .iter()
                    .position(|&i| names[i] == (s, kind))
                    .map(|p| p as u32)
            };
            merge(&d, find, |id| texts[id as usize])
                .into_iter()
                .map(|m| {
                    (
                        d.canonical[m.draft as usize],
                        m.aliases
                            .iter()
                            .map(|&(id, c)| (texts[id as usize], c))
                            .collect::<Vec<_>>(),
                        m.mentions,
                        m.docs,
                    )
                })
                .collect::<Vec<_>>()
        };
        let a = run(&[0, 1, 2, 3, 4]);
        assert_eq!(a, run(&[4, 3, 2, 1, 0]));
        assert_eq!(
            a[0],
            (
                "NATO",
                vec![("North Atlantic Treaty Organization", 5), ("NATO", 4)],
                9,
                vec![2, 3]
            )
        );
        assert_eq!(a[1], ("Geneva", vec![("Geneva", 6)], 6, vec![3, 4]));
        assert_eq!(
            a[2],
            (
                "Sergey Lavrov",
                vec![("Lavrov", 3), ("Sergey Lavrov", 2)],
                5,
                vec![0, 1, 3]
            )
        );
        assert_eq!(a.len(), 3);
    }

    /// The first definition of [`normalized`], kept as its reference.
    fn normalized_reference(s: &str) -> Cow<'_, str> {
        let b = s.as_bytes();
        let mut prev_space = true;
        let mut clean = true;
        for &c in b {
            let space = c == b' ';
            if (space && prev_space) || (c != b' ' && (c.is_ascii_whitespace() || c >= 0x80)) {
                clean = false;
                break;
            }
            prev_space = space;
        }
        if clean && !prev_space {
            return Cow::Borrowed(s);
        }
        if !s.starts_with(' ')
            && !s.ends_with(' ')
            && !s.contains("  ")
            && !s.contains(|c: char| c.is_whitespace() && c != ' ')
        {
            return Cow::Borrowed(s);
        }
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    #[test]
    fn normalized_matches_its_reference() {
        let parts = [
            "", " ", "  ", "a", "Zé", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{2003}",
            "\u{85}", "Bo", "é",
        ];
        for x in parts {
            for y in parts {
                for z in parts {
                    let s = format!("{x}{y}{z}");
                    let (got, want) = (normalized(&s), normalized_reference(&s));
                    assert_eq!(got, want, "{s:?}");
                    assert_eq!(
                        matches!(got, Cow::Borrowed(_)),
                        matches!(want, Cow::Borrowed(_)),
                        "{s:?}"
                    );
                }
            }
        }
    }
}
