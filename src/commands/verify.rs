//! `pingyi verify`: re-derives an output from its manifest and the recorded inputs, and
//! says exactly what differs — which input changed and in which strata, which records
//! the output gained or lost — or that everything matches.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::audit::tally::TallyRules;
use crate::draw::roster::RosterReader;
use crate::error::{Error, Location, Result};
use crate::frame::build_frame;
use crate::frame::read::read_frame;
use crate::io::digest::ContentDigest;
use crate::io::digest::FileDigest;
use crate::io::read_grid_path;
use crate::io::stream::open_rows;
use crate::provenance::confine::{Confinement, Place, beside_name, folder_of, manifest_of};
use crate::provenance::manifest::{FileRecord, Manifest};
use crate::provenance::params::{DrawParameters, Parameters};

use super::Outcome;
use super::audit::{
    SelectOptions, TallyOptions, checklist_digest, compute_tally, findings_digest,
    findings_digest_v1, selection_in_memory, tally_digest,
};
use super::counts::load_counts;
use super::draw::{DrawRules, RosterInputs, draw_in_memory, load_frame, roster_contents};
use super::frame::plan_from_parameters;

pub use crate::provenance::verdict::Verdict;

/// What `pingyi verify` is asked to check.
#[derive(Debug, Clone)]
pub enum VerifyTarget {
    /// A manifest, or an output with its manifest beside it; with `chain`, also every
    /// manifest its inputs link to.
    Manifest { path: PathBuf, chain: bool },
    /// A list that claims to be the draw, checked against a fresh draw.
    Sample {
        sample: PathBuf,
        frame: PathBuf,
        inputs: RosterInputs,
        rules: DrawRules,
    },
}

/// `pingyi verify`: every verdict shown (masked); any difference is the failure (exit 3).
pub fn run(target: &VerifyTarget, opts: &VerifyOptions) -> Result<Outcome> {
    let verdicts = match target {
        VerifyTarget::Manifest { path, chain } => verify_target(path, *chain, opts)?,
        VerifyTarget::Sample {
            sample,
            frame,
            inputs,
            rules,
        } => vec![check_sample(sample, frame, inputs, rules)?],
    };
    let failed = verdicts.iter().filter(|v| !v.ok()).count();
    let failure = (failed > 0).then(|| {
        Error::Verification(format!(
            "{failed} of {} manifests do not match their inputs and outputs",
            verdicts.len()
        ))
    });
    Ok(Outcome {
        summary: crate::report::verdicts(&verdicts),
        warnings: Vec::new(),
        failure,
    })
}

/// What differs between a recorded and a current content digest, stratum by stratum.
pub fn compare_content(what: &str, recorded: &ContentDigest, now: &ContentDigest) -> Vec<String> {
    if recorded.digest == now.digest {
        return Vec::new();
    }
    let mut out = Vec::new();
    let units: BTreeSet<&String> = recorded.strata.keys().chain(now.strata.keys()).collect();
    for unit in units {
        let empty = BTreeMap::new();
        let r = recorded.strata.get(unit).unwrap_or(&empty);
        let n = now.strata.get(unit).unwrap_or(&empty);
        let cats: BTreeSet<&String> = r.keys().chain(n.keys()).collect();
        for cat in cats {
            let name = if cat.is_empty() {
                unit.clone()
            } else {
                format!("{unit} / {cat}")
            };
            match (r.get(cat), n.get(cat)) {
                (Some(a), Some(b)) if a == b => {}
                (Some(a), Some(b)) if a.rows != b.rows => out.push(format!(
                    "{what}: stratum {name} has {} rows, recorded {}",
                    b.rows, a.rows
                )),
                (Some(_), Some(_)) => {
                    out.push(format!("{what}: stratum {name} has different records"))
                }
                (Some(a), None) => {
                    out.push(format!("{what}: stratum {name} ({} rows) is gone", a.rows))
                }
                (None, Some(b)) => {
                    out.push(format!("{what}: stratum {name} ({} rows) is new", b.rows))
                }
                (None, None) => {}
            }
        }
    }
    if out.is_empty() {
        out.push(format!("{what}: content differs"));
    }
    out
}

