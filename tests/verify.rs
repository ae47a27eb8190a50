//! `pingyi verify` through the real binary: every manifest of the example re-derives
//! (`--chain`), reordered inputs are the same content, and single-record mutations of
//! the roster, frame, sample and checklist are each caught and named.

mod util;

use util::Workdir;

/// The bundled example, run.
fn example_run() -> Workdir {
    let wd = util::with_example_data();
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
        let run = wd.ok(&["verify", "--root", ".", "--chain", m]);
        assert!(run.stdout().starts_with("OK "), "{}", run.stdout());
        assert!(!run.stdout().contains("DIFFERS"));
    }
    let chain = wd
        .ok(&["verify", "--root", ".", "--chain", FINAL[0]])
        .stdout();
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
        wd.ok(&["verify", "--root", ".", m]);
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
    let run = wd.run(&["verify", "--root", ".", "--chain", manifest]);
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
    let run = wd.ok(&[
        "verify",
        "--root",
        ".",
        "out/county/sample.csv.manifest.json",
    ]);
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
    for round in 0..60 {
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
    wd.ok(&[
        "verify",
        "--root",
        ".",
        "out/county/sample.csv.manifest.json",
    ]);
}

#[test]
fn sample_mutations_name_the_record() {
    let wd = example_run();
    let (h, body) = lines(&wd, "out/county/sample.csv");
    let original = wd.read("out/county/sample.csv");
    let mut pick = Pick(2);
    for round in 0..60 {
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
    for _ in 0..40 {
        let mut b = body.clone();
        let i = pick.next(b.len());
        let mut f: Vec<String> = b[i].split(',').map(str::to_string).collect();
        let (population, sample): (u64, u64) = (f[2].parse().unwrap(), f[3].parse().unwrap());
        f[3] = if sample < population {
            sample + 1
        } else {
            sample - 1
        }
        .to_string();
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

/// A folder with the example county's frame, roster and draw.
fn drawn() -> Workdir {
    util::example_county()
}

#[test]
fn a_commitment_binds_the_frame_and_roster_before_the_seed() {
    let wd = drawn();
    let run = wd.ok(&[
        "seed",
        "commit",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--out",
        "commit.json",
    ]);
    assert!(run.stdout().contains("roster  "), "{}", run.stdout());
    let seed = wd.ok(&["seed", "new"]).stdout().trim().to_string();
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        &seed,
        "--commitment",
        "commit.json",
        "--out",
        "s.csv",
    ]);
    wd.ok(&["verify", "s.csv.manifest.json"]);
    // A roster changed after the commitment: the draw refuses it.
    let (h, mut body) = lines(&wd, "roster.csv");
    body.remove(10);
    put(&wd, "changed.csv", &h, &body);
    wd.run(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "changed.csv",
        "--seed",
        &seed,
        "--commitment",
        "commit.json",
        "--out",
        "t.csv",
        "--allow-count-mismatch",
    ])
    .expect_bad_input(&[
        "commit.json",
        "a roster differs from the committed roster.csv",
    ]);
    // The commitment file itself edited after the draw: verify fails.
    let text = String::from_utf8(wd.read("commit.json")).unwrap();
    wd.write(
        "commit.json",
        text.replacen("\"content_digest\": \"", "\"content_digest\": \"0", 1),
    );
    differs(&wd, "s.csv.manifest.json", &["commit.json"]);
}

#[test]
fn a_list_claimed_to_be_the_draw_is_checked_record_by_record() {
    let wd = drawn();
    let seed = "20260615-青石-民主评议";
    util::draw_example(&wd, seed, "s.csv");
    let check = |name: &str| {
        wd.run(&[
            "verify",
            "--sample",
            name,
            "--roster",
            "roster.csv",
            "--frame",
            "frame.csv",
            "--seed",
            seed,
        ])
    };
    let run = check("s.csv");
    run.expect_code(0);
    assert!(run.stdout().starts_with("OK "), "{}", run.stdout());
    // A township swaps one respondent for someone of its choosing.
    let (h, mut body) = lines(&wd, "s.csv");
    let replaced = body[0].split(',').next().unwrap().to_string();
    let (_, roster) = lines(&wd, "roster.csv");
    let outsider = roster
        .iter()
        .find(|r| r.contains(",东岗镇,农村低保,") && !body.iter().any(|b| b.starts_with(&r[..9])))
        .unwrap()
        .clone();
    // Pasted from the roster, with the sample's own columns left empty (a shorter
    // row would be refused as cut short before any record is compared).
    let missing = h.split(',').count() - outsider.split(',').count();
    body[0] = format!("{outsider}{}", ",".repeat(missing));
    put(&wd, "claimed.csv", &h, &body);
    let run = check("claimed.csv");
    run.expect_code(3);
    let out = run.stdout();
    assert!(
        out.contains(&format!(
            "record {} (东岗镇 / rural_dibao) should not be there",
            &outsider[..9]
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "main respondent {replaced} (东岗镇 / rural_dibao) is missing"
        )),
        "{out}"
    );
}

