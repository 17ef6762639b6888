//! The web pages of the national documents: a phase report and the brochure, in the order of
//! their PDFs (chapters, blocks from the data, annex, Verantwoording).

use maud::{Markup, html};

use super::Error;
use super::chart::Chart;
use super::html::{
    Doc, bullets, figure, figure_rows, noun, paragraphs, phrase, plain, quote, table,
};
use super::map::map;
use crate::model::Block;
use crate::views::rapportage::{ChapterView, RapportageView};
use crate::views::{BrochureView, shared::Bar};

/// A phase report's page.
pub fn report(doc: &mut Doc<'_>, v: &RapportageView) -> Result<Markup, Error> {
    doc.title = format!("{} – {}", plain(&v.titel)?, doc.meta.programma);
    let over = paragraphs(doc, &doc.about.over_cijfers.clone())?;
    let mut chapters = Vec::new();
    for (i, h) in v.hoofdstukken.iter().enumerate() {
        doc.start_chapter(i + 1);
        chapters.push(chapter(doc, v, h, i + 1)?);
    }
    let titles = v
        .hoofdstukken
        .iter()
        .map(|h| plain(&h.titel))
        .collect::<Result<Vec<_>, _>>()?;
    let years = if v.schooljaren.len() == 1 {
        "Schooljaar"
    } else {
        "Schooljaren"
    };
    Ok(html! {
        h1 { (phrase(&v.titel)?) }
        p.ondertitel { (phrase(&v.ondertitel)?) }
        p.stand { (years) " " (v.schooljaren.join(" en ")) " · stand " (doc.meta.datum.tekst) }
        nav.inhoudsopgave aria-labelledby="inhoud-kop" {
            h2 id="inhoud-kop" { "Inhoud" }
            ol {
                @for (i, t) in titles.iter().enumerate() {
                    li { a href=(format!("#hoofdstuk-{}", i + 1)) { (t) } }
                }
                li.geen-nummer { a href="#bijlage" { "Bijlage: deelnemende samenwerkingsverbanden" } }
                li.geen-nummer { a href="#verantwoording" { "Verantwoording" } }
            }
        }
        section aria-labelledby="over-kop" {
            h2 id="over-kop" { "Over deze rapportage" }
            p { "Deze rapportage beschrijft fase " (v.fase) " van " (doc.meta.programma) "." }
            (over)
        }
        @for c in &chapters { (c) }
        (annex(doc, v))
        section aria-labelledby="verantwoording" {
            h2 id="verantwoording" { "Verantwoording" }
            @for p in &v.verantwoording {
                p { @if let Some(k) = p.kop { strong { (k) "." } " " } (p.tekst) }
            }
        }
    })
}

fn chapter(
    doc: &mut Doc<'_>,
    v: &RapportageView,
    h: &ChapterView,
    n: usize,
) -> Result<Markup, Error> {
    let id = format!("hoofdstuk-{n}");
    let text = paragraphs(doc, &h.tekst)?;
    let points = bullets(&h.punten)?;
    let mut themes = Vec::new();
    for t in &h.thema {
        themes.push(html! { h3 { (phrase(&t.titel)?) } (bullets(&t.punten)?) });
    }
    let block = match h.blok {
        Some(b) => block(doc, v, h, b)?,
        None => html! {},
    };
    let end = paragraphs(doc, &h.slot)?;
    Ok(html! {
        section aria-labelledby=(id) {
            h2 id=(id) { (n) ". " (phrase(&h.titel)?) }
            (text) (points)
            @for t in &themes { (t) }
            (block)
            (end)
        }
    })
}

fn block(
    doc: &mut Doc<'_>,
    v: &RapportageView,
    h: &ChapterView,
    b: Block,
) -> Result<Markup, Error> {
    match b {
        Block::Cijfers => figures_block(doc, v),
        Block::Groei => growth(doc, &v.groei, &plain(&v.groei_alt)?),
        Block::Landelijk => national_block(doc, v),
        Block::Pilotregios => pilots(doc, h),
        Block::Kaart => match &v.kaart {
            Some(k) => map(doc, &k.kaart, &plain(&k.kaart.alt)?, Some(&k.rijen)),
            None => Ok(html! {}),
        },
        Block::Citaten => quotes(v),
        Block::Voorbeelden => examples(v),
        Block::WatWerkt => works(doc, v),
    }
}

