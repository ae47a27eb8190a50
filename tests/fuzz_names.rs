//! Fuzzing how ids and unit names are matched across files: arbitrary id cells (digits,
//! letters, invisible characters, spaces of every width, full-width forms, scientific
//! notation) against a sample's ids, and arbitrary unit names (traditional and
//! simplified characters among them) through the unit key. No panic, no hang; a sampled
//! id however disguised is found as itself; a name's key is stable and a name of
//! traditional characters has the key of its simplified form; call logs of mutated ids through the binary
//! never end in an internal error. Cases: PINGYI_FUZZ_CASES (default 64); a longer run
//! is `PINGYI_FUZZ_CASES=5000 cargo test --release --test fuzz_names`.

mod util;

use util::{Workdir, fuzz_cases as cases, within};

use pingyi::draw::ids::{IdMatch, SampleIds, id_key};
use pingyi::io::text::unit_key;
use proptest::prelude::*;

/// Characters an id or a name may hold in a file as offices keep them.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,4}",
        "[A-Za-z]{1,2}",
        "[０-９Ａ-Ｚ]{1,2}",
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{3000}".to_string()),
        Just(" ".to_string()),
        Just(".".to_string()),
        Just("E+".to_string()),
        Just("e".to_string()),
        Just("x".to_string()),
        Just("城關鎮".to_string()),
        Just("凤凰乡".to_string()),
        ".{0,3}",
    ]
}

fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..6).prop_map(|p| p.concat())
}

/// `id` with invisible characters and spaces around it and its digits made full-width.
fn disguised(id: &str, how: usize) -> String {
    let wide: String = id
        .chars()
        .map(|c| match c {
            '!'..='~' if how % 2 == 0 => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect();
    let marks = [
        "\u{200b}", "\u{feff}", "\u{200e}", "\u{2066}", "\u{a0}", "\u{3000}",
    ];
    format!(
        "{}{wide}{}",
        marks[how % marks.len()],
        marks[(how / 2) % marks.len()]
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_id_cell_is_matched_or_told_apart_without_panic(
        sampled in prop::collection::vec("[0-9]{1,6}|[A-Z][0-9]{1,4}", 1..8),
        cells in prop::collection::vec(cell(), 0..8),
        how in 0usize..12,
    ) {
        let result = within(10, move || {
            let ids = SampleIds::new(sampled.iter().map(String::as_str));
            for c in &cells {
                let _ = ids.find(c);
                let _ = id_key(c);
            }
            sampled
                .iter()
                .map(|s| (s.clone(), ids.find(&disguised(s, how))))
                .collect::<Vec<_>>()
        });
        for (s, found) in result {
            prop_assert_eq!(found, IdMatch::Found(s));
        }
    }

    #[test]
    fn unit_keys_are_stable_and_one_for_both_forms(name in cell()) {
        let key = unit_key(&name);
        prop_assert_eq!(unit_key(&key), key.clone());
        prop_assert_eq!(unit_key(&name.replace("城關鎮", "城关镇")), key);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases().min(16), ..ProptestConfig::default() })]

    #[test]
    fn a_call_log_of_mutated_ids_never_ends_in_an_internal_error(
        cells in prop::collection::vec(cell(), 1..6),
    ) {
        let wd = Workdir::new();
        wd.write(
            "frame.csv",
            "unit,category,population,sample,reserve\n甲,农村低保,3,1,1\n",
        );
        wd.write("roster.csv", "编号,乡镇,类别\n0001,甲,农村低保\n0002,甲,农村低保\n0003,甲,农村低保\n");
        util::draw_example(&wd, "7", "s.csv");
        let mut log = String::from("编号,通话结果\n");
        for c in &cells {
            let c = c.replace(['"', ',', '\n', '\r'], "");
            log.push_str(&format!("{c},拒访\n"));
        }
        wd.write("calls.csv", log);
        let code = within(30, move || {
            wd.run(&["verify", "--calls", "calls.csv", "--sample", "s.csv"]).code()
        });
        prop_assert!([0, 2, 3].contains(&code), "exit {}", code);
    }
}
