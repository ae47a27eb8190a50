//! Call logs made the way interviewers keep them, through the real binary
//! (`pingyi verify --calls LOG --sample SAMPLE`): a call whose id cell is blank is
//! refused naming its row (exit 2) instead of being skipped, so a reserve's reason is
//! never lost unseen; a log as kept (blank lines, a repeated call) still checks.

mod util;

use util::Workdir;

const ROSTER: &str = "编号,乡镇,类别,姓名\na1,甲,农村低保,张三\na2,甲,农村低保,李四\na3,甲,农村低保,王五\na4,甲,农村低保,赵六\n";

/// A drawn sample of one main recipient and one reserve; returns (main, reserve) ids.
fn county() -> (Workdir, String, String) {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "unit,category,population,sample,reserve\n甲,农村低保,4,1,1\n",
    );
    wd.write("roster.csv", ROSTER);
    util::draw_example(&wd, "7", "s.csv");
    let (h, rows) = util::read_csv(&wd, "s.csv");
    let role = h.iter().position(|c| c == "role").unwrap();
    let id = |r: &str| rows.iter().find(|x| x[role] == r).unwrap()[0].clone();
    let (main, reserve) = (id("main"), id("reserve"));
    (wd, main, reserve)
}

fn verify(wd: &Workdir, lang: &str) -> util::Run {
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

#[test]
fn a_log_as_interviewers_keep_it_checks() {
    let (wd, main, reserve) = county();
    wd.write(
        "calls.csv",
        format!("编号,通话结果\n{main},无人接听\n\n{main},拒访\n{reserve},接通\n"),
    );
    verify(&wd, "en").expect_code(0);
}

#[test]
fn a_call_with_a_blank_id_is_refused_naming_its_row() {
    let (wd, main, reserve) = county();
    wd.write(
        "calls.csv",
        format!("编号,通话结果\n{main},接通\n,拒访\n{reserve},接通\n"),
    );
    verify(&wd, "en").expect_bad_input(&["calls.csv", "row 3", "column 编号 (A)", "拒访"]);
    verify(&wd, "zh").expect_bad_input(&["calls.csv", "第 3 行", "A 列", "拒访"]);
}
