//! The sampling frame (抽样样本框): how many respondents of each category to take in
//! each evaluated unit, from a count table and a plan.

pub mod allocate;
pub mod read;
pub mod settings;
pub mod size;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use allocate::{Share, allocate};

use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::i18n::msg;
use crate::io::alias::category_cell;
use crate::io::counts::{CountTable, StratumCount};
use crate::io::{Category, Cell, ColumnKind, ColumnSpec, OutputTable, PrintForm};
use crate::rate::Rate;

/// How a unit's sample is shared among its categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// n_h ∝ N_h.
    Proportional,
    /// The same share for every non-empty stratum.
    Equal,
    /// n_h ∝ N_h·S_h (S_h from `sd`, or √(p(1−p)) from `p`).
    Neyman,
    /// n_h ∝ N_h·S_h/√c_h (cost per interview from `cost`).
    Optimal,
    /// n_h fixed by the table's `quota` column.
    Quota,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Proportional => "proportional",
            Method::Equal => "equal",
            Method::Neyman => "neyman",
            Method::Optimal => "optimal",
            Method::Quota => "quota",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Method, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "proportional" | "比例" => Ok(Method::Proportional),
            "equal" | "等额" => Ok(Method::Equal),
            "neyman" | "奈曼" => Ok(Method::Neyman),
            "optimal" | "最优" => Ok(Method::Optimal),
            "quota" | "配额" => Ok(Method::Quota),
            other => Err(format!(
                "unknown allocation method '{other}'; use proportional, equal, neyman, optimal or quota"
            )),
        }
    }
}

/// Where each unit's total sample size comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SizeRule {
    /// The same size for every unit.
    PerUnit(u64),
    /// From a margin of error at a confidence level, for an expected proportion p.
    Margin {
        margin: f64,
        confidence: f64,
        p: f64,
    },
    /// Only from the table's `sample_size` column (or quotas).
    FromTable,
}

/// Reserves drawn beside the sample for non-response.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReserveRule {
    None,
    /// ceil(rate × n_h).
    Rate(Rate),
    /// A fixed number per stratum.
    Fixed(u64),
}

/// A validated frame plan.
#[derive(Debug, Clone, PartialEq)]
pub struct FramePlan {
    pub size: SizeRule,
    pub method: Method,
    pub min_per_stratum: u64,
    pub reserves: ReserveRule,
}

impl FramePlan {
    /// Checks the numbers a user typed, before any file is read.
    pub fn validate(&self) -> Result<()> {
        match self.size {
            SizeRule::PerUnit(0) => Err(Error::usage(msg!("frame-per-unit-zero"))),
            SizeRule::Margin { margin, .. } if !(margin > 0.0 && margin < 1.0) => {
                Err(Error::usage(msg!("frame-margin-range", margin = margin)))
            }
            SizeRule::Margin { confidence, .. } if !(confidence > 0.0 && confidence < 1.0) => Err(
                Error::usage(msg!("frame-confidence-range", confidence = confidence)),
            ),
            SizeRule::Margin { p, .. } if !(p > 0.0 && p < 1.0) => {
                Err(Error::usage(msg!("frame-p-range", p = p)))
            }
            _ => Ok(()),
        }
    }
}

/// One stratum of the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameRow {
    pub unit: String,
    pub category: Category,
    pub population: u64,
    pub sample: u64,
    pub reserve: u64,
}

impl FrameRow {
    /// n_h / N_h (0 for an empty stratum).
    pub fn inclusion_prob(&self) -> f64 {
        if self.population == 0 {
            0.0
        } else {
            self.sample as f64 / self.population as f64
        }
    }

    /// N_h / n_h, the design weight; `None` where nobody is sampled.
    pub fn weight(&self) -> Option<f64> {
        (self.sample > 0).then(|| self.population as f64 / self.sample as f64)
    }
}

/// Per-unit totals of a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTotal {
    pub unit: String,
    pub population: u64,
    pub target: u64,
    pub sample: u64,
    pub reserve: u64,
    pub strata: usize,
    pub note: String,
}

/// A built frame: strata rows, per-unit totals and warnings for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub rows: Vec<FrameRow>,
    pub units: Vec<UnitTotal>,
    pub warnings: Vec<String>,
}

/// Builds the frame of every unit of `counts` under `plan`.
pub fn build_frame(counts: &CountTable, plan: &FramePlan) -> Result<Frame> {
    plan.validate()?;
    let mut frame = Frame {
        rows: Vec::new(),
        units: Vec::new(),
        warnings: counts.warnings(),
    };
    for (unit, strata) in counts.units() {
        let population: u64 = strata.iter().map(|s| s.population).sum();
        let (target, samples, note) =
            unit_samples(counts, plan, unit, &strata, population, &mut frame.warnings)?;
        let mut unit_total = UnitTotal {
            unit: unit.to_string(),
            population,
            target,
            sample: 0,
            reserve: 0,
            strata: strata.len(),
            note,
        };
        for (s, sample) in strata.iter().zip(samples) {
            let reserve = reserve_of(plan, s.population, sample);
            unit_total.sample += sample;
            unit_total.reserve += reserve;
            frame.rows.push(FrameRow {
                unit: s.unit.clone(),
                category: s.category.clone(),
                population: s.population,
                sample,
                reserve,
            });
        }
        frame.units.push(unit_total);
    }
    Ok(frame)
}

