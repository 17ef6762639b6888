//! Texts written by the project group or an SWV. A text may name a figure instead of typing it
//! (`{benaderd 2023-2024}`, see docs/invoer.md): such a reference is resolved through the
//! ledger like a table cell, never executed. Every number typed as a number is kept with its
//! place, so a check can refuse one that would give a small count away.

use std::ops::Range;
use std::path::PathBuf;

use super::{Measure, Province, SchoolYear, SwvCode};

/// Where something is in a text file: the file (as messages name it), line and column (from 1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct At {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// A file of texts: every text in it, with its key (`hoofdstuk[2].tekst`, counted from 1).
pub trait TextFile {
    fn prose_mut(&mut self) -> Vec<(String, &mut Prose)>;
}

/// A text as written, split into plain text and references to figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Prose {
    /// The text as written (references in their braces).
    raw: String,
    pieces: Vec<Piece>,
    /// The numbers typed in the text.
    numbers: Vec<Typed>,
    /// Where the text is in its file (the span of the TOML value), for locating it later.
    span: Option<Range<usize>>,
}

/// A part of a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Piece {
    Text(String),
    Figure(FigureRef),
}

/// A figure named in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FigureRef {
    pub measure: RefMeasure,
    /// The school years it counts (one, or a range).
    pub years: Years,
    pub scope: RefScope,
    /// As written, with its braces.
    pub written: String,
    pub at: At,
}

/// What a reference counts: a measure of the SWVs' figures, or the participating SWVs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefMeasure {
    Count(Measure),
    /// The SWVs that took part (reported figures for the year).
    Swvs,
}

impl RefMeasure {
    /// Every name a reference may use, with what it means.
    pub const NAMES: [(&'static str, RefMeasure); 9] = [
        ("benaderd", RefMeasure::Count(Measure::Benaderd)),
        (
            "in_ontwikkeling",
            RefMeasure::Count(Measure::InOntwikkeling),
        ),
        (
            "vrijstelling_5a",
            RefMeasure::Count(Measure::Vrijstelling5a),
        ),
        (
            "absoluut_verzuim",
            RefMeasure::Count(Measure::AbsoluutVerzuim),
        ),
        ("werkateliers", RefMeasure::Count(Measure::Werkateliers)),
        ("deelnemers", RefMeasure::Count(Measure::Deelnemers)),
        ("interviews", RefMeasure::Count(Measure::Interviews)),
        ("casussen", RefMeasure::Count(Measure::Casussen)),
        ("swvs", RefMeasure::Swvs),
    ];

    /// The name a reference uses.
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, m)| *m == self)
            .map_or("?", |(n, _)| n)
    }
}

/// The school years of a reference: `2023-2024`, or `2021-2022 t/m 2024-2025`; `None` in an
/// SWV's summary means the summary's own school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Years {
    pub first: Option<SchoolYear>,
    pub last: Option<SchoolYear>,
}

/// Whose figures a reference counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RefScope {
    /// Every SWV (the default in the project group's texts).
    National,
    Province(Province),
    /// One SWV (the default in an SWV's summary: its own).
    Swv(SwvCode),
    /// Not written: the text's own default.
    Default,
}

/// A number typed in a text, with its place.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Typed {
    pub value: u32,
    /// As written (`3`, `1.234`, `drie`).
    pub written: String,
    /// Written in digits (not as a word).
    pub digits: bool,
    /// It states a number of children, young people, pupils, parents or families (`drie
    /// kinderen`, `2 ouders`).
    pub of_people: bool,
    /// It counts something else than people: `3 gemeenten`, `4 scholen`, `2 bijeenkomsten`.
    pub of_other: bool,
    /// The measure the words around it name (`absoluut verzuim (3)`), if any.
    pub near: Option<Measure>,
    /// The (up to three) words just before it, in lower case, without punctuation: whether it
    /// stands in a name.
    pub preceding: Vec<String>,
    pub at: At,
}

