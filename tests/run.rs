//! `pingyi run` on the bundled example: works twice in a row, byte-identical, owns its
//! output folder and nothing else.

mod util;

use std::collections::BTreeMap;
use std::path::Path;

use util::Workdir;

/// Copies data/ of the repository into the work folder.
fn with_example() -> Workdir {
    util::with_example_data()
}

fn sha256(bytes: &[u8]) -> String {
    pingyi::io::digest::sha256_hex(bytes)
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn run_twice_gives_the_same_bytes() {
    let wd = with_example();
    let first = wd.ok(&["run"]);
    assert!(
        first.stdout().contains("青石县民政局"),
        "{}",
        first.stdout()
    );
    assert!(first.stdout().contains("城关镇"));
    let a = snapshot(&wd.path("out"));
    for f in [
        "city/frame.csv",
        "city/frame.xlsx",
        "county/frame.csv",
        "county/frame.xlsx",
        "city/frame.csv.manifest.json",
        "county/frame.xlsx.manifest.json",
        "county/sample.csv",
        "county/sample.xlsx",
        "county/sample.csv.manifest.json",
        "county/sample.csv.quality.csv",
    ] {
        assert!(a.contains_key(f), "missing {f}: {:?}", a.keys());
    }
    let second = wd.ok(&["run"]);
    assert_eq!(first.stdout(), second.stdout());
    assert_eq!(a, snapshot(&wd.path("out")));
}

#[test]
fn run_matches_the_frame_command() {
    let wd = with_example();
    wd.ok(&["run"]);
    let mut args = vec![
        "frame",
        "--counts",
        "data/county_counts.xlsx",
        "--out",
        "county.csv",
    ];
    args.extend(util::COUNTY_FRAME);
    wd.ok(&args);
    assert_eq!(wd.read("county.csv"), wd.read("out/county/frame.csv"));
}

#[test]
fn the_example_frames_add_up() {
    let wd = with_example();
    wd.ok(&["run"]);
    let text = String::from_utf8(wd.read("out/county/frame.csv")).unwrap();
    let mut by_unit: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for line in text.trim_start_matches('\u{feff}').lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (pop, sample): (u64, u64) = (f[2].parse().unwrap(), f[3].parse().unwrap());
        assert!(sample <= pop);
        assert!(sample >= pop.min(3), "{line}");
        let e = by_unit.entry(f[0].to_string()).or_default();
        e.0 += pop;
        e.1 += sample;
    }
    assert_eq!(by_unit.len(), 15);
    for (unit, (pop, sample)) in by_unit {
        let n = wd
            .ok(&["size", "--population", &pop.to_string(), "--margin", "0.1"])
            .stdout();
        assert_eq!(sample.to_string(), n.trim(), "{unit}");
    }
}

#[test]
fn run_draws_the_county_sample_from_its_own_frame() {
    let wd = with_example();
    let run = wd.ok(&["run"]);
    assert!(run.stdout().contains(" roster "), "{}", run.stdout());
    assert!(run.stdout().contains("data quality"));
    wd.ok(&[
        "draw",
        "--frame",
        "out/county/frame.csv",
        "--roster",
        "data/county_roster.csv",
        "--seed",
        "20260615-青石-民主评议",
        "--out",
        "sample.csv",
    ]);
    assert_eq!(wd.read("sample.csv"), wd.read("out/county/sample.csv"));
    let m: serde_json::Value =
        serde_json::from_slice(&wd.read("out/county/sample.csv.manifest.json")).unwrap();
    assert_eq!(m["inputs"][0]["path"], "frame.csv");
    assert_eq!(
        m["inputs"][0]["manifest"]["path"],
        "frame.csv.manifest.json"
    );
    assert_eq!(m["inputs"][1]["path"], "../../data/county_roster.csv");
}

