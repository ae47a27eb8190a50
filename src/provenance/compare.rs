//! Comparing a recorded content digest with one taken now: which strata gained, lost
//! or changed records.

use std::collections::{BTreeMap, BTreeSet};

use crate::io::digest::{ContentDigest, StratumDigest};

/// What differs between a recorded and a current content digest, stratum by stratum.
pub fn compare_content(what: &str, recorded: &ContentDigest, now: &ContentDigest) -> Vec<String> {
    if recorded.digest == now.digest {
        return Vec::new();
    }
    let mut out = Vec::new();
    let units: BTreeSet<&String> = recorded.strata.keys().chain(now.strata.keys()).collect();
    for unit in units {
        let empty = BTreeMap::new();
        let r = recorded.strata.get(unit).unwrap_or(&empty);
        let n = now.strata.get(unit).unwrap_or(&empty);
        let cats: BTreeSet<&String> = r.keys().chain(n.keys()).collect();
        for cat in cats {
            let name = if cat.is_empty() {
                unit.clone()
            } else {
                format!("{unit} / {cat}")
            };
            out.extend(compare_stratum(what, &name, r.get(cat), n.get(cat)));
        }
    }
    if out.is_empty() {
        out.push(format!("{what}: content differs"));
    }
    out
}

/// What differs in one stratum, if anything.
fn compare_stratum(
    what: &str,
    name: &str,
    recorded: Option<&StratumDigest>,
    now: Option<&StratumDigest>,
) -> Option<String> {
    match (recorded, now) {
        (Some(a), Some(b)) if a == b => None,
        (Some(a), Some(b)) if a.rows != b.rows => Some(format!(
            "{what}: stratum {name} has {} rows, recorded {}",
            b.rows, a.rows
        )),
        (Some(_), Some(_)) => Some(format!("{what}: stratum {name} has different records")),
        (Some(a), None) => Some(format!("{what}: stratum {name} ({} rows) is gone", a.rows)),
        (None, Some(b)) => Some(format!("{what}: stratum {name} ({} rows) is new", b.rows)),
        (None, None) => None,
    }
}
