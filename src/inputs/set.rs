//! Reading a whole input set: discovering SWV folders and reading every file in them, the
//! project and the national workbook, collecting every problem on the way. What is read is
//! raw: merging it into the model is [`crate::assemble`]'s work.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::limits::MAX_FILE_BYTES;
use super::project::read_project;
use super::summary::read_summary;
use super::table::{Tables, read_tables};
use super::workbook::read_workbook;
use super::workbook_cache::WorkbookCache;
use crate::diag::{Concern, Place, Problems};
use crate::model::{Project, SchoolYear, Summary, SwvCode};

/// Accepted workbook extensions, in order of preference.
pub const WORKBOOK_EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// How to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Accept inputs that look like personal data (reported as warnings and in the summary).
    pub allow_personal_data: bool,
    /// Folder where re-encoded photos are kept between runs (a build uses one in its output
    /// folder); `None` re-encodes every time.
    pub photo_cache: Option<PathBuf>,
    /// Folder where parsed workbooks are kept between runs (see [`super::workbook_cache`]);
    /// `None` parses every workbook every time.
    pub workbook_cache: Option<PathBuf>,
}

/// One SWV folder as read, before merging.
pub struct Folder {
    pub code: SwvCode,
    /// Its own workbook exists but could not be read (its rows are then missing, which
    /// needs no second message).
    pub unreadable_workbook: bool,
    pub sources: Vec<PathBuf>,
    pub tables: Tables,
    /// The valid summaries by school year.
    pub summaries: BTreeMap<SchoolYear, Summary>,
    /// Summaries with errors (their school year when known).
    pub refused: Vec<Option<SchoolYear>>,
}

/// Everything read from an input folder, before merging.
pub struct RawInputs {
    /// `project.toml` and the files it names, when they could be read.
    pub project: Option<Project>,
    /// The SWV folders with a valid code, in name order.
    pub folders: Vec<Folder>,
    /// The national workbook (`cijfers.xlsx` beside `project.toml`): its path and rows.
    pub national: Option<(PathBuf, Tables)>,
    pub problems: Problems,
}

/// Reads the input set in `root`.
pub fn read(root: &Path, options: &LoadOptions) -> RawInputs {
    let cache = match &options.workbook_cache {
        Some(dir) => WorkbookCache::open(dir),
        None => WorkbookCache::disabled(),
    };
    let mut problems = Problems::new();
    let project = read_project(root, &mut problems);
    let mut folders = Vec::new();
    let swv_dir = root.join("swv");
    match crate::fsutil::read_dir_sorted(&swv_dir) {
        Err(_) => problems.error(
            Place::file("swv/"),
            format!(
                "de map swv/ ontbreekt in {}; maak per SWV een map swv/<CODE>/",
                root.display()
            ),
        ),
        Ok(entries) => {
            use rayon::prelude::*;
            let read: Vec<(Option<Folder>, Problems)> = entries
                .par_iter()
                .map(|dir| {
                    let mut own = Problems::new();
                    (
                        read_folder(root, dir, options.photo_cache.as_deref(), &cache, &mut own),
                        own,
                    )
                })
                .collect();
            for (folder, own) in read {
                problems.extend(own);
                folders.extend(folder);
            }
        }
    }
    let national = read_national_workbook(root, &cache, &mut problems);
    cache.save();
    RawInputs {
        project,
        folders,
        national,
        problems,
    }
}

/// Reads only the project and one SWV folder (and the national workbook, which may hold the
/// SWV's rows): enough to make that SWV's one-pager ahead of the full read. No cache is
/// written; the full read decides what is really built.
pub fn read_one(root: &Path, folder: &str, options: &LoadOptions) -> Option<RawInputs> {
    let cache = match &options.workbook_cache {
        Some(path) => WorkbookCache::open_read_only(path),
        None => WorkbookCache::disabled(),
    };
    let mut problems = Problems::new();
    let project = Some(read_project(root, &mut problems)?);
    let dir = root.join("swv").join(folder);
    let folder = read_folder(
        root,
        &dir,
        options.photo_cache.as_deref(),
        &cache,
        &mut problems,
    )?;
    let national = read_national_workbook(root, &cache, &mut problems);
    Some(RawInputs {
        project,
        folders: vec![folder],
        national,
        problems,
    })
}

