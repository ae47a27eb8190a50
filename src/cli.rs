//! The command line: clap derive structs, told in the chosen language. The structs'
//! doc comments are the English help as a programmer reads it here; what a person sees
//! (help, parse errors) comes from the catalogue (`help` and `parse_error`).

mod help;
mod parse_error;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use parse_error::BadValue;
use pingyi::i18n::{self, msg};

use pingyi::audit::tally::TallyRules;
use pingyi::commands::OutputOptions;
use pingyi::commands::audit::{SelectOptions, TallyOptions};
use pingyi::commands::counts::CountsOptions;
use pingyi::commands::draw::{DrawOptions, DrawRules, RosterInputs};
use pingyi::commands::frame::FrameOptions;
use pingyi::commands::run::RunOptions;
use pingyi::commands::score::ScoreOptions;
use pingyi::commands::size::SizeOptions;
use pingyi::commands::synth::SynthOptions;
use pingyi::commands::verify::{VerifyOptions, VerifyTarget};
use pingyi::error::{Error, Result};
use pingyi::frame::settings::FrameSettings;
use pingyi::io::Lang;
use pingyi::io::write::WriteOptions;
use pingyi::score::{MissingInspection, ScorePolicy};

/// pingyi (评议): sampling frames, draws, audits and scores for the civil-affairs
/// democratic-evaluation survey.
///
/// Start with `pingyi run`, which runs the whole pipeline on the bundled example in
/// data/ and writes everything under out/.
#[derive(Debug, Parser)]
#[command(name = "pingyi", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages, zh or en (default: PINGYI_LANG, else the system locale);
    /// also the header language of CSV, JSON and Parquet outputs unless --headers says
    /// otherwise.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
}

/// The command line parsed, or the exit code once help, the version or a parse error
/// has been printed. The language is chosen before clap reads anything (`--lang`, else
/// `PINGYI_LANG`, else the system locale), so help and errors speak it.
pub fn parse(args: Vec<OsString>) -> std::result::Result<Cli, u8> {
    if let Some(lang) = lang_in_args(&args) {
        i18n::set_language(lang.into());
    }
    let mut cmd = command(i18n::language());
    cmd.try_get_matches_from_mut(args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| report(e.format(&mut cmd)))
}

/// The whole command tree, built, with every text in `lang`.
pub fn command(lang: pingyi::i18n::Lang) -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    help::localize(cmd, help::ROOT, help::ROOT, lang)
}

/// Prints what clap stopped at and gives the exit code: 0 for help and the version, 2
/// for an error (help shown because a subcommand is missing is one too).
fn report(e: clap::Error) -> u8 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            2
        }
        _ => {
            eprintln!("{}", parse_error::render(&e));
            2
        }
    }
}

/// The `--lang` of a command line (`--lang zh`, `--lang=zh`) before clap reads it; none
/// if absent, not a language, or after `--`.
pub fn lang_in_args(args: &[OsString]) -> Option<LangArg> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.as_ref() {
            "--" => return None,
            "--lang" => words.next()?.into_owned(),
            w => match w.strip_prefix("--lang=") {
                Some(v) => v.to_string(),
                None => continue,
            },
        };
        return LangArg::from_str(&value, false).ok();
    }
    None
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Run(RunArgs),
    Frame(FrameArgs),
    Size(SizeArgs),
    Draw(DrawArgs),
    Audit(AuditArgs),
    Verify(VerifyArgs),
    Score(ScoreArgs),
    Seed(SeedArgs),
    Counts(CountsArgs),
    Synth(SynthArgs),
    Report(ReportArgs),
    Serve(ServeArgs),
}

