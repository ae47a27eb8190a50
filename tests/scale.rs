//! The draw at scale: the multicore scan gives the bytes of a single-threaded one
//! whatever the thread count, chunk size and sort buffer; CSV rosters read in chunks
//! give the same rows, row numbers and errors as the ordered reader; Parquet rosters
//! give the CSV's sample; and samples drawn from shards of a roster merge into the
//! sample of the whole.

mod util;

use std::collections::BTreeMap;

use util::Workdir;

const SEED: &str = "20260615-青石-民主评议";

/// Draws `roster` into `out` with extra flags and returns the sample, its quality
/// report and its manifest.
fn draw(wd: &Workdir, roster: &str, out: &str, extra: &[&str]) -> [Vec<u8>; 3] {
    let mut args = util::draw_args(roster, SEED, out).to_vec();
    args.extend(extra);
    wd.ok(&args);
    [
        wd.read(out),
        wd.read(&format!("{out}.quality.csv")),
        wd.read(&format!("{out}.manifest.json")),
    ]
}

/// Thread counts, chunk sizes (KiB) and sort buffers that exercise every merge.
const SETTINGS: [[&str; 6]; 4] = [
    [
        "--threads",
        "1",
        "--chunk-kib",
        "4096",
        "--sort-buffer",
        "524288",
    ],
    [
        "--threads",
        "2",
        "--chunk-kib",
        "1",
        "--sort-buffer",
        "1000",
    ],
    ["--threads", "3", "--chunk-kib", "7", "--sort-buffer", "1"],
    [
        "--threads",
        "8",
        "--chunk-kib",
        "64",
        "--sort-buffer",
        "65536",
    ],
];

#[test]
fn thread_count_chunk_size_and_sort_buffer_change_no_byte_on_the_example() {
    let wd = util::example_county();
    let reference = draw(&wd, "roster.csv", "s0/sample.csv", &SETTINGS[0]);
    for (i, s) in SETTINGS.iter().enumerate().skip(1) {
        let got = draw(&wd, "roster.csv", &format!("s{i}/sample.csv"), s);
        assert!(got == reference, "settings {s:?} changed the output");
    }
}

#[test]
fn thread_count_and_chunk_size_change_no_byte_on_a_million_rows() {
    let frame = ["--per-unit", "100", "--reserve-rate", "0.2"];
    let wd = util::big_county(1_000_000, "million", &frame);
    let one = draw(&wd, "roster.csv", "a/sample.csv", &SETTINGS[0]);
    let two = draw(&wd, "roster.csv", "b/sample.csv", &SETTINGS[1][..4]);
    assert!(
        one == two,
        "two threads and 1 KiB chunks changed the output"
    );
    let spill = draw(&wd, "roster.csv", "c/sample.csv", &SETTINGS[2][2..]);
    assert!(one == spill, "spilled sorts changed the output");
}

/// The same rows in a form only the ordered reader takes (GBK) and in UTF-8, which is
/// read in chunks: both must give the same sample, the same row numbers in the quality
/// report and the same errors.
fn tricky_roster(line_end: &str, problem: &str) -> String {
    let mut rows = vec![
        "青石县低保对象名册".to_string(),
        String::new(),
        "编号,乡镇,类别,姓名,身份证号,联系电话,备注".to_string(),
    ];
    let towns = ["城关镇", "青石镇"];
    let cats = ["农村低保", "五保"];
    for i in 0..400 {
        let town = towns[i % 2];
        let cat = cats[(i / 2) % 2];
        let note = match i % 7 {
            0 => "\"说明，含逗号\"".to_string(),
            1 => "\"两行\r\n说明\"".to_string(),
            2 => "\"引号\"\"内\"\"\"".to_string(),
            _ => String::new(),
        };
        let idn = if i % 50 == 3 {
            "110105194912310021".to_string()
        } else {
            format!("11010519491231{:04}", i % 9000)
        };
        rows.push(format!(
            "Q{i:04},{town},{cat},某{i},{idn},1380000{:04},{note}",
            i % 300
        ));
        if i % 37 == 5 {
            rows.push(String::new());
        }
    }
    if !problem.is_empty() {
        rows.insert(250, problem.to_string());
    }
    let mut text = rows.join(line_end);
    text.push_str(line_end);
    text
}

fn tricky_frame(wd: &Workdir) {
    wd.write(
        "counts.csv",
        "乡镇,农村低保,五保\n城关镇,100,100\n青石镇,100,100\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "counts.csv",
        "--per-unit",
        "30",
        "--reserve-rate",
        "0.2",
        "--out",
        "frame.csv",
    ]);
}

