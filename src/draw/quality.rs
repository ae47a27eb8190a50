//! The roster's data-quality report: invalid resident ID numbers (GB 11643-1999 check
//! character), one ID number on several rows, and one phone number shared by several
//! recipients — fabricated lists often reuse a phone. Values are masked when the report
//! is written, under the policy given (the one in force, or the one a manifest records
//! when `verify` builds the report again); each finding names the units of its rows, so
//! that the findings can be counted per unit.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use crate::error::Location;
use crate::i18n::{Lang, Message, msg};
use crate::io::digest::ContentDigest;
use crate::io::text::clean;
use crate::io::{Cell, ColumnKind, ColumnSpec, OutputTable};
use crate::privacy::{MaskPolicy, valid_id_number};

use super::roster::RosterRecord;

/// Digits of a phone number, without spaces, dashes or a +86 prefix.
fn phone_key(raw: &str) -> String {
    let digits: String = clean(raw).chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("86") {
        Some(rest) if rest.len() == 11 && raw.contains('+') => rest.to_string(),
        _ => digits,
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualityIssue {
    pub kind: &'static str,
    pub kind_zh: &'static str,
    /// The value concerned: in clear as found, masked by [`written_report`] (nothing
    /// else shows it).
    pub value: String,
    pub rows: Vec<Location>,
    /// The units of its rows, sorted, each once (none for the count of findings not
    /// listed).
    pub units: Vec<String>,
    /// What it means and what to do, in the reader's language when written.
    pub detail: Message,
}

/// `units` sorted, each once.
fn unit_set<'a>(units: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = units.map(str::to_string).collect();
    out.sort();
    out.dedup();
    out
}

/// FxHash's multiply-rotate step over `bytes`, a word at a time (the last word padded
/// with zeros), from state `h`.
pub(crate) fn mix_words(mut h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut words = bytes.chunks_exact(8);
    for c in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h
}

/// A 64-bit digest of an id with its ASCII letters made small, for finding ids
/// repeated within one run: `DG001` and `dg001` are one person written two ways (the
/// later stages match ids so), and must not be drawn as two. Each 8-byte word is
/// mixed in by MurmurHash3's finaliser, so ids that differ in a byte anywhere differ
/// all over (a collision makes the draw read every roster again to name the rows).
pub fn id_repeat_hash(id: &str) -> u64 {
    const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes = id.as_bytes();
    let mut h = bytes.len() as u64;
    for c in bytes.chunks(8) {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        w.make_ascii_lowercase();
        h = finalize((h ^ u64::from_le_bytes(w)).wrapping_add(GOLDEN));
    }
    h
}

/// MurmurHash3's finaliser.
fn finalize(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A 64-bit digest of a value, for finding repeats within one run: the length, then
/// [`mix_words`], then MurmurHash3's finaliser. A collision only costs reading two
/// records again, whose values are then compared exactly.
pub fn hash64(value: &str) -> u64 {
    finalize(mix_words(value.len() as u64, value.as_bytes()))
}

/// Collects findings as records stream past: invalid ID numbers at once (the scan
/// keeps 8 bytes per ID number and phone to find repeats, which a second look names).
/// Findings are kept in roster order, whatever order parts of a roster are read in.
#[derive(Debug, Default)]
pub struct QualityCheck {
    /// Invalid ID numbers with their place in the roster (file number, row).
    invalid: Vec<((usize, usize), QualityIssue)>,
    invalid_count: usize,
    /// ID-number and phone cells whose digits Excel lost, with their place.
    lost: Vec<((usize, usize), QualityIssue)>,
    lost_count: usize,
    /// Per repeated ID number: its rows, each with its unit and stratum.
    named_ids: BTreeMap<String, Vec<(Location, String, String)>>,
    /// Per shared phone: its rows, each with its unit.
    named_phones: BTreeMap<String, Vec<(Location, String)>>,
}

/// The repeated values a second look must name.
#[derive(Debug, Default)]
pub struct Wanted {
    id_numbers: HashSet<u64>,
    phones: HashSet<u64>,
}

impl Wanted {
    /// The [`hash64`] digests of ID numbers and phones seen more than once.
    pub fn new(id_numbers: HashSet<u64>, phones: HashSet<u64>) -> Wanted {
        Wanted { id_numbers, phones }
    }

    pub fn is_empty(&self) -> bool {
        self.id_numbers.is_empty() && self.phones.is_empty()
    }
}

/// The items of `items` in a list of their own size (a list collected in place from a
/// larger one would keep the larger one's memory).
fn exact<T>(items: impl ExactSizeIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    out.extend(items);
    out
}

/// At most this many invalid ID numbers are listed (all are counted).
const MAX_LISTED: usize = 10_000;

/// True when a phone or ID-number cell holds a number in scientific notation
/// (`1.38123E+10`): Excel stored the column as numbers and wrote the cell with 6 to 15
/// significant digits, so the rest of the number is lost.
pub fn digits_lost(cell: &str) -> bool {
    // Most cells have no E at all: one pass over their bytes decides.
    if !has_letter_e(cell.as_bytes()) {
        return false;
    }
    let t = cell.trim();
    t.contains(['e', 'E'])
        && t.parse::<f64>()
            .is_ok_and(|v| v.is_finite() && v.abs() >= 1e5)
}

/// Whether `bytes` hold an `e` or `E`, eight bytes at a time: a byte of `w | 0x20` is
/// 0x65 only for those two, and `(x - 0x01…) & !x & 0x80…` marks a zero byte of `x`.
fn has_letter_e(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        let x = (u64::from_le_bytes(b) | (ONES * 0x20)) ^ (ONES * b'e' as u64);
        if x.wrapping_sub(ONES) & !x & (ONES * 0x80) != 0 {
            return true;
        }
    }
    words.remainder().iter().any(|&b| b | 0x20 == b'e')
}

/// A cell whose digits are lost, as the report shows it: the first two digits after
/// the point (no more than a masked number shows) and the exponent (`1.38****E+10`).
fn lost_shape(cell: &str) -> String {
    let t = cell.trim();
    let (mantissa, exponent) = t.split_at(t.find(['e', 'E']).unwrap_or(t.len()));
    let mut shown = 0;
    let mantissa: String = mantissa
        .chars()
        .map(|c| match c.is_ascii_digit() {
            true if shown < 3 => {
                shown += 1;
                c
            }
            true => '*',
            false => c,
        })
        .collect();
    format!("{mantissa}{exponent}")
}

/// A phone or ID-number cell as read for the checks.
enum Read<'a> {
    /// Its form as compared.
    Kept(Cow<'a, str>),
    /// Excel stored it as a number and lost digits (such cells would all look alike).
    Lost,
    /// Empty, or too short to be a phone.
    Nothing,
}

impl<'a> Read<'a> {
    fn kept(self) -> Option<Cow<'a, str>> {
        match self {
            Read::Kept(k) => Some(k),
            Read::Lost | Read::Nothing => None,
        }
    }
}

