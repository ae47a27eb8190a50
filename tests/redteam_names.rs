//! Ids and unit names matched across files, through the real binary: an id cell of a
//! call log, a returned checklist or survey answers with a zero-width space, a
//! direction mark, a non-breaking or full-width space or full-width digits names the
//! sampled person as the roster's id does; an id that Excel or WPS damaged (leading
//! zeros dropped, an ID number in scientific notation) is refused naming its file, row
//! and column and the cause, not reported as "not in the sample"; every refusal in
//! English and in Chinese.

mod util;

use util::{Workdir, read_csv, write_csv};

/// Ids of digits with leading zeros, as offices number their recipients.
const ROSTER: &str = "编号,乡镇,类别,姓名\n0001,甲,农村低保,张三\n0002,甲,农村低保,李四\n0003,甲,农村低保,王五\n0004,甲,农村低保,赵六\n0005,乙,农村低保,钱七\n0006,乙,农村低保,孙八\n";

/// Ways an id cell can differ from the roster's id and still print the same (or as
/// its full-width twin).
const DISGUISES: [(&str, &str); 8] = [
    ("", "\u{200b}"),
    ("\u{feff}", ""),
    ("\u{200e}", "\u{200f}"),
    ("\u{202a}", "\u{202c}"),
    ("\u{2066}", "\u{2069}"),
    ("\u{a0}", "\u{a0}"),
    ("\u{3000}", "\u{3000}"),
    ("", "\u{200d}"),
];

/// A county of two units drawn (one main recipient and one reserve each) into `s.csv`;
/// returns the main and reserve ids of unit 甲.
fn county() -> (Workdir, String, String) {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,1,1\n乙,农村低保,2,1,1\n",
    );
    wd.write("roster.csv", ROSTER);
    util::draw_example(&wd, "7", "s.csv");
    let (h, rows) = read_csv(&wd, "s.csv");
    let role = h.iter().position(|c| c == "role").unwrap();
    let id = |r: &str| rows.iter().find(|x| x[role] == r && x[1] == "甲").unwrap()[0].clone();
    let (main, reserve) = (id("main"), id("reserve"));
    assert!(main.starts_with("000") && reserve.starts_with("000"));
    (wd, main, reserve)
}

fn verify_calls(wd: &Workdir, lang: &str) -> util::Run {
    wd.run(&[
        "--lang",
        lang,
        "verify",
        "--calls",
        "calls.csv",
        "--sample",
        "s.csv",
    ])
}

/// `id` written with full-width digits.
fn full_width(id: &str) -> String {
    id.chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect()
}

#[test]
fn a_call_log_s_ids_match_the_sample_whatever_does_not_print() {
    let (wd, main, reserve) = county();
    for (before, after) in DISGUISES {
        wd.write(
            "calls.csv",
            format!("编号,通话结果\n{before}{main}{after},拒访\n{reserve},接通\n"),
        );
        let run = verify_calls(&wd, "en");
        run.expect_code(0);
        assert!(
            !run.stdout().contains("not in the sample"),
            "{}",
            run.stdout()
        );
    }
    let wide = full_width(&main);
    wd.write(
        "calls.csv",
        format!("编号,通话结果\n{wide},拒访\n{reserve},接通\n"),
    );
    verify_calls(&wd, "en").expect_code(0);
}

#[test]
fn a_call_log_whose_leading_zeros_excel_dropped_is_refused_naming_the_cell() {
    let (wd, main, reserve) = county();
    let short = main.trim_start_matches('0');
    wd.write(
        "calls.csv",
        format!("编号,通话结果\n{reserve},接通\n{short},拒访\n"),
    );
    verify_calls(&wd, "en").expect_bad_input(&[
        "calls.csv",
        "row 3",
        "column 编号 (A)",
        "leading zeros",
        "Format Cells → Text",
    ]);
    verify_calls(&wd, "zh").expect_bad_input(&[
        "calls.csv",
        "第 3 行",
        "A 列",
        "前导零",
        "设置单元格格式 → 文本",
    ]);
    // Saved as numbers with a decimal (23.0), the same.
    wd.write("calls.csv", format!("编号,通话结果\n{short}.0,拒访\n"));
    verify_calls(&wd, "en").expect_bad_input(&["calls.csv", "row 2", "leading zeros"]);
}

#[test]
fn an_id_that_is_not_drawn_is_still_not_in_the_sample() {
    let (wd, _, _) = county();
    // 7 was never on the roster: not a sampled id with its zeros dropped.
    wd.write("calls.csv", "编号,通话结果\n7,拒访\n0099,拒访\n");
    let run = verify_calls(&wd, "en");
    assert_eq!(run.code(), 3, "{}\n{}", run.stdout(), run.stderr());
    assert!(
        run.stdout().contains("not in the sample"),
        "{}",
        run.stdout()
    );
    assert!(!run.stderr().contains("leading zeros"), "{}", run.stderr());
}

