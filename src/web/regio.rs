//! An SWV's web page: what its one-pager shows, in reading order, with its PDF and its CSV a
//! link away.

use base64::Engine as _;
use maud::{Markup, html};

use super::Error;
use super::chart::Chart;
use super::html::{
    Doc, bullets, figure, figure_rows, noun, paragraphs, phrase, plain, quote, table,
};
use super::national::{growth, works_chart};
use crate::privacy::Count;
use crate::views::RegioView;

/// The page of one SWV. `photo`: the photo's bytes, shown inline.
pub fn page(doc: &mut Doc<'_>, v: &RegioView, photo: Option<&[u8]>) -> Result<Markup, Error> {
    let s = &v.swv;
    doc.title = format!("{} ({}) – {}", s.naam, s.code_weergave, doc.meta.programma);
    let gemeenten = noun(&s.gemeenten, "gemeente", "gemeenten");
    let aantal_gemeenten = figure(&s.gemeenten)?;
    let key = key_figures(v)?;
    let chart = if v.heeft_jeugdcijfers && v.reeks.len() > 1 {
        Chart {
            title: format!(
                "Jeugdigen en ouders benaderd en jeugdigen weer in ontwikkeling, {}",
                s.naam
            ),
            description: plain(&v.grafiek_alt)?,
            category: "Schooljaar",
            series: vec!["Benaderd", "Weer in ontwikkeling"],
            rows: v
                .reeks
                .iter()
                .map(|r| (r.schooljaar.clone(), vec![&r.benaderd, &r.in_ontwikkeling]))
                .collect(),
            horizontal: false,
            source: None,
        }
        .render(doc)?
    } else {
        html! {}
    };
    let activities = activities(v)?;
    let own = own_texts(doc, v, photo)?;
    let earlier = earlier(doc, v)?;
    let national = national(doc, v)?;
    let links = &doc.links;
    Ok(html! {
        h1 { (s.naam) }
        p.stand {
            (s.code_weergave) " · provincie " (s.provincie.name()) " · " (s.sector) " · "
            (aantal_gemeenten) " " (gemeenten) " · doet mee sinds " (s.deelname_sinds)
        }
        ul {
            li { a href=(links.pdf) { "Het regio-overzicht als PDF (één pagina)" } }
            @if let Some(csv) = &links.csv { li { a href=(csv) { "Alle cijfers van " (s.naam) " als CSV-bestand" } } }
        }
        (key)
        (chart)
        (activities)
        (own)
        (earlier)
        (national)
    })
}

/// What the SWV wrote about its earlier school years, newest first: the page has room for all
/// of it (the PDF takes what fits).
fn earlier(doc: &mut Doc<'_>, v: &RegioView) -> Result<Markup, Error> {
    let mut years = Vec::new();
    for e in &v.eerder {
        if e.samenvatting.is_empty() && e.citaten.is_empty() && e.voorbeelden.is_empty() {
            continue;
        }
        let summary = paragraphs(doc, &e.samenvatting)?;
        let mut parts = Vec::new();
        for q in &e.citaten {
            parts.push(quote(&q.tekst, html! { (q.rol) })?);
        }
        for x in &e.voorbeelden {
            parts.push(html! { article { h3 { (phrase(&x.titel)?) } p { (phrase(&x.tekst)?) } } });
        }
        let id = format!("terugblik-{}", e.schooljaar);
        years.push(html! {
            section aria-labelledby=(id) {
                h2 id=(id) { "Terugblik op " (e.schooljaar) }
                (summary)
                @for p in &parts { (p) }
            }
        });
    }
    Ok(html! { @for y in &years { (y) } })
}

/// What the SWV wrote itself: its summary, what works, examples, quotes and photo.
fn own_texts(doc: &mut Doc<'_>, v: &RegioView, photo: Option<&[u8]>) -> Result<Markup, Error> {
    let e = &v.eigen;
    let summary = paragraphs(doc, &e.samenvatting)?;
    let mut examples = Vec::new();
    for x in &e.voorbeelden {
        examples.push(html! { article { h3 { (phrase(&x.titel)?) } p { (phrase(&x.tekst)?) } } });
    }
    let mut quotes = Vec::new();
    for q in &e.citaten {
        quotes.push(quote(&q.tekst, html! { (q.rol) })?);
    }
    Ok(html! {
        @if !e.samenvatting.is_empty() {
            section aria-labelledby="samenvatting" {
                h2 id="samenvatting" { "Samenvatting (" (e.samenvatting_jaar) ")" }
                (summary)
            }
        }
        @if !e.wat_werkt.is_empty() {
            section aria-labelledby="wat-werkt" {
                h2 id="wat-werkt" { "Wat werkt" }
                (bullets(&e.wat_werkt)?)
            }
        }
        @if !examples.is_empty() {
            section.voorbeelden aria-labelledby="voorbeelden" {
                h2 id="voorbeelden" { "Voorbeelden uit de praktijk" }
                @for x in &examples { (x) }
            }
        }
        @if !quotes.is_empty() || e.foto.is_some() {
            section aria-labelledby="zeggen" {
                h2 id="zeggen" { "Wat mensen zeggen" }
                @if let (Some(f), Some(bytes)) = (&e.foto, photo) {
                    p.foto { img src=(data_uri(&f.pad, bytes)) alt=(f.alt); }
                }
                @for q in &quotes { (q) }
            }
        }
    })
}

