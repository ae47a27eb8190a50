//! `pingyi draw` through the real binary: an independent Python reimplementation
//! reproduces the example draw, the draw is pinned, row order changes nothing, and bad
//! rosters are refused.

mod util;

use std::process::Command;

use pingyi::io::Category;
use util::Workdir;

const SEED: &str = "20260615-青石-民主评议";

/// A work folder with the example county's counts, roster and frame.
fn example() -> Workdir {
    util::example_county()
}

/// The drawn records of a sample CSV as "unit,category,rank,role,id,ticket" lines.
fn drawn_lines(wd: &Workdir, name: &str) -> Vec<String> {
    let text = String::from_utf8(wd.read(name)).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |h: &str| {
        headers
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("no {h}"))
    };
    let (unit, cat, rank, role, id, ticket) = (
        col("乡镇"),
        col("类别"),
        col("stratum_rank"),
        col("role"),
        col("编号"),
        col("ticket"),
    );
    let mut lines: Vec<String> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            format!(
                "{},{},{},{},{},{}",
                &r[unit],
                Category::from_label(&r[cat]).key(),
                &r[rank],
                &r[role],
                &r[id],
                &r[ticket]
            )
        })
        .collect();
    lines.sort();
    lines
}

/// Writes `headers` in the first row of a worksheet.
fn header_row(sheet: &mut rust_xlsxwriter::Worksheet, headers: &[&str]) {
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
}

#[test]
fn an_independent_python_reimplementation_reproduces_the_example_draw() {
    if !util::external("python3", &["--version"]) {
        return;
    }
    let wd = example();
    util::draw_example(&wd, SEED, "sample.csv");
    let script = util::repo_root().join("tests/python/draw_check.py");
    let out = Command::new("python3")
        .arg(script)
        .args(["frame.csv", SEED, "编号", "roster.csv"])
        .current_dir(wd.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let ours = drawn_lines(&wd, "sample.csv");
    assert_eq!(ours.len(), 1381 + 448);
    assert_eq!(ours, theirs);
}

#[test]
fn the_example_draw_is_pinned() {
    // Value stability: any change to these lines changes who is surveyed, and must be
    // listed under "Reproducibility-breaking changes" in CHANGELOG.md.
    let wd = example();
    util::draw_example(&wd, SEED, "sample.csv");
    let lines = drawn_lines(&wd, "sample.csv");
    let first: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("城关镇,urban_dibao,"))
        .map(|l| l.split(',').nth(4).unwrap())
        .take(5)
        .collect();
    let ids_in_rank_order = {
        let mut v: Vec<(u64, &str)> = lines
            .iter()
            .filter(|l| l.starts_with("城关镇,urban_dibao,"))
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (f[2].parse().unwrap(), f[4])
            })
            .collect();
        v.sort();
        v.into_iter().take(5).map(|(_, id)| id).collect::<Vec<_>>()
    };
    assert_eq!(first.len(), 5);
    assert_eq!(ids_in_rank_order, PINNED_FIRST_FIVE);
    let digest = {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for l in &lines {
            h.update(l.as_bytes());
            h.update(b"\n");
        }
        h.finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert_eq!(digest, PINNED_DIGEST);
}

const PINNED_FIRST_FIVE: [&str; 5] = [
    "QS0008909",
    "QS0009054",
    "QS0008199",
    "QS0008565",
    "QS0007898",
];
const PINNED_DIGEST: &str = "29d41f0afce249c764bb63ddea7388dfa586901211966bb9cb1ed66e82f75955";

