//! The command line's help in the chosen language: every command's description, every
//! argument's help, the headings and the usage line, taken from the catalogue (keys
//! `help-…` and `cli-…`) and set on the clap command tree once it is built.
//!
//! Keys: `help-<path>-about` and `help-<path>-long` for a command, `help-<path>-<id>`
//! for an argument, where `<path>` is `pingyi` for the top level and the subcommand
//! names joined by `-` below it (`frame`, `audit-select`); an argument's text shared by
//! several commands may be given once as `help-arg-<id>`; the placeholder of its value
//! (`--counts <数量表>`) is `help-value-<id>`.

use clap::{Arg, Command};

use pingyi::i18n::{self, Lang, msg};

/// The path of the top-level command in help keys.
pub const ROOT: &str = "pingyi";

/// The key path of subcommand `name` below the command at `parent`.
pub fn child_path(parent: &str, name: &str) -> String {
    match parent {
        ROOT => name.to_string(),
        _ => format!("{parent}-{name}"),
    }
}

/// The key path of clap's `help` subcommand, wherever it is.
const HELP: &str = "help";

/// The catalogue key of a command's text (`about` or `long`).
pub fn command_key(path: &str, what: &str) -> String {
    format!("help-{path}-{what}")
}

/// The keys an argument's help may have, the command's own first.
pub fn arg_keys(path: &str, id: &str) -> [String; 2] {
    [format!("help-{path}-{id}"), format!("help-arg-{id}")]
}

/// The first of `keys` the catalogue has in `lang`.
pub fn first_text(lang: Lang, keys: &[String]) -> Option<String> {
    keys.iter().find_map(|k| i18n::lookup(lang, k))
}

/// `cmd` (built) with every text of its tree in `lang`. `path` keys its own texts;
/// `base` is the path its subcommands' keys start from: the same, except in clap's
/// `help` subcommand, which lists the commands beside it under their own keys.
pub fn localize(cmd: Command, path: &str, base: &str, lang: Lang) -> Command {
    let mut cmd = cmd;
    if let Some(about) = i18n::lookup(lang, &command_key(path, "about")) {
        cmd = cmd.about(about);
    }
    if cmd.get_long_about().is_some() {
        cmd = match i18n::lookup(lang, &command_key(path, "long")) {
            Some(long) => cmd.long_about(long),
            None => cmd.long_about(None::<&'static str>),
        };
    }
    cmd = cmd
        .mut_args(|a| localize_arg(a, path, lang))
        .subcommand_help_heading(msg!("cli-heading-commands").render_in(lang))
        .subcommand_value_name(msg!("cli-value-command").render_in(lang))
        .help_template(template(lang));
    let usage = usage_line(&mut cmd, lang);
    cmd.override_usage(usage)
        .mut_subcommands(|sub| match sub.get_name() {
            HELP => localize(sub, HELP, base, lang),
            name => {
                let sub_path = child_path(base, name);
                localize(sub, &sub_path, &sub_path, lang)
            }
        })
}

/// The help layout with its usage heading in `lang` (clap's default layout; a
/// full-width colon needs no space after it).
fn template(lang: Lang) -> String {
    let mut usage = msg!("cli-heading-usage").render_in(lang);
    if usage.ends_with(':') {
        usage.push(' ');
    }
    format!("{{before-help}}{{about-with-newline}}\n{usage}{{usage}}\n\n{{all-args}}{{after-help}}")
}

/// The usage line clap makes without its heading, its `[OPTIONS]` in `lang` (the
/// placeholders of values and commands are set before, on the arguments).
fn usage_line(cmd: &mut Command, lang: Lang) -> String {
    let rendered = cmd.render_usage().to_string();
    let line = rendered
        .split_once(':')
        .map_or(rendered.as_str(), |(_, rest)| rest)
        .trim();
    let options = msg!("cli-usage-options").render_in(lang);
    line.replace("[OPTIONS]", &options)
}

/// The catalogue key of the placeholder of an argument's value (`<COUNTS>`).
pub fn value_key(id: &str) -> String {
    format!("help-value-{id}")
}

/// An argument's help, its heading, its value's placeholder, and its default and
/// possible values in `lang`.
fn localize_arg(arg: Arg, path: &str, lang: Lang) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let help = first_text(lang, &arg_keys(path, &id))
        .or_else(|| arg.get_help().map(|h| h.to_string()))
        .unwrap_or_default();
    let mut arg = arg;
    if arg.get_action().takes_values() {
        if let Some(name) = i18n::lookup(lang, &value_key(&id)) {
            arg = arg.value_name(name);
        }
    }
    let (arg, help) = annotate(arg, help, lang);
    let heading = if arg.is_positional() {
        msg!("cli-heading-arguments")
    } else {
        msg!("cli-heading-options")
    };
    arg.help(help)
        .long_help(None::<&str>)
        .help_heading(heading.render_in(lang))
}