/// Draw every stratum's sample and ordered reserves from recipient rosters.
///
/// Each recipient gets a ticket from the seed and its id alone (the tickets of Rivest's
/// consistent_sampler: SHA-256 of the seed's hex digest followed by the id); in each
/// stratum the n smallest tickets are the sample and the next r, in ticket order, the
/// reserves. Anyone with the roster and the seed can re-derive the draw (docs/ALGORITHM.md).
///
/// Example: pingyi draw --frame frame.csv --roster roster.csv --seed 20260615 --out sample.xlsx
#[derive(Debug, Args)]
pub struct DrawArgs {
    /// The frame written by `pingyi frame`.
    #[arg(long)]
    pub frame: PathBuf,
    /// A recipient roster (id, unit, category, any other columns); repeat for several
    /// files, e.g. one per township.
    #[arg(long, required = true)]
    pub roster: Vec<PathBuf>,
    /// The announced seed, exactly as typed (text, never a number).
    #[arg(long)]
    pub seed: String,
    /// The column that identifies each recipient, e.g. 身份证号 (default: id/编号).
    #[arg(long)]
    pub id_column: Option<String>,
    /// The roster worksheet to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Take a stratum whole when its roster is smaller than its sample.
    #[arg(long)]
    pub take_all_short: bool,
    /// Draw even if roster counts differ from the frame; probabilities use the roster.
    #[arg(long)]
    pub allow_count_mismatch: bool,
    /// Draw from a frame that differs from what its manifest recorded.
    #[arg(long)]
    pub allow_edited_frame: bool,
    /// A commitment from `pingyi seed commit`: the frame and rosters must match it.
    #[arg(long)]
    pub commitment: Option<PathBuf>,
    /// Threads reading the rosters (default: one per core). The sample is the same
    /// for any number.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub threads: usize,
    /// KiB per chunk of a CSV roster handed to a thread (never changes the sample).
    #[arg(long, default_value_t = pingyi::draw::scan::CHUNK_BYTES / 1024, hide = true)]
    pub chunk_kib: usize,
    /// Digests each thread holds in memory before sorting them to a temporary file.
    #[arg(long, default_value_t = pingyi::draw::scan::SORT_BUFFER, hide = true)]
    pub sort_buffer: usize,
    /// Print the same draw as one SQL query for DuckDB or Spark instead of drawing
    /// (rosters are read only to their header). See docs/ALGORITHM.md.
    #[arg(long, value_name = "ENGINE", value_parser = ["duckdb", "spark"])]
    pub emit_sql: Option<String>,
    /// The sample file; its extension picks the format: .csv, .xlsx, .json or .parquet.
    /// A manifest is written beside it as <out>.manifest.json.
    #[arg(long, short = 'o', required_unless_present = "emit_sql")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub how: WriteArgs,
    #[command(flatten)]
    pub mask: MaskArgs,
}

/// The county's 30% verification audit of the collected samples (抽查审核).
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: AuditCommand,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    Select(AuditSelectArgs),
    Tally(AuditTallyArgs),
}

/// Select the random verification subset of a collected sample and write the checklist.
///
/// Per unit, ceil(rate × collected records) (at least one), spread over its categories,
/// chosen by the smallest tickets of the audit seed (the draw's algorithm). The checklist
/// has empty 核查结果 (真实/虚假/无法核实), 核查人, 核查日期 and 备注 columns to fill in.
///
/// Example: pingyi audit select --sample sample.csv --seed 20260701 --out checklist.xlsx
#[derive(Debug, Args)]
pub struct AuditSelectArgs {
    /// The collected sample: pingyi's draw output (main rows, and reserves marked in a
    /// `used` column), or a list in the roster format.
    #[arg(long)]
    pub sample: PathBuf,
    /// The audit seed, announced after the sample was collected (not the draw seed).
    #[arg(long)]
    pub seed: String,
    /// The share of each unit's records to check.
    #[arg(long, default_value = "0.30", allow_negative_numbers = true, value_parser = rate_value)]
    pub rate: String,
    /// The column that identifies each recipient (default: id/编号).
    #[arg(long)]
    pub id_column: Option<String>,
    /// The worksheet to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Check the filled checklists against their selection and tally the findings per unit.
///
/// One checklist, or one per township (--checklist repeated, or a folder): townships not
/// yet returned are pending. Every returned record must be present once and unchanged; results are read in
/// Chinese or English (真实/虚假/无法核实, genuine/false/unverifiable; a yes/no such as
/// 是/否, √/×, 1/0 or TRUE/FALSE is refused, as it reads either way). Per unit:
/// the deduction (0.5 per false recipient, at most 5) and the false rate with an exact
/// 95% interval; units whose rate could reach --recheck-at are flagged.
///
/// Example: pingyi audit tally --checklist checklist.xlsx --out tally.xlsx
#[derive(Debug, Args)]
pub struct AuditTallyArgs {
    /// A filled checklist, or a folder of them (repeat for several, one per township).
    #[arg(long, required = true)]
    pub checklist: Vec<PathBuf>,
    /// The selection's manifest (default: the one the checklists' 核查批次 names).
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// The worksheet to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Count blank results as pending instead of refusing them.
    #[arg(long)]
    pub partial: bool,
    /// Flag a unit whose false rate could be this high (upper end of the interval).
    #[arg(long, default_value_t = pingyi::audit::tally::TallyRules::default().recheck_at, allow_negative_numbers = true, value_parser = fraction_value)]
    pub recheck_at: f64,
    /// Points deducted per false recipient.
    #[arg(long, default_value_t = pingyi::audit::tally::TallyRules::default().per_case, allow_negative_numbers = true, value_parser = points_value)]
    pub per_case: f64,
    /// The most points the findings can cost.
    #[arg(long, default_value_t = pingyi::audit::tally::TallyRules::default().cap, allow_negative_numbers = true, value_parser = points_value)]
    pub cap: f64,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub mask: MaskArgs,
}

/// Prove an output came from its recorded inputs and parameters.
///
/// Re-reads the inputs a manifest records, checks their digests, re-derives the output
/// with the recorded parameters and seed, and compares: prints OK (exit 0), or every
/// difference — which input changed and in which strata, which output was edited — and
/// exits 3. A reordered input with the same content is reported as the same content.
///
/// Example: pingyi verify --chain --root . out/county/audit_tally.xlsx.manifest.json
///
/// The manifest must record the file beside it (`X` for `X.manifest.json`) as its
/// output, by name and digest. Files it names must lie inside its folder, or inside
/// the folder given with --root (`pingyi run` keeps its inputs in data/ beside out/, so
/// give --root with the folder holding both). `--seed` checks that a draw used the
/// announced seed, `--commitment` that its frame and rosters are those committed.
///
/// Also: `pingyi verify --sample LIST --roster R --frame F --seed S` checks a list that
/// claims to be the draw; `pingyi verify --calls LOG --sample SAMPLE` checks that reserves
/// were used in ticket order and only in place of lost main respondents.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The manifest to verify (<output>.manifest.json), or the output itself.
    pub manifest: Option<PathBuf>,
    /// The folder the manifest's files must lie in (default: the manifest's folder).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// A commitment from `pingyi seed commit` the draw's frame and rosters must match.
    #[arg(long)]
    pub commitment: Option<PathBuf>,
    /// Also verify every manifest the inputs link to, back to the count table.
    #[arg(long)]
    pub chain: bool,
    /// A sample to check (against a fresh draw, or against a call log with --calls).
    #[arg(long)]
    pub sample: Option<PathBuf>,
    /// The roster(s) the sample should have been drawn from.
    #[arg(long)]
    pub roster: Vec<PathBuf>,
    /// The frame the sample should have been drawn from.
    #[arg(long)]
    pub frame: Option<PathBuf>,
    /// The announced draw seed: a draw made with any other seed fails.
    #[arg(long)]
    pub seed: Option<String>,
    /// The column that identifies each recipient (default: the one the draw's manifest
    /// records, else 编号, else 身份证号); a call log is read by the column of the same
    /// header.
    #[arg(long)]
    pub id_column: Option<String>,
    /// A call log (id, disposition) to check against --sample.
    #[arg(long)]
    pub calls: Option<PathBuf>,
}

