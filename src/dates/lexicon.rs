//! Tokenizer and static word tables for the time-expression tagger.
//!
//! The text is scanned once into a flat `Vec<Token>`; every word is classified by
//! an ASCII-case-insensitive lookup in a `match` over a small stack buffer, so
//! no token allocates. Words that are not temporal get `Lex::None` and are never
//! looked at again except as tense cues.

use super::value::{DayPart, Unit};

/// Keywords the grammar cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
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
    Weekday(u8, bool),
    /// Unit and whether it was plural.
    Unit(Unit, bool),
    /// Cardinal number word ("four", "twenty").
    NumberWord(u32),
    /// Ordinal ("first", "third", "21st").
    Ordinal(u32),
    /// Season: 1 spring, 2 summer, 3 fall, 4 winter.
    Season(u8),
    DayPart(DayPart),
    Keyword(Keyword),
}

/// What kind of characters a token holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// ASCII digits only; `num` holds the value (saturating).
    Num,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: byte span, kind, class and, for numbers, the value.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
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
pub fn tokenize(text: &str) -> Vec<Token> {
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
                    (TokenKind::Word, Lex::Ordinal(v as u32), v as u32, nd)
                } else {
                    (TokenKind::Num, Lex::None, v as u32, nd)
                }
            } else {
                (TokenKind::Num, Lex::None, v as u32, nd)
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
                (TokenKind::Punct, Lex::None, 0, 0)
            } else {
                let lex = classify(&b[start..i]);
                let num = if let Lex::NumberWord(n) | Lex::Ordinal(n) = lex {
                    n
                } else {
                    0
                };
                (TokenKind::Word, lex, num, 0)
            }
        } else {
            i = next_char_boundary(text, start);
            (TokenKind::Punct, Lex::None, 0, 0)
        };
        toks.push(Token {
            start,
            end: i,
            kind,
            lex,
            num,
            digits,
            cap: c.is_ascii_uppercase(),
            space_before: space,
            para_before: newlines >= 2,
            ch: if kind == TokenKind::Punct && c < 0x80 {
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
    // One table, in two halves by length: a word is compared with half of
    // it, and one `match` per half keeps this as fast as a single one (three
    // tables by kind, tried in turn, cost 14% more here).
    if l.len() <= 5 {
        short_words(l)
    } else {
        long_words(l)
    }
}

/// The words of up to five letters (`l` lowercase), grouped as in
/// [`long_words`]: months, weekdays, units, number words, ordinals, seasons,
/// parts of the day, keywords.
fn short_words(l: &[u8]) -> Lex {
    use Keyword::*;
    use Lex as L;
    use Unit as U;
    match l {
        b"jan" => L::Month(1, l.len() == 3),
        b"feb" => L::Month(2, l.len() == 3),
        b"march" | b"mar" => L::Month(3, l.len() == 3),
        b"april" | b"apr" => L::Month(4, l.len() == 3),
        b"may" => L::Month(5, false),
        b"june" | b"jun" => L::Month(6, l.len() == 3),
        b"july" | b"jul" => L::Month(7, l.len() == 3),
        b"aug" => L::Month(8, l.len() == 3),
        b"sept" | b"sep" => L::Month(9, l.len() < 9),
        b"oct" => L::Month(10, l.len() == 3),
        b"nov" => L::Month(11, l.len() == 3),
        b"dec" => L::Month(12, l.len() == 3),
        b"mon" => L::Weekday(1, false),
        b"tues" | b"tue" => L::Weekday(2, false),
        b"wed" => L::Weekday(3, false),
        b"thurs" | b"thu" => L::Weekday(4, false),
        b"fri" => L::Weekday(5, false),
        b"sat" => L::Weekday(6, false),
        b"sun" => L::Weekday(7, false),
        b"min" => L::Unit(U::Minute, false),
        b"mins" => L::Unit(U::Minute, true),
        b"hour" | b"hr" => L::Unit(U::Hour, false),
        b"hours" | b"hrs" => L::Unit(U::Hour, true),
        b"day" => L::Unit(U::Day, false),
        b"days" => L::Unit(U::Day, true),
        b"week" | b"wk" => L::Unit(U::Week, false),
        b"weeks" | b"wks" => L::Unit(U::Week, true),
        b"month" | b"mth" => L::Unit(U::Month, false),
        b"mths" => L::Unit(U::Month, true),
        b"qtr" => L::Unit(U::Quarter, false),
        b"qtrs" => L::Unit(U::Quarter, true),
        b"year" | b"yr" => L::Unit(U::Year, false),
        b"years" | b"yrs" => L::Unit(U::Year, true),
        b"one" => L::NumberWord(1),
        b"two" => L::NumberWord(2),
        b"three" => L::NumberWord(3),
        b"four" => L::NumberWord(4),
        b"five" => L::NumberWord(5),
        b"six" => L::NumberWord(6),
        b"seven" => L::NumberWord(7),
        b"eight" => L::NumberWord(8),
        b"nine" => L::NumberWord(9),
        b"ten" => L::NumberWord(10),
        b"forty" => L::NumberWord(40),
        b"fifty" => L::NumberWord(50),
        b"sixty" => L::NumberWord(60),
        b"dozen" => L::NumberWord(12),
        b"first" => L::Ordinal(1),
        b"third" => L::Ordinal(3),
        b"fifth" => L::Ordinal(5),
        b"sixth" => L::Ordinal(6),
        b"ninth" => L::Ordinal(9),
        b"tenth" => L::Ordinal(10),
        b"fall" => L::Season(3),
        b"night" => L::DayPart(DayPart::Night),
        b"today" => L::Keyword(Today),
        b"now" => L::Keyword(Now),
        b"past" => L::Keyword(Past),
        b"last" => L::Keyword(Last),
        b"next" => L::Keyword(Next),
        b"this" => L::Keyword(This),
        b"that" => L::Keyword(That),
        b"the" => L::Keyword(The),
        b"a" | b"an" => L::Keyword(A),
        b"ago" => L::Keyword(Ago),
        b"later" => L::Keyword(Later),
        b"early" => L::Keyword(Early),
        b"late" => L::Keyword(Late),
        b"mid" => L::Keyword(Mid),
        b"every" => L::Keyword(Every),
        b"each" => L::Keyword(Each),
        b"per" => L::Keyword(Per),
        b"daily" => L::Keyword(Daily),
        b"noon" => L::Keyword(Noon),
        b"more" => L::Keyword(More),
        b"less" | b"fewer" => L::Keyword(Less),
        b"than" => L::Keyword(Than),
        b"about" => L::Keyword(About),
        b"some" => L::Keyword(Approximately),
        b"over" => L::Keyword(Over),
        b"least" => L::Keyword(Least),
        b"at" => L::Keyword(At),
        b"up" => L::Keyword(Up),
        b"to" => L::Keyword(To),
        b"few" => L::Keyword(Few),
        b"many" => L::Keyword(Many),
        b"of" => L::Keyword(Of),
        b"half" => L::Keyword(Half),
        b"soon" => L::Keyword(Soon),
        b"prior" => L::Keyword(Previous),
        b"same" => L::Keyword(Same),
        b"end" => L::Keyword(End),
        b"start" => L::Keyword(Start),
        b"or" => L::Keyword(Or),
        b"no" => L::Keyword(No),
        b"then" => L::Keyword(Then),
        b"am" => L::Keyword(Am),
        b"pm" => L::Keyword(Pm),
        b"est" | b"edt" | b"cst" | b"cdt" | b"mst" | b"mdt" | b"pst" | b"pdt" | b"gmt" | b"utc"
        | b"bst" => L::Keyword(Zone),
        b"old" => L::Keyword(Old),
        b"long" => L::Keyword(Long),
        b"term" => L::Keyword(Term),
        b"near" => L::Keyword(Near),
        b"short" => L::Keyword(Short),
        _ => L::None,
    }
}

/// The words of six letters or more (`l` lowercase).
fn long_words(l: &[u8]) -> Lex {
    use Keyword::*;
    use Lex as L;
    use Unit as U;
    match l {
        b"january" => L::Month(1, l.len() == 3),
        b"february" => L::Month(2, l.len() == 3),
        b"august" => L::Month(8, l.len() == 3),
        b"september" => L::Month(9, l.len() < 9),
        b"october" => L::Month(10, l.len() == 3),
        b"november" => L::Month(11, l.len() == 3),
        b"december" => L::Month(12, l.len() == 3),
        b"monday" => L::Weekday(1, false),
        b"tuesday" => L::Weekday(2, false),
        b"wednesday" => L::Weekday(3, false),
        b"thursday" => L::Weekday(4, false),
        b"friday" => L::Weekday(5, false),
        b"saturday" => L::Weekday(6, false),
        b"sunday" => L::Weekday(7, false),
        b"mondays" => L::Weekday(1, true),
        b"tuesdays" => L::Weekday(2, true),
        b"wednesdays" => L::Weekday(3, true),
        b"thursdays" => L::Weekday(4, true),
        b"fridays" => L::Weekday(5, true),
        b"saturdays" => L::Weekday(6, true),
        b"sundays" => L::Weekday(7, true),
        b"second" => L::Ordinal(2), // the matcher also reads it as a unit where a number precedes
        b"seconds" => L::Unit(U::Second, true),
        b"minute" => L::Unit(U::Minute, false),
        b"minutes" => L::Unit(U::Minute, true),
        b"months" => L::Unit(U::Month, true),
        b"quarter" => L::Unit(U::Quarter, false),
        b"quarters" => L::Unit(U::Quarter, true),
        b"decade" => L::Unit(U::Decade, false),
        b"decades" => L::Unit(U::Decade, true),
        b"century" => L::Unit(U::Century, false),
        b"centuries" => L::Unit(U::Century, true),
        b"eleven" => L::NumberWord(11),
        b"twelve" => L::NumberWord(12),
        b"thirteen" => L::NumberWord(13),
        b"fourteen" => L::NumberWord(14),
        b"fifteen" => L::NumberWord(15),
        b"sixteen" => L::NumberWord(16),
        b"seventeen" => L::NumberWord(17),
        b"eighteen" => L::NumberWord(18),
        b"nineteen" => L::NumberWord(19),
        b"twenty" => L::NumberWord(20),
        b"thirty" => L::NumberWord(30),
        b"seventy" => L::NumberWord(70),
        b"eighty" => L::NumberWord(80),
        b"ninety" => L::NumberWord(90),
        b"hundred" => L::NumberWord(100),
        b"fourth" => L::Ordinal(4),
        b"seventh" => L::Ordinal(7),
        b"eighth" => L::Ordinal(8),
        b"spring" => L::Season(1),
        b"summer" => L::Season(2),
        b"autumn" => L::Season(3),
        b"winter" => L::Season(4),
        b"morning" | b"mornings" => L::DayPart(DayPart::Morning),
        b"afternoon" | b"afternoons" => L::DayPart(DayPart::Afternoon),
        b"evening" | b"evenings" => L::DayPart(DayPart::Evening),
        b"nights" => L::DayPart(DayPart::Night),
        b"yesterday" => L::Keyword(Yesterday),
        b"tomorrow" => L::Keyword(Tomorrow),
        b"tonight" => L::Keyword(Tonight),
        b"currently" => L::Keyword(Currently),
        b"current" => L::Keyword(Current),
        b"recently" => L::Keyword(Recently),
        b"recent" => L::Keyword(Recent),
        b"future" => L::Keyword(Future),
        b"earlier" => L::Keyword(Earlier),
        b"weekly" => L::Keyword(Weekly),
        b"monthly" => L::Keyword(Monthly),
        b"annually" | b"yearly" => L::Keyword(Annually),
        b"hourly" => L::Keyword(Hourly),
        b"quarterly" => L::Keyword(Quarterly),
        b"midday" => L::Keyword(Noon),
        b"midnight" => L::Keyword(Midnight),
        b"nearly" => L::Keyword(Nearly),
        b"almost" => L::Keyword(Almost),
        b"around" => L::Keyword(Around),
        b"approximately" | b"roughly" => L::Keyword(Approximately),
        b"within" => L::Keyword(Within),
        b"fiscal" => L::Keyword(Fiscal),
        b"several" => L::Keyword(Several),
        b"couple" => L::Keyword(Couple),
        b"previously" => L::Keyword(Previously),
        b"formerly" => L::Keyword(Formerly),
        b"coming" | b"upcoming" => L::Keyword(Coming),
        b"previous" | b"preceding" => L::Keyword(Previous),
        b"latest" => L::Keyword(Latest),
        b"weekend" | b"weekends" => L::Keyword(Weekend),
        b"period" => L::Keyword(Period),
        b"beginning" => L::Keyword(Beginning),
        b"middle" => L::Keyword(Middle),
        b"another" => L::Keyword(Another),
        b"additional" | b"further" => L::Keyword(Additional),
        b"lately" => L::Keyword(Lately),
        b"presently" => L::Keyword(Presently),
        b"nowadays" => L::Keyword(Nowadays),
        b"thanksgiving" => L::Keyword(Thanksgiving),
        b"christmas" => L::Keyword(Christmas),
        b"moment" => L::Keyword(Moment),
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
        assert_eq!(t[3].lex, Lex::Ordinal(21));
        assert_eq!(t[5].num, 2022);
        assert_eq!(t[5].digits, 4);
    }

    #[test]
    fn both_halves_of_the_word_table() {
        assert_eq!(classify(b"seconds"), Lex::Unit(Unit::Second, true));
        assert_eq!(classify(b"second"), Lex::Ordinal(2));
        assert_eq!(classify(b"Midday"), Lex::Keyword(Keyword::Noon));
        assert_eq!(classify(b"noon"), Lex::Keyword(Keyword::Noon));
        assert_eq!(classify(b"March"), Lex::Month(3, false));
        assert_eq!(classify(b"Nov"), Lex::Month(11, true));
        assert_eq!(classify(b"EST"), Lex::Keyword(Keyword::Zone));
        assert_eq!(classify(b"utc"), Lex::Keyword(Keyword::Zone));
        assert_eq!(classify(b"autumn"), Lex::Season(3));
        assert_eq!(classify(b"fall"), Lex::Season(3));
        assert_eq!(classify(b"some"), Lex::Keyword(Keyword::Approximately));
        assert_eq!(classify(b"a"), Lex::Keyword(Keyword::A));
        assert_eq!(classify(b"zzz"), Lex::None);
    }

    #[test]
    fn classify_is_case_insensitive() {
        assert_eq!(classify(b"THURSDAY"), Lex::Weekday(4, false));
        assert_eq!(classify(b"Years"), Lex::Unit(Unit::Year, true));
        assert_eq!(classify(b"zebra"), Lex::None);
    }
}
