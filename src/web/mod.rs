//! The web edition: one accessible HTML page per document, made from the same typed views as
//! the PDFs (not from the Typst templates), so every figure on a page is a settled
//! [`crate::privacy::Count`] of the build's ledger, shown exactly as the PDF shows it.
//!
//! The pages are written with `maud`: the markup is checked when wel is compiled, and every
//! text from the inputs is escaped unless it is explicitly marked as markup (nothing from the
//! inputs ever is). Each page is one file with its styles inside and its photo as a data URI:
//! nothing is loaded from anywhere else, and a page can be put on any website or sent in a
//! bundle as it is. Every chart is an SVG with a name and a one-sentence description, followed
//! by a table of its figures and a CSV file beside the page.

mod chart;
mod html;
mod index;
mod map;
mod national;
mod regio;

use std::collections::BTreeMap;

pub use index::index;

use crate::model::Programme;
use crate::outputs::DocumentId;
use crate::views::View;
use crate::views::shared::AboutFigures;

/// A failure while writing a page: a figure written before the ledger was resolved (a bug).
pub type Error = serde_json::Error;

/// One document's web page and the files beside it (a CSV per chart), by path relative to
/// the page's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub html: String,
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Where a page's links point: the same page sits on the website (beside the PDFs) and in an
/// SWV's bundle (beside the bundle's files).
#[derive(Debug, Clone)]
pub struct Links {
    /// The document's PDF, relative to the page.
    pub pdf: String,
    /// The SWV's CSV of all its figures (a one-pager), relative to the page.
    pub csv: Option<String>,
    /// The web edition's index, relative to the page (none in a bundle).
    pub home: Option<String>,
    /// From this page's folder to the site's root (`""` or `"../"`), for links to other pages.
    pub root: String,
    /// The SWVs that have a page, for links from a report's annex.
    pub swv_pages: bool,
}

impl Links {
    /// The links of a page on the website, placed at `id`'s web path.
    pub fn site(id: &DocumentId) -> Self {
        let root = if matches!(id, DocumentId::Regio(_)) {
            "../"
        } else {
            ""
        };
        Self {
            pdf: file_name(&id.key()),
            csv: match id {
                DocumentId::Regio(code) => Some(format!("{code}.csv")),
                _ => None,
            },
            home: Some(format!("{root}{}", crate::outputs::WEB_INDEX)),
            root: root.to_string(),
            swv_pages: true,
        }
    }

    /// The links of an SWV's page inside its bundle.
    pub fn bundle(id: &DocumentId, csv: Option<String>) -> Self {
        Self {
            pdf: id.bundle_name(),
            csv,
            home: None,
            root: String::new(),
            swv_pages: false,
        }
    }
}

fn file_name(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_string()
}

/// What every page needs besides its view.
pub struct PageOf<'a> {
    pub id: &'a DocumentId,
    pub view: &'a View,
    pub about: &'a AboutFigures,
    pub programme: &'a Programme,
    pub links: Links,
    /// The one-pager's photo, as its bytes (shown as a data URI).
    pub photo: Option<&'a [u8]>,
}

/// The web page of one document.
pub fn page(of: &PageOf<'_>) -> Result<Page, Error> {
    let mut doc = html::Doc::new(of);
    let body = match of.view {
        View::Rapportage(v) => national::report(&mut doc, v)?,
        View::Brochure(v) => national::brochure(&mut doc, v)?,
        View::Regio(v) => regio::page(&mut doc, v, of.photo)?,
    };
    Ok(doc.finish(body))
}
