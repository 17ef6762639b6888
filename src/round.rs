//! The intake round: `ronde` in project.toml names the school year being collected; `wel
//! rond-af` closes it by adding it to `rondes.toml` (with the SWVs that sent nothing), after
//! which the documents that include that year are no longer drafts.

use std::path::Path;

use crate::fsutil::{self, FsError};
use crate::inputs::project::ROUNDS_FILE;
use crate::model::SchoolYear;

/// Records the round of `year` as closed today, without `missing`; returns the date.
pub fn close(inputs: &Path, year: SchoolYear, missing: &[String]) -> Result<String, FsError> {
    let path = inputs.join(ROUNDS_FILE);
    let mut text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(_) => "# Afgeronde inzamelrondes, bijgehouden door wel rond-af.\n".to_string(),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let date = today();
    let zonder: Vec<String> = missing
        .iter()
        .map(|c| crate::sample::toml_string(c))
        .collect();
    text.push_str(&format!(
        "\n[[afgesloten]]\nschooljaar = \"{year}\"\ndatum = {date}\nzonder = [{}]\n",
        zonder.join(", ")
    ));
    fsutil::write_atomic(&path, text.as_bytes())?;
    Ok(date)
}

/// Today's date (UTC) as `YYYY-MM-DD`; `WEL_VANDAAG` overrides it (tests of a yearly rhythm).
pub fn today() -> String {
    if let Ok(d) = std::env::var("WEL_VANDAAG") {
        return d;
    }
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let d = crate::model::Date::from_unix_days(days);
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}