/// Turn survey answers into each unit's score and the ranking (the plan's 70/30).
///
/// Survey score = 70 × (0.7 × mean satisfaction value + 0.3 × mean misconduct value);
/// deduction = min(0.5 × all false-recipient findings of the unit, 5), the cap applied
/// once; total = survey score − deduction + inspection score (0–30). Totals are rounded
/// half up to 2 decimals and ranked (ties share a rank); the township scheme flags the
/// top 3 (通报表扬), the first (年度综合先进), the bottom 3 (通报批评) and the bottom 2.
///
/// Every unit named in the answers, inspection scores, findings and disqualifications
/// must be one of the evaluated units (--units, else the --sample of --weighted, else
/// the units of --inspection); an unknown name stops the score, naming the closest unit.
///
/// Example: pingyi score --responses answers.csv --units frame.csv --scheme township --inspection inspection.csv --findings tally.csv --out score.xlsx
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Survey answers, one row per respondent: unit, satisfaction (满意度), misconduct
    /// (不良行为), optionally disposition (通话结果: 接通, 拒访, 无人接听, 空号 or
    /// 非服务对象; 非服务对象 counts as a finding, and a row not 接通 must have no
    /// answers). The answers each scheme accepts are listed under --scheme.
    #[arg(long)]
    pub responses: PathBuf,
    /// The evaluated units: the frame, the sample or the count table (any table with a
    /// unit column). Every evaluated unit is scored; a unit no list names is refused.
    #[arg(long)]
    pub units: Option<PathBuf>,
    /// county, township, or a TOML file with a custom scheme. township: satisfaction
    /// 满意 0.9, 基本满意 0.8, 不太满意 0.7, 不满意 0.6; misconduct 不存在 (or 无) 1,
    /// 不严重 0.8, 严重 0.7. county: satisfaction 非常满意 0.9, 满意 0.8, 基本满意 0.7,
    /// 不太满意 0.6, 不满意 0.5; misconduct 不存在 (or 无) 1, 有但不严重 0.8, 严重 0.7,
    /// 非常严重 0.5. A blank answer is a refusal: counted, not scored.
    #[arg(long)]
    pub scheme: String,
    /// Inspection scores: unit, inspection (检查评估, 0–30).
    #[arg(long)]
    pub inspection: Option<PathBuf>,
    /// False-recipient findings: `pingyi audit tally` output or any table unit, false (虚假).
    #[arg(long)]
    pub findings: Vec<PathBuf>,
    /// Units disqualified under the plan's rules: unit, reason (原因).
    #[arg(long)]
    pub disqualified: Option<PathBuf>,
    /// Also write the unit-facing table here (means over fewer than 5 respondents suppressed).
    #[arg(long)]
    pub unit_facing: Option<PathBuf>,
    /// Design-weighted means (weights N_h / respondents_h, with standard errors and 95%
    /// intervals as R's survey package computes them); needs --sample.
    #[arg(long, requires = "sample")]
    pub weighted: bool,
    /// The draw's sample, for --weighted.
    #[arg(long)]
    pub sample: Option<PathBuf>,
    /// A unit with no row in --inspection: refuse (the default: the score stops, naming
    /// it), zero (counted as 0 points, with a warning) or exclude (scored, not ranked).
    #[arg(long, value_name = "refuse|zero|exclude")]
    pub missing_inspection: Option<String>,
    /// A ranked unit with fewer respondents is marked in the ranking and the warnings.
    #[arg(long, default_value_t = pingyi::score::policy::MIN_RESPONDENTS)]
    pub min_respondents: u64,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub mask: MaskArgs,
}

