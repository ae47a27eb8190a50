//! Tickets: the per-record random numbers of the draw, exactly those of Ron Rivest's
//! `consistent_sampler` (as used by VotingWorks' Arlo for public election audits).
//!
//! ticket(id) = "0." + reverse(decimal(SHA-256(s ‖ id)) zero-padded to 64 digits),
//! where s is the lowercase hex SHA-256 of the seed. Tickets compare as digit strings.

use std::cmp::Ordering;

use crate::io::digest::Midstate;

use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::text::{clean, trim};

/// The name and version of the draw algorithm, recorded in manifests.
pub const ALGORITHM: &str = "pingyi-bottom-k/1 (consistent_sampler SHA-256 tickets)";
/// The version of the id normalisation, recorded in manifests.
pub const ID_NORMALIZATION: &str = "pingyi-id/1";

/// A seed exactly as typed, surrounding spaces trimmed. Never a number: "0123" and
/// "123" are different seeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed(String);

impl Seed {
    /// A seed from what the user typed; empty is an error (stages never invent seeds).
    pub fn new(typed: &str) -> Result<Seed> {
        let s = trim(typed);
        if s.is_empty() {
            return Err(Error::usage(msg!("cli-seed-empty")));
        }
        Ok(Seed(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A fresh 20-digit seed from the operating system's entropy through ChaCha20, for
/// when no public ceremony is held. It must be announced and recorded before the draw.
pub fn fresh_seed() -> Result<String> {
    use rand::{Rng, SeedableRng};
    let mut os = rand::rngs::SysRng;
    let mut rng = rand_chacha::ChaCha20Rng::try_from_rng(&mut os)
        .map_err(|e| Error::Internal(format!("no entropy from the operating system: {e}")))?;
    Ok((0..20)
        .map(|_| char::from(b'0' + ((rng.next_u64() as u128 * 10) >> 64) as u8))
        .collect())
}

/// Normalises an id before hashing (version `pingyi-id/1`): surrounding spaces trimmed,
/// full-width letters and digits made half-width, and a resident ID number's final
/// check character `x` made `X`. Nothing else changes.
pub fn normalize_id(raw: &str) -> String {
    let mut id = clean(raw);
    let bytes = id.as_bytes();
    if bytes.len() == 18 && bytes[..17].iter().all(u8::is_ascii_digit) && bytes[17] == b'x' {
        id.replace_range(17..18, "X");
    }
    id
}

/// [`normalize_id`], without its allocation when the cell is plain ASCII that
/// normalising leaves alone.
pub fn normalized_id(raw: &str) -> std::borrow::Cow<'_, str> {
    let b = raw.as_bytes();
    let plain = !b.is_empty() && b.iter().all(|c| (0x21..=0x7e).contains(c));
    let x_check = b.len() == 18 && b[17] == b'x';
    if plain && !x_check {
        std::borrow::Cow::Borrowed(raw)
    } else {
        std::borrow::Cow::Owned(normalize_id(raw))
    }
}

/// A record's ticket. Ordered by its digits: the first 18 as an integer for speed, the
/// rest only when those tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    /// The first 18 digits after "0.", as an integer.
    prefix: u64,
    digest: [u8; 32],
}

impl Ticket {
    fn from_digest(digest: [u8; 32]) -> Ticket {
        // The ticket's first digits are the digest's last decimal digits, reversed.
        let prefix = reversed_18(mod_ten_18(&limbs(&digest)));
        Ticket { prefix, digest }
    }

    /// The ticket's digits after "0." (at least 64): the digest's decimal digits from
    /// the last to the first, then zeros up to 64. The digest is divided by 10^9 in
    /// 32-bit steps, whose 64-bit divisions by a constant compile to multiplications.
    pub fn digits(&self) -> String {
        let mut out = String::with_capacity(81);
        self.push_digits(&mut out);
        out
    }

    /// Appends [`Ticket::digits`] to `out`.
    fn push_digits(&self, out: &mut String) {
        const BILLION: u64 = 1_000_000_000;
        let mut limbs = [0u32; 8];
        for (l, c) in limbs.iter_mut().zip(self.digest.chunks_exact(4)) {
            *l = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        // The decimal digits, the last first, nine at a time (256 bits are fewer
        // than 81 digits).
        let mut reversed = [b'0'; 81];
        let mut len = 0;
        while limbs != [0; 8] {
            let mut rem = 0u64;
            for l in limbs.iter_mut() {
                let cur = (rem << 32) | u64::from(*l);
                *l = (cur / BILLION) as u32;
                rem = cur % BILLION;
            }
            for _ in 0..3 {
                let group = REVERSED_3[(rem % 1000) as usize];
                reversed[len] = b'0' + (group / 100) as u8;
                reversed[len + 1] = b'0' + (group / 10 % 10) as u8;
                reversed[len + 2] = b'0' + (group % 10) as u8;
                len += 3;
                rem /= 1000;
            }
        }
        // The last group of nine may end in zeros the number does not have; at least
        // 64 digits are written.
        while len > 0 && reversed[len - 1] == b'0' {
            len -= 1;
        }
        let len = len.max(64);
        out.extend(reversed[..len].iter().map(|&b| char::from(b)));
    }

    /// The ticket as a decimal fraction: `0.` and its digits.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(83);
        out.push_str("0.");
        self.push_digits(&mut out);
        out
    }

    /// A 64-bit digest of the id (for duplicate checks within one draw).
    pub fn id_hash(&self) -> u64 {
        u64::from_be_bytes(self.digest[..8].try_into().unwrap_or([0; 8]))
    }

    /// The first 18 digits as an integer (what the SQL form computes).
    pub fn prefix(&self) -> u64 {
        self.prefix
    }
}

/// 5^18: with 2^18, the two coprime factors of 10^18.
const FIVE_18: u64 = 3_814_697_265_625;

/// 2^(64 j) mod 5^18, and the same times 2^21, for j = 3, 2, 1, 0 (the limbs' order).
const LIMB_WEIGHTS: [(u64, u64); 4] = {
    let mut w = [(0, 0); 4];
    let mut j = 0;
    while j < 4 {
        let mut r: u128 = 1;
        let mut k = 0;
        while k < 3 - j {
            r = (r << 64) % FIVE_18 as u128;
            k += 1;
        }
        w[j] = (r as u64, ((r << 21) % FIVE_18 as u128) as u64);
        j += 1;
    }
    w
};

/// The inverse of 5^18 modulo 2^18 (Newton's iteration from 5^18 itself).
const INV_FIVE_18: u64 = {
    let mut x = FIVE_18;
    let mut i = 0;
    while i < 5 {
        x = x.wrapping_mul(2u64.wrapping_sub(FIVE_18.wrapping_mul(x)));
        i += 1;
    }
    x & ((1 << 18) - 1)
};

/// The 256-bit number `limbs` (most significant first) modulo 10^18, in 64-bit
/// arithmetic: modulo 2^18 and modulo 5^18, joined by the Chinese remainder theorem.
fn mod_ten_18(limbs: &[u64; 4]) -> u64 {
    const LOW_21: u64 = (1 << 21) - 1;
    let mut five = 0u64;
    for (l, (w, w21)) in limbs.iter().zip(LIMB_WEIGHTS) {
        let r = l % FIVE_18;
        // Each product is below 2^21 * 2^42 = 2^63, so the two add without overflow.
        five += ((r >> 21) * w21 + (r & LOW_21) * w) % FIVE_18;
    }
    let five = five % FIVE_18;
    let two = limbs[3] & ((1 << 18) - 1);
    let k = (two.wrapping_sub(five).wrapping_mul(INV_FIVE_18)) & ((1 << 18) - 1);
    five + FIVE_18 * k
}

/// Each three-digit group (000–999) with its digits reversed: 12 (012) is 210.
const REVERSED_3: [u16; 1000] = {
    let mut t = [0u16; 1000];
    let mut i = 0;
    while i < 1000 {
        t[i] = ((i % 10) * 100 + (i / 10 % 10) * 10 + i / 100) as u16;
        i += 1;
    }
    t
};

/// The 18 decimal digits of `low` (below 10^18, leading zeros included) in reverse
/// order, three at a time.
fn reversed_18(mut low: u64) -> u64 {
    let mut out = 0u64;
    for _ in 0..6 {
        out = out * 1000 + u64::from(REVERSED_3[(low % 1000) as usize]);
        low /= 1000;
    }
    out
}

fn limbs(digest: &[u8; 32]) -> [u64; 4] {
    let mut out = [0u64; 4];
    for (i, chunk) in digest.chunks_exact(8).enumerate() {
        out[i] = u64::from_be_bytes(chunk.try_into().unwrap_or([0; 8]));
    }
    out
}

impl Ord for Ticket {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.prefix.cmp(&other.prefix).then_with(|| {
            if self.digest == other.digest {
                return Ordering::Equal;
            }
            // Compare as numbers: trailing zeros of a fraction do not count.
            let (a, b) = (self.digits(), other.digits());
            a.trim_end_matches('0').cmp(b.trim_end_matches('0'))
        })
    }
}

impl PartialOrd for Ticket {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Computes tickets for one seed.
#[derive(Clone)]
pub struct TicketMaker {
    /// SHA-256 state after absorbing s, the seed's hex digest (one 64-byte block).
    state: Midstate,
}

impl TicketMaker {
    pub fn new(seed: &Seed) -> TicketMaker {
        let seed_hex = crate::io::digest::sha256_hex(seed.as_str().as_bytes());
        let mut block = [0u8; 64];
        block.copy_from_slice(seed_hex.as_bytes());
        TicketMaker {
            state: Midstate::START.after(&[block]),
        }
    }

