//! `pingyi verify --calls LOG --sample SAMPLE`: a call log read and checked against a
//! draw's sample by the call-log rules (`audit::calls`).

use std::path::Path;

use crate::draw::ids::{SampleIds, id_key};
use crate::draw::roster::RosterReader;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::alias::{Field, Input};
use crate::io::stream::open_rows;
use crate::io::text::{clean, match_key};
use crate::io::{Grid, read_grid_path};
use crate::privacy::{mask_personal, quote_cell};
use crate::score::KnownUnits;

use crate::audit::calls::{Call, DrawnSample, check_log};
pub use crate::audit::calls::{CallReport, Disposition};

use super::Outcome;
use super::audit_inputs::draw_id_column_of;

/// Checks a call log against a draw's sample. The sample's id column is `id_column`
/// when given, else the one its draw's manifest records, else the one its header
/// shows (编号, else 身份证号); the log's is the column headed the same way.
pub fn check_calls(log: &Path, sample: &Path, id_column: Option<&str>) -> Result<CallReport> {
    let told = id_column
        .map(str::to_string)
        .or_else(|| draw_id_column_of(sample));
    let reader = RosterReader::open(open_rows(sample, None)?, told.as_deref())?;
    let wanted = WantedId {
        told: id_column,
        sample: reader.header.labels[reader.header.id].clone(),
    };
    let drawn = DrawnSample::read(reader)?;
    let known = KnownUnits::new(
        sample.display().to_string(),
        drawn.units().map(str::to_string),
    );
    let (grid, _) = read_grid_path(log, None)?;
    let calls = read_calls(&grid, &wanted, &known, &drawn.ids())?;
    Ok(check_log(&drawn, &calls))
}

/// The id column a call log must have: the one `--id-column` names, else the one
/// headed as the sample's id column is.
struct WantedId<'a> {
    told: Option<&'a str>,
    /// The sample's id header, as written.
    sample: String,
}

impl WantedId<'_> {
    /// The log's id column among `head`: by the told name or the sample's header, else
    /// a column of the same kind (an 编号-like column for an 编号, an ID-number column
    /// for an ID number).
    fn find(&self, head: &[String]) -> Option<usize> {
        let name = self.told.unwrap_or(&self.sample);
        let by_name = head.iter().position(|h| match_key(h) == match_key(name));
        by_name.or_else(|| match Input::Roster.field(name) {
            Some(Field::IdNumber) => Input::Roster.find(head, Field::IdNumber),
            _ if self.told.is_none() => Input::CallLog.find(head, Field::Id),
            _ => None,
        })
    }

    /// The header the message asks the log to keep.
    fn name(&self) -> &str {
        self.told.unwrap_or(&self.sample)
    }
}

/// Checks a call log and says what it found: OK with the number of calls, or DIFFERS
/// with every breach (and a failure); then the not-recipient findings per unit. The
/// summary is masked.
pub fn run(log: &Path, sample: &Path, id_column: Option<&str>) -> Result<Outcome> {
    let report = check_calls(log, sample, id_column)?;
    let mut text = String::new();
    for b in &report.breaches {
        text.push_str(&format!("  - {b}\n"));
    }
    for (unit, n) in &report.not_recipient {
        text.push_str(&format!(
            "  {}\n",
            msg!("audit-calls-finding", unit, n).render()
        ));
    }
    let (log, calls) = (log.display(), report.calls);
    let (head, failure) = if report.breaches.is_empty() {
        (msg!("audit-calls-ok", log, calls).render(), None)
    } else {
        let n = report.breaches.len();
        let failure = Error::Verification(msg!("audit-calls-breaches", n).render());
        (msg!("audit-calls-differs", log).render(), Some(failure))
    };
    let head = format!("{head}\n");
    text.insert_str(0, &head);
    Ok(Outcome {
        summary: mask_personal(&text),
        warnings: Vec::new(),
        failure,
    })
}

/// Where a call log's columns are: header row, id, disposition and (optional) unit.
struct LogColumns {
    header_at: usize,
    head: Vec<String>,
    id: usize,
    disposition: usize,
    unit: Option<usize>,
}

impl LogColumns {
    fn find(grid: &Grid, wanted: &WantedId) -> Result<LogColumns> {
        let header_at = grid
            .header_row(Input::CallLog, Field::Disposition)
            .ok_or_else(|| Error::input(grid.origin.clone(), msg!("audit-calls-no-disposition")))?;
        crate::io::ragged::refuse_ragged_rows(grid, header_at)?;
        let head: Vec<String> = grid.rows[header_at].iter().map(|c| clean(c)).collect();
        let id = wanted.find(&head).ok_or_else(|| {
            Error::input(
                grid.origin.at_row(grid.row_number(header_at)),
                msg!("clerk-calls-no-id", column = wanted.name()),
            )
        })?;
        Ok(LogColumns {
            header_at,
            disposition: Input::CallLog.find(&head, Field::Disposition).unwrap_or(0),
            // A log that names each call's unit: every unit must be one of the sample's.
            unit: Input::CallLog.find(&head, Field::Unit),
            id,
            head,
        })
    }
}

impl LogColumns {
    /// Refuses row `i`, whose id is blank, if it records a call: skipped, the call
    /// would vanish from the check of the reserves unseen.
    fn no_id(&self, grid: &Grid, i: usize) -> Result<()> {
        let raw = grid.cell(i, self.disposition);
        if clean(raw).is_empty() {
            return Ok(());
        }
        Err(Error::input(
            grid.cell_location(i, self.id, &self.head[self.id]),
            msg!("input-call-without-id", value = quote_cell(raw)),
        ))
    }

    /// The disposition of row `i`, refused with its cell when it cannot be read.
    fn disposition_at(&self, grid: &Grid, i: usize) -> Result<Disposition> {
        let (c, raw) = (self.disposition, grid.cell(i, self.disposition));
        if crate::io::alias::ambiguous_call(raw) {
            return Err(Error::input(
                grid.cell_location(i, c, &self.head[c]),
                msg!("disposition-ambiguous", value = quote_cell(raw)),
            ));
        }
        Disposition::parse(raw).ok_or_else(|| {
            Error::input(
                grid.cell_location(i, c, &self.head[c]),
                msg!("audit-calls-bad-disposition", value = quote_cell(raw)),
            )
        })
    }
}

/// The calls of a log (rows without an id skipped), each id matched to the sample's
/// ([`SampleIds`]); a disposition that cannot be read, an id a spreadsheet damaged or a
/// unit the sample does not have is refused with its cell.
fn read_calls(
    grid: &Grid,
    wanted: &WantedId,
    known: &KnownUnits,
    ids: &SampleIds,
) -> Result<Vec<Call>> {
    let cols = LogColumns::find(grid, wanted)?;
    let mut calls = Vec::new();
    for i in cols.header_at + 1..grid.rows.len() {
        let raw = grid.cell(i, cols.id);
        if id_key(raw).is_empty() {
            cols.no_id(grid, i)?;
            continue;
        }
        let id = ids.resolve(raw, || grid.cell_location(i, cols.id, &cols.head[cols.id]))?;
        let disposition = cols.disposition_at(grid, i)?;
        let unit = cols
            .unit
            .map(|c| known.check(grid.cell(i, c), grid.cell_location(i, c, &cols.head[c])))
            .transpose()?;
        let row = grid.row_number(i);
        calls.push(Call {
            row,
            id,
            disposition,
            unit,
        });
    }
    Ok(calls)
}
