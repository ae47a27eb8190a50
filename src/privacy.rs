//! Personal data: checking resident ID numbers (GB 11643-1999) and masking ID numbers,
//! phone numbers and names before any text reaches a message, a log or an output meant
//! for units, under a masking policy (`[mask]` in pingyi.toml, `--mask-…` flags).
//! Every layer may use it; it uses nothing of the crate.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

/// How much of each personal identifier an output that leaves the office keeps in
/// clear: the first and last characters of an ID number and of a phone number, the
/// first characters of a name. Fields in the order of their keys, as manifests record
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaskPolicy {
    pub id_head: u8,
    pub id_tail: u8,
    pub name_head: u8,
    pub phone_head: u8,
    pub phone_tail: u8,
}

/// The most characters of an ID number a policy may keep (at least 4 of 18 hidden).
pub const MAX_ID_KEPT: u8 = 14;
/// The most characters an ID number may keep at either end: fewer than a phone's 11,
/// so that a phone run together with a short number is never shown whole.
pub const MAX_ID_END: u8 = 10;
/// The most digits of a phone number a policy may keep (at least 4 of 11 hidden).
pub const MAX_PHONE_KEPT: u8 = 7;
/// The most characters of a name a policy may keep (a compound surname, 欧阳).
pub const MAX_NAME_KEPT: u8 = 2;

impl Default for MaskPolicy {
    /// Common Chinese practice: `110105********123X`, `138****5678`, `张*`.
    fn default() -> Self {
        MaskPolicy {
            id_head: 6,
            id_tail: 4,
            name_head: 1,
            phone_head: 3,
            phone_tail: 4,
        }
    }
}

/// What a policy gets wrong: the settings at fault (`id_head + id_tail`, `id_head`,
/// `id_tail`, `phone_head + phone_tail` or `name_head`), the identifier they concern
/// (`id`, `phone` or `name`), the characters they keep and the most they may keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyProblem {
    pub keys: &'static str,
    pub what: &'static str,
    pub kept: u16,
    pub max: u8,
}

impl MaskPolicy {
    /// The masking of outputs written before the policy was recorded: ID numbers kept
    /// their first 6 and last 2 characters, phones their first 3 and last 2 digits.
    pub const LEGACY: MaskPolicy = MaskPolicy {
        id_head: 6,
        id_tail: 2,
        name_head: 1,
        phone_head: 3,
        phone_tail: 2,
    };

    /// Refuses a policy that keeps too much to mask anything worth the name.
    pub fn check(&self) -> Result<(), PolicyProblem> {
        let (id_head, id_tail) = (u16::from(self.id_head), u16::from(self.id_tail));
        let phone = u16::from(self.phone_head) + u16::from(self.phone_tail);
        #[rustfmt::skip]
        let rules = [
            ("id_head + id_tail", "id", id_head + id_tail, MAX_ID_KEPT),
            ("id_head", "id", id_head, MAX_ID_END),
            ("id_tail", "id", id_tail, MAX_ID_END),
            ("phone_head + phone_tail", "phone", phone, MAX_PHONE_KEPT),
            ("name_head", "name", self.name_head.into(), MAX_NAME_KEPT),
        ];
        match rules.into_iter().find(|r| r.2 > r.3.into()) {
            Some((keys, what, kept, max)) => Err(PolicyProblem {
                keys,
                what,
                kept,
                max,
            }),
            None => Ok(()),
        }
    }

    /// A name as shared outputs show it: its first characters, every other one `*`
    /// (at least one is always hidden: `张*`, `欧阳**`).
    pub fn mask_name(&self, name: &str) -> String {
        let n = name.chars().count();
        let keep = usize::from(self.name_head).min(n.saturating_sub(1));
        name.chars()
            .enumerate()
            .map(|(i, c)| if i < keep { c } else { '*' })
            .collect()
    }

