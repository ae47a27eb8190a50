//! `pingyi synth`: a fictional roster for a count table, with its manifest.

use std::path::PathBuf;

use crate::error::Result;
use crate::io::Lang;
use crate::io::write::WriteOptions;
use crate::provenance::manifest::ManifestBuilder;
use crate::provenance::params::{Parameters, SynthParameters};
use crate::synth::{Planted, roster_digest, synth_roster};

use super::Outcome;
use super::counts::{LoadedCounts, load_counts};
use super::output::{
    OutputOptions, manifest_dir, refuse_overwriting_inputs, with_manifest, write_with_manifest,
};

/// A `pingyi synth` request.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// The count table whose strata the roster fills.
    pub counts: PathBuf,
    /// The seed of the generator.
    pub seed: String,
    /// How many invalid ID numbers to plant (with one shared phone and one repeated ID
    /// number when above 0).
    pub plant_problems: usize,
    pub output: OutputOptions,
}

/// The problems planted for `n` invalid ID numbers: with any, also a phone shared by
/// three people and a repeated ID number.
pub fn planted(n: usize) -> Planted {
    Planted {
        invalid_id_numbers: n,
        shared_phone: if n > 0 { 3 } else { 0 },
        repeated_id_number: n > 0,
    }
}

/// `pingyi synth`: the fictional roster of a count table, written with its manifest.
pub fn run(opts: &SynthOptions) -> Result<Outcome> {
    let counts = load_counts(&opts.counts, None)?;
    write_synth(
        &counts,
        &opts.seed,
        planted(opts.plant_problems),
        &opts.output,
    )?;
    Ok(Outcome::summary(super::output::wrote_line(
        &opts.output.path,
    )))
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
        mask: Some(crate::privacy::policy()),
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