/// Seeds for the random stages.
#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(subcommand)]
    pub command: SeedCommand,
}

#[derive(Debug, Subcommand)]
pub enum SeedCommand {
    /// Print a fresh 20-digit seed from the operating system's entropy (ChaCha20), to be
    /// announced and recorded before the draw, when no public dice ceremony is held.
    New,
    /// Record the digests of the frame and rosters before the seed exists (to publish or
    /// sign); `pingyi draw --commitment` then refuses any other frame or roster.
    Commit(SeedCommitArgs),
}

/// The files committed to before the seed is made.
#[derive(Debug, Args)]
pub struct SeedCommitArgs {
    /// The frame the draw will use.
    #[arg(long)]
    pub frame: PathBuf,
    /// The roster(s) the draw will use.
    #[arg(long, required = true)]
    pub roster: Vec<PathBuf>,
    /// The column that identifies each recipient (default: id/编号).
    #[arg(long)]
    pub id_column: Option<String>,
    /// Where to write the commitment (JSON).
    #[arg(long, short = 'o')]
    pub out: PathBuf,
    /// Replace the commitment file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Generate a fictional roster matching a count table (for trials and benchmarks).
///
/// The same counts and seed always give the same rows. ID numbers use region codes
/// starting with 99 and phones start with 10, so they belong to nobody.
///
/// Example: pingyi synth --counts data/county_counts.csv --seed example --out roster.csv
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// The count table whose strata the roster fills.
    #[arg(long)]
    pub counts: PathBuf,
    /// The seed of the generator.
    #[arg(long)]
    pub seed: String,
    /// Plant this many invalid ID numbers, one shared phone and one repeated ID number
    /// (to show the data-quality report).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub plant_problems: usize,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Run the pipeline on a data folder (default: the bundled example in data/).
///
/// Reads data/pingyi.toml, builds the frames of the example city and county, and
/// writes every output with its manifest under out/. A rerun replaces the files the
/// last run wrote there (its .pingyi-run lists them with their digests) and keeps every
/// other file; a file of an output's name that the run did not write, or that was
/// changed since, stops the run before anything is written. The new outputs appear all
/// at once: a run stopped at any moment leaves the old set or the new one.
///
/// Example: pingyi run --data data --out out
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The data folder holding pingyi.toml and the tables it names.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// The output folder (created if missing; the run's own files in it are replaced).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Use --out even if it holds files an earlier run did not write (they are kept, and
    /// none is ever replaced).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub mask: MaskArgs,
}

/// How much of each personal identifier shared outputs and messages keep in clear
/// (default: pingyi.toml's [mask] for `run`, else 6,4 / 3,4 / 1).
#[derive(Debug, Args)]
pub struct MaskArgs {
    /// Characters of an ID number kept at the start and the end, FIRST,LAST (default
    /// 6,4: 110105********123X; at most 10 at either end and 14 in all).
    #[arg(long, value_name = "FIRST,LAST")]
    pub mask_id: Option<String>,
    /// Digits of a phone number kept at the start and the end, FIRST,LAST (default 3,4:
    /// 138****5678; at most 7 in all).
    #[arg(long, value_name = "FIRST,LAST")]
    pub mask_phone: Option<String>,
    /// Characters of a name kept at the start (default 1: 张*; at most 2).
    #[arg(long, value_name = "FIRST")]
    pub mask_name: Option<String>,
}

