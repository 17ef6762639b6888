//! After the PDFs: the manifest, the bundles and the overview page, made from the build record
//! so they always describe every good output in the folder. Each is rewritten only when its
//! content changes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::csv::CsvFile;
use crate::model::SwvCode;

use super::bundle::{Entry, zip};
use super::manifest::{Bundle, Document, Earlier, Manifest};
use super::overview::{Tile, html};
use super::readme::{About, READ_ME, national_read_me, swv_read_me};
use crate::diag::Problems;
use crate::fsutil::{self, FsError};
use crate::hash::sha256_hex as sha;
use crate::model::Programme;
use crate::outputs::{DocumentId, Kind, Outcome, OutputDir};

/// What delivering did with the bundles and the overview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Bundles written (or found up to date) by `wel bundle`.
    pub bundles: usize,
    /// Bundles removed because a document in them changed (a plain `wel build`).
    pub stale_removed: usize,
    /// Bundles not made (and an older one removed) because a document in them could not be
    /// made anew in this run: each with why, in Dutch.
    pub not_refreshed: Vec<String>,
    /// An `overzicht.html` of an earlier build was removed: it no longer showed the documents.
    pub overview_removed: bool,
}

/// What delivering needs from the build.
pub struct Delivery<'a> {
    pub out: &'a OutputDir,
    /// Every good output, as the manifest lists it.
    pub documents: Vec<Document>,
    /// `None` when the project could not be read.
    pub programme: Option<&'a Programme>,
    /// The CSV of every one-pager's bundle, from the same ledger as the PDFs.
    pub csvs: &'a BTreeMap<SwvCode, CsvFile>,
    pub problems: &'a Problems,
    /// Every SWV folder read (for the state of the round on the overview).
    pub folders: &'a [SwvCode],
    pub outcomes: &'a [(DocumentId, Outcome)],
    pub warnings: &'a [(DocumentId, String)],
    pub with_overview: bool,
    /// `wel bundle`: write every bundle.
    pub with_bundles: bool,
    /// The edition being published (`wel publiceer`): the read-mes name it, the zip entries
    /// carry its date.
    pub edition: Option<&'a crate::model::EditionStamp>,
    /// The web edition (`--web`), when made.
    pub web: Option<&'a WebFiles>,
}

/// The web edition's files: what the output folder gets, and what each SWV's bundle adds.
#[derive(Debug, Default)]
pub struct WebFiles {
    /// Path in the output folder -> bytes (the index, every page, the charts' CSVs).
    pub site: BTreeMap<String, Vec<u8>>,
    /// Per SWV: entry name in its bundle -> bytes (its page, its charts' CSVs).
    pub bundles: BTreeMap<SwvCode, BTreeMap<String, Vec<u8>>>,
}

/// Writes the manifest, and the overview when asked for. With bundles (`wel bundle`) every
/// bundle is written too (each only when its content changed); without, bundles made earlier
/// stay only while they still hold exactly the current documents: an outdated zip is removed,
/// so nobody sends an old one-pager by mistake.
pub fn deliver(d: &Delivery<'_>) -> Result<Delivered, FsError> {
    let out = d.out;
    let programme = d.programme;
    let manifest_path = out.manifest();
    let earlier_bytes = std::fs::read(&manifest_path).ok();
    let previous: Earlier = earlier_bytes
        .as_deref()
        .and_then(|b| serde_json::from_slice(b).ok())
        .unwrap_or_default();
    let failed = failures(d.outcomes);
    let mut documenten = d.documents.clone();
    for doc in &mut documenten {
        doc.verouderd = failed.contains_key(&doc.pad);
    }
    let mut manifest = Manifest {
        wel_versie: env!("CARGO_PKG_VERSION").to_string(),
        programma: programme
            .map(|p| p.project.naam.clone())
            .unwrap_or_else(|| previous.programma.clone()),
        documenten,
        bundels: Vec::new(),
        bestanden: BTreeMap::new(),
    };
    // The overview only needs the documents: make it while the bundles are zipped.
    manifest.bestanden = write_web(d, &previous)?;
    let (bundled, page) = rayon::join(
        || bundles(d, &manifest, &previous, &failed),
        || d.with_overview.then(|| overview(d, &manifest, &failed)),
    );
    let (bundels, mut delivered) = bundled?;
    manifest.bundels = bundels;
    let json = manifest.to_json();
    if earlier_bytes.as_deref() != Some(json.as_slice()) {
        fsutil::write_atomic(&manifest_path, &json)?;
    }
    if let Some(page) = page {
        fsutil::write_atomic(&out.overview(), page.as_bytes())?;
    } else if (!failed.is_empty() || previous.documenten != manifest.documenten)
        && out.overview().is_file()
    {
        // An overview of an earlier build would show documents that changed, or failed ones
        // as good: it goes (make it anew with --overzicht).
        delivered.overview_removed = std::fs::remove_file(out.overview()).is_ok();
    }
    Ok(delivered)
}

