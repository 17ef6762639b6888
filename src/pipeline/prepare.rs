//! The one pipeline every entry point runs: build, check, compile-ahead, the benchmark's dump
//! and `wel cijfers` differ only in what they do with its result, never in which guards run.
//!
//! Raw inputs -> assemble and check (characters no font has) -> plan every document once ->
//! protect the plan's ledger (secondary suppression, which settles every figure) -> audit ->
//! write each selected document's data and seal it (the hash of what goes in). The bundles'
//! CSVs are written from the same resolved ledger as the PDFs.

use std::collections::BTreeMap;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::plan::{Plan, Planned, plan};
use super::{BuildError, BuildOptions};
use crate::assemble::{Loaded, assemble};
use crate::diag::{Concern, Place, Problem};
use crate::edition::revision::Base;
use crate::export::csv::CsvFile;
use crate::export::manifest::Document;
use crate::hash::hex;
use crate::inputs::set::RawInputs;
use crate::model::SwvCode;
use crate::outputs::{DocumentId, Kind, Outcome};
use crate::privacy::disclosure::Withheld;
use crate::privacy::protect::{ProtectCache, protect};
use crate::privacy::{Ledger, Recorded};
use crate::render::{DocumentInput, Engine};
use crate::views::shared::AboutFigures;
use crate::views::{TemplateData, typography::data_json};

/// A document taken over from the latest edition as it was sent.
#[derive(Debug, Clone)]
pub struct FromEdition {
    pub edition: String,
    /// The file in the edition.
    pub file: std::path::PathBuf,
    /// The edition manifest's entry.
    pub document: Document,
}

impl FromEdition {
    /// The document `key` of the latest edition (`document`: its manifest entry), from the
    /// edition it was made in.
    fn of(base: Base<'_>, key: &str, document: Document) -> Self {
        Self {
            edition: base.origin(key).name().to_string(),
            file: base.edition.file(key),
            document,
        }
    }
}

/// One document to make: its data written and sealed.
pub struct Job {
    pub id: DocumentId,
    /// A document of the latest edition: copied, not compiled.
    pub from_edition: Option<FromEdition>,
    /// What the manifest says about the document (its bytes and pages come when it is built).
    pub document: Document,
    /// For one-pagers: the longest text field, named when the page overflows.
    pub fit_hint: Option<String>,
    pub input: DocumentInput,
    pub max_pages: Option<usize>,
    /// The hash of exactly what goes into the document.
    pub hash: String,
    /// Its web page (`--web`).
    pub web: super::web::WebPage,
}

impl Job {
    pub fn key(&self) -> String {
        self.id.key()
    }
}

/// What the pipeline made of the inputs.
pub struct Prepared {
    pub loaded: Loaded,
    /// The documents asked for that can be made.
    pub jobs: Vec<Job>,
    /// The documents asked for that cannot be made, with why.
    pub blocked: Vec<(DocumentId, Outcome)>,
    /// Everything a full build publishes, every figure settled.
    pub ledger: Ledger,
    /// The totals withheld by secondary suppression, and why.
    pub withheld: Vec<Withheld>,
    /// The solutions protection found (kept with a new edition).
    pub witnesses: Vec<crate::privacy::disclosure::Witness>,
    /// The CSV of every one-pager's bundle.
    pub csvs: BTreeMap<SwvCode, CsvFile>,
    /// Seconds spent on secondary suppression and the audit.
    pub protect_seconds: f64,
    /// What this run does with the latest edition (none without one).
    pub editions: EditionState,
}

/// What a run did with the latest edition: the documents it took over as they were sent, the
/// ones a correction or a late return reaches, and (in revision mode) what each revised
/// document lists.
#[derive(Debug, Clone, Default)]
pub struct EditionState {
    /// The latest edition's name.
    pub base: Option<String>,
    /// Documents taken over as they were sent: key, the edition they were made in.
    pub overgenomen: BTreeMap<String, String>,
    /// Documents of the latest edition that print other figures now (only in revision mode
    /// are they made anew).
    pub reached: Vec<DocumentId>,
    /// Rows of closed rounds that came in late; they wait unless taken in.
    pub late: Vec<crate::model::Late>,
    /// Whether the late rows were taken in (a revision, or `--nagekomen`).
    pub late_taken: bool,
    /// In revision mode: what the revision changes.
    pub revision: Option<crate::edition::revision::Revision>,
    /// The brochure's school years, as fixed by its first edition or project.toml.
    pub brochure_years: Option<Vec<crate::model::SchoolYear>>,
}

