//! The only maker of printed figures. A view asks the [`Publisher`] for a figure by its cells
//! (or, for a number from outside the SWV figures, by its [`Source`]); the publisher computes
//! the value itself, applies the small-count rule, records the figure in the document's part of
//! the ledger and hands back a [`Count`] the view cannot read. A [`Phrase`] is text with
//! figures in it (an alt text, a sentence with a reference), written out once they are final.

use super::figure_id::FigureId;
use serde::Serialize;

use super::figures::Counts;
use super::ledger::{Cell, Count, Relation, Source};
use super::references::{self, Context};
use super::rule::{Shown, safe_share};
use crate::diag::{Place, Problem};
use crate::dutch;
use crate::model::{
    Measure, Piece as ProsePiece, Programme, Prose, SchoolYear, Swv, SwvCode, Typed,
};

/// A number from outside the SWV figures, with where it comes from.
#[derive(Debug, Clone, Copy)]
pub enum Given {
    /// A public national statistic (`None`: not in the file).
    NationalStatistic(Option<u32>),
    /// A number typed in the project group's texts.
    ProjectText(u32),
    /// How many SWVs name an item in their summaries.
    SwvsNaming(usize),
    /// A number of the register of SWVs in project.toml (an SWV's municipalities).
    Register(u32),
    /// How many SWVs a list shows (the annex's SWVs of a province).
    SwvsListed(usize),
}

pub use super::figures::Data;

/// Records the figures of one output while its view is made.
pub struct Publisher<'a> {
    programme: &'a Programme,
    counts: &'a Counts,
    /// Totals several outputs print alike, made once (see [`SharedFigures`]).
    shared: Option<&'a SharedFigures>,
    threshold: u32,
    figures: Vec<Count>,
    /// The numbers typed in the texts the output prints.
    typed: Vec<TypedIn>,
    /// References in those texts that count nothing.
    problems: Vec<Problem>,
}

/// What an output publishes: its figures, and the numbers typed in the texts it prints.
#[derive(Debug, Default)]
pub struct Published {
    pub figures: Vec<Count>,
    pub typed: Vec<TypedIn>,
    /// References that count nothing, at their places (errors).
    pub problems: Vec<Problem>,
}

/// A number typed in a printed text, with the text's school years and whose text it is.
#[derive(Debug, Clone)]
pub struct TypedIn {
    pub typed: Typed,
    pub years: Vec<SchoolYear>,
    /// The SWV whose summary the text is in (`None`: the project group's).
    pub swv: Option<SwvCode>,
}

