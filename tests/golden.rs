//! Every output's bytes, pinned: `pingyi run` on the bundled example and the draw from a
//! generated roster of a million rows must give exactly the files whose SHA-256 digests
//! are listed in `tests/golden/`. A change of layout or of the code's shape must not
//! move a byte; a change that does so on purpose updates the lists
//! (`PINGYI_BLESS=1 cargo test --release --test golden`) and says why in CHANGELOG.md.

mod util;

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `<sha256>  <path>` for every file under `dir`, sorted by path ('/' separated).
fn listing(dir: &Path) -> String {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(rel.join("/"), sha256(&std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
        .iter()
        .map(|(path, digest)| format!("{digest}  {path}\n"))
        .collect()
}

/// Compares `got` with the pinned list `name`, or writes it under PINGYI_BLESS=1.
fn check_pinned(name: &str, got: &str) {
    let path = util::repo_root().join("tests/golden").join(name);
    if std::env::var_os("PINGYI_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want == got {
        return;
    }
    let want_lines: Vec<&str> = want.lines().collect();
    let got_lines: Vec<&str> = got.lines().collect();
    let changed: Vec<String> = got_lines
        .iter()
        .filter(|l| !want_lines.contains(l))
        .map(|l| format!("  now   {l}"))
        .chain(
            want_lines
                .iter()
                .filter(|l| !got_lines.contains(l))
                .map(|l| format!("  was   {l}")),
        )
        .collect();
    panic!(
        "outputs differ from tests/golden/{name}:\n{}",
        changed.join("\n")
    );
}

#[test]
fn the_example_runs_to_the_pinned_bytes() {
    let wd = util::with_example_data();
    wd.ok(&["run"]);
    check_pinned("run_out.sha256", &listing(&wd.path("out")));
}

#[test]
fn a_million_row_draw_gives_the_pinned_bytes() {
    let frame = ["--per-unit", "100", "--reserve-rate", "0.2"];
    let wd = util::big_county(1_000_000, "million", &frame);
    util::draw_example(&wd, "20260615-青石-民主评议", "out/sample.csv");
    let mut got = String::new();
    for name in ["roster.csv", "frame.csv"] {
        got.push_str(&format!("{}  {name}\n", sha256(&wd.read(name))));
    }
    got.push_str(&listing(&wd.path("out")));
    check_pinned("million_draw.sha256", &got);
}

/// Copies a folder of the repository into the work folder.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Verifies, with this build, every manifest of a fixture folder copied over the
/// bundled data as `out/`; returns how many there were.
fn verify_fixture(name: &str) -> usize {
    let wd = util::with_example_data();
    let fixture = util::repo_root().join("tests/fixtures").join(name);
    copy_tree(&fixture, &wd.path("out"));
    let manifests: Vec<String> = listing(&wd.path("out"))
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(_, p)| p.to_string()))
        .filter(|p| p.ends_with(".manifest.json"))
        .collect();
    for m in &manifests {
        let path = format!("out/{m}");
        let run = wd.ok(&["verify", "--chain", "--root", ".", &path]);
        assert!(run.stdout().contains("OK"), "{path}: {}", run.stdout());
    }
    manifests.len()
}

/// Manifests written by an earlier build (the CSV outputs of `pingyi run` and their
/// manifests, kept in tests/fixtures/manifests-0.1) must still verify against the
/// bundled data with this build, whatever the code's shape has become.
#[test]
fn manifests_written_before_still_verify() {
    assert_eq!(verify_fixture("manifests-0.1"), 8);
}

/// The first release's manifests (tests/fixtures/manifests-0.0: frames, the sample, the
/// audit selection with its unkeyed digests, the tally) still verify. Its scores are
/// left out: their means were summed in row order, and the exact sums of this version
/// differ in the last digits (CHANGELOG.md).
#[test]
fn the_first_release_manifests_still_verify() {
    assert_eq!(verify_fixture("manifests-0.0"), 6);
}
