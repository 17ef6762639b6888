//! Editions: what was sent out, kept as it was sent. `wel publiceer` copies the documents,
//! bundles and manifest of a clean build into `edities/<datum>/documenten/`, with every
//! published figure (`cijfers.json`), a fingerprint of the inputs (`editie.json`) and,
//! privately, the cell values the figures came from (`intern/waarden.json`).
//!
//! After that a document of the latest edition is not made again: a build copies it from the
//! edition, byte for byte, and its figures count as published facts (the audit holds every
//! edition together). A one-pager is made anew only when its SWV has a newer school year.
//! Figures of published years that change (a correction) are listed by `wel check`; a revised
//! edition is made only on request (`wel publiceer --herziening`), and each revised document
//! then lists its corrections.

pub mod revision;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::manifest::{Document, Manifest};
use crate::fsutil::{self, FsError};
use crate::model::{Programme, SchoolYear};
use crate::outputs::DocumentId;
use crate::privacy::disclosure::Witness;
use crate::privacy::{Cell, EarlierEdition, Recorded};

/// What an edition says about itself.
pub const INFO_FILE: &str = crate::outputs::EDITION_INFO_FILE;
/// Every figure the edition published, by output.
pub const FIGURES_FILE: &str = "cijfers.json";
/// The cell values behind those figures: for the project group only.
pub const VALUES_FILE: &str = "intern/waarden.json";
/// Solutions of what it published that protection found (they hold the true values too):
/// later audits try them again.
pub const WITNESSES_FILE: &str = "intern/oplossingen.json";
/// The documents, bundles and manifest as they were sent.
pub const DOCUMENTS: &str = "documenten";

/// `editie.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Info {
    pub naam: String,
    pub datum: String,
    pub wel_versie: String,
    /// The school years in its documents.
    pub schooljaren: Vec<SchoolYear>,
    /// Documents taken over unchanged from an earlier edition: output, edition.
    #[serde(default)]
    pub overgenomen: BTreeMap<String, String>,
    /// The edition this one revises, for a revision.
    #[serde(default)]
    pub herziet: Option<String>,
    /// The school years of its brochure, fixed when the brochure was first published (an
    /// older edition without them: its `schooljaren`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brochure_schooljaren: Option<Vec<SchoolYear>>,
    /// The SHA-256 of every input file it was made from.
    pub invoer: BTreeMap<String, String>,
}

/// One published edition, read back.
#[derive(Debug, Clone)]
pub struct Edition {
    pub dir: PathBuf,
    pub info: Info,
    pub manifest: Manifest,
    pub figures: BTreeMap<String, Vec<Recorded>>,
    pub values: BTreeMap<Cell, u32>,
    pub witnesses: Vec<Witness>,
}

impl Edition {
    pub fn name(&self) -> &str {
        &self.info.naam
    }

    /// The file of one output (`regio/PO2801.pdf`) as it was sent.
    pub fn file(&self, key: &str) -> PathBuf {
        self.dir.join(DOCUMENTS).join(key)
    }

    /// The manifest's entry of one document.
    pub fn document(&self, key: &str) -> Option<&Document> {
        self.manifest.documenten.iter().find(|d| d.pad == key)
    }

    /// The school years of the brochure it published, if it published one.
    pub fn brochure_years(&self) -> Option<Vec<SchoolYear>> {
        self.document(&DocumentId::Brochure.key())?;
        Some(
            self.info
                .brochure_schooljaren
                .clone()
                .unwrap_or_else(|| self.info.schooljaren.clone()),
        )
    }

    /// What the edition published, for the audit.
    pub fn earlier(&self) -> EarlierEdition {
        EarlierEdition {
            name: self.info.naam.clone(),
            figures: self.figures.clone(),
            values: self.values.clone(),
            witnesses: self.witnesses.clone(),
        }
    }

