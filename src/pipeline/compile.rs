//! Compiling: every planned job taken from one queue by every thread, each thread but the
//! first laying out in a helper process of its own (`render::worker`) when there is enough to
//! lay out; Typst's memo cache evicted every few documents; each PDF written atomically and
//! recorded.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::ahead::Ahead;
use super::prepare::Job;
use super::record::{BuildRecord, Entry, InputHashes};
use crate::fsutil;
use crate::hash::sha256_hex;
use crate::outputs::{DocumentId, Kind, Outcome, OutputDir};
use crate::render::worker::{self, Remote};
use crate::render::{CompileError, Compiled as Laid, Engine, Export, compile_document};

/// Documents compiled between two evictions of Typst's memo cache: two per thread. The cache
/// grows ~1.35 MiB per document, and a bigger cache also makes Typst's lookups slower: in
/// `benches/`, two per thread built the sample 6% faster than four and 15% faster than eight.
const BATCH_PER_THREAD: usize = 2;
/// The age at which comemo drops an entry when evicting: 0 clears the whole cache. (Keeping
/// the entries hit since the last eviction, age 2 or 4, built the sample 3.5% and 6% slower
/// and took 60 and 120 MiB more: a larger cache makes every lookup slower; 7 December 2026.)
const EVICT_AGE: usize = 0;
/// A layout helper evicts its memo cache after every document: at 1,160 SWVs its peak went
/// from 74 to 65 MiB (the build's whole process tree from 304 to 292 MiB), at the same speed
/// on the sample (medians 3.57 s and 3.55 s over four interleaved runs).
const HELPER_EVICT_EVERY: usize = 1;
/// Helper processes are started only for a build with at least this many documents to lay
/// out (starting one takes about as long as laying out one one-pager).
const REMOTE_MIN: usize = 8;

/// What every job of a run shares.
pub(crate) struct JobContext<'a> {
    pub engine: &'a Engine,
    pub out: &'a OutputDir,
    pub record: &'a BuildRecord,
    pub force: bool,
    pub overview: bool,
    /// Compile only: write nothing (`wel check`).
    pub dry_run: bool,
    pub input_hashes: &'a InputHashes,
    pub ahead: &'a Ahead,
}

/// What compiling all jobs gave.
#[derive(Default)]
pub(crate) struct Compiled {
    pub outcomes: Vec<(DocumentId, Outcome)>,
    pub warnings: Vec<(DocumentId, String)>,
    /// Record entries of the documents written.
    pub entries: Vec<(String, Entry)>,
    /// Seconds of wel's own work per document, summed over documents.
    pub own_seconds: f64,
    pub thumbnail_seconds: f64,
    /// Documents whose compile-ahead result was used.
    pub ahead_used: usize,
    /// Documents laid out in layout helpers, and how many helpers ran.
    pub remote: usize,
    pub helpers: usize,
}

/// What one job produced.
struct JobResult {
    output: DocumentId,
    outcome: Outcome,
    warnings: Vec<String>,
    entry: Option<Entry>,
    typst_seconds: f64,
    thumbnail_seconds: f64,
    own_seconds: f64,
    from_ahead: bool,
    /// Laid out in a layout helper.
    remote: bool,
}

/// The order free threads take jobs in. The national documents are long and need the most
/// memory (a report of 1,160 SWVs about 270 MiB), so one thread takes them one at a time,
/// first, while the others take one-pagers; once the one-pagers run out, any free thread takes
/// what is left. No thread ever waits for another.
struct Queue {
    national: Vec<usize>,
    regio: Vec<usize>,
    next_national: AtomicUsize,
    next_regio: AtomicUsize,
    /// A thread holds the national slot.
    national_busy: AtomicBool,
}

impl Queue {
    /// A queue over jobs of these kinds and sizes (of their data), one-pagers in this order,
    /// national documents largest first: the largest report is laid out while this process
    /// holds the least (its memory from the smaller ones not yet on top), and a long document
    /// started first cannot keep one core busy alone at the end.
    fn new(jobs: impl Iterator<Item = (Kind, usize)>) -> Self {
        let (mut national, mut regio) = (Vec::new(), Vec::new());
        for (i, (kind, size)) in jobs.enumerate() {
            if kind == Kind::Regio {
                regio.push(i);
            } else {
                national.push((i, size));
            }
        }
        national.sort_by_key(|&(_, size)| std::cmp::Reverse(size));
        let national = national.into_iter().map(|(i, _)| i).collect();
        Self {
            national,
            regio,
            next_national: AtomicUsize::new(0),
            next_regio: AtomicUsize::new(0),
            national_busy: AtomicBool::new(false),
        }
    }

