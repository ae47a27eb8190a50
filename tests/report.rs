//! `pingyi report` and the report `pingyi run` writes: sections where their stage ran,
//! the same bytes on a rerun, no personal identifier, both languages, refusals with
//! their place, and the page as Chromium shows it (tests/python/report_browser.py).

mod util;

use std::collections::BTreeSet;
use std::process::Command;

use util::Workdir;

/// The example run, its report read as text.
fn run_example(lang: &str) -> (Workdir, String) {
    let wd = util::with_example_data();
    wd.ok(&["--lang", lang, "run", "--data", "data", "--out", "out"]);
    let page = String::from_utf8(wd.read("out/report.html")).unwrap();
    (wd, page)
}

/// The cells of column `name` of a CSV the run wrote (no quoted commas in these files).
fn column(wd: &Workdir, file: &str, name: &str) -> Vec<String> {
    let text = String::from_utf8(wd.read(file)).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let i = header.iter().position(|h| *h == name).unwrap();
    lines
        .map(|l| l.split(',').nth(i).unwrap_or("").to_string())
        .collect()
}

/// Whether `text` holds a run of `len` characters that looks like an ID number (17
/// digits and a digit or X) or a mobile phone (1, then 10 digits), not inside a longer
/// run of digits.
fn holds_identifier(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    for start in 0..chars.len() {
        if start > 0 && digit(start - 1) {
            continue;
        }
        let mut end = start;
        while digit(end) {
            end += 1;
        }
        let run = end - start;
        let id = run == 17 && matches!(chars.get(end), Some('X' | 'x')) || run == 18;
        let phone = run == 11 && chars[start] == '1';
        if id || phone {
            return Some(chars[start..end + 1].iter().collect());
        }
    }
    None
}

#[test]
fn the_identifier_scan_finds_ids_and_phones_and_not_digests() {
    assert!(holds_identifier("a 11010519491231002X b").is_some());
    assert!(holds_identifier("tel 13800138000.").is_some());
    assert!(holds_identifier("sha 166133ccb969424a1af1dffcc82ebf3b59").is_none());
    assert!(holds_identifier("rows 286776, 0.05234460196292257").is_none());
}

#[test]
fn run_writes_a_report_with_every_stage_that_ran() {
    let (_wd, page) = run_example("en");
    for needle in [
        "id=\"proof\"",
        "id=\"verified\">✔",
        "id=\"level-city\"",
        "id=\"chart-frame-city\"",
        "id=\"chart-population-county\"",
        "id=\"chart-frame-county\"",
        "id=\"draw\"",
        "id=\"chart-audit-county\"",
        "id=\"chart-scores-county\"",
        "Inputs and proof",
        "Rules applied",
        "20260615-青石-民主评议",
        "Data-quality findings",
    ] {
        assert!(page.contains(needle), "the report lacks {needle}");
    }
    // the city ran its frame only
    let city =
        &page[page.find("id=\"level-city\"").unwrap()..page.find("id=\"level-county\"").unwrap()];
    assert!(!city.contains("id=\"draw\"") && !city.contains("id=\"scores\""));
    for forbidden in [
        "<script", "http://", "https://", "@import", "url(", "<img", "<link",
    ] {
        assert!(!page.contains(forbidden), "the report holds {forbidden}");
    }
}

#[test]
fn the_report_shows_no_id_number_phone_or_name() {
    let (wd, page) = run_example("en");
    assert_eq!(holds_identifier(&page), None);
    // the sample the report is made from does hold them
    let sample = String::from_utf8(wd.read("out/county/sample.csv")).unwrap();
    assert!(holds_identifier(&sample).is_some());
    let names: BTreeSet<String> = column(&wd, "out/county/sample.csv", "姓名")
        .into_iter()
        .collect();
    assert!(names.len() > 100);
    for name in &names {
        assert!(!page.contains(name.as_str()), "the report names {name}");
    }
}

