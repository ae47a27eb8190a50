//! Personal data: checking resident ID numbers (GB 11643-1999) and masking ID numbers
//! and phone numbers before any text reaches a message, a log or an output meant for
//! units. Every layer may use it; it uses nothing of the crate.

/// True when `id` is an 18-character resident ID number whose check character matches
/// (ISO 7064 MOD 11-2, as GB 11643-1999 prescribes).
pub fn valid_id_number(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| (d - b'0') as u32 * w)
        .sum();
    CHECK[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

/// The check character a 17-digit body needs.
pub fn id_check_char(body: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(d, w)| (d.wrapping_sub(b'0')) as u32 * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// A digit as officials type it: ASCII or full-width (０–９).
fn digit_value(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Characters that may break up the digits of one identifier: spaces, hyphens, dots,
/// slashes and brackets, half- or full-width (`138.1234.5678`, `+86(138)1234-5678`,
/// `１３８－１２３４`).
fn is_digit_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '.'
            | '('
            | ')'
            | '/'
            | '\u{3000}'
            | '\u{FF0D}'
            | '\u{FF0E}'
            | '\u{FF08}'
            | '\u{FF09}'
            | '\u{FF0F}'
            | '\u{2010}'..='\u{2015}' | '\u{00A0}'
    )
}

/// True when `chars[i..]` starts a calendar date (2026-11-30, 2026.11.30, 2026/11/30):
/// a run of digits is cut before it, so two dates in a row are not taken for an ID.
fn starts_date(chars: &[char], i: usize) -> bool {
    let d = |k: usize| chars.get(k).and_then(|c| digit_value(*c)).is_some();
    let sep = |k: usize| chars.get(k).is_some_and(|c| matches!(c, '-' | '.' | '/'));
    if !(d(i) && d(i + 1) && d(i + 2) && d(i + 3) && sep(i + 4) && d(i + 5)) {
        return false;
    }
    let m = if d(i + 6) { i + 7 } else { i + 6 };
    sep(m) && d(m + 1)
}

/// The text of `seed '…'` as pingyi writes seeds into messages: seeds are public (they
/// are announced before the draw) and must stay readable, though a 20-digit seed looks
/// like a long digit run. Returns the end of the quoted seed.
fn seed_quote_end(chars: &[char], i: usize) -> Option<usize> {
    const LEAD: [char; 6] = ['s', 'e', 'e', 'd', ' ', '\''];
    if chars.len() < i + LEAD.len() || chars[i..i + LEAD.len()] != LEAD {
        return None;
    }
    let body = i + LEAD.len();
    let close = chars[body..].iter().take(200).position(|&c| c == '\'')?;
    Some(body + close + 1)
}

/// The end of the ASCII alphanumeric token starting at `chars[i]` when it is a
/// hexadecimal digest (32 or more hex characters with at least one letter, as SHA-256
/// digests are): left readable. Digits alone are never taken for a digest.
fn hex_token_end(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && chars[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let len = chars[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let token = &chars[i..i + len];
    let all_hex = token.iter().all(|c| c.is_ascii_hexdigit());
    let has_letter = token.iter().any(|c| c.is_ascii_alphabetic());
    (len >= 32 && all_hex && has_letter).then_some(i + len)
}

/// Masks personal identifiers inside `s`: any run of 11 or more digits (ASCII or
/// full-width), possibly broken by spaces, hyphens, dots, slashes or brackets (a
/// mobile, a landline with its area code, a resident ID number with or without a final
/// X, `+86(138)1234-5678`), keeps its first 3 and last 2 digits (first 6 and last 2 for
/// ID numbers) and separators; the other digits become `*`. Shorter runs (counts, row
/// numbers, dates), SHA-256 digests in hex, and seeds written as `seed '…'` are left
/// alone.
pub fn mask_personal(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = seed_quote_end(&chars, i).or_else(|| hex_token_end(&chars, i)) {
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if digit_value(chars[i]).is_none() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = 0;
        let mut end = i;
        while i < chars.len() {
            if digit_value(chars[i]).is_some() {
                digits += 1;
                i += 1;
                end = i;
                continue;
            }
            // Up to two separators in a row between digits ("(138) 1234").
            let mut j = i;
            while j < chars.len() && j < i + 2 && is_digit_separator(chars[j]) {
                j += 1;
            }
            let next_is_digit = chars.get(j).and_then(|c| digit_value(*c)).is_some();
            if j > i && next_is_digit && !starts_date(&chars, j) {
                i = j;
            } else {
                break;
            }
        }
        i = end;
        if digits == 17 && i < chars.len() && matches!(chars[i], 'X' | 'x' | 'Ｘ' | 'ｘ') {
            digits += 1;
            i += 1;
        }
        let run = &chars[start..i];
        if digits < 11 {
            out.extend(run);
            continue;
        }
        let keep_head = if digits >= 15 { 6 } else { 3 };
        let mut seen = 0;
        for &c in run {
            if digit_value(c).is_some() || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ') {
                seen += 1;
                out.push(if seen <= keep_head || seen > digits - 2 {
                    c
                } else {
                    '*'
                });
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// A cell value quoted for an error message, with personal identifiers masked.
pub fn quote_cell(s: &str) -> String {
    format!("'{}'", mask_personal(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_id_check_character() {
        // The worked example of GB 11643-1999.
        assert!(valid_id_number("11010519491231002X"));
        assert!(valid_id_number("11010519491231002x"));
        assert!(!valid_id_number("110105194912310021"));
        assert!(!valid_id_number("11010519491231002"));
        assert_eq!(id_check_char("11010519491231002"), 'X');
    }

    #[test]
    fn masking_personal_identifiers() {
        assert_eq!(mask_personal("13812345678"), "138******78");
        assert_eq!(
            mask_personal("id 11010519491231002X!"),
            "id 110105**********2X!"
        );
        assert_eq!(mask_personal("row 12345"), "row 12345");
        assert_eq!(mask_personal("138-1234-5678"), "138-****-**78");
        assert_eq!(mask_personal("0731-81234567"), "073*-******67");
        assert_eq!(mask_personal("record QS0000999"), "record QS0000999");
        assert!(!quote_cell("11010519491231002X").contains("19491231"));
        assert_eq!(mask_personal("１３８１２３４５６７８"), "１３８******７８");
        assert_eq!(mask_personal("138.1234.5678"), "138.****.**78");
        assert_eq!(mask_personal("+86(138)1234-5678"), "+86(1**)****-**78");
        assert_eq!(mask_personal("(0731) 8123 4567"), "(073*) **** **67");
        assert_eq!(
            mask_personal("dates 2026-11-30 2026-12-01, rows 7 and 12"),
            "dates 2026-11-30 2026-12-01, rows 7 and 12"
        );
        let digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(mask_personal(digest), digest);
        let phones = "13812345678139123456781371234567813612345678";
        assert!(!mask_personal(phones).contains("12345678"));
        assert_eq!(
            mask_personal("the draw used seed '12345678901234567890'"),
            "the draw used seed '12345678901234567890'"
        );
        assert_eq!(mask_personal("tel13812345678"), "tel138******78");
    }
}