impl<'a> Publisher<'a> {
    pub fn new(data: Data<'a>) -> Self {
        Self {
            programme: data.programme,
            counts: data.counts,
            shared: None,
            threshold: data.threshold(),
            figures: Vec::new(),
            typed: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// A publisher whose totals over many cells are taken from (or added to) `shared`.
    pub fn sharing(mut self, shared: &'a SharedFigures) -> Self {
        self.shared = Some(shared);
        self
    }

    pub fn threshold(&self) -> u32 {
        self.threshold
    }

    /// The figures recorded, for the ledger.
    pub fn into_figures(self) -> Vec<Count> {
        self.figures
    }

    /// Everything recorded: figures, typed numbers and problems of references.
    pub fn into_published(self) -> Published {
        Published {
            figures: self.figures,
            typed: self.typed,
            problems: self.problems,
        }
    }

    /// A text as printed, at `place`: a reference becomes a figure like any table cell, in
    /// running text's form (`minder dan 5`); every typed number is recorded for the check of
    /// what the output publishes. `years` are the school years the text is about.
    pub fn prose(&mut self, place: &FigureId, prose: &Prose, ctx: &Context<'_>) -> Phrase {
        self.typed_in(prose, ctx);
        let mut phrase = Phrase::new();
        for piece in prose.pieces() {
            phrase = match piece {
                ProsePiece::Text(t) => phrase.text(t.clone()),
                ProsePiece::Figure(r) => phrase.then(self.figure(place, r, ctx)),
            };
        }
        phrase
    }

    /// Records the numbers typed in a text the output prints (the text's years: its own
    /// school year, or every published one).
    pub fn typed_in(&mut self, prose: &Prose, ctx: &Context<'_>) {
        let years = match ctx.year {
            Some(y) => vec![y],
            None => self.programme.published_years(),
        };
        self.typed.extend(prose.numbers().iter().map(|t| TypedIn {
            typed: t.clone(),
            years: years.clone(),
            swv: ctx.swv.cloned(),
        }));
    }

    /// A reference of a text printed at `place`: its figure in running text's form, or (when it
    /// counts nothing, which is a problem at the reference) the reference as written.
    pub fn figure(
        &mut self,
        place: &FigureId,
        r: &crate::model::FigureRef,
        ctx: &Context<'_>,
    ) -> Phrase {
        match self.reference(place, r, ctx) {
            Some(count) => Phrase::new().in_text(&count),
            None => Phrase::new().text(r.written.clone()),
        }
    }

    /// The figure a reference names, published at `place`; `None` (and a problem at the
    /// reference) when it counts nothing.
    fn reference(
        &mut self,
        place: &FigureId,
        r: &crate::model::FigureRef,
        ctx: &Context<'_>,
    ) -> Option<Count> {
        match references::cells(self.programme, r, ctx) {
            Ok((cells, kind)) => {
                let at = place.reference(&r.written);
                Some(match kind {
                    references::Kind::Children => self.count(at, cells),
                    references::Kind::Other => self.tally(at, cells),
                })
            }
            Err(why) => {
                let problem = Problem::error(Place::at(&r.at), format!("{}: {why}", r.written));
                self.problems.push(match ctx.swv {
                    Some(code) => problem.for_swv(code.as_str()),
                    None => problem,
                });
                None
            }
        }
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
        self.counts.sum(cells)
    }

    fn record(&mut self, place: FigureId, relation: Relation, rule: Shown) -> Count {
        let count = match (self.shared, &relation) {
            (Some(shared), Relation::Sum(cells)) if cells.len() >= SHARED_FROM => {
                shared.get_or_make(place, relation, rule)
            }
            _ => Count::new(place, relation, rule),
        };
        self.figures.push(count.clone());
        count
    }

    /// A count computed from `cells`: child counts below the threshold are shown as `<N`,
    /// other measures exactly; nothing reported is `–`.
    pub fn count(&mut self, place: FigureId, cells: Vec<Cell>) -> Count {
        let value = self.sum(&cells);
        let rule = if cells.iter().any(|c| c.measure.is_child_count()) {
            Shown::child_count(value, self.threshold)
        } else {
            value.map_or(Shown::NotReported, Shown::count)
        };
        self.record(place, Relation::Sum(cells), rule)
    }

    /// A count of SWVs or activities that is 0 when nothing was reported (never a child count).
    pub fn tally(&mut self, place: FigureId, cells: Vec<Cell>) -> Count {
        debug_assert!(cells.iter().all(|c| !c.measure.is_child_count()));
        let value = self.sum(&cells).unwrap_or(0);
        self.record(place, Relation::Sum(cells), Shown::count(value))
    }

    /// A number that is not computed from SWV cells.
    pub fn given(&mut self, place: FigureId, given: Given) -> Count {
        let (source, value) = match given {
            Given::NationalStatistic(v) => (Source::NationalStatistics, v),
            Given::ProjectText(v) => (Source::ProjectText, Some(v)),
            Given::SwvsNaming(n) => (Source::SwvsNaming, Some(n as u32)),
            Given::Register(n) => (Source::Register, Some(n)),
            Given::SwvsListed(n) => (Source::SwvsListed, Some(n as u32)),
        };
        let rule = value.map_or(Shown::NotReported, Shown::count);
        self.record(place, Relation::Given(source), rule)
    }

    /// `part / whole` in percent, printed only when both counts would be printed exactly (and
    /// neither sum is withheld).
    pub fn share(&mut self, place: FigureId, part: Vec<Cell>, whole: Vec<Cell>) -> Count {
        let rule = safe_share(self.sum(&part), self.sum(&whole), self.threshold).map_or(
            Shown::NotReported,
            |p| Shown::Exact {
                label: dutch::percent(p),
                value: None,
            },
        );
        self.record(place, Relation::Share { part, whole }, rule)
    }

    /// `now - before` with a sign, printed only when both counts would be printed exactly (and
    /// neither sum is withheld).
    pub fn difference(&mut self, place: FigureId, now: Vec<Cell>, before: Vec<Cell>) -> Count {
        let t = self.threshold;
        let exact = |v: Option<u32>| Shown::child_count(v, t).exact();
        let rule = match (exact(self.sum(&now)), exact(self.sum(&before))) {
            (Some(a), Some(b)) => {
                let d = i64::from(a) - i64::from(b);
                Shown::Exact {
                    // A real minus sign (U+2212), as wide as the plus.
                    label: match d {
                        1.. => format!("+{}", dutch::integer(d)),
                        0 => "0".to_string(),
                        _ => format!("\u{2212}{}", dutch::integer(-d)),
                    },
                    value: None,
                }
            }
            _ => Shown::NotReported,
        };
        self.record(place, Relation::Difference { now, before }, rule)
    }
}

/// A total over at least this many cells is shared between the outputs that print it.
const SHARED_FROM: usize = 32;

/// Totals that many outputs print alike, made once and held by all of them: the national
/// picture on a one-pager sums every SWV's cell of a year, and 1,160 one-pagers each holding
/// their own copy of such a total took over 60 MiB. The same figure (place and cells) is one
/// [`Count`], settled once, listed in the ledger under every output that prints it.
#[derive(Debug, Default)]
pub struct SharedFigures(std::sync::Mutex<std::collections::HashMap<u64, Vec<Count>>>);

impl SharedFigures {
    fn get_or_make(&self, place: FigureId, relation: Relation, rule: Shown) -> Count {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        place.hash(&mut h);
        if let Relation::Sum(cells) = &relation {
            cells.hash(&mut h);
        }
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let alike = map.entry(h.finish()).or_default();
        if let Some(c) = alike
            .iter()
            .find(|c| c.place() == &place && c.relation() == &relation)
        {
            return c.clone();
        }
        let c = Count::new(place, relation, rule);
        alike.push(c.clone());
        c
    }
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

    /// The phrase as written, piece by piece: plain text, or a figure in its final form with
    /// where it stands in the ledger (the web edition marks each figure). Errs, as
    /// [`Self::write`], when the ledger was never resolved. A phrase cut to a length (an alt
    /// text) is one text piece.
    pub fn parts<E: serde::ser::Error>(&self) -> Result<Vec<Part<'_>>, E> {
        if self.limit.is_some() {
            return Ok(vec![Part::Text(std::borrow::Cow::Owned(
                self.write::<E>()?,
            ))]);
        }
        self.pieces
            .iter()
            .map(|piece| {
                Ok(match piece {
                    Piece::Text(t) => Part::Text(std::borrow::Cow::Borrowed(t)),
                    Piece::Label(c) => Part::Figure {
                        count: c,
                        text: c.printed::<E>()?.label(),
                    },
                    Piece::InText(c) => Part::Figure {
                        count: c,
                        text: c.printed::<E>()?.in_text(),
                    },
                })
            })
            .collect()
    }

    /// Cuts the written text to `max` characters (see [`cut`]).
    pub fn at_most(mut self, max: usize) -> Self {
        self.limit = Some(max);
        self
    }
}

/// A piece of a written [`Phrase`].
#[derive(Debug)]
pub enum Part<'a> {
    Text(std::borrow::Cow<'a, str>),
    /// A figure as the phrase prints it (`1.234`, `<5`, `minder dan 5`, ...).
    Figure {
        count: &'a Count,
        text: String,
    },
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
