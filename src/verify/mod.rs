//! Proving outputs came from recorded inputs: manifests, file and content digests.

pub mod confine;
pub mod digest;
pub mod manifest;
pub mod params;

pub use digest::{ContentDigest, sha256_hex};
pub use manifest::{FileRecord, Manifest, ManifestBuilder};
pub use params::Parameters;