#[test]
fn a_level_with_rosters_needs_a_draw_seed() {
    let wd = with_example();
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    let cut = config.find("[seeds]").unwrap();
    wd.write("data/pingyi.toml", &config[..cut]);
    wd.run(&["run"])
        .expect_bad_input(&["pingyi.toml", "no draw seed"]);
    assert!(!wd.exists("out/city/frame.csv"));
}

#[test]
fn a_confidence_or_p_without_a_margin_is_refused_naming_the_key() {
    let wd = with_example();
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    let margin = "margin = 0.05            # ±5% at 95% confidence, per county bureau\n";
    assert!(config.contains(margin));
    let without = config.replacen(margin, "per_unit = 40\n", 1);
    wd.write("data/pingyi.toml", &without);
    wd.run(&["run"]).expect_bad_input(&[
        "pingyi.toml",
        "[city] key confidence is given but margin is not",
    ]);
    assert!(!wd.exists("out"));
    let p_alone = without.replacen("confidence = 0.95\n", "p = 0.3\n", 1);
    wd.write("data/pingyi.toml", &p_alone);
    wd.run(&["run"])
        .expect_bad_input(&["[city] key p is given but margin is not"]);
    assert!(!wd.exists("out"));
    // Without either, the level runs with its fixed size.
    wd.write(
        "data/pingyi.toml",
        without.replacen("confidence = 0.95\n", "", 1),
    );
    wd.ok(&["run"]);
}

#[test]
fn a_rerun_replaces_its_own_files_and_nothing_else() {
    let wd = with_example();
    wd.ok(&["run"]);
    // A file an earlier run wrote (listed in the marker) that this run no longer writes.
    let marker = String::from_utf8(wd.read("out/.pingyi-run")).unwrap();
    assert!(marker.contains("  county/sample.csv\n"), "{marker}");
    wd.write(
        "out/.pingyi-run",
        format!("{marker}{}  county/old-frame.csv\n", sha256(b"stale")),
    );
    wd.write("out/county/old-frame.csv", "stale");
    // A file of the user's, saved beside the outputs.
    wd.write("out/county/my-notes.txt", "keep me");
    wd.ok(&["run"]);
    assert!(!wd.exists("out/county/old-frame.csv"));
    assert_eq!(wd.read("out/county/my-notes.txt"), b"keep me");
    assert!(wd.exists("out/county/frame.csv"));
}

#[test]
fn force_writes_into_a_foreign_folder_without_deleting_anything() {
    let wd = with_example();
    wd.write("mine/notes.txt", "keep me");
    wd.write("mine/sub/other.csv", "keep me too");
    wd.ok(&["run", "--out", "mine", "--force"]);
    assert_eq!(wd.read("mine/notes.txt"), b"keep me");
    assert_eq!(wd.read("mine/sub/other.csv"), b"keep me too");
    assert!(wd.exists("mine/county/frame.csv"));
    // Nothing is left in the staging folder.
    assert!(!wd.exists(".mine.pingyi-staging"));
}

#[test]
fn a_failing_later_stage_leaves_the_previous_outputs_untouched() {
    let wd = with_example();
    wd.ok(&["run"]);
    let before = snapshot(&wd.path("out"));
    // The audit seed changes, so the filled checklist no longer matches the selection.
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    wd.write(
        "data/pingyi.toml",
        config.replace("20260701-青石-抽查", "another audit seed"),
    );
    wd.run(&["run"])
        .expect_bad_input(&["county_audit_filled.xlsx", "another selection"]);
    assert_eq!(before, snapshot(&wd.path("out")));
}

#[test]
fn run_will_not_take_over_a_folder_it_did_not_write() {
    let wd = with_example();
    wd.write("mine/notes.txt", "keep me");
    wd.run(&["run", "--out", "mine"])
        .expect_bad_input(&["mine", "--force"]);
    assert_eq!(wd.read("mine/notes.txt"), b"keep me");
    assert!(!wd.exists("mine/city"));
}

