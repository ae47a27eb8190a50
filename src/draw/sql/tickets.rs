//! Tickets and ranks in SQL: the SHA-256 of the seed's hash and the id, its first 18
//! decimal digits (pingyi's ticket prefix) from four 64-bit limbs, and each record's
//! rank within its stratum.

use super::Dialect;
use super::literal::literal;

const TEN_18: u128 = 1_000_000_000_000_000_000;

/// 2^192, 2^128 and 2^64 modulo 10^18: a digest's four 64-bit limbs times these, summed,
/// are the digest modulo 10^18 (times 1 for the last limb).
fn limb_factors() -> [u128; 3] {
    let c1 = (1u128 << 64) % TEN_18;
    let c2 = c1 * c1 % TEN_18;
    let c3 = c2 * c1 % TEN_18;
    [c3, c2, c1]
}

/// `hashed`, `ticketed` and `ranked`: each keyed record of a stratum in the frame with
/// its quota, its ticket's first 18 digits (`s` is the seed's SHA-256 in hex) and its
/// rank.
pub(super) fn tickets_sql(dialect: Dialect, s: &str) -> Vec<String> {
    let mut lines = hashed_sql(dialect, s);
    lines.extend(ticketed_sql(dialect));
    lines.extend(ranked_sql());
    lines
}

/// `hashed`: the records of the frame's strata, with their quota and digest.
fn hashed_sql(dialect: Dialect, s: &str) -> Vec<String> {
    let hash = match dialect {
        Dialect::Spark => format!("sha2(concat({}, k._id), 256)", literal(dialect, s)),
        Dialect::DuckDb => format!("sha256({} || k._id)", literal(dialect, s)),
    };
    vec![
        "hashed AS (".to_string(),
        "  SELECT".to_string(),
        "    k.*,".to_string(),
        "    q.ord AS _ord,".to_string(),
        "    q.n AS _n,".to_string(),
        "    q.r AS _r,".to_string(),
        format!("    {hash} AS _h"),
        "  FROM keyed AS k".to_string(),
        "  JOIN quota AS q ON q.unit = k._unit AND q.category = k._category".to_string(),
        "),".to_string(),
    ]
}

/// `ticketed`: the digest modulo 10^18, its digits reversed (the ticket's prefix).
fn ticketed_sql(dialect: Dialect) -> Vec<String> {
    let factors = limb_factors();
    let terms: Vec<String> = (0..4)
        .map(|i| {
            let limb = limb_sql(dialect, 16 * i + 1);
            match factors.get(i) {
                Some(f) => format!("      {limb} * {f}"),
                None => format!("      {limb}"),
            }
        })
        .collect();
    let text_type = match dialect {
        Dialect::Spark => "STRING",
        Dialect::DuckDb => "VARCHAR",
    };
    vec![
        "ticketed AS (".to_string(),
        "  SELECT".to_string(),
        "    h.*,".to_string(),
        "    reverse(lpad(CAST((".to_string(),
        terms.join(" +\n"),
        format!("    ) % {TEN_18} AS {text_type}), 18, '0')) AS _prefix"),
        "  FROM hashed AS h".to_string(),
        "),".to_string(),
    ]
}

/// The 64-bit limb of the hex digest `h._h` that starts at hex digit `start`, as a
/// number wide enough to multiply.
fn limb_sql(dialect: Dialect, start: usize) -> String {
    match dialect {
        Dialect::Spark => {
            format!("CAST(conv(substr(h._h, {start}, 16), 16, 10) AS DECIMAL(20, 0))")
        }
        Dialect::DuckDb => {
            format!("CAST(CAST(('0x' || substr(h._h, {start}, 16)) AS UBIGINT) AS HUGEINT)")
        }
    }
}

/// `ranked`: each record's rank in its stratum, and how many share its prefix.
fn ranked_sql() -> Vec<String> {
    [
        "ranked AS (",
        "  SELECT",
        "    t.*,",
        "    row_number() OVER (PARTITION BY t._ord ORDER BY t._prefix, t._id) AS _rank,",
        "    count(*) OVER (PARTITION BY t._ord, t._prefix) - 1 AS _ties",
        "  FROM ticketed AS t",
        ")",
    ]
    .map(String::from)
    .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::ticket::{Seed, TicketMaker};

    #[test]
    fn limbs_give_the_ticket_prefix() {
        use sha2::{Digest, Sha256};
        assert_eq!(
            limb_factors(),
            [355444464034512896, 374607431768211456, 446744073709551616]
        );
        let seed = Seed::new("20260615-青石-民主评议").unwrap();
        let s = crate::io::digest::sha256_hex(seed.as_str().as_bytes());
        let maker = TicketMaker::new(&seed);
        for id in ["QS0000001", "11010519491231002X", "城关镇-0001", ""] {
            let digest: [u8; 32] = Sha256::digest(format!("{s}{id}").as_bytes()).into();
            let factors = limb_factors();
            let mut x: u128 = 0;
            for (i, chunk) in digest.chunks_exact(8).enumerate() {
                let mut b = [0u8; 8];
                b.copy_from_slice(chunk);
                let limb = u64::from_be_bytes(b) as u128;
                x += limb * factors.get(i).copied().unwrap_or(1);
            }
            let prefix: String = format!("{:018}", x % TEN_18).chars().rev().collect();
            assert_eq!(prefix, format!("{:018}", maker.ticket(id).prefix()), "{id}");
        }
    }
}
