//! The work of each step, run on a blocking thread: it stores uploads under the
//! server's names, changes `pingyi.toml`, and calls the commands the command line calls
//! (`counts`, `frame`, `run`, `seed commit`, `verify`). A step that fails puts back
//! every file it replaced and removes every file it added.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::commands::run::{RunConfig, RunOptions};
use crate::error::{Error, Result};
use crate::i18n::{Message, msg};

use super::jobs::{Problem, StepResult, TableView};
use super::upload::{Form, Upload};
use super::workspace::{Level, Plan, Workspace};

/// The files a step placed and replaced, to put back if it fails.
#[derive(Default)]
struct Undo {
    /// (the path written, the copy of what it held before, if anything)
    placed: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Undo {
    /// Moves `from` to `to`, keeping what `to` held aside.
    fn place(&mut self, from: &Path, to: &Path) -> Result<()> {
        let kept = to.exists().then(|| kept_name(to));
        if let Some(k) = &kept {
            std::fs::rename(to, k).map_err(|e| Error::write(to, e))?;
        }
        self.placed.push((to.to_path_buf(), kept));
        std::fs::rename(from, to).map_err(|e| Error::write(to, e))
    }

    /// Removes `path`, keeping what it held aside.
    fn remove(&mut self, path: &Path) -> Result<()> {
        let kept = kept_name(path);
        std::fs::rename(path, &kept).map_err(|e| Error::write(path, e))?;
        self.placed.push((path.to_path_buf(), Some(kept)));
        Ok(())
    }

    /// Writes `bytes` to `to` (temporary file, then rename).
    fn write(&mut self, to: &Path, bytes: &[u8]) -> Result<()> {
        let tmp = kept_name(to).with_extension("new");
        std::fs::write(&tmp, bytes).map_err(|e| Error::write(&tmp, e))?;
        self.place(&tmp, to)
    }

    /// Puts everything back.
    fn rollback(self) {
        for (path, kept) in self.placed.into_iter().rev() {
            let _ = std::fs::remove_file(&path);
            if let Some(k) = kept {
                let _ = std::fs::rename(k, &path);
            }
        }
    }

    /// Drops the kept copies.
    fn commit(self) {
        for (_, kept) in self.placed {
            if let Some(k) = kept {
                let _ = std::fs::remove_file(k);
            }
        }
    }
}

/// A hidden name beside `path` for its old content.
fn kept_name(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{}.kept", name.unwrap_or_default()))
}

/// The workspace-relative name (with `/`) under which an input of `role` is stored.
fn input_name(role: &str, upload: &Upload) -> String {
    format!("inputs/{role}.{}", upload.ext)
}

/// An upload and the workspace-relative name (with `/`) it is stored under.
type Stored<'a> = (String, &'a Upload);

/// Each upload stored under `inputs/{role}.{ext}`.
fn by_role<'a>(uploads: &[(&str, &'a Upload)]) -> Vec<Stored<'a>> {
    uploads
        .iter()
        .map(|(r, u)| (input_name(r, u), *u))
        .collect()
}

/// Places `uploads` under their names, writes `plan`, and runs the pipeline; on any
/// failure every file is put back and the error is returned.
fn apply(ws: &Workspace, uploads: &[Stored], plan: &Plan) -> Result<StepResult> {
    let r = transact(ws, plan, |undo| {
        for (name, u) in uploads {
            undo.place(&u.path, &ws.root().join(name))?;
        }
        Ok(())
    })?;
    remember_names(ws, uploads);
    Ok(r)
}

/// Changes files with `prepare`, writes `plan`, and runs the pipeline; on any failure
/// every file is put back and the error is returned.
fn transact(
    ws: &Workspace,
    plan: &Plan,
    prepare: impl FnOnce(&mut Undo) -> Result<()>,
) -> Result<StepResult> {
    let mut undo = Undo::default();
    let done = prepare(&mut undo)
        .and_then(|()| undo.write(&ws.config(), Workspace::plan_text(plan)?.as_bytes()))
        .and_then(|()| run_pipeline(ws));
    match done {
        Ok(r) => {
            undo.commit();
            Ok(r)
        }
        Err(e) => {
            undo.rollback();
            Err(e)
        }
    }
}

