//! Workbooks a clerk can print, through the real binary: reals shown with fixed
//! decimals by number format (the values kept whole), A4, the header row on every
//! page and the page number in the footer.

mod util;

use std::io::Read;

use util::Workdir;

/// The text of `part` inside the workbook `name`.
fn part(wd: &Workdir, name: &str, part: &str) -> String {
    let file = std::fs::File::open(wd.path(name)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_frame_workbook_prints_with_fixed_decimals_and_page_numbers() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "c.csv");
    wd.ok(&[
        "frame", "--counts", "c.csv", "--margin", "0.1", "--out", "f.xlsx",
    ]);
    let styles = part(&wd, "f.xlsx", "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.0000""#), "{styles}");
    assert!(styles.contains(r#"formatCode="0.00""#), "{styles}");
    let sheet = part(&wd, "f.xlsx", "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"),
        "{sheet}"
    );
    assert!(sheet.contains(r#"paperSize="9""#), "{sheet}");
    let book = part(&wd, "f.xlsx", "xl/workbook.xml");
    assert!(book.contains("_xlnm.Print_Titles"), "{book}");

    // The values themselves keep every digit: the CSV and the workbook agree.
    wd.ok(&[
        "frame", "--counts", "c.csv", "--margin", "0.1", "--out", "f.csv",
    ]);
    let csv = String::from_utf8(wd.read("f.csv")).unwrap();
    let prob = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(5)
        .unwrap()
        .to_string();
    assert!(prob.len() > 6, "the CSV keeps the full probability: {prob}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(wd.path("f.xlsx")).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let cell = range.get((1, 5)).unwrap().to_string();
    assert_eq!(cell.parse::<f64>().unwrap(), prob.parse::<f64>().unwrap());
}

#[test]
fn declared_decimals_win_over_the_defaults() {
    use pingyi::io::table::default_decimals;
    use pingyi::io::{ColumnKind, ColumnSpec};
    assert_eq!(default_decimals("inclusion_prob"), Some(4));
    assert_eq!(default_decimals("deduction"), Some(2));
    assert_eq!(default_decimals("unit"), None);
    let spec = ColumnSpec::new("deduction", "扣分", ColumnKind::Float);
    assert_eq!(spec.shown_decimals(), Some(2));
    assert_eq!(spec.with_decimals(1).shown_decimals(), Some(1));
}
