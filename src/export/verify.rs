//! `wel verify`: tells what a delivered PDF or bundle is and whether it is unchanged since it
//! was built, by its SHA-256 in the manifest.

use std::path::{Path, PathBuf};

use super::manifest::{MANIFEST_FILE, Manifest};

/// The verdict on one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The file is byte for byte what was built; the text describes it.
    Unchanged(String),
    /// A file the manifest names, with other bytes.
    Changed(String),
    /// Neither its bytes nor its name are in the manifest.
    Unknown(String),
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

/// Recognises a file by its bytes, whatever its name: a document, a bundle, or a file inside
/// a bundle (such as `PO2801-regio-overzicht.pdf` or `PO2801-cijfers.csv`). A file with other
/// bytes is `GEWIJZIGD` when the manifest knows its name, `onbekend` otherwise.
pub fn verify(file: &Path, manifest: &Manifest) -> Result<Verdict, String> {
    let bytes =
        std::fs::read(file).map_err(|e| format!("kan {} niet lezen: {e}", file.display()))?;
    let sha = crate::hash::sha256_hex(&bytes);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if let Some(text) = recognise(&sha, manifest) {
        return Ok(Verdict::Unchanged(format!(
            "ongewijzigd: {text}, gemaakt met wel {}; SHA-256 {sha}",
            manifest.wel_versie
        )));
    }
    let file_name = |p: &str| p.rsplit('/').next().map(String::from);
    let known = manifest
        .documenten
        .iter()
        .filter_map(|d| file_name(&d.pad))
        .chain(manifest.documenten.iter().filter_map(bundle_name))
        .chain(manifest.bundels.iter().filter_map(|b| file_name(&b.pad)))
        .chain(
            manifest
                .bundels
                .iter()
                .flat_map(|b| b.inhoud.keys().cloned()),
        )
        .chain(manifest.bestanden.keys().cloned())
        .any(|n| n == name);
    Ok(if known {
        Verdict::Changed(format!(
            "GEWIJZIGD: {} heeft een naam uit het manifest, maar andere inhoud; het bestand is na het maken veranderd (SHA-256 {sha})",
            file.display()
        ))
    } else {
        Verdict::Unknown(format!(
            "onbekend: {} staat niet in het manifest, niet onder deze naam en niet met deze inhoud (SHA-256 {sha})",
            file.display()
        ))
    })
}

/// The name a document has inside a bundle (`PO2801-regio-overzicht.pdf`).
fn bundle_name(d: &super::manifest::Document) -> Option<String> {
    d.swv.as_ref().map(|c| format!("{c}-regio-overzicht.pdf"))
}

/// What the file with this SHA-256 is, by the manifest.
fn recognise(sha: &str, manifest: &Manifest) -> Option<String> {
    if let Some(d) = manifest.documenten.iter().find(|d| d.sha256 == sha) {
        let swv = d
            .swv
            .as_deref()
            .map(|c| format!(", SWV {c}"))
            .unwrap_or_default();
        return Some(format!(
            "{} ({}{swv}, schooljaar {}, {})",
            d.titel,
            d.soort,
            d.schooljaar,
            crate::dutch::count(d.paginas, "pagina", "pagina's")
        ));
    }
    if let Some(b) = manifest.bundels.iter().find(|b| b.sha256 == sha) {
        let swv = b
            .swv
            .as_deref()
            .map(|c| format!(" van SWV {c}"))
            .unwrap_or_else(|| " met alle documenten".into());
        return Some(format!(
            "bundel {}{swv} ({} bestanden)",
            b.pad,
            b.inhoud.len()
        ));
    }
    for b in &manifest.bundels {
        if let Some((entry, _)) = b.inhoud.iter().find(|(_, h)| h.as_str() == sha) {
            return Some(format!("{entry} uit bundel {}", b.pad));
        }
    }
    let (entry, _) = manifest.bestanden.iter().find(|(_, h)| h.as_str() == sha)?;
    Some(format!("{entry} uit deze bundel"))
}
