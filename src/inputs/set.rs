//! Loading a whole input set: discovering SWV folders, reading every file, merging the rows
//! of per-SWV and national workbooks, and collecting every problem on the way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::limits::MAX_FILE_BYTES;
use super::project::read_project;
use super::summary::read_summary;
use super::table::{RowOrigin, SwvRow, Tables, YearRow, read_tables};
use super::workbook::read_workbook;
use super::workbook_cache::WorkbookCache;
use crate::diag::{Place, Problems};
use crate::model::{Programme, SchoolYear, Swv, SwvCode, YearFigures};

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

/// The result of loading: the programme (when `project.toml` could be read), every problem,
/// and which documents the problems block.
#[derive(Debug)]
pub struct Loaded {
    pub programme: Option<Programme>,
    pub problems: Problems,
    /// SWV folders found (valid codes), including those whose data has errors.
    pub folders: Vec<SwvCode>,
    /// How many privacy errors were overridden by `allow_personal_data`.
    pub privacy_overrides: usize,
}

impl Loaded {
    /// Whether the national documents (report, brochure) can be built: they show totals over
    /// every SWV, so any error in any figures or in the project blocks them.
    pub fn national_blocked(&self) -> bool {
        self.programme.is_none() || self.problems.figure_errors().next().is_some()
    }

    /// Whether this SWV's one-pager can be built.
    pub fn swv_blocked(&self, code: &SwvCode) -> bool {
        self.problems
            .global_errors()
            .any(|p| p.place.file == Path::new("project.toml"))
            || self.problems.swv_has_errors(code.as_str())
            || self
                .programme
                .as_ref()
                .and_then(|p| p.swv(code))
                .is_none_or(|s| s.summary.is_none())
    }
}

/// One SWV folder as read, before merging.
struct Folder {
    code: SwvCode,
    /// Its own workbook exists but could not be read (its rows are then missing, which
    /// needs no second message).
    unreadable_workbook: bool,
    dir: PathBuf,
    sources: Vec<PathBuf>,
    tables: Tables,
    summary: Option<crate::model::Summary>,
}

/// Loads the input set in `root`.
pub fn load(root: &Path, options: &LoadOptions) -> Loaded {
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
    let national = find_workbook(root, root, &mut problems).and_then(|(path, shown)| {
        let mark = problems.mark();
        let tables = read_workbook_file(&path, &shown, &cache, &mut problems);
        let _ = mark;
        tables.map(|t| (shown, t))
    });
    cache.save();
    let codes: Vec<SwvCode> = folders.iter().map(|f| f.code.clone()).collect();
    let swvs = merge(folders, national, &mut problems);
    let mut privacy_overrides = 0;
    if options.allow_personal_data {
        privacy_overrides = problems.allow_privacy();
    }
    let programme = project.map(|project| Programme { project, swvs });
    Loaded {
        programme,
        problems,
        folders: codes,
        privacy_overrides,
    }
}

/// Reads only the project and one SWV folder (and the national workbook, which may hold the
/// SWV's rows): enough to make that SWV's one-pager ahead of the full read. Problems are not
/// collected, and no cache is written; the full read decides what is really built.
pub fn load_one(root: &Path, folder: &str, options: &LoadOptions) -> Option<Programme> {
    let cache = match &options.workbook_cache {
        Some(path) => WorkbookCache::open_read_only(path),
        None => WorkbookCache::disabled(),
    };
    let mut problems = Problems::new();
    let project = read_project(root, &mut problems)?;
    let dir = root.join("swv").join(folder);
    let folder = read_folder(
        root,
        &dir,
        options.photo_cache.as_deref(),
        &cache,
        &mut problems,
    )?;
    let national = find_workbook(root, root, &mut problems).and_then(|(path, shown)| {
        read_workbook_file(&path, &shown, &cache, &mut problems).map(|t| (shown, t))
    });
    let swvs = merge(vec![folder], national, &mut problems);
    Some(Programme { project, swvs })
}