/// What the pipeline needs besides the raw inputs.
pub struct Pipeline<'a> {
    /// The published editions, when not those in `options.editions`.
    pub editions: Option<&'a [crate::edition::Edition]>,
    pub engine: &'a Engine,
    pub options: &'a BuildOptions,
    /// What every document's hash starts with (wel version and fonts).
    pub version_hash: &'a [u8],
    /// Where secondary suppression's choice is kept between builds.
    pub protect_cache: Option<ProtectCache<'a>>,
}

impl Pipeline<'_> {
    /// Runs the pipeline over `raw`.
    pub fn run(&self, raw: RawInputs) -> Result<Prepared, BuildError> {
        let mut loaded = assemble(raw, self.options.load.allow_personal_data);
        self.check_selection(&loaded)?;
        let editions = match (self.editions, &self.options.editions) {
            (Some(given), _) => given.to_vec(),
            (None, Some(dir)) => crate::edition::all(dir)?,
            (None, None) => Vec::new(),
        };
        let base = Base::latest(&editions);
        let mut state = self.edition_state(&mut loaded, &editions);
        let mut plan = plan(&loaded);
        let kept = self.keep_published(&loaded, &mut plan, base, &mut state);
        let mut ledger = plan.ledger();
        for e in &editions {
            ledger.add_earlier(e.earlier());
        }
        let keep = base.map(|b| b.withheld()).unwrap_or_default();
        let t = std::time::Instant::now();
        let (withheld, witnesses) = self.audited_protection(&mut loaded, &ledger, &mut plan, &keep);
        let protect_seconds = t.elapsed().as_secs_f64();
        check_printed_texts(&mut loaded, &ledger, &mut plan);
        let mut kept = kept;
        if self.options.revise
            && let Some(base) = base
        {
            let (revision, unchanged) =
                revise(&mut plan, base, &state.reached, loaded.programme.as_ref());
            take_over(unchanged, base, &mut plan, &mut ledger, &mut kept);
            state.revision = Some(crate::edition::revision::Revision {
                nagekomen: state.late.clone(),
                ..revision
            });
        }
        state.overgenomen = kept
            .documents
            .iter()
            .map(|(id, from)| (id.key(), from.edition.clone()))
            .collect();
        let mut csvs = csv_files(&plan)?;
        csvs.extend(kept.csvs);
        let (selected, mut blocked) = self.select(plan);
        let Some(programme) = loaded.programme.as_ref() else {
            return Ok(Prepared {
                loaded,
                jobs: Vec::new(),
                blocked,
                ledger,
                withheld,
                witnesses,
                csvs,
                protect_seconds,
                editions: state,
            });
        };
        let revision = state.revision.as_ref();
        let jobs: Result<Vec<Job>, BuildError> = selected
            .into_par_iter()
            .map(|d| self.job(d, programme, revision))
            .collect();
        let mut jobs = jobs?;
        jobs.extend(
            kept.documents
                .into_iter()
                .filter(|k| wanted(self.options, &k.0))
                .map(|(id, from)| Job::from_edition(id, from, self.options.web)),
        );
        blocked.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Prepared {
            loaded,
            jobs,
            blocked,
            ledger,
            withheld,
            witnesses,
            csvs,
            protect_seconds,
            editions: state,
        })
    }

    /// What the run does with the editions before planning: the brochure's years fixed by its
    /// first edition, and the late rows of closed rounds held back unless taken in. Checks
    /// the assembled model on the way (before late rows are held back, so that their errors
    /// are reported).
    fn edition_state(
        &self,
        loaded: &mut Loaded,
        editions: &[crate::edition::Edition],
    ) -> EditionState {
        let mut state = EditionState {
            base: editions.last().map(|e| e.name().to_string()),
            ..EditionState::default()
        };
        if let Some(programme) = loaded.programme.as_mut() {
            fix_brochure_years(programme, editions);
            state.brochure_years = programme
                .project
                .brochure
                .as_ref()
                .and_then(|_| DocumentId::Brochure.years(programme));
        }
        self.check(loaded);
        if let Some(data) = loaded.data() {
            state.late = crate::edition::revision::late(data, editions);
        }
        state.late_taken = self.options.revise || self.options.late;
        if let Some(programme) = loaded.programme.as_mut()
            && !state.late_taken
        {
            crate::edition::revision::hold_back(programme, &state.late);
        }
        state
    }

    /// Takes the documents of the latest edition out of the plan: they are not made again
    /// but copied as they were sent (their figures are in the ledger as that edition's), and
    /// a one-pager's CSV with it. Those a correction or a late return reaches are noted; a
    /// revision (`--herziening`) makes them anew.
    fn keep_published(
        &self,
        loaded: &Loaded,
        plan: &mut Plan,
        base: Option<Base<'_>>,
        state: &mut EditionState,
    ) -> Kept {
        let mut kept = Kept::default();
        let (Some(base), Some(data)) = (base, loaded.data()) else {
            return kept;
        };
        let programme = data.programme;
        let mut made = Vec::new();
        for d in std::mem::take(&mut plan.documents) {
            if !base.edition.keeps(&d.id, programme) {
                made.push(d);
                continue;
            }
            let key = d.id.key();
            let mut now: Vec<Recorded> = d.figures.iter().map(Recorded::by_rule).collect();
            let mut reached = base.reached(&key, &now, data);
            if let Some(code) = d.id.swv()
                && let Some(csv) = plan.csvs.iter().find(|c| &c.swv == code)
            {
                now = csv.figures.iter().map(Recorded::by_rule).collect();
                reached |= base.reached(&csv.key(), &now, data);
            }
            if reached {
                state.reached.push(d.id.clone());
            }
            let document = base.edition.document(&key).cloned();
            match document {
                Some(document) if !(reached && self.options.revise) => {
                    if let Some(code) = d.id.swv() {
                        keep_csv(base, code, plan, None, &mut kept);
                    }
                    kept.documents
                        .push((d.id.clone(), FromEdition::of(base, &key, document)));
                }
                _ => made.push(d),
            }
        }
        plan.documents = made;
        kept
    }

    /// Every `--swv` code names an SWV folder.
    fn check_selection(&self, loaded: &Loaded) -> Result<(), BuildError> {
        for code in &self.options.swv {
            if !loaded.folders.contains(code) {
                return Err(BuildError::Usage(format!(
                    "SWV {code} bestaat niet in {}/swv/",
                    self.options.inputs.display()
                )));
            }
        }
        Ok(())
    }

    /// The checks over the assembled model: characters no font has, a threshold below the
    /// CBS norm, and numbers typed in texts that would give a small count away.
    fn check(&self, loaded: &mut Loaded) {
        let Some(programme) = loaded.programme.as_mut() else {
            return;
        };
        crate::privacy::prose::check_inputs(programme, &loaded.counts, &mut loaded.problems);
        crate::render::glyphs::warn_missing_glyphs(self.engine, programme, &mut loaded.problems);
        if let Some(line) = crate::privacy::rule::below_norm(programme.project.drempel) {
            loaded.problems.push(
                Problem::warning(
                    Place::key("project.toml", "programma.drempel_kleine_aantallen"),
                    format!("{line} Elk document vermeldt dit in de verantwoording."),
                )
                .concerning(Concern::Programme),
            );
        }
    }

    /// Secondary suppression over the plan's ledger, which settles every figure; what is
    /// still given away (it should be nothing) blocks the national documents.
    fn audited_protection(
        &self,
        loaded: &mut Loaded,
        ledger: &Ledger,
        plan: &mut Plan,
        keep: &[Vec<crate::privacy::Cell>],
    ) -> (Vec<Withheld>, Vec<crate::privacy::disclosure::Witness>) {
        let Some(data) = loaded.data() else {
            return (Vec::new(), Vec::new());
        };
        let protection = protect(ledger, data, self.protect_cache.as_ref(), keep);
        for d in &protection.audit.disclosed {
            let how = if d.recovered() {
                "is af te leiden uit de gepubliceerde cijfers".to_string()
            } else {
                let values: Vec<String> = d.possible.iter().map(u32::to_string).collect();
                format!(
                    "is met de gepubliceerde cijfers en de regels tussen de aantallen in te perken tot {}",
                    crate::dutch::enumerate(&values, "of")
                )
            };
            loaded.problems.push(
                Problem::error(
                    Place::file("(alle documenten)"),
                    format!(
                        "het aantal {} van {} in {} {how}; de landelijke documenten worden niet gemaakt",
                        d.cell.measure.label(),
                        d.cell.swv,
                        d.cell.schooljaar
                    ),
                )
                .concerning(Concern::Publication),
            );
        }
        if !protection.audit.disclosed.is_empty() {
            let (national, rest): (Vec<Planned>, Vec<Planned>) =
                std::mem::take(&mut plan.documents)
                    .into_iter()
                    .partition(|d| d.id.kind() != Kind::Regio);
            plan.documents = rest;
            for d in national {
                let why = loaded.national_blocked(&d.id).unwrap_or_default();
                plan.blocked.push((d.id, Outcome::Blocked(why)));
            }
        }
        (protection.withheld, protection.witnesses)
    }

    /// The documents asked for (`--only`, `--swv`), and those of them that are blocked.
    fn select(&self, plan: Plan) -> (Vec<Planned>, Vec<(DocumentId, Outcome)>) {
        let wanted = |id: &DocumentId| wanted(self.options, id);
        let selected = plan
            .documents
            .into_iter()
            .filter(|d| wanted(&d.id))
            .collect();
        let blocked = plan
            .blocked
            .into_iter()
            .filter(|(id, _)| wanted(id))
            .collect();
        (selected, blocked)
    }

    /// The job of a planned document: its data written now that every figure is settled,
    /// then sealed.
    fn job(
        &self,
        d: Planned,
        programme: &crate::model::Programme,
        revision: Option<&crate::edition::revision::Revision>,
    ) -> Result<Job, BuildError> {
        let kind = d.id.kind();
        // A revised document lists what changed since the edition it replaces.
        let correcties = revision.and_then(|r| {
            let revised = r.documents.iter().find(|x| x.id == d.id)?;
            Some(crate::views::Corrections {
                editie: r.editie.clone(),
                regels: revised
                    .differences
                    .iter()
                    .map(|x| crate::views::Correction {
                        wat: x.wat.clone(),
                        was: x.gepubliceerd.clone(),
                        nu: x.nu.clone(),
                    })
                    .collect(),
            })
        });
        let about = AboutFigures::new(programme, &d.figures);
        let web = if self.options.web {
            super::web::web_page(&d, &about, programme)?
        } else {
            super::web::WebPage::None
        };
        let data = TemplateData {
            view: &d.view,
            cijfers: about,
            correcties,
        };
        let data = data_json(&data).map_err(|e| BuildError::Internal(e.to_string()))?;
        let mut job = Job {
            from_edition: None,
            document: Document::planned(
                &d.id,
                d.facts.title,
                d.facts.schooljaar,
                d.facts.sources,
                d.facts.concept,
            ),
            fit_hint: d.fit_hint,
            input: DocumentInput {
                template: kind.template().into(),
                data,
                assets: d.assets,
            },
            max_pages: (kind == Kind::Regio).then_some(1),
            hash: String::new(),
            id: d.id,
            web,
        };
        // Characters no font has would break PDF/A (they were warned about while checking),
        // so they become a box first.
        crate::render::glyphs::replace_missing_glyphs(self.engine, &mut job.input.data);
        job.hash = job_hash(self.engine, self.version_hash, &job);
        Ok(job)
    }
}

