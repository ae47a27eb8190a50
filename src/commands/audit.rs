//! `pingyi audit select` and `pingyi audit tally`: the verification subset of a
//! collected sample as a checklist, and the filled checklist checked against the
//! recorded selection and tallied.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::audit::tally::{Finding, TallyRules, UnitTally, tally_unit};
use crate::audit::{Selection, select};
use crate::draw::roster::{RosterReader, RosterRecord};
use crate::draw::ticket::{ALGORITHM, ID_NORMALIZATION, Seed};
use crate::error::{Error, Location, Result};
use crate::io::alias::{Field, Input};
use crate::io::digest::FileDigest;
use crate::io::digest::{ContentDigest, sha256_hex};
use crate::io::digest::{hex, record_digest_in};
use crate::io::stream::open_rows;
use crate::io::text::{clean, match_key};
use crate::io::{Cell, ColumnKind, ColumnSpec, OutputTable, read_grid_path};
use crate::privacy::quote_cell;
use crate::provenance::confine::Confinement;
use crate::provenance::manifest::{FileFacts, Manifest, ManifestBuilder, manifest_path};
use crate::provenance::params::{
    Parameters, SelectParameters, SelectedRecord, SelectedUnit, SelectionRecord, TallyParameters,
};
use crate::rate::Rate;
use sha2::{Digest, Sha256};

use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, with_manifest,
    write_with_manifest,
};

/// Columns the draw adds, which are not the person's identifying data.
const DRAW_ADDED: [&str; 12] = [
    "stratum_rank",
    "层内序号",
    "role",
    "样本类型",
    "ticket",
    "随机票号",
    "inclusion_prob",
    "入样概率",
    "weight",
    "权数",
    "used",
    "已使用",
];
/// The values of the result drop-down.
pub const RESULT_CHOICES: [&str; 3] = ["真实", "虚假", "无法核实"];

fn is_one_of(label: &str, names: &[&str]) -> bool {
    names.iter().any(|n| match_key(n) == match_key(label))
}

/// What `pingyi audit select` is asked to do.
#[derive(Debug, Clone)]
pub struct SelectOptions {
    pub sample: PathBuf,
    pub seed: String,
    pub rate: Rate,
    pub id_column: Option<String>,
    pub sheet: Option<String>,
}

/// The selection and the table written.
#[derive(Debug)]
pub struct SelectReport {
    pub selection: Selection,
}

/// An unkeyed digest of one cell, as manifests before the keyed layout recorded it
/// (read back only, to tally checklists selected by earlier versions).
fn cell_digest(label: &str, value: &str) -> String {
    sha256_hex(format!("{}\u{1f}{}", clean(label), clean(value)).as_bytes())
}

/// The key of an audit selection: SHA-256 over a domain label and the sorted digests
/// of every collected record, each over the whole record (id and every identifying
/// cell). It is never written to the manifest: anyone holding the collected sample can
/// compute it, anyone holding only the manifest cannot, so the keyed digests below
/// cannot be searched for an ID number or a phone.
pub fn audit_key(records: &[RosterRecord]) -> [u8; 32] {
    let mut scratch = Vec::new();
    let mut digests: Vec<[u8; 32]> = records
        .iter()
        .map(|r| {
            record_digest_in(
                &mut scratch,
                std::iter::once(r.id.as_str()).chain(r.cells.iter().map(String::as_str)),
            )
        })
        .collect();
    digests.sort_unstable();
    let mut h = Sha256::new();
    h.update(b"pingyi-audit-key/1\x1f");
    for d in &digests {
        h.update(d);
    }
    h.finalize().into()
}

/// A keyed digest of one cell as it identifies a person: SHA-256 of the selection's
/// key, the column and the cleaned text.
fn keyed_cell_digest(key: &[u8; 32], label: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(key);
    h.update(format!("{}\u{1f}{}", clean(label), clean(value)).as_bytes());
    hex(&h.finalize())
}

