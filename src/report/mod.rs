//! Terminal summaries: the short tables `pingyi run` and each stage print.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use std::path::Path;

use crate::audit::Selection;
use crate::audit::tally::UnitTally;
use crate::draw::Draw;
use crate::draw::quality::QualityIssue;
use crate::frame::Frame;
use crate::provenance::verdict::Verdict;
use crate::score::UnitScore;

/// The per-unit totals of a frame, with a grand total, as a terminal table.
pub fn frame_summary(frame: &Frame) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(vec![
        "单位 unit",
        "总体 population",
        "目标 target",
        "样本 sample",
        "备用 reserve",
        "说明 note",
    ]);
    let number = |n: u64| Cell::new(n).set_alignment(CellAlignment::Right);
    let (mut pop, mut target, mut sample, mut reserve) = (0, 0, 0, 0);
    for u in &frame.units {
        pop += u.population;
        target += u.target;
        sample += u.sample;
        reserve += u.reserve;
        table.add_row(vec![
            Cell::new(&u.unit),
            number(u.population),
            number(u.target),
            number(u.sample),
            number(u.reserve),
            Cell::new(&u.note),
        ]);
    }
    table.add_row(vec![
        Cell::new("合计 total"),
        number(pop),
        number(target),
        number(sample),
        number(reserve),
        Cell::new(""),
    ]);
    table.to_string()
}

/// Per-unit counts of a draw: roster, sample and reserves.
pub fn draw_summary(draw: &Draw) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(vec![
        "单位 unit",
        "名册 roster",
        "样本 sample",
        "备用 reserve",
    ]);
    let number = |n: u64| Cell::new(n).set_alignment(CellAlignment::Right);
    let mut units: Vec<(&str, u64, u64, u64)> = Vec::new();
    for s in &draw.strata {
        match units.last_mut() {
            Some(u) if u.0 == s.unit => {
                u.1 += s.roster;
                u.2 += s.sample;
                u.3 += s.reserve;
            }
            _ => units.push((&s.unit, s.roster, s.sample, s.reserve)),
        }
    }
    let mut total = (0, 0, 0);
    for (unit, roster, sample, reserve) in units {
        total = (total.0 + roster, total.1 + sample, total.2 + reserve);
        table.add_row(vec![
            Cell::new(unit),
            number(roster),
            number(sample),
            number(reserve),
        ]);
    }
    table.add_row(vec![
        Cell::new("合计 total"),
        number(total.0),
        number(total.1),
        number(total.2),
    ]);
    table.to_string()
}

/// One line per kind of data-quality finding, and where the report is.
pub fn quality_summary(issues: &[QualityIssue], report: &Path) -> String {
    if issues.is_empty() {
        return format!("data quality: no findings ({})", report.display());
    }
    let mut kinds: Vec<(&str, &str, usize)> = Vec::new();
    for i in issues {
        match kinds.iter_mut().find(|k| k.0 == i.kind) {
            Some(k) => k.2 += 1,
            None => kinds.push((i.kind, i.kind_zh, 1)),
        }
    }
    let list: Vec<String> = kinds
        .iter()
        .map(|(k, zh, n)| format!("{n} × {zh} {k}"))
        .collect();
    format!(
        "data quality: {} — see {}",
        list.join(", "),
        report.display()
    )
}

/// Per-unit counts of an audit selection.
pub fn selection_summary(selection: &Selection) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(vec!["单位 unit", "采集 collected", "核查 checked"]);
    let number = |n: u64| Cell::new(n).set_alignment(CellAlignment::Right);
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
    table.add_row(vec![Cell::new("合计 total"), number(c), number(s)]);
    table.to_string()
}

/// Per-unit findings of an audit tally.
pub fn tally_summary(units: &[UnitTally]) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(vec![
        "单位 unit",
        "核查 checked",
        "虚假 false",
        "无法核实 unverifiable",
        "扣分 deduction",
        "虚假率 false rate (95%)",
        "标记 flag",
    ]);
    let number = |n: u64| Cell::new(n).set_alignment(CellAlignment::Right);
    for u in units {
        let rate = match (u.false_rate, u.ci) {
            (Some(r), Some((lo, hi))) => {
                format!("{:.1}% ({:.1}–{:.1}%)", r * 100.0, lo * 100.0, hi * 100.0)
            }
            _ => "—".to_string(),
        };
        table.add_row(vec![
            Cell::new(&u.unit),
            number(u.checked),
            number(u.false_count),
            number(u.unverifiable),
            Cell::new(format!("{:.1}", u.deduction)).set_alignment(CellAlignment::Right),
            Cell::new(rate),
            Cell::new(if u.flag {
                "需全面复核 recheck"
            } else {
                ""
            }),
        ]);
    }
    table.to_string()
}

/// The ranking: each unit's arithmetic, rank and flags.
pub fn score_summary(units: &[UnitScore]) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(vec![
        "排名 rank",
        "单位 unit",
        "受访 resp.",
        "调查得分 survey",
        "扣分 deduction",
        "检查 inspection",
        "总分 total",
        "标记 flags",
    ]);
    let real = |v: Option<f64>| {
        Cell::new(v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "—".into()))
            .set_alignment(CellAlignment::Right)
    };
    for u in units {
        table.add_row(vec![
            Cell::new(u.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into())),
            Cell::new(&u.unit),
            Cell::new(u.respondents).set_alignment(CellAlignment::Right),
            real(u.survey_score),
            real(Some(u.deduction)),
            real(u.inspection),
            real(u.rounded),
            Cell::new(u.flags.join("; ")),
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
        if v.ok() {
            text.push_str(&format!("OK {} — {}\n", v.manifest.display(), v.summary));
        } else {
            text.push_str(&format!("DIFFERS {}\n", v.manifest.display()));
            for d in &v.differences {
                text.push_str(&format!("  - {d}\n"));
            }
        }
        for n in &v.notes {
            text.push_str(&format!("  note: {n}\n"));
        }
    }
    text
}