/// An ID-number cell, normalised like ids, and without what people type around and
/// inside one (`'`, `="…"`, quotes, spaces, hyphens, line breaks, `×` for `X`): one
/// person's number written two such ways is one number, repeated.
fn read_id_number(raw: &str) -> Read<'_> {
    let id = super::ticket::normalized_id(raw);
    let id = if id.bytes().any(typed_around) {
        Cow::Owned(bare_id_number(&id))
    } else {
        id
    };
    match (id.is_empty(), digits_lost(&id) || rounded_id_number(&id)) {
        (true, _) => Read::Nothing,
        (false, true) => Read::Lost,
        (false, false) => Read::Kept(id),
    }
}

/// Per byte, whether it may be something people type around and inside an ID number
/// (any byte beyond ASCII may begin `×`, a full-width space or a curly quote).
const TYPED_AROUND: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        t[b] = true;
        b += 1;
    }
    let typed = b" -'\"=\t\n\r`";
    let mut i = 0;
    while i < typed.len() {
        t[typed[i] as usize] = true;
        i += 1;
    }
    t
};

#[inline]
fn typed_around(b: u8) -> bool {
    TYPED_AROUND[b as usize]
}

/// An ID number without what was typed around and inside it; `×` (and a last `x`)
/// read as `X`.
fn bare_id_number(id: &str) -> String {
    let id = id.trim();
    let id = id.strip_prefix('=').unwrap_or(id);
    let mut out: String = id
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '-' | '\'' | '"' | '`' | '“' | '”' | '‘' | '’' | '－')
        })
        .map(|c| if c == '×' { 'X' } else { c })
        .collect();
    if out.len() == 18 && out.ends_with('x') {
        out.replace_range(17..18, "X");
    }
    out
}

