//! Fuzzing the scheme reader, the `pingyi.toml` reader and the survey-answer reader
//! with arbitrary and mutated inputs: no panic, no internal error (exit 1), no hang.
//! Every reader either accepts its input, with every number checked, or refuses it as
//! bad input (exit 2). Cases: PINGYI_FUZZ_CASES (default 64); a longer run is
//! `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_scheme_config`.

mod util;

use util::{fuzz_cases as cases, within};

use pingyi::commands::run::RunConfig;
use pingyi::commands::score::{ScoreOptions, score_in_memory};
use pingyi::frame::build_frame;
use pingyi::io::counts::parse_counts;
use pingyi::io::read_grid;
use pingyi::score::{Response, Scheme, ScoreInputs, score};
use proptest::prelude::*;

/// A number as it may be typed into a TOML file, sensible or not.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("nan".to_string()),
        Just("inf".to_string()),
        Just("-inf".to_string()),
        Just("-0.0".to_string()),
        Just("0".to_string()),
        Just("1".to_string()),
        Just("0.5".to_string()),
        Just("0.95".to_string()),
        Just("70".to_string()),
        Just("1e308".to_string()),
        Just("9223372036854775807".to_string()),
        Just("\"0.3\"".to_string()),
        Just("\"30%\"".to_string()),
        Just("true".to_string()),
        Just("[]".to_string()),
        (-2.0f64..2.0).prop_map(|v| format!("{v:?}")),
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>()
            .prop_filter("finite", |v| v.is_finite())
            .prop_map(|v| format!("{v:e}")),
    ]
}

/// A label or a name: Chinese answers, blanks, invisible characters, quotes.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("满意".to_string()),
        Just("不满意".to_string()),
        Just("不存在".to_string()),
        Just(String::new()),
        Just("  ".to_string()),
        Just("\u{200b}满意".to_string()),
        "[a-z满意不严重存在 ]{0,6}",
    ]
}

fn levels(key: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec((number(), prop::collection::vec(label(), 0..3)), 0..4).prop_map(
        move |ls| {
            ls.into_iter()
                .map(|(v, labels)| {
                    let labels: Vec<String> = labels.iter().map(|l| format!("{l:?}")).collect();
                    format!("[[{key}]]\nvalue = {v}\nlabels = [{}]\n", labels.join(", "))
                })
                .collect()
        },
    )
}

/// A scheme built from parts, each key present or not.
fn structured_scheme() -> impl Strategy<Value = String> {
    (
        prop::option::of(label()),
        prop::option::of(prop::collection::vec(number(), 0..4)),
        prop::option::of(number()),
        prop::option::of(number()),
        prop::option::of(number()),
        prop::option::of(number()),
        levels("satisfaction"),
        levels("misconduct"),
    )
        .prop_map(|(name, weights, points, per_case, cap, flags, s, m)| {
            let mut t = String::new();
            if let Some(n) = name {
                t.push_str(&format!("name = {n:?}\n"));
            }
            if let Some(w) = weights {
                t.push_str(&format!("weights = [{}]\n", w.join(", ")));
            }
            for (k, v) in [
                ("points", points),
                ("per_case", per_case),
                ("cap", cap),
                ("township_flags", flags),
            ] {
                if let Some(v) = v {
                    t.push_str(&format!("{k} = {v}\n"));
                }
            }
            t.push_str(&s);
            t.push_str(&m);
            t
        })
}

const SCHEME: &str = "name = \"custom\"\nweights = [0.7, 0.3]\npoints = 70\nper_case = 0.5\ncap = 5\ntownship_flags = true\n[[satisfaction]]\nvalue = 0.9\nlabels = [\"满意\", \"satisfied\"]\n[[satisfaction]]\nvalue = 0.6\nlabels = [\"不满意\"]\n[[misconduct]]\nvalue = 1.0\nlabels = [\"不存在\"]\n[[misconduct]]\nvalue = 0.7\nlabels = [\"严重\"]\n";

/// Byte-level mutations of a valid text: replace, insert and delete at random places.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec((0usize..4, any::<prop::sample::Index>(), any::<u8>()), 1..8).prop_map(
        move |edits| {
            let mut bytes = base.as_bytes().to_vec();
            for (kind, at, b) in edits {
                let i = at.index(bytes.len().max(1));
                match kind {
                    0 if i < bytes.len() => bytes[i] = b,
                    1 => bytes.insert(i.min(bytes.len()), b),
                    2 if i < bytes.len() => {
                        bytes.remove(i);
                    }
                    _ => {
                        // Swap a digit for a token that is no longer a number in range.
                        if let Some(p) = bytes.iter().position(|c| c.is_ascii_digit()) {
                            let tail = bytes.split_off(p + 1);
                            bytes.pop();
                            bytes.extend_from_slice(
                                ["nan", "-9", "inf", "1e400"][b as usize % 4].as_bytes(),
                            );
                            bytes.extend(tail);
                        }
                    }
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        },
    )
}

