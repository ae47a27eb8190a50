//! The workbench's own words: a refusal that names a command, a flag or a key of
//! pingyi.toml (`pingyi audit select`, `--manifest`) is told on a page in the words
//! of its steps and buttons (the Audit page, “Make the checklist”).

use crate::i18n::{Arg, Message};

/// Messages of the command line and the key of their wording on the pages; each pair
/// takes the same arguments.
const ON_PAGES: &[(&str, &str)] = &[
    ("audit-not-a-selection", "polish-page-audit-not-a-selection"),
    (
        "audit-selection-damaged",
        "polish-page-audit-selection-damaged",
    ),
    (
        "audit-checklist-no-audit-no",
        "polish-page-audit-checklist-no-audit-no",
    ),
    (
        "audit-checklist-no-result",
        "polish-page-audit-checklist-no-result",
    ),
    (
        "audit-checklist-differs",
        "polish-page-audit-checklist-differs",
    ),
    (
        "audit-checklist-other-selection",
        "polish-page-audit-checklist-other-selection",
    ),
    (
        "audit-selection-no-sample",
        "polish-page-audit-selection-no-sample",
    ),
    (
        "audit-selection-not-found",
        "polish-page-audit-selection-not-found",
    ),
    (
        "audit-selection-ambiguous",
        "polish-page-audit-selection-ambiguous",
    ),
    ("audit-returns-none", "polish-page-audit-returns-none"),
    ("audit-id-blank", "polish-page-audit-id-blank"),
    ("audit-id-not-found", "polish-page-audit-id-not-found"),
    (
        "audit-id-other-selection",
        "polish-page-audit-id-other-selection",
    ),
    ("audit-results-blank", "polish-page-audit-results-blank"),
    ("draw-no-id-column", "polish-page-draw-no-id-column"),
    ("draw-counts-differ", "polish-page-draw-counts-differ"),
    ("draw-short-strata", "polish-page-draw-short-strata"),
    ("draw-frame-edited", "polish-page-draw-frame-edited"),
    (
        "frame-file-missing-column",
        "polish-page-frame-file-missing-column",
    ),
    (
        "score-inspection-missing",
        "polish-page-score-inspection-missing",
    ),
    ("score-no-inspection", "polish-page-score-no-inspection"),
    ("clerk-calls-no-id", "polish-page-clerk-calls-no-id"),
];

/// `m` as a page tells it: every message in it, nested ones too, that has a wording
/// of the workbench's own in that wording.
pub fn on_pages(m: Message) -> Message {
    let Message::Keyed { key, args } = m else {
        return m;
    };
    let key = ON_PAGES
        .iter()
        .find(|(cli, _)| *cli == key)
        .map_or(key, |(_, page)| page);
    let args = args
        .into_iter()
        .map(|(name, arg)| match arg {
            Arg::Nested(inner) => (name, Arg::Nested(Box::new(on_pages(*inner)))),
            text => (name, text),
        })
        .collect();
    Message::Keyed { key, args }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN_FTL, Lang, msg};

    /// The arguments (`{ $name }`) of `key`'s text in `ftl`, sorted, once each.
    fn arguments(ftl: &str, key: &str) -> Vec<String> {
        let start = ftl
            .find(&format!("\n{key} ="))
            .unwrap_or_else(|| panic!("no {key}"));
        let rest = &ftl[start + key.len() + 3..];
        let end = rest.find("\n#").into_iter().chain(next_key(rest)).min();
        let text = &rest[..end.unwrap_or(rest.len())];
        let mut names: Vec<String> = text
            .split("{ $")
            .skip(1)
            .filter_map(|s| s.split([' ', '}']).next().map(str::to_string))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Where the next message of a catalogue begins in `rest`.
    fn next_key(rest: &str) -> Option<usize> {
        rest.match_indices('\n')
            .map(|(i, _)| i)
            .find(|&i| rest[i + 1..].starts_with(|c: char| c.is_ascii_lowercase()))
    }

    #[test]
    fn each_wording_of_the_pages_takes_the_arguments_of_its_message() {
        for (cli, page) in ON_PAGES {
            assert_eq!(arguments(EN_FTL, cli), arguments(EN_FTL, page), "{page}");
        }
    }

    #[test]
    fn a_nested_message_is_told_in_the_pages_words() {
        let m = msg!("prefix-error", message => msg!("audit-selection-damaged"));
        let en = on_pages(m).render_in(Lang::En);
        assert!(
            en.contains("Make the checklist") && !en.contains("pingyi"),
            "{en}"
        );
        let plain = Message::Plain("x".into());
        assert_eq!(on_pages(plain.clone()), plain);
    }
}
