//! Fuzzing the reasons a reader gives: the example's count workbook, a Parquet file
//! and a manifest, cut short, bytes changed or a stretch overwritten, read by the
//! library's own readers: no panic, no hang, no internal fault, and every refusal a
//! bad-input error told in Chinese without an English sentence of the reader passed
//! on (a raw reason is allowed only after a Chinese sentence, as a technical note).
//!
//! The number of cases comes from `PINGYI_FUZZ_CASES` (64 by default).

mod util;

use pingyi::Error;
use pingyi::i18n::Lang;
use pingyi::io::read_grid;
use pingyi::provenance::manifest::Manifest;
use proptest::prelude::*;
use util::{english_in, fuzz_cases as cases, within};

/// A mutation: cut at a fraction of the length, or overwrite a stretch at a fraction
/// with bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Cut(f64),
    Overwrite(f64, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Mutation::Cut),
        (0.0..1.0f64, prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Mutation::Overwrite(at, bytes)),
    ]
}

fn mutated(original: &[u8], m: &Mutation) -> Vec<u8> {
    let at = |f: f64| ((original.len() as f64) * f) as usize;
    match m {
        Mutation::Cut(f) => original[..at(*f)].to_vec(),
        Mutation::Overwrite(f, bytes) => {
            let mut out = original.to_vec();
            for (i, b) in bytes.iter().enumerate() {
                if let Some(slot) = out.get_mut(at(*f) + i) {
                    *slot = *b;
                }
            }
            out
        }
    }
}

/// A refusal must be of the input, told in Chinese: the English left once a technical
/// note (after `技术原因：`) is set aside is none.
fn told_in_chinese(e: Error) -> std::result::Result<(), String> {
    if !matches!(e, Error::Input { .. }) {
        return Err(format!("not a bad-input error: {e:?}"));
    }
    let text = e.render_in(Lang::Zh);
    let told = text.split("技术原因：").next().unwrap_or("");
    let english = english_in(told);
    if english.is_empty() {
        Ok(())
    } else {
        Err(format!("English {english:?} in: {text}"))
    }
}

/// Reads `bytes` as a table named `name` on a thread of its own (a hang fails).
fn read_table(bytes: Vec<u8>, name: &'static str) -> std::result::Result<(), String> {
    within(20, move || match read_grid(&bytes, name, None) {
        Ok(_) => Ok(()),
        Err(e) => told_in_chinese(e),
    })
}

fn workbook() -> Vec<u8> {
    std::fs::read(util::repo_root().join("data/county_counts.xlsx")).unwrap()
}

fn parquet() -> Vec<u8> {
    use polars::prelude::*;
    let mut df = df!("unit" => ["东岗镇", "西岭乡", "凤凰乡"], "count" => [3i64, 4, 5]).unwrap();
    let mut out = Vec::new();
    ParquetWriter::new(&mut out).finish(&mut df).unwrap();
    out
}

fn manifest() -> Vec<u8> {
    std::fs::read(util::repo_root().join("data/county_roster.csv.manifest.json")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_damaged_workbook_is_told_in_chinese(m in mutation()) {
        let bytes = mutated(&workbook(), &m);
        prop_assert_eq!(read_table(bytes, "counts.xlsx"), Ok(()));
    }

    #[test]
    fn a_damaged_parquet_file_is_told_in_chinese(m in mutation()) {
        let mut bytes = mutated(&parquet(), &m);
        bytes.splice(..4.min(bytes.len()), *b"PAR1"); // still taken for Parquet
        prop_assert_eq!(read_table(bytes, "counts.parquet"), Ok(()));
    }

    #[test]
    fn a_damaged_manifest_is_told_in_chinese(m in mutation()) {
        pingyi::i18n::set_language(Lang::Zh); // parameters' reasons are told as they are read
        let bytes = mutated(&manifest(), &m);
        let told = within(20, move || match Manifest::from_bytes(&bytes, "x.manifest.json") {
            Ok(_) => Ok(()),
            Err(e) => told_in_chinese(e),
        });
        prop_assert_eq!(told, Ok(()));
    }
}
