//! What leaves the build besides the PDFs: the manifest, per-SWV bundles with CSV figures, the
//! overview page for checking, and verification of a delivered file.

pub mod bundle;
pub mod csv;
pub mod deliver;
pub mod manifest;
pub mod overview;
mod readme;
pub mod verify;
