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
    /// Also render a thumbnail of every document and write `overzicht.html`.
    pub overview: bool,
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
            overview: false,
        }
    }
}

/// One document to make.
pub struct Job {
    pub kind: Kind,
    /// What the manifest says about the document.
    pub meta: DocMeta,
    /// For one-pagers: the longest text field, named when the page overflows.
    pub fit_hint: Option<String>,
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
    Built {
        pages: usize,
    },
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
    pub timings: Timings,
}

/// Where the time of a build went (for `--timings` and the benchmark).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Fingerprinting the inputs and templates (the no-change fast path).
    pub fingerprint: f64,
    /// Reading and validating every input.
    pub load: f64,
    /// Building template data and hashing it.
    pub plan: f64,
    /// Wall time of the parallel compile phase.
    pub compile_wall: f64,
    /// Seconds of wel's own work per document (up-to-date checks, thumbnail, hashing,
    /// writing), summed over documents.
    pub own_cpu: f64,
    /// Seconds rendering thumbnails for the overview (part of `own_cpu`), summed.
    pub thumbnails: f64,
    /// Bundles, manifest, overview and the build record.
    pub finish: f64,
    /// Worker threads of the compile phase.
    pub threads: usize,
}

impl Timings {
    /// The share of the build's wall time spent on anything but Typst's compile and export:
    /// the serial phases plus the per-document work spread over the worker threads.
    pub fn overhead_share(&self, total: f64, threads: usize) -> f64 {
        let outside = self.fingerprint + self.load + self.plan + self.finish;
        (outside + self.own_cpu / threads.max(1) as f64) / total.max(1e-9)
    }

    pub fn describe(&self, total: f64) -> String {
        format!(
            "tijd: vingerafdruk {:.3} s, invoer lezen {:.3} s, plannen {:.3} s, compileren {:.3} s (waarvan eigen werk per document {:.3} s over {} threads, daarin miniaturen {:.3} s), bundels/manifest/overzicht {:.3} s; buiten Typst {:.1}% van {:.3} s",
            self.fingerprint,
            self.load,
            self.plan,
            self.compile_wall,
            self.own_cpu,
            self.threads,
            self.thumbnails,
            self.finish,
            100.0 * self.overhead_share(total, self.threads),
            total
        )
    }
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
    Deliver(String),
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
///
/// All parallel work (reading inputs, compiling, bundling) runs on one pool of `--jobs`
/// threads, so `--jobs 1` really uses one core.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| BuildError::Usage(e.to_string()))?;
    pool.install(|| build_on_pool(options))
}

