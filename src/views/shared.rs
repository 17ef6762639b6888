//! Parts every view shares: the document's metadata, paragraphs of plain text with footnotes,
//! a bar of a chart, and what a document says about its figures.

use serde::Serialize;

use crate::dutch;
use crate::model::{Date, Footnote, Project, SchoolYear};
use crate::model::{Piece, Programme, Prose, Province};
use crate::privacy::{Context, Count, FigureId, Phrase, Publisher, Relation, ShownAs};

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
    /// A draft: the note every page carries ("concept: ronde 2025-2026 loopt nog").
    pub concept: Option<String>,
}

/// The parts of [`Meta`] that differ per document.
pub struct MetaOf<'a> {
    pub title: String,
    pub ident: String,
    pub date: Date,
    pub subject: String,
    pub keywords: &'a [&'a str],
    /// The open round the document includes (it is a draft until that round is closed).
    pub concept: Option<SchoolYear>,
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
            concept: of
                .concept
                .map(|y| format!("concept: de ronde {y} loopt nog")),
        }
    }
}

/// A run of a paragraph: text (which may hold figures), or a footnote.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Run {
    Text {
        t: Phrase,
    },
    Note {
        #[serde(rename = "fn")]
        note: Phrase,
    },
}

/// Paragraphs of runs.
pub type Paragraphs = Vec<Vec<Run>>;

/// Where a text is printed (its place in the ledger) and what its references leave out.
#[derive(Debug, Clone, Copy)]
pub struct TextAt<'a> {
    pub place: &'a FigureId,
    pub ctx: Context<'a>,
}

impl<'a> TextAt<'a> {
    /// A text of the project group at `place`.
    pub fn project(place: &'a FigureId) -> Self {
        Self {
            place,
            ctx: Context::default(),
        }
    }
}

/// A text as one line (a title, a bullet), its references published.
pub fn line(p: &mut Publisher<'_>, prose: &Prose, at: TextAt<'_>) -> Phrase {
    p.prose(at.place, prose, &at.ctx)
}

/// A short item (a bullet, a card's title) as shown: spaces collapsed, a capital first, no
/// closing full stop (the input is not changed).
pub fn item(p: &mut Publisher<'_>, prose: &Prose, at: TextAt<'_>) -> Phrase {
    p.prose(at.place, &prose.as_item(), &at.ctx)
}

/// Bullets, each a line.
pub fn lines(p: &mut Publisher<'_>, items: &[Prose], at: TextAt<'_>) -> Vec<Phrase> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let place = at.place.key(i + 1);
            p.prose(&place, item, &at.ctx)
        })
        .collect()
}

/// Splits a text into paragraphs (at blank lines) of runs: lines within a paragraph are
/// joined, `[^id]` becomes a footnote run, and every reference is published.
pub fn paragraphs(
    p: &mut Publisher<'_>,
    prose: &Prose,
    notes: &[Footnote],
    at: TextAt<'_>,
) -> Paragraphs {
    p.typed_in(prose, &at.ctx);
    let mut paras: Vec<Vec<Piece>> = vec![Vec::new()];
    for piece in prose.pieces() {
        match piece {
            Piece::Text(t) => {
                for (i, part) in t.split("\n\n").enumerate() {
                    if i > 0 {
                        paras.push(Vec::new());
                    }
                    if !part.is_empty() {
                        paras
                            .last_mut()
                            .expect("one")
                            .push(Piece::Text(part.into()));
                    }
                }
            }
            Piece::Figure(f) => paras
                .last_mut()
                .expect("one")
                .push(Piece::Figure(f.clone())),
        }
    }
    paras
        .into_iter()
        .map(tidy)
        .filter(|pieces| !pieces.is_empty())
        .map(|pieces| runs(p, &pieces, notes, at))
        .collect()
}

