//! The file-level commands: read inputs from paths, run a stage, write outputs and
//! manifests. The stages themselves (frame, …) know nothing of paths.

pub mod audit;
pub mod audit_inputs;
pub mod audit_select;
pub mod audit_tally;
pub mod calls;
pub mod commit;
pub mod config;
pub mod counts;
pub mod draw;
pub mod draw_inputs;
pub mod frame;
pub mod outdir;
pub mod output;
pub mod progress;
pub mod report;
pub mod rewrite;
pub mod run;
pub mod score;
pub mod seed;
pub mod seed_commit;
pub mod size;
pub mod synth;
pub mod verify;

pub use output::OutputOptions;

/// What a command leaves for the person who ran it, whatever the front end: the
/// summary (stdout on the command line), warnings (stderr), and, for a check that
/// found a difference, the error that decides the exit code once the summary is shown.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The summary to show, already masked where it could name a person.
    pub summary: String,
    /// Warnings to show apart from the summary (masked when shown).
    pub warnings: Vec<String>,
    /// Set when the command ran but its check failed (verify: exit 3 after the summary).
    pub failure: Option<crate::error::Error>,
}

impl Outcome {
    /// An outcome that is only a summary: no warnings, nothing failed.
    pub fn summary(summary: impl Into<String>) -> Outcome {
        Outcome {
            summary: summary.into(),
            ..Outcome::default()
        }
    }
}
