//! The data folder's `pingyi.toml`: its levels, their files and numbers, and the seeds;
//! every number checked (finite, in range) and every key that would be ignored refused,
//! each message naming the file, the level and the key; and the masking policy of the
//! outputs that leave the office (`[mask]`, or the `--mask-…` flags).

use serde::{Deserialize, Deserializer};

use crate::error::{Error, Location, Result};
use crate::frame::settings::FrameSettings;
use crate::frame::{FramePlan, Method};
use crate::i18n::{Lang, Message, msg};
use crate::io::text::MAX_COUNT;
use crate::privacy::{MaskPolicy, PolicyProblem};
use crate::rate::Rate;

/// The largest reserve rate a level may ask for (ten reserves per sampled respondent).
const MAX_RESERVE_RATE: f64 = 10.0;

/// One level of the example (the city's county bureaus, or a county's townships).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelConfig {
    /// A title shown above the level's summary.
    pub title: String,
    /// The count table, relative to the data folder.
    pub counts: String,
    #[serde(default)]
    pub sheet: Option<String>,
    /// The allocation method (default: the frame's, proportional).
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub per_unit: Option<u64>,
    #[serde(default)]
    pub margin: Option<f64>,
    /// The confidence level of `margin` (default: the frame's, 0.95).
    #[serde(default)]
    pub confidence: Option<f64>,
    /// The expected proportion of `margin` (default: the frame's, 0.5).
    #[serde(default)]
    pub p: Option<f64>,
    /// The least sample of a non-empty stratum (default: the frame's, 1).
    #[serde(default)]
    pub min_per_stratum: Option<u64>,
    /// A decimal ("0.3", "30%") or a number (0.3).
    #[serde(default, deserialize_with = "rate_text")]
    pub reserve_rate: Option<String>,
    #[serde(default)]
    pub reserves: Option<u64>,
    /// Recipient rosters to draw from (relative to the data folder); none: no draw.
    #[serde(default)]
    pub rosters: Vec<String>,
    /// The roster column that identifies each recipient (default: id/编号).
    #[serde(default)]
    pub id_column: Option<String>,
    /// The share of each unit's collected sample to verify (e.g. "0.30"); none: no audit.
    #[serde(default, deserialize_with = "rate_text")]
    pub audit_rate: Option<String>,
    /// The filled audit checklist to tally (relative to the data folder).
    #[serde(default)]
    pub audit_results: Option<String>,
    /// The interviewers' call log (id, disposition), checked against the sample.
    #[serde(default)]
    pub call_log: Option<String>,
    /// Survey answers to score; none: no score.
    #[serde(default)]
    pub responses: Option<String>,
    /// The scoring scheme: county, township, or a TOML file in the data folder.
    #[serde(default)]
    pub scheme: Option<String>,
    /// Inspection scores (unit, inspection).
    #[serde(default)]
    pub inspection: Option<String>,
    /// Units disqualified under the plan's rules (unit, reason).
    #[serde(default)]
    pub disqualified: Option<String>,
}

/// A rate typed as text ("0.3", "30%") or as a TOML number (0.3, 1), kept as text so
/// that it is read exactly.
fn rate_text<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Typed {
        Text(String),
        Int(i64),
        Real(f64),
    }
    Ok(Some(
        match Typed::deserialize(d)
            .map_err(|_| serde::de::Error::custom(msg!("config-rate-type").render()))?
        {
            Typed::Text(s) => s,
            Typed::Int(i) => i.to_string(),
            Typed::Real(r) => r.to_string(),
        },
    ))
}

/// A seed, which must be text: typed in quotes exactly as it was announced.
fn seed_text<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    String::deserialize(d)
        .map(Some)
        .map_err(|_| serde::de::Error::custom(msg!("config-seed-type").render()))
}

/// Seeds recorded for the stages that draw at random.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SeedConfig {
    #[serde(default, deserialize_with = "seed_text")]
    pub draw: Option<String>,
    #[serde(default, deserialize_with = "seed_text")]
    pub audit: Option<String>,
}

/// The data folder's `pingyi.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunConfig {
    #[serde(default)]
    pub city: Option<LevelConfig>,
    #[serde(default)]
    pub county: Option<LevelConfig>,
    #[serde(default)]
    pub seeds: SeedConfig,
    /// How much of an ID number, a phone and a name shared outputs keep in clear.
    #[serde(default)]
    pub mask: MaskConfig,
    /// The language of messages, `"zh"` or `"en"`: used unless `--lang` or
    /// `PINGYI_LANG` chose one (never the language of an output's headers).
    #[serde(default)]
    pub lang: Option<Lang>,
}

