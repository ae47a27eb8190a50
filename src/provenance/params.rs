//! The parameters each command records in its manifest, and an audit selection's
//! record: one serde type per command, written and read back by the same code.
//!
//! Fields are declared in the order of their keys (bytewise), which is the order the
//! manifest has always written them in; a field a manifest of an earlier version may
//! lack has a default. A key no command knows is refused: a parameter this version
//! cannot honour would make `verify` re-derive something else than was written.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::privacy::MaskPolicy;

/// A command's recorded parameters, one variant per command.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Parameters {
    Counts(CountsParameters),
    Synth(SynthParameters),
    Frame(FrameParameters),
    Draw(DrawParameters),
    AuditSelect(SelectParameters),
    AuditTally(TallyParameters),
    Score(ScoreParameters),
}

impl Parameters {
    /// The command these parameters belong to, as the manifest's `command` names it.
    pub fn command(&self) -> &'static str {
        match self {
            Parameters::Counts(_) => "counts",
            Parameters::Synth(_) => "synth",
            Parameters::Frame(_) => "frame",
            Parameters::Draw(_) => "draw",
            Parameters::AuditSelect(_) => "audit-select",
            Parameters::AuditTally(_) => "audit-tally",
            Parameters::Score(_) => "score",
        }
    }

    /// Reads the parameters of `command` from a manifest's `parameters` object.
    pub fn from_json(command: &str, value: serde_json::Value) -> Result<Parameters, String> {
        fn typed<T: DeserializeOwned>(
            command: &str,
            value: serde_json::Value,
        ) -> Result<T, String> {
            serde_json::from_value(value).map_err(|e| {
                let reason = crate::i18n::serde_reason(&e.to_string());
                crate::i18n::msg!("polish-manifest-parameters", command, reason => reason).render()
            })
        }
        Ok(match command {
            "counts" => Parameters::Counts(typed(command, value)?),
            "synth" => Parameters::Synth(typed(command, value)?),
            "frame" => Parameters::Frame(typed(command, value)?),
            "draw" => Parameters::Draw(typed(command, value)?),
            "audit-select" => Parameters::AuditSelect(typed(command, value)?),
            "audit-tally" => Parameters::AuditTally(typed(command, value)?),
            "score" => Parameters::Score(typed(command, value)?),
            other => {
                return Err(crate::i18n::msg!("polish-manifest-command", command = other).render());
            }
        })
    }

    /// The masking policy the manifest records, if it records one.
    pub fn mask(&self) -> Option<MaskPolicy> {
        match self {
            Parameters::Counts(p) => p.mask,
            Parameters::Synth(p) => p.mask,
            Parameters::Frame(p) => p.mask,
            Parameters::Draw(p) => p.mask,
            Parameters::AuditSelect(p) => p.mask,
            Parameters::AuditTally(p) => p.mask,
            Parameters::Score(p) => p.mask,
        }
    }

    /// The masking policy the outputs were written under: the one recorded, else the
    /// one of the manifests written before it was recorded (a draw's data-quality
    /// report: [`MaskPolicy::LEGACY`]; any other output: the default).
    pub fn mask_policy(&self) -> MaskPolicy {
        match self {
            Parameters::Draw(p) => p.mask_policy(),
            other => other.mask().unwrap_or_default(),
        }
    }

    /// The seed recorded, for the commands that use one (synth, draw, audit select).
    pub fn seed(&self) -> Option<&str> {
        match self {
            Parameters::Synth(p) => Some(&p.seed),
            Parameters::Draw(p) => Some(&p.seed),
            Parameters::AuditSelect(p) => Some(&p.seed),
            _ => None,
        }
    }
}

/// `pingyi counts`: no parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountsParameters {
    /// The masking policy the outputs were written under (absent from manifests written
    /// before it was recorded: the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<MaskPolicy>,
}

/// `pingyi synth`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynthParameters {
    /// The masking policy the outputs were written under (absent from manifests written
    /// before it was recorded: the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<MaskPolicy>,
    /// How many invalid ID numbers were planted (absent in early manifests: none).
    #[serde(default)]
    pub plant_invalid_id_numbers: u64,
    pub seed: String,
}

