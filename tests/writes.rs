//! Nothing deleted, overwritten or half-written by surprise, through the real binary:
//! no command writes over one of its inputs (however the path is spelled), every flag's
//! bad value is named with its flag, and a kill -9 at any moment of `draw` or `run`
//! leaves the old set of files, the new set, or none — never a mix — with nothing that
//! blocks the rerun and no temporary left once it has run.
//!
//! The kill trials: PINGYI_KILL_TRIALS (default 30) per command.

mod util;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use util::Workdir;

/// Every file under `dir` with its bytes (links are not followed).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.symlink_metadata().unwrap().is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    out
}

/// Names under `dir` (recursively) that pingyi uses for transient files and folders.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(".pingyi-tmp-")
                || name.ends_with(".pingyi-staging")
                || name.ends_with(".pingyi-old")
            {
                found.push(e.path().display().to_string());
            }
            if e.path().symlink_metadata().unwrap().is_dir() {
                stack.push(e.path());
            }
        }
    }
    found
}

fn trials() -> usize {
    std::env::var("PINGYI_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30)
}

/// A small, fixed pseudo-random sequence (splitmix64), so a failing trial can be rerun.
struct Jitter(u64);

impl Jitter {
    fn next_unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Starts pingyi, kills it (SIGKILL) after `delay` if it is still running, and says
/// whether it was killed.
fn kill_after(wd: &Workdir, args: &[&str], delay: Duration) -> bool {
    let mut child = wd
        .command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let killed = matches!(child.try_wait(), Ok(None));
    let _ = child.kill();
    let status = child.wait().unwrap();
    if !killed {
        assert!(
            status.success() || status.code().is_none(),
            "pingyi {args:?} failed on its own"
        );
    }
    killed
}

/// Starts pingyi, waits until `started` says its writing has begun (or it has ended),
/// then kills it after `delay`; says whether it was killed. Aims the kill at the
/// moments when files are being put in place, which blind delays rarely hit.
fn kill_while_writing(
    wd: &Workdir,
    args: &[&str],
    started: impl Fn() -> bool,
    delay: Duration,
) -> bool {
    let mut child = wd
        .command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let give_up = Instant::now() + Duration::from_secs(30);
    while !started() && matches!(child.try_wait(), Ok(None)) && Instant::now() < give_up {
        std::thread::sleep(Duration::from_micros(200));
    }
    std::thread::sleep(delay);
    let killed = matches!(child.try_wait(), Ok(None));
    let _ = child.kill();
    child.wait().unwrap();
    killed
}

/// Whether `dir` holds a transient file of pingyi's.
fn writing_in(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|d| {
        d.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".pingyi-tmp-"))
    })
}

/// Whether `dir` holds the pending record of a set being put in place.
fn pending_in(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|d| {
        d.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".pingyi-tmp-") && name.ends_with(".pending.json")
        })
    })
}

/// Delays spread over the whole of a command's run (a little past its end), jittered;
/// every other one in its last part, where the files are put in place.
fn delays(full: Duration, n: usize) -> Vec<Duration> {
    let mut jitter = Jitter(12);
    (0..n)
        .map(|i| {
            let u = (i as f64 + jitter.next_unit()) / n as f64;
            full.mul_f64(if i % 2 == 1 { 0.6 + 0.5 * u } else { 1.2 * u })
        })
        .collect()
}

fn timed(wd: &Workdir, args: &[&str]) -> Duration {
    let start = Instant::now();
    wd.ok(args);
    start.elapsed()
}

// ---------------------------------------------------------------- inputs never outputs

/// A folder with counts.csv, roster.csv (made by synth), frame.csv and a drawn
/// sample.csv, small enough to be quick.
fn small_county() -> Workdir {
    let wd = util::big_county(
        3000,
        "writes",
        &["--per-unit", "20", "--reserve-rate", "0.3"],
    );
    util::draw_example(&wd, "a", "sample.csv");
    wd
}

/// Runs `args`, expects exit 2 naming the clash, and `file` unchanged.
fn refused(wd: &Workdir, args: &[&str], file: &str) {
    let before = wd.read(file);
    let listing = snapshot(wd.root());
    wd.run(args)
        .expect_bad_input(&["is the input", "choose another --out"]);
    assert_eq!(before, wd.read(file), "{file} changed");
    assert_eq!(
        listing,
        snapshot(wd.root()),
        "pingyi {args:?} wrote something"
    );
}

/// A forced draw of the small county into `out`.
fn draw_into(out: &str) -> [&str; 10] {
    [
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "b",
        "--out",
        out,
        "--force",
    ]
}

