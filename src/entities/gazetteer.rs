//! Gazetteers: known place names, countries with aliases and demonyms.
//!
//! The data comes from registry packages (see `tools/ner/make_gazetteer.py`):
//! a small built-in part (countries, demonyms, capitals, continents) compiled
//! into the library, and a larger part (cities, US states) that travels inside
//! the lazily loaded model file. Lines are `KIND \t CANONICAL \t ALIAS|ALIAS`.
//!
//! Phrases are matched over tokens, case-insensitively, except all-capital
//! aliases of up to four letters ("UK", "US"), which must match exactly so
//! that ordinary words in capitalised headlines do not become places.

use super::hash::{hash_lower, mix, IdMap};
use super::tokenize::{tokenize, Tok};
use super::variants::{consonants, one_vowel_apart, spelling_key};

/// Built-in gazetteer text (generated, committed).
pub const BUILTIN: &str = include_str!("data/countries.tsv");

/// What a gazetteer entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazKind {
    /// A sovereign state or territory.
    Country = 0,
    /// An adjective / people name of a country ("Russian").
    Demonym = 1,
    /// A city.
    City = 2,
    /// A region, state or continent.
    Region = 3,
    /// A common first name (a tagger feature only).
    FirstName = 4,
}

impl GazKind {
    fn parse(s: &str) -> Option<GazKind> {
        Some(match s {
            "country" => GazKind::Country,
            "demonym" => GazKind::Demonym,
            "city" => GazKind::City,
            "region" => GazKind::Region,
            "first" => GazKind::FirstName,
            _ => return None,
        })
    }
}

/// Number of kinds; token flags use two bits (begin, inside) per kind.
pub const N_KINDS: usize = 5;

#[derive(Debug, Clone)]
struct Entry {
    kind: GazKind,
    canonical: u32,
    /// Exact-case form to check, for short all-capital aliases.
    exact: Option<Box<str>>,
}

/// A phrase dictionary over lower-cased token sequences.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    names: Vec<Box<str>>,
    map: IdMap<Vec<Entry>>,
    /// Hashes of every proper prefix of a phrase, so matching can stop early.
    prefixes: IdMap<()>,
    max_len: usize,
    /// One-word place names (their canonical indexes) by the hash of their
    /// spelling key's consonants, for [`Gazetteer::place_spelled`].
    spellings: IdMap<Vec<u32>>,
}

/// One phrase match: token range, kind and canonical name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// First token index.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
    /// Entry kind.
    pub kind: GazKind,
    /// Index of the canonical name (see [`Gazetteer::name`]).
    pub canonical: u32,
}

const PHRASE_INIT: u64 = 0x9e37_79b9_7f4a_7c15;

