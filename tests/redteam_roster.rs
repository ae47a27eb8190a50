//! Rosters made the way offices make them, through the real binary: two columns that
//! could each be the unit or the category, ID numbers Excel turned into numbers, a
//! note that runs across lines, ragged rows and invisible marks in a unit's name.
//! Each is read right or refused (exit 2) naming file, row and column, in English and
//! in Chinese; no draw guesses.

mod util;

use util::Workdir;

/// Two units of three 农村低保 recipients each; one drawn per unit.
fn county(roster: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,3,1,0\n乙,农村低保,3,1,0\n",
    );
    wd.write("roster.csv", roster);
    wd
}

fn draw(wd: &Workdir, lang: &str) -> util::Run {
    wd.run(&[
        "--lang",
        lang,
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "7",
        "--out",
        "s.csv",
    ])
}

fn refused(roster: &str, en: &[&str], zh: &[&str]) {
    let wd = county(roster);
    let mut needles = vec!["roster.csv"];
    needles.extend_from_slice(en);
    draw(&wd, "en").expect_bad_input(&needles);
    let mut needles = vec!["roster.csv"];
    needles.extend_from_slice(zh);
    draw(&wd, "zh").expect_bad_input(&needles);
    assert!(!wd.exists("s.csv"), "a refused draw writes nothing");
}

const GOOD: &str = "编号,乡镇,类别,姓名\na1,甲,农村低保,张三\na2,甲,农村低保,李四\na3,甲,农村低保,王五\nb1,乙,农村低保,赵六\nb2,乙,农村低保,钱七\nb3,乙,农村低保,孙八\n";

#[test]
fn the_clean_roster_draws() {
    let wd = county(GOOD);
    draw(&wd, "en").expect_code(0);
}

#[test]
fn two_columns_that_could_each_be_the_unit_are_refused_naming_both() {
    // 乡镇 and 所属乡镇 disagree but the counts still balance: a guess would draw
    // from the wrong township without a word.
    let roster = "编号,乡镇,所属乡镇,类别,姓名\na1,甲,乙,农村低保,张三\na2,甲,乙,农村低保,李四\na3,甲,乙,农村低保,王五\nb1,乙,甲,农村低保,赵六\nb2,乙,甲,农村低保,钱七\nb3,乙,甲,农村低保,孙八\n";
    refused(
        roster,
        &["row 1", "乡镇 (B)", "所属乡镇 (C)"],
        &["第 1 行", "B 列", "C 列", "所属乡镇"],
    );
}

#[test]
fn two_columns_that_could_each_be_the_category_are_refused_naming_both() {
    let roster = "编号,乡镇,类别,救助类别,姓名\na1,甲,农村低保,五保,张三\na2,甲,农村低保,五保,李四\na3,甲,农村低保,五保,王五\nb1,乙,农村低保,五保,赵六\nb2,乙,农村低保,五保,钱七\nb3,乙,农村低保,五保,孙八\n";
    refused(
        roster,
        &["row 1", "类别 (C)", "救助类别 (D)"],
        &["第 1 行", "C 列", "D 列"],
    );
}

#[test]
fn an_id_number_excel_turned_into_a_number_is_refused() {
    let roster = "序号,所属乡镇,救助类别,姓名,身份证号\n1,甲,农村低保,张三,110101199003071234\n2,甲,农村低保,李四,9.90522E+17\n3,甲,农村低保,王五,110101199003075678\n4,乙,农村低保,赵六,110101199003071111\n5,乙,农村低保,钱七,110101199003072222\n6,乙,农村低保,孙八,110101199003073333\n";
    refused(roster, &["row 3", "身份证号 (E)"], &["第 3 行", "E 列"]);
}

#[test]
fn slips_in_rows_are_refused_naming_the_row() {
    // A value beyond the header (a stray comma), an invisible mark in a unit's name,
    // a blank unit.
    let extra = GOOD.replace("a2,甲,农村低保,李四", "a2,甲,农村低保,李,四");
    refused(&extra, &["row 3", "(E)"], &["第 3 行", "E 列"]);
    let marked = GOOD.replace("b2,乙,", "b2,乙\u{200b},");
    refused(&marked, &["row 6", "乡镇 (B)"], &["第 6 行", "B 列"]);
    let blank = GOOD.replace("b2,乙,", "b2,,");
    refused(&blank, &["row 6", "乡镇 (B)"], &["第 6 行", "B 列"]);
    // A quote never closed would swallow the rows after it.
    let quote = GOOD.replace("a2,甲,农村低保,李四", "a2,甲,农村低保,\"李四");
    refused(&quote, &["row 3", "never closed"], &["第 3 行", "引号"]);
}

#[test]
fn a_quote_never_closed_is_refused_even_when_counts_may_differ() {
    // Told to draw though the counts differ, the draw still never reads the rows a
    // stray quote swallowed as one name.
    let quote = GOOD.replace("a2,甲,农村低保,李四", "a2,甲,农村低保,\"李四");
    let wd = county(&quote);
    for threads in ["1", "4"] {
        wd.run(&[
            "draw",
            "--frame",
            "frame.csv",
            "--roster",
            "roster.csv",
            "--seed",
            "7",
            "--allow-count-mismatch",
            "--take-all-short",
            "--threads",
            threads,
            "--out",
            "s.csv",
        ])
        .expect_bad_input(&["roster.csv", "row 3"]);
        assert!(!wd.exists("s.csv"));
    }
}

#[test]
fn a_note_across_lines_and_blank_lines_read_as_the_recipients_they_are() {
    let roster = "编号,乡镇,类别,姓名,备注\na1,甲,农村低保,张三,\"家住\n河口村\"\na2,甲,农村低保,李四,\n\na3,甲,农村低保,王五,\nb1,乙,农村低保,赵六,\n,,,,\nb2,乙,农村低保,钱七,\nb3,乙,农村低保,孙八,\n";
    let wd = county(roster);
    draw(&wd, "en").expect_code(0);
    let (_, rows) = util::read_csv(&wd, "s.csv");
    assert_eq!(rows.len(), 2, "{rows:?}");
}
