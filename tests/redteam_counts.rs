//! Count tables made the way offices make them, through the real binary: workbooks
//! with a hidden sheet, merged cells, title rows and cells of every type, and CSV
//! files with the slips people make. Each is read to the right table or refused
//! (exit 2) naming the cell, in English and in Chinese; none is read wrongly.

mod util;

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use util::Workdir;

fn counts(wd: &Workdir, file: &str, lang: &str) -> util::Run {
    wd.run(&["--lang", lang, "counts", file])
}

/// Writes `rows` (text; cells that read as whole numbers as numbers) from row `top`.
fn fill(sheet: &mut Worksheet, top: u32, rows: &[&[&str]]) {
    for (i, row) in rows.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            let (r, c) = (top + i as u32, j as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) if cell.is_empty() => sheet,
                Err(_) => sheet.write_string(r, c, *cell).unwrap(),
            };
        }
    }
}

const CURRENT: &[&[&str]] = &[
    &["单位", "农村低保", "五保"],
    &["甲镇", "120", "7"],
    &["乙乡", "80", "3"],
];

const STALE: &[&[&str]] = &[
    &["单位", "农村低保", "五保"],
    &["甲镇", "999", "99"],
    &["乙乡", "1", "1"],
];

fn expected() -> &'static str {
    "unit,category,count\r\n乙乡,rural_dibao,80\r\n乙乡,five_guarantee,3\r\n甲镇,rural_dibao,120\r\n甲镇,five_guarantee,7\r\n"
}