/// The `[mask]` table: the characters kept of each identifier (absent keys: the
/// defaults, `110105********123X`, `138****5678`, `张*`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MaskConfig {
    #[serde(default)]
    pub id_head: Option<i64>,
    #[serde(default)]
    pub id_tail: Option<i64>,
    #[serde(default)]
    pub phone_head: Option<i64>,
    #[serde(default)]
    pub phone_tail: Option<i64>,
    #[serde(default)]
    pub name_head: Option<i64>,
}

/// A number of characters to keep, read from a key or a flag.
fn kept_chars(v: Option<i64>, default: u8, key: &str) -> std::result::Result<u8, Message> {
    match v {
        None => Ok(default),
        Some(v) => u8::try_from(v)
            .ok()
            .filter(|&n| n <= 18)
            .ok_or_else(|| msg!("mask-key-range", key = key, value = v, usual = default)),
    }
}

/// The message for a policy that keeps too much; `keys` names the settings to lower.
pub fn too_much(p: PolicyProblem, keys: &str) -> Message {
    let d = MaskPolicy::default();
    let (what, usual) = match p.what {
        "id" => (
            msg!("mask-what-id"),
            format!("{} + {}", d.id_head, d.id_tail),
        ),
        "phone" => (
            msg!("mask-what-phone"),
            format!("{} + {}", d.phone_head, d.phone_tail),
        ),
        _ => (msg!("mask-what-name"), d.name_head.to_string()),
    };
    msg!("mask-too-much", keys = keys, kept = p.kept, max = p.max, usual = usual, what => what)
}

impl MaskConfig {
    /// The policy the table asks for, every key checked.
    pub fn policy(&self) -> std::result::Result<MaskPolicy, Message> {
        let d = MaskPolicy::default();
        let policy = MaskPolicy {
            id_head: kept_chars(self.id_head, d.id_head, "id_head")?,
            id_tail: kept_chars(self.id_tail, d.id_tail, "id_tail")?,
            name_head: kept_chars(self.name_head, d.name_head, "name_head")?,
            phone_head: kept_chars(self.phone_head, d.phone_head, "phone_head")?,
            phone_tail: kept_chars(self.phone_tail, d.phone_tail, "phone_tail")?,
        };
        policy.check().map_err(|p| too_much(p, p.keys))?;
        Ok(policy)
    }
}

/// The policy the `--mask-id FIRST,LAST`, `--mask-phone FIRST,LAST` and `--mask-name
/// FIRST` flags ask for (the defaults for those not given); `None` when none is given.
pub fn flag_policy(
    id: Option<&str>,
    phone: Option<&str>,
    name: Option<&str>,
) -> Result<Option<MaskPolicy>> {
    if id.is_none() && phone.is_none() && name.is_none() {
        return Ok(None);
    }
    let d = MaskPolicy::default();
    let (id_head, id_tail) = flag_pair("--mask-id", id, (d.id_head, d.id_tail))?;
    let (phone_head, phone_tail) = flag_pair("--mask-phone", phone, (d.phone_head, d.phone_tail))?;
    let name_head = match name {
        None => d.name_head,
        Some(t) => flag_number("--mask-name", t, t, &d.name_head.to_string())?,
    };
    let policy = MaskPolicy {
        id_head,
        id_tail,
        name_head,
        phone_head,
        phone_tail,
    };
    policy.check().map_err(|p| {
        let flag = format!("--mask-{}", p.what);
        Error::usage(too_much(p, &flag))
    })?;
    Ok(Some(policy))
}

/// `FIRST,LAST` (or `FIRST+LAST`) of a flag.
fn flag_pair(flag: &str, text: Option<&str>, default: (u8, u8)) -> Result<(u8, u8)> {
    let Some(text) = text else {
        return Ok(default);
    };
    let usual = format!("{},{}", default.0, default.1);
    let mut parts = text.split([',', '+', '，']);
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(Error::usage(msg!(
            "mask-flag-bad",
            flag = flag,
            value = text,
            usual = usual
        )));
    };
    Ok((
        flag_number(flag, a, text, &usual)?,
        flag_number(flag, b, text, &usual)?,
    ))
}

/// One number of characters of a flag's value `text`.
fn flag_number(flag: &str, part: &str, text: &str, usual: &str) -> Result<u8> {
    part.trim()
        .parse::<u8>()
        .ok()
        .filter(|&n| n <= 18)
        .ok_or_else(|| {
            Error::usage(msg!(
                "mask-flag-bad",
                flag = flag,
                value = text,
                usual = usual
            ))
        })
}