/// Writes the web edition's files (each only when it changed) and removes those of an earlier
/// web edition that this one no longer has; without `--web`, an earlier web edition is
/// removed whole (it would no longer match the PDFs). Returns path -> SHA-256 of every file
/// now in place, for the manifest.
fn write_web(d: &Delivery<'_>, previous: &Earlier) -> Result<BTreeMap<String, String>, FsError> {
    let mut now = BTreeMap::new();
    if let Some(web) = d.web {
        for (path, bytes) in &web.site {
            let file = d.out.file(path);
            let hash = sha(bytes);
            if previous.bestanden.get(path) != Some(&hash) || !file.is_file() {
                fsutil::write_atomic(&file, bytes)?;
            }
            now.insert(path.clone(), hash);
        }
    }
    for path in previous.bestanden.keys() {
        if !now.contains_key(path) {
            let _ = std::fs::remove_file(d.out.file(path));
        }
    }
    Ok(now)
}

/// The documents of this run that could not be made (anew): manifest path -> document, why.
type Failures<'a> = BTreeMap<String, (&'a DocumentId, &'a str)>;

fn failures(outcomes: &[(DocumentId, Outcome)]) -> Failures<'_> {
    outcomes
        .iter()
        .filter_map(|(id, o)| match o {
            Outcome::Blocked(why) | Outcome::Failed(why) => Some((id.key(), (id, why.as_str()))),
            Outcome::Built { .. } | Outcome::UpToDate | Outcome::Published { .. } => None,
        })
        .collect()
}

/// The bundles: written by `wel bundle`, else kept while still current. A bundle holding a
/// document this run could not make anew is neither written nor kept.
fn bundles(
    d: &Delivery<'_>,
    manifest: &Manifest,
    previous: &Earlier,
    failed: &Failures<'_>,
) -> Result<(Vec<Bundle>, Delivered), FsError> {
    let out = d.out;
    if !d.with_bundles && previous.bundels.is_empty() {
        return Ok((Vec::new(), Delivered::default()));
    }
    let Some(programme) = d.programme else {
        return Ok((previous.bundels.clone(), Delivered::default()));
    };
    let about = About {
        programme,
        edition: d.edition,
    };
    let planned = plan_bundles(out, manifest, d.csvs, &about, d.web);
    let (planned, blocked) = without_outdated(planned, failed);
    let mut delivered = Delivered::default();
    for (pad, why) in &blocked {
        if std::fs::remove_file(out.file(pad)).is_ok() {
            delivered.stale_removed += 1;
        }
        if d.with_bundles {
            delivered.not_refreshed.push(format!("{pad}: {why}"));
        }
    }
    if d.with_bundles {
        let date = d.edition.map(|e| e.date);
        let written = write_bundles(out, planned, &previous.bundels, date)?;
        delivered.bundles = written.len();
        return Ok((written, delivered));
    }
    let (kept, more) = keep_current_bundles(out, planned, &previous.bundels);
    delivered.stale_removed += more.stale_removed;
    Ok((kept, delivered))
}

