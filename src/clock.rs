//! The one clock of wel: the moment a command runs, for the date of an edition, of a closed
//! round and the folder name of a `wel ontvang` run. Documents never read it (their dates come
//! from the inputs), so the same inputs give the same PDFs on any day.

use crate::model::Date;

/// Seconds since 1970 (UTC).
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The date of `secs` since 1970 (UTC).
fn date_of(secs: u64) -> Date {
    Date::from_unix_days((secs / 86_400) as i64)
}

/// Today's date (UTC).
pub fn today_date() -> Date {
    date_of(now())
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let d = date_of(now());
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// This moment as a folder name (UTC): `2026-11-29T17-05-03`.
pub fn stamp() -> String {
    let secs = now();
    let d = date_of(secs);
    let s = secs % 86_400;
    format!(
        "{:04}-{:02}-{:02}T{:02}-{:02}-{:02}",
        d.year,
        d.month,
        d.day,
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}