#[test]
fn an_id_number_in_scientific_notation_is_refused_naming_the_cell() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,2,1,1\n",
    );
    wd.write(
        "roster.csv",
        "身份证号,乡镇,类别\n110105194912310021,甲,农村低保\n110105195001010012,甲,农村低保\n",
    );
    util::draw_example(&wd, "7", "s.csv");
    wd.write("calls.csv", "身份证号,通话结果\n1.10105E+17,拒访\n");
    verify_calls(&wd, "en").expect_bad_input(&[
        "calls.csv",
        "row 2",
        "column 身份证号 (A)",
        "scientific notation",
    ]);
    verify_calls(&wd, "zh").expect_bad_input(&["calls.csv", "第 2 行", "A 列", "科学计数法"]);
}

const DRAW_SEED: &str = "20260615-青石-民主评议";
const AUDIT_SEED: &str = "20260701-青石-抽查";

/// The example county drawn, its audit subset selected into `c.csv` and filled in
/// (every record genuine); returns the filled checklist.
fn filled_checklist() -> (Workdir, Vec<String>, Vec<Vec<String>>) {
    let wd = util::example_county();
    util::draw_example(&wd, DRAW_SEED, "sample.csv");
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        AUDIT_SEED,
        "--out",
        "c.csv",
    ]);
    let (h, mut rows) = read_csv(&wd, "c.csv");
    let result = h.iter().position(|c| c == "result").unwrap();
    for r in rows.iter_mut() {
        r[result] = "真实".into();
    }
    assert!(rows[0][0].starts_with("000"), "{:?}", rows[0]);
    (wd, h, rows)
}

