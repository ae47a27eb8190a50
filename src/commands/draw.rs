//! `pingyi draw`: a frame and recipient rosters in; the sample with reserves, its
//! data-quality report and its manifest out (or the draw as one SQL query).

use std::path::{Path, PathBuf};

use crate::draw::quality;
use crate::draw::ticket::Seed;
use crate::draw::{Draw, sql::Dialect};
use crate::error::{Error, Result};
use crate::io::digest::FileDigest;
use crate::io::fileset::FileSet;
use crate::io::write::{OutputFormat, WriteOptions, render, render_internal};
use crate::provenance::manifest::{manifest_path, relative_path};

use super::Outcome;
pub use super::draw_inputs::{
    ComputedDraw, DrawOptions, DrawRules, RosterInputs, commitment, compute_draw,
    compute_in_memory, draw_in_memory, draw_sql, input_contents, load_frame, roster_contents,
};
use super::draw_inputs::{draw_manifest, file_facts};
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, stage_rendered,
    with_manifest,
};

/// What a draw wrote.
#[derive(Debug)]
pub struct DrawReport {
    /// The draw's strata, warnings and findings (its records are in the written file).
    pub draw: Draw,
    pub quality_path: PathBuf,
}

/// The data-quality report's path: `X` → `X.quality.csv`.
pub fn quality_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".quality.csv");
    PathBuf::from(name)
}

/// `pingyi draw`: with `emit_sql` (a dialect), the draw as one query; otherwise the
/// sample, its quality report and manifest written to `out`.
pub fn run(
    opts: &DrawOptions,
    out: Option<&OutputOptions>,
    emit_sql: Option<&str>,
) -> Result<Outcome> {
    if let Some(engine) = emit_sql {
        let dialect: Dialect = engine
            .parse()
            .map_err(|_| Error::usage(crate::i18n::msg!("clerk-sql-dialect", value = engine)))?;
        let summary = draw_sql(opts, dialect)?;
        return Ok(Outcome {
            summary,
            ..Outcome::default()
        });
    }
    let out = out.ok_or_else(|| Error::usage(crate::i18n::msg!("draw-needs-out")))?;
    let report = write_draw(opts, out)?;
    let summary = format!(
        "{}\n{}\n{}",
        crate::report::draw_summary(&report.draw),
        crate::report::quality_summary(&report.draw.quality, &report.quality_path),
        super::output::wrote_line(&out.path)
    );
    Ok(Outcome {
        summary,
        warnings: report.draw.warnings,
        failure: None,
    })
}

/// Draws from the rosters and writes the sample, its quality report and manifest.
pub fn write_draw(opts: &DrawOptions, out: &OutputOptions) -> Result<DrawReport> {
    Seed::new(&opts.rules.seed)?;
    check_draw_outputs(opts, out)?;
    let mut computed = compute_draw(opts)?;
    let draw = computed.take_draw();
    render_draw(&computed, draw, opts, out)
}

/// The output paths a draw writes to `out`, checked before any work: none is an input,
/// and none exists unless `out.force`.
pub fn check_draw_outputs(opts: &DrawOptions, out: &OutputOptions) -> Result<()> {
    let qpath = quality_path(&out.path);
    let frame_manifest = manifest_path(&opts.frame);
    let mut inputs: Vec<&Path> = vec![&opts.frame, &frame_manifest];
    inputs.extend(opts.inputs.rosters.iter().map(PathBuf::as_path));
    inputs.extend(opts.commitment.as_deref());
    let mut outputs = with_manifest(&out.path);
    outputs.push(qpath.clone());
    refuse_overwriting_inputs(&outputs, &inputs)?;
    check_output(&out.path, out.force)?;
    if !out.force && std::fs::symlink_metadata(&qpath).is_ok() {
        return Err(Error::OutputExists { path: qpath });
    }
    Ok(())
}

/// The language of the data-quality report: a sample written as a workbook is the
/// people's form, and so is its report (Chinese, as workbooks are); a CSV sample's report
/// follows the CSV's header language.
fn quality_lang(out: &OutputOptions) -> crate::io::Lang {
    match OutputFormat::from_path(&out.path) {
        Ok(OutputFormat::Xlsx) => crate::io::Lang::Zh,
        _ => out.write.lang,
    }
}

/// The data-quality report of a draw's findings (`issues`, masked on the way) as
/// written into `dir`: its bytes, their digest and its content digest.
fn quality_report(
    issues: &mut [quality::QualityIssue],
    dir: &Path,
    out: &OutputOptions,
) -> Result<(Vec<u8>, FileDigest, crate::io::digest::ContentDigest)> {
    // Asked once per finding; the rosters are few, so each is worked out once.
    let named = std::cell::RefCell::new(std::collections::HashMap::<String, String>::new());
    let name_file = |f: &str| {
        let mut named = named.borrow_mut();
        let rel = named
            .entry(f.to_string())
            .or_insert_with(|| relative_path(Path::new(f), dir));
        rel.clone()
    };
    let policy = crate::privacy::policy();
    let (report, content) = quality::written_report(issues, &policy, &name_file);
    let write = WriteOptions {
        lang: quality_lang(out),
        bom: out.write.bom,
    };
    let qbytes = render(&[report], OutputFormat::Csv, write)?;
    let digest = FileDigest::of(&qbytes);
    Ok((qbytes, digest, content))
}

/// Writes a computed draw (`result`, a copy of `computed.draw` or the draw itself) to
/// `out`: the sample, its quality report and the manifest that vouches for both.
pub fn render_draw(
    computed: &ComputedDraw,
    mut result: Draw,
    opts: &DrawOptions,
    out: &OutputOptions,
) -> Result<DrawReport> {
    let qpath = quality_path(&out.path);
    let dir = manifest_dir(&out.path);
    let mut manifest = draw_manifest(computed, opts, &dir)?;
    // The report and the sample are made side by side: neither needs the other.
    let mut issues = std::mem::take(&mut result.quality);
    let (quality, sample) = std::thread::scope(|s| {
        let quality = s.spawn(|| quality_report(&mut issues, &dir, out));
        let sample = (|| {
            let content = result.content_digest();
            let format = check_output(&out.path, out.force)?;
            // The sample table is let go once rendered: a large sample is not held
            // twice. It is the interviewers' list, with names and numbers in clear:
            // marked internal.
            let table = result.take_table(&computed.rosters.labels);
            let bytes = render_internal(&[table], format, out.write, None)?;
            Ok::<_, Error>((content, bytes))
        })();
        let quality = quality
            .join()
            .map_err(|_| Error::Internal("the data-quality report's thread panicked".into()));
        (quality, sample)
    });
    result.quality = issues;
    let (qbytes, qdigest, qcontent) = quality??;
    manifest.output(
        file_facts("quality", &qpath, None, "CSV", qdigest, qcontent),
        &dir,
    );
    // The report, the sample and the manifest that vouches for both appear as one set.
    let mut set = FileSet::new();
    set.add(&qpath, &qbytes, false)?;
    drop(qbytes);
    let (content, bytes) = sample?;
    stage_rendered(&mut set, bytes, content, "sample", out, manifest, &dir)?;
    set.commit(out.force)?;
    Ok(DrawReport {
        draw: result,
        quality_path: qpath,
    })
}