/// `pingyi run --data WORKSPACE --out WORKSPACE/out`, exactly as the command line runs it.
pub fn run_pipeline(ws: &Workspace) -> Result<StepResult> {
    let outcome = crate::commands::run::run(&RunOptions {
        data: ws.root().to_path_buf(),
        out: ws.out(),
        force: false,
    })?;
    Ok(StepResult {
        summary: crate::privacy::mask_personal(&outcome.summary),
        warnings: outcome
            .warnings
            .iter()
            .map(|w| crate::privacy::mask_personal(w))
            .collect(),
        ..StepResult::default()
    })
}

/// Records the clerk's names of the files just stored.
fn remember_names(ws: &Workspace, uploads: &[Stored]) {
    let mut notes = ws.notes();
    for (name, u) in uploads {
        notes.shown.insert(name.clone(), u.shown.clone());
    }
    let _ = ws.save_notes(&notes);
}

/// The error with every file of the workspace it names (in its place and in its text)
/// shown under the clerk's name, other paths relative to the workspace.
fn shown_in(e: Error, ws: &Workspace, uploads: &[Stored]) -> Error {
    if let Error::Several { errors, more } = e {
        let errors = errors
            .into_iter()
            .map(|e| shown_in(e, ws, uploads))
            .collect();
        return Error::Several { errors, more };
    }
    let Error::Input {
        mut location,
        message,
    } = e
    else {
        return e;
    };
    let mut names: Vec<(String, String)> = ws.notes().shown.into_iter().collect();
    names.extend(uploads.iter().map(|(n, u)| (n.clone(), u.shown.clone())));
    let mut names: Vec<(String, String)> = names
        .into_iter()
        .map(|(n, shown)| (ws.root().join(n).display().to_string(), shown))
        .collect();
    // the run's staging folder is `out/` once written; the rest relative to the workspace
    let sep = std::path::MAIN_SEPARATOR;
    let staging = ws.root().join(".out.pingyi-staging");
    names.push((format!("{}{sep}", staging.display()), format!("out{sep}")));
    names.push((format!("{}{sep}", ws.root().display()), String::new()));
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let rename = |text: &str| {
        names
            .iter()
            .fold(text.to_string(), |t, (from, to)| t.replace(from, to))
    };
    location.file = location.file.as_deref().map(rename);
    let message = message.map_text(rename);
    Error::Input { location, message }
}

/// A failed step's error as a problem of `field`, naming the clerk's file instead of
/// the server's name for it, with the sheet around the cell where it names one.
fn problem(field: &'static str, e: Error, upload: Option<&Upload>) -> StepResult {
    let mut grid = None;
    let e = match upload {
        Some(u) => in_upload(e, u, &mut grid),
        None => e,
    };
    StepResult {
        problem: Some(Problem {
            field,
            message: e.message(),
            grid,
        }),
        ..StepResult::default()
    }
}

/// `e` naming the clerk's name of the upload `u` it points into, with the sheet around
/// the (first) cell it names put in `grid`.
type Around = Option<(TableView, Option<(usize, usize)>)>;
fn in_upload(e: Error, u: &Upload, grid: &mut Around) -> Error {
    match e {
        Error::Several { errors, more } => {
            let errors = errors.into_iter().map(|e| in_upload(e, u, grid)).collect();
            Error::Several { errors, more }
        }
        Error::Input {
            mut location,
            message,
        } => {
            let cell = location.row.map(|r| (r, location.column_index));
            if location
                .file
                .as_deref()
                .is_some_and(|f| f.contains(&*u.path.to_string_lossy()))
            {
                location.file = Some(u.shown.clone());
                if grid.is_none() {
                    *grid = sheet_around(&u.path, location.sheet.as_deref(), cell);
                }
            }
            Error::Input { location, message }
        }
        e => e,
    }
}

/// The first rows of a sheet as read, and the 0-based cell of a problem in it.
fn sheet_around(
    path: &Path,
    sheet: Option<&str>,
    cell: Option<(usize, Option<usize>)>,
) -> Option<(TableView, Option<(usize, usize)>)> {
    let (grid, _) = crate::io::read_grid_path(path, sheet).ok()?;
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0) + grid.first_col;
    let header = (0..width).map(crate::error::column_letter).collect();
    let masked = super::mask::masked_rows(&grid, 200, &crate::privacy::policy());
    let rows: Vec<Vec<String>> = masked
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![(grid.first_row + i).to_string()];
            row.extend(std::iter::repeat_n(String::new(), grid.first_col));
            row.extend(r);
            row
        })
        .collect();
    let at = cell.and_then(|(row, col)| Some((row.checked_sub(grid.first_row)?, col.unwrap_or(0))));
    let mut header: Vec<String> = header;
    header.insert(0, String::new());
    Some((
        TableView {
            header,
            rows,
            total: None,
        },
        at,
    ))
}

