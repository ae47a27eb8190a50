//! The used-reserves column of a collected sample (是否启用 …), marked as offices mark
//! it, through the real binary: 是, √, 1 and 已启用 mean used, blank, 否 and × mean not,
//! and anything else is refused naming its cell (exit 2) in English and in Chinese,
//! never read as "not used" without a word.

mod util;

use util::Workdir;

const ROSTER: &str = "编号,乡镇,类别,姓名\na1,甲,农村低保,张三\na2,甲,农村低保,李四\na3,甲,农村低保,王五\na4,甲,农村低保,赵六\na5,甲,农村低保,钱七\na6,甲,农村低保,孙八\n";

/// A sample of three main recipients and two reserves, with a 是否启用 column whose
/// first reserve holds `mark`; returns the folder and the reserve's row number.
fn collected(mark: &str) -> (Workdir, usize) {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,6,3,2\n",
    );
    wd.write("roster.csv", ROSTER);
    util::draw_example(&wd, "7", "s.csv");
    let (mut h, rows) = util::read_csv(&wd, "s.csv");
    let role = h.iter().position(|c| c == "role").unwrap();
    h.push("是否启用".to_string());
    let mut first = None;
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            let reserve = r[role] == "reserve";
            let cell = if reserve && first.is_none() {
                first = Some(i + 2);
                mark
            } else {
                ""
            };
            r.push(cell.to_string());
            r
        })
        .collect();
    util::write_csv(&wd, "collected.csv", &h, &rows);
    (wd, first.unwrap())
}

fn select(wd: &Workdir, lang: &str) -> util::Run {
    wd.run(&[
        "--lang",
        lang,
        "audit",
        "select",
        "--sample",
        "collected.csv",
        "--seed",
        "9",
        "--rate",
        "1",
        "--out",
        "c.csv",
    ])
}

fn checked(wd: &Workdir) -> usize {
    util::read_csv(wd, "c.csv").1.len()
}

#[test]
fn marks_of_a_used_reserve_add_it_to_the_collected_sample() {
    for mark in ["是", "√", "1", "已启用", "真实", " 是 "] {
        let (wd, _) = collected(mark);
        select(&wd, "en").expect_code(0);
        assert_eq!(checked(&wd), 4, "{mark}");
    }
    for mark in ["", "否", "×", "0"] {
        let (wd, _) = collected(mark);
        select(&wd, "en").expect_code(0);
        assert_eq!(checked(&wd), 3, "{mark:?}");
    }
}

#[test]
fn a_mark_that_says_neither_is_refused_naming_its_cell() {
    for mark in ["2", "已打", "?"] {
        let (wd, row) = collected(mark);
        let (en, zh) = (format!("row {row}"), format!("第 {row} 行"));
        select(&wd, "en").expect_bad_input(&["collected.csv", &en, "是否启用"]);
        select(&wd, "zh").expect_bad_input(&["collected.csv", &zh, "是否启用"]);
        assert!(!wd.exists("c.csv"));
    }
}
