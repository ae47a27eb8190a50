//! Statistical checks of the draw with fixed seeds: over many seeds every record is
//! drawn as main with frequency n/N and as reserve with frequency r/N (chi-square).

use pingyi::draw::roster::RosterRecord;
use pingyi::draw::ticket::Seed;
use pingyi::draw::{DrawPlan, Role, draw_records};
use pingyi::error::Location;
use pingyi::frame::FrameRow;
use pingyi::io::Category;

const N: u64 = 20;
const SAMPLE: u64 = 5;
const RESERVE: u64 = 3;
const SEEDS: u64 = 4000;
/// The 99.9% point of chi-square with 19 degrees of freedom.
const CHI2_19_999: f64 = 43.82;

fn records() -> Vec<RosterRecord> {
    (0..N)
        .map(|i| RosterRecord {
            id: format!("r{i:02}"),
            unit: "甲".into(),
            category: Category::from_label("农村低保"),
            cells: vec![format!("r{i:02}")],
            id_number: None,
            phone: None,
            location: Location::file("synthetic").at_row(i as usize + 2),
        })
        .collect()
}

/// The draw of `recs` under `frame` with the given seed.
fn draw_with(frame: &[FrameRow], recs: &[RosterRecord], seed: &str) -> pingyi::draw::Draw {
    let plan = DrawPlan {
        seed: Seed::new(seed).unwrap(),
        take_all_short: false,
        allow_count_mismatch: false,
    };
    draw_records(
        frame,
        || Ok(recs.iter().cloned().map(Ok)),
        &plan,
        "synthetic",
    )
    .unwrap()
}

fn chi_square(counts: &[u64], expected: f64) -> f64 {
    counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum()
}

#[test]
fn selection_frequencies_match_n_over_big_n() {
    let frame = vec![FrameRow {
        unit: "甲".into(),
        category: Category::from_label("农村低保"),
        population: N,
        sample: SAMPLE,
        reserve: RESERVE,
    }];
    let recs = records();
    let mut main = vec![0u64; N as usize];
    let mut reserve = vec![0u64; N as usize];
    let mut first_reserve = vec![0u64; N as usize];
    for s in 0..SEEDS {
        let result = draw_with(&frame, &recs, &format!("stat-{s}"));
        assert_eq!(result.drawn.len(), (SAMPLE + RESERVE) as usize);
        for d in &result.drawn {
            let i: usize = d.record.id[1..].parse().unwrap();
            match d.role {
                Role::Main => main[i] += 1,
                Role::Reserve => reserve[i] += 1,
            }
            if d.rank == SAMPLE + 1 {
                first_reserve[i] += 1;
            }
        }
    }
    let per_seed = SEEDS as f64 / N as f64;
    let main_chi = chi_square(&main, per_seed * SAMPLE as f64);
    let reserve_chi = chi_square(&reserve, per_seed * RESERVE as f64);
    let first_chi = chi_square(&first_reserve, per_seed);
    assert!(
        main_chi < CHI2_19_999,
        "main: chi2 = {main_chi:.1}, counts {main:?}"
    );
    assert!(
        reserve_chi < CHI2_19_999,
        "reserve: chi2 = {reserve_chi:.1}, counts {reserve:?}"
    );
    assert!(
        first_chi < CHI2_19_999,
        "first reserve: chi2 = {first_chi:.1}, counts {first_reserve:?}"
    );
    // The test can fail: a draw that always took the first ids would be far off.
    let biased: Vec<u64> = (0..N).map(|i| if i < SAMPLE { SEEDS } else { 0 }).collect();
    assert!(chi_square(&biased, per_seed * SAMPLE as f64) > CHI2_19_999);
}

#[test]
fn pairs_are_drawn_together_as_often_as_srs_says() {
    // Under simple random sampling without replacement, two given records are both in
    // the sample with probability n(n−1)/(N(N−1)) = 20/380.
    let frame = vec![FrameRow {
        unit: "甲".into(),
        category: Category::from_label("农村低保"),
        population: N,
        sample: SAMPLE,
        reserve: 0,
    }];
    let recs = records();
    let mut together = 0u64;
    for s in 0..SEEDS {
        let result = draw_with(&frame, &recs, &format!("pair-{s}"));
        let ids: Vec<&str> = result.drawn.iter().map(|d| d.record.id.as_str()).collect();
        together += (ids.contains(&"r00") && ids.contains(&"r01")) as u64;
    }
    let p = (SAMPLE * (SAMPLE - 1)) as f64 / (N * (N - 1)) as f64;
    let expected = SEEDS as f64 * p;
    let sd = (SEEDS as f64 * p * (1.0 - p)).sqrt();
    assert!(
        ((together as f64) - expected).abs() < 4.0 * sd,
        "{together} vs {expected:.1}"
    );
}
