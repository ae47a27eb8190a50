//! Reading what a score is computed from out of tables already read: survey answers as
//! values of the scheme's levels, inspection scores, false-recipient findings and
//! disqualifications, each row's unit checked against the evaluated units.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::alias::Field;
use crate::io::text::{clean, parse_count, parse_real};
use crate::privacy::quote_cell;

use super::policy::{MissingInspection, ScorePolicy};
use super::scheme::Level;
use super::{KnownUnits, Response, Scheme, ScoreInputs, UnitTable};

/// What a response row's disposition (通话结果) says of its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    /// The respondent was reached: the answers count.
    Reached,
    /// The person is not a recipient: a false-recipient finding, not an answer.
    NotRecipient,
    /// Refused, no answer, a wrong number …: the row's answers are left out.
    NotReached,
}

/// Reads a disposition as interviewers write it; `None` for text that is none.
pub type ReadContact = fn(&str) -> Option<Contact>;

/// What every input of a score is read against.
#[derive(Clone, Copy)]
pub struct Reading<'a> {
    pub scheme: &'a Scheme,
    pub known: &'a KnownUnits,
    pub contact: ReadContact,
    pub policy: ScorePolicy,
}

/// The columns of the two questions and of the disposition in a responses table.
pub(crate) struct AnswerColumns {
    pub q1: usize,
    pub q2: usize,
    pub disposition: Option<usize>,
}

impl AnswerColumns {
    pub(crate) fn of(t: &UnitTable) -> Result<AnswerColumns> {
        Ok(AnswerColumns {
            q1: t.column(Field::Satisfaction, msg!("score-column-satisfaction"))?,
            q2: t.column(Field::Misconduct, msg!("score-column-misconduct"))?,
            disposition: t.position(Field::Disposition),
        })
    }
}

/// The survey answers of every reached respondent, and the false-recipient findings
/// the dispositions record (by unit).
pub fn read_responses(t: &UnitTable, r: Reading) -> Result<(Vec<Response>, BTreeMap<String, u64>)> {
    let cols = AnswerColumns::of(t)?;
    let mut responses = Vec::new();
    let mut survey: BTreeMap<String, u64> = BTreeMap::new();
    let mut counted = Counted::new(t);
    for (i, unit) in t.checked_rows(r.known)? {
        let contact = row_contact(t, i, cols.disposition, r.contact)?;
        if contact != Some(Contact::NotReached) {
            counted.once(i)?;
        }
        match contact {
            Some(c @ (Contact::NotRecipient | Contact::NotReached)) => {
                refuse_answers(t, i, &cols)?;
                if c == Contact::NotRecipient {
                    *survey.entry(unit).or_default() += 1;
                }
            }
            Some(Contact::Reached) | None => responses.push(Response {
                unit,
                q1: answer(t, i, cols.q1, r.scheme, &r.scheme.satisfaction)?,
                q2: answer(t, i, cols.q2, r.scheme, &r.scheme.misconduct)?,
            }),
        }
    }
    Ok((responses, survey))
}

/// The respondents whose answers (or finding) were counted, by id, so that no one is
/// counted twice; a call that reached no one may be followed by one that did.
struct Counted<'a> {
    t: &'a UnitTable,
    id: Option<usize>,
    rows: BTreeMap<String, usize>,
}

