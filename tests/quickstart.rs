//! README's 快速上手 works as written: its commands, taken from the code blocks of that
//! section, run in order through the real binary on a twelve-township county whose
//! roster is headed the way offices head it (序号, 姓名, 性别, 身份证号, 联系电话,
//! 所属乡镇, 村（社区）, 救助类别, 备注) — with no flag beyond those the README shows.

mod util;

use calamine::{Data, Reader, SheetVisible, open_workbook_auto};
use rust_xlsxwriter::Workbook;
use util::Workdir;

const TOWNS: [&str; 12] = [
    "城关镇",
    "青石镇",
    "白沙镇",
    "柳河乡",
    "石桥乡",
    "新集镇",
    "马坪镇",
    "双河镇",
    "高庙乡",
    "桃源乡",
    "龙泉乡",
    "杨柳乡",
];
const CATEGORIES: [&str; 5] = ["农村低保", "城市低保", "五保", "优抚", "慈善"];
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

/// A table cell for a workbook written by the test.
enum Cell {
    Text(String),
    Number(f64),
}

/// The commands of the 快速上手 section: every line of its code blocks that starts
/// with `pingyi`, split into arguments.
fn quickstart_commands() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(util::repo_root().join("README.md")).unwrap();
    let start = readme
        .find("## 快速上手")
        .expect("README has a 快速上手 section");
    let rest = &readme[start + 1..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let mut commands = Vec::new();
    let mut in_block = false;
    for line in section.lines().map(str::trim) {
        if line.starts_with("```") {
            in_block = !in_block;
        } else if in_block && line.starts_with("pingyi ") {
            assert!(
                !line.contains(['"', '\'', '\\', '<', '>']),
                "a 快速上手 command must run as typed: {line}"
            );
            commands.push(line.split_whitespace().skip(1).map(String::from).collect());
        }
    }
    commands
}

