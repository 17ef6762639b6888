//! Deterministic zip bundles: sorted entries, a fixed timestamp and fixed permissions, so the
//! same documents always give the same bytes; entry names are checked to be safe.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// One file in a bundle.
pub struct Entry {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An entry name that cannot escape the folder it is unpacked into.
pub fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains(':')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

/// Writes a zip of `entries` (sorted by name), each dated `date` (an edition's; 1 January 1980,
/// the earliest a zip can say, when none). PDFs are stored (already compressed), other files
/// deflated.
pub fn zip(mut entries: Vec<Entry>, date: Option<crate::model::Date>) -> Vec<u8> {
    let stamp = date
        .and_then(|d| {
            DateTime::from_date_and_time(u16::try_from(d.year).ok()?, d.month, d.day, 12, 0, 0).ok()
        })
        .unwrap_or_default();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for e in &entries {
        assert!(safe_name(&e.name), "unsafe bundle entry name {:?}", e.name);
        let method = if e.name.ends_with(".pdf") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(stamp)
            .unix_permissions(0o644);
        w.start_file(e.name.as_str(), options)
            .expect("in-memory zip");
        w.write_all(&e.bytes).expect("in-memory zip");
    }
    w.finish().expect("in-memory zip").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names_are_refused() {
        for bad in [
            "../x.pdf",
            "/etc/passwd",
            "a/../../b",
            "C:\\x",
            "a//b",
            "",
            "naam met spatie.pdf",
        ] {
            assert!(!safe_name(bad), "{bad}");
        }
        assert!(safe_name("regio/PO2801.pdf"));
    }

    #[test]
    fn zips_are_deterministic_and_sorted() {
        let edition = crate::model::Date {
            year: 2026,
            month: 12,
            day: 6,
        };
        let make = || {
            zip(
                vec![
                    Entry {
                        name: "b.csv".into(),
                        bytes: b"x".to_vec(),
                    },
                    Entry {
                        name: "a.pdf".into(),
                        bytes: b"y".to_vec(),
                    },
                ],
                Some(edition),
            )
        };
        let a = make();
        assert_eq!(a, make());
        let mut archive = zip::ZipArchive::new(Cursor::new(a)).unwrap();
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a.pdf", "b.csv"]);
        // Every entry is dated as the edition.
        for i in 0..archive.len() {
            let t = archive.by_index(i).unwrap().last_modified().unwrap();
            assert_eq!((t.year(), t.month(), t.day()), (2026, 12, 6));
        }
    }
}
