//! Reading an SWV's `samenvatting.toml`: its narrative, examples, quotes and photo.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::personal_data::contains_bsn;
use super::prose::{Source, Writer};
use super::text::{line_col, own_error, parse_toml, read_text};
use super::toml_check::{Field, Kind, opt, req};
use crate::diag::{Place, Problems};
use crate::model::{Example, Photo, Prose, Quote, QuoteRole, SchoolYear, Summary, SwvCode};

pub const MAX_WAT_WERKT: usize = 8;
pub const MAX_VOORBEELDEN: usize = 4;
pub const MAX_CITATEN: usize = 4;

/// Text lengths (characters) within which a one-pager always fits on its page, every list at
/// its maximum, with a photo and a full figures table: `docs/invoer.md` documents them and a
/// test builds a one-pager with every text at its limit. Longer texts may still fit; whether
/// one does is decided by laying out the page (`wel check` does that too).
pub const FITS_SAMENVATTING: usize = 550;
pub const FITS_WAT_WERKT: usize = 55;
pub const FITS_VOORBEELD_TITEL: usize = 45;
pub const FITS_VOORBEELD_TEKST: usize = 200;
pub const FITS_CITAAT: usize = 110;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    code: Spanned<String>,
    schooljaar: Spanned<String>,
    samenvatting: Prose,
    #[serde(default)]
    wat_werkt: Option<Spanned<Vec<Prose>>>,
    #[serde(default)]
    voorbeelden: Vec<Spanned<RawExample>>,
    #[serde(default)]
    citaten: Vec<Spanned<RawQuote>>,
    foto: Option<Spanned<RawPhoto>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    titel: Prose,
    tekst: Prose,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    tekst: Prose,
    #[serde(deserialize_with = "role")]
    rol: QuoteRole,
}

/// Roles are read case-insensitively; an unknown one is an error at its place in the file.
fn role<'de, D: serde::Deserializer<'de>>(d: D) -> Result<QuoteRole, D::Error> {
    let raw = String::deserialize(d)?;
    QuoteRole::parse(&raw).map_err(own_error)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    pad: Spanned<String>,
    alt: Option<String>,
}

/// What `samenvatting.toml` may hold (kept equal to the raw structs by a test).
pub const SUMMARY: &[Field] = &[
    req("code", Kind::Text),
    req("schooljaar", Kind::Text),
    req("samenvatting", Kind::Text),
    opt("wat_werkt", Kind::LineList),
    opt(
        "voorbeelden",
        Kind::Tables(&[req("titel", Kind::Line), req("tekst", Kind::Text)]),
    ),
    opt(
        "citaten",
        Kind::Tables(&[req("tekst", Kind::Text), req("rol", Kind::OneOf(&ROLES))]),
    ),
    opt(
        "foto",
        Kind::Table(&[req("pad", Kind::Text), opt("alt", Kind::Line)]),
    ),
];

/// The roles a quote may have.
const ROLES: [&str; 3] = ["ouder", "jongere", "professional"];

/// The SWV folder a summary belongs to.
pub struct SwvFolder<'a> {
    /// Where its photo may live.
    pub dir: &'a Path,
    /// The code the summary must name.
    pub code: &'a SwvCode,
    /// Where re-encoded photos are kept between runs.
    pub photo_cache: Option<&'a Path>,
}

/// Reads and validates a summary; `shown` is the path in messages.
pub fn read_summary(
    path: &Path,
    shown: &Path,
    folder: &SwvFolder<'_>,
    problems: &mut Problems,
) -> Option<Summary> {
    let text = read_text(path, shown).map_err(|p| problems.push(p)).ok()?;
    summary_from_text(&text, shown, folder, problems)
}

