//! The message catalogue: every text a person reads, in Chinese and English, rendered
//! from a typed [`Message`] (a key and named arguments) only when it is shown.
//!
//! The texts live in `locales/zh.ftl` and `locales/en.ftl` (Fluent syntax), embedded in
//! the binary. The language is chosen once per process: `--lang` ([`set_language`],
//! read before the command line is parsed, so that help and parse errors speak it),
//! else `PINGYI_LANG`, else a configuration's `lang` ([`prefer_language`]), else the
//! system locale (Chinese for any `zh*` locale, English otherwise). This module uses
//! nothing else of the crate.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

mod foreign;
pub use foreign::{
    Told, csv_reason, io_reason, json_reason, parquet_reason, serde_reason, toml_reason,
    workbook_reason,
};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The Chinese catalogue, as shipped.
pub const ZH_FTL: &str = include_str!("../../locales/zh.ftl");
/// The English catalogue, as shipped.
pub const EN_FTL: &str = include_str!("../../locales/en.ftl");

/// A language pingyi speaks: of messages, and of headers in outputs meant for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language a locale or a `PINGYI_LANG` value names: Chinese for `zh`, `zh_CN`,
    /// `zh-Hans-CN`, `zh_TW.UTF-8` …, English for anything else.
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.trim().to_ascii_lowercase();
        if l == "zh" || l.starts_with("zh_") || l.starts_with("zh-") || l.starts_with("zh.") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// 0: not chosen yet; 1: English; 2: Chinese.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of every message from now on (the `--lang` flag, or a
/// `lang` setting of a configuration file: call this after reading it).
pub fn set_language(lang: Lang) {
    let v = match lang {
        Lang::En => 1,
        Lang::Zh => 2,
    };
    CHOSEN.store(v, Ordering::Relaxed);
}

/// The language a configuration file (`lang = "zh"` in pingyi.toml) asks for: taken
/// unless `--lang` or `PINGYI_LANG` already chose one, which win over the file.
pub fn prefer_language(lang: Lang) {
    let env_chose = std::env::var("PINGYI_LANG").is_ok_and(|v| !v.trim().is_empty());
    if CHOSEN.load(Ordering::Relaxed) == 0 && !env_chose {
        set_language(lang);
    }
}

/// The language of messages: the one chosen, else `PINGYI_LANG`, else the system locale.
pub fn language() -> Lang {
    match CHOSEN.load(Ordering::Relaxed) {
        1 => Lang::En,
        2 => Lang::Zh,
        _ => detected_language(),
    }
}

/// The language the environment asks for: `PINGYI_LANG` if set, else the system
/// locale (on Linux `LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`; on Windows and macOS
/// the user's UI language).
pub fn detected_language() -> Lang {
    // Unit tests assert English texts whatever the locale of the machine running them.
    if cfg!(test) {
        return Lang::En;
    }
    match std::env::var("PINGYI_LANG") {
        Ok(v) if !v.trim().is_empty() => Lang::from_locale(&v),
        _ => sys_locale::get_locale()
            .map(|l| Lang::from_locale(&l))
            .unwrap_or_default(),
    }
}

/// A text for a person: a catalogue key with named arguments, or (for messages not
/// yet in the catalogue) a plain text shown as is in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Keyed {
        key: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    Plain(String),
}

/// The value of a named argument: a text, or a message rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Nested(Box<Message>),
}

/// A catalogue message: `msg!("key", name = value, other => message, unit, …)`. A
/// value after `=` is shown with `Display`; a [`Message`] after `=>` is rendered in the
/// same language as the message holding it; a bare name is a variable of that name.
/// (Exported for the binary's command line; use it as `i18n::msg`.)
#[doc(hidden)]
#[macro_export]
macro_rules! __msg {
    ($key:literal $(, $($rest:tt)*)?) => {
        $crate::i18n::msg!(@args $crate::i18n::Message::new($key); $($($rest)*)?)
    };
    (@args $m:expr; $(,)?) => { $m };
    (@args $m:expr; $name:ident = $value:expr $(, $($rest:tt)*)?) => {
        $crate::i18n::msg!(@args $m.arg(stringify!($name), &$value); $($($rest)*)?)
    };
    (@args $m:expr; $name:ident => $value:expr $(, $($rest:tt)*)?) => {
        $crate::i18n::msg!(@args $m.nested(stringify!($name), $value); $($($rest)*)?)
    };
    (@args $m:expr; $name:ident $(, $($rest:tt)*)?) => {
        $crate::i18n::msg!(@args $m.arg(stringify!($name), &$name); $($($rest)*)?)
    };
}
pub use __msg as msg;

/// The line printed for an error: `error: …` / `错误：…`.
pub fn error_line(message: Message) -> Message {
    msg!("prefix-error", message => message)
}

/// The line printed for a warning: `warning: …` / `警告：…`.
pub fn warning_line(message: impl Into<Message>) -> Message {
    msg!("prefix-warning", message => message.into())
}

impl Message {
    /// A catalogue message with no arguments yet.
    pub fn new(key: &'static str) -> Message {
        Message::Keyed {
            key,
            args: Vec::new(),
        }
    }

    /// The message with one more named argument.
    pub fn arg(self, name: &'static str, value: &dyn std::fmt::Display) -> Message {
        self.with(name, Arg::Text(value.to_string()))
    }

    /// The message with one more named argument that is itself a message.
    pub fn nested(self, name: &'static str, value: impl Into<Message>) -> Message {
        self.with(name, Arg::Nested(Box::new(value.into())))
    }

    fn with(mut self, name: &'static str, value: Arg) -> Message {
        if let Message::Keyed { args, .. } = &mut self {
            args.push((name, value));
        }
        self
    }

