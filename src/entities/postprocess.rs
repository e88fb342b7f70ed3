//! Post-processing of the tagger's (or the rules') spans, before names are
//! resolved: fixes for what a CoNLL-trained tagger gets wrong in today's
//! news. Links and handles are no names; an honorific or a role is no part
//! of a person's name ("Mr Putin", "Foreign Minister Sergey Lavrov"); a
//! demonym opening an organisation's name joins it ("Russian" + "Foreign
//! Ministry"); company suffixes close organisations; a surname seen in full
//! elsewhere in the article is that person; the wire's sign-off is dropped.

use super::doc::{flag, in_gaz, DocCtx};
use super::gazetteer::GazKind;
use super::lexicon::{self, class};
use super::tokenize::Tok;

/// A mention as a token range `[a, b)` of type `ty` (an entity type index),
/// before it becomes a [`Mention`](super::Mention).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub a: usize,
    pub b: usize,
    pub ty: u8,
}

const PER: u8 = 0;
const ORG: u8 = 1;
const LOC: u8 = 2;
const MISC: u8 = 3;

/// Apply every fix to `spans` (from the tagger, in token order) over the
/// tokens `toks` of `text`, whose facts are in `ctx`.
pub(crate) fn postprocess(text: &str, toks: &[Tok], ctx: &DocCtx, spans: &mut Vec<Span>) {
    let doc = Doc { text, toks, ctx };
    let mut fixed: Vec<Span> = Vec::with_capacity(spans.len());
    for &sp in spans.iter() {
        doc.fix_span(sp, &mut fixed);
    }
    merge_adjacent_persons(&mut fixed, toks);
    doc.join_particles(&mut fixed);
    doc.extend_first_names(&mut fixed);
    *spans = fixed;
    doc.join_connected_bodies(spans);
    doc.join_demonyms(spans);
    doc.drop_signoff(spans);
    doc.close_companies(spans);
    doc.spread_surnames(spans);
    doc.balance_brackets(spans);
    doc.drop_final_possessive(spans);
}

/// One document's tokens and their facts, as every fix reads them.
struct Doc<'a> {
    text: &'a str,
    toks: &'a [Tok],
    ctx: &'a DocCtx,
}