/// Step 1: a count table read as `pingyi counts` reads it; stored only when it reads.
pub fn counts(ws: &Workspace, form: Form) -> StepResult {
    let Some(upload) = form.files_of("counts").into_iter().next() else {
        return StepResult::problem("counts", msg!("serve-need-file"));
    };
    let loaded = match crate::commands::counts::load_counts(&upload.path, None) {
        Ok(l) => l,
        Err(e) => return problem("counts", e, Some(upload)),
    };
    let view = counts_view(&loaded.table);
    let mut plan = match ws.plan() {
        Ok(p) => p,
        Err(e) => return problem("counts", e, None),
    };
    let name = input_name("counts", upload);
    let stored = if let Some(level) = plan.county.as_mut() {
        level.counts = name.clone();
        apply(ws, &by_role(&[("counts", upload)]), &plan)
    } else {
        store_alone(ws, "counts", upload)
    };
    match stored {
        Ok(mut r) => {
            let mut notes = ws.notes();
            notes.counts = Some(name);
            let _ = ws.save_notes(&notes);
            r.tables.push((
                msg!(
                    "serve-counts-as-read",
                    checked = loaded.table.totals_checked
                ),
                view,
            ));
            r.warnings.extend(loaded.table.warnings());
            r
        }
        Err(e) => {
            let uploads = [("counts".to_string(), upload)];
            problem("counts", shown_in(e, ws, &uploads), Some(upload))
        }
    }
}

/// Stores one upload under its role, with no run.
fn store_alone(ws: &Workspace, role: &str, upload: &Upload) -> Result<StepResult> {
    let mut undo = Undo::default();
    undo.place(&upload.path, &ws.root().join(input_name(role, upload)))?;
    undo.commit();
    remember_names(ws, &by_role(&[(role, upload)]));
    Ok(StepResult::default())
}

/// The count table as read: a row per unit, a column per category, totals.
fn counts_view(table: &crate::io::counts::CountTable) -> TableView {
    let lang = crate::i18n::language();
    let mut categories: Vec<String> = Vec::new();
    for s in &table.strata {
        let c = s.category.label(lang).to_string();
        if !categories.contains(&c) {
            categories.push(c);
        }
    }
    let mut sums = vec![0u64; categories.len()];
    let mut rows = Vec::new();
    for (unit, strata) in table.units() {
        let mut row = vec![unit.to_string()];
        let mut cells = vec![0u64; categories.len()];
        for s in strata {
            let i = categories
                .iter()
                .position(|c| c == s.category.label(lang))
                .unwrap_or(0);
            cells[i] += s.population;
            sums[i] += s.population;
        }
        row.extend(cells.iter().map(u64::to_string));
        row.push(cells.iter().sum::<u64>().to_string());
        rows.push(row);
    }
    let unit = msg!("summary-col-unit").render_in(lang);
    let total = msg!("summary-row-total").render_in(lang);
    let mut header = vec![unit];
    header.extend(categories);
    header.push(total.clone());
    let mut total_row = vec![total];
    total_row.extend(sums.iter().map(u64::to_string));
    total_row.push(sums.iter().sum::<u64>().to_string());
    TableView {
        header,
        rows,
        total: Some(total_row),
    }
}

/// The frame's numbers typed on the page.
#[derive(Debug, Clone, Default)]
pub struct FrameInput {
    pub margin: String,
    pub confidence: String,
    pub min_per_stratum: String,
    pub reserve_rate: String,
}

impl FrameInput {
    pub fn from_form(form: &Form) -> FrameInput {
        FrameInput {
            margin: form.text("margin"),
            confidence: form.text("confidence"),
            min_per_stratum: form.text("min_per_stratum"),
            reserve_rate: form.text("reserve_rate"),
        }
    }

