//! SWV codes: a sector and a four-digit region number, such as `PO2801`.

use std::fmt;

/// A normalised SWV code (`PO2801`, `VO2801`): always six ASCII bytes, kept inline. Every
/// published figure names the cells it is made of, and a national total names every SWV: at
/// 1,160 SWVs a code on the heap was a good part of a build's memory.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SwvCode([u8; 6]);

impl fmt::Debug for SwvCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SwvCode").field(&self.as_str()).finish()
    }
}

impl serde::Serialize for SwvCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for SwvCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = <String as serde::Deserialize>::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl SwvCode {
    /// Parses a code as users write it: `PO 28-01`, `po2801`, ` VO 28 01 `.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{2011}' && *c != '\u{2013}')
            .collect::<String>()
            .to_ascii_uppercase();
        let valid = compact.len() == 6
            && (compact.starts_with("PO") || compact.starts_with("VO"))
            && compact[2..].chars().all(|c| c.is_ascii_digit());
        match <[u8; 6]>::try_from(compact.as_bytes()) {
            Ok(bytes) if valid => Ok(Self(bytes)),
            _ => Err(format!(
                "\"{}\" is geen geldige SWV-code; verwacht PO of VO gevolgd door vier cijfers, bijvoorbeeld PO2801 of \"PO 28-01\"",
                raw.trim()
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("a code is ASCII")
    }

    /// The code as printed in documents: `PO 28-01`.
    pub fn display_form(&self) -> String {
        let s = self.as_str();
        format!("{} {}-{}", &s[..2], &s[2..4], &s[4..])
    }
}

impl fmt::Display for SwvCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_the_ways_users_write_codes() {
        for raw in ["PO2801", "po2801", "PO 28-01", " PO 28 01 ", "po-28-01"] {
            assert_eq!(SwvCode::parse(raw).unwrap().as_str(), "PO2801", "{raw}");
        }
        assert_eq!(
            SwvCode::parse("VO 30-08").unwrap().display_form(),
            "VO 30-08"
        );
    }

    #[test]
    fn refuses_other_codes() {
        for raw in [
            "", "PO280", "PO28011", "MBO2801", "XO2801", "PO28A1", "2801",
        ] {
            assert!(SwvCode::parse(raw).is_err(), "{raw}");
        }
        assert!(SwvCode::parse("PX12").unwrap_err().contains("\"PX12\""));
    }
}
