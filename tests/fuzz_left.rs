//! Fuzzing the frame-file reader, the list of units (`score --units`) and the 核查批次
//! comparison with mutated CSV text: no panic, no internal fault (exit 1) and no hang,
//! whatever the input; every refusal is a bad-input error (exit 2).
//!
//! The number of cases comes from `PINGYI_FUZZ_CASES` (64 by default, a second or
//! two); a longer run: `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_left`.

mod util;

use util::{fuzz_cases as cases, within};

use pingyi::Error;
use pingyi::audit::checklist::audit_id_key;
use pingyi::frame::read::read_frame;
use pingyi::io::read_grid;
use pingyi::score::units::KnownUnits;
use proptest::prelude::*;

/// A frame file with a 备注 column, a blank row and a totals row.
const FRAME: &str = "unit,category,population,sample,reserve,备注\n甲,农村低保,3,1,0,核对\n\n乙,城市低保,5,2,1,\n合计,,8,3,1,\n";
/// A count table with a title, 序号, a two-row header and notes under it.
const UNITS: &str = "青石县服务对象类别和数量表\n序号,乡镇,服务对象类别,,\n,,农村低保（人）,城市低保,五保\n1,城关镇,10,5,1\n2,南岗乡,8,4,\n合计,,18,9,1\n注：数据截至6月\n填表人：李明\n";

/// What a mutation may insert: the characters and words that break tables.
const PIECES: [&str; 16] = [
    "\"",
    ",",
    "\n",
    "\r\n",
    "\u{200b}",
    "\u{3000}",
    "合计",
    "注：",
    "乡镇",
    "类别",
    "（人）",
    "(",
    ")",
    "-1",
    "１２",
    "\u{feff}",
];

/// The text `base` with `edits` applied: (where, as a fraction of its length; what to
/// insert, or a number of characters to delete).
fn mutate(base: &str, edits: &[(u16, usize, bool)]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for &(at, what, insert) in edits {
        let i = (at as usize * (chars.len() + 1)) >> 16;
        if insert {
            chars.splice(i..i, PIECES[what % PIECES.len()].chars());
        } else {
            let end = (i + what % 6 + 1).min(chars.len());
            chars.drain(i..end);
        }
    }
    chars.into_iter().collect()
}

fn edits() -> impl Strategy<Value = Vec<(u16, usize, bool)>> {
    proptest::collection::vec((any::<u16>(), 0..64usize, any::<bool>()), 1..10)
}

/// A refusal must be a bad-input error, never an internal fault.
fn bad_input_only<T>(r: Result<T, Error>) -> Result<(), TestCaseError> {
    match r {
        Ok(_) => Ok(()),
        Err(e) if e.exit_code() == 2 => Ok(()),
        Err(e) => Err(TestCaseError::fail(format!("exit {}: {e}", e.exit_code()))),
    }
}

/// The units of `text`, written to a file and read as `score --units` reads it.
fn units_of(text: String) -> Result<usize, Error> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.csv");
    std::fs::write(&path, text).unwrap();
    KnownUnits::read(&path).map(|k| k.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn frame_files_from_mutated_text(e in edits()) {
        let text = mutate(FRAME, &e);
        bad_input_only(within(10, move || {
            let grid = read_grid(text.as_bytes(), "frame.csv", None)?;
            read_frame(&grid).map(|rows| rows.len())
        }))?;
    }

    #[test]
    fn lists_of_units_from_mutated_text(e in edits(), wide in any::<bool>()) {
        let base = if wide { UNITS } else { FRAME };
        let text = mutate(base, &e);
        bad_input_only(within(10, move || units_of(text)))?;
    }

    #[test]
    fn audit_ids_of_any_text(raw in "\\PC{0,20}", e in edits()) {
        let typed = mutate("HC-32f0eb87173e", &e);
        within(10, move || (audit_id_key(&raw), audit_id_key(&typed)));
    }
}