fn build_on_pool(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let engine = engine(options.templates.as_deref())?;
    fsutil::create_dir_all(&options.out)?;
    let cache_path = options.out.join(CACHE_FILE);
    let mut cache = BuildCache::read(&cache_path);
    let version_hash = build_hash_prefix();
    let fingerprint = run_fingerprint(&engine, options, &version_hash);
    timings.fingerprint = started.elapsed().as_secs_f64();
    if !options.force
        && let Some(outcomes) = cache.unchanged_run(&fingerprint, &options.out, options.overview)
        && crate::export::deliver::deliverables_intact(&options.out, options.overview)
    {
        return Ok(BuildReport {
            outcomes,
            problems: Problems::new(),
            warnings: Vec::new(),
            privacy_overrides: 0,
            seconds: started.elapsed().as_secs_f64(),
            timings,
        });
    }

    let t = Instant::now();
    let load_options = LoadOptions {
        photo_cache: Some(options.out.join(PHOTO_CACHE)),
        ..options.load.clone()
    };
    let mut loaded = load(&options.inputs, &load_options);
    warn_missing_glyphs(&engine, &mut loaded);
    timings.load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let (mut jobs, mut outcomes) = plan(&loaded, options)?;
    // Characters no font has would break PDF/A (they were warned about while loading).
    jobs.par_iter_mut()
        .for_each(|j| replace_missing_glyphs(&engine, &mut j.input.data));
    let hashed: Vec<String> = jobs
        .par_iter()
        .map(|j| job_hash(&engine, &version_hash, j))
        .collect();
    let input_hashes = InputHashes::new(&options.inputs);
    timings.plan = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let bar = progress_bar(options.progress, jobs.len());
    timings.threads = rayon::current_num_threads();
    let mut warnings = Vec::new();
    let mut new_entries = Vec::new();
    let work: Vec<(&Job, &String)> = jobs.iter().zip(hashed.iter()).collect();
    let ctx = JobContext {
        engine: &engine,
        out: &options.out,
        cache: &cache,
        force: options.force,
        overview: options.overview,
        input_hashes: &input_hashes,
    };
    for batch in work.chunks(BATCH_PER_THREAD * timings.threads.max(1)) {
        let results: Vec<JobResult> = batch
            .par_iter()
            .map(|(job, hash)| {
                let r = run_job(&ctx, job, hash);
                bar.inc(1);
                r
            })
            .collect();
        typst::comemo::evict(EVICT_AGE);
        for r in results {
            timings.own_cpu += r.own_seconds;
            timings.thumbnails += r.thumbnail_seconds;
            warnings.extend(r.warnings.into_iter().map(|w| (r.output.clone(), w)));
            if let Some(e) = r.entry {
                new_entries.push((r.output.clone(), e));
            }
            outcomes.push((r.output, r.outcome));
        }
    }
    bar.finish_and_clear();
    timings.compile_wall = t.elapsed().as_secs_f64();

    let t = Instant::now();
    for (path, entry) in new_entries {
        cache.entries.insert(key(&path), entry);
    }
    // A document that failed keeps its entry: the previous good PDF is still in place and is
    // still what the manifest describes (the overview marks it as not rebuilt).
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    prune_removed_swvs(&mut cache, &loaded, &options.out);
    crate::export::deliver::deliver(
        &options.out,
        &cache.entries,
        loaded.programme.as_ref(),
        &loaded.problems,
        &outcomes,
        &warnings,
        options.overview,
    )?;
    let clean = !loaded.problems.has_errors()
        && loaded.problems.is_empty()
        && outcomes
            .iter()
            .all(|(_, o)| matches!(o, Outcome::Built { .. } | Outcome::UpToDate));
    cache.last_run = clean.then(|| LastRun {
        fingerprint,
        outputs: outcomes.iter().map(|(p, _)| key(p)).collect(),
    });
    cache.write(&cache_path)?;
    timings.finish = t.elapsed().as_secs_f64();
    Ok(BuildReport {
        outcomes,
        problems: loaded.problems,
        warnings,
        privacy_overrides: loaded.privacy_overrides,
        seconds: started.elapsed().as_secs_f64(),
        timings,
    })
}

fn key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A fingerprint of a whole run: wel version, templates and fonts, the options, and the
/// path, size and modification time of every input file. Equal fingerprints and intact
/// outputs mean nothing needs to be read at all.
fn run_fingerprint(engine: &Engine, options: &BuildOptions, version_hash: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(version_hash);
    for kind in [Kind::Rapportage, Kind::Regio, Kind::Brochure] {
        engine.hash_templates_of(kind.template(), &mut h);
    }
    h.update(
        format!(
            "{:?}|{:?}|{}|{}",
            options.only, options.swv, options.load.allow_personal_data, options.overview
        )
        .as_bytes(),
    );
    hash_file_stamps(&mut h, &[&options.inputs]);
    hex(&h.finalize())
}

/// A cheap fingerprint of everything a build reads: the inputs, and the template folder when
/// one is given (for `wel watch`).
pub fn input_fingerprint(options: &BuildOptions) -> String {
    let mut h = Sha256::new();
    let mut dirs = vec![options.inputs.as_path()];
    dirs.extend(options.templates.as_deref());
    hash_file_stamps(&mut h, &dirs);
    hex(&h.finalize())
}

/// Hashes the path, size and modification time of every file under `dirs`.
fn hash_file_stamps(h: &mut Sha256, dirs: &[&Path]) {
    let mut files = Vec::new();
    for dir in dirs {
        collect_files(dir, &mut files);
    }
    files.sort();
    for f in files {
        h.update(f.to_string_lossy().as_bytes());
        if let Some((len, mtime)) = fsutil::stamp(&f) {
            h.update(len.to_le_bytes());
            h.update(mtime.to_le_bytes());
        }
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// SHA-256 of input files, computed when a document that names them is built (each file
/// once per run), so an incremental build hashes only what it needs.
pub struct InputHashes {
    root: PathBuf,
    known: std::sync::Mutex<BTreeMap<String, String>>,
}

impl InputHashes {
    fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            known: std::sync::Mutex::new(BTreeMap::new()),
        }
    }

    fn get(&self, name: &str) -> String {
        if let Some(h) = self.known.lock().expect("hash cache").get(name) {
            return h.clone();
        }
        let h = file_sha256(&self.root.join(name)).unwrap_or_default();
        self.known
            .lock()
            .expect("hash cache")
            .insert(name.to_string(), h.clone());
        h
    }
}

