//! The pages: templates (`templates/`, embedded) rendered with minijinja, every text
//! from the message catalogue in the page's language (`?lang=en`, else the `lang`
//! cookie, else Chinese), the step results and the workspace's tables and charts.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use axum::http::{HeaderMap, header};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State};
use serde::Serialize;

use crate::frame::FrameRow;
use crate::i18n::{Lang, Message};

use super::jobs::{StepResult, TableView};

/// The steps in the plan's order: (path, title key).
pub const STEPS: [(&str, &str); 7] = [
    ("counts", "serve-step-counts"),
    ("frame", "serve-step-frame"),
    ("draw", "serve-step-draw"),
    ("audit", "serve-step-audit"),
    ("score", "serve-step-score"),
    ("verify", "serve-step-verify"),
    ("report", "serve-step-report"),
];

/// The page language: `?lang=` first, then the `lang` cookie, else Chinese.
pub fn lang_of(headers: &HeaderMap, query: Option<&str>) -> Lang {
    let from = |v: &str| match v.trim() {
        "en" => Some(Lang::En),
        "zh" => Some(Lang::Zh),
        _ => None,
    };
    let asked = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|kv| kv.strip_prefix("lang=").and_then(from));
    let cookie = || {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|kv| kv.trim().strip_prefix("lang=").and_then(from))
    };
    asked.or_else(cookie).unwrap_or(Lang::Zh)
}

/// A catalogue key or argument name kept for the life of the server (the set of
/// them is the fixed set the templates use).
fn interned(text: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<BTreeSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(s) = seen.get(text) {
        return s;
    }
    let s: &'static str = Box::leak(text.to_string().into_boxed_str());
    seen.insert(s);
    s
}

/// `t("serve-key", name=value…)` in a template: the message in the page's language.
fn translate(state: &State, key: String, kwargs: Kwargs) -> Result<String, minijinja::Error> {
    let mut m = Message::new(interned(&key));
    for name in kwargs.args() {
        let v: Value = kwargs.get(name)?;
        m = m.arg(interned(name), &v);
    }
    let lang = match state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_string))
    {
        Some(l) if l == "en" => Lang::En,
        _ => Lang::Zh,
    };
    Ok(m.render_in(lang))
}

/// The template environment, built once.
fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        for (name, text) in TEMPLATES {
            env.add_template(name, text)
                .expect("the embedded templates parse");
        }
        env.add_function("t", translate);
        env
    })
}

/// The embedded templates.
pub const TEMPLATES: [(&str, &str); 12] = [
    ("base.html", include_str!("templates/base.html")),
    ("problem.html", include_str!("templates/problem.html")),
    ("table.html", include_str!("templates/table.html")),
    ("outcome.html", include_str!("templates/outcome.html")),
    ("downloads.html", include_str!("templates/downloads.html")),
    ("counts.html", include_str!("templates/counts.html")),
    ("frame.html", include_str!("templates/frame.html")),
    ("draw.html", include_str!("templates/draw.html")),
    ("audit.html", include_str!("templates/audit.html")),
    ("score.html", include_str!("templates/score.html")),
    ("verify.html", include_str!("templates/verify.html")),
    ("report.html", include_str!("templates/report.html")),
];

/// A step's result as the templates see it, rendered in `lang`.
#[derive(Serialize, Default)]
pub struct ResultView {
    summary: String,
    warnings: Vec<String>,
    tables: Vec<(String, TableView)>,
    charts: Vec<Value>,
    problem: Option<ProblemView>,
    notice: Option<String>,
    alarm: bool,
    typed: std::collections::BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct ProblemView {
    field: &'static str,
    message: String,
    grid: Option<TableView>,
    /// The 0-based (row, column) of the cell in `grid`'s rows (after the row number).
    at: Option<(usize, usize)>,
}

impl ResultView {
    pub fn of(r: &StepResult, lang: Lang) -> ResultView {
        let mask = crate::privacy::mask_personal;
        ResultView {
            summary: r.summary.clone(),
            warnings: r.warnings.iter().map(|w| mask(w)).collect(),
            tables: r
                .tables
                .iter()
                .map(|(t, v)| (t.render_in(lang), v.clone()))
                .collect(),
            charts: r
                .charts
                .iter()
                .map(|c| Value::from_safe_string(c.clone()))
                .collect(),
            problem: r.problem.as_ref().map(|p| ProblemView {
                field: p.field,
                message: mask(
                    &crate::i18n::error_line(super::wording::on_pages(p.message.clone()))
                        .render_in(lang),
                ),
                grid: p.grid.as_ref().map(|g| g.0.clone()),
                at: p.grid.as_ref().and_then(|g| g.1),
            }),
            notice: r.notice.clone(),
            alarm: r.alarm,
            typed: r.typed.clone(),
        }
    }
}

/// Renders page `step` with its own `extra` context.
pub fn render(step: &str, lang: Lang, extra: Value) -> String {
    let lang_code = match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    };
    let steps: Vec<(&str, &str)> = STEPS.to_vec();
    let ctx = minijinja::context! { lang => lang_code, step => step, steps => steps, ..extra };
    env()
        .get_template(&format!("{step}.html"))
        .and_then(|t| t.render(ctx))
        .unwrap_or_else(|e| format!("template error: {e}"))
}

