//! The validated data model: the programme, its SWVs, their figures per school year and texts.

mod code;
mod measure;
mod programme;
mod prose;
mod province;
mod schoolyear;

pub use code::SwvCode;
pub use measure::Measure;
pub use programme::*;
pub use prose::{At, FigureRef, Piece, Prose, RefMeasure, RefScope, TextFile, Typed, Years};
pub use province::Province;
pub use schoolyear::SchoolYear;

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The sector(s) an SWV serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Sector {
    #[serde(rename = "PO")]
    Po,
    #[serde(rename = "VO")]
    Vo,
    #[serde(rename = "PO/VO")]
    PoVo,
}

impl Sector {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let key: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        match key.as_str() {
            "PO" => Ok(Self::Po),
            "VO" => Ok(Self::Vo),
            "PO/VO" => Ok(Self::PoVo),
            _ => Err(format!(
                "\"{}\" is geen sector; verwacht PO, VO of PO/VO",
                raw.trim()
            )),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Po => "PO",
            Self::Vo => "VO",
            Self::PoVo => "PO/VO",
        }
    }
}

/// The sheet of a workbook a row of figures belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sheet {
    Jeugdigen,
    Activiteiten,
}

impl Sheet {
    /// The measures of the sheet, in column order.
    pub fn measures(self) -> [Measure; 4] {
        match self {
            Self::Jeugdigen => [
                Measure::Benaderd,
                Measure::InOntwikkeling,
                Measure::Vrijstelling5a,
                Measure::AbsoluutVerzuim,
            ],
            Self::Activiteiten => [
                Measure::Werkateliers,
                Measure::Deelnemers,
                Measure::Interviews,
                Measure::Casussen,
            ],
        }
    }

    /// The sheet's name in a workbook.
    pub fn name(self) -> &'static str {
        match self {
            Self::Jeugdigen => "Jeugdigen",
            Self::Activiteiten => "Activiteiten",
        }
    }
}

/// What an SWV reported for one school year: which rows it filled in and which cells of them.
/// The values are not in the model: only [`crate::privacy`] holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct YearFigures {
    /// Per sheet with a row: which of its measures have a value.
    jeugdigen: Option<[bool; 4]>,
    activiteiten: Option<[bool; 4]>,
}

impl YearFigures {
    /// Records the row of `sheet`, with which of its cells hold a value.
    pub fn set(&mut self, sheet: Sheet, reported: [bool; 4]) {
        match sheet {
            Sheet::Jeugdigen => self.jeugdigen = Some(reported),
            Sheet::Activiteiten => self.activiteiten = Some(reported),
        }
    }

    /// Whether the SWV filled in the row of this sheet for the year.
    pub fn has(&self, sheet: Sheet) -> bool {
        self.row(sheet).is_some()
    }

    fn row(&self, sheet: Sheet) -> Option<&[bool; 4]> {
        match sheet {
            Sheet::Jeugdigen => self.jeugdigen.as_ref(),
            Sheet::Activiteiten => self.activiteiten.as_ref(),
        }
    }

    /// Whether `measure` has a value (its cell was not left empty). Deelname and
    /// JeugdigenGemeld are always known for a year the SWV reported.
    pub fn reported(&self, measure: Measure) -> bool {
        match measure.sheet() {
            Some(sheet) => {
                let i = sheet.measures().iter().position(|m| *m == measure);
                self.row(sheet).zip(i).is_some_and(|(row, i)| row[i])
            }
            None => true,
        }
    }
}

/// A participating partnership with its figures and (when valid) its summary.
#[derive(Debug, Clone)]
pub struct Swv {
    pub code: SwvCode,
    pub naam: String,
    pub sector: Sector,
    pub provincie: Province,
    pub deelname_sinds: SchoolYear,
    pub gemeenten: u32,
    pub years: BTreeMap<SchoolYear, YearFigures>,
    /// The valid summaries, one per school year (`swv/<CODE>/<jaar>/samenvatting.toml`).
    pub summaries: BTreeMap<SchoolYear, Summary>,
    /// Summaries with errors: their school year (`None` when not even that could be read).
    /// Such a summary is used nowhere; when it is the latest, the one-pager waits for it.
    pub refused: Vec<Option<SchoolYear>>,
    /// The input files this SWV's data came from (for hashes and manifests).
    pub sources: Vec<PathBuf>,
}

impl Swv {
    /// Whether the SWV took part in a school year (reported any figures for it).
    pub fn took_part(&self, year: SchoolYear) -> bool {
        self.years.contains_key(&year)
    }

    /// The summary of the one-pager: the latest one. `None` when there is none, or when the
    /// latest has errors (the one-pager cannot be built then).
    pub fn one_pager_summary(&self) -> Option<&Summary> {
        let (year, latest) = self.summaries.last_key_value()?;
        let newer_refused = self.refused.iter().any(|r| r.is_none_or(|r| r >= *year));
        (!newer_refused).then_some(latest)
    }

    /// The latest valid summary about one of `years` (a phase report's voices).
    pub fn summary_in(&self, years: &[SchoolYear]) -> Option<&Summary> {
        self.summaries
            .iter()
            .rev()
            .find(|(y, _)| years.contains(y))
            .map(|(_, s)| s)
    }
}

/// An SWV's own summary from `samenvatting.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Summary {
    pub schooljaar: SchoolYear,
    /// The folder it was read from, as messages name it (`swv/PO2801/2024-2025`).
    pub map: PathBuf,
    pub samenvatting: Prose,
    pub wat_werkt: Vec<Prose>,
    pub voorbeelden: Vec<Example>,
    pub citaten: Vec<Quote>,
    pub foto: Option<Photo>,
}

impl Summary {
    /// Every text field with the name a user would look for, for checks and fitting.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out = vec![("samenvatting".to_string(), self.samenvatting.as_str())];
        for (i, t) in self.wat_werkt.iter().enumerate() {
            out.push((format!("wat_werkt[{}]", i + 1), t.as_str()));
        }
        for (i, v) in self.voorbeelden.iter().enumerate() {
            out.push((format!("voorbeelden[{}].titel", i + 1), v.titel.as_str()));
            out.push((format!("voorbeelden[{}].tekst", i + 1), v.tekst.as_str()));
        }
        for (i, q) in self.citaten.iter().enumerate() {
            out.push((format!("citaten[{}].tekst", i + 1), q.tekst.as_str()));
        }
        if let Some(f) = &self.foto {
            out.push(("foto.alt".to_string(), &f.alt));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Example {
    pub titel: Prose,
    pub tekst: Prose,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quote {
    pub tekst: Prose,
    pub rol: QuoteRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteRole {
    Ouder,
    Jongere,
    Professional,
}

impl QuoteRole {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().to_lowercase().as_str() {
            "ouder" => Ok(Self::Ouder),
            "jongere" => Ok(Self::Jongere),
            "professional" => Ok(Self::Professional),
            _ => Err(format!(
                "rol \"{}\" is onbekend; kies ouder, jongere of professional",
                raw.trim()
            )),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Ouder => "ouder",
            Self::Jongere => "jongere",
            Self::Professional => "professional",
        }
    }
}

/// A photo, decoded and re-encoded (no metadata), ready to embed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Photo {
    pub file_name: String,
    pub alt: String,
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The edition a `wel publiceer` run makes, named before its documents are bundled (the
/// bundles' read-me names it, their entries carry its date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionStamp {
    /// The folder name in `edities/`: the date, with `-2`, `-3` for a second one that day.
    pub name: String,
    pub date: Date,
    /// The edition it revises (`wel publiceer --herziening`).
    pub revises: Option<String>,
}
