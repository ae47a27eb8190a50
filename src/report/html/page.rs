//! The page around the sections: escaping, tables, the style sheet (screen and A4
//! print, a CJK font stack, no font files, no script).

use std::fmt::Write;

/// `text` safe inside HTML and SVG text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A table: a header repeated on every printed page, body rows, and an optional total
/// row; cells that look like numbers are right-aligned.
pub fn table(
    class: &str,
    header: &[String],
    rows: &[Vec<String>],
    total: Option<&[String]>,
) -> String {
    let mut out = format!("<table class=\"{class}\"><thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str(&row_html(row));
    }
    out.push_str("</tbody>\n");
    if let Some(total) = total {
        out.push_str("<tfoot>");
        out.push_str(&row_html(total));
        out.push_str("</tfoot>\n");
    }
    out.push_str("</table>\n");
    out
}

/// One `<tr>`.
fn row_html(row: &[String]) -> String {
    let mut out = String::from("<tr>");
    for cell in row {
        let numeric = !cell.is_empty()
            && cell
                .chars()
                .all(|c| c.is_ascii_digit() || ".-–%<()".contains(c) || c == ' ');
        let class = if numeric { " class=\"n\"" } else { "" };
        let _ = write!(out, "<td{class}>{}</td>", escape(cell));
    }
    out.push_str("</tr>\n");
    out
}

/// The whole document: `lang`, the title, the style sheet and the body.
pub fn document(lang: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// The style sheet: system CJK fonts first, tables with repeated headers, one section
/// per printed A4 page group.
const STYLE: &str = r#"body { font-family: "Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", SimSun, "宋体", sans-serif; color: #222; margin: 2em auto; max-width: 60em; padding: 0 1em; line-height: 1.5; }
h1 { font-size: 1.6em; border-bottom: 2px solid #4477aa; padding-bottom: .2em; }
h2 { font-size: 1.3em; margin-top: 1.6em; color: #234; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
table { border-collapse: collapse; margin: .6em 0 1em; font-size: .9em; }
th, td { border: 1px solid #bbb; padding: .2em .5em; }
th { background: #eef2f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; background: #f6f6f6; }
table.files td { white-space: nowrap; }
table.files td:last-child { white-space: normal; font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: .8em; word-break: break-all; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: .85em; word-break: break-all; }
.ok { color: #1b7a2f; font-weight: bold; }
.bad { color: #b00020; font-weight: bold; }
.note { color: #555; font-size: .9em; }
ul.legend { list-style: none; padding: 0; margin: .4em 0 0; display: flex; flex-wrap: wrap; gap: .3em 1.2em; font-size: .9em; }
ul.legend .swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
svg.chart { width: 100%; max-width: 44em; height: auto; display: block; margin: .5em 0; }
svg.chart text { font-family: inherit; font-size: 12px; fill: #222; }
svg.chart .tick { font-size: 10px; fill: #555; }
svg.chart .axis { stroke: #444; }
svg.chart .grid { stroke: #ddd; }
svg.chart .whisker { stroke: #4477aa; stroke-width: 2; }
svg.chart .point { fill: #ee6677; stroke: #222; }
svg.chart .mark { font-size: 11px; fill: #b00020; }
section.level { page-break-before: always; break-before: page; }
section.level:first-of-type { page-break-before: auto; break-before: auto; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  section.stage { page-break-before: always; break-before: page; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr, svg.chart { page-break-inside: avoid; break-inside: avoid; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
        );
        assert_eq!(escape("凤凰乡"), "凤凰乡");
    }

    #[test]
    fn a_table_has_a_repeatable_header_and_right_aligned_numbers() {
        let t = table(
            "t",
            &["单位".into(), "n".into()],
            &[vec!["甲".into(), "12".into()]],
            Some(&["合计".into(), "12".into()]),
        );
        assert!(t.contains("<thead><tr><th>单位</th><th>n</th></tr></thead>"));
        assert!(t.contains("<td>甲</td><td class=\"n\">12</td>"));
        assert!(t.contains("<tfoot><tr><td>合计</td>"));
    }

    #[test]
    fn the_page_needs_no_network_and_no_script() {
        let d = document("zh", "t", "<p>x</p>");
        assert!(!d.contains("<script") && !d.contains("http") && !d.contains("@import"));
        assert!(d.contains("thead { display: table-header-group; }"));
    }
}
