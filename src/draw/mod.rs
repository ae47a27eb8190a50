//! The draw: for every stratum of a frame, the n recipients with the smallest tickets
//! are the sample and the next r, in ticket order, the reserves (bottom-k order
//! sampling). Simple random sampling without replacement within each stratum,
//! independent of row order, and mergeable across shards. See docs/ALGORITHM.md.

pub mod bottom;
pub mod chunks;
pub mod columns;
pub mod ids;
pub mod quality;
pub mod reread;
pub mod roster;
pub mod rosters;
pub mod scan;
pub mod spill;
pub mod sql;
pub mod ticket;

use std::collections::BTreeMap;

use crate::error::{Error, Location, Result};
use crate::frame::FrameRow;
use crate::i18n::{Message, msg};
use crate::io::Category;

use roster::RosterRecord;
use ticket::{Seed, Ticket, TicketMaker};

/// What a drawn record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Main,
    Reserve,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Main => "main",
            Role::Reserve => "reserve",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Role::Main => "正式样本",
            Role::Reserve => "备用样本",
        }
    }
}

/// Options of a draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawPlan {
    pub seed: Seed,
    /// Take a stratum whole when its roster is smaller than its sample.
    pub take_all_short: bool,
    /// Accept roster counts that differ from the frame's populations, computing
    /// inclusion probabilities from the roster.
    pub allow_count_mismatch: bool,
}

/// A record in the sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub record: RosterRecord,
    pub ticket: Ticket,
    /// 1-based position in ticket order within the stratum.
    pub rank: u64,
    pub role: Role,
    pub inclusion_prob: f64,
    pub weight: Option<f64>,
}

/// The result of one stratum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StratumDraw {
    pub unit: String,
    pub category: Category,
    /// Population in the frame.
    pub frame_population: u64,
    /// Records in the roster.
    pub roster: u64,
    pub sample: u64,
    pub reserve: u64,
}

/// A whole draw: the drawn records sorted by unit, category and rank, and per-stratum
/// counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    pub drawn: Vec<Drawn>,
    pub strata: Vec<StratumDraw>,
    pub warnings: Vec<String>,
    /// The roster's data-quality findings (they do not stop the draw).
    pub quality: Vec<quality::QualityIssue>,
}

/// Reads records of the rosters again, to name the rows of repeated values.
pub trait Reread<'a>: Sync {
    /// Every record, in roster order.
    fn all(&self) -> Result<Box<dyn Iterator<Item = Result<RosterRecord>> + 'a>>;
    /// The records at `places` (each with a byte offset), in that order.
    fn at<'s>(
        &'s self,
        places: &'s [spill::Place],
    ) -> Result<Box<dyn Iterator<Item = Result<RosterRecord>> + 's>>;
}

/// Draws the sample and reserves of every stratum of `frame` from what a [`scan::Scan`]
/// of the rosters gathered: the n + r smallest tickets per stratum, and digests for
/// the duplicate checks. `origins` name the rosters, in the order scanned; `reread`
/// reads records again when those checks or the data-quality report name rows.
/// `source` names the rosters in messages.
pub fn draw<'a>(
    frame: &[FrameRow],
    gathered: scan::Gathered,
    origins: &[Location],
    reread: &dyn Reread<'a>,
    plan: &DrawPlan,
    source: &str,
) -> Result<Draw> {
    let scan::Gathered {
        strata,
        unknown,
        repeated_ids,
        wanted,
        repeats,
        mut quality,
        ..
    } = gathered;
    let named = if repeats.is_empty() && repeated_ids.is_empty() {
        BTreeMap::new()
    } else {
        let again = (reread, &repeats[..], &wanted);
        reread_repeats(again, &repeated_ids, &mut quality)?
    };
    refuse_duplicate_ids(&named, source)?;
    refuse_unknown_strata(&unknown, origins, source)?;
    let mut out = finish(frame, strata, origins, plan, source)?;
    out.quality = quality.finish();
    Ok(out)
}