/// One unit's target, its strata's samples, and the note on how they were allocated.
fn unit_samples(
    counts: &CountTable,
    plan: &FramePlan,
    unit: &str,
    strata: &[&StratumCount],
    population: u64,
    warnings: &mut Vec<String>,
) -> Result<(u64, Vec<u64>, String)> {
    if plan.method == Method::Quota {
        let q = quotas(strata)?;
        return Ok((q.iter().sum(), q, String::new()));
    }
    let target = unit_target(counts, plan, unit, population)?;
    let shares = shares(plan.method, strata)?;
    let (samples, notes) = allocate(target, &shares, plan.min_per_stratum);
    let note = describe_notes(
        unit,
        target,
        population,
        &notes,
        plan.min_per_stratum,
        strata,
        warnings,
    );
    Ok((target.min(population), samples, note))
}

/// A stratum's reserves under the plan, never more than those left after the sample.
fn reserve_of(plan: &FramePlan, population: u64, sample: u64) -> u64 {
    match plan.reserves {
        ReserveRule::None => 0,
        ReserveRule::Rate(r) => r.ceil_times(sample),
        ReserveRule::Fixed(k) => k,
    }
    .min(population - sample)
}

fn unit_target(counts: &CountTable, plan: &FramePlan, unit: &str, population: u64) -> Result<u64> {
    if let Some(&n) = counts.sample_sizes.get(unit) {
        if n == 0 {
            return Err(Error::input(
                counts.origin.clone(),
                msg!("frame-size-zero", unit = unit),
            ));
        }
        return Ok(n);
    }
    match plan.size {
        SizeRule::PerUnit(n) => Ok(n),
        SizeRule::Margin {
            margin,
            confidence,
            p,
        } => Ok(size::sample_size(population, margin, confidence, p)),
        SizeRule::FromTable => Err(Error::input(
            counts.origin.clone(),
            msg!("frame-no-size", unit = unit),
        )),
    }
}

fn missing(s: &StratumCount, what: Message) -> Error {
    Error::input(
        s.location.clone(),
        msg!(
            "frame-stratum-missing",
            unit = s.unit,
            category = s.category.zh(),
            what => what
        ),
    )
}

/// S_h from `sd`, or √(p(1−p)) from `p`.
fn spread(s: &StratumCount) -> Result<f64> {
    match (s.sd, s.p) {
        (Some(sd), _) => Ok(sd),
        (None, Some(p)) if p <= 1.0 => Ok((p * (1.0 - p)).sqrt()),
        (None, Some(p)) => Err(Error::input(
            s.location.clone(),
            msg!("frame-p-above-one", p = p),
        )),
        (None, None) => Err(missing(s, msg!("frame-missing-spread"))),
    }
}

fn shares(method: Method, strata: &[&StratumCount]) -> Result<Vec<Share>> {
    strata
        .iter()
        .map(|s| {
            let n = s.population as f64;
            let weight = match method {
                Method::Proportional | Method::Quota => n,
                Method::Equal => (s.population > 0) as u8 as f64,
                Method::Neyman if s.population == 0 => 0.0,
                Method::Neyman => n * spread(s)?,
                Method::Optimal if s.population == 0 => 0.0,
                Method::Optimal => {
                    let cost = s
                        .cost
                        .ok_or_else(|| missing(s, msg!("frame-missing-cost")))?;
                    if cost <= 0.0 {
                        return Err(Error::input(s.location.clone(), msg!("frame-cost-zero")));
                    }
                    n * spread(s)? / cost.sqrt()
                }
            };
            Ok(Share {
                name: s.category.key().to_string(),
                population: s.population,
                weight,
            })
        })
        .collect()
}

fn quotas(strata: &[&StratumCount]) -> Result<Vec<u64>> {
    strata
        .iter()
        .map(|s| {
            let q = s
                .quota
                .ok_or_else(|| missing(s, msg!("frame-missing-quota")))?;
            if q > s.population {
                return Err(Error::input(
                    s.location.clone(),
                    msg!(
                        "frame-quota-above-population",
                        quota = q,
                        unit = s.unit,
                        category = s.category.zh(),
                        population = s.population
                    ),
                ));
            }
            Ok(q)
        })
        .collect()
}

