//! Personal data stays inside the office, through the real binary: every file `pingyi
//! run` writes (recursively; workbooks unzipped to their XML parts), and its stdout and
//! stderr, in English and in Chinese, are scanned for ID numbers and mobile numbers —
//! the roster's own, in clear or as a bare SHA-256, and anything shaped like one — and
//! for the roster's names. Only
//! the files listed in `INTERNAL` may hold them (and must); a new output is shared, and
//! scanned, unless it is added there. Also: the masking policy from pingyi.toml and
//! from flags (nonsense refused in both languages), and the data-quality findings
//! counted per unit.

mod util;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};
use util::{Run, Workdir};

/// The files of a run kept inside the office: the interviewers' sample list and the
/// verifiers' checklist, with names and numbers in clear. Every other file is shared.
const INTERNAL: [&str; 4] = [
    "county/sample.csv",
    "county/sample.xlsx",
    "county/audit_checklist.csv",
    "county/audit_checklist.xlsx",
];

/// The internal workbooks that carry the marking in a title row and the printed
/// header and footer.
const MARKED: [&str; 2] = ["county/sample.xlsx", "county/audit_checklist.xlsx"];

const MARK: &str = "内部资料，不得外传";

/// The text of a file as scanned: a workbook's XML parts (cells, shared strings, the
/// printed header and footer), anything else as (lossy) UTF-8.
fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if !bytes.starts_with(b"PK\x03\x04") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut s = String::new();
        part.read_to_string(&mut s)
            .unwrap_or_else(|e| panic!("{}: part {i}: {e}", path.display()));
        out.push_str(&s);
        out.push('\n');
    }
    out
}

/// Every file under `dir`, by its path relative to `dir` (with `/`).
fn files_under(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, text_of(&p));
            }
        }
    }
    out
}

/// The maximal runs of digits (an ID number's last character may be X) that stand
/// alone: not touching a letter or digit, nor after a decimal point (a fraction's
/// digits, as in 0.0989010989010989).
fn tokens(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i < b.len() && (b[i] == b'X' || b[i] == b'x') {
            i += 1;
        }
        let before = start.checked_sub(1).map(|k| b[k]);
        let after = b.get(i).copied();
        let alone = !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'.')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric());
        if alone {
            out.push(&text[start..i]);
        }
    }
    out
}

/// An 18-character ID number or an 11-digit mobile number, by its shape.
fn looks_personal(token: &str) -> bool {
    let b = token.as_bytes();
    let id = b.len() == 18 && b[..17].iter().all(u8::is_ascii_digit);
    let mobile = b.len() == 11 && b[0] == b'1' && b.iter().all(u8::is_ascii_digit);
    id || mobile
}

fn sha(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The roster's ID numbers and phones, and the bare SHA-256 of each (alone, and as a
/// labelled cell the way earlier manifests digested cells).
struct Identifiers {
    clear: HashSet<String>,
    digests: HashSet<String>,
}

fn roster_identifiers(roster: &Path) -> Identifiers {
    let text = std::fs::read_to_string(roster).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (id, phone) = (col("身份证号"), col("联系电话"));
    let (mut clear, mut digests) = (HashSet::new(), HashSet::new());
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        for (label, v) in [("身份证号", cells[id]), ("联系电话", cells[phone])] {
            digests.insert(sha(v));
            digests.insert(sha(&format!("{label}\u{1f}{v}")));
            clear.insert(v.to_string());
        }
    }
    assert!(clear.len() > 30_000, "the example roster's identifiers");
    Identifiers { clear, digests }
}

/// What in `text` is personal: a roster identifier or its digest, or a token shaped
/// like an ID number or a mobile.
fn personal_in(text: &str, ids: &Identifiers) -> Vec<String> {
    let mut found: Vec<String> = tokens(text)
        .into_iter()
        .filter(|t| looks_personal(t) || ids.clear.contains(*t))
        .map(str::to_string)
        .collect();
    found.extend(
        hex_tokens(text)
            .filter(|h| ids.digests.contains(*h))
            .map(|h| format!("sha256 {h}")),
    );
    found
}

/// Every 64-character lowercase hex token.
fn hex_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_hexdigit())
        .filter(|t| t.len() == 64)
}

/// `pingyi run` on the bundled example with messages in `lang`.
fn run_example(lang: &str) -> (Workdir, Run) {
    let wd = util::with_example_data();
    let run = wd.ok(&["run", "--lang", lang]);
    (wd, run)
}

