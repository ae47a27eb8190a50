//! Reading count tables through the real binary: every input form officials produce
//! reads to the same table, and bad input is refused with file, row and column.

mod util;

use util::Workdir;

/// The example county's table as pingyi reads it, from the plain UTF-8 CSV.
fn canonical(wd: &Workdir) -> String {
    wd.copy_from_repo("data/county_counts.csv", "reference.csv");
    wd.ok(&["counts", "reference.csv"]).stdout()
}

fn reads_same(wd: &Workdir, name: &str, expected: &str) {
    let got = wd.ok(&["counts", name]).stdout();
    assert_eq!(got, expected, "{name} reads differently");
}

/// Rows of the reference CSV as (序号, unit, five counts, total).
fn reference_rows() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(util::repo_root().join("data/county_counts.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .filter(|r| r[1] != "合计")
        .collect()
}

#[test]
fn the_example_table_is_read_as_expected() {
    let wd = Workdir::new();
    let out = canonical(&wd);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "unit,category,count");
    assert_eq!(lines.len(), 1 + 15 * 5);
    assert!(lines.contains(&"城关镇,urban_dibao,1792"));
    assert!(lines.contains(&"西岭林场,charity,161"));
    assert!(!out.contains("合计"));
}

#[test]
fn three_csv_encodings_read_alike() {
    let wd = Workdir::new();
    let expected = canonical(&wd);
    let text = std::fs::read_to_string(util::repo_root().join("data/county_counts.csv")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    wd.write("bom.csv", bom);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    wd.write("gbk.csv", gbk.as_ref());
    // Excel on Chinese Windows also writes CRLF line ends.
    wd.write("crlf.csv", text.replace('\n', "\r\n"));
    for name in ["bom.csv", "gbk.csv", "crlf.csv"] {
        reads_same(&wd, name, &expected);
    }
}

#[test]
fn workbook_with_title_row_totals_row_and_notes_reads_alike() {
    let wd = Workdir::new();
    let expected = canonical(&wd);
    wd.copy_from_repo("data/county_counts.xlsx", "book.xlsx");
    reads_same(&wd, "book.xlsx", &expected);
    reads_same(&wd, "book.xlsx", &expected);
    let named = wd
        .ok(&["counts", "book.xlsx", "--sheet", "类别和数量表"])
        .stdout();
    assert_eq!(named, expected);
    wd.run(&["counts", "book.xlsx", "--sheet", "nope"])
        .expect_bad_input(&["no sheet named 'nope'", "类别和数量表"]);
}

#[test]
fn workbook_written_by_rust_with_two_row_header_reads_alike() {
    let wd = Workdir::new();
    let expected = canonical(&wd);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "青石县服务对象类别和数量表")
        .unwrap();
    sheet.write_string(2, 0, "乡（镇、场）").unwrap();
    sheet.write_string(2, 1, "服务对象类别（人）").unwrap();
    let cats = [
        "农村最低生活保障",
        "城市最低生活保障",
        "农村五保供养",
        "优待抚恤",
        "社会慈善事业受益对象",
    ];
    for (j, c) in cats.iter().enumerate() {
        sheet.write_string(3, j as u16 + 1, *c).unwrap();
    }
    for (i, row) in reference_rows().iter().enumerate() {
        let r = i as u32 + 4;
        sheet.write_string(r, 0, &row[1]).unwrap();
        for j in 0..5 {
            // Numbers both as numbers and as text, as officials leave them.
            if j % 2 == 0 {
                sheet
                    .write_number(r, j as u16 + 1, row[2 + j].parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(r, j as u16 + 1, &row[2 + j]).unwrap();
            }
        }
    }
    wd.write("two-row.xlsx", book.save_to_buffer().unwrap());
    reads_same(&wd, "two-row.xlsx", &expected);
}

#[test]
fn workbook_with_a_merged_group_header_pingyi_does_not_know_reads_alike() {
    let wd = Workdir::new();
    let expected = canonical(&wd);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(0, 0, 0, 7, "青石县各乡镇服务对象类别和数量表", &plain)
        .unwrap();
    sheet.merge_range(1, 0, 2, 0, "序号", &plain).unwrap();
    sheet.merge_range(1, 1, 2, 1, "乡镇", &plain).unwrap();
    sheet
        .merge_range(1, 2, 1, 6, "服务对象类别及数量（人）", &plain)
        .unwrap();
    sheet.merge_range(1, 7, 2, 7, "合计", &plain).unwrap();
    for (j, c) in ["农村低保", "城市低保", "五保", "优抚", "慈善"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, j as u16 + 2, *c).unwrap();
    }
    for (i, row) in reference_rows().iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            let (r, c) = (i as u32 + 3, j as u16);
            match cell.parse::<f64>() {
                Ok(v) => sheet.write_number(r, c, v).unwrap(),
                Err(_) => sheet.write_string(r, c, cell).unwrap(),
            };
        }
    }
    wd.write("merged.xlsx", book.save_to_buffer().unwrap());
    reads_same(&wd, "merged.xlsx", &expected);
}