/// The frame as a stacked bar per unit (sample by category), by the report's chart code.
pub fn frame_chart(rows: &[FrameRow], lang: Lang) -> String {
    let mut categories: Vec<String> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    for r in rows {
        let c = r.category.label(lang).to_string();
        if !categories.contains(&c) {
            categories.push(c);
        }
        if !units.contains(&r.unit) {
            units.push(r.unit.clone());
        }
    }
    let bars: Vec<crate::report::html::chart::Bar> = units
        .iter()
        .map(|u| crate::report::html::chart::Bar {
            label: u.clone(),
            values: categories
                .iter()
                .map(|c| {
                    rows.iter()
                        .filter(|r| &r.unit == u && r.category.label(lang) == c)
                        .map(|r| r.sample as f64)
                        .sum()
                })
                .collect(),
            mark: String::new(),
        })
        .collect();
    let title = crate::i18n::msg!("serve-frame-chart").render_in(lang);
    crate::report::html::chart::stacked_bars("chart-frame", &title, &categories, &bars)
}

/// A CSV output of the workspace as a table (at most 500 rows), for a page. The
/// outputs shown (frame, quality findings, tally, scores) are written masked already.
pub fn csv_table(path: &std::path::Path) -> Option<TableView> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().ok()?.iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .take(500)
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    Some(TableView {
        header,
        rows,
        total: None,
    })
}

/// An output of the workspace as a table in the page's language: under Chinese its
/// workbook (`stem.xlsx`, which the command line always writes with Chinese headers and
/// labels; its title row skipped, its 合计 row the total), else its CSV (`stem.csv`,
/// headers and labels in English). Both are the command line's own bytes: the page
/// translates nothing.
pub fn output_table(dir: &std::path::Path, stem: &str, lang: Lang) -> Option<TableView> {
    let csv = csv_table(&dir.join(format!("{stem}.csv")))?;
    let keys = csv.header.clone();
    let mut table = match lang {
        Lang::En => csv,
        Lang::Zh => workbook_table(&dir.join(format!("{stem}.xlsx")), keys.len()).unwrap_or(csv),
    };
    for row in table.rows.iter_mut().chain(table.total.iter_mut()) {
        shown_as_in_workbooks(&keys, row);
    }
    Some(table)
}

/// A row's numbers with the decimals a workbook shows for their columns (by the
/// columns' English keys: 0.0989 for a rate, 0.50 for points).
fn shown_as_in_workbooks(keys: &[String], row: &mut [String]) {
    for (key, cell) in keys.iter().zip(row.iter_mut()) {
        let decimals = crate::io::table::default_decimals(key);
        if let (Some(d), Ok(v)) = (decimals, cell.parse::<f64>()) {
            *cell = format!("{v:.*}", usize::from(d));
        }
    }
}

/// The first sheet of a workbook pingyi wrote with `width` columns: the header is the
/// first row that fills them all (a title row above it is skipped), a last row headed
/// 合计 is the total.
fn workbook_table(path: &std::path::Path, width: usize) -> Option<TableView> {
    let (grid, _) = crate::io::read_grid_path(path, None).ok()?;
    let filled = |r: &Vec<String>| r.iter().filter(|c| !c.is_empty()).count();
    let at = grid.rows.iter().take(10).position(|r| filled(r) == width)?;
    let fit = |r: &Vec<String>| {
        let mut r = r.clone();
        r.resize(width, String::new());
        r
    };
    let mut rows: Vec<Vec<String>> = grid.rows[at + 1..]
        .iter()
        .filter(|r| filled(r) > 0)
        .map(fit)
        .collect();
    let is_total = |r: &Vec<String>| crate::io::alias::is_total_label(&r[0]);
    let total = rows
        .last()
        .is_some_and(is_total)
        .then(|| rows.pop())
        .flatten();
    Some(TableView {
        header: fit(&grid.rows[at]),
        rows: rows.into_iter().take(500).collect(),
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `t("key")` of the templates is in both catalogues.
    #[test]
    fn every_text_of_the_templates_is_in_the_catalogue() {
        let mut keys = 0;
        for (name, text) in TEMPLATES {
            for part in text.split("t(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                for ftl in [crate::i18n::ZH_FTL, crate::i18n::EN_FTL] {
                    assert!(
                        ftl.lines().any(|l| l.starts_with(&format!("{key} ="))),
                        "{name}: {key} is not in a catalogue"
                    );
                }
                keys += 1;
            }
        }
        assert!(keys > 20);
        for (_, key) in STEPS {
            assert!(crate::i18n::ZH_FTL.contains(&format!("{key} =")));
        }
    }

    #[test]
    fn numbers_show_the_decimals_of_their_workbook_columns() {
        let keys: Vec<String> = ["unit", "false_rate", "deduction", "checked"]
            .map(String::from)
            .to_vec();
        let mut row: Vec<String> = ["甲", "0.0989010989010989", "0.5", "28"]
            .map(String::from)
            .to_vec();
        shown_as_in_workbooks(&keys, &mut row);
        assert_eq!(row, ["甲", "0.0989", "0.50", "28"]);
        let mut blank: Vec<String> = ["乙", "", "<5", "3"].map(String::from).to_vec();
        shown_as_in_workbooks(&keys, &mut blank);
        assert_eq!(blank, ["乙", "", "<5", "3"]);
    }

    #[test]
    fn the_page_language_comes_from_the_query_then_the_cookie() {
        let mut h = HeaderMap::new();
        assert_eq!(lang_of(&h, None), Lang::Zh);
        h.insert(header::COOKIE, "a=b; lang=en".parse().unwrap());
        assert_eq!(lang_of(&h, None), Lang::En);
        assert_eq!(lang_of(&h, Some("x=1&lang=zh")), Lang::Zh);
    }

    #[test]
    fn every_page_renders_in_both_languages() {
        for (step, _) in STEPS {
            for lang in [Lang::Zh, Lang::En] {
                let page = render(step, lang, Value::from(()));
                assert!(page.contains("<main"), "{step}: {page}");
                assert!(!page.contains("template error"), "{step}: {page}");
            }
        }
    }
}
