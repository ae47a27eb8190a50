//! The last inputs that were read loosely, through the real binary: a frame file and a
//! list of units (`score --units`) with a CSV row short of fields or with a value past
//! its header, which every other table already refuses (one notes line under a count
//! table still reads); the categories of a long count table written with a count's unit
//! (农村低保（人）); and a returned checklist's 核查批次 compared as ids are, so that a
//! zero-width space or full-width letters do not make it another selection. Every
//! refusal is named by file, row and column, in English and in Chinese.

mod util;

use util::Workdir;

/// The same refusal in English and in Chinese, each naming what `en` and `zh` list.
fn refused_in_both(wd: &Workdir, args: &[&str], en: &[&str], zh: &[&str]) {
    wd.run(args).expect_bad_input(en);
    wd.run(&[&["--lang", "zh"], args].concat())
        .expect_bad_input(zh);
}

// ---------------------------------------------------------------------------------
// 1. The frame file and the list of units refuse ragged rows.
// ---------------------------------------------------------------------------------

/// Two units of three 农村低保 recipients each.
const ROSTER: &str = "编号,乡镇,类别,姓名\na1,甲,农村低保,张三\na2,甲,农村低保,李四\na3,甲,农村低保,王五\nb1,乙,农村低保,赵六\nb2,乙,农村低保,钱七\nb3,乙,农村低保,孙八\n";

/// The arguments drawing `roster.csv` with the frame `frame.csv` into `s.csv`.
const DRAW: [&str; 9] = [
    "draw",
    "--frame",
    "frame.csv",
    "--roster",
    "roster.csv",
    "--seed",
    "7",
    "--out",
    "s.csv",
];

/// A work folder with the roster and the frame file `frame`.
fn county(frame: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("roster.csv", ROSTER);
    wd.write("frame.csv", frame);
    wd
}

#[test]
fn a_frame_row_with_a_value_past_its_header_is_refused() {
    // The header has no reserve column, but row 3 carries one: read today as a frame
    // without reserves, the value dropped unseen.
    let wd = county("unit,category,population,sample\n甲,农村低保,3,1\n乙,农村低保,3,1,1\n");
    refused_in_both(
        &wd,
        &DRAW,
        &["frame.csv", "row 3", "(E)", "'1'", "only 4 columns"],
        &["frame.csv", "第 3 行", "E 列", "'1'", "表头只有 4 列"],
    );
    assert!(!wd.exists("s.csv"), "a refused draw writes nothing");
}