#[test]
fn no_command_writes_over_its_input() {
    let wd = small_county();
    for out in ["roster.csv", "./roster.csv", "frame.csv"] {
        refused(&wd, &draw_into(out), out.trim_start_matches("./"));
    }
    // The sample's side files: its manifest would replace the frame's.
    refused(&wd, &draw_into("frame.csv"), "frame.csv.manifest.json");
    refused(
        &wd,
        &[
            "frame",
            "--counts",
            "counts.csv",
            "--per-unit",
            "5",
            "--out",
            "./counts.csv",
            "--force",
        ],
        "counts.csv",
    );
    refused(
        &wd,
        &["counts", "counts.csv", "--out", "counts.csv", "--force"],
        "counts.csv",
    );
    refused(
        &wd,
        &[
            "synth",
            "--counts",
            "counts.csv",
            "--seed",
            "x",
            "--out",
            "counts.csv",
            "--force",
        ],
        "counts.csv",
    );
    refused(
        &wd,
        &[
            "audit",
            "select",
            "--sample",
            "sample.csv",
            "--seed",
            "z",
            "--out",
            "sample.csv",
            "--force",
        ],
        "sample.csv",
    );
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "z",
        "--out",
        "checklist.csv",
    ]);
    refused(
        &wd,
        &[
            "audit",
            "tally",
            "--checklist",
            "checklist.csv",
            "--out",
            "checklist.csv",
            "--force",
        ],
        "checklist.csv",
    );
    wd.write("answers.csv", "unit,satisfaction,misconduct\n");
    refused(
        &wd,
        &[
            "score",
            "--responses",
            "answers.csv",
            "--scheme",
            "township",
            "--out",
            "answers.csv",
            "--force",
        ],
        "answers.csv",
    );
    refused(
        &wd,
        &[
            "score",
            "--responses",
            "answers.csv",
            "--scheme",
            "township",
            "--findings",
            "checklist.csv",
            "--out",
            "s.csv",
            "--unit-facing",
            "./checklist.csv",
            "--force",
        ],
        "checklist.csv",
    );
    refused(
        &wd,
        &[
            "seed",
            "commit",
            "--frame",
            "frame.csv",
            "--roster",
            "roster.csv",
            "--out",
            "roster.csv",
            "--force",
        ],
        "roster.csv",
    );
}

#[cfg(unix)]
#[test]
fn a_link_or_a_second_name_of_an_input_is_the_input() {
    let wd = small_county();
    std::os::unix::fs::symlink(wd.path("roster.csv"), wd.path("link.csv")).unwrap();
    std::fs::create_dir(wd.path("sub")).unwrap();
    std::os::unix::fs::symlink(wd.root(), wd.path("sub/up")).unwrap();
    std::fs::hard_link(wd.path("counts.csv"), wd.path("same.csv")).unwrap();
    for out in ["link.csv", "sub/up/roster.csv", "sub/../roster.csv"] {
        refused(&wd, &draw_into(out), "roster.csv");
    }
    refused(
        &wd,
        &["counts", "counts.csv", "--out", "same.csv", "--force"],
        "counts.csv",
    );
}

// ---------------------------------------------------------------- flags named

#[test]
fn a_bad_flag_value_names_its_flag() {
    let wd = Workdir::new();
    wd.write("counts.csv", util::big_counts(500));
    let frame = |extra: &[&str]| {
        let mut a = vec!["frame", "--counts", "counts.csv", "--out", "f.csv"];
        a.extend(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            frame(&["--per-unit", "5", "--reserve-rate=-0.3"]),
            "--reserve-rate",
        ),
        (
            frame(&["--per-unit", "5", "--reserve-rate", "-0.3"]),
            "--reserve-rate",
        ),
        (
            frame(&["--per-unit", "5", "--reserve-rate", "lots"]),
            "--reserve-rate",
        ),
        (frame(&["--per-unit", "5", "--method", "best"]), "--method"),
        (frame(&["--margin", "-0.05"]), "--margin"),
        (frame(&["--per-unit", "-5"]), "--per-unit"),
        (frame(&["--per-unit", "5", "--reserves=-1"]), "--reserves"),
        (
            frame(&["--margin", "0.1", "--confidence", "-0.9"]),
            "--confidence",
        ),
        (
            [
                "audit",
                "select",
                "--sample",
                "s.csv",
                "--seed",
                "x",
                "--rate=-0.3",
                "--out",
                "c.csv",
            ]
            .map(String::from)
            .to_vec(),
            "--rate",
        ),
        (
            [
                "audit",
                "tally",
                "--checklist",
                "c.csv",
                "--per-case=-1",
                "--out",
                "t.csv",
            ]
            .map(String::from)
            .to_vec(),
            "--per-case",
        ),
        (
            [
                "audit",
                "tally",
                "--checklist",
                "c.csv",
                "--cap",
                "inf",
                "--out",
                "t.csv",
            ]
            .map(String::from)
            .to_vec(),
            "--cap",
        ),
        (
            [
                "audit",
                "tally",
                "--checklist",
                "c.csv",
                "--recheck-at",
                "NaN",
                "--out",
                "t.csv",
            ]
            .map(String::from)
            .to_vec(),
            "--recheck-at",
        ),
        (
            ["size", "--population", "-10", "--margin", "0.05"]
                .map(String::from)
                .to_vec(),
            "--population",
        ),
    ];
    for (args, flag) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        wd.run(&args).expect_bad_input(&[flag]);
    }
    assert!(!wd.exists("f.csv"));
}

