//! Dutch formatting of numbers, percentages and dates for documents and messages.

use crate::model::Date;

pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Items as Dutch lists them: `a`, `a en b`, `a, b en c` (`word` is `en` or `of`).
pub fn enumerate(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// A number with its noun in the right form: `1 fout`, `3 fouten`, `1.160 SWV's`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    format!("{} {}", integer(n), if n == 1 { one } else { many })
}

/// `1234567` -> `1.234.567`.
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A decimal with a comma and at most one decimal: `12.5` -> `12,5`, `3.0` -> `3`.
pub fn decimal(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        integer(rounded as i64)
    } else {
        let whole = integer(rounded.trunc() as i64);
        let sign = if rounded < 0.0 && rounded.trunc() == 0.0 {
            "-"
        } else {
            ""
        };
        format!(
            "{sign}{whole},{}",
            ((rounded.abs().fract()) * 10.0).round() as u8
        )
    }
}

/// A percentage with a comma: `12.5` -> `12,5%`.
pub fn percent(x: f64) -> String {
    format!("{}%", decimal(x))
}

/// `juli 2022`.
pub fn month_year(d: Date) -> String {
    format!(
        "{} {}",
        MONTHS[usize::from(d.month.clamp(1, 12)) - 1],
        d.year
    )
}

/// `1 juli 2022`.
pub fn long_date(d: Date) -> String {
    format!("{} {}", d.day, month_year(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_dutch() {
        assert_eq!(integer(0), "0");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(1234), "1.234");
        assert_eq!(integer(1_234_567), "1.234.567");
        assert_eq!(integer(-1234), "-1.234");
        assert_eq!(decimal(12.5), "12,5");
        assert_eq!(decimal(1234.56), "1.234,6");
        assert_eq!(decimal(3.0), "3");
        assert_eq!(percent(12.5), "12,5%");
    }

    #[test]
    fn dates_in_dutch() {
        let d = Date {
            year: 2022,
            month: 7,
            day: 1,
        };
        assert_eq!(month_year(d), "juli 2022");
        assert_eq!(long_date(d), "1 juli 2022");
    }
}
