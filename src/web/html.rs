//! What every page shares: the page around the content, the house style, and how a figure, a
//! phrase and a paragraph with footnotes are written.

use std::collections::BTreeMap;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Error, Links, Page, PageOf};
use crate::privacy::rule::{NOT_REPORTED_LABEL, WITHHELD_LABEL};
use crate::privacy::{Count, Part, Phrase, Shown};
use crate::views::shared::{AboutFigures, Meta, Paragraphs, Run};

/// The house style (the PDFs' colours), for screens and for print. Text colours have a
/// contrast of at least 4.5:1 on their background; the layout reflows to one column at any
/// zoom; keyboard focus is always visible.
pub const STYLE: &str = include_str!("stijl.css");

/// A page being written: its links, its footnotes and its charts' CSV files.
pub struct Doc<'a> {
    pub links: Links,
    pub meta: &'a Meta,
    pub about: &'a AboutFigures,
    pub sample: bool,
    /// What the page's CSV files are called: `rapportage-fase-1` -> `rapportage-fase-1-figuur-2.csv`.
    pub stem: String,
    pub title: String,
    notes: Vec<Markup>,
    /// The chapter being written (a report numbers its figures per chapter, as its PDF).
    pub chapter: Option<usize>,
    figures: usize,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl<'a> Doc<'a> {
    pub fn new(of: &'a PageOf<'a>) -> Self {
        let meta = match of.view {
            crate::views::View::Rapportage(v) => &v.meta,
            crate::views::View::Brochure(v) => &v.meta,
            crate::views::View::Regio(v) => &v.meta,
        };
        let key = of.id.key();
        let stem = super::file_name(key.strip_suffix(".pdf").unwrap_or(&key));
        Self {
            links: of.links.clone(),
            meta,
            about: of.about,
            sample: of.programme.project.voorbeeldgegevens,
            stem,
            title: meta.titel.clone(),
            notes: Vec::new(),
            chapter: None,
            figures: 0,
            files: BTreeMap::new(),
        }
    }

    /// The number of the next figure: `5.1` in chapter 5 of a report, else `1`, `2`, ...
    pub fn next_figure(&mut self) -> String {
        self.figures += 1;
        match self.chapter {
            Some(c) => format!("{c}.{}", self.figures),
            None => self.figures.to_string(),
        }
    }

    /// Starts chapter `n`: its figures are numbered from `n.1`.
    pub fn start_chapter(&mut self, n: usize) {
        self.chapter = Some(n);
        self.figures = 0;
    }

    /// A footnote: its number in the text, the note kept for the foot of the page.
    pub fn note(&mut self, note: &Phrase) -> Result<Markup, Error> {
        let n = self.notes.len() + 1;
        let text = phrase(note)?;
        self.notes.push(html! {
            li id=(format!("noot-{n}")) {
                (text) " "
                a href=(format!("#verwijzing-{n}")) aria-label=(format!("Terug naar de tekst bij voetnoot {n}")) { "↩" }
            }
        });
        Ok(html! {
            sup { a id=(format!("verwijzing-{n}")) href=(format!("#noot-{n}")) aria-label=(format!("voetnoot {n}")) { (n) } }
        })
    }

    /// The whole page around `body`.
    pub fn finish(self, body: Markup) -> Page {
        let meta = self.meta;
        let page = html! {
            (DOCTYPE)
            html lang="nl" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (self.title) }
                    meta name="description" content=(meta.onderwerp);
                    meta name="generator" content=(format!("wel {}", env!("CARGO_PKG_VERSION")));
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    a.overslaan href="#inhoud" { "Naar de inhoud" }
                    header.kop {
                        p.programma { (meta.programma) }
                        nav aria-label="Webeditie" {
                            ul {
                                @if let Some(home) = &self.links.home {
                                    li { a href=(home) { "Alle documenten" } }
                                }
                                li { a href=(self.links.pdf) { "Dit document als PDF" } }
                            }
                        }
                    }
                    main id="inhoud" {
                        @if self.sample {
                            p.voorbeeld role="note" { strong { "Voorbeeldgegevens." } " De cijfers en teksten op deze pagina zijn verzonnen om het programma te laten zien." }
                        }
                        @if let Some(c) = &meta.concept {
                            p.concept role="note" { strong { "Concept." } " " (c) }
                        }
                        (body)
                        @if !self.notes.is_empty() {
                            section.voetnoten aria-labelledby="voetnoten" {
                                h2 id="voetnoten" { "Voetnoten" }
                                ol { @for n in &self.notes { (n) } }
                            }
                        }
                    }
                    footer.voet {
                        p { (self.about.regel) @if self.about.afgeschermd { " " (self.about.afgeschermd_uitleg) } }
                        @if let Some(c) = &self.about.colofon { p { (c) } }
                        p { (meta.uitvoerder) " · stand " (meta.datum.tekst) " · " (meta.kenmerk) }
                    }
                }
            }
        };
        Page {
            html: page.into_string(),
            files: self.files,
        }
    }
}