// ---------------------------------------------------------------- kills: draw

/// The three files of a draw to `sample.csv`, as far as they exist.
fn draw_set(wd: &Workdir) -> [Option<Vec<u8>>; 3] {
    [
        "sample.csv",
        "sample.csv.quality.csv",
        "sample.csv.manifest.json",
    ]
    .map(|f| std::fs::read(wd.path(f)).ok())
}

fn remove_draw_set(wd: &Workdir) {
    for f in [
        "sample.csv",
        "sample.csv.quality.csv",
        "sample.csv.manifest.json",
    ] {
        let _ = std::fs::remove_file(wd.path(f));
    }
}

#[test]
fn a_killed_draw_leaves_a_whole_set_or_none_and_never_blocks_the_rerun() {
    let wd = util::big_county(
        40_000,
        "kills",
        &["--per-unit", "400", "--reserve-rate", "0.3"],
    );
    let args_for = |seed: &'static str, force: bool| {
        let mut a = vec![
            "draw",
            "--frame",
            "frame.csv",
            "--roster",
            "roster.csv",
            "--seed",
            seed,
            "--out",
            "sample.csv",
            "--threads",
            "2",
        ];
        if force {
            a.push("--force");
        }
        a
    };
    wd.ok(&args_for("old", false));
    let old = draw_set(&wd);
    remove_draw_set(&wd);
    let mut full = timed(&wd, &args_for("new", false));
    let new = draw_set(&wd);
    remove_draw_set(&wd);
    full = full.min(timed(&wd, &args_for("new", false)));
    assert_ne!(old, new);
    let inputs: Vec<String> = ["counts.csv", "roster.csv", "frame.csv"]
        .iter()
        .flat_map(|f| [f.to_string(), format!("{f}.manifest.json")])
        .collect();
    let n = trials();
    let mut killed = 0;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, delay) in delays(full, n).into_iter().enumerate() {
        // Alternate: over an old set with --force, and into an empty place without.
        let force = i % 2 == 0;
        remove_draw_set(&wd);
        if force {
            for (f, bytes) in [
                "sample.csv",
                "sample.csv.quality.csv",
                "sample.csv.manifest.json",
            ]
            .iter()
            .zip(&old)
            {
                wd.write(f, bytes.as_ref().unwrap());
            }
        }
        // Every third trial aims at the writing of the files.
        killed += if i % 3 == 2 {
            let aim = full.mul_f64(0.2 * (i as f64 / n as f64));
            kill_while_writing(&wd, &args_for("new", force), || writing_in(wd.root()), aim)
        } else if i % 3 == 1 && i % 2 == 1 {
            // The files are being put in place while the set's pending record exists.
            let aim = Duration::from_micros(100 * (i as u64 % 7));
            kill_while_writing(&wd, &args_for("new", force), || pending_in(wd.root()), aim)
        } else {
            kill_after(&wd, &args_for("new", force), delay)
        } as usize;
        let now = draw_set(&wd);
        *seen
            .entry(match (&now, now[2].is_some()) {
                (n, _) if *n == new => "new set",
                (n, _) if *n == old => "old set",
                (_, true) => "mixed",
                (n, false) if n.iter().any(Option::is_some) => "files without a manifest",
                _ => "nothing",
            })
            .or_insert(0) += 1;
        if now[2].is_some() {
            assert!(
                now == old || now == new,
                "trial {i} ({delay:?}): a manifest stands beside files of another set"
            );
        }
        if !force && now == new {
            // Killed after it had finished: the set stands, and is not replaced unasked.
            wd.run(&args_for("new", false))
                .expect_bad_input(&["already exists"]);
        } else {
            // The same command again: no --force needed where none was given.
            wd.ok(&args_for("new", force));
        }
        assert_eq!(draw_set(&wd), new, "trial {i}: the rerun differs");
        assert_eq!(leftovers(wd.root()), Vec::<String>::new(), "trial {i}");
        let mut names: Vec<String> = snapshot(wd.root()).into_keys().collect();
        names.retain(|n| !inputs.contains(n) && !n.starts_with("sample.csv"));
        assert!(names.is_empty(), "trial {i}: left {names:?}");
    }
    eprintln!(
        "draw: {killed} of {n} trials killed (a whole draw takes {full:?}); after the kill: {seen:?}"
    );
    assert!(
        killed * 3 >= n,
        "only {killed} of {n} trials killed the draw"
    );
}

