//! Score inputs made the way offices make them, through the real binary: a row whose
//! unit cell is blank, a value beyond the header's last column and a respondent
//! counted twice would each change a score without a word, so each stops (exit 2)
//! naming file, row and column, in English and in Chinese; what offices write that
//! means no harm (a 合计 row, blank lines, a title above the header) still reads.

mod util;

use util::Workdir;

const UNITS: &str = "乡镇\n城关镇\n南岗乡\n";
const INSPECTION: &str = "乡镇,检查评估\n城关镇,25\n南岗乡,28\n";

fn answers(extra: &str) -> String {
    let mut s = String::from("编号,乡镇,通话结果,总体满意度,不良行为\n");
    for i in 0..6 {
        s.push_str(&format!("A{i},城关镇,接通,满意,不存在\n"));
        s.push_str(&format!("B{i},南岗乡,接通,不满意,严重\n"));
    }
    s.push_str(extra);
    s
}

fn score(wd: &Workdir, extra: &[&str]) -> util::Run {
    let mut args = vec![
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
    args.extend_from_slice(extra);
    wd.run(&args)
}

fn county(answers_csv: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("units.csv", UNITS);
    wd.write("inspection.csv", INSPECTION);
    wd.write("answers.csv", answers_csv);
    wd
}

/// The refusal in both languages: the same file, row and column, and nothing written.
fn refused(wd: &Workdir, extra: &[&str], file: &str, en: &[&str], zh: &[&str]) {
    let mut needles = vec![file];
    needles.extend_from_slice(en);
    score(wd, extra).expect_bad_input(&needles);
    let mut args = extra.to_vec();
    args.extend(["--lang", "zh"]);
    let mut needles = vec![file];
    needles.extend_from_slice(zh);
    score(wd, &args).expect_bad_input(&needles);
    assert!(!wd.exists("s.csv"), "a refused score writes nothing");
}

fn total_of(wd: &Workdir, unit: &str) -> String {
    let (h, rows) = util::read_csv(wd, "s.csv");
    let col = h.iter().position(|c| c == "total").unwrap();
    rows.iter().find(|r| r[0] == unit).unwrap()[col].clone()
}

#[test]
fn the_clean_county_scores() {
    let wd = county(&answers(""));
    score(&wd, &[]).expect_code(0);
    assert_eq!(total_of(&wd, "城关镇"), "90.1");
}

#[test]
fn an_answer_row_with_a_blank_unit_stops_instead_of_dropping_the_respondent() {
    // Row 14: answers, but the unit cell left blank (a merged cell, a lost value).
    let wd = county(&answers("C0,,接通,不满意,严重\n"));
    refused(
        &wd,
        &[],
        "answers.csv",
        &["row 14", "column 乡镇 (B)", "no unit"],
        &["第 14 行", "乡镇", "B 列"],
    );
}

#[test]
fn a_findings_row_with_a_blank_unit_stops_instead_of_losing_the_deduction() {
    let wd = county(&answers(""));
    wd.write("findings.csv", "乡镇,虚假\n城关镇,1\n,3\n");
    refused(
        &wd,
        &["--findings", "findings.csv"],
        "findings.csv",
        &["row 3", "column 乡镇 (A)"],
        &["第 3 行", "乡镇", "A 列"],
    );
}

#[test]
fn an_inspection_or_disqualified_row_with_a_blank_unit_stops() {
    let wd = county(&answers(""));
    wd.write(
        "inspection.csv",
        "乡镇,检查评估\n城关镇,25\n南岗乡,28\n,30\n",
    );
    refused(
        &wd,
        &[],
        "inspection.csv",
        &["row 4", "column 乡镇 (A)"],
        &["第 4 行", "A 列"],
    );
    wd.write("inspection.csv", INSPECTION);
    wd.write("disq.csv", "乡镇,原因\n,弄虚作假\n");
    refused(
        &wd,
        &["--disqualified", "disq.csv"],
        "disq.csv",
        &["row 2", "column 乡镇 (A)"],
        &["第 2 行", "A 列"],
    );
}

#[test]
fn a_value_beyond_the_header_stops_instead_of_being_dropped() {
    // A stray comma typed in row 14 moved its last answer out of the table.
    let wd = county(&answers("C0,城关镇,接通,满意,,不存在\n"));
    refused(
        &wd,
        &[],
        "answers.csv",
        &["row 14", "column (no header) (F)", "'不存在'"],
        &["第 14 行", "F 列", "'不存在'"],
    );
    let wd = county(&answers(""));
    wd.write("inspection.csv", "乡镇,检查评估\n城关镇,25,5\n南岗乡,28\n");
    refused(
        &wd,
        &[],
        "inspection.csv",
        &["row 2", "column (no header) (C)"],
        &["第 2 行", "C 列"],
    );
}

#[test]
fn a_respondent_answering_twice_stops() {
    let wd = county(&answers("A3,城关镇,接通,不满意,严重\n"));
    refused(
        &wd,
        &[],
        "answers.csv",
        &["row 14", "column 编号 (A)", "row 8"],
        &["第 14 行", "A 列", "第 8 行"],
    );
}

#[test]
fn a_respondent_whose_number_lost_its_leading_zeros_is_the_same_respondent() {
    // 0001 as text, then 1 from a number cell: one respondent twice.
    let mut text = answers("0001,城关镇,接通,满意,不存在\n");
    text.push_str("1,城关镇,接通,不满意,严重\n");
    let wd = county(&text);
    refused(
        &wd,
        &[],
        "answers.csv",
        &["row 15", "column 编号 (A)", "row 14"],
        &["第 15 行", "A 列", "第 14 行"],
    );
    // Numbers that differ are different respondents.
    let mut text = answers("0001,城关镇,接通,满意,不存在\n");
    text.push_str("10,城关镇,接通,不满意,严重\n");
    score(&county(&text), &[]).expect_code(0);
}

#[test]
fn a_call_result_that_reads_either_way_is_refused() {
    let wd = county(&answers("C1,城关镇,查无此人,,\n"));
    refused(
        &wd,
        &[],
        "answers.csv",
        &["row 14", "column 通话结果 (C)", "either way", "非服务对象"],
        &["第 14 行", "C 列", "两种理解", "非服务对象"],
    );
}

#[test]
fn a_respondent_called_again_after_no_answer_is_counted_once() {
    // The first call went unanswered (left out), the second reached them: one answer.
    let mut text = String::from("编号,乡镇,通话结果,总体满意度,不良行为\nA9,城关镇,无人接听,,\n");
    text.push_str(&answers("A9,城关镇,接通,满意,不存在\n").replacen(
        "编号,乡镇,通话结果,总体满意度,不良行为\n",
        "",
        1,
    ));
    let wd = county(&text);
    score(&wd, &[]).expect_code(0);
    let (h, rows) = util::read_csv(&wd, "s.csv");
    let col = h.iter().position(|c| c == "respondents").unwrap();
    assert_eq!(rows.iter().find(|r| r[0] == "城关镇").unwrap()[col], "7");
}

#[test]
fn office_layouts_that_change_nothing_still_read() {
    // A title row, blank lines, a 合计 row under the inspection scores, a footer
    // naming who filled it in (in a column of no field), trailing empty cells.
    let wd = county(&answers("\n,,,,\n"));
    wd.write(
        "inspection.csv",
        "青石县检查评估得分表,,\n序号,乡镇,检查评估\n1,城关镇,25,,\n2,南岗乡,28\n,合计,53\n\n填表人：张三,,\n",
    );
    score(&wd, &[]).expect_code(0);
    assert_eq!(total_of(&wd, "城关镇"), "90.1");
}

#[test]
fn a_value_named_by_two_columns_stops_instead_of_reading_the_first() {
    // An old column kept beside the new one, a bracketed note on a header, a header
    // written twice: reading the first column would score the wrong answers.
    let old_beside_new = answers("")
        .replace("总体满意度,", "满意度,总体满意度,")
        .replace("接通,满意,", "接通,不满意,满意,");
    let old_beside_new = old_beside_new.replace("接通,不满意,严重", "接通,不满意,不满意,严重");
    let wd = county(&old_beside_new);
    refused(
        &wd,
        &[],
        "answers.csv",
        &["row 1", "(E)", "(D)", "could be this column"],
        &["第 1 行", "D 列", "E 列", "都可能是这一列"],
    );
    let wd = county(&answers(""));
    wd.write(
        "inspection.csv",
        "乡镇,检查评估(初评),检查评估\n城关镇,20,25\n南岗乡,29,28\n",
    );
    refused(
        &wd,
        &[],
        "inspection.csv",
        &["row 1", "检查评估(初评) (B)", "检查评估 (C)"],
        &["第 1 行", "B 列", "C 列"],
    );
    wd.write("inspection.csv", INSPECTION);
    wd.write("findings.csv", "乡镇,虚假,虚假\n城关镇,1,3\n");
    refused(
        &wd,
        &["--findings", "findings.csv"],
        "findings.csv",
        &["row 1", "(B)", "(C)"],
        &["第 1 行", "B 列", "C 列"],
    );
}

#[test]
fn findings_with_checks_pending_are_told_as_a_provisional_score() {
    // pingyi's own tally, with one township's checklist not yet back: its deduction
    // counts only the checks done, which the score says instead of passing over.
    let wd = county(&answers(""));
    wd.write(
        "findings.csv",
        "unit,checked,false,pending,flag\n城关镇,9,0,9,not returned\n南岗乡,9,1,0,\n",
    );
    let run = score(&wd, &["--findings", "findings.csv"]);
    run.expect_code(0);
    let told = run.stderr();
    assert!(
        told.contains("checks pending") && told.contains("城关镇 9") && !told.contains("南岗乡 "),
        "{told}"
    );
    wd.write(
        "findings.csv",
        "单位,核查数,虚假,待核\n城关镇,9,0,3\n南岗乡,9,1,0\n",
    );
    let run = score(
        &wd,
        &["--findings", "findings.csv", "--lang", "zh", "--force"],
    );
    run.expect_code(0);
    assert!(run.stderr().contains("待核的记录") && run.stderr().contains("城关镇 3"));
    // The table itself, and the unit-facing one, mark the provisional unit, not the other.
    let flags = |file: &str| -> Vec<(String, String)> {
        let text = String::from_utf8(wd.read(file)).unwrap();
        let mut lines = text.trim_start_matches('\u{feff}').lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let at = header
            .iter()
            .position(|h| *h == "标记" || *h == "flags")
            .unwrap();
        lines
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                (cells[0].to_string(), cells[at..].join(","))
            })
            .collect()
    };
    let marked = flags("s.csv");
    let of = |u: &str| marked.iter().find(|(x, _)| x == u).unwrap().1.clone();
    assert!(
        of("城关镇").contains("临时结果：尚有 3 条核查待核"),
        "{marked:?}"
    );
    assert!(!of("南岗乡").contains("临时结果"), "{marked:?}");
    // Every check done: nothing to tell.
    wd.write(
        "findings.csv",
        "unit,false,pending\n城关镇,0,0\n南岗乡,1,0\n",
    );
    let run = score(&wd, &["--findings", "findings.csv", "--force"]);
    run.expect_code(0);
    assert!(!run.stderr().contains("pending"), "{}", run.stderr());
}

