//! Fuzzing the count-table and roster readers with random and mutated CSV bytes and
//! random grids: no panic, no internal fault (exit 1) and no hang, whatever the input.
//! Every refusal is a bad-input error (exit 2).
//!
//! The number of cases comes from `PINGYI_FUZZ_CASES` (64 by default, a few seconds);
//! a longer run: `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_tables`.

mod util;

use util::fuzz_cases as cases;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use pingyi::draw::roster::RosterReader;
use pingyi::io::counts::parse_counts;
use pingyi::io::decode::TextEncoding;
use pingyi::io::grid::SourceFormat;
use pingyi::io::stream::{Rows, open_rows};
use pingyi::io::{Grid, read_grid};
use pingyi::{Error, Location};
use proptest::prelude::*;
use util::Workdir;

/// A count table with a title, 序号, 合计 row and column, and notes under it.
const WIDE: &str = "青石县服务对象类别和数量表\n序号,乡镇,农村低保,城市低保,五保,合计,备注\n\
1,城关镇,1008,1792,101,2901,\n2,青石镇,1009,135,63,1207,\"已核实\n5月\"\n\
3,柳河乡,\"1,988\",1,145,2134,\n合计,,4005,1928,309,6242,\n注：截至5月底\n";
/// A long-form count table.
const LONG: &str = "单位,类别,人数\n城关镇,农村低保,12\n,城市低保,30\n青石镇,五保,5\n合计,,47\n";
/// A roster with a quoted line break in a free-text column.
const ROSTER: &str = "编号,乡镇,类别,姓名,身份证号,联系电话,住址\n\
Q1,城关镇,农村低保,张三,110105194912310021,13812345678,东街1号\n\
Q2,城关镇,农村低保,李四,110105195001010012,13812345679,\"西街\n2号\"\n\
Q3,青石镇,城市低保,王五,110105195102020013,13812345670,南街\n\
Q4,青石镇,城市低保,赵六,110105195203030014,13812345671,北街\n";

/// What a mutation may insert: the characters and words that break tables.
const PIECES: [&str; 32] = [
    "\"",
    ",",
    ";",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "1,988",
    "1，988",
    "1 988",
    "\u{200b}",
    "\u{202e}",
    "城关镇",
    "合计",
    "注：",
    "0",
    "-1",
    "１２",
    " ",
    "\"\"",
    "\u{feff}",
    "乡镇",
    "类别",
    "人数",
    "\u{3000}",
    "99999999999999999999",
    "—",
    "－",
    "/",
    "无",
    "-",
    "农村低保",
];

/// One edit of a byte string: where (a fraction of its length), and what.
#[derive(Debug, Clone)]
enum Edit {
    Insert(u16, usize),
    Delete(u16, u8),
    Byte(u16, u8),
    DuplicateLine(u16),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<u16>(), 0..PIECES.len()).prop_map(|(at, p)| Edit::Insert(at, p)),
        (any::<u16>(), 1..8u8).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<u16>(), any::<u8>()).prop_map(|(at, b)| Edit::Byte(at, b)),
        any::<u16>().prop_map(Edit::DuplicateLine),
    ]
}

fn apply(base: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    let place = |at: u16, len: usize| (at as usize * (len + 1)) >> 16;
    for e in edits {
        match *e {
            Edit::Insert(at, p) => {
                let i = place(at, bytes.len());
                bytes.splice(i..i, PIECES[p].bytes());
            }
            Edit::Delete(at, n) => {
                let i = place(at, bytes.len());
                let end = (i + n as usize).min(bytes.len());
                bytes.drain(i..end);
            }
            Edit::Byte(at, b) => {
                let i = place(at, bytes.len());
                if i < bytes.len() {
                    bytes[i] = b;
                }
            }
            Edit::DuplicateLine(at) => {
                let i = place(at, bytes.len());
                let start = bytes[..i]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p + 1);
                let line = bytes[start..end].to_vec();
                bytes.splice(start..start, line);
            }
        }
    }
    bytes
}

/// Inputs: one of the bases, mutated, possibly re-encoded in GBK, or random bytes.
fn input(bases: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let mutated = (
        0..bases.len(),
        proptest::collection::vec(edit(), 1..12),
        any::<bool>(),
    )
        .prop_map(move |(b, edits, gbk)| {
            let base = if gbk {
                encoding_rs::GBK.encode(bases[b]).0.into_owned()
            } else {
                bases[b].as_bytes().to_vec()
            };
            apply(&base, &edits)
        });
    prop_oneof![
        8 => mutated,
        1 => proptest::collection::vec(any::<u8>(), 0..400),
    ]
}

/// The `(row, column)` indices of the cells that read as whole numbers, row by row.
fn numeric_cells(rows: &[Vec<String>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if pingyi::io::text::parse_count(cell).is_ok() {
                out.push((i, c));
            }
        }
    }
    out
}

