//! What a county clerk meets, through the real binary in both languages: a call log
//! checked with no `--id-column`, the pending townships of a partial tally, the cell a
//! hand edit changed named by `pingyi verify`, and the reasons of foreign errors (TOML,
//! SQL, the operating system) told in Chinese.

mod util;

use calamine::{Data, Reader, open_workbook_auto};
use pingyi::privacy::id_check_char;
use util::{Workdir, english_in, read_csv, write_csv};

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
    workbook_grid(wd, name)
        .into_iter()
        .skip_while(|r| r.first().is_none_or(|c| c != "序号"))
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

// ---------------------------------------------------------------------------------
// 3. `pingyi verify` names the cell a hand edit changed, beyond frames

/// Runs `pingyi verify target` in English and in Chinese: both fail (exit 3) and name
/// what `en` and `zh` list; neither shows any of `hidden`.
fn verify_names(wd: &Workdir, target: &str, en: &[&str], zh: &[&str], hidden: &[&str]) {
    for (lang, needles) in [("en", en), ("zh", zh)] {
        let run = wd.run(&["--lang", lang, "verify", target]);
        run.expect_code(3);
        let out = run.stdout() + &run.stderr();
        for n in needles {
            assert!(
                out.contains(n),
                "verify {target} --lang {lang} lacks {n:?}:\n{out}"
            );
        }
        for h in hidden {
            assert!(
                !out.contains(h),
                "verify {target} --lang {lang} shows {h:?}:\n{out}"
            );
        }
    }
}

/// Sets the cell at `row` (1-based, as Excel shows it) under `header` of CSV `name`.
fn edit_csv(wd: &Workdir, name: &str, row: usize, header: &str, value: &str) -> String {
    let (h, mut rows) = read_csv(wd, name);
    let c = col(&h, header);
    let old = std::mem::replace(&mut rows[row - 2][c], value.to_string());
    write_csv(wd, name, &h, &rows);
    old
}

/// Saves workbook `name` again as a clerk would after editing one cell: every sheet's
/// values kept, the cell at `row` (1-based) and column `c` (0-based) set to `value`.
fn edit_workbook(wd: &Workdir, name: &str, row: u32, c: u16, value: &str) -> String {
    let mut source = open_workbook_auto(wd.path(name)).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut old = String::new();
    for sheet in source.sheet_names() {
        let range = source.worksheet_range(&sheet).unwrap();
        let ws = book.add_worksheet();
        ws.set_name(&sheet).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, cells) in range.rows().enumerate() {
            for (k, cell) in cells.iter().enumerate() {
                let (wr, wc) = (r0 + r as u32, (c0 as usize + k) as u16);
                if (wr + 1, wc) == (row, c) && old.is_empty() {
                    old = cell.to_string();
                    ws.write_string(wr, wc, value).unwrap();
                    continue;
                }
                match cell {
                    Data::Empty => {}
                    Data::Float(f) => drop(ws.write_number(wr, wc, *f).unwrap()),
                    Data::Int(i) => drop(ws.write_number(wr, wc, *i as f64).unwrap()),
                    other => drop(ws.write_string(wr, wc, other.to_string()).unwrap()),
                }
            }
        }
    }
    drop(source);
    book.save(wd.path(name)).unwrap();
    old
}

#[test]
fn verify_names_an_edited_cell_of_a_sample_workbook_masking_the_phone() {
    let wd = office_county();
    draw(&wd, "抽样名单.xlsx", &[]);
    // Row 3 is the first record (a title row, then the header); 联系电话 is E, 样本类型 K.
    let phone = edit_workbook(&wd, "抽样名单.xlsx", 3, 4, "13912345678");
    assert!(phone.len() == 11, "{phone}");
    verify_names(
        &wd,
        "抽样名单.xlsx",
        &[
            "抽样名单.xlsx, sheet 抽样名单, row 3, column 联系电话 (E): holds '139",
            "the sample written again",
        ],
        &[
            "抽样名单.xlsx，工作表「抽样名单」，第 3 行，第 5 列（E 列）「联系电话」：现为 '139",
            "按输入重新生成的样本为",
        ],
        &["13912345678", &phone],
    );
    // A main respondent made a reserve: the cell and both values.
    draw(&wd, "抽样名单.xlsx", &["--force"]);
    edit_workbook(&wd, "抽样名单.xlsx", 4, 10, "备用样本");
    verify_names(
        &wd,
        "抽样名单.xlsx",
        &[
            "row 4, column 样本类型 (K): holds '备用样本', the sample written again from its inputs has '正式样本'",
        ],
        &[
            "第 4 行，第 11 列（K 列）「样本类型」：现为 '备用样本'，按输入重新生成的样本为 '正式样本'",
        ],
        &[],
    );
}

