//! `pingyi audit select` and `pingyi audit tally` through the real binary: the pinned
//! example selection, row-order independence, exact rates, tampering caught and named,
//! and the example tally.

mod util;

use util::Workdir;

const DRAW_SEED: &str = "20260615-青石-民主评议";
const AUDIT_SEED: &str = "20260701-青石-抽查";

/// The example county drawn: sample.csv with its manifest.
fn example() -> Workdir {
    let wd = util::example_county();
    util::draw_example(&wd, DRAW_SEED, "sample.csv");
    wd
}

use util::{read_csv, write_csv};

fn select(wd: &Workdir, out: &str) -> util::Run {
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        AUDIT_SEED,
        "--out",
        out,
    ])
}

/// Fills the result column of a CSV checklist: false for the given audit numbers.
fn fill(wd: &Workdir, from: &str, to: &str, false_ones: &[&str], value: impl Fn(bool) -> String) {
    let (h, mut rows) = read_csv(wd, from);
    let result = h.iter().position(|x| x == "result").unwrap();
    for r in rows.iter_mut() {
        r[result] = value(false_ones.contains(&r[0].as_str()));
    }
    write_csv(wd, to, &h, &rows);
}

#[test]
fn the_example_selection_is_pinned_and_order_free() {
    let wd = example();
    select(&wd, "c.csv");
    let (h, rows) = read_csv(&wd, "c.csv");
    assert_eq!(h[0], "audit_no");
    assert_eq!(
        &h[h.len() - 5..],
        ["result", "verifier", "date", "notes", "audit_id"]
    );
    assert!(!h.iter().any(|x| x == "ticket" || x == "role"));
    assert_eq!(rows.len(), 420);
    let first: Vec<&str> = rows.iter().take(5).map(|r| r[1].as_str()).collect();
    assert_eq!(first, PINNED_FIRST_FIVE);
    // Shuffled sample rows give the identical checklist.
    let (sh, mut srows) = read_csv(&wd, "sample.csv");
    srows.reverse();
    srows.rotate_left(100);
    write_csv(&wd, "shuffled.csv", &sh, &srows);
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "shuffled.csv",
        "--seed",
        AUDIT_SEED,
        "--out",
        "d.csv",
    ]);
    assert_eq!(wd.read("c.csv"), wd.read("d.csv"));
}

const PINNED_FIRST_FIVE: [&str; 5] = [
    "QS0000539",
    "QS0000533",
    "QS0000545",
    "QS0000582",
    "QS0000466",
];

#[test]
fn every_unit_gets_the_ceiling_of_its_share_at_least_one() {
    let wd = Workdir::new();
    let mut text = String::from("编号,乡镇,类别\n");
    for i in 0..25 {
        text.push_str(&format!(
            "a{i},甲,{}\n",
            if i % 2 == 0 { "农村低保" } else { "优抚" }
        ));
    }
    text.push_str("b1,乙,五保\n");
    for i in 0..10 {
        text.push_str(&format!("c{i},丙,慈善\n"));
    }
    wd.write("s.csv", text);
    wd.ok(&[
        "audit", "select", "--sample", "s.csv", "--seed", "x", "--rate", "0.28", "--out", "c.csv",
    ]);
    let (_, rows) = read_csv(&wd, "c.csv");
    let count = |u: &str| rows.iter().filter(|r| r[2] == u).count();
    // 0.28 × 25 = 7 exactly (not 8); 0.28 × 1 → 1; 0.28 × 10 = 2.8 → 3.
    assert_eq!((count("甲"), count("乙"), count("丙")), (7, 1, 3));
}

#[test]
fn the_example_tally_counts_false_recipients_and_deductions() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let (h, rows) = read_csv(&wd, "out/county/audit_tally.csv");
    assert_eq!(
        h,
        [
            "unit",
            "collected",
            "checked",
            "genuine",
            "false",
            "unverifiable",
            "pending",
            "deduction",
            "false_rate",
            "ci_low",
            "ci_high",
            "flag"
        ]
    );
    let row = |u: &str| rows.iter().find(|r| r[0] == u).unwrap().clone();
    assert_eq!(row("马坪镇")[4..8], ["4", "1", "0", "2"]);
    assert_eq!(row("青石镇")[4..8], ["2", "0", "0", "1"]);
    assert_eq!(row("城关镇")[4..8], ["1", "1", "0", "0.5"]);
    assert_eq!(row("东岗镇")[4..8], ["0", "0", "0", "0"]);
    assert_eq!(rows.len(), 15);
}

