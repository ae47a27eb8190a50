//! Proving outputs came from recorded inputs: manifests, file and content digests.

pub mod confine;
pub mod manifest;
pub mod params;
pub mod verdict;

pub use manifest::{FileRecord, Manifest, ManifestBuilder};
pub use params::Parameters;