/// A scheme that reads must score answers to finite totals.
fn check_scheme(text: &str) {
    let Ok(scheme) = Scheme::parse(text, "scheme.toml") else {
        return;
    };
    assert_eq!(scheme.validate(), Ok(()));
    let _ = Scheme::accepted(&scheme.satisfaction);
    let mut inputs = ScoreInputs::default();
    for (i, l) in scheme.satisfaction.iter().enumerate() {
        let m = &scheme.misconduct[i % scheme.misconduct.len()];
        for unit in ["甲", "乙"] {
            inputs.responses.push(Response {
                unit: unit.into(),
                q1: Scheme::value(&scheme.satisfaction, &l.labels[0]),
                q2: Scheme::value(&scheme.misconduct, &m.labels[0]),
            });
        }
    }
    inputs.findings.insert("甲".into(), u64::MAX / 4);
    let (units, _) = score(&inputs, &scheme);
    for u in units {
        let total = u.total.expect("every unit has answers");
        assert!(total.is_finite(), "{text}: {u:?}");
        assert!(
            total <= scheme.points + 30.0 + 1e-9 && total >= -scheme.cap - 1e-9,
            "{text}: {u:?}"
        );
    }
}

const COUNTS: &str = "乡镇,农村低保,城市低保,五保\n甲,120,30,0\n乙,4,0,9\n丙,0,0,0\n";

/// A configuration that reads must give a plan that builds a frame without a panic,
/// a hang or an internal error.
fn check_config(text: String) {
    within(20, move || {
        let Ok(config) = RunConfig::parse(&text, "pingyi.toml") else {
            return;
        };
        let grid = read_grid(COUNTS.as_bytes(), "counts.csv", None).unwrap();
        let counts = parse_counts(&grid).unwrap();
        for (_, level) in config.levels() {
            let Ok(plan) = level.plan("pingyi.toml") else {
                continue;
            };
            if let Err(e) = build_frame(&counts, &plan) {
                assert_eq!(e.exit_code(), 2, "{text}: {e}");
            }
        }
    });
}

/// A level of a configuration built from parts.
fn structured_config() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    "per_unit",
                    "margin",
                    "confidence",
                    "p",
                    "min_per_stratum",
                    "reserve_rate",
                    "reserves",
                    "audit_rate",
                    "method",
                    "rosters",
                    "sheet",
                ]),
                number(),
            ),
            0..6,
        ),
        prop::option::of(number()),
    )
        .prop_map(|(keys, seed)| {
            let mut t = String::from("[county]\ntitle = \"t\"\ncounts = \"c.csv\"\n");
            let mut seen = std::collections::BTreeSet::new();
            for (k, v) in keys {
                if seen.insert(k) {
                    t.push_str(&format!("{k} = {v}\n"));
                }
            }
            if let Some(s) = seed {
                t.push_str(&format!("[seeds]\ndraw = {s}\n"));
            }
            t
        })
}

const CONFIG: &str = include_str!("../data/pingyi.toml");

const UNITS: &str = "乡镇\n城关镇\n南岗乡\n青石镇\n";
const ANSWERS: &str = "编号,乡镇,通话结果,总体满意度,不良行为\nA1,城关镇,接通,满意,不存在\nA2,南岗乡,拒访,,\nA3,青石镇,接通,不满意,严重\nA4,城关镇,非服务对象,,\nA5,南岗乡,接通,基本满意,不严重\n";

/// Reads mutated answers (and a mutated list of units) through `pingyi score`'s reader.
fn check_answers(answers: String, units: String) {
    within(20, move || {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("answers.csv"), answers.as_bytes()).unwrap();
        std::fs::write(dir.path().join("units.csv"), units.as_bytes()).unwrap();
        let opts = ScoreOptions {
            responses: dir.path().join("answers.csv"),
            units: Some(dir.path().join("units.csv")),
            scheme: "township".into(),
            inspection: None,
            findings: Vec::new(),
            disqualified: None,
            weighted_sample: None,
            policy: pingyi::score::ScorePolicy {
                missing_inspection: pingyi::score::MissingInspection::Zero,
                ..Default::default()
            },
        };
        match score_in_memory(&opts) {
            Ok(report) => {
                for u in report.units {
                    assert!(u.total.is_none_or(f64::is_finite), "{u:?}");
                }
            }
            Err(e) => assert_eq!(e.exit_code(), 2, "{e}"),
        }
    });
}

/// Answers assembled from rows of random units and answers.
fn structured_answers() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop_oneof![
                Just("城关镇".to_string()),
                Just("南岗乡".to_string()),
                Just("11010519491231002X".to_string()),
                Just("\"青石镇\u{200b}\"".to_string()),
                label(),
            ],
            prop::sample::select(vec!["接通", "拒访", "非服务对象", "", "??"]),
            label(),
            label(),
        ),
        0..12,
    )
    .prop_map(|rows| {
        let mut t = String::from("乡镇,通话结果,总体满意度,不良行为\n");
        for (u, d, a, b) in rows {
            t.push_str(&format!("{u},{d},{a},{b}\n"));
        }
        t
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn schemes_built_from_parts(text in structured_scheme()) {
        check_scheme(&text);
    }

    #[test]
    fn schemes_mutated(text in mutated(SCHEME)) {
        check_scheme(&text);
    }

    #[test]
    fn schemes_arbitrary(text in ".{0,200}") {
        check_scheme(&text);
    }

    #[test]
    fn configurations_built_from_parts(text in structured_config()) {
        check_config(text);
    }

    #[test]
    fn configurations_mutated(text in mutated(CONFIG)) {
        check_config(text);
    }

    #[test]
    fn answers_built_from_rows(text in structured_answers()) {
        check_answers(text, UNITS.to_string());
    }

    #[test]
    fn answers_and_units_mutated(answers in mutated(ANSWERS), units in mutated(UNITS)) {
        check_answers(answers, units);
    }
}
