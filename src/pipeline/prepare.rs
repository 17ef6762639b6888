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
use crate::export::csv::CsvFile;
use crate::export::manifest::Document;
use crate::hash::hex;
use crate::inputs::set::RawInputs;
use crate::model::SwvCode;
use crate::outputs::{DocumentId, Kind, Outcome};
use crate::privacy::Ledger;
use crate::privacy::disclosure::Withheld;
use crate::privacy::protect::{ProtectCache, protect};
use crate::render::{DocumentInput, Engine};
use crate::views::TemplateData;
use crate::views::shared::AboutFigures;

/// A document taken over from the latest edition as it was sent.
#[derive(Debug, Clone)]
pub struct FromEdition {
    pub edition: String,
    /// The file in the edition.
    pub file: std::path::PathBuf,
    /// The edition manifest's entry.
    pub document: Document,
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
    /// The CSV of every one-pager's bundle.
    pub csvs: BTreeMap<SwvCode, CsvFile>,
    /// Seconds spent on secondary suppression and the audit.
    pub protect_seconds: f64,
    /// Published cells whose values changed since the latest edition (a correction), as
    /// lines ("PO2801, benaderd 2023-2024: gepubliceerd 38, nu 40"), and that edition.
    pub corrections: Option<(String, Vec<String>)>,
}

/// What the pipeline needs besides the raw inputs.
pub struct Pipeline<'a> {
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
        self.check(&mut loaded);
        let mut plan = plan(&loaded);
        let editions = match &self.options.editions {
            Some(dir) => crate::edition::all(dir)?,
            None => Vec::new(),
        };
        let kept = self.keep_published(&loaded, &mut plan, editions.last());
        let mut ledger = plan.ledger();
        for e in &editions {
            ledger.add_earlier(e.earlier());
        }
        let corrections = editions.last().zip(loaded.data()).map(|(e, data)| {
            let changed = crate::privacy::editions::changed_since(&e.values, data);
            (
                e.name().to_string(),
                changed.iter().map(|c| c.line()).collect(),
            )
        });
        let t = std::time::Instant::now();
        let withheld = self.audited_protection(&mut loaded, &ledger, &mut plan);
        let protect_seconds = t.elapsed().as_secs_f64();
        check_printed_texts(&mut loaded, &ledger, &mut plan);
        let csvs = csv_files(&plan)?;
        let (selected, mut blocked) = self.select(plan);
        let Some(programme) = loaded.programme.as_ref() else {
            return Ok(Prepared {
                loaded,
                jobs: Vec::new(),
                blocked,
                ledger,
                withheld,
                csvs,
                protect_seconds,
                corrections,
            });
        };
        let latest = editions.last();
        let jobs: Result<Vec<Job>, BuildError> = selected
            .into_par_iter()
            .map(|d| self.job(d, programme, latest))
            .collect();
        let mut jobs = jobs?;
        jobs.extend(
            kept.into_iter()
                .filter(|k| wanted(self.options, &k.0))
                .map(|(id, from)| Job::from_edition(id, from)),
        );
        blocked.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Prepared {
            loaded,
            jobs,
            blocked,
            ledger,
            withheld,
            csvs,
            protect_seconds,
            corrections,
        })
    }

    /// Takes the documents of the latest edition out of the plan: they are not made again
    /// but copied as they were sent (their figures are in the ledger as that edition's). A
    /// revision (`--herziening`) makes them all anew.
    fn keep_published(
        &self,
        loaded: &Loaded,
        plan: &mut Plan,
        latest: Option<&crate::edition::Edition>,
    ) -> Vec<(DocumentId, FromEdition)> {
        let (Some(edition), Some(programme)) = (latest, loaded.programme.as_ref()) else {
            return Vec::new();
        };
        if self.options.revise {
            return Vec::new();
        }
        let (kept, made): (Vec<Planned>, Vec<Planned>) = std::mem::take(&mut plan.documents)
            .into_iter()
            .partition(|d| edition.keeps(&d.id, programme));
        plan.documents = made;
        kept.into_iter()
            .filter_map(|d| {
                let document = edition.document(&d.id.key())?.clone();
                Some((
                    d.id.clone(),
                    FromEdition {
                        edition: edition.name().to_string(),
                        file: edition.file(&d.id.key()),
                        document,
                    },
                ))
            })
            .collect()
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
    ) -> Vec<Withheld> {
        let Some(data) = loaded.data() else {
            return Vec::new();
        };
        let protection = protect(ledger, data, self.protect_cache.as_ref());
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
        protection.withheld
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
        latest: Option<&crate::edition::Edition>,
    ) -> Result<Job, BuildError> {
        let kind = d.id.kind();
        // A revised document lists what changed since the edition it replaces.
        let correcties = latest
            .filter(|_| self.options.revise)
            .and_then(|e| corrections_of(&d, e, programme));
        let data = TemplateData {
            view: &d.view,
            cijfers: AboutFigures::new(programme, &d.figures),
            correcties,
        };
        let data = serde_json::to_vec(&data).map_err(|e| BuildError::Internal(e.to_string()))?;
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
    fn from_edition(id: DocumentId, from: FromEdition) -> Self {
        Job {
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

/// What changed in a document's figures since the edition it replaces, when it is in it.
fn corrections_of(
    d: &Planned,
    edition: &crate::edition::Edition,
    programme: &crate::model::Programme,
) -> Option<crate::views::Corrections> {
    let key = d.id.key();
    let then = edition.figures.get(&key)?;
    let now: Vec<crate::privacy::Recorded> =
        d.figures.iter().map(crate::privacy::Recorded::of).collect();
    let then = BTreeMap::from([(key.clone(), then.clone())]);
    let now = BTreeMap::from([(key, now)]);
    let mut regels: Vec<crate::views::Correction> =
        crate::privacy::editions::differences(&then, &now, Some(programme))
            .into_iter()
            .map(|d| crate::views::Correction {
                wat: d.wat,
                was: d.gepubliceerd,
                nu: d.nu,
            })
            .collect();
    regels.sort_by(|a, b| a.wat.cmp(&b.wat));
    regels.dedup();
    Some(crate::views::Corrections {
        editie: edition.name().to_string(),
        regels,
    })
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
