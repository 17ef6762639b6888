//! The ledger of published figures: every number any output shows, with the (SWV, school
//! year, measure) cells it is computed from, what the small-count rule makes of it, and (once
//! secondary suppression has decided) how it is finally printed.
//!
//! A figure is a [`Count`]: a shared slot that the view holds and the ledger lists. Views are
//! made once, before protection; [`Ledger::resolve`] then settles every slot, and only a
//! settled `Count` can be written into a template's data. So what the ledger lists is what the
//! documents print, and the disclosure audit reads it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde::ser::SerializeStruct;

pub use super::figure_id::FigureId;
use super::rule::Shown;
use crate::model::{Measure, SchoolYear, SwvCode};

/// One (SWV, school year, measure) cell of the inputs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Cell {
    pub swv: SwvCode,
    pub schooljaar: SchoolYear,
    pub measure: Measure,
}

/// Where a number from outside the SWV cells comes from. It carries no cell: a given number
/// can never be an SWV's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Public national statistics (`[landelijk]` in project.toml).
    NationalStatistics,
    /// A number the project group typed in its texts (a brochure key figure's `waarde`).
    ProjectText,
    /// How many SWVs name an item (`wat werkt`) in their summaries.
    SwvsNaming,
    /// A number of the register of SWVs in project.toml (an SWV's municipalities).
    Register,
    /// How many SWVs a list shows (the annex's SWVs of a province).
    SwvsListed,
}

/// How a figure relates to the cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The sum of the cells (one cell: the cell itself).
    Sum(Vec<Cell>),
    /// `part / whole` as a percentage.
    Share { part: Vec<Cell>, whole: Vec<Cell> },
    /// `now - before`.
    Difference { now: Vec<Cell>, before: Vec<Cell> },
    /// A number from outside the SWV cells.
    Given(Source),
}

/// How a figure is shown: the one vocabulary of the ledger, `wel cijfers`, an edition's
/// `cijfers.json` and the templates' `soort` (the same four words as [`Shown::kind`]). The
/// variants are [`Shown`]'s, without the printed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum ShownAs {
    /// Printed as it is.
    #[serde(rename = "exact")]
    Exact,
    /// A count of 1 to threshold-1 children, printed as `<threshold`. (`suppressed`: how
    /// editions before December 2026 wrote it.)
    #[serde(rename = "klein", alias = "suppressed")]
    Small,
    /// Withheld by secondary suppression (printed as `×`): it would give a small count away.
    #[serde(rename = "afgeschermd", alias = "withheld")]
    Withheld,
    /// Nothing reported, or a share or difference that cannot be printed (`–`).
    #[serde(rename = "onbekend", alias = "hidden")]
    NotReported,
}

impl ShownAs {
    pub fn of(shown: &Shown) -> Self {
        match shown {
            Shown::Exact { .. } => Self::Exact,
            Shown::Small { .. } => Self::Small,
            Shown::NotReported => Self::NotReported,
            Shown::Withheld => Self::Withheld,
        }
    }

    /// The word for it: `exact`, `klein`, `afgeschermd` or `onbekend`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Small => "klein",
            Self::Withheld => "afgeschermd",
            Self::NotReported => "onbekend",
        }
    }
}

/// One published figure: where, from which cells, and how it is printed.
#[derive(Debug)]
struct Slot {
    place: FigureId,
    relation: Relation,
    /// What the small-count rule makes of it.
    rule: Shown,
    /// What is printed, once secondary suppression has decided.
    resolved: OnceLock<Shown>,
}

/// A figure as a view holds it. Only a [`super::Publisher`] makes one, and a view cannot read
/// its value: it is written into a template's data (as `{soort, label, waarde, tekst}`) once
/// the ledger it belongs to is resolved.
#[derive(Debug, Clone)]
pub struct Count(Arc<Slot>);

impl Count {
    pub(in crate::privacy) fn new(place: FigureId, relation: Relation, rule: Shown) -> Self {
        Self(Arc::new(Slot {
            place,
            relation,
            rule,
            resolved: OnceLock::new(),
        }))
    }

    pub fn place(&self) -> &FigureId {
        &self.0.place
    }

    pub fn relation(&self) -> &Relation {
        &self.0.relation
    }

    /// How the figure is shown, in the ledger's words, once secondary suppression has settled
    /// it; `None` before: no figure has a printed form before it is settled.
    pub fn shown_as(&self) -> Option<ShownAs> {
        self.resolved().map(ShownAs::of)
    }

