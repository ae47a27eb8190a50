//! Names stay inside the office, through the real binary (the scan of every shared
//! output of a run for the roster's names is in privacy_scan.rs): a name typed into a
//! unit or an id cell is masked (`张*`) in the message that names the cell, in English
//! and in Chinese, a misspelt unit is still shown as typed; and a selection's identity
//! (核查批次) is never masked, whatever its digits.

mod util;

use util::Workdir;

const UNITS: &str = "乡镇,农村低保,城市低保\n城关镇,10,5\n南岗乡,8,4\n青石镇,7,3\n合计,25,12\n";

#[test]
fn a_name_typed_into_the_unit_column_is_masked_in_both_languages() {
    let wd = Workdir::new();
    wd.write("counts.csv", UNITS);
    let answers = "乡镇,总体满意度,不良行为\n城关镇,满意,不存在\n王小明,满意,不存在\n";
    wd.write("answers.csv", answers);
    let args = |lang: &'static str| {
        [
            "score",
            "--responses",
            "answers.csv",
            "--scheme",
            "township",
            "--units",
            "counts.csv",
            "--out",
            "s.csv",
            "--lang",
            lang,
        ]
    };
    let run = wd.run(&args("en"));
    run.expect_bad_input(&["answers.csv", "row 3", "column 乡镇 (A)", "'王**'"]);
    assert!(!run.stderr().contains("王小明"), "{}", run.stderr());
    let run = wd.run(&args("zh"));
    run.expect_bad_input(&["answers.csv", "第 3 行", "乡镇", "'王**'"]);
    assert!(!run.stderr().contains("王小明"), "{}", run.stderr());
    // A mistyped unit is still shown as typed, so the clerk can find it.
    wd.write(
        "answers.csv",
        "乡镇,总体满意度,不良行为\n城关真,满意,不存在\n",
    );
    wd.run(&args("en")).expect_bad_input(&["'城关真'"]);
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_name_in_the_call_log_id_column_is_masked_in_both_languages() {
    let wd = util::example_county();
    util::draw_example(&wd, "20260615", "sample.csv");
    wd.write("calls.csv", "编号,通话结果\n张三丰,接通\n");
    for (lang, says) in [("en", "row 2"), ("zh", "第 2 行")] {
        let args = [
            "verify",
            "--calls",
            "calls.csv",
            "--sample",
            "sample.csv",
            "--lang",
            lang,
        ];
        let run = wd.run(&args);
        run.expect_code(3);
        let out = run.stdout() + &run.stderr();
        assert!(out.contains("张**") && out.contains(says), "{lang}: {out}");
        assert!(!out.contains("张三丰"), "{lang}: {out}");
    }
}

#[test]
fn a_selection_identity_is_never_masked() {
    let wd = util::example_county();
    util::draw_example(&wd, "20260615", "sample.csv");
    let args = [
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "20260701",
        "--out",
        "c.csv",
    ];
    wd.ok(&args);
    let (h, mut rows) = util::read_csv(&wd, "c.csv");
    let col = h.iter().position(|x| x == "audit_id").unwrap();
    let real = rows[0][col].clone();
    // A checklist whose second row carries another selection's identity, all digits.
    rows[1][col] = "HC-012345678901".into();
    util::write_csv(&wd, "c.csv", &h, &rows);
    for lang in ["en", "zh"] {
        let args = [
            "audit",
            "tally",
            "--checklist",
            "c.csv",
            "--manifest",
            "c.csv.manifest.json",
            "--out",
            "t.csv",
            "--lang",
            lang,
        ];
        let run = wd.run(&args);
        run.expect_code(2);
        let err = run.stderr();
        assert!(
            err.contains("HC-012345678901") && err.contains(&real),
            "{lang}: {err}"
        );
    }
}

#[test]
fn a_name_typed_into_the_id_number_column_is_masked_in_the_quality_report() {
    let wd = util::example_county();
    let (h, mut rows) = util::read_csv(&wd, "roster.csv");
    let col = h.iter().position(|x| x == "身份证号").unwrap();
    rows[2][col] = "张三丰".into();
    util::write_csv(&wd, "roster.csv", &h, &rows);
    for (headers, out) in [("en", "en.csv"), ("zh", "zh.csv")] {
        let args = [
            "draw",
            "--frame",
            "frame.csv",
            "--roster",
            "roster.csv",
            "--seed",
            "1",
            "--out",
            out,
            "--headers",
            headers,
        ];
        let run = wd.ok(&args);
        let report = String::from_utf8(wd.read(&format!("{out}.quality.csv"))).unwrap();
        let row = report.lines().find(|l| l.contains("roster.csv:4")).unwrap();
        assert!(row.contains(",张**,"), "{row}");
        for text in [report.as_str(), &run.stdout(), &run.stderr()] {
            assert!(!text.contains("张三丰"), "{text}");
        }
        wd.ok(&["verify", &format!("{out}.manifest.json")]);
    }
}