/// Splits off the bundles that would hold a document this run could not make anew, with the
/// first such document as the reason.
fn without_outdated(
    planned: Vec<PlannedBundle>,
    failed: &Failures<'_>,
) -> (Vec<PlannedBundle>, Vec<(String, String)>) {
    let mut good = Vec::new();
    let mut blocked = Vec::new();
    for p in planned {
        let outdated = p.members.values().find_map(|(_, m)| match m {
            Member::Document(pad, _) if failed.contains_key(pad) => Some(pad.clone()),
            Member::Document(..) | Member::Bytes(_) => None,
        });
        match outdated {
            Some(pad) => blocked.push((
                p.pad.clone(),
                format!("niet ververst: {pad} kon niet opnieuw gemaakt worden (zie de meldingen); er is geen bundel met een verouderd document"),
            )),
            None => good.push(p),
        }
    }
    (good, blocked)
}

/// Whether the manifest, every bundle it lists (same size) and, when asked for, the overview
/// are still in place: then a build with nothing changed need not write them again.
pub fn deliverables_intact(
    out: &OutputDir,
    with_overview: bool,
    with_bundles: bool,
    with_web: bool,
) -> bool {
    let Ok(manifest) = Manifest::read(&out.manifest()) else {
        return false;
    };
    (!with_web || !manifest.bestanden.is_empty())
        && manifest.bestanden.keys().all(|p| out.file(p).is_file())
        && (!with_bundles || !manifest.bundels.is_empty())
        && manifest.bundels.iter().all(|b| bundle_intact(out, b))
        && (!with_overview || out.overview().is_file())
}

fn bundle_intact(out: &OutputDir, b: &Bundle) -> bool {
    fsutil::stamp(&out.file(&b.pad)).is_some_and(|(len, _)| len == b.bytes)
}

/// Without `wel bundle`: earlier bundles whose content is still current are kept; the others
/// are removed from disk and from the manifest.
fn keep_current_bundles(
    out: &OutputDir,
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
            match std::fs::remove_file(out.file(&old.pad)) {
                Ok(()) => delivered.stale_removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                // A bundle that cannot be removed is still not listed as current.
                Err(_) => delivered.stale_removed += 1,
            }
        }
    }
    (kept, delivered)
}

