//! The view of the brochure.

use serde::Serialize;

use super::national::growth;
use super::shared::{Bar, Meta, MetaOf, Paragraphs, TextAt, line, paragraphs};
use crate::model::{BrochureTexts, KeyFigureName, Measure, Programme};
use crate::outputs::DocumentId;
use crate::privacy::{Count, FigureId, Given, Phrase, Publisher};

/// What `brochure.typ` receives.
#[derive(Debug, Clone, Serialize)]
pub struct BrochureView {
    pub meta: Meta,
    pub titel: Phrase,
    pub ondertitel: Phrase,
    pub inleiding: Paragraphs,
    pub delen: Vec<SectionView>,
    pub citaten: Vec<PullQuoteView>,
    pub kengetallen: Vec<KeyFigureView>,
    pub slot: Paragraphs,
    pub groei: Vec<Bar>,
    pub groei_alt: Phrase,
    /// Where the SWVs of the last school year are.
    pub kaart: Option<super::provinces::CountsMap>,
    /// What the regions of the last school year's phase say works, for the room under the
    /// map (as a one-pager's national picture shows it).
    pub werkt: Option<super::voices::Works>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub kop: Phrase,
    pub tekst: Paragraphs,
}

#[derive(Debug, Clone, Serialize)]
pub struct PullQuoteView {
    pub tekst: Phrase,
    pub bron: Phrase,
}

/// A large number with its label.
#[derive(Debug, Clone, Serialize)]
pub struct KeyFigureView {
    pub waarde: Count,
    pub label: Phrase,
    /// What a sum over school years adds up ("opgeteld over 2021-2022 tot en met ...").
    pub optelling: Option<String>,
}

/// What a computed key figure adds up, when it is a sum over school years.
fn summed_over(name: KeyFigureName, programme: &Programme) -> Option<String> {
    let years = programme.published_years();
    let (first, last) = (years.first()?, years.last()?);
    let span = if first == last {
        format!("geteld over schooljaar {first}")
    } else {
        format!("opgeteld over de schooljaren {first} tot en met {last}")
    };
    match name {
        KeyFigureName::SwvStart | KeyFigureName::SwvEind => None,
        KeyFigureName::WerkateliersTotaal => Some(span),
        KeyFigureName::BenaderdTotaal
        | KeyFigureName::InOntwikkelingTotaal
        | KeyFigureName::DeelnemersTotaal
        | KeyFigureName::CasussenTotaal => Some(if first == last {
            span
        } else {
            format!("{span}; wie in meer schooljaren meetelde, is elk jaar meegeteld")
        }),
    }
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
    at: FigureId,
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
        .map(|y| super::provinces::province_counts(p, *y, &FigureId::new("kaart")));
    let kengetallen = key_figures(p, programme, texts);
    let werkt = programme
        .published_years()
        .last()
        .and_then(|y| super::voices::works_in_year(p, programme, *y, "werkt"));
    let notes = &texts.voetnoot;
    Some(BrochureView {
        meta: Meta::new(
            project,
            MetaOf {
                title: title(programme)?,
                ident: DocumentId::Brochure.ident(),
                date: texts.datum.unwrap_or(project.peildatum),
                subject: texts.ondertitel.to_string(),
                keywords: &[
                    "WEL in Ontwikkeling",
                    "brochure",
                    "thuiszitters",
                    "passend onderwijs",
                ],
                concept: super::concept(programme, &DocumentId::Brochure),
            },
        ),
        titel: line(p, &texts.titel, TextAt::project(&FigureId::new("titel"))),
        ondertitel: line(
            p,
            &texts.ondertitel,
            TextAt::project(&FigureId::new("ondertitel")),
        ),
        inleiding: paragraphs(
            p,
            &texts.inleiding,
            notes,
            TextAt::project(&FigureId::new("inleiding")),
        ),
        delen: texts
            .deel
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let at = FigureId::new("deel").key(i + 1);
                SectionView {
                    kop: line(p, &d.kop, TextAt::project(&at.field("kop"))),
                    tekst: paragraphs(p, &d.tekst, notes, TextAt::project(&at.field("tekst"))),
                }
            })
            .collect(),
        citaten: pull_quotes(p, texts),
        kengetallen,
        slot: paragraphs(
            p,
            &texts.slot,
            notes,
            TextAt::project(&FigureId::new("slot")),
        ),
        groei,
        groei_alt,
        kaart,
        werkt,
    })
}

/// The brochure's key figures: computed ones through the ledger, given ones as typed.
fn key_figures(
    p: &mut Publisher<'_>,
    programme: &Programme,
    texts: &BrochureTexts,
) -> Vec<KeyFigureView> {
    texts
        .kengetal
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            let at = FigureId::new("kengetallen").key(i + 1);
            let waarde = match (k.cijfer, k.waarde) {
                (Some(c), _) => key_figure(p, programme, c, at.clone()),
                (None, Some(v)) => p.given(at.clone(), Given::ProjectText(v)),
                // Refused while reading: a key figure has one of the two.
                (None, None) => return None,
            };
            let place = at.field("label");
            Some(KeyFigureView {
                waarde,
                label: line(p, &k.label, TextAt::project(&place)),
                optelling: k.cijfer.and_then(|c| summed_over(c, programme)),
            })
        })
        .collect()
}

/// The brochure's pull quotes with who said them.
fn pull_quotes(p: &mut Publisher<'_>, texts: &BrochureTexts) -> Vec<PullQuoteView> {
    texts
        .citaat
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let at = FigureId::new("citaat").key(i + 1);
            PullQuoteView {
                tekst: line(
                    p,
                    &c.tekst.clone().trimmed(),
                    TextAt::project(&at.field("tekst")),
                ),
                bron: line(p, &c.bron, TextAt::project(&at.field("bron"))),
            }
        })
        .collect()
}