#[test]
fn results_in_any_language_and_the_cap() {
    let wd = example();
    select(&wd, "c.csv");
    let (_, rows) = read_csv(&wd, "c.csv");
    // Twelve false in one unit: 6 points, capped at 5.
    let unit = rows[0][2].clone();
    let falses: Vec<String> = rows
        .iter()
        .filter(|r| r[2] == unit)
        .take(12)
        .map(|r| r[0].clone())
        .collect();
    let falses: Vec<&str> = falses.iter().map(String::as_str).collect();
    fill(&wd, "c.csv", "filled.csv", &falses, |f| {
        if f {
            "不属实".into()
        } else {
            "属实".into()
        }
    });
    util::tally_filled(&wd);
    let (_, t) = read_csv(&wd, "t.csv");
    let r = t.iter().find(|r| r[0] == unit).unwrap();
    assert_eq!(
        (r[4].as_str(), r[7].as_str(), r[11].as_str()),
        ("12", "5", "recheck")
    );
    fill(&wd, "c.csv", "filled2.csv", &falses, |f| {
        if f { "false".into() } else { "Genuine".into() }
    });
    let tally = |filled: &str, out: &str| {
        let args = [
            "audit",
            "tally",
            "--checklist",
            filled,
            "--manifest",
            "c.csv.manifest.json",
        ];
        wd.run(&[&args[..], &["--out", out]].concat())
    };
    tally("filled2.csv", "t2.csv").expect_code(0);
    assert_eq!(wd.read("t.csv"), wd.read("t2.csv"));
    // TRUE and FALSE in capitals are how a workbook shows a logical cell (typed
    // "false" becomes one): it may answer "is this a false recipient?" either way.
    fill(&wd, "c.csv", "filled3.csv", &falses, |f| {
        if f { "FALSE".into() } else { "真实".into() }
    });
    tally("filled3.csv", "t3.csv").expect_bad_input(&["'FALSE' can be read either way"]);
    assert!(!wd.exists("t3.csv"));
}