fn call_log(wd: &Workdir, rows: &[(&str, &str)]) {
    let mut text = String::from("编号,通话结果\n");
    for (id, d) in rows {
        text.push_str(&format!("{id},{d}\n"));
    }
    wd.write("calls.csv", text);
}

#[test]
fn the_call_log_shows_reserves_used_in_order_or_not() {
    let wd = drawn();
    util::draw_example(&wd, "s", "s.csv");
    let (h, body) = lines(&wd, "s.csv");
    let heads: Vec<&str> = h.split(',').collect();
    let role = heads.iter().position(|x| *x == "role").unwrap();
    let stratum: Vec<Vec<&str>> = body
        .iter()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[1] == "东岗镇" && f[2] == "五保")
        .collect();
    let mains: Vec<&str> = stratum
        .iter()
        .filter(|f| f[role] == "main")
        .map(|f| f[0])
        .collect();
    let reserves: Vec<&str> = stratum
        .iter()
        .filter(|f| f[role] == "reserve")
        .map(|f| f[0])
        .collect();
    assert!(mains.len() >= 3 && reserves.len() >= 2);
    // Two main respondents lost (one refused, one not a recipient), replaced in order.
    call_log(
        &wd,
        &[
            (mains[0], "拒访"),
            (reserves[0], "接通"),
            (mains[1], "非服务对象"),
            (reserves[1], "接通"),
            (mains[2], "接通"),
        ],
    );
    let run = wd.ok(&["verify", "--calls", "calls.csv", "--sample", "s.csv"]);
    assert!(
        run.stdout()
            .contains("东岗镇: 1 respondents were not recipients"),
        "{}",
        run.stdout()
    );
    // Reserve 2 before reserve 1.
    call_log(&wd, &[(mains[0], "拒访"), (reserves[1], "接通")]);
    let run = wd.run(&["verify", "--calls", "calls.csv", "--sample", "s.csv"]);
    run.expect_code(3);
    assert!(
        run.stdout()
            .contains("reserves must be used in ticket order"),
        "{}",
        run.stdout()
    );
    // A reserve used while every main respondent was reached (or not yet called).
    call_log(&wd, &[(mains[0], "接通"), (reserves[0], "接通")]);
    let run = wd.run(&["verify", "--calls", "calls.csv", "--sample", "s.csv"]);
    run.expect_code(3);
    assert!(
        run.stdout()
            .contains("1 reserves were called but only 0 respondents were lost"),
        "{}",
        run.stdout()
    );
    // Someone outside the sample called, and an unreadable disposition.
    call_log(&wd, &[("QS9999999", "接通")]);
    wd.run(&["verify", "--calls", "calls.csv", "--sample", "s.csv"])
        .expect_code(3);
    call_log(&wd, &[(mains[0], "聊得很好")]);
    wd.run(&["verify", "--calls", "calls.csv", "--sample", "s.csv"])
        .expect_bad_input(&["calls.csv", "row 2", "通话结果"]);
}

#[test]
fn killing_a_draw_never_leaves_a_partial_output() {
    use std::time::Duration;
    let wd = Workdir::new();
    // A larger county: 40 units × 5 categories, 120,000 recipients.
    let mut counts = String::from("unit,category,count\n");
    for u in 0..40 {
        for (c, n) in [
            ("农村低保", 1500),
            ("城市低保", 500),
            ("五保", 300),
            ("优抚", 500),
            ("慈善", 200),
        ] {
            counts.push_str(&format!("乡镇{u:02},{c},{n}\n"));
        }
    }
    wd.write("counts.csv", counts);
    wd.ok(&[
        "synth",
        "--counts",
        "counts.csv",
        "--seed",
        "kill",
        "--out",
        "roster.csv",
    ]);
    wd.ok(&[
        "frame",
        "--counts",
        "counts.csv",
        "--per-unit",
        "200",
        "--reserves",
        "20",
        "--out",
        "frame.csv",
    ]);
    let mut pick = Pick(11);
    for round in 0..12 {
        let out = format!("s{round}.xlsx");
        let mut child = wd
            .command(&[
                "draw",
                "--frame",
                "frame.csv",
                "--roster",
                "roster.csv",
                "--seed",
                "k",
                "--out",
                &out,
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(50 + pick.next(900) as u64));
        let _ = child.kill();
        let _ = child.wait();
        let manifest = format!("{out}.manifest.json");
        // Either nothing, or a complete output; a manifest only beside a complete output.
        if wd.exists(&manifest) {
            assert!(
                wd.exists(&out),
                "round {round}: a manifest without its output"
            );
            wd.ok(&["verify", &manifest]);
        }
        if wd.exists(&out) {
            let book: Result<calamine::Xlsx<_>, _> = calamine::open_workbook(wd.path(&out));
            assert!(book.is_ok(), "round {round}: a partial workbook");
        }
    }
}

#[test]
fn checklist_mutations_are_caught() {
    let wd = example_run();
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "out/county/sample.csv",
        "--seed",
        "checklist-test",
        "--out",
        "c.csv",
    ]);
    let (h, mut body) = lines(&wd, "c.csv");
    let heads: Vec<&str> = h.split(',').collect();
    let result = heads.iter().position(|x| *x == "result").unwrap();
    let phone = heads.iter().position(|x| *x == "联系电话").unwrap();
    for row in body.iter_mut() {
        let mut f: Vec<String> = row.split(',').map(str::to_string).collect();
        f[result] = "真实".into();
        *row = f.join(",");
    }
    put(&wd, "filled.csv", &h, &body);
    util::tally_filled(&wd);
    wd.ok(&["verify", "t.csv.manifest.json"]);
    let mut pick = Pick(5);
    for round in 0..40 {
        let mut b = body.clone();
        let i = pick.next(b.len());
        let mut f: Vec<String> = b[i].split(',').map(str::to_string).collect();
        match round % 4 {
            0 => f[result] = "虚假".into(),
            1 => f[phone] = "10000000000".into(),
            2 => f[0] = "9999".into(),
            _ => f[result] = "无法核实".into(),
        }
        b[i] = f.join(",");
        if round % 8 == 7 {
            b.remove((i + 1) % b.len());
        }
        put(&wd, "filled.csv", &h, &b);
        differs(&wd, "t.csv.manifest.json", &["filled.csv (checklist)"]);
    }
    // Reordered rows are the same content.
    let mut b = body.clone();
    b.reverse();
    put(&wd, "filled.csv", &h, &b);
    let run = wd.ok(&["verify", "t.csv.manifest.json"]);
    assert!(run.stdout().contains("same content"), "{}", run.stdout());
}

