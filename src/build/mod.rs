//! A whole build, as a recipe: fingerprint -> read -> assemble the model (and check it) ->
//! plan -> compile -> deliver -> record. Each step lives in a module named for it; this file
//! only strings them together.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::assemble::{Loaded, assemble};
use crate::diag::Problems;
use crate::export::deliver::{Delivered, Delivery, deliver, deliverables_intact};
use crate::fsutil;
use crate::inputs::set::{LoadOptions, read};
use crate::model::SwvCode;
use crate::outputs::{Kind, Outcome, OutputDir};
use crate::render::{Engine, templates};

mod ahead;
mod compile;
mod fingerprint;
mod plan;
pub mod protect_cache;
mod record;
mod report;

pub use fingerprint::input_fingerprint;
pub use plan::{Job, Plan, dump_typst_inputs, plan, publication_ledger};
pub use report::{BuildReport, Timings};

use ahead::{AheadContext, compile_ahead};
use compile::{JobContext, compile_all};
use fingerprint::{changed_swv_folders, input_stamps, run_fingerprint};
use record::{BuildRecord, InputHashes, LastRun, build_hash_prefix};

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
    /// `wel check`: compile every document to learn the build's verdict, but write nothing
    /// (no PDF, manifest, overview, record or cache).
    pub dry_run: bool,
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
            dry_run: false,
        }
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
///
/// All parallel work (reading inputs, compiling, bundling) runs on one pool of `--jobs`
/// threads, so `--jobs 1` really uses one core.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| BuildError::Usage(e.to_string()))?;
    pool.install(|| Build::start(options)?.run())
}

/// One build in progress: what the steps share.
struct Build<'a> {
    options: &'a BuildOptions,
    started: Instant,
    timings: Timings,
    engine: Engine,
    out: OutputDir,
    record: BuildRecord,
    version_hash: Vec<u8>,
}

impl<'a> Build<'a> {
    fn start(options: &'a BuildOptions) -> Result<Self, BuildError> {
        let out = OutputDir::new(&options.out);
        if !options.dry_run {
            fsutil::create_dir_all(out.root())?;
        }
        Ok(Self {
            options,
            started: Instant::now(),
            timings: Timings::default(),
            engine: engine(options.templates.as_deref())?,
            record: BuildRecord::read(&out.build_record()),
            out,
            version_hash: build_hash_prefix(),
        })
    }

    /// The recipe.
    fn run(mut self) -> Result<BuildReport, BuildError> {
        let stamps = input_stamps(&self.options.inputs);
        let fingerprint = run_fingerprint(&self.engine, self.options, &self.version_hash, &stamps);
        self.timings.fingerprint = self.started.elapsed().as_secs_f64();
        if let Some(outcomes) = self.nothing_changed(&fingerprint) {
            return Ok(self.report(outcomes, Loaded::empty(), Vec::new(), Delivered::default()));
        }
        let ahead_folders = self.folders_to_compile_ahead(&stamps);
        let (ahead, planned) = self.read_and_plan_beside_ahead(&ahead_folders);
        let (loaded, jobs, blocked) = planned?;
        self.timings.ahead = ahead.seconds;
        let compiled = self.compile(&jobs, &ahead);
        let t = Instant::now();
        let mut outcomes = blocked;
        outcomes.extend(compiled.outcomes);
        outcomes.sort_by(|a, b| a.0.cmp(&b.0));
        if self.options.dry_run {
            return Ok(self.report(outcomes, loaded, compiled.warnings, Delivered::default()));
        }
        self.record.entries.extend(compiled.entries);
        // A document that failed keeps its entry: the previous good PDF is still in place and
        // is still what the manifest describes (the overview marks it as not rebuilt).
        if loaded.programme.is_some() {
            self.record.prune_removed_swvs(&loaded.folders, &self.out);
        }
        let delivered = self.deliver(&loaded, &outcomes, &compiled.warnings)?;
        self.write_record(stamps, fingerprint, &loaded, &outcomes)?;
        self.timings.finish = t.elapsed().as_secs_f64();
        Ok(self.report(outcomes, loaded, compiled.warnings, delivered))
    }

