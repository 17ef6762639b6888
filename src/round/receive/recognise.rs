//! Recognising: what each returned file is (workbook, summary, photo) and which SWV it
//! belongs to, by what is inside it rather than by its name.

use super::*;

/// Every regular file below `dir`, sorted; hidden files and Office lock files (`~$...`) are
/// not returns.
pub(super) fn files_below(dir: &Path) -> Result<Vec<PathBuf>, FsError> {
    let mut out = Vec::new();
    for path in fsutil::read_dir_sorted(dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name
            .as_deref()
            .is_none_or(|n| n.starts_with('.') || n.starts_with("~$"))
        {
            continue;
        }
        if path.is_dir() {
            out.extend(files_below(&path)?);
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(out)
}

pub(super) fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What a file is and to which SWV it belongs, by its content; `Err` says why it cannot be
/// placed.
pub(super) fn recognise(path: &Path) -> Result<Found, String> {
    let ext = extension(path);
    let size = std::fs::metadata(path)
        .map_err(|e| format!("onleesbaar: {}", crate::fsutil::reason(&e)))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "het bestand is {} MB, meer dan de toegestane {} MB",
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let bytes = fsutil::read(path).map_err(|e| format!("onleesbaar: {e}"))?;
    if crate::inputs::image::sniff(&bytes).is_ok()
        || matches!(
            ext.as_str(),
            "jpg" | "jpeg" | "png" | "heic" | "webp" | "gif"
        )
    {
        return photo(path, &bytes).map(Found::Photo);
    }
    if ext == "toml" || (ext == "txt" && bytes.len() as u64 <= MAX_TEXT_BYTES) {
        return summary(path, &bytes).map(Found::File);
    }
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) || looks_like_workbook(&bytes) {
        return workbook(path, &bytes).map(Found::File);
    }
    Err("geen werkboek, samenvatting.toml of foto (JPEG of PNG); niet verwerkt".to_string())
}

/// Zip (xlsx, ods) or OLE (xls) bytes.
pub(super) fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A photo: placed later by the summary that names it. The image is checked now, so a HEIC
/// from a phone is refused here with the reason.
pub(super) fn photo(path: &Path, bytes: &[u8]) -> Result<Photo, String> {
    crate::inputs::image::sniff(bytes)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Photo {
        path: path.to_path_buf(),
        name,
    })
}

/// A summary: its `code`, and the photo it names. A summary that does not parse is still
/// filed when its code can be read, so `wel check` can name every problem in it.
pub(super) fn summary(path: &Path, bytes: &[u8]) -> Result<Recognised, String> {
    let shown = PathBuf::from(path.file_name().unwrap_or_default());
    let text = crate::inputs::text::decode_text(bytes, &shown).map_err(|p| p.to_string())?;
    let table: Option<toml::Table> = text.parse().ok();
    let code_text = match &table {
        Some(t) => t.get("code").and_then(|v| v.as_str()).map(str::to_string),
        None => key_line(&text, "code"),
    };
    let code_text = code_text.ok_or_else(|| {
        "geen SWV-code gevonden: een samenvatting begint met code = \"<CODE>\"".to_string()
    })?;
    let code = SwvCode::parse(&code_text)
        .map_err(|m| format!("de code \"{code_text}\" in het bestand is geen SWV-code: {m}"))?;
    if crate::inputs::personal_data::contains_bsn(&text) {
        return Err(
            "lijkt een BSN te bevatten; niet verwerkt. Haal persoonsgegevens weg en laat het bestand opnieuw sturen"
                .to_string(),
        );
    }
    let photo = table
        .as_ref()
        .and_then(|t| t.get("foto")?.get("pad")?.as_str().map(str::to_string))
        .and_then(|p| Some(Path::new(&p).file_name()?.to_string_lossy().into_owned()));
    if table.as_ref().is_some_and(unfilled_summary) {
        return Err(format!(
            "{UNFILLED}: de samenvatting van {code} is leeg (samenvatting, wat_werkt, voorbeelden en citaten); hij blijft staan"
        ));
    }
    let year_text = match &table {
        Some(t) => t
            .get("schooljaar")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        None => key_line(&text, "schooljaar"),
    };
    let year = year_text
        .as_deref()
        .and_then(|y| SchoolYear::parse(y).ok())
        .ok_or_else(|| {
            format!("geen geldig schooljaar in de samenvatting van {code} (zoals schooljaar = \"2025-2026\"); het schooljaar bepaalt waar hij komt te staan")
        })?;
    Ok(Recognised {
        path: path.to_path_buf(),
        role: Role::Summary,
        code,
        name: SUMMARY_FILE.to_string(),
        photo,
        year: Some(year),
        claims: None,
    })
}

