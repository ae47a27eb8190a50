//! The workspace folder: `pingyi.toml` and its level, the inputs under names the server
//! chooses (`inputs/`), `out/` as `pingyi run` writes it, the seed commitment, and the
//! workbench's own notes (`.pingyi-serve/`: uploads in flight, the names the clerk's
//! files had). Every path the server touches is built here from fixed parts.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::i18n::msg;

/// The level the workbench works on (`out/county/`).
pub const LEVEL: &str = "county";

/// One workspace folder.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
}

/// The parts of `pingyi.toml` the workbench writes (those of one county level).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<Level>,
    #[serde(default)]
    pub seeds: Seeds,
}

/// The seeds announced so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Seeds {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<String>,
}

/// The county level: the count table, the frame's numbers, and what later steps added.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Level {
    pub title: String,
    pub counts: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_per_stratum: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserve_rate: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rosters: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_rate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_results: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_log: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responses: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspection: Option<String>,
}

/// What the workbench remembers beside the plan: the inputs stored so far (by the
/// server's name) and the names the clerk's files had, for display only.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Notes {
    /// The count table read and stored, before a frame is saved.
    #[serde(default)]
    pub counts: Option<String>,
    /// Rosters stored for the draw, before the seed.
    #[serde(default)]
    pub rosters: Vec<String>,
    /// Stored name → the clerk's file name.
    #[serde(default)]
    pub shown: std::collections::BTreeMap<String, String>,
}

impl Workspace {
    /// Opens (creating if needed) the workspace at `dir`.
    pub fn open(dir: &Path) -> Result<Workspace> {
        std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
        let root = dir.canonicalize().map_err(|e| Error::read(dir, e))?;
        let ws = Workspace { root };
        for d in [ws.inputs(), ws.incoming()] {
            std::fs::create_dir_all(&d).map_err(|e| Error::write(&d, e))?;
        }
        Ok(ws)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The title of the workspace's level: its folder's name (青石县2026), as the
    /// clerk named it.
    pub fn title(&self) -> String {
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        root.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
    pub fn config(&self) -> PathBuf {
        self.root.join(crate::commands::run::CONFIG_FILE)
    }
    pub fn inputs(&self) -> PathBuf {
        self.root.join("inputs")
    }
    pub fn out(&self) -> PathBuf {
        self.root.join("out")
    }
    /// The folder of the level's outputs.
    pub fn level_out(&self) -> PathBuf {
        self.out().join(LEVEL)
    }
    pub fn commitment(&self) -> PathBuf {
        self.root.join("seed_commitment.json")
    }
    fn private(&self) -> PathBuf {
        self.root.join(".pingyi-serve")
    }
    /// Where uploads land first, under names the server chooses.
    pub fn incoming(&self) -> PathBuf {
        self.private().join("incoming")
    }
    fn notes_path(&self) -> PathBuf {
        self.private().join("notes.json")
    }

    /// The plan in `pingyi.toml` (empty when there is none yet).
    pub fn plan(&self) -> Result<Plan> {
        let path = self.config();
        if !path.exists() {
            return Ok(Plan::default());
        }
        let text = crate::io::files::read_regular_text(&path)?;
        let name = path.display().to_string();
        crate::commands::run::RunConfig::parse(&text, &name)?;
        toml::from_str(&text).map_err(|e| {
            Error::input(
                Location::file(name),
                msg!("config-invalid", reason => crate::commands::config::toml_reason_of(&e)),
            )
        })
    }

    /// The text of `plan` as `pingyi.toml`.
    pub fn plan_text(plan: &Plan) -> Result<String> {
        let body = toml::to_string(plan).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(format!(
            "# Written by `pingyi serve`; `pingyi run --data . --out out` in this folder \
             writes the same files.\n{body}"
        ))
    }

    /// The workbench's notes (empty when there are none).
    pub fn notes(&self) -> Notes {
        std::fs::read(self.notes_path())
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Saves the notes (temporary file, then rename).
    pub fn save_notes(&self, notes: &Notes) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(notes).map_err(|e| Error::Internal(e.to_string()))?;
        crate::io::write::write_atomic(&self.notes_path(), &bytes, true)
    }

    /// The returned checklists stored (`inputs/returns/`), as (the clerk's name, path),
    /// by the clerk's names.
    pub fn returns(&self) -> Vec<(String, PathBuf)> {
        let dir = self.root.join(super::steps::RETURNS);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let shown = self.notes().shown;
        let mut found: Vec<(String, PathBuf)> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let rel = format!("{}/{name}", super::steps::RETURNS);
                let clerk = shown.get(&rel).cloned().unwrap_or(name.clone());
                (!name.starts_with('.')).then(|| (clerk, e.path()))
            })
            .collect();
        found.sort();
        found
    }