impl<'a> Counted<'a> {
    fn new(t: &'a UnitTable) -> Counted<'a> {
        // The respondent's id: the sample's id (编号), else a respondent number
        // (受访者编号), else the ID number, whichever the table has.
        let id = [Field::Id, Field::Respondent, Field::IdNumber]
            .into_iter()
            .find_map(|f| t.position(f));
        Counted {
            t,
            id,
            rows: BTreeMap::new(),
        }
    }

    /// Records row `i`'s respondent, or refuses one counted before.
    fn once(&mut self, i: usize) -> Result<()> {
        let Some(col) = self.id else { return Ok(()) };
        // Compared whatever the case of its letters: qs0000992 is QS0000992 typed again;
        // and a number without its leading zeros (a spreadsheet's number cell) is the
        // same number: 1 is 0001 typed again.
        let id = crate::draw::ids::id_key(self.t.cell(i, col)).to_uppercase();
        if id.is_empty() {
            return Ok(());
        }
        let id = match id.trim_start_matches('0') {
            rest if id.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty() => rest.to_string(),
            _ => id,
        };
        let row = self.t.grid().row_number(i);
        match self.rows.insert(id, row) {
            Some(first) => Err(Error::input(
                self.t.loc(i, col),
                msg!(
                    "input-respondent-twice",
                    id = quote_cell(self.t.cell(i, col)),
                    first
                ),
            )),
            None => Ok(()),
        }
    }
}

/// Refuses an answer in row `i`, whose disposition says no recipient was reached (a
/// refusal, no answer, not a recipient): either the disposition or the answer is
/// wrong, and leaving the answer out unseen could change a score.
fn refuse_answers(t: &UnitTable, i: usize, cols: &AnswerColumns) -> Result<()> {
    let Some(col) = [cols.q1, cols.q2]
        .into_iter()
        .find(|&c| !clean(&crate::io::text::visible(t.cell(i, c))).is_empty())
    else {
        return Ok(());
    };
    let d = cols.disposition.map_or("", |d| t.cell(i, d));
    Err(Error::input(
        t.loc(i, col),
        msg!(
            "score-answer-not-reached",
            value = quote_cell(t.cell(i, col)),
            disposition = quote_cell(d)
        ),
    ))
}

/// The disposition of row `i`: `None` where the table has no disposition column or the
/// cell is blank; an error naming the cell where it is no disposition.
fn row_contact(
    t: &UnitTable,
    i: usize,
    col: Option<usize>,
    contact: ReadContact,
) -> Result<Option<Contact>> {
    let Some(d) = col else { return Ok(None) };
    let raw = t.cell(i, d);
    if clean(raw).is_empty() {
        return Ok(None);
    }
    if crate::io::alias::ambiguous_call(raw) {
        return Err(Error::input(
            t.loc(i, d),
            msg!("disposition-ambiguous", value = quote_cell(raw)),
        ));
    }
    contact(raw).map(Some).ok_or_else(|| {
        Error::input(
            t.loc(i, d),
            msg!("score-disposition-unknown", value = quote_cell(raw)),
        )
    })
}

/// One answer as its level's value (`None`: blank, a refusal), or an error naming the
/// cell and the levels the scheme knows.
fn answer(
    t: &UnitTable,
    i: usize,
    col: usize,
    scheme: &Scheme,
    levels: &[Level],
) -> Result<Option<f64>> {
    let raw = t.cell(i, col);
    if clean(raw).is_empty() {
        return Ok(None);
    }
    Scheme::value(levels, raw).map(Some).ok_or_else(|| {
        Error::input(
            t.loc(i, col),
            msg!(
                "score-answer-unknown",
                value = quote_cell(raw),
                scheme => msg!("score-scheme-name", name = scheme.name),
                levels = Scheme::accepted(levels)
            ),
        )
    })
}

/// Inspection scores, one per unit, from 0 to 30.
pub fn read_inspection(t: &UnitTable, known: &KnownUnits) -> Result<BTreeMap<String, f64>> {
    let col = t.column(Field::Inspection, msg!("score-column-inspection"))?;
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    let mut scores = BTreeMap::new();
    for (i, unit) in t.checked_rows(known)? {
        let v = inspection_score(t, i, col)?;
        if let Some(first) = rows.insert(unit.clone(), t.grid().row_number(i)) {
            return Err(Error::input(
                t.loc(i, t.unit_column()),
                msg!("score-inspection-twice", unit, first),
            ));
        }
        scores.insert(unit, v);
    }
    // Points from 0 to 30 all at most 1: a share (0.21, or a cell formatted as 21%),
    // which read as points would turn the ranking upside down.
    if scores.len() > 1 && scores.values().all(|&v| v <= 1.0) && scores.values().any(|&v| v > 0.0) {
        return Err(Error::input(
            t.loc(t.header_row_index(), col),
            msg!("score-inspection-fractions", count = scores.len()),
        ));
    }
    Ok(scores)
}

/// The inspection score in row `i`, a number from 0 to 30.
fn inspection_score(t: &UnitTable, i: usize, col: usize) -> Result<f64> {
    parse_real(t.cell(i, col))
        .ok()
        .filter(|v| (0.0..=30.0).contains(v))
        .ok_or_else(|| {
            Error::input(
                t.loc(i, col),
                msg!("score-inspection-bad", value = quote_cell(t.cell(i, col))),
            )
        })
}

/// Adds a findings table's false-recipient counts to `findings`, by unit, and, for
/// pingyi's own tally, the checks it still has pending to `pending`.
pub fn add_findings(
    t: &UnitTable,
    known: &KnownUnits,
    (findings, pending): (&mut BTreeMap<String, u64>, &mut BTreeMap<String, u64>),
) -> Result<()> {
    refuse_score_table(t)?;
    let col = t.column(Field::FalseFound, msg!("score-column-false"))?;
    let pending_col = t.labelled(&crate::io::alias::TALLY_PENDING);
    let category = t.position(Field::Category);
    let mut rows: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut subtotals: Vec<(usize, String, u64)> = Vec::new();
    let mut by_unit: BTreeMap<String, u64> = BTreeMap::new();
    for (i, unit) in t.checked_rows(known)? {
        let cat = match category {
            Some(c) => category_cell(t, i, c, &unit)?,
            None => Some(String::new()),
        };
        let Some(cat) = cat else {
            // A unit's subtotal (小计, 合计 as its category): checked below, not added.
            subtotals.push((i, unit, findings_count(t, i, col)?));
            continue;
        };
        if let Some(first) = rows.insert((unit.clone(), cat), t.grid().row_number(i)) {
            return Err(Error::input(
                t.loc(i, t.unit_column()),
                msg!("score-findings-twice", unit, first),
            ));
        }
        if let Some(n) = pending_col.and_then(|c| parse_count(t.cell(i, c)).ok())
            && n > 0
        {
            *pending.entry(unit.clone()).or_default() += n;
        }
        let n = findings_count(t, i, col)?;
        let sum = by_unit.entry(unit).or_default();
        *sum = sum.saturating_add(n);
    }
    for (i, unit, n) in subtotals {
        let sum = by_unit.get(&unit).copied().unwrap_or(0);
        if sum != n {
            return Err(Error::input(
                t.loc(i, col),
                msg!("score-findings-subtotal", unit, value = n, sum),
            ));
        }
    }
    if category.is_none() {
        refuse_wrong_findings_total(t, col, by_unit.values().sum())?;
    }
    for (unit, n) in by_unit {
        let found = findings.entry(unit).or_default();
        *found = found.saturating_add(n);
    }
    Ok(())
}

/// Refuses a totals row (合计) of a findings table by unit that is not the sum of its
/// units' rows: a unit's row or the total was typed wrong, and which one is a guess.
fn refuse_wrong_findings_total(t: &UnitTable, col: usize, sum: u64) -> Result<()> {
    for (i, _) in t.rows() {
        if !crate::io::alias::is_total_label(t.cell(i, t.unit_column()))
            || crate::io::alias::is_subtotal_label(t.cell(i, t.unit_column()))
        {
            continue;
        }
        let Ok(total) = parse_count(t.cell(i, col)) else {
            continue;
        };
        if total != sum {
            return Err(Error::input(
                t.loc(i, col),
                msg!("score-findings-total", value = total, sum),
            ));
        }
    }
    Ok(())
}

/// The false-recipient count in row `i`, `col`.
fn findings_count(t: &UnitTable, i: usize, col: usize) -> Result<u64> {
    parse_count(t.cell(i, col)).map_err(|p| {
        Error::input(
            t.loc(i, col),
            msg!(
                "score-findings-bad",
                value = quote_cell(t.cell(i, col)),
                problem => p.describe()
            ),
        )
    })
}

/// The category of findings row `i` (category column `c`) as compared; `None` for a
/// unit's subtotal (小计 or 合计 as its category). A blank category is refused: the row
/// could be a subtotal, which added to its unit's other rows would count twice.
fn category_cell(t: &UnitTable, i: usize, c: usize, unit: &str) -> Result<Option<String>> {
    let cell = t.cell(i, c);
    if crate::io::alias::is_total_label(cell) {
        return Ok(None);
    }
    // Categories as the frame reads them: 农村最低生活保障 is 农村低保.
    let key = crate::io::text::unit_key(cell);
    let key = if key.is_empty() {
        key
    } else {
        crate::io::alias::Category::from_label(&key)
            .key()
            .to_string()
    };
    if key.is_empty() {
        return Err(Error::input(
            t.loc(i, c),
            msg!("score-findings-no-category", unit),
        ));
    }
    Ok(Some(key))
}

/// Refuses a score table given as findings: its false-recipient column already holds
/// the survey's own 非服务对象 findings, which the score counts again.
fn refuse_score_table(t: &UnitTable) -> Result<()> {
    if t.labelled(&["survey_score", "满意度调查得分"]).is_some()
        && t.labelled(&["rank", "排名"]).is_some()
    {
        return Err(Error::input(
            t.header_location(),
            msg!("score-findings-is-score"),
        ));
    }
    Ok(())
}

/// Refuses two findings tables that give every unit the same counts (some of them
/// not 0): the same findings given twice (a tally and its workbook twin, one file
/// named twice) would count every false recipient twice.
pub(crate) fn refuse_same_findings(tables: &[UnitTable], known: &KnownUnits) -> Result<()> {
    let mut seen: Vec<(BTreeMap<String, u64>, &UnitTable)> = Vec::new();
    for t in tables {
        let mut counts = (BTreeMap::new(), BTreeMap::new());
        add_findings(t, known, (&mut counts.0, &mut counts.1))?;
        counts.0.retain(|_, n| *n > 0);
        if counts.0.is_empty() {
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(c, _)| *c == counts.0) {
            return Err(Error::input(
                t.grid().origin.clone(),
                msg!("score-findings-same", other => first.grid().origin.message()),
            ));
        }
        seen.push((counts.0, t));
    }
    Ok(())
}

/// The units whose checks an audit tally gives results for (some checked, not all
/// pending), each with its row; None for a findings table that is no tally.
type TallyResults = Option<BTreeMap<String, usize>>;

fn tally_results(t: &UnitTable, known: &KnownUnits) -> Result<TallyResults> {
    let (Some(pending), Some(checked)) = (
        t.labelled(&crate::io::alias::TALLY_PENDING),
        t.labelled(&["checked", "核查数"]),
    ) else {
        return Ok(None);
    };
    let mut out = BTreeMap::new();
    for (i, unit) in t.checked_rows(known)? {
        let count = |c: usize| parse_count(t.cell(i, c)).unwrap_or(0);
        if count(checked) > count(pending) {
            out.insert(unit, i);
        }
    }
    Ok(Some(out))
}

/// Refuses two tallies that both give results for one unit: two tallies of one audit
/// (one made from a township's checklist, one from all of them) would count its false
/// recipients twice.
fn refuse_one_audit_twice(
    tables: &[UnitTable],
    by_table: &[(TallyResults, BTreeMap<String, u64>)],
) -> Result<()> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, (results, _)) in by_table.iter().enumerate() {
        for (unit, &i) in results.iter().flatten() {
            if let Some(&first) = seen.get(unit.as_str()) {
                let t = &tables[k];
                return Err(Error::input(
                    t.loc(i, t.unit_column()),
                    msg!(
                        "score-findings-audit-twice",
                        unit = unit,
                        other => tables[first].grid().origin.message()
                    ),
                ));
            }
            seen.insert(unit, k);
        }
    }
    Ok(())
}