/// Validates a summary's text (already decoded); `folder` is where its photo may live.
pub fn summary_from_text(
    text: &str,
    shown: &Path,
    swv_folder: &SwvFolder<'_>,
    problems: &mut Problems,
) -> Option<Summary> {
    let SwvFolder {
        dir: folder,
        code: folder_code,
        photo_cache,
    } = *swv_folder;
    let raw: RawSummary = parse_toml(text, shown, SUMMARY)
        .map_err(|all| all.into_iter().for_each(|p| problems.push(p)))
        .ok()?;
    let at = |span: std::ops::Range<usize>| {
        let (line, col) = line_col(text, span.start);
        Place::line(shown, line, col)
    };
    let before = problems.error_count();
    check_code(&raw.code, folder_code, at(raw.code.span()), problems);
    let schooljaar = SchoolYear::parse(raw.schooljaar.get_ref())
        .map_err(|m| problems.error(at(raw.schooljaar.span()), m))
        .ok();
    check_counts(&raw, &at, problems);
    // `[foto]` with an empty `pad` (as the intake form has it): no photo.
    let foto = raw
        .foto
        .as_ref()
        .filter(|p| !p.get_ref().pad.get_ref().trim().is_empty())
        .and_then(|p| {
            read_photo(
                p.get_ref(),
                folder,
                photo_cache,
                &at(p.get_ref().pad.span()),
                &at(p.span()),
            )
            .map_err(|(place, msg)| problems.error(place, msg))
            .ok()
        });
    let source = Source {
        file: shown,
        text,
        writer: Writer::Swv,
    };
    let (texts, found) = texts(&raw, &source);
    let summary = Summary {
        schooljaar: schooljaar?,
        map: shown.parent().map(Path::to_path_buf).unwrap_or_default(),
        samenvatting: texts.samenvatting,
        wat_werkt: texts.wat_werkt,
        voorbeelden: texts.voorbeelden,
        citaten: texts.citaten,
        foto,
    };
    found.into_iter().for_each(|p| problems.push(p));
    warn_names(text, shown, problems);
    warn_empty_texts(&raw, &at, problems);
    for (field, value) in summary.texts() {
        if contains_bsn(value) {
            problems.error(
                Place::key(shown, field),
                "de tekst bevat een getal van 9 cijfers dat een geldig BSN kan zijn; haal het weg (persoonsgegevens horen niet in de invoer)",
            );
        }
    }
    (problems.error_count() == before).then_some(summary)
}

/// The texts of a summary as the model keeps them.
struct Texts {
    samenvatting: Prose,
    wat_werkt: Vec<Prose>,
    voorbeelden: Vec<Example>,
    citaten: Vec<Quote>,
}

/// Every text of a summary, trimmed and split into text and references; and the problems of
/// malformed references.
fn texts(raw: &RawSummary, source: &Source<'_>) -> (Texts, Vec<crate::diag::Problem>) {
    let mut found = Vec::new();
    let mut prose = |p: &Prose| {
        let mut p = p.clone().trimmed();
        source.locate(&mut p, &mut found);
        p
    };
    let texts = Texts {
        samenvatting: prose(&raw.samenvatting),
        wat_werkt: raw
            .wat_werkt
            .as_ref()
            .map(|w| {
                w.get_ref()
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(&mut prose)
                    .collect()
            })
            .unwrap_or_default(),
        voorbeelden: raw
            .voorbeelden
            .iter()
            .map(|e| Example {
                titel: prose(&e.get_ref().titel),
                tekst: prose(&e.get_ref().tekst),
            })
            .collect(),
        citaten: raw
            .citaten
            .iter()
            .map(|q| Quote {
                tekst: prose(&q.get_ref().tekst),
                rol: q.get_ref().rol,
            })
            .collect(),
    };
    (texts, found)
}

/// An empty summary or `wat_werkt` item is a warning: the one-pager then leaves it out.
fn warn_empty_texts(
    raw: &RawSummary,
    at: &dyn Fn(std::ops::Range<usize>) -> Place,
    problems: &mut Problems,
) {
    if raw.samenvatting.is_empty() {
        problems.warning(
            at(raw.code.span()),
            "de samenvatting is leeg; het regio-overzicht laat de kop Samenvatting dan weg. Schrijf in een paar zinnen wat er dit schooljaar gebeurde",
        );
    }
    if let Some(list) = &raw.wat_werkt
        && (list.get_ref().is_empty() || list.get_ref().iter().any(|w| w.is_empty()))
    {
        problems.warning(
            at(list.span()),
            "wat_werkt is leeg of heeft een leeg punt; lege punten worden weggelaten. Noem wat werkte, bijvoorbeeld [\"Luisteren naar de jongere\"]",
        );
    }
}

/// The code in the file must be the folder's.
fn check_code(raw: &Spanned<String>, folder_code: &SwvCode, at: Place, problems: &mut Problems) {
    match SwvCode::parse(raw.get_ref()) {
        Ok(code) if &code == folder_code => {}
        Ok(code) => problems.error(
            at,
            format!("code {code} hoort niet bij de map {folder_code}; de code in het bestand en de mapnaam moeten gelijk zijn"),
        ),
        Err(msg) => problems.error(at, msg),
    }
}

