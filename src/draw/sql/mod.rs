//! The draw as one SQL query, for DuckDB or Spark: the same ids, units and categories
//! as pingyi reads them, the same tickets (their first 18 digits) and the same n + r
//! smallest per stratum, so a roster too large to move can be drawn where it lies.
//! See docs/ALGORITHM.md, "The same draw in SQL".

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::frame::FrameRow;
use crate::i18n::msg;

mod literal;
mod quota;
mod relation;
mod select;
mod text;
mod tickets;

use super::ticket::Seed;

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
    check(frame, source)?;
    let s = crate::io::digest::sha256_hex(seed.as_str().as_bytes());
    let (relation, register) = relation::relation_sql(dialect, &source.relation);
    let mut lines = quota::header_sql((dialect, frame, seed, &s), source, &relation, register);
    lines.extend(quota::quota_sql(dialect, frame));
    lines.extend(relation::rows_sql(dialect, source, &relation));
    lines.extend(tickets::tickets_sql(dialect, &s));
    lines.extend(select::selection_sql(dialect, source));
    let mut sql = lines.join("\n");
    sql.push_str(";\n");
    Ok(sql)
}

/// Refuses a query that could not draw: no strata, an unnamed column, no roster.
fn check(frame: &[FrameRow], source: &SqlSource) -> Result<()> {
    if frame.is_empty() {
        return Err(Error::usage(msg!("clerk-sql-no-strata")));
    }
    for (what, name) in [
        ("id", &source.id),
        ("unit", &source.unit),
        ("category", &source.category),
    ] {
        if name.is_empty() {
            return Err(Error::usage(msg!("clerk-sql-unnamed-column", what)));
        }
    }
    if let Relation::Files(files) = &source.relation
        && files.is_empty()
    {
        return Err(Error::usage(msg!("clerk-no-roster")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::ticket::ALGORITHM;
    use crate::io::Category;
    use literal::literal;

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
        assert!(sql.contains(
            "OPTIONS (path 'roster.csv', header 'true', escape '\"', multiLine 'true')\n"
        ));
        assert!(sql.contains("  `姓名`,\n"));
        assert!(!sql.contains("regexp_matches"));
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