/// The checks still pending per unit over all findings tables: those of the tally that
/// gives the unit's results, when one does (the others list the unit as not yet
/// returned); else the most any table lists (each tally of one audit lists them all).
fn merged_pending(by_table: &[(TallyResults, BTreeMap<String, u64>)]) -> BTreeMap<String, u64> {
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    let has_results = |unit: &str| {
        by_table
            .iter()
            .any(|(r, _)| r.as_ref().is_some_and(|r| r.contains_key(unit)))
    };
    for (results, pending) in by_table {
        for (unit, &n) in pending {
            let counted = results.as_ref().is_none_or(|r| r.contains_key(unit));
            let entry = out.entry(unit.clone()).or_default();
            if has_results(unit) {
                if counted {
                    *entry += n;
                }
            } else {
                *entry = (*entry).max(n);
            }
        }
    }
    out.retain(|_, n| *n > 0);
    out
}

/// Disqualified units with their reasons; a unit listed twice keeps every distinct
/// reason, joined by "; ". A blank reason is refused: the ranking prints it, and a row
/// without one may be a unit listed by mistake.
pub fn read_disqualified(t: &UnitTable, known: &KnownUnits) -> Result<BTreeMap<String, String>> {
    let col = t.column(Field::Reason, msg!("score-column-reason"))?;
    let mut disqualified: BTreeMap<String, String> = BTreeMap::new();
    for (i, unit) in t.checked_rows(known)? {
        // The reason is printed in the ranking and the unit-facing table: an ID number
        // or a phone written into it is masked there as everywhere.
        let reason =
            crate::privacy::mask_personal(&clean(&crate::io::text::visible(t.cell(i, col))));
        if reason.is_empty() {
            return Err(Error::input(
                t.loc(i, col),
                msg!("score-disqualified-no-reason", unit),
            ));
        }
        match disqualified.get_mut(&unit) {
            Some(r) if !reason.is_empty() && *r != reason => {
                r.push_str("; ");
                r.push_str(&reason);
            }
            Some(_) => {}
            None => {
                disqualified.insert(unit, reason);
            }
        }
    }
    Ok(disqualified)
}

