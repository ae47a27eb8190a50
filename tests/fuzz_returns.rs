//! Fuzzing the returned checklists: a checklist split into any number of files (rows
//! in any order, some dropped, some returned twice), with cells changed anywhere — the
//! 核查批次, audit numbers, results, identifying cells — and given as files or as a
//! folder, with or without --manifest, ends in a tally or a bad-input error (exit 2),
//! never a panic, an internal fault (exit 1) or a hang. A tally taken keeps every unit
//! either returned whole or pending. Cases: `PINGYI_FUZZ_CASES` (default 64); a longer
//! run: `PINGYI_FUZZ_CASES=2000 cargo test --release --test fuzz_returns`.

mod util;

use util::fuzz_cases as cases;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use pingyi::audit::tally::TallyRules;
use pingyi::commands::audit::{TallyOptions, compute_tally};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use util::Workdir;

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

/// A small collected sample of three units, its audit subset selected into `c.csv`,
/// every result filled in: the header and rows of the filled checklist.
fn selected() -> (Workdir, Vec<Vec<String>>) {
    let wd = Workdir::new();
    let mut sample = String::from("编号,乡镇,类别,姓名\n");
    for (u, unit) in UNITS.iter().enumerate() {
        for i in 0..9 {
            sample.push_str(&format!("{u}-{i},{unit},农村低保,人{u}{i}\n"));
        }
    }
    wd.write("sample.csv", sample);
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "fuzz",
        "--rate",
        "0.5",
        "--out",
        "c.csv",
    ]);
    let text = String::from_utf8(wd.read("c.csv")).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let result = rows[0].iter().position(|h| h == "result").unwrap();
    for row in rows.iter_mut().skip(1) {
        row[result] = "真实".into();
    }
    (wd, rows)
}

/// What a case does to the filled checklist.
#[derive(Debug, Clone)]
struct Case {
    /// Per row: the file it goes to (of `files`; 39: dropped), and a second one
    /// (38 or 39: given again).
    placement: Vec<(u8, u8)>,
    files: u8,
    /// Cells changed: row, column, value.
    edits: Vec<(usize, usize, String)>,
    as_folder: bool,
    with_manifest: bool,
    /// A unit whose rows no file holds.
    unit_not_returned: Option<usize>,
}

const UNITS: [&str; 3] = ["甲镇", "乙乡", "丙镇"];

fn cell_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "真实",
            "虚假",
            "无法核实",
            "是",
            "√",
            "0001",
            "0099",
            "核查编号",
            "人0 0",
            "000000000000",
            "ffffffffffff",
            "甲镇",
            "audit_id",
        ])
        .prop_map(String::from),
        "(HC-)?[0-9a-f]{12}",
        ".{0,6}",
    ]
}

fn case(rows: usize, width: usize) -> impl Strategy<Value = Case> {
    (
        prop::collection::vec((0u8..40, 0u8..40), rows),
        1u8..5,
        prop::collection::vec((0..rows + 1, 0..width + 1, cell_value()), 0..4),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(0..3usize),
    )
        .prop_map(
            |(placement, files, edits, as_folder, with_manifest, unit_not_returned)| Case {
                placement,
                files,
                edits,
                as_folder,
                with_manifest,
                unit_not_returned,
            },
        )
}

/// Writes the case's files into `part/` of `wd`; returns what to give --checklist.
fn write_case(wd: &Workdir, table: &[Vec<String>], case: &Case) -> Vec<PathBuf> {
    let dir = wd.path("part");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir(&dir).unwrap();
    let mut table = table.to_vec();
    for (r, c, v) in &case.edits {
        if let Some(cell) = table.get_mut(*r).and_then(|row| row.get_mut(*c)) {
            *cell = v.clone();
        }
    }
    let mut files: Vec<Vec<&Vec<String>>> = vec![vec![&table[0]]; case.files as usize];
    let n = case.files as usize;
    for (row, &(first, second)) in table[1..].iter().zip(&case.placement) {
        // A unit not returned; one row in 40 dropped, one in 20 given again (maybe to
        // another file).
        if case
            .unit_not_returned
            .is_some_and(|u| row.get(2) == Some(&UNITS[u].to_string()))
        {
            continue;
        }
        if first < 39 {
            files[first as usize % n].push(row);
        }
        if second >= 38 {
            files[second as usize % n].push(row);
        }
    }
    let mut paths = Vec::new();
    for (i, rows) in files.iter().enumerate() {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in rows {
            w.write_record(*r).unwrap();
        }
        let name = format!("part/{i}.csv");
        paths.push(wd.write(&name, w.into_inner().unwrap()));
    }
    if case.as_folder { vec![dir] } else { paths }
}

#[test]
fn any_returned_checklists_are_tallied_or_refused() {
    in_time("returned checklists", || {
        let (wd, table) = selected();
        let config = Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let strategy = case(table.len() - 1, table[0].len());
        let (taken, pending) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        let check = |case: Case| {
            let checklists = write_case(&wd, &table, &case);
            let opts = TallyOptions {
                checklists,
                manifest: case.with_manifest.then(|| wd.path("c.csv.manifest.json")),
                sheet: None,
                partial: false,
                rules: TallyRules::default(),
            };
            match compute_tally(&opts) {
                Ok(t) => {
                    taken.set(taken.get() + 1);
                    pending.set(pending.get() + usize::from(!t.pending.is_empty()));
                    prop_assert_eq!(t.units.len(), 3);
                    for u in &t.units {
                        // A unit not returned is wholly pending; one returned, whole.
                        let whole = if u.returned {
                            u.pending == 0
                        } else {
                            u.pending == u.checked
                        };
                        prop_assert!(whole, "{:?} {:?}", u, case);
                    }
                }
                Err(e) => prop_assert_eq!(e.exit_code(), 2, "{} {:?}", e, case),
            }
            Ok(())
        };
        runner.run(&strategy, check).unwrap();
        // The cases reach tallies, partial ones among them, not only refusals.
        if cases() >= 64 {
            assert!(
                taken.get() > 0 && pending.get() > 0,
                "{} {}",
                taken.get(),
                pending.get()
            );
        }
    });
}
