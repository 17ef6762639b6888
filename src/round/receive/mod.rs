//! `wel ontvang MAP`: the returned files of the intake round, as they came in by e-mail
//! (workbooks under any name, summaries, photos), each recognised by the SWV code inside it,
//! checked, and filed under `inputs/swv/<CODE>/` with the contract's names: the workbook as
//! `cijfers.xlsx`, a summary and its photo in the folder of its school year
//! (`swv/<CODE>/2025-2026/`). A form returned unfilled is left where it is ("niets
//! ingevuld"); a file it cannot place stays where it was.
//!
//! A run is one step that can be undone: before anything changes it is planned; when the plan
//! would replace filled-in input it is only shown, unless `--ja` is given. Every replaced file
//! and every returned file that is moved out of the inbox is kept in
//! `inputs/.vorige/<tijdstip>/` with a journal (`journaal.json`), which `wel ontvang
//! --terugdraaien` uses to restore the state before the run exactly.

mod journal;
mod place;
mod recognise;
mod unpack;

pub use crate::clock::stamp;
use journal::{Entry, Journal, absolute};
pub use journal::{Undone, undo_last};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Problems;
use crate::fsutil::{self, FsError};
use crate::inputs::limits::{MAX_FILE_BYTES, MAX_TEXT_BYTES};
use crate::inputs::set::{SUMMARY_FILE, WORKBOOK_EXTENSIONS};
use crate::inputs::workbook::{CellValue, RawWorkbook, read_workbook};
use crate::model::{SchoolYear, SwvCode};
use place::*;
use recognise::*;
use unpack::*;

/// What a returned file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Workbook,
    Summary,
    Photo,
}

impl Role {
    fn label(self) -> &'static str {
        match self {
            Role::Workbook => "werkboek",
            Role::Summary => "samenvatting",
            Role::Photo => "foto",
        }
    }
}

/// A returned file, recognised.
struct Recognised {
    path: PathBuf,
    role: Role,
    code: SwvCode,
    /// The name it gets in the SWV folder.
    name: String,
    /// For a summary: the file name of the photo it names.
    photo: Option<String>,
    /// For a summary: its school year (it is filed in that year's folder); for a photo: the
    /// year of the summary that names it.
    year: Option<SchoolYear>,
    /// For a workbook: the SWV's name and province as its SWV sheet gives them.
    claims: Option<(String, crate::model::Province)>,
}

/// A returned photo: its SWV is the one whose summary names it.
struct Photo {
    path: PathBuf,
    name: String,
}

/// A returned file, by what it is.
enum Found {
    File(Recognised),
    Photo(Photo),
}

/// What happened to one returned file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Filed as `target` (relative to the inputs); `kept` is where the file it replaced went.
    Filed {
        code: String,
        target: PathBuf,
        kept: Option<PathBuf>,
    },
    /// The same bytes are already filed as `target`: the returned copy is removed.
    Unchanged { code: String, target: PathBuf },
    /// Not filed; the file stays where it was, for this reason.
    Left(String),
    /// A zip of attachments, unpacked into `folder` (in the inbox); its files are handled as
    /// if they came loose.
    Unpacked { folder: PathBuf, files: usize },
}

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub file: PathBuf,
    pub action: Action,
}

/// The result of a run: per file what was done, and the problems `wel check` finds in the
/// folders that received files.
pub struct Received {
    pub receipts: Vec<Receipt>,
    /// The SWVs that received files (the command checks their inputs as `wel check` does).
    pub touched: Vec<String>,
}

/// How a run goes.
pub struct ReceiveOptions<'a> {
    /// Replace filled-in input without asking first.
    pub ja: bool,
    /// The run's moment (`2026-11-29T17-05-03`): the folder that keeps what it replaces.
    pub stamp: &'a str,
    /// The names of the editions published so far (the journal notes them).
    pub editions: &'a [String],
}

