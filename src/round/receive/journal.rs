//! The journal of one `wel ontvang` run (`.vorige/<stamp>/journaal.json`): every change it
//! made, so that `--terugdraaien` restores the state before exactly, and refuses when that
//! would lose work (a file edited since, a round closed or an edition published since).

use std::path::{Path, PathBuf};

use super::{Action, ReceiveError, Recognised, Step};
use crate::fsutil::{self, FsError};
use crate::model::SchoolYear;

/// One change a run made, as the journal keeps it (paths relative to the inputs; `kopie`
/// relative to the run's folder in `.vorige/`).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub(super) enum Entry {
    /// A file written at `doel`; the file it replaced is kept as `bewaard`. `sha256`: what the
    /// run wrote there (undo restores only a file that is still as the run left it).
    Geplaatst {
        doel: PathBuf,
        bewaard: Option<PathBuf>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sha256: Option<String>,
    },
    /// A file moved within the inputs.
    Verplaatst { van: PathBuf, naar: PathBuf },
    /// A returned file taken out of the inbox (a copy is kept).
    UitInbox { bron: PathBuf, kopie: PathBuf },
    /// A folder the run made.
    Map { map: PathBuf },
    /// A zip of attachments unpacked into this folder of the inbox.
    Uitgepakt { map: PathBuf },
}

/// The journal of one run: what it changed, so `--terugdraaien` can restore the state before.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct JournalFile {
    pub(super) inbox: PathBuf,
    pub(super) stappen: Vec<Entry>,
    /// The rounds closed and the editions published when the run was made: undo does not
    /// reach past a later one without an explicit choice.
    #[serde(default)]
    pub(super) afgesloten: Option<Vec<SchoolYear>>,
    #[serde(default)]
    pub(super) edities: Option<Vec<String>>,
}

pub(super) struct Journal<'a> {
    pub(super) inputs: &'a Path,
    /// `.vorige/<stamp>/`, relative to the inputs.
    pub(super) dir: PathBuf,
    pub(super) file: JournalFile,
}

pub(super) const JOURNAL: &str = "journaal.json";

impl<'a> Journal<'a> {
    pub(super) fn new(inputs: &'a Path, incoming: &Path, stamp: &str, editions: &[String]) -> Self {
        let mut dir = Path::new(".vorige").join(stamp);
        let mut n = 2;
        while inputs.join(&dir).exists() {
            dir = Path::new(".vorige").join(format!("{stamp}-{n}"));
            n += 1;
        }
        Journal {
            inputs,
            dir,
            file: JournalFile {
                inbox: incoming
                    .canonicalize()
                    .unwrap_or_else(|_| incoming.to_path_buf()),
                stappen: Vec::new(),
                afgesloten: Some(crate::inputs::project::closed_rounds(inputs)),
                edities: Some(editions.to_vec()),
            },
        }
    }

    /// Makes the parent folders of `rel` (relative to the inputs), noting each one made.
    pub(super) fn parents(&mut self, rel: &Path) -> Result<(), FsError> {
        let mut missing = Vec::new();
        let mut at = rel.parent();
        while let Some(dir) = at.filter(|d| !d.as_os_str().is_empty()) {
            if self.inputs.join(dir).is_dir() {
                break;
            }
            missing.push(dir.to_path_buf());
            at = dir.parent();
        }
        for dir in missing.into_iter().rev() {
            fsutil::create_dir_all(&self.inputs.join(&dir))?;
            self.file.stappen.push(Entry::Map { map: dir });
        }
        Ok(())
    }

    /// Moves `from` to `to` (both relative to the inputs).
    pub(super) fn move_file(&mut self, from: &Path, to: &Path) -> Result<(), FsError> {
        self.parents(to)?;
        move_path(&self.inputs.join(from), &self.inputs.join(to))
    }

    /// Takes a returned file out of the inbox, keeping a copy for `--terugdraaien`.
    pub(super) fn take_from_inbox(&mut self, source: &Path) -> Result<(), FsError> {
        let name = source.file_name().unwrap_or_default();
        let n = self.file.stappen.len();
        let copy = Path::new("binnengekomen").join(format!("{n}-{}", name.to_string_lossy()));
        let at = self.inputs.join(&self.dir).join(&copy);
        fsutil::write_atomic(&at, &fsutil::read(source)?)?;
        let bron = source.canonicalize().unwrap_or_else(|_| absolute(source));
        std::fs::remove_file(source).map_err(|source_err| FsError {
            action: "kan niet verwijderen",
            path: source.to_path_buf(),
            source: source_err,
        })?;
        self.file
            .stappen
            .push(Entry::UitInbox { bron, kopie: copy });
        Ok(())
    }