#[test]
fn a_frame_row_short_of_fields_is_refused_naming_its_first_missing_cell() {
    // A frame edited by hand with a 备注 column: row 3 ends before it.
    let wd = county(
        "unit,category,population,sample,reserve,备注\n甲,农村低保,3,1,0,核对\n乙,农村低保,3,1,0\n",
    );
    refused_in_both(
        &wd,
        &DRAW,
        &["frame.csv", "row 3", "备注 (F)", "5 fields", "header has 6"],
        &["frame.csv", "第 3 行", "F 列", "5 列", "表头却有 6 列"],
    );
    // A line break typed inside a 备注 cell cuts the record: its second line is short.
    let wd = county(
        "unit,category,population,sample,reserve,备注\n甲,农村低保,3,1,0,家住\n河口村\n乙,农村低保,3,1,0,\n",
    );
    refused_in_both(
        &wd,
        &DRAW,
        &["frame.csv", "row 3", "category (B)", "1 fields"],
        &["frame.csv", "第 3 行", "B 列", "1 列"],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_frame_with_blank_rows_trailing_empty_fields_and_a_totals_row_still_reads() {
    let plain =
        county("unit,category,population,sample,reserve\n甲,农村低保,3,1,0\n乙,农村低保,3,1,0\n");
    plain.ok(&DRAW);
    let loose = county(
        "unit,category,population,sample,reserve,,\n甲,农村低保,3,1,0\n\n乙,农村低保,3,1,0,,\n,,,,\n合计,,6,2,0\n",
    );
    loose.ok(&DRAW);
    assert_eq!(plain.read("s.csv"), loose.read("s.csv"), "the same sample");
}

/// Survey answers of the three units of [`UNITS`].
const ANSWERS: &str =
    "乡镇,总体满意度,不良行为\n城关镇,满意,不存在\n南岗乡,基本满意,不存在\n青石镇,满意,不存在\n";

/// The arguments scoring `answers.csv` against the units of `units.csv` into `s.csv`.
const SCORE: [&str; 12] = [
    "score",
    "--units",
    "units.csv",
    "--responses",
    "answers.csv",
    "--scheme",
    "township",
    "--missing-inspection",
    "zero",
    "--out",
    "s.csv",
    "--force",
];

/// A work folder with the survey answers and the list of units `units`.
fn scored(units: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("answers.csv", ANSWERS);
    wd.write("units.csv", units);
    wd
}

/// A wide count table of three units, with a totals row.
const UNITS: &str = "乡镇,农村低保,城市低保\n城关镇,10,5\n南岗乡,8,4\n青石镇,7,3\n合计,25,12\n";

#[test]
fn a_list_of_units_with_a_row_cut_by_a_line_break_is_refused() {
    // 南岗乡 typed over two lines: read today as the two units 南岗 and 乡.
    let wd = scored(&UNITS.replace("南岗乡,8,4", "南岗\n乡,8,4"));
    refused_in_both(
        &wd,
        &SCORE,
        &[
            "units.csv",
            "row 3",
            "农村低保 (B)",
            "1 fields",
            "header has 3",
        ],
        &["units.csv", "第 3 行", "B 列", "1 列", "表头却有 3 列"],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_list_of_units_with_a_value_past_its_header_is_refused() {
    let wd = scored(&UNITS.replace("南岗乡,8,4", "南岗乡,8,4,3"));
    refused_in_both(
        &wd,
        &SCORE,
        &["units.csv", "row 3", "(D)", "'3'", "only 3 columns"],
        &["units.csv", "第 3 行", "D 列", "'3'", "表头只有 3 列"],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn notes_under_a_list_of_units_and_a_two_row_header_still_read() {
    let plain = scored(UNITS);
    plain.ok(&SCORE);
    let expected = plain.read("s.csv");
    for units in [
        // One-cell notes under the table, as offices write them.
        format!("{UNITS}注：数据截至6月\n填表人：李明\n"),
        // A note in the first column of a table whose units are in the second.
        "序号,乡镇,农村低保,城市低保\n1,城关镇,10,5\n2,南岗乡,8,4\n3,青石镇,7,3\n注：数据截至6月\n"
            .to_string(),
        // A two-row header written by hand, its first row as long as its names.
        "乡镇,服务对象类别\n,农村低保,城市低保\n城关镇,10,5\n南岗乡,8,4\n青石镇,7,3\n".to_string(),
        // Blank rows and empty fields after the last.
        "乡镇,农村低保,城市低保,\n城关镇,10,5\n\n南岗乡,8,4,,\n,,\n青石镇,7,3\n".to_string(),
    ] {
        let wd = scored(&units);
        wd.ok(&SCORE);
        assert_eq!(wd.read("s.csv"), expected, "{units}");
    }
}

// ---------------------------------------------------------------------------------
// 2. Categories written with a count's unit in a long count table.
// ---------------------------------------------------------------------------------

/// The frame `pingyi frame` makes of the count table `counts` (as `f.csv`).
fn frame_of(counts: &str) -> Vec<u8> {
    let wd = Workdir::new();
    wd.write("counts.csv", counts);
    wd.ok(&[
        "frame",
        "--counts",
        "counts.csv",
        "--margin",
        "0.1",
        "--out",
        "f.csv",
    ]);
    wd.read("f.csv")
}

#[test]
fn long_form_categories_with_a_count_unit_read_as_the_wide_form_headers_do() {
    let plain = "乡镇,类别,人数\n城关镇,农村低保,120\n城关镇,城市低保,60\n城关镇,五保(集中),5\n南岗乡,农村低保,90\n南岗乡,城市低保,30\n南岗乡,五保(集中),12\n";
    let suffixed = "乡镇,类别,人数\n城关镇,农村低保（人）,120\n城关镇,城市低保(户),60\n城关镇,五保(集中),5\n南岗乡,农村低保 （人）,90\n南岗乡,城市低保（人数）,30\n南岗乡,五保(集中),12\n";
    let wide = "乡镇,农村低保（人）,城市低保(户),五保(集中)\n城关镇,120,60,5\n南岗乡,90,30,12\n";
    let expected = frame_of(plain);
    assert_eq!(frame_of(suffixed), expected, "long form with units");
    assert_eq!(frame_of(wide), expected, "wide form with units");
    // A bracket that is not a count's unit stays part of the label.
    let text = String::from_utf8(expected).unwrap();
    assert!(text.contains("五保(集中)"), "{text}");
    assert!(!text.contains("（人）") && !text.contains("(户)"), "{text}");
}

#[test]
fn a_category_given_with_and_without_its_unit_is_one_stratum_twice() {
    let wd = Workdir::new();
    wd.write(
        "counts.csv",
        "乡镇,类别,人数\n城关镇,农村低保,120\n城关镇,农村低保（人）,60\n",
    );
    refused_in_both(
        &wd,
        &[
            "frame",
            "--counts",
            "counts.csv",
            "--margin",
            "0.1",
            "--out",
            "f.csv",
        ],
        &["counts.csv", "row 3", "row 2"],
        &["counts.csv", "第 3 行", "第 2 行"],
    );
    assert!(!wd.exists("f.csv"));
}

// ---------------------------------------------------------------------------------
// 3. A returned checklist's 核查批次 compared as ids are.
// ---------------------------------------------------------------------------------

/// The example county drawn, its audit subset selected into `c.csv` and filled (every
/// record genuine); the filled checklist's header, rows and 核查批次 column.
fn filled_checklist() -> (Workdir, Vec<String>, Vec<Vec<String>>, usize) {
    let wd = util::example_county();
    util::draw_example(&wd, "20260615-青石-民主评议", "sample.csv");
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "20260701-青石-抽查",
        "--out",
        "c.csv",
    ]);
    let (h, mut rows) = util::read_csv(&wd, "c.csv");
    let result = h.iter().position(|x| x == "result").unwrap();
    for r in rows.iter_mut() {
        r[result] = "真实".into();
    }
    let id = h.iter().position(|x| x == "audit_id").unwrap();
    (wd, h, rows, id)
}

/// `s` in full-width forms (ＨＣ－０１ａ…), as a Chinese input method types it.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            _ => c,
        })
        .collect()
}

/// `audit tally` of `checklist` into `out`, with the selection's manifest if `manifest`.
fn tally_args<'a>(checklist: &'a str, manifest: bool, out: &'a str) -> Vec<&'a str> {
    let mut args = vec!["audit", "tally", "--checklist", checklist, "--out", out];
    if manifest {
        args.extend(["--manifest", "c.csv.manifest.json"]);
    }
    args
}

fn tally(wd: &Workdir, checklist: &str, manifest: bool, out: &str) -> util::Run {
    wd.run(&tally_args(checklist, manifest, out))
}

#[test]
fn an_audit_id_with_invisible_or_full_width_characters_is_the_selections() {
    let (wd, h, rows, id) = filled_checklist();
    util::write_csv(&wd, "plain.csv", &h, &rows);
    tally(&wd, "plain.csv", false, "plain-t.csv").expect_code(0);
    let recorded = rows[0][id].clone();
    assert!(
        recorded.starts_with("HC-") && recorded.len() == 15,
        "{recorded}"
    );
    let mut typed = rows.clone();
    typed[0][id] = format!("\u{200b}{recorded}");
    typed[1][id] = full_width(&recorded);
    typed[2][id] = recorded.to_uppercase().replacen("HC-", "hc－", 1);
    typed[3][id] = format!("{}\u{3000}{}\u{2060}", &recorded[..3], &recorded[3..]);
    util::write_csv(&wd, "typed.csv", &h, &typed);
    for manifest in [false, true] {
        let out = format!("typed-{manifest}.csv");
        tally(&wd, "typed.csv", manifest, &out).expect_code(0);
        assert_eq!(wd.read(&out), wd.read("plain-t.csv"), "the same tally");
    }
}

#[test]
fn a_different_audit_id_is_still_another_selection() {
    let (wd, h, mut rows, id) = filled_checklist();
    let recorded = rows[0][id].clone();
    // One hex digit changed, written full width with a zero-width space.
    let last = if recorded.ends_with('0') { "1" } else { "0" };
    let other = format!("{}{last}", &recorded[..recorded.len() - 1]);
    for r in rows.iter_mut() {
        r[id] = format!("\u{200b}{}", full_width(&other));
    }
    util::write_csv(&wd, "other.csv", &h, &rows);
    let args = tally_args("other.csv", true, "t.csv");
    refused_in_both(
        &wd,
        &args,
        &["other.csv", "row 2", "(M)", "is not that of the selection"],
        &["other.csv", "第 2 行", "M 列", "不符"],
    );
    let args = tally_args("other.csv", false, "t.csv");
    refused_in_both(
        &wd,
        &args,
        &["other.csv", "row 2", "(M)", "--manifest"],
        &["other.csv", "第 2 行", "M 列", "--manifest"],
    );
    // Rows of one checklist that name two selections are refused as before.
    rows[0][id] = recorded;
    util::write_csv(&wd, "mixed.csv", &h, &rows);
    let args = tally_args("mixed.csv", false, "t.csv");
    refused_in_both(
        &wd,
        &args,
        &["mixed.csv", "row 3", "(M)", "cell M2"],
        &["mixed.csv", "第 3 行", "M 列", "M2 单元格"],
    );
    assert!(!wd.exists("t.csv"));
}

#[test]
fn a_second_result_column_stops_the_tally_instead_of_being_ignored() {
    // A re-check written in a column of its own beside the first, headed 核查结果 again
    // or `result`: which one counts would be a guess.
    let (wd, mut h, mut rows, _) = filled_checklist();
    let result = h.iter().position(|x| x == "result").unwrap();
    h.push("核查结果".into());
    for r in rows.iter_mut() {
        r.push("虚假".into());
    }
    util::write_csv(&wd, "twice.csv", &h, &rows);
    let letter = |i: usize| char::from(b'A' + u8::try_from(i).unwrap()).to_string();
    assert!(h.len() <= 26, "one-letter columns");
    let (first, second) = (letter(result), letter(h.len() - 1));
    let args = tally_args("twice.csv", true, "t.csv");
    refused_in_both(
        &wd,
        &args,
        &[
            "twice.csv",
            "row 1",
            &format!("({first})"),
            &format!("({second})"),
            "could be this column",
        ],
        &[
            "twice.csv",
            "第 1 行",
            &format!("{first} 列"),
            &format!("{second} 列"),
        ],
    );
    assert!(!wd.exists("t.csv"), "a refused tally writes nothing");
}