/// The roster's names (its 姓名 column) but those that are also part of a unit's name
/// in `public` (白水, 白水县民政局).
fn roster_names(roster: &Path, public: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(roster).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "姓名").unwrap();
    let names: BTreeSet<String> = lines
        .map(|l| l.split(',').nth(col).unwrap().to_string())
        .filter(|n| !public.contains(n.as_str()))
        .collect();
    assert!(names.len() > 1000, "the example roster's names");
    names
}

/// The roster names found in `text`.
fn names_in<'a>(text: &str, names: &'a BTreeSet<String>) -> Vec<&'a str> {
    let found = names.iter().filter(|n| text.contains(n.as_str()));
    found.map(String::as_str).collect()
}

fn scan_run(lang: &str) {
    let (wd, run) = run_example(lang);
    let ids = roster_identifiers(&wd.path("data/county_roster.csv"));
    let files = files_under(&wd.path("out"));
    let units = format!("{}{}", files["city/frame.csv"], files["county/frame.csv"]);
    let names = roster_names(&wd.path("data/county_roster.csv"), &units);
    for name in INTERNAL {
        assert!(files.contains_key(name), "{name} is no longer written");
    }
    assert!(files.contains_key("report.html") && files.len() > 20);
    let mut leaks = Vec::new();
    for (name, text) in &files {
        if INTERNAL.contains(&name.as_str()) {
            continue;
        }
        for found in personal_in(text, &ids) {
            leaks.push(format!("{name}: {found}"));
        }
        leaks.extend(
            names_in(text, &names)
                .iter()
                .map(|n| format!("{name}: {n}")),
        );
    }
    for (name, text) in [("stdout", run.stdout()), ("stderr", run.stderr())] {
        for found in personal_in(&text, &ids) {
            leaks.push(format!("{name}: {found}"));
        }
        leaks.extend(
            names_in(&text, &names)
                .iter()
                .map(|n| format!("{name}: {n}")),
        );
    }
    assert!(leaks.is_empty(), "--lang {lang}: {leaks:#?}");
    for name in INTERNAL {
        let text = &files[name];
        let clear = tokens(text).into_iter().filter(|t| ids.clear.contains(*t));
        assert!(
            clear.count() > 100,
            "{name} holds the identifiers the work needs"
        );
        let found = names_in(text, &names).len();
        assert!(
            found > 100,
            "{name} holds the names the work needs ({found})"
        );
    }
    for name in MARKED {
        assert_marked(name, &files[name]);
    }
}

/// An internal workbook says so above its header and on every printed page.
fn assert_marked(name: &str, xml: &str) {
    let shared = xml.find("<sst").map(|i| &xml[i..]).unwrap_or_default();
    let first = shared
        .find("<t>")
        .map(|i| &shared[i + 3..])
        .unwrap_or_default();
    let title = &first[..first.find("</t>").unwrap_or(0)];
    assert!(title.contains(MARK), "{name}: title row: {first:.80}");
    for part in ["<oddHeader>", "<oddFooter>"] {
        let at = xml.find(part).map(|i| &xml[i..]).unwrap_or_default();
        let end = at.find("</").unwrap_or(0);
        assert!(at[..end].contains(MARK), "{name}: {part} {:.80}", at);
    }
}

#[test]
fn no_identifier_in_any_shared_output_of_a_run_in_english() {
    scan_run("en");
}

#[test]
fn no_identifier_in_any_shared_output_of_a_run_in_chinese() {
    scan_run("zh");
}

#[test]
fn the_scan_finds_what_it_looks_for() {
    let ids = Identifiers {
        clear: ["99363019471012373X".to_string()].into(),
        digests: [sha("10708203201")].into(),
    };
    let found = |s: &str| personal_in(s, &ids);
    assert_eq!(found("id 11010519491231002X,"), ["11010519491231002X"]);
    assert_eq!(found("<t>13812345678</t>"), ["13812345678"]);
    assert_eq!(found("\"99363019471012373X\""), ["99363019471012373X"]);
    assert_eq!(found(&format!("\"{}\"", sha("10708203201"))).len(), 1);
    let names: BTreeSet<String> = ["丁成红".to_string()].into();
    assert_eq!(names_in("<td>丁成红</td>", &names), ["丁成红"]);
    assert!(names_in("<td>丁*</td>", &names).is_empty());
    for harmless in [
        "110105****1234X",
        "138****5678",
        "0.0989010989010989",
        "rows 12345",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "a1381234567800",
    ] {
        assert!(found(harmless).is_empty(), "{harmless}");
    }
}

/// The example's data folder with `extra` appended to its pingyi.toml.
fn with_config(extra: &str) -> Workdir {
    let wd = util::with_example_data();
    let mut toml = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    toml.push_str(extra);
    wd.write("data/pingyi.toml", toml);
    wd
}

