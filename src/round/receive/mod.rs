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
    #[error("{} bestand(en) zouden ingevulde invoer vervangen; er is niets veranderd", .0.len())]
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

/// Unpacks every zip of attachments in the inbox (a workbook is a zip too, but not one of
/// these) into a folder beside it, within the zip limits, and takes the zip out of the inbox
/// (kept for `--terugdraaien`); its files are then handled as if they came loose, the files
/// of one zip together like those of one e-mail.
fn unpack_zips(incoming: &Path, journal: &mut Journal<'_>) -> Result<Vec<Receipt>, FsError> {
    let mut receipts = Vec::new();
    for path in files_below(incoming)? {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if !is_attachment_zip(&bytes) {
            continue;
        }
        if let Err(why) = crate::inputs::limits::check_zip(&bytes) {
            receipts.push(left(&path, format!("{why}; pak het zip-bestand zelf uit")));
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "zip".into());
        let parent = path.parent().unwrap_or(incoming);
        let mut dir = parent.join(&stem);
        let mut n = 2;
        while dir.exists() {
            dir = parent.join(format!("{stem}-{n}"));
            n += 1;
        }
        let count = match extract(&bytes, &dir) {
            Ok(count) => count,
            Err(why) => {
                let _ = std::fs::remove_dir_all(&dir);
                receipts.push(left(&path, format!("{why}; pak het zip-bestand zelf uit")));
                continue;
            }
        };
        journal.file.stappen.push(Entry::Uitgepakt {
            map: dir.canonicalize().unwrap_or_else(|_| absolute(&dir)),
        });
        journal.take_from_inbox(&path)?;
        receipts.push(Receipt {
            file: path,
            action: Action::Unpacked {
                folder: crate::diag::relative(&dir, incoming),
                files: count,
            },
        });
    }
    Ok(receipts)
}

/// A zip that is not an Office or OpenDocument file.
fn is_attachment_zip(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    !names
        .iter()
        .any(|n| n == "[Content_Types].xml" || n == "mimetype" || n.starts_with("xl/"))
}

/// The files of a zip (folders in it flattened; hidden and system files left out) into `dir`.
fn extract(bytes: &[u8], dir: &Path) -> Result<usize, String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "het zip-bestand is beschadigd".to_string())?;
    let mut count = 0;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|_| "het zip-bestand is beschadigd".to_string())?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let Some(file) = Path::new(&name)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
        else {
            continue;
        };
        if file.starts_with('.') || name.contains("__MACOSX") || file.starts_with("~$") {
            continue;
        }
        let mut data = Vec::new();
        entry
            .by_ref()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|_| "het zip-bestand is beschadigd".to_string())?;
        if data.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "{file} in het zip-bestand is groter dan toegestaan"
            ));
        }
        let mut target = dir.join(&file);
        let mut n = 2;
        while target.exists() {
            target = dir.join(format!("{n}-{file}"));
            n += 1;
        }
        fsutil::write_atomic(&target, &data).map_err(|e| e.to_string())?;
        count += 1;
    }
    Ok(count)
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

