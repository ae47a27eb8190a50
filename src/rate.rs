//! Exact decimal rates (0.30, 0.2) for "ceil(rate × n)" without floating-point
//! surprises: 0.2 × 15 is 3 here, not 3.0000000000000004 rounded up to 4.

use std::fmt;
use std::str::FromStr;

/// A non-negative decimal rate held as numerator / 10^scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    numerator: u128,
    scale: u32,
}

impl Rate {
    /// ceil(rate × n), exactly.
    pub fn ceil_times(&self, n: u64) -> u64 {
        let den = 10u128.pow(self.scale);
        let product = self.numerator * n as u128;
        product.div_ceil(den).min(u64::MAX as u128) as u64
    }

    /// The rate as a real number (for display only).
    pub fn as_f64(&self) -> f64 {
        self.numerator as f64 / 10f64.powi(self.scale as i32)
    }
}

impl FromStr for Rate {
    type Err = String;

    /// Reads "0.3", "0.30", ".3", "1", or a percentage "30%".
    fn from_str(s: &str) -> Result<Rate, String> {
        let s = s.trim();
        let (body, percent) = match s.strip_suffix('%') {
            Some(b) => (b.trim(), true),
            None => (s, false),
        };
        let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
        let valid = !(int_part.is_empty() && frac_part.is_empty())
            && int_part.bytes().all(|b| b.is_ascii_digit())
            && frac_part.bytes().all(|b| b.is_ascii_digit())
            && int_part.len() + frac_part.len() <= 30;
        if !valid {
            return Err(format!(
                "'{s}' is not a rate; write a decimal such as 0.3 or 30%"
            ));
        }
        let digits = format!("{int_part}{frac_part}");
        let numerator: u128 = digits.parse().unwrap_or(0);
        let scale = frac_part.len() as u32 + if percent { 2 } else { 0 };
        Ok(Rate { numerator, scale })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let den = 10u128.pow(self.scale);
        let int = self.numerator / den;
        let frac = self.numerator % den;
        if self.scale == 0 || frac == 0 {
            return write!(f, "{int}");
        }
        let frac = format!("{frac:0width$}", width = self.scale as usize);
        write!(f, "{int}.{}", frac.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_ceilings() {
        let r: Rate = "0.2".parse().unwrap();
        assert_eq!(r.ceil_times(15), 3);
        assert_eq!(r.ceil_times(16), 4);
        let r: Rate = "30%".parse().unwrap();
        assert_eq!(r.ceil_times(10), 3);
        assert_eq!(r.ceil_times(11), 4);
        assert_eq!(r.to_string(), "0.3");
        assert!("abc".parse::<Rate>().is_err());
        assert!("-0.1".parse::<Rate>().is_err());
    }
}