// ---- A proof that can't be sidestepped ----

const SEED: &str = "20260615-青石-民主评议";

/// The example county drawn into `sample.csv` (with its manifest) in the folder's root.
fn drawn_sample() -> Workdir {
    let wd = util::example_county();
    util::draw_example(&wd, SEED, "sample.csv");
    wd
}

fn manifest_json(wd: &Workdir, name: &str) -> serde_json::Value {
    serde_json::from_slice(&wd.read(name)).unwrap()
}

fn put_json(wd: &Workdir, name: &str, v: &serde_json::Value) {
    wd.write(name, serde_json::to_vec_pretty(v).unwrap());
}

/// The sample with one main respondent dropped: a tampered file.
fn tamper_sample(wd: &Workdir) {
    let (h, mut body) = lines(wd, "sample.csv");
    body.remove(3);
    put(wd, "sample.csv", &h, &body);
}

#[test]
fn a_manifest_pointed_at_an_untouched_copy_does_not_vouch_for_the_tampered_file() {
    let wd = drawn_sample();
    wd.write("copy/sample.csv", wd.read("sample.csv"));
    tamper_sample(&wd);
    let mut m = manifest_json(&wd, "sample.csv.manifest.json");
    for o in m["outputs"].as_array_mut().unwrap() {
        if o["path"] == "sample.csv" {
            o["path"] = "copy/sample.csv".into();
        }
    }
    put_json(&wd, "sample.csv.manifest.json", &m);
    for target in ["sample.csv.manifest.json", "sample.csv"] {
        wd.run(&["verify", target])
            .expect_bad_input(&["no output entry for 'sample.csv'"]);
    }
    // The output entry removed altogether.
    let mut m = manifest_json(&wd, "sample.csv.manifest.json");
    m["outputs"]
        .as_array_mut()
        .unwrap()
        .retain(|o| o["role"] != "sample");
    put_json(&wd, "sample.csv.manifest.json", &m);
    wd.run(&["verify", "sample.csv"])
        .expect_bad_input(&["no output entry for 'sample.csv'"]);
}