impl Job {
    /// A document of the latest edition, to be copied as it was sent.
    fn from_edition(id: DocumentId, from: FromEdition, web: bool) -> Self {
        Job {
            web: if web {
                super::web::WebPage::from_edition(&id, &from.file)
            } else {
                super::web::WebPage::None
            },
            document: from.document.clone(),
            fit_hint: None,
            input: DocumentInput {
                template: id.kind().template().into(),
                data: Vec::new(),
                assets: Vec::new(),
            },
            max_pages: None,
            hash: format!("editie {} {}", from.edition, from.document.sha256),
            from_edition: Some(from),
            id,
        }
    }
}

/// What the latest edition's documents that a build takes over are, with their CSVs.
#[derive(Default)]
struct Kept {
    documents: Vec<(DocumentId, FromEdition)>,
    csvs: BTreeMap<SwvCode, CsvFile>,
}

/// In a revision, every planned document of the latest edition (the ones a correction
/// reaches) now that every figure is settled: the figures it prints differently are its
/// corrections; one that prints nothing differently is taken over as it was sent.
fn revise(
    plan: &mut Plan,
    base: Base<'_>,
    reached: &[DocumentId],
    programme: Option<&crate::model::Programme>,
) -> (
    crate::edition::revision::Revision,
    Vec<(DocumentId, FromEdition)>,
) {
    let mut revision = crate::edition::revision::Revision {
        editie: base.edition.name().to_string(),
        ..Default::default()
    };
    let mut unchanged = Vec::new();
    let mut made = Vec::new();
    for d in std::mem::take(&mut plan.documents) {
        let key = d.id.key();
        let (Some(then), Some(document)) = (base.figures(&key), base.edition.document(&key)) else {
            made.push(d);
            continue;
        };
        // A document the base does not keep (a one-pager of a newer year) is a new one.
        if !reached.contains(&d.id) {
            made.push(d);
            continue;
        }
        let mut differences = crate::privacy::editions::differences(
            then,
            &d.figures
                .iter()
                .filter_map(Recorded::of)
                .collect::<Vec<_>>(),
            programme,
        );
        if let Some(code) = d.id.swv()
            && let Some(csv) = plan.csvs.iter().find(|c| &c.swv == code)
            && let Some(then) = base.figures(&csv.key())
        {
            let now: Vec<Recorded> = csv.figures.iter().filter_map(Recorded::of).collect();
            differences.extend(crate::privacy::editions::differences(then, &now, programme));
            differences.sort();
            differences.dedup();
        }
        if differences.is_empty() {
            unchanged.push((d.id.clone(), FromEdition::of(base, &key, document.clone())));
        } else {
            revision.documents.push(crate::edition::revision::Revised {
                id: d.id.clone(),
                differences,
            });
            made.push(d);
        }
    }
    plan.documents = made;
    revision.documents.sort_by(|a, b| a.id.cmp(&b.id));
    (revision, unchanged)
}

