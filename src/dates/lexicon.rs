//! Tokenizer and static word tables for the time-expression tagger.
//!
//! The text is scanned once into a flat `Vec<Tok>`; every word is classified by
//! an ASCII-case-insensitive lookup in a `match` over a small stack buffer, so
//! no token allocates. Words that are not temporal get `Lex::None` and are never
//! looked at again except as tense cues.

/// Calendar units a number can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Parts of the day, as TIMEX3 writes them (`TMO`, `TAF`, `TEV`, `TNI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub fn code(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
        }
    }
}

/// Keywords the grammar cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kw {
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Current,
    Recently,
    Recent,
    Past,
    Future,
    Last,
    Next,
    This,
    That,
    The,
    A,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Every,
    Each,
    Per,
    Daily,
    Weekly,
    Monthly,
    Annually,
    Hourly,
    Quarterly,
    Noon,
    Midnight,
    More,
    Less,
    Than,
    Nearly,
    Almost,
    About,
    Around,
    Approximately,
    Over,
    Least,
    At,
    Up,
    To,
    Within,
    Fiscal,
    Few,
    Several,
    Couple,
    Of,
    Half,
    Soon,
    Previously,
    Formerly,
    Coming,
    Previous,
    Latest,
    Weekend,
    Same,
    Period,
    End,
    Beginning,
    Start,
    Middle,
    Another,
    Additional,
    Or,
    No,
    Lately,
    Presently,
    Nowadays,
    Then,
    Thanksgiving,
    Christmas,
    Am,
    Pm,
    Zone,
    Old,
    Many,
    Long,
    Term,
    Near,
    Short,
    Moment,
}

/// The class of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    None,
    /// 1..=12; `true` when written as an abbreviation ("Jan", "Sept").
    Month(u8, bool),
    /// ISO weekday 1 (Monday)..=7; `true` when plural ("Mondays").
    Wd(u8, bool),
    /// Unit and whether it was plural.
    Unit(Unit, bool),
    /// Cardinal number word ("four", "twenty").
    NumW(u32),
    /// Ordinal ("first", "third", "21st").
    Ord(u32),
    /// Season: 1 spring, 2 summer, 3 fall, 4 winter.
    Season(u8),
    Part(Part),
    Kw(Kw),
}

/// What kind of characters a token holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    /// ASCII digits only; `num` holds the value (saturating).
    Num,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: byte span, kind, class and, for numbers, the value.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub lex: Lex,
    /// Digit tokens: the value (saturating at u32::MAX); number words: their value.
    pub num: u32,
    /// Number of digits for digit tokens.
    pub digits: u8,
    /// First character is an ASCII uppercase letter.
    pub cap: bool,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// The whitespace before this token contains a blank line (paragraph break).
    pub para_before: bool,
    /// For Punct: the character (ASCII) or 0.
    pub ch: u8,
}

