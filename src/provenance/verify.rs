//! Verifying a manifest: every input and output against its recorded digests, the
//! main output re-derived and compared, a draw checked against what was announced,
//! and (with `chain`) every manifest its inputs link to; also a claimed sample checked
//! against a fresh draw.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::draw::roster::RosterReader;
use crate::draw::{Draw, Drawn, Role};
use crate::error::{Error, Location, Result};
use crate::i18n::{Message, msg};
use crate::io::digest::{ContentDigest, FileDigest};
use crate::io::stream::open_rows;
use crate::privacy::mask_personal as mask;

use super::cells::{Against, CellChange, Passed, against_written, closest_changes};
use super::commitment::Commitment;
use super::compare::{compare_content, stratum_name};
use super::confine::{Confinement, Place, beside_name, folder_of, manifest_of};
use super::manifest::{FileRecord, Manifest};
use super::params::{DrawParameters, Parameters};
use super::quality::{check_policy, check_quality};
use super::rederive::{
    DrawSpec, InputContents, StageRuns, draw_spec, frame_again, recompute, rewrite_of, role,
};
use super::verdict::Verdict;
use crate::frame::read::compare_cells;
use crate::i18n::Lang;
use crate::io::Grid;
use crate::io::read_grid_path;
use crate::io::write::OutputFormat;

/// A drawn record's key: unit, category key, id.
type RecordKey = (String, String, String);

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
pub fn verify_target(
    target: &Path,
    chain: bool,
    opts: &VerifyOptions,
    stages: &dyn StageRuns,
) -> Result<Vec<Verdict>> {
    let manifest = manifest_of(target);
    crate::io::files::ensure_regular(&manifest)?;
    let root = Confinement::new(opts.root.as_deref().unwrap_or(folder_of(&manifest)))?;
    let check = Check {
        root: &root,
        opts,
        stages,
    };
    let verdicts = if chain {
        check.chain(&manifest)?
    } else {
        vec![check.one(&manifest)?.0]
    };
    let drew = verdicts.iter().any(|v| v.command == "draw");
    if !drew && (opts.seed.is_some() || opts.commitment.is_some()) {
        return Err(Error::usage(msg!(
            "verify-seed-without-draw",
            manifest = manifest.display()
        )));
    }
    Ok(verdicts)
}

/// One verification: where files may lie, what was announced, how stages run again.
struct Check<'a> {
    root: &'a Confinement,
    opts: &'a VerifyOptions,
    stages: &'a dyn StageRuns,
}

impl Check<'_> {
    /// Verifies the manifest at `path` and every manifest its inputs link to.
    fn chain(&self, path: &Path) -> Result<Vec<Verdict>> {
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        let mut todo = vec![path.to_path_buf()];
        while let Some(p) = todo.pop() {
            let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
            if !seen.insert(key) {
                continue;
            }
            let (verdict, linked) = self.one(&p)?;
            todo.extend(linked);
            out.push(verdict);
        }
        Ok(out)
    }

    /// Verifies one manifest; also returns the manifests its inputs link to.
    fn one(&self, path: &Path) -> Result<(Verdict, Vec<PathBuf>)> {
        let bytes = crate::io::files::read_regular(path)?;
        let m = Manifest::from_bytes(&bytes, &path.display().to_string())?;
        let name = beside_name(path)?;
        let dir = Place::resolve(path, &m, self.root)?;
        let beside = beside_entry(path, &m, &name)?;
        let mut v = Verdict {
            manifest: path.to_path_buf(),
            command: m.command().to_string(),
            summary: String::new(),
            notes: Vec::new(),
            differences: Vec::new(),
        };
        check_policy(&m, &mut v);
        check_inputs(&m, &dir, self.stages, &mut v);
        self.name_input_cells(&m, &dir, &mut v);
        check_outputs(&m, &dir, self.stages, &mut v);
        check_rederived(&m, &dir, self.stages, beside, &name, &mut v);
        if let Parameters::Draw(p) = &m.parameters {
            check_announced(&m, p, &dir, self.opts, &mut v);
        }
        if m.command() == "draw" && !v.ok() {
            v.differences
                .extend(name_sample_records(&m, &dir, self.stages));
        }
        if v.ok() && v.summary.is_empty() {
            let command = msg!("verify-command", command = m.command());
            v.summary = msg!("verify-digests-match", command => command).render();
        }
        Ok((v, linked_manifests(&m, &dir)))
    }
}

