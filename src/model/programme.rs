//! The programme as a whole: settings and texts from `project.toml`, and all SWVs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{Prose, SchoolYear, Swv, SwvCode, TextFile};

/// A calendar date from the inputs (documents never use the wall clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date `days` after 1 January 1970 (Howard Hinnant's civil-from-days).
    pub fn from_unix_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }
}

/// Programme settings and the texts of the national documents.
#[derive(Debug, Clone)]
pub struct Project {
    pub naam: String,
    pub uitvoerder: String,
    pub website: Option<String>,
    /// The inputs are sample data: every document says so visibly.
    pub voorbeeldgegevens: bool,
    /// Counts of children from 1 up to (not including) this are shown as `<N`.
    pub drempel: u32,
    /// Date of the regional one-pagers.
    pub peildatum: Date,
    pub fases: Vec<Phase>,
    pub brochure: Option<BrochureTexts>,
    pub landelijk: Option<NationalContext>,
    /// The intake round being collected (`ronde` in project.toml): its school year.
    pub ronde: Option<SchoolYear>,
    /// Rounds closed with `wel rond-af` (kept in `rondes.toml`).
    pub afgesloten: Vec<ClosedRound>,
    /// `project.toml` and every file it names.
    pub sources: Vec<PathBuf>,
}

/// An intake round that was closed: the documents that include it are final from then on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedRound {
    pub schooljaar: SchoolYear,
    pub datum: Date,
    /// The SWVs that sent nothing (or nothing usable) when it was closed.
    pub zonder: Vec<SwvCode>,
}

impl Project {
    /// The school year of the round still being collected: named in project.toml and not
    /// closed yet.
    pub fn open_round(&self) -> Option<SchoolYear> {
        self.ronde
            .filter(|y| !self.afgesloten.iter().any(|c| c.schooljaar == *y))
    }
}

/// A figure of a closed round that arrived after it was closed, from an SWV the round was
/// closed without: it waits for an explicit choice (a revision, or `--nagekomen`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Late {
    pub swv: SwvCode,
    pub schooljaar: SchoolYear,
    /// What it sent, in words ("benaderd 20, in ontwikkeling 9, ...").
    pub cijfers: String,
}

impl Late {
    /// "PO2013 stuurde cijfers over 2024-2025 na het afronden van die ronde (benaderd 20, ...)".
    pub fn line(&self) -> String {
        format!(
            "{} stuurde cijfers over {} na het afronden van die ronde ({})",
            self.swv, self.schooljaar, self.cijfers
        )
    }
}

/// One phase of the programme, with its report.
#[derive(Debug, Clone)]
pub struct Phase {
    pub nummer: u32,
    pub schooljaren: Vec<SchoolYear>,
    pub datum: Date,
    pub pilotregios: Vec<SwvCode>,
    pub teksten: ReportTexts,
}

impl Phase {
    /// The output name: `rapportage-fase-1`.
    pub fn slug(&self) -> String {
        format!("rapportage-fase-{}", self.nummer)
    }

