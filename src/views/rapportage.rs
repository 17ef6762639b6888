//! The view of a phase report.

use serde::Serialize;

use super::national::{
    LatestTotals, NationalView, YearTotals, growth, latest_totals, national_context, year_totals,
};
use super::provinces::{AnnexProvince, MapView, annex, province_map};
use super::shared::{Bar, Meta, MetaOf, Paragraphs, TextAt, line, lines, paragraphs};
use super::voices::{VoicesView, voices};
use crate::model::{Block, Chapter, Measure, Phase, Programme, Province, Swv};
use crate::outputs::DocumentId;
use crate::privacy::{Count, FigureId, Phrase, Publisher};

/// What `rapportage.typ` receives.
#[derive(Debug, Clone, Serialize)]
pub struct RapportageView {
    pub meta: Meta,
    pub titel: Phrase,
    pub ondertitel: Phrase,
    pub fase: u32,
    pub schooljaren: Vec<String>,
    pub hoofdstukken: Vec<ChapterView>,
    pub jaren: Vec<YearTotals>,
    /// For a phase of one school year: the year before, to compare with.
    pub vorig_jaar: Option<YearTotals>,
    pub laatste: LatestTotals,
    /// Where the participating SWVs of the phase's last year are (when a chapter shows it:
    /// a view carries only figures its document prints).
    pub kaart: Option<MapView>,
    /// Quotes, examples and what works, from the SWVs' summaries.
    pub stemmen: VoicesView,
    /// Every SWV of the phase, by province.
    pub bijlage: Vec<AnnexProvince>,
    /// "Verantwoording": where the figures, texts and map come from and how they were chosen.
    pub verantwoording: Vec<RunIn>,
    pub groei: Vec<Bar>,
    pub groei_alt: Phrase,
    /// Alt text of the chart of children approached and in development per school year.
    pub verloop_alt: Phrase,
    pub landelijk: Option<NationalView>,
}

/// A paragraph of the Verantwoording, with the run-in head it opens with ("Cijfers"), if any.
#[derive(Debug, Clone, Serialize)]
pub struct RunIn {
    pub kop: Option<&'static str>,
    pub tekst: String,
}