impl Check<'_> {
    /// Names the edited cells of the changed inputs that an earlier stage wrote (their
    /// manifest linked), as verifying that stage's output would.
    fn name_input_cells(&self, m: &Manifest, dir: &Place, v: &mut Verdict) {
        for f in &m.inputs {
            let Some(link) = &f.manifest else {
                continue;
            };
            if FileDigest::of_file(&dir.join(&f.path)).is_ok_and(|d| d.sha256 == f.sha256) {
                continue;
            }
            let Some((earlier, place, output)) = self.writer_of(&dir.join(&link.path)) else {
                continue;
            };
            let Some(output) = earlier.outputs.get(output) else {
                continue;
            };
            v.differ_all(frame_cell_diffs(&earlier, &place, output));
            if let Some((changes, total)) =
                output_cell_changes(&earlier, &place, output, self.stages)
            {
                tell_changes(output, &changes, total, v);
            }
        }
    }

    /// The manifest at `path`, where its files are, and the index of the output beside
    /// it; `None` when any of these cannot be read.
    fn writer_of(&self, path: &Path) -> Option<(Manifest, Place, usize)> {
        let bytes = crate::io::files::read_regular(path).ok()?;
        let m = Manifest::from_bytes(&bytes, &path.display().to_string()).ok()?;
        let place = Place::resolve(path, &m, self.root).ok()?;
        let name = beside_name(path).ok()?;
        let output = m.outputs.iter().position(|o| o.path == name)?;
        Some((m, place, output))
    }
}

/// The manifest's entry for the output beside it, or a refusal: a manifest vouches only
/// for what it records.
fn beside_entry<'a>(path: &Path, m: &'a Manifest, name: &str) -> Result<&'a FileRecord> {
    m.outputs.iter().find(|o| o.path == name).ok_or_else(|| {
        Error::input(
            Location::file(path.display().to_string()),
            msg!("verify-no-beside-entry", name = name),
        )
    })
}

/// The manifests a manifest's inputs link to (a selection is its own manifest).
fn linked_manifests(m: &Manifest, dir: &Place) -> Vec<PathBuf> {
    let mut linked = Vec::new();
    for f in &m.inputs {
        if let Some(link) = &f.manifest {
            linked.push(dir.join(&link.path));
        } else if f.role == "selection" {
            linked.push(dir.join(&f.path));
        }
    }
    linked
}

/// Checks every input's bytes and linked manifest; a changed input is read again to
/// say whether its content changed, and where.
fn check_inputs(m: &Manifest, dir: &Place, stages: &dyn StageRuns, v: &mut Verdict) {
    let mut contents = InputContents::new(m, dir, stages);
    for (i, f) in m.inputs.iter().enumerate() {
        let what = msg!(
            "verify-input",
            path = f.path,
            role => msg!("verify-role", role = f.role)
        );
        let Ok(digest) = FileDigest::of_file(&dir.join(&f.path)) else {
            v.differ(msg!("verify-input-missing", what => what));
            continue;
        };
        if let Some(link) = &f.manifest {
            match FileDigest::of_file(&dir.join(&link.path)) {
                Ok(d) if d.sha256 == link.sha256 => {}
                _ => v.differ(msg!(
                    "verify-input-manifest-changed",
                    what => what.clone(),
                    manifest = link.path
                )),
            }
        }
        if digest.sha256 != f.sha256 {
            changed_input(what, &f.content, contents.of(i), v);
        }
    }
}

/// Says how an input whose bytes changed differs in content.
fn changed_input(
    what: Message,
    recorded: &ContentDigest,
    now: Option<Result<ContentDigest>>,
    v: &mut Verdict,
) {
    match now {
        Some(Ok(c)) if c.digest == recorded.digest => {
            v.note(msg!("verify-input-same-content", what => what))
        }
        Some(Ok(c)) => v.differ_all(compare_content(&what, recorded, &c)),
        Some(Err(e)) => v.differ(msg!(
            "verify-input-unreadable",
            what => what,
            reason => e.message()
        )),
        None => v.differ(msg!("verify-input-bytes-changed", what => what)),
    }
}

