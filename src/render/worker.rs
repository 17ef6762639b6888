//! Laying out in a process of its own: the `wel` binary started again as a layout helper,
//! fed documents one at a time over a pipe.
//!
//! Why: Typst's memo cache is one per process, shared by its threads behind locks. On this
//! 2-core machine two threads in one process built the sample 1.57x as fast as one, while two
//! processes each building it lost nothing (docs/performance.md, 7 December 2026). So a build
//! on N cores lays out on one thread here and in N-1 helpers; each helper has its own cache.
//!
//! The helper is this same binary with [`WORKER_ARG`]; only the binary enables it
//! ([`enable`]), so a test harness or another program using the library never starts itself.
//! The helper gets the templates once, then per document its data and assets; it answers with
//! exactly what [`compile_document`] gives here (the same code, fonts and templates, so the
//! same bytes). A helper that stops answering is dropped and its documents are laid out here.

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use super::compile::{CompileError, Compiled, Export, compile_document};
use super::templates::TemplateFiles;
use super::world::{DocumentInput, Engine};

/// A helper gives the memory its documents freed back to the system after this many: the
/// allocator otherwise keeps it. At 1,160 SWVs the build's peak went from 308 to 297 MiB, the
/// sample's from 162 to 150 MiB, at the same speed (after every document: 3% slower).
const COLLECT_EVERY: usize = 8;

/// The first argument that makes `wel` a layout helper (not a command: it is never shown).
pub const WORKER_ARG: &str = "__opmaakhulp";

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Lets builds start layout helpers: called by the `wel` binary, which can start itself.
pub fn enable() {
    ENABLED.store(true, Ordering::SeqCst);
}

/// Whether builds may start layout helpers.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::SeqCst)
}

/// What a helper gets once.
#[derive(Serialize, Deserialize)]
struct Init {
    templates: TemplateFiles,
    /// Documents between two evictions of the helper's memo cache.
    evict_every: usize,
}

/// One document to lay out; its data and then each asset follow as frames of their own.
#[derive(Serialize, Deserialize)]
struct Request {
    template: String,
    /// The PDF's identifier; `None`: layout only.
    ident: Option<String>,
    thumbnail: bool,
    max_pages: Option<usize>,
    assets: Vec<String>,
}

/// The answer; the PDF and the thumbnail follow as frames of their own (empty when absent).
#[derive(Serialize, Deserialize)]
struct Reply {
    pages: usize,
    warnings: Vec<String>,
    /// `Some((too_long, message))` when the document could not be made.
    error: Option<(bool, String)>,
}

/// Frames larger than this are refused (the largest PDF of 1,160 SWVs is a few MiB).
const FRAME_MAX: u64 = 1 << 30;

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)
}

