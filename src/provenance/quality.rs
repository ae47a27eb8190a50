//! A draw's data-quality report built again from its rosters, its values masked under
//! the policy the draw's manifest records, and compared with the report the manifest
//! recorded and with the file as it is now: every finding that differs is named by its
//! row and column (values masked, as the report shows them).

use std::collections::HashMap;

use crate::draw::Draw;
use crate::draw::quality::written_report;
use crate::error::Location;
use crate::i18n::{Message, msg};
use crate::io::digest::{ContentDigest, FileDigest};
use crate::io::{Cell, Grid, Lang, OutputTable, read_grid_path};
use crate::privacy::PolicyProblem;

use super::compare::compare_content;
use super::confine::Place;
use super::manifest::{FileRecord, Manifest};
use super::verdict::Verdict;

/// The most findings named in one verdict.
const MAX_NAMED: usize = 50;

/// A draw's data-quality report built again: its rows and content digest.
#[derive(Debug, Clone)]
pub struct QualityAgain {
    pub table: OutputTable,
    pub content: ContentDigest,
}

/// Builds the report of `draw` (drawn again from the manifest's rosters) as the draw
/// wrote it: values masked under the recorded policy, each roster named as the
/// manifest names it.
pub fn quality_again(m: &Manifest, dir: &Place, draw: &mut Draw) -> QualityAgain {
    let names: HashMap<String, &str> = m
        .inputs
        .iter()
        .filter(|f| f.role == "roster")
        .map(|f| (dir.join(&f.path).display().to_string(), f.path.as_str()))
        .collect();
    let name_file = |f: &str| {
        names
            .get(f)
            .map_or_else(|| f.to_string(), |n| n.to_string())
    };
    let policy = m.parameters.mask_policy();
    let (table, content) = written_report(&mut draw.quality, &policy, &name_file);
    QualityAgain { table, content }
}

/// Says where the recorded masking policy keeps more than any policy may (a manifest
/// edited by hand: pingyi refuses such a policy before it writes anything).
pub fn check_policy(m: &Manifest, v: &mut Verdict) {
    let Some(Err(p)) = m.parameters.mask().map(|p| p.check()) else {
        return;
    };
    let PolicyProblem {
        keys,
        what,
        kept,
        max,
    } = p;
    let what = match what {
        "id" => msg!("mask-what-id"),
        "phone" => msg!("mask-what-phone"),
        _ => msg!("mask-what-name"),
    };
    v.differ(msg!("mask-verify-policy", keys, kept, max, what => what));
}

/// Compares the report built again with the one the manifest records (content) and
/// with the file as it is now (row by row). A report recorded by an earlier version
/// (findings counted per kind, not per unit), or of rosters whose bytes changed since,
/// is checked by its bytes only.
pub fn check_quality(m: &Manifest, dir: &Place, again: &QualityAgain, v: &mut Verdict) {
    let Some(f) = m.outputs.iter().find(|o| o.role == "quality") else {
        return;
    };
    if earlier_form(f) {
        v.note(msg!("mask-quality-earlier", path = f.path));
        return;
    }
    if rosters_changed(m, dir) {
        // Its findings name roster rows: the check of the inputs says what changed.
        v.note(msg!("mask-quality-roster-changed", path = f.path));
        return;
    }
    let what = msg!("mask-quality-what", path = f.path);
    v.differ_all(compare_content(&what, &f.content, &again.content));
    // A missing or unreadable file is said by the check of the outputs' bytes.
    if let Ok((grid, _)) = read_grid_path(&dir.join(&f.path), f.sheet.as_deref()) {
        v.differ_all(differing_rows(&grid, &f.path, &again.table));
    }
}

/// Whether any roster's bytes differ from those recorded (rows reordered, say).
fn rosters_changed(m: &Manifest, dir: &Place) -> bool {
    m.inputs
        .iter()
        .filter(|f| f.role == "roster")
        .any(|f| FileDigest::of_file(&dir.join(&f.path)).map_or(true, |d| d.sha256 != f.sha256))
}

/// Whether the recorded digest is of an earlier version's report: strata named by the
/// kind of finding, without units.
fn earlier_form(f: &FileRecord) -> bool {
    let kinds = ["invalid_id_number", "id_number_repeated", "phone_shared"];
    f.content
        .strata
        .iter()
        .any(|(k, cats)| kinds.contains(&k.as_str()) && cats.contains_key(""))
}

/// The rows of the written report (`grid`, the file `path`) that differ from the report
/// built again, each named by its first differing cell, and the findings it lacks.
pub fn differing_rows(grid: &Grid, path: &str, expected: &OutputTable) -> Vec<Message> {
    let Some(header) = grid.rows.first() else {
        return vec![msg!("mask-quality-empty", path)];
    };
    let file = Location::file(path);
    let mut out = Vec::new();
    for i in 0..expected.rows.len().max(grid.rows.len() - 1) {
        let at = file.at_row(grid.row_number(i + 1));
        let message = match (grid.rows.get(i + 1), expected.rows.get(i)) {
            (Some(found), Some(want)) => differing_cell(&at, header, found, want),
            (Some(found), None) => Some(msg!(
                "mask-quality-extra",
                location => at.message(),
                found = found.join(" | ")
            )),
            (None, Some(want)) => Some(msg!(
                "mask-quality-missing",
                path,
                row = i + 2,
                expected = texts(want).join(" | ")
            )),
            (None, None) => None,
        };
        out.extend(message);
        if out.len() >= MAX_NAMED {
            break;
        }
    }
    out
}

/// A row built again as a person reads it (labels in the language of messages).
fn texts(row: &[Cell]) -> Vec<String> {
    row.iter()
        .map(|c| c.to_text(crate::i18n::language()))
        .collect()
}

/// Whether a written cell is `want` (a label in either language).
fn same(found: &str, want: &Cell) -> bool {
    let found = found.trim();
    found == want.to_text(Lang::En) || found == want.to_text(Lang::Zh)
}

/// The first cell of a written row that differs from the row built again.
fn differing_cell(
    at: &Location,
    header: &[String],
    found: &[String],
    want: &[Cell],
) -> Option<Message> {
    let width = found.len().max(want.len());
    let blank = Cell::Empty;
    let c = (0..width).find(|&c| !same(cell(found, c), want.get(c).unwrap_or(&blank)))?;
    let expected = want.get(c).map(|w| w.to_text(crate::i18n::language()));
    Some(msg!(
        "mask-quality-cell",
        location => at.at_column(cell(header, c), c).message(),
        found = cell(found, c),
        expected = expected.unwrap_or_default()
    ))
}

fn cell(row: &[String], c: usize) -> &str {
    row.get(c).map_or("", String::as_str)
}
