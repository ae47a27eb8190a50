//! Fuzzing the rendering of messages: any file, sheet, header, row, column and cell
//! text renders in both languages without a panic, keeps the place, and never shows a
//! phone or ID number that was in it. Cases: `PINGYI_FUZZ_CASES` (default 64).

mod util;

use util::fuzz_cases as cases;

use pingyi::error::{Error, Location};
use pingyi::i18n::{Lang, Message};
use proptest::prelude::*;

/// Text as a clerk's file may hold it: Chinese, full-width, quotes, braces, Fluent's
/// own syntax characters, control characters.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("城关镇".to_string()),
            Just("{ $x }".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just("$".to_string()),
            Just("\u{2068}".to_string()),
            Just("１２a".to_string()),
            Just("\n".to_string()),
            "[ -~]{0,6}",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..6,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_input_error_renders_in_both_languages_and_masks_identifiers(
        file in text(),
        sheet in proptest::option::of(text()),
        row in proptest::option::of(1usize..2_000_000),
        header in proptest::option::of(text()),
        col in 0usize..20_000,
        cell in text(),
    ) {
        let phone = "13812345678";
        let mut at = Location::file(file.clone());
        at.sheet = sheet;
        if let Some(r) = row {
            at = at.at_row(r);
        }
        let at = match &header {
            Some(h) => at.at_column(h, col),
            None => at.at_column_letter(col),
        };
        let value = format!("'{cell}{phone}'");
        let keyed = Error::input(
            at.clone(),
            Message::new("count-bad")
                .arg("value", &value)
                .nested("problem", Message::new("count-not-a-number")),
        );
        let plain = Error::input(at, format!("holds {value}"));
        for e in [&keyed, &plain] {
            for lang in [Lang::En, Lang::Zh] {
                let shown = e.render_in(lang);
                prop_assert!(!shown.contains(phone), "{shown}");
                prop_assert!(shown.contains(&pingyi::error::column_letter(col)), "{shown}");
                if let Some(r) = row {
                    prop_assert!(shown.contains(&r.to_string()), "{shown}");
                }
                prop_assert_eq!(e.exit_code(), 2);
            }
        }
    }

    #[test]
    fn a_language_name_never_panics(name in text()) {
        let _ = Lang::from_locale(&name);
    }
}