/// A filled checklist, then `edit` applied to its rows; the tally must refuse it
/// naming every needle.
fn tampered(edit: impl Fn(&mut Vec<Vec<String>>, &[String]), needles: &[&str]) {
    let wd = example();
    select(&wd, "c.csv");
    let (h, mut rows) = read_csv(&wd, "c.csv");
    let result = h.iter().position(|x| x == "result").unwrap();
    for r in rows.iter_mut() {
        r[result] = "真实".into();
    }
    edit(&mut rows, &h);
    write_csv(&wd, "filled.csv", &h, &rows);
    wd.run(&[
        "audit",
        "tally",
        "--checklist",
        "filled.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ])
    .expect_bad_input(needles);
    assert!(!wd.exists("t.csv"));
}

#[test]
fn tampering_is_caught_and_named() {
    // A swapped record: row 0003 now shows another recipient.
    tampered(
        |rows, _| {
            let other = rows[40].clone();
            let end = other.len() - 4;
            rows[2][1..end].clone_from_slice(&other[1..end]);
        },
        &["filled.csv", "audit number 0003", "changed"],
    );
    // An added row.
    tampered(
        |rows, _| {
            let mut extra = rows[5].clone();
            extra[0] = "9999".into();
            rows.push(extra);
        },
        &["'9999' is not in the selection"],
    );
    // A dropped row.
    tampered(
        |rows, _| drop(rows.remove(7)),
        &["1 selected records are missing: 0008"],
    );
    // An edited phone number.
    tampered(
        |rows, h| {
            let phone = h.iter().position(|x| x == "联系电话").unwrap();
            rows[9][phone] = "10000000000".into();
        },
        &["audit number 0010", "联系电话 changed"],
    );
    // The same audit number twice.
    tampered(
        |rows, _| rows[11][0] = rows[10][0].clone(),
        &["audit number 0011 appears twice"],
    );
}

#[test]
fn results_must_be_readable_and_complete() {
    let wd = example();
    select(&wd, "c.csv");
    fill(&wd, "c.csv", "odd.csv", &["0002"], |f| {
        if f { "maybe".into() } else { "真实".into() }
    });
    wd.run(&[
        "audit",
        "tally",
        "--checklist",
        "odd.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ])
    .expect_bad_input(&["odd.csv", "column result", "0002 (cell I3): 'maybe'"]);
    fill(&wd, "c.csv", "blank.csv", &["0004"], |f| {
        if f { String::new() } else { "真实".into() }
    });
    wd.run(&[
        "audit",
        "tally",
        "--checklist",
        "blank.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ])
    .expect_bad_input(&["1 records without a result: 0004 (cell I5)", "--partial"]);
    let run = wd.ok(&[
        "audit",
        "tally",
        "--checklist",
        "blank.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--partial",
        "--out",
        "t.csv",
    ]);
    // The blank result is told, not only counted.
    let told = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        told.contains("1 results were left blank and count as pending"),
        "{told}"
    );
    let (_, t) = read_csv(&wd, "t.csv");
    assert_eq!(
        t.iter().map(|r| r[6].parse::<u64>().unwrap()).sum::<u64>(),
        1
    );
}

#[test]
fn a_checklist_from_another_selection_is_refused() {
    let wd = example();
    select(&wd, "c.csv");
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "another",
        "--out",
        "other.csv",
    ]);
    fill(&wd, "other.csv", "filled.csv", &[], |_| "真实".into());
    wd.run(&[
        "audit",
        "tally",
        "--checklist",
        "filled.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ])
    .expect_bad_input(&["another selection"]);
}

#[test]
fn bad_select_input() {
    let wd = example();
    wd.run(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        DRAW_SEED,
        "--out",
        "c.csv",
    ])
    .expect_bad_input(&["sample.csv.manifest.json", "same seed"]);
    // Without its manifest, the sample's tickets still tell the draw's seed, also in
    // a workbook saved by a spreadsheet that keeps 15 digits of each ticket.
    let text = String::from_utf8(wd.read("sample.csv")).unwrap();
    wd.write("bare.csv", &text);
    let cut: String = text
        .lines()
        .map(|l| {
            l.split(',')
                .map(|c| match c.strip_prefix("0.") {
                    Some(d) if d.len() > 30 => format!("{:e}", c.parse::<f64>().unwrap()),
                    _ => c.to_string(),
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(cut, text.trim_end());
    wd.write("cut.csv", cut);
    for sample in ["bare.csv", "cut.csv"] {
        let args = [
            "audit", "select", "--sample", sample, "--seed", DRAW_SEED, "--out", "c.csv",
        ];
        wd.run(&args)
            .expect_bad_input(&[sample, "drawn with this very seed"]);
        let mut zh = wd.command(&args);
        let out = zh.env("PINGYI_LANG", "zh").output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("正是用这个种子抽出的"));
    }
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "bare.csv",
        "--seed",
        "another",
        "--out",
        "bare-c.csv",
    ]);
    for rate in ["0", "1.5", "abc"] {
        wd.run(&[
            "audit",
            "select",
            "--sample",
            "sample.csv",
            "--seed",
            "x",
            "--rate",
            rate,
            "--out",
            "c.csv",
        ])
        .expect_code(2);
    }
    wd.write("nounit.csv", "编号,类别\na,农村低保\n");
    wd.run(&[
        "audit",
        "select",
        "--sample",
        "nounit.csv",
        "--seed",
        "x",
        "--out",
        "c.csv",
    ])
    .expect_bad_input(&["nounit.csv", "no header row with a unit column"]);
    assert!(!wd.exists("c.csv"));
    // Never overwritten without --force.
    select(&wd, "c.csv");
    wd.run(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        AUDIT_SEED,
        "--out",
        "c.csv",
    ])
    .expect_bad_input(&["already exists"]);
}

#[test]
fn the_checklist_workbook_has_a_result_drop_down() {
    let wd = example();
    select(&wd, "c.xlsx");
    // The drop-down is a data validation list in the sheet's XML.
    let bytes = wd.read("c.xlsx");
    let mut archive = zip_entries(&bytes);
    let sheet = archive.remove("xl/worksheets/sheet1.xml").expect("sheet1");
    assert!(sheet.contains("dataValidation"), "no data validation");
    assert!(
        sheet.contains("真实,虚假,无法核实"),
        "{}",
        &sheet[..sheet.len().min(400)]
    );
}

/// The text entries of a zip archive (an xlsx), by name.
fn zip_entries(bytes: &[u8]) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        let mut s = String::new();
        if std::io::Read::read_to_string(&mut f, &mut s).is_ok() {
            out.insert(name, s);
        }
    }
    out
}

/// The identifying cells are checked with a key taken from the collected sample, which
/// the manifest does not hold: the tally needs the sample as it was.
#[test]
fn the_tally_needs_the_collected_sample_as_it_was() {
    let wd = example();
    select(&wd, "c.csv");
    fill(&wd, "c.csv", "filled.csv", &[], |_| "真实".into());
    let tally = |wd: &Workdir| {
        wd.run(&[
            "audit",
            "tally",
            "--checklist",
            "filled.csv",
            "--manifest",
            "c.csv.manifest.json",
            "--out",
            "t.csv",
        ])
    };
    let sample = wd.read("sample.csv");
    let text = String::from_utf8(sample.clone()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(5);
    wd.write("sample.csv", lines.join("\n"));
    tally(&wd).expect_bad_input(&[
        "sample.csv",
        "holds other records than when the audit selection was made",
    ]);
    tally_of(&wd, "filled.csv", &["--lang", "zh"]).expect_bad_input(&[
        "sample.csv：",
        "其中的记录与抽取核查时（记录于 c.csv.manifest.json）不同",
    ]);
    std::fs::remove_file(wd.path("sample.csv")).unwrap();
    tally(&wd).expect_bad_input(&["names the collected sample 'sample.csv', which is missing"]);
    tally_of(&wd, "filled.csv", &["--lang", "zh"]).expect_bad_input(&[
        "文件 c.csv.manifest.json",
        "记录的已采集样本「sample.csv」找不到了",
    ]);
    assert!(!wd.exists("t.csv"));
    wd.write("sample.csv", &sample);
    tally(&wd).expect_code(0);
    // The manifest holds no plain digest of any cell, and no id digest.
    let m = String::from_utf8(wd.read("c.csv.manifest.json")).unwrap();
    assert!(m.contains("\"cells_keyed\""));
    assert!(!m.contains("id_sha256") && !m.contains("\"cells\""));
}

/// What the library writes to `name` in the work folder, with default options.
fn lib_out(wd: &Workdir, name: &str) -> pingyi::commands::OutputOptions {
    pingyi::commands::OutputOptions {
        path: wd.path(name),
        force: false,
        write: Default::default(),
    }
}

/// The binary's stdout with its `wrote OUT` line naming where the library wrote.
fn as_written_to(stdout: &str, bin_out: &str, lib_path: &std::path::Path) -> String {
    let line = format!("wrote {bin_out}\n");
    assert!(stdout.ends_with(&line), "{stdout}");
    stdout.replace(&line, &format!("wrote {}\n", lib_path.display()))
}

/// `pingyi audit select --sample sample.csv --seed SEED` as options.
fn select_options(wd: &Workdir, seed: &str) -> pingyi::commands::audit::SelectOptions {
    pingyi::commands::audit::SelectOptions {
        sample: wd.path("sample.csv"),
        seed: seed.into(),
        rate: "0.30".parse().unwrap(),
        id_column: None,
        sheet: None,
    }
}

/// `pingyi audit tally` of filled.csv against the selection c.csv, as options.
fn tally_options(wd: &Workdir) -> pingyi::commands::audit::TallyOptions {
    pingyi::commands::audit::TallyOptions {
        checklists: vec![wd.path("filled.csv")],
        manifest: Some(wd.path("c.csv.manifest.json")),
        sheet: None,
        partial: false,
        rules: Default::default(),
    }
}

#[test]
fn the_audit_commands_say_what_the_binary_prints_and_write_the_same_bytes() {
    use pingyi::commands::{audit_select, audit_tally};
    let wd = example();
    let printed = select(&wd, "c.csv").stdout();
    let opts = select_options(&wd, AUDIT_SEED);
    let outcome = audit_select::run(&opts, &lib_out(&wd, "lib_c.csv")).unwrap();
    assert_eq!(
        outcome.summary,
        as_written_to(&printed, "c.csv", &wd.path("lib_c.csv"))
    );
    assert!(outcome.warnings.is_empty() && outcome.failure.is_none());
    assert_eq!(wd.read("lib_c.csv"), wd.read("c.csv"));
    // The tally of the same filled checklist, by the binary and by the library.
    let (_, rows) = read_csv(&wd, "c.csv");
    let false_one = rows[1][0].clone();
    fill(&wd, "c.csv", "filled.csv", &[&false_one], |f| {
        if f { "虚假" } else { "真实" }.to_string()
    });
    let printed = util::tally_filled(&wd).stdout();
    let opts = tally_options(&wd);
    let outcome = audit_tally::run(&opts, &lib_out(&wd, "lib_t.csv")).unwrap();
    assert_eq!(
        outcome.summary,
        as_written_to(&printed, "t.csv", &wd.path("lib_t.csv"))
    );
    assert!(outcome.summary.contains("0.5"), "{}", outcome.summary);
    assert!(outcome.warnings.is_empty() && outcome.failure.is_none());
    assert_eq!(wd.read("lib_t.csv"), wd.read("t.csv"));
}

#[test]
fn a_refused_audit_command_writes_nothing() {
    use pingyi::commands::{audit_select, audit_tally};
    let wd = example();
    // The draw's own seed is refused for the audit.
    let opts = select_options(&wd, DRAW_SEED);
    let err = audit_select::run(&opts, &lib_out(&wd, "c.csv")).unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    assert!(format!("{err:#}").contains("its own seed"), "{err:#}");
    assert!(!wd.exists("c.csv") && !wd.exists("c.csv.manifest.json"));
    // A checklist with an unreadable result.
    select(&wd, "c.csv");
    fill(&wd, "c.csv", "filled.csv", &[], |_| "也许".to_string());
    let opts = tally_options(&wd);
    let err = audit_tally::run(&opts, &lib_out(&wd, "t.csv")).unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    assert!(format!("{err:#}").contains("cannot read"), "{err:#}");
    assert!(!wd.exists("t.csv") && !wd.exists("t.csv.manifest.json"));
}

/// Writes a call log of (id, disposition) rows.
fn call_log(wd: &Workdir, rows: &[(&str, &str)]) {
    let head = ["编号".to_string(), "通话结果".to_string()];
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(id, d)| vec![id.to_string(), d.to_string()])
        .collect();
    write_csv(wd, "calls.csv", &head, &rows);
}

#[test]
fn the_call_log_check_says_what_the_binary_prints() {
    use pingyi::commands::calls;
    let wd = example();
    let (h, rows) = read_csv(&wd, "sample.csv");
    let role = h.iter().position(|x| x == "role").unwrap();
    // One stratum (unit and category: the sample's second and third columns).
    let of = |r: &str| -> Vec<&str> {
        rows.iter()
            .filter(|x| x[role] == r && x[1..3] == rows[0][1..3])
            .map(|x| x[0].as_str())
            .collect()
    };
    let (mains, reserves) = (of("main"), of("reserve"));
    let same_as_binary = |expect_code: i32| {
        let run = wd.run(&["verify", "--calls", "calls.csv", "--sample", "sample.csv"]);
        run.expect_code(expect_code);
        let outcome = calls::run(&wd.path("calls.csv"), &wd.path("sample.csv"), None).unwrap();
        let abs = wd.path("calls.csv").display().to_string();
        assert_eq!(outcome.summary, run.stdout().replace("calls.csv", &abs));
        outcome
    };
    // A main respondent not a recipient, replaced by the first reserve.
    call_log(&wd, &[(mains[0], "非服务对象"), (reserves[0], "接通")]);
    let ok = same_as_binary(0);
    assert!(
        ok.failure.is_none() && ok.summary.starts_with("OK "),
        "{}",
        ok.summary
    );
    assert!(
        ok.summary.contains("1 respondents were not recipients"),
        "{}",
        ok.summary
    );
    // A reserve called while nobody was lost; someone outside the sample called.
    call_log(&wd, &[(reserves[0], "接通"), ("QS9999999", "接通")]);
    let bad = same_as_binary(3);
    assert!(bad.summary.starts_with("DIFFERS "), "{}", bad.summary);
    assert!(
        bad.summary.contains("is not in the sample"),
        "{}",
        bad.summary
    );
    let failure = bad.failure.expect("a breach is a failed check");
    assert_eq!(failure.exit_code(), 3);
    assert!(failure.to_string().contains("2 breaches"), "{failure}");
}

/// `pingyi audit tally` of `checklist` against c.csv's selection, with `extra` flags.
fn tally_of(wd: &Workdir, checklist: &str, extra: &[&str]) -> util::Run {
    let mut args = vec![
        "audit",
        "tally",
        "--checklist",
        checklist,
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ];
    args.extend(extra);
    wd.run(&args)
}

#[test]
fn results_that_read_either_way_are_refused_naming_every_cell_in_both_languages() {
    let wd = example();
    select(&wd, "c.csv");
    fill(&wd, "c.csv", "yesno.csv", &["0002", "0005"], |f| {
        if f { "是".into() } else { "真实".into() }
    });
    let mut rows = read_csv(&wd, "yesno.csv");
    rows.1[6][8] = "√".into();
    write_csv(&wd, "yesno.csv", &rows.0, &rows.1);
    tally_of(&wd, "yesno.csv", &[]).expect_bad_input(&[
        "yesno.csv",
        "column result (I)",
        "3 results",
        "0002 (cell I3): '是' can be read either way",
        "0005 (cell I6): '是'",
        "0007 (cell I8): '√'",
    ]);
    tally_of(&wd, "yesno.csv", &["--lang", "zh"]).expect_bad_input(&[
        "文件 yesno.csv",
        "（I 列）",
        "有 3 个核查结果无法识别",
        "0002（I3 单元格）：'是' 既可理解为真实也可理解为虚假",
        "0005（I6 单元格）",
        "0007（I8 单元格）：'√'",
        "下拉列表",
    ]);
    assert!(!wd.exists("t.csv"), "no partial output");
}

#[test]
fn unambiguous_synonyms_are_read() {
    let wd = example();
    select(&wd, "c.csv");
    fill(&wd, "c.csv", "a.csv", &["0001", "0003"], |f| {
        if f {
            "非服务对象".into()
        } else {
            "属实".into()
        }
    });
    fill(&wd, "c.csv", "b.csv", &["0001", "0003"], |f| {
        if f { "虚假".into() } else { "真实".into() }
    });
    tally_of(&wd, "a.csv", &[]).expect_code(0);
    let a = wd.read("t.csv");
    wd.ok(&[
        "audit",
        "tally",
        "--checklist",
        "b.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t2.csv",
    ]);
    assert_eq!(a, wd.read("t2.csv"));
}

#[test]
fn blank_and_unreadable_results_are_refused_in_chinese_too() {
    let wd = example();
    select(&wd, "c.csv");
    fill(&wd, "c.csv", "odd.csv", &["0002"], |f| {
        if f { "也许".into() } else { "真实".into() }
    });
    tally_of(&wd, "odd.csv", &["--lang", "zh"]).expect_bad_input(&[
        "文件 odd.csv",
        "（I 列）",
        "0002（I3 单元格）：'也许' 不是核查结果",
    ]);
    fill(&wd, "c.csv", "blank.csv", &["0004"], |f| {
        if f { String::new() } else { "真实".into() }
    });
    tally_of(&wd, "blank.csv", &["--lang", "zh"]).expect_bad_input(&[
        "文件 blank.csv",
        "有 1 条记录没有填写核查结果：0004（I5 单元格）",
        "--partial",
    ]);
}

#[test]
fn a_clean_check_of_the_example_flags_no_unit_a_false_finding_does() {
    let wd = example();
    select(&wd, "c.csv");
    let (_, rows) = read_csv(&wd, "c.csv");
    let unit = rows[0][2].clone();
    fill(&wd, "c.csv", "filled.csv", &[], |_| "真实".into());
    util::tally_filled(&wd);
    let (_, t) = read_csv(&wd, "t.csv");
    // Township lists of ~90 records, checked at 30%, no false recipient: no flag, though
    // every unit's interval reaches up to about 10%.
    assert_eq!(t.len(), 15);
    assert!(t.iter().all(|r| r[4] == "0" && r[11].is_empty()), "{t:?}");
    assert!(t.iter().any(|r| r[10].parse::<f64>().unwrap() >= 0.10));
    let first = rows[0][0].clone();
    fill(&wd, "c.csv", "filled.csv", &[&first], |f| {
        if f { "虚假".into() } else { "真实".into() }
    });
    wd.ok(&[
        "audit",
        "tally",
        "--checklist",
        "filled.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
        "--force",
    ]);
    let (_, t) = read_csv(&wd, "t.csv");
    for r in &t {
        let flagged = r[0] == unit;
        assert_eq!(r[11] == "recheck", flagged, "{r:?}");
    }
}

#[test]
fn a_roster_remark_column_is_not_the_checklists_notes() {
    let wd = example();
    let (mut h, mut rows) = read_csv(&wd, "sample.csv");
    h.push("备注".into());
    for (i, r) in rows.iter_mut().enumerate() {
        r.push(format!("户籍备注{}", i % 3));
    }
    write_csv(&wd, "s.csv", &h, &rows);
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "s.csv",
        "--seed",
        AUDIT_SEED,
        "--headers",
        "zh",
        "--out",
        "c.csv",
    ]);
    let (h, mut rows) = read_csv(&wd, "c.csv");
    let notes: Vec<usize> = (0..h.len()).filter(|&i| h[i] == "备注").collect();
    assert_eq!(notes.len(), 2, "{h:?}");
    let result = h.iter().position(|x| x == "核查结果").unwrap();
    assert!(notes[0] < result && notes[1] > result, "{h:?}");
    for r in rows.iter_mut() {
        r[result] = "真实".into();
        r[notes[1]] = "已电话核实".into();
    }
    write_csv(&wd, "filled.csv", &h, &rows);
    tally_of(&wd, "filled.csv", &[]).expect_code(0);
    // The roster's 备注 is an identifying column: changing it is caught.
    rows[0][notes[0]] = "改过".into();
    write_csv(&wd, "changed.csv", &h, &rows);
    let no = rows[0][0].clone();
    tally_of(&wd, "changed.csv", &["--force"])
        .expect_bad_input(&[&format!("audit number {no} (row 2): 备注 changed")]);
    tally_of(&wd, "changed.csv", &["--force", "--lang", "zh"])
        .expect_bad_input(&[&format!("核查编号 {no}（第 2 行）：备注 被改动")]);
}

