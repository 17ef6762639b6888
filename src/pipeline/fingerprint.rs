//! Fingerprints of a run: what the inputs, templates and options look like now (file sizes
//! and modification times, as make does), to skip a build when nothing changed and to tell
//! which SWV folders alone changed since the last run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::BuildOptions;
use crate::fsutil;
use crate::hash::hex;
use crate::outputs::Kind;
use crate::render::Engine;

pub(crate) use crate::outputs::key_of as key;

/// A fingerprint of a whole run: wel version, templates and fonts, the options, and the
/// path, size and modification time of every input file. Equal fingerprints and intact
/// outputs mean nothing needs to be read at all.
pub(crate) fn run_fingerprint(
    engine: &Engine,
    options: &BuildOptions,
    version_hash: &[u8],
    stamps: &InputStamps,
) -> String {
    let mut h = Sha256::new();
    h.update(version_hash);
    for kind in Kind::ALL {
        engine.hash_templates_of(kind.template(), &mut h);
    }
    h.update(
        format!(
            "{:?}|{:?}|{}|{}|{}",
            options.only,
            options.swv,
            options.load.allow_personal_data,
            options.overview,
            options.bundles
        )
        .as_bytes(),
    );
    for (path, stamp) in stamps {
        hash_stamp(&mut h, path, *stamp);
    }
    // A new (or removed) edition changes what is taken over and what the audit holds.
    h.update(format!("{}", options.revise).as_bytes());
    if let Some(dir) = &options.editions {
        for e in crate::fsutil::read_dir_sorted(dir).unwrap_or_default() {
            let info = e.join(crate::edition::INFO_FILE);
            hash_stamp(&mut h, &info.to_string_lossy(), crate::fsutil::stamp(&info));
        }
    }
    hex(&h.finalize())
}

/// Size and modification time of every input file, by path relative to the inputs folder.
pub(crate) type InputStamps = BTreeMap<String, Option<(u64, u128)>>;

pub(crate) fn input_stamps(root: &Path) -> InputStamps {
    stamps_under(root)
        .into_iter()
        .map(|(p, stamp)| (key(p.strip_prefix(root).unwrap_or(&p)), stamp))
        .collect()
}

/// The SWV folders (`swv/<folder>/`) holding every input file that changed since the last
/// run, when all changes are inside such folders: their one-pagers can be compiled ahead,
/// while the rest is read. `None` when nothing or anything else changed.
pub(crate) fn changed_swv_folders(before: &InputStamps, now: &InputStamps) -> Option<Vec<String>> {
    let mut folders = std::collections::BTreeSet::new();
    let changed = now
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k)
        .chain(before.keys().filter(|k| !now.contains_key(*k)));
    for path in changed {
        let mut parts = path.split('/');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("swv"), Some(folder), Some(_)) => folders.insert(folder.to_string()),
            _ => return None,
        };
    }
    (!folders.is_empty()).then(|| folders.into_iter().collect())
}

fn hash_stamp(h: &mut Sha256, path: &str, stamp: Option<(u64, u128)>) {
    h.update(path.as_bytes());
    if let Some((len, mtime)) = stamp {
        h.update(len.to_le_bytes());
        h.update(mtime.to_le_bytes());
    }
}

/// A cheap fingerprint of everything a build reads: the inputs, and the template folder when
/// one is given (for `wel watch`).
pub fn input_fingerprint(options: &BuildOptions) -> String {
    let mut h = Sha256::new();
    let mut dirs = vec![options.inputs.as_path()];
    dirs.extend(options.templates.as_deref());
    for dir in dirs {
        h.update(dir.to_string_lossy().as_bytes());
        for (path, stamp) in input_stamps(dir) {
            hash_stamp(&mut h, &path, stamp);
        }
    }
    hex(&h.finalize())
}

/// Every file under `dir` with its size and modification time; sub-folders (one per SWV) are
/// walked in parallel, and the folder entries' own types spare a `stat` per entry.
fn stamps_under(dir: &Path) -> Vec<(PathBuf, Option<(u64, u128)>)> {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    let mut subdirs = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let is_dir = match e.file_type() {
            Ok(t) if t.is_symlink() => path.is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => path.is_dir(),
        };
        if is_dir {
            subdirs.push(path);
        } else {
            let stamp = fsutil::stamp(&path);
            files.push((path, stamp));
        }
    }
    files.par_extend(subdirs.par_iter().flat_map_iter(|d| stamps_under(d)));
    files
}