    /// Step 1: when the last clean run had the same fingerprint and every output is intact,
    /// nothing needs to be read at all.
    fn nothing_changed(&self, fingerprint: &str) -> Option<Vec<(PathBuf, Outcome)>> {
        let o = self.options;
        // A dry run reports every problem, warnings included: it always reads the inputs.
        if o.force || o.dry_run {
            return None;
        }
        let outcomes = self
            .record
            .unchanged_run(fingerprint, &self.out, o.overview)?;
        deliverables_intact(&self.out, o.overview, o.bundles).then_some(outcomes)
    }

    fn folders_to_compile_ahead(&self, stamps: &fingerprint::InputStamps) -> Vec<String> {
        // WEL_NO_AHEAD: only for the benchmark, to measure what compiling ahead buys.
        let o = self.options;
        if o.force || o.dry_run || std::env::var_os("WEL_NO_AHEAD").is_some() {
            return Vec::new();
        }
        changed_swv_folders(&self.record.stamps, stamps)
            .filter(|f| f.len() <= ahead::AHEAD_MAX)
            .unwrap_or_default()
    }

    fn load_options(&self) -> LoadOptions {
        if self.options.dry_run {
            return self.options.load.clone();
        }
        LoadOptions {
            photo_cache: Some(self.out.photo_cache()),
            workbook_cache: Some(self.out.workbook_cache()),
            ..self.options.load.clone()
        }
    }

    /// Steps 2-4: read, assemble and check, plan; while one core does that, the other makes
    /// fonts and library and compiles ahead the one-pagers of the folders that alone changed.
    fn read_and_plan_beside_ahead(
        &mut self,
        ahead_folders: &[String],
    ) -> (ahead::Ahead, Result<Planned, BuildError>) {
        let load_options = self.load_options();
        let ctx = AheadContext {
            engine: &self.engine,
            options: self.options,
            load_options: &load_options,
            version_hash: &self.version_hash,
            record: &self.record,
        };
        let engine = &self.engine;
        let timings = &mut self.timings;
        let (options, version_hash) = (self.options, &self.version_hash);
        rayon::join(
            || {
                engine.warm();
                compile_ahead(&ctx, ahead_folders)
            },
            || {
                engine.parse_templates();
                read_and_plan(engine, options, &load_options, version_hash, timings)
            },
        )
    }

    /// Step 5: compile every job that is not up to date.
    fn compile(&mut self, jobs: &[(Job, String)], ahead: &ahead::Ahead) -> compile::Compiled {
        let t = Instant::now();
        let bar = progress_bar(self.options.progress, jobs.len());
        let input_hashes = InputHashes::new(&self.options.inputs);
        let ctx = JobContext {
            engine: &self.engine,
            out: &self.out,
            record: &self.record,
            force: self.options.force,
            overview: self.options.overview,
            dry_run: self.options.dry_run,
            input_hashes: &input_hashes,
            ahead,
        };
        let compiled = compile_all(&ctx, jobs, &bar);
        bar.finish_and_clear();
        self.timings.threads = rayon::current_num_threads();
        self.timings.compile_wall = t.elapsed().as_secs_f64();
        self.timings.own_cpu = compiled.own_seconds;
        self.timings.thumbnails = compiled.thumbnail_seconds;
        self.timings.ahead_used = compiled.ahead_used;
        compiled
    }

    /// Step 6: the manifest, the bundles (`wel bundle`) and the overview.
    fn deliver(
        &self,
        loaded: &Loaded,
        outcomes: &[(PathBuf, Outcome)],
        warnings: &[(PathBuf, String)],
    ) -> Result<Delivered, BuildError> {
        let delivered = deliver(&Delivery {
            out: &self.out,
            documents: self.record.documents(),
            programme: loaded.programme.as_ref(),
            problems: &loaded.problems,
            outcomes,
            warnings,
            with_overview: self.options.overview,
            with_bundles: self.options.bundles,
        })?;
        Ok(delivered)
    }

    /// Step 7: the build record, with the fingerprint only after a clean run.
    fn write_record(
        &mut self,
        stamps: fingerprint::InputStamps,
        fingerprint: String,
        loaded: &Loaded,
        outcomes: &[(PathBuf, Outcome)],
    ) -> Result<(), BuildError> {
        let clean = loaded.problems.is_empty()
            && outcomes
                .iter()
                .all(|(_, o)| matches!(o, Outcome::Built { .. } | Outcome::UpToDate));
        self.record.stamps = stamps;
        self.record.last_run = clean.then(|| LastRun {
            fingerprint,
            outputs: outcomes.iter().map(|(p, _)| fingerprint::key(p)).collect(),
        });
        self.record.write(&self.out.build_record())?;
        Ok(())
    }