    /// How it stands while secondary suppression decides: settled, else by the rule alone.
    /// Only the suppression and the audit inside `privacy` ask this; nothing prints it.
    pub(in crate::privacy) fn shown_while_deciding(&self) -> ShownAs {
        ShownAs::of(self.resolved().unwrap_or(&self.0.rule))
    }

    /// How the small-count rule alone shows it (before secondary suppression).
    pub fn rule_shown_as(&self) -> ShownAs {
        ShownAs::of(&self.0.rule)
    }

    /// The printed label once settled (`1.234`, `<5`, `×`, `–`); `None` before.
    pub fn label(&self) -> Option<String> {
        self.resolved().map(Shown::label)
    }

    /// What the small-count rule alone prints, before secondary suppression: only to compare
    /// a plan with an earlier edition before protection runs (see [`Recorded::by_rule`]).
    pub(crate) fn rule_label(&self) -> String {
        self.0.rule.label()
    }

    /// The final form; `None` before the ledger is resolved.
    pub(crate) fn resolved(&self) -> Option<&Shown> {
        self.0.resolved.get()
    }

    /// The final form of a figure from a view, for code that writes output (CSV cells,
    /// phrases). Errs when the ledger was never resolved: nothing unresolved is ever printed.
    pub(crate) fn printed<E: serde::ser::Error>(&self) -> Result<&Shown, E> {
        self.resolved().ok_or_else(|| {
            E::custom(format!(
                "figure {} written before the ledger was resolved",
                self.0.place
            ))
        })
    }

    fn resolve(&self, withholding: &Withholding) {
        let rule = &self.0.rule;
        let hidden = |cells: &[Cell]| withholding.withholds(cells);
        let shown = match (&self.0.relation, rule) {
            (_, Shown::NotReported) => Shown::NotReported,
            (Relation::Sum(cells), _) if hidden(cells) => Shown::Withheld,
            (Relation::Sum(_), _) => rule.clone(),
            (Relation::Share { part, whole }, _) if hidden(part) || hidden(whole) => {
                Shown::NotReported
            }
            (Relation::Share { .. }, _) => rule.clone(),
            (Relation::Difference { now, before }, _) if hidden(now) || hidden(before) => {
                Shown::NotReported
            }
            (Relation::Difference { .. }, _) => rule.clone(),
            (Relation::Given(_), _) => rule.clone(),
        };
        // A slot is resolved once: the plan of a build is resolved once.
        let _ = self.0.resolved.set(shown);
    }
}

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.printed::<S::Error>()?.serialize(s)
    }
}

/// What secondary suppression withholds: sums of cells (each sorted, child counts only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withholding {
    sums: BTreeSet<Vec<Cell>>,
}

impl Withholding {
    pub fn new(sums: impl IntoIterator<Item = Vec<Cell>>) -> Self {
        Self {
            sums: sums.into_iter().map(|c| sum_key(&c)).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sums.is_empty()
    }

    pub(in crate::privacy) fn withholds(&self, cells: &[Cell]) -> bool {
        !self.sums.is_empty() && self.sums.contains(&sum_key(cells))
    }
}

/// The identity of a sum: its child-count cells, sorted, without repeats.
fn sum_key(cells: &[Cell]) -> Vec<Cell> {
    let mut key: Vec<Cell> = cells
        .iter()
        .filter(|c| c.measure.is_child_count())
        .cloned()
        .collect();
    key.sort();
    key.dedup();
    key
}

/// What a sum of cells is, in words: `totaal vrijstelling 5 onder a 2021-2022`, or over
/// several school years `... 2021-2022 tot en met 2024-2025`.
pub fn describe_sum(cells: &[Cell]) -> String {
    let measures: BTreeSet<&str> = cells.iter().map(|c| c.measure.label()).collect();
    let years: BTreeSet<_> = cells.iter().map(|c| c.schooljaar).collect();
    let measure = measures.into_iter().collect::<Vec<_>>().join("/");
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} tot en met {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    format!("totaal {measure} {span}")
}

/// One figure as an edition keeps it (`cijfers.json`): where, from which cells, the printed
/// label and how it was shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Recorded {
    pub place: FigureId,
    pub relation: Relation,
    pub label: String,
    pub shown: ShownAs,
}

impl Recorded {
    /// A settled figure as an edition records it; `None` before it is settled.
    pub fn of(f: &Count) -> Option<Self> {
        Some(Self {
            place: f.place().clone(),
            relation: f.relation().clone(),
            label: f.label()?,
            shown: f.shown_as()?,
        })
    }

    /// A figure as the small-count rule alone prints it, before secondary suppression: a
    /// planned document compared with the edition it may be taken over from.
    pub fn by_rule(f: &Count) -> Self {
        Self {
            place: f.place().clone(),
            relation: f.relation().clone(),
            label: f.rule_label(),
            shown: f.rule_shown_as(),
        }
    }
}

