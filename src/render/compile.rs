//! Compiling one document to PDF bytes: layout, page-count rule, PDF/UA-1 + PDF/A-2a export.

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::Smart;
use typst_kit::diagnostics::{DiagnosticFormat, emit, termcolor};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use super::world::{DocWorld, DocumentInput, Engine, Run};

/// A compiled document.
pub struct Compiled {
    /// The PDF; `None` when only the layout was asked for ([`Export::LayoutOnly`]).
    pub pdf: Option<Vec<u8>>,
    /// A small PNG of the first page, when asked for (the overview page).
    pub thumbnail: Option<Vec<u8>>,
    pub pages: usize,
    /// Typst warnings, rendered as typst-cli shows them.
    pub warnings: Vec<String>,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// Template or PDF-standard errors, rendered with file:line:col and the source line.
    #[error("{0}")]
    Typst(String),
    /// The document has more pages than its kind allows.
    #[error("{0}")]
    TooLong(String),
}

/// Whether to export the laid-out document to PDF.
#[derive(Clone, Copy)]
pub enum Export<'a> {
    /// PDF/UA-1 + PDF/A-2a; the identifier makes the PDF's document ID unique and stable;
    /// `thumbnail`: a small PNG of the first page too.
    Pdf { ident: &'a str, thumbnail: bool },
    /// Layout and page count only (`wel check`). What could make the export of our templates
    /// fail depends on the data only through its characters and the length of texts that
    /// become PDF strings; `render::glyphs`, `Kind::Line` and `views::shared::alt_text` guard
    /// both before any document is compiled.
    LayoutOnly,
}

/// Compiles `input` with the shared engine; `max_pages` enforces e.g. the one-page rule of the
/// regional one-pager.
pub fn compile_document(
    engine: &Engine,
    input: &DocumentInput,
    export: Export<'_>,
    max_pages: Option<usize>,
) -> Result<Compiled, CompileError> {
    // A panic inside Typst (a custom template can reach one, such as spacing of infinite
    // height on a page of automatic height) fails this document only.
    crate::contain::without_panic(|| compile_unguarded(engine, input, export, max_pages))
        .unwrap_or_else(|| {
            Err(CompileError::Typst(
                "Typst liep vast bij het opmaken van dit document (een interne fout, meestal door \
                 een aangepast sjabloon); probeer het met de standaardsjablonen (zonder --templates)"
                    .into(),
            ))
        })
}

fn compile_unguarded(
    engine: &Engine,
    input: &DocumentInput,
    export: Export<'_>,
    max_pages: Option<usize>,
) -> Result<Compiled, CompileError> {
    let run = match export {
        Export::Pdf { .. } => Run::Search,
        Export::LayoutOnly => Run::Check,
    };
    let LaidOut {
        world,
        document,
        warnings,
        ..
    } = lay_out(engine.world(input, run))?;
    let pages = document.pages().len();
    if let Some(max) = max_pages
        && pages > max
    {
        return Err(CompileError::TooLong(format!(
            "het document telt {pages} pagina's, toegestaan is {max}"
        )));
    }
    // The memo cache of a long document's layout is not needed for its export: freeing it
    // first keeps the two from adding up (at 1,160 SWVs a report's peak went from 330 to
    // 273 MiB). Other documents being compiled at the same time only lose cached work.
    if pages > 1 && matches!(export, Export::Pdf { .. }) {
        typst::comemo::evict(0);
    }
    let pdf = match export {
        Export::Pdf { ident, .. } => Some(
            typst_pdf::pdf(&document, &pdf_options(ident))
                .map_err(|errors| CompileError::Typst(render_diagnostics(&world, &errors)))?,
        ),
        Export::LayoutOnly => None,
    };
    let thumbnail = match export {
        Export::Pdf {
            thumbnail: true, ..
        } => Some(thumbnail(&document).unwrap_or_default()),
        _ => None,
    };
    if pages > 1 {
        drop(document);
        give_back_memory();
    }
    Ok(Compiled {
        pdf,
        thumbnail,
        pages,
        warnings,
    })
}

/// Gives what a long document's layout (and export) freed back to the system: Typst's memo
/// cache, and the pages mimalloc keeps for this thread, where the document was laid out. The
/// next report's working set otherwise came on top of them: at 1,160 SWVs the process grew by
/// about 25 MiB with each report; with the largest report first (`pipeline::compile`), the
/// build's peak went from 305 to 293 MiB. `wel check` does it too (its peak at 1,160 SWVs
/// went from 335 to 285 MiB). A layout helper does it every few documents (`worker`).
pub(crate) fn give_back_memory() {
    typst::comemo::evict(0);
    // SAFETY: `mi_collect` frees only memory no allocation uses; it may be called at any time
    // from any thread (and does nothing harmful where mimalloc is not the allocator).
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// A laid-out document with the world of its last run.
struct LaidOut<'a> {
    world: DocWorld<'a>,
    document: PagedDocument,
    warnings: Vec<String>,
    /// How many runs it took: 2 when its template searched for its layout in a run of its own.
    runs: usize,
}

/// Lays out the document of `world`; when its template searched for its layout in this run
/// (see [`Run`]), lays the page out again from the outcome. Warnings of both runs are kept
/// (once each): what only the search laid out, such as a part tried and not chosen, warns too.
fn lay_out(world: DocWorld<'_>) -> Result<LaidOut<'_>, CompileError> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let warnings: Vec<String> = warnings
        .iter()
        .map(|w| render_diagnostics(&world, std::slice::from_ref(w)))
        .collect();
    let document =
        output.map_err(|errors| CompileError::Typst(render_diagnostics(&world, &errors)))?;
    if world.run() == Run::Search
        && let Some(outcome) = outcome(&document)?
    {
        let mut placed = lay_out(world.place(outcome))?;
        for warning in warnings {
            if !placed.warnings.contains(&warning) {
                placed.warnings.push(warning);
            }
        }
        return Ok(LaidOut { runs: 2, ..placed });
    }
    Ok(LaidOut {
        world,
        document,
        warnings,
        runs: 1,
    })
}

