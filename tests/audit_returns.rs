//! Returned checklists through the real binary: the checklist carries its selection's
//! identity (核查批次) in every row and in the workbook's title and printed header;
//! tally reads it back and refuses a checklist of another selection or with its
//! identity edited, naming the cell; several returned checklists (one per township,
//! repeated --checklist or a folder, any order) are tallied together, the townships
//! not yet returned listed as pending; every refusal in English and in Chinese.

mod util;

use std::io::Read;

use util::Workdir;

const DRAW_SEED: &str = "20260615-青石-民主评议";
const AUDIT_SEED: &str = "20260701-青石-抽查";

type Table = (Vec<String>, Vec<Vec<String>>);

/// The example county drawn and its audit subset selected into `c.csv`.
fn selected() -> Workdir {
    let wd = util::example_county();
    util::draw_example(&wd, DRAW_SEED, "sample.csv");
    select(&wd, AUDIT_SEED, "c.csv");
    wd
}

fn select(wd: &Workdir, seed: &str, out: &str) {
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        seed,
        "--out",
        out,
    ]);
}

use util::{read_csv, write_csv};

fn col(h: &[String], name: &str) -> usize {
    h.iter().position(|x| x == name).unwrap()
}

/// The checklist `c.csv` filled: every record genuine but the given audit numbers.
fn filled(wd: &Workdir, false_ones: &[&str]) -> Table {
    let (h, mut rows) = read_csv(wd, "c.csv");
    let result = col(&h, "result");
    for r in rows.iter_mut() {
        let false_one = false_ones.contains(&r[0].as_str());
        r[result] = if false_one { "虚假" } else { "真实" }.into();
    }
    (h, rows)
}

/// The rows of `units` (by the 乡镇 column), in reverse order.
fn part(table: &Table, units: &[&str]) -> Vec<Vec<String>> {
    let unit = col(&table.0, "乡镇");
    let mut rows: Vec<Vec<String>> = table
        .1
        .iter()
        .filter(|r| units.contains(&r[unit].as_str()))
        .cloned()
        .collect();
    rows.reverse();
    rows
}

/// The units of the checklist, in order.
fn units(table: &Table) -> Vec<String> {
    let unit = col(&table.0, "乡镇");
    let mut units: Vec<String> = table.1.iter().map(|r| r[unit].clone()).collect();
    units.dedup();
    units
}

fn tally(wd: &Workdir, checklists: &[&str], extra: &[&str]) -> util::Run {
    let mut args = vec!["audit", "tally"];
    for c in checklists {
        args.extend(["--checklist", c]);
    }
    args.extend(extra);
    wd.run(&args)
}

/// The same refusal in English and in Chinese, each naming what `en` and `zh` list.
fn refused_in_both(wd: &Workdir, args: &[&str], en: &[&str], zh: &[&str]) {
    wd.run(args).expect_bad_input(en);
    let chinese = [args, &["--lang", "zh"]].concat();
    wd.run(&chinese).expect_bad_input(zh);
}

