//! The query's opening: its header comment (engine, algorithm, seed, roster, frame)
//! and the constant tables it joins, the frame's quota and the category aliases.

use super::literal::{comment, literal};
use super::{Dialect, SqlSource};
use crate::draw::ticket::{ALGORITHM, ID_NORMALIZATION, Seed};
use crate::frame::FrameRow;

/// What the header says the query does and does not do.
const CAVEATS: [&str; 5] = [
    "-- This is pingyi's draw record for record, except where two records of a stratum",
    "-- share the first 18 ticket digits (prefix_ties > 0): pingyi then compares the",
    "-- further digits and this query the ids. It does not repeat pingyi's checks",
    "-- (duplicate or empty ids, roster rows outside the frame, which are left out",
    "-- here, and roster counts that differ from the frame). docs/ALGORITHM.md.",
];

/// The header comment; `s` is the seed's SHA-256 in hex, `relation` the roster's
/// relation and `register` how to register it.
pub(super) fn header_sql(
    (dialect, frame, seed, s): (Dialect, &[FrameRow], &Seed, &str),
    source: &SqlSource,
    relation: &str,
    register: Option<String>,
) -> Vec<String> {
    let sample: u64 = frame.iter().map(|f| f.sample).sum();
    let reserve: u64 = frame.iter().map(|f| f.reserve).sum();
    let mut lines: Vec<String> = vec![
        format!("-- pingyi's draw in SQL ({}).", dialect.title()),
        format!("-- algorithm: {ALGORITHM}; ids: {ID_NORMALIZATION}"),
        format!("-- seed (as typed): {}", comment(seed.as_str())),
        format!("-- s = SHA-256 of the seed, in hex: {s}"),
        format!(
            "-- roster: {}; id {}, unit {}, category {}",
            comment(relation),
            comment(&source.id),
            comment(&source.unit),
            comment(&source.category)
        ),
    ];
    lines.extend(register);
    lines.push(format!(
        "-- frame: {} strata, sample {sample}, reserves {reserve}",
        frame.len()
    ));
    lines.extend(CAVEATS.map(String::from));
    lines
}

/// `WITH quota AS (…), category_alias AS (…),`: each stratum of the frame in order with
/// its n and r, and every category alias by its match key.
pub(super) fn quota_sql(dialect: Dialect, frame: &[FrameRow]) -> Vec<String> {
    let lit = |x: &str| literal(dialect, x);
    let quota: Vec<String> = frame
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (unit, category) = (lit(f.unit.as_str()), lit(f.category.key()));
            format!(
                "    ({}, {unit}, {category}, {}, {})",
                i + 1,
                f.sample,
                f.reserve
            )
        })
        .collect();
    let opening = ["WITH", "quota AS (", "  SELECT * FROM (VALUES"];
    let middle = [
        "  ) AS q (ord, unit, category, n, r)",
        "),",
        "category_alias AS (",
        "  SELECT * FROM (VALUES",
    ];
    let mut lines: Vec<String> = opening.map(String::from).to_vec();
    lines.push(quota.join(",\n"));
    lines.extend(middle.map(String::from));
    lines.push(aliases(dialect).join(",\n"));
    lines.extend(["  ) AS a (label_key, category)", "),"].map(String::from));
    lines
}

/// Each category alias's match key and the category, once per key.
fn aliases(dialect: Dialect) -> Vec<String> {
    let lit = |x: &str| literal(dialect, x);
    let mut seen = std::collections::HashSet::new();
    let mut aliases = Vec::new();
    for (key, _, names) in crate::io::alias::KNOWN_CATEGORIES {
        for name in names {
            let k = crate::io::text::match_key(name);
            if seen.insert(k.clone()) {
                aliases.push(format!("    ({}, {})", lit(k.as_str()), lit(key)));
            }
        }
    }
    aliases
}
