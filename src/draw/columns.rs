//! Lining up the columns of several rosters: the sample has one column per header met,
//! and the id, unit, category, ID-number and phone columns are one column each
//! whatever alias each roster heads them with.

use super::roster::{RosterHeader, RosterRecord};

/// The columns every roster has by meaning.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ColumnRole {
    Id,
    Unit,
    Category,
    IdNumber,
    Phone,
}

const ROLES: [ColumnRole; 5] = [
    ColumnRole::Id,
    ColumnRole::Unit,
    ColumnRole::Category,
    ColumnRole::IdNumber,
    ColumnRole::Phone,
];

/// The role of column `i` of a roster headed `h`, if it has one.
fn role_of(h: &RosterHeader, i: usize) -> Option<ColumnRole> {
    ROLES.into_iter().find(|&r| column_of(h, r) == Some(i))
}

/// The column of a roster headed `h` that plays `role`.
fn column_of(h: &RosterHeader, role: ColumnRole) -> Option<usize> {
    match role {
        ColumnRole::Id => Some(h.id),
        ColumnRole::Unit => Some(h.unit),
        ColumnRole::Category => Some(h.category),
        ColumnRole::IdNumber => h.id_number,
        ColumnRole::Phone => h.phone,
    }
}

/// The union of the rosters' headers, in first-seen order. The id, unit, category,
/// ID-number and phone columns are one column each, headed as in the first roster,
/// whatever alias the others use (乡镇 in one file, 单位 in another).
pub fn union_labels(headers: &[&RosterHeader]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let Some(first) = headers.first() else {
        return labels;
    };
    for h in headers {
        for (i, l) in h.labels.iter().enumerate() {
            let label = match role_of(h, i) {
                Some(role) => first.labels[column_of(first, role).unwrap_or(i)].clone(),
                None => l.clone(),
            };
            if !label.is_empty() && !labels.contains(&label) {
                labels.push(label);
            }
        }
    }
    labels
}

/// For each column of `labels`, the column of a roster (headed `h`) that fills it;
/// `first` heads the first roster.
pub fn columns(first: &RosterHeader, h: &RosterHeader, labels: &[String]) -> Vec<Option<usize>> {
    labels
        .iter()
        .map(|l| {
            let by_role = first
                .labels
                .iter()
                .position(|x| x == l)
                .and_then(|i| role_of(first, i))
                .and_then(|role| column_of(h, role));
            by_role.or_else(|| h.labels.iter().position(|x| x == l))
        })
        .collect()
}

/// A record with its cells re-aligned by `map` (see [`columns`]).
pub fn aligned(mut rec: RosterRecord, map: &[Option<usize>]) -> RosterRecord {
    rec.cells = map
        .iter()
        .map(|i| {
            i.map(|i| std::mem::take(&mut rec.cells[i]))
                .unwrap_or_default()
        })
        .collect();
    rec
}
