//! `pingyi frame` and `pingyi size` through the real binary: textbook allocations,
//! sample sizes, output formats, determinism, and refused input.

mod util;

use util::Workdir;

/// Reads a frame CSV (BOM, English headers) into (unit, category, sample) rows.
fn samples(wd: &Workdir, name: &str) -> Vec<(String, String, u64, u64)> {
    let text = String::from_utf8(wd.read(name)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "unit,category,population,sample,reserve,inclusion_prob,weight"
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].to_string(),
                f[1].to_string(),
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
            )
        })
        .collect()
}

fn sample_column(rows: &[(String, String, u64, u64)]) -> Vec<u64> {
    rows.iter().map(|r| r.2).collect()
}

#[test]
fn proportional_allocation_matches_lohr_example_3_2() {
    // Lohr, Sampling: Design and Analysis (3rd ed.), Example 3.2 (agpop): n = 300 over
    // regions NC 1054, NE 220, S 1382, W 422 → 103, 21, 135, 41.
    let wd = Workdir::new();
    wd.write(
        "agpop.csv",
        "unit,category,count\nUS,a_NC,1054\nUS,b_NE,220\nUS,c_S,1382\nUS,d_W,422\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "agpop.csv",
        "--per-unit",
        "300",
        "--out",
        "f.csv",
    ]);
    assert_eq!(
        sample_column(&samples(&wd, "f.csv")),
        vec![103, 21, 135, 41]
    );
}

#[test]
fn neyman_allocation_matches_published_examples() {
    // Penn State STAT 506, Lesson 6.2 (hours of TV): N = 155, 62, 93, σ = 5, 15, 10,
    // n = 40 → 12, 14, 14.
    let wd = Workdir::new();
    wd.write(
        "tv.csv",
        "unit,category,count,sd\nT,a,155,5\nT,b,62,15\nT,c,93,10\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "tv.csv",
        "--per-unit",
        "40",
        "--method",
        "neyman",
        "--out",
        "f.csv",
    ]);
    assert_eq!(sample_column(&samples(&wd, "f.csv")), vec![12, 14, 14]);
    // Thompson, Sampling, ch. 11 example 4: N = 150, 90, 120, σ = 100, 200, 300, n = 12
    // → 3, 3, 6.
    wd.write(
        "th.csv",
        "unit,category,count,sd\nT,a,150,100\nT,b,90,200\nT,c,120,300\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "th.csv",
        "--per-unit",
        "12",
        "--method",
        "neyman",
        "--out",
        "g.csv",
    ]);
    assert_eq!(sample_column(&samples(&wd, "g.csv")), vec![3, 3, 6]);
}

#[test]
fn optimal_allocation_on_the_scheaffer_example() {
    // Scheaffer, Mendenhall & Ott, Elementary Survey Sampling, the TV example with
    // costs: N = 155, 62, 93, σ = 5, 15, 10, c = 9, 9, 16. Their handout's weights
    // N_h·σ_h/√c_h (with N ×10) are 2583.33, 3100, 2325; for n = 58 these give
    // 18.71, 22.45, 16.84, so 19, 22, 17.
    let wd = Workdir::new();
    wd.write(
        "tvc.csv",
        "unit,category,count,sd,cost\nT,a,155,5,9\nT,b,62,15,9\nT,c,93,10,16\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "tvc.csv",
        "--per-unit",
        "58",
        "--method",
        "optimal",
        "--out",
        "f.csv",
    ]);
    assert_eq!(sample_column(&samples(&wd, "f.csv")), vec![19, 22, 17]);
    // Neyman is optimal allocation with equal costs.
    wd.write(
        "eq.csv",
        "unit,category,count,sd,cost\nT,a,155,5,4\nT,b,62,15,4\nT,c,93,10,4\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "eq.csv",
        "--per-unit",
        "40",
        "--method",
        "optimal",
        "--out",
        "g.csv",
    ]);
    assert_eq!(sample_column(&samples(&wd, "g.csv")), vec![12, 14, 14]);
}

#[test]
fn neyman_from_expected_proportions() {
    // S_h = √(p(1−p)): p = 0.5 and p = 0.1 give 0.5 and 0.3; equal N → 5 : 3.
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "unit,category,count,p\nT,a,1000,0.5\nT,b,1000,0.1\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "p.csv",
        "--per-unit",
        "80",
        "--method",
        "neyman",
        "--out",
        "f.csv",
    ]);
    assert_eq!(sample_column(&samples(&wd, "f.csv")), vec![50, 30]);
}

