//! Reading and writing the tables officials use: CSV in any of Excel's encodings,
//! workbooks and Parquet in; CSV, xlsx, JSON and Parquet out, atomically.

pub mod alias;
pub mod count_rows;
pub mod counts;
pub mod dates;
pub mod decode;
pub mod digest;
pub mod files;
pub mod fileset;
pub mod grid;
pub mod names;
pub mod ragged;
pub mod stream;
pub mod table;
pub mod text;
pub mod traditional;
pub mod write;

use std::path::Path;

pub use alias::Category;
pub use grid::{Grid, read_grid};
pub use table::{Cell, ColumnKind, ColumnSpec, OutputTable, PrintForm};

use crate::error::Result;

/// The language of headers and labels in outputs meant for people (the same languages
/// as messages).
pub use crate::i18n::Lang;

/// Reads a table file from disk into a grid; the file name in messages is `path` as
/// the user gave it.
pub fn read_grid_path(path: &Path, sheet: Option<&str>) -> Result<(Grid, Vec<u8>)> {
    let bytes = files::read_regular(path)?;
    let grid = read_grid(&bytes, &path.display().to_string(), sheet)?;
    Ok((grid, bytes))
}
