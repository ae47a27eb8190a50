//! One alias table for every kind of input: every spelling of every field that a kind
//! of table takes, taken from the table the readers use, is written as a header of a
//! small valid table of that kind and read through that kind's real reader, which must
//! read the column as that field.

mod util;

use std::path::{Path, PathBuf};

use pingyi::audit::tally::{Finding, TallyRules};
use pingyi::commands::audit::{SelectOptions, TallyOptions, compute_tally, selection_in_memory};
use pingyi::commands::calls::check_calls;
use pingyi::commands::score::{ScoreOptions, ScoreReport, score_in_memory};
use pingyi::draw::roster::RosterReader;
use pingyi::io::alias::{Field, Input};
use pingyi::io::counts::parse_counts;
use pingyi::io::read_grid_path;
use pingyi::io::stream::open_rows;
use util::Workdir;

type Check = Result<(), String>;

/// A CSV table: its header (one cell per field, `None` for a column of no field) and
/// rows. The header cell of `field` is `spelling`; every other field gets its usual
/// spelling.
struct Table<'a> {
    kind: Input,
    columns: Vec<Option<Field>>,
    rows: &'a [&'a str],
}

impl Table<'_> {
    fn csv(&self, field: Field, spelling: &str) -> String {
        let header: Vec<&str> = self
            .columns
            .iter()
            .map(|c| match c {
                Some(f) if *f == field => spelling,
                Some(f) => f.aliases()[0],
                None => "其他",
            })
            .collect();
        let mut text = header.join(",");
        for row in self.rows {
            text.push('\n');
            text.push_str(row);
        }
        text.push('\n');
        text
    }

    /// Writes the table with `spelling` heading `field`.
    fn write(&self, wd: &Workdir, name: &str, field: Field, spelling: &str) -> PathBuf {
        assert!(
            self.kind
                .fields()
                .iter()
                .all(|f| f.aliases()[0] != spelling || *f == field),
            "{spelling} is the usual spelling of another field"
        );
        wd.write(name, self.csv(field, spelling))
    }
}

fn same<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Check {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, expected {want:?}"))
    }
}

fn ok<T>(r: pingyi::Result<T>) -> Result<T, String> {
    r.map_err(|e| format!("{e:#}"))
}

/// Reads a table whose `field` column is headed `spelling` through the reader of `kind`.
fn read_as(kind: Input, field: Field, spelling: &str) -> Check {
    let wd = Workdir::new();
    match kind {
        Input::Counts => counts(&wd, field, spelling),
        Input::Frame => frame(&wd, field, spelling),
        Input::Roster => roster(&wd, Input::Roster, field, spelling),
        Input::Sample => sample(&wd, field, spelling),
        Input::Checklist => checklist(&wd, field, spelling),
        Input::CallLog => call_log(&wd, field, spelling),
        Input::Responses => responses(&wd, field, spelling),
        Input::Inspection | Input::Findings | Input::Disqualified => {
            unit_table(&wd, kind, field, spelling)
        }
    }
}

#[test]
fn every_spelling_of_every_field_reads_through_every_kind_of_input() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for kind in Input::ALL {
        for &field in kind.fields() {
            for &spelling in field.aliases() {
                checked += 1;
                if let Err(e) = read_as(kind, field, spelling) {
                    failures.push(format!("{kind:?} / {field:?} headed '{spelling}': {e}"));
                }
            }
        }
    }
    assert!(checked > 150, "only {checked} spellings checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_spellings_the_issue_names_are_taken_wherever_they_fit() {
    let has = |kind: Input, field: Field, spelling: &str| {
        kind.fields().contains(&field) && field.aliases().contains(&spelling)
    };
    for kind in [Input::Counts, Input::Frame, Input::Roster, Input::Sample] {
        for s in ["所属乡镇", "乡镇(街道)"] {
            assert!(has(kind, Field::Unit, s), "{kind:?} {s}");
        }
        for s in ["救助类别", "保障类别", "对象类别", "人员类别"] {
            assert!(has(kind, Field::Category, s), "{kind:?} {s}");
        }
    }
    for kind in [Input::CallLog, Input::Responses, Input::Inspection] {
        assert!(has(kind, Field::Unit, "所属乡镇"), "{kind:?}");
    }
    for kind in [
        Input::Roster,
        Input::Sample,
        Input::CallLog,
        Input::Responses,
    ] {
        assert!(has(kind, Field::Id, "人员编号"), "{kind:?}");
    }
    for kind in [Input::Roster, Input::Sample] {
        for s in ["身份证号码", "公民身份号码", "证件号码"] {
            assert!(has(kind, Field::IdNumber, s), "{kind:?} {s}");
        }
        for s in ["手机号码", "联系方式"] {
            assert!(has(kind, Field::Phone, s), "{kind:?} {s}");
        }
    }
    for s in ["已启用", "是否启用", "启用"] {
        assert!(has(Input::Sample, Field::Used, s), "{s}");
    }
    // The full-width brackets a clerk types read as the same header.
    assert_eq!(Input::Roster.field("乡镇（街道）"), Some(Field::Unit));
}