/// Why a run did nothing.
#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error("{0}")]
    Refused(String),
    /// The plan replaces filled-in input and `--ja` was not given: these lines say what.
    #[error("{} ingevulde invoer vervangen; er is niets veranderd", match .0.len() { 1 => "1 bestand zou".to_string(), n => format!("{n} bestanden zouden") })]
    WouldReplace(Vec<String>),
}

/// Files every returned file in `incoming` (and its subfolders) it can place into `inputs`.
pub fn receive(
    incoming: &Path,
    inputs: &Path,
    options: &ReceiveOptions<'_>,
) -> Result<Received, ReceiveError> {
    refuse_inbox_in_inputs(incoming, inputs)?;
    refuse_written_by_wel(incoming)?;
    let known = known_codes(inputs)?;
    let mut journal = Journal::new(inputs, incoming, options.stamp, options.editions);
    let mut receipts = unpack_zips(incoming, &mut journal)?;
    let mut recognised = Vec::new();
    let mut photos = Vec::new();
    for path in files_below(incoming)? {
        match recognise(&path) {
            Ok(Found::File(r)) if !known.contains(&r.code) => {
                receipts.push(left(&path, unknown_code(&r.code)));
            }
            Ok(Found::File(r)) => recognised.push(r),
            Ok(Found::Photo(p)) => photos.push(p),
            Err(why) => receipts.push(left(&path, why)),
        }
    }
    let recognised = someone_else(recognised, inputs, &mut receipts);
    let recognised = unfilled_workbooks(recognised, inputs, &mut receipts);
    let here = Here {
        inputs,
        known: &known,
        incoming,
    };
    let placed = place_photos(&recognised, photos, &mut receipts, &here);
    let mut recognised = recognised;
    recognised.extend(placed);
    let recognised = refuse_doubles(recognised, &mut receipts);
    if recognised.is_empty() && !receipts.is_empty() && receipts.iter().all(is_unfilled) {
        journal.roll_back()?;
        return Err(ReceiveError::Refused(format!(
            "in {} staan alleen formulieren die niet zijn ingevuld (zoals wel intake ze schreef); er is niets veranderd. Is dit de map met de teruggestuurde bestanden?",
            incoming.display()
        )));
    }
    let plan = plan(&recognised, inputs)?;
    let replacing: Vec<String> = plan
        .iter()
        .filter_map(|step| step.replaces(inputs))
        .collect();
    if !replacing.is_empty() && !options.ja {
        // Nothing changes anywhere: an unpacked zip goes back as it was.
        journal.roll_back()?;
        return Err(ReceiveError::WouldReplace(replacing));
    }
    let mut touched = Vec::new();
    for (r, step) in recognised.iter().zip(&plan) {
        let action = journal.apply(r, step)?;
        if !matches!(action, Action::Left(_)) {
            touched.push(r.code.to_string());
        }
        receipts.push(Receipt {
            file: r.path.clone(),
            action,
        });
    }
    journal.save()?;
    receipts.sort_by(|a, b| a.file.cmp(&b.file));
    touched.sort();
    touched.dedup();
    Ok(Received { receipts, touched })
}

/// The note of a returned form that was not filled in.
const UNFILLED: &str = "niets ingevuld";

/// Whether a file was left because it is a form returned unfilled.
pub fn is_unfilled(r: &Receipt) -> bool {
    matches!(&r.action, Action::Left(why) if why.starts_with(UNFILLED))
}

/// A source folder inside the inputs would have wel file the inputs into themselves.
fn refuse_inbox_in_inputs(incoming: &Path, inputs: &Path) -> Result<(), ReceiveError> {
    let (Ok(inc), Ok(inp)) = (incoming.canonicalize(), inputs.canonicalize()) else {
        return Ok(());
    };
    if inc.starts_with(&inp) || inp.starts_with(&inc) {
        return Err(ReceiveError::Refused(format!(
            "{} ligt in de invoermap {} (of omgekeerd); zet de teruggestuurde bestanden in een eigen map buiten de invoer, bijvoorbeeld post/",
            incoming.display(),
            inputs.display()
        )));
    }
    Ok(())
}

