//! Property tests of the frame: totals exact, samples within populations, minimums
//! respected where possible, and the result independent of the input's row order.

use pingyi::frame::{FramePlan, Method, ReserveRule, SizeRule, build_frame};
use pingyi::io::counts::parse_counts;
use pingyi::io::read_grid;
use proptest::prelude::*;

const CATEGORIES: [&str; 6] = ["农村低保", "城市低保", "五保", "优抚", "慈善", "临时救助"];

fn table_csv(rows: &[(usize, usize, u64, u64)]) -> String {
    let mut s = String::from("单位,类别,人数,标准差\n");
    for (u, c, n, sd) in rows {
        s.push_str(&format!("乡镇{u},{},{n},{sd}\n", CATEGORIES[*c]));
    }
    s
}

/// Unit × category cells with populations (some empty) and standard deviations.
fn tables() -> impl Strategy<Value = Vec<(usize, usize, u64, u64)>> {
    prop::collection::btree_map((0usize..5, 0usize..6), (0u64..3000, 0u64..20), 1..30).prop_map(
        |m| {
            m.into_iter()
                .map(|((u, c), (n, sd))| (u, c, n, sd))
                .collect()
        },
    )
}

fn methods() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::Proportional),
        Just(Method::Equal),
        Just(Method::Neyman)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn frames_keep_their_promises(
        rows in tables(),
        target in 1u64..600,
        minimum in 0u64..6,
        method in methods(),
        seed in any::<u64>(),
    ) {
        let plan = FramePlan {
            size: SizeRule::PerUnit(target),
            method,
            min_per_stratum: minimum,
            reserves: ReserveRule::Fixed(2),
        };
        let text = table_csv(&rows);
        let counts = parse_counts(&read_grid(text.as_bytes(), "t.csv", None).unwrap()).unwrap();
        let frame = build_frame(&counts, &plan).unwrap();

        for unit in &frame.units {
            let strata: Vec<_> = frame.rows.iter().filter(|r| r.unit == unit.unit).collect();
            let total: u64 = strata.iter().map(|r| r.sample).sum();
            // Exact totals: the target, or everyone in a smaller unit.
            prop_assert_eq!(total, target.min(unit.population));
            for r in &strata {
                prop_assert!(r.sample <= r.population);
                prop_assert!(r.reserve <= r.population - r.sample);
            }
            // The minimum holds wherever the target can pay for it.
            let floors: u64 = strata.iter().map(|r| r.population.min(minimum)).sum();
            if target >= floors {
                for r in &strata {
                    prop_assert!(
                        r.sample >= r.population.min(minimum),
                        "{} {} has {} < min({}, {})", r.unit, r.category, r.sample, minimum, r.population
                    );
                }
            }
        }

        // Shuffled rows give the identical frame.
        let mut shuffled = rows.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let text2 = table_csv(&shuffled);
        let counts2 = parse_counts(&read_grid(text2.as_bytes(), "t.csv", None).unwrap()).unwrap();
        let frame2 = build_frame(&counts2, &plan).unwrap();
        prop_assert_eq!(frame.rows, frame2.rows);
    }
}