#[test]
fn a_bad_configuration_is_bad_input() {
    let wd = with_example();
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    wd.write(
        "data/pingyi.toml",
        config.replace("method = \"proportional\"", "method = \"best\""),
    );
    wd.run(&["run"])
        .expect_bad_input(&["pingyi.toml", "unknown allocation method 'best'"]);
    assert!(!wd.exists("out/city/frame.csv"));
}

#[test]
fn the_marker_records_a_digest_for_every_file() {
    let wd = with_example();
    wd.ok(&["run"]);
    let marker = String::from_utf8(wd.read("out/.pingyi-run")).unwrap();
    let mut listed = 0;
    for line in marker.lines().filter(|l| !l.starts_with('#')) {
        let (digest, path) = line.split_once("  ").unwrap();
        assert_eq!(digest, sha256(&wd.read(&format!("out/{path}"))), "{path}");
        listed += 1;
    }
    let on_disk = snapshot(&wd.path("out")).len() - 1;
    assert_eq!(listed, on_disk, "{marker}");
}

#[test]
fn a_file_changed_since_the_run_is_left_alone_and_reported() {
    let wd = with_example();
    wd.ok(&["run"]);
    let marker = String::from_utf8(wd.read("out/.pingyi-run")).unwrap();
    // Listed with the digest the run recorded, then edited by hand.
    wd.write(
        "out/.pingyi-run",
        format!("{marker}{}  county/old-notes.csv\n", sha256(b"as written")),
    );
    wd.write("out/county/old-notes.csv", "edited by hand");
    let run = wd.ok(&["run"]);
    assert_eq!(wd.read("out/county/old-notes.csv"), b"edited by hand");
    assert!(
        run.stderr()
            .contains("old-notes.csv was changed since pingyi run wrote it"),
        "{}",
        run.stderr()
    );
    // A listed line without a digest (an older marker) removes nothing either.
    wd.write("out/county/older.csv", "kept");
    let marker = String::from_utf8(wd.read("out/.pingyi-run")).unwrap();
    wd.write("out/.pingyi-run", format!("{marker}county/older.csv\n"));
    let run = wd.ok(&["run"]);
    assert_eq!(wd.read("out/county/older.csv"), b"kept");
    assert!(
        run.stderr().contains("without the digest"),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_edited_output_that_a_rerun_would_replace_stops_the_run() {
    let wd = with_example();
    wd.ok(&["run"]);
    wd.write("out/county/sample.csv", "my corrections");
    let before = snapshot(&wd.path("out"));
    wd.run(&["run"])
        .expect_bad_input(&["sample.csv", "changed since", "move or rename"]);
    assert_eq!(before, snapshot(&wd.path("out")));
    // --force does not make it replaceable either.
    wd.run(&["run", "--force"])
        .expect_bad_input(&["sample.csv", "changed since"]);
    assert_eq!(before, snapshot(&wd.path("out")));
}

#[test]
fn a_users_file_of_an_outputs_name_is_never_replaced() {
    let wd = with_example();
    wd.write("mine/county/frame.csv", "my own frame");
    wd.write("mine/notes.txt", "keep me");
    wd.run(&["run", "--out", "mine"])
        .expect_bad_input(&["mine", "--force"]);
    wd.run(&["run", "--out", "mine", "--force"])
        .expect_bad_input(&["frame.csv", "was not written by pingyi run"]);
    assert_eq!(wd.read("mine/county/frame.csv"), b"my own frame");
    assert_eq!(wd.read("mine/notes.txt"), b"keep me");
    assert!(!wd.exists("mine/city"));
    assert!(!wd.exists(".mine.pingyi-staging"));
}

#[test]
fn a_marker_cannot_reach_outside_the_folder() {
    let wd = with_example();
    wd.ok(&["run"]);
    let victim = wd.write("victim.txt", "not pingyi's");
    let digest = sha256(b"not pingyi's");
    let marker = String::from_utf8(wd.read("out/.pingyi-run")).unwrap();
    wd.write(
        "out/.pingyi-run",
        format!(
            "{marker}{digest}  ../victim.txt\n{digest}  {}\n{digest}  county/../../victim.txt\n",
            victim.display()
        ),
    );
    let run = wd.ok(&["run"]);
    assert_eq!(wd.read("victim.txt"), b"not pingyi's");
    assert!(
        run.stderr().contains("not a file inside the folder"),
        "{}",
        run.stderr()
    );
}

#[cfg(unix)]
#[test]
fn a_linked_folder_in_out_is_never_written_or_emptied() {
    let wd = with_example();
    wd.ok(&["run"]);
    // A linked folder of the user's, and a marker that claims a file inside it.
    wd.write("elsewhere/frame.csv", "precious");
    std::os::unix::fs::symlink(wd.path("elsewhere"), wd.path("out/linked")).unwrap();
    let marker = String::from_utf8(wd.read("out/.pingyi-run")).unwrap();
    wd.write(
        "out/.pingyi-run",
        format!("{marker}{}  linked/frame.csv\n", sha256(b"precious")),
    );
    wd.ok(&["run"]);
    assert_eq!(wd.read("elsewhere/frame.csv"), b"precious");
    assert!(
        wd.path("out/linked")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(wd.read("out/linked/frame.csv"), b"precious");

    // The run's own level folder swapped for a link to a folder elsewhere, holding files
    // the marker vouches for: refused, and nothing there is touched.
    let county = snapshot(&wd.path("out/county"));
    std::fs::rename(wd.path("out/county"), wd.path("away")).unwrap();
    std::os::unix::fs::symlink(wd.path("away"), wd.path("out/county")).unwrap();
    wd.run(&["run"])
        .expect_bad_input(&["county", "a link or a file"]);
    assert_eq!(county, snapshot(&wd.path("away")));
    wd.run(&["run", "--force"]).expect_code(2);
    assert_eq!(county, snapshot(&wd.path("away")));
}

#[test]
fn leftovers_of_a_killed_run_neither_block_nor_stay() {
    let wd = with_example();
    wd.ok(&["run"]);
    let good = snapshot(&wd.path("out"));
    // A staging folder with personal data, and the old folder of an interrupted swap.
    wd.write(".out.pingyi-staging/county/sample.csv", "personal data");
    wd.write(".out.pingyi-old/county/sample.csv", "personal data");
    wd.ok(&["run"]);
    assert!(!wd.exists(".out.pingyi-staging"));
    assert!(!wd.exists(".out.pingyi-old"));
    assert_eq!(good, snapshot(&wd.path("out")));
    // Killed between the two renames: out/ is missing, the old set is beside it.
    std::fs::rename(wd.path("out"), wd.path(".out.pingyi-old")).unwrap();
    wd.write(".out.pingyi-staging/county/frame.csv", "half");
    wd.ok(&["run"]);
    assert_eq!(good, snapshot(&wd.path("out")));
    assert!(!wd.exists(".out.pingyi-old") && !wd.exists(".out.pingyi-staging"));
}

#[test]
fn inputs_inside_the_output_folder_are_refused() {
    let wd = with_example();
    wd.run(&["run", "--data", "data", "--out", "data", "--force"])
        .expect_bad_input(&["inside the output folder"]);
    assert!(!wd.exists("data/county"));
    assert!(!wd.exists("data/.pingyi-run"));
}

#[test]
fn a_marker_without_digests_replaces_nothing_and_says_why() {
    let wd = with_example();
    wd.ok(&["run"]);
    // The marker as an earlier version wrote it: paths only.
    let marker = String::from_utf8(wd.read("out/.pingyi-run")).unwrap();
    let paths: String = marker
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{}\n", l.split_once("  ").unwrap().1))
        .collect();
    wd.write("out/.pingyi-run", paths);
    let before = snapshot(&wd.path("out"));
    wd.run(&["run"])
        .expect_bad_input(&["without its digest", "earlier version"]);
    assert_eq!(before, snapshot(&wd.path("out")));
}

#[test]
fn the_run_prints_a_verify_command_that_works() {
    let wd = with_example();
    let run = wd.ok(&["run"]);
    let stdout = run.stdout();
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("pingyi verify"))
        .unwrap_or_else(|| panic!("no verify command in {stdout}"));
    let args: Vec<&str> = line.split_whitespace().skip(1).collect();
    assert!(args.contains(&"--root"), "{line}");
    let check = wd.ok(&args);
    assert!(check.stdout().contains("OK"), "{}", check.stdout());
    // Without the folder that holds data/, the run's manifests are refused.
    let bare: Vec<&str> = args
        .iter()
        .copied()
        .filter(|a| *a != "--root" && *a != ".")
        .collect();
    wd.run(&bare).expect_code(2);
}

/// `run` computes each stage once per level and renders that one result to `.csv` and
/// `.xlsx`; each file, quality report and manifest must be byte for byte what the
/// stage's own command writes when run once per format on the same inputs.
#[test]
fn run_renders_what_each_stage_command_writes() {
    let wd = with_example();
    wd.ok(&["run"]);
    // The commands write beside a copy of the run's frame, at the same depth, so every
    // relative path a manifest records is the same.
    // (The frames are checked against `pingyi frame` above; they are copied as they are.)
    for f in [
        "frame.csv",
        "frame.csv.manifest.json",
        "frame.xlsx",
        "frame.xlsx.manifest.json",
    ] {
        wd.write(
            &format!("again/county/{f}"),
            wd.read(&format!("out/county/{f}")),
        );
    }
    let d = "again/county";
    let at = |f: &str| format!("{d}/{f}");
    for ext in ["csv", "xlsx"] {
        let sample = at(&format!("sample.{ext}"));
        wd.ok(&[
            "draw",
            "--frame",
            &at("frame.csv"),
            "--roster",
            "data/county_roster.csv",
            "--seed",
            "20260615-青石-民主评议",
            "--out",
            &sample,
        ]);
        wd.ok(&[
            "audit",
            "select",
            "--sample",
            &at("sample.csv"),
            "--seed",
            "20260701-青石-抽查",
            "--rate",
            "0.30",
            "--out",
            &at(&format!("audit_checklist.{ext}")),
        ]);
    }
    for ext in ["csv", "xlsx"] {
        wd.ok(&[
            "audit",
            "tally",
            "--checklist",
            "data/county_audit_filled.xlsx",
            "--manifest",
            &at("audit_checklist.xlsx.manifest.json"),
            "--out",
            &at(&format!("audit_tally.{ext}")),
        ]);
        wd.ok(&[
            "score",
            "--responses",
            "data/county_responses.csv",
            "--units",
            &at("frame.csv"),
            "--scheme",
            "township",
            "--inspection",
            "data/county_inspection.csv",
            "--findings",
            &at("audit_tally.csv"),
            "--unit-facing",
            &at(&format!("score_units.{ext}")),
            "--out",
            &at(&format!("score.{ext}")),
        ]);
    }
    let run = snapshot(&wd.path("out/county"));
    let again = snapshot(&wd.path(d));
    assert_eq!(
        run.keys().collect::<Vec<_>>(),
        again.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &run {
        assert!(
            again[name] == *bytes,
            "{name}: the run's bytes differ from the command's"
        );
    }
}

/// A draw computed in memory is rendered only for the frame it was drawn from: once
/// the frame file is attached, rows that differ from those drawn from make it draw
/// again from the file, so the result is always what `pingyi draw` of that file gives.
#[test]
fn a_draw_computed_in_memory_follows_the_frame_file_it_is_rendered_for() {
    use pingyi::commands::draw::{
        DrawOptions, DrawRules, RosterInputs, compute_draw, compute_in_memory,
    };
    let wd = with_example();
    wd.ok(&["run"]);
    let opts = DrawOptions {
        frame: wd.path("out/county/frame.csv"),
        inputs: RosterInputs {
            rosters: vec![wd.path("data/county_roster.csv")],
            sheet: None,
            id_column: None,
            scan: Default::default(),
        },
        rules: DrawRules {
            seed: "20260615-青石-民主评议".into(),
            take_all_short: false,
            allow_count_mismatch: false,
        },
        allow_edited_frame: false,
        commitment: None,
    };
    let from_file = compute_draw(&opts).unwrap().draw;
    assert!(!from_file.drawn.is_empty());
    let (mut rows, _, _) = pingyi::commands::draw::load_frame(&opts.frame, false).unwrap();
    // The same rows: the draw made in memory is the one kept.
    let same = compute_in_memory(&rows, &opts.inputs, &opts.rules).unwrap();
    assert_eq!(same.draw.drawn, from_file.drawn);
    assert_eq!(
        same.attach_frame(&opts).unwrap().draw.drawn,
        from_file.drawn
    );
    // Other rows (one fewer drawn in a stratum): drawn again from the file.
    let row = rows.iter_mut().find(|r| r.sample > 1).unwrap();
    row.sample -= 1;
    let other = compute_in_memory(&rows, &opts.inputs, &opts.rules).unwrap();
    assert_ne!(other.draw.drawn, from_file.drawn);
    assert_eq!(
        other.attach_frame(&opts).unwrap().draw.drawn,
        from_file.drawn
    );
}

/// The summary of `pingyi run` is printed in the chosen language: the files written and
/// how to verify them.
#[test]
fn the_run_summary_speaks_the_chosen_language() {
    let wd = with_example();
    let en = wd.ok(&["run"]).stdout();
    assert!(en.contains("  wrote out/"), "{en}");
    assert!(
        en.contains("to check any output (re-derived and compared):\n  pingyi verify --chain"),
        "{en}"
    );
    assert!(!en.contains("写入"), "{en}");
    let wd = with_example();
    let zh = wd.ok(&["--lang", "zh", "run"]).stdout();
    assert!(zh.contains("  写入 out/"), "{zh}");
    assert!(
        zh.contains("核查任一输出（重新推导并比对）：\n  pingyi verify --chain"),
        "{zh}"
    );
    assert!(!zh.contains("wrote "), "{zh}");
    // The summary tables' headers speak one language too.
    for (text, mine, other) in [(&en, "│ unit", "单位"), (&zh, "│ 单位", "│ unit")] {
        assert!(text.contains(mine) && !text.contains(other), "{text}");
    }
    assert!(zh.contains("│ 合计") && zh.contains("排名"), "{zh}");
    assert!(zh.contains("数据质量：3 × 身份证号无效") && !zh.contains("invalid_id_number"));
    assert!(en.contains("data quality: 3 × invalid_id_number") && !en.contains("身份证号无效"));
}

/// A `pingyi.toml` with a margin out of range is refused before anything is written,
/// naming the file, the level and the key, in English and in Chinese.
#[test]
fn a_refused_configuration_names_the_key_in_both_languages() {
    for (lang, needles) in [
        (
            "en",
            [
                "data/pingyi.toml",
                "[county] key margin holds 10; write the margin of error as a fraction",
            ],
        ),
        (
            "zh",
            [
                "data/pingyi.toml",
                "[county] 键 margin 的值是 10；误差界请写成大于 0、小于 1 的小数",
            ],
        ),
    ] {
        let wd = with_example();
        let path = wd.path("data/pingyi.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let bad = text.replace("margin = 0.1 ", "margin = 10  ");
        assert_ne!(bad, text);
        std::fs::write(&path, bad).unwrap();
        wd.run(&["--lang", lang, "run"]).expect_bad_input(&needles);
        assert!(!wd.exists("out/county/frame.csv"), "{lang}");
    }
}
