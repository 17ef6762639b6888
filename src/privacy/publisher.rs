//! The only maker of printed figures. A view asks the [`Publisher`] for a figure by its cells
//! (or, for a number from outside the SWV figures, by its [`Source`]); the publisher computes
//! the value itself, applies the small-count rule, records the figure in the document's part of
//! the ledger and hands back a [`Count`] the view cannot read. A [`Phrase`] is text with
//! figures in it (an alt text, a sentence with a reference), written out once they are final.

use serde::Serialize;

use super::figures::Counts;
use super::ledger::{Cell, Count, Relation, Source};
use super::rule::{Shown, safe_share};
use crate::dutch;
use crate::model::{Measure, Programme, SchoolYear, Swv, SwvCode};

/// A number from outside the SWV figures, with where it comes from.
#[derive(Debug, Clone, Copy)]
pub enum Given {
    /// A public national statistic (`None`: not in the file).
    NationalStatistic(Option<u32>),
    /// A number typed in the project group's texts.
    ProjectText(u32),
    /// How many SWVs name an item in their summaries.
    SwvsNaming(usize),
}

/// The programme with its counts: what the privacy rules work on.
#[derive(Debug, Clone, Copy)]
pub struct Data<'a> {
    pub programme: &'a Programme,
    pub counts: &'a Counts,
}

impl Data<'_> {
    pub fn threshold(&self) -> u32 {
        self.programme.project.drempel
    }
}

/// Records the figures of one output while its view is made.
pub struct Publisher<'a> {
    programme: &'a Programme,
    counts: &'a Counts,
    threshold: u32,
    figures: Vec<Count>,
}

impl<'a> Publisher<'a> {
    pub fn new(data: Data<'a>) -> Self {
        Self {
            programme: data.programme,
            counts: data.counts,
            threshold: data.threshold(),
            figures: Vec::new(),
        }
    }

    pub fn threshold(&self) -> u32 {
        self.threshold
    }

    /// The figures recorded, for the ledger.
    pub fn into_figures(self) -> Vec<Count> {
        self.figures
    }

    /// The cell of one measure of one SWV in one year.
    pub fn cell(swv: &SwvCode, schooljaar: SchoolYear, measure: Measure) -> Cell {
        Cell {
            swv: swv.clone(),
            schooljaar,
            measure,
        }
    }

    /// The cells of `measure` in `year` of every SWV that reported it.
    pub fn all_swvs(&self, year: SchoolYear, measure: Measure) -> Vec<Cell> {
        self.reported(year, measure, |_| true)
    }

    /// The cells of `measure` in `year` of the SWVs `keep` accepts that reported it.
    pub fn reported(
        &self,
        year: SchoolYear,
        measure: Measure,
        keep: impl Fn(&Swv) -> bool,
    ) -> Vec<Cell> {
        self.programme
            .swvs
            .iter()
            .filter(|s| keep(s))
            .filter(|s| s.years.get(&year).is_some_and(|f| f.reported(measure)))
            .map(|s| Self::cell(&s.code, year, measure))
            .collect()
    }

    /// The cells of `measure` of every SWV in every published year it reported it.
    pub fn all_years(&self, measure: Measure) -> Vec<Cell> {
        let published = self.programme.published_years();
        let mut cells = Vec::new();
        for s in &self.programme.swvs {
            for (year, f) in &s.years {
                if f.reported(measure) && published.contains(year) {
                    cells.push(Self::cell(&s.code, *year, measure));
                }
            }
        }
        cells
    }

    /// The sum of the reported cells; `None` when none of them was reported.
    fn sum(&self, cells: &[Cell]) -> Option<u32> {
        sum(self.counts, cells)
    }

    fn record(&mut self, place: String, relation: Relation, rule: Shown) -> Count {
        let count = Count::new(place, relation, rule);
        self.figures.push(count.clone());
        count
    }

    /// A count computed from `cells`: child counts below the threshold are shown as `<N`,
    /// other measures exactly; nothing reported is `–`.
    pub fn count(&mut self, place: impl Into<String>, cells: Vec<Cell>) -> Count {
        let value = self.sum(&cells);
        let rule = if cells.iter().any(|c| c.measure.is_child_count()) {
            Shown::child_count(value, self.threshold)
        } else {
            value.map_or(Shown::NotReported, Shown::count)
        };
        self.record(place.into(), Relation::Sum(cells), rule)
    }

    /// A count of SWVs or activities that is 0 when nothing was reported (never a child count).
    pub fn tally(&mut self, place: impl Into<String>, cells: Vec<Cell>) -> Count {
        debug_assert!(cells.iter().all(|c| !c.measure.is_child_count()));
        let value = self.sum(&cells).unwrap_or(0);
        self.record(place.into(), Relation::Sum(cells), Shown::count(value))
    }

    /// A number that is not computed from SWV cells.
    pub fn given(&mut self, place: impl Into<String>, given: Given) -> Count {
        let (source, value) = match given {
            Given::NationalStatistic(v) => (Source::NationalStatistics, v),
            Given::ProjectText(v) => (Source::ProjectText, Some(v)),
            Given::SwvsNaming(n) => (Source::SwvsNaming, Some(n as u32)),
        };
        let rule = value.map_or(Shown::NotReported, Shown::count);
        self.record(place.into(), Relation::Given(source), rule)
    }

