//! Workbooks read before, kept between builds in the output folder: a workbook whose bytes
//! did not change is not parsed again (parsing is most of the time of an incremental build).
//!
//! One file, one line per workbook: the SHA-256 of the workbook's bytes and its cells as JSON,
//! under a first line with a hash of the reader's own source code, so a cached workbook is
//! always exactly what reading it now would give. Entries are parsed only when asked for (in
//! parallel, by the folder readers). A damaged or outdated file counts as empty; entries this
//! run did not use are dropped, so the cache never grows beyond the inputs.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::workbook::{CellValue, RawSheet, RawWorkbook};

/// Name of the cache file in the output folder.
pub use crate::outputs::WORKBOOK_CACHE;

/// The cache of one run: the file as read, and the entries this run used or added.
pub struct WorkbookCache {
    path: Option<PathBuf>,
    text: String,
    /// Entry key -> where its JSON is in `text`.
    index: HashMap<String, Range<usize>>,
    /// The entries for the next run: stored ones this run read successfully, new ones kept.
    used: Mutex<BTreeMap<String, Kept>>,
    /// Looks up only: keeps and saves nothing (for a look-ahead read of one folder).
    read_only: bool,
}

enum Kept {
    Stored(Range<usize>),
    New(String),
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredWorkbook {
    sheets: Vec<StoredSheet>,
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredSheet {
    name: String,
    hidden: bool,
    cells: Vec<(u32, u32, CellValue)>,
}

impl WorkbookCache {
    /// A cache that keeps nothing (e.g. for `wel check`).
    pub fn disabled() -> Self {
        Self {
            path: None,
            text: String::new(),
            index: HashMap::new(),
            used: Mutex::new(BTreeMap::new()),
            read_only: true,
        }
    }

    /// Opens the cache file at `path` for looking up only.
    pub fn open_read_only(path: &Path) -> Self {
        Self {
            read_only: true,
            ..Self::open(path)
        }
    }

    /// Opens the cache file at `path` (missing, unreadable or outdated counts as empty).
    pub fn open(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let mut index = HashMap::new();
        if let Some((first, rest)) = text.split_once('\n')
            && first == reader_hash()
        {
            let mut at = first.len() + 1;
            for line in rest.split_inclusive('\n') {
                if let Some((key, json)) = line.trim_end().split_once('\t') {
                    let start = at + key.len() + 1;
                    index.insert(key.to_string(), start..start + json.len());
                }
                at += line.len();
            }
        }
        Self {
            path: Some(path.to_path_buf()),
            text,
            index,
            used: Mutex::new(BTreeMap::new()),
            read_only: false,
        }
    }

    /// The key of a workbook file's bytes.
    pub fn key(bytes: &[u8]) -> String {
        crate::hash::sha256_hex(bytes)
    }

    /// The workbook with this key, when a previous run kept it.
    pub fn get(&self, key: &str) -> Option<RawWorkbook> {
        let range = self.index.get(key)?;
        let stored: StoredWorkbook = serde_json::from_str(&self.text[range.clone()]).ok()?;
        self.used
            .lock()
            .expect("cache lock")
            .insert(key.to_string(), Kept::Stored(range.clone()));
        Some(stored.to_raw())
    }

    /// Keeps a workbook for the next run. The caller keeps only workbooks in which the
    /// privacy checks found nothing: the cache never holds what looks like personal data.
    pub fn keep(&self, key: &str, wb: &RawWorkbook) {
        if self.read_only {
            return;
        }
        let mut used = self.used.lock().expect("cache lock");
        if used.contains_key(key) {
            return; // read from the cache: the stored entry is kept as it is
        }
        // Numbers JSON cannot hold exactly (none in real workbooks) are not cached.
        if let Some(stored) = StoredWorkbook::from_raw(wb) {
            let json = serde_json::to_string(&stored).expect("cache serialises");
            used.insert(key.to_string(), Kept::New(json));
        }
    }

    /// Writes the cache when this run added a workbook or no longer needs one.
    pub fn save(self) {
        let Some(path) = self.path.as_ref().filter(|_| !self.read_only) else {
            return;
        };
        let used = self.used.into_inner().expect("cache lock");
        let changed =
            used.len() != self.index.len() || used.values().any(|k| matches!(k, Kept::New(_)));
        if !changed {
            return;
        }
        let mut out = reader_hash();
        out.push('\n');
        for (key, kept) in &used {
            let json = match kept {
                Kept::Stored(range) => &self.text[range.clone()],
                Kept::New(json) => json.as_str(),
            };
            out.push_str(key);
            out.push('\t');
            out.push_str(json);
            out.push('\n');
        }
        // A cache that cannot be written only costs time next run.
        let _ = crate::fsutil::write_atomic(path, out.as_bytes());
    }
}

impl StoredWorkbook {
    fn from_raw(wb: &RawWorkbook) -> Option<Self> {
        let finite = |v: &CellValue| !matches!(v, CellValue::Number(n) if !n.is_finite());
        let sheets = wb
            .sheets
            .iter()
            .map(|s| {
                let cells = s
                    .cells
                    .iter()
                    .map(|(&(r, c), v)| finite(v).then(|| (r, c, v.clone())))
                    .collect::<Option<Vec<_>>>()?;
                Some(StoredSheet {
                    name: s.name.clone(),
                    hidden: s.hidden,
                    cells,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Self { sheets })
    }

    fn to_raw(&self) -> RawWorkbook {
        RawWorkbook {
            sheets: self
                .sheets
                .iter()
                .map(|s| RawSheet {
                    name: s.name.clone(),
                    hidden: s.hidden,
                    cells: s
                        .cells
                        .iter()
                        .map(|(r, c, v)| ((*r, *c), v.clone()))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A hash of the source code that turns bytes into a workbook: a changed reader never sees
/// workbooks cached by an older one.
fn reader_hash() -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    for src in [
        include_str!("workbook.rs"),
        include_str!("workbook_cache.rs"),
        include_str!("limits.rs"),
        include_str!("xls_guard.rs"),
        include_str!("ods_guard.rs"),
        include_str!("../contain.rs"),
    ] {
        h.update(src.as_bytes());
    }
    h.update(format!("{:?}", calamine_version()));
    crate::hash::hex(&h.finalize())
}

/// The calamine version the reader was built with (from Cargo.lock, via build.rs).
fn calamine_version() -> &'static str {
    env!("WEL_CALAMINE_VERSION")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn workbook(value: CellValue) -> RawWorkbook {
        let mut cells = BTreeMap::new();
        cells.insert((0, 0), CellValue::Text("code".into()));
        cells.insert((3, 7), value);
        RawWorkbook {
            sheets: vec![RawSheet {
                name: "Jeugdigen".into(),
                hidden: true,
                cells,
            }],
        }
    }

    /// What `read_workbook_file` does: look up, else read, then keep.
    fn get_or_read(
        cache: &WorkbookCache,
        bytes: &[u8],
        read: impl FnOnce() -> RawWorkbook,
    ) -> RawWorkbook {
        let key = WorkbookCache::key(bytes);
        let wb = cache.get(&key).unwrap_or_else(read);
        cache.keep(&key, &wb);
        wb
    }

    fn entries(path: &Path) -> usize {
        std::fs::read_to_string(path).unwrap().lines().count() - 1
    }

    #[test]
    fn a_cached_workbook_is_what_reading_gives() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WORKBOOK_CACHE);
        let original = workbook(CellValue::Number(0.1 + 0.2));
        let cache = WorkbookCache::open(&path);
        let first = get_or_read(&cache, b"file", || original.clone());
        cache.save();
        assert_eq!(entries(&path), 1);
        let cache = WorkbookCache::open(&path);
        let second = get_or_read(&cache, b"file", || panic!("must come from the cache"));
        assert_eq!(format!("{first:?}"), format!("{second:?}"));
        assert_eq!(
            second.sheets[0].cells[&(3, 7)],
            CellValue::Number(0.1 + 0.2)
        );
        // Other bytes are read, not taken from the cache.
        let other = get_or_read(&cache, b"other file", || workbook(CellValue::Bool(true)));
        assert_eq!(other.sheets[0].cells[&(3, 7)], CellValue::Bool(true));
    }

    #[test]
    fn unused_entries_are_removed_and_a_damaged_entry_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WORKBOOK_CACHE);
        let cache = WorkbookCache::open(&path);
        for name in [&b"a"[..], b"b"] {
            get_or_read(&cache, name, || workbook(CellValue::Bool(false)));
        }
        cache.save();
        assert_eq!(entries(&path), 2);
        let cache = WorkbookCache::open(&path);
        get_or_read(&cache, b"a", || panic!("cached"));
        cache.save();
        assert_eq!(entries(&path), 1, "b was not used and is removed");

        let damaged = std::fs::read_to_string(&path)
            .unwrap()
            .replace("Bool", "Boo");
        std::fs::write(&path, damaged).unwrap();
        let cache = WorkbookCache::open(&path);
        let mut read = false;
        get_or_read(&cache, b"a", || {
            read = true;
            workbook(CellValue::Bool(false))
        });
        assert!(read, "a damaged entry is read again");
        cache.save();
        assert_eq!(entries(&path), 1);

        let outdated = std::fs::read_to_string(&path)
            .unwrap()
            .replacen(&reader_hash(), "0000", 1);
        std::fs::write(&path, outdated).unwrap();
        assert!(
            WorkbookCache::open(&path)
                .get(&WorkbookCache::key(b"a"))
                .is_none(),
            "entries of another reader are not used"
        );
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let cache = WorkbookCache::disabled();
        cache.keep(&WorkbookCache::key(b"a"), &workbook(CellValue::Bool(false)));
        assert!(cache.get(&WorkbookCache::key(b"a")).is_none());
    }
}
