//! The masking policy in every manifest, through the real binary: each manifest of a
//! run records the policy it was written under (pingyi.toml's `[mask]`, or the flags),
//! a run under a policy other than the default verifies, an edited policy is refused,
//! and `verify` builds the draw's data-quality report again from the rosters and names
//! the row of a tampered report (values masked), in English and in Chinese.

mod util;

use std::path::Path;

use util::Workdir;

/// The example's data folder with `extra` appended to its pingyi.toml.
fn with_config(extra: &str) -> Workdir {
    let wd = util::with_example_data();
    let mut toml = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    toml.push_str(extra);
    wd.write("data/pingyi.toml", toml);
    wd
}

/// Every manifest under `out/`, by its path relative to the work folder.
fn manifests(wd: &Workdir) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![wd.path("out")];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.to_string_lossy().ends_with(".manifest.json") {
                let rel = p.strip_prefix(wd.root()).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

fn json(wd: &Workdir, name: &str) -> serde_json::Value {
    serde_json::from_slice(&wd.read(name)).unwrap()
}

fn policy(id: (u8, u8), name: u8, phone: (u8, u8)) -> serde_json::Value {
    serde_json::json!({
        "id_head": id.0, "id_tail": id.1, "name_head": name,
        "phone_head": phone.0, "phone_tail": phone.1
    })
}

/// Every manifest of the run records `expected`, and verifies with its chain.
fn all_record_and_verify(wd: &Workdir, expected: &serde_json::Value) {
    let names = manifests(wd);
    assert_eq!(names.len(), 14, "{names:?}");
    for name in &names {
        let m = json(wd, name);
        assert_eq!(&m["parameters"]["mask"], expected, "{name}");
    }
    for name in &names {
        let run = wd.ok(&["verify", "--chain", "--root", ".", name]);
        assert!(run.stdout().starts_with("OK"), "{name}: {}", run.stdout());
    }
}

#[test]
fn every_manifest_records_the_policy_of_pingyi_toml_or_the_flags_and_verifies() {
    let wd = with_config("\n[mask]\nid_head = 4\nid_tail = 2\nname_head = 2\nphone_tail = 2\n");
    wd.ok(&["run"]);
    all_record_and_verify(&wd, &policy((4, 2), 2, (3, 2)));
    wd.ok(&["run", "--mask-phone", "2,3"]);
    all_record_and_verify(&wd, &policy((6, 4), 1, (2, 3)));
}

/// Rewrites a manifest's recorded policy with `edit`.
fn edit_policy(wd: &Workdir, name: &str, edit: impl Fn(&mut serde_json::Value)) {
    let mut m = json(wd, name);
    edit(&mut m["parameters"]["mask"]);
    wd.write(name, serde_json::to_vec_pretty(&m).unwrap());
}

#[test]
fn a_draw_manifest_whose_policy_was_edited_is_refused_naming_the_row() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let manifest = "out/county/sample.csv.manifest.json";
    wd.ok(&["verify", "--root", ".", manifest]);
    edit_policy(&wd, manifest, |p| p["id_tail"] = 2.into());
    for (lang, says) in [
        (
            "en",
            "sample.csv.quality.csv, row 2, column value (C): holds 998338********1720, the data-quality report built again from the rosters has 998338**********20",
        ),
        (
            "zh",
            "文件 sample.csv.quality.csv，第 2 行，第 3 列（C 列）「value」：现为 998338********1720，按花名册重新生成的数据质量报告为 998338**********20",
        ),
    ] {
        let run = wd.run(&["verify", "--root", ".", manifest, "--lang", lang]);
        run.expect_code(3);
        assert!(run.stdout().contains(says), "{lang}: {}", run.stdout());
    }
}

#[test]
fn a_policy_edited_to_keep_too_much_is_refused_in_any_manifest() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let manifest = "out/county/audit_tally.csv.manifest.json";
    edit_policy(&wd, manifest, |p| p["phone_tail"] = 11.into());
    for (lang, says) in [
        (
            "en",
            "the masking policy recorded keeps 14 characters of a phone number (phone_head + phone_tail), more than the 7",
        ),
        (
            "zh",
            "清单记录的遮蔽规则保留了电话号码的 14 个字符（phone_head + phone_tail），超过任何规则允许的最多 7 个",
        ),
    ] {
        let run = wd.run(&["verify", "--root", ".", manifest, "--lang", lang]);
        run.expect_code(3);
        assert!(run.stdout().contains(says), "{lang}: {}", run.stdout());
    }
}

#[test]
fn a_manifest_without_the_record_verifies_under_the_default() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    // Each verified before the manifests that link it are edited.
    for name in [
        "out/county/score.csv.manifest.json",
        "out/county/audit_tally.csv.manifest.json",
        "out/county/audit_checklist.csv.manifest.json",
        "out/city/frame.csv.manifest.json",
    ] {
        let mut m = json(&wd, name);
        m["parameters"].as_object_mut().unwrap().remove("mask");
        wd.write(name, serde_json::to_vec_pretty(&m).unwrap());
        wd.ok(&["verify", "--root", ".", name]);
    }
}

/// Replaces `from` by `to` in the file `name` (which must hold it).
fn replace_in(wd: &Workdir, name: &str, from: &str, to: &str) {
    let text = String::from_utf8(wd.read(name)).unwrap();
    assert!(text.contains(from), "{name}: {from}");
    wd.write(name, text.replacen(from, to, 1));
}

#[test]
fn a_tampered_quality_report_is_named_by_row_and_column_masked() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    let quality = "out/county/sample.csv.quality.csv";
    // A finding moved to another unit, and a value written in clear.
    replace_in(
        &wd,
        quality,
        "invalid_id_number,凤凰乡,",
        "invalid_id_number,东岗镇,",
    );
    replace_in(&wd, quality, "995439********2470", "995439199001012470");
    let manifest = "out/county/sample.csv.manifest.json";
    for (lang, unit, value) in [
        (
            "en",
            "sample.csv.quality.csv, row 2, column unit (B): holds 东岗镇, the data-quality report built again from the rosters has 凤凰乡",
            "sample.csv.quality.csv, row 3, column value (C): holds 995439********2470, the data-quality report built again from the rosters has 995439********2470",
        ),
        (
            "zh",
            "文件 sample.csv.quality.csv，第 2 行，第 2 列（B 列）「unit」：现为 东岗镇，按花名册重新生成的数据质量报告为 凤凰乡",
            "文件 sample.csv.quality.csv，第 3 行，第 3 列（C 列）「value」：现为 995439********2470",
        ),
    ] {
        let run = wd.run(&["verify", "--root", ".", manifest, "--lang", lang]);
        run.expect_code(3);
        let out = run.stdout();
        assert!(out.contains(unit) && out.contains(value), "{lang}: {out}");
        assert!(!out.contains("19900101"), "{lang}: masked: {out}");
    }
}

#[test]
fn a_quality_report_of_an_earlier_version_is_checked_by_its_bytes() {
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
    let run = wd.ok(&["verify", "--root", ".", manifest]);
    assert!(
        run.stdout().contains("written by an earlier version"),
        "{}",
        run.stdout()
    );
    replace_in(&wd, "out/county/sample.csv.quality.csv", "998338", "998339");
    let run = wd.run(&["verify", "--root", ".", manifest]);
    run.expect_code(3);
    assert!(Path::new(&wd.path(manifest)).exists());
}