/// Checks every output: its bytes against the manifest's SHA-256, and its cells
/// against the output written again from the inputs now, so that an output edited
/// together with the SHA-256 its manifest records is caught too; the edited cells are
/// named.
fn check_outputs(m: &Manifest, dir: &Place, stages: &dyn StageRuns, v: &mut Verdict) {
    // An output unlike what its inputs give now says nothing of the output's own
    // edits when an input changed since (named above).
    // (Hashed only when an output differs: a roster may be large.)
    let inputs_changed = || {
        m.inputs
            .iter()
            .any(|f| FileDigest::of_file(&dir.join(&f.path)).map_or(true, |d| d.sha256 != f.sha256))
    };
    for f in &m.outputs {
        let cells = || output_cell_changes(m, dir, f, stages);
        match FileDigest::of_file(&dir.join(&f.path)) {
            Ok(d) if d.sha256 == f.sha256 => {
                let against = output_against(m, dir, f, stages);
                // A frame not written again (its workbook unreadable) is still
                // compared by its numbers.
                let frame_cells = match against {
                    None => frame_cell_diffs(m, dir, f),
                    Some(_) => Vec::new(),
                };
                let same = matches!(against, None | Some(Against::Same));
                if !frame_cells.is_empty() || !same {
                    v.differ(match inputs_changed() {
                        true => msg!("verify-output-inputs-changed", path = f.path),
                        false => msg!("verify-output-not-derived", path = f.path),
                    });
                }
                v.differ_all(frame_cells);
                match against {
                    Some(Against::Cells(changes, total)) => tell_changes(f, &changes, total, v),
                    Some(Against::Rows(found, expected)) => {
                        v.differ(msg!("verify-output-rows", path = f.path, found, expected))
                    }
                    _ => {}
                }
            }
            Ok(_) => {
                v.differ(msg!("verify-output-changed", path = f.path));
                match cells() {
                    Some((changes, total)) => tell_changes(f, &changes, total, v),
                    None => v.differ_all(frame_cell_diffs(m, dir, f)),
                }
            }
            Err(_) => v.differ(msg!("verify-output-missing", path = f.path)),
        }
    }
}

/// The cells of a frame output that differ from the frame re-derived now: file, sheet,
/// row and column with its letter, what it holds and what it should.
fn frame_cell_diffs(m: &Manifest, dir: &Place, f: &FileRecord) -> Vec<Message> {
    let Parameters::Frame(p) = &m.parameters else {
        return Vec::new();
    };
    if f.role != "frame" {
        return Vec::new();
    }
    let Ok(frame) = frame_again(m, dir, p) else {
        return Vec::new();
    };
    let path = dir.join(&f.path);
    let Ok((mut grid, _)) = read_grid_path(&path, f.sheet.as_deref()) else {
        return Vec::new();
    };
    grid.origin.file = Some(shown_path(&path));
    compare_cells(&grid, &frame.rows, 50)
        .unwrap_or_default()
        .into_iter()
        .map(|d| {
            msg!(
                "verify-frame-cell",
                location => d.location.message(),
                found = d.found,
                expected = d.expected
            )
        })
        .collect()
}

/// A main output (frame, sample, checklist, tally, score) as read, its bytes, and the
/// same output written again from its inputs now in the languages it may have been
/// written in; `None` where the output is not one written again.
fn rewritten(
    m: &Manifest,
    dir: &Place,
    f: &FileRecord,
    stages: &dyn StageRuns,
) -> Option<(Grid, Vec<u8>, Vec<Vec<u8>>)> {
    let what = rewrite_of(m, dir).ok()??;
    let path = dir.join(&f.path);
    let (true, Ok(format), Ok((mut file, bytes))) = (
        f.role == what.role(),
        OutputFormat::from_path(&path),
        read_grid_path(&path, f.sheet.as_deref()),
    ) else {
        return None;
    };
    file.origin.file = Some(shown_path(&path));
    // A table's headers are in the language it was written in: the closer one counts.
    let langs: &[Lang] = match format {
        OutputFormat::Xlsx => &[Lang::Zh],
        _ => &[Lang::En, Lang::Zh],
    };
    let written = stages.rewrite(&what, format, langs).ok()?;
    Some((file, bytes, written))
}

