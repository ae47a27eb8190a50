//! Rows and cells that read wrongly without a word, through the real binary: a CSV row
//! with fewer fields than its header (a line break typed inside a cell cuts one record
//! into two short rows) in every table a clerk hands in. Each is refused (exit 2)
//! naming file, row and column, in English and in Chinese; a blank row, empty fields
//! after the last one and a header with empty names after its last still read.

mod util;

use util::Workdir;

/// Two units of three 农村低保 recipients each; one drawn per unit.
fn county(roster: impl AsRef<[u8]>) -> Workdir {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,3,1,0\n乙,农村低保,3,1,0\n",
    );
    wd.write("roster.csv", roster);
    wd
}

fn draw(wd: &Workdir, lang: &str, threads: &str) -> util::Run {
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
        "--threads",
        threads,
        "--out",
        "s.csv",
    ])
}

/// The draw of `roster` refused in both languages, with one and with four threads,
/// naming what `en` and `zh` list besides the file; nothing written.
fn draw_refused(roster: impl AsRef<[u8]>, en: &[&str], zh: &[&str]) {
    let wd = county(roster);
    for threads in ["1", "4"] {
        draw(&wd, "en", threads).expect_bad_input(&[&["roster.csv"], en].concat());
        draw(&wd, "zh", threads).expect_bad_input(&[&["roster.csv"], zh].concat());
        assert!(!wd.exists("s.csv"), "a refused draw writes nothing");
    }
}

const GOOD: &str = "编号,乡镇,类别,姓名,备注\na1,甲,农村低保,张三,\na2,甲,农村低保,李四,\na3,甲,农村低保,王五,\nb1,乙,农村低保,赵六,\nb2,乙,农村低保,钱七,\nb3,乙,农村低保,孙八,\n";

#[test]
fn a_roster_row_short_of_fields_is_refused_naming_its_first_missing_cell() {
    // Row 3 lost its 备注 field (no delimiter after 李四): read today as a blank note.
    let short = GOOD.replace("a2,甲,农村低保,李四,", "a2,甲,农村低保,李四");
    draw_refused(
        &short,
        &["row 3", "备注 (E)", "4 fields", "header has 5"],
        &["第 3 行", "E 列", "4 列", "表头却有 5 列"],
    );
}

#[test]
fn a_line_break_typed_inside_a_cell_is_refused_at_the_row_it_cuts() {
    // The name typed over two lines: row 3 stops after 李, row 4 starts with 四.
    let cut = "编号,姓名,乡镇,类别,备注\na1,张三,甲,农村低保,\na2,李\n四,甲,农村低保,\na3,王五,甲,农村低保,\nb1,赵六,乙,农村低保,\nb2,钱七,乙,农村低保,\nb3,孙八,乙,农村低保,\n";
    draw_refused(cut, &["row 3", "乡镇 (C)"], &["第 3 行", "C 列"]);
    // The same in the last column: the note's second line would read as a record.
    let note = GOOD.replace("a2,甲,农村低保,李四,", "a2,甲,农村低保,李四,家住\n河口村");
    draw_refused(&note, &["row 4", "乡镇 (B)"], &["第 4 行", "B 列"]);
}

#[test]
fn a_short_row_is_refused_in_a_chunk_with_quotes_and_in_gbk() {
    // A quote elsewhere in the file sends its chunk through the CSV reader; GBK goes
    // through the ordered reader. Both refuse the same row.
    let quoted = GOOD
        .replace("a1,甲,农村低保,张三,", "a1,甲,农村低保,\"张三\",")
        .replace("b2,乙,农村低保,钱七,", "b2,乙,农村低保");
    draw_refused(&quoted, &["row 6", "姓名 (D)"], &["第 6 行", "D 列"]);
    let short = GOOD.replace("b2,乙,农村低保,钱七,", "b2,乙,农村低保");
    let gbk = encoding_rs::GBK.encode(&short).0.into_owned();
    draw_refused(&gbk, &["row 6", "姓名 (D)"], &["第 6 行", "D 列"]);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(short.as_bytes());
    draw_refused(&bom, &["row 6", "姓名 (D)"], &["第 6 行", "D 列"]);
}

