//! After the PDFs: the manifest, the bundles and the overview page, made from the build record
//! so they always describe every good output in the folder. Each is rewritten only when its
//! content changes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::bundle::{Entry, zip};
use super::manifest::{Bundle, Document, Earlier, MANIFEST_FILE, Manifest};
use super::overview::{Tile, html};
use crate::build::{BuildError, CacheEntry, Outcome, THUMBNAILS, hex};
use crate::diag::Problems;
use crate::fsutil;
use crate::model::Programme;

/// Folder of the bundles, inside the output folder.
pub const BUNDLES: &str = "bundels";
/// The overview page.
pub const OVERVIEW: &str = "overzicht.html";

/// What delivering did with the bundles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Bundles written (or found up to date) by `wel bundle`.
    pub bundles: usize,
    /// Bundles removed because a document in them changed (a plain `wel build`).
    pub stale_removed: usize,
}

/// Writes the manifest, and the overview when asked for. With `with_bundles` (`wel bundle`)
/// every bundle is written too (each only when its content changed); without, bundles made
/// earlier stay only while they still hold exactly the current documents: an outdated zip is
/// removed, so nobody sends an old one-pager by mistake.
#[allow(clippy::too_many_arguments)]
pub fn deliver(
    out: &Path,
    entries: &BTreeMap<String, CacheEntry>,
    programme: Option<&Programme>,
    problems: &Problems,
    outcomes: &[(PathBuf, Outcome)],
    warnings: &[(PathBuf, String)],
    with_overview: bool,
    with_bundles: bool,
) -> Result<Delivered, BuildError> {
    let documents: Vec<Document> = entries
        .iter()
        .map(|(pad, e)| Document {
            pad: pad.clone(),
            soort: e.meta.soort.clone(),
            titel: e.meta.titel.clone(),
            swv: e.meta.swv.clone(),
            schooljaar: e.meta.schooljaar.clone(),
            sha256: e.sha256.clone(),
            bytes: e.len,
            paginas: e.pages,
            invoer: e.meta.invoer.clone(),
        })
        .collect();
    let manifest_path = out.join(MANIFEST_FILE);
    let earlier_bytes = std::fs::read(&manifest_path).ok();
    let previous: Earlier = earlier_bytes
        .as_deref()
        .and_then(|b| serde_json::from_slice(b).ok())
        .unwrap_or_default();
    let mut manifest = Manifest {
        wel_versie: env!("CARGO_PKG_VERSION").to_string(),
        programma: programme
            .map(|p| p.project.naam.clone())
            .unwrap_or_else(|| previous.programma.clone()),
        documenten: documents,
        bundels: Vec::new(),
    };
    // The overview only needs the documents: make it while the bundles are zipped.
    let (bundled, page) = rayon::join(
        || -> Result<(Vec<Bundle>, Delivered), BuildError> {
            match programme {
                Some(programme) if with_bundles => {
                    let written = write_bundles(
                        out,
                        plan_bundles(out, &manifest, programme),
                        &previous.bundels,
                    )?;
                    let n = written.len();
                    Ok((
                        written,
                        Delivered {
                            bundles: n,
                            stale_removed: 0,
                        },
                    ))
                }
                Some(programme) if !previous.bundels.is_empty() => Ok(keep_current_bundles(
                    out,
                    plan_bundles(out, &manifest, programme),
                    &previous.bundels,
                )),
                _ => Ok((previous.bundels.clone(), Delivered::default())),
            }
        },
        || with_overview.then(|| overview(out, &manifest, programme, problems, outcomes, warnings)),
    );
    let (bundels, delivered) = bundled?;
    manifest.bundels = bundels;
    let json = manifest.to_json();
    if earlier_bytes.as_deref() != Some(json.as_slice()) {
        fsutil::write_atomic(&manifest_path, &json)?;
    }
    if let Some(page) = page {
        fsutil::write_atomic(&out.join(OVERVIEW), page.as_bytes())?;
    }
    Ok(delivered)
}