#[test]
fn the_entry_beside_must_be_the_output_that_is_re_derived() {
    let wd = drawn_sample();
    wd.write("copy/sample.csv", wd.read("sample.csv"));
    tamper_sample(&wd);
    // The entry for sample.csv relabelled (with the tampered file's digest) and a copy
    // entry in its role: the re-derived draw is still compared with sample.csv.
    let sha = {
        use sha2::Digest;
        let d = sha2::Sha256::digest(wd.read("sample.csv"));
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    let mut m = manifest_json(&wd, "sample.csv.manifest.json");
    let outputs = m["outputs"].as_array_mut().unwrap();
    let mut copy = outputs
        .iter()
        .find(|o| o["path"] == "sample.csv")
        .unwrap()
        .clone();
    copy["path"] = "copy/sample.csv".into();
    for o in outputs.iter_mut() {
        if o["path"] == "sample.csv" {
            o["role"] = "quality".into();
            o["sha256"] = sha.clone().into();
        }
    }
    outputs.push(copy);
    put_json(&wd, "sample.csv.manifest.json", &m);
    let run = wd.run(&["verify", "sample.csv"]);
    run.expect_code(3);
    assert!(
        run.stdout().contains("recorded as a 'quality' file"),
        "{}",
        run.stdout()
    );
    // Untouched, `verify FILE` finds the manifest beside the file.
    let wd = drawn_sample();
    let run = wd.ok(&["verify", "sample.csv"]);
    assert!(
        run.stdout().contains(&format!("seed '{SEED}'")),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_draw_with_another_seed_fails_a_check_naming_the_announced_one() {
    let wd = util::example_county();
    wd.ok(&[
        "seed",
        "commit",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--out",
        "commit.json",
    ]);
    let announced = "12345678901234567890";
    util::draw_example(&wd, "98765432109876543210", "s.csv");
    let run = wd.run(&["verify", "s.csv", "--seed", announced]);
    run.expect_code(3);
    // The seeds are public and stay readable.
    assert!(
        run.stdout().contains(&format!(
            "the draw used seed '98765432109876543210', not the announced seed '{announced}'"
        )),
        "{}",
        run.stdout()
    );
    // Without --seed the draw verifies, and says with which seed.
    let run = wd.ok(&["verify", "s.csv"]);
    assert!(
        run.stdout().contains("seed '98765432109876543210'"),
        "{}",
        run.stdout()
    );
    // The announced seed: OK, also against the commitment.
    util::draw_example(&wd, announced, "t.csv");
    wd.ok(&[
        "verify",
        "t.csv",
        "--seed",
        announced,
        "--commitment",
        "commit.json",
    ]);
    // A draw from a roster that is not the committed one fails the commitment.
    let (h, mut body) = lines(&wd, "roster.csv");
    body.remove(10);
    put(&wd, "other.csv", &h, &body);
    wd.ok(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "other.csv",
        "--seed",
        announced,
        "--allow-count-mismatch",
        "--out",
        "u.csv",
    ]);
    let run = wd.run(&[
        "verify",
        "u.csv",
        "--seed",
        announced,
        "--commitment",
        "commit.json",
    ]);
    run.expect_code(3);
    assert!(
        run.stdout()
            .contains("a roster differs from the committed roster.csv"),
        "{}",
        run.stdout()
    );
    // --seed on a manifest that records no draw is a usage error.
    wd.run(&["verify", "frame.csv", "--seed", announced])
        .expect_bad_input(&["records no draw"]);
}

/// The example drawn inside `in/`, with `outside.csv` beside `in/`.
fn confined() -> Workdir {
    let wd = util::example_county();
    for f in [
        "frame.csv",
        "frame.csv.manifest.json",
        "roster.csv",
        "counts.xlsx",
    ] {
        wd.write(&format!("in/{f}"), wd.read(f));
    }
    wd.ok(&[
        "draw",
        "--frame",
        "in/frame.csv",
        "--roster",
        "in/roster.csv",
        "--seed",
        SEED,
        "--out",
        "in/sample.csv",
    ]);
    wd.write("outside.csv", wd.read("roster.csv"));
    wd.ok(&["verify", "in/sample.csv"]);
    wd
}

/// Points the manifest's roster input at `path`.
fn point_roster(wd: &Workdir, path: &str) {
    let mut m = manifest_json(wd, "in/sample.csv.manifest.json");
    for f in m["inputs"].as_array_mut().unwrap() {
        if f["role"] == "roster" {
            f["path"] = path.into();
        }
    }
    put_json(wd, "in/sample.csv.manifest.json", &m);
}

/// Runs verify with a time limit: a read of /dev/zero or a FIFO would never end.
fn verify_in_time(wd: &Workdir, args: &[&str]) -> (i32, String) {
    let mut child = wd
        .command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            let _ = status;
            return (
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        if start.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("pingyi {args:?} did not end in 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn paths_in_a_manifest_stay_inside_its_folder() {
    let wd = confined();
    let cases: Vec<(String, &str)> = vec![
        ("/etc/passwd".into(), "is an absolute path"),
        ("/dev/zero".into(), "is an absolute path"),
        ("../outside.csv".into(), "climbs out"),
        ("sub/../../outside.csv".into(), "climbs out"),
    ];
    for (path, needle) in &cases {
        point_roster(&wd, path);
        let (code, err) = verify_in_time(&wd, &["verify", "in/sample.csv"]);
        assert_eq!(code, 2, "{path}: {err}");
        assert!(err.contains(needle), "{path}: {err}");
        assert!(!err.contains("root:"), "{path} was read: {err}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(wd.path("outside.csv"), wd.path("in/link.csv")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", wd.path("in/zero.csv")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", wd.path("in/passwd.csv")).unwrap();
        for name in ["link.csv", "zero.csv", "passwd.csv"] {
            point_roster(&wd, name);
            let (code, err) = verify_in_time(&wd, &["verify", "in/sample.csv"]);
            assert_eq!(code, 2, "{name}: {err}");
            assert!(err.contains("through a symbolic link"), "{name}: {err}");
        }
        let fifo = wd.path("in/fifo.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            point_roster(&wd, "fifo.csv");
            let (code, err) = verify_in_time(&wd, &["verify", "in/sample.csv"]);
            assert_eq!(code, 2, "fifo: {err}");
            assert!(err.contains("not a regular file"), "fifo: {err}");
        }
    }
    // A folder given with --root widens what may be named, and only that.
    point_roster(&wd, "../outside.csv");
    let (code, err) = verify_in_time(&wd, &["verify", "--root", ".", "in/sample.csv"]);
    assert_ne!(code, 2, "{err}");
    assert_ne!(code, 1, "{err}");
}

/// The example selected and tallied in the folder's root: `c.csv`, the filled
/// `filled.csv` (its rows as written) and `t.csv`.
fn tallied() -> (Workdir, String, Vec<String>) {
    let wd = drawn_sample();
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "20260701-青石-抽查",
        "--out",
        "c.csv",
    ]);
    let (h, mut body) = lines(&wd, "c.csv");
    let heads: Vec<&str> = h.split(',').collect();
    let result = heads.iter().position(|x| *x == "result").unwrap();
    let verifier = heads.iter().position(|x| *x == "verifier").unwrap();
    for (i, row) in body.iter_mut().enumerate() {
        let mut f: Vec<String> = row.split(',').map(str::to_string).collect();
        f[result] = if i == 0 { "虚假" } else { "真实" }.into();
        f[verifier] = "王核查".into();
        *row = f.join(",");
    }
    put(&wd, "filled.csv", &h, &body);
    util::tally_filled(&wd);
    wd.ok(&["verify", "--chain", "t.csv"]);
    (wd, h, body)
}

#[test]
fn which_records_were_found_false_is_part_of_the_record() {
    let (wd, h, body) = tallied();
    let heads: Vec<&str> = h.split(',').collect();
    let col = |name: &str| heads.iter().position(|x| *x == name).unwrap();
    let unit_col = col("乡镇");
    let field = |row: &str, c: usize| row.split(',').nth(c).unwrap().to_string();
    // The record of the same unit as record 0001, found genuine.
    let unit = field(&body[0], unit_col);
    let other = (1..body.len())
        .find(|&i| field(&body[i], unit_col) == unit)
        .expect("a second record in the unit");
    let other_no = field(&body[other], 0);
    let set = |b: &mut [String], i: usize, c: usize, v: &str| {
        let mut f: Vec<String> = b[i].split(',').map(str::to_string).collect();
        f[c] = v.into();
        b[i] = f.join(",");
    };
    // The two results swapped: the same counts, another person found false.
    let mut b = body.clone();
    set(&mut b, 0, col("result"), "真实");
    set(&mut b, other, col("result"), "虚假");
    put(&wd, "filled.csv", &h, &b);
    let run = wd.run(&["verify", "t.csv"]);
    run.expect_code(3);
    let out = run.stdout();
    for n in ["audit number 0001", &format!("audit number {other_no}")] {
        assert!(out.contains(n), "{n}:\n{out}");
    }
    // 核查人 and 备注 edited.
    for (c, v) in [(col("verifier"), "李某"), (col("notes"), "电话无人接听")] {
        let mut b = body.clone();
        set(&mut b, 2, c, v);
        put(&wd, "filled.csv", &h, &b);
        let run = wd.run(&["verify", "t.csv"]);
        run.expect_code(3);
        let no = field(&body[2], 0);
        assert!(
            run.stdout().contains(&format!("audit number {no}")),
            "{}",
            run.stdout()
        );
    }
    // Saved again in another order: the same content.
    let mut b = body.clone();
    b.reverse();
    put(&wd, "filled.csv", &h, &b);
    wd.ok(&["verify", "t.csv"]);
}

/// A draw checked against another announced seed: refused in the chosen language,
/// naming both seeds, exit code 3.
#[test]
fn a_wrong_announced_seed_is_refused_in_english_and_chinese() {
    let wd = drawn();
    util::draw_example(&wd, "2026-公开种子", "s.csv");
    let en = wd.run(&["verify", "--seed", "other", "s.csv.manifest.json"]);
    en.expect_code(3);
    let out = en.stdout();
    assert!(out.starts_with("DIFFERS s.csv.manifest.json"), "{out}");
    assert!(
        out.contains("the draw used seed '2026-公开种子', not the announced seed 'other'"),
        "{out}"
    );
    let zh = wd.run(&[
        "--lang",
        "zh",
        "verify",
        "--seed",
        "other",
        "s.csv.manifest.json",
    ]);
    zh.expect_code(3);
    let out = zh.stdout();
    assert!(out.starts_with("不符 s.csv.manifest.json"), "{out}");
    assert!(
        out.contains("抽样用的种子是“2026-公开种子”，不是公布的种子“other”"),
        "{out}"
    );
    assert!(zh.stderr().contains("1 份清单中有 1 份"), "{}", zh.stderr());
    // The announced seed itself: verified, in Chinese too.
    let ok = wd.ok(&[
        "--lang",
        "zh",
        "verify",
        "--seed",
        "2026-公开种子",
        "s.csv.manifest.json",
    ]);
    assert!(
        ok.stdout().starts_with("一致 s.csv.manifest.json — "),
        "{}",
        ok.stdout()
    );
}

/// The SHA-256 of file `name`, as a manifest records it.
fn sha256_of(wd: &Workdir, name: &str) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(wd.read(name));
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Rewrites the SHA-256 the manifest `manifest` records for output `path` to that of
/// the file as it is now: what someone hiding an edit would do.
fn forge_sha256(wd: &Workdir, manifest: &str, path: &str, file: &str) {
    let sha = sha256_of(wd, file);
    let mut m = manifest_json(wd, manifest);
    for o in m["outputs"].as_array_mut().unwrap() {
        if o["path"] == path {
            o["sha256"] = sha.clone().into();
        }
    }
    put_json(wd, manifest, &m);
}

#[test]
fn an_output_edited_with_the_sha256_its_manifest_records_is_caught() {
    // A swapped person in the sample: the cell is named.
    let wd = drawn_sample();
    let (h, mut body) = lines(&wd, "sample.csv");
    let (a, b) = (body[0].clone(), body[5].clone());
    let first_id = |l: &str| l.split(',').next().unwrap().to_string();
    let (ida, idb) = (first_id(&a), first_id(&b));
    body[0] = a.replacen(&ida, &idb, 1);
    put(&wd, "sample.csv", &h, &body);
    forge_sha256(&wd, "sample.csv.manifest.json", "sample.csv", "sample.csv");
    let run = wd.run(&["verify", "sample.csv"]);
    run.expect_code(3);
    let out = run.stdout();
    assert!(
        out.contains("matches the SHA-256 its manifest records") && out.contains("row 2"),
        "{out}"
    );
    // A deleted row: the rows are counted.
    let wd = drawn_sample();
    tamper_sample(&wd);
    forge_sha256(&wd, "sample.csv.manifest.json", "sample.csv", "sample.csv");
    let run = wd.run(&["verify", "sample.csv"]);
    run.expect_code(3);
    assert!(
        run.stdout().contains("rows were added or deleted"),
        "{}",
        run.stdout()
    );
    // Untouched, nothing is said of it.
    let wd = drawn_sample();
    let run = wd.ok(&["verify", "sample.csv"]);
    assert!(!run.stdout().contains("SHA-256"), "{}", run.stdout());
}

#[test]
fn a_score_with_two_units_swapped_and_its_sha256_forged_is_caught_down_the_chain() {
    let wd = example_run();
    let (h, mut body) = lines(&wd, "out/county/score.csv");
    let n = body.len() - 1;
    let unit = |l: &str| l.split(',').next().unwrap().to_string();
    let (first, last) = (unit(&body[0]), unit(&body[n]));
    body[0] = body[0].replacen(&first, &last, 1);
    body[n] = body[n].replacen(&last, &first, 1);
    put(&wd, "out/county/score.csv", &h, &body);
    forge_sha256(
        &wd,
        "out/county/score.csv.manifest.json",
        "score.csv",
        "out/county/score.csv",
    );
    differs(
        &wd,
        "out/county/score.csv.manifest.json",
        &[
            "matches the SHA-256 its manifest records",
            "column unit (A)",
        ],
    );
}

/// Edits output `file` of the example's county with `edit` (over its text), forges
/// the SHA-256 its manifest records, and returns what `verify` says of it (exit 3).
fn forged(file: &str, edit: impl Fn(String) -> String) -> String {
    let run = forge(file, edit, false);
    run.expect_code(3);
    run.stdout()
}

/// Edits output `file` of the example's county with `edit` (over its text, which must
/// change), removes the manifest's `mask` parameter when `as_earlier` (as if an earlier
/// release wrote it), forges the SHA-256 and runs `verify` on it.
fn forge(file: &str, edit: impl Fn(String) -> String, as_earlier: bool) -> util::Run {
    let wd = example_run();
    let path = format!("out/county/{file}");
    let text = String::from_utf8(wd.read(&path)).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing in {file}");
    wd.write(&path, edited);
    let manifest = format!("{path}.manifest.json");
    if as_earlier {
        let mut m = manifest_json(&wd, &manifest);
        m["parameters"].as_object_mut().unwrap().remove("mask");
        put_json(&wd, &manifest, &m);
    }
    forge_sha256(&wd, &manifest, file, &path);
    wd.run(&["verify", "--root", ".", &path])
}

/// `line` (the first holding `holding`) of `text` with `from` replaced by `to`.
fn in_line(text: &str, holding: &str, from: &str, to: &str) -> String {
    let at = text.find(holding).unwrap();
    let end = at + text[at..].find('\n').unwrap();
    format!("{}{}", &text[..at], text[at..end].replacen(from, to, 1)) + &text[end..]
}

#[test]
fn a_number_replaced_by_a_coarser_rounding_of_it_is_a_change() {
    let out = forged("score.csv", |t| {
        in_line(
            &in_line(&t, "高庙乡", ",62.06,", ",62,"),
            "高庙乡",
            ",90.56,",
            ",91,",
        )
    });
    assert!(out.contains("'62'") && out.contains("'62.06'"), "{out}");
    let out = forged("audit_tally.csv", |t| in_line(&t, "城关镇", ",0.5,", ",1,"));
    assert!(out.contains("'1'") && out.contains("'0.5'"), "{out}");
}

#[test]
fn a_renamed_column_is_a_change_and_its_cells_are_still_compared() {
    let out = forged("score.csv", |t| {
        in_line(
            &t.replacen(",total,", ",总分,", 1),
            "凤凰乡",
            ",92.55,",
            ",72.55,",
        )
    });
    assert!(out.contains("'总分'") && out.contains("'72.55'"), "{out}");
    // The phone an interviewer would call, under a renamed header.
    let out = forged("sample.csv", |t| {
        let second = t.lines().nth(1).unwrap().to_string();
        let phone = second.split(',').nth(5).unwrap().to_string();
        let t = t.replacen("联系电话", "手机", 1);
        let id = second.split(',').next().unwrap().to_string();
        in_line(&t, &id, &phone, "13800000000")
    });
    assert!(
        out.contains("'手机'") && out.contains("138****0000"),
        "{out}"
    );
}

#[test]
fn the_tally_flag_and_the_frame_weights_are_compared_too() {
    let out = forged("audit_tally.csv", |t| t.replace(",recheck", ","));
    assert!(out.contains("'recheck'"), "{out}");
    let out = forged("frame.csv", |t| {
        in_line(&t, "东岗镇,urban_dibao", ",0.125,8", ",0.5,2")
    });
    assert!(out.contains("'0.5'") && out.contains("'2'"), "{out}");
}

#[test]
fn every_sheet_of_a_workbook_is_compared() {
    let wd = example_run();
    let path = "out/county/frame.xlsx";
    let mut changed = false;
    let book = copy_workbook(wd.read(path), |name, names, i, cell, sheet, (r, c)| {
        assert!(names.len() > 1, "{names:?}");
        // One count on the last sheet, the one a manifest does not name.
        let last = names.last().is_some_and(|l| l == name);
        if !last || i < 2 || changed || number(cell).is_none() {
            return false;
        }
        changed = true;
        sheet.write_number(r, c, 999.0).unwrap();
        true
    });
    assert!(changed);
    wd.write(path, book);
    forge_sha256(&wd, &format!("{path}.manifest.json"), "frame.xlsx", path);
    let run = wd.run(&["verify", "--root", ".", path]);
    run.expect_code(3);
    assert!(run.stdout().contains("'999'"), "{}", run.stdout());
}

/// The number a workbook cell holds as a number (not as text).
fn number(cell: &calamine::Data) -> Option<f64> {
    match cell {
        calamine::Data::Float(f) => Some(*f),
        calamine::Data::Int(n) => Some(*n as f64),
        _ => None,
    }
}

/// The workbook `bytes` written again, every sheet, cell by cell (values only): `edit`
/// sees each cell first (its sheet, all sheets, its row in the range, the cell, the
/// sheet being written and its place) and says whether it wrote the cell itself.
type Place = (u32, u16);
fn copy_workbook(
    bytes: Vec<u8>,
    mut edit: impl FnMut(
        &str,
        &[String],
        usize,
        &calamine::Data,
        &mut rust_xlsxwriter::Worksheet,
        Place,
    ) -> bool,
) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        let sheet = out.add_worksheet().set_name(name).unwrap();
        let (r0, c0) = range.start().unwrap();
        for (i, row) in range.rows().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let place = (r0 + i as u32, (c0 as usize + j) as u16);
                if edit(name, &names, i, cell, sheet, place) {
                    continue;
                }
                let (r, c) = place;
                match cell {
                    Data::Float(f) => drop(sheet.write_number(r, c, *f).unwrap()),
                    Data::Int(n) => drop(sheet.write_number(r, c, *n as f64).unwrap()),
                    Data::Empty => {}
                    other => drop(sheet.write_string(r, c, other.to_string()).unwrap()),
                }
            }
        }
    }
    out.save_to_buffer().unwrap()
}