fn role<'a>(m: &'a Manifest, role: &str) -> Option<&'a FileRecord> {
    m.inputs.iter().chain(&m.outputs).find(|f| f.role == role)
}

/// Re-derives the main output's content from the inputs as they are now.
fn recompute(m: &Manifest, dir: &Place) -> Result<(String, ContentDigest)> {
    let at = |r: &FileRecord| dir.join(&r.path);
    let need = |name: &str| {
        role(m, name)
            .ok_or_else(|| Error::Verification(format!("the manifest names no {name} file")))
    };
    match &m.parameters {
        Parameters::Counts(_) => {
            let input = need("counts")?;
            Ok((
                "counts".into(),
                load_counts(&at(input), input.sheet.as_deref())?
                    .table
                    .content_digest(),
            ))
        }
        Parameters::Synth(p) => {
            let input = need("counts")?;
            let counts = load_counts(&at(input), input.sheet.as_deref())?;
            let n = usize::try_from(p.plant_invalid_id_numbers).map_err(|_| {
                Error::Verification("the manifest records too many planted errors".into())
            })?;
            let plant = crate::synth::Planted {
                invalid_id_numbers: n,
                shared_phone: if n > 0 { 3 } else { 0 },
                repeated_id_number: n > 0,
            };
            let table = crate::synth::synth_roster(&counts.table, &p.seed, plant);
            Ok(("roster".into(), super::synth::roster_digest(&table)))
        }
        Parameters::Frame(p) => {
            let input = need("counts")?;
            let counts = load_counts(&at(input), input.sheet.as_deref())?;
            let plan = plan_from_parameters(p)?;
            Ok((
                "frame".into(),
                build_frame(&counts.table, &plan)?.content_digest(),
            ))
        }
        Parameters::Draw(_) => {
            let frame = need("frame")?;
            let (rows, _, _) = load_frame(&at(frame), true)?;
            let (inputs, rules) = draw_options(m, dir)?;
            Ok((
                "sample".into(),
                draw_in_memory(&rows, &inputs, &rules)?.content_digest(),
            ))
        }
        Parameters::AuditSelect(p) => {
            let sample = need("sample")?;
            let opts = SelectOptions {
                sample: at(sample),
                seed: p.seed.clone(),
                rate: p.rate.parse().map_err(|_| {
                    Error::Verification(format!("the manifest records a bad rate '{}'", p.rate))
                })?,
                id_column: p.id_column.clone(),
                sheet: sample.sheet.clone(),
            };
            let c = selection_in_memory(&opts)?;
            let keyed = m.selection.as_ref().is_none_or(|s| s.keyed() == Some(true));
            let key = keyed.then_some(&c.key);
            Ok(("checklist".into(), checklist_digest(&c.selection, key)))
        }
        Parameters::AuditTally(p) => {
            let opts = tally_options(m, dir)?;
            let computed = compute_tally(&TallyOptions {
                partial: p.partial,
                ..opts
            })?;
            Ok(("tally".into(), tally_digest(&computed.units)))
        }
        Parameters::Score(p) => {
            let files = |r: &str| -> Vec<PathBuf> {
                m.inputs
                    .iter()
                    .filter(|f| f.role == r)
                    .map(|f| dir.join(&f.path))
                    .collect()
            };
            let opts = super::score::ScoreOptions {
                responses: at(need("responses")?),
                units: files("units").into_iter().next(),
                // A custom scheme is an input file, found beside the manifest.
                scheme: files("scheme")
                    .into_iter()
                    .next()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| p.scheme.clone()),
                inspection: files("inspection").into_iter().next(),
                findings: files("findings"),
                disqualified: files("disqualified").into_iter().next(),
                weighted_sample: files("sample").into_iter().next(),
                policy: crate::score::ScorePolicy {
                    missing_inspection: p
                        .missing_inspection
                        .unwrap_or_else(crate::score::MissingInspection::legacy),
                    min_respondents: p
                        .min_respondents
                        .unwrap_or(crate::score::policy::MIN_RESPONDENTS),
                },
            };
            let report = super::score::score_in_memory(&opts)?;
            Ok(("score".into(), super::score::score_digest(&report.units)))
        }
    }
}

