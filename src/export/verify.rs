//! `wel verify`: tells what a delivered PDF or bundle is and whether it is unchanged since it
//! was built, by its SHA-256 in the manifest.

use std::path::{Path, PathBuf};

use super::manifest::{MANIFEST_FILE, Manifest};

/// The verdict on one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The file is byte for byte what was built; the text describes it.
    Unchanged(String),
    /// The file is not in the manifest as it is now.
    Changed(String),
}

/// Finds the manifest: given, or in the file's folder or one of its parents.
pub fn find_manifest(file: &Path, given: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(m) = given {
        return Ok(m.to_path_buf());
    }
    let start = file
        .canonicalize()
        .map_err(|e| format!("kan {} niet openen: {e}", file.display()))?;
    start
        .ancestors()
        .skip(1)
        .map(|d| d.join(MANIFEST_FILE))
        .find(|m| m.is_file())
        .ok_or_else(|| {
            format!(
                "geen {MANIFEST_FILE} gevonden bij {}; geef het manifest met --manifest",
                file.display()
            )
        })
}

pub fn verify(file: &Path, manifest: &Manifest) -> Result<Verdict, String> {
    let bytes =
        std::fs::read(file).map_err(|e| format!("kan {} niet lezen: {e}", file.display()))?;
    let sha = crate::hash::sha256_hex(&bytes);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if let Some(d) = manifest.documenten.iter().find(|d| d.sha256 == sha) {
        let swv = d
            .swv
            .as_deref()
            .map(|c| format!(", SWV {c}"))
            .unwrap_or_default();
        return Ok(Verdict::Unchanged(format!(
            "ongewijzigd: {} ({}{swv}, schooljaar {}, {} pagina's), gemaakt met wel {}; SHA-256 {sha}",
            d.titel, d.soort, d.schooljaar, d.paginas, manifest.wel_versie
        )));
    }
    if let Some(b) = manifest.bundels.iter().find(|b| b.sha256 == sha) {
        let swv = b
            .swv
            .as_deref()
            .map(|c| format!(" van SWV {c}"))
            .unwrap_or_else(|| " met alle documenten".into());
        return Ok(Verdict::Unchanged(format!(
            "ongewijzigd: bundel {}{swv} ({} bestanden), gemaakt met wel {}; SHA-256 {sha}",
            b.pad,
            b.inhoud.len(),
            manifest.wel_versie
        )));
    }
    let known = manifest
        .documenten
        .iter()
        .map(|d| d.pad.as_str())
        .chain(manifest.bundels.iter().map(|b| b.pad.as_str()))
        .find(|p| p.rsplit('/').next() == Some(name.as_str()));
    Ok(Verdict::Changed(match known {
        Some(p) => format!(
            "GEWIJZIGD: {} komt niet overeen met {p} uit het manifest; het bestand is na het maken veranderd (SHA-256 {sha})",
            file.display()
        ),
        None => format!(
            "ONBEKEND: {} staat niet in het manifest (SHA-256 {sha})",
            file.display()
        ),
    }))
}