#[test]
fn shuffled_and_split_rosters_give_the_identical_sample() {
    let wd = example();
    util::draw_example(&wd, SEED, "a.csv");
    let text = String::from_utf8(wd.read("roster.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    // A fixed permutation: reverse, then interleave halves.
    lines.reverse();
    let (x, y) = lines.split_at(lines.len() / 2);
    let shuffled: Vec<&str> = y
        .iter()
        .zip(x)
        .flat_map(|(a, b)| [*a, *b])
        .chain(y.iter().skip(x.len()).copied())
        .collect();
    assert_eq!(shuffled.len(), lines.len());
    wd.write(
        "shuffled.csv",
        format!("{header}\n{}\n", shuffled.join("\n")),
    );
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "shuffled.csv",
        "--seed",
        SEED,
        "--out",
        "b.csv",
    ]);
    assert_eq!(wd.read("a.csv"), wd.read("b.csv"));
    // The same roster in three files, the last in GBK.
    let third = shuffled.len() / 3;
    wd.write(
        "p1.csv",
        format!("{header}\n{}\n", shuffled[..third].join("\n")),
    );
    wd.write(
        "p2.csv",
        format!("{header}\n{}\n", shuffled[third..2 * third].join("\n")),
    );
    let p3 = format!(
        "{}\n{}\n",
        header.trim_start_matches('\u{feff}'),
        shuffled[2 * third..].join("\n")
    );
    wd.write("p3.csv", encoding_rs::GBK.encode(&p3).0.as_ref());
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "p1.csv",
        "--roster",
        "p2.csv",
        "--roster",
        "p3.csv",
        "--seed",
        SEED,
        "--out",
        "c.csv",
    ]);
    assert_eq!(wd.read("a.csv"), wd.read("c.csv"));
}

#[test]
fn the_draw_manifest_records_seed_algorithm_and_chain() {
    let wd = example();
    util::draw_example(&wd, SEED, "s.xlsx");
    let m: serde_json::Value = serde_json::from_slice(&wd.read("s.xlsx.manifest.json")).unwrap();
    assert_eq!(m["command"], "draw");
    assert_eq!(m["parameters"]["seed"], SEED);
    assert!(
        m["parameters"]["algorithm"]
            .as_str()
            .unwrap()
            .contains("consistent_sampler")
    );
    assert_eq!(m["parameters"]["id_normalization"], "pingyi-id/1");
    assert_eq!(m["inputs"][0]["role"], "frame");
    assert_eq!(
        m["inputs"][0]["manifest"]["path"],
        "frame.csv.manifest.json"
    );
    assert_eq!(m["inputs"][1]["role"], "roster");
    assert_eq!(m["inputs"][1]["content"]["rows"], 32627);
    let sample = m["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["role"] == "sample")
        .unwrap();
    assert_eq!(sample["content"]["rows"], 1829);
    assert_eq!(
        sample["content"]["strata"]["城关镇"]["rural_dibao"]["rows"],
        30 + 9
    );
    // Rerunning gives the same bytes, and never overwrites without --force.
    let first = wd.read("s.xlsx");
    wd.run(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        SEED,
        "--out",
        "s.xlsx",
    ])
    .expect_bad_input(&["already exists"]);
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        SEED,
        "--out",
        "s.xlsx",
        "--force",
    ]);
    assert_eq!(first, wd.read("s.xlsx"));
}

#[test]
fn the_quality_report_finds_the_planted_problems_and_masks_them() {
    let wd = example();
    let run = util::draw_example(&wd, SEED, "s.csv");
    assert!(
        run.stdout().contains("3 × invalid_id_number"),
        "{}",
        run.stdout()
    );
    let report = String::from_utf8(wd.read("s.csv.quality.csv")).unwrap();
    assert_eq!(report.matches("invalid_id_number").count(), 3);
    assert_eq!(report.matches("id_number_repeated").count(), 1);
    assert!(report.contains("one phone number for 3 recipients"));
    // No full ID number or phone in the report.
    assert!(
        !report
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() >= 11),
        "{report}"
    );
}

/// A small roster: ids, units, categories, plus a name and an ID number.
fn small(wd: &Workdir, roster: &str) {
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,2,1\n甲,城市低保,2,1,0\n",
    );
    wd.write("roster.csv", roster);
}

fn refused(roster: &str, extra: &[&str], needles: &[&str]) {
    let wd = Workdir::new();
    small(&wd, roster);
    let mut args = vec![
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--out",
        "s.csv",
    ];
    if !extra.contains(&"--seed") {
        args.extend_from_slice(&["--seed", "7"]);
    }
    args.extend_from_slice(extra);
    wd.run(&args).expect_bad_input(needles);
    assert!(
        !wd.exists("s.csv") && !wd.exists("s.csv.quality.csv") && !wd.exists("s.csv.manifest.json")
    );
}

