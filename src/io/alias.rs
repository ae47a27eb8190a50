//! The one alias table for headers and category labels, Chinese and English, so that
//! 乡镇, 被评单位 and unit name one column and 农村低保 and rural_dibao one stratum.

use std::cmp::Ordering;
use std::fmt;

use super::table::Cell;
use super::text::{clean, match_key, visible};

/// A column pingyi knows by meaning. Which fields a table may have depends on its kind
/// ([`Input`]): 编号 is a count table's serial number but a roster's recipient id.
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
    /// A recipient's (or respondent's) own id.
    Id,
    /// A survey respondent's id, where the table calls them so (受访者): only
    /// responses take it, as a call log's 受访者 may be the name of who answered.
    Respondent,
    /// A resident ID number.
    IdNumber,
    Phone,
    /// A frame's stratum population.
    Population,
    /// A frame's main sample size.
    Sample,
    /// A frame's reserve count.
    Reserve,
    /// A sample's rank within its stratum.
    StratumRank,
    /// A sample's role: main or reserve.
    Role,
    /// A sample's design weight.
    Weight,
    /// Whether a reserve was used.
    Used,
    /// A checklist's audit number.
    AuditNo,
    /// A checklist's result: genuine, false or unverifiable.
    AuditResult,
    Verifier,
    /// A verifier's notes on a checklist row. Only the checklist's own spellings: the
    /// checklist carries the roster's columns too, and a roster's 说明 or remark column
    /// is not the verifier's.
    AuditNotes,
    /// The date a checklist row was checked.
    Date,
    /// A call's outcome.
    Disposition,
    /// The overall satisfaction answer (q1).
    Satisfaction,
    /// The misconduct answer (q2).
    Misconduct,
    /// A unit's inspection score.
    Inspection,
    /// The false recipients found in a unit.
    FalseFound,
    /// Why a unit is disqualified.
    Reason,
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
            Field::Id => "id",
            Field::Respondent => "respondent",
            Field::IdNumber => "id_number",
            Field::Phone => "phone",
            Field::Population => "population",
            Field::Sample => "sample",
            Field::Reserve => "reserve",
            Field::StratumRank => "stratum_rank",
            Field::Role => "role",
            Field::Weight => "weight",
            Field::Used => "used",
            Field::AuditNo => "audit_no",
            Field::AuditResult => "result",
            Field::Verifier => "verifier",
            Field::AuditNotes => "notes",
            Field::Date => "date",
            Field::Disposition => "disposition",
            Field::Satisfaction => "satisfaction",
            Field::Misconduct => "misconduct",
            Field::Inspection => "inspection",
            Field::FalseFound => "false_found",
            Field::Reason => "reason",
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
                "乡镇(街道)",
                "乡(镇、街道)",
                "所属乡镇",
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
                "救助类别",
                "保障类别",
                "人员类别",
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
            Field::Id => &[
                "编号",
                "id",
                "recipient_id",
                "对象编号",
                "人员编号",
                "档案编号",
                "救助证号",
                "证号",
            ],
            Field::Respondent => &["受访者编号", "受访者", "respondent"],
            Field::IdNumber => &[
                "身份证号",
                "身份证号码",
                "公民身份号码",
                "身份证",
                "证件号码",
                "id_number",
                "id_card",
            ],
            Field::Phone => &[
                "联系电话",
                "电话",
                "手机",
                "手机号",
                "手机号码",
                "电话号码",
                "联系方式",
                "phone",
                "mobile",
            ],
            Field::Population => &["总体人数", "总体", "人数", "population", "count"],
            Field::Sample => &["样本量", "样本", "sample"],
            Field::Reserve => &["备用样本", "备用", "reserve"],
            Field::StratumRank => &["层内序号", "stratum_rank"],
            Field::Role => &["样本类型", "role"],
            Field::Weight => &["权数", "weight"],
            Field::Used => &["已使用", "是否使用", "已启用", "是否启用", "启用", "used"],
            Field::AuditNo => &["核查编号", "核查号", "audit_no"],
            Field::AuditResult => &["核查结果", "结果", "result"],
            Field::Verifier => &["核查人", "verifier"],
            Field::AuditNotes => &["备注", "notes"],
            Field::Date => &["核查日期", "date"],
            Field::Disposition => &["通话结果", "访问结果", "结果", "处置", "disposition"],
            Field::Satisfaction => &[
                "满意度",
                "总体满意度",
                "总体满意度评价",
                "正向评价",
                "satisfaction",
                "q1",
            ],
            Field::Misconduct => &[
                "不良行为",
                "工作中存在不良行为",
                "不良行为评价",
                "反向评价",
                "misconduct",
                "q2",
            ],
            Field::Inspection => &[
                "检查评估",
                "检查得分",
                "交叉检查评估",
                "检查评估得分",
                "inspection",
            ],
            Field::FalseFound => &[
                "虚假",
                "虚假对象",
                "虚假服务对象",
                "虚假对象数",
                "虚假服务对象数",
                "虚假人数",
                "false",
                "false_found",
            ],
            Field::Reason => &["原因", "理由", "不合格原因", "reason"],
        }
    }

    /// The fields of a count table.
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

    /// The field a count-table header names, if any (see [`Input::field`] for the
    /// other kinds of input). Units written after the name in brackets ("人数（人）")
    /// are ignored.
    pub fn from_header(header: &str) -> Option<Field> {
        Input::Counts.field(header)
    }
}