#[test]
fn a_header_of_no_field_is_not_read_as_one() {
    // The check above must be able to fail: a table headed with a spelling of no field
    // is refused by each reader.
    let cases: [(Input, Field); 8] = [
        (Input::Counts, Field::Count),
        (Input::Frame, Field::Population),
        (Input::Roster, Field::Id),
        (Input::Sample, Field::Role),
        (Input::Checklist, Field::AuditResult),
        (Input::CallLog, Field::Disposition),
        (Input::Responses, Field::Satisfaction),
        (Input::Inspection, Field::Inspection),
    ];
    for (kind, field) in cases {
        assert!(
            read_as(kind, field, "不是列名").is_err(),
            "{kind:?} read 不是列名 as {field:?}"
        );
    }
    assert!(read_as(Input::CallLog, Field::Id, "受访者").is_err());
}

fn counts(wd: &Workdir, field: Field, spelling: &str) -> Check {
    use Field::*;
    let read = |t: &Table| {
        let path = t.write(wd, "counts.csv", field, spelling);
        let (grid, _) = ok(read_grid_path(&path, None))?;
        ok(parse_counts(&grid))
    };
    match field {
        Total | SampleSize => {
            // The wide form: one column per category, a totals column, sample sizes.
            let t = Table {
                kind: Input::Counts,
                columns: vec![Some(Unit), None, None, Some(Total), Some(SampleSize)],
                rows: &["甲,10,20,30,6"],
            };
            let text = t
                .csv(field, spelling)
                .replacen("其他,其他", "农村低保,城市低保", 1);
            let path = wd.write("counts.csv", text);
            let (grid, _) = ok(read_grid_path(&path, None))?;
            let c = ok(parse_counts(&grid))?;
            same("strata", c.strata.len(), 2)?;
            same("totals checked", c.totals_checked > 0, true)?;
            same(
                "sample sizes",
                c.sample_sizes.values().copied().collect(),
                vec![6],
            )
        }
        _ => {
            let t = Table {
                kind: Input::Counts,
                columns: vec![
                    Some(Serial),
                    Some(Unit),
                    Some(Category),
                    Some(Count),
                    Some(Sd),
                    Some(P),
                    Some(Cost),
                    Some(Quota),
                    Some(Notes),
                ],
                rows: &["1,甲,农村低保,100,0.5,0.3,2,5,见说明"],
            };
            let c = read(&t)?;
            same("strata", c.strata.len(), 1)?;
            let s = &c.strata[0];
            same("unit", s.unit.as_str(), "甲")?;
            same("category", s.category.key(), "rural_dibao")?;
            same("count", s.population, 100)?;
            same("sd", s.sd, Some(0.5))?;
            same("p", s.p, Some(0.3))?;
            same("cost", s.cost, Some(2.0))?;
            same("quota", s.quota, Some(5))
        }
    }
}

fn frame(wd: &Workdir, field: Field, spelling: &str) -> Check {
    use Field::*;
    let t = Table {
        kind: Input::Frame,
        columns: vec![
            Some(Unit),
            Some(Category),
            Some(Population),
            Some(Sample),
            Some(Reserve),
        ],
        rows: &["甲,农村低保,100,10,2"],
    };
    let path = t.write(wd, "frame.csv", field, spelling);
    let (grid, _) = ok(read_grid_path(&path, None))?;
    let rows = ok(pingyi::frame::read::read_frame(&grid))?;
    same("rows", rows.len(), 1)?;
    let r = &rows[0];
    same("unit", r.unit.as_str(), "甲")?;
    same("category", r.category.key(), "rural_dibao")?;
    same("population", r.population, 100)?;
    same("sample", r.sample, 10)?;
    same("reserve", r.reserve, 2)
}