fn read_folder(
    root: &Path,
    dir: &Path,
    photo_cache: Option<&Path>,
    cache: &WorkbookCache,
    problems: &mut Problems,
) -> Option<Folder> {
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
    let mark = problems.mark();
    let mut sources = Vec::new();
    let summary_rel = shown_dir.join("samenvatting.toml");
    let summary = if dir.join("samenvatting.toml").is_file() {
        sources.push(summary_rel.clone());
        read_summary(
            &dir.join("samenvatting.toml"),
            &summary_rel,
            dir,
            &code,
            photo_cache,
            problems,
        )
    } else {
        problems.error(
            Place::file(&summary_rel),
            "samenvatting.toml ontbreekt; elk SWV heeft een samenvatting (zie docs/invoer.md)",
        );
        None
    };
    let mut tables = Tables::default();
    let mut unreadable_workbook = false;
    if let Some((path, shown)) = find_workbook(root, dir, problems) {
        sources.push(shown.clone());
        let read = read_workbook_file(&path, &shown, cache, problems);
        unreadable_workbook = read.is_none();
        if let Some(t) = read {
            for row in t.swv.iter().map(|r| (&r.code, &r.origin)).chain(
                t.jeugdigen
                    .iter()
                    .map(|r| (&r.code, &r.origin))
                    .chain(t.activiteiten.iter().map(|r| (&r.code, &r.origin))),
            ) {
                if row.0 != &code {
                    problems.error(
                        row.1.place.clone(),
                        format!("deze rij hoort bij {} maar staat in de map van {code}; de code en de mapnaam moeten gelijk zijn", row.0),
                    );
                }
            }
            tables = t;
            tables.swv.retain(|r| r.code == code);
            tables.jeugdigen.retain(|r| r.code == code);
            tables.activiteiten.retain(|r| r.code == code);
        }
    }
    problems.tag_since(mark, code.as_str());
    Some(Folder {
        code,
        unreadable_workbook,
        dir: dir.to_path_buf(),
        sources,
        tables,
        summary,
    })
}

/// Finds `cijfers.<ext>` in `dir` (any accepted extension, any case); two is an error.
fn find_workbook(root: &Path, dir: &Path, problems: &mut Problems) -> Option<(PathBuf, PathBuf)> {
    let entries = crate::fsutil::read_dir_sorted(dir).ok()?;
    let found: Vec<PathBuf> = entries
        .into_iter()
        .filter(|p| p.is_file())
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
        [one] => Some((one.clone(), shown(one))),
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

/// Merges folder and national rows into SWVs, reporting duplicates and orphans.
fn merge(
    folders: Vec<Folder>,
    national: Option<(PathBuf, Tables)>,
    problems: &mut Problems,
) -> Vec<Swv> {
    let mut merge = Merge {
        known: folders.iter().map(|f| f.code.clone()).collect(),
        problems,
        national_sources: BTreeMap::new(),
    };
    let mut swv_rows: BTreeMap<SwvCode, SwvRow> = BTreeMap::new();
    let mut years: BTreeMap<SwvCode, BTreeMap<SchoolYear, YearFigures>> = BTreeMap::new();
    let mut seen_swv: BTreeMap<SwvCode, RowOrigin> = BTreeMap::new();
    let mut seen_j: BTreeMap<(SwvCode, SchoolYear), RowOrigin> = BTreeMap::new();
    let mut seen_a: BTreeMap<(SwvCode, SchoolYear), RowOrigin> = BTreeMap::new();
    let all_tables = folders
        .iter()
        .map(|f| (None, &f.tables))
        .chain(national.as_ref().map(|(path, t)| (Some(path), t)));
    for (national_path, tables) in all_tables {
        for row in &tables.swv {
            let what = || "de SWV-rij".to_string();
            if merge.accept(
                &mut seen_swv,
                row.code.clone(),
                &row.code,
                what,
                &row.origin,
                national_path,
            ) {
                swv_rows.insert(row.code.clone(), row.clone());
            }
        }
        merge.year_rows(
            &tables.jeugdigen,
            "Jeugdigen",
            &mut seen_j,
            national_path,
            &mut years,
            |year, figures| year.jeugdigen = Some(figures),
        );
        merge.year_rows(
            &tables.activiteiten,
            "Activiteiten",
            &mut seen_a,
            national_path,
            &mut years,
            |year, figures| year.activiteiten = Some(figures),
        );
    }
    let Merge {
        problems,
        mut national_sources,
        ..
    } = merge;
    let mut swvs = Vec::new();
    for folder in folders {
        let Some(row) = swv_rows.remove(&folder.code) else {
            if folder.unreadable_workbook {
                continue;
            }
            problems.push(
                crate::diag::Problem::error(
                    Place::file(Path::new("swv").join(folder.code.as_str())),
                    format!(
                        "geen rij voor {} in blad SWV (in swv/{}/cijfers.xlsx of in de landelijke cijfers.xlsx); voeg naam, sector, provincie, deelname_sinds en gemeenten toe",
                        folder.code, folder.code
                    ),
                )
                .for_swv(folder.code.as_str()),
            );
            continue;
        };
        let mut sources = folder.sources;
        if let Some(p) = national_sources.remove(&folder.code) {
            sources.push(p);
        }
        let _ = folder.dir;
        swvs.push(Swv {
            years: years.remove(&folder.code).unwrap_or_default(),
            code: folder.code,
            naam: row.naam,
            sector: row.sector,
            provincie: row.provincie,
            deelname_sinds: row.deelname_sinds,
            gemeenten: row.gemeenten,
            summary: folder.summary,
            sources,
        });
    }
    swvs
}

/// What merging the rows of all workbooks keeps track of.
struct Merge<'a> {
    /// The SWVs with a folder.
    known: BTreeSet<SwvCode>,
    problems: &'a mut Problems,
    /// SWVs with rows in the national workbook (one of their input files).
    national_sources: BTreeMap<SwvCode, PathBuf>,
}

