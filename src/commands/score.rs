//! `pingyi score`: survey answers, inspection scores, false-recipient findings and
//! disqualifications in; each unit's score, the ranking and its flags out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::calls::Disposition;
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, stage_with_manifest,
    with_manifest,
};
use crate::error::{Error, Location, Result};
use crate::io::alias::{Field, Input, is_total_label};
use crate::io::digest::ContentDigest;
use crate::io::digest::FileDigest;
use crate::io::grid::Grid;
use crate::io::text::{clean, match_key, parse_count, parse_real, unit_key};
use crate::io::{Cell, ColumnKind, ColumnSpec, OutputTable, read_grid_path};
use crate::privacy::quote_cell;
use crate::provenance::manifest::{FileFacts, ManifestBuilder};
use crate::provenance::params::{Parameters, ScoreParameters};
use crate::score::{KnownUnits, Response, Scheme, ScoreInputs, UnitScore, score};

/// A table with a unit column: its kind, grid, header row and labels.
struct UnitTable {
    kind: Input,
    grid: Grid,
    bytes: Vec<u8>,
    header: usize,
    labels: Vec<String>,
    unit: usize,
}

impl UnitTable {
    fn read(path: &Path, kind: Input) -> Result<UnitTable> {
        let (grid, bytes) = read_grid_path(path, None)?;
        let header = grid
            .rows
            .iter()
            .take(20)
            .position(|r| r.iter().any(|c| kind.field(c) == Some(Field::Unit)))
            .ok_or_else(|| Error::input(grid.origin.clone(), "has no unit (单位) column"))?;
        let labels: Vec<String> = grid.rows[header].iter().map(|c| clean(c)).collect();
        let unit = kind.find(&labels, Field::Unit).unwrap_or(0);
        Ok(UnitTable {
            kind,
            grid,
            bytes,
            header,
            labels,
            unit,
        })
    }

    fn column(&self, field: Field, what: &str) -> Result<usize> {
        self.position(field).ok_or_else(|| {
            let names = field.aliases();
            Error::input(
                self.grid.origin.at_row(self.grid.row_number(self.header)),
                format!(
                    "has no {what} column; name it one of {}",
                    names[..names.len().min(3)].join(", ")
                ),
            )
        })
    }

    /// The first column that names `field` in this kind of table.
    fn position(&self, field: Field) -> Option<usize> {
        self.kind.find(&self.labels, field)
    }

    /// Data rows: (row index, unit).
    fn rows(&self) -> impl Iterator<Item = (usize, String)> + '_ {
        (self.header + 1..self.grid.rows.len()).filter_map(|i| {
            let unit = clean(self.grid.cell(i, self.unit));
            (!unit.is_empty()).then_some((i, unit))
        })
    }

    fn loc(&self, i: usize, col: usize) -> Location {
        self.grid.cell_location(i, col, &self.labels[col])
    }

    /// The content of the table: its data rows, in any order.
    fn content(&self) -> ContentDigest {
        ContentDigest::of(
            self.rows()
                .map(|(i, unit)| (unit, String::new(), self.grid.rows[i].clone())),
        )
    }

    /// Data rows with their unit checked against the evaluated units: (row index, the
    /// unit's name as the list of units writes it).
    fn checked_rows(&self, known: &KnownUnits) -> Result<Vec<(usize, String)>> {
        self.rows()
            .filter(|(i, _)| !is_total_label(self.grid.cell(*i, self.unit)))
            .map(|(i, _)| {
                Ok((
                    i,
                    known.check(self.grid.cell(i, self.unit), self.loc(i, self.unit))?,
                ))
            })
            .collect()
    }
}

/// What `pingyi score` is asked to do.
#[derive(Debug, Clone)]
pub struct ScoreOptions {
    pub responses: PathBuf,
    /// The evaluated units: the frame, the sample or the count table (any table with a
    /// unit column). Without it, the units of the weighted sample, else those of the
    /// inspection table; a score with none of these is refused.
    pub units: Option<PathBuf>,
    pub scheme: String,
    pub inspection: Option<PathBuf>,
    pub findings: Vec<PathBuf>,
    pub disqualified: Option<PathBuf>,
    /// The draw's sample, for design-weighted means (`--weighted`).
    pub weighted_sample: Option<PathBuf>,
}