/// Records read again below which one thread reads them all.
const PARALLEL_REREAD: usize = 1 << 12;

/// Reads records again: the data-quality report names the rows of repeated ID numbers
/// and phones, and the rows of each repeated id are returned by id. Repeated ids stop
/// the draw and are rare: their rows are found by reading everything again. Repeated
/// ID numbers and phones are common; only their records are read again, where the
/// scan could say where they are.
fn reread_repeats<'a>(
    (reread, repeats, wanted): (&dyn Reread<'a>, &[spill::Place], &quality::Wanted),
    repeated_ids: &std::collections::HashSet<u64>,
    quality: &mut quality::QualityCheck,
) -> Result<BTreeMap<String, Named>> {
    let mut named: BTreeMap<String, Named> = BTreeMap::new();
    let at_offsets = repeated_ids.is_empty() && repeats.iter().all(|p| p.offset.is_some());
    if at_offsets {
        // No id repeats: the records are only named, half of them on a second thread.
        let (first, later) = repeats.split_at(repeats.len() / 2);
        let name = |places: &[spill::Place], quality: &mut quality::QualityCheck| {
            for record in reread.at(places)? {
                quality.name(&record?, wanted);
            }
            Ok::<_, Error>(())
        };
        let later = std::thread::scope(|s| {
            let later = (later.len() >= PARALLEL_REREAD).then(|| {
                s.spawn(|| {
                    let mut q = quality::QualityCheck::default();
                    name(later, &mut q).map(|()| q)
                })
            });
            let own = if later.is_some() { first } else { repeats };
            let own = name(own, quality);
            // The other thread is joined before an error of this one is returned: a
            // panic there is an error here, not a panic of the scope.
            let later = later.map(|h| {
                h.join()
                    .map_err(|_| Error::Internal("a reading thread panicked".into()))?
            });
            own?;
            later.transpose()
        })?;
        if let Some(later) = later {
            quality.absorb_named(later);
        }
        return Ok(BTreeMap::new());
    }
    let records = reread.all()?;
    for record in records {
        let record = record?;
        quality.name(&record, wanted);
        if repeated_ids.contains(&quality::id_repeat_hash(&record.id)) {
            named
                .entry(record.id.to_ascii_lowercase())
                .or_insert_with(|| (record.id.clone(), Vec::new()))
                .1
                .push(record.location.clone());
        }
    }
    Ok(named)
}

/// An id as first written and the rows holding it (ids compared whatever the case of
/// their letters).
type Named = (String, Vec<Location>);

/// Refuses ids met on more than one row, naming (up to 20 of) them and their rows.
fn refuse_duplicate_ids(named: &BTreeMap<String, Named>, source: &str) -> Result<()> {
    let duplicates: Vec<String> = named
        .values()
        .filter(|(_, rows)| rows.len() > 1)
        .take(20)
        .map(|(id, rows)| {
            let places: Vec<String> = rows.iter().map(|l| l.message().render()).collect();
            msg!(
                "draw-duplicate-id",
                id = crate::privacy::policy().mask_id_cell(id),
                places = places.join("; ")
            )
            .render()
        })
        .collect();
    if duplicates.is_empty() {
        return Ok(());
    }
    Err(Error::input(
        Location::file(source),
        msg!(
            "draw-duplicate-ids",
            list = format!("\n  {}", duplicates.join("\n  "))
        ),
    ))
}

/// Refuses roster rows of strata the frame does not have, naming each with its count
/// and first row.
fn refuse_unknown_strata(
    unknown: &scan::Unknown,
    origins: &[Location],
    source: &str,
) -> Result<()> {
    if unknown.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = unknown
        .iter()
        .map(|((u, c), (n, (file, row)))| {
            let at = origins
                .get(*file)
                .map(|o| o.at_row(*row))
                .unwrap_or_default();
            msg!(
                "draw-unknown-stratum",
                unit = u,
                category = c.zh(),
                rows = n,
                first => at.message()
            )
            .render()
        })
        .collect();
    Err(Error::input(
        Location::file(source),
        msg!("draw-unknown-strata", list = block(&list)),
    ))
}

