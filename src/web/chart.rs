//! Charts as the web edition draws them: an SVG (a picture with a name, hidden text and all:
//! `role="img"`) with a one-sentence description, followed by a table of every figure it shows
//! and a CSV file of that table beside the page. The bars are drawn from the settled figures:
//! a figure below the threshold is a short dotted bar (its height says nothing), a withheld or
//! missing one has no bar, only its sign.

use std::fmt::Write as _;

use maud::{Markup, PreEscaped, html};

use super::Error;
use super::html::{Doc, figure_rows, table};
use crate::privacy::{Count, Shown};

/// The colours of the series (the PDFs' house colours).
const SERIES: [&str; 3] = ["#0d5566", "#a94f12", "#4b5b67"];

/// A chart: its title, its description, and per row a category and one figure per series.
pub struct Chart<'a> {
    pub title: String,
    /// One sentence on what the chart shows (its alt text in the PDF).
    pub description: String,
    /// The header of the category column (`Schooljaar`).
    pub category: &'a str,
    pub series: Vec<&'a str>,
    pub rows: Vec<(String, Vec<&'a Count>)>,
    /// Bars lying down, for long category names.
    pub horizontal: bool,
    /// A line under the chart (a source).
    pub source: Option<String>,
}

impl Chart<'_> {
    /// The chart as a figure with its table and CSV link; the CSV is added to the page's files.
    pub fn render(&self, doc: &mut Doc<'_>) -> Result<Markup, Error> {
        let n = doc.next_figure();
        let id = format!("figuur-{}", n.replace('.', "-"));
        let csv_name = format!("{}-{id}.csv", doc.stem);
        let svg = if self.horizontal {
            self.horizontal_svg(&id)?
        } else {
            self.vertical_svg(&id)?
        };
        let mut head = vec![self.category];
        head.extend(self.series.iter().copied());
        let rows = figure_rows(self.rows.iter().cloned())?;
        let csv = self.csv(doc.sample)?;
        doc.files.insert(csv_name.clone(), csv);
        let caption = format!("Cijfers bij figuur {n}: {}", lower_first(&self.title));
        let key = marks_key(&self.values()?, doc.meta.drempel);
        Ok(html! {
            figure aria-labelledby=(format!("{id}-titel")) {
                figcaption id=(format!("{id}-titel")) { "Figuur " (n) ". " (self.title) }
                (svg)
                p.uitleg id=(format!("{id}-uitleg")) { (spoken(&self.description, doc.meta.drempel)) }
                @if let Some(s) = &self.source { p.bron { (s) } }
                (key)
                (table(&format!("{id}-tabel"), &caption, &head, &rows))
                p { a href=(csv_name) { "De cijfers van figuur " (n) " als CSV-bestand" } }
            }
        })
    }

    fn values(&self) -> Result<Vec<Vec<&Shown>>, Error> {
        self.rows
            .iter()
            .map(|(_, cs)| cs.iter().map(|c| c.printed::<Error>()).collect())
            .collect()
    }

    fn max(&self) -> Result<u32, Error> {
        Ok(self
            .values()?
            .iter()
            .flatten()
            .filter_map(|s| s.exact())
            .max()
            .unwrap_or(1)
            .max(1))
    }

    fn open_svg(&self, id: &str, w: u32, h: u32) -> String {
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-labelledby="{id}-naam" aria-describedby="{id}-uitleg" font-family="Inter, Segoe UI, Roboto, Helvetica, Arial, sans-serif" font-size="12"><title id="{id}-naam">{}</title>"##,
            escape(&self.title)
        )
    }

    fn legend(&self, out: &mut String, x0: u32, y: u32) {
        if self.series.len() < 2 {
            return;
        }
        let mut x = x0;
        for (i, s) in self.series.iter().enumerate() {
            let _ = write!(
                out,
                r##"<rect x="{x}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{y}" fill="#1d2b36">{}</text>"##,
                y - 10,
                SERIES[i % SERIES.len()],
                x + 16,
                escape(s)
            );
            x += 24 + 8 * s.chars().count() as u32;
        }
    }

    /// Columns per category, one bar per series.
    fn vertical_svg(&self, id: &str) -> Result<Markup, Error> {
        let values = self.values()?;
        let max = self.max()?;
        let series = self.series.len().max(1) as u32;
        let bar = 28;
        // Room under each group for its category (`2021-2022`) beside the next one; many
        // categories share at most 720 units and are labelled short (`’21-’22`).
        let rows = values.len().max(1) as u32;
        let group = (bar * series + 24)
            .max(84)
            .min((700 / rows).max(bar * series + 8));
        let short = group < 84;
        let width = (group * rows + 56).max(320);
        let (top, plot) = (if series > 1 { 30 } else { 10 }, 160);
        let height = top + plot + 44;
        let mut out = self.open_svg(id, width, height);
        self.legend(&mut out, 10, 18);
        let base = top + plot;
        let _ = write!(
            out,
            r##"<line x1="6" x2="{}" y1="{base}" y2="{base}" stroke="#4b5b67"/>"##,
            width - 6
        );
        for (i, ((cat, _), shown)) in self.rows.iter().zip(&values).enumerate() {
            let x0 = 40 + i as u32 * group;
            for (j, s) in shown.iter().enumerate() {
                let x = x0 + j as u32 * bar;
                let colour = SERIES[j % SERIES.len()];
                let h = bar_length(s, max, plot - 20);
                if h > 0 {
                    let dotted = matches!(s, Shown::Small { .. });
                    let _ = write!(
                        out,
                        r##"<rect x="{x}" y="{}" width="{}" height="{h}" fill="{}" stroke="{colour}" stroke-dasharray="{}"/>"##,
                        base - h,
                        bar - 4,
                        if dotted { "#ffffff" } else { colour },
                        if dotted { "3 2" } else { "none" },
                    );
                }
                let _ = write!(
                    out,
                    r##"<text x="{}" y="{}" text-anchor="middle" fill="#1d2b36" font-size="{}">{}</text>"##,
                    x + (bar - 4) / 2,
                    base - h - 4,
                    if group < 60 { 9 } else { 11 },
                    escape(&s.label())
                );
            }
            // Very narrow groups: every other category is named (the table names them all).
            if group < 60 && i % 2 == 1 {
                continue;
            }
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" text-anchor="middle" fill="#1d2b36">{}</text>"##,
                x0 + (bar * series - 4) / 2,
                base + 18,
                escape(&if short { short_year(cat) } else { cat.clone() })
            );
        }
        out.push_str("</svg>");
        Ok(html! { (PreEscaped(out)) })
    }

    /// One bar per category, lying down, its name above it.
    fn horizontal_svg(&self, id: &str) -> Result<Markup, Error> {
        let values = self.values()?;
        let max = self.max()?;
        let (width, plot) = (560, 420);
        let row = 40;
        let height = row * values.len() as u32 + 10;
        let mut out = self.open_svg(id, width, height);
        for (i, ((cat, _), shown)) in self.rows.iter().zip(&values).enumerate() {
            let y = i as u32 * row;
            let s = shown.first().copied().unwrap_or(&Shown::NotReported);
            let w = bar_length(s, max, plot);
            let _ = write!(
                out,
                r##"<text x="0" y="{}" fill="#1d2b36">{}</text><rect x="0" y="{}" width="{w}" height="14" fill="{}"/><text x="{}" y="{}" fill="#1d2b36" font-size="11">{}</text>"##,
                y + 14,
                escape(&cut(cat, 80)),
                y + 20,
                SERIES[0],
                w + 6,
                y + 32,
                escape(&s.label())
            );
        }
        out.push_str("</svg>");
        Ok(html! { (PreEscaped(out)) })
    }

    /// The chart's table as CSV (UTF-8 with BOM, `;`, CRLF, as the bundles' CSVs): the labels
    /// as printed.
    fn csv(&self, sample: bool) -> Result<Vec<u8>, Error> {
        let mut rows = vec![{
            let mut h = vec![self.category.to_string()];
            h.extend(self.series.iter().map(|s| s.to_string()));
            if sample {
                h.push("Gegevens".into());
            }
            h
        }];
        for (cat, counts) in &self.rows {
            let mut r = vec![cat.clone()];
            for c in counts {
                // As the bundles' CSV: a plain number, `<5`, `×`, or an empty field.
                r.push(match c.printed::<Error>()? {
                    Shown::Exact { value: Some(n), .. } => n.to_string(),
                    Shown::NotReported => String::new(),
                    shown => shown.label(),
                });
            }
            if sample {
                r.push("voorbeeldgegevens, geen echte cijfers".into());
            }
            rows.push(r);
        }
        let mut out = String::from("\u{FEFF}");
        for r in rows {
            let fields: Vec<String> = r.iter().map(|f| csv_field(f)).collect();
            out.push_str(&fields.join(";"));
            out.push_str("\r\n");
        }
        Ok(out.into_bytes())
    }
}

