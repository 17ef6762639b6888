//! Assembling the model: the raw rows of every workbook merged into SWVs (duplicates and
//! orphans reported at their rows), cross-source rules, and which documents the problems
//! block. One step, after reading, before planning.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::{Place, Problems};
use crate::inputs::set::{Folder, LoadOptions, RawInputs, read};
use crate::inputs::table::{RowOrigin, SwvRow, Tables, YearRow};
use crate::model::{Programme, SchoolYear, Sheet, Swv, SwvCode, YearFigures};
use crate::outputs::DocumentId;
use crate::privacy::Data;
use crate::privacy::figures::Counts;
use crate::privacy::figures::RowValues;

/// The assembled inputs: the programme (when `project.toml` could be read) and its counts,
/// every problem, and which documents the problems block.
#[derive(Debug)]
pub struct Loaded {
    pub programme: Option<Programme>,
    /// Every reported value (readable only by [`crate::privacy`]).
    pub counts: Counts,
    pub problems: Problems,
    /// SWV folders found (valid codes), including those whose data has errors.
    pub folders: Vec<SwvCode>,
    /// How many privacy errors were overridden by `allow_personal_data`.
    pub privacy_overrides: usize,
}

impl Loaded {
    /// The programme with its counts, when `project.toml` could be read.
    pub fn data(&self) -> Option<Data<'_>> {
        Some(Data {
            programme: self.programme.as_ref()?,
            counts: &self.counts,
        })
    }

    /// Why the national document `id` cannot be made (`None`: it can). National documents
    /// show totals over every SWV, so an error in any figures blocks them, as does one in the
    /// programme or in the document's own texts.
    pub fn national_blocked(&self, id: &DocumentId) -> Option<String> {
        if self.programme.is_none() {
            return Some("project.toml heeft fouten".into());
        }
        let horizon = self.programme.as_ref().and_then(|p| id.horizon(p));
        let blocking: Vec<&crate::diag::Problem> =
            self.problems.blocking_national(id, horizon).collect();
        (!blocking.is_empty()).then(|| why_national_blocked(&blocking))
    }

    /// Why the national document `id` is not even planned: as [`Loaded::national_blocked`],
    /// but an error in its own texts does not keep it from being planned (it is refused after
    /// the check of what all documents publish together, which then sees it too).
    pub fn national_unplanned(&self, id: &DocumentId) -> Option<String> {
        if self.programme.is_none() {
            return Some("project.toml heeft fouten".into());
        }
        let horizon = self.programme.as_ref().and_then(|p| id.horizon(p));
        let blocking: Vec<&crate::diag::Problem> = self
            .problems
            .iter()
            .filter(|p| p.blocks_planning(id, horizon))
            .collect();
        (!blocking.is_empty()).then(|| why_national_blocked(&blocking))
    }

    /// Whether this SWV's one-pager can be built.
    pub fn swv_blocked(&self, code: &SwvCode) -> bool {
        self.problems.blocks_one_pager(code.as_str())
            || self
                .programme
                .as_ref()
                .and_then(|p| p.swv(code))
                .is_none_or(|s| s.one_pager_summary().is_none())
    }
}