    /// The fields as typed, to show them again.
    fn typed(&self) -> BTreeMap<&'static str, String> {
        BTreeMap::from([
            ("margin", self.margin.clone()),
            ("confidence", self.confidence.clone()),
            ("min_per_stratum", self.min_per_stratum.clone()),
            ("reserve_rate", self.reserve_rate.clone()),
        ])
    }

    /// The level these numbers make with the stored count table, each number checked
    /// here so that a problem is shown at its own field.
    fn level(
        &self,
        counts: String,
        title: &str,
    ) -> std::result::Result<Level, (&'static str, Message)> {
        let fraction = |field: &'static str, text: &str| match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 && v < 1.0 => Ok(v),
            Ok(_) => Err((field, msg!("serve-not-a-fraction", value = text))),
            Err(_) => Err((field, msg!("serve-not-a-number", value = text))),
        };
        let min = match self.min_per_stratum.trim().parse::<u64>() {
            Ok(v) if v <= crate::io::text::MAX_COUNT => v,
            _ => {
                let value = &self.min_per_stratum;
                return Err(("min_per_stratum", msg!("serve-not-a-count", value)));
            }
        };
        let rate = self.reserve_rate.trim();
        match rate.parse::<crate::rate::Rate>() {
            Ok(r) if (0.0..=MAX_RESERVE_RATE).contains(&r.as_f64()) => {}
            _ => return Err(("reserve_rate", msg!("serve-not-a-rate", value = rate))),
        }
        Ok(Level {
            title: title.to_string(),
            counts,
            margin: Some(fraction("margin", &self.margin)?),
            confidence: Some(fraction("confidence", &self.confidence)?),
            min_per_stratum: Some(min),
            reserve_rate: Some(rate.to_string()),
            ..Level::default()
        })
    }
}

/// The largest reserve rate the form takes, as `pingyi.toml` does.
const MAX_RESERVE_RATE: f64 = 10.0;

/// The plan with the frame's numbers set (later steps' settings kept).
fn frame_plan(ws: &Workspace, input: &FrameInput) -> std::result::Result<Plan, Box<StepResult>> {
    let Some(counts) = ws.notes().counts else {
        return Err(Box::new(StepResult::problem(
            "counts",
            msg!("serve-need-counts"),
        )));
    };
    let mut level = input
        .level(counts, &ws.title())
        .map_err(|(field, m)| Box::new(StepResult::problem(field, m)))?;
    let mut plan = ws
        .plan()
        .map_err(|e| Box::new(problem("margin", e, None)))?;
    if let Some(old) = plan.county.take() {
        level = Level {
            title: level.title,
            counts: level.counts,
            margin: level.margin,
            confidence: level.confidence,
            min_per_stratum: level.min_per_stratum,
            reserve_rate: level.reserve_rate,
            ..old
        };
    }
    plan.county = Some(level);
    Ok(plan)
}

/// Step 2, preview: the frame these numbers give, computed and shown, nothing written.
pub fn frame_preview(ws: &Workspace, input: FrameInput) -> StepResult {
    let r = match frame_plan(ws, &input) {
        Ok(plan) => preview(ws, &plan).unwrap_or_else(|e| problem("margin", e, None)),
        Err(r) => *r,
    };
    StepResult {
        typed: input.typed(),
        ..r
    }
}

fn preview(ws: &Workspace, plan: &Plan) -> Result<StepResult> {
    let text = Workspace::plan_text(plan)?;
    let config = RunConfig::parse(&text, crate::commands::run::CONFIG_FILE)?;
    let level = config
        .county
        .ok_or_else(|| Error::Internal("no level".into()))?;
    let frame_plan = level.plan(crate::commands::run::CONFIG_FILE)?;
    let counts = crate::commands::counts::load_counts(&ws.root().join(&level.counts), None)?;
    let frame = crate::frame::build_frame(&counts.table, &frame_plan)?;
    let lang = crate::i18n::language();
    let mut r = StepResult {
        summary: crate::report::frame_summary(&frame),
        warnings: frame.warnings.clone(),
        ..StepResult::default()
    };
    r.charts.push(super::pages::frame_chart(&frame.rows, lang));
    Ok(r)
}