impl MaskArgs {
    /// The policy the flags ask for; `None` when none is given.
    pub fn policy(&self) -> Result<Option<pingyi::privacy::MaskPolicy>> {
        pingyi::commands::config::flag_policy(
            self.mask_id.as_deref(),
            self.mask_phone.as_deref(),
            self.mask_name.as_deref(),
        )
    }
}

impl Command {
    /// The masking flags of a command that writes outputs meant to be shared.
    pub fn mask(&self) -> Option<&MaskArgs> {
        match self {
            Command::Run(a) => Some(&a.mask),
            Command::Draw(a) => Some(&a.mask),
            Command::Audit(AuditArgs {
                command: AuditCommand::Tally(a),
            }) => Some(&a.mask),
            Command::Score(a) => Some(&a.mask),
            Command::Report(a) => Some(&a.mask),
            _ => None,
        }
    }
}

/// A language: of messages (`--lang`) or of output headers (`--headers`).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

/// Where and how to write the main output.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// The output file; its extension picks the format: .csv, .xlsx, .json or .parquet.
    /// A manifest is written beside it as <out>.manifest.json.
    #[arg(long, short = 'o')]
    pub out: PathBuf,
    #[command(flatten)]
    pub how: WriteArgs,
}

/// How to write an output.
#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Replace the output (and its manifest) if it exists; never one of the inputs.
    #[arg(long)]
    pub force: bool,
    /// Header language for CSV, JSON and Parquet (default: --lang if given, else en;
    /// workbooks always have Chinese headers).
    #[arg(long, value_enum)]
    pub headers: Option<LangArg>,
    /// Write CSV without the UTF-8 byte-order mark (for programs rather than Excel).
    #[arg(long)]
    pub no_bom: bool,
}

/// Allocate the survey sample across units × categories (the sampling frame, 抽样样本框).
///
/// Each unit's sample size comes from --per-unit, a sample_size (样本量) column, or
/// --margin with the finite-population correction. It is shared among the unit's
/// categories by --method; strata whose share reaches their population are taken whole,
/// every non-empty stratum gets at least --min-per-stratum, and whole numbers come from
/// largest remainder, so each unit's total is exact.
///
/// Example: pingyi frame --counts data/county_counts.xlsx --margin 0.08 --reserve-rate 0.3 --out frame.xlsx
#[derive(Debug, Args)]
pub struct FrameArgs {
    /// The count table (服务对象类别和数量表): CSV, .xlsx/.xls or Parquet, long or wide form.
    #[arg(long)]
    pub counts: PathBuf,
    /// The worksheet to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// The same sample size for every unit.
    #[arg(long, allow_negative_numbers = true)]
    pub per_unit: Option<u64>,
    /// Margin of error as a fraction (0.05 for ±5%); the size follows per unit.
    #[arg(long, allow_negative_numbers = true)]
    pub margin: Option<f64>,
    /// Confidence level for --margin.
    #[arg(
        long,
        default_value_t = pingyi::frame::settings::DEFAULT_CONFIDENCE,
        requires = "margin",
        allow_negative_numbers = true
    )]
    pub confidence: f64,
    /// Expected proportion for --margin (0.5 gives the largest sample).
    #[arg(
        long,
        default_value_t = pingyi::frame::settings::DEFAULT_P,
        requires = "margin",
        allow_negative_numbers = true
    )]
    pub p: f64,
    /// Allocation across categories: proportional, equal, neyman, optimal or quota.
    #[arg(long, default_value = pingyi::frame::settings::DEFAULT_METHOD, value_parser = method_value)]
    pub method: String,
    /// The least sample of every non-empty stratum (where its population allows).
    #[arg(long, default_value_t = pingyi::frame::settings::DEFAULT_MIN_PER_STRATUM, allow_negative_numbers = true)]
    pub min_per_stratum: u64,
    /// Reserves per stratum as ceil(rate × sample), e.g. 0.3.
    #[arg(long, allow_negative_numbers = true, value_parser = rate_value)]
    pub reserve_rate: Option<String>,
    /// A fixed number of reserves per stratum.
    #[arg(long, allow_negative_numbers = true)]
    pub reserves: Option<u64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Print the sample size for a population and margin of error.
