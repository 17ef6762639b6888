//! The build record (`.wel-build.json` in the output folder): what each output was made from,
//! and the fingerprints and hashes that decide whether a document is up to date.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{BuildOptions, Job, Outcome};
use crate::fsutil;
use crate::render::Engine;
use crate::render::view::Kind;

pub(crate) fn key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

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
    for kind in [Kind::Rapportage, Kind::Regio, Kind::Brochure] {
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

/// SHA-256 of input files, computed when a document that names them is built (each file
/// once per run), so an incremental build hashes only what it needs.
pub struct InputHashes {
    root: PathBuf,
    known: std::sync::Mutex<BTreeMap<String, String>>,
}

impl InputHashes {
    pub(crate) fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            known: std::sync::Mutex::new(BTreeMap::new()),
        }
    }

    pub(crate) fn get(&self, name: &str) -> String {
        if let Some(h) = self.known.lock().expect("hash cache").get(name) {
            return h.clone();
        }
        let h = file_sha256(&self.root.join(name)).unwrap_or_default();
        self.known
            .lock()
            .expect("hash cache")
            .insert(name.to_string(), h.clone());
        h
    }
}

/// Where the thumbnail of an output lives: `.wel-miniaturen/<sha256>.png` beside the outputs.
pub fn thumbnail_path(output: &Path, sha256: &str) -> Option<PathBuf> {
    let mut dir = output.parent()?;
    if dir.file_name().is_some_and(|n| n == "regio") {
        dir = dir.parent()?;
    }
    Some(dir.join(THUMBNAILS).join(format!("{sha256}.png")))
}

/// Folder of re-encoded photos kept between builds, inside the output folder.
pub const PHOTO_CACHE: &str = ".wel-fotos";

/// Folder of the thumbnails, inside the output folder.
pub const THUMBNAILS: &str = ".wel-miniaturen";

pub(crate) fn build_hash_prefix() -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(crate::render::fonts::FINGERPRINT.as_bytes());
    h.finalize().to_vec()
}

/// The hash of exactly what goes into one document.
pub(crate) fn job_hash(engine: &Engine, prefix: &[u8], job: &Job) -> String {
    let mut h = Sha256::new();
    h.update(prefix);
    engine.hash_templates_of(&job.input.template, &mut h);
    h.update(job.input.template.as_bytes());
    h.update(job.ident.as_bytes());
    h.update((job.input.data.len() as u64).to_le_bytes());
    h.update(&job.input.data);
    for (name, bytes) in &job.input.assets {
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn file_sha256(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| hex(&Sha256::digest(&b)))
}

/// Name of the incremental-build record in the output folder.
pub const CACHE_FILE: &str = ".wel-build.json";

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct BuildCache {
    /// The last run, when it was clean (no problems, nothing failed).
    #[serde(default)]
    pub(crate) last_run: Option<LastRun>,
    pub(crate) entries: BTreeMap<String, CacheEntry>,
    /// The input files the last run saw (to tell which SWV folders changed since).
    #[serde(default)]
    pub(crate) stamps: InputStamps,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct LastRun {
    pub(crate) fingerprint: String,
    pub(crate) outputs: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CacheEntry {
    /// Hash of the document's inputs (data, photos, templates, fonts, wel version).
    pub input: String,
    /// SHA-256 of the PDF written.
    pub sha256: String,
    /// Size and modification time of the PDF when written: changed means altered.
    pub len: u64,
    pub mtime: u128,
    pub pages: usize,
    pub meta: DocMeta,
}

/// What the manifest records about a document besides its bytes.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DocMeta {
    pub soort: String,
    pub titel: String,
    pub swv: Option<String>,
    pub schooljaar: String,
    /// Input files (relative to the inputs folder); hashed when the document is built.
    pub invoer: BTreeMap<String, String>,
}

impl DocMeta {
    pub(crate) fn new(
        kind: Kind,
        data: &serde_json::Value,
        swv: Option<String>,
        schooljaar: String,
        sources: Vec<PathBuf>,
    ) -> Self {
        Self {
            soort: kind.name().to_string(),
            titel: data["meta"]["titel"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            swv,
            schooljaar,
            invoer: sources
                .into_iter()
                .map(|p| (key(&p), String::new()))
                .collect(),
        }
    }
}

impl CacheEntry {
    /// The output is still the file this build wrote.
    pub(crate) fn intact(&self, path: &Path, with_thumbnail: bool) -> bool {
        fsutil::stamp(path) == Some((self.len, self.mtime))
            && (!with_thumbnail || thumbnail_path(path, &self.sha256).is_some_and(|t| t.is_file()))
    }
}

impl BuildCache {
    pub(crate) fn read(path: &Path) -> Self {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub(crate) fn write(&self, path: &Path) -> Result<(), fsutil::FsError> {
        fsutil::write_atomic(path, &serde_json::to_vec(self).expect("cache serialises"))
    }

    /// When the last run was clean, had this fingerprint and left every output intact, the
    /// outcomes of a run that would change nothing.
    pub(crate) fn unchanged_run(
        &self,
        fingerprint: &str,
        out: &Path,
        with_thumbnails: bool,
    ) -> Option<Vec<(PathBuf, Outcome)>> {
        let last = self
            .last_run
            .as_ref()
            .filter(|l| l.fingerprint == fingerprint)?;
        last.outputs
            .iter()
            .map(|k| {
                let entry = self.entries.get(k)?;
                entry
                    .intact(&out.join(k), with_thumbnails)
                    .then(|| (PathBuf::from(k), Outcome::UpToDate))
            })
            .collect()
    }
}