/// The draw's recorded parameters.
fn draw_parameters(m: &Manifest) -> Result<&DrawParameters> {
    match &m.parameters {
        Parameters::Draw(p) => Ok(p),
        _ => Err(Error::Verification(format!(
            "a '{}' manifest records no draw parameters",
            m.command()
        ))),
    }
}

/// The rosters and the rules of the draw a manifest records.
fn draw_options(m: &Manifest, dir: &Place) -> Result<(RosterInputs, DrawRules)> {
    let p = draw_parameters(m)?;
    let rosters: Vec<&FileRecord> = m.inputs.iter().filter(|f| f.role == "roster").collect();
    Ok((
        RosterInputs {
            rosters: rosters.iter().map(|r| dir.join(&r.path)).collect(),
            sheet: rosters.first().and_then(|r| r.sheet.clone()),
            id_column: p.id_column.clone(),
            scan: Default::default(),
        },
        DrawRules {
            seed: p.seed.clone(),
            take_all_short: p.take_all_short,
            allow_count_mismatch: p.allow_count_mismatch,
        },
    ))
}

fn tally_options(m: &Manifest, dir: &Place) -> Result<TallyOptions> {
    let Parameters::AuditTally(p) = &m.parameters else {
        return Err(Error::Verification(format!(
            "a '{}' manifest records no tally rules",
            m.command()
        )));
    };
    let need = |name: &str| {
        role(m, name)
            .ok_or_else(|| Error::Verification(format!("the manifest names no {name} file")))
    };
    let checklist = need("checklist")?;
    Ok(TallyOptions {
        checklist: dir.join(&checklist.path),
        manifest: Some(dir.join(&need("selection")?.path)),
        sheet: checklist.sheet.clone(),
        partial: false,
        rules: TallyRules {
            per_case: p.per_case,
            cap: p.cap,
            recheck_at: p.recheck_at,
            confidence: p.confidence,
        },
    })
}

/// The current content digests of a manifest's inputs, by position, where they can
/// be read (`None` for files checked by bytes only).
fn input_contents(m: &Manifest, dir: &Place) -> Vec<Option<Result<ContentDigest>>> {
    let mut rosters = None;
    let mut roster_i = 0;
    // An audit selection's sample is read with the id column it was read with.
    let selected_from = match &m.parameters {
        Parameters::AuditSelect(p) => Some(p.id_column.clone()),
        _ => None,
    };
    m.inputs
        .iter()
        .map(|f| {
            let path = dir.join(&f.path);
            match f.role.as_str() {
                "counts" => {
                    Some(load_counts(&path, f.sheet.as_deref()).map(|c| c.table.content_digest()))
                }
                "frame" => Some(
                    read_grid_path(&path, f.sheet.as_deref())
                        .and_then(|(g, _)| read_frame(&g))
                        .map(|rows| crate::frame::rows_digest(&rows)),
                ),
                "roster" => {
                    let all = rosters.get_or_insert_with(|| {
                        draw_options(m, dir).and_then(|(inputs, _)| roster_contents(&inputs))
                    });
                    let i = roster_i;
                    roster_i += 1;
                    Some(match all {
                        Ok(v) => v
                            .get(i)
                            .cloned()
                            .ok_or_else(|| Error::Verification("roster count".into())),
                        Err(e) => Err(Error::Verification(e.to_string())),
                    })
                }
                "sample" if selected_from.is_some() => Some(
                    selection_in_memory(&SelectOptions {
                        sample: path,
                        seed: "content".into(),
                        rate: "1".parse().unwrap_or_else(|_| unreachable!()),
                        id_column: selected_from.clone().flatten(),
                        sheet: f.sheet.clone(),
                    })
                    .map(|c| c.content),
                ),
                role if m.command() == "score" => super::score::input_content(role, &path),
                "checklist" => Some(
                    tally_options(m, dir)
                        .and_then(|o| compute_tally(&TallyOptions { partial: true, ..o }))
                        .map(|c| {
                            // Earlier versions recorded results per unit, without
                            // audit numbers (strata with an empty category).
                            let v1 = f.content.strata.values().any(|c| c.contains_key(""));
                            if v1 {
                                findings_digest_v1(&c.findings)
                            } else {
                                findings_digest(&c.records, c.key.as_ref())
                            }
                        }),
                ),
                _ => None,
            }
        })
        .collect()
}