    /// Masks personal identifiers inside `s` (see [`mask_personal`]) under this policy.
    pub fn mask(&self, s: &str) -> String {
        mask_with(self, s)
    }

    /// Masks, inside a cell that should hold an id, an ID number or a phone, every run
    /// of Han characters that looks like a person's name ([`looks_like_name`]) — a name
    /// typed into the wrong column — and then any identifier ([`MaskPolicy::mask`]).
    /// A unit's name inside a code (`城关镇001`) stays readable.
    pub fn mask_id_cell(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut run = String::new();
        for c in s.chars().map(Some).chain([None]) {
            if let Some(c) = c.filter(|&c| is_han(c) || (c == '·' && !run.is_empty())) {
                run.push(c);
                continue;
            }
            match looks_like_name(&run) {
                true => out.push_str(&self.mask_name(&run)),
                false => out.push_str(&run),
            }
            run.clear();
            out.extend(c);
        }
        self.mask(&out)
    }

    /// A unit's cell as shared outputs and messages show it: as typed, unless it looks
    /// like a person's name ([`looks_like_name`]: a name typed into the unit column).
    pub fn mask_unit_cell(&self, s: &str) -> String {
        if looks_like_name(s.trim()) {
            self.mask_name(s.trim())
        } else {
            self.mask(s)
        }
    }

    fn to_bits(self) -> u64 {
        u64::from_le_bytes([
            self.id_head,
            self.id_tail,
            self.name_head,
            self.phone_head,
            self.phone_tail,
            1,
            0,
            0,
        ])
    }

    fn from_bits(bits: u64) -> Option<MaskPolicy> {
        let b = bits.to_le_bytes();
        (b[5] == 1).then_some(MaskPolicy {
            id_head: b[0],
            id_tail: b[1],
            name_head: b[2],
            phone_head: b[3],
            phone_tail: b[4],
        })
    }
}

/// The policy of this process: 0 until one is chosen; bit 63 once it came from flags.
static POLICY: AtomicU64 = AtomicU64::new(0);
const FROM_FLAGS: u64 = 1 << 63;

/// Chooses the masking policy from now on (the `--mask-…` flags).
pub fn set_policy(policy: MaskPolicy) {
    POLICY.store(policy.to_bits() | FROM_FLAGS, Ordering::Relaxed);
}

/// The policy a configuration file (`[mask]` in pingyi.toml) asks for: taken unless
/// flags already chose one, which win over the file.
pub fn prefer_policy(policy: MaskPolicy) {
    let _ = POLICY.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| {
        (v & FROM_FLAGS == 0).then_some(policy.to_bits())
    });
}

/// The masking policy in force: the one chosen, else the default.
pub fn policy() -> MaskPolicy {
    MaskPolicy::from_bits(POLICY.load(Ordering::Relaxed) & !FROM_FLAGS).unwrap_or_default()
}

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

/// Characters that may break up the digits of one identifier: spaces and tabs,
/// hyphens, dashes and tildes, dots and middle dots, underscores, slashes and brackets,
/// half- or full-width (`138.1234.5678`, `+86(138)1234-5678`, `１３８－１２３４`,
/// `138_1234_5678`, `138·1234·5678`), and the invisible characters (zero-width spaces
/// and joiners, soft hyphens, direction marks, byte-order marks) a pasted cell carries.
fn is_digit_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '-'
            | '.'
            | '('
            | ')'
            | '/'
            | '_'
            | '~'
            | '\u{00B7}'
            | '\u{30FB}'
            | '\u{FF65}'
            | '\u{3000}'
            | '\u{FF0D}'
            | '\u{FF0E}'
            | '\u{FF08}'
            | '\u{FF09}'
            | '\u{FF0F}'
            | '\u{FF3F}'
            | '\u{FF5E}'
            | '\u{2010}'..='\u{2015}'
            | '\u{00A0}'
            | '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// True when a run of digits is a decimal number rather than an identifier: one dot
