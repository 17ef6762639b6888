//! Assembling the model: the raw rows of every workbook merged into SWVs (duplicates and
//! orphans reported at their rows), cross-source rules, and which documents the problems
//! block. One step, after reading, before planning.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::{Place, Problems};
use crate::inputs::set::{Folder, LoadOptions, RawInputs, read};
use crate::inputs::table::{RowOrigin, SwvRow, Tables, YearRow};
use crate::model::{Programme, SchoolYear, Swv, SwvCode, YearFigures};

/// The assembled inputs: the programme (when `project.toml` could be read), every problem,
/// and which documents the problems block.
#[derive(Debug)]
pub struct Loaded {
    pub programme: Option<Programme>,
    pub problems: Problems,
    /// SWV folders found (valid codes), including those whose data has errors.
    pub folders: Vec<SwvCode>,
    /// How many privacy errors were overridden by `allow_personal_data`.
    pub privacy_overrides: usize,
    /// Totals withheld so that no small count can be derived (see [`crate::disclosure`]);
    /// filled in by the build's protect step.
    pub withheld: Vec<crate::disclosure::Withheld>,
    pub withholding: crate::ledger::Withholding,
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

/// Reads the inputs in `root` and assembles the model.
pub fn load(root: &Path, options: &LoadOptions) -> Loaded {
    assemble(read(root, options), options.allow_personal_data)
}

/// Merges what was read into the programme and collects every problem.
pub fn assemble(raw: RawInputs, allow_personal_data: bool) -> Loaded {
    let RawInputs {
        project,
        folders,
        national,
        mut problems,
    } = raw;
    let codes: Vec<SwvCode> = folders.iter().map(|f| f.code.clone()).collect();
    let swvs = merge(folders, national, &mut problems);
    let privacy_overrides = if allow_personal_data {
        problems.allow_privacy()
    } else {
        0
    };
    let programme = project.map(|project| Programme { project, swvs });
    if let Some(p) = &programme {
        warn_years_outside_phases(p, &mut problems);
        warn_unknown_voice_codes(p, &mut problems);
    }
    Loaded {
        programme,
        problems,
        folders: codes,
        privacy_overrides,
        withheld: Vec::new(),
        withholding: Default::default(),
    }
}

/// Figures for a school year in no phase: a warning naming the year and the SWVs.
fn warn_years_outside_phases(programme: &Programme, problems: &mut Problems) {
    if programme.project.fases.is_empty() {
        return;
    }
    let published = programme.published_years();
    for year in programme.school_years() {
        if published.contains(&year) {
            continue;
        }
        let codes: Vec<&str> = programme
            .swvs
            .iter()
            .filter(|s| s.took_part(year))
            .map(|s| s.code.as_str())
            .collect();
        problems.warning(
            Place::file("project.toml"),
            format!(
                "schooljaar {year} hoort bij geen fase in project.toml, maar {} SWV('s) gaven er cijfers voor ({}); die staan alleen op hun regio-overzicht en tellen in geen landelijk document mee. Voeg het schooljaar aan een fase toe als het erbij hoort",
                codes.len(),
                codes.join(", ")
            ),
        );
    }
}

/// A code in a report's `[stemmen]` lists that is no SWV of the inputs: a warning, since the
/// pin or exclusion then does nothing (a typo would silently let a quote through).
fn warn_unknown_voice_codes(programme: &Programme, problems: &mut Problems) {
    for phase in &programme.project.fases {
        let v = &phase.teksten.stemmen;
        for (list, codes) in [
            ("citaten_vast", &v.citaten_vast),
            ("citaten_uit", &v.citaten_uit),
            ("voorbeelden_vast", &v.voorbeelden_vast),
            ("voorbeelden_uit", &v.voorbeelden_uit),
        ] {
            for raw in codes {
                let known = crate::model::SwvCode::parse(raw)
                    .ok()
                    .is_some_and(|c| programme.swv(&c).is_some());
                if !known {
                    problems.warning(
                        Place::key("project.toml", format!("fase {}, teksten: [stemmen] {list}", phase.nummer)),
                        format!("\"{raw}\" is geen SWV in de invoer; deze regel doet daardoor niets. Verbeter de code"),
                    );
                }
            }
        }
    }
}

/// Merges folder and national rows into SWVs, reporting duplicates and orphans.
fn merge(
    folders: Vec<Folder>,
    national: Option<(PathBuf, Tables)>,
    problems: &mut Problems,
) -> Vec<Swv> {
    let mut merge = Merge {
        check: RowCheck {
            known: folders.iter().map(|f| f.code.clone()).collect(),
            problems,
            national_sources: BTreeMap::new(),
        },
        swv_rows: BTreeMap::new(),
        years: BTreeMap::new(),
        seen_swv: BTreeMap::new(),
        seen_j: BTreeMap::new(),
        seen_a: BTreeMap::new(),
    };
    for f in &folders {
        merge.tables(&f.tables, None);
    }
    if let Some((path, tables)) = &national {
        merge.tables(tables, Some(path));
    }
    folders
        .into_iter()
        .filter_map(|folder| merge.swv(folder))
        .collect()
}

/// Where each (SWV, school year) row was first seen.
type Seen = BTreeMap<(SwvCode, SchoolYear), RowOrigin>;
/// The figures per SWV and school year.
type Years = BTreeMap<SwvCode, BTreeMap<SchoolYear, YearFigures>>;

/// What merging the rows of all workbooks collects.
struct Merge<'a> {
    check: RowCheck<'a>,
    swv_rows: BTreeMap<SwvCode, SwvRow>,
    years: BTreeMap<SwvCode, BTreeMap<SchoolYear, YearFigures>>,
    /// Where each row was first seen, to report a second one.
    seen_swv: BTreeMap<SwvCode, RowOrigin>,
    seen_j: BTreeMap<(SwvCode, SchoolYear), RowOrigin>,
    seen_a: BTreeMap<(SwvCode, SchoolYear), RowOrigin>,
}

