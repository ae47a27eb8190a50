//! `pingyi report`: one self-contained HTML page from outputs' manifests and their
//! chains — the stages' outputs read back (nothing computed again), the chain
//! re-verified with the code of `pingyi verify`.

pub mod read;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::io::digest::FileDigest;
use crate::provenance::confine::{Confinement, Place, folder_of, manifest_of};
use crate::provenance::manifest::{FileRecord, Manifest};
use crate::provenance::params::{FrameParameters, Parameters};
use crate::report::html::{
    self, DrawView, FileFact, FrameView, Level, Proof, QualityCount, Report, ScoreView, Stratum,
};

use super::Outcome;
use super::verify::{Verdict, VerifyOptions, verify_target};

/// A `pingyi report` request.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Outputs or their manifests; their chains are followed.
    pub manifests: Vec<PathBuf>,
    /// The folder every file a manifest names must lie in (default: the first
    /// manifest's folder).
    pub root: Option<PathBuf>,
    /// A seed commitment the draw is checked against.
    pub commitment: Option<PathBuf>,
}

/// One manifest of the chain: where it is, what it says, and its files resolved.
struct Link {
    path: PathBuf,
    manifest: Manifest,
    place: Place,
}

impl Link {
    /// The output this manifest vouches for (the file beside it).
    fn beside(&self) -> Option<&FileRecord> {
        let name = self
            .path
            .file_name()?
            .to_str()?
            .strip_suffix(".manifest.json")?;
        self.manifest.outputs.iter().find(|o| o.path == name)
    }

    /// The level: the name of the manifest's folder.
    fn level(&self) -> String {
        let dir = folder_of(&self.path);
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// Whether the output beside is a CSV file (preferred: read fastest).
    fn is_csv(&self) -> bool {
        self.beside().is_some_and(|o| o.path.ends_with(".csv"))
    }
}

/// `pingyi report`: writes the page to `out`.
/// A chain that does not verify is written into the page and fails the command (exit 3,
/// as `pingyi verify`) once the page is written.
pub fn run(opts: &ReportOptions, out: &Path, force: bool) -> Result<Outcome> {
    let (page, failed) = build_checked(opts)?;
    crate::io::write::write_atomic(out, page.as_bytes(), force)?;
    let summary = crate::i18n::msg!("report-wrote", path = out.display()).render();
    let failure = (failed > 0).then(|| {
        let text = crate::i18n::msg!("report-chain-differs", failed).render();
        crate::error::Error::Verification(text)
    });
    Ok(Outcome {
        summary: format!("{summary}\n"),
        warnings: Vec::new(),
        failure,
    })
}

/// The name of the report `pingyi run` writes into its output folder.
pub const RUN_REPORT: &str = "report.html";

/// `pingyi run`'s report: every manifest `written` (relative to `dir`, the folder being
/// written, beside the final one; their files confined to `root`) in one page,
/// `report.html` in `dir`, added to `written`.
pub fn write_run_report(dir: &Path, root: PathBuf, written: &mut BTreeSet<PathBuf>) -> Result<()> {
    let manifests = written
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".manifest.json"))
        .map(|p| dir.join(p))
        .collect();
    let root = Some(root);
    let page = build(&ReportOptions {
        manifests,
        root,
        commitment: None,
    })?;
    crate::io::write::write_atomic(&dir.join(RUN_REPORT), page.as_bytes(), true)?;
    written.insert(PathBuf::from(RUN_REPORT));
    Ok(())
}

/// The page for `opts`, in the chosen language.
pub fn build(opts: &ReportOptions) -> Result<String> {
    build_checked(opts).map(|(page, _)| page)
}

/// The page, and how many manifests did not verify.
fn build_checked(opts: &ReportOptions) -> Result<(String, usize)> {
    let first = opts
        .manifests
        .first()
        .map(|p| manifest_of(p))
        .unwrap_or_default();
    let root = Confinement::new(opts.root.as_deref().unwrap_or(folder_of(&first)))?;
    let chain = chain(&opts.manifests, &root)?;
    let verify = VerifyOptions {
        root: opts.root.clone(),
        seed: None,
        commitment: None,
    };
    let mut report = Report {
        proof: proof(&chain, &verify, opts),
        levels: Vec::new(),
    };
    for name in chain.iter().map(Link::level).collect::<BTreeSet<_>>() {
        let links: Vec<&Link> = chain.iter().filter(|l| l.level() == name).collect();
        report.levels.push(level(name, &links)?);
    }
    let failed = report.proof.verdicts.iter().filter(|v| !v.ok()).count();
    Ok((html::render(&report), failed))
}

