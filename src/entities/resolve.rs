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
use super::{EntityType, Mention};
use serde::Serialize;
use std::borrow::Cow;
use rustc_hash::FxHashMap;

/// Collapse whitespace runs to single spaces and trim.
pub fn normalize(s: &str) -> String {
    normalized(s).into_owned()
}

/// As [`normalize`], borrowing when the text is already clean (most names are).
pub(crate) fn normalized(s: &str) -> Cow<'_, str> {
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
    // Non-ASCII bytes are only a reason to look closer: most are letters.
    if !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ") && !s.contains(|c: char| c.is_whitespace() && c != ' ') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

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
            let (first, last) = (n.split(' ').next().unwrap_or(""), n.rsplit(' ').next().unwrap_or(""));
            for part in [first, last] {
                let v = by_part.entry(part).or_default();
                if !v.contains(&&**n) {
                    v.push(n);
                }
            }
        }
    }
    // Acronyms present in the article.
    let acronyms: Vec<&str> = mentions.iter().zip(&norm).filter(|(m, n)| m.kind() == EntityType::Organization && is_acronym(n)).map(|(_, n)| &**n).collect();
    let orgs: Vec<&str> = mentions.iter().zip(&norm).filter(|(m, _)| m.kind() == EntityType::Organization).map(|(_, n)| &**n).collect();
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
                gaz.lookup(n).into_iter().find(|(k, _)| Gazetteer::is_place(*k)).map_or_else(|| n.to_string(), |(_, c)| c.to_string())
            }),
            EntityType::Organization => {
                if orgs.len() > 1 && !acronyms.is_empty() && initials_into(n, &mut buf) && acronyms.contains(&buf.as_str()) {
                    Some(buf.clone())
                } else if orgs.len() > 1 {
                    // The one longer organisation name this one ends.
                    let mut longer = orgs.iter().copied().filter(|o| o.len() > n.len() && o.ends_with(n) && o[..o.len() - n.len()].ends_with(' '));
                    match longer.next() {
                        Some(one) if longer.all(|o| o == one) && !is_acronym(n) => Some(one.to_string()),
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
    let plain: Vec<bool> = mentions.iter().zip(&norm).map(|(m, n)| m.canonical() == &**n).collect();
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
    aliases: Vec<Alias>,
    mentions: usize,
    docs: Vec<u32>,
}

impl Acc {
    /// Add `n` mentions written `text` (taken only when new).
    fn count(&mut self, text: impl AsRef<str> + Into<String>, n: usize) {
        match self.aliases.iter_mut().find(|a| a.text == text.as_ref()) {
            Some(a) => a.count += n,
            None => self.aliases.push(Alias { text: text.into(), count: n }),
        }
    }

    fn absorb(&mut self, o: Acc) {
        for a in o.aliases {
            self.count(a.text, a.count);
        }
        self.mentions += o.mentions;
        self.docs.extend(o.docs);
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
            acc.mentions += 1;
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
    pub fn add_counted(&mut self, kind: EntityType, canonical: &str, aliases: &[(&str, usize)], docs: &[u32]) {
        let map = &mut self.maps[kind.index() as usize & 3];
        let acc = match map.get_mut(canonical) {
            Some(acc) => acc,
            None => map.entry(canonical.to_string()).or_default(),
        };
        for &(alias, count) in aliases {
            acc.count(alias, count);
            acc.mentions += count;
        }
        acc.docs.extend_from_slice(docs);
    }

    /// Merge across the collection and return entities, most mentioned first
    /// (ties by type, then canonical name).
    pub fn finish(self) -> Vec<Entity> {
        let [mut per, mut org, loc, misc] = self.maps;
        // One-word person names into the single full name ending with them.
        // Full names are indexed by their last word once, so this is linear.
        let mut by_last: FxHashMap<&str, (u32, &str)> = FxHashMap::default();
        for n in per.keys() {
            if let Some((_, last)) = n.rsplit_once(' ') {
                let e = by_last.entry(last).or_insert((0, n.as_str()));
                e.0 += 1;
            }
        }
        let moves: Vec<(String, String)> = per
            .keys()
            .filter(|n| !n.contains(' '))
            .filter_map(|s| match by_last.get(s.as_str()) {
                Some(&(1, full)) => Some((s.clone(), full.to_string())),
                _ => None,
            })
            .collect();
        drop(by_last);
        for (single, full) in moves {
            if let Some(acc) = per.remove(&single) {
                per.entry(full).or_default().absorb(acc);
            }
        }
        // Long organisation names into their acronym.
        let mut buf = String::new();
        let mut longs: Vec<(String, String)> = Vec::new();
        for n in org.keys() {
            if n.contains(' ') && initials_into(n, &mut buf) && org.contains_key(&buf) {
                longs.push((n.clone(), buf.clone()));
            }
        }
        for (long, acr) in longs {
            if let Some(acc) = org.remove(&long) {
                org.entry(acr).or_default().absorb(acc);
            }
        }
        let out: Vec<Entity> = [per, org, loc, misc]
            .into_iter()
            .enumerate()
            .flat_map(|(k, map)| map.into_iter().map(move |(c, acc)| (EntityType::from_index(k as u8), c, acc)))
            .map(|(kind, canonical, mut acc)| {
                acc.docs.sort_unstable();
                acc.docs.dedup();
                let mut aliases = acc.aliases;
                // Distinct texts: the order is total, so unstable is the same.
                aliases.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
                Entity { canonical, kind, aliases, mentions: acc.mentions, docs: acc.docs }
            })
            .collect();
        // Most entities tie on mentions (one or two), so most comparisons
        // reach the names: compare their first eight bytes as one integer
        // first. No two entities share type and name, so the order is total
        // and an unstable sort gives the same result.
        let head = |s: &str| {
            let mut b = [0u8; 8];
            let n = s.len().min(8);
            b[..n].copy_from_slice(&s.as_bytes()[..n]);
            u64::from_be_bytes(b)
        };
        let mut keyed: Vec<(usize, u8, u64, Entity)> = out.into_iter().map(|e| (usize::MAX - e.mentions, e.kind.index(), head(&e.canonical), e)).collect();
        keyed.sort_unstable_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)).then_with(|| a.3.canonical.cmp(&b.3.canonical)));
        let out: Vec<Entity> = keyed.into_iter().map(|k| k.3).collect();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, kind: EntityType) -> Mention {
        Mention { start: 0, end: text.len(), text: text.into(), kind, canonical: String::new() }
    }

    #[test]
    fn canonical_names_within_an_article() {
        let gaz = Gazetteer::builtin();
        let mut v = vec![
            m("Sergey Lavrov", EntityType::Person),
            m("Lavrov", EntityType::Person),
            m("North Atlantic Treaty Organization", EntityType::Organization),
            m("NATO", EntityType::Organization),
            m("Organization for Security and Cooperation in Europe", EntityType::Organization),
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
                "Sergey Lavrov", "Sergey Lavrov", "NATO", "NATO", "OSCE", "OSCE", "United Kingdom", "United Kingdom", "United Kingdom",
                "Russian Foreign Ministry", "Russian Foreign Ministry"
            ]
        );
    }

    #[test]
    fn merges_across_documents() {
        let gaz = Gazetteer::builtin();
        let mut r = Resolver::new();
        let mut d1 = vec![m("Russian Foreign Minister", EntityType::Misc), m("Sergey Lavrov", EntityType::Person), m("NATO", EntityType::Organization)];
        d1[0].text = "Russian".into();
        let mut d2 = vec![m("Lavrov", EntityType::Person), m("North Atlantic Treaty Organization", EntityType::Organization), m("Britain", EntityType::Location)];
        let mut d3 = vec![m("UK", EntityType::Location), m("Lavrov", EntityType::Person)];
        for (i, d) in [&mut d1, &mut d2, &mut d3].into_iter().enumerate() {
            canonicalize(d, &gaz);
            r.add(i as u32, d);
        }
        let e = r.finish();
        let find = |n: &str| e.iter().find(|x| x.canonical == n).cloned();
        let lav = find("Sergey Lavrov").expect("Lavrov merged");
        assert_eq!((lav.kind, lav.mentions, lav.docs.clone()), (EntityType::Person, 3, vec![0, 1, 2]));
        assert_eq!(lav.aliases[0], Alias { text: "Lavrov".into(), count: 2 });
        let nato = find("NATO").expect("NATO");
        assert_eq!(nato.mentions, 2);
        assert!(nato.aliases.iter().any(|a| a.text == "North Atlantic Treaty Organization"));
        let uk = find("United Kingdom").expect("UK");
        assert_eq!((uk.kind, uk.mentions), (EntityType::Location, 2));
        assert!(find("Lavrov").is_none() && find("Britain").is_none());
        assert!(e.iter().all(|x| x.kind != EntityType::Person || x.canonical != "Russian"));
    }

    #[test]
    fn counted_mentions_merge_as_single_ones() {
        let gaz = Gazetteer::builtin();
        let mut one = Resolver::new();
        let mut counted = Resolver::new();
        let mut d = vec![m("Sergey Lavrov", EntityType::Person), m("Lavrov", EntityType::Person), m("Lavrov", EntityType::Person)];
        canonicalize(&mut d, &gaz);
        one.add(0, &d);
        one.add(2, &d[1..]);
        counted.add_counted(EntityType::Person, "Sergey Lavrov", &[("Sergey Lavrov", 1), ("Lavrov", 4)], &[0, 2]);
        assert_eq!(one.finish(), counted.finish());
    }

    #[test]
    fn initials_and_acronyms() {
        assert_eq!(initials("North Atlantic Treaty Organization").as_deref(), Some("NATO"));
        assert_eq!(initials("Organization for Security and Cooperation in Europe").as_deref(), Some("OSCE"));
        assert_eq!(initials("NATO"), None);
        assert!(is_acronym("TASS") && !is_acronym("Tass") && !is_acronym("A"));
    }
}