    /// The workspace file at `rel` (a path as the download list gives it), if it is one
    /// of the files the workbench offers: never a path built from what was asked.
    pub fn offered(&self, rel: &str) -> Option<PathBuf> {
        self.downloads()
            .into_iter()
            .find(|(r, _)| r == rel)
            .map(|(_, p)| p)
    }

    /// Every file offered for download: the outputs of `out/` (not manifests) and the
    /// seed commitment, as (path relative to the workspace with `/`, path).
    pub fn downloads(&self) -> Vec<(String, PathBuf)> {
        let mut found = Vec::new();
        let mut stack = vec![self.out()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let (path, kind) = (entry.path(), entry.file_type());
                if kind.as_ref().is_ok_and(|k| k.is_dir()) {
                    stack.push(path);
                } else if kind.is_ok_and(|k| k.is_file()) && offerable(&path) {
                    found.push(path);
                }
            }
        }
        if self.commitment().is_file() {
            found.push(self.commitment());
        }
        let mut out: Vec<(String, PathBuf)> = found
            .into_iter()
            .filter_map(|p| {
                let rel = p.strip_prefix(&self.root).ok()?;
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                Some((parts.join("/"), p))
            })
            .collect();
        out.sort();
        out
    }
}

/// Whether a file of `out/` is offered: not a manifest, not the run's own marker.
fn offerable(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !name.ends_with(".manifest.json") && !name.starts_with('.')
}

/// The name a download carries: the Chinese name of a workbench output (样本框.xlsx …),
/// else the file's own name.
pub fn download_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    const NAMES: [(&str, &str); 8] = [
        ("frame.", "样本框."),
        ("sample.", "抽样名单."),
        ("audit_checklist.", "核查清单."),
        ("audit_tally.", "核查汇总."),
        ("score_units.", "得分明细."),
        ("score.", "得分排名."),
        ("report.", "报告."),
        ("seed_commitment.", "种子承诺."),
    ];
    for (en, zh) in NAMES {
        if let Some(rest) = name.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_carry_chinese_names() {
        assert_eq!(
            download_name(Path::new("out/county/frame.xlsx")),
            "样本框.xlsx"
        );
        assert_eq!(
            download_name(Path::new("sample.xlsx.quality.csv")),
            "抽样名单.xlsx.quality.csv"
        );
        assert_eq!(download_name(Path::new("score_units.csv")), "得分明细.csv");
        assert_eq!(download_name(Path::new("other.csv")), "other.csv");
    }

    #[test]
    fn a_plan_round_trips_through_its_toml() {
        let plan = Plan {
            county: Some(Level {
                title: "t".into(),
                counts: "inputs/counts.xlsx".into(),
                margin: Some(0.1),
                reserve_rate: Some("0.3".into()),
                ..Level::default()
            }),
            seeds: Seeds {
                draw: Some("1".into()),
                audit: None,
            },
        };
        let text = Workspace::plan_text(&plan).unwrap();
        crate::commands::run::RunConfig::parse(&text, "pingyi.toml").unwrap();
        let back: Plan = toml::from_str(&text).unwrap();
        assert_eq!(back.county.unwrap().margin, Some(0.1));
    }

    #[test]
    fn only_outputs_and_the_commitment_are_offered() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        std::fs::create_dir_all(ws.level_out()).unwrap();
        std::fs::write(ws.level_out().join("frame.xlsx"), b"x").unwrap();
        std::fs::write(ws.level_out().join("frame.xlsx.manifest.json"), b"{}").unwrap();
        std::fs::write(ws.config(), b"").unwrap();
        let rels: Vec<String> = ws.downloads().into_iter().map(|(r, _)| r).collect();
        assert_eq!(rels, vec!["out/county/frame.xlsx".to_string()]);
        assert!(ws.offered("pingyi.toml").is_none());
        assert!(ws.offered("out/county/../../pingyi.toml").is_none());
    }
}