    /// The catalogue key, if the message has one.
    pub fn key(&self) -> Option<&'static str> {
        match self {
            Message::Keyed { key, .. } => Some(key),
            Message::Plain(_) => None,
        }
    }

    /// Applies `f` to every argument and plain text (masking personal identifiers).
    pub fn map_text(self, f: impl Fn(&str) -> String + Copy) -> Message {
        match self {
            Message::Keyed { key, args } => Message::Keyed {
                key,
                args: args
                    .into_iter()
                    .map(|(n, v)| {
                        let v = match v {
                            Arg::Text(t) => Arg::Text(f(&t)),
                            Arg::Nested(m) => Arg::Nested(Box::new(m.map_text(f))),
                        };
                        (n, v)
                    })
                    .collect(),
            },
            Message::Plain(s) => Message::Plain(f(&s)),
        }
    }

    /// The message in `lang`.
    pub fn render_in(&self, lang: Lang) -> String {
        match self {
            Message::Plain(s) => s.clone(),
            Message::Keyed { key, args } => {
                let mut fargs = FluentArgs::new();
                for (n, v) in args {
                    let text = match v {
                        Arg::Text(t) => t.clone(),
                        Arg::Nested(m) => m.render_in(lang),
                    };
                    match whole_number(&text) {
                        Some(v) => fargs.set(*n, v),
                        None => fargs.set(*n, text),
                    }
                }
                format_key(lang, key, Some(&fargs))
            }
        }
    }

    /// The message in the chosen language.
    pub fn render(&self) -> String {
        self.render_in(language())
    }
}

impl From<String> for Message {
    fn from(s: String) -> Message {
        Message::Plain(s)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Message {
        Message::Plain(s.to_string())
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static ZH: OnceLock<Bundle> = OnceLock::new();
    static EN: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::Zh => ZH.get_or_init(|| build(ZH_FTL, "zh-CN")),
        Lang::En => EN.get_or_init(|| build(EN_FTL, "en-US")),
    }
}

/// A bundle of one embedded catalogue. The catalogues are checked by tests, so a
/// resource error here is a fault of the build; what parsed is still used.
fn build(source: &str, locale: &str) -> Bundle {
    let id = locale.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Fluent wraps placeables in bidi isolation marks (U+2068 … U+2069) by default;
    // our texts are left-to-right and the marks would show up in terminals and logs.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The text of a catalogue key without arguments in `lang`, if the catalogue has it:
/// for texts looked up by a key made at run time (the command line's help).
pub fn lookup(lang: Lang, key: &str) -> Option<String> {
    bundle(lang)
        .get_message(key)
        .and_then(|m| m.value())
        .map(|_| format_key(lang, key, None))
}

/// An argument written as a plain whole number (`0`, `17`, not `0001` or an ID
/// number), as a number: a catalogue text selects on it (`[one]`, `[0]`) and prints
/// it exactly as written.
fn whole_number(text: &str) -> Option<u64> {
    let n: u64 = text.parse().ok()?;
    (text.len() <= 15 && n.to_string() == text).then_some(n)
}

fn format_key(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_their_language() {
        for zh in ["zh", "zh_CN.UTF-8", "zh-Hans-CN", "ZH_tw", "zh.GBK"] {
            assert_eq!(Lang::from_locale(zh), Lang::Zh, "{zh}");
        }
        for en in ["en_US.UTF-8", "C", "POSIX", "", "de-DE", "zha"] {
            assert_eq!(Lang::from_locale(en), Lang::En, "{en}");
        }
    }

    #[test]
    fn a_message_renders_in_both_languages_without_isolation_marks() {
        let m = msg!("loc-row", row = 7);
        assert_eq!(m.render_in(Lang::En), "row 7");
        assert_eq!(m.render_in(Lang::Zh), "第 7 行");
        assert!(!m.render_in(Lang::Zh).contains('\u{2068}'));
    }

    #[test]
    fn a_nested_message_is_rendered_in_the_same_language() {
        let m = msg!("error-input", location = "c.csv", message => msg!("loc-row", row = 2));
        assert_eq!(m.render_in(Lang::Zh), "c.csv：第 2 行");
        assert_eq!(m.render_in(Lang::En), "c.csv: row 2");
    }

    #[test]
    fn whole_numbers_select_plural_forms_and_print_as_written() {
        let one = msg!(
            "counts-read-as-zero",
            table = "t.csv",
            count = 1,
            cells = "B2",
            more = 0
        );
        let en = one.render_in(Lang::En);
        assert!(en.contains("1 count cell is"), "{en}");
        assert!(!en.contains("more"), "{en}");
        let two = msg!(
            "counts-read-as-zero",
            table = "t.csv",
            count = 2,
            cells = "B2",
            more = 3
        );
        assert!(two.render_in(Lang::En).contains("; and 3 more"));
        assert_eq!(
            msg!("loc-row", row = "0007").render_in(Lang::En),
            "row 0007"
        );
        let id = "110105199001011234";
        assert_eq!(
            msg!("loc-row", row = id).render_in(Lang::En),
            format!("row {id}")
        );
    }

    #[test]
    fn plain_text_is_shown_as_is() {
        let m = Message::from("as typed");
        assert_eq!(m.render_in(Lang::Zh), "as typed");
        assert_eq!(m.render_in(Lang::En), "as typed");
    }

    #[test]
    fn both_catalogues_parse_without_error() {
        for (name, src) in [("zh", ZH_FTL), ("en", EN_FTL)] {
            if let Err((_, errors)) = FluentResource::try_new(src.to_string()) {
                panic!("{name}.ftl: {errors:?}");
            }
        }
    }
}