/// Why a national document is blocked, from the errors that block it.
fn why_national_blocked(blocking: &[&crate::diag::Problem]) -> String {
    use crate::diag::Concern;
    let mut codes: Vec<&str> = blocking
        .iter()
        .filter(|p| p.concern == Concern::Figures)
        .filter_map(|p| p.swv.as_deref())
        .collect();
    codes.sort();
    codes.dedup();
    let mut files: Vec<String> = blocking
        .iter()
        .filter(|p| matches!(p.concern, Concern::Texts(_)))
        .map(|p| p.place.file.display().to_string())
        .collect();
    files.sort();
    files.dedup();
    if !codes.is_empty() {
        format!(
            "landelijke totalen kunnen niet kloppen zolang de cijfers van {} fouten hebben",
            codes.join(", ")
        )
    } else if !files.is_empty()
        && blocking
            .iter()
            .all(|p| matches!(p.concern, Concern::Texts(_)))
    {
        format!("de teksten in {} hebben fouten", files.join(", "))
    } else {
        "de invoer heeft fouten die alle landelijke cijfers raken".into()
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
    let ronde = project.as_ref().and_then(|p| p.open_round());
    let (swvs, counts) = merge(folders, national, ronde, &mut problems);
    let privacy_overrides = if allow_personal_data {
        problems.allow_privacy()
    } else {
        0
    };
    let programme = project.map(|project| Programme { project, swvs });
    if let Some(p) = &programme {
        warn_years_outside_phases(p, &mut problems);
        warn_unknown_voice_codes(p, &mut problems);
        crate::inputs::repeats::warn_shared_sentences(p, &mut problems);
        crate::inputs::repeats::warn_repeated_own_sentences(p, &mut problems);
    }
    Loaded {
        programme,
        counts,
        problems,
        folders: codes,
        privacy_overrides,
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
                "schooljaar {year} hoort bij geen fase in project.toml, maar {} {} er cijfers voor ({}); die staan alleen op {} regio-overzicht en tellen in geen landelijk document mee. Voeg het schooljaar aan een fase toe als het erbij hoort",
                crate::dutch::count(codes.len(), "SWV", "SWV's"),
                if codes.len() == 1 { "gaf" } else { "gaven" },
                codes.join(", "),
                if codes.len() == 1 { "zijn" } else { "hun" }
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

/// Merges folder and national rows into SWVs and their counts, reporting duplicates and
/// orphans.
fn merge(
    folders: Vec<Folder>,
    national: Option<(PathBuf, Tables)>,
    ronde: Option<SchoolYear>,
    problems: &mut Problems,
) -> (Vec<Swv>, Counts) {
    let mut merge = Merge {
        check: RowCheck {
            known: folders.iter().map(|f| f.code.clone()).collect(),
            problems,
            national_sources: BTreeMap::new(),
        },
        swv_rows: BTreeMap::new(),
        years: BTreeMap::new(),
        counts: Counts::default(),
        seen_swv: BTreeMap::new(),
        seen_years: BTreeMap::new(),
        same_twice: 0,
    };
    for f in &folders {
        merge.tables(&f.tables, None);
    }
    if let Some((path, tables)) = &national {
        merge.tables(tables, Some(path));
    }
    // A school year after the open round is a slip (a year too far in the list): the SWV's
    // own error, at its cell, with the year that was meant.
    if let Some(r) = ronde {
        for ((code, year, sheet), (origin, _)) in &merge.seen_years {
            if *year > r {
                // At the cell that holds the year, not the code.
                let place = origin.schooljaar.as_ref().unwrap_or(&origin.place);
                merge.check.problems.push(
                    crate::diag::Problem::error(
                        place.clone(),
                        format!(
                            "u vulde {year} in bij blad {}; de ronde gaat over {r}. Bedoeld is {r}? Kies dat schooljaar in de kolom schooljaar",
                            sheet.name()
                        ),
                    )
                    .for_swv(code.as_str())
                    .in_year(*year),
                );
            }
        }
    }
    if merge.same_twice > 0 {
        merge.check.problems.push(
            crate::diag::Problem::warning(
                Place::file("cijfers.xlsx"),
                format!(
                    "{} zowel in het eigen werkboek van een SWV als, met dezelfde cijfers, in de landelijke cijfers.xlsx (bijvoorbeeld de eerdere jaren die een ingevuld formulier meestuurt); {} uit de landelijke cijfers.xlsx",
                    match merge.same_twice {
                        1 => "1 rij staat".to_string(),
                        n => format!("{n} rijen staan"),
                    },
                    if merge.same_twice == 1 {
                        "die telt één keer. Haal hem desgewenst"
                    } else {
                        "ze tellen één keer. Haal ze desgewenst"
                    }
                ),
            )
            .concerning(crate::diag::Concern::Programme),
        );
    }
    let swvs = folders
        .into_iter()
        .filter_map(|folder| merge.swv(folder))
        .collect();
    (swvs, merge.counts)
}

/// What merging the rows of all workbooks collects.
struct Merge<'a> {
    check: RowCheck<'a>,
    swv_rows: BTreeMap<SwvCode, SwvRow>,
    years: BTreeMap<SwvCode, BTreeMap<SchoolYear, YearFigures>>,
    counts: Counts,
    /// Where each row was first seen, to report a second one.
    seen_swv: BTreeMap<SwvCode, RowOrigin>,
    seen_years: BTreeMap<(SwvCode, SchoolYear, Sheet), (RowOrigin, RowValues)>,
    /// Rows that stood in an SWV's own workbook and again, the same, in the national one.
    same_twice: usize,
}

/// Decides whether a row is taken, reporting orphans and duplicates.
struct RowCheck<'a> {
    /// The SWVs with a folder.
    known: BTreeSet<SwvCode>,
    problems: &'a mut Problems,
    /// SWVs with rows in the national workbook (one of their input files).
    national_sources: BTreeMap<SwvCode, PathBuf>,
}

/// A row offered to the merge: whose it is, where it is, and what it is (for messages).
struct Offered<'r> {
    code: &'r SwvCode,
    origin: &'r RowOrigin,
    what: String,
    /// The national workbook's path, when the row is in it.
    national: Option<&'r PathBuf>,
}

