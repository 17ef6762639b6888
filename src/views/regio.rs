//! The view of an SWV's one-pager.

use serde::Serialize;

use super::shared::{Meta, MetaOf, Paragraphs, TextAt, item, line, paragraphs};
use crate::model::{Measure, Programme, Province, SchoolYear, Summary, Swv};
use crate::outputs::DocumentId;
use crate::privacy::{Context, Count, FigureId, Phrase, Publisher};

/// What `regio.typ` receives.
#[derive(Debug, Clone, Serialize)]
pub struct RegioView {
    pub meta: Meta,
    pub swv: SwvView,
    /// The latest school year's key figures.
    pub laatste: Option<LatestRow>,
    /// Change in children in development against the year before.
    pub verschil_in_ontwikkeling: Option<Count>,
    /// Every school year: the chart and the activities table.
    pub reeks: Vec<SwvYear>,
    pub grafiek_alt: Phrase,
    /// Whether any school year has children figures (else the page says there are none yet).
    pub heeft_jeugdcijfers: bool,
    /// For a page with three school years or fewer of its own: the whole programme in the SWV's
    /// latest school year (the same totals the reports publish, so nothing new is disclosed),
    /// placed below its own part when it fits. A page with more years of its own leaves it
    /// out, so it can be compiled ahead from its own folder alone.
    pub landelijk: Option<NationalPicture>,
    /// The SWV has little of its own yet (no children figures, or one school year).
    pub weinig: bool,
    /// With `landelijk`: the programme's growth (participating SWVs per
    /// school year), with its alt text.
    pub groei: Vec<super::shared::Bar>,
    pub groei_alt: Phrase,
    /// With `landelijk`: what works according to the regions of the phase
    /// of its latest school year (the tally that phase's report prints).
    pub werkt_landelijk: Option<super::voices::Works>,
    /// The SWV's own texts, quotes and photo.
    #[serde(flatten)]
    pub eigen: SummaryView,
    /// What the SWV wrote about its earlier school years, newest first: the page takes what
    /// fits in the room its latest year leaves.
    pub eerder: Vec<EarlierView>,
}

/// What an SWV wrote about an earlier school year: its summary, examples and quotes.
#[derive(Debug, Clone, Serialize)]
pub struct EarlierView {
    pub schooljaar: String,
    pub samenvatting: Paragraphs,
    pub voorbeelden: Vec<ExampleView>,
    pub citaten: Vec<QuoteView>,
}

/// What the SWV wrote itself (`samenvatting.toml`).
#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    pub samenvatting: Paragraphs,
    pub samenvatting_jaar: String,
    pub wat_werkt: Vec<Phrase>,
    pub voorbeelden: Vec<ExampleView>,
    pub citaten: Vec<QuoteView>,
    pub foto: Option<PhotoView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SwvView {
    pub code: String,
    pub code_weergave: String,
    pub naam: String,
    pub provincie: Province,
    pub sector: &'static str,
    pub gemeenten: Count,
    pub deelname_sinds: String,
    pub schooljaren: Vec<String>,
}

/// One school year of an SWV in the chart (children) and the table (activities).
#[derive(Debug, Clone, Serialize)]
pub struct SwvYear {
    pub schooljaar: String,
    pub benaderd: Count,
    pub in_ontwikkeling: Count,
    pub werkateliers: Count,
    pub deelnemers: Count,
    pub interviews: Count,
    pub casussen: Count,
}

/// The key figures of the latest school year.
#[derive(Debug, Clone, Serialize)]
pub struct LatestRow {
    pub schooljaar: String,
    pub benaderd: Count,
    pub in_ontwikkeling: Count,
    pub vrijstelling_5a: Count,
    pub absoluut_verzuim: Count,
    pub werkateliers: Count,
    pub deelnemers: Count,
}