/// A kind of table pingyi reads, each knowing the fields it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Input {
    /// A count table (`pingyi frame`'s input), in long or wide form.
    Counts,
    /// A frame written by `pingyi frame`.
    Frame,
    /// A roster of recipients.
    Roster,
    /// A sample written by `pingyi draw` (a roster with the draw's columns).
    Sample,
    /// A checklist from `pingyi audit select`, filled in.
    Checklist,
    /// A call log.
    CallLog,
    /// Survey responses.
    Responses,
    /// Inspection scores per unit.
    Inspection,
    /// False-recipient findings per unit.
    Findings,
    /// Disqualified units and why.
    Disqualified,
}

impl Input {
    /// Every kind of input.
    pub const ALL: [Input; 10] = [
        Input::Counts,
        Input::Frame,
        Input::Roster,
        Input::Sample,
        Input::Checklist,
        Input::CallLog,
        Input::Responses,
        Input::Inspection,
        Input::Findings,
        Input::Disqualified,
    ];

    /// The fields this kind of table may have, in the order a header is matched.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Input::Counts => &Field::ALL,
            Input::Frame => &[Unit, Category, Population, Sample, Reserve],
            Input::Roster => &[Unit, Category, Id, IdNumber, Phone],
            Input::Sample => &[
                Unit,
                Category,
                Id,
                IdNumber,
                Phone,
                StratumRank,
                Role,
                Weight,
                Used,
            ],
            Input::Checklist => &[AuditNo, AuditResult, Verifier, Date, AuditNotes],
            Input::CallLog => &[Unit, Id, Disposition],
            Input::Responses => &[
                Unit,
                Id,
                Respondent,
                IdNumber,
                Disposition,
                Satisfaction,
                Misconduct,
            ],
            Input::Inspection => &[Unit, Inspection],
            Input::Findings => &[Unit, Category, FalseFound],
            Input::Disqualified => &[Unit, Reason],
        }
    }

    /// The field `header` names in this kind of table, if any.
    pub fn field(self, header: &str) -> Option<Field> {
        let keys = header_keys(header);
        keys.iter().find_map(|k| {
            self.fields()
                .iter()
                .copied()
                .find(|f| f.aliases().iter().any(|a| match_key(a) == *k))
        })
    }

    /// The first two of `labels` that name one of `fields` alike (`乡镇` and `所属乡镇`),
    /// as (first, second) column indices: which one is meant would be a guess.
    pub fn named_twice<S: AsRef<str>>(
        self,
        labels: &[S],
        fields: &[Field],
    ) -> Option<(usize, usize)> {
        fields.iter().find_map(|&f| {
            let mut cols = (0..labels.len()).filter(|&c| self.field(labels[c].as_ref()) == Some(f));
            Some((cols.next()?, cols.next()?))
        })
    }

    /// Refuses a header (`labels`, the header row at `at`) that names one of `fields` in
    /// two columns: reading the first would be a guess (an old column kept beside the
    /// new, a header written twice). The message names both columns.
    pub fn refuse_named_twice<S: AsRef<str>>(
        self,
        labels: &[S],
        fields: &[Field],
        at: &crate::error::Location,
    ) -> crate::error::Result<()> {
        let Some((a, b)) = self.named_twice(labels, fields) else {
            return Ok(());
        };
        let (first, second) = (labels[a].as_ref(), labels[b].as_ref());
        Err(crate::error::Error::input(
            at.clone().at_column(second, b),
            crate::i18n::msg!(
                "input-column-twice",
                first = first.to_string(),
                first_letter = crate::error::column_letter(a),
                second = second.to_string(),
                second_letter = crate::error::column_letter(b)
            ),
        ))
    }

    /// The first of `labels` that names `field` in this kind of table.
    pub fn find<S: AsRef<str>>(self, labels: &[S], field: Field) -> Option<usize> {
        labels
            .iter()
            .position(|l| self.field(l.as_ref()) == Some(field))
    }
}