impl<'a> Doc<'a> {
    /// A name holds its brackets in pairs: a span with an unmatched `(`
    /// takes the `)` right after it ("Buducnost (V)") or else ends before the
    /// `(`; one with an unmatched `)` starts after it ("Tom) Seaver" →
    /// "Seaver"). Spans left empty are dropped. Why: text keeps parenthesised
    /// asides (club codes, nicknames) that the tagger cuts through.
    fn balance_brackets(&self, spans: &mut Vec<Span>) {
        let mut next_start = self.toks.len();
        for k in (0..spans.len()).rev() {
            let sp = &mut spans[k];
            let mut depth = 0usize;
            let mut open_at = None;
            for i in sp.a..sp.b {
                match self.word(i) {
                    "(" => {
                        depth += 1;
                        open_at = open_at.or(Some(i));
                    }
                    ")" if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            open_at = None;
                        }
                    }
                    ")" => sp.a = i + 1,
                    _ => {}
                }
            }
            if let Some(o) = open_at {
                if depth == 1 && sp.b < next_start && self.word(sp.b) == ")" {
                    sp.b += 1;
                } else {
                    sp.b = o;
                }
            }
            next_start = sp.a;
        }
        spans.retain(|sp| sp.a < sp.b);
    }

    /// A name does not end with a possessive clitic: "Irish Republican
    /// Army's" is "Irish Republican Army". The tokeniser cuts "'s" off as a
    /// token of its own, but a tagger trained on CoNLL (where "Boatmen's"
    /// is one token) may take it into a name.
    fn drop_final_possessive(&self, spans: &mut [Span]) {
        for sp in spans.iter_mut() {
            if sp.b > sp.a + 1 && matches!(self.word(sp.b - 1), "'s" | "'S" | "’s" | "’S") {
                sp.b -= 1;
            }
        }
    }

    #[inline]
    fn word(&self, i: usize) -> &'a str {
        self.text
            .get(self.toks[i].start..self.toks[i].end)
            .unwrap_or("")
    }

    #[inline]
    fn cls(&self, k: usize) -> u16 {
        lexicon::classes(self.ctx.info[k].lower)
    }

    #[inline]
    fn is_role(&self, k: usize) -> bool {
        self.cls(k) & class::ROLE != 0
    }

    #[inline]
    fn is_role_or_mod(&self, k: usize) -> bool {
        self.cls(k) & (class::ROLE | class::MODIFIER) != 0
    }

    #[inline]
    fn is_place(&self, k: usize) -> bool {
        [GazKind::Country, GazKind::City, GazKind::Region]
            .iter()
            .any(|&g| in_gaz(&self.ctx.info[k], g))
    }

    /// What opens a span but is no part of its name, and what that says
    /// of its type: "X-based" (an organisation), an honorific (a person).
    fn strip_prefixes(&self, sp: Span) -> Span {
        let mut sp = sp;
        // "Ohio-based KeyCorp": what is based somewhere is an organisation,
        // and the place it is based in is no part of its name.
        if sp.b - sp.a >= 2 && {
            let w = self.word(sp.a).as_bytes();
            w.len() > 6 && w[w.len() - 6..].eq_ignore_ascii_case(b"-based")
        } {
            sp.a += 1;
            sp.ty = ORG;
        }
        // An honorific is no part of the name, and says it is a person's:
        // "Mr Putin" is Putin, whatever type the tagger gave him.
        let honorific = |k: usize| {
            matches!(
                self.word(k).trim_end_matches('.'),
                "Mr" | "Mrs" | "Ms" | "Dr" | "MR" | "MRS" | "MS" | "DR"
            )
        };
        while sp.b - sp.a > 1 && honorific(sp.a) {
            sp.a += 1;
            sp.ty = PER;
        }
        if sp.a > 0 && honorific(sp.a - 1) && self.ctx.info[sp.a].flags & flag::CAPS_SENT == 0 {
            sp.ty = PER;
        }
        sp
    }

    /// One span, fixed, onto `fixed` (none, one or two spans).
    fn fix_span(&self, sp: Span, fixed: &mut Vec<Span>) {
        // Not names: links, handles, lone calendar words, lone role words.
        let first = self.word(sp.a);
        // (Links and handles hold ':' / "www." / '@': a byte test first,
        // since a substring search per token of every span adds up.)
        let linkish = |k: usize| {
            let w = self.word(k);
            w.starts_with('@')
                || (w.len() > 3
                    && (w.as_bytes().contains(&b':') && w.contains("://") || w.starts_with("www.")))
        };
        if (sp.a..sp.b).any(linkish)
            || (sp.a > 0 && self.word(sp.a - 1) == "@")
            || (sp.b - sp.a == 1 && (self.cls(sp.a) & class::CALENDAR != 0 || first.is_empty()))
            || (sp.a..sp.b).all(|k| self.is_role_or_mod(k))
        {
            return;
        }
        // A weekday or month is never the end of a name: "Milwaukee Open Thursday".
        let mut sp = sp;
        sp = self.strip_prefixes(sp);
        while sp.b - sp.a > 1
            && self.cls(sp.b - 1) & class::CALENDAR != 0
            && self.ctx.info[sp.b - 1].flags & flag::CAPS_SENT == 0
        {
            sp.b -= 1;
        }
        // Person names do not run over "in", "for", "and"...: "Tyson in Las
        // Vegas" is a person and a place, "Mauro Silva for Saturday" a person.
        if sp.ty == PER {
            if let Some(k) = (sp.a + 1..sp.b).find(|&k| {
                self.ctx.info[k].flags & flag::HAS_UPPER == 0 && self.cls(k) & class::NOT_NAME != 0
            }) {
                fixed.push(Span {
                    a: sp.a,
                    b: k,
                    ty: PER,
                });
                if k + 1 < sp.b && (k + 1..sp.b).all(|k| self.is_place(k)) {
                    fixed.push(Span {
                        a: k + 1,
                        b: sp.b,
                        ty: LOC,
                    });
                }
                return;
            }
        }
        // A role qualifier opening a name: "Defense Sergey Shoigu", "State Antony"
        // (from "Minister of Defense Sergey Shoigu", "Secretary of State Antony Blinken").
        let mut a = sp.a;
        while a < sp.b && self.cls(a) & class::MODIFIER != 0 && self.cls(a) & class::OF == 0 {
            a += 1;
        }
        // ... then "of" and a place: "Foreign Affairs of Lithuania Gabrielius
        // Landsbergis" is a place and a person.
        if a > sp.a && a + 1 < sp.b && self.cls(a) & class::OF != 0 {
            let p = a + 1;
            let mut q = p;
            while q < sp.b && self.is_place(q) {
                q += 1;
            }
            let person = (q..sp.b).all(|k| {
                !self.is_place(k)
                    && !self.is_role_or_mod(k)
                    && self.cls(k) & class::ORG_WORD == 0
                    && self.ctx.info[k].flags & flag::INIT_UPPER != 0
            });
            if q > p && q < sp.b && person && (sp.b - q >= 2 || sp.ty == PER) {
                fixed.push(Span {
                    a: p,
                    b: q,
                    ty: LOC,
                });
                fixed.push(Span {
                    a: q,
                    b: sp.b,
                    ty: PER,
                });
                return;
            }
        }
        if a > sp.a && a < sp.b {
            let org_like =
                (a..sp.b).any(|k| self.cls(k) & class::ORG_WORD != 0 || self.is_place(k));
            // The tagger's own person: "Mines and Energy Subroto" is Subroto.
            let after_role = sp.a > 0
                && (self.cls(sp.a - 1) & (class::ROLE | class::MODIFIER | class::OF) != 0
                    || self.word(sp.a - 1) == "and");
            let person_like = sp.b - a >= 2
                || in_gaz(&self.ctx.info[a], GazKind::FirstName)
                || (sp.ty == PER && after_role);
            if !org_like && person_like && !(a..sp.b).any(|k| self.is_role(k)) {
                fixed.push(Span {
                    a,
                    b: sp.b,
                    ty: PER,
                });
                return;
            }
        }
        // A role inside a span splits it: "Russian Foreign Ministry Spokeswoman
        // Maria Zakharova" = organisation + role + person; "US Secretary" = place + role.
        if let Some(k) = (sp.a..sp.b).find(|&k| self.is_role(k)) {
            return self.split_at_role(sp, k, fixed);
        }
        // A place name followed by a first name: "United Kingdom Andrei Kelin",
        // "Northern Ireland Brandon Lewis".
        // (Countries, or regions of two words or more in a person's span:
        // a city opens club names, "Boston Red Sox", and one-word regions
        // are first names too, "Mary Joe Fernandez".)
        let country = |k: usize| in_gaz(&self.ctx.info[k], GazKind::Country);
        let region = |k: usize| sp.ty == PER && in_gaz(&self.ctx.info[k], GazKind::Region);
        if let Some(k) = (sp.a + 1..sp.b.saturating_sub(1)).find(|&k| {
            (country(k - 1) || region(k - 1))
                && !self.is_place(k)
                && in_gaz(&self.ctx.info[k], GazKind::FirstName)
        }) {
            if (sp.a..k).all(country) || (k - sp.a >= 2 && (sp.a..k).all(region)) {
                fixed.push(Span {
                    a: sp.a,
                    b: k,
                    ty: LOC,
                });
                fixed.push(Span {
                    a: k,
                    b: sp.b,
                    ty: PER,
                });
                return;
            }
        }
        fixed.push(Span {
            ty: self.head_type(sp),
            ..sp
        });
    }

    /// The type a span's last word makes it: a name ending in an
    /// organisation word is an organisation, "Russia-NATO Council"; one
    /// ending in a geographic head noun a place, "Kerch Strait", "Crimean
    /// Peninsula", "Kherson Oblast" (a tagger trained on sports and business
    /// wire types them as people or organisations). Not in an all-capital
    /// line, where the tagger's type is all there is to go by: "EASTERN
    /// DIVISION" heads a table of results. Else the span's own type.
    fn head_type(&self, sp: Span) -> u8 {
        let head = |bit: u16| {
            sp.b - sp.a >= 2
                && self.cls(sp.b - 1) & bit != 0
                && self.ctx.info[sp.b - 1].flags & flag::CAPS_SENT == 0
        };
        if sp.ty != ORG && head(class::ORG_HEAD) {
            ORG
        } else if sp.ty != LOC && head(class::PLACE_HEAD) {
            LOC
        } else {
            sp.ty
        }
    }

    /// Span `sp` split around the role word at token `k`: what precedes the
    /// role (an organisation, a place, a nationality, or the span's own
    /// type) and the person after it, without the role itself.
    fn split_at_role(&self, sp: Span, k: usize, fixed: &mut Vec<Span>) {
        let mut left_end = k;
        while left_end > sp.a && self.is_role_or_mod(left_end - 1) {
            left_end -= 1;
        }
        let mut right = k;
        while right < sp.b
            && (self.is_role_or_mod(right) || self.ctx.info[right].flags & flag::HAS_UPPER == 0)
        {
            right += 1;
        }
        if left_end > sp.a {
            let ty = if self.cls(left_end - 1) & class::ORG_WORD != 0 {
                ORG
            } else if (sp.a..left_end).all(|k| self.is_place(k)) {
                LOC
            } else if (sp.a..left_end).all(|k| in_gaz(&self.ctx.info[k], GazKind::Demonym)) {
                MISC
            } else {
                sp.ty
            };
            fixed.push(Span {
                a: sp.a,
                b: left_end,
                ty,
            });
        }
        if right < sp.b {
            fixed.push(Span {
                a: right,
                b: sp.b,
                ty: PER,
            });
        }
    }

    /// A capitalised word just before a person's name, after a role, is the
    /// first name the tagger missed: "Minister of Defense Sergey Shoigu".
    fn extend_first_names(&self, merged: &mut [Span]) {
        for k in 0..merged.len() {
            let prev_end = if k == 0 { 0 } else { merged[k - 1].b };
            let sp = merged[k];
            if sp.ty != PER {
                continue;
            }
            let mut a = sp.a;
            while a > prev_end && sp.a - a < 2 && !self.toks[a].sent_start {
                let j = a - 1;
                let f = self.ctx.info[j].flags;
                let plain = f & flag::INIT_UPPER != 0
                    && f & (flag::ALL_UPPER | flag::CAPS_SENT | flag::SENT_START) == 0
                    && f & flag::ALPHA != 0;
                if !plain
                    || self.is_role_or_mod(j)
                    || self.cls(j) & class::NOT_NAME != 0
                    || self.is_place(j)
                    || in_gaz(&self.ctx.info[j], GazKind::Demonym)
                {
                    break;
                }
                a = j;
            }
            if a < sp.a && a > 0 && self.is_role_or_mod(a - 1) {
                merged[k].a = a;
            }
        }
    }

    /// A demonym opening an organisation: "Russian" + "Foreign Ministry".
    /// An organisation word, then "of" or "for" (with "the"), then a name:
    /// one organisation, "Institute for the Study of War", "Council of the
    /// European Union", "Bank of England". A tagger trained on wire sports
    /// and business news cuts such names at the connector, leaving a bare
    /// "Institute" or "Council" and a second organisation that is not one.
    /// The organisation word must be capitalised mid-sentence (not "the
    /// government of Ukraine") and the whole in one sentence, not in an
    /// all-capital line; a nationality after the connector modifies what
    /// follows it ("Regiment of the Russian Armed Forces"), so it joins
    /// nothing.
    fn join_connected_bodies(&self, spans: &mut Vec<Span>) {
        let mut i = 0;
        while i + 1 < spans.len() {
            let (x, y) = (spans[i], spans[i + 1]);
            if self.connects(x, y) {
                spans[i] = Span {
                    a: x.a,
                    b: y.b,
                    ty: ORG,
                };
                spans.remove(i + 1);
            } else {
                i += 1;
            }
        }
    }

    /// A person's name and the name after lower-case particles are one
    /// person: "Ursula von der Leyen", "Hans van den Broek" (the tagger,
    /// trained on names with one particle, keeps "Ursula" and "Leyen",
    /// sometimes a place). The second name is a span of any type or, when
    /// the tagger left it out, one capitalised word; all in one sentence.
    fn join_particles(&self, spans: &mut Vec<Span>) {
        let mut i = 0;
        while i < spans.len() {
            let x = spans[i];
            let mut k = x.b;
            while k < self.toks.len() && lexicon::is_name_particle(self.word(k)) {
                k += 1;
            }
            let capital = |k: usize| {
                k < self.toks.len()
                    && !self.toks[k].sent_start
                    && self.ctx.info[k].flags & (flag::INIT_UPPER | flag::CAPS_SENT)
                        == flag::INIT_UPPER
            };
            if x.ty != PER
                || k == x.b
                || (x.b..=k).any(|j| j < self.toks.len() && self.toks[j].sent_start)
                || !capital(k)
            {
                i += 1;
                continue;
            }
            let next = spans.get(i + 1).copied();
            spans[i].b = match next {
                Some(y) if y.a == k => {
                    spans.remove(i + 1);
                    y.b
                }
                _ => k + 1,
            };
            i += 1;
        }
    }

    /// Whether `x`, an organisation word's name, and `y` are one body
    /// joined by "of"/"for" (see [`Self::join_connected_bodies`]).
    fn connects(&self, x: Span, y: Span) -> bool {
        // "of"/"for", then "the" or nothing: one or two words, read in place.
        let connector = match y.a.checked_sub(x.b) {
            Some(1) => matches!(self.word(x.b), "of" | "for"),
            Some(2) => matches!(self.word(x.b), "of" | "for") && self.word(x.b + 1) == "the",
            _ => false,
        };
        let head = x.b - 1;
        let demonym =
            y.ty == MISC && (y.a..y.b).all(|k| in_gaz(&self.ctx.info[k], GazKind::Demonym));
        connector
            && !demonym
            && (x.ty == ORG || self.cls(head) & class::ORG_HEAD != 0)
            && self.cls(head) & class::ORG_WORD != 0
            && self.ctx.info[head].flags & flag::INIT_UPPER != 0
            && !(x.b..y.b).any(|k| self.toks[k].sent_start)
            && !(x.a..y.b).any(|k| self.ctx.info[k].flags & flag::CAPS_SENT != 0)
    }

    fn join_demonyms(&self, spans: &mut Vec<Span>) {
        let mut i = 0;
        while i + 1 < spans.len() {
            let (x, y) = (spans[i], spans[i + 1]);
            let demonym =
                x.ty == MISC && (x.a..x.b).all(|k| in_gaz(&self.ctx.info[k], GazKind::Demonym));
            // Only a body named by its role ("Foreign Ministry", "State Department"):
            // "Polish SPC" stays a nationality and an organisation.
            let body = y.b - y.a >= 2 && self.cls(y.a) & class::MODIFIER != 0;
            if demonym
                && body
                && y.ty == ORG
                && y.a == x.b
                && !self.ctx.info[y.a..y.b]
                    .iter()
                    .any(|t| t.flags & flag::CAPS_SENT != 0)
            {
                spans[i] = Span {
                    a: x.a,
                    b: y.b,
                    ty: ORG,
                };
                spans.remove(i + 1);
            }
            i += 1;
        }
    }

    /// The wire's sign-off: one all-capital word closing the text, on its own
    /// line or after the last sentence ("... it said.\n REUTER").
    fn drop_signoff(&self, spans: &mut Vec<Span>) {
        // The wire's sign-off: one all-capital word closing the self.text, on its own
        // line or after the last sentence ("... it said.\n REUTER").
        let is_word = |k: usize| {
            self.word(k)
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        };
        if let Some(last) = (0..self.toks.len()).rev().find(|&k| is_word(k)) {
            let f = self.ctx.info[last].flags;
            let alone = last == 0
                || self
                    .text
                    .get(self.toks[last - 1].end..self.toks[last].start)
                    .is_some_and(|gap| gap.contains('\n'))
                || matches!(self.word(last - 1), "." | "!" | "?" | "\"" | "”");
            if f & (flag::ALL_UPPER | flag::ALPHA) == flag::ALL_UPPER | flag::ALPHA
                && self.ctx.info[last].len >= 2
                && alone
            {
                spans.retain(|s| !(s.a == last && s.b == last + 1));
            }
        }
    }

    /// Company suffixes ("Co", "Inc", "Corp", "Ltd", "Bros", "SpA") are never
    /// persons: they close the organisation named just before them, also
    /// after an ampersand ("Edward D. Jones & Co", "Salomon Bros").
    fn close_companies(&self, spans: &mut Vec<Span>) {
        let company = |k: usize| {
            k < self.toks.len()
                && (self.cls(k) & class::COMPANY != 0
                    && self.ctx.info[k].flags & flag::INIT_UPPER != 0
                    || lexicon::is_cased_legal_form(self.word(k)))
        };
        // How many tokens from `k` on close a company's name: a suffix, or
        // "&" and a suffix, in the same sentence.
        let closing = |k: usize| {
            let open = |i: usize| i < self.toks.len() && !self.toks[i].sent_start;
            if open(k) && company(k) {
                1
            } else if open(k) && self.word(k) == "&" && open(k + 1) && company(k + 1) {
                2
            } else {
                0
            }
        };
        if spans
            .iter()
            .any(|s| (s.a..(s.b + 2).min(self.toks.len())).any(company))
        {
            let mut out: Vec<Span> = Vec::with_capacity(spans.len());
            for &sp in spans.iter() {
                if let Some(last) = out.last_mut() {
                    if sp.a < last.b {
                        last.b = last.b.max(sp.b);
                        continue;
                    }
                }
                if (sp.a..sp.b).all(company) {
                    match out.last_mut() {
                        Some(last) if last.b == sp.a && !self.toks[sp.a].sent_start => {
                            last.b = sp.b;
                            last.ty = ORG;
                        }
                        _ => {}
                    }
                    continue;
                }
                let mut sp = sp;
                loop {
                    let n = closing(sp.b);
                    if n == 0 {
                        break;
                    }
                    sp.b += n;
                }
                if company(sp.b - 1) {
                    sp.ty = ORG;
                }
                out.push(sp);
            }
            *spans = out;
        }
    }

    /// Surnames: a capitalised word equal to the last word of a full person
    /// name in this article is that person (retyping the tagger's guess).
    fn spread_surnames(&self, spans: &mut Vec<Span>) {
        let mut surnames: Vec<&str> = spans
            .iter()
            .filter(|s| s.ty == PER && s.b - s.a >= 2)
            .map(|s| self.word(s.b - 1))
            .filter(|w| w.chars().count() > 2)
            .collect();
        crate::sort::sort(&mut surnames[..]);
        surnames.dedup();
        if surnames.is_empty() {
            return;
        }
        let mut covered = vec![false; self.toks.len()];
        for s in spans.iter_mut() {
            covered[s.a..s.b].iter_mut().for_each(|c| *c = true);
            // Places keep their type: "Lebed Chechnya" in a headline is not a name to copy.
            if s.b - s.a == 1
                && s.ty != PER
                && s.ty != LOC
                && self.ctx.info[s.a].flags & flag::INIT_UPPER != 0
                && !self.is_place(s.a)
                && surnames.binary_search(&self.word(s.a)).is_ok()
            {
                s.ty = PER;
            }
        }
        let mut added = false;
        for (k, cov) in covered.iter().enumerate() {
            if !cov
                && self.ctx.info[k].flags & (flag::CAPS_SENT | flag::INIT_UPPER) == flag::INIT_UPPER
                && !self.is_place(k)
                && surnames.binary_search(&self.word(k)).is_ok()
            {
                spans.push(Span {
                    a: k,
                    b: k + 1,
                    ty: PER,
                });
                added = true;
            }
        }
        if added {
            crate::sort::sort_by_key(&mut spans[..], |s| s.a);
            merge_adjacent_persons(spans, self.toks);
        }
    }
}

