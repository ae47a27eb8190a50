//! Terminal summaries: the short tables `pingyi run` and each stage print.

pub mod html;

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use std::path::Path;

use crate::audit::Selection;
use crate::audit::tally::UnitTally;
use crate::draw::Draw;
use crate::draw::quality::QualityIssue;
use crate::frame::Frame;
use crate::i18n::msg;
use crate::provenance::verdict::Verdict;
use crate::score::UnitScore;

/// A terminal table with the given header, in the style of every summary.
/// A text of a terminal table in the language of messages (one language, as every
/// text a person reads).
fn head(m: crate::i18n::Message) -> String {
    m.render()
}

fn table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(header);
    table
}

/// A count, right-aligned.
fn number(n: u64) -> Cell {
    Cell::new(n).set_alignment(CellAlignment::Right)
}

/// The per-unit totals of a frame, with a grand total, as a terminal table.
pub fn frame_summary(frame: &Frame) -> String {
    let mut table = table(vec![
        head(msg!("summary-col-unit")),
        head(msg!("summary-col-population")),
        head(msg!("summary-col-target")),
        head(msg!("summary-col-sample")),
        head(msg!("summary-col-reserve")),
        head(msg!("summary-col-note")),
    ]);
    let mut total = [0; 4];
    for u in &frame.units {
        let counts = [u.population, u.target, u.sample, u.reserve];
        total.iter_mut().zip(counts).for_each(|(t, n)| *t += n);
        let mut row = vec![Cell::new(&u.unit)];
        row.extend(counts.map(number));
        row.push(Cell::new(&u.note));
        table.add_row(row);
    }
    let mut row = vec![Cell::new(head(msg!("summary-row-total")))];
    row.extend(total.map(number));
    row.push(Cell::new(""));
    table.add_row(row);
    table.to_string()
}

/// Per-unit counts of a draw: roster, sample and reserves.
pub fn draw_summary(draw: &Draw) -> String {
    let mut table = table(vec![
        head(msg!("summary-col-unit")),
        head(msg!("summary-col-roster")),
        head(msg!("summary-col-sample")),
        head(msg!("summary-col-reserve")),
    ]);
    let mut total = [0; 3];
    for (unit, counts) in unit_counts(draw) {
        total.iter_mut().zip(counts).for_each(|(t, n)| *t += n);
        let mut row = vec![Cell::new(unit)];
        row.extend(counts.map(number));
        table.add_row(row);
    }
    let mut row = vec![Cell::new(head(msg!("summary-row-total")))];
    row.extend(total.map(number));
    table.add_row(row);
    table.to_string()
}

/// A draw's roster, sample and reserve counts summed per unit (strata come unit by unit).
fn unit_counts(draw: &Draw) -> Vec<(&str, [u64; 3])> {
    let mut units: Vec<(&str, [u64; 3])> = Vec::new();
    for s in &draw.strata {
        let counts = [s.roster, s.sample, s.reserve];
        match units.last_mut() {
            Some((unit, sums)) if *unit == s.unit => {
                sums.iter_mut().zip(counts).for_each(|(t, n)| *t += n);
            }
            _ => units.push((&s.unit, counts)),
        }
    }
    units
}

/// One line per kind of data-quality finding, and where the report is.
pub fn quality_summary(issues: &[QualityIssue], report: &Path) -> String {
    let report = report.display().to_string();
    if issues.is_empty() {
        return msg!("summary-quality-none", report).render();
    }
    let zh = crate::i18n::language() == crate::i18n::Lang::Zh;
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for i in issues {
        let kind = if zh { i.kind_zh } else { i.kind };
        match kinds.iter_mut().find(|k| k.0 == kind) {
            Some(k) => k.1 += 1,
            None => kinds.push((kind, 1)),
        }
    }
    let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} × {k}")).collect();
    msg!("summary-quality", findings = list.join(", "), report).render()
}

/// Per-unit counts of an audit selection.
pub fn selection_summary(selection: &Selection) -> String {
    let mut table = table(vec![
        head(msg!("summary-col-unit")),
        head(msg!("summary-col-collected")),
        head(msg!("summary-col-checked")),
    ]);
    let (mut c, mut s) = (0, 0);
    for u in &selection.units {
        c += u.collected;
        s += u.selected;
        table.add_row(vec![
            Cell::new(&u.unit),
            number(u.collected),
            number(u.selected),
        ]);
    }
    table.add_row(vec![
        Cell::new(head(msg!("summary-row-total"))),
        number(c),
        number(s),
    ]);
    table.to_string()
}

