//! Fuzzing what this version masks by what a value is, and the data-quality report that
//! `verify` builds again: arbitrary text in an id or a unit cell under arbitrary
//! policies (no panic, no hang; a name-like run of Han characters and a long digit run
//! never shown whole), and a draw's quality report mutated at random before `pingyi
//! verify` (through the binary, with a time limit: exit 0 or 3, never an internal error
//! or a panic). Cases: PINGYI_FUZZ_CASES (default 64); a longer run is
//! `PINGYI_FUZZ_CASES=2000 cargo test --release --test fuzz_quality_verify`.

mod util;

use std::sync::OnceLock;

use pingyi::privacy::{Holds, MaskPolicy};
use proptest::prelude::*;
use util::{Workdir, fuzz_cases as cases, within};

/// A policy the configuration or the flags would accept.
fn policy() -> impl Strategy<Value = MaskPolicy> {
    any::<[u8; 5]>()
        .prop_map(|b| MaskPolicy {
            id_head: b[0] % 11,
            id_tail: b[1] % 11,
            name_head: b[2] % 3,
            phone_head: b[3] % 8,
            phone_tail: b[4] % 8,
        })
        .prop_filter("accepted", |p| p.check().is_ok())
}

/// A cell as clerks fill it: names, codes, numbers, unit names and anything at all.
fn cell() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[张王李赵欧阳][明红军伟芳敏]{1,2}",
        "[0-9]{11,18}[Xx]?",
        "HC-[0-9a-f]{12}",
        "[东西南北][岗河山]?[镇乡村]",
        "[0-9 \\-()·]{0,6}",
        ".{0,6}",
    ];
    prop::collection::vec(piece, 0..4).prop_map(|v| v.concat())
}

fn holds() -> impl Strategy<Value = Holds> {
    prop_oneof![
        Just(Holds::Identifier),
        Just(Holds::Name),
        Just(Holds::Unit),
        Just(Holds::Code),
        Just(Holds::Text),
    ]
}

/// The runs of 11 or more ASCII digits in `s`, outside a selection's identity.
fn long_runs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A hexadecimal digest (32 or more hex characters with a letter among them) is
    // published as it is, whatever decimal runs it holds.
    let digest = |t: &str| {
        t.len() >= 32
            && t.chars().all(|c| c.is_ascii_hexdigit())
            && t.chars().any(|c| c.is_ascii_alphabetic())
    };
    let mut rest = String::with_capacity(s.len());
    let mut token = String::new();
    for c in s.chars().map(Some).chain([None]) {
        if let Some(c) = c.filter(char::is_ascii_alphanumeric) {
            token.push(c);
            continue;
        }
        rest.push_str(if digest(&token) { " " } else { &token });
        token.clear();
        rest.extend(c);
    }
    let s = rest;
    for word in s.split("HC-") {
        let digits = word.trim_start_matches(|c: char| c.is_ascii_hexdigit());
        let skipped = &word[..word.len() - digits.len()];
        let rest = if skipped.len() == 12 { digits } else { word };
        out.extend(
            rest.split(|c: char| !c.is_ascii_digit())
                .filter(|r| r.len() >= 11)
                .map(str::to_string),
        );
    }
    out
}

/// A draw of the example county with its quality report, made once: every file of
/// its folder by name.
fn drawn() -> &'static Vec<(String, Vec<u8>)> {
    static DRAWN: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    DRAWN.get_or_init(|| {
        let wd = util::example_county();
        util::draw_example(&wd, "20260615", "sample.csv");
        let mut files = Vec::new();
        for e in std::fs::read_dir(wd.root()).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            files.push((name.clone(), wd.read(&name)));
        }
        files
    })
}

const QUALITY: &str = "sample.csv.quality.csv";

/// One change to a report's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Byte(usize, u8),
    DropLine(usize),
    CopyLine(usize),
    SwapLines(usize, usize),
    Insert(usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Byte(i, b)),
        any::<usize>().prop_map(Mutation::DropLine),
        any::<usize>().prop_map(Mutation::CopyLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), cell()).prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let n = lines.len();
    match m {
        Mutation::Byte(i, b) => {
            let mut out = bytes.to_vec();
            let at = i % out.len();
            out[at] = *b;
            return out;
        }
        Mutation::DropLine(i) => {
            lines.remove(i % n);
        }
        Mutation::CopyLine(i) => lines.insert(i % n, lines[i % n].clone()),
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::Insert(i, s) => lines.insert(i % n, s.as_bytes().to_vec()),
        Mutation::Truncate(i) => return bytes[..i % bytes.len()].to_vec(),
    }
    lines.join(&b'\n')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_cell_masked_by_what_it_holds_shows_no_name_or_identifier_whole(
        p in policy(),
        holds in holds(),
        s in cell(),
    ) {
        let input = s.clone();
        let masked = within(10, move || p.mask_as(holds, &input));
        if holds != Holds::Code {
            for run in long_runs(&s) {
                prop_assert!(!masked.contains(&run), "{run} in {masked}");
            }
        }
        if matches!(holds, Holds::Identifier | Holds::Name) {
            let name = s.chars().filter(|c| "张王李赵欧阳明红军伟芳敏".contains(*c)).count();
            let whole = s.chars().all(|c| "张王李赵欧阳明红军伟芳敏".contains(c));
            if whole && (2..=4).contains(&name) {
                prop_assert_ne!(&masked, &s);
            }
        }
    }

    #[test]
    fn verify_of_a_mutated_quality_report_differs_or_matches_and_never_fails_inside(
        m in mutation(),
    ) {
        let wd = Workdir::new();
        let mut quality = Vec::new();
        for (name, bytes) in drawn() {
            wd.write(name, bytes);
            if name == QUALITY {
                quality = bytes.clone();
            }
        }
        let changed = mutate(&quality, &m);
        wd.write(QUALITY, &changed);
        let mut cmd = wd.command(&["verify", "sample.csv.manifest.json"]);
        let out = within(60, move || cmd.output().unwrap());
        let code = out.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert!(!stderr.contains("panicked"), "{m:?}: {stderr}");
        let expected = if changed == quality { 0 } else { 3 };
        prop_assert_eq!(code, expected, "{:?}: {}", m, stderr);
    }
}