    /// Whether a document of this edition stays as it was: every document of it, except a
    /// one-pager whose SWV now has a newer school year (it gets a new one-pager).
    pub fn keeps(&self, id: &DocumentId, programme: &Programme) -> bool {
        let Some(doc) = self.document(&id.key()) else {
            return false;
        };
        match id {
            DocumentId::Regio(code) => {
                let then = SchoolYear::parse(&doc.schooljaar).ok();
                let now = programme.swv(code).and_then(crate::views::one_pager_year);
                now.is_none_or(|now| then.is_some_and(|then| now <= then))
            }
            DocumentId::Rapportage(_) | DocumentId::Brochure => true,
        }
    }
}

/// Why the editions could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum EditionError {
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error("{0}")]
    Damaged(String),
    #[error("{0}")]
    Refused(String),
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, EditionError> {
    let bytes = fsutil::read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        EditionError::Damaged(format!(
            "{} is beschadigd ({e}); zet het terug uit een reservekopie: een editie verandert nooit",
            path.display()
        ))
    })
}

/// Every edition in `dir`, oldest first (none when the folder does not exist).
pub fn all(dir: &Path) -> Result<Vec<Edition>, EditionError> {
    let Ok(entries) = fsutil::read_dir_sorted(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for d in entries.into_iter().filter(|d| d.join(INFO_FILE).is_file()) {
        let values: Vec<(Cell, u32)> = read_json(&d.join(VALUES_FILE))?;
        // Editions before the solutions were kept have none: later audits search anew.
        let witnesses = if d.join(WITNESSES_FILE).is_file() {
            read_json(&d.join(WITNESSES_FILE))?
        } else {
            Vec::new()
        };
        out.push(Edition {
            witnesses,
            info: read_json(&d.join(INFO_FILE))?,
            manifest: read_json(&d.join(DOCUMENTS).join(crate::outputs::MANIFEST_FILE))?,
            figures: read_json(&d.join(FIGURES_FILE))?,
            values: values.into_iter().collect(),
            dir: d,
        });
    }
    out.sort_by_key(|e| edition_order(&e.info.naam));
    Ok(out)
}

/// Editions sort by date, then by the number a second edition of the same day gets.
fn edition_order(name: &str) -> (String, u32) {
    match name.rsplit_once('-') {
        Some((date, n)) if date.len() == 10 && n.len() < 4 => {
            (date.to_string(), n.parse().unwrap_or(0))
        }
        _ => (name.to_string(), 1),
    }
}

/// Where one edition by name, or the latest, stands in `editions` (as [`all`] read them from
/// `dir`).
pub fn position(
    editions: &[Edition],
    dir: &Path,
    name: Option<&str>,
) -> Result<usize, EditionError> {
    let found = match name {
        Some(n) => editions.iter().position(|e| e.info.naam == n),
        None => editions.len().checked_sub(1),
    };
    found.ok_or_else(|| {
        let names: Vec<&str> = editions.iter().map(Edition::name).collect();
        EditionError::Refused(match (name, names.is_empty()) {
            (_, true) => format!(
                "er is nog geen editie in {} (maak er een met wel publiceer)",
                dir.display()
            ),
            (Some(n), false) => format!(
                "geen editie {n} in {}; er zijn: {}",
                dir.display(),
                names.join(", ")
            ),
            (None, false) => unreachable!("a latest edition exists when there are any"),
        })
    })
}

/// The next edition in `editions`, made today, named before its documents are bundled.
pub fn next_stamp(editions: &Path, revises: Option<String>) -> crate::model::EditionStamp {
    let date = crate::clock::today_date();
    let day = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
    let mut name = day.clone();
    let mut n = 2;
    while editions.join(&name).exists() {
        name = format!("{day}-{n}");
        n += 1;
    }
    crate::model::EditionStamp {
        name,
        date,
        revises,
    }
}

/// What goes into a new edition besides the built outputs.
pub struct NewEdition<'a> {
    pub out: &'a Path,
    pub inputs: &'a Path,
    pub editions: &'a Path,
    pub figures: BTreeMap<String, Vec<Recorded>>,
    pub values: BTreeMap<Cell, u32>,
    pub witnesses: Vec<Witness>,
    pub schooljaren: Vec<SchoolYear>,
    pub overgenomen: BTreeMap<String, String>,
    pub stamp: crate::model::EditionStamp,
    pub brochure_schooljaren: Option<Vec<SchoolYear>>,
}

