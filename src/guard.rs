//! What no command may change as a side effect: a published edition, and any folder wel wrote
//! itself. Every command that reads a source folder or writes into a folder asks here first,
//! before it changes anything.

use std::path::{Path, PathBuf};

use crate::fsutil;

/// Files only a folder wel wrote holds: an output folder or an edition.
const WRITTEN_BY_WEL: [&str; 3] = [
    crate::outputs::MANIFEST_FILE,
    crate::outputs::EDITION_INFO_FILE,
    ".wel-build.json",
];

/// The folder holding the editions by default.
const EDITIONS: &str = "edities";

/// `path` made absolute through its longest existing ancestor (it need not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut at = path.to_path_buf();
    loop {
        if let Ok(c) = at.canonicalize() {
            return rest.into_iter().rev().fold(c, |p, n| p.join(n));
        }
        match (at.file_name().map(ToOwned::to_owned), at.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                at = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Whether `dir` is an edition or the folder of the editions.
fn is_edition(dir: &Path) -> bool {
    dir.join(crate::outputs::EDITION_INFO_FILE).is_file()
        || dir.file_name().is_some_and(|n| n == EDITIONS)
}

/// The first folder at or under `dir` (symbolic links not followed) for which `hit` holds.
fn below(dir: &Path, hit: &dyn Fn(&Path) -> bool) -> Option<PathBuf> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if hit(&d) {
            return Some(d);
        }
        if let Ok(entries) = fsutil::read_dir_sorted(&d) {
            stack.extend(
                entries
                    .into_iter()
                    .filter(|p| p.is_dir() && !p.is_symlink()),
            );
        }
    }
    None
}

/// The folder wel wrote (an output folder, an edition, the editions) that `path` lies in or
/// holds, if any: a source folder there would have wel read its own documents as inputs.
pub fn written_by_wel(path: &Path) -> Option<PathBuf> {
    let path = absolute(path);
    let written = |dir: &Path| WRITTEN_BY_WEL.iter().any(|f| dir.join(f).is_file());
    if let Some(d) = path.ancestors().find(|d| written(d) || is_edition(d)) {
        return Some(d.to_path_buf());
    }
    below(&path, &written)
}

/// The edition (or the folder of the editions) that `path` lies in or holds, if any: nothing
/// writes there except `wel publiceer` making a new edition.
pub fn in_edition(path: &Path) -> Option<PathBuf> {
    let path = absolute(path);
    if let Some(d) = path.ancestors().find(|d| is_edition(d)) {
        return Some(d.to_path_buf());
    }
    below(&path, &|d: &Path| {
        d.join(crate::outputs::EDITION_INFO_FILE).is_file()
    })
}

/// Refuses a folder to write into that lies in (or holds) an edition. `what` names the
/// folder's role ("de uitvoermap").
pub fn refuse_writing_into_edition(path: &Path, what: &str) -> Result<(), String> {
    match in_edition(path) {
        Some(edition) => Err(format!(
            "{what} {} ligt in een gepubliceerde editie of in de map met edities ({}); een editie verandert nooit. Kies een andere map",
            path.display(),
            edition.display()
        )),
        None => Ok(()),
    }
}

/// Refuses a source folder that wel wrote itself. `what` names its role ("de invoermap").
pub fn refuse_source_written_by_wel(path: &Path, what: &str) -> Result<(), String> {
    match written_by_wel(path) {
        Some(folder) => Err(format!(
            "{what} {} is een map die wel zelf schreef ({}: documenten of een gepubliceerde editie); daar verandert niets en wel leest er geen invoer uit. Kies de juiste map",
            path.display(),
            folder.display()
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edition_is_found_above_and_below_and_a_new_folder_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let edition = tmp.path().join("archief/2026-07-01");
        std::fs::create_dir_all(edition.join("documenten/regio")).unwrap();
        std::fs::write(edition.join(crate::outputs::EDITION_INFO_FILE), "{}").unwrap();
        let inside = edition.join("documenten/regio");
        assert_eq!(
            in_edition(&inside).unwrap(),
            edition.canonicalize().unwrap()
        );
        assert!(in_edition(&inside.join("nieuw/dieper")).is_some());
        assert!(in_edition(&tmp.path().join("archief")).is_some());
        assert!(in_edition(&tmp.path().join("outputs")).is_none());
        let out = tmp.path().join("outputs");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(crate::outputs::MANIFEST_FILE), "{}").unwrap();
        assert!(in_edition(&out).is_none());
        assert!(written_by_wel(&out.join("regio")).is_some());
        assert!(written_by_wel(&tmp.path().join("post")).is_none());
    }
}
