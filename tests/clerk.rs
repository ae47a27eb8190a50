//! What a county clerk meets, through the real binary in both languages: a call log
//! checked with no `--id-column`, the pending townships of a partial tally, the cell a
//! hand edit changed named by `pingyi verify`, and the reasons of foreign errors (TOML,
//! SQL, the operating system) told in Chinese.

mod util;

use calamine::{Data, Reader, open_workbook_auto};
use pingyi::privacy::id_check_char;
use util::{Workdir, read_csv, write_csv};

const TOWNS: [&str; 3] = ["城关镇", "青石镇", "白沙镇"];
const CATEGORIES: [&str; 3] = ["农村低保", "城市低保", "五保"];
/// The roster headers of the 快速上手: no 编号 column, so the draw keys people by
/// their ID numbers.
const ROSTER_HEADERS: [&str; 9] = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "联系电话",
    "所属乡镇",
    "村（社区）",
    "救助类别",
    "备注",
];

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// 数量表.csv and 名册.csv of a three-township county headed as offices head them,
/// and 样本框.csv made from them.
fn office_county() -> Workdir {
    let wd = Workdir::new();
    let mut counts = Vec::new();
    let mut roster = Vec::new();
    for (t, town) in TOWNS.iter().enumerate() {
        let mut row = vec![town.to_string()];
        for (c, category) in CATEGORIES.iter().enumerate() {
            let n = 20 + 5 * c + t;
            row.push(n.to_string());
            for _ in 0..n {
                let k = roster.len() + 1;
                let body = format!(
                    "9900{t:02}{}{:02}{:02}{:03}",
                    1940 + k % 50,
                    1 + k % 12,
                    1 + k % 28,
                    k % 1000
                );
                roster.push(strings(&[
                    &k.to_string(),
                    &format!("王{k}"),
                    "男",
                    &format!("{body}{}", id_check_char(&body)),
                    &format!("10{k:09}"),
                    town,
                    &format!("{town}一村"),
                    category,
                    "",
                ]));
            }
        }
        counts.push(row);
    }
    let head: Vec<&str> = ["乡镇"].into_iter().chain(CATEGORIES).collect();
    write_csv(&wd, "数量表.csv", &strings(&head), &counts);
    write_csv(&wd, "名册.csv", &strings(&ROSTER_HEADERS), &roster);
    wd.ok(&[
        "frame",
        "--counts",
        "数量表.csv",
        "--margin",
        "0.2",
        "--min-per-stratum",
        "3",
        "--reserve-rate",
        "0.3",
        "--out",
        "样本框.csv",
    ]);
    wd
}

/// Draws the office county into `out`, with `extra` flags.
fn draw(wd: &Workdir, out: &str, extra: &[&str]) {
    let mut args = vec![
        "draw",
        "--frame",
        "样本框.csv",
        "--roster",
        "名册.csv",
        "--seed",
        "20260615",
        "--out",
        out,
    ];
    args.extend(extra);
    wd.ok(&args);
}