/// What a bundle will hold: entry name -> (source: a file in `out` or bytes made here).
enum Member {
    /// A document, by its manifest path and its file.
    Document(String, PathBuf),
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
fn plan_bundles(
    out: &OutputDir,
    manifest: &Manifest,
    csvs: &BTreeMap<SwvCode, CsvFile>,
    about: &About<'_>,
    web: Option<&WebFiles>,
) -> Vec<PlannedBundle> {
    let mut planned = swv_bundles(out, manifest, csvs, about, web);
    planned.push(national_bundle(out, manifest, about));
    planned
}

fn write_bundles(
    out: &OutputDir,
    planned: Vec<PlannedBundle>,
    previous: &[Bundle],
    date: Option<crate::model::Date>,
) -> Result<Vec<Bundle>, FsError> {
    use rayon::prelude::*;
    planned
        .into_par_iter()
        .map(|p| write_bundle(out, p, previous, date))
        .collect()
}

/// `landelijk.zip`: every document, a read-me and the manifest.
fn national_bundle(out: &OutputDir, manifest: &Manifest, about: &About<'_>) -> PlannedBundle {
    let mut members: BTreeMap<String, (String, Member)> = manifest
        .documenten
        .iter()
        .map(|d| {
            (
                d.pad.clone(),
                (
                    d.sha256.clone(),
                    Member::Document(d.pad.clone(), out.file(&d.pad)),
                ),
            )
        })
        .collect();
    let listed: Vec<(String, String, String)> = manifest
        .documenten
        .iter()
        .map(|d| (d.pad.clone(), d.sha256.clone(), d.titel.clone()))
        .collect();
    let readme = national_read_me(about, &listed).into_bytes();
    let mut bestanden = BTreeMap::new();
    bestanden.insert(READ_ME.to_string(), sha(&readme));
    members.insert(READ_ME.into(), (sha(&readme), Member::Bytes(readme)));
    let json = Manifest {
        bundels: Vec::new(),
        bestanden,
        ..manifest.clone()
    }
    .to_json();
    members.insert("manifest.json".into(), (sha(&json), Member::Bytes(json)));
    PlannedBundle {
        pad: OutputDir::bundle_key(None),
        swv: None,
        members,
    }
}

/// One bundle per SWV: its one-pager, the brochure, its figures as CSV and a manifest.
fn swv_bundles(
    out: &OutputDir,
    manifest: &Manifest,
    csvs: &BTreeMap<SwvCode, CsvFile>,
    about: &About<'_>,
    web: Option<&WebFiles>,
) -> Vec<PlannedBundle> {
    use rayon::prelude::*;
    let brochure = manifest
        .documenten
        .iter()
        .find(|d| d.soort == Kind::Brochure.name());
    let regio: Vec<&Document> = manifest
        .documenten
        .iter()
        .filter(|d| d.soort == Kind::Regio.name())
        .collect();
    regio
        .par_iter()
        .filter_map(|doc| {
            let code = doc.swv.as_ref()?;
            let swv = SwvCode::parse(code).ok()?;
            // No CSV when the SWV's one-pager could not be planned: the bundle is then planned
            // only to be named as outdated (its one-pager failed), never written.
            let csv = csvs.get(&swv);
            let mut members: BTreeMap<String, (String, Member)> = BTreeMap::new();
            members.insert(
                DocumentId::Regio(swv.clone()).bundle_name(),
                (
                    doc.sha256.clone(),
                    Member::Document(doc.pad.clone(), out.file(&doc.pad)),
                ),
            );
            if let Some(b) = brochure {
                members.insert(
                    DocumentId::Brochure.bundle_name(),
                    (
                        b.sha256.clone(),
                        Member::Document(b.pad.clone(), out.file(&b.pad)),
                    ),
                );
            }
            let mut bestanden = BTreeMap::new();
            let web = web.and_then(|w| w.bundles.get(&swv));
            for (name, bytes) in web.into_iter().flatten() {
                let hash = sha(bytes);
                members.insert(name.clone(), (hash.clone(), Member::Bytes(bytes.clone())));
                bestanden.insert(name.clone(), hash);
            }
            if let Some(csv) = csv {
                let csv_sha = sha(&csv.bytes);
                members.insert(
                    csv.file_name.clone(),
                    (csv_sha.clone(), Member::Bytes(csv.bytes.clone())),
                );
                bestanden.insert(csv.file_name.clone(), csv_sha);
            }
            let listed: Vec<(String, String)> = members
                .iter()
                .map(|(name, (h, _))| (name.clone(), h.clone()))
                .collect();
            let readme = swv_read_me(about, &swv, &listed).into_bytes();
            bestanden.insert(READ_ME.to_string(), sha(&readme));
            members.insert(READ_ME.into(), (sha(&readme), Member::Bytes(readme)));
            let json = bundle_manifest(manifest, doc, &swv, bestanden).to_json();
            members.insert("manifest.json".into(), (sha(&json), Member::Bytes(json)));
            Some(PlannedBundle {
                pad: OutputDir::bundle_key(Some(code)),
                swv: Some(code.clone()),
                members,
            })
        })
        .collect()
}

/// The manifest inside an SWV's bundle: its one-pager and the brochure, each named as the
/// bundle holds it, and the bundle's other files (`bestanden`).
fn bundle_manifest(
    manifest: &Manifest,
    one_pager: &Document,
    swv: &SwvCode,
    bestanden: BTreeMap<String, String>,
) -> Manifest {
    let brochure = Kind::Brochure.name();
    Manifest {
        wel_versie: manifest.wel_versie.clone(),
        programma: manifest.programma.clone(),
        documenten: manifest
            .documenten
            .iter()
            .filter(|d| d.pad == one_pager.pad || d.soort == brochure)
            .map(|d| Document {
                pad: if d.pad == one_pager.pad {
                    DocumentId::Regio(swv.clone()).bundle_name()
                } else {
                    DocumentId::Brochure.bundle_name()
                },
                ..d.clone()
            })
            .collect(),
        bundels: Vec::new(),
        bestanden,
    }
}

/// Writes a bundle unless the previous one has the same content and is still in place.
fn write_bundle(
    out: &OutputDir,
    planned: PlannedBundle,
    previous: &[Bundle],
    date: Option<crate::model::Date>,
) -> Result<Bundle, FsError> {
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
            Member::Document(_, p) => fsutil::read(&p)?,
        };
        entries.push(Entry { name, bytes });
    }
    let bytes = zip(entries, date);
    fsutil::write_atomic(&out.file(&pad), &bytes)?;
    Ok(Bundle {
        pad,
        swv,
        sha256: sha(&bytes),
        bytes: bytes.len() as u64,
        inhoud,
    })
}