/// Draws from records held in memory (cells aligned to the sample's columns), which
/// `open` yields afresh each time it is called. `source` names them in messages.
pub fn draw_records<'a, F, I>(
    frame: &[FrameRow],
    open: F,
    plan: &DrawPlan,
    source: &str,
) -> Result<Draw>
where
    F: Fn() -> Result<I> + Sync,
    I: Iterator<Item = Result<RosterRecord>> + 'a,
{
    struct Again<F>(F);
    impl<'a, F, I> Reread<'a> for Again<F>
    where
        F: Fn() -> Result<I> + Sync,
        I: Iterator<Item = Result<RosterRecord>> + 'a,
    {
        fn all(&self) -> Result<Box<dyn Iterator<Item = Result<RosterRecord>> + 'a>> {
            Ok(Box::new((self.0)()?))
        }
        fn at<'s>(
            &'s self,
            _: &'s [spill::Place],
        ) -> Result<Box<dyn Iterator<Item = Result<RosterRecord>> + 's>> {
            Err(Error::Internal(
                "records in memory have no byte offsets".into(),
            ))
        }
    }
    let mut scan = scan::Scan::new(frame, TicketMaker::new(&plan.seed), Default::default());
    scan.records(open()?, 0)?;
    let origin = Location::file(source);
    let mut gathered = scan.finish()?;
    let contents = std::mem::replace(&mut gathered.contents, scan::Pending::ready(Ok(Vec::new())));
    let drawn = draw(frame, gathered, &[origin], &Again(open), plan, source);
    // Nothing here records the content digests, but a failure to make them is told
    // first, as the command line tells it.
    contents.wait()?;
    drawn
}

/// The sample and reserves of every stratum from its n + r smallest (`strata`, in
/// frame order), once the roster's counts pass the frame's (or the plan allows them).
fn finish(
    frame: &[FrameRow],
    strata: Vec<(u64, Vec<scan::Candidate>)>,
    origins: &[Location],
    plan: &DrawPlan,
    source: &str,
) -> Result<Draw> {
    let kept: usize = frame
        .iter()
        .zip(&strata)
        .map(|(f, (_, chosen))| chosen.len().min((f.sample + f.reserve) as usize))
        .sum();
    let mut out = Draw {
        drawn: Vec::with_capacity(kept),
        strata: Vec::new(),
        warnings: Vec::new(),
        quality: Vec::new(),
    };
    let mut mismatches = Vec::new();
    let mut short = Vec::new();
    for (f, (seen, chosen)) in frame.iter().zip(strata) {
        let (mismatch, too_few) = count_problems(f, seen, plan);
        mismatches.extend(mismatch);
        short.extend(too_few);
        let stratum = stratum_draw(f, seen);
        // Probabilities use the roster's count when counts may differ, else the frame's.
        let population = if plan.allow_count_mismatch {
            seen
        } else {
            f.population
        };
        take_chosen(&stratum, population, (chosen, origins), &mut out.drawn);
        out.strata.push(stratum);
    }
    out.warnings
        .extend(mismatch_warning(&mismatches, plan, source)?);
    out.warnings.extend(short_warning(&short, plan, source)?);
    Ok(out)
}

