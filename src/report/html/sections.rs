//! The report's sections: inputs and proof, then per level the frame, the draw, the
//! audit and the scores, each present only where its stage ran.

use std::collections::BTreeMap;

use crate::i18n::{Message, msg};

use super::chart::{self, Bar, Interval};
use super::page::{escape, table};
use super::{
    DrawView, FrameView, Level, Proof, QualityCount, ScoreRow, ScoreView, Stratum, TallyRow,
};

/// A catalogue message, rendered.
fn t(m: Message) -> String {
    m.render()
}

/// Rendered column names.
fn heads(keys: &[Message]) -> Vec<String> {
    keys.iter().map(Message::render).collect()
}

/// `<h2>`/`<h3>` with escaped text.
fn heading(level: u8, text: &str) -> String {
    format!("<h{level}>{}</h{level}>\n", escape(text))
}

/// A paragraph of class `class`.
fn para(class: &str, text: &str) -> String {
    format!("<p class=\"{class}\">{}</p>\n", escape(text))
}

/// A number with `d` decimals.
fn fixed(v: f64, d: usize) -> String {
    format!("{v:.d$}")
}

/// Inputs and proof: the chain's verification, the seeds, and every file.
pub fn proof(p: &Proof) -> String {
    let mut out = String::from("<section class=\"stage\" id=\"proof\">\n");
    out.push_str(&heading(2, &t(msg!("report-proof"))));
    out.push_str(&verification(p));
    out.push_str(&heading(3, &t(msg!("report-seeds"))));
    if p.seeds.is_empty() {
        out.push_str(&para("note", &t(msg!("report-no-seed"))));
    } else {
        let rows: Vec<Vec<String>> = p
            .seeds
            .iter()
            .map(|((level, command), v)| {
                let level = t(msg!("report-level-name", level = level));
                let command = t(msg!("verify-command", command = command));
                vec![format!("{level} · {command}"), v.clone()]
            })
            .collect();
        out.push_str(&table(
            "seeds",
            &heads(&[msg!("report-col-stage"), msg!("report-col-seed")]),
            &rows,
            None,
        ));
    }
    out.push_str(&heading(3, &t(msg!("report-files"))));
    let rows: Vec<Vec<String>> = p
        .files
        .iter()
        .map(|f| {
            let roles: Vec<String> = f
                .role
                .split('、')
                .map(|r| t(msg!("verify-role", role = r)))
                .collect();
            vec![
                t(msg!("report-level-name", level = f.level)),
                roles.join("、"),
                f.name.clone(),
                f.rows.to_string(),
                f.sha256.clone(),
            ]
        })
        .collect();
    let header = heads(&[
        msg!("report-col-level"),
        msg!("report-col-role"),
        msg!("report-col-file"),
        msg!("report-col-rows"),
        msg!("report-col-sha256"),
    ]);
    out.push_str(&table("files", &header, &rows, None));
    out.push_str("</section>\n");
    out
}

/// ✔ when every manifest matched, else each manifest's differences.
fn verification(p: &Proof) -> String {
    let count = p.verdicts.len();
    let failed: Vec<_> = p.verdicts.iter().filter(|v| !v.ok()).collect();
    if failed.is_empty() {
        return format!(
            "<p class=\"ok\" id=\"verified\">{}</p>\n",
            escape(&t(msg!("report-verified", count)))
        );
    }
    let failed_count = failed.len();
    let mut out = format!(
        "<p class=\"bad\" id=\"verified\">{}</p>\n<ul class=\"differences\">\n",
        escape(&t(msg!(
            "report-not-verified",
            failed = failed_count,
            count
        )))
    );
    for v in failed {
        let name = v
            .manifest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for d in &v.differences {
            out.push_str(&format!(
                "<li><code>{}</code>: {}</li>\n",
                escape(&name),
                escape(d)
            ));
        }
    }
    out.push_str("</ul>\n");
    out
}

/// One level's stages.
pub fn level(l: &Level) -> String {
    let mut out = format!(
        "<section class=\"level\" id=\"level-{}\">\n",
        escape(&l.name)
    );
    let name = t(msg!("report-level-name", level = l.name));
    out.push_str(&heading(2, &t(msg!("report-level", name = name))));
    if let Some(f) = &l.frame {
        out.push_str(&frame(&l.name, f));
    }
    if let Some(d) = &l.draw {
        out.push_str(&draw(d));
    }
    if let Some(a) = &l.audit {
        out.push_str(&audit(&l.name, a));
    }
    if let Some(s) = &l.scores {
        out.push_str(&scores(&l.name, s));
    }
    out.push_str("</section>\n");
    out
}

/// A unit and its strata by category.
type UnitStrata<'a> = (String, BTreeMap<String, &'a Stratum>);