/// The `lang` a configuration asks for, read before the rest is checked so that the
/// file's own errors are told in it; none if absent or not a language.
pub fn configured_language(text: &str) -> Option<Lang> {
    #[derive(Deserialize)]
    struct LangOnly {
        lang: Option<Lang>,
    }
    toml::from_str::<LangOnly>(text).ok()?.lang
}

impl RunConfig {
    /// Reads and checks a configuration; `name` is used in messages.
    pub fn parse(text: &str, name: &str) -> Result<RunConfig> {
        let config: RunConfig = toml::from_str(text).map_err(|e| toml_problem(text, &e, name))?;
        for (level, l) in config.levels() {
            l.validate()
                .map_err(|m| Error::input(Location::file(name), level_problem(level, m)))?;
        }
        config
            .mask
            .policy()
            .map_err(|m| Error::input(Location::file(name), m))?;
        Ok(config)
    }

    /// The levels present, in pipeline order, with their folder names under `out/`.
    pub fn levels(&self) -> Vec<(&'static str, &LevelConfig)> {
        [
            ("city", self.city.as_ref()),
            ("county", self.county.as_ref()),
        ]
        .into_iter()
        .filter_map(|(n, l)| l.map(|l| (n, l)))
        .collect()
    }
}

/// A configuration TOML cannot read, at its line and quoting it: the TOML reader's
/// own words (or ours, for a rate or a seed of the wrong type) without its English
/// framing.
fn toml_problem(text: &str, e: &toml::de::Error, name: &str) -> Error {
    let reason = toml_reason_of(e);
    let before = e.span().and_then(|span| text.get(..span.start));
    let Some(before) = before else {
        return Error::input(
            Location::file(name),
            msg!("config-invalid", reason => reason),
        );
    };
    let line = before.matches('\n').count() + 1;
    let source = text.lines().nth(line - 1).unwrap_or("").trim();
    Error::input(
        Location::file(name).at_row(line),
        msg!("config-invalid-line", reason => reason, source),
    )
}

/// Why TOML refused a configuration, from the catalogue: our own words for a rate or
/// a seed of the wrong type, else the reader's reason told by its kind.
pub fn toml_reason_of(e: &toml::de::Error) -> Message {
    let reason = e.message().trim_end();
    let own = [msg!("config-rate-type"), msg!("config-seed-type")];
    match own.into_iter().find(|m| m.render() == reason) {
        Some(m) => m,
        None => crate::i18n::toml_reason(reason),
    }
}

/// A level's problem, prefixed with the level's table (`[county]`).
fn level_problem(level: &str, problem: Message) -> Message {
    msg!("config-level", level = level, problem => problem)
}

/// What a level of the configuration gets wrong.
type Check = std::result::Result<(), Message>;

/// Reads a rate key.
fn rate(key: &str, text: &str) -> std::result::Result<Rate, Message> {
    text.parse::<Rate>().map_err(|_| {
        let problem = msg!("cli-value-rate", value = text);
        msg!("config-key-problem", key = key, problem => problem)
    })
}

/// A fraction key, above 0 and below 1; `usual` is the example the message gives.
fn fraction(key: &str, v: Option<f64>, usual: &str) -> Check {
    match v {
        Some(v) if !(v.is_finite() && v > 0.0 && v < 1.0) => {
            Err(msg!("config-fraction", key = key, value = v, usual = usual))
        }
        _ => Ok(()),
    }
}

impl LevelConfig {
    /// Checks every number and every file key of the level: finite and in range, and
    /// no key that the run would ignore.
    pub fn validate(&self) -> Check {
        self.check_files()?;
        self.check_sizes()?;
        self.check_counts()?;
        self.check_rates()?;
        self.check_ignored_keys()
    }

    fn check_files(&self) -> Check {
        if self.counts.trim().is_empty() {
            return Err(msg!("config-counts-empty"));
        }
        match self.rosters.iter().find(|r| r.trim().is_empty()) {
            Some(empty) => Err(msg!("config-roster-empty", name = empty)),
            None => Ok(()),
        }
    }

    /// The method and the margin of error with its confidence and proportion.
    fn check_sizes(&self) -> Check {
        if let Some(method) = &self.method {
            method.parse::<Method>().map_err(|_| {
                let problem = msg!("cli-value-method", value = method);
                msg!("config-key-problem", key = "method", problem => problem)
            })?;
        }
        if let Some(m) = self.margin
            && !(m.is_finite() && m > 0.0 && m < 1.0)
        {
            return Err(msg!("config-margin", value = m));
        }
        fraction("confidence", self.confidence, "0.95")?;
        fraction("p", self.p, "0.5")
    }

