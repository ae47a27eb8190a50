//! Units that exist, through the real binary: every unit named in survey answers,
//! inspection scores, findings, disqualifications and call logs must be an evaluated
//! unit (of the frame, the sample or the count table), or the command stops naming the
//! file, the row and the closest unit, with identifiers masked and nothing written.
//! Also: scores that do not depend on the order of the answers.

mod util;

use util::Workdir;

const UNITS: &str = "乡镇,农村低保,城市低保\n城关镇,10,5\n南岗乡,8,4\n青石镇,7,3\n合计,25,12\n";

fn answers(rows: &[&str]) -> String {
    let mut text = String::from("乡镇,总体满意度,不良行为\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

fn score(wd: &Workdir, extra: &[&str]) -> util::Run {
    let mut args = vec![
        "score",
        "--responses",
        "answers.csv",
        "--scheme",
        "township",
        "--out",
        "s.csv",
    ];
    args.extend(extra);
    wd.run(&args)
}

#[test]
fn an_id_number_where_the_unit_should_be_stops_the_score_masked() {
    let wd = Workdir::new();
    wd.write("counts.csv", UNITS);
    wd.write(
        "answers.csv",
        answers(&[
            "城关镇,满意,不存在",
            "南岗乡,基本满意,不存在",
            "11010519491231002X,不满意,严重",
            "青石镇,满意,不存在",
        ]),
    );
    let run = score(&wd, &["--units", "counts.csv"]);
    run.expect_bad_input(&[
        "answers.csv",
        "row 4",
        "column 乡镇 (A)",
        "'110105********002X'",
        "not one of the 3 evaluated units of counts.csv",
        "城关镇",
    ]);
    assert!(!run.stderr().contains("19491231"), "{}", run.stderr());
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_mistyped_unit_suggests_the_closest_one() {
    let wd = Workdir::new();
    wd.write("counts.csv", UNITS);
    wd.write(
        "answers.csv",
        answers(&["城关镇,满意,不存在", "南岗镇,满意,不存在"]),
    );
    score(&wd, &["--units", "counts.csv"]).expect_bad_input(&[
        "answers.csv",
        "row 3",
        "'南岗镇'",
        "did you mean '南岗乡'",
    ]);
    assert!(!wd.exists("s.csv"));
}

#[test]
fn inspection_findings_and_disqualified_lists_are_checked_too() {
    let wd = Workdir::new();
    wd.write("counts.csv", UNITS);
    wd.write(
        "answers.csv",
        answers(&[
            "城关镇,满意,不存在",
            "南岗乡,满意,严重",
            "青石镇,不满意,严重",
        ]),
    );
    wd.write(
        "inspection.csv",
        "单位,检查评估\n城关镇,25\n南岗镇,28\n青石镇,20\n",
    );
    score(
        &wd,
        &["--units", "counts.csv", "--inspection", "inspection.csv"],
    )
    .expect_bad_input(&["inspection.csv", "row 3", "did you mean '南岗乡'"]);
    wd.write(
        "inspection.csv",
        "单位,检查评估\n城关镇,25\n南岗乡,28\n青石镇,20\n",
    );
    wd.write("findings.csv", "单位,虚假\n城关镇,1\n青石乡 ,2\n");
    score(
        &wd,
        &[
            "--units",
            "counts.csv",
            "--inspection",
            "inspection.csv",
            "--findings",
            "findings.csv",
        ],
    )
    .expect_bad_input(&["findings.csv", "row 3", "did you mean '青石镇'"]);
    wd.write("disq.csv", "单位,原因\n城关真,弄虚作假\n");
    score(
        &wd,
        &["--units", "counts.csv", "--disqualified", "disq.csv"],
    )
    .expect_bad_input(&["disq.csv", "row 2", "did you mean '城关镇'"]);
    // The same unit scored twice in the inspection table is refused.
    wd.write(
        "inspection.csv",
        "单位,检查评估\n城关镇,25\n南岗乡,28\n城关镇 ,20\n",
    );
    score(
        &wd,
        &["--units", "counts.csv", "--inspection", "inspection.csv"],
    )
    .expect_bad_input(&[
        "inspection.csv",
        "row 4",
        "second inspection score",
        "row 2",
    ]);
    assert!(!wd.exists("s.csv"));
}

#[test]
fn names_that_print_alike_are_one_unit_and_every_evaluated_unit_is_listed() {
    let wd = Workdir::new();
    wd.write("counts.csv", UNITS);
    wd.write(
        "answers.csv",
        answers(&[
            "城关镇,满意,不存在",
            "城关镇\u{200b},基本满意,不存在",
            "南岗乡,满意,不存在",
        ]),
    );
    score(
        &wd,
        &["--units", "counts.csv", "--missing-inspection", "zero"],
    )
    .expect_code(0);
    let text = String::from_utf8(wd.read("s.csv")).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{text}");
    let chengguan: Vec<&&str> = rows.iter().filter(|r| r.starts_with("城关镇")).collect();
    assert_eq!(chengguan.len(), 1, "{text}");
    assert!(chengguan[0].starts_with("城关镇,2,"), "{text}");
    assert!(!text.contains('\u{200b}'));
    // 青石镇 has no answers: still listed, flagged, not ranked.
    let qingshi = rows.iter().find(|r| r.starts_with("青石镇")).unwrap();
    assert!(qingshi.contains("no survey answers"), "{text}");
    assert!(!text.contains("合计"), "{text}");
}

#[test]
fn a_score_needs_a_list_of_units_and_takes_the_inspection_table_as_one() {
    let wd = Workdir::new();
    wd.write(
        "answers.csv",
        answers(&["城关镇,满意,不存在", "南岗乡,满意,不存在"]),
    );
    score(&wd, &[]).expect_bad_input(&["--units", "--inspection"]);
    assert!(!wd.exists("s.csv"));
    wd.write("inspection.csv", "单位,检查评估\n城关镇,25\n南岗乡,28\n");
    score(&wd, &["--inspection", "inspection.csv"]).expect_code(0);
    wd.write("inspection.csv", "单位,检查评估\n城关镇,25\n");
    score(&wd, &["--inspection", "inspection.csv", "--force"]).expect_bad_input(&[
        "answers.csv",
        "row 3",
        "evaluated units of inspection.csv",
    ]);
}

#[test]
fn a_call_log_names_only_units_of_the_sample() {
    let wd = util::example_county();
    util::draw_example(&wd, "20260615", "sample.csv");
    let text = String::from_utf8(wd.read("sample.csv")).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let id = head.iter().position(|h| *h == "编号").unwrap();
    let unit = head.iter().position(|h| *h == "乡镇").unwrap();
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    let (id, unit) = (first[id], first[unit]);
    wd.write(
        "calls.csv",
        format!("编号,乡镇,通话结果\n{id},{unit},接通\n"),
    );
    wd.ok(&["verify", "--calls", "calls.csv", "--sample", "sample.csv"]);
    wd.write(
        "calls.csv",
        format!("编号,乡镇,通话结果\n{id},{unit},接通\n{id},13812345678,接通\n"),
    );
    let run = wd.run(&["verify", "--calls", "calls.csv", "--sample", "sample.csv"]);
    run.expect_bad_input(&["calls.csv", "row 3", "column 乡镇 (B)", "'138****5678'"]);
    assert!(!run.stderr().contains("12345678"), "{}", run.stderr());
    // A real unit, but not this respondent's: a breach of the log, named.
    let other = if unit == "城关镇" {
        "青石镇"
    } else {
        "城关镇"
    };
    wd.write(
        "calls.csv",
        format!("编号,乡镇,通话结果\n{id},{other},接通\n"),
    );
    let run = wd.run(&["verify", "--calls", "calls.csv", "--sample", "sample.csv"]);
    run.expect_code(3);
    assert!(
        run.stdout().contains(&format!("is a respondent of {unit}")),
        "{}",
        run.stdout()
    );
}

#[test]
fn run_stops_on_an_answer_for_a_unit_the_frame_does_not_have() {
    let wd = util::with_example_data();
    let text = String::from_utf8(wd.read("data/county_responses.csv")).unwrap();
    // Row 2 of the file is the first answer, for 东岗镇.
    assert!(text.lines().nth(1).unwrap().contains(",东岗镇,"));
    wd.write(
        "data/county_responses.csv",
        text.replacen(",东岗镇,", ",东岗乡,", 1),
    );
    wd.run(&["run"]).expect_bad_input(&[
        "county_responses.csv",
        "row 2",
        "'东岗乡'",
        "did you mean '东岗镇'",
    ]);
    assert!(!wd.exists("out/county/score.csv"));
    assert!(!wd.exists("out/county/frame.csv"));
}

/// The data rows of `text` in another order: a fixed pseudo-random shuffle.
fn shuffled(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let head = lines.remove(0);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for i in (1..lines.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        lines.swap(i, (state % (i as u64 + 1)) as usize);
    }
    format!("{head}\n{}\n", lines.join("\n"))
}

#[test]
fn scores_do_not_depend_on_the_order_of_the_answers() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let score_with = |responses: &str, out: &str| {
        wd.ok(&[
            "score",
            "--responses",
            responses,
            "--units",
            "out/county/frame.csv",
            "--scheme",
            "township",
            "--inspection",
            "data/county_inspection.csv",
            "--findings",
            "out/county/audit_tally.csv",
            "--out",
            out,
        ]);
    };
    let text = String::from_utf8(wd.read("data/county_responses.csv")).unwrap();
    let other = shuffled(&text);
    assert_ne!(text, other);
    wd.write("shuffled.csv", &other);
    wd.write("reversed.csv", {
        let mut lines: Vec<&str> = text.lines().collect();
        let head = lines.remove(0);
        lines.reverse();
        format!("{head}\n{}\n", lines.join("\n"))
    });
    score_with("data/county_responses.csv", "a.csv");
    score_with("shuffled.csv", "b.csv");
    score_with("reversed.csv", "c.csv");
    let text_of = |name: &str| String::from_utf8(wd.read(name)).unwrap();
    assert_eq!(text_of("a.csv"), text_of("b.csv"));
    assert_eq!(text_of("a.csv"), text_of("c.csv"));
    // The run's own score equals the command's.
    assert_eq!(text_of("a.csv"), text_of("out/county/score.csv"));
    // A score whose answers were reordered afterwards still verifies: same content.
    wd.write("data/county_responses.csv", &other);
    let run = wd.ok(&["verify", "a.csv.manifest.json"]);
    assert!(run.stdout().contains("same content"), "{}", run.stdout());
    wd.ok(&[
        "verify",
        "--root",
        ".",
        "out/county/score.csv.manifest.json",
    ]);
    // …and an answer changed afterwards does not.
    wd.write(
        "data/county_responses.csv",
        other.replacen(",满意,", ",不满意,", 1),
    );
    wd.run(&["verify", "a.csv.manifest.json"]).expect_code(3);
}

#[test]
fn every_number_of_the_configuration_is_checked_before_anything_is_written() {
    let wd = util::with_example_data();
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    for (from, to, needles) in [
        (
            "margin = 0.05 ",
            "margin = nan ",
            vec!["pingyi.toml", "[city] key margin holds NaN"],
        ),
        (
            "margin = 0.1 ",
            "margin = -0.1 ",
            vec!["pingyi.toml", "[county] key margin holds -0.1"],
        ),
        (
            "confidence = 0.95\nmin_per_stratum = 5",
            "confidence = inf\nmin_per_stratum = 5",
            vec!["[city] key confidence holds inf"],
        ),
        (
            "reserve_rate = \"0.3\"     #",
            "reserve_rate = -0.3     #",
            vec!["[city] key reserve_rate", "'-0.3' is not a rate"],
        ),
        (
            "audit_rate = \"0.30\"",
            "audit_rate = 1.5",
            vec!["[county] key audit_rate holds 1.5"],
        ),
        (
            "draw = \"20260615-青石-民主评议\"",
            "draw = 20260615",
            vec!["pingyi.toml", "a seed is text in quotes"],
        ),
        (
            "audit_rate = \"0.30\"",
            "",
            vec!["[county] key audit_results is given but audit_rate is not"],
        ),
    ] {
        assert!(config.contains(from), "{from}");
        wd.write("data/pingyi.toml", config.replacen(from, to, 1));
        wd.run(&["run"]).expect_bad_input(&needles);
        assert!(!wd.exists("out"));
    }
    // A rate typed as a number reads as the same rate.
    wd.write(
        "data/pingyi.toml",
        config.replace("audit_rate = \"0.30\"", "audit_rate = 0.30"),
    );
    wd.ok(&["run"]);
}

#[test]
fn a_weighted_score_refuses_an_answer_filed_under_another_unit_than_the_draw() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let text = String::from_utf8(wd.read("data/county_responses.csv")).unwrap();
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .starts_with("QS0000992,东岗镇,")
    );
    wd.write("answers.csv", text.replacen(",东岗镇,", ",城关镇,", 1));
    wd.run(&[
        "score",
        "--responses",
        "answers.csv",
        "--scheme",
        "township",
        "--weighted",
        "--sample",
        "out/county/sample.csv",
        "--missing-inspection",
        "zero",
        "--out",
        "w.csv",
    ])
    .expect_bad_input(&[
        "answers.csv",
        "row 2",
        "names 城关镇",
        "'QS0000992' was drawn for 东岗镇",
    ]);
    assert!(!wd.exists("w.csv"));
}

