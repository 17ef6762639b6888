//! Reading an SWV's `samenvatting.toml`: its narrative, examples, quotes and photo.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use super::text::{find_key, parse_toml, read_text};
use crate::checks::privacy;
use crate::diag::{Place, Problems};
use crate::model::{Example, Photo, Quote, QuoteRole, SchoolYear, Summary, SwvCode};

pub const MAX_WAT_WERKT: usize = 8;
pub const MAX_VOORBEELDEN: usize = 4;
pub const MAX_CITATEN: usize = 4;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    code: String,
    schooljaar: String,
    samenvatting: String,
    #[serde(default)]
    wat_werkt: Vec<String>,
    #[serde(default)]
    voorbeelden: Vec<RawExample>,
    #[serde(default)]
    citaten: Vec<RawQuote>,
    foto: Option<RawPhoto>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    titel: String,
    tekst: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    tekst: String,
    rol: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    pad: String,
    alt: Option<String>,
}

const KNOWN_KEYS: [&str; 12] = [
    "code",
    "schooljaar",
    "samenvatting",
    "wat_werkt",
    "voorbeelden",
    "citaten",
    "foto",
    "titel",
    "tekst",
    "rol",
    "pad",
    "alt",
];

/// Reads and validates a summary; `folder` is the SWV's folder, `shown` the path in messages.
pub fn read_summary(
    path: &Path,
    shown: &Path,
    folder: &Path,
    folder_code: &SwvCode,
    photo_cache: Option<&Path>,
    problems: &mut Problems,
) -> Option<Summary> {
    let text = read_text(path, shown).map_err(|p| problems.push(p)).ok()?;
    summary_from_text(&text, shown, folder, folder_code, photo_cache, problems)
}

/// Validates a summary's text (already decoded); `folder` is where its photo may live.
pub fn summary_from_text(
    text: &str,
    shown: &Path,
    folder: &Path,
    folder_code: &SwvCode,
    photo_cache: Option<&Path>,
    problems: &mut Problems,
) -> Option<Summary> {
    let text = text.to_string();
    let raw: RawSummary = parse_toml(&text, shown, &KNOWN_KEYS)
        .map_err(|p| problems.push(p))
        .ok()?;
    let at = |key: &str, n: usize| {
        let (line, col) = find_key(&text, key, n);
        Place::line(shown, line, col)
    };
    let mut ok = true;
    match SwvCode::parse(&raw.code) {
        Ok(code) if &code == folder_code => {}
        Ok(code) => {
            problems.error(
                at("code", 0),
                format!("code {code} hoort niet bij de map {folder_code}; de code in het bestand en de mapnaam moeten gelijk zijn"),
            );
            ok = false;
        }
        Err(msg) => {
            problems.error(at("code", 0), msg);
            ok = false;
        }
    }
    let schooljaar = SchoolYear::parse(&raw.schooljaar)
        .map_err(|m| problems.error(at("schooljaar", 0), m))
        .ok();
    for (key, len, max) in [
        ("wat_werkt", raw.wat_werkt.len(), MAX_WAT_WERKT),
        ("[[voorbeelden]]", raw.voorbeelden.len(), MAX_VOORBEELDEN),
        ("[[citaten]]", raw.citaten.len(), MAX_CITATEN),
    ] {
        if len > max {
            let n = if key == "wat_werkt" { 0 } else { max };
            let name = key.trim_matches(['[', ']']);
            problems.error(
                at(key, n),
                format!("{name} heeft {len} items; het invoerformat staat er hoogstens {max} toe"),
            );
            ok = false;
        }
    }
    let mut citaten = Vec::new();
    for (i, q) in raw.citaten.iter().enumerate() {
        match QuoteRole::parse(&q.rol) {
            Ok(rol) => citaten.push(Quote {
                tekst: q.tekst.trim().to_string(),
                rol,
            }),
            Err(m) => {
                problems.error(at("rol", i), m);
                ok = false;
            }
        }
    }
    let foto = match &raw.foto {
        None => None,
        Some(p) => match read_photo(p, folder, photo_cache, &at("pad", 0), &at("[foto]", 0)) {
            Ok(photo) => Some(photo),
            Err(msg) => {
                problems.error(msg.0, msg.1);
                ok = false;
                None
            }
        },
    };
    let summary = Summary {
        schooljaar: schooljaar?,
        samenvatting: raw.samenvatting.trim().to_string(),
        wat_werkt: raw.wat_werkt.iter().map(|s| s.trim().to_string()).collect(),
        voorbeelden: raw
            .voorbeelden
            .iter()
            .map(|e| Example {
                titel: e.titel.trim().to_string(),
                tekst: e.tekst.trim().to_string(),
            })
            .collect(),
        citaten,
        foto,
    };
    for (field, value) in summary.texts() {
        if privacy::contains_bsn(value) {
            problems.error(
                Place::key(shown, field),
                "de tekst bevat een getal van 9 cijfers dat een geldig BSN kan zijn; haal het weg (persoonsgegevens horen niet in de invoer)",
            );
            ok = false;
        }
    }
    ok.then_some(summary)
}

/// Checks that a photo path stays inside the SWV's folder, then loads and re-encodes it.
fn read_photo(
    raw: &RawPhoto,
    folder: &Path,
    cache: Option<&Path>,
    pad: &Place,
    table: &Place,
) -> Result<Photo, (Place, String)> {
    let alt = raw.alt.as_deref().map(str::trim).unwrap_or("");
    if alt.is_empty() {
        return Err((
            table.clone(),
            format!(
                "de foto {} heeft geen alt-tekst; beschrijf in alt wat er op de foto te zien is",
                raw.pad
            ),
        ));
    }
    let rel = Path::new(raw.pad.trim());
    if rel.is_absolute()
        || raw.pad.starts_with('/')
        || raw.pad.starts_with('\\')
        || raw.pad.contains(':')
    {
        return Err((
            pad.clone(),
            format!(
                "het pad {} is absoluut; geef een pad binnen de map van het SWV, bijvoorbeeld foto.jpg",
                raw.pad
            ),
        ));
    }
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) || raw.pad.contains("..") {
        return Err((
            pad.clone(),
            format!(
                "het pad {} verwijst buiten de map van het SWV; zet de foto in de map zelf",
                raw.pad
            ),
        ));
    }
    let full: PathBuf = folder.join(rel);
    let real = full.canonicalize().map_err(|_| {
        (
            pad.clone(),
            format!("de foto {} bestaat niet in de map van het SWV", raw.pad),
        )
    })?;
    let real_folder = folder
        .canonicalize()
        .map_err(|e| (pad.clone(), e.to_string()))?;
    if !real.starts_with(&real_folder) {
        return Err((
            pad.clone(),
            format!(
                "de foto {} is een koppeling naar een bestand buiten de map van het SWV; kopieer de foto in de map",
                raw.pad
            ),
        ));
    }
    let image = crate::inputs::image::load_photo(&real, cache)
        .map_err(|m| (pad.clone(), format!("de foto {}: {m}", raw.pad)))?;
    Ok(Photo {
        file_name: raw.pad.trim().to_string(),
        alt: alt.to_string(),
        jpeg: image.jpeg,
        width: image.width,
        height: image.height,
    })
}
