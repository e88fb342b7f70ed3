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
use super::merge::{merge, Drafts};
use super::variants::initials_into;
pub use super::variants::{initials, is_acronym};
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
                    .map(|(_, c)| c)
                    .or_else(|| gaz.place_spelled(n))
                    .unwrap_or(n)
                    .to_string()
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
            // Where the acronym is defined.
            m(
                "North Atlantic Treaty Organization",
                EntityType::Organization,
            ),
            m("NATO", EntityType::Organization),
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
        assert_eq!((nato.mentions, nato.docs.clone()), (4, vec![0, 1, 2]));
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
                    // The acronym was also written in full where defined.
                    [(i as u32, i + 1), (i as u32, 1)]
                        .into_iter()
                        .chain((i == 2).then_some((3, 1))),
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
                vec![("North Atlantic Treaty Organization", 6), ("NATO", 4)],
                10,
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

    /// Entities of a resolver fed one mention per (document, type, name).
    fn resolved(docs: &[&[(&str, EntityType)]]) -> Vec<Entity> {
        let mut r = Resolver::new();
        for (i, d) in docs.iter().enumerate() {
            let v: Vec<Mention> = d
                .iter()
                .map(|&(t, k)| {
                    let mut x = m(t, k);
                    x.canonical = t.into();
                    x
                })
                .collect();
            r.add(i as u32, &v);
        }
        r.finish()
    }

    fn named<'e>(e: &'e [Entity], alias: &str) -> Vec<&'e Entity> {
        e.iter()
            .filter(|x| x.aliases.iter().any(|a| a.text == alias))
            .collect()
    }

    #[test]
    fn spellings_case_and_surnames_merge_on_evidence() {
        use EntityType::*;
        let e = resolved(&[
            &[("Volodymyr Zelensky", Person), ("NATO", Organization)],
            &[("Volodymyr Zelensky", Person), ("Crimea", Location)],
            &[("Volodymyr Zelenskyy", Person), ("Nato", Organization)],
            &[
                ("Volodymyr Zelenskiy", Person),
                ("Crimea", Location),
                ("NATO", Organization),
            ],
            &[("Zelensky", Person), ("Nato", Person), ("Crimea", Location)],
            &[("ZELENSKYY", Person), ("Crimea", Person)],
            &[
                ("Sergei Lavrov", Person),
                ("Sergey Lavrov", Person),
                ("NATO", Organization),
            ],
            &[("Sergei Ławrow", Person), ("Lavrov", Person)],
        ]);
        let zel = named(&e, "Zelensky");
        assert_eq!(zel.len(), 1);
        assert_eq!(zel[0].canonical, "Volodymyr Zelensky");
        assert_eq!(zel[0].docs, vec![0, 1, 2, 3, 4, 5]);
        for a in ["Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "ZELENSKYY"] {
            assert_eq!(named(&e, a), zel, "{a}");
        }
        let nato = named(&e, "Nato");
        assert_eq!(nato.len(), 1, "the person 'Nato' joins the organisation");
        assert_eq!(
            (nato[0].kind, nato[0].docs.clone()),
            (Organization, vec![0, 2, 3, 4, 6])
        );
        assert_eq!(nato[0].canonical, "NATO");
        let crimea = named(&e, "Crimea");
        assert_eq!((crimea.len(), crimea[0].kind), (1, Location));
        let lavrov = named(&e, "Lavrov");
        assert_eq!(lavrov.len(), 1);
        assert_eq!(named(&e, "Sergei Ławrow"), lavrov);
        assert_eq!(lavrov[0].docs, vec![6, 7]);
    }

    #[test]
    fn two_letter_acronyms_need_a_definition_and_surface_forms_carry_a_type() {
        use EntityType::*;
        let mut r = Resolver::new();
        let gaz = Gazetteer::builtin();
        let docs: [&[(&str, EntityType)]; 5] = [
            &[("European Union", Organization), ("EU", Organization)],
            &[("EU", Organization), ("Britain", Location)],
            &[("Eastern Ukraine", Organization), ("UK", Location)],
            &[("European Union", Organization)],
            &[("Britain", Person)],
        ];
        for (i, d) in docs.iter().enumerate() {
            let mut v: Vec<Mention> = d.iter().map(|&(t, k)| m(t, k)).collect();
            canonicalize(&mut v, &gaz);
            r.add(i as u32, &v);
        }
        let e = r.finish();
        let eu = named(&e, "EU");
        assert_eq!(eu.len(), 1);
        assert_eq!(
            eu[0].docs,
            vec![0, 1, 3],
            "defined in article 0; 'Eastern Ukraine' is not it"
        );
        assert!(named(&e, "Eastern Ukraine")[0].canonical != "EU");
        let uk = named(&e, "Britain");
        assert_eq!((uk.len(), uk[0].kind), (1, Location), "{e:?}");
        assert_eq!(uk[0].docs, vec![1, 2, 4]);
    }

    #[test]
    fn distinct_people_stay_apart() {
        use EntityType::*;
        let e = resolved(&[
            &[("Boris Johnson", Person)],
            &[("Boris Johnson", Person)],
            &[("Lyndon Johnson", Person)],
            &[("Johnson", Person)],
            &[("Vladimir Putin", Person)],
            &[("Vladimir Putin", Person)],
            &[("Vladimir Putin", Person)],
            &[("Vladimir Putin", Person)],
            &[("Unless Putin", Person)],
            &[("Putin", Person)],
        ]);
        let johnsons: Vec<&str> = e
            .iter()
            .filter(|x| x.canonical.ends_with("Johnson"))
            .map(|x| x.canonical.as_str())
            .collect();
        assert_eq!(
            johnsons.len(),
            3,
            "{johnsons:?}: a bare Johnson has no evidence"
        );
        // Four articles against one: "Putin" is the dominant full name's.
        let putin = named(&e, "Putin");
        assert_eq!(
            (putin.len(), putin[0].canonical.as_str()),
            (1, "Vladimir Putin")
        );
        assert_eq!(putin[0].docs, vec![4, 5, 6, 7, 9]);
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
