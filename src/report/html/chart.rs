//! Small SVG charts for the HTML report: stacked horizontal bars and dot-and-whisker
//! intervals, laid out without measuring text (labels sit in a fixed left margin and
//! the browser's CJK font draws them).

use std::fmt::Write;

use super::page::escape;

/// Height of one bar's row, in SVG units.
const ROW: f64 = 22.0;
/// Room for the labels on the left.
const LABEL: f64 = 110.0;
/// Width of the plotting area.
const PLOT: f64 = 420.0;
/// Room above the bars, and below for the axis.
const TOP: f64 = 8.0;
const BOTTOM: f64 = 24.0;
/// The most room after the plot for a bar's mark; longer marks are shortened with `…`.
const MARK: f64 = 180.0;
/// Fill colours of the series, in order (colour-blind safe).
const COLOURS: [&str; 6] = [
    "#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377",
];

/// One row of a stacked bar chart: a label, a value per series, and a marker text.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
    pub mark: String,
}

/// One row of a dot-and-whisker chart: a label, the point, and its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    pub label: String,
    pub point: f64,
    pub low: f64,
    pub high: f64,
}

/// A number with at most two decimals and no trailing zeros, for SVG coordinates.
fn num(v: f64) -> String {
    let s = format!("{:.2}", if v.is_finite() { v } else { 0.0 });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A generous estimate of a text's width at 12px: a full em for wide (CJK) characters,
/// 0.62 em for others. Only the right margin depends on it; labels are end-anchored.
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x2e80 { 12.0 } else { 7.5 })
        .sum()
}

/// `text` shortened with `…` to fit in [`MARK`].
fn fit(text: &str) -> String {
    if text_width(text) <= MARK {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out) + text_width(&c.to_string()) + 12.0 > MARK {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A round step for an axis reaching `max`: 1, 2 or 5 times a power of ten, giving at
/// most five intervals.
pub fn nice_step(max: f64) -> f64 {
    if !(max > 0.0 && max.is_finite()) {
        return 1.0;
    }
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * power)
}

/// The axis end: `max` rounded up to a whole step.
fn axis_end(max: f64) -> (f64, f64) {
    let step = nice_step(max);
    ((max / step).ceil().max(1.0) * step, step)
}

/// The opening `<svg>` element of a chart of `rows` rows with `right` units of room
/// after the plot, with an accessible title.
fn open(id: &str, title: &str, rows: usize, right: f64) -> String {
    let height = TOP + ROW * rows as f64 + BOTTOM;
    let width = LABEL + PLOT + right.max(20.0);
    format!(
        "<svg class=\"chart\" id=\"{id}\" role=\"img\" viewBox=\"0 0 {} {}\"><title>{}</title>\n",
        num(width),
        num(height),
        escape(title)
    )
}

/// The legend, as HTML beside the chart (the browser lays the names out): one swatch
/// and name per series.
pub fn legend(series: &[String]) -> String {
    let mut out = String::from("<ul class=\"legend\">");
    for (i, name) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let _ = write!(
            out,
            "<li><span class=\"swatch\" style=\"background:{colour}\"></span>{}</li>",
            escape(name)
        );
    }
    out.push_str("</ul>\n");
    out
}

/// A row's label at the left, right-aligned against the plotting area.
fn label(i: usize, text: &str) -> String {
    let y = TOP + ROW * i as f64 + ROW * 0.68;
    format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>\n",
        num(LABEL - 6.0),
        num(y),
        escape(text)
    )
}

/// The x axis: a baseline and a tick at every `step` up to `max`, labelled by `fmt`.
fn axis(rows: usize, (max, step): (f64, f64), fmt: &dyn Fn(f64) -> String) -> String {
    let y = TOP + ROW * rows as f64;
    let mut out = format!(
        "<line x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" class=\"axis\"/>\n",
        l = num(LABEL),
        r = num(LABEL + PLOT),
        y = num(y)
    );
    let ticks = (max / step).round() as usize;
    for k in 0..=ticks.min(10) {
        let v = step * k as f64;
        let x = LABEL + PLOT * v / max;
        let _ = writeln!(
            out,
            "<line x1=\"{x}\" y1=\"{t}\" x2=\"{x}\" y2=\"{y}\" class=\"grid\"/>\
             <text x=\"{x}\" y=\"{b}\" text-anchor=\"middle\" class=\"tick\">{}</text>",
            escape(&fmt(v)),
            x = num(x),
            t = num(TOP),
            y = num(y + 4.0),
            b = num(y + 16.0)
        );
    }
    out
}

