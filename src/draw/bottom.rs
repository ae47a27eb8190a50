//! The bottom-k selection: per stratum, the n + r records with the smallest (ticket, id),
//! whatever order they are offered in; selections filled by different threads merge
//! into the same result.

use super::roster::RosterRecord;
use super::ticket::Ticket;
use crate::error::Location;
use crate::io::Category;

/// A record that may be in the sample: its ticket, id and cells, packed (a stratum holds
/// about n + r of them per thread). Its ID number and phone are among its cells; the
/// drawn record does not repeat them.
#[derive(Debug)]
pub struct Candidate {
    pub ticket: Ticket,
    /// The roster's number among the draw's rosters, and the row.
    pub order: (usize, usize),
    /// The id, then the cells, one after another; `ends[0]` is where the id ends and
    /// `ends[k + 1]` where the k-th cell ends.
    text: Box<str>,
    ends: Box<[u32]>,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.ticket
            .cmp(&other.ticket)
            .then_with(|| self.id().cmp(other.id()))
    }
}

/// The n + r smallest (ticket, id) of one stratum. Records are held unsorted; when the
/// room is full the smallest n + r are kept and the largest of them becomes the bar that
/// later offers must be under, so most offers are refused by one comparison of numbers.
#[derive(Debug, Default)]
pub(super) struct Bottom {
    keep: usize,
    held: Vec<Candidate>,
    /// The first 18 digits of the bar's ticket: offers above it are refused at once.
    /// `u64::MAX` until the room first fills.
    bar: u64,
    /// Whether `held[keep - 1]` is the bar (the room has been trimmed).
    trimmed: bool,
}

impl Bottom {
    /// A selection that keeps the `keep` smallest.
    pub(super) fn new(keep: usize) -> Bottom {
        Bottom {
            keep,
            held: Vec::new(),
            bar: u64::MAX,
            trimmed: false,
        }
    }

    /// The records kept, in (ticket, id) order.
    pub(super) fn into_sorted_vec(mut self) -> Vec<Candidate> {
        self.held.sort_unstable();
        self.held.truncate(self.keep);
        self.held
    }

    /// Offers a record; `make` builds it only when it gets in.
    #[inline]
    pub(super) fn offer(&mut self, ticket: &Ticket, id: &str, make: impl FnOnce() -> Candidate) {
        if self.admits(ticket, id) {
            self.hold(make());
        }
    }

    /// Whether (ticket, id) is under the bar.
    #[inline]
    fn admits(&self, ticket: &Ticket, id: &str) -> bool {
        if ticket.prefix() > self.bar || self.keep == 0 {
            return false;
        }
        if !self.trimmed || ticket.prefix() < self.bar {
            return true;
        }
        let bar = &self.held[self.keep - 1];
        ticket.cmp(&bar.ticket).then_with(|| id.cmp(bar.id())) == std::cmp::Ordering::Less
    }

    /// Holds a record under the bar, trimming to the smallest `keep` when the room is
    /// full.
    fn hold(&mut self, c: Candidate) {
        self.held.push(c);
        if self.held.len() >= self.room() {
            self.held.select_nth_unstable(self.keep - 1);
            self.held.truncate(self.keep);
            self.bar = self.held[self.keep - 1].ticket.prefix();
            self.trimmed = true;
        }
    }

    /// How many records are held before trimming: an eighth as many again as are kept.
    fn room(&self) -> usize {
        self.keep + (self.keep / 8).max(8)
    }

    pub(super) fn absorb(&mut self, other: Bottom) {
        for c in other.held {
            if self.admits(&c.ticket, c.id()) {
                self.hold(c);
            }
        }
    }
}

impl Candidate {
    /// A record of roster `order.0`, row `order.1`, with its `width` output cells
    /// (`cells(k)` the k-th) packed into one string.
    #[inline]
    pub(super) fn pack<'a>(
        ticket: Ticket,
        id: &str,
        order: (usize, usize),
        (width, cells): (usize, &'a dyn Fn(usize) -> &'a str),
    ) -> Candidate {
        let size = id.len() + (0..width).map(|k| cells(k).len()).sum::<usize>();
        let mut text = String::with_capacity(size);
        let mut ends = Vec::with_capacity(width + 1);
        text.push_str(id);
        ends.push(text.len() as u32);
        for k in 0..width {
            text.push_str(cells(k));
            ends.push(text.len() as u32);
        }
        Candidate {
            ticket,
            order,
            text: text.into(),
            ends: ends.into(),
        }
    }

    /// The record's id.
    pub fn id(&self) -> &str {
        &self.text[..self.ends[0] as usize]
    }

    /// The record, in stratum `key`, found in roster `origin`.
    pub fn into_record(self, key: &(String, Category), origin: &Location) -> RosterRecord {
        let mut start = self.ends[0] as usize;
        let cells = self.ends[1..]
            .iter()
            .map(|&end| {
                let cell = self.text[start..end as usize].to_string();
                start = end as usize;
                cell
            })
            .collect();
        RosterRecord {
            id: self.id().to_string(),
            unit: key.0.clone(),
            category: key.1.clone(),
            cells,
            id_number: None,
            phone: None,
            location: origin.at_row(self.order.1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::ticket::{Seed, TicketMaker};

    fn offered(ids: &[String], keep: usize, maker: &TicketMaker) -> Bottom {
        let mut b = Bottom::new(keep);
        for (row, id) in ids.iter().enumerate() {
            let t = maker.ticket(id);
            let cells = |_: usize| "x";
            b.offer(&t, id, || Candidate::pack(t, id, (0, row), (1, &cells)));
        }
        b
    }

    fn kept(b: Bottom) -> Vec<String> {
        b.into_sorted_vec()
            .iter()
            .map(|c| c.id().to_string())
            .collect()
    }

    #[test]
    fn keeps_the_smallest_in_any_order_and_split() {
        let maker = TicketMaker::new(&Seed::new("bottom").unwrap());
        let ids: Vec<String> = (0..2000).map(|i| format!("id-{i}")).collect();
        for keep in [0, 1, 2, 7, 40, 300, 1999, 2000, 2500] {
            let mut all: Vec<&String> = ids.iter().collect();
            all.sort_by(|a, b| maker.ticket(a).cmp(&maker.ticket(b)).then(a.cmp(b)));
            let want: Vec<String> = all.into_iter().take(keep).cloned().collect();
            assert_eq!(kept(offered(&ids, keep, &maker)), want, "keep {keep}");
            let reversed: Vec<String> = ids.iter().rev().cloned().collect();
            assert_eq!(
                kept(offered(&reversed, keep, &maker)),
                want,
                "reversed {keep}"
            );
            let (a, b) = ids.split_at(700);
            let mut merged = offered(a, keep, &maker);
            merged.absorb(offered(b, keep, &maker));
            assert_eq!(kept(merged), want, "split {keep}");
        }
    }
}