/// What an earlier edition published: its figures by output, and the values of the cells
/// they were computed from then (kept privately with the edition).
#[derive(Debug, Clone, Default)]
pub struct EarlierEdition {
    pub name: String,
    pub figures: BTreeMap<String, Vec<Recorded>>,
    pub values: BTreeMap<Cell, u32>,
    /// Solutions of what it published that its protection found (kept privately with it):
    /// a later audit tries each again, so that a value found possible then is not lost to a
    /// search budget now.
    pub witnesses: Vec<super::disclosure::Witness>,
}

/// Every figure of one build, by output (`regio/PO2801.pdf`,
/// `bundels/PO2801.zip:PO2801-cijfers.csv`), and what earlier editions published: those are
/// facts anyone may hold beside this build's documents, so the audit counts them too and
/// secondary suppression cannot take them back.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    outputs: BTreeMap<String, Vec<Count>>,
    pub(crate) earlier: Vec<EarlierEdition>,
}

impl Ledger {
    pub fn insert(&mut self, output: String, figures: Vec<Count>) {
        self.outputs.insert(output, figures);
    }

    /// Takes an output's figures out (a document blocked after planning publishes nothing).
    pub fn remove(&mut self, output: &str) {
        self.outputs.remove(output);
    }

    /// Adds what an earlier edition published.
    pub fn add_earlier(&mut self, edition: EarlierEdition) {
        self.earlier.push(edition);
    }

    /// Every settled figure as an edition records it, by output (once [`Self::resolve`] ran,
    /// every figure).
    pub fn recorded(&self) -> BTreeMap<String, Vec<Recorded>> {
        self.outputs
            .iter()
            .map(|(o, figs)| (o.clone(), figs.iter().filter_map(Recorded::of).collect()))
            .collect()
    }

    /// Every figure with the output it is in.
    pub fn figures(&self) -> impl Iterator<Item = (&str, &Count)> {
        self.outputs
            .iter()
            .flat_map(|(o, figs)| figs.iter().map(move |f| (o.as_str(), f)))
    }

    /// The figures of one output.
    pub fn of(&self, output: &str) -> &[Count] {
        self.outputs.get(output).map_or(&[], Vec::as_slice)
    }

    /// Settles how every figure is printed, now that secondary suppression has chosen.
    pub fn resolve(&self, withholding: &Withholding) {
        for (_, f) in self.figures() {
            f.resolve(withholding);
        }
    }

    /// One line per figure: output, place, printed label, how shown, cells.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from("uitvoer\tplaats\tgetoond\twijze\tcellen\n");
        for (output, f) in self.figures() {
            out.push_str(&format!(
                "{output}\t{}\t{}\t{}\t{}\n",
                f.place(),
                f.label().unwrap_or_else(|| "(nog niet afgeschermd)".into()),
                f.shown_as().map_or("", ShownAs::word),
                describe(f.relation())
            ));
        }
        out
    }

    /// What the choice of secondary suppression depends on: every figure's place, cells and
    /// what the rule makes of it (never how it is finally printed, nor any text), written into
    /// `h` as it goes (at 1,160 SWVs it is some 100 MiB: collected first, it was a build's
    /// peak memory).
    pub fn hash_rule_key(&self, h: &mut impl std::io::Write) {
        let mut add = |bytes: &[u8]| h.write_all(bytes).expect("hashing does not fail");
        for (output, f) in self.figures() {
            add(output.as_bytes());
            add(f.place().to_string().as_bytes());
            hash_relation(&mut add, f.relation());
            add(f.rule_shown_as().word().as_bytes());
            add(b"\n");
        }
        // What earlier editions published is part of the question.
        for e in &self.earlier {
            add(e.name.as_bytes());
            add(&serde_json::to_vec(&e.figures).expect("records serialise"));
            for (cell, v) in &e.values {
                add(&serde_json::to_vec(cell).expect("cells serialise"));
                add(&v.to_le_bytes());
            }
        }
    }
}