/// Split `text` into tokens. Words are runs of letters (any non-ASCII character
/// counts as a letter, so multi-byte characters are never split), numbers are runs
/// of ASCII digits (a trailing "st/nd/rd/th" makes an ordinal word token), and
/// every other non-space character is a punctuation token of its own.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(b.len() / 5 + 4);
    let mut i = 0;
    let mut space = true;
    let mut newlines = 0u32;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b'\r' || c == b'\n' {
            if c == b'\n' {
                newlines += 1;
            }
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let (kind, lex, num, digits) = if c.is_ascii_digit() {
            let mut v: u64 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = (v * 10 + (b[i] - b'0') as u64).min(u32::MAX as u64);
                i += 1;
            }
            let nd = (i - start).min(255) as u8;
            // "21st", "3rd": ordinal.
            if i + 1 < b.len() && b[i].is_ascii_alphabetic() && b[i + 1].is_ascii_alphabetic() {
                let suf = [b[i].to_ascii_lowercase(), b[i + 1].to_ascii_lowercase()];
                let after = b.get(i + 2).copied().unwrap_or(b' ');
                if matches!(&suf, b"st" | b"nd" | b"rd" | b"th") && !after.is_ascii_alphanumeric() {
                    i += 2;
                    (TokKind::Word, Lex::Ord(v as u32), v as u32, nd)
                } else {
                    (TokKind::Num, Lex::None, v as u32, nd)
                }
            } else {
                (TokKind::Num, Lex::None, v as u32, nd)
            }
        } else if c.is_ascii_alphabetic() || c >= 0x80 {
            while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] >= 0x80) {
                // Curly quotes and dashes are punctuation in news text; stop at them so
                // "‘fake" is not one word. They are 3-byte sequences starting 0xE2 0x80.
                if b[i] == 0xE2 && b.get(i + 1) == Some(&0x80) {
                    break;
                }
                i += 1;
            }
            if i == start {
                // A non-ASCII punctuation sequence: take one whole char.
                i = next_char_boundary(text, start);
                (TokKind::Punct, Lex::None, 0, 0)
            } else {
                let lex = classify(&b[start..i]);
                let num = if let Lex::NumW(n) | Lex::Ord(n) = lex {
                    n
                } else {
                    0
                };
                (TokKind::Word, lex, num, 0)
            }
        } else {
            i = next_char_boundary(text, start);
            (TokKind::Punct, Lex::None, 0, 0)
        };
        toks.push(Tok {
            start,
            end: i,
            kind,
            lex,
            num,
            digits,
            cap: c.is_ascii_uppercase(),
            space_before: space,
            para_before: newlines >= 2,
            ch: if kind == TokKind::Punct && c < 0x80 {
                c
            } else {
                0
            },
        });
        space = false;
        newlines = 0;
    }
    toks
}

fn next_char_boundary(text: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < text.len() && !text.is_char_boundary(j) {
        j += 1;
    }
    j.min(text.len())
}

/// Lowercase an ASCII word into `buf`; `None` when too long or not ASCII.
#[inline]
pub fn lower<'a>(w: &[u8], buf: &'a mut [u8; 16]) -> Option<&'a [u8]> {
    if w.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(w) {
        if *s >= 0x80 {
            return None;
        }
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..w.len()])
}

