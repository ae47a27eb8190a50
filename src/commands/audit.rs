//! `pingyi audit select` and `pingyi audit tally` (`audit_select`, `audit_tally`), and
//! the audit stage's digests, under the names the other commands use.

pub use super::audit_select::{
    SelectOptions, SelectReport, SelectionComputed, check_selection_output, compute_selection,
    render_selection, selection_in_memory, write_selection,
};
pub use super::audit_tally::{
    TallyComputed, TallyOptions, TallyReport, check_tally_output, compute_tally, render_tally,
    write_tally,
};
pub use crate::audit::checklist::RESULT_CHOICES;
pub use crate::audit::collect::Collected;
pub use crate::audit::digest::{
    audit_key, checklist_digest, findings_digest, findings_digest_v1, tally_digest,
};
pub use crate::audit::tally::CheckedRecord;