/// The example county drawn, selected (`c.csv`), filled (`filled.csv`, the first
/// record false), tallied (`t.csv`) and scored (`s.csv`, `u.xlsx` for the units).
fn scored_county() -> Workdir {
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
    let (h, mut rows) = read_csv(&wd, "c.csv");
    let result = col(&h, "result");
    for (i, r) in rows.iter_mut().enumerate() {
        r[result] = if i == 0 { "虚假" } else { "真实" }.into();
    }
    write_csv(&wd, "filled.csv", &h, &rows);
    util::tally_filled(&wd);
    wd.copy_from_repo("data/county_responses.csv", "responses.csv");
    wd.copy_from_repo("data/county_inspection.csv", "inspection.csv");
    wd.ok(&[
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
        "--unit-facing",
        "u.xlsx",
    ]);
    wd
}

#[test]
fn verify_names_an_edited_cell_of_a_checklist_masking_the_id_number() {
    let wd = scored_county();
    let id = edit_csv(&wd, "c.csv", 3, "身份证号", "110101199003071234");
    verify_names(
        &wd,
        "c.csv",
        &[
            "c.csv, row 3, column 身份证号 (F): holds '110101",
            "the checklist written again",
        ],
        &[
            "c.csv，第 3 行，第 6 列（F 列）「身份证号」：现为 '110101",
            "按输入重新生成的核查表为",
        ],
        &["110101199003071234", &id],
    );
}

#[test]
fn verify_names_an_edited_cell_of_a_tally_and_of_the_score_tables() {
    let wd = scored_county();
    let tally = wd.read("t.csv");
    let was = edit_csv(&wd, "t.csv", 2, "deduction", "0");
    assert_eq!(was, "0.5");
    verify_names(
        &wd,
        "t.csv",
        &[
            "t.csv, row 2, column deduction (H): holds '0', the tally written again from its inputs has '0.5'",
        ],
        &[
            "t.csv，第 2 行，第 8 列（H 列）「deduction」：现为 '0'，按输入重新生成的核查汇总为 '0.5'",
        ],
        &[],
    );
    // Saved again with the same values: no cell is named, and verify says so.
    edit_csv(&wd, "t.csv", 2, "deduction", &was);
    verify_names(
        &wd,
        "t.csv",
        &["every cell of t.csv holds what"],
        &["t.csv 的每个单元格"],
        &["row 2"],
    );
    // The tally put back, so the score's inputs are as recorded.
    wd.write("t.csv", tally);
    wd.ok(&["verify", "t.csv"]);
    let total = edit_csv(&wd, "s.csv", 4, "total", "99.99");
    verify_names(
        &wd,
        "s.csv",
        &[&format!(
            "s.csv, row 4, column total (I): holds '99.99', the score written again from its inputs has '{total}'"
        )],
        &[&format!(
            "s.csv，第 4 行，第 9 列（I 列）「total」：现为 '99.99'，按输入重新生成的评议得分为 '{total}'"
        )],
        &[],
    );
    // The unit-facing workbook: its title row first, then the header; rank is column I.
    let rows = workbook_grid(&wd, "u.xlsx");
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "排名"))
        .unwrap();
    let rank = rows[header].iter().position(|c| c == "排名").unwrap();
    let row = header as u32 + 3;
    let was = edit_workbook(&wd, "u.xlsx", row, rank as u16, "1");
    let letter = (b'A' + rank as u8) as char;
    verify_names(
        &wd,
        "u.xlsx",
        &[&format!(
            "u.xlsx, sheet 评议得分, row {row}, column 排名 ({letter}): holds '1', the score written again from its inputs has '{was}'"
        )],
        &[&format!(
            "u.xlsx，工作表「评议得分」，第 {row} 行，第 {} 列（{letter} 列）「排名」：现为 '1'，按输入重新生成的评议得分为 '{was}'",
            rank + 1
        )],
        &[],
    );
}