/// and no other separator, at most three digits before it, and not three before and
/// eight after (`138.12345678`, a phone). Tickets, probabilities and weights
/// (`0.9655512345678901`, `12.345678901234`) stay readable.
fn is_decimal(run: &[char]) -> bool {
    let mut separators = run.iter().filter(|c| digit_value(**c).is_none());
    let (Some(&dot), None) = (separators.next(), separators.next()) else {
        return false;
    };
    if !matches!(dot, '.' | '\u{FF0E}') {
        return false;
    }
    let at = run.iter().position(|&c| c == dot).unwrap_or(0);
    let (whole, fraction) = (at, run.len() - at - 1);
    whole <= 3 && !(whole == 3 && fraction == 8)
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

/// The end of a selection's identity (核查批次, `HC-` and 12 hex digits) starting at
/// `chars[i]`: a code pingyi makes, left readable though its digits may all be decimal.
fn audit_id_end(chars: &[char], i: usize) -> Option<usize> {
    const LEAD: [char; 3] = ['H', 'C', '-'];
    const DIGITS: usize = 12;
    let body = i + LEAD.len();
    if (i > 0 && chars[i - 1].is_ascii_alphanumeric()) || chars.get(i..body)? != LEAD {
        return None;
    }
    let hex = chars[body..]
        .iter()
        .take_while(|c| c.is_ascii_hexdigit())
        .count();
    let end = body + DIGITS;
    let alone = chars.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
    (hex == DIGITS && alone).then_some(end)
}

/// Masks personal identifiers inside `s` under the policy in force ([`policy`]): any
/// run of 11 or more digits (ASCII or full-width), possibly broken by spaces, hyphens,
/// dots, slashes or brackets (a mobile, a landline with its area code, a resident ID
/// number with or without a final X, `+86(138)1234-5678`), keeps the policy's first and
/// last digits of a phone (of an ID number for runs of 15 to 18) and its separators;
/// the other digits become `*`, at least one always. Shorter runs (counts, row numbers,
/// dates), SHA-256 digests in hex, seeds written as `seed '…'` and a selection's
/// identity (`HC-` and 12 hex digits) are left alone.
pub fn mask_personal(s: &str) -> String {
    mask_with(&policy(), s)
}

fn mask_with(policy: &MaskPolicy, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let public = seed_quote_end(&chars, i)
            .or_else(|| hex_token_end(&chars, i))
            .or_else(|| audit_id_end(&chars, i));
        if let Some(end) = public {
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if digit_value(chars[i]).is_none() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (end, digits) = digit_run(&chars, i);
        let run = &chars[i..end];
        i = end;
        if digits < 11 || is_decimal(run) {
            out.extend(run);
            continue;
        }
        let (head, tail) = kept(policy, digits);
        let mut seen = 0;
        for &c in run {
            if !is_id_char(c) {
                out.push(c);
                continue;
            }
            seen += 1;
            let shown = seen <= head || seen > digits - tail;
            out.push(if shown { c } else { '*' });
        }
    }
    out
}

/// A digit, or the X an ID number may end with.
fn is_id_char(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// The run of digits starting at `chars[start]` (a digit), with the separators inside
/// it (up to three in a row, not before a date) and an ID number's final X: its end and
/// how many digits (and X) it holds.
fn digit_run(chars: &[char], start: usize) -> (usize, usize) {
    let (mut i, mut end, mut digits) = (start, start, 0);
    while i < chars.len() {
        if digit_value(chars[i]).is_some() {
            digits += 1;
            i += 1;
            end = i;
            continue;
        }
        // Up to three separators in a row between digits ("(138) 1234", "138 – 1234").
        let mut j = i;
        while j < chars.len() && j < i + 3 && is_digit_separator(chars[j]) {
            j += 1;
        }
        let next_is_digit = chars.get(j).and_then(|c| digit_value(*c)).is_some();
        if j > i && next_is_digit && !starts_date(chars, j) {
            i = j;
        } else {
            break;
        }
    }
    if digits == 17 && end < chars.len() && matches!(chars[end], 'X' | 'x' | 'Ｘ' | 'ｘ') {
        return (end + 1, 18);
    }
    (end, digits)
}

/// The digits kept at the start and the end of a run of `digits` (11 or more): an ID
/// number's for runs of 15 to 18, a phone's otherwise (also for longer runs, several
/// numbers run together); at least one digit hidden.
fn kept(policy: &MaskPolicy, digits: usize) -> (usize, usize) {
    let (head, tail) = if (15..=18).contains(&digits) {
        (policy.id_head, policy.id_tail)
    } else {
        (policy.phone_head, policy.phone_tail)
    };
    let head = usize::from(head).min(digits - 1);
    (head, usize::from(tail).min(digits - 1 - head))
}

/// What a column holds, as far as masking goes, where its header tells it: mask by
/// what a value is, not by the digits it happens to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// An id, a resident ID number, a phone, a respondent: identifiers, and a name
    /// typed in by mistake ([`MaskPolicy::mask_id_cell`]).
    Identifier,
    /// A person's name (姓名).
    Name,
    /// A unit ([`MaskPolicy::mask_unit_cell`]).
    Unit,
    /// A code or number pingyi makes (核查编号, 核查批次, a ticket, a weight): public.
    Code,
    /// Anything else: identifiers found by their digits ([`MaskPolicy::mask`]).
    Text,
}

/// Whether a header names a column of people's names (姓名, 户主姓名, 名字, name …).
pub fn is_name_header(header: &str) -> bool {
    let h = header.trim().to_lowercase();
    const NAMES: [&str; 8] = [
        "名字",
        "户主",
        "联系人",
        "申请人",
        "救助对象",
        "name",
        "full name",
        "full_name",
    ];
    h.contains("姓名") || NAMES.contains(&h.as_str())
}

impl MaskPolicy {
    /// A cell of a column that holds `holds`, as shared outputs show it.
    pub fn mask_as(&self, holds: Holds, value: &str) -> String {
        match holds {
            Holds::Identifier => self.mask_id_cell(value),
            Holds::Name if value.trim().is_empty() => value.to_string(),
            Holds::Name => self.mask_name(value.trim()),
            Holds::Unit => self.mask_unit_cell(value),
            Holds::Code => value.to_string(),
            Holds::Text => self.mask(value),
        }
    }
}

/// A cell value quoted for an error message, with personal identifiers masked.
pub fn quote_cell(s: &str) -> String {
    format!("'{}'", mask_personal(s))
}

/// An id, ID-number, phone or respondent cell quoted for a message under the policy in
/// force: a name typed into it masked as a name ([`MaskPolicy::mask_id_cell`]).
pub fn quote_id_cell(s: &str) -> String {
    format!("'{}'", policy().mask_id_cell(s))
}

/// A unit cell quoted for a message under the policy in force: a person's name typed
/// into it masked ([`MaskPolicy::mask_unit_cell`]).
pub fn quote_unit_cell(s: &str) -> String {
    format!("'{}'", policy().mask_unit_cell(s))
}

/// A Han (CJK unified) character.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2FFFF}')
}