/// Key figures of the last school year, the chart of children per year and the table.
fn figures_block(doc: &mut Doc<'_>, v: &RapportageView) -> Result<Markup, Error> {
    let l = &v.laatste;
    let mut reeks: Vec<_> = v.vorig_jaar.iter().collect();
    reeks.extend(v.jaren.iter());
    let chart = if reeks.len() > 1 {
        Chart {
            title: "Jeugdigen en ouders benaderd en jeugdigen weer in ontwikkeling, alle samenwerkingsverbanden samen".into(),
            description: plain(&v.verloop_alt)?,
            category: "Schooljaar",
            series: vec!["Benaderd", "Weer in ontwikkeling"],
            rows: reeks
                .iter()
                .map(|j| (j.schooljaar.clone(), vec![&j.benaderd, &j.in_ontwikkeling]))
                .collect(),
            horizontal: false,
            source: None,
        }
        .render(doc)?
    } else {
        html! {}
    };
    let rows = figure_rows(v.jaren.iter().map(|j| {
        (
            j.schooljaar.clone(),
            vec![
                &j.swvs,
                &j.benaderd,
                &j.in_ontwikkeling,
                &j.vrijstelling_5a,
                &j.absoluut_verzuim,
                &j.werkateliers,
                &j.interviews,
            ],
        )
    }))?;
    let keys = key_figures(l)?;
    Ok(html! {
        h3 { "In schooljaar " (l.schooljaar) }
        dl.kengetallen {
            @for (fig, label) in &keys { div { dt { (label) } dd { (fig) } } }
        }
        (chart)
        (table(
            "cijfers-per-jaar",
            "Cijfers per schooljaar, alle deelnemende samenwerkingsverbanden samen",
            &["Schooljaar", "SWV's", "Benaderd", "In ontwikkeling", "Vrijstelling 5 onder a", "Absoluut verzuim", "Werkateliers", "Interviews"],
            &rows,
        ))
    })
}

/// The key figures of the last school year, each with a noun that agrees with it.
fn key_figures(
    l: &crate::views::national::LatestTotals,
) -> Result<Vec<(Markup, &'static str)>, Error> {
    let keys = [
        (
            &l.swvs,
            noun(
                &l.swvs,
                "samenwerkingsverband deed mee",
                "samenwerkingsverbanden deden mee",
            ),
        ),
        (
            &l.werkateliers,
            noun(
                &l.werkateliers,
                "werkatelier gehouden",
                "werkateliers gehouden",
            ),
        ),
        (
            &l.deelnemers,
            noun(
                &l.deelnemers,
                "deelnemer aan werkateliers",
                "deelnemers aan werkateliers",
            ),
        ),
        (
            &l.interviews,
            noun(
                &l.interviews,
                "waarderend interview",
                "waarderende interviews",
            ),
        ),
    ];
    keys.iter().map(|(c, t)| Ok((figure(c)?, *t))).collect()
}

/// The chart of participating SWVs per school year.
pub fn growth(doc: &mut Doc<'_>, bars: &[Bar], description: &str) -> Result<Markup, Error> {
    if bars.is_empty() {
        return Ok(html! {});
    }
    Chart {
        title: "Aantal deelnemende samenwerkingsverbanden per schooljaar".into(),
        description: description.into(),
        category: "Schooljaar",
        series: vec!["Aantal SWV's"],
        rows: bars
            .iter()
            .map(|b| (b.schooljaar.clone(), vec![&b.count]))
            .collect(),
        horizontal: false,
        source: None,
    }
    .render(doc)
}