/// A summary with no text at all: the skeleton `wel intake` writes, returned as it was.
pub(super) fn unfilled_summary(t: &toml::Table) -> bool {
    let text = t
        .get("samenvatting")
        .and_then(|v| v.as_str())
        .is_none_or(|s| s.trim().is_empty());
    let empty = |key: &str| {
        t.get(key)
            .and_then(|v| v.as_array())
            .is_none_or(Vec::is_empty)
    };
    text && empty("wat_werkt") && empty("voorbeelden") && empty("citaten")
}

/// `key = "..."` on a line of its own, for a summary with a syntax error elsewhere.
pub(super) fn key_line(text: &str, wanted: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (key, value) = l.split_once('=')?;
        let quotes = ['"', '\'', '“', '”', '„', '‘', '’'];
        (key.trim() == wanted).then(|| value.trim().trim_matches(quotes).to_string())
    })
}

/// A workbook: the one SWV code in its `code` columns; personal data refuses it.
pub(super) fn workbook(path: &Path, bytes: &[u8]) -> Result<Recognised, String> {
    let wb = read_workbook(bytes).map_err(|m| format!("onleesbaar: {m}"))?;
    let shown = PathBuf::from(path.file_name().unwrap_or_default());
    let mut problems = Problems::new();
    let tables = crate::inputs::table::read_tables(&shown, &wb, &mut problems);
    if let Some(p) = problems.iter().find(|p| p.privacy) {
        return Err(format!(
            "lijkt persoonsgegevens te bevatten; niet verwerkt ({}: {}). Haal ze weg en laat het bestand opnieuw sturen",
            p.place, p.message
        ));
    }
    let codes = codes_in(&wb);
    let code = match codes.as_slice() {
        [one] => one.clone(),
        [] => return Err(
            "geen SWV-code gevonden in de kolom code van de bladen SWV, Jeugdigen en Activiteiten"
                .to_string(),
        ),
        many => {
            let list: Vec<String> = many.iter().map(ToString::to_string).collect();
            return Err(format!(
                "bevat cijfers van meer SWV's ({}); een teruggestuurd werkboek hoort bij één SWV",
                list.join(", ")
            ));
        }
    };
    let ext = workbook_extension(path, bytes);
    let claims = tables
        .swv
        .iter()
        .find(|r| r.code == code)
        .map(|r| (r.naam.clone(), r.provincie));
    Ok(Recognised {
        path: path.to_path_buf(),
        role: Role::Workbook,
        code,
        name: format!("cijfers.{ext}"),
        photo: None,
        year: None,
        claims,
    })
}

/// The extension the filed workbook gets: its own when wel reads that, else by its content.
pub(super) fn workbook_extension(path: &Path, bytes: &[u8]) -> String {
    let ext = extension(path);
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return ext;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return "xls".into();
    }
    let is_ods = bytes
        .windows(b"application/vnd.oasis.opendocument.spreadsheet".len())
        .take(200)
        .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet");
    if is_ods { "ods" } else { "xlsx" }.into()
}

/// The distinct SWV codes under a `code` header in any sheet.
pub(super) fn codes_in(wb: &RawWorkbook) -> Vec<SwvCode> {
    let mut codes = Vec::new();
    for sheet in &wb.sheets {
        let header = sheet.cells.iter().find(
            |(_, v)| matches!(v, CellValue::Text(t) if t.trim().eq_ignore_ascii_case("code")),
        );
        let Some((&(header_row, col), _)) = header else {
            continue;
        };
        for (&(row, c), value) in &sheet.cells {
            if c == col
                && row > header_row
                && let CellValue::Text(t) = value
                && let Ok(code) = SwvCode::parse(t)
            {
                codes.push(code);
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}
