//! Scores a clerk can trust, through the real binary, in English and in Chinese: a
//! misspelt unit in any input stops the score naming the cell and the closest unit; a
//! unit without an inspection score stops it unless `--missing-inspection` says how to
//! treat it (and the manifest records the choice); units with few respondents are
//! ranked but marked; flags carry the chosen language only; the parts shown add up to
//! the total shown, rounded half up.

mod util;

use util::Workdir;

const UNITS: &str = "乡镇\n城关镇\n南岗乡\n青石镇\n";

/// Eight answers for each of the three units (城关镇 63.875 before rounding).
fn answers() -> String {
    let mut text = String::from("乡镇,总体满意度,不良行为\n");
    for _ in 0..2 {
        for q1 in ["满意", "满意", "满意", "基本满意"] {
            text.push_str(&format!("城关镇,{q1},不存在\n"));
        }
        for q1 in ["满意", "基本满意", "基本满意", "不满意"] {
            text.push_str(&format!("南岗乡,{q1},不存在\n"));
        }
        for q1 in ["满意", "满意", "基本满意", "不太满意"] {
            text.push_str(&format!("青石镇,{q1},不严重\n"));
        }
    }
    text
}

fn county(wd: &Workdir, inspection: &str) {
    wd.write("units.csv", UNITS);
    wd.write("answers.csv", answers());
    wd.write("inspection.csv", inspection);
}

fn score(wd: &Workdir, extra: &[&str]) -> util::Run {
    let mut args = vec![
        "score",
        "--responses",
        "answers.csv",
        "--units",
        "units.csv",
        "--scheme",
        "township",
        "--out",
        "s.csv",
    ];
    args.extend(extra);
    wd.run(&args)
}

fn rows(wd: &Workdir, name: &str) -> Vec<Vec<String>> {
    let text = String::from_utf8(wd.read(name)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], unit: &str) -> &'a Vec<String> {
    rows.iter().find(|r| r[0] == unit).unwrap()
}

const FULL: &str = "单位,检查评估\n城关镇,25.125\n南岗乡,28\n青石镇,20\n";

