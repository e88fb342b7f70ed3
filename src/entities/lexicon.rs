//! The lexicon: generic English word lists (titles, roles, organisation
//! words, calendar words, function words, company suffixes) and each word's
//! classes, looked up by [`hash_lower`](super::hash::hash_lower). Read by the token facts, the rules
//! and the post-processing; never names of today's news.

use super::hash::hash_ascii;

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

/// Words besides [`ORG_HEADS`] that make a capitalised run an organisation
/// ("Foreign Office"): the organisation words are both lists.
pub const ORG_WORDS: &[&str] = &[
    "office",
    "government",
    "bank",
    "company",
    "co.",
    "co",
    "union",
    "court",
    "parliament",
    "assembly",
    "army",
    "navy",
    "police",
    "news",
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
];

/// Capitalised words that are not names on their own: function words that
/// open sentences, "March" and "May"; the [`WEEKDAYS`] and [`MONTHS`] are
/// not names either.
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
    "march",
    "may",
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

/// Weekday names: calendar words, and not names.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names that are no other word (not "March" or "May", which are
/// also words or names): calendar words, and not names.
pub const MONTHS: &[&str] = &[
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
];

/// Abbreviated weekday and month names: calendar words, as are the
/// [`WEEKDAYS`] and [`MONTHS`].
pub const CALENDAR_ABBREVIATIONS: &[&str] = &[
    "jan", "jan.", "feb", "feb.", "mar", "mar.", "apr", "apr.", "jun", "jun.", "jul", "jul.",
    "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.", "dec", "dec.",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
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
    "representative",
    "congressman",
    "congresswoman",
    "commissioner",
    "adviser",
    "advisor",
    "lawmaker",
    "fellow",
    // Abbreviated titles, with their dot ("Wyoming Sen. John Barrasso",
    // "Pres. Biden"; "Hun Sen" is a name).
    "sen.",
    "gov.",
    "pres.",
    "rep.",
    "gen.",
    "lt.",
    "col.",
    "adm.",
    "sgt.",
    "capt.",
];

/// Words that qualify a role ("Foreign Minister", "Secretary of State").
pub const ROLE_MODIFIERS: &[&str] = &[
    "foreign", "defense", "defence", "interior", "deputy", "vice", "prime", "state", "of", "chief",
    "general", "finance", "trade", "justice", "economy", "home", "energy", "mines", "affairs",
    "high", "senior",
];

/// Legal-form abbreviations that close a company's name ("Texaco Inc",
/// "Dean Foods Co"): never a person, always part of the organisation before them.
pub const COMPANY_SUFFIXES: &[&str] = &[
    "co", "co.", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "llc", "cos", "cos.",
    "bros", "bros.",
];

/// Legal forms that are company suffixes only as spelled here: in other
/// cases they are words or places ("Spa", "SPA").
const CASED_LEGAL_FORMS: &[&str] = &["SpA", "S.p.A.", "GmbH"];

/// Whether `word` is one of the legal forms known by their exact spelling
/// ("Pirelli SpA", "Robert Bosch GmbH"), which close a company's name as
/// the [`COMPANY_SUFFIXES`] do.
pub fn is_cased_legal_form(word: &str) -> bool {
    CASED_LEGAL_FORMS.contains(&word)
}

/// Lower-case particles inside a person's name ("Ursula von der Leyen",
/// "Hans van den Broek", "Luiz Inácio Lula da Silva"): a name runs over
/// them (see `postprocess`).
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "da", "das", "dos", "di", "du", "del", "della", "la", "le",
    "ter", "ten", "zu", "bin", "ibn",
];

/// Whether `word` (as written) is one of [`NAME_PARTICLES`].
pub fn is_name_particle(word: &str) -> bool {
    NAME_PARTICLES.contains(&word)
}

/// Last words that make a multi-word name an organisation whatever the
/// tagger said; each is an organisation word too (see [`ORG_WORDS`]).
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
    // Armed forces' units and services: "82nd Airborne Division", "Black
    // Sea Fleet", "Ukrainian Armed Forces".
    "division",
    "brigade",
    "regiment",
    "battalion",
    "fleet",
    "forces",
    // "Wagner Group", "Visegrad Group", "Contact Group".
    "group",
];

/// Verbs of saying, after which the subject speaks as an institution ("the
/// Kremlin said"): see [`super::agree`].
pub const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "denied",
    "denies",
    "warned",
    "warns",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "confirmed",
    "confirms",
    "stated",
    "states",
    "responded",
    "rejected",
    "rejects",
    "accused",
    "accuses",
    "dismissed",
    "dismisses",
    "declined",
    "refused",
    "urged",
    "urges",
    "vowed",
    "told",
    "added",
    "noted",
    "argued",
];

/// People who speak for an institution besides the [`ROLE_WORDS`]
/// ("Kremlin officials", "White House press secretary").
pub const OFFICIALS: &[&str] = &[
    "official",
    "officials",
    "press",
    "spokespeople",
    "spokesmen",
    "spokeswomen",
    "aide",
    "aides",
    "staff",
    "staffers",
    "adviser",
    "advisers",
    "readout",
];

/// Last words of an event's name ("Munich Security Conference", "Iran
/// Nuclear Deal"): the name is an event (MISC), not a place or a person.
pub const EVENT_HEADS: &[&str] = &[
    "conference",
    "summit",
    "deal",
    "crisis",
    "agreement",
    "accord",
    "accords",
    "treaty",
    "talks",
    "forum",
    "week",
    "olympics",
    "games",
    "festival",
    "war",
];

