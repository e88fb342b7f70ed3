//! Rule-based tagging for [`Recognizer::basic`](super::Recognizer::basic):
//! capitalised runs, generic title and organisation words, gazetteers.
//!
//! The word lists here are generic English (titles, organisation suffixes,
//! function words, calendar words), never names of today's news.

use super::features::{b_tag, flag, hash_lower, i_tag, in_gaz, DocCtx, IdMap};
use super::gazetteer::GazKind;
use super::tokenize::Tok;
use std::sync::OnceLock;

/// Words that introduce or form a person's role ("Foreign Minister").
pub const TITLES: &[&str] = &[
    "minister",
    "secretary",
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "president",
    "ambassador",
    "diplomat",
    "premier",
    "chancellor",
    "prime",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "deputy",
    "chief",
    "head",
    "director",
    "general",
    "senator",
    "sen",
    "sen.",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "envoy",
    "counterpart",
    "leader",
    "chairman",
    "chairwoman",
    "ceo",
    "commissioner",
    "state",
    "vice",
    "gen.",
    "lt.",
    "col.",
    "colonel",
    "captain",
    "judge",
    "justice",
    "attorney",
    "sir",
    "lord",
    "lady",
    "dame",
    "rev.",
    "bishop",
    "cardinal",
    "sheikh",
    "emir",
    "representative",
    "rep.",
    "congressman",
    "congresswoman",
    "officer",
    "spokeswomen",
    "spokesmen",
    "coach",
    "striker",
    "midfielder",
    "manager",
    "economist",
    "analyst",
    "correspondent",
    "editor",
    "professor",
    "prof.",
];

/// Words that make a capitalised run an organisation ("Foreign Ministry").
pub const ORG_WORDS: &[&str] = &[
    "ministry",
    "council",
    "organization",
    "organisation",
    "office",
    "embassy",
    "agency",
    "government",
    "party",
    "bank",
    "company",
    "corporation",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "plc",
    "co.",
    "co",
    "union",
    "committee",
    "commission",
    "association",
    "department",
    "institute",
    "university",
    "court",
    "parliament",
    "assembly",
    "army",
    "navy",
    "police",
    "news",
    "times",
    "post",
    "group",
    "fund",
    "board",
    "authority",
    "service",
    "alliance",
    "league",
    "club",
    "federation",
    "foundation",
    "society",
    "bureau",
    "exchange",
    "airlines",
    "airways",
    "holdings",
    "industries",
    "press",
    "journal",
    "herald",
    "tribune",
    "congress",
    "senate",
    "cabinet",
    "secretariat",
    "directorate",
    "forces",
    "guard",
    "front",
    "movement",
    "mission",
    "network",
    "television",
    "radio",
    "telegraph",
    "gazette",
    "daily",
    "communications",
    "systems",
    "motors",
    "administration",
];

/// Capitalised words that are not names on their own: function words that
/// open sentences, calendar words.
pub const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "of",
    "to",
    "by",
    "with",
    "from",
    "before",
    "after",
    "during",
    "she",
    "he",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "but",
    "and",
    "or",
    "as",
    "if",
    "when",
    "while",
    "since",
    "although",
    "there",
    "here",
    "what",
    "who",
    "how",
    "why",
    "where",
    "meanwhile",
    "however",
    "also",
    "both",
    "some",
    "many",
    "all",
    "no",
    "not",
    "according",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
    "mrs",
    "ms",
    "today",
    "yesterday",
    "tomorrow",
    "one",
    "two",
    "three",
    "first",
    "second",
    "last",
    "new",
    "other",
    "such",
    "then",
    "thus",
    "so",
    "yet",
    "each",
    "every",
    "any",
    "my",
    "your",
    "him",
    "them",
    "us",
    "me",
    "one's",
    "following",
    "under",
    "over",
    "about",
    "against",
    "between",
    "among",
    "into",
    "than",
    "because",
    "until",
];

/// Weekday and month names (not "May" or "March", which are also names/words).
pub const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "jan.",
    "feb",
    "feb.",
    "mar",
    "mar.",
    "apr",
    "apr.",
    "jun",
    "jun.",
    "jul",
    "jul.",
    "aug",
    "aug.",
    "sep",
    "sep.",
    "sept",
    "sept.",
    "oct",
    "oct.",
    "nov",
    "nov.",
    "dec",
    "dec.",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Role words that separate a person's name from what precedes it
/// ("Spokeswoman Maria Zakharova", "Secretary of State Antony Blinken").
pub const ROLE_WORDS: &[&str] = &[
    "minister",
    "secretary",
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "ambassador",
    "president",
    "premier",
    "chancellor",
    "envoy",
    "diplomat",
    "counterpart",
    "chairman",
    "chairwoman",
    "senator",
    "governor",
    "mayor",
    "director",
    "coach",
    "manager",
    "commander",
    "prosecutor",
    "judge",
    "ceo",
];