/// The documents a revision made anew that print nothing differently: taken over as they
/// were sent (with an SWV's CSV), and out of this run's ledger.
fn take_over(
    unchanged: Vec<(DocumentId, FromEdition)>,
    base: Base<'_>,
    plan: &mut Plan,
    ledger: &mut Ledger,
    kept: &mut Kept,
) {
    for (id, from) in unchanged {
        ledger.remove(&id.key());
        if let Some(code) = id.swv() {
            keep_csv(base, code, plan, Some(ledger), kept);
        }
        kept.documents.push((id, from));
    }
}

/// The CSV of an SWV whose one-pager is taken over: the one its bundle held in the edition,
/// in place of a new one (out of the plan, and out of `ledger` when given). An edition without
/// it keeps the new one.
fn keep_csv(
    base: Base<'_>,
    code: &SwvCode,
    plan: &mut Plan,
    ledger: Option<&mut Ledger>,
    kept: &mut Kept,
) {
    let Some(file) = base.csv(code) else {
        return;
    };
    if let Some(ledger) = ledger {
        for csv in plan.csvs.iter().filter(|c| &c.swv == code) {
            ledger.remove(&csv.key());
        }
    }
    plan.csvs.retain(|c| &c.swv != code);
    kept.csvs.insert(code.clone(), file);
}

