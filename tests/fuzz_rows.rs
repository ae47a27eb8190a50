//! Fuzzing rows cut into the wrong number of fields, category headers with a count's
//! unit in brackets, and count tables with 小计 rows: no panic, no internal fault
//! (exit 1), no hang; a ragged row is always refused naming the first such row,
//! whichever reader reads the roster (in order, or in chunks by several threads), and a
//! 小计 is checked against its own rows only.
//!
//! The number of cases comes from `PINGYI_FUZZ_CASES` (64 by default, a few seconds);
//! a longer run: `PINGYI_FUZZ_CASES=2000 cargo test --release --test fuzz_rows`.

mod util;

use pingyi::Error;
use pingyi::draw::roster::RosterReader;
use pingyi::io::Category;
use pingyi::io::counts::parse_counts;
use pingyi::io::read_grid;
use pingyi::io::stream::open_rows;
use proptest::prelude::*;
use util::{Workdir, fuzz_cases as cases, within};

/// The full row of recipient `i` (a valid record of unit 甲 or 乙).
fn full_row(i: usize) -> Vec<String> {
    let unit = if i % 2 == 0 { "甲" } else { "乙" };
    vec![
        format!("r{i}"),
        unit.to_string(),
        "农村低保".to_string(),
        format!("名{i}"),
        String::new(),
    ]
}

/// How a row is written: its full fields cut to `keep` (at least one), then `extra`
/// fields after them (blank or not).
#[derive(Debug, Clone)]
struct Shape {
    keep: usize,
    extra: Vec<bool>,
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        4 => Just(Shape { keep: 5, extra: Vec::new() }),
        1 => (1..5usize).prop_map(|keep| Shape { keep, extra: Vec::new() }),
        1 => proptest::collection::vec(any::<bool>(), 1..3)
            .prop_map(|extra| Shape { keep: 5, extra }),
        1 => proptest::collection::vec(Just(false), 1..3)
            .prop_map(|extra| Shape { keep: 5, extra }),
    ]
}

/// A roster of rows shaped by `shapes` (a header with empty names after its last when
/// `wide_header`), and the line of its first ragged row, if any.
fn roster(shapes: &[Shape], wide_header: bool) -> (String, Option<usize>) {
    let mut text = String::from("编号,乡镇,类别,姓名,备注");
    if wide_header {
        text.push_str(",,");
    }
    text.push('\n');
    let mut first = None;
    for (i, s) in shapes.iter().enumerate() {
        let mut cells = full_row(i);
        cells.truncate(s.keep.max(1));
        cells.extend(
            s.extra
                .iter()
                .map(|&x| if x { "x" } else { "" }.to_string()),
        );
        // A value is beyond the header only past its last field, named or not.
        let fields = if wide_header { 7 } else { 5 };
        let beyond = s
            .extra
            .iter()
            .enumerate()
            .any(|(j, &x)| x && 5 + j >= fields);
        let ragged = s.keep < 4 || beyond;
        // Cut before its empty 备注, a row of four fields is short too.
        let ragged = ragged || s.keep == 4;
        if ragged && first.is_none() {
            first = Some(i + 2);
        }
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    (text, first)
}

/// Reads every record of the roster at `path`, in order.
fn read_in_order(path: &std::path::Path) -> Result<usize, Error> {
    let mut n = 0;
    for r in RosterReader::open(open_rows(path, None)?, None)? {
        r?;
        n += 1;
    }
    Ok(n)
}

const FRAME: &str = "单位,类别,总体人数,样本量,备用样本\n甲,农村低保,1,1,0\n乙,农村低保,1,1,0\n";

fn draw(wd: &Workdir, threads: &str) -> util::Run {
    wd.run(&[
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "1",
        "--allow-count-mismatch",
        "--take-all-short",
        "--threads",
        threads,
        "--chunk-kib",
        "1",
        "--out",
        "s.csv",
        "--force",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases().div_ceil(4)))]

    /// The ordered reader and the chunked readers (one and three threads) agree: a
    /// roster with a ragged row is refused naming the first one, any other is read.
    #[test]
    fn a_ragged_roster_row_is_refused_by_every_reader(
        shapes in proptest::collection::vec(shape(), 1..120),
        wide_header in any::<bool>(),
    ) {
        let (text, first) = roster(&shapes, wide_header);
        let wd = Workdir::new();
        wd.write("frame.csv", FRAME);
        let path = wd.write("roster.csv", &text);
        let ordered = within(10, move || read_in_order(&path).map_err(|e| (e.exit_code(), e.to_string())));
        match (first, &ordered) {
            (None, Ok(n)) => prop_assert_eq!(*n, shapes.len()),
            (Some(line), Err((2, e))) => {
                prop_assert!(e.contains(&format!("row {line},")), "{e}");
            }
            _ => prop_assert!(false, "first ragged row {first:?}, read: {ordered:?}"),
        }
        for threads in ["1", "3"] {
            let run = draw(&wd, threads);
            match first {
                None => prop_assert_eq!(run.code(), 0, "{}", run.stderr()),
                Some(line) => {
                    prop_assert_eq!(run.code(), 2, "{}", run.stderr());
                    let e = run.stderr();
                    prop_assert!(e.contains(&format!("row {line},")), "{e}");
                }
            }
        }
    }
}

