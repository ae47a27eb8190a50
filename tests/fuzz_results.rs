//! Fuzzing the result cells of a returned checklist: whatever a verifier writes in
//! 核查结果 (drop-down values, synonyms, yes/no answers, ticks, numbers, any text), the
//! checklist is either taken in with exactly the finding the value names, or refused
//! as bad input naming the cell of every value it cannot take; never a panic, an
//! internal fault or a guess. Cases: `PINGYI_FUZZ_CASES` (default 64).

use pingyi::audit::digest::keyed_cell_digest;
use pingyi::audit::intake::{RecordedSelection, read_checklist};
use pingyi::audit::tally::{Finding, ResultCell};
use pingyi::i18n::Lang;
use pingyi::io::read_grid;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases() -> u32 {
    std::env::var("PINGYI_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

const KEY: [u8; 32] = [5; 32];
const NAMES: [&str; 3] = ["张三", "李四", "王五"];

/// Records 0001…0003 of units 甲, 乙, 甲.
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
    }
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
            match read_checklist(&grid, &recorded, Some(&KEY), true, "m") {
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