/// `pingyi frame`: the frame plan. Either `per_unit`, or `margin` with `confidence`
/// and `p`, or neither (sizes from the table); either `reserve_rate`, or `reserves`,
/// or neither.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameParameters {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    /// The masking policy the outputs were written under (absent from manifests written
    /// before it was recorded: the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<MaskPolicy>,
    pub method: String,
    pub min_per_stratum: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<u64>,
    /// The reserve rate as the decimal text it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserve_rate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserves: Option<u64>,
}

/// `pingyi draw`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawParameters {
    pub algorithm: String,
    pub allow_count_mismatch: bool,
    pub allow_edited_frame: bool,
    /// Written as `null` when the id column was found by its header.
    pub id_column: Option<String>,
    /// The header of each roster's id column as the draw found it (an id column such
    /// as 编号 first, else the ID-number column), in the order of the rosters. Absent
    /// from manifests written before it was recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_headers: Vec<String>,
    pub id_normalization: String,
    /// The masking policy of the data-quality report's values (absent from manifests
    /// written before it was recorded, whose reports kept ID numbers' first 6 and last 2
    /// characters and phones' first 3 and last 2 digits: [`MaskPolicy::LEGACY`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<MaskPolicy>,
    pub seed: String,
    pub take_all_short: bool,
}

impl DrawParameters {
    /// The masking policy the draw's outputs were written under.
    pub fn mask_policy(&self) -> MaskPolicy {
        self.mask.unwrap_or(MaskPolicy::LEGACY)
    }
}

/// `pingyi audit select`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectParameters {
    pub algorithm: String,
    pub id_column: Option<String>,
    pub id_normalization: String,
    /// The masking policy the outputs were written under (absent from manifests written
    /// before it was recorded: the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<MaskPolicy>,
    /// The audit rate as the decimal text it was read from.
    pub rate: String,
    pub seed: String,
}

/// `pingyi audit tally`: the deduction rules and whether pending results were allowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TallyParameters {
    pub cap: f64,
    pub confidence: f64,
    /// The masking policy the outputs were written under (absent from manifests written
    /// before it was recorded: the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<MaskPolicy>,
    pub partial: bool,
    pub per_case: f64,
    pub recheck_at: f64,
}

/// `pingyi score`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreParameters {
    /// `county`, `township`, or the path of a custom scheme as given.
    pub scheme: String,
    pub scheme_name: String,
    /// Whether this is the table meant for the units (no ranking details).
    pub unit_facing: bool,
    /// Design-weighted means (absent in early manifests: no).
    #[serde(default)]
    pub weighted: bool,
    /// How a unit without an inspection score was treated (absent in early manifests,
    /// which counted it as 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_inspection: Option<crate::score::MissingInspection>,
    /// The fewest respondents of a ranked unit before it is marked (absent in early
    /// manifests: 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_respondents: Option<u64>,
    /// The masking policy the outputs were written under (absent from manifests written
    /// before it was recorded: the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<MaskPolicy>,
}

/// What an audit selection picked, as its manifest records it (digests only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectionRecord {
    /// The identifying columns the checklist carries.
    pub columns: Vec<String>,
    pub units: Vec<SelectedUnit>,
    pub records: Vec<SelectedRecord>,
}

/// One unit's share of an audit selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectedUnit {
    pub unit: String,
    pub collected: u64,
    pub selected: u64,
}

/// One selected record: its audit number, stratum and the digests of its identifying
/// cells, keyed (this version) or plain (`cells`, with `id_sha256`, in earlier ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectedRecord {
    pub audit_no: String,
    pub unit: String,
    pub category: String,
    /// Earlier versions only: read, never written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cells_keyed: Option<BTreeMap<String, String>>,
    /// Earlier versions only: read, never written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cells: Option<BTreeMap<String, String>>,
}

impl SelectedRecord {
    /// The cell digests by column, and whether they are keyed; `None` when the record
    /// holds neither form.
    pub fn cell_digests(&self) -> Option<(&BTreeMap<String, String>, bool)> {
        match (&self.cells_keyed, &self.cells) {
            (Some(c), _) => Some((c, true)),
            (None, Some(c)) => Some((c, false)),
            (None, None) => None,
        }
    }
}