/// Lower-case nouns after a name that make it an organisation's ("the BelTA
/// news agency", "the Wagner group"), including the people an organisation
/// is made of or was made by ("Hamas fighters", "Wagner mercenaries",
/// "Telegram founder").
pub const ORG_NOUNS: &[&str] = &[
    "agency",
    "newspaper",
    "daily",
    "broadcaster",
    "channel",
    "company",
    "firm",
    "group",
    "outlet",
    "network",
    "party",
    "bank",
    "militia",
    "movement",
    "fighters",
    "militants",
    "mercenaries",
    "mercenary",
    "founder",
];

/// Geographic head nouns that end a place's name ("Black Sea", "Kerch
/// Strait", "Crimean Peninsula", "Kherson Oblast", "Snake Island"). Left
/// out on purpose: words that also end team or club names in sports news
/// ("Tampa Bay", "Nottingham Forest") and words as often a building's or
/// an event's ("Hill", "Park").
pub const PLACE_HEADS: &[&str] = &[
    "sea",
    "ocean",
    "river",
    "peninsula",
    "strait",
    "straits",
    "gulf",
    "island",
    "islands",
    "isthmus",
    "mountains",
    "valley",
    "lake",
    "canal",
    "oblast",
    "krai",
    "province",
    "desert",
    "coast",
    "plateau",
    "basin",
    "delta",
    "reservoir",
    "heights",
    "steppe",
];

/// Word-class bits for [`classes`].
pub mod class {
    /// In [`super::ROLE_WORDS`].
    pub const ROLE: u16 = 1;
    /// In [`super::ROLE_MODIFIERS`].
    pub const MODIFIER: u16 = 2;
    /// In [`super::ORG_WORDS`] or [`super::ORG_HEADS`].
    pub const ORG_WORD: u16 = 4;
    /// In [`super::ORG_HEADS`].
    pub const ORG_HEAD: u16 = 8;
    /// In [`super::WEEKDAYS`], [`super::MONTHS`] or
    /// [`super::CALENDAR_ABBREVIATIONS`].
    pub const CALENDAR: u16 = 16;
    /// In [`super::NOT_NAMES`], [`super::WEEKDAYS`] or [`super::MONTHS`].
    pub const NOT_NAME: u16 = 32;
    /// The word "of".
    pub const OF: u16 = 64;
    /// In [`super::COMPANY_SUFFIXES`].
    pub const COMPANY: u16 = 128;
    /// In [`super::REPORTING_VERBS`].
    pub const REPORTING: u16 = 256;
    /// In [`super::OFFICIALS`].
    pub const OFFICIAL: u16 = 512;
    /// In [`super::EVENT_HEADS`].
    pub const EVENT: u16 = 1024;
    /// In [`super::ORG_NOUNS`].
    pub const ORG_NOUN: u16 = 2048;
    /// In [`super::PLACE_HEADS`].
    pub const PLACE_HEAD: u16 = 4096;
}

/// Classes of a word given its [`hash_lower`](super::hash::hash_lower): one table probe instead of
/// lower-casing and comparing against every list (this runs per capitalised
/// token and per token of every span). The table is open-addressed over
/// the few hundred list words, so a probe is a shift, a load and a compare
/// (cheaper than a general hash map, notably in the wasm build).
pub fn classes(lower_hash: u64) -> u16 {
    let lex = &LEX;
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

const fn lex_slot(h: u64) -> usize {
    (h >> 53) as usize & (LEX_SLOTS - 1)
}

/// The table [`classes`] probes, built at compile time (so no lazily
/// initialised global): each list word's [`hash_lower`](super::hash::hash_lower) with the OR of the
/// classes of the lists it is in. Every list word is ASCII, which
/// [`hash_ascii`] hashes as [`hash_lower`](super::hash::hash_lower) does (checked here).
static LEX: [(u64, u16); LEX_SLOTS] = {
    let lists: [(&[&str], u16); 15] = [
        (ROLE_WORDS, class::ROLE),
        (ROLE_MODIFIERS, class::MODIFIER),
        (ORG_WORDS, class::ORG_WORD),
        (ORG_HEADS, class::ORG_HEAD | class::ORG_WORD),
        (WEEKDAYS, class::CALENDAR | class::NOT_NAME),
        (MONTHS, class::CALENDAR | class::NOT_NAME),
        (CALENDAR_ABBREVIATIONS, class::CALENDAR),
        (NOT_NAMES, class::NOT_NAME),
        (&["of"], class::OF),
        (COMPANY_SUFFIXES, class::COMPANY),
        (REPORTING_VERBS, class::REPORTING),
        (OFFICIALS, class::OFFICIAL),
        (EVENT_HEADS, class::EVENT),
        (ORG_NOUNS, class::ORG_NOUN),
        (PLACE_HEADS, class::PLACE_HEAD),
    ];
    let mut tab = [(0u64, 0u16); LEX_SLOTS];
    let mut l = 0;
    while l < lists.len() {
        let (list, bit) = lists[l];
        let mut i = 0;
        while i < list.len() {
            assert!(list[i].is_ascii(), "lexicon words are ASCII");
            let h = hash_ascii(list[i]);
            let mut j = lex_slot(h);
            while tab[j].0 != 0 && tab[j].0 != h {
                j = (j + 1) & (LEX_SLOTS - 1);
            }
            tab[j] = (h, tab[j].1 | bit);
            i += 1;
        }
        l += 1;
    }
    tab
};