/// An inbox inside (or holding) a folder wel wrote (`outputs/`, an edition in `edities/`) is
/// refused before anything changes: its bundles are published documents, not returns.
fn refuse_written_by_wel(incoming: &Path) -> Result<(), ReceiveError> {
    match crate::guard::written_by_wel(incoming) {
        Some(folder) => Err(ReceiveError::Refused(format!(
            "{} is een map die wel zelf schreef ({}: documenten of een gepubliceerde editie); daar verandert niets. Zet de teruggestuurde bestanden in een eigen map, bijvoorbeeld post/",
            incoming.display(),
            folder.display()
        ))),
        None => Ok(()),
    }
}

/// A returned workbook whose SWV sheet gives another name or province than the inputs hold
/// for its code is not filed: the code or the name is wrong, and only a person can tell which
/// (it names both, and the SWV the name belongs to).
fn someone_else(
    all: Vec<Recognised>,
    inputs: &Path,
    receipts: &mut Vec<Receipt>,
) -> Vec<Recognised> {
    if all.iter().all(|r| r.claims.is_none()) {
        return all;
    }
    let raw = crate::inputs::set::read(inputs, &crate::inputs::set::LoadOptions::default());
    let national = raw.national.as_ref().map(|(_, t)| t);
    let known: BTreeMap<SwvCode, (String, crate::model::Province)> = raw
        .folders
        .iter()
        .map(|f| &f.tables)
        .chain(national)
        .flat_map(|t| &t.swv)
        .map(|r| (r.code.clone(), (r.naam.clone(), r.provincie)))
        .collect();
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let mut out = Vec::new();
    for r in all {
        let conflict = match (&r.claims, known.get(&r.code)) {
            (Some((naam, provincie)), Some((known_naam, known_provincie)))
                if !same(naam, known_naam) || provincie != known_provincie =>
            {
                let owner = known
                    .iter()
                    .find(|(c, (n, _))| **c != r.code && same(n, naam))
                    .map(|(c, _)| format!(" (zo heet {c})"))
                    .unwrap_or_default();
                Some(format!(
                    "niet opgeborgen: de code is {}, maar het blad SWV noemt \"{naam}\" in {}{owner}; in de invoer is {} \"{known_naam}\" in {}. Vraag na welk SWV dit stuurde en verbeter de code of de naam in het bestand (is de naam echt veranderd, pas hem dan eerst in de invoer aan)",
                    r.code,
                    provincie.name(),
                    r.code,
                    known_provincie.name()
                ))
            }
            _ => None,
        };
        match conflict {
            Some(why) => receipts.push(left(&r.path, why)),
            None => out.push(r),
        }
    }
    out
}

/// A returned workbook that holds nothing the inputs do not already hold (the form as `wel
/// intake` wrote it, with last year's figures filled in) is left: "niets ingevuld".
fn unfilled_workbooks(
    all: Vec<Recognised>,
    inputs: &Path,
    receipts: &mut Vec<Receipt>,
) -> Vec<Recognised> {
    let mut out = Vec::new();
    for r in all {
        // The same file again is "already received" (planned as such), not an unfilled form.
        if r.role == Role::Workbook && !same_as_filed(&r, inputs) && !adds_figures(&r, inputs) {
            receipts.push(left(
                &r.path,
                format!("{UNFILLED}: dit werkboek bevat geen cijfers die niet al in de invoer van {} staan; het blijft staan", r.code),
            ));
        } else {
            out.push(r);
        }
    }
    out
}

/// Whether a returned workbook is byte for byte the workbook filed for its SWV.
fn same_as_filed(r: &Recognised, inputs: &Path) -> bool {
    let Ok(bytes) = fsutil::read(&r.path) else {
        return false;
    };
    let folder = inputs.join("swv").join(r.code.as_str());
    fsutil::read_dir_sorted(&folder)
        .unwrap_or_default()
        .iter()
        .filter(|p| p.is_file())
        .any(|p| std::fs::read(p).is_ok_and(|b| b == bytes))
}

