//! Resource limits: no input may exhaust the machine. Every limit is checked before the
//! expensive work it guards, and exceeding one is an input error, never a panic.

use std::io::{Cursor, Read, Seek};

/// Largest input file (workbook, summary, photo) read at all.
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;
/// Largest summary or project text file.
pub const MAX_TEXT_BYTES: u64 = 1024 * 1024;
/// Most entries in a workbook's zip container.
pub const MAX_ZIP_ENTRIES: usize = 2_000;
/// Largest total declared uncompressed size of a workbook's zip container.
pub const MAX_ZIP_UNCOMPRESSED: u64 = 200 * 1024 * 1024;
/// Highest compression ratio of a single zip entry larger than 1 MiB (zip bombs compress
/// better than 1:100; real spreadsheet XML stays well under it).
pub const MAX_ZIP_RATIO: u64 = 200;
/// Most non-empty cells read from one sheet.
pub const MAX_SHEET_CELLS: usize = 500_000;
/// Largest grid (rows x columns) a `.xls` or `.ods` sheet may declare: those formats are
/// read as whole ranges, so the grid is checked before calamine allocates it.
pub const MAX_GRID_CELLS: u64 = 2_000_000;
/// Rows and columns beyond these are not read as table data (a table this large is not a
/// programme figure sheet); cells there are reported, the grid is never allocated.
pub const MAX_TABLE_ROWS: u32 = 100_000;
pub const MAX_TABLE_COLUMNS: u32 = 200;
/// Photos: largest width or height in pixels, and the decoder's memory budget.
pub const MAX_IMAGE_SIDE: u32 = 8_000;
pub const MAX_IMAGE_ALLOC: u64 = 256 * 1024 * 1024;

/// Checks a zip container's directory before any entry is decompressed.
pub fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("het bestand is beschadigd of onvolledig (zip: {e})"))?;
    check_zip_archive(&mut archive)
}

fn check_zip_archive<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Result<(), String> {
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "het bestand bevat {} onderdelen, meer dan de toegestane {MAX_ZIP_ENTRIES}",
            archive.len()
        ));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| format!("het bestand is beschadigd of onvolledig (zip: {e})"))?;
        let size = entry.size();
        total = total.saturating_add(size);
        if size > 1024 * 1024 && size / entry.compressed_size().max(1) > MAX_ZIP_RATIO {
            return Err(format!(
                "onderdeel {} pakt uit tot {} MB vanuit {} kB: dit lijkt een zip-bom",
                entry.name().unwrap_or_default(),
                size / 1_000_000,
                entry.compressed_size() / 1000
            ));
        }
    }
    if total > MAX_ZIP_UNCOMPRESSED {
        return Err(format!(
            "het bestand pakt uit tot {} MB, meer dan de toegestane {} MB",
            total / 1_000_000,
            MAX_ZIP_UNCOMPRESSED / 1_000_000
        ));
    }
    Ok(())
}

/// Reads at most `limit` decompressed bytes of one zip entry; more is an error.
pub fn read_zip_entry_limited(
    bytes: &[u8],
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("het bestand is beschadigd of onvolledig (zip: {e})"))?;
    let Ok(entry) = archive.by_name(name) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("onderdeel {name} is beschadigd: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!(
            "onderdeel {name} is groter dan {} MB",
            limit / 1_000_000
        ));
    }
    Ok(Some(out))
}

/// The message for a workbook that is protected with a password.
pub const PROTECTED: &str = "het werkboek is beveiligd met een wachtwoord, dus wel kan het niet lezen; sla het op zonder wachtwoord (in Excel: Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord, het wachtwoord leegmaken) en stuur het opnieuw";
