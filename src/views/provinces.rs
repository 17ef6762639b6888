//! Where the SWVs are: the map of participating SWVs per province with a table per province
//! (counts through the ledger, so the privacy rules and the disclosure audit apply), the
//! locator map of a one-pager, and the annex listing every SWV of a phase by province.

use serde::Serialize;

use crate::model::{Measure, Phase, Programme, Province, SchoolYear, Swv};
use crate::privacy::{Cell, Count, FigureId, Given, Phrase, Publisher};

/// The source line every map of the CBS/PDOK boundaries carries (the map data in
/// `templates/lib/provincies.typ` names the same; a test keeps them equal).
pub const SOURCE_LINE: &str = "Kaart: © CBS, PDOK";

/// The map with its table per province (a phase report).
#[derive(Debug, Clone, Serialize)]
pub struct MapView {
    #[serde(flatten)]
    pub kaart: CountsMap,
    pub rijen: Vec<ProvinceRow>,
}

/// The participating SWVs per province in a school year: the map's colours and alt text.
#[derive(Debug, Clone, Serialize)]
pub struct CountsMap {
    pub schooljaar: String,
    /// Per province the number of participating SWVs (for the colours).
    pub aantallen: Vec<ProvinceCount>,
    pub alt: Phrase,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceCount {
    pub naam: Province,
    pub aantal: Count,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceRow {
    pub provincie: Province,
    pub swvs: Count,
    pub benaderd: Count,
    pub in_ontwikkeling: Count,
}

/// The SWVs of `province` that reported `measure` in `year`.
fn cells(p: &Publisher<'_>, province: Province, year: SchoolYear, measure: Measure) -> Vec<Cell> {
    p.reported(year, measure, |s| s.provincie == province)
}

/// The participating SWVs of every province in `year`, in the one order.
fn tallies(p: &mut Publisher<'_>, year: SchoolYear, at: &FigureId) -> Vec<Count> {
    Province::ALL
        .iter()
        .map(|province| {
            let cells = cells(p, *province, year, Measure::Deelname);
            p.tally(at.key(province).field("swvs"), cells)
        })
        .collect()
}

fn counts_map(year: SchoolYear, tallies: &[Count]) -> CountsMap {
    let labels = Province::ALL
        .iter()
        .zip(tallies)
        .map(|(province, n)| Phrase::new().text(format!("{province} ")).label(n));
    CountsMap {
        schooljaar: year.label(),
        aantallen: Province::ALL
            .iter()
            .zip(tallies)
            .map(|(naam, n)| ProvinceCount {
                naam: *naam,
                aantal: n.clone(),
            })
            .collect(),
        alt: Phrase::new()
            .text(format!(
                "Kaart van Nederland met het aantal deelnemende samenwerkingsverbanden per provincie in {}: ",
                year.label()
            ))
            .then(Phrase::join(labels, ", "))
            .text(format!(". {SOURCE_LINE}.")),
    }
}

/// The map of `year` for a map without a table (the brochure); `at` names the place.
pub fn province_counts(p: &mut Publisher<'_>, year: SchoolYear, at: &FigureId) -> CountsMap {
    counts_map(year, &tallies(p, year, at))
}

/// The map of `year` with its table; `at` names the place in the document.
pub fn province_map(p: &mut Publisher<'_>, year: SchoolYear, at: &FigureId) -> MapView {
    let swvs = tallies(p, year, at);
    let table = at.field("tabel");
    let rijen = Province::ALL
        .iter()
        .zip(tallies(p, year, &table))
        .map(|(province, n)| {
            let mut count = |name: &str, m| {
                let cells = cells(p, *province, year, m);
                p.count(table.key(province).field(name), cells)
            };
            ProvinceRow {
                provincie: *province,
                swvs: n,
                benaderd: count("benaderd", Measure::Benaderd),
                in_ontwikkeling: count("in_ontwikkeling", Measure::InOntwikkeling),
            }
        })
        .collect();
    MapView {
        kaart: counts_map(year, &swvs),
        rijen,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexProvince {
    pub provincie: Province,
    /// How many SWVs the group lists (printed beside the province).
    pub aantal: Count,
    pub swvs: Vec<AnnexRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexRow {
    pub code: String,
    pub naam: String,
    pub sector: &'static str,
    pub sinds: String,
}

/// Every SWV that took part in the phase, by province (in the one order), by code within.
pub fn annex(p: &mut Publisher<'_>, programme: &Programme, phase: &Phase) -> Vec<AnnexProvince> {
    Province::ALL
        .into_iter()
        .filter_map(|province| {
            let mut swvs: Vec<&Swv> = programme
                .swvs
                .iter()
                .filter(|s| s.provincie == province)
                .filter(|s| phase.schooljaren.iter().any(|y| s.took_part(*y)))
                .collect();
            swvs.sort_by(|a, b| a.code.cmp(&b.code));
            (!swvs.is_empty()).then(|| AnnexProvince {
                provincie: province,
                aantal: p.given(
                    FigureId::new("bijlage").key(province).field("swvs"),
                    Given::SwvsListed(swvs.len()),
                ),
                swvs: swvs
                    .into_iter()
                    .map(|s| AnnexRow {
                        code: s.code.display_form(),
                        naam: s.naam.clone(),
                        sector: s.sector.label(),
                        sinds: s.deelname_sinds.label(),
                    })
                    .collect(),
            })
        })
        .collect()
}