/// Reads the collected sample: main rows, and reserves marked as used; with its labels
/// and the description of its format.
fn read_collected(
    sample: &Path,
    sheet: Option<&str>,
    id_column: Option<&str>,
) -> Result<(Vec<String>, Vec<RosterRecord>, String)> {
    let rows = open_rows(sample, sheet)?;
    let reader = RosterReader::open(rows, id_column)?;
    let format = reader.format().describe();
    let labels = reader.header.labels.clone();
    let role = Input::Sample.find(&labels, Field::Role);
    let used = Input::Sample.find(&labels, Field::Used);
    let keep: Vec<usize> = (0..labels.len())
        .filter(|&i| !is_one_of(&labels[i], &DRAW_ADDED) && !labels[i].is_empty())
        .collect();
    let mut records = Vec::new();
    let mut seen = BTreeSet::new();
    for r in reader {
        let mut r = r?;
        if let Some(role) = role {
            let is_main = matches!(match_key(&r.cells[role]).as_str(), "main" | "正式样本");
            let is_used =
                used.is_some_and(|u| Finding::parse(&r.cells[u]) == Some(Finding::Genuine));
            if !is_main && !is_used {
                continue;
            }
        }
        if !seen.insert(r.id.clone()) {
            return Err(Error::input(
                r.location.clone(),
                format!("id {} appears twice in the sample", quote_cell(&r.id)),
            ));
        }
        r.cells = keep
            .iter()
            .map(|&i| std::mem::take(&mut r.cells[i]))
            .collect();
        records.push(r);
    }
    let kept = keep.iter().map(|&i| labels[i].clone()).collect();
    Ok((kept, records, format))
}

/// The draw seed recorded beside the sample, if any.
fn draw_seed_of(sample: &Path) -> Option<String> {
    let bytes = crate::io::files::read_regular(&manifest_path(sample)).ok()?;
    let m = Manifest::from_bytes(&bytes, "").ok()?;
    m.parameters.seed().map(|s| s.trim().to_string())
}

/// A collected sample read and its audit subset selected, in memory.
pub struct Collected {
    /// The identifying columns the checklist carries.
    pub labels: Vec<String>,
    pub selection: Selection,
    /// The content digest of the collected records.
    pub content: ContentDigest,
    /// The selection's key ([`audit_key`]).
    pub key: [u8; 32],
    /// How the sample file was read (for its manifest entry).
    pub format: String,
}

/// The selection and the content digest of the collected sample, computed in memory.
pub fn selection_in_memory(opts: &SelectOptions) -> Result<Collected> {
    let seed = Seed::new(&opts.seed)?;
    let (labels, records, format) = read_collected(
        &opts.sample,
        opts.sheet.as_deref(),
        opts.id_column.as_deref(),
    )?;
    let content = collected_digest(&records);
    let key = audit_key(&records);
    Ok(Collected {
        labels,
        selection: select(records, &seed, opts.rate),
        content,
        key,
        format,
    })
}

/// The content digest of collected records: each whole record (id and every cell).
fn collected_digest(records: &[RosterRecord]) -> ContentDigest {
    ContentDigest::of(records.iter().map(|r| {
        let mut f = vec![r.id.clone()];
        f.extend(r.cells.iter().cloned());
        (r.unit.clone(), r.category.key().to_string(), f)
    }))
}

/// The content digest of a checklist: per selected record the selection's key, its
/// audit number, id and identifying cells (the key keeps a one-record stratum's digest
/// from being searched). `None`: the layout of earlier versions, audit number and id.
pub fn checklist_digest(selection: &Selection, key: Option<&[u8; 32]>) -> ContentDigest {
    ContentDigest::of(selection.selected.iter().map(|s| {
        let fields = match key {
            Some(key) => {
                let mut f = vec![hex(key), s.audit_no.clone(), s.record.id.clone()];
                f.extend(s.record.cells.iter().cloned());
                f
            }
            None => vec![s.audit_no.clone(), s.record.id.clone()],
        };
        (
            s.record.unit.clone(),
            s.record.category.key().to_string(),
            fields,
        )
    }))
}

/// Selects the audit subset and writes the checklist with its manifest.
pub fn write_selection(opts: &SelectOptions, out: &OutputOptions) -> Result<SelectReport> {
    check_selection_output(opts, out)?;
    let computed = compute_selection(opts)?;
    render_selection(&computed, opts, out)?;
    Ok(SelectReport {
        selection: computed.collected.selection,
    })
}