/// Every regular file below `dir`, sorted; hidden files and Office lock files (`~$...`) are
/// not returns.
fn files_below(dir: &Path) -> Result<Vec<PathBuf>, FsError> {
    let mut out = Vec::new();
    for path in fsutil::read_dir_sorted(dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name
            .as_deref()
            .is_none_or(|n| n.starts_with('.') || n.starts_with("~$"))
        {
            continue;
        }
        if path.is_dir() {
            out.extend(files_below(&path)?);
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(out)
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What a file is and to which SWV it belongs, by its content; `Err` says why it cannot be
/// placed.
fn recognise(path: &Path) -> Result<Found, String> {
    let ext = extension(path);
    let size = std::fs::metadata(path)
        .map_err(|e| format!("onleesbaar: {}", crate::fsutil::reason(&e)))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "het bestand is {} MB, meer dan de toegestane {} MB",
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let bytes = fsutil::read(path).map_err(|e| format!("onleesbaar: {e}"))?;
    if crate::inputs::image::sniff(&bytes).is_ok()
        || matches!(
            ext.as_str(),
            "jpg" | "jpeg" | "png" | "heic" | "webp" | "gif"
        )
    {
        return photo(path, &bytes).map(Found::Photo);
    }
    if ext == "toml" || (ext == "txt" && bytes.len() as u64 <= MAX_TEXT_BYTES) {
        return summary(path, &bytes).map(Found::File);
    }
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) || looks_like_workbook(&bytes) {
        return workbook(path, &bytes).map(Found::File);
    }
    Err("geen werkboek, samenvatting.toml of foto (JPEG of PNG); niet verwerkt".to_string())
}

/// Zip (xlsx, ods) or OLE (xls) bytes.
fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A photo: placed later by the summary that names it. The image is checked now, so a HEIC
/// from a phone is refused here with the reason.
fn photo(path: &Path, bytes: &[u8]) -> Result<Photo, String> {
    crate::inputs::image::sniff(bytes)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Photo {
        path: path.to_path_buf(),
        name,
    })
}

/// A summary: its `code`, and the photo it names. A summary that does not parse is still
/// filed when its code can be read, so `wel check` can name every problem in it.
fn summary(path: &Path, bytes: &[u8]) -> Result<Recognised, String> {
    let shown = PathBuf::from(path.file_name().unwrap_or_default());
    let text = crate::inputs::text::decode_text(bytes, &shown).map_err(|p| p.to_string())?;
    let table: Option<toml::Table> = text.parse().ok();
    let code_text = match &table {
        Some(t) => t.get("code").and_then(|v| v.as_str()).map(str::to_string),
        None => key_line(&text, "code"),
    };
    let code_text = code_text.ok_or_else(|| {
        "geen SWV-code gevonden: een samenvatting begint met code = \"<CODE>\"".to_string()
    })?;
    let code = SwvCode::parse(&code_text)
        .map_err(|m| format!("de code \"{code_text}\" in het bestand is geen SWV-code: {m}"))?;
    if crate::inputs::personal_data::contains_bsn(&text) {
        return Err(
            "lijkt een BSN te bevatten; niet verwerkt. Haal persoonsgegevens weg en laat het bestand opnieuw sturen"
                .to_string(),
        );
    }
    let photo = table
        .as_ref()
        .and_then(|t| t.get("foto")?.get("pad")?.as_str().map(str::to_string))
        .and_then(|p| Some(Path::new(&p).file_name()?.to_string_lossy().into_owned()));
    if table.as_ref().is_some_and(unfilled_summary) {
        return Err(format!(
            "{UNFILLED}: de samenvatting van {code} is leeg (samenvatting, wat_werkt, voorbeelden en citaten); hij blijft staan"
        ));
    }
    let year_text = match &table {
        Some(t) => t
            .get("schooljaar")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        None => key_line(&text, "schooljaar"),
    };
    let year = year_text
        .as_deref()
        .and_then(|y| SchoolYear::parse(y).ok())
        .ok_or_else(|| {
            format!("geen geldig schooljaar in de samenvatting van {code} (zoals schooljaar = \"2025-2026\"); het schooljaar bepaalt waar hij komt te staan")
        })?;
    Ok(Recognised {
        path: path.to_path_buf(),
        role: Role::Summary,
        code,
        name: SUMMARY_FILE.to_string(),
        photo,
        year: Some(year),
        claims: None,
    })
}

/// A summary with no text at all: the skeleton `wel intake` writes, returned as it was.
fn unfilled_summary(t: &toml::Table) -> bool {
    let text = t
        .get("samenvatting")
        .and_then(|v| v.as_str())
        .is_none_or(|s| s.trim().is_empty());
    let empty = |key: &str| {
        t.get(key)
            .and_then(|v| v.as_array())
            .is_none_or(Vec::is_empty)
    };
    text && empty("wat_werkt") && empty("voorbeelden") && empty("citaten")
}

/// `key = "..."` on a line of its own, for a summary with a syntax error elsewhere.
fn key_line(text: &str, wanted: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (key, value) = l.split_once('=')?;
        let quotes = ['"', '\'', '“', '”', '„', '‘', '’'];
        (key.trim() == wanted).then(|| value.trim().trim_matches(quotes).to_string())
    })
}

/// A workbook: the one SWV code in its `code` columns; personal data refuses it.
fn workbook(path: &Path, bytes: &[u8]) -> Result<Recognised, String> {
    let wb = read_workbook(bytes).map_err(|m| format!("onleesbaar: {m}"))?;
    let shown = PathBuf::from(path.file_name().unwrap_or_default());
    let mut problems = Problems::new();
    let tables = crate::inputs::table::read_tables(&shown, &wb, &mut problems);
    if let Some(p) = problems.iter().find(|p| p.privacy) {
        return Err(format!(
            "lijkt persoonsgegevens te bevatten; niet verwerkt ({}: {}). Haal ze weg en laat het bestand opnieuw sturen",
            p.place, p.message
        ));
    }
    let codes = codes_in(&wb);
    let code = match codes.as_slice() {
        [one] => one.clone(),
        [] => return Err(
            "geen SWV-code gevonden in de kolom code van de bladen SWV, Jeugdigen en Activiteiten"
                .to_string(),
        ),
        many => {
            let list: Vec<String> = many.iter().map(ToString::to_string).collect();
            return Err(format!(
                "bevat cijfers van meer SWV's ({}); een teruggestuurd werkboek hoort bij één SWV",
                list.join(", ")
            ));
        }
    };
    let ext = workbook_extension(path, bytes);
    let claims = tables
        .swv
        .iter()
        .find(|r| r.code == code)
        .map(|r| (r.naam.clone(), r.provincie));
    Ok(Recognised {
        path: path.to_path_buf(),
        role: Role::Workbook,
        code,
        name: format!("cijfers.{ext}"),
        photo: None,
        year: None,
        claims,
    })
}