#[test]
fn chunked_and_ordered_readers_agree_on_rows_row_numbers_and_errors() {
    let wd = Workdir::new();
    tricky_frame(&wd);
    for (name, line_end) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let text = tricky_roster(line_end, "");
        wd.write(&format!("{name}.csv"), &text);
        wd.write(
            &format!("{name}.gbk.csv"),
            encoding_rs::GBK.encode(&text).0.as_ref(),
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        wd.write(&format!("{name}.bom.csv"), bom);
        let slow = draw(
            &wd,
            &format!("{name}.gbk.csv"),
            &format!("{name}/gbk.csv"),
            &[],
        );
        for (variant, extra) in [("utf8", &["--chunk-kib", "1"][..]), ("bom", &[][..])] {
            let file = if variant == "bom" {
                format!("{name}.bom.csv")
            } else {
                format!("{name}.csv")
            };
            let fast = draw(&wd, &file, &format!("{name}/{variant}.csv"), extra);
            assert_eq!(fast[0], slow[0], "{name} {variant}: sample differs");
            let report = |b: &[u8]| {
                String::from_utf8_lossy(b)
                    .replace(&format!("{name}.gbk.csv"), "ROSTER")
                    .replace(&file, "ROSTER")
            };
            assert_eq!(
                report(&fast[1]),
                report(&slow[1]),
                "{name} {variant}: quality report differs"
            );
            assert!(report(&fast[1]).contains("ROSTER:"), "no rows named");
        }
        // An error in the middle names the same row either way.
        let bad = tricky_roster(line_end, "Q9999,,农村低保,无名,,,");
        wd.write(&format!("{name}.bad.csv"), &bad);
        wd.write(
            &format!("{name}.bad.gbk.csv"),
            encoding_rs::GBK.encode(&bad).0.as_ref(),
        );
        let errors: Vec<String> = [format!("{name}.bad.csv"), format!("{name}.bad.gbk.csv")]
            .iter()
            .map(|f| {
                let run = wd.run(&[
                    "draw",
                    "--frame",
                    "frame.csv",
                    "--roster",
                    f,
                    "--seed",
                    SEED,
                    "--out",
                    "x.csv",
                    "--chunk-kib",
                    "1",
                ]);
                run.expect_code(2);
                run.stderr().replace(f.as_str(), "ROSTER")
            })
            .collect();
        assert_eq!(errors[0], errors[1]);
        assert!(errors[0].contains("乡镇"), "{}", errors[0]);
        assert!(!wd.exists("x.csv"));
    }
}

#[test]
fn a_parquet_roster_gives_the_csv_sample() {
    let wd = util::example_county();
    let seed = "青石县示例名册 v1";
    wd.ok(&[
        "synth",
        "--counts",
        "counts.xlsx",
        "--seed",
        seed,
        "--plant-problems",
        "3",
        "--out",
        "roster.parquet",
    ]);
    let csv = draw(&wd, "roster.csv", "csv/sample.csv", &[]);
    let parquet = draw(&wd, "roster.parquet", "parquet/sample.csv", &[]);
    assert_eq!(csv[0], parquet[0]);
    let report = |b: &[u8], f: &str| String::from_utf8_lossy(b).replace(f, "ROSTER");
    assert_eq!(
        report(&csv[1], "roster.csv"),
        report(&parquet[1], "roster.parquet")
    );
}

/// (unit, category) → rows of a sample CSV as (ticket, id), in rank order.
type Strata = BTreeMap<(String, String), Vec<(String, String)>>;

fn strata_of(bytes: &[u8]) -> Strata {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (u, c, t, id, rank) = (
        col("乡镇"),
        col("类别"),
        col("ticket"),
        col("编号"),
        col("stratum_rank"),
    );
    let mut out = Strata::new();
    for r in reader.records() {
        let r = r.unwrap();
        let rows = out.entry((r[u].to_string(), r[c].to_string())).or_default();
        assert_eq!(r[rank].parse::<usize>().unwrap(), rows.len() + 1);
        rows.push((r[t].to_string(), r[id].to_string()));
    }
    out
}

#[test]
fn samples_drawn_from_shards_merge_into_the_sample_of_the_whole() {
    let wd = util::example_county();
    let whole = draw(&wd, "roster.csv", "whole.csv", &[]);
    let text = String::from_utf8(wd.read("roster.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let mut shards = vec![String::new(); 4];
    for (i, line) in lines.enumerate() {
        shards[(i * 7 + i / 3) % 4].push_str(line);
        shards[(i * 7 + i / 3) % 4].push('\n');
    }
    // Each shard keeps the n + r smallest tickets of its part of every stratum.
    let mut merged = Strata::new();
    for (i, body) in shards.iter().enumerate() {
        let name = format!("shard{i}.csv");
        wd.write(&name, format!("{header}\n{body}"));
        let out = format!("shard{i}/sample.csv");
        let got = draw(
            &wd,
            &name,
            &out,
            &["--allow-count-mismatch", "--take-all-short"],
        );
        for (key, rows) in strata_of(&got[0]) {
            merged.entry(key).or_default().extend(rows);
        }
    }
    let expected = strata_of(&whole[0]);
    assert_eq!(merged.len(), expected.len());
    for (key, want) in expected {
        let mut got = merged.remove(&key).unwrap();
        // Tickets have equal length here; ties (vanishingly rare) fall to the id.
        got.sort();
        got.truncate(want.len());
        assert_eq!(got, want, "stratum {key:?}");
    }
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let wd = util::example_county();
    let run = util::draw_example(&wd, SEED, "s.csv");
    assert!(
        !run.stderr().contains("reading rosters"),
        "{}",
        run.stderr()
    );
}
