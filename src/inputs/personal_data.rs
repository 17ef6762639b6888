//! Privacy (AVG) while reading: refusing inputs that look like personal data about a child
//! (personal-data column headers, numbers that pass the BSN eleven-test).
//!
//! Messages name the place but never repeat a suspected BSN or personal value.

use std::path::Path;

use super::workbook::{CellValue, RawWorkbook, cell_ref, same_name};
use crate::diag::{Place, Problem, Problems};

/// Column headers that indicate data about an individual child.
const PERSONAL_HEADERS: [&str; 20] = [
    "voornaam",
    "achternaam",
    "roepnaam",
    "tussenvoegsel",
    "naam kind",
    "naam leerling",
    "naam jeugdige",
    "naam_kind",
    "naam_leerling",
    "naam_jeugdige",
    "leerling",
    "geboortedatum",
    "geb. datum",
    "geboortedag",
    "bsn",
    "burgerservicenummer",
    "adres",
    "postcode",
    "telefoonnummer",
    "e-mailadres",
];

/// Whether a 9-digit number passes the BSN eleven-test.
pub fn is_bsn(n: u64) -> bool {
    if !(1_000_000..=999_999_999).contains(&n) {
        return false;
    }
    let digits: Vec<u64> = format!("{n:09}")
        .bytes()
        .map(|b| u64::from(b - b'0'))
        .collect();
    let sum: i64 = digits[..8]
        .iter()
        .enumerate()
        .map(|(i, d)| (9 - i as i64) * *d as i64)
        .sum::<i64>()
        - digits[8] as i64;
    sum % 11 == 0
}

/// Whether a text holds a run of exactly nine digits (optionally grouped by spaces, dots or
/// hyphens, as people write a BSN) that passes the eleven-test.
pub fn contains_bsn(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
            } else if matches!(c, ' ' | '.' | '-')
                && j + 1 < chars.len()
                && chars[j + 1].is_ascii_digit()
                && digits.len() < 9
            {
                // a separator inside a group of digits
            } else {
                break;
            }
            j += 1;
        }
        if digits.len() == 9 && digits.parse::<u64>().is_ok_and(is_bsn) {
            return true;
        }
        i = j.max(i + 1);
    }
    false
}

/// Scans every cell of every sheet (hidden ones too) for personal-data headers and BSNs.
pub fn scan_workbook(file: &Path, wb: &RawWorkbook, problems: &mut Problems) {
    for sheet in &wb.sheets {
        let is_swv_sheet = same_name(&sheet.name, "SWV");
        for (&(row, col), value) in &sheet.cells {
            let place = || Place::cell(file, &sheet.name, Some(cell_ref(row, col)));
            match value {
                CellValue::Number(n)
                    if n.fract() == 0.0 && *n >= 0.0 && *n < 1e9 && is_bsn(*n as u64) =>
                {
                    problems.push(Problem::privacy(
                        place(),
                        "de cel bevat een getal van 9 cijfers dat een geldig BSN kan zijn; de invoer mag alleen totalen bevatten, geen persoonsgegevens",
                    ));
                }
                CellValue::Text(t) => {
                    let t = t.trim();
                    let header_like = PERSONAL_HEADERS.iter().any(|h| same_name(h, t))
                        || (!is_swv_sheet && same_name(t, "naam"));
                    if header_like {
                        problems.push(Problem::privacy(
                            place(),
                            format!(
                                "een kolom \"{t}\" wijst op gegevens over een individueel kind; de invoer mag alleen totalen per SWV bevatten. Verwijder de kolom (of het blad)"
                            ),
                        ));
                    } else if contains_bsn(t) {
                        problems.push(Problem::privacy(
                            place(),
                            "de cel bevat een getal van 9 cijfers dat een geldig BSN kan zijn; de invoer mag alleen totalen bevatten, geen persoonsgegevens",
                        ));
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_test() {
        assert!(is_bsn(111_222_333));
        assert!(is_bsn(123_456_782));
        assert!(!is_bsn(123_456_789));
        assert!(!is_bsn(12_345));
    }

    #[test]
    fn finds_bsn_in_text_in_common_notations() {
        assert!(contains_bsn("kind met bsn 111222333 is ..."));
        assert!(contains_bsn("nummer 1112.22.333"));
        assert!(contains_bsn("nummer 111 222 333."));
        assert!(!contains_bsn("schooljaar 2021-2022 en 2022-2023"));
        assert!(!contains_bsn("1234567820"));
        assert!(!contains_bsn("123456789"));
    }
}