    /// Numbers of people: whole, and within what a count table may hold.
    fn check_counts(&self) -> Check {
        for (key, v, low) in [
            ("per_unit", self.per_unit, 1),
            ("reserves", self.reserves, 0),
            ("min_per_stratum", self.min_per_stratum, 0),
        ] {
            if let Some(v) = v
                && !(low..=MAX_COUNT).contains(&v)
            {
                return Err(msg!(
                    "config-count-range",
                    key = key,
                    value = v,
                    low = low,
                    high = MAX_COUNT
                ));
            }
        }
        Ok(())
    }

    fn check_rates(&self) -> Check {
        if let Some(r) = &self.reserve_rate
            && rate("reserve_rate", r)?.as_f64() > MAX_RESERVE_RATE
        {
            let max = MAX_RESERVE_RATE;
            return Err(msg!("config-reserve-rate", value = r, max = max));
        }
        if let Some(r) = &self.audit_rate {
            let v = rate("audit_rate", r)?.as_f64();
            if !(v > 0.0 && v <= 1.0) {
                return Err(msg!("config-audit-rate", value = r));
            }
        }
        Ok(())
    }

    /// Refuses keys that would be silently ignored because what they need is missing
    /// (as the command line refuses `--confidence` without `--margin`).
    fn check_ignored_keys(&self) -> Check {
        let (margin, rosters) = (self.margin.is_some(), !self.rosters.is_empty());
        let (audit_rate, responses) = (self.audit_rate.is_some(), self.responses.is_some());
        // One rule per line: the key, whether given, the key it needs, whether present.
        #[rustfmt::skip]
        let needs = [
            ("confidence", self.confidence.is_some(), "margin", margin),
            ("p", self.p.is_some(), "margin", margin),
            ("audit_rate", audit_rate, "rosters", rosters),
            ("audit_results", self.audit_results.is_some(), "audit_rate", audit_rate),
            ("call_log", self.call_log.is_some(), "rosters", rosters),
            ("scheme", self.scheme.is_some(), "responses", responses),
            ("inspection", self.inspection.is_some(), "responses", responses),
            ("disqualified", self.disqualified.is_some(), "responses", responses),
        ];
        let ignored = needs
            .iter()
            .find(|(_, given, _, present)| *given && !*present);
        match ignored {
            Some((key, _, need, _)) => Err(msg!("config-key-ignored", key = key, need = need)),
            None => Ok(()),
        }
    }

    /// The frame settings this level gives.
    pub fn frame_settings(&self) -> FrameSettings {
        FrameSettings {
            per_unit: self.per_unit,
            margin: self.margin,
            confidence: self.confidence,
            p: self.p,
            method: self.method.clone(),
            min_per_stratum: self.min_per_stratum,
            reserve_rate: self.reserve_rate.clone(),
            reserves: self.reserves,
        }
    }

