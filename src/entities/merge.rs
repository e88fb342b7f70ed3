//! Merging across the collection: entities of distinct (type, canonical
//! name), as [`Drafts`], grouped on evidence into one entity each
//! ([`merge`]): case variants, acronyms and their expansions,
//! transliterations and surnames of people (keys from [`super::variants`]),
//! and one name seen under several types. Used by [`super::Resolver`] and by
//! the index's filing (`index::entities`), so both merge alike.

use super::variants::{fold_name, initials_into, is_acronym, person_keys, within_one_edit};
use crate::entity_type::EntityType;
use rustc_hash::FxHashMap;

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
    /// Per draft (when given; missing ones count 0): articles where it is
    /// an organisation that acts as an institution ("the Kremlin said",
    /// "White House officials": see `agree::institution_cue`).
    pub cues: Vec<u32>,
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

    fn cues(&self, i: usize) -> usize {
        self.cues.get(i).map_or(0, |&c| c as usize)
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

/// An entity after merging: the draft whose type and name it keeps, the
/// drafts merged into it, and their surface forms, mentions and documents.
pub(crate) struct Merged {
    pub draft: u32,
    /// Every draft of the entity (`draft` among them), ascending.
    pub members: Vec<u32>,
    /// (text id, mentions), most frequent first, ties by text; one entry per
    /// distinct text (ids of one text under several types count as one).
    pub aliases: Vec<(u32, usize)>,
    pub mentions: usize,
    /// Ascending, without repeats.
    pub docs: Vec<u32>,
}

/// Disjoint sets of drafts (union by size, path halving).
struct Groups {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    fn root(&mut self, mut i: u32) -> u32 {
        while self.parent[i as usize] != i {
            let up = self.parent[self.parent[i as usize] as usize];
            self.parent[i as usize] = up;
            i = up;
        }
        i
    }

    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let (big, small) = if self.size[a as usize] >= self.size[b as usize] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
    }
}

/// A bucket larger than this is only merged on exact keys (pairs within it
/// are not compared one by one): a guard on time, reached only by the
/// commonest first names of very large collections.
const PAIRWISE_MAX: usize = 400;

/// A bare surname attaches to the one full name of the collection that
/// ends with it, or to the one named in at least this many times the
/// articles of all the others together ("Putin": "Vladimir Putin" in 170
/// articles, a stray "Unless Putin" in one).
const DOMINANT: usize = 4;

/// Evidence that two person drafts are one person: full names whose last
/// words share a spelling key and whose first words share one or are one
/// edit apart (both five letters or more: "Alexander"/"Aleksandr"); full
/// names with the same first word whose last words are one edit apart
/// (six letters or more); bare names with the same key; then a bare name
/// joins the full names ending with it when they are one person, or one of
/// them dominates (see [`DOMINANT`]). Two full names with different first
/// names stay apart ("Boris Johnson", "Lyndon Johnson").
fn group_people(d: &Drafts<'_>, g: &mut Groups, ndocs: &[usize], moved: &[bool]) {
    let keys: Vec<Option<(Option<String>, String)>> = (0..d.len())
        .map(|i| {
            (d.kind[i] == EntityType::Person && !moved[i]).then(|| person_keys(d.canonical[i]))?
        })
        .collect();
    let mut by_last: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    let mut by_first: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    let mut bare: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (i, k) in keys.iter().enumerate() {
        match k {
            Some((Some(first), last)) => {
                by_last.entry(last).or_default().push(i as u32);
                by_first.entry(first).or_default().push(i as u32);
            }
            Some((None, last)) => bare.entry(last).or_default().push(i as u32),
            None => {}
        }
    }
    // The first word's key (`by_last` buckets compare it), else the last's.
    let key_of = |first: bool, i: u32| {
        let k = keys[i as usize].as_ref()?;
        if first {
            k.0.as_deref()
        } else {
            Some(k.1.as_str())
        }
    };
    let near = |a: &str, b: &str, min: usize| {
        within_one_edit(a, b) && a.chars().count() >= min && b.chars().count() >= min
    };
    for (bucket, min, first) in [(&by_last, 5, true), (&by_first, 6, false)] {
        for v in bucket.values() {
            let mut same: FxHashMap<&str, u32> = FxHashMap::default();
            for &a in v {
                if let Some(k) = key_of(first, a) {
                    g.union(a, *same.entry(k).or_insert(a));
                }
            }
            if v.len() > PAIRWISE_MAX {
                continue;
            }
            for (x, &a) in v.iter().enumerate() {
                for &b in &v[x + 1..] {
                    if let (Some(ka), Some(kb)) = (key_of(first, a), key_of(first, b)) {
                        if ka != kb && near(ka, kb, min) {
                            g.union(a, b);
                        }
                    }
                }
            }
        }
    }
    // Articles naming each group of full names (an upper bound: the sum
    // over its drafts), before bare names join them.
    let mut group_docs = vec![0usize; d.len()];
    for v in by_last.values() {
        for &i in v {
            group_docs[g.root(i) as usize] += ndocs[i as usize];
        }
    }
    // Decide every bare name against the groups of full names as they are
    // now, then merge: the result does not depend on the order of the map.
    let mut joins: Vec<(u32, u32)> = Vec::new();
    for (last, v) in &bare {
        for w in v.windows(2) {
            joins.push((w[0], w[1]));
        }
        let Some(full) = by_last.get(last) else {
            continue;
        };
        let mut roots: Vec<(usize, u32)> = full
            .iter()
            .map(|&i| {
                let r = g.root(i);
                (group_docs[r as usize], r)
            })
            .collect();
        crate::sort::sort_unstable_by(&mut roots[..], |a, b| b.cmp(a));
        roots.dedup();
        let others: usize = roots.iter().skip(1).map(|r| r.0).sum();
        if let Some(&(top, root)) = roots.first() {
            if others == 0 || top >= DOMINANT * others {
                joins.push((v[0], root));
            }
        }
    }
    for (a, b) in joins {
        g.union(a, b);
    }
}