#[test]
fn equal_and_quota_methods() {
    let wd = Workdir::new();
    wd.write(
        "q.csv",
        "单位,类别,人数,配额\n甲,农村低保,100,10\n甲,城市低保,50,7\n甲,五保,3,3\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "q.csv",
        "--method",
        "quota",
        "--out",
        "q.csv.out.csv",
    ]);
    assert_eq!(
        sample_column(&samples(&wd, "q.csv.out.csv")),
        vec![10, 7, 3]
    );
    wd.ok(&[
        "frame",
        "--counts",
        "q.csv",
        "--method",
        "equal",
        "--per-unit",
        "20",
        "--out",
        "e.csv",
    ]);
    // Equal shares of 20: 五保 is taken whole (3), the rest split 17 → 9 and 8, the
    // extra one to the larger stratum.
    assert_eq!(sample_column(&samples(&wd, "e.csv")), vec![9, 8, 3]);
}

#[test]
fn margin_sample_sizes_and_reserves() {
    let wd = Workdir::new();
    wd.write(
        "c.csv",
        "unit,category,count\n甲,a,600\n甲,b,400\n乙,a,30\n乙,b,20\n",
    );
    let run = wd.ok(&[
        "frame",
        "--counts",
        "c.csv",
        "--margin",
        "0.05",
        "--reserve-rate",
        "0.2",
        "--out",
        "f.csv",
    ]);
    let rows = samples(&wd, "f.csv");
    // Units come sorted by name: 乙 (U+4E59) before 甲 (U+7532).
    assert_eq!((rows[0].0.as_str(), rows[2].0.as_str()), ("乙", "甲"));
    // N = 50: 384.15 / (1 + 383.15/50) = 44.3 → 45, shared 27 : 18.
    assert_eq!(sample_column(&rows[0..2]), vec![27, 18]);
    // Reserves never exceed what is left: 30 − 27 = 3, 20 − 18 = 2.
    assert_eq!((rows[0].3, rows[1].3), (3, 2));
    // N = 1000 at ±5%: 278 (the Krejcie & Morgan value), shared 167 : 111.
    assert_eq!(sample_column(&rows[2..4]), vec![167, 111]);
    // Reserves ceil(0.2 × n), exactly: 0.2 × 167 = 33.4 → 34; 0.2 × 111 = 22.2 → 23.
    assert_eq!(rows[2].3, 34);
    assert_eq!(rows[3].3, 23);
    // The summary table shows per-unit totals.
    assert!(run.stdout().contains("278"));
    assert!(run.stdout().contains("│ total"), "{}", run.stdout());
}

#[test]
fn a_unit_smaller_than_its_target_is_taken_whole_with_a_warning() {
    let wd = Workdir::new();
    wd.write("c.csv", "unit,category,count\n甲,a,30\n甲,b,20\n");
    let run = wd.ok(&[
        "frame",
        "--counts",
        "c.csv",
        "--per-unit",
        "60",
        "--reserves",
        "3",
        "--out",
        "f.csv",
    ]);
    let rows = samples(&wd, "f.csv");
    assert_eq!(sample_column(&rows), vec![30, 20]);
    assert_eq!((rows[0].3, rows[1].3), (0, 0));
    assert!(
        run.stderr()
            .contains("warning: unit '甲' has 50 recipients"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("all are taken"));
}

#[test]
fn fixed_reserves_never_exceed_the_remaining_population() {
    let wd = Workdir::new();
    wd.write("c.csv", "unit,category,count\n甲,a,100\n甲,b,12\n");
    wd.ok(&[
        "frame",
        "--counts",
        "c.csv",
        "--per-unit",
        "20",
        "--min-per-stratum",
        "10",
        "--reserves",
        "5",
        "--out",
        "f.csv",
    ]);
    let rows = samples(&wd, "f.csv");
    assert_eq!(sample_column(&rows), vec![10, 10]);
    assert_eq!((rows[0].3, rows[1].3), (5, 2));
}

#[test]
fn weights_and_inclusion_probabilities() {
    let wd = Workdir::new();
    wd.write("c.csv", "unit,category,count\n甲,a,90\n甲,b,10\n甲,c,0\n");
    wd.ok(&[
        "frame",
        "--counts",
        "c.csv",
        "--per-unit",
        "10",
        "--out",
        "f.csv",
    ]);
    let text = String::from_utf8(wd.read("f.csv")).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("甲,a,90,9,0,0.1,10\r\n"), "{text}");
    assert!(text.contains("甲,b,10,1,0,0.1,10\r\n"), "{text}");
    // An empty stratum: inclusion probability 0 and no weight.
    assert!(text.contains("甲,c,0,0,0,0,\r\n"), "{text}");
}