    pub(super) fn apply(&mut self, r: &Recognised, step: &Step) -> Result<Action, FsError> {
        match step {
            Step::Same { target } => {
                self.take_from_inbox(&r.path)?;
                self.save()?;
                Ok(Action::Unchanged {
                    code: r.code.to_string(),
                    target: target.clone(),
                })
            }
            Step::Place {
                target,
                replaces,
                migrate,
                carry,
            } => {
                if let Some((from, to)) = carry {
                    // A photo at the top of the folder may just have moved with its summary.
                    let from = migrate
                        .iter()
                        .find(|(a, _)| a == from)
                        .map_or(from, |(_, b)| b);
                    self.parents(to)?;
                    fsutil::write_atomic(
                        &self.inputs.join(to),
                        &fsutil::read(&self.inputs.join(from))?,
                    )?;
                    self.file.stappen.push(Entry::Geplaatst {
                        doel: to.clone(),
                        bewaard: None,
                        sha256: Some(sha_of(&self.inputs.join(to))),
                    });
                }
                for (from, to) in migrate {
                    self.move_file(from, to)?;
                    self.file.stappen.push(Entry::Verplaatst {
                        van: from.clone(),
                        naar: to.clone(),
                    });
                }
                let bytes = fsutil::read(&r.path)?;
                let mut kept = None;
                for old in replaces {
                    let keep = self.dir.join(old);
                    self.move_file(old, &keep)?;
                    self.file.stappen.push(Entry::Geplaatst {
                        doel: old.clone(),
                        bewaard: Some(keep.clone()),
                        sha256: (old == target).then(|| crate::hash::sha256_hex(&bytes)),
                    });
                    kept = Some(keep);
                }
                self.parents(target)?;
                fsutil::write_atomic(&self.inputs.join(target), &bytes)?;
                if !replaces.contains(target) {
                    self.file.stappen.push(Entry::Geplaatst {
                        doel: target.clone(),
                        bewaard: None,
                        sha256: Some(crate::hash::sha256_hex(&bytes)),
                    });
                }
                self.take_from_inbox(&r.path)?;
                self.save()?;
                Ok(Action::Filed {
                    code: r.code.to_string(),
                    target: target.clone(),
                    kept,
                })
            }
        }
    }

    /// Undoes what this run did so far (zips unpacked and taken from the inbox), for a run
    /// that ends without filing anything: the inbox is as it was, and no journal is left.
    pub(super) fn roll_back(self) -> Result<(), FsError> {
        let run = self.inputs.join(&self.dir);
        reverse(&self.file.stappen, self.inputs, &run)?;
        let _ = std::fs::remove_dir_all(&run);
        let vorige = self.inputs.join(".vorige");
        if fsutil::read_dir_sorted(&vorige).is_ok_and(|d| d.is_empty()) {
            let _ = std::fs::remove_dir(&vorige);
        }
        Ok(())
    }

    /// Writes the journal (nothing when the run changed nothing).
    pub(super) fn save(&self) -> Result<(), FsError> {
        if self.file.stappen.is_empty() {
            return Ok(());
        }
        let json = serde_json::to_vec_pretty(&self.file).expect("the journal serialises");
        fsutil::write_atomic(&self.inputs.join(&self.dir).join(JOURNAL), &json)
    }
}