fn key_figures(v: &RegioView) -> Result<Markup, Error> {
    let Some(l) = &v.laatste else {
        return Ok(html! {});
    };
    let all: [(&Count, &str); 6] = [
        (&l.benaderd, "jeugdigen en ouders benaderd"),
        (&l.in_ontwikkeling, "weer in ontwikkeling"),
        (&l.vrijstelling_5a, "met vrijstelling 5 onder a"),
        (&l.absoluut_verzuim, "absoluut verzuim"),
        (
            &l.werkateliers,
            noun(&l.werkateliers, "werkatelier", "werkateliers"),
        ),
        (
            &l.deelnemers,
            noun(
                &l.deelnemers,
                "deelnemer aan werkateliers",
                "deelnemers aan werkateliers",
            ),
        ),
    ];
    let mut shown = Vec::new();
    for (c, label) in all {
        if c.resolved()
            .is_some_and(|s| !matches!(s, crate::privacy::Shown::NotReported))
        {
            shown.push((figure(c)?, label));
        }
    }
    // As the PDF: a difference only when it is printed exactly.
    let difference = match &v.verschil_in_ontwikkeling {
        Some(c)
            if c.resolved()
                .is_some_and(|s| matches!(s, crate::privacy::Shown::Exact { .. })) =>
        {
            Some(figure(c)?)
        }
        _ => None,
    };
    Ok(html! {
        section aria-labelledby="kerncijfers" {
            h2 id="kerncijfers" { "Kerncijfers " (l.schooljaar) }
            @if !shown.is_empty() {
                dl.kengetallen { @for (f, label) in &shown { div { dt { (label) } dd { (f) } } } }
            }
            @if !v.heeft_jeugdcijfers {
                p { "Nog geen cijfers over jeugdigen: " (v.swv.naam) " doet mee sinds " (v.swv.deelname_sinds) " en heeft nog geen aantallen jeugdigen en ouders opgegeven." }
            }
            @if let Some(d) = difference {
                p { "Weer in ontwikkeling ten opzichte van het schooljaar ervoor: " (d) "." }
            }
        }
    })
}

fn activities(v: &RegioView) -> Result<Markup, Error> {
    if v.reeks.is_empty() {
        return Ok(html! {});
    }
    let missing = v.reeks.iter().any(|r| {
        [&r.werkateliers, &r.deelnemers, &r.interviews, &r.casussen]
            .iter()
            .any(|c| matches!(c.resolved(), Some(crate::privacy::Shown::NotReported)))
    });
    let rows = figure_rows(v.reeks.iter().map(|r| {
        (
            r.schooljaar.clone(),
            vec![&r.werkateliers, &r.deelnemers, &r.interviews, &r.casussen],
        )
    }))?;
    Ok(html! {
        section aria-labelledby="activiteiten" {
            h2 id="activiteiten" { "Activiteiten" }
            (table("activiteiten-tabel", "Activiteiten per schooljaar", &["Schooljaar", "Werkateliers", "Deelnemers", "Interviews", "Casussen"], &rows))
            p.uitleg {
                "Casussen: besproken situaties van kinderen."
                @if missing { " –: niet opgegeven; 0 is opgegeven als nul." }
            }
        }
    })
}

/// The programme as a whole, for a page with little of its own.
fn national(doc: &mut Doc<'_>, v: &RegioView) -> Result<Markup, Error> {
    let picture = match &v.landelijk {
        Some(n) => html! {
            h3 { "Het landelijke beeld in " (n.schooljaar) }
            dl.kengetallen {
                div { dt { "samenwerkingsverbanden" } dd { (figure(&n.swvs)?) } }
                div { dt { "jeugdigen en ouders benaderd" } dd { (figure(&n.benaderd)?) } }
                div { dt { "jeugdigen weer in ontwikkeling" } dd { (figure(&n.in_ontwikkeling)?) } }
            }
        },
        None => html! {},
    };
    let growth = if v.groei.len() > 1 {
        growth(doc, &v.groei, &plain(&v.groei_alt)?)?
    } else {
        html! {}
    };
    let works = match &v.werkt_landelijk {
        Some(w) => works_chart(doc, &w.items, &w.swvs, &w.alt)?,
        None => html! {},
    };
    if v.landelijk.is_none() && v.groei.len() < 2 && v.werkt_landelijk.is_none() {
        return Ok(html! {});
    }
    Ok(html! {
        section aria-labelledby="landelijk" {
            h2 id="landelijk" { (doc.meta.programma) " als geheel" }
            (picture)
            (growth)
            (works)
        }
    })
}

fn data_uri(path: &str, bytes: &[u8]) -> String {
    let mime = if path.to_ascii_lowercase().ends_with(".png") {
        "image/png"
    } else {
        "image/jpeg"
    };
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}
