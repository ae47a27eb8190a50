//! Scoring schemes: the plan's two (county bureaus, township offices) and custom ones
//! from a TOML file — answer levels with their values and labels, weights, points,
//! and the false-recipient deduction.

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::io::text::match_key;

/// One answer level of a question.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Level {
    pub value: f64,
    /// The labels that name this level, Chinese first.
    pub labels: Vec<String>,
}

/// A scoring scheme.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub name: String,
    /// Question 1: overall satisfaction (positive evaluation).
    pub satisfaction: Vec<Level>,
    /// Question 2: misconduct in work (negative evaluation).
    pub misconduct: Vec<Level>,
    /// Weights of the two questions (0.7, 0.3 in the plan).
    #[serde(default = "default_weights")]
    pub weights: [f64; 2],
    /// Points of the survey part (70 in the plan).
    #[serde(default = "default_points")]
    pub points: f64,
    /// Points deducted per false recipient (0.5).
    #[serde(default = "default_per_case")]
    pub per_case: f64,
    /// The most the deduction can be (5).
    #[serde(default = "default_cap")]
    pub cap: f64,
    /// Whether the plan's township flags (commended, criticised …) apply.
    #[serde(default)]
    pub township_flags: bool,
}

fn default_weights() -> [f64; 2] {
    [0.7, 0.3]
}
fn default_points() -> f64 {
    70.0
}
fn default_per_case() -> f64 {
    0.5
}
fn default_cap() -> f64 {
    5.0
}

fn level(value: f64, labels: &[&str]) -> Level {
    Level {
        value,
        labels: labels.iter().map(|s| s.to_string()).collect(),
    }
}

impl Scheme {
    /// The county-bureau scheme: five satisfaction levels 0.9…0.5, four misconduct levels.
    pub fn county() -> Scheme {
        Scheme {
            name: "county".into(),
            satisfaction: vec![
                level(0.9, &["非常满意", "very satisfied"]),
                level(0.8, &["满意", "satisfied"]),
                level(0.7, &["基本满意", "根本满意", "basically satisfied"]),
                level(0.6, &["不太满意", "not very satisfied"]),
                level(0.5, &["不满意", "dissatisfied"]),
            ],
            misconduct: vec![
                level(1.0, &["不存在", "none", "no"]),
                level(
                    0.8,
                    &[
                        "有但不严重",
                        "不严重",
                        "present, not serious",
                        "not serious",
                    ],
                ),
                level(0.7, &["严重", "serious"]),
                level(0.5, &["非常严重", "very serious"]),
            ],
            weights: default_weights(),
            points: default_points(),
            per_case: default_per_case(),
            cap: default_cap(),
            township_flags: false,
        }
    }

    /// The township-office scheme: four satisfaction levels 0.9…0.6, three misconduct
    /// levels; the plan's commendation and criticism flags apply.
    pub fn township() -> Scheme {
        Scheme {
            name: "township".into(),
            satisfaction: vec![
                level(0.9, &["满意", "satisfied"]),
                level(0.8, &["基本满意", "根本满意", "basically satisfied"]),
                level(0.7, &["不太满意", "not very satisfied"]),
                level(0.6, &["不满意", "dissatisfied"]),
            ],
            misconduct: vec![
                level(1.0, &["不存在", "none", "no"]),
                level(0.8, &["不严重", "not serious"]),
                level(0.7, &["严重", "serious"]),
            ],
            weights: default_weights(),
            points: default_points(),
            per_case: default_per_case(),
            cap: default_cap(),
            township_flags: true,
        }
    }

    /// A built-in scheme by name, or a TOML file.
    pub fn load(name: &str) -> Result<Scheme> {
        match name {
            "county" => Ok(Scheme::county()),
            "township" => Ok(Scheme::township()),
            path => {
                let text = crate::io::files::read_regular_text(path.as_ref())?;
                let scheme: Scheme = toml::from_str(&text).map_err(|e| {
                    Error::input(Location::file(path), format!("is not a valid scheme: {e}"))
                })?;
                if scheme.satisfaction.is_empty() || scheme.misconduct.is_empty() {
                    return Err(Error::input(
                        Location::file(path),
                        "needs satisfaction and misconduct levels",
                    ));
                }
                Ok(scheme)
            }
        }
    }

    /// The value of an answer to question 1 or 2; `None` when the label is unknown.
    pub fn value(levels: &[Level], answer: &str) -> Option<f64> {
        let key = match_key(answer);
        levels
            .iter()
            .find(|l| l.labels.iter().any(|x| match_key(x) == key))
            .map(|l| l.value)
    }

    /// The labels a question accepts, for messages.
    pub fn accepted(levels: &[Level]) -> String {
        levels
            .iter()
            .map(|l| l.labels[0].as_str())
            .collect::<Vec<_>>()
            .join("/")
    }
}