/// Writes a new edition from a clean build in `out`; returns its folder.
pub fn write(new: NewEdition<'_>) -> Result<PathBuf, EditionError> {
    let manifest = Manifest::read(&new.out.join(crate::outputs::MANIFEST_FILE))
        .map_err(EditionError::Refused)?;
    let name = new.stamp.name.clone();
    let dir = new.editions.join(&name);
    if dir.exists() {
        return Err(EditionError::Refused(format!(
            "editie {name} bestaat al in {}; publiceer opnieuw",
            new.editions.display()
        )));
    }
    // Written beside, then moved into place: an edition is there whole or not at all.
    let tmp = new.editions.join(format!(".{name}.bezig"));
    let _ = std::fs::remove_dir_all(&tmp);
    let docs = tmp.join(DOCUMENTS);
    let files = manifest
        .documenten
        .iter()
        .map(|d| d.pad.clone())
        .chain(manifest.bundels.iter().map(|b| b.pad.clone()))
        .chain(manifest.bestanden.keys().cloned())
        .chain([crate::outputs::MANIFEST_FILE.to_string()]);
    for key in files {
        fsutil::write_atomic(&docs.join(&key), &fsutil::read(&new.out.join(&key))?)?;
    }
    fsutil::write_atomic(&tmp.join(FIGURES_FILE), &to_json(&new.figures))?;
    let values: Vec<(&Cell, &u32)> = new.values.iter().collect();
    fsutil::write_atomic(&tmp.join(VALUES_FILE), &to_json(&values))?;
    fsutil::write_atomic(&tmp.join(WITNESSES_FILE), &to_json(&new.witnesses))?;
    fsutil::write_atomic(
        &tmp.join("intern/LEESMIJ.txt"),
        "Niet publiceren. waarden.json bevat de cijfers achter de gepubliceerde documenten, ook de\n\
         kleine aantallen die daarin als <5 staan; oplossingen.json bevat mogelijke waarden van de\n\
         cijfers die de afscherming vond. wel gebruikt ze om bij een volgende editie te\n\
         controleren dat niemand uit alle edities samen een klein aantal kan afleiden.\n"
            .as_bytes(),
    )?;
    let info = Info {
        naam: name.clone(),
        datum: {
            let d = new.stamp.date;
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        },
        wel_versie: env!("CARGO_PKG_VERSION").to_string(),
        schooljaren: new.schooljaren,
        overgenomen: new.overgenomen,
        herziet: new.stamp.revises,
        brochure_schooljaren: new.brochure_schooljaren,
        invoer: input_hashes(new.inputs)?,
    };
    fsutil::write_atomic(&tmp.join(INFO_FILE), &to_json(&info))?;
    std::fs::rename(&tmp, &dir).map_err(|source| FsError {
        action: "kan de editie niet op haar plaats zetten",
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}

/// Pretty JSON with a final line end.
fn to_json<T: Serialize>(v: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("edition files serialise");
    out.push(b'\n');
    out
}

/// The SHA-256 of every file in the inputs (hidden folders such as `.vorige/` left out).
fn input_hashes(inputs: &Path) -> Result<BTreeMap<String, String>, FsError> {
    let mut out = BTreeMap::new();
    let mut stack = vec![inputs.to_path_buf()];
    while let Some(d) = stack.pop() {
        for p in fsutil::read_dir_sorted(&d)? {
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let key = crate::outputs::key_of(&crate::diag::relative(&p, inputs));
                out.insert(key, crate::hash::sha256_hex(&fsutil::read(&p)?));
            }
        }
    }
    Ok(out)
}
