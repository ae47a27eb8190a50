//! The query's final selection: the roster's columns, then the stratum, the normalized
//! id, the rank, the role and the ticket prefix of every record in the sample or the
//! reserves, sorted as pingyi sorts its sample.

use super::Dialect;
use super::SqlSource;
use super::literal::ident;

/// The final `SELECT … FROM ranked …` (without the closing semicolon).
pub(super) fn selection_sql(dialect: Dialect, source: &SqlSource) -> Vec<String> {
    let select: Vec<String> = source
        .columns
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| format!("  {}", ident(dialect, c.as_str())))
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
    vec![
        "SELECT".to_string(),
        select.join(",\n"),
        "FROM ranked".to_string(),
        "WHERE _rank <= _n + _r".to_string(),
        "ORDER BY _ord, _rank".to_string(),
    ]
}
