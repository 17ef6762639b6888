//! Parts every view shares: the document's metadata, paragraphs of plain text with footnotes,
//! a bar of a chart, and what a document says about its figures.

use serde::Serialize;

use crate::dutch;
use crate::model::{Date, Footnote, Project};
use crate::privacy::{Count, Phrase, Relation, ShownAs};

/// A date as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// `juli 2022`.
    pub tekst: String,
    /// `1 juli 2022`.
    pub lang: String,
}

impl DateView {
    pub fn new(d: Date) -> Self {
        Self {
            year: d.year,
            month: d.month,
            day: d.day,
            tekst: dutch::month_year(d),
            lang: dutch::long_date(d),
        }
    }
}

/// What every document shows about itself (title page, PDF metadata, footer).
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub programma: String,
    pub uitvoerder: String,
    pub website: Option<String>,
    pub voorbeeldgegevens: bool,
    pub titel: String,
    pub kenmerk: String,
    pub onderwerp: String,
    pub trefwoorden: Vec<String>,
    pub datum: DateView,
    pub drempel: u32,
}

/// The parts of [`Meta`] that differ per document.
pub struct MetaOf<'a> {
    pub title: String,
    pub ident: String,
    pub date: Date,
    pub subject: String,
    pub keywords: &'a [&'a str],
}

impl Meta {
    pub fn new(project: &Project, of: MetaOf<'_>) -> Self {
        Self {
            programma: project.naam.clone(),
            uitvoerder: project.uitvoerder.clone(),
            website: project.website.clone(),
            voorbeeldgegevens: project.voorbeeldgegevens,
            titel: of.title,
            kenmerk: of.ident,
            onderwerp: of.subject,
            trefwoorden: of.keywords.iter().map(|k| k.to_string()).collect(),
            datum: DateView::new(of.date),
            drempel: project.drempel,
        }
    }
}

/// A run of a paragraph: plain text, or a footnote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Run {
    Text {
        t: String,
    },
    Note {
        #[serde(rename = "fn")]
        note: String,
    },
}

/// Paragraphs of runs.
pub type Paragraphs = Vec<Vec<Run>>;

/// Splits plain text into paragraphs (blank lines) of runs; `[^id]` becomes a footnote run.
pub fn paragraphs(text: &str, notes: &[Footnote]) -> Paragraphs {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|para| {
            let joined: String = para.lines().map(str::trim).collect::<Vec<_>>().join(" ");
            runs(&joined, notes)
        })
        .collect()
}

fn runs(text: &str, notes: &[Footnote]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut rest = text;
    let text_run = |s: &str| Run::Text { t: s.to_string() };
    while let Some(start) = rest.find("[^") {
        let Some(len) = rest[start..].find(']') else {
            break;
        };
        let id = &rest[start + 2..start + len];
        match notes.iter().find(|n| n.id == id) {
            Some(note) => {
                if start > 0 {
                    runs.push(text_run(&rest[..start]));
                }
                runs.push(Run::Note {
                    note: note.tekst.trim().to_string(),
                });
            }
            None => runs.push(text_run(&rest[..start + len + 1])),
        }
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        runs.push(text_run(rest));
    }
    runs
}

/// What a document says about its figures, made once its figures are final: the small-count
/// rule, and which totals it withholds so that no small count can be derived from everything
/// published together.
#[derive(Debug, Clone, Serialize)]
pub struct AboutFigures {
    /// "Over deze rapportage": the rule and what this document withholds.
    pub over_cijfers: Paragraphs,
    /// Whether the document withholds a total (`×`).
    pub afgeschermd: bool,
}

impl AboutFigures {
    /// From the document's resolved figures.
    pub fn new(threshold: u32, figures: &[Count]) -> Self {
        let mut withheld: Vec<String> = Vec::new();
        for f in figures.iter().filter(|f| f.shown_as() == ShownAs::Withheld) {
            if let Relation::Sum(cells) = f.relation() {
                let d = crate::privacy::ledger::describe_sum(cells);
                if !withheld.contains(&d) {
                    withheld.push(d);
                }
            }
        }
        let mut text = format!(
            "De cijfers komen uit de spreadsheets die de samenwerkingsverbanden aanleveren. Aantallen van 1 tot en met {} kinderen staan er als <{threshold}, zodat niemand een kind kan herkennen. Een totaal staat als × wanneer je er, samen met de regio-overzichten, de cijferbestanden en de andere documenten van deze ronde, zo'n klein aantal mee zou kunnen uitrekenen.",
            threshold.saturating_sub(1)
        );
        if !withheld.is_empty() {
            text.push_str(&format!(
                "\n\nIn dit document geldt dat voor: {}.",
                withheld.join("; ")
            ));
        }
        Self {
            over_cijfers: paragraphs(&text, &[]),
            afgeschermd: !withheld.is_empty(),
        }
    }
}

/// One bar of a chart: its category and the count it shows (`soort`, `label`, `waarde`).
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub schooljaar: String,
    #[serde(flatten)]
    pub count: Count,
}

impl Bar {
    pub fn new(schooljaar: String, count: &Count) -> Self {
        Self {
            schooljaar,
            count: count.clone(),
        }
    }
}

/// The most characters of an alt text composed from data (a chart listing its bars): alt texts
/// become PDF strings, which PDF/A limits to 32,767 bytes, and a screen reader's user wants
/// them short. A longer one ends in "…" after the last whole item that fits.
pub const MAX_ALT: usize = 2_000;

/// An alt text composed from data, cut to [`MAX_ALT`] characters when written.
pub fn alt_text(phrase: Phrase) -> Phrase {
    phrase.at_most(MAX_ALT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_markers_become_footnote_runs() {
        let notes = vec![Footnote {
            id: "1".into(),
            tekst: "https://example.org".into(),
        }];
        let p = paragraphs(
            "Vier jaar WEL[^1] heeft\nveel geleerd.\n\nTweede [^x] alinea.",
            &notes,
        );
        let t = |s: &str| Run::Text { t: s.into() };
        assert_eq!(p[0][0], t("Vier jaar WEL"));
        assert_eq!(
            p[0][1],
            Run::Note {
                note: "https://example.org".into()
            }
        );
        assert_eq!(p[0][2], t(" heeft veel geleerd."));
        assert_eq!(p[1][0], t("Tweede [^x]"));
    }

    #[test]
    fn a_long_alt_text_is_cut_after_a_whole_item() {
        let items: Vec<String> = (0..1_000).map(|i| format!("punt {i} 3")).collect();
        let written = |p: Phrase| p.write::<serde_json::Error>().unwrap();
        let alt = written(alt_text(
            format!("Staafdiagram: {}.", items.join("; ")).into(),
        ));
        assert!(alt.chars().count() <= MAX_ALT);
        assert!(alt.ends_with(" 3…"), "{}", &alt[alt.len() - 20..]);
        let short = "Staafdiagram: a 1; b 2.".to_string();
        assert_eq!(written(alt_text(short.clone().into())), short);
    }
}