/// The rows of a workbook's first sheet from its header (the row starting 序号) on,
/// as text.
fn workbook_rows(wd: &Workdir, name: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(wd.path(name)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .skip_while(|r| r.first().is_none_or(|c| c.to_string() != "序号"))
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The sample's rows (after its header) by role: the main respondents and the reserves.
fn sample_by_role(rows: &[Vec<String>]) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let head = &rows[0];
    let role = head
        .iter()
        .position(|h| h == "role" || h == "样本类型")
        .unwrap();
    rows[1..]
        .iter()
        .cloned()
        .partition(|r| r[role] == "main" || r[role] == "正式样本")
}

// ---------------------------------------------------------------------------------
// 1. `pingyi verify --calls` needs no --id-column

/// A call log as interviewers keep it: the sample's 序号, 姓名, 身份证号 and 所属乡镇,
/// and the outcome; the first main respondent not reached and the first reserve of
/// the same stratum called instead.
fn office_call_log(sample: &[Vec<String>], columns: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let (mains, reserves) = sample_by_role(sample);
    let at: Vec<usize> = columns
        .iter()
        .map(|c| sample[0].iter().position(|h| h == c).unwrap())
        .collect();
    let pick = |r: &Vec<String>, outcome: &str| {
        let mut row: Vec<String> = at.iter().map(|&i| r[i].clone()).collect();
        row.push(outcome.to_string());
        row
    };
    let stratum = |r: &Vec<String>| (r[5].clone(), r[7].clone());
    let first = &mains[0];
    let reserve = reserves
        .iter()
        .find(|r| stratum(r) == stratum(first))
        .unwrap();
    let mut log = vec![pick(first, "无人接听"), pick(reserve, "接通")];
    log.extend(mains[1..].iter().map(|r| pick(r, "接通")));
    let mut head = strings(columns);
    head.push("通话结果".into());
    (head, log)
}

#[test]
fn a_call_log_is_checked_by_the_id_column_the_draw_used_without_flags() {
    let wd = office_county();
    draw(&wd, "抽样名单.xlsx", &[]);
    let sample = workbook_rows(&wd, "抽样名单.xlsx");
    let (head, log) = office_call_log(&sample, &["序号", "姓名", "身份证号", "所属乡镇"]);
    write_csv(&wd, "通话记录.csv", &head, &log);
    let args = [
        "verify",
        "--calls",
        "通话记录.csv",
        "--sample",
        "抽样名单.xlsx",
    ];
    let calls = log.len().to_string();
    let run = wd.ok(&args);
    assert!(
        run.stdout().contains(&format!("{calls} calls")),
        "{}",
        run.stdout()
    );
    let mut zh = vec!["--lang", "zh"];
    zh.extend(args);
    let run = wd.ok(&zh);
    assert!(
        run.stdout().contains(&format!("共 {calls} 次通话")),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_call_log_without_the_samples_id_column_is_refused_naming_it() {
    let wd = office_county();
    draw(&wd, "抽样名单.xlsx", &[]);
    let sample = workbook_rows(&wd, "抽样名单.xlsx");
    let (head, log) = office_call_log(&sample, &["序号", "姓名", "所属乡镇"]);
    write_csv(&wd, "通话记录.csv", &head, &log);
    let args = [
        "verify",
        "--calls",
        "通话记录.csv",
        "--sample",
        "抽样名单.xlsx",
    ];
    wd.run(&args)
        .expect_bad_input(&["通话记录.csv", "row 1", "身份证号", "--id-column"]);
    let mut zh = vec!["--lang", "zh"];
    zh.extend(args);
    wd.run(&zh).expect_bad_input(&[
        "文件 通话记录.csv",
        "第 1 行",
        "「身份证号」",
        "--id-column",
    ]);
}

#[test]
fn a_call_log_follows_the_id_column_recorded_by_the_draw_and_the_flag_overrides_it() {
    let wd = office_county();
    // A draw told to key people by 序号 records it in its manifest; the log keeps 序号
    // only, and is checked without a flag.
    draw(&wd, "按序号.csv", &["--id-column", "序号"]);
    let (h, rows) = read_csv(&wd, "按序号.csv");
    let sample: Vec<Vec<String>> = std::iter::once(h).chain(rows).collect();
    let (head, log) = office_call_log(&sample, &["序号", "所属乡镇"]);
    write_csv(&wd, "通话记录.csv", &head, &log);
    let args = [
        "verify",
        "--calls",
        "通话记录.csv",
        "--sample",
        "按序号.csv",
    ];
    wd.ok(&args);
    // Without the manifest, the sample's header decides (身份证号), which the log
    // lacks; --id-column still names the column for both.
    std::fs::remove_file(wd.path("按序号.csv.manifest.json")).unwrap();
    wd.run(&args).expect_bad_input(&["身份证号"]);
    let mut told = args.to_vec();
    told.extend(["--id-column", "序号"]);
    wd.ok(&told);
}

// ---------------------------------------------------------------------------------
// 2. The townships not yet returned, on the terminal as in the written tally

/// The example county drawn, its audit subset selected into `c.csv`, and the checklist
/// filled (every record genuine) and returned by its first township only, as `a.csv`.
fn returned_by_the_first_township() -> (Workdir, Vec<String>) {
    let wd = util::example_county();
    util::draw_example(&wd, "20260615", "sample.csv");
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "20260701",
        "--out",
        "c.csv",
    ]);
    let (h, rows) = read_csv(&wd, "c.csv");
    let (unit, result) = (col(&h, "乡镇"), col(&h, "result"));
    let mut units: Vec<String> = rows.iter().map(|r| r[unit].clone()).collect();
    units.dedup();
    let first: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| r[unit] == units[0])
        .map(|mut r| {
            r[result] = "真实".into();
            r
        })
        .collect();
    write_csv(&wd, "a.csv", &h, &first);
    (wd, units)
}

fn col(h: &[String], name: &str) -> usize {
    h.iter().position(|x| x == name).unwrap()
}

/// The terminal table's row of `unit`: its cells between the table's bars.
fn terminal_row(out: &str, unit: &str) -> Vec<String> {
    let line = out
        .lines()
        .find(|l| l.split('┆').next().is_some_and(|c| c.contains(unit)))
        .unwrap_or_else(|| panic!("no row of {unit} in\n{out}"));
    line.trim_matches(|c| c == '│' || c == ' ')
        .split('┆')
        .map(|c| c.trim().to_string())
        .collect()
}

#[test]
fn the_terminal_tally_shows_the_townships_not_returned_in_both_languages() {
    let (wd, units) = returned_by_the_first_township();
    let tally = ["audit", "tally", "--checklist", "a.csv", "--out", "t.csv"];
    let out = wd.ok(&tally).stdout();
    let (first, pending) = (terminal_row(&out, &units[0]), terminal_row(&out, &units[1]));
    assert_eq!(pending.last().unwrap(), "not returned", "{out}");
    assert_eq!(first.last().unwrap(), "", "{out}");
    assert!(out.contains("pending"), "{out}");
    // The written tally says the same of the same townships.
    let (h, rows) = read_csv(&wd, "t.csv");
    let flag = col(&h, "flag");
    let written: Vec<&str> = rows.iter().map(|r| r[flag].as_str()).collect();
    assert_eq!(written[0], "");
    assert!(
        written[1..].iter().all(|f| *f == "not returned"),
        "{written:?}"
    );

    let zh = [&tally[..], &["--force", "--lang", "zh"]].concat();
    let out = wd.ok(&zh).stdout();
    for unit in &units[1..] {
        assert_eq!(terminal_row(&out, unit).last().unwrap(), "未返回", "{out}");
    }
    assert_eq!(terminal_row(&out, &units[0]).last().unwrap(), "", "{out}");
    assert!(
        out.contains("待核") && !out.contains("not returned"),
        "{out}"
    );
    let (h, rows) = read_csv(&wd, "t.csv");
    let flag = h.iter().position(|x| x == "标记" || x == "flag").unwrap();
    assert!(rows[1..].iter().all(|r| r[flag] == "未返回"), "{rows:?}");
}
