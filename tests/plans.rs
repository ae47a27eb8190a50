//! One frame plan from every source: the same settings typed as flags, written in
//! `pingyi.toml` or recorded in a manifest give the same frame, and the same rules refuse
//! the same combinations from each.

mod util;

use util::Workdir;

const COUNTS: &str = "unit,category,count\n\
    东镇,低保,420\n东镇,特困,60\n东镇,临时救助,35\n\
    西镇,低保,300\n西镇,特困,12\n西镇,临时救助,80\n";

/// A folder with the count table and a `pingyi.toml` whose county level holds `keys`.
fn folder(keys: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("counts.csv", COUNTS);
    wd.write("data/counts.csv", COUNTS);
    wd.write(
        "data/pingyi.toml",
        format!("[county]\ntitle = \"t\"\ncounts = \"counts.csv\"\n{keys}\n"),
    );
    wd
}

/// The `parameters` object of a manifest.
fn parameters(wd: &Workdir, manifest: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(&wd.read(manifest)).unwrap();
    v["parameters"].clone()
}

#[test]
fn the_same_settings_from_flags_config_and_manifest_give_the_same_frame() {
    let cases: [(&str, &[&str]); 3] = [
        (
            "margin = 0.08\nconfidence = 0.9\np = 0.4\nmethod = \"equal\"\nmin_per_stratum = 2\nreserve_rate = \"0.3\"",
            &[
                "--margin",
                "0.08",
                "--confidence",
                "0.9",
                "--p",
                "0.4",
                "--method",
                "equal",
                "--min-per-stratum",
                "2",
                "--reserve-rate",
                "0.3",
            ],
        ),
        (
            "per_unit = 40\nreserves = 2",
            &["--per-unit", "40", "--reserves", "2"],
        ),
        // Nothing but the defaults (a margin needs its confidence and p filled in).
        ("margin = 0.1", &["--margin", "0.1"]),
    ];
    for (keys, flags) in cases {
        let wd = folder(keys);
        wd.ok(&["run"]);
        let mut args = vec!["frame", "--counts", "counts.csv", "--out", "frame.csv"];
        args.extend_from_slice(flags);
        wd.ok(&args);
        assert_eq!(
            wd.read("frame.csv"),
            wd.read("out/county/frame.csv"),
            "{keys}"
        );
        let from_flags = parameters(&wd, "frame.csv.manifest.json");
        assert_eq!(
            from_flags,
            parameters(&wd, "out/county/frame.csv.manifest.json"),
            "{keys}"
        );
        // The manifest's recorded parameters rebuild the very same frame.
        wd.ok(&["verify", "frame.csv.manifest.json"]);
        wd.ok(&[
            "verify",
            "--root",
            ".",
            "out/county/frame.csv.manifest.json",
        ]);
    }
}

#[test]
fn the_defaults_are_recorded_alike_from_flags_and_config() {
    let wd = folder("margin = 0.1");
    wd.ok(&["run"]);
    wd.ok(&[
        "frame",
        "--counts",
        "counts.csv",
        "--margin",
        "0.1",
        "--out",
        "frame.csv",
    ]);
    let p = parameters(&wd, "frame.csv.manifest.json");
    assert_eq!(p["confidence"], serde_json::json!(0.95), "{p}");
    assert_eq!(p["p"], serde_json::json!(0.5), "{p}");
    assert_eq!(p["method"], serde_json::json!("proportional"), "{p}");
    assert_eq!(p["min_per_stratum"], serde_json::json!(1), "{p}");
}

#[test]
fn per_unit_with_margin_is_refused_from_flags() {
    let wd = folder("");
    wd.run(&[
        "frame",
        "--counts",
        "counts.csv",
        "--per-unit",
        "40",
        "--margin",
        "0.05",
        "--out",
        "frame.csv",
    ])
    .expect_bad_input(&["per_unit (--per-unit) and margin (--margin) are both given"]);
    assert!(!wd.exists("frame.csv") && !wd.exists("frame.csv.manifest.json"));
    wd.run(&[
        "frame",
        "--counts",
        "counts.csv",
        "--reserve-rate",
        "0.3",
        "--reserves",
        "2",
        "--out",
        "frame.csv",
    ])
    .expect_bad_input(&["reserve_rate (--reserve-rate) and reserves (--reserves) are both given"]);
    assert!(!wd.exists("frame.csv"));
}