const GOOD: &str = "编号,乡镇,类别,姓名\na1,甲,农村低保,张三\na2,甲,农村低保,李四\na3,甲,农村低保,王五\na4,甲,农村低保,赵六\nb1,甲,城市低保,钱七\nb2,甲,城市低保,孙八\n";

#[test]
fn a_good_small_roster_draws() {
    let wd = Workdir::new();
    small(&wd, GOOD);
    util::draw_example(&wd, "7", "s.csv");
    let lines = drawn_lines(&wd, "s.csv");
    assert_eq!(lines.len(), 4);
    assert_eq!(lines.iter().filter(|l| l.contains(",reserve,")).count(), 1);
}

#[test]
fn bad_rosters_are_refused() {
    refused(
        "乡镇,类别\n甲,农村低保\n",
        &[],
        &[
            "roster.csv",
            "row 1",
            "no column that identifies",
            "编号",
            "身份证号",
            "--id-column",
        ],
    );
    refused(
        "编号,乡镇\na1,甲\n",
        &[],
        &["roster.csv", "no category column"],
    );
    refused(
        &GOOD.replace("a3,", ","),
        &[],
        &["roster.csv", "row 4", "column 编号 (A)", "empty"],
    );
    refused(
        &GOOD.replace("a3,", "a1,"),
        &[],
        &[
            "duplicate ids",
            "row 4",
            "id a1 at roster.csv, row 2; roster.csv, row 4",
        ],
    );
    refused(
        &GOOD.replace("b2,甲,城市低保", "b2,乙,城市低保"),
        &[],
        &["units or categories that the frame does not", "乙"],
    );
    refused(
        &GOOD.replace("a4,甲,农村低保,赵六\n", ""),
        &[],
        &["counts differ", "农村低保", "--allow-count-mismatch"],
    );
    refused(GOOD, &["--seed", "  "], &["seed is empty"]);
    refused(
        GOOD,
        &["--id-column", "身份证号"],
        &["no column '身份证号'"],
    );
}

/// GOOD without its 编号 column, with an ID-number column headed `header` instead.
fn keyed_by_id_numbers(header: &str) -> String {
    let ids = [
        "110101199003074477",
        "110101199003071234",
        "11010119900307001X",
    ];
    let mut text = format!("序号,{header},所属乡镇,救助类别,姓名\n");
    for (i, line) in GOOD.lines().skip(1).enumerate() {
        let rest = line.split_once(',').unwrap().1;
        let id = format!("{}{}", &ids[i % 3][..15], 100 + i);
        text.push_str(&format!("{},{id},{rest}\n", i + 1));
    }
    text
}

#[test]
fn a_roster_without_an_id_column_is_keyed_by_its_id_numbers() {
    for header in ["身份证号", "公民身份号码", "证件号码"] {
        let wd = Workdir::new();
        small(&wd, &keyed_by_id_numbers(header));
        util::draw_example(&wd, "7", "s.csv");
        let manifest: serde_json::Value =
            serde_json::from_slice(&wd.read("s.csv.manifest.json")).unwrap();
        assert_eq!(
            manifest["parameters"]["id_headers"],
            serde_json::json!([header])
        );
        assert_eq!(manifest["parameters"]["id_column"], serde_json::Value::Null);
        // Later stages find the same column without --id-column.
        wd.ok(&["verify", "s.csv"]);
        wd.ok(&[
            "audit", "select", "--sample", "s.csv", "--seed", "8", "--out", "c.csv",
        ]);
    }
    // An id column comes first: the same roster with 编号 is keyed by 编号.
    let wd = Workdir::new();
    small(&wd, GOOD);
    util::draw_example(&wd, "7", "s.csv");
    let manifest: serde_json::Value =
        serde_json::from_slice(&wd.read("s.csv.manifest.json")).unwrap();
    assert_eq!(
        manifest["parameters"]["id_headers"],
        serde_json::json!(["编号"])
    );
}