#[test]
fn a_hidden_first_sheet_is_never_read_in_place_of_the_visible_one() {
    // Last year's table kept in a hidden first sheet; this year's is the one shown.
    let wd = Workdir::new();
    let mut book = Workbook::new();
    let old = book.add_worksheet().set_name("2025").unwrap();
    fill(old, 0, STALE);
    old.set_hidden(true);
    let now = book.add_worksheet().set_name("2026").unwrap();
    fill(now, 0, CURRENT);
    now.set_active(true);
    wd.write("hidden.xlsx", book.save_to_buffer().unwrap());
    assert_eq!(counts(&wd, "hidden.xlsx", "en").stdout(), expected());
    let run = counts(&wd, "hidden.xlsx", "zh");
    run.expect_code(0);
    assert!(
        run.stdout().contains("甲镇,农村低保,120"),
        "{}",
        run.stdout()
    );
    // --sheet still reads the hidden sheet when it is asked for by name.
    let run = wd.ok(&["counts", "hidden.xlsx", "--sheet", "2025"]);
    assert!(
        run.stdout().contains("甲镇,rural_dibao,999"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_title_merged_across_the_table_and_a_merged_totals_label_read() {
    let wd = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 3, "青石县服务对象类别和数量表", &plain)
        .unwrap();
    fill(
        sheet,
        1,
        &[
            &["序号", "单位", "农村低保", "五保"],
            &["1", "甲镇", "120", "7"],
            &["2", "乙乡", "80", "3"],
        ],
    );
    sheet.merge_range(4, 0, 4, 1, "合计", &plain).unwrap();
    sheet.write_number(4, 2, 200.0).unwrap();
    sheet.write_number(4, 3, 10.0).unwrap();
    wd.write("merged.xlsx", book.save_to_buffer().unwrap());
    assert_eq!(wd.ok(&["counts", "merged.xlsx"]).stdout(), expected());
}

#[test]
fn a_long_table_with_each_unit_merged_over_its_rows_reads_every_row() {
    let wd = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    fill(sheet, 0, &[&["单位", "类别", "人数"]]);
    sheet.merge_range(1, 0, 2, 0, "甲镇", &plain).unwrap();
    sheet.merge_range(3, 0, 4, 0, "乙乡", &plain).unwrap();
    fill(
        sheet,
        1,
        &[
            &["", "农村低保", "120"],
            &["", "五保", "7"],
            &["", "农村低保", "80"],
            &["", "五保", "3"],
        ],
    );
    wd.write("long.xlsx", book.save_to_buffer().unwrap());
    assert_eq!(wd.ok(&["counts", "long.xlsx"]).stdout(), expected());
}

/// A workbook of CURRENT whose cell 乙乡 × 五保 (C3) is written by `cell`.
fn with_cell(cell: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    fill(sheet, 0, CURRENT);
    cell(sheet);
    book.save_to_buffer().unwrap()
}

#[test]
fn count_cells_of_the_wrong_type_are_refused_naming_the_cell() {
    let wd = Workdir::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("fraction", with_cell(|s| drop(s.write_number(2, 2, 2.5)))),
        ("negative", with_cell(|s| drop(s.write_number(2, 2, -3.0)))),
        ("boolean", with_cell(|s| drop(s.write_boolean(2, 2, true)))),
        (
            "date",
            with_cell(|s| drop(s.write_number_with_format(2, 2, 45000.0, &date))),
        ),
        (
            "error",
            with_cell(|s| {
                let f = rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!");
                drop(s.write_formula(2, 2, f))
            }),
        ),
        ("word", with_cell(|s| drop(s.write_string(2, 2, "三")))),
    ];
    for (what, bytes) in cases {
        let name = format!("{what}.xlsx");
        wd.write(&name, bytes);
        counts(&wd, &name, "en").expect_bad_input(&[&name, "row 3", "column 五保 (C)"]);
        counts(&wd, &name, "zh").expect_bad_input(&[&name, "第 3 行", "C 列"]);
    }
}

#[test]
fn numbers_stored_as_text_and_full_width_digits_read_as_numbers() {
    let wd = Workdir::new();
    let book = with_cell(|s| {
        s.write_string(1, 1, "120").unwrap();
        s.write_string(2, 2, "３").unwrap();
    });
    wd.write("text.xlsx", book);
    assert_eq!(wd.ok(&["counts", "text.xlsx"]).stdout(), expected());
}

#[test]
fn csv_in_every_encoding_excel_and_wps_save_reads_alike() {
    let wd = Workdir::new();
    let text = "单位,农村低保,五保\r\n甲镇,120,7\r\n乙乡,80,3\r\n";
    wd.write("utf8.csv", text);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    wd.write("bom.csv", bom);
    wd.write("gbk.csv", encoding_rs::GBK.encode(text).0.as_ref());
    // Excel's "Unicode text": UTF-16 with its byte-order mark, tab-separated.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.replace(',', "\t").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    wd.write("utf16.txt", utf16);
    for name in ["utf8.csv", "bom.csv", "gbk.csv", "utf16.txt"] {
        assert_eq!(wd.ok(&["counts", name]).stdout(), expected(), "{name}");
    }
}

#[test]
fn the_slips_of_a_typed_csv_are_refused_naming_the_row_in_both_languages() {
    let wd = Workdir::new();
    // (content, English place, Chinese place)
    let cases = [
        (
            "单位,农村低保,五保\n甲镇,1,200,7\n乙乡,80,3\n",
            "row 2",
            "第 2 行",
        ),
        (
            "单位,农村低保,五保\n甲镇,\"120,7\n乙乡,80,3\n",
            "row 2",
            "第 2 行",
        ),
        (
            "单位,农村低保,五保\n甲镇,120\n乙乡,80,3\n",
            "row 2",
            "第 2 行",
        ),
        (
            "单位,农村低保,五保\n甲镇,120,7\n乙乡,80,3,5\n",
            "row 3",
            "第 3 行",
        ),
        (
            "单位,农村低保,五保\n甲镇,12 0,7\n乙乡,80,3\n",
            "row 2",
            "第 2 行",
        ),
        (
            "单位,农村低保,五保\n甲镇,1.5,7\n乙乡,80,3\n",
            "row 2",
            "第 2 行",
        ),
        (
            "单位,农村低保,五保\n甲镇,-1,7\n乙乡,80,3\n",
            "row 2",
            "第 2 行",
        ),
        (
            "单位,农村低保,五保\n甲镇,120,7\n甲镇\u{200b},80,3\n",
            "row 3",
            "第 3 行",
        ),
        (
            "单位,农村低保,五保,合计\n甲镇,120,7,128\n乙乡,80,3,83\n",
            "row 2",
            "第 2 行",
        ),
        (
            "单位,农村低保,五保\n甲镇,120,7\n乙乡,80,3\n合计,201,10\n",
            "row 4",
            "第 4 行",
        ),
    ];
    for (i, (text, en, zh)) in cases.iter().enumerate() {
        let name = format!("slip{i}.csv");
        wd.write(&name, text);
        counts(&wd, &name, "en").expect_bad_input(&[&name, en]);
        counts(&wd, &name, "zh").expect_bad_input(&[&name, zh]);
    }
}

#[test]
fn marks_for_none_are_listed_without_a_count_of_zero_more() {
    let wd = Workdir::new();
    wd.write("none.csv", "单位,农村低保,五保\n甲镇,120,—\n乙乡,无,3\n");
    let run = wd.ok(&["counts", "none.csv"]);
    let err = run.stderr();
    assert!(err.contains("row 2, column 五保 (C)"), "{err}");
    assert!(!err.contains("and 0 more"), "{err}");
    let run = counts(&wd, "none.csv", "zh");
    run.expect_code(0);
    assert!(!run.stderr().contains("0 个"), "{}", run.stderr());
}

#[test]
fn a_column_or_row_of_which_is_refused_instead_of_counted_twice() {
    // 其中：集中供养 counts part of 农村低保: read as a category it double-counts.
    let wd = Workdir::new();
    wd.write(
        "wide.csv",
        "乡镇,农村低保,其中：集中供养,五保\n甲镇,120,20,7\n乙乡,80,5,3\n",
    );
    counts(&wd, "wide.csv", "en").expect_bad_input(&[
        "wide.csv",
        "row 1",
        "column 其中:集中供养 (C)",
        "twice",
    ]);
    counts(&wd, "wide.csv", "zh").expect_bad_input(&["wide.csv", "第 1 行", "C 列", "算两次"]);
    wd.write(
        "long.csv",
        "乡镇,类别,人数\n甲镇,农村低保,120\n甲镇,其中:集中供养,20\n甲镇,五保,7\n",
    );
    counts(&wd, "long.csv", "en").expect_bad_input(&["long.csv", "row 3", "column 类别 (B)"]);
    counts(&wd, "long.csv", "zh").expect_bad_input(&["long.csv", "第 3 行", "B 列"]);
}

#[test]
fn every_problem_of_a_count_table_is_reported_in_one_run() {
    // Three slips in a wide table and two in a long one: each named with its cell, in
    // one message, so that a clerk fixes them in one sitting.
    let wd = Workdir::new();
    wd.write(
        "wide.csv",
        "乡镇,农村低保,城市低保,合计\n东乡,12,abc,20\n西乡,1.5,3,4\n南乡,5,6,11\n北乡,5,6,12\n",
    );
    wd.write(
        "long.csv",
        "乡镇,类别,人数\n东乡,农村低保,x\n东乡,城市低保,3\n西乡,农村低保,-4\n",
    );
    for lang in ["en", "zh"] {
        let run = counts(&wd, "wide.csv", lang);
        run.expect_code(2);
        let err = run.stderr();
        for cell in ["(C)", "(B)", "(D)"] {
            let cell = match lang {
                "zh" => cell.replace('(', "（").replace(')', " 列）"),
                _ => cell.to_string(),
            };
            assert!(err.contains(&cell), "{lang}: {cell} not named: {err}");
        }
        assert!(
            err.contains("abc") && err.contains("1.5") && err.contains("12"),
            "{err}"
        );
        let run = counts(&wd, "long.csv", lang);
        run.expect_code(2);
        let err = run.stderr();
        assert!(err.contains("'x'") && err.contains("'-4'"), "{lang}: {err}");
    }
    assert!(
        counts(&wd, "wide.csv", "zh")
            .stderr()
            .contains("共发现 3 处问题")
    );
    assert!(
        counts(&wd, "wide.csv", "en")
            .stderr()
            .contains("3 problems")
    );
}

#[test]
fn past_fifty_problems_the_rest_are_counted() {
    let wd = Workdir::new();
    let mut text = String::from("乡镇,农村低保\n");
    for i in 0..60 {
        text.push_str(&format!("乡{i},x{i}\n"));
    }
    wd.write("many.csv", text);
    let run = counts(&wd, "many.csv", "zh");
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains("共发现 60 处问题"), "{err}");
    assert!(err.contains("  50. ") && !err.contains("  51. "), "{err}");
    assert!(err.contains("另有 10 处"), "{err}");
}