/// A grid of cells drawn from what tables hold.
fn grid() -> impl Strategy<Value = Grid> {
    let cell = prop_oneof![
        (0..PIECES.len()).prop_map(|p| PIECES[p].to_string()),
        "[0-9]{0,5}",
        ".{0,6}",
        Just(String::new()),
    ];
    let rows = proptest::collection::vec(proptest::collection::vec(cell, 0..9), 0..12);
    (rows, any::<bool>(), 1..5usize, 0..3usize).prop_map(|(rows, csv, first_row, first_col)| {
        let format = if csv {
            SourceFormat::Csv(TextEncoding::Utf8)
        } else {
            SourceFormat::Workbook
        };
        // In a workbook, every other numeric cell is taken as stored as text, so
        // totals checks meet numbers Excel's SUM would skip.
        let text_numbers = if csv {
            Vec::new()
        } else {
            numeric_cells(&rows).into_iter().step_by(2).collect()
        };
        Grid {
            origin: Location::file("fuzz.csv"),
            format,
            first_row,
            first_col,
            rows,
            text_numbers,
        }
    })
}

/// Runs `f` on its own thread: a panic fails the case, and so does taking longer
/// than ten seconds.
fn in_time<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} hung"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

/// A refusal must be a bad-input error, never an internal fault.
fn bad_input_only<T>(r: Result<T, Error>) -> Result<(), TestCaseError> {
    match r {
        Ok(_) => Ok(()),
        Err(e) if e.exit_code() == 2 => Ok(()),
        Err(e) => Err(TestCaseError::fail(format!("exit {}: {e}", e.exit_code()))),
    }
}

/// Reads a count table from bytes, as `pingyi counts` does.
fn read_counts(bytes: Vec<u8>) -> Result<(), Error> {
    let grid = read_grid(&bytes, "fuzz.csv", None)?;
    parse_counts(&grid).map(|_| ())
}

/// Reads every record of a roster held in a grid.
fn read_roster(rows: Rows) -> Result<usize, Error> {
    let reader = RosterReader::open(rows, None)?;
    let mut n = 0;
    for r in reader {
        r?;
        n += 1;
    }
    Ok(n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn count_tables_from_mutated_bytes(bytes in input(&[WIDE, LONG])) {
        bad_input_only(in_time("the count reader", move || read_counts(bytes)))?;
    }

    #[test]
    fn count_tables_from_random_grids(g in grid()) {
        bad_input_only(in_time("the count parser", move || parse_counts(&g).map(|_| ())))?;
    }

    #[test]
    fn rosters_from_random_grids(g in grid()) {
        bad_input_only(in_time("the roster reader", move || read_roster(Rows::from_grid(g))))?;
    }

    #[test]
    fn rosters_streamed_from_mutated_bytes(bytes in input(&[ROSTER])) {
        let result = in_time("the roster stream", move || {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("roster.csv");
            std::fs::write(&path, &bytes).unwrap();
            read_roster(open_rows(&path, None)?)
        });
        bad_input_only(result)?;
    }
}

/// The frame of [`ROSTER`].
const FRAME: &str =
    "单位,类别,总体人数,样本量,备用样本\n城关镇,农村低保,2,1,1\n青石镇,城市低保,2,1,0\n";

/// A draw from `roster.csv` read in 1 KiB chunks by three threads.
const DRAW: [&str; 16] = [
    "draw",
    "--frame",
    "frame.csv",
    "--roster",
    "roster.csv",
    "--seed",
    "1",
    "--allow-count-mismatch",
    "--take-all-short",
    "--threads",
    "3",
    "--chunk-kib",
    "1",
    "--out",
    "sample.csv",
    "--force",
];

/// Runs the real binary with a time limit; its exit code (None when killed).
fn run_in_time(wd: &Workdir, args: &[&str], limit: Duration) -> (Option<i32>, String) {
    let mut child = wd
        .command(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            return (status.code(), err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return (None, String::new());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases().div_ceil(4)))]

    /// Through the binary: `counts` on a mutated table, and `draw` from a mutated
    /// roster (read in chunks by several threads) exit 0 or 2, in time.
    #[test]
    fn the_binary_refuses_mutated_tables_with_exit_2(
        counts in input(&[WIDE, LONG]),
        roster in input(&[ROSTER]),
    ) {
        let wd = Workdir::new();
        wd.write("counts.csv", &counts);
        let (code, err) = run_in_time(&wd, &["counts", "counts.csv"], Duration::from_secs(30));
        prop_assert!(matches!(code, Some(0 | 2)), "counts: exit {code:?}\n{err}");
        wd.write("frame.csv", FRAME);
        wd.write("roster.csv", &roster);
        let (code, err) = run_in_time(&wd, &DRAW, Duration::from_secs(30));
        prop_assert!(matches!(code, Some(0 | 2)), "draw: exit {code:?}\n{err}");
    }
}

#[test]
fn the_bases_read_cleanly() {
    read_counts(WIDE.as_bytes().to_vec()).unwrap();
    read_counts(LONG.as_bytes().to_vec()).unwrap();
    let wd = Workdir::new();
    wd.write("roster.csv", ROSTER);
    let n = read_roster(open_rows(&wd.path("roster.csv"), None).unwrap()).unwrap();
    assert_eq!(n, 4);
    wd.write("frame.csv", FRAME);
    wd.ok(&DRAW);
    assert!(wd.exists("sample.csv"));
}
