//! The bottom-k selection: per stratum, a bounded heap keeps the n + r records with the
//! smallest (ticket, id), whatever order they are offered in; heaps filled by
//! different threads merge into the same result.

use std::collections::BinaryHeap;

use super::roster::RosterRecord;
use super::ticket::Ticket;
use crate::error::Location;
use crate::io::Category;

/// A record that may be in the sample: its ticket, id and cells, packed (a heap holds
/// n + r of them per stratum and thread). Its ID number and phone are among its cells;
/// the drawn record does not repeat them.
#[derive(Debug)]
pub struct Candidate {
    pub ticket: Ticket,
    pub id: Box<str>,
    /// The roster's number among the draw's rosters, and the row.
    pub order: (usize, usize),
    /// The cells, one after another, and where each ends.
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
            .then_with(|| self.id.cmp(&other.id))
    }
}

/// The n + r smallest (ticket, id) of one stratum, the largest on top.
#[derive(Debug, Default)]
pub(super) struct Bottom {
    keep: usize,
    heap: BinaryHeap<Candidate>,
}

impl Bottom {
    /// A heap that keeps the `keep` smallest.
    pub(super) fn new(keep: usize) -> Bottom {
        Bottom {
            keep,
            heap: BinaryHeap::new(),
        }
    }

    /// The records kept, in (ticket, id) order.
    pub(super) fn into_sorted_vec(self) -> Vec<Candidate> {
        self.heap.into_sorted_vec()
    }

    /// Offers a record; `make` builds it only when it gets in.
    pub(super) fn offer(&mut self, ticket: &Ticket, id: &str, make: impl FnOnce() -> Candidate) {
        if self.heap.len() < self.keep {
            self.heap.push(make());
        } else if let Some(mut top) = self.heap.peek_mut()
            && ticket.cmp(&top.ticket).then_with(|| id.cmp(&top.id)) == std::cmp::Ordering::Less
        {
            *top = make();
        }
    }

    pub(super) fn absorb(&mut self, other: Bottom) {
        for c in other.heap {
            if self.heap.len() < self.keep {
                self.heap.push(c);
            } else if let Some(mut top) = self.heap.peek_mut()
                && c < *top
            {
                *top = c;
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
        let size = (0..width).map(|k| cells(k).len()).sum();
        let mut text = String::with_capacity(size);
        let mut ends = Vec::with_capacity(width);
        for k in 0..width {
            text.push_str(cells(k));
            ends.push(text.len() as u32);
        }
        Candidate {
            ticket,
            id: id.into(),
            order,
            text: text.into(),
            ends: ends.into(),
        }
    }

    /// The record, in stratum `key`, found in roster `origin`.
    pub fn into_record(self, key: &(String, Category), origin: &Location) -> RosterRecord {
        let mut start = 0;
        let cells = self
            .ends
            .iter()
            .map(|&end| {
                let cell = self.text[start..end as usize].to_string();
                start = end as usize;
                cell
            })
            .collect();
        RosterRecord {
            id: self.id.into(),
            unit: key.0.clone(),
            category: key.1.clone(),
            cells,
            id_number: None,
            phone: None,
            location: origin.at_row(self.order.1),
        }
    }
}
