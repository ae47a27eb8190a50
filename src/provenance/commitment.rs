//! The seed ceremony's first step: `pingyi seed commit` records the digests of the
//! frame and rosters before the seed exists, so nobody can change them after seeing
//! which seed came up.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::manifest::relative_path;
use crate::error::{Error, Location, Result};
use crate::i18n::{Message, msg};
use crate::io::digest::{ContentDigest, FileDigest};

/// The format of commitment files.
pub const COMMITMENT_FORMAT: &str = "pingyi-commitment/1";

/// One committed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committed {
    pub path: String,
    pub sha256: String,
    /// The order-independent content digest: what the draw depends on.
    pub content_digest: String,
}

/// A commitment to a frame and rosters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub format: String,
    pub id_column: Option<String>,
    pub frame: Committed,
    pub rosters: Vec<Committed>,
}

impl Commitment {
    /// The commitment of a draw's frame and rosters, from each file's path and content
    /// digest; paths are recorded relative to `out_dir`, where the commitment is written.
    pub fn of(
        frame: (&Path, &ContentDigest),
        rosters: &[(&Path, &ContentDigest)],
        id_column: Option<String>,
        out_dir: &Path,
    ) -> Result<Commitment> {
        let committed = |path: &Path, c: &ContentDigest| -> Result<Committed> {
            Ok(Committed {
                path: relative_path(path, out_dir),
                sha256: FileDigest::of_file(path)?.sha256,
                content_digest: c.digest.clone(),
            })
        };
        Ok(Commitment {
            format: COMMITMENT_FORMAT.to_string(),
            id_column,
            frame: committed(frame.0, frame.1)?,
            rosters: rosters
                .iter()
                .map(|(p, c)| committed(p, c))
                .collect::<Result<_>>()?,
        })
    }

    /// Reads a commitment file.
    pub fn read(path: &Path) -> Result<Commitment> {
        let bytes = crate::io::files::read_regular(path)?;
        serde_json::from_slice::<Commitment>(&bytes)
            .ok()
            .filter(|c| c.format == COMMITMENT_FORMAT)
            .ok_or_else(|| {
                Error::input(
                    Location::file(path.display().to_string()),
                    msg!("seed-not-a-commitment"),
                )
            })
    }

    /// What differs between a frame's and rosters' content digests and the
    /// commitment, one message per difference (none when they match).
    pub fn problems(&self, frame: &ContentDigest, rosters: &[ContentDigest]) -> Vec<Message> {
        let mut problems = Vec::new();
        if frame.digest != self.frame.content_digest {
            problems.push(msg!("seed-frame-differs", path = self.frame.path));
        }
        if rosters.len() != self.rosters.len() {
            problems.push(msg!(
                "seed-roster-count",
                committed = self.rosters.len(),
                given = rosters.len()
            ));
        }
        for (c, now) in self.rosters.iter().zip(rosters) {
            if now.digest != c.content_digest {
                problems.push(msg!("seed-roster-differs", path = c.path));
            }
        }
        problems
    }

    /// Checks a frame's and rosters' content digests against the commitment; the
    /// message says everything that differs.
    pub fn check(
        &self,
        frame: &ContentDigest,
        rosters: &[ContentDigest],
    ) -> std::result::Result<(), Message> {
        let mut problems = self.problems(frame, rosters);
        let Some(mut joined) = problems.pop() else {
            return Ok(());
        };
        while let Some(head) = problems.pop() {
            joined = msg!("seed-problems-join", head => head, tail => joined);
        }
        Err(msg!("seed-commitment-mismatch", problems => joined))
    }

    /// The text to publish or sign: one line per file with its content digest.
    pub fn announcement(&self) -> String {
        let mut lines = vec![msg!(
            "seed-announcement-heading",
            format = COMMITMENT_FORMAT
        )];
        lines.push(msg!(
            "seed-announcement-frame",
            digest = self.frame.content_digest,
            path = self.frame.path
        ));
        for r in &self.rosters {
            lines.push(msg!(
                "seed-announcement-roster",
                digest = r.content_digest,
                path = r.path
            ));
        }
        lines.iter().map(|l| format!("{}\n", l.render())).collect()
    }
}
