//! Texts as the documents print them: an apostrophe typed as a straight quote (`SWV's`,
//! `'s-Hertogenbosch`, `schooljaar '24`) prints as the typographic one (’), as the templates'
//! own words do. Typst's smart quotes turn a `'` typed in template markup into ’, but leave the
//! strings of `/data.json` as they are, so without this one page mixed the two.
//!
//! Only what Typst reads changes: the inputs, the CSV files and `wel cijfers` keep the
//! characters as typed.

use serde::Serialize;
use serde_json::Value;

/// The typographic apostrophe (U+2019).
pub const APOSTROPHE: char = '\u{2019}';

/// A document's data as Typst reads it (`/data.json`), its apostrophes typographic.
pub fn data_json(data: &impl Serialize) -> serde_json::Result<Vec<u8>> {
    let mut value = serde_json::to_value(data)?;
    typographic_apostrophes(&mut value);
    serde_json::to_vec(&value)
}

/// Every string in a document's data with its apostrophes typographic. The data's own words
/// (kinds, keys, paths, codes) never hold one.
pub fn typographic_apostrophes(value: &mut Value) {
    match value {
        Value::String(s) if s.contains('\'') => *s = s.replace('\'', &APOSTROPHE.to_string()),
        Value::Array(items) => items.iter_mut().for_each(typographic_apostrophes),
        Value::Object(map) => map.values_mut().for_each(typographic_apostrophes),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_straight_apostrophe_in_the_data_becomes_typographic_and_nothing_else_changes() {
        let mut data = serde_json::json!({
            "naam": "SWV's-Hertogenbosch",
            "tekst": [{"t": "De regio's en 's-Gravenhage, schooljaar '24"}],
            "soort": "exact",
            "waarde": 12,
            "leeg": null,
        });
        typographic_apostrophes(&mut data);
        assert_eq!(
            data,
            serde_json::json!({
                "naam": "SWV’s-Hertogenbosch",
                "tekst": [{"t": "De regio’s en ’s-Gravenhage, schooljaar ’24"}],
                "soort": "exact",
                "waarde": 12,
                "leeg": null,
            })
        );
    }
}
