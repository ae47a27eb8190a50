//! Unit names as pingyi compares them: one key per unit ([`unit_key`]), and a file
//! that spells one unit two ways (which would print as one name and count as two) is
//! refused, naming both rows.

use std::collections::HashMap;

use super::text::{clean, show_invisible, unit_key};
use crate::error::{Error, Location};

/// The spellings of unit names met so far in one file, by key.
#[derive(Debug, Default)]
pub struct UnitNames {
    seen: HashMap<String, (String, Location)>,
}

impl UnitNames {
    /// The key of the unit written `raw` at `at`. An error when an earlier row of the
    /// file writes the same unit differently (beyond surrounding spaces and character
    /// width, which pingyi has always ignored).
    pub fn key(&mut self, raw: &str, at: &Location) -> Result<String, Error> {
        let key = unit_key(raw);
        let spelled = clean(raw);
        match self.seen.get(&key) {
            Some((first, first_at)) if *first != spelled => {
                return Err(spelled_differently(&spelled, at.clone(), first, first_at));
            }
            Some(_) => {}
            None => {
                self.seen.insert(key.clone(), (spelled, at.clone()));
            }
        }
        Ok(key)
    }
}

/// The error for a unit written `second` at `at` and `first` at `first_at`, two
/// spellings with the same [`unit_key`].
pub fn spelled_differently(second: &str, at: Location, first: &str, first_at: &Location) -> Error {
    let there = match (first_at.row, first_at.file == at.file) {
        (Some(row), true) => crate::i18n::msg!("loc-row", row = row),
        _ => first_at.message(),
    };
    Error::input(
        at,
        crate::i18n::msg!(
            "names-spelled-differently",
            unit = unit_key(second),
            second = show_invisible(second),
            there => there,
            first = show_invisible(first),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_spelled_two_ways_is_refused_naming_both_rows() {
        let file = Location::file("t.csv");
        let mut names = UnitNames::default();
        assert_eq!(names.key("城关镇", &file.at_row(2)).unwrap(), "城关镇");
        assert_eq!(names.key(" 城关镇　", &file.at_row(3)).unwrap(), "城关镇");
        assert_eq!(names.key("青石镇", &file.at_row(4)).unwrap(), "青石镇");
        let err = names
            .key("城关镇\u{200b}", &file.at_row(5))
            .unwrap_err()
            .to_string();
        assert!(err.contains("row 5"), "{err}");
        assert!(err.contains("row 2"), "{err}");
        assert!(err.contains("<U+200B>"), "{err}");
        assert_eq!(err.matches("t.csv").count(), 1, "{err}");
    }
}
