//! What `pingyi verify`, `pingyi seed commit`, a scheme file's checks and the output
//! notes say, through the real binary in both languages: the same verdict, file and
//! row under `--lang zh` as under `--lang en`, and the same exit code.

mod util;

use util::{Run, Workdir};

/// A work folder with a small count table `c.csv` and its frame `f.csv` (20 a unit).
fn framed() -> Workdir {
    let wd = Workdir::new();
    wd.write("c.csv", "乡镇,农村低保,城市低保\n甲镇,120,40\n乙镇,80,30\n");
    wd.ok(&[
        "frame",
        "--counts",
        "c.csv",
        "--per-unit",
        "20",
        "--out",
        "f.csv",
    ]);
    wd
}

/// Runs `args` in English and in Chinese; both must end with `code`.
fn both(wd: &Workdir, args: &[&str], code: i32) -> (Run, Run) {
    let en = wd.run(&[&["--lang", "en"], args].concat());
    en.expect_code(code);
    let zh = wd.run(&[&["--lang", "zh"], args].concat());
    zh.expect_code(code);
    (en, zh)
}

fn expect(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "lacks {n:?}:\n{text}");
    }
}

#[test]
fn a_matching_manifest_is_ok_in_both_languages() {
    let wd = framed();
    let (en, zh) = both(&wd, &["verify", "f.csv.manifest.json"], 0);
    assert_eq!(
        en.stdout(),
        "OK f.csv.manifest.json — frame: 4 frame rows re-derived from 1 inputs with the recorded parameters\n"
    );
    assert_eq!(
        zh.stdout(),
        "一致 f.csv.manifest.json — 抽样框：按记录的参数从 1 个输入重新推导出 4 行抽样框\n"
    );
}

#[test]
fn a_tampered_count_cell_names_its_stratum_in_both_languages() {
    let wd = framed();
    wd.write("c.csv", "乡镇,农村低保,城市低保\n甲镇,121,40\n乙镇,80,30\n");
    let (en, zh) = both(&wd, &["verify", "f.csv.manifest.json"], 3);
    expect(
        &en.stdout(),
        &[
            "DIFFERS f.csv.manifest.json",
            "input c.csv (counts): stratum 甲镇 / rural_dibao has different records",
            "re-derived frame: stratum 甲镇 / rural_dibao has different records",
        ],
    );
    expect(
        &zh.stdout(),
        &[
            "不符 f.csv.manifest.json",
            "输入 c.csv（数量表）：层 甲镇 / 农村低保 的记录不同",
            "重新推导的抽样框：层 甲镇 / 农村低保 的记录不同",
        ],
    );
    assert!(!zh.stdout().contains("乙镇"), "{}", zh.stdout());
    expect(&en.stderr(), &["1 of 1 manifests do not match"]);
    expect(&zh.stderr(), &["核验未通过：1 份清单中有 1 份"]);
}

#[test]
fn a_tampered_output_cell_is_named_in_both_languages() {
    let wd = framed();
    let text = String::from_utf8(wd.read("f.csv")).unwrap();
    // Row 2 is 乙镇's rural stratum: 15 of 80.
    wd.write("f.csv", text.replacen(",80,15,", ",80,16,", 1));
    let (en, zh) = both(&wd, &["verify", "f.csv.manifest.json"], 3);
    expect(
        &en.stdout(),
        &[
            "output f.csv was changed after it was written",
            "f.csv, row 2, column sample (D): holds '16', the frame written again from its inputs has '15'",
        ],
    );
    expect(
        &zh.stdout(),
        &[
            "输出 f.csv 在写出之后被改动过",
            "f.csv，第 2 行，第 4 列（D 列）「sample」：现为 '16'，按输入重新生成的抽样框为 '15'",
        ],
    );
}