/// What was scored.
#[derive(Debug)]
pub struct ScoreReport {
    pub units: Vec<UnitScore>,
    pub notes: Vec<String>,
    /// False-recipient findings from the survey's own dispositions, by unit.
    pub survey_findings: BTreeMap<String, u64>,
}

fn read_responses(
    t: &UnitTable,
    scheme: &Scheme,
    known: &KnownUnits,
    inputs: &mut ScoreInputs,
    survey: &mut BTreeMap<String, u64>,
) -> Result<()> {
    let q1 = t.column(Field::Satisfaction, "satisfaction (满意度)")?;
    let q2 = t.column(Field::Misconduct, "misconduct (不良行为)")?;
    let disp = t.position(Field::Disposition);
    for (i, unit) in t.checked_rows(known)? {
        if let Some(d) = disp {
            let raw = t.grid.cell(i, d);
            if !clean(raw).is_empty() {
                let disposition = Disposition::parse(raw).ok_or_else(|| {
                    Error::input(
                        t.loc(i, d),
                        format!(
                            "holds {}; write 接通, 拒访, 无人接听, 空号 or 非服务对象",
                            quote_cell(raw)
                        ),
                    )
                })?;
                if disposition == Disposition::NotRecipient {
                    // A false-recipient finding, not an answer.
                    *survey.entry(unit).or_default() += 1;
                    continue;
                }
                if disposition != Disposition::Reached {
                    continue;
                }
            }
        }
        let answer = |col: usize, levels: &[crate::score::scheme::Level]| -> Result<Option<f64>> {
            let raw = t.grid.cell(i, col);
            if clean(raw).is_empty() {
                return Ok(None);
            }
            Scheme::value(levels, raw).map(Some).ok_or_else(|| {
                Error::input(
                    t.loc(i, col),
                    format!(
                        "holds {}, which the {} scheme does not know; write one of {}",
                        quote_cell(raw),
                        scheme.name,
                        Scheme::accepted(levels)
                    ),
                )
            })
        };
        inputs.responses.push(Response {
            unit,
            q1: answer(q1, &scheme.satisfaction)?,
            q2: answer(q2, &scheme.misconduct)?,
        });
    }
    Ok(())
}

fn responses_table(files: &ScoreFiles) -> &UnitTable {
    &files[0].2
}