    /// The next job, and whether taking it took the national slot (give it back with
    /// [`Queue::done`]). A thread that may not hold the slot (`slot`) takes national
    /// documents only once the one-pagers run out.
    fn take(&self, slot: bool) -> Option<(usize, bool)> {
        let pop = |list: &[usize], next: &AtomicUsize| {
            list.get(next.fetch_add(1, Ordering::SeqCst)).copied()
        };
        if slot && !self.national_busy.swap(true, Ordering::SeqCst) {
            if let Some(i) = pop(&self.national, &self.next_national) {
                return Some((i, true));
            }
            self.national_busy.store(false, Ordering::SeqCst);
        }
        pop(&self.regio, &self.next_regio)
            .or_else(|| pop(&self.national, &self.next_national))
            .map(|i| (i, false))
    }

    fn done(&self, held_slot: bool) {
        if held_slot {
            self.national_busy.store(false, Ordering::SeqCst);
        }
    }
}

/// Compiles every job (each with the hash of what goes into it) unless it is up to date.
///
/// One worker per thread takes jobs from a [`Queue`] as soon as it is free. With more than one
/// thread and enough to lay out, every thread but the first lays its documents out in a helper
/// process of its own ([`Layout`]): threads of one process share Typst's memo cache behind
/// locks, processes do not. The local worker that completes every
/// `BATCH_PER_THREAD * local threads`-th job evicts this process's memo cache; a helper evicts
/// its own every `HELPER_EVICT_EVERY` documents. (Deferring eviction while a report is laid out,
/// so its next pass could reuse more, made no difference beyond this machine's noise and cost
/// about 15 MiB at 1,160 SWVs.)
pub(crate) fn compile_all(
    ctx: &JobContext<'_>,
    jobs: &[Job],
    bar: &indicatif::ProgressBar,
) -> Compiled {
    let threads = rayon::current_num_threads().max(1).min(jobs.len().max(1));
    // Whether each document is in place already, looked up once (it stats the files).
    let fresh: Vec<bool> = jobs.iter().map(|job| up_to_date(ctx, job)).collect();
    let to_lay_out = fresh.iter().filter(|f| !**f).count();
    let remote = worker::enabled() && threads > 1 && to_lay_out >= REMOTE_MIN;
    let local_threads = if remote { 1 } else { threads };
    let evict_every = BATCH_PER_THREAD * local_threads;
    let queue = Queue::new(jobs.iter().map(|job| (job.id.kind(), job.input.data.len())));
    let done = AtomicUsize::new(0);
    let helpers = AtomicUsize::new(0);
    let worker = |t: usize| {
        let mut layout = Layout {
            engine: ctx.engine,
            remote: None,
            wants_remote: remote && t > 0,
            started: false,
        };
        let mut mine = Vec::new();
        // With helpers, the national documents are laid out here, in this process: their
        // working set (about 140 MiB for a report of 1,160 SWVs) then adds to this process's
        // own, not to a helper's on top of it. (Taken by whichever thread came first, the
        // whole tree's peak at 1,160 SWVs varied from 300 to 420 MiB between runs.)
        while let Some((i, slot)) = queue.take(!layout.wants_remote) {
            mine.push((i, run_job(ctx, &jobs[i], fresh[i], &mut layout)));
            queue.done(slot);
            bar.inc(1);
            if t < local_threads
                && (done.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(evict_every)
            {
                typst::comemo::evict(EVICT_AGE);
            }
        }
        helpers.fetch_add(usize::from(layout.started), Ordering::Relaxed);
        mine
    };
    let mut results: Vec<(usize, JobResult)> =
        (0..threads).into_par_iter().flat_map_iter(worker).collect();
    typst::comemo::evict(EVICT_AGE);
    results.sort_by_key(|(i, _)| *i);
    let mut compiled = Compiled {
        helpers: helpers.into_inner(),
        ..Compiled::default()
    };
    for (_, r) in results {
        compiled.remote += usize::from(r.remote);
        compiled.own_seconds += r.own_seconds;
        compiled.thumbnail_seconds += r.thumbnail_seconds;
        compiled.ahead_used += usize::from(r.from_ahead);
        let key = r.output.key();
        compiled
            .warnings
            .extend(r.warnings.into_iter().map(|w| (r.output.clone(), w)));
        if let Some(e) = r.entry {
            compiled.entries.push((key, e));
        }
        compiled.outcomes.push((r.output, r.outcome));
    }
    compiled
}

/// Where a thread lays its documents out: here, or in a helper process started on the first
/// document it lays out (and here again when the helper cannot be started or stops).
struct Layout<'a> {
    engine: &'a Engine,
    remote: Option<Remote>,
    wants_remote: bool,
    /// Whether a helper was started (the caller counts them).
    started: bool,
}