/// Rewrites the workbook `name` with `from` replaced by `to` in its first sheet.
fn edit_workbook(wd: &Workdir, name: &str, from: &str, to: &str) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(wd.path(name)).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        parts.push((part.name().unwrap().to_string(), bytes));
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(wd.path(name)).unwrap());
    for (part, bytes) in parts {
        let bytes = match part.as_str() {
            "xl/worksheets/sheet1.xml" => {
                let text = String::from_utf8(bytes).unwrap();
                assert!(text.contains(from), "{text}");
                text.replacen(from, to, 1).into_bytes()
            }
            _ => bytes,
        };
        out.start_file(part, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn a_tampered_workbook_cell_is_named_with_its_sheet_in_both_languages() {
    let wd = framed();
    wd.ok(&[
        "frame",
        "--counts",
        "c.csv",
        "--per-unit",
        "20",
        "--out",
        "f.xlsx",
    ]);
    // Row 3 (under the title and the header) is 乙镇's rural stratum: 15 of 80.
    edit_workbook(
        &wd,
        "f.xlsx",
        r#"<c r="D3"><v>15</v>"#,
        r#"<c r="D3"><v>14</v>"#,
    );
    let (en, zh) = both(&wd, &["verify", "f.xlsx"], 3);
    expect(
        &en.stdout(),
        &["f.xlsx, sheet 抽样样本框, row 3, column 样本量 (D): holds '14'"],
    );
    expect(
        &zh.stdout(),
        &["f.xlsx，工作表「抽样样本框」，第 3 行，第 4 列（D 列）「样本量」：现为 '14'"],
    );
}

#[test]
fn a_missing_input_is_named_in_both_languages() {
    let wd = framed();
    std::fs::remove_file(wd.path("c.csv")).unwrap();
    let (en, zh) = both(&wd, &["verify", "f.csv.manifest.json"], 3);
    expect(
        &en.stdout(),
        &[
            "input c.csv (counts) is missing",
            "cannot re-derive the output",
        ],
    );
    expect(
        &zh.stdout(),
        &["输入 c.csv（数量表）不见了", "无法重新推导输出"],
    );
}

#[test]
fn a_manifest_without_its_output_entry_is_refused_in_both_languages() {
    let wd = framed();
    wd.write("g.csv", wd.read("f.csv"));
    wd.write("g.csv.manifest.json", wd.read("f.csv.manifest.json"));
    let (en, zh) = both(&wd, &["verify", "g.csv"], 2);
    expect(
        &en.stderr(),
        &["g.csv.manifest.json: records no output entry for 'g.csv'"],
    );
    expect(
        &zh.stderr(),
        &["文件 g.csv.manifest.json：没有记录旁边的文件“g.csv”"],
    );
}

#[test]
fn a_bad_scheme_is_refused_at_its_line_in_both_languages() {
    let wd = Workdir::new();
    wd.write("units.csv", "乡镇\n甲\n");
    wd.write("answers.csv", "乡镇,总体满意度,不良行为\n甲,满意,不存在\n");
    let levels = "[[satisfaction]]\nvalue = 0.9\nlabels = [\"满意\"]\n[[misconduct]]\nvalue = 1\nlabels = [\"不存在\"]\n";
    let score = [
        "score",
        "--responses",
        "answers.csv",
        "--units",
        "units.csv",
        "--scheme",
        "s.toml",
        "--out",
        "s.csv",
    ];
    wd.write(
        "s.toml",
        format!("name = \"x\"\nweights = [0.7, 0.7]\n{levels}"),
    );
    let (en, zh) = both(&wd, &score, 2);
    expect(&en.stderr(), &["s.toml: key weights adds up to 1.4, not 1"]);
    expect(
        &zh.stderr(),
        &["文件 s.toml：weights 一项的两个权重相加为 1.4，不是 1"],
    );
    // A syntax error names its line.
    wd.write("s.toml", format!("name = \"x\"\npoints = 七十\n{levels}"));
    let (en, zh) = both(&wd, &score, 2);
    expect(&en.stderr(), &["s.toml, row 2: is not a valid scheme"]);
    expect(&zh.stderr(), &["文件 s.toml，第 2 行：不是有效的评分方案"]);
    // A label naming two levels.
    let shared = "[[satisfaction]]\nvalue = 0.9\nlabels = [\"满意\"]\n[[satisfaction]]\nvalue = 0.5\nlabels = [\"满意\"]\n[[misconduct]]\nvalue = 1\nlabels = [\"不存在\"]\n";
    wd.write("s.toml", format!("name = \"x\"\n{shared}"));
    let (en, zh) = both(&wd, &score, 2);
    expect(
        &en.stderr(),
        &[
            "s.toml: satisfaction level 2 has the label '满意', which also names satisfaction level 1",
        ],
    );
    expect(
        &zh.stderr(),
        &[
            "文件 s.toml：satisfaction 的第 2 个等级的答案“满意”也出现在 satisfaction 的第 1 个等级中",
        ],
    );
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_seed_commitment_is_announced_in_both_languages() {
    let wd = util::example_county();
    let args = [
        "seed",
        "commit",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--force",
        "--out",
        "commit.json",
    ];
    let (en, zh) = both(&wd, &args, 0);
    expect(
        &en.stdout(),
        &[
            "pingyi commitment (",
            "frame   ",
            "roster  ",
            "wrote commit.json",
        ],
    );
    expect(
        &zh.stdout(),
        &[
            "pingyi 承诺（",
            "抽样框  ",
            "名册    ",
            "已写出 commit.json",
        ],
    );
    // The same digests in both.
    let digests = |s: String| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| w.len() == 64)
            .map(str::to_string)
            .collect()
    };
    assert_eq!(digests(en.stdout()).len(), 2);
    assert_eq!(digests(en.stdout()), digests(zh.stdout()));
    // A commitment that is not one is refused, naming the file.
    wd.write("bad.json", "{}");
    let draw = [
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "1",
        "--commitment",
        "bad.json",
        "--out",
        "s.csv",
    ];
    let (en, zh) = both(&wd, &draw, 2);
    expect(&en.stderr(), &["bad.json: is not a commitment"]);
    expect(
        &zh.stderr(),
        &["文件 bad.json：不是 `pingyi seed commit` 写出的承诺文件"],
    );
}

#[test]
fn an_output_over_its_input_is_refused_in_both_languages() {
    let wd = framed();
    let args = [
        "frame",
        "--counts",
        "c.csv",
        "--per-unit",
        "20",
        "--force",
        "--out",
        "c.csv",
    ];
    let (en, zh) = both(&wd, &args, 2);
    expect(&en.stderr(), &["c.csv is the input c.csv"]);
    expect(&zh.stderr(), &["c.csv 就是输入文件 c.csv"]);
    std::fs::create_dir(wd.path("dir.csv")).unwrap();
    let args = [
        "frame",
        "--counts",
        "c.csv",
        "--per-unit",
        "20",
        "--out",
        "dir.csv",
    ];
    let (en, zh) = both(&wd, &args, 2);
    expect(
        &en.stderr(),
        &["dir.csv is a folder; give --out a file name"],
    );
    expect(
        &zh.stderr(),
        &["dir.csv 是文件夹；请在 --out 后给出一个文件名"],
    );
}