/// The header of the tally's column of checks still pending (`audit tally` writes it,
/// in English and Chinese; the score reads it back to tell a provisional score).
pub const TALLY_PENDING: [&str; 2] = ["pending", "待核"];

/// The keys a header is matched by: as written, and without a bracketed unit after it.
fn header_keys(header: &str) -> [String; 2] {
    let header = visible(header);
    let header = header.as_ref();
    [
        match_key(header),
        match_key(&strip_trailing_brackets(&clean(header))),
    ]
}

/// "人数（人）" → "人数"; "乡(镇、场)" stays as it is when nothing precedes the bracket.
fn strip_trailing_brackets(s: &str) -> String {
    let s = s.replace('（', "(").replace('）', ")");
    match s.find('(') {
        Some(i) if i > 0 && s.ends_with(')') => s[..i].to_string(),
        _ => s,
    }
}

/// True for a call result that reads either way: 查无此人 (no such person) is a number
/// that reached someone else (空号/号码错误) or a recipient who does not exist
/// (非服务对象, which costs the unit 0.5 points): the interviewer must say which.
pub fn ambiguous_call(text: &str) -> bool {
    let key = match_key(text);
    ["查无此人", "无此人", "查无此人员", "no such person"]
        .iter()
        .any(|n| match_key(n) == key)
}

/// True when a cell is a totals label (合计, 总计, 全县合计, Total …), also written
/// with a colon or a unit after it (合计：, 合计（人）), as a summing word (汇总, 累计,
/// 合计数), for the whole county or city (全县, 本县, 青石县合计, 全县汇总), or any label
/// that ends in a summing word (乡镇合计, 各乡镇合计, 全部合计, 街道总计, 总和): no
/// unit's name ends so, and a totals row read as a unit would double the population;
/// also one that starts with 合计 or 总计 (合计15个).
pub fn is_total_label(cell: &str) -> bool {
    const WHOLE: [&str; 8] = [
        "全县", "全市", "全区", "全省", "全旗", "本县", "本市", "本区",
    ];
    const SUMMING: [&str; 7] = [
        "汇总",
        "累计",
        "合计数",
        "总合计",
        "grandtotal",
        "总数",
        "合计人数",
    ];
    const ENDS: [&str; 6] = ["合计", "总计", "汇总", "累计", "总和", "共计"];
    let key = match_key(&strip_trailing_brackets(&match_key(cell)));
    let key = key.trim_end_matches([':', '：']);
    if key.is_empty() {
        return false;
    }
    if WHOLE.contains(&key) {
        return true;
    }
    let body = WHOLE
        .iter()
        .find_map(|w| key.strip_prefix(w))
        .unwrap_or(key);
    let ends_summing = ENDS.iter().any(|e| key.ends_with(e))
        || ["合计", "总计"].iter().any(|e| key.starts_with(e));
    Field::Total.aliases().iter().any(|a| match_key(a) == body)
        || SUMMING.contains(&body)
        || ends_summing
        || is_subtotal_label(cell)
}

/// True when a cell labels a subtotal: 小计, or a group's (东片小计, Subtotal).
/// Whether a unit cell names a summary row that is no unit and no total: an average,
/// a highest or lowest value (平均, 平均值, 最高, average …).
pub fn is_summary_label(cell: &str) -> bool {
    const SUMMARY: [&str; 13] = [
        "平均",
        "平均数",
        "平均值",
        "平均分",
        "均值",
        "最高",
        "最低",
        "最大值",
        "最小值",
        "average",
        "mean",
        "max",
        "min",
    ];
    let key = match_key(&visible(cell));
    let body = ["全县", "全市", "全区"]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(&key);
    SUMMARY.iter().any(|s| match_key(s) == body)
}

pub fn is_subtotal_label(cell: &str) -> bool {
    let key = match_key(&visible(cell));
    key.ends_with("小计") || key == "subtotal"
}

/// The units a count is written in after a category, in brackets: 农村低保（人）,
/// 城市低保(户), 五保（单位：人）.
const COUNT_UNITS: [&str; 8] = [
    "人",
    "户",
    "人数",
    "户数",
    "名",
    "人次",
    "单位:人",
    "单位:户",
];

