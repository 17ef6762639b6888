//! `manifest.json`: every output with its SHA-256, size, page count, kind, SWV and school year,
//! and the SHA-256 of every input file it was built from, plus the `wel` version.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// Name of the manifest in the output folder.
pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub wel_versie: String,
    pub programma: String,
    pub documenten: Vec<Document>,
    #[serde(default)]
    pub bundels: Vec<Bundle>,
}

/// One PDF.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Document {
    /// Path relative to the output folder, with `/`.
    pub pad: String,
    /// `rapportage`, `regio` or `brochure`.
    pub soort: String,
    pub titel: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swv: Option<String>,
    /// The school year(s) the document is about.
    pub schooljaar: String,
    pub sha256: String,
    pub bytes: u64,
    pub paginas: usize,
    /// Input files (relative to the inputs folder) and their SHA-256.
    pub invoer: BTreeMap<String, String>,
}

/// One zip bundle.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Bundle {
    pub pad: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swv: Option<String>,
    pub sha256: String,
    pub bytes: u64,
    /// Entry names and their SHA-256.
    pub inhoud: BTreeMap<String, String>,
}

/// What a build takes over from the manifest it replaces: the programme name (when the
/// project cannot be read) and the bundles. Its documents are not parsed: they are made anew.
#[derive(Debug, Default, Deserialize)]
pub struct Earlier {
    #[serde(default)]
    pub programma: String,
    #[serde(default)]
    pub bundels: Vec<Bundle>,
}

impl Manifest {
    pub fn read(path: &Path) -> Result<Self, String> {
        let bytes =
            std::fs::read(path).map_err(|e| format!("kan {} niet lezen: {e}", path.display()))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| format!("{} is geen geldig manifest: {e}", path.display()))
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).expect("manifest serialises");
        v.push(b'\n');
        v
    }
}