/// A name is an institution's when it acts as one ([`Drafts::cues`]) in
/// at least [`INSTITUTION_MIN`] articles and in one article of every
/// [`INSTITUTION_SHARE`] naming it: the tagger types a seat ("Kremlin",
/// "White House") as a place wherever the sentence does not say more, so
/// a few clear articles outweigh many silent ones; a region ("Donbas") or
/// a city never speaks, has no spokesman, and keeps the vote of types.
fn institution(cue_docs: Option<usize>, counts: &[usize; 4]) -> bool {
    let cue_docs = cue_docs.unwrap_or(0);
    let total: usize = counts.iter().sum();
    cue_docs >= INSTITUTION_MIN && cue_docs * INSTITUTION_SHARE >= total
}

/// See [`institution`].
const INSTITUTION_MIN: usize = 2;
/// See [`institution`].
const INSTITUTION_SHARE: usize = 8;

/// Case variants of one type are one entity ("NATO", "Nato"); so are a long
/// organisation name and the acronym of its initials; then a name seen
/// under several types joins the type that names it in most articles
/// ("Crimea": a place in 70, a person in 6; "Donbas": a place in 29, an
/// organisation in 25), unless its group already holds other names; then
/// people (see [`group_people`]), without the names that joined another type.
fn group<'t>(
    d: &Drafts<'_>,
    find: &dyn Fn(EntityType, &str) -> Option<u32>,
    text: &dyn Fn(u32) -> &'t str,
) -> (Groups, Vec<bool>) {
    let n = d.len();
    let mut g = Groups::new(n);
    let folded: Vec<String> = d.canonical.iter().map(|c| fold_name(c)).collect();
    let ndocs: Vec<usize> = (0..n).map(|i| d.docs(i).len()).collect();
    let mut by_fold: FxHashMap<(u8, &str), u32> = FxHashMap::default();
    let mut buf = String::new();
    for (i, f) in folded.iter().enumerate() {
        let key = (d.kind[i].index(), f.as_str());
        match by_fold.get(&key) {
            Some(&j) => g.union(i as u32, j),
            None => {
                by_fold.insert(key, i as u32);
            }
        }
        let name = d.canonical[i];
        if d.kind[i] == EntityType::Organization
            && name.contains(' ')
            && initials_into(name, &mut buf)
        {
            // Initials match by chance ("Eastern Ukraine" is no "EU",
            // "Coca Cola Co" no "CCC"): only an acronym that an article
            // defined (its entity was also written so there) takes a name.
            if let Some(j) = find(EntityType::Organization, &buf) {
                if d.aliases(j as usize)
                    .iter()
                    .any(|&(id, _)| text(id) == name)
                {
                    g.union(i as u32, j);
                }
            }
        }
    }
    // Across types first, so that a bare name typed wrongly (a person
    // "Nato") joins its type's entity before people are grouped; groups
    // that hold more than one folded name (an organisation with its
    // acronym) stay where they are.
    // By root: None (no draft yet), Some(None) (several names), Some(name).
    let mut one_name: Vec<Option<Option<&str>>> = vec![None; n];
    for (i, f) in folded.iter().enumerate() {
        let e = &mut one_name[g.root(i as u32) as usize];
        match e {
            None => *e = Some(Some(f.as_str())),
            Some(Some(x)) if *x != f.as_str() => *e = Some(None),
            _ => {}
        }
    }
    let root_before: Vec<u32> = (0..n as u32).map(|i| g.root(i)).collect();
    let mut moved = vec![false; n];
    // Articles per (folded name, type), the name as an entity's name or as
    // one of its surface forms ("Great Britain" of "United Kingdom"), and
    // the entity that most writes it so.
    // By name: articles per type, and per type the (articles, draft) that
    // writes it most as a surface form.
    type Tally = ([usize; 4], [(usize, u32); 4]);
    let mut by_name: FxHashMap<String, Tally> = FxHashMap::default();
    for (i, f) in folded.iter().enumerate() {
        let t = d.kind[i].index() as usize & 3;
        match by_name.get_mut(f) {
            Some(e) => e.0[t] += ndocs[i],
            None => by_name.entry(f.clone()).or_default().0[t] += ndocs[i],
        }
        let mut seen: Vec<String> = Vec::new();
        for &(id, _) in d.aliases(i) {
            // Most drafts are written only as their own name.
            if text(id) == d.canonical[i] {
                continue;
            }
            let a = fold_name(text(id));
            if a == *f || seen.contains(&a) {
                continue;
            }
            let e = match by_name.get_mut(&a) {
                Some(e) => e,
                None => by_name.entry(a.clone()).or_default(),
            };
            e.0[t] += ndocs[i];
            if ndocs[i] > e.1[t].0 {
                e.1[t] = (ndocs[i], i as u32);
            }
            seen.push(a);
        }
    }
    // Articles where each name acts as an institution (see [`Drafts::cues`]).
    let mut cues: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, f) in folded.iter().enumerate() {
        if d.cues(i) > 0 {
            *cues.entry(f.as_str()).or_default() += d.cues(i);
        }
    }
    let org = EntityType::Organization.index() as usize & 3;
    for i in 0..n {
        let Some((counts, writer)) = by_name.get(folded[i].as_str()) else {
            continue;
        };
        let own = d.kind[i].index() as usize & 3;
        let Some(mut major) = (0..4)
            .filter(|&t| EntityType::from_index(t as u8) != EntityType::Misc)
            .max_by_key(|&t| (counts[t], std::cmp::Reverse(t)))
        else {
            continue;
        };
        if institution(cues.get(folded[i].as_str()).copied(), counts) {
            major = org;
        }
        if major == own || (major != org && counts[major] <= counts[own]) {
            continue;
        }
        if !matches!(one_name[root_before[i] as usize], Some(Some(_))) {
            continue;
        }
        let kind = EntityType::from_index(major as u8).index();
        let j = by_fold
            .get(&(kind, folded[i].as_str()))
            .copied()
            .or((writer[major].0 > 0).then_some(writer[major].1));
        if let Some(j) = j {
            g.union(i as u32, j);
            moved[i] = true;
        }
    }
    group_people(d, &mut g, &ndocs, &moved);
    (g, moved)
}

