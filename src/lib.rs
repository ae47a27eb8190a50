//! pingyi (评议): sampling frames, reproducible draws, audits and scores for the
//! civil-affairs democratic-evaluation (民主评议) satisfaction survey.
//!
//! The library follows the pipeline: [`io`] reads and writes the tables officials use,
//! [`frame`] allocates the sample across units × categories, [`provenance`] records
//! manifests and re-derives outputs, [`report`] prints summaries, and [`commands`] ties them to files,
//! one file per subcommand, for the `pingyi` command and any other front end; [`serve`] is
//! the local web workbench on top of them.

pub mod audit;
pub mod commands;
pub mod draw;
pub mod error;
pub mod frame;
pub mod i18n;
pub mod io;
pub mod privacy;
pub mod provenance;
pub mod rate;
pub mod report;
pub mod score;
pub mod serve;
pub mod synth;

pub use error::{Error, Location, Result};