/// The help with the argument's default and possible values in `lang` after it (in
/// place of clap's English `[default: …]` and `[possible values: …]`).
fn annotate(arg: Arg, mut help: String, lang: Lang) -> (Arg, String) {
    if !arg.get_action().takes_values() {
        return (arg, help);
    }
    let mut arg = arg;
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let note = msg!("cli-default-value", value = defaults.join(", "));
        help = format!("{help} {}", note.render_in(lang));
        arg = arg.hide_default_value(true);
    }
    let values = possible_values(&arg);
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        let note = msg!("cli-possible-values", values = values.join(", "));
        help = format!("{help} {}", note.render_in(lang));
        arg = arg.hide_possible_values(true);
    }
    (arg, help)
}

/// The values an argument accepts, if it names them.
fn possible_values(arg: &Arg) -> Vec<String> {
    arg.get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every text the tree needs: the keys that may hold it and the English of the
    /// code. clap's `help` subcommand lists the other commands, whose keys are theirs.
    fn needs(cmd: &Command, path: &str, out: &mut Vec<(Vec<String>, String)>) {
        let about = cmd.get_about().map(|s| s.to_string()).unwrap_or_default();
        out.push((vec![command_key(path, "about")], about));
        if let Some(long) = cmd.get_long_about() {
            out.push((vec![command_key(path, "long")], long.to_string()));
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let id = arg.get_id().as_str();
            let text = arg.get_help().map(|s| s.to_string()).unwrap_or_default();
            out.push((arg_keys(path, id).to_vec(), text));
            if arg.get_action().takes_values() {
                out.push((vec![value_key(id)], id.to_uppercase()));
            }
        }
        for sub in cmd.get_subcommands() {
            match sub.get_name() {
                HELP => out.push((vec![command_key(HELP, "about")], String::new())),
                name => needs(sub, &child_path(path, name), out),
            }
        }
    }

    fn built() -> Command {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        cmd
    }

    fn catalogue_keys(source: &str) -> Vec<String> {
        source
            .lines()
            .filter(|l| l.starts_with("help-"))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.to_string()))
            .collect()
    }

    #[test]
    fn every_command_and_argument_has_a_text_in_both_languages() {
        let mut out = Vec::new();
        needs(&built(), ROOT, &mut out);
        assert!(out.len() > 100, "only {} texts walked", out.len());
        let mut missing = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            for (keys, english) in &out {
                if first_text(lang, keys).is_none() {
                    missing.push(format!("{lang:?} {} ({english})", keys.join(" or ")));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "no catalogue text:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_help_key_of_the_catalogue_is_used_by_the_tree() {
        let mut out = Vec::new();
        needs(&built(), ROOT, &mut out);
        let used: std::collections::BTreeSet<&String> = out.iter().flat_map(|(k, _)| k).collect();
        for (name, source) in [("zh", i18n::ZH_FTL), ("en", i18n::EN_FTL)] {
            let stale: Vec<String> = catalogue_keys(source)
                .into_iter()
                .filter(|k| !used.contains(k))
                .collect();
            assert!(
                stale.is_empty(),
                "{name}.ftl: help keys no command uses: {stale:?}"
            );
        }
    }

    #[test]
    fn the_localized_tree_speaks_chinese_everywhere() {
        let mut cmd = crate::cli::command(Lang::Zh);
        let help = cmd.render_long_help().to_string();
        for want in [
            "用法：pingyi [选项] <命令>",
            "命令:",
            "选项:",
            "显示帮助",
            "抽样框",
        ] {
            assert!(help.contains(want), "lacks {want:?}:\n{help}");
        }
        let frame = cmd.find_subcommand_mut("frame").unwrap();
        let help = frame.render_long_help().to_string();
        for want in [
            "用法：pingyi frame [选项] --counts <数量表> --out <结果文件>",
            "--confidence <置信水平>",
            "[默认：0.95]",
            "[可选：en, zh]",
        ] {
            assert!(help.contains(want), "lacks {want:?}:\n{help}");
        }
        for english in [
            "Usage",
            "Options",
            "Print help",
            "default:",
            "possible values",
        ] {
            assert!(!help.contains(english), "{english:?} in:\n{help}");
        }
    }

    #[test]
    fn the_localized_tree_keeps_english_under_english() {
        let mut cmd = crate::cli::command(Lang::En);
        let help = cmd.render_long_help().to_string();
        for want in [
            "Usage: pingyi [OPTIONS] <COMMAND>",
            "Commands:",
            "Options:",
            "Print help",
        ] {
            assert!(help.contains(want), "lacks {want:?}:\n{help}");
        }
    }
}