#[test]
fn blank_rows_trailing_empty_fields_and_unnamed_header_fields_still_read() {
    // A blank line, a row of delimiters, empty fields after the last one, and a header
    // written with empty names after its last (rows as long as its names reach).
    let roster = "编号,乡镇,类别,姓名,备注,,\na1,甲,农村低保,张三,\n\na2,甲,农村低保,李四,,,\n,,,,\na3,甲,农村低保,王五,\nb1,乙,农村低保,赵六,,\nb2,乙,农村低保,钱七,\nb3,乙,农村低保,孙八,,,,\n";
    let wd = county(roster);
    for threads in ["1", "4"] {
        draw(&wd, "en", threads).expect_code(0);
        let (_, rows) = util::read_csv(&wd, "s.csv");
        assert_eq!(rows.len(), 2, "{rows:?}");
        std::fs::remove_file(wd.path("s.csv")).unwrap();
        std::fs::remove_file(wd.path("s.csv.manifest.json")).unwrap();
        let _ = std::fs::remove_file(wd.path("s.csv.quality.csv"));
    }
}

/// `text` with the `n`-th line (1-based) cut before its last `fields` fields.
fn cut_line(text: &str, n: usize, fields: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let line = &mut lines[n - 1];
    for _ in 0..fields {
        let at = line.rfind(',').unwrap();
        line.truncate(at);
    }
    lines.join("\n") + "\n"
}

fn text(wd: &Workdir, name: &str) -> String {
    String::from_utf8(wd.read(name)).unwrap()
}

/// The same refusal in English and in Chinese.
fn refused_in_both(wd: &Workdir, args: &[&str], en: &[&str], zh: &[&str]) {
    wd.run(args).expect_bad_input(en);
    wd.run(&[&["--lang", "zh"], args].concat())
        .expect_bad_input(zh);
}

const DRAW_SEED: &str = "20260615-青石-民主评议";

/// The example county drawn into `sample.csv`, its audit subset selected into `c.csv`
/// and filled (every record genuine) into `filled.csv`.
fn filled_county() -> Workdir {
    let wd = util::example_county();
    util::draw_example(&wd, DRAW_SEED, "sample.csv");
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "3",
        "--out",
        "c.csv",
    ]);
    let (h, mut rows) = util::read_csv(&wd, "c.csv");
    let result = h.iter().position(|c| c == "result").unwrap();
    for r in rows.iter_mut() {
        r[result] = "真实".into();
    }
    util::write_csv(&wd, "filled.csv", &h, &rows);
    wd
}