/// The merging rules of [`Resolver`] over [`Drafts`] (see [`group`] and
/// [`group_people`]): each group becomes one entity, of the type with most
/// mentions in it (those that joined it from another type aside), named by its most mentioned draft of that type (for a
/// person, its most mentioned full name; for an organisation, its acronym). `find` gives the draft of a type
/// and canonical name, `text` the string of a text id. Entities come most
/// mentioned first (ties by type, then name): a total order, so the result
/// does not depend on the order of the drafts.
pub(crate) fn merge<'t>(
    d: &Drafts<'_>,
    find: impl Fn(EntityType, &str) -> Option<u32>,
    text: impl Fn(u32) -> &'t str,
) -> Vec<Merged> {
    let n = d.len();
    let (mut g, moved) = group(d, &find, &text);
    let mut groups: Vec<Vec<u32>> = vec![Vec::new(); n];
    for i in 0..n as u32 {
        groups[g.root(i) as usize].push(i);
    }
    let mentions_of = |i: u32| d.aliases(i as usize).iter().map(|a| a.1).sum::<usize>();
    let mut out: Vec<Merged> = Vec::new();
    for members in groups.into_iter().filter(|m| !m.is_empty()) {
        let mut by_type = [0usize; 4];
        // Drafts that joined another type's name do not vote.
        for &i in members.iter().filter(|&&i| !moved[i as usize]) {
            by_type[d.kind[i as usize].index() as usize & 3] += mentions_of(i);
        }
        let kind = (0..4)
            .max_by_key(|&t| (by_type[t], std::cmp::Reverse(t)))
            .map_or(EntityType::Misc, |t| EntityType::from_index(t as u8));
        // A person's full name comes first, and an organisation's acronym
        // (its name in the article that defines it: see [`canonicalize`]).
        let full = |i: u32| match kind {
            EntityType::Person => {
                person_keys(d.canonical[i as usize]).is_some_and(|k| k.0.is_some())
            }
            // An acronym, not a name in capitals ("TELEGRAM" beside "Telegram").
            EntityType::Organization => {
                let c = d.canonical[i as usize];
                is_acronym(c)
                    && !members
                        .iter()
                        .any(|&j| j != i && fold_name(d.canonical[j as usize]) == fold_name(c))
            }
            _ => true,
        };
        let Some(&draft) = members
            .iter()
            .filter(|&&i| d.kind[i as usize] == kind)
            .max_by(|&&a, &&b| {
                (full(a), mentions_of(a))
                    .cmp(&(full(b), mentions_of(b)))
                    .then_with(|| d.canonical[b as usize].cmp(d.canonical[a as usize]))
            })
        else {
            continue;
        };
        let mut aliases: Vec<(u32, usize)> = Vec::new();
        let mut docs: Vec<u32> = Vec::new();
        for &i in &members {
            // One entry per text (the same text may have an id per type).
            for &(id, c) in d.aliases(i as usize) {
                match aliases.iter_mut().find(|a| text(a.0) == text(id)) {
                    Some(a) => a.1 += c,
                    None => aliases.push((id, c)),
                }
            }
            docs.extend_from_slice(d.docs(i as usize));
        }
        crate::sort::sort(&mut docs[..]);
        docs.dedup();
        // Distinct texts: the order is total, so unstable is the same.
        crate::sort::sort_unstable_by(&mut aliases[..], |a, b| {
            b.1.cmp(&a.1).then_with(|| text(a.0).cmp(text(b.0)))
        });
        let mentions = aliases.iter().map(|a| a.1).sum();
        out.push(Merged {
            draft,
            members,
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
    crate::sort::sort_unstable_by(&mut keyed[..], |a, b| {
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

    /// The type of each merged entity, by name, for drafts (name, type,
    /// articles, articles acting as an institution).
    fn types(drafts: &[(&'static str, EntityType, u32, u32)]) -> Vec<(&'static str, EntityType)> {
        let mut d = Drafts::default();
        for (i, &(name, kind, docs, cues)) in drafts.iter().enumerate() {
            let docs: Vec<u32> = (0..docs).map(|k| k * 7 + i as u32).collect();
            d.push(kind, name, [(i as u32, docs.len())], &docs);
            d.cues.push(cues);
        }
        let find = |kind, s: &str| {
            drafts
                .iter()
                .position(|x| x.0 == s && x.1 == kind)
                .map(|p| p as u32)
        };
        let mut out: Vec<_> = merge(&d, find, |id| drafts[id as usize].0)
            .into_iter()
            .map(|m| (d.canonical[m.draft as usize], d.kind[m.draft as usize]))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_seat_that_speaks_in_some_articles_is_an_institution_in_all() {
        use EntityType::{Location as L, Organization as O};
        // Named a place in most articles, an institution with a spokesman
        // in a few: the institution. A region typed an organisation as
        // often, but never speaking, stays a place.
        let got = types(&[
            ("Kremlin", L, 80, 0),
            ("Kremlin", O, 20, 15),
            ("Donbas", L, 30, 0),
            ("Donbas", O, 25, 0),
        ]);
        assert_eq!(got, [("Donbas", L), ("Kremlin", O)]);
        // One article's cue is no evidence.
        assert_eq!(
            types(&[("Ukrinform", L, 5, 0), ("Ukrinform", O, 1, 1)]),
            [("Ukrinform", L)]
        );
    }
}