/// The whole programme in one school year, for the one-pager of an SWV with little data yet.
#[derive(Debug, Clone, Serialize)]
pub struct NationalPicture {
    pub schooljaar: String,
    pub swvs: Count,
    pub benaderd: Count,
    pub in_ontwikkeling: Count,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExampleView {
    pub titel: Phrase,
    pub tekst: Phrase,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub tekst: Phrase,
    pub rol: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhotoView {
    pub pad: String,
    pub alt: String,
    /// Height over width of the upright photo: the template shows a portrait photo whole
    /// (never cropped to a band) and crops a landscape one only a little.
    pub verhouding: f64,
}

/// The document's title: programme, SWV name and code.
pub fn title(programme: &Programme, swv: &Swv) -> String {
    format!(
        "{} – {} ({})",
        programme.project.naam,
        swv.naam,
        swv.code.display_form()
    )
}

/// The virtual path a photo is served at.
pub fn photo_path(swv: &Swv) -> String {
    format!("/foto/{}.jpg", swv.code)
}

fn year_row(p: &mut Publisher<'_>, swv: &Swv, year: SchoolYear) -> SwvYear {
    let mut count = |name: &str, m| {
        let place = FigureId::new("reeks").key(year).field(name);
        p.count(place, vec![Publisher::cell(&swv.code, year, m)])
    };
    SwvYear {
        schooljaar: year.label(),
        benaderd: count("benaderd", Measure::Benaderd),
        in_ontwikkeling: count("in_ontwikkeling", Measure::InOntwikkeling),
        werkateliers: count("werkateliers", Measure::Werkateliers),
        deelnemers: count("deelnemers", Measure::Deelnemers),
        interviews: count("interviews", Measure::Interviews),
        casussen: count("casussen", Measure::Casussen),
    }
}

fn latest_row(p: &mut Publisher<'_>, swv: &Swv, year: SchoolYear) -> LatestRow {
    let cell = |m| vec![Publisher::cell(&swv.code, year, m)];
    let mut count = |name: &str, m| p.count(FigureId::new("laatste").field(name), cell(m));
    let benaderd = count("benaderd", Measure::Benaderd);
    let in_ontwikkeling = count("in_ontwikkeling", Measure::InOntwikkeling);
    let vrijstelling_5a = count("vrijstelling_5a", Measure::Vrijstelling5a);
    let absoluut_verzuim = count("absoluut_verzuim", Measure::AbsoluutVerzuim);
    let werkateliers = count("werkateliers", Measure::Werkateliers);
    let deelnemers = count("deelnemers", Measure::Deelnemers);
    // No share of those approached: that base counts parents too, the part only children.
    LatestRow {
        schooljaar: year.label(),
        benaderd,
        in_ontwikkeling,
        vrijstelling_5a,
        absoluut_verzuim,
        werkateliers,
        deelnemers,
    }
}

/// The one-pager of one SWV (which must have a valid summary).
pub fn regio(p: &mut Publisher<'_>, programme: &Programme, swv: &Swv) -> RegioView {
    let project = &programme.project;
    let summary = swv
        .one_pager_summary()
        .expect("one-pagers are built only for SWVs with a valid summary");
    let years: Vec<SchoolYear> = swv.years.keys().copied().collect();
    let latest = years.last().copied();
    let reeks: Vec<SwvYear> = years.iter().map(|y| year_row(p, swv, *y)).collect();
    let laatste = latest.map(|y| latest_row(p, swv, y));
    let previous = latest.and_then(|y| swv.years.range(..y).next_back().map(|(y, _)| *y));
    let verschil_in_ontwikkeling = match (latest, previous) {
        (Some(now), Some(before)) => Some(p.difference(
            FigureId::new("verschil_in_ontwikkeling"),
            vec![Publisher::cell(&swv.code, now, Measure::InOntwikkeling)],
            vec![Publisher::cell(&swv.code, before, Measure::InOntwikkeling)],
        )),
        _ => None,
    };
    let heeft_jeugdcijfers = swv
        .years
        .values()
        .any(|f| f.reported(Measure::Benaderd) || f.reported(Measure::InOntwikkeling));
    // Little to show of its own: no children figures, or a single school year.
    let weinig = !heeft_jeugdcijfers || years.len() < 2;
    // Room the SWV's own years may not fill (three years or fewer): the national picture is
    // there for the page to place below its own part when it fits.
    let national = weinig || years.len() < 4;
    let landelijk = latest.filter(|_| national).map(|y| national_picture(p, y));
    let (groei, groei_alt) = if national {
        super::national::growth(p, programme, latest)
    } else {
        (Vec::new(), Phrase::new())
    };
    let werkt_landelijk = latest
        .filter(|_| national)
        .and_then(|y| super::voices::works_in_year(p, programme, y, "werkt_landelijk"));
    let id = DocumentId::Regio(swv.code.clone());
    RegioView {
        meta: Meta::new(
            project,
            MetaOf {
                title: title(programme, swv),
                ident: id.ident(),
                date: project.peildatum,
                subject: format!(
                    "Regio-overzicht van {} in het programma {}",
                    swv.naam, project.naam
                ),
                keywords: &[
                    "WEL in Ontwikkeling",
                    "regio-overzicht",
                    swv.code.as_str(),
                    swv.provincie.name(),
                ],
                concept: super::concept(programme, &id),
            },
        ),
        swv: swv_view(p, swv, &years),
        laatste,
        verschil_in_ontwikkeling,
        grafiek_alt: chart_alt(p, swv),
        heeft_jeugdcijfers,
        landelijk,
        weinig,
        groei,
        groei_alt,
        werkt_landelijk,
        reeks,
        eigen: summary_view(p, swv, summary),
        eerder: earlier(p, swv, summary.schooljaar),
    }
}

/// The SWV as the header names it; its number of municipalities is a figure of the register.
fn swv_view(p: &mut Publisher<'_>, swv: &Swv, years: &[SchoolYear]) -> SwvView {
    SwvView {
        code: swv.code.to_string(),
        code_weergave: swv.code.display_form(),
        naam: swv.naam.clone(),
        provincie: swv.provincie,
        sector: swv.sector.label(),
        gemeenten: p.given(
            FigureId::new("gemeenten"),
            crate::privacy::Given::Register(swv.gemeenten),
        ),
        deelname_sinds: swv.deelname_sinds.label(),
        schooljaren: years.iter().map(|y| y.label()).collect(),
    }
}

/// The SWV's summaries of the school years before `latest`, newest first.
fn earlier(p: &mut Publisher<'_>, swv: &Swv, latest: SchoolYear) -> Vec<EarlierView> {
    swv.summaries
        .range(..latest)
        .rev()
        .map(|(year, summary)| {
            let texts = texts(p, swv, summary, Some(&FigureId::new("eerder").key(year)));
            EarlierView {
                schooljaar: year.label(),
                samenvatting: texts.samenvatting,
                voorbeelden: texts.voorbeelden,
                citaten: texts.citaten,
            }
        })
        .collect()
}

/// The texts of one summary as printed.
struct Texts {
    samenvatting: Paragraphs,
    /// Only of the latest summary (the page's own list; earlier ones are not shown).
    wat_werkt: Vec<Phrase>,
    voorbeelden: Vec<ExampleView>,
    citaten: Vec<QuoteView>,
}

/// The texts of `summary`, their references published at `samenvatting`, `voorbeelden.titel`,
/// ... under `under` (an earlier year), or at the top (the latest, with its `wat_werkt`).
fn texts(p: &mut Publisher<'_>, swv: &Swv, summary: &Summary, under: Option<&FigureId>) -> Texts {
    let ctx = Context {
        swv: Some(&swv.code),
        year: Some(summary.schooljaar),
    };
    let id = |name: &str| under.map_or_else(|| FigureId::new(name), |u| u.field(name));
    let example = id("voorbeelden");
    let ids = [
        id("samenvatting"),
        id("wat_werkt"),
        example.field("titel"),
        example.field("tekst"),
        id("citaten").field("tekst"),
    ];
    let at = |i: usize| TextAt {
        place: &ids[i],
        ctx,
    };
    Texts {
        samenvatting: paragraphs(p, &summary.samenvatting, &[], at(0)),
        wat_werkt: match under {
            None => summary
                .wat_werkt
                .iter()
                .map(|w| item(p, w, at(1)))
                .collect(),
            Some(_) => Vec::new(),
        },
        voorbeelden: summary
            .voorbeelden
            .iter()
            .map(|e| ExampleView {
                titel: item(p, &e.titel, at(2)),
                tekst: line(p, &e.tekst, at(3)),
            })
            .collect(),
        citaten: summary
            .citaten
            .iter()
            .map(|q| QuoteView {
                tekst: line(p, &q.tekst, at(4)),
                rol: q.rol.label(),
            })
            .collect(),
    }
}

/// The SWV's own texts, quotes and photo.
fn summary_view(p: &mut Publisher<'_>, swv: &Swv, summary: &Summary) -> SummaryView {
    let texts = texts(p, swv, summary, None);
    SummaryView {
        samenvatting: texts.samenvatting,
        samenvatting_jaar: summary.schooljaar.label(),
        wat_werkt: texts.wat_werkt,
        voorbeelden: texts.voorbeelden,
        citaten: texts.citaten,
        foto: summary.foto.as_ref().map(|f| PhotoView {
            pad: photo_path(swv),
            alt: f.alt.clone(),
            verhouding: f64::from(f.height) / f64::from(f.width.max(1)),
        }),
    }
}

/// The chart's alt text: children approached and in development per year.
fn chart_alt(p: &mut Publisher<'_>, swv: &Swv) -> Phrase {
    let parts: Vec<Phrase> = swv
        .years
        .keys()
        .map(|y| {
            let mut count = |name: &str, m| {
                p.count(
                    FigureId::new("grafiek_alt").key(y).field(name),
                    vec![Publisher::cell(&swv.code, *y, m)],
                )
            };
            let benaderd = count("benaderd", Measure::Benaderd);
            let in_ontwikkeling = count("in_ontwikkeling", Measure::InOntwikkeling);
            Phrase::new()
                .text(format!("{y}: benaderd "))
                .label(&benaderd)
                .text(", in ontwikkeling ")
                .label(&in_ontwikkeling)
        })
        .collect();
    Phrase::new()
        .text(format!(
            "Staafdiagram: jeugdigen van {} per schooljaar. ",
            swv.naam
        ))
        .then(Phrase::join(parts, "; "))
        .text(".")
}

/// The programme's totals in `year`: participating SWVs, children approached and in
/// development (the same sums the phase report publishes, so nothing new is disclosed).
fn national_picture(p: &mut Publisher<'_>, year: SchoolYear) -> NationalPicture {
    use super::national::total;
    NationalPicture {
        schooljaar: year.label(),
        swvs: total(
            p,
            year,
            Measure::Deelname,
            FigureId::new("landelijk").field("swvs"),
        ),
        benaderd: total(
            p,
            year,
            Measure::Benaderd,
            FigureId::new("landelijk").field("benaderd"),
        ),
        in_ontwikkeling: total(
            p,
            year,
            Measure::InOntwikkeling,
            FigureId::new("landelijk").field("in_ontwikkeling"),
        ),
    }
}
