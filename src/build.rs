//! A whole build, as a recipe: load the inputs, plan one job per document, compile the jobs in
//! parallel on one shared engine, write each PDF atomically, and report every outcome.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diag::Problems;
use crate::fsutil;
use crate::inputs::set::{LoadOptions, Loaded, load};
use crate::model::{Programme, SwvCode};
use crate::render::view::{self, Kind};
use crate::render::{CompileError, DocumentInput, Engine, compile_document, templates};

/// Settings of a build, validated by the CLI.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub inputs: PathBuf,
    pub out: PathBuf,
    /// Document kinds to build; empty means all.
    pub only: Vec<Kind>,
    /// SWVs whose one-pagers to build; empty means all.
    pub swv: Vec<SwvCode>,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Rebuild even documents whose inputs did not change.
    pub force: bool,
    /// Read templates from this folder instead of the built-in ones.
    pub templates: Option<PathBuf>,
    pub load: LoadOptions,
    /// Show a progress bar (only on a terminal).
    pub progress: bool,
}

impl BuildOptions {
    pub fn new(inputs: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        Self {
            inputs: inputs.into(),
            out: out.into(),
            only: Vec::new(),
            swv: Vec::new(),
            jobs: None,
            force: false,
            templates: None,
            load: LoadOptions::default(),
            progress: false,
        }
    }
}

/// One document to make.
pub struct Job {
    pub kind: Kind,
    /// Output path relative to the output folder, e.g. `regio/PO2801.pdf`.
    pub output: PathBuf,
    pub swv: Option<SwvCode>,
    pub input: DocumentInput,
    pub ident: String,
    pub max_pages: Option<usize>,
}

/// What happened to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Built { pages: usize },
    UpToDate,
    /// Not built: its inputs have errors (listed in the problems).
    Blocked(String),
    /// Compiling or writing failed.
    Failed(String),
}

/// The result of a build.
#[derive(Debug)]
pub struct BuildReport {
    pub outcomes: Vec<(PathBuf, Outcome)>,
    pub problems: Problems,
    pub warnings: Vec<(PathBuf, String)>,
    pub privacy_overrides: usize,
    pub seconds: f64,
}

impl BuildReport {
    pub fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes.iter().filter(|(_, o)| f(o)).count()
    }

    pub fn built(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Built { .. }))
    }

    pub fn up_to_date(&self) -> usize {
        self.count(|o| matches!(o, Outcome::UpToDate))
    }

    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Blocked(_) | Outcome::Failed(_)))
    }

    /// Whether the run should end with a non-zero exit code.
    pub fn has_failures(&self) -> bool {
        self.failed() > 0 || self.problems.has_errors()
    }

    /// The one-line summary printed at the end of a run.
    pub fn summary_line(&self) -> String {
        let mut line = format!(
            "{} gebouwd, {} ongewijzigd, {} mislukt in {} s",
            self.built(),
            self.up_to_date(),
            self.failed(),
            crate::dutch::decimal(self.seconds)
        );
        if self.privacy_overrides > 0 {
            line.push_str(&format!(
                " — LET OP: {} vermoedelijke persoonsgegevens toegelaten met --allow-personal-data",
                self.privacy_overrides
            ));
        }
        line
    }
}

/// An error that stops the whole build before any document is attempted.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Fs(#[from] fsutil::FsError),
    #[error("{0}")]
    Usage(String),
}

/// Creates the engine with the built-in templates or those in `dir`.
pub fn engine(dir: Option<&Path>) -> Result<Engine, BuildError> {
    let files = match dir {
        Some(d) => templates::from_dir(d)?,
        None => templates::embedded(),
    };
    Ok(Engine::new(files))
}

