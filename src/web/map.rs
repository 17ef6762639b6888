//! The map of participating SWVs per province, drawn from the same CBS/PDOK boundaries as the
//! PDFs (`provincies.json`, converted by `tools/kaart.rs`), in the same colour classes, and
//! always followed by its table per province.

use std::fmt::Write as _;
use std::sync::OnceLock;

use maud::{Markup, PreEscaped, html};

use super::Error;
use super::chart::escape;
use super::html::{Doc, figure_rows, table};
use crate::views::provinces::{CountsMap, ProvinceRow, SOURCE_LINE};

#[derive(serde::Deserialize)]
struct MapData {
    breedte: f64,
    hoogte: f64,
    provincies: Vec<Shape>,
}

#[derive(serde::Deserialize)]
struct Shape {
    naam: String,
    midden: [f64; 2],
    pad: String,
}

fn map_data() -> &'static MapData {
    static DATA: OnceLock<MapData> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("provincies.json")).expect("the map data is valid")
    })
}

/// The classes of the colours (as `templates/lib/kaart.typ`): a colour means the same number
/// of SWVs in every document.
const CLASSES: [(u32, Option<u32>, &str, &str); 5] = [
    (0, Some(0), "#e1ecef", "#1d2b36"),
    (1, Some(4), "#a9d0d9", "#1d2b36"),
    (5, Some(9), "#5f9fae", "#1d2b36"),
    (10, Some(14), "#1d6b7c", "#ffffff"),
    (15, None, "#062a33", "#ffffff"),
];

fn class(n: u32) -> usize {
    CLASSES
        .iter()
        .position(|(from, to, _, _)| n >= *from && to.is_none_or(|t| n <= t))
        .unwrap_or(0)
}

/// The map with its legend and source, then the table per province (`rows`: the report's
/// fuller table; without it, a table of the map's own counts).
pub fn map(
    doc: &mut Doc<'_>,
    m: &CountsMap,
    description: &str,
    rows: Option<&[ProvinceRow]>,
) -> Result<Markup, Error> {
    let n = doc.next_figure();
    let id = format!("figuur-{}", n.replace('.', "-"));
    let title = format!(
        "Deelnemende samenwerkingsverbanden per provincie, {}",
        m.schooljaar
    );
    let svg = drawing(m, &id, &title)?;
    let table = province_table(m, rows, &format!("{id}-tabel"))?;
    Ok(html! {
        figure aria-labelledby=(format!("{id}-titel")) {
            figcaption id=(format!("{id}-titel")) { "Figuur " (n) ". " (title) }
            (PreEscaped(svg))
            p.uitleg id=(format!("{id}-uitleg")) { (super::chart::spoken(description, doc.meta.drempel)) }
            (legend())
            p.bron { (SOURCE_LINE) }
            (table)
        }
    })
}

/// The provinces coloured by class, each with its number.
fn drawing(m: &CountsMap, id: &str, title: &str) -> Result<String, Error> {
    let data = map_data();
    let scale = 0.42;
    let (w, h) = (data.breedte * scale, data.hoogte * scale);
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {} {}" width="{w:.0}" height="{h:.0}" aria-labelledby="{id}-naam" aria-describedby="{id}-uitleg" font-family="Inter, Segoe UI, Roboto, Helvetica, Arial, sans-serif"><title id="{id}-naam">{}</title>"##,
        data.breedte,
        data.hoogte,
        escape(title)
    );
    let mut labels = String::new();
    for shape in &data.provincies {
        let count = m.aantallen.iter().find(|a| a.naam.name() == shape.naam);
        let shown = match count {
            Some(a) => Some(a.aantal.printed::<Error>()?),
            None => None,
        };
        let value = shown.and_then(|s| s.exact()).unwrap_or(0);
        let (_, _, fill, ink) = CLASSES[class(value)];
        let _ = write!(
            svg,
            r##"<path d="{}" fill="{fill}" stroke="#4b5b67" stroke-width="1.5" fill-rule="evenodd"/>"##,
            shape.pad
        );
        let label = shown.map(|s| s.label()).unwrap_or_else(|| "0".into());
        let _ = write!(
            labels,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="30" font-weight="700" fill="{ink}">{}</text>"##,
            shape.midden[0],
            shape.midden[1] + 10.0,
            escape(&label)
        );
    }
    svg.push_str(&labels);
    svg.push_str("</svg>");
    Ok(svg)
}

/// What each colour stands for.
fn legend() -> Markup {
    html! {
        p.uitleg {
            "Kleuren: "
            @for (i, (from, to, fill, _)) in CLASSES.iter().enumerate() {
                @if i > 0 { ", " }
                svg width="12" height="12" aria-hidden="true" focusable="false" { rect width="12" height="12" fill=(fill) {} }
                " "
                @match to {
                    None => { (from) " of meer" }
                    Some(t) if t == from => { (from) }
                    Some(t) => { (from) "–" (t) }
                }
            }
            " samenwerkingsverbanden."
        }
    }
}

/// The table per province: the report's (SWVs, approached, in development), else the map's
/// own counts.
fn province_table(m: &CountsMap, rows: Option<&[ProvinceRow]>, id: &str) -> Result<Markup, Error> {
    Ok(match rows {
        Some(rows) => {
            let cells = figure_rows(rows.iter().map(|r| {
                (
                    r.provincie.name().to_string(),
                    vec![&r.swvs, &r.benaderd, &r.in_ontwikkeling],
                )
            }))?;
            table(
                id,
                &format!("Per provincie, {}", m.schooljaar),
                &["Provincie", "SWV's", "Benaderd", "In ontwikkeling"],
                &cells,
            )
        }
        None => {
            let cells = figure_rows(
                m.aantallen
                    .iter()
                    .map(|a| (a.naam.name().to_string(), vec![&a.aantal])),
            )?;
            table(
                id,
                &format!(
                    "Deelnemende samenwerkingsverbanden per provincie, {}",
                    m.schooljaar
                ),
                &["Provincie", "SWV's"],
                &cells,
            )
        }
    })
}
