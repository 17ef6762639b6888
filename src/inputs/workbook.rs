//! Reading a workbook file (`.xlsx`, `.xlsm`, `.xls`, `.ods`) into sparse sheets of cells.
//!
//! The format is recognised from the file's bytes, not its name; zip containers are checked
//! against the limits before calamine opens them, and xlsx sheets are read cell by cell so
//! that a lone cell far away never allocates the grid between.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek};

use calamine::{Data, DataRef, Ods, Reader, SheetVisible, Xls, Xlsx};

use super::limits;

/// A cell value as read, independent of the file format.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CellValue {
    Number(f64),
    Text(String),
    Bool(bool),
    /// A date or time (as the file stored it, for messages).
    Date(String),
    /// A formula error such as `#DIV/0!`.
    Error(String),
    /// A formula with no stored result (a file written by a program that does not calculate,
    /// never opened in a spreadsheet program): its formula.
    NoResult(String),
}

/// One sheet: its name and its non-empty cells by (row, column), both 0-based.
#[derive(Debug, Clone, Default)]
pub struct RawSheet {
    pub name: String,
    pub hidden: bool,
    pub cells: BTreeMap<(u32, u32), CellValue>,
}

/// A workbook as read from disk.
#[derive(Debug, Clone, Default)]
pub struct RawWorkbook {
    pub sheets: Vec<RawSheet>,
}

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
    Xls,
}

/// Reads a workbook from bytes already loaded (and size-checked) from disk.
///
/// calamine can panic on some corrupt files (found by fuzzing, e.g. a damaged `.xls`
/// container); such a panic is caught here and reported as a damaged file, never a crash.
pub fn read_workbook(bytes: &[u8]) -> Result<RawWorkbook, String> {
    crate::contain::without_panic(|| read_unguarded(bytes)).unwrap_or_else(|| {
        Err("het bestand is beschadigd en kan niet als spreadsheet worden gelezen; sla het opnieuw op als .xlsx of .ods".into())
    })
}

fn read_unguarded(bytes: &[u8]) -> Result<RawWorkbook, String> {
    match detect(bytes)? {
        Format::Xlsx => {
            limits::check_zip(bytes)?;
            read_xlsx(bytes)
        }
        Format::Ods => {
            limits::check_zip(bytes)?;
            super::ods_guard::check_ods(bytes)?;
            match Ods::new(Cursor::new(bytes))
                .map_err(|e| damaged(&e))
                .and_then(|mut wb| read_ranges(&mut wb))
            {
                Ok(wb) => Ok(wb),
                // Some writers (gnumeric) indent content.xml: calamine stumbles over the
                // whitespace between cells. The same file without it reads as LibreOffice's.
                Err(first) => match super::ods_guard::without_layout_whitespace(bytes) {
                    Some(clean) => {
                        let mut wb: Ods<_> =
                            Ods::new(Cursor::new(clean)).map_err(|_| first.clone())?;
                        read_ranges(&mut wb).map_err(|_| first)
                    }
                    None => Err(first),
                },
            }
        }
        Format::Xls => {
            let stream = super::xls_guard::check_xls(bytes)?;
            let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
            let mut read = read_ranges(&mut wb)?;
            // A number shown as a date (a custom date format calamine does not recognise,
            // as gnumeric writes them) is a date, not a count.
            let dates = super::xls_guard::date_cells(&stream);
            for sheet in &mut read.sheets {
                let Some(cells) = dates.get(&sheet.name) else {
                    continue;
                };
                for (at, value) in sheet.cells.iter_mut() {
                    if let CellValue::Number(n) = value
                        && cells.contains(at)
                    {
                        *value = CellValue::Date(excel_date(*n));
                    }
                }
            }
            Ok(read)
        }
    }
}

/// A spreadsheet date serial (days since 30 December 1899, as Excel and LibreOffice count) as
/// a Dutch date, `22-02-2023`.
pub fn excel_date(serial: f64) -> String {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return format!("{serial}");
    }
    // Days since 1970-01-01, then the civil date.
    let d = crate::model::Date::from_unix_days(serial.floor() as i64 - 25_569);
    format!("{:02}-{:02}-{}", d.day, d.month, d.year)
}

/// A file calamine cannot read: what to do, never the parser's own words (they are English
/// and about XML, not about the spreadsheet).
fn damaged(e: &dyn std::fmt::Display) -> String {
    let _ = e;
    "het bestand kan niet als spreadsheet worden gelezen: het is beschadigd, of geschreven door een programma dat het formaat anders opslaat. Open het in Excel of LibreOffice Calc en sla het opnieuw op (als .xlsx)".to_string()
}

fn detect(bytes: &[u8]) -> Result<Format, String> {
    if bytes.is_empty() {
        return Err("het bestand is leeg (0 bytes); sla de spreadsheet opnieuw op".into());
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let mimetype = limits::read_zip_entry_limited(bytes, "mimetype", 1024)?;
        return Ok(match mimetype {
            Some(m) if m.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") => {
                let manifest =
                    limits::read_zip_entry_limited(bytes, "META-INF/manifest.xml", 1 << 20)?;
                if manifest.is_some_and(|m| m.windows(15).any(|w| w == b"encryption-data")) {
                    return Err(limits::PROTECTED.into());
                }
                Format::Ods
            }
            Some(_) => return Err("dit is een OpenDocument-bestand maar geen spreadsheet".into()),
            None => Format::Xlsx,
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An encrypted .xlsx is an OLE container holding the encrypted package.
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
            return Err(limits::PROTECTED.into());
        }
        return Ok(Format::Xls);
    }
    Err("dit is geen spreadsheet (verwacht .xlsx, .xlsm, .xls of .ods, opgeslagen door Excel of LibreOffice)".into())
}

