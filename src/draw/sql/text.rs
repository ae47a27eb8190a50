//! Reading text as pingyi reads it, in SQL: the trims, invisible characters, full-width
//! forms, traditional characters and white space that `clean`, `unit_key` and
//! `match_key` handle, as regular
//! expressions both DuckDB (RE2) and Spark (Java) read, and the dialects' differing
//! calls.

use super::Dialect;
use super::literal::literal;

/// Rust's `char::is_whitespace` (Unicode White_Space), which `trim` and `match_key`
/// use; a unit test checks the list against the standard library.
pub(super) const WHITESPACE: [char; 25] = [
    '\u{9}', '\u{A}', '\u{B}', '\u{C}', '\u{D}', ' ', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200A}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}',
];

/// Any full-width ASCII form or the ideographic space (what `to_half_width` changes).
const FULL_WIDTH_RE: &str = r"[\x{FF01}-\x{FF5E}\x{3000}]";
/// A resident ID number whose check character is a lower-case x.
pub(super) const ID_NUMBER_X_RE: &str = r"\A[0-9]{17}x\z";

/// The regular-expression class of a set of characters (RE2 and Java both read it):
/// runs of three or more as ranges.
pub(super) fn char_class(chars: &[char]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j + 1 < chars.len() && chars[j + 1] as u32 == chars[j] as u32 + 1 {
            j += 1;
        }
        if j - i >= 2 {
            out.push_str(&format!(
                "\\x{{{:X}}}-\\x{{{:X}}}",
                chars[i] as u32, chars[j] as u32
            ));
            i = j + 1;
        } else {
            out.push_str(&format!("\\x{{{:X}}}", chars[i] as u32));
            i += 1;
        }
    }
    out
}

/// What `trim` removes, at either end.
pub(super) fn trim_re() -> String {
    let ws = char_class(&WHITESPACE);
    format!(r"\A[{ws}\x{{FEFF}}]+|[{ws}\x{{FEFF}}]+\z")
}

/// What `unit_key` removes anywhere in a name: the characters that print as nothing
/// (`crate::io::text::is_invisible`).
pub(super) fn invisible_re() -> String {
    let chars: Vec<char> = (0..=0xFFFFu32)
        .filter_map(char::from_u32)
        .filter(|c| crate::io::text::is_invisible(*c))
        .collect();
    format!("[{}]", char_class(&chars))
}

/// `unit_key`'s last step on a cleaned `expr`: inner runs of white space become one space.
pub(super) fn collapse_space_sql(dialect: Dialect, expr: &str) -> String {
    let p = literal(dialect, &format!("[{}]+", char_class(&WHITESPACE)));
    match dialect {
        Dialect::Spark => format!("regexp_replace({expr}, {p}, ' ')"),
        Dialect::DuckDb => format!("regexp_replace({expr}, {p}, ' ', 'g')"),
    }
}

/// What `match_key` drops: white space, underscores and hyphens.
pub(super) fn drop_re() -> String {
    format!(r"[{}_\-]", char_class(&WHITESPACE))
}

/// `expr` with every match of `pattern` removed.
pub(super) fn replace_sql(dialect: Dialect, expr: &str, pattern: &str) -> String {
    let p = literal(dialect, pattern);
    match dialect {
        Dialect::Spark => format!("regexp_replace({expr}, {p}, '')"),
        Dialect::DuckDb => format!("regexp_replace({expr}, {p}, '', 'g')"),
    }
}

/// `to_half_width` and the second trim of `clean`, on a trimmed `expr`; only rows with
/// a full-width form are translated (DuckDB's translate is slow with long maps).
pub(super) fn half_width_sql(dialect: Dialect, expr: &str) -> String {
    let pattern = literal(dialect, FULL_WIDTH_RE);
    let test = match dialect {
        Dialect::Spark => format!("{expr} RLIKE {pattern}"),
        Dialect::DuckDb => format!("regexp_matches({expr}, {pattern})"),
    };
    let full: String = (0xFF01..=0xFF5E)
        .filter_map(char::from_u32)
        .chain(['\u{3000}'])
        .collect();
    let half: String = (0x21u8..=0x7E).map(char::from).chain([' ']).collect();
    let translated = format!(
        "translate({expr}, {}, {})",
        literal(dialect, &full),
        literal(dialect, &half)
    );
    format!(
        "CASE WHEN {test}\n      THEN {}\n      ELSE {expr} END",
        replace_sql(dialect, &translated, &trim_re())
    )
}

/// `crate::io::traditional::to_simplified` on `expr`: the table's traditional characters
/// made simplified; only rows with one are translated.
pub(super) fn simplified_sql(dialect: Dialect, expr: &str) -> String {
    let mut pairs: Vec<(char, char)> = crate::io::traditional::pairs().collect();
    pairs.sort_unstable();
    let (traditional, simplified): (String, String) = pairs.iter().copied().unzip();
    let chars: Vec<char> = traditional.chars().collect();
    let pattern = literal(dialect, &format!("[{}]", char_class(&chars)));
    let test = match dialect {
        Dialect::Spark => format!("{expr} RLIKE {pattern}"),
        Dialect::DuckDb => format!("regexp_matches({expr}, {pattern})"),
    };
    let (from, to) = (
        literal(dialect, &traditional),
        literal(dialect, &simplified),
    );
    format!("CASE WHEN {test}\n      THEN translate({expr}, {from}, {to})\n      ELSE {expr} END")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_the_standard_library_s() {
        let all: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(all, WHITESPACE);
        assert_eq!(
            char_class(&WHITESPACE),
            r"\x{9}-\x{D}\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"
        );
    }
}