/// Refuses, before any work, a bad seed or rate, or a checklist output that is one of
/// its inputs or exists without `--force`.
pub fn check_selection_output(opts: &SelectOptions, out: &OutputOptions) -> Result<()> {
    Seed::new(&opts.seed)?;
    if opts.rate.as_f64() <= 0.0 || opts.rate.as_f64() > 1.0 {
        return Err(Error::Usage(format!(
            "--rate {} is outside (0, 1]; the plan checks 0.30 (30%)",
            opts.rate
        )));
    }
    let sample_manifest = manifest_path(&opts.sample);
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&opts.sample, &sample_manifest])?;
    check_output(&out.path, out.force)?;
    Ok(())
}

/// An audit selection computed from a collected sample, before anything is written.
pub struct SelectionComputed {
    seed: Seed,
    pub collected: Collected,
    sample_digest: FileDigest,
}

/// Reads the collected sample and selects its audit subset, writing nothing.
pub fn compute_selection(opts: &SelectOptions) -> Result<SelectionComputed> {
    let seed = Seed::new(&opts.seed)?;
    if draw_seed_of(&opts.sample).as_deref() == Some(seed.as_str()) {
        return Err(Error::input(
            Location::file(manifest_path(&opts.sample).display().to_string()),
            "records the same seed for the draw; the audit needs its own seed, announced after the sample was collected",
        ));
    }
    let collected = selection_in_memory(opts)?;
    if collected.selection.selected.is_empty() {
        return Err(Error::input(
            Location::file(opts.sample.display().to_string()),
            "has no collected records to audit",
        ));
    }
    let sample_digest = FileDigest::of_file(&opts.sample)?;
    Ok(SelectionComputed {
        seed,
        collected,
        sample_digest,
    })
}

/// Writes a computed selection to `out` as a checklist with its manifest (the output
/// checked already: [`check_selection_output`]).
pub fn render_selection(
    computed: &SelectionComputed,
    opts: &SelectOptions,
    out: &OutputOptions,
) -> Result<()> {
    let SelectionComputed {
        seed,
        collected:
            Collected {
                labels,
                selection,
                content,
                key,
                format: sample_format,
            },
        sample_digest,
    } = computed;
    let table = checklist_table(labels, selection);
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new(Parameters::AuditSelect(SelectParameters {
        algorithm: ALGORITHM.to_string(),
        id_column: opts.id_column.clone(),
        id_normalization: ID_NORMALIZATION.to_string(),
        rate: opts.rate.to_string(),
        seed: seed.as_str().to_string(),
    }));
    manifest.input(
        FileFacts {
            role: "sample",
            path: &opts.sample,
            sheet: opts.sheet.clone(),
            format: sample_format.clone(),
            digest: sample_digest.clone(),
            content: content.clone(),
        },
        &dir,
    );
    manifest.selection(selection_record(labels, selection, key));
    let digest = checklist_digest(selection, Some(key));
    write_with_manifest(&[table], digest, "checklist", out, manifest, &dir)
}

fn checklist_table(labels: &[String], selection: &Selection) -> OutputTable {
    let mut columns = vec![ColumnSpec::new("audit_no", "核查编号", ColumnKind::Text)];
    columns.extend(
        labels
            .iter()
            .map(|l| ColumnSpec::named(l, ColumnKind::Text)),
    );
    let result_col = columns.len();
    columns.extend([
        ColumnSpec::new("result", "核查结果", ColumnKind::Text),
        ColumnSpec::new("verifier", "核查人", ColumnKind::Text),
        ColumnSpec::new("date", "核查日期", ColumnKind::Text),
        ColumnSpec::new("notes", "备注", ColumnKind::Text),
    ]);
    let rows = selection
        .selected
        .iter()
        .map(|s| {
            let mut row = vec![Cell::Text(s.audit_no.clone())];
            row.extend(s.record.cells.iter().map(|c| Cell::Text(c.clone())));
            row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
            row
        })
        .collect();
    OutputTable {
        sheet: "核查清单".to_string(),
        columns,
        rows,
        choices: vec![(
            result_col,
            RESULT_CHOICES.iter().map(|s| s.to_string()).collect(),
        )],
    }
}