/// What `pingyi verify` checks beyond the manifest itself.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// The folder every file a manifest names must lie in (default: the folder of the
    /// manifest given).
    pub root: Option<PathBuf>,
    /// The announced draw seed: a draw recorded with another seed fails.
    pub seed: Option<String>,
    /// A commitment (`pingyi seed commit`) the draw's frame and rosters must match.
    pub commitment: Option<PathBuf>,
}

/// Verifies `target` (a manifest, or an output with its manifest beside it), and with
/// `chain` every manifest its inputs link to.
pub fn verify_target(target: &Path, chain: bool, opts: &VerifyOptions) -> Result<Vec<Verdict>> {
    let manifest = manifest_of(target);
    crate::io::files::ensure_regular(&manifest)?;
    let root = Confinement::new(opts.root.as_deref().unwrap_or(folder_of(&manifest)))?;
    let verdicts = if chain {
        verify_chain_in(&manifest, &root, opts)?
    } else {
        vec![verify_in(&manifest, &root, opts)?.0]
    };
    let drew = verdicts.iter().any(|v| v.command == "draw");
    if !drew && (opts.seed.is_some() || opts.commitment.is_some()) {
        return Err(Error::Usage(format!(
            "--seed and --commitment check a draw, but {} records no draw; give the sample's manifest, or --chain from a later stage",
            manifest.display()
        )));
    }
    Ok(verdicts)
}

/// Verifies one manifest, its files confined to `root`; also returns the manifests its
/// inputs link to.
fn verify_in(
    path: &Path,
    root: &Confinement,
    opts: &VerifyOptions,
) -> Result<(Verdict, Vec<PathBuf>)> {
    let bytes = crate::io::files::read_regular(path)?;
    let m = Manifest::from_bytes(&bytes, &path.display().to_string())?;
    let name = beside_name(path)?;
    let dir = Place::resolve(path, &m, root)?;
    let beside = m.outputs.iter().find(|o| o.path == name).ok_or_else(|| {
        Error::input(
            Location::file(path.display().to_string()),
            format!(
                "records no output entry for '{name}', the file beside it, so it cannot vouch for it; use the manifest written with '{name}'"
            ),
        )
    })?;
    let mut v = Verdict {
        manifest: path.to_path_buf(),
        command: m.command().to_string(),
        summary: String::new(),
        notes: Vec::new(),
        differences: Vec::new(),
    };
    let contents = input_contents(&m, &dir);
    for (f, now) in m.inputs.iter().zip(contents) {
        let p = dir.join(&f.path);
        let what = format!("input {} ({})", f.path, f.role);
        let Ok(digest) = FileDigest::of_file(&p) else {
            v.differences.push(format!("{what} is missing"));
            continue;
        };
        if let Some(link) = &f.manifest {
            match FileDigest::of_file(&dir.join(&link.path)) {
                Ok(d) if d.sha256 == link.sha256 => {}
                _ => v.differences.push(format!(
                    "{what}: its manifest {} changed or is missing",
                    link.path
                )),
            }
        }
        if digest.sha256 == f.sha256 {
            continue;
        }
        match now {
            Some(Ok(c)) if c.digest == f.content.digest => v.notes.push(format!(
                "{what} changed bytes but not content (reordered or saved again): same content"
            )),
            Some(Ok(c)) => v.differences.extend(compare_content(&what, &f.content, &c)),
            Some(Err(e)) => v
                .differences
                .push(format!("{what} changed and cannot be read: {e}")),
            None => v
                .differences
                .push(format!("{what} changed (SHA-256 differs)")),
        }
    }
    for f in &m.outputs {
        match FileDigest::of_file(&dir.join(&f.path)) {
            Ok(d) if d.sha256 == f.sha256 => {}
            Ok(_) => v.differences.push(format!(
                "output {} was changed after it was written",
                f.path
            )),
            Err(_) => v.differences.push(format!("output {} is missing", f.path)),
        }
    }
    let seed = m.parameters.seed();
    match recompute(&m, &dir) {
        Ok((main, _)) if beside.role != main => v.differences.push(format!(
            "the output entry for {name} is recorded as a '{}' file, not the {main} a '{}' command writes",
            beside.role, m.command()
        )),
        Ok((main, digest)) => {
            v.differences.extend(compare_content(
                &format!("re-derived {main}"),
                &beside.content,
                &digest,
            ));
            let with_seed = seed.map(|s| format!(" and seed '{s}'")).unwrap_or_default();
            v.summary = format!(
                "{}: {} {} rows re-derived from {} inputs with the recorded parameters{with_seed}",
                m.command(),
                digest.rows,
                main,
                m.inputs.len()
            );
        }
        Err(e) => v
            .differences
            .push(format!("cannot re-derive the output: {e}")),
    }
    if let Parameters::Draw(p) = &m.parameters {
        check_announced(&m, p, &dir, opts, &mut v);
    }
    if m.command() == "draw" && !v.ok() {
        v.differences.extend(name_sample_records(&m, &dir));
    }
    if v.ok() && v.summary.is_empty() {
        v.summary = format!("{}: digests match", m.command());
    }
    let mut linked = Vec::new();
    for f in &m.inputs {
        if let Some(link) = &f.manifest {
            linked.push(dir.join(&link.path));
        } else if f.role == "selection" {
            linked.push(dir.join(&f.path));
        }
    }
    Ok((v, linked))
}

