//! Fuzzing the audit stage on values: arbitrary filled checklists checked against a
//! recorded selection, and arbitrary call logs checked against a drawn sample, end in
//! a result or a bad-input error (exit 2), never a panic, an internal fault (exit 1) or
//! a hang; a checklist taken in returns every selected record exactly once. Whatever a
//! verifier writes in 核查结果 (drop-down values, synonyms, yes/no answers, ticks,
//! numbers, any text) is taken in as exactly the finding it names, or refused naming
//! the cell of every value it cannot take: never a guess. Cases:
//! `PINGYI_FUZZ_CASES` (default 64); a longer run:
//! `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_audit`.

mod util;

use util::fuzz_cases as cases;

use std::sync::mpsc;
use std::time::Duration;

use pingyi::audit::digest::keyed_cell_digest;
use pingyi::audit::intake::{RecordedSelection, read_checklist};
use pingyi::audit::tally::{Finding, ResultCell};
use pingyi::commands::calls::check_calls;
use pingyi::i18n::Lang;
use pingyi::io::read_grid;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Runs `f` on its own thread and fails the test if it takes more than 120 s.
fn in_time(what: &str, f: impl FnOnce() + Send + 'static) {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(()) => {}
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no answer in 120 s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

const KEY: [u8; 32] = [9; 32];
const NAMES: [&str; 3] = ["张三", "李四", "王五"];

/// Records 0001…0003 of units 甲, 乙, 甲, with the names of `NAMES`.
fn recorded() -> RecordedSelection {
    let records = NAMES.iter().enumerate().map(|(i, name)| {
        let unit = if i == 1 { "乙" } else { "甲" };
        let cells = [("姓名".to_string(), keyed_cell_digest(&KEY, "姓名", name))];
        (format!("{:04}", i + 1), (unit.to_string(), cells.into()))
    });
    RecordedSelection {
        columns: vec!["姓名".into()],
        collected: [("甲".to_string(), 7), ("乙".to_string(), 2)].into(),
        records: records.collect(),
        keyed: true,
        sample: None,
        id_column: None,
        audit_id: None,
    }
}

/// A cell of a checklist: audit numbers, names, results (readable or not), blanks,
/// headers, and arbitrary text.
fn checklist_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "0001",
            "0002",
            "0003",
            "0004",
            "张三",
            "李四",
            "王五",
            "真实",
            "虚假",
            "无法核实",
            "",
            " ",
            "也许",
            "核查编号",
            "核查结果",
            "姓名",
            "备注",
            "\"",
            "=1+1",
        ])
        .prop_map(String::from),
        any::<String>(),
    ]
}

/// Rows as CSV text.
fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8_lossy(&w.into_inner().unwrap()).into_owned()
}

/// The checklist of `recorded()` filled in correctly.
fn filled() -> Vec<Vec<String>> {
    let mut rows = vec![
        ["核查编号", "姓名", "核查结果", "核查人", "核查日期", "备注"]
            .map(String::from)
            .to_vec(),
    ];
    for (i, name) in NAMES.iter().enumerate() {
        rows.push(
            [
                &format!("{:04}", i + 1),
                *name,
                "真实",
                "王核",
                "2024-05-01",
                "",
            ]
            .map(String::from)
            .to_vec(),
        );
    }
    rows
}

/// A filled checklist: the right one with a few cells replaced, rows dropped or
/// repeated; or rows of arbitrary cells under the right header or none.
fn checklist() -> impl Strategy<Value = String> {
    let edit = (0..5usize, 0..7usize, checklist_cell(), 0..3u8);
    let edited = prop::collection::vec(edit, 0..4).prop_map(|edits| {
        let mut rows = filled();
        for (r, c, cell, how) in edits {
            let r = r % rows.len();
            match how {
                0 if c < rows[r].len() => rows[r][c] = cell,
                1 if rows.len() > 1 => drop(rows.remove(r)),
                _ => rows.push(rows[r].clone()),
            }
        }
        csv_text(&rows)
    });
    let row = prop::collection::vec(checklist_cell(), 0..8);
    let arbitrary =
        (any::<bool>(), prop::collection::vec(row, 0..12)).prop_map(|(header, mut rows)| {
            if header {
                rows.insert(0, filled().swap_remove(0));
            }
            csv_text(&rows)
        });
    prop_oneof![edited, arbitrary]
}

#[test]
fn any_filled_checklist_is_taken_in_or_refused() {
    in_time("checklist intake", || {
        let config = Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        };
        let recorded = recorded();
        let mut runner = TestRunner::new(config);
        let check = |text: String| {
            let Ok(grid) = read_grid(text.as_bytes(), "filled.csv", None) else {
                return Ok(());
            };
            for partial in [false, true] {
                match read_checklist(&grid, &recorded, Some(&KEY), partial, true, "c.json") {
                    Ok(got) => {
                        let mut nos: Vec<&str> =
                            got.records.iter().map(|r| r.audit_no.as_str()).collect();
                        nos.sort_unstable();
                        // Every unit returned whole, or not at all (pending).
                        let whole = [&["0001", "0002", "0003"][..], &["0001", "0003"], &["0002"]];
                        prop_assert!(whole.contains(&nos.as_slice()), "{:?}: {}", nos, text);
                    }
                    Err(e) => prop_assert_eq!(e.exit_code(), 2, "{}: {}", text, e),
                }
            }
            Ok(())
        };
        runner.run(&checklist(), check).unwrap();
        // The checklist as selected is taken in.
        let grid = read_grid(csv_text(&filled()).as_bytes(), "filled.csv", None).unwrap();
        let got = read_checklist(&grid, &recorded, Some(&KEY), false, true, "c.json").unwrap();
        assert_eq!(got.records.len(), 3);
    });
}