/// The design-weighted means of every unit: respondents with both answers, weights
/// N_h / respondents_h, N_h from the draw's sample (weight × sample size).
fn weighted_inputs(
    t: &UnitTable,
    sample: &Path,
    scheme: &Scheme,
    known: &KnownUnits,
) -> Result<BTreeMap<String, crate::score::weighted::WeightedMeans>> {
    use crate::draw::roster::RosterReader;
    use crate::io::stream::open_rows;
    use crate::score::weighted::{WeightedRecord, weighted_means};
    let reader = RosterReader::open(open_rows(sample, None)?, None)?;
    let labels = reader.header.labels.clone();
    let (Some(role), Some(weight)) = (
        Input::Sample.find(&labels, Field::Role),
        Input::Sample.find(&labels, Field::Weight),
    ) else {
        return Err(Error::input(
            reader.origin().clone(),
            "is not a sample from `pingyi draw` (no role and weight columns)",
        ));
    };
    // Per respondent: the stratum key and the unit the sample gives them.
    let mut stratum_of: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut mains: BTreeMap<String, (u64, f64)> = BTreeMap::new();
    for r in reader {
        let r = r?;
        let key = format!("{}\u{1f}{}", r.unit, r.category.key());
        if matches!(match_key(&r.cells[role]).as_str(), "main" | "正式样本") {
            let e = mains.entry(key.clone()).or_insert((0, 0.0));
            e.0 += 1;
            e.1 = parse_real(&r.cells[weight]).unwrap_or(0.0);
        }
        stratum_of.insert(r.id, (key, r.unit));
    }
    let population = |key: &str| {
        mains
            .get(key)
            .map(|(n, w)| (*n as f64 * w).round() as u64)
            .unwrap_or(0)
    };
    // The respondent's id: the first column named as an id or as a respondent.
    let id = t
        .labels
        .iter()
        .position(|l| matches!(t.kind.field(l), Some(Field::Id | Field::Respondent)))
        .ok_or_else(|| {
            Error::input(
                t.grid.origin.at_row(t.grid.row_number(t.header)),
                format!(
                    "has no respondent column; name it one of {}, {}",
                    Field::Id.aliases()[..3].join(", "),
                    Field::Respondent.aliases().join(", ")
                ),
            )
        })?;
    let q1 = t.column(Field::Satisfaction, "satisfaction (满意度)")?;
    let q2 = t.column(Field::Misconduct, "misconduct (不良行为)")?;
    let disp = t.position(Field::Disposition);
    let mut by_unit: BTreeMap<String, Vec<WeightedRecord>> = BTreeMap::new();
    for (i, unit) in t.checked_rows(known)? {
        if let Some(d) = disp {
            let raw = t.grid.cell(i, d);
            if !clean(raw).is_empty() && Disposition::parse(raw) != Some(Disposition::Reached) {
                continue;
            }
        }
        let (Some(a), Some(b)) = (
            Scheme::value(&scheme.satisfaction, t.grid.cell(i, q1)),
            Scheme::value(&scheme.misconduct, t.grid.cell(i, q2)),
        ) else {
            continue;
        };
        let rid = crate::draw::ticket::normalize_id(t.grid.cell(i, id));
        let (key, drawn_in) = stratum_of.get(&rid).ok_or_else(|| {
            Error::input(
                t.loc(i, id),
                format!(
                    "respondent {} is not in the sample {}",
                    quote_cell(&rid),
                    sample.display()
                ),
            )
        })?;
        if unit_key(drawn_in) != unit_key(&unit) {
            return Err(Error::input(
                t.loc(i, t.unit),
                format!(
                    "names {unit}, but respondent {} was drawn for {drawn_in} in the sample {}; correct the unit or the respondent",
                    quote_cell(&rid),
                    sample.display()
                ),
            ));
        }
        let population = population(key);
        if population == 0 {
            return Err(Error::input(
                t.loc(i, id),
                format!(
                    "respondent {} belongs to a stratum of {drawn_in} with no main rows of positive weight in the sample {}; give the sample `pingyi draw` wrote",
                    quote_cell(&rid),
                    sample.display()
                ),
            ));
        }
        by_unit.entry(unit).or_default().push(WeightedRecord {
            stratum: key.clone(),
            population,
            q1: a,
            q2: b,
        });
    }
    Ok(by_unit
        .into_iter()
        .filter_map(|(u, recs)| weighted_means(&recs).map(|m| (u, m)))
        .collect())
}

/// The input files read for a score: role, path and table.
type ScoreFiles = Vec<(String, PathBuf, UnitTable)>;

/// Reads the inputs, checks every unit they name, and scores every unit.
fn compute_score(opts: &ScoreOptions) -> Result<(ScoreReport, ScoreFiles, Scheme)> {
    if opts.units.is_none() && opts.weighted_sample.is_none() && opts.inspection.is_none() {
        return Err(Error::Usage(
            "score needs the list of evaluated units, to check every unit the answers name: \
             give --units with the frame, the sample or the count table (or --inspection, \
             whose units are then taken as the list)"
                .into(),
        ));
    }
    let scheme = Scheme::load(&opts.scheme)?;
    let mut files = Vec::new();
    let inspection = opts
        .inspection
        .as_deref()
        .map(|p| UnitTable::read(p, Input::Inspection))
        .transpose()?;
    let known = match (&opts.units, &opts.weighted_sample, &inspection) {
        (Some(path), _, _) | (None, Some(path), _) => KnownUnits::read(path)?,
        (None, None, Some(t)) => inspection_units(t)?,
        (None, None, None) => return Err(Error::Internal("no list of units".into())),
    };
    let mut inputs = ScoreInputs {
        evaluated: known.names().map(str::to_string).collect(),
        ..Default::default()
    };
    let mut survey = BTreeMap::new();
    let responses = UnitTable::read(&opts.responses, Input::Responses)?;
    read_responses(&responses, &scheme, &known, &mut inputs, &mut survey)?;
    files.push(("responses".to_string(), opts.responses.clone(), responses));
    if let (Some(path), Some(t)) = (&opts.inspection, inspection) {
        read_inspection(&t, &known, &mut inputs)?;
        files.push(("inspection".into(), path.clone(), t));
    }
    for (k, n) in &survey {
        *inputs.findings.entry(k.clone()).or_default() += n;
    }
    for path in &opts.findings {
        let t = UnitTable::read(path, Input::Findings)?;
        let col = t.column(Field::FalseFound, "false-recipient (虚假)")?;
        for (i, unit) in t.checked_rows(&known)? {
            let n = parse_count(t.grid.cell(i, col)).map_err(|p| {
                Error::input(
                    t.loc(i, col),
                    format!(
                        "holds {} which {}",
                        quote_cell(t.grid.cell(i, col)),
                        p.describe()
                    ),
                )
            })?;
            let found = inputs.findings.entry(unit).or_default();
            *found = found.saturating_add(n);
        }
        files.push(("findings".into(), path.clone(), t));
    }
    if let Some(path) = &opts.disqualified {
        let t = UnitTable::read(path, Input::Disqualified)?;
        let col = t.column(Field::Reason, "reason (原因)")?;
        for (i, unit) in t.checked_rows(&known)? {
            let reason = clean(t.grid.cell(i, col));
            match inputs.disqualified.get_mut(&unit) {
                Some(r) if !reason.is_empty() && *r != reason => {
                    r.push_str("; ");
                    r.push_str(&reason);
                }
                Some(_) => {}
                None => {
                    inputs.disqualified.insert(unit, reason);
                }
            }
        }
        files.push(("disqualified".into(), path.clone(), t));
    }
    if let Some(sample) = &opts.weighted_sample {
        inputs.weighted = Some(weighted_inputs(
            responses_table(&files),
            sample,
            &scheme,
            &known,
        )?);
    }
    let (units, notes) = score(&inputs, &scheme);
    Ok((
        ScoreReport {
            units,
            notes,
            survey_findings: survey,
        },
        files,
        scheme,
    ))
}