// ---------------------------------------------------------------- kills: run

/// A data folder for `pingyi run` with the draw seed `seed`.
fn run_data(wd: &Workdir, seed: &str) {
    wd.write(
        "data/pingyi.toml",
        format!(
            "[county]\ntitle = \"small\"\ncounts = \"counts.csv\"\nper_unit = 12\n\
             reserve_rate = \"0.3\"\nrosters = [\"roster.csv\"]\naudit_rate = \"0.30\"\n\
             [seeds]\ndraw = \"{seed}\"\naudit = \"audit\"\n"
        ),
    );
}

fn restore(wd: &Workdir, dir: &str, files: &BTreeMap<String, Vec<u8>>) {
    let _ = std::fs::remove_dir_all(wd.path(dir));
    for (name, bytes) in files {
        wd.write(&format!("{dir}/{name}"), bytes);
    }
}

#[test]
fn a_killed_run_leaves_the_old_set_or_the_new_one_and_its_rerun_cleans_up() {
    let wd = Workdir::new();
    wd.write("data/counts.csv", util::big_counts(6_000));
    wd.ok(&[
        "synth",
        "--counts",
        "data/counts.csv",
        "--seed",
        "r",
        "--out",
        "data/roster.csv",
    ]);
    run_data(&wd, "old");
    wd.ok(&["run"]);
    // A file of the user's beside the outputs belongs to both sets.
    wd.write("out/county/notes.txt", "mine");
    let old = snapshot(&wd.path("out"));
    run_data(&wd, "new");
    let full = timed(&wd, &["run"]);
    let new = snapshot(&wd.path("out"));
    assert_ne!(old, new);
    assert_eq!(new["county/notes.txt"], b"mine");
    let n = trials();
    let mut killed = 0;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, delay) in delays(full, n).into_iter().enumerate() {
        restore(&wd, "out", &old);
        // Every third trial aims at the writing of the outputs and the swap.
        killed += if i % 3 == 2 {
            let staging = wd.path(".out.pingyi-staging");
            let aim = full.mul_f64(0.8 * (i as f64 / n as f64));
            kill_while_writing(&wd, &["run"], || staging.exists(), aim)
        } else if i % 3 == 1 && i % 2 == 1 {
            // The staged marker is the last file before the folders are swapped.
            let marker = wd.path(".out.pingyi-staging/.pingyi-run");
            let aim = Duration::from_micros(150 * (i as u64 % 7));
            kill_while_writing(&wd, &["run"], || marker.exists(), aim)
        } else {
            kill_after(&wd, &["run"], delay)
        } as usize;
        let state = if !wd.exists("out") {
            "no out/"
        } else if snapshot(&wd.path("out")) == old {
            "old set"
        } else if snapshot(&wd.path("out")) == new {
            "new set"
        } else {
            "mixed"
        };
        *seen.entry(state).or_insert(0) += 1;
        if wd.exists("out") {
            let now = snapshot(&wd.path("out"));
            assert!(
                now == old || now == new,
                "trial {i} ({delay:?}): out/ mixes two runs: {:?}",
                now.keys().collect::<Vec<_>>()
            );
        }
        let rerun = wd.ok(&["run"]);
        assert_eq!(
            snapshot(&wd.path("out")),
            new,
            "trial {i}: {}",
            rerun.stderr()
        );
        assert_eq!(leftovers(wd.root()), Vec::<String>::new(), "trial {i}");
    }
    eprintln!(
        "run: {killed} of {n} trials killed (a whole run takes {full:?}); after the kill: {seen:?}"
    );
    assert!(
        killed * 3 >= n,
        "only {killed} of {n} trials killed the run"
    );
}

#[test]
fn stale_temporaries_beside_an_output_are_removed_by_the_next_write() {
    let wd = small_county();
    // Left by a killed process (no process has this id), and by a running one (this test).
    let dead = ".pingyi-tmp-4194999-abc.tmp";
    let live = format!(".pingyi-tmp-{}-abc.tmp", std::process::id());
    wd.write(&format!("out/{dead}"), "personal data");
    wd.write(&format!("out/{live}"), "in use");
    wd.write("out/unrelated.tmp", "mine");
    wd.ok(&["counts", "counts.csv", "--out", "out/counts.csv"]);
    assert!(!wd.exists(&format!("out/{dead}")));
    assert!(wd.exists(&format!("out/{live}")));
    assert_eq!(wd.read("out/unrelated.tmp"), b"mine");
}
