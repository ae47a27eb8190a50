//! The outcome of verifying one manifest (or one claimed sample): what was re-derived,
//! and everything that does not match, each line rendered from the catalogue in the
//! language of messages when it is found.

use std::path::PathBuf;

use crate::i18n::Message;

/// The outcome of verifying one manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub manifest: PathBuf,
    pub command: String,
    /// One line: what was re-derived.
    pub summary: String,
    /// Facts that are fine but worth saying (a reordered input).
    pub notes: Vec<String>,
    /// Everything that does not match; empty when verified.
    pub differences: Vec<String>,
}

impl Verdict {
    /// Whether everything matched.
    pub fn ok(&self) -> bool {
        self.differences.is_empty()
    }

    /// Records a difference, in the language of messages.
    pub fn differ(&mut self, difference: Message) {
        self.differences.push(difference.render());
    }

    /// Records every difference of `differences`.
    pub fn differ_all(&mut self, differences: impl IntoIterator<Item = Message>) {
        for d in differences {
            self.differ(d);
        }
    }

    /// Records a note, in the language of messages.
    pub fn note(&mut self, note: Message) {
        self.notes.push(note.render());
    }

    /// The verdict with personal identifiers masked in every line (seeds and digests
    /// stay readable).
    pub fn masked(&self) -> Verdict {
        let mask = crate::privacy::mask_personal;
        Verdict {
            manifest: self.manifest.clone(),
            command: self.command.clone(),
            summary: mask(&self.summary),
            notes: self.notes.iter().map(|n| mask(n)).collect(),
            differences: self.differences.iter().map(|d| mask(d)).collect(),
        }
    }
}
