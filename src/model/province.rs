//! The twelve Dutch provinces, with the spellings users may write.

/// Canonical province names as printed in documents.
pub const PROVINCES: [&str; 12] = [
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
];

/// Returns the canonical name for a province as written (case, spaces and `Friesland` accepted).
pub fn parse_province(raw: &str) -> Result<&'static str, String> {
    let key = fold(raw);
    if key == "friesland" {
        return Ok("Fryslân");
    }
    PROVINCES
        .iter()
        .copied()
        .find(|p| fold(p) == key)
        .ok_or_else(|| {
            format!(
                "\"{}\" is geen Nederlandse provincie; kies uit: {}",
                raw.trim(),
                PROVINCES.join(", ")
            )
        })
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
        assert_eq!(parse_province("Friesland").unwrap(), "Fryslân");
        assert_eq!(parse_province(" fryslân ").unwrap(), "Fryslân");
        assert_eq!(parse_province("noord brabant").unwrap(), "Noord-Brabant");
    }

    #[test]
    fn refuses_unknown_names() {
        let err = parse_province("Vlaanderen").unwrap_err();
        assert!(err.contains("Vlaanderen") && err.contains("Zeeland"));
    }
}