fn read_national_workbook(
    root: &Path,
    cache: &WorkbookCache,
    problems: &mut Problems,
) -> Option<(PathBuf, Tables)> {
    let (path, shown) = find_workbook(root, root, problems)?;
    read_workbook_file(&path, &shown, cache, problems).map(|t| (shown, t))
}

/// The SWV code a folder under `swv/` is named for; `None` (reported when it matters) for a
/// hidden entry, a file or a name that is no code.
fn folder_code(dir: &Path, problems: &mut Problems) -> Option<SwvCode> {
    let name = dir.file_name()?.to_string_lossy().to_string();
    if name.starts_with('.') {
        return None;
    }
    let shown_dir = Path::new("swv").join(&name);
    if !dir.is_dir() {
        problems.warning(
            Place::file(&shown_dir),
            "dit is geen map en wordt overgeslagen; elk SWV heeft een eigen map swv/<CODE>/",
        );
        return None;
    }
    let code = match SwvCode::parse(&name) {
        Ok(c) => c,
        Err(m) => {
            problems.error(
                Place::file(&shown_dir),
                format!("de mapnaam is geen SWV-code: {m}"),
            );
            return None;
        }
    };
    if code.as_str() != name {
        problems.warning(
            Place::file(&shown_dir),
            format!("de mapnaam wordt gelezen als {code}; noem de map bij voorkeur precies {code}"),
        );
    }
    Some(code)
}

fn read_folder(
    root: &Path,
    dir: &Path,
    photo_cache: Option<&Path>,
    cache: &WorkbookCache,
    problems: &mut Problems,
) -> Option<Folder> {
    let code = folder_code(dir, problems)?;
    let shown_dir = Path::new("swv").join(dir.file_name()?);
    let mark = problems.mark();
    let mut sources = Vec::new();
    // The folder is listed once: for the summary, the workbook and every other file.
    let listed = Listed {
        dir,
        shown_dir: &shown_dir,
        files: files_in(dir),
    };
    let has_summary = listed.files.iter().any(|p| p.ends_with(SUMMARY_FILE));
    let summary_mark = problems.mark();
    let read = read_folder_summaries(&listed, &code, photo_cache, problems);
    problems.concern_since(summary_mark, Concern::Summary);
    sources.extend(read.sources.iter().cloned());
    let mut tables = Tables::default();
    let mut unreadable_workbook = false;
    let workbook = pick_workbook(root, &listed.files, problems);
    let known: Vec<&str> = has_summary
        .then_some(SUMMARY_FILE)
        .into_iter()
        .chain(workbook.as_ref().and_then(|(p, _)| p.file_name()?.to_str()))
        .collect();
    // The photo of the summary at the top of the folder (a year folder accounts for its own).
    let top = read.top.as_ref();
    let photo = top
        .and_then(|s| s.foto.as_ref())
        .map(|f| f.file_name.as_str());
    let used = Used {
        read: &known,
        photo,
        summary_read: top.is_some(),
    };
    account_for_files(&listed, &used, problems);
    if let Some((path, shown)) = workbook {
        sources.push(shown.clone());
        let read = read_workbook_file(&path, &shown, cache, problems);
        unreadable_workbook = read.is_none();
        if let Some(t) = read {
            tables = own_rows(t, &code, problems);
        }
    }
    problems.tag_since(mark, code.as_str());
    Some(Folder {
        code,
        unreadable_workbook,
        sources,
        tables,
        summaries: read.summaries,
        refused: read.refused,
    })
}

/// An SWV folder with its files, listed once.
struct Listed<'a> {
    dir: &'a Path,
    /// The folder as messages name it (`swv/PO2801`).
    shown_dir: &'a Path,
    files: Vec<PathBuf>,
}

/// The files of a folder that were used: read, and the photo the summary names.
struct Used<'a> {
    read: &'a [&'a str],
    photo: Option<&'a str>,
    /// Whether the summary could be read (so whether it could name a photo).
    summary_read: bool,
}