impl SelectionRecord {
    /// Whether the cell digests are keyed: true for this version's selections (and an
    /// empty one), false for earlier ones; `None` when records mix the two forms or
    /// one holds neither.
    pub fn keyed(&self) -> Option<bool> {
        let mut keyed = None;
        for r in &self.records {
            let (_, k) = r.cell_digests()?;
            if *keyed.get_or_insert(k) != k {
                return None;
            }
        }
        Some(keyed.unwrap_or(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(p: Parameters, json: &str) {
        let written = serde_json::to_string(&p).unwrap();
        assert_eq!(written, json);
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(Parameters::from_json(p.command(), value).unwrap(), p);
    }

    fn draw() -> DrawParameters {
        DrawParameters {
            algorithm: "a".into(),
            allow_count_mismatch: false,
            allow_edited_frame: true,
            id_column: None,
            id_headers: Vec::new(),
            id_normalization: "pingyi-id/1".into(),
            mask: None,
            seed: "s".into(),
            take_all_short: true,
        }
    }

    #[test]
    fn every_command_round_trips_with_its_keys_in_order() {
        round_trip(Parameters::Counts(CountsParameters { mask: None }), "{}");
        round_trip(
            Parameters::Counts(CountsParameters {
                mask: Some(MaskPolicy::LEGACY),
            }),
            r#"{"mask":{"id_head":6,"id_tail":2,"name_head":1,"phone_head":3,"phone_tail":2}}"#,
        );
        round_trip(
            Parameters::Synth(SynthParameters {
                mask: None,
                plant_invalid_id_numbers: 3,
                seed: "种子".into(),
            }),
            r#"{"plant_invalid_id_numbers":3,"seed":"种子"}"#,
        );
        round_trip(
            Parameters::Frame(FrameParameters {
                confidence: Some(0.95),
                margin: Some(0.1),
                mask: None,
                method: "proportional".into(),
                min_per_stratum: 3,
                p: Some(0.5),
                per_unit: None,
                reserve_rate: Some("0.3".into()),
                reserves: None,
            }),
            r#"{"confidence":0.95,"margin":0.1,"method":"proportional","min_per_stratum":3,"p":0.5,"reserve_rate":"0.3"}"#,
        );
        round_trip(
            Parameters::Frame(FrameParameters {
                confidence: None,
                margin: None,
                mask: None,
                method: "equal".into(),
                min_per_stratum: 0,
                p: None,
                per_unit: Some(40),
                reserve_rate: None,
                reserves: Some(2),
            }),
            r#"{"method":"equal","min_per_stratum":0,"per_unit":40,"reserves":2}"#,
        );
        round_trip(
            Parameters::Draw(draw()),
            r#"{"algorithm":"a","allow_count_mismatch":false,"allow_edited_frame":true,"id_column":null,"id_normalization":"pingyi-id/1","seed":"s","take_all_short":true}"#,
        );
        round_trip(
            Parameters::Draw(DrawParameters {
                mask: Some(MaskPolicy::default()),
                ..draw()
            }),
            r#"{"algorithm":"a","allow_count_mismatch":false,"allow_edited_frame":true,"id_column":null,"id_normalization":"pingyi-id/1","mask":{"id_head":6,"id_tail":4,"name_head":1,"phone_head":3,"phone_tail":4},"seed":"s","take_all_short":true}"#,
        );
        round_trip(
            Parameters::AuditSelect(SelectParameters {
                algorithm: "a".into(),
                id_column: Some("编号".into()),
                id_normalization: "pingyi-id/1".into(),
                mask: Some(MaskPolicy::default()),
                rate: "0.3".into(),
                seed: "s".into(),
            }),
            r#"{"algorithm":"a","id_column":"编号","id_normalization":"pingyi-id/1","mask":{"id_head":6,"id_tail":4,"name_head":1,"phone_head":3,"phone_tail":4},"rate":"0.3","seed":"s"}"#,
        );
        round_trip(
            Parameters::AuditTally(TallyParameters {
                cap: 5.0,
                confidence: 0.95,
                mask: None,
                partial: false,
                per_case: 0.5,
                recheck_at: 0.1,
            }),
            r#"{"cap":5.0,"confidence":0.95,"partial":false,"per_case":0.5,"recheck_at":0.1}"#,
        );
        round_trip(
            Parameters::Score(ScoreParameters {
                scheme: "township".into(),
                scheme_name: "township".into(),
                unit_facing: true,
                weighted: false,
                missing_inspection: Some(crate::score::MissingInspection::Refuse),
                min_respondents: Some(5),
                mask: None,
            }),
            r#"{"scheme":"township","scheme_name":"township","unit_facing":true,"weighted":false,"missing_inspection":"refuse","min_respondents":5}"#,
        );
    }

    #[test]
    fn an_unknown_or_misspelt_key_or_command_is_refused() {
        let bad = |command: &str, json: &str| {
            Parameters::from_json(command, serde_json::from_str(json).unwrap()).unwrap_err()
        };
        let e = bad(
            "draw",
            r#"{"algorithm":"a","allow_count_mismatch":false,"allow_edited_frame":true,"id_column":null,"id_normalization":"n","seeds":"s","take_all_short":true}"#,
        );
        assert!(
            e.contains("'draw' parameters") && e.contains("seeds"),
            "{e}"
        );
        assert!(bad("counts", r#"{"seed":"s"}"#).contains("seed"));
        assert!(
            bad(
                "frame",
                r#"{"method":"equal","min_per_stratum":1,"per_units":4}"#
            )
            .contains("per_units")
        );
        assert!(bad("draw", r#"{"seed":"s"}"#).contains("is missing"));
        assert!(
            bad(
                "audit-tally",
                r#"{"cap":"5","confidence":0.95,"partial":false,"per_case":0.5,"recheck_at":0.1}"#
            )
            .contains("is needed here")
        );
        assert!(bad("sort", "{}").contains("'sort'"));
    }

    #[test]
    fn keys_earlier_manifests_lack_have_defaults() {
        let synth = Parameters::from_json("synth", serde_json::json!({"seed": "s"})).unwrap();
        assert_eq!(
            synth,
            Parameters::Synth(SynthParameters {
                mask: None,
                plant_invalid_id_numbers: 0,
                seed: "s".into()
            })
        );
        let score = Parameters::from_json(
            "score",
            serde_json::json!({"scheme": "county", "scheme_name": "county", "unit_facing": false}),
        )
        .unwrap();
        assert!(matches!(
            score,
            Parameters::Score(ScoreParameters {
                weighted: false,
                ..
            })
        ));
        assert_eq!(Parameters::Draw(draw()).seed(), Some("s"));
        assert_eq!(draw().mask_policy(), MaskPolicy::LEGACY);
        let mut with_mask = serde_json::to_value(DrawParameters {
            mask: Some(MaskPolicy::default()),
            ..draw()
        })
        .unwrap();
        with_mask["mask"]["id_middle"] = serde_json::json!(8);
        assert!(
            Parameters::from_json("draw", with_mask)
                .unwrap_err()
                .contains("id_middle")
        );
        let counts = Parameters::Counts(CountsParameters { mask: None });
        assert_eq!(counts.seed(), None);
        assert_eq!(counts.mask_policy(), MaskPolicy::default());
        assert_eq!(Parameters::Draw(draw()).mask_policy(), MaskPolicy::LEGACY);
    }

    #[test]
    fn selections_of_this_and_earlier_versions_are_read() {
        let now = r#"{"columns":["编号"],"units":[{"unit":"东岗镇","collected":9,"selected":3}],"records":[{"audit_no":"0001","unit":"东岗镇","category":"rural_dibao","cells_keyed":{"编号":"ab"}}]}"#;
        let s: SelectionRecord = serde_json::from_str(now).unwrap();
        assert_eq!(s.keyed(), Some(true));
        assert_eq!(serde_json::to_string(&s).unwrap(), now);
        let earlier = r#"{"columns":["编号"],"units":[],"records":[{"audit_no":"0001","unit":"东岗镇","category":"rural_dibao","id_sha256":"cd","cells":{"编号":"ab"}}]}"#;
        let s: SelectionRecord = serde_json::from_str(earlier).unwrap();
        assert_eq!(s.keyed(), Some(false));
        assert_eq!(serde_json::to_string(&s).unwrap(), earlier);
        let mut mixed: SelectionRecord = serde_json::from_str(now).unwrap();
        mixed.records.push(s.records[0].clone());
        assert_eq!(mixed.keyed(), None);
        mixed.records[0].cells_keyed = None;
        mixed.records[0].cells = None;
        assert_eq!(mixed.keyed(), None);
        let misspelt = now.replace("cells_keyed", "cell_keyed");
        assert!(serde_json::from_str::<SelectionRecord>(&misspelt).is_err());
    }
}