#[test]
fn a_misspelt_unit_in_inspection_findings_or_disqualified_stops_in_both_languages() {
    let wd = Workdir::new();
    county(&wd, "单位,检查评估\n城关镇,25\n南岗镇,28\n青石镇,20\n");
    score(&wd, &["--inspection", "inspection.csv"]).expect_bad_input(&[
        "inspection.csv",
        "row 3",
        "'南岗镇'",
        "did you mean '南岗乡'",
    ]);
    score(&wd, &["--inspection", "inspection.csv", "--lang", "zh"]).expect_bad_input(&[
        "inspection.csv",
        "第 3 行",
        "'南岗镇' — 是否应为 南岗乡？",
    ]);
    wd.write("inspection.csv", FULL);
    wd.write("findings.csv", "单位,虚假\n城关镇,1\n青石乡,2\n");
    wd.write("disq.csv", "单位,原因\n城关真,弄虚作假\n");
    for lang in ["en", "zh"] {
        let (row, hint) = if lang == "en" {
            ("row 3", "did you mean '青石镇'")
        } else {
            ("第 3 行", "是否应为 青石镇？")
        };
        let with = ["--inspection", "inspection.csv", "--lang", lang];
        let mut args = with.to_vec();
        args.extend(["--findings", "findings.csv"]);
        score(&wd, &args).expect_bad_input(&["findings.csv", row, hint]);
        let mut args = with.to_vec();
        args.extend(["--disqualified", "disq.csv"]);
        let (row, hint) = if lang == "en" {
            ("row 2", "did you mean '城关镇'")
        } else {
            ("第 2 行", "是否应为 城关镇？")
        };
        score(&wd, &args).expect_bad_input(&["disq.csv", row, hint]);
    }
    // A name nothing resembles gets the list of units, not a guess.
    wd.write("findings.csv", "单位,虚假\n开发区,1\n");
    let run = score(
        &wd,
        &[
            "--inspection",
            "inspection.csv",
            "--findings",
            "findings.csv",
        ],
    );
    run.expect_bad_input(&["findings.csv", "row 2", "城关镇、南岗乡、青石镇"]);
    assert!(!run.stderr().contains("did you mean"), "{}", run.stderr());
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_unit_without_an_inspection_score_stops_unless_the_flag_says_how_to_treat_it() {
    let wd = Workdir::new();
    county(&wd, "单位,检查评估\n城关镇,25\n青石镇,20\n");
    score(&wd, &["--inspection", "inspection.csv"]).expect_bad_input(&[
        "inspection.csv",
        "no inspection score for 1 evaluated units: 南岗乡",
        "--missing-inspection zero",
    ]);
    score(&wd, &["--inspection", "inspection.csv", "--lang", "zh"]).expect_bad_input(&[
        "inspection.csv",
        "缺少 1 个被评议单位的检查评估得分：南岗乡",
    ]);
    // No inspection table at all: refused too, before anything is written.
    score(&wd, &[]).expect_bad_input(&["--inspection", "--missing-inspection"]);
    score(&wd, &["--missing-inspection", "maybe"]).expect_bad_input(&["refuse, zero or exclude"]);
    assert!(!wd.exists("s.csv"));

    // zero: counted as 0, with a warning, recorded in the manifest.
    let run = score(
        &wd,
        &[
            "--inspection",
            "inspection.csv",
            "--missing-inspection",
            "zero",
        ],
    );
    run.expect_code(0);
    assert!(
        run.stderr()
            .contains("no inspection score for 南岗乡: counted as 0"),
        "{}",
        run.stderr()
    );
    let r = rows(&wd, "s.csv");
    assert_eq!(row(&r, "南岗乡")[7], "");
    assert!(!row(&r, "南岗乡")[9].is_empty(), "ranked: {r:?}");
    let manifest = String::from_utf8(wd.read("s.csv.manifest.json")).unwrap();
    assert!(
        manifest.contains("\"missing_inspection\": \"zero\""),
        "{manifest}"
    );

    // exclude: scored, not ranked, flagged; the others ranked 1 and 2.
    let run = score(
        &wd,
        &[
            "--inspection",
            "inspection.csv",
            "--missing-inspection",
            "exclude",
            "--force",
        ],
    );
    run.expect_code(0);
    let r = rows(&wd, "s.csv");
    let n = row(&r, "南岗乡");
    assert_eq!((n[8].as_str(), n[9].as_str()), ("", ""), "{n:?}");
    assert!(n[10].contains("no inspection score: not ranked"), "{n:?}");
    let mut ranks: Vec<&str> = r
        .iter()
        .map(|x| x[9].as_str())
        .filter(|x| !x.is_empty())
        .collect();
    ranks.sort();
    assert_eq!(ranks, ["1", "2"]);
    let manifest = String::from_utf8(wd.read("s.csv.manifest.json")).unwrap();
    assert!(
        manifest.contains("\"missing_inspection\": \"exclude\""),
        "{manifest}"
    );
    wd.ok(&["verify", "--root", ".", "s.csv.manifest.json"]);
}

#[test]
fn few_respondents_are_ranked_but_marked_in_the_ranking_and_the_warnings() {
    let wd = Workdir::new();
    county(&wd, FULL);
    let mut text = answers();
    text.push_str("城关镇,满意,不存在\n");
    // 青石镇 keeps 3 of its 8 answers.
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("青石镇"))
        .chain([
            "青石镇,满意,不存在",
            "青石镇,满意,不存在",
            "青石镇,不满意,严重",
        ])
        .collect();
    wd.write("answers.csv", kept.join("\n"));
    let run = score(&wd, &["--inspection", "inspection.csv"]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("fewer than 5 respondents") && run.stderr().contains("青石镇 3"),
        "{}",
        run.stderr()
    );
    let r = rows(&wd, "s.csv");
    let q = row(&r, "青石镇");
    assert!(!q[9].is_empty(), "still ranked: {q:?}");
    assert!(q[10].contains("fewer than 5 respondents"), "{q:?}");
    assert!(!row(&r, "城关镇")[10].contains("fewer"), "{r:?}");
    // In Chinese, and with another minimum.
    let run = score(
        &wd,
        &["--inspection", "inspection.csv", "--lang", "zh", "--force"],
    );
    run.expect_code(0);
    assert!(run.stderr().contains("受访不足 5 人"), "{}", run.stderr());
    let r = rows(&wd, "s.csv");
    assert!(row(&r, "青石镇")[10].contains("受访不足 5 人"), "{r:?}");
    score(
        &wd,
        &[
            "--inspection",
            "inspection.csv",
            "--min-respondents",
            "3",
            "--force",
        ],
    )
    .expect_code(0);
    let r = rows(&wd, "s.csv");
    assert!(!row(&r, "青石镇")[10].contains("fewer"), "{r:?}");
    let manifest = String::from_utf8(wd.read("s.csv.manifest.json")).unwrap();
    assert!(manifest.contains("\"min_respondents\": 3"), "{manifest}");
}

