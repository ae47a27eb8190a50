//! clap's parse errors told from the catalogue (keys `cli-…`): what was wrong, the
//! suggestion clap found, the usage line and where to read more, in the chosen language.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use pingyi::i18n::{Message, error_line, msg};

/// A value a flag was given that the flag's parser refused, with why: the error type
/// of pingyi's own value parsers.
#[derive(Debug)]
pub struct BadValue(pub Message);

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render())
    }
}

impl std::error::Error for BadValue {}

/// The lines printed for a parse error: the error, a suggestion, the usage, more help.
pub fn render(e: &Error) -> String {
    let mut lines = vec![error_line(what(e)).render()];
    lines.extend(suggestion(e).map(|m| m.render()));
    if let Some(usage) = usage(e) {
        lines.push(String::new());
        lines.push(msg!("cli-usage-line", usage).render());
        let command = command_of(&usage);
        lines.push(String::new());
        lines.push(msg!("cli-more-help", command).render());
    }
    pingyi::privacy::mask_personal(&lines.join("\n"))
}

/// A context value as one text (a list joined by commas).
fn value(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What was wrong, by the kind of error.
fn what(e: &Error) -> Message {
    let arg = value(e, ContextKind::InvalidArg).unwrap_or_default();
    let given = value(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => msg!("cli-unknown-argument", arg),
        ErrorKind::UnknownArgument => msg!("cli-extra-word", arg),
        ErrorKind::InvalidSubcommand => {
            let command = value(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            msg!("cli-unknown-subcommand", command)
        }
        ErrorKind::InvalidValue => invalid_value(e, &arg, &given),
        ErrorKind::ValueValidation => {
            msg!("cli-bad-value", arg, reason => validation_reason(e, &given))
        }
        ErrorKind::MissingRequiredArgument => msg!("cli-missing-required", arg),
        ErrorKind::MissingSubcommand => {
            let command = value(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            msg!("cli-missing-subcommand", command)
        }
        ErrorKind::ArgumentConflict => conflict(e, &arg),
        ErrorKind::NoEquals => msg!("cli-no-equals", arg),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            msg!("cli-value-count", arg)
        }
        ErrorKind::InvalidUtf8 => msg!("cli-invalid-utf8"),
        other => {
            let reason = other.as_str().unwrap_or("?");
            msg!("cli-parse-other", reason)
        }
    }
}

/// A flag given with another it excludes, or given twice.
fn conflict(e: &Error, arg: &str) -> Message {
    let other = value(e, ContextKind::PriorArg).unwrap_or_default();
    if other == arg {
        msg!("cli-repeated", arg)
    } else {
        msg!("cli-conflict", arg, other)
    }
}

/// A value outside a fixed list (`--lang fr`), or an empty one.
fn invalid_value(e: &Error, arg: &str, given: &str) -> Message {
    match value(e, ContextKind::ValidValue) {
        _ if given.is_empty() => msg!("cli-empty-value", arg),
        Some(valid) => msg!("cli-invalid-value", arg, value = given, valid),
        None => msg!("cli-bad-value", arg, reason => msg!("cli-value-refused", value = given)),
    }
}

/// Why a value parser refused a value: pingyi's own parsers say it in the catalogue;
/// the standard ones parse numbers.
fn validation_reason(e: &Error, given: &str) -> Message {
    let source = e.source();
    if let Some(bad) = source.and_then(|s| s.downcast_ref::<BadValue>()) {
        return bad.0.clone();
    }
    if source.is_some_and(|s| s.is::<std::num::ParseIntError>()) {
        return msg!("cli-value-whole", value = given);
    }
    if source.is_some_and(|s| s.is::<std::num::ParseFloatError>()) {
        return msg!("cli-value-number", value = given);
    }
    msg!("cli-value-refused", value = given)
}

/// What clap suggests instead: a flag, a subcommand or a value of that name.
fn suggestion(e: &Error) -> Option<Message> {
    if let Some(arg) = value(e, ContextKind::SuggestedArg) {
        return Some(msg!("cli-did-you-mean", name = arg));
    }
    if let Some(command) = value(e, ContextKind::SuggestedSubcommand) {
        return Some(msg!("cli-did-you-mean", name = command));
    }
    value(e, ContextKind::SuggestedValue).map(|v| msg!("cli-did-you-mean", name = v))
}

/// The usage line of the command that failed, without clap's `Usage:` heading.
fn usage(e: &Error) -> Option<String> {
    let text = value(e, ContextKind::Usage)?;
    let line = text.split_once(':').map_or(text.as_str(), |(_, rest)| rest);
    Some(line.trim().to_string())
}

/// The command a usage line is about: its words before the first flag or placeholder.
fn command_of(usage: &str) -> String {
    usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}
