//! `pingyi verify` through the real binary: every manifest of the example re-derives
//! (`--chain`), reordered inputs are the same content, and single-record mutations of
//! the roster, frame, sample and checklist are each caught and named.

mod util;

use util::Workdir;

/// The bundled example, run.
fn example_run() -> Workdir {
    let wd = Workdir::new();
    for entry in std::fs::read_dir(util::repo_root().join("data"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        wd.copy_from_repo(&format!("data/{name}"), &format!("data/{name}"));
    }
    wd.ok(&["run"]);
    wd
}

const FINAL: [&str; 3] = [
    "out/county/audit_tally.xlsx.manifest.json",
    "out/county/audit_tally.csv.manifest.json",
    "out/city/frame.xlsx.manifest.json",
];

#[test]
fn every_final_manifest_of_the_example_verifies_back_to_the_counts() {
    let wd = example_run();
    for m in FINAL {
        let run = wd.ok(&["verify", "--chain", m]);
        assert!(run.stdout().starts_with("OK "), "{}", run.stdout());
        assert!(!run.stdout().contains("DIFFERS"));
    }
    let chain = wd.ok(&["verify", "--chain", FINAL[0]]).stdout();
    for stage in ["audit-tally", "audit-select", "draw", "frame"] {
        assert!(
            chain.contains(&format!("— {stage}:")),
            "{stage} missing from the chain:\n{chain}"
        );
    }
    // Every other manifest verifies on its own too.
    for m in [
        "out/county/sample.xlsx.manifest.json",
        "out/county/audit_checklist.csv.manifest.json",
        "out/county/frame.xlsx.manifest.json",
        "out/city/frame.csv.manifest.json",
    ] {
        wd.ok(&["verify", m]);
    }
}

fn lines(wd: &Workdir, name: &str) -> (String, Vec<String>) {
    let text = String::from_utf8(wd.read(name)).unwrap();
    let mut l: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::to_string)
        .collect();
    let header = l.remove(0);
    (header, l)
}

fn put(wd: &Workdir, name: &str, header: &str, body: &[String]) {
    wd.write(name, format!("\u{feff}{header}\n{}\n", body.join("\n")));
}

fn differs(wd: &Workdir, manifest: &str, needles: &[&str]) -> String {
    let run = wd.run(&["verify", "--chain", manifest]);
    run.expect_code(3);
    let out = run.stdout();
    for n in needles {
        assert!(out.contains(n), "verify output lacks {n:?}:\n{out}");
    }
    out
}

#[test]
fn a_reordered_roster_is_the_same_content() {
    let wd = example_run();
    let (h, mut body) = lines(&wd, "data/county_roster.csv");
    body.reverse();
    put(&wd, "data/county_roster.csv", &h, &body);
    let run = wd.ok(&["verify", "out/county/sample.csv.manifest.json"]);
    assert!(run.stdout().contains("same content"), "{}", run.stdout());
}

/// A small deterministic generator for picking rows and fields.
struct Pick(u64);
impl Pick {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn roster_mutations_are_caught_and_their_stratum_named() {
    let wd = example_run();
    let (h, body) = lines(&wd, "data/county_roster.csv");
    let original = wd.read("data/county_roster.csv");
    let mut pick = Pick(1);
    for round in 0..24 {
        let mut b = body.clone();
        let i = pick.next(b.len());
        let fields: Vec<&str> = b[i].split(',').collect();
        let stratum = format!("{} / ", fields[1]);
        match round % 4 {
            // Edit a field (the name).
            0 => {
                let mut f: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
                f[3].push('某');
                b[i] = f.join(",");
            }
            // Delete a record.
            1 => {
                b.remove(i);
            }
            // Insert a copy under a new id.
            2 => {
                let row = b[i].replacen("QS", "QX", 1);
                b.insert(i, row);
            }
            // Swap a record for a new person in the same place.
            _ => {
                b[i] = b[i].replacen("QS", "QZ", 1);
            }
        }
        put(&wd, "data/county_roster.csv", &h, &b);
        differs(
            &wd,
            "out/county/sample.csv.manifest.json",
            &["county_roster.csv (roster)", &stratum],
        );
        wd.write("data/county_roster.csv", &original);
    }
    wd.ok(&["verify", "out/county/sample.csv.manifest.json"]);
}

#[test]
fn sample_mutations_name_the_record() {
    let wd = example_run();
    let (h, body) = lines(&wd, "out/county/sample.csv");
    let original = wd.read("out/county/sample.csv");
    let mut pick = Pick(2);
    for round in 0..12 {
        let mut b = body.clone();
        let i = pick.next(b.len());
        let id = b[i].split(',').next().unwrap().to_string();
        match round % 3 {
            0 => {
                b[i] = b[i].replacen(&id, "QS9999999", 1);
            }
            1 => {
                b.remove(i);
            }
            _ => {
                let other = body[(i + 7) % body.len()].clone();
                b.insert(i, other.replacen("QS", "QY", 1));
            }
        }
        put(&wd, "out/county/sample.csv", &h, &b);
        let out = differs(
            &wd,
            "out/county/sample.csv.manifest.json",
            &["sample.csv was changed"],
        );
        assert!(out.contains("record "), "no record named:\n{out}");
        wd.write("out/county/sample.csv", &original);
    }
}

#[test]
fn frame_and_checklist_mutations_are_caught() {
    let wd = example_run();
    // The frame: one stratum's sample changed by hand.
    let (h, body) = lines(&wd, "out/county/frame.csv");
    let original = wd.read("out/county/frame.csv");
    let mut pick = Pick(3);
    for _ in 0..8 {
        let mut b = body.clone();
        let i = pick.next(b.len());
        let mut f: Vec<String> = b[i].split(',').map(str::to_string).collect();
        f[3] = (f[3].parse::<u64>().unwrap() + 1).to_string();
        let stratum = format!("{} / {}", f[0], f[1]);
        b[i] = f.join(",");
        put(&wd, "out/county/frame.csv", &h, &b);
        differs(
            &wd,
            "out/county/sample.csv.manifest.json",
            &["frame.csv (frame)", &stratum],
        );
        wd.write("out/county/frame.csv", &original);
    }
    // The filled checklist: one result changed.
    let filled = wd.read("data/county_audit_filled.xlsx");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(filled.clone())).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    sheet.set_name("核查清单").unwrap();
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let mut text = cell.to_string();
            if r == 3 && text == "真实" {
                text = "虚假".into();
            }
            sheet.write_string(r as u32, c as u16, &text).unwrap();
        }
    }
    wd.write(
        "data/county_audit_filled.xlsx",
        out.save_to_buffer().unwrap(),
    );
    differs(
        &wd,
        "out/county/audit_tally.csv.manifest.json",
        &["county_audit_filled.xlsx (checklist)", "re-derived tally"],
    );
}

#[test]
fn an_edited_output_is_caught() {
    let wd = example_run();
    let mut bytes = wd.read("out/city/frame.xlsx");
    let n = bytes.len();
    bytes[n / 2] ^= 1;
    wd.write("out/city/frame.xlsx", bytes);
    differs(
        &wd,
        "out/city/frame.xlsx.manifest.json",
        &["output frame.xlsx was changed"],
    );
}
