//! Where spellings of one word meet: a key that folds case, diacritics and
//! transliteration habits, so that "Zelensky", "Zelenskyy" and "Zelenskiy",
//! or "Sergei Ławrow" and "Sergey Lavrov", give the same key. Entity
//! resolution merges names by it (`crate::entities::variants`) and search
//! also looks a name up under its other spellings (`crate::query`). Only
//! letters and spelling habits are listed here, never names.

use super::tokenizer::fold_into;

/// A word's spelling key: folded, then letters that do not decompose
/// mapped to their base ("ł" → "l"), then transliteration habits evened
/// out: w/v, y/j/i, ks/x, ck/k, ie/e, and doubled letters as one; anything
/// but letters and digits dropped ("Jong-un" → "jongun"). So
/// "Zelenskyy", "Zelenskiy" and "Zelensky" → "zelenski"; "Ławrow" and
/// "Lavrov" → "lavrov"; "Sergei", "Sergey" and "Sergej" → "sergei".
pub fn spelling_key(word: &str) -> String {
    let mut folded = String::new();
    fold_into(word, &mut folded);
    let mut base = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            'ł' => base.push('l'),
            'đ' | 'ð' => base.push('d'),
            'ø' => base.push('o'),
            'ı' => base.push('i'),
            'ß' => base.push_str("ss"),
            'æ' => base.push_str("ae"),
            'œ' => base.push_str("oe"),
            'þ' => base.push_str("th"),
            'w' => base.push('v'),
            'y' | 'j' => base.push('i'),
            c if c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphabetic()) => base.push(c),
            _ => {}
        }
    }
    // One pass (no substring search: it would weigh on the wasm core):
    // ks → x, ck → k, ie → e, then a letter repeated counts once.
    let mut out = String::with_capacity(base.len());
    let mut chars = base.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match (c, chars.peek()) {
            ('k', Some('s')) => 'x',
            ('c', Some('k')) => 'k',
            ('i', Some('e')) => 'e',
            _ => {
                if !out.ends_with(c) {
                    out.push(c);
                }
                continue;
            }
        };
        chars.next();
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}
