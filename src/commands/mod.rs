//! The file-level commands: read inputs from paths, run a stage, write outputs and
//! manifests. The stages themselves (frame, …) know nothing of paths.

pub mod audit;
pub mod calls;
pub mod commit;
pub mod config;
pub mod counts;
pub mod draw;
pub mod frame;
pub mod outdir;
pub mod output;
pub mod progress;
pub mod run;
pub mod score;
pub mod synth;
pub mod verify;

pub use output::OutputOptions;