/// The line of the count table for a stratum whose roster count (`seen`) differs from
/// the frame's, and the line for one whose roster is smaller than its sample.
fn count_problems(f: &FrameRow, seen: u64, plan: &DrawPlan) -> (Option<String>, Option<String>) {
    let short_taken_whole = plan.take_all_short && seen < f.sample;
    let mismatch = (seen != f.population && !short_taken_whole).then(|| {
        msg!(
            "draw-count-mismatch-line",
            unit = format!("{:<12}", f.unit),
            category = format!("{:<10}", f.category.zh()),
            frame = format!("{:>8}", f.population),
            roster = format!("{:>8}", seen),
            difference = format!("{:>+8}", seen as i64 - f.population as i64)
        )
        .render()
    });
    let short = (seen < f.sample).then(|| {
        msg!(
            "draw-short-line",
            unit = f.unit,
            category = f.category.zh(),
            sample = f.sample,
            roster = seen
        )
        .render()
    });
    (mismatch, short)
}

/// A stratum's sizes: its sample and reserves as far as its roster (`seen`) allows.
fn stratum_draw(f: &FrameRow, seen: u64) -> StratumDraw {
    let sample = f.sample.min(seen);
    StratumDraw {
        unit: f.unit.clone(),
        category: f.category.clone(),
        frame_population: f.population,
        roster: seen,
        sample,
        reserve: f.reserve.min(seen - sample),
    }
}

/// Adds the first sample + reserve of a stratum's `chosen` records (in ticket order,
/// from the rosters `origins`) to `drawn`, ranked, with their inclusion probability
/// and weight in a stratum of `population`.
fn take_chosen(
    stratum: &StratumDraw,
    population: u64,
    (chosen, origins): (Vec<scan::Candidate>, &[Location]),
    drawn: &mut Vec<Drawn>,
) {
    let (sample, reserve) = (stratum.sample, stratum.reserve);
    let inclusion_prob = if population == 0 {
        0.0
    } else {
        sample as f64 / population as f64
    };
    let weight = (sample > 0).then(|| population as f64 / sample as f64);
    let key = (stratum.unit.clone(), stratum.category.clone());
    let kept = chosen.into_iter().take((sample + reserve) as usize);
    for (i, c) in kept.enumerate() {
        let rank = i as u64 + 1;
        let ticket = c.ticket;
        let origin = origins.get(c.order.0).cloned().unwrap_or_default();
        let role = if rank <= sample {
            Role::Main
        } else {
            Role::Reserve
        };
        drawn.push(Drawn {
            record: c.into_record(&key, &origin),
            ticket,
            rank,
            role,
            inclusion_prob,
            weight,
        });
    }
}

/// Refuses roster counts that differ from the frame's unless the plan allows them; the
/// warning then.
fn mismatch_warning(
    mismatches: &[String],
    plan: &DrawPlan,
    source: &str,
) -> Result<Option<String>> {
    let header = msg!("draw-count-mismatch-header").render();
    let mut lines = vec![header];
    lines.extend_from_slice(mismatches);
    let error = msg!("draw-counts-differ", table = block(&lines));
    let warning = msg!("draw-counts-differ-warning", strata = mismatches.len()).render();
    refuse_unless(
        plan.allow_count_mismatch,
        mismatches,
        (error, warning),
        source,
    )
}

/// Refuses strata whose roster is smaller than their sample unless the plan takes them
/// whole; the warning then.
fn short_warning(short: &[String], plan: &DrawPlan, source: &str) -> Result<Option<String>> {
    let error = msg!("draw-short-strata", list = block(short));
    let warning = msg!("draw-short-strata-warning", strata = short.len()).render();
    refuse_unless(plan.take_all_short, short, (error, warning), source)
}

/// Lines set apart in a message: each on its own indented line, then a line break.
fn block(lines: &[String]) -> String {
    format!("\n  {}\n", lines.join("\n  "))
}

/// Nothing when there are no `problems`; else the `error` about `source`, or, when
/// the plan `allowed` them, the `warning`.
fn refuse_unless(
    allowed: bool,
    problems: &[String],
    (error, warning): (Message, String),
    source: &str,
) -> Result<Option<String>> {
    match (problems.is_empty(), allowed) {
        (true, _) => Ok(None),
        (false, true) => Ok(Some(warning)),
        (false, false) => Err(Error::input(Location::file(source), error)),
    }
}