/// Checks a draw against what was announced: the seed given with `--seed`, the
/// commitment the manifest names, and one given with `--commitment`.
fn check_announced(
    m: &Manifest,
    p: &DrawParameters,
    dir: &Place,
    opts: &VerifyOptions,
    v: &mut Verdict,
) {
    let recorded = &p.seed;
    if let Some(announced) = &opts.seed
        && recorded.trim() != announced.trim()
    {
        v.differences.push(format!(
            "the draw used seed '{recorded}', not the announced seed '{announced}'"
        ));
    }
    let frame = role(m, "frame").map(|f| f.content.clone());
    let rosters: Vec<ContentDigest> = m
        .inputs
        .iter()
        .filter(|f| f.role == "roster")
        .map(|f| f.content.clone())
        .collect();
    let recorded_commitment = m
        .inputs
        .iter()
        .find(|f| f.role == "commitment")
        .map(|c| (dir.join(&c.path), c.path.clone()));
    let given = opts
        .commitment
        .as_ref()
        .map(|p| (p.clone(), p.display().to_string()));
    for (path, shown) in recorded_commitment.into_iter().chain(given) {
        match (super::commit::Commitment::read(&path), &frame) {
            (Ok(commitment), Some(frame)) => {
                if let Err(e) = commitment.check(frame, &rosters) {
                    v.differences.push(format!("commitment {shown} {e}"));
                }
                if commitment.id_column != p.id_column {
                    v.differences.push(format!(
                        "commitment {shown} names another id column than the draw used"
                    ));
                }
            }
            _ => v
                .differences
                .push(format!("commitment {shown} cannot be read")),
        }
    }
}

fn verify_chain_in(path: &Path, root: &Confinement, opts: &VerifyOptions) -> Result<Vec<Verdict>> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut todo = vec![path.to_path_buf()];
    while let Some(p) = todo.pop() {
        let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if !seen.insert(key) {
            continue;
        }
        let (verdict, linked) = verify_in(&p, root, opts)?;
        todo.extend(linked);
        out.push(verdict);
    }
    Ok(out)
}

