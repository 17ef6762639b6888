//! `wel ontvang MAP`: the returned files of the intake round, as they came in by e-mail
//! (workbooks under any name, summaries, photos), each recognised by the SWV code inside it,
//! checked, and filed under `inputs/swv/<CODE>/` with the contract's names. A file it replaces
//! is kept in `inputs/.vorige/<datum>/<CODE>/`; a file it cannot place stays where it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Problems;
use crate::fsutil::{self, FsError};
use crate::inputs::limits::{MAX_FILE_BYTES, MAX_TEXT_BYTES};
use crate::inputs::set::{SUMMARY_FILE, WORKBOOK_EXTENSIONS};
use crate::inputs::workbook::{CellValue, RawWorkbook, read_workbook};
use crate::model::SwvCode;

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
    pub problems: Problems,
}

/// Files every returned file in `incoming` (and its subfolders) it can place into `inputs`;
/// `today` names the folder that keeps the replaced files (`YYYY-MM-DD`).
pub fn receive(incoming: &Path, inputs: &Path, today: &str) -> Result<Received, FsError> {
    let known = known_codes(inputs)?;
    let mut receipts = Vec::new();
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
    let placed = place_photos(&recognised, photos, &mut receipts, (inputs, &known));
    recognised.extend(placed);
    let recognised = refuse_doubles(recognised, &mut receipts);
    let mut touched = Vec::new();
    for r in recognised {
        let action = file(&r, inputs, today)?;
        if !matches!(action, Action::Left(_)) {
            touched.push(r.code.to_string());
        }
        receipts.push(Receipt {
            file: r.path,
            action,
        });
    }
    receipts.sort_by(|a, b| a.file.cmp(&b.file));
    touched.sort();
    touched.dedup();
    let mut problems = Problems::new();
    for code in &touched {
        let options = crate::inputs::set::LoadOptions::default();
        if let Some(raw) = crate::inputs::set::read_one(inputs, code, &options) {
            problems.extend(raw.problems);
        }
    }
    Ok(Received { receipts, problems })
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
        .map_err(|e| format!("onleesbaar: {e}"))?
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
        None => code_line(&text),
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
    Ok(Recognised {
        path: path.to_path_buf(),
        role: Role::Summary,
        code,
        name: SUMMARY_FILE.to_string(),
        photo,
    })
}

