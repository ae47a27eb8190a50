//! What a score does with incomplete inputs, chosen explicitly and recorded in the
//! manifest: a unit without an inspection score, a unit with few respondents.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::msg;

/// How a unit without an inspection score is treated (`--missing-inspection`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissingInspection {
    /// The score stops, naming the units (the default: a forgotten row must not cost a
    /// unit 30 points silently).
    #[default]
    Refuse,
    /// Counted as 0 points, with a note.
    Zero,
    /// Scored but not ranked, flagged.
    Exclude,
}

impl MissingInspection {
    /// The policy a flag value names (`refuse`, `zero`, `exclude`).
    pub fn parse(text: &str) -> Option<MissingInspection> {
        match text.trim().to_ascii_lowercase().as_str() {
            "refuse" => Some(MissingInspection::Refuse),
            "zero" | "0" => Some(MissingInspection::Zero),
            "exclude" => Some(MissingInspection::Exclude),
            _ => None,
        }
    }

    /// The policy `--missing-inspection` names, or a usage error naming the choices.
    pub fn from_flag(text: &str) -> Result<MissingInspection> {
        MissingInspection::parse(text)
            .ok_or_else(|| Error::usage(msg!("score-missing-inspection-flag", value = text)))
    }

    /// What manifests written before the policy existed did: counted as 0.
    pub fn legacy() -> MissingInspection {
        MissingInspection::Zero
    }
}

/// The fewest respondents of a ranked unit before it is marked (`--min-respondents`).
pub const MIN_RESPONDENTS: u64 = 5;

/// What a score does with incomplete inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScorePolicy {
    pub missing_inspection: MissingInspection,
    /// A ranked unit with fewer respondents is marked in the ranking and in the notes.
    pub min_respondents: u64,
}

impl Default for ScorePolicy {
    fn default() -> ScorePolicy {
        ScorePolicy {
            missing_inspection: MissingInspection::Refuse,
            min_respondents: MIN_RESPONDENTS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_values_parse() {
        assert_eq!(
            MissingInspection::parse("Zero"),
            Some(MissingInspection::Zero)
        );
        assert_eq!(
            MissingInspection::parse("exclude"),
            Some(MissingInspection::Exclude)
        );
        assert_eq!(MissingInspection::parse("skip"), None);
        let e = MissingInspection::from_flag("skip").unwrap_err();
        assert!(e.to_string().contains("refuse, zero or exclude"), "{e}");
        assert_eq!(ScorePolicy::default().min_respondents, 5);
    }
}