#[test]
fn a_roster_with_neither_id_column_is_refused_in_both_languages() {
    let wd = Workdir::new();
    small(&wd, "序号,所属乡镇,救助类别,姓名\n1,甲,农村低保,张三\n");
    let args = util::draw_args("roster.csv", "7", "s.csv");
    wd.run(&args)
        .expect_bad_input(&["roster.csv", "row 1", "身份证号", "--id-column"]);
    let mut zh = vec!["--lang", "zh"];
    zh.extend(args);
    wd.run(&zh).expect_bad_input(&[
        "roster.csv",
        "第 1 行",
        "没有能区分每个服务对象的列",
        "--id-column",
    ]);
    assert!(!wd.exists("s.csv") && !wd.exists("s.csv.manifest.json"));
}

#[test]
fn short_strata_and_count_mismatches_can_be_allowed() {
    let wd = Workdir::new();
    // 城市低保 has one recipient but a sample of 1 and the frame says 2.
    small(&wd, &GOOD.replace("b2,甲,城市低保,孙八\n", ""));
    wd.run(&util::draw_args("roster.csv", "7", "s.csv"))
        .expect_bad_input(&["counts differ"]);
    let run = wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "7",
        "--out",
        "s.csv",
        "--allow-count-mismatch",
    ]);
    assert!(
        run.stderr().contains("use the roster's counts"),
        "{}",
        run.stderr()
    );
    let text = String::from_utf8(wd.read("s.csv")).unwrap();
    assert!(text.contains("b1,甲,城市低保,钱七,1,main,"), "{text}");
    assert!(
        text.contains(",1,1\r\n"),
        "inclusion 1/1 and weight 1 from the roster: {text}"
    );

    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,3,1\n",
    );
    wd.write(
        "roster.csv",
        "编号,乡镇,类别\na1,甲,农村低保\na2,甲,农村低保\n",
    );
    wd.run(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "7",
        "--out",
        "s.csv",
        "--allow-count-mismatch",
    ])
    .expect_bad_input(&["smaller than their sample", "--take-all-short"]);
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "7",
        "--out",
        "s.csv",
        "--allow-count-mismatch",
        "--take-all-short",
    ]);
    assert_eq!(drawn_lines(&wd, "s.csv").len(), 2);
}

#[test]
fn id_numbers_as_keys_are_normalised() {
    let roster = |x: char| {
        format!(
            "身份证号,乡镇,类别\n11010519491231002{x},甲,农村低保\n110105194912310037,甲,农村低保\n110105194912310045,甲,农村低保\n１１０１０５１９４９１２３１００５３,甲,农村低保\n110105194912310061,甲,城市低保\n110105194912310088,甲,城市低保\n"
        )
    };
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,2,1\n甲,城市低保,2,1,0\n",
    );
    wd.write("upper.csv", roster('X'));
    wd.write("lower.csv", roster('x'));
    for (r, out) in [("upper.csv", "u.csv"), ("lower.csv", "l.csv")] {
        wd.ok(&[
            "draw",
            "--frame",
            "frame.csv",
            "--roster",
            r,
            "--id-column",
            "公民身份号码",
            "--seed",
            "7",
            "--out",
            out,
        ]);
    }
    let tickets = |name: &str| -> Vec<String> {
        let text = String::from_utf8(wd.read(name)).unwrap();
        text.lines()
            .skip(1)
            .map(|l| l.split(',').rev().nth(2).unwrap().to_string())
            .collect()
    };
    assert_eq!(tickets("u.csv"), tickets("l.csv"));
}

#[test]
fn an_edited_frame_is_refused_unless_allowed() {
    let wd = example();
    let frame = String::from_utf8(wd.read("frame.csv")).unwrap();
    let edited = frame.replacen(
        "城关镇,rural_dibao,1008,30,9",
        "城关镇,rural_dibao,1008,26,9",
        1,
    );
    assert_ne!(frame, edited);
    wd.write("frame.csv", edited);
    wd.run(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        SEED,
        "--out",
        "s.csv",
    ])
    .expect_bad_input(&[
        "frame.csv",
        "edited by hand",
        "城关镇 / rural_dibao",
        "--allow-edited-frame",
    ]);
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        SEED,
        "--out",
        "s.csv",
        "--allow-edited-frame",
    ]);
}