#[test]
fn tally_rules_that_are_not_numbers_are_refused() {
    let wd = Workdir::new();
    for (flag, value) in [
        ("--per-case", "NaN"),
        ("--per-case", "inf"),
        ("--cap", "-1"),
        ("--recheck-at", "nan"),
    ] {
        wd.run(&[
            "audit",
            "tally",
            "--checklist",
            "checklist.xlsx",
            &format!("{flag}={value}"),
            "--out",
            "t.csv",
        ])
        .expect_bad_input(&[flag]);
    }
}

#[test]
fn a_slip_as_close_to_two_units_suggests_both() {
    // 西河乡 is one character from 西河镇 and from 柳河乡: suggesting one alone could send
    // the clerk to the wrong township.
    let wd = Workdir::new();
    wd.write(
        "counts.csv",
        "乡镇,农村低保\n西河镇,10\n柳河乡,8\n青石镇,7\n",
    );
    wd.write("answers.csv", answers(&["西河乡,满意,不存在"]));
    for lang in ["en", "zh"] {
        let mut args = vec!["--lang", lang];
        args.extend([
            "score",
            "--responses",
            "answers.csv",
            "--scheme",
            "township",
        ]);
        args.extend(["--out", "s.csv", "--units", "counts.csv"]);
        let run = wd.run(&args);
        run.expect_code(2);
        assert!(run.stderr().contains("西河镇 / 柳河乡"), "{}", run.stderr());
    }
}

