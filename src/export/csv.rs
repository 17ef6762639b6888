//! CSV the way Excel in the Netherlands opens it: UTF-8 with BOM, `;` between fields, CRLF
//! line ends. The rows come from a view ([`crate::views::csv`]), so every count in them is in
//! the ledger.

/// The file's bytes for these rows (fields hold no `;`, quotes or line ends).
pub fn write_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    for row in rows {
        out.push_str(&row.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A bundle's CSV file: its name and bytes.
pub struct CsvFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}
