//! Secondary suppression: the totals to withhold so that nothing published together gives a
//! small count away, applied to the ledger of the one plan of a build, and audited.
//!
//! Choosing the totals is the costliest step outside Typst (about 40 ms on the sample inputs),
//! and the choice depends only on what is published (the ledger), the threshold, the provinces
//! and the counts: never on a text. So it is kept between builds (`.wel-afscherming.json`) and
//! a build after a text change reuses it. The audit of what is then published runs every time
//! all the same, so a stale or altered file can never let a small count through.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::disclosure::{Audit, Withheld, Witness};
use super::figures::Data;
use super::ledger::{Cell, Ledger, Withholding};
use crate::model::{Programme, SwvCode};

/// What protecting a plan's ledger decided.
#[derive(Debug, Default)]
pub struct Protection {
    /// The totals withheld, and why.
    pub withheld: Vec<Withheld>,
    /// What is still given away or narrowed after withholding (it should be nothing: a build
    /// refuses to publish the national documents otherwise), and how many small counts the
    /// audit judged.
    pub audit: Audit,
    /// The solutions protection found (kept with a new edition for later audits).
    pub witnesses: Vec<Witness>,
}

/// Chooses the totals to withhold (from the cache when it was made from the same figures),
/// settles how every figure of `ledger` is printed, and audits the result.
///
/// `keep`: the figures (by their cells) the edition this build follows printed as `×`; they stay
/// withheld where this build prints them again.
pub fn protect(
    ledger: &Ledger,
    data: Data<'_>,
    cache: Option<&ProtectCache<'_>>,
    keep: &[Vec<Cell>],
) -> Protection {
    let (withheld, witnesses) = choose(ledger, data, cache, keep);
    ledger.resolve(&Withholding::new(withheld.iter().map(|w| w.cells.clone())));
    // Audited every time, also when nothing is withheld: the choice may come from a file. The
    // solutions protection found count only if they satisfy what is finally published.
    let audit = super::disclosure::audit(ledger, data, &witnesses);
    Protection {
        withheld,
        audit,
        witnesses,
    }
}

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
    /// The solutions protection found (the audit checks each again).
    #[serde(default)]
    witnesses: Vec<Witness>,
}

#[derive(Serialize, Deserialize)]
struct StoredWithheld {
    cells: Vec<Cell>,
    protects: Vec<SwvCode>,
    outputs: Vec<String>,
}

/// The totals to withhold: from the cache when it was made from the same figures, else chosen
/// anew (and kept when `cache.write`).
fn choose(
    ledger: &Ledger,
    data: Data<'_>,
    cache: Option<&ProtectCache<'_>>,
    keep: &[Vec<Cell>],
) -> (Vec<Withheld>, Vec<Witness>) {
    let Some(cache) = cache else {
        return super::disclosure::suppress(ledger, data, keep);
    };
    let key = key(cache.salt, ledger, data, keep);
    if let Some(kept) = read(cache.path, &key, data.programme) {
        return kept;
    }
    let (withheld, witnesses) = super::disclosure::suppress(ledger, data, keep);
    if cache.write {
        let stored = Stored {
            witnesses: witnesses.clone(),
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
    (withheld, witnesses)
}

/// What the choice depends on: the ledger, the threshold, and every SWV's province and counts.
fn key(salt: &[u8], ledger: &Ledger, data: Data<'_>, keep: &[Vec<Cell>]) -> String {
    let mut h = Sha256::new();
    h.update(salt);
    // The attacker the choice was made against: the exact one, with the rules between counts.
    h.update(b"exact reader with row rules, v2");
    ledger.hash_rule_key(&mut h);
    h.update(data.threshold().to_le_bytes());
    for s in &data.programme.swvs {
        h.update(format!("{}|{}\n", s.code, s.provincie.name()));
    }
    h.update(data.counts.fingerprint());
    for cells in keep {
        h.update(format!("kept {cells:?}\n"));
    }
    crate::hash::hex(&h.finalize())
}

fn read(path: &Path, key: &str, programme: &Programme) -> Option<(Vec<Withheld>, Vec<Witness>)> {
    let stored: Stored = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    (stored.key == key).then(|| {
        let withheld = stored
            .withheld
            .into_iter()
            .map(|w| Withheld::restore(w.cells, w.protects, w.outputs, programme))
            .collect();
        (withheld, stored.witnesses)
    })
}