/// The units of an inspection table, when no other list is given: every evaluated unit
/// has an inspection score.
fn inspection_units(t: &UnitTable) -> Result<KnownUnits> {
    let names = t
        .rows()
        .filter(|(_, u)| !is_total_label(u))
        .map(|(i, _)| t.grid.cell(i, t.unit).to_string());
    let known = KnownUnits::new(t.grid.origin.file.clone().unwrap_or_default(), names);
    if known.is_empty() {
        return Err(Error::input(
            t.grid.origin.clone(),
            "lists no unit; give --units with the frame, the sample or the count table",
        ));
    }
    Ok(known)
}

/// Inspection scores, one per unit, from 0 to 30.
fn read_inspection(t: &UnitTable, known: &KnownUnits, inputs: &mut ScoreInputs) -> Result<()> {
    let col = t.column(Field::Inspection, "inspection (检查评估)")?;
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    for (i, unit) in t.checked_rows(known)? {
        let v = parse_real(t.grid.cell(i, col))
            .ok()
            .filter(|v| (0.0..=30.0).contains(v))
            .ok_or_else(|| {
                Error::input(
                    t.loc(i, col),
                    format!(
                        "holds {}; an inspection score is a number from 0 to 30",
                        quote_cell(t.grid.cell(i, col))
                    ),
                )
            })?;
        if let Some(first) = rows.insert(unit.clone(), t.grid.row_number(i)) {
            return Err(Error::input(
                t.loc(i, t.unit),
                format!(
                    "gives {unit} a second inspection score (the first is at row {first}); keep one row per unit"
                ),
            ));
        }
        inputs.inspection.insert(unit, v);
    }
    Ok(())
}

/// The content of a list of units: the units, in any order.
fn units_content(path: &Path) -> Result<ContentDigest> {
    let known = KnownUnits::read(path)?;
    Ok(ContentDigest::of(
        known
            .names()
            .map(|u| (u.to_string(), String::new(), Vec::new())),
    ))
}

/// The content digest of an input of a score, as its manifest records it (`role` as
/// the manifest names it), so that a reordered input reads as the same content.
pub fn input_content(role: &str, path: &Path) -> Option<Result<ContentDigest>> {
    match role {
        "units" => Some(units_content(path)),
        "responses" => Some(UnitTable::read(path, Input::Responses).map(|t| t.content())),
        "inspection" => Some(UnitTable::read(path, Input::Inspection).map(|t| t.content())),
        "findings" => Some(UnitTable::read(path, Input::Findings).map(|t| t.content())),
        "disqualified" => Some(UnitTable::read(path, Input::Disqualified).map(|t| t.content())),
        _ => None,
    }
}

/// Scores from the input files without writing anything.
pub fn score_in_memory(opts: &ScoreOptions) -> Result<ScoreReport> {
    compute_score(opts).map(|(report, _, _)| report)
}