    /// `part / whole` in percent, printed only when both counts would be printed exactly (and
    /// neither sum is withheld).
    pub fn share(&mut self, place: impl Into<String>, part: Vec<Cell>, whole: Vec<Cell>) -> Count {
        let rule = safe_share(self.sum(&part), self.sum(&whole), self.threshold).map_or(
            Shown::NotReported,
            |p| Shown::Exact {
                label: dutch::percent(p),
                value: None,
            },
        );
        self.record(place.into(), Relation::Share { part, whole }, rule)
    }

    /// `now - before` with a sign, printed only when both counts would be printed exactly (and
    /// neither sum is withheld).
    pub fn difference(
        &mut self,
        place: impl Into<String>,
        now: Vec<Cell>,
        before: Vec<Cell>,
    ) -> Count {
        let t = self.threshold;
        let exact = |v: Option<u32>| Shown::child_count(v, t).exact();
        let rule = match (exact(self.sum(&now)), exact(self.sum(&before))) {
            (Some(a), Some(b)) => {
                let d = i64::from(a) - i64::from(b);
                Shown::Exact {
                    label: if d > 0 {
                        format!("+{}", dutch::integer(d))
                    } else {
                        dutch::integer(d)
                    },
                    value: None,
                }
            }
            _ => Shown::NotReported,
        };
        self.record(place.into(), Relation::Difference { now, before }, rule)
    }
}

/// The sum of the reported cells; `None` when none of them was reported.
pub(in crate::privacy) fn sum(counts: &Counts, cells: &[Cell]) -> Option<u32> {
    let mut total = None;
    for c in cells {
        if let Some(v) = cell_value(counts, c) {
            total = Some(total.unwrap_or(0) + v);
        }
    }
    total
}

/// The value of one cell in the inputs (`None`: not reported).
pub(in crate::privacy) fn cell_value(counts: &Counts, cell: &Cell) -> Option<u32> {
    counts.value(&cell.swv, cell.schooljaar, cell.measure)
}

/// Text with figures in it, written out as one string once the figures are final: a figure in
/// a table's form (`<5`, `×`) for alt texts that list a chart's values, or in running text's
/// form (`minder dan 5`) for sentences.
#[derive(Debug, Clone, Default)]
pub struct Phrase {
    pieces: Vec<Piece>,
    /// At most this many characters (see [`cut`]).
    limit: Option<usize>,
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Label(Count),
    InText(Count),
}

impl Phrase {
    pub fn new() -> Self {
        Self::default()
    }

    /// Plain text, as it is.
    pub fn text(mut self, t: impl Into<String>) -> Self {
        let t = t.into();
        if !t.is_empty() {
            self.pieces.push(Piece::Text(t));
        }
        self
    }

    /// A figure as tables print it (`1.234`, `<5`, `×`, `–`).
    pub fn label(mut self, c: &Count) -> Self {
        self.pieces.push(Piece::Label(c.clone()));
        self
    }

    /// A figure as running text prints it (`1.234`, `minder dan 5`, ...).
    pub fn in_text(mut self, c: &Count) -> Self {
        self.pieces.push(Piece::InText(c.clone()));
        self
    }

    /// Another phrase after this one.
    pub fn then(mut self, other: Phrase) -> Self {
        self.pieces.extend(other.pieces);
        self
    }

    /// The phrases joined with `sep` between them.
    pub fn join(items: impl IntoIterator<Item = Phrase>, sep: &str) -> Self {
        let mut out = Self::new();
        for (i, p) in items.into_iter().enumerate() {
            if i > 0 {
                out = out.text(sep);
            }
            out = out.then(p);
        }
        out
    }

    /// Whether the phrase holds nothing.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The text, with every figure in its final form.
    pub fn write<E: serde::ser::Error>(&self) -> Result<String, E> {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Label(c) => out.push_str(&c.printed::<E>()?.label()),
                Piece::InText(c) => out.push_str(&c.printed::<E>()?.in_text()),
            }
        }
        Ok(match self.limit {
            Some(max) => cut(out, max),
            None => out,
        })
    }

    /// Cuts the written text to `max` characters (see [`cut`]).
    pub fn at_most(mut self, max: usize) -> Self {
        self.limit = Some(max);
        self
    }
}

/// `text` cut to `max` characters at the last `"; "` that fits (or at a character), ending in
/// "…": a long list (a chart's bars in an alt text) keeps whole items.
pub fn cut(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let kept: String = text.chars().take(max - 1).collect();
    let end = kept.rfind("; ").unwrap_or(kept.len());
    format!("{}…", &kept[..end])
}

impl From<&str> for Phrase {
    fn from(t: &str) -> Self {
        Phrase::new().text(t)
    }
}

impl From<String> for Phrase {
    fn from(t: String) -> Self {
        Phrase::new().text(t)
    }
}

impl Serialize for Phrase {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.write::<S::Error>()?)
    }
}