impl RunIn {
    fn new(kop: &'static str, tekst: String) -> Self {
        Self {
            kop: Some(kop),
            tekst,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    pub titel: Phrase,
    pub tekst: Paragraphs,
    pub punten: Vec<Phrase>,
    pub thema: Vec<ThemeView>,
    pub blok: Option<Block>,
    pub regios: Vec<PilotView>,
    pub slot: Paragraphs,
    pub nieuwe_pagina: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    pub titel: Phrase,
    pub punten: Vec<Phrase>,
}

/// A pilot region with its own text and figures.
#[derive(Debug, Clone, Serialize)]
pub struct PilotView {
    pub naam: String,
    pub code: String,
    pub provincie: Province,
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
        .map(|y| year_totals(p, *y, &FigureId::new("jaren").key(y)))
        .collect();
    let laatste = latest_totals(p, last);
    let vorig_jaar = previous_year(p, programme, phase);
    let kaart = texts
        .hoofdstuk
        .iter()
        .any(|h| h.blok == Some(Block::Kaart))
        .then(|| province_map(p, last, &FigureId::new("kaart")));
    let (groei, groei_alt) = growth(p, programme, Some(last));
    let verloop_alt = chart_alt(vorig_jaar.as_ref(), &jaren);
    let hoofdstukken = texts
        .hoofdstuk
        .iter()
        .enumerate()
        .map(|(i, h)| chapter(p, programme, phase, h, i + 1))
        .collect();
    let schooljaren: Vec<String> = phase.schooljaren.iter().map(|y| y.label()).collect();
    let id = DocumentId::Rapportage(phase.nummer);
    let stemmen = voices(p, programme, phase);
    // The Verantwoording counts the "wat werkt" points the chart shows (ties included).
    let verantwoording = accountability(programme, phase, stemmen.wat_werkt.len());
    RapportageView {
        meta: Meta::new(
            project,
            MetaOf {
                title: title(programme, phase),
                ident: id.ident(),
                date: phase.datum,
                subject: format!(
                    "{} over {} {}",
                    texts.titel.as_str(),
                    if schooljaren.len() == 1 {
                        "schooljaar"
                    } else {
                        "schooljaren"
                    },
                    schooljaren.join(" en ")
                ),
                keywords: &[
                    "WEL in Ontwikkeling",
                    "rapportage",
                    &format!("fase {}", phase.nummer),
                ],
                concept: super::concept(programme, &id),
            },
        ),
        titel: line(p, &texts.titel, TextAt::project(&FigureId::new("titel"))),
        ondertitel: line(
            p,
            &texts.ondertitel,
            TextAt::project(&FigureId::new("ondertitel")),
        ),
        fase: phase.nummer,
        schooljaren,
        hoofdstukken,
        jaren,
        vorig_jaar,
        laatste,
        kaart,
        stemmen,
        bijlage: annex(p, programme, phase),
        verantwoording,
        groei,
        groei_alt,
        verloop_alt,
        landelijk: national_context(p, project, Some(last)),
    }
}

fn chapter(
    p: &mut Publisher<'_>,
    programme: &Programme,
    phase: &Phase,
    h: &Chapter,
    number: usize,
) -> ChapterView {
    let notes = &phase.teksten.voetnoot;
    let at = FigureId::new("hoofdstuk").key(number);
    let text = |field: &str| at.field(field);
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
        titel: line(p, &h.titel, TextAt::project(&text("titel"))),
        tekst: paragraphs(p, &h.tekst, notes, TextAt::project(&text("tekst"))),
        punten: lines(p, &h.punten, TextAt::project(&text("punten"))),
        thema: h
            .thema
            .iter()
            .enumerate()
            .map(|(j, th)| {
                let theme = text("thema").key(j + 1);
                ThemeView {
                    titel: line(p, &th.titel, TextAt::project(&theme.field("titel"))),
                    punten: lines(p, &th.punten, TextAt::project(&theme.field("punten"))),
                }
            })
            .collect(),
        blok: h.blok,
        regios,
        slot: paragraphs(p, &h.slot, notes, TextAt::project(&text("slot"))),
        nieuwe_pagina: h.nieuwe_pagina,
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
            let at = FigureId::new("pilotregio").key(&swv.code).key(y);
            let mut count =
                |name: &str, m| p.count(at.field(name), vec![Publisher::cell(&swv.code, *y, m)]);
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
        tekst: text
            .map(|r| {
                let place = FigureId::new("pilotregio").key(&swv.code).field("tekst");
                paragraphs(p, &r.tekst, &[], TextAt::project(&place))
            })
            .unwrap_or_default(),
        cijfers,
    }
}

/// The closing "Verantwoording": sources of figures, texts and map, and how the regions'
/// voices were chosen.
fn accountability(programme: &Programme, phase: &Phase, works_shown: usize) -> Vec<RunIn> {
    let project = &programme.project;
    let years: Vec<String> = phase.schooljaren.iter().map(|y| y.label()).collect();
    let taking_part = programme
        .swvs
        .iter()
        .filter(|s| phase.schooljaren.iter().any(|y| s.took_part(*y)))
        .count();
    let v = &phase.teksten.stemmen;
    let mut out: Vec<RunIn> = crate::privacy::rule::below_norm(project.drempel)
        .into_iter()
        .map(|tekst| RunIn { kop: None, tekst })
        .collect();
    let (years_word, of_the_years) = if years.len() == 1 {
        ("schooljaar", "het schooljaar")
    } else {
        ("de schooljaren", "de schooljaren")
    };
    out.push(RunIn::new("Cijfers", format!(
        "De cijfers over {years_word} {} zijn de opgaven van de {taking_part} deelnemende samenwerkingsverbanden zelf, per schooljaar opgeteld. Een leeg vak (–) betekent dat er niets is opgegeven; dat is iets anders dan 0. {} Aantallen werkateliers, deelnemers en interviews gaan niet over kinderen en staan altijd als getal. {}",
        years.join(" en "),
        crate::privacy::rule::wording(project.drempel),
        crate::privacy::rule::WITHHELD_MEANING
    )));
    // How the voices were chosen, only for a report that prints them.
    let has = |b: Block| phase.teksten.hoofdstuk.iter().any(|h| h.blok == Some(b));
    let (quotes, examples, works) = (
        has(Block::Citaten),
        has(Block::Voorbeelden),
        has(Block::WatWerkt),
    );
    if quotes || examples || works {
        let mut text = String::new();
        if quotes || examples {
            text.push_str(&format!(
                "De citaten en voorbeelden komen uit de samenvattingen over {of_the_years} van deze fase, zoals de samenwerkingsverbanden ze schreven: per rol hoogstens {} citaten en in totaal hoogstens {} voorbeelden, verspreid over de provincies, en geen tekst die al in een eerdere rapportage stond. Een samenwerkingsverband kan vragen een tekst niet op te nemen. ",
                v.citaten_per_rol, v.voorbeelden
            ));
        }
        if works && works_shown == 1 {
            text.push_str(
                "De grafiek ‘wat werkt’ toont het punt dat de meeste samenwerkingsverbanden noemden.",
            );
        } else if works && works_shown > 1 {
            // Points named as often as the last one stand there too, so the chart can show
            // more points than `wat_werkt` asks for.
            let ties = if works_shown > v.wat_werkt as usize {
                format!(
                    ": de {} meest genoemde, en ook de punten die even vaak genoemd zijn als de laatste daarvan",
                    v.wat_werkt
                )
            } else {
                String::new()
            };
            text.push_str(&format!(
                "De grafiek ‘wat werkt’ toont de {works_shown} punten die de meeste samenwerkingsverbanden noemden{ties}."
            ));
        }
        out.push(RunIn::new(
            "Stemmen uit de regio's",
            text.trim_end().to_string(),
        ));
    }
    out.push(RunIn::new(
        "Kaart",
        // The rights of the map's source line, without its "Kaart:" (the head says it).
        format!(
            "De provinciegrenzen zijn die van het CBS (gegeneraliseerd, via PDOK); {}.",
            super::provinces::SOURCE_LINE.trim_start_matches("Kaart: ")
        ),
    ));
    if let Some(l) = &project.landelijk {
        out.push(RunIn::new(
            "Landelijke context",
            format!("Bron: {}.", l.bron),
        ));
    }
    out
}

/// For a phase of one school year: the year before it (in an earlier phase), to compare with.
fn previous_year(
    p: &mut Publisher<'_>,
    programme: &Programme,
    phase: &Phase,
) -> Option<YearTotals> {
    if phase.schooljaren.len() != 1 {
        return None;
    }
    let last = phase.last_year();
    let before = programme
        .published_years()
        .into_iter()
        .rfind(|y| *y < last)?;
    Some(year_totals(
        p,
        before,
        &FigureId::new("vorig_jaar").key(before),
    ))
}

/// The alt text of the chart of children approached and in development per school year.
fn chart_alt(vorig_jaar: Option<&YearTotals>, jaren: &[YearTotals]) -> Phrase {
    let items = vorig_jaar.into_iter().chain(jaren).map(|y| {
        Phrase::new()
            .text(format!("{}: ", y.schooljaar))
            .label(&y.benaderd)
            .text(" benaderd, ")
            .label(&y.in_ontwikkeling)
            .text(" weer in ontwikkeling")
    });
    Phrase::from("Staafdiagram: jeugdigen en ouders benaderd en jeugdigen weer in ontwikkeling, alle samenwerkingsverbanden samen, per schooljaar: ")
        .then(Phrase::join(items, "; "))
        .text(".")
}