/// The selection as the manifest records it: per unit counts, and per record its
/// audit number, unit, category and keyed digests of its identifying cells (no
/// personal data in clear, and no digest anyone without the sample can search).
fn selection_record(labels: &[String], selection: &Selection, key: &[u8; 32]) -> SelectionRecord {
    let units = selection
        .units
        .iter()
        .map(|u| SelectedUnit {
            unit: u.unit.clone(),
            collected: u.collected,
            selected: u.selected,
        })
        .collect();
    let records = selection
        .selected
        .iter()
        .map(|s| SelectedRecord {
            audit_no: s.audit_no.clone(),
            unit: s.record.unit.clone(),
            category: s.record.category.key().to_string(),
            id_sha256: None,
            cells_keyed: Some(
                labels
                    .iter()
                    .zip(&s.record.cells)
                    .map(|(l, v)| (l.clone(), keyed_cell_digest(key, l, v)))
                    .collect(),
            ),
            cells: None,
        })
        .collect();
    SelectionRecord {
        columns: labels.to_vec(),
        units,
        records,
    }
}

/// What `pingyi audit tally` is asked to do.
#[derive(Debug, Clone)]
pub struct TallyOptions {
    pub checklist: PathBuf,
    pub manifest: Option<PathBuf>,
    pub sheet: Option<String>,
    pub partial: bool,
    pub rules: TallyRules,
}

/// The tally and what it read.
#[derive(Debug)]
pub struct TallyReport {
    pub units: Vec<UnitTally>,
}

/// A recorded selection, as read back from its manifest.
struct Recorded {
    columns: Vec<String>,
    collected: BTreeMap<String, u64>,
    /// By audit number: unit and the digests of the identifying cells.
    records: BTreeMap<String, (String, BTreeMap<String, String>)>,
    /// Whether the cell digests are keyed (this version) or plain (earlier versions).
    keyed: bool,
    /// The collected sample the selection was made from: path as recorded, sheet,
    /// and its recorded content digest.
    sample: Option<(String, Option<String>, String)>,
    id_column: Option<String>,
}

fn read_recorded(path: &Path) -> Result<(Recorded, Vec<u8>)> {
    let bytes = crate::io::files::read_regular(path)?;
    let name = path.display().to_string();
    let m = Manifest::from_bytes(&bytes, &name)?;
    let bad = |what: &str| Error::input(Location::file(&name), what.to_string());
    let sample = m
        .inputs
        .iter()
        .find(|f| f.role == "sample")
        .map(|f| (f.path.clone(), f.sheet.clone(), f.content.digest.clone()));
    let (Parameters::AuditSelect(params), Some(sel)) = (&m.parameters, m.selection) else {
        return Err(bad(
            "is not the manifest of an audit selection (`pingyi audit select`)",
        ));
    };
    let keyed = sel
        .keyed()
        .ok_or_else(|| bad("has a damaged selection record"))?;
    let collected = sel
        .units
        .into_iter()
        .map(|u| (u.unit, u.collected))
        .collect();
    let records = sel
        .records
        .into_iter()
        .map(|r| {
            let cells = r.cell_digests().map(|(c, _)| c.clone()).unwrap_or_default();
            (r.audit_no, (r.unit, cells))
        })
        .collect();
    let parsed = Recorded {
        columns: sel.columns,
        collected,
        records,
        keyed,
        sample,
        id_column: params.id_column.clone(),
    };
    Ok((parsed, bytes))
}

/// The key of a recorded selection, from the collected sample it names (which must
/// lie beside the manifest and hold the records it held when the selection was made).
fn recorded_key(manifest_file: &Path, recorded: &Recorded) -> Result<[u8; 32]> {
    let at = Location::file(manifest_file.display().to_string());
    let Some((path, sheet, content)) = &recorded.sample else {
        return Err(Error::input(
            at,
            "names no collected sample; make the checklist again with `pingyi audit select`",
        ));
    };
    let dir = manifest_dir(manifest_file);
    let root = Confinement::new(&dir)?;
    let sample = root.resolve(manifest_file, &dir, path)?;
    if !sample.exists() {
        return Err(Error::input(
            at,
            format!(
                "names the collected sample '{path}', which is missing; the checklist's identifying cells are checked with it, so keep it where it was when the selection was made"
            ),
        ));
    }
    let (_, records, _) = read_collected(&sample, sheet.as_deref(), recorded.id_column.as_deref())?;
    if &collected_digest(&records).digest != content {
        return Err(Error::input(
            Location::file(sample.display().to_string()),
            format!(
                "holds other records than when the audit selection was made (recorded in {}); the checklist is checked with it, so restore it as it was",
                manifest_file.display()
            ),
        ));
    }
    Ok(audit_key(&records))
}