fn national_block(doc: &mut Doc<'_>, v: &RapportageView) -> Result<Markup, Error> {
    let Some(l) = &v.landelijk else {
        return Ok(html! {});
    };
    let rows: Vec<_> = l
        .rijen
        .iter()
        .filter(|r| {
            r.vrijstelling_5a
                .resolved()
                .is_some_and(|s| s.exact().is_some())
        })
        .collect();
    let Some(last) = rows.last() else {
        return Ok(html! {});
    };
    Chart {
        title: format!(
            "Landelijk: kinderen met een vrijstelling 5 onder a per schooljaar, tot en met {} (het laatste jaar in de bron)",
            last.schooljaar
        ),
        description: plain(&l.alt)?,
        category: "Schooljaar",
        series: vec!["Vrijstelling 5 onder a"],
        rows: rows
            .iter()
            .map(|r| (r.schooljaar.clone(), vec![&r.vrijstelling_5a]))
            .collect(),
        horizontal: false,
        source: Some(format!("Bron: {}", l.bron)),
    }
    .render(doc)
}

fn pilots(doc: &mut Doc<'_>, h: &ChapterView) -> Result<Markup, Error> {
    let mut out = Vec::new();
    for r in &h.regios {
        let text = paragraphs(doc, &r.tekst)?;
        let mut years = Vec::new();
        for c in &r.cijfers {
            years.push(html! {
                li {
                    (c.schooljaar) ": " (in_text(&c.benaderd)?) " jeugdigen en ouders benaderd, "
                    (in_text(&c.interviews)?) (if one(&c.interviews) { " interview, " } else { " interviews, " })
                    (in_text(&c.casussen)?) " casussen opgepakt."
                }
            });
        }
        out.push(html! {
            h3 { (r.naam) }
            p.stand { (r.code) " · " (r.provincie.name()) }
            (text)
            @if !years.is_empty() { ul { @for y in &years { (y) } } }
        });
    }
    Ok(html! { @for o in &out { (o) } })
}

/// A figure as running text prints it (`minder dan 5`), marked.
fn in_text(c: &crate::privacy::Count) -> Result<Markup, Error> {
    let shown = c.printed::<Error>()?;
    Ok(html! { span.cijfer data-cijfer=(c.place()) { (shown.in_text()) } })
}

fn one(c: &crate::privacy::Count) -> bool {
    c.resolved().and_then(|s| s.exact()) == Some(1)
}

fn quotes(v: &RapportageView) -> Result<Markup, Error> {
    let mut out = Vec::new();
    for group in &v.stemmen.citaten {
        let mut qs = Vec::new();
        for q in &group.citaten {
            qs.push(quote(&q.tekst, html! { (q.bron) })?);
        }
        out.push(html! { h3 { (group.rol) } @for q in &qs { (q) } });
    }
    Ok(html! { @for o in &out { (o) } })
}

fn examples(v: &RapportageView) -> Result<Markup, Error> {
    let mut out = Vec::new();
    for e in &v.stemmen.voorbeelden {
        out.push(html! {
            article {
                h3 { (phrase(&e.titel)?) }
                p { (phrase(&e.tekst)?) }
                p.bron { "— " (e.swv) " (" (e.provincie.name()) ")" }
            }
        });
    }
    Ok(html! { div.voorbeelden { @for o in &out { (o) } } })
}

fn works(doc: &mut Doc<'_>, v: &RapportageView) -> Result<Markup, Error> {
    let s = &v.stemmen;
    works_chart(doc, &s.wat_werkt, &s.wat_werkt_swvs, &s.wat_werkt_alt)
}

/// What the regions say works: per item the SWVs that name it, of the `total` that named
/// anything (a report's chapter, and a one-pager with little of its own).
pub fn works_chart(
    doc: &mut Doc<'_>,
    items: &[crate::views::voices::WorksItem],
    total: &crate::privacy::Count,
    description: &crate::privacy::Phrase,
) -> Result<Markup, Error> {
    if items.is_empty() {
        return Ok(html! {});
    }
    let total = total.printed::<Error>()?.label();
    Chart {
        title: format!(
            "Wat werkt volgens de regio's: per punt het aantal samenwerkingsverbanden dat het noemt, van de {total} die noemden wat werkt"
        ),
        description: plain(description)?,
        category: "Wat werkt",
        series: vec!["Samenwerkingsverbanden"],
        rows: items
            .iter()
            .map(|w| (w.tekst.clone(), vec![&w.aantal]))
            .collect(),
        horizontal: true,
        source: None,
    }
    .render(doc)
}

