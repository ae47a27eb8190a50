//! Sample size from a margin of error: Cochran's n0 = z²p(1−p)/E² with the finite
//! population correction n = n0 / (1 + (n0 − 1)/N), rounded up.

/// The standard normal quantile z with P(|Z| ≤ z) = `confidence` (0 < confidence < 1),
/// by bisection on Φ, which is computed from a series of positive terms that loses no
/// precision to cancellation; bisection converges for every confidence level.
pub fn z_for_confidence(confidence: f64) -> f64 {
    let target = 0.5 + confidence / 2.0;
    let (mut low, mut high) = (0.0_f64, 40.0_f64);
    for _ in 0..200 {
        let mid = (low + high) / 2.0;
        if normal_cdf(mid) < target {
            low = mid;
        } else {
            high = mid;
        }
        if high - low < 1e-15 {
            break;
        }
    }
    (low + high) / 2.0
}

/// Φ(z) for z ≥ 0 through erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)).
fn normal_cdf(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let mut term = x;
    let mut sum = x;
    let mut n = 0.0;
    while term > sum * 1e-18 {
        n += 1.0;
        term *= 2.0 * x * x / (2.0 * n + 1.0);
        sum += term;
    }
    let erf = 2.0 / std::f64::consts::PI.sqrt() * (-x * x).exp() * sum;
    let half = 0.5 * erf;
    if z >= 0.0 { 0.5 + half } else { 0.5 - half }
}

/// Cochran's sample size for a proportion before the finite population correction.
pub fn infinite_population_size(margin: f64, confidence: f64, p: f64) -> f64 {
    let z = z_for_confidence(confidence);
    z * z * p * (1.0 - p) / (margin * margin)
}

/// The sample size for a population of `population`: n0 / (1 + (n0 − 1)/N), rounded
/// up (a value within 1e-9 of a whole number counts as that number), never above N.
pub fn sample_size(population: u64, margin: f64, confidence: f64, p: f64) -> u64 {
    if population == 0 {
        return 0;
    }
    let n0 = infinite_population_size(margin, confidence, p);
    if !n0.is_finite() {
        // A margin so small that n0 overflows: the whole population.
        return population;
    }
    let n = n0 / (1.0 + (n0 - 1.0) / population as f64);
    let rounded = (n - 1e-9).ceil().max(1.0) as u64;
    rounded.min(population)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles() {
        assert!((z_for_confidence(0.95) - 1.959_963_984_540_054).abs() < 1e-12);
        assert!((z_for_confidence(0.99) - 2.575_829_303_548_900_4).abs() < 1e-12);
        assert!((z_for_confidence(0.90) - 1.644_853_626_951_472_2).abs() < 1e-12);
    }

    #[test]
    fn low_confidence_levels_and_tiny_margins() {
        // z(0.5) = 0.6744897501960817; n0 = 0.4549 × 0.25 / 0.0025 = 45.5 → 46.
        assert!((z_for_confidence(0.5) - 0.674_489_750_196_081_7).abs() < 1e-12);
        assert_eq!(sample_size(100_000, 0.05, 0.5, 0.5), 46);
        assert!((z_for_confidence(0.6) - 0.841_621_233_572_914_3).abs() < 1e-12);
        assert_eq!(sample_size(1000, 1e-300, 0.95, 0.5), 1000);
    }

    #[test]
    fn cochran_without_correction() {
        // 1.96² × 0.25 / 0.05² ≈ 384.15, the familiar "385".
        let n0 = infinite_population_size(0.05, 0.95, 0.5);
        assert!((n0 - 384.1459).abs() < 1e-3);
        assert_eq!(sample_size(100_000_000, 0.05, 0.95, 0.5), 385);
    }

    /// Krejcie & Morgan (1970), "Determining sample size for research activities",
    /// Educational and Psychological Measurement 30, 607–610, Table 1 (N → S), computed
    /// with χ² = 3.841 and rounded to nearest.
    const KREJCIE_MORGAN: [(u64, u64); 90] = [
        (10, 10),
        (15, 14),
        (20, 19),
        (25, 24),
        (30, 28),
        (35, 32),
        (40, 36),
        (45, 40),
        (50, 44),
        (55, 48),
        (60, 52),
        (65, 56),
        (70, 59),
        (75, 63),
        (80, 66),
        (85, 70),
        (90, 73),
        (95, 76),
        (100, 80),
        (110, 86),
        (120, 92),
        (130, 97),
        (140, 103),
        (150, 108),
        (160, 113),
        (170, 118),
        (180, 123),
        (190, 127),
        (200, 132),
        (210, 136),
        (220, 140),
        (230, 144),
        (240, 148),
        (250, 152),
        (260, 155),
        (270, 159),
        (280, 162),
        (290, 165),
        (300, 169),
        (320, 175),
        (340, 181),
        (360, 186),
        (380, 191),
        (400, 196),
        (420, 201),
        (440, 205),
        (460, 210),
        (480, 214),
        (500, 217),
        (550, 226),
        (600, 234),
        (650, 242),
        (700, 248),
        (750, 254),
        (800, 260),
        (850, 265),
        (900, 269),
        (950, 274),
        (1000, 278),
        (1100, 285),
        (1200, 291),
        (1300, 297),
        (1400, 302),
        (1500, 306),
        (1600, 310),
        (1700, 313),
        (1800, 317),
        (1900, 320),
        (2000, 322),
        (2200, 327),
        (2400, 331),
        (2600, 335),
        (2800, 338),
        (3000, 341),
        (3500, 346),
        (4000, 351),
        (4500, 354),
        (5000, 357),
        (6000, 361),
        (7000, 364),
        (8000, 367),
        (9000, 368),
        (10000, 370),
        (15000, 375),
        (20000, 377),
        (30000, 379),
        (40000, 380),
        (50000, 381),
        (75000, 382),
        (1000000, 384),
    ];

    #[test]
    fn within_one_of_the_krejcie_morgan_table() {
        let mut exact = 0;
        for (population, published) in KREJCIE_MORGAN {
            let n = sample_size(population, 0.05, 0.95, 0.5);
            assert!(
                n.abs_diff(published) <= 1,
                "N = {population}: pingyi {n}, Krejcie & Morgan {published}"
            );
            exact += (n == published) as usize;
        }
        // Rounding up instead of to nearest: about half the entries differ by one.
        assert!(exact > 20, "only {exact} entries agree exactly");
    }

    #[test]
    fn small_populations() {
        assert_eq!(sample_size(0, 0.05, 0.95, 0.5), 0);
        assert_eq!(sample_size(1, 0.05, 0.95, 0.5), 1);
        assert_eq!(sample_size(100, 0.05, 0.95, 0.5), 80);
    }
}