#[test]
fn tampering_is_named_in_chinese_too() {
    let wd = example();
    select(&wd, "c.csv");
    let (h, mut rows) = read_csv(&wd, "c.csv");
    let result = h.iter().position(|x| x == "result").unwrap();
    for r in rows.iter_mut() {
        r[result] = "真实".into();
    }
    let phone = h.iter().position(|x| x == "联系电话").unwrap();
    rows[9][phone] = "10000000000".into();
    let mut extra = rows[5].clone();
    extra[0] = "9999".into();
    rows.push(extra);
    rows.remove(7);
    write_csv(&wd, "filled.csv", &h, &rows);
    tally_of(&wd, "filled.csv", &["--lang", "zh"]).expect_bad_input(&[
        "文件 filled.csv",
        "与记录的抽取结果（c.csv.manifest.json）不一致",
        "核查编号 0010（第 10 行）：联系电话 被改动",
        "第 421 行：核查编号 '9999' 不在抽取结果中",
        "缺少 1 条抽中的记录：0008",
        "只填写「核查结果」「核查人」「核查日期」和「备注」四列",
    ]);
    assert!(!wd.exists("t.csv"));
}

#[test]
fn the_call_log_check_speaks_chinese() {
    let wd = example();
    let (h, rows) = read_csv(&wd, "sample.csv");
    let role = h.iter().position(|x| x == "role").unwrap();
    let main = rows.iter().find(|x| x[role] == "main").unwrap()[0].clone();
    call_log(&wd, &[(main.as_str(), "也许"), ("QS9999999", "接通")]);
    let args = ["verify", "--calls", "calls.csv", "--sample", "sample.csv"];
    wd.run(&[&args[..], &["--lang", "zh"]].concat())
        .expect_bad_input(&["文件 calls.csv", "第 2 行", "填的是 '也许'", "接通、拒访"]);
    wd.run(&args)
        .expect_bad_input(&["calls.csv", "row 2", "holds '也许'"]);
    call_log(&wd, &[(main.as_str(), "接通"), ("QS9999999", "接通")]);
    let run = wd.run(&[&args[..], &["--lang", "zh"]].concat());
    run.expect_code(3);
    assert!(run.stdout().starts_with("不符 "), "{}", run.stdout());
    assert!(
        run.stdout()
            .contains("第 3 行：QS9999999 被拨打了，但不在样本中"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_returned_checklist_finds_its_selection_by_its_audit_id() {
    let wd = example();
    select(&wd, "c.csv");
    fill(&wd, "c.csv", "returned.csv", &["0003"], |f| {
        if f { "虚假".into() } else { "真实".into() }
    });
    assert!(!wd.exists("returned.csv.manifest.json"));
    let tally = |checklist: &str, out: &str| {
        let args = ["audit", "tally", "--checklist", checklist, "--out", out];
        args.map(String::from)
    };
    let run = |args: &[String]| wd.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run(&tally("returned.csv", "a.csv")).expect_code(0);
    tally_of(&wd, "returned.csv", &[]).expect_code(0);
    assert!(wd.read("a.csv") == wd.read("t.csv"), "the same tally");
    let manifest = String::from_utf8(wd.read("a.csv.manifest.json")).unwrap();
    assert!(manifest.contains("\"path\": \"c.csv.manifest.json\""));
    // Returned into a folder of their own: the selection is in the folder above.
    std::fs::create_dir_all(wd.path("returned/far")).unwrap();
    std::fs::copy(wd.path("returned.csv"), wd.path("returned/r.csv")).unwrap();
    run(&tally("returned/r.csv", "b.csv")).expect_code(0);
    assert!(wd.read("b.csv") == wd.read("t.csv"), "the same tally");
    // Nothing to find: the message names the cell and --manifest.
    std::fs::copy(wd.path("returned.csv"), wd.path("returned/far/r.csv")).unwrap();
    let args = tally("returned/far/r.csv", "x.csv");
    run(&args).expect_bad_input(&[
        "r.csv",
        "row 2",
        "(M)",
        "names no audit selection",
        "--manifest",
    ]);
    let zh = [&args[..], &["--lang".into(), "zh".into()]].concat();
    run(&zh).expect_bad_input(&["r.csv", "第 2 行", "M 列", "找不到核查批次", "--manifest"]);
    assert!(!wd.exists("x.csv"));
    // Another selection beside it: the audit id says which, no guess.
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "另一个种子",
        "--out",
        "d.csv",
    ]);
    run(&tally("returned.csv", "e.csv")).expect_code(0);
    assert!(wd.read("e.csv") == wd.read("t.csv"), "the same tally");
}

/// A returned checklist as earlier versions wrote it: without the 核查批次 column.
fn without_audit_id(wd: &Workdir, from: &str, to: &str) {
    let (mut h, mut rows) = read_csv(wd, from);
    let id = h.iter().position(|x| x == "audit_id").unwrap();
    h.remove(id);
    for r in rows.iter_mut() {
        r.remove(id);
    }
    write_csv(wd, to, &h, &rows);
}

#[test]
fn a_checklist_of_an_earlier_version_finds_its_selection_in_its_folder() {
    let wd = example();
    select(&wd, "c.csv");
    fill(&wd, "c.csv", "filled.csv", &["0003"], |f| {
        if f { "虚假".into() } else { "真实".into() }
    });
    without_audit_id(&wd, "filled.csv", "returned.csv");
    let args = [
        "audit",
        "tally",
        "--checklist",
        "returned.csv",
        "--out",
        "a.csv",
    ];
    wd.ok(&args);
    tally_of(&wd, "filled.csv", &[]).expect_code(0);
    assert!(wd.read("a.csv") == wd.read("t.csv"), "the same tally");
    // Nothing to find: the message names --manifest.
    std::fs::create_dir(wd.path("elsewhere")).unwrap();
    std::fs::copy(wd.path("returned.csv"), wd.path("elsewhere/r.csv")).unwrap();
    let args = [
        "audit",
        "tally",
        "--checklist",
        "elsewhere/r.csv",
        "--out",
        "b.csv",
    ];
    wd.run(&args)
        .expect_bad_input(&["r.csv", "no selection manifest beside it", "--manifest"]);
    wd.run(&[&args[..], &["--lang", "zh"]].concat())
        .expect_bad_input(&["r.csv", "旁边没有同名的抽取清单文件", "--manifest"]);
    assert!(!wd.exists("b.csv"));
    // Two selections it could belong to: never a guess.
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "另一个种子",
        "--out",
        "d.csv",
    ]);
    wd.run(&[
        "audit",
        "tally",
        "--checklist",
        "returned.csv",
        "--out",
        "b.csv",
        "--force",
    ])
    .expect_bad_input(&["c.csv.manifest.json", "d.csv.manifest.json", "--manifest"]);
}