/// Step 2, save: the frame's numbers into `pingyi.toml`, and the run.
pub fn frame_save(ws: &Workspace, input: FrameInput) -> StepResult {
    let plan = match frame_plan(ws, &input) {
        Ok(p) => p,
        Err(r) => {
            return StepResult {
                typed: input.typed(),
                ..*r
            };
        }
    };
    apply(ws, &[], &plan).unwrap_or_else(|e| StepResult {
        typed: input.typed(),
        ..problem("margin", shown_in(e, ws, &[]), None)
    })
}

/// Step 3: rosters stored for the draw (replacing those stored before), no run.
pub fn rosters(ws: &Workspace, form: Form) -> StepResult {
    let files = form.files_of("rosters");
    if files.is_empty() {
        return StepResult::problem("rosters", msg!("serve-need-file"));
    }
    // Once committed to (the commitment may be printed or announced) or drawn from,
    // the rosters stay: a draw from other rosters would pass for the announced one.
    let drawn = ws.plan().is_ok_and(|p| p.seeds.draw.is_some());
    if ws.commitment().is_file() || drawn {
        // The same files again, in any order, change nothing.
        let digests = |paths: Vec<PathBuf>| {
            let mut d: Vec<Option<String>> = paths
                .iter()
                .map(|p| {
                    crate::io::digest::FileDigest::of_file(p)
                        .ok()
                        .map(|d| d.sha256)
                })
                .collect();
            d.sort();
            d
        };
        let stored = ws
            .notes()
            .rosters
            .iter()
            .map(|r| ws.root().join(r))
            .collect();
        let given = files.iter().map(|u| u.path.clone()).collect();
        let (stored, given) = (digests(stored), digests(given));
        if stored == given && stored.iter().all(Option::is_some) {
            return StepResult {
                notice: Some(msg!("serve-rosters-same").render()),
                ..StepResult::default()
            };
        }
        return StepResult::problem("rosters", msg!("serve-rosters-fixed"));
    }
    let mut notes = ws.notes();
    for old in notes.rosters.drain(..) {
        let _ = std::fs::remove_file(ws.root().join(old));
    }
    for (i, u) in files.iter().enumerate() {
        let role = format!("roster-{}", i + 1);
        if let Err(e) = store_alone(ws, &role, u) {
            return problem("rosters", e, Some(u));
        }
        notes.rosters.push(input_name(&role, u));
        notes.shown.insert(input_name(&role, u), u.shown.clone());
    }
    let _ = std::fs::remove_file(ws.commitment());
    match ws.save_notes(&notes) {
        Ok(()) => StepResult::default(),
        Err(e) => problem("rosters", e, None),
    }
}

/// The draw's inputs as a command reads them.
fn roster_inputs(ws: &Workspace, rosters: &[String]) -> crate::commands::draw::RosterInputs {
    crate::commands::draw::RosterInputs {
        rosters: rosters.iter().map(|r| ws.root().join(r)).collect(),
        sheet: None,
        id_column: None,
        scan: Default::default(),
    }
}

/// Step 3, before the seed: `pingyi seed commit` on the saved frame and the rosters.
pub fn commit(ws: &Workspace) -> StepResult {
    let rosters = ws.notes().rosters;
    if rosters.is_empty() {
        return StepResult::problem("rosters", msg!("serve-need-rosters"));
    }
    let frame = ws.level_out().join("frame.xlsx");
    if !frame.is_file() {
        return StepResult::problem("rosters", msg!("serve-need-frame"));
    }
    let inputs = roster_inputs(ws, &rosters);
    match crate::commands::seed_commit::commit(&frame, &inputs, &ws.commitment(), true) {
        Ok(o) => StepResult {
            notice: Some(crate::privacy::mask_personal(&o.summary)),
            ..StepResult::default()
        },
        Err(e) => problem("rosters", e, None),
    }
}

/// Step 3, the seed: the rosters and the announced seed into `pingyi.toml`, the run,
/// and the draw checked against the commitment and the seed.
pub fn draw(ws: &Workspace, seed: String) -> StepResult {
    if seed.is_empty() {
        return StepResult::problem("seed", msg!("serve-need-seed"));
    }
    if !ws.commitment().is_file() {
        return StepResult::problem("seed", msg!("serve-need-commitment"));
    }
    let notes = ws.notes();
    let mut plan = match ws.plan() {
        Ok(p) => p,
        Err(e) => return problem("seed", e, None),
    };
    let Some(level) = plan.county.as_mut() else {
        return StepResult::problem("seed", msg!("serve-need-frame"));
    };
    level.rosters = notes.rosters.clone();
    plan.seeds.draw = Some(seed.clone());
    let mut r = match apply(ws, &[], &plan) {
        Ok(r) => r,
        Err(e) => return problem("seed", shown_in(e, ws, &[]), None),
    };
    r.notice = Some(check_draw(ws, &seed));
    r
}