#[test]
fn a_totals_row_under_any_summing_label_is_never_a_unit() {
    // Township sheets label their totals row in many ways; read as a unit, it would
    // double the population and be sampled.
    let wd = Workdir::new();
    for label in [
        "各乡镇合计",
        "乡镇合计",
        "全部合计",
        "15个乡镇合计",
        "合计人数",
        "全乡合计",
        "街道合计",
        "合计15个",
        "总和",
        "共计",
    ] {
        wd.write(
            "t.csv",
            format!("乡镇,农村低保,城市低保\n城关镇,10,20\n青石镇,5,6\n{label},15,26\n"),
        );
        let run = counts(&wd, "t.csv", "en");
        run.expect_code(0);
        assert!(!run.stdout().contains(label), "{label} read as a unit");
        // a wrong total under such a label is checked, not read
        wd.write(
            "t.csv",
            format!("乡镇,农村低保,城市低保\n城关镇,10,20\n青石镇,5,6\n{label},16,26\n"),
        );
        counts(&wd, "t.csv", "en").expect_code(2);
    }
}

#[test]
fn a_unit_that_sums_all_the_others_is_refused_as_a_hidden_totals_row() {
    let wd = Workdir::new();
    wd.write(
        "t.csv",
        "乡镇,农村低保,城市低保\n城关镇,10,20\n青石镇,5,6\n白沙镇,1,2\n全体,16,28\n",
    );
    for lang in ["en", "zh"] {
        let run = counts(&wd, "t.csv", lang);
        run.expect_code(2);
        assert!(run.stderr().contains("全体"), "{}", run.stderr());
        assert!(run.stderr().contains("row 5") || run.stderr().contains("第 5 行"));
    }
    // the same numbers spread otherwise are a unit like any other
    wd.write(
        "u.csv",
        "乡镇,农村低保,城市低保\n城关镇,10,20\n青石镇,5,6\n白沙镇,1,2\n全体,16,27\n",
    );
    counts(&wd, "u.csv", "en").expect_code(0);
}

