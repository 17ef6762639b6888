//! Writing workbooks as office programs save them: `.xlsx` (through rust_xlsxwriter) and
//! `.ods` (an OpenDocument zip written here). Used for sample inputs, fixtures and intake forms.

use std::io::{Cursor, Write};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use zip::write::SimpleFileOptions;

/// A cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Number(f64::from(n))
    }
}

impl From<Option<u32>> for Cell {
    fn from(n: Option<u32>) -> Self {
        n.map_or(Cell::Empty, Cell::from)
    }
}

/// One sheet: a name, rows of cells, and which row is the header (printed bold).
#[derive(Debug, Clone, Default)]
pub struct SheetData {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    pub header_row: Option<usize>,
}

/// Writes an `.xlsx` workbook; fixed document properties keep the bytes reproducible.
pub fn xlsx(sheets: &[SheetData], title: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 9, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("WEL in Ontwikkeling")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let title_format = Format::new().set_bold().set_font_size(13);
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c16) = (r as u32, c as u16);
                let header = sheet.header_row == Some(r as usize);
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) if header => {
                        ws.write_string_with_format(r, c16, t, &bold)?;
                    }
                    Cell::Text(t)
                        if r == 0 && c == 0 && sheet.header_row.is_some_and(|h| h > 0) =>
                    {
                        ws.write_string_with_format(r, c16, t, &title_format)?;
                    }
                    Cell::Text(t) => {
                        ws.write_string(r, c16, t)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, c16, *n)?;
                    }
                }
            }
        }
        if let Some(h) = sheet.header_row {
            let width = sheet.rows.get(h).map_or(0, Vec::len);
            for c in 0..width {
                ws.set_column_width(c as u16, 16)?;
            }
        }
    }
    wb.save_to_buffer()
}

/// Writes an `.ods` workbook (OpenDocument spreadsheet) with fixed zip timestamps.
pub fn ods(sheets: &[SheetData]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let deflated =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let files: [(&str, String, SimpleFileOptions); 5] = [
            (
                "mimetype",
                "application/vnd.oasis.opendocument.spreadsheet".into(),
                stored,
            ),
            ("META-INF/manifest.xml", MANIFEST.into(), deflated),
            ("meta.xml", META.into(), deflated),
            ("styles.xml", STYLES.into(), deflated),
            ("content.xml", ods_content(sheets), deflated),
        ];
        for (name, text, options) in files {
            zip.start_file(name, options).expect("in-memory zip");
            zip.write_all(text.as_bytes()).expect("in-memory zip");
        }
        zip.finish().expect("in-memory zip");
    }
    buf.into_inner()
}

fn ods_content(sheets: &[SheetData]) -> String {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">"#,
        r#"<office:automatic-styles><style:style style:name="vet" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>"#,
        r#"<office:body><office:spreadsheet>"#
    ));
    for sheet in sheets {
        x.push_str(&format!(
            r#"<table:table table:name="{}">"#,
            escape(&sheet.name)
        ));
        for (r, row) in sheet.rows.iter().enumerate() {
            x.push_str("<table:table-row>");
            let style = if sheet.header_row == Some(r) {
                r#" table:style-name="vet""#
            } else {
                ""
            };
            for cell in row {
                match cell {
                    Cell::Empty => x.push_str("<table:table-cell/>"),
                    Cell::Text(t) => x.push_str(&format!(
                        r#"<table:table-cell{style} office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        escape(t)
                    )),
                    Cell::Number(n) => x.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    )),
                }
            }
            x.push_str("</table:table-row>");
        }
        x.push_str("</table:table>");
    }
    x.push_str("</office:spreadsheet></office:body></office:document-content>");
    x
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const MANIFEST: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#,
    r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
    r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
    r#"<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>"#,
    r#"<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>"#,
    r#"</manifest:manifest>"#
);

const META: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3">"#,
    r#"<office:meta><meta:generator>wel</meta:generator></office:meta></office:document-meta>"#
);

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"/>"#
);
