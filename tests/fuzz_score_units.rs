//! Fuzzing the score's unit checks and policies with mutated unit names, inspection
//! scores and findings: no panic, no internal error (exit 1), no hang. A score either
//! succeeds, with every evaluated unit scored, the parts shown adding up to the total
//! shown, or refuses its input as bad input (exit 2). Cases: PINGYI_FUZZ_CASES (default
//! 64); a longer run is `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_score_units`.

mod util;

use util::{fuzz_cases as cases, within};

use pingyi::commands::score::{ScoreOptions, score_in_memory};
use pingyi::score::{MissingInspection, ScorePolicy};
use proptest::prelude::*;

const UNITS: [&str; 4] = ["城关镇", "南岗乡", "青石镇", "西岭林场"];

/// A unit name as a clerk may type it: right, misspelt, padded, or anything.
fn unit_name() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..4usize).prop_map(|i| UNITS[i].to_string()),
        (0..4usize).prop_map(|i| format!(" {}\u{3000}", UNITS[i])),
        (0..4usize, any::<char>()).prop_map(|(i, c)| {
            let mut s: Vec<char> = UNITS[i].chars().collect();
            let last = s.len() - 1;
            s[last] = c;
            s.into_iter().collect()
        }),
        Just("合计".to_string()),
        Just(String::new()),
        "\\PC{0,12}",
    ]
}

/// An inspection score as typed: sensible or not.
fn inspection_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..=3000).prop_map(|c| format!("{}", f64::from(c) / 100.0)),
        (0u32..=30000).prop_map(|c| format!("{}", f64::from(c) / 1000.0)),
        Just("30.005".to_string()),
        Just("-1".to_string()),
        Just("NaN".to_string()),
        "\\PC{0,6}",
    ]
}

fn policy() -> impl Strategy<Value = ScorePolicy> {
    (0..3usize, 0u64..12).prop_map(|(m, min)| ScorePolicy {
        missing_inspection: [
            MissingInspection::Refuse,
            MissingInspection::Zero,
            MissingInspection::Exclude,
        ][m],
        min_respondents: min,
    })
}

/// A CSV cell, quoted.
fn cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn check(inspection: Vec<(String, String)>, findings: Vec<(String, u8)>, policy: ScorePolicy) {
    within(20, move || {
        let dir = tempfile::tempdir().unwrap();
        let path = |n: &str| dir.path().join(n);
        std::fs::write(path("units.csv"), format!("单位\n{}\n", UNITS.join("\n"))).unwrap();
        let mut answers = String::from("单位,总体满意度,不良行为\n");
        for (i, u) in UNITS.iter().enumerate() {
            for k in 0..(i + 3) {
                let q1 = ["满意", "基本满意", "不太满意", "不满意"][(i + k) % 4];
                let q2 = ["不存在", "不严重", "严重"][k % 3];
                answers.push_str(&format!("{u},{q1},{q2}\n"));
            }
        }
        std::fs::write(path("answers.csv"), answers).unwrap();
        let rows: Vec<String> = inspection
            .iter()
            .map(|(u, v)| format!("{},{}", cell(u), cell(v)))
            .collect();
        std::fs::write(
            path("inspection.csv"),
            format!("单位,检查评估\n{}\n", rows.join("\n")),
        )
        .unwrap();
        let rows: Vec<String> = findings
            .iter()
            .map(|(u, n)| format!("{},{n}", cell(u)))
            .collect();
        std::fs::write(
            path("findings.csv"),
            format!("单位,虚假\n{}\n", rows.join("\n")),
        )
        .unwrap();
        let opts = ScoreOptions {
            responses: path("answers.csv"),
            units: Some(path("units.csv")),
            scheme: "township".into(),
            inspection: Some(path("inspection.csv")),
            findings: vec![path("findings.csv")],
            disqualified: None,
            weighted_sample: None,
            policy,
        };
        match score_in_memory(&opts) {
            Ok(report) => {
                assert_eq!(report.units.len(), UNITS.len());
                for u in &report.units {
                    let (Some(s), Some(t)) = (u.survey_rounded, u.rounded) else {
                        continue;
                    };
                    let parts = s - u.deduction + u.inspection.unwrap_or(0.0);
                    assert!((parts - t).abs() < 1e-9, "{u:?}");
                    assert_eq!(
                        u.few_respondents.is_some(),
                        u.respondents < policy.min_respondents,
                        "{u:?}"
                    );
                }
            }
            Err(e) => assert_eq!(e.exit_code(), 2, "{e}"),
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_units_and_inspection_scores_never_panic_or_fault(
        inspection in proptest::collection::vec((unit_name(), inspection_value()), 0..6),
        findings in proptest::collection::vec((unit_name(), any::<u8>()), 0..4),
        policy in policy(),
    ) {
        check(inspection, findings, policy);
    }
}