    fn report(
        self,
        outcomes: Vec<(PathBuf, Outcome)>,
        loaded: Loaded,
        warnings: Vec<(PathBuf, String)>,
        delivered: Delivered,
    ) -> BuildReport {
        BuildReport {
            outcomes,
            folders: loaded.folders,
            programme: loaded.programme,
            problems: loaded.problems,
            warnings,
            privacy_overrides: loaded.privacy_overrides,
            withheld: loaded.withheld.iter().map(|w| w.explain()).collect(),
            delivered,
            seconds: self.started.elapsed().as_secs_f64(),
            timings: self.timings,
        }
    }
}

/// The assembled inputs, the jobs with the hash of each, and the documents already blocked.
type Planned = (Loaded, Vec<(Job, String)>, Vec<(PathBuf, Outcome)>);

/// Reads, assembles and checks every input, then plans the jobs and hashes what goes in.
fn read_and_plan(
    engine: &Engine,
    options: &BuildOptions,
    load_options: &LoadOptions,
    version_hash: &[u8],
    timings: &mut Timings,
) -> Result<Planned, BuildError> {
    let t = Instant::now();
    let raw = read(&options.inputs, load_options);
    let loaded = check(engine, assemble(raw, options.load.allow_personal_data));
    timings.load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let cache_path = OutputDir::new(&options.out).protect_cache();
    let cache = protect_cache::ProtectCache {
        path: &cache_path,
        write: !options.dry_run,
        salt: version_hash,
    };
    let loaded = protect(loaded, Some(&cache));
    timings.protect = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let plan = plan(&loaded, options, &loaded.withholding)?;
    let jobs: Vec<(Job, String)> = {
        use rayon::prelude::*;
        plan.jobs
            .into_par_iter()
            .map(|mut job| {
                let hash = plan::seal(engine, version_hash, &mut job);
                (job, hash)
            })
            .collect()
    };
    timings.plan = t.elapsed().as_secs_f64();
    Ok((loaded, jobs, plan.blocked))
}

/// The disclosure audit over everything a full build publishes, and the totals to withhold so
/// that no small count can be derived. A build never publishes a set that fails the audit:
/// what is still disclosed after withholding (it should not be) blocks the national documents.
pub fn protect(mut loaded: Loaded, cache: Option<&protect_cache::ProtectCache<'_>>) -> Loaded {
    let Some(programme) = &loaded.programme else {
        return loaded;
    };
    let ledger = publication_ledger(&loaded, &Default::default());
    let withheld = protect_cache::protect(&ledger, programme, cache);
    let withholding = crate::ledger::Withholding::new(withheld.iter().map(|w| w.cells.clone()));
    // Audited every time, also when nothing is withheld: the choice may come from a file.
    let after = if withheld.is_empty() {
        ledger
    } else {
        publication_ledger(&loaded, &withholding)
    };
    let left = crate::disclosure::audit(&after, programme);
    for d in left {
        loaded.problems.error(
            crate::diag::Place::file("(alle documenten)"),
            format!(
                "het aantal {} van {} in {} is af te leiden uit de gepubliceerde cijfers; de landelijke documenten worden niet gemaakt",
                d.cell.measure.label(),
                d.cell.swv,
                d.cell.schooljaar
            ),
        );
    }
    loaded.withheld = withheld;
    loaded.withholding = withholding;
    loaded
}

/// The checks over the assembled model that need the engine: characters no font has.
pub fn check(engine: &Engine, mut loaded: Loaded) -> Loaded {
    if let Some(programme) = &loaded.programme {
        crate::checks::glyphs::warn_missing_glyphs(engine, programme, &mut loaded.problems);
    }
    loaded
}

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

/// Problems of a build that stopped at the fast path: none were read.
impl Loaded {
    fn empty() -> Self {
        Loaded {
            programme: None,
            problems: Problems::new(),
            folders: Vec::new(),
            privacy_overrides: 0,
            withheld: Vec::new(),
            withholding: Default::default(),
        }
    }
}