/// Decides whether a row is taken, reporting orphans and duplicates.
struct RowCheck<'a> {
    /// The SWVs with a folder.
    known: BTreeSet<SwvCode>,
    problems: &'a mut Problems,
    /// SWVs with rows in the national workbook (one of their input files).
    national_sources: BTreeMap<SwvCode, PathBuf>,
}

impl Merge<'_> {
    /// Takes the rows of one workbook (`national_path` for the national one).
    fn tables(&mut self, tables: &Tables, national_path: Option<&PathBuf>) {
        for row in &tables.swv {
            let what = || "de SWV-rij".to_string();
            let key = row.code.clone();
            let row_at = (&row.code, &row.origin);
            if self
                .check
                .accept((&mut self.seen_swv, key), row_at, what, national_path)
            {
                self.swv_rows.insert(row.code.clone(), row.clone());
            }
        }
        self.check.year_rows(
            (&tables.jeugdigen, "Jeugdigen"),
            (&mut self.seen_j, &mut self.years),
            national_path,
            |year, f| year.jeugdigen = Some(f),
        );
        self.check.year_rows(
            (&tables.activiteiten, "Activiteiten"),
            (&mut self.seen_a, &mut self.years),
            national_path,
            |year, f| year.activiteiten = Some(f),
        );
    }

    /// The SWV of one folder, when its SWV row was found.
    fn swv(&mut self, folder: Folder) -> Option<Swv> {
        let Some(row) = self.swv_rows.remove(&folder.code) else {
            if !folder.unreadable_workbook {
                let own = folder
                    .sources
                    .iter()
                    .find(|p| p.file_stem().is_some_and(|s| s == "cijfers"));
                let where_ = match own {
                    Some(p) => format!("in {} of in de landelijke cijfers.xlsx", p.display()),
                    None => format!(
                        "de map swv/{}/ heeft geen cijfers.xlsx, en de landelijke cijfers.xlsx heeft geen rij voor {}",
                        folder.code, folder.code
                    ),
                };
                self.check.problems.push(
                    crate::diag::Problem::error(
                        Place::file(Path::new("swv").join(folder.code.as_str())),
                        format!(
                            "geen rij voor {} in blad SWV ({where_}); voeg naam, sector, provincie, deelname_sinds en gemeenten toe",
                            folder.code
                        ),
                    )
                    .for_swv(folder.code.as_str()),
                );
            }
            return None;
        };
        let mut sources = folder.sources;
        if let Some(p) = self.check.national_sources.remove(&folder.code) {
            sources.push(p);
        }
        Some(Swv {
            years: self.years.remove(&folder.code).unwrap_or_default(),
            code: folder.code,
            naam: row.naam,
            sector: row.sector,
            provincie: row.provincie,
            deelname_sinds: row.deelname_sinds,
            gemeenten: row.gemeenten,
            summary: folder.summary,
            sources,
        })
    }
}

impl RowCheck<'_> {
    /// Whether a row is taken: its code has a folder and its key (code, or code and school
    /// year) was not seen before; otherwise the problem is reported at the row.
    fn accept<K: Ord>(
        &mut self,
        (seen, key): (&mut BTreeMap<K, RowOrigin>, K),
        (code, origin): (&SwvCode, &RowOrigin),
        what: impl FnOnce() -> String,
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
        (rows, sheet): (&[YearRow<T>], &str),
        (seen, years): (&mut Seen, &mut Years),
        national_path: Option<&PathBuf>,
        set: impl Fn(&mut YearFigures, T),
    ) {
        for row in rows {
            let what = || format!("{sheet} {}", row.schooljaar);
            let key = (row.code.clone(), row.schooljaar);
            if self.accept((seen, key), (&row.code, &row.origin), what, national_path) {
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