/// `code = "..."` on a line of its own, for a summary with a syntax error elsewhere.
fn code_line(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (key, value) = l.split_once('=')?;
        (key.trim() == "code").then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// A workbook: the one SWV code in its `code` columns; personal data refuses it.
fn workbook(path: &Path, bytes: &[u8]) -> Result<Recognised, String> {
    let wb = read_workbook(bytes).map_err(|m| format!("onleesbaar: {m}"))?;
    let shown = PathBuf::from(path.file_name().unwrap_or_default());
    let mut problems = Problems::new();
    crate::inputs::table::read_tables(&shown, &wb, &mut problems);
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
    Ok(Recognised {
        path: path.to_path_buf(),
        role: Role::Workbook,
        code,
        name: format!("cijfers.{ext}"),
        photo: None,
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

/// Gives each photo the SWV whose summary (returned now, or already in the inputs) names it;
/// a photo no summary names stays where it is.
fn place_photos(
    files: &[Recognised],
    photos: Vec<Photo>,
    receipts: &mut Vec<Receipt>,
    (inputs, known): (&Path, &[SwvCode]),
) -> Vec<Recognised> {
    let mut out = Vec::new();
    // The photos the filed summaries name: read once, and only when a photo needs them.
    let mut filed: Option<Vec<(String, SwvCode)>> = None;
    for p in photos {
        let lower = p.name.to_lowercase();
        let mut owners: Vec<SwvCode> = files
            .iter()
            .filter(|r| r.photo.as_ref().is_some_and(|n| n.to_lowercase() == lower))
            .map(|r| r.code.clone())
            .collect();
        if owners.is_empty() {
            owners = filed
                .get_or_insert_with(|| filed_photos(inputs, known))
                .iter()
                .filter(|(name, _)| *name == lower)
                .map(|(_, code)| code.clone())
                .collect();
        }
        owners.sort();
        owners.dedup();
        match owners.as_slice() {
            [one] => out.push(Recognised {
                path: p.path,
                role: Role::Photo,
                code: one.clone(),
                name: p.name,
                photo: None,
            }),
            [] => receipts.push(left(&p.path, format!("niet aan een SWV te koppelen: geen samenvatting noemt {} bij [foto] pad; stuur de foto samen met de samenvatting die hem noemt", p.name))),
            many => {
                let list: Vec<String> = many.iter().map(ToString::to_string).collect();
                receipts.push(left(&p.path, format!("niet aan één SWV te koppelen: de samenvattingen van {} noemen allemaal {}; geef de foto's verschillende namen", list.join(", "), p.name)));
            }
        }
    }
    out
}

/// The photo (lower-case file name) each filed summary names, with its SWV.
fn filed_photos(inputs: &Path, known: &[SwvCode]) -> Vec<(String, SwvCode)> {
    known
        .iter()
        .filter_map(|code| {
            let path = inputs.join("swv").join(code.as_str()).join(SUMMARY_FILE);
            let bytes = std::fs::read(&path).ok()?;
            let photo = summary(&path, &bytes).ok()?.photo?;
            Some((photo.to_lowercase(), code.clone()))
        })
        .collect()
}

/// Two returned files of the same kind for one SWV: neither is filed (which one counts is for
/// the project group to decide).
fn refuse_doubles(all: Vec<Recognised>, receipts: &mut Vec<Receipt>) -> Vec<Recognised> {
    let mut groups: BTreeMap<(SwvCode, Role), Vec<Recognised>> = BTreeMap::new();
    for r in all {
        groups.entry((r.code.clone(), r.role)).or_default().push(r);
    }
    let mut out = Vec::new();
    for ((code, role), group) in groups {
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

/// Moves one recognised file into its SWV folder; what it replaces is kept first.
fn file(r: &Recognised, inputs: &Path, today: &str) -> Result<Action, FsError> {
    let folder = inputs.join("swv").join(r.code.as_str());
    let target = folder.join(&r.name);
    let bytes = fsutil::read(&r.path)?;
    if std::fs::read(&target).is_ok_and(|old| old == bytes) {
        return Ok(match std::fs::remove_file(&r.path) {
            Ok(()) => Action::Unchanged {
                code: r.code.to_string(),
                target: crate::diag::relative(&target, inputs),
            },
            Err(e) => Action::Left(format!(
                "staat al ongewijzigd in de invoer, maar kon niet verwijderd worden: {e}"
            )),
        });
    }
    let mut replaced: Vec<PathBuf> = Vec::new();
    if r.role == Role::Workbook {
        // Any workbook of the folder: two would make its figures ambiguous.
        for path in fsutil::read_dir_sorted(&folder)? {
            let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
            if name.is_some_and(|n| {
                n.rsplit_once('.').is_some_and(|(stem, ext)| {
                    stem == "cijfers" && WORKBOOK_EXTENSIONS.contains(&ext)
                })
            }) {
                replaced.push(path);
            }
        }
    } else if target.exists() {
        replaced.push(target.clone());
    }
    let mut kept = None;
    for old in &replaced {
        kept = Some(keep(old, inputs, &r.code, today)?);
    }
    fsutil::write_atomic(&target, &bytes)?;
    if let Err(e) = std::fs::remove_file(&r.path) {
        return Ok(Action::Left(format!(
            "gekopieerd naar {}, maar het origineel kon niet verwijderd worden: {e}",
            crate::diag::relative(&target, inputs).display()
        )));
    }
    Ok(Action::Filed {
        code: r.code.to_string(),
        target: crate::diag::relative(&target, inputs),
        kept: kept.map(|k| crate::diag::relative(&k, inputs)),
    })
}

/// Moves a replaced file to `inputs/.vorige/<today>/<CODE>/`, never over an earlier one.
fn keep(old: &Path, inputs: &Path, code: &SwvCode, today: &str) -> Result<PathBuf, FsError> {
    let dir = inputs.join(".vorige").join(today).join(code.as_str());
    let name = old
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut target = dir.join(&name);
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{n}-{name}"));
        n += 1;
    }
    fsutil::create_dir_all(&dir)?;
    if std::fs::rename(old, &target).is_err() {
        fsutil::write_atomic(&target, &fsutil::read(old)?)?;
        std::fs::remove_file(old).map_err(|source| FsError {
            action: "kan niet verplaatsen",
            path: old.to_path_buf(),
            source,
        })?;
    }
    Ok(target)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let d = crate::model::Date::from_unix_days(days);
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
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
    }
}