/// A paragraph's pieces with every line end (and the spaces around it) one space, and no
/// space at its start or end.
fn tidy(mut pieces: Vec<Piece>) -> Vec<Piece> {
    for piece in &mut pieces {
        if let Piece::Text(t) = piece {
            *t = join_lines(t);
        }
    }
    if let Some(Piece::Text(t)) = pieces.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Piece::Text(t)) = pieces.last_mut() {
        *t = t.trim_end().to_string();
    }
    pieces.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
    pieces
}

/// `text` with every line end, and the spaces and tabs around it, replaced by one space.
fn join_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let kept = out.trim_end_matches([' ', '\t']).len();
            out.truncate(kept);
            out.push(' ');
            out.push_str(line.trim_start_matches([' ', '\t']));
        } else {
            out.push_str(line);
        }
    }
    out
}

fn runs(p: &mut Publisher<'_>, pieces: &[Piece], notes: &[Footnote], at: TextAt<'_>) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut current = Phrase::new();
    for piece in pieces {
        let text = match piece {
            Piece::Figure(f) => {
                current = current.then(p.figure(at.place, f, &at.ctx));
                continue;
            }
            Piece::Text(t) => t.as_str(),
        };
        let mut rest = text;
        while let Some(start) = rest.find("[^") {
            let Some(len) = rest[start..].find(']') else {
                break;
            };
            let id = &rest[start + 2..start + len];
            match notes.iter().find(|n| n.id == id) {
                Some(note) => {
                    current = current.text(&rest[..start]);
                    if !current.is_empty() {
                        runs.push(Run::Text {
                            t: std::mem::take(&mut current),
                        });
                    }
                    let place = at.place.key(format!("^{id}"));
                    let text = note.tekst.clone().trimmed();
                    runs.push(Run::Note {
                        note: p.prose(&place, &text, &at.ctx),
                    });
                }
                None => current = current.text(&rest[..start + len + 1]),
            }
            rest = &rest[start + len + 1..];
        }
        current = current.text(rest);
    }
    if !current.is_empty() {
        runs.push(Run::Text { t: current });
    }
    runs
}

/// What a document says about its figures, made once its figures are final: the small-count
/// rule in the one wording every document uses, and which totals it withholds so that no small
/// count can be derived from everything published together.
#[derive(Debug, Clone, Serialize)]
pub struct AboutFigures {
    /// The rule, in the words of [`crate::privacy::rule::wording`].
    pub regel: String,
    /// "Over deze rapportage": where the figures come from (the rule and what × means are in
    /// the Verantwoording below it), and what this document withholds (each total as the
    /// document shows it, with its province).
    pub over_cijfers: Paragraphs,
    /// Whether the document withholds a figure (`×`).
    pub afgeschermd: bool,
    /// Whether the document prints a count below the threshold (`<5`, "minder dan 5").
    pub klein: bool,
    /// What `×` means ([`crate::privacy::rule::WITHHELD_MEANING`]).
    pub afgeschermd_uitleg: &'static str,
    /// For the colophon when the threshold is below the CBS norm.
    pub colofon: Option<String>,
}

impl AboutFigures {
    /// From the document's resolved figures.
    pub fn new(programme: &Programme, figures: &[Count]) -> Self {
        let threshold = programme.project.drempel;
        let regel = crate::privacy::rule::wording(threshold);
        let withheld = withheld_totals(programme, figures);
        // The rule and what × means stand once, in the Verantwoording just below (one wording
        // everywhere: `privacy::rule`).
        let mut text = String::from(
            "De cijfers komen uit de spreadsheets die de samenwerkingsverbanden aanleveren. Hoe ze zijn opgeteld en wanneer een aantal niet of als klein aantal wordt getoond, staat in de Verantwoording hieronder.",
        );
        if let [rest @ .., last] = withheld.as_slice() {
            let mut list = rest.join(", bij ");
            if !rest.is_empty() {
                list.push_str(", en bij ");
            }
            list.push_str(last);
            text.push_str(&format!(
                "\n\nIn dit document staat × (niet getoond) bij {list}."
            ));
        }
        Self {
            over_cijfers: plain_paragraphs(&text),
            afgeschermd: !withheld.is_empty(),
            klein: figures.iter().any(|f| f.shown_as() == Some(ShownAs::Small)),
            afgeschermd_uitleg: crate::privacy::rule::WITHHELD_MEANING,
            colofon: crate::privacy::rule::below_norm(threshold),
            regel,
        }
    }
}

