//! A whole build, as a recipe: load the inputs, plan one job per document, compile the jobs in
//! parallel on one shared engine, write each PDF atomically, and report every outcome.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diag::Problems;
use crate::fsutil;
use crate::inputs::set::{LoadOptions, Loaded, load};
use crate::model::SwvCode;
use crate::render::view::Kind;
use crate::render::{CompileError, Compiled, Engine, compile_document, templates};

mod plan;
mod record;

pub use plan::{Job, Plan, dump_typst_inputs, plan};
use record::{
    BuildCache, LastRun, build_hash_prefix, changed_swv_folders, input_stamps, job_hash, key,
    run_fingerprint,
};
pub use record::{
    CACHE_FILE, CacheEntry, DocMeta, InputHashes, PHOTO_CACHE, THUMBNAILS, file_sha256, hex,
    input_fingerprint, thumbnail_path,
};

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
    /// Also write the zip bundles (`wel bundle`).
    pub bundles: bool,
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
            bundles: false,
        }
    }
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
    /// What happened to the bundles.
    pub delivered: crate::export::deliver::Delivered,
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
    /// Compiling ahead the one-pagers of changed SWV folders (beside reading and planning).
    pub ahead: f64,
    /// Documents whose compile-ahead result was used.
    pub ahead_used: usize,
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
            "tijd: vingerafdruk {:.3} s, invoer lezen {:.3} s, plannen {:.3} s (tegelijk vooruit compileren {:.3} s), compileren {:.3} s (waarvan eigen werk per document {:.3} s over {} threads, daarin miniaturen {:.3} s), bundels/manifest/overzicht {:.3} s; buiten Typst {:.1}% van {:.3} s",
            self.fingerprint,
            self.load,
            self.plan,
            self.ahead,
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
        if self.delivered.bundles > 0 {
            line.push_str(&format!("; {} bundels klaar", self.delivered.bundles));
        }
        if self.delivered.stale_removed > 0 {
            line.push_str(&format!(
                "; {} verouderde bundel(s) verwijderd (maak ze opnieuw met `wel bundle`)",
                self.delivered.stale_removed
            ));
        }
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
    let stamps = input_stamps(&options.inputs);
    let fingerprint = run_fingerprint(&engine, options, &version_hash, &stamps);
    timings.fingerprint = started.elapsed().as_secs_f64();
    if !options.force
        && let Some(outcomes) = cache.unchanged_run(&fingerprint, &options.out, options.overview)
        && crate::export::deliver::deliverables_intact(
            &options.out,
            options.overview,
            options.bundles,
        )
    {
        return Ok(BuildReport {
            outcomes,
            problems: Problems::new(),
            warnings: Vec::new(),
            privacy_overrides: 0,
            delivered: crate::export::deliver::Delivered::default(),
            seconds: started.elapsed().as_secs_f64(),
            timings,
        });
    }

    let load_options = LoadOptions {
        photo_cache: Some(options.out.join(PHOTO_CACHE)),
        workbook_cache: Some(
            options
                .out
                .join(crate::inputs::workbook_cache::WORKBOOK_CACHE),
        ),
        ..options.load.clone()
    };
    // While one core reads and plans everything, the other makes fonts and library and
    // compiles ahead the one-pagers of the SWV folders that alone changed since the last run
    // (the usual edit): their compile no longer waits for the whole read.
    let ahead_folders = if options.force {
        Vec::new()
    } else {
        changed_swv_folders(&cache.stamps, &stamps)
            .filter(|f| f.len() <= AHEAD_MAX)
            .unwrap_or_default()
    };
    let ahead_context = AheadContext {
        engine: &engine,
        options,
        load_options: &load_options,
        version_hash: &version_hash,
        cache: &cache,
    };
    let (ahead, planned) = rayon::join(
        || {
            engine.warm();
            compile_ahead(&ahead_context, &ahead_folders)
        },
        || {
            engine.parse_templates();
            read_and_plan(&engine, options, &load_options, &version_hash, &mut timings)
        },
    );
    let (loaded, jobs, mut outcomes, hashed) = planned?;
    timings.ahead = ahead.seconds;
    let input_hashes = InputHashes::new(&options.inputs);

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
        ahead: &ahead,
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
            timings.ahead_used += usize::from(r.from_ahead);
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
    let delivered = crate::export::deliver::deliver(
        &options.out,
        &cache.entries,
        loaded.programme.as_ref(),
        &loaded.problems,
        &outcomes,
        &warnings,
        options.overview,
        options.bundles,
    )?;
    let clean = !loaded.problems.has_errors()
        && loaded.problems.is_empty()
        && outcomes
            .iter()
            .all(|(_, o)| matches!(o, Outcome::Built { .. } | Outcome::UpToDate));
    cache.stamps = stamps;
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
        delivered,
        seconds: started.elapsed().as_secs_f64(),
        timings,
    })
}

/// The inputs as read, the jobs with the hash of each, and the outcomes decided already.
type Planned = (Loaded, Vec<Job>, Vec<(PathBuf, Outcome)>, Vec<String>);

