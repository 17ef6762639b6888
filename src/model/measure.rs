//! What a cell of the inputs counts: the measures of the workbooks' sheets.

use serde::Serialize;

use crate::model::Sheet;

/// What a cell counts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Children (and parents) approached.
    Benaderd,
    /// Children back in development.
    InOntwikkeling,
    /// Exemptions under article 5 a.
    Vrijstelling5a,
    /// Children absolutely absent.
    AbsoluutVerzuim,
    Werkateliers,
    Deelnemers,
    Interviews,
    /// Cases discussed (about individual children: a child count).
    Casussen,
    /// 1 when the SWV reported figures for the year (it took part).
    Deelname,
    /// 1 when the SWV reported children figures for the year.
    JeugdigenGemeld,
}

impl Measure {
    /// Counts of children: those follow the small-count rule.
    pub fn is_child_count(self) -> bool {
        match self {
            Self::Benaderd
            | Self::InOntwikkeling
            | Self::Vrijstelling5a
            | Self::AbsoluutVerzuim
            | Self::Casussen => true,
            Self::Werkateliers
            | Self::Deelnemers
            | Self::Interviews
            | Self::Deelname
            | Self::JeugdigenGemeld => false,
        }
    }

    /// Every measure an SWV reports in its workbook, in column order.
    pub const REPORTED: [Measure; 8] = [
        Self::Benaderd,
        Self::InOntwikkeling,
        Self::Vrijstelling5a,
        Self::AbsoluutVerzuim,
        Self::Werkateliers,
        Self::Deelnemers,
        Self::Interviews,
        Self::Casussen,
    ];

    /// The sheet the measure is reported on (`None`: derived, not typed in).
    pub fn sheet(self) -> Option<Sheet> {
        match self {
            Self::Benaderd
            | Self::InOntwikkeling
            | Self::Vrijstelling5a
            | Self::AbsoluutVerzuim => Some(Sheet::Jeugdigen),
            Self::Werkateliers | Self::Deelnemers | Self::Interviews | Self::Casussen => {
                Some(Sheet::Activiteiten)
            }
            Self::Deelname | Self::JeugdigenGemeld => None,
        }
    }

    /// The Dutch name, as in the workbook's column headers.
    pub fn label(self) -> &'static str {
        match self {
            Self::Benaderd => "benaderd",
            Self::InOntwikkeling => "in ontwikkeling",
            Self::Vrijstelling5a => "vrijstelling 5 onder a",
            Self::AbsoluutVerzuim => "absoluut verzuim",
            Self::Werkateliers => "werkateliers",
            Self::Deelnemers => "deelnemers",
            Self::Interviews => "interviews",
            Self::Casussen => "casussen",
            Self::Deelname => "deelname",
            Self::JeugdigenGemeld => "jeugdigen gemeld",
        }
    }
}
