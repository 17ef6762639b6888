//! The web edition's index: every document with a page, the SWVs by province.

use maud::{DOCTYPE, html};

use super::html::STYLE;
use super::national::slug;
use crate::model::{Programme, Province};
use crate::outputs::DocumentId;

/// The index page of the web edition, linking every page in `pages` (with its title) and its
/// PDF.
pub fn index(
    programme: &Programme,
    pages: &[(DocumentId, String)],
    edition: Option<&str>,
) -> String {
    let project = &programme.project;
    let national: Vec<_> = pages
        .iter()
        .filter(|(id, _)| !matches!(id, DocumentId::Regio(_)))
        .collect();
    let by_province = by_province(programme, pages);
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (project.naam) " – webeditie" }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                a.overslaan href="#inhoud" { "Naar de inhoud" }
                header.kop {
                    p.programma { (project.naam) }
                    nav aria-label="Webeditie" {
                        ul {
                            li { a href="#landelijk" { "Rapportages en brochure" } }
                            li { a href="#regios" { "Regio-overzichten" } }
                        }
                    }
                }
                main id="inhoud" {
                    h1 { (project.naam) }
                    @if project.voorbeeldgegevens {
                        p.voorbeeld role="note" { strong { "Voorbeeldgegevens." } " De cijfers en teksten in deze documenten zijn verzonnen om het programma te laten zien." }
                    }
                    p {
                        "De documenten van " (project.naam) " als webpagina"
                        @if let Some(e) = edition { " (" (e) ")" }
                        ". Elke pagina heeft dezelfde cijfers als de PDF ernaast; bij elke grafiek staan een tabel met de cijfers en een CSV-bestand."
                    }
                    section aria-labelledby="landelijk" {
                        h2 id="landelijk" { "Rapportages en brochure" }
                        ul {
                            @for (id, title) in &national {
                                li { a href=(id.web_key()) { (title) } " (" a href=(id.key()) { "PDF" } ")" }
                            }
                        }
                    }
                    section aria-labelledby="regios" {
                        h2 id="regios" { "Regio-overzichten per samenwerkingsverband" }
                        @for (province, swvs) in &by_province {
                            h3 id=(format!("provincie-{}", slug(province.name()))) { (province.name()) }
                            ul.regios {
                                @for (id, name) in swvs {
                                    li { a href=(id.web_key()) { (name) } " (" a href=(id.key()) { "PDF" } ")" }
                                }
                            }
                        }
                    }
                }
                footer.voet { p { (project.uitvoerder) } }
            }
        }
    }
    .into_string()
}

/// The SWVs with a page, by province (in the one order), each with its name.
fn by_province<'a>(
    programme: &Programme,
    pages: &'a [(DocumentId, String)],
) -> Vec<(Province, Vec<(&'a DocumentId, String)>)> {
    Province::ALL
        .iter()
        .map(|p| {
            let swvs = pages
                .iter()
                .filter_map(|(id, _)| match id {
                    DocumentId::Regio(code) => {
                        let swv = programme.swv(code)?;
                        (swv.provincie == *p).then(|| (id, swv.naam.clone()))
                    }
                    _ => None,
                })
                .collect();
            (*p, swvs)
        })
        .filter(|(_, s): &(Province, Vec<_>)| !s.is_empty())
        .collect()
}