fn tally(wd: &Workdir, lang: &str) -> util::Run {
    wd.run(&[
        "--lang",
        lang,
        "audit",
        "tally",
        "--checklist",
        "filled.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ])
}

#[test]
fn a_returned_checklist_s_audit_numbers_match_whatever_does_not_print() {
    let (wd, h, mut rows) = filled_checklist();
    let wide = full_width(&rows[1][0]);
    for (r, (before, after)) in rows.iter_mut().zip(DISGUISES.iter().cycle()) {
        r[0] = format!("{before}{}{after}", r[0]);
    }
    rows[1][0] = wide;
    write_csv(&wd, "filled.csv", &h, &rows);
    tally(&wd, "en").expect_code(0);
}

#[test]
fn a_returned_checklist_re_saved_by_excel_is_refused_naming_the_cell() {
    let (wd, h, mut rows) = filled_checklist();
    for r in rows.iter_mut() {
        r[0] = r[0].trim_start_matches('0').to_string();
    }
    write_csv(&wd, "filled.csv", &h, &rows);
    let en = tally(&wd, "en");
    en.expect_bad_input(&["filled.csv", "row 2", "(A)", "leading zeros", "Excel"]);
    assert!(
        !en.stderr().contains("not in the selection"),
        "{}",
        en.stderr()
    );
    tally(&wd, "zh").expect_bad_input(&["filled.csv", "第 2 行", "A 列", "前导零"]);
    assert!(!wd.exists("t.csv"));
    // Without --manifest, the selection is still found and the cause named.
    let run = wd.run(&[
        "audit",
        "tally",
        "--checklist",
        "filled.csv",
        "--out",
        "t.csv",
    ]);
    run.expect_bad_input(&["filled.csv", "row 2", "leading zeros"]);
}

/// The example run's sample and answers: score weighted with `answers.csv`.
fn weighted(wd: &Workdir, lang: &str) -> util::Run {
    wd.run(&[
        "--lang",
        lang,
        "score",
        "--responses",
        "answers.csv",
        "--scheme",
        "township",
        "--weighted",
        "--sample",
        "out/county/sample.csv",
        "--missing-inspection",
        "zero",
        "--out",
        "w.csv",
        "--force",
    ])
}

#[test]
fn survey_answers_ids_match_the_sample_whatever_does_not_print() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let text = String::from_utf8(wd.read("data/county_responses.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (line, (before, after)) in lines[1..].iter_mut().zip(DISGUISES.iter().cycle()) {
        let (id, rest) = line.split_once(',').unwrap();
        *line = format!("{before}{id}{after},{rest}");
    }
    wd.write("answers.csv", lines.join("\n"));
    weighted(&wd, "en").expect_code(0);
    // An ID number Excel made a number, in the id column: refused with the cause.
    let mut damaged = lines.clone();
    let rest = damaged[1].split_once(',').unwrap().1.to_string();
    damaged[1] = format!("9.95069E+17,{rest}");
    wd.write("answers.csv", damaged.join("\n"));
    weighted(&wd, "en").expect_bad_input(&["answers.csv", "row 2", "(A)", "scientific"]);
    weighted(&wd, "zh").expect_bad_input(&["answers.csv", "第 2 行", "A 列", "科学计数法"]);
    // The same respondent twice, once with a zero-width space, is one respondent.
    let (first, second) = (text.lines().nth(1).unwrap(), text.lines().nth(2).unwrap());
    let (id, rest) = first.split_once(',').unwrap();
    let twice = format!(
        "编号,乡镇,类别,通话结果,总体满意度,不良行为\n{first}\n{second}\n{id}\u{200b},{rest}\n"
    );
    wd.write("twice.csv", twice);
    let args = |lang: &'static str| {
        vec![
            "--lang",
            lang,
            "score",
            "--responses",
            "twice.csv",
            "--scheme",
            "township",
            "--units",
            "out/county/sample.csv",
            "--missing-inspection",
            "zero",
            "--out",
            "u.csv",
        ]
    };
    wd.run(&args("en"))
        .expect_bad_input(&["twice.csv", "row 4", "(A)"]);
    wd.run(&args("zh"))
        .expect_bad_input(&["twice.csv", "第 4 行", "A 列"]);
}

#[test]
fn a_checklist_s_identifying_cells_ignore_what_does_not_print_and_name_excel_s_damage() {
    let (wd, h, mut rows) = filled_checklist();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (id, name, id_number) = (col("编号"), col("姓名"), col("身份证号"));
    for r in rows.iter_mut() {
        r[id] = format!("\u{200b}{}\u{2069}", r[id]);
        r[name] = format!("{}\u{200b}", r[name]);
    }
    write_csv(&wd, "filled.csv", &h, &rows);
    tally(&wd, "en").expect_code(0);
    wd.ok(&["verify", "t.csv.manifest.json"]);
    for f in ["t.csv", "t.csv.manifest.json"] {
        std::fs::remove_file(wd.path(f)).unwrap();
    }
    rows[2][id_number] = "9.95069E+17".into();
    write_csv(&wd, "filled.csv", &h, &rows);
    let letter = (b'A' + id_number as u8) as char;
    let (en_col, zh_col) = (
        format!("column 身份证号 ({letter})"),
        format!("{letter} 列"),
    );
    tally(&wd, "en").expect_bad_input(&["filled.csv", "row 4", &en_col, "scientific"]);
    tally(&wd, "zh").expect_bad_input(&["filled.csv", "第 4 行", &zh_col, "科学计数法"]);
}

/// `args` refused in English and in Chinese, each naming what `en` and `zh` list.
fn refused_in_both(wd: &Workdir, args: &[&str], en: &[&str], zh: &[&str]) {
    wd.run(&[&["--lang", "en"], args].concat())
        .expect_bad_input(en);
    wd.run(&[&["--lang", "zh"], args].concat())
        .expect_bad_input(zh);
}

#[test]
fn a_count_table_writing_one_unit_in_traditional_and_simplified_is_refused() {
    let wd = Workdir::new();
    wd.write(
        "wide.csv",
        "乡镇,农村低保,城市低保\n城关镇,12,30\n青石镇,5,6\n城關鎮,1,2\n",
    );
    refused_in_both(
        &wd,
        &["counts", "wide.csv"],
        &["wide.csv", "row 4", "row 2", "城關鎮", "traditional"],
        &["wide.csv", "第 4 行", "第 2 行", "城關鎮", "繁简"],
    );
    wd.write(
        "long.csv",
        "单位,类别,人数\n鳳凰鄉,农村低保,12\n凤凰乡,城市低保,30\n",
    );
    refused_in_both(
        &wd,
        &["counts", "long.csv"],
        &["long.csv", "row 3", "row 2", "鳳凰鄉"],
        &["long.csv", "第 3 行", "第 2 行", "鳳凰鄉"],
    );
    // Written one way in every row, traditional characters are the same unit's.
    wd.write("same.csv", "乡镇,农村低保\n城關鎮,12\n青石鎮,5\n");
    let out = wd.ok(&["counts", "same.csv"]).stdout();
    assert!(out.contains("城关镇,rural_dibao,12"), "{out}");
}

#[test]
fn a_roster_writing_one_unit_in_traditional_and_simplified_is_refused() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n城关镇,农村低保,4,1,1\n",
    );
    wd.write(
        "roster.csv",
        "编号,乡镇,类别\nQ1,城关镇,农村低保\nQ2,城关镇,农村低保\nQ3,城關鎮,农村低保\nQ4,城关镇,农村低保\n",
    );
    let args = [
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
    refused_in_both(
        &wd,
        &args,
        &["roster.csv", "row 4", "row 2", "column 乡镇 (B)", "城關鎮"],
        &["roster.csv", "第 4 行", "第 2 行", "B 列", "城關鎮"],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_roster_in_traditional_characters_draws_the_frame_s_units_as_in_simplified() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n城关镇,农村低保,4,2,1\n凤凰乡,农村低保,3,1,1\n",
    );
    let roster = "编号,乡镇,类别\nQ1,城关镇,农村低保\nQ2,城关镇,农村低保\nQ3,城关镇,农村低保\nQ4,城关镇,农村低保\nQ5,凤凰乡,农村低保\nQ6,凤凰乡,农村低保\nQ7,凤凰乡,农村低保\n";
    wd.write("roster.csv", roster);
    util::draw_example(&wd, "7", "simplified.csv");
    wd.write(
        "roster.csv",
        roster
            .replace("城关镇", "城關鎮")
            .replace("凤凰乡", "鳳凰鄉"),
    );
    util::draw_example(&wd, "7", "traditional.csv");
    let drawn = |name: &str| {
        let (h, rows) = read_csv(&wd, name);
        let role = h.iter().position(|c| c == "role").unwrap();
        rows.iter()
            .map(|r| (r[0].clone(), r[role].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(drawn("simplified.csv"), drawn("traditional.csv"));
    assert_eq!(drawn("simplified.csv").len(), 5);
}

#[test]
fn answers_and_inspection_in_traditional_characters_score_the_frame_s_unit() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let text = String::from_utf8(wd.read("data/county_responses.csv")).unwrap();
    assert!(text.contains(",东岗镇,") && text.contains(",凤凰乡,"));
    let score = |answers: &str, inspection: &str, out: &str| {
        wd.ok(&[
            "score",
            "--responses",
            answers,
            "--scheme",
            "township",
            "--units",
            "out/county/sample.csv",
            "--inspection",
            inspection,
            "--out",
            out,
        ]);
        String::from_utf8(wd.read(out)).unwrap()
    };
    let plain = score(
        "data/county_responses.csv",
        "data/county_inspection.csv",
        "plain.csv",
    );
    wd.write(
        "answers.csv",
        text.replace(",东岗镇,", ",東崗鎮,")
            .replace(",凤凰乡,", ",鳳凰鄉,"),
    );
    let inspection = String::from_utf8(wd.read("data/county_inspection.csv")).unwrap();
    assert!(inspection.contains("东岗镇,"));
    wd.write("inspection.csv", inspection.replace("东岗镇,", "東崗鎮,"));
    assert_eq!(
        score("answers.csv", "inspection.csv", "traditional.csv"),
        plain
    );
    // A unit that is no frame unit in either form is still refused, naming the closest.
    wd.write("answers.csv", text.replacen(",东岗镇,", ",東崗村,", 1));
    refused_in_both(
        &wd,
        &[
            "score",
            "--responses",
            "answers.csv",
            "--scheme",
            "township",
            "--units",
            "out/county/sample.csv",
            "--missing-inspection",
            "zero",
            "--out",
            "x.csv",
        ],
        &["answers.csv", "row 2", "东岗镇"],
        &["answers.csv", "第 2 行", "东岗镇"],
    );
}

#[test]
fn a_roster_id_holding_what_does_not_print_is_refused_naming_the_cell() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,1,1\n乙,农村低保,2,1,1\n",
    );
    for (before, after) in DISGUISES.iter().filter(|(b, a)| {
        (b.to_string() + a)
            .chars()
            .any(|c| !c.is_whitespace() && c != '\u{a0}')
    }) {
        // The same person twice, once with marks that print as nothing inside the id
        // (at its ends they are trimmed, and the id is refused as repeated).
        let roster = ROSTER.replace("0003,", &format!("00{before}0{after}1,"));
        for (name, bytes) in [
            ("roster.csv", roster.as_bytes().to_vec()),
            // Read in order (not UTF-8) as well as in parallel chunks.
            ("roster16.csv", utf16le_with_bom(&roster)),
        ] {
            wd.write(name, &bytes);
            let args = [
                "draw",
                "--frame",
                "frame.csv",
                "--roster",
                name,
                "--seed",
                "7",
                "--out",
                "s.csv",
            ];
            refused_in_both(
                &wd,
                &args,
                &[name, "row 4", "column 编号 (A)", "print as nothing", "U+"],
                &[name, "第 4 行", "A 列", "看不见的字符", "U+"],
            );
            assert!(!wd.exists("s.csv"));
        }
    }
}

/// `text` as UTF-16 with its byte-order mark (Excel's "Unicode text").
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}
