//! Fuzzing the typed reading of manifests' parameters and selection records: the
//! current release's manifests with a key renamed, dropped or added, a value replaced
//! by one of another type, or the command changed, are read without a panic; what is
//! accepted writes back to a manifest that reads as the same, and a key no command has
//! is never accepted. Cases: `PINGYI_FUZZ_CASES` (default 64).

mod util;

use util::fuzz_cases as cases;

use pingyi::provenance::Manifest;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The fixture's manifests, one of each command it holds, as JSON.
fn fixtures() -> Vec<Value> {
    let dir = util::repo_root().join("tests/fixtures/manifests-0.1/county");
    [
        "frame.csv.manifest.json",
        "sample.csv.manifest.json",
        "audit_checklist.csv.manifest.json",
        "audit_tally.csv.manifest.json",
        "score.csv.manifest.json",
    ]
    .iter()
    .map(|n| serde_json::from_slice(&std::fs::read(dir.join(n)).unwrap()).unwrap())
    .collect()
}

/// A JSON value of any type.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-1_000_000i64..1_000_000).prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        // Short numbers, as manifests hold: serde_json reads long ones (and whole
        // numbers beyond 2^53 into reals) to the nearest few ulps only, which would
        // fail the round trip for a reason not ours.
        (-100_000i64..100_000, 0i32..6).prop_map(|(m, e)| json!(m as f64 / 10f64.powi(e))),
        "[a-z0-9._ -]{0,8}".prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Renames the nth parameter to a name no command has.
    Rename(usize, String),
    Drop(usize),
    Replace(usize, Value),
    /// Adds a parameter no command has.
    Add(String, Value),
    Command(String),
    /// Renames a key of the nth selection record.
    RenameInRecord(usize, usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let unknown = "zz_[a-z_]{1,10}";
    prop_oneof![
        (any::<usize>(), unknown).prop_map(|(i, k)| Mutation::Rename(i, k)),
        any::<usize>().prop_map(Mutation::Drop),
        (any::<usize>(), any_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        (unknown, any_value()).prop_map(|(k, v)| Mutation::Add(k, v)),
        prop_oneof![
            Just("counts".to_string()),
            Just("synth".to_string()),
            Just("frame".to_string()),
            Just("draw".to_string()),
            Just("audit-select".to_string()),
            Just("audit-tally".to_string()),
            Just("score".to_string()),
            "[a-z-]{0,12}",
        ]
        .prop_map(Mutation::Command),
        (any::<usize>(), any::<usize>(), unknown)
            .prop_map(|(r, i, k)| Mutation::RenameInRecord(r, i, k)),
    ]
}

/// Whether a key no command has (`zz_…`) is among the parameters or the keys of a
/// selection record.
fn has_unknown_key(manifest: &Value) -> bool {
    let unknown = |o: &serde_json::Map<String, Value>| o.keys().any(|k| k.starts_with("zz_"));
    let records = manifest
        .get("selection")
        .and_then(|s| s["records"].as_array())
        .into_iter()
        .flatten();
    manifest["parameters"].as_object().is_some_and(unknown)
        || records.filter_map(Value::as_object).any(unknown)
}

/// Applies `m`.
fn apply(manifest: &mut Value, m: &Mutation) {
    let params = manifest["parameters"].as_object_mut().unwrap();
    let keys: Vec<String> = params.keys().cloned().collect();
    let nth = |i: usize| (!keys.is_empty()).then(|| keys[i % keys.len()].clone());
    match m {
        Mutation::Rename(i, new) => {
            if let Some(k) = nth(*i) {
                let v = params.remove(&k).unwrap();
                params.insert(new.clone(), v);
            }
        }
        Mutation::Drop(i) => {
            if let Some(k) = nth(*i) {
                params.remove(&k);
            }
        }
        Mutation::Replace(i, v) => {
            if let Some(k) = nth(*i) {
                params.insert(k, v.clone());
            }
        }
        Mutation::Add(k, v) => {
            params.insert(k.clone(), v.clone());
        }
        Mutation::Command(c) => {
            manifest["command"] = Value::from(c.clone());
        }
        Mutation::RenameInRecord(r, i, new) => {
            let Some(records) = manifest
                .get_mut("selection")
                .and_then(|s| s["records"].as_array_mut())
                .filter(|r| !r.is_empty())
            else {
                return;
            };
            let n = records.len();
            let record = records[r % n].as_object_mut().unwrap();
            let keys: Vec<String> = record.keys().cloned().collect();
            let v = record.remove(&keys[i % keys.len()]).unwrap();
            record.insert(new.clone(), v);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn mutated_parameters_are_read_or_refused_never_misread(
        which in 0usize..5,
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut manifest = fixtures().swap_remove(which);
        for m in &mutations {
            apply(&mut manifest, m);
        }
        let unknown_key = has_unknown_key(&manifest);
        let bytes = serde_json::to_vec_pretty(&manifest).unwrap();
        match Manifest::from_bytes(&bytes, "m.json") {
            Ok(read) => {
                prop_assert!(!unknown_key, "a key no command has was accepted: {manifest}");
                let again = Manifest::from_bytes(&read.to_bytes().unwrap(), "m.json").unwrap();
                prop_assert_eq!(again, read);
            }
            Err(e) => {
                prop_assert_eq!(e.exit_code(), 2, "{}", e);
                prop_assert!(e.to_string().contains("m.json"), "{}", e);
            }
        }
    }
}
