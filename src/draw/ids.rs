//! Ids as later stages match them against a drawn sample (call logs, returned
//! checklists, survey answers): one function for every input that names a sampled
//! person. The draw's own normalisation ([`normalize_id`]) is kept as it is, since it
//! makes the tickets; matching also ignores what prints as nothing and spaces inside,
//! and tells an id that a spreadsheet damaged (leading zeros dropped, an ID number
//! turned into scientific notation) from one that is not in the sample.

use std::collections::HashMap;

use super::ticket::normalize_id;
use crate::error::{Error, Location};
use crate::i18n::msg;
use crate::io::text::is_invisible;
use crate::privacy::quote_id_cell;

/// The form in which ids are matched: [`normalize_id`] of the cell without invisible
/// characters (zero-width spaces, direction marks, the byte-order mark) and spaces of
/// any width anywhere.
pub fn id_key(raw: &str) -> String {
    let kept: String = raw
        .chars()
        .filter(|&c| !is_invisible(c) && !c.is_whitespace() && c != '\u{3000}')
        .collect();
    normalize_id(&kept)
}

/// What an id cell names among a sample's ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdMatch {
    /// The sampled id (as the sample holds it).
    Found(String),
    /// No sampled id: the cell's id, normalised as the draw normalises ids.
    Missing(String),
    /// A sampled id with its leading zeros dropped (a spreadsheet's doing).
    LostZeros,
    /// A long number in scientific notation (an ID number a spreadsheet made a number).
    AsNumber,
}

/// A sample's ids, for matching the ids of other files against them.
#[derive(Debug, Default)]
pub struct SampleIds {
    exact: HashMap<String, ()>,
    /// [`id_key`] in capitals → the sampled id; `None` when two sampled ids share the
    /// key (a log typing `qs0000992` names `QS0000992`, as the score reads it).
    by_key: HashMap<String, Option<String>>,
    /// Sampled ids of digits with leading zeros, by their digits without them.
    unpadded: HashMap<String, ()>,
}

impl SampleIds {
    /// The index of the sampled ids `ids` (each as the sample holds it).
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> SampleIds {
        let mut index = SampleIds::default();
        for id in ids {
            index.exact.insert(id.to_string(), ());
            let key = id_key(id).to_uppercase();
            if let Some(stripped) = zeros_stripped(&key) {
                index.unpadded.insert(stripped.to_string(), ());
            }
            index
                .by_key
                .entry(key)
                .and_modify(|e| {
                    if e.as_deref() != Some(id) {
                        *e = None;
                    }
                })
                .or_insert_with(|| Some(id.to_string()));
        }
        index
    }

    /// What the id cell `raw` names: the sampled id itself, the one it equals once
    /// invisible characters, spaces and widths are ignored (when only one does), or why
    /// it names none.
    pub fn find(&self, raw: &str) -> IdMatch {
        let id = normalize_id(raw);
        if self.exact.contains_key(&id) {
            return IdMatch::Found(id);
        }
        let key = id_key(raw);
        if let Some(Some(sampled)) = self.by_key.get(&key.to_uppercase()) {
            return IdMatch::Found(sampled.clone());
        }
        if is_scientific(&key) {
            return IdMatch::AsNumber;
        }
        match whole_digits(&key) {
            Some(d) if self.unpadded.contains_key(d.trim_start_matches('0')) => IdMatch::LostZeros,
            _ => IdMatch::Missing(id),
        }
    }

    /// [`SampleIds::find`] for the cell `raw` at `at`: the id to look up in the sample
    /// (the sampled one, or the cell's own when the sample has none), or the refusal of
    /// an id a spreadsheet damaged, naming the cell.
    pub fn resolve(&self, raw: &str, at: impl FnOnce() -> Location) -> Result<String, Error> {
        match self.find(raw) {
            IdMatch::Found(id) | IdMatch::Missing(id) => Ok(id),
            damaged => Err(refusal(&damaged, raw, at())),
        }
    }
}

/// Why the cell `raw`, which should hold a value that `recorded` recognises and does
/// not, differs, when a spreadsheet made it so: an ID number in scientific notation, or
/// leading zeros dropped (the cell with zeros put back is recorded).
pub fn damage(raw: &str, recorded: impl Fn(&str) -> bool) -> Option<IdMatch> {
    let key = id_key(raw);
    if is_scientific(&key) {
        return Some(IdMatch::AsNumber);
    }
    let digits = whole_digits(&key)?;
    let padded = (1..=MAX_ZEROS).any(|z| recorded(&format!("{}{digits}", "0".repeat(z))));
    padded.then_some(IdMatch::LostZeros)
}

/// The most leading zeros [`damage`] puts back.
const MAX_ZEROS: usize = 20;