/// A main output whose bytes match its manifest, against the same output written again
/// from its inputs now; `None` where the output is not one written again.
fn output_against(
    m: &Manifest,
    dir: &Place,
    f: &FileRecord,
    stages: &dyn StageRuns,
) -> Option<Against> {
    let (file, bytes, written) = rewritten(m, dir, f, stages)?;
    // A checklist of a release before the masking policy was recorded (none recorded)
    // had no 核查批次: only its absence is passed over (a tally's re-check flag of that
    // release's rule is written again beside this one's).
    let earlier = matches!(&m.parameters, Parameters::AuditSelect(p) if p.mask.is_none());
    let columns: &[&str] = match f.role.as_str() {
        "checklist" if earlier => &["audit_id", "核查批次"],
        _ => &[],
    };
    let passed = Passed { columns };
    let sheet = f.sheet.as_deref();
    Some(against_written(
        &bytes,
        &file,
        &written,
        sheet,
        (CELLS_NAMED, &passed),
    ))
}

/// The cells of a main output that differ from the same output written again from its
/// inputs now (file, sheet, row and column with its letter, what it holds and what it
/// should, personal values masked), with how many differ; `None` where the output is
/// not one written again.
fn output_cell_changes(
    m: &Manifest,
    dir: &Place,
    f: &FileRecord,
    stages: &dyn StageRuns,
) -> Option<(Vec<CellChange>, usize)> {
    let (file, _, written) = rewritten(m, dir, f, stages)?;
    closest_changes(&file, &written, f.sheet.as_deref(), CELLS_NAMED)
}

/// Records the changed cells of output `f` (`total` of them, `changes` named).
fn tell_changes(f: &FileRecord, changes: &[CellChange], total: usize, v: &mut Verdict) {
    let role = msg!("verify-role", role = f.role);
    if total == 0 {
        v.differ(msg!("clerk-verify-cells-same", path = f.path, role => role));
        return;
    }
    for c in changes {
        v.differ(msg!(
            "clerk-verify-cell",
            location => c.location.message(),
            found = c.found,
            expected = c.expected,
            role => role.clone()
        ));
    }
    if total > changes.len() {
        v.differ(msg!(
            "clerk-verify-cells-more",
            more = total - changes.len()
        ));
    }
}

/// A path as a message shows it: without a leading `./`.
fn shown_path(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

/// How many changed cells of an output are named, at most.
const CELLS_NAMED: usize = 50;

/// Re-derives the main output and compares it with the entry beside the manifest.
fn check_rederived(
    m: &Manifest,
    dir: &Place,
    stages: &dyn StageRuns,
    beside: &FileRecord,
    name: &str,
    v: &mut Verdict,
) {
    match recompute(m, dir, stages) {
        Ok(r) if beside.role != r.main => v.differ(msg!(
            "verify-wrong-main-role",
            name = name,
            role => msg!("verify-role", role = beside.role),
            main => msg!("verify-role", role = r.main),
            command => msg!("verify-command", command = m.command())
        )),
        Ok(r) => {
            let (digest, role) = (&r.digest, msg!("verify-role", role = r.main));
            let what = msg!("verify-rederived-what", main => role.clone());
            v.differ_all(compare_content(&what, &beside.content, digest));
            if let Some(q) = &r.quality {
                check_quality(m, dir, q, v);
            }
            let with_seed = match m.parameters.seed() {
                Some(seed) => msg!("verify-and-seed", seed = seed),
                None => Message::from(""),
            };
            v.summary = msg!(
                "verify-rederived",
                command => msg!("verify-command", command = m.command()),
                rows = digest.rows,
                main => role,
                inputs = m.inputs.len(),
                with_seed => with_seed
            )
            .render();
        }
        Err(e) => v.differ(msg!("verify-cannot-rederive", reason => e.message())),
    }
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
        let wrong = msg!(
            "verify-wrong-seed",
            recorded = recorded,
            announced = announced
        );
        v.differ(wrong);
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
        check_commitment(&path, &shown, frame.as_ref(), &rosters, p, v);
    }
}

