//! Small maps and sets keyed by strings: sorted `Vec`s with binary search.
//!
//! A Dockerfile has a handful of ARGs, ENVs, stages and labels, and a `BTreeMap`
//! per key/value type cost the playground's wasm more code than everything these
//! collections do. Both iterate in key order, as `BTreeMap`/`BTreeSet` did, so output
//! that follows that order is unchanged. Inserting is a binary search and a
//! `Vec::insert` (a `memmove`), quick at the sizes a Dockerfile has. Names arriving in
//! reverse order make the moves quadratic: with 30,000 distinct ARG/ENV names that is
//! about half a second natively, beside passes that are already quadratic there.

use std::fmt;

/// A map from `String` to `V`, iterated in key order.
#[derive(Clone, PartialEq, Eq)]
pub struct StrMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for StrMap<V> {
    fn default() -> Self {
        StrMap {
            entries: Vec::new(),
        }
    }
}

impl<V: fmt::Debug> fmt::Debug for StrMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V> StrMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key).ok()?;
        self.entries.get(i).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let i = self.find(key).ok()?;
        self.entries.get_mut(i).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => self
                .entries
                .get_mut(i)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl<'a, V> IntoIterator for &'a StrMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<V> FromIterator<(String, V)> for StrMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut map = StrMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// A set of strings, iterated in order.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct StrSet {
    items: Vec<String>,
}

impl fmt::Debug for StrSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.items.iter()).finish()
    }
}

impl StrSet {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.items.binary_search_by(|k| k.as_str().cmp(key))
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Adds `key`; `false` when it was already there.
    pub fn insert(&mut self, key: String) -> bool {
        match self.find(&key) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, key);
                true
            }
        }
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.items.iter()
    }
}

impl FromIterator<String> for StrSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = StrSet::new();
        for item in iter {
            set.insert(item);
        }
        set
    }
}

impl<'a> IntoIterator for &'a StrSet {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// The key of [`sort_stable`]: two positions (a range's start and end) and a tie-breaker.
pub(crate) type SortKey = (usize, usize, u128);

/// A stable sort by `key` that shares one sort instantiation among all its callers:
/// each monomorphized `sort_by_key` added a copy of the standard library's stable sort
/// to the playground's wasm. It sorts (key, index) pairs, which are distinct, so an
/// unstable sort keeps equal keys in their original order. Already sorted input (the
/// common case) costs one pass and no move.
pub(crate) fn sort_stable<T>(items: &mut Vec<T>, key: impl Fn(&T) -> SortKey) {
    if items.len() < 2 {
        return;
    }
    let mut keyed: Vec<(SortKey, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item), i))
        .collect();
    if !sort_keyed(&mut keyed) {
        return;
    }
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        keyed
            .iter()
            .filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take)),
    );
}

/// The one sort instantiation behind [`sort_stable`]; `false` when `keyed` was sorted.
fn sort_keyed(keyed: &mut [(SortKey, usize)]) -> bool {
    if keyed.is_sorted() {
        return false;
    }
    keyed.sort_unstable();
    true
}

/// A code's first 16 bytes as a number that orders as the string does (codes have no
/// NUL bytes); the rule list's test checks that no two codes share those 16 bytes.
pub(crate) fn code_key(code: &str) -> u128 {
    let mut bytes = [0u8; 16];
    for (slot, b) in bytes.iter_mut().zip(code.bytes()) {
        *slot = b;
    }
    u128::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn behaves_as_btree_collections() {
        let keys = ["b", "a", "c", "a", "", "bb", "b", "é", "A"];
        let mut ours = StrMap::new();
        let mut theirs = BTreeMap::new();
        let mut set = StrSet::new();
        let mut btree_set = BTreeSet::new();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(
                ours.insert(k.to_string(), i),
                theirs.insert(k.to_string(), i)
            );
            assert_eq!(set.insert(k.to_string()), btree_set.insert(k.to_string()));
        }
        assert!(ours.iter().eq(theirs.iter()));
        assert!(set.iter().eq(btree_set.iter()));
        for k in ["a", "z", "", "bb", "c"] {
            assert_eq!(ours.get(k), theirs.get(k));
            assert_eq!(set.contains(k), btree_set.contains(k));
        }
        assert_eq!(ours.remove("b"), theirs.remove("b"));
        ours.retain(|k, _| k != "c");
        theirs.retain(|k, _| k != "c");
        assert!(ours.iter().eq(theirs.iter()));
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        let collected: StrSet = keys.iter().map(|k| k.to_string()).collect();
        let btree_collected: BTreeSet<String> = keys.iter().map(|k| k.to_string()).collect();
        assert!(collected.iter().eq(btree_collected.iter()));
        assert_eq!(format!("{collected:?}"), format!("{btree_collected:?}"));
    }

    #[test]
    fn sort_stable_matches_sort_by_key() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in 0..200 {
            let items: Vec<(usize, usize, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (((seed >> 33) % 7) as usize, ((seed >> 40) % 3) as usize, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_stable(&mut ours, |t| (t.0, t.1, 0));
            let mut theirs = items;
            theirs.sort_by_key(|t| (t.0, t.1));
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn code_keys_order_as_codes() {
        let codes: Vec<&str> = crate::rules::rules().iter().map(|m| m.code).collect();
        for a in &codes {
            for b in &codes {
                assert_eq!(code_key(a).cmp(&code_key(b)), a.cmp(b), "{a} {b}");
            }
        }
    }
}
