//! The county's 30% verification audit (按30%的比例进行抽查和审核): a random,
//! reproducible subset of each unit's collected sample, the checklist verifiers fill
//! in, and the tally of what they found (false recipients cost 0.5 points each, at
//! most 5); and the call-log rules (reserves used in ticket order, and only for lost
//! respondents). Everything here takes values and readers; `commands::audit_select`,
//! `commands::audit_tally` and `commands::calls` read the files and write the outputs.

pub mod calls;
pub mod checklist;
pub mod collect;
pub mod digest;
pub mod intake;
pub mod interval;
pub mod returns;
pub mod tally;

use std::collections::BTreeMap;

use crate::draw::roster::RosterRecord;
use crate::draw::ticket::{Seed, Ticket, TicketMaker};
use crate::frame::allocate::{Share, allocate};
use crate::io::Category;
use crate::rate::Rate;

/// A record picked for verification.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    /// "0001", "0002" … in unit, category and ticket order.
    pub audit_no: String,
    pub record: RosterRecord,
    pub ticket: Ticket,
}

/// How many records of each unit were collected and how many are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSelection {
    pub unit: String,
    pub collected: u64,
    pub selected: u64,
}

/// The audit subset.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub selected: Vec<Selected>,
    pub units: Vec<UnitSelection>,
}

/// A unit's collected records by category, each with its ticket.
type UnitStrata = BTreeMap<Category, Vec<(Ticket, RosterRecord)>>;

/// Selects ceil(rate × collected) records of every unit (exact decimal arithmetic; at
/// least one where the unit has records), spread over its categories by largest
/// remainder with no minimum, and within each unit × category the smallest tickets of
/// the audit seed (the draw's algorithm). The order of `records` does not matter.
pub fn select(records: Vec<RosterRecord>, seed: &Seed, rate: Rate) -> Selection {
    let maker = TicketMaker::new(seed);
    let mut strata: BTreeMap<String, UnitStrata> = BTreeMap::new();
    for r in records {
        let t = maker.ticket(&r.id);
        strata
            .entry(r.unit.clone())
            .or_default()
            .entry(r.category.clone())
            .or_default()
            .push((t, r));
    }
    let mut out = Selection {
        selected: Vec::new(),
        units: Vec::new(),
    };
    for (unit, categories) in strata {
        let (collected, selected) = select_unit(categories, rate, &mut out.selected);
        out.units.push(UnitSelection {
            unit,
            collected,
            selected,
        });
    }
    number(&mut out.selected);
    out
}

/// Selects one unit's share into `out`; returns how many records it collected and how
/// many are checked.
fn select_unit(categories: UnitStrata, rate: Rate, out: &mut Vec<Selected>) -> (u64, u64) {
    let collected: u64 = categories.values().map(|v| v.len() as u64).sum();
    let target = rate.ceil_times(collected).max(1).min(collected);
    let shares: Vec<Share> = categories
        .iter()
        .map(|(c, v)| Share {
            name: c.key().to_string(),
            population: v.len() as u64,
            weight: v.len() as f64,
        })
        .collect();
    let (counts, _) = allocate(target, &shares, 0);
    for ((_, mut recs), k) in categories.into_iter().zip(counts) {
        recs.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        out.extend(
            recs.into_iter()
                .take(k as usize)
                .map(|(ticket, record)| Selected {
                    audit_no: String::new(),
                    record,
                    ticket,
                }),
        );
    }
    (collected, target)
}

/// Numbers the selected records "0001", "0002" … (wider when there are more).
fn number(selected: &mut [Selected]) {
    let width = selected.len().to_string().len().max(4);
    for (i, s) in selected.iter_mut().enumerate() {
        s.audit_no = format!("{:0width$}", i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    fn rec(id: &str, unit: &str, cat: &str) -> RosterRecord {
        RosterRecord {
            id: id.into(),
            unit: unit.into(),
            category: Category::from_label(cat),
            cells: vec![id.into()],
            id_number: None,
            phone: None,
            location: Location::file("t"),
        }
    }

    #[test]
    fn thirty_percent_per_unit_exactly() {
        let mut recs = Vec::new();
        for i in 0..25 {
            recs.push(rec(
                &format!("a{i}"),
                "甲",
                if i < 15 { "农村低保" } else { "五保" },
            ));
        }
        recs.push(rec("b0", "乙", "优抚"));
        let seed = Seed::new("audit").unwrap();
        // 0.28 × 25 = 7 exactly: not 8 from floating-point noise.
        let s = select(recs.clone(), &seed, "0.28".parse().unwrap());
        assert_eq!(
            s.units[0].selected, 1,
            "乙 has one record: at least one is checked"
        );
        assert_eq!(s.units[1].selected, 7);
        // Spread 15 : 10 → 4.2 : 2.8 → 4 : 3 by largest remainder.
        let five: usize = s
            .selected
            .iter()
            .filter(|x| x.record.category.key() == "five_guarantee")
            .count();
        assert_eq!(five, 3);
        // Row order does not matter.
        recs.reverse();
        let again = select(recs, &seed, "0.28".parse().unwrap());
        assert_eq!(s, again);
        assert_eq!(s.selected[0].audit_no, "0001");
    }
}