/// The totals a document withholds, each once, in the order it shows them: `het totaal benaderd
/// 2023-2024 in Gelderland en in Utrecht`, `het totaal vrijstelling 5 onder a 2021-2022 van alle
/// deelnemende samenwerkingsverbanden samen`.
fn withheld_totals(programme: &Programme, figures: &[Count]) -> Vec<String> {
    let mut groups: Vec<(String, Vec<Option<Province>>)> = Vec::new();
    for f in figures
        .iter()
        .filter(|f| f.shown_as() == Some(ShownAs::Withheld))
    {
        let Relation::Sum(cells) = f.relation() else {
            continue;
        };
        // One SWV's own count, withheld beside a small count of its row.
        if let [c] = cells.as_slice() {
            let what = format!(
                "aantal {} {} van {}",
                c.measure.label(),
                c.schooljaar,
                c.swv
            );
            if !groups.iter().any(|(w, _)| *w == what) {
                groups.push((what, Vec::new()));
            }
            continue;
        }
        let what = crate::privacy::ledger::describe_sum(cells);
        let province = crate::privacy::disclosure::one_province(programme, cells);
        match groups.iter_mut().find(|(w, _)| *w == what) {
            Some((_, provinces)) if !provinces.contains(&province) => provinces.push(province),
            Some(_) => {}
            None => groups.push((what, vec![province])),
        }
    }
    groups
        .into_iter()
        .flat_map(|(what, provinces)| {
            let named: Vec<String> = provinces
                .iter()
                .flatten()
                .map(|p| format!("in {p}"))
                .collect();
            let national = provinces.contains(&None);
            let mut out = Vec::new();
            if provinces.is_empty() {
                out.push(format!("het {what}"));
            }
            if national {
                // Not "landelijk": the national figures of OCW are another source.
                out.push(format!(
                    "het {what} van alle deelnemende samenwerkingsverbanden samen"
                ));
            }
            if !named.is_empty() {
                out.push(format!(
                    "het {what} {}",
                    crate::dutch::enumerate(&named, "en")
                ));
            }
            out
        })
        .collect()
}

/// Plain text as paragraphs (no references, no footnotes): for what wel itself writes.
pub fn plain_paragraphs(text: &str) -> Paragraphs {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            vec![Run::Text {
                t: Phrase::from(join_lines(p)),
            }]
        })
        .collect()
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
            tekst: Prose::plain(" https://example.org "),
        }];
        let programme = Programme::for_tests(5);
        let counts = crate::privacy::figures::Counts::default();
        let mut p = Publisher::new(crate::privacy::Data {
            programme: &programme,
            counts: &counts,
        });
        let text =
            Prose::plain("  Vier jaar WEL[^1] heeft  \n  veel geleerd.\n\nTweede [^x] alinea.");
        let paras = paragraphs(
            &mut p,
            &text,
            &notes,
            TextAt::project(&FigureId::new("tekst")),
        );
        let written: Vec<Vec<String>> = paras
            .iter()
            .map(|runs| {
                runs.iter()
                    .map(|r| match r {
                        Run::Text { t } => format!("t:{}", t.write::<serde_json::Error>().unwrap()),
                        Run::Note { note } => {
                            format!("fn:{}", note.write::<serde_json::Error>().unwrap())
                        }
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            written,
            [
                vec![
                    "t:Vier jaar WEL",
                    "fn:https://example.org",
                    "t: heeft veel geleerd."
                ],
                vec!["t:Tweede [^x] alinea."]
            ]
        );
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