/// `text` (a CSV) with its first line (the header) replaced by what `f` makes of it.
fn with_header(text: &str, f: impl Fn(&str) -> String) -> String {
    let body = text.trim_start_matches('\u{feff}');
    let (head, rest) = body.split_once("\r\n").unwrap();
    format!("\u{feff}{}\r\n{rest}", f(head))
}

#[test]
fn renamed_blanked_or_deleted_columns_never_turn_the_comparison_off() {
    // Every header renamed, then the values under them edited.
    let out = forged("score_units.csv", |t| {
        let t = with_header(&t, |h| {
            h.split(',')
                .map(|c| format!("{c}_"))
                .collect::<Vec<_>>()
                .join(",")
        });
        in_line(&t, "马坪镇", ",76.75,", ",95.00,")
    });
    assert!(out.contains("'95.00'") && out.contains("'unit_'"), "{out}");
    // One header blanked, its flags swapped.
    let out = forged("score_units.csv", |t| {
        let t = with_header(&t, |h| h.replacen(",flags", ",", 1));
        t.replace("; criticised", "; commended")
    });
    assert!(out.contains("'flags'"), "{out}");
    // A whole column deleted: the tally's flags.
    let out = forged("audit_tally.csv", |t| {
        t.lines()
            .map(|l| l.rsplit_once(',').unwrap().0.to_string())
            .collect::<Vec<_>>()
            .join("\r\n")
            + "\r\n"
    });
    assert!(out.contains("'flag'"), "{out}");
    // A column added by hand is a change too.
    let out = forged("score_units.csv", |t| {
        let lines = t.lines().map(|l| format!("{},x", l.trim_end_matches('\r')));
        lines.collect::<Vec<_>>().join("\r\n") + "\r\n"
    });
    assert!(out.contains("'x'"), "{out}");
}