const ROSTER_ROW: &str = "A1,甲,农村低保,110105194912310021,13800000000";

fn roster_columns() -> Vec<Option<Field>> {
    use Field::*;
    vec![
        Some(Id),
        Some(Unit),
        Some(Category),
        Some(IdNumber),
        Some(Phone),
    ]
}

fn roster(wd: &Workdir, kind: Input, field: Field, spelling: &str) -> Check {
    let t = Table {
        kind,
        columns: roster_columns(),
        rows: &[ROSTER_ROW],
    };
    let path = t.write(wd, "roster.csv", field, spelling);
    let mut reader = ok(RosterReader::open(ok(open_rows(&path, None))?, None))?;
    let h = reader.header.clone();
    same("columns", (h.id, h.unit, h.category), (0, 1, 2))?;
    same(
        "ID number and phone",
        (h.id_number, h.phone),
        (Some(3), Some(4)),
    )?;
    let r = ok(reader.next().ok_or("no record")?)?;
    same("id", r.id.as_str(), "A1")?;
    same("unit", r.unit.as_str(), "甲")?;
    same("category", r.category.key(), "rural_dibao")?;
    same(
        "ID number",
        r.id_number.as_deref(),
        Some("110105194912310021"),
    )?;
    same("phone", r.phone.as_deref(), Some("13800000000"))
}

/// A sample of two: a main respondent and a reserve.
fn sample_table(extra: &[Field]) -> (Vec<Option<Field>>, String) {
    let mut columns = vec![Some(Field::Id), Some(Field::Unit), Some(Field::Category)];
    columns.extend(extra.iter().map(|f| Some(*f)));
    let value = |f: &Field, main: bool| match (f, main) {
        (Field::StratumRank, _) => "1",
        (Field::Role, true) => "main",
        (Field::Role, false) => "reserve",
        (Field::Weight, _) => "2",
        (Field::Used, true) => "",
        (Field::Used, false) => "真实",
        _ => "",
    };
    let row = |id: &str, main: bool| {
        let mut cells = vec![id, "甲", "农村低保"];
        cells.extend(extra.iter().map(|f| value(f, main)));
        cells.join(",")
    };
    (
        columns,
        format!("{}\n{}", row("A1", true), row("A2", false)),
    )
}

fn write_sample(wd: &Workdir, extra: &[Field], field: Field, spelling: &str) -> PathBuf {
    let (columns, rows) = sample_table(extra);
    let rows = [rows.as_str()];
    let t = Table {
        kind: Input::Sample,
        columns,
        rows: &rows,
    };
    t.write(wd, "sample.csv", field, spelling)
}

fn sample(wd: &Workdir, field: Field, spelling: &str) -> Check {
    use Field::*;
    match field {
        StratumRank | Role => {
            let sample = write_sample(wd, &[StratumRank, Role], field, spelling);
            let log = wd.write("calls.csv", "编号,通话结果\nA1,接通\n");
            let report = ok(check_calls(&log, &sample, None))?;
            same("calls", report.calls, 1)?;
            same("breaches", report.breaches.len(), 0)
        }
        Weight => {
            let sample = write_sample(wd, &[Role, Weight], field, spelling);
            let responses = wd.write(
                "responses.csv",
                "编号,单位,满意度,不良行为\nA1,甲,满意,不存在\n",
            );
            let r = score(wd, &responses, Some(&sample), |_| {})?;
            same("respondents", r.units[0].respondents, 1)?;
            same("weighted", r.units[0].survey_se.is_some(), true)
        }
        Used => {
            let sample = write_sample(wd, &[Role, Used], field, spelling);
            let c = ok(selection_in_memory(&SelectOptions {
                sample,
                seed: "aliases".into(),
                rate: "1".parse().map_err(|e: String| e)?,
                id_column: None,
                sheet: None,
            }))?;
            // The used reserve is collected beside the main respondent.
            same("collected", c.selection.units[0].collected, 2)
        }
        _ => roster(wd, Input::Sample, field, spelling),
    }
}