/// Every input of a score read into [`ScoreInputs`] (without the weighted means).
pub fn score_inputs(
    tables: &super::ScoreTables,
    r: Reading,
) -> Result<(ScoreInputs, BTreeMap<String, u64>)> {
    let (responses, survey) = read_responses(&tables.responses, r)?;
    let mut inputs = ScoreInputs {
        evaluated: r.known.names().map(str::to_string).collect(),
        responses,
        policy: r.policy,
        ..Default::default()
    };
    if let Some(t) = &tables.inspection {
        inputs.inspection = read_inspection(t, r.known)?;
    }
    for (k, n) in &survey {
        *inputs.findings.entry(k.clone()).or_default() += n;
    }
    refuse_same_findings(&tables.findings, r.known)?;
    let mut by_table = Vec::new();
    for t in &tables.findings {
        let mut pending = BTreeMap::new();
        add_findings(t, r.known, (&mut inputs.findings, &mut pending))?;
        by_table.push((tally_results(t, r.known)?, pending));
    }
    refuse_one_audit_twice(&tables.findings, &by_table)?;
    inputs.pending_findings = merged_pending(&by_table);
    if let Some(t) = &tables.disqualified {
        inputs.disqualified = read_disqualified(t, r.known)?;
    }
    Ok((inputs, survey))
}