#[test]
fn whole_numbers_and_long_digits_are_compared_as_written() {
    // A rank of 2 is not 2.4; an ID number's last digits are not float noise.
    let out = forged("score.csv", |t| in_line(&t, "高庙乡", ",2,", ",2.4,"));
    assert!(out.contains("'2.4'"), "{out}");
    let out = forged("sample.csv", |t| {
        let second = t.lines().nth(1).unwrap().to_string();
        let id = second.split(',').nth(4).unwrap().to_string();
        let changed = format!("{}999", &id[..15]);
        in_line(&t, &id, &id, &changed)
    });
    assert!(out.contains("row 2"), "{out}");
}

#[test]
fn an_output_only_saved_again_with_longer_floats_is_said_to_be_so() {
    // Another program writes 0.052344601962922570 for 0.05234460196292257: the same
    // number, so no cell is named, only that the bytes changed.
    let wd = example_run();
    let path = "out/county/frame.csv";
    let text = String::from_utf8(wd.read(path)).unwrap();
    let longer = text.replace("0.05234460196292257,", "0.052344601962922570,");
    assert_ne!(longer, text);
    wd.write(path, longer);
    let run = wd.run(&["verify", "--root", ".", path]);
    run.expect_code(3);
    assert!(run.stdout().contains("saved again"), "{}", run.stdout());
}