/// Checks a draw's recorded frame and rosters against one commitment file.
fn check_commitment(
    path: &Path,
    shown: &str,
    frame: Option<&ContentDigest>,
    rosters: &[ContentDigest],
    p: &DrawParameters,
    v: &mut Verdict,
) {
    let (Ok(commitment), Some(frame)) = (Commitment::read(path), frame) else {
        v.differ(msg!("verify-commitment-unreadable", path = shown));
        return;
    };
    for problem in commitment.problems(frame, rosters) {
        v.differ(msg!(
            "verify-commitment-differs",
            path = shown,
            problem => problem
        ));
    }
    if commitment.id_column != p.id_column {
        v.differ(msg!("verify-commitment-id-column", path = shown));
    }
}

fn key(d: &Drawn) -> RecordKey {
    (
        d.record.unit.clone(),
        d.record.category.key().to_string(),
        d.record.id.clone(),
    )
}

/// Names the records a draw's sample file has but the re-derived draw does not, and
/// the other way round.
fn name_sample_records(m: &Manifest, dir: &Place, stages: &dyn StageRuns) -> Vec<String> {
    let Some(sample) = m.outputs.iter().find(|o| o.role == "sample") else {
        return Vec::new();
    };
    let Ok(spec) = draw_spec(m, dir) else {
        return Vec::new();
    };
    let Ok(draw) = stages.draw(&spec) else {
        return Vec::new();
    };
    let Ok(in_file) = sample_ids(&dir.join(&sample.path), spec.id_column.as_deref()) else {
        return Vec::new();
    };
    let derived: BTreeSet<RecordKey> = draw.drawn.iter().map(key).collect();
    let file = sample.path.as_str();
    let mut out: Vec<String> = in_file
        .difference(&derived)
        .take(50)
        .map(|(u, c, id)| {
            let stratum = stratum_name(u, c);
            msg!("verify-record-not-drawn", id = mask(id), stratum, file).render()
        })
        .collect();
    out.extend(derived.difference(&in_file).take(50).map(|(u, c, id)| {
        let stratum = stratum_name(u, c);
        msg!("verify-record-not-listed", id = mask(id), stratum, file).render()
    }));
    out
}

/// Reads the ids of a sample file by stratum and role (for naming added or removed
/// records).
pub fn sample_ids(path: &Path, id_column: Option<&str>) -> Result<BTreeSet<RecordKey>> {
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
pub fn check_sample(sample: &Path, spec: &DrawSpec, stages: &dyn StageRuns) -> Result<Verdict> {
    let draw = stages.draw(spec)?;
    let listed = sample_ids(sample, spec.id_column.as_deref())?;
    let (main, any) = drawn_keys(&draw);
    let mut v = Verdict {
        manifest: sample.to_path_buf(),
        command: "sample".into(),
        summary: msg!("verify-sample-ok", listed = listed.len(), main = main.len()).render(),
        notes: Vec::new(),
        differences: Vec::new(),
    };
    for (u, c, id) in listed.difference(&any) {
        let stratum = stratum_name(u, c);
        v.differ(msg!("verify-sample-extra", id = mask(id), stratum));
    }
    let missing: Vec<_> = main.difference(&listed).collect();
    let reserves_listed = listed
        .intersection(&any)
        .filter(|k| !main.contains(*k))
        .count();
    for (u, c, id) in &missing {
        let stratum = stratum_name(u, c);
        v.differ(msg!("verify-sample-missing-main", id = mask(id), stratum));
    }
    if !missing.is_empty() && reserves_listed > 0 {
        v.note(msg!("verify-sample-reserves", reserves = reserves_listed));
    }
    Ok(v)
}

/// The keys of a draw's main respondents, and of every record it drew.
fn drawn_keys(draw: &Draw) -> (BTreeSet<RecordKey>, BTreeSet<RecordKey>) {
    let main = draw
        .drawn
        .iter()
        .filter(|d| d.role == Role::Main)
        .map(key)
        .collect();
    (main, draw.drawn.iter().map(key).collect())
}