///
/// n0 = z²·p(1−p)/E², n = n0 / (1 + (n0 − 1)/N), rounded up.
///
/// Example: pingyi size --population 1000 --margin 0.05   (prints 278)
#[derive(Debug, Args)]
pub struct SizeArgs {
    /// The population N.
    #[arg(long, allow_negative_numbers = true)]
    pub population: u64,
    /// Margin of error as a fraction (0.05 for ±5%).
    #[arg(long, allow_negative_numbers = true)]
    pub margin: f64,
    /// Confidence level.
    #[arg(long, default_value_t = pingyi::frame::settings::DEFAULT_CONFIDENCE, allow_negative_numbers = true)]
    pub confidence: f64,
    /// Expected proportion.
    #[arg(long, default_value_t = pingyi::frame::settings::DEFAULT_P, allow_negative_numbers = true)]
    pub p: f64,
}

/// Show a count table as pingyi reads it: one row per unit × category.
///
/// Use it to check a table before building a frame: the form (long or wide), the totals
/// checked, and the categories recognised. Without --out the table is printed as CSV.
///
/// Example: pingyi counts data/county_counts.xlsx
#[derive(Debug, Args)]
pub struct CountsArgs {
    /// The count table.
    pub file: PathBuf,
    /// The worksheet to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Write to this file (with a manifest) instead of printing.
    #[arg(long, short = 'o')]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub how: WriteArgs,
}

// Value parsers: clap puts the flag and the value before each message; the reason is
// a catalogue message (`BadValue`).

/// A rate: a decimal such as 0.3, or a percentage such as 30%.
fn rate_value(s: &str) -> Result<String, BadValue> {
    s.parse::<pingyi::rate::Rate>()
        .map(|_| s.to_string())
        .map_err(|_| BadValue(msg!("cli-value-rate", value = s)))
}

/// An allocation method by name.
fn method_value(s: &str) -> Result<String, BadValue> {
    s.parse::<pingyi::frame::Method>()
        .map(|_| s.to_string())
        .map_err(|_| BadValue(msg!("cli-value-method", value = s)))
}

fn real(s: &str) -> Result<f64, BadValue> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| BadValue(msg!("cli-value-decimal", value = s)))
}

/// Points: a finite number of 0 or more.
fn points_value(s: &str) -> Result<f64, BadValue> {
    let v = real(s)?;
    if v < 0.0 {
        return Err(BadValue(msg!("cli-value-negative-points", value = v)));
    }
    Ok(v)
}

/// A share between 0 and 1.
fn fraction_value(s: &str) -> Result<f64, BadValue> {
    let v = real(s)?;
    if !(0.0..=1.0).contains(&v) {
        return Err(BadValue(msg!("cli-value-share", value = v)));
    }
    Ok(v)
}

// Conversions: the flags as the plain option structs the commands take. Checks that
// need no file (a flag combination, a number's range) are made by the commands' plans.

impl RunArgs {
    /// The flags as the options the command takes.
    pub fn options(self) -> RunOptions {
        RunOptions {
            data: self.data,
            out: self.out,
            force: self.force,
        }
    }
}

impl FrameArgs {
    /// The flags as the options the command takes.
    pub fn options(self) -> FrameOptions {
        FrameOptions {
            settings: FrameSettings {
                per_unit: self.per_unit,
                margin: self.margin,
                confidence: Some(self.confidence),
                p: Some(self.p),
                method: Some(self.method),
                min_per_stratum: Some(self.min_per_stratum),
                reserve_rate: self.reserve_rate,
                reserves: self.reserves,
            },
            counts: self.counts,
            sheet: self.sheet,
            output: self.output.options(),
        }
    }
}

impl DrawArgs {
    /// The draw's options, and where to write it (none with `--emit-sql`).
    pub fn options(self) -> (DrawOptions, Option<OutputOptions>) {
        let output = self.out.clone().map(|out| self.how.options(out));
        let scan = pingyi::draw::scan::ScanOptions {
            threads: self.threads,
            chunk_bytes: self.chunk_kib.max(1) * 1024,
            sort_buffer: self.sort_buffer.max(1),
        };
        let opts = DrawOptions {
            frame: self.frame,
            inputs: RosterInputs {
                rosters: self.roster,
                sheet: self.sheet,
                id_column: self.id_column,
                scan,
            },
            rules: DrawRules {
                seed: self.seed,
                take_all_short: self.take_all_short,
                allow_count_mismatch: self.allow_count_mismatch,
            },
            allow_edited_frame: self.allow_edited_frame,
            commitment: self.commitment,
        };
        (opts, output)
    }
}

impl AuditSelectArgs {
    /// The flags as the options the command takes.
    pub fn options(self) -> Result<(SelectOptions, OutputOptions)> {
        let opts = SelectOptions {
            rate: self
                .rate
                .parse()
                .map_err(|_| Error::usage(msg!("cli-value-rate", value = self.rate)))?,
            sample: self.sample,
            seed: self.seed,
            id_column: self.id_column,
            sheet: self.sheet,
        };
        Ok((opts, self.output.options()))
    }
}

