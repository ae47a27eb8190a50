//! Fuzzing what `pingyi report` reads and draws: the stages' tables read back (frame,
//! audit tally, score) from random and mutated bytes, and the charts from arbitrary
//! labels and numbers — no panic, no internal fault (exit 1), no hang; every refusal is
//! a bad-input error (exit 2), and no chart holds `NaN`.
//!
//! The number of cases comes from `PINGYI_FUZZ_CASES` (64 by default).

mod util;

use util::fuzz_cases as cases;

use std::sync::mpsc;
use std::time::Duration;

use pingyi::commands::report::read;
use pingyi::report::html::chart::{Bar, Interval, intervals, stacked_bars};
use proptest::prelude::*;
use util::Workdir;

const FRAME: &str = "\u{feff}unit,category,population,sample,reserve,inclusion_prob,weight\n\
东岗镇,rural_dibao,917,48,15,0.05,19.1\n东岗镇,urban_dibao,24,3,1,0.125,8\n";
const TALLY: &str = "unit,collected,checked,genuine,false,unverifiable,pending,deduction,false_rate,ci_low,ci_high,flag\n\
东岗镇,91,28,28,0,0,0,0,0,0,0.0989,\n马坪镇,93,28,23,4,1,0,2,0.148,0.065,0.301,需全面复核\n";
const SCORE: &str = "unit,respondents,q1_mean,q2_mean,survey_score,false_found,deduction,inspection,total,rank,flags\n\
凤凰乡,93,0.87,0.98,63.55,0,0,29,92.55,1,通报表扬\n高庙乡,3,0.85,0.96,62.06,0,0,28.5,90.56,2,\n";

/// Reads `bytes` as each kind of table, in a thread that must finish in 10 s.
fn read_all(bytes: Vec<u8>) {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let wd = Workdir::new();
        let path = wd.write("t.csv", &bytes);
        let codes: Vec<Option<i32>> = vec![
            read::frame(&path).err().map(|e| e.exit_code()),
            read::tally(&path).err().map(|e| e.exit_code()),
            read::score(&path).err().map(|e| e.exit_code()),
        ];
        let _ = tx.send(codes);
    });
    let codes = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("a reader panicked or hung");
    for code in codes.into_iter().flatten() {
        assert_eq!(code, 2, "a refusal that is not bad input");
    }
}

/// `base` with the byte at `at` replaced, or cut, or something inserted there.
fn mutate(base: &str, at: usize, op: u8, byte: u8) -> Vec<u8> {
    let mut b = base.as_bytes().to_vec();
    let i = at % (b.len() + 1);
    match op % 3 {
        0 if i < b.len() => b[i] = byte,
        1 => b.truncate(i),
        _ => b.insert(i, byte),
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        read_all(bytes);
    }

    #[test]
    fn mutated_tables_never_panic(which in 0usize..3, at in 0usize..400, op in any::<u8>(), byte in any::<u8>()) {
        let base = [FRAME, TALLY, SCORE][which];
        read_all(mutate(base, at, op, byte));
    }

    #[test]
    fn charts_draw_any_numbers_and_labels(
        labels in prop::collection::vec(".{0,12}", 0..8),
        values in prop::collection::vec(prop::num::f64::ANY, 0..24),
    ) {
        let bars: Vec<Bar> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| Bar {
                label: l.clone(),
                values: values.iter().skip(i).take(3).copied().collect(),
                mark: l.repeat(3),
            })
            .collect();
        let svg = stacked_bars("c", "t", &labels, &bars);
        prop_assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let points: Vec<Interval> = labels
            .iter()
            .zip(values.chunks(3))
            .map(|(l, v)| Interval {
                label: l.clone(),
                point: v[0],
                low: *v.get(1).unwrap_or(&0.0),
                high: *v.get(2).unwrap_or(&1.0),
            })
            .collect();
        let svg = intervals("i", "t", &points);
        prop_assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}
