//! `manifest.json`: every output with its SHA-256, size, page count, kind, SWV and school year,
//! and the SHA-256 of every input file it was built from, plus the `wel` version.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::outputs::DocumentId;
pub use crate::outputs::MANIFEST_FILE;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub wel_versie: String,
    pub programma: String,
    pub documenten: Vec<Document>,
    #[serde(default)]
    pub bundels: Vec<Bundle>,
    /// The other files and their SHA-256: in the output folder the web edition's (`--web`),
    /// in an SWV's bundle the files beside the PDFs (the CSV, the web page).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bestanden: BTreeMap<String, String>,
}

/// One PDF: what the manifest lists, and what the build record keeps of each output.
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
    /// The last build could not make this document anew: the file is an earlier version.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verouderd: bool,
    /// A draft: it includes an intake round that is not closed yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub concept: bool,
}

impl Document {
    /// A document as planned: its bytes, pages and input hashes are filled in when built.
    pub fn planned(
        id: &DocumentId,
        titel: String,
        schooljaar: String,
        sources: Vec<PathBuf>,
        concept: bool,
    ) -> Self {
        Self {
            pad: id.key(),
            soort: id.kind().name().to_string(),
            titel,
            swv: id.swv().map(|c| c.to_string()),
            schooljaar,
            sha256: String::new(),
            bytes: 0,
            paginas: 0,
            invoer: sources
                .into_iter()
                .map(|p| (p.to_string_lossy().replace('\\', "/"), String::new()))
                .collect(),
            verouderd: false,
            concept,
        }
    }
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
/// project cannot be read) and the bundles; its documents tell whether any changed.
#[derive(Debug, Default, Deserialize)]
pub struct Earlier {
    #[serde(default)]
    pub programma: String,
    #[serde(default)]
    pub documenten: Vec<Document>,
    #[serde(default)]
    pub bundels: Vec<Bundle>,
    #[serde(default)]
    pub bestanden: BTreeMap<String, String>,
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