/// Where the thumbnail of an output lives: `.wel-miniaturen/<sha256>.png` beside the outputs.
pub fn thumbnail_path(output: &Path, sha256: &str) -> Option<PathBuf> {
    let mut dir = output.parent()?;
    if dir.file_name().is_some_and(|n| n == "regio") {
        dir = dir.parent()?;
    }
    Some(dir.join(THUMBNAILS).join(format!("{sha256}.png")))
}

/// Folder of re-encoded photos kept between builds, inside the output folder.
pub const PHOTO_CACHE: &str = ".wel-fotos";

/// Folder of the thumbnails, inside the output folder.
pub const THUMBNAILS: &str = ".wel-miniaturen";

/// Outputs of SWVs whose folder is gone are removed, so no stale one-pager is delivered.
fn prune_removed_swvs(cache: &mut BuildCache, loaded: &Loaded, out: &Path) {
    if loaded.programme.is_none() {
        return;
    }
    let gone: Vec<String> = cache
        .entries
        .iter()
        .filter(|(_, e)| {
            e.meta
                .swv
                .as_ref()
                .is_some_and(|c| !loaded.folders.iter().any(|f| f.as_str() == c))
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in gone {
        let _ = std::fs::remove_file(out.join(&k));
        if let Some(code) = cache.entries.get(&k).and_then(|e| e.meta.swv.clone()) {
            let _ = std::fs::remove_file(
                out.join(crate::export::deliver::BUNDLES)
                    .join(format!("{code}.zip")),
            );
        }
        cache.entries.remove(&k);
    }
}

/// Replaces characters that no font can show in a document's data by a visible box, so the
/// document can still be made (PDF/A forbids missing glyphs). Latin text is never touched.
fn replace_missing_glyphs(engine: &Engine, data: &mut Vec<u8>) {
    let text = String::from_utf8_lossy(data);
    if text.chars().all(|c| (c as u32) < 0x0250) {
        return;
    }
    let missing = engine.missing_glyphs(&text);
    if missing.is_empty() {
        return;
    }
    let substitute = if engine.missing_glyphs("□").is_empty() {
        '□'
    } else {
        '?'
    };
    let fixed: String = text
        .chars()
        .map(|c| if missing.contains(&c) { substitute } else { c })
        .collect();
    *data = fixed.into_bytes();
}

/// A character no font has is shown as a box: warn, naming the SWV, field and text.
pub fn warn_missing_glyphs(engine: &Engine, loaded: &mut Loaded) {
    let Some(programme) = &loaded.programme else {
        return;
    };
    let mut warnings = Vec::new();
    for swv in &programme.swvs {
        let file = PathBuf::from(format!("swv/{}/samenvatting.toml", swv.code));
        let mut texts: Vec<(String, &str)> =
            vec![("naam (blad SWV)".to_string(), swv.naam.as_str())];
        if let Some(s) = &swv.summary {
            texts.extend(s.texts());
        }
        for (field, text) in texts {
            let missing = engine.missing_glyphs(text);
            if !missing.is_empty() {
                let chars: Vec<String> = missing
                    .iter()
                    .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
                    .collect();
                let excerpt: String = text.chars().take(40).collect();
                warnings.push(
                    crate::diag::Problem::warning(
                        crate::diag::Place::key(&file, field),
                        format!("de lettertypen kunnen {} niet tonen in \"{excerpt}\"; in de PDF staat daar □", chars.join(", ")),
                    )
                    .for_swv(swv.code.as_str()),
                );
            }
        }
    }
    for w in warnings {
        loaded.problems.push(w);
    }
}

/// Documents compiled between two evictions of Typst's memo cache: a few per thread, so the
/// cache never holds more than a handful of documents (it grows ~1.35 MiB per document).
const BATCH_PER_THREAD: usize = 4;
/// Cache entries unused since the last eviction are dropped.
const EVICT_AGE: usize = 0;

fn progress_bar(show: bool, len: usize) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40.cyan/blue} {pos}/{len} documenten ({eta} te gaan)",
        )
        .expect("valid progress template"),
    );
    bar
}