#[test]
fn a_role_misspelt_or_a_role_column_deleted_is_refused_not_dropped() {
    let wd = example();
    let (h, rows) = read_csv(&wd, "sample.csv");
    let role = h.iter().position(|x| x == "role").unwrap();
    let first_main = rows.iter().position(|r| r[role] == "main").unwrap();
    // A main respondent whose role reads 正式 (short for 正式样本) is still main.
    let mut short = rows.clone();
    for r in short.iter_mut() {
        r[role] = if r[role] == "main" {
            "正式"
        } else {
            "备用"
        }
        .into();
    }
    write_csv(&wd, "short.csv", &h, &short);
    let args = |sample: &'static str, out: &'static str| {
        [
            "audit", "select", "--sample", sample, "--seed", AUDIT_SEED, "--out", out,
        ]
    };
    wd.ok(&args("short.csv", "short-c.csv"));
    select(&wd, "c.csv");
    assert_eq!(wd.read("short-c.csv").len(), wd.read("c.csv").len());
    // A role the audit cannot read stops it, naming the cell.
    for bad in ["正式样本（已访）", "", "备用样品"] {
        let mut edited = rows.clone();
        edited[first_main][role] = bad.into();
        write_csv(&wd, "edited.csv", &h, &edited);
        let row = format!("row {}", first_main + 2);
        wd.run(&args("edited.csv", "e.csv")).expect_bad_input(&[
            "edited.csv",
            &row,
            "column role",
            "neither a main",
        ]);
    }
    // The draw's columns kept, its role column deleted: refused, not read as a list
    // of the collected (which would count every reserve).
    let keep: Vec<usize> = (0..h.len()).filter(|&i| i != role).collect();
    let pick = |r: &Vec<String>| keep.iter().map(|&i| r[i].clone()).collect::<Vec<_>>();
    let rows_without: Vec<Vec<String>> = rows.iter().map(pick).collect();
    write_csv(&wd, "norole.csv", &pick(&h), &rows_without);
    wd.run(&args("norole.csv", "n.csv"))
        .expect_bad_input(&["norole.csv", "stratum_rank", "role"]);
    let out = wd
        .command(&args("norole.csv", "n.csv"))
        .env("PINGYI_LANG", "zh")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("样本类型"));
}

