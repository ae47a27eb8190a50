//! The evaluated units a command knows (from the frame, the sample, the count table or
//! the inspection table), and the one check every unit named in responses, call logs,
//! inspection scores, findings and disqualifications goes through: a name that is not
//! one of them stops the command, naming the cell and the closest known unit.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::i18n::msg;
use crate::io::alias::{Field, is_notes_label, is_notes_row, is_total_label};
use crate::io::counts::sub_header_labels;
use crate::io::grid::SourceFormat;
use crate::io::ragged::ragged_row;
use crate::io::stream::{Rows, open_rows};
use crate::io::text::{clean, unit_key};
use crate::privacy::{quote_cell, quote_unit_cell};

/// How many known units a message lists when it cannot suggest one.
const LISTED: usize = 30;

/// The evaluated units, by the key under which names are compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownUnits {
    /// Where the list came from, for messages (a file name).
    source: String,
    /// `unit_key` → the name as the list writes it.
    by_key: BTreeMap<String, String>,
    /// The names in the list's order.
    order: Vec<String>,
}

impl KnownUnits {
    /// The units named in `names` (blank names ignored); the first spelling of a unit
    /// is the one every output uses.
    pub fn new(source: impl Into<String>, names: impl IntoIterator<Item = String>) -> KnownUnits {
        let mut by_key = BTreeMap::new();
        let mut order = Vec::new();
        for name in names {
            let key = unit_key(&name);
            if !key.is_empty() && !by_key.contains_key(&key) {
                by_key.insert(key, name.clone());
                order.push(name);
            }
        }
        KnownUnits {
            source: source.into(),
            by_key,
            order,
        }
    }

    /// Reads the units of any table with a unit column (单位, 乡镇 …): a frame, a sample,
    /// a count table in either form, an inspection table. Totals rows (合计) and the
    /// notes under a table are not units.
    pub fn read(path: &Path) -> Result<KnownUnits> {
        KnownUnits::from_rows(open_rows(path, None)?)
    }

    /// The units of a table being read row by row (see [`KnownUnits::read`]). A CSV
    /// row with fewer fields than its header or a value past it is refused, as in every
    /// table; the notes under a table (注：… on a line of its own) end it.
    pub fn from_rows(mut rows: Rows) -> Result<KnownUnits> {
        let source = rows.origin.file.clone().unwrap_or_default();
        let Some((labels, col)) = header(&mut rows)? else {
            return Err(Error::input(
                Location::file(&source),
                msg!("score-units-no-column"),
            ));
        };
        let known = KnownUnits::new(source.clone(), unit_names(rows, labels, col)?);
        if known.is_empty() {
            return Err(Error::input(
                Location::file(source),
                msg!("score-units-empty"),
            ));
        }
        Ok(known)
    }

    /// The file the list came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The units' names as the list writes them, in the list's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    /// The unit `name` stands for, as the list writes it; `None` when it is not known.
    pub fn find(&self, name: &str) -> Option<&str> {
        self.by_key.get(&unit_key(name)).map(String::as_str)
    }

    /// The known units whose names are closest to `name` (edit distance over
    /// characters), when close enough to be a likely typing slip: every one at the
    /// least distance, in the list's order, so that a slip between two names suggests
    /// both and never only the wrong one.
    pub fn closest(&self, name: &str) -> Vec<&str> {
        let key: Vec<char> = unit_key(name).chars().collect();
        let distances: Vec<(usize, &str)> = self
            .order
            .iter()
            .map(|v| {
                let k: Vec<char> = unit_key(v).chars().collect();
                let longest = key.len().max(k.len()).max(2);
                (edit_distance(&key, &k), longest, v.as_str())
            })
            .filter(|(d, longest, _)| d * 2 <= *longest)
            .map(|(d, _, v)| (d, v))
            .collect();
        let Some(least) = distances.iter().map(|(d, _)| *d).min() else {
            return Vec::new();
        };
        distances
            .into_iter()
            .filter(|(d, _)| *d == least)
            .map(|(_, v)| v)
            .collect()
    }

