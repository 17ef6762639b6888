//! Planning: which documents to make from the assembled inputs, each with its typed view
//! (as the template's JSON), photos, manifest facts and the figures it publishes; documents
//! blocked by input errors become outcomes at once.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::{BuildError, BuildOptions};
use crate::assemble::{Loaded, load};
use crate::diag::Problems;
use crate::export::manifest::Document;
use crate::fsutil;
use crate::hash::hex;
use crate::ledger::{Figure, Ledger, Publisher, Withholding};
use crate::model::{Phase, Programme, Swv};
use crate::outputs::{DocumentId, Kind, Outcome};
use crate::render::{DocumentInput, Engine, templates};
use crate::views;

/// One document to make.
pub struct Job {
    pub id: DocumentId,
    /// What the manifest says about the document (its bytes and pages come when it is built).
    pub document: Document,
    /// For one-pagers: the longest text field, named when the page overflows.
    pub fit_hint: Option<String>,
    pub input: DocumentInput,
    pub max_pages: Option<usize>,
    /// Every figure the document shows.
    pub figures: Vec<Figure>,
}

impl Job {
    pub fn key(&self) -> String {
        self.id.key()
    }

    /// A job for a view: its JSON, the template of its kind and the manifest facts.
    fn new(
        id: DocumentId,
        view: &impl serde::Serialize,
        facts: Facts,
        figures: Vec<Figure>,
    ) -> Self {
        let kind = id.kind();
        Job {
            document: Document::planned(&id, facts.title, facts.schooljaar, facts.sources),
            fit_hint: None,
            input: DocumentInput {
                template: kind.template().into(),
                data: serde_json::to_vec(view).expect("views serialise to JSON"),
                assets: Vec::new(),
            },
            max_pages: (kind == Kind::Regio).then_some(1),
            figures,
            id,
        }
    }
}

/// What the manifest records about a planned document.
struct Facts {
    title: String,
    schooljaar: String,
    sources: Vec<PathBuf>,
}

/// The jobs to run, and the outcomes already decided (documents blocked by input errors).
pub struct Plan {
    pub jobs: Vec<Job>,
    pub blocked: Vec<(PathBuf, Outcome)>,
}

/// Decides which documents to make, their figures shown as `withholding` allows; documents
/// blocked by input errors become outcomes at once.
pub fn plan(
    loaded: &Loaded,
    options: &BuildOptions,
    withholding: &Withholding,
) -> Result<Plan, BuildError> {
    for code in &options.swv {
        if !loaded.folders.contains(code) {
            return Err(BuildError::Usage(format!(
                "SWV {code} bestaat niet in {}/swv/",
                options.inputs.display()
            )));
        }
    }
    let mut plan = Plan {
        jobs: Vec::new(),
        blocked: Vec::new(),
    };
    let Some(programme) = &loaded.programme else {
        plan.blocked.push((
            PathBuf::from("(alle documenten)"),
            Outcome::Blocked("project.toml heeft fouten".into()),
        ));
        return Ok(plan);
    };
    let wants = |k: Kind| options.only.is_empty() || options.only.contains(&k);
    let national = options.swv.is_empty();
    if wants(Kind::Rapportage) && national {
        for phase in &programme.project.fases {
            plan.national(loaded, DocumentId::Rapportage(phase.nummer), || {
                Some(rapportage_job(programme, phase, withholding))
            });
        }
    }
    if wants(Kind::Regio) {
        plan_one_pagers(&mut plan, loaded, options, withholding);
    }
    if wants(Kind::Brochure) && national {
        plan.national(loaded, DocumentId::Brochure, || {
            brochure_job(programme, withholding)
        });
    }
    Ok(plan)
}

impl Plan {
    /// A national document: blocked while any figures have errors.
    fn national(&mut self, loaded: &Loaded, id: DocumentId, job: impl FnOnce() -> Option<Job>) {
        if loaded.national_blocked() {
            let why = blocked_national(&loaded.problems);
            self.blocked.push((id.path(), Outcome::Blocked(why)));
        } else if let Some(job) = job() {
            self.jobs.push(job);
        }
    }
}

