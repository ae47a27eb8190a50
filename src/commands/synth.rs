//! `pingyi synth`: a fictional roster for a count table, with its manifest.

use crate::error::Result;
use crate::io::Lang;
use crate::io::digest::ContentDigest;
use crate::io::write::WriteOptions;
use crate::provenance::manifest::ManifestBuilder;
use crate::provenance::params::{Parameters, SynthParameters};
use crate::synth::{Planted, synth_roster};

use super::counts::LoadedCounts;
use super::output::{
    OutputOptions, manifest_dir, refuse_overwriting_inputs, with_manifest, write_with_manifest,
};

/// The content digest of a generated roster: every cell, by unit and category label.
pub fn roster_digest(table: &crate::io::OutputTable) -> ContentDigest {
    ContentDigest::of(table.rows.iter().map(|r| {
        let fields: Vec<String> = r.iter().map(|c| c.to_text(Lang::Zh)).collect();
        (fields[1].clone(), fields[2].clone(), fields)
    }))
}

/// Writes the fictional roster of `counts` (Chinese headers) and its manifest.
pub fn write_synth(
    counts: &LoadedCounts,
    seed: &str,
    plant: Planted,
    out: &OutputOptions,
) -> Result<()> {
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&counts.path])?;
    let table = synth_roster(&counts.table, seed, plant);
    let content = roster_digest(&table);
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new(Parameters::Synth(SynthParameters {
        plant_invalid_id_numbers: plant.invalid_id_numbers as u64,
        seed: seed.to_string(),
    }));
    counts.record(&mut manifest, &dir);
    let opts = OutputOptions {
        write: WriteOptions {
            lang: Lang::Zh,
            ..out.write
        },
        ..out.clone()
    };
    write_with_manifest(&[table], content, "roster", &opts, manifest, &dir)?;
    Ok(())
}