#[test]
fn the_report_is_byte_identical_on_a_rerun_and_elsewhere() {
    let (wd, first) = run_example("en");
    wd.ok(&["run", "--data", "data", "--out", "out"]);
    assert_eq!(first.as_bytes(), wd.read("out/report.html").as_slice());
    let (_other, elsewhere) = run_example("en");
    assert_eq!(first, elsewhere);
    let args = [
        "report",
        "out/county/score.csv",
        "--root",
        ".",
        "--out",
        "a.html",
    ];
    wd.ok(&args);
    wd.ok(&[
        "report",
        "out/county/score.csv",
        "--root",
        ".",
        "--out",
        "b.html",
    ]);
    assert_eq!(wd.read("a.html"), wd.read("b.html"));
}

#[test]
fn the_report_speaks_the_chosen_language() {
    let (_wd, zh) = run_example("zh");
    let (_wd2, en) = run_example("en");
    for needle in [
        "<html lang=\"zh-CN\">",
        "输入与核验",
        "抽样框",
        "得分与排名",
        "所用规则",
        "农村低保",
        "合计",
    ] {
        assert!(zh.contains(needle), "Chinese report lacks {needle}");
    }
    assert!(!zh.contains("Inputs and proof") && !zh.contains("Rules applied"));
    // The flags speak the report's language, whatever language the score table has.
    assert!(zh.contains("通报表扬") && zh.contains("通报批评"));
    assert!(!zh.contains("commended") && !zh.contains("criticised"));
    assert!(zh.contains("需全面复核") && !zh.contains(">recheck<"));
    // Roles, stages and levels in Chinese too, not as the manifests key them.
    for needle in ["县级 · 抽样", "层级：县级", "名册", "比例分配<"] {
        assert!(zh.contains(needle), "Chinese report lacks {needle}");
    }
    for english in [">roster", "roster<", "county · draw", "（proportional）"] {
        assert!(!zh.contains(english), "Chinese report holds {english}");
    }
    for needle in [
        "<html lang=\"en\">",
        "Inputs and proof",
        "Scores and ranking",
        "rural_dibao",
        "Total",
    ] {
        assert!(en.contains(needle), "English report lacks {needle}");
    }
    assert!(!en.contains("输入与核验"));
    assert!(en.contains("commended") && !en.contains("通报表扬"));
    // the same charts in both
    assert_eq!(
        zh.matches("<rect class=\"bar").count(),
        en.matches("<rect class=\"bar").count()
    );
}

#[test]
fn report_of_a_frame_alone_has_the_frame_section_only() {
    let (wd, _) = run_example("en");
    wd.ok(&[
        "report",
        "out/city/frame.csv",
        "--root",
        ".",
        "--out",
        "city.html",
    ]);
    let page = String::from_utf8(wd.read("city.html")).unwrap();
    assert!(page.contains("id=\"chart-frame-city\"") && page.contains("id=\"verified\">✔"));
    for absent in [
        "id=\"draw\"",
        "id=\"audit\"",
        "id=\"scores\"",
        "level-county",
    ] {
        assert!(!page.contains(absent), "{absent}");
    }
}

