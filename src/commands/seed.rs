//! `pingyi seed new`: a fresh seed from the operating system's entropy.

use crate::error::Result;

use super::Outcome;

/// Prints a fresh 20-digit seed, to be announced and recorded before the draw.
pub fn run() -> Result<Outcome> {
    let seed = crate::draw::ticket::fresh_seed()?;
    Ok(Outcome::summary(format!("{seed}\n")))
}