/// The summaries of an SWV folder, as read.
struct FolderSummaries {
    summaries: BTreeMap<SchoolYear, Summary>,
    refused: Vec<Option<SchoolYear>>,
    /// The summary at the top of the folder (`swv/<CODE>/samenvatting.toml`), when valid.
    top: Option<Summary>,
    /// Every summary file and photo read.
    sources: Vec<PathBuf>,
}

/// The folder's summaries: `samenvatting.toml` at its top (any school year) and one in each
/// school-year folder (`2024-2025/samenvatting.toml`, with its photo); at least one is needed,
/// and each school year has one.
fn read_folder_summaries(
    listed: &Listed<'_>,
    code: &SwvCode,
    photo_cache: Option<&Path>,
    problems: &mut Problems,
) -> FolderSummaries {
    let mut out = FolderSummaries {
        summaries: BTreeMap::new(),
        refused: Vec::new(),
        top: None,
        sources: Vec::new(),
    };
    let mut found: Vec<(PathBuf, PathBuf, Option<SchoolYear>)> = Vec::new();
    if listed.files.iter().any(|p| p.ends_with(SUMMARY_FILE)) {
        found.push((
            listed.dir.to_path_buf(),
            listed.shown_dir.to_path_buf(),
            None,
        ));
    }
    for sub in year_folders(listed.dir, listed.shown_dir, problems) {
        found.push(sub);
    }
    if found.is_empty() {
        problems.error(
            Place::file(listed.shown_dir.join(SUMMARY_FILE)),
            "samenvatting.toml ontbreekt; elk SWV heeft een samenvatting, per schooljaar in een eigen map (swv/<CODE>/<schooljaar>/samenvatting.toml, zie docs/invoer.md)",
        );
    }
    for (dir, shown, folder_year) in found {
        let at = SummaryAt {
            dir: &dir,
            shown: &shown,
            folder_year,
        };
        read_one_summary(at, code, photo_cache, &mut out, problems);
    }
    out
}

/// One summary of an SWV folder (at its top, `folder_year` `None`, or in a school-year
/// folder), added to `out` when valid and not a second one for its school year.
/// Where one summary of an SWV folder is: its folder, that folder as messages name it, and
/// the school year the folder is named after (`None`: the top of the SWV folder).
struct SummaryAt<'a> {
    dir: &'a Path,
    shown: &'a Path,
    folder_year: Option<SchoolYear>,
}

fn read_one_summary(
    at: SummaryAt<'_>,
    code: &SwvCode,
    photo_cache: Option<&Path>,
    out: &mut FolderSummaries,
    problems: &mut Problems,
) {
    let SummaryAt {
        dir,
        shown,
        folder_year,
    } = at;
    let shown_file = shown.join(SUMMARY_FILE);
    if !dir.join(SUMMARY_FILE).is_file() {
        problems.error(
            Place::file(&shown_file),
            format!("de map {} heeft geen samenvatting.toml; zet de samenvatting over dat schooljaar erin, of verwijder de map", shown.display()),
        );
        out.refused.push(folder_year);
        return;
    }
    out.sources.push(shown_file.clone());
    let folder = super::summary::SwvFolder {
        dir,
        code,
        photo_cache,
    };
    let summary = read_summary(&dir.join(SUMMARY_FILE), &shown_file, &folder, problems);
    if folder_year.is_some() {
        let photo = summary
            .as_ref()
            .and_then(|s| s.foto.as_ref())
            .map(|f| f.file_name.as_str());
        unused_in_year_folder(dir, shown, photo, problems);
    }
    let Some(summary) = summary else {
        out.refused.push(folder_year);
        return;
    };
    if let Some(y) = folder_year
        && y != summary.schooljaar
    {
        problems.error(
            Place::key(&shown_file, "schooljaar"),
            format!(
                "deze samenvatting gaat over {}, maar staat in de map {y}; zet hem in swv/{code}/{}/",
                summary.schooljaar, summary.schooljaar
            ),
        );
        out.refused.push(Some(y));
        return;
    }
    if let Some(earlier) = out.summaries.get(&summary.schooljaar) {
        problems.error(
            Place::file(&shown_file),
            format!(
                "er zijn twee samenvattingen over {}: {} en deze; houd er één",
                summary.schooljaar,
                earlier.map.join(SUMMARY_FILE).display()
            ),
        );
        out.refused.push(Some(summary.schooljaar));
        return;
    }
    if let Some(f) = &summary.foto {
        out.sources.push(shown.join(&f.file_name));
    }
    if folder_year.is_none() {
        out.top = Some(summary.clone());
    }
    out.summaries.insert(summary.schooljaar, summary);
}