/// A brochure without `schooljaren` in project.toml keeps the years of its first edition.
fn fix_brochure_years(
    programme: &mut crate::model::Programme,
    editions: &[crate::edition::Edition],
) {
    if let Some(b) = programme.project.brochure.as_mut()
        && b.schooljaren.is_none()
    {
        b.schooljaren = editions.iter().find_map(|e| e.brochure_years());
    }
}

/// The texts every planned document prints, checked now that every figure is settled: a
/// reference that counts nothing, or a typed number that equals a withheld total, keeps the
/// document from being made (see [`crate::privacy::prose`]).
fn check_printed_texts(loaded: &mut Loaded, ledger: &Ledger, plan: &mut Plan) {
    let Some(data) = loaded.data() else {
        return;
    };
    let mut problems = crate::diag::Problems::new();
    let printed: Vec<crate::privacy::prose::Printed<'_>> = plan
        .documents
        .iter()
        .map(|d| crate::privacy::prose::Printed {
            id: &d.id,
            typed: &d.typed,
        })
        .collect();
    let mut refused = crate::privacy::prose::check_printed(data, ledger, &printed, &mut problems);
    let mut seen = std::collections::BTreeSet::new();
    for d in &mut plan.documents {
        if d.problems.iter().any(Problem::is_error) {
            refused.push(d.id.clone());
        }
        for p in std::mem::take(&mut d.problems) {
            if seen.insert((p.place.clone(), p.message.clone())) {
                let concern = match &p.swv {
                    Some(_) => Concern::Summary,
                    None => Concern::Texts(vec![d.id.clone()]),
                };
                problems.push(p.concerning(concern));
            }
        }
    }
    loaded.problems.extend(problems);
    let (kept, out): (Vec<Planned>, Vec<Planned>) = std::mem::take(&mut plan.documents)
        .into_iter()
        .partition(|d| {
            let national_ok =
                d.id.kind() == Kind::Regio || loaded.national_blocked(&d.id).is_none();
            national_ok && !refused.contains(&d.id)
        });
    plan.documents = kept;
    for d in out {
        let why = loaded.national_blocked(&d.id).unwrap_or_else(|| {
            "een tekst in dit document heeft een fout (zie de lijst hierboven)".to_string()
        });
        plan.blocked.push((d.id, Outcome::Blocked(why)));
    }
}