/// Refuses, unless the policy says how to treat them, evaluated units (not
/// disqualified) without an inspection score: a forgotten or misspelt row would
/// otherwise cost a unit up to 30 points without a word.
pub(crate) fn check_inspection(table: Option<&UnitTable>, inputs: &ScoreInputs) -> Result<()> {
    if inputs.policy.missing_inspection != MissingInspection::Refuse {
        return Ok(());
    }
    let missing: Vec<&str> = inputs
        .evaluated
        .iter()
        .filter(|u| !inputs.inspection.contains_key(*u) && !inputs.disqualified.contains_key(*u))
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let (count, units) = (missing.len(), missing.join("、"));
    Err(match table {
        Some(t) => Error::input(
            t.grid().origin.clone(),
            msg!("score-inspection-missing", count, units),
        ),
        None => Error::usage(msg!("score-no-inspection", count)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::grid::read_grid;

    fn table(csv: &str, kind: crate::io::alias::Input) -> UnitTable {
        UnitTable::new(read_grid(csv.as_bytes(), "t.csv", None).unwrap(), kind).unwrap()
    }

    /// The township scheme and the evaluated units `units`.
    fn township_units(units: &[&str]) -> (Scheme, KnownUnits) {
        let known = KnownUnits::new("units.csv", units.iter().map(|u| u.to_string()));
        (Scheme::township(), known)
    }

    /// Answers read under `scheme` against `known`, dispositions by [`contact`].
    fn reading<'a>(scheme: &'a Scheme, known: &'a KnownUnits) -> Reading<'a> {
        Reading {
            scheme,
            known,
            contact,
            policy: ScorePolicy::default(),
        }
    }

    fn contact(text: &str) -> Option<Contact> {
        match text {
            "接通" => Some(Contact::Reached),
            "非服务对象" => Some(Contact::NotRecipient),
            "拒访" => Some(Contact::NotReached),
            _ => None,
        }
    }

    #[test]
    fn answers_are_read_from_a_table_in_memory() {
        let (scheme, known) = township_units(&["甲", "乙"]);
        let r = reading(&scheme, &known);
        let t = table(
            "单位,总体满意度,不良行为,通话结果\n甲,满意,不存在,接通\n甲,,,\n乙,,,拒访\n乙,,,非服务对象\n合计,,,\n",
            crate::io::alias::Input::Responses,
        );
        let (responses, survey) = read_responses(&t, r).unwrap();
        assert_eq!(responses.len(), 2, "{responses:?}");
        assert_eq!(responses[1].q1, None);
        assert_eq!(survey.get("乙"), Some(&1));
        let bad = table(
            "单位,总体满意度,不良行为,通话结果\n甲,满意,不存在,打通了\n",
            crate::io::alias::Input::Responses,
        );
        let e = read_responses(&bad, r).unwrap_err().to_string();
        assert!(
            e.contains("t.csv") && e.contains("row 2") && e.contains("接通"),
            "{e}"
        );
    }

    #[test]
    fn an_answer_where_no_recipient_was_reached_is_refused() {
        let (scheme, known) = township_units(&["甲"]);
        let r = reading(&scheme, &known);
        for disposition in ["拒访", "非服务对象"] {
            let t = table(
                &format!(
                    "单位,总体满意度,不良行为,通话结果\n甲,满意,不存在,接通\n甲,,严重,{disposition}\n"
                ),
                crate::io::alias::Input::Responses,
            );
            let e = read_responses(&t, r).unwrap_err().to_string();
            assert!(
                e.contains("row 3") && e.contains("(C)") && e.contains(disposition),
                "{e}"
            );
        }
    }

    #[test]
    fn answers_are_matched_without_invisible_characters_and_none_is_written_many_ways() {
        let (scheme, known) = township_units(&["甲"]);
        let r = reading(&scheme, &known);
        let t = table(
            "单位,总体满意度,不良行为\n甲,满意\u{200b},无\n甲,基本满意,没有\n",
            crate::io::alias::Input::Responses,
        );
        let (responses, _) = read_responses(&t, r).unwrap();
        assert_eq!(responses[0].q1, Some(0.9));
        assert_eq!((responses[0].q2, responses[1].q2), (Some(1.0), Some(1.0)));
    }

    #[test]
    fn a_respondent_counted_twice_is_refused_by_any_id_column_and_case() {
        let (scheme, known) = township_units(&["甲"]);
        let r = reading(&scheme, &known);
        for (header, a, b) in [
            ("编号", "QS01", "qs01"),
            ("受访者编号", "7", "7"),
            ("身份证号", "11010519491231002x", "11010519491231002X"),
        ] {
            let t = table(
                &format!(
                    "单位,{header},总体满意度,不良行为\n甲,{a},满意,不存在\n甲,{b},满意,不存在\n"
                ),
                crate::io::alias::Input::Responses,
            );
            let e = read_responses(&t, r).unwrap_err().to_string();
            assert!(e.contains("row 3") && e.contains("row 2"), "{header}: {e}");
        }
    }

    #[test]
    fn a_unit_listed_twice_in_one_findings_table_is_refused() {
        let known = KnownUnits::new("units.csv", ["甲", "乙"].map(String::from));
        let kind = crate::io::alias::Input::Findings;
        let read = |csv: &str| {
            let mut found = (BTreeMap::new(), BTreeMap::new());
            add_findings(&table(csv, kind), &known, (&mut found.0, &mut found.1)).map(|_| found.0)
        };
        let e = read("单位,虚假\n甲,1\n乙,2\n甲,1\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 4") && e.contains("row 2"), "{e}");
        // One row per unit and category is a table of its own kind, added up.
        let by_category = read("单位,类别,虚假\n甲,农村低保,1\n甲,五保,2\n合计,,3\n").unwrap();
        assert_eq!(by_category.get("甲"), Some(&3));
        let e = read("单位,类别,虚假\n甲,五保,1\n甲,五保,2\n").unwrap_err();
        assert!(e.to_string().contains("row 3"), "{e}");
        // One category by two of its names.
        let e = read("单位,类别,虚假\n甲,农村低保,1\n甲,农村最低生活保障,1\n").unwrap_err();
        assert!(e.to_string().contains("row 3"), "{e}");
        // A unit's subtotal is checked, not added; a row without a category is refused.
        let sub = read("单位,类别,虚假\n甲,农村低保,1\n甲,五保,2\n甲,小计,3\n").unwrap();
        assert_eq!(sub.get("甲"), Some(&3));
        let e = read("单位,类别,虚假\n甲,农村低保,1\n甲,五保,2\n甲,小计,2\n").unwrap_err();
        assert!(
            e.to_string().contains("row 4") && e.to_string().contains("add up to 3"),
            "{e}"
        );
        let e = read("单位,类别,虚假\n甲,农村低保,1\n甲,,1\n").unwrap_err();
        assert!(
            e.to_string().contains("row 3") && e.to_string().contains("(B)"),
            "{e}"
        );
        // A score table is no findings table.
        let e = read("单位,survey_score,false_found,rank\n甲,60,1,1\n").unwrap_err();
        assert!(e.to_string().contains("is a score table"), "{e}");
    }

    #[test]
    fn the_same_findings_given_twice_are_refused() {
        let known = KnownUnits::new("units.csv", ["甲", "乙"].map(String::from));
        let kind = crate::io::alias::Input::Findings;
        let grid = |csv: &str, name: &str| read_grid(csv.as_bytes(), name, None).unwrap();
        let t = |csv: &str, name: &str| UnitTable::new(grid(csv, name), kind).unwrap();
        let a = t("单位,虚假\n甲,1\n乙,0\n", "a.csv");
        let twin = t("unit,false,checked\n乙,0,9\n甲,1,9\n", "a.xlsx");
        let e = refuse_same_findings(&[a.clone(), twin], &known)
            .unwrap_err()
            .to_string();
        assert!(e.contains("a.xlsx") && e.contains("a.csv"), "{e}");
        let other = t("单位,虚假\n甲,2\n", "b.csv");
        assert!(refuse_same_findings(&[a.clone(), other], &known).is_ok());
        // Two checks that found nothing: nothing is counted twice.
        let none = t("单位,虚假\n甲,0\n", "c.csv");
        assert!(refuse_same_findings(&[none.clone(), none], &known).is_ok());
    }

    #[test]
    fn a_disqualification_needs_its_reason() {
        let known = KnownUnits::new("units.csv", ["甲"].map(String::from));
        let kind = crate::io::alias::Input::Disqualified;
        let e = read_disqualified(&table("单位,原因\n甲, \n", kind), &known).unwrap_err();
        assert!(
            e.to_string().contains("row 2") && e.to_string().contains("(B)"),
            "{e}"
        );
        let ok = read_disqualified(&table("单位,原因\n甲,a\n甲,b\n", kind), &known).unwrap();
        assert_eq!(ok.get("甲").map(String::as_str), Some("a; b"));
        let csv = "单位,原因\n甲,举报人 13812345678 身份证 110105194912310021\n";
        let masked = read_disqualified(&table(csv, kind), &known).unwrap();
        let reason = &masked["甲"];
        assert!(
            !reason.contains("12345678") && !reason.contains("194912310"),
            "{reason}"
        );
    }

    #[test]
    fn inspection_scores_are_one_per_unit_from_0_to_30() {
        let known = KnownUnits::new("units.csv", ["甲", "乙"].map(String::from));
        let kind = crate::io::alias::Input::Inspection;
        let ok = read_inspection(&table("单位,检查评估\n甲,25\n乙,30\n", kind), &known).unwrap();
        assert_eq!(ok.get("乙"), Some(&30.0));
        let e = read_inspection(&table("单位,检查评估\n甲,31\n", kind), &known).unwrap_err();
        assert!(e.to_string().contains("from 0 to 30"), "{e}");
        let e = read_inspection(&table("单位,检查评估\n甲,1\n甲,2\n", kind), &known).unwrap_err();
        assert!(e.to_string().contains("the first is at row 2"), "{e}");
        let e =
            read_inspection(&table("单位,检查评估\n甲,0.21\n乙,0.9\n", kind), &known).unwrap_err();
        assert!(
            e.to_string().contains("(B)") && e.to_string().contains("0 to 30"),
            "{e}"
        );
        assert!(read_inspection(&table("单位,检查评估\n甲,1\n乙,2\n", kind), &known).is_ok());
        let e = read_inspection(
            &table("单位,检查评估\n甲,1\n乙,2\n平均,1.5\n", kind),
            &known,
        );
        let e = e.unwrap_err().to_string();
        assert!(
            e.contains("row 4") && e.contains("summary row (平均)"),
            "{e}"
        );
    }
}
