//! The Typst world: a sandbox serving only our templates, fonts and one document's data.

use std::collections::HashMap;
use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::fonts::FontStore;

use super::templates::TemplateFiles;

/// What is shared by every document of a run: libraries, fonts and parsed templates. They
/// are made on first use, so a build with nothing to compile never pays for them.
pub struct Engine {
    heavy: std::sync::OnceLock<Heavy>,
    /// One library per [`Run`], each with its `sys.inputs`; made when the first document of
    /// that run is (a build never makes the one of `wel check`, and the other way round).
    libraries: [std::sync::OnceLock<LazyHash<Library>>; 4],
    /// Template texts; parsed into sources on first use (a build with nothing to compile
    /// never parses them).
    texts: HashMap<FileId, String>,
    sources: std::sync::OnceLock<HashMap<FileId, Source>>,
    /// Hash of each template file's text, by path (`regio.typ`, `lib/huisstijl.typ`).
    template_hashes: Vec<(String, [u8; 32])>,
}

/// The parts of the engine that take milliseconds to make.
struct Heavy {
    fonts: FontStore,
    /// Whether some font has each character below [`LATIN_END`] (looked up once: most texts
    /// are all Latin).
    latin: Vec<bool>,
}

/// End of the Latin blocks (Basic Latin up to and including Latin Extended-B).
const LATIN_END: u32 = 0x250;

/// Per-document input: the template to run and the files only this document sees.
pub struct DocumentInput {
    /// Template file, e.g. `regio.typ`.
    pub template: String,
    /// The document's data as JSON, served at `/data.json`.
    pub data: Vec<u8>,
    /// Extra files (photos), by virtual path such as `/foto/PO2801.jpg`.
    pub assets: Vec<(String, Vec<u8>)>,
}

pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template paths are valid virtual paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl Engine {
    pub fn new(templates: TemplateFiles) -> Self {
        use sha2::Digest;
        let mut texts = HashMap::new();
        let mut template_hashes = Vec::new();
        for (path, text) in templates {
            template_hashes.push((path.clone(), sha2::Sha256::digest(text.as_bytes()).into()));
            let id = file_id(&format!("/{path}"));
            texts.insert(id, text);
        }
        template_hashes.sort();
        Self {
            heavy: std::sync::OnceLock::new(),
            libraries: Default::default(),
            texts,
            sources: std::sync::OnceLock::new(),
            template_hashes,
        }
    }

    /// The template files this engine was made with (for a layout helper, `render::worker`).
    pub fn template_files(&self) -> TemplateFiles {
        let mut files: TemplateFiles = self
            .texts
            .iter()
            .map(|(id, text)| (id.vpath().get_without_slash().to_string(), text.clone()))
            .collect();
        files.sort();
        files
    }

    /// Makes the libraries of a build's two runs and loads the fonts now (e.g. while inputs are
    /// being read).
    pub fn warm(&self) {
        self.heavy();
        self.library(Run::Search);
        self.library(Run::Place);
        self.sources();
    }

    /// Parses the templates now (e.g. on one core while another loads the fonts).
    pub fn parse_templates(&self) {
        self.sources();
    }

    fn heavy(&self) -> &Heavy {
        self.heavy.get_or_init(|| {
            let fonts = super::fonts::font_store();
            let latin = (0..LATIN_END)
                .map(|c| char::from_u32(c).is_some_and(|c| book_has(fonts.book(), c)))
                .collect();
            Heavy { fonts, latin }
        })
    }

    fn sources(&self) -> &HashMap<FileId, Source> {
        self.sources.get_or_init(|| {
            self.texts
                .iter()
                .map(|(id, text)| (*id, Source::new(*id, text.clone())))
                .collect()
        })
    }

    fn fonts(&self) -> &FontStore {
        &self.heavy().fonts
    }

    /// Characters of `text` that no font can show (they would print as empty boxes).
    pub fn missing_glyphs(&self, text: &str) -> Vec<char> {
        let heavy = self.heavy();
        // Latin is looked up in a table; other characters (dashes, quotes, other scripts)
        // once each, however often they occur.
        let others: std::collections::BTreeSet<char> = text
            .chars()
            .filter(|&c| heavy.latin.get(c as usize) != Some(&true))
            .filter(|&c| !c.is_whitespace() && !c.is_control() && !is_format_char(c))
            .collect();
        others
            .into_iter()
            .filter(|&c| !book_has(heavy.fonts.book(), c))
            .collect()
    }

    /// Feeds the hashes of the templates a document uses (its main template and the shared
    /// house style under `lib/`) into `hasher`: editing one template rebuilds only its kind.
    pub fn hash_templates_of(&self, main: &str, hasher: &mut impl sha2::Digest) {
        for (path, hash) in &self.template_hashes {
            if path == main || path.starts_with("lib/") {
                hasher.update(path.as_bytes());
                hasher.update(hash);
            }
        }
    }

    /// The world of one document, laid out in `run`.
    pub fn world(&self, input: &DocumentInput, run: Run) -> DocWorld<'_> {
        let mut files = HashMap::new();
        files.insert(file_id("/data.json"), Bytes::new(input.data.clone()));
        for (path, bytes) in &input.assets {
            files.insert(file_id(path), Bytes::new(bytes.clone()));
        }
        DocWorld {
            engine: self,
            run,
            main: file_id(&format!("/{}", input.template)),
            files: Arc::new(files),
            outcome: None,
        }
    }

    fn library(&self, run: Run) -> &LazyHash<Library> {
        let (i, inputs): (usize, &[(&str, &str)]) = match run {
            Run::Whole => (0, &[]),
            Run::Check => (1, &[("controle", "ja")]),
            Run::Search => (2, &[("stap", "zoek")]),
            Run::Place => (3, &[("stap", "zet")]),
        };
        self.libraries[i].get_or_init(|| {
            let inputs = inputs
                .iter()
                .map(|(k, v)| ((*k).into(), typst::foundations::Value::Str((*v).into())))
                .collect();
            LazyHash::new(Library::builder().with_inputs(inputs).build())
        })
    }
}