/// The refusal of the cell `raw` at `at`, damaged as `damage` says (a `Found` or
/// `Missing` id is no damage and never refused this way).
pub fn refusal(damage: &IdMatch, raw: &str, at: Location) -> Error {
    let value = quote_id_cell(raw.trim());
    let message = match damage {
        IdMatch::AsNumber => msg!("names-id-as-number", value),
        _ => msg!("names-id-lost-zeros", value),
    };
    Error::input(at, message)
}

/// The digits of a whole number as a spreadsheet writes it ("23", "23.0"), if `key`
/// is one.
fn whole_digits(key: &str) -> Option<&str> {
    let whole = key.strip_suffix(".0").unwrap_or(key);
    let digits = !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit());
    digits.then_some(whole)
}

/// The digits of `key` without its leading zeros, when `key` is all digits and starts
/// with a zero (what a spreadsheet would turn into a shorter number).
fn zeros_stripped(key: &str) -> Option<&str> {
    let digits = key.len() > 1 && key.bytes().all(|b| b.is_ascii_digit());
    (digits && key.starts_with('0')).then(|| key.trim_start_matches('0'))
}

/// True for a number in scientific notation (`1.10105E+17`), as a spreadsheet shows a
/// long number it stores as a number.
fn is_scientific(key: &str) -> bool {
    let Some((mantissa, exponent)) = key.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && all_digits(frac) && all_digits(exponent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_what_does_not_print_spaces_and_widths() {
        for raw in [
            "0001\u{200b}",
            "\u{feff}0001",
            "\u{202a}0001\u{202c}",
            "\u{2066}0001\u{2069}",
            "\u{a0}0001\u{a0}",
            "\u{3000}０００１",
            "00\u{200d}01",
            "00 01",
        ] {
            assert_eq!(id_key(raw), "0001", "{raw:?}");
        }
        assert_eq!(id_key("11010519491231002x\u{200e}"), "11010519491231002X");
    }

    #[test]
    fn ids_found_exactly_by_key_or_refused_as_damaged() {
        let ids = SampleIds::new(["0001", "0023", "A7", "110105194912310021"]);
        assert_eq!(ids.find("0001"), IdMatch::Found("0001".into()));
        assert_eq!(ids.find("０００１\u{200b}"), IdMatch::Found("0001".into()));
        assert_eq!(ids.find("Ａ7"), IdMatch::Found("A7".into()));
        assert_eq!(ids.find("1"), IdMatch::LostZeros);
        assert_eq!(ids.find("23"), IdMatch::LostZeros);
        assert_eq!(ids.find("23.0"), IdMatch::LostZeros);
        assert_eq!(ids.find("1.10105E+17"), IdMatch::AsNumber);
        assert_eq!(ids.find("1.10105e17"), IdMatch::AsNumber);
        assert_eq!(ids.find("0002"), IdMatch::Missing("0002".into()));
        assert_eq!(ids.find("2"), IdMatch::Missing("2".into()));
        assert_eq!(ids.find("A 8"), IdMatch::Missing("A 8".into()));
    }

    #[test]
    fn damage_found_by_putting_zeros_back() {
        let recorded = |v: &str| v == "000123";
        assert_eq!(damage("123", recorded), Some(IdMatch::LostZeros));
        assert_eq!(damage("123.0", recorded), Some(IdMatch::LostZeros));
        assert_eq!(damage("124", recorded), None);
        assert_eq!(damage("000123", |_| false), None);
        assert_eq!(damage("9.95069E+17", |_| false), Some(IdMatch::AsNumber));
        assert_eq!(damage("张三", |_| true), None);
    }

    #[test]
    fn two_sampled_ids_of_one_key_match_only_exactly() {
        let ids = SampleIds::new(["A 1", "A1", "B2", "B2"]);
        assert_eq!(ids.find("B\u{200b}2"), IdMatch::Found("B2".into()));
        assert_eq!(ids.find("A 1"), IdMatch::Found("A 1".into()));
        assert_eq!(ids.find("A1"), IdMatch::Found("A1".into()));
        assert_eq!(
            ids.find("A\u{200b}1"),
            IdMatch::Missing("A\u{200b}1".into())
        );
    }

    #[test]
    fn an_id_typed_in_small_letters_names_the_sampled_one() {
        let ids = SampleIds::new(["QS0000992", "QS0000993"]);
        assert_eq!(ids.find("qs0000992"), IdMatch::Found("QS0000992".into()));
        assert_eq!(ids.find("Qs0000993 "), IdMatch::Found("QS0000993".into()));
        // two sampled ids apart only by case: only the exact one matches
        let ids = SampleIds::new(["ab1", "AB1"]);
        assert_eq!(ids.find("ab1"), IdMatch::Found("ab1".into()));
        assert_eq!(ids.find("Ab1"), IdMatch::Missing("Ab1".into()));
    }
}
