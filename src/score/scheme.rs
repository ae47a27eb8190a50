//! Scoring schemes: the plan's two (county bureaus, township offices) and custom ones
//! from a TOML file — answer levels with their values and labels, weights, points,
//! and the false-recipient deduction.

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::io::text::match_key;

/// One answer level of a question.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// Checks one question's levels.
fn check_levels(key: &str, levels: &[Level]) -> std::result::Result<(), String> {
    if levels.is_empty() {
        return Err(format!(
            "has no {key} levels; add at least one [[{key}]] table with a value and labels"
        ));
    }
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, level) in levels.iter().enumerate() {
        let at = format!("{key} level {}", i + 1);
        check_level(&at, level)?;
        for label in &level.labels {
            seen.push((check_label(&at, key, i, label, &seen)?, i));
        }
    }
    Ok(())
}

/// Checks one level's value (from 0 to 1) and that it has labels.
fn check_level(at: &str, level: &Level) -> std::result::Result<(), String> {
    if !(level.value.is_finite() && (0.0..=1.0).contains(&level.value)) {
        return Err(format!(
            "{at} has value {}; a level's value is the share of the points it earns, a number from 0 to 1",
            level.value
        ));
    }
    if level.labels.is_empty() {
        return Err(format!(
            "{at} has no labels; write the answers that name it, e.g. labels = [\"满意\", \"satisfied\"]"
        ));
    }
    Ok(())
}