/// Every row of a workbook's first sheet, as text.
fn workbook_grid(wd: &Workdir, name: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(wd.path(name)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn verify_names_the_cell_of_a_table_written_with_chinese_headers() {
    let wd = scored_county();
    wd.ok(&[
        "--lang",
        "zh",
        "audit",
        "tally",
        "--checklist",
        "filled.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "汇总.csv",
    ]);
    let (h, _) = read_csv(&wd, "汇总.csv");
    assert!(h.contains(&"扣分".to_string()), "{h:?}");
    edit_csv(&wd, "汇总.csv", 2, "扣分", "5");
    verify_names(
        &wd,
        "汇总.csv",
        &[
            "汇总.csv, row 2, column 扣分 (H): holds '5', the tally written again from its inputs has '0.5'",
        ],
        &["汇总.csv，第 2 行，第 8 列（H 列）「扣分」：现为 '5'，按输入重新生成的核查汇总为 '0.5'"],
        &["column deduction"],
    );
}

#[test]
fn verify_names_the_edited_cell_of_an_input_an_earlier_stage_wrote() {
    let wd = scored_county();
    // The tally the score read, edited: verifying the score names the tally's cell.
    let was = edit_csv(&wd, "t.csv", 2, "false", "3");
    verify_names(
        &wd,
        "s.csv",
        &[&format!(
            "t.csv, row 2, column false (E): holds '3', the tally written again from its inputs has '{was}'"
        )],
        &[&format!(
            "t.csv，第 2 行，第 5 列（E 列）「false」：现为 '3'，按输入重新生成的核查汇总为 '{was}'"
        )],
        &[],
    );
    // The sample the selection read, edited: verifying the checklist names its cell.
    let (h, _) = read_csv(&wd, "sample.csv");
    let role = col(&h, "role");
    let letter = (b'A' + role as u8) as char;
    edit_csv(&wd, "sample.csv", 2, "role", "reserve");
    verify_names(
        &wd,
        "c.csv",
        &[&format!(
            "sample.csv, row 2, column role ({letter}): holds 'reserve', the sample written again from its inputs has 'main'"
        )],
        &[&format!(
            "sample.csv，第 2 行，第 {} 列（{letter} 列）「role」：现为 'reserve'，按输入重新生成的样本为 'main'",
            role + 1
        )],
        &[],
    );
}

// ---------------------------------------------------------------------------------
// 4. Reasons of others (TOML, the SQL emitter, the operating system) in Chinese

/// Expects `args` refused under `--lang zh` (exit 2), naming every one of `needles`,
/// with no English sentence in the message.
fn refused_in_chinese(wd: &Workdir, args: &[&str], needles: &[&str]) {
    let run = wd.run(&[&["--lang", "zh"], args].concat());
    run.expect_bad_input(needles);
    let err = run.stderr();
    assert!(
        english_in(&err).is_empty(),
        "English in {args:?}: {:?}\n{err}",
        english_in(&err)
    );
}

#[test]
fn the_english_finder_finds_english() {
    let found = english_in("错误：invalid type: integer `5`, expected a string");
    assert_eq!(found, ["invalid type", "expected string"]);
    let kept = "文件 data/pingyi.toml，第 3 行：缺少键 counts；请写 --emit-sql duckdb 或「no way」";
    assert!(english_in(kept).is_empty());
    assert!(!english_in("无法读取 x.csv：missing field").is_empty());
}

#[test]
fn pingyi_toml_mistakes_are_told_in_chinese_at_their_line() {
    let wd = Workdir::new();
    for (body, line, needle) in [
        (
            "[county]\ntitle = \"t\"\ncounts = 5\n",
            3,
            "值 5 是整数，但这里需要加双引号的文字",
        ),
        (
            "[county]\ntitle = \"t\"\ncountz = \"c.csv\"\n",
            3,
            "没有名为 countz 的键",
        ),
        ("[county]\ntitle = \"t\"\n", 1, "缺少键 counts"),
        (
            "[county]\ntitle = \"t\ncounts = \"c\"\n",
            2,
            "缺少结尾的 \"",
        ),
        ("[county\n", 1, "缺少结尾的 ]"),
        (
            "[county]\ntitle = \"t\"\ntitle = \"u\"\n",
            3,
            "这个键写了两次",
        ),
        (
            "lang = \"fr\"\n",
            1,
            "fr 不是这里允许的值；允许的值有 en, zh",
        ),
        ("[county]\ntitle = t\n", 2, "文字必须写在双引号里"),
        (
            "[county]\ntitle = \"t\"\ncounts = \"c\"\nmargin = [1]\n",
            4,
            "是方括号 [ ] 里的列表，但这里需要数字",
        ),
        (
            "[county]\ntitle = \"t\"\ncounts = \"c\"\nmargin = 0.1.2\n",
            4,
            "没有按“键 = 值”的格式书写",
        ),
        (
            "[county]\ntitle = \"t\"\ncounts = \"c\"\nper_unit = -3\n",
            4,
            "这里不能填值 -3；需要不小于 0 的整数",
        ),
    ] {
        wd.write("data/pingyi.toml", body);
        let at = format!("文件 data/pingyi.toml，第 {line} 行");
        refused_in_chinese(&wd, &["run"], &[&at, needle]);
        wd.run(&["run"])
            .expect_bad_input(&[&format!("data/pingyi.toml, row {line}")]);
    }
}

#[test]
fn scheme_file_mistakes_are_told_in_chinese_at_their_line() {
    let wd = util::example_county();
    wd.copy_from_repo("data/county_responses.csv", "responses.csv");
    wd.write("s.toml", "name = \"x\"\npoints = \"seventy\"\n");
    let args = [
        "score",
        "--units",
        "frame.csv",
        "--responses",
        "responses.csv",
        "--scheme",
        "s.toml",
        "--out",
        "score.csv",
    ];
    refused_in_chinese(
        &wd,
        &args,
        &[
            "文件 s.toml，第 2 行",
            "值 seventy 是加双引号的文字，但这里需要数字",
        ],
    );
    wd.run(&args).expect_bad_input(&[
        "s.toml, row 2",
        "the value seventy is text in double quotes, but a number is needed here",
    ]);
    assert!(!wd.exists("score.csv"));
}

#[test]
fn sql_emitter_refusals_are_told_in_chinese() {
    use pingyi::draw::sql::{Dialect, Relation, SqlSource, emit_sql};
    use pingyi::draw::ticket::Seed;
    use pingyi::i18n::Lang;
    // The command line refuses what it can first; the emitter's own checks guard
    // callers of the library, and speak the catalogue too.
    let seed = Seed::new("1").unwrap();
    let source = |unit: &str, relation: Relation| SqlSource {
        relation,
        id: "编号".into(),
        unit: unit.into(),
        category: "类别".into(),
        columns: vec!["编号".into()],
    };
    let frame = [pingyi::frame::FrameRow {
        unit: "城关镇".into(),
        category: pingyi::io::Category::from_label("农村低保"),
        population: 10,
        sample: 3,
        reserve: 1,
    }];
    let table = || Relation::Table("roster".into());
    for (frame, source, zh) in [
        (&frame[..0], source("乡镇", table()), "抽样框中没有任何层"),
        (&frame[..], source("", table()), "名册的乡镇列没有表头"),
        (
            &frame[..],
            source("乡镇", Relation::Files(Vec::new())),
            "没有给出名册",
        ),
    ] {
        let e = emit_sql(Dialect::DuckDb, frame, &seed, &source).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let text = e.render_in(Lang::Zh);
        assert!(text.contains(zh) && english_in(&text).is_empty(), "{text}");
        assert!(!english_in(&e.render_in(Lang::En)).is_empty());
    }
}

#[test]
fn operating_system_refusals_are_told_in_chinese() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("数量表.csv")).unwrap();
    let args = [
        "frame",
        "--counts",
        "数量表.csv",
        "--per-unit",
        "5",
        "--out",
        "f.csv",
    ];
    refused_in_chinese(
        &wd,
        &args,
        &["无法读取 数量表.csv", "这是一个文件夹，不是文件"],
    );
    wd.run(&args)
        .expect_bad_input(&["cannot read 数量表.csv: it is a folder, not a file"]);
    let missing = [
        "frame",
        "--counts",
        "无.csv",
        "--per-unit",
        "5",
        "--out",
        "f.csv",
    ];
    refused_in_chinese(&wd, &missing, &["无法读取 无.csv：找不到这个文件或文件夹"]);
    #[cfg(unix)]
    {
        let fifo = wd.path("管道.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let args = [
                "frame",
                "--counts",
                "管道.csv",
                "--per-unit",
                "5",
                "--out",
                "f.csv",
            ];
            refused_in_chinese(&wd, &args, &["无法读取 管道.csv", "这不是普通文件"]);
        }
    }
    assert!(!wd.exists("f.csv"));
}
