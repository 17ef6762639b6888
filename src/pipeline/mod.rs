//! A whole build, as a recipe: fingerprint -> read -> prepare (assemble and check, plan once,
//! protect, write each document's data) -> compile -> deliver -> record. Each step lives in a
//! module named for it; this file only strings them together. `wel check`, the dump for the
//! benchmark and `wel cijfers` run the same [`prepare::Pipeline`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::export::deliver::{Delivered, Delivery, deliver, deliverables_intact};
use crate::fsutil;
use crate::inputs::set::{LoadOptions, read};
use crate::model::SwvCode;
use crate::outputs::{DocumentId, Kind, Outcome, OutputDir};
use crate::privacy::protect::ProtectCache;
use crate::render::{Engine, templates};

mod ahead;
mod compile;
mod dump;
mod fingerprint;
pub mod plan;
pub mod prepare;
mod record;
mod report;
mod web;

pub use dump::dump_typst_inputs;
pub use fingerprint::input_fingerprint;
pub use prepare::{EditionState, Job, Pipeline, Prepared};
pub use report::{BuildReport, Publication, Timings, withheld_counts};

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
    /// Also write the web edition (`--web`, always when publishing): a page per document
    /// beside its PDF and `index.html`.
    pub web: bool,
    /// `wel check`: compile every document to learn the build's verdict, but write nothing
    /// (no PDF, manifest, overview, record or cache).
    pub dry_run: bool,
    /// The folder of the published editions (`edities/`): the documents of the latest are
    /// taken over as they were, and the audit holds every edition.
    pub editions: Option<PathBuf>,
    /// Make the documents of the latest edition that a correction reaches anew, each with its
    /// corrections (a revision: `wel publiceer --herziening`); the rest are taken over.
    pub revise: bool,
    /// Take in the figures of a closed round that came in late (`--nagekomen`); without it
    /// they wait, named by check and vergelijk.
    pub late: bool,
    /// Publishing this edition (`wel publiceer`): keep what a new edition needs (every figure
    /// and the values behind them) in the report, the inputs read even when nothing changed;
    /// the bundles name the edition and carry its date.
    pub publication: Option<crate::model::EditionStamp>,
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
            web: false,
            bundles: false,
            dry_run: false,
            editions: None,
            revise: false,
            late: false,
            publication: None,
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
    /// A fault of wel itself (a bug), not of the inputs.
    #[error("interne fout van wel: {0}")]
    Internal(String),
    #[error(transparent)]
    Edition(#[from] crate::edition::EditionError),
}

/// Creates the engine with the built-in templates or those in `dir`.
pub fn engine(dir: Option<&Path>) -> Result<Engine, BuildError> {
    let files = match dir {
        Some(d) => templates::from_dir(d)?,
        None => templates::embedded(),
    };
    Ok(Engine::new(files))
}

/// Runs the pipeline over the inputs of `options` and stops there: nothing is compiled or
/// written (`wel cijfers`, the benchmark's dump). No cache is read.
pub fn prepare_only(options: &BuildOptions) -> Result<Prepared, BuildError> {
    let engine = engine(options.templates.as_deref())?;
    let version_hash = build_hash_prefix();
    let pipeline = Pipeline {
        editions: None,
        engine: &engine,
        options,
        version_hash: &version_hash,
        protect_cache: None,
    };
    pipeline.run(read(&options.inputs, &options.load))
}