/// The last characters of the names of units, places and bodies (镇, 乡, 街道, 局,
/// 村, 社区 …): a name ending so is not taken for a person's.
const PLACE_ENDINGS: &[char] = &[
    '镇', '乡', '街', '道', '局', '村', '区', '县', '市', '省', '州', '场', '队', '组', '会', '所',
    '站', '办', '处', '委', '司', '厂', '部', '院', '校', '馆', '社', '庄', '屯', '寨', '心', '室',
    '科', '厅', '团', '营', '连', '湾', '岗', '坪', '桥', '河', '山', '林', '口',
];

/// Whether `s` looks like a person's name: 2 to 4 Han characters (up to 12 in a
/// transcribed name whose parts a `·` separates), not ending as the name of a place or a body
/// does. Only asked of cells whose column should hold no name (an id, a unit).
pub fn looks_like_name(s: &str) -> bool {
    let han = s.chars().filter(|&c| is_han(c)).count();
    let only_name = s.chars().all(|c| is_han(c) || c == '·');
    let last = s.chars().last().unwrap_or(' ');
    let most = if s.contains('·') { 12 } else { 4 };
    (2..=most).contains(&han) && only_name && is_han(last) && !PLACE_ENDINGS.contains(&last)
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
    fn the_default_policy_is_common_practice() {
        let p = MaskPolicy::default();
        assert_eq!(p.mask("11010519491231002X"), "110105********002X");
        assert_eq!(p.mask("13812345678"), "138****5678");
        assert_eq!(p.mask_name("张三"), "张*");
        assert_eq!(p.mask_name("欧阳修"), "欧**");
        assert_eq!(p.mask_name("张"), "*");
        assert_eq!(p.mask_name(""), "");
        assert_eq!(p.check(), Ok(()));
        assert_eq!(MaskPolicy::LEGACY.check(), Ok(()));
    }

    #[test]
    fn a_policy_that_keeps_too_much_is_refused_and_one_digit_is_always_hidden() {
        let p = |id_head, id_tail, name_head, phone_head, phone_tail| MaskPolicy {
            id_head,
            id_tail,
            name_head,
            phone_head,
            phone_tail,
        };
        let problem = |keys, what, kept, max| {
            Err(PolicyProblem {
                keys,
                what,
                kept,
                max,
            })
        };
        assert_eq!(
            p(10, 5, 1, 3, 4).check(),
            problem("id_head + id_tail", "id", 15, 14)
        );
        assert_eq!(
            p(255, 255, 1, 3, 4).check(),
            problem("id_head + id_tail", "id", 510, 14)
        );
        assert_eq!(p(0, 11, 1, 3, 4).check(), problem("id_tail", "id", 11, 10));
        assert_eq!(
            p(6, 4, 1, 4, 4).check(),
            problem("phone_head + phone_tail", "phone", 8, 7)
        );
        assert_eq!(p(6, 4, 3, 3, 4).check(), problem("name_head", "name", 3, 2));
        // Two phones run together are masked as phones, not as one ID number.
        let two = p(0, 10, 1, 3, 4).mask("13812345678 13912345678");
        assert_eq!(two, "138******** *******5678");
        assert_eq!(p(0, 0, 0, 0, 0).mask("13812345678"), "***********");
        // Unchecked policies never show a whole identifier.
        let all = p(255, 255, 255, 255, 255);
        assert_eq!(all.mask("13812345678"), "1381234567*");
        assert_eq!(all.mask_name("张三"), "张*");
        assert_eq!(p(2, 0, 2, 0, 3).mask_name("欧阳修"), "欧阳*");
    }

    #[test]
    fn names_typed_into_an_id_or_a_unit_cell_are_masked_and_places_kept() {
        let p = MaskPolicy::default();
        assert_eq!(p.mask_id_cell("张三"), "张*");
        assert_eq!(p.mask_id_cell(" 欧阳修 "), " 欧** ");
        assert_eq!(p.mask_id_cell("买买提·艾力"), "买*****");
        assert_eq!(p.mask_id_cell("城关镇001"), "城关镇001");
        assert_eq!(p.mask_id_cell("QS0000539"), "QS0000539");
        assert_eq!(p.mask_id_cell("李四13812345678"), "李*138****5678");
        assert_eq!(p.mask_unit_cell("王小明"), "王**");
        for unit in [
            "东岗镇",
            "西岭林场",
            "城关街道",
            "青石县民政局",
            "东湖区",
            "新庄村",
        ] {
            assert_eq!(p.mask_unit_cell(unit), unit);
        }
        assert!(!looks_like_name("张") && !looks_like_name("诸葛孔明先生"));
        assert!(looks_like_name("诸葛孔明") && !looks_like_name("张3"));
    }

    #[test]
    fn cells_are_masked_by_what_their_column_holds() {
        let p = MaskPolicy::default();
        assert_eq!(p.mask_as(Holds::Code, "HC-012345678901"), "HC-012345678901");
        assert_eq!(
            p.mask_as(Holds::Code, "0.000010611727299411"),
            "0.000010611727299411"
        );
        assert_eq!(p.mask_as(Holds::Name, " 丁成红 "), "丁**");
        assert_eq!(p.mask_as(Holds::Name, ""), "");
        assert_eq!(p.mask_as(Holds::Identifier, "13812345678"), "138****5678");
        assert_eq!(p.mask_as(Holds::Unit, "东岗镇"), "东岗镇");
        assert_eq!(p.mask_as(Holds::Text, "tel 13812345678"), "tel 138****5678");
        for h in ["姓名", "户主姓名", " Name ", "受访者姓名"] {
            assert!(is_name_header(h), "{h}");
        }
        assert!(!is_name_header("乡镇") && !is_name_header("编号"));
    }

    #[test]
    fn the_policy_in_force_follows_flags_over_the_configuration() {
        // The only test touching the process's policy: flags win over pingyi.toml.
        let strict = MaskPolicy {
            phone_tail: 2,
            ..MaskPolicy::default()
        };
        assert_eq!(policy(), MaskPolicy::default());
        prefer_policy(strict);
        assert_eq!(policy(), strict);
        set_policy(MaskPolicy::default());
        prefer_policy(strict);
        assert_eq!(policy(), MaskPolicy::default());
        assert_eq!(mask_personal("13812345678"), "138****5678");
    }

    #[test]
    fn masking_personal_identifiers() {
        let mask_personal = |s: &str| MaskPolicy::LEGACY.mask(s);
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
        assert!(!quote_cell("13812345678").contains("1234"));
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
        // A selection's identity is a code pingyi makes, whatever its digits.
        for id in ["HC-000000000000", "HC-012345678901", "HC-32f0eb87173e"] {
            let said = format!("核查批次 {id}，核查编号 0001");
            assert_eq!(mask_personal(&said), said);
        }
        assert_eq!(mask_personal("HC-0123456789012"), "HC-012********12");
        assert_eq!(mask_personal("XHC-012345678901"), "XHC-012*******01");
    }

    #[test]
    fn identifiers_broken_by_any_separator_or_invisible_character_are_masked() {
        let p = MaskPolicy::default();
        for sep in [
            "\u{200B}", "\u{00AD}", "\u{200D}", "\u{FEFF}", "\u{2060}", "_", "·", "\t", "~", " – ",
            "～", "＿", "\u{202C}",
        ] {
            let phone = format!("138{sep}1234{sep}5678");
            let masked = p.mask(&phone);
            assert!(!masked.contains("1234"), "{phone:?} → {masked:?}");
            let id = format!("110105{sep}19491231{sep}002X");
            let masked = p.mask(&id);
            assert!(!masked.contains("1949"), "{id:?} → {masked:?}");
            assert!(
                masked.contains("110105") && masked.contains("002X"),
                "{masked:?}"
            );
        }
    }

    #[test]
    fn decimals_stay_readable_and_dotted_phones_do_not() {
        let p = MaskPolicy::default();
        for number in [
            "0.9655512345678901",
            "12.345678901234",
            "123.456789012345",
            "0.87612345678912 and 0.12345678901234",
        ] {
            assert_eq!(p.mask(number), number);
        }
        for phone in [
            "138.12345678",
            "138.1234.5678",
            "1381234.5678",
            "110105.19491231002X",
        ] {
            assert_ne!(p.mask(phone), phone);
        }
    }
}