/// The text of `part` inside the workbook `name`.
fn zip_part(wd: &Workdir, name: &str, part: &str) -> String {
    let file = std::fs::File::open(wd.path(name)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The 核查批次 the selection's manifest records: the checklist's content digest, cut.
fn recorded_id(wd: &Workdir, manifest: &str) -> String {
    let m: serde_json::Value = serde_json::from_slice(&wd.read(manifest)).unwrap();
    let digest = m["outputs"][0]["content"]["digest"].as_str().unwrap();
    format!("HC-{}", &digest[..12])
}

#[test]
fn the_checklist_carries_its_audit_id_in_every_row_the_title_and_the_printed_header() {
    let wd = selected();
    let id = recorded_id(&wd, "c.csv.manifest.json");
    let (h, rows) = read_csv(&wd, "c.csv");
    assert_eq!(h.last().unwrap(), "audit_id");
    assert!(rows.iter().all(|r| r.last().unwrap() == &id), "{id}");
    let digits = id.strip_prefix("HC-").unwrap();
    assert!(digits.chars().all(|c| c.is_ascii_hexdigit()) && digits.len() == 12);
    // The workbook: a title row above the header, and the printed page header.
    select(&wd, AUDIT_SEED, "c.xlsx");
    assert_eq!(recorded_id(&wd, "c.xlsx.manifest.json"), id);
    let title = format!("核查清单 · 内部资料，不得外传 · 核查批次 {id}");
    let sheet = zip_part(&wd, "c.xlsx", "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(&format!("<oddHeader>&amp;C{title}</oddHeader>")),
        "{sheet}"
    );
    assert!(
        sheet.contains(
            "<oddFooter>&amp;L内部资料，不得外传&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<mergeCell ref="A1:M1"/>"#), "{sheet}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(wd.path("c.xlsx")).unwrap();
    let range = book.worksheet_range("核查清单").unwrap();
    assert_eq!(range.get((0, 0)).unwrap().to_string(), title);
    assert_eq!(range.get((1, 0)).unwrap().to_string(), "核查编号");
    assert_eq!(range.get((1, 12)).unwrap().to_string(), "核查批次");
    assert_eq!(range.get((2, 12)).unwrap().to_string(), id);
    // Returned as written (blank, so --partial), the workbook finds its selection by
    // the 核查批次 alone, past its title row.
    std::fs::create_dir(wd.path("back")).unwrap();
    std::fs::copy(wd.path("c.xlsx"), wd.path("back/南岗乡.xlsx")).unwrap();
    let run = tally(&wd, &["back/南岗乡.xlsx"], &["--partial", "--out", "t.csv"]);
    run.expect_code(0);
    let manifest = String::from_utf8(wd.read("t.csv.manifest.json")).unwrap();
    assert!(manifest.contains("\"path\": \"c"), "{manifest}");
}

#[test]
fn a_checklist_of_another_selection_is_refused_naming_its_cell() {
    let wd = selected();
    select(&wd, "另一次抽查", "d.csv");
    let (h, rows) = read_csv(&wd, "d.csv");
    write_csv(&wd, "d-filled.csv", &h, &rows);
    let args = [
        "audit",
        "tally",
        "--checklist",
        "d-filled.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--partial",
        "--out",
        "t.csv",
    ];
    refused_in_both(
        &wd,
        &args,
        &[
            "d-filled.csv",
            "row 2",
            "(M)",
            "is not that of the selection",
            "--manifest",
        ],
        &["d-filled.csv", "第 2 行", "M 列", "不符", "--manifest"],
    );
    assert!(!wd.exists("t.csv"));
    // Without --manifest, its own selection is found by its 核查批次.
    tally(&wd, &["d-filled.csv"], &["--partial", "--out", "t.csv"]).expect_code(0);
    let manifest = String::from_utf8(wd.read("t.csv.manifest.json")).unwrap();
    assert!(manifest.contains("d.csv.manifest.json"), "{manifest}");
}

#[test]
fn an_edited_audit_id_is_refused_naming_its_cell() {
    let wd = selected();
    let (h, rows) = filled(&wd, &[]);
    let id = col(&h, "audit_id");
    let first = rows[0][id].clone();
    // One row's 核查批次 changed: named with the first row's cell.
    let mut edited = rows.clone();
    edited[4][id] = "HC-0123456789ab".into();
    write_csv(&wd, "edited.csv", &h, &edited);
    let args = [
        "audit",
        "tally",
        "--checklist",
        "edited.csv",
        "--out",
        "t.csv",
    ];
    refused_in_both(
        &wd,
        &args,
        &[
            "edited.csv",
            "row 6",
            "(M)",
            "'HC-0123456789ab'",
            &first,
            "cell M2",
        ],
        &[
            "edited.csv",
            "第 6 行",
            "M 列",
            "'HC-0123456789ab'",
            &first,
            "M2 单元格",
        ],
    );
    // One left blank.
    let mut blank = rows.clone();
    blank[0][id] = String::new();
    write_csv(&wd, "blank.csv", &h, &blank);
    let args = [
        "audit",
        "tally",
        "--checklist",
        "blank.csv",
        "--out",
        "t.csv",
    ];
    refused_in_both(
        &wd,
        &args,
        &["blank.csv", "row 2", "(M)", "is blank"],
        &["blank.csv", "第 2 行", "M 列", "为空"],
    );
    // Every row's edited alike: no selection has it.
    let mut all = rows;
    for r in all.iter_mut() {
        r[id] = "HC-fedcba987654".into();
    }
    write_csv(&wd, "all.csv", &h, &all);
    let args = ["audit", "tally", "--checklist", "all.csv", "--out", "t.csv"];
    refused_in_both(
        &wd,
        &args,
        &[
            "all.csv",
            "row 2",
            "'HC-fedcba987654'",
            "title row",
            "--manifest",
        ],
        &[
            "all.csv",
            "第 2 行",
            "'HC-fedcba987654'",
            "标题",
            "--manifest",
        ],
    );
    assert!(!wd.exists("t.csv"));
}

#[test]
fn an_edited_record_is_refused_naming_its_audit_number() {
    let wd = selected();
    let (h, mut rows) = filled(&wd, &[]);
    let phone = col(&h, "联系电话");
    rows[2][phone] = "10000000000".into();
    write_csv(&wd, "edited.csv", &h, &rows);
    let args = [
        "audit",
        "tally",
        "--checklist",
        "edited.csv",
        "--out",
        "t.csv",
    ];
    refused_in_both(
        &wd,
        &args,
        &["edited.csv", "audit number 0003 (row 4): 联系电话 changed"],
        &["edited.csv", "核查编号 0003（第 4 行）：联系电话 被改动"],
    );
    // Not the phone in clear in the message.
    let run = wd.run(&args);
    assert!(!run.stderr().contains("10000000000"), "{}", run.stderr());
}

#[test]
fn townships_return_their_own_parts_in_any_order_repeated_or_in_a_folder() {
    let wd = selected();
    let whole = filled(&wd, &["0003", "0100", "0200"]);
    write_csv(&wd, "whole.csv", &whole.0, &whole.1);
    tally(&wd, &["whole.csv"], &["--out", "t-whole.csv"]).expect_code(0);
    let all = units(&whole);
    std::fs::create_dir(wd.path("returned")).unwrap();
    let mut names = Vec::new();
    for (i, unit) in all.iter().enumerate() {
        let name = format!("returned/{i:02}-{unit}.csv");
        write_csv(&wd, &name, &whole.0, &part(&whole, &[unit]));
        names.push(name);
    }
    // A folder, with a tally written there before: taken in as a folder of checklists.
    wd.write("returned/old-tally.csv", wd.read("t-whole.csv"));
    tally(&wd, &["returned"], &["--out", "t-folder.csv"]).expect_code(0);
    assert_eq!(wd.read("t-folder.csv"), wd.read("t-whole.csv"));
    // Repeated, in any order: the same tally and the same manifest.
    let mut given: Vec<&str> = names.iter().map(String::as_str).collect();
    given.reverse();
    tally(&wd, &given, &["--out", "t-a.csv"]).expect_code(0);
    given.rotate_left(5);
    tally(&wd, &given, &["--out", "t-b.csv"]).expect_code(0);
    assert_eq!(wd.read("t-a.csv"), wd.read("t-whole.csv"));
    assert_eq!(wd.read("t-b.csv"), wd.read("t-whole.csv"));
    let json =
        |name: &str| -> serde_json::Value { serde_json::from_slice(&wd.read(name)).unwrap() };
    let m = json("t-a.csv.manifest.json");
    assert!(
        m["inputs"] == json("t-b.csv.manifest.json")["inputs"],
        "the same inputs, in order"
    );
    // The manifest takes in every file, each by its digest, and verifies.
    let inputs = m["inputs"].as_array().unwrap();
    let checklists: Vec<&serde_json::Value> =
        inputs.iter().filter(|f| f["role"] == "checklist").collect();
    assert_eq!(checklists.len(), all.len());
    assert!(
        checklists
            .iter()
            .all(|f| f["sha256"].as_str().unwrap().len() == 64)
    );
    wd.ok(&["verify", "t-a.csv.manifest.json"]);
    // A returned file changed afterwards: verify says so.
    let (h, mut rows) = read_csv(&wd, &names[0]);
    let result = col(&h, "result");
    rows[0][result] = "虚假".into();
    write_csv(&wd, &names[0], &h, &rows);
    let run = wd.run(&["verify", "t-a.csv.manifest.json"]);
    assert_ne!(run.code(), 0, "{}", run.stdout());
}

#[test]
fn townships_not_yet_returned_are_pending_and_the_tally_says_it_is_partial() {
    let wd = selected();
    let whole = filled(&wd, &["0003"]);
    let all = units(&whole);
    write_csv(&wd, "a.csv", &whole.0, &part(&whole, &[&all[0]]));
    write_csv(&wd, "b.csv", &whole.0, &part(&whole, &[&all[1], &all[2]]));
    let run = tally(&wd, &["b.csv", "a.csv"], &["--out", "t.csv"]);
    run.expect_code(0);
    let pending = all.len() - 3;
    let out = run.stdout();
    assert!(
        out.contains(&format!("partial tally: {pending} of {} units", all.len())),
        "{out}"
    );
    let listed = format!("{}, {}", all[3], all[4]);
    assert!(
        out.contains(&listed) && out.contains(&all[all.len() - 1]),
        "{out}"
    );
    let (h, rows) = read_csv(&wd, "t.csv");
    let (unit, flag, deduction) = (col(&h, "unit"), col(&h, "flag"), col(&h, "deduction"));
    let row = |u: &str| rows.iter().find(|r| r[unit] == u).unwrap();
    assert_eq!(row(&all[3])[flag], "not returned");
    assert_eq!(row(&all[3])[deduction], "0");
    assert_eq!(row(&all[0])[deduction], "0.5", "{:?}", row(&all[0]));
    assert_ne!(row(&all[1])[flag], "not returned");
    let zh = tally(
        &wd,
        &["a.csv", "b.csv"],
        &["--out", "t.csv", "--force", "--lang", "zh"],
    );
    zh.expect_code(0);
    let out = zh.stdout();
    assert!(
        out.contains(&format!("部分汇总：{} 个单位中有 {pending} 个", all.len())),
        "{out}"
    );
    assert!(out.contains(&format!("{}、{}", all[3], all[4])), "{out}");
    // Every township returned: no word of a partial tally.
    write_csv(
        &wd,
        "rest.csv",
        &whole.0,
        &part(
            &whole,
            &all[3..].iter().map(String::as_str).collect::<Vec<_>>(),
        ),
    );
    let run = tally(
        &wd,
        &["a.csv", "b.csv", "rest.csv"],
        &["--out", "t.csv", "--force"],
    );
    assert!(!run.stdout().contains("partial"), "{}", run.stdout());
}

#[test]
fn a_record_returned_twice_with_different_results_is_refused_naming_both_files() {
    let wd = selected();
    let whole = filled(&wd, &[]);
    let all = units(&whole);
    let rows = part(&whole, &[&all[0]]);
    write_csv(&wd, "a.csv", &whole.0, &rows);
    // The last record of a.csv, returned again alone in b.csv as false.
    let mut other = vec![rows[rows.len() - 1].clone()];
    let result = col(&whole.0, "result");
    other[0][result] = "虚假".into();
    let no = other[0][0].clone();
    write_csv(&wd, "b.csv", &whole.0, &other);
    let args = [
        "audit",
        "tally",
        "--checklist",
        "a.csv",
        "--checklist",
        "b.csv",
        "--out",
        "t.csv",
    ];
    let last_row = (rows.len() + 1).to_string();
    refused_in_both(
        &wd,
        &args,
        &[
            "b.csv",
            "row 2",
            &format!("audit number {no}"),
            "a.csv",
            &format!("row {last_row}"),
        ],
        &[
            "b.csv",
            "第 2 行",
            &format!("核查编号 {no}"),
            "a.csv",
            &format!("第 {last_row} 行"),
        ],
    );
    assert!(!wd.exists("t.csv"));
    // The same results returned twice count once.
    write_csv(&wd, "same.csv", &whole.0, &rows);
    tally(&wd, &["a.csv", "same.csv"], &["--out", "t2.csv"]).expect_code(0);
    tally(&wd, &["a.csv"], &["--out", "t1.csv"]).expect_code(0);
    assert_eq!(wd.read("t1.csv"), wd.read("t2.csv"));
}

#[test]
fn a_township_returned_in_part_is_refused_naming_the_missing_records() {
    let wd = selected();
    let whole = filled(&wd, &[]);
    let all = units(&whole);
    let mut rows = part(&whole, &[&all[0]]);
    let missing = rows.remove(3)[0].clone();
    write_csv(&wd, "a.csv", &whole.0, &rows);
    write_csv(&wd, "b.csv", &whole.0, &part(&whole, &[&all[1]]));
    let args = [
        "audit",
        "tally",
        "--checklist",
        "a.csv",
        "--checklist",
        "b.csv",
        "--out",
        "t.csv",
    ];
    let unit = all[0].as_str();
    refused_in_both(
        &wd,
        &args,
        &[
            "a.csv",
            unit,
            &format!("1 selected records are missing: {missing}"),
            "every row",
        ],
        &[
            "a.csv",
            unit,
            &format!("缺少 1 条抽中的记录：{missing}"),
            "全部行",
        ],
    );
    assert!(!wd.exists("t.csv"));
}

#[test]
fn a_folder_without_a_checklist_is_refused() {
    let wd = selected();
    std::fs::create_dir(wd.path("empty")).unwrap();
    wd.write("empty/notes.csv", "单位,说明\n甲,无\n");
    let args = ["audit", "tally", "--checklist", "empty", "--out", "t.csv"];
    refused_in_both(
        &wd,
        &args,
        &["empty", "holds no checklist", "核查编号"],
        &["empty", "没有核查清单", "核查编号"],
    );
}

#[test]
fn select_and_verify_take_the_id_column_the_draw_was_told() {
    let wd = util::example_county();
    // A roster whose id column no header alias names: the draw is told it.
    let roster = String::from_utf8(wd.read("roster.csv")).unwrap();
    let roster = roster
        .trim_start_matches('\u{feff}')
        .replacen("编号,", "档案号,", 1);
    wd.write("roster.csv", roster);
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        DRAW_SEED,
        "--id-column",
        "档案号",
        "--out",
        "sample.csv",
    ]);
    // audit select without --id-column reads it from the draw's manifest, records it,
    // and selects as if told.
    select(&wd, AUDIT_SEED, "c.csv");
    let m: serde_json::Value = serde_json::from_slice(&wd.read("c.csv.manifest.json")).unwrap();
    assert_eq!(m["parameters"]["id_column"], "档案号");
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        AUDIT_SEED,
        "--id-column",
        "档案号",
        "--out",
        "d.csv",
    ]);
    assert_eq!(wd.read("c.csv"), wd.read("d.csv"));
    wd.ok(&["verify", "c.csv.manifest.json"]);
    // verify --sample likewise checks the draw with the column it was told.
    let check = [
        "verify",
        "--sample",
        "sample.csv",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        DRAW_SEED,
    ];
    wd.ok(&check);
    // Without the draw's manifest, the sample's id is found by its header alone: another
    // column, so another selection, and the draw is not the one claimed.
    std::fs::rename(wd.path("sample.csv.manifest.json"), wd.path("kept.json")).unwrap();
    let run = wd.run(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        AUDIT_SEED,
        "--out",
        "e.csv",
    ]);
    assert!(run.code() != 0 || wd.read("e.csv") != wd.read("c.csv"));
    assert_ne!(wd.run(&check).code(), 0);
}