#[test]
fn size_prints_the_sample_size_alone() {
    let wd = Workdir::new();
    assert_eq!(
        wd.ok(&["size", "--population", "1000", "--margin", "0.05"])
            .stdout(),
        "278\n"
    );
    assert_eq!(
        wd.ok(&["size", "--population", "100", "--margin", "0.05"])
            .stdout(),
        "80\n"
    );
    assert_eq!(
        wd.ok(&[
            "size",
            "--population",
            "10000",
            "--margin",
            "0.03",
            "--confidence",
            "0.99"
        ])
        .stdout(),
        // z = 2.5758, n0 = 1843.03, n = 1843.03 / 1.18420 = 1556.3 → 1557.
        "1557\n"
    );
    wd.run(&["size", "--population", "100", "--margin", "0"])
        .expect_bad_input(&["--margin"]);
    wd.run(&[
        "size",
        "--population",
        "100",
        "--margin",
        "0.05",
        "--confidence",
        "1",
    ])
    .expect_bad_input(&["--confidence"]);
}

#[test]
fn every_output_format_and_language() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.xlsx", "c.xlsx");
    for out in ["f.csv", "f.xlsx", "f.json", "f.parquet"] {
        wd.ok(&[
            "frame", "--counts", "c.xlsx", "--margin", "0.1", "--out", out,
        ]);
        assert!(wd.exists(&format!("{out}.manifest.json")));
    }
    let json: serde_json::Value = serde_json::from_slice(&wd.read("f.json")).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 75);
    assert_eq!(json[0]["unit"], "东岗镇");
    assert!(json[0]["sample"].is_u64());
    assert!(wd.read("f.parquet").starts_with(b"PAR1"));
    wd.ok(&[
        "frame", "--counts", "c.xlsx", "--margin", "0.1", "--lang", "zh", "--no-bom", "--out",
        "zh.csv",
    ]);
    let zh = String::from_utf8(wd.read("zh.csv")).unwrap();
    assert!(
        zh.starts_with("单位,类别,总体人数,样本量,备用样本,入样概率,权数\r\n"),
        "{zh}"
    );
    assert!(zh.contains(",农村低保,"));
    // The workbook holds the stratum table and the per-unit totals, Chinese headers.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(wd.path("f.xlsx")).unwrap();
    use calamine::Reader;
    assert_eq!(
        book.sheet_names(),
        vec!["抽样样本框".to_string(), "各单位合计".to_string()]
    );
    let totals = book.worksheet_range("各单位合计").unwrap();
    // A title row, the header, 15 units and the 合计 row.
    assert_eq!(totals.get_size().0, 18);
    assert_eq!(
        totals.get((0, 0)).unwrap().to_string(),
        "各单位合计（15 个单位）"
    );
    assert_eq!(totals.get((1, 0)).unwrap().to_string(), "单位");
    assert_eq!(totals.get((17, 0)).unwrap().to_string(), "合计");
}

#[test]
fn outputs_are_byte_identical_and_never_overwritten_without_force() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.xlsx", "c.xlsx");
    for out in ["f.csv", "f.xlsx", "f.json", "f.parquet"] {
        let args = [
            "frame",
            "--counts",
            "c.xlsx",
            "--margin",
            "0.1",
            "--reserve-rate",
            "0.3",
            "--out",
            out,
        ];
        wd.ok(&args);
        let first = wd.read(out);
        let first_manifest = wd.read(&format!("{out}.manifest.json"));
        // Without --force: refused, file untouched.
        wd.run(&args)
            .expect_bad_input(&[out, "already exists", "--force"]);
        assert_eq!(wd.read(out), first);
        let mut forced = args.to_vec();
        forced.push("--force");
        wd.ok(&forced);
        assert_eq!(wd.read(out), first, "{out} differs on a rerun");
        assert_eq!(wd.read(&format!("{out}.manifest.json")), first_manifest);
    }
}