/// Per unit: its strata in category order, and the categories of the level.
fn by_unit(strata: &[Stratum]) -> (Vec<UnitStrata<'_>>, Vec<String>) {
    let mut units: Vec<UnitStrata<'_>> = Vec::new();
    let mut categories: Vec<String> = Vec::new();
    for s in strata {
        if !categories.contains(&s.category) {
            categories.push(s.category.clone());
        }
        match units.iter_mut().find(|(u, _)| *u == s.unit) {
            Some((_, m)) => drop(m.insert(s.category.clone(), s)),
            None => units.push((s.unit.clone(), BTreeMap::from([(s.category.clone(), s)]))),
        }
    }
    (units, categories)
}

/// The stratum table with a total row: population, sample and reserve (or drawn).
fn strata_table(strata: &[Stratum], header: &[Message]) -> String {
    let rows: Vec<Vec<String>> = strata
        .iter()
        .map(|s| {
            vec![
                s.unit.clone(),
                category_name(&s.category),
                s.population.to_string(),
                s.sample.to_string(),
                s.reserve.to_string(),
            ]
        })
        .collect();
    let sum = |f: fn(&Stratum) -> u64| strata.iter().map(f).sum::<u64>().to_string();
    let total = [
        t(msg!("report-total")),
        String::new(),
        sum(|s| s.population),
        sum(|s| s.sample),
        sum(|s| s.reserve),
    ];
    table("strata", &heads(header), &rows, Some(&total))
}

/// A category's name in the chosen language (农村低保 / rural_dibao).
fn category_name(key: &str) -> String {
    let lang = crate::i18n::language();
    crate::io::alias::Category::from_label(key)
        .label(lang)
        .to_string()
}

/// A stacked bar per unit, one segment per category, of `value`.
fn unit_chart(id: &str, title: &str, strata: &[Stratum], value: fn(&Stratum) -> u64) -> String {
    let (units, categories) = by_unit(strata);
    let bars: Vec<Bar> = units
        .iter()
        .map(|(u, m)| Bar {
            label: u.clone(),
            values: categories
                .iter()
                .map(|c| m.get(c).map_or(0.0, |s| value(s) as f64))
                .collect(),
            mark: String::new(),
        })
        .collect();
    let names: Vec<String> = categories.iter().map(|c| category_name(c)).collect();
    chart::stacked_bars(id, title, &names, &bars)
}

/// The frame: population and sample per unit by category (stacked charts), the table
/// with totals, the rules.
fn frame(level: &str, f: &FrameView) -> String {
    let mut out = String::from("<section class=\"stage\" id=\"frame\">\n");
    out.push_str(&heading(3, &t(msg!("report-frame"))));
    let title = t(msg!("report-population-chart"));
    out.push_str(&heading(4, &title));
    out.push_str(&unit_chart(
        &format!("chart-population-{level}"),
        &title,
        &f.strata,
        |s| s.population,
    ));
    let title = t(msg!("report-frame-chart"));
    out.push_str(&heading(4, &title));
    out.push_str(&unit_chart(
        &format!("chart-frame-{level}"),
        &title,
        &f.strata,
        |s| s.sample,
    ));
    let header = [
        msg!("report-col-unit"),
        msg!("report-col-category"),
        msg!("report-col-population"),
        msg!("report-col-sample"),
        msg!("report-col-reserve"),
    ];
    out.push_str(&strata_table(&f.strata, &header));
    out.push_str(&heading(4, &t(msg!("report-rules"))));
    let rows: Vec<Vec<String>> = f
        .rules
        .iter()
        .map(|(k, v)| vec![k.clone(), v.clone()])
        .collect();
    out.push_str(&table(
        "rules",
        &heads(&[msg!("report-col-rule"), msg!("report-col-value")]),
        &rows,
        None,
    ));
    out.push_str("</section>\n");
    out
}

/// The draw: drawn and reserves per stratum, the data-quality counts.
fn draw(d: &DrawView) -> String {
    let mut out = String::from("<section class=\"stage\" id=\"draw\">\n");
    out.push_str(&heading(3, &t(msg!("report-draw"))));
    let header = [
        msg!("report-col-unit"),
        msg!("report-col-category"),
        msg!("report-col-population"),
        msg!("report-col-drawn"),
        msg!("report-col-reserve"),
    ];
    out.push_str(&strata_table(&d.strata, &header));
    out.push_str(&quality(&d.quality));
    out.push_str("</section>\n");
    out
}

