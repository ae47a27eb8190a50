//! Proving outputs came from recorded inputs: manifests, file and content digests.

pub mod cells;
pub mod commitment;
pub mod compare;
pub mod confine;
pub mod manifest;
pub mod params;
pub mod plans;
pub mod quality;
pub mod rederive;
pub mod verdict;
pub mod verify;

pub use manifest::{FileRecord, Manifest, ManifestBuilder};
pub use params::Parameters;
