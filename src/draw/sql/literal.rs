//! Writing values into a query: string literals, quoted identifiers and comment text,
//! each escaped as its dialect reads it.

use super::Dialect;

/// Characters written as escapes in literals and comments: controls, white space
/// other than the space, and invisible format characters.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(
            c as u32,
            0xAD | 0x61C
                | 0x180E
                | 0xFEFF
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0xFFF9..=0xFFFB
        )
}

/// A string literal. DuckDB: quotes doubled, invisible characters as `chr(n)` joined
/// with `||`. Spark: quotes and backslashes escaped with a backslash (Spark reads
/// `'a''b'` as two literals), invisible characters as `\uXXXX`.
pub(super) fn literal(dialect: Dialect, s: &str) -> String {
    match dialect {
        Dialect::Spark => spark_literal(s),
        Dialect::DuckDb => duckdb_literal(s),
    }
}

/// A Spark string literal (see [`literal`]).
fn spark_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            c if is_invisible(c) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A DuckDB string literal (see [`literal`]).
fn duckdb_literal(s: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<String> = None;
    for c in s.chars() {
        if is_invisible(c) {
            if let Some(r) = run.take() {
                parts.push(format!("'{r}'"));
            }
            parts.push(format!("chr({})", c as u32));
        } else {
            let r = run.get_or_insert_with(String::new);
            if c == '\'' {
                r.push_str("''");
            } else {
                r.push(c);
            }
        }
    }
    if let Some(r) = run {
        parts.push(format!("'{r}'"));
    }
    match parts.len() {
        0 => "''".to_string(),
        1 => parts.remove(0),
        _ => format!("({})", parts.join(" || ")),
    }
}

/// A quoted identifier: DuckDB `"…"`, Spark `` `…` ``, the quote doubled inside.
pub(super) fn ident(dialect: Dialect, name: &str) -> String {
    let q = match dialect {
        Dialect::DuckDb => "\"",
        Dialect::Spark => "`",
    };
    format!("{q}{}{q}", name.replace(q, &format!("{q}{q}")))
}

/// Text for a comment line: invisible characters (line breaks among them) as \u{XXXX}.
pub(super) fn comment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("\\u{{{:04X}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_escaped() {
        assert_eq!(literal(Dialect::DuckDb, "it's"), "'it''s'");
        assert_eq!(literal(Dialect::DuckDb, ""), "''");
        assert_eq!(literal(Dialect::DuckDb, "\t"), "chr(9)");
        assert_eq!(
            literal(Dialect::DuckDb, "a\u{3000}b"),
            "('a' || chr(12288) || 'b')"
        );
        assert_eq!(literal(Dialect::DuckDb, r"a\b"), r"'a\b'");
        assert_eq!(literal(Dialect::Spark, r"a\b'c"), r"'a\\b\'c'");
        assert_eq!(literal(Dialect::Spark, "\u{3000}x\n"), r"'\u3000x\u000A'");
        assert_eq!(literal(Dialect::Spark, "城关镇"), "'城关镇'");
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(ident(Dialect::DuckDb, "村（社区）"), "\"村（社区）\"");
        assert_eq!(ident(Dialect::DuckDb, "a\"b"), "\"a\"\"b\"");
        assert_eq!(ident(Dialect::Spark, "a`b"), "`a``b`");
    }

    #[test]
    fn comments_cannot_be_broken() {
        assert_eq!(comment("a\nb\u{3000}"), "a\\u{000A}b\\u{3000}");
    }
}
