//! What `pingyi run` shows: each level's tables and files, how to verify them, and the
//! warnings of every stage.

use std::path::{Path, PathBuf};

use crate::i18n::msg;
use crate::report;

use super::level::LevelResult;

/// The summary of a run: every level's tables and written files, then how to verify.
pub fn text(results: &[LevelResult], data: &Path, out: &Path) -> String {
    let mut text = String::new();
    for level in results {
        text.push_str(&level_text(level));
    }
    if let Some(last) = results.last().and_then(|l| l.outputs.last()) {
        let root = verify_root(data, out);
        text.push_str(&format!(
            "\n{}\n  pingyi verify --chain --root {} {}\n",
            msg!("run-verify-hint").render(),
            root.display(),
            last.display()
        ));
    }
    text
}

/// One level: its frame, sample and data quality, audit, calls and ranking, and files.
fn level_text(level: &LevelResult) -> String {
    let name = msg!("report-level-name", level = level.name).render();
    let mut text = format!("\n{name} — {}\n", level.title);
    text.push_str(&report::frame_summary(&level.frame));
    text.push('\n');
    if let Some(r) = &level.draw {
        text.push_str(&report::draw_summary(&r.draw));
        text.push('\n');
        text.push_str(&report::quality_summary(&r.draw.quality, &r.quality_path));
        text.push('\n');
    }
    if let Some(tally) = &level.tally {
        text.push_str(&format!("{}\n", msg!("run-audit-heading").render()));
        text.push_str(&report::tally_summary(&tally.units));
        text.push('\n');
    }
    if let Some(calls) = &level.calls {
        let line = msg!("run-calls", calls = calls.calls);
        text.push_str(&format!("{}\n", line.render()));
    }
    if let Some(score) = &level.score {
        text.push_str(&format!("{}\n", msg!("run-scores-heading").render()));
        text.push_str(&report::score_summary(&score.units));
        text.push('\n');
    }
    for p in &level.outputs {
        let wrote = msg!("run-wrote", path = p.display());
        text.push_str(&format!("  {}\n", wrote.render()));
    }
    text
}

/// Every warning of the run, level by level: files left alone, the frame's, the draw's,
/// the score's.
pub fn warnings(results: &[LevelResult]) -> Vec<String> {
    let mut out = Vec::new();
    for level in results {
        out.extend(level.notes.iter().cloned());
        out.extend(level.frame.warnings.iter().cloned());
        if let Some(r) = &level.draw {
            out.extend(r.draw.warnings.iter().cloned());
        }
        if let Some(score) = &level.score {
            out.extend(score.notes.iter().map(|n| n.render()));
        }
    }
    out
}

/// The folder to name with `verify --root` so that the run's manifests, which name files
/// in `data` from inside `out`, can be checked: the nearest folder holding both, written
/// relative to the current folder where it lies inside it.
pub fn verify_root(data: &Path, out: &Path) -> PathBuf {
    let (Ok(data), Ok(out)) = (data.canonicalize(), out.canonicalize()) else {
        return PathBuf::from(".");
    };
    let mut root = PathBuf::new();
    for (a, b) in data.components().zip(out.components()) {
        if a != b {
            break;
        }
        root.push(a);
    }
    let here = std::env::current_dir().and_then(|d| d.canonicalize());
    match here
        .ok()
        .and_then(|h| root.strip_prefix(&h).ok().map(Path::to_path_buf))
    {
        Some(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Some(rel) => rel,
        None => root,
    }
}