/// The score table; `unit_facing` suppresses every mean over fewer than 5 respondents
/// (and the scores derived from them) and drops the respondent counts.
pub fn score_table(units: &[UnitScore], unit_facing: bool) -> OutputTable {
    let weighted = units.iter().any(|u| u.survey_se.is_some());
    let real = |v: Option<f64>| v.map(Cell::Float).unwrap_or(Cell::Empty);
    let rows = units
        .iter()
        .map(|u| {
            let hide = unit_facing && u.respondents < 5;
            let shown = |v: Option<f64>| {
                if hide {
                    Cell::Text("<5".into())
                } else {
                    real(v)
                }
            };
            let mut row = vec![Cell::Text(u.unit.clone())];
            if !unit_facing {
                row.push(Cell::Int(u.respondents as i64));
            }
            row.extend([
                shown(u.q1_mean),
                shown(u.q2_mean),
                shown(u.survey_score),
                Cell::Int(u.false_found as i64),
                Cell::Float(u.deduction),
                real(u.inspection),
                shown(u.rounded),
                u.rank.map(|r| Cell::Int(r as i64)).unwrap_or(Cell::Empty),
                Cell::Text(u.flags.join("; ")),
            ]);
            if weighted {
                let ci = |sign: f64| {
                    u.survey_score
                        .zip(u.survey_se)
                        .map(|(s, e)| s + sign * crate::score::Z95 * e)
                };
                row.extend([
                    shown(u.q1_se),
                    shown(u.q2_se),
                    shown(u.survey_se),
                    shown(ci(-1.0)),
                    shown(ci(1.0)),
                ]);
            }
            row
        })
        .collect();
    let mut columns = vec![ColumnSpec::new("unit", "单位", ColumnKind::Text)];
    if !unit_facing {
        columns.push(ColumnSpec::new("respondents", "受访人数", ColumnKind::Int));
    }
    let kind = if unit_facing {
        ColumnKind::Text
    } else {
        ColumnKind::Float
    };
    columns.extend([
        ColumnSpec::new("q1_mean", "满意度均值", kind),
        ColumnSpec::new("q2_mean", "不良行为均值", kind),
        ColumnSpec::new("survey_score", "满意度调查得分", kind),
        ColumnSpec::new("false_found", "虚假对象数", ColumnKind::Int),
        ColumnSpec::new("deduction", "扣分", ColumnKind::Float),
        ColumnSpec::new("inspection", "检查评估得分", ColumnKind::Float),
        ColumnSpec::new("total", "总分", kind),
        ColumnSpec::new("rank", "排名", ColumnKind::Int),
        ColumnSpec::new("flags", "标记", ColumnKind::Text),
    ]);
    if weighted {
        columns.extend([
            ColumnSpec::new("q1_se", "满意度标准误", kind),
            ColumnSpec::new("q2_se", "不良行为标准误", kind),
            ColumnSpec::new("survey_se", "调查得分标准误", kind),
            ColumnSpec::new("survey_ci_low", "调查得分下限", kind),
            ColumnSpec::new("survey_ci_high", "调查得分上限", kind),
        ]);
    }
    OutputTable {
        sheet: "评议得分".to_string(),
        columns,
        rows,
        choices: Vec::new(),
    }
}

/// The content digest of a score: each unit's arithmetic.
pub fn score_digest(units: &[UnitScore]) -> ContentDigest {
    let f = |v: Option<f64>| v.map(crate::io::table::format_real).unwrap_or_default();
    ContentDigest::of(units.iter().map(|u| {
        let fields = vec![
            u.respondents.to_string(),
            f(u.q1_mean),
            f(u.q2_mean),
            u.false_found.to_string(),
            f(u.inspection),
            f(u.rounded),
            u.rank.map(|r| r.to_string()).unwrap_or_default(),
            u.flags.join("; "),
        ];
        (u.unit.clone(), String::new(), fields)
    }))
}