/// A chart's alt text as a screen reader should say it: `<5`, `×` and `–` in words.
pub fn spoken(text: &str, threshold: u32) -> String {
    let mut out = text
        .replace(&format!("<{threshold}"), &format!("minder dan {threshold}"))
        .replace('×', "niet getoond");
    for (from, to) in [
        (" –;", " niet opgegeven;"),
        (" –.", " niet opgegeven."),
        (" –,", " niet opgegeven,"),
    ] {
        out = out.replace(from, to);
    }
    if let Some(stripped) = out.strip_suffix(" –") {
        out = format!("{stripped} niet opgegeven");
    }
    out
}

/// What the signs in a chart mean, for the signs it shows.
fn marks_key(values: &[Vec<&Shown>], threshold: u32) -> Markup {
    let all: Vec<&Shown> = values.iter().flatten().copied().collect();
    let small = all.iter().any(|s| matches!(s, Shown::Small { .. }));
    let withheld = all.iter().any(|s| matches!(s, Shown::Withheld));
    let missing = all.iter().any(|s| matches!(s, Shown::NotReported));
    if !small && !withheld && !missing {
        return html! {};
    }
    html! {
        p.uitleg {
            @if small { "<" (threshold) ": minder dan " (threshold) " (een gestippelde balk; de hoogte is niet op schaal). " }
            @if withheld { "×: niet getoond. " (crate::privacy::rule::WITHHELD_MEANING) " " }
            @if missing { "–: niet opgegeven (geen balk)." }
        }
    }
}

