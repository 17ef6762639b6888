//! File system wrappers that name the path in every error, and atomic writes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// An I/O error with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{action} {path}: {}", reason(source))]
pub struct FsError {
    pub action: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Why a file operation failed, in Dutch (the system's own words only for the rare rest).
pub fn reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "bestaat niet".into(),
        K::PermissionDenied => {
            "geen toegang (controleer de rechten op het bestand of de map)".into()
        }
        K::AlreadyExists => "bestaat al".into(),
        K::StorageFull => "de schijf is vol".into(),
        K::IsADirectory => "is een map, geen bestand".into(),
        K::NotADirectory => "een deel van het pad is geen map".into(),
        K::ReadOnlyFilesystem => "de schijf is alleen-lezen".into(),
        K::InvalidData => "de inhoud is onleesbaar".into(),
        _ => format!("systeemfout ({e})"),
    }
}

fn wrap<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> FsError + 'a {
    move |source| FsError {
        action,
        path: path.to_path_buf(),
        source,
    }
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
/// (No fsync per file: the rename is atomic for every reader; durability against a power cut
/// is left to the file system, which keeps either the old or the new file on rename.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".wel-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(wrap("kan tijdelijk bestand niet maken in", dir))?;
    tmp.write_all(bytes)
        .map_err(wrap("kan niet schrijven", path))?;
    set_readable(tmp.as_file()).map_err(wrap("kan rechten niet zetten", path))?;
    tmp.persist(path).map_err(|e| FsError {
        action: "kan niet opslaan",
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Outputs are ordinary readable files (tempfile creates them private).
#[cfg(unix)]
fn set_readable(file: &fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_readable(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Size and modification time of a file, as a cheap "unchanged since" stamp.
pub fn stamp(path: &Path) -> Option<(u64, u128)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((meta.len(), modified))
}

/// A string as a TOML basic string (quoted and escaped), for the TOML files wel writes.
pub fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