/// A figure as tables print it, marked with its place in the ledger: `<5`, `×` and `–` are
/// shown as such and read as "minder dan 5", "niet getoond" and "niet opgegeven".
pub fn figure(c: &Count) -> Result<Markup, Error> {
    let shown = c.printed::<Error>()?;
    Ok(labelled(c, shown))
}

fn labelled(c: &Count, shown: &Shown) -> Markup {
    let (seen, read) = match shown {
        Shown::Exact { label, .. } => {
            return html! { span.cijfer data-cijfer=(c.place()) { (label) } };
        }
        Shown::Small { threshold } => (format!("<{threshold}"), shown.in_text()),
        Shown::Withheld => (WITHHELD_LABEL.to_string(), "niet getoond".to_string()),
        Shown::NotReported => (NOT_REPORTED_LABEL.to_string(), "niet opgegeven".to_string()),
    };
    html! {
        span.cijfer data-cijfer=(c.place()) {
            span aria-hidden="true" { (seen) }
            span.verborgen { (read) }
        }
    }
}

/// The noun that agrees with a figure: `one` for exactly 1, else `many`.
pub fn noun<'s>(c: &Count, one: &'s str, many: &'s str) -> &'s str {
    if c.resolved().and_then(Shown::exact) == Some(1) {
        one
    } else {
        many
    }
}

/// A phrase: its text escaped, each figure marked.
pub fn phrase(p: &Phrase) -> Result<Markup, Error> {
    let parts = p.parts::<Error>()?;
    Ok(html! {
        @for part in &parts {
            @match part {
                Part::Text(t) => (t),
                Part::Figure { count, text } => {
                    @let shown = count.printed::<Error>()?;
                    @if *text == shown.label() && shown.exact().is_none() {
                        (labelled(count, shown))
                    } @else {
                        span.cijfer data-cijfer=(count.place()) { (text) }
                    }
                }
            }
        }
    })
}

/// The phrase as plain text (an accessible name or description).
pub fn plain(p: &Phrase) -> Result<String, Error> {
    p.write::<Error>()
}

/// Paragraphs with their footnotes.
pub fn paragraphs(doc: &mut Doc<'_>, paras: &Paragraphs) -> Result<Markup, Error> {
    let mut out = Vec::new();
    for runs in paras {
        let mut inner = Vec::new();
        for run in runs {
            inner.push(match run {
                Run::Text { t } => phrase(t)?,
                Run::Note { note } => doc.note(note)?,
            });
        }
        out.push(html! { p { @for m in &inner { (m) } } });
    }
    Ok(html! { @for p in &out { (p) } })
}

/// Bullets.
pub fn bullets(items: &[Phrase]) -> Result<Markup, Error> {
    if items.is_empty() {
        return Ok(html! {});
    }
    let items = items.iter().map(phrase).collect::<Result<Vec<_>, _>>()?;
    Ok(html! { ul { @for i in &items { li { (i) } } } })
}

/// The rows of a table of figures: each its heading (a category) and its figures, marked.
pub fn figure_rows<'c>(
    rows: impl IntoIterator<Item = (String, Vec<&'c Count>)>,
) -> Result<Vec<(Markup, Vec<Markup>)>, Error> {
    rows.into_iter()
        .map(|(head, counts)| {
            let cells = counts.into_iter().map(figure).collect::<Result<_, _>>()?;
            Ok((html! { (head) }, cells))
        })
        .collect()
}

/// A quote with its source.
pub fn quote(text: &Phrase, source: Markup) -> Result<Markup, Error> {
    Ok(html! { blockquote { p { (phrase(text)?) } footer { "— " (source) } } })
}

/// A table wrapped so that it scrolls on its own on a narrow screen (and can be reached with
/// the keyboard to do so).
pub fn table(id: &str, caption: &str, head: &[&str], rows: &[(Markup, Vec<Markup>)]) -> Markup {
    html! {
        div.tabel role="region" aria-labelledby=(id) tabindex="0" {
            table {
                caption id=(id) { (caption) }
                thead { tr { @for h in head { th scope="col" { (h) } } } }
                tbody {
                    @for (first, cells) in rows {
                        tr {
                            th scope="row" { (first) }
                            @for c in cells { td { (c) } }
                        }
                    }
                }
            }
        }
    }
}
