//! School years such as `2022-2023`, written by users in several ways.

use std::fmt;

/// A school year, identified by the calendar year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear {
    start: u16,
}

impl SchoolYear {
    pub fn new(start: u16) -> Self {
        Self { start }
    }

    pub fn start(self) -> u16 {
        self.start
    }

    pub fn next(self) -> Self {
        Self {
            start: self.start + 1,
        }
    }

    /// Parses `2022-2023`, `2022/2023`, `22-23` and `22/23` (also with spaces or an en dash).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let err = || {
            format!(
                "\"{}\" is geen geldig schooljaar; verwacht bijvoorbeeld 2022-2023, 2022/2023 of 22-23",
                raw.trim()
            )
        };
        let cleaned: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        let mut parts = cleaned.split(['-', '/', '\u{2013}']);
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(err());
        };
        let year = |s: &str| -> Option<u16> {
            if !s.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            match s.len() {
                4 => s.parse().ok(),
                2 => s.parse::<u16>().ok().map(|y| 2000 + y),
                _ => None,
            }
        };
        let (Some(a), Some(b)) = (year(a), year(b)) else {
            return Err(err());
        };
        if b != a + 1 || !(2000..=2099).contains(&a) {
            return Err(err());
        }
        Ok(Self { start: a })
    }

    /// The year from an Excel-like number: a cell holding `2022` is not a school year.
    pub fn label(self) -> String {
        format!("{}-{}", self.start, self.start + 1)
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.start + 1)
    }
}

impl<'de> serde::Deserialize<'de> for SchoolYear {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = <String as serde::Deserialize>::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for SchoolYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_all_written_forms() {
        for raw in [
            "2022-2023",
            "2022/2023",
            "22-23",
            "22/23",
            " 2022 - 2023 ",
            "2022–2023",
        ] {
            assert_eq!(
                SchoolYear::parse(raw).unwrap(),
                SchoolYear::new(2022),
                "{raw}"
            );
        }
    }

    #[test]
    fn refuses_non_consecutive_or_malformed_years() {
        for raw in [
            "2022-2024",
            "2022",
            "22-2023x",
            "twintig",
            "2023-2022",
            "",
            "1999-2000",
        ] {
            assert!(SchoolYear::parse(raw).is_err(), "{raw}");
        }
    }
}
