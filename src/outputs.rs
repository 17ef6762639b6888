//! What a build publishes and where it lives: each document's identity (kind, ID, file name,
//! defined once here), every path in the output folder, and what happened to each document.

use std::path::{Path, PathBuf};

use crate::model::{Programme, SchoolYear, SwvCode};

/// The web edition's index page, at the root of the output folder.
pub const WEB_INDEX: &str = "index.html";

/// The document kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Rapportage,
    Regio,
    Brochure,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Rapportage, Kind::Regio, Kind::Brochure];

    pub fn name(self) -> &'static str {
        match self {
            Self::Rapportage => "rapportage",
            Self::Regio => "regio",
            Self::Brochure => "brochure",
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            Self::Rapportage => "rapportage.typ",
            Self::Regio => "regio.typ",
            Self::Brochure => "brochure.typ",
        }
    }
}

/// One published document: its kind and, for the kinds that have several, which one. The
/// build record stores it as it is (`{"rapportage": 1}`, `{"regio": "PO2801"}`), never as a
/// path to be parsed back.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum DocumentId {
    /// The phase report of phase `n`.
    Rapportage(u32),
    /// The one-pager of one SWV.
    Regio(SwvCode),
    Brochure,
}

impl DocumentId {
    pub fn kind(&self) -> Kind {
        match self {
            Self::Rapportage(_) => Kind::Rapportage,
            Self::Regio(_) => Kind::Regio,
            Self::Brochure => Kind::Brochure,
        }
    }

    /// The stable identifier written into the PDF (`wel:regio:PO2801`).
    pub fn ident(&self) -> String {
        match self {
            Self::Rapportage(n) => format!("wel:rapportage-fase-{n}"),
            Self::Regio(code) => format!("wel:regio:{code}"),
            Self::Brochure => "wel:brochure".to_string(),
        }
    }

    /// The path inside the output folder (`regio/PO2801.pdf`).
    pub fn path(&self) -> PathBuf {
        PathBuf::from(self.key())
    }

    /// [`Self::path`] as text with `/`, the key used by the build record and the manifest.
    pub fn key(&self) -> String {
        match self {
            Self::Rapportage(n) => format!("rapportage-fase-{n}.pdf"),
            Self::Regio(code) => format!("{REGIO_DIR}/{code}.pdf"),
            Self::Brochure => "brochure.pdf".to_string(),
        }
    }

    /// The path of the document's web page in the output folder, beside its PDF
    /// (`regio/PO2801.html`).
    pub fn web_key(&self) -> String {
        let key = self.key();
        format!("{}.html", key.strip_suffix(".pdf").unwrap_or(&key))
    }

    /// The name of the document's web page inside a bundle (`PO2801-regio-overzicht.html`).
    pub fn bundle_web_name(&self) -> String {
        let name = self.bundle_name();
        format!("{}.html", name.strip_suffix(".pdf").unwrap_or(&name))
    }

    /// The name of the file inside a bundle (`PO2801-regio-overzicht.pdf`, `brochure.pdf`).
    pub fn bundle_name(&self) -> String {
        match self {
            Self::Regio(code) => format!("{code}-regio-overzicht.pdf"),
            Self::Rapportage(_) | Self::Brochure => self.key(),
        }
    }

    /// The school years a national document covers: a phase report its phase's, the
    /// brochure its own (`schooljaren` in `[brochure]`, else fixed by its first edition, else
    /// every reported year). `None` for a one-pager (it follows its SWV) or an unknown phase.
    /// No figure of a later year enters the document, and an error in a row of a later year
    /// does not keep it from being made.
    pub fn years(&self, programme: &Programme) -> Option<Vec<SchoolYear>> {
        match self {
            Self::Rapportage(n) => programme
                .project
                .fases
                .iter()
                .find(|f| f.nummer == *n)
                .map(|f| f.schooljaren.clone()),
            Self::Brochure => Some(
                programme
                    .project
                    .brochure
                    .as_ref()
                    .and_then(|b| b.schooljaren.clone())
                    .unwrap_or_else(|| programme.published_years()),
            ),
            Self::Regio(_) => None,
        }
    }

    /// The last school year a national document covers (see [`Self::years`]).
    pub fn horizon(&self, programme: &Programme) -> Option<SchoolYear> {
        self.years(programme)?.into_iter().max()
    }

    /// The SWV a one-pager belongs to.
    pub fn swv(&self) -> Option<&SwvCode> {
        match self {
            Self::Regio(code) => Some(code),
            Self::Rapportage(_) | Self::Brochure => None,
        }
    }
}

