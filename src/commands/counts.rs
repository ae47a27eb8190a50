//! Loading a count table from a file, and `pingyi counts`: show the table as pingyi
//! reads it, in long form.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::io::counts::{CountTable, parse_counts};
use crate::io::read_grid_path;
use crate::provenance::manifest::{FileFacts, ManifestBuilder};
use crate::provenance::params::{CountsParameters, Parameters};

use super::output::{
    OutputOptions, manifest_dir, refuse_overwriting_inputs, with_manifest, write_with_manifest,
};

/// A count table with the facts a manifest records about its file.
#[derive(Debug, Clone)]
pub struct LoadedCounts {
    pub path: PathBuf,
    pub table: CountTable,
    pub bytes: Vec<u8>,
    pub sheet: Option<String>,
    pub format: String,
}

impl LoadedCounts {
    /// Records this file as an input of `manifest`.
    pub fn record(&self, manifest: &mut ManifestBuilder, manifest_dir: &Path) {
        manifest.input(
            FileFacts {
                role: "counts",
                path: &self.path,
                sheet: self.sheet.clone(),
                format: self.format.clone(),
                digest: crate::io::digest::FileDigest::of(&self.bytes),
                content: self.table.content_digest(),
            },
            manifest_dir,
        );
    }
}

/// Reads and checks a count table file (any format, either form).
pub fn load_counts(path: &Path, sheet: Option<&str>) -> Result<LoadedCounts> {
    let (grid, bytes) = read_grid_path(path, sheet)?;
    let table = parse_counts(&grid)?;
    Ok(LoadedCounts {
        path: path.to_path_buf(),
        sheet: grid.origin.sheet.clone(),
        format: grid.format.describe(),
        table,
        bytes,
    })
}

/// `pingyi counts FILE --out OUT`: writes the table as read, in long form.
pub fn write_counts(counts: &LoadedCounts, out: &OutputOptions) -> Result<()> {
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&counts.path])?;
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new(Parameters::Counts(CountsParameters {}));
    counts.record(&mut manifest, &dir);
    write_with_manifest(
        &[counts.table.to_table()],
        counts.table.content_digest(),
        "counts",
        out,
        manifest,
        &dir,
    )?;
    Ok(())
}