/// `pingyi verify out/county/sample.xlsx --seed S --commitment C`, its verdicts.
fn check_draw(ws: &Workspace, seed: &str) -> String {
    let opts = crate::commands::verify::VerifyOptions {
        root: Some(ws.root().to_path_buf()),
        seed: Some(seed.to_string()),
        commitment: Some(ws.commitment()),
    };
    let target = crate::commands::verify::VerifyTarget::Manifest {
        path: ws.level_out().join("sample.xlsx"),
        chain: false,
    };
    let text = match crate::commands::verify::run(&target, &opts) {
        Ok(o) => crate::privacy::mask_personal(&o.summary),
        Err(e) => e.message().render(),
    };
    relative(ws, &text)
}

/// Step 4: the audit's seed (a 30% check) into `pingyi.toml`, and the run.
pub fn audit_seed(ws: &Workspace, seed: String) -> StepResult {
    if seed.is_empty() {
        return StepResult::problem("audit_seed", msg!("serve-need-seed"));
    }
    with_level(ws, "audit_seed", &[], |plan| {
        if let Some(l) = plan.county.as_mut() {
            l.audit_rate = Some("0.30".to_string());
        }
        plan.seeds.audit = Some(seed);
    })
}

/// Changes the plan's level with `change`, places `uploads`, and runs.
fn with_level(
    ws: &Workspace,
    field: &'static str,
    uploads: &[Stored],
    change: impl FnOnce(&mut Plan),
) -> StepResult {
    let mut plan = match ws.plan() {
        Ok(p) => p,
        Err(e) => return problem(field, e, None),
    };
    if plan.county.as_ref().is_none_or(|l| l.rosters.is_empty()) {
        return StepResult::problem(field, msg!("serve-need-draw"));
    }
    change(&mut plan);
    apply(ws, uploads, &plan).unwrap_or_else(|e| {
        let e = shown_in(e, ws, uploads);
        problem(field, e, None)
    })
}

/// The folder of the returned checklists, as `pingyi.toml` names it.
pub const RETURNS: &str = "inputs/returns";

/// Step 4: returned checklists (one or several, now or later) stored in the returns
/// folder under names made from their content, and the run tallying all of them: the
/// order of uploads changes nothing, and a file returned twice is stored once.
pub fn checklist(ws: &Workspace, form: Form) -> StepResult {
    let files = form.files_of("checklist");
    if files.is_empty() {
        return StepResult::problem("checklist", msg!("serve-need-file"));
    }
    if !selected(ws) {
        return StepResult::problem("checklist", msg!("polish-page-need-select"));
    }
    let mut stored: Vec<Stored> = Vec::new();
    for u in files {
        match crate::io::digest::FileDigest::of_file(&u.path) {
            Ok(d) => stored.push((format!("{RETURNS}/{}.{}", &d.sha256[..16], u.ext), u)),
            Err(e) => return problem("checklist", e, Some(u)),
        }
    }
    stored.sort_by(|a, b| a.0.cmp(&b.0));
    stored.dedup_by(|a, b| a.0 == b.0);
    let dir = ws.root().join(RETURNS);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return problem("checklist", Error::write(&dir, e), None);
    }
    let r = with_level(ws, "checklist", &stored, |plan| {
        if let Some(l) = plan.county.as_mut() {
            l.audit_results = Some(RETURNS.to_string());
        }
    });
    if r.problem.is_some() {
        let _ = std::fs::remove_dir(&dir); // only when it is empty
    }
    r
}

/// Whether a checklist was made: the plan has the audit's seed (or cannot be read, and
/// says why when the run is asked for), or no draw was made yet (which the run says).
fn selected(ws: &Workspace) -> bool {
    ws.plan().map_or(true, |p| {
        p.seeds.audit.is_some() || p.county.as_ref().is_none_or(|l| l.rosters.is_empty())
    })
}