    pub fn last_year(&self) -> SchoolYear {
        *self
            .schooljaren
            .iter()
            .max()
            .expect("a phase has at least one school year")
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTexts {
    pub titel: Prose,
    #[serde(default)]
    pub ondertitel: Prose,
    #[serde(default)]
    pub hoofdstuk: Vec<Chapter>,
    #[serde(default)]
    pub voetnoot: Vec<Footnote>,
    /// How the regions' voices are chosen (`[stemmen]`).
    #[serde(default)]
    pub stemmen: VoiceSettings,
}

impl TextFile for ReportTexts {
    /// Every text of the file with its key (`hoofdstuk[2].punten[1]`, counted from 1).
    fn prose_mut(&mut self) -> Vec<(String, &mut Prose)> {
        let mut out: Vec<(String, &mut Prose)> = vec![
            ("titel".into(), &mut self.titel),
            ("ondertitel".into(), &mut self.ondertitel),
        ];
        for (i, h) in self.hoofdstuk.iter_mut().enumerate() {
            let at = format!("hoofdstuk[{}]", i + 1);
            out.push((format!("{at}.titel"), &mut h.titel));
            out.push((format!("{at}.tekst"), &mut h.tekst));
            for (j, p) in h.punten.iter_mut().enumerate() {
                out.push((format!("{at}.punten[{}]", j + 1), p));
            }
            for (j, t) in h.thema.iter_mut().enumerate() {
                out.push((format!("{at}.thema[{}].titel", j + 1), &mut t.titel));
                for (k, p) in t.punten.iter_mut().enumerate() {
                    out.push((format!("{at}.thema[{}].punten[{}]", j + 1, k + 1), p));
                }
            }
            for (j, r) in h.regio.iter_mut().enumerate() {
                out.push((format!("{at}.regio[{}].tekst", j + 1), &mut r.tekst));
            }
            out.push((format!("{at}.slot"), &mut h.slot));
        }
        for (i, n) in self.voetnoot.iter_mut().enumerate() {
            out.push((format!("voetnoot[{}].tekst", i + 1), &mut n.tekst));
        }
        out
    }
}

/// How quotes, examples and `wat_werkt` items of the SWVs are chosen for a report.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceSettings {
    /// Quotes per role (ouders, jongeren, professionals).
    #[serde(default = "VoiceSettings::default_per_role")]
    pub citaten_per_rol: u32,
    /// Examples of local practice.
    #[serde(default = "VoiceSettings::default_examples")]
    pub voorbeelden: u32,
    /// `wat_werkt` items in the chart.
    #[serde(default = "VoiceSettings::default_works")]
    pub wat_werkt: u32,
    /// SWVs whose quotes come first / are never used (by code).
    #[serde(default)]
    pub citaten_vast: Vec<String>,
    #[serde(default)]
    pub citaten_uit: Vec<String>,
    /// The same for examples.
    #[serde(default)]
    pub voorbeelden_vast: Vec<String>,
    #[serde(default)]
    pub voorbeelden_uit: Vec<String>,
}

impl VoiceSettings {
    fn default_per_role() -> u32 {
        3
    }
    fn default_examples() -> u32 {
        6
    }
    fn default_works() -> u32 {
        8
    }
}

impl Default for VoiceSettings {
    fn default() -> Self {
        Self {
            citaten_per_rol: Self::default_per_role(),
            voorbeelden: Self::default_examples(),
            wat_werkt: Self::default_works(),
            citaten_vast: Vec::new(),
            citaten_uit: Vec::new(),
            voorbeelden_vast: Vec::new(),
            voorbeelden_uit: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub titel: Prose,
    #[serde(default)]
    pub tekst: Prose,
    #[serde(default)]
    pub punten: Vec<Prose>,
    #[serde(default)]
    pub thema: Vec<Theme>,
    /// A block drawn from the data.
    #[serde(default)]
    pub blok: Option<Block>,
    #[serde(default)]
    pub regio: Vec<RegionText>,
    /// Text after the block or the bullets.
    #[serde(default)]
    pub slot: Prose,
    /// Start the chapter on a new page (long chapters do so by themselves).
    #[serde(default)]
    pub nieuwe_pagina: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub titel: Prose,
    #[serde(default)]
    pub punten: Vec<Prose>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegionText {
    pub code: String,
    pub tekst: Prose,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    pub id: String,
    pub tekst: Prose,
}

/// A block of a report chapter drawn from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    /// The table of figures per school year.
    Cijfers,
    /// The chart of participating SWVs per school year.
    Groei,
    /// The pilot regions with their own texts and figures.
    Pilotregios,
    /// The public national context.
    Landelijk,
    /// The map of participating SWVs per province, with a table per province.
    Kaart,
    /// Quotes from the SWVs' summaries, grouped by role.
    Citaten,
    /// Examples of local practice from the SWVs' summaries.
    Voorbeelden,
    /// The `wat_werkt` items most SWVs name.
    #[serde(rename = "wat_werkt")]
    WatWerkt,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BrochureTexts {
    pub titel: Prose,
    #[serde(default)]
    pub ondertitel: Prose,
    pub inleiding: Prose,
    #[serde(default)]
    pub deel: Vec<Section>,
    #[serde(default)]
    pub citaat: Vec<PullQuote>,
    #[serde(default)]
    pub kengetal: Vec<KeyFigure>,
    pub slot: Prose,
    #[serde(default)]
    pub voetnoot: Vec<Footnote>,
    #[serde(skip)]
    pub datum: Option<Date>,
    /// The school years the brochure covers (`schooljaren` in `[brochure]`); when not given,
    /// fixed by its first edition (see [`crate::edition`]), else every reported year.
    #[serde(skip)]
    pub schooljaren: Option<Vec<SchoolYear>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub kop: Prose,
    pub tekst: Prose,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PullQuote {
    pub tekst: Prose,
    #[serde(default)]
    pub bron: Prose,
}

impl TextFile for BrochureTexts {
    /// Every text of the file with its key (`deel[2].tekst`, counted from 1).
    fn prose_mut(&mut self) -> Vec<(String, &mut Prose)> {
        let mut out: Vec<(String, &mut Prose)> = vec![
            ("titel".into(), &mut self.titel),
            ("ondertitel".into(), &mut self.ondertitel),
            ("inleiding".into(), &mut self.inleiding),
        ];
        for (i, d) in self.deel.iter_mut().enumerate() {
            out.push((format!("deel[{}].kop", i + 1), &mut d.kop));
            out.push((format!("deel[{}].tekst", i + 1), &mut d.tekst));
        }
        for (i, c) in self.citaat.iter_mut().enumerate() {
            out.push((format!("citaat[{}].tekst", i + 1), &mut c.tekst));
            out.push((format!("citaat[{}].bron", i + 1), &mut c.bron));
        }
        for (i, k) in self.kengetal.iter_mut().enumerate() {
            out.push((format!("kengetal[{}].label", i + 1), &mut k.label));
        }
        out.push(("slot".into(), &mut self.slot));
        for (i, n) in self.voetnoot.iter_mut().enumerate() {
            out.push((format!("voetnoot[{}].tekst", i + 1), &mut n.tekst));
        }
        out
    }
}

/// A large number in the brochure: computed from the data (`cijfer`) or given (`waarde`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    #[serde(default)]
    pub cijfer: Option<KeyFigureName>,
    #[serde(default)]
    pub waarde: Option<u32>,
    pub label: Prose,
}

impl Block {
    /// Every block, in the order the contract lists them.
    pub const ALL: [Block; 8] = [
        Self::Cijfers,
        Self::Groei,
        Self::Pilotregios,
        Self::Landelijk,
        Self::Kaart,
        Self::Citaten,
        Self::Voorbeelden,
        Self::WatWerkt,
    ];
}

/// Computed key figures a brochure may name in `cijfer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyFigureName {
    /// SWVs that reported children figures in the first school year.
    SwvStart,
    /// SWVs that took part in the last school year.
    SwvEind,
    BenaderdTotaal,
    InOntwikkelingTotaal,
    WerkateliersTotaal,
    DeelnemersTotaal,
    CasussenTotaal,
}

/// Public national figures for context (e.g. the yearly compulsory-education count).
#[derive(Debug, Clone)]
pub struct NationalContext {
    pub bron: String,
    pub rows: Vec<NationalRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NationalRow {
    pub schooljaar: SchoolYear,
    pub vrijstelling_5a: Option<u32>,
    pub absoluut_verzuim: Option<u32>,
}

/// The whole programme: settings, texts and every SWV, sorted by code.
#[derive(Debug, Clone)]
pub struct Programme {
    pub project: Project,
    pub swvs: Vec<Swv>,
}

impl Programme {
    /// A programme without SWVs, for tests of code that needs one.
    #[cfg(test)]
    pub fn for_tests(drempel: u32) -> Self {
        Self {
            project: Project {
                naam: "WEL".into(),
                uitvoerder: "test".into(),
                website: None,
                voorbeeldgegevens: true,
                drempel,
                peildatum: Date {
                    year: 2025,
                    month: 9,
                    day: 1,
                },
                fases: Vec::new(),
                brochure: None,
                landelijk: None,
                ronde: None,
                afgesloten: Vec::new(),
                sources: Vec::new(),
            },
            swvs: Vec::new(),
        }
    }

    /// All school years any SWV reported, in order.
    pub fn school_years(&self) -> Vec<SchoolYear> {
        let mut years: Vec<SchoolYear> = self
            .swvs
            .iter()
            .flat_map(|s| s.years.keys().copied())
            .collect();
        years.sort();
        years.dedup();
        years
    }

    /// The school years the national documents cover: those of the phases in `project.toml`
    /// (every reported year when there are no phases). Figures for other years (early returns
    /// for the next year, say) stay on the one-pagers and out of every national figure.
    pub fn published_years(&self) -> Vec<SchoolYear> {
        let mut years: Vec<SchoolYear> = self
            .project
            .fases
            .iter()
            .flat_map(|f| f.schooljaren.iter().copied())
            .collect();
        if years.is_empty() {
            return self.school_years();
        }
        years.sort();
        years.dedup();
        years
    }

    /// The programme as a document covering `years` sees it: the phases' school years within
    /// them (phases left without one are dropped) and no SWV figure or summary of a year after
    /// the last. A later round never enters such a document.
    pub fn within(&self, years: &[SchoolYear]) -> Programme {
        let (Some(first), Some(last)) = (years.iter().min(), years.iter().max()) else {
            return self.clone();
        };
        let mut p = self.clone();
        for f in &mut p.project.fases {
            f.schooljaren.retain(|y| y >= first && y <= last);
        }
        p.project.fases.retain(|f| !f.schooljaren.is_empty());
        for s in &mut p.swvs {
            s.years.retain(|y, _| y <= last);
            s.summaries.retain(|y, _| y <= last);
            s.refused.retain(|r| r.is_none_or(|r| r <= *last));
        }
        p
    }

    /// Number of SWVs that took part in each school year.
    pub fn participation(&self) -> BTreeMap<SchoolYear, usize> {
        let mut out = BTreeMap::new();
        for y in self.school_years() {
            out.insert(y, self.swvs.iter().filter(|s| s.took_part(y)).count());
        }
        out
    }

    pub fn swv(&self, code: &SwvCode) -> Option<&Swv> {
        self.swvs.iter().find(|s| &s.code == code)
    }
}

#[cfg(test)]
mod date_tests {
    use super::Date;

    #[test]
    fn days_since_1970_are_civil_dates() {
        let d = |y, m, day| Date {
            year: y,
            month: m,
            day,
        };
        assert_eq!(Date::from_unix_days(0), d(1970, 1, 1));
        assert_eq!(Date::from_unix_days(19_410), d(2023, 2, 22));
        assert_eq!(Date::from_unix_days(11_016), d(2000, 2, 29));
        assert_eq!(Date::from_unix_days(-25_567), d(1900, 1, 1));
        assert_eq!(crate::inputs::workbook::excel_date(44_979.0), "22-02-2023");
    }
}
