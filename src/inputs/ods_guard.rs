//! Checking an `.ods` file before calamine opens it. calamine expands repeated rows and
//! columns (`table:number-rows-repeated`, `table:number-columns-repeated`) into a full grid,
//! so a few bytes can declare billions of cells. This streams `content.xml` once and computes
//! the grid each sheet would need.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::limits::{MAX_GRID_CELLS, read_zip_entry_limited};

/// Largest `content.xml` read for the check (the zip limits bound it already).
const MAX_CONTENT: u64 = 200 * 1024 * 1024;

fn repeated(e: &BytesStart<'_>, name: &[u8]) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            std::str::from_utf8(&a.value)
                .ok()
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(1)
}

fn has_value(e: &BytesStart<'_>) -> bool {
    e.attributes()
        .flatten()
        .any(|a| a.key.as_ref() == b"office:value-type")
}

pub fn check_ods(bytes: &[u8]) -> Result<(), String> {
    let Some(content) = read_zip_entry_limited(bytes, "content.xml", MAX_CONTENT)? else {
        return Err(
            "het .ods-bestand heeft geen inhoud (content.xml ontbreekt); sla het opnieuw op".into(),
        );
    };
    let mut reader = Reader::from_reader(content.as_slice());
    let mut buf = Vec::new();
    let mut sheet = String::new();
    let (mut row, mut rows_rep, mut col) = (0u64, 1u64, 0u64);
    let (mut row_used, mut max_row, mut max_col) = (0u64, 0u64, 0u64);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("het .ods-bestand is beschadigd ({e})"))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"table:table" => {
                sheet = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"table:name")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap_or_default();
                (row, max_row, max_col) = (0, 0, 0);
            }
            Event::Start(e) if e.name().as_ref() == b"table:table-row" => {
                rows_rep = repeated(&e, b"table:number-rows-repeated");
                col = 0;
                row_used = 0;
            }
            Event::Empty(e) if e.name().as_ref() == b"table:table-row" => {
                row = row.saturating_add(repeated(&e, b"table:number-rows-repeated"));
            }
            ref ev @ (Event::Start(ref e) | Event::Empty(ref e))
                if matches!(
                    e.name().as_ref(),
                    b"table:table-cell" | b"table:covered-table-cell"
                ) =>
            {
                let reps = repeated(e, b"table:number-columns-repeated");
                let filled = matches!(ev, Event::Start(_)) || has_value(e);
                col = col.saturating_add(reps);
                if filled {
                    row_used = col;
                }
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                if row_used > 0 {
                    max_row = row.saturating_add(rows_rep);
                    max_col = max_col.max(row_used);
                }
                row = row.saturating_add(rows_rep);
                let cells = max_row.saturating_mul(max_col);
                if cells > MAX_GRID_CELLS {
                    return Err(format!(
                        "blad {sheet} beslaat {max_row} rijen bij {max_col} kolommen ({cells} cellen), meer dan de toegestane {MAX_GRID_CELLS}; verwijder cellen ver onder of naast de tabel"
                    ));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The same `.ods` with the indentation between the elements of `content.xml` taken out
/// (whitespace-only text that holds a line break: layout, never a cell's text), or `None` when
/// it has none or cannot be rewritten.
pub fn without_layout_whitespace(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut changed = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().ok()?.to_string();
        let mut data = Vec::new();
        entry
            .by_ref()
            .take(MAX_CONTENT)
            .read_to_end(&mut data)
            .ok()?;
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        if name == "content.xml" {
            let clean = strip_layout(&data)?;
            changed |= clean.len() != data.len();
            data = clean;
        }
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(name, options).ok()?;
        out.write_all(&data).ok()?;
    }
    if !changed {
        return None;
    }
    Some(out.finish().ok()?.into_inner())
}

/// XML without whitespace-only text nodes that hold a line break.
fn strip_layout(xml: &[u8]) -> Option<Vec<u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = quick_xml::Writer::new(Vec::new());
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Eof => break,
            Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) && t.contains(&b'\n') => {}
            _ => writer.write_event(event.borrow()).ok()?,
        }
        buf.clear();
    }
    Some(writer.into_inner())
}
