//! The draw as one SQL query, for DuckDB or Spark: the same ids, units and categories
//! as pingyi reads them, the same tickets (their first 18 digits) and the same n + r
//! smallest per stratum, so a roster too large to move can be drawn where it lies.
//! See docs/ALGORITHM.md, "The same draw in SQL".

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::frame::FrameRow;

use super::ticket::{ALGORITHM, ID_NORMALIZATION, Seed};

/// The SQL engine a query is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    DuckDb,
    Spark,
}

impl Dialect {
    /// The name used on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Spark => "spark",
        }
    }

    /// The engine's own name, for the query's header.
    pub fn title(self) -> &'static str {
        match self {
            Dialect::DuckDb => "DuckDB",
            Dialect::Spark => "Spark",
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Dialect {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Dialect, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "duckdb" => Ok(Dialect::DuckDb),
            "spark" => Ok(Dialect::Spark),
            other => Err(format!(
                "unknown SQL dialect '{other}'; use duckdb or spark"
            )),
        }
    }
}

/// A roster file the query reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterFile {
    /// The path as the engine should open it.
    pub path: String,
    /// The 1-based row of the header (rows above it are titles); DuckDB skips the rows
    /// above it in a CSV file.
    pub header_row: usize,
}

/// Where the roster's rows come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// Roster files: DuckDB reads them itself (read_csv, read_xlsx or read_parquet by
    /// extension, every column as text); Spark reads the view `roster`, which the
    /// query's header tells how to register.
    Files(Vec<RosterFile>),
    /// A table, view or table function, written into the query as given.
    Table(String),
}

/// The roster a query draws from: the relation and its column names as in its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlSource {
    pub relation: Relation,
    /// The id, unit and category columns.
    pub id: String,
    pub unit: String,
    pub category: String,
    /// Every roster column, carried into the result in this order (empty names are
    /// left out).
    pub columns: Vec<String>,
}

/// Rust's `char::is_whitespace` (Unicode White_Space), which `trim` and `match_key`
/// use; a unit test checks the list against the standard library.
const WHITESPACE: [char; 25] = [
    '\u{9}', '\u{A}', '\u{B}', '\u{C}', '\u{D}', ' ', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200A}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}',
];

/// Any full-width ASCII form or the ideographic space (what `to_half_width` changes).
const FULL_WIDTH_RE: &str = r"[\x{FF01}-\x{FF5E}\x{3000}]";
/// A resident ID number whose check character is a lower-case x.
const ID_NUMBER_X_RE: &str = r"\A[0-9]{17}x\z";

const TEN_18: u128 = 1_000_000_000_000_000_000;

/// 2^192, 2^128 and 2^64 modulo 10^18: a digest's four 64-bit limbs times these, summed,
/// are the digest modulo 10^18 (times 1 for the last limb).
fn limb_factors() -> [u128; 3] {
    let c1 = (1u128 << 64) % TEN_18;
    let c2 = c1 * c1 % TEN_18;
    let c3 = c2 * c1 % TEN_18;
    [c3, c2, c1]
}

