//! Proving outputs came from recorded inputs: manifests, file and content digests.

pub mod confine;
pub mod manifest;

pub use manifest::{FileRecord, Manifest, ManifestBuilder};
