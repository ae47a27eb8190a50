//! Normalising what officials type: spaces, full-width characters and numbers stored
//! as text.

/// Trims ASCII and full-width (U+3000) spaces and non-breaking spaces around `s`.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// Maps full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space to their
/// half-width equivalents, leaving Chinese characters alone.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Trims and half-widths a cell: the form in which labels and names are compared.
pub fn clean(s: &str) -> String {
    trim(&to_half_width(trim(s))).to_string()
}

/// True for characters that print as nothing: zero-width spaces and joiners, direction
/// marks and embeddings, the soft hyphen and the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}')
}

/// The form in which unit (township, county bureau) names are compared everywhere:
/// invisible characters removed, full-width forms made half-width, trimmed,
/// traditional characters made simplified ([`super::traditional`]) and inner runs of
/// spaces made one. Two names with the same key are the same unit.
pub fn unit_key(s: &str) -> String {
    super::traditional::to_simplified(&clean(&visible(s)))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` without the characters that print as nothing ([`is_invisible`]); borrowed when
/// it has none.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_invisible) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !is_invisible(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// `s` for a message, with characters that print as nothing shown as `<U+200B>` and
/// line breaks and tabs as `\n`, `\r` and `\t`, so that two names which look alike can
/// be told apart.
pub fn show_invisible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_invisible(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The number a cell would hold if a space or a dot in it were a thousands separator
/// ("1 988", "1.988.000", "1'988"): such a cell makes sense only as a mistyped
/// separator. None for anything else.
pub fn split_thousands(raw: &str) -> Option<String> {
    let s = clean(raw);
    let groups: Vec<&str> = s.split([' ', '\'', '\u{2019}', '.', '\u{a0}']).collect();
    let separators = groups.len() - 1;
    if separators == 0 {
        return None;
    }
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let first_ok = digits(groups[0]) && groups[0].len() <= 3;
    let rest_ok = groups[1..].iter().all(|g| digits(g) && g.len() == 3);
    // "1.988" alone could be a fraction; two dots or any other separator cannot.
    let only_one_dot = separators == 1 && s.contains('.');
    (first_ok && rest_ok && !only_one_dot).then(|| groups.concat())
}

/// A key for matching headers and labels: cleaned, lower-cased, with inner spaces,
/// underscores, hyphens and brackets' contents kept but spaces removed ("合 计" → "合计").
pub fn match_key(s: &str) -> String {
    clean(&visible(s))
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why a cell could not be read as a whole number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberProblem {
    Empty,
    NotANumber,
    Negative,
    NotWhole,
    TooLarge,
}

impl NumberProblem {
    /// The phrase used in messages.
    pub fn describe(&self) -> crate::i18n::Message {
        match self {
            NumberProblem::Empty => crate::i18n::msg!("count-empty"),
            NumberProblem::NotANumber => crate::i18n::msg!("count-not-a-number"),
            NumberProblem::Negative => crate::i18n::msg!("count-negative"),
            NumberProblem::NotWhole => crate::i18n::msg!("count-not-whole"),
            NumberProblem::TooLarge => crate::i18n::msg!("count-too-large"),
        }
    }
}

/// The largest count pingyi accepts (a trillion): anything larger is a typing error,
/// and keeping counts this small keeps every sum exact.
pub const MAX_COUNT: u64 = 1_000_000_000_000;

/// Reads a whole, non-negative number as officials type it: surrounding spaces,
/// full-width digits (１２３), thousands separators (1,234 or 1，234), a trailing ".0"
/// as spreadsheets store numbers, and numbers stored as text.
pub fn parse_count(raw: &str) -> Result<u64, NumberProblem> {
    let s = clean(raw);
    if s.is_empty() {
        return Err(NumberProblem::Empty);
    }
    let s = strip_thousands(&s).ok_or(NumberProblem::NotANumber)?;
    if let Some(rest) = s.strip_prefix('-') {
        return match parse_decimal(rest) {
            Some(0.0) => Ok(0),
            Some(_) => Err(NumberProblem::Negative),
            None => Err(NumberProblem::NotANumber),
        };
    }
    let s = s.strip_prefix('+').unwrap_or(&s);
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s
            .parse::<u64>()
            .ok()
            .filter(|&v| v <= MAX_COUNT)
            .ok_or(NumberProblem::TooLarge);
    }
    match parse_decimal(s) {
        Some(v) if v.fract() == 0.0 && v <= MAX_COUNT as f64 => Ok(v as u64),
        Some(v) if v.fract() == 0.0 => Err(NumberProblem::TooLarge),
        Some(_) => Err(NumberProblem::NotWhole),
        None => Err(NumberProblem::NotANumber),
    }
}

/// Reads a real number typed by an official (same tolerance as [`parse_count`], but
/// fractions and a leading minus sign are kept).
pub fn parse_real(raw: &str) -> Result<f64, NumberProblem> {
    let s = clean(raw);
    if s.is_empty() {
        return Err(NumberProblem::Empty);
    }
    let s = strip_thousands(&s).ok_or(NumberProblem::NotANumber)?;
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s.strip_prefix('+').unwrap_or(&s).to_string()),
    };
    let v = parse_decimal(&body).ok_or(NumberProblem::NotANumber)?;
    Ok(if negative { -v } else { v })
}

/// A plain decimal without sign, exponent or words ("inf", "NaN" are not numbers here).
fn parse_decimal(s: &str) -> Option<f64> {
    let mut dots = 0;
    let mut digits = 0;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' => dots += 1,
            _ => return None,
        }
    }
    if digits == 0 || dots > 1 {
        return None;
    }
    s.parse::<f64>().ok()
}

/// Removes thousands separators when they sit where thousands separators go
/// ("1,234,567" but not "1,23"); `None` when commas are misplaced.
fn strip_thousands(s: &str) -> Option<String> {
    let s = s.replace('，', ",");
    if !s.contains(',') {
        return Some(s);
    }
    let (sign, body) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !(first_ok && rest_ok && digits_ok) {
        return None;
    }
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Whether `cell` is the error a spreadsheet formula shows (`#N/A`, `#VALUE!`,
/// `#REF!` …), as Excel and WPS also save it in a CSV.
pub fn is_formula_error(cell: &str) -> bool {
    const ERRORS: [&str; 16] = [
        "#N/A",
        "#VALUE!",
        "#REF!",
        "#DIV/0!",
        "#NUM!",
        "#NAME?",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#N/A!",
    ];
    let cell = cell.trim();
    ERRORS.iter().any(|e| e.eq_ignore_ascii_case(cell))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_officials_type_them() {
        assert_eq!(parse_count(" 123 "), Ok(123));
        assert_eq!(parse_count("１２３"), Ok(123));
        assert_eq!(parse_count("1,234"), Ok(1234));
        assert_eq!(parse_count("1，234，567"), Ok(1_234_567));
        assert_eq!(parse_count("12.0"), Ok(12));
        assert_eq!(parse_count("\u{3000}7\u{3000}"), Ok(7));
        assert_eq!(parse_count("-0"), Ok(0));
        assert_eq!(parse_count(""), Err(NumberProblem::Empty));
        assert_eq!(parse_count("１２a"), Err(NumberProblem::NotANumber));
        assert_eq!(parse_count("1,23"), Err(NumberProblem::NotANumber));
        assert_eq!(parse_count("-5"), Err(NumberProblem::Negative));
        assert_eq!(parse_count("2.5"), Err(NumberProblem::NotWhole));
        assert_eq!(parse_count("1e3"), Err(NumberProblem::NotANumber));
        assert_eq!(parse_count("NaN"), Err(NumberProblem::NotANumber));
    }

    #[test]
    fn reals() {
        assert_eq!(parse_real("0.25"), Ok(0.25));
        assert_eq!(parse_real("-1.5"), Ok(-1.5));
        assert_eq!(parse_real("１.５"), Ok(1.5));
        assert!(parse_real("abc").is_err());
    }

    #[test]
    fn cleaning_labels() {
        assert_eq!(clean("  ＡＢ１ "), "AB1");
        assert_eq!(match_key(" 合 计 "), "合计");
        assert_eq!(match_key("Rural_Dibao"), "ruraldibao");
    }

    #[test]
    fn unit_keys_ignore_what_does_not_print() {
        assert_eq!(unit_key("城关镇\u{200b}"), "城关镇");
        assert_eq!(unit_key(" \u{202d}城关镇\u{202c}\u{3000}"), "城关镇");
        assert_eq!(unit_key("Ｃｈｅｎｇ  guan"), "Cheng guan");
        assert_ne!(unit_key("城关镇"), unit_key("城关乡"));
        assert_eq!(unit_key(" 城關鎮\u{200b}"), "城关镇");
    }

    #[test]
    fn invisible_characters_shown_and_removed() {
        assert_eq!(visible("城关镇\u{200b}"), "城关镇");
        assert!(matches!(visible("城关镇"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(show_invisible("城关镇\u{200b}"), "城关镇<U+200B>");
        assert_eq!(show_invisible("a\nb"), "a\\nb");
    }

    #[test]
    fn numbers_split_by_a_mistyped_separator() {
        assert_eq!(split_thousands("1 988").as_deref(), Some("1988"));
        assert_eq!(split_thousands("1.988.000").as_deref(), Some("1988000"));
        assert_eq!(split_thousands("12'345").as_deref(), Some("12345"));
        assert_eq!(split_thousands("1.988"), None);
        assert_eq!(split_thousands("1 98"), None);
        assert_eq!(split_thousands("1988"), None);
        assert_eq!(split_thousands("城关 镇"), None);
    }
}