/// Runs a build.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let engine = engine(options.templates.as_deref())?;
    let loaded = load(&options.inputs, &options.load);
    let (jobs, mut outcomes) = plan(&loaded, options)?;
    fsutil::create_dir_all(&options.out)?;
    let cache_path = options.out.join(CACHE_FILE);
    let mut cache = BuildCache::read(&cache_path);
    let version_hash = build_hash_prefix(&engine);

    let bar = progress_bar(options.progress, jobs.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| BuildError::Usage(e.to_string()))?;
    let mut warnings = Vec::new();
    let mut new_entries = Vec::new();
    for batch in jobs.chunks(BATCH) {
        let results: Vec<(PathBuf, Outcome, Vec<String>, Option<CacheEntry>)> = pool.install(|| {
            batch
                .par_iter()
                .map(|job| {
                    let r = run_job(&engine, job, &options.out, &version_hash, &cache, options.force);
                    bar.inc(1);
                    r
                })
                .collect()
        });
        typst::comemo::evict(EVICT_AGE);
        for (path, outcome, warns, entry) in results {
            warnings.extend(warns.into_iter().map(|w| (path.clone(), w)));
            if let Some(e) = entry {
                new_entries.push((path.clone(), e));
            }
            outcomes.push((path, outcome));
        }
    }
    bar.finish_and_clear();
    for (path, entry) in new_entries {
        cache.entries.insert(path.to_string_lossy().replace('\\', "/"), entry);
    }
    for (path, outcome) in &outcomes {
        if matches!(outcome, Outcome::Failed(_) | Outcome::Blocked(_)) {
            cache.entries.remove(&path.to_string_lossy().replace('\\', "/"));
        }
    }
    cache.write(&cache_path)?;
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(BuildReport {
        outcomes,
        problems: loaded.problems,
        warnings,
        privacy_overrides: loaded.privacy_overrides,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Documents compiled between two evictions of Typst's memo cache.
const BATCH: usize = 32;
/// Cache entries unused for this many evictions are dropped (templates stay warm).
const EVICT_AGE: usize = 2;

fn progress_bar(show: bool, len: usize) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} documenten ({eta} te gaan)")
            .expect("valid progress template"),
    );
    bar
}

/// Decides which documents to make; those blocked by input errors become outcomes at once.
pub fn plan(loaded: &Loaded, options: &BuildOptions) -> Result<(Vec<Job>, Vec<(PathBuf, Outcome)>), BuildError> {
    let wants = |k: Kind| options.only.is_empty() || options.only.contains(&k);
    for code in &options.swv {
        if !loaded.folders.contains(code) {
            return Err(BuildError::Usage(format!("SWV {code} bestaat niet in {}/swv/", options.inputs.display())));
        }
    }
    let mut jobs = Vec::new();
    let mut outcomes = Vec::new();
    let Some(programme) = &loaded.programme else {
        outcomes.push((PathBuf::from("(alle documenten)"), Outcome::Blocked("project.toml heeft fouten".into())));
        return Ok((jobs, outcomes));
    };
    let national_only_swv = !options.swv.is_empty();
    if wants(Kind::Rapportage) && !national_only_swv {
        for phase in &programme.project.fases {
            let output = PathBuf::from(format!("{}.pdf", phase.slug()));
            if loaded.national_blocked() {
                outcomes.push((output, Outcome::Blocked(blocked_national(&loaded.problems))));
            } else {
                jobs.push(national_job(Kind::Rapportage, output, view::rapportage(programme, phase), format!("wel:{}", phase.slug())));
            }
        }
    }
    if wants(Kind::Regio) {
        for code in &loaded.folders {
            if !options.swv.is_empty() && !options.swv.contains(code) {
                continue;
            }
            let output = PathBuf::from(format!("regio/{code}.pdf"));
            match programme.swv(code).filter(|_| !loaded.swv_blocked(code)) {
                Some(swv) => jobs.push(regio_job(programme, swv, output)),
                None => outcomes.push((
                    output,
                    Outcome::Blocked(format!("de invoer van {code} heeft fouten (zie de lijst hierboven)")),
                )),
            }
        }
    }
    if wants(Kind::Brochure) && !national_only_swv {
        let output = PathBuf::from("brochure.pdf");
        if loaded.national_blocked() {
            outcomes.push((output, Outcome::Blocked(blocked_national(&loaded.problems))));
        } else if let Some(data) = view::brochure(programme) {
            jobs.push(national_job(Kind::Brochure, output, data, "wel:brochure".into()));
        }
    }
    Ok((jobs, outcomes))
}