/// Scores and writes the table (and the unit-facing one) with manifests.
pub fn write_score(
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<ScoreReport> {
    check_score_outputs(opts, out, unit_facing)?;
    let computed = compute(opts)?;
    render_score(&computed, opts, out, unit_facing)?;
    Ok(computed.report)
}

/// Scores and ranks computed once, with what their manifests record of the inputs,
/// ready to be rendered to any number of outputs without scoring again.
pub struct ComputedScore {
    pub report: ScoreReport,
    files: ScoreFiles,
    scheme: Scheme,
    /// The `--units` file's digest and content, taken once for every manifest.
    units: Option<(FileDigest, ContentDigest)>,
}

/// Reads the answers and scores them, writing nothing.
pub fn compute(opts: &ScoreOptions) -> Result<ComputedScore> {
    let (report, files, scheme) = compute_score(opts)?;
    let units = match &opts.units {
        Some(path) => Some((FileDigest::of_file(path)?, units_content(path)?)),
        None => None,
    };
    Ok(ComputedScore {
        report,
        files,
        scheme,
        units,
    })
}

/// Refuses, before any work, an output that is one of the inputs, or that exists
/// without `--force`.
pub fn check_score_outputs(
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<()> {
    let mut outputs = with_manifest(&out.path);
    if let Some(u) = unit_facing {
        outputs.extend(with_manifest(&u.path));
        if u.path == out.path {
            return Err(crate::error::Error::Usage(format!(
                "--unit-facing {} is the --out file; give it another name",
                u.path.display()
            )));
        }
    }
    let scheme_file = (!matches!(opts.scheme.as_str(), "county" | "township"))
        .then(|| PathBuf::from(&opts.scheme));
    let mut inputs: Vec<&Path> = vec![&opts.responses];
    inputs.extend(scheme_file.as_deref());
    inputs.extend(opts.inspection.as_deref());
    inputs.extend(opts.findings.iter().map(PathBuf::as_path));
    inputs.extend(opts.disqualified.as_deref());
    inputs.extend(opts.weighted_sample.as_deref());
    refuse_overwriting_inputs(&outputs, &inputs)?;
    check_output(&out.path, out.force)?;
    if let Some(u) = unit_facing {
        check_output(&u.path, u.force)?;
    }
    Ok(())
}

/// Writes computed scores to `out` (and the unit-facing table to `unit_facing`) with
/// their manifests, the outputs checked already ([`check_score_outputs`]).
pub fn render_score(
    computed: &ComputedScore,
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<()> {
    let ComputedScore {
        report,
        files,
        scheme,
        units: units_facts,
    } = computed;
    // Both tables and their manifests appear as one set.
    let mut set = crate::io::fileset::FileSet::new();
    for (o, facing) in std::iter::once((out, false)).chain(unit_facing.map(|u| (u, true))) {
        let dir = manifest_dir(&o.path);
        let mut manifest = ManifestBuilder::new(Parameters::Score(ScoreParameters {
            scheme: opts.scheme.clone(),
            scheme_name: scheme.name.clone(),
            unit_facing: facing,
            weighted: opts.weighted_sample.is_some(),
        }));
        if !matches!(opts.scheme.as_str(), "county" | "township") {
            let path = Path::new(&opts.scheme);
            manifest.input(
                FileFacts {
                    role: "scheme",
                    path,
                    sheet: None,
                    format: "TOML".into(),
                    digest: FileDigest::of_file(path)?,
                    content: ContentDigest::of(std::iter::empty::<(String, String, Vec<String>)>()),
                },
                &dir,
            );
        }
        if let (Some(units), Some((digest, content))) = (&opts.units, units_facts) {
            manifest.input(
                FileFacts {
                    role: "units",
                    path: units,
                    sheet: None,
                    format: "units".into(),
                    digest: digest.clone(),
                    content: content.clone(),
                },
                &dir,
            );
        }
        if let Some(sample) = &opts.weighted_sample {
            manifest.input(
                FileFacts {
                    role: "sample",
                    path: sample,
                    sheet: None,
                    format: "sample".into(),
                    digest: FileDigest::of_file(sample)?,
                    content: ContentDigest::of(std::iter::empty::<(String, String, Vec<String>)>()),
                },
                &dir,
            );
        }
        for (role, path, t) in files {
            manifest.input(
                FileFacts {
                    role,
                    path,
                    sheet: t.grid.origin.sheet.clone(),
                    format: t.grid.format.describe(),
                    digest: FileDigest::of(&t.bytes),
                    content: t.content(),
                },
                &dir,
            );
        }
        stage_with_manifest(
            &mut set,
            &[score_table(&report.units, facing)],
            score_digest(&report.units),
            "score",
            o,
            manifest,
            &dir,
        )?;
    }
    set.commit(out.force)
}