/// What an edition says about itself (`edities/<datum>/editie.json`): a folder holding it is an
/// edition, which nothing changes.
pub const EDITION_INFO_FILE: &str = "editie.json";

/// Folder of the one-pagers inside the output folder.
pub const REGIO_DIR: &str = "regio";
/// Folder of the bundles.
pub const BUNDLES: &str = "bundels";
/// The national bundle's file name.
pub const NATIONAL_BUNDLE: &str = "landelijk.zip";
/// The overview page.
pub const OVERVIEW: &str = "overzicht.html";
/// The manifest.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The incremental-build record.
pub const BUILD_RECORD: &str = ".wel-build.json";
/// Re-encoded photos kept between builds.
pub const PHOTO_CACHE: &str = ".wel-fotos";
/// Parsed workbooks kept between builds.
pub const WORKBOOK_CACHE: &str = ".wel-werkboeken";
/// Thumbnails for the overview page.
pub const THUMBNAILS: &str = ".wel-miniaturen";
/// The totals secondary suppression chose last, with what they were chosen from.
pub const PROTECT_CACHE: &str = ".wel-afscherming.json";

/// The output folder: knows the path of everything a build writes there.
#[derive(Debug, Clone)]
pub struct OutputDir {
    root: PathBuf,
}

impl OutputDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// An output by its key (`regio/PO2801.pdf`).
    pub fn file(&self, key: &str) -> PathBuf {
        self.root.join(key)
    }

    pub fn document(&self, id: &DocumentId) -> PathBuf {
        self.root.join(id.key())
    }

    pub fn bundles(&self) -> PathBuf {
        self.root.join(BUNDLES)
    }

    /// The bundle of one SWV, or the national one for `None`.
    pub fn bundle(&self, swv: Option<&str>) -> PathBuf {
        self.bundles().join(Self::bundle_name(swv))
    }

    /// The bundle's key in the manifest (`bundels/PO2801.zip`).
    pub fn bundle_key(swv: Option<&str>) -> String {
        format!("{BUNDLES}/{}", Self::bundle_name(swv))
    }

    fn bundle_name(swv: Option<&str>) -> String {
        match swv {
            Some(code) => format!("{code}.zip"),
            None => NATIONAL_BUNDLE.to_string(),
        }
    }

    pub fn overview(&self) -> PathBuf {
        self.root.join(OVERVIEW)
    }

    pub fn manifest(&self) -> PathBuf {
        self.root.join(MANIFEST_FILE)
    }

    pub fn build_record(&self) -> PathBuf {
        self.root.join(BUILD_RECORD)
    }

    pub fn photo_cache(&self) -> PathBuf {
        self.root.join(PHOTO_CACHE)
    }

    pub fn workbook_cache(&self) -> PathBuf {
        self.root.join(WORKBOOK_CACHE)
    }

    pub fn protect_cache(&self) -> PathBuf {
        self.root.join(PROTECT_CACHE)
    }

    /// The thumbnail of a document with this SHA-256.
    pub fn thumbnail(&self, sha256: &str) -> PathBuf {
        self.root.join(THUMBNAILS).join(format!("{sha256}.png"))
    }
}

/// What happened to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Built {
        pages: usize,
    },
    UpToDate,
    /// A document of the latest edition, taken over as it was sent.
    Published {
        editie: String,
    },
    /// Not built: its inputs have errors (listed in the problems).
    Blocked(String),
    /// Compiling or writing failed.
    Failed(String),
}

/// A path inside the output folder as the build record and the manifest key it: with `/`.
pub fn key_of(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_is_spelled_here() {
        let code = SwvCode::parse("PO2801").unwrap();
        let out = OutputDir::new("uit");
        assert_eq!(
            out.document(&DocumentId::Regio(code.clone())),
            Path::new("uit/regio/PO2801.pdf")
        );
        assert_eq!(DocumentId::Regio(code.clone()).ident(), "wel:regio:PO2801");
        assert_eq!(
            DocumentId::Regio(code).bundle_name(),
            "PO2801-regio-overzicht.pdf"
        );
        assert_eq!(DocumentId::Rapportage(2).key(), "rapportage-fase-2.pdf");
        assert_eq!(DocumentId::Rapportage(2).ident(), "wel:rapportage-fase-2");
        assert_eq!(out.bundle(None), Path::new("uit/bundels/landelijk.zip"));
        assert_eq!(OutputDir::bundle_key(Some("PO2801")), "bundels/PO2801.zip");
        assert_eq!(out.thumbnail("ab"), Path::new("uit/.wel-miniaturen/ab.png"));
    }
}