#[test]
fn synth_is_reproducible() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "counts.csv");
    wd.ok(&[
        "synth",
        "--counts",
        "counts.csv",
        "--seed",
        "青石县示例名册 v1",
        "--plant-problems",
        "3",
        "--lang",
        "zh",
        "--out",
        "roster.csv",
    ]);
    let committed = std::fs::read(util::repo_root().join("data/county_roster.csv")).unwrap();
    assert_eq!(
        wd.read("roster.csv"),
        committed,
        "data/county_roster.csv is not what synth makes"
    );
}

#[test]
fn seed_new_prints_twenty_digits() {
    let wd = Workdir::new();
    let a = wd.ok(&["seed", "new"]).stdout();
    let b = wd.ok(&["seed", "new"]).stdout();
    assert_eq!(a.trim().len(), 20);
    assert!(a.trim().bytes().all(|b| b.is_ascii_digit()));
    assert_ne!(a, b);
}

#[test]
fn a_renamed_edited_frame_is_still_caught() {
    let wd = example();
    let frame = String::from_utf8(wd.read("frame.csv")).unwrap();
    wd.write(
        "样本框.csv",
        frame.replacen(
            "城关镇,rural_dibao,1008,30,9",
            "城关镇,rural_dibao,1008,26,9",
            1,
        ),
    );
    wd.write(
        "样本框.csv.manifest.json",
        wd.read("frame.csv.manifest.json"),
    );
    wd.run(&[
        "draw",
        "--frame",
        "样本框.csv",
        "--roster",
        "roster.csv",
        "--seed",
        SEED,
        "--out",
        "s.csv",
    ])
    .expect_bad_input(&["edited by hand", "城关镇 / rural_dibao"]);
}

#[test]
fn rosters_with_different_header_aliases_are_one_roster() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,2,1\n乙,城市低保,2,1,0\n",
    );
    wd.write("a.csv", "编号,乡镇,类别,姓名\na1,甲,农村低保,张三\na2,甲,农村低保,李四\na3,甲,农村低保,王五\na4,甲,农村低保,赵六\n");
    wd.write(
        "b.csv",
        "id,单位,服务对象类别,姓名\nb1,乙,城市低保,钱七\nb2,乙,城市低保,孙八\n",
    );
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "a.csv",
        "--roster",
        "b.csv",
        "--seed",
        "7",
        "--out",
        "s.csv",
    ]);
    let text = String::from_utf8(wd.read("s.csv")).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "编号,乡镇,类别,姓名,stratum_rank,role,ticket,inclusion_prob,weight"
    );
    assert!(text.contains(",乙,城市低保,"), "{text}");
    // The audit reads pingyi's own sample back.
    wd.ok(&[
        "audit", "select", "--sample", "s.csv", "--seed", "other", "--out", "c.csv",
    ]);
}

#[test]
fn id_numbers_stored_as_numbers_in_a_workbook_are_refused() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,2,1,0\n",
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    header_row(sheet, &["身份证号", "乡镇", "类别"]);
    for r in 1..3u32 {
        sheet
            .write_number(r, 0, 110101199003074514.0 + r as f64 * 100.0)
            .unwrap();
        sheet.write_string(r, 1, "甲").unwrap();
        sheet.write_string(r, 2, "农村低保").unwrap();
    }
    wd.write("roster.xlsx", book.save_to_buffer().unwrap());
    wd.run(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.xlsx",
        "--id-column",
        "身份证号",
        "--seed",
        "7",
        "--out",
        "s.csv",
    ])
    .expect_bad_input(&[
        "roster.xlsx",
        "row 2",
        "column 身份证号 (A)",
        "more than 15 digits",
        "format the column as text",
    ]);
}

