//! Workbooks a clerk can print, through the real binary: a title row above the header
//! and a 合计 row where columns add up (the frame and the unit-facing scores; their CSVs
//! stay machine-readable), reals shown with fixed
//! decimals by number format (the values kept whole), A4, the header row on every
//! page and the page number in the footer.

mod util;

use std::io::Read;

use util::Workdir;

/// The text of `part` inside the workbook `name`.
fn part(wd: &Workdir, name: &str, part: &str) -> String {
    let file = std::fs::File::open(wd.path(name)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_frame_workbook_prints_with_fixed_decimals_and_page_numbers() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "c.csv");
    wd.ok(&[
        "frame", "--counts", "c.csv", "--margin", "0.1", "--out", "f.xlsx",
    ]);
    let styles = part(&wd, "f.xlsx", "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.0000""#), "{styles}");
    assert!(styles.contains(r#"formatCode="0.00""#), "{styles}");
    let sheet = part(&wd, "f.xlsx", "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"),
        "{sheet}"
    );
    assert!(sheet.contains(r#"paperSize="9""#), "{sheet}");
    let book = part(&wd, "f.xlsx", "xl/workbook.xml");
    assert!(book.contains("_xlnm.Print_Titles"), "{book}");

    // The values themselves keep every digit: the CSV and the workbook agree.
    wd.ok(&[
        "frame", "--counts", "c.csv", "--margin", "0.1", "--out", "f.csv",
    ]);
    let csv = String::from_utf8(wd.read("f.csv")).unwrap();
    let prob = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(5)
        .unwrap()
        .to_string();
    assert!(prob.len() > 6, "the CSV keeps the full probability: {prob}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(wd.path("f.xlsx")).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    // Row 3: under the title and the header.
    let cell = range.get((2, 5)).unwrap().to_string();
    assert_eq!(cell.parse::<f64>().unwrap(), prob.parse::<f64>().unwrap());
}

#[test]
fn declared_decimals_win_over_the_defaults() {
    use pingyi::io::table::default_decimals;
    use pingyi::io::{ColumnKind, ColumnSpec};
    assert_eq!(default_decimals("inclusion_prob"), Some(4));
    assert_eq!(default_decimals("deduction"), Some(2));
    assert_eq!(default_decimals("unit"), None);
    let spec = ColumnSpec::new("deduction", "扣分", ColumnKind::Float);
    assert_eq!(spec.shown_decimals(), Some(2));
    assert_eq!(spec.with_decimals(1).shown_decimals(), Some(1));
}

/// The rows of the first sheet of a workbook, as text.
fn sheet_rows(wd: &Workdir, name: &str, sheet: usize) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(wd.path(name)).unwrap();
    let name = book.sheet_names()[sheet].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn county_frame(wd: &Workdir, out: &str) {
    wd.ok(&[
        "frame",
        "--counts",
        "青石县数量表.csv",
        "--margin",
        "0.1",
        "--out",
        out,
    ]);
}

#[test]
fn the_frame_workbook_has_a_title_and_a_total_row_and_its_csv_has_neither() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "青石县数量表.csv");
    county_frame(&wd, "f.xlsx");
    let rows = sheet_rows(&wd, "f.xlsx", 0);
    assert_eq!(rows[0][0], "抽样样本框（15 个单位）");
    assert_eq!(
        rows[1][..5],
        ["单位", "类别", "总体人数", "样本量", "备用样本"]
    );
    let last = rows.last().unwrap();
    assert_eq!(last[0], "合计");
    let body = &rows[2..rows.len() - 1];
    for col in [2, 3, 4] {
        let sum: f64 = body.iter().map(|r| r[col].parse::<f64>().unwrap()).sum();
        assert_eq!(last[col].parse::<f64>().unwrap(), sum, "column {col}");
    }
    // Probabilities and weights do not add up: no total under them.
    assert_eq!((last[5].as_str(), last[6].as_str()), ("", ""));
    let units = sheet_rows(&wd, "f.xlsx", 1);
    assert_eq!(units[0][0], "各单位合计（15 个单位）");
    assert_eq!(units.last().unwrap()[0], "合计");
    // Title and header repeat on every page; landscape A4, one page wide.
    let book = part(&wd, "f.xlsx", "xl/workbook.xml");
    assert!(book.contains("抽样样本框!$1:$2"), "{book}");
    let sheet = part(&wd, "f.xlsx", "xl/worksheets/sheet1.xml");
    for needle in [
        r#"orientation="landscape""#,
        r#"paperSize="9""#,
        r#"fitToPage="1""#,
        r#"<mergeCell ref="A1:G1"/>"#,
    ] {
        assert!(sheet.contains(needle), "{needle}: {sheet}");
    }
    // The CSV stays machine-readable: the header first, a stratum last.
    county_frame(&wd, "f.csv");
    let csv = String::from_utf8(wd.read("f.csv")).unwrap();
    let lines: Vec<&str> = csv.trim_end().lines().collect();
    assert!(
        lines[0]
            .trim_start_matches('\u{feff}')
            .starts_with("unit,category")
    );
    assert!(
        !csv.contains("合计") && !csv.contains("抽样样本框"),
        "{csv}"
    );
    assert_eq!(lines.len() - 1, body.len());
}

#[test]
fn a_printed_frame_workbook_draws_the_same_sample_as_its_csv() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "青石县数量表.csv");
    wd.copy_from_repo("data/county_roster.csv", "roster.csv");
    county_frame(&wd, "f.xlsx");
    county_frame(&wd, "f.csv");
    for (frame, out) in [("f.xlsx", "a.csv"), ("f.csv", "b.csv")] {
        wd.ok(&[
            "draw",
            "--frame",
            frame,
            "--roster",
            "roster.csv",
            "--seed",
            "2026",
            "--out",
            out,
        ]);
    }
    assert_eq!(wd.read("a.csv"), wd.read("b.csv"));
    let run = wd.ok(&["verify", "--chain", "a.csv"]);
    assert!(!run.stdout().contains("DIFFERS"), "{}", run.stdout());
    // As the list of evaluated units, the 合计 row is no unit.
    wd.write(
        "answers.csv",
        "乡镇,总体满意度,不良行为\n城关镇,满意,不存在\n",
    );
    wd.ok(&[
        "score",
        "--responses",
        "answers.csv",
        "--units",
        "f.xlsx",
        "--scheme",
        "township",
        "--missing-inspection",
        "zero",
        "--out",
        "s.csv",
    ]);
    let scores = String::from_utf8(wd.read("s.csv")).unwrap();
    assert!(!scores.contains("合计"), "{scores}");
}

#[test]
fn the_unit_facing_score_workbook_has_a_title_and_its_csv_rounds_the_means() {
    let wd = Workdir::new();
    let mut text = String::from("乡镇,总体满意度,不良行为\n");
    for answer in ["满意", "满意", "不满意", "基本满意", "满意", "满意"] {
        text.push_str(&format!("甲,{answer},不存在\n"));
    }
    for _ in 0..6 {
        text.push_str("乙,满意,严重\n");
    }
    wd.write("青石县答卷.csv", text);
    wd.write("units.csv", "乡镇\n甲\n乙\n");
    wd.write("findings.csv", "单位,虚假\n甲,2\n乙,1\n");
    for (out, facing) in [("s.csv", "u.csv"), ("s.xlsx", "u.xlsx")] {
        wd.ok(&[
            "score",
            "--responses",
            "青石县答卷.csv",
            "--units",
            "units.csv",
            "--scheme",
            "township",
            "--findings",
            "findings.csv",
            "--missing-inspection",
            "zero",
            "--out",
            out,
            "--unit-facing",
            facing,
        ]);
    }
    let rows = sheet_rows(&wd, "u.xlsx", 0);
    assert_eq!(rows[0][0], "民主评议得分与排名（2 个单位）");
    assert_eq!(rows[1][0], "单位");
    let last = rows.last().unwrap();
    assert_eq!(last[0], "合计");
    let false_col = rows[1].iter().position(|h| h == "虚假对象数").unwrap();
    assert_eq!(last[false_col], "3");
    // The full ranking prints too: its title, and the respondents summed.
    let full = sheet_rows(&wd, "s.xlsx", 0);
    assert_eq!(full[0][0], "民主评议得分与排名（2 个单位）");
    assert_eq!(full[1][0], "单位");
    assert_eq!(full.last().unwrap()[0], "合计");
    // The unit-facing CSV shows the means as the workbook does (0.000); the full one
    // keeps every digit.
    let mean_of = |name: &str| -> String {
        let text = String::from_utf8(wd.read(name)).unwrap();
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let col = header.iter().position(|h| *h == "q1_mean").unwrap();
        let row = text.lines().find(|l| l.starts_with("甲,")).unwrap();
        row.split(',').nth(col).unwrap().to_string()
    };
    assert_eq!(mean_of("u.csv"), "0.833");
    assert!(
        mean_of("s.csv").starts_with("0.83333"),
        "{}",
        mean_of("s.csv")
    );
    let csv = String::from_utf8(wd.read("u.csv")).unwrap();
    assert!(!csv.contains("合计") && !csv.contains("民主评议"), "{csv}");
}

#[test]
fn the_tally_workbook_prints_with_a_title_and_its_counts_summed() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let rows = sheet_rows(&wd, "out/county/audit_tally.xlsx", 0);
    assert!(
        rows[0][0].starts_with("抽查核实结果汇总（"),
        "{:?}",
        rows[0]
    );
    assert_eq!(rows[1][0], "单位");
    let last = rows.last().unwrap();
    assert_eq!(last[0], "合计");
    let col = |h: &str| rows[1].iter().position(|c| c == h).unwrap();
    let sum = |c: usize| -> f64 {
        rows[2..rows.len() - 1]
            .iter()
            .map(|r| r[c].parse::<f64>().unwrap_or(0.0))
            .sum()
    };
    for h in ["核查数", "虚假", "扣分"] {
        let c = col(h);
        assert_eq!(last[c].parse::<f64>().unwrap(), sum(c), "{h}");
    }
    // rates are not summed
    assert_eq!(last[col("虚假率")], "");
    // and the tally still verifies, and the report still reads it
    wd.ok(&["verify", "--root", ".", "out/county/audit_tally.xlsx"]);
}
