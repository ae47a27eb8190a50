//! Files no reader can take (a damaged workbook, a broken sheet, a damaged Parquet
//! file, a manifest edited or cut short), through the real binary in Chinese: each is
//! refused with exit code 2, naming the file, in Chinese only (no English sentence of
//! the reader passed on), and in English with the same file named.

mod util;

use std::io::{Read, Write};

use util::{Workdir, english_in};

/// Expects `args` refused in both languages (exit 2) naming `file`, the Chinese
/// message holding `zh` and no English sentence.
fn refused(wd: &Workdir, args: &[&str], file: &str, zh: &str) {
    let run = wd.run(&[&["--lang", "zh"], args].concat());
    run.expect_bad_input(&[file, zh]);
    let err = run.stderr();
    assert!(
        english_in(&err).is_empty(),
        "English in {args:?}: {:?}\n{err}",
        english_in(&err)
    );
    wd.run(&[&["--lang", "en"], args].concat())
        .expect_bad_input(&[file]);
}

/// The example's count workbook with `edit` applied to each of its parts (`None`
/// leaves a part out).
fn edited_workbook(edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    let bytes = std::fs::read(util::repo_root().join("data/county_counts.xlsx")).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut part = zin.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        if let Some(data) = edit(&name, data) {
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&data).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn damaged_workbooks_are_told_in_chinese() {
    let wd = Workdir::new();
    let whole = std::fs::read(util::repo_root().join("data/county_counts.xlsx")).unwrap();
    wd.write("cut.xlsx", &whole[..whole.len() / 2]);
    wd.write("junk.xlsx", b"PK\x03\x04 this is no workbook at all");
    wd.write(
        "junk.xls",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 nor is this an old workbook",
    );
    for file in ["cut.xlsx", "junk.xlsx", "junk.xls"] {
        refused(&wd, &["counts", file], file, "无法打开工作簿");
    }
    let broken = edited_workbook(|name, data| {
        let half = data.len() / 2;
        Some(if name.starts_with("xl/worksheets/") {
            data[..half].to_vec()
        } else {
            data
        })
    });
    wd.write("broken.xlsx", broken);
    refused(
        &wd,
        &["counts", "broken.xlsx"],
        "broken.xlsx",
        "无法读取工作表",
    );
}

fn parquet_bytes() -> Vec<u8> {
    use polars::prelude::*;
    let mut df = df!("unit" => ["东岗镇", "西岭乡"], "count" => [3i64, 4]).unwrap();
    let mut out = Vec::new();
    ParquetWriter::new(&mut out).finish(&mut df).unwrap();
    out
}

#[test]
fn damaged_parquet_files_are_told_in_chinese() {
    let wd = Workdir::new();
    let whole = parquet_bytes();
    let mut cut = whole[..whole.len() - 12].to_vec();
    cut.extend_from_slice(b"PAR1");
    wd.write("cut.parquet", cut);
    wd.write("junk.parquet", b"PAR1 these bytes are no Parquet PAR1");
    for file in ["cut.parquet", "junk.parquet"] {
        refused(&wd, &["counts", file], file, "无法读取 Parquet 文件");
    }
}

#[test]
fn damaged_manifests_are_told_in_chinese_at_their_line() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_roster.csv", "roster.csv");
    let good =
        std::fs::read_to_string(util::repo_root().join("data/county_roster.csv.manifest.json"))
            .unwrap();
    let manifest = "roster.csv.manifest.json";
    let cases = [
        (good[..good.len() / 2].to_string(), "文件不完整"),
        (good.replacen("\"command\":", "\"command\"", 1), "第 7 行"),
        (
            good.replacen("\"command\": \"synth\",", "", 1),
            "缺少键 command",
        ),
        (good.replacen("\"synth\"", "17", 1), "第 7 行"),
        (
            good.replacen("\"seed\":", "\"sede\":", 1),
            "没有名为 sede 的键",
        ),
    ];
    for (body, needle) in cases {
        wd.write(manifest, body);
        refused(&wd, &["verify", "roster.csv"], manifest, needle);
    }
}
