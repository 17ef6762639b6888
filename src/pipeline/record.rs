//! The build record (`.wel-build.json` in the output folder): each output as the manifest
//! describes it, with the hash of what it was made from, so the next build knows what is up to
//! date; and the fingerprint of the last clean run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::fingerprint::InputStamps;
use crate::export::manifest::Document;
use crate::fsutil;
use crate::hash::file_sha256;
use crate::outputs::{DocumentId, Outcome, OutputDir};

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct BuildRecord {
    /// The last run, when it was clean (no problems, nothing failed).
    #[serde(default)]
    pub(crate) last_run: Option<LastRun>,
    /// Every good output, by its key (`regio/PO2801.pdf`).
    pub(crate) entries: BTreeMap<String, Entry>,
    /// The input files the last run saw (to tell which SWV folders changed since).
    #[serde(default)]
    pub(crate) stamps: InputStamps,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct LastRun {
    pub(crate) fingerprint: String,
    pub(crate) outputs: Vec<DocumentId>,
}

/// One output as built.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// Hash of the document's inputs (data, photos, templates, fonts, wel version).
    pub input: String,
    /// Modification time of the PDF when written (with its size: changed means altered).
    pub mtime: u128,
    /// The document as the manifest lists it.
    pub document: Document,
}

impl Entry {
    /// The output is still the file this build wrote.
    pub(crate) fn intact(&self, out: &OutputDir, with_thumbnail: bool) -> bool {
        let path = out.file(&self.document.pad);
        fsutil::stamp(&path) == Some((self.document.bytes, self.mtime))
            && (!with_thumbnail || out.thumbnail(&self.document.sha256).is_file())
    }
}

impl BuildRecord {
    pub(crate) fn read(path: &Path) -> Self {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub(crate) fn write(&self, path: &Path) -> Result<(), fsutil::FsError> {
        fsutil::write_atomic(path, &serde_json::to_vec(self).expect("record serialises"))
    }

    /// Every good output as the manifest lists it.
    pub(crate) fn documents(&self) -> Vec<Document> {
        self.entries.values().map(|e| e.document.clone()).collect()
    }

    /// When the last run was clean, had this fingerprint and left every output intact, the
    /// outcomes of a run that would change nothing.
    pub(crate) fn unchanged_run(
        &self,
        fingerprint: &str,
        out: &OutputDir,
        with_thumbnails: bool,
    ) -> Option<Vec<(DocumentId, Outcome)>> {
        let last = self
            .last_run
            .as_ref()
            .filter(|l| l.fingerprint == fingerprint)?;
        last.outputs
            .iter()
            .map(|id| {
                let entry = self.entries.get(&id.key())?;
                entry
                    .intact(out, with_thumbnails)
                    .then(|| (id.clone(), Outcome::UpToDate))
            })
            .collect()
    }

    /// Forgets the outputs of SWVs whose folder is gone and removes their files (the
    /// one-pager and its bundle), so no stale one-pager is delivered.
    pub(crate) fn prune_removed_swvs(
        &mut self,
        folders: &[crate::model::SwvCode],
        out: &OutputDir,
    ) {
        let gone: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| {
                e.document
                    .swv
                    .as_ref()
                    .is_some_and(|c| !folders.iter().any(|f| f.as_str() == c))
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in gone {
            let _ = std::fs::remove_file(out.file(&k));
            if let Some(code) = self.entries.get(&k).and_then(|e| e.document.swv.clone()) {
                let _ = std::fs::remove_file(out.bundle(Some(&code)));
            }
            self.entries.remove(&k);
        }
    }
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

/// What every job's hash starts with: the wel version and the fonts.
pub(crate) fn build_hash_prefix() -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(crate::render::fonts::FINGERPRINT.as_bytes());
    h.finalize().to_vec()
}
