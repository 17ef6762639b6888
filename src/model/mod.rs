//! The validated data model: the programme, its SWVs, their figures per school year and texts.

mod code;
mod programme;
mod province;
mod schoolyear;

pub use code::SwvCode;
pub use programme::*;
pub use province::{PROVINCES, parse_province};
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

/// Children figures of one SWV in one school year. `None` means the cell was left empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Jeugdigen {
    pub benaderd: Option<u32>,
    pub in_ontwikkeling: Option<u32>,
    pub vrijstelling_5a: Option<u32>,
    pub absoluut_verzuim: Option<u32>,
}

/// Activity figures of one SWV in one school year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Activiteiten {
    pub werkateliers: Option<u32>,
    pub deelnemers: Option<u32>,
    pub interviews: Option<u32>,
    pub casussen: Option<u32>,
}

/// What an SWV reported for one school year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct YearFigures {
    pub jeugdigen: Option<Jeugdigen>,
    pub activiteiten: Option<Activiteiten>,
}

/// A participating partnership with its figures and (when valid) its summary.
#[derive(Debug, Clone)]
pub struct Swv {
    pub code: SwvCode,
    pub naam: String,
    pub sector: Sector,
    pub provincie: &'static str,
    pub deelname_sinds: SchoolYear,
    pub gemeenten: u32,
    pub years: BTreeMap<SchoolYear, YearFigures>,
    /// `None` when the summary has errors: the one-pager cannot be built then.
    pub summary: Option<Summary>,
    /// The input files this SWV's data came from (for hashes and manifests).
    pub sources: Vec<PathBuf>,
}

impl Swv {
    /// Whether the SWV took part in a school year (reported any figures for it).
    pub fn took_part(&self, year: SchoolYear) -> bool {
        self.years.contains_key(&year)
    }
}

/// An SWV's own summary from `samenvatting.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Summary {
    pub schooljaar: SchoolYear,
    pub samenvatting: String,
    pub wat_werkt: Vec<String>,
    pub voorbeelden: Vec<Example>,
    pub citaten: Vec<Quote>,
    pub foto: Option<Photo>,
}

impl Summary {
    /// Every text field with the name a user would look for, for checks and fitting.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out = vec![("samenvatting".to_string(), self.samenvatting.as_str())];
        for (i, t) in self.wat_werkt.iter().enumerate() {
            out.push((format!("wat_werkt[{}]", i + 1), t));
        }
        for (i, v) in self.voorbeelden.iter().enumerate() {
            out.push((format!("voorbeelden[{}].titel", i + 1), &v.titel));
            out.push((format!("voorbeelden[{}].tekst", i + 1), &v.tekst));
        }
        for (i, q) in self.citaten.iter().enumerate() {
            out.push((format!("citaten[{}].tekst", i + 1), &q.tekst));
        }
        if let Some(f) = &self.foto {
            out.push(("foto.alt".to_string(), &f.alt));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Example {
    pub titel: String,
    pub tekst: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quote {
    pub tekst: String,
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