fn describe_notes(
    unit: &str,
    target: u64,
    population: u64,
    notes: &allocate::AllocationNotes,
    minimum: u64,
    strata: &[&StratumCount],
    warnings: &mut Vec<String>,
) -> String {
    let label = |key: &str| {
        strata
            .iter()
            .find(|s| s.category.key() == key)
            .map(|s| s.category.zh().to_string())
            .unwrap_or_else(|| key.to_string())
    };
    if notes.whole_unit {
        warnings.push(msg!("frame-whole-unit", unit, population, target).render());
        return "全部抽取 whole unit".to_string();
    }
    let mut parts = Vec::new();
    if !notes.take_all.is_empty() {
        let names: Vec<String> = notes.take_all.iter().map(|k| label(k)).collect();
        parts.push(format!("全取 take-all: {}", names.join("、")));
    }
    if notes.minimum_unmet {
        warnings.push(msg!("frame-minimum-unmet", unit, target, minimum).render());
        parts.push("最低数未满足 minimum unmet".to_string());
    }
    parts.join("; ")
}

/// The stratum table's columns.
pub const FRAME_COLUMNS: [ColumnSpec; 7] = [
    ColumnSpec::new("unit", "单位", ColumnKind::Text),
    ColumnSpec::new("category", "类别", ColumnKind::Text),
    ColumnSpec::new("population", "总体人数", ColumnKind::Int),
    ColumnSpec::new("sample", "样本量", ColumnKind::Int),
    ColumnSpec::new("reserve", "备用样本", ColumnKind::Int),
    ColumnSpec::new("inclusion_prob", "入样概率", ColumnKind::Float).with_decimals(4),
    ColumnSpec::new("weight", "权数", ColumnKind::Float).with_decimals(2),
];

/// The per-unit totals sheet's columns.
pub const UNIT_COLUMNS: [ColumnSpec; 7] = [
    ColumnSpec::new("unit", "单位", ColumnKind::Text),
    ColumnSpec::new("population", "总体人数", ColumnKind::Int),
    ColumnSpec::new("target", "目标样本量", ColumnKind::Int),
    ColumnSpec::new("sample", "样本量", ColumnKind::Int),
    ColumnSpec::new("reserve", "备用样本", ColumnKind::Int),
    ColumnSpec::new("strata", "层数", ColumnKind::Int),
    ColumnSpec::new("note", "说明", ColumnKind::Text),
];

impl Frame {
    /// The stratum table, then the per-unit totals (a second sheet in workbooks only).
    pub fn to_tables(&self) -> Vec<OutputTable> {
        let rows = self
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.unit.clone()),
                    category_cell(&r.category),
                    Cell::Int(r.population as i64),
                    Cell::Int(r.sample as i64),
                    Cell::Int(r.reserve as i64),
                    Cell::Float(r.inclusion_prob()),
                    r.weight().map(Cell::Float).unwrap_or(Cell::Empty),
                ]
            })
            .collect();
        let units = self
            .units
            .iter()
            .map(|u| {
                vec![
                    Cell::Text(u.unit.clone()),
                    Cell::Int(u.population as i64),
                    Cell::Int(u.target as i64),
                    Cell::Int(u.sample as i64),
                    Cell::Int(u.reserve as i64),
                    Cell::Int(u.strata as i64),
                    Cell::Text(u.note.clone()),
                ]
            })
            .collect();
        vec![
            OutputTable {
                sheet: "抽样样本框".to_string(),
                columns: FRAME_COLUMNS.to_vec(),
                rows,
                choices: Vec::new(),
            },
            OutputTable {
                sheet: "各单位合计".to_string(),
                columns: UNIT_COLUMNS.to_vec(),
                rows: units,
                choices: Vec::new(),
            },
        ]
    }

    /// How the two sheets print in a workbook: a title naming the sheet with the number
    /// of units, and a 合计 row under the counts. The title holds nothing of the inputs'
    /// file names, so the same counts print the same from any file or front end.
    pub fn print_forms(&self) -> Vec<PrintForm> {
        let units = self.totals_by_unit().len();
        vec![
            PrintForm {
                title: format!("抽样样本框（{units} 个单位）"),
                // 总体人数, 样本量, 备用样本
                totals: vec![2, 3, 4],
                internal: false,
            },
            PrintForm {
                title: format!("各单位合计（{units} 个单位）"),
                // 总体人数, 目标样本量, 样本量, 备用样本, 层数
                totals: vec![1, 2, 3, 4, 5],
                internal: false,
            },
        ]
    }

    /// Totals by unit, keyed by unit name.
    pub fn totals_by_unit(&self) -> BTreeMap<&str, u64> {
        self.units
            .iter()
            .map(|u| (u.unit.as_str(), u.sample))
            .collect()
    }
}

impl Frame {
    /// The order-independent content digest of the stratum table.
    pub fn content_digest(&self) -> crate::io::digest::ContentDigest {
        rows_digest(&self.rows)
    }
}

/// The order-independent content digest of frame rows (as written or as read back).
pub fn rows_digest(rows: &[FrameRow]) -> crate::io::digest::ContentDigest {
    crate::io::digest::ContentDigest::of(rows.iter().map(|r| {
        let fields = vec![
            r.unit.clone(),
            r.category.key().to_string(),
            r.population.to_string(),
            r.sample.to_string(),
            r.reserve.to_string(),
        ];
        (r.unit.as_str(), r.category.key(), fields)
    }))
}