/// Whether `id` is an 18-digit ID number as Excel keeps one typed into a number cell
/// and saved as CSV: its first 15 digits, then 000, which fails the check digit.
pub fn rounded_id_number(id: &str) -> bool {
    id.len() == 18
        && id.ends_with("000")
        && id.bytes().all(|b| b.is_ascii_digit())
        && !valid_id_number(id)
}

/// A phone cell: its digits, when there are at least 7.
fn read_phone(raw: &str) -> Read<'_> {
    let p = if raw.bytes().all(|b| b.is_ascii_digit()) {
        Cow::Borrowed(raw)
    } else if digits_lost(raw) {
        return Read::Lost;
    } else {
        Cow::Owned(phone_key(raw))
    };
    match p.len() >= 7 {
        true => Read::Kept(p),
        false => Read::Nothing,
    }
}

/// An ID-number cell as compared: normalised like ids; None when empty or when its
/// digits are lost.
pub fn id_number_key(raw: &str) -> Option<Cow<'_, str>> {
    read_id_number(raw).kept()
}

/// A phone cell as compared: its digits; None when too short to be a phone or when
/// its digits are lost.
pub fn phone_number_key(raw: &str) -> Option<Cow<'_, str>> {
    read_phone(raw).kept()
}

fn id_number_of(record: &RosterRecord) -> Option<String> {
    id_number_key(record.id_number.as_deref()?).map(Cow::into_owned)
}

fn phone_of(record: &RosterRecord) -> Option<String> {
    phone_number_key(record.phone.as_deref()?).map(Cow::into_owned)
}

impl QualityCheck {
    /// Looks at one ID number (already through [`id_number_key`]) at `order`, the
    /// record's (file number, row), in `unit` (the cell as read); `at` names the row.
    pub fn see_id_number(
        &mut self,
        order: (usize, usize),
        id: &str,
        unit: &str,
        at: impl FnOnce() -> Location,
    ) {
        if valid_id_number(id) {
            return;
        }
        self.invalid_count += 1;
        if self.invalid.len() < MAX_LISTED {
            let detail = if id.len() == 15 && id.bytes().all(|b| b.is_ascii_digit()) {
                msg!("quality-old-id")
            } else {
                msg!("quality-invalid-id")
            };
            self.invalid.push((
                order,
                QualityIssue {
                    kind: "invalid_id_number",
                    kind_zh: "身份证号无效",
                    value: id.to_string(),
                    rows: vec![at()],
                    units: vec![clean(unit)],
                    detail,
                },
            ));
        }
    }