#[test]
fn an_id_column_added_to_the_sample_does_not_replace_the_one_the_draw_used() {
    let wd = util::Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,40,20,0\n",
    );
    let mut roster = String::from("姓名,身份证号,乡镇,类别\n");
    for i in 0..40 {
        roster.push_str(&format!("人{i},11010119900101{:04},甲,农村低保\n", i + 1));
    }
    wd.write("roster.csv", roster);
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "7",
        "--out",
        "sample.csv",
    ]);
    let chosen = |checklist: &str| {
        let (h, rows) = read_csv(&wd, checklist);
        let c = h.iter().position(|x| x == "身份证号").unwrap();
        let mut ids: Vec<String> = rows.into_iter().map(|r| r[c].clone()).collect();
        ids.sort();
        ids
    };
    let select = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "audit",
            "select",
            "--sample",
            "sample.csv",
            "--seed",
            "audit",
            "--out",
            out,
        ];
        args.extend(extra);
        wd.ok(&args);
    };
    select("before.csv", &[]);
    // An office numbers the rows in a 编号 column of its own in front.
    let (h, rows) = read_csv(&wd, "sample.csv");
    let h2: Vec<String> = std::iter::once("编号".to_string()).chain(h).collect();
    let rows2: Vec<Vec<String>> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| std::iter::once((i + 1).to_string()).chain(r).collect())
        .collect();
    write_csv(&wd, "sample.csv", &h2, &rows2);
    select("after.csv", &[]);
    assert_eq!(chosen("after.csv"), chosen("before.csv"));
    // Told to, it does use the office's numbers (another selection).
    select("told.csv", &["--id-column", "编号"]);
    assert_ne!(chosen("told.csv"), chosen("before.csv"));
}
