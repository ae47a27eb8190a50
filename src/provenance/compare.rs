//! Comparing a recorded content digest with one taken now: which strata gained, lost
//! or changed records.

use std::collections::{BTreeMap, BTreeSet};

use crate::i18n::{Lang, Message, msg};
use crate::io::digest::{ContentDigest, StratumDigest};

/// What differs between a recorded and a current content digest, stratum by stratum;
/// `what` names the file or output compared.
pub fn compare_content(
    what: &Message,
    recorded: &ContentDigest,
    now: &ContentDigest,
) -> Vec<Message> {
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
            let name = stratum_name(unit, cat);
            out.extend(compare_stratum(what, &name, r.get(cat), n.get(cat)));
        }
    }
    if out.is_empty() {
        out.push(msg!("verify-content-differs", what => what.clone()));
    }
    out
}

/// A stratum as a person reads it: `甲镇 / rural_dibao` in English, `甲镇 / 农村低保`
/// in Chinese (a unit alone where the digest has no category).
pub fn stratum_name(unit: &str, category_key: &str) -> String {
    if category_key.is_empty() {
        return unit.to_string();
    }
    let category = crate::io::Category::from_label(category_key);
    match crate::i18n::language() {
        Lang::Zh => format!("{unit} / {}", category.zh()),
        Lang::En => format!("{unit} / {}", category.key()),
    }
}

/// What differs in one stratum, if anything.
fn compare_stratum(
    what: &Message,
    stratum: &str,
    recorded: Option<&StratumDigest>,
    now: Option<&StratumDigest>,
) -> Option<Message> {
    let what = what.clone();
    match (recorded, now) {
        (Some(a), Some(b)) if a == b => None,
        (Some(a), Some(b)) if a.rows != b.rows => Some(msg!(
            "verify-stratum-rows",
            what => what,
            stratum,
            rows = b.rows,
            recorded = a.rows
        )),
        (Some(_), Some(_)) => Some(msg!("verify-stratum-records", what => what, stratum)),
        (Some(a), None) => Some(msg!(
            "verify-stratum-gone",
            what => what,
            stratum,
            rows = a.rows
        )),
        (None, Some(b)) => Some(msg!(
            "verify-stratum-new",
            what => what,
            stratum,
            rows = b.rows
        )),
        (None, None) => None,
    }
}