#[test]
fn flags_carry_the_chosen_language_only() {
    let wd = Workdir::new();
    county(&wd, FULL);
    let both = ["--inspection", "inspection.csv", "--unit-facing", "u.csv"];
    score(&wd, &both).expect_code(0);
    for name in ["s.csv", "u.csv"] {
        let text = String::from_utf8(wd.read(name)).unwrap();
        assert!(text.contains("commended"), "{text}");
        assert!(!text.contains("通报"), "{text}");
    }
    let mut zh = both.to_vec();
    zh.extend(["--lang", "zh", "--force"]);
    let run = score(&wd, &zh);
    run.expect_code(0);
    for name in ["s.csv", "u.csv"] {
        let text = String::from_utf8(wd.read(name)).unwrap();
        assert!(text.contains("通报表扬"), "{text}");
        assert!(!text.contains("commended"), "{text}");
        assert!(!text.contains("criticised"), "{text}");
    }
    assert!(run.stdout().contains("年度综合先进"), "{}", run.stdout());
    assert!(
        !run.stdout().contains("comprehensive-advanced"),
        "{}",
        run.stdout()
    );
}

/// A decimal text as hundredths.
fn cents(text: &str) -> i64 {
    (text.parse::<f64>().unwrap() * 100.0).round() as i64
}

#[test]
fn the_parts_shown_add_up_to_the_total_shown_rounded_half_up() {
    let wd = Workdir::new();
    // 城关镇: survey 70 × (0.7 × 0.875 + 0.3 × 1.0) = 63.875 → 63.88; inspection 25.125
    // → 25.13; total 89.01 (rounding the unrounded sum, 89.00, would not add up).
    // 南岗乡: 70 × (0.7 × 0.775 + 0.3) = 58.975 → 58.98; − 0.5 + 28 = 86.48. 青石镇:
    // 70 × (0.7 × 0.825 + 0.3 × 0.8) = 57.225 → 57.23; + 20 = 77.23.
    county(&wd, FULL);
    wd.write("findings.csv", "单位,虚假\n南岗乡,1\n");
    score(
        &wd,
        &[
            "--inspection",
            "inspection.csv",
            "--findings",
            "findings.csv",
        ],
    )
    .expect_code(0);
    let r = rows(&wd, "s.csv");
    let c = row(&r, "城关镇");
    assert_eq!(
        [&c[4], &c[6], &c[7], &c[8]],
        ["63.88", "0", "25.13", "89.01"],
        "{c:?}"
    );
    let q = row(&r, "青石镇");
    assert_eq!([&q[4], &q[8]], ["57.23", "77.23"], "{q:?}");
    let n = row(&r, "南岗乡");
    assert_eq!([&n[4], &n[6], &n[8]], ["58.98", "0.5", "86.48"], "{n:?}");
    for u in &r {
        assert_eq!(
            cents(&u[4]) - cents(&u[6]) + cents(&u[7]),
            cents(&u[8]),
            "{u:?}"
        );
    }
    // The terminal ranking prints the same parts.
    let run = score(
        &wd,
        &[
            "--inspection",
            "inspection.csv",
            "--findings",
            "findings.csv",
            "--force",
        ],
    );
    let out = run.stdout();
    assert!(
        out.contains("63.88") && out.contains("25.13") && out.contains("89.01"),
        "{out}"
    );
}