    /// The frame plan this level asks for.
    pub fn plan(&self, config_name: &str) -> Result<FramePlan> {
        FramePlan::from_settings(&self.frame_settings())
            .map_err(|e| Error::input(Location::file(config_name), e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(extra: &str) -> std::result::Result<RunConfig, String> {
        RunConfig::parse(
            &format!("[county]\ntitle = \"t\"\ncounts = \"c.csv\"\n{extra}\n"),
            "pingyi.toml",
        )
        .map_err(|e| e.to_string())
    }

    #[test]
    fn the_bundled_example_reads() {
        let text = include_str!("../../data/pingyi.toml");
        let c = RunConfig::parse(text, "pingyi.toml").unwrap();
        assert_eq!(c.levels().len(), 2);
        assert_eq!(c.county.unwrap().audit_rate.as_deref(), Some("0.30"));
    }

    #[test]
    fn missing_numbers_take_the_frames_defaults() {
        let c = level("margin = 0.05").unwrap();
        let plan = c.county.unwrap().plan("pingyi.toml").unwrap();
        let flags = FramePlan::from_settings(&FrameSettings {
            margin: Some(0.05),
            ..FrameSettings::default()
        })
        .unwrap();
        assert_eq!(plan, flags);
    }

    #[test]
    fn every_number_is_checked_with_its_key() {
        for (extra, needle) in [
            ("margin = nan", "key margin"),
            ("margin = inf", "key margin"),
            ("margin = -0.1", "key margin"),
            ("margin = 1.5", "key margin"),
            ("margin = 0.05\nconfidence = 1", "key confidence"),
            ("margin = 0.05\nconfidence = nan", "key confidence"),
            ("margin = 0.05\np = -inf", "key p"),
            ("per_unit = 0", "key per_unit"),
            ("per_unit = 99999999999999", "key per_unit"),
            (
                "min_per_stratum = 9000000000000000000",
                "key min_per_stratum",
            ),
            ("reserves = 9000000000000000000", "key reserves"),
            ("reserve_rate = \"-0.3\"", "key reserve_rate"),
            ("reserve_rate = 1e9", "key reserve_rate"),
            ("reserve_rate = \"abc\"", "key reserve_rate"),
            ("rosters = [\"r.csv\"]\naudit_rate = 0", "key audit_rate"),
            (
                "rosters = [\"r.csv\"]\naudit_rate = \"1.5\"",
                "key audit_rate",
            ),
            ("method = \"best\"", "key method"),
            ("min_per_stratum = -1", "min_per_stratum"),
            ("margin = 0.05\nconfidence = \"0.95\"", "confidence"),
        ] {
            let e = level(extra).unwrap_err();
            assert!(
                e.contains("pingyi.toml") && e.contains(needle),
                "{extra}: {e}"
            );
        }
    }

    #[test]
    fn rates_read_as_text_or_numbers_and_seeds_only_as_text() {
        let c = level("reserve_rate = 0.3").unwrap();
        assert_eq!(c.county.unwrap().reserve_rate.as_deref(), Some("0.3"));
        let c = level("reserve_rate = 1").unwrap();
        assert_eq!(c.county.unwrap().reserve_rate.as_deref(), Some("1"));
        let e = RunConfig::parse("[seeds]\ndraw = 20260615\n", "pingyi.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("a seed is text in quotes"), "{e}");
    }

    #[test]
    fn the_mask_table_is_read_and_nonsense_is_refused_naming_the_key() {
        let c = level("[mask]\nid_tail = 2\nname_head = 0").unwrap();
        let p = c.mask.policy().unwrap();
        assert_eq!((p.id_head, p.id_tail, p.name_head), (6, 2, 0));
        assert_eq!((p.phone_head, p.phone_tail), (3, 4));
        assert_eq!(level("").unwrap().mask.policy(), Ok(MaskPolicy::default()));
        for (extra, needle) in [
            ("[mask]\nid_head = 10\nid_tail = 8", "id_head + id_tail"),
            ("[mask]\nid_tail = 20", "id_tail = 20"),
            ("[mask]\nphone_tail = -1", "phone_tail = -1"),
            ("[mask]\nphone_head = 5", "phone_head + phone_tail"),
            ("[mask]\nname_head = 3", "name_head"),
            ("[mask]\nid_tail = \"4\"", "id_tail"),
            ("[mask]\nids = 4", "ids"),
        ] {
            let e = level(extra).unwrap_err();
            assert!(
                e.contains("pingyi.toml") && e.contains(needle),
                "{extra}: {e}"
            );
        }
    }

    #[test]
    fn mask_flags_give_a_policy_or_a_usage_error() {
        assert_eq!(flag_policy(None, None, None).unwrap(), None);
        let p = flag_policy(Some("4,4"), Some("3+2"), Some("0"))
            .unwrap()
            .unwrap();
        assert_eq!(
            (p.id_head, p.id_tail, p.phone_tail, p.name_head),
            (4, 4, 2, 0)
        );
        for (id, phone, name, needle) in [
            (Some("6"), None, None, "--mask-id"),
            (Some("6,4,1"), None, None, "--mask-id"),
            (Some("a,4"), None, None, "--mask-id"),
            (None, Some("-1,4"), None, "--mask-phone"),
            (None, Some("5,5"), None, "--mask-phone"),
            (Some("9,9"), None, None, "--mask-id"),
            (None, None, Some("3"), "--mask-name"),
        ] {
            let e = flag_policy(id, phone, name).unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.to_string().contains(needle), "{e}");
        }
    }

    #[test]
    fn keys_that_would_be_ignored_are_refused() {
        for (extra, needle) in [
            ("audit_rate = \"0.3\"", "audit_rate is given but rosters"),
            ("call_log = \"calls.csv\"", "call_log is given but rosters"),
            (
                "inspection = \"i.csv\"",
                "inspection is given but responses",
            ),
            (
                "rosters = [\"r.csv\"]\naudit_results = \"a.xlsx\"",
                "audit_results is given but audit_rate",
            ),
            ("confidence = 0.9", "confidence is given but margin"),
            ("per_unit = 30\np = 0.3", "p is given but margin"),
        ] {
            let e = level(extra).unwrap_err();
            assert!(e.contains("[county]") && e.contains(needle), "{extra}: {e}");
        }
    }
}