impl Merge<'_> {
    /// Takes the rows of one workbook (`national_path` for the national one).
    fn tables(&mut self, tables: &Tables, national_path: Option<&PathBuf>) {
        for row in &tables.swv {
            let offered = Offered {
                code: &row.code,
                origin: &row.origin,
                what: "de SWV-rij".to_string(),
                national: national_path,
            };
            // The same SWV row in its own workbook and in the national one: one row.
            if national_path.is_some()
                && self
                    .swv_rows
                    .get(&row.code)
                    .is_some_and(|own| same_swv_row(own, row))
            {
                self.same_twice += 1;
                continue;
            }
            let first = self.seen_swv.get(&row.code);
            if self.check.accept(&offered, first) {
                self.seen_swv.insert(row.code.clone(), row.origin.clone());
                self.swv_rows.insert(row.code.clone(), row.clone());
            }
        }
        for row in tables.jeugdigen.iter().chain(&tables.activiteiten) {
            self.year_row(row, national_path);
        }
    }

    /// Takes one row of the Jeugdigen or Activiteiten sheet: its cells into the model, its
    /// values into the counts.
    fn year_row(&mut self, row: &YearRow, national_path: Option<&PathBuf>) {
        let offered = Offered {
            code: &row.code,
            origin: &row.origin,
            what: format!("{} {}", row.sheet.name(), row.schooljaar),
            national: national_path,
        };
        let key = (row.code.clone(), row.schooljaar, row.sheet);
        // A row of the national workbook that the SWV's own workbook also holds: the same
        // figures are one row; other figures, the SWV's own return counts (it is the newer).
        if let (Some(national), Some((own, values))) = (national_path, self.seen_years.get(&key)) {
            if *values == row.values {
                self.same_twice += 1;
            } else {
                conflict(self.check.problems, &offered, own, national);
            }
            return;
        }
        if !self
            .check
            .accept(&offered, self.seen_years.get(&key).map(|(o, _)| o))
        {
            return;
        }
        self.seen_years
            .insert(key, (row.origin.clone(), row.values));
        self.years
            .entry(row.code.clone())
            .or_default()
            .entry(row.schooljaar)
            .or_default()
            .set(row.sheet, row.values.map(|v| v.is_some()));
        self.counts
            .insert(&row.code, row.schooljaar, row.sheet, row.values);
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
            summaries: folder.summaries,
            refused: folder.refused,
            sources,
        })
    }
}

impl RowCheck<'_> {
    /// Whether a row is taken: its code has a folder and no row with its key (code, or code,
    /// school year and sheet) came `first`; otherwise the problem is reported at the row.
    fn accept(&mut self, row: &Offered<'_>, first: Option<&RowOrigin>) -> bool {
        if !self.known.contains(row.code) {
            orphan(self.problems, row.code, row.origin);
            return false;
        }
        if let Some(first) = first {
            duplicate(self.problems, row, first);
            return false;
        }
        if let Some(p) = row.national {
            self.national_sources.insert(row.code.clone(), p.clone());
        }
        true
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

/// The same SWV row: every field equal.
fn same_swv_row(a: &SwvRow, b: &SwvRow) -> bool {
    (
        &a.naam,
        a.sector,
        a.provincie,
        a.deelname_sinds,
        a.gemeenten,
    ) == (
        &b.naam,
        b.sector,
        b.provincie,
        b.deelname_sinds,
        b.gemeenten,
    )
}

/// A row of the national workbook with other figures than the SWV's own workbook: for the
/// project group (it is not the SWV's file), saying which one counts.
fn conflict(problems: &mut Problems, national: &Offered<'_>, own: &RowOrigin, path: &Path) {
    problems.push(
        crate::diag::Problem::warning(
            national.origin.place.clone(),
            format!(
                "{} van {} staat ook in {}, met andere cijfers; de cijfers uit het eigen werkboek tellen (het SWV stuurde ze zelf). Haal de rij uit {} of zet daar dezelfde cijfers",
                national.what,
                national.code,
                own.place,
                path.display()
            ),
        )
        .concerning(crate::diag::Concern::Programme),
    );
}

fn duplicate(problems: &mut Problems, second: &Offered<'_>, first: &RowOrigin) {
    problems.push(
        crate::diag::Problem::error(
            second.origin.place.clone(),
            format!(
                "{} van {} staat twee keer in de invoer: hier en in {}; cijfers van één SWV en schooljaar horen op één plek",
                second.what, second.code, first.place
            ),
        )
        .for_swv(second.code.as_str()),
    );
}