/// The extension the filed workbook gets: its own when wel reads that, else by its content.
fn workbook_extension(path: &Path, bytes: &[u8]) -> String {
    let ext = extension(path);
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return ext;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return "xls".into();
    }
    let is_ods = bytes
        .windows(b"application/vnd.oasis.opendocument.spreadsheet".len())
        .take(200)
        .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet");
    if is_ods { "ods" } else { "xlsx" }.into()
}

/// The distinct SWV codes under a `code` header in any sheet.
fn codes_in(wb: &RawWorkbook) -> Vec<SwvCode> {
    let mut codes = Vec::new();
    for sheet in &wb.sheets {
        let header = sheet.cells.iter().find(
            |(_, v)| matches!(v, CellValue::Text(t) if t.trim().eq_ignore_ascii_case("code")),
        );
        let Some((&(header_row, col), _)) = header else {
            continue;
        };
        for (&(row, c), value) in &sheet.cells {
            if c == col
                && row > header_row
                && let CellValue::Text(t) = value
                && let Ok(code) = SwvCode::parse(t)
            {
                codes.push(code);
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

/// Where a run files: the inputs, their SWVs, and the inbox.
struct Here<'a> {
    inputs: &'a Path,
    known: &'a [SwvCode],
    incoming: &'a Path,
}

/// A photo that came with the other files of exactly one SWV (in the same folder below the
/// inbox, one e-mail's attachments), or with an SWV's code in its name: that SWV's, named as
/// its returned summary's `[foto] pad` says (else `foto.<ext>`). `Err` gives it back.
fn with_its_files(p: Photo, files: &[Recognised], here: &Here<'_>) -> Result<Recognised, Photo> {
    let dir = p.path.parent().filter(|d| *d != here.incoming);
    let mut codes: Vec<&SwvCode> = files
        .iter()
        .filter(|r| dir.is_some() && r.path.parent() == dir)
        .map(|r| &r.code)
        .collect();
    if codes.is_empty() {
        let upper = p.name.to_uppercase().replace([' ', '-', '_'], "");
        codes = here
            .known
            .iter()
            .filter(|c| upper.contains(c.as_str()))
            .collect();
    }
    codes.sort();
    codes.dedup();
    let [code] = codes.as_slice() else {
        return Err(p);
    };
    let summary = files
        .iter()
        .find(|r| r.role == Role::Summary && &r.code == *code);
    let ext = match p.name.rsplit_once('.').map(|(_, e)| e.to_lowercase()) {
        Some(e) if e == "jpeg" => "jpg".to_string(),
        Some(e) => e,
        None => "jpg".to_string(),
    };
    let name = summary
        .and_then(|r| r.photo.clone())
        .unwrap_or_else(|| format!("foto.{ext}"));
    Ok(Recognised {
        path: p.path,
        role: Role::Photo,
        code: (*code).clone(),
        name,
        photo: None,
        year: summary.and_then(|r| r.year),
        claims: None,
    })
}

/// Gives each photo its SWV and school year: the SWV whose other files came in the same
/// folder (one e-mail's attachments), or whose code is in the photo's name, or whose summary
/// (returned now, or already in the inputs) names it. A photo that came with an SWV's files
/// gets the name that SWV's returned summary gives at `[foto] pad` (else `foto.<ext>`), so
/// the summary names it. A photo no SWV can be found for stays where it is.
fn place_photos(
    files: &[Recognised],
    photos: Vec<Photo>,
    receipts: &mut Vec<Receipt>,
    here: &Here<'_>,
) -> Vec<Recognised> {
    let (inputs, known) = (here.inputs, here.known);
    let mut out = Vec::new();
    // The photos the filed summaries name: read once, and only when a photo needs them.
    let mut filed: Option<Vec<(String, SwvCode, Option<SchoolYear>)>> = None;
    for p in photos {
        let lower = p.name.to_lowercase();
        let p = match with_its_files(p, files, here) {
            Ok(placed) => {
                out.push(placed);
                continue;
            }
            Err(p) => p,
        };
        let mut owners: Vec<(SwvCode, Option<SchoolYear>)> = files
            .iter()
            .filter(|r| r.photo.as_ref().is_some_and(|n| n.to_lowercase() == lower))
            .map(|r| (r.code.clone(), r.year))
            .collect();
        if owners.is_empty() {
            owners = filed
                .get_or_insert_with(|| filed_photos(inputs, known))
                .iter()
                .filter(|(name, _, _)| *name == lower)
                .map(|(_, code, year)| (code.clone(), *year))
                .collect();
        }
        owners.sort();
        owners.dedup();
        match owners.as_slice() {
            [(code, year)] => out.push(Recognised {
                path: p.path,
                role: Role::Photo,
                code: code.clone(),
                name: p.name,
                photo: None,
                year: *year,
                claims: None,
            }),
            [] => receipts.push(left(&p.path, format!("niet aan een SWV te koppelen: geen samenvatting noemt {} bij [foto] pad; stuur de foto samen met de samenvatting die hem noemt, of zet de SWV-code in de bestandsnaam", p.name))),
            many => {
                let list: Vec<String> = many.iter().map(|(c, _)| c.to_string()).collect();
                receipts.push(left(&p.path, format!("niet aan één samenvatting te koppelen: de samenvattingen van {} noemen allemaal {}; zet de SWV-code in de bestandsnaam (bijvoorbeeld {} {})", list.join(", "), p.name, list[0], p.name)));
            }
        }
    }
    out
}

/// The photo (lower-case file name) each filed summary names, with its SWV and the school
/// year of the folder it is in (`None`: the summary at the top of the SWV folder).
fn filed_photos(inputs: &Path, known: &[SwvCode]) -> Vec<(String, SwvCode, Option<SchoolYear>)> {
    let mut out = Vec::new();
    for code in known {
        let folder = inputs.join("swv").join(code.as_str());
        let mut summaries = vec![(folder.join(SUMMARY_FILE), None)];
        for sub in fsutil::read_dir_sorted(&folder).unwrap_or_default() {
            let year = sub
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| SchoolYear::parse(n).ok());
            if let Some(y) = year.filter(|_| sub.is_dir()) {
                summaries.push((sub.join(SUMMARY_FILE), Some(y)));
            }
        }
        for (path, year) in summaries {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            if let Some(photo) = summary(&path, &bytes).ok().and_then(|r| r.photo) {
                out.push((photo.to_lowercase(), code.clone(), year));
            }
        }
    }
    out
}

/// Two returned files of the same kind for one SWV: neither is filed (which one counts is for
/// the project group to decide).
fn refuse_doubles(all: Vec<Recognised>, receipts: &mut Vec<Receipt>) -> Vec<Recognised> {
    let mut groups: BTreeMap<(SwvCode, Role, Option<SchoolYear>), Vec<Recognised>> =
        BTreeMap::new();
    for r in all {
        groups
            .entry((r.code.clone(), r.role, r.year))
            .or_default()
            .push(r);
    }
    let mut out = Vec::new();
    for ((code, role, _), group) in groups {
        if group.len() == 1 {
            out.extend(group);
            continue;
        }
        let names: Vec<String> = group.iter().map(|r| r.path.display().to_string()).collect();
        for r in &group {
            receipts.push(left(
                &r.path,
                format!(
                    "twee bestanden ({}) voor {code}: {}; laat er één staan en voer wel ontvang opnieuw uit",
                    role.label(),
                    names.join(" en ")
                ),
            ));
        }
    }
    out
}

/// What filing one returned file does, decided before anything changes.
enum Step {
    /// Write it at `target` (relative to the inputs). `replaces`: existing files it takes the
    /// place of; `migrate`: a summary at the top of the SWV folder about another school year,
    /// moved (with its photo) into the folder of its own year first.
    Place {
        target: PathBuf,
        replaces: Vec<PathBuf>,
        migrate: Vec<(PathBuf, PathBuf)>,
        /// A summary naming last year's photo, sent without it: that photo copied along.
        carry: Option<(PathBuf, PathBuf)>,
    },
    /// The same bytes are already at `target`.
    Same { target: PathBuf },
}

impl Step {
    /// A line for the list of replaced filled-in input, when this step replaces any.
    fn replaces(&self, inputs: &Path) -> Option<String> {
        let _ = inputs;
        match self {
            Step::Place {
                target, replaces, ..
            } if !replaces.is_empty() => Some(format!(
                "{} (vervangt {})",
                target.display(),
                replaces
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" en ")
            )),
            _ => None,
        }
    }
}

/// Where each recognised file goes and what it replaces.
fn plan(recognised: &[Recognised], inputs: &Path) -> Result<Vec<Step>, FsError> {
    let mut steps: Vec<Step> = recognised
        .iter()
        .map(|r| plan_one(r, inputs))
        .collect::<Result<_, _>>()?;
    let photos: Vec<&PathBuf> = steps
        .iter()
        .zip(recognised)
        .filter(|(_, r)| r.role == Role::Photo)
        .map(|(s, _)| match s {
            Step::Place { target, .. } | Step::Same { target } => target,
        })
        .collect();
    let carried: Vec<Option<(PathBuf, PathBuf)>> = recognised
        .iter()
        .map(|r| earlier_photo(r, inputs, &photos))
        .collect();
    for (step, c) in steps.iter_mut().zip(carried) {
        if let Step::Place { carry, .. } = step {
            *carry = c;
        }
    }
    Ok(steps)
}

/// For a summary that names a photo it was sent without: the same file of an earlier year of
/// that SWV, to copy into the summary's folder (last year's photo, kept as the form suggests).
fn earlier_photo(r: &Recognised, inputs: &Path, sent: &[&PathBuf]) -> Option<(PathBuf, PathBuf)> {
    let (Role::Summary, Some(name), Some(year)) = (r.role, r.photo.as_ref(), r.year) else {
        return None;
    };
    let folder = Path::new("swv").join(r.code.as_str());
    let target = folder.join(year.label()).join(name);
    if sent.contains(&&target) || inputs.join(&target).exists() {
        return None;
    }
    let mut earlier: Vec<PathBuf> = fsutil::read_dir_sorted(&inputs.join(&folder))
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.is_dir())
        .filter_map(|d| {
            let y = SchoolYear::parse(d.file_name()?.to_str()?).ok()?;
            (y < year).then(|| folder.join(y.label()).join(name))
        })
        .collect();
    earlier.insert(0, folder.join(name));
    earlier
        .into_iter()
        .rev()
        .find(|p| inputs.join(p).is_file())
        .map(|from| (from, target))
}