#[test]
fn ids_padded_by_a_number_format_draw_as_excel_shows_them() {
    // Ids typed as numbers in a column formatted 0000 show (and save to CSV) as 0011;
    // the workbook draws the same sample as the CSV Excel would save from it.
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,6,2,1\n",
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let zeros = rust_xlsxwriter::Format::new().set_num_format("0000");
    let mut csv = String::from("编号,乡镇,类别\n");
    header_row(sheet, &["编号", "乡镇", "类别"]);
    for r in 1..7u32 {
        let id = 10 + r;
        sheet
            .write_number_with_format(r, 0, id as f64, &zeros)
            .unwrap();
        sheet.write_string(r, 1, "甲").unwrap();
        sheet.write_string(r, 2, "农村低保").unwrap();
        csv.push_str(&format!("{id:04},甲,农村低保\n"));
    }
    wd.write("roster.xlsx", book.save_to_buffer().unwrap());
    wd.write("roster.csv", csv);
    for (roster, out) in [("roster.xlsx", "x.csv"), ("roster.csv", "c.csv")] {
        wd.ok(&util::draw_args(roster, "7", out));
    }
    let (x, c) = (wd.read("x.csv"), wd.read("c.csv"));
    assert_eq!(x, c);
    assert!(String::from_utf8(x).unwrap().contains("\n00"));
}

#[test]
fn a_roster_kept_one_sheet_per_township_names_the_sheets_not_read() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,2,1,0\n乙,农村低保,2,1,0\n",
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    for (unit, ids) in [("甲", ["a1", "a2"]), ("乙", ["b1", "b2"])] {
        let sheet = book.add_worksheet().set_name(unit).unwrap();
        header_row(sheet, &["编号", "乡镇", "类别"]);
        for (r, id) in ids.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, *id).unwrap();
            sheet.write_string(r, 1, unit).unwrap();
            sheet.write_string(r, 2, "农村低保").unwrap();
        }
    }
    // A sheet of notes is not a roster sheet, and is not named.
    book.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "2026年名册")
        .unwrap();
    wd.write("roster.xlsx", book.save_to_buffer().unwrap());
    let args = util::draw_args("roster.xlsx", "7", "s.csv");
    let run = wd.run(&args);
    run.expect_bad_input(&["counts differ", "not read (1: 乙)", "only sheet 甲"]);
    assert!(!run.stderr().contains("说明"), "{}", run.stderr());
    let out = wd.command(&args).env("PINGYI_LANG", "zh").output().unwrap();
    let zh = String::from_utf8_lossy(&out.stderr);
    assert!(zh.contains("另有 1 个工作表（乙）"), "{zh}");
    // Drawn anyway, the sample comes with the note as a warning.
    let mut allowed = args.to_vec();
    allowed.extend(["--allow-count-mismatch", "--take-all-short"]);
    let run = wd.ok(&allowed);
    assert!(
        run.stderr().contains("only sheet 甲 was read"),
        "{}",
        run.stderr()
    );
    // One sheet per file, each given: nothing left unread.
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.xlsx",
        "--sheet",
        "乙",
        "--seed",
        "7",
        "--out",
        "b.csv",
        "--allow-count-mismatch",
        "--take-all-short",
    ]);
}

#[test]
fn id_numbers_a_spreadsheet_rounded_are_told_in_a_csv_too() {
    // Saved as CSV from a number column, an ID number keeps 15 digits and then 000.
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,3,1,0\n",
    );
    let rows = "110101199003074514,甲,农村低保\n110101199003074000,甲,农村低保\n110101199003075000,甲,农村低保\n";
    wd.write("roster.csv", format!("身份证号,乡镇,类别\n{rows}"));
    let args = util::draw_args("roster.csv", "7", "s.csv");
    wd.run(&args).expect_bad_input(&[
        "row 3",
        "column 身份证号 (A)",
        "ends in 000",
        "first 15 digits",
    ]);
    // Not the id: the data-quality report says the digits are lost, masked.
    let mut with_ids = String::from("编号,身份证号,乡镇,类别\n");
    for (i, line) in rows.lines().enumerate() {
        with_ids.push_str(&format!("a{i},{line}\n"));
    }
    wd.write("roster.csv", with_ids);
    wd.ok(&args);
    let report = String::from_utf8(wd.read("s.csv.quality.csv")).unwrap();
    assert_eq!(report.matches("digits_lost").count(), 2, "{report}");
    assert!(!report.contains("invalid_id_number"), "{report}");
    assert!(!report.contains("110101199003074000"), "{report}");
}