#[test]
fn a_long_fraction_never_stands_for_a_whole_number_or_a_code() {
    let out = forged("score.csv", |t| {
        in_line(&t, "凤凰乡", ",1,", ",1.4999999999,")
    });
    assert!(out.contains("'1.4999999999'"), "{out}");
    let out = forged("audit_checklist.csv", |t| {
        t.replacen("\n0001,", "\n0.9999999999,", 1)
    });
    assert!(out.contains("'0.9999999999'"), "{out}");
    let out = forged("score.csv", |t| {
        in_line(&t, "凤凰乡", ",29,", ",29.4999999999,")
    });
    assert!(out.contains("'29.4999999999'"), "{out}");
}

#[test]
fn an_earlier_release_is_passed_over_only_where_it_wrote_otherwise() {
    // Claiming an earlier release (no masking policy recorded) does not free the
    // tally's flags or the checklist's batch column.
    let run = forge("audit_tally.csv", |t| t.replace(",recheck", ","), true);
    run.expect_code(3);
    assert!(run.stdout().contains("'recheck'"), "{}", run.stdout());
    let run = forge("audit_checklist.csv", |t| t.replace(",HC-", ",XX-"), true);
    run.expect_code(3);
}

#[test]
fn a_whole_number_written_with_zero_decimals_or_an_empty_last_row_is_no_change() {
    // pandas writes 8 as 8.0; a spreadsheet leaves a row of empty fields at the end.
    let wd = example_run();
    let path = "out/county/frame.csv";
    let text = String::from_utf8(wd.read(path)).unwrap();
    let edited = in_line(&text, "东岗镇,urban_dibao", ",0.125,8", ",0.125,8.0") + ",,,,,,\r\n";
    wd.write(path, edited);
    forge_sha256(&wd, &format!("{path}.manifest.json"), "frame.csv", path);
    wd.ok(&["verify", "--root", ".", path]);
}