#[test]
fn report_from_score_follows_the_chain_back_to_the_draw() {
    let (wd, _) = run_example("en");
    wd.ok(&[
        "report",
        "out/county/score.csv",
        "--root",
        ".",
        "--out",
        "r.html",
    ]);
    let page = String::from_utf8(wd.read("r.html")).unwrap();
    for needle in [
        "id=\"chart-frame-county\"",
        "id=\"draw\"",
        "id=\"chart-audit-county\"",
        "id=\"chart-scores-county\"",
        "id=\"verified\">✔",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
}

#[test]
fn a_changed_output_is_reported_and_fails_like_verify() {
    let (wd, _) = run_example("en");
    let path = "out/county/audit_tally.csv";
    let text = String::from_utf8(wd.read(path)).unwrap();
    wd.write(path, text.replacen(",28,28,0,0,0,", ",28,27,1,0,0,", 1));
    let run = wd.run(&[
        "report",
        "out/county/score.csv",
        "--root",
        ".",
        "--out",
        "r.html",
    ]);
    run.expect_code(3);
    let page = String::from_utf8(wd.read("r.html")).unwrap();
    assert!(page.contains("id=\"verified\">✘"), "no ✘ in the report");
    assert!(page.contains("audit_tally.csv.manifest.json"));
}

/// A frame whose population cell was edited into text: refused with the cell's place,
/// in English and in Chinese, and no report written.
#[test]
fn an_edited_frame_cell_is_refused_with_its_place_in_both_languages() {
    let (wd, _) = run_example("en");
    let path = "out/city/frame.csv";
    let text = String::from_utf8(wd.read(path)).unwrap();
    let edited = text.replacen(",11851,", ",11851人,", 1);
    assert_ne!(edited, text);
    wd.write(path, edited);
    wd.run(&["report", path, "--root", ".", "--out", "r.html"])
        .expect_bad_input(&["frame.csv", "row 2", "population", "11851人"]);
    assert!(!wd.exists("r.html"));
    wd.run(&[
        "--lang", "zh", "report", path, "--root", ".", "--out", "r.html",
    ])
    .expect_bad_input(&["frame.csv", "第 2 行", "population", "11851人", "不是数字"]);
    assert!(!wd.exists("r.html"));
}

#[test]
fn a_missing_manifest_is_refused() {
    let wd = Workdir::new();
    wd.write("frame.csv", "unit\n");
    wd.run(&["report", "frame.csv", "--out", "r.html"])
        .expect_bad_input(&["frame.csv.manifest.json"]);
    assert!(!wd.exists("r.html"));
}

/// The expectations for the browser: bars per chart (every stratum of every unit, three
/// parts per ranked unit), points per audit chart, the ranking in order.
fn browser_expectations(wd: &Workdir) -> String {
    let mut charts = Vec::new();
    for level in ["city", "county"] {
        let frame = format!("out/{level}/frame.csv");
        let units: BTreeSet<String> = column(wd, &frame, "unit").into_iter().collect();
        let cats: BTreeSet<String> = column(wd, &frame, "category").into_iter().collect();
        let bars = units.len() * cats.len();
        charts.push(format!("\"chart-frame-{level}\": [\"rect.bar\", {bars}]"));
        charts.push(format!(
            "\"chart-population-{level}\": [\"rect.bar\", {bars}]"
        ));
    }
    let ranked = column(wd, "out/county/score.csv", "unit");
    let audited = column(wd, "out/county/audit_tally.csv", "unit").len();
    charts.push(format!(
        "\"chart-scores-county\": [\"rect.bar\", {}]",
        ranked.len() * 3
    ));
    charts.push(format!(
        "\"chart-audit-county\": [\"circle.point\", {audited}]"
    ));
    let ranking: Vec<String> = ranked.iter().map(|u| format!("\"{u}\"")).collect();
    format!(
        "{{\"charts\": {{{}}}, \"ranking\": {{\"chart-scores-county\": [{}]}}}}",
        charts.join(", "),
        ranking.join(", ")
    )
}

#[test]
fn chromium_shows_the_report_offline_with_every_chart_and_the_ranking_in_order() {
    let chromium = std::path::Path::new("/usr/bin/chromium").exists();
    let required = std::env::var("PINGYI_REQUIRE_EXTERNAL").as_deref() == Ok("1");
    if !chromium {
        assert!(
            !required,
            "/usr/bin/chromium is required (PINGYI_REQUIRE_EXTERNAL=1)"
        );
        eprintln!("skipped: /usr/bin/chromium not found");
        return;
    }
    if !util::external("python3", &["-c", "import playwright.sync_api"]) {
        return;
    }
    let (wd, _) = run_example("zh");
    let expect = wd.write("expect.json", browser_expectations(&wd));
    let report = wd.path("out/report.html");
    let script = util::repo_root().join("tests/python/report_browser.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&report)
        .arg(wd.root())
        .arg(&expect)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!(
        "{stdout}(these files go with the test's temporary folder; to look at them, set PINGYI_REPORT_KEEP to a folder they are copied to)"
    );
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(wd.read("report.png").starts_with(b"\x89PNG"));
    assert!(wd.read("report.pdf").starts_with(b"%PDF"));
    if let Ok(dir) = std::env::var("PINGYI_REPORT_KEEP") {
        for f in ["report.png", "report.pdf"] {
            std::fs::copy(wd.path(f), std::path::Path::new(&dir).join(f)).unwrap();
        }
    }
}

#[test]
fn a_score_with_units_not_ranked_is_reported_with_them_listed_after_the_ranking() {
    let (wd, _) = run_example("en");
    wd.write("dq.csv", "乡镇,原因\n马坪镇,发生重大责任事故\n");
    // 白沙镇's answers left out: listed with no survey answers.
    let answers = String::from_utf8(wd.read("data/county_responses.csv")).unwrap();
    let kept: String = answers
        .lines()
        .filter(|l| !l.contains("白沙镇"))
        .map(|l| format!("{l}\n"))
        .collect();
    wd.write("answers.csv", &kept);
    wd.ok(&[
        "score",
        "--responses",
        "answers.csv",
        "--units",
        "out/county/frame.csv",
        "--scheme",
        "township",
        "--inspection",
        "data/county_inspection.csv",
        "--findings",
        "out/county/audit_tally.csv",
        "--disqualified",
        "dq.csv",
        "--out",
        "s.csv",
    ]);
    wd.ok(&[
        "--lang", "en", "report", "s.csv", "--root", ".", "--out", "r.html",
    ]);
    let page = String::from_utf8(wd.read("r.html")).unwrap();
    let table = &page[page.find("id=\"scores\"").unwrap()..];
    let (ranked, unranked) = (
        table.find("<td class=\"n\">13</td>").unwrap(),
        table.find("马坪镇").unwrap(),
    );
    assert!(ranked < unranked, "the units not ranked follow the ranking");
    for needle in [
        "unqualified for the year (发生重大责任事故)",
        "no survey answers",
        "<td>—</td>",
    ] {
        assert!(table.contains(needle), "{needle}");
    }
}

#[test]
fn the_draw_section_counts_the_drawn_whatever_the_frames_format() {
    // The frame saved as a workbook (as the quick start does) names its categories in
    // Chinese; the sample's manifest by key: the drawn are counted all the same.
    let wd = Workdir::new();
    wd.write("counts.csv", "乡镇,农村低保,五保\n甲乡,20,5\n乙镇,15,4\n");
    let mut roster = String::from("编号,单位,类别\n");
    let mut n = 0;
    for (u, c, k) in [
        ("甲乡", "农村低保", 20),
        ("甲乡", "五保", 5),
        ("乙镇", "农村低保", 15),
        ("乙镇", "五保", 4),
    ] {
        for _ in 0..k {
            n += 1;
            roster.push_str(&format!("{n:04},{u},{c}\n"));
        }
    }
    wd.write("roster.csv", roster);
    let mut totals = Vec::new();
    for ext in ["csv", "xlsx"] {
        let frame = format!("frame.{ext}");
        let sample = format!("sample_{ext}.csv");
        let page = format!("report_{ext}.html");
        wd.ok(&[
            "frame",
            "--counts",
            "counts.csv",
            "--per-unit",
            "6",
            "--reserve-rate",
            "0.3",
            "--out",
            &frame,
        ]);
        let draw = [
            "draw",
            "--frame",
            &frame,
            "--roster",
            "roster.csv",
            "--seed",
            "1",
        ];
        wd.ok(&[&draw[..], &["--out", &sample]].concat());
        wd.ok(&[
            "--lang",
            "zh",
            "report",
            &format!("{sample}.manifest.json"),
            "--out",
            &page,
        ]);
        let html = String::from_utf8(wd.read(&page)).unwrap();
        let draw = &html[html.find("id=\"draw\"").unwrap()..];
        let foot = &draw[draw.find("<tfoot>").unwrap()..draw.find("</tfoot>").unwrap()];
        totals.push(foot.to_string());
    }
    assert!(
        totals[0].contains(">12<") && totals[0].contains(">6<"),
        "{}",
        totals[0]
    );
    assert_eq!(totals[0], totals[1]);
}