/// Words that qualify a role ("Foreign Minister", "Secretary of State").
pub const ROLE_MODIFIERS: &[&str] = &[
    "foreign", "defense", "defence", "interior", "deputy", "vice", "prime", "state", "of", "chief",
    "general", "finance", "trade", "justice", "economy", "home", "energy", "mines",
];

/// Legal-form abbreviations that close a company's name ("Texaco Inc",
/// "Dean Foods Co"): never a person, always part of the organisation before them.
pub const COMPANY_SUFFIXES: &[&str] = &[
    "co", "co.", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "llc", "cos", "cos.",
];

/// Last words that make a multi-word name an organisation whatever the tagger said.
pub const ORG_HEADS: &[&str] = &[
    "ministry",
    "council",
    "organization",
    "organisation",
    "embassy",
    "agency",
    "committee",
    "commission",
    "department",
    "institute",
    "university",
    "corporation",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "plc",
    "party",
    "association",
    "times",
    "administration",
];

/// Lower-case words allowed inside organisation names.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "in", "on", "the", "de", "du", "des", "la", "le", "&",
];
/// Prepositions after which a lone capitalised word is a place.
const PLACE_PREPS: &[&str] = &["in", "at", "from", "to", "near", "outside", "into"];

/// Word-class bits for [`classes`].
pub mod class {
    /// In [`super::ROLE_WORDS`].
    pub const ROLE: u16 = 1;
    /// In [`super::ROLE_MODIFIERS`].
    pub const MODIFIER: u16 = 2;
    /// In [`super::ORG_WORDS`].
    pub const ORG_WORD: u16 = 4;
    /// In [`super::ORG_HEADS`].
    pub const ORG_HEAD: u16 = 8;
    /// In [`super::CALENDAR`].
    pub const CALENDAR: u16 = 16;
    /// In [`super::NOT_NAMES`].
    pub const NOT_NAME: u16 = 32;
    /// The word "of".
    pub const OF: u16 = 64;
    /// In [`super::COMPANY_SUFFIXES`].
    pub const COMPANY: u16 = 128;
}

/// Classes of a word given its [`hash_lower`]: one table probe instead of
/// lower-casing and comparing against every list (this runs per capitalised
/// token and per token of every span). The table is open-addressed over
/// the few hundred list words, so a probe is a shift, a load and a compare
/// (cheaper than a general hash map, notably in the wasm build).
pub fn classes(lower_hash: u64) -> u16 {
    static LEX: OnceLock<Vec<(u64, u16)>> = OnceLock::new();
    let lex = LEX.get_or_init(|| {
        let mut m: IdMap<u16> = IdMap::default();
        for (list, bit) in [
            (ROLE_WORDS, class::ROLE),
            (ROLE_MODIFIERS, class::MODIFIER),
            (ORG_WORDS, class::ORG_WORD),
            (ORG_HEADS, class::ORG_HEAD),
            (CALENDAR, class::CALENDAR),
            (NOT_NAMES, class::NOT_NAME),
            (&["of"][..], class::OF),
            (COMPANY_SUFFIXES, class::COMPANY),
        ] {
            for w in list {
                *m.entry(hash_lower(w)).or_insert(0) |= bit;
            }
        }
        let mut tab = vec![(0u64, 0u16); LEX_SLOTS];
        for (h, c) in m {
            let mut j = lex_slot(h);
            while tab[j].0 != 0 {
                j = (j + 1) & (LEX_SLOTS - 1);
            }
            tab[j] = (h, c);
        }
        tab
    });
    if lower_hash == 0 {
        return 0;
    }
    let mut j = lex_slot(lower_hash);
    loop {
        match lex.get(j) {
            Some(&(h, c)) if h == lower_hash => return c,
            Some(&(0, _)) | None => return 0,
            Some(_) => j = (j + 1) & (LEX_SLOTS - 1),
        }
    }
}

/// Slots of the table in [`classes`]: a power of two, several times the
/// number of list words, so that probes are short.
const LEX_SLOTS: usize = 2048;

fn lex_slot(h: u64) -> usize {
    (h >> 53) as usize & (LEX_SLOTS - 1)
}