impl Layout<'_> {
    /// Lays the job out; `true` with the result when a helper did.
    fn compile(&mut self, job: &Job, export: Export<'_>) -> (Result<Laid, CompileError>, bool) {
        if self.wants_remote && self.remote.is_none() {
            self.remote = Remote::spawn(self.engine, HELPER_EVICT_EVERY).ok();
            self.wants_remote = self.remote.is_some();
            self.started |= self.remote.is_some();
        }
        if let Some(remote) = &mut self.remote {
            match remote.compile(&job.input, export, job.max_pages) {
                Ok(result) => return (result, true),
                Err(_) => {
                    self.remote = None;
                    self.wants_remote = false;
                }
            }
        }
        let result = compile_document(self.engine, &job.input, export, job.max_pages);
        (result, false)
    }
}

/// Whether the job's document is in place as its inputs would make it, or taken over from an
/// edition: nothing to lay out.
fn up_to_date(ctx: &JobContext<'_>, job: &Job) -> bool {
    job.from_edition.is_some()
        || (!ctx.force
            && ctx.record.entries.get(&job.key()).is_some_and(|entry| {
                entry.input == job.hash && entry.intact(ctx.out, ctx.overview)
            }))
}

/// Makes one job's document; `fresh`: it is in place already ([`up_to_date`]).
fn run_job(ctx: &JobContext<'_>, job: &Job, fresh: bool, layout: &mut Layout<'_>) -> JobResult {
    let input_hash = job.hash.as_str();
    let started = Instant::now();
    let mut result = JobResult {
        output: job.id.clone(),
        outcome: Outcome::UpToDate,
        warnings: Vec::new(),
        entry: None,
        typst_seconds: 0.0,
        thumbnail_seconds: 0.0,
        own_seconds: 0.0,
        from_ahead: false,
        remote: false,
    };
    if let Some(from) = &job.from_edition {
        result.outcome = take_over(ctx, job, from, &mut result);
        result.own_seconds = started.elapsed().as_secs_f64();
        return result;
    }
    if fresh {
        result.own_seconds = started.elapsed().as_secs_f64();
        return result;
    }
    let t = Instant::now();
    let compiled = match ctx.ahead.take(&job.key(), input_hash) {
        Some(made) => {
            result.from_ahead = true;
            made
        }
        None => {
            let ident = job.id.ident();
            let export = if ctx.dry_run {
                Export::LayoutOnly
            } else {
                Export::Pdf {
                    ident: &ident,
                    thumbnail: ctx.overview,
                }
            };
            let (laid, remote) = layout.compile(job, export);
            result.remote = remote;
            laid
        }
    };
    result.typst_seconds = t.elapsed().as_secs_f64();
    result.outcome = match compiled {
        Ok(doc) if ctx.dry_run => {
            result.warnings = doc.warnings;
            Outcome::Built { pages: doc.pages }
        }
        Ok(doc) => {
            result.warnings = doc.warnings.clone();
            write_document(ctx, job, input_hash, doc, &mut result)
        }
        Err(CompileError::TooLong(msg)) => Outcome::Failed(too_long(job, &msg)),
        Err(CompileError::Typst(msg)) => Outcome::Failed(msg),
    };
    result.own_seconds = started.elapsed().as_secs_f64() - result.typst_seconds;
    result
}

/// Writes the PDF (and its thumbnail for the overview) and records it.
fn write_document(
    ctx: &JobContext<'_>,
    job: &Job,
    input_hash: &str,
    doc: Laid,
    result: &mut JobResult,
) -> Outcome {
    let target = ctx.out.document(&job.id);
    let Some(pdf) = &doc.pdf else {
        return Outcome::Failed("interne fout: het document is opgemaakt maar niet als PDF".into());
    };
    let sha256 = sha256_hex(pdf);
    let t = Instant::now();
    let thumbnail = match (&doc.thumbnail, ctx.overview) {
        (Some(png), true) => fsutil::write_atomic(&ctx.out.thumbnail(&sha256), png),
        _ => Ok(()),
    };
    result.thumbnail_seconds = t.elapsed().as_secs_f64();
    if let Err(e) = thumbnail.and_then(|()| fsutil::write_atomic(&target, pdf)) {
        return Outcome::Failed(e.to_string());
    }
    let (bytes, mtime) = fsutil::stamp(&target).unwrap_or_default();
    let mut document = job.document.clone();
    for (path, hash) in &mut document.invoer {
        *hash = ctx.input_hashes.get(path);
    }
    document.sha256 = sha256;
    document.bytes = bytes;
    document.paginas = doc.pages;
    result.entry = Some(Entry {
        input: input_hash.to_string(),
        mtime,
        document,
    });
    Outcome::Built { pages: doc.pages }
}

