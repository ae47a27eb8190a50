//! No personal data recoverable from a manifest, and none in a message: a brute-force
//! search over a small space of ID numbers and phones around real recipients finds no
//! digest in any manifest pingyi writes, and identifiers typed in every form officials
//! use (full-width digits, dotted and bracketed phones, spaced ID numbers) are masked
//! in every message, through the real binary.

mod util;

use proptest::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use util::Workdir;

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A record digest as pingyi lays it out: each field followed by 0x1F.
fn record(fields: &[&str]) -> String {
    let mut bytes = Vec::new();
    for f in fields {
        bytes.extend_from_slice(f.as_bytes());
        bytes.push(0x1f);
    }
    sha(&bytes)
}

/// Every digest one could build from the single value `v` without a key: the value
/// alone, as a one-field record, as the set digest of a stratum holding that one
/// record, and as a labelled cell of any of `labels`.
fn single_value_digests(v: &str, labels: &[String], out: &mut Vec<(String, String)>) {
    let mut add = |d: String, how: String| out.push((d, how));
    add(sha(v.as_bytes()), format!("sha256({v})"));
    let rec = record(&[v]);
    add(sha(&hex_bytes(&rec)), format!("stratum of record [{v}]"));
    add(rec, format!("record [{v}]"));
    for l in labels {
        add(
            sha(format!("{l}\u{1f}{v}").as_bytes()),
            format!("cell {l}={v}"),
        );
        let rec = record(&[l, v]);
        add(sha(&hex_bytes(&rec)), format!("stratum of [{l}, {v}]"));
        add(rec, format!("record [{l}, {v}]"));
    }
}

fn hex_bytes(h: &str) -> Vec<u8> {
    (0..h.len() / 2)
        .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

/// Every 64-hex token in `text`.
fn digests_in(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let len = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit())
            .count();
        if len == 64 {
            out.insert(chars[i..i + len].iter().collect());
        }
        i += len.max(1);
    }
    out
}

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

fn all_manifests(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            all_manifests(&p, out);
        } else if p.to_string_lossy().ends_with(".manifest.json")
            || p.file_name().is_some_and(|n| n == "commit.json")
        {
            out.push(p);
        }
    }
}

#[test]
fn a_brute_force_over_a_small_id_space_finds_nothing_in_any_manifest() {
    // Every stage pingyi has: the example run (frames, draws, quality reports,
    // checklists, tallies, scores), a commitment, and a checklist made and tallied by
    // hand with a verifier's name and notes.
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    wd.ok(&[
        "seed",
        "commit",
        "--frame",
        "out/county/frame.csv",
        "--roster",
        "data/county_roster.csv",
        "--out",
        "commit.json",
    ]);
    wd.ok(&["counts", "data/county_counts.xlsx", "--out", "counts.csv"]);
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "out/county/sample.csv",
        "--seed",
        "privacy",
        "--out",
        "c.csv",
    ]);
    let (h, mut rows) = csv_rows(&wd.read("c.csv"));
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    for r in rows.iter_mut() {
        r[col("result")] = "真实".into();
        r[col("verifier")] = "王核查".into();
        r[col("notes")] = "本人接听".into();
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&h).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    wd.write("filled.csv", w.into_inner().unwrap());
    util::tally_filled(&wd);

    let mut manifests = Vec::new();
    all_manifests(wd.root(), &mut manifests);
    assert!(manifests.len() >= 10, "{manifests:?}");
    let mut in_manifests = BTreeSet::new();
    for m in &manifests {
        in_manifests.extend(digests_in(&String::from_utf8_lossy(
            &std::fs::read(m).unwrap(),
        )));
    }
    assert!(in_manifests.len() > 50);

    // The search: for records of the checklist (one-record strata are the weak spot),
    // every ID number sharing the first 14 characters (1,000 sequence numbers × 11
    // check characters), every phone sharing the first 7 digits, and the record id,
    // name and village as they are.
    let labels: Vec<String> = h.clone();
    let mut candidates = Vec::new();
    for r in rows.iter().take(4) {
        let id = &r[col("身份证号")];
        for seq in 0..1000 {
            for check in "0123456789X".chars() {
                let c = format!("{}{seq:03}{check}", &id[..14]);
                single_value_digests(&c, &labels, &mut candidates);
            }
        }
        let phone = &r[col("联系电话")];
        for tail in 0..10_000 {
            single_value_digests(&format!("{}{tail:04}", &phone[..7]), &[], &mut candidates);
        }
        single_value_digests(phone, &labels, &mut candidates);
        for v in [&r[col("编号")], &r[col("姓名")], &r[col("村（社区）")], id] {
            single_value_digests(v, &labels, &mut candidates);
        }
        // A checklist record as earlier versions laid it out: audit number and id.
        let (no, rid) = (&r[0], &r[col("编号")]);
        for v in [rid, id] {
            let rec = record(&[no, v]);
            candidates.push((sha(&hex_bytes(&rec)), format!("stratum of [{no}, {v}]")));
            candidates.push((rec, format!("record [{no}, {v}]")));
        }
    }
    for v in ["王核查", "本人接听"] {
        single_value_digests(v, &labels, &mut candidates);
    }
    assert!(candidates.len() > 100_000);
    let found: Vec<&String> = candidates
        .iter()
        .filter(|(d, _)| in_manifests.contains(d))
        .map(|(_, how)| how)
        .collect();
    assert!(found.is_empty(), "found in a manifest: {found:?}");
}