#[test]
fn ids_that_differ_only_in_case_are_one_person_written_twice() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,3,1,0\n",
    );
    wd.write(
        "roster.csv",
        "编号,乡镇,类别\nDG001,甲,农村低保\nDG002,甲,农村低保\ndg001,甲,农村低保\n",
    );
    let args = util::draw_args("roster.csv", "7", "s.csv");
    wd.run(&args).expect_bad_input(&["row 2", "row 4"]);
    assert!(!wd.exists("s.csv"));
    wd.write(
        "roster.csv",
        "编号,乡镇,类别\nDG001,甲,农村低保\nDG002,甲,农村低保\ndg003,甲,农村低保\n",
    );
    wd.ok(&args);
}

#[test]
fn one_id_number_typed_two_ways_is_reported_repeated() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,2,1,0\n甲,城市低保,1,1,0\n",
    );
    wd.write(
        "roster.csv",
        "编号,身份证号,乡镇,类别\n\
         a1,37011219440623701X,甲,农村低保\n\
         a2,110101199003074514,甲,农村低保\n\
         a3,\"370112 19440623 701x\",甲,城市低保\n",
    );
    wd.ok(&util::draw_args("roster.csv", "7", "s.csv"));
    let report = String::from_utf8(wd.read("s.csv.quality.csv")).unwrap();
    assert!(report.contains("id_number_repeated"), "{report}");
    assert!(!report.contains("invalid_id_number"), "{report}");
    assert!(!report.contains("37011219440623701X"), "{report}");
}

#[test]
fn a_formula_error_in_the_id_column_is_not_an_id() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,3,1,0\n",
    );
    for error in ["#N/A", "#value!", " #REF! "] {
        wd.write(
            "roster.csv",
            format!("编号,乡镇,类别\na1,甲,农村低保\n{error},甲,农村低保\na3,甲,农村低保\n"),
        );
        let args = util::draw_args("roster.csv", "7", "s.csv");
        wd.run(&args).expect_bad_input(&[
            "roster.csv",
            "row 3",
            "column 编号 (A)",
            "the error of a formula",
        ]);
        let out = wd.command(&args).env("PINGYI_LANG", "zh").output().unwrap();
        assert!(String::from_utf8_lossy(&out.stderr).contains("公式出错"));
        assert!(!wd.exists("s.csv"));
    }
}

#[test]
fn take_all_short_alone_takes_a_short_stratum_whole() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,3,1\n",
    );
    wd.write(
        "roster.csv",
        "编号,乡镇,类别\na1,甲,农村低保\na2,甲,农村低保\n",
    );
    let run = wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "7",
        "--out",
        "s.csv",
        "--take-all-short",
    ]);
    assert!(run.stderr().contains("taken whole"), "{}", run.stderr());
    assert_eq!(drawn_lines(&wd, "s.csv").len(), 2);
}

/// The draw options `pingyi draw --frame frame.csv --roster roster.csv --seed SEED`
/// gives, with the paths of `wd`.
fn library_options(wd: &Workdir) -> pingyi::commands::draw::DrawOptions {
    use pingyi::commands::draw::{DrawOptions, DrawRules, RosterInputs};
    DrawOptions {
        frame: wd.path("frame.csv"),
        inputs: RosterInputs {
            rosters: vec![wd.path("roster.csv")],
            sheet: None,
            id_column: None,
            scan: Default::default(),
        },
        rules: DrawRules {
            seed: SEED.to_string(),
            take_all_short: false,
            allow_count_mismatch: false,
        },
        allow_edited_frame: false,
        commitment: None,
    }
}

