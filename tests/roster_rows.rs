//! Rosters read by the draw through the real binary: a row with values beyond the
//! header and a unit written two ways are refused naming the rows, whether the roster
//! is read in chunks (UTF-8 CSV) or row by row (GBK); a quoted line break in a
//! free-text column (an address) is still read.

mod util;

use util::Workdir;

const FRAME: &str =
    "单位,类别,总体人数,样本量,备用样本\n城关镇,农村低保,3,1,1\n青石镇,城市低保,2,1,0\n";

const ROSTER: &str = "编号,乡镇,类别,姓名,住址\nQ1,城关镇,农村低保,张三,东街1号\n\
Q2,城关镇,农村低保,李四,\"西街\n2号\"\nQ3,城关镇,农村低保,王五,南街\n\
Q4,青石镇,城市低保,赵六,北街\nQ5,青石镇,城市低保,钱七,中街\n";

/// Runs a draw from `roster` (bytes) in UTF-8 as given and again in GBK, threads and
/// chunks as given.
fn draw(wd: &Workdir, roster: &[u8], name: &str) -> util::Run {
    wd.write("frame.csv", FRAME);
    wd.write(name, roster);
    wd.run(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        name,
        "--seed",
        "7",
        "--threads",
        "2",
        "--chunk-kib",
        "1",
        "--out",
        "sample.csv",
    ])
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

#[test]
fn a_valid_roster_with_a_multi_line_address_draws() {
    let wd = Workdir::new();
    draw(&wd, ROSTER.as_bytes(), "roster.csv").expect_code(0);
    let utf8 = wd.read("sample.csv");
    let wd2 = Workdir::new();
    draw(&wd2, &gbk(ROSTER), "roster.csv").expect_code(0);
    assert_eq!(utf8, wd2.read("sample.csv"));
}

#[test]
fn a_value_beyond_the_header_is_refused_naming_row_and_column() {
    let text = ROSTER.replace(
        "Q4,青石镇,城市低保,赵六,北街",
        "Q4,青石镇,城市低保,赵六,北街,3号",
    );
    for bytes in [text.as_bytes().to_vec(), gbk(&text)] {
        let wd = Workdir::new();
        draw(&wd, &bytes, "roster.csv").expect_bad_input(&[
            "roster.csv",
            "row 6",
            "(F)",
            "'3号'",
            "only 5 columns",
        ]);
        assert!(!wd.exists("sample.csv"));
    }
    // Trailing empty cells are fine.
    let text = ROSTER.replace("北街\n", "北街,,\n");
    let wd = Workdir::new();
    draw(&wd, text.as_bytes(), "roster.csv").expect_code(0);
}

#[test]
fn one_unit_written_two_ways_is_refused_naming_both_rows() {
    let text = ROSTER.replace("Q3,城关镇", "Q3,城关镇\u{200b}");
    // GBK has no zero-width space; GB18030 (which pingyi reads GBK files as) has.
    let gb18030 = encoding_rs::GB18030.encode(&text).0.into_owned();
    for bytes in [text.as_bytes().to_vec(), gb18030] {
        let wd = Workdir::new();
        draw(&wd, &bytes, "roster.csv").expect_bad_input(&[
            "roster.csv",
            "row 5",
            "row 2",
            "城关镇<U+200B>",
        ]);
        assert!(!wd.exists("sample.csv"));
    }
    // Many rows and threads: the rows named are the first of each spelling.
    let mut text = String::from("编号,乡镇,类别\n");
    for i in 0..3000 {
        let unit = if i % 1000 == 999 {
            "城关镇\u{200b}"
        } else {
            "城关镇"
        };
        text.push_str(&format!("Q{i:05},{unit},农村低保\n"));
    }
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "单位,类别,总体人数,样本量,备用样本\n城关镇,农村低保,3000,10,0\n",
    );
    wd.write("big.csv", &text);
    for threads in ["1", "4"] {
        wd.run(&[
            "draw",
            "--frame",
            "frame.csv",
            "--roster",
            "big.csv",
            "--seed",
            "7",
            "--threads",
            threads,
            "--chunk-kib",
            "4",
            "--out",
            "s.csv",
        ])
        .expect_bad_input(&["big.csv", "row 1001", "row 2 writes"]);
    }
}
