//! `pingyi score --weighted` against R's survey package on the example county: design-
//! weighted means, their variances and covariance, and the survey score's standard
//! error, to 1e-9. Skipped where R is missing, unless PINGYI_REQUIRE_EXTERNAL=1.

mod util;

use std::collections::BTreeMap;
use std::process::Command;

use util::Workdir;

fn records(wd: &Workdir, name: &str) -> Vec<BTreeMap<String, String>> {
    let text = String::from_utf8(wd.read(name)).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|x| {
            headers
                .iter()
                .cloned()
                .zip(x.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn weighted_estimates_equal_r_survey() {
    if !util::external("Rscript", &["-e", "suppressMessages(library(survey))"]) {
        return;
    }
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    wd.ok(&[
        "score",
        "--responses",
        "data/county_responses.csv",
        "--scheme",
        "township",
        "--inspection",
        "data/county_inspection.csv",
        "--weighted",
        "--sample",
        "out/county/sample.csv",
        "--out",
        "w.csv",
    ]);
    // R's input, made here from the files: stratum populations from the sample's main rows
    // (n × weight), answers valued by the township scheme, complete answers only.
    let mut stratum = BTreeMap::new();
    let mut mains: BTreeMap<(String, String), (u64, f64)> = BTreeMap::new();
    for r in records(&wd, "out/county/sample.csv") {
        let key = (r["乡镇"].clone(), r["类别"].clone());
        if r["role"] == "main" {
            let e = mains.entry(key.clone()).or_insert((0, 0.0));
            e.0 += 1;
            e.1 = r["weight"].parse().unwrap();
        }
        stratum.insert(r["编号"].clone(), key);
    }
    let q1 = BTreeMap::from([
        ("满意", 0.9),
        ("基本满意", 0.8),
        ("不太满意", 0.7),
        ("不满意", 0.6),
    ]);
    let q2 = BTreeMap::from([("不存在", 1.0), ("不严重", 0.8), ("严重", 0.7)]);
    let mut rows = Vec::new();
    for r in records(&wd, "data/county_responses.csv") {
        let (Some(a), Some(b)) = (
            q1.get(r["总体满意度"].as_str()),
            q2.get(r["不良行为"].as_str()),
        ) else {
            continue;
        };
        if r["通话结果"] != "接通" {
            continue;
        }
        rows.push((stratum[&r["编号"]].clone(), *a, *b));
    }
    let mut n_h: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (k, _, _) in &rows {
        *n_h.entry(k.clone()).or_default() += 1;
    }
    let mut input = String::from("unit,stratum,N,w,q1,q2\n");
    for (k, a, b) in &rows {
        let (n, w) = mains[k];
        let big_n = (n as f64 * w).round();
        input.push_str(&format!(
            "{},{}/{},{},{:?},{},{}\n",
            k.0,
            k.0,
            k.1,
            big_n,
            big_n / n_h[k] as f64,
            a,
            b
        ));
    }
    wd.write("r_input.csv", input);
    let script = util::repo_root().join("tests/r/weighted_check.R");
    let out = Command::new("Rscript")
        .arg(script)
        .arg("r_input.csv")
        .current_dir(wd.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ours: BTreeMap<String, BTreeMap<String, String>> = records(&wd, "w.csv")
        .into_iter()
        .map(|r| (r["unit"].clone(), r))
        .collect();
    let r_lines = String::from_utf8(out.stdout).unwrap();
    assert_eq!(r_lines.lines().count(), 15);
    for line in r_lines.lines() {
        let f: Vec<&str> = line.split(',').collect();
        let v: Vec<f64> = f[1..].iter().map(|x| x.parse().unwrap()).collect();
        let o = &ours[f[0]];
        let get = |k: &str| o[k].parse::<f64>().unwrap();
        let close = |a: f64, b: f64, what: &str| {
            assert!((a - b).abs() < 1e-9, "{} {what}: pingyi {a}, R {b}", f[0])
        };
        close(get("q1_mean"), v[0], "mean q1");
        close(get("q2_mean"), v[1], "mean q2");
        close(get("q1_se"), v[2].sqrt(), "se q1");
        close(get("q2_se"), v[3].sqrt(), "se q2");
        let survey_se = 70.0 * (0.49 * v[2] + 0.09 * v[3] + 0.42 * v[4]).sqrt();
        close(get("survey_se"), survey_se, "se of the survey score");
    }
}