fn plan_one(r: &Recognised, inputs: &Path) -> Result<Step, FsError> {
    let folder = Path::new("swv").join(r.code.as_str());
    let target = match r.year {
        Some(y) if r.role != Role::Workbook => folder.join(y.label()).join(&r.name),
        _ => folder.join(&r.name),
    };
    let bytes = fsutil::read(&r.path)?;
    if std::fs::read(inputs.join(&target)).is_ok_and(|old| old == bytes) {
        return Ok(Step::Same { target });
    }
    let mut replaces = Vec::new();
    let mut migrate = Vec::new();
    match r.role {
        Role::Workbook => {
            // Any workbook of the folder: two would make its figures ambiguous.
            for path in fsutil::read_dir_sorted(&inputs.join(&folder))? {
                let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
                if name.is_some_and(|n| {
                    n.rsplit_once('.').is_some_and(|(stem, ext)| {
                        stem == "cijfers" && WORKBOOK_EXTENSIONS.contains(&ext)
                    })
                }) {
                    replaces.push(crate::diag::relative(&path, inputs));
                }
            }
        }
        Role::Summary => {
            if inputs.join(&target).exists() {
                replaces.push(target.clone());
            }
            // A summary at the top of the folder: the same year is replaced, another year
            // moves into its own folder so both stay.
            let top = folder.join(SUMMARY_FILE);
            if let Ok(bytes) = std::fs::read(inputs.join(&top))
                && let Ok(old) = summary(&inputs.join(&top), &bytes)
            {
                match old.year {
                    Some(y) if Some(y) != r.year => {
                        let dir = folder.join(y.label());
                        if !inputs.join(dir.join(SUMMARY_FILE)).exists() {
                            migrate.push((top.clone(), dir.join(SUMMARY_FILE)));
                            if let Some(photo) = old.photo.map(|p| folder.join(p))
                                && inputs.join(&photo).is_file()
                            {
                                let name = photo.file_name().unwrap_or_default().to_owned();
                                migrate.push((photo, dir.join(name)));
                            }
                        }
                    }
                    _ => replaces.push(top),
                }
            }
        }
        Role::Photo => {
            if inputs.join(&target).exists() {
                replaces.push(target.clone());
            }
        }
    }
    Ok(Step::Place {
        target,
        replaces,
        migrate,
        carry: None,
    })
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
            "{}: uitgepakt naar {} ({files} bestand(en)); die worden hieronder verwerkt",
            file.display(),
            folder.display()
        ),
    }
}