/// A call log's rows: an id (drawn, unknown or blank), a disposition (readable or not)
/// and a unit (the sample's, another, or blank).
fn call_rows(ids: Vec<String>) -> impl Strategy<Value = Vec<(String, String, String)>> {
    let id = prop_oneof![
        prop::sample::select(ids),
        prop::sample::select(vec!["QS9999999".to_string(), String::new(), " ".into()]),
    ];
    let disposition = prop::sample::select(vec![
        "接通",
        "拒访",
        "无人接听",
        "占线",
        "空号",
        "非服务对象",
        "reached",
        "",
        "聊得很好",
    ]);
    let unit = prop::sample::select(vec!["东岗镇", "马坪镇", "青石镇", "", "某某镇"]);
    prop::collection::vec(
        (
            id,
            disposition.prop_map(String::from),
            unit.prop_map(String::from),
        ),
        0..40,
    )
}

#[test]
fn any_call_log_is_checked_or_refused() {
    let wd = util::example_county();
    util::draw_example(&wd, "fuzz", "sample.csv");
    let text = String::from_utf8(wd.read("sample.csv")).unwrap();
    let ids: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next().map(String::from))
        .collect();
    in_time("call-log check", move || {
        let config = Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let check = |rows: Vec<(String, String, String)>| {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["编号", "通话结果", "乡镇"]).unwrap();
            for r in &rows {
                w.write_record([&r.0, &r.1, &r.2]).unwrap();
            }
            let log = wd.write("calls.csv", w.into_inner().unwrap());
            match check_calls(&log, &wd.path("sample.csv"), None) {
                Ok(report) => {
                    let called = rows.iter().filter(|r| !r.0.trim().is_empty()).count();
                    prop_assert_eq!(report.calls, called);
                }
                Err(e) => prop_assert_eq!(e.exit_code(), 2, "{}", e),
            }
            Ok(())
        };
        runner.run(&call_rows(ids), check).unwrap();
    });
}

/// A result as verifiers write it: known values, yes/no answers, ticks, numbers, text.
fn result_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "真实",
            "虚假",
            "无法核实",
            "属实",
            "不属实",
            "非服务对象",
            "联系不上",
            "假",
            " 真实 ",
            "FALSE",
            "Genuine",
            "是",
            "否",
            "对",
            "错",
            "√",
            "×",
            "✓",
            "Y",
            "n",
            "1",
            "0",
            "yes",
            "No",
            "TRUE",
            "有",
            "无",
            "",
            "也许",
            "待定",
            "?",
        ])
        .prop_map(String::from),
        "[是否真假实虚对错√×✓✗ 0-9a-zA-Z]{0,4}",
        any::<String>().prop_map(|s| s.replace(['"', ',', '\n', '\r'], "")),
    ]
}

#[test]
fn every_result_cell_is_read_as_named_or_refused_with_its_cell() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        ..Config::default()
    });
    let recorded = recorded();
    let values = prop::collection::vec(result_value(), 3);
    runner
        .run(&values, |values| {
            let mut csv = "核查编号,姓名,核查结果,核查人,核查日期,备注\n".to_string();
            for (i, v) in values.iter().enumerate() {
                csv.push_str(&format!("{:04},{},{v},,,\n", i + 1, NAMES[i]));
            }
            let Ok(grid) = read_grid(csv.as_bytes(), "r.csv", None) else {
                return Ok(());
            };
            match read_checklist(&grid, &recorded, Some(&KEY), true, true, "m") {
                Ok(intake) => {
                    for (r, v) in intake.records.iter().zip(&values) {
                        prop_assert_eq!(Finding::read(v), ResultCell::Read(r.finding), "{}", v);
                    }
                }
                Err(e) => {
                    prop_assert_eq!(e.exit_code(), 2, "{}", e);
                    let text = e.render_in(Lang::En);
                    for (i, v) in values.iter().enumerate() {
                        if !matches!(Finding::read(v), ResultCell::Read(_)) {
                            let cell = format!("cell C{}", i + 2);
                            prop_assert!(text.contains(&cell), "{} not named: {}", cell, text);
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn answers_to_a_yes_no_question_are_never_read_as_a_finding() {
    for v in [
        "是", "否", "对", "错", "√", "×", "Y", "N", "1", "0", "yes", "no", "TRUE",
    ] {
        assert_eq!(Finding::read(v), ResultCell::Ambiguous, "{v}");
        assert_eq!(Finding::parse(v), None, "{v}");
    }
}