/// The jobs to run, and the outcomes already decided (documents blocked by input errors).
pub type Plan = (Vec<Job>, Vec<(PathBuf, Outcome)>);

/// Decides which documents to make; those blocked by input errors become outcomes at once.
pub fn plan(loaded: &Loaded, options: &BuildOptions) -> Result<Plan, BuildError> {
    let wants = |k: Kind| options.only.is_empty() || options.only.contains(&k);
    for code in &options.swv {
        if !loaded.folders.contains(code) {
            return Err(BuildError::Usage(format!(
                "SWV {code} bestaat niet in {}/swv/",
                options.inputs.display()
            )));
        }
    }
    let mut jobs = Vec::new();
    let mut outcomes = Vec::new();
    let Some(programme) = &loaded.programme else {
        outcomes.push((
            PathBuf::from("(alle documenten)"),
            Outcome::Blocked("project.toml heeft fouten".into()),
        ));
        return Ok((jobs, outcomes));
    };
    let national_only_swv = !options.swv.is_empty();
    if wants(Kind::Rapportage) && !national_only_swv {
        for phase in &programme.project.fases {
            let output = PathBuf::from(format!("{}.pdf", phase.slug()));
            if loaded.national_blocked() {
                outcomes.push((output, Outcome::Blocked(blocked_national(&loaded.problems))));
            } else {
                let data = view::rapportage(programme, phase);
                let meta = DocMeta::new(
                    Kind::Rapportage,
                    &data,
                    None,
                    phase
                        .schooljaren
                        .iter()
                        .map(|y| y.label())
                        .collect::<Vec<_>>()
                        .join(", "),
                    national_sources(programme, loaded),
                );
                jobs.push(national_job(
                    Kind::Rapportage,
                    output,
                    data,
                    format!("wel:{}", phase.slug()),
                    meta,
                ));
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
                    Outcome::Blocked(format!(
                        "de invoer van {code} heeft fouten (zie de lijst hierboven)"
                    )),
                )),
            }
        }
    }
    if wants(Kind::Brochure) && !national_only_swv {
        let output = PathBuf::from("brochure.pdf");
        if loaded.national_blocked() {
            outcomes.push((output, Outcome::Blocked(blocked_national(&loaded.problems))));
        } else if let Some(data) = view::brochure(programme) {
            let years = programme.school_years();
            let span = match (years.first(), years.last()) {
                (Some(a), Some(b)) if a != b => format!("{}-{}", a.start(), b.start() + 1),
                (Some(a), _) => a.label(),
                _ => String::new(),
            };
            let meta = DocMeta::new(
                Kind::Brochure,
                &data,
                None,
                span,
                national_sources(programme, loaded),
            );
            jobs.push(national_job(
                Kind::Brochure,
                output,
                data,
                "wel:brochure".into(),
                meta,
            ));
        }
    }
    Ok((jobs, outcomes))
}