fn phrase_hash(text: &str, toks: &[Tok]) -> u64 {
    toks.iter().fold(PHRASE_INIT, |h, t| {
        mix(h, hash_lower(&text[t.start..t.end]))
    })
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The built-in gazetteer (countries, demonyms, capitals, continents).
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer::new();
        g.add_tsv(BUILTIN);
        g
    }

    /// Add entries from TSV text; malformed lines are skipped (the data is
    /// generated, and a bad line must not take the reader down).
    pub fn add_tsv(&mut self, tsv: &str) {
        let mut toks = Vec::new();
        for line in tsv.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(kind), Some(canon), Some(aliases)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Some(kind) = GazKind::parse(kind) else {
                continue;
            };
            let canonical = self.names.len() as u32;
            self.names.push(canon.into());
            if Gazetteer::is_place(kind) && !canon.contains(' ') {
                let skeleton = consonants(&spelling_key(canon));
                let list = self.spellings.entry(hash_lower(&skeleton)).or_default();
                if !list.iter().any(|&c| &*self.names[c as usize] == canon) {
                    list.push(canonical);
                }
            }
            // A demonym's canonical name is its country, not one of its spellings.
            let own = (kind != GazKind::Demonym).then_some(canon);
            // A country's short code also in its dotted form: "US" gives "U.S.".
            let dotted: Vec<String> = if kind == GazKind::Country {
                aliases
                    .split('|')
                    .filter(|a| {
                        (2..=3).contains(&a.len()) && a.bytes().all(|b| b.is_ascii_uppercase())
                    })
                    .map(|a| a.chars().flat_map(|c| [c, '.']).collect())
                    .collect()
            } else {
                Vec::new()
            };
            for alias in aliases
                .split('|')
                .chain(own)
                .chain(dotted.iter().map(String::as_str))
            {
                tokenize(alias, &mut toks);
                if toks.is_empty() {
                    continue;
                }
                let exact = (alias.len() <= 4
                    && alias.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
                .then(|| Box::<str>::from(alias));
                let key = phrase_hash(alias, &toks);
                for k in 1..toks.len() {
                    self.prefixes.insert(phrase_hash(alias, &toks[..k]), ());
                }
                let list = self.map.entry(key).or_default();
                if list
                    .iter()
                    .any(|e| e.kind == kind && e.canonical == canonical)
                {
                    continue;
                }
                // Keep the first canonical per (kind, phrase): the data lists
                // countries first, so "Georgia" the country wins over the state.
                if list.iter().any(|e| e.kind == kind) {
                    continue;
                }
                list.push(Entry {
                    kind,
                    canonical,
                    exact,
                });
                self.max_len = self.max_len.max(toks.len());
            }
        }
    }

    /// Canonical name by index; empty for an unknown index.
    pub fn name(&self, idx: u32) -> &str {
        self.names.get(idx as usize).map(|s| &**s).unwrap_or("")
    }

    /// The one place name of the gazetteer that `word` spells another way:
    /// the same spelling key, or one vowel more or changed ("Kiev" → "Kyiv",
    /// "Odessa" → "Odesa", "Kharkov" → "Kharkiv"; see [`super::variants`]).
    /// None for several words, no such name, or more than one.
    pub fn place_spelled(&self, word: &str) -> Option<&str> {
        if word.contains(char::is_whitespace) {
            return None;
        }
        let key = spelling_key(word);
        let list = self.spellings.get(&hash_lower(&consonants(&key)))?;
        let mut found: Option<&str> = None;
        for &c in list {
            let name = self.name(c);
            let known = spelling_key(name);
            // A vowel more or another vowel in the word, never one fewer: a
            // name typed as a place ("Putin") is not a shorter spelling of
            // a longer one ("Putian").
            if key.len() >= known.len() && one_vowel_apart(&key, &known) {
                match found {
                    Some(f) if f != name => return None,
                    _ => found = Some(name),
                }
            }
        }
        found
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the kind names a place.
    pub fn is_place(kind: GazKind) -> bool {
        matches!(kind, GazKind::Country | GazKind::City | GazKind::Region)
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// All entries for exactly this token sequence.
    fn lookup_toks<'a>(
        &'a self,
        text: &'a str,
        toks: &[Tok],
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.lookup_key(phrase_hash(text, toks), text, toks)
    }

    fn lookup_key<'a>(
        &'a self,
        key: u64,
        text: &'a str,
        toks: &[Tok],
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        let surface = match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => text.get(a.start..b.end).unwrap_or(""),
            _ => "",
        };
        self.map
            .get(&key)
            .into_iter()
            .flatten()
            .filter(move |e| e.exact.as_deref().is_none_or(|x| x == surface))
    }

    /// Look a whole phrase up (tokenised as running text): kind and canonical.
    pub fn lookup(&self, phrase: &str) -> Vec<(GazKind, &str)> {
        let mut toks = Vec::new();
        tokenize(phrase, &mut toks);
        if toks.is_empty() {
            return Vec::new();
        }
        self.lookup_toks(phrase, &toks)
            .map(|e| (e.kind, self.name(e.canonical)))
            .collect()
    }

    /// Longest-first, left-to-right matches over a token sequence, one per
    /// (start, kind); only phrases starting with an upper-case letter count.
    pub fn matches(&self, text: &str, toks: &[Tok], out: &mut Vec<GazMatch>) {
        let lowers: Vec<u64> = toks
            .iter()
            .map(|t| hash_lower(text.get(t.start..t.end).unwrap_or("")))
            .collect();
        self.matches_hashed(text, toks, &lowers, out)
    }

    /// As [`matches`](Self::matches), with each token's [`hash_lower`] given.
    pub fn matches_hashed(
        &self,
        text: &str,
        toks: &[Tok],
        lowers: &[u64],
        out: &mut Vec<GazMatch>,
    ) {
        if lowers.len() != toks.len() {
            out.clear();
            return;
        }
        let upper = |i: usize| {
            text.get(toks[i].start..toks[i].end)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase)
        };
        // Every capitalised token may open a phrase.
        let starts = (0..toks.len()).filter(|&i| upper(i));
        self.matches_from(text, toks, starts, |i| lowers[i], out)
    }

    /// As [`matches`](Self::matches), with each token's [`hash_lower`] from
    /// `lower`, where phrases may open only at the tokens `starts` lists
    /// (ascending; those starting with a capital), so that the others are
    /// never visited.
    pub(crate) fn matches_from(
        &self,
        text: &str,
        toks: &[Tok],
        starts: impl Iterator<Item = usize>,
        lower: impl Fn(usize) -> u64,
        out: &mut Vec<GazMatch>,
    ) {
        out.clear();
        if self.map.is_empty() {
            return;
        }
        let mut next = 0;
        for i in starts {
            if i >= next && i < toks.len() {
                next = self.match_at(text, toks, i, &lower, out).max(next);
            }
        }
    }

    /// The longest phrase starting at token `i`, pushed to `out` (one match
    /// per kind); returns its end, or 0 when there is none.
    fn match_at(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        lower: impl Fn(usize) -> u64,
        out: &mut Vec<GazMatch>,
    ) -> usize {
        let mut keys = [0u64; 16];
        let max = self
            .max_len
            .min(toks.len().saturating_sub(i))
            .min(keys.len());
        let mut h = PHRASE_INIT;
        let mut n = 0;
        for (k, key) in keys.iter_mut().enumerate().take(max) {
            h = mix(h, lower(i + k));
            *key = h;
            n = k + 1;
            if !self.prefixes.contains_key(&h) {
                break;
            }
        }
        for len in (1..=n).rev() {
            if !self.map.contains_key(&keys[len - 1]) {
                continue;
            }
            let before = out.len();
            for e in self.lookup_key(keys[len - 1], text, &toks[i..i + len]) {
                if !out[before..].iter().any(|m| m.kind == e.kind) {
                    out.push(GazMatch {
                        start: i,
                        end: i + len,
                        kind: e.kind,
                        canonical: e.canonical,
                    });
                }
            }
            if out.len() > before {
                return i + len;
            }
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_spelled_another_way() {
        let g = Gazetteer::builtin();
        assert_eq!(g.place_spelled("Kiev"), Some("Kyiv"));
        assert_eq!(g.place_spelled("Kiev’s"), Some("Kyiv"));
        assert_eq!(g.place_spelled("Kyiv"), Some("Kyiv"));
        // A vowel fewer is not a spelling: "Putin" is no "Putian".
        let mut c = Gazetteer::new();
        c.add_tsv("city\tPutian\t\ncity\tOdesa\tOdessa\n");
        assert_eq!(c.place_spelled("Putin"), None);
        assert_eq!(c.place_spelled("Odessa"), Some("Odesa"));
        assert_eq!(c.place_spelled("New Odesa"), None);
    }

    #[test]
    fn builtin_has_aliases_and_demonyms() {
        let g = Gazetteer::builtin();
        assert!(g.len() > 500);
        assert_eq!(g.lookup("UK"), vec![(GazKind::Country, "United Kingdom")]);
        assert_eq!(
            g.lookup("Britain"),
            vec![(GazKind::Country, "United Kingdom")]
        );
        assert_eq!(
            g.lookup("united kingdom"),
            vec![(GazKind::Country, "United Kingdom")]
        );
        assert_eq!(g.lookup("Russian"), vec![(GazKind::Demonym, "Russia")]);
        assert!(g.lookup("uk").is_empty(), "short codes match exactly");
        assert!(
            g.lookup("IN").is_empty(),
            "codes that are English words are dropped"
        );
    }

    #[test]
    fn matches_longest_phrase() {
        let g = Gazetteer::builtin();
        let text = "the United Kingdom and Moscow";
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let mut m = Vec::new();
        g.matches(text, &toks, &mut m);
        let spans: Vec<(usize, usize, &str)> = m
            .iter()
            .map(|m| (m.start, m.end, g.name(m.canonical)))
            .collect();
        assert_eq!(spans, vec![(1, 3, "United Kingdom"), (4, 5, "Moscow")]);
    }

    #[test]
    fn tolerates_bad_lines() {
        let mut g = Gazetteer::new();
        g.add_tsv("bogus\nplanet\tMars\tMars\ncity\tGeneva\tGeneva|Genf\n\t\t\n");
        assert_eq!(g.lookup("Genf"), vec![(GazKind::City, "Geneva")]);
        assert!(g.lookup("Mars").is_empty());
    }
}