#[test]
fn per_unit_with_margin_is_refused_from_config() {
    let wd = folder("per_unit = 40\nmargin = 0.05");
    wd.run(&["run"]).expect_bad_input(&[
        "data/pingyi.toml",
        "per_unit (--per-unit) and margin (--margin) are both given",
    ]);
    assert!(!wd.exists("out/county/frame.csv"));
    let wd = folder("reserve_rate = \"0.3\"\nreserves = 2");
    wd.run(&["run"]).expect_bad_input(&[
        "data/pingyi.toml",
        "reserve_rate (--reserve-rate) and reserves (--reserves) are both given",
    ]);
    assert!(!wd.exists("out/county/frame.csv"));
}

#[test]
fn per_unit_with_margin_is_refused_from_a_manifest() {
    let wd = folder("");
    wd.ok(&[
        "frame",
        "--counts",
        "counts.csv",
        "--per-unit",
        "40",
        "--out",
        "frame.csv",
    ]);
    wd.ok(&["verify", "frame.csv.manifest.json"]);
    let text = String::from_utf8(wd.read("frame.csv.manifest.json")).unwrap();
    assert!(text.contains("\"per_unit\": 40"), "{text}");
    wd.write(
        "frame.csv.manifest.json",
        text.replacen(
            "\"per_unit\": 40",
            "\"margin\": 0.05,\n    \"per_unit\": 40",
            1,
        ),
    );
    let run = wd.run(&["verify", "frame.csv.manifest.json"]);
    run.expect_code(3);
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        said.contains("per_unit (--per-unit) and margin (--margin) are both given"),
        "{said}"
    );
}

/// The `parameters` of a tally manifest as tally rules.
fn tally_rules(wd: &Workdir, manifest: &str) -> pingyi::audit::tally::TallyRules {
    let p = parameters(wd, manifest);
    let n = |k: &str| {
        p[k].as_f64()
            .unwrap_or_else(|| panic!("{manifest} lacks {k}: {p}"))
    };
    pingyi::audit::tally::TallyRules {
        per_case: n("per_case"),
        cap: n("cap"),
        recheck_at: n("recheck_at"),
        confidence: n("confidence"),
    }
}

#[test]
fn the_tally_flags_and_the_run_use_the_one_set_of_tally_defaults() {
    let plan = pingyi::audit::tally::TallyRules::default();
    // The plan's numbers, pinned here so that a change to the defaults is seen.
    assert_eq!(
        (plan.per_case, plan.cap, plan.recheck_at, plan.confidence),
        (0.5, 5.0, 0.10, 0.95)
    );
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    assert_eq!(
        tally_rules(&wd, "out/county/audit_tally.csv.manifest.json"),
        plan
    );
    wd.ok(&[
        "audit",
        "tally",
        "--checklist",
        "data/county_audit_filled.xlsx",
        "--manifest",
        "out/county/audit_checklist.xlsx.manifest.json",
        "--out",
        "t.csv",
    ]);
    assert_eq!(tally_rules(&wd, "t.csv.manifest.json"), plan);
    assert_eq!(
        wd.read("t.csv"),
        wd.read("out/county/audit_tally.csv"),
        "the same defaults give the same tally"
    );
    let help = wd.ok(&["audit", "tally", "--help"]).stdout();
    for shown in [
        format!("[default: {}]", plan.recheck_at),
        format!("[default: {}]", plan.per_case),
        format!("[default: {}]", plan.cap),
    ] {
        assert!(help.contains(&shown), "--help lacks {shown}:\n{help}");
    }
}
