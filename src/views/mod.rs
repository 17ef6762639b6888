//! Template views: the model turned into the typed data each template reads from
//! `/data.json`, and the rows of the CSV files.
//!
//! Every number goes through a [`crate::privacy::Publisher`], which applies the small-count
//! rule and records the figure; a view holds [`crate::privacy::Count`]s it cannot read, and is
//! written out only once the ledger is resolved. Texts stay plain strings that Typst shows
//! literally.

pub mod brochure;
pub mod csv;
pub mod national;
pub mod provinces;
pub mod rapportage;
pub mod regio;
pub mod shared;
pub mod typography;
pub mod voices;

pub use brochure::BrochureView;
pub use rapportage::RapportageView;
pub use regio::RegioView;

use serde::Serialize;

use crate::model::{Programme, SchoolYear, Swv};
use crate::outputs::DocumentId;

/// The school year a one-pager is about: the latest with figures or a summary.
pub fn one_pager_year(swv: &Swv) -> Option<SchoolYear> {
    let figures = swv.years.keys().next_back().copied();
    let summary = swv.summaries.keys().next_back().copied();
    figures.max(summary)
}

/// The open intake round a document includes, when it does: the document is then a draft
/// ("concept") until the round is closed.
pub fn concept(programme: &Programme, id: &DocumentId) -> Option<SchoolYear> {
    let open = programme.project.open_round()?;
    let includes = match id {
        DocumentId::Rapportage(n) => programme
            .project
            .fases
            .iter()
            .any(|f| f.nummer == *n && f.schooljaren.contains(&open)),
        DocumentId::Brochure => programme.published_years().contains(&open),
        DocumentId::Regio(code) => programme
            .swv(code)
            .and_then(one_pager_year)
            .is_some_and(|y| y == open),
    };
    includes.then_some(open)
}

/// The view of one document, of its kind.
#[derive(Debug, Clone)]
pub enum View {
    Rapportage(Box<RapportageView>),
    Regio(Box<RegioView>),
    Brochure(Box<BrochureView>),
}

impl Serialize for View {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Rapportage(v) => v.serialize(s),
            Self::Regio(v) => v.serialize(s),
            Self::Brochure(v) => v.serialize(s),
        }
    }
}

/// What a template reads from `/data.json`: the view, and what the document says about its
/// figures (made once the figures are final).
#[derive(Serialize)]
pub struct TemplateData<'a> {
    #[serde(flatten)]
    pub view: &'a View,
    pub cijfers: shared::AboutFigures,
    /// For a revised document: what changed since the edition it replaces.
    pub correcties: Option<Corrections>,
}

/// The corrections a revised document lists.
#[derive(Debug, Clone, Serialize)]
pub struct Corrections {
    /// The edition it replaces.
    pub editie: String,
    pub regels: Vec<Correction>,
}

/// One corrected figure: what, as published, as now (both through the small-count rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub wat: String,
    pub was: String,
    pub nu: String,
}