#[test]
fn the_search_would_find_an_unkeyed_cell_digest() {
    // The test above can fail: a manifest holding a plain digest of a cell is found.
    let text = format!(
        "{{\"x\": \"{}\"}}",
        sha("身份证号\u{1f}110105194912310021".as_bytes())
    );
    let mut c = Vec::new();
    single_value_digests("110105194912310021", &["身份证号".to_string()], &mut c);
    let held = digests_in(&text);
    assert!(c.iter().any(|(d, _)| held.contains(d)));
}

/// An identifier as officials type it.
#[derive(Debug, Clone)]
struct Typed {
    /// The digits that identify the person (ASCII), all of them.
    digits: String,
    /// The text as typed.
    text: String,
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            '-' => '－',
            _ => c,
        })
        .collect()
}

fn typed() -> impl Strategy<Value = Typed> {
    let id = (
        proptest::collection::vec(0u8..10, 17),
        any::<bool>(),
        0usize..4,
    )
        .prop_map(|(d, x, form)| {
            let mut digits: String = d.iter().map(|v| char::from(b'0' + v)).collect();
            digits.push(if x { 'X' } else { '7' });
            let text = match form {
                0 => digits.clone(),
                1 => full_width(&digits),
                2 => format!("{} {} {}", &digits[..6], &digits[6..14], &digits[14..]),
                _ => format!("{}-{}-{}", &digits[..6], &digits[6..14], &digits[14..]),
            };
            Typed { digits, text }
        });
    let phone = (3u8..10, proptest::collection::vec(0u8..10, 9), 0usize..8).prop_map(
        |(second, d, form)| {
            let rest: String = d.iter().map(|v| char::from(b'0' + v)).collect();
            let digits = format!("1{second}{rest}");
            let (a, b, c) = (&digits[..3], &digits[3..7], &digits[7..]);
            let text = match form {
                0 => digits.clone(),
                1 => full_width(&digits),
                2 => format!("{a}.{b}.{c}"),
                3 => format!("+86({a}){b}-{c}"),
                4 => format!("(+86) {a} {b} {c}"),
                5 => format!("+86 {a}-{b}-{c}"),
                6 => full_width(&format!("{a}-{b}-{c}")),
                _ => format!("（{a}）{b}{c}"),
            };
            Typed { digits, text }
        },
    );
    prop_oneof![id, phone]
}

/// The middle digits that masking hides (all but the first 6 of an ID number or the
/// first 3 of a phone, and the last 2).
fn hidden(t: &Typed) -> String {
    let head = if t.digits.len() >= 15 { 6 } else { 3 };
    t.digits[head..t.digits.len() - 2].to_string()
}

/// `text` with full-width digits made ASCII and every separator between digits
/// dropped, so a leak shows as a plain run of digits.
fn digits_joined(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFEE0),
            ' ' | '-' | '.' | '(' | ')' | '+' | '－' | '（' | '）' | '．' => None,
            _ => Some(c),
        })
        .collect()
}