/// Whether `id` is among the documents `options` asks for.
fn wanted(options: &BuildOptions, id: &DocumentId) -> bool {
    let kind_wanted = options.only.is_empty() || options.only.contains(&id.kind());
    let swv_wanted = match id.swv() {
        Some(code) => options.swv.is_empty() || options.swv.contains(code),
        // With --swv only one-pagers are made.
        None => options.swv.is_empty(),
    };
    kind_wanted && swv_wanted
}

/// The bundles' CSVs, written from the resolved ledger.
fn csv_files(plan: &Plan) -> Result<BTreeMap<SwvCode, CsvFile>, BuildError> {
    plan.csvs
        .iter()
        .map(|c| {
            let rows = c
                .view
                .rows()
                .map_err(|e| BuildError::Internal(e.to_string()))?;
            Ok((
                c.swv.clone(),
                CsvFile {
                    file_name: c.file_name.clone(),
                    bytes: crate::export::csv::write_csv(&rows),
                },
            ))
        })
        .collect()
}

/// The hash of exactly what goes into one document.
fn job_hash(engine: &Engine, prefix: &[u8], job: &Job) -> String {
    let mut h = Sha256::new();
    h.update(prefix);
    engine.hash_templates_of(&job.input.template, &mut h);
    h.update(job.input.template.as_bytes());
    h.update(job.id.ident().as_bytes());
    h.update((job.input.data.len() as u64).to_le_bytes());
    h.update(&job.input.data);
    for (name, bytes) in &job.input.assets {
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    hex(&h.finalize())
}