fn call_log(wd: &Workdir, field: Field, spelling: &str) -> Check {
    use Field::*;
    let sample = write_sample(wd, &[StratumRank, Role], Id, "编号");
    let t = |row: &'static [&'static str]| Table {
        kind: Input::CallLog,
        columns: vec![Some(Id), Some(Unit), Some(Disposition)],
        rows: row,
    };
    let log = t(&["A1,甲,接通"]).write(wd, "calls.csv", field, spelling);
    let report = ok(check_calls(&log, &sample, None))?;
    same("calls", report.calls, 1)?;
    // A unit the sample does not have is refused only when the column is read as the unit.
    let log = t(&["A1,乙,接通"]).write(wd, "calls.csv", field, spelling);
    same(
        "a call in unit 乙 refused",
        check_calls(&log, &sample, None).is_err(),
        true,
    )
}

/// Scores `responses` with the unit list 甲, and `more` filling in the other inputs.
fn score(
    wd: &Workdir,
    responses: &Path,
    weighted: Option<&Path>,
    more: impl FnOnce(&mut ScoreOptions),
) -> Result<ScoreReport, String> {
    let units = wd.write("units.csv", "单位\n甲\n");
    let mut opts = ScoreOptions {
        responses: responses.to_path_buf(),
        units: weighted.is_none().then_some(units),
        scheme: "county".into(),
        inspection: None,
        findings: Vec::new(),
        disqualified: None,
        weighted_sample: weighted.map(Path::to_path_buf),
        policy: pingyi::score::ScorePolicy {
            missing_inspection: pingyi::score::MissingInspection::Zero,
            ..Default::default()
        },
    };
    more(&mut opts);
    let r = ok(score_in_memory(&opts))?;
    same("units", r.units.len(), 1)?;
    Ok(r)
}

fn responses(wd: &Workdir, field: Field, spelling: &str) -> Check {
    use Field::*;
    match field {
        Id | Respondent => {
            let sample = write_sample(wd, &[Role, Weight], Id, "编号");
            let t = Table {
                kind: Input::Responses,
                columns: vec![
                    Some(field),
                    Some(Unit),
                    Some(Satisfaction),
                    Some(Misconduct),
                ],
                rows: &["A1,甲,满意,不存在"],
            };
            let path = t.write(wd, "responses.csv", field, spelling);
            let r = score(wd, &path, Some(&sample), |_| {})?;
            same("weighted", r.units[0].survey_se.is_some(), true)
        }
        _ => {
            let t = Table {
                kind: Input::Responses,
                columns: vec![
                    Some(Unit),
                    Some(Satisfaction),
                    Some(Misconduct),
                    Some(Disposition),
                ],
                rows: &["甲,满意,不存在,接通", "甲,,,非服务对象"],
            };
            let path = t.write(wd, "responses.csv", field, spelling);
            let r = score(wd, &path, None, |_| {})?;
            same("respondents", r.units[0].respondents, 1)?;
            same("survey score", r.units[0].survey_score.is_some(), true)?;
            same("the non-recipient found", r.units[0].false_found, 1)
        }
    }
}

fn unit_table(wd: &Workdir, kind: Input, field: Field, spelling: &str) -> Check {
    let (value, row) = match kind {
        Input::Inspection => (Field::Inspection, "甲,25"),
        Input::Findings => (Field::FalseFound, "甲,3"),
        _ => (Field::Reason, "甲,数据造假"),
    };
    let rows = [row];
    let t = Table {
        kind,
        columns: vec![Some(Field::Unit), Some(value)],
        rows: &rows,
    };
    let path = t.write(wd, "table.csv", field, spelling);
    let responses = wd.write("responses.csv", "单位,满意度,不良行为\n甲,满意,不存在\n");
    let r = score(wd, &responses, None, |o| match kind {
        Input::Inspection => o.inspection = Some(path),
        Input::Findings => o.findings = vec![path],
        _ => o.disqualified = Some(path),
    })?;
    let u = &r.units[0];
    match kind {
        Input::Inspection => same("inspection", u.inspection, Some(25.0)),
        Input::Findings => same("false found", u.false_found, 3),
        _ => same(
            "flagged unqualified",
            u.flags.iter().any(|f| f.canonical().contains("数据造假")),
            true,
        ),
    }
}