/// Adjacent person spans are one person ("Maria" + "Zakharova" after a split).
/// Never across a sentence break ("... Willie" / "Wood ...").
fn merge_adjacent_persons(spans: &mut Vec<Span>, toks: &[Tok]) {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for &sp in spans.iter() {
        let opens_sentence = toks.get(sp.a).is_some_and(|t| t.sent_start);
        match out.last_mut() {
            Some(last) if last.ty == PER && sp.ty == PER && last.b == sp.a && !opens_sentence => {
                last.b = sp.b
            }
            _ => out.push(sp),
        }
    }
    *spans = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::Gazetteer;

    /// The spans' texts after [`Doc::balance_brackets`], spans given as
    /// token ranges of `text`.
    fn balanced(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
        let v: Vec<Span> = spans.iter().map(|&(a, b)| Span { a, b, ty: ORG }).collect();
        after(text, v, |doc, v| doc.balance_brackets(v))
    }

    /// The texts of `spans` (ORG spans as token ranges of `text`) after `step`
    /// has run over them on `text`'s document.
    fn after(
        text: &str,
        mut spans: Vec<Span>,
        step: impl FnOnce(&Doc, &mut Vec<Span>),
    ) -> Vec<String> {
        let mut toks = Vec::new();
        let mut ctx = DocCtx::default();
        ctx.fill_fused(text, &mut toks, &Gazetteer::builtin());
        let doc = Doc {
            text,
            toks: &toks,
            ctx: &ctx,
        };
        step(&doc, &mut spans);
        spans
            .iter()
            .map(|s| text[toks[s.a].start..toks[s.b - 1].end].to_string())
            .collect()
    }

    /// A case of a joining step: the text, the tagger's spans as (a, b,
    /// type), the names wanted after the step.
    type JoinCase<'t> = (&'t str, Vec<(usize, usize, u8)>, Vec<&'t str>);

    /// The names after `step`, for each case.
    fn check_joins(cases: Vec<JoinCase>, step: impl Fn(&Doc, &mut Vec<Span>)) {
        for (text, spans, want) in cases {
            let v = (spans.into_iter())
                .map(|(a, b, ty)| Span { a, b, ty })
                .collect();
            assert_eq!(after(text, v, &step), want, "{text}");
        }
    }

    #[test]
    fn brackets_come_in_pairs() {
        // Tokens: Buducnost ( V ) beat Rad ( B
        let t = "Buducnost (V) beat Rad (B";
        assert_eq!(balanced(t, &[(0, 3)]), ["Buducnost (V)"]);
        assert_eq!(balanced(t, &[(5, 8)]), ["Rad"]);
        assert_eq!(balanced(t, &[(0, 4)]), ["Buducnost (V)"]);
        // Tokens: ( Tom ) Seaver
        assert_eq!(balanced("(Tom) Seaver", &[(1, 4)]), ["Seaver"]);
        assert!(balanced("(Tom) Seaver", &[(2, 3)]).is_empty());
    }

    #[test]
    fn a_name_does_not_end_with_a_possessive() {
        let text = "The Irish Republican Army's ceasefire";
        let v = vec![Span {
            a: 1,
            b: 5,
            ty: ORG,
        }];
        assert_eq!(
            after(text, v, |doc, v| doc.drop_final_possessive(v)),
            ["Irish Republican Army"]
        );
    }

    #[test]
    fn a_name_ending_in_a_geographic_head_is_a_place() {
        // (text, the span the tagger gave: tokens [a, b) and type, the type after).
        for (text, (a, b), ty, want) in [
            ("missiles from the Crimean Peninsula at", (3, 5), PER, LOC),
            ("through the Kerch Strait on", (2, 4), PER, LOC),
            ("in Kherson Oblast and", (1, 3), ORG, LOC),
            ("off Snake Island in", (1, 3), ORG, LOC),
            // One word, or a head not at the end, keeps the tagger's type.
            ("the Black Sea Fleet said", (1, 4), ORG, ORG),
            ("from Tampa Bay on", (1, 3), ORG, ORG),
            ("in Sea Point on", (1, 3), PER, PER),
        ] {
            let mut out = Vec::new();
            let v = vec![Span { a, b, ty }];
            after(text, v, |doc, v| {
                for &sp in v.iter() {
                    doc.fix_span(sp, &mut out);
                }
            });
            assert_eq!(out.len(), 1, "{text}");
            assert_eq!(out[0].ty, want, "{text}");
        }
    }

    #[test]
    fn a_person_s_name_runs_over_lower_case_particles() {
        let cases = vec![
            // Tokens: said Ursula von der Leyen on
            (
                "said Ursula von der Leyen on",
                vec![(1, 2, PER), (4, 5, LOC)],
                vec!["Ursula von der Leyen"],
            ),
            // The tagger left the surname out: the capitalised word after.
            (
                "with Hans van den Broek in",
                vec![(1, 2, PER)],
                vec!["Hans van den Broek"],
            ),
            // No capital after the particles, or not a person: as it was.
            ("told Putin de facto", vec![(1, 2, PER)], vec!["Putin"]),
            (
                "the Rijksmuseum van Gogh",
                vec![(1, 2, ORG)],
                vec!["Rijksmuseum"],
            ),
        ];
        check_joins(cases, |doc, v| doc.join_particles(v));
    }

    #[test]
    fn an_organisation_word_joins_the_name_after_of_or_for() {
        let cases = vec![
            // Tokens: The Institute for the Study of War said
            (
                "The Institute for the Study of War said",
                vec![(1, 2, ORG), (4, 7, ORG)],
                vec!["Institute for the Study of War"],
            ),
            // Tokens: The Council of the European Union met
            (
                "The Council of the European Union met",
                vec![(1, 2, ORG), (4, 6, ORG)],
                vec!["Council of the European Union"],
            ),
            // Tokens: at the French Institute for International Relations
            (
                "at the French Institute for International Relations",
                vec![(2, 3, MISC), (3, 4, ORG), (5, 7, ORG)],
                vec!["French", "Institute for International Relations"],
            ),
            // Not an organisation word, or not capitalised, or another
            // sentence: two names stay two.
            (
                "Premier of Ontario Doug Ford",
                vec![(0, 1, PER), (2, 3, LOC)],
                vec!["Premier", "Ontario"],
            ),
            (
                "the 247th Regiment of the Russian Armed Forces",
                vec![(1, 3, ORG), (5, 6, MISC), (6, 8, ORG)],
                vec!["247th Regiment", "Russian", "Armed Forces"],
            ),
            (
                "the government of Ukraine said",
                vec![(1, 2, ORG), (3, 4, LOC)],
                vec!["government", "Ukraine"],
            ),
            (
                "It met the Council. Of the Union",
                vec![(3, 4, ORG), (7, 8, ORG)],
                vec!["Council", "Union"],
            ),
        ];
        check_joins(cases, |doc, v| doc.join_connected_bodies(v));
    }

    #[test]
    fn legal_forms_close_companies() {
        // (text, the person span the tagger gave, the organisation after).
        for (text, (a, b), name) in [
            // Tokens: said Edward D. Jones & Co analyst
            (
                "said Edward D. Jones & Co analyst",
                (1, 4),
                "Edward D. Jones & Co",
            ),
            // Tokens: at Salomon Bros in
            ("at Salomon Bros in", (1, 2), "Salomon Bros"),
            // Tokens: Pirelli SpA shares
            ("Pirelli SpA shares", (0, 1), "Pirelli SpA"),
        ] {
            let mut out = Vec::new();
            let v = vec![Span { a, b, ty: PER }];
            let texts = after(text, v, |doc, v| {
                doc.close_companies(v);
                out.clone_from(v);
            });
            assert_eq!(texts, [name], "{text}");
            assert_eq!(out[0].ty, ORG, "{text}");
        }
        // Not across a sentence, and not a town spelled like the form.
        let v = vec![Span {
            a: 0,
            b: 2,
            ty: PER,
        }];
        assert_eq!(
            after("John Smith &\n\nCo went.", v, |doc, v| doc
                .close_companies(v)),
            ["John Smith"]
        );
        let v = vec![Span {
            a: 2,
            b: 3,
            ty: LOC,
        }];
        assert_eq!(
            after("Hill at Spa won.", v, |doc, v| doc.close_companies(v)),
            ["Spa"]
        );
    }
}
