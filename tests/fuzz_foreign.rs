//! Fuzzing the telling of others' reasons: arbitrary and mutated TOML reasons and
//! configurations, and every kind of operating-system error, are told from the
//! catalogue in both languages without a panic or a hang; a configuration TOML
//! refuses is told in Chinese without the reader's English. Cases: PINGYI_FUZZ_CASES
//! (default 64).

mod util;

use pingyi::commands::run::RunConfig;
use pingyi::i18n::{Lang, io_reason, toml_reason};
use proptest::prelude::*;
use util::{fuzz_cases as cases, within};

/// Reasons as the TOML reader and serde word them, cut and mutated.
fn reason() -> impl Strategy<Value = String> {
    let known = prop_oneof![
        Just("invalid type: integer `5`, expected a string".to_string()),
        Just("invalid value: integer `-3`, expected u64".to_string()),
        Just("unknown field `x`, expected one of `a`, `b`".to_string()),
        Just("unknown variant `fr`, expected `en` or `zh`".to_string()),
        Just("missing field `counts`".to_string()),
        Just("duplicate key".to_string()),
        Just("invalid basic string, expected `\"`".to_string()),
    ];
    (known, any::<String>(), 0usize..60).prop_map(|(k, noise, cut)| {
        let cut = k.char_indices().nth(cut).map_or(k.len(), |(i, _)| i);
        format!("{}{noise}", &k[..cut])
    })
}

/// A configuration line as someone may type it, sensible or not.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[county]".to_string()),
        Just("title = \"t\"".to_string()),
        Just("counts = \"c.csv\"".to_string()),
        Just("margin = ".to_string()),
        Just("rosters = [\"r.csv\"".to_string()),
        Just("lang = \"zh\"".to_string()),
        "[a-z_]{1,8} = [\\[\\]\"'0-9a-z.,-]{0,8}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_reason_is_told_in_both_languages(r in reason()) {
        let blank = r.trim().is_empty();
        let (zh, en) = within(5, move || {
            let m = toml_reason(&r);
            (m.render_in(Lang::Zh), m.render_in(Lang::En))
        });
        prop_assert!(blank || (!zh.is_empty() && !en.is_empty()), "{} / {}", zh, en);
    }

    #[test]
    fn any_configuration_toml_refuses_is_told_in_chinese(lines in prop::collection::vec(line(), 0..8)) {
        let text = lines.join("\n");
        let result = within(5, move || RunConfig::parse(&text, "pingyi.toml").map(|_| ()));
        if let Err(e) = result {
            prop_assert_eq!(e.exit_code(), 2);
            let zh = e.render_in(Lang::Zh);
            for english in ["expected", "invalid", "missing field", "unknown field", "duplicate key"] {
                prop_assert!(!zh.contains(english), "{}", zh);
            }
        }
    }

    #[test]
    fn every_operating_system_error_is_told(code in 0i32..200) {
        let e = std::io::Error::from_raw_os_error(code);
        let zh = io_reason(&e).render_in(Lang::Zh);
        prop_assert!(!zh.is_ascii(), "{}: {}", code, zh);
    }
}