/// Files in a school-year folder other than its summary and the photo it names.
fn unused_in_year_folder(dir: &Path, shown: &Path, photo: Option<&str>, problems: &mut Problems) {
    for path in files_in(dir) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with('.') || name == SUMMARY_FILE || photo == Some(name) {
            continue;
        }
        problems.warning(
            Place::file(shown.join(name)),
            format!("{name} wordt niet gebruikt; in een map per schooljaar horen alleen samenvatting.toml en de foto die hij noemt (de cijfers staan in cijfers.xlsx in de map van het SWV)"),
        );
    }
}

/// The school-year folders of an SWV folder (`2024-2025/`), with the files in each accounted
/// for; another subfolder is reported as not read.
fn year_folders(
    dir: &Path,
    shown_dir: &Path,
    problems: &mut Problems,
) -> Vec<(PathBuf, PathBuf, Option<SchoolYear>)> {
    let mut out = Vec::new();
    for sub in crate::fsutil::read_dir_sorted(dir).unwrap_or_default() {
        if !sub.is_dir() {
            continue;
        }
        let Some(name) = sub.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let shown = shown_dir.join(&name);
        match SchoolYear::parse(&name) {
            Ok(y) => out.push((sub, shown, Some(y))),
            Err(_) => problems.warning(
                Place::file(&shown),
                format!("de map {name} wordt niet gelezen: in een SWV-map horen alleen mappen per schooljaar (zoals 2024-2025) met daarin samenvatting.toml en de foto"),
            ),
        }
    }
    out
}

/// Extensions of files that hold figures but that wel does not read (or not under that name).
const FIGURE_LIKE: [&str; 10] = [
    "csv", "tsv", "xlsb", "numbers", "xltx", "xlt", "ots", "txt", "xlsx", "xls",
];

/// Every file in an SWV folder is accounted for: a figures file in a format wel cannot read,
/// or a workbook under another name, is named with what to do; other files are mentioned as
/// not used.
fn account_for_files(listed: &Listed<'_>, used: &Used<'_>, problems: &mut Problems) {
    let (known, photo, summary_read) = (used.read, used.photo, used.summary_read);
    let shown_dir = listed.shown_dir;
    let has_workbook = known
        .iter()
        .any(|k| k.to_lowercase().starts_with("cijfers."));
    for path in &listed.files {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let lower = name.to_lowercase();
        if name.starts_with('.') || known.contains(&name) || photo == Some(name) {
            continue;
        }
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        let place = Place::file(shown_dir.join(name));
        if lower == "samenvatting.toml" || (lower.starts_with("samenvatting") && ext == "toml") {
            problems.push(
                crate::diag::Problem::error(
                    place,
                    format!(
                        "gevonden: {name}; noem het bestand precies samenvatting.toml (kleine letters)"
                    ),
                )
                .concerning(Concern::Summary),
            );
        } else if FIGURE_LIKE.contains(&ext)
            || WORKBOOK_EXTENSIONS.contains(&ext)
            || lower.starts_with("cijfers")
        {
            figures_file(name, ext, has_workbook, place, problems);
        } else if matches!(ext, "jpg" | "jpeg" | "png" | "heic" | "webp" | "gif") {
            if summary_read {
                problems.push(
                    crate::diag::Problem::warning(place, format!("{name} wordt niet gebruikt: samenvatting.toml noemt geen foto met deze naam bij [foto] pad"))
                        .concerning(Concern::Summary),
                );
            }
        } else {
            problems.warning(place, format!("{name} wordt niet gebruikt; in deze map horen alleen samenvatting.toml, cijfers.xlsx en de foto"));
        }
    }
}