/// Whether a returned workbook has a figure the inputs of its SWV do not have (a new school
/// year, or a corrected figure), or a count that cannot be read (a formula without a stored
/// result, an error): that is a return too, and `wel check` names each such cell.
fn adds_figures(r: &Recognised, inputs: &Path) -> bool {
    let Some(returned) = fsutil::read(&r.path)
        .ok()
        .and_then(|b| read_workbook(&b).ok())
    else {
        return true; // let wel check name what is wrong with it
    };
    let mut problems = Problems::new();
    let shown = PathBuf::from(r.path.file_name().unwrap_or_default());
    let tables = crate::inputs::table::read_tables(&shown, &returned, &mut problems);
    if problems.has_errors() {
        return true;
    }
    let options = crate::inputs::set::LoadOptions::default();
    let existing = crate::inputs::set::read_one(inputs, r.code.as_str(), &options);
    let mut have: BTreeMap<(SchoolYear, crate::model::Sheet), crate::privacy::figures::RowValues> =
        BTreeMap::new();
    if let Some(raw) = &existing {
        let national = raw.national.as_ref().map(|(_, t)| t);
        for t in raw.folders.iter().map(|f| &f.tables).chain(national) {
            for row in t.jeugdigen.iter().chain(&t.activiteiten) {
                if row.code == r.code {
                    have.insert((row.schooljaar, row.sheet), row.values);
                }
            }
        }
    }
    tables
        .jeugdigen
        .iter()
        .chain(&tables.activiteiten)
        .filter(|row| row.code == r.code && row.values.iter().any(Option::is_some))
        .any(|row| have.get(&(row.schooljaar, row.sheet)) != Some(&row.values))
}

fn left(path: &Path, why: String) -> Receipt {
    Receipt {
        file: path.to_path_buf(),
        action: Action::Left(why),
    }
}

fn unknown_code(code: &SwvCode) -> String {
    format!(
        "onbekende SWV-code {code}: er is geen map swv/{code}/ in de invoer. Is het een nieuw SWV, maak dan eerst de map swv/{code}/ aan; anders is de code in het bestand verkeerd"
    )
}

/// The SWV codes that have a folder in the inputs.
fn known_codes(inputs: &Path) -> Result<Vec<SwvCode>, FsError> {
    let mut codes: Vec<SwvCode> = fsutil::read_dir_sorted(&inputs.join("swv"))?
        .into_iter()
        .filter(|p| p.is_dir())
        .filter_map(|p| SwvCode::parse(p.file_name()?.to_str()?).ok())
        .collect();
    codes.sort();
    Ok(codes)
}

/// The report line of one file.
pub fn describe(r: &Receipt, incoming: &Path) -> String {
    let file = crate::diag::relative(&r.file, incoming);
    match &r.action {
        Action::Filed { code, target, kept } => {
            let mut line = format!(
                "{}: opgeslagen als {} ({code})",
                file.display(),
                target.display()
            );
            if let Some(k) = kept {
                line.push_str(&format!("; het vorige bestand staat in {}", k.display()));
            }
            line
        }
        Action::Unchanged { code, target } => format!(
            "{}: staat al zo in {} ({code}); de kopie is verwijderd",
            file.display(),
            target.display()
        ),
        Action::Left(why) => format!("{}: blijft staan: {why}", file.display()),
        Action::Unpacked { folder, files } => format!(
            "{}: uitgepakt naar {} ({}); {} hieronder verwerkt",
            file.display(),
            folder.display(),
            crate::dutch::count(*files, "bestand", "bestanden"),
            if *files == 1 {
                "dat wordt"
            } else {
                "die worden"
            }
        ),
    }
}