fn lower(text: &str, t: &Tok) -> String {
    text.get(t.start..t.end).unwrap_or("").to_lowercase()
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Tag one document with rules; `tags` gets one IOB2 tag per token.
pub fn tag(text: &str, toks: &[Tok], ctx: &DocCtx, tags: &mut Vec<u8>) {
    tags.clear();
    tags.resize(toks.len(), 0);
    let words: Vec<String> = toks.iter().map(|t| lower(text, t)).collect();
    let set = |tags: &mut Vec<u8>, a: usize, b: usize, ty: u8| {
        for (k, tg) in tags[a..b].iter_mut().enumerate() {
            *tg = if k == 0 { b_tag(ty) } else { i_tag(ty) };
        }
    };
    for &(s, e) in &ctx.sents {
        let caps_sent = ctx.info[s].flags & flag::CAPS_SENT != 0;
        if caps_sent {
            continue; // headlines: capitalisation says nothing
        }
        // "US" is a name even though "us" is a function word.
        let acronym = |i: usize| ctx.info[i].flags & flag::ALL_UPPER != 0 && ctx.info[i].len > 1;
        let is_cap = |i: usize| {
            ctx.info[i].flags & flag::INIT_UPPER != 0
                && (acronym(i) || !in_list(NOT_NAMES, &words[i]))
        };
        // Raw capitalised runs.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = s;
        while i < e {
            if is_cap(i) {
                let a = i;
                while i < e && is_cap(i) {
                    i += 1;
                }
                runs.push((a, i));
            } else {
                i += 1;
            }
        }
        // Join runs over connectors when either side names an organisation.
        let has_org = |a: usize, b: usize| words[a..b].iter().any(|w| in_list(ORG_WORDS, w));
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for r in runs {
            if let Some(last) = merged.last_mut() {
                let gap = &words[last.1..r.0];
                let joins =
                    !gap.is_empty() && gap.len() <= 2 && gap.iter().all(|w| in_list(CONNECTORS, w));
                // "Cooperation in Europe" continues a name; "Council in Brussels" does not.
                let left_last = &words[last.1 - 1];
                let complete = in_list(ORG_WORDS, left_last)
                    || ctx.info[last.1 - 1].flags & flag::ALL_UPPER != 0;
                let locative = gap.iter().any(|w| w == "in" || w == "on" || w == "and") && complete;
                let article = gap.iter().any(|w| w == "the") && gap[0] != "of";
                if joins && !locative && !article && (has_org(last.0, last.1) || has_org(r.0, r.1))
                {
                    last.1 = r.1;
                    continue;
                }
            }
            merged.push(r);
        }
        for (a, b) in merged {
            tag_run(&words, ctx, a, b, s, tags, &set);
        }
    }
}

/// Writes one typed span into the tag vector.
type SetSpan<'a> = &'a dyn Fn(&mut Vec<u8>, usize, usize, u8);

fn tag_run(
    words: &[String],
    ctx: &DocCtx,
    mut a: usize,
    b: usize,
    s: usize,
    tags: &mut Vec<u8>,
    set: SetSpan<'_>,
) {
    let has_org = |a: usize, b: usize| words[a..b].iter().any(|w| in_list(ORG_WORDS, w));
    let mut titled = false;
    while a < b {
        let info = &ctx.info[a];
        let is_loc = in_gaz(info, GazKind::Country)
            || in_gaz(info, GazKind::City)
            || in_gaz(info, GazKind::Region);
        let is_dem = in_gaz(info, GazKind::Demonym);
        if is_loc || is_dem {
            // The whole gazetteer phrase starting here.
            let mut end = a + 1;
            while end < b && (ctx.info[end].gaz & 0xaaaa) != 0 {
                end += 1;
            }
            // A place or demonym that opens an organisation's name: "Russian Foreign Ministry".
            let mut org_end = end;
            while org_end < b && !in_gaz(&ctx.info[org_end], GazKind::Country) {
                org_end += 1;
                if in_list(ORG_WORDS, &words[org_end - 1]) {
                    break;
                }
            }
            if org_end > end && has_org(end, org_end) && !in_list(TITLES, &words[org_end - 1]) {
                set(tags, a, org_end, 1);
                a = org_end;
                continue;
            }
            set(tags, a, end, if is_loc { 2 } else { 3 });
            a = end;
            titled = false;
            continue;
        }
        // "Foreign Ministry", "State Department": a title word opening an organisation.
        if in_list(TITLES, &words[a]) && !(a + 1 < b && in_list(ORG_WORDS, &words[a + 1])) {
            titled = true;
            a += 1;
            continue;
        }
        // The rest up to the next gazetteer phrase or title word.
        let mut end = a + 1;
        while end < b
            && ctx.info[end].gaz == 0
            && (!in_list(TITLES, &words[end]) || in_list(ORG_WORDS, &words[end]))
        {
            end += 1;
        }
        // Organisation words end a name: extend over them.
        if has_org(a, end) {
            // An organisation's name runs to the end of the (connector-joined) run.
            while end < b && !in_list(TITLES, &words[end]) {
                end += 1;
            }
            set(tags, a, end, 1);
        } else if end - a == 1 {
            let f = ctx.info[a].flags;
            let len = ctx.info[a].len;
            let prev = if a > s { words[a - 1].as_str() } else { "" };
            if f & flag::ALL_UPPER != 0 && f & flag::ALPHA != 0 && (2..=6).contains(&len) {
                set(tags, a, end, 1);
            } else if titled {
                set(tags, a, end, 0);
            } else if a > s && in_list(PLACE_PREPS, prev) && f & flag::ALPHA != 0 {
                set(tags, a, end, 2);
            }
            // Otherwise a lone capitalised word is left alone; a surname seen
            // in full elsewhere in the article is linked later.
        } else if end - a <= 4
            && words[a..end]
                .iter()
                .all(|w| !w.chars().any(|c| c.is_ascii_digit()))
        {
            set(tags, a, end, 0);
        }
        a = end;
        titled = false;
    }
}