#[test]
fn row_order_and_form_do_not_change_the_frame() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "wide.csv");
    wd.ok(&["counts", "wide.csv", "--out", "long.csv"]);
    let long = String::from_utf8(wd.read("long.csv")).unwrap();
    let mut lines: Vec<&str> = long.trim_start_matches('\u{feff}').lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    wd.write("reversed.csv", format!("{header}\n{}\n", lines.join("\n")));
    for (input, out) in [
        ("wide.csv", "a.csv"),
        ("long.csv", "b.csv"),
        ("reversed.csv", "c.csv"),
    ] {
        wd.ok(&[
            "frame",
            "--counts",
            input,
            "--margin",
            "0.1",
            "--min-per-stratum",
            "3",
            "--out",
            out,
        ]);
    }
    assert_eq!(wd.read("a.csv"), wd.read("b.csv"));
    assert_eq!(wd.read("a.csv"), wd.read("c.csv"));
    // The manifests see the same content in all three inputs.
    let content = |m: &str| {
        let v: serde_json::Value = serde_json::from_slice(&wd.read(m)).unwrap();
        v["inputs"][0]["content"]["digest"].clone()
    };
    assert_eq!(
        content("a.csv.manifest.json"),
        content("b.csv.manifest.json")
    );
    assert_eq!(
        content("a.csv.manifest.json"),
        content("c.csv.manifest.json")
    );
}

#[test]
fn the_manifest_records_inputs_outputs_and_parameters() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.xlsx", "in/c.xlsx");
    wd.ok(&[
        "frame",
        "--counts",
        "in/c.xlsx",
        "--margin",
        "0.1",
        "--out",
        "out/f.csv",
    ]);
    let m: serde_json::Value = serde_json::from_slice(&wd.read("out/f.csv.manifest.json")).unwrap();
    assert_eq!(m["format"], "pingyi-manifest/1");
    assert_eq!(m["command"], "frame");
    assert_eq!(m["parameters"]["margin"], 0.1);
    assert_eq!(m["parameters"]["method"], "proportional");
    let input = &m["inputs"][0];
    assert_eq!(input["path"], "../in/c.xlsx");
    assert_eq!(input["sheet"], "类别和数量表");
    assert_eq!(input["content"]["rows"], 75);
    assert_eq!(
        input["content"]["strata"]["城关镇"]
            .as_object()
            .unwrap()
            .len(),
        5
    );
    let output = &m["outputs"][0];
    assert_eq!(output["path"], "f.csv");
    let sha = {
        use sha2::Digest;
        let d = sha2::Sha256::digest(wd.read("out/f.csv"));
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    assert_eq!(output["sha256"], sha.as_str());
    assert!(input.get("manifest").is_none());
    // A stage reading a file that has a manifest links it: counts → frame.
    wd.ok(&["counts", "in/c.xlsx", "--out", "in/c.csv"]);
    wd.ok(&[
        "frame",
        "--counts",
        "in/c.csv",
        "--margin",
        "0.1",
        "--out",
        "out/g.csv",
    ]);
    let g: serde_json::Value = serde_json::from_slice(&wd.read("out/g.csv.manifest.json")).unwrap();
    assert_eq!(
        g["inputs"][0]["manifest"]["path"],
        "../in/c.csv.manifest.json"
    );
    assert_eq!(
        g["inputs"][0]["content"]["digest"],
        input["content"]["digest"]
    );
}

/// Refused plans: exit 2 and no output file.
fn refused(csv: &str, args: &[&str], needles: &[&str]) {
    let wd = Workdir::new();
    wd.write("c.csv", csv);
    let mut all = vec!["frame", "--counts", "c.csv", "--out", "f.csv"];
    all.extend_from_slice(args);
    wd.run(&all).expect_bad_input(needles);
    assert!(!wd.exists("f.csv") && !wd.exists("f.csv.manifest.json"));
}

