//! Fuzzing header recognition: headers made of every spelling in the alias table, in
//! any order, repeated, bracketed, with spaces and invisible characters, read by each
//! kind of input's reader. No panic, no internal fault (exit 1) and no hang; every
//! refusal is a bad-input error (exit 2).
//!
//! The number of cases comes from `PINGYI_FUZZ_CASES` (64 by default, a few seconds);
//! a longer run: `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_headers`.

mod util;

use util::fuzz_cases as cases;

use std::sync::mpsc;
use std::time::Duration;

use pingyi::commands::calls::check_calls;
use pingyi::commands::score::{ScoreOptions, score_in_memory};
use pingyi::draw::roster::RosterReader;
use pingyi::io::alias::{Field, Input};
use pingyi::io::counts::parse_counts;
use pingyi::io::decode::TextEncoding;
use pingyi::io::grid::SourceFormat;
use pingyi::io::stream::Rows;
use pingyi::io::{Grid, read_grid};
use pingyi::{Error, Location};
use proptest::prelude::*;
use util::Workdir;

/// Every spelling of every field, once.
fn spellings() -> Vec<&'static str> {
    let mut all: Vec<&str> = Input::ALL
        .iter()
        .flat_map(|k| k.fields())
        .flat_map(|f| f.aliases().iter().copied())
        .collect();
    all.sort();
    all.dedup();
    all
}

/// A header cell: a spelling of some field, decorated the ways clerks' tables do.
fn header_cell() -> impl Strategy<Value = String> {
    let all = spellings();
    let n = all.len();
    let decorations = prop_oneof![
        Just(("", "")),
        Just((" ", " ")),
        Just(("\u{200b}", "")),
        Just(("", "（人）")),
        Just(("", "(")),
        Just(("(", ")")),
        Just(("\u{feff}", "\u{3000}")),
    ];
    prop_oneof![
        4 => (0..n, decorations).prop_map(move |(i, (a, b))| format!("{a}{}{b}", all[i])),
        1 => ".{0,4}",
        1 => Just(String::new()),
    ]
}

/// A data cell.
fn data_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("甲".to_string()),
        Just("农村低保".to_string()),
        Just("A1".to_string()),
        Just("接通".to_string()),
        Just("满意".to_string()),
        Just("不存在".to_string()),
        Just("main".to_string()),
        Just("合计".to_string()),
        "[0-9]{0,4}",
        ".{0,3}",
    ]
}

/// A table: a header of spellings and a few rows.
fn table() -> impl Strategy<Value = Vec<Vec<String>>> {
    (1..9usize).prop_flat_map(|width| {
        (
            proptest::collection::vec(header_cell(), width),
            proptest::collection::vec(proptest::collection::vec(data_cell(), 0..=width), 0..4),
        )
            .prop_map(|(header, rows)| std::iter::once(header).chain(rows).collect())
    })
}

fn grid(rows: Vec<Vec<String>>) -> Grid {
    Grid {
        origin: Location::file("fuzz.csv"),
        format: SourceFormat::Csv(TextEncoding::Utf8),
        first_row: 1,
        first_col: 0,
        rows,
        text_numbers: Vec::new(),
    }
}

fn csv(rows: &[Vec<String>]) -> String {
    let quote = |c: &String| format!("\"{}\"", c.replace('"', "\"\""));
    rows.iter()
        .map(|r| r.iter().map(quote).collect::<Vec<_>>().join(","))
        .collect::<Vec<_>>()
        .join("\n")
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

fn read_roster(rows: Vec<Vec<String>>) -> Result<usize, Error> {
    let reader = RosterReader::open(Rows::from_grid(grid(rows)), None)?;
    let mut n = 0;
    for r in reader {
        r?;
        n += 1;
    }
    Ok(n)
}

const SAMPLE: &str = "编号,乡镇,类别,stratum_rank,role,weight\nA1,甲,农村低保,1,main,2\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn every_kind_of_input_names_a_header_the_same_way_twice(h in header_cell()) {
        for kind in Input::ALL {
            let field = kind.field(&h);
            prop_assert_eq!(field, kind.field(&h));
            if let Some(f) = field {
                prop_assert!(kind.fields().contains(&f), "{:?} took {:?} for {}", kind, f, h);
            }
        }
        prop_assert_eq!(Field::from_header(&h), Input::Counts.field(&h));
    }

    #[test]
    fn count_tables_frames_and_rosters_with_any_header(t in table()) {
        let (a, b, c) = (t.clone(), t.clone(), t);
        bad_input_only(in_time("the count parser", move || parse_counts(&grid(a)).map(|_| ())))?;
        bad_input_only(in_time("the frame reader", move || {
            pingyi::frame::read::read_frame(&grid(b)).map(|_| ())
        }))?;
        bad_input_only(in_time("the roster reader", move || read_roster(c)))?;
    }

    #[test]
    fn call_logs_and_score_tables_with_any_header(t in table()) {
        let wd = Workdir::new();
        let table = wd.write("table.csv", csv(&t));
        let sample = wd.write("sample.csv", SAMPLE);
        let units = wd.write("units.csv", "单位\n甲\n");
        bad_input_only(read_grid(csv(&t).as_bytes(), "table.csv", None).map(|_| ()))?;
        let (log, s) = (table.clone(), sample.clone());
        bad_input_only(in_time("the call-log reader", move || check_calls(&log, &s, None)))?;
        let responses = wd.write("responses.csv", "单位,满意度,不良行为\n甲,满意,不存在\n");
        let base = ScoreOptions {
            responses: responses.clone(),
            units: Some(units),
            scheme: "county".into(),
            inspection: None,
            findings: Vec::new(),
            disqualified: None,
            weighted_sample: None,
            policy: pingyi::score::ScorePolicy {
            missing_inspection: pingyi::score::MissingInspection::Zero,
            ..Default::default()
        },
        };
        let as_responses = ScoreOptions { responses: table.clone(), ..base.clone() };
        let as_inspection = ScoreOptions { inspection: Some(table.clone()), ..base.clone() };
        let as_findings = ScoreOptions { findings: vec![table.clone()], ..base.clone() };
        let as_disqualified = ScoreOptions { disqualified: Some(table.clone()), ..base.clone() };
        let weighted = ScoreOptions {
            responses: table,
            units: None,
            weighted_sample: Some(sample),
            ..base
        };
        for opts in [as_responses, as_inspection, as_findings, as_disqualified, weighted] {
            bad_input_only(in_time("the score readers", move || score_in_memory(&opts)))?;
        }
    }
}
