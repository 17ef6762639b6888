//! The totals secondary suppression withholds, kept between builds. Choosing them is the
//! costliest step outside Typst (about 40 ms on the sample inputs), and the choice depends only
//! on what is published (the ledger), the threshold, the provinces and the counts: never on a
//! text. So a build after a text change reuses it. The audit of what is then published runs
//! every time all the same, so a stale or altered file can never let a small count through.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::disclosure::Withheld;
use crate::ledger::{Cell, Ledger};
use crate::model::{Programme, SwvCode};

/// Where the choice is kept, and whether this run may write it (`wel check` only reads).
pub struct ProtectCache<'a> {
    pub path: &'a Path,
    pub write: bool,
    /// Part of the key: the wel version (its views decide what the ledger holds).
    pub salt: &'a [u8],
}

#[derive(Serialize, Deserialize)]
struct Stored {
    key: String,
    withheld: Vec<StoredWithheld>,
}

#[derive(Serialize, Deserialize)]
struct StoredWithheld {
    cells: Vec<Cell>,
    protects: Vec<SwvCode>,
    outputs: Vec<String>,
}

/// The totals to withhold: from the cache when it was made from the same figures, else chosen
/// anew (and kept when `cache.write`).
pub fn protect(
    ledger: &Ledger,
    programme: &Programme,
    cache: Option<&ProtectCache<'_>>,
) -> Vec<Withheld> {
    let Some(cache) = cache else {
        return crate::disclosure::protect(ledger, programme);
    };
    let key = key(cache.salt, ledger, programme);
    if let Some(withheld) = read(cache.path, &key, programme) {
        return withheld;
    }
    let withheld = crate::disclosure::protect(ledger, programme);
    if cache.write {
        let stored = Stored {
            key,
            withheld: withheld
                .iter()
                .map(|w| StoredWithheld {
                    cells: w.cells.clone(),
                    protects: w.protects.clone(),
                    outputs: w.outputs.clone(),
                })
                .collect(),
        };
        // Only a cache: a build that cannot write it chooses again next time.
        let json = serde_json::to_vec(&stored).expect("the stored choice serialises to JSON");
        let _ = crate::fsutil::write_atomic(cache.path, &json);
    }
    withheld
}

/// What the choice depends on: the ledger, the threshold, and every SWV's province and counts.
fn key(salt: &[u8], ledger: &Ledger, programme: &Programme) -> String {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(serde_json::to_vec(ledger).expect("the ledger serialises to JSON"));
    h.update(programme.project.drempel.to_le_bytes());
    for s in &programme.swvs {
        h.update(format!("{}|{}|{:?}\n", s.code, s.provincie, s.years));
    }
    crate::hash::hex(&h.finalize())
}

fn read(path: &Path, key: &str, programme: &Programme) -> Option<Vec<Withheld>> {
    let stored: Stored = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    (stored.key == key).then(|| {
        stored
            .withheld
            .into_iter()
            .map(|w| Withheld::restore(w.cells, w.protects, w.outputs, programme))
            .collect()
    })
}