fn read_xlsx(bytes: &[u8]) -> Result<RawWorkbook, String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let metas = worksheets(wb.sheets_metadata());
    let mut out = RawWorkbook::default();
    for (name, hidden) in metas {
        let mut sheet = RawSheet {
            name: name.clone(),
            hidden,
            cells: BTreeMap::new(),
        };
        let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| damaged(&e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| damaged(&e))? {
            let (row, col) = cell.get_position();
            if let Some(value) = from_data_ref(cell.get_value()) {
                insert_cell(&mut sheet, row, col, value)?;
            }
        }
        drop(reader);
        // A formula whose result was never stored reads as empty: it is named instead.
        if let Ok(formulas) = wb.worksheet_formula(&name) {
            let (row0, col0) = formulas.start().unwrap_or((0, 0));
            for (r, c, f) in formulas.used_cells() {
                let (row, col) = (row0 + r as u32, col0 + c as u32);
                if !f.trim().is_empty() && !sheet.cells.contains_key(&(row, col)) {
                    insert_cell(&mut sheet, row, col, CellValue::NoResult(format!("={f}")))?;
                }
            }
        }
        out.sheets.push(sheet);
    }
    Ok(out)
}

/// Reads formats that calamine only offers as whole ranges (`.ods`, `.xls`).
fn read_ranges<RS: Read + Seek, R: Reader<RS>>(wb: &mut R) -> Result<RawWorkbook, String>
where
    R::Error: std::fmt::Display,
{
    let metas = worksheets(wb.sheets_metadata());
    let mut out = RawWorkbook::default();
    for (name, hidden) in metas {
        let range = wb.worksheet_range(&name).map_err(|e| damaged(&e))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut sheet = RawSheet {
            name,
            hidden,
            cells: BTreeMap::new(),
        };
        for (r, c, value) in range.used_cells() {
            if let Some(value) = from_data(value) {
                insert_cell(&mut sheet, row0 + r as u32, col0 + c as u32, value)?;
            }
        }
        out.sheets.push(sheet);
    }
    Ok(out)
}

/// The worksheets of a workbook (charts and macro sheets left out) and whether each is hidden.
fn worksheets(sheets: &[calamine::Sheet]) -> Vec<(String, bool)> {
    sheets
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect()
}

fn insert_cell(sheet: &mut RawSheet, row: u32, col: u32, value: CellValue) -> Result<(), String> {
    if sheet.cells.len() >= limits::MAX_SHEET_CELLS {
        return Err(format!(
            "blad {} bevat meer dan {} gevulde cellen; dit is geen cijferblad",
            sheet.name,
            limits::MAX_SHEET_CELLS
        ));
    }
    sheet.cells.insert((row, col), value);
    Ok(())
}

fn from_data_ref(value: &DataRef<'_>) -> Option<CellValue> {
    Some(match value {
        DataRef::Int(i) => CellValue::Number(*i as f64),
        DataRef::Float(f) => CellValue::Number(*f),
        DataRef::String(s) => text(s)?,
        DataRef::SharedString(s) => text(s)?,
        DataRef::Bool(b) => CellValue::Bool(*b),
        DataRef::DateTime(d) => CellValue::Date(excel_date(d.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellValue::Date(dutch_iso(s)),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
        DataRef::Empty => return None,
    })
}

fn from_data(value: &Data) -> Option<CellValue> {
    Some(match value {
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) => text(s)?,
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(d) => CellValue::Date(excel_date(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Date(dutch_iso(s)),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => return None,
    })
}

/// An ISO date (`2026-05-03`, perhaps with a time) as the Dutch write it (`03-05-2026`);
/// anything else (a duration) as it is.
fn dutch_iso(s: &str) -> String {
    let date = s.get(..10).unwrap_or_default();
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}-{m}-{y}"),
        _ => s.to_string(),
    }
}

/// Text cells holding only whitespace count as empty.
fn text(s: &str) -> Option<CellValue> {
    if s.trim().is_empty() {
        None
    } else {
        Some(CellValue::Text(s.to_string()))
    }
}

/// Spreadsheet column letters for a 0-based column: 0 -> A, 27 -> AB.
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// A cell reference such as `C14` for 0-based (row, column).
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// Case- and space-insensitive matching of sheet and column names, as the contract prescribes.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_match_spreadsheet_names() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(13, 2), "C14");
        assert_eq!(cell_ref(1_048_575, 16_383), "XFD1048576");
        assert_eq!(column_letters(26), "AA");
    }

    #[test]
    fn recognises_non_spreadsheets() {
        assert!(detect(b"").unwrap_err().contains("leeg"));
        assert!(
            detect(b"%PDF-1.7")
                .unwrap_err()
                .contains("geen spreadsheet")
        );
    }
}
