//! Unpacking: the zips of attachments in the inbox, each into a folder beside it, within
//! the zip limits.

use super::*;

/// Unpacks every zip of attachments in the inbox (a workbook is a zip too, but not one of
/// these) into a folder beside it, within the zip limits, and takes the zip out of the inbox
/// (kept for `--terugdraaien`); its files are then handled as if they came loose, the files
/// of one zip together like those of one e-mail.
pub(super) fn unpack_zips(
    incoming: &Path,
    journal: &mut Journal<'_>,
) -> Result<Vec<Receipt>, FsError> {
    let mut receipts = Vec::new();
    for path in files_below(incoming)? {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if !is_attachment_zip(&bytes) {
            continue;
        }
        if let Err(why) = crate::inputs::limits::check_zip(&bytes) {
            receipts.push(left(&path, format!("{why}; pak het zip-bestand zelf uit")));
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "zip".into());
        let parent = path.parent().unwrap_or(incoming);
        let mut dir = parent.join(&stem);
        let mut n = 2;
        while dir.exists() {
            dir = parent.join(format!("{stem}-{n}"));
            n += 1;
        }
        let count = match extract(&bytes, &dir) {
            Ok(count) => count,
            Err(why) => {
                let _ = std::fs::remove_dir_all(&dir);
                receipts.push(left(&path, format!("{why}; pak het zip-bestand zelf uit")));
                continue;
            }
        };
        journal.file.stappen.push(Entry::Uitgepakt {
            map: dir.canonicalize().unwrap_or_else(|_| absolute(&dir)),
        });
        journal.take_from_inbox(&path)?;
        receipts.push(Receipt {
            file: path,
            action: Action::Unpacked {
                folder: crate::diag::relative(&dir, incoming),
                files: count,
            },
        });
    }
    Ok(receipts)
}

/// A zip that is not an Office or OpenDocument file.
pub(super) fn is_attachment_zip(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    !names
        .iter()
        .any(|n| n == "[Content_Types].xml" || n == "mimetype" || n.starts_with("xl/"))
}

/// The files of a zip (folders in it flattened; hidden and system files left out) into `dir`.
pub(super) fn extract(bytes: &[u8], dir: &Path) -> Result<usize, String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "het zip-bestand is beschadigd".to_string())?;
    let mut count = 0;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|_| "het zip-bestand is beschadigd".to_string())?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let Some(file) = Path::new(&name)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
        else {
            continue;
        };
        if file.starts_with('.') || name.contains("__MACOSX") || file.starts_with("~$") {
            continue;
        }
        let mut data = Vec::new();
        entry
            .by_ref()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|_| "het zip-bestand is beschadigd".to_string())?;
        if data.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "{file} in het zip-bestand is groter dan toegestaan"
            ));
        }
        let mut target = dir.join(&file);
        let mut n = 2;
        while target.exists() {
            target = dir.join(format!("{n}-{file}"));
            n += 1;
        }
        fsutil::write_atomic(&target, &data).map_err(|e| e.to_string())?;
        count += 1;
    }
    Ok(count)
}
