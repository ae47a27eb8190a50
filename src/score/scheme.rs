//! Scoring schemes: the plan's two (county bureaus, township offices) and custom ones
//! from a TOML file — answer levels with their values and labels, weights, points,
//! and the false-recipient deduction.

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::i18n::{Message, msg};
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

/// A check of a scheme: fine, or what is wrong and what to write instead.
type Checked<T = ()> = std::result::Result<T, Message>;

/// Checks one question's levels.
fn check_levels(key: &str, levels: &[Level]) -> Checked {
    if levels.is_empty() {
        return Err(msg!("scheme-no-levels", key));
    }
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, level) in levels.iter().enumerate() {
        let at = msg!("scheme-level", key, level = i + 1);
        check_level(&at, level)?;
        for label in &level.labels {
            seen.push((check_label(&at, key, i, label, &seen)?, i));
        }
    }
    Ok(())
}

/// Checks one level's value (from 0 to 1) and that it has labels.
fn check_level(at: &Message, level: &Level) -> Checked {
    let at = at.clone();
    if !(level.value.is_finite() && (0.0..=1.0).contains(&level.value)) {
        return Err(msg!("scheme-level-value", at => at, value = level.value));
    }
    if level.labels.is_empty() {
        return Err(msg!("scheme-level-no-labels", at => at));
    }
    Ok(())
}

/// Checks one label of level `i`: not blank, and naming no level `seen` already names
/// (labels by their match key, with their level); the label's match key.
fn check_label(
    at: &Message,
    key: &str,
    i: usize,
    label: &str,
    seen: &[(String, usize)],
) -> Checked<String> {
    let k = match_key(label);
    let at = at.clone();
    if k.is_empty() {
        return Err(msg!("scheme-label-blank", at => at));
    }
    match seen.iter().find(|(x, _)| *x == k) {
        Some((_, other)) if *other == i => Err(msg!("scheme-label-twice", at => at, label)),
        Some((_, other)) => Err(msg!(
            "scheme-label-shared",
            at => at,
            label,
            other => msg!("scheme-level", key, level = other + 1)
        )),
        None => Ok(k),
    }
}

/// The 1-based line of the byte offset `at` of `text` (as an editor counts lines).
fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    1 + text.as_bytes()[..at]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
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
                level(1.0, &["不存在", "无", "没有", "none", "no"]),
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
                level(1.0, &["不存在", "无", "没有", "none", "no"]),
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
            let at = match e.span() {
                Some(span) => Location::file(name).at_row(line_of(text, span.start)),
                None => Location::file(name),
            };
            let reason = crate::i18n::toml_reason(e.message());
            Error::input(at, msg!("scheme-invalid", reason => reason))
        })?;
        scheme
            .validate()
            .map_err(|m| Error::input(Location::file(name), m))?;
        Ok(scheme)
    }

    /// Checks every number and label: values and weights from 0 to 1 (weights adding
    /// up to 1), points above 0 and at most 100, the deduction and its cap from 0 to
    /// the points, each level with a label, and no label naming two levels.
    pub fn validate(&self) -> Checked {
        if self.name.trim().is_empty() {
            return Err(msg!("scheme-name-empty"));
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
    fn check_weights(&self) -> Checked {
        for (i, w) in self.weights.iter().enumerate() {
            if !(w.is_finite() && (0.0..=1.0).contains(w)) {
                return Err(msg!("scheme-weight", weight = w, number = i + 1));
            }
        }
        let sum = self.weights[0] + self.weights[1];
        if (sum - 1.0).abs() > 1e-9 {
            return Err(msg!("scheme-weights-sum", sum));
        }
        Ok(())
    }

    /// The points above 0 and at most 100; the deduction and its cap from 0 to them.
    fn check_points(&self) -> Checked {
        if !(self.points.is_finite() && self.points > 0.0 && self.points <= 100.0) {
            return Err(msg!("scheme-points", points = self.points));
        }
        for (key, v, usual) in [("per_case", self.per_case, "0.5"), ("cap", self.cap, "5")] {
            if !(v.is_finite() && v >= 0.0 && v <= self.points) {
                return Err(msg!(
                    "scheme-deduction",
                    key,
                    value = v,
                    points = self.points,
                    usual
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
    fn the_help_of_score_lists_every_answer_of_the_built_in_schemes() {
        use crate::i18n::Lang;
        for (lang, marks) in [
            (Lang::En, ["township: ", "county: "]),
            (Lang::Zh, ["township（乡镇）：", "county（县局）："]),
        ] {
            let help = msg!("help-score-scheme").render_in(lang);
            let at = |m: &str| help.find(m).unwrap_or_else(|| panic!("{m} in {help}"));
            let (t, c) = (at(marks[0]), at(marks[1]));
            for (scheme, part) in [
                (Scheme::township(), &help[t..c]),
                (Scheme::county(), &help[c..]),
            ] {
                for level in scheme.satisfaction.iter().chain(&scheme.misconduct) {
                    let (label, v) = (&level.labels[0], level.value);
                    let said = [
                        format!("{label} {v}"),
                        format!("{label} (or 无) {v}"),
                        format!("{label}（或 无）{v}"),
                    ];
                    assert!(
                        said.iter().any(|x| part.contains(x.as_str())),
                        "{label} {v} in {part}"
                    );
                }
            }
        }
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