/// The masking policy a run's draw manifest records.
fn recorded_mask(wd: &Workdir) -> serde_json::Value {
    let m: serde_json::Value =
        serde_json::from_slice(&wd.read("out/county/sample.csv.manifest.json")).unwrap();
    m["parameters"]["mask"].clone()
}

/// The masked values of a run's data-quality report.
fn quality_values(wd: &Workdir) -> Vec<String> {
    let text = String::from_utf8(wd.read("out/county/sample.csv.quality.csv")).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "value").unwrap();
    lines
        .map(|l| l.split(',').nth(col).unwrap().to_string())
        .collect()
}

#[test]
fn the_default_policy_is_recorded_and_applied() {
    let (wd, _) = run_example("en");
    let values = quality_values(&wd);
    assert!(
        values
            .iter()
            .any(|v| v.len() == 18 && v[6..14] == *"********")
    );
    assert!(values.iter().any(|v| v.len() == 11 && v[3..7] == *"****"));
    let expected = serde_json::json!({
        "id_head": 6, "id_tail": 4, "name_head": 1, "phone_head": 3, "phone_tail": 4
    });
    assert_eq!(recorded_mask(&wd), expected);
}

#[test]
fn the_policy_of_pingyi_toml_is_applied_recorded_and_verifies_and_flags_win() {
    let wd = with_config("\n[mask]\nid_head = 4\nid_tail = 2\nphone_tail = 2\n");
    wd.ok(&["run"]);
    let values = quality_values(&wd);
    let id = values.iter().find(|v| v.len() == 18).unwrap();
    assert!(
        id[4..16].chars().all(|c| c == '*') && !id[16..].contains('*'),
        "{id}"
    );
    let phone = values.iter().find(|v| v.len() == 11).unwrap();
    assert!(phone[3..9].chars().all(|c| c == '*'), "{phone}");
    assert_eq!(recorded_mask(&wd)["id_head"], 4);
    assert_eq!(recorded_mask(&wd)["phone_tail"], 2);
    wd.ok(&[
        "verify",
        "--root",
        ".",
        "out/county/sample.csv.manifest.json",
    ]);
    wd.ok(&["run", "--mask-id", "3,3"]);
    assert_eq!(recorded_mask(&wd)["id_head"], 3);
    assert_eq!(
        recorded_mask(&wd)["phone_tail"],
        4,
        "flags replace [mask] whole"
    );
}

#[test]
fn a_policy_that_keeps_too_much_is_refused_in_both_languages() {
    for (extra, en, zh) in [
        (
            "\n[mask]\nid_head = 10\nid_tail = 8\n",
            "id_head + id_tail keep 18 characters of an ID number",
            "id_head + id_tail 共保留 18 位身份证号",
        ),
        (
            "\n[mask]\nphone_tail = 20\n",
            "[mask] phone_tail = 20 is not a number of characters",
            "[mask] 中的 phone_tail = 20 不是 0 到 18 之间的字符数",
        ),
    ] {
        let wd = with_config(extra);
        wd.run(&["run"]).expect_bad_input(&["pingyi.toml", en]);
        wd.run(&["run", "--lang", "zh"])
            .expect_bad_input(&["pingyi.toml", zh]);
        assert!(!wd.exists("out"), "{extra}: nothing written");
    }
    let wd = util::example_county();
    let draw = |lang: &str, flag: &str, value: &str| {
        let args = [
            "draw",
            "--frame",
            "frame.csv",
            "--roster",
            "roster.csv",
            "--seed",
            "1",
            "--out",
            "s.csv",
            "--lang",
            lang,
            flag,
            value,
        ];
        wd.run(&args)
    };
    draw("en", "--mask-phone", "4,4").expect_bad_input(&["--mask-phone keep 8 characters"]);
    draw("zh", "--mask-phone", "4,4").expect_bad_input(&["--mask-phone 共保留 8 位电话号码"]);
    draw("en", "--mask-id", "six").expect_bad_input(&["--mask-id six", "e.g. --mask-id 6,4"]);
    draw("zh", "--mask-name", "3").expect_bad_input(&["--mask-name 共保留 3 位姓名"]);
    assert!(!wd.exists("s.csv") && !wd.exists("s.csv.quality.csv"));
}

