//! Traditional characters read as their simplified forms, so that a unit written
//! `城關鎮` and one written `城关镇` have one key. Only characters that simplified text
//! never uses are mapped (the table in `traditional.txt`): a name in simplified
//! characters keeps its key.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table: comment lines, then traditional and simplified characters in pairs.
const TABLE: &str = include_str!("traditional.txt");

/// Every pair of the table, traditional first, in the table's order.
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    TABLE.lines().filter(|l| !l.starts_with('#')).flat_map(|l| {
        let chars: Vec<char> = l.chars().collect();
        chars
            .chunks_exact(2)
            .map(|p| (p[0], p[1]))
            .collect::<Vec<_>>()
    })
}

/// The simplified form of each traditional character of the table.
fn simplified_of() -> &'static HashMap<char, char> {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| pairs().collect())
}

/// `s` with every traditional character of the table made simplified; borrowed when it
/// has none (every name without Han characters, and every name in simplified ones).
pub fn to_simplified(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let map = simplified_of();
    if !s.chars().any(|c| map.contains_key(&c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True for a Han character of GB 2312, the simplified character set (GBK's rows
    /// 0xB0–0xF7, cells 0xA1–0xFE).
    fn in_gb2312(c: char) -> bool {
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
        !unmappable
            && bytes.len() == 2
            && (0xB0..=0xF7).contains(&bytes[0])
            && (0xA1..=0xFE).contains(&bytes[1])
    }

    #[test]
    fn only_characters_simplified_text_never_uses_are_mapped() {
        let pairs: Vec<(char, char)> = pairs().collect();
        assert!(pairs.len() > 1500, "{}", pairs.len());
        for (t, s) in &pairs {
            assert!(!in_gb2312(*t), "{t} is a simplified character");
            assert!(in_gb2312(*s), "{s} is not a simplified character");
        }
        let sources: std::collections::HashSet<char> = pairs.iter().map(|p| p.0).collect();
        assert_eq!(sources.len(), pairs.len(), "a character mapped twice");
    }

    #[test]
    fn place_and_office_names_in_traditional_characters() {
        for (t, s) in [
            ("城關鎮", "城关镇"),
            ("鳳凰鄉", "凤凰乡"),
            ("東城區街道辦事處", "东城区街道办事处"),
            ("龍華縣民政局", "龙华县民政局"),
            ("黃嶺灣社區", "黄岭湾社区"),
        ] {
            assert_eq!(to_simplified(t), s);
        }
        for name in ["城关镇", "乾县", "於潜镇", "Chengguan", "后沟村"] {
            assert!(matches!(to_simplified(name), std::borrow::Cow::Borrowed(_)));
        }
    }
}