/// Every SWV of the phase by province, each linked to its page.
fn annex(doc: &Doc<'_>, v: &RapportageView) -> Markup {
    let root = &doc.links.root;
    html! {
        section aria-labelledby="bijlage" {
            h2 id="bijlage" { "Bijlage: deelnemende samenwerkingsverbanden" }
            p { "Alle samenwerkingsverbanden die in fase " (v.fase) " meededen (" (v.schooljaren.join(" en ")) "), per provincie." }
            @for p in &v.bijlage {
                @let id = format!("bijlage-{}", slug(p.provincie.name()));
                (table(
                    &id,
                    p.provincie.name(),
                    &["Code", "Naam", "Sector", "Doet mee sinds"],
                    &p.swvs.iter().map(|s| (
                        html! {
                            @if let (true, Ok(code)) = (doc.links.swv_pages, crate::model::SwvCode::parse(&s.code)) {
                                a href=(format!("{root}{}/{code}.html", crate::outputs::REGIO_DIR)) { (s.code) }
                            } @else { (s.code) }
                        },
                        vec![html! { (s.naam) }, html! { (s.sector) }, html! { (s.sinds) }],
                    )).collect::<Vec<_>>(),
                ))
            }
        }
    }
}

/// `Noord-Holland` -> `noord-holland`, `Fryslân` -> `fryslan`.
pub fn slug(t: &str) -> String {
    t.chars()
        .map(|c| match c {
            'â' => 'a',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect()
}

/// The brochure's page.
pub fn brochure(doc: &mut Doc<'_>, v: &BrochureView) -> Result<Markup, Error> {
    doc.title = format!("{} – {}", plain(&v.titel)?, doc.meta.programma);
    let intro = paragraphs(doc, &v.inleiding)?;
    let mut keys = Vec::new();
    for k in &v.kengetallen {
        keys.push(html! {
            div {
                dt { (phrase(&k.label)?) }
                dd { (figure(&k.waarde)?) @if let Some(o) = &k.optelling { small { "(" (o) ")" } } }
            }
        });
    }
    let mut sections = Vec::new();
    for (i, d) in v.delen.iter().enumerate() {
        let text = paragraphs(doc, &d.tekst)?;
        let pull = match v.citaten.get(i) {
            Some(q) => quote(&q.tekst, phrase(&q.bron)?)?,
            None => html! {},
        };
        sections.push(html! {
            section aria-labelledby=(format!("deel-{}", i + 1)) {
                h2 id=(format!("deel-{}", i + 1)) { (phrase(&d.kop)?) }
                (text)
                (pull)
            }
        });
    }
    let mut rest = Vec::new();
    for q in v.citaten.iter().skip(v.delen.len()) {
        rest.push(quote(&q.tekst, phrase(&q.bron)?)?);
    }
    let growth = growth(doc, &v.groei, &plain(&v.groei_alt)?)?;
    let map = match &v.kaart {
        Some(k) => map(doc, k, &plain(&k.alt)?, None)?,
        None => html! {},
    };
    let works = match &v.werkt {
        Some(w) => works_chart(doc, &w.items, &w.swvs, &w.alt)?,
        None => html! {},
    };
    let end = paragraphs(doc, &v.slot)?;
    Ok(html! {
        h1 { (phrase(&v.titel)?) }
        @if !v.ondertitel.is_empty() { p.ondertitel { (phrase(&v.ondertitel)?) } }
        (intro)
        @if !keys.is_empty() {
            h2 { "In cijfers" }
            dl.kengetallen { @for k in &keys { (k) } }
        }
        @for s in &sections { (s) }
        @for q in &rest { (q) }
        @if !v.groei.is_empty() || v.kaart.is_some() {
            section aria-labelledby="groei-kop" {
                h2 id="groei-kop" { "Groei en spreiding" }
                (growth)
                (map)
            }
        }
        @if v.werkt.is_some() {
            section aria-labelledby="werkt-kop" {
                h2 id="werkt-kop" { "Wat werkt volgens de regio's" }
                (works)
            }
        }
        section aria-labelledby="slot-kop" {
            h2 id="slot-kop" { "Tot slot" }
            (end)
        }
    })
}