/// A stacked horizontal bar chart: one bar per row, one segment per series (negative
/// values are drawn as zero), the row's mark written after its bar.
pub fn stacked_bars(id: &str, title: &str, series: &[String], bars: &[Bar]) -> String {
    let total = |b: &Bar| b.values.iter().map(|v| v.max(0.0)).sum::<f64>();
    let (max, step) = axis_end(bars.iter().map(total).fold(0.0, f64::max));
    let right = bars
        .iter()
        .map(|b| text_width(&fit(&b.mark)))
        .fold(0.0, f64::max)
        + 8.0;
    let mut out = legend(series);
    out.push_str(&open(id, title, bars.len(), right));
    for (i, bar) in bars.iter().enumerate() {
        out.push_str(&label(i, &bar.label));
        out.push_str(&segments(i, bar, max));
    }
    out.push_str(&axis(bars.len(), (max, step), &num));
    out.push_str("</svg>\n");
    out
}

/// The segments of one stacked bar, then its mark.
fn segments(i: usize, bar: &Bar, max: f64) -> String {
    let y = TOP + ROW * i as f64 + 3.0;
    let mut x = LABEL;
    let mut out = String::new();
    for (k, v) in bar.values.iter().enumerate() {
        let w = PLOT * v.max(0.0) / max;
        let _ = writeln!(
            out,
            "<rect class=\"bar s{k}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            num(x),
            num(y),
            num(w),
            num(ROW - 6.0),
            COLOURS[k % COLOURS.len()]
        );
        x += w;
    }
    if !bar.mark.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" class=\"mark\">{}</text>",
            num(x + 4.0),
            num(y + ROW * 0.55),
            escape(&fit(&bar.mark))
        );
    }
    out
}

/// A dot-and-whisker chart of proportions (0–1, drawn as percent), the axis reaching
/// the largest upper bound.
pub fn intervals(id: &str, title: &str, rows: &[Interval]) -> String {
    let top = rows.iter().map(|r| r.high.max(r.point)).fold(0.0, f64::max);
    let (max, step) = axis_end(top.clamp(0.05, 1.0));
    let mut out = open(id, title, rows.len(), 20.0);
    let x = |v: f64| LABEL + PLOT * v.clamp(0.0, max) / max;
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        out.push_str(&label(i, &r.label));
        let _ = writeln!(
            out,
            "<line class=\"whisker\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\
             <circle class=\"point\" cx=\"{}\" cy=\"{y}\" r=\"4\"/>",
            num(x(r.low)),
            num(x(r.high)),
            num(x(r.point)),
            y = num(y)
        );
    }
    out.push_str(&axis(rows.len(), (max, step), &|v| {
        format!("{}%", (v * 1000.0).round() / 10.0)
    }));
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, values: &[f64]) -> Bar {
        Bar {
            label: label.to_string(),
            values: values.to_vec(),
            mark: String::new(),
        }
    }

    #[test]
    fn a_stacked_bar_has_one_rect_per_series_and_row_and_scales_to_the_largest() {
        let svg = stacked_bars(
            "c",
            "t",
            &["a".into(), "b".into()],
            &[bar("甲", &[1.0, 1.0]), bar("乙", &[3.0, 1.0])],
        );
        assert_eq!(svg.matches("class=\"bar ").count(), 4);
        // the axis ends at 4 (step 1): the longest bar's second segment ends at
        // LABEL + PLOT
        assert!(svg.contains("x=\"425\" y=\"33\" width=\"105\""), "{svg}");
        assert_eq!(svg.matches("class=\"tick\"").count(), 5);
        assert!(svg.contains(">甲</text>") && svg.contains(">乙</text>"));
    }

    #[test]
    fn labels_are_escaped_and_negative_values_draw_nothing() {
        let svg = stacked_bars("c", "<t>", &["a".into()], &[bar("a&b", &[-2.0])]);
        assert!(svg.contains("a&amp;b") && svg.contains("&lt;t&gt;"));
        assert!(svg.contains("width=\"0\""));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn an_interval_puts_its_point_between_its_whisker_ends() {
        let rows = [Interval {
            label: "u".into(),
            point: 0.1,
            low: 0.05,
            high: 0.2,
        }];
        let svg = intervals("i", "t", &rows);
        // max = 0.2: low at 1/4, point at 1/2, high at the end of the plot
        assert!(svg.contains("x1=\"215\" y1=\"19\" x2=\"530\""), "{svg}");
        assert!(svg.contains("cx=\"320\""), "{svg}");
        assert!(svg.contains(">20%</text>"), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 1);
    }

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(93.0), 20.0);
        assert_eq!(nice_step(0.3), 0.1);
        assert_eq!(nice_step(382.0), 100.0);
        assert_eq!(nice_step(4.0), 1.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(axis_end(93.0), (100.0, 20.0));
    }

    #[test]
    fn long_marks_are_shortened_to_fit() {
        let long = "通报批评 criticised; 取消综合先进评选资格 not eligible";
        let short = fit(long);
        assert!(
            short.ends_with('…') && text_width(&short) <= MARK,
            "{short}"
        );
        assert!(long.starts_with(short.trim_end_matches('…')));
        assert_eq!(fit("通报表扬"), "通报表扬");
    }

    #[test]
    fn wide_characters_count_a_full_em() {
        assert_eq!(text_width("通报"), 24.0);
        assert_eq!(text_width("ab"), 15.0);
    }

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(2.004), "2");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-0.001), "0");
    }
}
