//! The score as a table (the full one, and the unit-facing one that hides small
//! means), and its content digest: what every output of a score is rendered from.

use crate::io::digest::ContentDigest;
use crate::io::table::format_real;
use crate::io::{Cell, ColumnKind, ColumnSpec, OutputTable, PrintForm};

use crate::i18n::Lang;

use super::{UnitScore, Z95};

/// The fewest respondents whose means a unit-facing table shows.
const SHOWN_FROM: u64 = 5;

/// The score table; `unit_facing` suppresses every mean over fewer than 5 respondents
/// (and the scores derived from them) and drops the respondent counts.
pub fn score_table(units: &[UnitScore], unit_facing: bool) -> OutputTable {
    let weighted = units.iter().any(|u| u.survey_se.is_some());
    OutputTable {
        sheet: "评议得分".to_string(),
        columns: score_columns(unit_facing, weighted),
        rows: units
            .iter()
            .map(|u| score_row(u, unit_facing, weighted))
            .collect(),
        choices: Vec::new(),
    }
}

/// How the unit-facing score workbook prints: a title naming the ranking and the number
/// of units (nothing of the inputs' file names), and a 合计 row of the false-recipient
/// findings (scores and ranks do not add up).
pub fn score_print_form(table: &OutputTable) -> PrintForm {
    PrintForm {
        title: format!("民主评议得分与排名（{} 个单位）", table.rows.len()),
        totals: table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.key.as_ref(), "respondents" | "false_found"))
            .map(|(j, _)| j)
            .collect(),
        internal: false,
    }
}

/// A number, or an empty cell.
fn real(v: Option<f64>) -> Cell {
    v.map(Cell::Float).unwrap_or(Cell::Empty)
}

/// One unit's row.
fn score_row(u: &UnitScore, unit_facing: bool, weighted: bool) -> Vec<Cell> {
    let hide = unit_facing && u.respondents < SHOWN_FROM;
    let shown = |v: Option<f64>| {
        if hide {
            Cell::Text("<5".into())
        } else {
            real(v)
        }
    };
    // A table for people shows the means as its workbook does (0.000), in CSV too.
    let mean = |v: Option<f64>| match unit_facing {
        true => shown(v.map(|m| (m * 1000.0).round() / 1000.0)),
        false => shown(v),
    };
    let mut row = vec![Cell::Text(u.unit.clone())];
    if !unit_facing {
        row.push(Cell::Int(u.respondents as i64));
    }
    row.extend([
        mean(u.q1_mean),
        mean(u.q2_mean),
        shown(u.survey_rounded),
        Cell::Int(u.false_found as i64),
        Cell::Float(u.deduction),
        real(u.inspection),
        shown(u.rounded),
        u.rank.map(|r| Cell::Int(r as i64)).unwrap_or(Cell::Empty),
        flags(u),
    ]);
    if weighted {
        row.extend(uncertainty(u).into_iter().map(shown));
    }
    row
}

/// The flags in the output's language only.
fn flags(u: &UnitScore) -> Cell {
    Cell::label(u.flags_text(Lang::En), u.flags_text(Lang::Zh))
}

/// The standard errors of the two means and of the survey score, and the survey
/// score's 95% interval (weighted means only).
fn uncertainty(u: &UnitScore) -> [Option<f64>; 5] {
    let ci = |sign: f64| {
        u.survey_score
            .zip(u.survey_se)
            .map(|(s, e)| s + sign * Z95 * e)
    };
    [u.q1_se, u.q2_se, u.survey_se, ci(-1.0), ci(1.0)]
}

/// The columns: English name, Chinese name and kind (means are text where a
/// unit-facing table may hide them).
fn score_columns(unit_facing: bool, weighted: bool) -> Vec<ColumnSpec> {
    let mean = if unit_facing {
        ColumnKind::Text
    } else {
        ColumnKind::Float
    };
    let mut columns = vec![ColumnSpec::new("unit", "单位", ColumnKind::Text)];
    if !unit_facing {
        columns.push(ColumnSpec::new("respondents", "受访人数", ColumnKind::Int));
    }
    columns.extend([
        ColumnSpec::new("q1_mean", "满意度均值", mean),
        ColumnSpec::new("q2_mean", "不良行为均值", mean),
        ColumnSpec::new("survey_score", "满意度调查得分", mean),
        ColumnSpec::new("false_found", "虚假对象数", ColumnKind::Int),
        ColumnSpec::new("deduction", "扣分", ColumnKind::Float),
        ColumnSpec::new("inspection", "检查评估得分", ColumnKind::Float),
        ColumnSpec::new("total", "总分", mean),
        ColumnSpec::new("rank", "排名", ColumnKind::Int),
        ColumnSpec::new("flags", "标记", ColumnKind::Text),
    ]);
    if weighted {
        columns.extend(
            UNCERTAINTY_COLUMNS
                .iter()
                .map(|&(en, zh)| ColumnSpec::new(en, zh, mean)),
        );
    }
    columns
}