impl Typed {
    /// Whether it is written as the number within `name` (`Proef 3` in "Samenwerkingsverband
    /// Proef 3"): the word of the name before that number stands just before it in the text.
    pub fn within_name(&self, name: &str) -> bool {
        let words: Vec<String> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let written = self.written.to_lowercase();
        words
            .iter()
            .enumerate()
            .skip(1)
            .any(|(k, w)| *w == written && self.preceding.last() == Some(&words[k - 1]))
    }
}

impl Prose {
    /// A text as read, before it is split (see `inputs::prose`): all plain text.
    pub fn plain(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        Self {
            pieces: if raw.is_empty() {
                Vec::new()
            } else {
                vec![Piece::Text(raw.clone())]
            },
            raw,
            numbers: Vec::new(),
            span: None,
        }
    }

    /// A text split into its pieces, with the numbers typed in it.
    pub fn parsed(raw: String, pieces: Vec<Piece>, numbers: Vec<Typed>) -> Self {
        Self {
            raw,
            pieces,
            numbers,
            span: None,
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn is_empty(&self) -> bool {
        self.raw.trim().is_empty()
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    pub fn numbers(&self) -> &[Typed] {
        &self.numbers
    }

    pub fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    /// The references in the text.
    pub fn figures(&self) -> impl Iterator<Item = &FigureRef> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Figure(f) => Some(f),
            Piece::Text(_) => None,
        })
    }

    /// The text as a short item (a bullet, a title) is shown: spaces collapsed, the first
    /// letter a capital, no closing full stop. What was written is not changed (`as_str`).
    pub fn as_item(&self) -> Self {
        let mut pieces: Vec<Piece> = self
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => Piece::Text(collapse_spaces(t)),
                Piece::Figure(f) => Piece::Figure(f.clone()),
            })
            .collect();
        if let Some(Piece::Text(t)) = pieces.first_mut() {
            let trimmed = t.trim_start();
            let mut chars = trimmed.chars();
            *t = match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            };
        }
        if let Some(Piece::Text(t)) = pieces.last_mut() {
            *t = t
                .trim_end()
                .trim_end_matches(['.', ';', ','])
                .trim_end()
                .to_string();
        }
        pieces.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
        Self {
            raw: self.raw.clone(),
            pieces,
            numbers: self.numbers.clone(),
            span: self.span.clone(),
        }
    }

    /// The same text, trimmed (pieces and numbers are kept as they are).
    pub fn trimmed(mut self) -> Self {
        let trimmed = self.raw.trim();
        if trimmed.len() != self.raw.len() {
            self.raw = trimmed.to_string();
            if let [Piece::Text(t)] = self.pieces.as_mut_slice() {
                *t = t.trim().to_string();
            }
        }
        self
    }
}

/// `text` with every run of white space one space.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// A text in a TOML file: read with its span, split into pieces once the file is located
/// (`inputs::prose::locate`).
impl<'de> serde::Deserialize<'de> for Prose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<String>::deserialize(d)?;
        let span = spanned.span();
        let mut prose = Prose::plain(spanned.into_inner());
        if !span.is_empty() {
            prose.span = Some(span);
        }
        Ok(prose)
    }
}

/// Written back as the text it is (for checks that walk every text of a file).
impl serde::Serialize for Prose {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl std::fmt::Display for Prose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(p: &Prose) -> String {
        p.pieces()
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Figure(f) => f.written.clone(),
            })
            .collect()
    }

    #[test]
    fn a_short_item_is_shown_normalised_and_kept_as_written() {
        let p = Prose::plain("  succes  vieren,\thoe klein ook. ");
        assert_eq!(shown(&p.as_item()), "Succes vieren, hoe klein ook");
        assert_eq!(p.as_item().as_str(), "  succes  vieren,\thoe klein ook. ");
        assert_eq!(shown(&Prose::plain("Echt?").as_item()), "Echt?");
        assert_eq!(
            shown(&Prose::plain("één vaste begeleider").as_item()),
            "Één vaste begeleider"
        );
    }
}
