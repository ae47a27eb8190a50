//! Fuzzing the masking policy: arbitrary `[mask]` tables in pingyi.toml, arbitrary
//! `--mask-…` flag values, and arbitrary text masked under arbitrary policies. No
//! panic, no internal error, no hang; a policy is either accepted (and then keeps at
//! most what it may) or refused as bad input (exit 2); masked text never shows a run
//! of 11 or more digits whole. Cases: PINGYI_FUZZ_CASES (default 64); a longer run is
//! `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_mask`.

mod util;

use util::{fuzz_cases as cases, within};

use pingyi::commands::config::flag_policy;
use pingyi::commands::run::RunConfig;
use pingyi::privacy::{MAX_ID_END, MAX_ID_KEPT, MAX_NAME_KEPT, MAX_PHONE_KEPT, MaskPolicy};
use proptest::prelude::*;

/// A value as it may be typed into a TOML file, sensible or not.
fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0i64..20).prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("\"4\"".to_string()),
        Just("4.0".to_string()),
        Just("nan".to_string()),
        Just("-1".to_string()),
        Just("[1, 2]".to_string()),
        "[a-z0-9\"]{0,6}",
    ]
}

fn mask_table() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("id_head"),
        Just("id_tail"),
        Just("phone_head"),
        Just("phone_tail"),
        Just("name_head"),
        Just("ids"),
        Just("name_tail"),
    ];
    prop::collection::vec((key, toml_value()), 0..6).prop_map(|kv| {
        let mut s = String::from("[county]\ntitle = \"t\"\ncounts = \"c.csv\"\n[mask]\n");
        for (k, v) in kv {
            s.push_str(&format!("{k} = {v}\n"));
        }
        s
    })
}

/// A flag value as it may be typed.
fn flag_value() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        (0u32..30, 0u32..30).prop_map(|(a, b)| format!("{a},{b}")),
        (0u32..30).prop_map(|a| a.to_string()),
        "[0-9,+，\\- a]{0,8}",
        ".{0,6}",
    ])
}

/// A policy the configuration or the flags would accept.
fn policy() -> impl Strategy<Value = MaskPolicy> {
    (any::<[u8; 5]>())
        .prop_map(|b| MaskPolicy {
            id_head: b[0] % 11,
            id_tail: b[1] % 11,
            name_head: b[2] % 3,
            phone_head: b[3] % 8,
            phone_tail: b[4] % 8,
        })
        .prop_filter("accepted", |p| p.check().is_ok())
}

/// Text with identifiers in the forms officials type them.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{11,20}",
        "[0-9]{17}[Xx]",
        "[0-9 \\-().]{0,24}",
        "[０-９]{11}",
        ".{0,8}",
    ];
    prop::collection::vec(piece, 0..5).prop_map(|v| v.join(" "))
}

/// The runs of 11 or more ASCII digits in `s`.
fn long_runs(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|r| r.len() >= 11)
        .collect()
}

fn kept_within_limits(p: &MaskPolicy) -> bool {
    p.id_head + p.id_tail <= MAX_ID_KEPT
        && p.id_head.max(p.id_tail) <= MAX_ID_END
        && p.phone_head + p.phone_tail <= MAX_PHONE_KEPT
        && p.name_head <= MAX_NAME_KEPT
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_mask_table_is_accepted_within_limits_or_refused_as_bad_input(toml in mask_table()) {
        let result = within(10, move || RunConfig::parse(&toml, "pingyi.toml"));
        match result {
            Ok(config) => {
                let p = config.mask.policy().unwrap();
                prop_assert!(kept_within_limits(&p), "{p:?}");
            }
            Err(e) => prop_assert_eq!(e.exit_code(), 2, "{}", e),
        }
    }

    #[test]
    fn any_mask_flags_give_a_policy_within_limits_or_a_usage_error(
        id in flag_value(),
        phone in flag_value(),
        name in flag_value(),
    ) {
        let result = within(10, move || {
            flag_policy(id.as_deref(), phone.as_deref(), name.as_deref())
        });
        match result {
            Ok(Some(p)) => prop_assert!(kept_within_limits(&p), "{p:?}"),
            Ok(None) => {}
            Err(e) => prop_assert_eq!(e.exit_code(), 2, "{}", e),
        }
    }

    #[test]
    fn masked_text_never_shows_a_long_digit_run_whole(p in policy(), s in text()) {
        let input = s.clone();
        let masked = within(10, move || p.mask(&input));
        for run in long_runs(&s) {
            prop_assert!(!masked.contains(run), "{run} in {masked}");
        }
        let name = within(10, move || p.mask_name(&masked));
        prop_assert!(name.is_empty() || name.ends_with('*'), "{name}");
    }
}