/// The data-quality findings counted per unit (counts, not people).
fn quality(counts: &[QualityCount]) -> String {
    let mut out = heading(4, &t(msg!("report-quality")));
    out.push_str(&para("note", &t(msg!("report-quality-note"))));
    if counts.is_empty() {
        out.push_str(&para("note", &t(msg!("report-quality-none"))));
        return out;
    }
    // Lost digits, a kind added later, get a column only where there are some, so a
    // report without them reads as before.
    let kinds = if counts.iter().any(|c| c.digits_lost > 0) {
        4
    } else {
        3
    };
    let rows: Vec<Vec<String>> = counts
        .iter()
        .map(|c| {
            let unit = match c.unit.as_str() {
                "" => t(msg!("report-quality-no-unit")),
                u => u.to_string(),
            };
            let n = [c.invalid_id, c.id_repeated, c.phone_shared, c.digits_lost];
            std::iter::once(unit)
                .chain(n[..kinds].iter().map(u64::to_string))
                .collect()
        })
        .collect();
    let header = [
        msg!("report-col-unit"),
        msg!("report-issue-invalid-id"),
        msg!("report-issue-id-repeated"),
        msg!("report-issue-phone-shared"),
        msg!("rows-report-digits-lost"),
    ];
    let header = &header[..=kinds];
    out.push_str(&table("quality", &heads(header), &rows, None));
    out.push_str(&para("note", &t(msg!("report-quality-per-unit"))));
    out
}

/// The audit: the false rate with its interval as a chart, and the table.
fn audit(level: &str, rows: &[TallyRow]) -> String {
    let mut out = String::from("<section class=\"stage\" id=\"audit\">\n");
    out.push_str(&heading(3, &t(msg!("report-audit"))));
    let points: Vec<Interval> = rows
        .iter()
        .map(|r| Interval {
            label: r.unit.clone(),
            point: r.rate,
            low: r.low,
            high: r.high,
        })
        .collect();
    let title = t(msg!("report-audit-chart"));
    out.push_str(&heading(4, &title));
    out.push_str(&chart::intervals(
        &format!("chart-audit-{level}"),
        &title,
        &points,
    ));
    let pct = |v: f64| format!("{:.1}%", v * 100.0);
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let rate = format!("{} ({}–{})", pct(r.rate), pct(r.low), pct(r.high));
            vec![
                r.unit.clone(),
                r.checked.to_string(),
                r.false_found.to_string(),
                r.unverifiable.to_string(),
                fixed(r.deduction, 2),
                rate,
                r.flag.clone(),
            ]
        })
        .collect();
    let header = [
        msg!("report-col-unit"),
        msg!("report-col-checked"),
        msg!("report-col-false"),
        msg!("report-col-unverifiable"),
        msg!("report-col-deduction"),
        msg!("report-col-rate"),
        msg!("report-col-flag"),
    ];
    out.push_str(&table("audit", &heads(&header), &body, None));
    out.push_str("</section>\n");
    out
}

/// The scores: the ranking as a chart split into its parts, the table, ties and small
/// units noted.
fn scores(level: &str, s: &ScoreView) -> String {
    let mut out = String::from("<section class=\"stage\" id=\"scores\">\n");
    out.push_str(&heading(3, &t(msg!("report-scores"))));
    let title = t(msg!("report-scores-chart"));
    out.push_str(&heading(4, &title));
    out.push_str(&scores_chart(&format!("chart-scores-{level}"), &s.units));
    out.push_str(&para("note", &t(msg!("report-scores-chart-note"))));
    out.push_str(&score_table(s));
    out.push_str(&score_notes(s));
    out.push_str("</section>\n");
    out
}

/// The ranking as a chart: a bar per unit in rank order, split into the survey score
/// net of deductions, the inspection score, and the deduction (also the workbench's).
pub fn scores_chart(id: &str, units: &[ScoreRow]) -> String {
    let series = heads(&[
        msg!("report-col-survey-net"),
        msg!("report-col-inspection"),
        msg!("report-col-deducted"),
    ]);
    let bars: Vec<Bar> = units.iter().filter_map(score_bar).collect();
    chart::stacked_bars(id, &t(msg!("report-scores-chart")), &series, &bars)
}

/// One ranked unit's bar: the survey score less the deduction and the inspection
/// (together the total), then the deduction (what was lost). A unit not ranked has none:
/// the table lists it with its flag.
fn score_bar(r: &ScoreRow) -> Option<Bar> {
    let rank = r.rank?;
    let survey = if r.small() {
        0.0
    } else {
        r.survey.unwrap_or(0.0)
    };
    Some(Bar {
        label: format!("{rank}. {}", r.unit),
        values: vec![
            (survey - r.deduction).max(0.0),
            r.inspection.unwrap_or(0.0),
            r.deduction.min(survey),
        ],
        mark: r.flags.clone(),
    })
}

