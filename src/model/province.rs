//! The twelve Dutch provinces, in one order everywhere (north to south, as CBS numbers them,
//! PV20..PV31), with the spellings users may write.

use serde::Serialize;

/// A province of the Netherlands. The order of the variants is the one order in which
/// documents list provinces (maps, tables, the annex) and in which voices are spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Province {
    Groningen,
    Fryslan,
    Drenthe,
    Overijssel,
    Flevoland,
    Gelderland,
    Utrecht,
    NoordHolland,
    ZuidHolland,
    Zeeland,
    NoordBrabant,
    Limburg,
}

impl Province {
    /// Every province, in the one order.
    pub const ALL: [Province; 12] = [
        Self::Groningen,
        Self::Fryslan,
        Self::Drenthe,
        Self::Overijssel,
        Self::Flevoland,
        Self::Gelderland,
        Self::Utrecht,
        Self::NoordHolland,
        Self::ZuidHolland,
        Self::Zeeland,
        Self::NoordBrabant,
        Self::Limburg,
    ];

    /// The name as documents print it (and as the map data names it).
    pub fn name(self) -> &'static str {
        match self {
            Self::Groningen => "Groningen",
            Self::Fryslan => "Fryslân",
            Self::Drenthe => "Drenthe",
            Self::Overijssel => "Overijssel",
            Self::Flevoland => "Flevoland",
            Self::Gelderland => "Gelderland",
            Self::Utrecht => "Utrecht",
            Self::NoordHolland => "Noord-Holland",
            Self::ZuidHolland => "Zuid-Holland",
            Self::Zeeland => "Zeeland",
            Self::NoordBrabant => "Noord-Brabant",
            Self::Limburg => "Limburg",
        }
    }

    /// The province as written (case, spaces and `Friesland` accepted).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let key = fold(raw);
        if key == "friesland" {
            return Ok(Self::Fryslan);
        }
        Self::ALL
            .into_iter()
            .find(|p| fold(p.name()) == key)
            .ok_or_else(|| {
                format!(
                    "\"{}\" is geen Nederlandse provincie; kies uit: {}",
                    raw.trim(),
                    Self::ALL.map(Self::name).join(", ")
                )
            })
    }
}

impl std::fmt::Display for Province {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Province {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            'â' | 'Â' => 'a',
            ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_frisian_and_dutch_names_for_friesland() {
        assert_eq!(Province::parse("Friesland").unwrap(), Province::Fryslan);
        assert_eq!(Province::parse(" fryslân ").unwrap(), Province::Fryslan);
        assert_eq!(
            Province::parse("noord brabant").unwrap(),
            Province::NoordBrabant
        );
    }

    #[test]
    fn refuses_unknown_names() {
        let err = Province::parse("Vlaanderen").unwrap_err();
        assert!(err.contains("Vlaanderen") && err.contains("Zeeland"));
    }

    #[test]
    fn the_one_order_is_north_to_south() {
        assert!(Province::Groningen < Province::Limburg);
        assert_eq!(Province::ALL.iter().max(), Some(&Province::Limburg));
        let mut sorted = Province::ALL;
        sorted.sort();
        assert_eq!(sorted, Province::ALL);
    }
}
