//! What privacy needs of published editions: the cell values a new edition is made from
//! (kept privately beside it, so a later audit knows what was true then), which of those
//! values changed since (a correction), and the differences between what an edition printed
//! and what would be printed now, every label through the small-count rule.

use std::collections::{BTreeMap, BTreeSet};

use super::disclosure::one_province;
use super::figures::Data;
use super::ledger::{Cell, Ledger, Recorded, Relation, describe_sum};
use super::rule::Shown;
use crate::model::Programme;

/// The value of every cell the figures of `ledger` are computed from (this build's own
/// figures; not those of earlier editions).
pub fn values(ledger: &Ledger, data: Data<'_>) -> BTreeMap<Cell, u32> {
    let mut cells: BTreeSet<&Cell> = BTreeSet::new();
    for (_, f) in ledger.figures() {
        match f.relation() {
            Relation::Sum(c) => cells.extend(c),
            Relation::Share { part, whole } => cells.extend(part.iter().chain(whole)),
            Relation::Difference { now, before } => cells.extend(now.iter().chain(before)),
            Relation::Given(_) => {}
        }
    }
    cells
        .into_iter()
        .filter_map(|c| Some((c.clone(), data.counts.cell(c)?)))
        .collect()
}

/// A published cell whose value is different now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub cell: Cell,
    /// As it was printed then, and as it would be printed now (the small-count rule applied
    /// to both; `–` when it is no longer reported).
    pub was: String,
    pub now: String,
}

impl Changed {
    /// "PO2801, benaderd 2023-2024: gepubliceerd 38, nu 40".
    pub fn line(&self) -> String {
        format!(
            "{}, {} {}: gepubliceerd {}, nu {}",
            self.cell.swv,
            self.cell.measure.label(),
            self.cell.schooljaar,
            self.was,
            self.now
        )
    }
}

/// The cells an edition was made from whose values changed since.
pub fn changed_since(then: &BTreeMap<Cell, u32>, data: Data<'_>) -> Vec<Changed> {
    let threshold = data.threshold();
    let label = |c: &Cell, v: Option<u32>| {
        if c.measure.is_child_count() {
            Shown::child_count(v, threshold).label()
        } else {
            v.map_or_else(|| Shown::NotReported.label(), |v| Shown::count(v).label())
        }
    };
    then.iter()
        .filter_map(|(cell, old)| {
            let now = data.counts.cell(cell);
            (now != Some(*old)).then(|| Changed {
                cell: cell.clone(),
                was: label(cell, Some(*old)),
                now: label(cell, now),
            })
        })
        .collect()
}

/// What a figure is, in words: "PO2801, benaderd 2023-2024" for one cell, "totaal benaderd
/// 2023-2024 in Zeeland (12 SWV's)" for a sum (its province when it is a province's total), its
/// place for a share or a difference.
pub fn describe(f: &Recorded, programme: Option<&Programme>) -> String {
    match &f.relation {
        Relation::Sum(cells) if cells.len() == 1 => {
            let c = &cells[0];
            format!("{}, {} {}", c.swv, c.measure.label(), c.schooljaar)
        }
        Relation::Sum(cells) => {
            let swvs: BTreeSet<_> = cells.iter().map(|c| &c.swv).collect();
            let within = programme
                .and_then(|p| one_province(p, cells))
                .map(|p| format!(" in {p}"))
                .unwrap_or_default();
            format!("{}{within} ({} SWV's)", describe_sum(cells), swvs.len())
        }
        Relation::Share { .. } | Relation::Difference { .. } | Relation::Given(_) => {
            f.place.clone()
        }
    }
}

/// A figure printed differently now than in an edition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    /// The output it is in (`rapportage-fase-2.pdf`, `regio/PO2801.pdf`).
    pub uitvoer: String,
    pub wat: String,
    pub gepubliceerd: String,
    pub nu: String,
}

/// Every figure of `then` (an edition's figures, by output) printed differently in `now`:
/// the same output, place and cells (a figure that now covers other cells, such as a total
/// with a new school year in it, is another figure, not a difference).
pub fn differences(
    then: &BTreeMap<String, Vec<Recorded>>,
    now: &BTreeMap<String, Vec<Recorded>>,
    programme: Option<&Programme>,
) -> Vec<Difference> {
    let mut out = Vec::new();
    for (output, figures) in then {
        let Some(current) = now.get(output) else {
            continue;
        };
        let by_place: BTreeMap<&str, &Recorded> =
            current.iter().map(|f| (f.place.as_str(), f)).collect();
        for f in figures {
            // A figure withheld (`×`) in one of the two is a choice of the protection, which
            // may differ once more is published; a changed count behind it is listed by
            // `changed_since` (check and the revision's corrections).
            let withheld = |label: &str| label == super::rule::WITHHELD_LABEL;
            if let Some(n) = by_place.get(f.place.as_str())
                && n.relation == f.relation
                && n.label != f.label
                && !withheld(&n.label)
                && !withheld(&f.label)
            {
                out.push(Difference {
                    uitvoer: output.clone(),
                    wat: describe(f, programme),
                    gepubliceerd: f.label.clone(),
                    nu: n.label.clone(),
                });
            }
        }
    }
    out
}