#[test]
fn the_draw_command_gives_what_the_binary_gives() {
    // `commands::draw::run`, as any front end calls it, writes the same bytes and
    // summary as `pingyi draw`, prints the same query, and refuses a missing --out.
    let wd = example();
    let path = |name: &str| wd.path(name).display().to_string();
    let (frame, roster) = (path("frame.csv"), path("roster.csv"));
    let draw = [
        "draw", "--frame", &frame, "--roster", &roster, "--seed", SEED,
    ];
    let mut to_file = draw.to_vec();
    let by_binary = path("by_binary.csv");
    to_file.extend(["--out", &by_binary]);
    let binary = wd.ok(&to_file).stdout();
    let opts = library_options(&wd);
    let out = pingyi::commands::OutputOptions {
        path: wd.path("by_library.csv"),
        force: false,
        write: Default::default(),
    };
    let outcome = pingyi::commands::draw::run(&opts, Some(&out), None).unwrap();
    assert_eq!(outcome.summary, binary.replace("by_binary", "by_library"));
    assert!(outcome.failure.is_none());
    for suffix in ["", ".quality.csv"] {
        let (a, b) = (
            format!("by_binary.csv{suffix}"),
            format!("by_library.csv{suffix}"),
        );
        assert_eq!(wd.read(&a), wd.read(&b), "{a} and {b} differ");
    }
    let mut to_sql = draw.to_vec();
    to_sql.extend(["--emit-sql", "spark"]);
    let sql = pingyi::commands::draw::run(&opts, None, Some("spark")).unwrap();
    assert_eq!(sql.summary, wd.ok(&to_sql).stdout());
    let missing = pingyi::commands::draw::run(&opts, None, None).unwrap_err();
    assert!(missing.to_string().contains("give --out"), "{missing}");
    let unknown = pingyi::commands::draw::run(&opts, None, Some("oracle")).unwrap_err();
    assert_eq!(unknown.exit_code(), 2, "{unknown}");
}

#[test]
fn the_seed_commit_command_gives_what_the_binary_gives() {
    let wd = example();
    let path = |name: &str| wd.path(name).display().to_string();
    let (frame, roster) = (path("frame.csv"), path("roster.csv"));
    let by_binary = path("by_binary.json");
    let args = ["seed", "commit", "--frame", &frame, "--roster", &roster];
    let mut with_out = args.to_vec();
    with_out.extend(["--out", &by_binary]);
    let binary = wd.ok(&with_out).stdout();
    let rosters = library_options(&wd).inputs;
    let out = wd.path("by_library.json");
    let commit =
        |force| pingyi::commands::seed_commit::commit(&wd.path("frame.csv"), &rosters, &out, force);
    let outcome = commit(false).unwrap();
    assert_eq!(outcome.summary, binary.replace("by_binary", "by_library"));
    assert_eq!(wd.read("by_binary.json"), wd.read("by_library.json"));
    // As the binary does: an existing commitment is kept unless forced.
    assert!(commit(false).is_err());
    assert!(commit(true).is_ok());
}

#[test]
fn the_roster_path_as_typed_changes_no_output_or_manifest() {
    let wd = example();
    let absolute = wd.path("roster.csv");
    let spellings = ["roster.csv", "./roster.csv", absolute.to_str().unwrap()];
    let mut seen: Vec<(Vec<u8>, Vec<u8>, String)> = Vec::new();
    for (i, roster) in spellings.iter().enumerate() {
        std::fs::create_dir_all(wd.path(&format!("o{i}"))).unwrap();
        let out = format!("o{i}/s.csv");
        wd.ok(&util::draw_args(roster, SEED, &out));
        let manifest = String::from_utf8(wd.read(&format!("{out}.manifest.json"))).unwrap();
        seen.push((
            wd.read(&out),
            wd.read(&format!("{out}.quality.csv")),
            manifest,
        ));
    }
    let quality = String::from_utf8(seen[0].1.clone()).unwrap();
    assert!(quality.lines().count() > 1, "the example has findings");
    for other in &seen[1..] {
        assert_eq!(seen[0], *other, "the roster's spelling changed an output");
    }
}

#[test]
fn a_workbook_samples_quality_report_is_in_chinese_and_a_csv_samples_follows_its_headers() {
    let wd = example();
    let draw = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "draw",
            "--frame",
            "frame.csv",
            "--roster",
            "roster.csv",
            "--seed",
            SEED,
            "--out",
            out,
        ];
        args.extend_from_slice(extra);
        wd.ok(&args);
        String::from_utf8(wd.read(&format!("{out}.quality.csv"))).unwrap()
    };
    let people = draw("s.xlsx", &[]);
    assert!(people.contains("问题,单位"), "{people}");
    assert!(people.contains("身份证号"), "a Chinese detail: {people}");
    assert!(!people.contains("not a valid"), "{people}");
    let english = draw("s.csv", &[]);
    assert!(english.contains("issue,unit"), "{english}");
    let chinese = draw("z.csv", &["--headers", "zh"]);
    assert!(chinese.contains("问题,单位"), "{chinese}");
}