/// The columns the draw adds after the roster's own.
pub const DRAW_COLUMNS: [crate::io::ColumnSpec; 5] = [
    crate::io::ColumnSpec::new("stratum_rank", "层内序号", crate::io::ColumnKind::Int),
    crate::io::ColumnSpec::new("role", "样本类型", crate::io::ColumnKind::Text),
    crate::io::ColumnSpec::new("ticket", "随机票号", crate::io::ColumnKind::Text),
    crate::io::ColumnSpec::new("inclusion_prob", "入样概率", crate::io::ColumnKind::Float),
    crate::io::ColumnSpec::new("weight", "权数", crate::io::ColumnKind::Float),
];

/// Each of `items` made into a `U` by `make`, in order. The items are taken from the
/// last, and their list is shrunk whenever two thirds of it are free, so that the items
/// and what they become are never both held whole (a sample of 100,000 records at 10M
/// rows holds about 30 MB less).
fn convert_releasing<T, U>(mut items: Vec<T>, make: impl Fn(T) -> U) -> Vec<U> {
    let mut out = Vec::with_capacity(items.len());
    while let Some(item) = items.pop() {
        out.push(make(item));
        if items.len() < items.capacity() / 3 {
            items.shrink_to_fit();
        }
    }
    out.reverse();
    out
}

impl Draw {
    /// The sample file: every roster column (headed by `labels`), then rank, role,
    /// ticket, inclusion probability and weight; sorted by unit, category and rank.
    /// The drawn records move into the table (a large sample is not held twice);
    /// `drawn` is left empty.
    pub fn take_table(&mut self, labels: &[String]) -> crate::io::OutputTable {
        use crate::io::{Cell, ColumnKind, ColumnSpec};
        let mut columns: Vec<ColumnSpec> = labels
            .iter()
            .map(|l| ColumnSpec::named(l, ColumnKind::Text))
            .collect();
        columns.extend(DRAW_COLUMNS);
        let rows = convert_releasing(std::mem::take(&mut self.drawn), |d| {
            let mut row: Vec<Cell> = Vec::with_capacity(d.record.cells.len() + DRAW_COLUMNS.len());
            row.extend(d.record.cells.into_iter().map(Cell::Text));
            row.push(Cell::Int(d.rank as i64));
            row.push(Cell::label(d.role.key(), d.role.zh()));
            row.push(Cell::Text(d.ticket.to_text()));
            row.push(Cell::Float(d.inclusion_prob));
            row.push(d.weight.map(Cell::Float).unwrap_or(Cell::Empty));
            row
        });
        crate::io::OutputTable {
            sheet: "抽样名单".to_string(),
            columns,
            rows,
            choices: Vec::new(),
        }
    }

    /// The order-independent content digest of the sample, per stratum.
    pub fn content_digest(&self) -> crate::io::digest::ContentDigest {
        let mut scratch = Vec::new();
        crate::io::digest::ContentDigest::of_digests(self.drawn.iter().map(|d| {
            let (rank, ticket) = (d.rank.to_string(), d.ticket.to_text());
            let fields = [d.record.id.as_str(), &rank, d.role.key(), &ticket]
                .into_iter()
                .chain(d.record.cells.iter().map(String::as_str));
            let digest = crate::io::digest::record_digest_in(&mut scratch, fields);
            (d.record.unit.as_str(), d.record.category.key(), digest)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::convert_releasing;

    #[test]
    fn converting_while_releasing_keeps_the_order() {
        for n in [0usize, 1, 2, 3, 7, 100, 1000] {
            let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            let got = convert_releasing(items, |s| s.parse::<usize>().unwrap() * 2);
            let want: Vec<usize> = (0..n).map(|i| i * 2).collect();
            assert_eq!(got, want);
        }
    }
}