/// Checks one label of level `i`: not blank, and naming no level `seen` already names
/// (labels by their match key, with their level); the label's match key.
fn check_label(
    at: &str,
    key: &str,
    i: usize,
    label: &str,
    seen: &[(String, usize)],
) -> std::result::Result<String, String> {
    let k = match_key(label);
    if k.is_empty() {
        return Err(format!(
            "{at} has a blank label; write the answer as interviewers record it"
        ));
    }
    match seen.iter().find(|(x, _)| *x == k) {
        Some((_, other)) if *other == i => Err(format!("{at} has the label '{label}' twice")),
        Some((_, other)) => Err(format!(
            "{at} has the label '{label}', which also names {key} level {}; a label names one level",
            other + 1
        )),
        None => Ok(k),
    }
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
                Scheme::parse(&text, path)
            }
        }
    }

    /// Reads and checks a custom scheme; `name` is the file named in messages.
    pub fn parse(text: &str, name: &str) -> Result<Scheme> {
        let scheme: Scheme = toml::from_str(text).map_err(|e| {
            Error::input(
                Location::file(name),
                format!("is not a valid scheme: {}", e.to_string().trim_end()),
            )
        })?;
        scheme
            .validate()
            .map_err(|m| Error::input(Location::file(name), m))?;
        Ok(scheme)
    }

    /// Checks every number and label: values and weights from 0 to 1 (weights adding
    /// up to 1), points above 0 and at most 100, the deduction and its cap from 0 to
    /// the points, each level with a label, and no label naming two levels.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("key name is empty; give the scheme a name, e.g. name = \"county\"".into());
        }
        for (key, levels) in [
            ("satisfaction", &self.satisfaction),
            ("misconduct", &self.misconduct),
        ] {
            check_levels(key, levels)?;
        }
        self.check_weights()?;
        self.check_points()
    }

    /// Each weight from 0 to 1, the two adding up to 1.
    fn check_weights(&self) -> std::result::Result<(), String> {
        for (i, w) in self.weights.iter().enumerate() {
            if !(w.is_finite() && (0.0..=1.0).contains(w)) {
                return Err(format!(
                    "key weights holds {w} as weight {}; each weight is a number from 0 to 1, e.g. weights = [0.7, 0.3]",
                    i + 1
                ));
            }
        }
        let sum = self.weights[0] + self.weights[1];
        if (sum - 1.0).abs() > 1e-9 {
            return Err(format!(
                "key weights adds up to {sum}, not 1; the two questions' weights share the survey's points, e.g. weights = [0.7, 0.3]"
            ));
        }
        Ok(())
    }

    /// The points above 0 and at most 100; the deduction and its cap from 0 to them.
    fn check_points(&self) -> std::result::Result<(), String> {
        if !(self.points.is_finite() && self.points > 0.0 && self.points <= 100.0) {
            return Err(format!(
                "key points holds {}; the survey's points are a number above 0 and at most 100 (70 in the plan)",
                self.points
            ));
        }
        for (key, v, usual) in [("per_case", self.per_case, "0.5"), ("cap", self.cap, "5")] {
            if !(v.is_finite() && v >= 0.0 && v <= self.points) {
                return Err(format!(
                    "key {key} holds {v}; it is a number of points from 0 to the survey's {} ({usual} in the plan)",
                    self.points
                ));
            }
        }
        Ok(())
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
            .filter_map(|l| l.labels.first().map(String::as_str))
            .collect::<Vec<_>>()
            .join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEVELS: &str = "[[satisfaction]]\nvalue = 1.0\nlabels = [\"满意\"]\n[[misconduct]]\nvalue = 1\nlabels = [\"不存在\"]\n";

    fn parse(extra: &str) -> std::result::Result<Scheme, String> {
        Scheme::parse(&format!("name = \"x\"\n{extra}\n{LEVELS}"), "s.toml")
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_built_in_schemes_are_valid() {
        assert_eq!(Scheme::county().validate(), Ok(()));
        assert_eq!(Scheme::township().validate(), Ok(()));
        let s = parse("").unwrap();
        assert_eq!((s.points, s.cap, s.weights), (70.0, 5.0, [0.7, 0.3]));
    }

    #[test]
    fn every_number_is_checked() {
        for (extra, needle) in [
            ("points = nan", "key points"),
            ("points = inf", "key points"),
            ("points = -70", "key points"),
            ("points = 0", "key points"),
            ("cap = -1", "key cap"),
            ("cap = nan", "key cap"),
            ("per_case = -0.5", "key per_case"),
            ("per_case = inf", "key per_case"),
            ("weights = [nan, 0.3]", "key weights"),
            ("weights = [-0.7, 1.7]", "key weights"),
            ("weights = [0.7, 0.7]", "adds up to"),
        ] {
            let e = parse(extra).unwrap_err();
            assert!(e.contains("s.toml") && e.contains(needle), "{extra}: {e}");
        }
    }

    #[test]
    fn levels_are_checked() {
        let bad = |body: &str| {
            Scheme::parse(&format!("name = \"x\"\n{body}"), "s.toml")
                .unwrap_err()
                .to_string()
        };
        let ok_m = "[[misconduct]]\nvalue = 1.0\nlabels = [\"不存在\"]\n";
        let e = bad(&format!(
            "[[satisfaction]]\nvalue = 0.9\nlabels = []\n{ok_m}"
        ));
        assert!(e.contains("satisfaction level 1 has no labels"), "{e}");
        let e = bad(&format!(
            "[[satisfaction]]\nvalue = nan\nlabels = [\"a\"]\n{ok_m}"
        ));
        assert!(e.contains("satisfaction level 1 has value NaN"), "{e}");
        let e = bad(&format!(
            "[[satisfaction]]\nvalue = 0.9\nlabels = [\"a\"]\n[[satisfaction]]\nvalue = 0.5\nlabels = [\" A \"]\n{ok_m}"
        ));
        assert!(
            e.contains("satisfaction level 2") && e.contains("level 1"),
            "{e}"
        );
        let e = bad(&format!("satisfaction = []\n{ok_m}"));
        assert!(e.contains("no satisfaction levels"), "{e}");
        let e = bad(&format!(
            "[[satisfaction]]\nvalue = 2\nlabels = [\"a\"]\n{ok_m}"
        ));
        assert!(e.contains("from 0 to 1"), "{e}");
        let e = bad(&format!(
            "[[satisfaction]]\nvalue = 0.5\nlabels = [\"  \"]\n{ok_m}"
        ));
        assert!(e.contains("blank label"), "{e}");
    }
}