/// Checks the filled checklist against the recorded selection and tallies it.
pub fn write_tally(opts: &TallyOptions, out: &OutputOptions) -> Result<TallyReport> {
    check_tally_output(opts, out)?;
    let computed = compute_tally(opts)?;
    render_tally(&computed, opts, out)?;
    Ok(TallyReport {
        units: computed.units,
    })
}

/// Writes a computed tally to `out` with its manifest (the outputs checked already:
/// [`check_tally_output`]), so one tally renders to any number of formats.
pub fn render_tally(
    computed: &TallyComputed,
    opts: &TallyOptions,
    out: &OutputOptions,
) -> Result<()> {
    let TallyComputed {
        units,
        records,
        key,
        findings: _,
        grid_sheet,
        grid_format,
        bytes,
        manifest_file,
        manifest_bytes,
    } = computed;
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new(Parameters::AuditTally(TallyParameters {
        cap: opts.rules.cap,
        confidence: opts.rules.confidence,
        partial: opts.partial,
        per_case: opts.rules.per_case,
        recheck_at: opts.rules.recheck_at,
    }));
    manifest.input(
        FileFacts {
            role: "checklist",
            path: &opts.checklist,
            sheet: grid_sheet.clone(),
            format: grid_format.clone(),
            digest: FileDigest::of(bytes),
            content: findings_digest(records, key.as_ref()),
        },
        &dir,
    );
    manifest.input(
        FileFacts {
            role: "selection",
            path: manifest_file,
            sheet: None,
            format: "JSON".into(),
            digest: FileDigest::of(manifest_bytes),
            content: ContentDigest::of(std::iter::empty::<(String, String, Vec<String>)>()),
        },
        &dir,
    );
    let table = tally_table(units);
    write_with_manifest(&[table], tally_digest(units), "tally", out, manifest, &dir)
}

/// Refuses, before any work, a tally output that is one of its inputs or exists
/// without `--force`.
pub fn check_tally_output(opts: &TallyOptions, out: &OutputOptions) -> Result<()> {
    let selection = opts
        .manifest
        .clone()
        .unwrap_or_else(|| manifest_path(&opts.checklist));
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&opts.checklist, &selection])?;
    check_output(&out.path, out.force)?;
    Ok(())
}

/// One returned record of a checklist: what the verifiers wrote for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRecord {
    pub unit: String,
    pub audit_no: String,
    pub finding: Finding,
    /// 核查人, 核查日期 and 备注 as written (cleaned of surrounding spaces).
    pub verifier: String,
    pub date: String,
    pub notes: String,
}

/// The content digest of a filled checklist: one stratum per record (unit, audit
/// number), over its result, 核查人, 核查日期 and 备注, keyed with the selection's key
/// (so a verifier's name or a note cannot be searched). Which records were found false
/// is part of the record: swapping two results changes two strata.
pub fn findings_digest(records: &[CheckedRecord], key: Option<&[u8; 32]>) -> ContentDigest {
    let key = key.map(|k| hex(k)).unwrap_or_default();
    ContentDigest::of(records.iter().map(|r| {
        (
            r.unit.clone(),
            format!("audit number {}", r.audit_no),
            vec![
                key.clone(),
                r.audit_no.clone(),
                format!("{:?}", r.finding),
                r.verifier.clone(),
                r.date.clone(),
                r.notes.clone(),
            ],
        )
    }))
}

/// The content digest of a filled checklist as earlier versions recorded it: per unit,
/// the multiset of its results (read back only, so that a checklist saved again keeps
/// verifying as the same content against a manifest of an earlier version).
pub fn findings_digest_v1(findings: &BTreeMap<String, Vec<Finding>>) -> ContentDigest {
    ContentDigest::of(findings.iter().flat_map(|(u, fs)| {
        fs.iter()
            .map(move |f| (u.clone(), String::new(), vec![format!("{f:?}")]))
    }))
}

/// The content digest of a tally.
pub fn tally_digest(units: &[UnitTally]) -> ContentDigest {
    ContentDigest::of(units.iter().map(|u| {
        (
            u.unit.clone(),
            String::new(),
            vec![u.checked.to_string(), u.false_count.to_string()],
        )
    }))
}

