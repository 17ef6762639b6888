//! The view of a phase report.

use serde::Serialize;

use super::national::{
    LatestTotals, NationalView, YearTotals, growth, latest_totals, national_context, year_totals,
};
use super::shared::{Bar, Meta, MetaOf, Paragraphs, about_figures, paragraphs};
use crate::ledger::{Count, Measure, Publisher, WITHHELD_LABEL};
use crate::model::{Block, Chapter, Phase, Programme, Swv};
use crate::outputs::DocumentId;

/// What `rapportage.typ` receives.
#[derive(Debug, Clone, Serialize)]
pub struct RapportageView {
    pub meta: Meta,
    pub titel: String,
    pub ondertitel: String,
    pub fase: u32,
    pub schooljaren: Vec<String>,
    pub hoofdstukken: Vec<ChapterView>,
    pub jaren: Vec<YearTotals>,
    pub laatste: LatestTotals,
    pub groei: Vec<Bar>,
    pub groei_alt: String,
    pub deelname_alt: String,
    pub landelijk: Option<NationalView>,
    /// "Over deze rapportage": the small-count rule and what this report withholds.
    pub over_cijfers: Paragraphs,
    /// Under the national table, when it withholds a total.
    pub tabel_noot: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    pub titel: String,
    pub tekst: Paragraphs,
    pub punten: Vec<String>,
    pub thema: Vec<ThemeView>,
    pub blok: Option<Block>,
    pub regios: Vec<PilotView>,
    pub slot: Paragraphs,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    pub titel: String,
    pub punten: Vec<String>,
}

/// A pilot region with its own text and figures.
#[derive(Debug, Clone, Serialize)]
pub struct PilotView {
    pub naam: String,
    pub code: String,
    pub provincie: &'static str,
    pub tekst: Paragraphs,
    pub cijfers: Vec<PilotYear>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PilotYear {
    pub schooljaar: String,
    pub benaderd: Count,
    pub interviews: Count,
    pub casussen: Count,
}

/// The report's title.
pub fn title(programme: &Programme, phase: &Phase) -> String {
    format!("{}: {}", programme.project.naam, phase.teksten.titel)
}

pub fn rapportage(p: &mut Publisher<'_>, programme: &Programme, phase: &Phase) -> RapportageView {
    let project = &programme.project;
    let texts = &phase.teksten;
    let last = phase.last_year();
    let jaren: Vec<YearTotals> = phase
        .schooljaren
        .iter()
        .map(|y| year_totals(p, *y, &format!("jaren[{y}]")))
        .collect();
    let laatste = latest_totals(p, last);
    let (groei, groei_alt) = growth(p, programme, Some(last));
    let deelname_alt = format!(
        "Staafdiagram: deelnemende SWV's per schooljaar, en hoeveel daarvan jeugdigen en ouders benaderden: {}.",
        jaren
            .iter()
            .map(|y| format!(
                "{}: {} deelnemend, {} met jeugdigen",
                y.schooljaar,
                y.swvs.label(),
                y.swvs_met_jeugdigen.label()
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let hoofdstukken = texts
        .hoofdstuk
        .iter()
        .map(|h| chapter(p, programme, phase, h))
        .collect();
    let schooljaren: Vec<String> = phase.schooljaren.iter().map(|y| y.label()).collect();
    let id = DocumentId::Rapportage(phase.nummer);
    let withheld_in_table = jaren.iter().any(|j| {
        [
            &j.benaderd,
            &j.in_ontwikkeling,
            &j.vrijstelling_5a,
            &j.absoluut_verzuim,
        ]
        .iter()
        .any(|c| c.label() == WITHHELD_LABEL)
    });
    let tabel_noot = withheld_in_table.then(|| {
        "× = niet getoond: anders is samen met de andere documenten een klein aantal af te leiden (zie Over deze rapportage).".to_string()
    });
    RapportageView {
        meta: Meta::new(
            project,
            MetaOf {
                title: title(programme, phase),
                ident: id.ident(),
                date: phase.datum,
                subject: format!(
                    "{} over schooljaar {}",
                    texts.titel,
                    schooljaren.join(" en ")
                ),
                keywords: &[
                    "WEL in Ontwikkeling",
                    "rapportage",
                    &format!("fase {}", phase.nummer),
                ],
            },
        ),
        titel: texts.titel.clone(),
        ondertitel: texts.ondertitel.clone(),
        fase: phase.nummer,
        schooljaren,
        hoofdstukken,
        jaren,
        laatste,
        groei,
        groei_alt,
        deelname_alt,
        landelijk: national_context(p, project, Some(last)),
        over_cijfers: about_figures(project.drempel, &p.withheld()),
        tabel_noot,
    }
}

fn chapter(
    p: &mut Publisher<'_>,
    programme: &Programme,
    phase: &Phase,
    h: &Chapter,
) -> ChapterView {
    let notes = &phase.teksten.voetnoot;
    let regios = if h.blok == Some(Block::Pilotregios) {
        phase
            .pilotregios
            .iter()
            .filter_map(|c| programme.swv(c))
            .map(|s| pilot(p, s, phase, h))
            .collect()
    } else {
        Vec::new()
    };
    ChapterView {
        titel: h.titel.clone(),
        tekst: paragraphs(&h.tekst, notes),
        punten: h.punten.clone(),
        thema: h
            .thema
            .iter()
            .map(|th| ThemeView {
                titel: th.titel.clone(),
                punten: th.punten.clone(),
            })
            .collect(),
        blok: h.blok,
        regios,
        slot: paragraphs(&h.slot, notes),
    }
}

fn pilot(p: &mut Publisher<'_>, swv: &Swv, phase: &Phase, chapter: &Chapter) -> PilotView {
    let text = chapter
        .regio
        .iter()
        .find(|r| crate::model::SwvCode::parse(&r.code).is_ok_and(|c| c == swv.code));
    let cijfers = phase
        .schooljaren
        .iter()
        .filter(|y| swv.years.contains_key(y))
        .map(|y| {
            let at = format!("pilotregio[{}][{y}]", swv.code);
            let mut count = |name: &str, m| {
                p.count(
                    format!("{at}.{name}"),
                    vec![Publisher::cell(&swv.code, *y, m)],
                )
            };
            PilotYear {
                schooljaar: y.label(),
                benaderd: count("benaderd", Measure::Benaderd),
                interviews: count("interviews", Measure::Interviews),
                casussen: count("casussen", Measure::Casussen),
            }
        })
        .collect();
    PilotView {
        naam: swv.naam.clone(),
        code: swv.code.display_form(),
        provincie: swv.provincie,
        tekst: text.map(|r| paragraphs(&r.tekst, &[])).unwrap_or_default(),
        cijfers,
    }
}
