//! Manifests' typed parameters and selection records: the manifests of the current
//! release read back and written again byte for byte, and a misspelt parameter, an
//! unknown command or a misspelt selection key refused as a bad manifest (exit 2)
//! through the real binary.

mod util;

use std::path::Path;

use pingyi::provenance::Manifest;
use util::Workdir;

/// Every manifest in a folder of the repository, by path.
fn manifests_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            manifests_under(&path, out);
        } else if path.to_string_lossy().ends_with(".manifest.json") {
            out.push(path);
        }
    }
}

#[test]
fn the_current_releases_manifests_read_back_and_write_again_to_the_same_bytes() {
    let mut found = Vec::new();
    manifests_under(
        &util::repo_root().join("tests/fixtures/manifests-0.1"),
        &mut found,
    );
    found.sort();
    let mut commands = std::collections::BTreeSet::new();
    for path in &found {
        let bytes = std::fs::read(path).unwrap();
        let m = Manifest::from_bytes(&bytes, &path.display().to_string()).unwrap();
        commands.insert(m.command());
        assert_eq!(
            String::from_utf8(m.to_bytes().unwrap()).unwrap(),
            String::from_utf8(bytes).unwrap(),
            "{} does not write back to its own bytes",
            path.display()
        );
    }
    // The fixture holds a manifest of each stage the example run goes through.
    let want = ["audit-select", "audit-tally", "draw", "frame", "score"];
    assert_eq!(commands.into_iter().collect::<Vec<_>>(), want);
}

#[test]
fn manifests_of_every_command_written_now_read_back_to_the_same_bytes() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    wd.ok(&["counts", "data/county_counts.xlsx", "--out", "counts.csv"]);
    wd.ok(&[
        "synth",
        "--counts",
        "data/county_counts.xlsx",
        "--seed",
        "s",
        "--plant-problems",
        "2",
        "--out",
        "roster.csv",
    ]);
    let mut found = Vec::new();
    manifests_under(wd.root(), &mut found);
    let mut commands = std::collections::BTreeSet::new();
    for path in &found {
        let bytes = std::fs::read(path).unwrap();
        let m = Manifest::from_bytes(&bytes, &path.display().to_string()).unwrap();
        commands.insert(m.command());
        assert_eq!(m.to_bytes().unwrap(), bytes, "{}", path.display());
    }
    let want = [
        "audit-select",
        "audit-tally",
        "counts",
        "draw",
        "frame",
        "score",
        "synth",
    ];
    assert_eq!(commands.into_iter().collect::<Vec<_>>(), want);
}

/// The example county drawn into `sample.csv` and its audit subset selected into
/// `c.csv`, each with its manifest.
fn drawn_and_selected() -> Workdir {
    let wd = util::example_county();
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "s",
        "--out",
        "sample.csv",
    ]);
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "audit-s",
        "--out",
        "c.csv",
    ]);
    wd
}

/// Replaces `from` by `to` in a manifest's text, once.
fn edit(wd: &Workdir, name: &str, from: &str, to: &str) {
    let text = String::from_utf8(wd.read(name)).unwrap();
    assert!(text.contains(from), "{name} lacks {from:?}");
    wd.write(name, text.replacen(from, to, 1));
}

#[test]
fn a_misspelt_parameter_is_a_bad_manifest() {
    let wd = drawn_and_selected();
    wd.ok(&["verify", "sample.csv.manifest.json"]);
    edit(
        &wd,
        "sample.csv.manifest.json",
        "\"take_all_short\"",
        "\"take_all_shorts\"",
    );
    wd.run(&["verify", "sample.csv.manifest.json"])
        .expect_bad_input(&["sample.csv.manifest.json", "take_all_shorts", "draw"]);

    wd.ok(&["verify", "frame.csv.manifest.json"]);
    edit(&wd, "frame.csv.manifest.json", "\"margin\"", "\"margins\"");
    wd.run(&["verify", "frame.csv.manifest.json"])
        .expect_bad_input(&["frame.csv.manifest.json", "margins"]);
}

#[test]
fn a_missing_parameter_or_an_unknown_command_is_a_bad_manifest() {
    let wd = drawn_and_selected();
    edit(&wd, "sample.csv.manifest.json", "\"seed\"", "\"sede\"");
    wd.run(&["verify", "sample.csv.manifest.json"])
        .expect_bad_input(&["sample.csv.manifest.json", "seed"]);
    edit(
        &wd,
        "c.csv.manifest.json",
        "\"command\": \"audit-select\"",
        "\"command\": \"audit-pick\"",
    );
    wd.run(&["verify", "c.csv.manifest.json"])
        .expect_bad_input(&["c.csv.manifest.json", "'audit-pick'"]);
}

#[test]
fn a_misspelt_key_in_a_selection_record_is_a_bad_manifest() {
    let wd = drawn_and_selected();
    wd.ok(&["verify", "c.csv.manifest.json"]);
    edit(
        &wd,
        "c.csv.manifest.json",
        "\"cells_keyed\"",
        "\"cell_keyed\"",
    );
    wd.run(&["verify", "c.csv.manifest.json"])
        .expect_bad_input(&["c.csv.manifest.json", "cell_keyed"]);
    wd.run(&[
        "audit",
        "tally",
        "--checklist",
        "c.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ])
    .expect_bad_input(&["c.csv.manifest.json", "cell_keyed"]);
    assert!(!wd.exists("t.csv"));
}