pub(super) fn absolute(path: &Path) -> PathBuf {
    std::env::current_dir()
        .map(|d| d.join(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Moves a file, also across file systems.
pub(super) fn move_path(from: &Path, to: &Path) -> Result<(), FsError> {
    if let Some(dir) = to.parent() {
        fsutil::create_dir_all(dir)?;
    }
    if std::fs::rename(from, to).is_err() {
        fsutil::write_atomic(to, &fsutil::read(from)?)?;
        std::fs::remove_file(from).map_err(|source| FsError {
            action: "kan niet verplaatsen",
            path: from.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}

/// What `--terugdraaien` restored.
pub struct Undone {
    /// The run's folder in `.vorige/`.
    pub run: PathBuf,
    pub steps: usize,
}

/// The SHA-256 of a file (empty when it cannot be read).
pub(super) fn sha_of(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| crate::hash::sha256_hex(&b))
        .unwrap_or_default()
}

/// Why undoing a run would lose work: the files it placed that were changed since (by hand),
/// and the rounds closed or editions published after it (only refused without `past`).
pub(super) fn refuse_lossy_undo(
    journal: &JournalFile,
    inputs: &Path,
    editions: &[String],
    past: bool,
) -> Result<(), ReceiveError> {
    let changed: Vec<String> = journal
        .stappen
        .iter()
        .filter_map(|e| match e {
            Entry::Geplaatst {
                doel,
                sha256: Some(sha),
                ..
            } => {
                let at = inputs.join(doel);
                (at.exists() && sha_of(&at) != *sha).then(|| doel.display().to_string())
            }
            _ => None,
        })
        .collect();
    if !changed.is_empty() {
        return Err(ReceiveError::Refused(format!(
            "er is niets teruggedraaid: sinds die wel ontvang {} met de hand veranderd ({}); terugdraaien zou die wijziging weggooien. Bewaar de wijziging eerst elders, of zet het bestand terug zoals wel ontvang het neerzette, en probeer het opnieuw",
            if changed.len() == 1 {
                "is dit bestand"
            } else {
                "zijn deze bestanden"
            },
            changed.join(", ")
        )));
    }
    if past {
        return Ok(());
    }
    let mut later = Vec::new();
    if let Some(then) = &journal.afgesloten {
        for y in crate::inputs::project::closed_rounds(inputs) {
            if !then.contains(&y) {
                later.push(format!("de ronde {y} is afgerond"));
            }
        }
    }
    if let Some(then) = &journal.edities {
        for name in editions {
            if !then.contains(name) {
                later.push(format!("editie {name} is gepubliceerd"));
            }
        }
    }
    if later.is_empty() {
        return Ok(());
    }
    Err(ReceiveError::Refused(format!(
        "er is niets teruggedraaid: na die wel ontvang {}; terugdraaien haalt bestanden weg waarop dat gebouwd is. Wilt u het toch: wel ontvang --terugdraaien --ja",
        crate::dutch::enumerate(&later, "en")
    )))
}

/// Restores the inputs (and the inbox) to the state before the last `wel ontvang` run. Refused
/// when a file it placed was changed since, or (without `past`) when a round was closed or an
/// edition published after it.
///
/// `editions`: the names of the editions published now.
pub fn undo_last(inputs: &Path, editions: &[String], past: bool) -> Result<Undone, ReceiveError> {
    let runs: Vec<PathBuf> = fsutil::read_dir_sorted(&inputs.join(".vorige"))
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.join(JOURNAL).is_file())
        .collect();
    let Some(run) = runs.into_iter().max_by_key(|d| run_order(d)) else {
        return Err(ReceiveError::Refused(format!(
            "er is geen wel ontvang om terug te draaien: {} heeft geen journaal",
            inputs.join(".vorige").display()
        )));
    };
    let text = fsutil::read(&run.join(JOURNAL))?;
    let journal: JournalFile = serde_json::from_slice(&text).map_err(|e| {
        ReceiveError::Refused(format!(
            "{} is beschadigd: {e}",
            run.join(JOURNAL).display()
        ))
    })?;
    refuse_lossy_undo(&journal, inputs, editions, past)?;
    reverse(&journal.stappen, inputs, &run)?;
    std::fs::remove_dir_all(&run).map_err(|source| FsError {
        action: "kan niet verwijderen",
        path: run.clone(),
        source,
    })?;
    let vorige = inputs.join(".vorige");
    if fsutil::read_dir_sorted(&vorige).is_ok_and(|d| d.is_empty()) {
        let _ = std::fs::remove_dir(&vorige);
    }
    Ok(Undone {
        run: crate::diag::relative(&run, inputs),
        steps: journal.stappen.len(),
    })
}

/// Reverses the steps of one run (last first): `run` is its folder in `.vorige/`.
pub(super) fn reverse(steps: &[Entry], inputs: &Path, run: &Path) -> Result<(), FsError> {
    for entry in steps.iter().rev() {
        match entry {
            Entry::Geplaatst { doel, bewaard, .. } => {
                let at = inputs.join(doel);
                if at.exists() {
                    std::fs::remove_file(&at).map_err(|source| FsError {
                        action: "kan niet verwijderen",
                        path: at.clone(),
                        source,
                    })?;
                }
                if let Some(kept) = bewaard {
                    move_path(&inputs.join(kept), &at)?;
                }
            }
            Entry::Verplaatst { van, naar } => move_path(&inputs.join(naar), &inputs.join(van))?,
            Entry::UitInbox { bron, kopie } => {
                fsutil::write_atomic(bron, &fsutil::read(&run.join(kopie))?)?;
            }
            Entry::Map { map } => {
                // Only when empty: what else is in it was not made by this run.
                let _ = std::fs::remove_dir(inputs.join(map));
            }
            Entry::Uitgepakt { map } => {
                let _ = std::fs::remove_dir_all(map);
            }
        }
    }
    Ok(())
}

/// Runs sort by their stamp, then by the number a second run of the same second gets.
pub(super) fn run_order(dir: &Path) -> (String, u32) {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.rsplit_once('-') {
        Some((stamp, n)) if stamp.len() >= 19 && n.parse::<u32>().is_ok() => {
            (stamp.to_string(), n.parse().unwrap_or(0))
        }
        _ => (name, 1),
    }
}