/// Step 4: every returned checklist removed (to upload them again), and the run.
pub fn clear_returns(ws: &Workspace) -> StepResult {
    drop_returns(ws, |_| true)
}

/// Step 4: one returned checklist removed (named by its stored file name, which must
/// be one of those stored), and the run over the others.
pub fn remove_return(ws: &Workspace, stored: String) -> StepResult {
    if !ws
        .returns()
        .iter()
        .any(|(_, p)| p.file_name() == Some(stored.as_ref()))
    {
        return StepResult::problem("checklist", msg!("serve-not-found"));
    }
    drop_returns(ws, |p| p.file_name() == Some(stored.as_ref()))
}

/// Removes the returned checklists `which` picks and runs; with none left, the plan
/// tallies nothing.
fn drop_returns(ws: &Workspace, which: impl Fn(&Path) -> bool) -> StepResult {
    let mut plan = match ws.plan() {
        Ok(p) => p,
        Err(e) => return problem("checklist", e, None),
    };
    let (gone, kept): (Vec<_>, Vec<_>) = ws.returns().into_iter().partition(|(_, p)| which(p));
    if let Some(l) = plan.county.as_mut().filter(|_| kept.is_empty()) {
        l.audit_results = None;
    }
    transact(ws, &plan, |undo| {
        gone.iter().try_for_each(|(_, path)| undo.remove(path))
    })
    .unwrap_or_else(|e| problem("checklist", shown_in(e, ws, &[]), None))
}

/// Step 5: survey answers, inspection scores and the call log, and the run.
pub fn score(ws: &Workspace, form: Form) -> StepResult {
    let responses = form.files_of("responses").into_iter().next();
    let inspection = form.files_of("inspection").into_iter().next();
    let (Some(responses), Some(inspection)) = (responses, inspection) else {
        let field = if responses.is_none() {
            "responses"
        } else {
            "inspection"
        };
        return StepResult::problem(field, msg!("serve-need-file"));
    };
    let calls = form.files_of("call_log").into_iter().next();
    let mut uploads = vec![("responses", responses), ("inspection", inspection)];
    uploads.extend(calls.map(|c| ("calls", c)));
    let uploads = by_role(&uploads);
    let names: Vec<String> = uploads.iter().map(|(n, _)| n.clone()).collect();
    with_level(ws, "responses", &uploads, |plan| {
        if let Some(l) = plan.county.as_mut() {
            l.responses = Some(names[0].clone());
            l.inspection = Some(names[1].clone());
            l.call_log = names.get(2).cloned();
            l.scheme = Some("township".to_string());
        }
    })
}

/// Step 6: every output of the workspace re-derived from its manifest; each dropped
/// output verified against the manifest that records it ([`super::check`]).
pub fn verify(ws: &Workspace, form: Form) -> StepResult {
    let opts = crate::commands::verify::VerifyOptions {
        root: Some(ws.root().to_path_buf()),
        seed: None,
        commitment: None,
    };
    let mut summary = String::new();
    for (rel, path) in ws.downloads() {
        if !crate::provenance::manifest::manifest_path(&path).is_file() {
            continue;
        }
        let target = crate::commands::verify::VerifyTarget::Manifest { path, chain: false };
        let text = match crate::commands::verify::run(&target, &opts) {
            Ok(o) => o.summary,
            Err(e) => format!("{rel}: {}\n", e.message().render()),
        };
        summary.push_str(&crate::privacy::mask_personal(&text));
    }
    let checked = super::check::dropped(ws, &form.files_of("dropped"));
    let relative = |text: String| relative(ws, &text);
    StepResult {
        summary: relative(summary),
        notice: super::check::text(&checked).map(relative),
        alarm: checked.iter().any(|c| !c.ok),
        ..StepResult::default()
    }
}

/// `text` with the workspace's paths written relative to it (`out/county/…`).
fn relative(ws: &Workspace, text: &str) -> String {
    let root = format!("{}{}", ws.root().display(), std::path::MAIN_SEPARATOR);
    text.replace(&root, "")
}

/// The field next to which a refused upload of `step` is shown.
pub fn first_field(step: &str) -> &'static str {
    match step {
        "counts" => "counts",
        "frame" => "margin",
        "draw" => "rosters",
        "audit" => "checklist",
        "score" => "responses",
        _ => "dropped",
    }
}