    /// The keys of the ID-number and phone cells (as read) of the record at `order` in
    /// `unit` ([`id_number_key`], [`phone_number_key`]), each read once; a cell that
    /// Excel stored as a number has lost digits, a finding of its own kind (`at` names
    /// the row), and no key.
    pub fn keys<'a>(
        &mut self,
        order: (usize, usize),
        (id_number, phone): (Option<&'a str>, Option<&'a str>),
        unit: &str,
        at: &dyn Fn() -> Location,
    ) -> (Option<Cow<'a, str>>, Option<Cow<'a, str>>) {
        let mut key = |what: &'static str, cell: Option<&'a str>, read: fn(&'a str) -> Read<'a>| {
            let cell = cell?;
            match read(cell) {
                Read::Lost => {
                    self.note_lost(order, (what, cell), unit, at);
                    None
                }
                other => other.kept(),
            }
        };
        let id = key("id", id_number, read_id_number);
        (id, key("phone", phone, read_phone))
    }

    /// Notes a cell whose digits are lost.
    fn note_lost(
        &mut self,
        order: (usize, usize),
        (what, cell): (&'static str, &str),
        unit: &str,
        at: &dyn Fn() -> Location,
    ) {
        self.lost_count += 1;
        if self.lost.len() < MAX_LISTED {
            let issue = QualityIssue {
                kind: "digits_lost",
                kind_zh: "号码位数已丢失",
                value: lost_shape(cell),
                rows: vec![at()],
                units: vec![clean(unit)],
                detail: msg!("rows-digits-lost", what = what),
            };
            self.lost.push((order, issue));
        }
    }

    /// Takes over the findings of a check of another part of the roster.
    pub fn absorb(&mut self, other: QualityCheck) {
        self.invalid_count += other.invalid_count;
        self.invalid.extend(other.invalid);
        self.invalid.sort_by_key(|(order, _)| *order);
        self.invalid.truncate(MAX_LISTED);
        self.lost_count += other.lost_count;
        self.lost.extend(other.lost);
        // Stable: an ID number and a phone of one row keep their order.
        self.lost.sort_by_key(|(order, _)| *order);
        self.lost.truncate(MAX_LISTED);
    }

    /// The second look: notes where each wanted value occurs.
    pub fn name(&mut self, record: &RosterRecord, wanted: &Wanted) {
        if let Some(id) = id_number_of(record)
            && wanted.id_numbers.contains(&hash64(&id))
        {
            let stratum = format!("{} / {}", record.unit, record.category.zh());
            self.named_ids.entry(id).or_default().push((
                record.location.clone(),
                record.unit.clone(),
                stratum,
            ));
        }
        if let Some(p) = phone_of(record)
            && wanted.phones.contains(&hash64(&p))
        {
            self.named_phones
                .entry(p)
                .or_default()
                .push((record.location.clone(), record.unit.clone()));
        }
    }

    /// Takes over the rows a second look at later records named (`later` read the
    /// records after this one's), so that each value's rows stay in roster order.
    pub fn absorb_named(&mut self, later: QualityCheck) {
        for (id, rows) in later.named_ids {
            self.named_ids.entry(id).or_default().extend(rows);
        }
        for (phone, rows) in later.named_phones {
            self.named_phones.entry(phone).or_default().extend(rows);
        }
    }

    /// How many findings [`QualityCheck::finish`] gives at most.
    fn most_findings(&self) -> usize {
        let repeated = |n: usize| usize::from(n > 1);
        let ids: usize = self.named_ids.values().map(|v| repeated(v.len())).sum();
        let phones: usize = self.named_phones.values().map(|v| repeated(v.len())).sum();
        self.invalid.len() + self.lost.len() + 2 + ids + phones
    }

    /// The findings of cells whose digits are lost, and the count of those not listed.
    fn lost_findings(lost: Vec<((usize, usize), QualityIssue)>, count: usize) -> Vec<QualityIssue> {
        let listed = lost.len();
        let mut out: Vec<QualityIssue> = lost.into_iter().map(|(_, q)| q).collect();
        if count > listed {
            out.push(QualityIssue {
                kind: "digits_lost",
                kind_zh: "号码位数已丢失",
                value: String::new(),
                rows: Vec::new(),
                units: Vec::new(),
                detail: msg!("quality-more-invalid", count = count - listed),
            });
        }
        out
    }

    /// The findings, in a fixed order.
    pub fn finish(self) -> Vec<QualityIssue> {
        let mut out = Vec::with_capacity(self.most_findings());
        out.extend(self.invalid.into_iter().map(|(_, q)| q));
        if self.invalid_count > MAX_LISTED {
            let count = self.invalid_count - MAX_LISTED;
            out.push(QualityIssue {
                kind: "invalid_id_number",
                kind_zh: "身份证号无效",
                value: String::new(),
                rows: Vec::new(),
                units: Vec::new(),
                detail: msg!("quality-more-invalid", count),
            });
        }
        out.extend(Self::lost_findings(self.lost, self.lost_count));
        for (id, rows) in self.named_ids.into_iter().filter(|(_, v)| v.len() > 1) {
            let strata = unit_set(rows.iter().map(|(_, _, s)| s.as_str()));
            out.push(QualityIssue {
                kind: "id_number_repeated",
                kind_zh: "身份证号重复",
                value: id,
                rows: rows.iter().map(|(l, _, _)| l.clone()).collect(),
                units: unit_set(rows.iter().map(|(_, u, _)| u.as_str())),
                detail: msg!(
                    "quality-id-repeated",
                    count = rows.len(),
                    strata = strata.join("; ")
                ),
            });
        }
        for (phone, rows) in self.named_phones.into_iter().filter(|(_, v)| v.len() > 1) {
            out.push(QualityIssue {
                kind: "phone_shared",
                kind_zh: "电话号码共用",
                value: phone,
                units: unit_set(rows.iter().map(|(_, u)| u.as_str())),
                detail: msg!("quality-phone-shared", count = rows.len()),
                rows: exact(rows.into_iter().map(|(l, _)| l)),
            });
        }
        out
    }
}

/// The report written beside a sample, and the content digest its manifest records:
/// one stratum per unit and kind of finding (a finding whose rows lie in two units
/// counts in both), over its value masked under `policy`, rows and English detail, so
/// the digest is the same whatever the report's language. The report and its digest name each file
/// by `name_file` (relative to the output's folder, as the manifest does), so neither
/// depends on how the roster's path was spelled on the command line.
pub fn written_report(
    issues: &mut [QualityIssue],
    policy: &MaskPolicy,
    name_file: &dyn Fn(&str) -> String,
) -> (OutputTable, ContentDigest) {
    for issue in issues.iter_mut() {
        issue.value = policy.mask_id_cell(&issue.value);
        for loc in &mut issue.rows {
            if let Some(f) = &loc.file {
                loc.file = Some(name_file(f));
            }
        }
    }
    let content = ContentDigest::of(issues.iter().flat_map(|q| {
        let rows: Vec<String> = q.rows.iter().map(|l| l.to_string()).collect();
        let fields = vec![
            q.value.clone(),
            rows.join(" "),
            q.detail.render_in(Lang::En),
        ];
        let units: Vec<&str> = match q.units.as_slice() {
            [] => vec![""],
            units => units.iter().map(String::as_str).collect(),
        };
        units
            .into_iter()
            .map(move |u| (u.to_string(), q.kind, fields.clone()))
    }));
    (report_table(issues), content)
}

/// The report as a table, one row per finding.
pub fn report_table(issues: &[QualityIssue]) -> OutputTable {
    let rows = issues
        .iter()
        .map(|i| {
            let rows: Vec<String> = i
                .rows
                .iter()
                .map(|l| {
                    format!(
                        "{}:{}",
                        l.file.as_deref().unwrap_or(""),
                        l.row.map(|r| r.to_string()).unwrap_or_default()
                    )
                })
                .collect();
            vec![
                Cell::label(i.kind, i.kind_zh),
                Cell::Text(i.units.join("; ")),
                Cell::Text(i.value.clone()),
                Cell::Text(rows.join(" ")),
                Cell::label(i.detail.render_in(Lang::En), i.detail.render_in(Lang::Zh)),
            ]
        })
        .collect();
    OutputTable {
        sheet: "数据质量".to_string(),
        columns: vec![
            ColumnSpec::new("issue", "问题", ColumnKind::Text),
            ColumnSpec::new("unit", "单位", ColumnKind::Text),
            ColumnSpec::new("value", "号码（已遮蔽）", ColumnKind::Text),
            ColumnSpec::new("rows", "所在行", ColumnKind::Text),
            ColumnSpec::new("detail", "说明", ColumnKind::Text),
        ],
        rows,
        choices: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_number_typed_with_spaces_quotes_or_a_times_sign_is_the_same_number() {
        let plain = "37011219440623701X";
        for typed in [
            "370112 19440623 701X",
            "370112-19440623-701X",
            "'37011219440623701X",
            "=\"37011219440623701X\"",
            "\"37011219440623701X\"",
            "37011219440623701×",
            "370112\n19440623701x",
            "３７０１１２19440623701X",
        ] {
            assert_eq!(id_number_key(typed).as_deref(), Some(plain), "{typed}");
        }
        assert_eq!(id_number_key(plain).as_deref(), Some(plain));
    }

    #[test]
    fn id_repeat_hash_ignores_case_and_spreads_ids_apart() {
        for id in [
            "",
            "a",
            "DG001",
            "QS0000001xyzABC",
            "城关镇-0001",
            "ABCDEFGHIJKLMNOPQ",
        ] {
            assert_eq!(
                id_repeat_hash(id),
                id_repeat_hash(&id.to_ascii_lowercase()),
                "{id}"
            );
        }
        assert_ne!(id_repeat_hash("DG001"), id_repeat_hash("DG002"));
        // Ids as rosters number them: not one collision among two million.
        let mut seen = std::collections::HashSet::new();
        for i in 0..1_000_000u32 {
            assert!(
                seen.insert(id_repeat_hash(&format!("QS{i:07}"))),
                "QS{i:07}"
            );
            assert!(seen.insert(id_repeat_hash(&format!("{i}"))), "{i}");
        }
    }

    #[test]
    fn the_letter_e_is_found_at_any_place() {
        let others = b"0123456789XxDdFf-+. \xff\x85";
        for len in 0..40 {
            let plain: Vec<u8> = (0..len).map(|i| others[i % others.len()]).collect();
            assert!(!has_letter_e(&plain), "{len}");
            for at in 0..len {
                for e in [b'e', b'E'] {
                    let mut with = plain.clone();
                    with[at] = e;
                    assert!(has_letter_e(&with), "{len} {at}");
                }
            }
        }
    }

    #[test]
    fn cells_excel_stored_as_numbers_lose_digits_and_show_no_more_than_a_mask() {
        for cell in ["1.38123E+10", " 1.10105e+17 ", "9.90522E+17", "1E+10"] {
            assert!(digits_lost(cell), "{cell}");
            assert!(id_number_key(cell).is_none() && phone_number_key(cell).is_none());
        }
        for cell in [
            "13812345678",
            "11010119900307123X",
            "1e3",
            "E+10",
            "inf",
            "138e",
        ] {
            assert!(!digits_lost(cell), "{cell}");
        }
        assert_eq!(lost_shape("1.38123E+10"), "1.38***E+10");
        assert_eq!(lost_shape("-9.90522e+17"), "-9.90***e+17");
    }

    #[test]
    fn phone_keys() {
        assert_eq!(phone_key("138 1234 5678"), "13812345678");
        assert_eq!(phone_key("+86 138-1234-5678"), "13812345678");
        assert_eq!(phone_key("0731-1234567"), "07311234567");
        for raw in [
            "13812345678",
            "+8613812345678",
            "8613812345678",
            "123",
            " 1381234567 ",
        ] {
            assert_eq!(
                phone_number_key(raw).map(Cow::into_owned),
                Some(phone_key(raw)).filter(|p| p.len() >= 7),
                "{raw:?}"
            );
        }
    }
}