fn blocked_national(problems: &Problems) -> String {
    let mut codes: Vec<&str> = problems.iter().filter(|p| p.is_error() && !p.is_about_summary()).filter_map(|p| p.swv.as_deref()).collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        "de invoer heeft fouten die alle landelijke cijfers raken".into()
    } else {
        format!("landelijke totalen kunnen niet kloppen zolang de cijfers van {} fouten hebben", codes.join(", "))
    }
}

fn national_job(kind: Kind, output: PathBuf, data: serde_json::Value, ident: String) -> Job {
    Job {
        kind,
        output,
        swv: None,
        input: DocumentInput { template: kind.template().into(), data: to_json(&data), assets: Vec::new() },
        ident,
        max_pages: None,
    }
}

fn regio_job(programme: &Programme, swv: &crate::model::Swv, output: PathBuf) -> Job {
    let data = view::regio(programme, swv);
    let assets = swv
        .summary
        .as_ref()
        .and_then(|s| s.foto.as_ref())
        .map(|f| vec![(view::photo_path(swv), f.jpeg.clone())])
        .unwrap_or_default();
    Job {
        kind: Kind::Regio,
        output,
        swv: Some(swv.code.clone()),
        input: DocumentInput { template: Kind::Regio.template().into(), data: to_json(&data), assets },
        ident: format!("wel:regio:{}", swv.code),
        max_pages: Some(1),
    }
}

fn to_json(v: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("views serialise to JSON")
}

fn run_job(
    engine: &Engine,
    job: &Job,
    out: &Path,
    version_hash: &[u8],
    cache: &BuildCache,
    force: bool,
) -> (PathBuf, Outcome, Vec<String>, Option<CacheEntry>) {
    let input_hash = job_hash(version_hash, job);
    let target = out.join(&job.output);
    let key = job.output.to_string_lossy().replace('\\', "/");
    if !force
        && let Some(entry) = cache.entries.get(&key)
        && entry.input == input_hash
        && file_sha256(&target).is_some_and(|h| h == entry.output)
    {
        return (job.output.clone(), Outcome::UpToDate, Vec::new(), None);
    }
    match compile_document(engine, &job.input, &job.ident, job.max_pages, false) {
        Ok(doc) => match fsutil::write_atomic(&target, &doc.pdf) {
            Ok(()) => {
                let entry = CacheEntry { input: input_hash, output: hex(&Sha256::digest(&doc.pdf)) };
                (job.output.clone(), Outcome::Built { pages: doc.pages }, doc.warnings, Some(entry))
            }
            Err(e) => (job.output.clone(), Outcome::Failed(e.to_string()), doc.warnings, None),
        },
        Err(CompileError::TooLong(msg)) => {
            let hint = match &job.swv {
                Some(code) => format!(
                    "{msg}: de regio-pagina van {code} past niet op één A4; maak de samenvatting (of voorbeelden, citaten) van swv/{code}/samenvatting.toml korter"
                ),
                None => msg,
            };
            (job.output.clone(), Outcome::Failed(hint), Vec::new(), None)
        }
        Err(CompileError::Typst(msg)) => (job.output.clone(), Outcome::Failed(msg), Vec::new(), None),
    }
}

fn build_hash_prefix(engine: &Engine) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(engine.templates_hash);
    h.finalize().to_vec()
}

/// The hash of exactly what goes into one document.
fn job_hash(prefix: &[u8], job: &Job) -> String {
    let mut h = Sha256::new();
    h.update(prefix);
    h.update(job.input.template.as_bytes());
    h.update(job.ident.as_bytes());
    h.update((job.input.data.len() as u64).to_le_bytes());
    h.update(&job.input.data);
    for (name, bytes) in &job.input.assets {
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn file_sha256(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| hex(&Sha256::digest(&b)))
}

/// Name of the incremental-build record in the output folder.
pub const CACHE_FILE: &str = ".wel-build.json";

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct BuildCache {
    entries: BTreeMap<String, CacheEntry>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct CacheEntry {
    /// Hash of the document's inputs (data, photos, templates, fonts, wel version).
    input: String,
    /// SHA-256 of the PDF written.
    output: String,
}

impl BuildCache {
    fn read(path: &Path) -> Self {
        std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    fn write(&self, path: &Path) -> Result<(), fsutil::FsError> {
        fsutil::write_atomic(path, &serde_json::to_vec_pretty(self).expect("cache serialises"))
    }
}