fn overview(d: &Delivery<'_>, manifest: &Manifest, failed: &Failures<'_>) -> String {
    let Delivery {
        out,
        programme,
        problems,
        warnings,
        ..
    } = *d;
    let notes_for = |pad: &str, code: Option<&String>| -> Vec<String> {
        let mut notes: Vec<String> = code
            .map(|c| problems.for_swv(c).map(|p| p.to_string()).collect())
            .unwrap_or_default();
        notes.extend(
            warnings
                .iter()
                .filter(|(id, _)| id.key() == pad)
                .map(|(_, w)| {
                    format!(
                        "waarschuwing bij het opmaken: {}",
                        w.lines().next().unwrap_or_default()
                    )
                }),
        );
        notes
    };
    let mut tiles = Vec::new();
    for d in &manifest.documenten {
        let mut notes = notes_for(&d.pad, d.swv.as_ref());
        let why = failed.get(&d.pad).map(|(_, why)| *why);
        if let Some(why) = why {
            notes.push(format!(
                "niet opnieuw gemaakt; dit is de vorige versie: {}",
                why.lines().next().unwrap_or_default()
            ));
        }
        tiles.push(Tile {
            title: d.titel.clone(),
            href: d.pad.clone(),
            kind: d.soort.clone(),
            code: d.swv.clone(),
            pages: d.paginas,
            thumbnail_png: std::fs::read(out.thumbnail(&d.sha256)).ok(),
            notes,
            failed: why.is_some(),
        });
    }
    tiles.extend(failed_without_version(failed, manifest, &notes_for));
    let round = crate::round::line(&crate::round::Of {
        programme,
        folders: d.folders,
        problems,
        outcomes: d.outcomes,
        late: &[],
    });
    let general: Vec<String> = round
        .into_iter()
        .chain(
            problems
                .sorted()
                .into_iter()
                .filter(|p| p.swv.is_none())
                .map(|p| p.to_string()),
        )
        .collect();
    let sample = programme.is_some_and(|p| p.project.voorbeeldgegevens);
    html(&manifest.programma, &tiles, &general, sample)
}

/// Tiles of the documents that failed and have no earlier version, with why.
fn failed_without_version(
    failed: &Failures<'_>,
    manifest: &Manifest,
    notes_for: &dyn Fn(&str, Option<&String>) -> Vec<String>,
) -> Vec<Tile> {
    let mut tiles = Vec::new();
    for (pad, (id, why)) in failed {
        let pad = pad.clone();
        if manifest.documenten.iter().any(|d| d.pad == pad) {
            continue;
        }
        let code = id.swv().map(|c| c.to_string());
        let mut notes = notes_for(&pad, code.as_ref());
        notes.push(format!(
            "niet gemaakt: {}",
            why.lines().next().unwrap_or_default()
        ));
        tiles.push(Tile {
            title: pad.clone(),
            href: String::new(),
            kind: id.kind().name().to_string(),
            code,
            pages: 0,
            thumbnail_png: None,
            notes,
            failed: true,
        });
    }
    tiles
}
