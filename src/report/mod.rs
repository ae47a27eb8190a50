//! Terminal summaries: the short tables `pingyi run` and each stage print.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use crate::frame::Frame;

/// The per-unit totals of a frame, with a grand total, as a terminal table.
pub fn frame_summary(frame: &Frame) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(vec![
        "单位 unit",
        "总体 population",
        "目标 target",
        "样本 sample",
        "备用 reserve",
        "说明 note",
    ]);
    let number = |n: u64| Cell::new(n).set_alignment(CellAlignment::Right);
    let (mut pop, mut target, mut sample, mut reserve) = (0, 0, 0, 0);
    for u in &frame.units {
        pop += u.population;
        target += u.target;
        sample += u.sample;
        reserve += u.reserve;
        table.add_row(vec![
            Cell::new(&u.unit),
            number(u.population),
            number(u.target),
            number(u.sample),
            number(u.reserve),
            Cell::new(&u.note),
        ]);
    }
    table.add_row(vec![
        Cell::new("合计 total"),
        number(pop),
        number(target),
        number(sample),
        number(reserve),
        Cell::new(""),
    ]);
    table.to_string()
}