fn blocked_national(problems: &Problems) -> String {
    let mut codes: Vec<&str> = problems
        .iter()
        .filter(|p| p.is_error() && !p.is_about_summary())
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

fn national_job(
    kind: Kind,
    output: PathBuf,
    data: serde_json::Value,
    ident: String,
    meta: DocMeta,
) -> Job {
    Job {
        kind,
        meta,
        fit_hint: None,
        output,
        swv: None,
        input: DocumentInput {
            template: kind.template().into(),
            data: to_json(&data),
            assets: Vec::new(),
        },
        ident,
        max_pages: None,
    }
}

fn regio_job(programme: &Programme, swv: &crate::model::Swv, output: PathBuf) -> Job {
    let data = view::regio(programme, swv);
    let mut sources: Vec<PathBuf> = programme.project.sources.clone();
    sources.extend(swv.sources.iter().cloned());
    if let Some(f) = swv.summary.as_ref().and_then(|s| s.foto.as_ref()) {
        sources.push(PathBuf::from(format!("swv/{}/{}", swv.code, f.file_name)));
    }
    let latest = swv
        .years
        .keys()
        .next_back()
        .map(|y| y.label())
        .unwrap_or_default();
    let meta = DocMeta::new(
        Kind::Regio,
        &data,
        Some(swv.code.to_string()),
        latest,
        sources,
    );
    let assets = swv
        .summary
        .as_ref()
        .and_then(|s| s.foto.as_ref())
        .map(|f| vec![(view::photo_path(swv), f.jpeg.clone())])
        .unwrap_or_default();
    let fit_hint = swv.summary.as_ref().and_then(|s| {
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
    Job {
        kind: Kind::Regio,
        meta,
        fit_hint,
        output,
        swv: Some(swv.code.clone()),
        input: DocumentInput {
            template: Kind::Regio.template().into(),
            data: to_json(&data),
            assets,
        },
        ident: format!("wel:regio:{}", swv.code),
        max_pages: Some(1),
    }
}

/// The input files behind the national documents: the project, its texts and every workbook.
fn national_sources(programme: &Programme, _loaded: &Loaded) -> Vec<PathBuf> {
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

fn to_json(v: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("views serialise to JSON")
}

/// What one job produced.
struct JobResult {
    output: PathBuf,
    outcome: Outcome,
    warnings: Vec<String>,
    entry: Option<CacheEntry>,
    typst_seconds: f64,
    thumbnail_seconds: f64,
    own_seconds: f64,
}

/// What every job of a run shares.
struct JobContext<'a> {
    engine: &'a Engine,
    out: &'a Path,
    cache: &'a BuildCache,
    force: bool,
    overview: bool,
    input_hashes: &'a InputHashes,
}

fn run_job(ctx: &JobContext<'_>, job: &Job, input_hash: &str) -> JobResult {
    let JobContext {
        engine,
        out,
        cache,
        force,
        overview,
        input_hashes,
    } = *ctx;
    let started = Instant::now();
    let target = out.join(&job.output);
    let mut result = JobResult {
        output: job.output.clone(),
        outcome: Outcome::UpToDate,
        warnings: Vec::new(),
        entry: None,
        typst_seconds: 0.0,
        thumbnail_seconds: 0.0,
        own_seconds: 0.0,
    };
    if !force
        && let Some(entry) = cache.entries.get(&key(&job.output))
        && entry.input == input_hash
        && entry.intact(&target, overview)
    {
        result.own_seconds = started.elapsed().as_secs_f64();
        return result;
    }
    let t = Instant::now();
    let compiled = compile_document(engine, &job.input, &job.ident, job.max_pages);
    result.typst_seconds = t.elapsed().as_secs_f64();
    result.outcome = match compiled {
        Ok(doc) => {
            result.warnings = doc.warnings;
            let sha256 = hex(&Sha256::digest(&doc.pdf));
            let t = Instant::now();
            let thumbnail = if overview {
                let thumb = thumbnail_path(&target, &sha256).expect("outputs live in a folder");
                let png = crate::render::compile::thumbnail(&doc.document).unwrap_or_default();
                fsutil::write_atomic(&thumb, &png)
            } else {
                Ok(())
            };
            result.thumbnail_seconds = t.elapsed().as_secs_f64();
            let written = thumbnail.and_then(|()| fsutil::write_atomic(&target, &doc.pdf));
            match written {
                Ok(()) => {
                    let (len, mtime) = fsutil::stamp(&target).unwrap_or_default();
                    let mut meta = job.meta.clone();
                    for (path, hash) in &mut meta.invoer {
                        *hash = input_hashes.get(path);
                    }
                    result.entry = Some(CacheEntry {
                        input: input_hash.to_string(),
                        sha256,
                        len,
                        mtime,
                        pages: doc.pages,
                        meta,
                    });
                    Outcome::Built { pages: doc.pages }
                }
                Err(e) => Outcome::Failed(e.to_string()),
            }
        }
        Err(CompileError::TooLong(msg)) => Outcome::Failed(match &job.swv {
            Some(code) => format!(
                "{msg}: het regio-overzicht van {code} past niet op één A4-pagina; maak teksten in swv/{code}/samenvatting.toml korter ({})",
                job.fit_hint
                    .as_deref()
                    .unwrap_or("samenvatting, voorbeelden of citaten")
            ),
            None => msg,
        }),
        Err(CompileError::Typst(msg)) => Outcome::Failed(msg),
    };
    result.own_seconds = started.elapsed().as_secs_f64() - result.typst_seconds;
    result
}

fn build_hash_prefix() -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(crate::render::fonts::FINGERPRINT.as_bytes());
    h.finalize().to_vec()
}

/// The hash of exactly what goes into one document.
fn job_hash(engine: &Engine, prefix: &[u8], job: &Job) -> String {
    let mut h = Sha256::new();
    h.update(prefix);
    engine.hash_templates_of(&job.input.template, &mut h);
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
    /// The last run, when it was clean (no problems, nothing failed).
    #[serde(default)]
    last_run: Option<LastRun>,
    entries: BTreeMap<String, CacheEntry>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct LastRun {
    fingerprint: String,
    outputs: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CacheEntry {
    /// Hash of the document's inputs (data, photos, templates, fonts, wel version).
    pub input: String,
    /// SHA-256 of the PDF written.
    pub sha256: String,
    /// Size and modification time of the PDF when written: changed means altered.
    pub len: u64,
    pub mtime: u128,
    pub pages: usize,
    pub meta: DocMeta,
}

/// What the manifest records about a document besides its bytes.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DocMeta {
    pub soort: String,
    pub titel: String,
    pub swv: Option<String>,
    pub schooljaar: String,
    /// Input files (relative to the inputs folder); hashed when the document is built.
    pub invoer: BTreeMap<String, String>,
}

impl DocMeta {
    fn new(
        kind: Kind,
        data: &serde_json::Value,
        swv: Option<String>,
        schooljaar: String,
        sources: Vec<PathBuf>,
    ) -> Self {
        Self {
            soort: kind.name().to_string(),
            titel: data["meta"]["titel"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            swv,
            schooljaar,
            invoer: sources
                .into_iter()
                .map(|p| (key(&p), String::new()))
                .collect(),
        }
    }
}

impl CacheEntry {
    /// The output is still the file this build wrote.
    fn intact(&self, path: &Path, with_thumbnail: bool) -> bool {
        fsutil::stamp(path) == Some((self.len, self.mtime))
            && (!with_thumbnail || thumbnail_path(path, &self.sha256).is_some_and(|t| t.is_file()))
    }
}

impl BuildCache {
    fn read(path: &Path) -> Self {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn write(&self, path: &Path) -> Result<(), fsutil::FsError> {
        fsutil::write_atomic(
            path,
            &serde_json::to_vec_pretty(self).expect("cache serialises"),
        )
    }

    /// When the last run was clean, had this fingerprint and left every output intact, the
    /// outcomes of a run that would change nothing.
    fn unchanged_run(
        &self,
        fingerprint: &str,
        out: &Path,
        with_thumbnails: bool,
    ) -> Option<Vec<(PathBuf, Outcome)>> {
        let last = self
            .last_run
            .as_ref()
            .filter(|l| l.fingerprint == fingerprint)?;
        last.outputs
            .iter()
            .map(|k| {
                let entry = self.entries.get(k)?;
                entry
                    .intact(&out.join(k), with_thumbnails)
                    .then(|| (PathBuf::from(k), Outcome::UpToDate))
            })
            .collect()
    }
}

/// Writes what each document is made from, for the `typst compile` baseline of the benchmark:
/// the templates, fonts and photos under `dir`, each document's data as `data/<n>.json`, and
/// `jobs.tsv` (template, data file, output) with one line per document.
pub fn dump_typst_inputs(options: &BuildOptions, dir: &Path) -> Result<usize, BuildError> {
    let loaded = load(&options.inputs, &options.load);
    let (jobs, _) = plan(&loaded, options)?;
    let files = match options.templates.as_deref() {
        Some(d) => templates::from_dir(d)?,
        None => templates::embedded(),
    };
    for (path, text) in files {
        fsutil::write_atomic(&dir.join(path), text.as_bytes())?;
    }
    let mut tsv = String::new();
    for (i, job) in jobs.iter().enumerate() {
        let data = format!("data/{i:05}.json");
        fsutil::write_atomic(&dir.join(&data), &job.input.data)?;
        for (path, bytes) in &job.input.assets {
            fsutil::write_atomic(&dir.join(path.trim_start_matches('/')), bytes)?;
        }
        tsv.push_str(&format!(
            "{}\t{}\t{}\n",
            job.input.template,
            data,
            job.output.display()
        ));
    }
    fsutil::write_atomic(&dir.join("jobs.tsv"), tsv.as_bytes())?;
    Ok(jobs.len())
}