#[test]
fn the_score_manifest_holds_no_digest_a_lone_respondent_can_be_found_by() {
    // A unit with one respondent: a digest over that person's answers alone would
    // give them away to anyone trying the few answers there are.
    let wd = Workdir::new();
    wd.write("counts.csv", UNITS);
    let rows: Vec<String> = (0..6)
        .map(|i| format!("城关镇,满意,不存在,{i}"))
        .chain(["南岗乡,不满意,严重,99".to_string()])
        .chain((0..6).map(|i| format!("青石镇,满意,不存在,{}", 10 + i)))
        .collect();
    let mut text = String::from("乡镇,总体满意度,不良行为,受访者编号\n");
    for r in &rows {
        text.push_str(r);
        text.push('\n');
    }
    wd.write("answers.csv", text);
    let extra = ["--units", "counts.csv", "--missing-inspection", "zero"];
    score(&wd, &extra).expect_code(0);
    let manifest: serde_json::Value =
        serde_json::from_slice(&wd.read("s.csv.manifest.json")).unwrap();
    let responses = manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["role"] == "responses")
        .unwrap();
    let recorded = responses["content"]["strata"]["南岗乡"][""]["digest"]
        .as_str()
        .unwrap()
        .to_string();
    // Every answer the lone respondent could have given, digested as an unkeyed
    // content digest would be: none is what the manifest records.
    use sha2::{Digest, Sha256};
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    for overall in ["满意", "基本满意", "不满意", "不了解"] {
        for conduct in ["不存在", "轻微", "严重", "不了解"] {
            let record = format!("南岗乡\u{1f}{overall}\u{1f}{conduct}\u{1f}99\u{1f}");
            let one = Sha256::digest(record.as_bytes());
            let unkeyed = hex(&Sha256::digest(one));
            assert_ne!(unkeyed, recorded, "found {overall} {conduct}");
        }
    }
    assert_eq!(responses["content"]["keyed"], true);
    // and the score still verifies, also after its answers are reordered
    wd.ok(&["verify", "s.csv"]);
    let text = String::from_utf8(wd.read("answers.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    wd.write("answers.csv", lines.join("\n") + "\n");
    let run = wd.run(&["verify", "s.csv"]);
    assert!(!run.stdout().contains("南岗乡"), "{}", run.stdout());
}
