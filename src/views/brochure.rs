//! The view of the brochure.

use serde::Serialize;

use super::national::growth;
use super::shared::{Bar, Meta, MetaOf, Paragraphs, paragraphs};
use crate::model::{KeyFigureName, Measure, Programme};
use crate::outputs::DocumentId;
use crate::privacy::{Count, Given, Phrase, Publisher};

/// What `brochure.typ` receives.
#[derive(Debug, Clone, Serialize)]
pub struct BrochureView {
    pub meta: Meta,
    pub titel: String,
    pub ondertitel: String,
    pub inleiding: Paragraphs,
    pub delen: Vec<SectionView>,
    pub citaten: Vec<PullQuoteView>,
    pub kengetallen: Vec<KeyFigureView>,
    pub slot: Paragraphs,
    pub groei: Vec<Bar>,
    pub groei_alt: Phrase,
    /// Where the SWVs of the last school year are.
    pub kaart: Option<super::provinces::CountsMap>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub kop: String,
    pub tekst: Paragraphs,
}

#[derive(Debug, Clone, Serialize)]
pub struct PullQuoteView {
    pub tekst: String,
    pub bron: String,
}

/// A large number with its label.
#[derive(Debug, Clone, Serialize)]
pub struct KeyFigureView {
    pub waarde: Count,
    pub label: String,
}

/// The brochure's title, when the project has brochure texts.
pub fn title(programme: &Programme) -> Option<String> {
    let texts = programme.project.brochure.as_ref()?;
    Some(format!("{}: {}", programme.project.naam, texts.titel))
}

/// The computed key figure `name`, over every school year.
fn key_figure(
    p: &mut Publisher<'_>,
    programme: &Programme,
    name: KeyFigureName,
    at: String,
) -> Count {
    let years = programme.published_years();
    let (first, last) = (years.first().copied(), years.last().copied());
    let in_year =
        |p: &Publisher<'_>, y: Option<_>, m| y.map(|y| p.all_swvs(y, m)).unwrap_or_default();
    match name {
        KeyFigureName::SwvStart => {
            let cells = in_year(p, first, Measure::JeugdigenGemeld);
            p.tally(at, cells)
        }
        KeyFigureName::SwvEind => {
            let cells = in_year(p, last, Measure::Deelname);
            p.tally(at, cells)
        }
        KeyFigureName::WerkateliersTotaal => p.tally(at, p.all_years(Measure::Werkateliers)),
        KeyFigureName::DeelnemersTotaal => p.tally(at, p.all_years(Measure::Deelnemers)),
        KeyFigureName::BenaderdTotaal => p.count(at, p.all_years(Measure::Benaderd)),
        KeyFigureName::InOntwikkelingTotaal => p.count(at, p.all_years(Measure::InOntwikkeling)),
        KeyFigureName::CasussenTotaal => p.count(at, p.all_years(Measure::Casussen)),
    }
}

pub fn brochure(p: &mut Publisher<'_>, programme: &Programme) -> Option<BrochureView> {
    let project = &programme.project;
    let texts = project.brochure.as_ref()?;
    let (groei, groei_alt) = growth(p, programme, None);
    let kaart = programme
        .published_years()
        .last()
        .map(|y| super::provinces::province_counts(p, *y, "kaart"));
    let kengetallen = texts
        .kengetal
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            let at = format!("kengetallen[{}]", i + 1);
            let waarde = match (k.cijfer, k.waarde) {
                (Some(c), _) => key_figure(p, programme, c, at),
                (None, Some(v)) => p.given(at, Given::ProjectText(v)),
                // Refused while reading: a key figure has one of the two.
                (None, None) => return None,
            };
            Some(KeyFigureView {
                waarde,
                label: k.label.clone(),
            })
        })
        .collect();
    let notes = &texts.voetnoot;
    Some(BrochureView {
        meta: Meta::new(
            project,
            MetaOf {
                title: title(programme)?,
                ident: DocumentId::Brochure.ident(),
                date: texts.datum.unwrap_or(project.peildatum),
                subject: texts.ondertitel.clone(),
                keywords: &[
                    "WEL in Ontwikkeling",
                    "brochure",
                    "thuiszitters",
                    "passend onderwijs",
                ],
            },
        ),
        titel: texts.titel.clone(),
        ondertitel: texts.ondertitel.clone(),
        inleiding: paragraphs(&texts.inleiding, notes),
        delen: texts
            .deel
            .iter()
            .map(|d| SectionView {
                kop: d.kop.clone(),
                tekst: paragraphs(&d.tekst, notes),
            })
            .collect(),
        citaten: texts
            .citaat
            .iter()
            .map(|c| PullQuoteView {
                tekst: c.tekst.trim().to_string(),
                bron: c.bron.clone(),
            })
            .collect(),
        kengetallen,
        slot: paragraphs(&texts.slot, notes),
        groei,
        groei_alt,
        kaart,
    })
}
