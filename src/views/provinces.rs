//! Where the SWVs are: the map of participating SWVs per province with a table per province
//! (counts through the ledger, so the privacy rules and the disclosure audit apply), the
//! locator map of a one-pager, and the annex listing every SWV of a phase by province.

use serde::Serialize;

use crate::ledger::{Count, Measure, Publisher};
use crate::map::SOURCE_LINE;
use crate::model::{Phase, Programme, SchoolYear, Swv};

/// The provinces as the map lists them: north to south, as CBS numbers them (PV20..PV31).
pub const MAP_ORDER: [&str; 12] = [
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
];

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
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceCount {
    pub naam: &'static str,
    pub aantal: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceRow {
    pub provincie: &'static str,
    pub swvs: Count,
    pub benaderd: Count,
    pub in_ontwikkeling: Count,
}

/// The SWVs of `province` that reported `measure` in `year`.
fn cells(
    programme: &Programme,
    province: &str,
    year: SchoolYear,
    measure: Measure,
) -> Vec<crate::ledger::Cell> {
    programme
        .swvs
        .iter()
        .filter(|s| s.provincie == province)
        .filter(|s| s.years.get(&year).and_then(|f| measure.value(f)).is_some())
        .map(|s| Publisher::cell(&s.code, year, measure))
        .collect()
}

/// The participating SWVs of every province in `year`, in map order.
fn tallies(p: &mut Publisher<'_>, programme: &Programme, year: SchoolYear, at: &str) -> Vec<Count> {
    MAP_ORDER
        .iter()
        .map(|province| {
            p.tally(
                format!("{at}[{province}].swvs"),
                cells(programme, province, year, Measure::Deelname),
            )
        })
        .collect()
}

fn counts_map(year: SchoolYear, tallies: &[Count]) -> CountsMap {
    let labels: Vec<String> = MAP_ORDER
        .iter()
        .zip(tallies)
        .map(|(province, n)| format!("{province} {}", n.label()))
        .collect();
    CountsMap {
        schooljaar: year.label(),
        aantallen: MAP_ORDER
            .iter()
            .zip(tallies)
            .map(|(naam, n)| ProvinceCount {
                naam,
                aantal: n.exact().unwrap_or(0),
            })
            .collect(),
        alt: format!(
            "Kaart van Nederland met het aantal deelnemende samenwerkingsverbanden per provincie in {}: {}. {SOURCE_LINE}.",
            year.label(),
            labels.join(", ")
        ),
    }
}

/// The map of `year` for a map without a table (the brochure); `at` names the place.
pub fn province_counts(
    p: &mut Publisher<'_>,
    programme: &Programme,
    year: SchoolYear,
    at: &str,
) -> CountsMap {
    counts_map(year, &tallies(p, programme, year, at))
}

/// The map of `year` with its table; `at` names the place in the document.
pub fn province_map(
    p: &mut Publisher<'_>,
    programme: &Programme,
    year: SchoolYear,
    at: &str,
) -> MapView {
    let swvs = tallies(p, programme, year, at);
    let rijen = MAP_ORDER
        .iter()
        .zip(&swvs)
        .map(|(province, n)| {
            let mut count = |name: &str, m| {
                p.count(
                    format!("{at}[{province}].{name}"),
                    cells(programme, province, year, m),
                )
            };
            ProvinceRow {
                provincie: province,
                swvs: n.clone(),
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

/// The alt text of a one-pager's locator map.
pub fn locator_alt(swv: &Swv) -> String {
    format!(
        "Kaartje van Nederland waarop de provincie {} is gemarkeerd. {SOURCE_LINE}.",
        swv.provincie
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexProvince {
    pub provincie: &'static str,
    pub swvs: Vec<AnnexRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexRow {
    pub code: String,
    pub naam: String,
    pub sector: &'static str,
    pub sinds: String,
}

/// Every SWV that took part in the phase, by province (map order), by code within.
pub fn annex(programme: &Programme, phase: &Phase) -> Vec<AnnexProvince> {
    MAP_ORDER
        .iter()
        .filter_map(|province| {
            let mut swvs: Vec<&Swv> = programme
                .swvs
                .iter()
                .filter(|s| s.provincie == *province)
                .filter(|s| phase.schooljaren.iter().any(|y| s.took_part(*y)))
                .collect();
            swvs.sort_by(|a, b| a.code.cmp(&b.code));
            (!swvs.is_empty()).then(|| AnnexProvince {
                provincie: province,
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