/// A workbook written as `rows`, each cell a string, or a formula where it starts with
/// `=` (stored without a result, as a program writes it); more sheets of the same rows
/// after a sheet of notes when `sheets` names them.
fn book(rows: &[&[&str]], notes: bool, sheets: &[&str]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    if notes {
        let ws = book.add_worksheet();
        ws.set_name("说明").unwrap();
        ws.write_string(0, 0, "填表说明：每个乡镇一行").unwrap();
    }
    for name in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        ws.set_formula_result_default("");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if cell.starts_with('=') {
                    ws.write_formula(r as u32, c as u16, *cell).unwrap();
                } else {
                    ws.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn workbooks_as_offices_keep_them_are_read_from_the_right_sheet_or_refused() {
    let wd = county(&answers(""));
    let run = |inspection: &str, out: &str, lang: &str| {
        wd.run(&[
            "--lang",
            lang,
            "score",
            "--responses",
            "answers.csv",
            "--units",
            "units.csv",
            "--inspection",
            inspection,
            "--scheme",
            "township",
            "--out",
            out,
        ])
    };
    let inspection: &[&[&str]] = &[&["乡镇", "检查评估"], &["城关镇", "25"], &["南岗乡", "28"]];
    // Behind a sheet of notes: read from its own sheet, as the CSV.
    run("inspection.csv", "s.csv", "en").expect_code(0);
    wd.write("i.xlsx", book(inspection, true, &["得分"]));
    run("i.xlsx", "s2.csv", "en").expect_code(0);
    assert_eq!(wd.read("s2.csv"), wd.read("s.csv"));
    // On two sheets: which one is meant would be a guess.
    wd.write("two.xlsx", book(inspection, false, &["初评", "复评"]));
    run("two.xlsx", "s3.csv", "en").expect_bad_input(&["two.xlsx", "初评, 复评", "one sheet"]);
    run("two.xlsx", "s3.csv", "zh").expect_bad_input(&["two.xlsx", "初评, 复评", "同一个工作表"]);
    // A formula never computed: open and save, not "write a number".
    let formula: &[&[&str]] = &[
        &["乡镇", "检查评估"],
        &["城关镇", "=20+5"],
        &["南岗乡", "28"],
    ];
    wd.write("f.xlsx", book(formula, false, &["得分"]));
    run("f.xlsx", "s4.csv", "en").expect_bad_input(&["f.xlsx", "row 2", "column B", "save it"]);
    run("f.xlsx", "s4.csv", "zh").expect_bad_input(&["f.xlsx", "第 2 行", "B 列", "打开并保存"]);
    assert!(!wd.exists("s3.csv") && !wd.exists("s4.csv"));
}