fn checklist(wd: &Workdir, field: Field, spelling: &str) -> Check {
    wd.write(
        "sample.csv",
        "编号,乡镇,类别\nA1,甲,农村低保\nA2,甲,农村低保\n",
    );
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "aliases",
        "--rate",
        "1",
        "--out",
        "checklist.csv",
    ]);
    let text = String::from_utf8(wd.read("checklist.csv")).map_err(|e| e.to_string())?;
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .ok_or("empty checklist")?
        .split(',')
        .map(|h| {
            if Input::Checklist.field(h) == Some(field) {
                spelling.to_string()
            } else {
                h.to_string()
            }
        })
        .collect();
    let find = |f: Field| {
        header
            .iter()
            .position(|h| Input::Checklist.field(h) == Some(f))
            .ok_or(format!("the checklist has no {f:?} column"))
    };
    let filled = [
        (find(Field::AuditResult)?, "真实"),
        (find(Field::Verifier)?, "王核"),
        (find(Field::Date)?, "2024-05-01"),
        (find(Field::AuditNotes)?, "已核"),
    ];
    let mut out = header.join(",");
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        for (c, v) in filled {
            cells[c] = v.to_string();
        }
        out.push('\n');
        out.push_str(&cells.join(","));
    }
    out.push('\n');
    let path = wd.write("filled.csv", out);
    let t = ok(compute_tally(&TallyOptions {
        checklists: vec![path],
        manifest: Some(wd.path("checklist.csv.manifest.json")),
        sheet: None,
        partial: false,
        rules: TallyRules::default(),
    }))?;
    same("records", t.records.len(), 2)?;
    let r = &t.records[0];
    same("finding", r.finding, Finding::Genuine)?;
    same(
        "verifier, date, notes",
        (r.verifier.as_str(), r.date.as_str(), r.notes.as_str()),
        ("王核", "2024-05-01", "已核"),
    )
}

#[test]
fn a_rosters_remark_column_is_not_the_verifiers_notes() {
    let wd = Workdir::new();
    wd.write(
        "sample.csv",
        "编号,乡镇,类别,说明,remark\nA1,甲,农村低保,户籍迁出,r\n",
    );
    wd.ok(&[
        "audit",
        "select",
        "--sample",
        "sample.csv",
        "--seed",
        "aliases",
        "--rate",
        "1",
        "--out",
        "checklist.csv",
    ]);
    let text = String::from_utf8(wd.read("checklist.csv")).unwrap();
    let (header, row) = text.split_once('\n').unwrap();
    // The four audit columns are the last before the 核查批次, empty until filled.
    let (row, audit_id) = row.trim_end().rsplit_once(',').unwrap();
    let kept = row.strip_suffix(",,,,").unwrap();
    let filled = format!("{header}\n{kept},真实,王核,2024-05-01,已核,{audit_id}\n");
    assert!(filled.contains("户籍迁出"), "{filled}");
    wd.write("filled.csv", filled);
    let t = compute_tally(&TallyOptions {
        checklists: vec![wd.path("filled.csv")],
        manifest: Some(wd.path("checklist.csv.manifest.json")),
        sheet: None,
        partial: false,
        rules: TallyRules::default(),
    })
    .unwrap();
    assert_eq!(t.records[0].notes, "已核");
    assert_eq!(t.records[0].verifier, "王核");
}

#[test]
fn no_header_of_the_example_data_names_one_field_twice() {
    let root = util::repo_root();
    let files = [
        ("data/county_counts.csv", Input::Counts),
        ("data/city_counts.csv", Input::Counts),
        ("data/county_roster.csv", Input::Roster),
        ("data/county_calls.csv", Input::CallLog),
        ("data/county_responses.csv", Input::Responses),
        ("data/county_inspection.csv", Input::Inspection),
        (
            "tests/fixtures/manifests-0.1/county/sample.csv",
            Input::Sample,
        ),
        (
            "tests/fixtures/manifests-0.1/county/audit_checklist.csv",
            Input::Checklist,
        ),
    ];
    for (file, kind) in files {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let header = text.lines().next().unwrap();
        let mut named: Vec<Field> = header.split(',').filter_map(|h| kind.field(h)).collect();
        assert!(!named.is_empty(), "{file}: no field read");
        let all = named.len();
        named.sort();
        named.dedup();
        assert_eq!(
            named.len(),
            all,
            "{file}: a field is named twice in {header}"
        );
    }
}