#[test]
fn long_form_with_english_or_chinese_headers_reads_alike() {
    let wd = Workdir::new();
    let expected = canonical(&wd);
    let en_labels = [
        "rural_dibao",
        "urban_dibao",
        "five_guarantee",
        "special_care",
        "charity",
    ];
    let zh_labels = [
        "农村最低生活保障",
        "城镇低保",
        "特困供养",
        "优抚对象",
        "慈善救助",
    ];
    let mut en = String::from("unit,category,count\n");
    let mut zh = String::from("序号,被评单位,服务对象类别,人数（人）,备注\n");
    // The Chinese file lists rows in reverse and merges the unit cell (blank below the first).
    let rows = reference_rows();
    for row in &rows {
        for j in 0..5 {
            en.push_str(&format!("{},{},{}\n", row[1], en_labels[j], row[2 + j]));
        }
    }
    for (i, row) in rows.iter().rev().enumerate() {
        for j in 0..5 {
            let unit = if j == 0 { row[1].as_str() } else { "" };
            zh.push_str(&format!(
                "{},{unit},{},{},\n",
                i * 5 + j + 1,
                zh_labels[j],
                row[2 + j]
            ));
        }
    }
    zh.push_str(",合计,,32627,\n注：截至5月底\n");
    wd.write("long-en.csv", en);
    wd.write("long-zh.csv", zh);
    reads_same(&wd, "long-en.csv", &expected);
    reads_same(&wd, "long-zh.csv", &expected);
}

#[test]
fn wide_form_with_english_headers_and_what_officials_type() {
    let wd = Workdir::new();
    let expected = canonical(&wd);
    let mut text =
        String::from("Unit,Rural_Dibao,urban dibao,five-guarantee,special_care,charity,Total\n");
    for row in reference_rows() {
        let nums: Vec<u64> = row[2..7].iter().map(|s| s.parse().unwrap()).collect();
        let typed: Vec<String> = nums
            .iter()
            .enumerate()
            .map(|(j, n)| match j {
                // Full-width digits, a thousands separator, surrounding spaces.
                0 => n
                    .to_string()
                    .chars()
                    .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
                    .collect(),
                1 => format!(" {n} "),
                _ => n.to_string(),
            })
            .collect();
        let total: u64 = nums.iter().sum();
        let total = if total >= 1000 {
            format!("\"{},{:03}\"", total / 1000, total % 1000)
        } else {
            total.to_string()
        };
        text.push_str(&format!(
            "\u{3000}{}\u{3000},{},{total}\n",
            row[1],
            typed.join(",")
        ));
    }
    text.push_str(",,,,,,\n\n");
    wd.write("wide-en.csv", text);
    reads_same(&wd, "wide-en.csv", &expected);
}

#[test]
fn parquet_round_trip_reads_alike() {
    let wd = Workdir::new();
    let expected = canonical(&wd);
    wd.ok(&["counts", "reference.csv", "--out", "counts.parquet"]);
    assert!(wd.exists("counts.parquet.manifest.json"));
    reads_same(&wd, "counts.parquet", &expected);
}