/// The regular-expression class of a set of characters (RE2 and Java both read it):
/// runs of three or more as ranges.
fn char_class(chars: &[char]) -> String {
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
fn trim_re() -> String {
    let ws = char_class(&WHITESPACE);
    format!(r"\A[{ws}\x{{FEFF}}]+|[{ws}\x{{FEFF}}]+\z")
}

/// What `unit_key` removes anywhere in a name: the characters that print as nothing
/// (`crate::io::text::is_invisible`).
fn invisible_re() -> String {
    let chars: Vec<char> = (0..=0xFFFFu32)
        .filter_map(char::from_u32)
        .filter(|c| crate::io::text::is_invisible(*c))
        .collect();
    format!("[{}]", char_class(&chars))
}

/// `unit_key`'s last step on a cleaned `expr`: inner runs of white space become one space.
fn collapse_space_sql(dialect: Dialect, expr: &str) -> String {
    let p = literal(dialect, &format!("[{}]+", char_class(&WHITESPACE)));
    match dialect {
        Dialect::Spark => format!("regexp_replace({expr}, {p}, ' ')"),
        Dialect::DuckDb => format!("regexp_replace({expr}, {p}, ' ', 'g')"),
    }
}

/// What `match_key` drops: white space, underscores and hyphens.
fn drop_re() -> String {
    format!(r"[{}_\-]", char_class(&WHITESPACE))
}

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
fn literal(dialect: Dialect, s: &str) -> String {
    match dialect {
        Dialect::Spark => {
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
        Dialect::DuckDb => {
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
    }
}

/// A quoted identifier: DuckDB `"…"`, Spark `` `…` ``, the quote doubled inside.
fn ident(dialect: Dialect, name: &str) -> String {
    let q = match dialect {
        Dialect::DuckDb => "\"",
        Dialect::Spark => "`",
    };
    format!("{q}{}{q}", name.replace(q, &format!("{q}{q}")))
}

/// Text for a comment line: invisible characters (line breaks among them) as \u{XXXX}.
fn comment(s: &str) -> String {
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

/// `expr` with every match of `pattern` removed.
fn replace_sql(dialect: Dialect, expr: &str, pattern: &str) -> String {
    let p = literal(dialect, pattern);
    match dialect {
        Dialect::Spark => format!("regexp_replace({expr}, {p}, '')"),
        Dialect::DuckDb => format!("regexp_replace({expr}, {p}, '', 'g')"),
    }
}

/// `to_half_width` and the second trim of `clean`, on a trimmed `expr`; only rows with
/// a full-width form are translated (DuckDB's translate is slow with long maps).
fn half_width_sql(dialect: Dialect, expr: &str) -> String {
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

/// The relation's text, and for Spark reading files, the header line that says how
/// to register them.
fn relation_sql(dialect: Dialect, relation: &Relation) -> (String, Option<String>) {
    let files = match relation {
        Relation::Table(name) => return (name.clone(), None),
        Relation::Files(files) => files,
    };
    if dialect == Dialect::Spark {
        let hint = match files.as_slice() {
            [one] => format!(
                "-- first register the roster as the view roster: CREATE OR REPLACE TEMPORARY \
                 VIEW roster USING csv OPTIONS (path {}, header 'true', escape '\"')",
                comment(&literal(dialect, &one.path))
            ),
            _ => {
                let names: Vec<String> = files.iter().map(|f| comment(&f.path)).collect();
                format!(
                    "-- first register the rosters {} together as the view roster",
                    names.join(", ")
                )
            }
        };
        return ("roster".to_string(), Some(hint));
    }
    let readers: Vec<String> = files
        .iter()
        .map(|f| {
            let path = literal(dialect, &f.path);
            let lower = f.path.to_lowercase();
            if lower.ends_with(".xlsx") {
                format!("read_xlsx({path}, header = true, all_varchar = true)")
            } else if lower.ends_with(".parquet") {
                format!("read_parquet({path})")
            } else if f.header_row > 1 {
                format!(
                    "read_csv({path}, header = true, all_varchar = true, skip = {})",
                    f.header_row - 1
                )
            } else {
                format!("read_csv({path}, header = true, all_varchar = true)")
            }
        })
        .collect();
    let text = match readers.as_slice() {
        [one] => one.clone(),
        _ => {
            let selects: Vec<String> = readers
                .iter()
                .map(|r| format!("SELECT * FROM {r}"))
                .collect();
            format!("({})", selects.join(" UNION ALL BY NAME "))
        }
    };
    (text, None)
}

/// The draw of `frame` with `seed` from `source`, as one SQL query for `dialect`.
///
/// The query returns the roster's columns (`source.columns`), then `stratum_unit`,
/// `stratum_category` (pingyi's category key), `normalized_id`, `stratum_rank`, `role`
/// (`main` or `reserve`), `ticket_prefix` (the ticket's first 18 digits) and
/// `prefix_ties` (how many other records of the stratum share those digits; 0 unless
/// the query may differ from pingyi), sorted as pingyi sorts its sample. It does not
/// repeat pingyi's checks of the roster.
pub fn emit_sql(
    dialect: Dialect,
    frame: &[FrameRow],
    seed: &Seed,
    source: &SqlSource,
) -> Result<String> {
    if frame.is_empty() {
        return Err(Error::Usage(
            "the frame has no strata; there is nothing to draw".into(),
        ));
    }
    for (what, name) in [
        ("id", &source.id),
        ("unit", &source.unit),
        ("category", &source.category),
    ] {
        if name.is_empty() {
            return Err(Error::Usage(format!(
                "the roster's {what} column has no name; the SQL refers to columns by name"
            )));
        }
    }
    if let Relation::Files(files) = &source.relation
        && files.is_empty()
    {
        return Err(Error::Usage("give at least one --roster".into()));
    }
    let s = crate::io::digest::sha256_hex(seed.as_str().as_bytes());
    let lit = |x: &str| literal(dialect, x);
    let q = |x: &str| ident(dialect, x);
    let (relation, register) = relation_sql(dialect, &source.relation);
    let sample: u64 = frame.iter().map(|f| f.sample).sum();
    let reserve: u64 = frame.iter().map(|f| f.reserve).sum();
    let trim = trim_re();
    let invisible = invisible_re();

    let mut lines: Vec<String> = vec![
        format!("-- pingyi's draw in SQL ({}).", dialect.title()),
        format!("-- algorithm: {ALGORITHM}; ids: {ID_NORMALIZATION}"),
        format!("-- seed (as typed): {}", comment(seed.as_str())),
        format!("-- s = SHA-256 of the seed, in hex: {s}"),
        format!(
            "-- roster: {}; id {}, unit {}, category {}",
            comment(&relation),
            comment(&source.id),
            comment(&source.unit),
            comment(&source.category)
        ),
    ];
    lines.extend(register);
    lines.push(format!(
        "-- frame: {} strata, sample {sample}, reserves {reserve}",
        frame.len()
    ));
    lines.extend(
        [
            "-- This is pingyi's draw record for record, except where two records of a stratum",
            "-- share the first 18 ticket digits (prefix_ties > 0): pingyi then compares the",
            "-- further digits and this query the ids. It does not repeat pingyi's checks",
            "-- (duplicate or empty ids, roster rows outside the frame, which are left out",
            "-- here, and roster counts that differ from the frame). docs/ALGORITHM.md.",
            "WITH",
            "quota AS (",
            "  SELECT * FROM (VALUES",
        ]
        .map(String::from),
    );
    let quota: Vec<String> = frame
        .iter()
        .enumerate()
        .map(|(i, f)| {
            format!(
                "    ({}, {}, {}, {}, {})",
                i + 1,
                lit(f.unit.as_str()),
                lit(f.category.key()),
                f.sample,
                f.reserve
            )
        })
        .collect();
    lines.push(quota.join(",\n"));
    lines.extend(
        [
            "  ) AS q (ord, unit, category, n, r)",
            "),",
            "category_alias AS (",
            "  SELECT * FROM (VALUES",
        ]
        .map(String::from),
    );
    let mut seen = std::collections::HashSet::new();
    let mut aliases = Vec::new();
    for (key, _, names) in crate::io::alias::KNOWN_CATEGORIES {
        for name in names {
            let k = crate::io::text::match_key(name);
            if seen.insert(k.clone()) {
                aliases.push(format!("    ({}, {})", lit(k.as_str()), lit(key)));
            }
        }
    }
    lines.push(aliases.join(",\n"));
    let column = |name: &str| format!("r.{}", q(name));
    lines.extend([
        "  ) AS a (label_key, category)".to_string(),
        "),".to_string(),
        "trimmed AS (".to_string(),
        "  SELECT".to_string(),
        "    r.*,".to_string(),
        format!(
            "    {} AS _trimmed_id,",
            replace_sql(dialect, &column(source.id.as_str()), &trim)
        ),
        format!(
            "    {} AS _trimmed_unit,",
            replace_sql(
                dialect,
                &replace_sql(dialect, &column(source.unit.as_str()), &invisible),
                &trim
            )
        ),
        format!(
            "    {} AS _trimmed_category",
            replace_sql(
                dialect,
                &replace_sql(dialect, &column(source.category.as_str()), &invisible),
                &trim
            )
        ),
        format!("  FROM {relation} AS r"),
        "),".to_string(),
        "cleaned AS (".to_string(),
        "  SELECT".to_string(),
        "    t.*,".to_string(),
        format!(
            "    {} AS _clean_id,",
            half_width_sql(dialect, "t._trimmed_id")
        ),
        format!(
            "    {} AS _unit,",
            collapse_space_sql(dialect, &half_width_sql(dialect, "t._trimmed_unit"))
        ),
        format!(
            "    {} AS _clean_category",
            half_width_sql(dialect, "t._trimmed_category")
        ),
        "  FROM trimmed AS t".to_string(),
        "),".to_string(),
        "keyed AS (".to_string(),
        "  SELECT".to_string(),
        "    c.*,".to_string(),
    ]);
    let is_id_number = match dialect {
        Dialect::Spark => format!("c._clean_id RLIKE {}", lit(ID_NUMBER_X_RE)),
        Dialect::DuckDb => format!("regexp_matches(c._clean_id, {})", lit(ID_NUMBER_X_RE)),
    };
    let hash = match dialect {
        Dialect::Spark => format!("sha2(concat({}, k._id), 256)", lit(s.as_str())),
        Dialect::DuckDb => format!("sha256({} || k._id)", lit(s.as_str())),
    };
    lines.extend([
        format!("    CASE WHEN {is_id_number} THEN substr(c._clean_id, 1, 17) || 'X'"),
        "      ELSE c._clean_id END AS _id,".to_string(),
        "    coalesce(a.category, c._clean_category) AS _category".to_string(),
        "  FROM cleaned AS c".to_string(),
        format!(
            "  LEFT JOIN category_alias AS a ON a.label_key = lower({})",
            replace_sql(dialect, "c._clean_category", &drop_re())
        ),
        "),".to_string(),
        "hashed AS (".to_string(),
        "  SELECT".to_string(),
        "    k.*,".to_string(),
        "    q.ord AS _ord,".to_string(),
        "    q.n AS _n,".to_string(),
        "    q.r AS _r,".to_string(),
        format!("    {hash} AS _h"),
        "  FROM keyed AS k".to_string(),
        "  JOIN quota AS q ON q.unit = k._unit AND q.category = k._category".to_string(),
        "),".to_string(),
        "ticketed AS (".to_string(),
        "  SELECT".to_string(),
        "    h.*,".to_string(),
        "    reverse(lpad(CAST((".to_string(),
    ]);
    let factors = limb_factors();
    let terms: Vec<String> = (0..4)
        .map(|i| {
            let start = 16 * i + 1;
            let limb = match dialect {
                Dialect::Spark => {
                    format!("CAST(conv(substr(h._h, {start}, 16), 16, 10) AS DECIMAL(20, 0))")
                }
                Dialect::DuckDb => {
                    format!("CAST(CAST(('0x' || substr(h._h, {start}, 16)) AS UBIGINT) AS HUGEINT)")
                }
            };
            match factors.get(i) {
                Some(f) => format!("      {limb} * {f}"),
                None => format!("      {limb}"),
            }
        })
        .collect();
    lines.push(terms.join(" +\n"));
    let text_type = match dialect {
        Dialect::Spark => "STRING",
        Dialect::DuckDb => "VARCHAR",
    };
    lines.extend([
        format!("    ) % {TEN_18} AS {text_type}), 18, '0')) AS _prefix"),
        "  FROM hashed AS h".to_string(),
        "),".to_string(),
        "ranked AS (".to_string(),
        "  SELECT".to_string(),
        "    t.*,".to_string(),
        "    row_number() OVER (PARTITION BY t._ord ORDER BY t._prefix, t._id) AS _rank,"
            .to_string(),
        "    count(*) OVER (PARTITION BY t._ord, t._prefix) - 1 AS _ties".to_string(),
        "  FROM ticketed AS t".to_string(),
        ")".to_string(),
        "SELECT".to_string(),
    ]);
    let select: Vec<String> = source
        .columns
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| format!("  {}", q(c.as_str())))
        .chain(
            [
                "  _unit AS stratum_unit",
                "  _category AS stratum_category",
                "  _id AS normalized_id",
                "  _rank AS stratum_rank",
                "  CASE WHEN _rank <= _n THEN 'main' ELSE 'reserve' END AS role",
                "  _prefix AS ticket_prefix",
                "  _ties AS prefix_ties",
            ]
            .map(String::from),
        )
        .collect();
    lines.push(select.join(",\n"));
    lines.extend(
        [
            "FROM ranked",
            "WHERE _rank <= _n + _r",
            "ORDER BY _ord, _rank",
        ]
        .map(String::from),
    );
    let mut sql = lines.join("\n");
    sql.push_str(";\n");
    Ok(sql)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::ticket::TicketMaker;
    use crate::io::Category;

    fn row(unit: &str, category: &str, sample: u64, reserve: u64) -> FrameRow {
        FrameRow {
            unit: unit.to_string(),
            category: Category::from_label(category),
            population: 100,
            sample,
            reserve,
        }
    }

    fn source(relation: Relation) -> SqlSource {
        SqlSource {
            relation,
            id: "编号".into(),
            unit: "乡镇".into(),
            category: "类别".into(),
            columns: vec!["编号".into(), "乡镇".into(), "类别".into(), "姓名".into()],
        }
    }

    fn csv(path: &str) -> Relation {
        Relation::Files(vec![RosterFile {
            path: path.into(),
            header_row: 1,
        }])
    }

    fn emit(dialect: Dialect) -> String {
        let frame = [
            row("城关镇", "农村低保", 30, 9),
            row("O'Brien镇", "临时 救助", 3, 1),
        ];
        let seed = Seed::new(" 20260615-青石-民主评议 ").unwrap();
        emit_sql(dialect, &frame, &seed, &source(csv("roster.csv"))).unwrap()
    }

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

    #[test]
    fn every_category_alias_is_in_the_query() {
        for dialect in [Dialect::DuckDb, Dialect::Spark] {
            let sql = emit(dialect);
            for (key, _, names) in crate::io::alias::KNOWN_CATEGORIES {
                for name in names {
                    let k = crate::io::text::match_key(name);
                    let row = format!("({}, {})", literal(dialect, &k), literal(dialect, key));
                    assert!(sql.contains(&row), "{dialect}: {name}");
                }
            }
        }
    }

    #[test]
    fn limbs_give_the_ticket_prefix() {
        use sha2::{Digest, Sha256};
        assert_eq!(
            limb_factors(),
            [355444464034512896, 374607431768211456, 446744073709551616]
        );
        let seed = Seed::new("20260615-青石-民主评议").unwrap();
        let s = crate::io::digest::sha256_hex(seed.as_str().as_bytes());
        let maker = TicketMaker::new(&seed);
        for id in ["QS0000001", "11010519491231002X", "城关镇-0001", ""] {
            let digest: [u8; 32] = Sha256::digest(format!("{s}{id}").as_bytes()).into();
            let factors = limb_factors();
            let mut x: u128 = 0;
            for (i, chunk) in digest.chunks_exact(8).enumerate() {
                let mut b = [0u8; 8];
                b.copy_from_slice(chunk);
                let limb = u64::from_be_bytes(b) as u128;
                x += limb * factors.get(i).copied().unwrap_or(1);
            }
            let prefix: String = format!("{:018}", x % TEN_18).chars().rev().collect();
            assert_eq!(prefix, format!("{:018}", maker.ticket(id).prefix()), "{id}");
        }
    }

    #[test]
    fn the_query_names_the_seed_the_algorithm_and_the_quota() {
        let sql = emit(Dialect::DuckDb);
        let s = crate::io::digest::sha256_hex("20260615-青石-民主评议".as_bytes());
        assert!(sql.contains("-- seed (as typed): 20260615-青石-民主评议\n"));
        assert!(sql.contains(ALGORITHM));
        assert!(sql.contains(&format!("sha256('{s}' || k._id)")));
        assert!(sql.contains("    (1, '城关镇', 'rural_dibao', 30, 9),\n"));
        assert!(sql.contains("    (2, 'O''Brien镇', '临时 救助', 3, 1)\n"));
        assert!(sql.contains("    ('ruralminimumlivingguarantee', 'rural_dibao'),\n"));
        assert!(sql.contains("read_csv('roster.csv', header = true, all_varchar = true) AS r"));
        assert!(sql.contains("  \"姓名\",\n"));
        assert!(sql.ends_with("ORDER BY _ord, _rank;\n"));
    }

    #[test]
    fn the_spark_query_uses_spark_s_functions() {
        let sql = emit(Dialect::Spark);
        assert!(sql.contains("    (2, 'O\\'Brien镇', '临时 救助', 3, 1)\n"));
        assert!(sql.contains("sha2(concat('"));
        assert!(sql.contains("conv(substr(h._h, 49, 16), 16, 10)"));
        assert!(sql.contains("RLIKE '\\\\A[0-9]{17}x\\\\z'"));
        assert!(sql.contains("FROM roster AS r"));
        assert!(sql.contains("OPTIONS (path 'roster.csv', header 'true', escape '\"')"));
        assert!(sql.contains("  `姓名`,\n"));
        assert!(!sql.contains("regexp_matches"));
    }

    #[test]
    fn relations() {
        let files = Relation::Files(vec![
            RosterFile {
                path: "a.csv".into(),
                header_row: 3,
            },
            RosterFile {
                path: "b.xlsx".into(),
                header_row: 1,
            },
        ]);
        let (text, hint) = relation_sql(Dialect::DuckDb, &files);
        assert_eq!(
            text,
            "(SELECT * FROM read_csv('a.csv', header = true, all_varchar = true, skip = 2) UNION ALL BY NAME SELECT * FROM read_xlsx('b.xlsx', header = true, all_varchar = true))"
        );
        assert_eq!(hint, None);
        let (text, hint) = relation_sql(Dialect::Spark, &files);
        assert_eq!(text, "roster");
        assert!(hint.is_some_and(|h| h.contains("a.csv, b.xlsx")));
        let table = Relation::Table("db.roster_2026".into());
        assert_eq!(relation_sql(Dialect::Spark, &table).0, "db.roster_2026");
    }

    #[test]
    fn nothing_to_draw_is_an_error() {
        let seed = Seed::new("1").unwrap();
        assert!(emit_sql(Dialect::DuckDb, &[], &seed, &source(csv("r.csv"))).is_err());
        let mut no_id = source(csv("r.csv"));
        no_id.id.clear();
        let frame = [row("城关镇", "农村低保", 1, 0)];
        assert!(emit_sql(Dialect::DuckDb, &frame, &seed, &no_id).is_err());
        let none = source(Relation::Files(Vec::new()));
        assert!(emit_sql(Dialect::Spark, &frame, &seed, &none).is_err());
    }

    #[test]
    fn dialects_parse() {
        assert_eq!("DuckDB".parse::<Dialect>(), Ok(Dialect::DuckDb));
        assert_eq!(" spark".parse::<Dialect>(), Ok(Dialect::Spark));
        assert!("sqlite".parse::<Dialect>().is_err());
    }
}