/// The given manifests and every manifest their inputs link to, each once, in the
/// order found.
fn chain(targets: &[PathBuf], root: &Confinement) -> Result<Vec<Link>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut todo: Vec<PathBuf> = targets.iter().rev().map(|t| manifest_of(t)).collect();
    while let Some(path) = todo.pop() {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !seen.insert(key) {
            continue;
        }
        let bytes = crate::io::files::read_regular(&path)?;
        let manifest = Manifest::from_bytes(&bytes, &path.display().to_string())?;
        let place = Place::resolve(&path, &manifest, root)?;
        todo.extend(
            linked(&manifest)
                .map(|p| place.join(p))
                .collect::<Vec<_>>()
                .into_iter()
                .rev(),
        );
        out.push(Link {
            path,
            manifest,
            place,
        });
    }
    Ok(out)
}

/// The manifests a manifest's inputs lead to: those linked beside an input, and an
/// input that is itself a manifest (an audit selection's).
fn linked(m: &Manifest) -> impl Iterator<Item = &str> {
    m.inputs.iter().filter_map(|f| match &f.manifest {
        Some(l) => Some(l.path.as_str()),
        None => f
            .path
            .ends_with(".manifest.json")
            .then_some(f.path.as_str()),
    })
}

/// Inputs and proof: every file once, the seeds, and each manifest verified.
fn proof(chain: &[Link], verify: &VerifyOptions, opts: &ReportOptions) -> Proof {
    let mut files = BTreeMap::new();
    let mut seeds = Vec::new();
    for link in chain {
        let level = link.level();
        for f in link.manifest.inputs.iter().chain(&link.manifest.outputs) {
            add_file(&mut files, file_fact(&level, f));
        }
        if let Some(seed) = link.manifest.parameters.seed() {
            let stage = (level.clone(), link.manifest.command().to_string());
            if !seeds.iter().any(|(s, v)| *s == stage && v == seed) {
                seeds.push((stage, seed.to_string()));
            }
        }
    }
    if let Some(c) = &opts.commitment {
        let digest = FileDigest::of_file(c).map(|d| d.sha256).unwrap_or_default();
        let name = file_name(&c.display().to_string());
        let role = "commitment".to_string();
        let fact = FileFact {
            level: String::new(),
            role,
            name,
            rows: 0,
            sha256: digest,
        };
        add_file(&mut files, fact);
    }
    let verdicts = chain.iter().map(|l| verdict(l, verify, opts)).collect();
    Proof {
        files: files
            .into_values()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        seeds,
        verdicts,
    }
}

/// Adds a file to `files`, once per name and content: the roles it played joined, the
/// first level it was seen at, the most rows any manifest counted in it (a sample's
/// reserves count for its draw, not for its audit).
fn add_file(files: &mut BTreeMap<(String, String), FileFact>, fact: FileFact) {
    let key = (fact.name.clone(), fact.sha256.clone());
    match files.get_mut(&key) {
        None => drop(files.insert(key, fact)),
        Some(seen) => {
            if !seen.role.split('、').any(|r| r == fact.role) {
                seen.role = format!("{}、{}", seen.role, fact.role);
            }
            seen.rows = seen.rows.max(fact.rows);
        }
    }
}

/// The last part of a recorded path (no folders: they may name a person's machine).
fn file_name(recorded: &str) -> String {
    recorded
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(recorded)
        .to_string()
}

/// One file's facts.
fn file_fact(level: &str, f: &FileRecord) -> FileFact {
    FileFact {
        level: level.to_string(),
        role: f.role.clone(),
        name: file_name(&f.path),
        rows: f.content.rows,
        sha256: f.sha256.clone(),
    }
}

/// One manifest verified as `pingyi verify` does; an error is what differs.
fn verdict(link: &Link, verify: &VerifyOptions, opts: &ReportOptions) -> Verdict {
    let mut verify = verify.clone();
    if link.manifest.command() == "draw" {
        verify.commitment = opts.commitment.clone();
    }
    match verify_target(&link.path, false, &verify) {
        Ok(mut v) if !v.is_empty() => v.remove(0).masked(),
        Ok(_) => failed(link, String::new()),
        Err(e) => failed(link, crate::privacy::mask_personal(&e.to_string())),
    }
}

/// A verdict for a manifest that could not be verified.
fn failed(link: &Link, why: String) -> Verdict {
    Verdict {
        manifest: link.path.clone(),
        command: link.manifest.command().to_string(),
        summary: String::new(),
        notes: Vec::new(),
        differences: vec![why],
    }
}

/// The manifest of `command` to read a stage's results from: a CSV output first, and
/// for scores the full table before the unit-facing one.
fn pick<'a>(links: &[&'a Link], command: &str) -> Option<&'a Link> {
    let rank = |l: &&&Link| {
        let facing = matches!(&l.manifest.parameters, Parameters::Score(p) if p.unit_facing);
        (facing, !l.is_csv())
    };
    links
        .iter()
        .filter(|l| l.manifest.command() == command)
        .min_by_key(rank)
        .copied()
}