impl AuditTallyArgs {
    /// The tally's options, its rules checked before any file is opened.
    pub fn options(self) -> Result<(TallyOptions, OutputOptions)> {
        let rules = TallyRules {
            per_case: self.per_case,
            cap: self.cap,
            recheck_at: self.recheck_at,
            ..TallyRules::default()
        };
        rules.validate().map_err(Error::usage)?;
        let opts = TallyOptions {
            checklists: self.checklist,
            manifest: self.manifest,
            sheet: self.sheet,
            partial: self.partial,
            rules,
        };
        Ok((opts, self.output.options()))
    }
}

impl ScoreArgs {
    /// The score's options, the ranking's output and the unit-facing one.
    pub fn options(self) -> Result<(ScoreOptions, OutputOptions, Option<OutputOptions>)> {
        let out = self.output.options();
        let facing = self.unit_facing.map(|path| OutputOptions {
            path,
            ..out.clone()
        });
        let weighted_sample = match (self.weighted, self.sample) {
            (false, _) => None,
            (true, Some(sample)) => Some(sample),
            (true, None) => {
                return Err(Error::usage(msg!("cli-weighted-needs-sample")));
            }
        };
        let opts = ScoreOptions {
            responses: self.responses,
            units: self.units,
            scheme: self.scheme,
            inspection: self.inspection,
            findings: self.findings,
            disqualified: self.disqualified,
            weighted_sample,
            policy: score_policy(self.missing_inspection.as_deref(), self.min_respondents)?,
        };
        Ok((opts, out, facing))
    }
}

/// The score's policy from its flags; an unknown `--missing-inspection` is refused.
fn score_policy(missing: Option<&str>, min_respondents: u64) -> Result<ScorePolicy> {
    let missing_inspection = match missing {
        None => MissingInspection::Refuse,
        Some(v) => MissingInspection::from_flag(v)?,
    };
    Ok(ScorePolicy {
        missing_inspection,
        min_respondents,
    })
}

impl SeedCommitArgs {
    /// The rosters committed to, as a draw reads them.
    pub fn rosters(&self) -> RosterInputs {
        RosterInputs {
            rosters: self.roster.clone(),
            sheet: None,
            id_column: self.id_column.clone(),
            scan: Default::default(),
        }
    }
}

impl SizeArgs {
    /// The flags as the options the command takes.
    pub fn options(self) -> SizeOptions {
        SizeOptions {
            population: self.population,
            margin: self.margin,
            confidence: self.confidence,
            p: self.p,
        }
    }
}

impl CountsArgs {
    /// The flags as the options the command takes.
    pub fn options(self) -> CountsOptions {
        CountsOptions {
            out: self.out.map(|path| self.how.options(path)),
            print: WriteOptions {
                bom: false,
                lang: self.how.shown_lang(),
            },
            file: self.file,
            sheet: self.sheet,
        }
    }
}

impl SynthArgs {
    /// The flags as the options the command takes.
    pub fn options(self) -> SynthOptions {
        SynthOptions {
            counts: self.counts,
            seed: self.seed,
            plant_problems: self.plant_problems,
            output: self.output.options(),
        }
    }
}

impl VerifyArgs {
    /// The manifest form, or the `--sample` form (the `--calls` form is checked apart).
    pub fn target(&self) -> Result<VerifyTarget> {
        match (&self.manifest, &self.sample) {
            (Some(path), None) => Ok(VerifyTarget::Manifest {
                path: path.clone(),
                chain: self.chain,
            }),
            (None, Some(sample)) => self.sample_target(sample),
            _ => Err(Error::usage(msg!("cli-verify-what"))),
        }
    }

    fn sample_target(&self, sample: &std::path::Path) -> Result<VerifyTarget> {
        let (Some(frame), Some(seed)) = (self.frame.clone(), self.seed.clone()) else {
            return Err(Error::usage(msg!("cli-verify-sample-needs")));
        };
        Ok(VerifyTarget::Sample {
            sample: sample.to_path_buf(),
            frame,
            inputs: RosterInputs {
                rosters: self.roster.clone(),
                sheet: None,
                id_column: self.id_column.clone(),
                scan: Default::default(),
            },
            rules: DrawRules {
                seed,
                take_all_short: false,
                allow_count_mismatch: false,
            },
        })
    }

    /// The flags as the options the command takes.
    pub fn options(&self) -> VerifyOptions {
        VerifyOptions {
            root: self.root.clone(),
            seed: self.seed.clone(),
            commitment: self.commitment.clone(),
        }
    }
}

impl OutputArgs {
    /// The flags as the options the command takes.
    pub fn options(&self) -> OutputOptions {
        self.how.options(self.out.clone())
    }
}

