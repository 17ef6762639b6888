//! The web edition's part of a build: each document's page, made from its view when its data
//! is written, or taken over with its PDF from an edition.

use std::collections::BTreeMap;

use super::plan::Planned;
use super::{BuildError, Prepared};
use crate::fsutil;
use crate::outputs::DocumentId;
use crate::outputs::{Outcome, OutputDir};
use crate::views::shared::AboutFigures;

/// A document's web page and the files beside it (`--web`): made with its PDF from the same
/// view, or taken over with the PDF from the edition it was published in.
#[derive(Debug, Clone, Default)]
pub enum WebPage {
    #[default]
    None,
    Made {
        /// Path in the output folder -> bytes: the page and its charts' CSVs.
        site: BTreeMap<String, Vec<u8>>,
        /// Entry name -> bytes: the page as an SWV's bundle holds it (its links to the files
        /// beside it in the bundle), and its charts' CSVs.
        bundle: BTreeMap<String, Vec<u8>>,
    },
    /// Path in the output folder -> the file in the edition.
    FromEdition(Vec<(String, std::path::PathBuf)>),
}

impl WebPage {
    /// The web page published with a document of an edition (`pdf`: its PDF there), if the
    /// edition has one: the page beside the PDF and its charts' CSVs.
    pub(super) fn from_edition(id: &DocumentId, pdf: &std::path::Path) -> Self {
        let files = page_files(id, &pdf.with_extension("html"));
        if files.is_empty() {
            Self::None
        } else {
            Self::FromEdition(files)
        }
    }
}

/// The folder of a document's page in the site, with a trailing `/` (`regio/`), or nothing.
fn site_dir(id: &DocumentId) -> String {
    id.web_key()
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default()
}

/// A document's page as it lies in a folder (`page`: its file there, in the output folder or
/// an edition) and its charts' CSVs beside it (`PO2801-figuur-1.csv`), each with its path in
/// the site; nothing when the page is not there.
fn page_files(id: &DocumentId, page: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    if !page.is_file() {
        return Vec::new();
    }
    let dir = site_dir(id);
    let stem = page
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let prefix = format!("{stem}-figuur-");
    let mut csvs: Vec<(String, std::path::PathBuf)> = page
        .parent()
        .and_then(|folder| std::fs::read_dir(folder).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            (name.starts_with(&prefix) && name.ends_with(".csv"))
                .then(|| (format!("{dir}{name}"), e.path()))
        })
        .collect();
    csvs.sort();
    let mut files = vec![(id.web_key(), page.to_path_buf())];
    files.extend(csvs);
    files
}

/// A document's web page from its view (which holds the settled figures the PDF prints): on
/// the site beside the PDF, and for a one-pager also as its bundle holds it.
pub(super) fn web_page(
    d: &Planned,
    about: &AboutFigures,
    programme: &crate::model::Programme,
) -> Result<WebPage, BuildError> {
    let photo = d.assets.first().map(|(_, b)| b.as_slice());
    let made = |links| {
        crate::web::page(&crate::web::PageOf {
            id: &d.id,
            view: &d.view,
            about,
            programme,
            links,
            photo,
        })
        .map_err(|e| BuildError::Internal(e.to_string()))
    };
    let key = d.id.web_key();
    let dir = site_dir(&d.id);
    let page = made(crate::web::Links::site(&d.id))?;
    let mut site = BTreeMap::from([(key, page.html.into_bytes())]);
    site.extend(
        page.files
            .into_iter()
            .map(|(n, b)| (format!("{dir}{n}"), b)),
    );
    let mut bundle = BTreeMap::new();
    if let DocumentId::Regio(code) = &d.id {
        let csv = programme.swv(code).map(crate::views::csv::file_name);
        let page = made(crate::web::Links::bundle(&d.id, csv))?;
        bundle.insert(d.id.bundle_web_name(), page.html.into_bytes());
        bundle.extend(page.files);
    }
    Ok(WebPage::Made { site, bundle })
}

/// The web edition of this run: the page of every document whose PDF is good (made now or
/// taken over from an edition), an SWV's CSV beside its page, and the index. A document that
/// failed keeps the page of its last good PDF (both stay in place, marked as outdated).
pub(super) fn web_files(
    prepared: &Prepared,
    outcomes: &[(DocumentId, Outcome)],
    out: &OutputDir,
    edition: Option<&crate::model::EditionStamp>,
) -> Result<crate::export::deliver::WebFiles, BuildError> {
    let mut files = crate::export::deliver::WebFiles::default();
    let Some(programme) = prepared.loaded.programme.as_ref() else {
        return Ok(files);
    };
    let good = |id: &DocumentId| {
        outcomes.iter().any(|(o, r)| {
            o == id
                && matches!(
                    r,
                    Outcome::Built { .. } | Outcome::UpToDate | Outcome::Published { .. }
                )
        })
    };
    let mut pages = Vec::new();
    for job in &prepared.jobs {
        if !good(&job.id) {
            // The page of its last good PDF, if there is one.
            if out.file(&job.id.web_key()).is_file() {
                pages.push((job.id.clone(), job.document.titel.clone()));
                keep_web_files(out, &job.id, &mut files.site);
            }
            continue;
        }
        match &job.web {
            WebPage::None => continue,
            WebPage::Made { site, bundle } => {
                files
                    .site
                    .extend(site.iter().map(|(k, v)| (k.clone(), v.clone())));
                if let DocumentId::Regio(code) = &job.id {
                    files.bundles.insert(code.clone(), bundle.clone());
                }
            }
            WebPage::FromEdition(list) => {
                for (path, file) in list {
                    files.site.insert(path.clone(), fsutil::read(file)?);
                }
            }
        }
        if let DocumentId::Regio(code) = &job.id
            && let Some(csv) = prepared.csvs.get(code)
        {
            let path = format!("{}/{code}.csv", crate::outputs::REGIO_DIR);
            files.site.insert(path, csv.bytes.clone());
        }
        pages.push((job.id.clone(), job.document.titel.clone()));
    }
    pages.sort();
    let edition =
        edition.map(|e| format!("editie {} van {}", e.name, crate::dutch::long_date(e.date)));
    let index = crate::web::index(programme, &pages, edition.as_deref());
    files
        .site
        .insert(crate::outputs::WEB_INDEX.to_string(), index.into_bytes());
    Ok(files)
}

/// The web files of a document's last good PDF, as they are in the output folder.
fn keep_web_files(out: &OutputDir, id: &DocumentId, site: &mut BTreeMap<String, Vec<u8>>) {
    for (path, file) in page_files(id, &out.file(&id.web_key())) {
        if let Ok(bytes) = std::fs::read(file) {
            site.insert(path, bytes);
        }
    }
}