/// As [`prepare_only`], with these editions instead of those in `options.editions` (`wel
/// vergelijk` against an earlier edition).
pub fn prepare_with_editions(
    options: &BuildOptions,
    editions: &[crate::edition::Edition],
) -> Result<Prepared, BuildError> {
    let engine = engine(options.templates.as_deref())?;
    let version_hash = build_hash_prefix();
    let pipeline = Pipeline {
        editions: Some(editions),
        engine: &engine,
        options,
        version_hash: &version_hash,
        protect_cache: None,
    };
    pipeline.run(read(&options.inputs, &options.load))
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
            return Ok(self.report(outcomes, None, Vec::new(), Delivered::default()));
        }
        let ahead_folders = self.folders_to_compile_ahead(&stamps);
        let (ahead, prepared) = self.prepare_beside_ahead(&ahead_folders);
        let prepared = prepared?;
        self.timings.ahead = ahead.seconds;
        let compiled = self.compile(&prepared.jobs, &ahead);
        let t = Instant::now();
        let mut outcomes = prepared.blocked.clone();
        outcomes.extend(compiled.outcomes);
        outcomes.sort_by(|a, b| a.0.cmp(&b.0));
        if self.options.dry_run {
            return Ok(self.report(
                outcomes,
                Some(prepared),
                compiled.warnings,
                Delivered::default(),
            ));
        }
        self.record.entries.extend(compiled.entries);
        // A document that failed keeps its entry: the previous good PDF is still in place and
        // is still what the manifest describes (the overview marks it as not rebuilt).
        if prepared.loaded.programme.is_some() {
            self.record
                .prune_removed_swvs(&prepared.loaded.folders, &self.out);
        }
        let delivered = self.deliver(&prepared, &outcomes, &compiled.warnings)?;
        self.write_record(stamps, fingerprint, &prepared, &outcomes)?;
        self.timings.finish = t.elapsed().as_secs_f64();
        Ok(self.report(outcomes, Some(prepared), compiled.warnings, delivered))
    }

    /// Step 1: when the last clean run had the same fingerprint and every output is intact,
    /// nothing needs to be read at all.
    fn nothing_changed(&self, fingerprint: &str) -> Option<Vec<(DocumentId, Outcome)>> {
        let o = self.options;
        // A dry run reports every problem, warnings included: it always reads the inputs.
        if o.force || o.dry_run || o.publication.is_some() {
            return None;
        }
        let outcomes = self
            .record
            .unchanged_run(fingerprint, &self.out, o.overview)?;
        deliverables_intact(&self.out, o.overview, o.bundles, o.web).then_some(outcomes)
    }

    fn folders_to_compile_ahead(&self, stamps: &fingerprint::InputStamps) -> Vec<String> {
        let o = self.options;
        if o.force || o.dry_run || o.publication.is_some() {
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

    /// Steps 2-3: read and prepare; while one core does that, the other makes fonts and
    /// library and compiles ahead the one-pagers of the folders that alone changed.
    fn prepare_beside_ahead(
        &mut self,
        ahead_folders: &[String],
    ) -> (ahead::Ahead, Result<Prepared, BuildError>) {
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
        let (options, version_hash, out) = (self.options, &self.version_hash, &self.out);
        rayon::join(
            || {
                engine.warm();
                compile_ahead(&ctx, ahead_folders)
            },
            || {
                engine.parse_templates();
                let t = Instant::now();
                let raw = read(&options.inputs, &load_options);
                timings.load = t.elapsed().as_secs_f64();
                let cache_path = out.protect_cache();
                let pipeline = Pipeline {
                    editions: None,
                    engine,
                    options,
                    version_hash,
                    protect_cache: Some(ProtectCache {
                        path: &cache_path,
                        write: !options.dry_run,
                        salt: version_hash,
                    }),
                };
                let t = Instant::now();
                let prepared = pipeline.run(raw);
                timings.plan = t.elapsed().as_secs_f64();
                if let Ok(p) = &prepared {
                    timings.protect = p.protect_seconds;
                }
                prepared
            },
        )
    }

    /// Step 5: compile every job that is not up to date.
    fn compile(&mut self, jobs: &[Job], ahead: &ahead::Ahead) -> compile::Compiled {
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
        self.timings.remote = compiled.remote;
        self.timings.helpers = compiled.helpers;
        self.timings.plans = plan::PLANS.load(std::sync::atomic::Ordering::Relaxed);
        compiled
    }

    /// Step 6: the manifest, the bundles (`wel bundle`) and the overview.
    fn deliver(
        &self,
        prepared: &Prepared,
        outcomes: &[(DocumentId, Outcome)],
        warnings: &[(DocumentId, String)],
    ) -> Result<Delivered, BuildError> {
        let web = self
            .options
            .web
            .then(|| {
                web::web_files(
                    prepared,
                    outcomes,
                    &self.out,
                    self.options.publication.as_ref(),
                )
            })
            .transpose()?;
        let delivered = deliver(&Delivery {
            out: &self.out,
            documents: self.record.documents(),
            programme: prepared.loaded.programme.as_ref(),
            csvs: &prepared.csvs,
            problems: &prepared.loaded.problems,
            folders: &prepared.loaded.folders,
            outcomes,
            warnings,
            with_overview: self.options.overview,
            with_bundles: self.options.bundles,
            edition: self.options.publication.as_ref(),
            web: web.as_ref(),
        })?;
        Ok(delivered)
    }

    /// Step 7: the build record, with the fingerprint only after a clean run.
    fn write_record(
        &mut self,
        stamps: fingerprint::InputStamps,
        fingerprint: String,
        prepared: &Prepared,
        outcomes: &[(DocumentId, Outcome)],
    ) -> Result<(), BuildError> {
        let clean = prepared.loaded.problems.is_empty()
            && prepared.loaded.programme.is_some()
            && outcomes.iter().all(|(_, o)| {
                matches!(
                    o,
                    Outcome::Built { .. } | Outcome::UpToDate | Outcome::Published { .. }
                )
            });
        self.record.stamps = stamps;
        self.record.last_run = clean.then(|| LastRun {
            fingerprint,
            outputs: outcomes.iter().map(|(id, _)| id.clone()).collect(),
        });
        self.record.write(&self.out.build_record())?;
        Ok(())
    }

    fn report(
        self,
        outcomes: Vec<(DocumentId, Outcome)>,
        prepared: Option<Prepared>,
        warnings: Vec<(DocumentId, String)>,
        delivered: Delivered,
    ) -> BuildReport {
        let seconds = self.started.elapsed().as_secs_f64();
        let Some(p) = prepared else {
            return BuildReport::unchanged(outcomes, seconds, self.timings);
        };
        let publication = match (&self.options.publication, p.loaded.data()) {
            (Some(_), Some(data)) => Some(report::Publication {
                figures: p.ledger.recorded(),
                values: crate::privacy::editions::values(&p.ledger, data),
                witnesses: p.witnesses.clone(),
                schooljaren: data.programme.published_years(),
            }),
            _ => None,
        };
        BuildReport {
            stopped: p
                .loaded
                .programme
                .is_none()
                .then(|| "project.toml heeft fouten".to_string()),
            outcomes,
            folders: p.loaded.folders,
            programme: p.loaded.programme,
            problems: p.loaded.problems,
            warnings,
            privacy_overrides: p.loaded.privacy_overrides,
            withheld: p.withheld.iter().map(|w| w.explain()).collect(),
            withheld_cells: p.withheld.iter().filter(|w| w.is_cell()).count(),
            delivered,
            seconds,
            timings: self.timings,
            editions: p.editions,
            publication,
        }
    }
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
