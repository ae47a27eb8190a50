//! A tiny harness for integration tests: a temporary folder per test, files written
//! into it, and the real `pingyi` binary run inside it, with command, stdout and
//! stderr printed when an expectation fails.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// Copies a file of the repository (relative to its root) into the folder.
    pub fn copy_from_repo(&self, repo_path: &str, name: &str) -> PathBuf {
        let bytes = std::fs::read(repo_root().join(repo_path)).unwrap();
        self.write(name, bytes)
    }

    /// A pingyi command in the folder, in English (`PINGYI_LANG=en`) whatever the
    /// machine's locale; tests of Chinese messages pass `--lang zh` or set it again.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pingyi"));
        cmd.args(args)
            .current_dir(self.root())
            .env("PINGYI_LANG", "en");
        cmd
    }

    /// Runs pingyi with `args` and returns its output, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().expect("run pingyi");
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            output,
        }
    }

    /// Runs pingyi and expects exit code 0.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        run.expect_code(0);
        run
    }
}

/// A work folder holding a copy of the repository's data/ (the bundled example).
pub fn with_example_data() -> Workdir {
    let wd = Workdir::new();
    for entry in std::fs::read_dir(repo_root().join("data"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        wd.copy_from_repo(&format!("data/{name}"), &format!("data/{name}"));
    }
    wd
}

/// A work folder with the example county's counts (`counts.xlsx`), roster
/// (`roster.csv`) and frame (`frame.csv`, as `pingyi run` makes it).
pub fn example_county() -> Workdir {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.xlsx", "counts.xlsx");
    wd.copy_from_repo("data/county_roster.csv", "roster.csv");
    let mut args = vec!["frame", "--counts", "counts.xlsx", "--out", "frame.csv"];
    args.extend(COUNTY_FRAME);
    wd.ok(&args);
    wd
}

/// The flags with which the example county's frame is built (as data/pingyi.toml says).
pub const COUNTY_FRAME: [&str; 6] = [
    "--margin",
    "0.1",
    "--min-per-stratum",
    "3",
    "--reserve-rate",
    "0.3",
];

/// A wide count table of about `total` recipients in 100 units of skewed sizes, the
/// five categories in shares of 50/25/10/10/5%.
pub fn big_counts(total: u64) -> String {
    let weights: Vec<u64> = (1..=100u64).map(|i| 1 + (i * 7919) % 97).collect();
    let sum: u64 = weights.iter().sum();
    let mut text = String::from("乡镇,农村低保,城市低保,五保,优抚,慈善\n");
    for (i, w) in weights.iter().enumerate() {
        let n = total * w / sum;
        let shares = [n * 50 / 100, n * 25 / 100, n * 10 / 100, n * 10 / 100];
        let rest = n - shares.iter().sum::<u64>();
        text.push_str(&format!(
            "单位{i:03},{},{},{},{},{rest}\n",
            shares[0], shares[1], shares[2], shares[3]
        ));
    }
    text
}

/// A work folder with `counts.csv` of about `total` recipients ([`big_counts`]),
/// `roster.csv` made from it by `pingyi synth` with `seed`, and `frame.csv` made with
/// the `frame` flags.
pub fn big_county(total: u64, seed: &str, frame: &[&str]) -> Workdir {
    let wd = Workdir::new();
    wd.write("counts.csv", big_counts(total));
    wd.ok(&[
        "synth",
        "--counts",
        "counts.csv",
        "--seed",
        seed,
        "--out",
        "roster.csv",
    ]);
    let mut args = vec!["frame", "--counts", "counts.csv", "--out", "frame.csv"];
    args.extend(frame);
    wd.ok(&args);
    wd
}

/// The arguments of `pingyi draw` of `frame.csv` and `roster` with `seed` into `out`.
pub fn draw_args<'a>(roster: &'a str, seed: &'a str, out: &'a str) -> [&'a str; 9] {
    [
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        roster,
        "--seed",
        seed,
        "--out",
        out,
    ]
}

/// Draws the county of a work folder (`frame.csv`, `roster.csv`) with `seed` into `out`.
pub fn draw_example(wd: &Workdir, seed: &str, out: &str) -> Run {
    wd.ok(&draw_args("roster.csv", seed, out))
}

/// Tallies `filled.csv` of a work folder against the selection `c.csv` into `t.csv`.
pub fn tally_filled(wd: &Workdir) -> Run {
    wd.ok(&[
        "audit",
        "tally",
        "--checklist",
        "filled.csv",
        "--manifest",
        "c.csv.manifest.json",
        "--out",
        "t.csv",
    ])
}

/// Whether an external tool answers `probe` successfully. Missing tools skip a test,
/// unless PINGYI_REQUIRE_EXTERNAL=1 (as in CI), where they fail it.
pub fn external(tool: &str, probe: &[&str]) -> bool {
    let found = Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var("PINGYI_REQUIRE_EXTERNAL").as_deref() == Ok("1") {
        panic!("{tool} is required (PINGYI_REQUIRE_EXTERNAL=1) but did not answer {probe:?}");
    }
    if !found {
        eprintln!("skipped: {tool} not found");
    }
    found
}

/// The repository's root: as cargo gives it when it runs the tests (so a test built
/// from another clone in a shared target folder reads this one), else as it was built.
pub fn repo_root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

pub struct Run {
    pub args: Vec<String>,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "pingyi {}\n--- stdout\n{}\n--- stderr\n{}",
            self.args.join(" "),
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Expects exit code 2 and every `needle` in stderr.
    pub fn expect_bad_input(&self, needles: &[&str]) -> &Run {
        self.expect_code(2);
        let err = self.stderr();
        for n in needles {
            assert!(
                err.contains(n),
                "pingyi {}: stderr lacks {n:?}:\n{err}",
                self.args.join(" ")
            );
        }
        self
    }
}

/// A CSV output of `wd` (a BOM skipped) as its header and rows of text.
pub fn read_csv(wd: &Workdir, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = String::from_utf8(wd.read(name)).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

/// Writes `headers` and `rows` as the CSV file `name` of `wd`.
pub fn write_csv(wd: &Workdir, name: &str, headers: &[String], rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    wd.write(name, w.into_inner().unwrap());
}

/// The number of cases a fuzz test runs: `PINGYI_FUZZ_CASES`, 64 by default.
pub fn fuzz_cases() -> u32 {
    std::env::var("PINGYI_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Runs `f` on its own thread and fails when it takes longer than `secs` (a hang) or
/// when it panics.
pub fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("no answer within {secs} s: a hang")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("the code panicked"),
    }
}

/// The English left in `text` once what any language keeps is taken out (flags such
/// as --emit-sql, paths and file names, values quoted or in brackets): runs of two or
/// more English words.
pub fn english_in(text: &str) -> Vec<String> {
    let mut unquoted = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => closing = Some(c),
                '「' => closing = Some('」'),
                '“' => closing = Some('”'),
                c if c.is_ascii() => unquoted.push(c),
                _ => unquoted.push_str(" | "),
            },
        }
    }
    let kept: Vec<&str> = unquoted
        .split_whitespace()
        .filter(|t| !t.starts_with("--") && !t.contains(['/', '.']))
        .collect();
    let kept = kept.join(" ");
    kept.split(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
        .map(|run| run.split(' ').filter(|w| w.len() >= 2).collect::<Vec<_>>())
        .filter(|words| words.len() >= 2)
        .map(|words| words.join(" "))
        .collect()
}
