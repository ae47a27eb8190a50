//! What a page shows of the workspace: the files stored (by the clerk's names), the
//! plan's numbers and seeds, the downloads of the step, and the tables and charts read
//! from the outputs `pingyi run` wrote.

use serde::Serialize;

use crate::i18n::{Lang, msg};

use super::Workspace;
use super::jobs::TableView;
use super::pages::{csv_table, output_table};
use super::workspace::{Level, download_name};

/// The name of the workspace's folder (its whole path where it has none, as `/`).
fn folder_name(root: &std::path::Path) -> String {
    root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The workspace as a page sees it.
#[derive(Serialize, Default)]
pub struct WorkspaceView {
    /// The workspace folder's name (its path on disk is never shown on a page).
    name: String,
    counts: Option<String>,
    rosters: Vec<String>,
    frame: FrameNumbers,
    frame_saved: bool,
    committed: bool,
    draw_seed: Option<String>,
    drawn: bool,
    audit_seed: Option<String>,
    /// The returned checklists stored: (the clerk's name, the stored file's name).
    returns: Vec<(String, String)>,
    /// The units the tally counts as not yet returned.
    pending: Vec<String>,
    tallied: bool,
    scored: bool,
    downloads: Vec<(String, String)>,
    tables: Vec<(String, TableView)>,
    chart: Option<minijinja::Value>,
    problem: Option<String>,
}

/// The frame's numbers as the form shows them.
#[derive(Serialize)]
struct FrameNumbers {
    margin: String,
    confidence: String,
    min_per_stratum: String,
    reserve_rate: String,
}

impl Default for FrameNumbers {
    fn default() -> Self {
        FrameNumbers {
            margin: "0.1".into(),
            confidence: "0.95".into(),
            min_per_stratum: "3".into(),
            reserve_rate: "0.3".into(),
        }
    }
}

impl FrameNumbers {
    fn of(l: &Level) -> FrameNumbers {
        let d = FrameNumbers::default();
        FrameNumbers {
            margin: l.margin.map_or(d.margin, |v| v.to_string()),
            confidence: l.confidence.map_or(d.confidence, |v| v.to_string()),
            min_per_stratum: l
                .min_per_stratum
                .map_or(d.min_per_stratum, |v| v.to_string()),
            reserve_rate: l.reserve_rate.clone().unwrap_or(d.reserve_rate),
        }
    }
}

/// The outputs each step offers (by the start of their name in `out/county/`).
fn offered_by(step: &str) -> &'static [&'static str] {
    match step {
        "frame" => &["frame."],
        "draw" => &["sample.", "seed_commitment."],
        "audit" => &["audit_checklist.", "audit_tally."],
        "score" => &["score."],
        "report" => &["report."],
        _ => &[],
    }
}

/// The workspace as page `step` shows it.
pub fn workspace(ws: &Workspace, step: &str, lang: Lang) -> WorkspaceView {
    let notes = ws.notes();
    let shown = |n: &String| notes.shown.get(n).cloned().unwrap_or_else(|| n.clone());
    let mut v = WorkspaceView {
        name: folder_name(ws.root()),
        counts: notes.counts.as_ref().map(shown),
        rosters: notes.rosters.iter().map(shown).collect(),
        committed: ws.commitment().is_file(),
        ..WorkspaceView::default()
    };
    let plan = match ws.plan() {
        Ok(p) => p,
        Err(e) => {
            v.problem = Some(super::wording::on_pages(e.message()).render_in(lang));
            return v;
        }
    };
    let out = ws.level_out();
    if let Some(l) = &plan.county {
        v.frame = FrameNumbers::of(l);
    }
    v.frame_saved = out.join("frame.xlsx").is_file();
    v.drawn = out.join("sample.xlsx").is_file();
    v.scored = out.join("score.xlsx").is_file();
    add_returns(&mut v, ws);
    v.draw_seed = plan.seeds.draw.clone();
    v.audit_seed = plan.seeds.audit.clone();
    v.downloads = ws
        .downloads()
        .into_iter()
        .filter(|(_, p)| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            offered_by(step).iter().any(|s| name.starts_with(s))
        })
        .map(|(rel, p)| (rel, download_name(&p)))
        .collect();
    add_tables(&mut v, ws, step, lang);
    v
}

/// The returned checklists stored, and the townships the tally counts as pending.
fn add_returns(v: &mut WorkspaceView, ws: &Workspace) {
    v.returns = ws
        .returns()
        .into_iter()
        .map(|(name, p)| {
            let stored = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (name, stored.unwrap_or_default())
        })
        .collect();
    let tally = ws.level_out().join("audit_tally.csv");
    v.tallied = tally.is_file();
    v.pending = pending_units(&tally);
}

/// A table naming the workspace's stored inputs (`../../inputs/roster-1.csv:12`) with
/// the names the clerk's files had (`县名册.csv:12`).
fn clerks_names(ws: &Workspace, mut t: TableView) -> TableView {
    let shown = ws.notes().shown;
    for cell in t.rows.iter_mut().flatten() {
        if cell.contains("../../inputs/") {
            for (stored, clerk) in &shown {
                *cell = cell.replace(&format!("../../{stored}:"), &format!("{clerk}:"));
            }
        }
    }
    t
}

/// The units of a tally with records pending (no returned checklist holds them), in
/// the tally's order.
fn pending_units(tally: &std::path::Path) -> Vec<String> {
    let Some(t) = csv_table(tally) else {
        return Vec::new();
    };
    let col = |key: &str| t.header.iter().position(|h| h == key);
    let (Some(unit), Some(pending)) = (col("unit"), col("pending")) else {
        return Vec::new();
    };
    t.rows
        .iter()
        .filter(|r| r.get(pending).is_some_and(|p| p != "0" && !p.is_empty()))
        .filter_map(|r| r.get(unit).cloned())
        .collect()
}

/// The tables and chart of a step, read from the outputs.
fn add_tables(v: &mut WorkspaceView, ws: &Workspace, step: &str, lang: Lang) {
    let out = ws.level_out();
    let (title, table) = match step {
        "frame" => (msg!("serve-table-frame"), output_table(&out, "frame", lang)),
        "draw" => {
            // The workbook sample's report is in Chinese, the CSV sample's in English.
            let sample = match lang {
                Lang::Zh => "sample.xlsx.quality.csv",
                Lang::En => "sample.csv.quality.csv",
            };
            let quality = csv_table(&out.join(sample));
            let quality = quality.map(|t| clerks_names(ws, t));
            (msg!("serve-table-quality"), quality)
        }
        "audit" => (
            msg!("serve-table-tally"),
            output_table(&out, "audit_tally", lang),
        ),
        "score" => (
            msg!("serve-table-score"),
            output_table(&out, "score_units", lang),
        ),
        _ => return,
    };
    if let Some(t) = table {
        v.tables.push((title.render_in(lang), t));
    }
    if step == "score" {
        if let Ok(rows) = crate::commands::report::read::score(&out.join("score.csv")) {
            let svg = crate::report::html::scores_chart("chart-scores", &rows);
            v.chart = Some(minijinja::Value::from_safe_string(svg));
        }
    }
}
