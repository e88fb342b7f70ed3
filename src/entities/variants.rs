//! Where spellings of one name meet: keys that fold case, diacritics,
//! possessives and transliteration habits, so that "Zelensky", "Zelenskyy",
//! "Zelenskiy" and "ZELENSKY", or "Sergei Ławrow" and "Sergey Lavrov", give
//! the same key; and a test for names one edit apart. Only letters and
//! spelling habits are listed here, never names: which names merge is up
//! to the collection's evidence ([`super::resolve::merge`]).

use super::hash::hash_lower;
use super::lexicon::{class, classes, TITLES};
use crate::text::tokenizer::fold_into;

/// One home for spelling keys: the text layer, which search asks too.
pub use crate::text::spelling::spelling_key;

/// The folded form of a name, for case variants ("NATO", "Nato"; "PUTIN",
/// "Putin"): each word case- and diacritic-folded, its possessive dropped,
/// joined by single spaces.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut w = String::new();
    for word in name.split_whitespace() {
        fold_into(word, &mut w);
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

/// A spelling key without its vowels: the bucket in which spellings one
/// vowel apart meet ("kiev" and "kiv" both give "kv").
pub fn consonants(key: &str) -> String {
    key.chars().filter(|c| !"aeiou".contains(*c)).collect()
}

/// Whether two spelling keys are equal or one vowel apart (one inserted,
/// deleted, or changed into another): "kiev"/"kiv" (Kiev, Kyiv),
/// "kharkov"/"kharkiv"; not "baris"/"paris".
pub fn one_vowel_apart(a: &str, b: &str) -> bool {
    let vowel = |c: Option<char>| c.is_some_and(|c| "aeiou".contains(c));
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if head == long.len() {
        return true;
    }
    if short.len() == long.len() {
        vowel(short.get(head).copied())
            && vowel(long.get(head).copied())
            && short[head + 1..] == long[head + 1..]
    } else {
        vowel(long.get(head).copied()) && short[head..] == long[head + 1..]
    }
}

/// Whether a word opens a name without being part of it: a title or role
/// ("President", "Mr", "Foreign"), or a word that is never a name
/// ("Meanwhile"), from the lexicon's generic lists.
pub fn is_title_word(word: &str) -> bool {
    TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
        || classes(hash_lower(word)) & (class::ROLE | class::MODIFIER | class::NOT_NAME) != 0
}

/// A person's name as keys: the spelling keys of its first and last words
/// once leading titles are dropped ("President Vladimir V. Putin" →
/// ("vladimir", "putin")); one word gives (None, key). None when nothing
/// but titles is left.
pub fn person_keys(name: &str) -> Option<(Option<String>, String)> {
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| is_title_word(w))
        .collect();
    let last = spelling_key(words.last()?);
    if last.is_empty() {
        return None;
    }
    if words.len() == 1 {
        return Some((None, last));
    }
    let first = spelling_key(words[0]);
    Some((Some(first).filter(|f| !f.is_empty()), last))
}

/// Whether `a` and `b` are at most one edit apart (insert, delete or
/// substitute one char).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    // Keys are nearly always ASCII: compare bytes, without allocating.
    if a.is_ascii() && b.is_ascii() {
        return one_edit(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    one_edit(&a, &b)
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        head == short.len() || short[head + 1..] == long[head + 1..]
    } else {
        short[head..] == long[head + 1..]
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_key() {
        for (a, b) in [
            ("Zelensky", "Zelenskyy"),
            ("Zelensky", "Zelenskiy"),
            ("ZELENSKY", "Zelensky’s"),
            ("Ławrow", "Lavrov"),
            ("Sergei", "Sergey"),
            ("Sergej", "Sergey"),
            ("Wołodymyr", "Volodymyr"),
            ("Aleksandr", "Alexandr"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
        assert_ne!(spelling_key("Boris"), spelling_key("Lyndon"));
        assert_eq!(fold_name("NATO's"), fold_name("Nato"));
    }

    #[test]
    fn person_keys_skip_titles() {
        let k = |s| person_keys(s);
        assert_eq!(
            k("President Vladimir V. Putin"),
            Some((Some("vladimir".into()), "putin".into()))
        );
        assert_eq!(k("Mr Putin"), Some((None, "putin".into())));
        assert_eq!(k("President"), None);
    }

    #[test]
    fn one_vowel() {
        let k = spelling_key;
        assert!(one_vowel_apart(&k("Kiev"), &k("Kyiv")));
        assert!(one_vowel_apart(&k("Kharkov"), &k("Kharkiv")));
        assert!(one_vowel_apart(&k("Odessa"), &k("Odesa")));
        assert!(!one_vowel_apart(&k("Baris"), &k("Paris")));
        assert!(!one_vowel_apart(&k("Lugansk"), &k("Luhansk")));
        assert_eq!(consonants(&k("Kiev")), consonants(&k("Kyiv")));
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("zelenski", "zelanski"));
        assert!(within_one_edit("alexandr", "alexander"));
        assert!(within_one_edit("abc", "abc"));
        assert!(!within_one_edit("boris", "lyndon"));
        assert!(!within_one_edit("ab", "ba"));
        assert!(within_one_edit("", "a") && !within_one_edit("", "ab"));
    }
}