#[test]
fn data_quality_findings_are_counted_per_unit_in_the_report_and_the_quality_table() {
    let (wd, _) = run_example("zh");
    let text = String::from_utf8(wd.read("out/county/sample.csv.quality.csv")).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("issue,unit,value,rows,detail")
    );
    // Per unit, the findings of the quality table (a finding in two units counts in both).
    let mut per_unit: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let kind = ["invalid_id_number", "id_number_repeated", "phone_shared"]
            .iter()
            .position(|k| *k == cells[0])
            .unwrap();
        for unit in cells[1].split("; ") {
            per_unit.entry(unit.to_string()).or_default()[kind] += 1;
        }
    }
    assert!(per_unit.len() > 3, "{per_unit:?}");
    let html = String::from_utf8(wd.read("out/report.html")).unwrap();
    let table = html.split("<table class=\"quality\">").nth(1).unwrap();
    let table = &table[..table.find("</table>").unwrap()];
    assert!(
        table.contains("<th>单位</th><th>身份证号无效</th>"),
        "{table}"
    );
    for (unit, [a, b, c]) in &per_unit {
        let row = format!(
            "<tr><td>{unit}</td><td class=\"n\">{a}</td><td class=\"n\">{b}</td><td class=\"n\">{c}</td></tr>"
        );
        assert!(table.contains(&row), "{row} in {table}");
    }
    assert_eq!(table.matches("<tr><td>").count(), per_unit.len());
}

#[test]
fn the_quality_table_speaks_the_header_language() {
    let wd = util::example_county();
    let draw = |headers: &str, out: &str| {
        let args = [
            "draw",
            "--frame",
            "frame.csv",
            "--roster",
            "roster.csv",
            "--seed",
            "1",
            "--out",
            out,
            "--headers",
            headers,
        ];
        wd.ok(&args);
        String::from_utf8(wd.read(&format!("{out}.quality.csv"))).unwrap()
    };
    let zh = draw("zh", "zh.csv");
    let en = draw("en", "en.csv");
    assert!(zh.contains("问题,单位,号码（已遮蔽）"), "{zh}");
    assert!(zh.contains("不是有效的 18 位居民身份证号"), "{zh}");
    assert!(zh.contains("同一电话号码登记给"), "{zh}");
    assert!(
        !zh.contains("recipients") && !zh.contains("not a valid"),
        "{zh}"
    );
    assert!(
        en.contains("not a valid 18-character resident ID number"),
        "{en}"
    );
    assert!(en.contains("one phone number for"), "{en}");
    // The same findings whatever the language: the manifests record one digest.
    let content = |name: &str| {
        let m: serde_json::Value = serde_json::from_slice(&wd.read(name)).unwrap();
        m["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["role"] == "quality")
            .unwrap()["content"]
            .clone()
    };
    assert_eq!(
        content("zh.csv.manifest.json"),
        content("en.csv.manifest.json")
    );
}

#[test]
fn the_marked_sample_workbook_reads_back_as_the_csv_does() {
    let wd = util::example_county();
    util::draw_example(&wd, "20260615", "sample.csv");
    util::draw_example(&wd, "20260615", "sample.xlsx");
    let xml = text_of(&wd.path("sample.xlsx"));
    assert_marked("sample.xlsx", &xml);
    assert!(
        !String::from_utf8(wd.read("sample.csv"))
            .unwrap()
            .contains(MARK)
    );
    for sample in ["sample.csv", "sample.xlsx"] {
        let out = format!("{sample}.checklist.csv");
        let args = [
            "audit", "select", "--sample", sample, "--seed", "20260701", "--out", &out,
        ];
        wd.ok(&args);
    }
    assert_eq!(
        wd.read("sample.csv.checklist.csv"),
        wd.read("sample.xlsx.checklist.csv"),
        "the title row is not read as a record"
    );
    wd.ok(&["verify", "sample.xlsx.manifest.json"]);
}

#[test]
fn a_report_of_an_earlier_draw_counts_its_findings_without_units() {
    // Quality reports written before findings were counted per unit (manifests-0.1).
    let wd = util::with_example_data();
    let fixture = "tests/fixtures/manifests-0.1/county";
    for name in [
        "frame.csv",
        "frame.csv.manifest.json",
        "sample.csv",
        "sample.csv.manifest.json",
        "sample.csv.quality.csv",
    ] {
        wd.copy_from_repo(&format!("{fixture}/{name}"), &format!("out/county/{name}"));
    }
    let manifest = "out/county/sample.csv.manifest.json";
    for (lang, unit) in [("en", "(no unit named)"), ("zh", "（未注明单位）")] {
        let out = format!("{lang}.html");
        let args = [
            "report", manifest, "--root", ".", "--out", &out, "--lang", lang,
        ];
        wd.ok(&args);
        let html = String::from_utf8(wd.read(&out)).unwrap();
        let row = format!(
            "<tr><td>{unit}</td><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">2</td></tr>"
        );
        assert!(html.contains(&row), "{lang}: {row}");
    }
}