/// Whether the manifest, every bundle it lists (same size) and, when asked for, the overview
/// are still in place: then a build with nothing changed need not write them again.
pub fn deliverables_intact(out: &Path, with_overview: bool, with_bundles: bool) -> bool {
    let Ok(manifest) = Manifest::read(&out.join(MANIFEST_FILE)) else {
        return false;
    };
    (!with_bundles || !manifest.bundels.is_empty())
        && manifest.bundels.iter().all(|b| bundle_intact(out, b))
        && (!with_overview || out.join(OVERVIEW).is_file())
}

fn bundle_intact(out: &Path, b: &Bundle) -> bool {
    fsutil::stamp(&out.join(&b.pad)).is_some_and(|(len, _)| len == b.bytes)
}

/// Without `wel bundle`: earlier bundles whose content is still current are kept; the others
/// are removed from disk and from the manifest.
fn keep_current_bundles(
    out: &Path,
    planned: Vec<PlannedBundle>,
    previous: &[Bundle],
) -> (Vec<Bundle>, Delivered) {
    let mut kept = Vec::new();
    let mut delivered = Delivered::default();
    for old in previous {
        let current = planned
            .iter()
            .any(|p| p.pad == old.pad && p.inhoud() == old.inhoud);
        if current && bundle_intact(out, old) {
            kept.push(old.clone());
        } else {
            match std::fs::remove_file(out.join(&old.pad)) {
                Ok(()) => delivered.stale_removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                // A bundle that cannot be removed is still not listed as current.
                Err(_) => delivered.stale_removed += 1,
            }
        }
    }
    (kept, delivered)
}

