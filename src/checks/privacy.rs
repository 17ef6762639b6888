//! Privacy (AVG): refusing inputs that look like personal data, and the small-count rule.
//!
//! Messages name the place but never repeat a suspected BSN or personal value.

use std::path::Path;

use crate::diag::{Place, Problem, Problems};
use crate::inputs::table::same_name;
use crate::inputs::workbook::{CellValue, RawWorkbook, cell_ref};

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

/// A count as it may be printed: exact, suppressed below the threshold, or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Exact(u32),
    /// 1 .. threshold-1: printed as `<threshold`.
    Small,
    Unknown,
}

impl Shown {
    pub fn of(value: Option<u32>, threshold: u32) -> Self {
        match value {
            None => Self::Unknown,
            Some(v) if v >= 1 && v < threshold => Self::Small,
            Some(v) => Self::Exact(v),
        }
    }

    pub fn exact(self) -> Option<u32> {
        match self {
            Self::Exact(v) => Some(v),
            _ => None,
        }
    }

    /// The printed form: `1.234`, `<5`, or `–` for unknown.
    pub fn label(self, threshold: u32) -> String {
        match self {
            Self::Exact(v) => crate::dutch::integer(v.into()),
            Self::Small => format!("<{threshold}"),
            Self::Unknown => "–".to_string(),
        }
    }
}

/// A total of child counts that may appear next to its parts. Secondary suppression: when any
/// part is suppressed or unknown, the total is not printed exactly, since total minus the
/// printed parts would reveal the suppressed one.
pub fn safe_total(parts: &[Option<u32>], threshold: u32) -> Shown {
    let shown: Vec<Shown> = parts.iter().map(|p| Shown::of(*p, threshold)).collect();
    if shown.iter().all(|s| *s == Shown::Unknown) {
        return Shown::Unknown;
    }
    if shown
        .iter()
        .any(|s| *s != Shown::Exact(0) && s.exact().is_none())
    {
        let known: u32 = parts.iter().flatten().sum();
        return if known < threshold {
            Shown::Small
        } else {
            Shown::Unknown
        };
    }
    Shown::of(Some(parts.iter().flatten().sum()), threshold)
}

/// A percentage `part / whole` that is printed only when both counts are printed exactly.
pub fn safe_share(part: Option<u32>, whole: Option<u32>, threshold: u32) -> Option<f64> {
    let p = Shown::of(part, threshold).exact()?;
    let w = Shown::of(whole, threshold).exact()?;
    (w > 0).then(|| f64::from(p) * 100.0 / f64::from(w))
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

    #[test]
    fn small_counts_are_suppressed() {
        assert_eq!(Shown::of(Some(3), 5).label(5), "<5");
        assert_eq!(Shown::of(Some(0), 5).label(5), "0");
        assert_eq!(Shown::of(Some(5), 5).label(5), "5");
        assert_eq!(Shown::of(Some(1234), 5).label(5), "1.234");
    }

    #[test]
    fn totals_do_not_reveal_a_suppressed_part() {
        assert_eq!(safe_total(&[Some(12), Some(3)], 5), Shown::Unknown);
        assert_eq!(safe_total(&[Some(1), Some(2)], 5), Shown::Small);
        assert_eq!(safe_total(&[Some(12), Some(0)], 5), Shown::Exact(12));
        assert_eq!(safe_share(Some(3), Some(12), 5), None);
        assert_eq!(safe_share(Some(6), Some(12), 5), Some(50.0));
    }
}