/// The ranking table; figures of units under 5 respondents show `<5`.
fn score_table(s: &ScoreView) -> String {
    let mut header = vec![
        msg!("report-col-rank"),
        msg!("report-col-unit"),
        msg!("report-col-respondents"),
        msg!("report-col-survey"),
        msg!("report-col-deduction"),
        msg!("report-col-inspection"),
        msg!("report-col-total"),
        msg!("report-col-flags"),
    ];
    if s.weighted {
        header.push(msg!("report-col-interval"));
    }
    let rows: Vec<Vec<String>> = s.units.iter().map(|r| score_cells(r, s.weighted)).collect();
    table("ranking", &heads(&header), &rows, None)
}

/// One unit's cells.
fn score_cells(r: &ScoreRow, weighted: bool) -> Vec<String> {
    let small = |v: String| if r.small() { "<5".to_string() } else { v };
    let figure = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| fixed(v, 2));
    let mut cells = vec![
        r.rank.map_or_else(|| "—".to_string(), |k| k.to_string()),
        r.unit.clone(),
        r.respondents
            .map(|n| small(n.to_string()))
            .unwrap_or_default(),
        small(figure(r.survey)),
        fixed(r.deduction, 2),
        figure(r.inspection),
        small(figure(r.total)),
        r.flags.clone(),
    ];
    if weighted {
        cells.push(
            r.interval
                .map(|(lo, hi)| small(format!("{}–{}", fixed(lo, 2), fixed(hi, 2))))
                .unwrap_or_default(),
        );
    }
    cells
}

/// Ties (units sharing a rank) and small units, and how the intervals were made.
fn score_notes(s: &ScoreView) -> String {
    let mut out = String::new();
    let mut ranks: BTreeMap<u64, Vec<&str>> = BTreeMap::new();
    for r in &s.units {
        if let Some(rank) = r.rank {
            ranks.entry(rank).or_default().push(&r.unit);
        }
    }
    for units in ranks.values().filter(|u| u.len() > 1) {
        out.push_str(&para(
            "note tie",
            &t(msg!("report-tie", units = units.join("、"))),
        ));
    }
    let small: Vec<&str> = s
        .units
        .iter()
        .filter(|r| r.small())
        .map(|r| r.unit.as_str())
        .collect();
    if !small.is_empty() {
        out.push_str(&para(
            "note small",
            &t(msg!("report-small", units = small.join("、"))),
        ));
    }
    if s.weighted {
        out.push_str(&para("note", &t(msg!("report-weighted"))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: &str, respondents: u64, rank: u64) -> ScoreRow {
        ScoreRow {
            unit: unit.to_string(),
            respondents: Some(respondents),
            survey: Some(61.845),
            deduction: 0.5,
            inspection: Some(28.0),
            total: Some(89.35),
            rank: Some(rank),
            flags: String::new(),
            interval: Some((60.0, 63.5)),
        }
    }

    #[test]
    fn a_unit_under_five_respondents_shows_under_five_and_no_figure() {
        let cells = score_cells(&row("甲", 4, 1), true);
        assert_eq!(cells[2], "<5");
        assert_eq!(cells[3], "<5");
        assert_eq!(cells[6], "<5");
        assert_eq!(cells[8], "<5");
        assert!(!cells.iter().any(|c| c.contains("61.8")));
        let cells = score_cells(&row("乙", 5, 1), false);
        assert_eq!(cells[2], "5");
        assert!(cells[3] == "61.84" || cells[3] == "61.85", "{}", cells[3]);
        assert_eq!(cells.len(), 8);
    }

    #[test]
    fn a_unit_not_ranked_is_listed_without_figures_or_bar() {
        let mut out = row("丁", 0, 1);
        (out.survey, out.inspection, out.total, out.rank) = (None, Some(26.5), None, None);
        out.flags = "无调查结果".into();
        let cells = score_cells(&out, false);
        assert_eq!(cells[..4], ["—", "丁", "0", "—"]);
        assert_eq!((cells[5].as_str(), cells[6].as_str()), ("26.50", "—"));
        assert!(score_bar(&out).is_none());
        assert!(score_bar(&row("甲", 90, 1)).is_some());
    }

    #[test]
    fn ties_and_small_units_are_noted() {
        let view = ScoreView {
            weighted: false,
            units: vec![row("甲", 90, 1), row("乙", 90, 1), row("丙", 3, 3)],
        };
        let notes = score_notes(&view);
        assert!(notes.contains("甲、乙"), "{notes}");
        assert!(
            notes.contains("class=\"note small\"") && notes.contains("丙"),
            "{notes}"
        );
    }

    #[test]
    fn a_small_unit_has_no_survey_part_in_its_bar() {
        let bar = score_bar(&row("丙", 3, 3)).unwrap();
        assert_eq!(bar.values, vec![0.0, 28.0, 0.0]);
        let bar = score_bar(&row("甲", 90, 1)).unwrap();
        assert!((bar.values[0] + bar.values[1] - 89.345).abs() < 1e-9);
    }
}