#[test]
fn a_checklist_with_its_header_only_is_refused() {
    let wd = selected();
    let (h, _) = read_csv(&wd, "c.csv");
    write_csv(&wd, "empty.csv", &h, &[]);
    let args = [
        "audit",
        "tally",
        "--checklist",
        "empty.csv",
        "--out",
        "t.csv",
    ];
    refused_in_both(
        &wd,
        &args,
        &["empty.csv", "has no rows of the selection"],
        &["empty.csv", "只有表头"],
    );
    assert!(!wd.exists("t.csv"));
}

#[test]
fn a_township_part_saved_again_by_excel_as_gbk_keeps_its_audit_id() {
    let wd = selected();
    let whole = filled(&wd, &["0002"]);
    write_csv(&wd, "whole.csv", &whole.0, &whole.1);
    tally(&wd, &["whole.csv"], &["--out", "t-whole.csv"]).expect_code(0);
    // Excel on Chinese Windows saves 「CSV（逗号分隔）」 in GBK, CRLF, no BOM; the
    // 核查批次 stays text (HC-…), never a number.
    let all = units(&whole);
    std::fs::create_dir(wd.path("back")).unwrap();
    for (i, unit) in all.iter().enumerate() {
        let mut text = whole.0.join(",");
        for r in part(&whole, &[unit]) {
            text.push_str("\r\n");
            text.push_str(&r.join(","));
        }
        let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
        assert!(!lossy);
        wd.write(&format!("back/{i}.csv"), gbk);
    }
    tally(&wd, &["back"], &["--out", "t-back.csv"]).expect_code(0);
    assert_eq!(wd.read("t-back.csv"), wd.read("t-whole.csv"));
}

