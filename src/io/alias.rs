//! The one alias table for headers and category labels, Chinese and English, so that
//! 乡镇, 被评单位 and unit name one column and 农村低保 and rural_dibao one stratum.

use std::cmp::Ordering;
use std::fmt;

use super::table::Cell;
use super::text::{clean, match_key, visible};

/// A column pingyi knows by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Unit,
    Category,
    Count,
    Sd,
    P,
    Cost,
    SampleSize,
    Quota,
    Serial,
    Notes,
    Total,
}

impl Field {
    /// The canonical English header.
    pub fn key(self) -> &'static str {
        match self {
            Field::Unit => "unit",
            Field::Category => "category",
            Field::Count => "count",
            Field::Sd => "sd",
            Field::P => "p",
            Field::Cost => "cost",
            Field::SampleSize => "sample_size",
            Field::Quota => "quota",
            Field::Serial => "serial",
            Field::Notes => "notes",
            Field::Total => "total",
        }
    }

    /// The usual Chinese header.
    pub fn zh(self) -> &'static str {
        self.aliases()[0]
    }

    /// Every header that names this field, the usual Chinese one first.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Unit => &[
                "单位",
                "被评单位",
                "被评议单位",
                "单位名称",
                "乡镇",
                "乡(镇)",
                "乡(镇、场)",
                "乡镇(场)",
                "乡镇场",
                "乡镇名称",
                "乡镇街道",
                "乡(镇、街道)",
                "县区",
                "县(区)",
                "县市区",
                "区县",
                "县(市、区)",
                "民政所",
                "被评民政所",
                "unit",
                "unit_name",
                "township",
                "county",
            ],
            Field::Category => &[
                "类别",
                "服务对象类别",
                "对象类别",
                "类型",
                "项目",
                "民生工程",
                "category",
                "stratum",
            ],
            Field::Count => &[
                "人数",
                "数量",
                "对象人数",
                "服务对象人数",
                "服务对象数量",
                "人口",
                "count",
                "population",
                "size",
            ],
            Field::Sd => &["标准差", "sd", "std", "stddev"],
            Field::P => &["比例", "预期比例", "p", "proportion"],
            Field::Cost => &["成本", "单位成本", "调查成本", "费用", "cost"],
            Field::SampleSize => &[
                "样本量",
                "样本数",
                "样本容量",
                "抽样数",
                "抽样人数",
                "sample_size",
                "sample size",
            ],
            Field::Quota => &["配额", "定额", "quota"],
            Field::Serial => &["序号", "编号", "序", "no", "no.", "#", "serial"],
            Field::Notes => &[
                "备注", "说明", "notes", "note", "remark", "remarks", "comment",
            ],
            Field::Total => &["合计", "总计", "小计", "共计", "总数", "total", "sum"],
        }
    }

    /// Every field.
    pub const ALL: [Field; 11] = [
        Field::Unit,
        Field::Category,
        Field::Count,
        Field::Sd,
        Field::P,
        Field::Cost,
        Field::SampleSize,
        Field::Quota,
        Field::Serial,
        Field::Notes,
        Field::Total,
    ];

    /// The field a header names, if any. Units written after the name in brackets
    /// ("人数（人）") are ignored.
    pub fn from_header(header: &str) -> Option<Field> {
        let header = visible(header);
        let header = header.as_ref();
        let key = match_key(header);
        let stripped = match_key(&strip_trailing_brackets(&clean(header)));
        [key, stripped].iter().find_map(|k| {
            Field::ALL
                .into_iter()
                .find(|f| f.aliases().iter().any(|a| match_key(a) == *k))
        })
    }
}

/// "人数（人）" → "人数"; "乡(镇、场)" stays as it is when nothing precedes the bracket.
fn strip_trailing_brackets(s: &str) -> String {
    let s = s.replace('（', "(").replace('）', ")");
    match s.find('(') {
        Some(i) if i > 0 && s.ends_with(')') => s[..i].to_string(),
        _ => s,
    }
}

/// True when a cell is a totals label (合计, 总计, 全县合计, Total …).
pub fn is_total_label(cell: &str) -> bool {
    let key = match_key(&visible(cell));
    if key.is_empty() {
        return false;
    }
    let body = key
        .strip_prefix("全县")
        .or_else(|| key.strip_prefix("全市"))
        .or_else(|| key.strip_prefix("全区"))
        .or_else(|| key.strip_prefix("全省"))
        .unwrap_or(&key);
    Field::Total.aliases().iter().any(|a| match_key(a) == body) || body == "grandtotal"
}

/// True when a cell starts the notes under a table (注：…, 填表人：…, 说明 …).
pub fn is_notes_label(cell: &str) -> bool {
    const MARKERS: [&str; 14] = [
        "注",
        "说明",
        "备注",
        "填表",
        "填报人",
        "制表",
        "审核",
        "负责人",
        "单位负责人",
        "联系人",
        "联系电话",
        "填报日期",
        "note",
        "*",
    ];
    let key = match_key(&visible(cell));
    MARKERS.iter().any(|m| key.starts_with(m))
}