/// A count's unit in brackets, as offices write it.
const SUFFIXES: [&str; 8] = [
    "（人）",
    "(人)",
    " （人）",
    "(户)",
    "（户数）",
    "（单位：人）",
    "( 人 )",
    "（名）",
];

/// Labels of the plan's categories and others.
const LABELS: [&str; 8] = [
    "农村低保",
    "城市低保",
    "五保",
    "特困供养人员",
    "优抚对象",
    "慈善",
    "临时救助",
    "Rural_Dibao",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_count_unit_after_a_category_header_names_the_category(
        label in 0..LABELS.len(),
        suffix in 0..SUFFIXES.len(),
    ) {
        let header = format!("{}{}", LABELS[label], SUFFIXES[suffix]);
        prop_assert_eq!(Category::from_header(&header), Category::from_label(LABELS[label]));
    }

    #[test]
    fn any_header_is_read_as_some_category(header in ".{0,12}") {
        let c = Category::from_header(&header);
        let invisible = c.key().contains('\u{200b}');
        prop_assert!(!invisible, "{:?}", c.key());
    }

    /// Groups of units each closed by a 小计 (some wrong), then a 合计 of every unit:
    /// read when every subtotal adds up its own rows, else refused at the first wrong.
    #[test]
    fn a_subtotal_is_checked_against_its_own_rows(
        groups in proptest::collection::vec(
            (proptest::collection::vec((0..50u64, 0..50u64), 1..5), prop_oneof![4 => Just(0u64), 1 => 1..3u64]),
            1..6,
        ),
    ) {
        let mut text = String::from("乡镇,农村低保,城市低保\n");
        let (mut all, mut first_wrong, mut unit) = ((0, 0), None, 0);
        for (rows, off) in &groups {
            let mut sum = (0, 0);
            for &(a, b) in rows {
                text.push_str(&format!("单位{unit},{a},{b}\n"));
                unit += 1;
                sum = (sum.0 + a, sum.1 + b);
            }
            all = (all.0 + sum.0, all.1 + sum.1);
            if *off > 0 && first_wrong.is_none() {
                first_wrong = Some(text.lines().count() + 1);
            }
            text.push_str(&format!("小计,{},{}\n", sum.0 + off, sum.1));
        }
        text.push_str(&format!("合计,{},{}\n", all.0, all.1));
        let read = within(10, move || {
            let grid = read_grid(text.as_bytes(), "c.csv", None)?;
            parse_counts(&grid).map(|t| t.strata.len())
        });
        match (first_wrong, read) {
            (None, Ok(n)) => prop_assert_eq!(n, 2 * unit),
            (Some(line), Err(e)) => {
                prop_assert_eq!(e.exit_code(), 2);
                prop_assert!(e.to_string().contains(&format!("row {line},")), "{e}");
            }
            (wrong, read) => prop_assert!(false, "wrong {wrong:?}, read {read:?}"),
        }
    }
}
