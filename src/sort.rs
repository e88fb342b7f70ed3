//! Sorting, with one body of sort code in the wasm cores.
//!
//! The standard library's sorts are generic over the element and the
//! comparison: every `sort_by` call site with its own closure compiles a
//! whole sort (quicksort, partitions, small sorts, heapsort fallback, about
//! 2.7 KB of wasm each), and those copies were the largest single part of
//! both cores (81 KB of the reader's code, 201 KB of the full core's). In
//! wasm every sort here sorts a permutation of indices instead, with the
//! comparison behind a `dyn` call: one copy of the standard unstable sort
//! over `usize`, shared by every call site, plus a small generic step that
//! moves the elements into place. Natively, where size does not matter, the
//! standard sorts run directly.
//!
//! Both give the same order: [`sort_by`] is stable everywhere (the index
//! breaks ties, natively the standard stable sort), so the page and the CLI
//! list equal keys alike; [`sort`] and [`sort_unstable_by`] are for orders
//! under which equal elements are indistinguishable (a derived `Ord` over
//! plain fields, a comparison ending on a unique key), where stability
//! cannot show, and run the standard unstable sorts natively.

use std::cmp::Ordering;

/// Sort `v` by `cmp`, stably (elements that compare equal keep their order).
pub fn sort_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    by_permutation(v, cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
}

/// Sort `v` by the key `key` gives each element, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` by `cmp`, a total order: elements that compare equal are alike,
/// so stability cannot show (natively the standard unstable sort, which
/// sorts in place: where a sort is on a search's path, as its matches by
/// document, the stable sort's buffer cost time). With ties that can be told
/// apart the order among them is not defined (wasm keeps them in order).
pub fn sort_unstable_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    by_permutation(v, cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by(cmp);
}

/// [`sort_unstable_by`] by the key `key` gives each element.
pub fn sort_unstable_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_unstable_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` in ascending order. For types whose equal values cannot be told
/// apart (natively this is the standard unstable sort).
pub fn sort<T: Ord>(v: &mut [T]) {
    #[cfg(target_arch = "wasm32")]
    by_permutation(v, T::cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable();
}

/// The wasm sort, public so that native tests hold it to the standard one:
/// sort the positions `0..v.len()` by `cmp` of their elements, ties by
/// position (so stably), then move every element to its place by following
/// the permutation's cycles with swaps (no `Clone`, no second buffer of `T`).
pub fn by_permutation<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        // Positions come from `0..v.len()`: `get` never misses, and a miss
        // would only compare as equal.
        let mut by = |a: usize, b: usize| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        };
        sort_positions(&mut order, &mut by);
    }
    // `order[i]` is the position whose element belongs at `i`. Each cycle
    // i -> order[i] -> … -> i is rotated into place by swaps along it; a
    // placed position is marked by `order[j] = j`.
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// The one monomorphic sort: positions by `cmp`, ties by position.
#[inline(never)]
fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The wasm sort equals the standard stable sort, keys with many
        /// ties (each element carries its original position, so an unstable
        /// result would show).
        #[test]
        fn by_permutation_is_the_stable_sort(keys in proptest::collection::vec(0u8..6, 0..300)) {
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = items.clone();
            super::by_permutation(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }

        /// The public sorts agree with the standard ones on every target.
        #[test]
        fn sorts_agree_with_std(v in proptest::collection::vec(any::<i16>(), 0..200)) {
            let mut a = v.clone();
            super::sort(&mut a);
            let mut b = v.clone();
            super::sort_by_key(&mut b, |x| std::cmp::Reverse(*x));
            let mut c = v.clone();
            super::sort_by(&mut c, |x, y| (x % 7).cmp(&(y % 7)));
            let mut d = v.clone();
            super::sort_unstable_by_key(&mut d, |x| std::cmp::Reverse(*x));
            let mut want = v.clone();
            want.sort_unstable();
            prop_assert_eq!(&a, &want);
            want.reverse();
            prop_assert_eq!(&b, &want);
            prop_assert_eq!(&d, &want);
            let mut stable = v;
            stable.sort_by_key(|x| x % 7);
            prop_assert_eq!(c, stable);
        }
    }

    #[test]
    fn moves_elements_without_clone() {
        let mut v: Vec<String> = ["c", "a", "b", "a"].iter().map(|s| s.to_string()).collect();
        super::by_permutation(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