fn read_frame(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut n = [0u8; 8];
    r.read_exact(&mut n)?;
    let n = u64::from_le_bytes(n);
    if n > FRAME_MAX {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut bytes = vec![0; n as usize];
    r.read_exact(&mut bytes)?;
    Ok(bytes)
}

fn json_frame<T: Serialize>(w: &mut impl Write, value: &T) -> io::Result<()> {
    write_frame(w, &serde_json::to_vec(value).map_err(io::Error::other)?)
}

fn read_json<T: for<'de> Deserialize<'de>>(r: &mut impl Read) -> io::Result<T> {
    serde_json::from_slice(&read_frame(r)?)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// A running layout helper.
pub struct Remote {
    child: Child,
    to: Option<BufWriter<ChildStdin>>,
    from: BufReader<ChildStdout>,
}

impl Remote {
    /// Starts a helper with the engine's templates.
    pub fn spawn(engine: &Engine, evict_every: usize) -> io::Result<Remote> {
        let mut child = Command::new(std::env::current_exe()?)
            .arg(WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let (Some(to), Some(from)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("no pipes"));
        };
        let mut remote = Remote {
            child,
            to: Some(BufWriter::new(to)),
            from: BufReader::new(from),
        };
        let init = Init {
            templates: engine.template_files(),
            evict_every,
        };
        json_frame(remote.sender()?, &init)?;
        Ok(remote)
    }

    fn sender(&mut self) -> io::Result<&mut BufWriter<ChildStdin>> {
        self.to
            .as_mut()
            .ok_or_else(|| io::Error::from(io::ErrorKind::BrokenPipe))
    }

    /// Lays `input` out in the helper: what [`compile_document`] gives, or an I/O error when
    /// the helper is gone (lay the document out here then).
    pub fn compile(
        &mut self,
        input: &DocumentInput,
        export: Export<'_>,
        max_pages: Option<usize>,
    ) -> io::Result<Result<Compiled, CompileError>> {
        let (ident, thumbnail) = match export {
            Export::Pdf { ident, thumbnail } => (Some(ident.to_string()), thumbnail),
            Export::LayoutOnly => (None, false),
        };
        let request = Request {
            template: input.template.clone(),
            ident,
            thumbnail,
            max_pages,
            assets: input.assets.iter().map(|(path, _)| path.clone()).collect(),
        };
        let to = self.sender()?;
        json_frame(to, &request)?;
        write_frame(to, &input.data)?;
        for (_, bytes) in &input.assets {
            write_frame(to, bytes)?;
        }
        to.flush()?;
        let reply: Reply = read_json(&mut self.from)?;
        let pdf = read_frame(&mut self.from)?;
        let png = read_frame(&mut self.from)?;
        Ok(match reply.error {
            Some((true, message)) => Err(CompileError::TooLong(message)),
            Some((false, message)) => Err(CompileError::Typst(message)),
            None => Ok(Compiled {
                pdf: (!pdf.is_empty()).then_some(pdf),
                thumbnail: (!png.is_empty()).then_some(png),
                pages: reply.pages,
                warnings: reply.warnings,
            }),
        })
    }
}

impl Drop for Remote {
    /// Closing its input ends the helper; it is waited for, so none outlives the build.
    fn drop(&mut self) {
        drop(self.to.take());
        let _ = self.child.wait();
    }
}

/// The helper's main loop (the process's exit code): answers every document until its input
/// ends.
pub fn serve() -> i32 {
    let mut from = BufReader::new(io::stdin().lock());
    let mut to = BufWriter::new(io::stdout().lock());
    let Ok(init) = read_json::<Init>(&mut from) else {
        return 2;
    };
    let engine = Engine::new(init.templates);
    let mut done = 0usize;
    loop {
        match answer(&engine, &mut from, &mut to) {
            Ok(true) => {}
            Ok(false) => return 0,
            Err(_) => return 2,
        }
        done += 1;
        if done.is_multiple_of(init.evict_every.max(1)) {
            typst::comemo::evict(0);
        }
        if done.is_multiple_of(COLLECT_EVERY) {
            super::compile::give_back_memory();
        }
    }
}

/// Reads one request and answers it; `false` when the input ended.
fn answer(engine: &Engine, from: &mut impl Read, to: &mut impl Write) -> io::Result<bool> {
    let request: Request = match read_json(from) {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(false),
        Err(e) => return Err(e),
    };
    let data = read_frame(from)?;
    let mut assets = Vec::with_capacity(request.assets.len());
    for path in request.assets {
        assets.push((path, read_frame(from)?));
    }
    let input = DocumentInput {
        template: request.template,
        data,
        assets,
    };
    let export = match &request.ident {
        Some(ident) => Export::Pdf {
            ident,
            thumbnail: request.thumbnail,
        },
        None => Export::LayoutOnly,
    };
    let (reply, pdf, png) = match compile_document(engine, &input, export, request.max_pages) {
        Ok(c) => (
            Reply {
                pages: c.pages,
                warnings: c.warnings,
                error: None,
            },
            c.pdf.unwrap_or_default(),
            c.thumbnail.unwrap_or_default(),
        ),
        Err(e) => {
            let too_long = matches!(e, CompileError::TooLong(_));
            let reply = Reply {
                pages: 0,
                warnings: Vec::new(),
                error: Some((too_long, e.to_string())),
            };
            (reply, Vec::new(), Vec::new())
        }
    };
    json_frame(to, &reply)?;
    write_frame(to, &pdf)?;
    write_frame(to, &png)?;
    to.flush()?;
    Ok(true)
}
