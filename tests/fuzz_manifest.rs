//! Fuzzing the manifest reader and the filled-checklist reader: mutated and arbitrary
//! manifests given to `verify`, and mutated filled checklists given to the tally, end
//! in a verdict or a bad-input error (exit 2 or 3), never a panic, an internal fault
//! (exit 1) or a hang. Cases: `PINGYI_FUZZ_CASES` (default 64, a few seconds); a
//! longer run: `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_manifest`.

mod util;

use util::fuzz_cases as cases;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use pingyi::audit::tally::TallyRules;
use pingyi::commands::audit::{TallyOptions, compute_tally};
use pingyi::commands::verify::{VerifyOptions, verify_target};
use pingyi::provenance::Manifest;
use proptest::prelude::*;
use util::Workdir;

/// The example county drawn, selected and tallied in one folder: `sample.csv`,
/// `c.csv` (the checklist), `filled.csv` and `t.csv`, each with its manifest.
fn pipeline() -> Workdir {
    let wd = util::example_county();
    util::draw_example(&wd, "fuzz", "sample.csv");
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "fuzz-audit",
        "--out",
        "c.csv",
    ]);
    let text = String::from_utf8(wd.read("c.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let result = header.split(',').position(|h| h == "result").unwrap();
    let mut out = format!("{header}\n");
    for l in lines {
        let mut f: Vec<&str> = l.split(',').collect();
        f[result] = "真实";
        out.push_str(&f.join(","));
        out.push('\n');
    }
    wd.write("filled.csv", out);
    util::tally_filled(&wd);
    wd
}

/// Runs `f` on its own thread and fails the test if it takes more than 60 s.
fn in_time<T: Send + 'static>(what: String, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no answer in 60 s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

/// A mutation of a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    /// Replace the n-th quoted JSON string (or CSV field) with this text.
    Replace(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let text = prop_oneof![
        Just("/etc/passwd".to_string()),
        Just("/dev/zero".to_string()),
        Just("../../x.csv".to_string()),
        Just("".to_string()),
        Just("sample.csv".to_string()),
        Just("\"".to_string()),
        Just("虚假".to_string()),
        Just("9999".to_string()),
        Just("-1e999".to_string()),
        "\\PC{0,12}",
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..200).prop_map(|(i, n)| Mutation::Remove(i, n)),
        (any::<usize>(), text).prop_map(|(i, t)| Mutation::Replace(i, t)),
    ]
}

fn apply(bytes: &[u8], m: &Mutation, sep: u8) -> Vec<u8> {
    let mut b = bytes.to_vec();
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match m {
        Mutation::Flip(i, x) => {
            let i = at(*i, b.len());
            if let Some(c) = b.get_mut(i) {
                *c ^= x | 1;
            }
        }
        Mutation::Truncate(i) => b.truncate(at(*i, b.len())),
        Mutation::Insert(i, x) => {
            let i = at(*i, b.len() + 1);
            b.splice(i..i, x.iter().copied());
        }
        Mutation::Remove(i, n) => {
            let i = at(*i, b.len());
            let end = (i + n).min(b.len());
            b.drain(i..end);
        }
        Mutation::Replace(k, t) => {
            let marks: Vec<usize> = b
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == sep)
                .map(|(i, _)| i)
                .collect();
            if marks.len() >= 2 {
                let j = at(*k, marks.len() - 1);
                let (s, e) = (marks[j] + 1, marks[j + 1]);
                b.splice(s..e, t.bytes());
            }
        }
    }
    b
}

fn assert_not_internal(what: &str, r: &Result<(), pingyi::error::Error>) {
    if let Err(e) = r {
        assert_ne!(e.exit_code(), 1, "{what}: internal fault: {e}");
    }
}

const MANIFESTS: [&str; 4] = [
    "sample.csv.manifest.json",
    "c.csv.manifest.json",
    "t.csv.manifest.json",
    "frame.csv.manifest.json",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_manifests_are_refused_or_verified(which in 0usize..4, ms in proptest::collection::vec(mutation(), 1..4), chain in any::<bool>()) {
        thread_local!(static WD: Workdir = pipeline());
        WD.with(|wd| {
            let name = MANIFESTS[which];
            let original = wd.read(name);
            let mut bytes = original.clone();
            for m in &ms {
                bytes = apply(&bytes, m, b'"');
            }
            wd.write(name, &bytes);
            let path: PathBuf = wd.path(name);
            let what = format!("{name} after {ms:?}");
            let r = in_time(what.clone(), move || {
                verify_target(&path, chain, &VerifyOptions::default()).map(|_| ())
            });
            wd.write(name, &original);
            assert_not_internal(&what, &r);
            let _ = Manifest::from_bytes(&bytes, name);
        });
    }

    #[test]
    fn arbitrary_bytes_are_not_a_manifest(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let r = Manifest::from_bytes(&bytes, "m.json").map(|_| ());
        assert_not_internal("arbitrary bytes", &r);
    }

    #[test]
    fn mutated_checklists_are_refused_or_tallied(ms in proptest::collection::vec(mutation(), 1..4)) {
        thread_local!(static WD: Workdir = pipeline());
        WD.with(|wd| {
            let original = wd.read("filled.csv");
            let mut bytes = original.clone();
            for m in &ms {
                bytes = apply(&bytes, m, b',');
            }
            let name = "mutated.csv";
            wd.write(name, &bytes);
            let opts = TallyOptions {
                checklists: vec![wd.path(name)],
                manifest: Some(wd.path("c.csv.manifest.json")),
                sheet: None,
                partial: true,
                rules: TallyRules { per_case: 0.5, cap: 5.0, recheck_at: 0.10, confidence: 0.95 },
            };
            let what = format!("filled.csv after {ms:?}");
            let r = in_time(what.clone(), move || compute_tally(&opts).map(|_| ()));
            assert_not_internal(&what, &r);
        });
    }
}

#[test]
fn the_unmutated_pipeline_verifies() {
    let wd = pipeline();
    for m in MANIFESTS {
        let v = verify_target(&wd.path(m), true, &VerifyOptions::default()).unwrap();
        assert!(v.iter().all(|v| v.ok()), "{m}: {v:?}");
    }
    let _ = Path::new(".");
}
