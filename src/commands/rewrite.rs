//! A stage's main output written again in memory from the inputs a manifest records, so
//! that `pingyi verify` can name the cells of a file edited by hand: the same tables,
//! rendered as the commands render them.

use crate::audit::checklist::{audit_id, checklist_table, checklist_title};
use crate::audit::digest::checklist_digest;
use crate::audit::tally::{TallyRules, UnitTally, tally_print_form, tally_table};
use crate::draw::scan::ScanOptions;
use crate::error::Result;
use crate::io::Lang;
use crate::io::write::{OutputFormat, WriteOptions, render_internal, render_printable};
use crate::io::{OutputTable, PrintForm};
use crate::provenance::rederive::{DrawSpec, Rewrite, SelectSpec, TallySpec};
use crate::score::table::{score_print_form, score_table};

use super::audit::{SelectOptions, TallyOptions, compute_tally, selection_in_memory};
use super::draw::{DrawRules, RosterInputs, compute_in_memory, load_frame};
use super::draw_inputs::ComputedDraw;
use super::score::score_in_memory;

/// The bytes of `what` written again in `format`, once per language of `langs`
/// (headers of CSV, JSON and Parquet in that language; workbooks are Chinese). The
/// stage runs once.
pub fn rewrite(
    what: &Rewrite,
    scan: ScanOptions,
    format: OutputFormat,
    langs: &[Lang],
) -> Result<Vec<Vec<u8>>> {
    let mut bytes = Vec::new();
    for again in written_again(what, scan)? {
        for &lang in langs {
            bytes.push(again.render(format, WriteOptions { lang, bom: true })?);
        }
    }
    Ok(bytes)
}

/// An output's tables made again, before rendering.
struct WrittenAgain {
    tables: Vec<OutputTable>,
    forms: Vec<PrintForm>,
    /// `Some` for an internal file (with its title, if it has one).
    internal: Option<Option<String>>,
}

impl WrittenAgain {
    fn render(&self, format: OutputFormat, write: WriteOptions) -> Result<Vec<u8>> {
        match &self.internal {
            Some(title) => render_internal(&self.tables, format, write, title.as_deref()),
            None => render_printable(&self.tables, &self.forms, format, write),
        }
    }
}

/// The tables of `what`, made again from its inputs as the command makes them (a
/// tally of an earlier release also with the re-check flag's earlier rule).
fn written_again(what: &Rewrite, scan: ScanOptions) -> Result<Vec<WrittenAgain>> {
    let one = |table, forms, internal| WrittenAgain {
        tables: vec![table],
        forms,
        internal,
    };
    Ok(vec![match what {
        Rewrite::Frame(frame) => WrittenAgain {
            tables: frame.to_tables(),
            forms: frame.print_forms(),
            internal: None,
        },
        Rewrite::Sample(spec) => {
            let mut c = draw_again(spec, scan)?;
            one(c.draw.take_table(&c.rosters.labels), Vec::new(), Some(None))
        }
        Rewrite::Checklist(spec) => {
            let c = selection_in_memory(&select_options(spec))?;
            let digest = checklist_digest(&c.selection, spec.keyed.then_some(&c.key));
            let id = audit_id(&digest);
            let title = Some(Some(checklist_title(&id)));
            one(
                checklist_table(&c.labels, &c.selection, &id),
                Vec::new(),
                title,
            )
        }
        Rewrite::Tally(spec) => {
            let c = compute_tally(&tally_options(spec))?;
            let mut variants = vec![c.units.clone()];
            // Releases that recorded no masking policy flagged every unit whose false
            // rate could reach the threshold, false recipients found or not.
            if spec.rules.mask.is_none() {
                let at = spec.rules.recheck_at;
                let earlier = c.units.iter().map(|u| UnitTally {
                    flag: u.ci.is_some_and(|(_, high)| high >= at),
                    ..u.clone()
                });
                variants.push(earlier.collect());
            }
            return Ok(variants
                .iter()
                .map(|units| {
                    let table = tally_table(units);
                    let forms = vec![tally_print_form(&table)];
                    one(table, forms, None)
                })
                .collect());
        }
        Rewrite::Score { spec, unit_facing } => {
            let report = score_in_memory(spec)?;
            let table = score_table(&report.units, *unit_facing);
            let forms = vec![score_print_form(&table)];
            one(table, forms, None)
        }
    }])
}

/// The draw a manifest records, made again (with its rosters' columns).
fn draw_again(spec: &DrawSpec, scan: ScanOptions) -> Result<ComputedDraw> {
    let (rows, _, _) = load_frame(&spec.frame, spec.allow_edited_frame)?;
    compute_in_memory(&rows, &roster_inputs(spec, scan), &draw_rules(spec))
}

/// The rosters of a draw to run again, scanned with `scan`.
pub fn roster_inputs(spec: &DrawSpec, scan: ScanOptions) -> RosterInputs {
    RosterInputs {
        rosters: spec.rosters.clone(),
        sheet: spec.sheet.clone(),
        id_column: spec.id_column.clone(),
        scan,
    }
}

/// The rules of a draw to run again.
pub fn draw_rules(spec: &DrawSpec) -> DrawRules {
    DrawRules {
        seed: spec.seed.clone(),
        take_all_short: spec.take_all_short,
        allow_count_mismatch: spec.allow_count_mismatch,
    }
}

/// What `pingyi audit select` is asked to do again.
pub fn select_options(spec: &SelectSpec) -> SelectOptions {
    SelectOptions {
        sample: spec.sample.clone(),
        seed: spec.seed.clone(),
        rate: spec.rate,
        id_column: spec.id_column.clone(),
        sheet: spec.sheet.clone(),
    }
}

/// What `pingyi audit tally` is asked to do again.
pub fn tally_options(spec: &TallySpec) -> TallyOptions {
    TallyOptions {
        checklists: spec.checklists.clone(),
        manifest: Some(spec.selection.clone()),
        sheet: spec.sheet.clone(),
        partial: spec.partial,
        rules: TallyRules {
            per_case: spec.rules.per_case,
            cap: spec.rules.cap,
            recheck_at: spec.rules.recheck_at,
            confidence: spec.rules.confidence,
        },
    }
}
