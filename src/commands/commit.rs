//! The seed commitment, as the draw commands name it; it lives with the manifests in
//! `provenance::commitment`.

pub use crate::provenance::commitment::{COMMITMENT_FORMAT, Commitment, Committed};