/// The length of a bar: to scale for an exact count, short and fixed for a count below the
/// threshold (drawn dotted), none for a withheld or missing one.
fn bar_length(s: &Shown, max: u32, full: u32) -> u32 {
    match s {
        Shown::Exact { value: Some(v), .. } => {
            ((*v as f64 / max as f64) * full as f64).round() as u32
        }
        Shown::Small { .. } => 10,
        _ => 0,
    }
}

/// `2021-2022` -> `’21-’22` (other categories as they are).
fn short_year(cat: &str) -> String {
    let b = cat.as_bytes();
    if cat.len() == 9 && b[4] == b'-' && cat.chars().all(|c| c.is_ascii_digit() || c == '-') {
        format!("’{}-’{}", &cat[2..4], &cat[7..9])
    } else {
        cat.to_string()
    }
}

fn csv_field(f: &str) -> String {
    if f.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

/// Text escaped for SVG written by hand.
pub fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn cut(t: &str, max: usize) -> String {
    if t.chars().count() <= max {
        return t.to_string();
    }
    let kept: String = t.chars().take(max - 1).collect();
    format!("{kept}…")
}

fn lower_first(t: &str) -> String {
    let mut c = t.chars();
    match (c.next(), t.chars().nth(1)) {
        (Some(f), Some(second)) if second.is_lowercase() => f.to_lowercase().chain(c).collect(),
        _ => t.to_string(),
    }
}