#[test]
fn a_formula_in_an_output_workbook_is_a_change() {
    // A formula shows what it computes, not the value stored beside it.
    let wd = example_run();
    let path = "out/county/score.xlsx";
    let mut placed = false;
    let book = copy_workbook(wd.read(path), |_, _, i, cell, sheet, (r, c)| {
        let Some(f) = number(cell).filter(|_| i > 1 && !placed) else {
            return false;
        };
        placed = true;
        let formula =
            rust_xlsxwriter::Formula::new(format!("={}", f + 1.0)).set_result(f.to_string());
        sheet.write_formula(r, c, formula).unwrap();
        true
    });
    assert!(placed);
    wd.write(path, book);
    forge_sha256(&wd, &format!("{path}.manifest.json"), "score.xlsx", path);
    let run = wd.run(&["verify", "--root", ".", path]);
    run.expect_code(3);
    assert!(run.stdout().contains("'="), "{}", run.stdout());
}

#[test]
fn a_workbook_without_its_printed_form_verifies_as_the_table_it_holds() {
    // Tally workbooks written before the title and 合计 rows: the table alone.
    use calamine::{Data, Reader};
    let wd = example_run();
    let path = "out/county/audit_tally.xlsx";
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(wd.read(path))).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.last().unwrap()[0].to_string(), "合计");
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet().set_name(&name).unwrap();
    for (r, row) in rows[1..rows.len() - 1].iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match number(cell) {
                Some(f) => drop(sheet.write_number(r, c, f).unwrap()),
                None if matches!(cell, Data::Empty) => {}
                None => drop(sheet.write_string(r, c, cell.to_string()).unwrap()),
            }
        }
    }
    wd.write(path, out.save_to_buffer().unwrap());
    forge_sha256(
        &wd,
        &format!("{path}.manifest.json"),
        "audit_tally.xlsx",
        path,
    );
    wd.ok(&["verify", "--root", ".", path]);
}