impl Merge<'_> {
    /// Whether a row is taken: its code has a folder and its key (code, or code and school
    /// year) was not seen before; otherwise the problem is reported at the row.
    fn accept<K: Ord>(
        &mut self,
        seen: &mut BTreeMap<K, RowOrigin>,
        key: K,
        code: &SwvCode,
        what: impl FnOnce() -> String,
        origin: &RowOrigin,
        national_path: Option<&PathBuf>,
    ) -> bool {
        if !self.known.contains(code) {
            orphan(self.problems, code, origin);
            return false;
        }
        if let Some(first) = seen.get(&key) {
            duplicate(self.problems, code, &what(), first, origin);
            return false;
        }
        if let Some(p) = national_path {
            self.national_sources.insert(code.clone(), p.clone());
        }
        seen.insert(key, origin.clone());
        true
    }

    /// Takes the rows of one per-year sheet (Jeugdigen or Activiteiten) into `years`, each
    /// through [`Merge::accept`]; `set` puts a row's figures in place.
    fn year_rows<T: Copy>(
        &mut self,
        rows: &[YearRow<T>],
        sheet: &str,
        seen: &mut BTreeMap<(SwvCode, SchoolYear), RowOrigin>,
        national_path: Option<&PathBuf>,
        years: &mut BTreeMap<SwvCode, BTreeMap<SchoolYear, YearFigures>>,
        set: impl Fn(&mut YearFigures, T),
    ) {
        for row in rows {
            let what = || format!("{sheet} {}", row.schooljaar);
            let key = (row.code.clone(), row.schooljaar);
            if self.accept(seen, key, &row.code, what, &row.origin, national_path) {
                let year = years
                    .entry(row.code.clone())
                    .or_default()
                    .entry(row.schooljaar)
                    .or_default();
                set(year, row.figures);
            }
        }
    }
}

fn orphan(problems: &mut Problems, code: &SwvCode, origin: &RowOrigin) {
    problems.push(
        crate::diag::Problem::error(
            origin.place.clone(),
            format!("code {code} heeft geen map swv/{code}/; maak de map met een samenvatting.toml of verwijder de rij"),
        )
        .for_swv(code.as_str()),
    );
}

fn duplicate(
    problems: &mut Problems,
    code: &SwvCode,
    what: &str,
    first: &RowOrigin,
    second: &RowOrigin,
) {
    problems.push(
        crate::diag::Problem::error(
            second.place.clone(),
            format!(
                "{what} van {code} staat twee keer in de invoer: hier en in {}; cijfers van één SWV en schooljaar horen op één plek",
                first.place
            ),
        )
        .for_swv(code.as_str()),
    );
}