/// At most [`MAX_WAT_WERKT`], [`MAX_VOORBEELDEN`] and [`MAX_CITATEN`] items; the error
/// points at the first item too many.
fn check_counts(
    raw: &RawSummary,
    at: &dyn Fn(std::ops::Range<usize>) -> Place,
    problems: &mut Problems,
) {
    let wat_werkt = raw.wat_werkt.as_ref();
    let lists = [
        (
            "wat_werkt",
            wat_werkt.map_or(0, |w| w.get_ref().len()),
            MAX_WAT_WERKT,
            wat_werkt.map(|w| w.span()),
        ),
        (
            "voorbeelden",
            raw.voorbeelden.len(),
            MAX_VOORBEELDEN,
            raw.voorbeelden.get(MAX_VOORBEELDEN).map(|v| v.span()),
        ),
        (
            "citaten",
            raw.citaten.len(),
            MAX_CITATEN,
            raw.citaten.get(MAX_CITATEN).map(|v| v.span()),
        ),
    ];
    for (name, len, max, span) in lists {
        if len > max {
            problems.error(
                at(span.unwrap_or(0..0)),
                format!("{name} heeft {len} items; het invoerformat staat er hoogstens {max} toe"),
            );
        }
    }
}

/// Checks that a photo path stays inside the SWV's folder, then loads and re-encodes it.
fn read_photo(
    raw: &RawPhoto,
    folder: &Path,
    cache: Option<&Path>,
    pad: &Place,
    table: &Place,
) -> Result<Photo, (Place, String)> {
    let pad_text = raw.pad.get_ref();
    let alt = raw.alt.as_deref().map(str::trim).unwrap_or("");
    if alt.is_empty() {
        return Err((
            table.clone(),
            format!(
                "de foto {} heeft geen alt-tekst; beschrijf in alt wat er op de foto te zien is",
                pad_text
            ),
        ));
    }
    let rel = Path::new(pad_text.trim());
    if rel.is_absolute()
        || pad_text.starts_with('/')
        || pad_text.starts_with('\\')
        || pad_text.contains(':')
    {
        return Err((
            pad.clone(),
            format!(
                "het pad {} is absoluut; geef een pad binnen de map van het SWV, bijvoorbeeld foto.jpg",
                pad_text
            ),
        ));
    }
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) || pad_text.contains("..") {
        return Err((
            pad.clone(),
            format!(
                "het pad {} verwijst buiten de map van het SWV; zet de foto in de map zelf",
                pad_text
            ),
        ));
    }
    let full: PathBuf = folder.join(rel);
    let real = full.canonicalize().map_err(|_| {
        (
            pad.clone(),
            format!("de foto {} bestaat niet in de map van het SWV", pad_text),
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
                pad_text
            ),
        ));
    }
    let image = crate::inputs::image::load_photo(&real, cache)
        .map_err(|m| (pad.clone(), format!("de foto {} {m}", pad_text)))?;
    Ok(Photo {
        file_name: pad_text.trim().to_string(),
        alt: alt.to_string(),
        jpeg: image.jpeg,
        width: image.width,
        height: image.height,
    })
}

/// A warning at every name of a person in a text file (see [`super::names`]), outside the
/// comments and the `code`/`schooljaar`/`pad` lines.
pub fn warn_names(text: &str, shown: &Path, problems: &mut Problems) {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let skip = trimmed.starts_with('#')
            || ["code", "schooljaar", "pad", "id", "cijfer", "rol"]
                .iter()
                .any(|k| {
                    trimmed.starts_with(k) && trimmed[k.len()..].trim_start().starts_with('=')
                });
        if !skip {
            for f in super::names::find(line) {
                problems.push(
                    crate::diag::Problem::in_text(
                        shown,
                        text,
                        at + f.offset,
                        super::names::message(&f.name),
                    )
                    .as_warning(),
                );
            }
        }
        at += line.len();
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;
    use crate::inputs::toml_check::{names, sorted_fields, sub};

    #[test]
    fn the_schema_is_the_raw_structs() {
        assert_eq!(names(SUMMARY), sorted_fields::<RawSummary>());
        assert_eq!(
            names(sub(SUMMARY, "voorbeelden")),
            sorted_fields::<RawExample>()
        );
        assert_eq!(names(sub(SUMMARY, "citaten")), sorted_fields::<RawQuote>());
        assert_eq!(names(sub(SUMMARY, "foto")), sorted_fields::<RawPhoto>());
    }
}