/// How a document is laid out. A template may find its layout in a run of its own and leave
/// the outcome in the document as `metadata` labelled `<besluit>` (the one-pager: which type
/// size, which parts in which column); the page is then laid out from that outcome in a
/// second run. Only the search measures, and what it measures is never placed, so neither
/// run needs Typst's second pass to match measured parts with their placed copies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Run {
    /// Search and layout in one run (`sys.inputs` empty, as `typst compile` runs a template).
    Whole,
    /// Laid out for its verdict only (`sys.inputs.controle = "ja"`, `wel check`).
    Check,
    /// The search (`sys.inputs.stap = "zoek"`); a template without one lays out as usual.
    Search,
    /// The page from the search's outcome (`sys.inputs.stap = "zet"`, at `/besluit.cbor`).
    Place,
}

impl<'a> DocWorld<'a> {
    pub fn run(&self) -> Run {
        self.run
    }

    /// The same document laid out from the search's `outcome` (CBOR), in [`Run::Place`].
    pub fn place(&self, outcome: Vec<u8>) -> DocWorld<'a> {
        DocWorld {
            engine: self.engine,
            run: Run::Place,
            main: self.main,
            files: Arc::clone(&self.files),
            outcome: Some(Bytes::new(outcome)),
        }
    }
}

/// The world of one document.
pub struct DocWorld<'a> {
    engine: &'a Engine,
    run: Run,
    main: FileId,
    files: Arc<HashMap<FileId, Bytes>>,
    /// The search's outcome, served at `/besluit.cbor` ([`Run::Place`]).
    outcome: Option<Bytes>,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.engine.library(self.run)
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts().book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.engine
            .sources()
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(outcome) = &self.outcome
            && id == file_id("/besluit.cbor")
        {
            return Ok(outcome.clone());
        }
        if let Some(b) = self.files.get(&id) {
            return Ok(b.clone());
        }
        if let Some(s) = self.engine.sources().get(&id) {
            return Ok(Bytes::from_string(s.text().to_string()));
        }
        Err(FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts().font(index)
    }

    /// A fixed date: documents take their date from the inputs, never from the clock.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

impl DiagnosticWorld for DocWorld<'_> {
    fn name(&self, id: FileId) -> String {
        let path = id.vpath().get_without_slash();
        if self.engine.texts.contains_key(&id) {
            format!("templates/{path}")
        } else {
            path.to_string()
        }
    }
}

fn book_has(book: &FontBook, c: char) -> bool {
    (0..)
        .map_while(|i| book.info(i))
        .any(|info| info.coverage.contains(c as u32))
}

/// Invisible formatting characters (joiners, direction marks, soft hyphen) need no glyph.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}
