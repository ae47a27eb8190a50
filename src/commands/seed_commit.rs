//! `pingyi seed commit`: the digests of a draw's frame and rosters, written before the
//! seed exists, so nobody can change them after seeing which seed came up.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::write::write_atomic;
use crate::provenance::manifest::manifest_path;

use super::Outcome;
use super::draw_inputs::{RosterInputs, commitment};
use super::output::{check_output_plain, manifest_dir, refuse_overwriting_inputs, wrote_line};

/// `pingyi seed commit`: the commitment to `frame` and `rosters`, written to `out`.
pub fn commit(frame: &Path, rosters: &RosterInputs, out: &Path, force: bool) -> Result<Outcome> {
    let frame_manifest = manifest_path(frame);
    let mut inputs = vec![frame, frame_manifest.as_path()];
    inputs.extend(rosters.rosters.iter().map(PathBuf::as_path));
    refuse_overwriting_inputs(&[out.to_path_buf()], &inputs)?;
    check_output_plain(out, force)?;
    let c = commitment(frame, rosters, &manifest_dir(out))?;
    let mut bytes = serde_json::to_vec_pretty(&c).map_err(|e| Error::Internal(e.to_string()))?;
    bytes.push(b'\n');
    write_atomic(out, &bytes, force)?;
    let summary = format!("{}{}", c.announcement(), wrote_line(out));
    Ok(Outcome {
        summary,
        ..Outcome::default()
    })
}
