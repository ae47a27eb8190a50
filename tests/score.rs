//! `pingyi score` through the real binary: hand-computed scores for both schemes, one
//! cap over several sources of findings, unknown answers refused, small units
//! suppressed in the unit-facing table, and the example county's ranking.

mod util;

use util::Workdir;

fn read(wd: &Workdir, name: &str) -> Vec<Vec<String>> {
    let text = String::from_utf8(wd.read(name)).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn hand_computed_county_scheme_with_one_cap_over_two_sources() {
    let wd = Workdir::new();
    // 甲: satisfaction 非常满意 0.9, 满意 0.8, 不满意 0.5 → mean 0.7333…; misconduct 不存在 1.0,
    // 严重 0.7, (blank) → mean 0.85. Survey = 70 × (0.7 × 0.73333 + 0.3 × 0.85) = 53.78333.
    wd.write(
        "answers.csv",
        "单位,总体满意度,不良行为,通话结果\n甲,非常满意,不存在,接通\n甲,满意,严重,接通\n甲,不满意,,接通\n甲,,,非服务对象\n乙,满意,不存在,接通\n",
    );
    wd.write("inspection.csv", "单位,检查评估\n甲,25\n乙,20.5\n");
    // Findings from two sources: 1 in the survey, 6 + 5 in the tables: 12 × 0.5 = 6 → capped at 5.
    wd.write("f1.csv", "unit,false\n甲,6\n");
    wd.write("f2.csv", "单位,虚假\n甲,5\n乙,1\n");
    wd.ok(&[
        "score",
        "--responses",
        "answers.csv",
        "--scheme",
        "county",
        "--inspection",
        "inspection.csv",
        "--findings",
        "f1.csv",
        "--findings",
        "f2.csv",
        "--out",
        "s.csv",
    ]);
    let rows = read(&wd, "s.csv");
    let a = rows.iter().find(|r| r[0] == "甲").unwrap();
    assert_eq!(
        a[1], "3",
        "three respondents answered; the non-recipient is a finding"
    );
    // Shown rounded half up to 2 decimals: the parts shown add up to the total shown.
    assert_eq!(a[4], "53.78", "{a:?}");
    assert_eq!((a[5].as_str(), a[6].as_str()), ("12", "5"));
    // 53.7833 − 5 + 25 = 73.78
    assert_eq!(a[8], "73.78");
    let b = rows.iter().find(|r| r[0] == "乙").unwrap();
    // 70 × (0.7 × 0.8 + 0.3 × 1.0) = 60.2; − 0.5 + 20.5 = 80.2
    assert_eq!((b[8].as_str(), b[9].as_str()), ("80.2", "1"));
}

#[test]
fn unknown_answers_are_refused_with_their_row() {
    let wd = Workdir::new();
    wd.write(
        "answers.csv",
        "乡镇,总体满意度,不良行为\n甲,满意,不存在\n甲,非常满意,不存在\n",
    );
    wd.write("units.csv", "乡镇\n甲\n乙\n");
    // The township scheme has no 非常满意.
    wd.run(&[
        "score",
        "--responses",
        "answers.csv",
        "--units",
        "units.csv",
        "--scheme",
        "township",
        "--out",
        "s.csv",
    ])
    .expect_bad_input(&[
        "answers.csv",
        "row 3",
        "column 总体满意度 (B)",
        "'非常满意'",
        "满意/基本满意/不太满意/不满意",
    ]);
    assert!(!wd.exists("s.csv"));
}

#[test]
fn the_unit_facing_table_suppresses_small_units_and_a_custom_scheme_reads() {
    let wd = Workdir::new();
    let mut text = String::from("乡镇,总体满意度,不良行为\n");
    for _ in 0..6 {
        text.push_str("甲,满意,不存在\n");
    }
    for _ in 0..3 {
        text.push_str("乙,不满意,严重\n");
    }
    wd.write("answers.csv", text);
    wd.write("units.csv", "乡镇\n甲\n乙\n");
    wd.write("disq.csv", "单位,原因\n乙,弄虚作假\n");
    wd.ok(&[
        "score",
        "--responses",
        "answers.csv",
        "--units",
        "units.csv",
        "--scheme",
        "township",
        "--disqualified",
        "disq.csv",
        "--missing-inspection",
        "zero",
        "--out",
        "s.csv",
        "--unit-facing",
        "u.csv",
    ]);
    let full = read(&wd, "s.csv");
    let facing = read(&wd, "u.csv");
    let b = facing.iter().find(|r| r[0] == "乙").unwrap();
    assert_eq!(&b[1..4], ["<5", "<5", "<5"]);
    assert!(b.last().unwrap().contains("unqualified"));
    assert_eq!(
        full[0].len(),
        facing[0].len() + 1,
        "the unit-facing table drops the respondent count"
    );
    // A custom scheme: two levels each, equal weights.
    wd.write(
        "scheme.toml",
        "name = \"simple\"\nweights = [0.5, 0.5]\n[[satisfaction]]\nvalue = 1.0\nlabels = [\"满意\"]\n[[satisfaction]]\nvalue = 0.0\nlabels = [\"不满意\"]\n[[misconduct]]\nvalue = 1.0\nlabels = [\"不存在\"]\n[[misconduct]]\nvalue = 0.0\nlabels = [\"严重\"]\n",
    );
    wd.ok(&[
        "score",
        "--responses",
        "answers.csv",
        "--units",
        "units.csv",
        "--scheme",
        "scheme.toml",
        "--missing-inspection",
        "zero",
        "--out",
        "c.csv",
    ]);
    let c = read(&wd, "c.csv");
    let a = c.iter().find(|r| r[0] == "甲").unwrap();
    assert_eq!(a[4], "70");
}

#[test]
fn the_example_run_ends_with_the_ranking_and_verifies() {
    let wd = util::with_example_data();
    let run = wd.ok(&["run"]);
    let out = run.stdout();
    let ranking = out.rfind("scores and ranking").expect("a ranking");
    assert!(
        out[ranking..].contains("annual comprehensive-advanced"),
        "{out}"
    );
    assert!(!out[ranking..].contains("年度综合先进"), "{out}");
    let rows = read(&wd, "out/county/score.csv");
    assert_eq!(rows.len(), 15);
    let ranks: Vec<u64> = rows.iter().map(|r| r[9].parse().unwrap()).collect();
    assert_eq!(ranks[0], 1);
    // 马坪镇 had 4 false recipients in the audit and more in the survey: capped at 5.
    let maping = rows.iter().find(|r| r[0] == "马坪镇").unwrap();
    assert_eq!(maping[6], "5");
    wd.ok(&[
        "verify",
        "--root",
        ".",
        "--chain",
        "out/county/score.xlsx.manifest.json",
    ]);
    wd.ok(&[
        "verify",
        "--root",
        ".",
        "out/county/score_units.csv.manifest.json",
    ]);
}

#[test]
fn a_scheme_with_an_empty_level_or_a_number_out_of_range_is_refused() {
    let wd = Workdir::new();
    wd.write(
        "answers.csv",
        "乡镇,总体满意度,不良行为\n甲,满意,不存在\n乙,不满意,严重\n",
    );
    wd.write("units.csv", "乡镇\n甲\n乙\n");
    let levels = |s: &str, m: &str| {
        format!(
            "[[satisfaction]]\nvalue = {s}\nlabels = [\"满意\"]\n[[satisfaction]]\nvalue = 0.5\nlabels = [\"不满意\"]\n[[misconduct]]\nvalue = {m}\nlabels = [\"不存在\"]\n[[misconduct]]\nvalue = 0.5\nlabels = [\"严重\"]\n"
        )
    };
    for (scheme, needles) in [
        (
            "name = \"x\"\n[[satisfaction]]\nvalue = 0.9\nlabels = []\n[[misconduct]]\nvalue = 1.0\nlabels = [\"不存在\"]\n".to_string(),
            vec!["satisfaction level 1 has no labels"],
        ),
        (
            format!("name = \"x\"\n{}", levels("nan", "1.0")),
            vec!["satisfaction level 1 has value NaN"],
        ),
        (
            format!("name = \"x\"\n{}", levels("0.9", "inf")),
            vec!["misconduct level 1 has value inf"],
        ),
        (
            format!("name = \"x\"\ncap = -5\n{}", levels("0.9", "1.0")),
            vec!["key cap holds -5"],
        ),
        (
            format!("name = \"x\"\nper_case = -0.5\n{}", levels("0.9", "1.0")),
            vec!["key per_case holds -0.5"],
        ),
        (
            format!("name = \"x\"\npoints = nan\n{}", levels("0.9", "1.0")),
            vec!["key points holds NaN"],
        ),
        (
            format!("name = \"x\"\nweights = [0.7, 0.7]\n{}", levels("0.9", "1.0")),
            vec!["key weights adds up to"],
        ),
    ] {
        wd.write("scheme.toml", &scheme);
        let mut needles = needles;
        needles.push("scheme.toml");
        wd.run(&[
            "score",
            "--responses",
            "answers.csv",
            "--units",
            "units.csv",
            "--scheme",
            "scheme.toml",
            "--out",
            "s.csv",
        ])
        .expect_bad_input(&needles);
        assert!(!wd.exists("s.csv"));
    }
}

#[test]
fn the_command_gives_what_the_binary_prints_and_writes() {
    use pingyi::commands::OutputOptions;
    use pingyi::commands::score::{ScoreOptions, run};
    let wd = Workdir::new();
    // Two refusals and a unit without an inspection score make notes (warnings).
    wd.write(
        "answers.csv",
        "单位,总体满意度,不良行为,通话结果\n甲,满意,不存在,接通\n甲,,,接通\n乙,不满意,严重,接通\n乙,满意,,接通\n丙,,,拒访\n",
    );
    wd.write("units.csv", "单位\n甲\n乙\n丙\n");
    wd.write("inspection.csv", "单位,检查评估\n甲,25\n");
    let cli = wd.ok(&[
        "score",
        "--responses",
        "answers.csv",
        "--units",
        "units.csv",
        "--scheme",
        "township",
        "--inspection",
        "inspection.csv",
        "--missing-inspection",
        "zero",
        "--out",
        "cli.csv",
        "--unit-facing",
        "cli_units.csv",
    ]);
    let opts = ScoreOptions {
        responses: wd.path("answers.csv"),
        units: Some(wd.path("units.csv")),
        scheme: "township".into(),
        inspection: Some(wd.path("inspection.csv")),
        findings: Vec::new(),
        disqualified: None,
        weighted_sample: None,
        policy: pingyi::score::ScorePolicy {
            missing_inspection: pingyi::score::MissingInspection::Zero,
            ..Default::default()
        },
    };
    let out = |name: &str| OutputOptions {
        path: wd.path(name),
        force: false,
        write: Default::default(),
    };
    let outcome = run(&opts, &out("lib.csv"), Some(&out("lib_units.csv"))).unwrap();
    assert!(outcome.failure.is_none());
    let wrote = format!("wrote {}\n", wd.path("lib.csv").display());
    assert_eq!(
        outcome.summary.replace(&wrote, "wrote cli.csv\n"),
        cli.stdout()
    );
    assert!(outcome.summary.ends_with(&wrote), "{}", outcome.summary);
    let warnings: Vec<String> = outcome
        .warnings
        .iter()
        .map(|w| format!("warning: {w}"))
        .collect();
    assert!(warnings.len() >= 2, "{warnings:?}");
    assert_eq!(warnings, cli.stderr().lines().collect::<Vec<_>>());
    assert_eq!(wd.read("lib.csv"), wd.read("cli.csv"));
    assert_eq!(wd.read("lib_units.csv"), wd.read("cli_units.csv"));
    // The command refuses what the binary refuses: no list of units.
    let no_units = ScoreOptions {
        units: None,
        inspection: None,
        ..opts
    };
    let e = run(&no_units, &out("none.csv"), None).unwrap_err();
    assert!(matches!(e, pingyi::Error::Invalid(_)), "{e}");
    assert!(!wd.exists("none.csv"));
}

#[test]
fn two_tallies_of_one_audit_are_not_added_and_a_returned_unit_is_not_pending() {
    let wd = Workdir::new();
    wd.write(
        "answers.csv",
        "单位,总体满意度,不良行为,通话结果\n甲,满意,不存在,接通\n乙,满意,不存在,接通\n",
    );
    wd.write("inspection.csv", "单位,检查评估\n甲,25\n乙,25\n");
    let header = "unit,collected,checked,genuine,false,unverifiable,pending,deduction\n";
    // A tally of 甲's checklist alone (乙 not yet returned), and one of both.
    wd.write(
        "t1.csv",
        format!("{header}甲,10,3,1,2,0,0,1\n乙,10,3,0,0,0,3,0\n"),
    );
    wd.write(
        "t2.csv",
        format!("{header}甲,10,3,1,2,0,0,1\n乙,10,3,2,1,0,0,0.5\n"),
    );
    // Made per township: each tally has the results of one and lists the other pending.
    wd.write(
        "p2.csv",
        format!("{header}甲,10,3,0,0,0,3,0\n乙,10,3,2,1,0,0,0.5\n"),
    );
    let score = |findings: &[&str], out: &str| {
        let mut args = vec![
            "score",
            "--responses",
            "answers.csv",
            "--scheme",
            "county",
            "--inspection",
            "inspection.csv",
            "--out",
            out,
        ];
        for f in findings {
            args.extend(["--findings", f]);
        }
        wd.run(&args)
    };
    score(&["t1.csv", "t2.csv"], "s.csv")
        .expect_bad_input(&["t2.csv", "row 2", "甲", "t1.csv", "twice"]);
    assert!(!wd.exists("s.csv"));
    score(&["t1.csv", "p2.csv"], "per.csv").expect_code(0);
    score(&["t2.csv"], "all.csv").expect_code(0);
    // The two per-township tallies give what the tally of both gives: 2 false in 甲,
    // 1 in 乙, nothing pending (no unit marked provisional).
    assert_eq!(read(&wd, "per.csv"), read(&wd, "all.csv"));
    let text = String::from_utf8(wd.read("per.csv")).unwrap();
    assert!(!text.contains("provisional"), "{text}");
    // 乙 pending in both tallies of a half-returned audit is pending once (3 checks).
    score(&["t1.csv"], "half.csv").expect_code(0);
    let half = String::from_utf8(wd.read("half.csv")).unwrap();
    assert!(half.contains("provisional"), "{half}");
}

#[test]
fn a_findings_total_that_is_not_the_sum_is_refused() {
    let wd = Workdir::new();
    wd.write(
        "answers.csv",
        "单位,总体满意度,不良行为,通话结果\n甲,满意,不存在,接通\n乙,满意,不存在,接通\n",
    );
    wd.write("inspection.csv", "单位,检查评估\n甲,25\n乙,25\n");
    let args = [
        "score",
        "--responses",
        "answers.csv",
        "--scheme",
        "county",
        "--inspection",
        "inspection.csv",
        "--findings",
        "f.csv",
        "--out",
        "s.csv",
    ];
    wd.write("f.csv", "单位,虚假\n甲,3\n乙,1\n合计,9\n");
    wd.run(&args)
        .expect_bad_input(&["f.csv", "row 4", "total of 9", "add up to 4"]);
    wd.write("f.csv", "单位,虚假\n甲,3\n乙,1\n合计,4\n");
    wd.ok(&args);
}