/// The five categories named in the plan, in the plan's order: (key, Chinese label,
/// aliases).
pub const KNOWN_CATEGORIES: [(&str, &str, &[&str]); 5] = [
    (
        "rural_dibao",
        "农村低保",
        &[
            "农村低保",
            "农村最低生活保障",
            "农村最低生活保障对象",
            "农村低保对象",
            "农村低保户",
            "rural_dibao",
            "rural minimum living guarantee",
        ],
    ),
    (
        "urban_dibao",
        "城市低保",
        &[
            "城市低保",
            "城市最低生活保障",
            "城市最低生活保障对象",
            "城市低保对象",
            "城市低保户",
            "城镇低保",
            "城镇最低生活保障",
            "urban_dibao",
            "urban minimum living guarantee",
        ],
    ),
    (
        "five_guarantee",
        "五保",
        &[
            "五保",
            "农村五保",
            "农村五保供养",
            "五保供养",
            "五保户",
            "五保对象",
            "特困供养",
            "特困人员",
            "特困供养人员",
            "农村五保(特困)供养",
            "five_guarantee",
        ],
    ),
    (
        "special_care",
        "优抚",
        &[
            "优抚",
            "优抚对象",
            "优待抚恤",
            "优待抚恤对象",
            "special_care",
        ],
    ),
    (
        "charity",
        "慈善",
        &[
            "慈善",
            "慈善救助",
            "社会慈善",
            "社会慈善事业受益对象",
            "慈善受益对象",
            "charity",
        ],
    ),
];

/// A stratum's category: one of the plan's five under a canonical key, or any other
/// label as typed (cleaned). Ordered by the plan's order, then others by label.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Category {
    key: String,
    rank: usize,
}

impl Category {
    /// The category a label names. Characters that print as nothing are ignored, so
    /// "农村低保\u{200b}" is 农村低保 and not a sixth category that prints like it.
    pub fn from_label(label: &str) -> Category {
        let label = visible(label);
        let label = label.as_ref();
        static ALIASES: std::sync::OnceLock<std::collections::HashMap<String, usize>> =
            std::sync::OnceLock::new();
        let aliases = ALIASES.get_or_init(|| {
            KNOWN_CATEGORIES
                .iter()
                .enumerate()
                .flat_map(|(rank, (_, _, names))| names.iter().map(move |a| (match_key(a), rank)))
                .collect()
        });
        match aliases.get(&match_key(label)) {
            Some(&rank) => Category {
                key: KNOWN_CATEGORIES[rank].0.to_string(),
                rank,
            },
            None => Category {
                key: clean(label),
                rank: KNOWN_CATEGORIES.len(),
            },
        }
    }

    /// True for the five categories the plan names.
    pub fn is_known(&self) -> bool {
        self.rank < KNOWN_CATEGORIES.len()
    }

    /// The canonical key (`rural_dibao`) or the label as typed for other categories.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The Chinese label (农村低保), or the label as typed for other categories.
    pub fn zh(&self) -> &str {
        KNOWN_CATEGORIES
            .get(self.rank)
            .map(|(_, zh, _)| *zh)
            .unwrap_or(&self.key)
    }

    /// The label in the requested language.
    pub fn label(&self, lang: crate::io::Lang) -> &str {
        match lang {
            crate::io::Lang::En => self.key(),
            crate::io::Lang::Zh => self.zh(),
        }
    }
}

impl Ord for Category {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.rank, &self.key).cmp(&(other.rank, &other.key))
    }
}

impl PartialOrd for Category {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key)
    }
}

/// A category as an output cell: canonical key in English, label in Chinese.
pub fn category_cell(c: &Category) -> Cell {
    Cell::Label {
        en: c.key().to_string(),
        zh: c.zh().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_chinese_and_english() {
        assert_eq!(Field::from_header("乡镇"), Some(Field::Unit));
        assert_eq!(Field::from_header(" 被评单位 "), Some(Field::Unit));
        assert_eq!(Field::from_header("乡（镇、场）"), Some(Field::Unit));
        assert_eq!(Field::from_header("Unit"), Some(Field::Unit));
        assert_eq!(Field::from_header("人数（人）"), Some(Field::Count));
        assert_eq!(Field::from_header("服务对象类别"), Some(Field::Category));
        assert_eq!(Field::from_header("Sample Size"), Some(Field::SampleSize));
        assert_eq!(Field::from_header("农村低保"), None);
    }

    #[test]
    fn category_labels_name_one_stratum() {
        let a = Category::from_label("农村低保");
        assert_eq!(a, Category::from_label("农村最低生活保障"));
        assert_eq!(a, Category::from_label("Rural_Dibao"));
        assert_eq!(a.key(), "rural_dibao");
        assert_eq!(Category::from_label("特困供养").zh(), "五保");
        assert_eq!(a, Category::from_label("农村低保\u{200b}"));
        assert_eq!(
            Category::from_label("临时救助\u{2060}"),
            Category::from_label("临时救助")
        );
        let other = Category::from_label(" 临时救助 ");
        assert_eq!(other.key(), "临时救助");
        assert!(a < other);
    }

    #[test]
    fn totals_and_notes() {
        assert!(is_total_label("合 计"));
        assert!(is_total_label("全县合计"));
        assert!(is_total_label("Total"));
        assert!(is_total_label("合计\u{200b}"));
        assert_eq!(Field::from_header("\u{200b}乡镇"), Some(Field::Unit));
        assert!(!is_total_label("城关镇"));
        assert!(is_notes_label("注：数据截至6月"));
        assert!(is_notes_label("填表人：李明"));
        assert!(!is_notes_label("城关镇"));
    }
}