/// `input` laid out in `run` (after a search, from its outcome): the document and how many
/// runs it took. What a build does before its export; tests compare the runs with this.
pub fn layout(
    engine: &Engine,
    input: &DocumentInput,
    run: Run,
) -> Result<(PagedDocument, usize), CompileError> {
    let laid = lay_out(engine.world(input, run))?;
    Ok((laid.document, laid.runs))
}

/// The outcome of a template's search: the value of its `metadata` labelled `<besluit>`, as
/// CBOR (numbers read back exactly, where JSON's are parsed to the nearest few bits); none
/// when the template has no search of its own.
fn outcome(document: &PagedDocument) -> Result<Option<Vec<u8>>, CompileError> {
    use typst::foundations::{Label, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let label = Label::new(typst::utils::PicoStr::intern("besluit")).expect("a valid label");
    let bad = |why: &str| {
        CompileError::Typst(format!(
            "het sjabloon zet zijn opmaakkeuze (<besluit>) {why}; het mag er één `metadata` met \
             dat label neerzetten, met alleen getallen, teksten, ja/nee, none, lijsten en \
             woordenboeken (lengtes als getal in punten)"
        ))
    };
    let value = match document.introspector().label_count(label) {
        0 => return Ok(None),
        1 => document.introspector().query_label(label).ok(),
        _ => return Err(bad("meer dan eens neer")),
    };
    let Some(value) = value.and_then(|found| found.to_packed::<MetadataElem>()) else {
        return Err(bad("niet als `metadata` neer"));
    };
    fn plain(value: &Value) -> bool {
        match value {
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) => true,
            Value::Array(items) => items.iter().all(plain),
            Value::Dict(dict) => dict.iter().all(|(_, v)| plain(v)),
            _ => false,
        }
    }
    if !plain(&value.value) {
        return Err(bad(
            "neer met een waarde die geen getal, tekst, lijst of woordenboek is",
        ));
    }
    let mut bytes = Vec::new();
    ciborium::into_writer(&value.value, &mut bytes)
        .map_err(|e| CompileError::Typst(format!("opmaakkeuze niet vast te leggen: {e}")))?;
    Ok(Some(bytes))
}

/// A small PNG of the first page (for the overview page).
fn thumbnail(document: &PagedDocument) -> Option<Vec<u8>> {
    let page = document.pages().first()?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(0.32),
        render_bleed: false,
    };
    typst_render::render(page, &options).encode_png().ok()
}

/// PDF/UA-1 and PDF/A-2a together, a stable document ID, no timestamp from the clock.
pub fn pdf_options(ident: &str) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("wel {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        page_ranges: None,
        standards: PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a])
            .expect("PDF/UA-1 and PDF/A-2a are compatible"),
        tagged: true,
        pretty: false,
    }
}

/// Renders diagnostics as typst-cli does: `file:line:col`, the source line, hints.
pub fn render_diagnostics(world: &DocWorld<'_>, diagnostics: &[SourceDiagnostic]) -> String {
    let mut buffer = termcolor::NoColor::new(Vec::new());
    if emit(&mut buffer, world, diagnostics, DiagnosticFormat::Human).is_err() {
        return diagnostics
            .iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
            .join("\n");
    }
    String::from_utf8_lossy(&buffer.into_inner())
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(template: &str) -> Engine {
        Engine::new(vec![("t.typ".to_string(), template.to_string())])
    }

    fn input() -> DocumentInput {
        DocumentInput {
            template: "t.typ".into(),
            data: b"{}".to_vec(),
            assets: Vec::new(),
        }
    }

    /// The search's outcome reaches the second run exactly (0.1 + 0.2 is not 0.3 in binary,
    /// and JSON would round it), with none, text and nested values intact.
    #[test]
    fn the_place_run_reads_the_search_outcome_exactly() {
        let template = r#"
#let stap = sys.inputs.at("stap", default: none)
#let keuze = (x: 0.1 + 0.2, niets: none, tekst: "à", lijst: (1, (a: true)))
#if stap == "zet" {
  assert(cbor("/besluit.cbor") == keuze)
  [geplaatst]
} else [#metadata(keuze) <besluit>]
"#;
        let (document, runs) = layout(&engine(template), &input(), Run::Search).unwrap();
        assert_eq!(runs, 2);
        assert_eq!(document.pages().len(), 1);
    }

    /// A template whose outcome cannot be read back fails with a message, never with the
    /// search's (blank) page as its document.
    #[test]
    fn an_outcome_placed_twice_or_with_a_length_is_refused() {
        for (template, why) in [
            (
                "#metadata(1) <besluit>\n#metadata(2) <besluit>",
                "meer dan eens",
            ),
            ("#metadata((hoogte: 2cm)) <besluit>", "geen getal"),
            ("#[x] <besluit>", "niet als `metadata`"),
        ] {
            match layout(&engine(template), &input(), Run::Search) {
                Err(CompileError::Typst(message)) => assert!(message.contains(why), "{message}"),
                Err(e) => panic!("{template}: {e}"),
                Ok(_) => panic!("{template}: accepted"),
            }
        }
    }

    /// Without `<besluit>` a document takes one run, in a build as in a check.
    #[test]
    fn a_template_without_a_search_takes_one_run() {
        for run in [Run::Search, Run::Check, Run::Whole] {
            let (_, runs) = layout(&engine("Tekst."), &input(), run).unwrap();
            assert_eq!(runs, 1);
        }
    }
}