/// A tally computed from a checklist and its selection, before anything is written.
pub struct TallyComputed {
    pub units: Vec<UnitTally>,
    pub findings: BTreeMap<String, Vec<Finding>>,
    /// Every returned record, in checklist order.
    pub records: Vec<CheckedRecord>,
    /// The selection's key (`None` for selections of earlier versions).
    pub key: Option<[u8; 32]>,
    grid_sheet: Option<String>,
    grid_format: String,
    bytes: Vec<u8>,
    manifest_file: PathBuf,
    manifest_bytes: Vec<u8>,
}

/// Checks the filled checklist against the recorded selection and tallies it.
pub fn compute_tally(opts: &TallyOptions) -> Result<TallyComputed> {
    let manifest_file = opts
        .manifest
        .clone()
        .unwrap_or_else(|| manifest_path(&opts.checklist));
    let (recorded, manifest_bytes) = read_recorded(&manifest_file)?;
    let key = if recorded.keyed {
        Some(recorded_key(&manifest_file, &recorded)?)
    } else {
        None
    };
    let (grid, bytes) = read_grid_path(&opts.checklist, opts.sheet.as_deref())?;
    let origin = grid.origin.clone();
    let header_at = grid
        .rows
        .iter()
        .take(20)
        .position(|r| {
            r.iter()
                .any(|c| Input::Checklist.field(c) == Some(Field::AuditNo))
        })
        .ok_or_else(|| {
            Error::input(origin.clone(), "has no 核查编号 (audit_no) column; is this a checklist from `pingyi audit select`?")
        })?;
    let labels: Vec<String> = grid.rows[header_at].iter().map(|c| clean(c)).collect();
    let col = |field: Field| Input::Checklist.find(&labels, field);
    let audit_col = col(Field::AuditNo).unwrap_or(0);
    let verifier_col = col(Field::Verifier);
    let date_col = col(Field::Date);
    let notes_col = col(Field::AuditNotes);
    let text_at =
        |i: usize, c: Option<usize>| c.map(|c| clean(grid.cell(i, c))).unwrap_or_default();
    let mut checked = Vec::new();
    let result_col = col(Field::AuditResult).ok_or_else(|| {
        Error::input(
            origin.at_row(grid.row_number(header_at)),
            "has no 核查结果 (result) column",
        )
    })?;
    let mut problems: Vec<String> = Vec::new();
    for c in &recorded.columns {
        if !labels.iter().any(|l| l == &clean(c)) {
            problems.push(format!("column {c} was removed or renamed"));
        }
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut findings: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    let mut unknown_results = Vec::new();
    let mut blank_results = Vec::new();
    let mut matched = 0usize;
    for i in header_at + 1..grid.rows.len() {
        if grid.rows[i].iter().all(|c| clean(c).is_empty()) {
            continue;
        }
        let row = grid.row_number(i);
        let no = clean(grid.cell(i, audit_col));
        if let Some(first) = seen.insert(no.clone(), row) {
            problems.push(format!(
                "audit number {no} appears twice (rows {first} and {row})"
            ));
            continue;
        }
        let Some((unit, cells)) = recorded.records.get(&no) else {
            problems.push(format!(
                "row {row}: audit number '{no}' is not in the selection (an added row?)"
            ));
            continue;
        };
        let mut changed = Vec::new();
        for (label, digest) in cells {
            let now = |value: &str| match &key {
                Some(key) => keyed_cell_digest(key, label, value),
                None => cell_digest(label, value),
            };
            if let Some(c) = labels.iter().position(|l| l == &clean(label))
                && &now(grid.cell(i, c)) != digest
            {
                changed.push(label.clone());
            }
        }
        if changed.is_empty() {
            matched += 1;
        } else {
            problems.push(format!(
                "audit number {no} (row {row}): {} changed",
                changed.join(", ")
            ));
        }
        let result = grid.cell(i, result_col);
        match Finding::parse(result) {
            Some(Finding::Pending) => blank_results.push(format!("{no} (row {row})")),
            Some(_) => {}
            None => unknown_results.push(format!("{no} (row {row}): {}", quote_cell(result))),
        }
        let finding = Finding::parse(result).unwrap_or(Finding::Pending);
        findings.entry(unit.clone()).or_default().push(finding);
        checked.push(CheckedRecord {
            unit: unit.clone(),
            audit_no: no.clone(),
            finding,
            verifier: text_at(i, verifier_col),
            date: text_at(i, date_col),
            notes: text_at(i, notes_col),
        });
    }
    let missing: Vec<&String> = recorded
        .records
        .keys()
        .filter(|k| !seen.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        let list: Vec<&str> = missing.iter().take(30).map(|s| s.as_str()).collect();
        problems.push(format!(
            "{} selected records are missing: {}",
            missing.len(),
            list.join(", ")
        ));
    }
    if !problems.is_empty() {
        let lead = if matched * 2 < seen.len() {
            "does not match the recorded selection in most rows: is it a checklist from another selection?"
        } else {
            "differs from the recorded selection"
        };
        return Err(Error::input(
            origin,
            format!(
                "{lead} ({}):\n  {}\nuse the checklist exactly as `pingyi audit select` wrote it, filling in only 核查结果, 核查人, 核查日期 and 备注",
                manifest_file.display(),
                problems
                    .iter()
                    .take(50)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ),
        ));
    }
    if !unknown_results.is_empty() {
        return Err(Error::input(
            origin.at_column(&labels[result_col], result_col),
            format!(
                "holds results pingyi cannot read; write 真实, 虚假 or 无法核实 (or genuine, false, unverifiable):\n  {}",
                unknown_results.join("\n  ")
            ),
        ));
    }
    if !blank_results.is_empty() && !opts.partial {
        return Err(Error::input(
            origin.at_column(&labels[result_col], result_col),
            format!(
                "has {} records without a result: {}; fill them in, or pass --partial to count them as pending",
                blank_results.len(),
                blank_results
                    .iter()
                    .take(30)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let units: Vec<UnitTally> = recorded
        .collected
        .iter()
        .map(|(unit, &collected)| {
            let f = findings.get(unit).map(Vec::as_slice).unwrap_or(&[]);
            tally_unit(unit, collected, f, &opts.rules)
        })
        .collect();
    Ok(TallyComputed {
        units,
        findings,
        records: checked,
        key,
        grid_sheet: grid.origin.sheet.clone(),
        grid_format: grid.format.describe(),
        bytes,
        manifest_file,
        manifest_bytes,
    })
}

fn tally_table(units: &[UnitTally]) -> OutputTable {
    let int = |n: u64| Cell::Int(n as i64);
    let real = |v: Option<f64>| v.map(Cell::Float).unwrap_or(Cell::Empty);
    let rows = units
        .iter()
        .map(|u| {
            vec![
                Cell::Text(u.unit.clone()),
                int(u.collected),
                int(u.checked),
                int(u.genuine),
                int(u.false_count),
                int(u.unverifiable),
                int(u.pending),
                Cell::Float(u.deduction),
                real(u.false_rate),
                real(u.ci.map(|c| c.0)),
                real(u.ci.map(|c| c.1)),
                Cell::Label {
                    en: if u.flag { "recheck" } else { "" }.to_string(),
                    zh: if u.flag { "需全面复核" } else { "" }.to_string(),
                },
            ]
        })
        .collect();
    OutputTable {
        sheet: "核查结果汇总".to_string(),
        columns: vec![
            ColumnSpec::new("unit", "单位", ColumnKind::Text),
            ColumnSpec::new("collected", "采集样本数", ColumnKind::Int),
            ColumnSpec::new("checked", "核查数", ColumnKind::Int),
            ColumnSpec::new("genuine", "真实", ColumnKind::Int),
            ColumnSpec::new("false", "虚假", ColumnKind::Int),
            ColumnSpec::new("unverifiable", "无法核实", ColumnKind::Int),
            ColumnSpec::new("pending", "待核", ColumnKind::Int),
            ColumnSpec::new("deduction", "扣分", ColumnKind::Float),
            ColumnSpec::new("false_rate", "虚假率", ColumnKind::Float),
            ColumnSpec::new("ci_low", "虚假率下限", ColumnKind::Float),
            ColumnSpec::new("ci_high", "虚假率上限", ColumnKind::Float),
            ColumnSpec::new("flag", "标记", ColumnKind::Text),
        ],
        rows,
        choices: Vec::new(),
    }
}