/// A relation in a compact form for [`Ledger::hash_rule_key`]: its kind, then each list of
/// cells with its length and, per cell, code, school year and measure (as JSON it was most of
/// the key's cost: a national total names every SWV).
fn hash_relation(add: &mut impl FnMut(&[u8]), relation: &Relation) {
    let mut cells = |tag: u8, cells: &[Cell]| {
        add(&[tag]);
        add(&(cells.len() as u64).to_le_bytes());
        for c in cells {
            add(c.swv.as_str().as_bytes());
            add(b"|");
            add(&c.schooljaar.start().to_le_bytes());
            add(&[c.measure as u8]);
        }
    };
    match relation {
        Relation::Sum(c) => cells(b'S', c),
        Relation::Share { part, whole } => {
            cells(b'P', part);
            cells(b'W', whole);
        }
        Relation::Difference { now, before } => {
            cells(b'N', now);
            cells(b'B', before);
        }
        Relation::Given(source) => add(format!("G{source:?}").as_bytes()),
    }
}

/// `wel cijfers --json`: `{"outputs": {output: [{place, relation, label, shown}]}}`.
impl Serialize for Ledger {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Listed<'a>(&'a Count);
        impl Serialize for Listed<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("Figure", 4)?;
                st.serialize_field("place", self.0.place())?;
                st.serialize_field("relation", self.0.relation())?;
                let shown = self.0.printed::<S::Error>()?;
                st.serialize_field("label", &shown.label())?;
                st.serialize_field("shown", &ShownAs::of(shown))?;
                st.end()
            }
        }
        let outputs: BTreeMap<&str, Vec<Listed<'_>>> = self
            .outputs
            .iter()
            .map(|(k, v)| (k.as_str(), v.iter().map(Listed).collect()))
            .collect();
        let mut st = s.serialize_struct("Ledger", 1)?;
        st.serialize_field("outputs", &outputs)?;
        st.end()
    }
}

fn cells_text(cells: &[Cell]) -> String {
    if cells.is_empty() {
        return "(geen)".to_string();
    }
    cells
        .iter()
        .map(|c| format!("{}/{}/{}", c.swv, c.schooljaar, c.measure.label()))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn describe(relation: &Relation) -> String {
    match relation {
        Relation::Sum(cells) => cells_text(cells),
        Relation::Share { part, whole } => {
            format!("({}) / ({})", cells_text(part), cells_text(whole))
        }
        Relation::Difference { now, before } => {
            format!("({}) - ({})", cells_text(now), cells_text(before))
        }
        Relation::Given(Source::NationalStatistics) => "(landelijke statistiek)".to_string(),
        Relation::Given(Source::ProjectText) => "(getal uit een tekstbestand)".to_string(),
        Relation::Given(Source::SwvsNaming) => "(aantal SWV's dat het noemt)".to_string(),
        Relation::Given(Source::Register) => "(register van SWV's in project.toml)".to_string(),
        Relation::Given(Source::SwvsListed) => "(aantal SWV's in de lijst)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_has_no_printed_form_before_it_is_settled() {
        let programme = crate::model::Programme::for_tests(5);
        let counts = crate::privacy::figures::Counts::default();
        let mut p = crate::privacy::Publisher::new(crate::privacy::Data {
            programme: &programme,
            counts: &counts,
        });
        let c = p.given(FigureId::new("x"), crate::privacy::Given::ProjectText(12));
        assert_eq!(c.label(), None);
        assert_eq!(c.shown_as(), None);
        assert!(Recorded::of(&c).is_none());
        assert!(serde_json::to_string(&c).is_err(), "nothing writes it");
        assert_eq!(
            Recorded::by_rule(&c).label,
            "12",
            "only by asking for the rule's form"
        );
        let mut ledger = Ledger::default();
        ledger.insert("o".into(), vec![c.clone()]);
        ledger.resolve(&Withholding::default());
        assert_eq!(c.label().as_deref(), Some("12"));
        assert_eq!(c.shown_as(), Some(ShownAs::Exact));
        assert!(serde_json::to_string(&c).unwrap().contains("12"));
    }

    #[test]
    fn one_word_for_each_way_a_figure_is_shown_and_earlier_editions_still_read() {
        let all = [
            (Shown::count(7), "exact"),
            (Shown::Small { threshold: 5 }, "klein"),
            (Shown::Withheld, "afgeschermd"),
            (Shown::NotReported, "onbekend"),
        ];
        for (shown, word) in all {
            let as_ = ShownAs::of(&shown);
            assert_eq!(shown.kind(), word, "the templates' soort");
            assert_eq!(as_.word(), word, "the ledger's column");
            assert_eq!(serde_json::to_string(&as_).unwrap(), format!("\"{word}\""));
        }
        for (old, now) in [
            ("suppressed", ShownAs::Small),
            ("withheld", ShownAs::Withheld),
            ("hidden", ShownAs::NotReported),
        ] {
            let read: ShownAs = serde_json::from_str(&format!("\"{old}\"")).unwrap();
            assert_eq!(read, now, "{old} in an edition of before");
        }
    }
}
