//! File system wrappers that name the path in every error, and atomic writes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// An I/O error with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{action} {path}: {source}")]
pub struct FsError {
    pub action: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

fn wrap<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> FsError + 'a {
    move |source| FsError { action, path: path.to_path_buf(), source }
}

pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    fs::read(path).map_err(wrap("kan niet lezen", path))
}

pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    fs::create_dir_all(path).map_err(wrap("kan map niet maken", path))
}

pub fn read_dir_sorted(path: &Path) -> Result<Vec<PathBuf>, FsError> {
    let mut out = Vec::new();
    for entry in fs::read_dir(path).map_err(wrap("kan map niet lezen", path))? {
        out.push(entry.map_err(wrap("kan map niet lezen", path))?.path());
    }
    out.sort();
    Ok(out)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file and a failed write leaves the previous file in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".wel-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(wrap("kan tijdelijk bestand niet maken in", dir))?;
    tmp.write_all(bytes).map_err(wrap("kan niet schrijven", path))?;
    tmp.as_file().sync_all().map_err(wrap("kan niet schrijven", path))?;
    tmp.persist(path).map_err(|e| FsError { action: "kan niet opslaan", path: path.to_path_buf(), source: e.error })?;
    Ok(())
}
