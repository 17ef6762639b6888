//! Compiling ahead: when every input change since the last run is inside one or two SWV
//! folders (the usual edit), one core reads just those folders and compiles their one-pagers
//! while the other reads and plans everything. A result is used only when the job planned from
//! the full read has the same hash: then it is exactly what compiling it now would give.
//!
//! It reads with the one reader ([`crate::inputs::set::read_one`]) and runs the one pipeline
//! ([`super::Pipeline`]) on what it read, asking for that SWV's one-pager only: the same
//! checks, the same protection (of the little it read), the same seal. What it buys is
//! measured in `docs/performance.md`.

use std::time::Instant;

use super::record::BuildRecord;
use super::{BuildOptions, Pipeline};
use crate::inputs::set::{LoadOptions, read_one};
use crate::outputs::Kind;
use crate::render::{CompileError, Compiled, Engine, Export, compile_document};

/// At most this many changed SWV folders are compiled ahead.
pub(crate) const AHEAD_MAX: usize = 2;

/// What compiling ahead needs.
pub(crate) struct AheadContext<'a> {
    pub engine: &'a Engine,
    pub options: &'a BuildOptions,
    pub load_options: &'a LoadOptions,
    pub version_hash: &'a [u8],
    pub record: &'a BuildRecord,
}

/// Output key, hash of what went in, and the result.
type AheadDocument = (String, String, Result<Compiled, CompileError>);

/// One-pagers compiled ahead, each with the hash of what went into it.
#[derive(Default)]
pub(crate) struct Ahead {
    made: std::sync::Mutex<Vec<AheadDocument>>,
    pub seconds: f64,
}

impl Ahead {
    /// The document compiled ahead for this output, when it was made from the same inputs.
    pub(crate) fn take(&self, key: &str, hash: &str) -> Option<Result<Compiled, CompileError>> {
        let mut made = self.made.lock().expect("ahead lock");
        let i = made.iter().position(|(o, h, _)| o == key && h == hash)?;
        Some(made.swap_remove(i).2)
    }
}

/// Compiles the one-pagers of `folders` (SWV folder names) ahead of the full read.
pub(crate) fn compile_ahead(ctx: &AheadContext<'_>, folders: &[String]) -> Ahead {
    let mut ahead = Ahead::default();
    let options = ctx.options;
    let wants_regio = options.only.is_empty() || options.only.contains(&Kind::Regio);
    if folders.is_empty() || !wants_regio {
        return ahead;
    }
    let started = Instant::now();
    for folder in folders {
        let Some(raw) = read_one(&options.inputs, folder, ctx.load_options) else {
            continue;
        };
        let Some(code) = raw.folders.first().map(|f| f.code.clone()) else {
            continue;
        };
        if !options.swv.is_empty() && !options.swv.contains(&code) {
            continue;
        }
        let one = BuildOptions {
            only: vec![Kind::Regio],
            swv: vec![code],
            ..options.clone()
        };
        let pipeline = Pipeline {
            editions: None,
            engine: ctx.engine,
            options: &one,
            version_hash: ctx.version_hash,
            protect_cache: None,
        };
        let Ok(prepared) = pipeline.run(raw) else {
            continue;
        };
        for job in prepared.jobs {
            if ctx
                .record
                .entries
                .get(&job.key())
                .is_some_and(|e| e.input == job.hash)
            {
                continue; // touched, not changed: nothing to compile
            }
            let compiled = compile_document(
                ctx.engine,
                &job.input,
                Export::Pdf {
                    ident: &job.id.ident(),
                    thumbnail: options.overview,
                },
                job.max_pages,
            );
            ahead
                .made
                .get_mut()
                .expect("ahead lock")
                .push((job.key(), job.hash, compiled));
        }
    }
    ahead.seconds = started.elapsed().as_secs_f64();
    ahead
}