#[test]
fn bad_plans_are_refused_before_any_output() {
    let counts = "unit,category,count\n甲,a,100\n";
    refused(counts, &["--margin", "1.5"], &["--margin 1.5", "(0, 1)"]);
    refused(counts, &["--margin", "0"], &["--margin 0"]);
    refused(
        counts,
        &["--margin", "0.05", "--confidence", "1.2"],
        &["--confidence 1.2"],
    );
    refused(counts, &["--per-unit", "0"], &["--per-unit"]);
    refused(
        counts,
        &["--per-unit", "5", "--method", "best"],
        &["unknown allocation method 'best'"],
    );
    refused(
        counts,
        &["--per-unit", "5", "--method", "neyman"],
        &["c.csv", "row 2", "sd or p"],
    );
    refused(
        "unit,category,count,sd\n甲,a,100,2\n",
        &["--per-unit", "5", "--method", "optimal"],
        &["c.csv", "row 2", "cost"],
    );
    refused(
        "unit,category,count,quota\n甲,a,100,20\n甲,b,10,11\n",
        &["--method", "quota"],
        &["c.csv", "row 3", "quota 11", "above its population 10"],
    );
    refused(counts, &[], &["no sample size", "--per-unit"]);
    refused(
        counts,
        &["--per-unit", "5", "--reserve-rate", "lots"],
        &["'lots' is not a rate"],
    );
}

#[test]
fn unit_names_are_compared_by_what_prints() {
    // Counts that write a unit with an invisible character in every row: the frame
    // names it plainly, and a roster that writes it plainly draws from it.
    let wd = Workdir::new();
    wd.write(
        "counts.csv",
        "乡镇,农村低保,城市低保\n城关镇\u{200b},3,2\n青石镇,2,2\n",
    );
    wd.ok(&[
        "frame",
        "--counts",
        "counts.csv",
        "--per-unit",
        "2",
        "--out",
        "frame.csv",
    ]);
    let frame = String::from_utf8(wd.read("frame.csv")).unwrap();
    assert!(!frame.contains('\u{200b}'), "{frame:?}");
    assert!(frame.contains("\n城关镇,rural_dibao,3,"), "{frame}");
    let mut roster = String::from("编号,乡镇,类别\n");
    for (i, (unit, cat)) in [
        ("城关镇", "农村低保"),
        ("城关镇", "农村低保"),
        ("城关镇", "农村低保"),
        ("城关镇", "城市低保"),
        ("城关镇", "城市低保"),
        ("青石镇", "农村低保"),
        ("青石镇", "农村低保"),
        ("青石镇", "城市低保"),
        ("青石镇", "城市低保"),
    ]
    .iter()
    .enumerate()
    {
        roster.push_str(&format!("Q{i},{unit},{cat}\n"));
    }
    wd.write("roster.csv", &roster);
    let draw = |roster: &str, out: &str| wd.run(&util::draw_args(roster, "7", out));
    draw("roster.csv", "a.csv").expect_code(0);
    // The same roster with the invisible character in every row of the unit draws the
    // same records (whose cells are carried as written).
    wd.write("marked.csv", roster.replace("城关镇", "城关镇\u{2060}"));
    draw("marked.csv", "b.csv").expect_code(0);
    let b = String::from_utf8(wd.read("b.csv")).unwrap();
    assert!(b.contains('\u{2060}'));
    assert_eq!(
        String::from_utf8(wd.read("a.csv")).unwrap(),
        b.replace('\u{2060}', "")
    );
}

#[test]
fn a_frame_that_writes_one_unit_two_ways_is_refused_naming_both_rows() {
    let wd = Workdir::new();
    wd.write(
        "frame.csv",
        "单位,类别,总体人数,样本量,备用样本\n城关镇,农村低保,2,1,0\n\
         城关镇\u{200b},城市低保,2,1,0\n",
    );
    wd.write(
        "roster.csv",
        "编号,乡镇,类别\nQ1,城关镇,农村低保\nQ2,城关镇,农村低保\nQ3,城关镇,城市低保\nQ4,城关镇,城市低保\n",
    );
    wd.run(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "7",
        "--out",
        "s.csv",
    ])
    .expect_bad_input(&["frame.csv", "row 3", "row 2", "城关镇<U+200B>"]);
    assert!(!wd.exists("s.csv"));
    wd.write(
        "twice.csv",
        "单位,类别,总体人数,样本量,备用样本\n城关镇,农村低保,2,1,0\n\
         青石镇,农村低保,2,1,0\n城关镇,农村最低生活保障,2,1,0\n",
    );
    wd.run(&[
        "draw",
        "--frame",
        "twice.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "7",
        "--out",
        "s.csv",
    ])
    .expect_bad_input(&["twice.csv", "row 4", "also at row 2"]);
}
