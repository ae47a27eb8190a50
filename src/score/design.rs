//! The sampling design behind weighted means (`--weighted`): each respondent's stratum
//! and its population N_h, taken from the draw's sample, and every respondent with both
//! answers matched to the unit the sample drew them for.

use std::collections::BTreeMap;

use crate::draw::ids::SampleIds;
use crate::draw::roster::RosterReader;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::alias::{Field, Input};
use crate::io::text::{match_key, parse_real, unit_key};
use crate::privacy::quote_id_cell;

use super::read::{AnswerColumns, Contact, Reading};
use super::weighted::{WeightedMeans, WeightedRecord, weighted_means};
use super::{Scheme, UnitTable};

/// The strata of a sample from `pingyi draw`: each respondent's stratum and unit, and
/// each stratum's population.
struct Design {
    /// The sample's file, for messages.
    source: String,
    /// Respondent id → (stratum key, the unit the sample gives them).
    stratum_of: BTreeMap<String, (String, String)>,
    /// Stratum key → (main rows, their weight).
    mains: BTreeMap<String, (u64, f64)>,
    /// The respondents' ids, for matching the answers' ids against them.
    ids: SampleIds,
}

impl Design {
    /// Reads the sample: the role and weight columns, every respondent's stratum.
    fn read(sample: RosterReader) -> Result<Design> {
        let source = sample.origin().file.clone().unwrap_or_default();
        let labels = &sample.header.labels;
        let (Some(role), Some(weight)) = (
            Input::Sample.find(labels, Field::Role),
            Input::Sample.find(labels, Field::Weight),
        ) else {
            return Err(Error::input(
                sample.origin().clone(),
                msg!("score-sample-not-drawn"),
            ));
        };
        let mut design = Design {
            source,
            stratum_of: BTreeMap::new(),
            mains: BTreeMap::new(),
            ids: SampleIds::default(),
        };
        for r in sample {
            let r = r?;
            let key = format!("{}\u{1f}{}", r.unit, r.category.key());
            if matches!(match_key(&r.cells[role]).as_str(), "main" | "正式样本") {
                let e = design.mains.entry(key.clone()).or_insert((0, 0.0));
                e.0 += 1;
                e.1 = parse_real(&r.cells[weight]).unwrap_or(0.0);
            }
            design.stratum_of.insert(r.id, (key, r.unit));
        }
        design.ids = SampleIds::new(design.stratum_of.keys().map(String::as_str));
        Ok(design)
    }

    /// A stratum's population: its main rows × their weight.
    fn population(&self, key: &str) -> u64 {
        self.mains
            .get(key)
            .map(|(n, w)| (*n as f64 * w).round() as u64)
            .unwrap_or(0)
    }

    /// The weighted record of the respondent in row `i` (id in column `id`, answered
    /// for `unit`), checked against the unit and stratum the sample gives them.
    fn record(&self, t: &UnitTable, i: usize, id: usize, unit: &str) -> Result<(String, String)> {
        let rid = self.ids.resolve(t.cell(i, id), || t.loc(i, id))?;
        let (key, drawn_in) = self.stratum_of.get(&rid).ok_or_else(|| {
            Error::input(
                t.loc(i, id),
                msg!(
                    "score-respondent-not-in-sample",
                    respondent = quote_id_cell(&rid),
                    sample = self.source
                ),
            )
        })?;
        if unit_key(drawn_in) != unit_key(unit) {
            return Err(Error::input(
                t.loc(i, t.unit_column()),
                msg!(
                    "score-respondent-other-unit",
                    unit,
                    respondent = quote_id_cell(&rid),
                    drawn_in,
                    sample = self.source
                ),
            ));
        }
        Ok((rid, key.clone()))
    }

    /// The population of the stratum of respondent `rid`, refused when the sample
    /// gives it no main row of positive weight.
    fn positive_population(
        &self,
        t: &UnitTable,
        i: usize,
        id: usize,
        rid: &str,
        key: &str,
    ) -> Result<u64> {
        let population = self.population(key);
        if population == 0 {
            let drawn_in = &self.stratum_of[rid].1;
            return Err(Error::input(
                t.loc(i, id),
                msg!(
                    "score-respondent-no-weight",
                    respondent = quote_id_cell(rid),
                    drawn_in,
                    sample = self.source
                ),
            ));
        }
        Ok(population)
    }
}

/// The respondent column of a responses table: the first column named as an id or as
/// a respondent.
fn respondent_column(t: &UnitTable) -> Result<usize> {
    t.position_of_any(&[Field::Id, Field::Respondent])
        .ok_or_else(|| {
            Error::input(
                t.header_location(),
                msg!(
                    "score-no-respondent-column",
                    names = format!(
                        "{}, {}",
                        Field::Id.aliases()[..3].join(", "),
                        Field::Respondent.aliases().join(", ")
                    )
                ),
            )
        })
}

/// Both answers of row `i` as values of the scheme, when the respondent was reached
/// (or the table records no disposition) and answered both questions.
fn both_answers(t: &UnitTable, i: usize, cols: &AnswerColumns, r: &Reading) -> Option<(f64, f64)> {
    if let Some(d) = cols.disposition {
        let raw = t.cell(i, d);
        if !crate::io::text::clean(raw).is_empty() && (r.contact)(raw) != Some(Contact::Reached) {
            return None;
        }
    }
    Some((
        Scheme::value(&r.scheme.satisfaction, t.cell(i, cols.q1))?,
        Scheme::value(&r.scheme.misconduct, t.cell(i, cols.q2))?,
    ))
}

/// The design-weighted means of every unit: respondents with both answers, weights
/// N_h / respondents_h, N_h from the draw's sample (weight × sample size).
pub fn weighted_inputs(
    t: &UnitTable,
    sample: RosterReader,
    r: Reading,
) -> Result<BTreeMap<String, WeightedMeans>> {
    let design = Design::read(sample)?;
    let id = respondent_column(t)?;
    let cols = AnswerColumns::of(t)?;
    let mut by_unit: BTreeMap<String, Vec<WeightedRecord>> = BTreeMap::new();
    for (i, unit) in t.checked_rows(r.known)? {
        let Some((q1, q2)) = both_answers(t, i, &cols, &r) else {
            continue;
        };
        let (rid, stratum) = design.record(t, i, id, &unit)?;
        let population = design.positive_population(t, i, id, &rid, &stratum)?;
        by_unit.entry(unit).or_default().push(WeightedRecord {
            stratum,
            population,
            q1,
            q2,
        });
    }
    Ok(by_unit
        .into_iter()
        .filter_map(|(u, recs)| weighted_means(&recs).map(|m| (u, m)))
        .collect())
}
