//! Names stay inside the office, through the real binary: no roster name appears in any
//! shared output of `pingyi run` (every file but the internal sample list and
//! checklist, workbooks unzipped, and stdout and stderr), in English and in Chinese,
//! while the internal files hold them; a name typed into a unit or an id cell is
//! masked (`张*`) in the message that names the cell; a selection's identity
//! (核查批次) is never masked, whatever its digits.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use util::Workdir;

/// The files of a run kept inside the office (names and numbers in clear).
const INTERNAL: [&str; 4] = [
    "county/sample.csv",
    "county/sample.xlsx",
    "county/audit_checklist.csv",
    "county/audit_checklist.xlsx",
];

/// A file's text: a workbook's XML parts, anything else as (lossy) UTF-8.
fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if !bytes.starts_with(b"PK\x03\x04") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        part.read_to_string(&mut out).unwrap();
        out.push('\n');
    }
    out
}

/// Every file under `dir` by its path relative to `dir`, with its text.
fn files_under(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy();
                out.insert(rel.replace('\\', "/"), text_of(&p));
            }
        }
    }
    out
}

/// The names of the roster (its 姓名 column).
fn roster_names(wd: &Workdir) -> BTreeSet<String> {
    let (header, rows) = util::read_csv(wd, "data/county_roster.csv");
    let col = header.iter().position(|h| h == "姓名").unwrap();
    let names: BTreeSet<String> = rows.iter().map(|r| r[col].clone()).collect();
    assert!(names.len() > 1000, "the example roster's names");
    names
}

/// The roster names found in `text`.
fn names_in<'a>(text: &str, names: &'a BTreeSet<String>) -> Vec<&'a str> {
    names
        .iter()
        .filter(|n| text.contains(n.as_str()))
        .map(String::as_str)
        .collect()
}

fn scan_run(lang: &str) {
    let wd = util::with_example_data();
    let run = wd.ok(&["run", "--lang", lang]);
    let files = files_under(&wd.path("out"));
    // A name that is also part of a unit's name (白水, 白水县民政局) is public.
    let units = format!("{}{}", files["city/frame.csv"], files["county/frame.csv"]);
    let mut names = roster_names(&wd);
    names.retain(|n| !units.contains(n.as_str()));
    assert!(files.contains_key("report.html") && files.len() > 20);
    let mut leaks = Vec::new();
    for (name, text) in &files {
        if !INTERNAL.contains(&name.as_str()) {
            leaks.extend(
                names_in(text, &names)
                    .iter()
                    .map(|n| format!("{name}: {n}")),
            );
        }
    }
    for (name, text) in [("stdout", run.stdout()), ("stderr", run.stderr())] {
        leaks.extend(
            names_in(&text, &names)
                .iter()
                .map(|n| format!("{name}: {n}")),
        );
    }
    assert!(leaks.is_empty(), "--lang {lang}: {leaks:#?}");
    for name in INTERNAL {
        let found = names_in(&files[name], &names).len();
        assert!(
            found > 100,
            "{name} holds the names the work needs ({found})"
        );
    }
}

#[test]
fn no_name_in_any_shared_output_of_a_run_in_english() {
    scan_run("en");
}

#[test]
fn no_name_in_any_shared_output_of_a_run_in_chinese() {
    scan_run("zh");
}

#[test]
fn the_name_scan_finds_a_name() {
    let names: BTreeSet<String> = ["丁成红".to_string()].into();
    assert_eq!(names_in("<td>丁成红</td>", &names), ["丁成红"]);
    assert!(names_in("<td>丁*</td>", &names).is_empty());
}

const UNITS: &str = "乡镇,农村低保,城市低保\n城关镇,10,5\n南岗乡,8,4\n青石镇,7,3\n合计,25,12\n";

#[test]
fn a_name_typed_into_the_unit_column_is_masked_in_both_languages() {
    let wd = Workdir::new();
    wd.write("counts.csv", UNITS);
    let answers = "乡镇,总体满意度,不良行为\n城关镇,满意,不存在\n王小明,满意,不存在\n";
    wd.write("answers.csv", answers);
    let args = |lang: &'static str| {
        [
            "score",
            "--responses",
            "answers.csv",
            "--scheme",
            "township",
            "--units",
            "counts.csv",
            "--out",
            "s.csv",
            "--lang",
            lang,
        ]
    };
    let run = wd.run(&args("en"));
    run.expect_bad_input(&["answers.csv", "row 3", "column 乡镇 (A)", "'王**'"]);
    assert!(!run.stderr().contains("王小明"), "{}", run.stderr());
    let run = wd.run(&args("zh"));
    run.expect_bad_input(&["answers.csv", "第 3 行", "乡镇", "'王**'"]);
    assert!(!run.stderr().contains("王小明"), "{}", run.stderr());
    // A mistyped unit is still shown as typed, so the clerk can find it.
    wd.write(
        "answers.csv",
        "乡镇,总体满意度,不良行为\n城关真,满意,不存在\n",
    );
    wd.run(&args("en")).expect_bad_input(&["'城关真'"]);
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_name_in_the_call_log_id_column_is_masked_in_both_languages() {
    let wd = util::example_county();
    util::draw_example(&wd, "20260615", "sample.csv");
    wd.write("calls.csv", "编号,通话结果\n张三丰,接通\n");
    for (lang, says) in [("en", "row 2"), ("zh", "第 2 行")] {
        let args = [
            "verify",
            "--calls",
            "calls.csv",
            "--sample",
            "sample.csv",
            "--lang",
            lang,
        ];
        let run = wd.run(&args);
        run.expect_code(3);
        let out = run.stdout() + &run.stderr();
        assert!(out.contains("张**") && out.contains(says), "{lang}: {out}");
        assert!(!out.contains("张三丰"), "{lang}: {out}");
    }
}

#[test]
fn a_selection_identity_is_never_masked() {
    let wd = util::example_county();
    util::draw_example(&wd, "20260615", "sample.csv");
    let args = [
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "20260701",
        "--out",
        "c.csv",
    ];
    wd.ok(&args);
    let (h, mut rows) = util::read_csv(&wd, "c.csv");
    let col = h.iter().position(|x| x == "audit_id").unwrap();
    let real = rows[0][col].clone();
    // A checklist whose second row carries another selection's identity, all digits.
    rows[1][col] = "HC-012345678901".into();
    util::write_csv(&wd, "c.csv", &h, &rows);
    for lang in ["en", "zh"] {
        let args = [
            "audit",
            "tally",
            "--checklist",
            "c.csv",
            "--manifest",
            "c.csv.manifest.json",
            "--out",
            "t.csv",
            "--lang",
            lang,
        ];
        let run = wd.run(&args);
        run.expect_code(2);
        let err = run.stderr();
        assert!(
            err.contains("HC-012345678901") && err.contains(&real),
            "{lang}: {err}"
        );
    }
}
