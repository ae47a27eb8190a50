//! The frame's settings as any front end gives them (command-line flags, `pingyi.toml`,
//! a manifest's recorded parameters) and the one set of defaults and rules that turns
//! them into a validated [`FramePlan`].

use super::{FramePlan, Method, ReserveRule, SizeRule};
use crate::error::{Error, Result};
use crate::i18n::msg;

/// The allocation method when none is given.
pub const DEFAULT_METHOD: &str = "proportional";
/// The confidence level of a margin of error when none is given.
pub const DEFAULT_CONFIDENCE: f64 = 0.95;
/// The expected proportion of a margin of error when none is given (the safest).
pub const DEFAULT_P: f64 = 0.5;
/// The least sample of a non-empty stratum when none is given.
pub const DEFAULT_MIN_PER_STRATUM: u64 = 1;

/// A frame's settings as typed: every value optional, nothing checked yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrameSettings {
    pub per_unit: Option<u64>,
    pub margin: Option<f64>,
    pub confidence: Option<f64>,
    pub p: Option<f64>,
    pub method: Option<String>,
    pub min_per_stratum: Option<u64>,
    /// The reserve rate as the decimal text it was typed as.
    pub reserve_rate: Option<String>,
    pub reserves: Option<u64>,
}

impl FramePlan {
    /// The plan the settings ask for, with the defaults filled in and every rule
    /// checked; errors are [`Error::Usage`], which each front end may place (a file,
    /// a manifest) before showing it.
    pub fn from_settings(s: &FrameSettings) -> Result<FramePlan> {
        let method_name = s.method.as_deref().unwrap_or(DEFAULT_METHOD);
        let method: Method = method_name
            .parse()
            .map_err(|_| Error::usage(msg!("frame-unknown-method", method = method_name.trim())))?;
        let size = match (s.per_unit, s.margin) {
            (Some(_), Some(_)) => {
                return Err(Error::usage(msg!("frame-size-rules-both")));
            }
            (Some(n), None) => SizeRule::PerUnit(n),
            (None, Some(margin)) => SizeRule::Margin {
                margin,
                confidence: s.confidence.unwrap_or(DEFAULT_CONFIDENCE),
                p: s.p.unwrap_or(DEFAULT_P),
            },
            (None, None) => SizeRule::FromTable,
        };
        let reserves = match (&s.reserve_rate, s.reserves) {
            (Some(_), Some(_)) => {
                return Err(Error::usage(msg!("frame-reserve-rules-both")));
            }
            (Some(r), None) => ReserveRule::Rate(r.parse().map_err(Error::Usage)?),
            (None, Some(k)) => ReserveRule::Fixed(k),
            (None, None) => ReserveRule::None,
        };
        let plan = FramePlan {
            size,
            method,
            min_per_stratum: s.min_per_stratum.unwrap_or(DEFAULT_MIN_PER_STRATUM),
            reserves,
        };
        plan.validate()?;
        Ok(plan)
    }

    /// The settings that give this plan back, as a manifest records them.
    pub fn settings(&self) -> FrameSettings {
        let mut s = FrameSettings {
            method: Some(self.method.name().to_string()),
            min_per_stratum: Some(self.min_per_stratum),
            ..FrameSettings::default()
        };
        match self.size {
            SizeRule::PerUnit(n) => s.per_unit = Some(n),
            SizeRule::Margin {
                margin,
                confidence,
                p,
            } => {
                s.margin = Some(margin);
                s.confidence = Some(confidence);
                s.p = Some(p);
            }
            SizeRule::FromTable => {}
        }
        match self.reserves {
            ReserveRule::None => {}
            ReserveRule::Rate(r) => s.reserve_rate = Some(r.to_string()),
            ReserveRule::Fixed(k) => s.reserves = Some(k),
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_what_is_missing() {
        let plan = FramePlan::from_settings(&FrameSettings {
            margin: Some(0.05),
            ..FrameSettings::default()
        })
        .unwrap();
        assert_eq!(
            plan,
            FramePlan {
                size: SizeRule::Margin {
                    margin: 0.05,
                    confidence: 0.95,
                    p: 0.5
                },
                method: Method::Proportional,
                min_per_stratum: 1,
                reserves: ReserveRule::None,
            }
        );
    }

    #[test]
    fn both_sizes_or_both_reserves_are_refused() {
        let both = FrameSettings {
            per_unit: Some(10),
            margin: Some(0.05),
            ..FrameSettings::default()
        };
        let e = FramePlan::from_settings(&both).unwrap_err().to_string();
        assert!(e.contains("per_unit") && e.contains("margin"), "{e}");
        let both = FrameSettings {
            reserve_rate: Some("0.3".into()),
            reserves: Some(2),
            ..FrameSettings::default()
        };
        let e = FramePlan::from_settings(&both).unwrap_err().to_string();
        assert!(e.contains("reserve_rate") && e.contains("reserves"), "{e}");
    }

    #[test]
    fn a_plan_round_trips_through_its_settings() {
        for s in [
            FrameSettings {
                per_unit: Some(12),
                reserve_rate: Some("0.3".into()),
                method: Some("equal".into()),
                min_per_stratum: Some(2),
                ..FrameSettings::default()
            },
            FrameSettings {
                margin: Some(0.05),
                confidence: Some(0.9),
                p: Some(0.4),
                reserves: Some(3),
                method: Some("neyman".into()),
                ..FrameSettings::default()
            },
            FrameSettings::default(),
        ] {
            let plan = FramePlan::from_settings(&s).unwrap();
            assert_eq!(FramePlan::from_settings(&plan.settings()).unwrap(), plan);
        }
    }

    #[test]
    fn out_of_range_numbers_are_refused() {
        for s in [
            FrameSettings {
                per_unit: Some(0),
                ..FrameSettings::default()
            },
            FrameSettings {
                margin: Some(1.5),
                ..FrameSettings::default()
            },
            FrameSettings {
                margin: Some(0.05),
                confidence: Some(f64::NAN),
                ..FrameSettings::default()
            },
            FrameSettings {
                method: Some("bogus".into()),
                ..FrameSettings::default()
            },
        ] {
            assert!(FramePlan::from_settings(&s).is_err(), "{s:?}");
        }
    }
}