/// Puts a document of the latest edition in place as it was sent (its bytes checked against
/// the edition's manifest) and records it with the edition's entry.
fn take_over(
    ctx: &JobContext<'_>,
    job: &Job,
    from: &super::prepare::FromEdition,
    result: &mut JobResult,
) -> Outcome {
    let published = Outcome::Published {
        editie: from.edition.clone(),
    };
    let bytes = match fsutil::read(&from.file) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("uit editie {}: {e}", from.edition)),
    };
    if sha256_hex(&bytes) != from.document.sha256 {
        return Outcome::Failed(format!(
            "{} is niet meer het document dat in editie {} verstuurd is (de SHA-256 klopt niet met het manifest); zet het terug uit een reservekopie",
            from.file.display(),
            from.edition
        ));
    }
    if ctx.dry_run {
        return published;
    }
    let target = ctx.out.document(&job.id);
    if std::fs::read(&target).ok().as_deref() != Some(bytes.as_slice())
        && let Err(e) = fsutil::write_atomic(&target, &bytes)
    {
        return Outcome::Failed(e.to_string());
    }
    let (size, mtime) = fsutil::stamp(&target).unwrap_or_default();
    let mut document = from.document.clone();
    document.bytes = size;
    result.entry = Some(Entry {
        input: job.hash.clone(),
        mtime,
        document,
    });
    published
}

fn too_long(job: &Job, msg: &str) -> String {
    match job.id.swv() {
        Some(code) => format!(
            "{msg}: het regio-overzicht van {code} past niet op één A4-pagina; maak teksten in swv/{code}/samenvatting.toml korter ({})",
            job.fit_hint
                .as_deref()
                .unwrap_or("samenvatting, voorbeelden of citaten")
        ),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_national_document_at_a_time_while_one_pagers_remain() {
        use Kind::{Brochure, Rapportage, Regio};
        let kinds = [Rapportage, Rapportage, Regio, Regio, Regio, Brochure];
        let q = Queue::new(kinds.into_iter().map(|k| (k, 1)));
        // Two free threads: the first takes a report, the second a one-pager.
        assert_eq!(q.take(true), Some((0, true)));
        assert_eq!(q.take(true), Some((2, false)));
        assert_eq!(q.take(true), Some((3, false)));
        q.done(true);
        assert_eq!(q.take(true), Some((1, true)));
        // The one-pagers run out: a free thread then takes the next national document too.
        assert_eq!(q.take(true), Some((4, false)));
        assert_eq!(q.take(true), Some((5, false)));
        assert_eq!(q.take(true), None);
        q.done(true);
        assert_eq!(q.take(true), None);
    }

    #[test]
    fn a_thread_without_the_slot_leaves_national_documents_while_one_pagers_remain() {
        use Kind::{Rapportage, Regio};
        let q = Queue::new([(Rapportage, 1), (Regio, 1), (Rapportage, 1)].into_iter());
        // The slot is free, but this thread (a helper's) takes the one-pager.
        assert_eq!(q.take(false), Some((1, false)));
        // No one-pagers left: it takes a national document after all (no thread waits).
        assert_eq!(q.take(false), Some((0, false)));
        assert_eq!(q.take(true), Some((2, true)));
    }

    #[test]
    fn the_largest_national_document_is_taken_first() {
        use Kind::{Brochure, Rapportage, Regio};
        let jobs = [
            (Rapportage, 30),
            (Rapportage, 90),
            (Regio, 5),
            (Rapportage, 60),
            (Brochure, 10),
        ];
        let q = Queue::new(jobs.into_iter());
        let mut order = Vec::new();
        while let Some((i, slot)) = q.take(true) {
            order.push(i);
            q.done(slot);
        }
        // One thread alone: the national documents largest first, then the one-pagers.
        assert_eq!(order, [1, 3, 0, 4, 2]);
    }
}