/// Per-unit findings of an audit tally.
pub fn tally_summary(units: &[UnitTally]) -> String {
    let mut table = table(vec![
        head(msg!("summary-col-unit")),
        head(msg!("summary-col-checked")),
        head(msg!("summary-col-false")),
        head(msg!("summary-col-unverifiable")),
        head(msg!("clerk-col-pending")),
        head(msg!("summary-col-deduction")),
        head(msg!("summary-col-false-rate-95")),
        head(msg!("summary-col-flag")),
    ]);
    for u in units {
        table.add_row(vec![
            Cell::new(&u.unit),
            number(u.checked),
            number(u.false_count),
            number(u.unverifiable),
            number(u.pending),
            Cell::new(format!("{:.1}", u.deduction)).set_alignment(CellAlignment::Right),
            Cell::new(false_rate(u)),
            Cell::new(tally_flag(u)),
        ]);
    }
    table.to_string()
}

/// A unit's flag in the tally, as the written tally has it: 未返回 for a unit whose
/// checklist has not come back, 需全面复核 for one to check in full.
fn tally_flag(u: &UnitTally) -> String {
    match (u.returned, u.flag) {
        (false, _) => head(msg!("clerk-flag-not-returned")),
        (true, true) => head(msg!("summary-col-recheck")),
        (true, false) => String::new(),
    }
}

/// A unit's false rate with its 95% interval, in percent; a dash where none was checked.
fn false_rate(u: &UnitTally) -> String {
    match (u.false_rate, u.ci) {
        (Some(r), Some((lo, hi))) => {
            format!("{:.1}% ({:.1}–{:.1}%)", r * 100.0, lo * 100.0, hi * 100.0)
        }
        _ => "—".to_string(),
    }
}

/// The ranking: each unit's arithmetic, rank and flags.
pub fn score_summary(units: &[UnitScore]) -> String {
    let mut table = table(vec![
        head(msg!("summary-col-rank")),
        head(msg!("summary-col-unit")),
        head(msg!("summary-col-resp")),
        head(msg!("summary-col-survey")),
        head(msg!("summary-col-deduction")),
        head(msg!("summary-col-inspection")),
        head(msg!("summary-col-total")),
        head(msg!("summary-col-flags")),
    ]);
    let real = |v: Option<f64>| {
        Cell::new(v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "—".into()))
            .set_alignment(CellAlignment::Right)
    };
    for u in units {
        table.add_row(vec![
            Cell::new(u.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into())),
            Cell::new(&u.unit),
            number(u.respondents),
            real(u.survey_rounded),
            real(Some(u.deduction)),
            real(u.inspection),
            real(u.rounded),
            Cell::new(u.flags_text(crate::i18n::language())),
        ]);
    }
    table.to_string()
}

/// The verdicts of `pingyi verify`, masked: OK with what was re-derived, or DIFFERS
/// with every difference; then any notes.
pub fn verdicts(verdicts: &[Verdict]) -> String {
    let mut text = String::new();
    for v in verdicts {
        let v = v.masked();
        let manifest = v.manifest.display();
        if v.ok() {
            let ok = msg!("verify-ok", manifest = manifest, summary = v.summary);
            text.push_str(&format!("{}\n", ok.render()));
        } else {
            let differs = msg!("verify-differs", manifest = manifest);
            text.push_str(&format!("{}\n", differs.render()));
            for d in &v.differences {
                text.push_str(&format!("  - {d}\n"));
            }
        }
        for n in &v.notes {
            text.push_str(&format!("  {}\n", msg!("verify-note", note = n).render()));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn verdict(differences: Vec<String>, notes: Vec<String>) -> Verdict {
        Verdict {
            manifest: PathBuf::from("sample.csv.manifest.json"),
            command: "draw".into(),
            summary: "draw: 12 records re-derived".into(),
            notes,
            differences,
        }
    }

    #[test]
    fn verdicts_say_ok_or_every_difference_masked() {
        let ok = verdict(Vec::new(), vec!["rosters: same content".into()]);
        let bad = verdict(vec!["record 13812345678 is missing".into()], Vec::new());
        assert_eq!(
            verdicts(&[ok, bad]),
            "OK sample.csv.manifest.json — draw: 12 records re-derived\n  \
             note: rosters: same content\n\
             DIFFERS sample.csv.manifest.json\n  \
             - record 138****5678 is missing\n"
        );
    }
}