/// Classify one word (letters only). Case-insensitive; capitalisation checks
/// (e.g. "May" the month vs "may" the verb) are the matcher's job.
pub fn classify(w: &[u8]) -> Lex {
    let mut buf = [0u8; 16];
    let Some(l) = lower(w, &mut buf) else {
        return Lex::None;
    };
    use Kw::*;
    use Lex as L;
    use Unit as U;
    match l {
        b"january" | b"jan" => L::Month(1, l.len() == 3),
        b"february" | b"feb" => L::Month(2, l.len() == 3),
        b"march" | b"mar" => L::Month(3, l.len() == 3),
        b"april" | b"apr" => L::Month(4, l.len() == 3),
        b"may" => L::Month(5, false),
        b"june" | b"jun" => L::Month(6, l.len() == 3),
        b"july" | b"jul" => L::Month(7, l.len() == 3),
        b"august" | b"aug" => L::Month(8, l.len() == 3),
        b"september" | b"sept" | b"sep" => L::Month(9, l.len() < 9),
        b"october" | b"oct" => L::Month(10, l.len() == 3),
        b"november" | b"nov" => L::Month(11, l.len() == 3),
        b"december" | b"dec" => L::Month(12, l.len() == 3),
        b"monday" | b"mon" => L::Wd(1, false),
        b"tuesday" | b"tues" | b"tue" => L::Wd(2, false),
        b"wednesday" | b"wed" => L::Wd(3, false),
        b"thursday" | b"thurs" | b"thu" => L::Wd(4, false),
        b"friday" | b"fri" => L::Wd(5, false),
        b"saturday" | b"sat" => L::Wd(6, false),
        b"sunday" | b"sun" => L::Wd(7, false),
        b"mondays" => L::Wd(1, true),
        b"tuesdays" => L::Wd(2, true),
        b"wednesdays" => L::Wd(3, true),
        b"thursdays" => L::Wd(4, true),
        b"fridays" => L::Wd(5, true),
        b"saturdays" => L::Wd(6, true),
        b"sundays" => L::Wd(7, true),
        b"second" => L::Ord(2), // the matcher also reads it as a unit where a number precedes
        b"seconds" => L::Unit(U::Second, true),
        b"minute" | b"min" => L::Unit(U::Minute, false),
        b"minutes" | b"mins" => L::Unit(U::Minute, true),
        b"hour" | b"hr" => L::Unit(U::Hour, false),
        b"hours" | b"hrs" => L::Unit(U::Hour, true),
        b"day" => L::Unit(U::Day, false),
        b"days" => L::Unit(U::Day, true),
        b"week" | b"wk" => L::Unit(U::Week, false),
        b"weeks" | b"wks" => L::Unit(U::Week, true),
        b"month" | b"mth" => L::Unit(U::Month, false),
        b"months" | b"mths" => L::Unit(U::Month, true),
        b"quarter" | b"qtr" => L::Unit(U::Quarter, false),
        b"quarters" | b"qtrs" => L::Unit(U::Quarter, true),
        b"year" | b"yr" => L::Unit(U::Year, false),
        b"years" | b"yrs" => L::Unit(U::Year, true),
        b"decade" => L::Unit(U::Decade, false),
        b"decades" => L::Unit(U::Decade, true),
        b"century" => L::Unit(U::Century, false),
        b"centuries" => L::Unit(U::Century, true),
        b"one" => L::NumW(1),
        b"two" => L::NumW(2),
        b"three" => L::NumW(3),
        b"four" => L::NumW(4),
        b"five" => L::NumW(5),
        b"six" => L::NumW(6),
        b"seven" => L::NumW(7),
        b"eight" => L::NumW(8),
        b"nine" => L::NumW(9),
        b"ten" => L::NumW(10),
        b"eleven" => L::NumW(11),
        b"twelve" => L::NumW(12),
        b"thirteen" => L::NumW(13),
        b"fourteen" => L::NumW(14),
        b"fifteen" => L::NumW(15),
        b"sixteen" => L::NumW(16),
        b"seventeen" => L::NumW(17),
        b"eighteen" => L::NumW(18),
        b"nineteen" => L::NumW(19),
        b"twenty" => L::NumW(20),
        b"thirty" => L::NumW(30),
        b"forty" => L::NumW(40),
        b"fifty" => L::NumW(50),
        b"sixty" => L::NumW(60),
        b"seventy" => L::NumW(70),
        b"eighty" => L::NumW(80),
        b"ninety" => L::NumW(90),
        b"hundred" => L::NumW(100),
        b"dozen" => L::NumW(12),
        b"first" => L::Ord(1),
        b"third" => L::Ord(3),
        b"fourth" => L::Ord(4),
        b"fifth" => L::Ord(5),
        b"sixth" => L::Ord(6),
        b"seventh" => L::Ord(7),
        b"eighth" => L::Ord(8),
        b"ninth" => L::Ord(9),
        b"tenth" => L::Ord(10),
        b"spring" => L::Season(1),
        b"summer" => L::Season(2),
        b"fall" | b"autumn" => L::Season(3),
        b"winter" => L::Season(4),
        b"morning" | b"mornings" => L::Part(Part::Morning),
        b"afternoon" | b"afternoons" => L::Part(Part::Afternoon),
        b"evening" | b"evenings" => L::Part(Part::Evening),
        b"night" | b"nights" => L::Part(Part::Night),
        b"today" => L::Kw(Today),
        b"yesterday" => L::Kw(Yesterday),
        b"tomorrow" => L::Kw(Tomorrow),
        b"tonight" => L::Kw(Tonight),
        b"now" => L::Kw(Now),
        b"currently" => L::Kw(Currently),
        b"current" => L::Kw(Current),
        b"recently" => L::Kw(Recently),
        b"recent" => L::Kw(Recent),
        b"past" => L::Kw(Past),
        b"future" => L::Kw(Future),
        b"last" => L::Kw(Last),
        b"next" => L::Kw(Next),
        b"this" => L::Kw(This),
        b"that" => L::Kw(That),
        b"the" => L::Kw(The),
        b"a" | b"an" => L::Kw(A),
        b"ago" => L::Kw(Ago),
        b"earlier" => L::Kw(Earlier),
        b"later" => L::Kw(Later),
        b"early" => L::Kw(Early),
        b"late" => L::Kw(Late),
        b"mid" => L::Kw(Mid),
        b"every" => L::Kw(Every),
        b"each" => L::Kw(Each),
        b"per" => L::Kw(Per),
        b"daily" => L::Kw(Daily),
        b"weekly" => L::Kw(Weekly),
        b"monthly" => L::Kw(Monthly),
        b"annually" | b"yearly" => L::Kw(Annually),
        b"hourly" => L::Kw(Hourly),
        b"quarterly" => L::Kw(Quarterly),
        b"noon" | b"midday" => L::Kw(Noon),
        b"midnight" => L::Kw(Midnight),
        b"more" => L::Kw(More),
        b"less" | b"fewer" => L::Kw(Less),
        b"than" => L::Kw(Than),
        b"nearly" => L::Kw(Nearly),
        b"almost" => L::Kw(Almost),
        b"about" => L::Kw(About),
        b"around" => L::Kw(Around),
        b"approximately" | b"roughly" | b"some" => L::Kw(Approximately),
        b"over" => L::Kw(Over),
        b"least" => L::Kw(Least),
        b"at" => L::Kw(At),
        b"up" => L::Kw(Up),
        b"to" => L::Kw(To),
        b"within" => L::Kw(Within),
        b"fiscal" => L::Kw(Fiscal),
        b"few" => L::Kw(Few),
        b"several" => L::Kw(Several),
        b"couple" => L::Kw(Couple),
        b"many" => L::Kw(Many),
        b"of" => L::Kw(Of),
        b"half" => L::Kw(Half),
        b"soon" => L::Kw(Soon),
        b"previously" => L::Kw(Previously),
        b"formerly" => L::Kw(Formerly),
        b"coming" | b"upcoming" => L::Kw(Coming),
        b"previous" | b"prior" | b"preceding" => L::Kw(Previous),
        b"latest" => L::Kw(Latest),
        b"weekend" | b"weekends" => L::Kw(Weekend),
        b"same" => L::Kw(Same),
        b"period" => L::Kw(Period),
        b"end" => L::Kw(End),
        b"beginning" => L::Kw(Beginning),
        b"start" => L::Kw(Start),
        b"middle" => L::Kw(Middle),
        b"another" => L::Kw(Another),
        b"additional" | b"further" => L::Kw(Additional),
        b"or" => L::Kw(Or),
        b"no" => L::Kw(No),
        b"lately" => L::Kw(Lately),
        b"presently" => L::Kw(Presently),
        b"nowadays" => L::Kw(Nowadays),
        b"then" => L::Kw(Then),
        b"thanksgiving" => L::Kw(Thanksgiving),
        b"christmas" => L::Kw(Christmas),
        b"am" => L::Kw(Am),
        b"pm" => L::Kw(Pm),
        b"est" | b"edt" | b"cst" | b"cdt" | b"mst" | b"mdt" | b"pst" | b"pdt" | b"gmt" | b"utc"
        | b"bst" => L::Kw(Zone),
        b"old" => L::Kw(Old),
        b"long" => L::Kw(Long),
        b"term" => L::Kw(Term),
        b"near" => L::Kw(Near),
        b"short" => L::Kw(Short),
        b"moment" => L::Kw(Moment),
        _ => L::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_spans_and_classes() {
        let t = tokenize("On Jan. 21st, 2022 at 3:30 p.m. — ‘fake’");
        let words: Vec<&str> = t
            .iter()
            .map(|k| &"On Jan. 21st, 2022 at 3:30 p.m. — ‘fake’"[k.start..k.end])
            .collect();
        assert_eq!(
            words,
            [
                "On", "Jan", ".", "21st", ",", "2022", "at", "3", ":", "30", "p", ".", "m", ".",
                "—", "‘", "fake", "’"
            ]
        );
        assert_eq!(t[1].lex, Lex::Month(1, true));
        assert_eq!(t[3].lex, Lex::Ord(21));
        assert_eq!(t[5].num, 2022);
        assert_eq!(t[5].digits, 4);
    }

    #[test]
    fn classify_is_case_insensitive() {
        assert_eq!(classify(b"THURSDAY"), Lex::Wd(4, false));
        assert_eq!(classify(b"Years"), Lex::Unit(Unit::Year, true));
        assert_eq!(classify(b"zebra"), Lex::None);
    }
}