/// The columns of [`uncertainty`]: English and Chinese names.
const UNCERTAINTY_COLUMNS: [(&str, &str); 5] = [
    ("q1_se", "满意度标准误"),
    ("q2_se", "不良行为标准误"),
    ("survey_se", "调查得分标准误"),
    ("survey_ci_low", "调查得分下限"),
    ("survey_ci_high", "调查得分上限"),
];

/// The content digest of a score: each unit's arithmetic.
pub fn score_digest(units: &[UnitScore]) -> ContentDigest {
    let f = |v: Option<f64>| v.map(format_real).unwrap_or_default();
    ContentDigest::of(units.iter().map(|u| {
        let fields = vec![
            u.respondents.to_string(),
            f(u.q1_mean),
            f(u.q2_mean),
            u.false_found.to_string(),
            f(u.inspection),
            f(u.rounded),
            u.rank.map(|r| r.to_string()).unwrap_or_default(),
            u.flags
                .iter()
                .map(|f| f.canonical())
                .collect::<Vec<_>>()
                .join("; "),
        ];
        (u.unit.clone(), String::new(), fields)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, respondents: u64, se: Option<f64>) -> UnitScore {
        UnitScore {
            unit: name.into(),
            respondents,
            refused_q1: 0,
            refused_q2: 0,
            q1_mean: Some(0.9),
            q2_mean: Some(1.0),
            survey_score: Some(65.1),
            survey_rounded: Some(65.1),
            false_found: 1,
            deduction: 0.5,
            inspection: Some(28.0),
            total: Some(92.6),
            rounded: Some(92.6),
            rank: Some(1),
            flags: vec![super::super::Flag::Commended],
            few_respondents: None,
            pending: None,
            q1_se: se,
            q2_se: se,
            survey_se: se,
        }
    }

    #[test]
    fn every_row_has_a_cell_per_column() {
        for units in [
            vec![unit("甲", 7, None), unit("乙", 3, None)],
            vec![unit("甲", 7, Some(0.01)), unit("乙", 3, Some(0.02))],
        ] {
            for facing in [false, true] {
                let t = score_table(&units, facing);
                assert!(t.rows.iter().all(|r| r.len() == t.columns.len()));
                let extra = if units[0].survey_se.is_some() { 5 } else { 0 };
                assert_eq!(t.columns.len(), 11 + extra - usize::from(facing));
            }
        }
    }

    #[test]
    fn a_unit_facing_table_hides_means_of_fewer_than_five() {
        let units = [unit("甲", 7, Some(0.01)), unit("乙", 4, Some(0.01))];
        let t = score_table(&units, true);
        assert!(matches!(t.rows[0][1], Cell::Float(v) if v == 0.9));
        for c in [1, 2, 3, 7, 10, 11, 12, 13, 14] {
            assert!(matches!(&t.rows[1][c], Cell::Text(s) if s == "<5"), "{c}");
        }
        // The deduction, the inspection score and the rank stay shown.
        assert!(matches!(t.rows[1][5], Cell::Float(v) if v == 0.5));
        assert!(matches!(t.rows[1][8], Cell::Int(1)));
        let full = score_table(&units, false);
        assert!(matches!(full.rows[1][1], Cell::Int(4)));
        assert!(matches!(full.rows[1][2], Cell::Float(v) if v == 0.9));
    }

    #[test]
    fn the_digest_follows_the_arithmetic() {
        let a = [unit("甲", 7, None)];
        let mut b = a.clone();
        b[0].rank = Some(2);
        assert_ne!(score_digest(&a), score_digest(&b));
        assert_eq!(score_digest(&a), score_digest(&a.clone()));
    }
}
