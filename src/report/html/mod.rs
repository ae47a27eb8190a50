//! The HTML report: one self-contained page (inline CSS and SVG, no script, no fetch)
//! rendered from what the stages wrote, every text from the message catalogue.

pub mod chart;
pub mod page;
mod sections;

pub use sections::scores_chart;

use crate::provenance::verdict::Verdict;

/// Figures over fewer respondents than this are shown as `<5`.
pub const MIN_RESPONDENTS: u64 = 5;

/// Everything the report shows, read from the outputs and their manifests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub proof: Proof,
    pub levels: Vec<Level>,
}

/// The inputs and the proof: the files, the seeds, and the chain's verification.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Proof {
    pub files: Vec<FileFact>,
    /// ((level, command), seed) for each seeded stage.
    pub seeds: Vec<((String, String), String)>,
    pub verdicts: Vec<Verdict>,
}

/// One file a manifest names (by its file name only).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileFact {
    pub level: String,
    pub role: String,
    pub name: String,
    pub rows: u64,
    pub sha256: String,
}

/// One level (a folder of outputs: the city, the county): its stages that ran.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Level {
    pub name: String,
    pub frame: Option<FrameView>,
    pub draw: Option<DrawView>,
    pub audit: Option<Vec<TallyRow>>,
    pub scores: Option<ScoreView>,
}

/// A stratum's population, sample and reserve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stratum {
    pub unit: String,
    pub category: String,
    pub population: u64,
    pub sample: u64,
    pub reserve: u64,
}

/// The frame and the rules it applied, as (rule, value) pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameView {
    pub rules: Vec<(String, String)>,
    pub strata: Vec<Stratum>,
}

/// The draw: per stratum how many were drawn (main) and how many reserves, and the
/// data-quality findings counted per unit.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawView {
    pub strata: Vec<Stratum>,
    pub quality: Vec<QualityCount>,
}

/// One unit's data-quality findings by kind: counts, not people. A finding whose rows
/// lie in two units counts in both; `unit` is empty for findings not given a unit
/// (those of reports written before findings were counted per unit, or not listed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QualityCount {
    pub unit: String,
    pub invalid_id: u64,
    pub id_repeated: u64,
    pub phone_shared: u64,
    /// ID numbers and phones whose digits Excel lost (stored as numbers).
    pub digits_lost: u64,
}

impl QualityCount {
    /// Counts `n` findings of `kind` (as the quality report names kinds); false for a
    /// kind this version does not know.
    pub fn add(&mut self, kind: &str, n: u64) -> bool {
        let slot = match kind {
            "invalid_id_number" => &mut self.invalid_id,
            "id_number_repeated" => &mut self.id_repeated,
            "phone_shared" => &mut self.phone_shared,
            "digits_lost" => &mut self.digits_lost,
            _ => return false,
        };
        *slot += n;
        true
    }
}

/// One unit's audit.
#[derive(Debug, Clone, PartialEq)]
pub struct TallyRow {
    pub unit: String,
    pub checked: u64,
    pub false_found: u64,
    pub unverifiable: u64,
    pub deduction: f64,
    pub rate: f64,
    pub low: f64,
    pub high: f64,
    pub flag: String,
}

/// The ranking, in rank order.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreView {
    pub weighted: bool,
    pub units: Vec<ScoreRow>,
}

/// One unit's score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub unit: String,
    pub respondents: Option<u64>,
    /// `None` (blank in the score table) for a unit without survey answers.
    pub survey: Option<f64>,
    pub deduction: f64,
    /// `None` for a unit without an inspection score (disqualified, or excluded).
    pub inspection: Option<f64>,
    pub total: Option<f64>,
    /// `None` for a unit not ranked (disqualified, no answers, no inspection score).
    pub rank: Option<u64>,
    pub flags: String,
    /// The design-weighted 95% interval of the survey score.
    pub interval: Option<(f64, f64)>,
}

impl ScoreRow {
    /// Whether the unit has too few respondents for its figures to be shown (some, but
    /// fewer than five: a unit without any has no figures to hide).
    pub fn small(&self) -> bool {
        self.respondents
            .is_some_and(|n| n > 0 && n < MIN_RESPONDENTS)
    }
}

/// The report as one HTML document in the chosen language.
pub fn render(report: &Report) -> String {
    let lang = match crate::i18n::language() {
        crate::i18n::Lang::Zh => "zh-CN",
        crate::i18n::Lang::En => "en",
    };
    let title = crate::i18n::msg!("report-title").render();
    let mut body = format!("<h1>{}</h1>\n", page::escape(&title));
    body.push_str(&sections::proof(&report.proof));
    for level in &report.levels {
        body.push_str(&sections::level(level));
    }
    page::document(lang, &title, &body)
}
