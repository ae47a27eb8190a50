//! Count cells as offices fill them, through the real binary: marks for none read as
//! 0 and listed, a 合计 that Excel's SUM got wrong because a number was stored as
//! text, and a workbook whose formulas were never computed. Each refusal in English
//! and in Chinese, naming the same cell.

mod util;

use util::Workdir;

/// Runs `pingyi counts FILE` in `lang`.
fn counts(wd: &Workdir, file: &str, lang: &str) -> util::Run {
    wd.run(&["--lang", lang, "counts", file])
}

/// A wide table: 单位 and three categories, rows as given.
fn wide_csv(rows: &[&str]) -> String {
    let mut text = "单位,农村低保,城市低保,五保\n".to_string();
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

#[test]
fn marks_for_none_read_as_zero_in_the_wide_form_and_are_listed() {
    let wd = Workdir::new();
    wd.write(
        "marks.csv",
        wide_csv(&["甲镇,—,12,－", "乙镇,-,/,无", "丙镇,,7,3"]),
    );
    wd.write(
        "numbers.csv",
        wide_csv(&["甲镇,0,12,0", "乙镇,0,0,0", "丙镇,0,7,3"]),
    );
    let marks = counts(&wd, "marks.csv", "en");
    marks.expect_code(0);
    assert_eq!(marks.stdout(), counts(&wd, "numbers.csv", "en").stdout());
    let err = marks.stderr();
    for cell in [
        "row 2, column 农村低保 (B)",
        "row 2, column 五保 (D)",
        "row 3, column 农村低保 (B)",
        "row 3, column 城市低保 (C)",
        "row 3, column 五保 (D)",
        "row 4, column 农村低保 (B)",
    ] {
        assert!(err.contains(cell), "warning lacks {cell}:\n{err}");
    }
    assert!(err.contains("6 count cells"), "{err}");
    assert!(err.contains("marks.csv"), "{err}");
    assert!(!err.contains("column 城市低保 (C), row 2"), "{err}");
    // A table written with numbers only warns of nothing.
    assert!(
        !counts(&wd, "numbers.csv", "en")
            .stderr()
            .contains("read as 0")
    );

    let zh = counts(&wd, "marks.csv", "zh");
    zh.expect_code(0);
    let err = zh.stderr();
    assert!(err.contains("已按 0 读取"), "{err}");
    assert!(
        err.contains("第 3 行，第 3 列（C 列）「城市低保」"),
        "{err}"
    );
}

#[test]
fn marks_for_none_read_as_zero_in_the_long_form() {
    let wd = Workdir::new();
    wd.write(
        "long.csv",
        "单位,类别,人数\n甲镇,农村低保,—\n甲镇,城市低保,5\n乙镇,农村低保,无\n乙镇,城市低保,\n",
    );
    wd.write(
        "plain.csv",
        "单位,类别,人数\n甲镇,农村低保,0\n甲镇,城市低保,5\n乙镇,农村低保,0\n乙镇,城市低保,0\n",
    );
    let run = counts(&wd, "long.csv", "en");
    run.expect_code(0);
    assert_eq!(run.stdout(), counts(&wd, "plain.csv", "en").stdout());
    let err = run.stderr();
    for cell in [
        "row 2, column 人数 (C)",
        "row 4, column 人数 (C)",
        "row 5, column 人数 (C)",
    ] {
        assert!(err.contains(cell), "warning lacks {cell}:\n{err}");
    }
    // The frame command shows the same warning.
    let frame = wd.run(&[
        "frame",
        "--counts",
        "long.csv",
        "--per-unit",
        "3",
        "--out",
        "f.csv",
    ]);
    frame.expect_code(0);
    assert!(
        frame.stderr().contains("row 4, column 人数 (C)"),
        "{}",
        frame.stderr()
    );
}

#[test]
fn a_mark_in_a_total_or_a_word_in_a_count_is_still_refused() {
    let wd = Workdir::new();
    wd.write("word.csv", wide_csv(&["甲镇,见附表,12,0"]));
    counts(&wd, "word.csv", "en").expect_bad_input(&["word.csv", "row 2", "(B)", "见附表"]);
    counts(&wd, "word.csv", "zh").expect_bad_input(&["word.csv", "第 2 行", "B 列", "见附表"]);
}

/// A wide workbook: 单位, three categories and 合计, with 乙镇's 城市低保 (C3)
/// stored as text and each total as Excel's SUM computed it: without C3.
fn book_with_text_number(total_row: bool) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (j, h) in ["单位", "农村低保", "城市低保", "五保", "合计"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, j as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "甲镇").unwrap();
    for (j, v) in [10.0, 20.0, 30.0, 60.0].iter().enumerate() {
        sheet.write_number(1, j as u16 + 1, *v).unwrap();
    }
    sheet.write_string(2, 0, "乙镇").unwrap();
    sheet.write_number(2, 1, 5.0).unwrap();
    sheet.write_string(2, 2, "7").unwrap();
    sheet.write_number(2, 3, 1.0).unwrap();
    // The row total is right when only the totals row is under test.
    sheet
        .write_number(2, 4, if total_row { 13.0 } else { 6.0 })
        .unwrap();
    if total_row {
        sheet.write_string(3, 0, "合计").unwrap();
        for (j, v) in [15.0, 20.0, 31.0].iter().enumerate() {
            sheet.write_number(3, j as u16 + 1, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_row_total_that_skipped_a_number_stored_as_text_names_that_cell() {
    let wd = Workdir::new();
    wd.write("text.xlsx", book_with_text_number(false));
    counts(&wd, "text.xlsx", "en").expect_bad_input(&[
        "text.xlsx",
        "row 3, column 城市低保 (C)",
        "stored as text",
        "Convert to Number",
        "column 合计 (E)",
        "says 6",
        "add up to 13",
    ]);
    counts(&wd, "text.xlsx", "zh").expect_bad_input(&[
        "text.xlsx",
        "第 3 行，第 3 列（C 列）「城市低保」",
        "以文本形式存储",
        "转换为数字",
        "（E 列）「合计」",
    ]);
}

#[test]
fn a_totals_row_that_skipped_a_number_stored_as_text_names_that_cell() {
    let wd = Workdir::new();
    wd.write("text.xlsx", book_with_text_number(true));
    counts(&wd, "text.xlsx", "en").expect_bad_input(&[
        "row 3, column 城市低保 (C)",
        "stored as text",
        "row 4, column 城市低保 (C)",
        "says 20",
        "add up to 27",
    ]);
    counts(&wd, "text.xlsx", "zh")
        .expect_bad_input(&["第 3 行，第 3 列（C 列）「城市低保」", "第 4 行"]);
}

#[test]
fn a_total_wrong_for_another_reason_is_not_blamed_on_text() {
    let wd = Workdir::new();
    // The CSV has no cells stored as text: the plain disagreement is reported.
    wd.write("wrong.csv", "单位,农村低保,城市低保,合计\n甲镇,10,7,10\n");
    let run = counts(&wd, "wrong.csv", "en");
    run.expect_bad_input(&["row 2, column 合计 (D)", "says 10"]);
    assert!(!run.stderr().contains("stored as text"), "{}", run.stderr());
}

/// A workbook as a program writes it: counts and a 合计 formula with no stored
/// result (the cell carries the formula and nothing else).
fn book_with_formulas_not_computed() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_formula_result_default("");
    for (j, h) in ["单位", "农村低保", "城市低保", "合计"].iter().enumerate() {
        sheet.write_string(0, j as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "甲镇").unwrap();
    sheet.write_number(1, 1, 10.0).unwrap();
    sheet.write_formula(1, 2, "=B2*2").unwrap();
    sheet.write_formula(1, 3, "=SUM(B2:C2)").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn formulas_never_computed_ask_to_open_and_save_in_excel() {
    let wd = Workdir::new();
    wd.write("program.xlsx", book_with_formulas_not_computed());
    let run = counts(&wd, "program.xlsx", "en");
    run.expect_bad_input(&["program.xlsx", "row 2", "column C", "open", "save it"]);
    assert!(!run.stderr().contains("write 0"), "{}", run.stderr());
    counts(&wd, "program.xlsx", "zh").expect_bad_input(&[
        "program.xlsx",
        "第 2 行",
        "C 列",
        "在 Excel 或 WPS 中打开并保存后再试",
    ]);
    // No frame is written either.
    wd.run(&[
        "frame",
        "--counts",
        "program.xlsx",
        "--per-unit",
        "3",
        "--out",
        "f.csv",
    ])
    .expect_bad_input(&["program.xlsx"]);
    assert!(!wd.exists("f.csv"));
}

#[test]
fn formulas_saved_with_their_results_are_read() {
    let wd = Workdir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (j, h) in ["单位", "农村低保", "城市低保", "合计"].iter().enumerate() {
        sheet.write_string(0, j as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "甲镇").unwrap();
    sheet.write_number(1, 1, 10.0).unwrap();
    sheet.write_number(1, 2, 7.0).unwrap();
    let sum = rust_xlsxwriter::Formula::new("=SUM(B2:C2)").set_result("17");
    sheet.write_formula(1, 3, sum).unwrap();
    wd.write("saved.xlsx", book.save_to_buffer().unwrap());
    let run = counts(&wd, "saved.xlsx", "en");
    run.expect_code(0);
    assert!(
        run.stdout().contains("甲镇,urban_dibao,7"),
        "{}",
        run.stdout()
    );
}

#[test]
fn what_means_none() {
    use pingyi::io::counts::means_none;
    for none in ["", " ", "—", "——", "－", "-", "--", "/", "／", "无", " 无 "] {
        assert!(means_none(none), "{none:?}");
    }
    for some in ["0", "1", "一", "无人", "-1", "见附表", "N/A"] {
        assert!(!means_none(some), "{some:?}");
    }
}