/// `text` without the digits of record ids written after letters (`QS0005312`).
fn without_record_ids(text: &str) -> String {
    let mut out = String::new();
    let mut after_letter = false;
    for c in text.chars() {
        if c.is_ascii_digit() && after_letter {
            continue;
        }
        after_letter = c.is_ascii_alphabetic() || (after_letter && c.is_ascii_digit());
        out.push(c);
    }
    out
}

fn cases() -> u32 {
    std::env::var("PINGYI_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn identifiers_in_every_form_are_masked_in_every_message(t in typed()) {
        let wd = Workdir::new();
        wd.copy_from_repo("data/county_counts.xlsx", "counts.xlsx");
        wd.write("roster.csv", format!("编号,乡镇,类别,身份证号\n{0},城关镇,农村低保,{0}\n{0},城关镇,农村低保,{0}\n", t.text));
        wd.write("counts.csv", format!("乡镇,农村低保\n城关镇,{}人\n", t.text));
        let runs = [
            // A usage error naming a sheet.
            wd.run(&["counts", "counts.xlsx", "--sheet", &t.text]),
            // A cell that is not a number.
            wd.run(&["counts", "counts.csv"]),
            // A repeated id in a roster, and a column that is not there.
            wd.run(&["audit", "select", "--sample", "roster.csv", "--seed", "s", "--out", "c.csv"]),
            wd.run(&["audit", "select", "--sample", "roster.csv", "--seed", "s", "--id-column", &t.text, "--out", "c.csv"]),
            // An output name that is not a table.
            wd.run(&["counts", "counts.xlsx", "--out", &format!("{}.txt", t.text)]),
        ];
        let secret = hidden(&t);
        for run in &runs {
            prop_assert_eq!(run.code(), 2, "{:?}\n{}", run.args, run.stderr());
            let err = run.stderr();
            prop_assert!(
                !digits_joined(&err).contains(&secret),
                "{:?} leaks {}:\n{}", run.args, t.text, err
            );
        }
    }

    #[test]
    fn a_verification_message_masks_a_listed_identifier(t in typed()) {
        thread_local!(static WD: Workdir = util::example_county());
        WD.with(|wd| {
            let roster = String::from_utf8(wd.read("roster.csv")).unwrap();
            let mut lines = roster.lines();
            let header = lines.next().unwrap();
            let row = lines.next().unwrap();
            let rest = row.split_once(',').unwrap().1;
            wd.write("list.csv", format!("{header}\n{},{rest}\n", t.text));
            let run = wd.run(&[
                "verify", "--sample", "list.csv", "--roster", "roster.csv", "--frame",
                "frame.csv", "--seed", "12345678901234567890",
            ]);
            prop_assert_eq!(run.code(), 3, "{}\n{}", run.stdout(), run.stderr());
            let secret = hidden(&t);
            let all = format!("{}{}", run.stdout(), run.stderr());
            prop_assert!(all.contains("should not be there"), "{}", all);
            // The example's record ids (QS0005312 …) are public and may hold the
            // same digits by chance: they are not the identifier.
            let shown = digits_joined(&without_record_ids(&all));
            prop_assert!(!shown.contains(&secret), "leaks {}:\n{}", t.text, all);
            Ok(())
        })?;
    }

    #[test]
    fn masking_hides_identifiers_and_keeps_what_is_public(
        t in typed(),
        before in "[a-z甲乙 ,:]{0,8}",
        after in "[a-z甲乙 ,:]{0,8}",
        row in 1u32..100_000,
        digest in "[0-9a-f]{63}",
    ) {
        use pingyi::privacy::mask_personal;
        let digest = format!("f{digest}");
        let msg = format!(
            "{before}{}{after} at row {row} on 2026-11-30, digest {digest}, seed '12345678901234567890'",
            t.text
        );
        let masked = mask_personal(&msg);
        prop_assert!(!digits_joined(&masked).contains(&hidden(&t)), "{}", masked);
        let public = [
            format!("row {row} on 2026-11-30"),
            digest.clone(),
            "seed '12345678901234567890'".to_string(),
        ];
        for p in &public {
            prop_assert!(masked.contains(p.as_str()), "{} lost {}", masked, p);
        }
    }
}