#[test]
fn a_returned_checklist_row_short_of_fields_is_refused() {
    let wd = filled_county();
    // Row 4 stops after its result: 核查人, 日期, 备注 and 核查批次 are missing.
    let filled = text(&wd, "filled.csv");
    wd.write("filled.csv", cut_line(&filled, 4, 4));
    let args = [
        "audit",
        "tally",
        "--checklist",
        "filled.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ];
    refused_in_both(
        &wd,
        &args,
        &["filled.csv", "row 4", "verifier (J)"],
        &["filled.csv", "第 4 行", "J 列"],
    );
    assert!(!wd.exists("t.csv"));
}

#[test]
fn findings_short_of_fields_are_refused_by_the_score() {
    let wd = filled_county();
    util::tally_filled(&wd);
    let t = text(&wd, "t.csv");
    let width = t.lines().next().unwrap().split(',').count();
    wd.write("t.csv", cut_line(&t, 2, 1));
    wd.copy_from_repo("data/county_responses.csv", "responses.csv");
    wd.copy_from_repo("data/county_inspection.csv", "inspection.csv");
    let args = [
        "score",
        "--units",
        "frame.csv",
        "--responses",
        "responses.csv",
        "--scheme",
        "township",
        "--inspection",
        "inspection.csv",
        "--findings",
        "t.csv",
        "--out",
        "s.csv",
    ];
    let letter = char::from(b'A' + (width - 1) as u8).to_string();
    let en_col = format!("({letter})");
    let zh_col = format!("{letter} 列");
    refused_in_both(
        &wd,
        &args,
        &["t.csv", "row 2", &en_col],
        &["t.csv", "第 2 行", &zh_col],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_sample_with_its_used_column_short_of_fields_is_refused() {
    let wd = util::example_county();
    util::draw_example(&wd, DRAW_SEED, "sample.csv");
    // The clerk adds a 已启用 column and leaves it off row 5.
    let sample = text(&wd, "sample.csv");
    let mut lines: Vec<String> = sample.lines().map(|l| format!("{l},")).collect();
    lines[0].push_str("已启用");
    let width = lines[0].split(',').count();
    lines[4] = cut_line(&lines[4], 1, 2).trim_end().to_string();
    wd.write("sample.csv", lines.join("\n") + "\n");
    let args = [
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "3",
        "--out",
        "c.csv",
    ];
    let letter = char::from(b'A' + (width - 2) as u8).to_string();
    refused_in_both(
        &wd,
        &args,
        &["sample.csv", "row 5", &format!("({letter})")],
        &["sample.csv", "第 5 行", &format!("{letter} 列")],
    );
    assert!(!wd.exists("c.csv"));
}

const UNITS: &str = "乡镇\n城关镇\n南岗乡\n";

fn answers() -> String {
    let mut s = String::from("编号,乡镇,通话结果,总体满意度,不良行为\n");
    for i in 0..6 {
        s.push_str(&format!("A{i},城关镇,接通,满意,不存在\n"));
        s.push_str(&format!("B{i},南岗乡,接通,不满意,严重\n"));
    }
    s
}

fn score_county(answers: &str, inspection: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("units.csv", UNITS);
    wd.write("inspection.csv", inspection);
    wd.write("answers.csv", answers);
    wd
}

const SCORE: [&str; 11] = [
    "score",
    "--responses",
    "answers.csv",
    "--units",
    "units.csv",
    "--inspection",
    "inspection.csv",
    "--scheme",
    "township",
    "--out",
    "s.csv",
];

const INSPECTION: &str = "乡镇,检查评估,备注\n城关镇,25,\n南岗乡,28,\n";

#[test]
fn the_clean_score_inputs_read() {
    score_county(&answers(), INSPECTION).ok(&SCORE);
}

#[test]
fn a_response_row_short_of_fields_is_refused() {
    // Row 5 lost its 不良行为 answer: read today as no answer.
    let wd = score_county(&cut_line(&answers(), 5, 1), INSPECTION);
    refused_in_both(
        &wd,
        &SCORE,
        &["answers.csv", "row 5", "不良行为 (E)"],
        &["answers.csv", "第 5 行", "E 列"],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn an_inspection_row_short_of_fields_is_refused() {
    let wd = score_county(&answers(), "乡镇,检查评估,备注\n城关镇,25,\n南岗乡\n");
    refused_in_both(
        &wd,
        &SCORE,
        &["inspection.csv", "row 3", "检查评估 (B)"],
        &["inspection.csv", "第 3 行", "B 列"],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_disqualified_list_row_short_of_fields_is_refused() {
    let wd = score_county(&answers(), INSPECTION);
    wd.write("dq.csv", "乡镇,原因\n城关镇,发现虚报\n南岗乡\n");
    let args = [&SCORE[..], &["--disqualified", "dq.csv"]].concat();
    refused_in_both(
        &wd,
        &args,
        &["dq.csv", "row 3", "原因 (B)"],
        &["dq.csv", "第 3 行", "B 列"],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_call_log_row_short_of_fields_is_refused() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,1,1\n",
    );
    wd.write(
        "roster.csv",
        "编号,乡镇,类别,姓名\na1,甲,农村低保,张三\na2,甲,农村低保,李四\na3,甲,农村低保,王五\na4,甲,农村低保,赵六\n",
    );
    util::draw_example(&wd, "7", "s.csv");
    let (_, rows) = util::read_csv(&wd, "s.csv");
    let main = &rows[0][0];
    // The call's note typed over two lines: row 3 holds the note's second line alone.
    wd.write(
        "calls.csv",
        format!("编号,通话结果,备注\n{main},接通,本人\n接听\n"),
    );
    let args = ["verify", "--calls", "calls.csv", "--sample", "s.csv"];
    refused_in_both(
        &wd,
        &args,
        &["calls.csv", "row 3", "通话结果 (B)"],
        &["calls.csv", "第 3 行", "B 列"],
    );
}

/// A roster saved as CSV by Excel from number-formatted columns: two phones and an ID
/// number written in scientific notation, their digits lost.
const MANGLED: &str = "编号,乡镇,类别,姓名,身份证号,联系电话\na1,甲,农村低保,张三,110105194912310126,1.38123E+10\na2,甲,农村低保,李四,1.10105E+17,13800000001\na3,甲,农村低保,王五,110105194912310329,13800000002\nb1,乙,农村低保,赵六,110105194912310425,1.38123E+10\nb2,乙,农村低保,钱七,110105194912310521,13800000003\nb3,乙,农村低保,孙八,110105194912310628,13800000004\n";

#[test]
fn phones_and_id_numbers_excel_stored_as_numbers_are_findings_of_their_own() {
    let wd = county(MANGLED);
    for threads in ["1", "4"] {
        let run = draw(&wd, "en", threads);
        run.expect_code(0);
        assert!(run.stdout().contains("3 × digits_lost"), "{}", run.stdout());
        let report = text(&wd, "s.csv.quality.csv");
        let lost: Vec<&str> = report
            .lines()
            .filter(|l| l.starts_with("digits_lost"))
            .collect();
        assert_eq!(lost.len(), 3, "{report}");
        assert!(
            lost[0].starts_with("digits_lost,甲,1.38***E+10,roster.csv:2,"),
            "{report}"
        );
        assert!(
            lost[1].starts_with("digits_lost,甲,1.10***E+17,roster.csv:3,"),
            "{report}"
        );
        assert!(
            lost[2].starts_with("digits_lost,乙,1.38***E+10,roster.csv:5,"),
            "{report}"
        );
        assert!(lost[0].contains("phone number") && lost[1].contains("ID number"));
        assert!(lost[0].contains("Format Cells"), "{report}");
        // Two mangled phones look alike but are not one phone shared; no ID number is
        // called invalid for a lost digit, nor do the report's values show more digits.
        assert!(!report.contains("phone_shared"), "{report}");
        assert!(!report.contains("invalid_id_number"), "{report}");
        assert!(
            !report.contains("1.38123") && !report.contains("1.10105"),
            "{report}"
        );
        // verify builds the same report again.
        wd.ok(&["verify", "s.csv"]);
        for f in ["s.csv", "s.csv.manifest.json", "s.csv.quality.csv"] {
            std::fs::remove_file(wd.path(f)).unwrap();
        }
    }
    let run = draw(&wd, "zh", "4");
    run.expect_code(0);
    assert!(
        run.stdout().contains("3 × 号码位数已丢失"),
        "{}",
        run.stdout()
    );
    let report = text(&wd, "s.csv.quality.csv");
    assert!(report.contains("设置单元格格式"), "{report}");
}

#[test]
fn lost_digits_are_found_in_gbk_as_in_utf8() {
    let gbk = encoding_rs::GBK.encode(MANGLED).0.into_owned();
    let wd = county(gbk);
    let run = draw(&wd, "en", "2");
    run.expect_code(0);
    assert!(run.stdout().contains("3 × digits_lost"), "{}", run.stdout());
}

#[test]
fn an_id_column_excel_stored_as_numbers_is_still_refused() {
    // Without an 编号 column the ID number is the id: its lost digits stop the draw.
    let roster = MANGLED
        .lines()
        .map(|l| l.split_once(',').unwrap().1.to_string())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    draw_refused(&roster, &["row 3", "身份证号 (D)"], &["第 3 行", "D 列"]);
}

#[test]
fn the_html_report_counts_lost_digits_per_unit() {
    let wd = county(MANGLED);
    draw(&wd, "en", "1").expect_code(0);
    for (lang, column) in [
        ("en", "Number stored as a number in Excel (digits lost)"),
        ("zh", "号码被 Excel 存成数字（位数已丢失）"),
    ] {
        wd.ok(&[
            "--lang", lang, "report", "s.csv", "--out", "r.html", "--force",
        ]);
        let html = text(&wd, "r.html");
        assert!(html.contains(column), "{lang}");
        assert!(!html.contains("1.38123") && !html.contains("1.10105"));
    }
    // A report without such findings keeps its three columns.
    let wd = county(GOOD);
    draw(&wd, "en", "1").expect_code(0);
    wd.ok(&["report", "s.csv", "--out", "r.html"]);
    assert!(!text(&wd, "r.html").contains("digits lost"));
}

fn counts(wd: &Workdir, lang: &str) -> util::Run {
    wd.run(&["--lang", lang, "counts", "c.csv"])
}

#[test]
fn category_headers_with_a_count_unit_in_brackets_name_that_category() {
    let wd = Workdir::new();
    wd.write(
        "c.csv",
        "乡镇,农村低保（人）,城市低保(户),五保 （人）,临时救助（单位：人）,合计（人）\n甲,10,20,3,1,34\n乙,5,6,7,0,18\n",
    );
    let out = counts(&wd, "en").expect_code(0).stdout();
    for row in [
        "甲,rural_dibao,10",
        "甲,urban_dibao,20",
        "甲,five_guarantee,3",
        "甲,临时救助,1",
    ] {
        assert!(out.contains(row), "{out}");
    }
    assert!(!out.contains('(') && !out.contains('人'), "{out}");
}

#[test]
fn a_subtotal_adds_up_the_rows_since_the_previous_one_and_is_no_unit() {
    let wd = Workdir::new();
    let table = "乡镇,农村低保,城市低保\n甲,10,20\n乙,5,6\n小计,15,26\n丙,1,1\n丁,2,2\n东片小计,3,3\n合计,18,29\n";
    wd.write("c.csv", table);
    let out = counts(&wd, "en").expect_code(0).stdout();
    assert_eq!(out.lines().count(), 1 + 8, "{out}");
    assert!(!out.contains("小计"), "{out}");
    // A subtotal that disagrees with its own rows is named with those rows.
    wd.write("c.csv", table.replace("东片小计,3,3", "东片小计,3,4"));
    counts(&wd, "en").expect_bad_input(&[
        "c.csv",
        "row 7",
        "城市低保 (C)",
        "from row 5 to row 6",
        "the subtotal says 4",
        "add up to 3",
        "correct the numbers or the subtotal",
    ]);
    counts(&wd, "zh").expect_bad_input(&[
        "c.csv",
        "第 7 行",
        "C 列",
        "小计填的是 4",
        "第 5 行到第 6 行",
        "请改正数字或小计",
    ]);
    // The 合计 still adds up every unit, not the subtotals.
    wd.write("c.csv", table.replace("合计,18,29", "合计,36,58"));
    counts(&wd, "en").expect_bad_input(&[
        "c.csv",
        "row 8",
        "the total says 36",
        "add up to 18",
        "correct the numbers or the total",
    ]);
    counts(&wd, "zh").expect_bad_input(&["c.csv", "第 8 行", "合计填的是 36", "请改正数字或合计"]);
}

#[test]
fn a_subtotal_in_the_long_form_adds_up_its_own_rows() {
    let wd = Workdir::new();
    let table =
        "乡镇,类别,人数\n甲,农村低保,3\n乙,农村低保,4\n小计,,7\n丙,农村低保,1\n小计,,1\n合计,,8\n";
    wd.write("c.csv", table);
    counts(&wd, "en").expect_code(0);
    wd.write("c.csv", table.replace("小计,,1", "小计,,2"));
    counts(&wd, "en").expect_bad_input(&["c.csv", "row 6", "人数 (C)", "from row 5 to row 5"]);
    counts(&wd, "zh").expect_bad_input(&["c.csv", "第 6 行", "C 列", "第 5 行到第 5 行"]);
}

#[test]
fn a_workbook_id_number_stored_as_a_number_has_lost_digits_its_phones_not() {
    // A phone of 11 digits fits Excel's 15; an ID number of 18 does not.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["编号", "乡镇", "类别", "身份证号", "联系电话"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let ids = [
        "110105194912310126",
        "110105194912310222",
        "110105194912310329",
        "110105194912310425",
        "110105194912310521",
        "110105194912310628",
    ];
    for (i, id) in ids.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, format!("r{i}")).unwrap();
        sheet
            .write_string(r, 1, if i < 3 { "甲" } else { "乙" })
            .unwrap();
        sheet.write_string(r, 2, "农村低保").unwrap();
        match i {
            1 => sheet.write_number(r, 3, id.parse::<f64>().unwrap()),
            _ => sheet.write_string(r, 3, *id),
        }
        .unwrap();
        sheet.write_number(r, 4, 13800000000.0 + i as f64).unwrap();
    }
    let wd = county(book.save_to_buffer().unwrap());
    std::fs::rename(wd.path("roster.csv"), wd.path("roster.xlsx")).unwrap();
    let args = [
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.xlsx",
        "--seed",
        "7",
        "--out",
        "s.csv",
    ];
    let run = wd.run(&args);
    run.expect_code(0);
    assert!(run.stdout().contains("1 × digits_lost"), "{}", run.stdout());
    let report = text(&wd, "s.csv.quality.csv");
    let lost: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("digits_lost"))
        .collect();
    assert_eq!(lost.len(), 1, "{report}");
    assert!(
        lost[0].contains("roster.xlsx") && lost[0].contains(":3,"),
        "{report}"
    );
    assert!(lost[0].contains("ID number"), "{report}");
}