fn sha(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// What a bundle will hold: entry name -> (source: a file in `out` or bytes made here).
enum Member {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// A bundle to write: its path, SWV and members by entry name.
struct PlannedBundle {
    pad: String,
    swv: Option<String>,
    members: BTreeMap<String, (String, Member)>,
}

impl PlannedBundle {
    /// Entry names and their SHA-256, as the manifest lists them.
    fn inhoud(&self) -> BTreeMap<String, String> {
        self.members
            .iter()
            .map(|(k, (h, _))| (k.clone(), h.clone()))
            .collect()
    }
}

/// Every bundle the current documents make: one per SWV and `landelijk.zip`.
fn plan_bundles(out: &Path, manifest: &Manifest, programme: &Programme) -> Vec<PlannedBundle> {
    let mut planned = swv_bundles(out, manifest, programme);
    planned.push(national_bundle(out, manifest));
    planned
}

fn write_bundles(
    out: &Path,
    planned: Vec<PlannedBundle>,
    previous: &[Bundle],
) -> Result<Vec<Bundle>, BuildError> {
    use rayon::prelude::*;
    planned
        .into_par_iter()
        .map(|p| write_bundle(out, p, previous))
        .collect()
}

/// `landelijk.zip`: every document and the manifest.
fn national_bundle(out: &Path, manifest: &Manifest) -> PlannedBundle {
    let mut members: BTreeMap<String, (String, Member)> = manifest
        .documenten
        .iter()
        .map(|d| {
            (
                d.pad.clone(),
                (d.sha256.clone(), Member::File(out.join(&d.pad))),
            )
        })
        .collect();
    let json = Manifest {
        bundels: Vec::new(),
        ..manifest.clone()
    }
    .to_json();
    members.insert("manifest.json".into(), (sha(&json), Member::Bytes(json)));
    PlannedBundle {
        pad: format!("{BUNDLES}/landelijk.zip"),
        swv: None,
        members,
    }
}

/// One bundle per SWV: its one-pager, the brochure, its figures as CSV and a manifest.
fn swv_bundles(out: &Path, manifest: &Manifest, programme: &Programme) -> Vec<PlannedBundle> {
    use rayon::prelude::*;
    let brochure = manifest.documenten.iter().find(|d| d.soort == "brochure");
    let regio: Vec<&Document> = manifest
        .documenten
        .iter()
        .filter(|d| d.soort == "regio")
        .collect();
    regio
        .par_iter()
        .filter_map(|doc| {
            let code = doc.swv.as_ref()?;
            let swv = programme.swvs.iter().find(|s| s.code.as_str() == code)?;
            let csv = super::csv::figures_csv(swv, programme.project.drempel);
            let mut members: BTreeMap<String, (String, Member)> = BTreeMap::new();
            members.insert(
                format!("{code}-regio-overzicht.pdf"),
                (doc.sha256.clone(), Member::File(out.join(&doc.pad))),
            );
            if let Some(b) = brochure {
                members.insert(
                    "brochure.pdf".into(),
                    (b.sha256.clone(), Member::File(out.join(&b.pad))),
                );
            }
            members.insert(
                format!("{code}-cijfers.csv"),
                (sha(&csv), Member::Bytes(csv)),
            );
            let own = Manifest {
                wel_versie: manifest.wel_versie.clone(),
                programma: manifest.programma.clone(),
                documenten: manifest
                    .documenten
                    .iter()
                    .filter(|d| d.pad == doc.pad || brochure.is_some_and(|b| b.pad == d.pad))
                    .cloned()
                    .collect(),
                bundels: Vec::new(),
            };
            let json = own.to_json();
            members.insert("manifest.json".into(), (sha(&json), Member::Bytes(json)));
            Some(PlannedBundle {
                pad: format!("{BUNDLES}/{code}.zip"),
                swv: Some(code.clone()),
                members,
            })
        })
        .collect()
}

/// Writes a bundle unless the previous one has the same content and is still in place.
fn write_bundle(
    out: &Path,
    planned: PlannedBundle,
    previous: &[Bundle],
) -> Result<Bundle, BuildError> {
    let inhoud = planned.inhoud();
    let PlannedBundle { pad, swv, members } = planned;
    if let Some(old) = previous.iter().find(|b| b.pad == pad && b.inhoud == inhoud)
        && bundle_intact(out, old)
    {
        return Ok(old.clone());
    }
    let mut entries = Vec::new();
    for (name, (_, member)) in members {
        let bytes = match member {
            Member::Bytes(b) => b,
            Member::File(p) => fsutil::read(&p)?,
        };
        entries.push(Entry { name, bytes });
    }
    let bytes = zip(entries);
    fsutil::write_atomic(&out.join(&pad), &bytes)?;
    Ok(Bundle {
        pad,
        swv,
        sha256: sha(&bytes),
        bytes: bytes.len() as u64,
        inhoud,
    })
}

fn overview(
    out: &Path,
    manifest: &Manifest,
    programme: Option<&Programme>,
    problems: &Problems,
    outcomes: &[(PathBuf, Outcome)],
    warnings: &[(PathBuf, String)],
) -> String {
    let mut tiles = Vec::new();
    for d in &manifest.documenten {
        let mut notes: Vec<String> = Vec::new();
        if let Some(code) = &d.swv {
            notes.extend(problems.for_swv(code).map(|p| p.to_string()));
        }
        notes.extend(
            warnings
                .iter()
                .filter(|(p, _)| p.to_string_lossy() == d.pad)
                .map(|(_, w)| {
                    format!(
                        "waarschuwing bij het opmaken: {}",
                        w.lines().next().unwrap_or_default()
                    )
                }),
        );
        if let Some((_, o)) = outcomes.iter().find(|(p, _)| p.to_string_lossy() == d.pad)
            && let Outcome::Blocked(why) | Outcome::Failed(why) = o
        {
            notes.push(format!(
                "niet opnieuw gemaakt: {}",
                why.lines().next().unwrap_or_default()
            ));
        }
        tiles.push(Tile {
            title: d.titel.clone(),
            href: d.pad.clone(),
            kind: d.soort.clone(),
            code: d.swv.clone(),
            pages: d.paginas,
            thumbnail_png: std::fs::read(out.join(THUMBNAILS).join(format!("{}.png", d.sha256)))
                .ok(),
            notes,
        });
    }
    let sample = programme.is_some_and(|p| p.project.voorbeeldgegevens);
    html(&manifest.programma, &tiles, sample)
}