/// A file that looks like figures but is not the folder's `cijfers.<ext>`.
fn figures_file(name: &str, ext: &str, has_workbook: bool, place: Place, problems: &mut Problems) {
    if has_workbook {
        problems.warning(place, format!("{name} wordt niet gelezen: alleen cijfers.xlsx (of .xlsm, .xls, .ods) telt; voeg de cijfers daarin samen en verwijder dit bestand"));
        return;
    }
    let todo = if WORKBOOK_EXTENSIONS.contains(&ext) {
        format!("noem het cijfers.{ext} als hierin de cijfers van dit SWV staan")
    } else {
        "sla het op als Excel-werkmap (.xlsx) met de naam cijfers.xlsx".to_string()
    };
    problems.error(
        place,
        format!("gevonden: {name}, maar wel leest alleen cijfers.xlsx (of .xlsm, .xls, .ods); {todo}. Staan de cijfers in de landelijke cijfers.xlsx, verwijder dit bestand dan"),
    );
}

/// The rows of a folder's workbook that belong to its SWV; a row of another SWV is an error.
fn own_rows(mut tables: Tables, code: &SwvCode, problems: &mut Problems) -> Tables {
    let rows = tables.swv.iter().map(|r| (&r.code, &r.origin));
    let rows = rows
        .chain(tables.jeugdigen.iter().map(|r| (&r.code, &r.origin)))
        .chain(tables.activiteiten.iter().map(|r| (&r.code, &r.origin)));
    for (other, origin) in rows {
        if other != code {
            problems.error(
                origin.place.clone(),
                format!("deze rij hoort bij {other} maar staat in de map van {code}; de code en de mapnaam moeten gelijk zijn"),
            );
        }
    }
    tables.swv.retain(|r| &r.code == code);
    tables.jeugdigen.retain(|r| &r.code == code);
    tables.activiteiten.retain(|r| &r.code == code);
    tables
}

/// The regular files in `dir`, sorted by name (none when it cannot be read).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    crate::fsutil::read_dir_sorted(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.is_file())
        .collect()
}

/// The name of an SWV's summary.
pub const SUMMARY_FILE: &str = "samenvatting.toml";

/// Finds `cijfers.<ext>` in `dir` (see [`pick_workbook`]).
fn find_workbook(root: &Path, dir: &Path, problems: &mut Problems) -> Option<(PathBuf, PathBuf)> {
    pick_workbook(root, &files_in(dir), problems)
}

/// Of `files`, the one `cijfers.<ext>` (any accepted extension, any case); two is an error.
fn pick_workbook(
    root: &Path,
    files: &[PathBuf],
    problems: &mut Problems,
) -> Option<(PathBuf, PathBuf)> {
    let found: Vec<&PathBuf> = files
        .iter()
        .filter(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().to_lowercase());
            let ext = p.extension().map(|s| s.to_string_lossy().to_lowercase());
            stem.as_deref() == Some("cijfers")
                && ext.is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.as_str()))
        })
        .collect();
    let shown = |p: &Path| crate::diag::relative(p, root);
    match found.as_slice() {
        [] => None,
        [one] => Some(((*one).clone(), shown(one))),
        [first, rest @ ..] => {
            problems.error(
                Place::file(shown(first)),
                format!(
                    "er staan meerdere cijferbestanden in dezelfde map ({}); laat er één staan",
                    rest.iter()
                        .map(|p| shown(p).display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            None
        }
    }
}

fn read_workbook_file(
    path: &Path,
    shown: &Path,
    cache: &WorkbookCache,
    problems: &mut Problems,
) -> Option<Tables> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        problems.error(
            Place::file(shown),
            format!(
                "het bestand is {} MB, meer dan de toegestane {} MB",
                size / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
        );
        return None;
    }
    let bytes = match crate::fsutil::read(path) {
        Ok(b) => b,
        Err(e) => {
            problems.error(Place::file(shown), e.to_string());
            return None;
        }
    };
    let key = WorkbookCache::key(&bytes);
    let wb = match cache.get(&key).map_or_else(|| read_workbook(&bytes), Ok) {
        Ok(wb) => wb,
        Err(msg) => {
            problems.error(Place::file(shown), msg);
            return None;
        }
    };
    let mark = problems.mark();
    let tables = read_tables(shown, &wb, problems);
    if !problems.iter().skip(mark).any(|p| p.privacy) {
        cache.keep(&key, &wb);
    }
    Some(tables)
}
