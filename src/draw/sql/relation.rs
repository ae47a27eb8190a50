//! The relation of roster rows: where the query reads the rosters (DuckDB's readers,
//! Spark's registered view), and the rows' id, unit and category read as pingyi reads
//! them.

use super::literal::{comment, ident, literal};
use super::text::{
    ID_NUMBER_X_RE, collapse_space_sql, drop_re, half_width_sql, invisible_re, replace_sql,
    simplified_sql, trim_re,
};
use super::{Dialect, Relation, RosterFile, SqlSource};

/// The relation's text, and for Spark reading files, the header line that says how
/// to register them.
pub(super) fn relation_sql(dialect: Dialect, relation: &Relation) -> (String, Option<String>) {
    let files = match relation {
        Relation::Table(name) => return (name.clone(), None),
        Relation::Files(files) => files,
    };
    if dialect == Dialect::Spark {
        return ("roster".to_string(), Some(spark_register(files)));
    }
    let readers: Vec<String> = files.iter().map(duckdb_reader).collect();
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

/// How Spark reads a roster as pingyi does: the header row, quotes doubled inside
/// quotes, and line breaks inside a quoted cell kept in the cell.
const SPARK_CSV_OPTIONS: &str = "header 'true', escape '\"', multiLine 'true'";

/// The header line that tells how to register Spark's view `roster`. Spark SQL has no
/// union by column name, so several files are joined in the DataFrame API.
fn spark_register(files: &[RosterFile]) -> String {
    match files {
        [one] => format!(
            "-- first register the roster as the view roster: CREATE OR REPLACE TEMPORARY \
             VIEW roster USING csv OPTIONS (path {}, {SPARK_CSV_OPTIONS})",
            comment(&literal(Dialect::Spark, &one.path))
        ),
        _ => {
            let names: Vec<String> = files.iter().map(|f| comment(&f.path)).collect();
            format!(
                "-- first register the rosters {} together as the view roster: read each \
                 with {SPARK_CSV_OPTIONS} and join them by column name (unionByName)",
                names.join(", ")
            )
        }
    }
}

/// DuckDB's reader of one roster file, by its extension, every column as text.
fn duckdb_reader(f: &RosterFile) -> String {
    let path = literal(Dialect::DuckDb, &f.path);
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
}

/// The roster's rows with their id, unit and category read as pingyi reads them:
/// `trimmed`, `cleaned` (full-width forms and white space) and `keyed` (the id's
/// check character, the category by its aliases).
pub(super) fn rows_sql(dialect: Dialect, source: &SqlSource, relation: &str) -> Vec<String> {
    let mut lines = trimmed_sql(dialect, source, relation);
    lines.extend(cleaned_sql(dialect));
    lines.extend(keyed_sql(dialect));
    lines
}

/// `trimmed`: the id trimmed, the unit and category without invisible characters.
fn trimmed_sql(dialect: Dialect, source: &SqlSource, relation: &str) -> Vec<String> {
    let (trim, invisible) = (trim_re(), invisible_re());
    let column = |name: &str| format!("r.{}", ident(dialect, name));
    let visible = |name: &str| {
        let shown = replace_sql(dialect, &column(name), &invisible);
        replace_sql(dialect, &shown, &trim)
    };
    vec![
        "trimmed AS (".to_string(),
        "  SELECT".to_string(),
        "    r.*,".to_string(),
        format!(
            "    {} AS _trimmed_id,",
            replace_sql(dialect, &column(source.id.as_str()), &trim)
        ),
        format!("    {} AS _trimmed_unit,", visible(source.unit.as_str())),
        format!(
            "    {} AS _trimmed_category",
            visible(source.category.as_str())
        ),
        format!("  FROM {relation} AS r"),
        "),".to_string(),
    ]
}

/// `cleaned`: full-width forms made half-width, the unit's traditional characters made
/// simplified and its white space collapsed.
fn cleaned_sql(dialect: Dialect) -> Vec<String> {
    vec![
        "cleaned AS (".to_string(),
        "  SELECT".to_string(),
        "    t.*,".to_string(),
        format!(
            "    {} AS _clean_id,",
            half_width_sql(dialect, "t._trimmed_id")
        ),
        format!(
            "    {} AS _unit,",
            collapse_space_sql(
                dialect,
                &simplified_sql(dialect, &half_width_sql(dialect, "t._trimmed_unit"))
            )
        ),
        format!(
            "    {} AS _clean_category",
            half_width_sql(dialect, "t._trimmed_category")
        ),
        "  FROM trimmed AS t".to_string(),
        "),".to_string(),
    ]
}

/// `keyed`: an ID number's lower-case x made upper-case, the category by its aliases.
fn keyed_sql(dialect: Dialect) -> Vec<String> {
    let pattern = literal(dialect, ID_NUMBER_X_RE);
    let is_id_number = match dialect {
        Dialect::Spark => format!("c._clean_id RLIKE {pattern}"),
        Dialect::DuckDb => format!("regexp_matches(c._clean_id, {pattern})"),
    };
    vec![
        "keyed AS (".to_string(),
        "  SELECT".to_string(),
        "    c.*,".to_string(),
        format!("    CASE WHEN {is_id_number} THEN substr(c._clean_id, 1, 17) || 'X'"),
        "      ELSE c._clean_id END AS _id,".to_string(),
        "    coalesce(a.category, c._clean_category) AS _category".to_string(),
        "  FROM cleaned AS c".to_string(),
        format!(
            "  LEFT JOIN category_alias AS a ON a.label_key = lower({})",
            replace_sql(dialect, "c._clean_category", &drop_re())
        ),
        "),".to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