/// The resident ID number for a body of 17 digits (GB 11643-1999 check character).
fn id_number(body: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = "10X98765432".as_bytes()[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

fn count(town: usize, category: usize) -> usize {
    12 + (town * 7 + category * 13) % 29
}

fn save(wd: &Workdir, name: &str, sheet: &str, rows: &[Vec<Cell>]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Text(t) => ws.write_string(r, c, t).map(|_| ()),
                Cell::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save(wd.path(name)).unwrap();
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// 数量表.xlsx in the wide form with a 合计 column, and 名册.xlsx with one row per
/// recipient under the office headers.
fn county(wd: &Workdir) {
    let mut counts = vec![
        ["乡镇"]
            .iter()
            .chain(&CATEGORIES)
            .chain(&["合计"])
            .map(|s| text(*s))
            .collect::<Vec<_>>(),
    ];
    let mut roster = vec![ROSTER_HEADERS.iter().map(|s| text(*s)).collect::<Vec<_>>()];
    for (t, town) in TOWNS.iter().enumerate() {
        let mut row = vec![text(*town)];
        for (c, category) in CATEGORIES.iter().enumerate() {
            row.push(Cell::Number(count(t, c) as f64));
            for i in 0..count(t, c) {
                let n = roster.len();
                let birth = format!("{}{:02}{:02}", 1940 + n % 50, 1 + n % 12, 1 + n % 28);
                roster.push(vec![
                    Cell::Number(n as f64),
                    text(format!("{}{}", &"王李张刘陈杨"[(n % 6) * 3..][..3], i)),
                    text(if n % 2 == 0 { "女" } else { "男" }),
                    text(id_number(&format!("99{t:02}00{birth}{:03}", n % 1000))),
                    text(format!("10{n:09}")),
                    text(*town),
                    text(format!("{town}第{}村", 1 + i % 4)),
                    text(*category),
                    text(""),
                ]);
            }
        }
        let total: usize = (0..CATEGORIES.len()).map(|c| count(t, c)).sum();
        row.push(Cell::Number(total as f64));
        counts.push(row);
    }
    save(wd, "数量表.xlsx", "数量表", &counts);
    save(wd, "名册.xlsx", "名册", &roster);
}

/// 调查结果.xlsx (twelve answers per township) and 检查评估.xlsx (one score each).
fn survey(wd: &Workdir) {
    let mut responses = vec![
        ["乡镇", "总体满意度", "不良行为", "通话结果"]
            .map(text)
            .into(),
    ];
    let mut inspection = vec![vec![text("乡镇"), text("检查评估")]];
    let answers = ["满意", "基本满意", "不太满意", "不满意"];
    for (t, town) in TOWNS.iter().enumerate() {
        for i in 0..12 {
            responses.push(vec![
                text(*town),
                text(answers[(t + i) % 7 % 4]),
                text(if (t + i) % 5 == 0 {
                    "不严重"
                } else {
                    "不存在"
                }),
                text("接通"),
            ]);
        }
        inspection.push(vec![text(*town), Cell::Number(20.0 + t as f64 / 2.0)]);
    }
    save(wd, "调查结果.xlsx", "调查结果", &responses);
    save(wd, "检查评估.xlsx", "检查评估", &inspection);
}

/// The verifiers' work: every sheet of the checklist workbook copied, its 核查结果
/// column filled (the first record 虚假, the others 真实), and saved under its name.
fn fill_checklist(wd: &Workdir, name: &str) {
    let mut source = open_workbook_auto(wd.path(name)).unwrap();
    let sheets = source.sheets_metadata().to_vec();
    let mut book = Workbook::new();
    let mut filled = 0;
    for sheet in sheets {
        let range = source.worksheet_range(&sheet.name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        ws.set_hidden(sheet.visible != SheetVisible::Visible);
        let mut result_at: Option<(usize, usize)> = None;
        for (r, row) in range.rows().enumerate() {
            let empty = row.iter().all(|c| matches!(c, Data::Empty));
            if let Some((hr, col)) = result_at
                && r > hr
                && !empty
            {
                let value = if filled == 0 { "虚假" } else { "真实" };
                filled += 1;
                ws.write_string(r0 + r as u32, c0 as u16 + col as u16, value)
                    .unwrap();
            }
            for (c, cell) in row.iter().enumerate() {
                let (wr, wc) = (r0 + r as u32, (c0 as usize + c) as u16);
                if matches!(cell, Data::String(s) if s == "核查结果") {
                    result_at = Some((r, c));
                }
                if result_at.is_some_and(|(hr, col)| r > hr && c == col) {
                    continue;
                }
                match cell {
                    Data::Empty => {}
                    Data::Float(f) => drop(ws.write_number(wr, wc, *f).unwrap()),
                    Data::Int(i) => drop(ws.write_number(wr, wc, *i as f64).unwrap()),
                    Data::Bool(b) => drop(ws.write_boolean(wr, wc, *b).unwrap()),
                    other => drop(ws.write_string(wr, wc, other.to_string()).unwrap()),
                }
            }
        }
    }
    assert!(filled > 0, "no 核查结果 column with records in {name}");
    drop(source);
    book.save(wd.path(name)).unwrap();
}

/// The interviewers' call log `name` for the sample workbook `sample`: every main
/// respondent reached, under the sample's own 序号, 姓名, 身份证号 and 所属乡镇 (no
/// 编号 column, as the draw keyed people by their ID numbers).
fn write_call_log(wd: &Workdir, name: &str, sample: &str) {
    let mut book = open_workbook_auto(wd.path(sample)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .skip_while(|r: &Vec<String>| r.first().is_none_or(|c| c != "序号"))
        .collect();
    let kept = ["序号", "姓名", "身份证号", "所属乡镇"];
    let at: Vec<usize> = kept
        .iter()
        .map(|k| rows[0].iter().position(|h| h == k).unwrap())
        .collect();
    let role = rows[0].iter().position(|h| h == "样本类型").unwrap();
    let mut log = vec![kept.iter().chain(&["通话结果"]).map(|s| text(*s)).collect()];
    for r in rows[1..].iter().filter(|r| r[role] == "正式样本") {
        let mut row: Vec<Cell> = at.iter().map(|&i| text(r[i].clone())).collect();
        row.push(text("接通"));
        log.push(row);
    }
    assert!(log.len() > 1, "no main respondent in {sample}");
    save(wd, name, "通话记录", &log);
}

#[test]
fn the_quickstart_runs_as_written_on_an_office_roster() {
    let commands = quickstart_commands();
    let names: Vec<String> = commands.iter().map(|c| c[..2].join(" ")).collect();
    for needed in [
        "counts",
        "frame",
        "draw",
        "verify",
        "audit select",
        "audit tally",
        "score",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(needed)),
            "the 快速上手 shows no `pingyi {needed}`: {names:?}"
        );
    }
    let wd = Workdir::new();
    county(&wd);
    survey(&wd);
    for command in &commands {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        if args[..2] == ["audit", "tally"] {
            let at = args.iter().position(|a| *a == "--checklist").unwrap();
            fill_checklist(&wd, args[at + 1]);
        }
        if args[0] == "verify" && args.contains(&"--calls") {
            let after = |flag: &str| args[args.iter().position(|a| *a == flag).unwrap() + 1];
            write_call_log(&wd, after("--calls"), after("--sample"));
        }
        // As a clerk on Chinese Windows would see it.
        let output = wd.command(&args).env("PINGYI_LANG", "zh").output().unwrap();
        assert!(
            output.status.success(),
            "pingyi {}\n--- stdout\n{}\n--- stderr\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // The draw keyed the recipients by their ID numbers, and said so in its manifest.
    let manifest: serde_json::Value =
        serde_json::from_slice(&wd.read("抽样名单.xlsx.manifest.json")).unwrap();
    assert_eq!(
        manifest["parameters"]["id_headers"],
        serde_json::json!(["身份证号"])
    );
    assert!(wd.exists("得分排名.xlsx") && wd.exists("通报用.xlsx"));
}

#[test]
fn the_quickstart_test_fails_when_a_command_fails() {
    // The runner above must be able to fail: a roster without its ID-number column is
    // refused at the draw, in Chinese, naming the file.
    let wd = Workdir::new();
    county(&wd);
    wd.ok(&[
        "frame",
        "--counts",
        "数量表.xlsx",
        "--margin",
        "0.1",
        "--out",
        "样本框.xlsx",
    ]);
    let mut rows = vec![vec![text("所属乡镇"), text("救助类别"), text("姓名")]];
    rows.push(vec![text(TOWNS[0]), text(CATEGORIES[0]), text("王一")]);
    save(&wd, "名册.xlsx", "名册", &rows);
    let run = wd.run(&[
        "--lang",
        "zh",
        "draw",
        "--frame",
        "样本框.xlsx",
        "--roster",
        "名册.xlsx",
        "--seed",
        "1",
        "--out",
        "抽样名单.xlsx",
    ]);
    run.expect_bad_input(&["名册.xlsx", "第 1 行", "身份证号"]);
    assert!(!wd.exists("抽样名单.xlsx"));
}