    /// Checks one unit named in an input at `location`: the unit's name as the list
    /// writes it, or an error naming the cell (masked) and suggesting the closest unit.
    pub fn check(&self, name: &str, location: Location) -> Result<String> {
        if let Some(known) = self.find(name) {
            return Ok(known.to_string());
        }
        // A unit close to a known one is a misspelling, shown as typed to be found;
        // anything else may be a person's name typed into the unit column.
        let closest = self.closest(name);
        let value = match closest.is_empty() {
            false => quote_cell(name),
            true => quote_unit_cell(name),
        };
        let (count, source) = (self.len(), &self.source);
        let message = match closest.is_empty() {
            false => {
                let best = closest.join(" / ");
                msg!("score-unit-unknown-closest", value, best, count, source)
            }
            true => {
                let mut list: Vec<&str> = self.names().take(LISTED).collect();
                if self.len() > LISTED {
                    list.push("…");
                }
                let units = list.join("、");
                msg!("score-unit-unknown", value, count, source, units)
            }
        };
        Err(Error::input(location, message))
    }
}

/// Reads rows up to the header (among the first 20): its labels (cleaned) and the unit
/// column's index.
fn header(rows: &mut Rows) -> Result<Option<(Vec<String>, usize)>> {
    for (seen, row) in rows.by_ref().enumerate() {
        let (_, cells) = row?;
        if let Some(c) = cells
            .iter()
            .position(|c| Field::from_header(c) == Some(Field::Unit))
        {
            return Ok(Some((cells.iter().map(|c| clean(c)).collect(), c)));
        }
        if seen >= 20 {
            break;
        }
    }
    Ok(None)
}

/// The names in the unit column `col` of the rows under the header `labels` (the
/// second row of a two-row header widening it), up to the notes under the table;
/// totals rows are not units. A CSV row that is not as wide as its header is refused.
fn unit_names(rows: Rows, mut labels: Vec<String>, col: usize) -> Result<Vec<String>> {
    let csv = matches!(rows.format, SourceFormat::Csv(_));
    let origin = rows.origin.clone();
    let mut names = Vec::new();
    let mut below_header = true;
    for row in rows {
        let (line, cells) = row?;
        if std::mem::take(&mut below_header)
            && let Some(wider) = sub_header_labels(&labels, &cells)
        {
            labels = wider;
            continue;
        }
        let name = cells.get(col).map(String::as_str).unwrap_or("");
        if is_notes_label(name) || is_notes_row(&cells, col) {
            break;
        }
        if csv && let Some(e) = ragged_row(&labels, &origin.at_row(line), &cells) {
            return Err(e);
        }
        if !is_total_label(name) {
            names.push(name.to_string());
        }
    }
    Ok(names)
}

/// Levenshtein distance between two strings of characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let swap = prev[j] + usize::from(ca != cb);
            cur[j + 1] = swap.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn county() -> KnownUnits {
        KnownUnits::new(
            "frame.csv",
            ["城关镇", "南岗乡", "青石镇", "柳河乡"].map(String::from),
        )
    }

    #[test]
    fn names_are_compared_by_their_key() {
        let k = county();
        assert_eq!(
            k.check("城关镇\u{200b}", Location::file("a.csv")).unwrap(),
            "城关镇"
        );
        assert_eq!(
            k.check(" 青石镇　", Location::file("a.csv")).unwrap(),
            "青石镇"
        );
        assert_eq!(k.len(), 4);
    }

    #[test]
    fn an_unknown_unit_suggests_the_closest_and_masks_the_cell() {
        let k = county();
        let e = k
            .check("南岗镇", Location::file("a.csv").at_row(7))
            .unwrap_err()
            .to_string();
        assert!(e.contains("a.csv, row 7"), "{e}");
        assert!(e.contains("'南岗镇'") && e.contains("南岗乡"), "{e}");
        let e = k
            .check("11010519491231002X", Location::file("a.csv").at_row(3))
            .unwrap_err()
            .to_string();
        assert!(!e.contains("19491231"), "{e}");
        assert!(!e.contains("did you mean"), "{e}");
        let zh = k
            .check("南岗镇", Location::file("a.csv").at_row(7))
            .unwrap_err()
            .render_in(crate::i18n::Lang::Zh);
        assert!(zh.contains("'南岗镇' — 是否应为 南岗乡？"), "{zh}");
        assert!(
            e.contains("the units are 城关镇、南岗乡、青石镇、柳河乡"),
            "{e}"
        );
    }

    #[test]
    fn distances() {
        let d = |a: &str, b: &str| {
            edit_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("南岗镇", "南岗乡"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("城关镇", "城关镇"), 0);
    }
}