/// `table` written as a workbook `name`: a sheet of notes first when `notes`, then the
/// checklist on each sheet `sheets` names.
fn workbook(wd: &Workdir, name: &str, table: &Table, notes: bool, sheets: &[&str]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    if notes {
        let ws = book.add_worksheet();
        ws.set_name("说明").unwrap();
        ws.write_string(0, 0, "请在核查结果一列选择 真实、虚假 或 无法核实")
            .unwrap();
    }
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*sheet).unwrap();
        for (r, row) in std::iter::once(&table.0).chain(&table.1).enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save(wd.path(name)).unwrap();
}

#[test]
fn a_checklist_behind_a_sheet_of_notes_is_found_on_its_own_sheet() {
    let wd = selected();
    let table = filled(&wd, &["0001"]);
    write_csv(&wd, "filled.csv", &table.0, &table.1);
    let manifest = ["--manifest", "c.csv.manifest.json"];
    tally(
        &wd,
        &["filled.csv"],
        &[&manifest[..], &["--out", "t.csv"]].concat(),
    )
    .expect_code(0);
    workbook(&wd, "notes.xlsx", &table, true, &["核查清单"]);
    tally(
        &wd,
        &["notes.xlsx"],
        &[&manifest[..], &["--out", "t2.csv"]].concat(),
    )
    .expect_code(0);
    assert_eq!(wd.read("t.csv"), wd.read("t2.csv"));
    wd.ok(&["verify", "t2.csv"]);
    // Two sheets holding a checklist behind the notes: which one is meant is a guess.
    workbook(&wd, "two.xlsx", &table, true, &["核查清单", "副本"]);
    let args = [
        &["audit", "tally", "--checklist", "two.xlsx"],
        &manifest[..],
        &["--out", "t3.csv"],
    ]
    .concat();
    refused_in_both(
        &wd,
        &args,
        &["two.xlsx", "核查清单, 副本", "--sheet"],
        &["two.xlsx", "核查清单, 副本", "--sheet"],
    );
    assert!(!wd.exists("t3.csv"));
}