impl WriteArgs {
    /// How to write the output at `path`.
    pub fn options(&self, path: PathBuf) -> OutputOptions {
        OutputOptions {
            path,
            force: self.force,
            write: WriteOptions {
                lang: self.header_lang(),
                bom: !self.no_bom,
            },
        }
    }

    /// The language of a table printed on the terminal for a person to read: its
    /// --headers, else the global --lang, else the language of messages (`PINGYI_LANG`
    /// or the locale). A file's bytes never follow the locale ([`Self::header_lang`]).
    pub fn shown_lang(&self) -> Lang {
        self.headers
            .or_else(|| LANG_FLAG.get().copied())
            .map(Lang::from)
            .unwrap_or_else(pingyi::i18n::language)
    }

    /// The header language of the output: its --headers, else the global --lang, else
    /// English (`PINGYI_LANG` and the locale never change an output's bytes).
    pub fn header_lang(&self) -> Lang {
        self.headers
            .or_else(|| LANG_FLAG.get().copied())
            .map(Lang::from)
            .unwrap_or(Lang::En)
    }
}

/// The `--lang` given on the command line, which is also the default header language.
pub static LANG_FLAG: std::sync::OnceLock<LangArg> = std::sync::OnceLock::new();

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

/// Write one self-contained HTML report (charts, tables, the proof) from outputs'
/// manifests and their chains.
///
/// Reads the outputs the manifests name (frame, sample, audit tally, scores) without
/// computing any stage again, re-verifies the chain as `pingyi verify --chain` does, and
/// writes one HTML file with inline style and charts: no script, no network, prints on
/// A4. No ID number, phone or name appears in it.
///
/// Example: pingyi report out/county/score.csv out/city/frame.csv --out report.html
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Outputs or their manifests (<output>.manifest.json); the chains they link to are
    /// followed.
    #[arg(required = true)]
    pub manifests: Vec<PathBuf>,
    /// The HTML file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// The folder every file a manifest names must lie in (default: the first
    /// manifest's folder).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// A commitment from `pingyi seed commit` the draw is checked against.
    #[arg(long)]
    pub commitment: Option<PathBuf>,
    /// Replace --out if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub mask: MaskArgs,
}

impl ReportArgs {
    /// The request for `commands::report`.
    pub fn options(&self) -> pingyi::commands::report::ReportOptions {
        pingyi::commands::report::ReportOptions {
            manifests: self.manifests.clone(),
            root: self.root.clone(),
            commitment: self.commitment.clone(),
        }
    }
}

/// Start the local web workbench: pages for each step of the plan (count table, frame,
/// draw, audit, scores, verification, report) on one workspace folder.
///
/// Listens on 127.0.0.1 only and opens the browser. The workspace holds pingyi.toml, the
/// uploaded inputs (inputs/) and out/ exactly as `pingyi run` writes them, so
/// `pingyi run --data WORKSPACE --out WORKSPACE/out` and `pingyi verify` continue from
/// the command line. The first line printed is the address.
///
/// Example: pingyi serve --workspace 青石县2026
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The workspace folder (created if missing).
    #[arg(long, default_value = "pingyi-workspace")]
    pub workspace: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8722)]
    pub port: u16,
    /// Do not open the browser.
    #[arg(long)]
    pub no_open: bool,
    /// The largest upload accepted, in MiB.
    #[arg(long, default_value_t = pingyi::serve::MAX_UPLOAD_MIB, value_name = "MIB")]
    pub max_upload_mib: usize,
}

impl ServeArgs {
    pub fn options(&self) -> pingyi::serve::ServeOptions {
        pingyi::serve::ServeOptions {
            workspace: self.workspace.clone(),
            port: self.port,
            open: !self.no_open,
            max_upload_mib: self.max_upload_mib,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(args: &[&str]) -> Option<LangArg> {
        let args: Vec<OsString> = std::iter::once("pingyi")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        lang_in_args(&args)
    }

    #[test]
    fn the_lang_flag_is_found_before_clap_reads_the_line() {
        assert!(matches!(
            lang(&["--lang", "zh", "frame"]),
            Some(LangArg::Zh)
        ));
        assert!(matches!(lang(&["frame", "--lang=en"]), Some(LangArg::En)));
        assert!(matches!(
            lang(&["frame", "--help", "--lang", "zh"]),
            Some(LangArg::Zh)
        ));
        assert!(lang(&["frame", "--lang", "fr"]).is_none());
        assert!(lang(&["frame", "--lang"]).is_none());
        assert!(lang(&["frame", "--", "--lang", "zh"]).is_none());
        assert!(lang(&["frame", "--language", "zh"]).is_none());
    }
}
