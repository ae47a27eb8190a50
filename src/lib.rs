//! pingyi (评议): sampling frames, reproducible draws, audits and scores for the
//! civil-affairs democratic-evaluation (民主评议) satisfaction survey.
//!
//! The library follows the pipeline: [`io`] reads and writes the tables officials use,
//! [`frame`] allocates the sample across units × categories, [`verify`] records and
//! checks manifests, [`report`] prints summaries, and [`app`] ties them to files for
//! the `pingyi` command.

pub mod app;
pub mod audit;
pub mod draw;
pub mod error;
pub mod frame;
pub mod io;
pub mod privacy;
pub mod rate;
pub mod report;
pub mod score;
pub mod synth;
pub mod verify;

pub use error::{Error, Location, Result};