/// Names the records a draw's sample file has but the re-derived draw does not, and
/// the other way round.
fn name_sample_records(m: &Manifest, dir: &Place) -> Vec<String> {
    let (Some(frame), Some(sample)) = (
        role(m, "frame"),
        m.outputs.iter().find(|o| o.role == "sample"),
    ) else {
        return Vec::new();
    };
    let Ok((inputs, rules)) = draw_options(m, dir) else {
        return Vec::new();
    };
    let Ok((rows, _, _)) = load_frame(&dir.join(&frame.path), true) else {
        return Vec::new();
    };
    let Ok(draw) = draw_in_memory(&rows, &inputs, &rules) else {
        return Vec::new();
    };
    let Ok(in_file) = sample_ids(&dir.join(&sample.path), inputs.id_column.as_deref()) else {
        return Vec::new();
    };
    let derived: BTreeSet<(String, String, String)> = draw
        .drawn
        .iter()
        .map(|d| {
            (
                d.record.unit.clone(),
                d.record.category.key().to_string(),
                d.record.id.clone(),
            )
        })
        .collect();
    let mask = crate::privacy::mask_personal;
    let mut out: Vec<String> = in_file
        .difference(&derived)
        .take(50)
        .map(|(u, c, id)| {
            format!(
                "record {} ({u} / {c}) is in {} but the draw does not pick it",
                mask(id),
                sample.path
            )
        })
        .collect();
    out.extend(derived.difference(&in_file).take(50).map(|(u, c, id)| {
        format!(
            "record {} ({u} / {c}) is picked by the draw but missing from {}",
            mask(id),
            sample.path
        )
    }));
    out
}

/// Reads the ids of a sample file by stratum and role (for naming added or removed
/// records).
pub fn sample_ids(
    path: &Path,
    id_column: Option<&str>,
) -> Result<BTreeSet<(String, String, String)>> {
    let reader = RosterReader::open(open_rows(path, None)?, id_column)?;
    let mut out = BTreeSet::new();
    for r in reader {
        let r = r?;
        out.insert((r.unit, r.category.key().to_string(), r.id));
    }
    Ok(out)
}

/// Checks a sample that claims to be the draw (a township's list, say) against a fresh
/// draw from the roster, frame and seed: names every record that should not be there
/// and every main respondent missing.
pub fn check_sample(
    sample: &Path,
    frame: &Path,
    inputs: &RosterInputs,
    rules: &DrawRules,
) -> Result<Verdict> {
    let (rows, _, _) = load_frame(frame, false)?;
    let draw = draw_in_memory(&rows, inputs, rules)?;
    let listed = sample_ids(sample, inputs.id_column.as_deref())?;
    let key = |d: &crate::draw::Drawn| {
        (
            d.record.unit.clone(),
            d.record.category.key().to_string(),
            d.record.id.clone(),
        )
    };
    let main: BTreeSet<_> = draw
        .drawn
        .iter()
        .filter(|d| d.role == crate::draw::Role::Main)
        .map(key)
        .collect();
    let any: BTreeSet<_> = draw.drawn.iter().map(key).collect();
    let mask = crate::privacy::mask_personal;
    let mut v = Verdict {
        manifest: sample.to_path_buf(),
        command: "sample".into(),
        summary: format!(
            "sample: all {} listed records are the draw's ({} main respondents, reserves allowed)",
            listed.len(),
            main.len()
        ),
        notes: Vec::new(),
        differences: Vec::new(),
    };
    for (u, c, id) in listed.difference(&any) {
        v.differences.push(format!(
            "record {} ({u} / {c}) should not be there: the draw does not pick it",
            mask(id)
        ));
    }
    let missing: Vec<_> = main.difference(&listed).collect();
    let reserves_listed = listed
        .intersection(&any)
        .filter(|k| !main.contains(*k))
        .count();
    for (u, c, id) in &missing {
        v.differences.push(format!(
            "main respondent {} ({u} / {c}) is missing",
            mask(id)
        ));
    }
    if !missing.is_empty() && reserves_listed > 0 {
        v.notes.push(format!("{reserves_listed} reserves are listed; check with --calls that they replaced lost main respondents in order"));
    }
    Ok(v)
}