    /// The ticket of an id that is already normalised.
    pub fn ticket(&self, normalized_id: &str) -> Ticket {
        Ticket::from_digest(self.state.finish(normalized_id.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(seed: &str, id: &str) -> Ticket {
        TicketMaker::new(&Seed::new(seed).unwrap()).ticket(id)
    }

    #[test]
    fn consistent_sampler_doctest_vectors() {
        // From the doctests of Rivest's consistent_sampler.
        assert_eq!(
            ticket("01382438112797316654", "AB-130").to_text(),
            "0.26299714122838008416507544297546663599715395525154425586041245287750224561854"
        );
        let mut ids = ["ab-1", "ab-2", "cd-1", "ef-3"];
        ids.sort_by_key(|id| ticket("314159", id));
        assert_eq!(ids, ["cd-1", "ef-3", "ab-1", "ab-2"]);
        assert!(
            ticket("314159", "cd-1")
                .to_text()
                .starts_with("0.317685817")
        );
        assert!(
            ticket("314159", "ef-3")
                .to_text()
                .starts_with("0.832984519")
        );
        assert!(
            ticket("314159", "ab-1")
                .to_text()
                .starts_with("0.9098039269")
        );
        assert!(
            ticket("314159", "ab-2")
                .to_text()
                .starts_with("0.9231549043")
        );
    }

    #[test]
    fn tickets_hash_the_seed_digest_and_the_id_at_any_length() {
        use sha2::{Digest, Sha256};
        let seed_hex = crate::io::digest::sha256_hex(b"seed");
        for n in [0, 1, 18, 55, 56, 63, 64, 65, 130] {
            let id = "7".repeat(n);
            let want: [u8; 32] = Sha256::digest(format!("{seed_hex}{id}")).into();
            assert_eq!(ticket("seed", &id), Ticket::from_digest(want), "{n}");
        }
    }

    #[test]
    fn the_remainder_by_ten_to_the_18_is_that_of_wide_division() {
        const TEN_18: u128 = 1_000_000_000_000_000_000;
        let wide = |limbs: &[u64; 4]| {
            let mut rem: u128 = 0;
            for &l in limbs {
                rem = ((rem << 64) | l as u128) % TEN_18;
            }
            rem as u64
        };
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut cases = vec![
            [0; 4],
            [u64::MAX; 4],
            [0, 0, 0, 1],
            [0, 0, 0, TEN_18 as u64],
        ];
        cases.extend((0..200_000).map(|_| [next(), next(), next(), next()]));
        for l in cases {
            assert_eq!(mod_ten_18(&l), wide(&l), "{l:?}");
        }
    }

    /// The digits as first written: the decimal number by divisions by 10^19, padded
    /// to 64 digits with zeros in front, then reversed.
    fn digits_by_u128(digest: &[u8; 32]) -> String {
        const TEN_19: u128 = 10_000_000_000_000_000_000;
        let mut limbs = super::limbs(digest);
        let mut chunks = Vec::new();
        while limbs != [0; 4] {
            let mut rem: u128 = 0;
            for l in limbs.iter_mut() {
                let cur = (rem << 64) | *l as u128;
                *l = (cur / TEN_19) as u64;
                rem = cur % TEN_19;
            }
            chunks.push(rem as u64);
        }
        let mut decimal = String::new();
        for (i, c) in chunks.iter().rev().enumerate() {
            if i == 0 {
                decimal.push_str(&c.to_string());
            } else {
                decimal.push_str(&format!("{c:019}"));
            }
        }
        format!("{decimal:0>64}").chars().rev().collect()
    }

    #[test]
    fn digits_agree_with_the_division_by_ten_to_the_nineteenth() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut cases: Vec<[u8; 32]> = vec![[0; 32], [0xff; 32]];
        for k in 0..32 {
            let mut d = [0u8; 32];
            d[k] = 1;
            cases.push(d);
            d[31] = 10;
            cases.push(d);
        }
        cases.extend((0..20_000).map(|i| {
            let mut d = [0u8; 32];
            for c in d.chunks_exact_mut(8) {
                c.copy_from_slice(&next().to_le_bytes());
            }
            // Small numbers too: their digits end in the zeros that pad them.
            let zeros = i % 33;
            d[..zeros].fill(0);
            d
        }));
        for d in cases {
            let t = Ticket::from_digest(d);
            assert_eq!(t.digits(), digits_by_u128(&d), "{d:?}");
        }
    }

    #[test]
    fn digits_reversed_three_at_a_time_are_digits_reversed_one_at_a_time() {
        let one_at_a_time = |mut low: u64| {
            let mut out = 0u64;
            for _ in 0..18 {
                out = out * 10 + low % 10;
                low /= 10;
            }
            out
        };
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let edges = [
            0,
            1,
            10,
            999,
            1000,
            100_000_000_000_000_000,
            999_999_999_999_999_999,
        ];
        for low in edges.into_iter().chain((0..20_000).map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % 1_000_000_000_000_000_000
        })) {
            assert_eq!(reversed_18(low), one_at_a_time(low), "{low}");
        }
    }

    #[test]
    fn prefix_is_the_first_18_digits() {
        for id in ["a", "b", "110105194912310021", "城关镇-0001"] {
            let t = ticket("seed", id);
            assert_eq!(format!("{:018}", t.prefix()), t.digits()[..18]);
        }
    }

    #[test]
    fn seeds_are_text_trimmed_and_never_empty() {
        assert_ne!(ticket("0123", "x"), ticket("123", "x"));
        assert_eq!(ticket(" 123 ", "x"), ticket("123", "x"));
        assert!(Seed::new("  ").is_err());
    }

    #[test]
    fn id_normalisation() {
        assert_eq!(normalize_id(" ＡＢ－１ "), "AB-1");
        assert_eq!(normalize_id("11010519491231002x"), "11010519491231002X");
        assert_eq!(normalize_id("ab-x"), "ab-x");
        for raw in [
            " ＡＢ－１ ",
            "11010519491231002x",
            "QS001",
            "a b",
            "",
            "\u{3000}x",
        ] {
            assert_eq!(normalized_id(raw), normalize_id(raw), "{raw:?}");
        }
        assert_eq!(
            normalize_id("\u{3000}110105194912310021\u{3000}"),
            "110105194912310021"
        );
    }
}