/// Bad inputs: exit 2, the message names file, row and column, and no output appears.
fn refused(content: &[u8], name: &str, needles: &[&str]) {
    let wd = Workdir::new();
    wd.write(name, content);
    wd.run(&[
        "frame",
        "--counts",
        name,
        "--per-unit",
        "10",
        "--out",
        "frame.csv",
    ])
    .expect_bad_input(needles);
    assert!(
        !wd.exists("frame.csv"),
        "an output was written for bad input"
    );
    assert!(!wd.exists("frame.csv.manifest.json"));
    let leftovers: Vec<_> = std::fs::read_dir(wd.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".pingyi-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn missing_and_unknown_columns() {
    refused(
        "单位,类别\n城关镇,农村低保\n".as_bytes(),
        "a.csv",
        &["a.csv", "row 1", "no count column", "人数"],
    );
    refused(
        "名称,农村低保\n城关镇,5\n".as_bytes(),
        "b.csv",
        &["b.csv", "no header row with a unit column", "乡镇"],
    );
    refused(
        "单位,类别,人数,联系人\n城关镇,农村低保,5,张三\n".as_bytes(),
        "c.csv",
        &[
            "c.csv",
            "row 1",
            "column 联系人 (D)",
            "not a column pingyi knows",
        ],
    );
}

#[test]
fn a_total_or_a_count_of_households_under_another_name_is_no_category() {
    let head = "乡镇,农村低保,城市低保,五保,优抚,慈善";
    let rows = ["城关镇,10,20,3,4,5", "青石镇,1,2,3,4,5"];
    let table = |extra: &str, values: [&str; 2]| {
        let mut t = format!("{head},{extra}\n");
        for (r, v) in rows.iter().zip(values) {
            t.push_str(&format!("{r},{v}\n"));
        }
        t
    };
    for header in ["人数合计", "总人数", "服务对象总数"] {
        refused(
            table(header, ["42", "15"]).as_bytes(),
            "t.csv",
            &["t.csv", "row 1", "column", header, "合计"],
        );
    }
    refused(
        table("低保户数", ["12", "3"]).as_bytes(),
        "h.csv",
        &["h.csv", "row 1", "(G)", "households"],
    );
    // No word of a total in the header, but the sum of the others in every row.
    refused(
        table("其他人数", ["42", "15"]).as_bytes(),
        "s.csv",
        &["s.csv", "row 1", "(G)", "其他人数", "合计"],
    );
    // An average row among the units is no unit (with a total row or without).
    for (name, extra) in [("a.csv", ""), ("b.csv", "合计,11,22,6,8,10\n")] {
        let t = format!(
            "{head}\n{}\n{}\n平均,5.5,11,3,4,5\n{extra}",
            rows[0], rows[1]
        );
        refused(
            t.as_bytes(),
            name,
            &[name, "row 4", "(A)", "summary row (平均)"],
        );
    }
    // A unit written twice is named, not the 合计 it throws off.
    let t = format!(
        "{head}\n{}\n{}\n城关镇,1,0,0,0,0\n合计,11,22,6,8,10\n",
        rows[0], rows[1]
    );
    refused(
        t.as_bytes(),
        "d.csv",
        &["d.csv", "row 4", "appear twice", "row 2"],
    );
    // Another category that happens to sum the others in one row only is one.
    let wd = Workdir::new();
    wd.write("ok.csv", table("其他人数", ["42", "7"]));
    let out = wd.ok(&["counts", "ok.csv"]).stdout();
    assert!(out.contains("青石镇,其他人数,7"), "{out}");
}

#[test]
fn empty_tables() {
    refused(b"", "empty.csv", &["empty.csv", "empty"]);
    refused(
        "乡镇,农村低保,城市低保\n".as_bytes(),
        "header.csv",
        &["header.csv", "row 1", "no units"],
    );
}

#[test]
fn non_numeric_and_negative_numbers() {
    refused(
        "标题\n乡镇,农村低保,城市低保\n城关镇,12,３\n青石镇,１２a,4\n".as_bytes(),
        "n.csv",
        &[
            "n.csv",
            "row 4",
            "column 农村低保 (B)",
            "'１２a'",
            "not a number",
        ],
    );
    refused(
        "单位,类别,人数\n城关镇,农村低保,-3\n".as_bytes(),
        "neg.csv",
        &["neg.csv", "row 2", "column 人数 (C)", "negative"],
    );
    refused(
        "单位,类别,人数\n城关镇,农村低保,18446744073709551615\n".as_bytes(),
        "huge.csv",
        &["huge.csv", "row 2", "too large"],
    );
    refused(
        "单位,类别,人数\n城关镇,农村低保,2.5\n".as_bytes(),
        "frac.csv",
        &["frac.csv", "row 2", "fraction"],
    );
}

#[test]
fn the_same_unit_and_category_twice() {
    refused(
        "单位,类别,人数\n城关镇,农村低保,3\n青石镇,农村低保,4\n城关镇,农村最低生活保障,5\n"
            .as_bytes(),
        "dup.csv",
        &["dup.csv", "row 4", "appear twice", "row 2"],
    );
    refused(
        "乡镇,农村低保\n城关镇,3\n城关镇,4\n".as_bytes(),
        "dupwide.csv",
        &["dupwide.csv", "row 3", "appear twice"],
    );
}

#[test]
fn totals_that_do_not_add_up_show_both_sums() {
    refused(
        "乡镇,农村低保,城市低保\n城关镇,10,20\n青石镇,5,6\n合计,15,27\n".as_bytes(),
        "rows.csv",
        &[
            "rows.csv",
            "row 4",
            "column 城市低保 (C)",
            "says 27",
            "add up to 26",
        ],
    );
    refused(
        "乡镇,农村低保,城市低保,合计\n城关镇,10,20,31\n".as_bytes(),
        "cols.csv",
        &[
            "cols.csv",
            "row 2",
            "column 合计 (D)",
            "says 31",
            "add up to 30",
        ],
    );
    refused(
        "单位,类别,人数\n城关镇,农村低保,10\n城关镇,城市低保,5\n城关镇,合计,16\n".as_bytes(),
        "long.csv",
        &["long.csv", "row 4", "says 16", "add up to 15"],
    );
}

#[test]
fn rows_below_a_note_are_never_dropped_silently() {
    refused(
        "单位,类别,人数\n甲,农村低保,3\n备注：林场单列\n西岭林场,五保,5\n".as_bytes(),
        "mid.csv",
        &["mid.csv", "row 4", "below the note at row 3"],
    );
    // Notes that continue over several lines under the table are fine.
    let wd = Workdir::new();
    wd.write(
        "ok.csv",
        "乡镇,农村低保\n甲,3\n注：截至5月\n1. 不含临时救助\n填表人：王丽\n",
    );
    let out = wd.ok(&["counts", "ok.csv"]).stdout();
    assert_eq!(out, "unit,category,count\r\n甲,rural_dibao,3\r\n");
}

#[test]
fn unreadable_and_password_protected_workbooks() {
    refused(
        b"PK\x03\x04 this is not really a zip",
        "broken.xlsx",
        &["broken.xlsx", "cannot open the workbook"],
    );
    let encrypted = std::fs::read(util::repo_root().join("tests/fixtures/encrypted.xlsx")).unwrap();
    refused(
        &encrypted,
        "locked.xlsx",
        &["locked.xlsx", "password-protected"],
    );
}

#[test]
fn files_that_are_not_tables() {
    refused(
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
        "report.csv",
        &["report.csv", "PDF"],
    );
    refused(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "photo.csv",
        &["photo.csv", "neither text"],
    );
}

#[test]
fn a_missing_file_is_bad_usage() {
    let wd = Workdir::new();
    wd.run(&["counts", "nowhere.csv"])
        .expect_bad_input(&["nowhere.csv"]);
}

#[test]
fn personal_data_is_masked_in_messages() {
    let wd = Workdir::new();
    wd.write(
        "pii.csv",
        "乡镇,农村低保\n城关镇,11010519491231002X\n青石镇,13812345678x\n",
    );
    let run = wd.run(&["counts", "pii.csv"]);
    run.expect_bad_input(&["pii.csv", "row 2", "110105"]);
    assert!(!run.stderr().contains("19491231"), "{}", run.stderr());
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let wd = Workdir::new();
    let mut text = String::from("乡镇,农村低保,城市低保,五保\n");
    for i in 0..20_000 {
        text.push_str(&format!("乡镇{i:05},{i},{},{}\n", i + 1, i + 2));
    }
    wd.write("big.csv", text);
    let mut child = wd
        .command(&["counts", "big.csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first.trim_end(), "unit,category,count");
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The example county's table (serial, unit, five counts, total) with `edit` applied
/// to its text, as a clerk might have damaged it.
fn reference_text(edit: impl Fn(&str) -> String) -> String {
    let text = std::fs::read_to_string(util::repo_root().join("data/county_counts.csv")).unwrap();
    edit(&text)
}

/// The example county's wide table without its 序号 and 合计 columns.
fn bare_wide() -> String {
    let mut text = String::from("乡镇,农村低保,城市低保,五保,优抚,慈善\n");
    for row in reference_rows() {
        text.push_str(&format!("{}\n", row[1..7].join(",")));
    }
    text
}

#[test]
fn an_unclosed_quote_never_merges_rows() {
    // The quote opens in row 3 and is never closed: the review saw 14 of 15 townships
    // read as one unit with 0 recipients.
    let text = reference_text(|t| t.replacen("2,青石镇", "2,\"青石镇", 1));
    refused(
        text.as_bytes(),
        "open.csv",
        &[
            "open.csv",
            "row 3",
            "never closed",
            "remove the stray quote",
        ],
    );
    // Closed two rows later: the cell swallows the rows in between.
    let text = reference_text(|t| {
        t.replacen("2,青石镇", "2,\"青石镇", 1)
            .replacen("4,柳河乡", "4,柳河乡\"", 1)
    });
    refused(
        text.as_bytes(),
        "late.csv",
        &["late.csv", "row 3", "runs over 3 lines", "stray quote"],
    );
    // The same in GBK with CRLF line ends, semicolons, and in the long form.
    let crlf = text.replace('\n', "\r\n").replace(',', ";");
    let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
    refused(&gbk, "gbk.csv", &["gbk.csv", "row 3", "stray quote"]);
    refused(
        "单位,类别,人数\n城关镇,农村低保,\"12\n城关镇,城市低保,30\"\n青石镇,农村低保,5\n"
            .as_bytes(),
        "long.csv",
        &["long.csv", "row 2", "stray quote"],
    );
    // A quoted line break inside one cell, without a delimiter, in a count row.
    refused(
        "乡镇,农村低保,城市低保\n\"城关\n镇\",12,30\n青石镇,5,6\n".as_bytes(),
        "break.csv",
        &["break.csv", "row 2", "column 乡镇 (A)", "line break"],
    );
    // A quote opened in the last cell of the file, with no line after it.
    refused(
        "乡镇,农村低保,城市低保\n城关镇,12,30\n青石镇,5,\"6".as_bytes(),
        "last.csv",
        &["last.csv", "row 3", "never closed"],
    );
}

#[test]
fn a_wrapped_header_and_a_wrapped_note_still_read() {
    let wd = Workdir::new();
    wd.write(
        "title.csv",
        "\"Qingshi County, counts\n(as of May)\",,\n乡镇,农村低保,城市低保\n城关镇,12,30\n",
    );
    wd.ok(&["counts", "title.csv"]);
    // A quote opened in the title that swallows the header.
    refused(
        "\"青石县服务对象表,,\n乡镇,农村低保,城市低保\n城关镇\",12,30\n".as_bytes(),
        "swallowed.csv",
        &["swallowed.csv", "row 1", "stray quote"],
    );
    wd.write(
        "wrapped.csv",
        "乡镇,\"农村\n低保\",城市低保,备注\n城关镇,12,30,\"已核实\n5月\"\n青石镇,5,6,\n",
    );
    let out = wd.ok(&["counts", "wrapped.csv"]).stdout();
    assert_eq!(
        out,
        "unit,category,count\r\n城关镇,rural_dibao,12\r\n城关镇,urban_dibao,30\r\n\
         青石镇,rural_dibao,5\r\n青石镇,urban_dibao,6\r\n"
    );
}

#[test]
fn an_unquoted_thousands_separator_is_refused_naming_the_row() {
    // 柳河乡 has 1,988 rural recipients; typed unquoted, the row has one cell more
    // than the header, and without a 合计 column nothing else would notice.
    let text = bare_wide().replacen("柳河乡,1988,", "柳河乡,1,988,", 1);
    refused(
        text.as_bytes(),
        "thousands.csv",
        &[
            "thousands.csv",
            "row 5",
            "'1' and '988'",
            "1988",
            "\"1,988\"",
        ],
    );
    for (name, delimiter) in [("tab.txt", "\t"), ("semi.csv", ";")] {
        let text = text.replace(',', delimiter);
        refused(text.as_bytes(), name, &[name, "row 5", "1988"]);
    }
    let crlf = text.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
    refused(&gbk, "gbk.csv", &["gbk.csv", "row 5", "1988"]);
    // With the 合计 and 序号 columns of the example.
    let text = reference_text(|t| t.replacen(",柳河乡,1988,", ",柳河乡,1,988,", 1));
    refused(
        text.as_bytes(),
        "total.csv",
        &["total.csv", "row 5", "1988"],
    );
    // In the long form.
    refused(
        "单位,类别,人数\n柳河乡,农村低保,1,988\n柳河乡,城市低保,1\n".as_bytes(),
        "long.csv",
        &["long.csv", "row 2", "1988"],
    );
    // A split that pushes the last count into the 备注 column.
    refused(
        "乡镇,农村低保,城市低保,五保,备注\n城关镇,5,6,7,\n柳河乡,1,988,1,145\n".as_bytes(),
        "notes.csv",
        &["notes.csv", "row 3", "1988"],
    );
    // Trailing empty cells are not a split: 1 and 145 are two counts.
    let wd = Workdir::new();
    wd.write(
        "trailing.csv",
        "乡镇,农村低保,城市低保,五保,备注\n城关镇,5,6,7,已核实\n柳河乡,1,145,30,,,\n",
    );
    let out = wd.ok(&["counts", "trailing.csv"]).stdout();
    assert!(out.contains("柳河乡,urban_dibao,145\r\n"), "{out}");
    // A group with a leading zero makes sense only as the end of a number.
    refused(
        "乡镇,农村低保,城市低保,五保\n城关镇,5,6,7\n柳河乡,1,050,30\n".as_bytes(),
        "zero.csv",
        &["zero.csv", "row 3", "1050"],
    );
    // Spaces and dots as separators.
    refused(
        "乡镇,农村低保,城市低保\n城关镇,1 988,6\n".as_bytes(),
        "space.csv",
        &["space.csv", "row 2", "column 农村低保 (B)", "write 1988"],
    );
    refused(
        "乡镇,农村低保,城市低保\n城关镇,1.988.000,6\n".as_bytes(),
        "dots.csv",
        &["dots.csv", "row 2", "write 1988000"],
    );
}

#[test]
fn a_full_width_comma_in_a_number_is_a_thousands_separator() {
    let wd = Workdir::new();
    wd.write("fw.csv", "乡镇,农村低保,城市低保\n柳河乡,1，988,1\n");
    let out = wd.ok(&["counts", "fw.csv"]).stdout();
    assert!(out.contains("柳河乡,rural_dibao,1988\r\n"), "{out}");
}

#[test]
fn rows_with_more_or_fewer_cells_than_the_header() {
    refused(
        "乡镇,农村低保,城市低保\n城关镇,12,30\n青石镇,5,6,已核实\n".as_bytes(),
        "more.csv",
        &["more.csv", "row 3", "column (no header) (D)", "'已核实'"],
    );
    // The header row has an empty cell there, as Excel writes a table with a column
    // left blank: the row with the value is named all the same.
    refused(
        "乡镇,农村低保,城市低保,,\n城关镇,12,30,,\n柳河乡,1,988,30,\n".as_bytes(),
        "blankhead.csv",
        &[
            "blankhead.csv",
            "row 3",
            "column (no header) (D)",
            "'30'",
            "row 1",
        ],
    );
    refused(
        "单位,类别,人数,\n城关镇,农村低保,12,\n青石镇,农村低保,1,988\n".as_bytes(),
        "longblank.csv",
        &["longblank.csv", "row 3", "column (no header) (D)", "'988'"],
    );
    refused(
        "单位,类别,人数\n城关镇,农村低保,12,x\n".as_bytes(),
        "longmore.csv",
        &["longmore.csv", "row 2", "(D)", "only 3 columns"],
    );
    refused(
        "乡镇,农村低保,城市低保,五保\n城关镇,12,30,4\n柳河乡,12,30\n青石镇,5,6,7\n".as_bytes(),
        "fewer.csv",
        &["fewer.csv", "row 3", "3 cells", "header has 4", "五保 (D)"],
    );
    // A row typed with full-width commas is one cell.
    refused(
        "乡镇,农村低保,城市低保\n城关镇,12,30\n柳河乡，12，30\n".as_bytes(),
        "fwrow.csv",
        &["fwrow.csv", "row 3", "农村低保 (B)"],
    );
    // Trailing empty cells are not counted, and a missing cell of a column no row
    // fills is not missing anything.
    let wd = Workdir::new();
    wd.write(
        "ok.csv",
        "乡镇,农村低保,城市低保,备注\r\n城关镇,12,30,,,\r\n青石镇,5,6\r\n",
    );
    let out = wd.ok(&["counts", "ok.csv"]).stdout();
    assert_eq!(
        out,
        "unit,category,count\r\n城关镇,rural_dibao,12\r\n城关镇,urban_dibao,30\r\n\
         青石镇,rural_dibao,5\r\n青石镇,urban_dibao,6\r\n"
    );
}

#[test]
fn one_unit_spelled_two_ways_is_refused_naming_both_rows() {
    refused(
        "乡镇,农村低保,城市低保\n城关镇,12,30\n青石镇,5,6\n城关镇\u{200b},1,2\n".as_bytes(),
        "zw.csv",
        &["zw.csv", "row 4", "row 2", "城关镇<U+200B>", "same way"],
    );
    refused(
        "单位,类别,人数\n\u{202d}城关镇\u{202c},农村低保,12\n城关镇,城市低保,30\n".as_bytes(),
        "long.csv",
        &["long.csv", "row 3", "row 2", "<U+202D>"],
    );
    refused(
        "乡镇,农村低保\n城关  镇,12\n城关 镇,30\n".as_bytes(),
        "spaces.csv",
        &["spaces.csv", "row 3", "row 2"],
    );
    // Written the same way in every row, an invisible character is simply dropped;
    // and so is one in a category label.
    let wd = Workdir::new();
    wd.write(
        "same.csv",
        "单位,类别,人数\n城关镇\u{200b},农村低保\u{200b},12\n城关镇\u{200b},城市低保,30\n",
    );
    let out = wd.ok(&["counts", "same.csv"]).stdout();
    assert_eq!(
        out,
        "unit,category,count\r\n城关镇,rural_dibao,12\r\n城关镇,urban_dibao,30\r\n"
    );
    // Surrounding spaces and full-width letters were always the same name.
    wd.write("width.csv", "乡镇,农村低保\nＡ镇,1\n A镇 ,2\n");
    wd.run(&["counts", "width.csv"]).expect_bad_input(&[
        "width.csv",
        "row 3",
        "appear twice",
        "row 2",
    ]);
}

#[test]
fn a_duplicated_header_column_names_the_header_row_and_both_columns() {
    let run = |text: &str, needles: &[&str]| {
        let wd = Workdir::new();
        wd.write("h.csv", text);
        let run = wd.run(&["counts", "h.csv"]);
        run.expect_bad_input(needles);
        assert!(!run.stderr().contains("also at row"), "{}", run.stderr());
    };
    run(
        "青石县服务对象表\n\n乡镇,农村低保,城市低保,农村最低生活保障\n城关镇,1,2,3\n",
        &["h.csv", "row 3", "(B)", "(D)", "农村低保", "twice"],
    );
    run(
        "单位,类别,乡镇,人数\n城关镇,农村低保,城关镇,3\n",
        &[
            "h.csv",
            "row 1",
            "column 单位 (A)",
            "column 乡镇 (C)",
            "twice",
        ],
    );
}

#[test]
fn totals_rows_written_as_offices_write_them_are_checked_not_read_as_units() {
    let wd = Workdir::new();
    let base = "乡镇,农村低保,城市低保\n城关镇,10,20\n青石镇,1,2\n";
    wd.write("plain.csv", base);
    let expected = wd.ok(&["counts", "plain.csv"]).stdout();
    for label in [
        "合计：",
        "合计（人）",
        "汇总",
        "全县",
        "县合计",
        "青石县合计",
        "全县汇总",
        "累计",
        "本县合计",
        "合计数",
    ] {
        wd.write("t.csv", format!("{base}{label},11,22\n"));
        let got = wd.ok(&["counts", "t.csv"]).stdout();
        assert_eq!(got, expected, "{label}");
        // Checked as a total: a wrong one is refused.
        wd.write("t.csv", format!("{base}{label},12,22\n"));
        wd.run(&["counts", "t.csv"]).expect_code(2);
    }
    // The long form too.
    wd.write(
        "long.csv",
        "乡镇,类别,人数\n城关镇,农村低保,10\n青石镇,农村低保,1\n全县,农村低保,11\n",
    );
    let long = wd.ok(&["counts", "long.csv"]).stdout();
    assert!(!long.contains("全县"), "{long}");
    // A 其中 row is part of the row above, not a unit.
    wd.write("of.csv", format!("{base}其中：城区,4,5\n"));
    wd.run(&["counts", "of.csv"])
        .expect_bad_input(&["of.csv", "row 4", "其中"]);
}

#[test]
fn columns_that_hold_no_counts_of_people_are_refused_without_a_total_column() {
    let wd = Workdir::new();
    for (header, cells) in [
        ("联系电话", ["13800001111", "13900002222"]),
        ("行政区划代码", ["371122100000", "371122101000"]),
        ("上年人数", ["9", "3"]),
        ("增减", ["1", "0"]),
        ("排名", ["1", "2"]),
        ("占比(%)", ["90", "10"]),
        ("村（社区）数", ["12", "8"]),
        ("其他", ["12345678", "5"]),
    ] {
        wd.write(
            "t.csv",
            format!(
                "乡镇,农村低保,城市低保,五保,{header}\n城关镇,10,3,2,{}\n青石镇,5,4,1,{}\n",
                cells[0], cells[1]
            ),
        );
        let run = wd.run(&["counts", "t.csv"]);
        run.expect_bad_input(&["t.csv", "no category of recipients"]);
        assert!(!run.stderr().contains("13800001111"), "{}", run.stderr());
    }
    // A category of the office's own is still read.
    wd.write(
        "own.csv",
        "乡镇,农村低保,城市低保,临时救助\n城关镇,10,3,2\n青石镇,5,4,1\n",
    );
    let out = wd.ok(&["counts", "own.csv"]).stdout();
    assert!(out.contains("临时救助"), "{out}");
}

#[test]
fn a_workbook_with_count_tables_on_two_sheets_is_not_read_by_guess() {
    let wd = Workdir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    type Rows<'a> = &'a [(&'a str, f64, f64)];
    let sheets: [(&str, Rows); 2] = [
        ("2025年", &[("城关镇", 9.0, 19.0), ("青石镇", 1.0, 1.0)]),
        (
            "2026年",
            &[
                ("城关镇", 10.0, 20.0),
                ("青石镇", 1.0, 2.0),
                ("白沙镇", 3.0, 3.0),
            ],
        ),
    ];
    for (name, rows) in sheets {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (c, h) in ["乡镇", "农村低保", "城市低保"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, (unit, a, b)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, *unit).unwrap();
            sheet.write_number(r, 1, *a).unwrap();
            sheet.write_number(r, 2, *b).unwrap();
        }
    }
    // A notes sheet is no count table.
    book.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "数据来源：民政局")
        .unwrap();
    wd.write("y2.xlsx", book.save_to_buffer().unwrap());
    let run = wd.run(&["counts", "y2.xlsx"]);
    run.expect_bad_input(&["y2.xlsx", "2025年, 2026年", "--sheet"]);
    assert!(!run.stderr().contains("说明"), "{}", run.stderr());
    wd.run(&[
        "frame",
        "--counts",
        "y2.xlsx",
        "--per-unit",
        "5",
        "--out",
        "f.csv",
    ])
    .expect_code(2);
    let out = wd.ok(&["counts", "y2.xlsx", "--sheet", "2026年"]).stdout();
    assert!(out.contains("白沙镇"), "{out}");
}