/// `label` without a count's unit in brackets after it; as it is otherwise.
fn without_count_unit(label: &str) -> String {
    let label = clean(&visible(label));
    let Some(inner) = label.strip_suffix(')') else {
        return label;
    };
    match inner.rfind('(') {
        Some(i) if i > 0 && COUNT_UNITS.contains(&match_key(&inner[i + 1..]).as_str()) => {
            inner[..i].trim().to_string()
        }
        _ => label,
    }
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

/// True when a row under a table's header starts the notes under it: its first filled
/// cell a notes label ([`is_notes_label`]) and its unit cell (column `unit`) empty or
/// that same cell. A note is usually one cell (注：…) on a line of its own.
pub fn is_notes_row<S: AsRef<str>>(cells: &[S], unit: usize) -> bool {
    let seen = |c: &S| clean(&visible(c.as_ref()));
    let Some(first) = cells.iter().map(seen).find(|c| !c.is_empty()) else {
        return false;
    };
    let unit = cells.get(unit).map(seen).unwrap_or_default();
    is_notes_label(&first) && (unit.is_empty() || unit == first)
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

    /// The category a count table names, in a column header of the wide form or a
    /// category cell of the long form alike: as [`Category::from_label`], a count's
    /// unit in brackets after it left out (农村低保（人）, 城市低保(户), 五保 （人）);
    /// any other bracket stays part of the label (五保(集中)).
    pub fn from_header(label: &str) -> Category {
        Category::from_label(&without_count_unit(label))
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
    Cell::label(c.key(), c.zh())
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
    fn no_spelling_names_two_fields_of_one_kind_of_input() {
        for kind in Input::ALL {
            let mut seen: std::collections::HashMap<String, Field> = Default::default();
            for &field in kind.fields() {
                for alias in field.aliases() {
                    let key = match_key(alias);
                    if let Some(other) = seen.insert(key, field) {
                        assert_eq!(
                            other, field,
                            "{kind:?}: {alias} names {other:?} and {field:?}"
                        );
                    }
                    assert_eq!(kind.field(alias), Some(field), "{kind:?}: {alias}");
                }
            }
        }
    }

    #[test]
    fn one_spelling_can_mean_different_fields_in_different_inputs() {
        assert_eq!(Input::Counts.field("编号"), Some(Field::Serial));
        assert_eq!(Input::Roster.field("编号"), Some(Field::Id));
        assert_eq!(Input::CallLog.field("人员编号"), Some(Field::Id));
        assert_eq!(Input::Responses.field("人员编号"), Some(Field::Id));
        assert_eq!(Input::Roster.field("乡镇（街道）"), Some(Field::Unit));
        assert_eq!(Input::Roster.field("所属乡镇"), Some(Field::Unit));
        assert_eq!(Input::Roster.field("保障类别"), Some(Field::Category));
        assert_eq!(Input::Roster.field("公民身份号码"), Some(Field::IdNumber));
        assert_eq!(Input::Roster.field("联系方式"), Some(Field::Phone));
        assert_eq!(Input::CallLog.field("受访者"), None);
        assert_eq!(Input::Frame.field("人数"), Some(Field::Population));
        assert_eq!(Input::Counts.field("人数"), Some(Field::Count));
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
    fn a_count_unit_in_brackets_after_a_category_header_is_left_out() {
        let rural = Category::from_label("农村低保");
        for h in [
            "农村低保（人）",
            "农村低保(户)",
            "农村低保 （人）",
            "农村低保（单位：人）",
        ] {
            assert_eq!(Category::from_header(h), rural, "{h}");
        }
        assert_eq!(Category::from_header("临时救助（人）").key(), "临时救助");
        // Brackets that are no count's unit stay part of the label.
        assert_eq!(Category::from_header("五保(集中)").key(), "五保(集中)");
        assert_eq!(Category::from_header("(人)").key(), "(人)");
        assert!(is_subtotal_label("小计") && is_subtotal_label("东片 小计"));
        assert!(is_total_label("东片小计") && !is_subtotal_label("合计"));
    }

    #[test]
    fn totals_and_notes() {
        assert!(is_total_label("合 计"));
        assert!(is_total_label("全县合计"));
        assert!(is_total_label("Total"));
        assert!(is_total_label("合计\u{200b}"));
        assert_eq!(Field::from_header("\u{200b}乡镇"), Some(Field::Unit));
        assert!(!is_total_label("城关镇"));
        for total in [
            "合计：",
            "合计:",
            "合计（人）",
            "汇总",
            "全县",
            "县合计",
            "青石县合计",
            "全县汇总",
            "累计",
            "本县合计",
            "合计数",
            "本县",
            "全市总计",
            "某某区合计",
        ] {
            assert!(is_total_label(total), "{total}");
        }
        for unit in [
            "城区",
            "新区",
            "青石县",
            "汇泉乡",
            "累山镇",
            "城关镇（街道）",
            "全福镇",
        ] {
            assert!(!is_total_label(unit), "{unit}");
        }
        assert!(is_notes_label("注：数据截至6月"));
        assert!(is_notes_label("填表人：李明"));
        assert!(!is_notes_label("城关镇"));
    }
}