#[test]
fn a_long_table_unit_cell_left_blank_is_read_as_the_unit_above_with_a_warning() {
    let wd = Workdir::new();
    wd.write(
        "long.csv",
        "乡镇,类别,人数\n城关镇,农村低保,10\n,城市低保,5\n青石镇,农村低保,7\n,五保,2\n",
    );
    let run = counts(&wd, "long.csv", "en");
    run.expect_code(0);
    assert!(
        run.stdout().contains("城关镇,urban_dibao,5"),
        "{}",
        run.stdout()
    );
    assert!(run.stderr().contains("2 rows have no unit") && run.stderr().contains("row 3, 5"));
    let run = counts(&wd, "long.csv", "zh");
    assert!(run.stderr().contains("有 2 行没有填单位") && run.stderr().contains("第 3, 5 行"));
}

#[test]
fn the_rows_under_a_unit_that_cannot_be_read_add_no_problems_of_their_own() {
    // A unit spelled two ways is one problem; the blank unit cells under the second
    // spelling are its rows, not more problems.
    let wd = Workdir::new();
    wd.write(
        "long.csv",
        "乡镇,类别,人数\n城关镇,农村低保,10\n,城市低保,5\n城关镇\u{200b},五保,3\n,优抚,2\n,慈善,1\n",
    );
    let run = counts(&wd, "long.csv", "en");
    run.expect_code(2);
    assert!(!run.stderr().contains("problems found"), "{}", run.stderr());
}