fn plan_one_pagers(
    plan: &mut Plan,
    loaded: &Loaded,
    options: &BuildOptions,
    withholding: &Withholding,
) {
    let Some(programme) = &loaded.programme else {
        return;
    };
    let planned: Vec<Result<Job, (PathBuf, Outcome)>> = loaded
        .folders
        .par_iter()
        .filter(|code| options.swv.is_empty() || options.swv.contains(code))
        .map(
            |code| match programme.swv(code).filter(|_| !loaded.swv_blocked(code)) {
                Some(swv) => Ok(regio_job(programme, swv, withholding)),
                None => Err((
                    DocumentId::Regio(code.clone()).path(),
                    Outcome::Blocked(format!(
                        "de invoer van {code} heeft fouten (zie de lijst hierboven)"
                    )),
                )),
            },
        )
        .collect();
    for p in planned {
        match p {
            Ok(job) => plan.jobs.push(job),
            Err(outcome) => plan.blocked.push(outcome),
        }
    }
}

pub(crate) fn blocked_national(problems: &Problems) -> String {
    let mut codes: Vec<&str> = problems
        .figure_errors()
        .filter_map(|p| p.swv.as_deref())
        .collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        "de invoer heeft fouten die alle landelijke cijfers raken".into()
    } else {
        format!(
            "landelijke totalen kunnen niet kloppen zolang de cijfers van {} fouten hebben",
            codes.join(", ")
        )
    }
}

fn rapportage_job(programme: &Programme, phase: &Phase, withholding: &Withholding) -> Job {
    let mut p = Publisher::new(programme, withholding);
    let view = views::rapportage::rapportage(&mut p, programme, phase);
    let facts = Facts {
        title: views::rapportage::title(programme, phase),
        schooljaar: phase
            .schooljaren
            .iter()
            .map(|y| y.label())
            .collect::<Vec<_>>()
            .join(", "),
        sources: national_sources(programme),
    };
    Job::new(
        DocumentId::Rapportage(phase.nummer),
        &view,
        facts,
        p.into_figures(),
    )
}

fn brochure_job(programme: &Programme, withholding: &Withholding) -> Option<Job> {
    let mut p = Publisher::new(programme, withholding);
    let view = views::brochure::brochure(&mut p, programme)?;
    let years = programme.published_years();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{}-{}", a.start(), b.start() + 1),
        (Some(a), _) => a.label(),
        _ => String::new(),
    };
    let facts = Facts {
        title: views::brochure::title(programme)?,
        schooljaar: span,
        sources: national_sources(programme),
    };
    Some(Job::new(
        DocumentId::Brochure,
        &view,
        facts,
        p.into_figures(),
    ))
}

/// The job of one SWV's one-pager (which must have a valid summary).
pub(crate) fn regio_job(programme: &Programme, swv: &Swv, withholding: &Withholding) -> Job {
    let mut p = Publisher::new(programme, withholding);
    let view = views::regio::regio(&mut p, programme, swv);
    let mut sources: Vec<PathBuf> = programme.project.sources.clone();
    sources.extend(swv.sources.iter().cloned());
    if let Some(f) = swv.summary.as_ref().and_then(|s| s.foto.as_ref()) {
        sources.push(PathBuf::from(format!("swv/{}/{}", swv.code, f.file_name)));
    }
    let facts = Facts {
        title: views::regio::title(programme, swv),
        schooljaar: swv
            .years
            .keys()
            .next_back()
            .map(|y| y.label())
            .unwrap_or_default(),
        sources,
    };
    let mut job = Job::new(
        DocumentId::Regio(swv.code.clone()),
        &view,
        facts,
        p.into_figures(),
    );
    if let Some(f) = swv.summary.as_ref().and_then(|s| s.foto.as_ref()) {
        job.input
            .assets
            .push((views::regio::photo_path(swv), f.jpeg.clone()));
    }
    job.fit_hint = swv.summary.as_ref().and_then(|s| {
        s.texts()
            .into_iter()
            .max_by_key(|(_, t)| t.chars().count())
            .map(|(field, t)| {
                format!(
                    "het langste tekstveld is {field} ({} tekens)",
                    t.chars().count()
                )
            })
    });
    job
}