/// Reads and checks every input, then plans the jobs and hashes what goes into each.
fn read_and_plan(
    engine: &Engine,
    options: &BuildOptions,
    load_options: &LoadOptions,
    version_hash: &[u8],
    timings: &mut Timings,
) -> Result<Planned, BuildError> {
    let t = Instant::now();
    let mut loaded = load(&options.inputs, load_options);
    warn_missing_glyphs(engine, &mut loaded);
    timings.load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let (mut jobs, outcomes) = plan(&loaded, options)?;
    let hashed: Vec<String> = jobs
        .par_iter_mut()
        .map(|j| seal(engine, version_hash, j))
        .collect();
    timings.plan = t.elapsed().as_secs_f64();
    Ok((loaded, jobs, outcomes, hashed))
}

/// Makes a planned job final and returns the hash of what goes into it. Characters no font
/// has would break PDF/A (they were warned about while loading), so they become a box first.
/// The full plan and compiling ahead both go through here, so their hashes can be compared.
fn seal(engine: &Engine, version_hash: &[u8], job: &mut Job) -> String {
    replace_missing_glyphs(engine, &mut job.input.data);
    job_hash(engine, version_hash, job)
}

/// At most this many changed SWV folders are compiled ahead.
const AHEAD_MAX: usize = 2;

/// What compiling ahead needs.
struct AheadContext<'a> {
    engine: &'a Engine,
    options: &'a BuildOptions,
    load_options: &'a LoadOptions,
    version_hash: &'a [u8],
    cache: &'a BuildCache,
}

/// Output path, hash of what went in, and the result.
type AheadDocument = (PathBuf, String, Result<Compiled, CompileError>);

/// One-pagers compiled ahead, each with the hash of what went into it. A job uses one only
/// when its own hash, made from the full read, is the same: then the document is exactly
/// what compiling it now would give.
#[derive(Default)]
struct Ahead {
    made: std::sync::Mutex<Vec<AheadDocument>>,
    seconds: f64,
}

impl Ahead {
    fn take(&self, output: &Path, hash: &str) -> Option<Result<Compiled, CompileError>> {
        let mut made = self.made.lock().expect("ahead lock");
        let i = made.iter().position(|(o, h, _)| o == output && h == hash)?;
        Some(made.swap_remove(i).2)
    }
}

fn compile_ahead(ctx: &AheadContext<'_>, folders: &[String]) -> Ahead {
    let mut ahead = Ahead::default();
    let options = ctx.options;
    let wants_regio = options.only.is_empty() || options.only.contains(&Kind::Regio);
    if folders.is_empty() || !wants_regio {
        return ahead;
    }
    let started = Instant::now();
    for folder in folders {
        let Some(programme) =
            crate::inputs::set::load_one(&options.inputs, folder, ctx.load_options)
        else {
            continue;
        };
        let Some(swv) = programme.swvs.first().filter(|s| s.summary.is_some()) else {
            continue;
        };
        if !options.swv.is_empty() && !options.swv.contains(&swv.code) {
            continue;
        }
        let output = PathBuf::from(format!("regio/{}.pdf", swv.code));
        let mut job = plan::regio_job(&programme, swv, output);
        let hash = seal(ctx.engine, ctx.version_hash, &mut job);
        if ctx
            .cache
            .entries
            .get(&key(&job.output))
            .is_some_and(|e| e.input == hash)
        {
            continue; // touched, not changed: nothing to compile
        }
        let compiled = compile_document(ctx.engine, &job.input, &job.ident, job.max_pages);
        ahead
            .made
            .get_mut()
            .expect("ahead lock")
            .push((job.output, hash, compiled));
    }
    ahead.seconds = started.elapsed().as_secs_f64();
    ahead
}

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

/// Documents compiled between two evictions of Typst's memo cache: two per thread. The cache
/// grows ~1.35 MiB per document, and a bigger cache also makes Typst's lookups slower: in
/// `benches/`, two per thread built the sample 6% faster than four and 15% faster than eight.
const BATCH_PER_THREAD: usize = 2;
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

/// What one job produced.
struct JobResult {
    output: PathBuf,
    outcome: Outcome,
    warnings: Vec<String>,
    entry: Option<CacheEntry>,
    typst_seconds: f64,
    thumbnail_seconds: f64,
    own_seconds: f64,
    from_ahead: bool,
}

/// What every job of a run shares.
struct JobContext<'a> {
    engine: &'a Engine,
    out: &'a Path,
    cache: &'a BuildCache,
    force: bool,
    overview: bool,
    input_hashes: &'a InputHashes,
    ahead: &'a Ahead,
}

fn run_job(ctx: &JobContext<'_>, job: &Job, input_hash: &str) -> JobResult {
    let JobContext {
        engine,
        out,
        cache,
        force,
        overview,
        input_hashes,
        ahead,
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
        from_ahead: false,
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
    let compiled = match ahead.take(&job.output, input_hash) {
        Some(made) => {
            result.from_ahead = true;
            made
        }
        None => compile_document(engine, &job.input, &job.ident, job.max_pages),
    };
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