/// One level's stages, each read from its output.
fn level(name: String, links: &[&Link]) -> Result<Level> {
    let mut level = Level {
        name,
        ..Level::default()
    };
    if let Some(l) = pick(links, "frame") {
        level.frame = Some(frame_view(l)?);
    }
    if let Some(l) = pick(links, "draw") {
        level.draw = Some(draw_view(l)?);
    }
    if let Some(l) = pick(links, "audit-tally") {
        level.audit = l
            .beside()
            .map(|o| read::tally(&l.place.join(&o.path)))
            .transpose()?;
    }
    if let Some(l) = pick(links, "score") {
        let weighted = matches!(&l.manifest.parameters, Parameters::Score(p) if p.weighted);
        let units = l
            .beside()
            .map(|o| read::score(&l.place.join(&o.path)))
            .transpose()?;
        level.scores = units.map(|units| ScoreView { weighted, units });
    }
    Ok(level)
}

/// The frame's strata and the rules its parameters record.
fn frame_view(l: &Link) -> Result<FrameView> {
    let strata = match l.beside() {
        Some(o) => read::frame(&l.place.join(&o.path))?,
        None => Vec::new(),
    };
    let rules = match &l.manifest.parameters {
        Parameters::Frame(p) => rules(p, &strata),
        _ => Vec::new(),
    };
    Ok(FrameView { rules, strata })
}

/// The rules a frame applied, as (rule, value) pairs in the chosen language.
fn rules(p: &FrameParameters, strata: &[Stratum]) -> Vec<(String, String)> {
    use crate::i18n::msg;
    let none = || msg!("report-none").render();
    let size = match (p.per_unit, p.margin) {
        (Some(n), _) => n.to_string(),
        (None, Some(m)) => format!(
            "± {m} ({} {})",
            p.confidence.unwrap_or(0.95),
            p.p.map(|v| v.to_string()).unwrap_or_default()
        ),
        _ => none(),
    };
    let reserve = match (&p.reserve_rate, p.reserves) {
        (Some(r), _) => r.clone(),
        (None, Some(n)) => n.to_string(),
        _ => none(),
    };
    let take_all: Vec<String> = strata
        .iter()
        .filter(|s| s.population > 0 && s.sample == s.population)
        .map(|s| {
            let category = crate::io::alias::Category::from_label(&s.category);
            format!("{} {}", s.unit, category.label(crate::i18n::language()))
        })
        .collect();
    let take_all = if take_all.is_empty() {
        none()
    } else {
        take_all.join("、")
    };
    vec![
        (msg!("report-rule-size").render(), size),
        (
            msg!("report-rule-method").render(),
            msg!("report-method", method = p.method.as_str()).render(),
        ),
        (msg!("report-rule-remainder").render(), "✔".to_string()),
        (
            msg!("report-rule-minimum").render(),
            p.min_per_stratum.to_string(),
        ),
        (msg!("report-rule-reserve").render(), reserve),
        (msg!("report-rule-take-all").render(), take_all),
    ]
}

/// The draw per stratum — rows drawn as its manifest records them, the first
/// `sample` of a stratum's rows being the main sample and the rest reserves — and the
/// data-quality findings counted per unit (from the quality report's manifest entry).
fn draw_view(l: &Link) -> Result<DrawView> {
    let frame = l.manifest.inputs.iter().find(|f| f.role == "frame");
    let planned = frame
        .map(|f| read::frame(&l.place.join(&f.path)))
        .transpose()?
        .unwrap_or_default();
    let drawn = l.manifest.outputs.iter().find(|o| o.role == "sample");
    let strata = planned
        .into_iter()
        .map(|s| {
            // The manifest names categories by key; a frame in Chinese by label.
            let category = crate::io::alias::Category::from_header(&s.category);
            let rows = drawn
                .and_then(|d| d.content.strata.get(&s.unit))
                .and_then(|c| c.get(category.key()))
                .map_or(0, |d| d.rows);
            let main = rows.min(s.sample);
            Stratum {
                sample: main,
                reserve: rows - main,
                ..s
            }
        })
        .collect();
    let quality = l
        .manifest
        .outputs
        .iter()
        .filter(|o| o.role == "quality")
        .flat_map(|o| o.content.strata.iter());
    let mut counts: BTreeMap<&str, QualityCount> = BTreeMap::new();
    for (unit, kinds) in quality {
        for (kind, d) in kinds {
            // Reports written before findings were counted per unit: kind, then "".
            let (unit, kind) = if kind.is_empty() {
                ("", unit)
            } else {
                (unit.as_str(), kind)
            };
            let count = counts.entry(unit).or_default();
            count.unit = unit.to_string();
            count.add(kind, d.rows);
        }
    }
    let quality = counts.into_values().collect();
    Ok(DrawView { strata, quality })
}