/// The input files behind the national documents: the project, its texts and every workbook.
fn national_sources(programme: &Programme) -> Vec<PathBuf> {
    let mut sources = programme.project.sources.clone();
    for swv in &programme.swvs {
        sources.extend(
            swv.sources
                .iter()
                .filter(|p| !p.ends_with("samenvatting.toml"))
                .cloned(),
        );
    }
    sources.sort();
    sources.dedup();
    sources
}

/// The figures of one SWV's CSV in its bundle, under the key `bundels/<CODE>.zip:<file>`.
fn csv_figures(
    programme: &Programme,
    swv: &Swv,
    withholding: &Withholding,
) -> (String, Vec<Figure>) {
    let mut p = Publisher::new(programme, withholding);
    views::csv::figures_rows(&mut p, swv);
    let key = format!(
        "{}:{}",
        crate::outputs::OutputDir::bundle_key(Some(swv.code.as_str())),
        views::csv::file_name(swv)
    );
    (key, p.into_figures())
}

/// The ledger of everything a full build publishes, whatever is asked for now: the phase
/// reports and the brochure (unless blocked), every one-pager that can be built and the CSV in
/// its bundle.
pub fn publication_ledger(loaded: &Loaded, withholding: &Withholding) -> Ledger {
    let mut ledger = Ledger::default();
    let Some(programme) = &loaded.programme else {
        return ledger;
    };
    let all = BuildOptions::new("", "");
    let Ok(plan) = plan(loaded, &all, withholding) else {
        return ledger;
    };
    for job in plan.jobs {
        if let Some(swv) = job.id.swv().and_then(|c| programme.swv(c)) {
            let (key, figures) = csv_figures(programme, swv, withholding);
            ledger.insert(key, figures);
        }
        ledger.insert(job.key(), job.figures);
    }
    ledger
}

/// Makes a planned job final and returns the hash of what goes into it. Characters no font
/// has would break PDF/A (they were warned about while checking), so they become a box first.
/// The full plan and compiling ahead both go through here, so their hashes can be compared.
pub(crate) fn seal(engine: &Engine, version_hash: &[u8], job: &mut Job) -> String {
    crate::checks::glyphs::replace_missing_glyphs(engine, &mut job.input.data);
    job_hash(engine, version_hash, job)
}

/// Writes what each document is made from, for the `typst compile` baseline of the benchmark:
/// the templates, fonts and photos under `dir`, each document's data as `data/<n>.json`, and
/// `jobs.tsv` (template, data file, output) with one line per document.
pub fn dump_typst_inputs(options: &BuildOptions, dir: &Path) -> Result<usize, BuildError> {
    let loaded = load(&options.inputs, &options.load);
    let loaded = super::protect(loaded, None);
    let plan = plan(&loaded, options, &loaded.withholding)?;
    let files = match options.templates.as_deref() {
        Some(d) => templates::from_dir(d)?,
        None => templates::embedded(),
    };
    for (path, text) in files {
        fsutil::write_atomic(&dir.join(path), text.as_bytes())?;
    }
    let mut tsv = String::new();
    for (i, job) in plan.jobs.iter().enumerate() {
        let data = format!("data/{i:05}.json");
        fsutil::write_atomic(&dir.join(&data), &job.input.data)?;
        for (path, bytes) in &job.input.assets {
            fsutil::write_atomic(&dir.join(path.trim_start_matches('/')), bytes)?;
        }
        tsv.push_str(&format!(
            "{}\t{}\t{}\n",
            job.input.template,
            data,
            job.key()
        ));
    }
    fsutil::write_atomic(&dir.join("jobs.tsv"), tsv.as_bytes())?;
    Ok(plan.jobs.len())
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
